// #[js_export] export_fast_every_number(u8, i8, u16, i16, u32, i32, f32, f64, usize, isize) -> f64
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// f = [function]
// arity = [function arity]
// enc = [function checkAndEncode]
// w0 = "export_fast_every_number: argument 1 (p0)"
// c0 = [function]
// w1 = "export_fast_every_number: argument 2 (p1)"
// c1 = [function]
// w2 = "export_fast_every_number: argument 3 (p2)"
// c2 = [function]
// w3 = "export_fast_every_number: argument 4 (p3)"
// c3 = [function]
// w4 = "export_fast_every_number: argument 5 (p4)"
// c4 = [function]
// w5 = "export_fast_every_number: argument 6 (p5)"
// c5 = [function]
// w6 = "export_fast_every_number: argument 7 (p6)"
// c6 = [function 8]
// w7 = "export_fast_every_number: argument 8 (p7)"
// c7 = [function 9]
// w8 = "export_fast_every_number: argument 9 (p8)"
// c8 = [function]
// w9 = "export_fast_every_number: argument 10 (p9)"
// c9 = [function]
(function (rt, h, f, arity, enc, w0, c0, w1, c1, w2, c2, w3, c3, w4, c4, w5, c5, w6, c6, w7, c7, w8, c8, w9, c9) {
"use strict";
return { export_(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9) {
    if (arguments.length !== 10) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    const v0 = (typeof a0 === "number" && (a0 & 255) === a0 ? a0 : c0(a0, w0));
    const v1 = (typeof a1 === "number" && ((a1 << 24) >> 24) === a1 ? a1 : c1(a1, w1));
    const v2 = (typeof a2 === "number" && (a2 & 65535) === a2 ? a2 : c2(a2, w2));
    const v3 = (typeof a3 === "number" && ((a3 << 16) >> 16) === a3 ? a3 : c3(a3, w3));
    const v4 = (typeof a4 === "number" && a4 >>> 0 === a4 ? a4 : c4(a4, w4));
    const v5 = (typeof a5 === "number" && (a5 | 0) === a5 ? a5 : c5(a5, w5));
    const v6 = c6(a6, w6);
    const v7 = (typeof a7 === "number" ? a7 : c7(a7, w7));
    const v8 = (typeof a8 === "number" && a8 >>> 0 === a8 ? a8 : c8(a8, w8));
    const v9 = (typeof a9 === "number" && (a9 | 0) === a9 ? a9 : c9(a9, w9));
    let r;
    try {
        r = f(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9);
      } catch (e) {
        throw rt.trapped(e);
      }
    if (rt.batchPending) rt.flushQueued();
    return r;
  } }.export_;
})

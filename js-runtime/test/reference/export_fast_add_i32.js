// #[js_export] export_fast_add_i32(i32, i32) -> i32
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// f = [function]
// arity = [function arity]
// enc = [function checkAndEncode]
// w0 = "export_fast_add_i32: argument 1 (p0)"
// c0 = [function]
// w1 = "export_fast_add_i32: argument 2 (p1)"
// c1 = [function]
(function (rt, h, f, arity, enc, w0, c0, w1, c1) {
"use strict";
return { export_(a0, a1) {
    if (arguments.length !== 2) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    const v0 = (typeof a0 === "number" && (a0 | 0) === a0 ? a0 : c0(a0, w0));
    const v1 = (typeof a1 === "number" && (a1 | 0) === a1 ? a1 : c1(a1, w1));
    let r;
    try {
        r = f(v0, v1);
      } catch (e) {
        throw rt.trapped(e);
      }
    if (rt.batchPending) rt.flushQueued();
    return r;
  } }.export_;
})

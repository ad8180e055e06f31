// #[js_export] export_fast_str_to_u32(string, u32) -> u32
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// f = [function]
// arity = [function arity]
// enc = [function checkAndEncode]
// w0 = "export_fast_str_to_u32: argument 1 (p0)"
// w1 = "export_fast_str_to_u32: argument 2 (p1)"
// c1 = [function]
(function (rt, h, f, arity, enc, w0, w1, c1) {
"use strict";
return { export_(a0, a1) {
    if (arguments.length !== 2) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    let r;
    try {
      const p0 = enc(h, a0, w0); const l0 = h.lastLength;
      const v1 = (typeof a1 === "number" && a1 >>> 0 === a1 ? a1 : c1(a1, w1));
      try {
        r = f(p0, l0, v1);
      } catch (e) {
        throw rt.trapped(e);
      }
    } finally {
      h.release(top, ov);
    }
    if (rt.batchPending) rt.flushQueued();
    return (r >>> 0);
  } }.export_;
})

// #[js_export] export_fast_bool_char(bool, char) -> char
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// f = [function]
// arity = [function arity]
// enc = [function checkAndEncode]
// w0 = "export_fast_bool_char: argument 1 (p0)"
// c0 = [function 1]
// w1 = "export_fast_bool_char: argument 2 (p1)"
// c1 = [function 10]
(function (rt, h, f, arity, enc, w0, c0, w1, c1) {
"use strict";
return { export_(a0, a1) {
    if (arguments.length !== 2) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    const v0 = (a0 === true ? 1 : a0 === false ? 0 : c0(a0, w0));
    const v1 = c1(a1, w1);
    let r;
    try {
        r = f(v0, v1);
      } catch (e) {
        throw rt.trapped(e);
      }
    if (rt.batchPending) rt.flushQueued();
    return String.fromCodePoint(r >>> 0);
  } }.export_;
})

// #[js_export] export_slot_any(any) -> any
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 13
// call = [function slotwire_call]
// rr = [function readAny]
// retWhat = "export_slot_any: result"
// arity = [function arity]
// readRustError = [function readRustError]
// rollback = [function]
// x0 = [function writeAny]
// v0 = "export_slot_any: argument 1 (p0)"
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback, x0, v0) {
"use strict";
return { export_(a0) {
    if (arguments.length !== 1) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(48);
      let k = 0;
      try {
        x0(h, p + 32, a0, v0); k = 1;
      } catch (e) {
        rollback(p, k);
        throw e;
      }
      let status;
      try {
        status = call(id, p);
      } catch (e) {
        throw rt.trapped(e);
      }
      if (h.u8.length === 0) h.refresh();
      if (status !== 0) throw readRustError(h, p);
      return rr(h, p + 16, retWhat);
    } finally {
      h.release(top, ov);
    }
  } }.export_;
})

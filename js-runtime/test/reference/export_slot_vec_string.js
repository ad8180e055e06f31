// #[js_export] export_slot_vec_string(array<string>, array<Option<i32>>) -> array<string>
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 10
// call = [function slotwire_call]
// rr = [function]
// retWhat = "export_slot_vec_string: result"
// arity = [function arity]
// readRustError = [function readRustError]
// rollback = [function]
// x0 = [function]
// v0 = "export_slot_vec_string: argument 1 (p0)"
// x1 = [function]
// v1 = "export_slot_vec_string: argument 2 (p1)"
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback, x0, v0, x1, v1) {
"use strict";
return { export_(a0, a1) {
    if (arguments.length !== 2) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(64);
      let k = 0;
      try {
        x0(h, p + 32, a0, v0); k = 1;
        x1(h, p + 48, a1, v1); k = 2;
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

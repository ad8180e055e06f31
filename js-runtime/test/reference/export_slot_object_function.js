// #[js_export] export_slot_object_function(object, function, i32) -> object
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 12
// call = [function slotwire_call]
// rr = [function readObject]
// retWhat = "export_slot_object_function: result"
// arity = [function arity]
// readRustError = [function readRustError]
// rollback = [function]
// x0 = [function 32]
// v0 = "export_slot_object_function: argument 1 (p0)"
// x1 = [function 34]
// v1 = "export_slot_object_function: argument 2 (p1)"
// x2 = [function]
// v2 = "export_slot_object_function: argument 3 (p2)"
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback, x0, v0, x1, v1, x2, v2) {
"use strict";
return { export_(a0, a1, a2) {
    if (arguments.length !== 3) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(80);
      let k = 0;
      try {
        x0(h, p + 32, a0, v0); k = 1;
        x1(h, p + 48, a1, v1); k = 2;
        x2(h, p + 64, a2, v2); k = 3;
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

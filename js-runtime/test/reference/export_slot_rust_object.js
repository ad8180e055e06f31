// #[js_export] export_slot_rust_object(rust_object, Option<rust_object>) -> rust_object
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 16
// call = [function slotwire_call]
// rr = [function 33]
// retWhat = "export_slot_rust_object: result"
// arity = [function arity]
// readRustError = [function readRustError]
// rollback = null
// x0 = [function 33]
// v0 = "export_slot_rust_object: argument 1 (p0)"
// x1 = [function]
// v1 = "export_slot_rust_object: argument 2 (p1)"
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback, x0, v0, x1, v1) {
"use strict";
return { export_(a0, a1) {
    if (arguments.length > 2 || arguments.length < 1) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(64);
      x0(h, p + 32, a0, v0);
      x1(h, p + 48, a1, v1);
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

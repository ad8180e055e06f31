// JsClosure closure_slot_object_vec(object, array<u8>) -> void
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 7
// call = [function]
// rr = [function readVoid]
// retWhat = "closure: result"
// arity = [function arity]
// readRustError = [function closureError]
// rollback = [function]
// x0 = [function 32]
// v0 = "closure: argument 1 (?)"
// x1 = [function]
// v1 = "closure: argument 2 (?)"
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback, x0, v0, x1, v1) {
"use strict";
return { export_(a0, a1) {
    if (arguments.length < 2) throw arity(arguments.length);
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

// JsClosure closure_slot_string(string) -> string
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 6
// call = [function]
// rr = [function 17]
// retWhat = "closure: result"
// arity = [function arity]
// readRustError = [function closureError]
// rollback = null
// x0 = [function 17]
// v0 = "closure: argument 1 (?)"
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback, x0, v0) {
"use strict";
return { export_(a0) {
    if (arguments.length < 1) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(48);
      x0(h, p + 32, a0, v0);
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

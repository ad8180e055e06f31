// #[js_export] export_async_vec_f64() -> promise<array<f64>>
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 19
// call = [function slotwire_call]
// rr = [function rr]
// retWhat = "export_async_vec_f64: result"
// arity = [function arity]
// readRustError = [function readRustError]
// rollback = null
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback) {
"use strict";
return { export_() {
    if (arguments.length !== 0) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(32);
      
      let status;
      try {
        status = call(id, p);
      } catch (e) {
        throw rt.trapped(e);
      }
      if (h.u8.length === 0) h.refresh();
      if (status !== 0) return Promise.reject(readRustError(h, p));
      return rr(h, p + 16, retWhat);
    } finally {
      h.release(top, ov);
    }
  } }.export_;
})

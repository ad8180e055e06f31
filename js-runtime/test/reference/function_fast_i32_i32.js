// JsClosure function_fast_i32_i32(i32) -> i32
// 2 generated functions

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 8
// call = [function]
// rr = [function 7]
// retWhat = "closure: result"
// arity = [function arity]
// readRustError = [function closureError]
// rollback = null
// x0 = [function]
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


// ---- 2 ----
// rt = [object Runtime]
// h = [object Heap]
// f = [function]
// slow = [function closure]
// live = [object Object]
// enc = [function checkAndEncode]
// w0 = "closure: argument 1 (?)"
// c0 = [function]
(function (rt, h, f, slow, live, enc, w0, c0) {
"use strict";
return { closure_(a0) {
    if (arguments.length < 1 || live.dropped) return slow.apply(this, arguments);
    if (rt.poisoned !== null) throw rt.poisonError();
    let r;
    const v0 = (typeof a0 === "number" && (a0 | 0) === a0 ? a0 : c0(a0, w0));
    try {
      r = f(v0);
    } catch (e) {
      throw rt.trapped(e);
    }
    // Whether Rust asked for the slot path, read (and cleared) before anything else runs: the
    // flush below may make typed imports, which would take the status word for a throw.
    // What the closure queued runs before JS goes on (Rust checks nothing on the way out).
    if (rt.batchPending) rt.flushQueued();
    return r;
  } }.closure_;
})

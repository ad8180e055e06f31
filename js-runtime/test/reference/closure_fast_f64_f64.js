// JsClosure closure_fast_f64_f64(f64, f64) -> f64
// 2 generated functions

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 1
// call = [function]
// rr = [function 9]
// retWhat = "closure: result"
// arity = [function arity]
// readRustError = [function closureError]
// rollback = null
// x0 = [function 9]
// v0 = "closure: argument 1 (?)"
// x1 = [function 9]
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


// ---- 2 ----
// rt = [object Runtime]
// h = [object Heap]
// f = [function]
// slow = [function closure]
// live = null
// enc = [function checkAndEncode]
// w0 = "closure: argument 1 (?)"
// c0 = [function 9]
// w1 = "closure: argument 2 (?)"
// c1 = [function 9]
(function (rt, h, f, slow, live, enc, w0, c0, w1, c1) {
"use strict";
return { closure_(a0, a1) {
    if (arguments.length < 2) return slow.apply(this, arguments);
    if (rt.poisoned !== null) throw rt.poisonError();
    let r;
    const v0 = (typeof a0 === "number" ? a0 : c0(a0, w0));
    const v1 = (typeof a1 === "number" ? a1 : c1(a1, w1));
    try {
      r = f(1, v0, v1);
    } catch (e) {
      throw rt.trapped(e);
    }
    // Whether Rust asked for the slot path, read (and cleared) before anything else runs: the
    // flush below may make typed imports, which would take the status word for a throw.
    if (r !== r) {
      if (h.u32.length === 0) h.refresh();
      if (h.u32[16] === 2) {
        h.u32[16] = 0;
        if (rt.batchPending) rt.flushQueued();
        return slow.apply(this, arguments);
      }
    }
    // What the closure queued runs before JS goes on (Rust checks nothing on the way out).
    if (rt.batchPending) rt.flushQueued();
    return r;
  } }.closure_;
})

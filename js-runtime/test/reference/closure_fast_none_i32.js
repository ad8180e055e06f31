// JsClosure closure_fast_none_i32() -> i32
// 2 generated functions

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 4
// call = [function]
// rr = [function 7]
// retWhat = "closure: result"
// arity = [function arity]
// readRustError = [function closureError]
// rollback = null
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback) {
"use strict";
return { export_() {
    if (arguments.length < 0) throw arity(arguments.length);
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
(function (rt, h, f, slow, live, enc) {
"use strict";
return { closure_() {
    if (arguments.length < 0) return slow.apply(this, arguments);
    if (rt.poisoned !== null) throw rt.poisonError();
    let r;
    
    try {
      r = f(4, 0);
    } catch (e) {
      throw rt.trapped(e);
    }
    // Whether Rust asked for the slot path, read (and cleared) before anything else runs: the
    // flush below may make typed imports, which would take the status word for a throw.
    if (r === -2147483648) {
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

// #[js_import] import_fast_span_mut_u8(span_mut<u8>, u8) -> void (fast)
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// fn = [function bound call]
// self = undefined
// h = [object Heap]
// dec = [function decodeUtf8]
// chk = null
// what = "globalThis.__slotwireReference.import_fast_span_mut_u8: result"
// fail = [function fail]
// sv = [function spanView]
// ds = [function disposeSpans]
// t0 = [object Object]
(function (rt, fn, self, h, dec, chk, what, fail, sv, ds, t0) {
"use strict";
return function (id, w0, w1, w2) {
    if (rt.batchPending) rt.flushQueued();
    if (h.u8.length === 0) h.refresh();
    let s0 = null;
    try {
      const r = fn((s0 = sv(h.memory, w0 >>> 0, w1 >>> 0, t0, false, h.u8)), w2);
      return 0;
    } catch (e) {
      return fail(e);
    } finally {
      if (s0 !== null) s0.dispose();
    }
  };
})

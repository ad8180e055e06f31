// #[js_import] import_fast_numbers(i32, u32, f64, bool, char) -> f64 (fast)
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// fn = [function bound call]
// self = undefined
// h = [object Heap]
// dec = [function decodeUtf8]
// chk = [function 9]
// what = "globalThis.__slotwireReference.import_fast_numbers: result"
// fail = [function fail]
// sv = undefined
// ds = [function disposeSpans]
(function (rt, fn, self, h, dec, chk, what, fail, sv, ds) {
"use strict";
return function (id, w0, w1, w2, w3, w4) {
    if (rt.batchPending) rt.flushQueued();
    try {
      
      const r = fn(w0, (w1 >>> 0), w2, (w3 !== 0), String.fromCodePoint(w4 >>> 0));
      return (typeof r === "number" ? r : chk(r, what));
    } catch (e) {
      return fail(e);
    }
  };
})

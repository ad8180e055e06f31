// #[js_import] import_fast_char_result() -> char (fast)
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// fn = [function bound call]
// self = undefined
// h = [object Heap]
// dec = [function decodeUtf8]
// chk = [function 10]
// what = "globalThis.__slotwireReference.import_fast_char_result: result"
// fail = [function fail]
// sv = undefined
// ds = [function disposeSpans]
(function (rt, fn, self, h, dec, chk, what, fail, sv, ds) {
"use strict";
return function (id) {
    if (rt.batchPending) rt.flushQueued();
    try {
      
      const r = fn();
      return chk(r, what);
    } catch (e) {
      return fail(e);
    }
  };
})

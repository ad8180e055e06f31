// #[js_import] import_fast_string_object(string, object) -> bool (fast)
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// fn = [function bound call]
// self = undefined
// h = [object Heap]
// dec = [function decodeUtf8]
// chk = [function 1]
// what = "globalThis.__slotwireReference.import_fast_string_object: result"
// fail = [function fail]
// sv = undefined
// ds = [function disposeSpans]
(function (rt, fn, self, h, dec, chk, what, fail, sv, ds) {
"use strict";
return function (id, w0, w1, w2) {
    if (rt.batchPending) rt.flushQueued();
    try {
      if (h.u8.length === 0) h.refresh();
      const r = fn(dec(h.u8, w0 >>> 0, w1 >>> 0), w2);
      return (r === true ? 1 : r === false ? 0 : chk(r, what));
    } catch (e) {
      return fail(e);
    }
  };
})

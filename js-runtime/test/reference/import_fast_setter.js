// #[js_import] import_fast_setter(object, string) -> void (fast)
// 2 generated functions

// ---- 1 ----
(function () {
"use strict";
return function (o, v) { o["className"] = v; };
})


// ---- 2 ----
// rt = [object Runtime]
// fn = [function]
// self = undefined
// h = [object Heap]
// dec = [function decodeUtf8]
// chk = null
// what = "setter \"className\": result"
// fail = [function fail]
// sv = undefined
// ds = [function disposeSpans]
(function (rt, fn, self, h, dec, chk, what, fail, sv, ds) {
"use strict";
return function (id, w0, w1, w2) {
    if (rt.batchPending) rt.flushQueued();
    try {
      if (h.u8.length === 0) h.refresh();
      const r = ((w0)["className"] = dec(h.u8, w1 >>> 0, w2 >>> 0), undefined);
      return 0;
    } catch (e) {
      return fail(e);
    }
  };
})

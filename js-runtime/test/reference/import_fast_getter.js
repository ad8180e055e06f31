// #[js_import] import_fast_getter(object) -> f64 (fast)
// 2 generated functions

// ---- 1 ----
(function () {
"use strict";
return function (o) { return o["answer"]; };
})


// ---- 2 ----
// rt = [object Runtime]
// fn = [function]
// self = undefined
// h = [object Heap]
// dec = [function decodeUtf8]
// chk = [function 9]
// what = "getter \"answer\": result"
// fail = [function fail]
// sv = undefined
// ds = [function disposeSpans]
(function (rt, fn, self, h, dec, chk, what, fail, sv, ds) {
"use strict";
return function (id, w0) {
    if (rt.batchPending) rt.flushQueued();
    try {
      
      const r = (w0)["answer"];
      return (typeof r === "number" ? r : chk(r, what));
    } catch (e) {
      return fail(e);
    }
  };
})

// #[js_import] import_fast_method(object, i32, f64) -> object (fast)
// 2 generated functions

// ---- 1 ----
(function () {
"use strict";
return function (o, a0, a1) { return o["slice"](a0, a1); };
})


// ---- 2 ----
// rt = [object Runtime]
// fn = [function]
// self = undefined
// h = [object Heap]
// dec = [function decodeUtf8]
// chk = [function]
// what = "method \"slice\": result"
// fail = [function fail]
// sv = undefined
// ds = [function disposeSpans]
(function (rt, fn, self, h, dec, chk, what, fail, sv, ds) {
"use strict";
return function (id, w0, w1, w2) {
    if (rt.batchPending) rt.flushQueued();
    try {
      
      const r = (w0)["slice"](w1, w2);
      return (r !== null && (typeof r === "object" || typeof r === "function") ? r : chk(r, what));
    } catch (e) {
      return fail(e);
    }
  };
})

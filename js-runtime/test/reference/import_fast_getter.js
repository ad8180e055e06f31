// #[js_import] import_fast_getter(object) -> f64 (fast)
// 2 generated functions

// ---- 1 ----
(function () {
"use strict";
return function (o) { return o["answer"]; };
})


// ---- 2 ----
// fn = [function]
// self = undefined
// h = [object Heap]
// dec = [function decodeUtf8]
// chk = [function 9]
// what = "getter \"answer\": result"
// fail = [function fail]
// sv = [function spanView]
// ds = [function disposeSpans]
(function (fn, self, h, dec, chk, what, fail, sv, ds) {
"use strict";
return function (id, w0) {
    try {
      
      const r = (w0)["answer"];
      return (typeof r === "number" ? r : chk(r, what));
    } catch (e) {
      return fail(e);
    }
  };
})

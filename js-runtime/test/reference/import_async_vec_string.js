// #[js_import] import_async_vec_string() -> promise<array<string>>
// 1 generated function

// ---- 1 ----
// h = [object Heap]
// fn = [function bound call]
// self = undefined
// wr = [function]
// retWhat = "globalThis.__slotwireReference.import_async_vec_string: result"
// fail = [function failImport]
(function (h, fn, self, wr, retWhat, fail) {
"use strict";
return function (p) {
    try {
      if (h.u8.length === 0) h.refresh();
      const r = fn();
      if (h.u8.length === 0) h.refresh();
      wr(h, p + 16, r, retWhat);
      return 0;
    } catch (e) {
      return fail(h, p, e);
    }
  };
})

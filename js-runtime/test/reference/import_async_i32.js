// #[js_import] import_async_i32(i32) -> promise<i32>
// 1 generated function

// ---- 1 ----
// h = [object Heap]
// fn = [function bound call]
// self = undefined
// wr = [function]
// retWhat = "globalThis.__slotwireReference.import_async_i32: result"
// fail = [function failImport]
// r0 = [function 7]
// w0 = "globalThis.__slotwireReference.import_async_i32: argument 1 (i32)"
(function (h, fn, self, wr, retWhat, fail, r0, w0) {
"use strict";
return function (p) {
    try {
      if (h.u8.length === 0) h.refresh();
      const r = fn(r0(h, p + 32, w0));
      if (h.u8.length === 0) h.refresh();
      wr(h, p + 16, r, retWhat);
      return 0;
    } catch (e) {
      return fail(h, p, e);
    }
  };
})

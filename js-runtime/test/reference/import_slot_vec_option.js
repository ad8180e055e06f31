// #[js_import] import_slot_vec_option(array<f64>, Option<string>) -> string
// 1 generated function

// ---- 1 ----
// h = [object Heap]
// fn = [function bound call]
// self = undefined
// wr = [function 17]
// retWhat = "globalThis.__slotwireReference.import_slot_vec_option: result"
// fail = [function failImport]
// r0 = [function]
// w0 = "globalThis.__slotwireReference.import_slot_vec_option: argument 1 (array<f64>)"
// r1 = [function]
// w1 = "globalThis.__slotwireReference.import_slot_vec_option: argument 2 (Option<string>)"
(function (h, fn, self, wr, retWhat, fail, r0, w0, r1, w1) {
"use strict";
return function (p) {
    try {
      if (h.u8.length === 0) h.refresh();
      const r = fn(r0(h, p + 32, w0), r1(h, p + 48, w1));
      if (h.u8.length === 0) h.refresh();
      const top = h.top;
      h.beginResult();
      try {
        wr(h, p + 16, r, retWhat);
      } finally {
        h.endResult();
        h.top = top;
      }
      return 0;
    } catch (e) {
      return fail(h, p, e);
    }
  };
})

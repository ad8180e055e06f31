// #[js_import] import_slot_numbers(i64, u64, f64) -> i64
// 1 generated function

// ---- 1 ----
// h = [object Heap]
// fn = [function bound call]
// self = undefined
// wr = [function 13]
// retWhat = "globalThis.__slotwireReference.import_slot_numbers: result"
// fail = [function failImport]
// r0 = [function 13]
// w0 = "globalThis.__slotwireReference.import_slot_numbers: argument 1 (i64)"
// r1 = [function 14]
// w1 = "globalThis.__slotwireReference.import_slot_numbers: argument 2 (u64)"
// r2 = [function 9]
// w2 = "globalThis.__slotwireReference.import_slot_numbers: argument 3 (f64)"
(function (h, fn, self, wr, retWhat, fail, r0, w0, r1, w1, r2, w2) {
"use strict";
return function (p) {
    try {
      if (h.u8.length === 0) h.refresh();
      const r = fn(r0(h, p + 32, w0), r1(h, p + 48, w1), r2(h, p + 64, w2));
      if (h.u8.length === 0) h.refresh();
      wr(h, p + 16, r, retWhat);
      return 0;
    } catch (e) {
      return fail(h, p, e);
    }
  };
})

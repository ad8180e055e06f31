// #[js_import] import_slot_any(any) -> any
// 1 generated function

// ---- 1 ----
// h = [object Heap]
// fn = [function bound call]
// self = undefined
// wr = [function writeAny]
// retWhat = "globalThis.__slotwireReference.import_slot_any: result"
// fail = [function failImport]
// r0 = [function readAny]
// w0 = "globalThis.__slotwireReference.import_slot_any: argument 1 (any)"
(function (h, fn, self, wr, retWhat, fail, r0, w0) {
"use strict";
return function (p) {
    try {
      if (h.u8.length === 0) h.refresh();
      const r = fn(r0(h, p + 32, w0));
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

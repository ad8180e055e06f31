// #[js_import] import_slot_object_function(object, function) -> object
// 1 generated function

// ---- 1 ----
// h = [object Heap]
// fn = [function bound call]
// self = undefined
// wr = [function 32]
// retWhat = "globalThis.__slotwireReference.import_slot_object_function: result"
// fail = [function failImport]
// r0 = [function readObject]
// w0 = "globalThis.__slotwireReference.import_slot_object_function: argument 1 (object)"
// r1 = [function 34]
// w1 = "globalThis.__slotwireReference.import_slot_object_function: argument 2 (function)"
(function (h, fn, self, wr, retWhat, fail, r0, w0, r1, w1) {
"use strict";
return function (p) {
    try {
      if (h.u8.length === 0) h.refresh();
      const r = fn(r0(h, p + 32, w0), r1(h, p + 48, w1));
      if (h.u8.length === 0) h.refresh();
      wr(h, p + 16, r, retWhat);
      return 0;
    } catch (e) {
      return fail(h, p, e);
    }
  };
})

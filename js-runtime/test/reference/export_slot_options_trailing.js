// #[js_export] export_slot_options_trailing(i32, Option<f64>, Option<string>) -> Option<i32>
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 7
// call = [function slotwire_call]
// rr = [function]
// retWhat = "export_slot_options_trailing: result"
// arity = [function arity]
// readRustError = [function readRustError]
// rollback = null
// x0 = [function]
// v0 = "export_slot_options_trailing: argument 1 (p0)"
// x1 = [function]
// v1 = "export_slot_options_trailing: argument 2 (p1)"
// x2 = [function]
// v2 = "export_slot_options_trailing: argument 3 (p2)"
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback, x0, v0, x1, v1, x2, v2) {
"use strict";
return { export_(a0, a1, a2) {
    if (arguments.length > 3 || arguments.length < 1) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(80);
      x0(h, p + 32, a0, v0);
      x1(h, p + 48, a1, v1);
      x2(h, p + 64, a2, v2);
      let status;
      try {
        status = call(id, p);
      } catch (e) {
        throw rt.trapped(e);
      }
      if (h.u8.length === 0) h.refresh();
      if (status !== 0) throw readRustError(h, p);
      return rr(h, p + 16, retWhat);
    } finally {
      h.release(top, ov);
    }
  } }.export_;
})

// #[js_export] export_slot_i64_u64(i64, u64, i64_number, u64_number) -> u64
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// id = 6
// call = [function slotwire_call]
// rr = [function 14]
// retWhat = "export_slot_i64_u64: result"
// arity = [function arity]
// readRustError = [function readRustError]
// rollback = null
// x0 = [function 13]
// v0 = "export_slot_i64_u64: argument 1 (p0)"
// x1 = [function 14]
// v1 = "export_slot_i64_u64: argument 2 (p1)"
// x2 = [function 15]
// v2 = "export_slot_i64_u64: argument 3 (p2)"
// x3 = [function 16]
// v3 = "export_slot_i64_u64: argument 4 (p3)"
(function (rt, h, id, call, rr, retWhat, arity, readRustError, rollback, x0, v0, x1, v1, x2, v2, x3, v3) {
"use strict";
return { export_(a0, a1, a2, a3) {
    if (arguments.length !== 4) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(96);
      x0(h, p + 32, a0, v0);
      x1(h, p + 48, a1, v1);
      x2(h, p + 64, a2, v2);
      x3(h, p + 80, a3, v3);
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

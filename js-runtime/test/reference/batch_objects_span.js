// #[js_import(.., batch)] batch_objects_span(object, object, span<f32>) -> void (batch decoder)
// 1 generated function

// ---- 1 ----
// id = 2
// str = [function str]
// obj = [function obj]
// checkObject = [function checkObject]
// sv = [function spanView]
// sc32 = [object Uint32Array]
// sc64 = [object Float64Array]
// SlotwireError = [function SlotwireError]
// fn = [function bound call]
// self = undefined
// whats = [array(3)]
// what = "globalThis.__slotwireReference.batch_objects_span: result"
// t_0 = [object Object]
(function (id, str, obj, checkObject, sv, sc32, sc64, SlotwireError, fn, self, whats, what, t_0) {
"use strict";
return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      for (;;) {
        const a0 = obj(h, u32[p++], base, st, whats[0]);
        const a1 = obj(h, u32[p++], base, st, whats[1]);
        const a2 = sv(h.memory, arena + u32[p], u32[p + 1], t_0, true, h[t_0.name]); p += 2;
        try {
          const r = fn(a0, a1, a2);
        } finally {
          a2.dispose();
        }
        k++;
        // The call may have grown memory (detaching the views).
        if (u32.length === 0) u32 = (h.refresh(), h.u32);
        if (p >= end || u32[p] !== id) return p;
        p++;
      }
    } finally {
      st.k += k;
    }
  };
})

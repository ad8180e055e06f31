// #[js_import(.., batch)] batch_numbers_string(i32, u32, f64, bool, char, string) -> void (batch decoder)
// 1 generated function

// ---- 1 ----
// id = 0
// str = [function str]
// obj = [function obj]
// checkObject = [function checkObject]
// sv = [function spanView]
// sc32 = [object Uint32Array]
// sc64 = [object Float64Array]
// SlotwireError = [function SlotwireError]
// fn = [function bound call]
// self = undefined
// whats = [array(6)]
// what = "globalThis.__slotwireReference.batch_numbers_string: result"
(function (id, str, obj, checkObject, sv, sc32, sc64, SlotwireError, fn, self, whats, what) {
"use strict";
return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      for (;;) {
        const a0 = u32[p++] | 0;
        const a1 = u32[p++];
        sc32[0] = u32[p]; sc32[1] = u32[p + 1]; p += 2; const a2 = sc64[0];
        const a3 = u32[p++] !== 0;
        const a4 = String.fromCodePoint(u32[p++]);
        const a5 = str(h, u32[p], u32[p + 1], arena); p += 2;
        const r = fn(a0, a1, a2, a3, a4, a5);
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

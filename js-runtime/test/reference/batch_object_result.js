// #[js_import(.., batch)] batch_object_result(string) -> object (batch decoder)
// 1 generated function

// ---- 1 ----
// id = 1
// str = [function str]
// obj = [function obj]
// checkObject = [function checkObject]
// sv = [function spanView]
// sc32 = [object Uint32Array]
// sc64 = [object Float64Array]
// SlotwireError = [function SlotwireError]
// fn = [function bound call]
// self = undefined
// whats = [array(1)]
// what = "globalThis.__slotwireReference.batch_object_result: result"
(function (id, str, obj, checkObject, sv, sc32, sc64, SlotwireError, fn, self, whats, what) {
"use strict";
return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      for (;;) {
        const rw = p++;
        const a0 = str(h, u32[p], u32[p + 1], arena); p += 2;
        const r = fn(a0); const o = checkObject(r, what); h.check(); h.u32[rw] = st.objs.push(o) - 1;
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

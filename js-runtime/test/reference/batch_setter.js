// #[js_import(.., batch)] batch_setter(object, string) -> void (batch decoder)
// 2 generated functions

// ---- 1 ----
(function () {
"use strict";
return function (o, v) { o["className"] = v; };
})


// ---- 2 ----
// id = 3
// str = [function str]
// obj = [function obj]
// checkObject = [function checkObject]
// sv = [function spanView]
// sc32 = [object Uint32Array]
// sc64 = [object Float64Array]
// SlotwireError = [function SlotwireError]
// fn = [function]
// self = undefined
// whats = [array(2)]
// what = "setter \"className\": result"
(function (id, str, obj, checkObject, sv, sc32, sc64, SlotwireError, fn, self, whats, what) {
"use strict";
return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      for (;;) {
        const a0 = obj(h, u32[p++], base, st, whats[0]);
        const a1 = str(h, u32[p], u32[p + 1], arena); p += 2;
        const r = ((a0)["className"] = a1, undefined);
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

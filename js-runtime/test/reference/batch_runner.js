// the batch runner of batch_numbers_string, batch_object_result, batch_objects_span, batch_setter, batch_method
// 1 generated function

// ---- 1 ----
// decoders = [array(5)]
// str = [function str]
// obj = [function obj]
// checkObject = [function checkObject]
// sv = [function spanView]
// sc32 = [object Uint32Array]
// sc64 = [object Float64Array]
// SlotwireError = [function SlotwireError]
// fn_0 = [function bound call]
// self_0 = undefined
// whats_0 = [array(6)]
// what_0 = "globalThis.__slotwireReference.batch_numbers_string: result"
// fn_1 = [function bound call]
// self_1 = undefined
// whats_1 = [array(1)]
// what_1 = "globalThis.__slotwireReference.batch_object_result: result"
// fn_2 = [function bound call]
// self_2 = undefined
// whats_2 = [array(3)]
// what_2 = "globalThis.__slotwireReference.batch_objects_span: result"
// t_2_0 = [object Object]
// fn_3 = [function]
// self_3 = undefined
// whats_3 = [array(2)]
// what_3 = "setter \"className\": result"
// fn_4 = [function]
// self_4 = undefined
// whats_4 = [array(2)]
// what_4 = "method \"createElement\": result"
(function (decoders, str, obj, checkObject, sv, sc32, sc64, SlotwireError, fn_0, self_0, whats_0, what_0, fn_1, self_1, whats_1, what_1, fn_2, self_2, whats_2, what_2, t_2_0, fn_3, self_3, whats_3, what_3, fn_4, self_4, whats_4, what_4) {
"use strict";
return function batchRunner(h, p, base, arena, end, st) {
    h.check();
    let u32 = h.u32;
    // Calls that ran; -1 while a decoder runs (it counts in st.k itself).
    let k = st.k;
    try {
      while (p < end) {
        switch (u32[p++]) {
        case 0:
          for (;;) {
            const a0 = u32[p++] | 0;
            const a1 = u32[p++];
            sc32[0] = u32[p]; sc32[1] = u32[p + 1]; p += 2; const a2 = sc64[0];
            const a3 = u32[p++] !== 0;
            const a4 = String.fromCodePoint(u32[p++]);
            const a5 = str(h, u32[p], u32[p + 1], arena); p += 2;
            const r = fn_0(a0, a1, a2, a3, a4, a5);
            k++;
            // The call may have grown memory (detaching the views).
            if (u32.length === 0) u32 = (h.refresh(), h.u32);
            if (p >= end || u32[p] !== 0) break;
            p++;
          }
          continue;
        case 1:
          for (;;) {
            const rw = p++;
            const a0 = str(h, u32[p], u32[p + 1], arena); p += 2;
            const r = fn_1(a0); const o = checkObject(r, what_1); h.check(); h.u32[rw] = st.objs.push(o) - 1;
            k++;
            // The call may have grown memory (detaching the views).
            if (u32.length === 0) u32 = (h.refresh(), h.u32);
            if (p >= end || u32[p] !== 1) break;
            p++;
          }
          continue;
        case 2:
          for (;;) {
            const a0 = obj(h, u32[p++], base, st, whats_2[0]);
            const a1 = obj(h, u32[p++], base, st, whats_2[1]);
            const a2 = sv(h.memory, arena + u32[p], u32[p + 1], t_2_0, true, h[t_2_0.name]); p += 2;
            try {
              const r = fn_2(a0, a1, a2);
            } finally {
              a2.dispose();
            }
            k++;
            // The call may have grown memory (detaching the views).
            if (u32.length === 0) u32 = (h.refresh(), h.u32);
            if (p >= end || u32[p] !== 2) break;
            p++;
          }
          continue;
        case 3:
          for (;;) {
            const a0 = obj(h, u32[p++], base, st, whats_3[0]);
            const a1 = str(h, u32[p], u32[p + 1], arena); p += 2;
            const r = ((a0)["className"] = a1, undefined);
            k++;
            // The call may have grown memory (detaching the views).
            if (u32.length === 0) u32 = (h.refresh(), h.u32);
            if (p >= end || u32[p] !== 3) break;
            p++;
          }
          continue;
        case 4:
          for (;;) {
            const rw = p++;
            const a0 = obj(h, u32[p++], base, st, whats_4[0]);
            const a1 = str(h, u32[p], u32[p + 1], arena); p += 2;
            const r = (a0)["createElement"](a1); const o = checkObject(r, what_4); h.check(); h.u32[rw] = st.objs.push(o) - 1;
            k++;
            // The call may have grown memory (detaching the views).
            if (u32.length === 0) u32 = (h.refresh(), h.u32);
            if (p >= end || u32[p] !== 4) break;
            p++;
          }
          continue;
        default: {
          const d = decoders[u32[p - 1]];
          if (d === undefined) throw new SlotwireError(`batch: ${u32[p - 1]} is not a batched binding`);
          st.k = k;
          k = -1;
          p = d(h, p, base, arena, end, st);
          k = st.k;
          u32 = h.u32;
          continue;
        }
        }
      }
    } finally {
      if (k >= 0) st.k = k;
    }
  };
})

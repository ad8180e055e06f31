// JS objects by handle: mirrors engine/src/object.rs. The slot's `len` holds the handle.
// Rust → JS: the object of the handle (released after reading when FLAG_OWNED is set: an export
// returned its JsObject). JS → Rust: a handle with one more reference, owned by the JsObject.

import { FLAG_OWNED, OFFSET_FLAGS, T } from "../slot.js";
import { typeError } from "../errors.js";

export function snippet() { return "marshal/object.js"; }

export const readers = {
  [T.object]: (h, p, what) => {
    const handle = h.u32[(p >>> 2) + 2];
    const o = h.objects.get(handle, what);
    if ((h.u8[p + OFFSET_FLAGS] & FLAG_OWNED) !== 0) h.objects.release(handle);
    return o;
  },
};

export const writers = {
  [T.object]: (h, p, v, what) => {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) {
      throw typeError(what, "an object", v);
    }
    h.u32[(p >>> 2) + 2] = h.objects.toHandle(v);
  },
};

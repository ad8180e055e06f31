// JS objects by handle: mirrors engine/src/object.rs. The slot's `len` holds a JsObject's handle;
// a Rust closure's or Rust object's (engine/src/handles.rs) is in `value` (handles.js).
// Rust → JS: the object of the handle (released after reading when FLAG_OWNED is set: an export
// returned its JsObject). JS → Rust: a handle with one more reference, owned by the JsObject.

import { BYTE_STREAM_TYPE, FLAG_OWNED, OFFSET_ELEM, OFFSET_FLAGS, T } from "../slot.js";
import { SlotwireError, typeError } from "../errors.js";
import { readHandle, writeHandle } from "../handles.js";
import { features } from "../features.js";

const readObject = (h, p, what) => {
  const handle = h.u32[(p >>> 2) + 2];
  const o = h.objects.get(handle, what);
  if ((h.u8[p + OFFSET_FLAGS] & FLAG_OWNED) !== 0) h.objects.release(handle);
  return o;
};

export const readers = {
  [T.object]: readObject,
  // A Rust object JS holds: its proxy (one per handle while alive); a Rust ByteStream arrives as a
  // ReadableStream over it.
  // (Rust objects' runtime is a snippet of its own, transport-objects.js: Rust links it into
  // every app that makes one.)
  [T.rust_object]: (h, p, what) => {
    const objects = h.rustObjects;
    if (objects === null) {
      throw new SlotwireError(`${what}: a Rust object, but the Rust object runtime (slotwire-objects.js) is not loaded: the app's wasm makes none`);
    }
    const proxy = objects.proxy(readHandle(h, p), (h.u8[p + OFFSET_FLAGS] & FLAG_OWNED) !== 0, what);
    return proxy.typeName === BYTE_STREAM_TYPE ? features.objects.toReadableStream(proxy) : proxy;
  },
  // A function: a JS function held by Rust (`JsFunction`, elem 0), or a Rust closure
  // (`JsClosure`, elem 1) — one JS function per closure, made on first use.
  [T.function]: (h, p, what) =>
    h.u8[p + OFFSET_ELEM] === 1 ? h.closureFunction(readHandle(h, p), what) : readObject(h, p, what),
};

/** `v` if it is an object (or a function); anything else a TypeError. */
export function checkObject(v, what) {
  if (v === null || (typeof v !== "object" && typeof v !== "function")) {
    throw typeError(what, "an object", v);
  }
  return v;
}

/** A new handle for object (or function) `v` with one reference; anything else a TypeError. */
export function objectHandle(h, v, what) {
  return h.objects.toHandle(checkObject(v, what));
}

export const writers = {
  [T.object]: (h, p, v, what) => {
    h.u32[(p >>> 2) + 2] = objectHandle(h, v, what);
  },
  // Only a live proxy this runtime made (never a look-alike, nor one of another instance).
  [T.rust_object]: (h, p, v, what) => {
    // Without Rust objects' runtime no proxy exists: `v` is none.
    if (h.rustObjects === null) throw typeError(what, "a Rust object (a proxy this runtime made)", v);
    const handle = h.rustObjects.handleOf(v, what);
    h.check(); // the checks above can run user code (a Proxy)
    writeHandle(h, p, handle);
  },
  [T.function]: (h, p, v, what) => {
    if (typeof v !== "function") throw typeError(what, "a function", v);
    h.u32[(p >>> 2) + 2] = h.objects.toHandle(v);
  },
};

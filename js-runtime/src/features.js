// Features whose JS is a snippet of its own (js-runtime/build/bundle.mjs FEATURES) and that the
// core calls into: each installs itself here when its snippet loads (wasm-bindgen's glue imports
// the snippet, so it loads before the instance exists, whenever the wasm links the feature).
// The core reaches them through this object only, so it does not carry their code.

import { SlotwireError } from "./errors.js";

/**
 * `objects`: Rust objects and byte streams (transport-objects.js installs `RustObjects`,
 * `toReadableStream` and the stream readers Rust's `JsStream` calls), or null while the app's
 * wasm makes no Rust object and reads no JS stream.
 * `records`: record.js's exports (transport-records.js installs them), or null while the app's
 * wasm links no record type. `views`: the memory-view runtime (transport-views.js: `MemoryView`,
 * `SegmentRegistry`, `spanView` and the span and segment marshalers), or null while the app's
 * wasm links no view type.
 */
export const features = { records: null, views: null, objects: null };

/**
 * The memory-view runtime, for `what` (a binding, a call) that needs it. Rust links it into every
 * app whose wasm passes a view (engine/src/marshal/view.rs `link_views`), so its absence here is
 * a bug of that linking, named as such.
 */
export function views(what) {
  const v = features.views;
  if (v === null) {
    throw new SlotwireError(`${what}: the memory-view runtime (slotwire-views.js) is not loaded: the app's wasm links no view type`);
  }
  return v;
}

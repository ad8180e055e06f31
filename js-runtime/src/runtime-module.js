// The runtime module the core snippet hands to applications (transport.js `swAttach` puts it on
// each Runtime; lib/app.js `load` takes its classes from it): index.js without the record
// readers, MemoryView and Rust objects, which are snippets of their own (transport-records.js,
// transport-views.js, transport-objects.js), present in `features.records` / `features.views` /
// `features.objects` when the app's wasm uses records / views / Rust objects.

import { SlotwireError, describe } from "./errors.js";
import { load, wasmUrlOf } from "./load.js";
import { Runtime } from "./runtime.js";
import { keepNames } from "./names.js";
import { features } from "./features.js";

/**
 * A ReadableStream over a Rust `ByteStream` proxy (stream.js `toReadableStream`, in Rust objects'
 * snippet: transport-objects.js): each pull takes the source's next chunk.
 */
function toReadableStream(proxy) {
  const objects = features.objects;
  if (objects === null) {
    throw new SlotwireError(`not a Rust ByteStream: ${describe(proxy)} (the app's wasm makes no Rust object)`);
  }
  return objects.toReadableStream(proxy);
}

keepNames({ load, wasmUrlOf, toReadableStream }); // the classes are named by their keys (names.js)

export { SlotwireError, load, wasmUrlOf, Runtime, toReadableStream };
export { T } from "./slot.js";
export { VIEW_TYPES } from "./view-types.js";
export { features } from "./features.js";

/** The runtime's version: the crate's (which ships this copy) and the npm package's. */
export const VERSION = "0.1.0";

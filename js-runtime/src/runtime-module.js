// The runtime module the core snippet hands to applications (transport.js `swAttach` puts it on
// each Runtime; lib/app.js `load` takes its classes from it): index.js without the record
// readers, which are record.js's, in a snippet of their own (transport-records.js), present in
// `features.records` when the app's wasm uses records.

import { SlotwireError } from "./errors.js";
import { load, wasmUrlOf } from "./load.js";
import { Runtime } from "./runtime.js";
import { MemoryView } from "./memory-view.js";
import { toReadableStream } from "./stream.js";
import { keepNames } from "./names.js";

keepNames({ SlotwireError, load, wasmUrlOf, Runtime, MemoryView, toReadableStream });

export { SlotwireError, load, wasmUrlOf, Runtime, MemoryView, toReadableStream };
export { T } from "./slot.js";
export { VIEW_TYPES } from "./memory-view.js";
export { features } from "./features.js";

/** The runtime's version: the crate's (which ships this copy) and the npm package's. */
export const VERSION = "0.1.0";

// The runtime module the core snippet hands to applications (transport.js `swAttach` puts it on
// each Runtime; lib/app.js `load` takes its classes from it): index.js without the record
// readers and MemoryView, which are snippets of their own (transport-records.js,
// transport-views.js), present in `features.records` / `features.views` when the app's wasm
// uses records / views.

import { SlotwireError } from "./errors.js";
import { load, wasmUrlOf } from "./load.js";
import { Runtime } from "./runtime.js";
import { toReadableStream } from "./stream.js";
import { keepNames } from "./names.js";

keepNames({ load, wasmUrlOf, toReadableStream }); // the classes are named by their keys (names.js)

export { SlotwireError, load, wasmUrlOf, Runtime, toReadableStream };
export { T } from "./slot.js";
export { VIEW_TYPES } from "./view-types.js";
export { features } from "./features.js";

/** The runtime's version: the crate's (which ships this copy) and the npm package's. */
export const VERSION = "0.1.0";

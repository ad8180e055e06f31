// slotwire's JS runtime, its public entry for applications: `load()` instantiates a wasm-bindgen
// module that uses slotwire and returns its Runtime (`rt.exports`, `rt.importModule`,
// `rt.poisoned`). What the wasm instance imports (the `sw*` functions) is transport.js.

import { SlotwireError } from "./errors.js";

export { SlotwireError } from "./errors.js";
export { load, wasmUrlOf } from "./load.js";
export { Runtime } from "./runtime.js";
export { T } from "./slot.js";
export { MemoryView, VIEW_TYPES } from "./memory-view.js";
export {
  ArchiveVec,
  RecordReader,
  RecordView,
  RESERVED_FIELD_NAMES,
  archiveView,
  disposeView,
  isDisposedView,
  recordReader,
} from "./record.js";
export { toReadableStream } from "./stream.js";

/** The runtime's version: the crate's (which ships this copy) and the npm package's. */
export const VERSION = "0.1.0";


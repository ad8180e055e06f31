// slotwire's JS runtime, its public entry for applications: `load()` instantiates a wasm-bindgen
// module that uses slotwire and returns its Runtime (`rt.exports`, `rt.importModule`,
// `rt.poisoned`). What the wasm instance imports (the `sw*` functions) is transport.js. The
// shipped core (engine/js/slotwire.js) carries runtime-module.js, this module without the
// record readers (a snippet of their own); this whole module is the package's `slotwire/runtime`.

// The whole runtime: Rust objects, the record readers and the view runtime installed too (as
// their snippets do in an app).
import "./transport-objects.js";
import "./transport-records.js";
import "./transport-views.js";

export * from "./runtime-module.js";
export { MemoryView } from "./memory-view.js";
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

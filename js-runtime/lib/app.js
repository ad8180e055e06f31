// The entry point applications import (`import { load, SlotwireError } from "slotwire"`, the
// package's "." export). It is small on purpose: the runtime itself is the copy wasm-bindgen
// puts next to the app's glue (pkg/snippets/slotwire-*/js/slotwire.js, src/ bundled), which the wasm instance talks to.
// `load()` returns that copy's Runtime, and from then on the classes exported here ARE that
// copy's (live bindings): `e instanceof SlotwireError` and `rt instanceof Runtime` hold for what
// the runtime makes, and a bundle carries the runtime once. Before the first `load()` they are
// this package's own (so `instanceof` works, but matches nothing a runtime made yet).
//
// The package and the crate must be the same version: the glue's runtime says its version, and
// `load()` refuses another one, naming both.

import { load as loadGlue } from "../src/load.js";
import { SlotwireError as OwnError } from "../src/errors.js";

/** This package's version (package.json's; the crate of the same version ships the same runtime). */
export const VERSION = "0.1.0";

/** The symbol under which a Runtime carries its runtime module (see transport.js `swAttach`). */
const MODULE = Symbol.for("slotwire.runtime-module");

export let SlotwireError = OwnError;
export let Runtime;
export let MemoryView;
export let VIEW_TYPES;
export let T;
export let ArchiveVec;
export let RecordReader;
export let RecordView;
export let RESERVED_FIELD_NAMES;
export let archiveView;
export let disposeView;
export let isDisposedView;
export let recordReader;
export let toReadableStream;
export { wasmUrlOf } from "../src/load.js";

/**
 * `load()` of the runtime (see load.js), then this module's exports become the loaded runtime's.
 * @returns {Promise<object>} the Runtime
 */
export async function load(glue, wasm) {
  const rt = await loadGlue(glue, wasm);
  adopt(rt);
  return rt;
}

/** Points this module's exports at the runtime module `rt` was made by, after checking its version. */
function adopt(rt) {
  const m = rt !== null && typeof rt === "object" ? rt[MODULE] : undefined;
  if (m === undefined || m === null || typeof m !== "object") {
    throw new OwnError(
      `load: the glue's slotwire runtime does not say its version (older than this package, ${VERSION}): ` +
        `build the app with the slotwire crate ${VERSION}`,
    );
  }
  if (m.VERSION !== VERSION) {
    throw new m.SlotwireError(
      `load: the slotwire JS package is ${VERSION} but the app's crate (the runtime in its glue) is ${m.VERSION}: ` +
        `use the same version of both (npm install slotwire@${m.VERSION}, or slotwire = "${VERSION}" in Cargo.toml)`,
    );
  }
  SlotwireError = m.SlotwireError;
  Runtime = m.Runtime;
  // MemoryView is the view runtime's, a snippet of its own loaded when the app's wasm passes a
  // view (a span or a Segment): then it is its, else undefined (as before any load).
  MemoryView = m.MemoryView ?? m.features?.views?.MemoryView;
  VIEW_TYPES = m.VIEW_TYPES;
  T = m.T;
  toReadableStream = m.toReadableStream;
  // The record readers are a snippet of their own, loaded when the app's wasm uses records
  // (a JsRecord/JsArchive type crossing, or a descriptor made for JS): then they are its, else
  // undefined (as before any load).
  const r = m.features?.records ?? undefined;
  ArchiveVec = r?.ArchiveVec;
  RecordReader = r?.RecordReader;
  RecordView = r?.RecordView;
  RESERVED_FIELD_NAMES = r?.RESERVED_FIELD_NAMES;
  archiveView = r?.archiveView;
  disposeView = r?.disposeView;
  isDisposedView = r?.isDisposedView;
  recordReader = r?.recordReader;
}

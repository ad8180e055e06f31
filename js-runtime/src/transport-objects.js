// What the wasm instance imports for Rust objects and byte streams (engine/src/transport.rs, the
// block of `#[wasm_bindgen(module = "/js/slotwire-objects.js")]`): a snippet of its own, so an
// app whose wasm makes no Rust object (`RustObject`, `ByteStream`) and reads no JS stream
// (`JsStream`) neither imports nor ships rust-object.js and stream.js. Bundled by
// js-runtime/build/bundle.mjs into engine/js/slotwire-objects.js, which takes what it shares
// with the core from the core snippet, engine/js/slotwire.js.
//
// Loading it installs them in the core (`features.objects`): each Runtime made after it gets
// its `RustObjects` (the proxies), module "__slotwire" the stream readers, and the core's
// `toReadableStream` its implementation.

import { features } from "./features.js";
import { runtimes } from "./transport.js";
import { RustObjects } from "./rust-object.js";
import { streamOps, toReadableStream } from "./stream.js";
import { keepNames } from "./names.js";

keepNames({ toReadableStream }); // its name in the minified bundle (names.js)

features.objects = Object.freeze({ RustObjects, streamOps, toReadableStream });

/** Rust objects' entries, as function-table indices (engine/src/rust_object.rs `share_entries`). */
export function swObjectEntries(rtId, adopt, free) {
  runtimes[rtId].useObjectEntries(adopt, free);
}

/**
 * Called by Rust, once per instance, before its `JsStream` first binds the stream readers
 * (engine/src/stream.rs): links this snippet into an app that reads JS streams. Does nothing.
 */
export function swObjectsLinked() {}

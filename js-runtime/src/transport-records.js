// What the wasm instance imports for records (engine/src/transport.rs, the block of
// `#[wasm_bindgen(module = "/js/slotwire-records.js")]`): a snippet of its own, so an app whose
// wasm uses no record type neither imports nor ships record.js. Bundled by
// js-runtime/build/bundle.mjs into engine/js/slotwire-records.js, which takes what it shares
// with the core (`runtimes`, `features`, ...) from the core snippet, engine/js/slotwire.js.
//
// Loading it installs record.js in the core (`features.records`): record spans reaching JS
// (marshal/view.js) and the application's `RecordView`, `archiveView`, ... (lib/app.js `load`).

import { runtimes } from "./transport.js";
import { features } from "./features.js";
import { keepNames } from "./names.js";
import * as records from "./record.js";

const { archiveView, disposeView, isDisposedView, recordReader } = records;
keepNames({ archiveView, disposeView, isDisposedView, recordReader }); // classes: named by their keys (names.js)
features.records = records;

/** Registers a record layout descriptor (JSON from Rust); returns its id (record views carry it). */
export function swRecordType(rtId, json) {
  return runtimes[rtId].recordType(json);
}

/**
 * Called by Rust where a record descriptor is made for JS (`to_json`): links this snippet into
 * the app, so the JS readers are there for descriptors Rust hands over as text. Does nothing.
 */
export function swRecordsLinked() {}

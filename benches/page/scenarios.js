// The scenario and path names (the `scenario` and `impl` of results.json), and what each
// scenario's checksum of n operations must be.
//
// The object scenarios also say how many objects `benchFns.newAnswer()` must have made in a batch
// (`created`) and what the `answer` of the last of them must be then (`lastAnswer`): so every
// increment must have reached the object JS made, and object_create cannot reuse one object.

import { F64_1M_VALUE, HELD_ANSWER, bytesValue1, recordsValue1, strs16Checksum, text64kValue1 } from "./fns.js";

/** Every path, in table order. */
export const IMPLS = Object.freeze([
  "raw_floor",
  "vanilla_js",
  "wasm_bindgen",
  "web_sys",
  "serde_wasm_bindgen",
  "sledgehammer",
  "slotwire",
  "slotwire_archived",
  "slotwire_lowlevel",
  "slotwire_batched",
  "json_baseline",
]);

/** The paths of a scenario that declares none (every scenario before issue 5). */
const BASE_IMPLS = Object.freeze(["raw_floor", "wasm_bindgen", "slotwire", "slotwire_lowlevel", "json_baseline"]);

/** The bulk-data scenarios (issue 5): no raw floor, no low-level slotwire. */
/** `object_prop_get_dynamic`: the paths with a run-time property key. */
const DYNAMIC_IMPLS = Object.freeze(["wasm_bindgen", "slotwire"]);
const BULK_IMPLS = Object.freeze(["wasm_bindgen", "serde_wasm_bindgen", "slotwire", "json_baseline"]);

/**
 * The records scenarios add `slotwire_archived` (the rkyv archive made once, outside the loop)
 * and a raw floor (records packed by hand once, read by a hand-written reader).
 */
const RECORD_IMPLS = Object.freeze(["raw_floor", "wasm_bindgen", "serde_wasm_bindgen", "slotwire", "slotwire_archived", "json_baseline"]);

/**
 * The DOM scenarios (issue 12): hand-written JS (the floor), web-sys, sledgehammer_bindgen,
 * slotwire's per-call imports and its batched calls (page/dom.js, benches/wasm/src/dom/).
 */
const DOM_IMPLS = Object.freeze(["vanilla_js", "web_sys", "sledgehammer", "slotwire", "slotwire_batched"]);

/**
 * Whether `scenario` runs on a host: the DOM scenarios (`needsDom`) need a document, which the
 * Node host has not; every other scenario runs everywhere.
 */
export function runsOn(scenario, { hasDom }) {
  return !scenario.needsDom || hasDom;
}

/**
 * The paths a scenario declares (`impls`, else the five of the first scenarios): each must have
 * a runner and, in a run, a positive result; the others are not measured.
 */
export function implsOf(scenario) {
  return scenario.impls ?? BASE_IMPLS;
}

/** Scenario name → what it is, and the checksum of n operations. */
export const SCENARIOS = Object.freeze([
  { name: "call_void", dir: "rust_to_js", what: "Rust → JS, no arguments", expect: (n) => n },
  { name: "call_i32x3", dir: "rust_to_js", what: "Rust → JS, 3 × i32 → i32", expect: (n) => (n * (n - 1)) / 2 + 3 * n },
  {
    name: "batch_call_i32x3",
    dir: "rust_to_js",
    what: "Rust queues calls of a 3 × i32 function (1,000 per flush, one crossing each), JS sums them",
    expect: (n) => (n * (n - 1)) / 2 + 3 * n,
    impls: Object.freeze(["slotwire_batched"]),
  },
  { name: "call_f64x2", dir: "rust_to_js", what: "Rust → JS, 2 × f64 → f64", expect: (n) => (n * (n - 1)) / 4 },
  { name: "export_i32", dir: "js_to_rust", what: "JS → Rust, i32 → i32", expect: (n) => (n * (n + 1)) / 2 },
  { name: "string_arg_16", dir: "rust_to_js", what: "Rust → JS, 16-byte ASCII string → i32", expect: strs16Checksum },
  { name: "string_arg_64k", dir: "rust_to_js", what: "Rust → JS, 64 KiB mixed UTF-8 → i32", expect: (n) => n * text64kValue1() },
  { name: "string_ret_16", dir: "rust_to_js", what: "Rust → JS → 16-byte string back to Rust", expect: strs16Checksum },
  { name: "export_string_16", dir: "js_to_rust", what: "JS → Rust, 16-byte string → i32", expect: strs16Checksum },
  {
    name: "object_increment",
    dir: "rust_to_js",
    what: "Rust passes a held JS object to a JS function doing obj.answer++",
    expect: (n) => n,
    created: () => 1,
    lastAnswer: (n) => n,
  },
  {
    name: "object_create",
    dir: "rust_to_js",
    what: "JS creates {question, answer} → Rust, which passes it to the increment function, drops it",
    expect: (n) => n,
    created: (n) => n,
    lastAnswer: () => 1,
  },
  {
    name: "object_prop_get",
    dir: "rust_to_js",
    what: "Rust reads a number property of a held JS object",
    expect: (n) => n * HELD_ANSWER,
    created: () => 0,
  },
  {
    name: "object_prop_get_dynamic",
    dir: "rust_to_js",
    what: "Rust reads a number property of a held JS object by a name known at run time, the key made once",
    expect: (n) => n * HELD_ANSWER,
    created: () => 0,
    impls: DYNAMIC_IMPLS,
  },
  { name: "callback_i32", dir: "js_to_rust", what: "JS calls a Rust closure i32 → i32 (handed to JS once per batch)", expect: (n) => (n * (n + 1)) / 2 },
  {
    name: "promise_roundtrip",
    dir: "async",
    what: "Rust awaits a JS import returning Promise.resolve(i32), n times in a row; JS awaits the export",
    expect: (n) => (n * (n - 1)) / 2,
  },
  // Issue 5: bulk data handed from Rust to JS (made once; what each path does per operation to
  // hand it over is timed).
  {
    name: "bytes_1k_to_js",
    dir: "rust_to_js",
    what: "Rust hands JS 1 KiB of bytes; JS reads length, first and last byte",
    expect: (n) => n * bytesValue1(1024),
    impls: BULK_IMPLS,
  },
  {
    name: "bytes_1m_to_js",
    dir: "rust_to_js",
    what: "Rust hands JS 1 MiB of bytes; JS reads length, first and last byte",
    expect: (n) => n * bytesValue1(1024 * 1024),
    impls: BULK_IMPLS,
  },
  {
    name: "f64_1m_to_js",
    dir: "rust_to_js",
    what: "Rust hands JS 1,048,576 f64s; JS sums them all",
    expect: (n) => n * F64_1M_VALUE,
    impls: BULK_IMPLS,
  },
  {
    name: "records_10k_full",
    dir: "rust_to_js",
    what: "Rust hands JS 10,000 records of 10 fields (one a string); JS reads every field",
    expect: (n) => n * recordsValue1()[0],
    impls: RECORD_IMPLS,
  },
  {
    name: "records_10k_one_field",
    dir: "rust_to_js",
    what: "Rust hands JS 10,000 records of 10 fields; JS reads one f64 field of each",
    expect: (n) => n * recordsValue1()[1],
    impls: RECORD_IMPLS,
  },
  // Issue 12: the DOM, modelled on js-framework-benchmark (page/dom.js). One operation per
  // timed region; the DOM is checked after each (dom.js `checkDom`), not a checksum.
  // `batchScale`: the batch time aimed at, as a multiple of the mode's `batchMs` (40, 10, 2 and
  // 40 ms in a full run): a few creates or clears per batch, and few swaps, whose untimed setup
  // and forced layouts cost far more wall time than the operation itself.
  {
    name: "dom_create_1k",
    dir: "dom",
    op: "create",
    what: "DOM: create 1,000 rows (tr, id cell, label cell with a link and text node, button cell) in an empty tbody",
    impls: DOM_IMPLS,
    needsDom: true,
    batchScale: 2,
  },
  {
    name: "dom_update_10th",
    dir: "dom",
    op: "update",
    what: 'DOM: append " !!!" to every 10th label of 1,000 rows (100 text nodes)',
    impls: DOM_IMPLS,
    needsDom: true,
    batchScale: 0.5,
  },
  {
    name: "dom_swap",
    dir: "dom",
    op: "swap",
    what: "DOM: swap rows 1 and 998 of 1,000 (nextSibling, insertBefore × 2)",
    impls: DOM_IMPLS,
    needsDom: true,
    batchScale: 0.1,
  },
  {
    name: "dom_clear",
    dir: "dom",
    op: "clear",
    what: "DOM: clear 1,000 rows (tbody.textContent = \"\")",
    impls: DOM_IMPLS,
    needsDom: true,
    batchScale: 2,
  },
]);

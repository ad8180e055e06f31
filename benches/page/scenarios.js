// The scenario and path names (the `scenario` and `impl` of results.json), and what each
// scenario's checksum of n operations must be.
//
// The object scenarios also say how many objects `benchFns.newAnswer()` must have made in a batch
// (`created`) and what the `answer` of the last of them must be then (`lastAnswer`): so every
// increment must have reached the object JS made, and object_create cannot reuse one object.

import { HELD_ANSWER, strs16Checksum, text64kValue1 } from "./fns.js";

export const IMPLS = Object.freeze(["raw_floor", "wasm_bindgen", "slotwire", "slotwire_lowlevel", "json_baseline"]);

/** Scenario name → what it is, and the checksum of n operations. */
export const SCENARIOS = Object.freeze([
  { name: "call_void", dir: "rust_to_js", what: "Rust → JS, no arguments", expect: (n) => n },
  { name: "call_i32x3", dir: "rust_to_js", what: "Rust → JS, 3 × i32 → i32", expect: (n) => (n * (n - 1)) / 2 + 3 * n },
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
  { name: "callback_i32", dir: "js_to_rust", what: "JS calls a Rust closure i32 → i32 (handed to JS once per batch)", expect: (n) => (n * (n + 1)) / 2 },
  {
    name: "promise_roundtrip",
    dir: "async",
    what: "Rust awaits a JS import returning Promise.resolve(i32), n times in a row; JS awaits the export",
    expect: (n) => (n * (n - 1)) / 2,
  },
]);

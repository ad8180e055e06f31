// Reference ("snapshot") tests of the generated code, as wasm-bindgen's
// crates/cli/tests/reference/: every body codegen.js compiles while one binding is made (an
// export, an import, a closure, a record reader, a key's dispatcher) is written out as
// test/reference/<case>.js and compared with the committed file, so that a change in the generated
// code is a diff someone reviews.
//
//   node --test test/reference.test.js                     compare
//   SLOTWIRE_BLESS=1 node --test test/reference.test.js    rewrite the files (then review the diff)
//
// The bindings are made the way the Rust half makes them (swAttach, swBind, closureFunction), over
// the fake wasm of helpers.js with a fixed fast area, so the files depend only on the JS runtime.

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { BIND_FAST_REFS, BIND_SLOTS, CLOSURE_FAST_F64, CLOSURE_FAST_I32, CLOSURE_FAST_STATELESS, CODE_SHIFT, NULLABLE, T, layoutWords, typeName } from "../src/slot.js";
import { observeCompile, setCodegen } from "../src/codegen.js";
import { recordReader } from "../src/record.js";
import { makeBatchRunner } from "../src/batch.js";
import * as index from "../src/transport.js";
import { swBindBatch } from "../src/transport-batch.js";
import { dv, makeFakeWasm, makeMemory } from "./helpers.js";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "reference");
const BLESS = process.env.SLOTWIRE_BLESS === "1";
const HOW = "SLOTWIRE_BLESS=1 node --test test/reference.test.js (in js-runtime/) rewrites the files; review the diff";

/** A fixed fast area, so that addresses baked into the generated code do not move. */
const FAST_AREA = 64;

const opt = (c) => c | NULLABLE;
const of = (outer, inner) => outer | (inner << CODE_SHIFT);

// ---- The cases: name → signature. ----

/** Exports: `fast` gives the export a typed wasm export (`__slotwire_fast__<name>`). */
const EXPORTS = [
  ["export_fast_add_i32", [T.i32, T.i32], T.i32, true],
  ["export_fast_every_number", [T.u8, T.i8, T.u16, T.i16, T.u32, T.i32, T.f32, T.f64, T.usize, T.isize], T.f64, true],
  ["export_fast_bool_char", [T.bool, T.char], T.char, true],
  ["export_fast_str_to_u32", [T.string, T.u32], T.u32, true],
  ["export_fast_void", [], T.void, true],
  ["export_slot_i64_u64", [T.i64, T.u64, T.i64_number, T.u64_number], T.u64, false],
  ["export_slot_options_trailing", [T.i32, opt(T.f64), opt(T.string)], opt(T.i32), false],
  ["export_slot_string", [T.string], T.string, false],
  ["export_slot_vec_f64", [of(T.array, T.f64)], of(T.array, T.f64), false],
  ["export_slot_vec_string", [of(T.array, T.string), of(T.array, opt(T.i32))], of(T.array, T.string), false],
  ["export_slot_vec_vec_f64", [of(T.array, of(T.array, T.f64))], T.f64, false],
  ["export_slot_object_function", [T.object, T.function, T.i32], T.object, false],
  ["export_slot_any", [T.any], T.any, false],
  ["export_slot_span_f64", [of(T.span, T.f64)], T.f64, false],
  ["export_slot_segment_u8", [of(T.segment, T.u8)], of(T.segment, T.f32), false],
  ["export_slot_rust_object", [T.rust_object, opt(T.rust_object)], T.rust_object, false],
  ["export_slot_date", [T.date, opt(T.date)], T.date, false],
  ["export_async_string", [T.string], of(T.promise, T.string), false],
  ["export_async_vec_f64", [], of(T.promise, of(T.array, T.f64)), false],
  ["export_async_void", [T.i32], of(T.promise, T.void), false],
];

/** Imports: `fast` is swBind's fast flag (a `#[js_import]` whose signature has a typed path). */
/** Batched bindings (engine/src/batch.rs): [name, params, ret]; their decoders (batch.js). */
const BATCHED = [
  ["batch_numbers_string", [T.i32, T.u32, T.f64, T.bool, T.char, T.string], T.void],
  ["batch_object_result", [T.string], T.object],
  ["batch_objects_span", [T.object, T.object, of(T.span, T.f32)], T.void],
  // Declared accessors: written out in the runner.
  ["batch_setter", [T.object, T.string], T.void, "@set:className"],
  ["batch_method", [T.object, T.string], T.object, "@method:createElement"],
];

const IMPORTS = [
  ["import_fast_numbers", [T.i32, T.u32, T.f64, T.bool, T.char], T.f64, true],
  ["import_fast_string_object", [T.string, T.object], T.bool, true],
  ["import_fast_span_f32", [of(T.span, T.f32)], T.f32, true],
  ["import_fast_span_mut_u8", [of(T.span_mut, T.u8), T.u8], T.void, true],
  ["import_fast_char_result", [], T.char, true],
  ["import_slot_numbers", [T.i64, T.u64, T.f64], T.i64, false],
  ["import_slot_vec_option", [of(T.array, T.f64), opt(T.string)], T.string, false],
  ["import_slot_vec_result", [], of(T.array, T.string), false],
  ["import_slot_object_function", [T.object, T.function], T.object, false],
  ["import_slot_any", [T.any], T.any, false],
  ["import_slot_span_mut_i32", [of(T.span_mut, T.i32)], T.void, false],
  ["import_slot_span_record", [of(T.span, T.record)], T.u32, false],
  ["import_slot_segment", [of(T.segment, T.f64)], of(T.segment, T.f64), false],
  ["import_slot_rust_object", [T.rust_object], T.rust_object, false],
  ["import_async_i32", [T.i32], of(T.promise, T.i32), false],
  ["import_async_vec_string", [], of(T.promise, of(T.array, T.string)), false],
  // Declared accessors: written out in the invoker.
  ["import_fast_getter", [T.object], T.f64, true, "@get:answer"],
  ["import_fast_setter", [T.object, T.string], T.void, true, "@set:className"],
  ["import_fast_method", [T.object, T.i32, T.f64], T.object, true, "@method:slice"],
];

/** Closures (`JsClosure`): plain values get the typed path in front of the slot path. */
const CLOSURES = [
  // The fourth entry: the closure info's fast word (Rust's call/fast.rs `closure_abi`).
  ["closure_fast_f64_f64", [T.f64, T.f64], T.f64, CLOSURE_FAST_F64],
  ["closure_fast_i32_f64", [T.i32], T.f64, CLOSURE_FAST_F64],
  ["closure_fast_bool_char_void", [T.bool, T.char], T.void, CLOSURE_FAST_I32],
  ["closure_fast_none_i32", [], T.i32, CLOSURE_FAST_I32],
  ["closure_fast_i32_u32_u32", [T.i32, T.u32], T.u32, CLOSURE_FAST_I32],
  ["closure_slot_string", [T.string], T.string],
  ["closure_slot_object_vec", [T.object, of(T.array, T.u8)], T.void],
  // A function's (`JsClosure::from_fn`): its entry ignores the handle, JS checks it is live.
  ["function_fast_i32_i32", [T.i32], T.i32, CLOSURE_FAST_I32 | CLOSURE_FAST_STATELESS],
  ["function_fast_f64_f64", [T.f64], T.f64, CLOSURE_FAST_F64 | CLOSURE_FAST_STATELESS],
  // A function's `&str` parameters: encoded into the frame, passed as address and length.
  ["function_fast_i32_str_u32", [T.i32, T.string], T.u32, CLOSURE_FAST_F64 | CLOSURE_FAST_STATELESS],
];

// ---- Rendering. ----

/** What a value bound to a generated function's name is, for the file. */
function describeValue(v) {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "function") return v.name ? `[function ${v.name}]` : "[function]";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return `[array(${v.length})]`;
  return `[object ${v.constructor?.name ?? "null-prototype"}]`;
}

/** The file for one case: its signature, then each compiled function with what its names are bound to. */
function render(title, compiled) {
  const out = [`// ${title}`, `// ${compiled.length} generated function${compiled.length === 1 ? "" : "s"}`];
  compiled.forEach(({ names, body, values }, i) => {
    out.push("", `// ---- ${i + 1} ----`);
    names.forEach((n, k) => out.push(`// ${n} = ${describeValue(values[k])}`));
    out.push(`(function (${names.join(", ")}) {`, `"use strict";`, body, "})", "");
  });
  return `${out.join("\n").trimEnd()}\n`;
}

function sig(params, ret) {
  return `(${params.map(typeName).join(", ")}) -> ${typeName(ret)}`;
}

/** Runs `make` and returns every body compile() saw meanwhile. */
function capture(make) {
  const compiled = [];
  const previous = observeCompile((names, body, values) => compiled.push({ names: [...names], body, values: [...values] }));
  try {
    make();
  } finally {
    observeCompile(previous);
  }
  return compiled;
}

// ---- The harness: one runtime through index.js over the fake wasm. ----

/** Signature codes placed in fake memory (closure_info points at them). */
function placeCodes(fake, codes) {
  const at = fake.alloc(4 * codes.length + 4);
  new Uint32Array(fake.memory.buffer, at, codes.length).set(codes);
  return at;
}

function attach() {
  const memory = makeMemory();
  const fake = makeFakeWasm(memory, { start: 4096 });
  for (const [name, params, ret, fast] of EXPORTS) {
    fake.defineExport({
      name,
      params,
      names: params.map((_, i) => `p${i}`).join(","),
      ret,
      fast,
      fastFn: fast ? () => 0 : undefined,
      impl: () => 0,
    });
  }
  // Closures: handle k is CLOSURES[k - 1].
  const closureCodes = CLOSURES.map(([, params]) => placeCodes(fake, params));
  const closureInfo = (handle, out) => {
    const c = CLOSURES[handle - 1];
    if (c === undefined) return 1;
    const d = dv(memory);
    d.setUint32(out, closureCodes[handle - 1], true);
    d.setUint32(out + 4, c[1].length, true);
    d.setUint32(out + 8, c[2], true);
    // CLOSURE_INFO_FAST: Rust's decision (call/fast.rs `closure_abi`), as the table says.
    d.setUint32(out + 12, c[3] ?? 0, true);
    // CLOSURE_INFO_ENTRY: the typed entry's index in the function table (Rust hands the table
    // over first).
    d.setUint32(out + 16, c[3] ? handle : 0, true);
    return 0;
  };
  const [callClosure] = [() => 0]; // anonymous, as the wasm function is named in no reference file
  // The function table Rust hands over (swFunctionTable): entry k is closure k's typed entry;
  // the two after them are closure_info and call_closure (swClosureEntries).
  const n = CLOSURES.length + 1;
  const table = { length: n + 2, get: (i) => (i === n ? closureInfo : i === n + 1 ? callClosure : () => 0) };
  new Uint8Array(memory.buffer, FAST_AREA, 32).fill(0);
  const compiled = capture(() => {
    const id = index.swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()), FAST_AREA);
    index.swFunctionTable(id, table);
    index.swClosureEntries(id, n, n + 1);
    fake.rt = index.swRuntime(id);
  });
  return { rt: fake.rt, compiled };
}

// ---- The test. ----

const results = new Map(); // file name → text

describe("reference: generated code (test/reference/*.js)", () => {
  before(() => setCodegen(true));
  after(() => setCodegen(true));

  test("every case renders", () => {
    const { rt, compiled } = attach();
    const rtId = findRuntimeId(rt);

    // Exports, in the order the Runtime made them (Object.keys of the fake wasm: definition order).
    const exportCompiled = splitExports(compiled);
    for (const [name, params, ret] of EXPORTS) {
      const bodies = exportCompiled.get(name);
      assert.ok(bodies !== undefined, `export ${name}: no generated code seen`);
      results.set(name, render(`#[js_export] ${name}${sig(params, ret)}`, bodies));
    }

    // Imports through swBind, as engine/src/binding.rs and #[js_import] call it.
    globalThis.__slotwireReference = Object.create(null);
    try {
      for (const [name, params, ret, fast, target] of IMPORTS) {
        globalThis.__slotwireReference[name] = function () {};
        const bodies = capture(() =>
          index.swBind(rtId, target ?? `globalThis.__slotwireReference.${name}`, undefined, Uint32Array.from(params), ret, fast ? BIND_FAST_REFS : BIND_SLOTS, fast ? `__slotwire_kref_${name}` : undefined),
        );
        results.set(name, render(`#[js_import] ${name}${sig(params, ret)}${fast ? " (fast)" : ""}`, bodies));
      }
      // A second binding of one key: the key's global becomes a dispatcher.
      const [name, params, ret] = IMPORTS[0];
      const bodies = capture(() =>
        index.swBind(rtId, `globalThis.__slotwireReference.${name}`, undefined, Uint32Array.from(params), ret, BIND_FAST_REFS, `__slotwire_kref_${name}`),
      );
      results.set("import_fast_second_binding_of_a_key", render(`a second #[js_import] binding of ${name}'s key${sig(params, ret)}`, bodies));
    } finally {
      delete globalThis.__slotwireReference;
      for (const [name] of IMPORTS) delete globalThis[`__slotwire_kref_${name}`];
    }

    // Batched bindings: their decoders.
    globalThis.__slotwireReference = Object.create(null);
    try {
      for (const [name, params, ret, target] of BATCHED) {
        globalThis.__slotwireReference[name] = function () {};
        const bodies = capture(() =>
          swBindBatch(rtId, target ?? `globalThis.__slotwireReference.${name}`, undefined, Uint32Array.from(params), ret),
        );
        results.set(name, render(`#[js_import(.., batch)] ${name}${sig(params, ret)} (batch decoder)`, bodies));
      }
      // The runner: one case per binding above, their calls inline.
      const bodies = capture(() => makeBatchRunner(rt));
      results.set("batch_runner", render(`the batch runner of ${BATCHED.map(([n]) => n).join(", ")}`, bodies));
    } finally {
      delete globalThis.__slotwireReference;
    }

    // Closures: the slot path, and the typed path in front of it where the signature allows.
    CLOSURES.forEach(([name, params, ret], k) => {
      const bodies = capture(() => rt.closureFunction(k + 1));
      results.set(name, render(`JsClosure ${name}${sig(params, ret)}`, bodies));
    });

    // Record readers (#[derive(JsRecord)] / JsArchive) for the committed layout fixtures.
    const fixtures = JSON.parse(readFileSync(join(dirname(DIR), "fixtures", "records.json"), "utf8"));
    for (const [group, list] of Object.entries(fixtures)) {
      if (!Array.isArray(list) || list.length === 0) continue;
      const { descriptor } = list[0];
      const bodies = capture(() => recordReader(descriptor));
      results.set(`record_${group}`, render(`record reader of the first ${group} fixture (fixtures/records.json)`, bodies));
    }
  });

  test("the files in test/reference/ are the generated code", () => {
    assert.ok(results.size > 0, "no case rendered");
    if (BLESS) {
      mkdirSync(DIR, { recursive: true });
      for (const f of readdirSync(DIR)) if (f.endsWith(".js") && !results.has(f.slice(0, -3))) unlinkSync(join(DIR, f));
      for (const [name, text] of results) writeFileSync(join(DIR, `${name}.js`), text);
      return;
    }
    let committed = [];
    try {
      committed = readdirSync(DIR).filter((f) => f.endsWith(".js"));
    } catch {
      assert.fail(`test/reference/ is missing: ${HOW}`);
    }
    const stale = committed.filter((f) => !results.has(f.slice(0, -3)));
    assert.deepEqual(stale, [], `test/reference/ has files no case makes: ${HOW}`);
    for (const [name, text] of results) {
      let expected;
      try {
        expected = readFileSync(join(DIR, `${name}.js`), "utf8");
      } catch {
        assert.fail(`test/reference/${name}.js is missing: ${HOW}`);
      }
      assert.equal(text, expected, `test/reference/${name}.js differs from the generated code: ${HOW}`);
    }
  });
});

/** The runtime id of `rt` (swRuntime's table is not exported). */
function findRuntimeId(rt) {
  for (let i = 1; i < 1000; i++) if (index.swRuntime(i) === rt) return i;
  throw new Error("runtime not found");
}

/**
 * The bodies compiled while the Runtime made its exports, by export: one each, in definition
 * order (the Runtime goes through the wasm exports in that order).
 */
function splitExports(compiled) {
  const byName = new Map();
  let i = 0;
  for (const [name] of EXPORTS) {
    const c = compiled[i++];
    assert.ok(c !== undefined, `export ${name}: fewer generated functions than exports`);
    byName.set(name, [c]);
  }
  assert.equal(i, compiled.length, "one generated function per export");
  return byName;
}

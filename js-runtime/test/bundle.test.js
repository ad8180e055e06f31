// The runtime the crate ships (engine/js/) is the bundle of src/ as it is now: the core
// (slotwire.js, one module exporting what transport.js exports, plus what the feature snippets
// take from it) and one snippet per pay-for-use feature, which imports the rest from the core.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { FEATURES, bundle } from "../build/bundle.mjs";
import * as transport from "../src/transport.js";
import * as batchTransport from "../src/transport-batch.js";
import { T, layoutWords } from "../src/slot.js";
import { makeFakeWasm, makeMemory } from "./helpers.js";

const dir = new URL("../../engine/js/", import.meta.url);
const shipped = (name) => fileURLToPath(new URL(name, dir));

test("engine/js/ holds the bundles of js-runtime/src (run `node js-runtime/build/bundle.mjs` after a change)", async () => {
  const files = await bundle();
  assert.deepEqual([...files.keys()].sort(), ["slotwire-batch.js", "slotwire-objects.js", "slotwire-records.js", "slotwire-views.js", "slotwire.js"]);
  for (const [name, text] of files) {
    assert.ok(readFileSync(shipped(name), "utf8") === text, `engine/js/${name} is stale`);
  }
});

test("the core exports what transport.js exports, and is one module", async () => {
  const b = await import(shipped("slotwire.js"));
  for (const k of Object.keys(transport)) assert.equal(typeof b[k], typeof transport[k], k);
  assert.ok(Object.keys(b).filter((k) => k.startsWith("sw")).length > 20);
  assert.ok(!readFileSync(shipped("slotwire.js"), "utf8").includes("import "), "one module: no imports left");
  // Batching is not in the core: its runtime is slotwire-batch.js's.
  assert.equal(b.swRunBatch, undefined);
  assert.ok(!readFileSync(shipped("slotwire.js"), "utf8").includes("batchRunner("), "the batch runner is not in the core");
  // Nor are the record readers: slotwire-records.js's.
  assert.equal(b.swRecordType, undefined);
  // (identifiers are minified: record.js's symbol description, a string, stands for it)
  assert.ok(readFileSync(shipped("slotwire-records.js"), "utf8").includes("slotwire.record.memory"));
  assert.ok(!readFileSync(shipped("slotwire.js"), "utf8").includes("slotwire.record.memory"), "record.js is not in the core");
  // Nor is the view runtime (memory-view.js, marshal/view.js): slotwire-views.js's.
  assert.equal(b.swViewsLinked, undefined);
  assert.ok(readFileSync(shipped("slotwire-views.js"), "utf8").includes("slotwire.MemoryView.trusted"));
  assert.ok(!readFileSync(shipped("slotwire.js"), "utf8").includes("slotwire.MemoryView.trusted"), "memory-view.js is not in the core");
  // Nor are Rust objects and streams (rust-object.js, stream.js): slotwire-objects.js's.
  assert.equal(b.swObjectEntries, undefined);
  for (const s of ["Rust object proxies are made by the slotwire runtime only", "exceeds max_allowed_size"]) {
    assert.ok(readFileSync(shipped("slotwire-objects.js"), "utf8").includes(s), s);
    assert.ok(!readFileSync(shipped("slotwire.js"), "utf8").includes(s), `not in the core: ${s}`);
  }
});

test("a feature snippet imports from the core only, links against it, and shares its Runtimes", async () => {
  assert.deepEqual(FEATURES.map((f) => f.out), ["slotwire-batch.js", "slotwire-objects.js", "slotwire-records.js", "slotwire-views.js"]);
  for (const f of FEATURES) {
    const text = readFileSync(shipped(f.out), "utf8");
    const froms = [...text.matchAll(/from"([^"]+)"/g)].map((m) => m[1]);
    assert.ok(froms.length > 0, f.out);
    assert.deepEqual([...new Set(froms)], ["./slotwire.js"], f.out);
  }
  // Linking fails (SyntaxError) if the core lacks a name the snippet imports.
  const batch = await import(shipped("slotwire-batch.js"));
  assert.deepEqual(Object.keys(batch).sort(), Object.keys(batchTransport).sort());
  const core = await import(shipped("slotwire.js"));
  // One module instance: a runtime the core attached is the one the snippet binds for.
  const memory = makeMemory();
  const fake = makeFakeWasm(memory);
  const area = fake.alloc(32);
  new Uint8Array(memory.buffer, area, 32).fill(0);
  const id = core.swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()), area);
  const rt = core.swRuntime(id);
  assert.equal(rt.batchDecoders.length, 0);
  assert.equal(batch.swBindBatch(id, "globalThis.Math.max", undefined, Uint32Array.of(T.i32), T.void), 0);
  assert.equal(rt.batchDecoders.length, 1);
  // The records snippet installs record.js in the core when it loads, and registers layouts in
  // the core's Runtimes.
  assert.equal(core.features.records, null, "not before its snippet loads");
  const records = await import(shipped("slotwire-records.js"));
  assert.deepEqual(Object.keys(records).sort(), ["swRecordType", "swRecordsLinked"]);
  assert.equal(typeof core.features.records.RecordView, "function");
  assert.equal(typeof core.features.records.recordReader, "function");
  assert.equal(records.swRecordType(id, JSON.stringify({ type: "record", name: "P", kind: "pod", size: 4, align: 4, fields: [] })), 1);
  assert.equal(rt.heap.recordTypes.length, 1);
  // The view snippet installs the view runtime; a Runtime attached after it has segments.
  assert.equal(core.features.views, null, "not before its snippet loads");
  assert.equal(rt.segments, null, "a Runtime made without the view runtime has no segments");
  assert.throws(() => rt.allocSegment("f32", 4), /allocSegment: the app's wasm takes no Segment<T>/);
  // A binding taking a span, without the view runtime (Rust links it with every view: a bug
  // there), is a named error, not a crash.
  const span = T.span | (T.f32 << 8);
  assert.throws(
    () => core.swBind(id, "globalThis.Math.max", undefined, Uint32Array.of(span), T.f64, 1, "__slotwire_kbundle_test"),
    /Math\.max: the memory-view runtime \(slotwire-views\.js\) is not loaded/,
  );
  assert.throws(() => core.swBind(id, "globalThis.Math.max", undefined, Uint32Array.of(span), T.void), /memory-view runtime/);
  const views = await import(shipped("slotwire-views.js"));
  assert.deepEqual(Object.keys(views), ["swViewsLinked"]);
  assert.equal(typeof core.features.views.MemoryView, "function");
  const id2 = core.swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()), fake.alloc(32));
  assert.notEqual(core.swRuntime(id2).segments, null);
});

// After the test above (it checks that the records snippet was not loaded yet).
test("the bundles are minified, and the public classes and functions keep their names", async () => {
  const text = readFileSync(shipped("slotwire.js"), "utf8");
  // Identifiers renamed: src/ names that are not exported are gone.
  assert.ok(!/\bfunction checkedSize\b/.test(text), "identifiers are minified");
  const core = await import(shipped("slotwire.js"));
  const memory = makeMemory();
  const fake = makeFakeWasm(memory);
  const area = fake.alloc(32);
  const id = core.swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()), area);
  const m = core.swRuntime(id)[Symbol.for("slotwire.runtime-module")];
  for (const n of ["SlotwireError", "load", "wasmUrlOf", "Runtime", "toReadableStream"]) {
    assert.equal(m[n].name, n, `${n}.name`);
  }
  assert.equal(String(new m.SlotwireError("x")), "SlotwireError: x");
  await import(shipped("slotwire-records.js"));
  const r = core.features.records;
  for (const n of ["ArchiveVec", "RecordReader", "RecordView", "archiveView", "disposeView", "isDisposedView", "recordReader"]) {
    assert.equal(r[n].name, n, `${n}.name`);
  }
  await import(shipped("slotwire-views.js"));
  for (const n of ["MemoryView", "SegmentRegistry"]) assert.equal(core.features.views[n].name, n, `${n}.name`);
  await import(shipped("slotwire-objects.js"));
  for (const n of ["RustObjects", "toReadableStream"]) assert.equal(core.features.objects[n].name, n, `${n}.name`);
});

test("public classes keep fast properties in the shipped bundles", () => {
  // Named without redefining `name` (src/names.js): a redefined `name` made V8 keep the class as
  // a dictionary-mode object, and a user's loop making RecordViews was never optimized for long.
  const r = spawnSync(
    process.execPath,
    ["--allow-natives-syntax", fileURLToPath(new URL("./fixtures/fast-classes.mjs", import.meta.url))],
    { encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout);
  assert.deepEqual(
    Object.keys(got).sort(),
    ["ArchiveVec", "MemoryView", "Particle", "RecordReader", "RecordView", "Runtime", "RustObjects", "SegmentRegistry", "SlotwireError"],
  );
  for (const [k, v] of Object.entries(got)) {
    assert.equal(v.name, k, `${k}.name`);
    assert.equal(v.fast, true, `${k} has dictionary-mode properties`);
  }
});

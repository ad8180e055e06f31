// app.js, the package's "." entry: after load(), its exports are the loaded glue's runtime
// module's (one runtime per app), and a runtime of another version is refused, naming both.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as app from "../lib/app.js";
import * as runtime from "../src/index.js";

const MODULE = Symbol.for("slotwire.runtime-module");

/** A --target bundler glue whose runtime says it was made by `module`. */
function glueWith(module) {
  const rt = {};
  if (module !== undefined) Object.defineProperty(rt, MODULE, { value: module });
  return { rt, glue: { __slotwire_runtime: () => rt } };
}

test("the package version, the runtime's and package.json agree", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  assert.equal(app.VERSION, pkg.version);
  assert.equal(runtime.VERSION, pkg.version);
});

test("before any load, SlotwireError is the package's own; load() adopts the glue's classes", async () => {
  assert.equal(typeof app.SlotwireError, "function");
  // A stand-in runtime module: its classes are distinct objects from this package's.
  class OtherError extends Error {}
  class OtherRuntime {}
  const other = { ...runtime, VERSION: app.VERSION, SlotwireError: OtherError, Runtime: OtherRuntime };
  const { rt, glue } = glueWith(other);
  assert.equal(await app.load(glue), rt);
  assert.equal(app.SlotwireError, OtherError, "live binding now the glue's class");
  assert.equal(app.Runtime, OtherRuntime);
  assert.equal(app.MemoryView, runtime.MemoryView);
  assert.equal(app.T, runtime.T);
  // Back to the real module, for the tests below.
  await app.load(glueWith({ ...runtime }).glue);
  assert.equal(app.SlotwireError, runtime.SlotwireError);
});

test("the record readers are the runtime's records snippet's, and undefined when its app links no records", async () => {
  const records = { ...runtime.features.records };
  assert.equal(records.RecordView, runtime.RecordView, "index.js installs record.js");
  const fake = { RecordView: class {}, recordReader() {}, archiveView() {} };
  await app.load(glueWith({ ...runtime, features: { records: fake } }).glue);
  assert.equal(app.RecordView, fake.RecordView);
  assert.equal(app.recordReader, fake.recordReader);
  assert.equal(app.archiveView, fake.archiveView);
  await app.load(glueWith({ ...runtime, features: { records: null } }).glue);
  assert.equal(app.RecordView, undefined);
  assert.equal(app.recordReader, undefined);
  await app.load(glueWith({ ...runtime }).glue);
  assert.equal(app.RecordView, runtime.RecordView);
  assert.equal(app.ArchiveVec, runtime.ArchiveVec);
});

test("MemoryView is the runtime's views snippet's, and undefined when its app links no views", async () => {
  // The shipped core's runtime module has no MemoryView of its own (runtime-module.js): it is
  // the view snippet's, in features.views, when the app's wasm passes a view.
  const { MemoryView: _, ...core } = runtime;
  const fake = { MemoryView: class {} };
  await app.load(glueWith({ ...core, features: { records: null, views: fake } }).glue);
  assert.equal(app.MemoryView, fake.MemoryView);
  await app.load(glueWith({ ...core, features: { records: null, views: null } }).glue);
  assert.equal(app.MemoryView, undefined);
  await app.load(glueWith({ ...runtime }).glue);
  assert.equal(app.MemoryView, runtime.MemoryView);
});

test("a runtime of another version is refused, naming both versions", async () => {
  const { glue } = glueWith({ ...runtime, VERSION: "9.9.9" });
  await assert.rejects(app.load(glue), (e) => {
    assert.ok(e instanceof runtime.SlotwireError);
    assert.match(e.message, new RegExp(`JS package is ${app.VERSION.replaceAll(".", "\\.")} but the app's crate .* is 9\\.9\\.9`));
    return true;
  });
});

test("a runtime that does not say its module (an older crate) is refused", async () => {
  const { glue } = glueWith(undefined);
  await assert.rejects(app.load(glue), /does not say its version/);
});

test("a real Runtime carries its module: the glue's runtime index", async () => {
  const { makeFakeWasm, makeMemory } = await import("./helpers.js");
  const transport = await import("../src/transport.js");
  const { layoutWords } = await import("../src/slot.js");
  const memory = makeMemory();
  const fake = makeFakeWasm(memory);
  const id = transport.swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()), fake.alloc(32));
  const rt = transport.swRuntime(id);
  fake.rt = rt;
  assert.equal(rt[MODULE].Runtime, runtime.Runtime);
  assert.ok(!Object.keys(rt).includes(String(MODULE)), "not enumerable");
  assert.equal(await app.load({ __slotwire_runtime: () => rt }), rt);
  assert.ok(rt instanceof app.Runtime);
});

test("npm pack ships the entry points, types, README and licenses, and no tests", () => {
  const r = spawnSync("npm", ["pack", "--dry-run", "--json"], {
    cwd: new URL("..", import.meta.url),
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path);
  for (const f of ["package.json", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "index.d.ts", "lib/app.js", "lib/types.js", "bin/slotwire-types.mjs", "src/index.js", "src/load.js"]) {
    assert.ok(files.includes(f), `${f} is missing from the package`);
  }
  assert.ok(!files.some((f) => f.startsWith("test/") || f.startsWith("node_modules/")), files.join(", "));
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  assert.equal(pkg.exports["."].default, "./lib/app.js");
  assert.equal(pkg.exports["./runtime"].default, "./src/index.js");
});

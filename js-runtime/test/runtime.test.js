import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { NULLABLE, T } from "../src/slot.js";
import { SlotwireError } from "../src/errors.js";
import { FRAME_AREA_SIZE, Runtime } from "../src/runtime.js";
import { makeFakeWasm, makeMemory, throwsWith } from "./helpers.js";

function runtimeWith(defs = [], opts) {
  const memory = makeMemory();
  const fake = makeFakeWasm(memory, opts);
  for (const d of defs) fake.defineExport(d);
  const rt = new Runtime(7, memory, fake.wasm);
  fake.rt = rt;
  return { rt, fake, memory };
}

const add = {
  name: "add",
  params: [T.i32, T.i32],
  names: "a,b",
  ret: T.i32,
  impl: (fr) => fr.retI32(fr.i32(0) + fr.i32(1)),
};

describe("Runtime construction", () => {
  test("holds its id, memory and wasm, allocates a frame area, starts unpoisoned", () => {
    const { rt, fake, memory } = runtimeWith();
    assert.equal(rt.id, 7);
    assert.equal(rt.memory, memory);
    assert.equal(rt.wasm, fake.wasm);
    assert.equal(rt.poisoned, null);
    assert.equal(FRAME_AREA_SIZE, 65536);
    assert.deepEqual(fake.log.alloc, [FRAME_AREA_SIZE]);
    assert.equal(fake.live.get(rt.heap.base), FRAME_AREA_SIZE);
    assert.equal(rt.heap.end - rt.heap.base, FRAME_AREA_SIZE);
    assert.equal(rt.heap.top, rt.heap.base);
    assert.equal(rt.heap.u8.buffer, memory.buffer, "views re-derived after the area's allocation grew the memory");
    assert.equal(Object.getPrototypeOf(rt.exports), null);
    assert.deepEqual([...rt.modules.keys()], ["__slotwire"], "only the internal module of JsObject's methods");
  });

  test("a failed frame-area allocation is a SlotwireError", () => {
    const memory = makeMemory();
    const fake = makeFakeWasm(memory, { failAlloc: true });
    throwsWith(assert, () => new Runtime(1, memory, fake.wasm), SlotwireError, "cannot allocate the frame area");
  });
});

describe("Runtime: exports registered from __slotwire_export__ keys", () => {
  test("each export is read from slotwire_export_info and callable", () => {
    const { rt, fake } = runtimeWith([
      add,
      {
        name: "text.shout",
        params: [T.string, T.u32 | NULLABLE],
        names: "s,times",
        ret: T.string,
        impl: (fr) => fr.retStr(fr.str(0).toUpperCase().repeat(fr.isNull(1) ? 1 : fr.u32(1))),
      },
      { name: "text.nothing", impl: () => 0 },
      { name: "now", ret: T.date, impl: (fr) => fr.retF64(1234) },
    ]);
    assert.equal(rt.exports.add(2, 3), 5);
    assert.equal(rt.exports.text.shout("héllo"), "HÉLLO");
    assert.equal(rt.exports.text.shout("ab", 3), "ABABAB");
    assert.equal(rt.exports.text.nothing(), undefined);
    assert.equal(rt.exports.now().getTime(), 1234);
    assert.deepEqual(Object.keys(rt.exports).sort(), ["add", "now", "text"]);
    assert.deepEqual(Object.keys(rt.exports.text).sort(), ["nothing", "shout"]);
    assert.equal(rt.heap.top, rt.heap.base, "the descriptor scratch space was released");
    assert.equal(fake.log.calls.length, 5);
  });

  test("names, parameter names and codes come from the descriptor", () => {
    const { rt } = runtimeWith([add, { name: "text.nothing", impl: () => 0 }]);
    assert.equal(rt.exports.add.name, "add");
    assert.equal(rt.exports.add.length, 2);
    assert.equal(rt.exports.text.nothing.length, 0);
    throwsWith(assert, () => rt.exports.add(1, "x"), TypeError, "add: argument 2 (b): expected i32");
    throwsWith(assert, () => rt.exports.add(1), TypeError, "add: argument 2 (b: i32) is missing");
    throwsWith(assert, () => rt.exports.text.nothing(1), TypeError, "text.nothing: expected 0 arguments, got 1");
  });

  test("keys without the prefix are ignored", () => {
    const memory = makeMemory();
    const fake = makeFakeWasm(memory);
    fake.defineExport(add);
    let called = false;
    fake.wasm.not_an_export = () => {
      called = true;
      return 1;
    };
    const rt = new Runtime(1, memory, fake.wasm);
    assert.equal(called, false);
    assert.deepEqual(Object.keys(rt.exports), ["add"]);
  });

  test("an export without a descriptor is a SlotwireError naming the key", () => {
    const memory = makeMemory();
    const fake = makeFakeWasm(memory);
    fake.defineExport({ ...add, noInfo: true, key: "add_key" });
    throwsWith(assert, () => new Runtime(1, memory, fake.wasm), SlotwireError, "__slotwire_export__add_key", "no descriptor");
  });

  test("clashing export names are a SlotwireError", () => {
    const memory = makeMemory();
    const fake = makeFakeWasm(memory);
    fake.defineExport({ ...add, name: "m", key: "m1" });
    fake.defineExport({ ...add, name: "m.x", key: "m2" });
    throwsWith(assert, () => new Runtime(1, memory, fake.wasm), SlotwireError, 'export "m.x" clashes with export "m"');
  });

  test("a panic in an export poisons the runtime for every later call", () => {
    const { rt, fake } = runtimeWith([
      {
        name: "boom",
        impl: (fr, fk) => {
          fk.rt.poisoned = "boom (at src/lib.rs:1:1)";
          throw new WebAssembly.RuntimeError("unreachable");
        },
      },
      add,
    ]);
    throwsWith(assert, () => rt.exports.boom(), SlotwireError, "instance poisoned by panic: boom (at src/lib.rs:1:1)");
    throwsWith(assert, () => rt.exports.add(1, 2), SlotwireError, "instance poisoned by panic: boom");
    assert.equal(fake.log.calls.length, 1);
  });
});

describe("Runtime: poisonError and trapped", () => {
  test("trapped passes errors through until poisoned", () => {
    const { rt } = runtimeWith();
    const e = new Error("x");
    assert.equal(rt.trapped(e), e);
    rt.poisoned = "msg";
    const p = rt.trapped(e);
    assert.ok(p instanceof SlotwireError);
    assert.equal(p.message, "instance poisoned by panic: msg");
    assert.equal(rt.poisonError().name, "SlotwireError");
  });
});

describe("Runtime.importModule", () => {
  const dirs = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("an object is used as the module itself", async () => {
    const { rt } = runtimeWith();
    const mod = { f: () => 1 };
    const p = rt.importModule("obj", mod);
    assert.equal(rt.modules.get("obj").ns, mod, "available at once");
    assert.equal(await p, mod);
  });

  test("a data: URL is imported", async () => {
    const { rt } = runtimeWith();
    const ns = await rt.importModule("d", "data:text/javascript,export const x = 1");
    assert.equal(ns.x, 1);
    assert.equal(rt.modules.get("d").ns, ns);
  });

  test("a URL object and a file: URL are imported", async () => {
    const { rt } = runtimeWith();
    const dir = mkdtempSync(join(tmpdir(), "slotwire-"));
    dirs.push(dir);
    writeFileSync(join(dir, "m.mjs"), "export const y = 2;\n");
    const url = pathToFileURL(join(dir, "m.mjs"));
    assert.equal((await rt.importModule("u", url)).y, 2);
    assert.equal((await rt.importModule("s", url.href)).y, 2);
  });

  test("a relative URL resolves against the working directory", async () => {
    const { rt } = runtimeWith();
    const dir = mkdtempSync(join(tmpdir(), "slotwire-"));
    dirs.push(dir);
    writeFileSync(join(dir, "rel.mjs"), "export const z = 3;\n");
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      assert.equal((await rt.importModule("rel", "./rel.mjs")).z, 3);
    } finally {
      process.chdir(cwd);
    }
  });

  test(
    "a relative URL resolves against a working directory whose name has URL syntax in it",
    
    async () => {
      const { rt } = runtimeWith();
      const dir = mkdtempSync(join(tmpdir(), "slotwire-#1-"));
      dirs.push(dir);
      writeFileSync(join(dir, "rel.mjs"), "export const z = 4;\n");
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        assert.equal((await rt.importModule("hash", "./rel.mjs")).z, 4);
      } finally {
        process.chdir(cwd);
      }
    },
  );

  test("the same name twice: the same promise, the first module kept", async () => {
    const { rt } = runtimeWith();
    const first = { which: 1 };
    const p1 = rt.importModule("m", first);
    const p2 = rt.importModule("m", { which: 2 });
    assert.equal(p1, p2);
    assert.equal((await p2).which, 1);
    const u1 = rt.importModule("u", "data:text/javascript,export const n = 1");
    const u2 = rt.importModule("u", "data:text/javascript,export const n = 2");
    assert.equal(u1, u2);
    assert.equal((await u2).n, 1);
    assert.equal((await rt.importModule("u", { n: 3 })).n, 1);
  });

  test("a URL that fails to load: rejected with a SlotwireError, and the name can be loaded again", async () => {
    const { rt } = runtimeWith();
    const bad = "data:text/javascript,this is not javascript(";
    await assert.rejects(rt.importModule("b", bad), (e) => {
      assert.ok(e instanceof SlotwireError, `${e}`);
      assert.ok(e.message.includes('importModule("b")'), e.message);
      assert.ok(e.message.includes("cannot load"), e.message);
      assert.ok(e.cause instanceof Error, "the loader's error is the cause");
      return true;
    });
    assert.equal(rt.modules.has("b"), false);
    const missing = pathToFileURL(join(tmpdir(), "slotwire-no-such-dir", "none.mjs")).href;
    await assert.rejects(rt.importModule("b", missing), SlotwireError);
    assert.equal((await rt.importModule("b", "data:text/javascript,export const ok = true")).ok, true);
    assert.equal(rt.modules.get("b").ns.ok, true);
  });

  test("bad names and specs are rejected with a TypeError (not thrown)", async () => {
    const { rt } = runtimeWith();
    for (const name of ["", 5, null, undefined]) {
      const p = rt.importModule(name, {});
      assert.ok(p instanceof Promise);
      await assert.rejects(p, (e) => e instanceof TypeError && e.message.includes("non-empty string"));
    }
    for (const spec of [null, undefined, 5, () => {}]) {
      await assert.rejects(rt.importModule("x", spec), (e) => e instanceof TypeError && e.message.includes('importModule("x")'));
      assert.equal(rt.modules.has("x"), false);
    }
  });
});

// Issue 9 in the JS runtime alone: F8 (read-only views), F10 (poison rejects pending async
// exports, a trap in a task is caught), F11 (errors built without user code), F14 (exports are
// not constructors, with and without code generation), and the two "also seen" items: load() with
// a query string, and the per-key dispatcher's count of a span's wasm values.
import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import * as transport from "../src/transport.js";
import * as objectsTransport from "../src/transport-objects.js";
import { load, wasmUrlOf } from "../src/index.js";
import { BIND_FAST_REFS, CODE_SHIFT, Heap, T, layoutWords } from "../src/slot.js";
import { MemoryView } from "../src/memory-view.js";
import { describe as describeValue, typeError } from "../src/errors.js";
import { checkers } from "../src/marshal/primitive.js";
import { writerFor } from "../src/marshal/index.js";
import { wasmValueCount } from "../src/fast.js";
import { setCodegen } from "../src/codegen.js";
import { makeFakeWasm, makeMemory } from "./helpers.js";

function attach() {
  const memory = makeMemory();
  const fake = makeFakeWasm(memory);
  const area = fake.alloc(32);
  new Uint8Array(memory.buffer, area, 32).fill(0);
  fake.defineExport({ name: "add", params: [T.i32, T.i32], names: "a,b", ret: T.i32, impl: (fr) => fr.retI32(fr.i32(0) + fr.i32(1)) });
  fake.defineExport({
    name: "addFast", params: [T.i32, T.i32], names: "a,b", ret: T.i32, fast: true,
    impl: (fr) => fr.retI32(fr.i32(0) + fr.i32(1)), fastFn: (a, b) => a + b,
  });
  const id = transport.swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()), area);
  const rt = transport.swRuntime(id);
  fake.rt = rt;
  return { memory, fake, id, rt };
}

/** A Proxy every trap of which is logged and throws. */
function hostile() {
  const seen = [];
  const handler = {};
  for (const trap of ["get", "set", "has", "getPrototypeOf", "ownKeys", "getOwnPropertyDescriptor", "defineProperty", "apply", "construct"]) {
    handler[trap] = () => {
      seen.push(trap);
      throw new Error(`TRAP ${trap}`);
    };
  }
  return { proxy: new Proxy({}, handler), seen };
}

describe("F8: a read-only MemoryView cannot be written by any member", () => {
  test("typedArray() of a read-only span is a copy; of a writable one, the memory itself", () => {
    const memory = makeMemory();
    const u32 = new Uint32Array(memory.buffer, 64, 4);
    u32.set([1, 2, 3, 4]);
    const ro = new MemoryView(memory, 64, 4, "u32", "span", null, true);
    const a = ro.typedArray();
    a[0] = 9999;
    a.fill(7);
    new Uint32Array(a.buffer)[1] = 9999;
    assert.deepEqual(Array.from(u32), [1, 2, 3, 4]);
    assert.notEqual(a.buffer, memory.buffer);
    assert.throws(() => ro.set([9]), TypeError);
    assert.deepEqual([...ro], [1, 2, 3, 4]);
    const rw = new MemoryView(memory, 64, 4, "u32", "span", null, false);
    rw.typedArray()[0] = 5;
    assert.equal(u32[0], 5);
  });

  test("a patched TypedArray.prototype.slice cannot turn the copy into the memory", () => {
    const memory = makeMemory();
    new Uint32Array(memory.buffer, 64, 2).set([1, 2]);
    const ro = new MemoryView(memory, 64, 2, "u32", "span", null, true);
    const proto = Object.getPrototypeOf(Uint32Array.prototype);
    const slice = proto.slice;
    proto.slice = function () {
      return this;
    };
    try {
      ro.typedArray()[0] = 9999;
    } finally {
      proto.slice = slice;
    }
    assert.equal(ro.get(0), 1);
  });
});

describe("F11: errors are built without user code", () => {
  test("describe() of a Proxy, a revoked Proxy, a fake Date, a getter bomb, detached arrays", () => {
    const { proxy, seen } = hostile();
    assert.equal(describeValue(proxy), "object");
    const r = Proxy.revocable([], {});
    r.revoke();
    assert.equal(describeValue(r.proxy), "a revoked Proxy");
    assert.equal(describeValue(Object.create(Date.prototype)), "object");
    const bomb = {
      get constructor() {
        throw new Error("GETTER");
      },
      get [Symbol.toStringTag]() {
        throw new Error("GETTER");
      },
    };
    assert.equal(describeValue(bomb), "object");
    const f = new Float64Array(2);
    structuredClone(f.buffer, { transfer: [f.buffer] });
    assert.equal(describeValue(f), "a detached Float64Array");
    assert.equal(describeValue(new Float64Array(1)), "object Float64Array");
    assert.equal(describeValue(new DataView(new ArrayBuffer(1))), "object DataView");
    const memory = makeMemory();
    const v = new MemoryView(memory, 0, 2, "u8", "segment");
    v.dispose();
    assert.equal(describeValue(v), "MemoryView(disposed segment of 2 u8)");
    assert.deepEqual(seen, []);
  });

  test("every checker and writer rejects a hostile Proxy with its own TypeError, running no trap", () => {
    const memory = makeMemory();
    const h = new Heap(memory);
    h.setFrameArea({ slotwire_alloc: () => 0, slotwire_free: () => {} }, 1024, 4096);
    for (const code of Object.keys(checkers)) {
      const { proxy, seen } = hostile();
      assert.throws(() => checkers[code](proxy, "f: argument 1 (x)"), (e) => e instanceof TypeError && e.message.startsWith("f: argument 1 (x): expected"));
      assert.deepEqual(seen, [], `checker ${code}`);
    }
    const compound = [
      T.date,
      T.array | (T.f64 << CODE_SHIFT),
      T.array | (T.string << CODE_SHIFT),
      T.array | (T.u8 << CODE_SHIFT),
      T.span | (T.f64 << CODE_SHIFT),
      T.segment | (T.u8 << CODE_SHIFT),
      T.string,
    ];
    for (const code of compound) {
      const w = writerFor(code, "f");
      for (const make of [() => hostile(), () => ({ proxy: Object.assign(Proxy.revocable({}, {}), {}).proxy, seen: [] })]) {
        const { proxy, seen } = make();
        const top = h.top;
        assert.throws(() => w(h, 1024 + 512, proxy, "f: argument 1 (x)"), (e) => (e instanceof TypeError || e.name === "SlotwireError") && e.message.startsWith("f: argument 1 (x)"), `writer ${code}`);
        h.top = top;
        assert.deepEqual(seen, [], `writer ${code}`);
      }
    }
  });

  test("a fake Date, a revoked Proxy of a Date, a detached ArrayBuffer are TypeErrors naming the argument", () => {
    const memory = makeMemory();
    const h = new Heap(memory);
    h.setFrameArea({ slotwire_alloc: () => 0, slotwire_free: () => {} }, 1024, 4096);
    const date = writerFor(T.date, "f");
    const r = Proxy.revocable(new Date(0), {});
    r.revoke();
    for (const v of [Object.create(Date.prototype), r.proxy]) {
      assert.throws(() => date(h, 1536, v, "f: argument 1 (d)"), (e) => e instanceof TypeError && e.message.startsWith("f: argument 1 (d): expected Date"));
    }
    const bytes = writerFor(T.array | (T.u8 << CODE_SHIFT), "f");
    const b = new ArrayBuffer(4);
    structuredClone(b, { transfer: [b] });
    assert.throws(() => bytes(h, 1536, b, "f: argument 1 (v)"), (e) => e instanceof TypeError && e.message.includes("a detached ArrayBuffer"));
  });

  test("typeError of a user-thrown value inside an array is passed on untouched", () => {
    const e = typeError("f", "x", 1);
    assert.equal(e.message, "f: expected x, got number 1");
  });
});

describe("F14: exports are not constructors", () => {
  for (const codegen of [true, false]) {
    test(`slot and fast exports (codegen ${codegen})`, () => {
      setCodegen(codegen);
      try {
        const { rt } = attach();
        for (const name of ["add", "addFast"]) {
          const f = rt.exports[name];
          assert.throws(() => new f(1, 2), TypeError, name);
          assert.equal("prototype" in f, false, name);
          assert.equal(f(1, 2), 3, name);
          assert.equal(f.name, name);
          assert.equal(f.length, 2);
        }
      } finally {
        setCodegen(true);
      }
    });
  }
});

describe("F10: poisoning settles every pending async export", () => {
  test("rt.poison rejects every pending export promise with the poison error", async () => {
    const { rt } = attach();
    const p1 = new Promise((resolve, reject) => rt.exportPromises.pending.set(1, { resolve, reject }));
    const p2 = new Promise((resolve, reject) => rt.exportPromises.pending.set(2, { resolve, reject }));
    transport.swPoison(rt.id, "kaboom (at src/lib.rs:1:1)");
    for (const p of [p1, p2]) {
      await assert.rejects(p, (e) => e.name === "SlotwireError" && e.message === "instance poisoned by panic: kaboom (at src/lib.rs:1:1)");
    }
    assert.equal(rt.census().asyncExports, 0);
  });

  test("futures' entries come from the function table, and a bad index is a named error", () => {
    const { rt } = attach();
    // Before the hand-over no Rust future awaits a promise: a settle is not wanted, nothing runs.
    assert.equal(rt.settlePromise(1, 0, 0), undefined);
    assert.equal(rt.poisoned, null);
    const calls = [];
    const fns = [null, () => calls.push("run"), (...a) => calls.push(a)];
    assert.throws(() => transport.swFutureEntries(rt.id, 1, 2), /entry 1 is not a function of the table/, "no table yet");
    transport.swFunctionTable(rt.id, { length: fns.length, get: (i) => fns[i] });
    assert.throws(() => transport.swFutureEntries(rt.id, 1, 9), /entry 9 is not a function/);
    assert.throws(() => transport.swFutureEntries(rt.id, 0, 2), /entry 0 is not a function/);
    transport.swFutureEntries(rt.id, 1, 2);
    rt.settlePromise(4, 1, 64);
    assert.deepEqual(calls, [[4, 1, 64]]);
    // Handed over once: a second hand-over (another table function as settle) is refused.
    assert.throws(() => transport.swFutureEntries(rt.id, 2, 1), /futures: the entries were handed over already/);
    rt.settlePromise(5, 0, 8);
    assert.deepEqual(calls, [[4, 1, 64], [5, 0, 8]]);
    assert.throws(() => transport.swFunctionTable(rt.id, { length: 1, get: () => () => 0 }), /function table was handed over already/);
  });

  test("a refused hand-over changes nothing, and an index is a number: no conversion, no user code", () => {
    const { rt } = attach();
    const calls = [];
    const fns = [null, (...a) => (calls.push(["info", ...a]), 1), (...a) => (calls.push(["call", ...a]), 0)];
    assert.throws(() => transport.swFunctionTable(rt.id, { length: 3 }), /expected a table/);
    transport.swFunctionTable(rt.id, { length: fns.length, get: (i) => fns[i] });
    let ran = 0;
    const valueOf = { valueOf: () => (ran++, 1) };
    for (const bad of [NaN, -1, -0.5, 1.5, 2 ** 32, Infinity, -Infinity, "1", 1n, Symbol("i"), null, undefined, valueOf]) {
      for (const [a, b] of [[bad, 2], [1, bad]]) {
        assert.throws(() => transport.swClosureEntries(rt.id, a, b), (e) => e.name === "SlotwireError" && /^closures: entry /.test(e.message));
      }
    }
    assert.equal(ran, 0, "no valueOf ran");
    // Nothing was installed by the refused calls (the first index was valid in half of them).
    assert.throws(() => rt.makeClosureFunction(3, "callback", "f"), /Rust made no closure/);
    assert.deepEqual(calls, []);
    transport.swClosureEntries(rt.id, 1, 2);
    assert.throws(() => rt.makeClosureFunction(3, "callback", "f"), /Rust closure 3 was dropped/);
    assert.deepEqual(calls.map((c) => c[0]), ["info"]);
    assert.throws(() => transport.swClosureEntries(rt.id, 2, 1), /closures: the entries were handed over already/);
  });

  test("closures' entries come from the function table: without them a closure is a named error", () => {
    const { rt } = attach();
    assert.throws(() => rt.makeClosureFunction(1, "callback", "f"), /callback: Rust closure 1: Rust made no closure/);
    const fns = [null, () => 1, () => 0];
    transport.swFunctionTable(rt.id, { length: fns.length, get: (i) => fns[i] });
    assert.throws(() => transport.swClosureEntries(rt.id, 1, 7), /closures: entry 7 is not a function of the table/);
    transport.swClosureEntries(rt.id, 1, 2);
    // closure_info (entry 1) says closure 1 was dropped.
    assert.throws(() => rt.makeClosureFunction(1, "callback", "f"), /callback: Rust closure 1 was dropped/);
  });

  test("Rust objects' entries come from the function table", () => {
    const { rt } = attach();
    const fns = [null, () => 1, (h) => h + 100];
    transport.swFunctionTable(rt.id, { length: fns.length, get: (i) => fns[i] });
    assert.throws(() => objectsTransport.swObjectEntries(rt.id, 1, 5), /Rust objects: entry 5 is not a function of the table/);
    assert.equal(rt.rustObjects.free(3), 0, "nothing handed over yet");
    objectsTransport.swObjectEntries(rt.id, 1, 2);
    assert.equal(rt.rustObjects.free(3), 103);
    assert.throws(() => objectsTransport.swObjectEntries(rt.id, 2, 2), /Rust objects: the entries were handed over already/);
    assert.equal(rt.rustObjects.free(3), 103, "free is still free_object");
    assert.throws(() => rt.rustObjects.proxy(4, false), /Rust object 4 was disposed/);
  });

  test("a trap in futures' run_exports is caught: the instance is poisoned, pending promises reject", async () => {
    const { rt } = attach();
    const runExports = () => {
      throw new WebAssembly.RuntimeError("unreachable");
    };
    const fns = [null, runExports, () => {}];
    transport.swFunctionTable(rt.id, { length: fns.length, get: (i) => fns[i] });
    transport.swFutureEntries(rt.id, 1, 2);
    const p = new Promise((resolve, reject) => rt.exportPromises.pending.set(7, { resolve, reject }));
    transport.swScheduleExports(rt.id);
    await assert.rejects(p, (e) => e.name === "SlotwireError" && e.message.includes("trap in an async export: unreachable"));
    assert.notEqual(rt.poisoned, null);
  });
});

describe("load(): the wasm URL keeps the query", () => {
  const dirs = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("wasmUrlOf changes the path only", () => {
    assert.equal(wasmUrlOf("https://x.test/pkg/app.js?v=2").href, "https://x.test/pkg/app_bg.wasm?v=2");
    assert.equal(wasmUrlOf("https://x.test/pkg/app.js?v=2#a.js").href, "https://x.test/pkg/app_bg.wasm?v=2#a.js");
    assert.equal(wasmUrlOf("file:///a/app.mjs").href, "file:///a/app_bg.wasm");
    assert.throws(() => wasmUrlOf("https://x.test/pkg/app?v=a.js"), TypeError);
  });

  test("load('./pkg/app.js?v=2') reads app_bg.wasm, not the JS", async () => {
    const dir = mkdtempSync(join(tmpdir(), "slotwire-load-q-"));
    dirs.push(dir);
    mkdirSync(join(dir, "pkg"));
    writeFileSync(
      join(dir, "pkg", "app.js"),
      `export let initArg = "unset";
       export default async function init(arg) { initArg = arg; }
       export function __slotwire_runtime() { return { runtime: true, initArg }; }
      `,
    );
    writeFileSync(join(dir, "pkg", "app_bg.wasm"), Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const r = await load(`${pathToFileURL(join(dir, "pkg", "app.js")).href}?v=2`);
    assert.deepEqual(Array.from(r.initArg.module_or_path), [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });
});

describe("swBind's per-key dispatcher counts a span as two wasm values", () => {
  test("wasmValueCount", () => {
    const span = T.span | (T.u32 << CODE_SHIFT);
    assert.equal(wasmValueCount([T.i32, T.string, span, T.f64]), 6);
    assert.equal(wasmValueCount([]), 0);
  });

  for (const codegen of [true, false]) {
    test(`a second instance of a keyed import taking &[u32] reaches each instance with every value (codegen ${codegen})`, () => {
      setCodegen(codegen);
      const a = attach();
      const b = attach();
      const key = `__slotwire_k00000000span${codegen ? 1 : 0}`;
      try {
        const span = T.span | (T.u32 << CODE_SHIFT);
        a.rt.modules.set("m", { ns: { f: (v, x) => v.get(0) * 1000 + v.length * 10 + x }, promise: null });
        b.rt.modules.set("m", { ns: { f: (v, x) => -(v.get(0) * 1000 + v.length * 10 + x) }, promise: null });
        const ia = transport.swBind(a.id, "f", "m", Uint32Array.from([span, T.i32]), T.i32, BIND_FAST_REFS, key);
        const ib = transport.swBind(b.id, "f", "m", Uint32Array.from([span, T.i32]), T.i32, BIND_FAST_REFS, key);
        for (const [i, m, sign] of [[ia, a.memory, 1], [ib, b.memory, -1]]) {
          new Uint32Array(m.buffer, 256, 3).set([7, 8, 9]);
          assert.equal(globalThis[key](i, 256, 3, 5), sign * (7000 + 30 + 5));
        }
      } finally {
        setCodegen(true);
        delete globalThis[key];
      }
    });
  }
});

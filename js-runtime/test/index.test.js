import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import * as index from "../src/index.js";
import * as transport from "../src/transport.js";
import { SlotwireError, Runtime, T, load } from "../src/index.js";
import { swAttach, swBind, swImportModule, swInvoke, swPoison, swRuntime } from "../src/transport.js";
import { layoutWords, STATUS_EXCEPTION, STATUS_OK } from "../src/slot.js";
import { makeFakeWasm, makeMemory, readJsException, readSlot, rustFrame, throwsWith, writeArg } from "./helpers.js";

function attach() {
  const memory = makeMemory();
  const fake = makeFakeWasm(memory);
  fake.defineExport({ name: "add", params: [T.i32, T.i32], names: "a,b", ret: T.i32, impl: (fr) => fr.retI32(fr.i32(0) + fr.i32(1)) });
  const id = swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()));
  fake.rt = swRuntime(id);
  return { memory, fake, id, rt: swRuntime(id) };
}

describe("public exports", () => {
  test("load, Runtime, SlotwireError and T are exported", () => {
    assert.equal(typeof load, "function");
    assert.equal(typeof Runtime, "function");
    assert.ok(new SlotwireError("x") instanceof Error);
    assert.equal(new SlotwireError("x").name, "SlotwireError");
    assert.equal(new SlotwireError("x", { cause: 1 }).cause, 1);
    assert.equal(T.string, 17);
    for (const k of ["load", "Runtime", "SlotwireError", "T"]) {
      assert.ok(k in index, k);
    }
    // What the wasm instance imports is transport.js, not the public entry.
    for (const k of ["swAttach", "swBind", "swInvoke", "swPoison", "swRuntime", "swImportModule"]) {
      assert.ok(k in transport, k);
    }
    assert.deepEqual(Object.keys(index).filter((k) => k.startsWith("sw")), []);
  });
});

describe("swAttach", () => {
  test("the same layout attaches: a Runtime with its exports, ids counting up from 1", () => {
    const a = attach();
    const b = attach();
    assert.ok(a.id >= 1);
    assert.equal(b.id, a.id + 1);
    assert.ok(a.rt instanceof Runtime);
    assert.equal(a.rt.id, a.id);
    assert.equal(a.rt.memory, a.memory);
    assert.equal(a.rt.exports.add(20, 22), 42);
    assert.notEqual(a.rt, b.rt);
  });

  test("a layout differing by one word is rejected with 'layout mismatch'", () => {
    const good = layoutWords();
    for (let i = 0; i < good.length; i++) {
      const bad = good.slice();
      bad[i] += 1;
      const memory = makeMemory();
      const fake = makeFakeWasm(memory);
      const e = throwsWith(assert, () => swAttach(memory, fake.wasm, Uint32Array.from(bad)), SlotwireError, "layout mismatch");
      assert.ok(e.message.includes(`Rust [${bad}]`), e.message);
      assert.ok(e.message.includes(`JS [${good}]`), e.message);
      assert.deepEqual(fake.log.alloc, [], `word ${i}: no runtime was created`);
    }
  });

  test("one word more or less is a mismatch too", () => {
    const good = layoutWords();
    const memory = makeMemory();
    const wasm = makeFakeWasm(memory).wasm;
    throwsWith(assert, () => swAttach(memory, wasm, Uint32Array.from([...good, 41])), SlotwireError, "layout mismatch");
    throwsWith(assert, () => swAttach(memory, wasm, Uint32Array.from(good.slice(0, -1))), SlotwireError, "layout mismatch");
    throwsWith(assert, () => swAttach(memory, wasm, new Uint32Array(0)), SlotwireError, "layout mismatch");
  });
});

describe("swBind / swInvoke / swPoison / swImportModule", () => {
  test("binding a global function and invoking it through slots", () => {
    const { id, memory, fake } = attach();
    const b = swBind(id, "Math.max", undefined, Uint8Array.from([T.f64, T.f64]), T.f64);
    const p = rustFrame(fake, 2);
    writeArg(memory, p, 0, "f64", -1.5);
    writeArg(memory, p, 1, "f64", 2.25);
    assert.equal(swInvoke(b, p), STATUS_OK);
    assert.equal(readSlot(memory, p + 16).f64, 2.25);
    const b2 = swBind(id, "globalThis.Math.hypot", null, Uint8Array.from([T.f64, T.f64]), T.f64);
    assert.notEqual(b2, b);
    writeArg(memory, p, 0, "f64", 3);
    writeArg(memory, p, 1, "f64", 4);
    assert.equal(swInvoke(b2, p), STATUS_OK);
    assert.equal(readSlot(memory, p + 16).f64, 5);
  });

  test("binding a module function after swImportModule", async () => {
    const { id, memory, fake } = attach();
    await swImportModule(id, "tm", { shout: (s) => s.toUpperCase() + "!" });
    const b = swBind(id, "shout", "tm", Uint8Array.from([T.string]), T.string);
    const p = rustFrame(fake, 1);
    writeArg(memory, p, 0, "str", fake.placeString("héllo"));
    assert.equal(swInvoke(b, p), STATUS_OK);
    const r = readSlot(memory, p + 16);
    assert.equal(new TextDecoder().decode(new Uint8Array(memory.buffer, r.lo, r.len)), "HÉLLO!");
    throwsWith(assert, () => swBind(id, "shout", "never", Uint8Array.from([]), T.void), SlotwireError, 'module "never" was never loaded');
    throwsWith(assert, () => swBind(id, "nope", "tm", Uint8Array.from([]), T.void), TypeError, "tm#nope");
  });

  test("an invoked function that throws returns STATUS_EXCEPTION", () => {
    const { id, memory, fake } = attach();
    globalThis.__swThrower = () => {
      throw new RangeError("too far");
    };
    try {
      const b = swBind(id, "__swThrower", undefined, Uint8Array.from([]), T.void);
      const p = rustFrame(fake, 0);
      assert.equal(swInvoke(b, p), STATUS_EXCEPTION);
      const x = readJsException(memory, p);
      assert.equal(x.name, "RangeError");
      assert.equal(x.message, "too far");
    } finally {
      delete globalThis.__swThrower;
    }
  });

  test("swPoison keeps the first panic message and poisons the exports", () => {
    const { id, rt } = attach();
    swPoison(id, "first (at a.rs:1:1)");
    swPoison(id, "second");
    assert.equal(rt.poisoned, "first (at a.rs:1:1)");
    throwsWith(assert, () => rt.exports.add(1, 2), SlotwireError, "instance poisoned by panic: first (at a.rs:1:1)");
    swPoison(99999, "no such runtime"); // ignored, not a crash
  });
});

describe("load", () => {
  const dirs = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  function glueDir() {
    const dir = mkdtempSync(join(tmpdir(), "slotwire-load-"));
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
    return dir;
  }

  test("a module object: init is called, then __slotwire_runtime()", async () => {
    const calls = [];
    const rt = { me: 1 };
    const mod = {
      default: async (arg) => {
        calls.push(arg);
      },
      __slotwire_runtime: () => rt,
    };
    assert.equal(await load(mod), rt);
    assert.deepEqual(calls, [undefined]);
    const bytes = new Uint8Array([1, 2, 3]);
    assert.equal(await load(mod, bytes), rt);
    assert.equal(calls[1].module_or_path, bytes);
  });

  test("--target bundler glue (no init function): its runtime, the wasm already instantiated", async () => {
    const rt = { me: 2 };
    assert.equal(await load({ __slotwire_runtime: () => rt }), rt);
    await assert.rejects(
      load({ __slotwire_runtime: () => rt }, new Uint8Array([1])),
      (e) => e instanceof TypeError && e.message.includes("--target bundler"),
    );
  });

  test("not a wasm-bindgen module: TypeError", async () => {
    await assert.rejects(load({}), (e) => e instanceof TypeError && e.message.includes("wasm-bindgen module"));
    await assert.rejects(load(null), TypeError);
    await assert.rejects(load({ default: 5 }), TypeError);
  });

  test("a module without slotwire: SlotwireError", async () => {
    await assert.rejects(
      load({ default: async () => {} }),
      (e) => e instanceof SlotwireError && e.message.includes("__slotwire_runtime"),
    );
  });

  test("a glue URL: the _bg.wasm next to it is read as bytes in Node", async () => {
    const dir = glueDir();
    const url = pathToFileURL(join(dir, "pkg", "app.js"));
    const r = await load(url);
    assert.equal(r.runtime, true);
    assert.deepEqual(Array.from(r.initArg.module_or_path), Array.from(readFileSync(join(dir, "pkg", "app_bg.wasm"))));
  });

  test("a relative glue path resolves against the working directory", async () => {
    const dir = glueDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await load("./pkg/app.js");
      assert.equal(r.runtime, true);
      assert.equal(r.initArg.module_or_path.length, 8);
    } finally {
      process.chdir(cwd);
    }
  });

  test("an explicit relative wasm path is read from the working directory", async () => {
    const dir = glueDir();
    writeFileSync(join(dir, "other.wasm"), Uint8Array.from([9, 9]));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await load(pathToFileURL(join(dir, "pkg", "app.js")).href, "./other.wasm");
      assert.deepEqual(Array.from(r.initArg.module_or_path), [9, 9]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("index.d.ts", () => {
  const dts = readFileSync(fileURLToPath(new URL("../index.d.ts", import.meta.url)), "utf8");

  test("declares the public API", () => {
    for (const re of [
      /export declare function load[<(]/,
      /export declare class Runtime\b/,
      /export declare class SlotwireError extends Error\b/,
      /export declare const T: /,
      /readonly exports: /,
      /importModule\(/,
      /poisoned: string \| null/,
      /readonly memory: WebAssembly\.Memory/,
    ]) {
      assert.match(dts, re);
    }
  });

  test("its T lists exactly slot.js's type codes", () => {
    const block = dts.slice(dts.indexOf("export declare const T: "));
    const body = block.slice(block.indexOf("{") + 1, block.indexOf("}>"));
    const entries = [...body.matchAll(/^\s*readonly (\w+): (\d+);/gm)].map((m) => [m[1], Number(m[2])]);
    assert.deepEqual(entries, Object.entries(T));
  });
});

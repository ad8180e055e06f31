import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { RustObjectProxy, RustObjects } from "../src/rust-object.js";
import { assertOptimizedAcrossGc, setup } from "./helpers.js";

/** A runtime whose wasm knows live handles 1..3 of type "Thing", and frees them. */
function withObjects() {
  const s = setup();
  const name = new TextEncoder().encode("Thing");
  const at = s.fake.alloc(name.length);
  new Uint8Array(s.memory.buffer).set(name, at);
  const live = new Set([1, 2, 3]);
  const freed = [];
  const adopted = [];
  const adopt = (h, how, out) => {
    if (!live.has(h)) return 1;
    adopted.push([h, how]);
    const u32 = new Uint32Array(s.memory.buffer);
    u32[out >>> 2] = at;
    u32[(out >>> 2) + 1] = name.length;
    return 0;
  };
  const free = (h) => {
    freed.push(h);
    return live.delete(h) ? 1 : 0;
  };
  s.rt.exports = { Thing: { twice: (p, x) => (assert.ok(p instanceof RustObjectProxy), 2 * x) } };
  const objs = new RustObjects(s.rt);
  s.rt.rustObjects = objs;
  // Rust's entries, as it hands them over with its first object (swObjectEntries).
  objs.useEntries(adopt, free);
  return { ...s, objs, freed, live, adopted };
}

describe("Rust object proxies", () => {
  test("before Rust hands over its object entries, a proxy is a named error and frees nothing", () => {
    const s = setup();
    const objs = new RustObjects(s.rt);
    assert.throws(() => objs.proxy(1, false), /Rust object 1: Rust made no object/);
    assert.equal(objs.free(1), 0);
  });

  test("one proxy per handle, methods from <Type>.<method> exports, invoke, dispose once", () => {
    const { objs, freed, adopted } = withObjects();
    const p = objs.proxy(1, false);
    assert.equal(objs.proxy(1, false), p, "identity while alive");
    assert.deepEqual(adopted, [[1, 1]], "one reference taken, by the new proxy");
    assert.equal(objs.proxy(1, true), p, "an owned slot of a known object: the same proxy");
    assert.deepEqual(adopted, [[1, 1], [1, 2]], "... which takes over Rust's in-flight reference");
    assert.equal(p.typeName, "Thing");
    assert.equal(p.twice(21), 42);
    assert.equal(p.invoke("twice", 2), 4);
    assert.throws(() => p.invoke("nope"), /Thing has no method nope/);
    assert.equal(objs.live, 1);
    p.dispose();
    p.dispose();
    assert.deepEqual(freed, [1], "freed once");
    assert.equal(p.isDisposed, true);
    assert.equal(objs.live, 0);
    assert.throws(() => objs.proxy(1, false), /was disposed/, "a freed handle has no proxy");
  });

  test("proxy state is private, and only proxies the runtime made are accepted", () => {
    const { objs } = withObjects();
    const p = objs.proxy(1, false);
    assert.equal(objs.handleOf(p, "f: argument 1"), 1);
    assert.equal(Object.keys(p).length, 0, "no own, enumerable state");
    assert.equal(p.handle, undefined, "no public handle");
    p.disposed = true;
    p.handle = 2;
    assert.equal(objs.handleOf(p, "f: argument 1"), 1, "writing look-alike fields changes nothing");
    assert.equal(p.isDisposed, false);
    assert.throws(() => new p.constructor(objs.rt, 2, "Thing"), /made by the slotwire runtime only/);
    assert.throws(() => new RustObjectProxy(undefined, objs.rt, 2, "Thing"), TypeError);
    const fake = Object.create(Object.getPrototypeOf(p));
    assert.throws(() => objs.handleOf(fake, "f: argument 1"), /f: argument 1/);
    assert.throws(() => objs.handleOf({ handle: 1, typeName: "Thing" }, "f: argument 1"), TypeError);
    const other = withObjects().objs.proxy(1, false);
    assert.throws(() => objs.handleOf(other, "f: argument 1"), TypeError, "another runtime's proxy");
    assert.throws(() => p.dispose.call({}), TypeError, "dispose on a look-alike");
    p.dispose();
    assert.throws(() => objs.handleOf(p, "f: argument 1"), /was disposed/);
  });

  test("a proxy JS drops without dispose() is freed by the FinalizationRegistry", { skip: typeof gc !== "function" && "needs --expose-gc" }, async () => {
    const { objs, freed } = withObjects();
    (() => {
      objs.proxy(2, false);
      objs.proxy(3, false).dispose();
    })();
    for (let i = 0; i < 50 && !freed.includes(2); i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(freed.includes(2), `collected proxy freed in Rust (freed: ${freed})`);
    assert.equal(freed.filter((h) => h === 3).length, 1, "a disposed one is not freed twice");
  });
});

describe("a full GC keeps proxy code optimized", () => {
  // As for spans (memory-view.test.js): with no proxy alive, a full GC freed the proxies' maps
  // and threw away every optimized loop that got, used and disposed proxies.
  test("proxies got, called and disposed per call, then a full GC", () => {
    assertOptimizedAcrossGc("proxy-maps-gc.mjs");
  });
});

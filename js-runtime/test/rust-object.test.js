import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { RustObjectProxy, RustObjects } from "../src/rust-object.js";
import { setup } from "./helpers.js";

/** A runtime whose wasm knows live handles 1..3 of type "Thing", and frees them. */
function withObjects() {
  const s = setup();
  const name = new TextEncoder().encode("Thing");
  const at = s.fake.alloc(name.length);
  new Uint8Array(s.memory.buffer).set(name, at);
  const live = new Set([1, 2, 3]);
  const freed = [];
  s.rt.wasm.slotwire_object_type = (h, out) => {
    if (!live.has(h)) return 1;
    const u32 = new Uint32Array(s.memory.buffer);
    u32[out >>> 2] = at;
    u32[(out >>> 2) + 1] = name.length;
    return 0;
  };
  s.rt.wasm.slotwire_free_object = (h) => {
    freed.push(h);
    return live.delete(h) ? 1 : 0;
  };
  s.rt.exports = { Thing: { twice: (p, x) => (assert.ok(p instanceof RustObjectProxy), 2 * x) } };
  const objs = new RustObjects(s.rt);
  s.rt.rustObjects = objs;
  return { ...s, objs, freed, live };
}

describe("Rust object proxies", () => {
  test("one proxy per handle, methods from <Type>.<method> exports, invoke, dispose once", () => {
    const { objs, freed } = withObjects();
    const p = objs.proxy(1);
    assert.equal(objs.proxy(1), p, "identity while alive");
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
    assert.throws(() => objs.proxy(1), /was disposed/, "a freed handle has no proxy");
  });

  test("a proxy JS drops without dispose() is freed by the FinalizationRegistry", { skip: typeof gc !== "function" && "needs --expose-gc" }, async () => {
    const { objs, freed } = withObjects();
    (() => {
      objs.proxy(2);
      objs.proxy(3).dispose();
    })();
    for (let i = 0; i < 50 && !freed.includes(2); i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(freed.includes(2), `collected proxy freed in Rust (freed: ${freed})`);
    assert.equal(freed.filter((h) => h === 3).length, 1, "a disposed one is not freed twice");
  });
});

import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { PromiseTable } from "../src/promise.js";

/** A PromiseTable whose settlements are recorded instead of written for Rust. */
function table() {
  const t = new PromiseTable({});
  t.settled = [];
  t.settle = (id, token, v, writer, what, rejected) => {
    t.settled.push({ id, v, rejected });
  };
  return t;
}

const turn = () => new Promise((r) => setTimeout(r, 0));

describe("PromiseTable.wait", () => {
  test("values, promises, thenables and rejections settle their id", async () => {
    const t = table();
    const a = t.add(Promise.resolve(7), null, "a");
    const b = t.add(42, null, "b");
    const c = t.add({ then: (res) => res("thenable") }, null, "c");
    const d = t.add(Promise.reject(new RangeError("no")), null, "d");
    await turn();
    const by = new Map(t.settled.map((s) => [s.id, s]));
    assert.deepEqual([by.get(a).v, by.get(a).rejected], [7, false]);
    assert.deepEqual([by.get(b).v, by.get(b).rejected], [42, false]);
    assert.deepEqual([by.get(c).v, by.get(c).rejected], ["thenable", false]);
    assert.equal(by.get(d).rejected, true);
    assert.equal(by.get(d).v.message, "no");
  });

  test("a throwing `constructor` getter or species constructor rejects; add itself does not throw", async () => {
    const t = table();
    const hostile = Promise.resolve(1);
    Object.defineProperty(hostile, "constructor", {
      get() {
        throw new TypeError("constructor getter");
      },
    });
    class Sub extends Promise {
      static get [Symbol.species]() {
        throw new TypeError("species");
      }
    }
    const sub = Sub.resolve(2);
    const a = t.add(hostile, null, "a");
    const b = t.add(sub, null, "b");
    await turn();
    const by = new Map(t.settled.map((s) => [s.id, s]));
    assert.equal(by.get(a).rejected, true);
    assert.equal(by.get(a).v.message, "constructor getter");
    assert.equal(by.get(b).rejected, true);
    assert.equal(by.get(b).v.message, "species");
  });

  test("Promise.prototype.then patched after the runtime loaded is not what it calls", async () => {
    const t = table();
    const then = Promise.prototype.then;
    let called = 0;
    Promise.prototype.then = function (...args) {
      called++;
      return then.apply(this, args);
    };
    try {
      t.add(Promise.resolve(3), null, "a");
    } finally {
      Promise.prototype.then = then;
    }
    await turn();
    assert.equal(called, 0);
    assert.equal(t.settled[0].v, 3);
  });
});

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

test("a patched constructor throwing in both of wait's registrations leaves no id pending (eleventh session, P2)", async () => {
  const t = new PromiseTable({});
  const desc = Object.getOwnPropertyDescriptor(Promise.prototype, "constructor");
  // The value's `then` getter (read by Promise.resolve(value)) arms a constructor getter that
  // throws for the next two reads: the species lookups of the two `then`s in `wait`.
  let armed = 0;
  Object.defineProperty(Promise.prototype, "constructor", {
    configurable: true,
    get() {
      if (armed > 0) {
        armed--;
        throw new TypeError("hostile constructor");
      }
      return Promise;
    },
  });
  const value = {
    get then() {
      armed = 2;
      return undefined;
    },
  };
  let threw = null;
  try {
    t.add(value, null, "a");
  } catch (e) {
    threw = e.message;
  } finally {
    Object.defineProperty(Promise.prototype, "constructor", desc);
  }
  const got = { threw, pending: t.pending.size };
  assert.ok(
    threw === null || t.pending.size === 0,
    `add either registers (no throw, settled later) or throws with nothing pending: ${JSON.stringify(got)}`,
  );
  // (Before: the catch path's own rejected promise was left unhandled too: an
  // unhandledRejection, which ends a Node process by default.)
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(t.pending.size, 0, "the rejection settled it");
});

// The writers under user code that grows the memory or lies about lengths (issue 9, F1 F2 F13):
// every write lands in the current memory, every size is checked before allocating.
// End to end, in Node and Chromium: tests/tests/sound_memory.rs.

import { test } from "node:test";
import assert from "node:assert/strict";

import { T } from "../src/slot.js";
import { HandleTable } from "../src/handles.js";
import { writerFor } from "../src/marshal/index.js";
import { readers, writers } from "../src/marshal/any.js";
import { readSlot, setup, throwsWith } from "./helpers.js";

const WHAT = "f: argument 1 (v)";
const ARRAY = (inner) => T.array | (inner << 8);

function fresh() {
  const s = setup();
  s.heap.objects = new HandleTable();
  s.p = s.heap.alloc(16);
  return s;
}

/** `values` with a getter at `i` that grows the memory by a page first. */
function growing(memory, values, i) {
  const a = values.slice();
  Object.defineProperty(a, i, {
    get() {
      memory.grow(1);
      return values[i];
    },
  });
  return a;
}

function readF64s(memory, at, n) {
  return Array.from(new Float64Array(memory.buffer, at, n));
}

test("Vec<f64> from an Array: elements after a growing getter land in the current memory", () => {
  const { memory, heap, p } = fresh();
  writerFor(ARRAY(T.f64), "f")(heap, p, growing(memory, [1.5, 2.5, 3.5], 1), WHAT);
  const s = readSlot(memory, p);
  assert.equal(s.len, 3);
  assert.deepEqual(readF64s(memory, s.lo, 3), [1.5, 2.5, 3.5]);
});

test("Vec<String>: strings after a growing getter land in the current memory", () => {
  const { memory, heap, p } = fresh();
  writerFor(ARRAY(T.string), "f")(heap, p, growing(memory, ["one", "two", "three"], 0), WHAT);
  const s = readSlot(memory, p);
  const got = [];
  for (let i = 0; i < s.len; i++) {
    const e = readSlot(memory, s.lo + 16 * i);
    got.push(new TextDecoder().decode(new Uint8Array(memory.buffer, e.lo, e.len)));
  }
  assert.deepEqual(got, ["one", "two", "three"]);
});

test("JsAny: values after a growing getter land in the current memory", () => {
  const { memory, heap, p } = fresh();
  const v = [1, growing(memory, ["a", [2, 3]], 0), "end"];
  writers[T.any](heap, p, v, WHAT);
  assert.deepEqual(readers[T.any](heap, p, WHAT), [1, ["a", [2, 3]], "end"]);
});

test("a typed array's length is its own; an Array Proxy's length is checked", () => {
  const { memory, heap, p } = fresh();
  class Short extends Float64Array {
    get length() {
      return 1;
    }
  }
  const w = writerFor(ARRAY(T.f64), "f");
  w(heap, p, new Short(4).fill(2), WHAT);
  assert.equal(readSlot(memory, p).len, 4);
  const proxy = (len) => new Proxy([1, 2], { get: (t, k) => (k === "length" ? len : t[k]) });
  for (const len of [2 ** 40, 2 ** 32, -1, 1.5, NaN, "2"]) {
    throwsWith(assert, () => w(heap, p, proxy(len), WHAT), RangeError, WHAT);
  }
  throwsWith(assert, () => w(heap, p, new Array(2 ** 29 + 2), WHAT), RangeError, WHAT, "2147483640");
  throwsWith(assert, () => writerFor(ARRAY(T.string), "f")(heap, p, new Array(2 ** 28 + 1), WHAT), RangeError, WHAT);
});

test("JsAny: a cycle is a short TypeError, depth is bounded", () => {
  const { heap, p } = fresh();
  const w = writers[T.any];
  const a = [1];
  a.push(a);
  const e = throwsWith(assert, () => w(heap, p, a, WHAT), TypeError, WHAT, "cycles");
  assert.ok(e.message.length < 200, e.message);
  let deep = [];
  for (let i = 1; i < 65; i++) deep = [deep];
  throwsWith(assert, () => w(heap, p, deep, WHAT), RangeError, "64");
  // (A DAG expanding past MAX_ELEMENTS needs more memory than the fake allows: see the e2e test.)
  w(heap, p, [[1]], WHAT);
  assert.deepEqual(readers[T.any](heap, p, WHAT), [[1]]);
});

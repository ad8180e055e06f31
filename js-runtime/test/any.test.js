import { test } from "node:test";
import assert from "node:assert/strict";

import { FLAG_NULL, FLAG_OWNED, T } from "../src/slot.js";
import { HandleTable } from "../src/handles.js";
import { readers, writers, MAX_DEPTH } from "../src/marshal/any.js";
import { readerFor, writerFor } from "../src/marshal/index.js";
import { readSlot, setup, throwsWith } from "./helpers.js";

const WHAT = "f: argument 1 (any)";
const readAny = readers[T.any];
const writeAny = writers[T.any];

function fresh() {
  const s = setup();
  s.heap.objects = new HandleTable();
  const p = s.heap.alloc(16);
  return { ...s, p };
}

test("T.any is registered in the marshaler tables", () => {
  assert.equal(readerFor(T.any, "x"), readAny);
  assert.equal(writerFor(T.any, "x"), writeAny);
});

test("plain values round trip, each slot saying its run-time type", () => {
  const cases = [
    [undefined, T.void, 0],
    [null, T.void, FLAG_NULL],
    [true, T.bool, 0],
    [false, T.bool, 0],
    [-0.5, T.f64, 0],
    [NaN, T.f64, 0],
    [-(2n ** 63n), T.i64, 0],
    [2n ** 63n - 1n, T.i64, 0],
    ["grüß 𝄞", T.string, 0],
    ["", T.string, 0],
  ];
  for (const [v, ty, flags] of cases) {
    const { memory, heap, p } = fresh();
    heap.u8.fill(0xff, p, p + 16); // stale
    writeAny(heap, p, v, WHAT);
    const s = readSlot(memory, p);
    assert.equal(s.ty, ty, String(v));
    assert.equal(s.flags, flags, String(v));
    assert.equal(s.elem, 0);
    assert.ok(Object.is(readAny(heap, p, WHAT), v), String(v));
  }
});

test("a Date is a Date by value", () => {
  const { memory, heap, p } = fresh();
  writeAny(heap, p, new Date(1700000000123), WHAT);
  assert.equal(readSlot(memory, p).ty, T.date);
  const back = readAny(heap, p, WHAT);
  assert.ok(back instanceof Date);
  assert.equal(back.getTime(), 1700000000123);
  throwsWith(assert, () => writeAny(heap, p, new Date(NaN), WHAT), RangeError, WHAT, "Invalid Date");
});

test("objects, functions and typed arrays go by handle and come back ===", () => {
  const { memory, heap, p } = fresh();
  for (const [v, ty] of [[{ a: 1 }, T.object], [() => 1, T.function], [new Uint8Array(3), T.object], [new Map(), T.object]]) {
    writeAny(heap, p, v, WHAT);
    const s = readSlot(memory, p);
    assert.equal(s.ty, ty);
    assert.ok(s.len > 0);
    assert.equal(readAny(heap, p, WHAT), v);
    heap.objects.release(s.len);
  }
  assert.equal(heap.objects.live, 0);
});

test("arrays nest, with every kind of element", () => {
  const { memory, heap, p } = fresh();
  const o = {};
  const v = [1, "two", [null, undefined, [true]], o, 5n, []];
  writeAny(heap, p, v, WHAT);
  const s = readSlot(memory, p);
  assert.equal(s.ty, T.array);
  assert.equal(s.len, 6);
  assert.equal(s.flags & FLAG_OWNED, 0, "JS → Rust: in the frame, not owned");
  const back = readAny(heap, p, WHAT);
  assert.deepEqual(back, [1, "two", [null, undefined, [true]], o, 5n, []]);
  assert.equal(back[3], o);
  // The one handle the array's object took (the table held nothing before).
  heap.objects.release(heap.objects.objects.indexOf(o));
  assert.equal(heap.objects.live, 0);
});

test("an owned array block (Rust → JS) is freed after reading and its flag cleared", () => {
  const { memory, fake, heap, p } = fresh();
  const o = { x: 1 };
  // What Rust writes for JsAny::Array(vec![Number(2.5), Object(o)]) as an export result.
  const handle = heap.objects.toHandle(o);
  const block = fake.alloc(32);
  const d = new DataView(memory.buffer);
  d.setFloat64(block, 2.5, true);
  d.setUint8(block + 12, T.f64);
  d.setUint32(block + 16 + 8, handle, true);
  d.setUint8(block + 16 + 12, T.object);
  d.setUint8(block + 16 + 14, FLAG_OWNED);
  d.setUint32(p, block, true);
  d.setUint32(p + 4, 0, true);
  d.setUint32(p + 8, 2, true);
  d.setUint8(p + 12, T.array);
  d.setUint8(p + 13, 0);
  d.setUint8(p + 14, FLAG_OWNED);
  const back = readAny(heap, p, WHAT);
  assert.deepEqual(back, [2.5, o]);
  assert.equal(back[1], o);
  assert.equal(readSlot(memory, p).flags & FLAG_OWNED, 0);
  assert.equal(fake.live.has(block), false, "block freed");
  assert.equal(heap.objects.live, 0, "the owned handle was released");
});

test("a symbol is a TypeError, a bigint beyond i64 a RangeError, naming the index", () => {
  const { heap, p } = fresh();
  throwsWith(assert, () => writeAny(heap, p, Symbol("s"), WHAT), TypeError, WHAT, "symbol");
  throwsWith(assert, () => writeAny(heap, p, 2n ** 70n, WHAT), RangeError, WHAT);
  throwsWith(assert, () => writeAny(heap, p, [1, [2, Symbol()]], WHAT), TypeError, `${WHAT}[1][1]`);
  throwsWith(assert, () => writeAny(heap, p, [2n ** 64n], WHAT), RangeError, `${WHAT}[0]`);
});

test("a throw inside an array gives back the handles its elements took", () => {
  const { heap, p } = fresh();
  const o = {};
  throwsWith(assert, () => writeAny(heap, p, [o, [() => 0, {}], Symbol()], WHAT), TypeError, `${WHAT}[2]`);
  assert.equal(heap.objects.live, 0);
  // A held object keeps its other references.
  const h = heap.objects.toHandle(o);
  throwsWith(assert, () => writeAny(heap, p, [o, Symbol()], WHAT), TypeError);
  assert.equal(heap.objects.live, 1);
  heap.objects.release(h);
  assert.equal(heap.objects.live, 0);
});

test("a cyclic array is a TypeError, not a stack overflow, and the writer still works after", () => {
  const { heap, p } = fresh();
  const a = [1];
  a.push(a);
  heap.setFrameArea(heap.wasm, heap.base, 1 << 20);
  throwsWith(assert, () => writeAny(heap, p, a, WHAT), TypeError, "without cycles");
  writeAny(heap, p, [[1]], WHAT);
  assert.deepEqual(readAny(heap, p, WHAT), [[1]]);
});

test("Option<JsAny> and Vec<JsAny> through readerFor/writerFor", () => {
  const { memory, heap, p } = fresh();
  const opt = T.any | 0x80;
  writerFor(opt, "x")(heap, p, undefined, WHAT);
  assert.equal(readSlot(memory, p).flags, FLAG_NULL);
  assert.equal(readerFor(opt, "x")(heap, p, WHAT), null);
  writerFor(opt, "x")(heap, p, "s", WHAT);
  assert.equal(readerFor(opt, "x")(heap, p, WHAT), "s");
  const vec = T.array | (T.any << 8);
  writerFor(vec, "x")(heap, p, [1, ["a"], null], WHAT);
  assert.deepEqual(readerFor(vec, "x")(heap, p, WHAT), [1, ["a"], null]);
});

test("an unknown type code is a SlotwireError", () => {
  const { heap, p } = fresh();
  heap.u8.fill(0, p, p + 16);
  heap.u8[p + 12] = T.segment;
  assert.throws(() => readAny(heap, p, WHAT), /not a JsAny value/);
});

test("a throw inside a Vec<JsAny> or Vec<JsObject> gives back the handles taken before it", () => {
  const { heap, p } = fresh();
  const o = {};
  throwsWith(assert, () => writerFor(T.array | (T.any << 8), "x")(heap, p, [o, [{}], 2n ** 64n], WHAT), RangeError, `${WHAT}[2]`);
  assert.equal(heap.objects.live, 0);
  throwsWith(assert, () => writerFor(T.array | (T.object << 8), "x")(heap, p, [o, {}, 5], WHAT), TypeError, `${WHAT}[2]`);
  assert.equal(heap.objects.live, 0);
  throwsWith(assert, () => writerFor(T.array | ((T.array | (T.object << 8)) << 8), "x")(heap, p, [[o], [{}, 1]], WHAT), TypeError);
  assert.equal(heap.objects.live, 0);
});

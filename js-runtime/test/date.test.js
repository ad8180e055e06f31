import { test } from "node:test";
import assert from "node:assert/strict";

import { Heap, T } from "../src/slot.js";
import { readers, writers } from "../src/marshal/date.js";
import { dv, makeMemory, throwsWith } from "./helpers.js";

const WHAT = "at: argument 1 (when)";

function fresh() {
  const memory = makeMemory();
  return { memory, h: new Heap(memory), p: 128 };
}

test("a Date round trips as its time value, an f64 in the slot", () => {
  for (const ms of [0, -1, 1, 1700000000123, -62198755200000, 8.64e15, -8.64e15]) {
    const { memory, h, p } = fresh();
    const d = new Date(ms);
    writers[T.date](h, p, d, WHAT);
    assert.equal(dv(memory).getFloat64(p, true), ms);
    const back = readers[T.date](h, p, WHAT);
    assert.ok(back instanceof Date);
    assert.notEqual(back, d, "a new Date");
    assert.equal(back.getTime(), ms);
  }
});

test("the reader makes a Date of whatever time value Rust wrote", () => {
  const { memory, h, p } = fresh();
  dv(memory).setFloat64(p, 86400000, true);
  assert.equal(readers[T.date](h, p).toISOString(), "1970-01-02T00:00:00.000Z");
});

test("an Invalid Date is a RangeError naming the argument", () => {
  const { memory, h, p } = fresh();
  dv(memory).setFloat64(p, 42, true);
  throwsWith(assert, () => writers[T.date](h, p, new Date(NaN), WHAT), RangeError, WHAT, "Invalid Date");
  throwsWith(assert, () => writers[T.date](h, p, new Date("not a date"), WHAT), RangeError, WHAT);
  assert.equal(dv(memory).getFloat64(p, true), 42, "slot untouched");
});

test("a non-Date is a TypeError naming the argument", () => {
  const { h, p } = fresh();
  for (const v of [0, 1700000000000, "2020-01-01", null, undefined, {}, { getTime: () => 0 }, 5n]) {
    throwsWith(assert, () => writers[T.date](h, p, v, WHAT), TypeError, WHAT, "Date");
  }
});

test("a Date subclass is a Date", () => {
  class MyDate extends Date {}
  const { h, p } = fresh();
  writers[T.date](h, p, new MyDate(5000), WHAT);
  assert.equal(readers[T.date](h, p).getTime(), 5000);
});

import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { IdTable } from "../src/id-table.js";

describe("IdTable", () => {
  test("set, get, delete by id; size counts the ids", () => {
    const t = new IdTable();
    t.set(1, "a");
    t.set(2, "b");
    assert.equal(t.get(1), "a");
    assert.equal(t.get(2), "b");
    assert.equal(t.get(3), undefined);
    assert.equal(t.size, 2);
    t.set(1, "a2");
    assert.equal(t.size, 2, "setting an id again replaces its value");
    assert.equal(t.delete(1), "a2");
    assert.equal(t.delete(1), undefined, "deleted once");
    assert.equal(t.get(1), undefined);
    assert.equal(t.size, 1);
    assert.deepEqual(t.keys(), [2]);
  });

  test("ids sharing a slot: both kept, each found and deleted by its own id", () => {
    const t = new IdTable(3); // 8 slots while at most 4 ids
    t.set(5, "old");
    t.set(5 + 8, "new"); // slot 5 too
    t.set(5 + 16, "newer");
    assert.equal(t.get(5), "old");
    assert.equal(t.get(13), "new");
    assert.equal(t.get(21), "newer");
    assert.equal(t.delete(13), "new");
    assert.equal(t.get(5), "old");
    assert.equal(t.get(21), "newer");
    assert.equal(t.delete(5), "old");
    assert.equal(t.get(21), "newer", "an overflowed id outlives the one that held its slot");
    assert.equal(t.size, 1);
    t.set(5, "again");
    assert.deepEqual(t.keys(), [5, 21]);
  });

  test("u32 ids past 2^31 and the largest", () => {
    const t = new IdTable();
    for (const id of [0x80000000, 0xfffffffe, 0xffffffff]) t.set(id, id);
    for (const id of [0x80000000, 0xfffffffe, 0xffffffff]) assert.equal(t.get(id), id);
    assert.equal(t.get(-1), 0xffffffff, "an i32 from wasm names the same u32");
    assert.equal(t.delete(-1), 0xffffffff);
    assert.equal(t.size, 2);
  });

  test("grows past half full and keeps every id", () => {
    const t = new IdTable(2);
    const ids = [];
    for (let i = 0; i < 1000; i++) {
      const id = (i * 2654435761) >>> 0 || 1; // scattered, colliding slots
      ids.push(id);
      t.set(id, i);
    }
    assert.equal(t.size, 1000);
    ids.forEach((id, i) => assert.equal(t.get(id), i));
    assert.ok(t.mask + 1 >= 2000, `${t.mask + 1} slots for 1000 ids`);
    assert.deepEqual(t.keys(), [...ids].sort((a, b) => a - b));
    assert.equal(t.all().length, 1000);
  });

  test("ids that come and go around one that stays: the table stays small", () => {
    // A promise that never settles, and a million awaits after it: each id in sequence, set
    // and deleted at once (what PromiseTable does). Neither the slots nor the overflow grow.
    const t = new IdTable();
    t.set(1, "forever");
    for (let id = 2; id < 1_000_000; id++) {
      t.set(id, true);
      assert.equal(t.delete(id), true);
    }
    assert.equal(t.size, 1);
    assert.equal(t.get(1), "forever");
    assert.ok(t.mask + 1 <= 32, `${t.mask + 1} slots`);
    assert.equal(t.overflow, null);
  });

  test("id 0 and undefined values are refused", () => {
    const t = new IdTable();
    assert.throws(() => t.set(0, 1), RangeError);
    assert.throws(() => t.set(1, undefined), RangeError);
    assert.equal(t.get(0), undefined);
    assert.equal(t.delete(0), undefined);
  });

  test("clear", () => {
    const t = new IdTable(2);
    for (let id = 1; id < 20; id++) t.set(id * 4, id); // all in slot 0: overflow
    t.clear();
    assert.equal(t.size, 0);
    assert.deepEqual(t.keys(), []);
    assert.equal(t.get(4), undefined);
  });

  test("keys() with ~400k ids in the overflow", () => {
    // 400 slots, 1024 ids each congruent modulo 2^22: the table grows to 2^20 slots while every
    // one of these ids still shares its slot with another, so ~409k of them sit in the overflow.
    // (keys() once spread them as arguments of one push: RangeError, call stack size exceeded.)
    const t = new IdTable(1);
    for (let s = 1; s <= 400; s++) for (let j = 0; j < 1024; j++) t.set((s + j * 2 ** 22) >>> 0, 1);
    assert.ok(t.overflow.size > 400_000);
    assert.equal(t.keys().length, t.size);
  });
});

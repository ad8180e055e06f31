import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { FLAG_NULL, Heap, NULLABLE, OFFSET_FLAGS, T } from "../src/slot.js";
import { SlotwireError } from "../src/errors.js";
import { readerFor, usesMemory, writerFor } from "../src/marshal/index.js";
import { describe as describeValue } from "../src/errors.js";
import { dv, makeMemory, readSlot, setup, throwsWith } from "./helpers.js";

function fresh() {
  const memory = makeMemory();
  return { memory, h: new Heap(memory), p: 256 };
}

describe("nullable wrappers (Option<T>)", () => {
  test("null and undefined set FLAG_NULL and write no value", () => {
    for (const v of [null, undefined]) {
      const { memory, h, p } = fresh();
      dv(memory).setInt32(p, 1234, true);
      writerFor(T.i32 | NULLABLE, "f")(h, p, v, "f: argument 1 (x)");
      const s = readSlot(memory, p);
      assert.equal(s.flags, FLAG_NULL);
      assert.equal(s.i32, 1234, "value untouched");
    }
  });

  test("a value clears FLAG_NULL and is written by the inner writer", () => {
    const { memory, h, p } = fresh();
    const w = writerFor(T.i32 | NULLABLE, "f");
    w(h, p, null, "x");
    assert.equal(readSlot(memory, p).flags, FLAG_NULL);
    w(h, p, -9, "x");
    assert.equal(readSlot(memory, p).flags, 0);
    assert.equal(readSlot(memory, p).i32, -9);
    // 0, false and "" are values, not None.
    w(h, p, 0, "x");
    assert.equal(readSlot(memory, p).flags, 0);
    const b = writerFor(T.bool | NULLABLE, "f");
    b(h, p + 16, false, "x");
    assert.equal(readSlot(memory, p + 16).flags, 0);
  });

  test("the inner writer still validates", () => {
    const { h, p } = fresh();
    throwsWith(assert, () => writerFor(T.i32 | NULLABLE, "f")(h, p, "3", "f: argument 1 (x)"), TypeError, "f: argument 1 (x)");
    throwsWith(assert, () => writerFor(T.u8 | NULLABLE, "f")(h, p, 256, "f: argument 1 (x)"), RangeError, "f: argument 1 (x)");
  });

  test("a non-nullable writer rejects null and undefined", () => {
    const { h, p } = fresh();
    throwsWith(assert, () => writerFor(T.i32, "f")(h, p, null, "w"), TypeError, "w", "got null");
    throwsWith(assert, () => writerFor(T.string, "f")(h, p, undefined, "w"), TypeError, "w", "got undefined");
  });

  test("the reader returns null when flagged, the value otherwise", () => {
    const { memory, h, p } = fresh();
    const r = readerFor(T.f64 | NULLABLE, "f");
    dv(memory).setFloat64(p, 2.5, true);
    dv(memory).setUint8(p + OFFSET_FLAGS, FLAG_NULL);
    assert.equal(r(h, p, "w"), null);
    dv(memory).setUint8(p + OFFSET_FLAGS, 0);
    assert.equal(r(h, p, "w"), 2.5);
    // Only the FLAG_NULL bit counts.
    dv(memory).setUint8(p + OFFSET_FLAGS, 2);
    assert.equal(r(h, p, "w"), 2.5);
  });

  test("Option<string> round trips through the frame area", () => {
    const { heap: h } = setup();
    const w = writerFor(T.string | NULLABLE, "f");
    const r = readerFor(T.string | NULLABLE, "f");
    w(h, 8, "héllo", "w");
    assert.equal(r(h, 8, "r"), "héllo");
    w(h, 8, null, "w");
    assert.equal(r(h, 8, "r"), null);
  });

  test("non-nullable readers ignore the flag", () => {
    const { memory, h, p } = fresh();
    dv(memory).setInt32(p, 7, true);
    dv(memory).setUint8(p + OFFSET_FLAGS, FLAG_NULL);
    assert.equal(readerFor(T.i32, "f")(h, p, "w"), 7);
  });
});

describe("readerFor / writerFor", () => {
  test("return the table's marshalers for plain codes", () => {
    const { memory, h, p } = fresh();
    writerFor(T.u16, "f")(h, p, 65535, "w");
    assert.equal(readerFor(T.u16, "f")(h, p, "r"), 65535);
    writerFor(T.date, "f")(h, p, new Date(3), "w");
    assert.equal(readerFor(T.date, "f")(h, p, "r").getTime(), 3);
    assert.equal(readSlot(memory, p).f64, 3);
  });

  test("void reads undefined and writes nothing", () => {
    const { memory, h, p } = fresh();
    new Uint8Array(memory.buffer).fill(0x77, p, p + 16);
    assert.equal(readerFor(T.void, "f")(h, p, "r"), undefined);
    writerFor(T.void, "f")(h, p, 123, "w");
    assert.ok(new Uint8Array(memory.buffer, p, 16).every((b) => b === 0x77));
  });

  test("codes not supported yet throw a SlotwireError at bind time, naming the place and the type", () => {
    for (const code of [T.error, T.promise, T.span, T.segment, T.array, T.record]) {
      const name = Object.keys(T).find((k) => T[k] === code);
      throwsWith(assert, () => readerFor(code, "globalThis.f"), SlotwireError, "globalThis.f", `type ${name} is not supported yet`);
      throwsWith(assert, () => writerFor(code, "add"), SlotwireError, "add", name);
    }
    throwsWith(assert, () => readerFor(T.span | NULLABLE, "g"), SlotwireError, "Option<span>");
    throwsWith(assert, () => writerFor(99, "g"), SlotwireError, "type ?");
    throwsWith(assert, () => readerFor(T.void | NULLABLE, "g"), SlotwireError, "Option<void>");
  });

  test("usesMemory: strings (nullable or not) only", () => {
    assert.equal(usesMemory(T.string), true);
    assert.equal(usesMemory(T.string | NULLABLE), true);
    for (const c of [T.void, T.i32, T.f64, T.i64, T.date, T.char, T.bool | NULLABLE]) {
      assert.equal(usesMemory(c), false, String(c));
    }
  });
});

describe("errors.describe", () => {
  test("short descriptions for messages", () => {
    assert.equal(describeValue(null), "null");
    assert.equal(describeValue(undefined), "undefined");
    assert.equal(describeValue("ab"), 'string "ab"');
    assert.equal(describeValue("x".repeat(50)), `string "${"x".repeat(40)}…"`);
    assert.equal(describeValue(1.5), "number 1.5");
    assert.equal(describeValue(NaN), "number NaN");
    assert.equal(describeValue(false), "boolean false");
    assert.equal(describeValue(3n), "bigint 3n");
    assert.equal(describeValue(Symbol("q")), "symbol");
    assert.equal(describeValue(() => 1), "function");
    assert.equal(describeValue(new Date(0)), "Date");
    assert.equal(describeValue([1]), "Array");
    assert.equal(describeValue(new Map()), "object Map");
    assert.equal(describeValue(Object.create(null)), "object");
  });
});

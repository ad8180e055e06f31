import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { Heap, T } from "../src/slot.js";
import { readers, writers } from "../src/marshal/primitive.js";
import { dv, makeMemory, readSlot, throwsWith } from "./helpers.js";

const WHAT = "f: argument 1 (x)";

function fresh() {
  const memory = makeMemory();
  const h = new Heap(memory);
  // Slot at 64, surrounded by canary bytes to catch writes outside the 8-byte value.
  const p = 64;
  new Uint8Array(memory.buffer).fill(0xcc, 48, 96);
  return { memory, h, p };
}

function write(code, v) {
  const { memory, h, p } = fresh();
  writers[code](h, p, v, WHAT);
  return { memory, h, p };
}

function roundTrip(code, v) {
  const { h, p } = write(code, v);
  return readers[code](h, p, WHAT);
}

const INTS = [
  ["u8", 0, 255],
  ["i8", -128, 127],
  ["u16", 0, 65535],
  ["i16", -32768, 32767],
  ["u32", 0, 4294967295],
  ["i32", -2147483648, 2147483647],
  ["usize", 0, 4294967295],
  ["isize", -2147483648, 2147483647],
];

const WRONG_TYPES = [
  ["string", "1"],
  ["bigint", 1n],
  ["null", null],
  ["undefined", undefined],
  ["boolean", true],
  ["object", {}],
  ["Date", new Date(0)],
];

describe("integer writers and readers (32 bits or less)", () => {
  for (const [name, min, max] of INTS) {
    const code = T[name];
    describe(name, () => {
      test("min, max, 0, -0 round trip", () => {
        assert.equal(roundTrip(code, min), min);
        assert.equal(roundTrip(code, max), max);
        assert.equal(roundTrip(code, 0), 0);
        const z = roundTrip(code, -0);
        assert.ok(Object.is(z, 0), "-0 is written as 0");
      });

      test("the low 32 bits hold the value as Rust reads it (value as u32 as T)", () => {
        const { memory, p } = write(code, min);
        const s = readSlot(memory, p);
        assert.equal(min < 0 ? s.i32 : s.lo, min);
        const w = write(code, max);
        assert.equal(readSlot(w.memory, w.p).lo, max >>> 0);
        // Nothing outside the 8-byte value is touched.
        const bytes = new Uint8Array(memory.buffer);
        assert.equal(bytes[p - 1], 0xcc);
        assert.equal(bytes[p + 8], 0xcc);
      });

      for (const [label, v] of [
        ["min - 1", min - 1],
        ["max + 1", max + 1],
        ["NaN", NaN],
        ["1.5", 1.5],
        ["Infinity", Infinity],
        ["-Infinity", -Infinity],
      ]) {
        test(`${label} is a RangeError naming the argument and the type`, () => {
          const { h, p } = fresh();
          throwsWith(assert, () => writers[code](h, p, v, WHAT), RangeError, WHAT, name, "out of range");
        });
      }

      for (const [label, v] of WRONG_TYPES) {
        test(`a ${label} is a TypeError naming the argument`, () => {
          const { h, p } = fresh();
          throwsWith(assert, () => writers[code](h, p, v, WHAT), TypeError, WHAT, `expected ${name}`);
        });
      }
    });
  }

  test("a rejected value leaves the slot untouched", () => {
    const { memory, h, p } = fresh();
    writers[T.i32](h, p, 5, WHAT);
    assert.throws(() => writers[T.i32](h, p, 2 ** 31, WHAT), RangeError);
    assert.throws(() => writers[T.i32](h, p, "6", WHAT), TypeError);
    assert.equal(readSlot(memory, p).i32, 5);
  });

  test("the TypeError describes what it got", () => {
    const { h, p } = fresh();
    throwsWith(assert, () => writers[T.u8](h, p, "12", WHAT), TypeError, 'got string "12"');
    throwsWith(assert, () => writers[T.u8](h, p, 3n, WHAT), TypeError, "got bigint 3n");
    throwsWith(assert, () => writers[T.u8](h, p, null, WHAT), TypeError, "got null");
  });

  test("signed readers see Rust's sign extension; u8 reads one byte", () => {
    const { memory, h, p } = fresh();
    dv(memory).setUint32(p, 0xfffffffb, true); // (-5i8 as i32 as u32)
    assert.equal(readers[T.i8](h, p), -5);
    assert.equal(readers[T.i16](h, p), -5);
    assert.equal(readers[T.i32](h, p), -5);
    assert.equal(readers[T.isize](h, p), -5);
    assert.equal(readers[T.u32](h, p), 0xfffffffb);
    assert.equal(readers[T.usize](h, p), 0xfffffffb);
    dv(memory).setUint32(p, 200, true);
    assert.equal(readers[T.u8](h, p), 200);
    dv(memory).setUint32(p, 65535, true);
    assert.equal(readers[T.u16](h, p), 65535);
  });
});

describe("bool", () => {
  test("true and false round trip and are written as 1 and 0", () => {
    assert.equal(roundTrip(T.bool, true), true);
    assert.equal(roundTrip(T.bool, false), false);
    const w = write(T.bool, true);
    assert.equal(readSlot(w.memory, w.p).lo, 1);
    const f = write(T.bool, false);
    assert.equal(readSlot(f.memory, f.p).lo, 0);
  });

  test("only booleans: 1, 0, 'true', null, undefined are TypeErrors", () => {
    for (const v of [1, 0, "true", "", null, undefined, {}, 1n]) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[T.bool](h, p, v, WHAT), TypeError, WHAT, "bool");
    }
  });

  test("the reader treats any non-zero byte as true", () => {
    const { memory, h, p } = fresh();
    dv(memory).setUint32(p, 0, true);
    assert.equal(readers[T.bool](h, p), false);
    dv(memory).setUint8(p, 2);
    assert.equal(readers[T.bool](h, p), true);
  });
});

describe("f32", () => {
  test("values are rounded to f32", () => {
    assert.equal(roundTrip(T.f32, 0.1), Math.fround(0.1));
    assert.notEqual(roundTrip(T.f32, 0.1), 0.1);
    assert.equal(roundTrip(T.f32, 1.5), 1.5);
    const w = write(T.f32, 1.5);
    assert.equal(readSlot(w.memory, w.p).f32, 1.5);
    assert.equal(readSlot(w.memory, w.p).lo, 0x3fc00000);
  });

  test("f32::MAX and values that round to it are fine; beyond is a RangeError", () => {
    const MAX = 3.4028234663852886e38;
    assert.equal(roundTrip(T.f32, MAX), MAX);
    assert.equal(roundTrip(T.f32, -MAX), -MAX);
    assert.equal(roundTrip(T.f32, MAX * (1 + 2 ** -26)), MAX);
    for (const v of [3.5e38, -3.5e38, 1e39, Number.MAX_VALUE]) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[T.f32](h, p, v, WHAT), RangeError, WHAT, "out of range for f32");
    }
  });

  test("±Infinity, NaN and -0 are allowed", () => {
    assert.equal(roundTrip(T.f32, Infinity), Infinity);
    assert.equal(roundTrip(T.f32, -Infinity), -Infinity);
    assert.ok(Number.isNaN(roundTrip(T.f32, NaN)));
    assert.ok(Object.is(roundTrip(T.f32, -0), -0));
  });

  test("tiny values underflow like Rust's `as f32`", () => {
    assert.ok(Object.is(roundTrip(T.f32, 1e-50), 0));
    assert.ok(Object.is(roundTrip(T.f32, -1e-50), -0));
  });

  test("non-numbers are TypeErrors", () => {
    for (const [, v] of WRONG_TYPES) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[T.f32](h, p, v, WHAT), TypeError, WHAT, "f32");
    }
  });
});

describe("f64", () => {
  test("NaN, ±Infinity, -0 and extremes are preserved bit for bit", () => {
    for (const v of [NaN, Infinity, -Infinity, -0, 0, 5e-324, Number.MAX_VALUE, -Number.MIN_VALUE, 0.1]) {
      assert.ok(Object.is(roundTrip(T.f64, v), v), String(v));
    }
    const w = write(T.f64, -0);
    assert.equal(readSlot(w.memory, w.p).u64, 0x8000000000000000n);
  });

  test("non-numbers are TypeErrors", () => {
    for (const [, v] of WRONG_TYPES) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[T.f64](h, p, v, WHAT), TypeError, WHAT, "f64");
    }
  });
});

describe("i64 and u64 (bigint)", () => {
  const I64_MIN = -(2n ** 63n);
  const I64_MAX = 2n ** 63n - 1n;
  const U64_MAX = 2n ** 64n - 1n;

  test("bigint edges round trip and match a BigInt64Array view", () => {
    for (const v of [I64_MIN, I64_MAX, -1n, 0n, 1n]) {
      const { memory, h, p } = write(T.i64, v);
      assert.equal(readers[T.i64](h, p), v);
      assert.equal(new BigInt64Array(memory.buffer)[p >> 3], v);
    }
    for (const v of [0n, U64_MAX, 2n ** 63n]) {
      const { memory, h, p } = write(T.u64, v);
      assert.equal(readers[T.u64](h, p), v);
      assert.equal(new BigUint64Array(memory.buffer)[p >> 3], v);
    }
  });

  test("bigints out of range are RangeErrors", () => {
    for (const [code, v] of [
      [T.i64, I64_MIN - 1n],
      [T.i64, I64_MAX + 1n],
      [T.u64, -1n],
      [T.u64, U64_MAX + 1n],
    ]) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[code](h, p, v, WHAT), RangeError, WHAT, `${v}n`);
    }
  });

  test("safe-integer numbers are accepted", () => {
    assert.equal(roundTrip(T.i64, Number.MAX_SAFE_INTEGER), 2n ** 53n - 1n);
    assert.equal(roundTrip(T.i64, -Number.MAX_SAFE_INTEGER), -(2n ** 53n - 1n));
    assert.equal(roundTrip(T.i64, -1), -1n);
    assert.equal(roundTrip(T.i64, -0), 0n);
    assert.equal(roundTrip(T.u64, Number.MAX_SAFE_INTEGER), 2n ** 53n - 1n);
  });

  test("unsafe or fractional numbers are RangeErrors; a negative number for u64 too", () => {
    for (const [code, v] of [
      [T.i64, 2 ** 53],
      [T.i64, 1.5],
      [T.i64, NaN],
      [T.i64, Infinity],
      [T.u64, -1],
      [T.u64, 2 ** 64],
    ]) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[code](h, p, v, WHAT), RangeError, WHAT);
    }
  });

  test("other types are TypeErrors", () => {
    for (const code of [T.i64, T.u64]) {
      for (const v of ["1", null, undefined, true, {}]) {
        const { h, p } = fresh();
        throwsWith(assert, () => writers[code](h, p, v, WHAT), TypeError, WHAT, "bigint");
      }
    }
  });
});

describe("i64_number and u64_number (safe-integer numbers)", () => {
  const SAFE = Number.MAX_SAFE_INTEGER;

  test("edges round trip", () => {
    for (const v of [0, 1, -1, SAFE, -SAFE, 2 ** 32, -(2 ** 32), 2 ** 32 - 1, -(2 ** 31) - 1]) {
      assert.equal(roundTrip(T.i64_number, v), v, String(v));
    }
    for (const v of [0, 1, SAFE, 2 ** 32, 2 ** 32 + 5]) {
      assert.equal(roundTrip(T.u64_number, v), v, String(v));
    }
    assert.ok(Object.is(roundTrip(T.i64_number, -0), 0));
  });

  test("negative numbers are written as 64-bit two's complement", () => {
    for (const v of [-1, -5, -(2 ** 32), -(2 ** 32) - 1, -SAFE, -(2 ** 31)]) {
      const { memory, p } = write(T.i64_number, v);
      assert.equal(new BigInt64Array(memory.buffer)[p >> 3], BigInt(v), String(v));
    }
    const { memory, p } = write(T.i64_number, -1);
    assert.deepEqual([readSlot(memory, p).lo, readSlot(memory, p).hi], [0xffffffff, 0xffffffff]);
    const big = write(T.u64_number, SAFE);
    assert.equal(new BigUint64Array(big.memory.buffer)[big.p >> 3], 2n ** 53n - 1n);
  });

  test("2**53 and beyond are RangeErrors; -(2**53 - 1) is fine", () => {
    for (const [code, v] of [
      [T.i64_number, 2 ** 53],
      [T.i64_number, -(2 ** 53)],
      [T.i64_number, 1.5],
      [T.i64_number, NaN],
      [T.u64_number, 2 ** 53],
      [T.u64_number, -1],
      [T.u64_number, 0.5],
    ]) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[code](h, p, v, WHAT), RangeError, WHAT, "safe integer");
    }
    assert.equal(roundTrip(T.i64_number, -(2 ** 53 - 1)), -(2 ** 53 - 1));
  });

  test("bigints in the safe range are accepted, outside it RangeErrors", () => {
    assert.equal(roundTrip(T.i64_number, -5n), -5);
    assert.equal(roundTrip(T.u64_number, 7n), 7);
    for (const [code, v] of [
      [T.i64_number, 2n ** 53n],
      [T.u64_number, -1n],
    ]) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[code](h, p, v, WHAT), RangeError, WHAT);
    }
  });

  test("other types are TypeErrors", () => {
    for (const code of [T.i64_number, T.u64_number]) {
      for (const v of ["1", null, undefined, true]) {
        const { h, p } = fresh();
        throwsWith(assert, () => writers[code](h, p, v, WHAT), TypeError, WHAT);
      }
    }
  });

  test("the readers throw a RangeError for values beyond 2^53 (Rust wrote a full i64)", () => {
    for (const v of [2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)]) {
      const { memory, h, p } = fresh();
      new BigInt64Array(memory.buffer)[p >> 3] = v;
      throwsWith(assert, () => readers[T.i64_number](h, p, WHAT), RangeError, WHAT, `${v}`, "bigint");
    }
    for (const v of [2n ** 53n, 2n ** 64n - 1n]) {
      const { memory, h, p } = fresh();
      new BigUint64Array(memory.buffer)[p >> 3] = v;
      throwsWith(assert, () => readers[T.u64_number](h, p, WHAT), RangeError, WHAT, `${v}`);
    }
    const { memory, h, p } = fresh();
    new BigInt64Array(memory.buffer)[p >> 3] = -(2n ** 53n - 1n);
    assert.equal(readers[T.i64_number](h, p, WHAT), -(2 ** 53 - 1));
    new BigUint64Array(memory.buffer)[p >> 3] = 2n ** 53n - 1n;
    assert.equal(readers[T.u64_number](h, p, WHAT), 2 ** 53 - 1);
  });
});

describe("char", () => {
  test("one code point: 'a', 'é', '𝄞' (two UTF-16 units)", () => {
    const a = write(T.char, "a");
    assert.equal(readSlot(a.memory, a.p).lo, 0x61);
    const g = write(T.char, "𝄞");
    assert.equal(readSlot(g.memory, g.p).lo, 0x1d11e);
    assert.equal(roundTrip(T.char, "𝄞"), "𝄞");
    assert.equal(roundTrip(T.char, "é"), "é");
    assert.equal(roundTrip(T.char, "\0"), "\0");
    assert.equal(roundTrip(T.char, "\u{10FFFF}"), "\u{10FFFF}");
  });

  test("'ab', '', two code points and non-strings are TypeErrors", () => {
    for (const v of ["ab", "", "𝄞a", "a𝄞", "abc", "\uD800\uD800", 97, null, undefined, ["a"]]) {
      const { h, p } = fresh();
      throwsWith(assert, () => writers[T.char](h, p, v, WHAT), TypeError, WHAT, "char");
    }
  });

  test("a lone surrogate becomes U+FFFD", () => {
    for (const v of ["\uD800", "\uDFFF", "\uDC00"]) {
      const w = write(T.char, v);
      assert.equal(readSlot(w.memory, w.p).lo, 0xfffd, JSON.stringify(v));
    }
    assert.equal(roundTrip(T.char, "\uD800"), "\uFFFD");
  });
});

describe("tables", () => {
  test("every primitive code has both a reader and a writer", () => {
    const codes = ["bool", "u8", "i8", "u16", "i16", "u32", "i32", "f32", "f64", "char", "usize", "isize", "i64", "u64", "i64_number", "u64_number"];
    for (const n of codes) {
      assert.equal(typeof readers[T[n]], "function", `reader ${n}`);
      assert.equal(typeof writers[T[n]], "function", `writer ${n}`);
    }
    assert.equal(Object.keys(readers).length, codes.length);
    assert.equal(Object.keys(writers).length, codes.length);
  });
});

// Numbers, booleans and char: mirrors engine/src/marshal/primitive.rs.
//
// Readers  (h, p, what) => value         Rust → JS (import arguments, export results)
// Writers  (h, p, v, what) => void       JS → Rust (import results, export arguments); they
//                                        validate and throw TypeError/RangeError naming `what`.
// `p` is the byte address of the slot; its value is at p (8 bytes), little-endian.

import { T } from "../slot.js";
import { rangeError, typeError } from "../errors.js";

const TWO32 = 4294967296;

function intChecker(name, min, max) {
  return (v, what) => {
    if (typeof v !== "number") throw typeError(what, `${name} (a number)`, v);
    if (!Number.isInteger(v) || v < min || v > max) {
      throw rangeError(what, `${v} is out of range for ${name} (an integer in ${min}..=${max})`);
    }
    return v;
  };
}

function readBigInt(v, what, name, lo, hi) {
  if (typeof v === "bigint") {
    if (v < lo || v > hi) throw rangeError(what, `${v}n is out of range for ${name}`);
    return v;
  }
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) {
      throw rangeError(what, `${v} is not a safe integer; pass a bigint for ${name}`);
    }
    if (v < lo || v > hi) throw rangeError(what, `${v} is out of range for ${name}`);
    return BigInt(v);
  }
  throw typeError(what, `${name} (a bigint)`, v);
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

function writeSafeInteger(h, p, v) {
  const hi = Math.floor(v / TWO32);
  h.u32[p >>> 2] = v - hi * TWO32;
  h.i32[(p >>> 2) + 1] = hi;
}

function numberFrom64(v, what, name, min, max) {
  if (typeof v === "bigint") {
    if (v < BigInt(min) || v > BigInt(max)) {
      throw rangeError(what, `${v}n is out of range for ${name} (a safe integer in ${min}..=${max})`);
    }
    return Number(v);
  }
  if (typeof v !== "number") throw typeError(what, `${name} (a number)`, v);
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw rangeError(what, `${v} is out of range for ${name} (a safe integer in ${min}..=${max})`);
  }
  return v;
}

export const readers = {
  [T.bool]: (h, p) => h.u8[p] !== 0,
  [T.u8]: (h, p) => h.u8[p],
  [T.i8]: (h, p) => h.i32[p >>> 2],
  [T.u16]: (h, p) => h.u32[p >>> 2],
  [T.i16]: (h, p) => h.i32[p >>> 2],
  [T.u32]: (h, p) => h.u32[p >>> 2],
  [T.i32]: (h, p) => h.i32[p >>> 2],
  [T.usize]: (h, p) => h.u32[p >>> 2],
  [T.isize]: (h, p) => h.i32[p >>> 2],
  [T.f32]: (h, p) => h.f32[p >>> 2],
  [T.f64]: (h, p) => h.f64[p >>> 3],
  [T.i64]: (h, p) => h.i64[p >>> 3],
  [T.u64]: (h, p) => h.u64[p >>> 3],
  [T.i64_number]: (h, p, what) => {
    const v = h.i32[(p >>> 2) + 1] * TWO32 + h.u32[p >>> 2];
    if (!Number.isSafeInteger(v)) {
      throw rangeError(what, `${h.i64[p >>> 3]} is not a safe integer; declare it as bigint`);
    }
    return v;
  },
  [T.u64_number]: (h, p, what) => {
    const v = h.u32[(p >>> 2) + 1] * TWO32 + h.u32[p >>> 2];
    if (!Number.isSafeInteger(v)) {
      throw rangeError(what, `${h.u64[p >>> 3]} is not a safe integer; declare it as bigint`);
    }
    return v;
  },
  [T.char]: (h, p) => String.fromCodePoint(h.u32[p >>> 2]),
};

/**
 * Checkers `(v, what) => value`: validate a JS value for a 32-bit-or-less type (or f64) and return
 * what goes into wasm (an i32-range integer, 1/0 for bool, the code point for char). Used by the
 * slot writers below and by the typed trampolines (fast.js).
 */
export const checkers = {
  [T.bool]: (v, what) => {
    if (typeof v !== "boolean") throw typeError(what, "bool (a boolean)", v);
    return v ? 1 : 0;
  },
  [T.u8]: intChecker("u8", 0, 255),
  [T.i8]: intChecker("i8", -128, 127),
  [T.u16]: intChecker("u16", 0, 65535),
  [T.i16]: intChecker("i16", -32768, 32767),
  [T.u32]: intChecker("u32", 0, 4294967295),
  [T.i32]: intChecker("i32", -2147483648, 2147483647),
  [T.usize]: intChecker("usize", 0, 4294967295),
  [T.isize]: intChecker("isize", -2147483648, 2147483647),
  [T.f32]: (v, what) => {
    if (typeof v !== "number") throw typeError(what, "f32 (a number)", v);
    const f = Math.fround(v);
    if ((f === Infinity || f === -Infinity) && v !== f) {
      throw rangeError(what, `${v} is out of range for f32`);
    }
    return f;
  },
  [T.f64]: (v, what) => {
    if (typeof v !== "number") throw typeError(what, "f64 (a number)", v);
    return v;
  },
  [T.char]: (v, what) => {
    if (typeof v !== "string" || v.length === 0 || v.length > 2) {
      throw typeError(what, "char (a string of one character)", v);
    }
    const cp = v.codePointAt(0);
    if (v.length !== (cp > 0xffff ? 2 : 1)) {
      throw typeError(what, "char (a string of one character)", v);
    }
    // A lone surrogate becomes U+FFFD, as TextEncoder does it for strings.
    return cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
  },
};

function i32Writer(check) {
  return (h, p, v, what) => {
    h.i32[p >>> 2] = check(v, what); // unsigned values above 2^31 wrap to the same 32 bits
  };
}

export const writers = {
  [T.bool]: i32Writer(checkers[T.bool]),
  [T.u8]: i32Writer(checkers[T.u8]),
  [T.i8]: i32Writer(checkers[T.i8]),
  [T.u16]: i32Writer(checkers[T.u16]),
  [T.i16]: i32Writer(checkers[T.i16]),
  [T.u32]: i32Writer(checkers[T.u32]),
  [T.i32]: i32Writer(checkers[T.i32]),
  [T.usize]: i32Writer(checkers[T.usize]),
  [T.isize]: i32Writer(checkers[T.isize]),
  [T.char]: i32Writer(checkers[T.char]),
  [T.f32]: (h, p, v, what) => {
    h.f32[p >>> 2] = checkers[T.f32](v, what);
  },
  [T.f64]: (h, p, v, what) => {
    h.f64[p >>> 3] = checkers[T.f64](v, what);
  },
  [T.i64]: (h, p, v, what) => {
    h.i64[p >>> 3] = readBigInt(v, what, "i64", I64_MIN, I64_MAX);
  },
  [T.u64]: (h, p, v, what) => {
    h.u64[p >>> 3] = readBigInt(v, what, "u64", 0n, U64_MAX);
  },
  [T.i64_number]: (h, p, v, what) => {
    writeSafeInteger(h, p, numberFrom64(v, what, "i64", -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
  },
  [T.u64_number]: (h, p, v, what) => {
    writeSafeInteger(h, p, numberFrom64(v, what, "u64", 0, Number.MAX_SAFE_INTEGER));
  },
};

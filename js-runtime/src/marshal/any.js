// Any JS value by its run-time type: mirrors engine/src/marshal/any.rs (`JsAny`).
//
// The signature code is T.any; each slot's `ty` says what it holds: void (undefined; with
// FLAG_NULL: null), bool, f64 (number), i64 (bigint), string, date, array (a block of Any slots,
// read and written like an array of T.any), object or function (a handle).
//
// JS → Rust, chosen by `typeof`: undefined, null, boolean, number, bigint (outside i64 range:
// RangeError), string; `Date` (Invalid Date: RangeError) and arrays (`Array.isArray`, recursively)
// by value; functions and every other object by handle — typed arrays included (they keep their
// identity and come back `===`; copying them would lose BigInt64Array and Uint8ClampedArray
// distinctions). A symbol is a TypeError; so is an array nested deeper than MAX_DEPTH (a cycle).

import { FLAG_NULL, OFFSET_ELEM, OFFSET_FLAGS, OFFSET_TYPE, SLOT_SIZE, T } from "../slot.js";
import { SlotwireError, isArraySafe, isDate, typeError } from "../errors.js";
import * as primitive from "./primitive.js";
import * as string from "./string.js";
import * as date from "./date.js";
import * as object from "./object.js";
import { arrayReader, atIndex, releaseWritten } from "./array.js";

export function snippet() { return "marshal/any.js"; }

/** How deep arrays may nest inside a JsAny (deeper is taken for a cycle: TypeError). */
export const MAX_DEPTH = 1000;

const R = { ...primitive.readers, ...string.readers, ...date.readers, ...object.readers };
const W = { ...primitive.writers, ...string.writers, ...date.writers, ...object.writers };

const readBool = R[T.bool];
const readF64 = R[T.f64];
const readI64 = R[T.i64];
const readString = R[T.string];
const readDate = R[T.date];
const readObject = R[T.object];
const readFunction = R[T.function];
const writeBool = W[T.bool];
const writeF64 = W[T.f64];
const writeI64 = W[T.i64];
const writeString = W[T.string];
const writeDate = W[T.date];
const writeObject = W[T.object];
const writeFunction = W[T.function];

// Arrays of Any: read through array.js (which frees a block Rust owned), written here, so that a
// throw gives back the handles the elements written so far took.
const readArray = arrayReader(T.any, "any", () => readAny);

let depth = 0;

function writeArray(h, p, v, what) {
  if (depth >= MAX_DEPTH) throw typeError(what, `arrays nested at most ${MAX_DEPTH} deep (a cycle?)`, v);
  const n = v.length;
  const at = h.alloc(n * SLOT_SIZE);
  h.u8.fill(0, at, at + n * SLOT_SIZE);
  depth++;
  let i = 0;
  try {
    for (; i < n; i++) writeAny(h, at + SLOT_SIZE * i, v[i], what);
  } catch (e) {
    for (let j = 0; j < i; j++) releaseWritten(h, at + SLOT_SIZE * j);
    throw atIndex(e, what, i);
  } finally {
    depth--;
  }
  const w = p >>> 2;
  h.u32[w] = at;
  h.u32[w + 1] = 0;
  h.u32[w + 2] = n;
}

/** Reads a JsAny slot (Rust → JS). */
export function readAny(h, p, what) {
  if ((h.u8[p + OFFSET_FLAGS] & FLAG_NULL) !== 0) return null;
  switch (h.u8[p + OFFSET_TYPE]) {
    case T.void:
      return undefined;
    case T.bool:
      return readBool(h, p, what);
    case T.f64:
      return readF64(h, p, what);
    case T.i64:
      return readI64(h, p, what);
    case T.string:
      return readString(h, p, what);
    case T.date:
      return readDate(h, p, what);
    case T.array:
      return readArray(h, p, what);
    case T.object:
      return readObject(h, p, what);
    case T.function:
      return readFunction(h, p, what);
    default:
      throw new SlotwireError(`${what}: type code ${h.u8[p + OFFSET_TYPE]} is not a JsAny value`);
  }
}

/** Writes any JS value into a JsAny slot (JS → Rust). */
export function writeAny(h, p, v, what) {
  h.u8[p + OFFSET_FLAGS] = 0;
  h.u8[p + OFFSET_ELEM] = 0;
  let ty;
  switch (typeof v) {
    case "undefined":
      ty = T.void;
      break;
    case "boolean":
      writeBool(h, p, v, what);
      ty = T.bool;
      break;
    case "number":
      writeF64(h, p, v, what);
      ty = T.f64;
      break;
    case "bigint":
      writeI64(h, p, v, what); // RangeError outside i64
      ty = T.i64;
      break;
    case "string":
      writeString(h, p, v, what);
      ty = T.string;
      break;
    case "function":
      writeFunction(h, p, v, what);
      ty = T.function;
      break;
    case "object":
      if (v === null) {
        h.u8[p + OFFSET_FLAGS] = FLAG_NULL;
        ty = T.void;
      } else if (isDate(v)) {
        writeDate(h, p, v, what); // RangeError for an Invalid Date
        ty = T.date;
      } else if (isArraySafe(v)) {
        writeArray(h, p, v, what);
        ty = T.array;
      } else {
        writeObject(h, p, v, what);
        ty = T.object;
      }
      break;
    default:
      // symbol
      throw typeError(what, "a value slotwire can pass as JsAny (not a symbol)", v);
  }
  h.u8[p + OFFSET_TYPE] = ty;
}

export const readers = { [T.any]: readAny };
export const writers = { [T.any]: writeAny };

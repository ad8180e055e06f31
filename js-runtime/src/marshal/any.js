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
// distinctions). A symbol is a TypeError; so is a cyclic array (an array inside itself).
//
// Bounds, both ways: arrays nest at most ANY_MAX_DEPTH (64) deep — deeper is a RangeError, from
// JS and from Rust (which writes the array beyond that depth as an empty one this reader refuses),
// never a stack overflow; one value holds at most MAX_ELEMENTS array elements in all, counted each
// time a shared array appears (a DAG is copied by value), so a small DAG cannot expand to
// gigabytes.

import { ANY_MAX_DEPTH, FLAG_NULL, OFFSET_ELEM, OFFSET_FLAGS, OFFSET_TYPE, SLOT_SIZE, T, checkedSize } from "../slot.js";
import { SlotwireError, isArraySafe, isDate, typeError } from "../errors.js";
import * as primitive from "./primitive.js";
import * as string from "./string.js";
import * as date from "./date.js";
import * as object from "./object.js";
import { CHUNK_BYTES, arrayReader, atIndex, lengthOf, releaseUnread, releaseWritten } from "./array.js";

/** How deep arrays may nest inside a JsAny (deeper is a RangeError, both ways). */
export const MAX_DEPTH = ANY_MAX_DEPTH;

/** How many array elements one JsAny value from JS may hold, all levels together. */
export const MAX_ELEMENTS = 1 << 21;

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
const readElements = arrayReader(T.any, "any", () => readAny);

/** Arrays being read, outermost first (readers run no user code: no re-entrancy). */
let readDepth = 0;

function readArray(h, p, what) {
  if (readDepth >= MAX_DEPTH) {
    releaseUnread(h, p);
    throw new RangeError(`${what}: a JsAny with arrays nested deeper than ${MAX_DEPTH}`);
  }
  readDepth++;
  try {
    return readElements(h, p, what);
  } finally {
    readDepth--;
  }
}

/**
 * Writes the array `v` of a JsAny. `ctx` is the value's walk (one per top-level value, so that an
 * export called re-entrantly from a getter starts its own): the arrays being written (`path`,
 * for cycles and depth) and the elements written so far (`total`).
 */
function writeArray(h, p, v, what, ctx) {
  const path = ctx.path;
  if (path.includes(v)) throw typeError(what, "an array without cycles (this one contains itself)", v);
  if (path.length >= MAX_DEPTH) throw new RangeError(`${what}: arrays nested deeper than ${MAX_DEPTH} in one JsAny`);
  const n = lengthOf(h, v, undefined, what);
  ctx.total += n;
  if (ctx.total > MAX_ELEMENTS) {
    throw new RangeError(
      `${what}: more than ${MAX_ELEMENTS} array elements in one JsAny (an array counts each time it appears)`,
    );
  }
  const bytes = checkedSize(n, SLOT_SIZE, what);
  // A large block grows as elements are written (N6; see array.js CHUNK_BYTES).
  let cap = bytes > CHUNK_BYTES ? CHUNK_BYTES : bytes;
  let at = h.alloc(cap, what);
  h.u8.fill(0, at, at + cap);
  path.push(v);
  let i = 0;
  try {
    for (; i < n; i++) {
      const x = v[i]; // user code can run here: re-derive the views
      h.check();
      if (SLOT_SIZE * i >= cap) {
        const next = Math.min(bytes, cap * 2);
        at = h.grow(at, cap, cap, next, what);
        h.u8.fill(0, at + cap, at + next);
        cap = next;
      }
      writeValue(h, at + SLOT_SIZE * i, x, what, ctx);
    }
  } catch (e) {
    h.check();
    for (let j = 0; j < i; j++) releaseWritten(h, at + SLOT_SIZE * j);
    throw atIndex(e, what, i);
  } finally {
    path.pop();
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
  writeValue(h, p, v, what, null);
}

function writeValue(h, p, v, what, ctx) {
  let ty;
  let flags = 0;
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
        flags = FLAG_NULL;
        ty = T.void;
      } else if (isArraySafe(v)) {
        // Arrays first: isDate's brand check throws (and catches) for every non-Date, and a
        // thrown exception per element costs a lot (~85 µs each seen in headless Chromium).
        writeArray(h, p, v, what, ctx ?? { path: [], total: 0 });
        ty = T.array;
      } else if (isDate(v)) {
        writeDate(h, p, v, what); // RangeError for an Invalid Date
        ty = T.date;
      } else {
        writeObject(h, p, v, what);
        ty = T.object;
      }
      break;
    default:
      // symbol
      throw typeError(what, "a value slotwire can pass as JsAny (not a symbol)", v);
  }
  // `instanceof` can run user code (a Proxy's getPrototypeOf): the views may have changed.
  h.check();
  h.u8[p + OFFSET_FLAGS] = flags;
  h.u8[p + OFFSET_ELEM] = 0;
  h.u8[p + OFFSET_TYPE] = ty;
}

export const readers = { [T.any]: readAny };
export const writers = { [T.any]: writeAny };

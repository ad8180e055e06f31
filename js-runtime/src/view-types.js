// The element types of memory views (engine/src/view.rs `ViewElement`): what the core needs of
// views without their runtime (memory-view.js, in a snippet of its own: transport-views.js) —
// which signature codes are spans, and `rt.allocSegment`'s element names.

import { SlotwireError, describe } from "./errors.js";
import { T, codeInner } from "./slot.js";

/**
 * @typedef {"u8"|"i8"|"u16"|"i16"|"u32"|"i32"|"u64"|"i64"|"f32"|"f64"} ViewElementType
 */

/**
 * @typedef {object} ViewType
 * @property {ViewElementType} name the element type's name (Rust's)
 * @property {Function} ctor the typed-array constructor for it
 * @property {number} size bytes per element (also the required alignment)
 * @property {number} code the slot type code (`T.u8`, ...), as engine/src/slot.rs `JsType`
 * @property {boolean} big whether elements are `bigint`s (64-bit integers)
 * @property {number|bigint} [min] smallest value an Array element may have (integer types)
 * @property {number|bigint} [max] largest value an Array element may have (integer types)
 */

/** @type {Readonly<Record<ViewElementType, Readonly<ViewType>>>} The element types of views. */
export const VIEW_TYPES = Object.freeze({
  u8: Object.freeze({ name: "u8", ctor: Uint8Array, size: 1, code: T.u8, big: false, min: 0, max: 0xff }),
  i8: Object.freeze({ name: "i8", ctor: Int8Array, size: 1, code: T.i8, big: false, min: -0x80, max: 0x7f }),
  u16: Object.freeze({ name: "u16", ctor: Uint16Array, size: 2, code: T.u16, big: false, min: 0, max: 0xffff }),
  i16: Object.freeze({ name: "i16", ctor: Int16Array, size: 2, code: T.i16, big: false, min: -0x8000, max: 0x7fff }),
  u32: Object.freeze({ name: "u32", ctor: Uint32Array, size: 4, code: T.u32, big: false, min: 0, max: 0xffffffff }),
  i32: Object.freeze({ name: "i32", ctor: Int32Array, size: 4, code: T.i32, big: false, min: -0x80000000, max: 0x7fffffff }),
  u64: Object.freeze({ name: "u64", ctor: BigUint64Array, size: 8, code: T.u64, big: true, min: 0n, max: 2n ** 64n - 1n }),
  i64: Object.freeze({ name: "i64", ctor: BigInt64Array, size: 8, code: T.i64, big: true, min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  f32: Object.freeze({ name: "f32", ctor: Float32Array, size: 4, code: T.f32, big: false }),
  f64: Object.freeze({ name: "f64", ctor: Float64Array, size: 8, code: T.f64, big: false }),
});

const BY_CODE = new Map(Object.values(VIEW_TYPES).map((t) => [t.code, t.name]));

/**
 * The element type name of a slot type code (what a slot's `elem` byte holds), e.g.
 * `elemTypeOfCode(T.i32) === "i32"`.
 *
 * @param {number} code
 * @returns {ViewElementType}
 * @throws {SlotwireError} when the code is not one of a view's element types
 */
export function elemTypeOfCode(code) {
  const name = BY_CODE.get(code);
  if (name === undefined) {
    throw new SlotwireError(`MemoryView: type code ${describe(code)} is not a view element type (u8, i8, u16, i16, u32, i32, u64, i64, f32, f64)`);
  }
  return name;
}

/** Whether a signature code is a span (a view the import's return ends). */
export function isSpan(code) {
  const base = code & 0x7f;
  return base === T.span || base === T.span_mut;
}

/**
 * Whether values of a signature code can hold a span: the code itself or an element at any depth
 * (`Vec<&[T]>`, `Option<Vec<&Archive<T>>>`): an import taking one ends the views it made.
 */
export function holdsSpan(code) {
  for (let c = code; c !== 0; c = codeInner(c)) if (isSpan(c)) return true;
  return false;
}

/** Disposes the spans made since `mark` (the import that received them returned). */
export function disposeSpans(h, mark) {
  const s = h.spans;
  while (s.length > mark) s.pop().dispose();
}

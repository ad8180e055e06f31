// Arrays by copy: mirrors engine/src/marshal/array.rs. The slot holds a pointer (low 32 bits of
// the value) and an element count (len); the signature code has the element's code above its
// type byte.
//
// Two layouts, by element type:
// - direct (u8 i8 u16 i16 u32 i32 f32 f64 i64 u64, and i64/u64 as numbers; not Option of them):
//   the elements side by side. Rust → JS: a copy into the matching typed array (BigInt64Array
//   for 64-bit integers, an Array of numbers for i64_number/u64_number). JS → Rust: a typed
//   array of the matching type is copied in one go; any other array is checked element by
//   element.
// - slots (everything else): one slot per element. Rust → JS: Rust allocated the block and set
//   FLAG_OWNED; this reader frees it after reading and clears the flag, so Rust knows it was
//   read. JS → Rust: the block is written into the call's frame.

import { ARRAY_DIRECT, FLAG_OWNED, NULLABLE, OFFSET_ELEM, OFFSET_FLAGS, OFFSET_TYPE, SLOT_SIZE, T, checkedSize, typeName } from "../slot.js";
import { SlotwireError, isArrayBuffer, isArraySafe, isDetachedBuffer, isDetachedTypedArray, isOwnError, own, typeError, typedArrayName } from "../errors.js";

const TWO32 = 4294967296;

/**
 * Bytes of an Array's element block allocated at once; a larger block grows (doubling) as its
 * elements are written, so that an invalid Array (holes, a bad element) costs wasm memory in
 * proportion to what was valid, not to the length it claims (wasm memory never shrinks).
 */
export const CHUNK_BYTES = 1 << 20;

/** Bytes per element of the direct layout for an element code; 0 when elements travel as slots. */
export function directSize(code) {
  if ((code & NULLABLE) !== 0 || code > 0xff) return 0;
  switch (code) {
    case T.u8:
    case T.i8:
      return 1;
    case T.u16:
    case T.i16:
      return 2;
    case T.u32:
    case T.i32:
    case T.f32:
      return 4;
    case T.f64:
    case T.i64:
    case T.u64:
    case T.i64_number:
    case T.u64_number:
      return 8;
    default:
      return 0;
  }
}

/** Per direct element code: the Heap view to copy with, its shift, and the typed array type. */
const DIRECT = {
  [T.u8]: { view: "u8", shift: 0, ctor: Uint8Array, tag: "Uint8Array" },
  [T.i8]: { view: "i8", shift: 0, ctor: Int8Array, tag: "Int8Array" },
  [T.u16]: { view: "u16", shift: 1, ctor: Uint16Array, tag: "Uint16Array" },
  [T.i16]: { view: "i16", shift: 1, ctor: Int16Array, tag: "Int16Array" },
  [T.u32]: { view: "u32", shift: 2, ctor: Uint32Array, tag: "Uint32Array" },
  [T.i32]: { view: "i32", shift: 2, ctor: Int32Array, tag: "Int32Array" },
  [T.f32]: { view: "f32", shift: 2, ctor: Float32Array, tag: "Float32Array" },
  [T.f64]: { view: "f64", shift: 3, ctor: Float64Array, tag: "Float64Array" },
  [T.i64]: { view: "i64", shift: 3, ctor: BigInt64Array, tag: "BigInt64Array" },
  [T.u64]: { view: "u64", shift: 3, ctor: BigUint64Array, tag: "BigUint64Array" },
  [T.i64_number]: { view: "i64", shift: 3, ctor: null, tag: null },
  [T.u64_number]: { view: "u64", shift: 3, ctor: null, tag: null },
};

// A typed array's length from the intrinsic getter: no user code runs (a subclass may override
// `length`). Its kind: errors.js `typedArrayName` (the intrinsic toStringTag getter).
const TA_LENGTH = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "length").get;

/**
 * The element count of `v`, an Array (or a typed array whose tag is `tag`), checked: an Array
 * Proxy's `length` is user code and may say anything. Leaves the heap's views current (user code
 * may have grown the memory).
 */
export function lengthOf(h, v, tag, what) {
  if (tag !== undefined) {
    h.check();
    return TA_LENGTH.call(v);
  }
  const n = v.length;
  h.check();
  if (typeof n !== "number" || !(n >= 0 && n <= 4294967295) || Math.floor(n) !== n) {
    throw new RangeError(`${what}: array length ${typeof n === "number" ? n : `of type ${typeof n}`} is not an element count`);
  }
  return n;
}

/** An error thrown for element `i` of the array `what`, with `[i]` after `what` in its message. */
export function atIndex(e, what, i) {
  // Only errors slotwire made: a value user code threw is passed on untouched (and unread).
  if (!isOwnError(e) || typeof e.message !== "string" || !e.message.startsWith(what)) return e;
  return own(new e.constructor(`${what}[${i}]${e.message.slice(what.length)}`));
}

/** Reads `n` direct elements of type `code` at `ptr` as a typed array (or an Array of numbers). */
function readDirect(h, code, ptr, n, what) {
  const d = DIRECT[code];
  if (d === undefined) throw new SlotwireError(`${what}: ${typeName(code)} elements cannot be direct`);
  const start = ptr >>> d.shift;
  if (d.ctor !== null) return h[d.view].slice(start, start + n);
  // i64/u64 as numbers: each must be a safe integer.
  const out = new Array(n);
  const lo = h.u32;
  const hi = code === T.i64_number ? h.i32 : h.u32;
  for (let i = 0; i < n; i++) {
    const w = (ptr >>> 2) + 2 * i;
    const v = hi[w + 1] * TWO32 + lo[w];
    if (!Number.isSafeInteger(v)) {
      throw own(new RangeError(`${what}[${i}]: ${h[d.view][start + i]} is not a safe integer; declare it as bigint`));
    }
    out[i] = v;
  }
  return out;
}

/**
 * Releases what an array slot Rust wrote still owns when JS will not read it: element blocks
 * (freed, recursively) and object handles passed with FLAG_OWNED.
 */
export function releaseUnread(h, p) {
  const flags = h.u8[p + OFFSET_FLAGS];
  if ((flags & FLAG_OWNED) === 0) return;
  h.u8[p + OFFSET_FLAGS] = flags & ~FLAG_OWNED;
  const ty = h.u8[p + OFFSET_TYPE];
  if (ty === T.array) {
    if (h.u8[p + OFFSET_ELEM] === ARRAY_DIRECT) return;
    const ptr = h.u32[p >>> 2];
    const n = h.u32[(p >>> 2) + 2];
    if (n === 0 || ptr === 0) return;
    for (let i = 0; i < n; i++) releaseUnread(h, ptr + SLOT_SIZE * i);
    h.wasm.slotwire_free(ptr, n * SLOT_SIZE);
  } else if (ty === T.object || ty === T.function) {
    h.objects.release(h.u32[(p >>> 2) + 2]);
  }
}

/**
 * Gives back the handles a JS → Rust slot at `p` took (an object or function, or those of an
 * array's elements, recursively) when writing the value it belongs to failed: Rust will never
 * adopt them. The slot is left void.
 */
export function releaseWritten(h, p) {
  const ty = h.u8[p + OFFSET_TYPE];
  if (ty === T.object || ty === T.function) {
    const handle = h.u32[(p >>> 2) + 2];
    if (handle !== 0) h.objects.release(handle);
  } else if (ty === T.array && h.u8[p + OFFSET_ELEM] !== ARRAY_DIRECT) {
    const ptr = h.u32[p >>> 2];
    const n = h.u32[(p >>> 2) + 2];
    for (let i = 0; i < n; i++) releaseWritten(h, ptr + SLOT_SIZE * i);
  }
  h.u8[p + OFFSET_TYPE] = T.void;
}

/** The reader of an array of `inner` (Rust → JS). `readerFor` is marshal/index.js's. */
export function arrayReader(inner, where, readerFor) {
  const er = directSize(inner) !== 0 && DIRECT[inner] !== undefined ? null : readerFor(inner, where);
  return (h, p, what) => {
    const w = p >>> 2;
    const ptr = h.u32[w];
    const n = h.u32[w + 2];
    if (h.u8[p + OFFSET_ELEM] === ARRAY_DIRECT) return readDirect(h, inner, ptr, n, what);
    if (er === null) throw new SlotwireError(`${what}: expected the direct layout for ${typeName(inner)} elements`);
    const owned = (h.u8[p + OFFSET_FLAGS] & FLAG_OWNED) !== 0;
    const out = new Array(n);
    let i = 0;
    try {
      for (; i < n; i++) out[i] = er(h, ptr + SLOT_SIZE * i, what);
    } catch (e) {
      throw atIndex(e, what, i);
    } finally {
      if (owned) {
        h.check();
        for (let j = i + 1; j < n; j++) releaseUnread(h, ptr + SLOT_SIZE * j);
        h.wasm.slotwire_free(ptr, n * SLOT_SIZE);
        h.u8[p + OFFSET_FLAGS] &= ~FLAG_OWNED;
      }
    }
    return out;
  };
}

/** The writer of an array of `inner` (JS → Rust). `writerFor` is marshal/index.js's. */
export function arrayWriter(inner, where, writerFor) {
  const ew = writerFor(inner, where);
  const size = directSize(inner);
  const expected = `an array of ${typeName(inner)}`;
  const setHeader = (h, p, at, n, elem) => {
    const w = p >>> 2;
    h.u32[w] = at;
    h.u32[w + 1] = 0;
    h.u32[w + 2] = n;
    h.u8[p + OFFSET_TYPE] = T.array;
    h.u8[p + OFFSET_ELEM] = elem;
  };
  // User code can run at every `v[i]` (a getter, a Proxy) and in `v.length` (a Proxy): it may grow
  // the memory (detaching the views) or call exports. So the length is checked before anything is
  // allocated, and the views are re-derived after each element is fetched; what was written so
  // far stays where it is (growth does not move memory; nested calls allocate above it).
  if (size !== 0) {
    const d = DIRECT[inner];
    return (h, p, v, what) => {
      if (size === 1 && isArrayBuffer(v)) {
        if (isDetachedBuffer(v)) throw typeError(what, expected, v);
        v = new Uint8Array(v);
      }
      const tag = typedArrayName(v);
      if ((tag === undefined && !isArraySafe(v)) || isDetachedTypedArray(v)) throw typeError(what, expected, v);
      const n = lengthOf(h, v, tag, what);
      const bytes = checkedSize(n, size, what);
      if (tag === d.tag || (inner === T.u8 && tag === "Uint8ClampedArray")) {
        const at = h.alloc(bytes, what);
        h[d.view].set(v, at >>> d.shift);
        setHeader(h, p, at, n, ARRAY_DIRECT);
        return;
      }
      // Each element checked by the element's own writer, through a scratch slot. A large block
      // grows as elements are written (N6): a sparse Array's holes must not cost wasm memory.
      let cap = bytes > CHUNK_BYTES ? CHUNK_BYTES : bytes;
      let at = h.alloc(cap, what);
      const scratch = h.alloc(SLOT_SIZE);
      for (let i = 0; i < n; i++) {
        try {
          const x = v[i];
          h.check();
          ew(h, scratch, x, what);
        } catch (e) {
          throw atIndex(e, what, i);
        }
        if (i * size >= cap) {
          const next = Math.min(bytes, cap * 2);
          at = h.grow(at, cap, cap, next, what);
          cap = next;
        }
        h.u8.copyWithin(at + i * size, scratch, scratch + size);
      }
      setHeader(h, p, at, n, ARRAY_DIRECT);
    };
  }
  return (h, p, v, what) => {
    const tag = typedArrayName(v);
    if ((tag === undefined && !isArraySafe(v)) || isDetachedTypedArray(v)) throw typeError(what, expected, v);
    const n = lengthOf(h, v, tag, what);
    const bytes = checkedSize(n, SLOT_SIZE, what);
    // A large block grows as elements are written (N6), zeroed as it grows.
    let cap = bytes > CHUNK_BYTES ? CHUNK_BYTES : bytes;
    let at = h.alloc(cap, what);
    h.u8.fill(0, at, at + cap);
    // Element slots say their type (objects, nested arrays) so that a throw can give back the
    // handles the elements before it took.
    const elemTy = inner & 0x7f;
    const tagHandles = elemTy === T.object || elemTy === T.function;
    for (let i = 0; i < n; i++) {
      try {
        const x = v[i];
        h.check();
        if (SLOT_SIZE * i >= cap) {
          const next = Math.min(bytes, cap * 2);
          at = h.grow(at, cap, cap, next, what);
          h.u8.fill(0, at + cap, at + next);
          cap = next;
        }
        ew(h, at + SLOT_SIZE * i, x, what);
        if (tagHandles) h.u8[at + SLOT_SIZE * i + OFFSET_TYPE] = elemTy;
      } catch (e) {
        h.check();
        for (let j = 0; j < i; j++) releaseWritten(h, at + SLOT_SIZE * j);
        throw atIndex(e, what, i);
      }
    }
    setHeader(h, p, at, n, 0);
  };
}

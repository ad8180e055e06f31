// MemoryView: JS's window on a Rust slice or buffer in wasm linear memory — mirrors
// engine/src/view.rs. Modelled on .NET's IMemoryView (Span / ArraySegment in
// dotnet/runtime src/mono/browser/runtime/marshal.ts).
//
// - A "span" is a `&[T]` / `&mut [T]` argument: valid only during the call that passed it; the
//   runtime disposes it when the call returns, and every member throws afterwards.
// - A "segment" is an owned, pinned Rust buffer (`slotwire::Segment<T>`): it lives until
//   `dispose()`, which calls `onDispose` once so that Rust can drop JS's reference; a
//   `SegmentRegistry` frees the reference of a segment view that was collected undisposed.
//
// A read-only view (a span of a Rust `&[T]`) cannot be written by any member: `set` throws and
// `typedArray()` returns a copy (JS has no read-only typed array, and a `&[T]` that JS changed
// during the call would be undefined behaviour in Rust); `get`, `at` and iteration read in place.
//
// A view never hands out a stale typed array: `typedArray()`, `slice` and the copies make a fresh
// one from `memory.buffer`, and `get` / `at` read through one whole-memory array per memory and
// element type that is re-derived whenever it is too short (detached by `memory.grow`: length
// 0), so growth cannot make a read wrong — the bug of wasm-bindgen issue #1668, where a cached
// `Uint8Array` silently reads length 0 after growth.
//
// A zero-copy typed array never outlives the memory it aliases (soundness rule 6; issue 9 N7,
// N8). When a view that handed one out ends — a `&mut [T]` span when its call returns, a segment
// at `dispose()` (before Rust may free the buffer) — and the memory's buffer is still the one it
// was handed out over, the view calls `memory.grow(0)`: the JS API refreshes the buffer on every
// grow, which detaches the old ArrayBuffer, so every typed array over it (and every `subarray`
// of one) reads length 0 and ignores writes, exactly as after a real growth — which any call into
// Rust may cause, so holders of typed arrays must re-take them anyway. A segment view that handed
// one out over the current buffer is kept reachable (`lentViews`) while that buffer is current,
// so the collector cannot free the segment under a live typed array; `dispose()` it.

import { SlotwireError, describe, isDetachedTypedArray, own, rangeError, registerBrand, typeError, typedArrayLength, typedArrayName, typedArraySet } from "./errors.js";
import { VIEW_TYPES } from "./view-types.js";
import { isHandle } from "./handles.js";
import { keepAlive } from "./kept.js";

export { VIEW_TYPES, elemTypeOfCode } from "./view-types.js";

/** `memory` may be the WebAssembly.Memory or slot.js's Heap (whose `memory` it is). */
function memoryOf(m) {
  if (m instanceof WebAssembly.Memory) return m;
  if (m !== null && typeof m === "object" && m.memory instanceof WebAssembly.Memory) return m.memory;
  throw typeError("MemoryView", "a WebAssembly.Memory or a Heap", m);
}

const trunc = Math.trunc;

/** `TypedArray.prototype.slice`'s index: `v` (a number or undefined) clamped to [0, len]. */
function relativeIndex(v, dflt, len) {
  if (v === undefined) return dflt;
  const i = trunc(v) || 0; // NaN is 0
  if (i < 0) return len + i > 0 ? len + i : 0;
  return i < len ? i : len;
}

/** Marks a MemoryView the runtime makes from Rust's own data (see `spanView`). */
const TRUSTED = Symbol("slotwire.MemoryView.trusted");

/**
 * A span: the view of a Rust `&[T]` / `&mut [T]` import argument, made by the runtime for one
 * call (which disposes it when the call returns). `t` is the VIEW_TYPES entry; Rust guarantees
 * the region (aligned, inside memory), so nothing is checked here. `whole`: a typed array of the
 * type over all of memory to read elements through (the runtime's Heap has one; re-derived here
 * when memory grows).
 */
export function spanView(memory, ptr, length, t, readOnly, whole = undefined) {
  const s = freeSpanStates.length > 0 ? freeSpanStates.pop() : new ViewState("span");
  s.fill(memory, ptr, t, readOnly, whole, null);
  return new MemoryView(memory, ptr, length, t, "span", null, readOnly, TRUSTED, s);
}

/**
 * What a MemoryView reads and writes through: memory, address, type, whether it is read-only,
 * the whole-memory array elements are read through (re-derived when stale), the buffer a
 * zero-copy `typedArray()` was last handed out over (see `dispose`), the `onDispose` callback,
 * and the generation: a view is live while it holds its state's current generation, and ending
 * it advances it. A span's state is reused by later calls (`freeSpanStates`): a span is then one
 * small object per call, and a view kept past its call stays ended whatever the state holds next.
 */
class ViewState {
  /** @param {"span"|"segment"} kind */
  constructor(kind) {
    this.kind = kind;
    this.gen = 0;
    this.memory = null;
    this.ptr = 0;
    this.index0 = 0;
    this.readOnly = false;
    this.whole = undefined;
    this.lent = null;
    this.onDispose = null;
  }

  fill(memory, ptr, t, readOnly, whole, onDispose) {
    this.memory = memory;
    this.ptr = ptr;
    this.index0 = ptr / t.size;
    this.readOnly = readOnly;
    this.whole = whole; // of `t` over all of memory (or undefined: made on first use)
    this.lent = null;
    this.onDispose = onDispose;
    return this;
  }
}

/** Span states whose span ended, for the next calls' spans (see `ViewState`). */
const freeSpanStates = [];

/**
 * Per ArrayBuffer of a memory: the segment views that handed out a zero-copy typed array over it
 * and are not disposed yet. The buffer keeps them alive (the memory keeps its current buffer
 * alive), so a FinalizationRegistry cannot free such a segment while the typed array may alias
 * it; once the memory grows the old buffer is detached, and the views can be collected.
 */
const lentViews = new WeakMap();

/**
 * `transientArray(view)`: a typed array over a live view's elements for the runtime to copy from
 * at once (not handed out, so not tracked by `dispose`); set by MemoryView's static block.
 */
export let transientArray;

/** Per memory: one typed array over all of it per element type (see `wholeArray`). */
const wholeArrays = new WeakMap();

/**
 * A typed array of `t` over the whole of `memory` as it is now, shared per memory and type, and
 * made again when the one kept is stale: detached by `memory.grow` (length 0), or shorter than
 * `minLength` (a shared memory grows without detaching). Element reads go through it instead of
 * a fresh typed array (and a `memory.buffer` call) each.
 */
function wholeArray(memory, t, minLength = 1) {
  let c = wholeArrays.get(memory);
  if (c === undefined) {
    c = Object.create(null);
    wholeArrays.set(memory, c);
  }
  let a = c[t.name];
  if (a === undefined || a.length < minLength) {
    const b = memory.buffer;
    a = new t.ctor(b, 0, Math.floor(b.byteLength / t.size));
    c[t.name] = a;
  }
  return a;
}

/**
 * A window on `length` elements of one type in wasm linear memory, owned by Rust.
 *
 * Semantics of the members (the same as .NET's `IMemoryView` where it has them):
 * - `set(source, targetOffset)` writes all of `source` at `targetOffset`; it must fit.
 * - `copyTo(target, sourceOffset)` copies all elements from `sourceOffset` to the end into
 *   `target` from index 0; `target` must be long enough (.NET: `target.set(view.subarray(o))`).
 * - `slice(start, end)` returns a copy, with `TypedArray.prototype.slice`'s index rules.
 * Errors: a typed array of another element type is a TypeError, an offset or a source that does
 * not fit is a RangeError, and nothing is written then. After `dispose()` every member but
 * `isDisposed`, `dispose`, `toString` and `Symbol.toStringTag` throws a {@link SlotwireError}.
 *
 * Made by the runtime, not by applications.
 */
export const { MemoryView } = { MemoryView: class {
  /**
   * The view's state (a {@link ViewState}): where it is and what it may do. A span's state is
   * reused by a later call once the span ended; the view is live while `#g` is the state's
   * generation, which ending it advances (so a kept span never sees a later call's data).
   */
  #s;
  #g;
  /** Kept on the view itself (they name it in messages after it ended, and are read most). */
  #length;
  #type;

  /**
   * @param {WebAssembly.Memory | {memory: WebAssembly.Memory}} memory the instance's memory (or its Heap)
   * @param {number} ptr byte address of the first element; aligned to the element size
   * @param {number} length number of elements
   * @param {ViewElementType} elemType
   * @param {"span"|"segment"} kind a span is valid during one call; a segment until `dispose()`
   * @param {((view: MemoryView) => void) | null} [onDispose] called once, by the first `dispose()`
   * @param {boolean} [readOnly] a view of a Rust `&[T]`: `set` throws (Rust lent it shared)
   */
  constructor(memory, ptr, length, elemType, kind, onDispose = null, readOnly = false, trust = undefined, state = undefined) { // eslint-disable-line max-params
    if (trust === TRUSTED) {
      // Made by the runtime (`spanView`) from what Rust wrote, into a state it filled: a live,
      // aligned region of memory, the type already the VIEW_TYPES entry. No checks: a span is
      // made per call (and this path is small enough for V8 to inline into `spanView`).
      this.#s = state;
      this.#g = state.gen;
      this.#length = length;
      this.#type = elemType;
      return;
    }
    this.#checked(memory, ptr, length, elemType, kind, onDispose, readOnly);
  }

  /** The constructor's checks and state for a view made by anyone but the runtime's spans. */
  #checked(memory, ptr, length, elemType, kind, onDispose, readOnly) { // eslint-disable-line max-params
    const m = memoryOf(memory);
    const t = Object.hasOwn(VIEW_TYPES, elemType) ? VIEW_TYPES[elemType] : undefined;
    if (t === undefined) throw typeError("MemoryView", "an element type (u8, i8, u16, i16, u32, i32, u64, i64, f32, f64)", elemType);
    if (kind !== "span" && kind !== "segment") throw typeError("MemoryView", `kind "span" or "segment"`, kind);
    if (!Number.isSafeInteger(ptr) || ptr < 0) throw rangeError("MemoryView", `pointer ${describe(ptr)} is not an address`);
    if (!Number.isSafeInteger(length) || length < 0) throw rangeError("MemoryView", `length ${describe(length)} is not an element count`);
    if (ptr % t.size !== 0) throw rangeError("MemoryView", `pointer ${ptr} is not aligned to ${t.size} bytes (${elemType})`);
    const end = ptr + length * t.size;
    const all = wholeArray(m, t, end / t.size);
    if (end > all.length * t.size) {
      throw rangeError("MemoryView", `[${ptr}, ${end}) is outside the memory (${m.buffer.byteLength} bytes)`);
    }
    if (onDispose !== null && typeof onDispose !== "function") throw typeError("MemoryView", "an onDispose function", onDispose);
    // A state of its own (only the runtime's spans share a pool of them).
    this.#s = new ViewState(kind).fill(m, ptr, t, readOnly === true, all, onDispose);
    this.#g = this.#s.gen;
    this.#length = length;
    this.#type = t;
  }

  /**
   * Whether `v` is a MemoryView the runtime made (a private brand check: no Proxy trap, no
   * getter runs; a Proxy of a view is not one).
   */
  static isMemoryView(v) {
    return v !== null && typeof v === "object" && #s in v;
  }

  /** Whether the view is read-only: a span of a Rust `&[T]` (a `&mut [T]` span can be written). */
  get readOnly() {
    this.#live("readOnly");
    return this.#s.readOnly;
  }

  /** Throws if disposed; `what` names the member in the message. */
  #live(what) {
    if (this.#g !== this.#s.gen) {
      const which = `MemoryView.${what}: the MemoryView (${this.#s.kind} of ${this.#length} ${this.#type.name}) was disposed`;
      throw new SlotwireError(this.#s.kind === "span" ? `${which}: a span is valid only during the call that passed it` : which);
    }
  }

  /** A fresh typed array over the elements, from the buffer as it is now. */
  #view() {
    return this.#range(0, this.#length);
  }

  /** An offset in [0, length]; `what` names it in errors. */
  #offset(method, name, v) {
    if (v === undefined) return 0;
    if (typeof v !== "number") throw typeError(`MemoryView.${method}`, `${name} to be a number`, v);
    if (!Number.isInteger(v) || v < 0 || v > this.#length) {
      throw rangeError(`MemoryView.${method}`, `${name} ${v} is outside [0, ${this.#length}]`);
    }
    return v;
  }

  /** An element index in [0, length) (negative from the end when `negative`). */
  #index(method, i, negative) {
    if (typeof i !== "number") throw typeError(`MemoryView.${method}`, "an index (a number)", i);
    const k = negative && i < 0 ? i + this.#length : i;
    if (!Number.isInteger(k) || k < 0 || k >= this.#length) {
      throw rangeError(`MemoryView.${method}`, `index ${i} is out of range for length ${this.#length}`);
    }
    return k;
  }

  /** Number of elements. */
  get length() {
    this.#live("length");
    return this.#length;
  }

  /** Number of bytes (`length` × the element size). */
  get byteLength() {
    this.#live("byteLength");
    return this.#length * this.#type.size;
  }

  /** The element type's name: `"u8"`, `"i32"`, `"f64"`, ... */
  get elementType() {
    this.#live("elementType");
    return this.#type.name;
  }

  /** `"span"` (valid during one call) or `"segment"` (valid until `dispose()`). */
  get kind() {
    this.#live("kind");
    return this.#s.kind;
  }

  /** Whether `dispose()` was called (for a span: also when the call that passed it returned). */
  get isDisposed() {
    return this.#g !== this.#s.gen;
  }

  /**
   * Ends the view: every member but `isDisposed` throws afterwards. For a segment this lets Rust
   * free the buffer (once no Rust `Segment` holds it either). Calling it again does nothing.
   */
  dispose() {
    const s = this.#s;
    if (this.#g !== s.gen) return;
    s.gen++; // this view (and any other of this generation) ends; the state may be reused
    const lent = s.lent;
    if (lent !== null) {
      s.lent = null;
      if (s.kind === "segment") lentViews.get(lent)?.delete(this);
      // Detach every typed array handed out over this buffer before Rust may free or reuse the
      // memory (a real growth since then detached them already).
      if (lent === s.memory.buffer) s.memory.grow(0);
    }
    const f = s.onDispose;
    s.onDispose = null;
    if (s.kind === "span") freeSpanStates.push(s);
    if (f !== null) f(this);
  }

  /**
   * Writes `source` into the view from element `targetOffset`.
   *
   * @param {ArrayLike<number|bigint> | MemoryView} source a typed array of this element type
   *   (`Int32Array` for `"i32"`), an Array of numbers (of bigints, or safe-integer numbers, for
   *   `"i64"`/`"u64"`; integers in range for integer types), or a MemoryView of the same type
   * @param {number} [targetOffset=0] first element written, in [0, length]
   * @throws {TypeError} a source of another type (or an Array element of the wrong kind)
   * @throws {RangeError} `targetOffset` outside [0, length], `source` longer than
   *   `length - targetOffset`, an Array element out of range for the type; nothing is written
   */
  set(source, targetOffset = 0) {
    this.#live("set");
    if (this.#s.readOnly) {
      throw new TypeError("MemoryView.set: this view is read-only (Rust passed a &[T]; pass a &mut [T] to let JS write)");
    }
    const off = this.#offset("set", "targetOffset", targetOffset);
    const t = this.#type;
    let src;
    let n;
    if (MemoryView.isMemoryView(source)) {
      source.#live("set (its source)");
      if (source.#type !== t) {
        throw new TypeError(`MemoryView.set: expected a MemoryView of ${t.name}, got one of ${source.#type.name}`);
      }
      src = source.#view();
      n = source.#length;
    } else if (typedArrayName(source) !== undefined) {
      if (typedArrayName(source) !== t.ctor.name) {
        throw typeError("MemoryView.set", `a ${t.ctor.name} (or an Array)`, source);
      }
      if (isDetachedTypedArray(source)) {
        throw own(new TypeError(`MemoryView.set: the source ${t.ctor.name} is detached (its buffer was transferred, or it was a view of memory that grew)`));
      }
      src = source;
      n = typedArrayLength(source); // the internal length: an own `length` property may lie
    } else if (Array.isArray(source)) {
      // Each element read once, into a copy: user code (getters, Proxies) runs only here.
      src = this.#copyArray(source, off);
      n = src.length;
      this.#live("set"); // a getter may have disposed the view (and let Rust free the buffer)
    } else {
      throw typeError("MemoryView.set", `a ${t.ctor.name}, an Array or a MemoryView`, source);
    }
    this.#checkFits(n, off);
    // A fresh view, made after the last user code ran (a getter may have grown the memory):
    // TypedArray.prototype.set copies correctly when source and target overlap in one buffer.
    typedArraySet(this.#view(), src, off);
  }

  /** `set`'s bound: `n` elements from `off` must fit in the view. */
  #checkFits(n, off) {
    if (n > this.#length - off) {
      throw rangeError("MemoryView.set", `${n} elements do not fit at offset ${off} of a view of ${this.#length}`);
    }
  }

  /**
   * A typed-array copy of the Array `a`, every element read exactly once and checked as it is
   * copied (what is checked is what is written); nothing of the view is touched.
   */
  #copyArray(a, off) {
    const t = this.#type;
    const what = "MemoryView.set";
    const n = a.length;
    this.#checkFits(n, off); // before allocating the copy
    const out = new t.ctor(n);
    if (t.big) {
      for (let i = 0; i < n; i++) {
        const x = a[i];
        const v = typeof x === "number" && Number.isSafeInteger(x) ? BigInt(x) : x;
        if (typeof v !== "bigint") throw typeError(`${what}: element ${i}`, `a bigint (or a safe integer) for ${t.name}`, x);
        if (v < t.min || v > t.max) throw rangeError(`${what}: element ${i}`, `${v} is out of range for ${t.name}`);
        out[i] = v;
      }
      return out;
    }
    for (let i = 0; i < n; i++) {
      const v = a[i];
      if (typeof v !== "number") throw typeError(`${what}: element ${i}`, `a number for ${t.name}`, v);
      if (t.min !== undefined && !(Number.isInteger(v) && v >= t.min && v <= t.max)) {
        throw rangeError(`${what}: element ${i}`, `${v} is out of range for ${t.name}`);
      }
      out[i] = v;
    }
    return out;
  }

  /**
   * Copies the elements from `sourceOffset` to the end of the view into `target`, from
   * `target[0]` (.NET's `copyTo`: all of them, or a RangeError).
   *
   * @param {ArrayBufferView} target a typed array of this element type, at least
   *   `length - sourceOffset` long (elements after those are left as they are)
   * @param {number} [sourceOffset=0] first element copied, in [0, length]
   * @throws {TypeError} a target of another type
   * @throws {RangeError} `sourceOffset` outside [0, length], or `target` too short; nothing is written
   */
  copyTo(target, sourceOffset = 0) {
    this.#live("copyTo");
    const t = this.#type;
    if (typedArrayName(target) !== t.ctor.name || isDetachedTypedArray(target)) throw typeError("MemoryView.copyTo", `a ${t.ctor.name}`, target);
    const off = this.#offset("copyTo", "sourceOffset", sourceOffset);
    const n = this.#length - off;
    // The internal length and the intrinsic `set`: nothing of `target` is read or called, so no
    // user code runs between the liveness check and the copy, and none receives the source (a
    // zero-copy array over Rust's buffer, which it could keep or write through).
    const room = typedArrayLength(target);
    if (room < n) {
      throw rangeError("MemoryView.copyTo", `a target of ${room} elements cannot hold the ${n} from offset ${off}`);
    }
    typedArraySet(target, this.#range(off, n), 0);
  }

  /** A fresh typed array over elements [off, off + n) (the intrinsic constructor, no species). */
  #range(off, n) {
    return new this.#type.ctor(this.#s.memory.buffer, this.#s.ptr + off * this.#type.size, n);
  }

  /**
   * A copy of elements [start, end) as a new typed array of the element type; negative indices
   * count from the end and indices are clamped, as in `TypedArray.prototype.slice`.
   *
   * @param {number} [start=0]
   * @param {number} [end=length]
   */
  slice(start, end) {
    this.#live("slice");
    if (start !== undefined && typeof start !== "number") throw typeError("MemoryView.slice", "start to be a number", start);
    if (end !== undefined && typeof end !== "number") throw typeError("MemoryView.slice", "end to be a number", end);
    const len = this.#length;
    const s = relativeIndex(start, 0, len);
    const e = relativeIndex(end, len, len);
    // A copy by the intrinsic constructor (`slice` would look up a species constructor).
    return new this.#type.ctor(this.#range(s, e > s ? e - s : 0));
  }

  /**
   * Element `i` (a number, or a bigint for `"i64"`/`"u64"`).
   *
   * @param {number} i in [0, length)
   * @throws {RangeError} out of range
   */
  get(i) {
    // The common case in one piece (live, an int32 index in range, the whole-memory array
    // current): small enough for V8 to inline into the caller; anything else takes the checks.
    const st = this.#s;
    if (this.#g === st.gen && (i | 0) === i && i >= 0 && i < this.#length) {
      const j = st.index0 + i;
      const a = st.whole;
      if (a !== undefined && j < a.length) return a[j];
    }
    this.#live("get");
    return this.#element(this.#index("get", i, false));
  }

  /** Element `k` (in range) through the shared whole-memory array, re-derived when stale. */
  #element(k) {
    const j = this.#s.index0 + k;
    let a = this.#s.whole;
    if (a === undefined || j >= a.length) a = this.#s.whole = wholeArray(this.#s.memory, this.#type, j + 1);
    return a[j];
  }

  /**
   * Element `i`, counting from the end when negative (`at(-1)` is the last), like
   * `Array.prototype.at` — but out of range is a RangeError, not `undefined`.
   *
   * @param {number} i in [-length, length)
   */
  at(i) {
    this.#live("at");
    return this.#element(this.#index("at", i, true));
  }

  /**
   * A fresh typed array over the elements as the memory is now — zero-copy: writes go to Rust's
   * buffer. It becomes stale (detached: length 0, writes ignored) when the memory grows, which
   * any call into Rust may do, and when the view ends — a span when its call returns, a segment
   * at `dispose()` (which detaches every typed array over the memory, see the module comment):
   * use it in a hot loop right after calling this, and take a fresh one after calling Rust.
   *
   * On a read-only view (a Rust `&[T]`) it is a **copy**: JS cannot write Rust's shared slice.
   * Read in place with `get`, `at` or iteration instead.
   */
  typedArray() {
    this.#live("typedArray");
    // `new ctor(typedArray)`: a copy by the intrinsic constructor (no species, no user code).
    if (this.#s.readOnly) return new this.#type.ctor(this.#view());
    const b = this.#s.memory.buffer;
    if (this.#s.lent !== b) {
      this.#s.lent = b;
      if (this.#s.kind === "segment") {
        let s = lentViews.get(b);
        if (s === undefined) lentViews.set(b, (s = new Set()));
        s.add(this);
      }
    }
    return new this.#type.ctor(b, this.#s.ptr, this.#length);
  }

  /** The elements in order; re-derives its typed array if the memory grows while iterating. */
  *[Symbol.iterator]() {
    this.#live("[Symbol.iterator]");
    let a = this.#view();
    for (let i = 0; i < this.#length; i++) {
      this.#live("[Symbol.iterator]");
      if (a.length === 0) a = this.#view();
      yield a[i];
    }
  }

  get [Symbol.toStringTag]() {
    return "MemoryView";
  }

  /** `MemoryView(segment of 4 i32)`; `MemoryView(disposed span of 4 i32)` — never throws. */
  toString() {
    return MemoryView.#text(this);
  }

  static #text(v) {
    return `MemoryView(${v.#g !== v.#s.gen ? "disposed " : ""}${v.#s.kind} of ${v.#length} ${v.#type.name})`;
  }

  static {
    transientArray = (v) => {
      v.#live("typedArray");
      return v.#view();
    };
    // Error messages name a view (without calling anything of it: a brand check, private fields).
    registerBrand((v) => (MemoryView.isMemoryView(v) ? MemoryView.#text(v) : undefined));
  }
} }; // named by its key: see names.js

// One ended span for the maps of every span (kept.js).
{
  const s = new ViewState("span").fill(null, 0, VIEW_TYPES.u8, true, undefined, null);
  keepAlive(new MemoryView(null, 0, 0, VIEW_TYPES.u8, "span", null, true, TRUSTED, s));
  s.gen++; // ended: every member but `isDisposed` throws
}

/**
 * The segment views of one runtime and the Rust handles behind them. A segment view that is
 * collected without `dispose()` has its handle freed by a FinalizationRegistry; `dispose()`
 * frees it at once. Either way `free(handle)` is called exactly once per registered view.
 *
 * @example
 * const segments = new SegmentRegistry((h) => wasm.slotwire_segment_release(h));
 * const v = segments.view(memory, ptr, len, "f32", handle);
 * v.dispose(); // slotwire_segment_release(handle)
 */
export const { SegmentRegistry } = { SegmentRegistry: class {
  #free;
  #handles = new WeakMap();
  #live = 0;
  #registry;

  /** @param {(handle: number) => void} free releases JS's reference to a Rust segment */
  constructor(free) {
    if (typeof free !== "function") throw typeError("SegmentRegistry", "a free function", free);
    this.#free = free;
    this.#registry = new FinalizationRegistry((handle) => {
      this.#live--;
      this.#free(handle);
    });
  }

  /**
   * A segment view over Rust's buffer at `ptr` whose `dispose()` frees `handle`, registered.
   *
   * @param {WebAssembly.Memory | {memory: WebAssembly.Memory}} memory
   * @param {number} ptr
   * @param {number} length
   * @param {ViewElementType} elemType
   * @param {number} handle the Rust segment's handle
   */
  view(memory, ptr, length, elemType, handle) {
    const v = new MemoryView(memory, ptr, length, elemType, "segment", (view) => this.release(view));
    return this.register(v, handle);
  }

  /**
   * Watches `view` (a live segment): when it is collected undisposed, `free(handle)` is called.
   * The view's own `onDispose` must call {@link SegmentRegistry#release} (as {@link view}'s does).
   *
   * @returns {MemoryView} the view
   */
  register(view, handle) {
    if (!(view instanceof MemoryView)) throw typeError("SegmentRegistry.register", "a MemoryView", view);
    if (view.isDisposed) throw new SlotwireError("SegmentRegistry.register: the MemoryView was disposed");
    if (view.kind !== "segment") throw new TypeError(`SegmentRegistry.register: expected a segment, got a ${view.kind}`);
    if (!isHandle(handle)) throw rangeError("SegmentRegistry.register", `${describe(handle)} is not a handle`);
    if (this.#handles.has(view)) throw new SlotwireError(`SegmentRegistry.register: the view is registered already (handle ${this.#handles.get(view)})`);
    this.#handles.set(view, handle);
    this.#registry.register(view, handle, view);
    this.#live++;
    return view;
  }

  /** The handle of a registered, live view (to pass it back to Rust). */
  handleOf(view) {
    const h = this.#handles.get(view);
    if (h === undefined || view.isDisposed) {
      throw new SlotwireError(`SegmentRegistry: ${view instanceof MemoryView ? String(view) : describe(view)} is not a live segment of this runtime`);
    }
    return h;
  }

  /** A registered view was disposed: stop watching it and free its handle (once). */
  release(view) {
    const h = this.#handles.get(view);
    if (h === undefined) return;
    this.#handles.delete(view);
    this.#registry.unregister(view);
    this.#live--;
    this.#free(h);
  }

  /** Registered views neither disposed nor collected (the census). */
  get live() {
    return this.#live;
  }
} }; // named by its key: see names.js

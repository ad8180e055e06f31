// The slot layout, mirrored from engine/src/slot.rs (the source of truth).
//
// engine/tests/layout_mirror.rs parses this file and fails if a constant or a type code differs;
// at run time `swAttach` compares layoutWords() with the words Rust sends.

export const SLOT_SIZE = 16;
export const OFFSET_VALUE = 0;
export const OFFSET_LEN = 8;
export const OFFSET_TYPE = 12;
export const OFFSET_ELEM = 13;
export const OFFSET_FLAGS = 14;
export const EXCEPTION = 0;
export const RESULT = 1;
export const ARG0 = 2;
export const FLAG_NULL = 1;
export const FLAG_OWNED = 2;
export const ARRAY_DIRECT = 1;
export const NULLABLE = 0x80;
export const CODE_SHIFT = 8;
/** Largest block JS asks Rust for, in bytes (slot.rs MAX_ALLOC): isize::MAX rounded down to 8. */
export const MAX_ALLOC = 0x7ffffff8;
/** How deep arrays nest in one JsAny value, both ways (slot.rs ANY_MAX_DEPTH). */
export const ANY_MAX_DEPTH = 64;
export const STATUS_OK = 0;
export const STATUS_EXCEPTION = 1;
// A handle (closure, Rust object, segment): generation * 2^HANDLE_KEY_BITS + key + 1 (< 2^53).
export const HANDLE_KEY_BITS = 21;
export const FLAG_PENDING = 4;
// The fast area (engine/src/call/fast.rs FastArea): status word, result-length word (the UTF-8
// length of a String a typed import returns; the wasm result is its address), exception slot.
export const FAST_STATUS = 0;
export const FAST_RESULT_LEN = 4;
// The frame generation (64 bits: low word, high word): advanced before every write into the
// frame area or a result block (Heap.alloc, Heap.beginResult), so Rust can tell a result it reads
// late was overwritten.
export const FAST_FRAME_GEN = 24;
export const FAST_EXCEPTION = 8;
export const FAST_CLEAR = 0;
export const FAST_THREW = 1;
export const FAST_USE_SLOTS = 2;
// How swBind binds (engine/src/slot.rs BIND_*): through the slots; typed, JsObjects as table
// handles; typed, JsObjects as externrefs (a #[js_import]'s own wasm import).
export const BIND_SLOTS = 0;
export const BIND_FAST = 1;
export const BIND_FAST_REFS = 2;
// Info records Rust writes at `out` (u32 words): slotwire_export_info, closures' closure_info,
// slotwire_segment_info, slotwire_object_type.
export const EXPORT_INFO_WORDS = 8;
export const EXPORT_INFO_NAME_PTR = 0;
export const EXPORT_INFO_NAME_LEN = 1;
export const EXPORT_INFO_PARAMS_PTR = 2;
export const EXPORT_INFO_PARAMS_LEN = 3;
export const EXPORT_INFO_NAMES_PTR = 4;
export const EXPORT_INFO_NAMES_LEN = 5;
export const EXPORT_INFO_RET = 6;
export const EXPORT_INFO_FAST = 7;
export const CLOSURE_INFO_WORDS = 5;
export const CLOSURE_INFO_PARAMS_PTR = 0;
export const CLOSURE_INFO_PARAMS_LEN = 1;
export const CLOSURE_INFO_RET = 2;
export const CLOSURE_INFO_FAST = 3;
export const CLOSURE_INFO_ENTRY = 4;
/** Closure info's fast word: every value as an f64 (its typed entry takes `(handle, ..)`). */
export const CLOSURE_FAST_F64 = 1;
/** Closure info's fast word: every value as an i32 (its typed entry takes `(lo, hi, ..)`). */
export const CLOSURE_FAST_I32 = 2;
/** Closure info's fast word bit: the entry is a function's (`from_fn`): it ignores the handle. */
export const CLOSURE_FAST_STATELESS = 4;
/** What a CLOSURE_FAST_I32 entry (an i32 result) returns when JS must read the status word. */
export const CLOSURE_I32_USE_SLOTS = -2147483648;
export const SEGMENT_INFO_WORDS = 3;
export const SEGMENT_INFO_PTR = 0;
export const SEGMENT_INFO_LEN = 1;
export const SEGMENT_INFO_ELEM = 2;
export const OBJECT_TYPE_WORDS = 2;
/** The type name Rust gives the objects behind `ByteStream` (engine/src/stream.rs). */
export const BYTE_STREAM_TYPE = "SlotwireByteStream";
export const OBJECT_TYPE_NAME_PTR = 0;
export const OBJECT_TYPE_NAME_LEN = 1;
// Wasm export name prefixes (#[js_export]'s registration export and typed fast export).
export const EXPORT_PREFIX = "__slotwire_export__";
export const FAST_EXPORT_PREFIX = "__slotwire_fast__";

/** Type codes, by the names Rust's `JsType::name` gives them. */
export const T = Object.freeze({
  void: 0,
  bool: 1,
  u8: 2,
  i8: 3,
  u16: 4,
  i16: 5,
  u32: 6,
  i32: 7,
  f32: 8,
  f64: 9,
  char: 10,
  usize: 11,
  isize: 12,
  i64: 13,
  u64: 14,
  i64_number: 15,
  u64_number: 16,
  string: 17,
  date: 18,
  error: 19,
  object: 32,
  rust_object: 33,
  function: 34,
  promise: 35,
  span: 36,
  segment: 37,
  array: 38,
  record: 39,
  any: 40,
  span_mut: 41,
  array_of_array: 42,
  array_of_option_array: 43,
});

// A signature code (engine/src/slot.rs `Code`): the low byte is a type code with NULLABLE for an
// Option; a type with an element (array, promise) has the element's code in the bytes above. An
// array of arrays that would not fit 32 bits takes one byte for both levels (array_of_array,
// array_of_option_array): read codes with codeType and codeInner, which undo that.

/**
 * The type code of a signature code's outer level, without the nullable bit (an array of arrays
 * in one byte is T.array).
 */
export function codeType(code) {
  const t = code & 0x7f;
  return t === T.array_of_array || t === T.array_of_option_array ? T.array : t;
}

/** The element code of a compound signature code (0 for a plain type). */
export function codeInner(code) {
  const t = code & 0x7f;
  if (t === T.array_of_array) return ((code & ~0xff) | T.array) >>> 0;
  if (t === T.array_of_option_array) return ((code & ~0xff) | T.array | NULLABLE) >>> 0;
  return code >>> CODE_SHIFT;
}

/**
 * Name of a signature code, e.g. `i32`, `Option<i32>`, `array<Option<string>>`,
 * `promise<array<f64>>`.
 */
export function typeName(code) {
  const base = codeType(code);
  let name = "?";
  for (const k in T) if (T[k] === base) name = k;
  const inner = codeInner(code);
  if (inner !== 0) name = `${name}<${typeName(inner)}>`;
  return code & NULLABLE ? `Option<${name}>` : name;
}

/** The layout as the list of words `slot::layout_words()` produces in Rust. */
export function layoutWords() {
  return [
    SLOT_SIZE, OFFSET_VALUE, OFFSET_LEN, OFFSET_TYPE, OFFSET_ELEM, OFFSET_FLAGS,
    EXCEPTION, RESULT, ARG0, FLAG_NULL, FLAG_OWNED, NULLABLE, CODE_SHIFT,
    FLAG_PENDING, FAST_STATUS, FAST_EXCEPTION, FAST_CLEAR, FAST_THREW, FAST_USE_SLOTS,
    FAST_RESULT_LEN, FAST_FRAME_GEN, BIND_SLOTS, BIND_FAST, BIND_FAST_REFS,
    EXPORT_INFO_WORDS, EXPORT_INFO_NAME_PTR, EXPORT_INFO_NAME_LEN, EXPORT_INFO_PARAMS_PTR,
    EXPORT_INFO_PARAMS_LEN, EXPORT_INFO_NAMES_PTR, EXPORT_INFO_NAMES_LEN, EXPORT_INFO_RET,
    EXPORT_INFO_FAST, CLOSURE_INFO_WORDS, CLOSURE_INFO_PARAMS_PTR, CLOSURE_INFO_PARAMS_LEN,
    CLOSURE_INFO_RET, CLOSURE_INFO_FAST, CLOSURE_INFO_ENTRY, CLOSURE_FAST_F64, CLOSURE_FAST_I32,
    CLOSURE_FAST_STATELESS, CLOSURE_I32_USE_SLOTS >>> 0, SEGMENT_INFO_WORDS, SEGMENT_INFO_PTR, SEGMENT_INFO_LEN, SEGMENT_INFO_ELEM,
    OBJECT_TYPE_WORDS, OBJECT_TYPE_NAME_PTR, OBJECT_TYPE_NAME_LEN,
    MAX_ALLOC, ANY_MAX_DEPTH, HANDLE_KEY_BITS,
    ...Object.values(T),
  ];
}

/**
 * The byte size of `n` elements of `size` bytes, checked: a RangeError naming `what` if it is
 * more than a wasm32 allocation can hold (MAX_ALLOC), so that no size reaches `alloc` truncated.
 * `n` must already be a valid length (a non-negative integer).
 */
export function checkedSize(n, size, what) {
  const bytes = n * size;
  if (bytes > MAX_ALLOC) {
    throw new RangeError(
      `${what}: ${n} elements of ${size} bytes (${bytes} bytes) exceed the ${MAX_ALLOC} bytes a wasm32 allocation can hold`,
    );
  }
  return bytes;
}

/** The RangeError of an allocation Rust refused (memory cannot grow), naming `what` if given. */
function outOfMemory(n, what) {
  return new RangeError(
    what === undefined
      ? `slotwire: out of memory allocating ${n} bytes`
      : `${what}: out of memory: the instance cannot allocate the ${n} bytes it takes`,
  );
}

/**
 * Typed-array views over a wasm memory. After `memory.grow` the old buffer is detached and every
 * view reads length 0: call `check()` after anything that may have run Rust code.
 */
export class Heap {
  constructor(memory) {
    this.memory = memory;
    /** Spans (MemoryViews of `&[T]` import arguments) alive during the current imports. */
    this.spans = [];
    /** u32 index of the fast area's frame-generation word (see `written`); -1: none. */
    this.genIndex = -1;
    this.refresh();
  }

  /**
   * Advances the frame generation (the fast area's FAST_FRAME_GEN word) before JS writes into
   * its frame area or a result block: a result Rust reads after its call (a low-level `Ret`)
   * then knows it may have been overwritten. Through views re-derived if the memory grew (a
   * write through a detached view would be lost).
   */
  written() {
    const g = this.genIndex;
    if (g < 0) return;
    if (this.u32.length === 0) this.refresh();
    const u = this.u32;
    const lo = (u[g] + 1) >>> 0;
    u[g] = lo;
    // A 64-bit count: a result held across 2^32 writes is not taken for fresh.
    if (lo === 0) u[g + 1] = (u[g + 1] + 1) >>> 0;
  }

  refresh() {
    const b = this.memory.buffer;
    this.u8 = new Uint8Array(b);
    this.i8 = new Int8Array(b);
    this.u16 = new Uint16Array(b);
    this.i16 = new Int16Array(b);
    this.i32 = new Int32Array(b);
    this.u32 = new Uint32Array(b);
    this.f32 = new Float32Array(b);
    this.f64 = new Float64Array(b);
    this.i64 = new BigInt64Array(b);
    this.u64 = new BigUint64Array(b);
  }

  /** Re-derives the views if the memory grew since they were made. */
  check() {
    if (this.u8.length === 0) this.refresh();
  }

  // ---- The frame area: a stack in linear memory for export frames and JS-written bytes. ----
  //
  // `alloc` bumps `top`; a call saves `top` (and `overflow.length`) before and restores them
  // after (`release`). What does not fit the area goes into blocks from `slotwire_alloc`, freed
  // on release — or, while `inResult` is set (writing an import's result for Rust to read after
  // the call returned, between `beginResult` and `endResult`), into blocks freed when the next
  // outermost result begins (Rust reads a result before it makes another call), the first such
  // block of an outermost result being Rust's reusable result buffer.
  //
  // Results nest: user code running while a result is written (an element getter) can call an
  // export whose Rust code calls an import, whose result is written before the outer one is
  // done. `beginResult` saves the enclosing result's state on `results` and `endResult` restores
  // it; only the outermost result uses the result buffer and frees earlier results' blocks, so a
  // nested result never moves or frees what the outer one wrote.

  /** Gives the heap its frame area [base, base + size) and the wasm exports that allocate. */
  setFrameArea(exports, base, size) {
    this.wasm = exports;
    this.base = base;
    this.top = base;
    this.end = base + size;
    this.overflow = [];
    this.inResult = false;
    this.lastLength = 0;
    /** Address of the result buffer while the current result uses it, else -1. */
    this.resultBufferAt = -1;
    /** Blocks of earlier results, as (ptr, size) pairs. */
    this.deferred = [];
    /** Results being written, nested (0: none). */
    this.resultDepth = 0;
    /** The enclosing results' (inResult, resultBufferAt), one pair per nesting level above 1. */
    this.results = [];
  }

  /**
   * Starts writing a result Rust reads after the call. The outermost one frees the blocks of
   * earlier results; a nested one (user code writing a result while another is being written)
   * leaves them, and the result buffer, to the outer one.
   */
  beginResult() {
    this.written();
    if (this.resultDepth !== 0) {
      // Nested: keep the enclosing result's state (its blocks, its use of the result buffer).
      this.results.push(this.inResult, this.resultBufferAt);
      this.resultDepth++;
      this.inResult = true;
      this.resultBufferAt = -1;
      return;
    }
    this.resultDepth = 1;
    this.inResult = true;
    this.resultBufferAt = -1;
    const d = this.deferred;
    while (d.length > 0) {
      const n = d.pop();
      this.wasm.slotwire_free(d.pop(), n);
    }
  }

  endResult() {
    if (--this.resultDepth === 0) {
      this.inResult = false;
      this.resultBufferAt = -1;
      return;
    }
    const r = this.results;
    this.resultBufferAt = r.pop();
    this.inResult = r.pop();
  }

  /**
   * `n` bytes, 8-byte aligned, valid until the enclosing call releases its frame. `n` must be a
   * byte count the caller checked (`checkedSize`); anything above MAX_ALLOC is a RangeError.
   */
  alloc(n, what) {
    this.written();
    // Addresses are unsigned 32-bit: no `& ~7`, which would turn >= 2 GiB negative.
    const at = this.top + ((8 - (this.top & 7)) & 7);
    if (at + n <= this.end) {
      this.top = at + n;
      return at;
    }
    return this.allocOutside(n, what);
  }

  /** `alloc` beyond the frame area; `what` (the argument or result) names it in a RangeError. */
  allocOutside(n, what) {
    // Never a size Rust would read truncated (the wasm parameter is checked again in Rust).
    if (!(n >= 0 && n <= MAX_ALLOC)) throw new RangeError(`slotwire: cannot allocate ${n} bytes (at most ${MAX_ALLOC})`);
    let ptr;
    if (this.inResult && this.resultBufferAt === -1 && this.resultDepth === 1) {
      ptr = this.wasm.slotwire_result_buffer(n) >>> 0;
      this.resultBufferAt = ptr;
    } else if (this.inResult) {
      ptr = this.wasm.slotwire_alloc(n) >>> 0;
      if (ptr !== 0) this.deferred.push(ptr, n);
    } else {
      ptr = this.wasm.slotwire_alloc(n) >>> 0;
      if (ptr !== 0) this.overflow.push(ptr, n);
    }
    if (ptr === 0) throw outOfMemory(n, what);
    this.check();
    return ptr;
  }

  /**
   * Grows the allocation at `at` of `size` bytes, of which the first `used` matter, to `n` bytes;
   * returns its possibly new address.
   */
  grow(at, size, used, n, what) {
    const inArea = at >= this.base && at < this.end;
    if (inArea && at + size === this.top && at + n <= this.end) {
      this.top = at + n;
      return at;
    }
    if (this.inResult && at === this.resultBufferAt) {
      // Rust's result buffer keeps its contents when it grows.
      if (!(n <= MAX_ALLOC)) throw new RangeError(`slotwire: cannot allocate ${n} bytes (at most ${MAX_ALLOC})`);
      const ptr = this.wasm.slotwire_result_buffer(n) >>> 0;
      if (ptr === 0) throw outOfMemory(n, what);
      this.resultBufferAt = ptr;
      this.check();
      return ptr;
    }
    if (this.inResult) {
      const ptr = this.allocOutside(n, what);
      this.u8.copyWithin(ptr, at, at + used);
      return ptr;
    }
    const ptr = this.alloc(n, what);
    this.u8.copyWithin(ptr, at, at + used);
    return ptr;
  }

  /** Restores the frame area to a state saved as (top, overflow length) before a call. */
  release(top, overflowLength) {
    this.top = top;
    if (this.overflow.length !== overflowLength) {
      const o = this.overflow;
      while (o.length > overflowLength) {
        const n = o.pop();
        const ptr = o.pop();
        this.wasm.slotwire_free(ptr, n);
      }
    }
  }
}

// The JS functions every Rust → JS path calls (installed as `globalThis.benchFns`), the strings
// every path passes, and the checksums each scenario must produce. Shared by the browser page and
// the Node host.
//
// STRS16 and text64k() mirror benches/wasm/src/common.rs and benches/raw-floor/src/lib.rs: a
// checksum computed here from them only matches if the strings crossed intact.

/** 16-byte ASCII strings; call i uses STRS16[i & 7]. */
export const STRS16 = Object.freeze([
  "slotwire-bench-a",
  "slotwire-bench-b",
  "slotwire-bench-c",
  "slotwire-bench-d",
  "slotwire-bench-e",
  "slotwire-bench-f",
  "slotwire-bench-g",
  "slotwire-bench-h",
]);

/** One unit of the 64 KiB text: ASCII, Latin-1, Greek, CJK and an astral character. */
export const TEXT_UNIT = "Grüße aus Köln — καλημέρα 世界 𝄞 slotwire! ";
export const TEXT_BYTES = 64 * 1024;

/** The 64 KiB of mixed UTF-8 Rust passes in `string_arg_64k`: units, then `.` up to 64 KiB. */
export function text64k() {
  const unitBytes = new TextEncoder().encode(TEXT_UNIT).length;
  const reps = Math.floor(TEXT_BYTES / unitBytes);
  return TEXT_UNIT.repeat(reps) + ".".repeat(TEXT_BYTES - reps * unitBytes);
}

/** The `question` of every object the object scenarios make. */
export const QUESTION = "what do you get if you multiply six by nine";

/** The `answer` of the object `object_prop_get` reads. */
export const HELD_ANSWER = 42;

/**
 * The object `object_prop_get` reads: `answer` is an own data property, as in the literals of
 * `newAnswer()`; the method exists for the JSON baseline, whose references (Blazor's
 * `IJSObjectReference`) can only call functions, not read properties.
 */
class HeldAnswer {
  // One kept for the page's life: each batch's object dies at the harness's full GC before the
  // next, and with it the map every path's optimized code read `answer` through (V8 holds maps
  // weakly from code), which V8 then threw away before each batch (--trace-deopt: "embedded weak
  // objects cleared", every path, the raw floor too).
  static #kept = new this();
  constructor() {
    this.question = QUESTION;
    this.answer = HELD_ANSWER;
  }
  getAnswer() {
    return this.answer;
  }
}

/**
 * Mutable state the functions keep, read by the checks. `created`: objects `newAnswer()` made;
 * `lastObject`: the last of them (its `answer` tells how often it was incremented); `callback`:
 * the Rust callback of the running `callback_i32` batch.
 */
export const state = { voidCalls: 0, retIndex: 0, created: 0, lastObject: null, callback: null };

/** `batch_call_i32x3`'s running sum. */
const batchSum = new Float64Array(1);

/** What Rust calls (`globalThis.benchFns.*`). Each reads its arguments, so nothing is skipped. */
export const benchFns = {
  callVoid() {
    state.voidCalls++;
  },
  addI32x3(a, b, c) {
    return (a + b + c) | 0;
  },
  /**
   * `batch_call_i32x3`: a queued call has no result; the sum is kept (in a Float64Array: no
   * number allocated per call) and read once per batch.
   */
  sinkI32x3(a, b, c) {
    batchSum[0] += (a + b + c) | 0;
  },
  takeBatchSum() {
    const s = batchSum[0];
    batchSum[0] = 0;
    return s;
  },
  mulF64x2(a, b) {
    return a * b;
  },
  strArg16(s) {
    return s.length + s.charCodeAt(s.length - 1);
  },
  strArg64k(s) {
    return s.length + s.charCodeAt(s.length - 1);
  },
  stringRet16() {
    return STRS16[state.retIndex++ & 7];
  },
  /** object_increment (once per batch) and object_create (once per operation). */
  newAnswer() {
    const o = { question: QUESTION, answer: 0 };
    state.created++;
    state.lastObject = o;
    return o;
  },
  /** The seed's JSObject benchmark: what Rust calls with the object it holds. */
  incrementAnswer(o) {
    o.answer++;
  },
  /** object_prop_get: the object Rust holds for the batch. */
  heldAnswer() {
    return new HeldAnswer();
  },
  /** object_prop_get through a JS function (the paths that read a property by calling one). */
  getAnswer(o) {
    return o.answer;
  },
  /** callback_i32: keeps the Rust callback (a function, or the JSON baseline's reference). */
  storeCallback(f) {
    state.callback = f;
  },
  /** promise_roundtrip: an already-resolved promise of x. */
  resolvedI32(x) {
    return Promise.resolve(x);
  },

  // Issue 5: bulk data Rust → JS. One function per path's shape (each with its own type
  // feedback): `*View` take slotwire's views, `*Array` typed arrays or arrays (wasm-bindgen,
  // serde-wasm-bindgen, the JSON baseline), `*Json` a JSON string (wasm-bindgen's records).
  /** bytes_*_to_js (slotwire): a `&[u8]` MemoryView: length + first + last byte. */
  bytesView(v) {
    const n = v.length;
    return n + v.get(0) + v.get(n - 1);
  },
  /** bytes_*_to_js (wasm-bindgen): a Uint8Array. */
  bytesArray(a) {
    const n = a.length;
    return n + a[0] + a[n - 1];
  },
  /** bytes_*_to_js (serde-wasm-bindgen): a Uint8Array. */
  bytesArraySwb(a) {
    const n = a.length;
    return n + a[0] + a[n - 1];
  },
  /** bytes_*_to_js (JSON baseline): a Uint8Array (JsonBytes, out of band). */
  bytesArrayJson(a) {
    const n = a.length;
    return n + a[0] + a[n - 1];
  },
  /** f64_1m_to_js (slotwire): a `&mut [f64]` MemoryView, summed through one zero-copy typedArray(). */
  sumF64View(v) {
    const a = v.typedArray();
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  },
  /** f64_1m_to_js (wasm-bindgen): a Float64Array. */
  sumF64Array(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  },
  /** f64_1m_to_js (serde-wasm-bindgen): an Array of numbers. */
  sumF64ArraySwb(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  },
  /** f64_1m_to_js (JSON baseline): an Array of numbers, parsed from JSON. */
  sumF64ArrayJson(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i];
    return s;
  },
  /** records_10k_full (slotwire): an rkyv archive view, every field of every record. */
  recordsFullView(root) {
    let s = 0;
    const n = root.length;
    for (let i = 0; i < n; i++) {
      const r = root.get(i);
      s += r.id + r.x + r.y + r.z + r.vx + r.vy + r.vz + r.mass + r.flags + r.name.length;
    }
    return s;
  },
  /** records_10k_full (raw floor): the hand-written reader of floor.js, the same loop. */
  recordsFullFloor(root) {
    let s = 0;
    const n = root.length;
    for (let i = 0; i < n; i++) {
      const r = root.get(i);
      s += r.id + r.x + r.y + r.z + r.vx + r.vy + r.vz + r.mass + r.flags + r.name.length;
    }
    return s;
  },
  /** records_10k_full (JSON baseline): an array of plain objects. */
  recordsFull(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const r = a[i];
      s += r.id + r.x + r.y + r.z + r.vx + r.vy + r.vz + r.mass + r.flags + r.name.length;
    }
    return s;
  },
  /** records_10k_full (serde-wasm-bindgen): an array of plain objects. */
  recordsFullSwb(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const r = a[i];
      s += r.id + r.x + r.y + r.z + r.vx + r.vy + r.vz + r.mass + r.flags + r.name.length;
    }
    return s;
  },
  /** records_10k_full (wasm-bindgen): a JSON string, parsed here. */
  recordsFullJson(text) {
    const a = JSON.parse(text);
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const r = a[i];
      s += r.id + r.x + r.y + r.z + r.vx + r.vy + r.vz + r.mass + r.flags + r.name.length;
    }
    return s;
  },
  /** records_10k_one_field (slotwire): `mass` of every record of the archive view. */
  recordsOneFieldView(root) {
    let s = 0;
    const n = root.length;
    for (let i = 0; i < n; i++) s += root.get(i).mass;
    return s;
  },
  /** records_10k_one_field (JSON baseline). */
  recordsOneField(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i].mass;
    return s;
  },
  /** records_10k_one_field (serde-wasm-bindgen). */
  recordsOneFieldSwb(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i].mass;
    return s;
  },
  /** records_10k_one_field (wasm-bindgen): a JSON string, parsed here. */
  recordsOneFieldJson(text) {
    const a = JSON.parse(text);
    let s = 0;
    for (let i = 0; i < a.length; i++) s += a[i].mass;
    return s;
  },
  /** The DOM scenarios (slotwire path): the document, whose methods the path declares. */
  domDocument() {
    return document;
  },
};

/** Σ over i < n of (i & 7). */
function sumLow3(n) {
  const r = n % 8;
  return 28 * ((n - r) / 8) + (r * (r - 1)) / 2;
}

/**
 * Σ over i < n of what Rust's / JS's consumer returns for STRS16[i & 7]: length (16) plus the
 * last character ('a' + (i & 7)).
 */
export function strs16Checksum(n) {
  return (16 + 97) * n + sumLow3(n);
}

let text64kValue = null;
/** strArg64k(text64k()), computed once. */
export function text64kValue1() {
  if (text64kValue === null) {
    const t = text64k();
    text64kValue = t.length + t.charCodeAt(t.length - 1);
  }
  return text64kValue;
}

// Issue 5's data, mirrored from benches/wasm/src/common.rs (byte_at, f64_1m, record): the
// checksums below only match if the data crossed intact.

/** Byte i of the bytes_*_to_js buffers. */
export const byteAt = (i) => (i * 31 + 7) & 0xff;

/** bytesArray / bytesView of a buffer of `len` bytes. */
export const bytesValue1 = (len) => len + byteAt(0) + byteAt(len - 1);

/** Σ (i % 1024) / 2 over i < 2^20: 1024 × Σ_{k<1024} k / 2. */
export const F64_1M_VALUE = (1024 * (1023 * 1024)) / 2 / 2;

/** How many records the records_10k_* scenarios hand over. */
export const RECORDS = 10_000;

let recordsValues = null;
/** [every field summed, mass summed] over the 10,000 records of common.rs's record(i). */
export function recordsValue1() {
  if (recordsValues === null) {
    let full = 0;
    let mass = 0;
    for (let i = 0; i < RECORDS; i++) {
      const m = i * 0.5 + 1;
      full +=
        i + (i % 1000) * 0.25 + (i % 500) * 0.5 + (i % 250) * 0.125 + (i % 7) + (i % 11) * 0.5 + (i % 13) * 0.25 +
        m + ((i * 7) & 0xffff) + `particle-${i}`.length;
      mass += m;
    }
    recordsValues = [full, mass];
  }
  return recordsValues;
}

// The JS half of the raw floor (benches/raw-floor): a plain import object and the plain wasm
// exports, no glue. Strings are decoded by the best hand-written code for each signature:
// String.fromCharCode over 16 bytes at a time for short ASCII, TextDecoder for long text; and
// encoded by a charCodeAt loop for short ASCII (encodeInto otherwise). JS objects are held by
// integer handles into a table here (an array and a free list; no identity map, no reference
// counts, no checks: the least a handle can be). A Rust callback is an index into a function table
// in the wasm module, called through the export `call_callback(index, x)`; a promise is awaited
// by a `then` calling the export `settle_i32(v)`, the continuation of a hand-written state machine.

import { benchFns } from "./fns.js";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Instantiates raw_floor.wasm. Returns `{ exports, memory, scratch, writeScratch,
 * promiseRoundtrip, liveObjects, liveCallbacks, pendingPromises }`: `scratch` is the address of
 * its 4 KiB buffer for export string arguments, `writeScratch(s)` encodes `s` there and returns
 * the byte length, `promiseRoundtrip(n)` runs promise_roundtrip's loop and resolves with its
 * checksum; the live* / pending* functions count object handles held, callback functions handed
 * out and promises awaited.
 * @param {BufferSource|WebAssembly.Module} bytes
 */
export async function instantiateFloor(bytes) {
  let memory = null;
  let u8 = new Uint8Array(0);
  // A view over memory.buffer, re-derived after memory.grow detached the old one (`length`, not
  // `byteLength`: the latter costs ~8 ns over wasm memory in V8).
  const view = () => (u8.length === 0 ? (u8 = new Uint8Array(memory.buffer)) : u8);
  const { strArg16, strArg64k, stringRet16, newAnswer, incrementAnswer, heldAnswer, storeCallback, resolvedI32, recordsFullFloor } =
    benchFns;
  // callback_i32: the functions handed out (one per store_callback, gone at release_callback).
  let liveCallbacks = 0;
  // promise_roundtrip: promises awaited and not yet settled; the resolver of the running loop.
  let pendingPromises = 0;
  let done = null;
  let x = null;

  // The object table: handle → object (0 is never a handle), free handles, live count.
  const objects = [undefined];
  const free = [];
  let live = 0;
  const hold = (o) => {
    const h = free.length > 0 ? free.pop() : objects.length;
    objects[h] = o;
    live++;
    return h;
  };

  /** Short ASCII → string, 16 bytes per String.fromCharCode call; null if not ASCII. */
  function decodeShortAscii(m, p, len) {
    let s = "";
    let i = p;
    const end = p + len;
    for (; i + 16 <= end; i += 16) {
      const b0 = m[i], b1 = m[i + 1], b2 = m[i + 2], b3 = m[i + 3];
      const b4 = m[i + 4], b5 = m[i + 5], b6 = m[i + 6], b7 = m[i + 7];
      const b8 = m[i + 8], b9 = m[i + 9], b10 = m[i + 10], b11 = m[i + 11];
      const b12 = m[i + 12], b13 = m[i + 13], b14 = m[i + 14], b15 = m[i + 15];
      if ((b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7 | b8 | b9 | b10 | b11 | b12 | b13 | b14 | b15) & 0x80) return null;
      s += String.fromCharCode(b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15);
    }
    const n = end - i;
    if (n === 0) return s;
    let or = 0;
    for (let k = i; k < end; k++) or |= m[k];
    if (or & 0x80) return null;
    // The last 1 to 15 bytes in one String.fromCharCode call (one string made, not one per byte).
    const t = n <= 8 ? tail8(m, i, n) : tail8(m, i, 8) + tail8(m, i + 8, n - 8);
    return s === "" ? t : s + t;
  }

  /** `n` (1 to 8) ASCII bytes at `i`, as one String.fromCharCode call. */
  function tail8(m, i, n) {
    const f = String.fromCharCode;
    switch (n) {
      case 1: return f(m[i]);
      case 2: return f(m[i], m[i + 1]);
      case 3: return f(m[i], m[i + 1], m[i + 2]);
      case 4: return f(m[i], m[i + 1], m[i + 2], m[i + 3]);
      case 5: return f(m[i], m[i + 1], m[i + 2], m[i + 3], m[i + 4]);
      case 6: return f(m[i], m[i + 1], m[i + 2], m[i + 3], m[i + 4], m[i + 5]);
      case 7: return f(m[i], m[i + 1], m[i + 2], m[i + 3], m[i + 4], m[i + 5], m[i + 6]);
      default: return f(m[i], m[i + 1], m[i + 2], m[i + 3], m[i + 4], m[i + 5], m[i + 6], m[i + 7]);
    }
  }

  /** Encodes `s` at `p` (room for `cap` bytes); returns the byte length, or -1 if it did not fit. */
  function encodeInto(m, p, cap, s) {
    const n = s.length;
    if (n <= cap) {
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        m[p + i] = c;
      }
      if (i === n) return n;
    }
    const r = encoder.encodeInto(s, m.subarray(p, p + cap));
    return r.read === n ? r.written : -1;
  }

  // Typed views for the records (re-derived after memory.grow, as `view`).
  let u16 = new Uint16Array(0);
  let u32v = new Uint32Array(0);
  let f32 = new Float32Array(0);
  let f64 = new Float64Array(0);
  const typed = () => {
    if (f64.length === 0) {
      const b = memory.buffer;
      u16 = new Uint16Array(b);
      u32v = new Uint32Array(b);
      f32 = new Float32Array(b);
      f64 = new Float64Array(b);
    }
  };

  /** One hand-packed record at byte `b` (names at `np`): a getter per field. */
  class FloorRecord {
    // One instance kept for the page's life, as the runtime keeps one of its per-call classes
    // (js-runtime/src/record.js `kept`): otherwise the maps die with the last record at the
    // harness's full GC before each batch, and V8 throws the optimized reader away each time.
    static #kept = new this(0, 0);
    constructor(b, np) {
      this.b = b;
      this.np = np;
    }
    get id() { return u32v[this.b >>> 2]; }
    get x() { return f32[(this.b >>> 2) + 1]; }
    get y() { return f32[(this.b >>> 2) + 2]; }
    get z() { return f32[(this.b >>> 2) + 3]; }
    get vx() { return f32[(this.b >>> 2) + 4]; }
    get vy() { return f32[(this.b >>> 2) + 5]; }
    get vz() { return f32[(this.b >>> 2) + 6]; }
    get flags() { return u16[(this.b + 28) >>> 1]; }
    get mass() { return f64[(this.b + 40) >>> 3]; }
    get name() {
      const w = this.b >>> 2;
      const p = this.np + u32v[w + 8];
      const len = u32v[w + 9];
      const m = view();
      const s = len <= 64 ? decodeShortAscii(m, p, len) : null;
      return s !== null ? s : decoder.decode(m.subarray(p, p + len));
    }
  }
  /** `count` hand-packed records at `p`: `length` and `get(i)`. */
  class FloorRecords {
    static #kept = new this(0, 0, 0); // as FloorRecord's
    constructor(p, count, np) {
      this.p = p;
      this.length = count;
      this.np = np;
    }
    get(i) {
      if (!(i >= 0 && i < this.length)) throw new RangeError(`record ${i} of ${this.length}`);
      return new FloorRecord(this.p + i * 48, this.np);
    }
  }

  const imports = {
    floor: {
      // records_10k_*: hand-packed records of 48 bytes (raw-floor `packed_records`) read through
      // a hand-written lazy reader (`FloorRecords`: typed-array views, names decoded as short
      // ASCII), handed to a consumer written like the other paths' (fns.js `recordsFullFloor`).
      records_full(p, count, np) {
        typed();
        return recordsFullFloor(new FloorRecords(p, count, np));
      },
      records_one_field(p, count) {
        typed();
        let s = 0;
        for (let i = 0; i < count; i++) s += f64[(p + i * 48 + 40) >>> 3];
        return s;
      },
      call_void: benchFns.callVoid,
      add_i32x3: benchFns.addI32x3,
      mul_f64x2: benchFns.mulF64x2,
      str_arg_16(p, len) {
        const m = view();
        let s = len <= 64 ? decodeShortAscii(m, p, len) : null;
        if (s === null) s = decoder.decode(m.subarray(p, p + len));
        return strArg16(s);
      },
      str_arg_64k(p, len) {
        return strArg64k(decoder.decode(view().subarray(p, p + len)));
      },
      string_ret_16(buf, cap) {
        return encodeInto(view(), buf, cap, stringRet16());
      },
      new_answer() {
        return hold(newAnswer());
      },
      held_answer() {
        return hold(heldAnswer());
      },
      increment_answer(h) {
        incrementAnswer(objects[h]);
      },
      get_answer(h) {
        return objects[h].answer;
      },
      release(h) {
        objects[h] = undefined;
        free.push(h);
        live--;
      },
      store_callback(index) {
        const call = x.call_callback;
        liveCallbacks++;
        storeCallback((v) => call(index, v));
      },
      release_callback() {
        liveCallbacks--;
      },
      resolved_i32(v) {
        pendingPromises++;
        resolvedI32(v).then(settle);
      },
      promise_done(acc) {
        const resolve = done;
        done = null;
        resolve(acc);
      },
    },
  };
  const settle = (v) => {
    pendingPromises--;
    x.settle_i32(v);
  };
  const { instance } = await WebAssembly.instantiate(bytes, imports);
  x = instance.exports;
  memory = x.memory;
  const scratch = x.scratch();
  const SCRATCH_SIZE = 4096;
  let u32 = new Uint32Array(0);
  const w0 = scratch >> 2;
  /**
   * Encodes `s` into the scratch buffer (8-byte aligned); returns its byte length. ASCII goes
   * four characters per 32-bit store; anything else through encodeInto.
   */
  function writeScratch(s) {
    const n = s.length;
    let m = u32;
    if (m.length === 0) m = u32 = new Uint32Array(memory.buffer);
    let i = 0;
    let w = w0;
    for (; i + 4 <= n; i += 4, w++) {
      const c0 = s.charCodeAt(i), c1 = s.charCodeAt(i + 1), c2 = s.charCodeAt(i + 2), c3 = s.charCodeAt(i + 3);
      if ((c0 | c1 | c2 | c3) >= 0x80) break;
      m[w] = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
    }
    if (i === n) return n;
    return writeScratchTail(s, i);
  }
  function writeScratchTail(s, i) {
    const n = s.length;
    const b = view();
    if (n <= SCRATCH_SIZE) {
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[scratch + i] = c;
      }
      if (i === n) return n;
    }
    const len = encodeInto(b, scratch, SCRATCH_SIZE, s);
    if (len < 0) throw new RangeError("raw floor: string too long for the scratch buffer");
    return len;
  }
  /** promise_roundtrip: runs the loop of n awaits in wasm; resolves with its sum. */
  function promiseRoundtrip(n) {
    return new Promise((resolve) => {
      done = resolve;
      x.run_promise_roundtrip_raw_floor(n);
    });
  }
  return {
    exports: x,
    memory,
    scratch,
    writeScratch,
    promiseRoundtrip,
    liveObjects: () => live,
    liveCallbacks: () => liveCallbacks,
    pendingPromises: () => pendingPromises,
  };
}
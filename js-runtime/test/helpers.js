// Test doubles for the runtime: a plain WebAssembly.Memory and a fake `wasm` exports object that
// behaves like the Rust half (engine/src/export.rs) without any wasm module.
//
// - slotwire_alloc / slotwire_free: a bump allocator over the memory that grows it when needed,
//   keeps a table of live blocks, checks every free (unknown block or wrong size throws, as that is
//   undefined behaviour in Rust) and poisons freed bytes with 0xDD.
// - slotwire_result_buffer: like Rust's reusable Vec<u8>: growing it keeps its contents, and here
//   it always moves (and poisons the old bytes), so a caller that keeps the old pointer is caught.
// - slotwire_call(id, p): runs an export defined with `defineExport`, whose body reads and writes
//   the frame of slots at p through `Frame` (fresh DataViews each time, independent of Heap).
// - slotwire_export_info(id, out): writes the 8 u32 descriptor words (name, params (u32 codes) and
//   parameter names as pointer/length pairs, the result code, the fast flag), with the strings placed in
//   memory, like the Rust function of that name.
// - __slotwire_fast__<name>: the typed wasm export of an export defined with `fastFn`; it logs
//   its wasm arguments in `log.fast` and returns what `fastFn` returns.

// The view runtime is a snippet of its own in an app (loaded when its wasm passes a view); the
// tests run with it installed, as an app that uses views (views-missing.test.js: without).
import "../src/transport-views.js";
// So are Rust objects and streams (transport-objects.js).
import "../src/transport-objects.js";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Heap } from "../src/slot.js";
import { Runtime } from "../src/runtime.js";

export const PAGE = 65536;
export const POISON = 0xdd;

const enc = new TextEncoder();
const dec = new TextDecoder("utf-8", { ignoreBOM: true });

export function makeMemory() {
  return new WebAssembly.Memory({ initial: 2, maximum: 100 });
}

export function dv(memory) {
  return new DataView(memory.buffer);
}

export function bytes(memory, ptr, len) {
  return new Uint8Array(memory.buffer, ptr, len).slice();
}

export function utf8(s) {
  return Array.from(enc.encode(s));
}

export function decode(memory, ptr, len) {
  return dec.decode(new Uint8Array(memory.buffer, ptr, len));
}

/** Reads a slot at `addr` with DataView (no Heap involved). */
export function readSlot(memory, addr) {
  const d = dv(memory);
  return {
    lo: d.getUint32(addr, true),
    hi: d.getUint32(addr + 4, true),
    i32: d.getInt32(addr, true),
    f32: d.getFloat32(addr, true),
    f64: d.getFloat64(addr, true),
    i64: d.getBigInt64(addr, true),
    u64: d.getBigUint64(addr, true),
    len: d.getUint32(addr + 8, true),
    ty: d.getUint8(addr + 12),
    elem: d.getUint8(addr + 13),
    flags: d.getUint8(addr + 14),
  };
}

/** Parses the exception a JS error was written as (what engine/src/binding.rs exception_from_slot reads). */
export function readJsException(memory, slotAddr) {
  const s = readSlot(memory, slotAddr);
  const d = dv(memory);
  const at = s.lo;
  const n = d.getUint32(at, true);
  const m = d.getUint32(at + 4, true);
  const total = s.len;
  return {
    at,
    hi: s.hi,
    ty: s.ty,
    total,
    n,
    m,
    name: decode(memory, at + 8, n),
    message: decode(memory, at + 8 + n, m),
    stack: decode(memory, at + 8 + n + m, total - 8 - n - m),
  };
}

export function makeFakeWasm(memory, opts = {}) {
  let next = opts.start ?? 1024;
  /** Live blocks: address → size asked for. */
  const live = new Map();
  const log = { alloc: [], free: [], result: [], calls: [], fast: [], grows: 0 };
  const exportList = [];
  let resultBuf = { ptr: 0, cap: 0 };
  let returned = null; // the Rust-side RETURNED string
  let errorMessage = null; // the Rust-side ERROR_MESSAGE buffer

  function ensure(end) {
    const have = memory.buffer.byteLength;
    if (end > have) {
      memory.grow(Math.ceil((end - have) / PAGE));
      log.grows++;
    }
  }

  function alloc(n) {
    const at = (next + 7) & ~7;
    const size = Math.max(n, 1);
    ensure(at + size);
    next = at + size;
    live.set(at, n);
    return at;
  }

  function free(ptr, n) {
    if (!live.has(ptr)) throw new Error(`fake wasm: free of unknown block ${ptr}`);
    if (live.get(ptr) !== n) throw new Error(`fake wasm: free of ${ptr} with size ${n}, allocated ${live.get(ptr)}`);
    live.delete(ptr);
    new Uint8Array(memory.buffer, ptr, Math.max(n, 1)).fill(POISON);
  }

  /** Places a string in memory the way Rust owns one; returns { ptr, len }. */
  function placeString(s) {
    const b = enc.encode(s);
    const ptr = alloc(b.length);
    new Uint8Array(memory.buffer).set(b, ptr);
    return { ptr, len: b.length };
  }

  function placeBytes(arr) {
    const ptr = alloc(arr.length);
    new Uint8Array(memory.buffer).set(arr, ptr);
    return { ptr, len: arr.length };
  }

  /** Signature codes as u32s (export.rs: `params: &[Code]`); `len` counts codes. */
  function placeCodes(arr) {
    const ptr = alloc(4 * arr.length + 4);
    const at = ptr + ((4 - (ptr & 3)) & 3);
    new Uint32Array(memory.buffer, at, arr.length).set(arr);
    return { ptr: at, len: arr.length };
  }

  /** export.rs `fail`: the message in the reused ERROR_MESSAGE buffer, slot 0 pointing at it. */
  function fail(p, kind, message) {
    if (errorMessage !== null) free(errorMessage.ptr, errorMessage.len);
    errorMessage = placeString(message);
    const d = dv(memory);
    d.setUint32(p, errorMessage.ptr, true);
    d.setUint32(p + 4, 0, true);
    d.setUint32(p + 8, errorMessage.len, true);
    d.setUint8(p + 12, 19);
    d.setUint8(p + 13, kind);
    return 1;
  }

  const wasm = {
    slotwire_alloc(n) {
      log.alloc.push(n);
      if (opts.failAlloc) return 0;
      return alloc(n);
    },
    slotwire_free(ptr, n) {
      log.free.push([ptr, n]);
      free(ptr, n);
    },
    slotwire_result_buffer(n) {
      log.result.push(n);
      if (resultBuf.cap < n) {
        const ptr = alloc(n);
        const u8 = new Uint8Array(memory.buffer);
        if (resultBuf.cap > 0) {
          u8.copyWithin(ptr, resultBuf.ptr, resultBuf.ptr + resultBuf.cap);
          free(resultBuf.ptr, resultBuf.cap);
        }
        resultBuf = { ptr, cap: n };
      }
      return resultBuf.ptr;
    },
    slotwire_call(id, p) {
      log.calls.push(id);
      const e = exportList[id - 1];
      if (e === undefined) return fail(p, 2, `no export with id ${id}`);
      return e.impl(new Frame(memory, p, fake), fake);
    },
    slotwire_export_info(id, out) {
      const e = exportList[id - 1];
      if (e === undefined || e.noInfo) return 1;
      const d = dv(memory);
      const words = [
        e.nameAt.ptr,
        e.nameAt.len,
        e.paramsAt.ptr,
        e.paramsAt.len,
        e.namesAt.ptr,
        e.namesAt.len,
        e.ret,
        e.fast ? 1 : 0,
      ];
      words.forEach((w, i) => d.setUint32(out + 4 * i, w, true));
      return 0;
    },
  };

  const fake = {
    wasm,
    memory,
    live,
    log,
    alloc,
    free,
    placeString,
    fail,
    rt: null,
    get resultBuffer() {
      return { ...resultBuf };
    },
    /** The string a Rust export returned last is kept alive until the next one (RETURNED). */
    returnString(s) {
      const old = returned;
      returned = placeString(s);
      if (old !== null) free(old.ptr, old.len);
      return returned;
    },
    /**
     * Defines an export: `impl(frame, fake)` returns a status. Adds the
     * `__slotwire_export__<key>` registration function to `wasm`; returns the id. `fast` sets the
     * descriptor's fast flag; `fastFn(...wasmValues)` becomes `wasm.__slotwire_fast__<name>`,
     * dots of the name spelled `$` as the macros spell them.
     */
    defineExport({ name, params = [], names = "", ret = 0, impl, noInfo = false, key = name, fast = false, fastFn }) {
      const id = exportList.length + 1;
      exportList.push({
        name,
        ret,
        impl,
        noInfo,
        fast,
        nameAt: placeString(name),
        paramsAt: placeCodes(params),
        namesAt: placeString(names),
      });
      wasm[`__slotwire_export__${key.replaceAll(".", "$")}`] = () => id;
      if (fastFn !== undefined) {
        wasm[`__slotwire_fast__${name.replaceAll(".", "$")}`] = (...w) => {
          log.fast.push([name, w]);
          return fastFn(...w);
        };
      }
      return id;
    },
  };
  return fake;
}

/** Reads and writes one export frame at `p`, like a #[js_export] wrapper does. */
export class Frame {
  constructor(memory, p, fake) {
    this.memory = memory;
    this.p = p;
    this.fake = fake;
  }
  get dv() {
    return new DataView(this.memory.buffer);
  }
  arg(i) {
    return this.p + (2 + i) * 16;
  }
  i32(i) {
    return this.dv.getInt32(this.arg(i), true);
  }
  u32(i) {
    return this.dv.getUint32(this.arg(i), true);
  }
  f64(i) {
    return this.dv.getFloat64(this.arg(i), true);
  }
  i64(i) {
    return this.dv.getBigInt64(this.arg(i), true);
  }
  isNull(i) {
    return (this.dv.getUint8(this.arg(i) + 14) & 1) !== 0;
  }
  str(i) {
    const a = this.arg(i);
    const d = this.dv;
    return decode(this.memory, d.getUint32(a, true), d.getUint32(a + 8, true));
  }
  // finish(): flags = 0, then the value.
  retI32(v) {
    const d = this.dv;
    d.setUint8(this.p + 16 + 14, 0);
    d.setInt32(this.p + 16, v, true);
    return 0;
  }
  retF64(v) {
    const d = this.dv;
    d.setUint8(this.p + 16 + 14, 0);
    d.setFloat64(this.p + 16, v, true);
    return 0;
  }
  retNone() {
    this.dv.setUint8(this.p + 16 + 14, 1);
    return 0;
  }
  retStr(s) {
    const { ptr, len } = this.fake.returnString(s);
    const d = this.dv;
    d.setUint8(this.p + 16 + 14, 0);
    d.setUint32(this.p + 16, ptr, true);
    d.setUint32(this.p + 20, 0, true);
    d.setUint32(this.p + 24, len, true);
    return 0;
  }
  /** Copies argument slot i into the result slot (an identity export). */
  echo(i) {
    new Uint8Array(this.memory.buffer).copyWithin(this.p + 16, this.arg(i), this.arg(i) + 16);
    return 0;
  }
  fail(kind, message) {
    return this.fake.fail(this.p, kind, message);
  }
}

/**
 * A heap with a frame area of `area` bytes from the fake allocator, and a fake `rt` as
 * exports.js and imports.js use it (its poison methods are runtime.js's own).
 */
export function setup({ area = 4096 } = {}) {
  const memory = makeMemory();
  const fake = makeFakeWasm(memory);
  const heap = new Heap(memory);
  const base = fake.wasm.slotwire_alloc(area);
  heap.setFrameArea(fake.wasm, base, area);
  const rt = {
    heap,
    memory,
    wasm: fake.wasm,
    poisoned: null,
    modules: new Map(),
    exports: Object.create(null),
    poisonError: Runtime.prototype.poisonError,
    trapped: Runtime.prototype.trapped,
  };
  fake.rt = rt;
  return { memory, fake, heap, rt, base, area };
}

/** A slot buffer in "Rust" memory (outside the frame area) for `n` argument slots. */
export function rustFrame(fake, n) {
  const p = fake.alloc((2 + n) * 16);
  new Uint8Array(fake.memory.buffer, p, (2 + n) * 16).fill(0);
  return p;
}

/** Writes argument slot i of the frame at p, as Rust's ToJs impls do. */
export function writeArg(memory, p, i, kind, v) {
  const a = p + (2 + i) * 16;
  const d = dv(memory);
  d.setUint8(a + 14, 0);
  switch (kind) {
    case "i32":
      d.setBigUint64(a, BigInt.asUintN(64, BigInt(v | 0) & 0xffffffffn), true);
      break;
    case "u32":
      d.setBigUint64(a, BigInt(v >>> 0), true);
      break;
    case "f64":
      d.setFloat64(a, v, true);
      break;
    case "i64":
      d.setBigInt64(a, v, true);
      break;
    case "u64":
      d.setBigUint64(a, v, true);
      break;
    case "str": {
      const { ptr, len } = v;
      d.setUint32(a, ptr, true);
      d.setUint32(a + 4, 0, true);
      d.setUint32(a + 8, len, true);
      break;
    }
    case "null":
      d.setUint8(a + 14, 1);
      break;
    default:
      throw new Error(`writeArg: ${kind}`);
  }
}

/** Asserts `f` throws an instance of `Class` whose message contains every fragment. */
export function throwsWith(assert, f, Class, ...fragments) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  assert.ok(err !== undefined, `expected ${Class.name} containing ${JSON.stringify(fragments)}, nothing thrown`);
  assert.ok(err instanceof Class, `expected ${Class.name}, got ${err && err.name}: ${err && err.message}`);
  assert.equal(err.constructor, Class, `expected exactly ${Class.name}, got ${err.constructor.name}`);
  for (const s of fragments) {
    assert.ok(err.message.includes(s), `message ${JSON.stringify(err.message)} lacks ${JSON.stringify(s)}`);
  }
  return err;
}

/**
 * Runs fixture `name` (test/fixtures/, built on fixtures/gc-survival.mjs) with `args` in a child
 * Node with natives syntax, `gc()` and V8's deopt trace, and checks what it reports: its loop was
 * optimized (else the check checks nothing), the full GC it forced threw away no code for a map
 * that died ("weak objects" / "embedded weak objects cleared"), and the loop is still optimized.
 */
export function assertOptimizedAcrossGc(name, args = []) {
  const fixture = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--expose-gc", "--trace-deopt", fixture, ...args], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split("\n");
  const first = lines.find((l) => l.startsWith("optimized"));
  assert.ok(first !== undefined && first.startsWith("optimized yes"), `the loop was not optimized: ${first}`);
  const gcAt = lines.indexOf("after gc");
  assert.ok(gcAt > 0, "no GC reported");
  const thrownAway = lines.slice(0, gcAt).filter((l) => /for deoptimization, reason: (embedded )?weak objects/.test(l));
  assert.deepEqual(thrownAway, [], "code deoptimized by the GC");
  assert.ok(lines.some((l) => l.startsWith("still optimized yes")), "not optimized after the GC");
}

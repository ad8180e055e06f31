// Records: mirrors engine/src/record.rs. Reads Rust structs in place in wasm linear memory, one
// field at a time, through an accessor class built once per layout descriptor.
//
// - Pod records (`#[derive(JsRecord)]`): `new RecordView(memory, ptr, length, reader)` over a
//   `&[T]`; `view.get(i).x` reads the f32 at `ptr + i * size + offset(x)`.
// - Archived records (`#[derive(JsArchive)]`, rkyv 0.8 default format: little endian, aligned,
//   32-bit relative pointers): `archiveView(memory, ptr, byteLength, descriptor)` returns the root
//   (at the end of the archive); strings, vecs and options are followed lazily, when their field
//   is read. Every relative pointer is checked to stay inside the archive (RangeError otherwise),
//   so corrupt bytes give an exception or wrong values, never a read elsewhere in memory.
//
// The descriptor format is documented in engine/src/record.rs (`RecordLayout::to_json`).
//
// Values: u8..u32, i8..i32, f32, f64 → number; u64, i64 → bigint (exact); bool → boolean; char →
// a one-code-point string; String → string (decoded at each read: short ASCII by hand, the rest by
// TextDecoder); [T; N] → a fresh Array; Vec<T> → an ArchiveVec (length, get(i), iteration,
// toJSON); Option<T> → null or the value; a nested record → a fresh accessor.
// `toJSON()` (what JSON.stringify uses) gives plain objects and arrays, with 64-bit integers as
// numbers when they are safe integers (|v| ≤ 2^53 - 1) and as decimal strings otherwise (JSON has
// no BigInt). `toArray()` of a RecordView / ArchiveVec gives plain objects with exact values
// (bigint for 64-bit integers), copied out of memory.
//
// Accessors are fresh objects at every `get(i)` (not a reused flyweight): two of them can be held
// at once. They read memory at each property access, so they see later writes, and they die with
// their view: after `dispose()` every read throws a SlotwireError. Typed arrays over the memory
// are shared per WebAssembly.Memory and re-derived when `memory.grow` detaches the old buffer
// (a detached view has length 0; that one check is the whole cost on the fast path, and dispose
// reuses it by pointing a view's arrays at empty ones).

import { codegenEnabled, compile } from "./codegen.js";
import { SlotwireError, rangeError, typeError } from "./errors.js";
import { decodeUtf8 } from "./marshal/string.js";
import { keepAlive } from "./kept.js";

/** Where accessors and views keep their memory state (a symbol, so no field name can clash). */
const MEM = Symbol("slotwire.record.memory");

/** JS names a record field may not have: the accessor's own members. */
export const RESERVED_FIELD_NAMES = Object.freeze(["base", "toJSON", "constructor", "__proto__"]);

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

// ---- Typed arrays over a memory ----

const ARRAYS = ["u8", "i8", "u16", "i16", "u32", "i32", "f32", "f64", "u64", "i64"];

/** Typed arrays over one buffer. */
class Arrays {
  constructor(buffer) {
    this.buffer = buffer;
    this.u8 = new Uint8Array(buffer);
    this.i8 = new Int8Array(buffer);
    this.u16 = new Uint16Array(buffer, 0, buffer.byteLength >>> 1);
    this.i16 = new Int16Array(buffer, 0, buffer.byteLength >>> 1);
    this.u32 = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.i32 = new Int32Array(buffer, 0, buffer.byteLength >>> 2);
    this.f32 = new Float32Array(buffer, 0, buffer.byteLength >>> 2);
    this.f64 = new Float64Array(buffer, 0, buffer.byteLength >>> 3);
    this.u64 = new BigUint64Array(buffer, 0, buffer.byteLength >>> 3);
    this.i64 = new BigInt64Array(buffer, 0, buffer.byteLength >>> 3);
  }
}

const EMPTY = new Arrays(new ArrayBuffer(0));
const arraysByMemory = new WeakMap();

function arraysOf(memory) {
  const buffer = memory.buffer;
  let a = arraysByMemory.get(memory);
  if (a === undefined || a.buffer !== buffer) {
    a = new Arrays(buffer);
    arraysByMemory.set(memory, a);
  }
  return a;
}

/**
 * The memory behind a view and everything read through it: typed arrays (refreshed after growth),
 * the bounds relative pointers must stay in, and whether it was disposed.
 */
class MemoryState {
  constructor(memory, start, end, what) {
    this.memory = memory;
    this.start = start;
    this.end = end;
    this.what = what;
    this.disposed = false;
    this.refresh();
  }

  /** Re-derives the typed arrays (after `memory.grow`); throws once disposed. */
  refresh() {
    if (this.disposed) {
      throw new SlotwireError(`${this.what}: the view was disposed (it was valid only during the call that passed it)`);
    }
    const a = arraysOf(this.memory);
    for (const k of ARRAYS) this[k] = a[k];
    return this;
  }

  dispose() {
    this.disposed = true;
    for (const k of ARRAYS) this[k] = EMPTY[k]; // length 0: the next read refreshes, and throws
  }
}

/** A disposed memory state over an empty memory, for the kept instances (kept.js; made once). */
let keptState = null;
function endedState() {
  if (keptState === null) {
    keptState = new MemoryState(new WebAssembly.Memory({ initial: 0 }), 0, 0, "kept");
    keptState.dispose();
    keepAlive(keptState);
  }
  return keptState;
}

function arrayOf(s, k) {
  const a = s[k];
  return a.length === 0 ? s.refresh()[k] : a;
}

// ---- Types ----

/** Scalars: the typed array they are read from, the shift from byte address to index. */
const SCALARS = {
  u8: { size: 1, arr: "u8", shift: 0 },
  i8: { size: 1, arr: "i8", shift: 0 },
  u16: { size: 2, arr: "u16", shift: 1 },
  i16: { size: 2, arr: "i16", shift: 1 },
  u32: { size: 4, arr: "u32", shift: 2 },
  i32: { size: 4, arr: "i32", shift: 2 },
  f32: { size: 4, arr: "f32", shift: 2 },
  f64: { size: 8, arr: "f64", shift: 3 },
  u64: { size: 8, arr: "u64", shift: 3, big: true },
  i64: { size: 8, arr: "i64", shift: 3, big: true },
  bool: { size: 1, arr: "u8", shift: 0, archiveOnly: true },
  char: { size: 4, arr: "u32", shift: 2, archiveOnly: true },
};

function jsonSafe(v) {
  return v <= MAX_SAFE && v >= MIN_SAFE ? Number(v) : String(v);
}

function badDescriptor(path, detail) {
  return new SlotwireError(`bad record descriptor at ${path}: ${detail}`);
}

function isCount(n) {
  return Number.isSafeInteger(n) && n >= 0;
}

function isAlign(n) {
  return Number.isSafeInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/**
 * The operations of one type descriptor: `read(s, addr)` → the JS value (lazy: accessors and
 * views), `plain(s, addr, json)` → a plain copy, and its size and alignment.
 */
function typeOps(t, kind, path) {
  if (t === null || typeof t !== "object") throw badDescriptor(path, "expected an object");
  if (!isCount(t.size) || !isAlign(t.align)) throw badDescriptor(path, "size/align missing or invalid");
  const sc = SCALARS[t.type];
  if (sc !== undefined) {
    if (sc.archiveOnly && kind === "pod") throw badDescriptor(path, `${t.type} is not a Pod type`);
    if (t.size !== sc.size || t.align !== sc.size) throw badDescriptor(path, `${t.type} must have size and align ${sc.size}`);
    return scalarOps(t.type, sc);
  }
  switch (t.type) {
    case "record": {
      const r = recordReader(t);
      if (r.kind !== kind) throw badDescriptor(path, `a ${r.kind} record inside a ${kind} record`);
      // Reading a nested record makes an accessor without touching memory: check disposal here,
      // so `person.address` throws after the call like every other read.
      const read = (s, addr) => {
        if (s.disposed) s.refresh(); // throws
        return r.read(s, addr);
      };
      return { size: r.size, align: r.align, read, plain: r.plain, reader: r };
    }
    case "array": {
      if (!isCount(t.len)) throw badDescriptor(path, "array without a valid len");
      const of = typeOps(t.of, kind, `${path}[]`);
      if (t.size !== of.size * t.len) throw badDescriptor(path, "array size is not len × element size");
      const { len } = t;
      const stride = of.size;
      return {
        size: t.size,
        align: t.align,
        read(s, addr) {
          const out = new Array(len);
          for (let i = 0; i < len; i++) out[i] = of.read(s, addr + i * stride);
          return out;
        },
        plain(s, addr, json) {
          const out = new Array(len);
          for (let i = 0; i < len; i++) out[i] = of.plain(s, addr + i * stride, json);
          return out;
        },
      };
    }
    case "string":
      if (kind !== "archive") throw badDescriptor(path, "string is not a Pod type");
      if (t.size !== 8) throw badDescriptor(path, "an archived string has 8 bytes");
      return { size: 8, align: t.align, read: readString, plain: readString };
    case "vec": {
      if (kind !== "archive") throw badDescriptor(path, "vec is not a Pod type");
      if (t.size !== 8) throw badDescriptor(path, "an archived vec has 8 bytes");
      const of = typeOps(t.of, kind, `${path}[]`);
      const read = (s, addr) => {
        const i32 = arrayOf(s, "i32");
        const target = addr + i32[addr >>> 2];
        const len = s.u32[(addr + 4) >>> 2];
        if (len !== 0 && (target < s.start || target + len * of.size > s.end || (target & (of.align - 1)) !== 0)) {
          throw rangeError(s.what, `a vec of ${len} at ${addr} points to ${target}, outside the archive [${s.start}, ${s.end}) or misaligned`);
        }
        return new ArchiveVec(s, target, len, of);
      };
      return {
        size: 8,
        align: t.align,
        read,
        plain(s, addr, json) {
          return read(s, addr).plainArray(json);
        },
      };
    }
    case "option": {
      if (kind !== "archive") throw badDescriptor(path, "option is not a Pod type");
      const of = typeOps(t.of, kind, `${path}?`);
      const off = t.valueOffset;
      if (!isCount(off) || off + of.size > t.size) throw badDescriptor(path, "option without a valid valueOffset");
      const tag = (s, addr) => {
        const b = arrayOf(s, "u8")[addr];
        if (b > 1) throw typeError(s.what, "an Option tag of 0 or 1", b);
        return b;
      };
      return {
        size: t.size,
        align: t.align,
        read: (s, addr) => (tag(s, addr) === 0 ? null : of.read(s, addr + off)),
        plain: (s, addr, json) => (tag(s, addr) === 0 ? null : of.plain(s, addr + off, json)),
      };
    }
    default:
      throw badDescriptor(path, `unknown type ${JSON.stringify(t.type)}`);
  }
}

const scalarCache = new Map();

function scalarOps(name, sc) {
  let ops = scalarCache.get(name);
  if (ops !== undefined) return ops;
  const { arr, shift } = sc;
  let read;
  if (name === "bool") read = (s, addr) => arrayOf(s, arr)[addr] !== 0;
  else if (name === "char") read = (s, addr) => String.fromCodePoint(arrayOf(s, arr)[addr >>> 2]);
  else read = (s, addr) => arrayOf(s, arr)[addr >>> shift];
  const plain = sc.big ? (s, addr, json) => (json ? jsonSafe(read(s, addr)) : read(s, addr)) : read;
  ops = { size: sc.size, align: sc.size, read, plain, scalar: name };
  scalarCache.set(name, ops);
  return ops;
}

/** An rkyv ArchivedString at `addr`: inline (≤ 8 bytes, ended by 0xff) or out of line. */
function readString(s, addr) {
  let u8 = s.u8;
  if (u8.length === 0) u8 = s.refresh().u8;
  const b0 = u8[addr];
  if ((b0 & 0xc0) !== 0x80) {
    let len = 0;
    while (len < 8 && u8[addr + len] !== 0xff) len++;
    return decodeUtf8(u8, addr, len);
  }
  const w = s.u32[addr >>> 2];
  const len = (w & 0x3f) + (w >>> 8) * 64;
  const target = addr + s.i32[(addr + 4) >>> 2];
  if (target < s.start || target + len > s.end) {
    throw rangeError(s.what, `a string of ${len} bytes at ${addr} points to ${target}, outside the archive [${s.start}, ${s.end})`);
  }
  return decodeUtf8(u8, target, len);
}

// ---- Record readers ----

/** A record's reader: its accessor class and how to copy a record out. Built once per layout. */
export const { RecordReader } = { RecordReader: class {
  constructor(descriptor, key) {
    const d = descriptor;
    const path = typeof d.name === "string" ? d.name : "record";
    if (d.type !== "record") throw badDescriptor(path, `expected type "record", got ${JSON.stringify(d.type)}`);
    if (d.kind !== "pod" && d.kind !== "archive") throw badDescriptor(path, `kind must be "pod" or "archive"`);
    if (!isCount(d.size) || !isAlign(d.align) || !Array.isArray(d.fields)) {
      throw badDescriptor(path, "size, align or fields missing or invalid");
    }
    /** The descriptor it was built from. */
    this.descriptor = d;
    /** The cache key (the descriptor's JSON). */
    this.key = key;
    this.name = path;
    this.kind = d.kind;
    this.size = d.size;
    this.align = d.align;
    const seen = new Set();
    const fields = d.fields.map((f, i) => {
      const fp = `${path}.${f && f.name}`;
      if (!f || typeof f.name !== "string" || f.name === "") throw badDescriptor(`${path}.fields[${i}]`, "field without a name");
      if (RESERVED_FIELD_NAMES.includes(f.name)) throw badDescriptor(fp, "this name is taken by the accessor");
      if (seen.has(f.name)) throw badDescriptor(fp, "duplicate field name");
      seen.add(f.name);
      const ops = typeOps(f.type, d.kind, fp);
      if (!isCount(f.offset) || f.offset + ops.size > d.size || f.offset % ops.align !== 0) {
        throw badDescriptor(fp, `offset ${f.offset} does not fit a ${f.type.type} in ${d.size} bytes`);
      }
      return { name: f.name, offset: f.offset, ops };
    });
    this.fields = fields;

    const plain = (s, base, json) => {
      const o = {};
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i];
        o[f.name] = f.ops.plain(s, base + f.offset, json);
      }
      return o;
    };
    this.Accessor = generatedAccessor(this, fields, plain) ?? closureAccessor(this, fields, plain);
    const Accessor = this.Accessor;
    keepAlive(new Accessor(endedState(), 0)); // its maps (kept.js)
    /** `(state, addr)` → a fresh accessor. */
    this.read = (s, addr) => new Accessor(s, addr);
    /** `(state, addr, json)` → a plain object. */
    this.plain = plain;
  }
} }; // named by its key: see names.js

/**
 * The accessor class, generated with one getter per field (null without code generation). Named
 * `reader.name` by a property key written in the source, as the public classes are (names.js: a
 * `name` redefined afterwards — or set from a computed key — makes a dictionary-mode class, and
 * `new Accessor` per record is never optimized for long).
 */
function generatedAccessor(reader, fields, plain) {
  const names = ["M", "P"];
  const values = [MEM, plain];
  const name = JSON.stringify(reader.name);
  // (`"__proto__": v` in a literal sets the prototype: that one name is a computed key.)
  const key = reader.name === "__proto__" ? `[${name}]` : name;
  const body = [
    `return { ${key}: class {`,
    "  constructor(s, base) { this[M] = s; this.base = base; }",
  ];
  fields.forEach((f, i) => {
    const key = JSON.stringify(f.name);
    const sc = f.ops.scalar !== undefined ? SCALARS[f.ops.scalar] : undefined;
    if (sc !== undefined) {
      const a = sc.arr;
      const at = sc.shift === 0 ? `this.base + ${f.offset}` : `(this.base + ${f.offset}) >>> ${sc.shift}`;
      let v = "v";
      if (f.ops.scalar === "bool") v = `v !== 0`;
      else if (f.ops.scalar === "char") v = `String.fromCodePoint(v)`;
      // One load on the common path: an element of a live array is a number (or bigint), never
      // undefined; undefined means the array went stale (memory grew: detached, length 0; the
      // view ended: refresh throws) and the read is redone through `refresh`.
      body.push(`  get ${key}() { let v = this[M].${a}[${at}]; if (v === undefined) v = this[M].refresh().${a}[${at}]; return ${v}; }`);
    } else {
      names.push(`r${i}`);
      values.push(f.ops.read);
      body.push(`  get ${key}() { return r${i}(this[M], this.base + ${f.offset}); }`);
    }
  });
  body.push("  toJSON() { return P(this[M], this.base, true); }", `} }[${name}];`);
  return compile(names, body.join("\n"), values);
}

/**
 * The same class without code generation: getters are closures over each field's reader. (Its
 * name, from a computed key, makes it a dictionary-mode class: this path is the slow one anyway.)
 */
function closureAccessor(reader, fields, plain) {
  const Accessor = { [reader.name]: class {
    constructor(s, base) {
      this[MEM] = s;
      this.base = base;
    }

    toJSON() {
      return plain(this[MEM], this.base, true);
    }
  } }[reader.name];
  for (const f of fields) {
    const { read } = f.ops;
    const off = f.offset;
    Object.defineProperty(Accessor.prototype, f.name, {
      get() {
        return read(this[MEM], this.base + off);
      },
      configurable: true,
      enumerable: false,
    });
  }
  return Accessor;
}

const keyOfDescriptor = new WeakMap();
const readers = new Map();

/**
 * The reader of a record descriptor (the parsed JSON of Rust's `RecordLayout::to_json()`), built
 * once: later calls with the same descriptor, or an equal one, return the same reader.
 */
export function recordReader(descriptor) {
  if (descriptor instanceof RecordReader) return descriptor;
  if (descriptor === null || typeof descriptor !== "object") {
    throw typeError("recordReader", "a record descriptor object", descriptor);
  }
  // The key and the reader are made from one plain copy of the descriptor, so they cannot
  // disagree (a descriptor whose JSON — its own `toJSON`, getters answering differently per
  // read — said one layout and whose properties another put its reader under the other's key).
  let known = keyOfDescriptor.get(descriptor);
  if (known === undefined) {
    const plain = plainDescriptor(descriptor, typeof descriptor.name === "string" ? descriptor.name : "record", 0);
    known = { plain, key: JSON.stringify(plain) };
    keyOfDescriptor.set(descriptor, known);
  }
  // Readers built with and without code generation are kept apart (tests switch it off).
  const cacheKey = (codegenEnabled() ? "g:" : "c:") + known.key;
  let r = readers.get(cacheKey);
  if (r === undefined) {
    r = new RecordReader(known.plain, known.key);
    readers.set(cacheKey, r);
  }
  return r;
}

/**
 * A descriptor as plain data: strings, finite numbers, booleans, null, arrays and objects (with
 * no prototype) of them, each property read once. Anything else — a function (a `toJSON`), a
 * non-finite number (JSON would write null), a symbol, nesting deeper than any layout — is a bad
 * descriptor.
 */
function plainDescriptor(v, path, depth) {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw badDescriptor(path, `${v} is not a finite number`);
    return v;
  }
  if (typeof v !== "object") throw badDescriptor(path, `a ${typeof v} is not descriptor data`);
  if (depth > 64) throw badDescriptor(path, "nested deeper than any record layout");
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array(n);
    for (let i = 0; i < n; i++) out[i] = plainDescriptor(v[i], `${path}[${i}]`, depth + 1);
    return out;
  }
  const out = Object.create(null);
  for (const k of Object.keys(v)) out[k] = plainDescriptor(v[k], `${path}.${k}`, depth + 1);
  return out;
}

// ---- Views ----

function checkRegion(what, memory, ptr, byteLength, align) {
  if (!Number.isSafeInteger(ptr) || ptr < 0) throw rangeError(what, `bad address ${ptr}`);
  if (!Number.isSafeInteger(byteLength) || byteLength < 0) throw rangeError(what, `bad length ${byteLength}`);
  if (ptr % align !== 0) throw rangeError(what, `address ${ptr} is not aligned to ${align}`);
  const size = memory.buffer.byteLength;
  if (ptr + byteLength > size) throw rangeError(what, `[${ptr}, ${ptr + byteLength}) is outside memory of ${size} bytes`);
}

function checkIndex(what, i, length) {
  if ((i >>> 0) !== i || i >= length) throw rangeError(`${what}.get`, `index ${i} out of range for length ${length}`);
}

/**
 * What RecordView and ArchiveVec share: `length` elements from `ptr`, `get(i)` (in the subclass),
 * iteration, copies out (`elementOps`: the elements' `{ plain, size }`), disposal.
 */
class Elements {
  get isDisposed() {
    return this[MEM].disposed;
  }

  *[Symbol.iterator]() {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  /** Plain values, exact (bigint for 64-bit integers), copied out of memory. */
  toArray() {
    return this.plainArray(false);
  }

  /** Plain values for JSON: 64-bit integers as numbers when safe, decimal strings otherwise. */
  toJSON() {
    return this.plainArray(true);
  }

  plainArray(json) {
    const s = this[MEM];
    if (s.disposed) s.refresh(); // throws
    const { plain, size } = this.elementOps;
    const out = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = plain(s, this.ptr + i * size, json);
    return out;
  }

  /**
   * Ends the view (for an archive: the whole archive): every later use of it, or of an accessor
   * it gave, throws.
   */
  dispose() {
    this[MEM].dispose();
  }
}

/**
 * A slice of Pod records (`&[T]` of a `#[derive(JsRecord)]` struct) in wasm memory.
 *
 * `get(i)` returns a fresh accessor whose getters read the fields in place. A view passed for the
 * length of a call is disposed after it; any use afterwards throws a SlotwireError.
 */
export const { RecordView } = { RecordView: class extends Elements {
  /**
   * @param {WebAssembly.Memory} memory
   * @param {number} ptr address of the first record (aligned to the record's alignment)
   * @param {number} length number of records
   * @param {RecordReader | object} reader `recordReader(descriptor)`, or the descriptor itself
   */
  constructor(memory, ptr, length, reader) {
    const r = recordReader(reader);
    const what = `RecordView<${r.name}>`;
    if (r.kind !== "pod") throw typeError(what, "a pod record descriptor (use archiveView for archives)", r.kind);
    if (!Number.isSafeInteger(length) || length < 0) throw rangeError(what, `bad length ${length}`);
    checkRegion(what, memory, ptr, length * r.size, r.align);
    super();
    this[MEM] = new MemoryState(memory, ptr, ptr + length * r.size, what);
    this.reader = r;
    this.ptr = ptr;
    this.length = length;
  }

  /** Bytes covered: `length * reader.size`. */
  get byteLength() {
    return this.length * this.reader.size;
  }

  get elementOps() {
    return this.reader;
  }

  /** The record at `i` (a fresh accessor); RangeError outside `[0, length)`. */
  get(i) {
    const s = this[MEM];
    if (s.disposed) s.refresh(); // throws
    checkIndex(s.what, i, this.length);
    return new this.reader.Accessor(s, this.ptr + i * this.reader.size);
  }
} }; // named by its key: see names.js

/** An rkyv `ArchivedVec<T>`: an array-like view of its elements, read lazily. */
export const { ArchiveVec } = { ArchiveVec: class extends Elements {
  constructor(s, ptr, length, of) {
    super();
    this[MEM] = s;
    this.ptr = ptr;
    this.length = length;
    this.of = of;
  }

  get elementOps() {
    return this.of;
  }

  /** Element `i` (a string, number, accessor, ...); RangeError outside `[0, length)`. */
  get(i) {
    const s = this[MEM];
    if (s.disposed) s.refresh(); // throws
    checkIndex(s.what, i, this.length);
    return this.of.read(s, this.ptr + i * this.of.size);
  }
} }; // named by its key: see names.js

// The views' kept instances (kept.js): an empty RecordView of a record without fields, an empty
// ArchiveVec, both disposed.
keepAlive(new ArchiveVec(endedState(), 0, 0, null));
{
  const v = new RecordView(new WebAssembly.Memory({ initial: 0 }), 0, 0, { type: "record", kind: "pod", name: "kept", size: 1, align: 1, fields: [] });
  v.dispose();
  keepAlive(v);
}

function typeName(t) {
  if (t === null || typeof t !== "object") return "?";
  switch (t.type) {
    case "record": return String(t.name);
    case "vec": return `Vec<${typeName(t.of)}>`;
    case "option": return `Option<${typeName(t.of)}>`;
    case "array": return `[${typeName(t.of)}; ${t.len}]`;
    case "string": return "String";
    default: return String(t.type);
  }
}

// Per descriptor object, apart for readers built with and without code generation.
const archiveOps = { g: new WeakMap(), c: new WeakMap() };

/**
 * The root of an rkyv archive of `byteLength` bytes at `ptr`: for a `Vec<T>` root an ArchiveVec,
 * for a struct root an accessor, for a scalar or string root its value. `descriptor` is the parsed
 * JSON of Rust's `slotwire::record::archive_descriptor::<T>()` (or a record descriptor of kind
 * "archive"). The root is at the end: `ptr + byteLength - descriptor.size`.
 */
export function archiveView(memory, ptr, byteLength, descriptor) {
  const cache = codegenEnabled() ? archiveOps.g : archiveOps.c;
  let ops = cache.get(descriptor);
  if (ops === undefined) {
    if (descriptor === null || typeof descriptor !== "object") {
      throw typeError("archiveView", "a type descriptor object", descriptor);
    }
    ops = typeOps(descriptor, "archive", typeName(descriptor));
    cache.set(descriptor, ops);
  }
  const what = `archive of ${typeName(descriptor)}`;
  checkRegion(what, memory, ptr, byteLength, 1);
  if (byteLength < ops.size) throw rangeError(what, `${byteLength} bytes cannot hold a root of ${ops.size}`);
  const root = ptr + byteLength - ops.size;
  if (root % ops.align !== 0) throw rangeError(what, `the root at ${root} is not aligned to ${ops.align}`);
  return ops.read(new MemoryState(memory, ptr, ptr + byteLength, what), root);
}

/**
 * Disposes the memory state behind a RecordView, an ArchiveVec or a record accessor: the view and
 * everything read from it (the whole archive, for archives) throw on use afterwards.
 */
export function disposeView(view) {
  const s = view !== null && typeof view === "object" ? view[MEM] : undefined;
  if (!(s instanceof MemoryState)) throw typeError("disposeView", "a record view or accessor", view);
  s.dispose();
}

/** Whether a RecordView, ArchiveVec or accessor has been disposed. */
export function isDisposedView(view) {
  const s = view !== null && typeof view === "object" ? view[MEM] : undefined;
  if (!(s instanceof MemoryState)) throw typeError("isDisposedView", "a record view or accessor", view);
  return s.disposed;
}

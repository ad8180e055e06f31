// The JS half of tests/tests/views.rs: memory views (spans, segments) and records. Functions the
// imports call (module "views") and checks against rt.exports, run by name from Rust.

let rt = null;
let keptSpan = null;
let keptSeg = null;
let keptRecords = null;
let keptAccessor = null;
let keptVec = null;

const CTORS = {
  u8: Uint8Array, i8: Int8Array, u16: Uint16Array, i16: Int16Array, u32: Uint32Array,
  i32: Int32Array, u64: BigUint64Array, i64: BigInt64Array, f32: Float32Array, f64: Float64Array,
};
const TYPES = Object.keys(CTORS);
const isBig = (t) => t === "u64" || t === "i64";

function fail(msg) {
  throw new Error(msg);
}

function show(v) {
  return JSON.stringify(v, (k, x) => (typeof x === "bigint" ? `${x}n` : x));
}

function eq(actual, expected, what) {
  const a = show(actual);
  const e = show(expected);
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

/** f() throws an instance of `cls` whose message contains `text`; returns the error. */
function throwsWith(f, cls, text, what) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof cls)) fail(`${what}: expected ${cls.name}, got ${e && e.name}: ${e && e.message}`);
    if (!String(e.message).includes(text)) fail(`${what}: message ${JSON.stringify(e.message)} lacks ${JSON.stringify(text)}`);
    return e;
  }
  return fail(`${what}: did not throw`);
}

function errorName(f) {
  try {
    f();
    return "none";
  } catch (e) {
    return e.name;
  }
}

/** Every member of a disposed MemoryView but isDisposed/dispose/toString throws "disposed". */
function allMembersThrow(v) {
  if (!v.isDisposed) return "not disposed";
  const members = {
    length: () => v.length,
    byteLength: () => v.byteLength,
    elementType: () => v.elementType,
    kind: () => v.kind,
    readOnly: () => v.readOnly,
    get: () => v.get(0),
    at: () => v.at(0),
    set: () => v.set([]),
    slice: () => v.slice(),
    copyTo: () => v.copyTo(new Uint8Array(0)),
    typedArray: () => v.typedArray(),
    iterator: () => [...v],
  };
  const bad = [];
  for (const [name, f] of Object.entries(members)) {
    try {
      f();
      bad.push(`${name} did not throw`);
    } catch (e) {
      if (e.name !== "SlotwireError" || !/was disposed/.test(e.message)) bad.push(`${name}: ${e.name}: ${e.message}`);
    }
  }
  if (!String(v).includes("disposed")) bad.push(`toString ${String(v)}`);
  v.dispose(); // a no-op
  return bad.length === 0 ? "ok" : bad.join("; ");
}

/** Value of element i that writeSpan writes (views.rs checks the same). */
function written(t, i) {
  if (t === "f32" || t === "f64") return i + 0.5;
  const v = t.startsWith("i") ? -(i + 1) : (i + 1) * 3;
  return isBig(t) ? BigInt(v) : v;
}

const viewModule = {
  sumSpan: (v) => {
    keptSpan = v;
    let s = 0;
    for (const x of v) s += x;
    return s;
  },
  keptSpanDisposed: () => keptSpan.isDisposed,
  keptViewAllThrow: () => allMembersThrow(keptSpan),
  fillSpan: (v, x) => {
    for (let i = 0; i < v.length; i++) v.typedArray()[i] = x + i;
  },
  trySet: (v) => {
    try {
      v.set([1]);
      return "wrote";
    } catch (e) {
      return `${e.name}`;
    }
  },
  describeSpan: (v) => {
    keptSpan = v;
    const items = Array.from(v);
    const n = v.length;
    // Every reading member agrees with iteration.
    for (let i = 0; i < n; i++) {
      if (v.get(i) !== items[i]) fail(`get(${i})`);
      if (v.at(i - n) !== items[i]) fail(`at(${i - n})`);
    }
    eq(Array.from(v.slice()), items, "slice");
    eq(Array.from(v.typedArray()), items, "typedArray");
    const copy = new CTORS[v.elementType](n);
    v.copyTo(copy);
    eq(Array.from(copy), items, "copyTo");
    eq(v.byteLength, n * CTORS[v.elementType].BYTES_PER_ELEMENT, "byteLength");
    if (n === 0 && errorName(() => v.get(0)) !== "RangeError") fail("get(0) of an empty span");
    return `${v.kind}:${v.elementType}:${v.readOnly ? "ro" : "rw"}:${n}:[${items.map(String).join(",")}]:${errorName(() => v.set([]))}`;
  },
  writeSpan: (v) => {
    keptSpan = v;
    const t = v.elementType;
    const n = v.length;
    if (n > 0) v.set([written(t, 0)]);
    if (n > 1) v.typedArray()[1] = written(t, 1);
    if (n > 2) v.set(Array.from({ length: n - 2 }, (_, k) => written(t, k + 2)), 2);
    for (let i = 0; i < n; i++) if (v.get(i) !== written(t, i)) fail(`${t}[${i}] reads ${v.get(i)}`);
    return `${v.kind}:${t}:${v.readOnly ? "ro" : "rw"}`;
  },
  spanIntoExports: (v) => {
    const sum = rt.exports.span_sum_f64(v);
    const len = rt.exports.span_len(v);
    return `${sum}:${len}:${errorName(() => rt.exports.seg_sum(v))}`;
  },
  keepSegment: (v) => {
    keptSeg = v;
    return v.length;
  },
  keptSegment: () => keptSeg,
  disposeKept: () => {
    keptSeg.dispose();
    keptSeg = null;
  },
  segmentLater: (v) => {
    keptSeg = v;
    return new Promise((resolve) => setTimeout(() => resolve(v), 1));
  },
  delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  particles: (view) => {
    let s = 0;
    for (let i = 0; i < view.length; i++) s += view.get(i).x + view.get(i).y;
    return `${view.length}:${s}:${view.get(0).id}`;
  },
  everyRecords: (view) => {
    keptRecords = view;
    keptAccessor = view.length > 0 ? view.get(0) : null;
    const all = [...view];
    return JSON.stringify({
      length: view.length,
      json: view.toJSON(),
      iterated: all.map((r) => r.f_f64),
      exact: all.map((r) => String(r.f_u64)),
      nested: all.map((r) => r.inner.a),
      pos: all.map((r) => r.pos[0]),
    });
  },
  keptRecordsDisposed: () => {
    const bad = [];
    if (!keptRecords.isDisposed) bad.push("isDisposed");
    for (const [name, f] of Object.entries({
      get: () => keptRecords.get(0),
      toJSON: () => keptRecords.toJSON(),
      iterate: () => [...keptRecords].length,
      accessor: () => (keptAccessor === null ? fail("disposed") : keptAccessor.f_f64),
    })) {
      try {
        if (name === "iterate" && keptRecords.length === 0) continue;
        f();
        bad.push(`${name} did not throw`);
      } catch (e) {
        if (!/disposed/.test(e.message)) bad.push(`${name}: ${e.message}`);
      }
    }
    return bad.length === 0 ? "ok" : bad.join("; ");
  },
  people: (root) => {
    keptRecords = root;
    keptAccessor = root.length > 0 ? root.get(0) : null;
    keptVec = root.length > 1 ? root.get(1).tags : null;
    const all = [...root];
    return JSON.stringify({
      length: root.length,
      json: root.toJSON(),
      names: all.map((p) => p.name),
      cities: all.map((p) => p.address.city),
      tags1: keptVec === null ? null : [...keptVec],
      email: all.map((p) => p.email),
    });
  },
  keptArchiveDisposed: () => {
    const bad = [];
    for (const [name, f] of Object.entries({
      get: () => keptRecords.get(0),
      toJSON: () => keptRecords.toJSON(),
      accessor: () => keptAccessor.name,
      nested: () => keptAccessor.address.city,
      vec: () => keptVec.get(0),
    })) {
      try {
        f();
        bad.push(`${name} did not throw`);
      } catch (e) {
        if (!/disposed/.test(e.message)) bad.push(`${name}: ${e.message}`);
      }
    }
    return bad.length === 0 ? "ok" : bad.join("; ");
  },
};

export function registerViewModule(runtime) {
  rt = runtime;
  rt.importModule("views", viewModule);
}

/** Checks every member of a live view against `expect` (an Array), then writes and reads back. */
function checkMembers(v, expect, what) {
  const n = expect.length;
  eq(v.length, n, `${what}: length`);
  for (let i = 0; i < n; i++) eq(v.get(i), expect[i], `${what}: get(${i})`);
  eq(v.at(-1), expect[n - 1], `${what}: at(-1)`);
  eq(Array.from(v.slice()), expect, `${what}: slice`);
  eq(Array.from(v.slice(1, 3)), expect.slice(1, 3), `${what}: slice(1, 3)`);
  const ta = v.typedArray();
  eq(ta.length, n, `${what}: typedArray length`);
  eq(Array.from(ta), expect, `${what}: typedArray`);
  const copy = new CTORS[v.elementType](n);
  v.copyTo(copy);
  eq(Array.from(copy), expect, `${what}: copyTo`);
  eq([...v], expect, `${what}: iteration`);
  // Writes land where reads (and Rust) look.
  const bumped = expect.map((x) => x + 100);
  v.set(bumped);
  eq([...v], bumped, `${what}: set`);
  v.typedArray()[0] = expect[0];
  v.set(expect.slice(1), 1);
  eq([...v], expect, `${what}: set back`);
}

async function sleep(ms) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export function runViewCheck(runtime, name) {
  const x = runtime.exports;
  const checks = {
    spanParams() {
      const big = (t) => (a) => (isBig(t) ? a.map(BigInt) : a);
      for (const t of TYPES) {
        const f = x[`span_sum_${t}`];
        const b = big(t);
        eq(f(new CTORS[t](b([1, 2, 3]))), 6, `${t}: typed array`);
        eq(f(b([4, 5])), 9, `${t}: Array`);
        eq(f(new CTORS[t](0)), 0, `${t}: empty`);
        eq(f([]), 0, `${t}: empty Array`);
        const seg = runtime.allocSegment(t, 3);
        seg.set(b([7, 8, 9]));
        eq(f(seg), 24, `${t}: MemoryView`);
        eq(seg.get(0), b([7])[0], `${t}: the view is untouched`);
        seg.dispose();
        throwsWith(() => f(seg), Error, "disposed", `${t}: a disposed MemoryView`);
        throwsWith(() => f("abc"), TypeError, "argument 1", `${t}: a string`);
        throwsWith(() => f(42), TypeError, "argument 1", `${t}: a number`);
        const other = runtime.allocSegment(t === "f64" ? "f32" : "f64", 1);
        throwsWith(() => f(other), TypeError, "expected a MemoryView of", `${t}: a MemoryView of another type`);
        other.dispose();
        eq(f(b([1])), 1, `${t}: usable after errors`);
      }
      throwsWith(() => x.span_sum_u8([1, 300]), RangeError, "[1]", "u8 out of range");
      throwsWith(() => x.span_sum_i8([-129]), RangeError, "[0]", "i8 out of range");
      throwsWith(() => x.span_sum_u16([65536]), RangeError, "[0]", "u16 out of range");
      throwsWith(() => x.span_sum_i32([2 ** 31]), RangeError, "[0]", "i32 out of range");
      throwsWith(() => x.span_sum_u64([-1n]), RangeError, "[0]", "u64 out of range");
      throwsWith(() => x.span_sum_i64([2n ** 63n]), RangeError, "[0]", "i64 out of range");
      throwsWith(() => x.span_sum_u32([1, "2"]), TypeError, "[1]", "a string element");
      throwsWith(() => x.span_sum_u8([1.5]), RangeError, "[0]", "a fraction in u8");
      eq(x.span_sum_u64([2n ** 64n - 1n]), 2 ** 64, "u64 max");
      eq(x.span_sum_i64([-(2n ** 63n)]), -(2 ** 63), "i64 min");
      eq(x.span_sum_f32([0.5, 0.25]), 0.75, "f32");
      eq(x.span_len(new Float64Array(1000)), 1000, "a long span in the frame");
      eq(x.span_len(new Float64Array(100000)), 100000, "beyond the frame area");
      eq(x.span_sum_u8(new Uint8Array([5])), 5, "usable afterwards");
    },
    allocSegment() {
      const v = runtime.allocSegment("f64", 5);
      eq([v.kind, v.elementType, v.readOnly, v.length], ["segment", "f64", false, 5], "a writable segment");
      eq([...v], [0, 0, 0, 0, 0], "zeroed");
      v.set([1, 2, 3, 4, 5]);
      eq(x.seg_ptr(v), v.typedArray().byteOffset, "Rust sees the same address: no copy");
      eq(x.seg_sum(v), 15, "Rust reads what JS wrote");
      x.seg_scale(v, 2);
      eq([...v], [2, 4, 6, 8, 10], "JS reads what Rust wrote");
      eq(v.isDisposed, false, "passing it does not end the view");
      const r = x.seg_make_f64(3);
      eq([r.kind, r.length, [...r]], ["segment", 3, [0, 0.5, 1]], "a Rust segment");
      eq(x.seg_ptr(r), r.typedArray().byteOffset, "passed back, no copy");
      eq(x.seg_sum(r), 1.5, "passed back");
      const e = runtime.allocSegment("f64", 0);
      eq(x.seg_sum(e), 0, "empty");
      for (const s of [v, r, e]) s.dispose();
      const u = x.seg_make(4);
      eq([u.elementType, [...u]], ["u16", [0, 1, 2, 3]], "Segment<u16>");
      u.dispose();
      throwsWith(() => runtime.allocSegment("f16", 1), TypeError, "unknown element type", "a bad type");
      throwsWith(() => runtime.allocSegment("f64", -1), RangeError, "not an element count", "a bad length");
      throwsWith(() => runtime.allocSegment("f64", 2 ** 29), RangeError, "cannot allocate", "too big");
    },
    segmentErrors() {
      const c0 = runtime.census().segments;
      const f32 = runtime.allocSegment("f32", 2);
      throwsWith(() => x.seg_sum(f32), TypeError, "expected a segment of f64, got one of f32", "wrong element type");
      const u16 = x.seg_make(2);
      throwsWith(() => x.seg_sum(u16), TypeError, "expected a segment of f64, got one of u16", "a Rust segment of u16");
      throwsWith(() => x.seg_sum(new Float64Array(2)), TypeError, "segment MemoryView", "a typed array");
      throwsWith(() => x.seg_sum([1, 2]), TypeError, "segment MemoryView", "an Array");
      throwsWith(() => x.seg_sum(null), TypeError, "segment MemoryView", "null");
      const d = runtime.allocSegment("f64", 2);
      d.dispose();
      throwsWith(() => x.seg_sum(d), Error, "disposed", "a disposed view");
      d.dispose();
      d.dispose();
      eq(d.isDisposed, true, "dispose twice: a no-op");
      f32.dispose();
      u16.dispose();
      u16.dispose();
      eq(runtime.census().segments, c0, "census back after errors");
      const ok = runtime.allocSegment("f64", 1);
      ok.set([3]);
      eq(x.seg_sum(ok), 3, "usable after errors");
      ok.dispose();
    },
    segmentLoops() {
      const js = runtime.census().segments;
      const rust = x.rust_segments();
      for (let i = 0; i < 10000; i++) {
        const a = runtime.allocSegment("f64", 4);
        a.set([i, 1, 2, 3]);
        if (x.seg_sum(a) !== i + 6) fail(`cycle ${i}`);
        a.dispose();
        const b = x.seg_make(3);
        b.dispose();
        b.dispose();
      }
      eq(runtime.census().segments, js, "JS census back to baseline");
      eq(x.rust_segments(), rust, "Rust census back to baseline");
    },
    neverStale() {
      const mem = runtime.memory;
      const v = runtime.allocSegment("f64", 8);
      const expect = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => i * 1.25);
      v.set(expect);
      const r = x.seg_make_f64(6);
      const rExpect = [0, 0.5, 1, 1.5, 2, 2.5];
      const i32 = runtime.allocSegment("i32", 4);
      i32.set([-1, 2, -3, 4]);
      const i64 = runtime.allocSegment("i64", 3);
      i64.set([1n, -(2n ** 63n), 2n ** 63n - 1n]);
      const bigCheck = (what) => {
        eq([...i64], [1n, -(2n ** 63n), 2n ** 63n - 1n], `${what}: i64`);
        eq(i64.at(-2), -(2n ** 63n), `${what}: i64 at`);
      };
      const old = v.typedArray();
      const before = mem.buffer.byteLength;
      const all = (what) => {
        checkMembers(v, expect, `${what}: JS segment`);
        checkMembers(r, rExpect, `${what}: Rust segment`);
        checkMembers(i32, [-1, 2, -3, 4], `${what}: i32 segment`);
        bigCheck(what);
        eq(x.seg_sum(v), expect.reduce((a, b) => a + b), `${what}: Rust reads JS's writes`);
        x.seg_scale(r, 1);
      };
      all("before growth");
      x.grow_rust(64);
      if (mem.buffer.byteLength < before + 64 * 2 ** 20) fail(`memory did not grow: ${before} → ${mem.buffer.byteLength}`);
      eq(old.length, 0, "a typed array taken before growth is detached (as documented)");
      all("after Rust grew the memory by 64 MiB");
      const b2 = mem.buffer.byteLength;
      mem.grow(16);
      eq(mem.buffer.byteLength, b2 + 16 * 65536, "JS grew the memory");
      all("after memory.grow(16)");
      // Growth in the middle of an iteration.
      const seen = [];
      for (const e of v) {
        if (seen.length === 3) mem.grow(1);
        if (seen.length === 5) x.grow_rust(1);
        seen.push(e);
      }
      eq(seen, expect, "iteration across growth");
      // Rust writes after growth; JS reads them through the same view.
      x.seg_scale(v, 2);
      eq([...v], expect.map((e) => e * 2), "Rust's writes after growth");
      x.free_hoard();
      for (const s of [v, r, i32, i64]) s.dispose();
    },
    corruptArchives() {
      const poisonedBefore = runtime.poisoned;
      const toSeg = (bytes) => {
        const s = runtime.allocSegment("u8", bytes.length);
        s.set(bytes);
        return s;
      };
      const read = (bytes, f = x.read_people) => {
        const s = toSeg(bytes);
        try {
          return f(s);
        } finally {
          s.dispose();
        }
      };
      const good = x.people_archive();
      eq(good instanceof Uint8Array, true, "a copy of Rust's archive");
      const expected = "Ada/36/London/-|Grace Brewster Murray Hopper/85/New York City, New York/g@navy.mil|Zoë Ødegård — 日本語 𝄞/0/Ålesund/zoë@exämple.org";
      eq(read(good), expected, "a valid archive JS copied is read correctly");
      const n = good.length;
      const root = n - 8; // Vec<Person> root: i32 offset, u32 length
      const bad = (what, mutate) => {
        const b = good.slice();
        const c = mutate(b) ?? b;
        throwsWith(() => read(c), Error, "invalid bytes", what);
      };
      const dv = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
      bad("root offset past the end", (b) => dv(b).setInt32(root, 1000000, true));
      bad("root offset before the start", (b) => dv(b).setInt32(root, -n - 64, true));
      bad("root offset misaligned", (b) => dv(b).setInt32(root, dv(b).getInt32(root, true) + 1, true));
      bad("root length too long", (b) => dv(b).setUint32(root + 4, 1000, true));
      bad("root length huge", (b) => dv(b).setUint32(root + 4, 0xffffffff, true));
      bad("truncated at the end", (b) => b.slice(0, n - 8));
      bad("truncated to 4 bytes", (b) => b.slice(0, 4));
      bad("empty", () => new Uint8Array(0));
      bad("truncated at the start", (b) => b.slice(8));
      // Every single byte flipped: an Err or a (wrong but safe) value, never a panic.
      let errs = 0;
      for (let i = 0; i < n; i++) {
        const b = good.slice();
        b[i] ^= 0xff;
        try {
          read(b);
        } catch (e) {
          if (!String(e.message).includes("invalid bytes")) fail(`byte ${i}: ${e.message}`);
          errs++;
        }
      }
      if (errs === 0) fail("no flipped byte was caught");
      // Tags: bool, Option, and UTF-8 of a string, at the offsets the layout descriptor gives.
      const layout = JSON.parse(x.flags_layout());
      const off = (name) => layout.fields.find((f) => f.name === name).offset;
      const flags = x.flags_archive(true, 5, "a label long enough to be out of line");
      const froot = flags.length - layout.size;
      eq(read(flags, x.read_flags), "true:Some(5):a label long enough to be out of line", "valid flags");
      const badFlags = (what, mutate) => {
        const b = flags.slice();
        mutate(b);
        throwsWith(() => read(b, x.read_flags), Error, "invalid bytes", what);
      };
      badFlags("bool tag 2", (b) => { b[froot + off("on")] = 2; });
      badFlags("bool tag 0xff", (b) => { b[froot + off("on")] = 0xff; });
      badFlags("option tag 7", (b) => { b[froot + off("maybe")] = 7; });
      badFlags("invalid UTF-8", (b) => {
        const at = b.indexOf(0x61); // the label's first byte, 'a', before the root
        if (at < 0 || at >= froot) fail("label bytes not found");
        b[at] = 0xff;
      });
      badFlags("string offset out of range", (b) => dv(b).setInt32(froot + off("label") + 4, 1 << 20, true));
      eq(read(flags, x.read_flags), "true:Some(5):a label long enough to be out of line", "usable after errors");
      eq(read(good), expected, "still reads a valid archive");
      eq(runtime.poisoned, poisonedBefore, "no panic poisoned the instance");
    },
    podRoundTrip() {
      const d = JSON.parse(x.every_layout());
      eq([d.type, d.kind, d.name, d.size, d.align], ["record", "pod", "Every", 64, 8], "the layout descriptor");
      const every = (i) => ({
        f_f64: 0.5 + i,
        f_u64: 2n ** 64n - 1n - BigInt(i),
        f_i64: -(2n ** 63n) + BigInt(i),
        pos: [i, -1.5, 2.25],
        f_f32: -0.75,
        f_u32: 4000000000 + i,
        f_i32: -2000000000 - i,
        inner: { a: 65535 - i, b: -300 },
        f_u16: 60000,
        f_i16: -30000,
        f_u8: 250 + i,
        f_i8: -128 + i,
        pad: [0, 0, 0, 0, 0, 0],
      });
      const SET = {
        u8: "setUint8", i8: "setInt8", u16: "setUint16", i16: "setInt16", u32: "setUint32",
        i32: "setInt32", u64: "setBigUint64", i64: "setBigInt64", f32: "setFloat32", f64: "setFloat64",
      };
      const write = (view, at, t, v) => {
        if (t.type === "record") {
          for (const f of t.fields) write(view, at + f.offset, f.type, v[f.name]);
        } else if (t.type === "array") {
          for (let k = 0; k < t.len; k++) write(view, at + k * t.of.size, t.of, v[k]);
        } else {
          if (SET[t.type] === undefined) fail(`no setter for ${t.type}`);
          view[SET[t.type]](at, v, true);
        }
      };
      const n = 3;
      const s = runtime.allocSegment("u8", n * d.size);
      const ta = s.typedArray();
      const view = new DataView(ta.buffer, ta.byteOffset, ta.byteLength);
      for (let i = 0; i < n; i++) write(view, i * d.size, d, every(i));
      eq(x.read_every(s), `3 records at 0x${ta.byteOffset.toString(16)}`, "Rust reads JS's records in place");
      s.dispose();
      const odd = runtime.allocSegment("u8", d.size + 1);
      throwsWith(() => x.read_every(odd), Error, "records of Every", "a length not a multiple of the size");
      odd.dispose();
      const empty = runtime.allocSegment("u8", 0);
      eq(x.read_every(empty).startsWith("0 records"), true, "no records");
      empty.dispose();
    },
  };
  const c = checks[name];
  if (c === undefined) fail(`no view check ${name}`);
  c();
}

export async function runViewCheckAsync(runtime, name) {
  const x = runtime.exports;
  const checks = {
    async segmentAsyncExport() {
      const js = runtime.census().segments;
      const p = x.seg_async(3);
      eq(p instanceof Promise, true, "an async export returns a promise");
      const v = await p;
      eq([v.kind, v.elementType, [...v]], ["segment", "f64", [0.25, 1.25, 2.25]], "the promise's segment");
      eq(x.seg_sum(v), 3.75, "passed back");
      await sleep(1);
      eq([...v], [0.25, 1.25, 2.25], "alive until disposed");
      v.dispose();
      eq(runtime.census().segments, js, "disposed");
    },
  };
  const c = checks[name];
  if (c === undefined) fail(`no async view check ${name}`);
  await c();
}

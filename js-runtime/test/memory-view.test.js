import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { MemoryView, SegmentRegistry, VIEW_TYPES, elemTypeOfCode, spanView } from "../src/memory-view.js";
import { SlotwireError } from "../src/errors.js";
import { Heap, T, typeName } from "../src/slot.js";
import { assertOptimizedAcrossGc, makeMemory, PAGE, throwsWith } from "./helpers.js";

const GUARD = 0xab;
const GUARD_BYTES = 16;

/** Four values of each element type that survive a round trip, and a typed array of another type. */
const SAMPLES = {
  u8: { values: [0, 1, 200, 255], other: Int8Array },
  i8: { values: [-128, -1, 5, 127], other: Uint8Array },
  u16: { values: [0, 1, 0x1234, 0xffff], other: Int16Array },
  i16: { values: [-0x8000, -2, 300, 0x7fff], other: Uint16Array },
  u32: { values: [0, 1, 0xdeadbeef, 0xffffffff], other: Int32Array },
  i32: { values: [-0x80000000, -3, 70000, 0x7fffffff], other: Float32Array },
  u64: { values: [0n, 1n, 2n ** 53n + 1n, 2n ** 64n - 1n], other: BigInt64Array },
  i64: { values: [-(2n ** 63n), -1n, 2n ** 60n, 2n ** 63n - 1n], other: BigUint64Array },
  f32: { values: [1.5, -0.25, 2 ** 100, -Infinity], other: Float64Array },
  f64: { values: [Math.PI, -0, 1e300, NaN], other: Float32Array },
};

/**
 * A view of `length` elements of `type` at a fresh aligned address, with GUARD bytes on both
 * sides; `guardsIntact()` checks them.
 */
function place(type, length = 4, { kind = "segment", onDispose = null, memory = makeMemory() } = {}) {
  const size = VIEW_TYPES[type].size;
  const ptr = 1024; // aligned for every type
  const u8 = new Uint8Array(memory.buffer);
  u8.fill(GUARD, ptr - GUARD_BYTES, ptr + length * size + GUARD_BYTES);
  u8.fill(0, ptr, ptr + length * size);
  const view = new MemoryView(memory, ptr, length, type, kind, onDispose);
  const guardsIntact = () => {
    const b = new Uint8Array(memory.buffer);
    for (let i = 1; i <= GUARD_BYTES; i++) {
      assert.equal(b[ptr - i], GUARD, `guard byte ${i} before the view`);
      assert.equal(b[ptr + length * size + i - 1], GUARD, `guard byte ${i} after the view`);
    }
  };
  /** The elements as they are in memory, read independently of MemoryView. */
  const read = () => Array.from(new VIEW_TYPES[type].ctor(memory.buffer, ptr, length));
  const bytes = () => Array.from(new Uint8Array(memory.buffer, ptr, length * size));
  return { memory, ptr, view, guardsIntact, read, bytes };
}

function typed(type, values) {
  return new VIEW_TYPES[type].ctor(values);
}

describe("element types", () => {
  test("VIEW_TYPES: constructor, size and slot type code of every type", () => {
    assert.deepEqual(Object.keys(VIEW_TYPES), ["u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "f32", "f64"]);
    for (const [name, t] of Object.entries(VIEW_TYPES)) {
      assert.equal(t.name, name);
      assert.equal(t.size, t.ctor.BYTES_PER_ELEMENT, name);
      assert.equal(t.code, T[name], `${name} has slot.js's code`);
      assert.equal(typeName(t.code), name);
      assert.equal(elemTypeOfCode(t.code), name);
      assert.ok(Object.isFrozen(t));
    }
    assert.ok(Object.isFrozen(VIEW_TYPES));
  });

  test("elemTypeOfCode: a code that is not an element type is a SlotwireError", () => {
    for (const code of [T.void, T.bool, T.char, T.usize, T.string, T.span, 200, -1, "2"]) {
      throwsWith(assert, () => elemTypeOfCode(code), SlotwireError, "not a view element type");
    }
  });
});

describe("MemoryView, every element type", () => {
  for (const type of Object.keys(SAMPLES)) {
    const { values, other } = SAMPLES[type];
    const size = VIEW_TYPES[type].size;

    test(`${type}: length, byteLength, elementType, kind, set, get, at, slice, copyTo, typedArray, iterator`, () => {
      const { view, read, guardsIntact } = place(type);
      assert.equal(view.length, 4);
      assert.equal(view.byteLength, 4 * size);
      assert.equal(view.elementType, type);
      assert.equal(view.kind, "segment");
      assert.equal(view.isDisposed, false);
      assert.equal(Object.prototype.toString.call(view), "[object MemoryView]");
      assert.equal(String(view), `MemoryView(segment of 4 ${type})`);

      view.set(typed(type, values));
      assert.deepEqual(read(), values, "set(typed array) wrote the elements");
      guardsIntact();
      for (let i = 0; i < 4; i++) {
        assert.ok(Object.is(view.get(i), values[i]), `get(${i})`);
        assert.ok(Object.is(view.at(i), values[i]), `at(${i})`);
        assert.ok(Object.is(view.at(i - 4), values[i]), `at(${i - 4})`);
      }
      assert.deepEqual([...view], values, "iterator");

      const all = view.slice();
      assert.equal(all.constructor, VIEW_TYPES[type].ctor);
      assert.deepEqual(Array.from(all), values);
      assert.notEqual(all.buffer, view.typedArray().buffer, "slice is a copy");
      all[0] = all[1];
      assert.ok(Object.is(view.get(0), values[0]), "writing the slice leaves the memory alone");
      assert.deepEqual(Array.from(view.slice(1)), values.slice(1));
      assert.deepEqual(Array.from(view.slice(1, 3)), values.slice(1, 3));
      assert.deepEqual(Array.from(view.slice(-2)), values.slice(-2));
      assert.deepEqual(Array.from(view.slice(0, -1)), values.slice(0, -1));
      assert.deepEqual(Array.from(view.slice(3, 1)), []);
      assert.deepEqual(Array.from(view.slice(-100, 100)), values, "clamped");

      const target = new VIEW_TYPES[type].ctor(4);
      view.copyTo(target);
      assert.deepEqual(Array.from(target), values);

      const ta = view.typedArray();
      assert.equal(ta.constructor, VIEW_TYPES[type].ctor);
      assert.equal(ta.length, 4);
      assert.equal(ta.buffer, view.typedArray().buffer, "over the wasm memory");
      ta[2] = values[0];
      assert.ok(Object.is(view.get(2), values[0]), "typedArray() is zero-copy");
      guardsIntact();
    });

    test(`${type}: set from an Array, at an offset, from another MemoryView`, () => {
      const { view, read, guardsIntact, memory } = place(type);
      view.set(values.slice(0, 2), 2);
      const zero = VIEW_TYPES[type].big ? 0n : 0;
      assert.deepEqual(read(), [zero, zero, ...values.slice(0, 2)]);
      view.set(values);
      assert.deepEqual(read(), values);
      view.set([], 4);
      assert.deepEqual(read(), values, "an empty source at the end writes nothing");
      // Another view of the same type, elsewhere in the same memory.
      const size = VIEW_TYPES[type].size;
      const other = new MemoryView(memory, 4096, 2, type, "span");
      other.set(values.slice(2));
      view.set(other, 1);
      assert.deepEqual(read(), [values[0], values[2], values[3], values[3]]);
      guardsIntact();
      const wrong = new MemoryView(memory, 4096, 1, type === "u8" ? "i8" : "u8", "span");
      throwsWith(assert, () => view.set(wrong), TypeError, `MemoryView of ${type}`);
      assert.equal(size, VIEW_TYPES[type].size);
    });

    test(`${type}: wrong source types, bad offsets and sources that do not fit write nothing`, () => {
      const { view, read, guardsIntact } = place(type);
      view.set(typed(type, values));
      const ctorName = VIEW_TYPES[type].ctor.name;
      throwsWith(assert, () => view.set(new other(4)), TypeError, "MemoryView.set", ctorName, other.name);
      throwsWith(assert, () => view.set(new DataView(new ArrayBuffer(8))), TypeError, "MemoryView.set");
      throwsWith(assert, () => view.set("abcd"), TypeError, "MemoryView.set");
      throwsWith(assert, () => view.set(null), TypeError, "MemoryView.set");
      throwsWith(assert, () => view.set({ length: 1, 0: values[0] }), TypeError, "MemoryView.set");
      throwsWith(assert, () => view.set(typed(type, values), "1"), TypeError, "targetOffset");
      for (const off of [-1, 5, 1.5, NaN, Infinity]) {
        throwsWith(assert, () => view.set(typed(type, values.slice(0, 0)), off), RangeError, "targetOffset", "[0, 4]");
      }
      throwsWith(assert, () => view.set(typed(type, [...values, values[0]])), RangeError, "5 elements do not fit at offset 0");
      throwsWith(assert, () => view.set(typed(type, values.slice(0, 2)), 3), RangeError, "2 elements do not fit at offset 3");
      throwsWith(assert, () => view.set(values.slice(0, 2), 3), RangeError, "do not fit");
      assert.deepEqual(read(), values, "nothing written");
      guardsIntact();
    });

    test(`${type}: copyTo follows .NET (everything from sourceOffset, into target[0..])`, () => {
      const { view } = place(type);
      view.set(typed(type, values));
      const ctor = VIEW_TYPES[type].ctor;
      const sentinel = values[0];

      const t1 = new ctor(6).fill(sentinel);
      view.copyTo(t1, 1);
      assert.deepEqual(Array.from(t1), [...values.slice(1), sentinel, sentinel, sentinel], "3 copied, the rest untouched");

      const t2 = new ctor(0);
      view.copyTo(t2, 4);
      assert.equal(t2.length, 0, "offset = length copies nothing");

      const short = new ctor(3).fill(sentinel);
      throwsWith(assert, () => view.copyTo(short), RangeError, "a target of 3 elements cannot hold the 4 from offset 0");
      assert.deepEqual(Array.from(short), [sentinel, sentinel, sentinel], "nothing written to a short target");
      throwsWith(assert, () => view.copyTo(new other(4)), TypeError, "MemoryView.copyTo", ctor.name);
      throwsWith(assert, () => view.copyTo([0, 0, 0, 0]), TypeError, "MemoryView.copyTo");
      for (const off of [-1, 5, 0.5]) {
        throwsWith(assert, () => view.copyTo(new ctor(4), off), RangeError, "sourceOffset");
      }
      throwsWith(assert, () => view.copyTo(new ctor(4), "0"), TypeError, "sourceOffset");
    });

    test(`${type}: get/at out of range are RangeErrors`, () => {
      const { view } = place(type);
      for (const i of [4, -1, 1.5, NaN, 2 ** 40]) throwsWith(assert, () => view.get(i), RangeError, "MemoryView.get", "out of range");
      for (const i of [4, -5, 0.5]) throwsWith(assert, () => view.at(i), RangeError, "MemoryView.at", "out of range");
      throwsWith(assert, () => view.get("0"), TypeError, "MemoryView.get");
      throwsWith(assert, () => view.at(undefined), TypeError, "MemoryView.at");
      throwsWith(assert, () => view.slice("1"), TypeError, "MemoryView.slice");
      throwsWith(assert, () => view.slice(0, {}), TypeError, "MemoryView.slice");
    });
  }
});

describe("Array sources are checked before anything is written", () => {
  const cases = [
    ["u8", [1, 300], RangeError, "element 1", "300 is out of range for u8"],
    ["u8", [1, -1], RangeError, "out of range"],
    ["i8", [1, 128], RangeError, "out of range"],
    ["i32", [1, 1.5], RangeError, "1.5 is out of range for i32"],
    ["u32", [NaN], RangeError, "out of range"],
    ["u16", [1, "2"], TypeError, "element 1", "a number for u16"],
    ["i32", [1n], TypeError, "a number for i32", "bigint 1n"],
    ["f32", [null], TypeError, "a number for f32"],
    ["i64", [1n, 2 ** 53], TypeError, "element 1", "a bigint (or a safe integer) for i64"],
    ["i64", [2n ** 63n], RangeError, "out of range for i64"],
    ["u64", [-1n], RangeError, "out of range for u64"],
    ["u64", [1.5], TypeError, "for u64"],
  ];
  for (const [type, source, Class, ...fragments] of cases) {
    test(`${type} ← [${source.map(String)}]: ${Class.name}`, () => {
      const { view, read, guardsIntact } = place(type);
      const before = read();
      throwsWith(assert, () => view.set(source), Class, "MemoryView.set", ...fragments);
      assert.deepEqual(read(), before, "nothing written");
      guardsIntact();
    });
  }

  test("floats take any number (NaN, ±Infinity, -0); 64-bit views take safe-integer numbers", () => {
    const f = place("f64");
    f.view.set([NaN, -Infinity, -0, 1e-310]);
    assert.deepEqual(f.read(), [NaN, -Infinity, -0, 1e-310]);
    const i = place("i64");
    i.view.set([-(2 ** 53) + 1, 7, 2n, 0]);
    assert.deepEqual(i.read(), [-(2n ** 53n) + 1n, 7n, 2n, 0n]);
  });
});

describe("construction", () => {
  test("checks its arguments; accepts a Heap for the memory", () => {
    const memory = makeMemory();
    const size = memory.buffer.byteLength;
    throwsWith(assert, () => new MemoryView(memory, 2, 1, "i32", "span"), RangeError, "not aligned to 4 bytes");
    throwsWith(assert, () => new MemoryView(memory, 4, 1, "f64", "span"), RangeError, "not aligned to 8 bytes");
    throwsWith(assert, () => new MemoryView(memory, size - 4, 2, "i32", "span"), RangeError, "outside the memory");
    throwsWith(assert, () => new MemoryView(memory, -8, 1, "u8", "span"), RangeError, "not an address");
    throwsWith(assert, () => new MemoryView(memory, 8, -1, "u8", "span"), RangeError, "not an element count");
    throwsWith(assert, () => new MemoryView(memory, 8, 1, "u128", "span"), TypeError, "element type");
    throwsWith(assert, () => new MemoryView(memory, 8, 1, "toString", "span"), TypeError, "element type");
    throwsWith(assert, () => new MemoryView(memory, 8, 1, "u8", "array"), TypeError, "kind");
    throwsWith(assert, () => new MemoryView({}, 8, 1, "u8", "span"), TypeError, "WebAssembly.Memory");
    throwsWith(assert, () => new MemoryView(memory, 8, 1, "u8", "span", 5), TypeError, "onDispose");
    const end = new MemoryView(memory, size - 8, 1, "f64", "span");
    assert.equal(end.byteLength, 8, "a view may end at the end of the memory");
    const empty = new MemoryView(memory, size, 0, "u8", "span");
    assert.deepEqual([...empty], []);
    assert.equal(empty.slice().length, 0);
    const viaHeap = new MemoryView(new Heap(memory), 16, 2, "u16", "span");
    viaHeap.set([1, 2]);
    assert.deepEqual(Array.from(new Uint16Array(memory.buffer, 16, 2)), [1, 2]);
  });
});

describe("disposal", () => {
  /** Calls every member that must throw after disposal; returns the errors. */
  function everyMember(view) {
    const ta = new Int32Array(4);
    const calls = {
      length: () => view.length,
      byteLength: () => view.byteLength,
      elementType: () => view.elementType,
      kind: () => view.kind,
      set: () => view.set(ta),
      copyTo: () => view.copyTo(ta),
      slice: () => view.slice(),
      get: () => view.get(0),
      at: () => view.at(0),
      typedArray: () => view.typedArray(),
      "[Symbol.iterator]": () => [...view],
    };
    return Object.entries(calls).map(([name, f]) => [name, f]);
  }

  test("a segment: dispose() calls onDispose once; every member then throws SlotwireError", () => {
    const calls = [];
    const { view, read } = place("i32", 4, { onDispose: (v) => calls.push(v) });
    view.set([1, 2, 3, 4]);
    view.dispose();
    view.dispose();
    assert.deepEqual(calls, [view], "onDispose called once, with the view");
    assert.equal(view.isDisposed, true);
    for (const [name, f] of everyMember(view)) {
      const e = throwsWith(assert, f, SlotwireError, `MemoryView.${name}`, "(segment of 4 i32) was disposed");
      assert.ok(!e.message.includes("during the call"), e.message);
    }
    assert.equal(String(view), "MemoryView(disposed segment of 4 i32)", "toString still works");
    assert.equal(Object.prototype.toString.call(view), "[object MemoryView]");
    assert.deepEqual(read(), [1, 2, 3, 4], "disposal does not touch the memory");
  });

  test("a span: the runtime's dispose() after the call; the message says why", () => {
    const { view } = place("i32", 4, { kind: "span" });
    assert.equal(view.kind, "span");
    view.dispose(); // what the runtime does when the call returns
    for (const [name, f] of everyMember(view)) {
      throwsWith(assert, f, SlotwireError, `MemoryView.${name}`, "span of 4 i32", "valid only during the call that passed it");
    }
    view.dispose(); // the user's own dispose() as well: a no-op
    assert.equal(view.isDisposed, true);
  });

  test("disposed mid-iteration: the iterator throws on its next step", () => {
    const { view } = place("u8", 4, { kind: "span" });
    view.set([1, 2, 3, 4]);
    const seen = [];
    assert.throws(() => {
      for (const x of view) {
        seen.push(x);
        if (x === 2) view.dispose();
      }
    }, SlotwireError);
    assert.deepEqual(seen, [1, 2]);
  });

  test("a disposed view as the source of set() is an error", () => {
    const { view, memory } = place("u8");
    const src = new MemoryView(memory, 4096, 2, "u8", "span");
    src.dispose();
    throwsWith(assert, () => view.set(src), SlotwireError, "was disposed");
  });
});

describe("never stale: memory.grow does not break a view", () => {
  for (const type of ["u8", "i32", "u64", "f64"]) {
    test(`${type}: every member reads and writes the right bytes after growth`, () => {
      const { values } = SAMPLES[type];
      const { view, memory, read, guardsIntact } = place(type);
      view.set(typed(type, values));
      const old = memory.buffer;
      const held = new Uint8Array(old);
      memory.grow(3);
      assert.equal(old.byteLength, 0, "the old buffer is detached");
      assert.equal(held.length, 0, "a cached typed array reads nothing (wasm-bindgen #1668)");

      assert.equal(view.length, 4);
      assert.equal(view.byteLength, 4 * VIEW_TYPES[type].size);
      assert.ok(Object.is(view.get(3), values[3]));
      assert.ok(Object.is(view.at(-4), values[0]));
      assert.deepEqual(Array.from(view.slice()), values);
      assert.deepEqual([...view], values);
      const t = new VIEW_TYPES[type].ctor(4);
      view.copyTo(t);
      assert.deepEqual(Array.from(t), values);
      assert.equal(view.typedArray().length, 4);

      memory.grow(1);
      const rev = [...values].reverse();
      view.set(typed(type, rev));
      assert.deepEqual(read(), rev, "set after growth writes the live memory");
      memory.grow(1);
      view.set(rev.slice(0, 1), 3);
      assert.ok(Object.is(read()[3], rev[0]));
      guardsIntact();
    });
  }

  test("the iterator re-derives its typed array when the memory grows mid-loop", () => {
    const { view, memory } = place("i32");
    view.set([10, 20, 30, 40]);
    const seen = [];
    for (const x of view) {
      seen.push(x);
      if (x === 20) memory.grow(2);
    }
    assert.deepEqual(seen, [10, 20, 30, 40]);
  });

  test("typedArray() is fresh each time; one taken before growth is stale (documented)", () => {
    const { view, memory } = place("u8");
    const before = view.typedArray();
    memory.grow(1);
    assert.equal(before.length, 0);
    assert.equal(view.typedArray().length, 4);
    assert.equal(memory.buffer.byteLength, 3 * PAGE);
  });

  test("set(MemoryView) over overlapping bytes of the same memory copies as if through a temporary", () => {
    const memory = makeMemory();
    const a = new MemoryView(memory, 64, 4, "u8", "span");
    const b = new MemoryView(memory, 65, 4, "u8", "span");
    a.set([1, 2, 3, 4]);
    b.set(a);
    assert.deepEqual(Array.from(new Uint8Array(memory.buffer, 64, 5)), [1, 1, 2, 3, 4]);
  });
});

describe("SegmentRegistry", () => {
  test("view(): dispose() frees the handle once; live counts; handleOf", () => {
    const freed = [];
    const reg = new SegmentRegistry((h) => freed.push(h));
    const memory = makeMemory();
    const v = reg.view(memory, 128, 4, "f32", 7);
    const w = reg.view(memory, 256, 2, "u8", 8);
    assert.equal(v.kind, "segment");
    assert.equal(reg.live, 2);
    assert.equal(reg.handleOf(v), 7);
    v.dispose();
    v.dispose();
    assert.deepEqual(freed, [7]);
    assert.equal(reg.live, 1);
    throwsWith(assert, () => reg.handleOf(v), SlotwireError, "not a live segment");
    throwsWith(assert, () => reg.handleOf({}), SlotwireError, "not a live segment");
    reg.release(v); // a second release: nothing
    assert.deepEqual(freed, [7]);
    w.dispose();
    assert.deepEqual(freed, [7, 8]);
    assert.equal(reg.live, 0);
  });

  test("register() checks its arguments", () => {
    const reg = new SegmentRegistry(() => {});
    const memory = makeMemory();
    const v = new MemoryView(memory, 0, 1, "u8", "segment", (x) => reg.release(x));
    reg.register(v, 3);
    throwsWith(assert, () => reg.register(v, 4), SlotwireError, "registered already");
    throwsWith(assert, () => reg.register(new MemoryView(memory, 0, 1, "u8", "span"), 5), TypeError, "expected a segment");
    throwsWith(assert, () => reg.register({}, 5), TypeError, "a MemoryView");
    const fresh = new MemoryView(memory, 0, 1, "u8", "segment");
    throwsWith(assert, () => reg.register(fresh, 0), RangeError, "not a handle");
    throwsWith(assert, () => reg.register(fresh, 2 ** 32), RangeError, "not a handle");
    const gone = new MemoryView(memory, 0, 1, "u8", "segment");
    gone.dispose();
    throwsWith(assert, () => reg.register(gone, 6), SlotwireError, "was disposed");
    throwsWith(assert, () => new SegmentRegistry(), TypeError, "free function");
  });

  test("a segment view collected without dispose() is freed by the FinalizationRegistry", { skip: typeof gc !== "function" && "needs --expose-gc" }, async () => {
    const freed = [];
    const reg = new SegmentRegistry((h) => freed.push(h));
    const memory = makeMemory();
    (() => {
      reg.view(memory, 64, 4, "u32", 11);
      reg.view(memory, 128, 4, "u32", 12).dispose();
    })();
    for (let i = 0; i < 50 && !freed.includes(11); i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(freed.includes(11), `collected view freed (freed: ${freed})`);
    assert.equal(freed.filter((h) => h === 12).length, 1, "a disposed one is not freed twice");
    assert.equal(freed.length, 2);
    assert.equal(reg.live, 0);
  });
});

describe("spanView (the runtime's unchecked constructor for spans)", () => {
  test("reads through the given whole-memory array, survives growth, is a read-only span", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    new Float64Array(memory.buffer, 64, 3).set([1.5, -2, 3]);
    const v = spanView(memory, 64, 3, VIEW_TYPES.f64, true, new Float64Array(memory.buffer));
    assert.equal(v.kind, "span");
    assert.equal(v.readOnly, true);
    assert.deepEqual([v.get(0), v.at(-1), v.length], [1.5, 3, 3]);
    memory.grow(1); // the array given is detached now
    assert.equal(v.get(1), -2);
    assert.throws(() => v.set([1]), TypeError);
    const w = spanView(memory, 64, 3, VIEW_TYPES.f64, false); // no array given: made on first read
    w.set([7], 2);
    assert.equal(v.get(2), 7);
    v.dispose();
    assert.throws(() => v.get(0), /valid only during the call/);
  });

  test("a span kept past its call stays ended when a later call's span reuses its state", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const u8 = new Uint8Array(memory.buffer);
    u8.set([1, 2, 3], 100);
    u8.set([9, 8, 7, 6], 200);
    const kept = spanView(memory, 100, 3, VIEW_TYPES.u8, false);
    assert.equal(kept.get(0), 1);
    kept.dispose(); // its call returned
    // Later calls reuse the ended span's state (one small view object per call).
    const spans = [];
    for (let i = 0; i < 4; i++) {
      const v = spanView(memory, 200, 4, VIEW_TYPES.u8, true);
      spans.push(v);
      assert.deepEqual([v.get(0), v.length, v.readOnly], [9, 4, true], "the new call's region");
      assert.throws(() => kept.get(0), SlotwireError, "the kept span is still ended");
      assert.throws(() => kept.set([5]), SlotwireError, "and cannot write the new call's data");
      assert.equal(kept.isDisposed, true);
      assert.equal(String(kept), "MemoryView(disposed span of 3 u8)", "it still names itself");
      v.dispose();
      assert.throws(() => v.get(0), SlotwireError);
    }
    assert.deepEqual([...u8.subarray(100, 103)], [1, 2, 3], "nothing written through the kept span");
    // Disposed by JS during its call, then by the runtime when the call returns: the second
    // dispose does nothing, and the state is not handed to two later spans at once.
    const early = spanView(memory, 100, 3, VIEW_TYPES.u8, true);
    early.dispose();
    const a = spanView(memory, 100, 3, VIEW_TYPES.u8, true);
    early.dispose();
    const b = spanView(memory, 200, 4, VIEW_TYPES.u8, true);
    assert.deepEqual([a.get(0), a.length, b.get(0), b.length], [1, 3, 9, 4], "two live spans, two states");
    a.dispose();
    assert.equal(b.get(3), 6, "ending one does not end the other");
    b.dispose();
    for (const v of spans) assert.equal(v.isDisposed, true);
  });
});

describe("a full GC keeps span code optimized", () => {
  // V8 frees the maps of a class's instances once none is alive, and optimized code that used
  // those maps is thrown away at that GC ("weak objects"): without a view kept alive by the
  // runtime, every major GC of an app that keeps no span deoptimized its span imports. The child
  // forces the optimization of a span loop, lets every view die, collects, and reports.
  for (const which of ["src", "bundle"]) {
    test(`spans made, read and disposed per call, then a full GC (${which})`, () => {
      assertOptimizedAcrossGc("span-maps-gc.mjs", [which]);
    });
  }
});

// Thirteenth adversarial pass (K6): copyTo called user code of its target with a zero-copy array
// over Rust's buffer (a read-only span written, a segment's memory kept past dispose).
test("MemoryView: copyTo never lets user code write a read-only span (rule 6)", () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  new Uint8Array(memory.buffer).set([1, 2, 3, 4], 64);
  const view = spanView(memory, 64, 4, VIEW_TYPES.u8, true); // a Rust &[u8]
  const target = new Uint8Array(4);
  let kept = null;
  Object.defineProperty(target, "set", { value(src) { kept = src; src[0] = 99; } });
  try { view.copyTo(target); } catch { /* whatever it says */ }
  assert.equal(new Uint8Array(memory.buffer)[64], 1, "the &[u8] was written through copyTo's target");
  assert.equal(kept, null, "user code got a typed array over the view");
});

test("MemoryView: copyTo hands out no typed array that outlives a segment's dispose", () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const freed = [];
  const reg = new SegmentRegistry((h) => freed.push(h));
  const view = reg.view(memory, 128, 4, "u8", 5);
  const target = new Uint8Array(4);
  let kept = null;
  Object.defineProperty(target, "set", { value(src) { kept = src; } });
  try { view.copyTo(target); } catch { /* whatever it says */ }
  view.dispose(); // Rust may free the buffer now
  assert.deepEqual(freed, [5]);
  if (kept !== null) kept[0] = 77; // memory Rust freed
  assert.equal(new Uint8Array(memory.buffer)[128], 0, "a typed array from copyTo wrote after dispose");
});

test("MemoryView: copyTo runs no user code of the target (its getters are never read)", () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  new Uint8Array(memory.buffer).set([9, 9, 9, 9], 256);
  const view = spanView(memory, 256, 4, VIEW_TYPES.u8, false);
  const target = new Uint8Array(4);
  let ran = false;
  Object.defineProperty(target, "length", { get() { ran = true; view.dispose(); return 4; } });
  view.copyTo(target);
  assert.equal(ran, false, "copyTo read the target's own length");
  assert.deepEqual(Array.from(new Uint8Array(target.buffer)), [9, 9, 9, 9]);
});

test("MemoryView: slice and set use no species or patched prototype method", () => {
  const memory = new WebAssembly.Memory({ initial: 1 });
  new Uint8Array(memory.buffer).set([1, 2, 3, 4, 5], 512);
  const view = spanView(memory, 512, 5, VIEW_TYPES.u8, false);
  const proto = Object.getPrototypeOf(Uint8Array.prototype);
  const saved = Object.getOwnPropertyDescriptor(Uint8Array.prototype, "constructor");
  const savedSet = proto.set;
  let ran = 0;
  Object.defineProperty(Uint8Array.prototype, "constructor", { get() { ran++; return Uint8Array; }, configurable: true });
  proto.set = function () { ran++; };
  try {
    assert.deepEqual(Array.from(view.slice(1, -1)), [2, 3, 4]);
    assert.deepEqual(Array.from(view.slice(-2)), [4, 5]);
    assert.deepEqual(Array.from(view.slice(4, 2)), []);
    assert.deepEqual(Array.from(view.slice(NaN, Infinity)), [1, 2, 3, 4, 5]);
    view.set([7], 0);
    assert.equal(new Uint8Array(memory.buffer)[512], 7);
  } finally {
    Object.defineProperty(Uint8Array.prototype, "constructor", saved);
    proto.set = savedSet;
  }
  assert.equal(ran, 0, "user code ran inside slice/set");
});

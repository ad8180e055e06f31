import { test, describe } from "node:test";
import assert from "node:assert/strict";

import * as slot from "../src/slot.js";
import { Heap, T, checkedSize, layoutWords, typeName } from "../src/slot.js";
import { POISON, bytes, dv, makeFakeWasm, makeMemory, setup } from "./helpers.js";

describe("slot.js constants", () => {
  test("the slot layout is engine/src/slot.rs's", () => {
    assert.equal(slot.SLOT_SIZE, 16);
    assert.equal(slot.OFFSET_VALUE, 0);
    assert.equal(slot.OFFSET_LEN, 8);
    assert.equal(slot.OFFSET_TYPE, 12);
    assert.equal(slot.OFFSET_ELEM, 13);
    assert.equal(slot.OFFSET_FLAGS, 14);
    assert.equal(slot.EXCEPTION, 0);
    assert.equal(slot.RESULT, 1);
    assert.equal(slot.ARG0, 2);
    assert.equal(slot.FLAG_NULL, 1);
    assert.equal(slot.FLAG_OWNED, 2);
    assert.equal(slot.NULLABLE, 0x80);
    assert.equal(slot.STATUS_OK, 0);
    assert.equal(slot.STATUS_EXCEPTION, 1);
    assert.equal(slot.EXPORT_PREFIX, "__slotwire_export__");
    assert.equal(slot.FAST_EXPORT_PREFIX, "__slotwire_fast__");
  });

  test("T: codes are unique, below NULLABLE, and frozen", () => {
    const codes = Object.values(T);
    assert.equal(new Set(codes).size, codes.length);
    for (const c of codes) assert.equal(c & slot.NULLABLE, 0, `code ${c} collides with NULLABLE`);
    assert.ok(Object.isFrozen(T));
    assert.throws(() => {
      "use strict";
      T.i32 = 99;
    }, TypeError);
    assert.equal(T.i32, 7);
    assert.equal(T.string, 17);
    assert.equal(T.i64_number, 15);
    assert.equal(T.any, 40);
  });

  test("layoutWords(): slot layout, flags, fast area, info records, then T in order", () => {
    const w = layoutWords();
    assert.deepEqual(w.slice(0, 13), [16, 0, 8, 12, 13, 14, 0, 1, 2, 1, 2, 0x80, 8]);
    // FLAG_PENDING; fast area: status/exception offsets, clear/threw/use-slots statuses, the
    // result-length and frame-generation offsets.
    assert.deepEqual(w.slice(13, 21), [4, 0, 8, 0, 1, 2, 4, 24]);
    // swBind's modes: slots, typed with handles, typed with externrefs.
    assert.deepEqual(w.slice(21, 24), [0, 1, 2]);
    // Info records: export (8 words), closure (5, then its two fast-word values, the function
    // bit and the i32 entry's use-slots result, i32::MIN as a u32), segment (3), object type
    // (2), each with its indices.
    assert.deepEqual(w.slice(24, 50), [8, 0, 1, 2, 3, 4, 5, 6, 7, 5, 0, 1, 2, 3, 4, 1, 2, 4, 2 ** 31, 3, 0, 1, 2, 2, 0, 1]);
    // MAX_ALLOC, ANY_MAX_DEPTH, HANDLE_KEY_BITS.
    assert.deepEqual(w.slice(50, 53), [0x7ffffff8, 64, 21]);
    const n = 53;
    assert.deepEqual(w.slice(n), Object.values(T));
    assert.equal(w.length, n + Object.keys(T).length);
    assert.deepEqual(w.slice(n, n + 3), [0, 1, 2]); // void, bool, u8 first: code order
    assert.notEqual(layoutWords(), layoutWords(), "a fresh array each time");
  });

  test("typeName names codes, nullable ones as Option<..>", () => {
    assert.equal(typeName(T.i32), "i32");
    assert.equal(typeName(T.i64_number), "i64_number");
    assert.equal(typeName(T.string | slot.NULLABLE), "Option<string>");
    assert.equal(typeName(T.void), "void");
    assert.equal(typeName(99), "?");
  });

  test("compound codes: the element's code sits in the bytes above (codeType, codeInner, typeName)", () => {
    const vecOptString = T.array | ((T.string | slot.NULLABLE) << 8);
    assert.equal(slot.codeType(vecOptString), T.array);
    assert.equal(slot.codeInner(vecOptString), T.string | slot.NULLABLE);
    assert.equal(typeName(vecOptString), "array<Option<string>>");
    const promiseOfVec = T.promise | (vecOptString << 8);
    assert.equal(typeName(promiseOfVec | slot.NULLABLE), "Option<promise<array<Option<string>>>>");
    assert.equal(slot.codeInner(slot.codeInner(promiseOfVec)), T.string | slot.NULLABLE);
  });
});

describe("Heap views", () => {
  test("views cover the whole memory and share its bytes", () => {
    const memory = makeMemory();
    const h = new Heap(memory);
    assert.equal(h.u8.buffer, memory.buffer);
    for (const k of ["u8", "i32", "u32", "f32", "f64", "i64", "u64"]) {
      assert.equal(h[k].byteLength, 2 * 65536, k);
    }
    h.i32[10] = -2;
    assert.equal(dv(memory).getInt32(40, true), -2);
    h.f64[8] = 1.25;
    assert.equal(dv(memory).getFloat64(64, true), 1.25);
    h.i64[9] = -3n;
    assert.equal(dv(memory).getBigInt64(72, true), -3n);
  });

  test("after memory.grow, check() re-derives every view over the new buffer", () => {
    const memory = makeMemory();
    const h = new Heap(memory);
    h.u32[100] = 0xdeadbeef;
    const before = h.u8;
    memory.grow(1);
    // The old views are detached: they read length 0 and writes through them are lost.
    assert.equal(h.u8.byteLength, 0);
    assert.equal(h.i32.length, 0);
    h.check();
    assert.notEqual(h.u8, before);
    assert.equal(h.u8.buffer, memory.buffer);
    for (const k of ["u8", "i32", "u32", "f32", "f64", "i64", "u64"]) {
      assert.equal(h[k].byteLength, 3 * 65536, k);
      assert.equal(h[k].buffer, memory.buffer, k);
    }
    // Old contents survive growth and are visible through the new views.
    assert.equal(h.u32[100], 0xdeadbeef);
    // Writes land in the right bytes, including in the new page.
    const top = 3 * 65536 - 16;
    h.i32[top >> 2] = -7;
    h.f64[(top + 8) >> 3] = -0.5;
    assert.equal(dv(memory).getInt32(top, true), -7);
    assert.equal(dv(memory).getFloat64(top + 8, true), -0.5);
    h.u8[2 * 65536] = 0xab;
    assert.equal(new Uint8Array(memory.buffer)[2 * 65536], 0xab);
  });

  test("check() keeps the views when the memory did not grow", () => {
    const h = new Heap(makeMemory());
    const u8 = h.u8;
    const i64 = h.i64;
    h.check();
    h.check();
    assert.equal(h.u8, u8);
    assert.equal(h.i64, i64);
  });

  test("check() after several grows sees the latest buffer", () => {
    const memory = makeMemory();
    const h = new Heap(memory);
    memory.grow(1);
    memory.grow(2);
    h.check();
    assert.equal(h.u8.byteLength, 5 * 65536);
    assert.equal(h.u8.buffer, memory.buffer);
  });
});

describe("frame area", () => {
  test("setFrameArea starts empty; alloc bumps top, 8-byte aligned", () => {
    const { heap: h, base, area } = setup({ area: 256 });
    assert.equal(h.base, base);
    assert.equal(h.top, base);
    assert.equal(h.end, base + area);
    assert.deepEqual(h.overflow, []);
    assert.equal(h.inResult, false);
    assert.equal(base % 8, 0);
    const a = h.alloc(3);
    assert.equal(a, base);
    assert.equal(h.top, base + 3);
    const b = h.alloc(5);
    assert.equal(b, base + 8, "aligned up to 8");
    assert.equal(h.top, base + 13);
    const c = h.alloc(0);
    assert.equal(c, base + 16);
    assert.equal(h.top, base + 16);
  });

  test("what does not fit goes into a block of its own, freed (with its size) on release", () => {
    const { heap: h, fake, base } = setup({ area: 64 });
    const top = h.top;
    const ov = h.overflow.length;
    const a = h.alloc(40);
    assert.equal(a, base);
    const liveBefore = fake.live.size;
    const b = h.alloc(40); // 40 + 40 > 64
    assert.ok(b < base || b >= base + 64, "outside the area");
    assert.equal(fake.live.get(b), 40);
    assert.deepEqual(h.overflow, [b, 40]);
    const c = h.alloc(1000);
    assert.equal(fake.live.get(c), 1000);
    assert.deepEqual(h.overflow, [b, 40, c, 1000]);
    assert.equal(fake.live.size, liveBefore + 2);
    // A small one still fits the area after the overflow blocks.
    const d = h.alloc(8);
    assert.equal(d, base + 40);
    h.release(top, ov);
    assert.equal(h.top, base);
    assert.deepEqual(h.overflow, []);
    assert.equal(fake.live.has(b), false);
    assert.equal(fake.live.has(c), false);
    assert.equal(fake.live.size, liveBefore);
    // Freed last in, first out, each with the size it was allocated with.
    assert.deepEqual(fake.log.free, [
      [c, 1000],
      [b, 40],
    ]);
  });

  test("release frees only the blocks of the frame being released (nested frames)", () => {
    const { heap: h, fake } = setup({ area: 32 });
    const outerTop = h.top;
    const outerOv = h.overflow.length;
    const x = h.alloc(100);
    const innerTop = h.top;
    const innerOv = h.overflow.length;
    const y = h.alloc(200);
    h.alloc(16);
    h.release(innerTop, innerOv);
    assert.equal(h.top, innerTop);
    assert.deepEqual(h.overflow, [x, 100]);
    assert.ok(fake.live.has(x));
    assert.ok(!fake.live.has(y));
    h.release(outerTop, outerOv);
    assert.ok(!fake.live.has(x));
    assert.equal(fake.log.free.length, 2);
  });

  test("release without overflow calls no free", () => {
    const { heap: h, fake } = setup({ area: 256 });
    const top = h.top;
    h.alloc(100);
    h.release(top, 0);
    assert.equal(fake.log.free.length, 0);
    assert.equal(h.top, top);
  });

  test("alloc outside re-derives the views when the allocator grew the memory", () => {
    const { heap: h, fake, memory } = setup({ area: 64 });
    const pages = memory.buffer.byteLength / 65536;
    const p = h.alloc(3 * 65536);
    assert.ok(fake.log.grows >= 1);
    assert.ok(memory.buffer.byteLength / 65536 > pages);
    assert.equal(h.u8.buffer, memory.buffer, "views follow the grown memory");
    h.u8[p + 3 * 65536 - 1] = 7;
    assert.equal(new Uint8Array(memory.buffer)[p + 3 * 65536 - 1], 7);
  });

  test("out of memory is a RangeError naming the size", () => {
    const memory = makeMemory();
    const fake = makeFakeWasm(memory, { failAlloc: true });
    const h = new Heap(memory);
    h.setFrameArea(fake.wasm, 1024, 64);
    assert.throws(() => h.alloc(100), (e) => e instanceof RangeError && /100 bytes/.test(e.message));
    assert.deepEqual(h.overflow, [], "a failed allocation is not recorded");
  });

  test("inResult: what does not fit goes into Rust's result buffer, which release does not free", () => {
    const { heap: h, fake, base } = setup({ area: 64 });
    const top = h.top;
    h.beginResult();
    const p = h.alloc(500);
    assert.equal(p, fake.resultBuffer.ptr);
    assert.deepEqual(fake.log.result, [500]);
    assert.deepEqual(h.overflow, [], "not an overflow block");
    // What fits still goes into the area.
    const q = h.alloc(16);
    assert.equal(q, base);
    h.endResult();
    h.release(top, 0);
    assert.equal(fake.log.free.length, 0);
    assert.ok(fake.live.has(p), "the result buffer stays Rust's");
  });

  test("nested results: the inner one neither frees the outer one's blocks nor takes the result buffer", () => {
    const { heap: h, fake } = setup({ area: 64 });
    h.beginResult();
    const a = h.alloc(500); // the outer result's first block: the result buffer
    assert.equal(a, fake.resultBuffer.ptr);
    const b = h.alloc(300); // its second: a block freed when the next outermost result begins
    assert.ok(fake.live.has(b));
    // User code (a getter) calls an export whose Rust code calls an import: a nested result.
    h.beginResult();
    const c = h.alloc(700);
    assert.notEqual(c, fake.resultBuffer.ptr, "not the outer result's buffer");
    assert.equal(fake.resultBuffer.ptr, a, "the result buffer did not move");
    assert.ok(fake.live.has(b), "the outer result's block is not freed");
    h.endResult();
    // Back in the outer result: its state is restored (a grow of its buffer still grows it).
    assert.equal(h.inResult, true);
    assert.equal(h.resultBufferAt, a);
    h.endResult();
    assert.equal(h.inResult, false);
    assert.ok(fake.live.has(b) && fake.live.has(c), "kept until Rust has read the result");
    // The next outermost result frees both.
    h.beginResult();
    assert.ok(!fake.live.has(b) && !fake.live.has(c));
    h.endResult();
  });

  test("sizes beyond what wasm32 can allocate are RangeErrors, never passed on truncated", () => {
    const { heap: h, fake } = setup({ area: 64 });
    const allocs = fake.log.alloc.length;
    for (const n of [2 ** 32 + 16, 2 ** 31, NaN, -16]) {
      assert.throws(() => h.allocOutside(n), RangeError, String(n));
    }
    assert.equal(fake.log.alloc.length, allocs, "nothing allocated");
    assert.throws(() => checkedSize(2 ** 29 + 2, 8, "f: argument 1 (v)"), (e) => e instanceof RangeError && e.message.startsWith("f: argument 1 (v): 536870914 elements"));
    assert.equal(checkedSize(10, 16, "x"), 160);
  });

  test("grow: a block at the top of the area grows in place", () => {
    const { heap: h, base } = setup({ area: 256 });
    const a = h.alloc(10);
    h.u8.set([1, 2, 3], a);
    const b = h.grow(a, 10, 3, 100);
    assert.equal(b, a);
    assert.equal(h.top, base + 100);
    assert.deepEqual(Array.from(h.u8.subarray(b, b + 3)), [1, 2, 3]);
  });

  test("grow: a block not at the top moves, keeping its used bytes", () => {
    const { heap: h } = setup({ area: 256 });
    const a = h.alloc(8);
    h.u8.set([9, 8, 7, 6], a);
    h.alloc(8); // a is no longer at the top
    const b = h.grow(a, 8, 4, 32);
    assert.notEqual(b, a);
    assert.deepEqual(Array.from(h.u8.subarray(b, b + 4)), [9, 8, 7, 6]);
  });

  test("grow: past the end of the area moves into an overflow block, freed on release", () => {
    const { heap: h, fake } = setup({ area: 64 });
    const top = h.top;
    const a = h.alloc(40);
    h.u8.set([5, 4, 3], a);
    const b = h.grow(a, 40, 3, 400);
    assert.ok(fake.live.has(b));
    assert.equal(fake.live.get(b), 400);
    assert.deepEqual(Array.from(h.u8.subarray(b, b + 3)), [5, 4, 3]);
    h.release(top, 0);
    assert.ok(!fake.live.has(b));
  });

  test("grow in result mode: from the area into the result buffer, and the result buffer keeps its contents", () => {
    const { heap: h, fake, memory } = setup({ area: 64 });
    h.beginResult();
    const a = h.alloc(40);
    h.u8.set([1, 2, 3, 4], a);
    const b = h.grow(a, 40, 4, 100);
    assert.equal(b, fake.resultBuffer.ptr);
    assert.deepEqual(Array.from(h.u8.subarray(b, b + 4)), [1, 2, 3, 4]);
    h.u8.set([10, 11, 12, 13, 14], b + 4);
    // Growing the result buffer again moves it (in the fake, always); contents come along.
    const c = h.grow(b, 100, 9, 1000);
    assert.notEqual(c, b);
    assert.equal(c, fake.resultBuffer.ptr);
    assert.deepEqual(Array.from(bytes(memory, c, 9)), [1, 2, 3, 4, 10, 11, 12, 13, 14]);
    assert.equal(new Uint8Array(memory.buffer)[b], POISON, "the old buffer was freed");
    assert.deepEqual(h.overflow, []);
    h.endResult();
  });
});

describe("known limitations", () => {
  test(
    "addresses at or above 2 GiB stay unsigned",
    
    () => {
      const h = new Heap({ buffer: new ArrayBuffer(64) });
      h.setFrameArea({}, 2 ** 31, 1024);
      const p = h.alloc(8);
      assert.equal(p, 2 ** 31);
      assert.equal(h.top, 2 ** 31 + 8);
    },
  );

  test(
    "check() follows the growth of a shared memory",
    {
      todo:
        "runtime bug: slot.js Heap.check() refreshes only when the views read length 0, which never happens " +
        "for a shared memory (wasm threads): growth does not detach a SharedArrayBuffer",
    },
    () => {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
      const h = new Heap(memory);
      memory.grow(1);
      h.check();
      assert.equal(h.u8.length, 2 * 65536);
    },
  );
});

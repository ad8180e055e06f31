import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { Heap, T } from "../src/slot.js";
import { SHORT_STRING, decodeUtf8, encodeString, readers, writers } from "../src/marshal/string.js";
import { bytes, decode, makeMemory, readSlot, setup, throwsWith, utf8 } from "./helpers.js";

const enc = new TextEncoder();

/** Puts `s` as UTF-8 at `ptr` (default 1000) and decodes it with decodeUtf8. */
function viaMemory(s, ptr = 1000) {
  const memory = makeMemory();
  const b = enc.encode(s);
  if (ptr + b.length > memory.buffer.byteLength) {
    memory.grow(Math.ceil((ptr + b.length - memory.buffer.byteLength) / 65536));
  }
  const u8 = new Uint8Array(memory.buffer);
  // Garbage around the string: the decoder must stop at len.
  u8.fill(0x41, ptr - 16, ptr);
  u8.set(b, ptr);
  u8.fill(0x42, ptr + b.length, ptr + b.length + 16);
  return decodeUtf8(new Heap(memory).u8, ptr, b.length);
}

function asciiOfLength(n) {
  let s = "";
  for (let i = 0; i < n; i++) s += String.fromCharCode(i % 128);
  return s;
}

describe("decodeUtf8", () => {
  test("empty", () => {
    assert.equal(viaMemory(""), "");
  });

  test("ASCII of every length 0..70 (across the 16-byte blocks and the 64-byte hand-decoding limit)", () => {
    assert.equal(SHORT_STRING, 64);
    for (let n = 0; n <= 70; n++) {
      const s = asciiOfLength(n);
      assert.equal(viaMemory(s), s, `length ${n}`);
      assert.equal(viaMemory(s, 1001), s, `length ${n}, unaligned`);
    }
  });

  test("a non-ASCII byte anywhere in a short string falls back to full UTF-8 decoding", () => {
    for (const n of [1, 15, 16, 17, 31, 32, 60, 63, 64, 65, 70]) {
      for (const at of [0, Math.floor(n / 2), n - 1]) {
        const chars = Array.from(asciiOfLength(n));
        chars[at] = "é";
        const s = chars.join("");
        assert.equal(viaMemory(s), s, `length ${n}, é at ${at}`);
      }
    }
  });

  test("non-ASCII and non-BMP", () => {
    for (const s of ["é", "héllo wörld", "日本語のテキスト", "𝄞", "a𝄞b", "𝄞".repeat(40), "\u0080\u07ff\u0800\uffff"]) {
      assert.equal(viaMemory(s), s);
    }
    assert.equal(viaMemory("𝄞").length, 2);
  });

  test("a leading BOM is preserved", () => {
    for (const s of ["\uFEFF", "\uFEFFabc", "\uFEFF" + "x".repeat(100)]) {
      const d = viaMemory(s);
      assert.equal(d, s);
      assert.equal(d.charCodeAt(0), 0xfeff);
    }
  });

  test("1 MiB strings, ASCII and mixed", () => {
    const ascii = "abcdefghijklmnop".repeat(65536);
    assert.equal(ascii.length, 1 << 20);
    assert.equal(viaMemory(ascii), ascii);
    const mixed = "aé𝄞日".repeat(1 << 16);
    const d = viaMemory(mixed);
    assert.equal(d.length, mixed.length);
    assert.equal(d, mixed);
  });

  test("the string reader takes pointer and byte length from the slot", () => {
    const memory = makeMemory();
    const h = new Heap(memory);
    const b = enc.encode("héllo");
    h.u8.set(b, 500);
    h.u32[64 >> 2] = 500;
    h.u32[(64 >> 2) + 1] = 0;
    h.u32[(64 + 8) >> 2] = b.length;
    assert.equal(readers[T.string](h, 64, "w"), "héllo");
    h.u32[(64 + 8) >> 2] = 1;
    assert.equal(readers[T.string](h, 64, "w"), "h");
  });
});

describe("encodeString", () => {
  function check(memory, p, s) {
    const slot = readSlot(memory, p);
    const expected = utf8(s.replace(/[\uD800-\uDFFF]/gu, "\uFFFD"));
    assert.equal(slot.hi, 0, "upper half of the value is 0");
    assert.equal(slot.len, expected.length, "byte length");
    assert.deepEqual(Array.from(bytes(memory, slot.lo, slot.len)), expected);
    return slot;
  }

  test("ASCII into the frame area", () => {
    const { memory, heap: h, base, area } = setup({ area: 256 });
    const p = 8; // the slot itself lives elsewhere
    const len = encodeString(h, p, "hello");
    assert.equal(len, 5);
    const slot = check(memory, p, "hello");
    assert.equal(slot.lo, base);
    assert.ok(slot.lo + slot.len <= base + area);
    assert.equal(h.top, base + 5);
    assert.deepEqual(h.overflow, []);
  });

  test("the empty string", () => {
    const { memory, heap: h } = setup({ area: 256 });
    assert.equal(encodeString(h, 8, ""), 0);
    assert.equal(readSlot(memory, 8).len, 0);
  });

  test("mixed, non-BMP, and non-ASCII first", () => {
    for (const s of ["aé", "é", "héllo wörld 𝄞", "𝄞", "日本", "abc" + "é".repeat(30) + "xyz", "\u0080", "\uFEFFbom"]) {
      const { memory, heap: h, base, area } = setup({ area: 256 });
      const len = encodeString(h, 8, s);
      assert.equal(len, enc.encode(s).length, JSON.stringify(s));
      const slot = check(memory, 8, s);
      assert.ok(slot.lo >= base && slot.lo + slot.len <= base + area, "in the area");
      assert.equal(decode(memory, slot.lo, slot.len), s);
    }
  });

  test("lone surrogates become EF BF BD", () => {
    const { memory, heap: h } = setup({ area: 256 });
    encodeString(h, 8, "a\uD800b");
    const slot = readSlot(memory, 8);
    assert.deepEqual(Array.from(bytes(memory, slot.lo, slot.len)), [0x61, 0xef, 0xbf, 0xbd, 0x62]);
    for (const s of ["\uDC00", "\uD800", "x\uDFFF", "\uD800\uD800", "\uDC00\uD800", "𝄞\uD834"]) {
      const t = setup({ area: 256 });
      encodeString(t.heap, 8, s);
      check(t.memory, 8, s);
    }
  });

  test("consecutive strings in one frame do not overlap", () => {
    const { memory, heap: h } = setup({ area: 1024 });
    encodeString(h, 8, "first é");
    encodeString(h, 24, "second 𝄞 string");
    encodeString(h, 40, "third");
    check(memory, 8, "first é");
    check(memory, 24, "second 𝄞 string");
    check(memory, 40, "third");
  });

  test("larger than the frame area: an overflow block, freed on release", () => {
    for (const s of ["x".repeat(1000), "é".repeat(500), "abc".repeat(50) + "é".repeat(100), "a".repeat(60) + "𝄞"]) {
      const { memory, heap: h, fake, base, area } = setup({ area: 64 });
      const top = h.top;
      const live = fake.live.size;
      encodeString(h, 8, s);
      const slot = check(memory, 8, s);
      assert.ok(slot.lo < base || slot.lo >= base + area, "outside the area");
      assert.ok(fake.live.has(slot.lo), "in a block from slotwire_alloc");
      assert.ok(h.overflow.length > 0);
      h.release(top, 0);
      assert.equal(fake.live.size, live, "every overflow block freed");
      assert.deepEqual(h.overflow, []);
    }
  });

  test("overflow after the memory grew: the bytes land in the new buffer", () => {
    const { memory, heap: h, fake } = setup({ area: 64 });
    const s = "é".repeat(100000); // needs 300 KB > the memory's 128 KiB
    encodeString(h, 8, s);
    assert.ok(fake.log.grows > 0, "the allocator grew the memory");
    assert.equal(h.u8.buffer, memory.buffer);
    const slot = check(memory, 8, s);
    assert.equal(slot.len, 200000);
  });

  test("result mode (inResult): larger than the area goes into the result buffer, not an overflow block", () => {
    for (const s of ["y".repeat(300), "é".repeat(300), "x".repeat(300) + "é𝄞", "ab" + "é".repeat(40), "\uD800".repeat(100)]) {
      const { memory, heap: h, fake } = setup({ area: 64 });
      const top = h.top;
      h.beginResult();
      try {
        encodeString(h, 8, s);
      } finally {
        h.endResult();
      }
      const slot = check(memory, 8, s);
      assert.equal(slot.lo, fake.resultBuffer.ptr, JSON.stringify(s.slice(0, 8)));
      assert.deepEqual(h.overflow, []);
      const frees = fake.log.free.length;
      h.release(top, 0);
      assert.equal(fake.log.free.length, frees, "release frees nothing");
      assert.ok(fake.live.has(slot.lo), "the result buffer stays Rust's");
      check(memory, 8, s);
    }
  });

  test("the string writer rejects non-strings with a TypeError naming the argument", () => {
    const { heap: h } = setup();
    for (const v of [1, null, undefined, {}, ["a"], Symbol("s")]) {
      throwsWith(assert, () => writers[T.string](h, 8, v, "f: argument 2 (name)"), TypeError, "f: argument 2 (name)", "string");
    }
    writers[T.string](h, 8, "ok", "w");
  });

  test("write then read round trips", () => {
    for (const s of ["", "a", "héllo", "𝄞", "\uFEFF", "x".repeat(5000), "日本語".repeat(2000)]) {
      const { heap: h } = setup({ area: 1024 });
      writers[T.string](h, 8, s, "w");
      assert.equal(readers[T.string](h, 8, "r"), s);
    }
  });
});

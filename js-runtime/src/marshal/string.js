// Strings: mirrors engine/src/marshal/string.rs. The slot holds a pointer (low 32 bits of the
// value) and a byte length (len).
//
// Rust → JS: short ASCII is decoded by hand (String.fromCharCode over 16 bytes at a time), the rest
// by TextDecoder (with ignoreBOM, so a leading U+FEFF survives).
// JS → Rust: ASCII is copied by hand; from the first non-ASCII character on, TextEncoder.encodeInto
// writes straight into wasm memory. Lone surrogates become U+FFFD, as TextEncoder does it.

import { T } from "../slot.js";
import { typeError } from "../errors.js";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/** Longest string decoded by hand before TextDecoder takes over. */
export const SHORT_STRING = 64;

/** Decodes `len` bytes of UTF-8 at `ptr`. */
export function decodeUtf8(u8, ptr, len) {
  if (len <= SHORT_STRING) {
    const s = decodeAscii(u8, ptr, len);
    if (s !== null) return s;
  }
  return decoder.decode(u8.subarray(ptr, ptr + len));
}

/** ASCII bytes to a string, or null at the first non-ASCII byte. */
function decodeAscii(u8, ptr, len) {
  let s = "";
  let i = ptr;
  const end = ptr + len;
  for (; i + 16 <= end; i += 16) {
    const b0 = u8[i], b1 = u8[i + 1], b2 = u8[i + 2], b3 = u8[i + 3];
    const b4 = u8[i + 4], b5 = u8[i + 5], b6 = u8[i + 6], b7 = u8[i + 7];
    const b8 = u8[i + 8], b9 = u8[i + 9], b10 = u8[i + 10], b11 = u8[i + 11];
    const b12 = u8[i + 12], b13 = u8[i + 13], b14 = u8[i + 14], b15 = u8[i + 15];
    if ((b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7 | b8 | b9 | b10 | b11 | b12 | b13 | b14 | b15) & 0x80) {
      return null;
    }
    s += String.fromCharCode(b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15);
  }
  const tail = end - i;
  if (tail === 0) return s;
  let or = 0;
  for (let k = i; k < end; k++) or |= u8[k];
  if (or & 0x80) return null;
  // The last 1 to 15 bytes in one String.fromCharCode (one string made, not one per byte).
  return tail === (end - ptr) ? asciiTail(u8, i, tail) : s + asciiTail(u8, i, tail);
}

/** `n` (1 to 15) ASCII bytes at `i` as a string, with one String.fromCharCode. */
function asciiTail(u8, i, n) {
  const f = String.fromCharCode;
  switch (n) {
    case 1: return f(u8[i]);
    case 2: return f(u8[i], u8[i + 1]);
    case 3: return f(u8[i], u8[i + 1], u8[i + 2]);
    case 4: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3]);
    case 5: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4]);
    case 6: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5]);
    case 7: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6]);
    case 8: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7]);
    case 9: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7], u8[i + 8]);
    case 10: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7], u8[i + 8], u8[i + 9]);
    case 11: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7], u8[i + 8], u8[i + 9], u8[i + 10]);
    case 12: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7], u8[i + 8], u8[i + 9], u8[i + 10], u8[i + 11]);
    case 13: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7], u8[i + 8], u8[i + 9], u8[i + 10], u8[i + 11], u8[i + 12]);
    case 14: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7], u8[i + 8], u8[i + 9], u8[i + 10], u8[i + 11], u8[i + 12], u8[i + 13]);
    case 15: return f(u8[i], u8[i + 1], u8[i + 2], u8[i + 3], u8[i + 4], u8[i + 5], u8[i + 6], u8[i + 7], u8[i + 8], u8[i + 9], u8[i + 10], u8[i + 11], u8[i + 12], u8[i + 13], u8[i + 14]);
    default: throw new RangeError(`asciiTail: ${n} bytes`);
  }
}

/**
 * Encodes `v` as UTF-8 into the heap's frame area (or the result buffer); returns the address and
 * leaves the byte length in `h.lastLength`.
 */
export function encodeStr(h, v) {
  const n = v.length;
  let at = h.alloc(n);
  let u8 = h.u8;
  let i = 0;
  // ASCII, four characters per 32-bit store when the address is 4-byte aligned (`alloc` gives
  // 8-byte aligned addresses in the frame area; Rust's result buffer need not be).
  const u32 = h.u32;
  const words = (at & 3) === 0 ? n : 0;
  for (let w = at >>> 2; i + 4 <= words; i += 4) {
    const a = v.charCodeAt(i);
    const b = v.charCodeAt(i + 1);
    const c = v.charCodeAt(i + 2);
    const d = v.charCodeAt(i + 3);
    if ((a | b | c | d) >= 0x80) break;
    u32[w++] = a | (b << 8) | (c << 16) | (d << 24);
  }
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0x80) break;
    u8[at + i] = c;
  }
  let len = i;
  if (i < n) {
    at = h.grow(at, n, i, i + 3 * (n - i));
    u8 = h.u8;
    const r = encoder.encodeInto(i === 0 ? v : v.slice(i), u8.subarray(at + i, at + i + 3 * (n - i)));
    len = i + r.written;
  }
  h.lastLength = len;
  return at;
}

/** Encodes `v` and stores its pointer and length in the slot at `p`. */
export function encodeString(h, p, v) {
  const at = encodeStr(h, v);
  const w = p >>> 2;
  h.u32[w] = at;
  h.u32[w + 1] = 0;
  h.u32[w + 2] = h.lastLength;
  return h.lastLength;
}

/** Checks that `v` is a string, then encodes it (fast path: pointer returned, length in h.lastLength). */
export function checkAndEncode(h, v, what) {
  if (typeof v !== "string") throw typeError(what, "string", v);
  return encodeStr(h, v);
}

export const readers = {
  [T.string]: (h, p) => decodeUtf8(h.u8, h.u32[p >>> 2], h.u32[(p >>> 2) + 2]),
};

export const writers = {
  [T.string]: (h, p, v, what) => {
    if (typeof v !== "string") throw typeError(what, "string", v);
    encodeString(h, p, v);
  },
};

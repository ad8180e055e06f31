// Exceptions, both ways: mirrors engine/src/export.rs (`fail`) and engine/src/binding.rs
// (`exception_from_slot`).
//
// Rust → JS: slot 0 holds the message (pointer, length) and in `elem` the class: 0 Error,
// 1 TypeError, 2 RangeError, 3 SlotwireError of a call that never ran (NOT_CALLED: Rust read no
// argument, so the caller gives back what it wrote for them).
// JS → Rust: slot 0 points at [name length u32][message length u32][name][message][stack], UTF-8.

import { OFFSET_ELEM, OFFSET_TYPE, T } from "../slot.js";
import { decodeUtf8 } from "./string.js";
import { SlotwireError } from "../errors.js";

const encoder = new TextEncoder();
const CLASSES = [Error, TypeError, RangeError, SlotwireError];
/** `elem` of an exception whose call never ran (engine/src/export.rs `ErrorKindCode::NotCalled`). */
export const NOT_CALLED = 3;

/** The JS error for the exception Rust wrote at slot address `p`. */
export function readRustError(h, p) {
  const message = decodeUtf8(h.u8, h.u32[p >>> 2], h.u32[(p >>> 2) + 2]);
  const Class = CLASSES[h.u8[p + OFFSET_ELEM]] ?? Error;
  return new Class(message);
}

function text(f) {
  try {
    const v = f();
    return v === undefined || v === null ? "" : String(v);
  } catch {
    return "";
  }
}

/** Writes the thrown value `e` into the exception slot at `p` (frame area or result buffer). */
export function writeJsError(h, p, e) {
  let name = "Error";
  let message;
  let stack = "";
  if (e !== null && (typeof e === "object" || typeof e === "function")) {
    name = text(() => e.name) || "Error";
    message = text(() => e.message);
    stack = text(() => e.stack);
    let hasMessage = false;
    try {
      hasMessage = "message" in Object(e);
    } catch {
      // A revoked Proxy throws on `in`; describe it as a string below.
    }
    if (!hasMessage) message = text(() => String(e));
  } else {
    message = text(() => String(e));
  }
  const nb = encoder.encode(name);
  const mb = encoder.encode(message);
  const sb = encoder.encode(stack);
  const total = 8 + nb.length + mb.length + sb.length;
  h.check(); // the getters above are user code: they may have grown the memory
  const at = h.alloc(total);
  const u8 = h.u8;
  h.u32[at >>> 2] = nb.length;
  h.u32[(at >>> 2) + 1] = mb.length;
  u8.set(nb, at + 8);
  u8.set(mb, at + 8 + nb.length);
  u8.set(sb, at + 8 + nb.length + mb.length);
  h.u32[p >>> 2] = at;
  h.u32[(p >>> 2) + 1] = 0;
  h.u32[(p >>> 2) + 2] = total;
  h.u8[p + OFFSET_TYPE] = T.error;
}

// The marshaler tables: one reader and one writer per type code, chosen once per signature at
// bind time (never per call), and wrapped for Option<T> when the nullable bit is set.

import { CODE_SHIFT, FLAG_NULL, NULLABLE, OFFSET_FLAGS, T, typeName } from "../slot.js";
import { SlotwireError } from "../errors.js";
import * as primitive from "./primitive.js";
import * as string from "./string.js";
import * as date from "./date.js";
import * as object from "./object.js";
import { arrayReader, arrayWriter } from "./array.js";

export function snippet() { return "marshal/index.js"; }

const readers = { ...primitive.readers, ...string.readers, ...date.readers, ...object.readers };
const writers = { ...primitive.writers, ...string.writers, ...date.writers, ...object.writers };

const readVoid = () => undefined;
const writeVoid = () => {};

/** The marshaler of a compound code's outer type (arrays), or of a plain one from `table`. */
function baseMarshaler(code, where, table, forArray, self) {
  const base = code & 0x7f;
  const inner = code >>> CODE_SHIFT;
  if (base === T.array && inner !== 0) return forArray(inner, where, self);
  if (inner !== 0) return undefined;
  return table[base];
}

/** Reader `(h, p, what) => value` for a signature code; throws for codes not supported yet. */
export function readerFor(code, where) {
  if (code === T.void) return readVoid;
  const r = baseMarshaler(code, where, readers, arrayReader, readerFor);
  if (r === undefined) throw new SlotwireError(`${where}: type ${typeName(code)} is not supported yet`);
  if (!(code & NULLABLE)) return r;
  return (h, p, what) => ((h.u8[p + OFFSET_FLAGS] & FLAG_NULL) !== 0 ? null : r(h, p, what));
}

/** Writer `(h, p, v, what) => void` for a signature code; null/undefined fill an Option. */
export function writerFor(code, where) {
  if (code === T.void) return writeVoid;
  const w = baseMarshaler(code, where, writers, arrayWriter, writerFor);
  if (w === undefined) throw new SlotwireError(`${where}: type ${typeName(code)} is not supported yet`);
  if (!(code & NULLABLE)) return w;
  return (h, p, v, what) => {
    if (v === null || v === undefined) {
      h.u8[p + OFFSET_FLAGS] = FLAG_NULL;
    } else {
      h.u8[p + OFFSET_FLAGS] = 0;
      w(h, p, v, what);
    }
  };
}

/** Whether values of this code are written into the frame area (so the frame must be released). */
export function usesMemory(code) {
  const base = code & 0x7f;
  return base === T.string || base === T.array || base === T.any;
}

// The marshaler tables: one reader and one writer per type code, chosen once per signature at
// bind time (never per call), and wrapped for Option<T> when the nullable bit is set.

import { FLAG_NULL, NULLABLE, OFFSET_FLAGS, T, codeInner, codeType, typeName } from "../slot.js";
import { SlotwireError } from "../errors.js";
import * as primitive from "./primitive.js";
import * as string from "./string.js";
import * as date from "./date.js";
import * as object from "./object.js";
import * as any from "./any.js";
import { arrayReader, arrayWriter } from "./array.js";
import { views } from "../features.js";

const readers = { ...primitive.readers, ...string.readers, ...date.readers, ...object.readers, ...any.readers };
const writers = { ...primitive.writers, ...string.writers, ...date.writers, ...object.writers, ...any.writers };

const readVoid = () => undefined;
const writeVoid = () => {};

/** Readers and writers of types with an element (the element's code above the type byte). */
const compoundReaders = {
  [T.array]: (inner, where) => arrayReader(inner, where, readerFor),
  // Views: the view runtime's (a snippet of its own, which Rust links with the first view).
  [T.span]: (inner, where) => views(where).spanReader(inner, where, true),
  [T.span_mut]: (inner, where) => views(where).spanReader(inner, where, false),
  [T.segment]: (inner, where) => views(where).segmentReader(inner, where),
};
const compoundWriters = {
  [T.array]: (inner, where) => arrayWriter(inner, where, writerFor),
  [T.span]: (inner, where) => views(where).spanWriter(inner, where, writerFor),
  [T.segment]: (inner, where) => views(where).segmentWriter(inner, where),
};

/** The marshaler of a compound code (from `compound`) or of a plain one (from `table`). */
function baseMarshaler(code, where, table, compound) {
  const base = codeType(code);
  const inner = codeInner(code);
  if (inner !== 0) {
    const make = compound[base];
    return make === undefined ? undefined : make(inner, where);
  }
  return table[base];
}

/** Reader `(h, p, what) => value` for a signature code; throws for codes not supported yet. */
export function readerFor(code, where) {
  if (code === T.void) return readVoid;
  const r = baseMarshaler(code, where, readers, compoundReaders);
  if (r === undefined) throw new SlotwireError(`${where}: type ${typeName(code)} is not supported yet`);
  if (!(code & NULLABLE)) return r;
  return (h, p, what) => ((h.u8[p + OFFSET_FLAGS] & FLAG_NULL) !== 0 ? null : r(h, p, what));
}

/** Writer `(h, p, v, what) => void` for a signature code; null/undefined fill an Option. */
export function writerFor(code, where) {
  if (code === T.void) return writeVoid;
  const w = baseMarshaler(code, where, writers, compoundWriters);
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
  const base = codeType(code);
  return base === T.string || base === T.array || base === T.any || base === T.span;
}

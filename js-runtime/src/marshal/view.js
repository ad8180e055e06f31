// Memory views across calls: mirrors engine/src/marshal/view.rs. The MemoryView class itself is
// memory-view.js.
//
// Rust → JS: a span (`&[T]` read-only, `&mut [T]` writable) becomes a MemoryView the runtime
// disposes when the import returns (h.spans); a segment becomes a MemoryView registered with the
// runtime's SegmentRegistry (h.segments), alive until dispose() or collection. The slot of a
// span: the address in value, the count in len; of a segment: its handle in value (handles.js),
// the count in len (its address comes from slotwire_segment_info).
// JS → Rust: a span parameter (`&[T]` export argument) is a copy into the call's frame (from a
// typed array, an Array or a MemoryView); a segment parameter is the handle of a segment view.

import { FLAG_OWNED, OFFSET_FLAGS, OFFSET_TYPE, T } from "../slot.js";
import { SlotwireError, own, typeError } from "../errors.js";
import { MemoryView, VIEW_TYPES, elemTypeOfCode, spanView, transientArray } from "../memory-view.js";
import { readHandle, writeHandle } from "../handles.js";
import { arrayWriter } from "./array.js";
import { features } from "../features.js";

/**
 * The reader of a span of records: a RecordView (Pod records: `len` counts them) or an archive's
 * root (rkyv: `len` counts bytes), by the registered layout whose id is in the value's high half.
 * record.js is the records snippet's (`features.records`): a layout is registered through it, so
 * it is installed whenever a layout id is valid.
 */
function recordSpanReader(where) {
  return (h, p, what) => {
    const w = p >>> 2;
    const d = h.recordTypes[h.u32[w + 1] - 1];
    const r = features.records;
    if (d === undefined || r === null) throw new SlotwireError(`${what}: unknown record layout ${h.u32[w + 1]}`);
    const { RecordView, archiveView, disposeView } = r;
    const view = d.type === "record" && d.kind === "pod"
      ? new RecordView(h.memory, h.u32[w], h.u32[w + 2], d)
      : archiveView(h.memory, h.u32[w], h.u32[w + 2], d);
    if (view !== null && typeof view === "object") h.spans.push({ dispose: () => disposeView(view) });
    return view;
  };
}

/** The reader of a span of `inner` (writable for span_mut). */
export function spanReader(inner, where, readOnly) {
  if (inner === T.record) return recordSpanReader(where);
  const t = VIEW_TYPES[elemTypeOfCode(inner)];
  return (h, p) => {
    const w = p >>> 2;
    const view = spanView(h.memory, h.u32[w], h.u32[w + 2], t, readOnly, h[t.name]);
    h.spans.push(view);
    return view;
  };
}

/** The writer of a `&[T]` export parameter: a copy in the frame. */
export function spanWriter(inner, where, writerFor) {
  const name = elemTypeOfCode(inner);
  const copy = arrayWriter(inner, where, writerFor);
  return (h, p, v, what) => {
    if (MemoryView.isMemoryView(v)) {
      if (v.isDisposed) throw new SlotwireError(`${what}: the MemoryView was disposed`);
      if (v.elementType !== name) {
        throw own(new TypeError(`${what}: expected a MemoryView of ${name}, got one of ${v.elementType}`));
      }
      v = transientArray(v); // copied at once into the frame: no typed array handed out
    }
    copy(h, p, v, what);
    h.u8[p + OFFSET_TYPE] = T.span;
  };
}

/** The reader of a segment of `inner`: a MemoryView that takes over the JS reference. */
export function segmentReader(inner, where) {
  const name = elemTypeOfCode(inner);
  return (h, p, what) => {
    const w = p >>> 2;
    if ((h.u8[p + OFFSET_FLAGS] & FLAG_OWNED) === 0) {
      throw new SlotwireError(`${what}: this segment was read already (pass a Segment again for each call)`);
    }
    h.u8[p + OFFSET_FLAGS] &= ~FLAG_OWNED;
    return h.segmentView(readHandle(h, p), h.u32[w + 2], name, what);
  };
}

/** The writer of a segment parameter: a live segment view of this runtime, of `inner`. */
export function segmentWriter(inner, where) {
  const name = elemTypeOfCode(inner);
  return (h, p, v, what) => {
    if (!MemoryView.isMemoryView(v) || v.isDisposed || v.kind !== "segment") {
      if (MemoryView.isMemoryView(v) && v.isDisposed) throw new SlotwireError(`${what}: the MemoryView was disposed`);
      throw typeError(what, `a segment MemoryView of ${name} (rt.allocSegment("${name}", n))`, v);
    }
    if (v.elementType !== name) {
      throw own(new TypeError(`${what}: expected a segment of ${name}, got one of ${v.elementType}`));
    }
    const handle = h.segments.handleOf(v);
    h.check(); // the getters above can run user code (a Proxy)
    writeHandle(h, p, handle);
  };
}

export { disposeSpans, isSpan } from "../view-types.js";


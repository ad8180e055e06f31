// Byte streams: mirrors engine/src/stream.rs (Blazor's IJSStreamReference / DotNetStreamReference).
//
// Rust reads a JS byte source in chunks: `streamOpen(source, max, chunk)` (module "__slotwire")
// gives a reader; `streamNext(reader)` resolves to the next chunk (a Uint8Array copy Rust takes)
// or null at the end. Sources: Uint8Array and other typed arrays / DataView, ArrayBuffer, Blob,
// ReadableStream (of Uint8Array chunks), Response. A source whose size is known and larger than
// `max` is refused at open; a ReadableStream that goes past `max` is refused before the chunk
// that crosses the limit is handed over.
//
// JS reads a Rust byte source (`slotwire::ByteStream`) as a ReadableStream: each pull calls the
// Rust source for its next chunk (`toReadableStream`).

import { SlotwireError, describe } from "./errors.js";
import { BYTE_STREAM_TYPE } from "./slot.js";

export { BYTE_STREAM_TYPE };

function tooLarge(size, max) {
  return new RangeError(`stream of ${size} bytes exceeds max_allowed_size (${max} bytes)`);
}

/** A reader over bytes already in memory (typed arrays, ArrayBuffer). */
function memoryReader(bytes, max, chunk) {
  if (bytes.byteLength > max) throw tooLarge(bytes.byteLength, max);
  let pos = 0;
  return {
    size: bytes.byteLength,
    next() {
      if (pos >= bytes.byteLength) return Promise.resolve(null);
      const end = Math.min(pos + chunk, bytes.byteLength);
      const c = bytes.subarray(pos, end);
      pos = end;
      return Promise.resolve(c);
    },
  };
}

/** A reader over a Blob (File): `slice(..).arrayBuffer()` per chunk. */
function blobReader(blob, max, chunk) {
  if (blob.size > max) throw tooLarge(blob.size, max);
  let pos = 0;
  return {
    size: blob.size,
    async next() {
      if (pos >= blob.size) return null;
      const end = Math.min(pos + chunk, blob.size);
      const buf = await blob.slice(pos, end).arrayBuffer();
      pos = end;
      return new Uint8Array(buf);
    },
  };
}

/** A reader over a ReadableStream of Uint8Array chunks (split to `chunk` bytes at most). */
function streamReader(stream, max, chunk) {
  const r = stream.getReader();
  let total = 0;
  let pending = null;
  let done = false;
  return {
    size: -1,
    async next() {
      if (pending === null || pending.length === 0) {
        if (done) return null;
        const { value, done: end } = await r.read();
        if (end) {
          done = true;
          return null;
        }
        if (!(value instanceof Uint8Array)) {
          await r.cancel();
          throw new TypeError(`stream chunk: expected a Uint8Array, got ${describe(value)}`);
        }
        if (total + value.length > max) {
          await r.cancel();
          throw tooLarge(`more than ${max}`, max);
        }
        total += value.length;
        pending = value;
      }
      const c = pending.subarray(0, chunk);
      pending = pending.subarray(c.length);
      return c;
    },
  };
}

/** `streamOpen(source, max, chunk)`: the reader Rust's `JsStream` pulls from. */
export function streamOpen(source, max, chunk) {
  if (!(chunk > 0)) throw new RangeError(`chunk size ${chunk} must be positive`);
  if (source instanceof ArrayBuffer) return memoryReader(new Uint8Array(source), max, chunk);
  if (ArrayBuffer.isView(source)) {
    return memoryReader(new Uint8Array(source.buffer, source.byteOffset, source.byteLength), max, chunk);
  }
  if (typeof Blob !== "undefined" && source instanceof Blob) return blobReader(source, max, chunk);
  if (typeof ReadableStream !== "undefined" && source instanceof ReadableStream) {
    return streamReader(source, max, chunk);
  }
  if (typeof Response !== "undefined" && source instanceof Response) {
    const len = Number(source.headers.get("content-length"));
    if (Number.isFinite(len) && len > max) throw tooLarge(len, max);
    if (source.body === null) return memoryReader(new Uint8Array(0), max, chunk);
    return streamReader(source.body, max, chunk);
  }
  throw new TypeError(
    `expected a byte source (Uint8Array, ArrayBuffer, typed array, Blob, ReadableStream, Response), got ${describe(source)}`,
  );
}

/** `streamNext(reader)`: the next chunk, or null at the end. */
export function streamNext(reader) {
  return reader.next();
}

/** The size of the source a reader reads, or -1 when unknown (a ReadableStream). */
export function streamSize(reader) {
  return reader.size;
}

/**
 * A ReadableStream over a Rust `ByteStream` proxy: each pull takes the source's next chunk (a
 * Uint8Array); the end (null) closes the stream and frees the Rust source, as cancel() does.
 */
export function toReadableStream(proxy) {
  if (proxy === null || typeof proxy !== "object" || proxy.typeName !== BYTE_STREAM_TYPE) {
    throw new SlotwireError(`not a Rust ByteStream: ${describe(proxy)}`);
  }
  return new ReadableStream({
    pull(controller) {
      let chunk;
      try {
        chunk = proxy.invoke("pull");
      } catch (e) {
        proxy.dispose();
        throw e;
      }
      if (chunk === null) {
        controller.close();
        proxy.dispose();
      } else {
        controller.enqueue(chunk);
      }
    },
    cancel() {
      proxy.dispose();
    },
  });
}

/** The functions Rust's JsStream imports (merged into module "__slotwire"). */
export const streamOps = Object.freeze({ streamOpen, streamNext, streamSize });

import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { streamOpen, streamNext, streamSize, toReadableStream, BYTE_STREAM_TYPE } from "../src/stream.js";
import { SlotwireError } from "../src/errors.js";

async function drain(reader) {
  const parts = [];
  for (;;) {
    const c = await streamNext(reader);
    if (c === null) return parts;
    parts.push(Array.from(c));
  }
}

describe("streamOpen / streamNext", () => {
  test("memory sources: chunks of at most `chunk` bytes, known size", async () => {
    const r = streamOpen(new Uint8Array([1, 2, 3, 4, 5]), 100, 2);
    assert.equal(streamSize(r), 5);
    assert.deepEqual(await drain(r), [[1, 2], [3, 4], [5]]);
    assert.deepEqual(await drain(streamOpen(new Uint16Array([0x0201]).buffer, 100, 8)), [[1, 2]]);
    assert.deepEqual(await drain(streamOpen(new DataView(new Uint8Array([9, 8, 7]).buffer, 1), 100, 8)), [[8, 7]]);
  });

  test("a known size beyond max is refused at open, before any read", () => {
    assert.throws(() => streamOpen(new Uint8Array(11), 10, 4), RangeError);
    assert.throws(() => streamOpen(new Blob([new Uint8Array(11)]), 10, 4), /max_allowed_size/);
  });

  test("Blob and ReadableStream sources", async () => {
    assert.deepEqual(await drain(streamOpen(new Blob([new Uint8Array([1, 2, 3])]), 10, 2)), [[1, 2], [3]]);
    const rs = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array([1, 2, 3]));
        c.enqueue(new Uint8Array([4]));
        c.close();
      },
    });
    const r = streamOpen(rs, 10, 2);
    assert.equal(streamSize(r), -1);
    assert.deepEqual(await drain(r), [[1, 2], [3], [4]]);
  });

  test("a ReadableStream going past max fails before the crossing chunk is handed over", async () => {
    const rs = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array(6));
        c.enqueue(new Uint8Array(6));
        c.close();
      },
    });
    const r = streamOpen(rs, 10, 100);
    assert.equal((await streamNext(r)).length, 6);
    await assert.rejects(streamNext(r), RangeError);
  });

  test("non-byte sources and non-Uint8Array chunks are TypeErrors", async () => {
    assert.throws(() => streamOpen({}, 10, 4), TypeError);
    assert.throws(() => streamOpen("abc", 10, 4), TypeError);
    const rs = new ReadableStream({ start: (c) => c.enqueue("text") });
    await assert.rejects(streamNext(streamOpen(rs, 10, 4)), TypeError);
  });
});

describe("toReadableStream", () => {
  test("pulls chunks until null, then disposes the proxy; cancel disposes too", async () => {
    const chunks = [new Uint8Array([1]), new Uint8Array([2, 3])];
    let disposed = 0;
    const proxy = { typeName: BYTE_STREAM_TYPE, invoke: () => chunks.shift() ?? null, dispose: () => disposed++ };
    const r = toReadableStream(proxy).getReader();
    const got = [];
    for (;;) {
      const { value, done } = await r.read();
      if (done) break;
      got.push(...value);
    }
    assert.deepEqual(got, [1, 2, 3]);
    assert.equal(disposed, 1);
    const p2 = { typeName: BYTE_STREAM_TYPE, invoke: () => new Uint8Array(1), dispose: () => disposed++ };
    await toReadableStream(p2).cancel();
    assert.equal(disposed, 2);
    assert.throws(() => toReadableStream({ typeName: "Other" }), SlotwireError);
  });
});

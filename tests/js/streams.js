// The JS half of tests/tests/streams.rs: byte streams both ways.

function fail(msg) {
  throw new Error(msg);
}

function eq(a, b, what) {
  if (!Object.is(a, b)) fail(`${what}: expected ${String(b)}, got ${String(a)}`);
}

async function rejects(p, text, what) {
  try {
    await p;
  } catch (e) {
    if (!String(e.message).includes(text)) fail(`${what}: ${JSON.stringify(e.message)} lacks ${JSON.stringify(text)}`);
    return;
  }
  fail(`${what}: did not reject`);
}

function pattern(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7) & 0xff;
  return b;
}

function sum(b) {
  let s = 0;
  for (let i = 0; i < b.length; i++) s = (s + b[i] * (i + 1)) % 1000000007;
  return s;
}

function chunked(bytes, size) {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

export async function runStreamChecks(rt) {
  const x = rt.exports;
  const data = pattern(300000);
  const want = `${data.length}:${sum(data)}`;
  eq(await x.stream_digest(data, 1e9), want, "Uint8Array (several 64 KiB chunks)");
  eq(await x.stream_digest(data.buffer, 1e9), want, "ArrayBuffer");
  eq(await x.stream_digest(new DataView(data.buffer, 10, 20), 1e9), `20:${sum(data.subarray(10, 30))}`, "DataView window");
  eq(await x.stream_digest(new Blob([data]), 1e9), want, "Blob");
  eq(await x.stream_digest(chunked(data, 100000), 1e9), want, "ReadableStream");
  eq(await x.stream_digest(new Response(data), 1e9), want, "Response");
  eq(await x.stream_digest(new Uint8Array(0), 0), "0:0", "empty");
  eq(await x.stream_digest(data, data.length), want, "exactly at the limit");
  await rejects(x.stream_digest(data, data.length - 1), "max_allowed_size", "known size beyond the limit");
  await rejects(x.stream_digest(new Blob([data]), 10), "max_allowed_size", "Blob beyond the limit");
  let pulled = 0;
  const counting = new ReadableStream({
    pull(c) {
      pulled++;
      c.enqueue(new Uint8Array(1000));
      if (pulled === 50) c.close();
    },
  });
  await rejects(x.stream_digest(counting, 2500), "max_allowed_size", "stream beyond the limit");
  if (pulled > 5) fail(`the stream was read on after the limit: ${pulled} chunks pulled`);
  await rejects(x.stream_digest({}, 10), "byte source", "not a byte source");
  eq(await x.stream_digest(data, 1e9), want, "usable after errors");

  // Rust → JS: a ReadableStream.
  // The pull export is published with the first ByteStream (engine/src/stream.rs `PULL`), not a
  // wasm export every app links. This binary runs one test, and has made no ByteStream yet.
  eq(x.SlotwireByteStream, undefined, "no pull export before the first ByteStream");
  eq(Object.keys(rt.wasm).filter((k) => k.includes("SlotwireByteStream")).join(), "", "no wasm export for it");
  const s = x.stream_numbers(5, 70000);
  eq(typeof x.SlotwireByteStream.pull, "function", "the pull export, published with the first ByteStream");
  if (!(s instanceof ReadableStream)) fail("a ByteStream arrives as a ReadableStream");
  const r = s.getReader();
  let total = 0;
  let last = -1;
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) fail("chunks are Uint8Arrays");
    total += value.length;
    last = value[value.length - 1];
  }
  eq(total, 5 * 70000, "every byte of every chunk");
  eq(last, 4, "in order");
  // Cancel frees the Rust source early.
  const before = x.stream_live();
  const s2 = x.stream_numbers(1000, 10);
  eq(x.stream_live(), before + 1, "one live source");
  const r2 = s2.getReader();
  await r2.read();
  await r2.cancel();
  eq(x.stream_live(), before, "cancel frees it");
  const s3 = x.stream_bytes(100000, 30000);
  const r3 = s3.getReader();
  const sizes = [];
  for (;;) {
    const { value, done } = await r3.read();
    if (done) break;
    sizes.push(value.length);
  }
  eq(sizes.join(","), "30000,30000,30000,10000", "from_bytes chunking");
  eq(x.stream_live(), before, "the end frees it");
}

// The package's "slotwire/runtime" entry (src/index.js) installs the features' runtimes (Rust
// objects, records, views) with bare imports (`import "./transport-objects.js"`): package.json's
// "sideEffects" must name them and index.js, or a bundler (esbuild, Vite/Rollup) drops them —
// the bundled `toReadableStream` then refused every ByteStream proxy (ADVERSARIAL-FINDINGS.md,
// tenth session (objects snippet): O1).
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const ENTRY = `
import { toReadableStream } from "./src/index.js";
// A ByteStream proxy as stream.js reads one (typeName + invoke("pull") + dispose).
const proxy = { typeName: "SlotwireByteStream", n: 0, invoke() { return this.n++ < 2 ? new Uint8Array([this.n]) : null; }, dispose() {} };
let out;
try {
  const r = toReadableStream(proxy).getReader();
  const bytes = [];
  for (;;) { const { value, done } = await r.read(); if (done) break; bytes.push(...value); }
  out = "ok " + JSON.stringify(bytes);
} catch (e) { out = "error " + e.name + ": " + e.message; }
export default out;
`;

async function run(bundleIt) {
  const root = fileURLToPath(new URL("..", import.meta.url));
  if (!bundleIt) {
    const { toReadableStream } = await import("../src/index.js");
    const proxy = { typeName: "SlotwireByteStream", n: 0, invoke() { return this.n++ < 2 ? new Uint8Array([this.n]) : null; }, dispose() {} };
    const r = toReadableStream(proxy).getReader();
    const bytes = [];
    for (;;) { const { value, done } = await r.read(); if (done) break; bytes.push(...value); }
    return "ok " + JSON.stringify(bytes);
  }
  const res = await build({
    stdin: { contents: ENTRY, resolveDir: root, sourcefile: "entry.js", loader: "js" },
    bundle: true, format: "esm", platform: "node", write: false, logLevel: "silent",
  });
  const code = res.outputFiles[0].text;
  const m = await import("data:text/javascript;base64," + Buffer.from(code).toString("base64"));
  return m.default;
}

test("slotwire/runtime's toReadableStream works unbundled", async () => {
  assert.equal(await run(false), "ok [1,2]");
});

test("slotwire/runtime's toReadableStream still works once bundled", async () => {
  assert.equal(await run(true), "ok [1,2]");
});

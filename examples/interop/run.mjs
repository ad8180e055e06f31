// Runs the interop samples in Node: node examples/interop/run.mjs <pkg dir>
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "../../js-runtime/lib/app.js";

const pkg = resolve(process.argv[2] ?? "target/examples/interop/pkg");
const rt = await load(pathToFileURL(`${pkg}/interop.js`).href);
await rt.importModule("app", new URL("./app.js", import.meta.url));
const x = rt.exports;

assert.equal(x.object_sample(), 'Arthur asks "What does Arthur get?" and gets 42');
assert.equal(x.event_sample(), 2);
const out = await x.promise_sample(20, "data:text/plain,hello%20from%20fetch");
assert.equal(
  out,
  'waited for a string; date 1795219200000; fetched "hello from fetch"; caught TypeError: expected rejection',
);
const c = rt.census();
assert.deepEqual(
  [c.jsObjects, c.closures, c.promises, c.asyncExports],
  [0, 0, 0, 0],
  `nothing left held: ${JSON.stringify(c)}`,
);
console.log("interop samples: ok");

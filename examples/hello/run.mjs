// Runs the hello sample in Node: node examples/hello/run.mjs <pkg dir>
// (`cargo xtask bench` builds the pkg and runs this until the benchmark page exists).
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { MemoryView, Runtime, SlotwireError, load } from "../../js-runtime/lib/app.js";

const pkg = resolve(process.argv[2] ?? "target/examples/hello/pkg");
const rt = await load(pathToFileURL(`${pkg}/hello.js`).href);

assert.equal(rt.exports.add(2, 3), 5);
assert.equal(rt.exports.greet("Node"), "Hello, Node, from Rust!");

// Without the shim module the import fails with an error naming the module; the instance lives on.
assert.throws(() => rt.exports.say_hello("early"), /module "shim" was never loaded/);

// One runtime: what `load` returned and the errors it throws are of the classes this app
// imports. The app passes no span or Segment, so its glue loads no view runtime (the memory
// views are a snippet of their own): no MemoryView, and allocSegment says why.
assert.ok(rt instanceof Runtime, "rt is an instance of the imported Runtime");
assert.equal(MemoryView, undefined);
assert.throws(() => rt.allocSegment("u8", 4), (e) => e instanceof SlotwireError && /takes no Segment<T>/.test(e.message));
const missing = await rt.importModule("missing", new URL("./no-such-module.js", import.meta.url)).catch((e) => e);
assert.ok(missing instanceof SlotwireError, String(missing));

const shim = await rt.importModule("shim", new URL("./shim.js", import.meta.url));
assert.equal(rt.exports.say_hello("Node"), "Hello, Node, from Rust!".length);
assert.deepEqual(shim.shown, ["Hello, Node, from Rust!"]);

assert.throws(() => rt.exports.add(1, "2"), { name: "TypeError", message: /add: argument 2 \(b\)/ });
console.log("hello sample: ok");

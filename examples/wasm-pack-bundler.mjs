// The hello example built by `wasm-pack build --target bundler`, loaded as a bundler would load
// it (the glue imports its .wasm as an ES module: `node --experimental-wasm-modules`), then handed
// to slotwire's load(): `cargo xtask bench` runs this on target/wasm-pack/hello-bundler.
//
//   node --experimental-wasm-modules examples/wasm-pack-bundler.mjs <pkg dir>
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as slotwire from "../js-runtime/lib/app.js";

const pkg = resolve(process.argv[2] ?? "target/wasm-pack/hello-bundler");
const glue = await import(pathToFileURL(`${pkg}/hello.js`).href);
const rt = await slotwire.load(glue);
assert.ok(rt instanceof slotwire.Runtime, "one runtime: the package's classes are the glue's");
assert.equal(rt.exports.add(2, 3), 5);
assert.equal(rt.exports.greet("bundler"), "Hello, bundler, from Rust!");
await rt.importModule("shim", { showAlert() {} });
assert.equal(rt.exports.say_hello("bundler"), "Hello, bundler, from Rust!".length);
console.log("wasm-pack --target bundler: ok");

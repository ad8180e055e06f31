// The runtime the crate ships (engine/js/slotwire.js) is the bundle of src/ as it is now, and it
// loads as one module exporting what transport.js exports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { bundle } from "../build/bundle.mjs";
import * as transport from "../src/transport.js";

const shipped = fileURLToPath(new URL("../../engine/js/slotwire.js", import.meta.url));

test("engine/js/slotwire.js is the bundle of js-runtime/src (run `node js-runtime/build/bundle.mjs` after a change)", async () => {
  assert.ok(readFileSync(shipped, "utf8") === (await bundle()), "engine/js/slotwire.js is stale");
});

test("the bundle exports what transport.js exports, and its runtime module carries the version", async () => {
  const b = await import(shipped);
  assert.deepEqual(Object.keys(b).sort(), Object.keys(transport).sort());
  assert.ok(Object.keys(b).length > 20);
  assert.ok(!readFileSync(shipped, "utf8").includes("import "), "one module: no imports left");
});

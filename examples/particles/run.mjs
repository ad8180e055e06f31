// Runs the particles sample in Node: node examples/particles/run.mjs <pkg dir>
// (`cargo xtask bench` builds the pkg). The page (index.html) does the same every frame.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "../../js-runtime/lib/app.js";

const pkg = resolve(process.argv[2] ?? "target/examples/particles/pkg");
const rt = await load(pathToFileURL(`${pkg}/particles.js`).href);
const { init, step, checksum } = rt.exports;

const n = 1000;
const pos = init(n, 320, 240, 7);
assert.equal(pos.kind, "segment");
assert.equal(pos.length, 2 * n);
const sum = () => {
  let s = 0;
  for (const x of pos.typedArray()) s += x;
  return s;
};
const start = sum();
assert.ok(Math.abs(start - checksum()) < 1e-3, "JS's view reads Rust's buffer");
for (let frame = 0; frame < 120; frame++) {
  assert.equal(step(1 / 60), n);
  // The view follows Rust's writes, no copy: the same checksum both sides.
  if (frame % 30 === 0) assert.ok(Math.abs(sum() - checksum()) < 1e-3, `frame ${frame}`);
}
assert.notEqual(sum(), start, "particles moved");
const a = pos.typedArray();
for (let i = 0; i < n; i++) {
  assert.ok(a[2 * i] >= 0 && a[2 * i] <= 320 && a[2 * i + 1] >= 0 && a[2 * i + 1] <= 240, `particle ${i} in the box`);
}
// Growing the memory does not make the view stale.
rt.memory.grow(4);
step(1 / 60);
assert.ok(Math.abs(sum() - checksum()) < 1e-3, "after memory.grow");
pos.dispose();
console.log("particles sample: ok");

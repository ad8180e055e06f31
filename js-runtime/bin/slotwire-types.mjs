#!/usr/bin/env node
// slotwire-types: TypeScript declarations of a wasm-bindgen module's slotwire exports.
//
//   slotwire-types <glue.js> [--wasm <file.wasm>] [--out <file.d.ts>] [--name <Interface>]
//
// Loads the module in Node (`--target web` glue; the .wasm next to it unless --wasm says), reads
// the export descriptors the runtime registered (rt.exportInfo) and writes a .d.ts declaring
// `export interface Exports { ... }` (to stdout without --out). Use it as
// `load<Exports>("./pkg/app.js")`. The module's start code runs (as at any load).

import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "../src/load.js";
import { exportsDts } from "../lib/types.js";

const USAGE = "usage: slotwire-types <glue.js> [--wasm <file.wasm>] [--out <file.d.ts>] [--name <Interface>]";

const args = process.argv.slice(2);
let glue = null;
let wasm;
let out = null;
let name = "Exports";
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if ((a === "--wasm" || a === "--out" || a === "--name") && i + 1 < args.length) {
    const v = args[++i];
    if (a === "--wasm") wasm = pathToFileURL(resolve(v));
    else if (a === "--out") out = v;
    else name = v;
  } else if (a === "-h" || a === "--help") {
    console.log(USAGE);
    process.exit(0);
  } else if (glue === null && !a.startsWith("-")) {
    glue = a;
  } else {
    console.error(USAGE);
    process.exit(2);
  }
}
if (glue === null) {
  console.error(USAGE);
  process.exit(2);
}
if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) {
  console.error(`slotwire-types: --name ${JSON.stringify(name)} is not an identifier`);
  process.exit(2);
}
const rt = await load(pathToFileURL(resolve(glue)).href, wasm);
if (!Array.isArray(rt.exportInfo)) {
  console.error("slotwire-types: the glue's slotwire runtime does not list its exports (built with an older slotwire crate)");
  process.exit(1);
}
const text = exportsDts(rt.exportInfo, { name });
if (out === null) process.stdout.write(text);
else await writeFile(out, text);

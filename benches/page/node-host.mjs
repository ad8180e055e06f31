// The Node host of the benchmark page: the same bench.js, the modules read from disk.
//
//   node benches/page/node-host.mjs [--quick] [pkg dir]      (prints the table)
//
// `benches/run.mjs --node` uses runNodeHost() and writes target/bench/results.json.

import { readFile } from "node:fs/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { prepare, runAll } from "./bench.js";

/**
 * Runs every scenario × path in this Node process.
 * @param {object} o
 * @param {string} o.pkg the directory with bench_wasm.js, bench_wasm_bg.wasm and raw_floor.wasm
 * @param {boolean} [o.quick]
 * @param {string[]} [o.only] scenario, impl or scenario/impl names to run (default: all)
 * @param {(r: object, detail: object) => void} [o.onResult]
 * @returns {Promise<{host: "node", version: string, results: object[]}>}
 */
export async function runNodeHost({ pkg, quick = false, only = [], onResult }) {
  if (typeof globalThis.gc !== "function") {
    // bench.js runs a full GC before each measured batch, as in Chromium (--js-flags=--expose-gc).
    setFlagsFromString("--expose-gc");
    globalThis.gc = runInNewContext("gc");
  }
  const dir = resolve(pkg);
  const glue = await import(pathToFileURL(`${dir}/bench_wasm.js`).href);
  const ctx = await prepare({
    floorBytes: await readFile(`${dir}/raw_floor.wasm`),
    glue,
    wasm: await readFile(`${dir}/bench_wasm_bg.wasm`),
  });
  // Node has no DOM: runAll skips the DOM scenarios (run.mjs says so after the table).
  const results = await runAll(ctx, { quick, only, hasDom: false, onResult });
  return { host: "node", version: process.versions.node, results };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const pkg = args.find((a) => !a.startsWith("--")) ?? "target/bench/pkg";
  const { formatTextTable } = await import("./report.js");
  const out = await runNodeHost({
    pkg,
    quick,
    onResult: (r) => console.log(`${r.scenario}/${r.impl}: ${r.ns_per_op} ns/op`),
  });
  console.log(`\nnode ${out.version}${quick ? " (quick)" : ""}\n${formatTextTable(out.results)}`);
}

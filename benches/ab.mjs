// A/B of two builds of the benchmark's wasm in Node, for changes smaller than this machine's
// noise (whole runs move by up to 2×; ratios measured in one process move far less):
//
//   node benches/ab.mjs <pkg A> <pkg B> --only <scenario/impl,...> [--base <impl|scenario/impl>] [--rounds N]
//
// Each pkg is a directory like target/bench/pkg (bench_wasm.js, bench_wasm_bg.wasm,
// raw_floor.wasm): build the variant, then `wasm-bindgen --target web --out-dir <dir> ...` and
// copy raw_floor.wasm next to it. Each round runs A then B, each in a fresh Node process (the two
// builds' import globals would share names in one), and prints each selected path's time as a
// ratio to the base path of its scenario measured in the same process (default: raw_floor if the
// scenario has it, else wasm_bindgen). At the end: the median ratio per path and variant.
// The base paths are added to --only by themselves.

import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SCENARIOS, implsOf } from "./page/scenarios.js";

const USAGE = `usage: node benches/ab.mjs <pkg A> <pkg B> --only <scenario/impl,...> [--base <impl>] [--rounds N]`;

/** The options, or a usage error. */
export function parseArgs(argv) {
  const o = { pkgs: [], only: [], base: null, rounds: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--only" && i + 1 < argv.length) o.only.push(...argv[++i].split(",").filter(Boolean));
    else if (a === "--base" && i + 1 < argv.length) o.base = argv[++i];
    else if (a === "--rounds" && i + 1 < argv.length) o.rounds = Number(argv[++i]);
    else if (!a.startsWith("--")) o.pkgs.push(a);
    else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if (o.pkgs.length !== 2 || o.only.length === 0 || !(Number.isInteger(o.rounds) && o.rounds > 0)) {
    throw new Error(USAGE);
  }
  for (const sel of o.only) {
    const [s, impl] = sel.split("/");
    const sc = SCENARIOS.find((x) => x.name === s);
    if (sc === undefined || impl === undefined || !implsOf(sc).includes(impl)) {
      throw new Error(`--only ${sel}: not a scenario/impl of the page`);
    }
  }
  return o;
}

/**
 * The base of a path of `scenario`, as `scenario/impl`: `base` if given (an impl of the same
 * scenario, or `scenario/impl` of another: batch_call_i32x3 against call_i32x3/raw_floor), else
 * raw_floor when the scenario has one, else wasm_bindgen.
 */
export function baseOf(scenario, base) {
  if (base !== null && base.includes("/")) {
    const [s, impl] = base.split("/");
    const sc = SCENARIOS.find((x) => x.name === s);
    if (sc === undefined || !implsOf(sc).includes(impl)) throw new Error(`--base ${base}: not a scenario/impl of the page`);
    return base;
  }
  const impls = implsOf(SCENARIOS.find((x) => x.name === scenario));
  const b = base ?? (impls.includes("raw_floor") ? "raw_floor" : "wasm_bindgen");
  if (!impls.includes(b)) throw new Error(`${scenario} has no path ${b}`);
  return `${scenario}/${b}`;
}

/** The median of `xs` (non-empty). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs the selection in a fresh Node process on `pkg`: `scenario/impl` → ns per op. */
function runOnce(pkg, only) {
  const child = `
    import { runNodeHost } from ${JSON.stringify(new URL("./page/node-host.mjs", import.meta.url).href)};
    const out = await runNodeHost({ pkg: ${JSON.stringify(pkg)}, only: ${JSON.stringify(only)} });
    console.log(JSON.stringify(out.results));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", child], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench run on ${pkg} failed:\n${r.stderr}`);
  const lines = r.stdout.trim().split("\n");
  const m = new Map();
  for (const x of JSON.parse(lines[lines.length - 1])) m.set(`${x.scenario}/${x.impl}`, x.ns_per_op);
  return m;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const pkgs = o.pkgs.map((p) => resolve(p));
  const bases = new Map(o.only.map((sel) => [sel, baseOf(sel.split("/")[0], o.base)]));
  const only = [...new Set([...o.only, ...bases.values()])];
  const ratios = new Map(); // "A sel" → ratios
  for (let round = 1; round <= o.rounds; round++) {
    for (const [k, pkg] of pkgs.entries()) {
      const name = "AB"[k];
      const m = runOnce(pkg, only);
      const cells = o.only.map((sel) => {
        const r = m.get(sel) / m.get(bases.get(sel));
        const key = `${name} ${sel}`;
        ratios.set(key, [...(ratios.get(key) ?? []), r]);
        return `${sel} ${r.toFixed(3)}`;
      });
      console.log(`round ${round} ${name}: ${cells.join("  ")}`);
    }
  }
  console.log("\nmedian ratio to the base path (A → B):");
  for (const sel of o.only) {
    const a = median(ratios.get(`A ${sel}`));
    const b = median(ratios.get(`B ${sel}`));
    console.log(`  ${sel} (÷ ${bases.get(sel)}): ${a.toFixed(3)} → ${b.toFixed(3)}`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.message);
    process.exit(2);
  });
}

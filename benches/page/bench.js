// The benchmark: every scenario through every path, measured the same way in the browser page
// (index.html) and in Node (node-host.mjs).
//
// Rust → JS scenarios loop in Rust: `run_<scenario>_<impl>(n)` makes n calls and returns a
// checksum. JS → Rust scenarios loop here, one hand-written loop per path (a shared loop would
// share V8's type feedback between paths). Every batch's checksum is checked outside the timed
// region, so no call can be optimised away and every string must have crossed intact.
//
// Measurement of one scenario × path: warm-up (which calibrates n so that a batch takes about
// `batchMs`), then batches (each after a full GC where the host exposes gc()) until at least
// `minBatches` ran and the median moved less than `tolerance` twice in a row, or `maxBatches` /
// `maxMs` was reached. The result is the median ns per operation of the batches.

import { load } from "../../js-runtime/src/index.js";
import { benchFns, state, STRS16 } from "./fns.js";
import { instantiateFloor } from "./floor.js";
import { IMPLS, SCENARIOS } from "./scenarios.js";

export { IMPLS, SCENARIOS };

export const MODES = Object.freeze({
  full: { warmupMs: 200, batchMs: 20, minBatches: 9, maxBatches: 40, maxMs: 3000, tolerance: 0.02 },
  quick: { warmupMs: 4, batchMs: 2, minBatches: 3, maxBatches: 5, maxMs: 60, tolerance: 0.05 },
});

/**
 * Loads both modules and installs `globalThis.benchFns`.
 * @param {object} o
 * @param {BufferSource} o.floorBytes raw_floor.wasm
 * @param {object} o.glue the namespace of bench_wasm.js (wasm-bindgen --target web)
 * @param {string|URL|BufferSource} o.wasm bench_wasm_bg.wasm (URL in browsers, bytes in Node)
 */
export async function prepare({ floorBytes, glue, wasm }) {
  globalThis.benchFns = benchFns;
  const floor = await instantiateFloor(floorBytes);
  const rt = await load(glue, wasm);
  glue.setup_json_baseline();
  // slotwire's JSON baseline: the `DotNet` object of Blazor (invokeMethod, invokeMethodAsync, ...).
  const json = glue.__slotwire_json();
  return { floor, glue, rt, json };
}

/** `scenario/impl` → `(n) => checksum`. */
export function makeRunners({ floor, glue, rt, json }) {
  const runners = new Map();
  for (const s of SCENARIOS) {
    if (s.dir !== "rust_to_js") continue;
    runners.set(`${s.name}/raw_floor`, floor.exports[`run_${s.name}_raw_floor`]);
    for (const impl of IMPLS.slice(1)) {
      const f = glue[`run_${s.name}_${impl}`];
      if (typeof f !== "function") throw new Error(`bench_wasm.js has no export run_${s.name}_${impl}`);
      runners.set(`${s.name}/${impl}`, f);
    }
  }
  const sw = rt.exports;

  // export_i32: acc += f(i).
  runners.set("export_i32/raw_floor", (n) => {
    const f = floor.exports.export_i32;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(i);
    return acc;
  });
  runners.set("export_i32/wasm_bindgen", (n) => {
    const f = glue.export_i32_wasm_bindgen;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(i);
    return acc;
  });
  runners.set("export_i32/slotwire", (n) => {
    const f = sw.export_i32;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(i);
    return acc;
  });
  // slotwire has no low-level export API: the same rt.exports function (a separate loop, so
  // that it gets its own type feedback).
  runners.set("export_i32/slotwire_lowlevel", (n) => {
    const f = sw.export_i32;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(i);
    return acc;
  });
  runners.set("export_i32/json_baseline", (n) => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += json.invokeMethod("bench", "export_i32", i);
    return acc;
  });

  // export_string_16: acc += f(STRS16[i & 7]).
  runners.set("export_string_16/raw_floor", (n) => {
    const f = floor.exports.export_string_16;
    const p = floor.scratch;
    const write = floor.writeScratch;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(p, write(STRS16[i & 7]));
    return acc;
  });
  runners.set("export_string_16/wasm_bindgen", (n) => {
    const f = glue.export_string_16_wasm_bindgen;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(STRS16[i & 7]);
    return acc;
  });
  runners.set("export_string_16/slotwire", (n) => {
    const f = sw.export_string_16;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(STRS16[i & 7]);
    return acc;
  });
  runners.set("export_string_16/slotwire_lowlevel", (n) => {
    const f = sw.export_string_16;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(STRS16[i & 7]);
    return acc;
  });
  runners.set("export_string_16/json_baseline", (n) => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += json.invokeMethod("bench", "export_string_16", STRS16[i & 7]);
    return acc;
  });
  for (const s of SCENARIOS) {
    for (const impl of IMPLS) {
      if (typeof runners.get(`${s.name}/${impl}`) !== "function") throw new Error(`no runner for ${s.name}/${impl}`);
    }
  }
  return runners;
}

const now = () => performance.now();

function median(xs) {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}

/**
 * A full garbage collection, where the host exposes one (Chromium with --js-flags=--expose-gc,
 * Node with --expose-gc): run before each measured batch so that no batch pays for the garbage
 * of earlier ones.
 */
function collect() {
  if (typeof globalThis.gc === "function") globalThis.gc();
}

/** One batch of n operations, timed; its checksum checked afterwards. Returns milliseconds. */
function batch(scenario, impl, run, n) {
  state.retIndex = 0;
  const voidBefore = state.voidCalls;
  const t0 = now();
  const checksum = run(n);
  const dt = now() - t0;
  const want = scenario.expect(n);
  if (checksum !== want) {
    throw new Error(`${scenario.name}/${impl}: checksum ${checksum} for n = ${n}, expected ${want}`);
  }
  if (scenario.name === "call_void" && state.voidCalls - voidBefore !== n) {
    throw new Error(`call_void/${impl}: ${state.voidCalls - voidBefore} JS calls for n = ${n}`);
  }
  return dt;
}

/**
 * Measures one scenario × path. Returns { ns_per_op, ops, batches, n, min, max } (ops: the
 * operations in the measured batches; min/max: the fastest and slowest batch, ns per op).
 */
export function measure(scenario, impl, run, mode) {
  const { warmupMs, batchMs, minBatches, maxBatches, maxMs, tolerance } = mode;
  const warmupEnd = now() + warmupMs;
  // The next n to try after a batch of n took dt ms: tenfold below 0.1 ms (the timer may not
  // resolve it), else aim at 1.2 × batchMs.
  const grow = (n, dt) => Math.min(2 ** 31 - 1, dt < 0.1 ? n * 10 : Math.max(n + 1, Math.ceil((n * batchMs * 1.2) / dt)));
  // Calibration: grow n until a batch takes batchMs twice in a row (the first batches also pay
  // for binding and compiling, which must not fix n).
  let n = 1;
  for (let slow = 0; slow < 2; ) {
    const dt = batch(scenario, impl, run, n);
    if (dt >= batchMs) slow++;
    else {
      slow = 0;
      n = grow(n, dt);
    }
  }
  // Warm-up: let both JITs tier up, then adjust n once to what the warm code needs.
  while (now() < warmupEnd) batch(scenario, impl, run, n);
  const dt = batch(scenario, impl, run, n);
  if (dt > 0.1 && (dt < batchMs * 0.8 || dt > batchMs * 2)) n = Math.max(1, Math.min(2 ** 31 - 1, Math.round((n * batchMs) / dt)));

  // Stop once the median moved less than `tolerance` over two batches in a row.
  const samples = [];
  let ops = 0;
  let last = NaN;
  let steady = 0;
  const deadline = now() + maxMs;
  for (;;) {
    collect();
    const dt = batch(scenario, impl, run, n);
    samples.push((dt * 1e6) / n);
    ops += n;
    if (samples.length >= minBatches) {
      const m = median(samples);
      steady = Math.abs(m - last) < tolerance * last ? steady + 1 : 0;
      if (steady >= 2 || samples.length >= maxBatches || now() > deadline) {
        return { ns_per_op: m, ops, batches: samples.length, n, min: Math.min(...samples), max: Math.max(...samples) };
      }
      last = m;
    }
  }
}

/** Rounds to 4 significant digits. */
export function round4(x) {
  if (!Number.isFinite(x) || x === 0) return x;
  const d = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(x))));
  return Number(x.toFixed(Math.min(d, 12)));
}

/**
 * Whether `scenario/impl` is selected by `only`: a list of `scenario`, `impl` or
 * `scenario/impl` names; empty selects everything.
 */
export function selected(only, scenario, impl) {
  return only.length === 0 || only.some((o) => o === scenario || o === impl || o === `${scenario}/${impl}`);
}

/**
 * Runs every scenario × path (or those `only` selects). `onResult(result, detail)` is called after
 * each; between measurements the event loop gets a turn (so a page can repaint).
 * @returns {Promise<Array<{scenario: string, impl: string, ns_per_op: number, ops: number}>>}
 */
export async function runAll(ctx, { quick = false, only = [], onResult = () => {} } = {}) {
  const mode = quick ? MODES.quick : MODES.full;
  const runners = makeRunners(ctx);
  if (!quick) {
    // One short pass over everything first: every binding made, every function compiled, the
    // page settled after loading, before the first measurement counts.
    for (const s of SCENARIOS) {
      for (const impl of IMPLS) {
        if (selected(only, s.name, impl)) measure(s, impl, runners.get(`${s.name}/${impl}`), MODES.quick);
      }
    }
  }
  const results = [];
  for (const s of SCENARIOS) {
    for (const impl of IMPLS) {
      if (!selected(only, s.name, impl)) continue;
      const m = measure(s, impl, runners.get(`${s.name}/${impl}`), mode);
      const r = { scenario: s.name, impl, ns_per_op: round4(m.ns_per_op), ops: m.ops };
      results.push(r);
      onResult(r, m);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  return results;
}

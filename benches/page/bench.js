// The benchmark: every scenario through every path, measured the same way in the browser page
// (index.html) and in Node (node-host.mjs).
//
// Rust → JS scenarios loop in Rust: `run_<scenario>_<impl>(n)` makes n calls and returns a
// checksum. JS → Rust scenarios loop here, one hand-written loop per path (a shared loop would
// share V8's type feedback between paths); so does `callback_i32`, over the callback Rust hands
// JS once per batch. `promise_roundtrip` (dir "async") loops in async Rust: JS awaits the promise
// of n sequential awaits inside the timed region. Every batch's checksum is checked outside the
// timed region, so no call can be optimised away and every string must have crossed intact. So is
// the census of held JS objects (slotwire's in Rust and in JS, the JSON baseline's, the raw
// floor's): a batch that leaves one more handle alive than before fails the run.
//
// The DOM scenarios (dir "dom", page/dom.js) time one operation at a time, with a forced layout
// after each outside the timed region, and check the DOM after each instead of a checksum; they
// need a document, so the Node host skips them (`runsOn`).
//
// Measurement of one scenario: for each path, warm-up, which calibrates n so that a batch takes
// about `batchMs`; then rounds of one batch per path, interleaved (each after a full GC where the
// host exposes gc()), until at least `minBatches` rounds ran and every path's median moved less
// than `tolerance` twice in a row, or `maxBatches` / `maxMs` was reached. The result is the median
// ns per operation of each path's batches.

import { load } from "../../js-runtime/src/index.js";
import { benchFns, state, STRS16 } from "./fns.js";
import { instantiateFloor } from "./floor.js";
import { domRunner, rustPath, vanillaPath } from "./dom.js";
import { IMPLS, SCENARIOS, implsOf, runsOn } from "./scenarios.js";

export { IMPLS, SCENARIOS, implsOf, runsOn };

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

/**
 * What every path that keeps count holds across the boundary: slotwire in Rust
 * (`slotwire::census()`: JS objects, closures, awaited promises, running async exports) and in JS
 * (`rt.census()`, the same four), the JSON baseline's (JS object and Rust object references,
 * pending async calls), the raw floor's (object handles, callback functions, awaited promises).
 * (wasm-bindgen's externref table and closures have no census.)
 * @returns {() => object} the counts by name
 */
export function makeCensus({ floor, glue, rt, json }) {
  return () => {
    const [closures, promises, asyncExports] = glue.slotwire_census_async();
    const js = rt.census();
    const j = json.census();
    return {
      rust: glue.slotwire_census_js_objects(),
      rustClosures: closures,
      rustPromises: promises,
      rustAsyncExports: asyncExports,
      js: js.jsObjects,
      jsClosures: js.closures,
      jsPromises: js.promises,
      jsAsyncExports: js.asyncExports,
      json: j.jsObjects,
      jsonRustObjects: j.rustObjects,
      jsonPendingCalls: j.pendingCalls,
      floor: floor.liveObjects(),
      floorCallbacks: floor.liveCallbacks(),
      floorPromises: floor.pendingPromises(),
    };
  };
}

/** `scenario/impl` → `(n) => checksum`. */
export function makeRunners({ floor, glue, rt, json }) {
  const runners = new Map();
  for (const s of SCENARIOS) {
    if (s.dir !== "rust_to_js") continue;
    for (const impl of implsOf(s)) {
      if (impl === "raw_floor") {
        runners.set(`${s.name}/raw_floor`, floor.exports[`run_${s.name}_raw_floor`]);
        continue;
      }
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
  // The low-level export API: functions Rust registered at run time (register_export_fn) under
  // rt.exports.lowlevel.
  glue.register_exports_slotwire_lowlevel();
  runners.set("export_i32/slotwire_lowlevel", (n) => {
    const f = sw.lowlevel.export_i32;
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
    const f = sw.lowlevel.export_string_16;
    let acc = 0;
    for (let i = 0; i < n; i++) acc += f(STRS16[i & 7]);
    return acc;
  });
  runners.set("export_string_16/json_baseline", (n) => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += json.invokeMethod("bench", "export_string_16", STRS16[i & 7]);
    return acc;
  });
  // callback_i32: Rust hands JS its callback once per batch (benchFns.storeCallback), JS calls it
  // n times, acc += f(i); then Rust drops it. One loop per path.
  const callbackRunner = (begin, end) => {
    if (typeof begin !== "function" || typeof end !== "function") throw new Error("callback_i32: no begin/end export");
    return (n) => {
      begin();
      const f = state.callback;
      let acc = 0;
      try {
        for (let i = 0; i < n; i++) acc += f(i);
      } finally {
        state.callback = null;
        end();
      }
      return acc;
    };
  };
  runners.set("callback_i32/raw_floor", callbackRunner(floor.exports.callback_i32_begin_raw_floor, floor.exports.callback_i32_end_raw_floor));
  runners.set("callback_i32/wasm_bindgen", callbackRunner(glue.callback_i32_begin_wasm_bindgen, glue.callback_i32_end_wasm_bindgen));
  runners.set("callback_i32/slotwire", callbackRunner(glue.callback_i32_begin_slotwire, glue.callback_i32_end_slotwire));
  runners.set("callback_i32/slotwire_lowlevel", callbackRunner(glue.callback_i32_begin_slotwire_lowlevel, glue.callback_i32_end_slotwire_lowlevel));
  // As Blazor: the callback is a DotNetObjectReference (RustObjectReference), called with
  // ref.invokeMethod(name, ...args).
  runners.set("callback_i32/json_baseline", (n) => {
    glue.callback_i32_begin_json_baseline();
    const r = state.callback;
    let acc = 0;
    try {
      for (let i = 0; i < n; i++) acc += r.invokeMethod("callback_i32", i);
    } finally {
      state.callback = null;
      glue.callback_i32_end_json_baseline();
    }
    return acc;
  });

  // promise_roundtrip: one async Rust loop of n awaits; these return its promise.
  runners.set("promise_roundtrip/raw_floor", (n) => floor.promiseRoundtrip(n));
  runners.set("promise_roundtrip/wasm_bindgen", glue.run_promise_roundtrip_wasm_bindgen);
  runners.set("promise_roundtrip/slotwire", sw.run_promise_roundtrip_slotwire);
  // A task started with slotwire::spawn resolves a promise made for the batch.
  runners.set("promise_roundtrip/slotwire_lowlevel", glue.run_promise_roundtrip_slotwire_lowlevel);
  runners.set("promise_roundtrip/json_baseline", glue.run_promise_roundtrip_json_baseline);

  // The DOM scenarios: one path object per impl (begin, end, create, update, swap, clear), run
  // one operation at a time by dom.js's domRunner. Made in every host; they touch the document
  // only when run.
  const domPaths = {
    vanilla_js: vanillaPath(),
    web_sys: rustPath(glue, "web_sys"),
    sledgehammer: rustPath(glue, "sledgehammer"),
    slotwire: rustPath(glue, "slotwire"),
    slotwire_batched: rustPath(glue, "slotwire_batched"),
  };
  for (const s of SCENARIOS) {
    if (s.dir !== "dom") continue;
    for (const impl of implsOf(s)) runners.set(`${s.name}/${impl}`, domRunner(s.name, s.op, domPaths[impl], impl));
  }

  for (const s of SCENARIOS) {
    for (const impl of implsOf(s)) {
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

/**
 * One batch of n operations, timed; its checksum, the objects it made and the census of live
 * handles (`census()`, see makeCensus) checked afterwards. Resolves to milliseconds. An `async`
 * scenario's run returns a promise of the checksum, awaited inside the timed region.
 */
async function batch(scenario, impl, run, n, census) {
  state.retIndex = 0;
  state.lastObject = null;
  const voidBefore = state.voidCalls;
  const createdBefore = state.created;
  const held = census();
  let checksum;
  let dt;
  if (scenario.dir === "async") {
    const t0 = now();
    checksum = await run(n);
    dt = now() - t0;
  } else if (scenario.dir === "dom") {
    // The runner times each operation itself and checks the DOM after each (dom.js).
    dt = run(n);
  } else {
    const t0 = now();
    checksum = run(n);
    dt = now() - t0;
  }
  const what = `${scenario.name}/${impl}`;
  if (scenario.dir !== "dom") {
    const want = scenario.expect(n);
    if (checksum !== want) throw new Error(`${what}: checksum ${checksum} for n = ${n}, expected ${want}`);
  }
  if (scenario.name === "call_void" && state.voidCalls - voidBefore !== n) {
    throw new Error(`call_void/${impl}: ${state.voidCalls - voidBefore} JS calls for n = ${n}`);
  }
  if (scenario.created !== undefined && state.created - createdBefore !== scenario.created(n)) {
    throw new Error(`${what}: ${state.created - createdBefore} objects created for n = ${n}, expected ${scenario.created(n)}`);
  }
  if (scenario.lastAnswer !== undefined && state.lastObject?.answer !== scenario.lastAnswer(n)) {
    throw new Error(
      `${what}: the last object's answer is ${state.lastObject?.answer} for n = ${n}, expected ${scenario.lastAnswer(n)}`,
    );
  }
  const after = census();
  const leaks = Object.keys(held).filter((k) => after[k] !== held[k]);
  if (leaks.length > 0) {
    throw new Error(
      `${what}: LEAK: live handles changed over a batch of n = ${n}: ` +
        leaks.map((k) => `${k} ${held[k]} → ${after[k]}`).join(", "),
    );
  }
  return dt;
}

/**
 * The mode of a scenario: `mode`, its `batchMs` scaled by the scenario's `batchScale` if it has
 * one (the DOM scenarios: see scenarios.js).
 */
function modeOf(scenario, mode) {
  return scenario.batchScale === undefined ? mode : { ...mode, batchMs: mode.batchMs * scenario.batchScale };
}

/**
 * Warm-up and calibration of one scenario × path: returns the n for which a batch takes about
 * `batchMs` (scaled by the scenario's `batchScale`, `modeOf`) once the code is warm.
 */
export async function calibrate(scenario, impl, run, mode, census) {
  const { warmupMs, batchMs } = modeOf(scenario, mode);
  const warmupEnd = now() + warmupMs;
  // The next n to try after a batch of n took dt ms: tenfold below 0.1 ms (the timer may not
  // resolve it), else aim at 1.2 × batchMs.
  const grow = (n, dt) => Math.min(2 ** 31 - 1, dt < 0.1 ? n * 10 : Math.max(n + 1, Math.ceil((n * batchMs * 1.2) / dt)));
  // Grow n until a batch takes batchMs twice in a row (the first batches also pay for binding
  // and compiling, which must not fix n).
  let n = 1;
  for (let slow = 0; slow < 2; ) {
    const dt = await batch(scenario, impl, run, n, census);
    if (dt >= batchMs) slow++;
    else {
      slow = 0;
      n = grow(n, dt);
    }
  }
  // Warm-up: let both JITs tier up, then adjust n once to what the warm code needs.
  while (now() < warmupEnd) await batch(scenario, impl, run, n, census);
  const dt = await batch(scenario, impl, run, n, census);
  if (dt > 0.1 && (dt < batchMs * 0.8 || dt > batchMs * 2)) n = Math.max(1, Math.min(2 ** 31 - 1, Math.round((n * batchMs) / dt)));
  return n;
}

/**
 * Measures one scenario through several paths. Each path is calibrated, then the paths' batches
 * are interleaved, round after round (each round starting with the next path), so that a
 * disturbance of the machine hits every path alike and the ratios stay meaningful. Stops when
 * every path's median moved less than `tolerance` in two rounds in a row (after at least
 * `minBatches` rounds), or after `maxBatches` rounds or `maxMs` per path.
 *
 * @param {Array<{impl: string, run: (n: number) => number}>} entries
 * @param {() => object} census the live handle counts (makeCensus)
 * @returns {Promise<Array<{impl, ns_per_op, ops, batches, n, min, max}>>} ops: the operations in the
 *   measured batches; min/max: the fastest and slowest batch, ns per op
 */
export async function measureScenario(scenario, entries, mode, census) {
  const { minBatches, maxBatches, maxMs, tolerance } = mode;
  const ns = [];
  for (const e of entries) ns.push(await calibrate(scenario, e.impl, e.run, mode, census));
  const samples = entries.map(() => []);
  const last = entries.map(() => NaN);
  const steady = entries.map(() => 0);
  const deadline = now() + maxMs * entries.length;
  for (let round = 1; ; round++) {
    for (let k = 0; k < entries.length; k++) {
      const j = (k + round) % entries.length;
      collect();
      const dt = await batch(scenario, entries[j].impl, entries[j].run, ns[j], census);
      samples[j].push((dt * 1e6) / ns[j]);
    }
    if (round < minBatches) continue;
    let done = true;
    for (let j = 0; j < entries.length; j++) {
      const m = median(samples[j]);
      steady[j] = Math.abs(m - last[j]) < tolerance * last[j] ? steady[j] + 1 : 0;
      last[j] = m;
      if (steady[j] < 2) done = false;
    }
    if (done || round >= maxBatches || now() > deadline) break;
  }
  return entries.map((e, j) => ({
    impl: e.impl,
    ns_per_op: median(samples[j]),
    ops: ns[j] * samples[j].length,
    batches: samples[j].length,
    n: ns[j],
    min: Math.min(...samples[j]),
    max: Math.max(...samples[j]),
  }));
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
 * Runs every scenario × path (or those `only` selects) that runs on this host (`runsOn`: the DOM
 * scenarios need a document; `hasDom` defaults to whether there is one). `onResult(result,
 * detail)` is called after each; between measurements the event loop gets a turn (so a page can
 * repaint).
 * @returns {Promise<Array<{scenario: string, impl: string, ns_per_op: number, ops: number}>>}
 */
export async function runAll(
  ctx,
  { quick = false, only = [], hasDom = typeof document !== "undefined", onResult = () => {} } = {},
) {
  const mode = quick ? MODES.quick : MODES.full;
  const runners = makeRunners(ctx);
  const census = makeCensus(ctx);
  if (!quick) {
    // One short pass over everything first: every binding made, every function compiled, the
    // page settled after loading, before the first measurement counts.
    for (const s of SCENARIOS) {
      if (!runsOn(s, { hasDom })) continue;
      for (const impl of implsOf(s)) {
        if (selected(only, s.name, impl)) await calibrate(s, impl, runners.get(`${s.name}/${impl}`), MODES.quick, census);
      }
    }
  }
  const results = [];
  for (const s of SCENARIOS) {
    if (!runsOn(s, { hasDom })) continue;
    const entries = implsOf(s)
      .filter((impl) => selected(only, s.name, impl))
      .map((impl) => ({ impl, run: runners.get(`${s.name}/${impl}`) }));
    if (entries.length === 0) continue;
    for (const m of await measureScenario(s, entries, mode, census)) {
      const r = { scenario: s.name, impl: m.impl, ns_per_op: round4(m.ns_per_op), ops: m.ops };
      results.push(r);
      onResult(r, m);
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return results;
}

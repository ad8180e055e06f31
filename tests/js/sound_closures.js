// The JS half of tests/tests/sound_closures.rs (tests/ADVERSARIAL-FINDINGS.md N1 N2 N3 N5 N6).

import { eq, fail, throwsWith } from "./harness.js";

let kept = [];

const module = {
  keepFn(f) {
    kept.push(f);
  },
};

export function registerSoundClosures(rt) {
  rt.importModule("sc", module);
}


const checks = {
  // N1 + N2: JS writes the two JsObject handles before Rust finds the closure gone.
  droppedClosure(rt) {
    kept = [];
    rt.exports.sc_closure(false);
    const f = kept.pop();
    const before = rt.census().jsObjects;
    for (let i = 0; i < 3; i++) {
      throwsWith(() => f([{}, {}]), "SlotwireError", ["closure", "dropped"], `call ${i + 1} of a dropped closure`);
    }
    eq(rt.census().jsObjects, before, "rt.census().jsObjects after 3 calls of a dropped closure");
    eq(rt.poisoned, null, "not poisoned");
  },
  // N1: the closure is dropped by a getter of its own argument, after JS wrote the first handle.
  droppedByOwnGetter(rt) {
    kept = [];
    rt.exports.sc_closure(true);
    const f = kept.pop();
    const before = rt.census().jsObjects;
    const a = [{}, {}];
    Object.defineProperty(a, 1, { get: () => (rt.exports.sc_drop_closures(), {}) });
    throwsWith(() => f(a), "SlotwireError", ["closure", "dropped"], "a closure dropped by its argument's getter");
    eq(rt.census().jsObjects, before, "rt.census().jsObjects");
    eq(rt.poisoned, null, "not poisoned");
  },
  // N5: F2 in the closure path: the getter grows memory while JS writes the closure's argument.
  liveClosureArgumentGrows(rt) {
    kept = [];
    rt.exports.sc_closure(true);
    const f = kept.pop();
    const before = rt.census().jsObjects;
    for (const grow of [() => rt.memory.grow(1), () => rt.exports.sc_sum_f64(new Array(200_000).fill(1))]) {
      const a = [{}, {}, {}];
      Object.defineProperty(a, 1, { get: () => (grow(), {}) });
      eq(f(a), 103, "the closure saw 3 objects");
    }
    eq(rt.census().jsObjects, before, "rt.census().jsObjects");
    rt.exports.sc_drop_closures();
    eq(rt.poisoned, null, "not poisoned");
  },
  // N3: Rust cannot allocate (simulated: the allocator export answers 0, as when memory cannot
  // grow): the RangeError names the export and the argument.
  outOfMemoryNamesArgument(rt) {
    const h = rt.heap;
    const real = h.wasm;
    h.wasm = { ...real, slotwire_alloc: () => 0 };
    try {
      throwsWith(() => rt.exports.sc_sum_f64(new Float64Array(100_000)), "RangeError", ["sc_sum_f64: argument 1 (v)", "out of memory"], "Vec<f64> typed array");
      throwsWith(() => rt.exports.sc_len_strings(new Array(10_000).fill("s")), "RangeError", ["sc_len_strings: argument 1 (v)", "out of memory"], "Vec<String>");
      throwsWith(() => rt.exports.sc_any_len(new Array(10_000).fill(1)), "RangeError", ["sc_any_len: argument 1 (v)", "out of memory"], "JsAny");
    } finally {
      h.wasm = real;
    }
    eq(rt.exports.sc_sum_f64([1, 2]), 3, "usable afterwards");
    eq(rt.poisoned, null, "not poisoned");
  },
  // N6: holes after 512 elements: a TypeError, and memory grows by about what was valid.
  sparseArrayDoesNotGrowMemory(rt) {
    const cases = [
      ["sc_len_i32", 2 ** 28 + 1, 7],
      ["sc_len_i32", 2 ** 26, 7],
      ["sc_len_strings", 2 ** 26, "s"],
      // JsAny takes holes (undefined): a symbol at 512 is its bad element.
      ["sc_any_len", 2 ** 21, 1, Symbol("bad")],
    ];
    for (const [fn, n, val, bad] of cases) {
      const a = new Array(n);
      a.fill(val, 0, 512);
      if (bad !== undefined) a[512] = bad;
      const before = rt.memory.buffer.byteLength;
      let e = null;
      try {
        rt.exports[fn](a);
      } catch (x) {
        e = x;
      }
      if (e === null) fail(`${fn}(sparse Array(${n})): accepted`);
      if (!(e instanceof TypeError || e instanceof RangeError) || !String(e.message).includes(`${fn}: argument 1`)) {
        fail(`${fn}(sparse Array(${n})): ${e.name}: ${e.message}`);
      }
      const grew = rt.memory.buffer.byteLength - before;
      if (grew > 8 << 20) fail(`${fn}(sparse Array(${n})): memory grew by ${grew} bytes`);
    }
    eq(rt.exports.sc_len_i32(new Array(300_000).fill(3)), 300_000, "a large valid Array still passes");
    eq(rt.exports.sc_len_strings(new Array(70_000).fill("ab")), 70_000, "a large valid Vec<String> still passes");
    eq(rt.exports.sc_any_len(new Array(70_000).fill(1)), 70_000, "a large valid JsAny array still passes");
    eq(rt.poisoned, null, "not poisoned");
  },
};

export function runSoundClosuresCheck(rt, name) {
  const c = checks[name];
  if (c === undefined) throw new Error(`no check ${name}`);
  c(rt);
}

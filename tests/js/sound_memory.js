// The JS half of tests/tests/sound_memory.rs: JS-side marshalling soundness (issue 9: F1, F2, F3,
// F9, F13). Sizes that do not fit wasm32, memory growing while JS writes arguments and results,
// re-entrant calls during a result write, and JsAny cycles, DAGs and depth.

let RT = null;

function fail(msg) {
  throw new Error(msg);
}

function eq(actual, expected, what) {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Runs `f`, which must throw a `cls` whose message includes every one of `texts`; returns it. */
function throwsWith(f, cls, texts, what) {
  let e = null;
  try {
    f();
  } catch (x) {
    e = x;
  }
  if (e === null) fail(`${what}: did not throw`);
  if (!(e instanceof cls)) fail(`${what}: expected ${cls.name}, got ${e && e.name}: ${e && e.message}`);
  for (const t of [].concat(texts)) {
    if (!String(e.message).includes(t)) fail(`${what}: message ${JSON.stringify(e.message)} lacks ${JSON.stringify(t)}`);
  }
  return e;
}

/** Grows the instance's memory by one page, from JS or through an export that allocates. */
function grow(how) {
  if (how === "memory.grow") RT.memory.grow(1);
  else if (how === "export") RT.exports.grow_memory(1);
  else if (how === "str export") RT.exports.alloc_str("xxxxxxxx"); // a fast `&str` export (frame memory in use)
  else RT.exports.alloc_fast(8 << 20);
}

const HOW = ["memory.grow", "export", "alloc", "str export"];

/** An array whose element `i` is a getter that grows memory, then returns `v`. */
function growingAt(values, i, how) {
  const a = values.slice();
  Object.defineProperty(a, i, {
    get() {
      grow(how);
      return values[i];
    },
  });
  return a;
}

// Module "sound": what the imports of sound_memory.rs call.
const soundModule = {
  // F2: an import result whose element getter grows memory.
  growingStrings: (how) => growingAt(["one", "two", "three"], 1, how),
  growingNumbers: (how) => growingAt([1.5, 2.5, 3.5], 1, how),
  growingAny: (how) => [1, growingAt(["x", [2, 3]], 0, how), "end"],
  // F2: an async import resolving with such an array, or a thenable whose `then` getter grows memory.
  growingLater: (how) => new Promise((resolve) => setTimeout(() => resolve(growingAt(["p", "q"], 0, how)), 1)),
  growingThen: (how) => {
    const value = Promise.resolve(41);
    return {
      get then() {
        grow(how);
        return (res, rej) => value.then(res, rej);
      },
    };
  },
  // F3: the outer result's element getter calls an export that calls an import returning a long
  // string: the nested call must have a result area of its own.
  // The outer strings do not fit the frame area: the first goes to Rust's result buffer, the
  // second to a block of its own, before the getter runs.
  outerList: () => {
    const a = ["A".repeat(70000), "C".repeat(70000), "", "D".repeat(70000)];
    Object.defineProperty(a, 2, {
      get() {
        const inner = RT.exports.inner_long();
        return `B${inner.length}`;
      },
    });
    return a;
  },
  outerListThrowing: () => {
    const a = ["A".repeat(70000), "C".repeat(70000), ""];
    Object.defineProperty(a, 2, {
      get() {
        try {
          RT.exports.inner_throws();
        } catch (e) {
          return `caught ${e.message.includes("E".repeat(70000))}`;
        }
        return "not thrown";
      },
    });
    return a;
  },
  longString: () => "Z".repeat(70000),
  throwLong: () => {
    throw new Error("E".repeat(70000));
  },
  // F13: Rust → JS depth.
  depthOf: (v) => {
    let d = 0;
    while (Array.isArray(v)) {
      d++;
      v = v[0];
    }
    return d;
  },
  hold: () => new Promise(() => {}),
};

export function registerSoundModule(rt) {
  RT = rt;
  rt.importModule("sound", soundModule);
}

/** A liar: a Float64Array whose `length` getter says 1. */
class ShortFloat64Array extends Float64Array {
  get length() {
    return 1;
  }
}

function proxyWithLength(len, target = [1, 2, 3]) {
  return new Proxy(target, {
    get(t, k) {
      return k === "length" ? len : t[k];
    },
  });
}

function dag(levels) {
  let v = [1];
  for (let i = 0; i < levels; i++) v = [v, v];
  return v;
}

/** `depth` arrays, each the only element of the one around it. */
function chain(depth) {
  let v = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
}

export function runSoundCheck(rt, name) {
  RT = rt;
  const x = rt.exports;
  const checks = {
    // ---- F1: length × element size is checked before anything is allocated. ----
    oversizeVecF64() {
      const before = x.kept_sum();
      const a = new Array(2 ** 29 + 2);
      a.fill(7, 0, 512);
      throwsWith(() => x.sum_f64(a), RangeError, ["sum_f64: argument 1 (v)", "2147483640"], "Vec<f64> of 2^29+2");
      eq(x.kept_sum(), before, "Rust's own data unchanged");
      eq(x.sum_f64([1, 2, 3.5]), 6.5, "usable afterwards");
      eq(rt.poisoned, null, "not poisoned");
    },
    oversizeVecString() {
      throwsWith(() => x.join_strings(new Array(2 ** 28 + 1)), RangeError, ["join_strings: argument 1 (v)"], "Vec<String> of 2^28+1");
      throwsWith(() => x.join_strings(new Array(2 ** 27 + 1)), RangeError, ["join_strings: argument 1 (v)"], "Vec<String> of 2^27+1");
      eq(x.join_strings(["a", "b"]), "a,b", "usable afterwards");
      eq(x.kept_sum(), 400, "Rust's own data unchanged");
      eq(rt.poisoned, null, "not poisoned");
    },
    oversizeAny() {
      throwsWith(() => x.any_echo(new Array(2 ** 28 + 1)), RangeError, ["any_echo: argument 1 (v)"], "JsAny of 2^28+1");
      throwsWith(() => x.any_echo([1, new Array(2 ** 29 + 2)]), RangeError, ["any_echo: argument 1 (v)"], "nested JsAny of 2^29+2");
      eq(JSON.stringify(x.any_echo([1, ["a"]])), '[1,["a"]]', "usable afterwards");
      eq(x.kept_sum(), 400, "Rust's own data unchanged");
    },
    lyingLengths() {
      // A typed array's length is its own, whatever a getter says.
      const liar = new ShortFloat64Array(1000).fill(1);
      eq(x.sum_f64(liar), 1000, "a subclass's length getter is not believed");
      // An Array Proxy's length is checked like any other number.
      throwsWith(() => x.sum_f64(proxyWithLength(2 ** 40)), RangeError, ["sum_f64: argument 1 (v)"], "2^40 elements");
      throwsWith(() => x.join_strings(proxyWithLength(2 ** 32, ["a"])), RangeError, ["join_strings: argument 1 (v)"], "2^32 strings");
      throwsWith(() => x.sum_f64(proxyWithLength(-1)), RangeError, ["sum_f64: argument 1 (v)"], "length -1");
      throwsWith(() => x.sum_f64(proxyWithLength(1.5)), RangeError, ["sum_f64: argument 1 (v)"], "length 1.5");
      throwsWith(() => x.any_echo(proxyWithLength(2 ** 33)), RangeError, ["any_echo: argument 1 (v)"], "JsAny 2^33");
      eq(x.sum_f64(proxyWithLength(2)), 3, "a proxy with a true length");
      eq(x.kept_sum(), 400, "Rust's own data unchanged");
    },
    // ---- F9: allocSegment beyond what wasm32 can hold. ----
    oversizeSegment() {
      throwsWith(() => rt.allocSegment("u8", 2 ** 32), RangeError, ["allocSegment"], "2^32 u8");
      throwsWith(() => rt.allocSegment("u8", 2 ** 32 + 5), RangeError, ["allocSegment"], "2^32+5 u8");
      throwsWith(() => rt.allocSegment("f64", 2 ** 29), RangeError, ["allocSegment"], "2^29 f64");
      throwsWith(() => rt.allocSegment("u16", 2 ** 31), RangeError, ["allocSegment"], "2^31 u16");
      const s = rt.allocSegment("u8", 5);
      eq(s.length, 5, "a small one");
      eq(rt.exports.segment_len(s), 5, "taken by an export");
      s.dispose();
    },
    rawAllocRefusesTruncatedSizes() {
      const w = rt.wasm;
      // Each raw export takes the size as a number it can check: a size that does not fit is 0,
      // never a smaller block.
      eq(w.slotwire_alloc(2 ** 32 + 16) >>> 0, 0, "slotwire_alloc(2^32 + 16)");
      eq(w.slotwire_alloc(2 ** 31) >>> 0, 0, "slotwire_alloc(2^31)");
      eq(w.slotwire_alloc(-16) >>> 0, 0, "slotwire_alloc(-16)");
      eq(w.slotwire_alloc(1.5) >>> 0, 0, "slotwire_alloc(1.5)");
      eq(w.slotwire_result_buffer(2 ** 32 + 8) >>> 0, 0, "slotwire_result_buffer(2^32 + 8)");
      eq(w.slotwire_segment_alloc(2, 2 ** 32) >>> 0, 0, "slotwire_segment_alloc(u8, 2^32)");
      eq(w.slotwire_segment_alloc(2, 2 ** 32 + 5) >>> 0, 0, "slotwire_segment_alloc(u8, 2^32 + 5)");
      eq(x.join_strings(["still", "fine"]), "still,fine", "usable afterwards");
    },
    // ---- F2: memory growing while JS writes export arguments. ----
    growingVecString() {
      for (const how of HOW) {
        eq(x.join_strings(["earlier", "secret"]), "earlier,secret", "a call before");
        eq(x.join_strings(growingAt(["first", "mine"], 0, how)), "first,mine", `${how} in the getter of [0]`);
        eq(x.join_strings(growingAt(["first", "mine", "x".repeat(100)], 1, how)), `first,mine,${"x".repeat(100)}`, `${how} in [1]`);
      }
      // An element getter calling the same export re-entrantly (its frame nests above ours).
      const a = ["outer", "", "y".repeat(70000)];
      Object.defineProperty(a, 1, { get: () => x.join_strings(["in", "ner", "z".repeat(70000)]).slice(0, 6) });
      eq(x.join_strings(a), `outer,in,ner,${"y".repeat(70000)}`, "re-entered from a getter");
    },
    growingVecF64() {
      for (const how of HOW) {
        eq(x.sum_f64([100, 200]), 300, "a call before");
        eq(x.sum_f64(growingAt([1, 2, 4], 1, how)), 7, `${how} in the getter of [1]`);
      }
    },
    growingMix() {
      for (const how of HOW) {
        eq(x.mix(["a", "b"], 1.5, "s"), "a,b|1.5|s", "a call before");
        eq(x.mix(growingAt(["c", "d"], 1, how), 2.5, "t"), "c,d|2.5|t", `${how}: the arguments after it`);
        const d = new Date(5);
        d.getTime = () => {
          grow(how);
          return Date.prototype.getTime.call(d);
        };
        eq(x.date_ms(d), 5, `${how} in a Date's getTime`);
        // valueOf / Symbol.toPrimitive are never called: a number is a number.
        let called = false;
        const tricky = {
          valueOf() {
            called = true;
            grow(how);
            return 1;
          },
          [Symbol.toPrimitive]() {
            called = true;
            grow(how);
            return 1;
          },
        };
        throwsWith(() => x.mix(["a"], tricky, "s"), TypeError, ["mix: argument 2 (x)"], "an object for f64");
        throwsWith(() => x.sum_f64([1, tricky]), TypeError, ["sum_f64: argument 1 (v)[1]"], "an object for an f64 element");
        eq(called, false, "no coercion ran");
        eq(x.mix(["e"], 3, "f"), "e|3|f", "usable afterwards");
      }
    },
    growingVecObject() {
      const objs = [{ a: 1 }, { b: 2 }, { c: 3 }];
      for (const how of HOW) {
        const before = rt.census().jsObjects;
        eq(x.count_objects(objs), 3, "a call before");
        eq(x.count_objects(growingAt(objs, 1, how)), 3, `${how} in the getter of [1]`);
        eq(x.last_object_key(growingAt(objs, 0, how)), "c", `${how}: the handles are the right objects`);
        eq(rt.census().jsObjects, before, `${how}: no handle leaked`);
        // A throw after a growing getter gives back the handles taken before it.
        const bad = growingAt([objs[0], objs[1], 5], 1, how);
        throwsWith(() => x.count_objects(bad), TypeError, ["count_objects: argument 1 (v)[2]"], "a bad element");
        eq(rt.census().jsObjects, before, `${how}: no handle leaked after a throw`);
      }
    },
    growingAny() {
      for (const how of HOW) {
        eq(JSON.stringify(x.any_echo([1, ["a", 2]])), '[1,["a",2]]', "a call before");
        const v = [1, growingAt(["a", [2, "b"]], 1, how), "c"];
        eq(JSON.stringify(x.any_echo(v)), '[1,["a",[2,"b"]],"c"]', `${how} inside a JsAny`);
      }
    },
    // ---- F13: JsAny cycles, DAGs and depth. ----
    cyclicAny() {
      const cyclic = [1];
      cyclic.push(cyclic);
      const e = throwsWith(() => x.any_echo(cyclic), TypeError, ["any_echo: argument 1 (v)", "cycle"], "a cyclic array");
      if (e.message.length > 200) fail(`a short message, got ${e.message.length} characters`);
      // A cycle 50 arrays long: still a short message, found where it closes.
      const start = [0];
      let cur = start;
      for (let i = 0; i < 50; i++) {
        const next = [i];
        cur.push(next);
        cur = next;
      }
      cur.push(start);
      const e2 = throwsWith(() => x.any_echo(start), TypeError, ["cycle"], "a long cycle");
      if (e2.message.length > 400) fail(`a short message for a long cycle, got ${e2.message.length} characters`);
      // Linear time: 200 calls, well under a second.
      const t0 = Date.now();
      for (let i = 0; i < 200; i++) throwsWith(() => x.any_echo(cyclic), TypeError, ["cycle"], "again");
      const ms = Date.now() - t0;
      if (ms > 2000) fail(`200 cyclic-array errors took ${ms} ms`);
      eq(JSON.stringify(x.any_echo([1, [2]])), "[1,[2]]", "usable afterwards");
    },
    deepAny() {
      eq(x.any_depth(chain(64)), 64, "64 levels pass");
      throwsWith(() => x.any_echo(chain(65)), RangeError, ["any_echo: argument 1 (v)", "64"], "65 levels");
      throwsWith(() => x.any_echo(chain(100000)), RangeError, ["any_echo: argument 1 (v)"], "100,000 levels");
      eq(x.any_depth(chain(3)), 3, "usable afterwards");
    },
    dagAny() {
      const before = rt.census().jsObjects;
      // 40 arrays, each [prev, prev]: 2^40 leaves by value.
      const t0 = Date.now();
      throwsWith(() => x.any_echo(dag(40)), RangeError, ["any_echo: argument 1 (v)", "elements"], "a DAG of 2^40 leaves");
      const ms = Date.now() - t0;
      if (ms > 10000) fail(`the DAG took ${ms} ms to refuse`);
      // Small DAGs are fine: shared arrays are copied by value.
      const small = dag(4);
      eq(JSON.stringify(x.any_echo(small)), JSON.stringify(small), "a small DAG by value");
      eq(rt.census().jsObjects, before, "no handle leaked");
    },
    deepAnyResult() {
      // A JsAny from Rust nested deeper than 64 arrays is an error, not a stack overflow.
      throwsWith(() => x.deep_any(20000), RangeError, ["deep_any: result", "64"], "20,000 levels from Rust");
      throwsWith(() => x.deep_any(65), RangeError, ["deep_any: result", "64"], "65 levels from Rust");
      eq(soundModule.depthOf(x.deep_any(64)), 64, "64 levels from Rust pass");
      eq(x.sum_f64([1]), 1, "usable afterwards");
      eq(rt.poisoned, null, "not poisoned");
    },
  };
  const c = checks[name];
  if (c === undefined) fail(`no sound check ${name}`);
  c();
}

/** Async checks: each resolves to "ok" or rejects; none may hang (a timeout rejects). */
export function runSoundAsync(rt, name) {
  RT = rt;
  const x = rt.exports;
  const checks = {
    // F2: an async export awaiting an import that resolves with an array whose getter grows memory.
    async growingLater() {
      for (const how of HOW) {
        eq(await x.join_later(how), "p,q", `${how}: the async export settles with the value`);
        eq(await x.then_later(how), 41, `${how}: a then getter`);
      }
    },
  };
  const c = checks[name];
  if (c === undefined) return Promise.reject(new Error(`no async sound check ${name}`));
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error(`${name}: timed out (an export never settled)`)), 10000));
  return Promise.race([c().then(() => "ok"), timeout]);
}

/** Raw settle of a promise Rust awaits with a forged, out-of-bounds string: Rust traps reading it. */
export function settleForged(rt, ptr) {
  const ids = [...rt.heap.promises.pending.keys()];
  const id = ids[ids.length - 1];
  rt.heap.promises.pending.delete(id);
  const u32 = new Uint32Array(rt.memory.buffer);
  const u8 = new Uint8Array(rt.memory.buffer);
  const r = (ptr + 16) >>> 2; // slot 1, the result
  u32[r] = 0x7fff0000; // far beyond the memory's end, within isize
  u32[r + 1] = 0;
  u32[r + 2] = 0x100;
  u8[ptr + 16 + 12] = 17; // string
  u8[ptr + 16 + 14] = 0;
  try {
    rt.settlePromise(id, 0, ptr);
  } catch (e) {
    return `trapped: ${e && e.message}`;
  }
  return "no trap";
}

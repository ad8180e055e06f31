// The JS half of tests/tests/sound_functions.rs: attacks on functions (register_export_fn,
// JsClosure::from_fn) and their &str parameters.

import { eq, fail, throwsWith } from "./harness.js";

let kept = [];
let onHook = null;
let strings = null;

const module = {
  hook(step) {
    if (onHook === null) throw new Error(`hook ${step} with no handler`);
    return onHook(step);
  },
  keepFn(f) {
    kept.push(f);
  },
  strings(kind) {
    if (strings === null) throw new Error(`strings ${kind} with no handler`);
    return strings(kind);
  },
};

export function registerSoundFunctions(rt) {
  rt.importModule("sf", module);
}

export function sfLiveFunctions(rt) {
  return rt.functions.size;
}


const te = new TextEncoder();
/** FNV-1a of the parts' UTF-8 (as TextEncoder makes it), 0xff between parts (as Rust's `fnv`). */
function fnv(...parts) {
  let h = 0x811c9dc5;
  parts.forEach((p, i) => {
    if (i > 0) h = Math.imul(h ^ 0xff, 0x01000193) >>> 0;
    const b = te.encode(p);
    for (let j = 0; j < b.length; j++) h = Math.imul(h ^ b[j], 0x01000193) >>> 0;
  });
  return h >>> 0;
}

/** The frame area as it is between calls: at its base, nothing borrowed, no result open. */
function heapAtRest(rt, what) {
  const h = rt.heap;
  if (h.top !== h.base) fail(`${what}: heap top ${h.top} is not its base ${h.base}`);
  eq(h.overflow.length, 0, `${what}: overflow blocks`);
  eq(h.resultDepth, 0, `${what}: result depth`);
  eq(h.inResult, false, `${what}: inResult`);
  eq(h.results.length, 0, `${what}: nested results`);
  eq(rt.poisoned, null, `${what}: poisoned`);
}

/** A string of `n` UTF-16 units mixing 1-, 2-, 3- and 4-byte UTF-8 (`seed` varies it). */
function mixed(n, seed = 0) {
  const pieces = ["a", "é", "€", "😀", "z", "\u0000", "ß"];
  let s = "";
  let i = seed;
  while (s.length < n) s += pieces[i++ % pieces.length];
  return s.slice(0, n).replace(/[\ud800-\udbff]$/, "x");
}

const runs = (rt) => rt.exports.sf_runs();

const checks = {
  // Objects with valueOf/toString/toPrimitive, Proxies, Symbols, BigInts, boxed strings: refused
  // with a TypeError naming the export and the argument; no user code and no function runs; the
  // strings encoded before the bad argument are given back.
  hostileArguments(rt) {
    const sf = rt.exports.sf;
    let trapped = 0;
    const trap = (what) => () => {
      trapped++;
      fail(`user code ran: ${what}`);
    };
    const proxyTraps = {};
    for (const k of ["get", "has", "ownKeys", "getPrototypeOf", "getOwnPropertyDescriptor", "apply", "construct", "defineProperty", "set"]) {
      proxyTraps[k] = () => {
        trapped++;
        throw new Error(`proxy trap ${k} ran`);
      };
    }
    const boxed = new String("abc");
    boxed.toString = trap("boxed toString");
    boxed.valueOf = trap("boxed valueOf");
    const hostile = [
      ["valueOf/toString", { valueOf: trap("valueOf"), toString: trap("toString") }],
      ["toPrimitive", { [Symbol.toPrimitive]: trap("toPrimitive") }],
      ["Proxy", new Proxy({}, proxyTraps)],
      ["function Proxy", new Proxy(function () {}, proxyTraps)],
      ["Symbol", Symbol("s")],
      ["BigInt", 3n],
      ["null", null],
      ["undefined", undefined],
      ["String object", boxed],
      ["Number object", new Number(3)],
      ["array of a string", ["abc"]],
      ["a function", trap("function")],
    ];
    const big = "x".repeat(1 << 20);
    const r0 = runs(rt);
    const cases = [
      // [export, args, index of the bad argument]
      ["sf.hash", (v) => [v], 0],
      ["sf.hash3", (v) => [big, big, v], 2],
      ["sf.hash3", (v) => [big, v, "c"], 1],
      ["sf.hash3", (v) => [v, big, big], 0],
      ["sf.weigh", (v) => [v, big, 1.5], 0],
      ["sf.weigh", (v) => [1, v, 1.5], 1],
      ["sf.weigh", (v) => [1, big, v], 2],
      ["sf.nsn", (v) => [1, big, v], 2],
      ["sf.ends", (v) => [big, v], 1],
      ["sf.probe2", (v) => [big, 0, v], 2],
      ["sf.probe2", (v) => [big, v, big], 1],
    ];
    for (const [name, args, bad] of cases) {
      const f = name.split(".").reduce((o, k) => o[k], rt.exports);
      for (const [label, v] of hostile) {
        const what = `${name} with ${label} as argument ${bad + 1}`;
        throwsWith(() => f(...args(v)), "TypeError", [`${name}: argument ${bad + 1}`], what);
        heapAtRest(rt, what);
      }
    }
    eq(trapped, 0, "user code run by the checks");
    eq(runs(rt), r0, "function runs for refused calls");
    // Numbers out of range or not integers: refused too (RangeError or TypeError), no run.
    for (const [f, args, what] of [
      [sf.weigh, [2 ** 31, "a", 1], "i32 2^31"],
      [sf.weigh, [1.5, "a", 1], "i32 1.5"],
      [sf.weigh, [NaN, "a", 1], "i32 NaN"],
      [sf.nsn, [-1, "a", "c"], "u32 -1"],
      [sf.nsn, [2 ** 32, "a", "c"], "u32 2^32"],
      [sf.nsn, [1, "a", "ab"], "char of two"],
      [sf.nsn, [1, "a", ""], "empty char"],
      [sf.ends, ["a", 1], "bool 1"],
      [sf.ends, ["a", "true"], "bool string"],
    ]) {
      throwsWith(() => f(...args), null, ["argument"], what);
      heapAtRest(rt, what);
    }
    eq(runs(rt), r0, "function runs for refused numbers");
    // Still usable.
    eq(sf.weigh(3, "abcd", 0.5), 12.5, "weigh after the attacks");
    eq(sf.hash("abc"), fnv("abc"), "hash after the attacks");
    heapAtRest(rt, "end");
  },

  // Too few arguments: refused (no run); extra arguments: ignored (as callbacks take them).
  arity(rt) {
    const sf = rt.exports.sf;
    const r0 = runs(rt);
    for (const [f, args, what] of [
      [sf.hash, [], "hash()"],
      [sf.hash3, ["a", "b"], "hash3(a, b)"],
      [sf.weigh, [1, "ab"], "weigh(1, ab)"],
      [sf.probe2, ["a", 0], "probe2(a, 0)"],
    ]) {
      throwsWith(() => f(...args), null, [], what);
      heapAtRest(rt, what);
    }
    // Explicit undefined counts as an argument: a TypeError, not a run.
    throwsWith(() => sf.hash3("a", "b", undefined), "TypeError", ["sf.hash3: argument 3"], "hash3(a, b, undefined)");
    eq(runs(rt), r0, "runs for too few arguments");
    eq(sf.hash("abc", "extra", {}, Symbol("x")), fnv("abc"), "hash with extra arguments");
    eq(sf.weigh(2, "abc", 1, "more"), 7, "weigh with extra arguments");
    eq(sf.hash3.call({ not: "this" }, "a", "b", "c", "d"), fnv("a", "b", "c"), "hash3 with a this and extras");
    eq(runs(rt), r0 + 3, "runs for extra arguments");
    heapAtRest(rt, "end");
  },

  // Empty strings, lone surrogates (U+FFFD, as TextEncoder), NULs, astral characters, and three
  // strings of 1.5 MB in one call (each beyond the frame area): Rust sees exactly the UTF-8
  // TextEncoder makes; the frame is back at its base after each.
  stringShapes(rt) {
    const sf = rt.exports.sf;
    const small = ["", "a", "\u0000", "\ud800", "\udfff", "a\ud800b", "\udc00\ud800", "😀", "\ud83d\ude00\ud83d", "é€😀", "x".repeat(65536)];
    for (const s of small) {
      eq(sf.hash(s), fnv(s), `hash(${JSON.stringify(s.slice(0, 20))})`);
      heapAtRest(rt, "small");
    }
    eq(sf.hash("\ud800"), fnv("\ufffd"), "a lone surrogate is U+FFFD");
    eq(sf.ends("\ud800x", false), "\ufffd", "first char of a lone surrogate");
    eq(sf.ends("", true), "-", "no last char");
    eq(sf.ends("ab😀", true), "😀", "last char astral");
    eq(sf.nsn(4294967295, "ab", "\u0001"), 2, "nsn wraps");
    eq(sf.nsn(0, "", "😀"), 0x1f600, "nsn astral char");
    eq(sf.nsn(0, "", "\ud800"), 0xfffd, "nsn lone surrogate char");
    eq(sf.weigh(-2, "é", 0.25), -3.75, "weigh negative");
    const sizes = [0, 1, 65535, 65536, 65537, 1_500_000];
    for (const n of sizes) {
      for (const m of [0, 70_000, 1_500_000]) {
        const a = mixed(n, 1);
        const b = mixed(m, 2);
        const c = mixed(Math.max(n, m), 3);
        eq(sf.hash3(a, b, c), fnv(a, b, c), `hash3(${n}, ${m}, ${Math.max(n, m)})`);
        heapAtRest(rt, `hash3 ${n} ${m}`);
      }
    }
    const huge = mixed(1_500_000, 4);
    eq(sf.hash3(huge, huge, huge), fnv(huge, huge, huge), "three 1.5M strings");
    eq(sf.lens(huge, huge, huge), 3 * te.encode(huge).length, "lens of three 1.5M strings");
    heapAtRest(rt, "end");
  },

  // The function calls JS (hook), which grows memory, calls other functions with big strings
  // and re-enters the same function with other strings, three deep; each level must still read
  // its own bytes afterwards (probe returns -1 otherwise).
  reenterAndGrow(rt) {
    const sf = rt.exports.sf;
    const calls = [];
    const strs = [mixed(100, 10), mixed(200_000, 11), mixed(30, 12), mixed(1_000_000, 13)];
    onHook = (step) => {
      calls.push(step);
      rt.memory.grow(2);
      const filler = mixed(300_000, step);
      eq(sf.hash(filler), fnv(filler), `hash inside step ${step}`);
      eq(sf.hash3(filler, filler, "z"), fnv(filler, filler, "z"), `hash3 inside step ${step}`);
      if (step > 1) {
        const s = strs[step % strs.length];
        eq(sf.probe(s, step - 1), fnv(s), `probe re-entered at step ${step - 1}`);
        eq(sf.probe2(s, step - 1, filler), fnv(s, filler), `probe2 re-entered at step ${step - 1}`);
      }
      rt.memory.grow(1);
      return 1;
    };
    try {
      for (const outer of ["ab", mixed(70_000, 20), mixed(2_000_000, 21)]) {
        calls.length = 0;
        eq(sf.probe(outer, 3), fnv(outer), `probe(${outer.length} units, 3)`);
        if (calls.length < 3) fail(`hook calls: ${calls}`);
        heapAtRest(rt, `probe ${outer.length}`);
        eq(sf.probe2(outer, 3, "tail"), fnv(outer, "tail"), `probe2(${outer.length} units, 3)`);
        heapAtRest(rt, `probe2 ${outer.length}`);
      }
    } finally {
      onHook = null;
    }
  },

  // The function unregisters its own export from inside (hook 1) or replaces it (hook 2): the
  // old JS function then throws "dropped" without running, even while the function runs; the
  // running call still reads its own string and returns.
  unregisterSelf(rt) {
    const outer = mixed(90_000, 5);
    let old;
    const oldIsDropped = (step) => {
      const before = runs(rt);
      throwsWith(() => old(outer, 0), "SlotwireError", ["dropped"], `old function inside hook ${step}`);
      throwsWith(() => old("x", 0), "SlotwireError", ["dropped"], `old function (small) inside hook ${step}`);
      eq(runs(rt), before, `no run of the dropped function inside hook ${step}`);
    };
    try {
      // Unregistered inside the call.
      old = rt.exports.sf.probe;
      onHook = (step) => {
        eq(rt.exports.sf_unregister("sf.probe"), true, "unregistered");
        if (rt.exports.sf.probe !== undefined) fail("still exported");
        oldIsDropped(step);
        return 1;
      };
      let r0 = runs(rt);
      eq(old(outer, 1), fnv(outer), "the call that unregistered itself");
      eq(runs(rt), r0 + 1, "one run");
      throwsWith(() => old(outer, 0), "SlotwireError", ["dropped"], "old function afterwards");
      heapAtRest(rt, "after unregister");
      // Replaced inside the call; the replacement re-entered with the same string.
      rt.exports.sf_reregister("sf.probe");
      old = rt.exports.sf.probe;
      onHook = (step) => {
        rt.exports.sf_reregister("sf.probe");
        if (rt.exports.sf.probe === old) fail("not replaced");
        oldIsDropped(step);
        eq(rt.exports.sf.probe(outer, 0), fnv(outer), "the replacement inside the old call");
        return 1;
      };
      r0 = runs(rt);
      eq(old(outer, 2), fnv(outer), "the call that replaced itself");
      eq(runs(rt), r0 + 2, "two runs");
      throwsWith(() => old("y", 0), "SlotwireError", ["dropped"], "replaced function afterwards");
      eq(rt.exports.sf.probe("y", 0), fnv("y"), "the replacement afterwards");
      heapAtRest(rt, "after replace");
    } finally {
      onHook = null;
    }
  },

  // The hook throws (after growing memory and encoding a big string): Rust gets the error, the
  // function still reads its string, nothing is poisoned, the frame is back.
  hookThrows(rt) {
    const sf = rt.exports.sf;
    onHook = (step) => {
      rt.memory.grow(1);
      sf.hash(mixed(200_000, step));
      if (step === 1) throw new Error("hook threw");
      if (step === 2) throw Symbol("a symbol");
      if (step === 3) {
        const e = new Error("getter error");
        Object.defineProperty(e, "message", { get: () => fail("message getter ran") });
        throw e;
      }
      if (step === 4) return "not a number";
      // A bad argument to a nested call, thrown out of the hook.
      sf.hash3(mixed(200_000, 1), mixed(200_000, 2), 7);
      return 1;
    };
    try {
      for (const step of [1, 2, 3, 5]) {
        const s = mixed(120_000, step);
        eq(sf.probe(s, step), -2, `probe with hook ${step} throwing`);
        heapAtRest(rt, `hook ${step}`);
      }
      const s = mixed(120_000, 9);
      let r;
      try {
        r = sf.probe(s, 4);
      } catch (e) {
        r = e;
      }
      // A bad i32 result from the hook: an error (Err in Rust → -2, or thrown); never a wrong
      // reading of the string.
      if (r !== -2 && !(r instanceof Error)) fail(`probe with a bad hook result: ${String(r)}`);
      heapAtRest(rt, "hook 4");
      eq(sf.probe(s, 0), fnv(s), "probe afterwards");
    } finally {
      onHook = null;
    }
  },

  // JsClosure::from_fn handed to JS through an import: the same closure is the same function;
  // it takes strings; once dropped it throws "dropped" and does not run, with any arguments.
  fromFnThroughImport(rt) {
    kept = [];
    rt.exports.sf_make_fn(true);
    eq(kept.length, 2, "kept twice");
    const [f, g] = kept;
    eq(f, g, "the same JsClosure is the same JS function");
    eq(typeof f, "function", "a function");
    const big = mixed(300_000, 7);
    eq(f("abc", 0), fnv("abc"), "f(abc)");
    eq(f(big, 0), fnv(big), "f(big)");
    eq(f("", 0, "extra"), fnv(""), "f with an extra argument");
    throwsWith(() => f({ toString: () => fail("toString ran") }, 0), "TypeError", ["argument 1"], "f(object)");
    throwsWith(() => f("a", -1), null, ["argument 2"], "f(a, -1)");
    heapAtRest(rt, "live");
    const r0 = runs(rt);
    rt.exports.sf_drop_kept();
    for (const args of [["abc", 0], [big, 0], ["", 1, "extra"]]) {
      throwsWith(() => f(...args), "SlotwireError", ["dropped"], `dropped f(${args.length} args)`);
      heapAtRest(rt, "dropped");
    }
    // Bad arguments to a dropped closure: refused (the argument's error or "dropped"), no run.
    for (const args of [[], [1, 2, 3], [{ valueOf: () => fail("valueOf ran") }, 0]]) {
      throwsWith(() => f(...args), null, [], `dropped f with bad arguments (${args.length})`);
      heapAtRest(rt, "dropped, bad arguments");
    }
    eq(runs(rt), r0, "no run after the drop");
    // A JsClosure dropped at once: JS's function never calls Rust.
    kept = [];
    rt.exports.sf_make_fn(false);
    const [h] = kept;
    throwsWith(() => h("abc", 0), "SlotwireError", ["dropped"], "a from_fn dropped before JS called it");
    eq(runs(rt), r0, "no run of the one dropped at once");
    // Three strings through the import.
    kept = [];
    rt.exports.sf_make_fn3();
    const [k] = kept;
    const a = mixed(100_000, 1);
    const c = mixed(1_100_000, 3);
    eq(k(a, "", c), fnv(a, "", c), "from_fn of three strings");
    heapAtRest(rt, "three");
    rt.exports.sf_drop_kept();
    throwsWith(() => k(a, "", c), "SlotwireError", ["dropped"], "three strings, dropped");
    heapAtRest(rt, "three dropped");
    kept = [];
  },

  // The from_fn closure's own call drops it (through the hook): inside, JS's function throws
  // "dropped"; the running call still reads its string; afterwards it stays dropped.
  fromFnDroppedWhileRunning(rt) {
    kept = [];
    rt.exports.sf_make_fn(true);
    const f = kept[0];
    const s = mixed(150_000, 8);
    onHook = (step) => {
      rt.exports.sf_drop_kept();
      rt.memory.grow(1);
      const before = runs(rt);
      throwsWith(() => f(s, 0), "SlotwireError", ["dropped"], "f inside its own call after the drop");
      eq(runs(rt), before, "no run inside");
      // A new function made inside may reuse the slot: the old JS function must not reach it.
      rt.exports.sf_make_fn(true);
      const g = kept[kept.length - 1];
      if (g === f) fail("a new closure got the dropped one's function");
      throwsWith(() => f("q", 0), "SlotwireError", ["dropped"], "old f with a new closure alive");
      eq(g("q", 0), fnv("q"), "the new closure");
      return step;
    };
    try {
      eq(f(s, 1), fnv(s), "the call that dropped its own closure");
      heapAtRest(rt, "after");
      throwsWith(() => f(s, 0), "SlotwireError", ["dropped"], "f afterwards");
    } finally {
      onHook = null;
      kept = [];
    }
  },

  // An import's Vec<String> result whose element getter calls a function with strings beyond the
  // frame area (allocated while the result is being written): Rust gets every string right.
  calledDuringResult(rt) {
    const sf = rt.exports.sf;
    const parts = [mixed(100_000, 1), mixed(300_000, 2), mixed(50, 3), mixed(200_000, 4)];
    strings = (kind) => {
      const a = [];
      parts.forEach((p, i) => {
        Object.defineProperty(a, i, {
          enumerable: true,
          get: () => {
            const x = mixed(kind === 1 ? 400_000 : 20, i + 5);
            eq(sf.hash(x), fnv(x), `hash inside element ${i}`);
            eq(sf.hash3(x, p, x), fnv(x, p, x), `hash3 inside element ${i}`);
            if (kind === 1) rt.memory.grow(1);
            return p;
          },
        });
      });
      return a;
    };
    try {
      for (const kind of [0, 1]) {
        for (let rep = 0; rep < 3; rep++) {
          eq(rt.exports.sf_collect(kind), fnv(...parts), `collect ${kind} #${rep}`);
          heapAtRest(rt, `collect ${kind}`);
          eq(sf.hash3(parts[1], parts[0], parts[3]), fnv(parts[1], parts[0], parts[3]), "hash3 after collect");
        }
      }
    } finally {
      strings = null;
    }
  },

  // Results equal to the slot path's sentinels (NaN, i32::MIN): returned as they are, the
  // function run once (a function's entry never sends JS to the slot path).
  sentinels(rt) {
    const sf = rt.exports.sf;
    // These attacks are on the typed entries: every function here has one (fast.js
    // makeFastClosure's function is a method named `closure_`), the String result does not.
    for (const k of ["hash", "hash3", "weigh", "nsn", "ends", "lens", "probe", "probe2", "nan", "min", "nanPlain"]) {
      eq(sf[k].name, "closure_", `sf.${k} takes the typed entry`);
    }
    if (sf.upper.name === "closure_" || sf.cprobe.name === "closure_") fail("a slot-path export looks typed");
    let r0 = runs(rt);
    eq(sf.nan("x"), NaN, "NaN result");
    eq(runs(rt), r0 + 1, "NaN: one run");
    eq(sf.nan(""), -0, "-0 result");
    eq(sf.min(5), -(2 ** 31), "i32::MIN result");
    eq(sf.nanPlain(1), NaN, "NaN result without strings");
    eq(runs(rt), r0 + 4, "one run each");
    // Registering under clashing or bad names: refused, nothing left (checked by the caller's
    // census and live-function count), the existing exports untouched.
    eq(rt.exports.sf_register_clashes(), 7, "refused names");
    eq(sf.hash("abc"), fnv("abc"), "sf.hash untouched");
    eq(typeof rt.exports.sf_runs, "function", "the #[js_export] untouched");
    // Names special to JS objects: own properties of the export namespaces, no prototype
    // touched; unregistered, gone (and the namespace with them).
    const protoBefore = Object.getPrototypeOf(rt.exports);
    rt.exports.sf_register_odd();
    eq(Object.getPrototypeOf(rt.exports), protoBefore, "rt.exports' prototype");
    eq(Object.getOwnPropertyDescriptor(rt.exports, "__proto__")?.value?.("abc"), fnv("abc"), "export __proto__");
    eq(rt.exports.sfodd.constructor("é"), fnv("é"), "export sfodd.constructor");
    eq(rt.exports.sfodd.hasOwnProperty("x"), fnv("x"), "export sfodd.hasOwnProperty");
    eq(Object.getOwnPropertyDescriptor(rt.exports.sfodd, "__proto__")?.value?.(""), fnv(""), "export sfodd.__proto__");
    eq({}.constructor, Object, "Object.prototype untouched");
    for (const n of ["__proto__", "sfodd.__proto__", "sfodd.constructor", "sfodd.hasOwnProperty"]) {
      eq(rt.exports.sf_unregister(n), true, `unregister ${n}`);
    }
    eq(Object.hasOwn(rt.exports, "__proto__"), false, "__proto__ gone");
    eq(Object.hasOwn(rt.exports, "sfodd"), false, "namespace sfodd gone");
    // Not constructors.
    r0 = runs(rt);
    throwsWith(() => new sf.hash("abc"), "TypeError", [], "new sf.hash");
    throwsWith(() => new sf.min(1), "TypeError", [], "new sf.min");
    eq(runs(rt), r0, "no run for new");
    heapAtRest(rt, "end");
  },

  // A String-result function (slot path) and a closure with a &str (slot path) that call JS,
  // which re-enters them and calls typed functions with big strings: the re-entered closure is
  // refused (it has state), the function runs; each still reads its own string afterwards.
  slotPathStrings(rt) {
    const sf = rt.exports.sf;
    const outer = mixed(150_000, 6);
    let reentered = null;
    onHook = (step) => {
      const big = mixed(200_000, step);
      rt.memory.grow(1);
      eq(sf.hash3(big, big, big), fnv(big, big, big), "typed function inside");
      try {
        reentered = step === 7 ? sf.upper(big, 0) : sf.cprobe(big, 0);
      } catch (e) {
        reentered = e;
      }
      return 1;
    };
    try {
      eq(sf.upper(outer, 7), outer.toUpperCase(), "upper calling the hook");
      // A function without a typed entry takes the slot path, which for a function (nothing to
      // borrow) runs re-entrantly too.
      if (reentered instanceof Error) fail(`upper re-entered: ${reentered.message}`);
      eq(reentered, mixed(200_000, 7).toUpperCase(), "upper re-entered");
      heapAtRest(rt, "upper");
      eq(sf.cprobe(outer, 8), fnv(outer), "closure calling the hook");
      if (!(reentered instanceof Error)) fail(`closure re-entered: ${String(reentered)}`);
      heapAtRest(rt, "cprobe");
    } finally {
      onHook = null;
    }
  },

  // Rust cannot allocate (the allocator export answers 0): strings beyond the frame area are a
  // RangeError, the blocks of the earlier strings given back, no run, usable afterwards.
  outOfMemory(rt) {
    const sf = rt.exports.sf;
    const h = rt.heap;
    const real = h.wasm;
    const big = "é".repeat(100_000);
    const r0 = runs(rt);
    let allocs = 0;
    for (const failAt of [1, 2, 3]) {
      allocs = 0;
      h.wasm = { ...real, slotwire_alloc: (n) => (++allocs >= failAt ? 0 : real.slotwire_alloc(n)) };
      try {
        throwsWith(() => sf.hash3(big, big, big), "RangeError", ["out of memory"], `alloc ${failAt} fails`);
      } finally {
        h.wasm = real;
      }
      heapAtRest(rt, `alloc ${failAt} fails`);
    }
    eq(runs(rt), r0, "no run");
    eq(sf.hash3(big, "", big), fnv(big, "", big), "usable afterwards");
  },

  // Strings ending right around the frame area's end (the first ASCII part fits, the non-ASCII
  // tail makes it grow past the end: moved to a block), one to three per call; and functions
  // called from the element getters of another export's Vec<String> argument (its frame open).
  frameEdges(rt) {
    const sf = rt.exports.sf;
    const h = rt.heap;
    const room = h.end - h.base;
    for (let k = -24; k <= 24; k++) {
      const a = "a".repeat(room + k - 2) + "é😀";
      eq(sf.hash(a), fnv(a), `hash at edge ${k}`);
      heapAtRest(rt, `edge ${k}`);
      const half = "b".repeat((room >> 1) + k) + "€";
      eq(sf.hash3(half, half, "c€"), fnv(half, half, "c€"), `hash3 halves at edge ${k}`);
      eq(sf.probe2(half, 0, half), fnv(half, half), `probe2 halves at edge ${k}`);
      eq(sf.weigh(2, half, 0), 2 * te.encode(half).length, `weigh at edge ${k}`);
      heapAtRest(rt, `edge halves ${k}`);
    }
    for (const n of [10, 30_000, 70_000]) {
      const parts = [mixed(n, 1), mixed(n, 2), mixed(n, 3)];
      const arr = [];
      parts.forEach((p, i) => {
        Object.defineProperty(arr, i, {
          enumerable: true,
          get: () => {
            const x = mixed(100_000 + i, 9);
            eq(sf.hash3(x, p, x), fnv(x, p, x), `hash3 inside argument element ${i}`);
            eq(sf.probe(p, 0), fnv(p), `probe inside argument element ${i}`);
            rt.memory.grow(1);
            return p;
          },
        });
      });
      eq(rt.exports.sf_hash_vec(arr), fnv(...parts), `sf_hash_vec(${n})`);
      heapAtRest(rt, `inside arguments ${n}`);
    }
  },

  // Thousands of calls with strings beyond the frame area (and failing ones): memory stops
  // growing, the frame comes back each time.
  noFrameLeak(rt) {
    const sf = rt.exports.sf;
    const a = "a".repeat(70_000);
    const b = "é".repeat(40_000);
    const c = "😀".repeat(20_000);
    const want = te.encode(a).length + te.encode(b).length + te.encode(c).length;
    const round = (n) => {
      for (let i = 0; i < n; i++) {
        if (sf.lens(a, b, c) !== want) fail(`lens at ${i}`);
        if (sf.lens("x", "", "yz") !== 3) fail(`small lens at ${i}`);
        if (i % 4 === 0) {
          try {
            sf.lens(a, b, 1);
            fail("accepted a number");
          } catch (e) {
            if (!(e instanceof TypeError)) throw e;
          }
        }
        if (i % 16 === 0 && sf.probe2(a, 0, c) !== fnv(a, c)) fail(`probe2 at ${i}`);
      }
    };
    round(200);
    heapAtRest(rt, "warm-up");
    const bytes = rt.memory.buffer.byteLength;
    round(3000);
    heapAtRest(rt, "after 3000");
    const grew = rt.memory.buffer.byteLength - bytes;
    if (grew > 1 << 20) fail(`memory grew by ${grew} bytes over 3000 rounds`);
  },
};

export function runSoundFunctionsCheck(rt, name) {
  const c = checks[name];
  if (c === undefined) throw new Error(`no check ${name}`);
  c(rt);
}

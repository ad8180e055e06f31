// The JS half of tests/tests/adversarial.rs: a seeded, bounded attack on every type family.
//
// Parts (each a #[wasm_bindgen_test]): "values" (random values of every JS type into every export
// family, and hostile values returned from imports), "inject" (memory growth and re-entrant calls
// from every point where user code runs during marshalling), "handles" (stale and forged handles),
// "oversize" (lengths whose byte size passes 2^32). Every round checks: the right value or a clear
// named error (TypeError/RangeError/SlotwireError naming the function and the argument), the
// instance not poisoned, Rust's canary data intact, both censuses back to baseline, memory under a
// cap. Failures are collected (family, value kind, injection point, seed, message), never stop the
// run, and are returned as one report; "" means nothing failed.
//
// Seed: a fixed default; `SLOTWIRE_ADV_SEED` in Node's environment or `?seed=` in the page's URL
// overrides it. `SLOTWIRE_ADV_ROUNDS` (Node) scales the random rounds.

const DEFAULT_SEED = 0x5107_1e57;
const MEMORY_CAP = 1024 * 1024 * 1024; // bytes: the instance's memory must stay below this
const PART_BUDGET_MS = 20_000; // random rounds stop early past this (the fixed rounds always run)
const ASYNC_TIMEOUT_MS = 1500;

function envValue(name) {
  try {
    const p = globalThis.process;
    if (p && p.env && p.env[name] !== undefined) return p.env[name];
  } catch (_) {
    /* no process */
  }
  try {
    const q = new URLSearchParams(globalThis.location ? globalThis.location.search : "");
    const k = name === "SLOTWIRE_ADV_SEED" ? "seed" : name === "SLOTWIRE_ADV_ROUNDS" ? "rounds" : name;
    if (q.has(k)) return q.get(k);
  } catch (_) {
    /* no location */
  }
  return undefined;
}

const SEED = (() => {
  const s = envValue("SLOTWIRE_ADV_SEED");
  const n = s === undefined ? NaN : Number(s);
  return Number.isInteger(n) ? n >>> 0 : DEFAULT_SEED;
})();
const ROUNDS = (() => {
  const n = Number(envValue("SLOTWIRE_ADV_ROUNDS"));
  return Number.isFinite(n) && n > 0 ? n : 1;
})();

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (xs) => xs[Math.floor(next() * xs.length)];
  return next;
}

// ---- The import module ("adv") --------------------------------------------------------------------

/** What the imports do on their next call (set by a round before it calls the export). */
const mode = { list: null, numbers: null, value: null, later: null, spanRo: null, spanRw: null, records: null, take: null };
const kept = { closures: [], spans: [], objects: [] };

const advModule = {
  tick: () => new Promise((resolve) => setTimeout(resolve, 0)),
  list: (k) => mode.list(k),
  numbers: (k) => mode.numbers(k),
  value: (k) => mode.value(k),
  later: (k) => mode.later(k),
  spanRo: (v) => (mode.spanRo ? mode.spanRo(v) : sumView(v)),
  spanRw: (v) => (mode.spanRw ? mode.spanRw(v) : (v.set(new Array(v.length).fill(1)), 0)),
  records: (v) => (mode.records ? mode.records(v) : sumRecords(v)),
  keepClosure: (kind, f) => {
    kept.closures.push({ kind, f });
  },
  takeObject: (o) => (mode.take ? mode.take(o) : o.value()),
};

function sumView(v) {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v.get(i);
  return s;
}

function sumRecords(v) {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v.get(i).x;
  return s;
}

export function registerAdversarialModule(rt) {
  rt.importModule("adv", advModule);
}

// ---- Outcomes, expectations, failures ---------------------------------------------------------------

class HostileError extends Error {
  constructor(m) {
    super(m);
    this.name = "HostileError";
  }
}

const T = ["TypeError"];
const R = ["RangeError"];
const TR = ["TypeError", "RangeError"];
const NAMED = ["TypeError", "RangeError", "SlotwireError"];

/** An expectation: a list of acceptable outcomes ({ ok, eq } or { err: names }), `user` if the value's own code may throw through. */
const ok = (v, eq = same) => ({ outs: [{ ok: v, eq }] });
const err = (names) => ({ outs: [{ err: names }] });
const oneOf = (...es) => ({ outs: es.flatMap((e) => e.outs), user: es.some((e) => e.user) });
const withUser = (e) => ({ outs: e.outs, user: true });
const ANY = { outs: [{ any: true }], user: true };

function same(a, b) {
  return Object.is(a, b);
}

/** A short description of a value that runs no user code. */
function desc(v, depth = 0) {
  try {
    switch (typeof v) {
      case "string":
        return v.length > 40 ? `string(${v.length}) ${JSON.stringify(v.slice(0, 20))}…` : JSON.stringify(v);
      case "bigint":
        return `${v}n`;
      case "symbol":
        return "symbol";
      case "function":
        return "function";
      case "object":
        if (v === null) return "null";
        if (depth > 1) return "…";
        if (Array.isArray(v)) {
          const n = v.length;
          return n > 6 ? `Array(${n})` : `[${Array.prototype.slice.call(v, 0, 6).map((e) => desc(e, depth + 1)).join(",")}]`;
        }
        return Object.prototype.toString.call(v);
      default:
        return Object.is(v, -0) ? "-0" : String(v);
    }
  } catch (_) {
    return "(hostile)";
  }
}

function errName(e) {
  try {
    return e instanceof HostileError ? "HostileError" : e && typeof e === "object" ? String(e.name) : typeof e;
  } catch (_) {
    return "?";
  }
}

function errMessage(e) {
  try {
    return e && typeof e === "object" ? String(e.message) : String(e);
  } catch (_) {
    return "?";
  }
}

/** Whether an error is "clear and named": one of `names`, its message naming `fn` and an argument. */
function namedProblem(e, names, fn) {
  const n = errName(e);
  const m = errMessage(e);
  if (!names.includes(n)) return `threw ${n} (expected ${names.join("/")}): ${m.slice(0, 300)}`;
  if (!m.includes(fn)) return `${n} does not name the function ${fn}: ${m.slice(0, 300)}`;
  if (!/argument|arguments|\[\d+\]|\bresult\b|\breturn/.test(m)) return `${n} does not name the argument: ${m.slice(0, 300)}`;
  if (m.length > 1000) return `${n} message is ${m.length} characters`;
  return null;
}

class Run {
  constructor(rt, part) {
    this.rt = rt;
    this.x = rt.exports;
    this.part = part;
    this.failures = [];
    this.broken = null;
    this.rounds = 0;
    this.skipped = 0;
    this.groups = new Map();
    this.memoryCap = MEMORY_CAP;
    this.subPromises = [];
    this.rng = prng(SEED ^ hash(part));
    this.start = Date.now();
  }
  overBudget() {
    return Date.now() - this.start > PART_BUDGET_MS;
  }
  fail(where, message) {
    // The same problem in many families/rounds is one group: the family's name and numbers
    // normalised away; the report gives the first instance, the count and the families.
    const key = `${where.check || ""}|${message.split(where.family).join("<fn>").replace(/\d+/g, "#").slice(0, 120)}`;
    let g = this.groups.get(key);
    if (g === undefined) {
      g = { first: `family=${where.family} value=${where.kind || "-"} injection=${where.inj || "-"}: ${message}`, n: 0, families: new Set() };
      this.groups.set(key, g);
      // Written at once too: a later trap that kills the process (memory corruption) keeps it.
      try {
        if (globalThis.process && globalThis.process.stderr) globalThis.process.stderr.write(`[adv-fail] [${this.part}] ${g.first.slice(0, 400)}\n`);
      } catch (_) {
        /* no stderr */
      }
    }
    g.n++;
    g.families.add(where.family);
    this.failures.push(key);
  }
  report() {
    const lines = [];
    for (const g of this.groups.values()) {
      const fams = [...g.families];
      const more = g.n > 1 ? ` [${g.n}× in ${fams.length} famil${fams.length === 1 ? "y" : "ies"}: ${fams.slice(0, 12).join(", ")}${fams.length > 12 ? ", …" : ""}]` : "";
      lines.push(`- [${this.part}] ${g.first}${more}`);
    }
    if (this.broken !== null) lines.push(`- [${this.part}] instance broken (${this.broken}); ${this.skipped} later rounds skipped`);
    return lines.length === 0 ? "" : `${lines.join("\n")}\n(${this.part}: ${this.rounds} rounds in ${Date.now() - this.start} ms, seed ${SEED})`;
  }
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Both censuses, as one comparable record. */
function census(run) {
  const js = run.rt.census();
  const r = run.x.adv_census();
  return {
    js: `jsObjects=${js.jsObjects} closures=${js.closures} promises=${js.promises} asyncExports=${js.asyncExports} rustObjects=${js.rustObjects} segments=${js.segments}`,
    rust: `jsObjects=${r[0]} closures=${r[1]} promises=${r[2]} asyncExports=${r[3]} rustObjects=${r[4]} segments=${r[5]}`,
  };
}

let baselineOf = null;

function takeBaseline(run) {
  run.x.adv_free_hoard();
  run.x.adv_drop_closures();
  baselineOf = census(run);
}

const TRACE = envValue("SLOTWIRE_ADV_TRACE") !== undefined;
const ONLY = envValue("SLOTWIRE_ADV_ONLY");
const INJ_FILTER = envValue("SLOTWIRE_ADV_FILTER");

/** After a round: poisoned? canary? memory? censuses? (re-baselines after a reported leak). */
function checkInstance(run, where) {
  const rt = run.rt;
  if (TRACE) globalThis.process.stderr.write(`[adv] ${run.part} ${where.family} | ${where.kind || "-"} | ${where.inj || "-"}\n`);
  if (rt.poisoned !== null) {
    run.fail({ ...where, check: "poison" }, `instance poisoned: ${String(rt.poisoned).slice(0, 300)}`);
    run.broken = `poisoned after family=${where.family} value=${where.kind || "-"} injection=${where.inj || "-"}`;
    return false;
  }
  let c;
  try {
    run.x.adv_free_hoard();
    c = run.x.adv_canary();
  } catch (e) {
    run.fail({ ...where, check: "sanity" }, `a plain call after the round threw ${errName(e)}: ${errMessage(e).slice(0, 200)}`);
    run.broken = `unusable after family=${where.family} value=${where.kind || "-"}: ${errMessage(e).slice(0, 100)}`;
    return false;
  }
  if (c !== "") {
    run.fail({ ...where, check: "canary" }, `MEMORY CORRUPTION: Rust's canary changed: ${c}`);
    run.broken = `memory corrupted after family=${where.family} value=${where.kind || "-"}`;
    return false;
  }
  const bytes = rt.memory.buffer.byteLength;
  if (bytes > run.memoryCap) {
    run.fail({ ...where, check: "memory" }, `memory grew to ${bytes} bytes (cap ${run.memoryCap}): an invalid input made the instance grow for good`);
    run.memoryCap = bytes; // report each further growth past this once more
  }
  let now;
  try {
    now = census(run);
  } catch (e) {
    run.fail({ ...where, check: "census" }, `census threw ${errName(e)}: ${errMessage(e)}`);
    return true;
  }
  if (now.js !== baselineOf.js || now.rust !== baselineOf.rust) {
    const what = [];
    if (now.js !== baselineOf.js) what.push(`rt.census() ${baselineOf.js} → ${now.js}`);
    if (now.rust !== baselineOf.rust) what.push(`slotwire::census() ${baselineOf.rust} → ${now.rust}`);
    run.fail({ ...where, check: "census" }, `leak/census drift: ${what.join("; ")}`);
    baselineOf = now;
  }
  return true;
}

/** Checks an outcome ({ value } or { error }) against an expectation. */
function judge(run, where, fn, outcome, exp) {
  if ("error" in outcome) {
    const e = outcome.error;
    if (e instanceof HostileError && exp.user) return;
    const errs = exp.outs.filter((o) => o.err || o.any);
    if (errs.length === 0) {
      run.fail(where, `expected ${describeOuts(exp)}, threw ${errName(e)}: ${errMessage(e).slice(0, 300)}`);
      return;
    }
    const names = [...new Set(errs.flatMap((o) => o.err || NAMED))];
    if (names.includes("Error") && errName(e) === "Error") return; // an export's own Err
    const p = namedProblem(e, names, fn);
    if (p !== null) run.fail(where, p);
    return;
  }
  const v = outcome.value;
  for (const o of exp.outs) {
    if (o.any) return;
    if ("ok" in o) {
      let good = false;
      try {
        good = o.eq(v, o.ok);
      } catch (_) {
        good = false;
      }
      if (good) return;
    }
  }
  run.fail(where, `expected ${describeOuts(exp)}, got ${desc(v)}`);
}

function describeOuts(exp) {
  return exp.outs.map((o) => (o.any ? "anything" : o.err ? o.err.join("/") : `value ${desc(o.ok)}`)).join(" or ");
}

function call(f) {
  try {
    return { value: f() };
  } catch (error) {
    return { error };
  }
}

async function callAsync(f) {
  let p;
  try {
    p = f();
  } catch (error) {
    return { error };
  }
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ hang: true }), ASYNC_TIMEOUT_MS);
  });
  try {
    return await Promise.race([Promise.resolve(p).then((value) => ({ value }), (error) => ({ error })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- Values of every JS type ------------------------------------------------------------------------

/** Proxies and hostile objects made here: what they stand for. */
const META = new WeakMap();

function detach(b) {
  structuredClone(b, { transfer: [b] });
}

function detachedBuffer(n) {
  const b = new ArrayBuffer(n);
  detach(b);
  return b;
}

function detachedTyped(ctor) {
  const a = new ctor(4);
  detach(a.buffer);
  return a;
}

function throwingGetters(target) {
  for (const k of [...(Array.isArray(target) ? [] : ["length"]), "0", "1", "then", "constructor", "valueOf", "toString", "name", "message", "getTime"]) {
    Object.defineProperty(target, k, {
      get() {
        throw new HostileError(`getter ${k}`);
      },
      configurable: true,
    });
  }
  Object.defineProperty(target, Symbol.toPrimitive, {
    get() {
      throw new HostileError("getter @@toPrimitive");
    },
  });
  return target;
}

function hostileProxy(target) {
  const h = {};
  for (const t of ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "defineProperty", "set", "deleteProperty", "apply", "construct"]) {
    h[t] = () => {
      throw new HostileError(`trap ${t}`);
    };
  }
  const p = new Proxy(target, h);
  META.set(p, { hostile: true });
  return p;
}

function forwardingProxy(target) {
  const p = new Proxy(target, {});
  META.set(p, { proxyOf: target });
  return p;
}

function revoked(target) {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  META.set(proxy, { revoked: true });
  return proxy;
}

function randomString(rng, n) {
  let s = "";
  for (let i = 0; i < n; i++) {
    const r = rng();
    if (r < 0.6) s += String.fromCharCode(rng.int(0x20, 0x7e));
    else if (r < 0.75) s += String.fromCharCode(rng.int(0xa0, 0x7ff));
    else if (r < 0.85) s += String.fromCodePoint(rng.int(0x10000, 0x10ffff));
    else if (r < 0.92) s += String.fromCharCode(rng.int(0xd800, 0xdfff)); // lone surrogate (mostly)
    else s += String.fromCharCode(rng.int(0, 0x1f));
  }
  return s;
}

function randomNumber(rng) {
  return rng.pick([
    () => rng.int(-300, 300),
    () => rng.int(-(2 ** 31), 2 ** 31),
    () => rng.int(0, 2 ** 32),
    () => (rng() - 0.5) * 2 ** rng.int(-60, 140),
    () => rng.pick([NaN, -0, 0, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, Number.MIN_VALUE, 3.4028235e38, 3.4028236e38, 1e39]),
  ])();
}

function randomBigInt(rng) {
  return rng.pick([0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 70n, -(2n ** 64n), BigInt(rng.int(-1e9, 1e9))]);
}

const TYPED = [Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array, Uint8ClampedArray];

function randomTyped(rng, ctor, n) {
  const a = new ctor(n);
  for (let i = 0; i < n; i++) {
    a[i] = ctor === BigInt64Array || ctor === BigUint64Array ? BigInt(rng.int(-1000, 1000)) : rng.int(-1000, 1000) * (ctor === Float64Array || ctor === Float32Array ? 0.5 : 1);
  }
  return a;
}

/** Value kinds: name → maker(rng, run). Fixed kinds come first; "rand*" kinds draw from the PRNG. */
const VALUES = {
  undefined: () => undefined,
  null: () => null,
  true: () => true,
  false: () => false,
  zero: () => 0,
  negzero: () => -0,
  one: () => 1,
  minus1: () => -1,
  n255: () => 255,
  n256: () => 256,
  n65536: () => 65536,
  n2p31: () => 2 ** 31,
  n2p32: () => 2 ** 32,
  n2p53: () => 2 ** 53,
  half: () => 1.5,
  nan: () => NaN,
  inf: () => Infinity,
  neginf: () => -Infinity,
  f32max: () => 3.4028234663852886e38,
  f32over: () => 1e39,
  tiny: () => 5e-324,
  maxvalue: () => Number.MAX_VALUE,
  bigZero: () => 0n,
  bigMinusOne: () => -1n,
  bigI64Min: () => -(2n ** 63n),
  bigU64Max: () => 2n ** 64n - 1n,
  bigHuge: () => 2n ** 70n,
  empty: () => "",
  str: () => "grüß 𝄞 ok",
  char: () => "x",
  astralChar: () => "𝄞",
  loneHigh: () => "\uD800",
  loneLow: () => "a\uDC00b",
  nul: () => "\0",
  longStr: () => "Z".repeat(70000),
  symbol: () => Symbol("adv"),
  emptyArray: () => [],
  numArray: () => [1, 2.5, -3, 0],
  intArray: () => [1, 2, 3, 255],
  strArray: () => ["a", "é", "𝄞", ""],
  boolArray: () => [true, false],
  holey: () => [1, , 3], // eslint-disable-line no-sparse-arrays
  sparse: () => {
    const a = [];
    a[50] = 1;
    return a;
  },
  mixedArray: () => [1, "a", null, undefined, true, 5n, {}, [2]],
  nestedNum: () => [[1, 2], [], [3.5]],
  nestedStr: () => [["a"], ["b", "c"]],
  nested3: () => [[[1, 2]], [[3]]],
  dateArray: () => [new Date(0), new Date(1e12)],
  objArray: () => [{}, [], () => 1],
  loneArray: () => ["\uDBFF", "ok"],
  bigArray: () => [1n, -2n],
  cyclic: () => {
    const a = [1];
    a.push(a);
    return a;
  },
  deep: () => {
    let a = [];
    for (let i = 0; i < 5000; i++) a = [a];
    return a;
  },
  getterThrowsArray: () => {
    const a = [1, 2, 3];
    Object.defineProperty(a, 1, {
      get() {
        throw new HostileError("element getter");
      },
    });
    return a;
  },
  u8: (rng) => randomTyped(rng, Uint8Array, 5),
  i32: (rng) => randomTyped(rng, Int32Array, 5),
  f32: (rng) => randomTyped(rng, Float32Array, 5),
  f64: (rng) => randomTyped(rng, Float64Array, 5),
  i64: (rng) => randomTyped(rng, BigInt64Array, 3),
  u64: (rng) => randomTyped(rng, BigUint64Array, 3),
  clamped: (rng) => randomTyped(rng, Uint8ClampedArray, 3),
  detachedF64: () => detachedTyped(Float64Array),
  detachedU8: () => detachedTyped(Uint8Array),
  detachedBuffer: () => detachedBuffer(16),
  arrayBuffer: () => new Uint8Array([9, 8, 7]).buffer,
  dataView: () => new DataView(new ArrayBuffer(8)),
  object: () => ({ a: 1 }),
  nullProto: () => Object.create(null),
  valueOf: () => ({ valueOf: () => 5, toString: () => "5" }),
  toPrimitive: () => ({ [Symbol.toPrimitive]: () => 7 }),
  throwingGetters: () => throwingGetters({}),
  throwingArrayGetters: () => throwingGetters([1, 2]),
  thenable: () => ({ then: (r) => r(1) }),
  func: () => (y) => y * 2,
  arrowThrows: () => () => {
    throw new HostileError("called");
  },
  classInstance: () => new (class Foo {})(),
  map: () => new Map([[1, 2]]),
  promise: () => Promise.resolve(1),
  error: () => new TypeError("mine"),
  date: () => new Date(1700000000123),
  dateInvalid: () => new Date(NaN),
  dateLike: () => Object.create(Date.prototype),
  dateSub: () => new (class D extends Date {})(5),
  proxyArray: () => forwardingProxy([1, 2, 3]),
  proxyStrArray: () => forwardingProxy(["p", "q"]),
  proxyObject: () => forwardingProxy({}),
  proxyDate: () => forwardingProxy(new Date(0)),
  proxyFunction: () => forwardingProxy((y) => y + 1),
  hostileProxy: () => hostileProxy({}),
  hostileArrayProxy: () => hostileProxy([1, 2]),
  hostileFnProxy: () => hostileProxy(() => 1),
  revokedProxy: () => revoked({}),
  revokedArray: () => revoked([1]),
  revokedFn: () => revoked(() => 1),
  segmentF64: (rng, run) => {
    const s = run.rt.allocSegment("f64", 3);
    s.set([1, 2, 3.5]);
    run.cleanup.push(() => s.dispose());
    return s;
  },
  segmentU8: (rng, run) => {
    const s = run.rt.allocSegment("u8", 3);
    run.cleanup.push(() => s.dispose());
    return s;
  },
  disposedSegment: (rng, run) => {
    const s = run.rt.allocSegment("f64", 2);
    s.dispose();
    return s;
  },
  rustObject: (rng, run) => {
    const o = run.x.AdvCounter.create(3);
    run.cleanup.push(() => o.dispose());
    return o;
  },
  disposedRustObject: (rng, run) => {
    const o = run.x.AdvCounter.create(3);
    o.dispose();
    return o;
  },
  randNumber: (rng) => randomNumber(rng),
  randBigInt: (rng) => randomBigInt(rng),
  randString: (rng) => randomString(rng, rng.int(0, 40)),
  randNumArray: (rng) => Array.from({ length: rng.int(0, 40) }, () => (rng() < 0.9 ? rng.int(-200, 200) : randomNumber(rng))),
  randStrArray: (rng) => Array.from({ length: rng.int(0, 20) }, () => randomString(rng, rng.int(0, 12))),
  randTyped: (rng) => randomTyped(rng, rng.pick(TYPED), rng.int(0, 20)),
  randMixed: (rng) => Array.from({ length: rng.int(0, 10) }, () => pickValue(rng, null, true)),
  randNested: (rng) => Array.from({ length: rng.int(0, 5) }, () => Array.from({ length: rng.int(0, 5) }, () => rng.int(0, 9))),
};

const FIXED_KINDS = Object.keys(VALUES).filter((k) => !k.startsWith("rand"));
const SIMPLE_KINDS = FIXED_KINDS.filter((k) => !/segment|Segment|rustObject|RustObject|deep|longStr|cyclic/.test(k));

function pickValue(rng, run, simple = false) {
  const kinds = simple ? SIMPLE_KINDS : Object.keys(VALUES);
  const k = rng.pick(kinds);
  return VALUES[k](rng, run);
}

// ---- Oracles: what each family must do with a value -------------------------------------------------

function isRealDate(v) {
  try {
    Date.prototype.getTime.call(v);
    return true;
  } catch (_) {
    return false;
  }
}

function isTypedArray(v) {
  try {
    return ArrayBuffer.isView(v) && !(v instanceof DataView);
  } catch (_) {
    return false;
  }
}

/** Whether reading `v` as an Array runs user code (proxies, accessor elements). */
function arrayRunsUserCode(v) {
  const m = META.get(v);
  if (m && (m.hostile || m.revoked)) return true;
  if (m && m.proxyOf) return false;
  try {
    for (const k of Object.getOwnPropertyNames(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d && (d.get || d.set)) return true;
    }
  } catch (_) {
    return true;
  }
  return false;
}

function unwrap(v) {
  const m = META.get(v);
  return m && m.proxyOf ? m.proxyOf : v;
}

function isObjectLike(v) {
  return (typeof v === "object" && v !== null) || typeof v === "function";
}

const INTS = {
  u8: [0, 255],
  i8: [-128, 127],
  u16: [0, 65535],
  i16: [-32768, 32767],
  u32: [0, 2 ** 32 - 1],
  i32: [-(2 ** 31), 2 ** 31 - 1],
  usize: [0, 2 ** 32 - 1],
  isize: [-(2 ** 31), 2 ** 31 - 1],
};

function intExp(t, v) {
  if (typeof v !== "number") return err(T);
  const [lo, hi] = INTS[t];
  if (!Number.isInteger(v) || v < lo || v > hi) return err(R);
  return ok(v === 0 ? 0 : v);
}

function bigExp(t, v) {
  const [lo, hi] = t === "u64" ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
  if (typeof v === "bigint") return v < lo || v > hi ? err(R) : ok(v);
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) return Number.isInteger(v) && Math.abs(v) <= 2 ** 64 ? oneOf(err(R), ok(BigInt(v))) : err(R);
    const b = BigInt(v);
    return b < lo || b > hi ? err(R) : ok(b);
  }
  return err(T);
}

function f64Exp(v) {
  return typeof v === "number" ? ok(v) : err(T);
}

function f32Exp(v) {
  if (typeof v !== "number") return err(T);
  if (Number.isFinite(v) && !Number.isFinite(Math.fround(v))) return err(R);
  return ok(Math.fround(v));
}

function wellFormed(s) {
  return s.toWellFormed ? s.toWellFormed() : s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function strExp(v) {
  return typeof v === "string" ? ok(wellFormed(v)) : err(T);
}

function charExp(v) {
  if (typeof v !== "string") return err(T);
  const cps = [...v];
  if (cps.length !== 1) return err(T);
  if (wellFormed(v) !== v) return oneOf(ok("\uFFFD"), err(TR));
  return ok(v);
}

function boolExp(v) {
  return typeof v === "boolean" ? ok(v) : err(T);
}

function dateEq(a, b) {
  return isRealDate(a) && Object.is(a.getTime(), b.getTime());
}

function dateExp(v) {
  if (!isObjectLike(v) || !isRealDate(v)) return err(T);
  const t = Date.prototype.getTime.call(v);
  return Number.isNaN(t) ? err(R) : ok(new Date(t), dateEq);
}

function objExp(v) {
  return isObjectLike(v) ? ok(v) : err(T);
}

function optional(inner) {
  return (v) => (v === null || v === undefined ? ok(null) : inner(v));
}

/** JsAny: by run-time type; arrays recursively (as copies), other objects by identity. */
function anyExp(v, depth = 0, seen = new Set()) {
  switch (typeof v) {
    case "undefined":
    case "boolean":
    case "number":
      return ok(v);
    case "string":
      return ok(wellFormed(v));
    case "bigint":
      return v < -(2n ** 63n) || v >= 2n ** 63n ? err(R) : ok(v);
    case "symbol":
      return err(T);
    case "function":
      return ok(v);
    default:
      break;
  }
  if (v === null) return ok(null);
  const m = META.get(v);
  // A revoked Proxy is an object: JsAny takes every object that is not an Array or a Date by
  // handle, without running its traps (`Array.isArray` throws on a revoked Proxy; the engine
  // reads that as "not an Array"), and gives the same Proxy back. Sound — Rust holds an opaque
  // handle, no user code runs — so the handle is right; a TypeError would be too.
  if (m && m.revoked) return oneOf(ok(v), err(T));
  if (m && m.hostile) return withUser(oneOf(ok(v), err(TR)));
  if (!isRealDate(v) && Object.getPrototypeOf(v) === Date.prototype) return oneOf(ok(v), err(T));
  if (isRealDate(v) && !(m && m.proxyOf)) {
    const t = Date.prototype.getTime.call(v);
    return Number.isNaN(t) ? oneOf(err(R), ok(v, (a) => isRealDate(a) && Number.isNaN(a.getTime()))) : ok(new Date(t), dateEq);
  }
  if (Array.isArray(v)) {
    if (seen.has(unwrap(v))) return err(T);
    if (depth > 64) return oneOf(err(TR), ANY);
    if (arrayRunsUserCode(v)) return ANY;
    const a = unwrap(v);
    seen.add(a);
    const elems = [];
    for (let i = 0; i < a.length; i++) {
      const e = anyExp(a[i], depth + 1, seen);
      if (!e.outs.some((o) => "ok" in o)) {
        seen.delete(a);
        return err(TR);
      }
      elems.push(e);
    }
    seen.delete(a);
    return { outs: [{ ok: elems, eq: (got) => Array.isArray(got) && got.length === elems.length && elems.every((e, i) => e.outs.some((o) => ("ok" in o && o.eq(got[i], o.ok)) || o.any)) }], user: elems.some((e) => e.user) };
  }
  return ok(v);
}

/** A Vec<T> from an Array (element by element) or, for numbers, a typed array. */
function vecExp(elem, numeric) {
  return (v) => {
    if (numeric && isTypedArray(v)) {
      const n = v.length;
      const elems = [];
      for (let i = 0; i < n; i++) elems.push(elem(v[i]));
      if (v.buffer && v.buffer.byteLength === 0 && v.byteLength === 0) return oneOf(seqExp(elems), err(T)); // detached
      return seqExp(elems);
    }
    if (isTypedArray(v)) {
      // Not documented for non-number element types, but harmless: read element by element.
      const elems = [];
      for (let i = 0; i < v.length; i++) elems.push(elem(v[i]));
      return v.byteLength === 0 ? oneOf(seqExp(elems), err(T)) : oneOf(seqExp(elems), err(T));
    }
    if ((numeric === "u8" || numeric === "i8") && v instanceof ArrayBuffer) {
      // README: Vec<u8> takes an ArrayBuffer; Vec<i8> does too (reads it as Int8Array).
      if (numeric === "i8") return v.byteLength === 0 ? oneOf(seqExp([]), err(T)) : oneOf(seqExp([...new Int8Array(v)].map(elem)), err(T));
      return v.byteLength === 0 ? oneOf(seqExp([]), err(T)) : seqExp([...new Uint8Array(v)].map(elem));
    }
    if (!isObjectLike(v)) return err(T);
    const m = META.get(v);
    if (m && m.revoked) return err(T);
    let isArr;
    try {
      isArr = Array.isArray(v);
    } catch (_) {
      return err(T);
    }
    if (!isArr) return err(T);
    if (arrayRunsUserCode(v)) return ANY;
    const a = unwrap(v);
    const elems = [];
    for (let i = 0; i < a.length; i++) elems.push(elem(a[i]));
    return seqExp(elems);
  };
}

function seqExp(elems) {
  if (elems.some((e) => !e.outs.some((o) => "ok" in o || o.any))) {
    return { outs: [{ err: TR }], user: elems.some((e) => e.user) };
  }
  const eq = (got) => {
    if (got === null || typeof got !== "object" || got.length !== elems.length) return false;
    for (let i = 0; i < elems.length; i++) {
      if (!elems[i].outs.some((o) => o.any || ("ok" in o && o.eq(got[i], o.ok)))) return false;
    }
    return true;
  };
  return { outs: [{ ok: elems, eq }], user: elems.some((e) => e.user) };
}

/** A value the export computes from the Vec (sum, join) rather than echoes. */
function mapped(expF, f, eq = same) {
  return (v) => {
    const e = expF(v);
    return {
      outs: e.outs.map((o) => ("ok" in o ? { ok: f(o.ok.map((x) => x.outs[0].ok)), eq } : o)),
      user: e.user,
    };
  };
}

const sumEq = (a, b) => Object.is(a, b) || (typeof a === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)));

/** Every export family: name, how to call it, what it must do with a value. */
function families(x) {
  const F = [];
  const add = (name, exp, callF = (v) => x[name](v), opts = {}) => F.push({ name, exp, call: callF, ...opts });
  for (const t of Object.keys(INTS)) add(`adv_${t}`, (v) => intExp(t, v));
  add("adv_slot_u8", (v) => intExp("u8", v));
  add("adv_slot_i32", (v) => intExp("i32", v));
  add("adv_slot_f64", f64Exp);
  add("adv_slot_str", strExp);
  add("adv_u64", (v) => bigExp("u64", v));
  add("adv_i64", (v) => bigExp("i64", v));
  add("adv_f32", f32Exp);
  add("adv_f64", f64Exp);
  add("adv_bool", boolExp);
  add("adv_char", charExp);
  add("adv_string", strExp);
  add("adv_str", strExp);
  add("adv_date", dateExp);
  add("adv_obj", objExp);
  add("adv_any", (v) => anyExp(v));
  add("adv_opt_f64", optional(f64Exp));
  add("adv_opt_string", optional(strExp));
  add("adv_opt_any", optional((v) => anyExp(v)));
  const num = { u8: "u8", i8: "i8", u16: "u16", i16: "i16", u32: "u32", i32: "i32" };
  for (const t of Object.keys(num)) add(`adv_vec_${t}`, vecExp((e) => intExp(t, e), t));
  add("adv_vec_f32", vecExp(f32Exp, "f32"));
  add("adv_vec_f64", vecExp(f64Exp, "f64"));
  add("adv_vec_u64", vecExp((e) => bigExp("u64", e), "u64"));
  add("adv_vec_i64", vecExp((e) => bigExp("i64", e), "i64"));
  add("adv_vec_bool", vecExp(boolExp));
  add("adv_vec_char", vecExp(charExp));
  add("adv_vec_string", vecExp(strExp));
  add("adv_vec_opt_string", vecExp(optional(strExp)));
  add("adv_vec_obj", vecExp(objExp));
  add("adv_vec_date", vecExp(dateExp));
  add("adv_vec_any", vecExp((e) => anyExp(e)));
  add("adv_vec_vec_f64", vecExp(vecExp(f64Exp, "f64")));
  add("adv_vec_vec_string", vecExp(vecExp(strExp)));
  add("adv_vec3_u8", vecExp(vecExp(vecExp((e) => intExp("u8", e), "u8"))));
  add("adv_sum_f64", mapped(vecExp(f64Exp, "f64"), (xs) => xs.reduce((a, b) => a + b, 0), sumEq));
  add("adv_join", mapped(vecExp(strExp), (xs) => xs.join(",")));
  add("adv_span_sum", (v) => {
    try {
      // A disposed view: a named error of any of the three kinds (the issue's F11 asks for a
      // TypeError/RangeError/SlotwireError naming function and argument; the engine says
      // "SlotwireError: adv_span_sum: argument 1 (v): the MemoryView was disposed").
      if (v && typeof v === "object" && !META.has(v) && v.isDisposed === true) return err(NAMED);
      if (v && typeof v === "object" && typeof v.elementType === "string" && !v.isDisposed && v.elementType === "f64") return ANY;
    } catch (_) {
      /* not a view */
    }
    return mapped(vecExp(f64Exp, "f64"), (xs) => xs.reduce((a, b) => a + b, 0), sumEq)(v);
  });
  add("adv_seg_sum", (v) => {
    try {
      if (!META.has(v) && isObjectLike(v) && v.isDisposed === false && v.kind === "segment" && v.elementType === "f64") {
        return ok([...v].reduce((a, b) => a + b, 0), sumEq);
      }
    } catch (_) {
      /* not a view */
    }
    return err(NAMED);
  });
  // A JS function: its throw comes back as the export's Err (a plain Error); anything goes.
  add("adv_call", (v) => (typeof v !== "function" ? err(T) : { outs: [{ any: true }, { err: ["Error", ...NAMED] }], user: true }), (v) => x.adv_call(v, 2), { fnErrorsOk: true });
  add("adv_async_sum", mapped(vecExp(f64Exp, "f64"), (xs) => xs.reduce((a, b) => a + b, 0), sumEq), (v) => x.adv_async_sum(v), { async: true });
  return F;
}

// ---- Part 1: random values into every family ----------------------------------------------------------

async function partValues(run) {
  const fams = families(run.x);
  const rounds = [];
  for (const f of fams) for (const k of FIXED_KINDS) rounds.push([f, k]);
  const randomKinds = Object.keys(VALUES).filter((k) => k.startsWith("rand"));
  const nRandom = Math.round(fams.length * 12 * ROUNDS);
  for (let i = 0; i < nRandom; i++) rounds.push([run.rng.pick(fams), run.rng.pick(randomKinds), true]);
  for (const [f, k, random] of rounds) {
    if (run.broken !== null) {
      run.skipped++;
      continue;
    }
    if (random && run.overBudget()) break;
    await oneValueRound(run, f, k);
  }
  await importResults(run);
  archiveFuzz(run);
}

/** Archives and records from JS bytes: a valid archive with flipped/clobbered bytes, random bytes. */
function archiveFuzz(run) {
  const x = run.x;
  const rng = run.rng;
  const good = x.adv_archive();
  const want = (() => {
    const seg = run.rt.allocSegment("u8", good.length);
    seg.set(good);
    try {
      return x.adv_read_archive(seg);
    } finally {
      seg.dispose();
    }
  })();
  const rounds = Math.round(300 * ROUNDS);
  for (let i = 0; i < rounds && run.broken === null && !run.overBudget(); i++) {
    const kind = rng.pick(["flip", "clobber", "truncate", "random", "records"]);
    let bytes;
    if (kind === "random" || kind === "records") bytes = Uint8Array.from({ length: rng.int(0, 96) }, () => rng.int(0, 255));
    else {
      bytes = good.slice();
      if (kind === "flip") for (let k = rng.int(1, 3); k > 0; k--) bytes[rng.int(0, bytes.length - 1)] ^= 1 << rng.int(0, 7);
      if (kind === "clobber") {
        const at = rng.int(0, bytes.length - 4);
        new DataView(bytes.buffer).setUint32(at, rng.pick([0xffffffff, 0x7fffffff, 0x80000000, rng.int(0, 2 ** 32 - 1), 0]), true);
      }
      if (kind === "truncate") bytes = bytes.slice(0, rng.int(0, bytes.length - 1));
    }
    const where = { family: kind === "records" ? "adv_read_records" : "adv_read_archive", kind: `${kind} #${i}` };
    run.current = where;
    run.rounds++;
    const seg = run.rt.allocSegment("u8", bytes.length);
    seg.set(bytes);
    const o = call(() => (kind === "records" ? x.adv_read_records(seg) : x.adv_read_archive(seg)));
    seg.dispose();
    if ("error" in o) {
      const n = errName(o.error);
      const m = errMessage(o.error);
      if (!["Error", "TypeError", "RangeError", "SlotwireError"].includes(n) || /poison|unreachable|out of bounds/.test(m)) run.fail(where, `${n}: ${m.slice(0, 200)}`);
      else if (/without error information|^\s*$/.test(m)) run.fail({ ...where, check: "message" }, `rejected archive with an unclear message: ${m.slice(0, 120)}`);
    } else if (kind === "flip" || kind === "clobber") {
      // Accepted: must be a valid archive, so it reads without trapping; a changed value is fine.
      void want;
    }
    checkInstance(run, where);
  }
}

async function oneValueRound(run, f, k) {
  run.cleanup = [];
  const where = { family: f.name, kind: k };
  run.current = where;
  let v;
  try {
    v = VALUES[k](run.rng, run);
  } catch (e) {
    run.fail(where, `making the value threw ${errName(e)}: ${errMessage(e)}`);
    return;
  }
  where.kind = `${k} ${desc(v)}`.slice(0, 80);
  let exp;
  try {
    exp = f.exp(v);
  } catch (e) {
    exp = ANY;
  }
  run.rounds++;
  const outcome = f.async ? await callAsync(() => f.call(v)) : call(() => f.call(v));
  if (outcome.hang) run.fail(where, `promise still pending after ${ASYNC_TIMEOUT_MS} ms`);
  else judge(run, where, f.name, outcome, exp);
  for (const c of run.cleanup) {
    try {
      c();
    } catch (_) {
      /* already disposed */
    }
  }
  checkInstance(run, where);
}

/** Hostile values returned from imports (Vec<String>, Vec<f64>, JsAny, async Vec<String>). */
async function importResults(run) {
  const x = run.x;
  const kinds = FIXED_KINDS.filter((k) => !/segment|Segment|rustObject|RustObject/.test(k));
  for (const k of kinds) {
    for (const [fam, set, exp, get] of [
      ["import Vec<String>", (f) => (mode.list = f), vecExp(strExp), (kk) => x.adv_import_list(kk)],
      ["import Vec<f64>", (f) => (mode.numbers = f), vecExp(f64Exp, "f64"), (kk) => x.adv_import_numbers(kk)],
      ["import JsAny", (f) => (mode.value = f), (v) => anyExp(v), (kk) => x.adv_import_value(kk)],
    ]) {
      if (run.broken !== null) {
        run.skipped++;
        continue;
      }
      const where = { family: fam, kind: k };
      run.current = where;
      let v;
      set(() => {
        v = VALUES[k](run.rng, run);
        return v;
      });
      run.rounds++;
      const outcome = call(() => get(0));
      let e;
      try {
        e = exp(v);
      } catch (_) {
        e = ANY;
      }
      // An import's bad result is an Err in Rust: the export throws an Error saying so.
      if ("error" in outcome) {
        if (e.outs.some((o) => "ok" in o && !o.any) && !e.outs.some((o) => o.err)) {
          run.fail(where, `valid result ${desc(v)} rejected: ${errName(outcome.error)}: ${errMessage(outcome.error).slice(0, 200)}`);
        } else if (!/[a-z]/.test(errMessage(outcome.error))) {
          run.fail(where, `rejection without a message`);
        }
      } else if (!e.outs.some((o) => o.any || ("ok" in o && o.eq(outcome.value, o.ok)))) {
        run.fail(where, `expected ${describeOuts(e)}, got ${desc(outcome.value)}`);
      }
      checkInstance(run, where);
    }
    if (run.broken !== null) continue;
    // The same through an async import (a promise resolving with the value).
    const where = { family: "async import Vec<String>", kind: k };
    let v;
    mode.later = () =>
      new Promise((resolve) =>
        setTimeout(() => {
          try {
            v = VALUES[k](run.rng, run);
          } catch (_) {
            v = undefined;
          }
          resolve(v);
        }, 0),
      );
    run.rounds++;
    const outcome = await callAsync(() => x.adv_import_later(0));
    if (outcome.hang) run.fail(where, `export promise still pending after ${ASYNC_TIMEOUT_MS} ms`);
    else if ("value" in outcome) {
      const e = vecExp(strExp)(v);
      if (!e.outs.some((o) => o.any || ("ok" in o && o.eq(outcome.value, o.ok)))) run.fail(where, `expected ${describeOuts(e)}, got ${desc(outcome.value)}`);
    }
    checkInstance(run, where);
  }
}

// ---- Part 2: growth and re-entrancy at every user-code point ------------------------------------------

const BIG = "Y".repeat(70000);
const EARLIER = `earlier ${"e".repeat(70000)}`;
const SECRET = `secret ${"s".repeat(80000)}`;

function injections(run) {
  const x = run.x;
  const sub = (what, got, want) => {
    if (!Object.is(got, want)) run.fail({ family: run.current.family, kind: run.current.kind, inj: run.current.inj }, `re-entrant ${what} returned ${desc(got)}, expected ${desc(want)}`);
  };
  return {
    grow: () => run.rt.memory.grow(1),
    alloc: () => x.adv_alloc(4 << 20),
    hoard: () => x.adv_hoard(2 << 20),
    reenterJoin: () => sub("adv_join", x.adv_join(["re", "enter"]), "re,enter"),
    reenterSum: () => sub("adv_sum_f64", x.adv_sum_f64([1, 2, 4]), 7),
    reenterAny: () => {
      const o = {};
      const r = x.adv_any(["a", o, [2]]);
      sub("adv_any", Array.isArray(r) && r[0] === "a" && r[1] === o && r[2][0] === 2, true);
    },
    reenterBigString: () => sub("adv_string", x.adv_string(BIG), BIG),
    reenterImport: () => {
      const saved = mode.list;
      mode.list = () => [BIG];
      try {
        const r = x.adv_import_list(1);
        sub("adv_import_list (nested import)", r.length === 1 && r[0] === BIG, true);
      } finally {
        mode.list = saved;
      }
    },
    reenterAsync: () => {
      // An async export started from inside the marshalling; awaited after the round.
      run.subPromises.push(x.adv_async_sum([1, 2]));
    },
    reenterSegment: () => {
      const s = x.adv_seg_make(4);
      sub("adv_seg_sum", x.adv_seg_sum(s), 6);
      s.dispose();
    },
  };
}

/** Valid inputs per family, with the user-code point where the injection runs. */
function injectionTargets(run) {
  const x = run.x;
  const getterArray = (elems, at, inj) => {
    const a = elems.slice();
    Object.defineProperty(a, at, {
      get() {
        inj();
        return elems[at];
      },
      enumerable: true,
      configurable: true,
    });
    return a;
  };
  const trapArray = (elems, inj, onLength) =>
    new Proxy(elems.slice(), {
      get(t, k, r) {
        if (k === "length" ? onLength : typeof k === "string" && k !== "length") inj();
        return Reflect.get(t, k, r);
      },
    });
  const strs = ["earlier", "ümlaut", "𝄞", "", "last one"];
  const nums = [1.5, -2, 3.25, 1e10, 5];
  const objs = [{ a: 1 }, [], () => 2];
  const anyv = ["s", 1.5, null, true, { o: 1 }, [2, "x"], -3n];
  const numEq = (want) => (got) => got && got.length === want.length && want.every((w, i) => Object.is(got[i], w));
  const strEq = numEq;
  const idEq = numEq;
  const T = [];
  const both = (family, elems, callF, eq, ptsAt = [0, 2]) => {
    for (const at of ptsAt) {
      T.push({ family, point: `element getter [${at}]`, make: (inj) => getterArray(elems, at, inj), callF, eq });
    }
    T.push({ family, point: "Proxy get trap (elements)", make: (inj) => trapArray(elems, inj, false), callF, eq });
    T.push({ family, point: "Proxy get trap (length)", make: (inj) => trapArray(elems, inj, true), callF, eq });
  };
  both("Vec<String>", strs, (v) => x.adv_vec_string(v), strEq(strs));
  both("Vec<String> join", strs, (v) => x.adv_join(v), (g) => g === strs.join(","));
  both("Vec<Option<String>>", [null, ...strs], (v) => x.adv_vec_opt_string(v), strEq([null, ...strs]));
  both("Vec<f64>", nums, (v) => x.adv_vec_f64(v), numEq(nums));
  both("Vec<f64> sum", nums, (v) => x.adv_sum_f64(v), (g) => g === nums.reduce((a, b) => a + b, 0));
  both("Vec<u8>", [1, 2, 3, 250], (v) => x.adv_vec_u8(v), numEq([1, 2, 3, 250]));
  both("Vec<i64>", [1n, -2n, 3n], (v) => x.adv_vec_i64(v), numEq([1n, -2n, 3n]));
  both("Vec<bool>", [true, false, true], (v) => x.adv_vec_bool(v), numEq([true, false, true]));
  both("Vec<char>", ["a", "𝄞", "z"], (v) => x.adv_vec_char(v), numEq(["a", "𝄞", "z"]));
  both("Vec<JsObject>", objs, (v) => x.adv_vec_obj(v), idEq(objs));
  const dates = [new Date(0), new Date(1e12), new Date(-5)];
  both("Vec<JsDate>", dates, (v) => x.adv_vec_date(v), (g) => g && g.length === 3 && g.every((d, i) => d.getTime() === dates[i].getTime()));
  const anyEq = (g) => Array.isArray(g) && g.length === anyv.length && g[0] === "s" && g[1] === 1.5 && g[2] === null && g[3] === true && g[4] === anyv[4] && g[5][1] === "x" && g[6] === -3n;
  both("JsAny (array)", anyv, (v) => x.adv_any(v), anyEq);
  both("Vec<JsAny>", anyv, (v) => x.adv_vec_any(v), anyEq);
  const nested = [[1, 2], [3], [4.5, 5]];
  const nestedEq = (g) => g && g.length === 3 && g.every((inner, i) => inner.length === nested[i].length && nested[i].every((w, j) => inner[j] === w));
  both("Vec<Vec<f64>> (outer)", nested, (v) => x.adv_vec_vec_f64(v), nestedEq);
  T.push({ family: "Vec<Vec<f64>> (inner)", point: "inner element getter", make: (inj) => [[1, 2], getterArray([3], 0, inj), [4.5, 5]], callF: (v) => x.adv_vec_vec_f64(v), eq: nestedEq });
  const ns = [["a", "b"], ["c"]];
  T.push({ family: "Vec<Vec<String>> (inner)", point: "inner element getter", make: (inj) => [ns[0], getterArray(ns[1], 0, inj)], callF: (v) => x.adv_vec_vec_string(v), eq: (g) => g && g[0][1] === "b" && g[1][0] === "c" });
  both("&[f64] export parameter", nums, (v) => x.adv_span_sum(v), (g) => g === nums.reduce((a, b) => a + b, 0));
  // An import throwing an Error whose name/message getters run the injection: the export's Err
  // must carry them (Rust formats it as "name: message").
  T.push({
    family: "import error path",
    point: "name/message getters of the thrown Error",
    make: (inj) => {
      mode.list = () => {
        const e = new Error("base");
        Object.defineProperty(e, "name", { get: () => (inj(), "EvilError") });
        Object.defineProperty(e, "message", { get: () => (inj(), "evil message") });
        throw e;
      };
      return null;
    },
    callF: () => x.adv_import_list(0),
    expectError: (e) => errName(e) === "Error" && errMessage(e).includes("EvilError") && errMessage(e).includes("evil message"),
  });
  // Dates whose own getTime/valueOf run the injection (if the runtime calls them at all).
  const hostileDate = (t, inj) => {
    const d = new Date(t);
    d.getTime = () => (inj(), t);
    d.valueOf = () => (inj(), t);
    Object.defineProperty(d, Symbol.toPrimitive, { value: () => (inj(), t) });
    return d;
  };
  T.push({ family: "Vec<JsDate>", point: "own getTime/valueOf of an element", make: (inj) => [new Date(0), hostileDate(1e12, inj), new Date(-5)], callF: (v) => x.adv_vec_date(v), eq: (g) => g && g.length === 3 && g[1].getTime() === 1e12 && g[2].getTime() === -5, optional: true, late: true });
  T.push({ family: "JsAny (Date inside an array)", point: "own getTime/valueOf of an element", make: (inj) => ["a", hostileDate(7, inj), "b"], callF: (v) => x.adv_any(v), eq: (g) => g && g[1].getTime() === 7 && g[2] === "b", optional: true, late: true });
  // A segment view written from an Array whose getter runs the injection (views never go stale).
  T.push({
    family: "MemoryView.set (segment)",
    point: "element getter [1] of the source",
    make: (inj) => getterArray([1, 2, 3], 1, inj),
    callF: (v) => {
      const seg = run.rt.allocSegment("f64", 3);
      try {
        seg.set(v);
        return [...seg];
      } finally {
        seg.dispose();
      }
    },
    eq: numEq([1, 2, 3]),
  });
  T.push({
    family: "MemoryView.set (&mut [u32] span)",
    point: "element getter [1] of the source",
    make: (inj) => {
      mode.spanRw = (view) => {
        view.set(getterArray([5, 6, 7], 1, inj));
        return 0;
      };
      return null;
    },
    callF: () => x.adv_lend_rw(3),
    eq: (g) => g === 18,
  });
  // A live closure (Rust → JS function) whose argument runs the injection.
  T.push({
    family: "JsClosure (Vec<JsObject>) -> i32",
    point: "element getter [1] of the argument",
    make: (inj) => getterArray(objs, 1, inj),
    callF: (v) => {
      kept.closures.length = 0;
      x.adv_closure(3, 100, true);
      const f = kept.closures[0].f;
      try {
        return f(v);
      } finally {
        x.adv_drop_closures();
        kept.closures.length = 0;
      }
    },
    eq: (g) => g === 103,
    late: true, // poisons the instance on 4bf610e: after the others
  });
  T.push({
    family: "JsClosure (String) -> String",
    point: "the argument (a long string: no user code; growth before the call)",
    make: (inj) => (inj(), "abc"),
    callF: (v) => {
      kept.closures.length = 0;
      x.adv_closure(1, 5, true);
      const f = kept.closures[0].f;
      try {
        return f(v);
      } finally {
        x.adv_drop_closures();
        kept.closures.length = 0;
      }
    },
    eq: (g) => g === "5:abc",
  });
  // JsAny: a nested array inside an array.
  T.push({ family: "JsAny (nested)", point: "nested element getter", make: (inj) => ["a", getterArray(["b", "c"], 1, inj)], callF: (v) => x.adv_any(v), eq: (g) => g[0] === "a" && g[1][0] === "b" && g[1][1] === "c" });
  // Two arguments: a string first, then an array whose getter grows memory.
  T.push({ family: "JsFunction (callback re-enters)", point: "the JS function Rust calls", make: (inj) => (y) => (inj(), y * 10), callF: (f) => x.adv_call(f, 4), eq: (g) => g === 40 });
  // Async export with an injecting array argument.
  T.push({ family: "async export Vec<f64>", point: "element getter", make: (inj) => getterArray(nums, 1, inj), callF: (v) => x.adv_async_sum(v), eq: (g) => g === nums.reduce((a, b) => a + b, 0), async: true });
  // Import results: the array an import returns runs the injection while the result is written.
  for (const at of [0, 1]) {
    T.push({
      family: "import result Vec<String>",
      point: `element getter [${at}] of an import's result`,
      make: (inj) => {
        mode.list = () => getterArray([EARLIER, SECRET], at, inj);
        return null;
      },
      prime: () => {
        mode.list = () => [EARLIER, SECRET];
        x.adv_import_list(0);
      },
      callF: () => x.adv_import_list(0),
      eq: (g) => g && g.length === 2 && g[0] === EARLIER && g[1] === SECRET,
    });
  }
  T.push({
    family: "import result Vec<f64>",
    point: "element getter [1] of an import's result",
    make: (inj) => {
      mode.numbers = () => getterArray([1, 2, 3], 1, inj);
      return null;
    },
    callF: () => x.adv_import_numbers(0),
    eq: numEq([1, 2, 3]),
  });
  T.push({
    family: "import result JsAny",
    point: "element getter [1] of an import's result",
    make: (inj) => {
      mode.value = () => getterArray(["a", "b", "c"], 1, inj);
      return null;
    },
    callF: () => x.adv_import_value(0),
    eq: (g) => Array.isArray(g) && g.join() === "a,b,c",
  });
  T.push({
    family: "async import result Vec<String>",
    point: "element getter of the resolved value",
    make: (inj) => {
      mode.later = () => Promise.resolve(getterArray(["p", "q"], 1, inj));
      return null;
    },
    callF: () => x.adv_import_later(0),
    eq: (g) => g && g.length === 2 && g[0] === "p" && g[1] === "q",
    async: true,
  });
  T.push({
    family: "async import result Vec<String>",
    point: "then getter of the resolved value",
    make: (inj) => {
      mode.later = () => {
        const thenable = {};
        Object.defineProperty(thenable, "then", {
          get() {
            inj();
            return (resolve) => resolve(["t", "u"]);
          },
        });
        return thenable;
      };
      return null;
    },
    callF: () => x.adv_import_later(0),
    eq: (g) => g && g.length === 2 && g[0] === "t" && g[1] === "u",
    async: true,
  });
  T.push({
    family: "async import result Vec<String>",
    point: "constructor getter of the returned promise (PromiseTable.wait's Promise.resolve)",
    make: (inj) => {
      mode.later = () => {
        const p = Promise.resolve(["c", "d"]);
        Object.defineProperty(p, "constructor", {
          get() {
            inj();
            return Promise;
          },
        });
        return p;
      };
      return null;
    },
    callF: () => x.adv_import_later(0),
    eq: (g) => g && g.length === 2 && g[0] === "c" && g[1] === "d",
    async: true,
  });
  T.push({
    family: "async import result Vec<String>",
    point: "species getter of a returned Promise subclass (PromiseTable.wait's then)",
    make: (inj) => {
      class Sub extends Promise {
        static get [Symbol.species]() {
          inj();
          return Promise;
        }
      }
      mode.later = () => Sub.resolve(["e", "f"]);
      return null;
    },
    callF: () => x.adv_import_later(0),
    eq: (g) => g && g.length === 2 && g[0] === "e" && g[1] === "f",
    async: true,
  });
  T.push({
    family: "span import &mut [u32]",
    point: "JS writes then re-enters",
    make: (inj) => {
      mode.spanRw = (v) => {
        v.set(new Array(v.length).fill(1));
        inj();
        v.set([2], 0);
        return 0;
      };
      return null;
    },
    callF: () => x.adv_lend_rw(8),
    eq: (g) => g === 9,
  });
  T.push({
    family: "records import &[AdvRec]",
    point: "JS reads records around a re-entry",
    make: (inj) => {
      mode.records = (v) => {
        const a = v.get(0).x;
        inj();
        return a + v.get(v.length - 1).x;
      };
      return null;
    },
    callF: () => x.adv_lend_records(4),
    eq: (g) => g === 0.5 + 3.5,
  });
  return T;
}

async function partInject(run) {
  const inj = injections(run);
  const targets = injectionTargets(run).sort((a, b) => !!(a.async || a.late) - !!(b.async || b.late));
  for (const t of targets) {
    for (const [name, f] of Object.entries(inj)) {
      if (INJ_FILTER !== undefined && !new RegExp(INJ_FILTER).test(`${t.family} ${t.point} ${name}`)) continue;
      if (run.broken !== null) {
        run.skipped++;
        continue;
      }
      run.cleanup = [];
      const where = { family: t.family, kind: t.point, inj: name };
      run.current = where;
      run.rounds++;
      try {
        if (t.prime) t.prime();
      } catch (e) {
        run.fail(where, `priming call threw ${errName(e)}: ${errMessage(e)}`);
      }
      let ran = 0;
      const v = t.make(() => {
        ran++;
        f();
      });
      const outcome = t.async ? await callAsync(() => t.callF(v)) : call(() => t.callF(v));
      for (const p of run.subPromises.splice(0)) {
        const r = await callAsync(() => p);
        if (r.hang) run.fail({ ...where, check: "nested async" }, `an async export started inside the marshalling never settled`);
        else if ("error" in r) run.fail({ ...where, check: "nested async" }, `an async export started inside the marshalling rejected: ${errMessage(r.error).slice(0, 200)}`);
        else if (r.value !== 3) run.fail({ ...where, check: "nested async" }, `an async export started inside the marshalling resolved to ${desc(r.value)}, expected 3`);
      }
      if (outcome.hang) run.fail(where, `promise still pending after ${ASYNC_TIMEOUT_MS} ms (a valid input)`);
      else if (t.expectError) {
        if (!("error" in outcome)) run.fail(where, `expected the import's error, got ${desc(outcome.value)}`);
        else if (!t.expectError(outcome.error)) run.fail(where, `the import's error was lost: ${errName(outcome.error)}: ${errMessage(outcome.error).slice(0, 200)}`);
      } else if ("error" in outcome) run.fail(where, `valid input rejected: ${errName(outcome.error)}: ${errMessage(outcome.error).slice(0, 300)}`);
      else {
        let good = false;
        try {
          good = t.eq(outcome.value);
        } catch (_) {
          good = false;
        }
        if (!good) run.fail(where, `WRONG VALUE: got ${desc(outcome.value)}`);
      }
      if (ran === 0 && !t.async && !t.optional) run.fail({ ...where, check: "coverage" }, "the injection point never ran (suite bug or the runtime skipped user code)");
      for (const c of run.cleanup) c();
      checkInstance(run, where);
    }
  }
  // The error path must not run user code: values whose coercion would run code, into scalars.
  const x = run.x;
  for (const [fam, callF] of [
    ["i32", (v) => x.adv_i32(v)],
    ["f64", (v) => x.adv_f64(v)],
    ["u64", (v) => x.adv_u64(v)],
    ["bool", (v) => x.adv_bool(v)],
    ["char", (v) => x.adv_char(v)],
    ["String", (v) => x.adv_string(v)],
    ["&str", (v) => x.adv_str(v)],
    ["JsDate", (v) => x.adv_date(v)],
    ["Segment<f64>", (v) => x.adv_seg_sum(v)],
    ["Vec<f64>", (v) => x.adv_vec_f64(v)],
    ["Vec<String>", (v) => x.adv_vec_string(v)],
    ["slot f64", (v) => x.adv_slot_f64(v)],
  ]) {
    for (const [kind, make] of [
      ["valueOf+toString+toPrimitive", (hit) => ({ valueOf: hit, toString: hit, [Symbol.toPrimitive]: hit })],
      ["constructor getter", (hit) => Object.defineProperty({}, "constructor", { get: hit })],
      ["Proxy (every trap)", (hit) => new Proxy({}, { get: hit, has: hit, getPrototypeOf: hit, ownKeys: hit, getOwnPropertyDescriptor: hit })],
      ["Symbol.toStringTag getter", (hit) => Object.defineProperty({}, Symbol.toStringTag, { get: hit })],
    ]) {
      if (run.broken !== null) break;
      const where = { family: fam, kind, inj: "user code in the error path" };
      let ran = 0;
      const hit = () => {
        ran++;
        x.adv_alloc(1 << 20);
        throw new HostileError("user code ran");
      };
      run.rounds++;
      const outcome = call(() => callF(make(hit)));
      const fn = { i32: "adv_i32", f64: "adv_f64", u64: "adv_u64", bool: "adv_bool", char: "adv_char", String: "adv_string", "&str": "adv_str", JsDate: "adv_date", "Segment<f64>": "adv_seg_sum", "Vec<f64>": "adv_vec_f64", "Vec<String>": "adv_vec_string", "slot f64": "adv_slot_f64" }[fam];
      if (!("error" in outcome)) run.fail(where, `accepted a ${kind} object: got ${desc(outcome.value)}`);
      else {
        const p = namedProblem(outcome.error, NAMED, fn);
        if (p !== null) run.fail(where, p);
      }
      if (ran > 0) run.fail({ ...where, check: "user code" }, `rejecting the value ran its code ${ran} time(s)`);
      checkInstance(run, where);
    }
  }
}

// ---- Part 3: stale and forged handles ------------------------------------------------------------------

const CHURN = 4097;
const CLOSURE_KINDS = [
  [0, [5], "(i32) -> i32"],
  [1, ["s"], "(String) -> String"],
  [2, [2, 3], "(f64, f64) -> f64"],
  [3, [[{}, {}]], "(Vec<JsObject>) -> i32"],
  [4, [], "() -> i32"],
];

async function partHandles(run) {
  const x = run.x;
  const step = (where, f) => {
    if (run.broken !== null) {
      run.skipped++;
      return;
    }
    run.rounds++;
    run.cleanup = [];
    try {
      f();
    } catch (e) {
      run.fail(where, `unexpected ${errName(e)}: ${errMessage(e).slice(0, 300)}`);
    }
    for (const c of run.cleanup) c();
    checkInstance(run, where);
  };
  const mustThrow = (where, f, fnName, what) => {
    const o = call(f);
    if (!("error" in o)) run.fail(where, `${what}: no error, got ${desc(o.value)}`);
    else {
      const m = errMessage(o.error);
      if (!NAMED.includes(errName(o.error))) run.fail(where, `${what}: threw ${errName(o.error)}: ${m.slice(0, 200)}`);
      else if (fnName && !m.includes(fnName) && !/closure|dispos|stale|Rust object|segment/i.test(m)) run.fail(where, `${what}: unclear error: ${m.slice(0, 200)}`);
    }
  };
  // Rust objects: stale proxies after churn, forged proxies, writable state.
  step({ family: "RustObject", kind: "stale proxy after churn" }, () => {
    const stale = x.AdvCounter.create(111);
    stale.dispose();
    let bad = null;
    for (let i = 0; i < CHURN && bad === null; i++) {
      const c = x.AdvCounter.create(i);
      const o = call(() => stale.value());
      if (!("error" in o)) bad = `reuse ${i + 1}: the disposed proxy's value() returned ${o.value} (another object's)`;
      c.dispose();
    }
    if (bad !== null) run.fail({ family: "RustObject", kind: "stale proxy while its slot holds a live object", check: "aliasing" }, bad);
    const live = x.AdvCounter.create(222);
    run.cleanup.push(() => live.dispose());
    mustThrow({ family: "RustObject", kind: "stale proxy method", check: "aliasing" }, () => stale.value(), null, "method on a disposed proxy");
    mustThrow({ family: "RustObject", kind: "stale proxy as argument", check: "aliasing" }, () => live.same(stale), "AdvCounter.same", "a disposed proxy as argument");
  });
  step({ family: "RustObject", kind: "forged proxies" }, () => {
    const live = x.AdvCounter.create(333);
    run.cleanup.push(() => live.dispose());
    const h = live.handle;
    const other = x.AdvCounter.create(444);
    const otherHandle = other.handle;
    other.dispose();
    const where = { family: "RustObject", kind: "forged", check: "forgery" };
    mustThrow(where, () => live.same({ handle: h }), "AdvCounter.same", "a plain object with a live handle");
    const Ctor = live.constructor;
    let forged = null;
    try {
      forged = new Ctor(run.rt, h, "AdvCounter");
    } catch (_) {
      /* good: not constructible */
    }
    if (forged !== null) {
      const o = call(() => live.same(forged));
      if ("value" in o) run.fail({ ...where, kind: "new proxy.constructor(rt, liveHandle)" }, `a forged proxy was accepted as the live object (same → ${o.value})`);
    }
    // Writable state: point a disposed proxy at the live object.
    const w = { ...where, kind: "disposed proxy with handle/disposed rewritten" };
    try {
      other.handle = h;
      other.disposed = false;
    } catch (_) {
      /* good: private */
    }
    const o = call(() => other.value());
    if ("value" in o) run.fail(w, `a disposed proxy drove the live object after rewriting its fields: value() → ${o.value}`);
    void otherHandle;
  });
  step({ family: "RustObject", kind: "type confusion" }, () => {
    const c = x.AdvCounter.create(5);
    const o = x.AdvOther.create("other");
    run.cleanup.push(() => c.dispose());
    run.cleanup.push(() => o.dispose());
    const where = { family: "RustObject", kind: "type confusion", check: "type confusion" };
    mustThrow(where, () => x.AdvOther.text(c), "AdvOther.text", "AdvOther.text(an AdvCounter proxy)");
    mustThrow(where, () => x.AdvCounter.value(o), "AdvCounter.value", "AdvCounter.value(an AdvOther proxy)");
    mustThrow(where, () => Object.getPrototypeOf(o).text.call(c), "AdvOther.text", "AdvOther's prototype method with this = an AdvCounter");
    try {
      c.typeName = "AdvOther";
    } catch (_) {
      /* read-only: good */
    }
    // The proxy's type is private: rewriting `typeName` changes nothing, so `invoke("text")`
    // looks for `text` on an AdvCounter, which has none. The engine says so and names the
    // method it looked up ("AdvCounter has no method text (no export "AdvCounter.text")"): that
    // is the clear error here (never "AdvOther.text", which would mean the rewrite took effect).
    mustThrow(where, () => c.invoke("text"), "AdvCounter.text", "invoke after rewriting typeName");
    try {
      c.typeName = "AdvCounter";
    } catch (_) {
      /* read-only */
    }
  });
  step({ family: "RustObject", kind: "passed to an import (RustObject argument)" }, () => {
    let seen;
    mode.take = (o) => {
      seen = o;
      return o.value();
    };
    const o = call(() => x.adv_give_object(42));
    mode.take = null;
    const where = { family: "RustObject", kind: "import argument" };
    if ("error" in o) run.fail(where, `JS could not use a RustObject passed to it: ${errMessage(o.error).slice(0, 200)}`);
    else if (o.value !== 42) run.fail(where, `got ${o.value}`);
    if (seen) {
      const js = run.rt.census().rustObjects;
      const rust = x.adv_census()[4];
      if (js !== rust) run.fail({ ...where, check: "census" }, `censuses disagree while JS holds it: rt.census().rustObjects=${js}, slotwire::census().rust_objects=${rust}`);
      try {
        seen.dispose();
      } catch (e) {
        run.fail(where, `dispose threw ${errMessage(e)}`);
      }
    }
  });
  // Segments: a disposed view after churn; forged handles.
  step({ family: "Segment<f64>", kind: "stale view after churn" }, () => {
    const stale = run.rt.allocSegment("f64", 2);
    stale.set([1, 2]);
    stale.dispose();
    let bad = null;
    for (let i = 0; i < CHURN && bad === null; i++) {
      const seg = run.rt.allocSegment("f64", 2);
      seg.set([i, 1]);
      const o = call(() => x.adv_seg_sum(stale));
      if (!("error" in o)) bad = `reuse ${i + 1}: adv_seg_sum(disposed view) returned ${o.value} (another segment's sum)`;
      seg.dispose();
    }
    if (bad !== null) run.fail({ family: "Segment<f64>", kind: "disposed view while its slot holds a live segment", check: "aliasing" }, bad);
    const live = run.rt.allocSegment("f64", 2);
    live.set([100, 200]);
    run.cleanup.push(() => live.dispose());
    mustThrow({ family: "Segment<f64>", kind: "disposed view into an export", check: "aliasing" }, () => x.adv_seg_sum(stale), "adv_seg_sum", "a disposed segment view");
    const rs = x.adv_seg_make(3);
    rs.dispose();
    mustThrow({ family: "Segment<f64>", kind: "disposed Rust-made view" }, () => x.adv_seg_sum(rs), "adv_seg_sum", "a disposed Rust-made segment");
  });
  step({ family: "Segment<f64>", kind: "forged view objects" }, () => {
    const live = run.rt.allocSegment("f64", 2);
    run.cleanup.push(() => live.dispose());
    const where = { family: "Segment<f64>", kind: "forged" };
    mustThrow(where, () => x.adv_seg_sum({ handle: 1, kind: "segment", elementType: "f64", length: 2 }), "adv_seg_sum", "a plain object shaped like a view");
    mustThrow(where, () => x.adv_seg_sum(Object.create(Object.getPrototypeOf(live))), "adv_seg_sum", "Object.create(MemoryView.prototype)");
    mustThrow(where, () => x.adv_seg_sum(forwardingProxy(live)), "adv_seg_sum", "a Proxy of a live view");
  });
  step({ family: "allocSegment", kind: "oversize" }, () => {
    for (const [t, n] of [
      ["u8", 2 ** 32],
      ["u8", 2 ** 32 + 5],
      ["f64", 2 ** 29],
      ["f64", 2 ** 29 + 1],
      ["u16", 2 ** 31 + 1],
      ["u8", 2 ** 53],
    ]) {
      const o = call(() => run.rt.allocSegment(t, n));
      const where = { family: "allocSegment", kind: `${t} × ${n}` };
      if ("value" in o) {
        const len = (() => {
          try {
            return o.value.length;
          } catch (_) {
            return "?";
          }
        })();
        run.fail(where, `no RangeError: got a segment of length ${len}`);
        try {
          o.value.dispose();
        } catch (_) {
          /* ignore */
        }
      } else if (errName(o.error) !== "RangeError") run.fail(where, `threw ${errName(o.error)}: ${errMessage(o.error)}`);
    }
  });
  // A handle written as an earlier argument, freed by a later argument's getter before Rust runs.
  const freedLater = [
    ["segment (JS-made) freed", "adv_seg_then_vec", () => {
      const seg = run.rt.allocSegment("f64", 2);
      seg.set([1000, 2000]);
      return [seg, () => seg.dispose()];
    }],
    ["segment (Rust-made) freed", "adv_seg_then_vec", () => {
      const seg = x.adv_seg_make(3);
      return [seg, () => seg.dispose()];
    }],
    ["segment freed and its slot reused", "adv_seg_then_vec", () => {
      const seg = run.rt.allocSegment("f64", 2);
      seg.set([1000, 2000]);
      return [seg, () => {
        seg.dispose();
        const again = run.rt.allocSegment("f64", 2);
        again.set([-1e9, -1e9]);
        run.cleanup.push(() => again.dispose());
      }];
    }],
    ["span source (segment view) freed", "adv_span_then_vec", () => {
      const seg = run.rt.allocSegment("f64", 2);
      seg.set([1000, 2000]);
      return [seg, () => seg.dispose()];
    }],
    ["RustObject freed", "adv_counter_then_vec", () => {
      const c = x.AdvCounter.create(1000);
      return [c, () => c.dispose()];
    }],
    ["RustObject freed and its slot reused", "adv_counter_then_vec", () => {
      const c = x.AdvCounter.create(1000);
      return [c, () => {
        c.dispose();
        const d = x.AdvCounter.create(-77);
        run.cleanup.push(() => d.dispose());
      }];
    }],
  ];
  for (const [what, fn, make] of freedLater) {
    step({ family: fn, kind: `${what} by a later argument's getter` }, () => {
      const [h, free] = make();
      const a = [1, 2];
      Object.defineProperty(a, 1, { get: () => (free(), 2) });
      const o = call(() => x[fn](h, a));
      const where = { family: fn, kind: `${what} by a later argument's getter`, check: "use after free" };
      if ("value" in o) {
        // Only right if Rust still holds what JS freed (then the value is the original one).
        const want = fn === "adv_counter_then_vec" ? 1003 : what.startsWith("segment (Rust") ? 6 : 3003;
        if (o.value !== want) run.fail(where, `USE AFTER FREE: got ${desc(o.value)}, expected ${want} or a named error`);
      } else {
        const p = namedProblem(o.error, NAMED, fn);
        if (p !== null) run.fail(where, p);
      }
      try {
        h.dispose();
      } catch (_) {
        /* already */
      }
    });
  }
  step({ family: "AdvCounter.add_all", kind: "this disposed by its own argument's getter" }, () => {
    const c = x.AdvCounter.create(10);
    const a = [1, 2];
    Object.defineProperty(a, 1, { get: () => (c.dispose(), 2) });
    const o = call(() => c.add_all(a));
    const where = { family: "AdvCounter.add_all", kind: "this disposed by its own argument's getter", check: "use after free" };
    if ("value" in o && o.value !== 13) run.fail(where, `USE AFTER FREE: got ${desc(o.value)}`);
    else if ("error" in o) {
      const p = namedProblem(o.error, NAMED, "AdvCounter.add_all");
      if (p !== null && !/dispos/.test(errMessage(o.error))) run.fail(where, p);
    }
  });
  step({ family: "JsClosure (Vec<JsObject>)", kind: "dropped by its own argument's getter" }, () => {
    kept.closures.length = 0;
    x.adv_closure(3, 100, true);
    const f = kept.closures[0].f;
    const a = [{}, {}];
    Object.defineProperty(a, 1, { get: () => (x.adv_drop_closures(), {}) });
    const o = call(() => f(a));
    const where = { family: "JsClosure (Vec<JsObject>)", kind: "dropped by its own argument's getter" };
    if ("value" in o && o.value !== 102) run.fail(where, `got ${desc(o.value)}`);
    kept.closures.length = 0;
  });
  // Spans kept past their call, and read-only spans written.
  step({ family: "&[u32] span import", kind: "kept and written" }, () => {
    let keptView;
    mode.spanRo = (v) => {
      keptView = v;
      try {
        v.set([9999]);
      } catch (_) {
        /* refused: good */
      }
      try {
        v.typedArray()[0] = 9999;
      } catch (_) {
        /* refused: good */
      }
      return 0;
    };
    const o = call(() => x.adv_lend_ro(4));
    mode.spanRo = null;
    const where = { family: "&[u32] span import", kind: "read-only view written through typedArray()" };
    if ("value" in o && o.value.startsWith("&[u32]")) run.fail(where, o.value);
    else if ("error" in o) run.fail(where, `threw ${errMessage(o.error)}`);
    for (const [m, f] of [
      ["get(0)", (v) => v.get(0)],
      ["length", (v) => v.length],
      ["typedArray()", (v) => v.typedArray()],
      ["[...v]", (v) => [...v]],
    ]) {
      const r = call(() => f(keptView));
      if (!("error" in r)) run.fail({ family: "&[u32] span import", kind: `kept span ${m} after the call` }, `no error, got ${desc(r.value)}`);
    }
  });
  // Raw typed arrays and record accessors taken during a call (or before dispose) and used after.
  step({ family: "&mut [u32] span import", kind: "typedArray() kept past the call, then written" }, () => {
    let ta = null;
    mode.spanRw = (v) => {
      ta = v.typedArray();
      return 0;
    };
    call(() => x.adv_lend_rw(64));
    mode.spanRw = null;
    const seg = x.adv_seg_make(64); // Rust allocates again: likely where the span was
    run.cleanup.push(() => seg.dispose());
    const want = x.adv_seg_sum(seg);
    let wrote = false;
    try {
      if (ta !== null && ta.length > 0) {
        ta.fill(0x7fffffff);
        wrote = true;
      }
    } catch (_) {
      /* refused: good */
    }
    const got = x.adv_seg_sum(seg);
    const where = { family: "&mut [u32] span import", kind: "typedArray() kept past the call, then written", check: "use after free" };
    if (got !== want) run.fail(where, `MEMORY CORRUPTION: writing a typed array kept from a finished call changed a live Rust Segment (sum ${want} → ${got})`);
    else if (wrote) run.fail(where, "a typed array kept from a finished call still writes wasm memory (no corruption seen this time)");
  });
  step({ family: "Segment<u32> (JS-made)", kind: "typedArray() kept past dispose(), then written" }, () => {
    const seg = run.rt.allocSegment("u32", 64);
    const ta = seg.typedArray();
    seg.dispose();
    const live = x.adv_seg_make(64);
    run.cleanup.push(() => live.dispose());
    const want = x.adv_seg_sum(live);
    let wrote = false;
    try {
      ta.fill(0x7fffffff);
      wrote = ta.length > 0;
    } catch (_) {
      /* refused: good */
    }
    const got = x.adv_seg_sum(live);
    const where = { family: "Segment<u32> (JS-made)", kind: "typedArray() kept past dispose(), then written", check: "use after free" };
    if (got !== want) run.fail(where, `MEMORY CORRUPTION: writing a typed array kept past dispose() changed a live Rust Segment (sum ${want} → ${got})`);
    else if (wrote) run.fail(where, "a typed array kept past dispose() still writes wasm memory (no corruption seen this time)");
  });
  step({ family: "records import", kind: "record accessor kept past the call" }, () => {
    let rec = null;
    mode.records = (v) => {
      rec = v.get(1);
      return sumRecords(v);
    };
    call(() => x.adv_lend_records(3));
    mode.records = null;
    x.adv_alloc(1 << 16); // reuse the memory
    const r = call(() => rec.x);
    if (!("error" in r)) run.fail({ family: "records import", kind: "record accessor (view.get(1)) read after the call", check: "use after free" }, `no error: read ${desc(r.value)} from freed memory (was 1.5)`);
  });
  step({ family: "records import", kind: "kept past the call" }, () => {
    let keptView;
    mode.records = (v) => {
      keptView = v;
      return sumRecords(v);
    };
    call(() => x.adv_lend_records(3));
    mode.records = null;
    const r = call(() => keptView.get(0).x);
    if (!("error" in r)) run.fail({ family: "records import", kind: "kept RecordView get(0).x after the call" }, `no error, got ${desc(r.value)}`);
    const r2 = call(() => {
      const v = keptView.get ? null : null;
      return v;
    });
    void r2;
  });
  // Exports are not constructors (F14).
  step({ family: "export", kind: "new export()" }, () => {
    const o = call(() => new x.adv_i32(1));
    if (!("error" in o)) run.fail({ family: "export", kind: "new rt.exports.adv_i32(1)" }, `no TypeError: got ${desc(o.value)}`);
  });
  // Closures: a JS function kept after its JsClosure dropped, then the slot reused 4,097 times.
  for (const [kind, args, sig] of CLOSURE_KINDS) {
    step({ family: "JsClosure", kind: `stale ${sig}` }, () => {
      kept.closures.length = 0;
      x.adv_closure(kind, 1000, false);
      const stale = kept.closures[0].f;
      mustThrow({ family: "JsClosure", kind: `stale ${sig}` }, () => stale(...args), null, "calling a dropped closure");
      for (const other of [kind]) {
        // Reuse the slot CHURN times with closures of kind `other`, each alive while the stale
        // function is called: it must throw every time, never reach the live closure.
        const where = { family: "JsClosure", kind: `stale ${sig} while its slot holds a live closure of kind ${other}`, check: "aliasing" };
        let bad = null;
        for (let i = 0; i < CHURN && bad === null; i++) {
          kept.closures.length = 0;
          x.adv_closure(other, i, true);
          const o = call(() => stale(...args));
          if (!("error" in o)) bad = `reuse ${i + 1}: the stale function returned ${desc(o.value)} (called the live closure)`;
          else if (/poison/.test(errMessage(o.error)) || errName(o.error) === "RuntimeError") bad = `reuse ${i + 1}: ${errName(o.error)}: ${errMessage(o.error).slice(0, 200)}`;
          x.adv_drop_closures();
          if (run.rt.poisoned !== null) break;
        }
        kept.closures.length = 0;
        if (bad !== null) run.fail(where, bad);
        if (run.rt.poisoned !== null) return;
      }
    });
  }
  // A live closure called with the wrong arguments: an error, not a read.
  step({ family: "JsClosure", kind: "live, wrong arguments" }, () => {
    kept.closures.length = 0;
    x.adv_closure(2, 1, true);
    const f = kept.closures[0].f;
    for (const args of [[], [1], ["a", "b"], [{}, 1]]) {
      mustThrow({ family: "JsClosure", kind: `(f64, f64) called with ${desc(args)}` }, () => f(...args), null, "wrong arguments");
    }
    x.adv_drop_closures();
    kept.closures.length = 0;
  });
  // The same with closures of another signature in the slot (wrong-type reads: last, they may poison).
  for (const [kind, args, sig] of CLOSURE_KINDS) {
    step({ family: "JsClosure", kind: `stale ${sig}, other signature` }, () => {
      kept.closures.length = 0;
      x.adv_closure(kind, 1000, false);
      const stale = kept.closures[0].f;
      const other = (kind + 1) % 5;
      const where = { family: "JsClosure", kind: `stale ${sig} while its slot holds a live closure of kind ${other}`, check: "aliasing" };
      let bad = null;
      for (let i = 0; i < CHURN && bad === null; i++) {
        kept.closures.length = 0;
        x.adv_closure(other, i, true);
        const o = call(() => stale(...args));
        if (!("error" in o)) bad = `reuse ${i + 1}: the stale function returned ${desc(o.value)} (called the live closure)`;
        else if (/poison/.test(errMessage(o.error)) || errName(o.error) === "RuntimeError") bad = `reuse ${i + 1}: ${errName(o.error)}: ${errMessage(o.error).slice(0, 200)}`;
        x.adv_drop_closures();
        if (run.rt.poisoned !== null) break;
      }
      kept.closures.length = 0;
      if (bad !== null) run.fail(where, bad);
    });
  }
  // Re-entering a &mut self method (last: it may poison the instance, F7).
  step({ family: "RustObject &mut self", kind: "re-entered from a callback" }, () => {
    const c = x.AdvCounter.create(1);
    run.cleanup.push(() => c.dispose());
    const o = call(() => c.reenter(() => c.value()));
    const where = { family: "RustObject &mut self", kind: "reenter(() => c.value())" };
    if ("value" in o && typeof o.value === "number") return; // allowed only if the borrow was truly free
    if ("error" in o) {
      const m = errMessage(o.error);
      if (/poison|RefCell|already/.test(m) && run.rt.poisoned !== null) run.fail(where, `panicked: ${m.slice(0, 200)}`);
    }
  });
}

// ---- Part 4: oversize lengths ---------------------------------------------------------------------------

function sparse(n, fill = 7, filled = 512) {
  const a = new Array(n);
  a.fill(fill, 0, Math.min(filled, n));
  return a;
}

/** An Array-like Proxy of `n` elements, all valid, with no storage. */
function hugeProxy(n, value) {
  let reads = 0;
  return new Proxy([], {
    get(t, k, r) {
      if (k === "length") return n;
      if (typeof k === "string" && /^\d+$/.test(k)) {
        if (++reads > 100_000) throw new Error(`read ${reads} elements of an array of length ${n} before checking its length`);
        return value;
      }
      return Reflect.get(t, k, r);
    },
    has(t, k) {
      return typeof k === "string" && /^\d+$/.test(k) ? Number(k) < n : Reflect.has(t, k);
    },
  });
}

async function partOversize(run) {
  const x = run.x;
  const cases = [];
  // Vec families whose byte size passes what wasm32 can hold: must be rejected by length.
  const L = [2 ** 28 + 1, 2 ** 29 + 2, 2 ** 30, 2 ** 32 - 1];
  // [export, a valid element, the least bytes an element can take in wasm memory]
  const fams = [
    ["adv_vec_f64", 7, 8],
    ["adv_sum_f64", 7, 8],
    ["adv_vec_i64", 7n, 8],
    ["adv_vec_i32", 7, 4],
    ["adv_vec_u16", 7, 2],
    ["adv_vec_bool", true, 1],
    ["adv_vec_string", "s", 8],
    ["adv_join", "s", 8],
    ["adv_vec_opt_string", "s", 8],
    ["adv_vec_obj", {}, 4],
    ["adv_vec_date", new Date(0), 8],
    ["adv_vec_any", 1, 8],
    ["adv_any", 1, 8],
    ["adv_vec_vec_f64", [], 8],
    ["adv_span_sum", 7, 8],
    ["adv_vec_u8", 7, 1],
  ];
  for (const [fn, val, size] of fams) {
    for (const n of L) {
      // A sparse Array: a hole is a TypeError, the size may be a RangeError; either, named.
      const numeric = /^adv_(vec_[uif]\d+|sum_f64|span_sum)$/.test(fn);
      cases.push({ fn, n, size, numeric, kind: `sparse Array(${n}) filled to 512`, make: () => sparse(n, val) });
      // Every element valid, but more bytes than wasm32 can address: must be a RangeError
      // before any element is read (the Proxy throws after 100,000 reads).
      if (n * size > 2 ** 32) cases.push({ fn, n, size, numeric, kind: `Proxy of length ${n}, every element valid`, make: () => hugeProxy(n, val), proxy: true });
    }
  }
  // Most destructive last: on 4bf610e a byte size that wraps past 2^32 (n × 16 for slot-written
  // families, n × the element size for numbers) overwrites memory (F1) and ends the run.
  const wraps = (c) => c.n * (c.numeric ? c.size : 16) >= 2 ** 32;
  cases.sort((a, b) => wraps(a) - wraps(b));
  // Typed arrays whose own `length` property lies: the real contents or a named error, never
  // stale heap bytes (a longer length) or a copy past the allocation (a shorter one).
  const lyingCases = [];
  for (const [fn, ctor, one] of [
    ["adv_vec_f64", Float64Array, 1],
    ["adv_vec_u8", Uint8Array, 1],
    ["adv_vec_i64", BigInt64Array, 1n],
    ["adv_vec_u16", Uint16Array, 1],
    ["adv_sum_f64", Float64Array, 1],
    ["adv_span_sum", Float64Array, 1],
    ["adv_vec_any", Float64Array, 1],
    ["adv_any", Uint8Array, 1],
  ]) {
    // The shorter lie holds more than the 64 KiB frame area, so that a copy past the allocation
    // reaches Rust's heap (caught by the allocator or the canary afterwards).
    for (const [real, claimed] of [
      [4, 6000],
      [Math.ceil(100_000 / ctor.BYTES_PER_ELEMENT), 2],
    ]) {
      lyingCases.push({
        fn,
        longer: claimed > real,
        kind: `${ctor.name}(${real}) whose own length says ${claimed}`,
        make: () => {
          const a = new ctor(real).fill(one);
          Object.defineProperty(a, "length", { get: () => claimed });
          return a;
        },
        real,
        one,
      });
    }
  }
  const firstWrap = cases.findIndex(wraps);
  const at = firstWrap < 0 ? cases.length : firstWrap;
  cases.splice(at, 0, ...lyingCases.filter((c) => !c.longer));
  cases.unshift(...lyingCases.filter((c) => c.longer));
  const filter = envValue("SLOTWIRE_ADV_FILTER");
  for (const c of cases) {
    if (filter !== undefined && !new RegExp(filter).test(`${c.fn} ${c.kind}`)) continue;
    if (run.broken !== null) {
      run.skipped++;
      continue;
    }
    const where = { family: c.fn, kind: c.kind };
    run.rounds++;
    const t0 = Date.now();
    const input = c.make();
    const o = call(() => x[c.fn](input));
    const ms = Date.now() - t0;
    if (c.real !== undefined) {
      // A lying length: the real contents (read through the typed array's own internals) or a named error.
      // JsAny takes a typed array by handle (README: "every other object by handle") and gives
      // back the same object, whose own `length` getter still lies: that is right, no copy made.
      if ("value" in o && o.value === input && c.fn === "adv_any") {
        /* the same object back */
      } else if ("value" in o) {
        const v = o.value;
        const sum = typeof v === "number" ? v : null;
        // The longer lie: only the real elements. The shorter one: the real elements, or as many
        // as the length claims (a copy of a prefix is safe too).
        const lengths = c.longer ? [c.real] : [c.real, 2];
        const good =
          sum !== null
            ? lengths.includes(sum)
            : v && typeof v === "object" && lengths.includes(v.length) && Array.prototype.every.call(v, (e) => e == c.one); // eslint-disable-line eqeqeq
        if (!good) {
          const n = v && typeof v === "object" ? v.length : v;
          run.fail(where, c.longer ? `STALE MEMORY: got ${n} elements/sum for ${c.real} real ones (the rest is whatever the heap held)` : `got ${desc(v)}`);
        }
      } else {
        const p = namedProblem(o.error, NAMED, c.fn);
        if (p !== null) run.fail(where, c.longer ? p : `${p} (HEAP OVERFLOW? the copy went past the allocation)`);
      }
      // Exercise the allocator: a copy past the allocation breaks its chunk headers.
      const probe = call(() => {
        x.adv_hoard(1 << 16);
        x.adv_alloc(1 << 17);
        return x.adv_join(["heap", "ok"]);
      });
      if (!("value" in probe) || probe.value !== "heap,ok") {
        run.fail({ ...where, check: "heap" }, `MEMORY CORRUPTION: the allocator fails after the call: ${"error" in probe ? `${errName(probe.error)}: ${errMessage(probe.error).slice(0, 150)}` : desc(probe.value)}`);
        run.broken = `heap corrupted after ${c.fn} ${c.kind}`;
      }
      checkInstance(run, where);
      continue;
    }
    if ("value" in o) run.fail(where, `accepted: got ${desc(o.value)}`);
    else {
      const p = namedProblem(o.error, c.proxy ? R : TR, c.fn);
      if (p !== null) run.fail(where, p);
    }
    if (ms > 2000) run.fail({ ...where, check: "time" }, `took ${ms} ms (read elements before checking the length?)`);
    checkInstance(run, where);
    // A plain call after it must still be right.
    if (run.broken === null) {
      const s = call(() => x.adv_join(["after", "wards"]));
      if (!("value" in s) || s.value !== "after,wards") {
        run.fail({ ...where, check: "after" }, `a later adv_join(["after","wards"]) gave ${"value" in s ? desc(s.value) : errMessage(s.error)}`);
        run.broken = `unusable after ${c.fn} ${c.kind}`;
      }
    }
  }
}

// ---- Entry ------------------------------------------------------------------------------------------------

let brokenBefore = null;

/**
 * Minimal reproductions of the findings in tests/ADVERSARIAL-FINDINGS.md, run one at a time with
 * `SLOTWIRE_ADV_REPRO=<name>` (Node; they print what they see as the "values" part's report).
 */
const REPROS = {
  importThrowsHostile: (rt) => {
    const x = rt.exports;
    const out = [];
    const mk = (what, get) => {
      const e = new Error("base");
      Object.defineProperty(e, "message", { get });
      Object.defineProperty(e, "name", { get: () => (rt.memory.grow(1), "Evil") });
      return [what, e];
    };
    for (const [what, thrown] of [
      mk("message getter grows memory", () => (rt.memory.grow(1), "grown")),
      mk("message getter re-enters an export", () => x.adv_join(["re", "entered"])),
      mk("message getter returns 100k chars", () => "M".repeat(100000)),
      mk("message getter throws", () => {
        throw new Error("inner");
      }),
      ["a revoked proxy", revoked({})],
      ["a symbol", Symbol("s")],
      ["undefined", undefined],
      ["a hostile proxy", hostileProxy({})],
    ]) {
      mode.list = () => {
        throw thrown;
      };
      let r;
      try {
        r = `ok ${desc(x.adv_import_list(0))}`;
      } catch (e) {
        r = `${e.name}: ${String(e.message).slice(0, 100)}`;
      }
      out.push(`${what}: ${r}; poisoned=${rt.poisoned !== null}; canary "${x.adv_canary()}"`);
    }
    mode.list = null;
    return out.join("\n");
  },
  // N10: the Date marshaller calls the value's own getTime (user code), not the intrinsic.
  dateOwnGetTime: (rt) => {
    const x = rt.exports;
    const out = [];
    for (const [what, patch] of [
      ["own getTime → 42", (d) => (d.getTime = () => 42)],
      ["own valueOf → 42", (d) => (d.valueOf = () => 42)],
    ]) {
      for (const [fn, wrap, unwrap] of [
        ["adv_date", (d) => d, (r) => r.getTime()],
        ["adv_vec_date", (d) => [d], (r) => r[0].getTime()],
        ["adv_any", (d) => d, (r) => r.getTime()],
      ]) {
        const d = new Date(1000);
        patch(d);
        let r;
        try {
          r = unwrap(x[fn](wrap(d)));
        } catch (e) {
          r = `${e.name}: ${e.message}`;
        }
        out.push(`${fn}(Date(1000) with ${what}) → ${r}`);
      }
    }
    return out.join("\n");
  },
  lyingMore: (rt) => {
    const x = rt.exports;
    const out = [];
    const probe = (what, f) => {
      let r;
      try {
        r = `ok ${desc(f())}`;
      } catch (e) {
        r = `${e && e.name}: ${String(e && e.message).slice(0, 120)}`;
      }
      let after;
      try {
        x.adv_hoard(1 << 16);
        x.adv_alloc(1 << 17);
        after = `heap ok, canary "${x.adv_canary()}"`;
      } catch (e) {
        after = `AFTER: ${e.name}: ${String(e.message).slice(0, 80)}`;
      }
      globalThis.process?.stderr?.write(`[repro] ${what}: ${r}; ${after}\n`);
      out.push(`${what}: ${r}; ${after}`);
    };
    // MemoryView.set with a typed array whose own length says 1.
    const seg = rt.allocSegment("f64", 4);
    const liar = new Float64Array(20000).fill(9);
    Object.defineProperty(liar, "length", { get: () => 1 });
    probe("segment(4 f64).set(Float64Array(20000) with own length 1)", () => (seg.set(liar), [...seg]));
    seg.dispose();
    // A Proxy of a Float64Array: `instanceof` passes, `length` answered by the trap (twice?).
    let reads = 0;
    const px = new Proxy(new Float64Array(2).fill(1), {
      get(t, k) {
        if (k === "length") return ++reads === 1 ? 2 : 20000;
        if (typeof k === "string" && /^\d+$/.test(k)) return 1;
        const v = Reflect.get(t, k);
        return typeof v === "function" ? v.bind(t) : v;
      },
    });
    probe("adv_vec_f64(Proxy(Float64Array(2)) whose length trap says 2, then 20000)", () => {
      const r = x.adv_vec_f64(px);
      return `${r.length} elements, length read ${reads} times`;
    });
    return out.join("\n");
  },
  // N9a: a typed array whose own `length` property says more than it holds: Rust gets stale heap bytes.
  typedArrayLengthLiesLarger: (rt) => {
    const x = rt.exports;
    const secret = `TOPSECRET-${"s".repeat(3000)}`;
    x.adv_join([secret, secret]); // Rust builds the joined String in its heap, then frees it
    const a = new Uint8Array(4).fill(1);
    Object.defineProperty(a, "length", { get: () => secret.length * 2 + 1 });
    const got = x.adv_vec_u8(a);
    const text = new TextDecoder().decode(got);
    let nonzero = 0;
    for (const b of got) if (b !== 0) nonzero++;
    return `adv_vec_u8(Uint8Array(4) with own length → 6023) returned ${got.length} bytes, ${nonzero} nonzero; contains "TOPSECRET": ${text.includes("TOPSECRET")}; first bytes ${JSON.stringify(text.slice(0, 24))}`;
  },
  // N9b: ... says less than it holds: the copy writes past the allocation (heap overflow).
  typedArrayLengthLiesSmaller: (rt) => {
    const x = rt.exports;
    const before = x.adv_canary();
    const a = new Uint8Array(100000).fill(0x41);
    Object.defineProperty(a, "length", { get: () => 2 });
    let r;
    try {
      r = `returned ${desc(x.adv_vec_u8(a))}`;
    } catch (e) {
      r = `${e.name}: ${e.message}`;
    }
    let after;
    try {
      after = `canary now "${x.adv_canary()}"`;
    } catch (e) {
      after = `next call: ${e.name}: ${e.message}`;
    }
    return `adv_vec_u8(Uint8Array(100000) with own length → 2): ${r}; canary before "${before}", ${after}`;
  },
  lyingTypedArrays: (rt) => {
    const x = rt.exports;
    const out = [];
    const probe = (what, f) => {
      let r;
      try {
        r = `ok ${desc(f())}`;
      } catch (e) {
        r = `${e && e.name}: ${String(e && e.message).slice(0, 120)}`;
      }
      globalThis.process?.stderr?.write(`[repro] ${what}: ${r}\n`);
      out.push(`${what}: ${r}; canary "${x.adv_canary()}" poisoned=${rt.poisoned !== null}`);
      globalThis.process?.stderr?.write(`[repro]   canary "${x.adv_canary()}"\n`);
    };
    const lying = (ctor, n, props) => {
      const a = new ctor(n).fill(ctor === BigInt64Array ? 1n : 1);
      for (const [k, v] of Object.entries(props)) Object.defineProperty(a, k, { get: () => v });
      return a;
    };
    for (const [fn, ctor] of [["adv_vec_f64", Float64Array], ["adv_vec_u8", Uint8Array], ["adv_vec_i64", BigInt64Array], ["adv_span_sum", Float64Array], ["adv_sum_f64", Float64Array], ["adv_vec_any", Float64Array], ["adv_vec_string", Float64Array]]) {
      if (envValue("SLOTWIRE_ADV_LIE") === fn) probe(`${fn}(${ctor.name}(100000) with length → 2)`, () => x[fn](lying(ctor, 100000, { length: 2 })));
      probe(`${fn}(${ctor.name}(4) with length → 1e6)`, () => x[fn](lying(ctor, 4, { length: 1e6 })));
      probe(`${fn}(${ctor.name}(100000) with byteLength → 16)`, () => x[fn](lying(ctor, 100000, { byteLength: 16 })));
      probe(`${fn}(${ctor.name}(100000) with byteOffset → 2**31)`, () => x[fn](lying(ctor, 100000, { byteOffset: 2 ** 31 })));
      probe(`${fn}(${ctor.name}(100000) with buffer → other)`, () => x[fn](lying(ctor, 100000, { buffer: new ArrayBuffer(8) })));
    }
    const buf = new ArrayBuffer(100000);
    Object.defineProperty(buf, "byteLength", { get: () => 2 });
    probe("adv_vec_u8(ArrayBuffer(100000) with byteLength → 2)", () => x.adv_vec_u8(buf).length);
    const methods = [1, 2, 3];
    for (const m of ["map", "slice", "forEach", "join", "every", "some", "indexOf", "reduce", "entries", "values", "keys", "at"]) {
      Object.defineProperty(methods, m, { value: () => { throw new Error(`own ${m} called`); } });
    }
    methods[Symbol.iterator] = () => { throw new Error("own iterator called"); };
    probe("adv_vec_f64(Array with hostile own methods)", () => x.adv_vec_f64(methods));
    probe("adv_vec_string(...)", () => x.adv_vec_string(["a", "b"].concat([])));
    probe("adv_any(Array with hostile own methods)", () => x.adv_any(methods));
    probe("adv_vec_any(Array with hostile own methods)", () => x.adv_vec_any(methods));
    probe("adv_vec_vec_f64([Array with hostile own methods])", () => x.adv_vec_vec_f64([methods]));
    class Sub extends Array {}
    probe("adv_vec_f64(Array subclass)", () => x.adv_vec_f64(Sub.from([1, 2])));
    return out.join("\n");
  },
  asyncGrowBetween: async (rt) => {
    const x = rt.exports;
    const out = [];
    for (const [what, between] of [
      ["grow", () => rt.memory.grow(1)],
      ["hoard", () => x.adv_hoard(4 << 20)],
      ["seg", () => x.adv_seg_make(1 << 16).dispose()],
    ]) {
      const p1 = x.adv_async_sum([1, 2]);
      mode.later = () => new Promise((r) => setTimeout(() => r(["late", "x".repeat(100000)]), 5));
      const p2 = x.adv_import_later(0);
      between();
      const r1 = await p1;
      between();
      const r2 = await p2;
      out.push(`${what}: async_sum=${r1} later=${r2.length}:${r2[0]}:${r2[1].length}`);
    }
    x.adv_free_hoard();
    return out.join("; ");
  },
  viewApiProbe: (rt) => {
    const out = [];
    const probe = (what, f) => {
      let r;
      try {
        r = `ok ${desc(f())}`;
      } catch (e) {
        r = `${e && e.name}: ${String(e && e.message).slice(0, 100)}`;
      }
      out.push(`${what}: ${r}`);
    };
    for (const n of [-1, 1.5, NaN, "5", 5n, 0, -0, 2 ** 31, Infinity]) probe(`allocSegment("f64", ${desc(n)})`, () => rt.allocSegment("f64", n).length);
    const seg = rt.allocSegment("f64", 4);
    const hostile = { valueOf: () => (rt.memory.grow(1), 0) };
    probe("set([1], valueOf obj)", () => seg.set([1], hostile));
    probe("set([1], -0)", () => (seg.set([1], -0), [...seg]));
    probe("set([1], 4)", () => seg.set([1], 4));
    probe("set([], 4)", () => (seg.set([], 4), [...seg]));
    probe("set([1], 2**32)", () => seg.set([1], 2 ** 32));
    probe("set(new Float64Array(detached))", () => seg.set(detachedTyped(Float64Array)));
    probe("set(Float32Array)", () => seg.set(new Float32Array(1)));
    probe("set(seg itself, 1)", () => seg.set(seg, 1));
    probe("get(-0)", () => seg.get(-0));
    probe("get(4)", () => seg.get(4));
    probe("get(valueOf obj)", () => seg.get(hostile));
    probe("at(-1)", () => seg.at(-1));
    probe("slice(valueOf obj)", () => seg.slice(hostile).length);
    probe("slice(-2)", () => seg.slice(-2).length);
    probe("slice(0, 2**40)", () => seg.slice(0, 2 ** 40).length);
    probe("copyTo(detached)", () => seg.copyTo(detachedTyped(Float64Array)));
    probe("copyTo(Float64Array(2))", () => seg.copyTo(new Float64Array(2)));
    probe("copyTo(Float64Array(8), 2**32)", () => seg.copyTo(new Float64Array(8), 2 ** 32));
    probe("toString()", () => seg.toString());
    probe("JSON.stringify", () => JSON.stringify(seg));
    seg.dispose();
    probe("dispose twice", () => seg.dispose());
    probe("isDisposed", () => seg.isDisposed);
    return out.join("\n");
  },
  // N7: a typed array from a &mut [u32] span, kept past the call, writes freed Rust memory.
  spanTypedArrayKept: (rt) => {
    const x = rt.exports;
    let kept2 = null;
    mode.spanRw = (v) => {
      kept2 = v.typedArray();
      return 0;
    };
    x.adv_lend_rw(64);
    mode.spanRw = null;
    const seg = x.adv_seg_make(64);
    const before = x.adv_seg_sum(seg);
    try {
      kept2.fill(0x7fffffff);
    } catch (e) {
      seg.dispose();
      return `writing the kept typed array (length ${kept2.length}) refused: ${e.name}: ${e.message}`;
    }
    const after = x.adv_seg_sum(seg);
    seg.dispose();
    return `live Segment<f64> sum ${before} -> ${after} after writing the kept typed array`;
  },
  // N8: a segment's typed array, kept past dispose(), writes freed Rust memory.
  segmentTypedArrayKept: (rt) => {
    const x = rt.exports;
    const s = rt.allocSegment("u32", 64);
    const ta = s.typedArray();
    s.dispose();
    const live = x.adv_seg_make(64);
    const before = x.adv_seg_sum(live);
    try {
      ta.fill(0x7fffffff);
    } catch (e) {
      live.dispose();
      return `writing the kept typed array (length ${ta.length}) refused: ${e.name}: ${e.message}`;
    }
    const after = x.adv_seg_sum(live);
    live.dispose();
    return `live Segment<f64> sum ${before} -> ${after} after writing the kept typed array`;
  },
  oomAndGrowth: (rt) => {
    const x = rt.exports;
    const out = [];
    for (const [fn, n, v] of [
      ["adv_vec_u8", 2 ** 30, 7],
      ["adv_vec_f64", 2 ** 28 + 1, 7],
      ["adv_vec_i64", 2 ** 28 + 1, 7n],
      ["adv_vec_u8", 2 ** 32 - 1, 7],
    ]) {
      const before = rt.memory.buffer.byteLength;
      const t0 = Date.now();
      let r;
      try {
        r = `ok ${desc(x[fn](sparse(n, v)))}`;
      } catch (e) {
        r = `${e.name}: ${String(e.message).slice(0, 120)}`;
      }
      out.push(`${fn}(sparse Array(${n}) filled to 512): ${r}; memory ${before} -> ${rt.memory.buffer.byteLength} bytes, ${Date.now() - t0} ms`);
    }
    return out.join("\n");
  },
  exportReadsTwice: (rt) => {
    const x = rt.exports;
    const out = [];
    for (const [fn, first, second] of [
      ["adv_vec_u8", 1, 300],
      ["adv_vec_i32", 1, 2 ** 40],
      ["adv_vec_f32", 1, 1e300],
      ["adv_vec_i64", 1n, 2n ** 70n],
      ["adv_vec_string", "a", 5],
      ["adv_vec_bool", true, 5],
      ["adv_vec_obj", {}, 5],
      ["adv_vec_any", 1, Symbol("s")],
      ["adv_span_sum", 1, "x"],
      ["adv_vec_vec_f64", [1], 5],
    ]) {
      let n = 0;
      const a = [first, first];
      Object.defineProperty(a, 1, { get: () => (++n === 1 ? first : second) });
      let r;
      try {
        r = `ok ${desc(x[fn](a))}`;
      } catch (e) {
        r = `${e.name}: ${String(e.message).slice(0, 80)}`;
      }
      out.push(`${fn}: getter ran ${n}×: ${r}`);
    }
    return out.join("\n");
  },
  // N4: MemoryView.set(Array) reads every element twice: checked once, copied after (TOCTOU).
  viewSetReadsTwice: (rt) => {
    const seg = rt.allocSegment("u8", 2);
    let n = 0;
    const a = [7, 0];
    Object.defineProperty(a, 1, { get: () => (++n === 1 ? 1 : 300) });
    let r;
    try {
      seg.set(a);
      r = `no error; segment = [${[...seg]}]; getter ran ${n} times`;
    } catch (e) {
      r = `${e.name}: ${e.message}`;
    }
    seg.dispose();
    return r;
  },
  // N4b: the second read may grow memory in the middle of the copy: the rest of the writes are lost.
  viewSetGrow: (rt) => {
    const seg = rt.allocSegment("f64", 3);
    const a = [1, 2, 3];
    Object.defineProperty(a, 1, { get: () => (rt.memory.grow(1), 2) });
    seg.set(a);
    const r = `segment = [${[...seg]}] (expected [1,2,3])`;
    seg.dispose();
    return r;
  },
  // N5: a live closure's Vec<JsObject> argument whose getter grows memory: the instance is poisoned.
  closureArgGrow: (rt) => {
    const x = rt.exports;
    kept.closures.length = 0;
    x.adv_closure(3, 100, true); // JsClosure::new(move |v: Vec<JsObject>| v.len() as i32 + 100), held
    const f = kept.closures[0].f;
    const a = [{}, {}];
    Object.defineProperty(a, 1, { get: () => (rt.memory.grow(1), {}) });
    let r;
    try {
      r = `returned ${f(a)} (expected 102)`;
    } catch (e) {
      r = `${e.name}: ${String(e.message).slice(0, 160)}`;
    }
    return `${r}; rt.poisoned = ${rt.poisoned === null ? null : String(rt.poisoned).slice(0, 80)}; rt.census().jsObjects = ${rt.census().jsObjects}`;
  },
  partialArgsLeak: (rt) => {
    const x = rt.exports;
    const out = [];
    const probe = (what, f) => {
      const b = rt.census().jsObjects;
      let r;
      try {
        r = `ok ${desc(f())}`;
      } catch (e) {
        r = `${e.name}: ${String(e.message).slice(0, 80)}`;
      }
      out.push(`${what}: ${r}; jsObjects ${b} -> ${rt.census().jsObjects}, rust ${x.adv_census()[0]}`);
    };
    probe("adv_vec_obj([{}, {}, 5])", () => x.adv_vec_obj([{}, {}, 5]));
    probe("adv_vec_any([{}, {}, Symbol()])", () => x.adv_vec_any([{}, {}, Symbol("s")]));
    probe("adv_any([{}, [{}, 2n**70n]])", () => x.adv_any([{}, [{}, 2n ** 70n]]));
    probe("adv_call(fn, 'x')", () => x.adv_call((y) => y, "x"));
    kept.closures.length = 0;
    x.adv_closure(3, 0, true);
    const f = kept.closures[0].f;
    probe("live closure Vec<JsObject> ([{}, {}, 5])", () => f([{}, {}, 5]));
    probe("live closure Vec<JsObject> ([{}, {}], extra)", () => f([{}, {}], 1));
    x.adv_drop_closures();
    return out.join("\n");
  },
  // N1: calling a dropped closure whose parameters are JsObjects leaks the handles JS made for them.
  droppedClosureLeaks: (rt) => {
    const x = rt.exports;
    kept.closures.length = 0;
    x.adv_closure(3, 0, false); // JsClosure::new(|v: Vec<JsObject>| ..), dropped on return
    const f = kept.closures[0].f;
    const before = rt.census().jsObjects;
    const out = [];
    for (let i = 0; i < 3; i++) {
      try {
        f([{}, {}]);
      } catch (e) {
        out.push(`${e.name}: ${e.message}`);
      }
    }
    return `${out.join(" | ")}\nrt.census().jsObjects: ${before} -> ${rt.census().jsObjects}; slotwire::census().js_objects = ${x.adv_census()[0]}`;
  },
};

/** Runs one part; resolves to "" or the report of every failure. */
export async function runAdversarial(rt, part) {
  const repro = envValue("SLOTWIRE_ADV_REPRO");
  if (repro !== undefined) return part === "values" ? `repro ${repro}: ${await REPROS[repro](rt)}` : "";
  const run = new Run(rt, part);
  if (ONLY !== undefined && !ONLY.split(",").includes(part)) return "";
  // eslint-disable-next-line no-console
  console.log(`adversarial ${part}: seed ${SEED} (override with SLOTWIRE_ADV_SEED / ?seed=), rounds ×${ROUNDS}`);
  if (brokenBefore !== null || rt.poisoned !== null) {
    return `- [${part}] not run: the instance was broken by an earlier part (${brokenBefore || rt.poisoned}); run this part alone with SLOTWIRE_ADV_ONLY=${part}`;
  }
  try {
    rt.exports.adv_canary();
    takeBaseline(run);
  } catch (e) {
    return `- [${part}] could not start: ${errMessage(e)}`;
  }
  const parts = { values: partValues, inject: partInject, handles: partHandles, oversize: partOversize };
  // A trap or throw outside any call (a spawned task, a promise job) must not kill the run: it is
  // recorded as a failure of the round that was running.
  const uncaught = (e) => {
    const where = run.current || { family: "?" };
    run.fail({ ...where, check: "uncaught" }, `UNCAUGHT exception outside any call (spawned task / promise job): ${errName(e)}: ${errMessage(e).slice(0, 200)}`);
  };
  const proc = globalThis.process;
  const onNode = (e) => uncaught(e);
  const onWindow = (ev) => {
    ev.preventDefault();
    uncaught(ev.error !== undefined ? ev.error : ev.reason);
  };
  if (proc && typeof proc.on === "function") {
    proc.on("uncaughtException", onNode);
    proc.on("unhandledRejection", onNode);
  } else if (typeof globalThis.addEventListener === "function") {
    globalThis.addEventListener("error", onWindow);
    globalThis.addEventListener("unhandledrejection", onWindow);
  }
  try {
    await parts[part](run);
  } catch (e) {
    run.fail({ family: "suite" }, `the part threw ${errName(e)}: ${errMessage(e)} ${(e && e.stack) || ""}`.slice(0, 600));
  } finally {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (proc && typeof proc.off === "function") {
      proc.off("uncaughtException", onNode);
      proc.off("unhandledRejection", onNode);
    } else if (typeof globalThis.removeEventListener === "function") {
      globalThis.removeEventListener("error", onWindow);
      globalThis.removeEventListener("unhandledrejection", onWindow);
    }
  }
  for (const k of Object.keys(mode)) mode[k] = null;
  if (run.broken !== null) brokenBefore = `${part}: ${run.broken}`;
  // eslint-disable-next-line no-console
  console.log(`adversarial ${part}: ${run.rounds} rounds in ${Date.now() - run.start} ms, ${run.failures.length} failures reported`);
  const report = run.report();
  return report;
}

// The JS half of tests/tests/sound_no_codegen.rs: a Content-Security-Policy without
// 'unsafe-eval', simulated. `globalThis.Function` is replaced by a constructor that throws an
// EvalError when called or constructed (as `new Function` does under such a CSP), here at this
// module's evaluation — before the wasm instance starts, so before slotwire's runtime attaches
// (it attaches on first use) — and again by `installTrap` (idempotent). Every slotwire binding,
// export and closure of this test binary is then made by the runtime's fallbacks
// (codegen.js `compile` returns null). This is a module, not eval: nothing here needs `Function`.
//
// `globalThis.ncTest` holds the functions the Rust imports call; the wasm-bindgen exports here
// (`nc*`) do not cross through slotwire, so they flush nothing.

const RealFunction = globalThis.Function;
let attempts = 0;
const Trap = function Function() {
  attempts++;
  throw new EvalError("Code generation from strings disallowed for this context (simulated CSP)");
};
// `f instanceof Function` keeps working.
Trap.prototype = RealFunction.prototype;

function trapNow() {
  if (globalThis.Function !== Trap) globalThis.Function = Trap;
}
trapNow();

let rt = null;
/** Hooks of hostile values that must never run (rule 5: errors are built without user code). */
let coerced = 0;
/** Proxy traps that ran (allowed where user code may run, counted to see that it did). */
let trapped = 0;
let log = [];
const kept = [];

const hooks = () => ({
  toString() {
    coerced++;
    return "hooked";
  },
  valueOf() {
    coerced++;
    return 1;
  },
  [Symbol.toPrimitive]() {
    coerced++;
    return "prim";
  },
});

function throwingTraps() {
  const t = {};
  for (const k of ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf", "defineProperty", "set", "apply", "construct", "isExtensible"]) {
    t[k] = () => {
      trapped++;
      throw new Error(`trap ${k}`);
    };
  }
  return t;
}

function revoked() {
  const p = Proxy.revocable({}, {});
  p.revoke();
  return p.proxy;
}

function outcome(thunk) {
  try {
    const r = thunk();
    return `ok:${typeof r === "string" ? r : JSON.stringify(r)}`;
  } catch (e) {
    return `err:${e && e.name}:${e && e.message}`;
  }
}

/** Values by kind (see `give`). */
function value(kind, n) {
  switch (kind) {
    case 0: return "a".repeat(n);
    case 1: return "\u00e9\u{1D11E}".repeat(n);
    case 2: return { tag: `obj${n}` };
    case 3: return true;
    case 4: return 4000000000;
    case 5: return "\u{1F600}";
    case 6: return 2.5;
    case 7: return "h\u00e9llo \ud800 w\u00f6rld";
    // Hostile values: no hook of theirs may run when they are refused.
    case 10: return new String("boxed");
    case 11: return hooks();
    case 12: return new Proxy({}, throwingTraps());
    case 13: return revoked();
    case 14: return Symbol("s");
    case 15: return 10n;
    case 16: return null;
    case 17: return undefined;
    case 18: return Object.assign(() => "f", hooks());
    case 19: return ["arr"];
    case 20: return 1.5;
    case 21: return -1;
    case 22: return NaN;
    case 23: return "12";
    case 24: return new Proxy(new String("p"), throwingTraps());
    case 25: return Object.assign(Object.create(String.prototype), hooks());
    // Throws.
    case 30: throw new RangeError(`boom ${n}`);
    case 31: {
      // Memory grows inside the call, then a big result.
      rt.memory.grow(1);
      return "grown\u00e9".repeat(n);
    }
    case 32: {
      // Re-enters an export (which calls typed imports), grows memory, then the result.
      const inner = rt.exports.nc_exp_echo("\u00e9".repeat(n), n);
      rt.memory.grow(1);
      return `re${inner}:` + "z".repeat(n);
    }
    case 33: throw "a plain string";
    case 34: throw new Proxy(new Error("proxied"), throwingTraps());
    case 35: {
      const e = new TypeError("getter error");
      Object.defineProperty(e, "message", { get() { trapped++; return "ran"; } });
      throw e;
    }
    case 36: throw Object.assign(hooks(), { name: "Weird", message: "not an Error" });
    // Arrays.
    case 40: return ["one", "tw\u00f6", "thr\u{1D11E}e"];
    case 41: return Array.from({ length: n }, (_, i) => "x".repeat(1000) + i);
    case 42: return Array.from({ length: n }, (_, i) => ({ tag: `n${i}` }));
    case 43: {
      // Element getters that grow memory and re-enter an export making big String results,
      // while this result is being written (nested results).
      const a = ["first", "second", "third"];
      for (let i = 0; i < 3; i++) {
        Object.defineProperty(a, i, {
          get() {
            rt.memory.grow(1);
            return `${i}:${rt.exports.nc_exp_big(n).length}`;
          },
          enumerable: true,
        });
      }
      return a;
    }
    case 38: {
      // Element getters that re-enter an export making big String results while this result
      // is being written (nested results), without growing memory (the leak loops use it).
      const a = ["first", "second"];
      for (let i = 0; i < 2; i++) {
        Object.defineProperty(a, i, { get: () => `${i}:${rt.exports.nc_exp_big(n).length}`, enumerable: true });
      }
      return a;
    }
    case 44: return ["ok", hooks(), "ok"];
    case 45: return new Proxy(["a", "b"], throwingTraps());
    case 46: return { length: 2, 0: "a", 1: "b" };
    case 47: return [1.5, -0, 1e300, NaN];
    case 48: return { a: [1, "x", { b: null }], s: "str\u00e9", t: true };
    case 49: {
      // Elements (objects) whose reading grows memory and re-enters.
      const a = [{ tag: "p" }, { tag: "q" }];
      Object.defineProperty(a, 1, {
        get() {
          rt.memory.grow(1);
          rt.exports.nc_exp_echo("q".repeat(n), 1);
          return { tag: "late" };
        },
        enumerable: true,
      });
      return a;
    }
    case 50: return S.obj;
    case 51: return S.reentrantObj;
    default: throw new RangeError(`kind ${kind}`);
  }
}

const S = {
  add: (a, b, c, d) => a + b + c + d,
  small: (a, b) => a * 1000 + b,
  not: (b) => {
    if (typeof b !== "boolean") throw new TypeError("not a bool: " + typeof b);
    return !b;
  },
  nextChar: (c) => String.fromCodePoint(c.codePointAt(0) + 1),
  strLen(s) {
    log.push(s);
    return s.length;
  },
  echo: (s) => s,
  sum(v) {
    let t = 0;
    for (let i = 0; i < v.length; i++) t += v.get(i);
    // Grow, then read again: the view follows.
    rt.memory.grow(1);
    for (let i = 0; i < v.length; i++) t += v.get(i);
    kept.span = v;
    return t;
  },
  fill(v, x) {
    // Grow memory first: writes after it must still reach Rust's buffer.
    rt.memory.grow(1);
    for (let i = 0; i < v.length; i++) v.set([x + i], i);
    kept.mutSpan = v;
  },
  spanAfter() {
    const out = [];
    for (const k of ["span", "mutSpan", "batchSpan"]) {
      const v = kept[k];
      out.push(v === undefined ? "none" : outcome(() => v.get(0)));
    }
    return out.join("|");
  },
  tag(o) {
    return o.tag;
  },
  give: (kind, n) => value(kind, n),
  // Pod records (record.js closureAccessor): read, grow memory, read again through the same accessor.
  records(view) {
    const r = view.get(1);
    const a = [r.x, r.id, r.k, r.inner.v];
    rt.memory.grow(1);
    const b = [r.x, r.id, r.k, r.inner.v, view.get(0).x, [...view].length];
    kept.rec = r;
    kept.recs = view;
    return JSON.stringify({ a, b, n: view.length, json: view.toJSON() });
  },
  recordsAfter: () => `${outcome(() => kept.rec.x)}|${outcome(() => kept.recs.get(0))}`,
  callSelf: (x) => outcome(() => rt.exports.nc.rt.self(x)),
  /** The run-time function `nc.fn.gone` as the export attacks kept it. */
  callGone: (x) => outcome(() => kept.gone(x)),
  keep(i, f) {
    kept[i] = f;
  },
  rec(x, s) {
    log.push(`${x}:${s}`);
  },
  recAll(i, u, f, b, c, s) {
    log.push([i, u, f, b, c, s].join(","));
  },
  recView(v) {
    log.push(Array.from({ length: v.length }, (_, i) => v.get(i)).join(","));
    kept.batchSpan = v;
  },
  node: (tag) => ({ tag, children: [] }),
  append(p, c) {
    p.children.push(c);
    log.push(`${p.tag}<${c.tag}`);
  },
  batchThrow(x) {
    log.push(`throw ${x}`);
    throw new RangeError(`batched ${x}`);
  },
  batchReenter(x) {
    log.push(`re ${x}`);
    rt.memory.grow(1);
    log.push(`echo ${rt.exports.nc_exp_echo("\u00e9".repeat(x), x)}`);
    log.push(`queued ${rt.exports.nc_exp_queue(x)}`);
    log.push(`big ${rt.exports.nc_exp_big(x * 1000).length}`);
  },
  obj: {
    answer: 42,
    items: ["i0", "i1\u00e9"],
    greet(who) {
      return `hi ${who} from ${this.tag}`;
    },
    tag: "obj",
    get name() {
      rt.memory.grow(1);
      return "n\u00e4me-" + rt.exports.nc_exp_big(3000).length;
    },
  },
  reentrantObj: null,
};
S.reentrantObj = {
  get answer() {
    rt.memory.grow(1);
    return rt.exports.nc_exp_echo("r".repeat(10), 7);
  },
};

/** Installs the trap (again, idempotent) and `globalThis.ncTest`; clears the log. */
export function installTrap() {
  trapNow();
  globalThis.ncTest = S;
  log = [];
}

export function setRuntime(r) {
  rt = r;
}

export function ncLog() {
  const l = JSON.stringify(log);
  log = [];
  return l;
}

export const ncCoerced = () => coerced;
export const ncTrapped = () => trapped;
export const ncAttempts = () => attempts;
export const ncTrapInstalled = () => globalThis.Function === Trap;

/** Whether `new Function` really throws an EvalError now. */
export function ncFunctionThrows() {
  try {
    // eslint-disable-next-line no-new-func
    new globalThis.Function("return 1");
    return false;
  } catch (e) {
    return e instanceof EvalError;
  }
}

/** Whether `f`'s source is the runtime's fallback (bundled: one line, `h.check()`), not generated code. */
function isFallback(f) {
  const s = RealFunction.prototype.toString.call(f);
  // Generated code is a template of js-runtime/src (multi-line, its own names: `h.refresh()`).
  if (s.includes("\n") || s.includes("h.refresh()")) return false;
  // A fallback is a closure of the shipped runtime, whose identifiers are minified (`h.check()`
  // is `x.check()` there): one that checks the heap, or the per-key dispatcher of two bindings
  // sharing a `__slotwire_k*` global (transport.js, `(id, ...w) => invokers[id](id, ...w)`).
  return /[\w$]\.check\(\)/.test(s) || /^\(([\w$]+),\.\.\.([\w$]+)\)=>[\w$]+\[\1\]\(\1,\.\.\.\2\)$/.test(s);
}

/**
 * Every function the runtime made that JS can see — `rt.exports` (recursively) and the
 * `__slotwire_k*` globals of `#[js_import]`s — that is NOT a fallback (JSON list of names), and
 * whether batches run without a generated runner.
 */
export function ncGenerated() {
  const bad = [];
  const walk = (o, prefix) => {
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === "function") {
        if (!isFallback(v)) bad.push(prefix + k);
      } else if (v !== null && typeof v === "object") walk(v, `${prefix}${k}.`);
    }
  };
  walk(rt.exports, "exports.");
  let globals = 0;
  for (const k of Object.getOwnPropertyNames(globalThis)) {
    if (!k.startsWith("__slotwire_k")) continue;
    globals++;
    if (!isFallback(globalThis[k])) bad.push(k);
  }
  if (rt.batchRunner !== null && rt.batchRunner !== false) bad.push("batchRunner");
  return JSON.stringify({ bad, globals, exports: Object.keys(rt.exports).length });
}

/** Kept function `i` is a fallback (a Rust closure's JS function). */
export function ncKeptIsFallback(i) {
  return isFallback(kept[i]);
}

/** Calls kept function `i` with `args` (a JS array): "ok:<result>" or "err:<name>:<message>". */
export function ncCallKept(i, args) {
  return outcome(() => kept[i](...args));
}

/** Calls kept function `i` with an object argument of kind `kind` (see `value`). */
export function ncCallKeptWith(i, kind, n) {
  return outcome(() => kept[i](value(kind, n)));
}

/** The heap's bookkeeping, read without crossing. */
export function ncHeapState() {
  const h = rt.heap;
  return JSON.stringify({
    atBase: h.top === h.base,
    depth: h.resultDepth,
    inResult: h.inResult,
    overflow: h.overflow.length,
    results: h.results.length,
    spans: h.spans.length,
    deferred: h.deferred.length,
  });
}

/** The children tags of a batch-built node, read without crossing. */
export function ncChildren(o) {
  return o.children.map((c) => c.tag).join(",");
}

export function ncClassName(o) {
  return String(o.className);
}

/**
 * Attacks on the exports from JS (`#[js_export]`: typed and slot path; run-time exports, typed
 * and slot path). Returns the JSON list of what went wrong (empty: all as expected).
 */
export function ncExportAttacks() {
  const E = rt.exports;
  const fails = [];
  const c0 = coerced;
  const ok = (label, thunk, want) => {
    const got = outcome(thunk);
    if (got !== `ok:${want}`) fails.push(`${label}: got ${got}, want ok:${want}`);
  };
  const err = (label, thunk, name, re) => {
    const got = outcome(thunk);
    const m = /^err:([^:]*):([\s\S]*)$/.exec(got);
    if (m === null || (name !== null && m[1] !== name) || !re.test(m[2])) fails.push(`${label}: got ${got}, want err:${name}:${re}`);
  };
  // #[js_export] on the typed path: (&str, u32) -> u32.
  ok("echo", () => E.nc_exp_echo("h\u00e9llo", 3), "6003");
  ok("echo lone surrogate", () => E.nc_exp_echo("\ud800", 0), "3000");
  err("echo 1 arg", () => E.nc_exp_echo("a"), "TypeError", /nc_exp_echo/);
  err("echo 3 args", () => E.nc_exp_echo("a", 1, 2), "TypeError", /expected 2 arguments, got 3/);
  err("echo hooks", () => E.nc_exp_echo(hooks(), 1), "TypeError", /nc_exp_echo: argument 1/);
  err("echo String", () => E.nc_exp_echo(new String("x"), 1), "TypeError", /nc_exp_echo: argument 1/);
  err("echo Symbol", () => E.nc_exp_echo(Symbol("q"), 1), "TypeError", /nc_exp_echo: argument 1/);
  err("echo proxy", () => E.nc_exp_echo(new Proxy({}, throwingTraps()), 1), "TypeError", /nc_exp_echo: argument 1/);
  err("echo -1", () => E.nc_exp_echo("a", -1), "RangeError", /nc_exp_echo: argument 2/);
  err("echo 2^32", () => E.nc_exp_echo("a", 2 ** 32), "RangeError", /nc_exp_echo: argument 2/);
  err("echo 1.5", () => E.nc_exp_echo("a", 1.5), "RangeError", /nc_exp_echo: argument 2/);
  err("echo '1'", () => E.nc_exp_echo("a", "1"), "TypeError", /nc_exp_echo: argument 2/);
  err("echo hooks n", () => E.nc_exp_echo("a", hooks()), "TypeError", /nc_exp_echo: argument 2/);
  err("echo new", () => new E.nc_exp_echo("a", 1), "TypeError", /./);
  ok("u32 big", () => E.nc_exp_u32(4000000000), String((4000000000 * 2) % 2 ** 32));
  ok("u32 max", () => E.nc_exp_u32(2 ** 32 - 1), String(2 ** 32 - 2));
  ok("char", () => E.nc_exp_char("\u{1F600}"), "\u{1F601}");
  err("char 2", () => E.nc_exp_char("ab"), "TypeError", /nc_exp_char: argument 1/);
  err("char hooks", () => E.nc_exp_char(hooks()), "TypeError", /nc_exp_char: argument 1/);
  ok("bool", () => E.nc_exp_bool(false), "true");
  err("bool 1", () => E.nc_exp_bool(1), "TypeError", /nc_exp_bool: argument 1/);
  ok("f32", () => E.nc_exp_f32(1.1), String(Math.fround(1.1) * 2));
  err("f32 big", () => E.nc_exp_f32(1e300), "RangeError", /nc_exp_f32: argument 1/);
  err("fail", () => E.nc_exp_fail(7), "Error", /failed with 7/);
  // Slot path: Vec<String>, Option<String> -> String.
  ok("join", () => E.nc_exp_join(["a", "b\u00e9"], "-"), "a-b\u00e9");
  ok("join default", () => E.nc_exp_join(["a", "b"]), "a+b");
  ok("join null", () => E.nc_exp_join(["a", "b"], null), "a+b");
  err("join 0 args", () => E.nc_exp_join(), "TypeError", /nc_exp_join: argument 1/);
  err("join 3 args", () => E.nc_exp_join([], "-", 1), "TypeError", /nc_exp_join/);
  err("join hooks elem", () => E.nc_exp_join(["a", hooks()], "-"), "TypeError", /nc_exp_join: argument 1.*\[1\]/);
  err("join not array", () => E.nc_exp_join("ab", "-"), "TypeError", /nc_exp_join: argument 1/);
  err("join hooks sep", () => E.nc_exp_join([], hooks()), "TypeError", /nc_exp_join: argument 2/);
  err("join new", () => new E.nc_exp_join([]), "TypeError", /./);
  {
    // Element getters that grow memory and re-enter (typed and slot exports) mid-argument.
    const a = ["p", "q", "r"];
    Object.defineProperty(a, 1, {
      get() {
        rt.memory.grow(1);
        return `q${E.nc_exp_echo("x".repeat(100000), 1)}${E.nc_exp_join(["in", "ner"], "_")}`;
      },
      enumerable: true,
    });
    ok("join getter", () => E.nc_exp_join(a, "/"), "p/q100000001in_ner/r");
  }
  // Objects: identity, refusals.
  const o = { tag: "me" };
  ok("obj same", () => E.nc_exp_obj(o) === o, "true");
  const rp = revoked();
  ok("obj revoked", () => E.nc_exp_obj(rp) === rp, "true");
  err("obj 5", () => E.nc_exp_obj(5), "TypeError", /nc_exp_obj: argument 1/);
  err("obj null", () => E.nc_exp_obj(null), "TypeError", /nc_exp_obj: argument 1/);
  // Re-entry: the export calls a typed import reading a getter that grows memory and re-enters.
  const tricky = {
    get tag() {
      rt.memory.grow(1);
      return "t" + E.nc_exp_echo("y".repeat(70000), 2) + E.nc_exp_big(10).length;
    },
  };
  ok("tag reentry", () => E.nc_exp_tag(tricky), "t7000000210");
  err("tag throws", () => E.nc_exp_tag({ get tag() { throw new RangeError("no tag"); } }), null, /no tag/);
  // Run-time exports: a typed closure (i32, i32) -> i32 and others.
  const R = E.nc.rt;
  ok("rt add", () => R.add(2, 3), "5");
  ok("rt add extra", () => R.add(2, 3, 4), "5");
  err("rt add missing", () => R.add(2), "TypeError", /nc\.rt\.add/);
  err("rt add str", () => R.add(2, "3"), "TypeError", /nc\.rt\.add: argument 2/);
  err("rt add big", () => R.add(2 ** 31, 0), "RangeError", /nc\.rt\.add: argument 1/);
  err("rt add hooks", () => R.add(hooks(), 0), "TypeError", /nc\.rt\.add: argument 1/);
  ok("rt u32", () => R.u32(4000000000), "4000000000");
  ok("rt char", () => R.char("\u{1F600}"), "\u{1F601}");
  ok("rt bool", () => R.bool(true), "false");
  ok("rt f64", () => R.f64(0.25), "0.5");
  ok("rt f64 NaN", () => Number.isNaN(R.f64(NaN)), "true");
  ok("rt greet", () => R.greet("\u00e9l", 2), "\u00e9l\u00e9l");
  ok("rt greet extra", () => R.greet("a", 3, "extra"), "aaa");
  err("rt greet missing", () => R.greet("a"), "TypeError", /nc\.rt\.greet/);
  err("rt greet hooks", () => R.greet(hooks(), 1), "TypeError", /nc\.rt\.greet: argument 1/);
  ok("rt tag", () => R.tag({ tag: "x\u00e9" }), "x\u00e9");
  ok("rt tag reentry", () => R.tag(tricky), "t7000000210");
  err("rt tag 5", () => R.tag(5), "TypeError", /nc\.rt\.tag: argument 1/);
  // Run-time functions: the fallback calls their handle-less entries.
  const F = E.nc.fn;
  ok("fn add", () => F.add(2, 3), "5");
  ok("fn add wraps", () => F.add(2 ** 31 - 1, 1), String(-(2 ** 31)));
  err("fn add str", () => F.add(2, "3"), "TypeError", /nc\.fn\.add: argument 2/);
  err("fn add missing", () => F.add(2), "TypeError", /nc\.fn\.add/);
  ok("fn u32", () => F.u32(4000000000), "4000000000");
  ok("fn f64", () => F.f64(1.5, 4), "6");
  kept.gone = F.gone;
  ok("fn gone", () => kept.gone(7), "7");
  ok("rt self", () => R.self(1), "100");
  ok("rt self after", () => R.self(0), "0");
  if (coerced !== c0) fails.push(`hooks ran: ${coerced - c0}`);
  if (rt.poisoned !== null) fails.push(`poisoned: ${rt.poisoned}`);
  return JSON.stringify(fails);
}

/**
 * Calls export `name` with args made by `make(i)` 220 times; the wasm memory's byte length after
 * call 20 and after the last (JSON [before, after]), or the first error.
 */
export function ncExportLeak(which) {
  const E = rt.exports;
  const big = "\u00e9\u{1D11E}".repeat(60000);
  const calls = {
    echo: () => E.nc_exp_echo(big, 1),
    big: () => E.nc_exp_big(100000),
    join: () => E.nc_exp_join([big, big], "-"),
    greet: () => E.nc.rt.greet(big, 2),
    add: () => E.nc.rt.add(1, 2),
  };
  const f = calls[which];
  let before = 0;
  try {
    for (let i = 0; i < 220; i++) {
      f();
      if (i === 19) before = rt.memory.buffer.byteLength;
    }
  } catch (e) {
    return `err:${e && e.name}:${e && e.message}`;
  }
  return JSON.stringify([before, rt.memory.buffer.byteLength]);
}

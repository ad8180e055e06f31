// The JS half of tests/tests/sound_entries.rs: attacks on the entries Rust hands JS on first use
// (closures, Rust objects, futures) and on the records snippet.

import { eq, fail, show, throwsWith } from "./harness.js";

let kept = [];
let pending = [];
let theRt = null;

/** What the spy saw: hand-over counts since it was installed, and the indices Rust handed over. */
const spy = {
  installed: false,
  counts: { closures: 0, objects: 0, futures: 0, table: 0 },
  closures: null,
  objects: null,
  futures: null,
  table: null,
};

const module = {
  keep(f) {
    kept.push(f);
    return kept.length - 1;
  },
  callNow(f, x) {
    return f(x);
  },
  later(i) {
    return new Promise((resolve) => pending.push(() => resolve(i * 10 + 1)));
  },
  /** A thenable whose `then` re-enters Rust (an export making a closure and an object). */
  reentrantThenable(n) {
    return {
      then(resolve) {
        resolve(theRt.exports.se_make_inside(n));
      },
    };
  },
  records(view) {
    const records = recordsOf(theRt);
    if (records === null || records === undefined) throw new Error("features.records is not installed");
    if (!(view instanceof records.RecordView)) throw new Error("the view is not the snippet's RecordView");
    lastView = view;
    let s = 0;
    const ids = [];
    for (let i = 0; i < view.length; i++) {
      const r = view.get(i);
      s += r.x + r.y;
      ids.push(r.id);
    }
    return [view.length, s, ...ids].join(":");
  },
};
let lastView = null;

function recordsOf(rt) {
  const m = rt[Symbol.for("slotwire.runtime-module")];
  return m.features.records;
}

export function seInstall(rt) {
  theRt = rt;
  if (spy.installed) return;
  spy.installed = true;
  const wrap = (method, kind) => {
    const own = rt[method];
    rt[method] = function (...args) {
      spy.counts[kind]++;
      spy[kind] = args;
      return own.apply(this, args);
    };
  };
  wrap("useClosureEntries", "closures");
  wrap("useObjectEntries", "objects");
  wrap("useFutureEntries", "futures");
  wrap("useFunctionTable", "table");
  rt.importModule("se", module);
}

export function seHandOvers(kind) {
  return spy.counts[kind];
}

export function seResolveAll() {
  const ps = pending;
  pending = [];
  for (let i = ps.length - 1; i >= 0; i--) ps[i]();
  return ps.length;
}

export function seTick() {
  return new Promise((r) => setTimeout(r, 0));
}

export function sePoisoned(rt) {
  return rt.poisoned === null ? "" : String(rt.poisoned);
}


/** The Runtime's own methods (not the spy): what hostile JS calls. */
const proto = (rt) => Object.getPrototypeOf(rt);

function needSpy(kind) {
  if (spy[kind] === null) fail(`the spy saw no ${kind} hand-over (installed after Rust's?)`);
  return spy[kind];
}

/** Closures, new closure functions, Rust objects still work. */
function entriesWork(rt, what) {
  eq(rt.poisoned, null, `${what}: poisoned`);
  eq(rt.exports.se_make_inside(4), 13, `${what}: a closure made and called, an object made`);
  const c = rt.exports.se_make_counter(10);
  eq(c.add(5), 15, `${what}: a Rust object's method`);
  c.dispose();
  eq(c.isDisposed, true, `${what}: disposed`);
}

/** Bad indices to the Runtime's hand-over methods: SlotwireErrors, entries still working. */
function hostileIndices(rt, exotic) {
  const [info, call] = needSpy("closures");
  const f = kept[kept.length - 2];
  const g = kept[kept.length - 1];
  eq(f(21), 42, "f before");
  eq(g("héllo"), 6, "g before");
  entriesWork(rt, "before");
  const objects = spy.objects;
  const futures = spy.futures;
  let ran = 0;
  const bad = [
    ["NaN", NaN],
    ["2**32", 2 ** 32],
    ["2**32 + 1", 2 ** 32 + 1],
    ["2**53", 2 ** 53],
    ["1e300", 1e300],
    ["Infinity", Infinity],
    ["'abc'", "abc"],
    ["undefined", undefined],
    ["null", null],
    ["{}", {}],
    ["0 (the table's null entry)", 0],
  ];
  const exoticBad = [
    ["-1", -1],
    ["-Infinity", -Infinity],
    ["-2**31", -(2 ** 31)],
    ["a Symbol", Symbol("i")],
    ["1n", 1n],
  ];
  if (exotic) bad.splice(0, bad.length, ...exoticBad);
  const methods = [
    ["useClosureEntries", "closures", [info, call]],
    ["useObjectEntries", "Rust objects", objects],
    ["useFutureEntries", "futures", futures],
  ];
  const problems = [];
  for (const [method, label, real] of methods) {
    if (real === null) continue; // no future made yet in this instance
    // Returns this method's real first index: accepted, it changes nothing.
    const valueOf = { valueOf: () => (ran++, real[0]) };
    for (const [name, v] of exotic ? [...bad, ["an object with valueOf", valueOf]] : bad) {
      const pairs = [[v, v], [v, real[1]]];
      for (const [a, b] of pairs) {
        const what = `${method}(${name}${a === b ? `, ${name}` : ", <real>"})`;
        try {
          throwsWith(() => proto(rt)[method].call(rt, a, b), "SlotwireError", [label], what);
        } catch (e) {
          problems.push(e.message);
        }
      }
    }
    entriesWork(rt, `after the bad ${method} calls`);
    eq(f(21), 42, `f after ${method}`);
    eq(g("héllo"), 6, `g after ${method}`);
  }
  if (ran !== 0) problems.push(`an index's valueOf ran ${ran} times (user code in the check)`);
  if (problems.length !== 0) fail(`${problems.length} refusals wrong:\n  ${problems.join("\n  ")}`);
}

const checks = {
  reentrantMaking(rt) {
    const outer = kept[kept.length - 1];
    for (let n = 0; n < 20; n++) {
      eq(outer(n), n + 7, `outer(${n})`);
      eq(rt.exports.se_make_inside(n), n * 3 + 1, `se_make_inside(${n})`);
      // From inside a closure JS calls (through se.callNow) while Rust's closure is on the stack.
    }
    eq(spy.counts.closures <= 1, true, `closure hand-overs ${spy.counts.closures}`);
    eq(spy.counts.objects <= 1, true, `object hand-overs ${spy.counts.objects}`);
    eq(spy.counts.futures <= 1, true, `future hand-overs ${spy.counts.futures}`);
    eq(spy.counts.table <= 1, true, `table hand-overs ${spy.counts.table}`);
  },

  hostileIndices(rt) {
    hostileIndices(rt, false);
  },

  hostileIndicesExotic(rt) {
    hostileIndices(rt, true);
  },

  secondHandOver(rt) {
    const [info, call] = needSpy("closures");
    const [adopt, free] = needSpy("objects");
    const table = needSpy("table")[0];
    const f = kept[kept.length - 1];
    const problems = [];
    // Each is refused (Rust hands every kind over once); restored only if one was accepted.
    const attempt = (name, run, restore) => {
      try {
        run();
        problems.push(`${name} after Rust's hand-over was accepted`);
        restore();
      } catch (e) {
        if (e.name !== "SlotwireError") problems.push(`${name}: ${e.name}: ${e.message}`);
      }
    };
    const p = proto(rt);
    // Both real functions of the table, in the wrong places.
    attempt("useClosureEntries(info, info)", () => p.useClosureEntries.call(rt, info, info), () => {});
    // free would call object_adopt (which writes a type name at its out pointer, here 0).
    attempt("useObjectEntries(adopt, adopt)", () => p.useObjectEntries.call(rt, adopt, adopt), () => {});
    // A table of JS's own (duck-typed: length and get): its functions would become entries.
    attempt("useFunctionTable(a plain object)", () => p.useFunctionTable.call(rt, { length: 2 ** 31, get: () => () => 0 }), () => {});
    attempt("useFunctionTable(the same table)", () => p.useFunctionTable.call(rt, table), () => {});
    eq(f(4), 8, "the kept closure after");
    entriesWork(rt, "after the second hand-overs");
    eq(typeof free, "number", "free_object's index recorded");
    if (problems.length !== 0) fail(problems.join("; "));
  },

  partialHandOver(rt) {
    needSpy("closures");
    // Valid first index, invalid second: refused (handed over already, and NaN is no index),
    // and nothing of it installed: closures made and called afterwards work.
    let threw = null;
    try {
      proto(rt).useClosureEntries.call(rt, 5, NaN);
    } catch (e) {
      threw = e;
    }
    eq(threw !== null && threw.name, "SlotwireError", "useClosureEntries(5, NaN) refused");
    eq(rt.exports.se_make_inside(2), 7, "a closure made after the refused hand-over");
    entriesWork(rt, "after");
  },

  settleUnknownIds(rt) {
    needSpy("futures");
    const h = rt.heap;
    const top = h.top;
    const p = h.alloc(64);
    try {
      for (const id of [0, 1 << 30, 2 ** 32 - 1, 123456789, "abc", -1, NaN]) {
        for (const status of [0, 1, 7]) {
          h.check();
          h.u8.fill(0, p, p + 64);
          rt.settlePromise(id, status, p);
          eq(rt.poisoned, null, `settlePromise(${show(id)}, ${status})`);
        }
      }
    } finally {
      h.top = top;
    }
    entriesWork(rt, "after the made-up settles");
  },

  objects(rt) {
    const objects = rt.rustObjects;
    const handlesNow = () => new Set(objects.proxies.keys());
    const before = handlesNow();
    const c = rt.exports.se_make_counter(5);
    const h = [...handlesNow()].find((x) => !before.has(x));
    if (h === undefined) fail("no new proxy handle");
    eq(c.add(2), 7, "add");
    c.dispose();
    c.dispose();
    eq(c.isDisposed, true, "disposed twice");
    throwsWith(() => c.add(1), "SlotwireError", ["disposed"], "a disposed proxy's method");
    eq(objects.free(h), 0, "free of a disposed object's handle");
    eq(objects.free(h), 0, "free of it again");
    for (const x of [0, 1, 2 ** 32 - 1, 12345, h + 1, h ^ 0x10000]) {
      if (objects.proxies.has(x)) continue;
      eq(objects.free(x), 0, `free(${x}) (no object)`);
    }
    // A closure's handle (closures and objects share Rust's one handle table) is no object.
    const f = kept[kept.length - 1];
    eq(f(3), 6, "the kept closure");
    const closureHandles = [...rt.closures.keys()];
    if (closureHandles.length === 0) fail("no closure handle in rt.closures");
    for (const hc of closureHandles) eq(objects.free(hc), 0, `free(${hc}), a closure's handle`);
    eq(f(3), 6, "the kept closure after its handle was freed as an object");
    // JS gives back a live proxy's reference behind its back: the proxy then errors, no trap.
    const c2 = rt.exports.se_make_counter(1);
    const h2 = [...handlesNow()].find((x) => !before.has(x));
    eq(objects.free(h2), 1, "free of a live object's one reference");
    throwsWith(() => c2.add(1), "TypeError", ["disposed"], "a proxy whose reference was freed");
    c2.dispose();
    eq(c2.isDisposed, true, "c2 disposed");
    eq(objects.free(h2), 0, "free after");
    // Many made and dropped: the handles are reused, never an old proxy's.
    const made = [];
    for (let i = 0; i < 500; i++) made.push(rt.exports.se_make_counter(i));
    for (let i = 0; i < 500; i += 2) made[i].dispose();
    for (let i = 1; i < 500; i += 2) eq(made[i].add(1), i + 1, `counter ${i}`);
    for (let i = 0; i < 500; i += 2) throwsWith(() => made[i].add(1), "SlotwireError", ["disposed"], `counter ${i}`);
    for (let i = 1; i < 500; i += 2) made[i].dispose();
    eq(objects.live, 0, "live proxies");
    eq(rt.poisoned, null, "poisoned");
  },

  recordsFeature(rt) {
    const records = recordsOf(rt);
    if (records === null || typeof records !== "object") fail("features.records is not installed");
    eq(typeof records.RecordView, "function", "RecordView");
    eq(typeof records.recordReader, "function", "recordReader");
    if (lastView === null) fail("no view was kept");
    eq(lastView instanceof records.RecordView, true, "the kept view is the snippet's RecordView");
    eq(records.isDisposedView(lastView), true, "a span's view after its call");
  },
};

export function runSoundEntriesCheck(rt, name) {
  const c = checks[name];
  if (c === undefined) throw new Error(`no check ${name}`);
  c(rt);
}

// The JS half of tests/tests/sound_typed_paths.rs: JS functions of Rust closures kept by index
// and called from JS (typed closure entries), and a log batched / typed imports write to. The
// wasm-bindgen exports here (tpCall*, tpLog) do not cross through slotwire, so they flush nothing.

let rtRef = null;
const kept = [];
const log = [];
let oldExport = null;

function outcome(thunk) {
  try {
    const r = thunk();
    return `ok:${typeof r === "number" && Object.is(r, -0) ? "-0" : String(r)}`;
  } catch (e) {
    return `err:${e && e.name}:${e && e.message}`;
  }
}

const tp = {
  keep(i, f) {
    kept[i] = f;
  },
  path: (i) => (kept[i].name === "closure_" ? "typed" : "slots"),
  same: (i, j) => kept[i] === kept[j],
  // Through slotwire (a typed import): calls kept function i from JS.
  call1(i, a) {
    return outcome(() => kept[i](a));
  },
  record(x) {
    log.push(x);
  },
  echo(x) {
    log.push(`echo ${x}`);
    return x;
  },
  recordStr(s) {
    log.push(s);
  },
  recordView(v) {
    log.push(Array.from(v));
  },
  recordTag(o) {
    log.push(o.tag);
  },
  makeNode(tag) {
    return { tag };
  },
  thrower(x) {
    throw new RangeError(`thrown for ${x}`);
  },
  callExport(name, x) {
    log.push(rtRef.exports[name](x));
  },
};

export function installTypedPaths(rt) {
  rtRef = rt;
  globalThis.tpTest = tp;
}

export function tpLog() {
  return JSON.stringify(log);
}

export function tpClear() {
  log.length = 0;
}

/** Calls kept function i with `a` (wasm-bindgen: no slotwire crossing). */
export function tpCall(i, a) {
  return outcome(() => kept[i](a));
}

export function tpPath(i) {
  return tp.path(i);
}

/** Calls `rt.exports[name](x)`, keeping the function it called as the "old" export. */
export function tpCallExport(name, x) {
  const f = rtRef.exports[name];
  oldExport = f;
  return outcome(() => f(x));
}

export function tpExportPath(name) {
  const f = rtRef.exports[name];
  return f === undefined ? "none" : f.name === "closure_" ? "typed" : "slots";
}

export function tpCallOldExport(x) {
  return outcome(() => oldExport(x));
}

export function tpPoisoned() {
  return rtRef.poisoned !== null;
}

// The JS half of tests/tests/batch_adversarial.rs: the functions its batched calls run, installed
// once as `globalThis.batchAdv`, and readers the Rust side calls through plain wasm-bindgen imports
// (not slotwire: reading them does not flush the batch).

export function installBatchAdv(rt) {
  if (globalThis.batchAdv !== undefined) return;
  const t = {
    log: [],
    traps: [],
    record(x) {
      t.log.push(x);
    },
    recordView(v) {
      t.log.push(Array.from(v));
    },
    makeNode(tag) {
      return { tag, children: [] };
    },
    append(parent, child) {
      parent.children.push(child);
    },
    thrower(x) {
      throw new RangeError(`thrown for ${x}`);
    },
    // Calls export `name` (re-entry during a flush) and logs what it returned.
    callExport(name) {
      t.log.push(rt.exports[name]());
    },
    // The first call of a run grows memory (an export allocating), the later ones read strings,
    // spans and objects after it.
    growThen(grow, s, v, o) {
      if (grow) t.log.push(rt.exports.adv_grow());
      t.log.push([s, Array.from(v), o.tag]);
    },
    // A Proxy whose every trap records that it ran and throws; a revoked Proxy.
    makeProxy(kind) {
      if (kind === "revoked") {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      }
      const handler = {};
      for (const k of ["get", "has", "getPrototypeOf", "ownKeys", "getOwnPropertyDescriptor", "apply", "set", "defineProperty"]) {
        handler[k] = () => {
          t.traps.push(k);
          throw new Error(`trap ${k} ran`);
        };
      }
      return new Proxy(function () {}, handler);
    },
    // An async import: settles on a later task.
    tick() {
      t.log.push("tick");
      return new Promise((resolve) => setTimeout(resolve, 5));
    },
    // Calls export `name`, swallowing what it throws (a panic): returns the error's message.
    swallowExport(name) {
      try {
        rt.exports[name]();
        t.log.push("no throw");
      } catch (e) {
        t.log.push(`caught: ${e && e.message}`);
      }
    },
    // Wraps `o`; the first call grows memory (the run of this binding goes on after it).
    wrap(grow, o) {
      if (grow) rt.exports.adv_grow();
      return { tag: `w(${o.tag})`, children: [] };
    },
    // Throws what `kind` says: values that are not Errors, and a Proxy whose traps throw.
    throwWeird(kind) {
      const weird = {
        null: null,
        symbol: Symbol("s"),
        number: 42,
        proxy: new Proxy({}, { get() { t.traps.push("get"); throw new Error("trap"); }, getPrototypeOf() { t.traps.push("proto"); throw new Error("trap"); } }),
        getter: Object.defineProperty(new Error("x"), "message", { get() { t.traps.push("message"); throw new Error("trap"); } }),
      }[kind];
      throw weird;
    },
    // A Rust closure kept by JS, and a batched call that calls it.
    setHandler(f) {
      t.handler = f;
    },
    fire(x) {
      t.handler(x);
    },
    // Takes a proxy (must not run its traps).
    takeAny(o) {
      t.log.push(typeof o);
    },
  };
  globalThis.batchAdv = t;
}

export function advLog() {
  return JSON.stringify(globalThis.batchAdv.log);
}

export function advClear() {
  globalThis.batchAdv.log = [];
  globalThis.batchAdv.traps = [];
}

export function advTraps() {
  return JSON.stringify(globalThis.batchAdv.traps);
}

/** A plain object made in JS (no slotwire crossing). */
export function advPlain(tag) {
  return { tag, children: [] };
}

/** The tags of `o.children`, as JSON. */
export function advChildTags(o) {
  return JSON.stringify(o.children.map((c) => c.tag));
}

/** Calls export `name` from JS: its result's `tag`, or `error: <message>`. */
export function advCallExportTag(rt, name) {
  try {
    const r = rt.exports[name]();
    return r === null || r === undefined ? String(r) : String(r.tag);
  } catch (e) {
    return `error: ${e && e.message}`;
  }
}

/** A promise settled after `ms` (awaited through wasm-bindgen, not slotwire). */
export function advSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

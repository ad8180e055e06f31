// The JS half of tests/tests/batch.rs: the functions batched calls run, installed as
// `globalThis.batchTest`, and a log the Rust side reads without crossing through slotwire (a
// plain wasm-bindgen import, so reading it does not flush the batch).

export function installBatchTest(rt) {
  // Once: the bindings resolve `batchTest.*` when they first bind.
  if (globalThis.batchTest !== undefined) return;
  const t = {
    log: [],
    record(x) {
      t.log.push(x);
    },
    recordAll(i, u, f, b, c, s) {
      t.log.push([i, u, f, b, c, s]);
    },
    recordView(v) {
      // A read-only MemoryView during the call: its elements, and that writing fails.
      let refused = false;
      try {
        v.set(0, 99);
      } catch {
        refused = true;
      }
      t.log.push(["view", Array.from(v), refused]);
      t.lastView = v;
    },
    makeNode(tag) {
      return { tag, children: [] };
    },
    append(parent, child) {
      parent.children.push(child);
    },
    childCount(o) {
      return o.children.length;
    },
    notAnObject() {
      return 5;
    },
    thrower(x) {
      throw new RangeError(`thrown for ${x}`);
    },
    // Re-entry during a flush: an export that allocates (memory grows) and queues and flushes a
    // batch of its own.
    reenter(x) {
      t.log.push(rt.exports.batch_reenter(x));
    },
    // Calls `f` with `x`, then returns the log as JSON read right after it returned.
    callThenLog(f, x) {
      f(x);
      return JSON.stringify(t.log);
    },
  };
  globalThis.batchTest = t;
}

/**
 * Calls `f` (an export's or a closure's JS function) with `x` and returns the log as JSON read
 * right after it returned: what it queued must have run by then.
 */
export function callThenLog(f, x) {
  f(x);
  return JSON.stringify(globalThis.batchTest.log);
}

/** `rt.exports[name]`, for callThenLog. */
export function exportFn(rt, name) {
  return rt.exports[name];
}

export function batchLog() {
  return JSON.stringify(globalThis.batchTest.log);
}

export function clearBatchLog() {
  globalThis.batchTest.log = [];
}

export function lastViewUsable() {
  try {
    globalThis.batchTest.lastView.get(0);
    return true;
  } catch {
    return false;
  }
}

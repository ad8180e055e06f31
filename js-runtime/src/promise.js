// Promise ↔ Future: mirrors engine/src/future.rs.
//
// Import side: a JS result awaited by Rust gets an id in `PromiseTable`; when it settles, its
// value is written into a frame (by the writer of the promise's value type) and Rust's futures'
// `settle(id, status, frame)` entry (Runtime.settlePromise) wakes the future. A future Rust
// dropped is forgotten here.
// Export side: an async export's result slot holds either the value (the future was done at once:
// a resolved Promise, no further crossing) or, with FLAG_PENDING, an id whose promise Rust
// settles later through `swSettleExport`.

import { FLAG_PENDING, OFFSET_FLAGS, RESULT, SLOT_SIZE, STATUS_EXCEPTION, STATUS_OK } from "./slot.js";
import { writerFor } from "./marshal/index.js";
import { readRustError, writeJsError } from "./marshal/error.js";
import { IdTable } from "./id-table.js";

// The intrinsics, as they were when the runtime loaded (an app patching them later changes nothing).
const promiseThen = Promise.prototype.then;
const promiseResolve = Promise.resolve.bind(Promise);
const queueTask = globalThis.queueMicrotask;

/**
 * Runs `f` in a microtask through `queueMicrotask` as it was when the runtime loaded: an app or
 * a polyfill replacing it later (with one that runs `f` at once, or throws) changes nothing.
 */
export function queueMicrotaskIntrinsic(f) {
  queueTask(f);
}

/** Promises Rust awaits, by id. */
export class PromiseTable {
  constructor(rt) {
    this.rt = rt;
    this.next = 0;
    /** Registrations so far: each one's token (not an id: ids come round again). */
    this.tokens = 0;
    /**
     * id → the token of the registration Rust waits for (an IdTable: a Map is slow for ids that
     * come and go). A promise settles its id only if the id is still its registration's: once
     * Rust forgot it, a later registration may take the id.
     */
    this.pending = new IdTable();
    /** Waiters whose registration fired, for the next awaits (at most FREE_WAITERS). */
    this.free = [];
  }

  /** Registers `value` (a promise, a thenable or a plain value); returns its id. */
  add(value, writer, what) {
    // Ids come round again after 2^32 promises: never one still awaited (a settled one's id is
    // free on both sides: Rust's future keeps its outcome, not the id: engine/src/future.rs).
    let id;
    do id = this.next = (this.next + 1) >>> 0 || 1;
    while (this.pending.get(id) !== undefined);
    const token = ++this.tokens;
    this.pending.set(id, token);
    this.wait(id, token, value, writer, what);
    return id;
  }

  /**
   * Waits for `value` and settles `id` with it: `Promise.resolve(value).then(..)` with the
   * intrinsics (thenables included, as `await` does; a throw of `Promise.resolve` itself — a
   * hostile `constructor` getter — rejects). Cheaper than an `async` function's `await` (its
   * function object, promise and resume closures per call: ~40 ns more per await in Node), and
   * the reactions are a pooled `Waiter`'s, not two new closures per await.
   */
  wait(id, token, value, writer, what) {
    const w = this.free.pop() ?? new Waiter(this);
    w.id = id;
    w.token = token;
    w.writer = writer;
    w.what = what;
    try {
      // (A Promise subclass's species constructor runs in `then`: it may throw too, and then
      // registered nothing.)
      promiseThen.call(promiseResolve(value), w.ok, w.failed);
    } catch (e) {
      // The promise rejects with the throw, a microtask from now as a reaction would (no
      // promise made for it: its `then` could throw again, with an app's patched species).
      queueTask(() => w.failed(e));
    }
  }

  settle(id, token, v, writer, what, rejected) {
    // Rust dropped the future (and the id may be another registration's now).
    if (this.pending.get(id) !== token) return;
    const rt = this.rt;
    if (rt.poisoned !== null) {
      this.pending.delete(id);
      return;
    }
    const h = rt.heap;
    h.check();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(2 * SLOT_SIZE);
      let status = STATUS_OK;
      if (!rejected) {
        try {
          writer(h, p + RESULT * SLOT_SIZE, v, what);
        } catch (e) {
          rejected = true;
          v = e;
        }
      }
      if (rejected) {
        writeJsError(h, p, v);
        status = STATUS_EXCEPTION;
      }
      // The id stayed pending while the value was written: the writer runs user code (a getter,
      // an export call), which may register promises, and no other may take this id before Rust
      // has this one's outcome. It may have made Rust forget it, or poisoned the instance.
      if (this.pending.get(id) !== token) return;
      this.pending.delete(id);
      if (rt.poisoned !== null) return;
      try {
        rt.settlePromise(id, status, p);
      } catch (e) {
        // A trap: called from a promise reaction, it would be an unhandled rejection.
        rt.poison(rt.poisoned ?? `trap while settling a promise: ${e && e.message}`);
      }
    } finally {
      h.release(top, ov);
    }
  }

  /** Rust dropped the future awaiting `id`. */
  forget(id) {
    this.pending.delete(id);
  }
}

/** How many fired `Waiter`s a table keeps for reuse (a burst of awaits leaves no more). */
const FREE_WAITERS = 64;

/**
 * The reactions of one registration at a time (`PromiseTable.wait`). A promise calls one of
 * its reactions once, so a waiter whose reaction ran is free again: it goes back to the table's
 * pool before the settle, which may register the next promise on it (its fields are read first).
 */
class Waiter {
  constructor(table) {
    this.table = table;
    this.id = 0;
    this.token = 0;
    this.writer = null;
    this.what = "";
    this.ok = (v) => this.fire(v, false);
    this.failed = (e) => this.fire(e, true);
  }

  fire(v, rejected) {
    const { table, id, token, writer, what } = this;
    this.writer = null;
    if (table.free.length < FREE_WAITERS) table.free.push(this);
    table.settle(id, token, v, writer, what, rejected);
  }
}

/**
 * The result of an import returning a promise of `inner`: `(h, v) => id` registers `v` (a
 * promise, a thenable or a value) and returns the id Rust awaits it under — the wasm result of
 * an async typed import (fast.js), or the result slot's (`promiseWriter`). Its errors name the
 * binding's result (`${where}: result`), once per binding, not per await.
 */
export function promiseRegistrar(inner, where) {
  const w = writerFor(inner, `${where}: promise value`);
  const valueWhat = `${where}: result (promise value)`;
  return (h, v) => h.promises.add(v, w, valueWhat);
}

/** The result writer of an import returning a promise of `inner` (the slot path). */
export function promiseWriter(inner, where) {
  const register = promiseRegistrar(inner, where);
  return (h, p, v) => {
    const id = register(h, v);
    h.check(); // Promise.resolve(v) reads `v.then`: user code
    h.u32[(p >>> 2) + 2] = id;
  };
}

/** Async exports whose promise Rust settles later, by id. */
export class ExportPromises {
  constructor() {
    /** id → {resolve, reject, reader, what} until Rust settles it. */
    this.pending = new IdTable();
  }

  /** The promise an async export returns: resolved now, or pending until Rust settles it. */
  promise(h, p, reader, what) {
    if ((h.u8[p + OFFSET_FLAGS] & FLAG_PENDING) === 0) return Promise.resolve(reader(h, p, what));
    const id = h.u32[(p >>> 2) + 2];
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, reader, what });
    });
  }

  /** Rejects every pending promise with `error` (the instance was poisoned). */
  rejectAll(error) {
    const all = this.pending.all();
    this.pending.clear();
    for (const e of all) e.reject(error);
  }

  /** Rust's `swSettleExport(id, status, slots)`. */
  settle(h, id, status, p) {
    const e = this.pending.delete(id);
    if (e === undefined) return;
    h.check();
    if (status === STATUS_OK) {
      let v;
      try {
        v = e.reader(h, p + RESULT * SLOT_SIZE, e.what);
      } catch (err) {
        e.reject(err);
        return;
      }
      e.resolve(v);
    } else {
      e.reject(readRustError(h, p));
    }
  }
}

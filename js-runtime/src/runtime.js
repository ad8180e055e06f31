// One Runtime per wasm instance: its memory views and frame area, its exports namespace, the ES
// modules loaded for its imports, and its poisoned state.

import {
  Heap, MAX_ALLOC, layoutWords, EXPORT_PREFIX, FAST_EXPORT_PREFIX, FAST_EXCEPTION, FAST_FRAME_GEN, FAST_STATUS, FAST_THREW,
  EXPORT_INFO_WORDS, EXPORT_INFO_NAME_PTR, EXPORT_INFO_NAME_LEN, EXPORT_INFO_PARAMS_PTR,
  EXPORT_INFO_PARAMS_LEN, EXPORT_INFO_NAMES_PTR, EXPORT_INFO_NAMES_LEN, EXPORT_INFO_RET,
  EXPORT_INFO_FAST, CLOSURE_INFO_WORDS, CLOSURE_INFO_PARAMS_PTR, CLOSURE_INFO_PARAMS_LEN,
  CLOSURE_INFO_RET, CLOSURE_INFO_FAST, CLOSURE_INFO_ENTRY, CLOSURE_FAST_STATELESS, SEGMENT_INFO_WORDS, SEGMENT_INFO_PTR, SEGMENT_INFO_LEN, SEGMENT_INFO_ELEM, T,
} from "./slot.js";
import { SlotwireError, describe } from "./errors.js";
import { resolveUrl } from "./load.js";
import { makeExport, place } from "./exports.js";
import { decodeUtf8 } from "./marshal/string.js";
import { makeFastClosure } from "./fast.js";
import { HandleTable } from "./handles.js";
import { ExportPromises, PromiseTable, queueMicrotaskIntrinsic } from "./promise.js";
import { VIEW_TYPES } from "./view-types.js";
import { features } from "./features.js";
import { checkers } from "./marshal/primitive.js";
import { failImport, reflectApply } from "./imports.js";

/** Bytes of the frame area; calls whose frames do not fit get blocks of their own. */
export const FRAME_AREA_SIZE = 64 * 1024;

/**
 * A JS export name as the macros spell it in wasm export names (engine/macros `symbol_name`):
 * dots become `$`, so wasm-bindgen's `.d.ts`, which lists every raw export, stays valid.
 */
export function exportSymbol(name) {
  return name.replaceAll(".", "$");
}

export const { Runtime } = { Runtime: class {
  /**
   * This instance's wasm function table (Rust hands it over before it describes a closure of
   * plain values: its typed entry is in it). Private: it calls any Rust function in the table.
   */
  #functionTable = null;

  /**
   * @param {WebAssembly.Memory} memory the instance's memory
   * @param {object} wasm the instance's raw exports (`slotwire_call`, `slotwire_alloc`, ...)
   */
  constructor(id, memory, wasm, fastArea = 0) {
    this.id = id;
    /** Address of Rust's fast-path status word and exception slot (engine/src/call/fast.rs). */
    this.fastArea = fastArea;
    this.memory = memory;
    this.wasm = wasm;
    this.heap = new Heap(memory);
    /** JS objects held by Rust (`JsObject`), by handle. */
    this.heap.objects = new HandleTable();
    /** Rust closures (`JsClosure`) by handle → the one JS function made for each. */
    this.closures = new Map();
    /** Rust functions (`JsClosure::from_fn`) JS made a function for, by handle → `{ dropped }`. */
    this.functions = new Map();
    /**
     * What each `#[js_export]` is: `{ name, params, names, ret }` (signature codes), in
     * registration order. types.js `exportsDts` makes TypeScript declarations of them.
     */
    this.exportInfo = [];
    /** Names of the run-time exports (`register_export`) in `this.exports`. */
    this.runtimeExports = new Set();
    this.heap.closureFunction = (handle, what) => this.closureFunction(handle, what);
    /** Promises Rust awaits (async imports), and async exports' pending promises. */
    this.heap.promises = new PromiseTable(this);
    this.exportPromises = new ExportPromises();
    /** Rust objects JS holds (`RustObject`), as proxies. */
    // Rust objects' proxies: null while the app's wasm makes none (features.js `objects`).
    this.rustObjects = features.objects === null ? null : new features.objects.RustObjects(this);
    this.heap.rustObjects = this.rustObjects;
    /**
     * Segment views (`Segment<T>` buffers JS holds); dispose() or collection releases them. The
     * view runtime's (its snippet loads before any instance exists), null in an app whose wasm
     * links no view type: then no segment can exist.
     */
    const v = features.views;
    this.segments = v === null ? null : new v.SegmentRegistry((handle) => this.wasm.slotwire_segment_release(handle));
    this.heap.segments = this.segments;
    this.heap.segmentView = (handle, length, elemType, what) => this.segmentView(handle, length, elemType, what);
    /** Record layouts Rust registered (`swRecordType`), by id - 1: parsed descriptors. */
    this.heap.recordTypes = [];
    /** Message of the panic that poisoned the instance, or null. */
    this.poisoned = null;
    /** Loaded ES modules by name: { ns, promise }. */
    this.modules = new Map();
    /** `rt.exports.add(2, 3)`: every `#[js_export]` function, dotted names as namespaces. */
    this.exports = Object.create(null);
    // What `JsObject`'s methods call (engine/src/object.rs), as a module of its own.
    this.propName = nameCache(this.heap);
    /** Interned property names (`PropertyKey`s) by id; id 0 is never one. */
    this.keys = [undefined];
    /** The id of each interned name: a name is interned once, however many keys name it. */
    this.keyIds = new Map();
    /** Batched bindings' decoders, by id (batch.js). */
    this.batchDecoders = [];
    /** The runner of batches (batch.js `makeBatchRunner`): null until the next run makes it, false without code generation. */
    this.batchRunner = null;
    /** Object results of the batch runs in progress (batch.js; runs nest). */
    this.batchResults = [];
    /**
     * Whether Rust has queued calls JS has not run yet (set by `swBatchQueued` when a batch
     * begins, cleared when one runs): `#[js_import]`s' typed functions then flush first
     * (`flushQueued`), which keeps program order without a check in Rust per call.
     */
    this.batchPending = false;
    const ops = Object.freeze({ ...objectOps(this.heap, this.propName), ...(features.objects?.streamOps ?? {}) });
    this.modules.set("__slotwire", { ns: ops, promise: Promise.resolve(ops) });
    const base = wasm.slotwire_alloc(FRAME_AREA_SIZE) >>> 0;
    if (base === 0) throw new SlotwireError("cannot allocate the frame area");
    this.heap.check();
    this.heap.setFrameArea(wasm, base, FRAME_AREA_SIZE);
    if (fastArea !== 0) this.heap.genIndex = (fastArea + FAST_FRAME_GEN) >>> 2;
    this.registerExports();
  }

  /**
   * `swFunctionTable`: the table closures' typed entries and the features' entries are in (see
   * `#functionTable`). Rust hands it over once per runtime; a second hand-over is refused.
   */
  useFunctionTable(table) {
    if (this.#functionTable !== null) throw new SlotwireError("the function table was handed over already");
    if (table === null || typeof table !== "object" || typeof table.get !== "function" || typeof table.length !== "number") {
      throw new SlotwireError(`the function table: expected a table, got ${describe(table)}`);
    }
    this.#functionTable = table;
  }

  /**
   * Futures' entries (engine/src/future.rs `share_entries`): `run_exports` and `settle`, from
   * the function table, once Rust handed them over (before it first needs JS to call them; an
   * app without futures never does, and links neither).
   */
  #runExports = null;
  #settle = null;

  /**
   * Functions `a` and `b` of the function table Rust handed over (both looked up before either
   * is used, so a refused hand-over changes nothing); `what` names the feature in the error. An
   * index is a non-negative integer number (nothing else is converted: no user code runs).
   */
  #entries(what, a, b) {
    const t = this.#functionTable;
    const entry = (i) => {
      const ok = typeof i === "number" && Number.isInteger(i) && i >= 0 && t !== null && i < t.length;
      const f = ok ? t.get(i) : null;
      if (typeof f !== "function") {
        throw new SlotwireError(`${what}: entry ${typeof i === "number" ? i : describe(i)} is not a function of the table`);
      }
      return f;
    };
    return [entry(a), entry(b)];
  }

  /** The error of a second hand-over of `what`'s entries (Rust hands them over once). */
  static #again(what) {
    return new SlotwireError(`${what}: the entries were handed over already`);
  }

  /** `swFutureEntries`: the function-table indices of futures' `run_exports` and `settle`. */
  useFutureEntries(runExports, settle) {
    if (this.#settle !== null) throw Runtime.#again("futures");
    [this.#runExports, this.#settle] = this.#entries("futures", runExports, settle);
  }

  /** `swObjectEntries`: the function-table indices of Rust objects' `object_adopt` and `free_object`. */
  useObjectEntries(adopt, free) {
    // Called from the objects snippet: loaded, even if after this Runtime was made.
    if (this.rustObjects === null) this.rustObjects = this.heap.rustObjects = new features.objects.RustObjects(this);
    if (this.rustObjects.adoptEntry !== null) throw Runtime.#again("Rust objects");
    this.rustObjects.useEntries(...this.#entries("Rust objects", adopt, free));
  }

  /**
   * Closures' entries (engine/src/callback.rs `share_entries`): `closure_info` and
   * `call_closure`, from the function table, handed over with the first closure Rust makes.
   */
  #closureInfo = null;
  #callClosure = null;

  /** `swClosureEntries`: the function-table indices of `closure_info` and `call_closure`. */
  useClosureEntries(info, call) {
    if (this.#closureInfo !== null) throw Runtime.#again("closures");
    [this.#closureInfo, this.#callClosure] = this.#entries("closures", info, call);
  }

  /**
   * Settles promise `id` in Rust (promise.js): the frame at `p` holds its value or rejection.
   * Before Rust handed over its settle entry no Rust future awaits a promise (a future hands it
   * over when it is made): the promise's result is not wanted, and nothing is called — as Rust
   * ignores the ids of futures it dropped.
   */
  settlePromise(id, status, p) {
    if (this.#settle === null) return;
    this.#settle(id, status, p);
  }

  /**
   * Runs the calls Rust has queued, before a typed import's own call or after a typed export's
   * or closure's (program order): Rust's `slotwire_flush_queued` flushes as any crossing does
   * and says whether calls are still queued (the flag follows it, so it cannot stay set for a
   * batch that is gone). A queued call that poisoned the instance makes that flush panic
   * (batch.rs `implicit_flush`, the same for every crossing): its trap comes out of here, so the
   * call does not go on.
   */
  flushQueued() {
    this.batchPending = false;
    if (this.wasm.slotwire_flush_queued() !== 0) this.batchPending = true;
  }

  registerExports() {
    const h = this.heap;
    const info = h.alloc(EXPORT_INFO_WORDS * 4);
    try {
      for (const key of Object.keys(this.wasm)) {
        if (!key.startsWith(EXPORT_PREFIX)) continue;
        const id = this.wasm[key]();
        h.check();
        this.#placeExport(id, info, `export ${key}`, false);
      }
    } finally {
      h.release(h.base, 0);
    }
  }

  /**
   * `swPublishExport`: export `id`, which Rust registered at run time (engine/src/export.rs
   * `publish`: the engine's own exports that only some apps use), placed as `registerExports`
   * places the wasm's. Called from Rust code that may be writing a frame of JS's: the frame area
   * is left as it was.
   */
  publishExport(id) {
    const h = this.heap;
    const top = h.top;
    const ov = h.overflow.length;
    try {
      this.#placeExport(id, h.alloc(EXPORT_INFO_WORDS * 4), `export ${id}`, true);
    } finally {
      h.release(top, ov);
    }
  }

  /**
   * Reads export `id`'s descriptor (into `info`) and puts its function in `rt.exports`; `engine`:
   * one of the engine's own (a name apps may not take, exports.js `place`).
   */
  #placeExport(id, info, what, engine) {
    const h = this.heap;
    if (this.wasm.slotwire_export_info(id, info) !== 0) {
      throw new SlotwireError(`${what}: no descriptor`);
    }
    h.check();
    const w = info >>> 2;
    const u32 = h.u32;
    const name = decodeUtf8(h.u8, u32[w + EXPORT_INFO_NAME_PTR], u32[w + EXPORT_INFO_NAME_LEN]);
    const pp = u32[w + EXPORT_INFO_PARAMS_PTR] >>> 2;
    const params = Array.from(u32.subarray(pp, pp + u32[w + EXPORT_INFO_PARAMS_LEN]));
    const nl = u32[w + EXPORT_INFO_NAMES_LEN];
    const names = nl === 0 ? [] : decodeUtf8(h.u8, u32[w + EXPORT_INFO_NAMES_PTR], nl).split(",");
    const ret = u32[w + EXPORT_INFO_RET];
    const fast = u32[w + EXPORT_INFO_FAST] !== 0 ? this.wasm[`${FAST_EXPORT_PREFIX}${exportSymbol(name)}`] : undefined;
    // Rust decided (call::fast::export_eligible); the flag says so, JS does not re-derive it.
    const fastFn = typeof fast === "function" ? fast : null;
    place(this.exports, name, makeExport(this, id, name, params, names, ret, fastFn, null, false), engine);
    this.exportInfo.push(Object.freeze({ name, params: Object.freeze(params), names: Object.freeze(names), ret }));
  }

  /**
   * Loads an ES module for `#[js_import(.., module = name)]` (JSHost.ImportAsync). `spec` is a URL
   * (relative ones resolve against the page, or the working directory in Node) or an object to use
   * as the module itself. Loading a name twice is a no-op: the first module stays.
   * @returns {Promise<object>} the module namespace
   */
  importModule(name, spec) {
    if (typeof name !== "string" || name === "") {
      return Promise.reject(new TypeError("importModule: name must be a non-empty string"));
    }
    const existing = this.modules.get(name);
    if (existing !== undefined) return existing.promise;
    const entry = { ns: null, promise: null };
    if (spec !== null && typeof spec === "object" && !(spec instanceof URL)) {
      entry.ns = spec;
      entry.promise = Promise.resolve(spec);
    } else if (typeof spec === "string" || spec instanceof URL) {
      entry.promise = import(resolveUrl(String(spec))).then(
        (ns) => {
          entry.ns = ns;
          return ns;
        },
        (e) => {
          this.modules.delete(name);
          throw new SlotwireError(`importModule("${name}"): cannot load ${spec}: ${e && e.message}`, { cause: e });
        },
      );
    } else {
      return Promise.reject(new TypeError(`importModule("${name}"): expected a URL or a module object`));
    }
    this.modules.set(name, entry);
    return entry.promise;
  }

  /** Live handles by kind: `{ jsObjects, closures }` — what leak tests compare with Rust's census. */
  census() {
    // Rust batches the releases of dropped JsObjects: take the pending ones first.
    if (typeof this.wasm.slotwire_flush_releases === "function") this.wasm.slotwire_flush_releases();
    return {
      jsObjects: this.heap.objects.live,
      closures: this.closures.size,
      promises: this.heap.promises.pending.size,
      asyncExports: this.exportPromises.pending.size,
      rustObjects: this.rustObjects === null ? 0 : this.rustObjects.live,
      segments: this.segments === null ? 0 : this.segments.live,
    };
  }

  /**
   * `JsObject::get` of a number, bool or char (swGetNumber): `object[name]` checked as `code` and
   * returned as a number; a throw is reported in the fast area (returns 0), as fast imports do.
   */
  getNumber(object, p, n, code) {
    const h = this.heap;
    try {
      if (h.u8.length === 0) h.refresh();
      return this.checkedNumber(object, this.propName(p, n), code);
    } catch (e) {
      return this.reportFast(e);
    }
  }

  /** `getNumber` with an interned key (`PropertyKey`): no name decoded or compared. */
  getNumberKey(object, key, code) {
    try {
      const k = this.keys[key];
      if (k === undefined) throw new SlotwireError(`JsObject.get: ${key} is not a property key of this runtime`);
      return this.checkedNumber(object, k, code);
    } catch (e) {
      return this.reportFast(e);
    }
  }

  /** Reports `e` in the fast area (exception slot, status FAST_THREW), as fast imports do; 0. */
  reportFast(e) {
    const h = this.heap;
    if (h.u8.length === 0) h.refresh();
    failImport(h, this.fastArea + FAST_EXCEPTION, e);
    h.u32[(this.fastArea + FAST_STATUS) >>> 2] = FAST_THREW;
    return 0;
  }

  /**
   * Interns a property name (UTF-8, `n` bytes at `p`): its key id, from 1 — the same id for the
   * same name (a `PropertyKey` made per use interns its name each time: one entry, not one per use).
   */
  internKey(p, n) {
    const h = this.heap;
    if (h.u8.length === 0) h.refresh();
    const name = decodeUtf8(h.u8, p, n);
    let id = this.keyIds.get(name);
    if (id === undefined) {
      id = this.keys.push(name) - 1;
      this.keyIds.set(name, id);
    }
    return id;
  }

  /** `o[k]` checked as a number of type `code` (the error names the property). */
  checkedNumber(o, k, code) {
    const v = o[k];
    // An f64 read of a number, the common case, is the number itself (checkers[T.f64] accepts
    // every number): no checker call.
    if (code === T.f64 && typeof v === "number") return v;
    const chk = checkers[code];
    try {
      return chk(v, "");
    } catch {
      // Again, to throw with the property's name (built only when it fails).
      return chk(v, `property ${JSON.stringify(k)}`);
    }
  }

  /** Registers a record layout descriptor (JSON); returns its id, from 1. */
  recordType(json) {
    this.heap.recordTypes.push(JSON.parse(json));
    return this.heap.recordTypes.length;
  }

  /**
   * A fresh zeroed buffer of `length` elements of `elemType` ("u8" … "f64") in wasm memory, as a
   * segment MemoryView: fill it, pass it to an export taking a `Segment<T>`, no copy.
   * `dispose()` it when done (a FinalizationRegistry frees it otherwise).
   */
  allocSegment(elemType, length) {
    const t = Object.hasOwn(VIEW_TYPES, elemType) ? VIEW_TYPES[elemType] : undefined;
    if (t === undefined) {
      throw new TypeError(`allocSegment: unknown element type ${JSON.stringify(elemType)} (u8, i8, u16, i16, u32, i32, u64, i64, f32, f64)`);
    }
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`allocSegment: length ${length} is not an element count`);
    }
    // Checked here, and again by Rust (the length crosses as an f64, never truncated).
    if (length * t.size > MAX_ALLOC) {
      throw new RangeError(
        `allocSegment: cannot allocate ${length} ${elemType} elements (${length * t.size} bytes; a wasm32 allocation holds at most ${MAX_ALLOC})`,
      );
    }
    if (this.poisoned !== null) throw this.poisonError();
    if (this.segments === null) {
      // No view runtime: the app's wasm has no Segment<T> (nor any view) a buffer could go to.
      throw new SlotwireError("allocSegment: the app's wasm takes no Segment<T> (it links no view type: the memory-view runtime, slotwire-views.js, is not loaded)");
    }
    const handle = this.wasm.slotwire_segment_alloc(t.code, length);
    if (handle === 0) throw new RangeError(`allocSegment: cannot allocate ${length} ${elemType} elements`);
    this.heap.check();
    try {
      return this.segmentView(handle, length, elemType, "allocSegment");
    } catch (e) {
      this.wasm.slotwire_segment_release(handle);
      throw e;
    }
  }

  /**
   * The MemoryView of segment `handle` (Rust's handle table, handles.js), which takes over one JS
   * reference to it: its address and length from `slotwire_segment_info`.
   */
  segmentView(handle, length, elemType, what) {
    const h = this.heap;
    const top = h.top;
    try {
      const out = h.alloc(SEGMENT_INFO_WORDS * 4);
      if (this.wasm.slotwire_segment_info(handle, out) !== 0) {
        throw new SlotwireError(`${what}: segment ${handle} was released`);
      }
      h.check();
      const w = out >>> 2;
      if (h.u32[w + SEGMENT_INFO_LEN] !== length || h.u32[w + SEGMENT_INFO_ELEM] !== VIEW_TYPES[elemType].code) {
        throw new SlotwireError(`${what}: segment ${handle} is not ${length} ${elemType} elements`);
      }
      return this.segments.view(this.memory, h.u32[w + SEGMENT_INFO_PTR], length, elemType, handle);
    } finally {
      h.top = top;
    }
  }

  /**
   * The JS function for Rust closure `handle`: made once (so the same closure is the same
   * function), calling a typed entry (plain values; see fast.js `makeFastClosure`) or closures' `call_closure`. Extra arguments are ignored, as JS callers of
   * callbacks expect (an event listener taking none still gets the event).
   */
  closureFunction(handle, what = "closure") {
    let f = this.closures.get(handle);
    if (f !== undefined) return f;
    f = this.makeClosureFunction(handle, what, "closure");
    this.closures.set(handle, f);
    return f;
  }

  /**
   * A run-time export (`register_export`): closure `handle`'s function, naming the export in its
   * errors, as `this.exports[name]`. Replaces an earlier run-time export of that name; a
   * `#[js_export]` or a namespace of that name is a SlotwireError.
   */
  exportClosure(name, handle) {
    if (typeof name !== "string" || name === "" || name.split(".").some((p) => p === "")) {
      throw new SlotwireError(`"${name}" is not an export name`);
    }
    const f = this.makeClosureFunction(handle, `export ${name}`, name);
    if (this.runtimeExports.has(name)) {
      this.unexport(name);
    }
    place(this.exports, name, f);
    this.runtimeExports.add(name);
  }

  /** Removes run-time export `name` (and the namespaces it leaves empty). */
  unexport(name) {
    if (!this.runtimeExports.delete(name)) return;
    const parts = name.split(".");
    const path = [this.exports];
    for (let i = 0; i < parts.length - 1; i++) path.push(path[i][parts[i]]);
    delete path[parts.length - 1][parts[parts.length - 1]];
    for (let i = parts.length - 2; i >= 0; i--) {
      if (Object.keys(path[i + 1]).length !== 0) break;
      delete path[i][parts[i]];
    }
  }

  /** The JS function calling Rust closure `handle` (see `closureFunction`); `name` for errors. */
  makeClosureFunction(handle, what, name) {
    let f;
    const h = this.heap;
    const top = h.top;
    let params;
    let ret;
    let fast;
    let entry;
    const info = this.#closureInfo;
    if (info === null) throw new SlotwireError(`${what}: Rust closure ${handle}: Rust made no closure (no closure entries)`);
    try {
      const out = h.alloc(CLOSURE_INFO_WORDS * 4);
      if (info(handle, out) !== 0) {
        throw new SlotwireError(`${what}: Rust closure ${handle} was dropped`);
      }
      h.check();
      const w = out >>> 2;
      const pp = h.u32[w + CLOSURE_INFO_PARAMS_PTR] >>> 2;
      params = Array.from(h.u32.subarray(pp, pp + h.u32[w + CLOSURE_INFO_PARAMS_LEN]));
      ret = h.u32[w + CLOSURE_INFO_RET];
      fast = h.u32[w + CLOSURE_INFO_FAST];
      entry = h.u32[w + CLOSURE_INFO_ENTRY];
    } finally {
      h.top = top;
    }
    f = makeExport(this, handle, name, params, [], ret, null, this.#callClosure, true);
    // Plain values: the typed path, the closure's own entry in the function table Rust handed
    // over (the slot path stays behind it for what it cannot do).
    const table = this.#functionTable;
    if (fast !== 0 && table !== null) {
      const typed = entry < table.length ? table.get(entry) : null;
      if (typeof typed === "function") {
        // A function's entry (`from_fn`) ignores the handle: JS itself stops calling it once
        // the closure is dropped (`forgetClosure`).
        let live = null;
        if ((fast & CLOSURE_FAST_STATELESS) !== 0) {
          live = this.functions.get(handle) ?? { dropped: false };
          this.functions.set(handle, live);
        }
        f = makeFastClosure(this, handle, params, ret, f, fast & ~CLOSURE_FAST_STATELESS, name, typed, live) ?? f;
      }
    }
    return f;
  }

  /** A `JsClosure` was dropped: its JS function is no longer handed out, nor calls Rust. */
  forgetClosure(handle) {
    this.closures.delete(handle);
    const live = this.functions.get(handle);
    if (live !== undefined) {
      live.dropped = true;
      this.functions.delete(handle);
    }
  }

  /**
   * Poisons the instance (a panic, or a trap JS caught): every later call throws the poison
   * error, and every pending async export promise rejects with it now (none stays pending).
   */
  poison(message) {
    if (this.poisoned === null) this.poisoned = message;
    this.exportPromises.rejectAll(this.poisonError());
  }

  /**
   * Runs the woken async exports (futures' `run_exports` entry) in a microtask. A trap there (a
   * panic inside a task) is caught: it poisons the instance instead of escaping as an uncaught
   * exception. Always a later microtask (`queueMicrotask` as it was at load): a run inside the
   * poll that asked for it would lose that task's wake-up (engine/src/future.rs `run_ready`).
   */
  scheduleExports() {
    queueMicrotaskIntrinsic(() => {
      if (this.poisoned !== null) return;
      try {
        if (this.#runExports === null) throw new SlotwireError("futures: no run_exports entry");
        this.#runExports();
      } catch (e) {
        this.poison(this.poisoned ?? `trap in an async export: ${e && e.message}`);
      }
    });
  }

  /** The error every call throws once a panic poisoned the instance. */
  poisonError() {
    return new SlotwireError(`instance poisoned by panic: ${this.poisoned}`);
  }

  /** Maps an exception out of the wasm call: a trap after a panic becomes the poison error. */
  trapped(e) {
    return this.poisoned !== null ? this.poisonError() : e;
  }
} }; // named by its key: see names.js

/**
 * The operations behind `JsObject::get/set/has/type_of/call_method` (engine/src/object.rs), for
 * one heap. A property name arrives as pointer and byte length; its decoded string is kept per
 * pointer (and checked against the bytes), so the same name is the same, interned, JS string.
 */
/**
 * Property names Rust passes as (pointer, length): decoded once per place and kept, in a
 * direct-mapped cache by address (a name at the same address with the same bytes is the same
 * string; a Rust `&'static str` always is).
 */
function nameCache(h) {
  const SIZE = 1024;
  const cache = new Array(SIZE).fill(null);
  return (p, n) => {
    // User code (a getter, a method) may have grown memory since the views were last derived:
    // the invoker of these ops does not know `p, n` point into memory.
    if (h.u8.length === 0) h.refresh();
    const u8 = h.u8;
    const e = cache[p & (SIZE - 1)];
    if (e !== null && e.p === p && e.n === n) {
      const b = e.bytes;
      let i = 0;
      while (i < n && u8[p + i] === b[i]) i++;
      if (i === n) return e.s;
    }
    const s = decodeUtf8(u8, p, n);
    cache[p & (SIZE - 1)] = { p, n, bytes: u8.slice(p, p + n), s };
    return s;
  };
}

function objectOps(h, name) {
  return Object.freeze({
    get: (o, p, n) => o[name(p, n)],
    set: (o, p, n, v) => {
      o[name(p, n)] = v;
    },
    has: (o, p, n) => name(p, n) in o,
    typeOf: (o) => typeof o,
    apply: (f, ...args) => {
      if (typeof f !== "function") throw new TypeError(`not a function (it is ${typeof f})`);
      return f(...args);
    },
    call: (o, p, n, ...args) => {
      const k = name(p, n);
      const f = o[k];
      if (typeof f !== "function") throw new TypeError(`${k} is not a method of this object (it is ${typeof f})`);
      return reflectApply(f, o, args);
    },
  });
}

export { layoutWords };

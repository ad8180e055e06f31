// The transport: what the wasm instance imports (through wasm-bindgen, engine/src/transport.rs
// `#[wasm_bindgen(module = "/js/slotwire.js")]`, and the typed trampolines of
// engine/src/call/fast.rs). Every Runtime of this copy of the module is here, by id. Features an
// app pays for only when it uses them have snippets of their own (transport-batch.js,
// transport-records.js), which share this module's state through the core snippet's exports
// (js-runtime/build/bundle.mjs).

import { BIND_FAST, BIND_FAST_REFS, layoutWords } from "./slot.js";
import { SlotwireError } from "./errors.js";
import { Runtime } from "./runtime.js";
import { makeInvoker, resolveTarget } from "./imports.js";
import { makeFastImport, wasmValueCount } from "./fast.js";
import { compile } from "./codegen.js";
import * as runtimeModule from "./runtime-module.js";

/** Where a Runtime carries its module (app.js reads it). */
const RUNTIME_MODULE = Symbol.for("slotwire.runtime-module");

/** Every Runtime of this copy of the module, by id (exported for the feature snippets). */
export const runtimes = [null];
const invokers = [null];

/** Creates the Runtime of an instance; returns its id. */
export function swAttach(memory, wasm, layout, fastArea) {
  const mine = layoutWords();
  const theirs = Array.from(layout);
  if (mine.length !== theirs.length || mine.some((w, i) => w !== theirs[i])) {
    throw new SlotwireError(
      `slot layout mismatch between engine and js-runtime: Rust [${theirs}] vs JS [${mine}]`,
    );
  }
  const id = runtimes.length;
  const rt = new Runtime(id, memory, wasm, fastArea);
  // The module the runtime is made of, for the application's entry (app.js `load`): its
  // exports become this copy's classes.
  Object.defineProperty(rt, RUNTIME_MODULE, { value: runtimeModule });
  runtimes.push(rt);
  return id;
}

/** `(id, w0, .., w{n-1}) => invokers[id](id, w0, .., w{n-1})`, for a per-import global two bindings share. */
function dispatcher(n) {
  const ws = Array.from({ length: n }, (_, i) => `, w${i}`).join("");
  const f = compile(["invokers"], `return function (id${ws}) { return invokers[id](id${ws}); };`, [invokers]);
  return f !== null ? f : (id, ...w) => invokers[id](id, ...w);
}

/** Resolves an import target and keeps an invoker for it; returns its id. */
export function swBind(rtId, target, moduleName, params, ret, fast, key) {
  const rt = runtimes[rtId];
  // Copied first: `params` is a view of wasm memory, and resolving runs user code (getters on
  // the path), which may grow the memory and detach it.
  const codes = Array.from(params);
  const { fn, self, where, access } = resolveTarget(rt, target, moduleName, codes.length);
  // `fast`: BIND_SLOTS (or absent), BIND_FAST or BIND_FAST_REFS (engine/src/slot.rs).
  const typed = fast === BIND_FAST || fast === BIND_FAST_REFS;
  const keyed = typed && typeof key === "string";
  const invoker = typed
    ? makeFastImport(rt, fn, self, where, codes, ret, keyed, fast === BIND_FAST_REFS, access)
    : makeInvoker(rt, fn, self, where, codes, ret);
  invokers.push(invoker);
  const id = invokers.length - 1;
  if (keyed) {
    // `#[js_import]` fast paths call the global `key` (`__slotwire_k<hash>`) through a wasm
    // import of their own, passing their binding id first. The first binding of a key is the
    // global itself (it ignores the id: one call, no dispatch); when another binds the same key
    // (a second instance, or two apps sharing a library's import) the global becomes a
    // dispatcher to `invokers[id]`, so each call still reaches its own instance. A global, not a
    // property of one shared object: V8 treats a global's property cell as a constant, where a
    // namespace object with many keys turns into a slow dictionary.
    const first = keyOwners.get(key);
    if (first === undefined || !Object.hasOwn(globalThis, key)) {
      keyOwners.set(key, id);
      Object.defineProperty(globalThis, key, { value: invoker, writable: true, configurable: true });
    } else if (first !== id && globalThis[key] === invokers[first]) {
      globalThis[key] = dispatcher(wasmValueCount(codes)); // a string or a span: 2 wasm values
    }
  }
  return id;
}

/** The first binding id of each per-import global key. */
const keyOwners = new Map();

/** Calls binding `id` with the slots at `p`. */
export function swInvoke(id, p) {
  return invokers[id](p);
}

// The typed trampolines (engine/src/call/fast.rs): one per number of wasm values.
export function swCall0(id) {
  return invokers[id]();
}
export function swCall1(id, a) {
  return invokers[id](a);
}
export function swCall2(id, a, b) {
  return invokers[id](a, b);
}
export function swCall3(id, a, b, c) {
  return invokers[id](a, b, c);
}
export function swCall4(id, a, b, c, d) {
  return invokers[id](a, b, c, d);
}
export function swCall5(id, a, b, c, d, e) {
  return invokers[id](a, b, c, d, e);
}
export function swCall6(id, a, b, c, d, e, f) {
  return invokers[id](a, b, c, d, e, f);
}

/** A panic: the instance is poisoned, and every pending async export promise rejects. */
export function swPoison(rtId, message) {
  const rt = runtimes[rtId];
  if (rt) rt.poison(message);
}

/** Async exports were woken: run them in a microtask (engine/src/future.rs `run_ready`). */
export function swScheduleExports(rtId) {
  runtimes[rtId].scheduleExports();
}

export function swRuntime(rtId) {
  return runtimes[rtId];
}

/** `JsObject::get` of a number, bool or char: `object[name]` checked as `code`. */
export function swGetNumber(rtId, object, p, n, code) {
  return runtimes[rtId].getNumber(object, p, n, code);
}

export function swGetNumberKey(rtId, object, key, code) {
  return runtimes[rtId].getNumberKey(object, key, code);
}

/** A `PropertyKey`'s name (UTF-8 at `p`, `n` bytes): interned, its id from 1. */
export function swInternKey(rtId, p, n) {
  return runtimes[rtId].internKey(p, n);
}

/** Drop of a JsObject. */
export function swRelease(rtId, handle) {
  runtimes[rtId].heap.objects.release(handle);
}

/** Drops of JsObjects, batched (engine/src/object.rs `flush_releases`). */
export function swReleaseMany(rtId, handles) {
  const t = runtimes[rtId].heap.objects;
  for (let i = 0; i < handles.length; i++) t.release(handles[i]);
}

/** A Rust future awaiting promise `id` was dropped. */
export function swForgetPromise(rtId, id) {
  runtimes[rtId].heap.promises.forget(id);
}

/** An async export's future completed: settle its promise from `slots` (exception, result). */
export function swSettleExport(rtId, id, status, slots) {
  const rt = runtimes[rtId];
  rt.exportPromises.settle(rt.heap, id, status, slots);
}

/** `register_export`: closure `handle`'s function becomes `rt.exports.<name>`. */
export function swExportClosure(rtId, name, handle) {
  runtimes[rtId].exportClosure(name, handle);
}

/** `unregister_export`: removes run-time export `name`. */
export function swUnexport(rtId, name) {
  runtimes[rtId].unexport(name);
}

/** A batch has begun (engine/src/batch.rs `tell_js_queued`): typed imports flush it first. */
export function swBatchQueued(rtId) {
  runtimes[rtId].batchPending = true;
}

/** This instance's wasm function table, where Rust closures' typed entries are. */
export function swFunctionTable(rtId, table) {
  runtimes[rtId].useFunctionTable(table);
}

/** Rust registered export `id` at run time (engine/src/export.rs `publish`): place it. */
export function swPublishExport(rtId, id) {
  runtimes[rtId].publishExport(id);
}

/** Closures' entries, as function-table indices (engine/src/callback.rs `share_entries`). */
export function swClosureEntries(rtId, info, call) {
  runtimes[rtId].useClosureEntries(info, call);
}

/** Futures' entries, as function-table indices (engine/src/future.rs `share_entries`). */
export function swFutureEntries(rtId, runExports, settle) {
  runtimes[rtId].useFutureEntries(runExports, settle);
}

/** Drop of a JsClosure: its JS function, if any, is no longer handed out. */
export function swForgetClosure(rtId, handle) {
  runtimes[rtId].forgetClosure(handle);
}

/** Clone of a JsObject. */
export function swRetain(rtId, handle) {
  runtimes[rtId].heap.objects.retain(handle);
}

/** `JsObject` → `JsValue`. */
export function swObjectToJs(rtId, handle) {
  return runtimes[rtId].heap.objects.get(handle);
}

/** `JsValue` → a handle with one reference, or 0 if the value is not an object. */
export function swObjectFromJs(rtId, value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return 0;
  return runtimes[rtId].heap.objects.toHandle(value);
}

export function swImportModule(rtId, name, url) {
  return runtimes[rtId].importModule(name, url);
}

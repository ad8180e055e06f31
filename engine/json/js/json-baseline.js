// The JS half of the JSON interop baseline (engine/json/src/lib.rs, crate slotwire-json): Blazor's `DotNet` object
// (Microsoft.JSInterop.js) remade for Rust. It is the yardstick slotwire is measured against, so
// it is as fast as JSON allows:
//
// Rust → JS (`json::invoke`): one call `swJsonInvoke(nameIndex, target, argsJson, flags)`. The
// identifier arrives as an index (Rust interns it once through `swJsonIntern`), its function is
// resolved once per target and cached (as Blazor's JSObject caches functions per identifier), the
// arguments are parsed once (with the reviver only when Rust says the JSON holds references or
// byte arrays), and the result goes back as one JSON string (`undefined` for undefined/null, or
// for a void call). Errors go back as a string marked with U+0001: `[kind, name, message, stack]`.
//
// JS → Rust (`invokeMethod`): the JSON is written straight into Rust's input buffer (ASCII by
// hand, the rest with `encodeInto`), one raw wasm call runs the method, and the result's JSON is
// read from Rust's reply buffer (described by four u32s at the address the call returns).
//
// Byte arrays travel out of band, as in Blazor: Rust sends the arrays of a JSON text in one call
// before it (`swJsonReceiveBytes`), which the reviver turns back into `Uint8Array`s for
// `{"__byte[]": i}`; `Uint8Array`s in what JS sends become `{"__byte[]": i}` too, and Rust takes
// each (`swJsonTakeBytes`) while deserializing.
//
// This module keeps its state per module instance: one wasm instance per copy of the glue.

// Its own file, in its own crate (slotwire-json): nothing of slotwire's runtime is imported, so an
// app that does not use the baseline ships none of it.

/** The largest allocation Rust's `slotwire_json_input` takes (slotwire's slot.rs MAX_ALLOC). */
const MAX_ALLOC = 0x7ffffff8;

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** `len` bytes of UTF-8 at `ptr` as a string. */
function decodeUtf8(u8, ptr, len) {
  return utf8.decode(u8.subarray(ptr, ptr + len));
}

export function snippet() { return "json-baseline.js"; }

const JS_OBJECT_ID_KEY = "__jsObjectId";
const RUST_OBJECT_KEY = "__rustObject";
const BYTE_ARRAY_KEY = "__byte[]";

// `flags` from Rust (engine/src/json.rs): the result kind (Blazor's JSCallResultType) and whether
// the argument JSON needs the reviver.
const RESULT_MASK = 3;
const RESULT_OBJECT_REFERENCE = 1;
const RESULT_VOID = 2;
const REVIVE = 4;

// Reply statuses (engine/src/json.rs STATUS_*).
const READY = 0;
const FAILED = 1;
const PENDING = 2;

const ERROR_MARK = "\u0001";

const hasOwn = Object.prototype.hasOwnProperty;
const encoder = new TextEncoder();

// ---- The wasm instance: raw exports and memory views. ----

let wasm = null;
let memory = null;
let u8 = new Uint8Array(0);
let u32 = new Uint32Array(0);
let api = null;

/** Re-derives the memory views after `memory.grow` detached the old buffer. */
function views() {
  if (u8.byteLength === 0) {
    u8 = new Uint8Array(memory.buffer);
    u32 = new Uint32Array(memory.buffer);
  }
}

// Rust's input buffer: JS writes JSON (and names) there for the raw exports.
let inPtr = 0;
let inCap = 0;

/** Writes `s` as UTF-8 into the input buffer at byte `offset`; returns the byte length. */
function writeInput(s, offset) {
  const n = s.length;
  const need = offset + 3 * n;
  if (need > inCap) {
    // Never a capacity Rust would take wrapped or refuse with a panic (slot.rs MAX_ALLOC).
    if (need > MAX_ALLOC) throw new RangeError(`slotwire JSON: ${need} bytes of input exceed ${MAX_ALLOC}`);
    inCap = Math.min(Math.max(need, 2 * inCap, 1024), MAX_ALLOC);
    inPtr = wasm.slotwire_json_input(inCap);
    u8 = new Uint8Array(0);
  }
  views();
  const at = inPtr + offset;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) break;
    u8[at + i] = c;
  }
  if (i === n) return n;
  const r = encoder.encodeInto(i === 0 ? s : s.slice(i), u8.subarray(at + i, at + need - offset));
  return i + r.written;
}

// ---- Errors ----

/** An error of the interop itself (not thrown by the called function), with its kind for Rust. */
class JsonInteropError extends Error {
  constructor(kind, message) {
    super(message);
    this.name = "JsonInteropError";
    this.kind = kind;
  }
}

/** `[kind, name, message, stack]` of anything thrown. */
function errorInfo(e) {
  if (e instanceof JsonInteropError) return [e.kind, e.name, e.message, ""];
  if (e !== null && typeof e === "object" && typeof e.message === "string") {
    return ["js", typeof e.name === "string" ? e.name : "Error", e.message, typeof e.stack === "string" ? e.stack : ""];
  }
  let text;
  try {
    text = String(e);
  } catch {
    text = Object.prototype.toString.call(e);
  }
  return ["js", "Error", text, ""];
}

function errorReply(e) {
  return ERROR_MARK + JSON.stringify(errorInfo(e));
}

function serializeError(what, e) {
  return new JsonInteropError("serialize", `cannot serialize ${what} to JSON: ${e && e.message}`);
}

// ---- JS objects Rust can call: globalThis (target 0) and JS object references. ----

/** Identifiers by the index Rust interned them under. */
const names = [];

class JSObject {
  constructor(obj) {
    this.obj = obj;
    /** Bound functions by identifier index. */
    this.fns = [];
  }
}

const globalObject = new JSObject(globalThis);
const objects = new Map();
let nextObjectId = 1;

function objectTarget(id) {
  const t = objects.get(id);
  if (t === undefined) {
    throw new JsonInteropError("disposed", `JS object reference ${id} does not exist (has it been disposed?)`);
  }
  return t;
}

function findFunction(targetId, index) {
  const t = targetId === 0 ? globalObject : objectTarget(targetId);
  const f = t.fns[index];
  return f !== undefined ? f : resolveFunction(t, targetId, index);
}

function resolveFunction(t, targetId, index) {
  const identifier = names[index];
  const where = targetId === 0 ? "globalThis" : `JS object reference ${targetId}`;
  const keys = identifier.split(".");
  let self = t.obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = self[keys[i]];
    if (next === undefined || next === null) {
      throw new JsonInteropError("notFound", `Could not find '${identifier}' in ${where} ('${keys[i]}' is ${next})`);
    }
    self = next;
  }
  const fn = self[keys[keys.length - 1]];
  if (typeof fn !== "function") {
    throw new JsonInteropError(
      "notFound",
      fn === undefined
        ? `Could not find '${identifier}' in ${where} ('${keys[keys.length - 1]}' is undefined)`
        : `The value '${identifier}' in ${where} is not a function (it is ${typeof fn})`,
    );
  }
  const bound = fn.bind(self);
  t.fns[index] = bound;
  return bound;
}

/**
 * Makes a reference Rust can hold: `{ __jsObjectId: n }`; passed to Rust it deserializes into a
 * `JsObjectReference` (Blazor's `DotNet.createJSObjectReference`).
 */
function createJSObjectReference(obj) {
  if (obj === null || (typeof obj !== "object" && typeof obj !== "function")) {
    throw new TypeError(`Cannot create a JS object reference from the value '${String(obj)}'.`);
  }
  const id = nextObjectId++;
  objects.set(id, new JSObject(obj));
  return { [JS_OBJECT_ID_KEY]: id };
}

/** Releases a reference made by `createJSObjectReference`. */
function disposeJSObjectReference(ref) {
  const id = ref !== null && typeof ref === "object" ? ref[JS_OBJECT_ID_KEY] : undefined;
  if (typeof id === "number") objects.delete(id);
}

// ---- Rust object references (Blazor's DotNetObject) ----

class RustObject {
  constructor(id) {
    this._id = id;
  }

  /** Calls the instance method `method` (register_instance_method) synchronously. */
  invokeMethod(method, ...args) {
    return invokeRust(nameId(method), this._id, args);
  }

  /** Calls the instance method `method`; returns a Promise of its result. */
  invokeMethodAsync(method, ...args) {
    return invokeRustAsync(() => nameId(method), this._id, args);
  }

  /** Releases the Rust object: later calls on it throw. */
  dispose() {
    wasm.slotwire_json_dispose(this._id);
  }

  toJSON() {
    return { [RUST_OBJECT_KEY]: this._id };
  }
}

// ---- Byte arrays and the reviver ----

/** Byte arrays Rust sent for the JSON parsed next. */
let fromRust = null;
/** Byte arrays of the JSON sent to Rust last. */
let toRust = null;

function reviver(key, value) {
  if (typeof value !== "object" || value === null) return value;
  if (hasOwn.call(value, BYTE_ARRAY_KEY)) {
    const i = value[BYTE_ARRAY_KEY];
    const b = fromRust !== null ? fromRust[i] : undefined;
    if (b === undefined) throw new JsonInteropError("serialize", `byte array ${i} does not exist`);
    return b;
  }
  if (hasOwn.call(value, JS_OBJECT_ID_KEY)) return objectTarget(value[JS_OBJECT_ID_KEY]).obj;
  if (hasOwn.call(value, RUST_OBJECT_KEY)) return new RustObject(value[RUST_OBJECT_KEY]);
  return value;
}

/** Parses JSON from Rust: with the reviver only when Rust said it holds references. */
function parseFromRust(text, flags) {
  if ((flags & REVIVE) === 0) return JSON.parse(text);
  try {
    return JSON.parse(text, reviver);
  } finally {
    fromRust = null;
  }
}

function replacer(key, value) {
  if (value instanceof Uint8Array) {
    if (toRust === null) toRust = [];
    toRust.push(value);
    return { [BYTE_ARRAY_KEY]: toRust.length - 1 };
  }
  return value;
}

/** JSON for Rust; a replacer (for `Uint8Array`s) only for objects. */
function stringifyToRust(v, what) {
  toRust = null;
  try {
    return typeof v === "object" && v !== null ? JSON.stringify(v, replacer) : JSON.stringify(v);
  } catch (e) {
    throw serializeError(what, e);
  }
}

/** An argument list as JSON for Rust; the replacer only if an argument is an object. */
function stringifyArgs(args) {
  toRust = null;
  let plain = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a === "object" && a !== null) {
      plain = false;
      break;
    }
  }
  try {
    return plain ? JSON.stringify(args) : JSON.stringify(args, replacer);
  } catch (e) {
    throw serializeError("the arguments", e);
  }
}

// ---- Rust → JS ----

function apply(fn, args) {
  if (args === null) return fn();
  if (!Array.isArray(args)) return fn(args);
  switch (args.length) {
    case 0: return fn();
    case 1: return fn(args[0]);
    case 2: return fn(args[0], args[1]);
    case 3: return fn(args[0], args[1], args[2]);
    default: return fn(...args);
  }
}

/** The reply for a result: its JSON, or undefined for undefined/null and void calls. */
function resultJson(r, flags) {
  const kind = flags & RESULT_MASK;
  if (kind === RESULT_VOID) return undefined;
  if (kind === RESULT_OBJECT_REFERENCE) {
    if (r === undefined || r === null) return undefined;
    // Already a reference (made by createJSObjectReference): not wrapped a second time.
    if (typeof r === "object" && hasOwn.call(r, JS_OBJECT_ID_KEY) && objects.has(r[JS_OBJECT_ID_KEY])) {
      return JSON.stringify(r);
    }
    return JSON.stringify(createJSObjectReference(r));
  }
  if (r === undefined || r === null) return undefined;
  if (typeof r === "object" && typeof r.then === "function") {
    throw new JsonInteropError("unsupported", "the function returned a Promise: call it with invoke_async");
  }
  return stringifyToRust(r, "the result");
}

/** Called by Rust: interns an identifier, returns its index. */
export function swJsonIntern(identifier) {
  names.push(identifier);
  return names.length - 1;
}

/** Called by Rust (`json::invoke`): one synchronous call. */
export function swJsonInvoke(index, targetId, argsJson, flags) {
  try {
    const fn = findFunction(targetId, index);
    const args = parseFromRust(argsJson, flags);
    return resultJson(apply(fn, args), flags);
  } catch (e) {
    fromRust = null;
    return errorReply(e);
  }
}

/** Called by Rust (`json::invoke_async`): starts a call; ends it with `slotwire_json_end_invoke`. */
export function swJsonBeginInvoke(handle, index, targetId, argsJson, flags) {
  let value;
  try {
    const fn = findFunction(targetId, index);
    value = apply(fn, parseFromRust(argsJson, flags));
  } catch (e) {
    fromRust = null;
    value = Promise.reject(e);
  }
  Promise.resolve(value).then(
    (r) => {
      let text;
      toRust = null;
      try {
        text = resultJson(r, flags);
      } catch (e) {
        endRustCall(handle, FAILED, JSON.stringify(errorInfo(e)));
        return;
      }
      endRustCall(handle, READY, text);
    },
    (e) => endRustCall(handle, FAILED, JSON.stringify(errorInfo(e))),
  );
}

function endRustCall(handle, status, text) {
  if (status !== READY) toRust = null;
  const len = text === undefined ? 0 : writeInput(text, 0);
  wasm.slotwire_json_end_invoke(handle, status, len, toRust === null ? 0 : toRust.length);
  toRust = null;
}

/** Called by Rust before a JSON text with byte arrays: `data` cut at `ends` (copied). */
export function swJsonReceiveBytes(data, ends) {
  const arrays = new Array(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    arrays[i] = data.slice(start, ends[i]);
    start = ends[i];
  }
  fromRust = arrays;
}

/** Called by Rust while deserializing: byte array `i` of the JSON sent last (once). */
export function swJsonTakeBytes(i) {
  if (toRust === null) return undefined;
  const b = toRust[i];
  toRust[i] = undefined;
  return b;
}

/** Called by Rust when a `JsObjectReference` is dropped or disposed. */
export function swJsonDisposeObject(id) {
  objects.delete(id);
}

// ---- JS → Rust ----

/** Static method ids by assembly, then method name. */
const methodIds = new Map();
/** Instance method name ids. */
const nameIds = new Map();

function methodId(assembly, method) {
  let byName = methodIds.get(assembly);
  if (byName !== undefined) {
    const id = byName.get(method);
    if (id !== undefined) return id;
  }
  if (typeof assembly !== "string" || typeof method !== "string") {
    throw new TypeError(`invokeMethod: the assembly and method names must be strings, got ${typeof assembly} and ${typeof method}`);
  }
  const a = writeInput(assembly, 0);
  const m = writeInput(method, a);
  const id = wasm.slotwire_json_lookup(a, m);
  if (id < 0) {
    throw new Error(`The assembly '${assembly}' does not contain a Rust method '${method}' (see json::register_method).`);
  }
  if (byName === undefined) methodIds.set(assembly, (byName = new Map()));
  byName.set(method, id);
  return id;
}

function nameId(method) {
  let id = nameIds.get(method);
  if (id !== undefined) return id;
  if (typeof method !== "string") throw new TypeError(`invokeMethod: the method name must be a string, got ${typeof method}`);
  id = wasm.slotwire_json_intern(writeInput(method, 0));
  nameIds.set(method, id);
  return id;
}

/** Reads the reply descriptor at `p`: the result, or throws the error. */
function takeReply(p) {
  views();
  const w = p >>> 2;
  const status = u32[w];
  const text = decodeUtf8(u8, u32[w + 1], u32[w + 2]);
  if (status === FAILED) throw new Error(text);
  return parseFromRust(text, u32[w + 3]);
}

function invokeRust(method, objectId, args) {
  const len = writeInput(stringifyArgs(args), 0);
  return takeReply(wasm.slotwire_json_invoke(method, objectId, len));
}

const pendingCalls = new Map();
let nextCallId = 1;

function invokeRustAsync(method, objectId, args) {
  return new Promise((resolve, reject) => {
    const id = method();
    const len = writeInput(stringifyArgs(args), 0);
    const callId = nextCallId++;
    const p = wasm.slotwire_json_begin_invoke(callId, id, objectId, len);
    views();
    if (u32[p >>> 2] === PENDING) {
      pendingCalls.set(callId, { resolve, reject });
    } else {
      resolve(takeReply(p));
    }
  });
}

/** Called by Rust when an async method ends. */
export function swJsonEndInvokeRust(callId, ok, text, revive) {
  const call = pendingCalls.get(callId);
  if (call === undefined) return;
  pendingCalls.delete(callId);
  if (!ok) {
    fromRust = null;
    call.reject(new Error(text));
    return;
  }
  try {
    call.resolve(parseFromRust(text, revive ? REVIVE : 0));
  } catch (e) {
    call.reject(e);
  }
}

// ---- The API (Blazor's `DotNet`) ----

/** Called by Rust once: the instance's memory and raw exports; returns the API object. */
export function swJsonAttach(mem, exports) {
  memory = mem;
  wasm = exports;
  u8 = new Uint8Array(0);
  if (api === null) {
    api = Object.freeze({
      /** Calls a registered Rust method synchronously (`DotNet.invokeMethod`). */
      invokeMethod: (assembly, method, ...args) => invokeRust(methodId(assembly, method), 0, args),
      /** Calls a registered Rust method; returns a Promise (`DotNet.invokeMethodAsync`). */
      invokeMethodAsync: (assembly, method, ...args) =>
        invokeRustAsync(() => methodId(assembly, method), 0, args),
      createJSObjectReference,
      disposeJSObjectReference,
      /** Live counts, for leak checks: JS object references, Rust object references, async calls. */
      census: () => ({
        jsObjects: objects.size,
        rustObjects: wasm.slotwire_json_rust_objects(),
        pendingCalls: pendingCalls.size,
      }),
    });
  }
  return api;
}

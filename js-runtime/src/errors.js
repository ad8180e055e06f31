// Error construction shared by the marshalers, imports and exports.
//
// Errors are built without running user code (DESIGN.md, soundness rule 5): the value a message
// describes may be a Proxy (every trap is user code, a revoked one throws on most operations),
// have getters (`constructor`, `Symbol.toStringTag`), or be a fake (`Object.create(Date.prototype)`
// passes `instanceof Date`). So `describe` and the brand checks below use only `typeof`,
// `Array.isArray` (guarded: it throws for a revoked Proxy), `ArrayBuffer.isView` and intrinsic
// getters/methods captured when this module loads, which check internal slots and never reach a
// trap or a getter.

/** Errors slotwire made (so that `atIndex` rewrites only those, never a user's thrown value). */
const ours = new WeakSet();

/** An error raised by slotwire itself (poisoned instance, bad binding, bad layout). */
export const { SlotwireError } = { SlotwireError: class extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = "SlotwireError";
    ours.add(this);
  }
} }; // named by its key: see names.js

/** Whether `e` is an error slotwire made (not a value user code threw); runs no user code. */
export function isOwnError(e) {
  return e !== null && typeof e === "object" && ours.has(e);
}

/** Marks an error slotwire made (see `isOwnError`); returns it. */
export function own(e) {
  ours.add(e);
  return e;
}

// ---- Intrinsics, captured before any user code runs. ----

const apply = Reflect.apply;
const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
const taTag = Object.getOwnPropertyDescriptor(TypedArrayProto, Symbol.toStringTag).get;
const taBuffer = Object.getOwnPropertyDescriptor(TypedArrayProto, "buffer").get;
const taLength = Object.getOwnPropertyDescriptor(TypedArrayProto, "length").get;
const taSet = TypedArrayProto.set;
const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
const abDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached")?.get;
const sabByteLength = typeof SharedArrayBuffer === "function"
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get
  : undefined;
const dateGetTime = Date.prototype.getTime;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size").get;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size").get;
const isView = ArrayBuffer.isView;
const isArray = Array.isArray;
const Uint8 = Uint8Array;

/**
 * The typed-array type name of `v` (`"Float64Array"`, ...) from its internal slot, or undefined
 * when `v` is not a typed array (a DataView, a Proxy, a fake made with `Object.create`).
 */
export function typedArrayName(v) {
  return isView(v) ? apply(taTag, v, []) : undefined;
}

/** Whether `v` is a real typed array (not a DataView, Proxy or fake). */
export function isTypedArray(v) {
  return typedArrayName(v) !== undefined;
}

/** Whether `v` is a real ArrayBuffer (not a SharedArrayBuffer, Proxy or fake). */
export function isArrayBuffer(v) {
  if (v === null || typeof v !== "object") return false;
  try {
    apply(abByteLength, v, []);
    return true;
  } catch {
    return false;
  }
}

function isSharedArrayBuffer(v) {
  if (sabByteLength === undefined || v === null || typeof v !== "object") return false;
  try {
    apply(sabByteLength, v, []);
    return true;
  } catch {
    return false;
  }
}

/** Whether the ArrayBuffer `b` (a real one) is detached (transferred). */
export function isDetachedBuffer(b) {
  if (abDetached !== undefined) return apply(abDetached, b, []);
  try {
    new Uint8(b, 0, 0); // eslint-disable-line no-new
    return false;
  } catch {
    return true;
  }
}

/** Whether `v` is a typed array (a real one) whose buffer was detached. */
export function isDetachedTypedArray(v) {
  if (typedArrayName(v) === undefined) return false;
  const b = apply(taBuffer, v, []);
  return !isSharedArrayBuffer(b) && isDetachedBuffer(b);
}

/** The element count of a real typed array, from its internal slot (0 once detached). */
export function typedArrayLength(v) {
  return apply(taLength, v, []);
}

/**
 * `TypedArray.prototype.set` as it was at load, called on `target` (a real typed array): no
 * property of `target` or `source` is read (an own `set` or a patched prototype never runs).
 */
export function typedArraySet(target, source, offset) {
  apply(taSet, target, [source, offset]);
}

/** Whether `v` is a real Date (`Object.create(Date.prototype)` and Proxies are not). */
export function isDate(v) {
  if (v === null || typeof v !== "object") return false;
  try {
    apply(dateGetTime, v, []);
    return true;
  } catch {
    return false;
  }
}

/** The time value of a real Date (NaN for an Invalid Date); call only when `isDate(v)`. */
export function dateTime(v) {
  return apply(dateGetTime, v, []);
}

/** `Array.isArray(v)`, false (not a throw) for a revoked Proxy. */
export function isArraySafe(v) {
  try {
    return isArray(v);
  } catch {
    return false;
  }
}

/**
 * Describers of the runtime's own classes (MemoryView, ...): `(v) => string | undefined`, each
 * using a private brand check (`#x in v`, which never reaches a Proxy trap). Registered by the
 * modules defining the classes, so that this module imports none of them.
 */
const brands = [];

/** Registers a describer for `describe` (see `brands`). */
export function registerBrand(describer) {
  brands.push(describer);
}

/** Whether the intrinsic getter `get` accepts `v` (an internal-slot brand check). */
function hasBrand(get, v) {
  try {
    apply(get, v, []);
    return true;
  } catch {
    return false;
  }
}

function describeObject(v) {
  for (let i = 0; i < brands.length; i++) {
    const s = brands[i](v);
    if (s !== undefined) return s;
  }
  const ta = typedArrayName(v);
  if (ta !== undefined) return isDetachedTypedArray(v) ? `a detached ${ta}` : `object ${ta}`;
  if (isView(v)) return "object DataView";
  if (isArrayBuffer(v)) return isDetachedBuffer(v) ? "a detached ArrayBuffer" : "object ArrayBuffer";
  if (isDate(v)) return "Date";
  if (hasBrand(mapSize, v)) return "object Map";
  if (hasBrand(setSize, v)) return "object Set";
  let array;
  try {
    array = isArray(v);
  } catch {
    return "a revoked Proxy";
  }
  return array ? "Array" : "object";
}

/**
 * A short description of a JS value for error messages: `string "abc"`, `number 1.5`, `Array`,
 * `object Float64Array`, `a detached Float64Array`, `Date`, `object`, ... Runs no user code: an object's
 * class is named only when an internal slot or a private brand proves it (a Proxy of a Date is
 * an `object`), never from its `constructor`.
 */
export function describe(v) {
  if (v === null) return "null";
  const t = typeof v;
  switch (t) {
    case "undefined":
      return "undefined";
    case "string":
      return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v)}`;
    case "number":
    case "boolean":
      return `${t} ${String(v)}`;
    case "bigint":
      return `bigint ${v}n`;
    case "symbol":
      return "symbol";
    case "function":
      return "function";
    default:
      return describeObject(v);
  }
}

export function typeError(what, expected, v) {
  return own(new TypeError(`${what}: expected ${expected}, got ${describe(v)}`));
}

export function rangeError(what, detail) {
  return own(new RangeError(`${what}: ${detail}`));
}

// Rust objects held by JS: mirrors engine/src/rust_object.rs. A handle from Rust (handles.js)
// becomes a proxy (one per handle while it is alive, so identity holds) whose methods are the
// exports named `<Type>.<method>`, called with the proxy as first argument. Each proxy holds one
// reference to the Rust value (taken with Rust's `object_adopt` entry when it is made), which
// `dispose()` or a FinalizationRegistry gives back (its `free_object` entry); the value lives while
// a proxy or a Rust `RustObject` holds it.
//
// A proxy's state is private, and only proxies this runtime made are accepted as arguments: a
// look-alike (`new proxy.constructor(...)`, an object with a `handle`, a proxy of another
// instance) is a TypeError, and a disposed proxy is an error — never another object.

import { SlotwireError, typeError } from "./errors.js";
import { decodeUtf8 } from "./marshal/string.js";
import { keepAlive } from "./kept.js";
import { OBJECT_TYPE_NAME_LEN, OBJECT_TYPE_NAME_PTR, OBJECT_TYPE_WORDS } from "./slot.js";

/** What only this module has: the key to make a proxy, and its private state. */
const MAKE = Symbol("RustObjectProxy");
let handleOf;
let markDisposed;

/** A Rust object JS holds. Made by the runtime only. */
export class RustObjectProxy {
  #rt;
  #handle;
  #typeName;
  #disposed = false;

  constructor(key, rt, handle, typeName) {
    if (key !== MAKE) throw new TypeError("Rust object proxies are made by the slotwire runtime only");
    this.#rt = rt;
    this.#handle = handle;
    this.#typeName = typeName;
  }

  static {
    handleOf = (p) => p.#handle;
    markDisposed = (p) => {
      if (p.#disposed) return false;
      p.#disposed = true;
      return true;
    };
  }

  /** The Rust type's name (the namespace of its methods in `rt.exports`). */
  get typeName() {
    return this.#typeName;
  }

  /** Calls the export `<Type>.<method>` with this object first. */
  invoke(method, ...args) {
    const ns = this.#rt.exports[this.#typeName];
    const f = ns === undefined ? undefined : ns[method];
    if (typeof f !== "function") {
      throw new TypeError(`${this.#typeName} has no method ${String(method)} (no export "${this.#typeName}.${String(method)}")`);
    }
    return f(this, ...args);
  }

  /** Gives back this proxy's hold on the Rust value now; calling it again does nothing. */
  dispose() {
    if (markDisposed(this)) this.#rt.rustObjects.forget(this);
  }

  get isDisposed() {
    return this.#disposed;
  }
}

// One disposed proxy for the maps of every proxy (kept.js).
markDisposed(keepAlive(new RustObjectProxy(MAKE, null, 0, "")));

/** The proxies of one runtime. */
export const { RustObjects } = { RustObjects: class {
  constructor(rt) {
    this.rt = rt;
    /** handle → WeakRef(proxy), while the proxy is alive and not disposed. */
    this.proxies = new Map();
    /** Every proxy this runtime made (the only ones its writers accept). */
    this.made = new WeakSet();
    /** Per type name: a prototype with one method per `<Type>.<method>` export. */
    this.prototypes = new Map();
    this.registry = new FinalizationRegistry((handle) => {
      const ref = this.proxies.get(handle);
      if (ref !== undefined && ref.deref() === undefined) this.proxies.delete(handle);
      // The collected proxy's reference: a handle names its object or none, never another.
      if (rt.poisoned === null) this.free(handle);
    });
    /**
     * Rust's entries for its objects (engine/src/rust_object.rs `share_entries`): `adopt` and
     * `free` from the function table, handed over with the first Rust object; null until then.
     */
    this.adoptEntry = null;
    this.freeEntry = null;
  }

  /**
   * `swObjectEntries` (Runtime.useObjectEntries): Rust's `object_adopt` and `free_object`
   * (functions of its table), handed over once.
   */
  useEntries(adopt, free) {
    if (this.adoptEntry !== null) throw new SlotwireError("Rust objects: the entries were handed over already");
    this.adoptEntry = adopt;
    this.freeEntry = free;
  }

  /** Gives back one JS reference to Rust object `handle`: 1 if there was one, else 0. */
  free(handle) {
    const f = this.freeEntry;
    return f === null ? 0 : f(handle);
  }

  /**
   * The proxy of `handle` (the same one while it is alive). `owned`: the slot carried FLAG_OWNED
   * (an export result), whose Rust reference JS takes over.
   */
  proxy(handle, owned, what = "slotwire") {
    const known = this.proxies.get(handle);
    const existing = known === undefined ? undefined : known.deref();
    if (existing !== undefined) {
      if (owned) this.adopt(handle, 2, what);
      return existing;
    }
    const typeName = this.adopt(handle, owned ? 3 : 1, what);
    const p = new RustObjectProxy(MAKE, this.rt, handle, typeName);
    Object.setPrototypeOf(p, this.prototypeOf(typeName));
    this.made.add(p);
    this.proxies.set(handle, new WeakRef(p));
    this.registry.register(p, handle, p);
    return p;
  }

  /** Rust's `object_adopt(handle, how)`: the type name; throws if the handle is not live. */
  adopt(handle, how, what) {
    const adopt = this.adoptEntry;
    if (adopt === null) throw new SlotwireError(`${what}: Rust object ${handle}: Rust made no object (no object entries)`);
    const h = this.rt.heap;
    const top = h.top;
    try {
      const out = h.alloc(OBJECT_TYPE_WORDS * 4);
      if (adopt(handle, how, out) !== 0) {
        throw new SlotwireError(`${what}: Rust object ${handle} was disposed`);
      }
      h.check();
      const w = out >>> 2;
      return decodeUtf8(h.u8, h.u32[w + OBJECT_TYPE_NAME_PTR], h.u32[w + OBJECT_TYPE_NAME_LEN]);
    } finally {
      h.top = top;
    }
  }

  /** The handle of `v` to pass to Rust: a live proxy this runtime made, else an error. */
  handleOf(v, what = "slotwire") {
    if (!this.made.has(v)) throw typeError(what, "a Rust object (a proxy this runtime made)", v);
    if (v.isDisposed) throw new SlotwireError(`${what}: this ${v.typeName} was disposed`);
    return handleOf(v);
  }

  prototypeOf(typeName) {
    let proto = this.prototypes.get(typeName);
    if (proto === undefined) {
      proto = Object.create(RustObjectProxy.prototype);
      const ns = this.rt.exports[typeName];
      if (ns !== undefined && typeof ns === "object") {
        for (const method of Object.keys(ns)) {
          if (typeof ns[method] !== "function" || method in proto) continue;
          const f = ns[method];
          Object.defineProperty(proto, method, {
            // A method: not a constructor (`new proxy.m()` throws a TypeError).
            value: {
              [method](...args) {
                return f(this, ...args);
              },
            }[method],
          });
        }
      }
      this.prototypes.set(typeName, proto);
    }
    return proto;
  }

  /** A disposed proxy: give back its reference, stop watching it. */
  forget(p) {
    const handle = handleOf(p);
    this.registry.unregister(p);
    const ref = this.proxies.get(handle);
    if (ref !== undefined && ref.deref() === p) this.proxies.delete(handle);
    this.free(handle);
  }

  /** Live proxies (the census). */
  get live() {
    return this.proxies.size;
  }
} };

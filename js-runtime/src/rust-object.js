// Rust objects held by JS: mirrors engine/src/rust_object.rs. A handle from Rust becomes a proxy
// (one per handle while it is alive, so identity holds) whose methods are the exports named
// `<Type>.<method>`, called with the proxy as first argument. `dispose()` frees the Rust value; a
// FinalizationRegistry frees it when a proxy that was never disposed is collected.

import { SlotwireError } from "./errors.js";
import { decodeUtf8 } from "./marshal/string.js";
import { OBJECT_TYPE_NAME_LEN, OBJECT_TYPE_NAME_PTR, OBJECT_TYPE_WORDS } from "./slot.js";

export function snippet() { return "rust-object.js"; }

/** A Rust object JS holds. */
export class RustObjectProxy {
  constructor(rt, handle, typeName) {
    Object.defineProperty(this, "__rt", { value: rt });
    this.handle = handle;
    this.typeName = typeName;
    this.disposed = false;
  }

  /** Calls the export `<Type>.<method>` with this object first. */
  invoke(method, ...args) {
    const ns = this.__rt.exports[this.typeName];
    const f = ns === undefined ? undefined : ns[method];
    if (typeof f !== "function") {
      throw new TypeError(`${this.typeName} has no method ${method} (no export "${this.typeName}.${method}")`);
    }
    return f(this, ...args);
  }

  /** Frees the Rust value now; calling it again does nothing. */
  dispose() {
    if (this.disposed) return;
    this.disposed = true;
    this.__rt.rustObjects.forget(this);
  }

  get isDisposed() {
    return this.disposed;
  }
}

/** The proxies of one runtime. */
export class RustObjects {
  constructor(rt) {
    this.rt = rt;
    /** handle → WeakRef(proxy), while the Rust value lives. */
    this.proxies = new Map();
    /** Per type name: a prototype with one method per `<Type>.<method>` export. */
    this.prototypes = new Map();
    this.registry = new FinalizationRegistry((handle) => {
      const ref = this.proxies.get(handle);
      if (ref !== undefined && ref.deref() === undefined) this.proxies.delete(handle);
      rt.wasm.slotwire_free_object(handle);
    });
  }

  /** The proxy of `handle` (the same one while it is alive). */
  proxy(handle, what = "slotwire") {
    const known = this.proxies.get(handle);
    const existing = known === undefined ? undefined : known.deref();
    if (existing !== undefined) return existing;
    const h = this.rt.heap;
    const top = h.top;
    let typeName;
    try {
      const out = h.alloc(OBJECT_TYPE_WORDS * 4);
      if (this.rt.wasm.slotwire_object_type(handle, out) !== 0) {
        throw new SlotwireError(`${what}: Rust object ${handle} was disposed`);
      }
      h.check();
      const w = out >>> 2;
      typeName = decodeUtf8(h.u8, h.u32[w + OBJECT_TYPE_NAME_PTR], h.u32[w + OBJECT_TYPE_NAME_LEN]);
    } finally {
      h.top = top;
    }
    const p = new RustObjectProxy(this.rt, handle, typeName);
    Object.setPrototypeOf(p, this.prototypeOf(typeName));
    this.proxies.set(handle, new WeakRef(p));
    this.registry.register(p, handle, p);
    return p;
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
            value: function (...args) {
              return f(this, ...args);
            },
          });
        }
      }
      this.prototypes.set(typeName, proto);
    }
    return proto;
  }

  /** A disposed proxy: free the Rust value, stop watching it. */
  forget(p) {
    this.registry.unregister(p);
    this.proxies.delete(p.handle);
    this.rt.wasm.slotwire_free_object(p.handle);
  }

  /** Live proxies (the census). */
  get live() {
    return this.proxies.size;
  }
}

// JS objects held by Rust: a table of handles (array + free list), reference-counted, with an
// identity map so that the same object passed to Rust twice while held has the same handle.
// Mirrors engine/src/object.rs (`JsObject`: Clone retains, Drop releases).

import { SlotwireError } from "./errors.js";

export function snippet() { return "handles.js"; }

export class HandleTable {
  constructor() {
    /** Handle → object; index 0 is never used (0 means "no handle"). */
    this.objects = [undefined];
    /** Handle → number of Rust references. */
    this.refs = [0];
    this.free = [];
    /** Object → handle, while held. */
    this.ids = new Map();
    /** Number of live handles (the census). */
    this.live = 0;
  }

  /** A handle for `obj` with one more reference (the same handle while `obj` is held). */
  toHandle(obj) {
    let h = this.ids.get(obj);
    if (h !== undefined) {
      this.refs[h]++;
      return h;
    }
    h = this.free.length > 0 ? this.free.pop() : this.objects.length;
    this.objects[h] = obj;
    this.refs[h] = 1;
    this.ids.set(obj, h);
    this.live++;
    return h;
  }

  /** The object of handle `h`; a released or forged handle is an error, never another object. */
  get(h, what = "slotwire") {
    if (!(h > 0 && h < this.refs.length && this.refs[h] > 0)) {
      throw new SlotwireError(`${what}: ${h} is not a live JS object handle (released or forged)`);
    }
    return this.objects[h];
  }

  /** One more reference to handle `h` (a Rust `clone()`). */
  retain(h) {
    this.get(h);
    this.refs[h]++;
  }

  /** One reference fewer; the last one frees the handle. */
  release(h) {
    this.get(h);
    if (--this.refs[h] === 0) {
      this.ids.delete(this.objects[h]);
      this.objects[h] = undefined;
      this.free.push(h);
      this.live--;
    }
  }
}

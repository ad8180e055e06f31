// Handles, both ways. Mirrors engine/src/handles.rs and engine/src/object.rs.
//
// - Rust values JS holds (closures, Rust objects, segments) are named by handles from Rust's one
//   handle table (engine/src/handles.rs): `generation * 2^HANDLE_KEY_BITS + key + 1`, an integer
//   below 2^53, so a plain JS number. It never names another value: a stale one is an error in
//   Rust. It crosses the wasm ABI as an f64, and a slot as the 8 bytes of its `value`
//   (readHandle / writeHandle below).
// - JS objects held by Rust: a table of handles (array + free list), reference-counted
//   (`JsObject`: Clone retains, Drop releases). Rust holds these; JS code never sees them. Every
//   crossing of an object into Rust takes a new handle (no identity map: a `Map` insert and delete
//   per object cost more than the rest of the crossing); the same object passed twice has two
//   handles, and Rust asks JS (`===`, `JsObject::same_as`) when it needs identity.

import { SlotwireError } from "./errors.js";
import { HANDLE_KEY_BITS, OFFSET_VALUE } from "./slot.js";

const TWO_32 = 2 ** 32;
const KEY_SPAN = 2 ** HANDLE_KEY_BITS;
/** Every handle of Rust's table is below this (2^53). */
export const HANDLE_LIMIT = 2 ** (HANDLE_KEY_BITS + 32);

/** Whether `x` has the form of a Rust handle (whether it is live only Rust can say). */
export function isHandle(x) {
  return Number.isInteger(x) && x > 0 && x < HANDLE_LIMIT && x % KEY_SPAN !== 0;
}

/** The Rust handle in the `value` of the slot at `p` (an integer below 2^53; 0: none). */
export function readHandle(h, p) {
  const w = (p + OFFSET_VALUE) >>> 2;
  const u32 = h.u32;
  return u32[w] + u32[w + 1] * TWO_32;
}

/** Writes Rust handle `handle` (an integer below 2^53) into the `value` of the slot at `p`. */
export function writeHandle(h, p, handle) {
  const w = (p + OFFSET_VALUE) >>> 2;
  const lo = handle >>> 0; // ToUint32: the handle modulo 2^32, exact below 2^53
  h.u32[w] = lo;
  h.u32[w + 1] = (handle - lo) / TWO_32;
}

export class HandleTable {
  constructor() {
    /** Handle → object; index 0 is never used (0 means "no handle"). */
    this.objects = [undefined];
    /** Handle → number of Rust references. */
    this.refs = [0];
    this.free = [];
    /** Number of live handles (the census). */
    this.live = 0;
    /** Batch runs in progress (`hold`): releases wait in `held` until the last one ends. */
    this.holds = 0;
    this.held = [];
  }

  /**
   * A batch starts running (batch.js `runBatch`; runs nest). Its queued calls name their objects
   * by handle, fixed when they were queued: a handle released meanwhile (an object Rust hands to
   * JS by value from an export or closure an earlier call called, whose reference JS takes over
   * and gives back at once) must not be freed, and taken by another object, before the later
   * calls that name it ran. Releases wait until the last run ends (`unhold`); Rust's own drops
   * wait on its side (engine/src/object.rs `flush`).
   */
  hold() {
    this.holds++;
  }

  /** A batch run ended: the last one makes the releases that waited. */
  unhold() {
    if (--this.holds > 0) return;
    this.holds = 0;
    const held = this.held;
    this.held = [];
    for (let i = 0; i < held.length; i++) {
      // Each was live when released (checked then); a second release of its one reference
      // finds it freed: refused (never another object's), as it would have been at once.
      if (this.objects[held[i]] !== undefined) this.release(held[i]);
    }
  }

  /**
   * A new handle for `obj`, with one reference (a second crossing of `obj` gets another). `obj`
   * is an object or a function (every caller checks): never `undefined`, which `get` reads as
   * "no live handle".
   */
  toHandle(obj) {
    const h = this.free.length > 0 ? this.free.pop() : this.objects.length;
    this.objects[h] = obj;
    this.refs[h] = 1;
    this.live++;
    return h;
  }

  /**
   * The object of handle `h`; a released or forged handle is an error, never another object. One
   * load: a live handle holds its object, a released one (and 0, and any index past the end)
   * `undefined`.
   */
  get(h, what = "slotwire") {
    const o = this.objects[h];
    if (o === undefined) {
      if (h === 0) {
        // What Rust sends for a batched call's placeholder (BatchObject) with no object.
        throw new SlotwireError(`${what}: no object (a BatchObject whose batched call did not run, or whose batch is being flushed)`);
      }
      throw new SlotwireError(`${what}: ${h} is not a live JS object handle (released or forged)`);
    }
    return o;
  }

  /** One more reference to handle `h` (a Rust `clone()`). */
  retain(h) {
    this.get(h);
    this.refs[h]++;
  }

  /** One reference fewer; the last one frees the handle. */
  release(h) {
    this.get(h);
    if (this.holds > 0) {
      this.held.push(h);
      return;
    }
    if (--this.refs[h] === 0) {
      this.objects[h] = undefined;
      this.free.push(h);
      this.live--;
    }
  }
}

// A table of values by id (a positive u32), for ids handed out in sequence and let go soon after:
// the promises Rust awaits (PromiseTable) and the async exports' promises (ExportPromises).
//
// A `Map` is the obvious choice and a slow one here: V8's Map never reuses the entry of a
// deleted key, so a Map whose keys come and go (set, delete, set a new key, ...) fills with
// deleted entries and is rebuilt every few operations — a `set` and a `delete` of a new id cost
// 75–230 ns together in Node 20, against ~7 for an array slot, and made garbage at every
// rebuild. Here an id lives in slot `id & mask` of two arrays; sequential ids take
// sequential slots, so ids alive at the same time rarely share a slot. When one does (an old
// id still in the slot a new id needs, say a promise never settled), the new id goes to an
// overflow `Map`, which sees one id in `mask + 1` at most. The arrays double when half full.

export class IdTable {
  constructor(bits = 5) {
    this.mask = (1 << bits) - 1;
    this.ids = new Uint32Array(this.mask + 1);
    this.vals = new Array(this.mask + 1).fill(undefined);
    /** Ids whose slot another id held when they came, or null. */
    this.overflow = null;
    this.size = 0;
  }

  /** The value of `id`, or undefined. */
  get(id) {
    id >>>= 0;
    const i = id & this.mask;
    if (this.ids[i] === id) return this.vals[i];
    return this.overflow === null ? undefined : this.overflow.get(id);
  }

  /** Sets the value of `id` (not 0; `value` not undefined). */
  set(id, value) {
    id >>>= 0;
    if (id === 0 || value === undefined) throw new RangeError("IdTable: id 0 or an undefined value");
    const i = id & this.mask;
    const k = this.ids[i];
    if (k === id) {
      this.vals[i] = value;
      return;
    }
    if (this.overflow !== null && this.overflow.has(id)) {
      this.overflow.set(id, value);
      return;
    }
    this.size++;
    if (k === 0) {
      this.ids[i] = id;
      this.vals[i] = value;
    } else {
      (this.overflow ??= new Map()).set(id, value);
    }
    if (this.size * 2 > this.mask + 1) this.#grow();
  }

  /** Removes `id`; its value, or undefined if it had none. */
  delete(id) {
    id >>>= 0;
    const i = id & this.mask;
    if (this.ids[i] === id && id !== 0) {
      const v = this.vals[i];
      this.ids[i] = 0;
      this.vals[i] = undefined;
      this.size--;
      return v;
    }
    if (this.overflow === null) return undefined;
    const v = this.overflow.get(id);
    if (v === undefined) return undefined;
    this.overflow.delete(id);
    if (this.overflow.size === 0) this.overflow = null;
    this.size--;
    return v;
  }

  /** Every value (in no particular order). */
  all() {
    const all = [];
    for (let i = 0; i <= this.mask; i++) if (this.ids[i] !== 0) all.push(this.vals[i]);
    if (this.overflow !== null) for (const v of this.overflow.values()) all.push(v);
    return all;
  }

  /** Every id, in ascending order. */
  keys() {
    const ids = [];
    for (let i = 0; i <= this.mask; i++) if (this.ids[i] !== 0) ids.push(this.ids[i]);
    if (this.overflow !== null) for (const id of this.overflow.keys()) ids.push(id);
    return ids.sort((a, b) => a - b);
  }

  /** Removes every id. */
  clear() {
    this.ids.fill(0);
    this.vals.fill(undefined);
    this.overflow = null;
    this.size = 0;
  }

  #grow() {
    const ids = this.ids;
    const vals = this.vals;
    const overflow = this.overflow;
    const n = (this.mask + 1) * 2;
    this.mask = n - 1;
    this.ids = new Uint32Array(n);
    this.vals = new Array(n).fill(undefined);
    this.overflow = null;
    this.size = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] !== 0) this.set(ids[i], vals[i]);
    if (overflow !== null) for (const [id, v] of overflow) this.set(id, v);
  }
}

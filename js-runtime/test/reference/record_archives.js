// record reader of the first archives fixture (fixtures/records.json)
// 2 generated functions

// ---- 1 ----
// M = [object Symbol]
// P = [function plain]
// r0 = [function readString]
// r1 = [function readString]
// r2 = [function read]
(function (M, P, r0, r1, r2) {
"use strict";
return { "Address": class {
  constructor(s, base) { this[M] = s; this.base = base; }
  get "street"() { return r0(this[M], this.base + 0); }
  get "city"() { return r1(this[M], this.base + 8); }
  get "zip"() { return r2(this[M], this.base + 16); }
  toJSON() { return P(this[M], this.base, true); }
} }["Address"];
})


// ---- 2 ----
// M = [object Symbol]
// P = [function plain]
// r0 = [function readString]
// r2 = [function read]
// r3 = [function read]
// r4 = [function read]
// r5 = [function read]
// r6 = [function read]
// r11 = [function read]
// r12 = [function read]
(function (M, P, r0, r2, r3, r4, r5, r6, r11, r12) {
"use strict";
return { "Person": class {
  constructor(s, base) { this[M] = s; this.base = base; }
  get "name"() { return r0(this[M], this.base + 0); }
  get "age"() { let v = this[M].u8[this.base + 8]; if (v === undefined) v = this[M].refresh().u8[this.base + 8]; return v; }
  get "email"() { return r2(this[M], this.base + 12); }
  get "tags"() { return r3(this[M], this.base + 24); }
  get "address"() { return r4(this[M], this.base + 32); }
  get "previous"() { return r5(this[M], this.base + 56); }
  get "scores"() { return r6(this[M], this.base + 64); }
  get "active"() { let v = this[M].u8[this.base + 72]; if (v === undefined) v = this[M].refresh().u8[this.base + 72]; return v !== 0; }
  get "initial"() { let v = this[M].u32[(this.base + 76) >>> 2]; if (v === undefined) v = this[M].refresh().u32[(this.base + 76) >>> 2]; return String.fromCodePoint(v); }
  get "id"() { let v = this[M].u64[(this.base + 80) >>> 3]; if (v === undefined) v = this[M].refresh().u64[(this.base + 80) >>> 3]; return v; }
  get "balance"() { let v = this[M].i64[(this.base + 88) >>> 3]; if (v === undefined) v = this[M].refresh().i64[(this.base + 88) >>> 3]; return v; }
  get "small"() { return r11(this[M], this.base + 96); }
  get "second"() { return r12(this[M], this.base + 104); }
  get "type"() { let v = this[M].u16[(this.base + 132) >>> 1]; if (v === undefined) v = this[M].refresh().u16[(this.base + 132) >>> 1]; return v; }
  toJSON() { return P(this[M], this.base, true); }
} }["Person"];
})

// record reader of the first pod fixture (fixtures/records.json)
// 2 generated functions

// ---- 1 ----
// M = [object Symbol]
// P = [function plain]
(function (M, P) {
"use strict";
return class {
  constructor(s, base) { this[M] = s; this.base = base; }
  get "x"() { const s = this[M]; let a = s.f32; if (a.length === 0) a = s.refresh().f32; return a[(this.base + 0) >>> 2]; }
  get "y"() { const s = this[M]; let a = s.f32; if (a.length === 0) a = s.refresh().f32; return a[(this.base + 4) >>> 2]; }
  get "z"() { const s = this[M]; let a = s.f32; if (a.length === 0) a = s.refresh().f32; return a[(this.base + 8) >>> 2]; }
  toJSON() { return P(this[M], this.base, true); }
};
})


// ---- 2 ----
// M = [object Symbol]
// P = [function plain]
// r3 = [function read]
// r4 = [function read]
// r11 = [function read]
(function (M, P, r3, r4, r11) {
"use strict";
return class {
  constructor(s, base) { this[M] = s; this.base = base; }
  get "mass"() { const s = this[M]; let a = s.f64; if (a.length === 0) a = s.refresh().f64; return a[(this.base + 0) >>> 3]; }
  get "id"() { const s = this[M]; let a = s.u64; if (a.length === 0) a = s.refresh().u64; return a[(this.base + 8) >>> 3]; }
  get "big"() { const s = this[M]; let a = s.i64; if (a.length === 0) a = s.refresh().i64; return a[(this.base + 16) >>> 3]; }
  get "pos"() { return r3(this[M], this.base + 24); }
  get "vel"() { return r4(this[M], this.base + 36); }
  get "count"() { const s = this[M]; let a = s.u32; if (a.length === 0) a = s.refresh().u32; return a[(this.base + 48) >>> 2]; }
  get "delta"() { const s = this[M]; let a = s.i32; if (a.length === 0) a = s.refresh().i32; return a[(this.base + 52) >>> 2]; }
  get "level"() { const s = this[M]; let a = s.u16; if (a.length === 0) a = s.refresh().u16; return a[(this.base + 56) >>> 1]; }
  get "temp"() { const s = this[M]; let a = s.i16; if (a.length === 0) a = s.refresh().i16; return a[(this.base + 58) >>> 1]; }
  get "flags"() { const s = this[M]; let a = s.u8; if (a.length === 0) a = s.refresh().u8; return a[this.base + 60]; }
  get "kind"() { const s = this[M]; let a = s.i8; if (a.length === 0) a = s.refresh().i8; return a[this.base + 61]; }
  get "rgb"() { return r11(this[M], this.base + 62); }
  toJSON() { return P(this[M], this.base, true); }
};
})

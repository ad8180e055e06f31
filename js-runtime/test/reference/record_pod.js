// record reader of the first pod fixture (fixtures/records.json)
// 2 generated functions

// ---- 1 ----
// M = [object Symbol]
// P = [function plain]
(function (M, P) {
"use strict";
return { "Vec3": class {
  constructor(s, base) { this[M] = s; this.base = base; }
  get "x"() { let v = this[M].f32[(this.base + 0) >>> 2]; if (v === undefined) v = this[M].refresh().f32[(this.base + 0) >>> 2]; return v; }
  get "y"() { let v = this[M].f32[(this.base + 4) >>> 2]; if (v === undefined) v = this[M].refresh().f32[(this.base + 4) >>> 2]; return v; }
  get "z"() { let v = this[M].f32[(this.base + 8) >>> 2]; if (v === undefined) v = this[M].refresh().f32[(this.base + 8) >>> 2]; return v; }
  toJSON() { return P(this[M], this.base, true); }
} }["Vec3"];
})


// ---- 2 ----
// M = [object Symbol]
// P = [function plain]
// r3 = [function read]
// r4 = [function read]
// r11 = [function read]
(function (M, P, r3, r4, r11) {
"use strict";
return { "Particle": class {
  constructor(s, base) { this[M] = s; this.base = base; }
  get "mass"() { let v = this[M].f64[(this.base + 0) >>> 3]; if (v === undefined) v = this[M].refresh().f64[(this.base + 0) >>> 3]; return v; }
  get "id"() { let v = this[M].u64[(this.base + 8) >>> 3]; if (v === undefined) v = this[M].refresh().u64[(this.base + 8) >>> 3]; return v; }
  get "big"() { let v = this[M].i64[(this.base + 16) >>> 3]; if (v === undefined) v = this[M].refresh().i64[(this.base + 16) >>> 3]; return v; }
  get "pos"() { return r3(this[M], this.base + 24); }
  get "vel"() { return r4(this[M], this.base + 36); }
  get "count"() { let v = this[M].u32[(this.base + 48) >>> 2]; if (v === undefined) v = this[M].refresh().u32[(this.base + 48) >>> 2]; return v; }
  get "delta"() { let v = this[M].i32[(this.base + 52) >>> 2]; if (v === undefined) v = this[M].refresh().i32[(this.base + 52) >>> 2]; return v; }
  get "level"() { let v = this[M].u16[(this.base + 56) >>> 1]; if (v === undefined) v = this[M].refresh().u16[(this.base + 56) >>> 1]; return v; }
  get "temp"() { let v = this[M].i16[(this.base + 58) >>> 1]; if (v === undefined) v = this[M].refresh().i16[(this.base + 58) >>> 1]; return v; }
  get "flags"() { let v = this[M].u8[this.base + 60]; if (v === undefined) v = this[M].refresh().u8[this.base + 60]; return v; }
  get "kind"() { let v = this[M].i8[this.base + 61]; if (v === undefined) v = this[M].refresh().i8[this.base + 61]; return v; }
  get "rgb"() { return r11(this[M], this.base + 62); }
  toJSON() { return P(this[M], this.base, true); }
} }["Particle"];
})

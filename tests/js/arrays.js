// The JS half of tests/tests/arrays.rs: functions the array imports call (module "arr"), and
// checks against rt.exports (sync ones through runArrayCheck, async ones through
// runArrayAsyncCheck).

/** A compact, exact description of a value: the container kind and every element. */
export function fmt(x) {
  if (typeof x === "bigint") return `${x}n`;
  if (typeof x === "number") return Object.is(x, -0) ? "-0" : String(x);
  if (typeof x === "string") return JSON.stringify(x);
  if (typeof x === "boolean") return String(x);
  if (x === null) return "null";
  if (x === undefined) return "undefined";
  if (x instanceof Date) return `Date(${x.getTime()})`;
  if (Array.isArray(x)) return `Array[${Array.from(x, fmt).join(",")}]`;
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}[${Array.from(x, fmt).join(",")}]`;
  if (typeof x === "object") return `obj${x.id ?? "?"}`;
  return typeof x;
}

const objs = [{ id: 1 }, { id: 2 }, { id: 3 }];
const later = (v, ms = 1) => new Promise((resolve) => setTimeout(() => resolve(v), ms));

const bad = {
  i32Frac: [1, 2, 1.5],
  u8Big: [0, 300],
  f64Str: [1, "x"],
  i32NaN: [NaN],
  notArray: "abc",
  number: 5,
  object: { length: 2, 0: 1, 1: 2 },
  nul: null,
  nested: [[1], [2, "x"]],
  strings: ["a", 7],
  objects: [{ id: 9 }, { id: 10 }, 5],
  unsafe: [1, 2 ** 53],
  bigints: [1n, "2"],
};

const arrModule = {
  echo: (v) => v,
  describe: (v) => fmt(v),
  kind: (v) => `${Array.isArray(v) ? "Array" : v.constructor.name}:${v.length}`,
  numbers: (n) => Array.from({ length: n }, (_, i) => i * 1.5),
  numbersTyped: (n) => Float64Array.from({ length: n }, (_, i) => i * 1.5),
  strings: (n) => Array.from({ length: n }, (_, i) => `s${i}-é-${"x".repeat(i % 7)}`),
  bigStrings: () => Array.from({ length: 16 }, (_, i) => String.fromCharCode(97 + i).repeat(32768) + "é".repeat(16384)),
  nestedBig: (n, m) => Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => i * m + j)),
  totalLength: (v) => v.reduce((a, s) => a + s.length, 0),
  lone: () => ["a\uD800b", "\uDC00", "ok", "\uD834\uDD1E"],
  badInt: () => [1, 2, 1.5],
  bad: (name) => bad[name],
  getObjs: () => objs,
  sameObjs: (v) => v.length === objs.length && v.every((o, i) => o === objs[i]),
  throwing: () => {
    throw new RangeError("thrown before looking at the arrays");
  },
  // Promises of arrays (async imports).
  later: (v) => later(v),
  laterObjs: () => later(objs),
  rejectLater: (msg) => later(null).then(() => Promise.reject(new TypeError(msg))),
  laterBad: (name) => later(bad[name]),
  // Callbacks.
  callWithObjects: (f) => {
    const r = f(objs);
    if (!Array.isArray(r) || r.length !== 3) return `bad result ${fmt(r)}`;
    if (r[0] !== objs[2] || r[1] !== objs[1] || r[2] !== objs[0]) return `not the same objects: ${fmt(r)}`;
    return "ok";
  },
  callWithBadObjects: (f) => f([{ id: 7 }, "not an object"]),
  callWithEmpty: (f) => fmt(f([])),
  makeSummer: () => (a) => {
    if (!(a instanceof Float64Array)) throw new TypeError(`expected a Float64Array, got ${fmt(a)}`);
    return a.reduce((x, y) => x + y, 0);
  },
  makeJoiner: () => (a, sep) => a.join(sep),
  makeSplitter: () => (s) => s.split(","),
  makeArrayThrower: () => (a) => {
    throw new RangeError(`no thanks: ${a.length}`);
  },
};

export function registerArrayModule(rt) {
  rt.importModule("arr", arrModule);
}

export function memoryBytes(rt) {
  return rt.memory.buffer.byteLength;
}

function fail(msg) {
  throw new Error(msg);
}

function eq(actual, expected, what) {
  const a = fmt(actual);
  const e = typeof expected === "string" ? expected : fmt(expected);
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

function throwsWith(f, cls, texts, what) {
  try {
    f();
  } catch (e) {
    const classes = Array.isArray(cls) ? cls : [cls];
    if (!classes.some((c) => e instanceof c)) {
      fail(`${what}: expected ${classes.map((c) => c.name).join("/")}, got ${e && e.name}: ${e && e.message}`);
    }
    for (const text of Array.isArray(texts) ? texts : [texts]) {
      if (!String(e.message).includes(text)) fail(`${what}: message ${JSON.stringify(e.message)} lacks ${JSON.stringify(text)}`);
    }
    return e;
  }
  fail(`${what}: did not throw`);
}

async function rejectsWith(p, cls, texts, what) {
  try {
    await p;
  } catch (e) {
    return throwsWith(() => {
      throw e;
    }, cls, texts, what);
  }
  fail(`${what}: did not reject`);
}

const live = (rt) => rt.census().jsObjects;

const checks = {
  // Every element type, JS → Rust → JS through identity exports.
  numbers(x) {
    eq(x.ex_u8([0, 1, 255]), "Uint8Array[0,1,255]", "u8");
    eq(x.ex_u8(new Uint8ClampedArray([7, 8])), "Uint8Array[7,8]", "u8 from a Uint8ClampedArray");
    eq(x.ex_u8(new Uint8Array([1, 2, 3]).buffer), "Uint8Array[1,2,3]", "u8 from an ArrayBuffer");
    eq(x.ex_u8(new Uint8Array(new ArrayBuffer(8), 2, 3).fill(9)), "Uint8Array[9,9,9]", "u8 from an offset view");
    eq(x.ex_i8([-128, -1, 0, 127]), "Int8Array[-128,-1,0,127]", "i8");
    eq(x.ex_i8(new Int8Array([-128, 127])), "Int8Array[-128,127]", "i8 typed");
    eq(x.ex_u16([0, 65535]), "Uint16Array[0,65535]", "u16");
    eq(x.ex_i16(new Int16Array([-32768, 32767])), "Int16Array[-32768,32767]", "i16 typed");
    eq(x.ex_i16([-32768, -1, 32767]), "Int16Array[-32768,-1,32767]", "i16");
    eq(x.ex_u32([0, 4294967295]), "Uint32Array[0,4294967295]", "u32");
    eq(x.ex_u32(new Uint32Array([4294967295])), "Uint32Array[4294967295]", "u32 typed");
    eq(x.ex_i32([-2147483648, -0, 2147483647]), "Int32Array[-2147483648,0,2147483647]", "i32 (-0 is 0)");
    eq(x.ex_i32(new Int32Array([-2147483648, 5])), "Int32Array[-2147483648,5]", "i32 typed");
    eq(x.ex_f32([-0, 1.5, Infinity, -Infinity, NaN, 3.4028234663852886e38]),
      "Float32Array[-0,1.5,Infinity,-Infinity,NaN,3.4028234663852886e+38]", "f32");
    eq(x.ex_f32([0.1]), fmt(new Float32Array([0.1])), "f32 rounds");
    eq(x.ex_f32(new Float32Array([-0, NaN])), "Float32Array[-0,NaN]", "f32 typed");
    eq(x.ex_f64([NaN, -0, Infinity, -Infinity, Number.MAX_VALUE, 5e-324, 0.1]),
      "Float64Array[NaN,-0,Infinity,-Infinity,1.7976931348623157e+308,5e-324,0.1]", "f64");
    eq(x.ex_f64(new Float64Array([-0, NaN])), "Float64Array[-0,NaN]", "f64 typed");
    eq(x.ex_f64(new Float32Array([1.5, -0])), "Float64Array[1.5,-0]", "f64 from a Float32Array");
    eq(x.ex_f64(new Uint8Array([200])), "Float64Array[200]", "f64 from a Uint8Array");
    const i64s = [-(2n ** 63n), -1n, 0n, 2n ** 63n - 1n];
    eq(x.ex_i64(i64s), "BigInt64Array[-9223372036854775808n,-1n,0n,9223372036854775807n]", "i64");
    eq(x.ex_i64(BigInt64Array.from(i64s)), "BigInt64Array[-9223372036854775808n,-1n,0n,9223372036854775807n]", "i64 typed");
    eq(x.ex_u64([0n, 2n ** 64n - 1n]), "BigUint64Array[0n,18446744073709551615n]", "u64");
    eq(x.ex_u64(BigUint64Array.of(2n ** 64n - 1n)), "BigUint64Array[18446744073709551615n]", "u64 typed");
    eq(x.ex_u64(BigInt64Array.of(5n)), "BigUint64Array[5n]", "u64 from a BigInt64Array, element by element");
    const safe = Number.MAX_SAFE_INTEGER;
    eq(x.ex_i64n([-safe, -1, 0, safe]), `Array[${-safe},-1,0,${safe}]`, "i64 as numbers");
    eq(x.ex_i64n([5n]), "Array[5]", "i64 as numbers accepts a bigint");
    eq(x.ex_u64n([0, safe]), `Array[0,${safe}]`, "u64 as numbers");
    eq(x.ex_usize([0, 4294967295]), "Array[0,4294967295]", "usize");
    eq(x.ex_isize([-2147483648, 2147483647]), "Array[-2147483648,2147483647]", "isize");
    for (const f of ["ex_u8", "ex_i8", "ex_u16", "ex_i16", "ex_u32", "ex_i32", "ex_f32", "ex_f64", "ex_i64", "ex_u64"]) {
      const r = x[f]([]);
      if (!ArrayBuffer.isView(r) || r.length !== 0) fail(`${f}([]): ${fmt(r)}`);
    }
    eq(x.ex_i64n([]), "Array[]", "empty i64 as numbers");
    eq(x.ex_usize([]), "Array[]", "empty usize");
  },

  others(x, rt) {
    eq(x.ex_bool([true, false, true]), "Array[true,false,true]", "bool");
    eq(x.ex_char(["a", "é", "𝄞", "\0"]), 'Array["a","é","𝄞","\\u0000"]', "char");
    eq(x.ex_strings(["", "a", "grüß 𝄞", "\0"]), 'Array["","a","grüß 𝄞","\\u0000"]', "String");
    eq(x.ex_strings(["a\uD800b", "\uDC00", "\uD834\uDD1E"]), 'Array["a�b","�","𝄞"]', "lone surrogates → U+FFFD");
    eq(x.ex_opt_i32([1, null, undefined, -4]), "Array[1,null,null,-4]", "Option<i32>");
    eq(x.ex_opt_f64([NaN, null, -0]), "Array[NaN,null,-0]", "Option<f64>");
    eq(x.ex_opt_strings(["a", null, ""]), 'Array["a",null,""]', "Option<String>");
    eq(x.ex_opt_u64([2n ** 64n - 1n, null]), "Array[18446744073709551615n,null]", "Option<u64>");
    eq(x.ex_opt_bool([null, false]), "Array[null,false]", "Option<bool>");
    eq(x.ex_dates([new Date(0), new Date(-1000), new Date(8.64e15)]),
      "Array[Date(0),Date(-1000),Date(8640000000000000)]", "JsDate");
    eq(x.ex_nested_u8([[1, 2], [], new Uint8Array([3])]), "Array[Uint8Array[1,2],Uint8Array[],Uint8Array[3]]", "Vec<Vec<u8>>");
    eq(x.ex_nested_strings([["a"], [], ["b", "c"]]), 'Array[Array["a"],Array[],Array["b","c"]]', "Vec<Vec<String>>");
    eq(x.ex_nested3([[[1], []], [], [[2, 3]]]), "Array[Array[Int32Array[1],Int32Array[]],Array[],Array[Int32Array[2,3]]]", "3 levels");
    eq(x.ex_vec_opt_vec([[1.5], null, []]), "Array[Float64Array[1.5],null,Float64Array[]]", "Vec<Option<Vec<f64>>>");
    eq(x.ex_opt_vec(null), "null", "Option<Vec<f64>> None");
    eq(x.ex_opt_vec(undefined), "null", "Option<Vec<f64>> undefined");
    eq(x.ex_opt_vec([1, 2]), "Float64Array[1,2]", "Option<Vec<f64>> Some");
    eq(x.ex_opt_vec([]), "Float64Array[]", "Option<Vec<f64>> Some(empty)");
    for (const f of ["ex_bool", "ex_char", "ex_strings", "ex_opt_i32", "ex_dates", "ex_nested_u8", "ex_objects"]) {
      eq(x[f]([]), "Array[]", `${f}([])`);
    }
    // Objects: the same objects come back, and no handle stays behind.
    const base = live(rt);
    const back = x.ex_objects(objs);
    if (back.length !== 3 || back.some((o, i) => o !== objs[i])) fail(`objects: ${fmt(back)}`);
    const f = () => 1;
    const dup = x.ex_objects([objs[0], f, objs[0]]);
    if (dup[0] !== objs[0] || dup[1] !== f || dup[2] !== objs[0]) fail(`objects with a repeat: ${fmt(dup)}`);
    eq(live(rt), base, "no JsObject handle left after ex_objects");
  },

  big(x) {
    // Arguments and results larger than the 64 KiB frame area.
    const n = 100_000;
    const f = Float64Array.from({ length: n }, (_, i) => i / 4);
    const r = x.ex_f64(f);
    if (!(r instanceof Float64Array) || r.length !== n || r[n - 1] !== (n - 1) / 4) fail("big Float64Array");
    const plain = Array.from({ length: n }, (_, i) => i);
    eq(x.sum_i32(plain), (n * (n - 1)) / 2, "big Array of i32");
    const strs = Array.from({ length: 20_000 }, (_, i) => `str-${i}-ü`);
    const back = x.ex_strings(strs);
    if (back.length !== strs.length || back.some((s, i) => s !== strs[i])) fail("big Vec<String>");
    // 1 MiB of strings each way.
    const mib = Array.from({ length: 16 }, (_, i) => String.fromCharCode(65 + i).repeat(65536));
    const m = x.ex_strings(mib);
    if (m.length !== 16 || m.some((s, i) => s !== mib[i])) fail("1 MiB of strings");
    eq(x.string_bytes(mib), 1 << 20, "1 MiB of string bytes");
    const nested = Array.from({ length: 300 }, (_, i) => Array.from({ length: 100 }, (_, j) => i + j));
    const nb = x.ex_nested3([nested, nested]);
    if (nb.length !== 2 || nb[1].length !== 300 || nb[1][299][99] !== 398) fail("big nested");
    eq(x.make_strings(30_000).length, 30_000, "a result of 30,000 strings (480 KB of slots)");
  },

  bad(x, rt) {
    const arg = (f) => `${f}: argument 1 (v)`;
    throwsWith(() => x.ex_i32("abc"), TypeError, [arg("ex_i32"), "expected an array of i32", "string"], "string");
    throwsWith(() => x.ex_i32(5), TypeError, [arg("ex_i32"), "number 5"], "number");
    throwsWith(() => x.ex_i32({ length: 1, 0: 1 }), TypeError, [arg("ex_i32"), "object"], "array-like object");
    throwsWith(() => x.ex_i32(null), TypeError, [arg("ex_i32"), "null"], "null for a non-Option");
    throwsWith(() => x.ex_i32(new DataView(new ArrayBuffer(4))), TypeError, arg("ex_i32"), "DataView");
    throwsWith(() => x.ex_i32(), TypeError, ["ex_i32", "missing"], "no argument");
    throwsWith(() => x.ex_strings(null), TypeError, [arg("ex_strings"), "null"], "null Vec<String>");
    throwsWith(() => x.ex_strings("ab"), TypeError, arg("ex_strings"), "a string is not Vec<String>");
    throwsWith(() => x.ex_f64(new ArrayBuffer(8)), TypeError, arg("ex_f64"), "ArrayBuffer only for Vec<u8>");
    throwsWith(() => x.ex_i32([1, 2, 1.5]), RangeError, [`${arg("ex_i32")}[2]`, "1.5"], "1.5 in i32");
    throwsWith(() => x.ex_u8([0, 300]), RangeError, [`${arg("ex_u8")}[1]`, "300"], "300 in u8");
    throwsWith(() => x.ex_u8([-1]), RangeError, `${arg("ex_u8")}[0]`, "-1 in u8");
    throwsWith(() => x.ex_i8(new Int16Array([1, 200])), RangeError, `${arg("ex_i8")}[1]`, "200 in i8 from a typed array");
    throwsWith(() => x.ex_f64([1, "x"]), TypeError, [`${arg("ex_f64")}[1]`, "string"], '"x" in f64');
    throwsWith(() => x.ex_i32([NaN]), RangeError, `${arg("ex_i32")}[0]`, "NaN in i32");
    throwsWith(() => x.ex_u16([1, NaN]), RangeError, `${arg("ex_u16")}[1]`, "NaN in u16");
    throwsWith(() => x.ex_i32([Infinity]), RangeError, `${arg("ex_i32")}[0]`, "Infinity in i32");
    throwsWith(() => x.ex_f32([0, 1e39]), RangeError, `${arg("ex_f32")}[1]`, "1e39 in f32");
    throwsWith(() => x.ex_i64n([1, 2 ** 53]), RangeError, [`${arg("ex_i64n")}[1]`, "safe integer"], "2^53 as i64 number");
    throwsWith(() => x.ex_u64n([-1]), RangeError, `${arg("ex_u64n")}[0]`, "-1 as u64 number");
    throwsWith(() => x.ex_i64n([1.5]), RangeError, `${arg("ex_i64n")}[0]`, "1.5 as i64 number");
    eq(x.ex_i64([1n, 2]), "BigInt64Array[1n,2n]", "a safe-integer number is fine for i64");
    throwsWith(() => x.ex_i64([1n, "2"]), TypeError, [`${arg("ex_i64")}[1]`, "bigint"], "string in i64");
    throwsWith(() => x.ex_i64([1n, 2 ** 60]), RangeError, [`${arg("ex_i64")}[1]`, "safe integer"], "unsafe number in i64");
    throwsWith(() => x.ex_u64(BigInt64Array.of(1n, -1n)), RangeError, `${arg("ex_u64")}[1]`, "-1n in u64");
    throwsWith(() => x.ex_u64([2n ** 64n]), RangeError, `${arg("ex_u64")}[0]`, "2^64 in u64");
    throwsWith(() => x.ex_usize([-1]), RangeError, `${arg("ex_usize")}[0]`, "-1 in usize");
    throwsWith(() => x.ex_bool([true, 1]), TypeError, `${arg("ex_bool")}[1]`, "1 in bool");
    throwsWith(() => x.ex_char(["a", "ab"]), TypeError, `${arg("ex_char")}[1]`, "two chars");
    throwsWith(() => x.ex_strings(["a", 7]), TypeError, `${arg("ex_strings")}[1]`, "7 in String");
    throwsWith(() => x.ex_strings(["a", null]), TypeError, `${arg("ex_strings")}[1]`, "null in String");
    throwsWith(() => x.ex_opt_i32([null, "1"]), TypeError, `${arg("ex_opt_i32")}[1]`, '"1" in Option<i32>');
    throwsWith(() => x.ex_dates([new Date(0), new Date(NaN)]), RangeError, `${arg("ex_dates")}[1]`, "Invalid Date");
    throwsWith(() => x.ex_dates([0]), TypeError, `${arg("ex_dates")}[0]`, "number as Date");
    throwsWith(() => x.ex_nested_u8([[1], [2, 300]]), RangeError, `${arg("ex_nested_u8")}[1][1]`, "nested index");
    throwsWith(() => x.ex_nested_u8([[1], 2]), TypeError, `${arg("ex_nested_u8")}[1]`, "not an inner array");
    throwsWith(() => x.ex_nested3([[[1]], [[2], [3, "x"]]]), TypeError, `${arg("ex_nested3")}[1][1][1]`, "3 levels of index");
    throwsWith(() => x.ex_vec_opt_vec([null, [1, "x"]]), TypeError, `${arg("ex_vec_opt_vec")}[1][1]`, "Option<Vec> element");
    throwsWith(() => x.ex_opt_vec([1, "x"]), TypeError, `${arg("ex_opt_vec")}[1]`, "Option<Vec<f64>> bad element");
    throwsWith(() => x.ex_opt_vec("x"), TypeError, arg("ex_opt_vec"), "Option<Vec<f64>> string");
    // A bad element after objects: no handle stays behind.
    const base = live(rt);
    throwsWith(() => x.ex_objects([{ a: 1 }, { b: 2 }, 5]), TypeError, `${arg("ex_objects")}[2]`, "5 in JsObject");
    throwsWith(() => x.ex_objects([{ a: 1 }, null]), TypeError, `${arg("ex_objects")}[1]`, "null in JsObject");
    throwsWith(() => x.ex_nested_objects([[{ a: 1 }], [{ b: 2 }, "x"]]), TypeError, `${arg("ex_nested_objects")}[1][1]`, "nested objects");
    eq(live(rt), base, "JsObject handles of a rejected array are released");
    // Still usable.
    eq(x.ex_i32([1, 2]), "Int32Array[1,2]", "usable after errors");
    eq(x.ex_strings(["ok"]), 'Array["ok"]', "usable after errors");
    eq(x.ex_objects([objs[0]])[0] === objs[0], true, "usable after errors");
  },

  badResults(x) {
    // Results JS cannot read (64-bit values beyond the safe range as numbers).
    throwsWith(() => x.bad_i64n(), RangeError, ["bad_i64n: result[1]", "safe integer"], "direct i64 as number");
    throwsWith(() => x.bad_nested_i64n(), RangeError, ["bad_nested_i64n: result[1][0]", "safe integer"], "nested");
    throwsWith(() => x.bad_opt_i64n(), RangeError, ["bad_opt_i64n: result[1]", "safe integer"], "Option elements");
    eq(x.ex_i32([3]), "Int32Array[3]", "usable after unreadable results");
  },

  // Leak tests: one chunk of calls each (tests/arrays.rs runs them many times, yielding between).
  leakLoop(x) {
    roundTrips(x, 1000);
  },
  badResultsLoop(x) {
    for (let i = 0; i < 1000; i++) {
      for (const f of ["bad_nested_i64n", "bad_opt_i64n", "bad_deep_i64n"]) {
        try {
          x[f]();
          fail(`${f} did not throw`);
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
        }
      }
    }
  },
  badArgsLoop(x) {
    for (let i = 0; i < 1000; i++) {
      try {
        x.ex_objects([objs[0], { i }, 5]);
        fail("did not throw");
      } catch (e) {
        if (!(e instanceof TypeError)) throw e;
      }
      try {
        x.ex_nested_strings([["a", "b"], ["c", 1]]);
        fail("did not throw");
      } catch (e) {
        if (!(e instanceof TypeError)) throw e;
      }
    }
  },
};

const leakStrings = ["alpha", "βeta", "𝄞"];
const leakNested = [[1.5, 2.5], [], [3]];

function roundTrips(x, n) {
  for (let i = 0; i < n; i++) {
    const s = x.ex_strings(leakStrings);
    if (s.length !== 3 || s[2] !== "𝄞") fail(`strings round trip ${i}`);
    const o = x.ex_objects(objs);
    if (o[1] !== objs[1]) fail(`objects round trip ${i}`);
    const v = x.ex_nested_f64(leakNested);
    if (v.length !== 3 || v[0][1] !== 2.5) fail(`nested round trip ${i}`);
  }
}

const asyncChecks = {
  async promises(x) {
    const f = x.async_f64(new Float64Array([1, 2]));
    if (!(f instanceof Promise)) fail("an async export returns a Promise");
    eq(await f, "Float64Array[2,4]", "Promise<Vec<f64>> (after awaiting an import)");
    eq(await x.async_f64_now([1.5, -0]), "Float64Array[1.5,-0]", "Promise<Vec<f64>> done at once");
    const o = await x.async_objects(objs);
    if (o.length !== 3 || o.some((v, i) => v !== objs[2 - i])) fail(`Promise<Vec<JsObject>>: ${fmt(o)}`);
    eq(await x.async_strings(["a", "𝄞"]), 'Array["a","𝄞","a","𝄞"]', "Promise<Vec<String>>");
    eq(await x.async_opt_string("x"), '"x!"', "Promise<Option<String>> Some");
    eq(await x.async_opt_string(null), "null", "Promise<Option<String>> None");
    await rejectsWith(x.async_fail([1]), Error, "no 1 please", "an Err rejects");
    await rejectsWith(Promise.resolve().then(() => x.async_f64("x")), TypeError, "async_f64: argument 1 (v)", "bad argument throws");
    // A pending async export whose result JS cannot read: its promise rejects.
    await rejectsWith(x.async_bad_i64n(), RangeError, ["async_bad_i64n: result[1]", "safe integer"], "unreadable async result");
  },
};

export function runArrayCheck(rt, name) {
  const c = checks[name];
  if (c === undefined) fail(`no array check ${name}`);
  c(rt.exports, rt);
}

export function runArrayAsyncCheck(rt, name) {
  const c = asyncChecks[name];
  if (c === undefined) return Promise.reject(new Error(`no async array check ${name}`));
  return c(rt.exports, rt);
}

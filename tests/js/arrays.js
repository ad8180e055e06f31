// The JS half of tests/tests/arrays.rs: functions the array imports call (module "arr"), and
// checks against rt.exports.

const arrModule = {
  echo: (v) => v,
  kind: (v) => `${Array.isArray(v) ? "Array" : v.constructor.name}:${v.length}`,
  numbers: (n) => Array.from({ length: n }, (_, i) => i * 1.5),
  strings: (n) => Array.from({ length: n }, (_, i) => `s${i}-é-${"x".repeat(i % 7)}`),
  badInt: () => [1, 2, 1.5],
};

export function registerArrayModule(rt) {
  rt.importModule("arr", arrModule);
}

function fail(msg) {
  throw new Error(msg);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual, (k, v) => (typeof v === "bigint" ? `${v}n` : v));
  const e = JSON.stringify(expected, (k, v) => (typeof v === "bigint" ? `${v}n` : v));
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

function throwsWith(f, cls, text, what) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof cls)) fail(`${what}: expected ${cls.name}, got ${e && e.name}: ${e && e.message}`);
    if (!String(e.message).includes(text)) fail(`${what}: message ${JSON.stringify(e.message)} lacks ${JSON.stringify(text)}`);
    return;
  }
  fail(`${what}: did not throw`);
}

export function runArrayCheck(rt, name) {
  const x = rt.exports;
  const checks = {
    exports() {
      eq(x.arr_sum(new Float64Array([1, 2, 3.5])), 6.5, "Float64Array");
      eq(x.arr_sum([1, 2, 3]), 6, "Array");
      eq(x.arr_sum(new Int32Array([4, 5])), 9, "another typed array, element by element");
      const d = x.arr_double(new Float64Array([1, -2]));
      eq(d instanceof Float64Array, true, "Vec<f64> result is a Float64Array");
      eq(Array.from(d), [2, -4], "doubled");
      eq(x.arr_rev_strings(["a", "é", "𝄞"]), ["𝄞", "é", "a"], "strings");
      eq(x.arr_opt_strings(["a", null, "b"]), ["A", null, "B"], "Option<String> elements");
      const nested = x.arr_nested([[1, 2], [], [3]]);
      eq(nested[0] instanceof Int32Array, true, "inner arrays of numbers are typed arrays");
      eq(nested.map((a) => Array.from(a)), [[3], [], [1, 2]], "nested");
      const bytes = x.arr_bytes(new Uint8Array([1, 2, 255]));
      eq(bytes instanceof Uint8Array, true, "Vec<u8> is a Uint8Array");
      eq(Array.from(bytes), [255, 2, 1], "bytes reversed");
      eq(Array.from(x.arr_bytes(new Uint8Array([9, 8]).buffer)), [8, 9], "from an ArrayBuffer");
      const o1 = { a: 1 };
      const o2 = { b: 2 };
      const back = x.arr_objects([o1, o2]);
      eq(back[0] === o2 && back[1] === o1, true, "objects come back as themselves");
      eq(x.arr_maybe(null), -1, "None");
      eq(x.arr_maybe([1, 2]), 2, "Some");
      eq(Array.from(x.arr_i64([1n, -2n])), ["2", "-4"].map(BigInt), "i64 as BigInt64Array");
      throwsWith(() => x.arr_sum("abc"), TypeError, "argument 1", "a string is not an array");
      throwsWith(() => x.arr_sum([1, "2"]), TypeError, "[1]", "bad element names its index");
      throwsWith(() => x.arr_bytes([1, 300]), RangeError, "[1]", "out of range element");
      eq(x.arr_sum([1]), 1, "usable after errors");
    },
  };
  const c = checks[name];
  if (c === undefined) fail(`no array check ${name}`);
  c();
}

// The JS half of the end-to-end tests: functions the Rust imports call (module "t"), and checks
// that exercise rt.exports from JS (run by name from Rust through runCheck).

const values = {
  u8_300: 300,
  nan: NaN,
  half: 1.5,
  str: "x",
  p53: 2 ** 53,
  neg: -1,
  undef: undefined,
  nul: null,
  big5: 5n,
  invalidDate: new Date(NaN),
  twoChars: "ab",
  f32big: 1e39,
  int: 7,
  bigOut: 2n ** 64n,
  fn: () => 1,
};

let kept = null;
let keptFn = null;

const testModule = {
  echo: (x) => x,
  describe: (x) => {
    if (x instanceof Date) return `date:${x.getTime()}`;
    if (typeof x === "number" && Object.is(x, -0)) return "number:-0";
    if (typeof x === "string") return `string:${JSON.stringify(x)}:${x.length}`;
    return `${x === null ? "null" : typeof x}:${String(x)}`;
  },
  value: (name) => values[name],
  add3: (a, b, c) => a + b + c,
  noop: () => {},
  throwError: (msg) => {
    throw new Error(msg);
  },
  throwTypeError: () => {
    null.x; // eslint-disable-line no-unused-expressions
  },
  throwString: () => {
    throw "plain string"; // eslint-disable-line no-throw-literal
  },
  repeat: (s, n) => s.repeat(n),
  nested: { deeper: { twice: (x) => 2 * x } },
  counter: {
    count: 0,
    bump() {
      this.count += 1;
      return this.count;
    },
  },
  stringLength: (s) => s.length,
  makeObject: () => ({
    name: "Arthur",
    answer: 42,
    question: "six by nine",
    nested: { depth: 2 },
    child: { depth: 1 },
    add(a, b) {
      return a + b;
    },
    greet(who) {
      return `${this.name} greets ${who}`;
    },
    whoAmI() {
      return this.name;
    },
  }),
  newObject: () => ({}),
  summarize: (o) => `${o.name}: ${o.question} = ${o.answer}`,
  same: (a, b) => a === b,
  keep: (o) => {
    kept = o;
  },
  kept: () => kept,
  increment: (o) => {
    o.answer++;
  },
  makeAdder: () => (a, b) => a + b,
  makeThrower: () => () => {
    throw new RangeError("from a JS callback");
  },
  callWith2: (f, a, b) => f(a, b),
  /** Calls `f` with the rest of the arguments: one JS function behind many typed imports. */
  applyTo: (f, ...args) => f(...args),
  callWith0: (f) => f(),
  callMany: (f, n) => {
    let last;
    for (let i = 0; i < n; i++) last = f(i);
    return last;
  },
  callWith8: (f) => f(1, 2, 3, 4, 5, 6, 7, 8),
  callWithString: (f, s) => f(s),
  /** The path JS calls closure `f` by: "typed" (its own wasm entry, runtime.js
   * makeClosureFunction → fast.js makeFastClosure) or "slots". */
  closurePath: (f) => (f.name === "closure_" ? "typed" : "slots"),
  sameFn: (a, b) => a === b,
  keepFn: (f) => {
    keptFn = f;
  },
  callKept: () => keptFn(),
  makeTarget: () => new EventTarget(),
  listen: (t, f) => t.addEventListener("ping", f),
  unlisten: (t, f) => t.removeEventListener("ping", f),
  ping: (t) => t.dispatchEvent(new Event("ping")),
  callBadly: (f) => f("not a number"),
  delay: (ms, v) => new Promise((resolve) => setTimeout(() => resolve(v), ms)),
  delayedString: (ms, s) => new Promise((resolve) => setTimeout(() => resolve(s), ms)),
  rejectLater: (msg) => new Promise((_, reject) => setTimeout(() => reject(new TypeError(msg)), 1)),
  resolvedNow: (v) => Promise.resolve(v),
  plainValue: (v) => v,
  never: () => new Promise(() => {}),
  resolveWrong: () => Promise.resolve("not a number"),
  makeObjectLater: () => Promise.resolve({ answer: 42 }),
  /** An async import's span, object and numbers; the thenable it returns grows the memory when
   * its `then` is read (inside the call) and, when it runs (after the call), tries the span. */
  spanThenLater: (o, bytes, scale) => {
    let sum = 0;
    for (const b of bytes) sum += b;
    const kept = bytes;
    return {
      get then() {
        testRt.memory.grow(1);
        return (resolve) => {
          let ended = false;
          try {
            kept.get(0);
          } catch {
            ended = true;
          }
          resolve(ended ? o.k * sum * scale : -1);
        };
      },
    };
  },
  codeUnits: (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(" "),
};

let testRt;

export function registerTestModule(rt) {
  testRt = rt;
  testModule.callExport = (name, arg) => rt.exports[name](arg);
  rt.importModule("t", testModule);
}

// ---------------------------------------------------------------------------------------------

// fail, eq, show and throwsWith are shared with the other JS halves of the suite (imported
// from "./harness.js": wasm-bindgen copies this module, the lib's, next to every test binary's).

export function fail(msg) {
  throw new Error(msg);
}

export function eq(actual, expected, what) {
  if (!Object.is(actual, expected)) {
    fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function show(v) {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "string") return JSON.stringify(v.length > 80 ? v.slice(0, 80) + "…" : v);
  if (Object.is(v, -0)) return "-0";
  if (v instanceof Date) return `Date(${v.getTime()})`;
  return String(v);
}

function throws(f, Class, fragments, what) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  if (err === undefined) fail(`${what}: expected ${Class.name}, nothing was thrown`);
  if (!(err instanceof Class) || err.constructor !== Class) {
    fail(`${what}: expected ${Class.name}, got ${err && err.name}: ${err && err.message}`);
  }
  for (const frag of [].concat(fragments)) {
    if (!String(err.message).includes(frag)) {
      fail(`${what}: message ${JSON.stringify(err.message)} lacks ${JSON.stringify(frag)}`);
    }
  }
  return err;
}

/**
 * Runs `f`, which must throw an error named `name` (any, if null) whose message has every one of
 * `texts`; returns it. By name, not class: what the runtime throws comes from its own copy of
 * the error classes.
 */
export function throwsWith(f, name, texts, what) {
  let e = null;
  try {
    f();
  } catch (x) {
    e = x;
  }
  if (e === null) fail(`${what}: did not throw`);
  if (name !== null && (e === undefined || e === null || e.name !== name)) fail(`${what}: expected ${name}, got ${e && e.name}: ${e && e.message}`);
  for (const t of texts) {
    if (!String(e.message).includes(t)) fail(`${what}: message ${JSON.stringify(e.message)} lacks ${JSON.stringify(t)}`);
  }
  return e;
}

function roundTrip(f, values, what) {
  for (const v of values) eq(f(v), v, `${what}(${show(v)})`);
}

const I32 = [0, -1, 1, -2147483648, 2147483647];

function throwsNamed(f, name, fragments, what) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  if (err === undefined) fail(`${what}: expected ${name}, nothing was thrown`);
  if (err.name !== name) fail(`${what}: expected ${name}, got ${err.name}: ${err.message}`);
  for (const frag of [].concat(fragments)) {
    if (!String(err.message).includes(frag)) {
      fail(`${what}: message ${JSON.stringify(err.message)} lacks ${JSON.stringify(frag)}`);
    }
  }
  return err;
}

function captureConsoleError(f) {
  const lines = [];
  const original = console.error;
  console.error = (...args) => {
    lines.push(args.map(String).join(" "));
  };
  try {
    f();
  } finally {
    console.error = original;
  }
  return lines.join("\n");
}

async function asyncChecks(x, rt) {
  const p = x.double_later(21);
  if (!(p instanceof Promise)) fail("an async export returns a Promise");
  eq(await p, 42, "async export resolves after awaiting an import");
  eq(await x.ready_now(5), 6, "an already-complete future resolves too");
  let err;
  try {
    await x.fail_later("no");
  } catch (e) {
    err = e;
  }
  if (!err || err.message !== "failed: no") fail(`async Err rejects: ${err && err.message}`);
  eq(await x.greet_later("Ford"), "hello Ford", "String through an async export");
  eq(rt.census().asyncExports, 0, "no pending export promises left");
}

const checks = {
  rustObjects(x, rt) {
    const base = x.rust_object_count();
    const c = x.make_counter(10);
    eq(c.increment(5), 15, "typed method");
    eq(c.invoke("increment", 1), 16, "invoke by name");
    eq(c.get(), 16, "state kept in Rust");
    eq(c.calls(), 2, "calls");
    eq(c.typeName, "CounterI32", "type name");
    eq(x.same_counter(c, c), true, "the same object arrives");
    const d = x.make_counter(0);
    eq(x.same_counter(c, d), false, "two objects");
    eq(x.rust_object_count(), base + 2, "two live in Rust");
    const s = x.make_string_counter("a");
    eq(s.append("b"), "ab", "the String instantiation");
    eq(typeof s.increment, "undefined", "methods are per type");
    throwsNamed(() => x.same_counter(s, c), "TypeError", ["same_counter: argument 1 (a)", "CounterString"], "wrong type");
    throwsNamed(() => c.invoke("nope"), "TypeError", ["CounterI32 has no method nope"], "unknown method");
    throwsNamed(() => x.same_counter({ handle: 1 }, d), "TypeError", ["a Rust object"], "forged object");
    c.dispose();
    eq(c.isDisposed, true, "disposed");
    c.dispose();
    throwsNamed(() => c.increment(1), "SlotwireError", ["disposed"], "use after dispose");
    eq(d.increment(1), 1, "others unaffected");
    d.dispose();
    s.dispose();
    eq(x.rust_object_count(), base, "all freed in Rust");
    eq(rt.census().rustObjects, 0, "no proxies tracked");
    for (let i = 0; i < 1000000; i++) x.make_counter(i).dispose();
    eq(x.rust_object_count(), base, "a million create/dispose cycles leave nothing in Rust");
    eq(rt.census().rustObjects, 0, "nor in JS");
  },
  hostileAccessors(x, rt) {
    const base = rt.census().jsObjects;
    const baseRust = x.rust_js_objects();
    let ran = 0;
    const hostile = () => {
      rt.memory.grow(1);
      x.make_and_drop();
      ran++;
    };
    const o = {
      get answer() {
        hostile();
        return 40;
      },
      set label(v) {
        hostile();
        this.seen = v;
      },
      add(a, b) {
        hostile();
        return a + b;
      },
    };
    const bytes = rt.memory.buffer.byteLength;
    eq(x.hostile_accessors(o, "grüß 𝄞"), 45, "getter 40 + method 2 + 3");
    eq(o.seen, "grüß 𝄞", "the setter got the string decoded before it ran");
    eq(ran, 3, "getter, setter and method each ran their code once");
    eq(rt.memory.buffer.byteLength >= bytes + 3 * 65536, true, "memory grew inside the accesses");
    eq(rt.census().jsObjects, base, "JS census back");
    eq(x.rust_js_objects(), baseRust, "Rust census back");
    const plain = { answer: 1, set label(v) { this.seen = v; }, add: (a, b) => a + b };
    eq(x.hostile_accessors(plain, "ok"), 6, "the instance is not poisoned");
  },
  objects(x, rt) {
    const o = { answer: 41 };
    const base = rt.census().jsObjects;
    eq(x.bump_answer(o), 42, "export reads a property of a JsObject argument");
    eq(o.answer, 42, "and its write is seen by JS");
    eq(x.echo_object(o), o, "a JsObject comes back as the same object (===)");
    eq(x.maybe_object(null), null, "Option<JsObject> None");
    eq(x.maybe_object(o), o, "Option<JsObject> Some");
    eq(rt.census().jsObjects, base, "nothing held after the calls");
    const f = () => 7;
    eq(x.echo_object(f), f, "functions are objects too");
    throws(() => x.echo_object(5), TypeError, ["echo_object: argument 1 (o)", "object"], "number for JsObject");
    throws(() => x.echo_object(null), TypeError, ["echo_object"], "null for JsObject");
    throws(() => x.echo_object("s"), TypeError, ["echo_object"], "string for JsObject");
    eq(rt.census().jsObjects, base, "nothing leaked by the failed calls");
    eq(x.same_object(o, o), true, "the same object twice: one handle");
    eq(x.same_object(o, {}), false, "two objects: two handles");
    eq(rt.census().jsObjects, base, "nothing held after identity checks");
  },
  poison(x, rt) {
    eq(x.fine(), 1, "before the panic");
    eq(rt.poisoned, null, "not poisoned yet");
    let err;
    const printed = captureConsoleError(() => {
      try {
        x.explode("x");
      } catch (e) {
        err = e;
      }
    });
    if (err === undefined) fail("explode did not throw");
    eq(err.name, "SlotwireError", "error class");
    if (!err.message.startsWith("instance poisoned by panic: kaboom: x")) fail(`message: ${err.message}`);
    if (!printed.includes("kaboom: x")) fail(`console_error_panic_hook did not print the panic: ${printed}`);
    if (!rt.poisoned.includes("kaboom: x")) fail(`rt.poisoned: ${rt.poisoned}`);
    throwsNamed(() => x.fine(), "SlotwireError", ["instance poisoned by panic: kaboom: x"], "later call");
    throwsNamed(() => x.fine(1), "TypeError", ["expected 0 arguments"], "arity is still checked first");
  },
  poisonByBind(x) {
    throwsNamed(() => x.call_missing_import(), "SlotwireError",
      ["instance poisoned by panic: import `t#noSuchFunction` failed:", "noSuchFunction"], "bind failure");
    throwsNamed(() => x.call_missing_import(), "SlotwireError", ["instance poisoned"], "later call");
  },
  poisonByImport(x, rt) {
    throwsNamed(() => x.call_throwing_import(), "SlotwireError",
      ["instance poisoned by panic: import `t#throwError` failed: Error: thrown from JS"], "import throw");
    throwsNamed(() => x.call_throwing_import(), "SlotwireError", ["instance poisoned"], "later call");
  },
  noAllocations(x) {
    for (let i = 0; i < 10; i++) {
      x.add(i, 1);
      x.echo_f64(i);
      x.nothing();
      x.str_len("warm");
      x.flag(true);
    }
    const before = x.alloc_count();
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      sum += x.add(i, 1);
      sum += x.echo_f64(i * 0.5);
      x.nothing();
      sum += x.str_len("borrowed, not copied");
      if (x.flag(i % 2 === 0)) sum += 1;
      sum += Number(x.echo_u64(BigInt(i)));
    }
    const after = x.alloc_count();
    eq(after - before, 0, `allocations during 60,000 export calls (sum ${sum})`);
    if (sum <= 0) fail("the calls did not run");
  },
  integers(x) {
    roundTrip(x.echo_i32, I32, "echo_i32");
    roundTrip(x.echo_u32, [0, 1, 4294967295, 2147483648], "echo_u32");
    roundTrip(x.echo_i16, [0, -1, -32768, 32767], "echo_i16");
    roundTrip(x.echo_u16, [0, 65535], "echo_u16");
    roundTrip(x.echo_i8, [0, -1, -128, 127], "echo_i8");
    roundTrip(x.echo_u8, [0, 1, 255], "echo_u8");
    roundTrip(x.echo_usize, [0, 4294967295], "echo_usize");
    roundTrip(x.echo_isize, [0, -1, -2147483648, 2147483647], "echo_isize");
    eq(x.echo_i32(-0), 0, "echo_i32(-0) is 0");
    eq(x.describe_i32(-2147483648), "-2147483648", "Rust sees i32::MIN");
    eq(x.describe_u32(4294967295), "4294967295", "Rust sees u32::MAX");
    eq(x.describe_i8(-128), "-128", "Rust sees i8::MIN");
  },
  integersBad(x) {
    throws(() => x.echo_u8(300), RangeError, ["echo_u8: argument 1 (v)", "300", "u8"], "u8 300");
    throws(() => x.echo_u8(-1), RangeError, ["echo_u8", "-1"], "u8 -1");
    throws(() => x.echo_i8(128), RangeError, ["echo_i8"], "i8 128");
    throws(() => x.echo_i32(2147483648), RangeError, ["echo_i32"], "i32 2^31");
    throws(() => x.echo_i32(NaN), RangeError, ["echo_i32", "NaN"], "i32 NaN");
    throws(() => x.echo_i32(1.5), RangeError, ["echo_i32", "1.5"], "i32 1.5");
    throws(() => x.echo_i32(Infinity), RangeError, ["echo_i32"], "i32 Infinity");
    throws(() => x.echo_u32(-1), RangeError, ["echo_u32"], "u32 -1");
    throws(() => x.echo_u16(65536), RangeError, ["echo_u16"], "u16 65536");
    throws(() => x.echo_i32("5"), TypeError, ["echo_i32: argument 1 (v)", "string"], "i32 string");
    throws(() => x.echo_i32(5n), TypeError, ["bigint"], "i32 bigint");
    throws(() => x.echo_i32(null), TypeError, ["null"], "i32 null");
    throws(() => x.echo_i32(true), TypeError, ["boolean"], "i32 bool");
    throws(() => x.echo_i32({}), TypeError, ["object"], "i32 object");
  },
  bools(x) {
    roundTrip(x.echo_bool, [true, false], "echo_bool");
    eq(x.not(true), false, "not(true)");
    throws(() => x.echo_bool(1), TypeError, ["echo_bool", "number 1"], "bool 1");
    throws(() => x.echo_bool("true"), TypeError, ["echo_bool"], "bool string");
    throws(() => x.echo_bool(undefined), TypeError, ["echo_bool"], "bool undefined");
  },
  floats(x) {
    roundTrip(x.echo_f64, [0, -0, 1.5, -1, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON], "echo_f64");
    eq(x.f64_bits(-0), 0x8000000000000000n, "Rust sees -0.0 bits");
    eq(x.f64_bits(Infinity), 0x7ff0000000000000n, "Rust sees +inf bits");
    roundTrip(x.echo_f32, [0, -0, 1.5, NaN, Infinity, -Infinity, Math.fround(3.4028234663852886e38)], "echo_f32");
    eq(x.echo_f32(0.1), Math.fround(0.1), "f32 rounds 0.1");
    throws(() => x.echo_f32(1e39), RangeError, ["echo_f32", "f32"], "f32 overflow");
    throws(() => x.echo_f64("1"), TypeError, ["echo_f64"], "f64 string");
    throws(() => x.echo_f64(1n), TypeError, ["echo_f64"], "f64 bigint");
  },
  bigints(x) {
    roundTrip(x.echo_i64, [0n, -1n, -(2n ** 63n), 2n ** 63n - 1n], "echo_i64");
    roundTrip(x.echo_u64, [0n, 2n ** 64n - 1n], "echo_u64");
    eq(x.echo_i64(5), 5n, "i64 accepts a safe-integer number");
    eq(x.describe_i64(-(2n ** 63n)), "-9223372036854775808", "Rust sees i64::MIN");
    eq(x.describe_u64(2n ** 64n - 1n), "18446744073709551615", "Rust sees u64::MAX");
    throws(() => x.echo_i64(2n ** 63n), RangeError, ["echo_i64", "i64"], "i64 2^63");
    throws(() => x.echo_u64(-1n), RangeError, ["echo_u64"], "u64 -1");
    throws(() => x.echo_u64(2n ** 64n), RangeError, ["echo_u64"], "u64 2^64");
    throws(() => x.echo_i64(2 ** 53), RangeError, ["safe integer"], "i64 unsafe number");
    throws(() => x.echo_i64("1"), TypeError, ["echo_i64"], "i64 string");
  },
  i64AsNumber(x) {
    const max = Number.MAX_SAFE_INTEGER;
    roundTrip(x.echo_i64n, [0, -1, 1, max, -max, 2 ** 32, -(2 ** 32), 2 ** 32 + 1], "echo_i64n");
    roundTrip(x.echo_u64n, [0, 1, max, 2 ** 32], "echo_u64n");
    eq(x.describe_i64n(-max), "-9007199254740991", "Rust sees -(2^53-1)");
    eq(typeof x.echo_i64n(3), "number", "i64n result is a number");
    throws(() => x.echo_i64n(2 ** 53), RangeError, ["echo_i64n: argument 1 (v)", "safe integer"], "2^53");
    throws(() => x.echo_i64n(-(2 ** 53)), RangeError, ["echo_i64n"], "-2^53");
    throws(() => x.echo_i64n(NaN), RangeError, ["echo_i64n"], "NaN");
    throws(() => x.echo_i64n(0.5), RangeError, ["echo_i64n"], "0.5");
    throws(() => x.echo_u64n(-1), RangeError, ["echo_u64n"], "u64n -1");
    throws(() => x.echo_i64n("1"), TypeError, ["echo_i64n"], "string");
    // Rust → JS: a value beyond 2^53 cannot become a number.
    throws(() => x.i64n_from_bits(2n ** 53n), RangeError, ["i64n_from_bits: result", "safe integer"], "result 2^53");
    eq(x.i64n_from_bits(-(2n ** 53n - 1n)), -max, "result -(2^53-1)");
  },
  chars(x) {
    roundTrip(x.echo_char, ["a", "é", "𝄞", "\0", "\u{10FFFF}"], "echo_char");
    eq(x.char_code("𝄞"), 0x1d11e, "Rust sees U+1D11E");
    eq(x.echo_char("\uD800"), "\uFFFD", "lone surrogate char → U+FFFD");
    throws(() => x.echo_char("ab"), TypeError, ["echo_char", "one character"], "two chars");
    throws(() => x.echo_char(""), TypeError, ["echo_char"], "empty");
    throws(() => x.echo_char(65), TypeError, ["echo_char"], "number");
  },
  strings(x) {
    const samples = ["", "a", "hello", "héllo wörld", "𝄞", "a𝄞b", "\uFEFFbom", "\0nul\0", "x".repeat(15),
      "x".repeat(16), "x".repeat(17), "y".repeat(64), "y".repeat(65), "日本語テキスト".repeat(20)];
    roundTrip(x.echo_string, samples, "echo_string");
    roundTrip(x.echo_str, samples, "echo_str");
    eq(x.str_len("𝄞"), 4, "𝄞 is 4 UTF-8 bytes in Rust");
    eq(x.str_len("héllo"), 6, "héllo is 6 bytes");
    eq(x.utf8_hex("\uD800"), "efbfbd", "lone high surrogate → U+FFFD");
    eq(x.utf8_hex("a\uDC00b"), "61efbfbd62", "lone low surrogate → U+FFFD");
    eq(x.echo_string("x\uD800y"), "x\uFFFDy", "lone surrogate round trip");
    eq(x.concat("ab", "cd"), "abcd", "two &str arguments");
    eq(x.concat("é".repeat(10), "𝄞"), "é".repeat(10) + "𝄞", "two non-ASCII arguments");
    throws(() => x.echo_str(5), TypeError, ["echo_str: argument 1 (s)", "string"], "number for &str");
    throws(() => x.echo_string(null), TypeError, ["echo_string"], "null for String");
  },
  bigStrings(x) {
    const mib = 1 << 20;
    const ascii = "abcdefgh".repeat(mib / 8);
    eq(x.echo_string(ascii), ascii, "1 MiB ASCII round trip");
    eq(x.str_len(ascii), mib, "1 MiB ASCII length in Rust");
    const mixed = "aé𝄞".repeat(mib / 7);
    eq(x.echo_str(mixed), mixed, "mixed ~1 MiB round trip");
    const made = x.make_string(mib);
    eq(made.length, mib, "1 MiB string from Rust");
    eq(made[mib - 1], "z", "its last byte");
  },
  dates(x) {
    for (const t of [0, 1, -1, 1700000000123, -86400000, 8.64e15, -8.64e15]) {
      eq(x.echo_date(new Date(t)).getTime(), t, `echo_date(${t})`);
      if (t >= 0) eq(x.echo_time(new Date(t)).getTime(), t, `echo_time(${t})`);
    }
    // std's SystemTime on wasm32-unknown-unknown cannot go before 1970: a clear RangeError.
    throws(() => x.echo_time(new Date(-1)), RangeError, ["echo_time: argument 1 (v)", "SystemTime"], "pre-1970 SystemTime");
    eq(x.date_millis(new Date(1234)), 1234, "Rust sees the millis");
    eq(x.echo_date(new Date(1.7)).getTime(), 1, "sub-ms are dropped (as JS does)");
    throws(() => x.echo_date(new Date(NaN)), RangeError, ["echo_date", "Invalid Date"], "invalid date");
    throws(() => x.echo_date(0), TypeError, ["echo_date", "Date"], "number for Date");
    throws(() => x.echo_date("2020-01-01"), TypeError, ["echo_date"], "string for Date");
  },
  options(x) {
    eq(x.echo_opt_i32(5), 5, "Some(5)");
    eq(x.echo_opt_i32(null), null, "null → None → null");
    eq(x.echo_opt_i32(undefined), null, "undefined → None → null");
    eq(x.echo_opt_i32(), null, "missing trailing Option → None");
    eq(x.echo_opt_string("hi"), "hi", "Some string");
    eq(x.echo_opt_string(null), null, "None string");
    eq(x.echo_opt_string(""), "", "Some empty string is not None");
    eq(x.opt_str_len(null), null, "Option<&str> None");
    eq(x.opt_str_len("abc"), 3, "Option<&str> Some");
    eq(x.echo_opt_f64(NaN), NaN, "Some(NaN) is not None");
    eq(x.echo_opt_f64(null), null, "None f64");
    eq(x.echo_opt_bool(false), false, "Some(false) is not None");
    eq(x.echo_opt_char("𝄞"), "𝄞", "Some char");
    eq(x.echo_opt_i64n(-7), -7, "Some i64 number");
    eq(x.echo_opt_i64(null), null, "None i64");
    eq(x.echo_opt_i64(2n), 2n, "Some i64 bigint");
    eq(x.echo_opt_date(null), null, "None date");
    eq(x.echo_opt_date(new Date(5)).getTime(), 5, "Some date");
    eq(x.is_some(0), true, "0 is Some");
    eq(x.is_some(null), false, "null is None");
    throws(() => x.echo_opt_i32("5"), TypeError, ["echo_opt_i32"], "Option<i32> string");
    throws(() => x.echo_opt_i32(1.5), RangeError, ["echo_opt_i32"], "Option<i32> 1.5");
  },
  unitAndArity(x) {
    eq(x.unit(), undefined, "unit returns undefined");
    eq(x.add(2, 3), 5, "add");
    eq(x.add.name.replace(/^slot_/, ""), "add", "function name");
    eq(x.add.length, 2, "function length");
    throws(() => x.add(1), TypeError, ["add: argument 2 (b: i32) is missing", "got 1"], "missing arg");
    throws(() => x.add(), TypeError, ["add: argument 1 (a: i32) is missing"], "no args");
    throws(() => x.add(1, 2, 3), TypeError, ["add: expected 2 arguments, got 3"], "too many");
    throws(() => x.unit(1), TypeError, ["unit: expected 0 arguments, got 1"], "unit with arg");
    eq(x.optional_tail(1), 1, "trailing Option omitted");
    eq(x.optional_tail(1, 2), 3, "trailing Option given");
    throws(() => x.optional_tail(), TypeError, ["optional_tail"], "required arg missing");
    throws(() => x.optional_tail(1, 2, 3), TypeError, ["at most 2"], "too many with optional");
    eq(x.sum5(1, 2, 3, 4, 5), 15, "five parameters");
    throws(() => x.sum5(1, 2, 3, 4), TypeError, ["sum5"], "five parameters, one missing");
    throws(() => x.sum5(1, 2, 3, 4, "5"), TypeError, ["sum5: argument 5 (e)"], "fifth bad");
    eq(x.math.mul(6, 7), 42, "namespaced export math.mul");
  },
  errors(x) {
    eq(x.checked_div(10, 2), 5, "Ok result");
    const e = throws(() => x.checked_div(1, 0), Error, ["division by zero"], "Err result");
    eq(e.message, "division by zero", "Err message is e.to_string()");
    eq(x.checked_div(9, 3), 3, "usable after an Err");
    throws(() => x.add(1, "2"), TypeError, ["add: argument 2 (b)"], "bad arg");
    eq(x.add(1, 2), 3, "usable after a TypeError");
    throws(() => x.echo_u8(256), RangeError, [], "range");
    eq(x.echo_u8(255), 255, "usable after a RangeError");
  },
  reentrancy(x) {
    // An export calling an import that calls back into exports, with strings on both levels.
    eq(x.call_back_in("outer"), "outer|INNER|outer", "nested frames keep the outer &str intact");
  },
  frameOverflow(x) {
    // Arguments larger than the frame area go into separate blocks, freed after the call.
    const big = "é".repeat(100000);
    for (let i = 0; i < 20; i++) eq(x.str_len(big), 200000, `big arg ${i}`);
    eq(x.concat(big, big).length, 200000, "two big args");
  },
};

/** The async checks, as a promise Rust awaits. */
export function runAsyncCheck(rt) {
  return asyncChecks(rt.exports, rt);
}

export function runCheck(rt, name) {
  // "check@slot" runs the check against the slot_-prefixed exports where they exist (the slot path
  // of the same signatures, see slot_path in tests/exports.rs).
  const [base, variant] = name.split("@");
  const c = checks[base];
  if (c === undefined) throw new Error(`no JS check named ${base}`);
  let x = rt.exports;
  if (variant === "slot") {
    x = new Proxy(rt.exports, { get: (t, k) => (typeof k === "string" && t[`slot_${k}`]) || t[k] });
  }
  c(x, rt);
}

// The JS half of tests/tests/json.rs: the functions Rust calls through the JSON baseline
// (`globalThis.jsonTest`), a log of the JSON texts that cross, and checks that drive the JS-side
// API (`__slotwire_json()`: invokeMethod, invokeMethodAsync, object references) from JS.

let api = null;
let parseLog = null;
let stringifyLog = null;
const realParse = JSON.parse;
const realStringify = JSON.stringify;

/** Whether the JSON call being recorded comes from the baseline (json-baseline.js), not from the
 * test runner (the browser runner reports its output with JSON.stringify too). */
function fromBaseline() {
  return String(new Error().stack).includes("json-baseline");
}

/** Starts recording every JSON.parse / JSON.stringify text of the baseline (both directions). */
export function jsonLogStart() {
  parseLog = [];
  stringifyLog = [];
  JSON.parse = function (text, reviver) {
    if (parseLog !== null && fromBaseline()) parseLog.push(String(text));
    return realParse.call(JSON, text, reviver);
  };
  JSON.stringify = function (value, replacer, space) {
    const s = realStringify.call(JSON, value, replacer, space);
    if (stringifyLog !== null && typeof s === "string" && fromBaseline()) stringifyLog.push(s);
    return s;
  };
}

/** Stops recording; returns `{"parsed": [...], "stringified": [...]}` as JSON. */
export function jsonLogStop() {
  JSON.parse = realParse;
  JSON.stringify = realStringify;
  const out = realStringify({ parsed: parseLog, stringified: stringifyLog });
  parseLog = null;
  stringifyLog = null;
  return out;
}

function fail(msg) {
  throw new Error(msg);
}

function eq(actual, expected, what) {
  const a = realStringify(actual);
  const e = realStringify(expected);
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

function throwsWith(f, fragments, what) {
  let err;
  try {
    f();
  } catch (e) {
    err = e;
  }
  if (err === undefined) fail(`${what}: nothing was thrown`);
  for (const frag of [].concat(fragments)) {
    if (!String(err.message).includes(frag)) fail(`${what}: message ${realStringify(err.message)} lacks ${realStringify(frag)}`);
  }
  return err;
}

async function rejectsWith(p, fragments, what) {
  let err;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  if (err === undefined) fail(`${what}: the promise did not reject`);
  for (const frag of [].concat(fragments)) {
    if (!String(err.message).includes(frag)) fail(`${what}: message ${realStringify(err.message)} lacks ${realStringify(frag)}`);
  }
  return err;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let lookups = 0;
const recorded = [];
let heldRustObject = null;
let lastRef = null;

function makeCounterObject(start) {
  return {
    count: start,
    increment(by) {
      this.count += by;
      return this.count;
    },
    async incrementLater(by) {
      await sleep(1);
      this.count += by;
      return this.count;
    },
    nested: { label: () => "nested" },
  };
}

const jsonTest = {
  add: (a, b) => a + b,
  concat: (...parts) => parts.join(""),
  argCount: (...args) => args.length,
  typeOfArgs: (...args) => args.map((a) => (a === null ? "null" : Array.isArray(a) ? "array" : typeof a)).join(","),
  echo: (x) => x,
  swap: (p) => ({ x: p.y, y: p.x, label: p.label === null ? null : p.label.toUpperCase() }),
  range: (n) => Array.from({ length: n }, (_, i) => i * i),
  nothing: () => undefined,
  nullValue: () => null,
  maybe: (x) => (x > 0 ? x : undefined),
  record: (x) => {
    recorded.push(x);
    return 10n; // not JSON-serializable: a void call must not look at it
  },
  recorded: () => recorded.splice(0),
  throwTypeError: function throwTypeError(msg) {
    throw new TypeError(msg);
  },
  throwString: () => {
    throw "a plain string"; // eslint-disable-line no-throw-literal
  },
  notAFunction: 42,
  defineLate: () => {
    jsonTest.lateBound = () => "late";
  },
  cycle: () => {
    const o = { a: 1 };
    o.self = o;
    return o;
  },
  bigint: () => 12345678901234567890n,
  bigintInside: () => ({ n: 1n }),
  seven: () => "seven",
  nan: () => NaN,
  delay: (ms, value) => sleep(ms).then(() => value),
  reject: async (msg) => {
    await sleep(1);
    throw new RangeError(msg);
  },
  rejectLater: (msg) => Promise.reject(new Error(msg)),
  promiseOfCycle: async () => jsonTest.cycle(),
  // Object references
  makeCounterRef: (start) => (lastRef = api.createJSObjectReference(makeCounterObject(start))),
  disposeLastRef: () => api.disposeJSObjectReference(lastRef),
  makeCounterPlain: (start) => makeCounterObject(start),
  makeTwo: () => ({ a: api.createJSObjectReference(makeCounterObject(1)), b: api.createJSObjectReference(makeCounterObject(2)) }),
  countOf: (obj) => obj.count,
  isSame: (a, b) => a === b,
  census: () => api.census(),
  // Rust object references
  useRustCounter: (counter, by) => {
    if (typeof counter.invokeMethod !== "function") fail("a Rust object reference arrives with invokeMethod");
    const first = counter.invokeMethod("add", by);
    const second = counter.invokeMethod("add", by);
    return [first, second];
  },
  holdRustObject: (obj) => {
    heldRustObject = obj;
  },
  useHeldRustObject: (by) => heldRustObject.invokeMethod("add", by),
  disposeHeldRustObject: () => heldRustObject.dispose(),
  useHeldAfterDispose: () => {
    try {
      heldRustObject.invokeMethod("add", 1);
    } catch (e) {
      return e.message;
    }
    return "no error";
  },
  rustObjectAsync: async (obj) => {
    const a = await obj.invokeMethodAsync("addLater", 3);
    const b = await obj.invokeMethodAsync("add", 4); // a sync method, asynchronously
    return [a, b];
  },
  passBack: (obj) => obj,
  // Byte arrays
  describeBytes: (b) => {
    if (!(b instanceof Uint8Array)) fail(`expected a Uint8Array, got ${Object.prototype.toString.call(b)}`);
    let sum = 0;
    for (const x of b) sum += x;
    return `${b.length}:${sum}:${b[0] ?? -1}:${b[b.length - 1] ?? -1}`;
  },
  bytesInside: (o) => `${o.name}:${o.data instanceof Uint8Array}:${o.data.length}:${o.more.length}`,
  makeBytes: (n) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = i & 0xff;
    return b;
  },
  makeTwoBytes: () => ({ first: new Uint8Array([1, 2, 3]), second: new Uint8Array(0), label: "two" }),
  makeBytesLater: async (n) => {
    await sleep(1);
    return [jsonTest.makeBytes(n), "tail"];
  },
  // JS → Rust, called from Rust → JS: reentrancy
  callRust: (method, ...args) => api.invokeMethod("e2e", method, ...args),
};

Object.defineProperty(jsonTest, "counted", {
  get() {
    lookups += 1;
    return (x) => x + 1;
  },
});
jsonTest.lookups = () => lookups;

/** Installs `globalThis.jsonTest` and keeps the API object for the functions that use it. */
export function installJsonTest(jsonApi) {
  api = jsonApi;
  globalThis.jsonTest = jsonTest;
}

// ---- Checks of the JS-side API, run by name from Rust. Async ones return a Promise. ----

const checks = {
  invokeMethod(json) {
    eq(json.invokeMethod("e2e", "add", 2, 3), 5, "add");
    eq(json.invokeMethod("e2e", "greet", "wörld 𝄞"), "Hello, wörld 𝄞!", "non-ASCII string");
    eq(json.invokeMethod("e2e", "swap", { x: 1, y: 2, label: "p" }), { x: 2, y: 1, label: "P" }, "struct");
    eq(json.invokeMethod("e2e", "swap", { x: 1.5, y: -0.25, label: null }), { x: -0.25, y: 1.5, label: null }, "Option None");
    eq(json.invokeMethod("e2e", "sum", [1, 2, 3, 4]), 10, "Vec argument");
    eq(json.invokeMethod("e2e", "noArgs"), "none", "no arguments");
    eq(json.invokeMethod("e2e", "unit", 1), null, "unit result is null");
    eq(json.invokeMethod("e2e", "maybe", -1), null, "None result");
    eq(json.invokeMethod("e2e", "maybe", 4), 4, "Some result");
    const big = "é".repeat(50000);
    eq(json.invokeMethod("e2e", "greet", big).length, big.length + 8, "a large string");
    // Unknown methods and bad arguments: JS Errors naming what is wrong.
    throwsWith(() => json.invokeMethod("e2e", "missing"), ["'e2e'", "'missing'"], "unknown method");
    throwsWith(() => json.invokeMethod("nope", "add", 1, 2), ["'nope'"], "unknown assembly");
    throwsWith(() => json.invokeMethod("e2e", "add", 1, "2"), ["e2e.add", "cannot deserialize the arguments"], "bad argument");
    throwsWith(() => json.invokeMethod("e2e", "add", 1), ["e2e.add"], "missing argument");
    throwsWith(() => json.invokeMethod("e2e", "parse", "x"), ["e2e.parse", "invalid digit"], "Err result");
    eq(json.invokeMethod("e2e", "parse", "12"), 12, "Ok result");
    throwsWith(() => json.invokeMethod("e2e", "later", 1), ["e2e.later is async", "invokeMethodAsync"], "async method called synchronously");
    // Values JSON cannot hold: a clear error, and the instance stays usable.
    const o = { a: 1 };
    o.self = o;
    throwsWith(() => json.invokeMethod("e2e", "echo", o), ["cannot serialize the arguments", "circular"], "cycle");
    throwsWith(() => json.invokeMethod("e2e", "echo", 5n), ["cannot serialize the arguments", "BigInt"], "BigInt");
    throwsWith(() => json.invokeMethod("e2e", "echo", { n: 5n }), ["BigInt"], "nested BigInt");
    eq(json.invokeMethod("e2e", "add", 1, 1), 2, "usable afterwards");
    // A Rust result that does not serialize.
    throwsWith(() => json.invokeMethod("e2e", "badResult"), ["e2e.badResult", "cannot serialize the result"], "bad result");
    // Reentrancy: Rust calls JS which calls Rust again.
    eq(json.invokeMethod("e2e", "viaJs", 20), 42, "JS → Rust → JS → Rust");
  },

  async invokeMethodAsync(json) {
    eq(await json.invokeMethodAsync("e2e", "later", 21), 42, "async method");
    eq(await json.invokeMethodAsync("e2e", "add", 2, 2), 4, "sync method, asynchronously");
    eq(await json.invokeMethodAsync("e2e", "awaitsJs", 5), 15, "an async method awaiting a JS Promise");
    await rejectsWith(json.invokeMethodAsync("e2e", "missing"), ["'missing'"], "unknown method");
    await rejectsWith(json.invokeMethodAsync("e2e", "add", "x", 1), ["e2e.add", "cannot deserialize"], "bad arguments");
    await rejectsWith(json.invokeMethodAsync("e2e", "checkLater", -3), ["e2e.checkLater", "-3 is negative"], "async Err");
    eq(await json.invokeMethodAsync("e2e", "checkLater", 3), 3, "async Ok");
    const o = [];
    o.push(o);
    await rejectsWith(json.invokeMethodAsync("e2e", "later", o), ["circular"], "cycle");
    const both = await Promise.all([json.invokeMethodAsync("e2e", "later", 1), json.invokeMethodAsync("e2e", "later", 2)]);
    eq(both, [2, 4], "two at once");
    const bytes = await json.invokeMethodAsync("e2e", "reverseLater", new Uint8Array([1, 2, 3]));
    if (!(bytes instanceof Uint8Array)) fail("bytes from an async method arrive as a Uint8Array");
    eq(Array.from(bytes), [3, 2, 1], "async bytes");
    eq(json.census().pendingCalls, 0, "no pending calls left");
  },

  rustObjects(json) {
    const counter = json.invokeMethod("e2e", "newCounter", 10);
    if (typeof counter.invokeMethod !== "function") fail("a Rust object reference from a method result");
    eq(counter.invokeMethod("add", 5), 15, "instance method");
    eq(json.invokeMethod("e2e", "counterValue", counter), 15, "passed back to Rust: the same object");
    throwsWith(() => counter.invokeMethod("nope"), ["has no method 'nope'"], "unknown instance method");
    const before = json.census().rustObjects;
    counter.dispose();
    eq(json.census().rustObjects, before - 1, "dispose releases it");
    throwsWith(() => counter.invokeMethod("add", 1), ["does not exist", "disposed"], "use after dispose");
    throwsWith(() => json.invokeMethod("e2e", "counterValue", counter), ["does not exist"], "passing a disposed one");
  },

  bytes(json) {
    const b = json.invokeMethod("e2e", "reverse", new Uint8Array([1, 2, 3, 250]));
    if (!(b instanceof Uint8Array)) fail(`expected a Uint8Array, got ${Object.prototype.toString.call(b)}`);
    eq(Array.from(b), [250, 3, 2, 1], "reversed");
    eq(json.invokeMethod("e2e", "byteStats", { name: "x", data: new Uint8Array(1 << 20).fill(2), more: new Uint8Array(0) }),
      "x:1048576:2097152:0", "a struct with two byte arrays, one of 1 MiB");
    eq(json.invokeMethod("e2e", "byteLen", [1, 2, 3]), 3, "a plain array of numbers is accepted");
  },
};

export function runJsonCheck(jsonApi, name) {
  const c = checks[name];
  if (c === undefined) throw new Error(`no JSON check named ${name}`);
  return c(jsonApi);
}

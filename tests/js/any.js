// The JS half of tests/tests/any.rs: functions the JsAny imports call (module "any"), and checks
// against rt.exports.

const theObject = { name: "the object" };
const theFunction = (x) => x * 2 + 1;
const theTyped = new Uint8Array([1, 2, 3]);

/** A canonical description of a JS value (tests/tests/any.rs `kind` makes the same of a JsAny). */
export function kind(v) {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  switch (typeof v) {
    case "boolean":
      return `boolean:${v}`;
    case "number":
      return `number:${Object.is(v, -0) ? "-0" : String(v)}`;
    case "bigint":
      return `bigint:${v}`;
    case "string":
      return `string:${v}`;
    case "function":
      return v === theFunction ? "theFunction" : "function";
    default:
      break;
  }
  if (v instanceof Date) return `Date:${v.getTime()}`;
  if (Array.isArray(v)) return `[${v.map(kind).join(",")}]`;
  if (v === theObject) return "theObject";
  if (v === theTyped) return "theTyped";
  return "object";
}

const makers = {
  undefined: () => undefined,
  null: () => null,
  bool: () => true,
  number: () => -1.5,
  nan: () => NaN,
  negzero: () => -0,
  infinity: () => -Infinity,
  bigint: () => -(2n ** 63n),
  string: () => "grüß 𝄞",
  date: () => new Date(1700000000123),
  array: () => [1, "a", [null, undefined, [true]], theObject, theFunction, 5n, new Date(0), []],
  object: () => theObject,
  function: () => theFunction,
  typed: () => theTyped,
  symbol: () => Symbol("nope"),
  huge: () => 2n ** 70n,
  badNested: () => [theObject, [theFunction, Symbol("deep")]],
};

const anyModule = {
  echo: (v) => v,
  kind,
  make: (k) => {
    const m = makers[k];
    if (m === undefined) throw new Error(`no maker ${k}`);
    return m();
  },
  later: (v) => new Promise((resolve) => setTimeout(() => resolve(v), 1)),
  laterBad: () => Promise.resolve(Symbol("late")),
};

export function registerAnyModule(rt) {
  rt.importModule("any", anyModule);
}

function fail(msg) {
  throw new Error(msg);
}

function eq(actual, expected, what) {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
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

const values = () => [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  1.5,
  NaN,
  Infinity,
  2 ** 53,
  -(2n ** 63n),
  2n ** 63n - 1n,
  "",
  "grüß 𝄞",
  new Date(-1),
  [],
  [1, [2, [3, ["x"]]]],
  theObject,
  theFunction,
  theTyped,
  [theObject, [theFunction, theTyped], null],
];

export function runAnyCheck(rt, name) {
  const x = rt.exports;
  const checks = {
    // Export arguments (JS → Rust) and results (Rust → JS), every variant.
    exports() {
      for (const v of values()) {
        eq(x.any_kind(v), kind(v), `export argument ${kind(v)}`);
        eq(kind(x.any_echo(v)), kind(v), `echo ${kind(v)}`);
      }
      eq(x.any_echo(theObject), theObject, "an object comes back ===");
      eq(x.any_echo(theFunction), theFunction, "a function comes back ===");
      const arr = x.any_echo([theObject, [theFunction]]);
      eq(arr[0] === theObject && arr[1][0] === theFunction, true, "objects inside arrays come back ===");
      const made = {
        undefined: "undefined",
        null: "null",
        bool: "boolean:false",
        number: "number:0.25",
        bigint: "bigint:-9223372036854775808",
        string: "string:héllo",
        date: "Date:86400000",
        array: "[number:1,[string:two,null],undefined,theObject]",
        object: "theObject",
        function: "theFunction",
      };
      for (const [k, want] of Object.entries(made)) eq(kind(x.any_make(k)), want, `Rust-made ${k}`);
      eq(kind(x.any_vec([1, "a", theObject])), "[theObject,string:a,number:1]", "Vec<JsAny> reversed");
      eq(x.any_vec([]).length, 0, "empty Vec<JsAny>");
      eq(x.any_opt(null), null, "Option<JsAny>: null is None, back as null");
      eq(x.any_opt(undefined), null, "Option<JsAny>: undefined is None too");
      eq(x.any_opt(), null, "Option<JsAny>: left out");
      eq(x.any_opt(3), 3, "Option<JsAny>: Some");
      eq(x.any_call(theFunction, 20), 41, "a JS function as JsAny::Function, called from Rust");
      throwsWith(() => x.any_call(theObject, 1), Error, "not a function", "calling a non-function");
    },
    bad() {
      throwsWith(() => x.any_echo(Symbol("s")), TypeError, "symbol", "a symbol");
      throwsWith(() => x.any_echo(2n ** 70n), RangeError, "argument 1", "a bigint beyond i64");
      throwsWith(() => x.any_echo([theObject, [theFunction, Symbol()]]), TypeError, "[1][1]", "a symbol deep inside");
      throwsWith(() => x.any_vec([theObject, 2n ** 64n]), RangeError, "[1]", "a bigint inside a Vec<JsAny>");
      const cyclic = [1];
      cyclic.push(cyclic);
      throwsWith(() => x.any_echo(cyclic), TypeError, "cycle", "a cyclic array");
      eq(x.any_kind([1]), "[number:1]", "usable after errors");
    },
    roundTrips() {
      for (let i = 0; i < 10000; i++) {
        const back = x.any_echo([theObject, [theFunction, "s", i], { fresh: i }]);
        if (back[0] !== theObject || back[1][0] !== theFunction || back[1][2] !== i || back[2].fresh !== i) {
          fail(`round trip ${i}: ${kind(back)}`);
        }
      }
    },
  };
  const c = checks[name];
  if (c === undefined) fail(`no any check ${name}`);
  c();
}

/** Async exports of JsAny: a promise of any value. */
export async function runAnyAsync(rt) {
  const x = rt.exports;
  for (const v of values()) {
    const back = await x.any_later(v);
    eq(kind(back), kind(v), `promise of ${kind(v)}`);
  }
  eq(await x.any_later(theObject), theObject, "a promise of an object resolves to it ===");
  let threw = null;
  try {
    await x.any_later(Symbol("p"));
  } catch (e) {
    threw = e;
  }
  if (!(threw instanceof TypeError)) fail(`a symbol to an async export: ${threw}`);
  return "ok";
}

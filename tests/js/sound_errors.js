// The JS half of tests/tests/sound_errors.rs (issue 9: F8, F11, F14, F15, F16). Functions the
// imports call (module "sound") and checks against rt.exports, run by name from Rust.

function fail(msg) {
  throw new Error(msg);
}

/** Calls `f`; it must throw an instance of `cls` whose message contains every one of `texts`. */
function throwsWith(f, cls, texts, what) {
  let e;
  try {
    f();
  } catch (x) {
    e = x;
  }
  if (e === undefined) fail(`${what}: did not throw`);
  if (!(e instanceof Error)) fail(`${what}: threw a non-Error ${typeof e}`);
  if (!(e instanceof cls)) fail(`${what}: expected ${cls.name}, got ${e.name}: ${e.message}`);
  for (const t of texts) {
    if (!String(e.message).includes(t)) fail(`${what}: message ${JSON.stringify(e.message)} lacks ${JSON.stringify(t)}`);
  }
  return e;
}

async function rejectsWith(p, cls, texts, what) {
  let e;
  try {
    await p;
  } catch (x) {
    e = x;
  }
  if (e === undefined) fail(`${what}: did not reject`);
  if (!(e instanceof cls)) fail(`${what}: expected ${cls.name}, got ${e && e.name}: ${e && e.message}`);
  for (const t of texts) {
    if (!String(e.message).includes(t)) fail(`${what}: message ${JSON.stringify(e.message)} lacks ${JSON.stringify(t)}`);
  }
  return e;
}

// ---- F8: imports taking a read-only span ------------------------------------------------------

/** Every way a member of a read-only view could write: each must be refused or hit a copy. */
function writeAttempts(v) {
  const attempts = [
    ["typedArray()[0] =", () => { v.typedArray()[0] = 9999; }],
    ["typedArray().set", () => v.typedArray().set([9999])],
    ["typedArray().fill", () => v.typedArray().fill(9999)],
    ["typedArray().copyWithin", () => v.typedArray().copyWithin(0, 1)],
    ["typedArray().subarray()[0] =", () => { v.typedArray().subarray(0)[0] = 9999; }],
    ["typedArray().reverse", () => v.typedArray().reverse()],
    ["typedArray().sort", () => v.typedArray().sort((a, b) => b - a)],
    ["typedArray().buffer", () => {
      const a = v.typedArray();
      new Uint32Array(a.buffer, a.byteOffset, a.length)[0] = 9999;
    }],
    ["slice()[0] =", () => { v.slice()[0] = 9999; }],
    ["set(Array)", () => v.set([9999])],
    ["set(Uint32Array)", () => v.set(new Uint32Array([9999]))],
    ["set(view, 0)", () => v.set(v, 0)],
    ["copyTo(its own typedArray())", () => v.copyTo(v.typedArray())],
  ];
  // Every other member: what it returns, if writable, is written to.
  const proto = Object.getPrototypeOf(v);
  for (const k of Reflect.ownKeys(proto)) {
    if (k === "constructor" || k === "dispose" || k === "set" || k === "copyTo") continue;
    const d = Object.getOwnPropertyDescriptor(proto, k);
    const get = d.get ? () => d.get.call(v) : typeof d.value === "function" ? () => d.value.call(v, 0) : null;
    if (get === null) continue;
    attempts.push([`member ${String(k)}`, () => {
      let r = get();
      if (r !== null && typeof r === "object" && typeof r.next === "function") r = [...r];
      if (ArrayBuffer.isView(r)) r[0] = 9999;
      else if (Array.isArray(r)) r[0] = 9999;
    }]);
  }
  return attempts;
}

/** The 1-based index of the first attempt that changed the view's data; 0 when none did. */
function firstWrite(v) {
  const before = Array.from(v.slice());
  const attempts = writeAttempts(v);
  for (let i = 0; i < attempts.length; i++) {
    try {
      attempts[i][1]();
    } catch {
      // refused
    }
    const now = Array.from(v.slice());
    if (now.some((x, j) => x !== before[j])) return { index: i + 1, name: attempts[i][0], now };
  }
  return null;
}

const kept = { adder: null, joiner: null };

const soundModule = {
  keepClosures(adder, joiner) {
    kept.adder = adder;
    kept.joiner = joiner;
  },
  tryWriteReadOnly(v) {
    if (v.readOnly !== true) return 999;
    const w = firstWrite(v);
    return w === null ? 0 : w.index;
  },
  tryWriteReadOnlySlot(v) {
    if (v.readOnly !== true) return "not read-only";
    const w = firstWrite(v);
    return w === null ? "ok" : `${w.name} wrote: ${JSON.stringify(w.now)}`;
  },
  echo4: (v) => v,
  writeThroughTypedArray(v) {
    v.typedArray()[0] = 9999;
    return 0;
  },
};

export function registerSoundModule(rt) {
  rt.importModule("sound", soundModule);
}

// ---- F11 ------------------------------------------------------------------------------------

/** A Proxy every trap of which counts and throws its own error. */
function hostile() {
  const seen = [];
  const handler = {};
  for (const trap of ["get", "set", "has", "getPrototypeOf", "setPrototypeOf", "ownKeys", "getOwnPropertyDescriptor",
    "defineProperty", "deleteProperty", "isExtensible", "preventExtensions", "apply", "construct"]) {
    handler[trap] = () => {
      seen.push(trap);
      throw new Error(`TRAP ${trap}`);
    };
  }
  return { proxy: new Proxy({}, handler), seen };
}

/** An object whose `constructor` and `Symbol.toStringTag` getters count and throw. */
function getterBomb() {
  const seen = [];
  const o = {
    get constructor() {
      seen.push("constructor");
      throw new Error("GETTER constructor");
    },
    get [Symbol.toStringTag]() {
      seen.push("toStringTag");
      throw new Error("GETTER toStringTag");
    },
  };
  return { proxy: o, seen };
}

function revoked(target) {
  const r = Proxy.revocable(target, {});
  r.revoke();
  return r.proxy;
}

function detachedF64() {
  const a = new Float64Array(4);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  if (a.length !== 0) fail("the array did not detach");
  return a;
}

/** The exports taking one argument, with the name of that argument. */
const ONE_ARG = [
  ["half", "x"],
  ["half_slot", "x"],
  ["year_ms", "d"],
  ["sum_f64", "v"],
  ["sum_span", "v"],
  ["seg_len", "s"],
  ["count_strings", "v"],
];

const checks = {
  describedWithoutUserCode(x) {
    for (const make of [hostile, getterBomb]) {
      for (const [name, arg] of ONE_ARG) {
        const { proxy, seen } = make();
        const e = throwsWith(() => x[name](proxy), TypeError, [`${name}: argument 1 (${arg})`], `${make.name} → ${name}`);
        if (/TRAP|GETTER/.test(e.message)) fail(`${name}: the value's own error surfaced: ${e.message}`);
        if (seen.length !== 0) fail(`${make.name} → ${name}: user code ran: ${seen.join(", ")}`);
      }
    }
    // Inside an array, the element (read by the writer: that is marshalling) is described safely.
    const { proxy, seen } = hostile();
    const e = throwsWith(() => x.count_strings(["a", proxy]), TypeError, ["count_strings: argument 1 (v)[1]"], "element");
    if (seen.length !== 0) fail(`an element's traps ran: ${seen.join(", ")}`);
    if (/TRAP/.test(e.message)) fail(e.message);
  },

  hostileValuesNamed(x, rt) {
    const cases = [
      ["revoked Proxy", () => revoked({})],
      ["revoked Proxy of an Array", () => revoked([])],
      ["revoked Proxy of a Date", () => revoked(new Date(0))],
      ["fake Date", () => Object.create(Date.prototype)],
      ["fake Float64Array", () => Object.create(Float64Array.prototype)],
      ["fake Array", () => Object.create(Array.prototype)],
      ["detached Float64Array", detachedF64],
      ["disposed segment", () => {
        const s = rt.allocSegment("u8", 4);
        s.dispose();
        return s;
      }],
    ];
    for (const [label, make] of cases) {
      for (const [name, arg] of ONE_ARG) {
        const v = make();
        let r;
        let err;
        try {
          r = x[name](v);
        } catch (e) {
          err = e;
        }
        if (err === undefined) fail(`${label} → ${name}: accepted (returned ${String(r)})`);
        if (!(err instanceof TypeError || err instanceof RangeError || (err && err.name === "SlotwireError"))) {
          fail(`${label} → ${name}: threw ${err && err.name}: ${err && err.message}`);
        }
        if (!String(err.message).startsWith(`${name}: argument 1 (${arg})`)) {
          fail(`${label} → ${name}: message does not name function and argument: ${err.message}`);
        }
      }
    }
    // The instance stays usable.
    if (x.half(3) !== 1.5 || x.sum_f64([1, 2]) !== 3 || x.count_strings(["a"]) !== 1) fail("instance not usable afterwards");
  },

  notConstructors(x) {
    if (kept.adder === null) fail("no closures kept");
    const cases = [
      ["fast export", x.add_i32, [1, 2], 3],
      ["slot export", x.add_i32_slot, [1, 2], 3],
      ["async export", x.add_later, [1, 2], null],
      ["fast closure", kept.adder, [1], 11],
      ["slot closure", kept.joiner, [["a", "b"]], "a+b"],
      ["export of a method", x.Tally.total, [x.Tally.create(5)], 5],
    ];
    const t = x.Tally.create(4);
    cases.push(["method of a Rust object", t.total, [], 4, t]);
    for (const [label, f, args, expect, self] of cases) {
      if (typeof f !== "function") fail(`${label}: not a function`);
      throwsWith(() => new f(...args), TypeError, [], `new (${label})`);
      if ("prototype" in f) fail(`${label}: has a prototype property`);
      if (expect !== null) {
        const r = f.apply(self, args);
        if (r !== expect) fail(`${label}: expected ${expect}, got ${r}`);
      }
    }
    throwsWith(() => Reflect.construct(x.add_i32, [1, 2]), TypeError, [], "Reflect.construct");
    if (x.add_i32.name !== "add_i32" || x.add_i32.length !== 2) fail(`name/length: ${x.add_i32.name}/${x.add_i32.length}`);
    t.dispose();
  },

  fourLevels(x) {
    const v = x.vec4_make();
    const s = JSON.stringify(v, (k, a) => (a instanceof Float64Array ? Array.from(a) : a));
    const back = x.vec4_sum(v);
    const expect = v.flat(2).reduce((t, a) => t + a.reduce((u, y) => u + y, 0), 0);
    if (back !== expect) fail(`vec4_sum(vec4_make()) = ${back}, expected ${expect} (${s})`);
    if (x.vec4_sum([[[[1, 2]], [[3]]], [[[4.5]]]]) !== 10.5) fail("vec4_sum of a JS array");
    if (v.length !== 2 || v[1].length !== 3 || !(v[1][2][1] instanceof Float64Array) || v[1][2][1][3] !== 1213) {
      fail(`vec4_make: ${s}`);
    }
    throwsWith(() => x.vec4_sum([[[1]]]), TypeError, ["vec4_sum: argument 1 (v)[0][0][0]"], "a level missing");
  },

  async rejectedArchives(x, rt) {
    const text = "a note long enough to be out of line";
    const bytes = x.note_archive(text);
    const seg = (n) => {
      const s = rt.allocSegment("u8", n);
      s.set(bytes.subarray(0, n));
      return s;
    };
    const good = seg(bytes.length);
    if (x.read_note(good) !== `${text}/7`) fail("a good archive was not read");
    good.dispose();
    // Truncated: the root does not fit.
    const short = seg(3);
    const e1 = throwsWith(() => x.read_note(short), TypeError, ["archive of Note"], "truncated archive");
    if (/without error information/.test(e1.message)) fail(e1.message);
    short.dispose();
    // The string's relative pointer out of bounds.
    const bad = rt.allocSegment("u8", bytes.length);
    bad.set(bytes);
    const n = bytes.length;
    bad.set([0xe8, 0x03, 0, 0], n - 12 >= 0 ? n - 12 : 0);
    const ta = bad.slice();
    const e2 = throwsWith(() => x.read_note(bad), TypeError, ["archive of Note"], "out-of-bounds pointer");
    if (/without error information/.test(e2.message)) fail(e2.message);
    // Async exports keep the kind too.
    await rejectsWith(x.read_note_later(bad), TypeError, ["archive of Note"], "async");
    bad.dispose();
    throwsWith(() => x.range_error(5), RangeError, ["5 is too big"], "Err(ErrorKind::Range)");
    void ta;
  },
};

export async function runSoundCheck(rt, name) {
  const c = checks[name];
  if (c === undefined) throw new Error(`no JS check named ${name}`);
  await c(rt.exports, rt);
}

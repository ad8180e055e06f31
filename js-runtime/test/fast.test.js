// The typed trampolines (src/fast.js), code generation (src/codegen.js), the 4-byte ASCII stores
// of encodeStr, the generated slot invokers, and how the runtime and transport.js wire the fast paths.
// Every behaviour of fast.js and imports.js is checked twice: with code generation (the
// per-binding functions) and without it (the closure fallbacks).

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

import { BIND_FAST, BIND_FAST_REFS, BIND_SLOTS, CLOSURE_FAST_F64, CLOSURE_FAST_I32, CLOSURE_I32_USE_SLOTS, FAST_FRAME_GEN, FAST_RESULT_LEN, FAST_STATUS, FAST_USE_SLOTS, FAST_THREW, Heap, NULLABLE, STATUS_EXCEPTION, STATUS_OK, T, layoutWords } from "../src/slot.js";
import { SlotwireError } from "../src/errors.js";
import { codegenEnabled, compile, setCodegen } from "../src/codegen.js";
import { fastParam, fastResult, makeFastClosure, makeFastExport, makeFastImport } from "../src/fast.js";
import { checkers } from "../src/marshal/primitive.js";
import { checkAndEncode, encodeStr } from "../src/marshal/string.js";
import { makeInvoker } from "../src/imports.js";
import { makeExport } from "../src/exports.js";
import { HandleTable } from "../src/handles.js";
import { Runtime } from "../src/runtime.js";
import * as transport from "../src/transport.js";
import {
  bytes,
  decode,
  dv,
  makeFakeWasm,
  makeMemory,
  readJsException,
  readSlot,
  rustFrame,
  setup,
  throwsWith,
  utf8,
  writeArg,
} from "./helpers.js";

const enc = new TextEncoder();

/** Whether `f` is a generated function rather than a closure fallback (only those call h.check()). */
function isGenerated(f) {
  return !String(f).includes("h.check()");
}

/** Number of wasm values a parameter list takes (a string takes two). */
function wasmCount(params) {
  return params.reduce((n, c) => n + (c === T.string ? 2 : 1), 0);
}

/** Runs `body` as describe blocks once with code generation on and once with it off. */
function bothWays(title, body) {
  for (const on of [true, false]) {
    describe(`${title} (codegen ${on ? "on" : "off"})`, () => {
      before(() => setCodegen(on));
      after(() => setCodegen(true));
      body(on);
    });
  }
}

/** A fake rt (helpers.setup) with a zeroed 32-byte fast area (status, result length, exception slot, frame generation). */
function fastSetup(opts) {
  const s = setup(opts);
  const area = s.fake.alloc(32);
  new Uint8Array(s.memory.buffer, area, 32).fill(0);
  s.rt.fastArea = area;
  return {
    ...s,
    area,
    status: () => dv(s.memory).getUint32(area, true),
    resetStatus: () => dv(s.memory).setUint32(area, 0, true),
    exception: () => readJsException(s.memory, area + 8),
  };
}

// ---------------------------------------------------------------------------------------------

describe("codegen.js", () => {
  after(() => setCodegen(true));

  test("on by default; compile runs the body in strict mode with the names bound", () => {
    assert.equal(codegenEnabled(), true);
    assert.equal(compile(["a", "b"], "return a * 10 + b;", [4, 2]), 42);
    const f = compile(["k"], "return function () { return [this, k]; };", ["v"]);
    assert.deepEqual(f(), [undefined, "v"], "strict: a plain call has this undefined");
    assert.throws(() => compile([], "undeclared = 1; return 0;", []), ReferenceError, "strict: no implicit globals");
  });

  test("setCodegen(false): compile returns null and codegenEnabled says so; setCodegen(true) restores", () => {
    setCodegen(false);
    assert.equal(codegenEnabled(), false);
    assert.equal(compile(["a"], "return a;", [1]), null);
    setCodegen(true);
    assert.equal(codegenEnabled(), true);
    assert.equal(compile(["a"], "return a;", [1]), 1);
  });

  test("a body that does not parse is a SyntaxError, not a silent fallback", () => {
    assert.throws(() => compile([], "return (;", []), SyntaxError);
    assert.equal(codegenEnabled(), true);
  });

  test("an EvalError (a CSP forbidding eval) turns code generation off for good", () => {
    const saved = globalThis.Function;
    globalThis.Function = function () {
      throw new EvalError("Code generation from strings disallowed for this context");
    };
    try {
      assert.equal(compile(["a"], "return a;", [1]), null);
    } finally {
      globalThis.Function = saved;
    }
    assert.equal(codegenEnabled(), false);
    assert.equal(compile(["a"], "return a;", [1]), null, "stays off after the CSP error");
    setCodegen(true);
  });
});

describe("fastParam / fastResult", () => {
  test("numbers, bool, char (and string as a parameter, void as a result) only", () => {
    const scalars = [T.bool, T.u8, T.i8, T.u16, T.i16, T.u32, T.i32, T.f32, T.f64, T.char, T.usize, T.isize];
    for (const c of scalars) {
      assert.equal(fastParam(c), true, `param ${c}`);
      assert.equal(fastResult(c), true, `result ${c}`);
    }
    assert.equal(fastParam(T.string), true);
    assert.equal(fastResult(T.string), false);
    assert.equal(fastResult(T.void), true);
    assert.equal(fastParam(T.void), false);
    for (const c of [T.i64, T.u64, T.i64_number, T.u64_number, T.date, T.error, T.object, T.i32 | NULLABLE, T.string | NULLABLE]) {
      assert.equal(fastParam(c), false, `param ${c}`);
      assert.equal(fastResult(c), false, `result ${c}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------

/** [code, wasm value Rust sends, JS value the function must get]. */
const PARAM_CASES = [
  [T.i8, -128, -128],
  [T.i8, 127, 127],
  [T.i16, -32768, -32768],
  [T.i16, 32767, 32767],
  [T.i32, -2147483648, -2147483648],
  [T.i32, 2147483647, 2147483647],
  [T.isize, -1, -1],
  [T.u8, 255, 255],
  [T.u8, 0, 0],
  [T.u16, 65535, 65535],
  [T.u32, -1, 4294967295],
  [T.u32, -2147483648, 2147483648],
  [T.u32, 7, 7],
  [T.usize, -2, 4294967294],
  [T.bool, 0, false],
  [T.bool, 1, true],
  [T.char, 65, "A"],
  [T.char, 0xe9, "é"],
  [T.char, 0x1d11e, "𝄞"],
  [T.char, 0, "\0"],
  [T.f32, Math.fround(0.1), Math.fround(0.1)],
  [T.f32, -0.5, -0.5],
  [T.f64, 0.1, 0.1],
  [T.f64, -1e300, -1e300],
  [T.f64, Infinity, Infinity],
  [T.f64, NaN, NaN],
];

/** [code, value the function returns, wasm value expected]. */
const RESULT_OK = [
  [T.i8, -128, -128],
  [T.i8, 127, 127],
  [T.i16, -32768, -32768],
  [T.i32, -2147483648, -2147483648],
  [T.i32, 2147483647, 2147483647],
  [T.isize, 5, 5],
  [T.u8, 255, 255],
  [T.u8, 0, 0],
  [T.u16, 65535, 65535],
  [T.u32, 4294967295, 4294967295],
  [T.usize, 0, 0],
  [T.bool, true, 1],
  [T.bool, false, 0],
  [T.char, "A", 65],
  [T.char, "𝄞", 0x1d11e],
  [T.char, "\ud800", 0xfffd],
  [T.f32, 0.1, Math.fround(0.1)],
  [T.f32, Infinity, Infinity],
  [T.f64, 0.1, 0.1],
  [T.f64, NaN, NaN],
  [T.f64, -Infinity, -Infinity],
];

const SYM = Symbol("s");

/** [code, bad result or argument, error class, fragment of the message after "<what>: "]. */
const BAD_VALUES = [
  [T.u8, 300, RangeError, "300 is out of range for u8"],
  [T.u8, -1, RangeError, "out of range for u8"],
  [T.u8, 1.5, RangeError, "out of range for u8"],
  [T.i8, 128, RangeError, "out of range for i8"],
  [T.i16, 32768, RangeError, "out of range for i16"],
  [T.u16, 65536, RangeError, "out of range for u16"],
  [T.u16, -1, RangeError, "out of range for u16"],
  [T.i32, 1.5, RangeError, "1.5 is out of range for i32"],
  [T.i32, NaN, RangeError, "NaN is out of range for i32"],
  [T.i32, 2147483648, RangeError, "out of range for i32"],
  [T.i32, Infinity, RangeError, "out of range for i32"],
  [T.i32, 5n, TypeError, "expected i32 (a number), got bigint 5n"],
  [T.i32, SYM, TypeError, "expected i32 (a number), got symbol"],
  [T.i32, "1", TypeError, 'expected i32 (a number), got string "1"'],
  [T.i32, undefined, TypeError, "expected i32 (a number), got undefined"],
  [T.isize, 5n, TypeError, "expected isize (a number), got bigint 5n"],
  [T.u32, -1, RangeError, "-1 is out of range for u32"],
  [T.u32, 4294967296, RangeError, "out of range for u32"],
  [T.u32, 5n, TypeError, "got bigint 5n"],
  [T.usize, SYM, TypeError, "expected usize (a number), got symbol"],
  [T.u16, 5n, TypeError, "got bigint 5n"],
  [T.i16, SYM, TypeError, "got symbol"],
  [T.u8, 5n, TypeError, "expected u8 (a number), got bigint 5n"],
  [T.i8, SYM, TypeError, "got symbol"],
  [T.f64, "x", TypeError, 'expected f64 (a number), got string "x"'],
  [T.f64, 5n, TypeError, "expected f64 (a number), got bigint 5n"],
  [T.f64, SYM, TypeError, "got symbol"],
  [T.f64, null, TypeError, "got null"],
  [T.f32, 1e39, RangeError, "1e+39 is out of range for f32"],
  [T.f32, "1", TypeError, "expected f32 (a number)"],
  [T.f32, 5n, TypeError, "got bigint 5n"],
  [T.bool, 1, TypeError, "expected bool (a boolean), got number 1"],
  [T.bool, 5n, TypeError, "got bigint 5n"],
  [T.bool, SYM, TypeError, "got symbol"],
  [T.char, "ab", TypeError, "expected char (a string of one character)"],
  [T.char, "", TypeError, "expected char"],
  [T.char, 65, TypeError, "got number 65"],
  [T.char, 5n, TypeError, "got bigint 5n"],
  [T.char, SYM, TypeError, "got symbol"],
];

bothWays("makeFastImport", (on) => {
  function bind(fn, params, ret, { self, where = "m#f" } = {}) {
    assert.equal(codegenEnabled(), on);
    const s = fastSetup();
    const f = makeFastImport(s.rt, fn, self, where, params, ret);
    assert.equal(isGenerated(f), on, on ? "a generated function" : "the closure fallback");
    if (on) assert.equal(f.length, wasmCount(params), "one parameter per wasm value");
    return { ...s, f };
  }

  test("each scalar type code converts its wasm value to the JS value", () => {
    for (const [code, w, js] of PARAM_CASES) {
      const got = [];
      const { f, status, heap: h } = bind((x) => void got.push(x), [code], T.void);
      const top = h.top;
      assert.equal(f(w), 0);
      assert.equal(status(), 0, `code ${code}: no exception`);
      assert.equal(got.length, 1);
      assert.equal(got[0], js, `code ${code}, wasm ${w}`);
      assert.equal(h.top, top);
    }
  });

  test("a string parameter: pointer and length decoded from memory (ASCII, non-ASCII, empty)", () => {
    for (const s of ["hello", "héllo 𝄞 日本", "", "x".repeat(100), "é".repeat(70)]) {
      let got;
      const b = bind((x) => {
        got = x;
      }, [T.string], T.void);
      const { ptr, len } = b.fake.placeString(s);
      // Garbage after the string: the length is what bounds it.
      new Uint8Array(b.memory.buffer, ptr + len, 8).fill(0x41);
      assert.equal(b.f(ptr, len), 0);
      assert.equal(b.status(), 0);
      assert.equal(got, s);
    }
  });

  test("all-i32 signature: six values, every kind at once", () => {
    let got;
    const params = [T.i8, T.u16, T.u32, T.bool, T.string];
    const { f, fake, status } = bind((...a) => {
      got = a;
    }, params, T.void);
    const { ptr, len } = fake.placeString("ça");
    assert.equal(f(-5, 65535, -1, 1, ptr, len), 0);
    assert.equal(status(), 0);
    assert.deepEqual(got, [-5, 65535, 4294967295, true, "ça"]);
  });

  test("f64-valued signature: integers, bool, char and string pointer/length arriving as f64", () => {
    let got;
    const params = [T.u32, T.f64, T.bool, T.string, T.char];
    const { f, fake, status } = bind((...a) => {
      got = a;
      return a[1] * 5;
    }, params, T.f64);
    const { ptr, len } = fake.placeString("naïve");
    // Rust sends (x as i32) as f64 for each integer in a mixed signature.
    const r = f(-1.0, 0.5, 1.0, ptr * 1.0, len * 1.0, 0x1d11e * 1.0);
    assert.equal(status(), 0);
    assert.deepEqual(got, [4294967295, 0.5, true, "naïve", "𝄞"]);
    assert.equal(r, 2.5);
  });

  test("a string parameter after the memory grew (views detached) is read from the new buffer", () => {
    let got;
    const { f, fake, memory, status, heap: h } = bind((x) => {
      got = x;
    }, [T.string], T.void);
    const oldU8 = h.u8;
    memory.grow(1);
    assert.equal(oldU8.length, 0, "the old views are detached");
    const { ptr, len } = fake.placeString("after growth");
    assert.equal(f(ptr, len), 0);
    assert.equal(status(), 0);
    assert.equal(got, "after growth");
  });

  test("in-range results come back as wasm values (bool 1/0, char code point, f32 rounded)", () => {
    for (const [code, v, w] of RESULT_OK) {
      const { f, status } = bind(() => v, [], code);
      const r = f();
      assert.equal(status(), 0, `code ${code}, result ${String(v)}: no exception`);
      assert.equal(r, w, `code ${code}, result ${String(v)}`);
    }
  });

  test("a void result: 0 whatever the function returns, no exception", () => {
    for (const v of [undefined, 5, "x", 5n, SYM, {}]) {
      const { f, status } = bind(() => v, [T.i32], T.void);
      assert.equal(f(1), 0);
      assert.equal(status(), 0);
    }
  });

  test("out-of-range and wrong-type results: status 1, the error in the exception slot naming the import", () => {
    for (const [code, v, Class, fragment] of BAD_VALUES) {
      const label = `code ${code}, result ${typeof v === "symbol" ? "symbol" : typeof v === "bigint" ? `${v}n` : String(v)}`;
      const { f, status, exception, heap: h } = bind(() => v, [], code, { where: "mod#g" });
      const top = h.top;
      let r;
      assert.doesNotThrow(() => {
        r = f();
      }, label);
      assert.equal(r, 0, label);
      assert.equal(status(), 1, label);
      const x = exception();
      assert.equal(x.ty, T.error, label);
      assert.equal(x.name, Class.name, `${label}: ${x.name}: ${x.message}`);
      assert.ok(x.message.startsWith("mod#g: result: "), `${label}: ${x.message}`);
      assert.ok(x.message.includes(fragment), `${label}: ${JSON.stringify(x.message)} lacks ${JSON.stringify(fragment)}`);
      assert.ok(!x.message.includes("Cannot mix BigInt"), label);
      assert.equal(h.top, top, `${label}: the frame area is left as it was`);
      assert.equal(h.inResult, false);
    }
  });

  test("a throwing function: status 1, name, message and stack in the exception slot", () => {
    const { f, status, exception, resetStatus, heap: h } = bind(
      (a) => {
        if (a === 1) throw new RangeError("too far");
        if (a === 2) throw "just a string";
        return a;
      },
      [T.i32],
      T.i32,
    );
    const top = h.top;
    assert.equal(f(1), 0);
    assert.equal(status(), 1);
    let x = exception();
    assert.equal(x.name, "RangeError");
    assert.equal(x.message, "too far");
    assert.ok(x.stack.includes("too far"), x.stack);
    assert.equal(h.top, top);
    assert.equal(h.inResult, false);

    resetStatus();
    assert.equal(f(2), 0);
    assert.equal(status(), 1);
    x = exception();
    assert.equal(x.name, "Error");
    assert.equal(x.message, "just a string");
    assert.equal(x.stack, "");

    resetStatus();
    assert.equal(f(9), 9, "a good call afterwards works");
    assert.equal(status(), 0, "and does not set the status");
  });

  test("a String result: encoded above the frame top, its address returned, its byte length in the fast area", () => {
    for (const v of ["hello", "", "héllo 𝄞 日本", "\ud800 lone", "x".repeat(5000)]) {
      const { f, status, memory, area, heap: h } = bind(() => v, [T.i32], T.string);
      const top = h.top;
      const at = f(7) >>> 0;
      assert.equal(status(), 0, `${v.slice(0, 20)}: no exception`);
      const len = dv(memory).getUint32(area + FAST_RESULT_LEN, true);
      const want = enc.encode(v);
      assert.equal(len, want.length);
      assert.deepEqual(new Uint8Array(memory.buffer, at, len), want);
      assert.equal(h.top, top, "the frame area is left as it was");
      assert.equal(h.inResult, false);
      assert.equal(h.resultDepth, 0);
    }
  });

  test("a String result after the function grew the memory: encoded into the new buffer", () => {
    const { f, status, memory, area } = bind(() => {
      memory.grow(1);
      return "grown héllo";
    }, [], T.string);
    const pages = memory.buffer.byteLength;
    const at = f() >>> 0;
    assert.ok(memory.buffer.byteLength > pages - 65536);
    assert.equal(status(), 0);
    const len = dv(memory).getUint32(area + FAST_RESULT_LEN, true);
    assert.equal(decode(memory, at, len), "grown héllo");
  });

  test("a String result that is not a string: a TypeError naming the import's result, nothing encoded", () => {
    for (const v of [5, null, undefined, {}, SYM, new String("boxed")]) {
      const { f, status, exception, heap: h } = bind(() => v, [], T.string, { where: "m#name" });
      const top = h.top;
      assert.equal(f(), 0);
      assert.equal(status(), 1);
      const x = exception();
      assert.equal(x.name, "TypeError");
      assert.ok(x.message.startsWith("m#name: result: "), x.message);
      assert.ok(x.message.includes("string"), x.message);
      assert.equal(h.top, top);
      assert.equal(h.inResult, false);
    }
  });

  test("a String result whose toString/valueOf would run is never coerced (a getter-free check)", () => {
    let ran = 0;
    const tricky = { toString() { ran++; return "no"; }, valueOf() { ran++; return "no"; } };
    const { f, status } = bind(() => tricky, [], T.string);
    assert.equal(f(), 0);
    assert.equal(status(), 1);
    assert.equal(ran, 0);
  });

  test("a function that grows the memory and then throws: the exception still lands in the new buffer", () => {
    const { f, memory, status, exception } = bind(() => {
      memory.grow(1);
      throw new TypeError("grew and threw");
    }, [], T.f64);
    const pages = memory.buffer.byteLength;
    assert.equal(f(), 0);
    assert.ok(memory.buffer.byteLength > pages);
    assert.equal(status(), 1);
    assert.equal(exception().message, "grew and threw");
  });

  test("this: the object for methods, undefined for module functions", () => {
    const obj = {
      k: 3,
      m(x) {
        return this.k * x;
      },
    };
    const m = bind(obj.m, [T.i32], T.i32, { self: obj });
    assert.equal(m.f(5), 15);
    assert.equal(m.status(), 0);
    let seen = "unset";
    const g = bind(function () {
      seen = this;
    }, [], T.void);
    g.f();
    assert.equal(seen, undefined);
    seen = "unset";
    const withStr = bind(function (s) {
      seen = [this, s];
    }, [T.string], T.void, { self: obj });
    const { ptr, len } = withStr.fake.placeString("s");
    withStr.f(ptr, len);
    assert.deepEqual(seen, [obj, "s"]);
  });

  test("parameters without a fast path are refused at bind time", () => {
    const s = fastSetup();
    for (const c of [T.i32 | NULLABLE, T.string | NULLABLE, T.object | NULLABLE, T.i64, T.date, T.rust_object, T.void]) {
      throwsWith(assert, () => makeFastImport(s.rt, () => {}, undefined, "m#h", [T.i32, c], T.void), Error, "m#h", "no fast path");
    }
  });

  test("a JS object handle is an import argument on the fast path: the held object arrives", () => {
    for (const on of [true, false]) {
      setCodegen(on);
      try {
        const s = fastSetup();
        s.heap.objects = new HandleTable();
        const o = { answer: 41 };
        const h = s.heap.objects.toHandle(o);
        let seen;
        const f = makeFastImport(s.rt, (x, n) => ((seen = x), x.answer + n), undefined, "m#inc", [T.object, T.i32], T.i32);
        assert.equal(f(h, 1), 42);
        assert.equal(seen, o, "the same object");
        assert.equal(s.heap.objects.live, 1, "borrowed: the handle is not released");
        f(999, 1);
        assert.equal(new Uint32Array(s.memory.buffer)[s.rt.fastArea >>> 2], 1, "a stale handle is reported, not followed");
      } finally {
        setCodegen(true);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------

bothWays("makeFastExport", (on) => {
  /**
   * A fast export over a fake rt: `fastFn(...wasmValues)` gets the wasm values; `whats` and
   * `arity` as exports.js makes them.
   */
  function exp(params, ret, fastFn, { name = "f", area } = {}) {
    assert.equal(codegenEnabled(), on);
    const s = setup(area === undefined ? undefined : { area });
    const whats = params.map((_, i) => `${name}: argument ${i + 1} (x${i})`);
    const arityCalls = [];
    const arity = (argc) => {
      arityCalls.push(argc);
      return new TypeError(`${name}: bad argc ${argc}`);
    };
    const calls = [];
    const f = makeFastExport(
      s.rt,
      name,
      params,
      whats,
      ret,
      (...w) => {
        calls.push(w);
        return fastFn(...w);
      },
      arity,
    );
    assert.equal(isGenerated(f), on, on ? "a generated function" : "the closure fallback");
    if (on) assert.equal(f.length, params.length);
    return { ...s, f, calls, arityCalls, whats };
  }

  test("argument count: too few or too many is the error arity() returns, fastFn not called", () => {
    for (const params of [[], [T.i32], [T.i32, T.string]]) {
      const { f, calls, arityCalls, heap: h } = exp(params, T.void, () => undefined);
      const n = params.length;
      throwsWith(assert, () => f(...Array(n + 1).fill(1)), TypeError, `bad argc ${n + 1}`);
      if (n > 0) throwsWith(assert, () => f(...Array(n - 1).fill(1)), TypeError, `bad argc ${n - 1}`);
      assert.deepEqual(arityCalls, n > 0 ? [n + 1, n - 1] : [1]);
      assert.equal(calls.length, 0);
      assert.equal(h.top, h.base);
    }
  });

  test("the real arity messages through makeExport", () => {
    const s = setup();
    const f = makeExport(s.rt, 1, "m.add", [T.i32, T.i32], ["a", "b"], T.i32, (a, b) => a + b);
    assert.equal(f.name, "add");
    assert.equal(f.length, 2);
    assert.equal(f(2, 3), 5);
    throwsWith(assert, () => f(1), TypeError, "m.add: argument 2 (b: i32) is missing; expected 2 arguments, got 1");
    throwsWith(assert, () => f(1, 2, 3), TypeError, "m.add: expected 2 arguments, got 3");
    throwsWith(assert, () => f(1, "2"), TypeError, "m.add: argument 2 (b): expected i32 (a number)");
    assert.deepEqual(s.fake.log.calls, [], "slotwire_call never used");
  });

  test("a poisoned runtime: the poison error before any argument check, fastFn not called", () => {
    for (const params of [[T.i32], [T.string]]) {
      const { f, rt, calls, heap: h } = exp(params, T.i32, () => 1);
      rt.poisoned = "panicked at src/lib.rs:3:5";
      throwsWith(assert, () => f(1), SlotwireError, "instance poisoned by panic: panicked at src/lib.rs:3:5");
      throwsWith(assert, () => f(SYM), SlotwireError, "instance poisoned by panic");
      assert.equal(calls.length, 0);
      assert.equal(h.top, h.base);
    }
  });

  test("arguments are checked for each type, the error naming the function and the argument", () => {
    for (const [code, v, Class, fragment] of BAD_VALUES) {
      const label = `code ${code}, ${typeof v === "symbol" ? "symbol" : typeof v === "bigint" ? `${v}n` : String(v)}`;
      const { f, calls, heap: h } = exp([T.string, code], T.void, () => undefined, { name: "ns.fn" });
      let err;
      try {
        f("first", v);
      } catch (e) {
        err = e;
      }
      assert.ok(err !== undefined, `${label}: nothing thrown`);
      assert.equal(err.constructor, Class, `${label}: ${err.name}: ${err.message}`);
      assert.ok(err.message.startsWith("ns.fn: argument 2 (x1): "), `${label}: ${err.message}`);
      assert.ok(err.message.includes(fragment), `${label}: ${JSON.stringify(err.message)} lacks ${JSON.stringify(fragment)}`);
      assert.equal(calls.length, 0, label);
      assert.equal(h.top, h.base, `${label}: the string already encoded is released`);
    }
  });

  test("a string argument that is not a string is a TypeError naming it", () => {
    for (const v of [5, 5n, SYM, null, undefined, {}, ["a"]]) {
      const { f, calls, heap: h } = exp([T.i32, T.string], T.void, () => undefined, { name: "say" });
      const err = throwsWith(assert, () => f(1, v), TypeError, "say: argument 2 (x1): expected string, got ");
      assert.ok(!err.message.includes("Cannot mix BigInt"));
      assert.equal(calls.length, 0);
      assert.equal(h.top, h.base);
    }
  });

  test("each scalar argument reaches fastFn as its wasm value", () => {
    const cases = [
      [T.i8, -128, -128],
      [T.i16, 32767, 32767],
      [T.i32, -5, -5],
      [T.isize, 2147483647, 2147483647],
      [T.u8, 255, 255],
      [T.u16, 65535, 65535],
      [T.u32, 4294967295, 4294967295],
      [T.usize, 0, 0],
      [T.bool, true, 1],
      [T.bool, false, 0],
      [T.char, "A", 65],
      [T.char, "𝄞", 0x1d11e],
      [T.char, "\udc00", 0xfffd],
      [T.f32, 0.1, Math.fround(0.1)],
      [T.f32, -Infinity, -Infinity],
      [T.f64, 0.1, 0.1],
      [T.f64, NaN, NaN],
    ];
    for (const [code, v, w] of cases) {
      const { f, calls } = exp([code], T.void, () => undefined);
      assert.equal(f(v), undefined);
      assert.equal(calls.length, 1);
      assert.equal(calls[0].length, 1);
      assert.equal(calls[0][0], w, `code ${code}, ${String(v)}`);
    }
  });

  test("string arguments: encoded into the frame area, fastFn gets pointer and length", () => {
    const seen = [];
    const { f, calls, memory, heap: h } = exp([T.string, T.i32, T.string], T.u32, (p0, l0, x, p1, l1) => {
      seen.push([decode(memory, p0, l0), x, decode(memory, p1, l1)]);
      return l0 + l1;
    });
    assert.equal(f("hello", 7, "wörld 𝄞"), 5 + enc.encode("wörld 𝄞").length);
    assert.deepEqual(seen, [["hello", 7, "wörld 𝄞"]]);
    const [p0, l0, x, p1, l1] = calls[0];
    assert.equal(x, 7);
    assert.equal(l0, 5);
    assert.equal(p0, h.base, "the first string at the bottom of the area");
    assert.equal(p0 % 8, 0);
    assert.equal(p1 % 8, 0);
    assert.ok(p1 >= p0 + l0, "no overlap");
    assert.ok(p1 + l1 <= h.end);
    assert.equal(h.top, h.base, "the frame area released after the call");
    assert.deepEqual(h.overflow, []);
  });

  test("non-ASCII, lone surrogates and empty strings", () => {
    for (const s of ["", "é", "日本語テキスト", "a\ud800b", "\udfff", "abc\ud83d\ude00def", "x".repeat(33) + "é"]) {
      let got;
      const e = exp([T.string], T.usize, (p, l) => {
        got = Array.from(bytes(e.memory, p, l));
        return l;
      });
      const len = e.f(s);
      assert.deepEqual(got, utf8(s), JSON.stringify(s));
      assert.equal(e.calls[0][1], enc.encode(s).length, JSON.stringify(s));
      assert.equal(len, enc.encode(s).length);
      assert.equal(e.heap.top, e.heap.base);
    }
  });

  test("a string larger than the area: an overflow block from slotwire_alloc, freed after the call", () => {
    const big = "é".repeat(300) + "z";
    let got;
    const { f, memory, fake, heap: h, calls } = exp([T.string], T.void, (p, l) => {
      got = decode(memory, p, l);
    }, { area: 64 });
    f(big);
    assert.equal(got, big);
    const [p] = calls[0];
    assert.ok(p < h.base || p >= h.end, "outside the area");
    assert.equal(fake.live.has(p), false, "the overflow block was freed");
    assert.ok(fake.log.free.some(([q]) => q === p));
    assert.deepEqual(h.overflow, []);
    assert.equal(h.top, h.base);
  });

  test("the frame area is restored after a throw from fastFn (not poisoned: the same error)", () => {
    const trap = new WebAssembly.RuntimeError("unreachable");
    for (const params of [[T.i32], [T.string, T.i32]]) {
      const { f, heap: h, fake } = exp(params, T.i32, () => {
        throw trap;
      }, { area: 64 });
      const args = params.length === 1 ? [1] : ["y".repeat(200), 1];
      let err;
      try {
        f(...args);
      } catch (e) {
        err = e;
      }
      assert.equal(err, trap);
      assert.equal(h.top, h.base);
      assert.deepEqual(h.overflow, []);
      if (params.length === 2) assert.equal(fake.log.free.length, 1, "the overflow block was freed");
    }
  });

  test("a trap from fastFn while poisoned is the poison error", () => {
    for (const params of [[T.i32], [T.string]]) {
      const { f, rt, heap: h } = exp(params, T.void, () => {
        rt.poisoned = "boom (at src/lib.rs:9:9)";
        throw new WebAssembly.RuntimeError("unreachable");
      });
      throwsWith(assert, () => f(params[0] === T.string ? "s" : 1), SlotwireError, "instance poisoned by panic: boom (at src/lib.rs:9:9)");
      assert.equal(h.top, h.base);
    }
  });

  test("results: u32/usize unsigned, bool, char, void, numbers as they are", () => {
    const cases = [
      [T.u32, -1, 4294967295],
      [T.u32, 5, 5],
      [T.usize, -2, 4294967294],
      [T.i32, -1, -1],
      [T.u8, 255, 255],
      [T.i16, -3, -3],
      [T.bool, 0, false],
      [T.bool, 1, true],
      [T.bool, 7, true],
      [T.char, 0x1d11e, "𝄞"],
      [T.char, 65, "A"],
      [T.f32, Math.fround(0.1), Math.fround(0.1)],
      [T.f64, -0.25, -0.25],
      [T.void, undefined, undefined],
    ];
    for (const [code, w, js] of cases) {
      for (const params of [[], [T.string]]) {
        const { f } = exp(params, code, () => w);
        assert.equal(f(...params.map(() => "s")), js, `code ${code}, wasm ${w}, params ${params}`);
      }
    }
  });

  test("memory grown by fastFn: the next call encodes into the new buffer", () => {
    let grow = true;
    let got;
    const { f, memory } = exp([T.string], T.void, (p, l) => {
      if (grow) memory.grow(1);
      got = decode(memory, p, l);
    });
    f("one");
    assert.equal(got, "one");
    grow = false;
    f("two after growth");
    assert.equal(got, "two after growth");
    memory.grow(1); // grown outside any call
    f("three");
    assert.equal(got, "three");
  });
});

// ---------------------------------------------------------------------------------------------

describe("encodeStr", () => {
  const SENTINEL = 0xab;

  /** A frame-area heap; the area filled with the sentinel. */
  function frameHeap() {
    const s = setup({ area: 1024 });
    new Uint8Array(s.memory.buffer, s.base - 8, 1024 + 16).fill(SENTINEL);
    return s;
  }

  /** A heap with no frame area left, in result mode, whose result buffer is at `region + offset`. */
  function resultHeap(offset) {
    const s = setup({ area: 8 });
    s.heap.top = s.heap.end; // the area is full: every allocation goes to the result buffer
    const region = s.fake.alloc(4096);
    new Uint8Array(s.memory.buffer, region, 4096).fill(SENTINEL);
    const asked = [];
    s.fake.wasm.slotwire_result_buffer = (n) => {
      asked.push(n);
      if (n > 4096 - 64) throw new Error("test: result buffer too small");
      return region + 16 + offset;
    };
    s.heap.beginResult();
    return { ...s, region, asked, at: region + 16 + offset };
  }

  function checkEncoded(memory, at, len, s, lo, hi, label) {
    const want = utf8(s);
    assert.equal(len, want.length, `${label}: length`);
    assert.deepEqual(Array.from(bytes(memory, at, len)), want, `${label}: bytes`);
    const u8 = new Uint8Array(memory.buffer);
    for (let i = lo; i < hi; i++) {
      if (i >= at && i < at + len) continue;
      if (u8[i] !== SENTINEL) assert.fail(`${label}: byte ${i - at} relative to the start was overwritten (${u8[i]})`);
    }
  }

  function asciiOf(n, seed = 0) {
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(32 + ((i * 7 + seed) % 95));
    return s;
  }

  const nonAsciiStrings = [];
  for (let k = 0; k <= 8; k++) {
    for (const tail of ["é", "日", "𝄞", "\u0080", "\u07ff"]) {
      nonAsciiStrings.push(asciiOf(k) + tail + asciiOf(5, k));
      nonAsciiStrings.push(asciiOf(k) + tail);
    }
  }
  const loneSurrogates = ["\ud800", "\udfff", "ab\ud800", "abcd\udc00", "abcdefg\ud83d", "\ud83dabcd", "abcd\ud83d\ude00x", "abc\ud800\ud800d"];

  test("frame area: ASCII of every length 0..40, at the 8-aligned top", () => {
    for (let n = 0; n <= 40; n++) {
      const { heap: h, memory, base } = frameHeap();
      const s = asciiOf(n);
      const at = encodeStr(h, s);
      assert.equal(at, base);
      assert.equal(h.lastLength, n);
      assert.equal(h.top, base + n);
      checkEncoded(memory, at, h.lastLength, s, base - 8, base + 1024, `length ${n}`);
    }
  });

  test("frame area: ASCII then non-ASCII at every offset 0..8, and lone surrogates", () => {
    for (const s of [...nonAsciiStrings, ...loneSurrogates]) {
      const { heap: h, memory, base } = frameHeap();
      const at = encodeStr(h, s);
      assert.equal(at, base);
      assert.equal(h.lastLength, enc.encode(s).length);
      assert.ok(h.top >= at + h.lastLength);
      checkEncoded(memory, at, h.lastLength, s, base - 8, base + 1024, JSON.stringify(s));
    }
  });

  test("frame area: two strings in a row do not overlap", () => {
    const { heap: h, memory } = frameHeap();
    const a = encodeStr(h, "abcdefghij");
    const la = h.lastLength;
    const b = encodeStr(h, "klmnopé");
    assert.ok(b >= a + la);
    assert.equal(decode(memory, a, la), "abcdefghij");
    assert.equal(decode(memory, b, h.lastLength), "klmnopé");
  });

  test("result buffer at every start alignment 0..7: ASCII lengths 0..40 round trip, neighbours intact", () => {
    for (let offset = 0; offset < 8; offset++) {
      for (let n = 0; n <= 40; n++) {
        const { heap: h, memory, region, at: want, asked } = resultHeap(offset);
        const s = asciiOf(n, offset);
        const at = encodeStr(h, s);
        if (n > 0) {
          assert.equal(at, want, `offset ${offset}, length ${n}: the result buffer`);
          assert.deepEqual(asked, [n]);
        }
        assert.equal(h.lastLength, n);
        checkEncoded(memory, at, n, s, region, region + 4096, `offset ${offset}, length ${n}`);
      }
    }
  });

  test("result buffer at every start alignment 0..7: non-ASCII at every offset and lone surrogates", () => {
    for (let offset = 0; offset < 8; offset++) {
      for (const s of [...nonAsciiStrings, ...loneSurrogates]) {
        const { heap: h, memory, region, at: want } = resultHeap(offset);
        const at = encodeStr(h, s);
        assert.equal(at, want, `offset ${offset}, ${JSON.stringify(s)}`);
        checkEncoded(memory, at, h.lastLength, s, region, region + 4096, `offset ${offset}, ${JSON.stringify(s)}`);
      }
    }
  });

  test("checkAndEncode: a non-string is a TypeError naming what; a string is encoded", () => {
    const { heap: h, memory } = setup();
    throwsWith(assert, () => checkAndEncode(h, 5n, "f: argument 1 (s)"), TypeError, "f: argument 1 (s): expected string, got bigint 5n");
    throwsWith(assert, () => checkAndEncode(h, SYM, "w"), TypeError, "w: expected string, got symbol");
    const at = checkAndEncode(h, "añb", "w");
    assert.equal(decode(memory, at, h.lastLength), "añb");
    assert.equal(h.lastLength, 4);
  });
});

// ---------------------------------------------------------------------------------------------

/** Scenarios for makeInvoker, run both ways; each returns a plain record of what was observed. */
const INVOKER_SCENARIOS = {
  "0 params, i32 result": () => {
    const s = setup();
    const inv = makeInvoker(s.rt, () => -7, undefined, "m#z", [], T.i32);
    const p = rustFrame(s.fake, 1);
    const status = inv(p);
    const h = s.heap;
    // A result written without memory leaves the result nesting as it was (no endResult
    // without its beginResult).
    return { inv, out: { status, r: readSlot(s.memory, p + 16).i32, top: h.top - h.base, depth: h.resultDepth, inResult: h.inResult, buffer: h.resultBufferAt } };
  },
  "1 param string, string result in result mode (larger than the area)": () => {
    const s = setup({ area: 128 });
    const inv = makeInvoker(s.rt, (x) => x.repeat(100) + "é", undefined, "m#s", [T.string], T.string);
    const p = rustFrame(s.fake, 1);
    writeArg(s.memory, p, 0, "str", s.fake.placeString("ab"));
    const status = inv(p);
    const r = readSlot(s.memory, p + 16);
    return {
      inv,
      out: {
        status,
        r: decode(s.memory, r.lo, r.len),
        inResultBuffer: r.lo === s.fake.resultBuffer.ptr,
        inResult: s.heap.inResult,
        top: s.heap.top - s.heap.base,
        overflow: s.heap.overflow.length,
      },
    };
  },
  "2 params f64, bool; f64 result; this is the object": () => {
    const s = setup();
    const obj = {
      k: 2,
      f(x, b) {
        return b ? this.k * x : -x;
      },
    };
    const inv = makeInvoker(s.rt, obj.f, obj, "m#o.f", [T.f64, T.bool], T.f64);
    const p = rustFrame(s.fake, 2);
    writeArg(s.memory, p, 0, "f64", 1.25);
    writeArg(s.memory, p, 1, "u32", 1);
    const st1 = inv(p);
    const r1 = readSlot(s.memory, p + 16).f64;
    writeArg(s.memory, p, 1, "u32", 0);
    const st2 = inv(p);
    return { inv, out: { st1, r1, st2, r2: readSlot(s.memory, p + 16).f64 } };
  },
  "3 params i32, Option<u32> null, string; bool result; this undefined": () => {
    const s = setup();
    let seen;
    const inv = makeInvoker(
      s.rt,
      function (a, b, c) {
        seen = [this, a, b, c];
        return c.length > a;
      },
      undefined,
      "m#t",
      [T.i32, T.u32 | NULLABLE, T.string],
      T.bool,
    );
    const p = rustFrame(s.fake, 3);
    writeArg(s.memory, p, 0, "i32", 2);
    writeArg(s.memory, p, 1, "null");
    writeArg(s.memory, p, 2, "str", s.fake.placeString("xyz"));
    const status = inv(p);
    return { inv, out: { status, seen, r: readSlot(s.memory, p + 16).lo & 0xff } };
  },
  "5 params i64, u64, char, date, i8; void result": () => {
    const s = setup();
    let seen;
    const inv = makeInvoker(s.rt, (...a) => {
      seen = a.map((v) => (v instanceof Date ? `date ${v.getTime()}` : v));
    }, undefined, "m#v", [T.i64, T.u64, T.char, T.date, T.i8], T.void);
    const p = rustFrame(s.fake, 5);
    writeArg(s.memory, p, 0, "i64", -5n);
    writeArg(s.memory, p, 1, "u64", 2n ** 64n - 1n);
    writeArg(s.memory, p, 2, "u32", 0x1d11e);
    writeArg(s.memory, p, 3, "f64", 86400000);
    writeArg(s.memory, p, 4, "i32", -100);
    const before = readSlot(s.memory, p + 16);
    const status = inv(p);
    return { inv, out: { status, seen, resultUntouched: JSON.stringify(readSlot(s.memory, p + 16), (k, v) => (typeof v === "bigint" ? String(v) : v)) === JSON.stringify(before, (k, v) => (typeof v === "bigint" ? String(v) : v)) } };
  },
  "a throw: STATUS_EXCEPTION with name, message and stack": () => {
    const s = setup();
    const inv = makeInvoker(s.rt, () => {
      throw new RangeError("nope");
    }, undefined, "m#x", [T.i32], T.string);
    const p = rustFrame(s.fake, 1);
    writeArg(s.memory, p, 0, "i32", 1);
    const status = inv(p);
    const x = readJsException(s.memory, p);
    return { inv, out: { status, name: x.name, message: x.message, stacked: x.stack.includes("nope"), top: s.heap.top - s.heap.base, inResult: s.heap.inResult } };
  },
  "a bad result: STATUS_EXCEPTION naming the result": () => {
    const s = setup();
    const inv = makeInvoker(s.rt, () => 5n, undefined, "m#b", [], T.i32);
    const p = rustFrame(s.fake, 1);
    const status = inv(p);
    const x = readJsException(s.memory, p);
    return { inv, out: { status, name: x.name, message: x.message } };
  },
};

const INVOKER_EXPECTED = {
  "0 params, i32 result": { status: STATUS_OK, r: -7, top: 0, depth: 0, inResult: false, buffer: -1 },
  "1 param string, string result in result mode (larger than the area)": {
    status: STATUS_OK,
    r: "ab".repeat(100) + "é",
    inResultBuffer: true,
    inResult: false,
    top: 0,
    overflow: 0,
  },
  "2 params f64, bool; f64 result; this is the object": { st1: STATUS_OK, r1: 2.5, st2: STATUS_OK, r2: -1.25 },
  "3 params i32, Option<u32> null, string; bool result; this undefined": {
    status: STATUS_OK,
    seen: [undefined, 2, null, "xyz"],
    r: 1,
  },
  "5 params i64, u64, char, date, i8; void result": {
    status: STATUS_OK,
    seen: [-5n, 2n ** 64n - 1n, "𝄞", "date 86400000", -100],
    resultUntouched: true,
  },
  "a throw: STATUS_EXCEPTION with name, message and stack": {
    status: STATUS_EXCEPTION,
    name: "RangeError",
    message: "nope",
    stacked: true,
    top: 0,
    inResult: false,
  },
  "a bad result: STATUS_EXCEPTION naming the result": {
    status: STATUS_EXCEPTION,
    name: "TypeError",
    message: "m#b: result: expected i32 (a number), got bigint 5n",
  },
};

const invokerOutputs = { true: {}, false: {} };

bothWays("makeInvoker (slots)", (on) => {
  for (const [title, run] of Object.entries(INVOKER_SCENARIOS)) {
    test(title, () => {
      assert.equal(codegenEnabled(), on);
      const { inv, out } = run();
      assert.equal(isGenerated(inv), on, on ? "a generated invoker" : "the closure fallback");
      assert.deepEqual(out, INVOKER_EXPECTED[title]);
      invokerOutputs[on][title] = out;
    });
  }
});

describe("makeInvoker: both ways alike", () => {
  test("every scenario observed the same with and without code generation", () => {
    assert.deepEqual(Object.keys(invokerOutputs.true).sort(), Object.keys(INVOKER_SCENARIOS).sort());
    assert.deepEqual(invokerOutputs.true, invokerOutputs.false);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Runtime: exports with the fast flag", () => {
  function runtimeWith(defs) {
    const memory = makeMemory();
    const fake = makeFakeWasm(memory);
    for (const d of defs) fake.defineExport(d);
    const rt = new Runtime(3, memory, fake.wasm, 4096);
    fake.rt = rt;
    return { rt, fake, memory };
  }

  const slotAdd = (fr) => fr.retI32((fr.i32(0) + fr.i32(1)) | 0);

  test("the fast flag and a __slotwire_fast__ function: the typed export is called, not slotwire_call", () => {
    const { rt, fake } = runtimeWith([
      { name: "add", params: [T.i32, T.i32], names: "a,b", ret: T.i32, impl: slotAdd, fast: true, fastFn: (a, b) => (a + b + 1000) | 0 },
    ]);
    assert.equal(rt.fastArea, 4096);
    assert.equal(rt.exports.add(2, 3), 1005, "the fake fast function's answer");
    assert.deepEqual(fake.log.fast, [["add", [2, 3]]]);
    assert.deepEqual(fake.log.calls, []);
    assert.equal(rt.exports.add.name, "add");
    assert.equal(rt.exports.add.length, 2);
    throwsWith(assert, () => rt.exports.add(1), TypeError, "add: argument 2 (b: i32) is missing");
    throwsWith(assert, () => rt.exports.add(1, 2.5), RangeError, "add: argument 2 (b): 2.5 is out of range for i32");
  });

  test("a dotted name with string and char arguments and a u32 result", () => {
    const { rt, fake, memory } = runtimeWith([
      {
        name: "text.count",
        params: [T.string, T.char],
        names: "s,c",
        ret: T.u32,
        impl: () => 0,
        fast: true,
        fastFn: (p, l, c) => {
          const s = decode(memory, p, l);
          return s === "ééé" && c === 0xe9 ? -1 : 0;
        },
      },
    ]);
    assert.equal(rt.exports.text.count("ééé", "é"), 4294967295);
    assert.equal(typeof fake.wasm["__slotwire_fast__text$count"], "function", "the dotted name's symbol");
    assert.equal(fake.log.fast.length, 1);
    assert.equal(fake.log.fast[0][0], "text.count");
    assert.deepEqual(fake.log.calls, []);
    assert.equal(rt.heap.top, rt.heap.base);
  });

  test("without the flag, a __slotwire_fast__ function is ignored: slotwire_call", () => {
    const { rt, fake } = runtimeWith([
      { name: "add", params: [T.i32, T.i32], names: "a,b", ret: T.i32, impl: slotAdd, fast: false, fastFn: () => -1 },
    ]);
    assert.equal(rt.exports.add(2, 3), 5);
    assert.deepEqual(fake.log.fast, []);
    assert.equal(fake.log.calls.length, 1);
  });

  test("the flag without a __slotwire_fast__ function: slotwire_call", () => {
    const { rt, fake } = runtimeWith([{ name: "add", params: [T.i32, T.i32], names: "a,b", ret: T.i32, impl: slotAdd, fast: true }]);
    assert.equal(rt.exports.add(2, 3), 5);
    assert.equal(fake.log.calls.length, 1);
  });

  test("an Option parameter or a non-fast result: Rust sends no flag (call::fast::export_eligible), so slotwire_call", () => {
    const { rt, fake } = runtimeWith([
      {
        name: "opt",
        params: [T.i32, T.i32 | NULLABLE],
        names: "a,b",
        ret: T.i32,
        impl: (fr) => fr.retI32(fr.isNull(1) ? -fr.i32(0) : fr.i32(0) + fr.i32(1)),
        fast: false,
        fastFn: () => 999,
      },
      { name: "str", params: [T.i32], names: "a", ret: T.string, impl: (fr) => fr.retStr(`n${fr.i32(0)}`), fast: false, fastFn: () => 999 },
      { name: "big", params: [T.i64], names: "a", ret: T.void, impl: () => 0, fast: false, fastFn: () => 999 },
    ]);
    assert.equal(rt.exports.opt(4), -4);
    assert.equal(rt.exports.opt(4, 1), 5);
    assert.equal(rt.exports.str(7), "n7");
    assert.equal(rt.exports.big(1n), undefined);
    assert.deepEqual(fake.log.fast, []);
    assert.equal(fake.log.calls.length, 4);
  });

  test("a panic in a fast export poisons the runtime; later calls get the poison error", () => {
    const { rt, fake } = runtimeWith([
      {
        name: "boom",
        params: [T.i32],
        names: "a",
        ret: T.void,
        impl: () => 0,
        fast: true,
        fastFn: () => {
          fake.rt.poisoned = "boom (at src/lib.rs:1:1)";
          throw new WebAssembly.RuntimeError("unreachable");
        },
      },
    ]);
    throwsWith(assert, () => rt.exports.boom(1), SlotwireError, "instance poisoned by panic: boom (at src/lib.rs:1:1)");
    throwsWith(assert, () => rt.exports.boom(1), SlotwireError, "instance poisoned by panic: boom");
    assert.equal(fake.log.fast.length, 1);
  });
});

// ---------------------------------------------------------------------------------------------

/** A runtime attached through transport.js to a fake wasm with a zeroed fast area. */
function attach(fastArea) {
  const memory = makeMemory();
  const fake = makeFakeWasm(memory);
  const area = fastArea ?? fake.alloc(32);
  new Uint8Array(memory.buffer, area, 32).fill(0);
  const id = transport.swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()), area);
  const rt = transport.swRuntime(id);
  fake.rt = rt;
  return { memory, fake, id, rt, area };
}

describe("transport.js: swAttach with a fast area, swBind fast, swCall0..6", () => {
  test("swAttach passes the fast area to the Runtime", () => {
    const { rt, area } = attach();
    assert.ok(rt instanceof Runtime);
    assert.equal(rt.fastArea, area);
    assert.ok(area > 0);
  });

  test("the frame generation advances before every frame or result write, and only then", async () => {
    const { id, rt, memory, area } = attach();
    const gen = () => dv(memory).getUint32(area + FAST_FRAME_GEN, true);
    const h = rt.heap;
    let g = gen();
    h.alloc(8);
    assert.equal(gen(), g + 1, "alloc");
    h.beginResult();
    h.endResult();
    assert.equal(gen(), g + 2, "beginResult");
    await transport.swImportModule(id, "fg", { s: (k) => ["ab", "é".repeat(3)][k], n: (k) => k + 1 });
    const str = transport.swBind(id, "s", "fg", Uint8Array.from([T.i32]), T.string, BIND_FAST);
    const num = transport.swBind(id, "n", "fg", Uint8Array.from([T.i32]), T.i32, BIND_FAST);
    g = gen();
    assert.equal(transport.swCall1(num, 1), 2);
    assert.equal(gen(), g, "a number result writes no memory");
    transport.swCall1(str, 0);
    assert.ok(gen() > g, "a short ASCII String result (the inline path)");
    g = gen();
    transport.swCall1(str, 1);
    assert.ok(gen() > g, "a String result encoded as any result is");
    // After the memory grew, the word is written in the new buffer.
    memory.grow(1);
    g = gen();
    h.alloc(8);
    assert.equal(gen(), g + 1);
    // 64 bits: the low word carries into the high word.
    const hi = () => dv(memory).getUint32(area + FAST_FRAME_GEN + 4, true);
    dv(memory).setUint32(area + FAST_FRAME_GEN, 0xffffffff, true);
    const h0 = hi();
    h.alloc(8);
    assert.equal(gen(), 0);
    assert.equal(hi(), h0 + 1);
  });

  test("swBind with fast=true, then swCall3 reaches the function with the converted values", async () => {
    const { id, rt, memory, area } = attach();
    const seen = [];
    await transport.swImportModule(id, "fm", {
      sum3(a, b, c) {
        seen.push([this, a, b, c]);
        return a + b + c;
      },
    });
    const b = transport.swBind(id, "sum3", "fm", Uint8Array.from([T.i32, T.u32, T.f64]), T.f64, BIND_FAST);
    assert.equal(transport.swCall3(b, 1, -1, 0.5), 1 + 4294967295 + 0.5);
    assert.deepEqual(seen, [[undefined, 1, 4294967295, 0.5]]);
    assert.equal(dv(memory).getUint32(area, true), 0);
    assert.equal(rt.fastArea, area);
  });

  test("a fast binding's exception goes to the runtime's fast area", () => {
    const { id, memory, area } = attach();
    globalThis.__swFastThrower = () => {
      throw new TypeError("fast fail");
    };
    try {
      const b = transport.swBind(id, "__swFastThrower", undefined, Uint8Array.from([T.bool]), T.i32, BIND_FAST);
      assert.equal(transport.swCall1(b, 1), 0);
      assert.equal(dv(memory).getUint32(area, true), 1);
      const x = readJsException(memory, area + 8);
      assert.equal(x.name, "TypeError");
      assert.equal(x.message, "fast fail");
    } finally {
      delete globalThis.__swFastThrower;
    }
  });

  test("swCall0..swCall6 each pass their values in order and return the result", async () => {
    const { id } = attach();
    await transport.swImportModule(id, "ar", { join: (...a) => a.reduce((x, y) => x * 10 + y, 0) });
    const calls = [transport.swCall0, transport.swCall1, transport.swCall2, transport.swCall3, transport.swCall4, transport.swCall5, transport.swCall6];
    for (let n = 0; n <= 6; n++) {
      const b = transport.swBind(id, "join", "ar", Uint8Array.from(Array(n).fill(T.u8)), T.u32, BIND_FAST);
      const args = Array.from({ length: n }, (_, i) => i + 1);
      assert.equal(calls[n](b, ...args), Number("0" + "123456".slice(0, n)), `swCall${n}`);
    }
  });

  test("a fast string parameter through swCall2", async () => {
    const { id, fake } = attach();
    await transport.swImportModule(id, "st", { len: (s) => s.length });
    const b = transport.swBind(id, "len", "st", Uint8Array.from([T.string]), T.usize, BIND_FAST);
    const { ptr, len } = fake.placeString("héllo");
    assert.equal(transport.swCall2(b, ptr, len), 5);
  });

  test("swBind without fast (or BIND_SLOTS) is the slot invoker", async () => {
    const { id, memory, fake } = attach();
    await transport.swImportModule(id, "sl", { add: (a, b) => a + b });
    for (const fast of [BIND_SLOTS, undefined]) {
      const b = transport.swBind(id, "add", "sl", Uint8Array.from([T.i32, T.i32]), T.i32, fast);
      const p = rustFrame(fake, 2);
      writeArg(memory, p, 0, "i32", 40);
      writeArg(memory, p, 1, "i32", 2);
      assert.equal(transport.swInvoke(b, p), STATUS_OK);
      assert.equal(readSlot(memory, p + 16).i32, 42);
    }
  });

  test("swCall0..swCall6 are exported", () => {
    for (let n = 0; n <= 6; n++) assert.equal(typeof transport[`swCall${n}`], "function", `swCall${n}`);
  });
});

// Keep checkers referenced: the fast paths must agree with them on every bad value.
describe("checkers agree with the inline fast checks", () => {
  test("every BAD_VALUES entry is rejected by its checker with the same class", () => {
    for (const [code, v, Class] of BAD_VALUES) {
      assert.throws(() => checkers[code](v, "w"), (e) => e.constructor === Class);
    }
  });
});

describe("swBind with a key (per-import trampolines of #[js_import])", () => {
  test("defines the invoker as the global `key`; calls reach the function", () => {
    const { memory, id: rtId, area } = attach();
    const seen = [];
    globalThis.__keyTest = { add3: (a, b, c) => (seen.push([a, b, c]), a + b + c) };
    try {
      const key = "__slotwire_k00000000deadbeef";
      const id = transport.swBind(rtId, "globalThis.__keyTest.add3", undefined, Uint8Array.from([T.i32, T.u32, T.i32]), T.i32, BIND_FAST_REFS, key);
      const f = globalThis[key];
      assert.equal(typeof f, "function");
      assert.equal(f(id, 1, 2, 3), 6, "the binding id first, then the wasm values");
      assert.deepEqual(seen[0], [1, 2, 3]);
      // u32 arrives unsigned; the i32 result out of range is reported in the fast area, not returned.
      assert.equal(f(id, 1, -1, 2), 0);
      assert.deepEqual(seen[1], [1, 4294967295, 2]);
      assert.equal(new Uint32Array(memory.buffer)[area >>> 2], 1, "status word set");
      // Without a key nothing is defined.
      const before = Object.getOwnPropertyNames(globalThis).filter((k) => k.startsWith("__slotwire_k")).length;
      transport.swBind(rtId, "globalThis.__keyTest.add3", undefined, Uint8Array.from([T.i32, T.i32, T.i32]), T.i32, BIND_FAST, undefined);
      const after = Object.getOwnPropertyNames(globalThis).filter((k) => k.startsWith("__slotwire_k")).length;
      assert.equal(after, before);
    } finally {
      delete globalThis.__keyTest;
      delete globalThis.__slotwire_k00000000deadbeef;
    }
  });

  test("without code generation too: the keyed invoker takes the id first, the dispatcher passes it on", () => {
    setCodegen(false);
    const { id: rtId } = attach();
    const key = "__slotwire_k00000000000cafe5";
    try {
      transport.swRuntime(rtId).modules.set("n", { ns: { g: (x, y) => x * y, h: (x, y) => x - y }, promise: null });
      const i1 = transport.swBind(rtId, "g", "n", Uint8Array.from([T.i32, T.i32]), T.i32, BIND_FAST_REFS, key);
      assert.equal(globalThis[key](i1, 6, 7), 42);
      const i2 = transport.swBind(rtId, "h", "n", Uint8Array.from([T.i32, T.i32]), T.i32, BIND_FAST_REFS, key);
      assert.equal(globalThis[key](i1, 6, 7), 42);
      assert.equal(globalThis[key](i2, 6, 7), -1);
    } finally {
      setCodegen(true);
      delete globalThis[key];
    }
  });

  test("two instances binding the same import (same key) each reach their own invoker", () => {
    const a = attach();
    const b = attach();
    const key = "__slotwire_k0000000000c0ffee";
    try {
      transport.swRuntime(a.id).modules.set("m", { ns: { f: (x) => x + 1 }, promise: null });
      transport.swRuntime(b.id).modules.set("m", { ns: { f: (x) => x + 100 }, promise: null });
      const ia = transport.swBind(a.id, "f", "m", Uint8Array.from([T.i32]), T.i32, BIND_FAST_REFS, key);
      assert.equal(globalThis[key](ia, 1), 2, "one binding: the global is its invoker");
      const ib = transport.swBind(b.id, "f", "m", Uint8Array.from([T.i32]), T.i32, BIND_FAST_REFS, key);
      const g = globalThis[key];
      assert.equal(g(ia, 1), 2, "instance A's binding");
      assert.equal(g(ib, 1), 101, "instance B's binding");
      assert.equal(g(ia, 5), 6, "A again, after B bound");
      const ic = transport.swBind(b.id, "f", "m", Uint8Array.from([T.i32]), T.i32, BIND_FAST_REFS, key);
      assert.equal(globalThis[key], g, "a third binding keeps the dispatcher");
      assert.equal(g(ic, 2), 102);
    } finally {
      delete globalThis[key];
    }
  });
});

describe("makeFastImport with a JsObject result", () => {
  for (const codegen of [true, false]) {
    test(`returns a new handle per call; a non-object is a reported TypeError, no handle taken (codegen ${codegen})`, () => {
      setCodegen(codegen);
      try {
        const { memory, fake, id: rtId, area } = attach();
        const rt = transport.swRuntime(rtId);
        const o = { a: 1 };
        let out = o;
        const f = makeFastImport(rt, () => out, undefined, "m#make", [], T.object);
        const h1 = f();
        const h2 = f();
        assert.ok(h1 > 0 && h2 > 0 && h1 !== h2, "a handle per crossing");
        assert.equal(rt.heap.objects.get(h1), o);
        assert.equal(rt.heap.objects.live, 2);
        for (const bad of [null, undefined, 5, "s"]) {
          out = bad;
          assert.equal(f(), 0);
          const u32 = new Uint32Array(memory.buffer);
          assert.equal(u32[(area + FAST_STATUS) >>> 2], FAST_THREW, "the exception is reported");
          u32[(area + FAST_STATUS) >>> 2] = 0;
        }
        assert.equal(rt.heap.objects.live, 2, "no handle for a refused value");
        out = () => 1;
        assert.equal(typeof rt.heap.objects.get(f()), "function");
        void fake;
      } finally {
        setCodegen(true);
      }
    });
  }
});

describe("makeFastImport: calls Rust queued run first", () => {
  for (const codegen of [true, false]) {
    test(`batchPending: flushQueued before the call, once; without it, none; a trap in the flush is not the import's error (codegen ${codegen})`, () => {
      setCodegen(codegen);
      try {
        const { id: rtId } = attach();
        const rt = transport.swRuntime(rtId);
        const order = [];
        let stillQueued = 0;
        let trap = null;
        // Rust's slotwire_flush_queued: runs the batch (here: logs), says whether calls remain.
        rt.wasm = { ...rt.wasm, slotwire_flush_queued: () => {
          if (trap !== null) throw trap;
          order.push("flush");
          return stillQueued;
        } };
        const f = makeFastImport(rt, (x) => (order.push(`call ${x}`), x + 1), undefined, "m#f", [T.i32], T.i32, true);
        assert.equal(f(7, 1), 2);
        assert.deepEqual(order, ["call 1"], "nothing pending: no flush");
        transport.swBatchQueued(rtId);
        assert.equal(f(7, 2), 3);
        assert.deepEqual(order, ["call 1", "flush", "call 2"], "the queued calls first");
        assert.equal(rt.batchPending, false);
        assert.equal(f(7, 3), 4);
        assert.deepEqual(order.slice(3), ["call 3"], "once");
        stillQueued = 1; // a call inside the flush queued again: the flag stays
        transport.swBatchQueued(rtId);
        f(7, 4);
        assert.equal(rt.batchPending, true);
        stillQueued = 0;
        f(7, 5);
        assert.deepEqual(order.slice(4), ["flush", "call 4", "flush", "call 5"]);
        assert.equal(rt.batchPending, false);
        // A trap in the flush (a panic in Rust; also what a queued call that poisoned the instance
        // makes, batch.rs implicit_flush) propagates as itself, not as the import's throw.
        trap = new WebAssembly.RuntimeError("unreachable");
        transport.swBatchQueued(rtId);
        assert.throws(() => f(7, 6), WebAssembly.RuntimeError);
        assert.ok(!order.includes("call 6"), "the call did not run");
        // Without the id (a TypedBinding or Binding past the pool, through swCallN): the same.
        trap = null;
        const g = makeFastImport(rt, (x) => (order.push(`g ${x}`), x), undefined, "m#g", [T.i32], T.i32, false);
        transport.swBatchQueued(rtId);
        assert.equal(g(9), 9);
        assert.deepEqual(order.slice(-2), ["flush", "g 9"]);
      } finally {
        setCodegen(true);
      }
    });
  }
});

describe("makeFastImport with externref objects (refs: a #[js_import]'s own import)", () => {
  for (const codegen of [true, false]) {
    test(`an object argument is the object, an object result is itself; a non-object result is a reported TypeError; the table is not touched (codegen ${codegen})`, () => {
      setCodegen(codegen);
      try {
        const { memory, id: rtId, area } = attach();
        const rt = transport.swRuntime(rtId);
        const o = { answer: 41 };
        let seen;
        const inc = makeFastImport(rt, (x, n) => ((seen = x), x.answer + n), undefined, "m#inc", [T.object, T.i32], T.i32, true, true);
        assert.equal(inc(7, o, 1), 42, "id first, then the object itself");
        assert.equal(seen, o);
        let out = o;
        const make = makeFastImport(rt, () => out, undefined, "m#make", [], T.object, true, true);
        assert.equal(make(7), o, "the object itself, not a handle");
        out = Math.max;
        assert.equal(make(7), Math.max, "a function is an object");
        const u32 = () => new Uint32Array(memory.buffer);
        for (const bad of [null, undefined, 5, "s", 5n, Symbol("x")]) {
          out = bad;
          assert.equal(make(7), 0);
          assert.equal(u32()[(area + FAST_STATUS) >>> 2], FAST_THREW, `${String(bad)}: the exception is reported`);
          u32()[(area + FAST_STATUS) >>> 2] = 0;
        }
        assert.equal(rt.heap.objects.live, 0, "no handle made either way");
      } finally {
        setCodegen(true);
      }
    });
  }
});

describe("makeFastClosure (a Rust closure of plain values)", () => {
  for (const codegen of [true, false]) {
    test(`typed call, status 2 → slot path, fewer arguments → slot path, bad argument (codegen ${codegen})`, () => {
      setCodegen(codegen);
      try {
        const memory = makeMemory();
        const heap = new Heap(memory);
        const calls = [];
        let status = 0;
        const rt = {
          heap,
          fastArea: 64,
          poisoned: null,
          trapped: (e) => e,
        };
        // The closure's typed entry (a wasm function of its own, from the function table).
        const entry = (handle, a, b) => {
          calls.push([handle, a, b]);
          new Uint32Array(memory.buffer)[16] = status;
          return status === 2 ? NaN : a * b; // NaN and status 2: the slot path
        };
        const slow = (...a) => `slow(${a.join(",")})`;
        const f = makeFastClosure(rt, 7, [T.i32, T.bool], T.i32, slow, CLOSURE_FAST_F64, "closure", entry);
        assert.equal(f(6, true), 6);
        assert.deepEqual(calls[0], [7, 6, 1], "the handle first, then the checked values");
        assert.equal(f(6, false, "extra"), 0, "extra arguments are ignored");
        assert.equal(f(6), "slow(6)", "too few: the slot path (which reports it)");
        status = 2;
        assert.equal(f(2, true), "slow(2,true)", "Rust asked for the slot path");
        assert.equal(new Uint32Array(memory.buffer)[16], 0, "and the status word is cleared");
        status = 0;
        assert.throws(() => f(1.5, true), RangeError);
        assert.throws(() => f(1, 1), TypeError);
        const b = makeFastClosure(rt, 7, [T.i32, T.i32], T.bool, slow, CLOSURE_FAST_F64, "closure", entry);
        assert.equal(b(1, 0), false);
        assert.equal(makeFastClosure({ ...rt, fastArea: 0 }, 7, [T.i32], T.i32, slow, CLOSURE_FAST_F64, "c", entry), null, "no fast area");
      } finally {
        setCodegen(true);
      }
    });

    test(`CLOSURE_FAST_I32: the handle in two i32 halves, u32 results unwrapped (codegen ${codegen})`, () => {
      setCodegen(codegen);
      try {
        const memory = makeMemory();
        const heap = new Heap(memory);
        const calls = [];
        let result = 0;
        const rt = {
          heap,
          fastArea: 64,
          poisoned: null,
          trapped: (e) => e,
        };
        const entry = (...a) => {
          calls.push(a);
          return result;
        };
        const slow = (...a) => `slow(${a.join(",")})`;
        const handle = 2 ** 40 + 2 ** 31 + 5; // high half 256, low half above 2^31
        const f = makeFastClosure(rt, handle, [T.u32, T.bool], T.u32, slow, CLOSURE_FAST_I32, "closure", entry);
        result = -1; // u32::MAX, wrapped into the entry's i32 result
        assert.equal(f(3e9, true), 4294967295);
        assert.deepEqual(calls[0], [(2 ** 31 + 5) | 0, 256, 3e9, 1], "lo, hi, then the checked values");
        assert.equal((calls[0][0] >>> 0) + calls[0][1] * 2 ** 32, handle, "the halves make the handle");
        assert.throws(() => f(-1, true), RangeError, "still checked against the parameter type");
        const c = makeFastClosure(rt, 9, [T.i32, T.i32], T.char, slow, CLOSURE_FAST_I32, "closure", entry);
        result = 0x1d11e;
        assert.equal(c(1, 2), "𝄞");
        const v = makeFastClosure(rt, 9, [T.i32, T.i32], T.void, slow, CLOSURE_FAST_I32, "closure", entry);
        assert.equal(v(1, 2), undefined);
        assert.deepEqual(calls.at(-1), [9, 0, 1, 2]);
        // i32::MIN: the slot path when the status word says so, else the closure's own result.
        const m = makeFastClosure(rt, 9, [T.i32, T.i32], T.i32, slow, CLOSURE_FAST_I32, "closure", entry);
        result = CLOSURE_I32_USE_SLOTS;
        assert.equal(m(1, 2), -2147483648, "status clear: a result of i32::MIN");
        new Uint32Array(memory.buffer)[16] = FAST_USE_SLOTS;
        assert.equal(m(1, 2), "slow(1,2)", "status 2: the slot path");
        assert.equal(new Uint32Array(memory.buffer)[16], 0, "and the status word is cleared");
      } finally {
        setCodegen(true);
      }
    });
  }
});

describe("fast imports with span arguments (&[T] / &mut [T] of numbers)", () => {
  for (const codegen of [true, false]) {
    test(`a MemoryView valid during the call, read-only for &[T], disposed after (codegen ${codegen})`, () => {
      setCodegen(codegen);
      try {
        const { memory, fake, id: rtId, area } = attach();
        let kept = null;
        transport.swRuntime(rtId).modules.set("sp", {
          ns: {
            sum: (v, k) => {
              kept = v;
              let s = 0;
              for (const x of v) s += x;
              return s * k;
            },
            fill: (v) => v.set([7, 8]),
          },
          promise: null,
        });
        const at = fake.alloc(32);
        new Float64Array(memory.buffer, at, 3).set([1, 2, 3.5]);
        const span = (elem, mut) => (mut ? T.span_mut : T.span) | (elem << 8);
        const id = transport.swBind(rtId, "sum", "sp", Uint32Array.from([span(T.f64, false), T.i32]), T.f64, BIND_FAST);
        assert.equal(transport.swCall3(id, at, 3, 2), 13, "(ptr, len) then the i32");
        assert.equal(kept.isDisposed, true, "disposed when the call returned");
        assert.throws(() => kept.length, /valid only during the call/);
        const at2 = fake.alloc(8);
        const fillId = transport.swBind(rtId, "fill", "sp", Uint32Array.from([span(T.i32, true)]), T.void, BIND_FAST);
        transport.swCall2(fillId, at2, 2);
        assert.deepEqual(Array.from(new Int32Array(memory.buffer, at2, 2)), [7, 8], "&mut [T]: JS writes land");
        const roId = transport.swBind(rtId, "fill", "sp", Uint32Array.from([span(T.i32, false)]), T.void, BIND_FAST);
        transport.swCall2(roId, at2, 2);
        assert.equal(new Uint32Array(memory.buffer)[area >>> 2], 1, "&[T]: set throws, reported in the fast area");
      } finally {
        setCodegen(true);
      }
    });
  }
});

test("compile: bindings of one generated source do not share feedback (call sites of their own)", () => {
  // V8 caches `new Function` by its source text: from the second compile of one source on, the
  // functions share a SharedFunctionInfo and a feedback vector, so two bindings of one shape
  // would share their `fn(..)` call site (polymorphic, not inlined). The fixture compiles one
  // body five times and prints each function's feedback vector (%DebugPrint).
  const fixture = fileURLToPath(new URL("./fixtures/compile-feedback.mjs", import.meta.url));
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", fixture], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const vectors = r.stdout.split("\n").filter((l) => l.includes("feedback vector:")).map((l) => l.trim());
  assert.equal(vectors.length, 5, r.stdout.slice(0, 400));
  assert.equal(new Set(vectors).size, 5, `shared feedback vectors:\n${vectors.join("\n")}`);
});

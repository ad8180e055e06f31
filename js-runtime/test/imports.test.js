import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { NULLABLE, STATUS_EXCEPTION, STATUS_OK, T } from "../src/slot.js";
import { SlotwireError } from "../src/errors.js";
import { makeInvoker, resolveTarget } from "../src/imports.js";
import { setCodegen } from "../src/codegen.js";
import { Runtime } from "../src/runtime.js";
import { decode, makeFakeWasm, makeMemory, readJsException, readSlot, rustFrame, setup, throwsWith, writeArg } from "./helpers.js";

/** `r` calls `f` with its `this` (the intrinsic `call` bound to both: no `self` left to pass). */
function boundTo(r, f) {
  assert.equal(r.self, undefined);
  assert.equal(typeof r.fn, "function");
  assert.notEqual(r.fn, f);
  assert.equal(r.fn.name, "bound call");
}

describe("resolveTarget: paths from globalThis", () => {
  const rt = { modules: new Map() };

  test('"globalThis.Math.max": the function, with Math as this', () => {
    const r = resolveTarget(rt, "globalThis.Math.max");
    boundTo(r, Math.max, Math);
    assert.equal(r.fn(1, 5, 3), 5);
    assert.equal(r.where, "globalThis.Math.max");
  });

  test('"Math.max": globalThis. is optional', () => {
    const r = resolveTarget(rt, "Math.max", undefined);
    boundTo(r, Math.max, Math);
    assert.equal(r.where, "globalThis.Math.max");
    boundTo(resolveTarget(rt, "Math.max", null), Math.max, Math);
  });

  test("a top-level function gets globalThis as this; methods keep their object", () => {
    const r = resolveTarget(rt, "parseInt");
    boundTo(r, parseInt, globalThis);
    globalThis.__swTestObj = { deep: { f() { return this; } } };
    try {
      const s = resolveTarget(rt, "globalThis.__swTestObj.deep.f");
      boundTo(s, globalThis.__swTestObj.deep.f, globalThis.__swTestObj.deep);
      assert.equal(s.fn(), globalThis.__swTestObj.deep);
    } finally {
      delete globalThis.__swTestObj;
    }
  });

  test("calling the target is what `obj.f(x)` does: a function's own `call`, a Proxy's `get`, are not asked", () => {
    const f = function (x) {
      return [this, x + 1];
    };
    f.call = () => 999;
    f.apply = () => 999;
    const asked = [];
    const g = new Proxy(f, { get: (t, k) => (asked.push(k), () => 999) });
    globalThis.__swCallProp = { f, g };
    try {
      const r = resolveTarget(rt, "__swCallProp.f");
      assert.deepEqual(r.fn(1), [globalThis.__swCallProp, 2]);
      asked.length = 0;
      const p = resolveTarget(rt, "__swCallProp.g");
      assert.deepEqual(p.fn(1), [globalThis.__swCallProp, 2]);
      assert.deepEqual(asked, [], "nothing asked of the proxy, at the bind or per call");
    } finally {
      delete globalThis.__swCallProp;
    }
  });

  test("a missing name is a TypeError naming the path", () => {
    throwsWith(assert, () => resolveTarget(rt, "Math.nope"), TypeError, '"globalThis.Math.nope"', "undefined", "not a function");
    throwsWith(assert, () => resolveTarget(rt, "globalThis.noSuchThing.deeper.fn"), TypeError, '"globalThis.noSuchThing.deeper.fn"', '"deeper"');
    throwsWith(assert, () => resolveTarget(rt, "noSuchGlobal"), TypeError, "globalThis.noSuchGlobal");
  });

  test("a non-function is a TypeError saying what it is", () => {
    throwsWith(assert, () => resolveTarget(rt, "Math.PI"), TypeError, "Math.PI", "number", "not a function");
    throwsWith(assert, () => resolveTarget(rt, "globalThis.Math"), TypeError, "object");
    throwsWith(assert, () => resolveTarget(rt, "globalThis"), TypeError, "object");
    globalThis.__swNull = null;
    try {
      throwsWith(assert, () => resolveTarget(rt, "__swNull"), TypeError, "null");
      throwsWith(assert, () => resolveTarget(rt, "__swNull.x"), TypeError, "of null");
    } finally {
      delete globalThis.__swNull;
    }
  });
});

describe("resolveTarget: names that start like globalThis", () => {
  test("a global whose name starts with 'globalThis' resolves", () => {
    globalThis.globalThisLike = { f() {} };
    try {
      const r = resolveTarget({ modules: new Map() }, "globalThisLike.f");
      boundTo(r, globalThis.globalThisLike.f, globalThis.globalThisLike);
    } finally {
      delete globalThis.globalThisLike;
    }
  });

  test(
    "and is reported with the globalThis. prefix like any other path",
    
    () => {
      globalThis.globalThisLike = {};
      try {
        throwsWith(assert, () => resolveTarget({ modules: new Map() }, "globalThisLike.f"), TypeError, '"globalThis.globalThisLike.f"');
      } finally {
        delete globalThis.globalThisLike;
      }
    },
  );
});

describe("resolveTarget: module targets", () => {
  const mod = {
    f() {
      return this;
    },
    obj: {
      g() {
        return this;
      },
    },
    notFn: 3,
  };
  const rt = {
    modules: new Map([
      ["m", { ns: mod, promise: Promise.resolve(mod) }],
      ["loading", { ns: null, promise: new Promise(() => {}) }],
    ]),
  };

  test("a function of the module: called with this undefined, where is module#path", () => {
    const r = resolveTarget(rt, "f", "m");
    assert.equal(r.fn, mod.f);
    assert.equal(r.self, undefined);
    assert.equal(r.where, "m#f");
  });

  test("a method inside the module keeps its object", () => {
    const r = resolveTarget(rt, "obj.g", "m");
    boundTo(r, mod.obj.g, mod.obj);
    assert.equal(r.fn(), mod.obj);
    assert.equal(r.where, "m#obj.g");
  });

  test("a missing or non-function member is a TypeError naming module#path", () => {
    throwsWith(assert, () => resolveTarget(rt, "h", "m"), TypeError, '"m#h"', "undefined");
    throwsWith(assert, () => resolveTarget(rt, "notFn", "m"), TypeError, '"m#notFn"', "number");
    throwsWith(assert, () => resolveTarget(rt, "Math.max", "m"), TypeError, "m#Math.max");
  });

  test("a module never loaded: SlotwireError naming the module and telling what to do", () => {
    throwsWith(assert, () => resolveTarget(rt, "f", "other"), SlotwireError, '"f"', 'module "other" was never loaded', 'importModule("other"');
  });

  test("a module still loading: SlotwireError saying so", () => {
    throwsWith(assert, () => resolveTarget(rt, "f", "loading"), SlotwireError, 'module "loading" is still loading');
  });

  test("with a real Runtime: still loading until importModule's promise settles", async () => {
    const memory = makeMemory();
    const runtime = new Runtime(1, memory, makeFakeWasm(memory).wasm);
    const p = runtime.importModule("d", "data:text/javascript,export function hi() { return 1; }");
    throwsWith(assert, () => resolveTarget(runtime, "hi", "d"), SlotwireError, "still loading");
    await p;
    assert.equal(resolveTarget(runtime, "hi", "d").fn(), 1);
  });
});

describe("makeInvoker", () => {
  function bind(fn, params, ret, { self, area = 4096 } = {}) {
    const s = setup({ area });
    const inv = makeInvoker(s.rt, fn, self, "m#f", params, ret);
    const p = rustFrame(s.fake, Math.max(params.length, 1));
    return { ...s, inv, p };
  }

  test("reads the arguments from their slots and writes the result", () => {
    let got;
    const { inv, p, memory, heap: h } = bind(
      (a, b) => {
        got = [a, b];
        return a + b;
      },
      [T.i32, T.i32],
      T.i32,
    );
    writeArg(memory, p, 0, "i32", 40);
    writeArg(memory, p, 1, "i32", -2);
    const top = h.top;
    assert.equal(inv(p), STATUS_OK);
    assert.deepEqual(got, [40, -2]);
    assert.equal(readSlot(memory, p + 16).i32, 38);
    assert.equal(h.top, top);
  });

  test("calls with the bound this", () => {
    const obj = {
      k: 10,
      m(x) {
        return this.k * x;
      },
    };
    const { inv, p, memory } = bind(obj.m, [T.f64], T.f64, { self: obj });
    writeArg(memory, p, 0, "f64", 1.5);
    assert.equal(inv(p), STATUS_OK);
    assert.equal(readSlot(memory, p + 16).f64, 15);
  });

  test("every arity: 0 to 6 arguments reach the function in order", () => {
    for (let n = 0; n <= 6; n++) {
      const seen = [];
      const { inv, memory, fake } = bind(
        (...args) => {
          seen.push(args);
          return args.reduce((a, b) => a * 10 + b, 0);
        },
        Array(n).fill(T.u32),
        T.f64,
      );
      const p = rustFrame(fake, n);
      for (let i = 0; i < n; i++) writeArg(memory, p, i, "u32", i + 1);
      assert.equal(inv(p), STATUS_OK);
      assert.equal(seen[0].length, n, `arity ${n}`);
      assert.deepEqual(seen[0], Array.from({ length: n }, (_, i) => i + 1));
      assert.equal(readSlot(memory, p + 16).f64, Number("0" + "123456".slice(0, n)));
    }
  });

  test("argument types: bigint, string, nullable, date", () => {
    let got;
    const { inv, p: _p, memory, fake } = bind(
      (...a) => {
        got = a;
      },
      [T.i64, T.string, T.i32 | NULLABLE, T.f64 | NULLABLE, T.date],
      T.void,
    );
    const p = rustFrame(fake, 5);
    writeArg(memory, p, 0, "i64", -(2n ** 63n));
    writeArg(memory, p, 1, "str", fake.placeString("héllo 𝄞"));
    writeArg(memory, p, 2, "null");
    writeArg(memory, p, 3, "f64", 0.25);
    writeArg(memory, p, 4, "f64", 1e12);
    const before = readSlot(memory, p + 16);
    assert.equal(inv(p), STATUS_OK);
    assert.equal(got[0], -(2n ** 63n));
    assert.equal(got[1], "héllo 𝄞");
    assert.equal(got[2], null);
    assert.equal(got[3], 0.25);
    assert.ok(got[4] instanceof Date);
    assert.equal(got[4].getTime(), 1e12);
    assert.deepEqual(readSlot(memory, p + 16), before, "void result: result slot untouched");
  });

  test("a string result goes into the frame area above top, which stays where it was", () => {
    const { inv, p, memory, heap: h, base } = bind(() => "résultat", [], T.string);
    const top = h.top;
    assert.equal(inv(p), STATUS_OK);
    const r = readSlot(memory, p + 16);
    assert.equal(r.lo, base);
    assert.equal(decode(memory, r.lo, r.len), "résultat");
    assert.equal(h.top, top);
    assert.equal(h.inResult, false);
  });

  test("a string result larger than the area goes into the result buffer; nothing to free", () => {
    const big = "é".repeat(5000) + "end";
    const { inv, p, memory, heap: h, fake } = bind(() => big, [], T.string, { area: 256 });
    assert.equal(inv(p), STATUS_OK);
    const r = readSlot(memory, p + 16);
    assert.equal(r.lo, fake.resultBuffer.ptr);
    assert.equal(decode(memory, r.lo, r.len), big);
    assert.deepEqual(h.overflow, []);
    assert.equal(h.inResult, false);
  });

  test("Option<string> result: null sets the flag, a string clears it", () => {
    let v = null;
    const { inv, p, memory } = bind(() => v, [], T.string | NULLABLE);
    assert.equal(inv(p), STATUS_OK);
    assert.equal(readSlot(memory, p + 16).flags, 1);
    v = "x";
    assert.equal(inv(p), STATUS_OK);
    const r = readSlot(memory, p + 16);
    assert.equal(r.flags, 0);
    assert.equal(decode(memory, r.lo, r.len), "x");
  });

  test("a throwing function: STATUS_EXCEPTION and the error in slot 0", () => {
    const { inv, p, memory, heap: h } = bind(
      () => {
        throw new TypeError("bad input");
      },
      [],
      T.i32,
    );
    const top = h.top;
    assert.equal(inv(p), STATUS_EXCEPTION);
    const x = readJsException(memory, p);
    assert.equal(x.ty, T.error);
    assert.equal(x.name, "TypeError");
    assert.equal(x.message, "bad input");
    assert.ok(x.stack.includes("bad input"));
    assert.equal(h.top, top);
    assert.equal(h.inResult, false);
  });

  test("a throwing function with a string result: the error, and the area released", () => {
    const { inv, p, memory, heap: h } = bind(
      () => {
        throw "nope";
      },
      [T.i32],
      T.string,
    );
    const top = h.top;
    assert.equal(inv(p), STATUS_EXCEPTION);
    assert.equal(readJsException(memory, p).message, "nope");
    assert.equal(h.top, top);
    assert.equal(h.inResult, false);
  });

  test("a result of the wrong type: STATUS_EXCEPTION with a TypeError naming the result", () => {
    const { inv, p, memory } = bind(() => "7", [], T.i32);
    assert.equal(inv(p), STATUS_EXCEPTION);
    const x = readJsException(memory, p);
    assert.equal(x.name, "TypeError");
    assert.ok(x.message.startsWith("m#f: result: expected i32"), x.message);
    const s = bind(() => 7, [], T.string);
    assert.equal(s.inv(s.p), STATUS_EXCEPTION);
    assert.ok(readJsException(s.memory, s.p).message.includes("m#f: result: expected string"));
    const r = bind(() => 300, [], T.u8);
    assert.equal(r.inv(r.p), STATUS_EXCEPTION);
    assert.equal(readJsException(r.memory, r.p).name, "RangeError");
  });

  test("an argument Rust wrote that JS cannot take: STATUS_EXCEPTION, the function is not called", () => {
    let called = false;
    const { inv, p, memory } = bind(
      () => {
        called = true;
      },
      [T.i64_number],
      T.void,
    );
    writeArg(memory, p, 0, "i64", 2n ** 60n);
    assert.equal(inv(p), STATUS_EXCEPTION);
    assert.equal(called, false);
    const x = readJsException(memory, p);
    assert.equal(x.name, "RangeError");
    assert.ok(x.message.includes("m#f: argument 1 (i64_number)"), x.message);
  });

  test("memory growth during the call: the result is written into the new buffer", () => {
    const { inv, p, memory, heap: h } = bind(
      () => {
        memory.grow(1);
        return "after growth";
      },
      [],
      T.string,
    );
    const pages = memory.buffer.byteLength;
    assert.equal(inv(p), STATUS_OK);
    assert.ok(memory.buffer.byteLength > pages);
    assert.equal(h.u8.buffer, memory.buffer);
    const r = readSlot(memory, p + 16);
    assert.equal(decode(memory, r.lo, r.len), "after growth");
    const q = bind(
      () => {
        q.memory.grow(1);
        return 77;
      },
      [],
      T.i32,
    );
    assert.equal(q.inv(q.p), STATUS_OK);
    assert.equal(readSlot(q.memory, q.p + 16).i32, 77);
  });

  test("unsupported codes throw a SlotwireError at bind time", () => {
    const { rt } = setup();
    throwsWith(assert, () => makeInvoker(rt, () => {}, undefined, "m#f", [T.span], T.void), SlotwireError, "m#f", "span");
    throwsWith(assert, () => makeInvoker(rt, () => {}, undefined, "m#f", [], T.span), SlotwireError, "span");
    // A promise result needs the code of its value: the promise's writer checks that at bind time.
    throwsWith(assert, () => makeInvoker(rt, () => {}, undefined, "m#f", [], T.promise | (T.span << 8)), SlotwireError, "span");
  });

  test(
    "a thrown revoked Proxy still becomes STATUS_EXCEPTION",
    
    () => {
      const r = Proxy.revocable({}, {});
      r.revoke();
      const { inv, p } = bind(
        () => {
          throw r.proxy;
        },
        [],
        T.void,
      );
      assert.equal(inv(p), STATUS_EXCEPTION);
    },
  );
});

describe("declared accessors (#[js_import(getter/setter/method = ..)])", () => {
  for (const codegen of [true, false]) {
    test(`@get:, @set:, @method: act on the first argument (codegen ${codegen})`, () => {
      setCodegen(codegen);
      try {
        const o = { answer: 42, "odd key\u2028\"": 1, add(a, b) { return a + b + this.answer; } };
        const get = resolveTarget(null, "@get:answer", null, 1);
        assert.equal(get.self, undefined);
        assert.equal(get.where, 'getter "answer"');
        assert.equal(get.fn(o), 42);
        assert.equal(resolveTarget(null, '@get:odd key\u2028"', null, 1).fn(o), 1, "any name, quoted");
        const set = resolveTarget(null, "@set:answer", null, 2);
        set.fn(o, 7);
        assert.equal(o.answer, 7);
        const m = resolveTarget(null, "@method:add", null, 3);
        assert.equal(m.fn(o, 1, 2), 10, "this is the object");
        assert.throws(() => resolveTarget(null, "@method:answer", null, 1).fn(o), TypeError);
        assert.throws(() => resolveTarget(null, "@nope:x", null, 1), SlotwireError);
        // A module import whose name starts with "@" is not an accessor.
        assert.throws(() => resolveTarget({ modules: new Map() }, "@get:answer", "m", 1), /module "m" was never loaded/);
      } finally {
        setCodegen(true);
      }
    });
  }
});

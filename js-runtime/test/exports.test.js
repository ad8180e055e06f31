import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";

import { NULLABLE, T } from "../src/slot.js";
import { SlotwireError } from "../src/errors.js";
import { makeExport, place } from "../src/exports.js";
import { setCodegen } from "../src/codegen.js";
import { setup, throwsWith } from "./helpers.js";
import { HandleTable } from "../src/handles.js";

/** A fake rt with one export defined in the fake wasm, and the JS function for it. */
function exported(def, opts) {
  const s = setup(opts);
  const id = s.fake.defineExport(def);
  const names = def.names ?? "";
  const f = makeExport(s.rt, id, def.name, def.params ?? [], names === "" ? [] : names.split(","), def.ret ?? T.void);
  return { ...s, id, f };
}

const add = {
  name: "add",
  params: [T.i32, T.i32],
  names: "a,b",
  ret: T.i32,
  impl: (fr) => fr.retI32((fr.i32(0) + fr.i32(1)) | 0),
};

// Every makeExport test runs twice: with the generated per-export function (codegen.js) and with
// the closure used where code generation is forbidden.
for (const codegen of [true, false]) {
  describe(`code generation ${codegen ? "on" : "off"}`, () => {
    before(() => setCodegen(codegen));
    after(() => setCodegen(true));

    test("the mode is the one asked for", () => {
      const { f } = exported(add);
      assert.equal(String(f).includes("...args"), !codegen);
    });

    describe("makeExport: a failed argument gives back the handles earlier ones took", () => {
      test("objects, Option<object> (null skipped), arrays of objects; the export never runs", () => {
        let ran = 0;
        const { f, rt } = exported({
          name: "takes",
          params: [T.object, T.object | NULLABLE, T.array | (T.object << 8), T.i32],
          names: "a,b,c,n",
          ret: T.void,
          impl: () => {
            ran++;
          },
        });
        rt.heap.objects ??= new HandleTable();
        const live = () => rt.heap.objects.live;
        const before = live();
        throwsWith(assert, () => f({}, null, [{}, {}], "x"), TypeError, "argument 4 (n)");
        throwsWith(assert, () => f({}, {}, [{}], 1.5), RangeError, "argument 4 (n)");
        assert.equal(ran, 0);
        assert.equal(live(), before, "no handle left behind");
      });
    });

    describe("makeExport: calls", () => {
      test("writes the arguments at p+32, p+48 and reads the result at p+16", () => {
        const { f, fake, heap: h } = exported(add);
        assert.equal(f(2, 3), 5);
        assert.equal(f(-7, 2), -5);
        assert.equal(f(2147483647, 1), -2147483648);
        assert.equal(fake.log.calls.length, 3);
        assert.equal(h.top, h.base);
      });

      test("the function is named after the last part of the export name, with its arity as length", () => {
        const { f } = exported({ ...add, name: "math.add" });
        assert.equal(f.name, "add");
        assert.equal(f.length, 2);
      });

      test("every arity 0..6 writes each argument into its own slot", () => {
        for (let n = 0; n <= 6; n++) {
          const { f } = exported({
            name: `f${n}`,
            params: Array(n).fill(T.f64),
            names: Array.from({ length: n }, (_, i) => `x${i}`).join(","),
            ret: T.f64,
            impl: (fr) => {
              let acc = 0;
              for (let i = 0; i < n; i++) acc = acc * 10 + fr.f64(i);
              return fr.retF64(acc);
            },
          });
          const args = Array.from({ length: n }, (_, i) => i + 1);
          assert.equal(f(...args), Number("0" + "123456".slice(0, n)), `arity ${n}`);
        }
      });

      test("string arguments and results", () => {
        const { f, heap: h } = exported({
          name: "greet",
          params: [T.string],
          names: "name",
          ret: T.string,
          impl: (fr) => fr.retStr(`hello, ${fr.str(0)}!`),
        });
        assert.equal(f("wörld 𝄞"), "hello, wörld 𝄞!");
        assert.equal(f(""), "hello, !");
        assert.equal(h.top, h.base);
      });

      test("string arguments larger than the frame area use overflow blocks, freed after the call", () => {
        const { f, fake, heap: h } = exported(
          {
            name: "len",
            params: [T.string, T.string],
            names: "a,b",
            ret: T.u32,
            impl: (fr) => fr.retI32(fr.str(0).length * 1000 + fr.str(1).length),
          },
          { area: 256 },
        );
        const live = fake.live.size;
        assert.equal(f("x".repeat(900), "é".repeat(300)), 900300);
        assert.ok(fake.log.free.length >= 2, "overflow blocks were freed");
        assert.equal(fake.live.size, live);
        assert.deepEqual(h.overflow, []);
        assert.equal(h.top, h.base);
      });

      test("results of every kind come back through the reader of the result code", () => {
        for (const [ret, v] of [
          [T.bool, true],
          [T.u8, 255],
          [T.i8, -128],
          [T.u32, 4294967295],
          [T.f32, Math.fround(0.1)],
          [T.f64, -0],
          [T.i64, -(2n ** 63n)],
          [T.u64, 2n ** 64n - 1n],
          [T.i64_number, -(2 ** 53 - 1)],
          [T.char, "𝄞"],
          [T.date, new Date(123456)],
          [T.string, "échø"],
        ]) {
          const { f } = exported({ name: "echo", params: [ret], names: "v", ret, impl: (fr) => fr.echo(0) });
          const got = f(v);
          if (v instanceof Date) assert.equal(got.getTime(), v.getTime());
          else assert.ok(Object.is(got, v), `${String(v)}: got ${String(got)}`);
        }
      });

      test("Option result: None is null", () => {
        let none = true;
        const { f } = exported({
          name: "maybe",
          ret: T.i32 | NULLABLE,
          impl: (fr) => (none ? fr.retNone() : fr.retI32(4)),
        });
        assert.equal(f(), null);
        none = false;
        assert.equal(f(), 4);
      });

      test("a void export returns undefined", () => {
        let ran = 0;
        const { f } = exported({ name: "tick", impl: () => (ran++, 0) });
        assert.equal(f(), undefined);
        assert.equal(ran, 1);
      });

      test("re-entrant calls get frames of their own", () => {
        const s = setup();
        const innerId = s.fake.defineExport({ ...add, name: "inner" });
        const inner = makeExport(s.rt, innerId, "inner", [T.i32, T.i32], ["a", "b"], T.i32);
        const outerId = s.fake.defineExport({
          name: "outer",
          params: [T.i32, T.string],
          names: "x,s",
          ret: T.string,
          impl: (fr) => {
            const before = [fr.i32(0), fr.str(1)];
            const r = inner(100, 23); // JS called from Rust calls Rust again
            const after = [fr.i32(0), fr.str(1)];
            assert.deepEqual(after, before, "the outer frame survived the inner call");
            return fr.retStr(`${after[1]}:${after[0] + r}`);
          },
        });
        const outer = makeExport(s.rt, outerId, "outer", [T.i32, T.string], ["x", "s"], T.string);
        assert.equal(outer(1, "abc"), "abc:124");
        assert.equal(s.heap.top, s.heap.base);
      });

      test("memory growth during the call: the result is read from the new buffer", () => {
        const { f, memory, heap: h } = exported({
          name: "grow",
          ret: T.string,
          impl: (fr, fake) => {
            memory.grow(2);
            return fr.retStr("from a grown memory");
          },
        });
        assert.equal(f(), "from a grown memory");
        assert.equal(h.u8.buffer, memory.buffer);
      });
    });

    describe("makeExport: arity", () => {
      test("too few arguments: TypeError naming the missing argument and its type", () => {
        const { f, fake } = exported(add);
        throwsWith(assert, () => f(1), TypeError, "add: argument 2 (b: i32) is missing", "expected 2 arguments, got 1");
        throwsWith(assert, () => f(), TypeError, "add: argument 1 (a: i32) is missing", "got 0");
        assert.equal(fake.log.calls.length, 0, "Rust was not called");
      });

      test("too many arguments: TypeError", () => {
        const { f } = exported(add);
        throwsWith(assert, () => f(1, 2, 3), TypeError, "add: expected 2 arguments, got 3");
        const z = exported({ name: "zero", impl: () => 0 });
        throwsWith(assert, () => z.f(1), TypeError, "zero: expected 0 arguments, got 1");
        const six = exported({ name: "six", params: Array(6).fill(T.i32), names: "a,b,c,d,e,f", impl: () => 0 });
        throwsWith(assert, () => six.f(1, 2, 3, 4, 5, 6, 7), TypeError, "six: expected 6 arguments, got 7");
        throwsWith(assert, () => six.f(1, 2, 3, 4, 5), TypeError, "six: argument 6 (f: i32) is missing");
      });

      test("trailing Option parameters may be omitted; they arrive as None", () => {
        const { f } = exported({
          name: "greet",
          params: [T.string, T.string | NULLABLE, T.i32 | NULLABLE],
          names: "name,greeting,times",
          ret: T.string,
          impl: (fr) =>
            fr.retStr(`${fr.isNull(1) ? "hi" : fr.str(1)} ${fr.str(0)} x${fr.isNull(2) ? 1 : fr.i32(2)}`),
        });
        assert.equal(f("bob"), "hi bob x1");
        assert.equal(f("bob", "yo"), "yo bob x1");
        assert.equal(f("bob", null, 3), "hi bob x3");
        assert.equal(f("bob", undefined, undefined), "hi bob x1");
        throwsWith(assert, () => f(), TypeError, "greet: argument 1 (name: string) is missing", "expected 1 to 3 arguments, got 0");
        throwsWith(assert, () => f("a", "b", 1, 2), TypeError, "greet: expected at most 3 arguments, got 4");
      });

      test("an Option parameter before a required one cannot be omitted, but may be null", () => {
        const { f } = exported({
          name: "pick",
          params: [T.i32 | NULLABLE, T.i32],
          names: "a,b",
          ret: T.i32,
          impl: (fr) => fr.retI32(fr.isNull(0) ? -fr.i32(1) : fr.i32(0)),
        });
        throwsWith(assert, () => f(5), TypeError, "pick: argument 2 (b: i32) is missing");
        assert.equal(f(null, 5), -5);
        assert.equal(f(undefined, 5), -5);
        assert.equal(f(2, 5), 2);
      });

      test("a stale FLAG_NULL from an earlier call does not leak into the next", () => {
        const { f } = exported({
          name: "opt",
          params: [T.i32 | NULLABLE],
          names: "a",
          ret: T.i32,
          impl: (fr) => fr.retI32(fr.isNull(0) ? -1 : fr.i32(0)),
        });
        assert.equal(f(), -1);
        assert.equal(f(9), 9);
        assert.equal(f(null), -1);
        assert.equal(f(0), 0);
      });
    });

    describe("makeExport: argument errors", () => {
      test("TypeError and RangeError messages name the function and the argument", () => {
        const { f, fake, heap: h } = exported(add);
        throwsWith(assert, () => f(1, "2"), TypeError, "add: argument 2 (b): expected i32", 'got string "2"');
        throwsWith(assert, () => f(2 ** 31, 1), RangeError, "add: argument 1 (a): 2147483648 is out of range for i32");
        throwsWith(assert, () => f(1, 1.5), RangeError, "add: argument 2 (b)");
        throwsWith(assert, () => f(null, 1), TypeError, "add: argument 1 (a)");
        assert.equal(fake.log.calls.length, 0, "Rust was not called");
        assert.equal(h.top, h.base);
      });

      test("the frame area is restored after an argument error, including overflow blocks", () => {
        const { f, fake, heap: h } = exported(
          { name: "two", params: [T.string, T.u8], names: "s,n", impl: () => 0 },
          { area: 128 },
        );
        const live = fake.live.size;
        throwsWith(assert, () => f("z".repeat(1000), 256), RangeError, "two: argument 2 (n)");
        assert.equal(h.top, h.base);
        assert.deepEqual(h.overflow, []);
        assert.equal(fake.live.size, live, "the string's overflow block was freed");
      });

      test("without parameter names, a ? stands in", () => {
        const s = setup();
        const id = s.fake.defineExport(add);
        const f = makeExport(s.rt, id, "add", [T.i32, T.i32], [], T.i32);
        throwsWith(assert, () => f(1, "x"), TypeError, "add: argument 2 (?)");
      });

      test("an unsupported code throws a SlotwireError at bind time", () => {
        const { rt } = setup();
        throwsWith(assert, () => makeExport(rt, 1, "f", [T.span], ["s"], T.void), SlotwireError, "f", "span");
        throwsWith(assert, () => makeExport(rt, 1, "f", [], [], T.error), SlotwireError, "error");
      });
    });

    describe("makeExport: Rust exceptions, traps and poison", () => {
      test("a Rust exception is thrown as Error / TypeError / RangeError with its message", () => {
        for (const [kind, Class] of [
          [0, Error],
          [1, TypeError],
          [2, RangeError],
        ]) {
          const { f, heap: h } = exported({
            name: "fails",
            params: [T.string],
            names: "s",
            impl: (fr) => fr.fail(kind, `fails: ${fr.str(0)} é`),
          });
          throwsWith(assert, () => f("why"), Class, "fails: why é");
          assert.equal(h.top, h.base, "frame released after the throw");
        }
      });

      test("an unknown export id is a RangeError from the Rust side", () => {
        const s = setup();
        const f = makeExport(s.rt, 42, "ghost", [], [], T.void);
        throwsWith(assert, () => f(), RangeError, "no export with id 42");
      });

      test("a trap after a panic: every call throws 'instance poisoned by panic: <msg>'", () => {
        const { f, rt, fake, heap: h } = exported({
          ...add,
          impl: (fr, fk) => {
            if (fr.i32(0) === 13) {
              fk.rt.poisoned = "unlucky (at src/lib.rs:3:5)"; // what swPoison does from the panic hook
              throw new WebAssembly.RuntimeError("unreachable");
            }
            return fr.retI32(fr.i32(0) + fr.i32(1));
          },
        });
        assert.equal(f(1, 2), 3);
        throwsWith(assert, () => f(13, 0), SlotwireError, "instance poisoned by panic: unlucky (at src/lib.rs:3:5)");
        assert.equal(h.top, h.base);
        const calls = fake.log.calls.length;
        throwsWith(assert, () => f(1, 2), SlotwireError, "instance poisoned by panic: unlucky");
        assert.equal(fake.log.calls.length, calls, "a poisoned instance is not called again");
        assert.equal(rt.poisoned, "unlucky (at src/lib.rs:3:5)");
      });

      test("a poisoned runtime: calls to other exports throw too", () => {
        const { f, rt } = exported(add);
        rt.poisoned = "earlier panic";
        throwsWith(assert, () => f(1, 2), SlotwireError, "instance poisoned by panic: earlier panic");
      });

      test("a trap without a panic is rethrown as it is", () => {
        const trap = new WebAssembly.RuntimeError("unreachable executed");
        const { f, heap: h } = exported({
          name: "trap",
          impl: () => {
            throw trap;
          },
        });
        assert.throws(() => f(), (e) => e === trap);
        assert.equal(h.top, h.base);
      });
    });
  });
}

describe("place", () => {
  test("dotted names become namespaces", () => {
    const root = Object.create(null);
    const a = () => 1;
    const b = () => 2;
    const c = () => 3;
    place(root, "math.add", a);
    place(root, "math.sub", b);
    place(root, "deep.er.still", c);
    place(root, "top", a);
    assert.equal(root.math.add, a);
    assert.equal(root.math.sub, b);
    assert.equal(root.deep.er.still, c);
    assert.equal(root.top, a);
    assert.equal(Object.getPrototypeOf(root.math), null);
  });

  test("a name under an existing function clashes", () => {
    const root = Object.create(null);
    place(root, "add", () => 1);
    throwsWith(assert, () => place(root, "add.more", () => 2), SlotwireError, 'export "add.more" clashes with export "add"');
  });

  test("a function where a namespace or function already is clashes", () => {
    const root = Object.create(null);
    place(root, "math.add", () => 1);
    throwsWith(assert, () => place(root, "math", () => 2), SlotwireError, 'export "math"', "clashes with a namespace");
    throwsWith(assert, () => place(root, "math.add", () => 3), SlotwireError, 'export "math.add" is defined twice');
    assert.equal(root.math.add(), 1, "the first one stays");
  });

  test("names that are Object.prototype members are plain names", () => {
    const root = Object.create(null);
    const f = () => 1;
    place(root, "toString", f);
    place(root, "constructor.x", f);
    assert.equal(root.toString, f);
    assert.equal(root.constructor.x, f);
  });
});

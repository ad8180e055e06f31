import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { Heap, T } from "../src/slot.js";
import { readRustError, writeJsError } from "../src/marshal/error.js";
import { dv, makeMemory, readJsException, setup } from "./helpers.js";

const enc = new TextEncoder();

/** Writes `e` as an import's exception into slot 0 of a "Rust" frame; returns the parsed layout. */
function written(e, area = 4096) {
  const { memory, heap: h, fake, base } = setup({ area });
  const p = fake.alloc(64);
  const top = h.top;
  writeJsError(h, p, e);
  const x = readJsException(memory, p);
  return { ...x, memory, h, fake, base, top, p };
}

describe("writeJsError: [name len u32][message len u32][name][message][stack], UTF-8", () => {
  test("an Error", () => {
    const e = new Error("boom");
    const x = written(e);
    assert.equal(x.name, "Error");
    assert.equal(x.message, "boom");
    assert.equal(x.stack, e.stack);
    assert.ok(x.stack.length > 0);
    assert.equal(x.n, 5);
    assert.equal(x.m, 4);
    assert.equal(x.total, 8 + 5 + 4 + enc.encode(e.stack).length);
    assert.equal(x.ty, T.error);
    assert.equal(x.hi, 0);
    assert.equal(x.at % 4, 0, "header is u32-aligned");
    assert.equal(x.at, x.base, "in the frame area");
  });

  test("a TypeError with a non-ASCII message: lengths are in bytes", () => {
    const e = new TypeError("bad é 𝄞");
    const x = written(e);
    assert.equal(x.name, "TypeError");
    assert.equal(x.n, 9);
    assert.equal(x.message, "bad é 𝄞");
    assert.equal(x.m, enc.encode("bad é 𝄞").length);
    assert.equal(x.m, 11);
    assert.equal(x.stack, e.stack);
  });

  test("a custom error class keeps its name", () => {
    class ValidationError extends Error {
      constructor(m) {
        super(m);
        this.name = "ValidationError";
      }
    }
    const x = written(new ValidationError("nope"));
    assert.equal(x.name, "ValidationError");
    assert.equal(x.message, "nope");
  });

  test("a thrown string: name Error, the string as message, no stack", () => {
    const x = written("plain string");
    assert.equal(x.name, "Error");
    assert.equal(x.message, "plain string");
    assert.equal(x.stack, "");
    assert.equal(x.total, 8 + 5 + 12);
  });

  test("a thrown object without message: String(obj) as message", () => {
    const x = written({ code: 5 });
    assert.equal(x.name, "Error");
    assert.equal(x.message, "[object Object]");
    assert.equal(x.stack, "");
    const y = written({ toString: () => "custom text", name: "Weird" });
    assert.equal(y.name, "Weird");
    assert.equal(y.message, "custom text");
  });

  test("a thrown Symbol, number, null, undefined", () => {
    assert.equal(written(Symbol("s")).message, "Symbol(s)");
    assert.equal(written(Symbol("s")).name, "Error");
    assert.equal(written(42).message, "42");
    assert.equal(written(null).message, "null");
    assert.equal(written(undefined).message, "undefined");
  });

  test("getters that throw and objects without a prototype do not escape", () => {
    const hostile = {
      get name() {
        throw new Error("name getter");
      },
      get message() {
        throw new Error("message getter");
      },
      get stack() {
        throw new Error("stack getter");
      },
    };
    const x = written(hostile);
    assert.equal(x.name, "Error");
    assert.equal(x.message, "");
    assert.equal(x.stack, "");
    const y = written(Object.create(null));
    assert.equal(y.name, "Error");
    assert.equal(y.message, "");
  });

  test(
    "a revoked Proxy (any thrown value) is written, not rethrown",
    
    () => {
      const r = Proxy.revocable({}, {});
      r.revoke();
      const x = written(r.proxy);
      assert.equal(x.name, "Error");
      assert.equal(x.ty, T.error);
    },
  );

  test("an error larger than the frame area goes into an overflow block (result mode: the result buffer)", () => {
    const e = new RangeError("m".repeat(1000));
    const x = written(e, 64);
    assert.ok(x.fake.live.has(x.at));
    assert.equal(x.message, "m".repeat(1000));
    assert.equal(x.h.overflow[0], x.at);

    const { memory, heap: h, fake } = setup({ area: 64 });
    const p = fake.alloc(32);
    h.beginResult();
    writeJsError(h, p, e);
    h.endResult();
    const r = readJsException(memory, p);
    assert.equal(r.at, fake.resultBuffer.ptr);
    assert.equal(r.name, "RangeError");
    assert.equal(r.message, "m".repeat(1000));
    assert.deepEqual(h.overflow, []);
  });
});

describe("readRustError", () => {
  function rustFail(kind, message) {
    const memory = makeMemory();
    const h = new Heap(memory);
    const b = enc.encode(message);
    h.u8.set(b, 4000);
    const p = 512;
    const d = dv(memory);
    d.setUint32(p, 4000, true);
    d.setUint32(p + 4, 0, true);
    d.setUint32(p + 8, b.length, true);
    d.setUint8(p + 12, T.error);
    d.setUint8(p + 13, kind);
    return readRustError(h, p);
  }

  test("picks Error / TypeError / RangeError by the class code in elem", () => {
    const e0 = rustFail(0, "plain");
    assert.equal(e0.constructor, Error);
    assert.equal(e0.message, "plain");
    const e1 = rustFail(1, "add: argument 1 (a): string is not valid UTF-8");
    assert.equal(e1.constructor, TypeError);
    assert.equal(e1.message, "add: argument 1 (a): string is not valid UTF-8");
    const e2 = rustFail(2, "no export with id 99");
    assert.equal(e2.constructor, RangeError);
    assert.equal(e2.message, "no export with id 99");
  });

  test("an unknown class code is a plain Error", () => {
    const e = rustFail(9, "x");
    assert.equal(e.constructor, Error);
  });

  test("UTF-8 messages and empty messages", () => {
    assert.equal(rustFail(0, "héllo 𝄞").message, "héllo 𝄞");
    assert.equal(rustFail(0, "é".repeat(100)).message, "é".repeat(100));
    assert.equal(rustFail(1, "").message, "");
  });
});

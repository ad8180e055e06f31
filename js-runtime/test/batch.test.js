// batch.js: batched bindings' decoders and the batch runner, over a fake memory written as
// engine/src/batch.rs writes a batch. Both with and without code generation.

import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { FAST_STATUS, FAST_THREW, T, layoutWords } from "../src/slot.js";
import { setCodegen } from "../src/codegen.js";
import * as transport from "../src/transport.js";
import * as batchTransport from "../src/transport-batch.js";
import { RUNNER_CASES } from "../src/batch.js";
import { makeFakeWasm, makeMemory, readJsException } from "./helpers.js";

const of = (base, inner) => base | (inner << 8);

function attach() {
  const memory = makeMemory();
  const fake = makeFakeWasm(memory);
  const area = fake.alloc(32);
  new Uint8Array(memory.buffer, area, 32).fill(0);
  const id = transport.swAttach(memory, fake.wasm, Uint32Array.from(layoutWords()), area);
  const rt = transport.swRuntime(id);
  fake.rt = rt;
  return { memory, fake, id, rt, area };
}

/** A batch in memory: `words` at a fresh address, `arena` bytes at another; their addresses. */
function place(fake, memory, words, arena = new Uint8Array(8)) {
  const w = fake.alloc(words.length * 4 + 8);
  const a = fake.alloc(arena.length + 8);
  const wp = (w + 7) & ~7;
  const ap = (a + 7) & ~7;
  new Uint32Array(memory.buffer, wp, words.length).set(words);
  new Uint8Array(memory.buffer, ap, arena.length).set(arena);
  return { wp, ap, n: words.length };
}

const f64Words = (v) => Array.from(new Uint32Array(new Float64Array([v]).buffer));

for (const codegen of [true, false]) {
  describe(`batched calls (codegen ${codegen})`, () => {
    test("every argument type decodes; calls run in order; runs of one binding and mixed runs", async () => {
      setCodegen(codegen);
      try {
        const { id, rt, memory, fake } = attach();
        const log = [];
        await transport.swImportModule(id, "b", {
          all: (i, u, f, b, c, s) => log.push([i, u, f, b, c, s]),
          one: (x) => log.push(x),
          view: (v) => log.push(Array.from(v)),
        });
        const all = batchTransport.swBindBatch(id, "all", "b", Uint32Array.from([T.i32, T.u32, T.f64, T.bool, T.char, T.string]), T.void);
        const one = batchTransport.swBindBatch(id, "one", "b", Uint32Array.from([T.i32]), T.void);
        const view = batchTransport.swBindBatch(id, "view", "b", Uint32Array.from([of(T.span, T.f32)]), T.void);
        const arena = new Uint8Array(16);
        arena.set(new TextEncoder().encode("héllo"), 0);
        new Float32Array(arena.buffer, 8, 2).set([1.5, -2]);
        const words = [
          one, 1, one, 2, // a run of two
          all, -5 >>> 0, 4000000000, ...f64Words(0.25), 1, "é".codePointAt(0), 0, 6,
          one, 3,
          view, 8, 2,
        ];
        const { wp, ap, n } = place(fake, memory, words, arena);
        assert.equal(batchTransport.swRunBatch(id, wp, n, ap), -1);
        assert.deepEqual(log, [1, 2, [-5, 4000000000, 0.25, true, "é", "héllo"], 3, [1.5, -2]]);
        void rt;
      } finally {
        setCodegen(true);
      }
    });

    test("interned strings: by address, across runs, with addresses that share a cache slot", async () => {
      setCodegen(codegen);
      try {
        const { id, memory, fake } = attach();
        const log = [];
        await transport.swImportModule(id, "b", { s: (x) => log.push(x) });
        const s = batchTransport.swBindBatch(id, "s", "b", Uint32Array.from([T.string]), T.void);
        // "static" strings at addresses 256 × 512 bytes apart (the same slot of the 256-slot
        // cache by the address hash), and one of another length at the same address as another.
        const texts = ["tr", "td", "button", "col-md-1", "é"];
        const big = (fake.alloc(5 * 256 * 512 + 64) + 7) & ~7;
        const addr = texts.map((_, i) => big + i * 256 * 512);
        texts.forEach((t, i) => new Uint8Array(memory.buffer).set(new TextEncoder().encode(t), addr[i]));
        const INTERNED = 0x80000000;
        const words = [];
        const expected = [];
        for (let round = 0; round < 3; round++) {
          texts.forEach((t, i) => {
            const len = new TextEncoder().encode(t).length;
            words.push(s, addr[i], (len | INTERNED) >>> 0);
            expected.push(t);
          });
          // The first byte of "button" (same address, another length).
          words.push(s, addr[2], (1 | INTERNED) >>> 0);
          expected.push("b");
        }
        for (let run = 0; run < 2; run++) {
          log.length = 0;
          const { wp, ap, n } = place(fake, memory, words);
          assert.equal(batchTransport.swRunBatch(id, wp, n, ap), -1);
          assert.deepEqual(log, expected);
        }
      } finally {
        setCodegen(true);
      }
    });

    test("object results are kept for the run, placeholders read them, handles only for the results Rust keeps", async () => {
      setCodegen(codegen);
      try {
        const { id, rt, memory, fake } = attach();
        await transport.swImportModule(id, "d", {
          make: (tag) => ({ tag, kids: [] }),
          add: (p, c) => p.kids.push(c),
        });
        const make = batchTransport.swBindBatch(id, "make", "d", Uint32Array.from([T.string]), T.object);
        const add = batchTransport.swBindBatch(id, "add", "d", Uint32Array.from([T.object, T.object]), T.void);
        const arena = new TextEncoder().encode("ulli");
        // [make][result][str ptr, len] ×2, then add(placeholder word 1, placeholder word 5).
        const words = [make, 0, 0, 2, make, 0, 2, 2, add, 0x80000001, 0x80000005];
        const { wp, ap, n } = place(fake, memory, words, arena);
        assert.equal(batchTransport.swRunBatch(id, wp, n, ap), -1);
        const out = new Uint32Array(memory.buffer, wp, n);
        assert.deepEqual([out[1], out[5]], [0, 1], "each result word holds its index in the run's results");
        assert.equal(rt.heap.objects.live, 0, "no handle made during the run");
        // Rust holds only the <ul>'s placeholder.
        batchTransport.swKeepBatchResults(id, wp, Uint32Array.from([1]));
        const ul = rt.heap.objects.get(out[1]);
        assert.equal(ul.tag, "ul");
        assert.equal(ul.kids.length, 1);
        assert.equal(ul.kids[0].tag, "li");
        assert.equal(out[5], 1, "the <li>'s word untouched");
        assert.equal(rt.heap.objects.live, 1, "one handle, for the result Rust keeps");
        assert.equal(rt.batchResults.length, 0, "the run's results let go");
      } finally {
        setCodegen(true);
      }
    });

    test("a throw stops the batch: its index is returned, the error is in the fast area, later calls do not run", async () => {
      setCodegen(codegen);
      try {
        const { id, memory, fake, area } = attach();
        const log = [];
        await transport.swImportModule(id, "e", {
          one: (x) => {
            if (x === 3) throw new RangeError("three");
            log.push(x);
          },
          make: () => 5,
        });
        const one = batchTransport.swBindBatch(id, "one", "e", Uint32Array.from([T.i32]), T.void);
        const make = batchTransport.swBindBatch(id, "make", "e", Uint32Array.from([]), T.object);
        let b = place(fake, memory, [one, 1, one, 2, one, 3, one, 4]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), 2, "the third call (index 2) threw");
        assert.deepEqual(log, [1, 2]);
        const u32 = () => new Uint32Array(memory.buffer);
        assert.equal(u32()[(area + FAST_STATUS) >>> 2], FAST_THREW);
        const e = readJsException(memory, area + 8);
        assert.match(JSON.stringify(e), /three/);
        u32()[(area + FAST_STATUS) >>> 2] = 0;
        // A result that is not an object: a TypeError naming the binding, no handle made.
        b = place(fake, memory, [one, 9, make, 0]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), 1);
        assert.match(JSON.stringify(readJsException(memory, area + 8)), /e#make: result/);
        // A stale or forged handle argument, and an unknown binding: named errors, not reads.
        const add = batchTransport.swBindBatch(id, "one", "e", Uint32Array.from([T.object]), T.void);
        u32()[(area + FAST_STATUS) >>> 2] = 0;
        b = place(fake, memory, [add, 77]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), 0);
        assert.match(JSON.stringify(readJsException(memory, area + 8)), /not a live JS object handle/);
        b = place(fake, memory, [999, 1]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), 0);
        assert.match(JSON.stringify(readJsException(memory, area + 8)), /999 is not a batched binding/);
      } finally {
        setCodegen(true);
      }
    });

    test("memory grown by a call: the calls after it still decode", async () => {
      setCodegen(codegen);
      try {
        const { id, memory, fake } = attach();
        const log = [];
        await transport.swImportModule(id, "g", {
          grow: () => memory.grow(2),
          say: (s, x) => log.push([s, x]),
        });
        const grow = batchTransport.swBindBatch(id, "grow", "g", Uint32Array.from([]), T.void);
        const say = batchTransport.swBindBatch(id, "say", "g", Uint32Array.from([T.string, T.f64]), T.void);
        const arena = new TextEncoder().encode("after");
        const b = place(fake, memory, [grow, say, 0, 5, ...f64Words(2.5), grow, say, 0, 5, ...f64Words(-1)], arena);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), -1);
        assert.deepEqual(log, [["after", 2.5], ["after", -1]]);
      } finally {
        setCodegen(true);
      }
    });

    test("declared accessors (getter, setter, method) run as their property accesses, errors name the call", async () => {
      setCodegen(codegen);
      try {
        const { id, rt, memory, fake, area } = attach();
        const doc = { createElement: (tag) => ({ tag, className: "", first: null }) };
        const h = rt.heap.objects.toHandle(doc);
        const make = batchTransport.swBindBatch(id, "@method:createElement", undefined, Uint32Array.from([T.object, T.string]), T.object);
        const cls = batchTransport.swBindBatch(id, "@set:className", undefined, Uint32Array.from([T.object, T.string]), T.void);
        const first = batchTransport.swBindBatch(id, "@get:first", undefined, Uint32Array.from([T.object]), T.object);
        const arena = new TextEncoder().encode("tdrow");
        // make(doc, "td") -> word 1; className(it, "row"); make(doc, "td") -> word 11.
        let b = place(fake, memory, [make, 0, h, 0, 2, cls, 0x80000001, 2, 3, make, 0, h, 0, 2], arena);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), -1);
        batchTransport.swKeepBatchResults(id, b.wp, Uint32Array.from([1, 11]));
        const out = new Uint32Array(memory.buffer, b.wp, b.n);
        const td = rt.heap.objects.get(out[1]);
        assert.deepEqual([td.tag, td.className], ["td", "row"]);
        assert.equal(rt.heap.objects.get(out[11]).className, "", "the setter set the first <td> only");
        // A getter whose value is not an object: the result error names the getter; the setter of
        // a frozen object throws (strict mode) at its index.
        b = place(fake, memory, [first, 0, out[1]]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), 0);
        assert.match(JSON.stringify(readJsException(memory, area + 8)), /getter \\"first\\": result/);
        new Uint32Array(memory.buffer)[(area + FAST_STATUS) >>> 2] = 0;
        Object.freeze(td);
        b = place(fake, memory, [cls, out[11], 2, 3, cls, out[1], 2, 3, cls, out[11], 0, 2], arena);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), 1, "the frozen object's setter (index 1) threw");
        assert.equal(rt.heap.objects.get(out[11]).className, "row", "the call before it ran");
        assert.match(JSON.stringify(readJsException(memory, area + 8)), /TypeError/);
        if (codegen) assert.equal(typeof rt.batchRunner, "function", "the runner ran them");
      } finally {
        setCodegen(true);
      }
    });

    test("bindings past the runner's cases and bindings made after it run in order, errors at their index", async () => {
      setCodegen(codegen);
      try {
        const { id, rt, memory, fake, area } = attach();
        const log = [];
        const fns = {};
        for (let i = 0; i < RUNNER_CASES + 3; i++) {
          fns[`f${i}`] = (x) => {
            if (x < 0) throw new RangeError(`f${i} refused ${x}`);
            log.push([i, x]);
          };
        }
        await transport.swImportModule(id, "many", fns);
        const ids = [];
        for (let i = 0; i < RUNNER_CASES + 2; i++) {
          ids.push(batchTransport.swBindBatch(id, `f${i}`, "many", Uint32Array.from([T.i32]), T.void));
        }
        const hi = ids[RUNNER_CASES + 1];
        let b = place(fake, memory, [ids[0], 1, hi, 2, hi, 3, ids[1], 4, hi, 5, ids[RUNNER_CASES], 6, ids[0], 7]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), -1);
        assert.deepEqual(log, [[0, 1], [RUNNER_CASES + 1, 2], [RUNNER_CASES + 1, 3], [1, 4], [RUNNER_CASES + 1, 5], [RUNNER_CASES, 6], [0, 7]]);
        // A throw inside a run of a decoder's binding, and inside a case: the calls before count.
        log.length = 0;
        b = place(fake, memory, [ids[0], 1, hi, 2, hi, -3, ids[0], 4]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), 2);
        assert.match(JSON.stringify(readJsException(memory, area + 8)), new RegExp(`f${RUNNER_CASES + 1} refused -3`));
        new Uint32Array(memory.buffer)[(area + FAST_STATUS) >>> 2] = 0;
        b = place(fake, memory, [hi, 1, ids[2], 2, ids[2], -1, hi, 4]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), 2);
        new Uint32Array(memory.buffer)[(area + FAST_STATUS) >>> 2] = 0;
        // A binding made after the runner: the next run has it.
        const runner = rt.batchRunner;
        const late = batchTransport.swBindBatch(id, `f${RUNNER_CASES + 2}`, "many", Uint32Array.from([T.i32]), T.void);
        log.length = 0;
        b = place(fake, memory, [late, 8, ids[3], 9]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), -1);
        assert.deepEqual(log, [[RUNNER_CASES + 2, 8], [3, 9]]);
        if (codegen) assert.notEqual(rt.batchRunner, runner, "made again after the new binding");
      } finally {
        setCodegen(true);
      }
    });

    test("a call that binds a new binding and runs a nested batch: both batches run in order, the outer one goes on", async () => {
      setCodegen(codegen);
      try {
        const { id, rt, memory, fake } = attach();
        const log = [];
        let inner = -1;
        await transport.swImportModule(id, "n", {
          log: (x) => log.push(x),
          nested: () => {
            // What Rust does when a batched call re-enters an export that queues and flushes a
            // binding bound only now.
            inner = batchTransport.swBindBatch(id, "late", "n", Uint32Array.from([T.i32]), T.void);
            memory.grow(1);
            const b = place(fake, memory, [inner, 7, inner, 8, logId, 9]);
            assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), -1);
            batchTransport.swKeepBatchResults(id, b.wp, new Uint32Array(0));
          },
          late: (x) => log.push(`late ${x}`),
        });
        const logId = batchTransport.swBindBatch(id, "log", "n", Uint32Array.from([T.i32]), T.void);
        const nested = batchTransport.swBindBatch(id, "nested", "n", Uint32Array.from([]), T.void);
        const outer = rt.batchRunner;
        const b = place(fake, memory, [logId, 1, nested, logId, 2, logId, 3]);
        assert.equal(batchTransport.swRunBatch(id, b.wp, b.n, b.ap), -1);
        batchTransport.swKeepBatchResults(id, b.wp, new Uint32Array(0));
        assert.deepEqual(log, [1, "late 7", "late 8", 9, 2, 3]);
        assert.equal(rt.batchResults.length, 0);
        if (codegen) assert.notEqual(rt.batchRunner, outer, "the nested run made a runner with the new binding");
        // And the next outer batch runs the new binding through the (new) runner.
        log.length = 0;
        const c = place(fake, memory, [inner, 5, logId, 6]);
        assert.equal(batchTransport.swRunBatch(id, c.wp, c.n, c.ap), -1);
        assert.deepEqual(log, ["late 5", 6]);
      } finally {
        setCodegen(true);
      }
    });

    test("binding refuses what a batch cannot carry", () => {
      setCodegen(codegen);
      try {
        const { id } = attach();
        globalThis.__batchTestFn = () => {};
        for (const [params, ret] of [[[T.any], T.void], [[T.i32], T.i32], [[T.string | 0x80], T.void], [[of(T.span_mut, T.u8)], T.void]]) {
          assert.throws(() => batchTransport.swBindBatch(id, "__batchTestFn", undefined, Uint32Array.from(params), ret), /batched call/);
        }
      } finally {
        delete globalThis.__batchTestFn;
        setCodegen(true);
      }
    });
  });
}

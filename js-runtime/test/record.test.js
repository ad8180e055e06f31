// record.js against real bytes: js-runtime/test/fixtures/records.json is written by
// engine/tests/record_fixtures.rs (rkyv 0.8 archives and Pod slices of sample data, with their
// descriptors and expected toJSON() values), and loaded here into a WebAssembly.Memory.

import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  ArchiveVec,
  RecordReader,
  RecordView,
  archiveView,
  disposeView,
  isDisposedView,
  recordReader,
} from "../src/record.js";
import { SlotwireError } from "../src/errors.js";
import { setCodegen } from "../src/codegen.js";
import { assertOptimizedAcrossGc, makeMemory } from "./helpers.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/records.json", import.meta.url), "utf8"));
const BASE = 4096; // where samples are placed: aligned for every type

function fromHex(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** A fresh memory with `sample`'s bytes at `at`; returns [memory, ptr, byteLength]. */
function load(sample, at = BASE) {
  const memory = makeMemory();
  const b = fromHex(sample.hex);
  const u8 = new Uint8Array(memory.buffer);
  u8.fill(0xee); // garbage around the sample
  u8.set(b, at);
  return [memory, at, b.length];
}

/** What JSON.stringify makes of `v`, parsed back (key order aside, -0 becomes 0). */
const viaJson = (v) => JSON.parse(JSON.stringify(v));

const pod = (name) => fixture.pod.find((s) => s.name === name);
const arch = (name) => fixture.archives.find((s) => s.name === name);

/** Checks f's exception: its class and that its message contains `part`. */
function throwsWith(f, cls, part) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${e && e.name}: ${e && e.message}`);
    if (part) assert.ok(e.message.includes(part), `message ${JSON.stringify(e.message)} lacks ${JSON.stringify(part)}`);
    return true;
  });
}

// Everything below runs twice: with generated accessor classes and with the closure fallback.
for (const codegen of [true, false]) {
  describe(`records (${codegen ? "generated accessors" : "closure accessors"})`, () => {
    setCodegen(codegen);
    after(() => setCodegen(true));

    describe("pod", () => {
      const sample = pod("particles");

      test("toJSON equals what Rust had, toArray keeps 64-bit integers exact", () => {
        setCodegen(codegen);
        const [memory, ptr] = load(sample);
        const view = new RecordView(memory, ptr, sample.length, recordReader(sample.descriptor));
        assert.equal(view.length, 5);
        assert.equal(view.byteLength, 5 * sample.descriptor.size);
        assert.deepEqual(view.toJSON(), sample.expected);
        assert.deepEqual(viaJson(view), viaJson(sample.expected));
        const exact = view.toArray();
        assert.equal(exact[3].id, 2n ** 64n - 1n);
        assert.equal(exact[0].big, -(2n ** 63n));
        assert.equal(exact[1].id, 2n ** 53n - 1n);
        assert.equal(exact[2].id, 2n ** 53n);
      });

      test("get(i) reads each field in place; nested records and arrays", () => {
        setCodegen(codegen);
        const [memory, ptr] = load(sample);
        const view = new RecordView(memory, ptr, sample.length, sample.descriptor);
        const p = view.get(3);
        assert.equal(p.base, ptr + 3 * sample.descriptor.size);
        assert.equal(p.mass, 3073.25);
        assert.equal(p.id, 2n ** 64n - 1n);
        assert.equal(p.big, 2n ** 63n - 1n);
        assert.equal(p.pos.x, 1.5);
        assert.equal(p.pos.y, -0.75);
        assert.deepEqual(p.vel, [3, -3, 196608]);
        assert.deepEqual(p.rgb, [3, 252]);
        assert.equal(p.count, 4294967292);
        assert.equal(p.delta, -2147483645);
        assert.equal(p.level, 65532);
        assert.equal(p.temp, -32765);
        assert.equal(p.flags, 131);
        assert.equal(p.kind, -4);
        assert.deepEqual(p.toJSON(), sample.expected[3]);
        assert.equal(p.constructor.name, "Particle");
        const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(p), "mass").get.toString();
        // Generated: the offset is a literal in the getter; fallback: a closure over a reader.
        assert.ok(codegen ? getter.includes("(this.base + 0) >>> 3") : getter.includes("read(this[MEM]"), getter);
        // Fresh accessors: two can be held at once.
        const a = view.get(0);
        const b = view.get(1);
        assert.notEqual(a, view.get(0));
        assert.equal(a.count, 4294967295);
        assert.equal(b.count, 4294967294);
      });

      test("iteration, and reads see later writes", () => {
        setCodegen(codegen);
        const [memory, ptr] = load(sample);
        const view = new RecordView(memory, ptr, sample.length, sample.descriptor);
        assert.deepEqual([...view].map((p) => p.flags), [128, 129, 130, 131, 132]);
        const p = view.get(0);
        const off = sample.descriptor.fields.find((f) => f.name === "mass").offset;
        new DataView(memory.buffer).setFloat64(ptr + off, Number.NaN, true);
        assert.ok(Number.isNaN(p.mass));
        new DataView(memory.buffer).setFloat64(ptr + off, -0, true);
        assert.ok(Object.is(p.mass, -0));
      });

      test("get out of range is a RangeError", () => {
        setCodegen(codegen);
        const [memory, ptr] = load(sample);
        const view = new RecordView(memory, ptr, sample.length, sample.descriptor);
        for (const i of [-1, 5, 1.5, NaN, "0", 2 ** 32]) {
          throwsWith(() => view.get(i), RangeError, "out of range for length 5");
        }
        const empty = new RecordView(memory, ptr, 0, sample.descriptor);
        assert.deepEqual([...empty], []);
        assert.deepEqual(empty.toJSON(), []);
        throwsWith(() => empty.get(0), RangeError, "RecordView<Particle>.get");
      });

      test("memory.grow: views and accessors re-derive their typed arrays", () => {
        setCodegen(codegen);
        const [memory, ptr] = load(sample);
        const view = new RecordView(memory, ptr, sample.length, sample.descriptor);
        const p = view.get(4);
        assert.equal(p.count, 4294967291);
        const old = memory.buffer;
        memory.grow(1);
        assert.equal(old.byteLength, 0); // detached
        assert.equal(p.count, 4294967291);
        assert.equal(p.pos.z, 0.5);
        assert.deepEqual(view.toJSON(), sample.expected);
      });

      test("a shared memory: growth does not detach, new views see the new pages", () => {
        setCodegen(codegen);
        const memory = new WebAssembly.Memory({ initial: 1, maximum: 4, shared: true });
        const b = fromHex(sample.hex);
        new Uint8Array(memory.buffer).set(b, BASE);
        const view = new RecordView(memory, BASE, sample.length, sample.descriptor);
        const p = view.get(2);
        memory.grow(1);
        new Uint8Array(memory.buffer).set(b, 65536 + BASE);
        assert.equal(p.count, 4294967293);
        const far = new RecordView(memory, 65536 + BASE, sample.length, sample.descriptor);
        assert.deepEqual(far.toJSON(), sample.expected);
      });

      test("dispose: the view and its accessors throw a SlotwireError", () => {
        setCodegen(codegen);
        const [memory, ptr] = load(sample);
        const view = new RecordView(memory, ptr, sample.length, sample.descriptor);
        const p = view.get(1);
        const pos = p.pos;
        assert.equal(view.isDisposed, false);
        view.dispose();
        assert.equal(view.isDisposed, true);
        assert.equal(isDisposedView(p), true);
        throwsWith(() => view.get(0), SlotwireError, "disposed");
        throwsWith(() => p.count, SlotwireError, "RecordView<Particle>: the view was disposed");
        throwsWith(() => p.vel, SlotwireError, "disposed");
        throwsWith(() => p.pos, SlotwireError, "disposed"); // a nested record, not only its fields
        throwsWith(() => pos.x, SlotwireError, "disposed");
        throwsWith(() => view.toJSON(), SlotwireError, "disposed");
        throwsWith(() => [...view], SlotwireError, "disposed");
        // A grow afterwards does not bring it back.
        memory.grow(1);
        throwsWith(() => p.count, SlotwireError, "disposed");
      });

      test("bad arguments: misaligned, outside memory, archive descriptor", () => {
        setCodegen(codegen);
        const [memory, ptr] = load(sample);
        throwsWith(() => new RecordView(memory, ptr + 4, 1, sample.descriptor), RangeError, "not aligned to 8");
        throwsWith(() => new RecordView(memory, ptr, 1e6, sample.descriptor), RangeError, "outside memory");
        throwsWith(() => new RecordView(memory, -8, 1, sample.descriptor), RangeError, "bad address");
        throwsWith(() => new RecordView(memory, ptr, -1, sample.descriptor), RangeError, "bad length");
        throwsWith(() => new RecordView(memory, ptr, 1, arch("address").descriptor), TypeError, "pod");
      });
    });

    describe("archives", () => {
      for (const sample of fixture.archives) {
        test(`${sample.name}: toJSON equals what Rust archived`, () => {
          setCodegen(codegen);
          const [memory, ptr, len] = load(sample);
          const root = archiveView(memory, ptr, len, sample.descriptor);
          assert.deepEqual(root.toJSON(), sample.expected);
          assert.deepEqual(viaJson(root), viaJson(sample.expected));
        });
      }

      test("person: lazy field reads, strings inline and out of line", () => {
        setCodegen(codegen);
        const sample = arch("person");
        const [memory, ptr, len] = load(sample);
        const p = archiveView(memory, ptr, len, sample.descriptor);
        assert.equal(p.constructor.name, "Person");
        const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(p), "age").get.toString();
        assert.ok(codegen ? getter.includes(">>>") || getter.includes("this.base + 8]") : getter.includes("read(this[MEM]"), getter);
        assert.equal(p.base, ptr + len - sample.descriptor.size);
        assert.equal(p.name, "Ada");
        assert.equal(p.age, 36);
        assert.equal(p.email, "ada.lovelace@analytical-engine.example");
        assert.ok(p.tags instanceof ArchiveVec);
        assert.equal(p.tags.length, 5);
        assert.deepEqual([...p.tags], ["", "12345678", "123456789", "東京", "naïve ☃ 𝄞 — a longer non-ASCII string"]);
        assert.equal(p.address.city, "Zürich");
        assert.equal(p.address.zip, 8001);
        assert.equal(p.previous.get(0).zip, null);
        assert.equal(p.previous.get(0).street, "");
        assert.equal(p.previous.get(1).street, "1 Long Street Name Avenue");
        assert.deepEqual(p.scores.toArray(), [1.5, -0.25, 1e300, 0]);
        assert.equal(p.active, true);
        assert.equal(p.initial, "𝄞");
        assert.equal(p.id, 2n ** 64n - 1n);
        assert.equal(p.balance, -(2n ** 53n));
        assert.deepEqual(p.small.toArray(), [-1, null, 32767]);
        assert.equal(p.second.city, "Zürich");
        assert.equal(p.type, 7); // #[js(rename = "type")] on r#type
        throwsWith(() => p.tags.get(5), RangeError, "out of range for length 5");
      });

      test("people: the second person has empty strings, empty vecs and Nones", () => {
        setCodegen(codegen);
        const sample = arch("people");
        const [memory, ptr, len] = load(sample);
        const people = archiveView(memory, ptr, len, sample.descriptor);
        assert.ok(people instanceof ArchiveVec);
        const q = people.get(1);
        assert.equal(q.name, "");
        assert.equal(q.email, null);
        assert.equal(q.second, null);
        assert.equal(q.tags.length, 0);
        assert.deepEqual([...q.previous], []);
        assert.equal(q.address.street, "exactly8");
        assert.equal(q.address.city, "é");
        assert.equal(q.initial, "a");
        assert.equal(q.active, false);
        assert.equal(q.id, 0n);
      });

      test("rows: 100 records of 10 fields, iteration", () => {
        setCodegen(codegen);
        const sample = arch("rows");
        const [memory, ptr, len] = load(sample);
        const rows = archiveView(memory, ptr, len, sample.descriptor);
        assert.equal(rows.length, 100);
        let n = 0;
        for (const r of rows) {
          assert.equal(r.id, n);
          assert.equal(r.name, sample.expected[n].name);
          assert.equal(r.ok, n % 2 === 0);
          n++;
        }
        assert.equal(n, 100);
        const r = rows.get(57);
        assert.deepEqual(
          [r.a, r.b, r.c, r.d, r.e, r.f, r.g],
          [57, -57, (57 * 600) & 0xffff, -(57 * 300), -5700000, 28.5, 57 * 0.125 - 3],
        );
      });

      test("an archive placed elsewhere reads the same (relative pointers)", () => {
        setCodegen(codegen);
        const sample = arch("people");
        const [memory, ptr, len] = load(sample, 65536 + 512);
        assert.deepEqual(archiveView(memory, ptr, len, sample.descriptor).toJSON(), sample.expected);
      });

      test("memory.grow and dispose", () => {
        setCodegen(codegen);
        const sample = arch("person");
        const [memory, ptr, len] = load(sample);
        const p = archiveView(memory, ptr, len, sample.descriptor);
        const tags = p.tags;
        memory.grow(2);
        assert.equal(tags.get(4), "naïve ☃ 𝄞 — a longer non-ASCII string");
        assert.equal(p.address.city, "Zürich");
        disposeView(p);
        throwsWith(() => p.name, SlotwireError, "archive of Person: the view was disposed");
        throwsWith(() => p.address, SlotwireError, "disposed"); // a nested record, not only its fields
        throwsWith(() => tags.get(0), SlotwireError, "disposed");
        throwsWith(() => p.toJSON(), SlotwireError, "disposed");
        assert.equal(tags.isDisposed, true);
      });

      test("bad regions: root misaligned, too short, outside memory", () => {
        setCodegen(codegen);
        const sample = arch("address");
        const [memory, ptr, len] = load(sample);
        throwsWith(() => archiveView(memory, ptr, len - 1, sample.descriptor), RangeError, "not aligned");
        throwsWith(() => archiveView(memory, ptr, 3, sample.descriptor), RangeError, "cannot hold a root");
        throwsWith(() => archiveView(memory, ptr, 1e9, sample.descriptor), RangeError, "outside memory");
      });

      test("corrupt pointers and tags throw instead of reading outside the archive", () => {
        setCodegen(codegen);
        const sample = arch("address"); // street (out of line), city, zip: Option<u32>
        const [memory, ptr, len] = load(sample);
        const root = ptr + len - sample.descriptor.size;
        const dv = new DataView(memory.buffer);
        const a = archiveView(memory, ptr, len, sample.descriptor);
        assert.equal(a.street, "1 Long Street Name Avenue");
        dv.setInt32(root + 4, -root, true); // street's bytes "at address 0"
        throwsWith(() => a.street, RangeError, "outside the archive");
        const zip = sample.descriptor.fields.find((f) => f.name === "zip").offset;
        dv.setUint8(root + zip, 9);
        throwsWith(() => a.zip, TypeError, "Option tag");

        const rs = arch("rows");
        const [m2, p2, l2] = load(rs);
        new DataView(m2.buffer).setInt32(p2 + l2 - 8, 4096, true); // the vec's elements, past the end
        throwsWith(() => archiveView(m2, p2, l2, rs.descriptor), RangeError, "outside the archive");
      });

      test("mutated archives: reading everything returns or throws a TypeError/RangeError", () => {
        setCodegen(codegen);
        const sample = arch("people");
        const good = fromHex(sample.hex);
        let seed = 0x2545f491;
        const rnd = (n) => {
          seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
          return (seed >>> 0) % n;
        };
        const memory = makeMemory();
        let thrown = 0;
        for (let round = 0; round < 400; round++) {
          const b = good.slice();
          for (let k = 0; k <= rnd(4); k++) b[rnd(b.length)] = rnd(256);
          new Uint8Array(memory.buffer).set(b, BASE);
          try {
            JSON.stringify(archiveView(memory, BASE, b.length, sample.descriptor));
          } catch (e) {
            assert.ok(e instanceof RangeError || e instanceof TypeError, `round ${round}: ${e}`);
            thrown++;
          }
        }
        assert.ok(thrown > 0);
      });
    });
  });
}

describe("readers", () => {
  const d = pod("particles").descriptor;

  test("one reader per descriptor, equal descriptors share it", () => {
    const r = recordReader(d);
    assert.ok(r instanceof RecordReader);
    assert.equal(recordReader(d), r);
    assert.equal(recordReader(structuredClone(d)), r);
    assert.equal(recordReader(r), r);
    assert.equal(r.name, "Particle");
    assert.equal(r.size, d.size);
    const nested = d.fields.find((f) => f.name === "pos").type;
    assert.equal(recordReader(nested).name, "Vec3");
  });

  test("the accessor class is named by the type, whatever the name (quotes, __proto__)", () => {
    for (const codegen of [true, false]) {
      setCodegen(codegen);
      try {
        for (const name of ["Particle", 'Odd "name" \u2028', "__proto__", "constructor"]) {
          const r = recordReader({ ...structuredClone(d), name });
          assert.equal(r.Accessor.name, name, `${name} (codegen ${codegen})`);
          assert.equal(typeof r.Accessor, "function");
          assert.ok(Object.getOwnPropertyNames(r.Accessor.prototype).includes("pos"), name);
        }
      } finally {
        setCodegen(true);
      }
    }
  });

  test("bad descriptors are SlotwireErrors naming the field", () => {
    const base = { type: "record", kind: "pod", name: "P", size: 8, align: 4 };
    const f32 = { type: "f32", size: 4, align: 4 };
    const bad = [
      [{ ...base, fields: [{ name: "base", offset: 0, type: f32 }] }, "P.base"],
      [{ ...base, fields: [{ name: "x", offset: 6, type: f32 }] }, "does not fit"],
      [{ ...base, fields: [{ name: "x", offset: 2, type: f32 }] }, "does not fit"],
      [{ ...base, fields: [{ name: "s", offset: 0, type: { type: "string", size: 8, align: 4 } }] }, "not a Pod type"],
      [{ ...base, fields: [{ name: "b", offset: 0, type: { type: "bool", size: 1, align: 1 } }] }, "not a Pod type"],
      [{ ...base, fields: [{ name: "x", offset: 0, type: { type: "u128", size: 16, align: 16 } }] }, "unknown type"],
      [{ ...base, fields: [{ name: "x", offset: 0, type: f32 }, { name: "x", offset: 4, type: f32 }] }, "duplicate"],
      [{ ...base, kind: "other", fields: [] }, "kind"],
      [{ ...base, type: "vec", fields: [] }, "expected type \"record\""],
    ];
    for (const [desc, part] of bad) throwsWith(() => recordReader(desc), SlotwireError, part);
    throwsWith(() => recordReader(null), TypeError, "recordReader");
    throwsWith(() => archiveView(makeMemory(), 0, 8, 42), TypeError, "archiveView");
  });

  test("field names that are not identifiers work", () => {
    const desc = {
      type: "record", kind: "pod", name: "Odd", size: 4, align: 2,
      fields: [
        { name: "a-b", offset: 0, type: { type: "u16", size: 2, align: 2 } },
        { name: "\"quoted\"\u2028", offset: 2, type: { type: "i16", size: 2, align: 2 } },
      ],
    };
    const memory = makeMemory();
    new DataView(memory.buffer).setUint16(64, 513, true);
    new DataView(memory.buffer).setInt16(66, -2, true);
    const v = new RecordView(memory, 64, 1, desc);
    assert.equal(v.get(0)["a-b"], 513);
    assert.equal(v.get(0)["\"quoted\"\u2028"], -2);
  });
});

describe("a full GC keeps record code optimized", () => {
  // As for spans (memory-view.test.js): with no view, accessor or memory state alive, a full GC
  // freed their maps and threw away every optimized loop over records; and (bundle, pod) a class
  // renamed by defineProperty kept V8 from optimizing `new RecordView` at all (src/names.js).
  for (const kind of ["archive", "pod"]) {
    for (const which of ["src", "bundle"]) {
      test(`${kind}: views read and disposed per call, then a full GC (${which})`, () => {
        assertOptimizedAcrossGc("record-maps-gc.mjs", [kind, which]);
      });
    }
  }
});

// ---- The reader cache: its key and its reader come from one copy (eleventh session, K5) ----

describe("recordReader: a descriptor that answers differently cannot change how a layout is read", () => {
  const pairFields = (a, b) => [
    { name: "a", offset: a, type: { type: "u32", size: 4, align: 4 } },
    { name: "b", offset: b, type: { type: "u32", size: 4, align: 4 } },
  ];
  const layout = (name, kind, fields) => ({ type: "record", kind, name, size: 8, align: 4, fields });
  const readPair = (memory, d, kind) => {
    new Uint32Array(memory.buffer, 0, 2).set([1, 2]);
    const r = kind === "pod" ? new RecordView(memory, 0, 1, d).get(0) : archiveView(memory, 0, 8, d);
    return { a: r.a, b: r.b };
  };

  for (const kind of ["pod", "archive"]) {
    test(`${kind}: a toJSON is refused (it made the honest layout's key), and the honest layout reads right`, () => {
      const honest = layout(`K5Json${kind}`, kind, pairFields(0, 4));
      const hostile = { ...layout(`K5Json${kind}`, kind, pairFields(4, 0)), toJSON: () => honest };
      throwsWith(() => recordReader(hostile), SlotwireError, "toJSON: a function is not descriptor data");
      const memory = new WebAssembly.Memory({ initial: 1 });
      assert.deepEqual(readPair(memory, JSON.parse(JSON.stringify(honest)), kind), { a: 1, b: 2 });
    });

    test(`${kind}: a getter answering one layout, then another, is read once`, () => {
      const honestFields = pairFields(0, 4);
      let reads = 0;
      const sly = layout(`K5Getter${kind}`, kind, undefined);
      Object.defineProperty(sly, "fields", { enumerable: true, get: () => (reads++ === 0 ? honestFields : pairFields(4, 0)) });
      const r = recordReader(sly);
      assert.equal(reads, 1);
      assert.deepEqual(r.descriptor.fields.map((f) => f.offset), [0, 4], "built from what the key says");
      const memory = new WebAssembly.Memory({ initial: 1 });
      const honest = JSON.parse(JSON.stringify(layout(`K5Getter${kind}`, kind, honestFields)));
      assert.deepEqual(readPair(memory, honest, kind), { a: 1, b: 2 });
    });
  }

  test("non-data values are bad descriptors, named where they are", () => {
    const d = layout("K5Bad", "pod", pairFields(0, 4));
    d.fields[1].offset = Infinity;
    throwsWith(() => recordReader(d), SlotwireError, "K5Bad.fields[1].offset: Infinity is not a finite number");
    const deep = layout("K5Deep", "pod", pairFields(0, 4));
    let o = deep.fields[0];
    for (let i = 0; i < 100; i++) o = o.more = {};
    throwsWith(() => recordReader(deep), SlotwireError, "nested deeper");
  });
});

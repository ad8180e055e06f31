import { test, describe } from "node:test";
import assert from "node:assert/strict";

import { HandleTable } from "../src/handles.js";
import { SlotwireError } from "../src/errors.js";
import { FLAG_OWNED, OFFSET_FLAGS, T } from "../src/slot.js";
import { readerFor, writerFor } from "../src/marshal/index.js";
import { setup } from "./helpers.js";

describe("HandleTable", () => {
  test("hold: releases wait until the last hold ends (a batch run), then free", () => {
    const t = new HandleTable();
    const a = {};
    const ha = t.toHandle(a);
    t.hold();
    t.hold(); // nested runs
    t.release(ha);
    assert.equal(t.get(ha), a, "still live while held");
    assert.equal(t.toHandle({}) !== ha, true, "not handed out again while held");
    t.unhold();
    assert.equal(t.get(ha), a, "the outer run still holds");
    t.unhold();
    assert.throws(() => t.get(ha), /not a live JS object handle/);
    assert.throws(() => t.release(9999), /not a live JS object handle/, "a bad handle: refused at once");
    t.hold();
    t.release(ha + 1); // the {} above: live
    t.release(ha + 1); // its one reference released twice: the second is refused at unhold
    t.unhold();
    assert.equal(t.live, 0);
    assert.equal(t.holds, 0);
  });

  test("a handle per crossing (no identity map), counted references; released at zero", () => {
    const t = new HandleTable();
    const a = {};
    const b = () => {};
    const ha = t.toHandle(a);
    assert.ok(ha > 0);
    const ha2 = t.toHandle(a);
    assert.notEqual(ha2, ha, "the same object again: another handle");
    assert.equal(t.get(ha2), a);
    t.release(ha2);
    const hb = t.toHandle(b);
    assert.notEqual(hb, ha);
    assert.equal(t.live, 2);
    assert.equal(t.get(ha), a);
    t.retain(ha);
    t.release(ha);
    assert.equal(t.get(ha), a, "one reference left");
    t.release(ha);
    assert.equal(t.live, 1);
    assert.throws(() => t.get(ha), SlotwireError, "a released handle is an error");
    assert.throws(() => t.release(ha), SlotwireError, "double release is an error, not a corruption");
    const c = {};
    assert.equal(t.toHandle(c), ha, "the free list reuses the slot");
    assert.equal(t.get(ha), c);
    t.retain(hb);
    t.release(hb);
    assert.equal(t.get(hb), b, "retain added a reference");
  });

  test("forged handles are errors, never another object", () => {
    const t = new HandleTable();
    t.toHandle({});
    for (const h of [0, -1, 2, 99, 1.5, NaN]) {
      assert.throws(() => t.get(h, "where"), (e) => e instanceof SlotwireError && e.message.includes("where"));
    }
  });
});

describe("object marshalers", () => {
  test("writer takes a handle, reader gives the object back; FLAG_OWNED releases after reading", () => {
    const { heap } = setup();
    heap.objects = new HandleTable();
    const w = writerFor(T.object, "f");
    const r = readerFor(T.object, "f");
    const p = heap.alloc(16);
    const o = { x: 1 };
    w(heap, p, o, "f: argument 1");
    const h = heap.u32[(p >>> 2) + 2];
    assert.equal(heap.objects.get(h), o);
    heap.u8[p + OFFSET_FLAGS] = 0;
    assert.equal(r(heap, p, "f"), o, "borrowed read keeps the reference");
    assert.equal(heap.objects.live, 1);
    heap.u8[p + OFFSET_FLAGS] = FLAG_OWNED;
    assert.equal(r(heap, p, "f"), o, "owned read gives the object");
    assert.equal(heap.objects.live, 0, "and releases it");
    for (const bad of [null, undefined, 1, "s", true, 1n, Symbol("x")]) {
      assert.throws(() => w(heap, p, bad, "f: argument 1"), (e) => e instanceof TypeError && e.message.includes("f: argument 1"));
    }
    assert.equal(heap.objects.live, 0, "failed writes take no handle");
  });
});

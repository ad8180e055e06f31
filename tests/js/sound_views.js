// The JS half of tests/tests/sound_views.rs: MemoryView soundness (issue 9: N4, N7, N8).

let RT = null;
/** What the `spanRw` import does (set per check). */
let onSpanRw = null;

function fail(msg) {
  throw new Error(msg);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

/** Runs `f`, which must throw a `cls` whose message includes every one of `texts`. */
function throwsWith(f, cls, texts, what) {
  let e = null;
  try {
    f();
  } catch (x) {
    e = x;
  }
  if (e === null) fail(`${what}: did not throw`);
  if (!(e instanceof cls)) fail(`${what}: expected ${cls.name}, got ${e && e.name}: ${e && e.message}`);
  for (const t of [].concat(texts)) {
    if (!String(e.message).includes(t)) fail(`${what}: message ${JSON.stringify(e.message)} lacks ${JSON.stringify(t)}`);
  }
  return e;
}

const HOW = ["memory.grow", "export"];

function grow(how) {
  if (how === "memory.grow") RT.memory.grow(1);
  else RT.exports.views_alloc(4 << 20);
}

const viewsModule = {
  spanRw: (v) => onSpanRw(v),
};

export function registerViewsModule(rt) {
  RT = rt;
  rt.importModule("views_sound", viewsModule);
}

/** Runs `f`, a write through a detached typed array: it must throw a TypeError or do nothing. */
function writeDetached(f) {
  try {
    f();
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
  }
}

/** `rt.census().segments` must be back to `before` (no JS-side segment leaked). */
/** The end of every check: the instance usable (not poisoned), the segment census back. */
function censusBack(rt, before, what) {
  eq(rt.poisoned, null, `${what}: rt.poisoned`);
  eq(rt.census().segments, before, `${what}: rt.census().segments`);
}

export function runViewsCheck(rt, name) {
  RT = rt;
  const x = rt.exports;
  const segsBefore = rt.census().segments;
  const checks = {
    // N7: a typed array from a `&mut [u32]` span is zero-copy during the call and detached after.
    spanTypedArrayKept() {
      let ta = null;
      let sub = null;
      onSpanRw = (v) => {
        ta = v.typedArray();
        sub = ta.subarray(1, 3);
        ta.fill(2); // zero-copy during the call: Rust sees it
        sub[0] = 10;
        return 0;
      };
      try {
        eq(x.views_lend_rw(4), 2 + 10 + 2 + 2, "writes during the call reach Rust");
      } finally {
        onSpanRw = null;
      }
      eq(ta.length, 0, "the kept typed array after the call (length)");
      eq(sub.length, 0, "a subarray of it after the call (length)");
      // The freed Vec's memory is reused by a live Rust segment; writing the kept arrays is a no-op.
      const seg = x.views_seg_make(64);
      const want = x.views_seg_sum(seg);
      writeDetached(() => ta.fill(0x7fffffff));
      writeDetached(() => sub.fill(0x7fffffff));
      writeDetached(() => (ta[3] = 0x7fffffff));
      eq(x.views_seg_sum(seg), want, "live Rust segment after writing the kept typed arrays");
      seg.dispose();
      // Read-only spans and other calls still work.
      onSpanRw = (v) => (v.set([1, 2, 3]), 0);
      try {
        eq(x.views_lend_rw(3), 6, "a later call");
      } finally {
        onSpanRw = null;
      }
      censusBack(rt, segsBefore, "spanTypedArrayKept");
    },
    // N8: a segment's typed array is detached by dispose(), before Rust frees the buffer.
    segmentTypedArrayKept() {
      const s = rt.allocSegment("u32", 64);
      const ta = s.typedArray();
      const sub = ta.subarray(8);
      s.dispose();
      eq(ta.length, 0, "the kept typed array after dispose() (length)");
      eq(sub.length, 0, "a subarray of it after dispose() (length)");
      const live = x.views_seg_make(64);
      const want = x.views_seg_sum(live);
      writeDetached(() => ta.fill(0x7fffffff));
      writeDetached(() => sub.fill(0x7fffffff));
      eq(x.views_seg_sum(live), want, "live Rust segment after writing the kept typed arrays");
      live.dispose();
      // A Rust-made segment too.
      const r = x.views_seg_make(16);
      const rta = r.typedArray();
      r.dispose();
      eq(rta.length, 0, "typed array of a Rust-made segment after dispose()");
      censusBack(rt, segsBefore, "segmentTypedArrayKept");
    },
    // The typed array stays a zero-copy window while the segment lives (the hot-loop use).
    segmentTypedArrayZeroCopy() {
      const s = x.views_seg_make(4);
      const ta = s.typedArray();
      ta[0] = 100;
      eq(x.views_seg_sum(s), 106, "Rust sees a write through typedArray()");
      eq(s.get(0), 100, "get() sees it");
      const other = rt.allocSegment("f64", 2);
      const ta2 = other.typedArray();
      other.dispose(); // detaches every typed array over the memory as it was ...
      eq(ta2.length, 0, "the disposed segment's typed array");
      const again = s.typedArray(); // ... so take a fresh one, as after memory.grow
      eq(again.length, 4, "a fresh typed array of the live segment");
      again[1] = 50;
      eq(x.views_seg_sum(s), 155, "Rust sees a write through the fresh typed array");
      s.dispose();
      censusBack(rt, segsBefore, "segmentTypedArrayZeroCopy");
    },
    // N4: each element of an Array source is read once; the value checked is the value written.
    viewSetReadsOnce() {
      const seg = rt.allocSegment("u8", 2);
      let n = 0;
      const a = [7, 0];
      Object.defineProperty(a, 1, { get: () => (++n === 1 ? 1 : 300) });
      seg.set(a);
      eq([...seg], [7, 1], "segment after set (first read: 1)");
      eq(n, 1, "times the getter ran");
      n = 0;
      const b = [9, 0];
      Object.defineProperty(b, 1, { get: () => (++n === 1 ? 300 : 1) });
      throwsWith(() => seg.set(b), RangeError, ["MemoryView.set", "element 1", "300"], "first read 300");
      eq(n, 1, "times the getter ran (rejected)");
      eq([...seg], [7, 1], "nothing written when an element is rejected");
      // A big-integer segment, too.
      const big = rt.allocSegment("i64", 2);
      let m = 0;
      const c = [1n, 0n];
      Object.defineProperty(c, 1, { get: () => (++m === 1 ? 2n : 2n ** 70n) });
      big.set(c);
      eq([...big].map(String), ["1", "2"], "i64 segment after set");
      eq(m, 1, "times the i64 getter ran");
      big.dispose();
      seg.dispose();
      censusBack(rt, segsBefore, "viewSetReadsOnce");
    },
    // N4b: a getter that grows memory does not lose the rest of the copy.
    viewSetGrow() {
      for (const how of HOW) {
        const seg = rt.allocSegment("f64", 3);
        const a = [1, 2, 3];
        Object.defineProperty(a, 1, { get: () => (grow(how), 2) });
        seg.set(a);
        eq([...seg], [1, 2, 3], `segment after set (getter: ${how})`);
        seg.dispose();
        // The same through a `&mut [u32]` span lent to an import.
        onSpanRw = (v) => {
          const b = [5, 6, 7];
          Object.defineProperty(b, 1, { get: () => (grow(how), 6) });
          v.set(b);
          return 0;
        };
        try {
          eq(x.views_lend_rw(3), 18, `Rust's &mut [u32] after set (getter: ${how})`);
        } finally {
          onSpanRw = null;
        }
      }
      censusBack(rt, segsBefore, "viewSetGrow");
    },
    // A getter that disposes the target: nothing is written to the freed buffer.
    viewSetDisposedByGetter() {
      const seg = rt.allocSegment("f64", 64);
      const a = [1, 2, 3];
      Object.defineProperty(a, 1, { get: () => (seg.dispose(), 2) });
      throwsWith(() => seg.set(a), Error, ["MemoryView.set", "disposed"], "target disposed by a getter");
      const live = x.views_seg_make(64);
      eq(x.views_seg_sum(live), 2016, "a live segment (likely in the freed memory) untouched");
      live.dispose();
      censusBack(rt, segsBefore, "viewSetDisposedByGetter");
    },
    // A detached source, and a typed array whose own `length` lies: named errors, nothing written.
    viewSetBadSources() {
      const seg = rt.allocSegment("f64", 4);
      seg.set([1, 2, 3, 4]);
      const d = new Float64Array(8);
      structuredClone(d.buffer, { transfer: [d.buffer] });
      throwsWith(() => seg.set(d), TypeError, ["MemoryView.set", "detached"], "detached source");
      const liar = new Float64Array(10).fill(9);
      Object.defineProperty(liar, "length", { get: () => 1 });
      throwsWith(() => seg.set(liar), RangeError, ["MemoryView.set", "10 elements"], "source whose own length says 1");
      eq([...seg], [1, 2, 3, 4], "nothing written");
      seg.dispose();
      censusBack(rt, segsBefore, "viewSetBadSources");
    },
  };
  const f = checks[name];
  if (f === undefined) fail(`no check ${name}`);
  f();
}

// Batched calls: mirrors engine/src/batch.rs. Rust queues calls of batched bindings into a
// command buffer in linear memory; swRunBatch runs them all in one crossing. A command is
// `[decoder id][result word, for a JsObject result][arguments...]` in u32 words:
//
// - integers, bool, char: one word; f32/f64: two words, its bits (low word first);
// - a string: [pointer, length], the pointer an offset into the batch's arena, or with bit 31 of
//   the length set the address of a `&'static str`, decoded once and cached by address;
// - a JsObject: its handle, or with bit 31 set a placeholder: the index (in this batch) of the
//   result word of an earlier call, where that call wrote the index of its object in the run's
//   list of results (`st.objs`). After the run Rust asks for handles for the results it still
//   holds placeholders of (swKeepBatchResults); the others go with the list, no handle made;
// - a span of numbers: [arena offset, length]: a read-only MemoryView during the call.
//
// The first call that throws stops the batch: its error goes to the fast area (as a fast
// import's) and its index is returned; -1 when every call ran.

import { compile } from "./codegen.js";
import { SlotwireError } from "./errors.js";
import { checkObject } from "./marshal/object.js";
import { decodeUtf8 } from "./marshal/string.js";
import { spanView } from "./memory-view.js";
import { NULLABLE, T, typeName } from "./slot.js";
import { spanType } from "./fast.js";

export function snippet() { return "batch.js"; }

const PLACEHOLDER = 0x80000000;
const INTERNED = 0x80000000;

/** An f64 from its two words. */
const scratch = new ArrayBuffer(8);
const sc32 = new Uint32Array(scratch);
const sc64 = new Float64Array(scratch);

const INT = new Set([T.i8, T.u8, T.i16, T.u16, T.i32, T.isize, T.u32, T.usize]);

/** Whether a parameter code can be batched (engine/src/batch.rs `batch_param`). */
export function batchParam(code) {
  if ((code & NULLABLE) !== 0) return false;
  const s = spanType(code);
  if (s !== null) return !s.readOnly ? false : s.t.code !== T.u64 && s.t.code !== T.i64;
  return INT.has(code) || code === T.f32 || code === T.f64 || code === T.bool || code === T.char ||
    code === T.string || code === T.object;
}

/** The string of a [pointer, length] word pair (`arena`: the batch's arena address). */
function str(h, ptr, len, arena) {
  if ((len & INTERNED) === 0) return decodeUtf8(h.u8, arena + ptr, len);
  len &= 0x7fffffff;
  // A `&'static str`: the same address is the same bytes for the instance's life.
  const cache = h.batchStrings ?? (h.batchStrings = new Map());
  const hit = cache.get(ptr);
  if (hit !== undefined && hit.length === len) return hit.s;
  const s = decodeUtf8(h.u8, ptr, len);
  cache.set(ptr, { length: len, s });
  return s;
}

/** The object of a JsObject word (`base`: the batch's first word index; `st.objs`: the run's results). */
function obj(h, w, base, st, what) {
  if ((w & PLACEHOLDER) === 0) return h.objects.get(w, what);
  const o = st.objs[h.u32[base + (w & 0x7fffffff)]];
  if (o === undefined) throw new SlotwireError(`${what}: a placeholder whose call made no object`);
  return o;
}

/**
 * The decoder of batched binding `id`: `(h, p, base, arena, end, st) => p'` reads a call's
 * arguments at word `p`, calls `fn`, writes a JsObject result's handle, counts the call in
 * `st.k`, and goes on while the next command is a call of the same binding (one indirect call per
 * run of them: the loop's call of `fn` is monomorphic); returns the next command's word.
 */
export function makeBatchDecoder(rt, id, fn, self, where, params, ret) {
  for (const c of params) {
    if (!batchParam(c)) throw new SlotwireError(`${where}: a batched call cannot take ${typeName(c)}`);
  }
  if (ret !== T.void && ret !== T.object) throw new SlotwireError(`${where}: a batched call returns nothing or a JsObject`);
  const lines = [];
  const args = [];
  const spans = [];
  const whats = params.map((c, i) => `${where}: argument ${i + 1} (${typeName(c)})`);
  if (ret === T.object) lines.push("const rw = p++;");
  params.forEach((c, i) => {
    const a = `a${i}`;
    args.push(a);
    const span = spanType(c);
    if (span !== null) {
      lines.push(`const ${a} = sv(h.memory, arena + u32[p], u32[p + 1], t${spans.length}, true, h[t${spans.length}.name]); p += 2;`);
      spans.push({ a, t: span.t });
    } else if (INT.has(c)) {
      const signed = c === T.i8 || c === T.i16 || c === T.i32 || c === T.isize;
      lines.push(`const ${a} = ${signed ? "u32[p++] | 0" : "u32[p++]"};`);
    } else if (c === T.bool) {
      lines.push(`const ${a} = u32[p++] !== 0;`);
    } else if (c === T.char) {
      lines.push(`const ${a} = String.fromCodePoint(u32[p++]);`);
    } else if (c === T.f32 || c === T.f64) {
      lines.push(`sc32[0] = u32[p]; sc32[1] = u32[p + 1]; p += 2; const ${a} = sc64[0];`);
    } else if (c === T.string) {
      lines.push(`const ${a} = str(h, u32[p], u32[p + 1], arena); p += 2;`);
    } else {
      lines.push(`const ${a} = obj(h, u32[p++], base, st, whats[${i}]);`);
    }
  });
  const call = self === undefined ? `fn(${args.join(", ")})` : `fn.call(self${args.map((x) => `, ${x}`).join("")})`;
  const result = ret === T.object
    ? `const o = checkObject(r, what); h.check(); h.u32[rw] = st.objs.push(o) - 1;`
    : "";
  const body = spans.length === 0
    ? `return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      for (;;) {
        ${lines.join("\n        ")}
        const r = ${call};
        ${result}
        k++;
        // The call may have grown memory (detaching the views).
        if (u32.length === 0) u32 = (h.refresh(), h.u32);
        if (p >= end || u32[p] !== id) return p;
        p++;
      }
    } finally {
      st.k += k;
    }
  };`
    : `return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      for (;;) {
        ${lines.join("\n        ")}
        try {
          const r = ${call};
          ${result}
        } finally {
          ${spans.map((s) => `${s.a}.dispose();`).join(" ")}
        }
        k++;
        if (u32.length === 0) u32 = (h.refresh(), h.u32);
        if (p >= end || u32[p] !== id) return p;
        p++;
      }
    } finally {
      st.k += k;
    }
  };`;
  const what = `${where}: result`;
  const names = ["id", "fn", "self", "str", "obj", "checkObject", "whats", "what", "sv", "sc32", "sc64", ...spans.map((_, i) => `t${i}`)];
  const values = [id, fn, self, str, obj, checkObject, whats, what, spanView, sc32, sc64, ...spans.map((s) => s.t)];
  const f = compile(names, body, values);
  if (f !== null) return f;
  // Without code generation (CSP): the same reads, interpreted.
  return (h, p, base, arena, end, st) => {
    h.check();
    const u32 = h.u32;
    const rw = ret === T.object ? p++ : -1;
    const vals = [];
    const views = [];
    for (let i = 0; i < params.length; i++) {
      const c = params[i];
      const span = spanType(c);
      if (span !== null) {
        const v = spanView(h.memory, arena + u32[p], u32[p + 1], span.t, true, h[span.t.name]);
        views.push(v);
        vals.push(v);
        p += 2;
      } else if (INT.has(c)) {
        const signed = c === T.i8 || c === T.i16 || c === T.i32 || c === T.isize;
        vals.push(signed ? u32[p++] | 0 : u32[p++]);
      } else if (c === T.bool) vals.push(u32[p++] !== 0);
      else if (c === T.char) vals.push(String.fromCodePoint(u32[p++]));
      else if (c === T.f32 || c === T.f64) {
        sc32[0] = u32[p];
        sc32[1] = u32[p + 1];
        vals.push(sc64[0]);
        p += 2;
      } else if (c === T.string) {
        vals.push(str(h, u32[p], u32[p + 1], arena));
        p += 2;
      } else vals.push(obj(h, u32[p++], base, st, whats[i]));
    }
    try {
      const r = fn.apply(self, vals);
      if (rw >= 0) {
        h.check();
        const o = checkObject(r, what);
        h.check();
        h.u32[rw] = st.objs.push(o) - 1;
      }
    } finally {
      for (const v of views) v.dispose();
    }
    st.k++;
    return p;
  };
}

/**
 * Runs `n` command words at address `ptr` (arena at `arena`): -1 when every call ran, else the
 * index of the call that threw (reported in the fast area, as a fast import's throw).
 */
export function runBatch(rt, ptr, n, arena) {
  const h = rt.heap;
  const decoders = rt.batchDecoders;
  const base = ptr >>> 2;
  const end = base + n;
  let p = base;
  // Calls done (the decoders count them): the index of the one that threw; the calls' object
  // results, kept until Rust said which it holds (keepBatchResults; runs nest, hence a stack).
  const st = { k: 0, objs: [] };
  rt.batchResults.push(st.objs);
  try {
    while (p < end) {
      // A call may have grown memory (it can call exports): the views follow.
      if (h.u8.length === 0) h.refresh();
      const id = h.u32[p];
      const d = decoders[id];
      if (d === undefined) throw new SlotwireError(`batch: ${id} is not a batched binding`);
      p = d(h, p + 1, base, arena, end, st);
    }
    return -1;
  } catch (e) {
    rt.reportFast(e);
    return st.k;
  }
}

/**
 * After a run: a handle (one reference, Rust's) for the result of each call whose result word
 * is in `keep` (word indices in the batch at `ptr`), written into that word; the run's other
 * results are let go.
 */
export function keepBatchResults(rt, ptr, keep) {
  const objs = rt.batchResults.pop();
  if (objs === undefined) throw new SlotwireError("batch: results kept for no run");
  const h = rt.heap;
  h.check();
  const base = ptr >>> 2;
  for (let i = 0; i < keep.length; i++) {
    const w = base + keep[i];
    const o = objs[h.u32[w]];
    if (o === undefined) throw new SlotwireError("batch: a kept result that no call made");
    h.u32[w] = h.objects.toHandle(o);
  }
}

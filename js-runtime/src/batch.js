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
//
// Code: each binding gets a decoder at bind time (`makeBatchDecoder`); the first run after a
// bind makes the runner (`makeBatchRunner`): one function with every binding's call inline as a
// `case`, declared accessors (`@set:className`) written out as property accesses, so a batch
// that mixes bindings call by call runs as one loop, like hand-written JS. Decoders run the
// bindings past the runner's cases, and everything without code generation.

import { compile } from "./codegen.js";
import { accessCall, reflectApply } from "./imports.js";
import { SlotwireError } from "./errors.js";
import { checkObject } from "./marshal/object.js";
import { decodeUtf8 } from "./marshal/string.js";
import { features, views as viewRuntime } from "./features.js";
import { NULLABLE, T, typeName } from "./slot.js";
import { spanType } from "./fast.js";

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

/** Slots of the interned-string cache (a power of two). */
const STRING_SLOTS = 256;

/**
 * The string of a [pointer, length] word pair (`arena`: the batch's arena address). A
 * `&'static str` (INTERNED): the same address and length are the same bytes for the instance's
 * life, so its string is kept in a direct-mapped cache of the heap (one slot per address hash,
 * typed arrays: a hit is two loads and two compares, no `Map` lookup); a string whose slot
 * another holds is decoded again.
 */
function str(h, ptr, len, arena) {
  if ((len & INTERNED) === 0) return decodeUtf8(h.u8, arena + ptr, len);
  len &= 0x7fffffff;
  const c = h.batchStrings ?? (h.batchStrings = {
    at: new Uint32Array(STRING_SLOTS),
    len: new Uint32Array(STRING_SLOTS),
    s: new Array(STRING_SLOTS).fill(""),
  });
  const i = (ptr ^ (ptr >>> 9)) & (STRING_SLOTS - 1);
  // (An empty slot is address 0, length 0: the string "".)
  if (c.at[i] === ptr && c.len[i] === len) return c.s[i];
  const s = decodeUtf8(h.u8, ptr, len);
  c.at[i] = ptr;
  c.len[i] = len;
  c.s[i] = s;
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
 * The JS source of one call of a batched binding: `lines` read its arguments at word `p`
 * (`const a0 = ...;`), then call it and handle its result (a JsObject result goes into the run's
 * list, its index into the result word `rw`). Names the binding's values with suffix `x`
 * (`fn${x}`, `self${x}`, ...): `names`/`values` are what the generated function closes over;
 * `whats`/`what` name the arguments and the result in errors.
 */
function callSource(x, fn, self, where, params, ret, access) {
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
      const t = `t${x}_${spans.length}`;
      lines.push(`const ${a} = sv(h.memory, arena + u32[p], u32[p + 1], ${t}, true, h[${t}.name]); p += 2;`);
      spans.push({ a, t, type: span.t });
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
      lines.push(`const ${a} = obj(h, u32[p++], base, st, whats${x}[${i}]);`);
    }
  });
  // A declared accessor is written out (`a0["className"] = a1`): no call of its function, and a
  // property access site of its own, as in hand-written JS.
  const invoke = accessCall(access, args) ??
    (self === undefined ? `fn${x}(${args.join(", ")})` : `fn${x}.call(self${x}${args.map((a) => `, ${a}`).join("")})`);
  const result = ret === T.object
    ? ` const o = checkObject(r, what${x}); h.check(); h.u32[rw] = st.objs.push(o) - 1;`
    : "";
  const call = spans.length === 0
    ? [`const r = ${invoke};${result}`]
    : [
      `try {`,
      `  const r = ${invoke};${result}`,
      `} finally {`,
      `  ${spans.map((s) => `${s.a}.dispose();`).join(" ")}`,
      `}`,
    ];
  const names = [`fn${x}`, `self${x}`, `whats${x}`, `what${x}`, ...spans.map((s) => s.t)];
  const what = `${where}: result`;
  const values = [fn, self, whats, what, ...spans.map((s) => s.type)];
  return { lines: [...lines, ...call], names, values, whats, what };
}

/**
 * A run of calls of binding `id` as one loop: the call's `lines`, counted in `k`, the views
 * re-derived if the call grew memory, and `exit` (`return p;` or `break;`) once the next command
 * is not a call of `id`. The decoder and the runner's case share it.
 */
function runLoop(id, lines, exit, indent) {
  const nl = `\n${indent}`;
  return `for (;;) {${nl}  ${lines.join(`${nl}  `)}${nl}  k++;${nl}  // The call may have grown memory (detaching the views).${nl}  if (u32.length === 0) u32 = (h.refresh(), h.u32);${nl}  if (p >= end || u32[p] !== ${id}) ${exit}${nl}  p++;${nl}}`;
}

/** What every generated batch function closes over besides its bindings' own values. */
const SHARED_NAMES = ["str", "obj", "checkObject", "sv", "sc32", "sc64", "SlotwireError"];
/** Their values; `sv`: the view runtime's `spanView` (loaded in an app whose batches take spans). */
const sharedValues = () => [str, obj, checkObject, features.views?.spanView, sc32, sc64, SlotwireError];

/**
 * The decoder of batched binding `id`: `(h, p, base, arena, end, st) => p'` reads a call's
 * arguments at word `p`, calls `fn`, writes a JsObject result's handle, counts the call in
 * `st.k`, and goes on while the next command is a call of the same binding; returns the next
 * command's word. The runner (`makeBatchRunner`) has the same code inline for the first
 * {@link RUNNER_CASES} bindings; this decoder runs the others, and every binding without code
 * generation (CSP).
 */
export function makeBatchDecoder(rt, id, fn, self, where, params, ret, access = undefined) {
  for (const c of params) {
    if (!batchParam(c)) throw new SlotwireError(`${where}: a batched call cannot take ${typeName(c)}`);
  }
  if (ret !== T.void && ret !== T.object) throw new SlotwireError(`${where}: a batched call returns nothing or a JsObject`);
  const src = callSource("", fn, self, where, params, ret, access);
  const body = `return function (h, p, base, arena, end, st) {
    let u32 = h.u32;
    let k = 0;
    try {
      ${runLoop("id", src.lines, "return p;", "      ")}
    } finally {
      st.k += k;
    }
  };`;
  const f = compile(["id", ...SHARED_NAMES, ...src.names], body, [id, ...sharedValues(), ...src.values]);
  const decoder = f ?? interpretedDecoder(fn, self, params, ret, src.whats, src.what);
  // Kept for the runner, which inlines this binding's call.
  decoder.batchCall = f === null ? null : { fn, self, where, params, ret, access };
  return decoder;
}

/** The decoder without code generation (CSP): the same reads, interpreted. */
function interpretedDecoder(fn, self, params, ret, whats, what) {
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
        const v = viewRuntime("batch").spanView(h.memory, arena + u32[p], u32[p + 1], span.t, true, h[span.t.name]);
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
      const r = reflectApply(fn, self, vals);
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
 * Bindings whose calls the runner has inline (one `case` each); later ones go through their
 * decoder. Bounds the runner's size (V8 stops optimizing very large functions).
 */
export const RUNNER_CASES = 64;

/**
 * The runner of every batch: `(h, p, base, arena, end, st)` runs the commands from word `p` to
 * `end`, counting the calls that ran in `st.k` (the index of the one that threw, when one does).
 * One function with a `case` per binding (its decoder's code inline), so a batch that mixes
 * bindings call by call (a DOM build: createElement, className, appendChild, ...) is one loop,
 * each call site monomorphic, instead of an indirect call per command. Made again at the first
 * run after a new binding (`rt.batchRunner` is reset by the bind); null without code generation.
 */
export function makeBatchRunner(rt) {
  const decoders = rt.batchDecoders;
  const names = ["decoders", ...SHARED_NAMES];
  const values = [decoders, ...sharedValues()];
  const cases = [];
  for (let id = 0; id < decoders.length && id < RUNNER_CASES; id++) {
    const b = decoders[id].batchCall;
    if (b === null) return null;
    const src = callSource(`_${id}`, b.fn, b.self, b.where, b.params, b.ret, b.access);
    names.push(...src.names);
    values.push(...src.values);
    // A run of calls of this binding loops here (one dispatch per run, as in its decoder).
    cases.push(`case ${id}:\n          ${runLoop(id, src.lines, "break;", "          ")}\n          continue;`);
  }
  const body = `return function batchRunner(h, p, base, arena, end, st) {
    h.check();
    let u32 = h.u32;
    // Calls that ran; -1 while a decoder runs (it counts in st.k itself).
    let k = st.k;
    try {
      while (p < end) {
        switch (u32[p++]) {
        ${cases.join("\n        ")}
        default: {
          const d = decoders[u32[p - 1]];
          if (d === undefined) throw new SlotwireError(\`batch: \${u32[p - 1]} is not a batched binding\`);
          st.k = k;
          k = -1;
          p = d(h, p, base, arena, end, st);
          k = st.k;
          u32 = h.u32;
          continue;
        }
        }
      }
    } finally {
      if (k >= 0) st.k = k;
    }
  };`;
  return compile(names, body, values);
}

/**
 * Runs `n` command words at address `ptr` (arena at `arena`): -1 when every call ran, else the
 * index of the call that threw (reported in the fast area, as a fast import's throw).
 */
export function runBatch(rt, ptr, n, arena) {
  // Rust handed its queue over: nothing is pending until it queues again (swBatchQueued).
  rt.batchPending = false;
  const h = rt.heap;
  const base = ptr >>> 2;
  const end = base + n;
  // Calls done: the index of the one that threw; the calls' object results, kept until Rust
  // said which it holds (keepBatchResults; runs nest, hence a stack).
  const st = { k: 0, objs: [] };
  rt.batchResults.push(st.objs);
  // Releases of handles (a later call may name one) wait until the run ends (handles.js `hold`).
  h.objects.hold();
  try {
    if (rt.batchRunner === null) rt.batchRunner = makeBatchRunner(rt) ?? false;
    if (rt.batchRunner !== false) {
      rt.batchRunner(h, base, base, arena, end, st);
      return -1;
    }
    const decoders = rt.batchDecoders;
    let p = base;
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
  } finally {
    h.objects.unhold();
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

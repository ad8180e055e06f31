// Typed trampolines: mirrors engine/src/call/fast.rs.
//
// For signatures made only of numbers, bool, char (and &str / JsObject arguments), values travel
// as wasm parameters instead of slots. A `#[js_import]` calls its own global `__slotwire_k<hash>`
// (defined by swBind), a `Binding` the shared `swCallN(id, ...values)`; JS calls the typed wasm
// export `__slotwire_fast__<name>` for exports. Each binding gets its own function, generated
// once at bind time (codegen.js); without code generation a generic closure does the same work,
// slower.

import { CLOSURE_FAST_I32, CLOSURE_I32_USE_SLOTS, CODE_SHIFT, FAST_CLEAR, FAST_EXCEPTION, FAST_RESULT_LEN, FAST_STATUS, FAST_THREW, FAST_USE_SLOTS, NULLABLE, T, codeInner, codeType, typeName } from "./slot.js";
import { VIEW_TYPES, disposeSpans } from "./view-types.js";
import { views } from "./features.js";
import { checkers } from "./marshal/primitive.js";
import { checkAndEncode, decodeUtf8, encodeStr } from "./marshal/string.js";
import { typeError } from "./errors.js";
import { accessCall, failImport, reflectApply } from "./imports.js";
import { compile } from "./codegen.js";
import { checkObject, objectHandle } from "./marshal/object.js";
import { promiseRegistrar } from "./promise.js";

const INT_LIKE = new Set([T.i8, T.u8, T.i16, T.u16, T.i32, T.isize]);

/** Whether a parameter code can travel as wasm values (import or export argument). */
export function fastParam(code) {
  return code === T.string || code in checkers;
}

/** Import arguments may also be JS object handles (a `JsObject` Rust holds) and spans. */
export function fastImportParam(code) {
  return fastParam(code) || code === T.object || spanType(code) !== null;
}

/**
 * For a span of numbers (`&[T]`, `&mut [T]` of a view element type: pointer and length, two
 * wasm values), `{ t, readOnly }` (`t` the VIEW_TYPES entry); else null.
 */
export function spanType(code) {
  const base = code & 0x7f;
  if ((base !== T.span && base !== T.span_mut) || (code & NULLABLE) !== 0) return null;
  const inner = code >>> CODE_SHIFT;
  for (const k in VIEW_TYPES) {
    if (VIEW_TYPES[k].code === inner) return { t: VIEW_TYPES[k], readOnly: base === T.span };
  }
  return null;
}

/**
 * How many wasm values a fast signature's parameters take: two for a string or a span (pointer
 * and length), one for every other code. The one count every user of the signature shares (the
 * trampolines, swBind's per-key dispatcher).
 */
export function wasmValueCount(codes) {
  let n = 0;
  for (const c of codes) n += c === T.string || spanType(c) !== null ? 2 : 1;
  return n;
}

/** Whether a result code can travel as a wasm value. */
export function fastResult(code) {
  return code === T.void || code in checkers;
}

/**
 * JS expression turning wasm value(s) of `code` named `a` (and `b` for strings) into the JS value.
 * `refs`: a JsObject arrives as an externref (the object itself), not as a table handle.
 */
function fromWasm(code, a, b, refs = false, what = undefined) {
  if (INT_LIKE.has(code) || code === T.f32 || code === T.f64) return a;
  switch (code) {
    case T.u32:
    case T.usize:
      return `(${a} >>> 0)`;
    case T.bool:
      return `(${a} !== 0)`;
    case T.char:
      return `String.fromCodePoint(${a} >>> 0)`;
    case T.string:
      return `dec(h.u8, ${a} >>> 0, ${b} >>> 0)`;
    case T.object:
      return refs ? a : `h.objects.get(${a} >>> 0${what === undefined ? "" : `, ${JSON.stringify(what)}`})`;
    case T.void:
      return "undefined";
    default:
      throw new Error(`fast path: unsupported type code ${code}`);
  }
}

/** Same as `fromWasm`, as a function (the fallback when code generation is not allowed). */
function fromWasmFn(code, h, refs = false, what = undefined) {
  if (code === T.object) return refs ? (a) => a : (a) => h.objects.get(a >>> 0, what);
  if (INT_LIKE.has(code) || code === T.f32 || code === T.f64) return (a) => a;
  switch (code) {
    case T.u32:
    case T.usize:
      return (a) => a >>> 0;
    case T.bool:
      return (a) => a !== 0;
    case T.char:
      return (a) => String.fromCodePoint(a >>> 0);
    case T.void:
      return () => undefined;
    default:
      throw new Error(`fast path: unsupported type code ${code}`);
  }
}

/**
 * A JS expression for `v` checked as `code`, as a wasm value: the common case inline, the checker
 * `chk` (which throws the TypeError/RangeError, or handles the rare cases) otherwise.
 */
function checked(code, v, chk, what) {
  const slow = `${chk}(${v}, ${what})`;
  // `typeof` first: `|` on a BigInt or a Symbol throws its own TypeError.
  const num = `typeof ${v} === "number"`;
  switch (code) {
    case T.i32:
    case T.isize:
      return `(${num} && (${v} | 0) === ${v} ? ${v} : ${slow})`;
    case T.u32:
    case T.usize:
      return `(${num} && ${v} >>> 0 === ${v} ? ${v} : ${slow})`;
    case T.i16:
      return `(${num} && ((${v} << 16) >> 16) === ${v} ? ${v} : ${slow})`;
    case T.u16:
      return `(${num} && (${v} & 65535) === ${v} ? ${v} : ${slow})`;
    case T.i8:
      return `(${num} && ((${v} << 24) >> 24) === ${v} ? ${v} : ${slow})`;
    case T.u8:
      return `(${num} && (${v} & 255) === ${v} ? ${v} : ${slow})`;
    case T.f64:
      return `(${num} ? ${v} : ${slow})`;
    case T.bool:
      return `(${v} === true ? 1 : ${v} === false ? 0 : ${slow})`;
    default:
      return slow;
  }
}

/** Longest String result encoded by the inline ASCII loop of `stringResult`. */
const SHORT_RESULT = 64;

/**
 * A typed import's String result `r` (see makeFastImport): its address; its byte length in the
 * fast area. Short ASCII is copied by hand to the frame area's top without moving it (nothing
 * runs between this and Rust's copy: `charCodeAt` of a primitive string runs no user code); the
 * rest is encoded as any import result is, between beginResult and endResult.
 */
function stringResult(h, area, r, what) {
  if (typeof r !== "string") throw typeError(what, "string", r);
  // The call may have grown the memory (its views are then detached).
  h.check();
  const n = r.length;
  const at = h.top + ((8 - (h.top & 7)) & 7);
  if (n <= SHORT_RESULT && at + n <= h.end) {
    h.written();
    const u8 = h.u8;
    let i = 0;
    for (; i < n; i++) {
      const c = r.charCodeAt(i);
      if (c >= 0x80) break;
      u8[at + i] = c;
    }
    if (i === n) {
      h.u32[(area + FAST_RESULT_LEN) >>> 2] = n;
      return at;
    }
  }
  const top = h.top;
  h.beginResult();
  try {
    const p = encodeStr(h, r);
    h.u32[(area + FAST_RESULT_LEN) >>> 2] = h.lastLength;
    return p;
  } finally {
    h.endResult();
    h.top = top;
  }
}

/**
 * The function `swCallN` dispatches to for a fast import: converts the wasm values to JS
 * arguments, calls `fn`, checks the result and returns it as a wasm value. A throw (or a bad
 * result) is written into the fast area's exception slot, flagged, and 0 is returned.
 *
 * `withId`: called through a JS global of its own (`#[js_import]`'s `__slotwire_k<hash>`, a typed
 * binding's pool site): the binding id comes first. `refs` (BIND_FAST_REFS, a `#[js_import]`'s
 * own wasm import): JsObjects cross as externrefs (wasm-bindgen's table, as its own imports pass
 * objects): an object argument is the object, an object result is returned as itself once
 * checked. Otherwise a JsObject is a handle of the runtime's table.
 */
export function makeFastImport(rt, fn, self, where, params, ret, withId = false, refs = false, access = undefined) {
  const h = rt.heap;
  const area = rt.fastArea;
  const fail = (e) => {
    failImport(h, area + FAST_EXCEPTION, e);
    h.u32[(area + FAST_STATUS) >>> 2] = FAST_THREW;
    return 0;
  };
  // A JsObject result: the handle the table makes for it (one reference, which Rust adopts), or
  // with `refs` the object itself, once checked (the same TypeError as the handle's). A String
  // result: encoded as an import's result is (above the frame area's top, which stays where it
  // was: Rust copies the bytes out before anything else runs), its address returned and its
  // byte length left in the fast area (engine/src/call/fast.rs string_result).
  // A promise (an async import): registered, its id returned (Rust awaits it as JsPromise).
  const register = ret !== T.void && codeType(ret) === T.promise ? promiseRegistrar(codeInner(ret), where) : null;
  const chk = ret === T.void
    ? null
    : register !== null
      ? (r) => register(h, r)
      : ret === T.object
      ? refs ? (r, w) => checkObject(r, w) : (r, w) => objectHandle(h, r, w)
      : ret === T.string
        ? (r, w) => stringResult(h, area, r, w)
        : checkers[ret];
  const what = `${where}: result`;
  const wasmNames = [];
  const jsArgs = [];
  const spans = [];
  let hasStr = false;
  // What a bad JsObject handle's error names (a batched call's placeholder that did not run
  // arrives as handle 0).
  const argWhat = (i) => `${where}: argument ${i + 1} (${typeName(params[i])})`;
  for (const [i, c] of params.entries()) {
    if (c & NULLABLE || !fastImportParam(c)) throw new Error(`${where}: parameter type ${c} has no fast path`);
    const a = `w${wasmNames.length}`;
    wasmNames.push(a);
    const span = spanType(c);
    if (c === T.string || span !== null) {
      const b = `w${wasmNames.length}`;
      wasmNames.push(b);
      if (span !== null) {
        // A MemoryView valid during the call (disposed in the finally below; a local, not
        // h.spans: this call's spans are all here).
        jsArgs.push(`(s${spans.length} = sv(h.memory, ${a} >>> 0, ${b} >>> 0, t${spans.length}, ${span.readOnly}, h.${span.t.name}))`);
        spans.push(span);
      } else {
        jsArgs.push(fromWasm(c, a, b));
      }
      hasStr = true;
    } else {
      jsArgs.push(fromWasm(c, a, undefined, refs, argWhat(i)));
    }
  }
  // The result as a wasm value: a checked number, or an object checked inline (externref).
  const ret_ = chk === null
    ? "0"
    : refs && ret === T.object
      ? `(r !== null && (typeof r === "object" || typeof r === "function") ? r : chk(r, what))`
      : checked(ret, "r", "chk", "what");
  // `withId`: the binding id comes first (the per-import globals of #[js_import]); unused here.
  const head = withId ? ["id", ...wasmNames] : wasmNames;
  // A declared accessor is written out (`w0["answer"]`): one property access site per binding.
  const call = accessCall(access, jsArgs) ??
    (self === undefined ? `fn(${jsArgs.join(", ")})` : `fn.call(self${jsArgs.map((x) => `, ${x}`).join("")})`);
  // Calls Rust queued run first, flushed from here: Rust checks nothing before a typed call
  // (#[js_import], TypedBinding, Binding). Before the try: a trap in the flush is not this
  // import's error.
  const flush = "if (rt.batchPending) rt.flushQueued();";
  const body = spans.length === 0
    ? `return function (${head.join(", ")}) {
    ${flush}
    try {
      ${hasStr ? "if (h.u8.length === 0) h.refresh();" : ""}
      const r = ${call};
      return ${ret_};
    } catch (e) {
      return fail(e);
    }
  };`
    : `return function (${head.join(", ")}) {
    ${flush}
    if (h.u8.length === 0) h.refresh();
    ${spans.map((_, i) => `let s${i} = null;`).join(" ")}
    try {
      const r = ${call};
      return ${ret_};
    } catch (e) {
      return fail(e);
    } finally {
      ${spans.map((_, i) => `if (s${i} !== null) s${i}.dispose();`).reverse().join("\n      ")}
    }
  };`;
  // Spans are MemoryViews: the view runtime's (a snippet the app's wasm links with its first span).
  const spanView = spans.length === 0 ? undefined : views(where).spanView;
  const f = compile(
    ["rt", "fn", "self", "h", "dec", "chk", "what", "fail", "sv", "ds", ...spans.map((_, i) => `t${i}`)],
    body,
    [rt, fn, self, h, decodeUtf8, chk, what, fail, spanView, disposeSpans, ...spans.map((x) => x.t)],
  );
  if (f !== null) return f;
  // Fallback without code generation.
  const convs = params.map((c, i) => (c === T.string || spanType(c) !== null ? null : fromWasmFn(c, h, refs, argWhat(i))));
  return (...all) => {
    if (rt.batchPending) rt.flushQueued();
    const w = withId ? all.slice(1) : all;
    const mark = h.spans.length;
    try {
      if (hasStr) h.check();
      const args = [];
      let k = 0;
      for (let i = 0; i < params.length; i++) {
        const span = convs[i] === null ? spanType(params[i]) : null;
        if (span !== null) {
          const v = spanView(h.memory, w[k] >>> 0, w[k + 1] >>> 0, span.t, span.readOnly, h[span.t.name]);
          h.spans.push(v);
          args.push(v);
          k += 2;
        } else if (convs[i] === null) {
          args.push(decodeUtf8(h.u8, w[k] >>> 0, w[k + 1] >>> 0));
          k += 2;
        } else {
          args.push(convs[i](w[k++]));
        }
      }
      const r = reflectApply(fn, self, args);
      return chk ? chk(r, what) : 0;
    } catch (e) {
      return fail(e);
    } finally {
      disposeSpans(h, mark);
    }
  };
}

/**
 * The generated lines that check (numbers, bools, chars) or encode into the frame (strings) each
 * argument `a<i>` of a typed export or function, for `enc` (checkAndEncode) and heap `h`: what
 * they use is pushed onto `names`/`values` (`w<i>` its error text, `c<i>` its checker), the wasm
 * values they make onto `wasmArgs` (a string: its address and byte length).
 */
function argumentLines(params, whats, names, values, wasmArgs) {
  return params.map((c, i) => {
    names.push(`w${i}`);
    values.push(whats[i]);
    if (c === T.string) {
      wasmArgs.push(`p${i}`, `l${i}`);
      return `const p${i} = enc(h, a${i}, w${i}); const l${i} = h.lastLength;`;
    }
    names.push(`c${i}`);
    values.push(checkers[c]);
    wasmArgs.push(`v${i}`);
    return `const v${i} = ${checked(c, `a${i}`, `c${i}`, `w${i}`)};`;
  });
}

/** Without code generation: the wasm values of arguments `a`, as `argumentLines` makes them. */
function argumentValues(h, params, a, whats) {
  const v = [];
  for (let i = 0; i < params.length; i++) {
    if (params[i] === T.string) v.push(checkAndEncode(h, a[i], whats[i]), h.lastLength);
    else v.push(checkers[params[i]](a[i], whats[i]));
  }
  return v;
}

/**
 * The JS function for an export that has a typed wasm export `fastFn`: checks the argument count
 * and each argument, encodes strings into the frame area, calls, converts the result.
 */
export function makeFastExport(rt, name, params, whats, ret, fastFn, arity) {
  const h = rt.heap;
  const n = params.length;
  const argNames = params.map((_, i) => `a${i}`);
  const names = ["rt", "h", "f", "arity", "enc"];
  const values = [rt, h, fastFn, arity, checkAndEncode];
  const wasmArgs = [];
  const lines = argumentLines(params, whats, names, values, wasmArgs);
  const hasStr = params.includes(T.string);
  const conv = fromWasm(ret, "r");
  // After the call, Rust may have grown the memory. Neither variant re-derives the views here:
  // the result conversion reads no memory and `release` touches no view, and every code that
  // does use them re-derives them where it starts and after any user code (which is where such
  // a call can come from), so a call pays nothing for it (a check here cost export_string_16
  // ~2.6 ns, 6 %).
  // What the export queued runs before its caller goes on (program order): flushed from here,
  // after the frame is given back, Rust checks nothing on the way out.
  const call = `try {
        r = f(${wasmArgs.join(", ")});
      } catch (e) {
        throw rt.trapped(e);
      }`;
  const flushAndReturn = `if (rt.batchPending) rt.flushQueued();
    return ${conv};`;
  const body = hasStr
    ? `return { export_(${argNames.join(", ")}) {
    if (arguments.length !== ${n}) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    let r;
    try {
      ${lines.join("\n      ")}
      ${call}
    } finally {
      h.release(top, ov);
    }
    ${flushAndReturn}
  } }.export_;`
    : `return { export_(${argNames.join(", ")}) {
    if (arguments.length !== ${n}) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    ${lines.join("\n    ")}
    let r;
    ${call}
    ${flushAndReturn}
  } }.export_;`;
  const f = compile(names, body, values);
  if (f !== null) return f;
  // Fallback without code generation.
  const convR = fromWasmFn(ret);
  return (...a) => {
    if (a.length !== n) throw arity(a.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    h.check();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const w = argumentValues(h, params, a, whats);
      let r;
      try {
        r = fastFn(...w);
      } catch (e) {
        throw rt.trapped(e);
      }
      if (rt.batchPending) rt.flushQueued();
      h.check();
      return convR(r);
    } finally {
      h.release(top, ov);
    }
  };
}

/** JS expression turning the i32 `r` a CLOSURE_FAST_I32 entry returned into the JS value of `code`. */
function fromI32(code, r) {
  return code === T.u32 || code === T.usize ? `(${r} >>> 0)` : fromF64(code, r);
}

/** JS expression turning the f64 `r` a closure's typed path returned into the JS value of `code`. */
function fromF64(code, r) {
  switch (code) {
    case T.void:
      return "undefined";
    case T.bool:
      return `(${r} !== 0)`;
    case T.char:
      return `String.fromCodePoint(${r})`;
    default:
      return r;
  }
}

/**
 * The JS function for a Rust closure whose parameters (at most four) and result are plain values:
 * each argument checked and passed to `f`, the closure's typed entry (a wasm function of the
 * closure's type, from the function table), no slots. `abi` (the closure info's fast word,
 * decided by engine/src/call/fast.rs `closure_abi`) says how it is called: CLOSURE_FAST_I32 —
 * integers, bools and chars — `f(lo, hi, ..)` with every argument an i32 (the handle in two
 * halves) and an i32 result, else `f(handle, ..)` with every argument and the result an f64. When Rust cannot take that path (the closure was
 * dropped or is running), it returns CLOSURE_I32_USE_SLOTS (i32) or NaN (f64) and sets the fast
 * area's status word to 2, and the call goes through `slow` (the slot path), which says why: the
 * status word is read only after that value (which a closure may return too). `name` is what
 * argument errors name (a run-time export's name). Null when this instance has no fast area.
 * `live` (`{ dropped }`, given for a function's entry, `JsClosure::from_fn`): the entry takes no
 * handle and never refuses, so JS stops calling it itself once `live.dropped` is set.
 */
export function makeFastClosure(rt, handle, params, ret, slow, abi, name, f, live = null) {
  const n = params.length;
  const ints = abi === CLOSURE_FAST_I32;
  if (rt.fastArea === 0) return null;
  // The handle as Rust's entry takes it: one f64, or its low and high 32 bits as i32s; none
  // for a function's entry (`live` given), which has nothing to look up.
  const target =
    live !== null ? [] : ints ? [handle % 2 ** 32 | 0, Math.floor(handle / 2 ** 32) | 0] : [handle];
  // Strings (a function's `&str` parameters, f64 entries only): encoded into the frame area,
  // passed as address and byte length, the frame given back after the call.
  const hasStr = params.includes(T.string);
  if (hasStr && (live === null || ints)) return null;
  const h = rt.heap;
  const S = (rt.fastArea + FAST_STATUS) >>> 2;
  const whats = params.map((c, i) => `${name}: argument ${i + 1} (?)`);
  const names = ["rt", "h", "f", "slow", "live", "enc"];
  const values = [rt, h, f, slow, live, checkAndEncode];
  const args = params.map((_, i) => `a${i}`);
  const wasmArgs = [...target];
  const lines = argumentLines(params, whats, names, values, wasmArgs);
  const call = `try {
      r = f(${wasmArgs.join(", ")});
    } catch (e) {
      throw rt.trapped(e);
    }`;
  // A method: not a constructor (see exports.js).
  // A function's entry (`from_fn`) never looks the closure up: once it is dropped, JS stops
  // calling it (the slot path then says it was dropped).
  const body = `return { closure_(${args.join(", ")}) {
    if (arguments.length < ${n}${live === null ? "" : " || live.dropped"}) return slow.apply(this, arguments);
    if (rt.poisoned !== null) throw rt.poisonError();
    let r;
    ${
      hasStr
        ? `if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
    ${lines.join("\n    ")}
    ${call}
    } finally {
      h.release(top, ov);
    }`
        : `${lines.join("\n    ")}
    ${call}`
    }
    // Whether Rust asked for the slot path, read (and cleared) before anything else runs: the
    // flush below may make typed imports, which would take the status word for a throw.${
      // A function's entry never sends JS to the slot path.
      live !== null
        ? ""
        : `
    if (${ints ? `r === ${CLOSURE_I32_USE_SLOTS}` : "r !== r"}) {
      if (h.u32.length === 0) h.refresh();
      if (h.u32[${S}] === ${FAST_USE_SLOTS}) {
        h.u32[${S}] = ${FAST_CLEAR};
        if (rt.batchPending) rt.flushQueued();
        return slow.apply(this, arguments);
      }
    }`
    }
    // What the closure queued runs before JS goes on (Rust checks nothing on the way out).
    if (rt.batchPending) rt.flushQueued();
    return ${ints ? fromI32(ret, "r") : fromF64(ret, "r")};
  } }.closure_;`;
  const g = compile(names, body, values);
  if (g !== null) return g;
  // Without code generation (a method: not a constructor).
  return {
    closure_(...a) {
      if (a.length < n || (live !== null && live.dropped)) return slow.apply(this, a);
      if (rt.poisoned !== null) throw rt.poisonError();
      let r;
      const call = () => {
        const v = argumentValues(h, params, a, whats);
        try {
          r = f(...target, ...v);
        } catch (e) {
          throw rt.trapped(e);
        }
      };
      if (hasStr) {
        h.check();
        const top = h.top;
        const ov = h.overflow.length;
        try {
          call();
        } finally {
          h.release(top, ov);
        }
      } else {
        call();
      }
      // The slot-path request first (as above): the flush may make typed imports.
      if (live === null && (ints ? r === CLOSURE_I32_USE_SLOTS : r !== r)) {
        h.check();
        if (h.u32[S] === FAST_USE_SLOTS) {
          h.u32[S] = FAST_CLEAR;
          if (rt.batchPending) rt.flushQueued();
          return slow.apply(this, a);
        }
      }
      if (rt.batchPending) rt.flushQueued();
      if (ints && (ret === T.u32 || ret === T.usize)) return r >>> 0;
      return ret === T.void ? undefined : ret === T.bool ? r !== 0 : ret === T.char ? String.fromCodePoint(r) : r;
    },
  }.closure_;
}

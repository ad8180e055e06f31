// JS → Rust calls: the functions of `rt.exports`, built once per export at attach time.

import {
  ARG0,
  FLAG_NULL,
  NULLABLE,
  OFFSET_ELEM,
  OFFSET_FLAGS,
  OFFSET_TYPE,
  RESULT,
  SLOT_SIZE,
  STATUS_OK,
  T,
  codeInner,
  codeType,
  typeName,
} from "./slot.js";
import { SlotwireError, own } from "./errors.js";
import { readerFor, writerFor } from "./marshal/index.js";
import { NOT_CALLED, readRustError } from "./marshal/error.js";
import { makeFastExport } from "./fast.js";
import { releaseWritten } from "./marshal/array.js";
import { compile } from "./codegen.js";
import { BYTE_STREAM_TYPE } from "./slot.js";

/**
 * Builds the JS function for export `id`: checks the argument count, writes each argument into a
 * frame of slots (validating it), calls `slotwire_call(id, frame)` and reads the result.
 */
export function makeExport(
  rt,
  id,
  name,
  params,
  paramNames,
  ret,
  fastFn = null,
  callFn = null,
  extraArgsOk = false,
) {
  const h = rt.heap;
  const n = params.length;
  const call = callFn ?? rt.wasm.slotwire_call;
  const frameBytes = (ARG0 + n) * SLOT_SIZE;
  const A = ARG0 * SLOT_SIZE;
  const R = RESULT * SLOT_SIZE;
  const ws = params.map((c) => writerFor(c, name));
  const whats = params.map((c, i) => `${name}: argument ${i + 1} (${paramNames[i] ?? "?"})`);
  const rejects = codeType(ret) === T.promise; // a Rust Err of an async export rejects its promise
  // An async export: the result slot holds the value (done at once) or a pending promise's id.
  let rr;
  if (rejects) {
    const inner = readerFor(codeInner(ret), name);
    rr = (h, p, what) => rt.exportPromises.promise(h, p, inner, what);
  } else {
    rr = readerFor(ret, name);
  }
  const retWhat = `${name}: result`;
  // Trailing Option parameters may be left out.
  let required = n;
  while (required > 0 && (params[required - 1] & NULLABLE) !== 0) required--;
  const arity = (argc) => {
    if (argc < required) {
      const i = argc;
      return new TypeError(
        `${name}: argument ${i + 1} (${paramNames[i] ?? "?"}: ${typeName(params[i])}) is missing; ` +
          `expected ${required === n ? n : `${required} to ${n}`} arguments, got ${argc}`,
      );
    }
    return new TypeError(`${name}: expected ${required === n ? n : `at most ${n}`} arguments, got ${argc}`);
  };
  if (fastFn !== null) {
    return named(makeFastExport(rt, name, params, whats, ret, fastFn, arity), name, n);
  }
  const finish = (p) => {
    let status;
    try {
      status = call(id, p);
    } catch (e) {
      throw rt.trapped(e);
    }
    h.check();
    if (status !== STATUS_OK) {
      if (rejects) return Promise.reject(errorOf(h, p));
      throw errorOf(h, p);
    }
    return rr(h, p + R, retWhat);
  };
  // Arguments that take JS object handles: if a later argument cannot be written, the export is
  // never called and Rust never adopts them, so they are given back.
  const holds = params.map((c) => (takesHandles(c) ? c : 0));
  const rollback = holds.some((x) => x !== 0) ? (p, k) => rollbackArgs(h, p + A, holds, k) : null;
  // A Rust closure's function (`callFn`): a call Rust refused before reading any argument (the
  // closure was dropped) gives back the handles written for them, and names the closure.
  const errorOf = callFn === null ? readRustError : closureErrorReader(id, params, ret, rollback);
  const generated = generateExport(rt, h, id, call, n, required, frameBytes, ws, whats, rr, retWhat, arity, extraArgsOk, rejects, rollback, errorOf);
  if (generated !== null) return named(generated, name, n);
  // Without code generation: one closure for every arity.
  // An arrow function: exports are not constructors (`new` throws a TypeError).
  const f = (...args) => {
    if ((args.length > n && !extraArgsOk) || args.length < required) throw arity(args.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    h.check();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(frameBytes);
      let i = 0;
      try {
        for (; i < n; i++) ws[i](h, p + A + i * 16, args[i], whats[i]);
      } catch (e) {
        if (rollback !== null) rollback(p, i);
        throw e;
      }
      return finish(p);
    } finally {
      h.release(top, ov);
    }
  };
  return named(f, name, n);
}

/** The export's function generated for it alone (see codegen.js), or null. */
function generateExport(rt, h, id, call, n, required, frameBytes, ws, whats, rr, retWhat, arity, extraArgsOk, rejects, rollback, errorOf) {
  const A = ARG0 * SLOT_SIZE;
  const R = RESULT * SLOT_SIZE;
  const names = ["rt", "h", "id", "call", "rr", "retWhat", "arity", "readRustError", "rollback"];
  const values = [rt, h, id, call, rr, retWhat, arity, errorOf, rollback];
  const argNames = [];
  let writes = [];
  for (let i = 0; i < n; i++) {
    names.push(`x${i}`, `v${i}`);
    values.push(ws[i], whats[i]);
    argNames.push(`a${i}`);
    writes.push(`x${i}(h, p + ${A + 16 * i}, a${i}, v${i});${rollback !== null ? ` k = ${i + 1};` : ""}`);
  }
  if (rollback !== null) {
    writes = [`let k = 0;\n      try {`, ...writes.map((w) => `  ${w}`), `} catch (e) {\n        rollback(p, k);\n        throw e;\n      }`];
  }
  const argc = extraArgsOk
    ? `arguments.length < ${required}`
    : required === n
      ? `arguments.length !== ${n}`
      : `arguments.length > ${n} || arguments.length < ${required}`;
  // A method, not a function expression: not a constructor (`new` throws a TypeError) at no
  // cost per call, and it still has `arguments`.
  const body = `return { export_(${argNames.join(", ")}) {
    if (${argc}) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    if (h.u8.length === 0) h.refresh();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(${frameBytes});
      ${writes.join("\n      ")}
      let status;
      try {
        status = call(id, p);
      } catch (e) {
        throw rt.trapped(e);
      }
      if (h.u8.length === 0) h.refresh();
      if (status !== ${STATUS_OK}) ${rejects ? "return Promise.reject(readRustError(h, p));" : "throw readRustError(h, p);"}
      return rr(h, p + ${R}, retWhat);
    } finally {
      h.release(top, ov);
    }
  } }.export_;`;
  return compile(names, body, values);
}

/**
 * The error reader of Rust closure `handle`'s function: `readRustError`, except for a call Rust
 * never ran (`NOT_CALLED`: the closure was dropped, perhaps by a getter of its own argument):
 * then the handles written for the arguments are given back (Rust will never adopt them) and the
 * error is a SlotwireError naming the closure and its signature.
 */
function closureErrorReader(handle, params, ret, rollback) {
  const label = `closure ${handle} (${params.map(typeName).join(", ")}) -> ${typeName(ret)}`;
  return function closureError(h, p) {
    if (h.u8[p + OFFSET_ELEM] !== NOT_CALLED) return readRustError(h, p);
    const message = readRustError(h, p).message;
    if (rollback !== null) rollback(p, params.length);
    return own(new SlotwireError(`${label}: ${message}`));
  };
}

/** Whether values of a signature code take JS object handles when JS writes them. */
function takesHandles(code) {
  const base = codeType(code);
  return base === T.object || base === T.function || base === T.array || base === T.any;
}

/**
 * Gives back the handles the first `k` argument slots at `a` took (`holds[j]`: the type of those
 * that can hold some, else 0): an argument after them could not be written, so the export never
 * runs.
 */
function rollbackArgs(h, a, holds, k) {
  h.check();
  for (let j = 0; j < k; j++) {
    const code = holds[j];
    if (code === 0) continue;
    const base = codeType(code);
    const p = a + 16 * j;
    // None: nothing taken (only an Option's writer sets the flag; others leave it as it was).
    if ((code & NULLABLE) !== 0 && (h.u8[p + OFFSET_FLAGS] & FLAG_NULL) !== 0) continue;
    // Object and function writers leave the type byte alone (array and JsAny writers set it).
    if (base === T.object || base === T.function) h.u8[p + OFFSET_TYPE] = T.object;
    releaseWritten(h, p);
  }
}

function named(f, name, n) {
  Object.defineProperty(f, "name", { value: name.slice(name.lastIndexOf(".") + 1) });
  Object.defineProperty(f, "length", { value: n });
  return f;
}

/** Puts `f` at the dotted `name` inside the namespace object `root`. */
export function place(root, name, f, engine = false) {
  const parts = name.split(".");
  // The engine's own exports (the ByteStream pull, published with the first stream: engine/src/
  // stream.rs) have a namespace no app export may take first, or it would read the streams.
  if (!engine && parts[0] === BYTE_STREAM_TYPE) {
    throw new SlotwireError(`export "${name}": the name ${BYTE_STREAM_TYPE} is slotwire's own (a ByteStream's pull)`);
  }
  let o = root;
  for (let i = 0; i < parts.length - 1; i++) {
    const k = parts[i];
    if (o[k] === undefined) o[k] = Object.create(null);
    else if (typeof o[k] !== "object") {
      throw new SlotwireError(`export "${name}" clashes with export "${parts.slice(0, i + 1).join(".")}"`);
    }
    o = o[k];
  }
  const last = parts[parts.length - 1];
  if (o[last] !== undefined) throw new SlotwireError(`export "${name}" is defined twice or clashes with a namespace`);
  o[last] = f;
}

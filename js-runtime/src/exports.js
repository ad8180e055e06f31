// JS → Rust calls: the functions of `rt.exports`, built once per export at attach time.

import { ARG0, NULLABLE, RESULT, SLOT_SIZE, STATUS_OK, T, codeInner, codeType, typeName } from "./slot.js";
import { SlotwireError } from "./errors.js";
import { readerFor, writerFor } from "./marshal/index.js";
import { readRustError } from "./marshal/error.js";
import { makeFastExport } from "./fast.js";
import { compile } from "./codegen.js";

export function snippet() { return "exports.js"; }

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
      if (rejects) return Promise.reject(readRustError(h, p));
      throw readRustError(h, p);
    }
    return rr(h, p + R, retWhat);
  };
  const generated = generateExport(rt, h, id, call, n, required, frameBytes, ws, whats, rr, retWhat, arity, extraArgsOk, rejects);
  if (generated !== null) return named(generated, name, n);
  // Without code generation: one closure for every arity.
  const f = function (...args) {
    if ((args.length > n && !extraArgsOk) || args.length < required) throw arity(args.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    h.check();
    const top = h.top;
    const ov = h.overflow.length;
    try {
      const p = h.alloc(frameBytes);
      for (let i = 0; i < n; i++) ws[i](h, p + A + i * 16, args[i], whats[i]);
      return finish(p);
    } finally {
      h.release(top, ov);
    }
  };
  return named(f, name, n);
}

/** The export's function generated for it alone (see codegen.js), or null. */
function generateExport(rt, h, id, call, n, required, frameBytes, ws, whats, rr, retWhat, arity, extraArgsOk, rejects) {
  const A = ARG0 * SLOT_SIZE;
  const R = RESULT * SLOT_SIZE;
  const names = ["rt", "h", "id", "call", "rr", "retWhat", "arity", "readRustError"];
  const values = [rt, h, id, call, rr, retWhat, arity, readRustError];
  const argNames = [];
  const writes = [];
  for (let i = 0; i < n; i++) {
    names.push(`x${i}`, `v${i}`);
    values.push(ws[i], whats[i]);
    argNames.push(`a${i}`);
    writes.push(`x${i}(h, p + ${A + 16 * i}, a${i}, v${i});`);
  }
  const argc = extraArgsOk
    ? `arguments.length < ${required}`
    : required === n
      ? `arguments.length !== ${n}`
      : `arguments.length > ${n} || arguments.length < ${required}`;
  const body = `return function (${argNames.join(", ")}) {
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
  };`;
  return compile(names, body, values);
}

function named(f, name, n) {
  Object.defineProperty(f, "name", { value: name.slice(name.lastIndexOf(".") + 1) });
  Object.defineProperty(f, "length", { value: n });
  return f;
}

/** Puts `f` at the dotted `name` inside the namespace object `root`. */
export function place(root, name, f) {
  const parts = name.split(".");
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

// Rust → JS calls: resolving a target once, and the invoker Rust calls through `swInvoke`.

import { ARG0, RESULT, SLOT_SIZE, STATUS_EXCEPTION, STATUS_OK, T, codeInner, codeType, typeName } from "./slot.js";
import { SlotwireError } from "./errors.js";
import { readerFor, usesMemory, writerFor } from "./marshal/index.js";
import { writeJsError } from "./marshal/error.js";
import { compile } from "./codegen.js";
import { promiseWriter } from "./promise.js";
import { disposeSpans, holdsSpan } from "./view-types.js";

// The intrinsics, as they were when the runtime loaded (an app patching them later changes nothing).
const bindIntrinsic = Function.prototype.bind;
const callIntrinsic = Function.prototype.call;
/** `Reflect.apply` as it was at load: calls `f` with `self` and `args`, asking `f` for nothing. */
export const reflectApply = Reflect.apply;

/**
 * Finds the function `target` names: a dotted path from globalThis (a leading `globalThis.` is
 * optional), or inside the module loaded as `moduleName`. Returns `{ fn, self, where }`: a function
 * read from an object comes as a function calling it with that object as `this` (methods keep
 * their `this`), so that calling `fn` is what `api.f(x)` does — asking the function for nothing:
 * not its `call` or `apply`, which it may have of its own (or a Proxy answer for any name, as RPC
 * stubs do), nor its `length` or `name` (which `bind` of the function would read); `self` is
 * then undefined. A declared accessor
 * (`#[js_import(getter = "answer")]`: target `@get:answer`, see `accessorTarget`) is a function
 * made for it; `arity` is the import's parameter count.
 */
export function resolveTarget(rt, target, moduleName, arity = 0) {
  if ((moduleName === undefined || moduleName === null) && target.startsWith("@")) {
    return accessorTarget(target, arity);
  }
  let root;
  let path;
  let where;
  if (moduleName === undefined || moduleName === null) {
    root = globalThis;
    path = target === "globalThis" ? "" : target.startsWith("globalThis.") ? target.slice(11) : target;
    where = target === "globalThis" || target.startsWith("globalThis.") ? target : `globalThis.${target}`;
  } else {
    const entry = rt.modules.get(moduleName);
    if (entry === undefined) {
      throw new SlotwireError(
        `cannot bind "${target}": module "${moduleName}" was never loaded ` +
          `(call importModule("${moduleName}", url) first)`,
      );
    }
    if (entry.ns === null) {
      throw new SlotwireError(
        `cannot bind "${target}": module "${moduleName}" is still loading (await importModule first)`,
      );
    }
    root = entry.ns;
    path = target;
    where = `${moduleName}#${target}`;
  }
  let self;
  let cur = root;
  if (path !== "") {
    for (const part of path.split(".")) {
      if (cur === null || cur === undefined) {
        throw new TypeError(`cannot bind "${where}": cannot read "${part}" of ${cur}`);
      }
      self = cur;
      cur = cur[part];
    }
  }
  if (typeof cur !== "function") {
    throw new TypeError(`cannot bind "${where}": it is ${cur === null ? "null" : typeof cur}, not a function`);
  }
  if (moduleName !== undefined && moduleName !== null && self === root) self = undefined;
  // The intrinsic `call` bound to the function and its `this`: `fn(x)` is `call` with `this` the
  // function and arguments (self, x), which calls it. (Binding the function itself would read
  // its `length` and `name`: user code, a throw for a strict mock.) V8 inlines the whole chain.
  if (self !== undefined) return { fn: reflectApply(bindIntrinsic, callIntrinsic, [cur, self]), self: undefined, where };
  return { fn: cur, self, where };
}

/**
 * The function of a declared accessor (engine/macros `getter`/`setter`/`method`), whose first
 * argument is the object: `@get:k` is `(o) => o.k`, `@set:k` is `(o, v) => { o.k = v; }`,
 * `@method:k` is `(o, a0, ..) => o.k(a0, ..)` with the import's arity. Generated with the name
 * as a literal (`o["k"]`, a named property access V8 keeps monomorphic per import, as
 * wasm-bindgen's generated getters); closures over the name without code generation.
 */
function accessorTarget(target, arity) {
  const colon = target.indexOf(":");
  const kind = target.slice(1, colon);
  const name = target.slice(colon + 1);
  const k = JSON.stringify(name);
  const args = Array.from({ length: Math.max(0, arity - 1) }, (_, i) => `a${i}`);
  let body;
  let fallback;
  let where;
  switch (kind) {
    case "get":
      where = `getter ${k}`;
      body = `return function (o) { return o[${k}]; };`;
      fallback = (o) => o[name];
      break;
    case "set":
      where = `setter ${k}`;
      body = `return function (o, v) { o[${k}] = v; };`;
      fallback = (o, v) => {
        o[name] = v;
      };
      break;
    case "method":
      where = `method ${k}`;
      body = `return function (o${args.map((a) => `, ${a}`).join("")}) { return o[${k}](${args.join(", ")}); };`;
      fallback = (o, ...a) => o[name](...a);
      break;
    default:
      throw new SlotwireError(`cannot bind "${target}": not an accessor (@get:, @set: or @method:)`);
  }
  const fn = compile([], body, []) ?? fallback;
  // `access`: what the batch runner writes inline instead of calling `fn` (batch.js).
  return { fn, self: undefined, where, access: { kind, key: k } };
}

/**
 * A declared accessor's call written out (`access` from `accessorTarget`) on argument
 * expressions `args` (the object first): `a0["k"]`, `(a0["k"] = a1, undefined)` or
 * `a0["k"](a1, ..)` — what generated code uses instead of calling the accessor's function, for
 * one property access site per binding and no call. `null` when the arguments do not fit (the
 * function then runs, as without code generation).
 */
export function accessCall(access, args) {
  if (access === undefined || args.length === 0) return null;
  const o = `(${args[0]})`;
  switch (access.kind) {
    case "get":
      return `${o}[${access.key}]`;
    case "set":
      return args.length > 1 ? `(${o}[${access.key}] = ${args[1]}, undefined)` : null;
    case "method":
      return `${o}[${access.key}](${args.slice(1).join(", ")})`;
    default:
      return null;
  }
}

/** Builds the invoker `(p) => status` for `fn` with the given signature codes. */
export function makeInvoker(rt, fn, self, where, params, ret) {
  const h = rt.heap;
  const n = params.length;
  const rs = params.map((c) => readerFor(c, where));
  const whats = params.map((c, i) => `${where}: argument ${i + 1} (${typeName(c)})`);
  // An async import: the result is a promise, registered under an id Rust awaits.
  const wr = codeType(ret) === T.promise ? promiseWriter(codeInner(ret), where) : writerFor(ret, where);
  const retWhat = `${where}: result`;
  const A = ARG0 * SLOT_SIZE;
  const R = RESULT * SLOT_SIZE;
  const generated = generateInvoker(h, fn, self, rs, whats, wr, retWhat, usesMemory(ret));
  if (generated !== null) return params.some(holdsSpan) ? endingSpans(h, generated) : generated;
  // Without code generation: one closure for every signature.
  const resultInMemory = usesMemory(ret);
  const plain = (p) => {
    try {
      h.check();
      const args = new Array(n);
      for (let i = 0; i < n; i++) args[i] = rs[i](h, p + A + i * 16, whats[i]);
      const r = reflectApply(fn, self, args);
      h.check();
      if (!resultInMemory) {
        wr(h, p + R, r, retWhat);
        return STATUS_OK;
      }
      // As the generated invoker: endResult only after its beginResult (an unmatched one
      // would leave the nesting at -1, and every later result's blocks deferred for ever).
      const top = h.top;
      h.beginResult();
      try {
        wr(h, p + R, r, retWhat);
      } finally {
        h.endResult();
        h.top = top;
      }
      return STATUS_OK;
    } catch (e) {
      return failImport(h, p, e);
    }
  };
  return params.some(holdsSpan) ? endingSpans(h, plain) : plain;
}

/** `invoker`, disposing the spans it handed to JS when it returns: they are valid only then. */
function endingSpans(h, invoker) {
  return (p) => {
    const mark = h.spans.length;
    try {
      return invoker(p);
    } finally {
      disposeSpans(h, mark);
    }
  };
}

/** The invoker as a function of its own for this binding (see codegen.js), or null. */
function generateInvoker(h, fn, self, rs, whats, wr, retWhat, resultInMemory) {
  const A = ARG0 * SLOT_SIZE;
  const R = RESULT * SLOT_SIZE;
  const names = ["h", "fn", "self", "wr", "retWhat", "fail"];
  const values = [h, fn, self, wr, retWhat, failImport];
  const args = rs.map((r, i) => {
    names.push(`r${i}`, `w${i}`);
    values.push(r, whats[i]);
    return `r${i}(h, p + ${A + 16 * i}, w${i})`;
  });
  const call = self === undefined ? `fn(${args.join(", ")})` : `fn.call(self${args.map((a) => `, ${a}`).join("")})`;
  const write = resultInMemory
    ? `const top = h.top;
      h.beginResult();
      try {
        wr(h, p + ${R}, r, retWhat);
      } finally {
        h.endResult();
        h.top = top;
      }`
    : `wr(h, p + ${R}, r, retWhat);`;
  const body = `return function (p) {
    try {
      if (h.u8.length === 0) h.refresh();
      const r = ${call};
      if (h.u8.length === 0) h.refresh();
      ${write}
      return ${STATUS_OK};
    } catch (e) {
      return fail(h, p, e);
    }
  };`;
  return compile(names, body, values);
}

/** Writes a thrown value into the exception slot of the import frame at `p`. */
export function failImport(h, p, e) {
  const top = h.top;
  h.beginResult();
  try {
    h.check();
    writeJsError(h, p, e);
  } finally {
    h.endResult();
    h.top = top;
  }
  return STATUS_EXCEPTION;
}

// Code generation for per-binding functions. A function generated for one binding has call sites
// of its own, so V8 sees them monomorphic and inlines; closures made from one function literal
// share their call-site feedback across every binding and degrade as bindings accumulate.
// Where `new Function` is forbidden (a CSP without 'unsafe-eval'), callers fall back to closures.

let enabled = true;

/** Turns code generation on or off (tests use it to exercise the closure fallbacks). */
export function setCodegen(on) {
  enabled = on;
}

/** Whether code generation is in use. */
export function codegenEnabled() {
  return enabled;
}

/** Sees every body `compile` is given (the reference tests); null when no one looks. */
let observer = null;

/**
 * Sets the function `compile` shows each `(names, body, values)` to (null: none); returns the
 * previous one. For test/reference.test.js, which pins the generated code; bind time only.
 */
export function observeCompile(f) {
  const previous = observer;
  observer = f;
  return previous;
}

/** Numbers each generated function's source (see `compile`). */
let serial = 0;

/**
 * `new Function(...names, body)(...values)` in strict mode, or null when code generation is off
 * or forbidden.
 *
 * Each source is made unique (a numbered comment): V8 caches `new Function` by its source text,
 * and functions compiled from one cached source share one feedback vector — two bindings of the
 * same shape would share their call sites (one polymorphic `fn(..)` for every binding of that
 * shape, no inlining), which is what generating a function per binding is for.
 */
export function compile(names, body, values) {
  if (observer !== null) observer(names, body, values);
  if (enabled) {
    try {
      // eslint-disable-next-line no-new-func
      return new Function(...names, `"use strict"; // slotwire ${++serial}\n${body}`)(...values);
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      enabled = false; // a CSP forbids it: closures from now on
    }
  }
  return null;
}

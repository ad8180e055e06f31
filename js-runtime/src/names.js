// The shipped bundles rename identifiers (js-runtime/build/bundle.mjs minifies them, −2 KB
// gzipped): the public classes and functions get their source names back, for `.name`, stack
// traces, `console.log` and DevTools.
//
// A public class is written `export const { X } = { X: class { ... } };`: a class defined as
// the value of a property takes the property's name (NamedEvaluation), and the minifier renames
// bindings, never property keys (it folds `{ X: class {} }.X` into the bare class, not this).
// Not `Object.defineProperty(X, "name", ...)` afterwards (nor esbuild's `keepNames`, which does
// that): redefining `name` turns a class into a dictionary-mode object in V8, whose map is never
// stable, and optimized code that makes instances of it (`new`, `super()`) depends on a stable
// map — V8 gave up optimizing such code again and again (a user's loop over a RecordView's
// records). Test: bundle.test.js ("public classes keep fast properties").
//
// Functions are named here instead (`keepNames`): calling one does not depend on its map.

/** Sets `.name` of each function of `table` to its key. */
export function keepNames(table) {
  for (const [name, v] of Object.entries(table)) {
    if (v.name !== name) Object.defineProperty(v, "name", { value: name, configurable: true });
  }
}

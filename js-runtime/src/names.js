// The shipped bundles rename identifiers (js-runtime/build/bundle.mjs minifies them, −2 KB
// gzipped): the public classes and functions get their source names back here, for `.name`,
// stack traces, `console.log` and DevTools. Unbundled (the npm package ships src/) it changes
// nothing.

/** Sets `.name` of each value of `table` to its key. */
export function keepNames(table) {
  for (const [name, v] of Object.entries(table)) {
    if (v.name !== name) Object.defineProperty(v, "name", { value: name, configurable: true });
  }
}

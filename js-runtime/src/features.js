// Features whose JS is a snippet of its own (js-runtime/build/bundle.mjs FEATURES) and that the
// core calls into: each installs itself here when its snippet loads (wasm-bindgen's glue imports
// the snippet, so it loads before the instance exists, whenever the wasm links the feature).
// The core reaches them through this object only, so it does not carry their code.

/**
 * `records`: record.js's exports (transport-records.js installs them), or null while the app's
 * wasm links no record type.
 */
export const features = { records: null };

// Loading a wasm-bindgen module that uses slotwire: `load()` and the URL helpers it needs. No
// other module of the runtime is imported here, so the application entry (app.js) stays small.

import { SlotwireError } from "./errors.js";

/**
 * Instantiates a wasm-bindgen module whose crate uses slotwire, and returns its Runtime. Works in
 * browsers and in Node, with the glue of `wasm-bindgen --target web` / `wasm-pack build --target
 * web` (instantiated here) or of `--target bundler` (instantiated by the bundler when imported:
 * pass the imported module).
 *
 *     import { load } from "slotwire";
 *     const rt = await load("./pkg/app.js");          // --target web: app_bg.wasm next to it
 *
 *     import * as app from "./pkg/app.js";            // --target bundler (Vite, webpack)
 *     const rt = await load(app);
 *
 * @param {string|URL|object} glue the glue module's URL, or the module namespace itself
 * @param {string|URL|BufferSource|WebAssembly.Module|Response} [wasm] the .wasm; by default the
 *   `_bg.wasm` file next to the glue (`--target web` only)
 * @returns {Promise<Runtime>}
 */
export async function load(glue, wasm) {
  let mod = glue;
  let glueUrl = null;
  if (typeof glue === "string" || glue instanceof URL) {
    // Relative to the page (or the working directory in Node), not to this file.
    glueUrl = resolveUrl(String(glue));
    mod = await import(/* @vite-ignore */ glueUrl);
  }
  if (mod === null || typeof mod !== "object") {
    throw new TypeError("load: expected a wasm-bindgen module (--target web or --target bundler)");
  }
  if (typeof mod.default !== "function") {
    // --target bundler: no init function; the bundler instantiated the wasm on import.
    if (typeof mod.__slotwire_runtime === "function" && wasm === undefined) return mod.__slotwire_runtime();
    throw new TypeError(
      typeof mod.__slotwire_runtime === "function"
        ? "load: a --target bundler module is instantiated by the bundler: pass no wasm argument"
        : "load: expected a wasm-bindgen module (--target web or --target bundler)",
    );
  }
  if (wasm === undefined && glueUrl !== null) wasm = wasmUrlOf(glueUrl);
  if (typeof wasm === "string") wasm = new URL(resolveUrl(wasm));
  if (isNode() && wasm instanceof URL && wasm.protocol === "file:") {
    // Node's fetch cannot read files: hand wasm-bindgen the bytes. (A name in a variable, so
    // that bundlers leave this Node-only import alone.)
    const fs = "node:fs/promises";
    const { readFile } = await import(/* @vite-ignore */ fs);
    wasm = await readFile(wasm);
  }
  await mod.default(wasm === undefined ? undefined : { module_or_path: wasm });
  if (typeof mod.__slotwire_runtime !== "function") {
    throw new SlotwireError("load: this module does not use slotwire (no __slotwire_runtime export)");
  }
  return mod.__slotwire_runtime();
}

/**
 * The `_bg.wasm` next to a glue module: `<dir>/app.js?v=2` → `<dir>/app_bg.wasm?v=2` (the path
 * is changed, the query and fragment kept).
 */
export function wasmUrlOf(glueUrl) {
  const u = new URL(glueUrl);
  if (!/\.m?js$/.test(u.pathname)) {
    throw new TypeError(`load: cannot tell the .wasm next to ${glueUrl} (its path does not end in .js): pass it as the second argument`);
  }
  u.pathname = u.pathname.replace(/\.m?js$/, "_bg.wasm");
  return u;
}

function isNode() {
  return typeof process !== "undefined" && process.versions != null && process.versions.node != null;
}

/** Resolves a URL or path against the page (browser) or the working directory (Node). */
export function resolveUrl(spec) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec)) return spec;
  if (typeof document !== "undefined" && document.baseURI) return new URL(spec, document.baseURI).href;
  if (typeof location !== "undefined" && location.href) return new URL(spec, location.href).href;
  if (typeof process !== "undefined" && process.cwd) {
    // Percent-encode each segment: a '#', '?' or '%' in the directory must stay part of the path.
    const cwd = process.cwd().replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
    return new URL(spec, `file://${cwd.startsWith("/") ? "" : "/"}${cwd}/`).href;
  }
  return spec;
}

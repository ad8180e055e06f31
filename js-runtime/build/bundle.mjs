// The runtime as the crate ships it: js-runtime/src bundled into one ES module,
// engine/js/slotwire.js, which wasm-bindgen copies next to an app's glue (one file, one module
// request, comments and whitespace out; names kept, so stack traces and `.name`s read as in
// src/). `node build/bundle.mjs` writes it; `--check` fails if the committed file differs from
// what src/ makes now (the `node` test step runs that).
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, "..", "src", "transport.js");
const out = join(here, "..", "..", "engine", "js", "slotwire.js");

/** The bundle's text for the current src/. */
export async function bundle() {
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    write: false,
    logLevel: "error",
  });
  const banner =
    "// slotwire's JS runtime (js-runtime/src bundled by js-runtime/build/bundle.mjs; do not edit:\n" +
    "// change js-runtime/src and run `node js-runtime/build/bundle.mjs`).\n";
  return banner + r.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await bundle();
  if (process.argv.includes("--check")) {
    let old = "";
    try {
      old = readFileSync(out, "utf8");
    } catch {}
    if (old !== text) {
      console.error(`${out} is not the bundle of js-runtime/src: run \`node js-runtime/build/bundle.mjs\``);
      process.exit(1);
    }
    console.log("engine/js/slotwire.js: up to date");
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out} (${text.length} bytes)`);
  }
}

// The runtime as the crate ships it: js-runtime/src bundled into ES modules under engine/js/,
// which wasm-bindgen copies next to an app's glue (minified: comments and whitespace out,
// identifiers renamed; the public classes and functions keep their names, src/names.js).
// `node build/bundle.mjs` writes them (`--keep-names`: unminified names, and `--pretty`: lines
// as in a source file, for profiling by line);
// `--check` fails if a committed file differs from what src/ makes now (the `node` test step
// runs that).
//
// - engine/js/slotwire.js, the core: transport.js and everything it imports, in one module.
// - One snippet per feature an app pays for only when it uses it (FEATURES): its entry and the
//   modules only it needs, importing the rest from "./slotwire.js" (the core's module instance,
//   so one set of Runtimes). The core exports, besides transport.js's functions, exactly what
//   the feature snippets import from it (found by bundling each feature once with the core's
//   modules left out). wasm-bindgen's glue imports a snippet only if the wasm uses one of its
//   imports: an app that queues no batched call loads no batch code.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "..", "src");
const outDir = join(here, "..", "..", "engine", "js");

/** The core: its entry in src/, its file in engine/js/. */
const CORE = { entry: "transport.js", out: "slotwire.js" };

/** Feature snippets: entry in src/, file in engine/js/ (engine/src/transport.rs imports from it). */
export const FEATURES = [
  { entry: "transport-batch.js", out: "slotwire-batch.js" },
  { entry: "transport-objects.js", out: "slotwire-objects.js" },
  { entry: "transport-records.js", out: "slotwire-records.js" },
  { entry: "transport-views.js", out: "slotwire-views.js" },
];

const BANNER =
  "// slotwire's JS runtime (js-runtime/src bundled by js-runtime/build/bundle.mjs; do not edit:\n" +
  "// change js-runtime/src and run `node js-runtime/build/bundle.mjs`).\n";

const MINIFY = {
  // `--pretty`: whitespace kept (a CPU profile's line ticks then name a statement, not a module).
  minifyWhitespace: !process.argv.includes("--pretty"),
  minifySyntax: true,
  // `--keep-names`: identifiers as in src/, for reading a CPU profile of the runtime (write the
  // bundles with it, profile, then write them again without it: `--check` wants the minified ones).
  minifyIdentifiers: !process.argv.includes("--keep-names"),
};

const common = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  legalComments: "none",
  write: false,
  logLevel: "error",
};

/** An esbuild plugin leaving the modules in `core` (absolute paths) out, imported from `as(path)`. */
function leaveOut(core, as) {
  return {
    name: "slotwire-core-external",
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const p = resolve(args.resolveDir, args.path);
        return core.has(p) ? { path: as(p), external: true } : undefined;
      });
    },
  };
}

/** What a feature imports from the core: Map(module path → Set of names). */
async function coreImports(feature, core) {
  const r = await build({
    ...common,
    entryPoints: [join(src, feature.entry)],
    plugins: [leaveOut(core, (p) => p)],
  });
  const text = r.outputFiles[0].text;
  const imports = new Map();
  for (const m of text.matchAll(/^import\s*(.*?)\s*from\s*"([^"]+)";$/gms)) {
    const [, what, from] = m;
    const names = /^\{([^}]*)\}$/s.exec(what);
    if (names === null) throw new Error(`${feature.entry}: \`import ${what} from "${from}"\`: only named imports of the core are bundled`);
    const set = imports.get(from) ?? new Set();
    for (const n of names[1].split(",").map((s) => s.trim()).filter(Boolean)) {
      if (/\sas\s/.test(n)) set.add(n.split(/\s+as\s+/)[0]);
      else set.add(n);
    }
    imports.set(from, set);
  }
  return imports;
}

/** The text of every shipped file: Map(file name in engine/js → text). */
export async function bundle() {
  // The core's modules (what transport.js reaches).
  const probe = await build({ ...common, ...MINIFY, entryPoints: [join(src, CORE.entry)], metafile: true });
  const core = new Set(Object.keys(probe.metafile.inputs).map((p) => resolve(p)));
  // What the features take from it: the core exports those too.
  const exported = new Map(); // name → module
  for (const f of FEATURES) {
    for (const [from, names] of await coreImports(f, core)) {
      for (const n of names) {
        const had = exported.get(n);
        if (had !== undefined && had !== from) throw new Error(`${n}: imported by a feature from both ${had} and ${from}`);
        exported.set(n, from);
      }
    }
  }
  const lines = [`export * from "./${CORE.entry}";`];
  for (const [n, from] of [...exported].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`export { ${n} } from ${JSON.stringify(from)};`);
  }
  const out = new Map();
  const c = await build({
    ...common,
    ...MINIFY,
    stdin: { contents: lines.join("\n"), resolveDir: src, sourcefile: "core-snippet.js", loader: "js" },
  });
  out.set(CORE.out, BANNER + c.outputFiles[0].text);
  for (const f of FEATURES) {
    const r = await build({
      ...common,
      ...MINIFY,
      entryPoints: [join(src, f.entry)],
      plugins: [leaveOut(core, () => `./${CORE.out}`)],
    });
    out.set(f.out, BANNER + r.outputFiles[0].text);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = await bundle();
  let stale = false;
  for (const [name, text] of files) {
    const path = join(outDir, name);
    if (process.argv.includes("--check")) {
      let old = "";
      try {
        old = readFileSync(path, "utf8");
      } catch {}
      if (old !== text) {
        console.error(`${path} is not the bundle of js-runtime/src: run \`node js-runtime/build/bundle.mjs\``);
        stale = true;
      } else {
        console.log(`engine/js/${name}: up to date`);
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path} (${text.length} bytes)`);
    }
  }
  if (stale) process.exit(1);
}

// The headless driver of the benchmark page (what `cargo xtask bench` runs after building the
// wasm modules into target/bench/pkg):
//
//   node benches/run.mjs [--quick] [--node]
//
// Default: serves the repository root on 127.0.0.1, opens benches/page/index.html in headless
// Chromium (/usr/bin/chromium, through playwright-core), waits for the results, prints the table
// and writes target/bench/results.json, target/bench/report.html and target/bench/chart.png.
// --node: runs the same bench.js in this Node process instead (writes results.json only).
// --quick: few, short batches (the CI smoke test; no timing claims).
// --only a,b: runs only these scenarios, paths or scenario/path pairs (for investigating; prints
//   the table, writes no file but the CPU profile).
// --cpu-prof: records a CPU profile of the page (Chromium) or of this process (--node) into
//   target/bench/<host>.cpuprofile (open it in DevTools' Performance panel) and prints the
//   functions with the most self time.
// --v8-flags "<flags>": extra V8 flags for Chromium (e.g. "--trace-deopt", "--trace-turbo-inlining"),
//   which then runs in one process so V8's output reaches the browser's stdout: run with
//   DEBUG=pw:browser to see it (on stderr).
// Exits non-zero if any (selected) scenario × path that runs on the host is missing or not a
// positive number. The DOM scenarios (dom_*) run in Chromium only: --node skips them, and says so.

import { createServer } from "node:http";
import { mkdtemp, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { SCENARIOS, implsOf, runsOn } from "./page/scenarios.js";
import { selected } from "./page/bench.js";
import { formatTextTable, renderReportHtml } from "./page/report.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = join(ROOT, "target", "bench", "pkg");
const OUT = join(ROOT, "target", "bench");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  // bench.js runs a full GC before each measured batch, so no batch pays for earlier garbage.
  "--js-flags=--expose-gc",
];

const USAGE = `usage: node benches/run.mjs [--quick] [--node] [--only <names>]

  --quick         few, short batches (smoke test; no timing claims)
  --node          run in Node instead of headless Chromium (writes results.json only)
  --only <names>  comma-separated scenario, impl or scenario/impl names: run only those
  --cpu-prof      also write target/bench/<host>.cpuprofile and print the top self times
  --v8-flags <f>  extra V8 flags for Chromium, one process (DEBUG=pw:browser shows V8's output)

Needs target/bench/pkg (built by \`cargo xtask bench\`).
`;

function parseArgs(argv) {
  const o = { quick: false, node: false, only: [], cpuProf: false, v8Flags: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") o.quick = true;
    else if (a === "--only" && i + 1 < argv.length) o.only.push(...argv[++i].split(",").filter(Boolean));
    else if (a === "--node") o.node = true;
    else if (a === "--cpu-prof") o.cpuProf = true;
    else if (a === "--v8-flags" && i + 1 < argv.length) o.v8Flags = argv[++i];
    else if (a === "-h" || a === "--help") {
      process.stdout.write(USAGE);
      process.exit(0);
    } else {
      process.stderr.write(`run.mjs: unknown argument ${a}\n\n${USAGE}`);
      process.exit(2);
    }
  }
  return o;
}

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `root` read-only on 127.0.0.1 (a free port). Cross-origin isolated (COOP + COEP), so
 * that performance.now() has its fine resolution; nothing is cached.
 */
async function serve(root) {
  const server = createServer(async (req, res) => {
    const send = (code, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(code, { "Content-Type": type, "Cache-Control": "no-store" });
      res.end(body);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
      const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
      let file = resolve(root, `.${path}`);
      if (file !== root && !file.startsWith(root + sep)) return send(403, "forbidden\n");
      let st = await stat(file).catch(() => null);
      if (st?.isDirectory()) {
        file = join(file, "index.html");
        st = await stat(file).catch(() => null);
      }
      if (!st?.isFile()) return send(404, `not found: ${path}\n`);
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": MIME[extname(file)] ?? "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": "no-store",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Embedder-Policy": "require-corp",
        "Cross-Origin-Resource-Policy": "same-origin",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      send(500, `${e && e.message}\n`);
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Runs the page in headless Chromium; returns { host, version, results }. */
/** Chromium's arguments: CHROMIUM_ARGS, with `v8Flags` added to V8's (and one process). */
function chromiumArgs(v8Flags) {
  if (v8Flags === null || v8Flags === undefined) return CHROMIUM_ARGS;
  return [
    ...CHROMIUM_ARGS.map((a) => (a.startsWith("--js-flags=") ? `${a} ${v8Flags}` : a)),
    "--no-zygote",
    "--single-process",
  ];
}

async function runChromium({ quick, only, cpuProf, v8Flags }) {
  let chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch (e) {
    throw new Error(`playwright-core is not installed (run \`cargo xtask setup\` or \`npm ci\` in benches/): ${e.message}`);
  }
  const { server, origin } = await serve(ROOT);
  const profile = await mkdtemp(join(tmpdir(), "slotwire-bench-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: chromiumArgs(v8Flags),
      viewport: { width: 1100, height: 900 },
      deviceScaleFactor: 2,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (msg) => {
      const text = msg.text();
      if (text.startsWith("[bench]")) console.log(text);
      else if (msg.type() === "error" || msg.type() === "warning") console.log(`[page ${msg.type()}] ${text}`);
    });
    page.on("pageerror", (e) => console.log(`[page error] ${e.message}`));
    const browserVersion = context.browser()?.version();
    const query = new URLSearchParams();
    if (quick) query.set("quick", "");
    if (only.length > 0) query.set("only", only.join(","));
    if (browserVersion) query.set("version", browserVersion);
    const url = `${origin}/benches/page/index.html?${query}`;
    console.log(`bench: ${url} in ${CHROMIUM}`);
    let cdp = null;
    if (cpuProf) {
      cdp = await context.newCDPSession(page);
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
      await cdp.send("Profiler.start");
    }
    await page.goto(url);
    const timeout = (quick ? 5 : 30) * 60_000;
    await page.waitForFunction(() => window.__benchResults !== undefined || window.__benchError !== undefined, null, {
      timeout,
      polling: 250,
    });
    if (cdp !== null) {
      const { profile } = await cdp.send("Profiler.stop");
      await writeProfile("chromium", profile);
    }
    const error = await page.evaluate(() => window.__benchError);
    if (error !== undefined) throw new Error(`the benchmark page failed:\n${error}`);
    const page_ = await page.evaluate(() => window.__benchResults);
    if (!(await page.evaluate(() => globalThis.crossOriginIsolated === true))) {
      console.log("bench: warning: the page is not cross-origin isolated; performance.now() is coarse");
    }
    const version = browserVersion ?? page_.version;
    if (only.length === 0) {
      await mkdir(OUT, { recursive: true });
      await page.locator("#chart svg").screenshot({ path: join(OUT, "chart.png") });
    }
    return { host: "chromium", version, results: page_.results };
  } finally {
    await context?.close().catch(() => {});
    server.close();
    await rm(profile, { recursive: true, force: true }).catch(() => {});
  }
}

/** Writes target/bench/<host>.cpuprofile and prints the 25 functions with the most self time. */
async function writeProfile(host, profile) {
  await mkdir(OUT, { recursive: true });
  const file = join(OUT, `${host}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  const dt = new Map();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) dt.set(samples[i], (dt.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0));
  const self = new Map();
  let total = 0;
  for (const node of profile.nodes) {
    const t = dt.get(node.id) ?? 0;
    total += t;
    const f = node.callFrame;
    const name = `${f.functionName || "(anonymous)"} ${f.url ? `${f.url.split("/").slice(-1)[0]}:${f.lineNumber + 1}` : ""}`.trim();
    self.set(name, (self.get(name) ?? 0) + t);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log(`\nCPU profile: ${relative(process.cwd(), file)}; most self time:`);
  for (const [name, t] of top) console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${name}`);
}

/** What a host can run: the DOM scenarios need a document, which only the browser host has. */
const hostCaps = (host) => ({ hasDom: host !== "node" });

/** The selected scenarios a host skips (`runsOn`), by name. */
function skippedOn(host, only) {
  return SCENARIOS.filter((s) => !runsOn(s, hostCaps(host)) && implsOf(s).some((impl) => selected(only, s.name, impl))).map(
    (s) => s.name,
  );
}

/**
 * Every selected scenario × path that runs on `host` present with a positive finite ns_per_op
 * and ops; returns the problems. A scenario the host cannot run (the DOM ones in Node) is not
 * required there; in Chromium every one is.
 */
function problems(results, only, host) {
  const out = [];
  for (const s of SCENARIOS) {
    if (!runsOn(s, hostCaps(host))) continue;
    for (const impl of implsOf(s)) {
      if (!selected(only, s.name, impl)) continue;
      const r = results.find((x) => x.scenario === s.name && x.impl === impl);
      if (r === undefined) out.push(`${s.name}/${impl}: missing`);
      else if (!(Number.isFinite(r.ns_per_op) && r.ns_per_op > 0)) out.push(`${s.name}/${impl}: ns_per_op ${r.ns_per_op}`);
      else if (!(Number.isInteger(r.ops) && r.ops > 0)) out.push(`${s.name}/${impl}: ops ${r.ops}`);
    }
  }
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const f of ["bench_wasm.js", "bench_wasm_bg.wasm", "raw_floor.wasm"]) {
    if (!(await stat(join(PKG, f)).catch(() => null))) {
      throw new Error(`${relative(process.cwd(), join(PKG, f))} is missing: build with \`cargo xtask bench\``);
    }
  }
  // Other work on the machine moves the numbers: say how busy it was.
  const load = `load average ${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs at start`;
  console.log(`bench: ${load}`);
  let out;
  if (opts.node) {
    const { runNodeHost } = await import("./page/node-host.mjs");
    let session = null;
    if (opts.cpuProf) {
      const { Session } = await import("node:inspector/promises");
      session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 100 });
      await session.post("Profiler.start");
    }
    let i = 0;
    const total = SCENARIOS.filter((s) => runsOn(s, hostCaps("node"))).flatMap((s) =>
      implsOf(s).filter((impl) => selected(opts.only, s.name, impl)),
    ).length;
    out = await runNodeHost({
      pkg: PKG,
      quick: opts.quick,
      only: opts.only,
      onResult: (r, m) =>
        console.log(`[bench] ${++i}/${total} ${r.scenario}/${r.impl}: ${r.ns_per_op} ns/op (${m.batches} batches of ${m.n})`),
    });
    if (session !== null) {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      await writeProfile("node", profile);
    }
  } else {
    out = await runChromium(opts);
  }
  // Exactly the documented shape: tools read it.
  const json = {
    host: out.host,
    version: String(out.version),
    results: out.results.map((r) => ({ scenario: r.scenario, impl: r.impl, ns_per_op: r.ns_per_op, ops: r.ops })),
  };
  // A partial run (--only) prints its table but leaves the files of the last full run alone.
  const written = [];
  if (opts.only.length === 0) {
    await mkdir(OUT, { recursive: true });
    await writeFile(join(OUT, "results.json"), `${JSON.stringify(json, null, 2)}\n`);
    written.push("results.json");
  }
  if (!opts.node && opts.only.length === 0) {
    await writeFile(
      join(OUT, "report.html"),
      renderReportHtml({ ...json, note: `${load}${opts.quick ? " · quick run: few iterations, not for comparison" : ""}` }),
    );
    written.push("report.html", "chart.png");
  }
  console.log(`\n${json.host} ${json.version}, ${load}${opts.quick ? " (quick: few iterations, not for comparison)" : ""}`);
  console.log(formatTextTable(json.results));
  const skipped = skippedOn(json.host, opts.only);
  if (skipped.length > 0) {
    console.log(`\nskipped in ${json.host} (no DOM; they run in Chromium): ${skipped.join(", ")}`);
  }
  if (written.length > 0) console.log(`\nwrote ${written.map((f) => relative(process.cwd(), join(OUT, f))).join(", ")}`);
  else console.log("\n(--only: a partial run; target/bench/ left as it was)");
  const bad = problems(json.results, opts.only, json.host);
  if (bad.length > 0) {
    console.error(`bench: ${bad.length} result(s) missing or invalid:\n  ${bad.join("\n  ")}`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(`bench: ${e && e.stack ? e.stack : e}`);
  process.exit(1);
});

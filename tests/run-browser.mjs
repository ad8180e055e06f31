// Our own headless-Chromium driver for the end-to-end suite: cargo's runner for
// `cargo xtask test --only e2e-browser`, one test binary per call:
//
//   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="node tests/run-browser.mjs" \
//     cargo test -p slotwire-e2e --target wasm32-unknown-unknown
//
// What it does, for <test>.wasm [args...]:
//  1. wasm-bindgen-test-runner <test>.wasm [args...] in its interactive mode (NO_HEADLESS=1,
//     WASM_BINDGEN_USE_BROWSER=1): it runs wasm-bindgen over the binary, serves the test page on
//     an ephemeral port and waits.
//  2. A proxy in this process in front of that server: why the page load used to hang. The
//     runner's HTTP server (tiny_http 0.12) gives each *connection* to a pool thread for as long as
//     it stays open, and its pool can lose a wake-up: `TaskPool::spawn` queues a connection when
//     it counts an idle thread, but a thread already notified still counts as idle until it takes
//     the lock again, so of two connections accepted in a row the second may sit in the queue
//     with no thread woken for it. Chromium opens several connections at once (preconnects that
//     may never carry a request, keep-alive ones); when the one thread that wakes takes an idle
//     one, the queued connection, often the one carrying the page, is not read until some other
//     connection closes: the load hung (the old driver retried up to 12 times; Chromium sent
//     straight to the runner, `SLOTWIRE_E2E_DIRECT=1`, hangs as before). The proxy speaks
//     keep-alive to Chromium but sends every request upstream on a fresh connection with
//     `Connection: close` that carries a request at once, so every runner thread is free again
//     as soon as its response is written and picks up anything queued.
//  3. Headless Chromium (/usr/bin/chromium through playwright-core, fresh profile) opens the page;
//     the harness's `#output` text is streamed to stdout until it says `test result: `.
// Exits 0 on `test result: ok`, 1 on failed tests, on a page that never finishes within
// WASM_BINDGEN_TEST_TIMEOUT seconds (default 120; a timeout is a failure, never retried), or on
// any error of the driver itself. Failures print the harness output (failing test names and
// their messages) and the page's console errors.

import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];
const RUNNER = process.env.WASM_BINDGEN_TEST_RUNNER ?? "wasm-bindgen-test-runner";
/** Seconds the tests may take once the page is open (the runner's own variable). */
const TEST_TIMEOUT = Number(process.env.WASM_BINDGEN_TEST_TIMEOUT ?? 120);
/** Seconds for the runner to run wasm-bindgen and start serving (a loaded machine is slow). */
const SERVE_TIMEOUT = 180;
/** Environment variables that pick wasm-bindgen-test-runner's mode; only one may be set. */
const RUNNER_MODE_VARS = [
  "WASM_BINDGEN_USE_NODE_EXPERIMENTAL",
  "WASM_BINDGEN_USE_DENO",
  "WASM_BINDGEN_USE_DEDICATED_WORKER",
  "WASM_BINDGEN_USE_SHARED_WORKER",
  "WASM_BINDGEN_USE_SERVICE_WORKER",
  "WASM_BINDGEN_USE_EMSCRIPTEN",
];

const log = (s) => process.stdout.write(s);
const fail = (s) => process.stderr.write(`run-browser: ${s}\n`);

/** playwright-core, installed in benches/ by `cargo xtask setup` (from benches' lockfile). */
async function loadChromium() {
  const require = createRequire(join(ROOT, "benches", "package.json"));
  try {
    return require("playwright-core").chromium;
  } catch (e) {
    throw new Error(
      `playwright-core is not installed in benches/ (run \`cargo xtask setup\` or \`npm ci --prefix benches\`): ${e.message}`,
    );
  }
}

/**
 * Starts the runner in interactive mode; resolves with { child, origin } once it serves, or with
 * { origin: null, out } if it exited successfully without serving (no tests in the binary).
 */
function startRunner(args) {
  const env = { ...process.env };
  for (const v of RUNNER_MODE_VARS) delete env[v];
  Object.assign(env, {
    WASM_BINDGEN_USE_BROWSER: "1",
    NO_HEADLESS: "1",
    WASM_BINDGEN_TEST_ADDRESS: "127.0.0.1:0",
  });
  // In our process group: whoever kills the group (xtask's time limit) kills it too.
  const child = spawn(RUNNER, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolveServe, rejectServe) => {
    let out = "";
    let served = false;
    const timer = setTimeout(
      () => rejectServe(new Error(`${RUNNER} did not start serving within ${SERVE_TIMEOUT}s:\n${out}`)),
      SERVE_TIMEOUT * 1000,
    );
    const onData = (chunk) => {
      if (served) return;
      out += chunk;
      const m = /available at (http:\/\/[0-9.:]+)/.exec(out);
      if (m) {
        served = true;
        clearTimeout(timer);
        resolveServe({ child, origin: m[1] });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      if (!served) out += chunk;
      else process.stderr.write(chunk);
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      rejectServe(new Error(`cannot run ${RUNNER}: ${e.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (served) return;
      // A binary without tests: the runner says so and exits 0 without serving.
      if (code === 0) resolveServe({ child, origin: null, out });
      else rejectServe(new Error(`${RUNNER} exited (${signal ?? code}) before serving:\n${out}`));
    });
  });
}

/** Hop-by-hop headers a proxy must not forward. */
const HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);

function forwardHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP.has(k.toLowerCase())) out[k] = v;
  return out;
}

/** A keep-alive proxy to `origin` that uses one fresh `Connection: close` request per request. */
function startProxy(origin) {
  const upstream = new URL(origin);
  const server = createServer((req, res) => {
    const up = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...forwardHeaders(req.headers), host: upstream.host, connection: "close" },
        agent: false,
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, forwardHeaders(upRes.headers));
        upRes.pipe(res);
      },
    );
    up.on("error", (e) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`run-browser proxy: ${e.message}`);
    });
    req.pipe(up);
  });
  return new Promise((resolveListen) => {
    server.listen(0, "127.0.0.1", () => resolveListen(server));
  });
}

async function main() {
  const args = process.argv.slice(2);
  if (args.length === 0 || args[0] === "-h" || args[0] === "--help") {
    process.stdout.write("usage: node tests/run-browser.mjs <test>.wasm [test args...]\n");
    process.exit(args.length === 0 ? 2 : 0);
  }
  const name = args[0].split("/").pop();
  const cleanup = [];
  let exitCode = 1;
  // The last resort if anything below hangs (launch, navigation, closing): fail, do not wait.
  const watchdog = setTimeout(
    () => {
      fail(`${name}: gave up after ${SERVE_TIMEOUT + TEST_TIMEOUT + 120}s in all`);
      runCleanup(cleanup).finally(() => process.exit(1));
    },
    (SERVE_TIMEOUT + TEST_TIMEOUT + 120) * 1000,
  );
  watchdog.unref();
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => runCleanup(cleanup).finally(() => process.exit(1)));
  }
  try {
    const chromium = await loadChromium();
    const { child, origin, out } = await startRunner(args);
    if (origin === null) {
      log(out);
      return 0;
    }
    cleanup.push(async () => {
      // It serves until killed (interactive mode starts no other process).
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    const proxy = await startProxy(origin);
    cleanup.push(() => new Promise((r) => proxy.close(() => r())));
    cleanup.push(() => proxy.closeAllConnections());
    const profile = await mkdtemp(join(tmpdir(), "slotwire-e2e-chromium-"));
    cleanup.push(() => rm(profile, { recursive: true, force: true }).catch(() => {}));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    cleanup.push(() => context.close().catch(() => {}));
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleLines = [];
    const pageErrors = [];
    page.on("console", (msg) => {
      const text = msg.text();
      // The URL-less twin of a bad response (reported below with its URL).
      if (text.startsWith("Failed to load resource")) return;
      if (msg.type() === "error" || msg.type() === "warning") consoleLines.push(`[console.${msg.type()}] ${text}`);
    });
    page.on("pageerror", (e) => pageErrors.push(`[page error] ${e.stack ?? e.message}`));
    page.on("requestfailed", (r) => pageErrors.push(`[request failed] ${r.url()}: ${r.failure()?.errorText}`));
    page.on("response", (r) => {
      if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) pageErrors.push(`[HTTP ${r.status()}] ${r.url()}`);
    });

    // SLOTWIRE_E2E_DIRECT=1 (diagnosis only): Chromium talks to the runner's server directly.
    const url = process.env.SLOTWIRE_E2E_DIRECT === "1" ? `${origin}/` : `http://127.0.0.1:${proxy.address().port}/`;
    log(`run-browser: ${name} at ${url} (runner ${origin}) in ${CHROMIUM}\n`);
    const start = Date.now();
    const deadline = start + TEST_TIMEOUT * 1000;
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: TEST_TIMEOUT * 1000 });
    let shown = 0;
    let output = "";
    for (;;) {
      // A test that blocks the page's thread blocks evaluate too: wait no longer than the deadline.
      const read = page.evaluate(() => document.getElementById("output")?.textContent ?? "");
      const next = await within(read, deadline - Date.now() + 1000);
      if (next === TIMED_OUT) break;
      output = next;
      // "Loading scripts..." is the placeholder the harness replaces.
      if (output.startsWith("Loading scripts...")) output = output.slice("Loading scripts...".length);
      if (output.length > shown) {
        log(output.slice(shown));
        shown = output.length;
      }
      if (output.includes("test result: ")) break;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!output.endsWith("\n")) log("\n");
    const finished = output.includes("test result: ");
    const ok = finished && output.includes("test result: ok");
    if (!ok) {
      let lines = pageErrors;
      if (!finished) {
        const pending = await within(unfinishedTests(page, output), 5000);
        fail(
          `${name}: the tests did not finish within ${TEST_TIMEOUT}s (WASM_BINDGEN_TEST_TIMEOUT); a timeout is a failure` +
            (pending !== TIMED_OUT && pending.length ? `\nnot finished: ${pending.join(", ")}` : ""),
        );
        // Nothing else says what happened: everything the page logged.
        lines = [...consoleLines, ...pageErrors];
      } else {
        // The harness output above has each failure's message and captured console output.
        const failing = [...output.matchAll(/^test (\S+) \.\.\. FAIL/gim)].map((m) => m[1]);
        fail(`${name}: tests failed${failing.length ? `: ${failing.join(", ")}` : ""}`);
      }
      if (lines.length) {
        fail("page errors:");
        for (const line of lines) process.stderr.write(`  ${line.replaceAll("\n", "\n  ")}\n`);
      }
    } else {
      log(`run-browser: ${name} passed in ${((Date.now() - start) / 1000).toFixed(1)}s\n`);
    }
    exitCode = ok ? 0 : 1;
  } catch (e) {
    fail(`${name}: ${e.stack ?? e.message}`);
    exitCode = 1;
  } finally {
    await runCleanup(cleanup);
  }
  return exitCode;
}

const TIMED_OUT = Symbol("timed out");

/** `promise`'s value, or TIMED_OUT after `ms`. */
function within(promise, ms) {
  let timer;
  const late = new Promise((r) => (timer = setTimeout(() => r(TIMED_OUT), Math.max(ms, 0))));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * The tests of the page (`tests.push('<export>')` in the runner's run.js) that printed no result
 * line yet, by export name.
 */
async function unfinishedTests(page, output) {
  try {
    const runJs = await page.evaluate(() => fetch("/run.js").then((r) => r.text()));
    const all = [...runJs.matchAll(/tests\.push\('([^']+)'\)/g)].map((m) => m[1]);
    // An export is `__wbgt_<prefix>_<crate>::<path>`; its result line says `test <path> ...`.
    const done = new Set([...output.matchAll(/^test (\S+) \.\.\. /gm)].map((m) => m[1]));
    const path = (e) => e.slice(e.indexOf("::") + 2);
    return all.filter((e) => !done.has(path(e))).map((e) => e.replace(/^__wbgt_[^:]*?_(?=[^_:]+::)/, ""));
  } catch {
    return [];
  }
}

async function runCleanup(cleanup) {
  while (cleanup.length) {
    const f = cleanup.pop();
    try {
      await f();
    } catch {
      // best effort
    }
  }
}

process.exit(await main());

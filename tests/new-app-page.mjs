// Opens a page of the guide's new app (cargo xtask test's `new-app` step) in headless Chromium:
// serves <dir> over HTTP at the root, loads /index.html and waits until #out shows exactly the
// expected text. The page must also have raised an alert (the shim imported at run time) and
// thrown nothing.
//
//   node tests/new-app-page.mjs <dir> <expected text of #out>
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const [dirArg, expected] = process.argv.slice(2);
if (!dirArg || expected === undefined) {
  console.error("usage: node tests/new-app-page.mjs <dir> <expected text>");
  process.exit(2);
}
const DIR = resolve(dirArg);
const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const MIME = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

// playwright-core as the benchmark driver and examples/pages.mjs use it (benches/package.json).
const require = createRequire(join(ROOT, "benches", "package.json"));
const { chromium } = require("playwright-core");

const requests = [];
const server = createServer(async (req, res) => {
  let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (path.endsWith("/")) path += "index.html";
  const file = resolve(DIR, `.${path}`);
  const st = file.startsWith(DIR + sep) ? await stat(file).catch(() => null) : null;
  requests.push(`${st?.isFile() ? 200 : 404} ${path}`);
  if (!st?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "Content-Type": MIME[extname(file)] ?? "application/octet-stream" });
  res.end(await readFile(file));
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = await mkdtemp(join(tmpdir(), "slotwire-new-app-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
});
let ok = false;
try {
  const page = await context.newPage();
  const errors = [];
  const alerts = [];
  const logs = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => logs.push(`${m.type()}: ${m.text()}`));
  page.on("dialog", (d) => {
    alerts.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.goto(`${origin}/index.html`);
  let shown = null;
  try {
    await page.waitForFunction((want) => document.getElementById("out")?.textContent === want, expected, {
      timeout: 30_000,
      polling: 100,
    });
    shown = expected;
  } catch {
    shown = await page.evaluate(() => document.getElementById("out")?.textContent ?? null);
  }
  ok = shown === expected && alerts.length > 0 && errors.length === 0;
  const report = `${DIR}/index.html: shows ${JSON.stringify(shown)}, alerts ${JSON.stringify(alerts)}`;
  if (ok) {
    console.log(`${report}: ok`);
  } else {
    console.log(`${report}: FAILED (expected ${JSON.stringify(expected)} and an alert)`);
    console.log(`  page errors: ${JSON.stringify(errors)}\n  console: ${JSON.stringify(logs)}`);
    console.log(`  requests: ${requests.join(", ")}`);
  }
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
  server.close();
}
process.exit(ok ? 0 : 1);

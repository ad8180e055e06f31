// A directory served over HTTP and headless Chromium in front of it: what examples/pages.mjs
// (the examples' pages) and tests/new-app-page.mjs (the guide's new app) both open.
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const MIME = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

// playwright-core as the benchmark driver uses it (benches/package.json).
const require = createRequire(join(ROOT, "benches", "package.json"));
const { chromium } = require("playwright-core");

/**
 * Serves the files under `dir` on 127.0.0.1 (404 outside it; with `index`, a path ending in `/`
 * serves its index.html; `onRequest(status, path)` sees every request) and opens headless
 * Chromium (/usr/bin/chromium) with a fresh profile. `close()` ends both.
 */
export async function openHeadless(dir, { index = false, onRequest = () => {} } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (index && path.endsWith("/")) path += "index.html";
    const file = resolve(root, `.${path}`);
    const st = file.startsWith(root + sep) ? await stat(file).catch(() => null) : null;
    onRequest(st?.isFile() ? 200 : 404, path);
    if (!st?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": MIME[extname(file)] ?? "application/octet-stream" });
    res.end(await readFile(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "slotwire-headless-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  return {
    origin,
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
      server.close();
    },
  };
}

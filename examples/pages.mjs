// Opens each example's page (examples/<name>/index.html) in headless Chromium and checks what it
// shows: the examples really run on a page, not only in Node. `cargo xtask bench` runs this after
// the examples' Node runs (their pkg directories must be built: target/examples/<name>/pkg).
//
//   node examples/pages.mjs [name ...]   (only those pages; all by default)
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openHeadless } from "./headless.mjs";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** What each page must show, and what to click first. */
const PAGES = {
  hello: { click: "#go", expect: [/one runtime: true/, /add\(2, 3\) = 5/, /alert: Hello, browser, from Rust!/, /\(26 characters\)/] },
  interop: {
    expect: [
      /JSObject: Arthur asks "What does Arthur get\?" and gets 42/,
      /events: 2 clicks/,
      /promises \(2 s waits\): waited for a string; date 1795219200000; fetched .*caught TypeError: expected rejection/,
    ],
  },
  particles: { expect: [/frames: 60/, /particles: 2000/, /checksum matches/] },
  table: {
    expect: [/rows: 1000 \(8000 DOM calls in one crossing/, /updated: 100 rows/, /row 0: pretty table 0 !!!/, /row 10: quick chair 10 !!!/, /row 11: quiet chair 11\n/],
  },
  // The hello example bundled by Vite (cargo xtask bench runs `vite build` first).
  "vite-app": {
    path: "vite-app/dist/index.html",
    expect: [/add\(2, 3\) = 5/, /say_hello: 23 characters, alert: Hello, Vite, from Rust!/, /one runtime: true/, /checked: true/],
  },
};

const { origin, context, close } = await openHeadless(ROOT);
let failed = false;
try {
  const only = process.argv.slice(2);
  for (const name of only) if (!Object.hasOwn(PAGES, name)) throw new Error(`no page ${name}`);
  for (const [name, want] of Object.entries(PAGES)) {
    if (only.length > 0 && !only.includes(name)) continue;
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${origin}/examples/${want.path ?? `${name}/index.html`}`);
    if (want.click) {
      await page.waitForFunction(() => document.getElementById("output").textContent.length > 0, null, { timeout: 30_000 });
      await page.click(want.click);
    }
    try {
      await page.waitForFunction(
        (patterns) => patterns.every((p) => new RegExp(p).test(document.getElementById("output").textContent)),
        want.expect.map((r) => r.source),
        { timeout: 30_000, polling: 100 },
      );
      console.log(`page examples/${name}: ok`);
    } catch {
      failed = true;
      const shown = await page.locator("#output").textContent();
      console.log(`page examples/${name}: FAILED\n  shown: ${JSON.stringify(shown)}\n  errors: ${errors.join("; ")}`);
    }
    await page.close();
  }
} finally {
  await close();
}
process.exit(failed ? 1 : 0);

// Opens a page of the guide's new app (cargo xtask test's `new-app` step) in headless Chromium:
// serves <dir> over HTTP at the root, loads /index.html and waits until #out shows exactly the
// expected text. The page must also have raised an alert (the shim imported at run time) and
// thrown nothing.
//
//   node tests/new-app-page.mjs <dir> <expected text of #out>
import { resolve } from "node:path";
import { openHeadless } from "../examples/headless.mjs";

const [dirArg, expected] = process.argv.slice(2);
if (!dirArg || expected === undefined) {
  console.error("usage: node tests/new-app-page.mjs <dir> <expected text>");
  process.exit(2);
}
const DIR = resolve(dirArg);
const requests = [];
const { origin, context, close } = await openHeadless(DIR, {
  index: true,
  onRequest: (status, path) => requests.push(`${status} ${path}`),
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
  await close();
}
process.exit(ok ? 0 : 1);

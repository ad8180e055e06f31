// index.d.ts under `tsc --strict` with skipLibCheck false: the declarations themselves and an
// application's use of them compile (test/types/usage.ts), and a wrongly typed call does not
// (test/types/wrong.ts). Skipped when TypeScript is not installed (`npm ci` in js-runtime/).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(here, "..", "node_modules", "typescript", "bin", "tsc");
const skip = existsSync(tsc) ? false : "typescript is not installed (npm ci in js-runtime/)";

function run(args) {
  return spawnSync(process.execPath, [tsc, ...args], { encoding: "utf8" });
}

test("index.d.ts and an application's use of it compile with tsc --strict", { skip }, () => {
  const r = run(["-p", join(here, "types", "tsconfig.json")]);
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});

test("a wrongly typed call of a typed export does not compile", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "slotwire-ts-"));
  const config = join(dir, "tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: join(here, "types", "tsconfig.json"),
      files: [join(here, "..", "index.d.ts"), join(here, "types", "wrong.ts")],
    }),
  );
  const r = run(["-p", config]);
  assert.notEqual(r.status, 0, "tsc accepted a string for a number parameter");
  assert.match(r.stdout, /wrong\.ts\(7,\d+\): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'/);
});

// cargo's runner for the end-to-end suite in Node (`cargo xtask test --only e2e-node`), one test
// binary per call:
//
//   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="node tests/run-node.mjs" \
//     cargo test -p slotwire-e2e --target wasm32-unknown-unknown
//
// It runs wasm-bindgen-test-runner with the same arguments, its output passed through, and
// exits 0 only if the runner did and said `test result: ok` (or that the binary has no tests).
// Why: when a test awaits a promise that never settles, Node's event loop empties and the
// runner exits 0 in the middle of the run — the tests after it never run, and a failure printed
// before it ("test b ... FAIL") passed for cargo. Such a binary now fails, naming the cause.

import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const RUNNER = process.env.SLOTWIRE_WASM_TEST_RUNNER ?? "wasm-bindgen-test-runner";

/** The verdict on a runner's exit `code` and `out`put: { ok, why }. */
export function verdict(code, out) {
  if (code !== 0) return { ok: false, why: `${RUNNER} exited with ${code}` };
  if (/test result: ok\./.test(out)) return { ok: true, why: "" };
  if (/no tests to run!?/.test(out) || /running 0 tests/.test(out)) return { ok: true, why: "" };
  const last = out.trim().split("\n").slice(-1)[0] ?? "";
  return {
    ok: false,
    why:
      `${RUNNER} exited 0 without \`test result: ok\` (last line: ${JSON.stringify(last)}): ` +
      "a test awaited a promise that never settled, and the tests after it did not run",
  };
}

async function main(args) {
  const child = spawn(RUNNER, args, { stdio: ["inherit", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
    process.stdout.write(d);
  });
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (c, signal) => resolve(signal === null ? c : 1));
  });
  const v = verdict(code, out);
  if (!v.ok) console.error(`run-node: ${v.why}`);
  return v.ok ? 0 : 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  process.exit(await main(process.argv.slice(2)));
}

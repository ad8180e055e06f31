// tests/run-node.mjs, the e2e-node step's runner: a wasm-bindgen-test-runner run passes only if
// it exited 0 and said `test result: ok` (or that there were no tests). A runner that exits 0
// mid-run (a test awaited a promise that never settled) fails.
import { test } from "node:test";
import assert from "node:assert/strict";

import { verdict } from "../../tests/run-node.mjs";

test("a run passes only with its exit code 0 and `test result: ok`", () => {
  assert.equal(verdict(0, "running 2 tests\ntest a ... ok\ntest b ... ok\n\ntest result: ok. 2 passed; 0 failed\n").ok, true);
  assert.equal(verdict(0, "no tests to run!\n").ok, true);
  assert.equal(verdict(1, "test result: FAILED. 1 passed; 1 failed\n").ok, false);
  assert.equal(verdict(1, "test result: ok. 2 passed\n").ok, false, "a non-zero exit fails whatever was printed");
  // The runner's event loop emptied while a test awaited: exit 0, no result line.
  const cut = verdict(0, "running 2 tests\ntest b_second ... FAIL\n");
  assert.equal(cut.ok, false);
  assert.match(cut.why, /exited 0 without `test result: ok` \(last line: "test b_second \.\.\. FAIL"\)/);
  assert.equal(verdict(0, "").ok, false);
});

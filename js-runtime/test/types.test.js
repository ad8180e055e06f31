// index.d.ts under `tsc --strict` with skipLibCheck false: the declarations themselves and an
// application's use of them compile (test/types/usage.ts), and a wrongly typed call does not
// (test/types/wrong.ts). Skipped when TypeScript is not installed (`npm ci` in js-runtime/).

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { T, NULLABLE, CODE_SHIFT } from "../src/slot.js";
import { exportsDts, tsType } from "../lib/types.js";

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

/** Export descriptors as the runtime reads them (rt.exportInfo), one of every kind. */
const c = (t, inner = 0) => (inner << CODE_SHIFT) | t;
const INFOS = [
  { name: "add", params: [T.i32, T.i32], names: ["a", "b"], ret: T.i32 },
  { name: "echo_u64", params: [T.u64], names: ["v"], ret: T.u64 },
  { name: "greet", params: [T.string], names: ["name"], ret: T.string },
  { name: "maybe_name", params: [T.string | NULLABLE], names: ["n"], ret: T.string | NULLABLE },
  { name: "samples", params: [T.u32], names: ["n"], ret: c(T.array, T.f64) },
  { name: "names", params: [], names: [], ret: c(T.array, T.string) },
  { name: "add_later", params: [T.i32], names: ["x"], ret: c(T.promise, T.i32) },
  { name: "is_ok", params: [T.bool], names: ["b"], ret: T.bool },
  { name: "today", params: [], names: [], ret: T.date },
  { name: "math.mul", params: [T.f64, T.f64], names: ["a", "b"], ret: T.f64 },
  { name: "make_counter", params: [], names: [], ret: T.rust_object },
  { name: "Counter.get", params: [T.rust_object], names: ["this"], ret: T.u32 },
  { name: "sum_view", params: [c(T.span, T.f64)], names: ["v"], ret: T.f64 },
  { name: "anything", params: [], names: [], ret: T.any },
];

test("tsType: what crosses each way", () => {
  assert.equal(tsType(T.i32, "in"), "number");
  assert.equal(tsType(T.u64, "in"), "bigint | number");
  assert.equal(tsType(T.u64, "out"), "bigint");
  assert.equal(tsType(T.char, "out"), "string");
  assert.equal(tsType(T.string | NULLABLE, "out"), "string | null");
  assert.equal(tsType(T.string | NULLABLE, "in"), "string | null | undefined");
  assert.equal(tsType(c(T.array, T.f64), "out"), "Float64Array");
  assert.equal(tsType(c(T.array, T.f64), "in"), "Float64Array | ArrayLike<number>");
  assert.equal(tsType(c(T.array, T.i64_number), "out"), "Array<number>");
  assert.equal(tsType(c(T.array, T.f64 | NULLABLE), "out"), "Array<number | null>");
  assert.equal(tsType(c(T.promise, T.string), "out"), "Promise<string>");
  assert.equal(tsType(c(T.segment, T.u8), "out"), 'MemoryView<"u8">');
  assert.equal(tsType(T.void, "out"), "void");
});

test("exportsDts: namespaces, optional trailing Options, `this` renamed", () => {
  const text = exportsDts(INFOS);
  assert.match(text, /export interface Exports \{/);
  assert.match(text, /  add\(a: number, b: number\): number;/);
  assert.match(text, /  maybe_name\(n\?: string \| null \| undefined\): string \| null;/);
  assert.match(text, /  readonly math: \{\n    mul\(a: number, b: number\): number;\n  \};/);
  assert.match(text, /    get\(self: RustObject\): number;/);
  assert.match(text, /  add_later\(x: number\): Promise<number>;/);
});

test("exportsDts: the runtime's own exports (the byte stream's pull) are not the crate's", () => {
  const text = exportsDts([...INFOS, { name: "SlotwireByteStream.pull", params: [T.rust_object], names: ["this"], ret: T.void }]);
  assert.doesNotMatch(text, /SlotwireByteStream/);
  assert.match(text, /  add\(a: number, b: number\): number;/);
});

/** A directory with the generated declarations, a usage file and a tsconfig resolving "slotwire". */
function project(usage) {
  const dir = mkdtempSync(join(tmpdir(), "slotwire-dts-"));
  writeFileSync(join(dir, "generated-exports.d.ts"), exportsDts(INFOS));
  copyFileSync(join(here, "types", usage), join(dir, "usage.ts"));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, skipLibCheck: false, target: "ES2022", module: "ES2022",
        moduleResolution: "bundler", lib: ["ES2022", "DOM"], types: [],
        baseUrl: ".", paths: { slotwire: [join(here, "..", "index.d.ts")] },
      },
      files: ["generated-exports.d.ts", "usage.ts"],
    }),
  );
  return join(dir, "tsconfig.json");
}

test("generated declarations type an application's calls (tsc --strict)", { skip }, () => {
  const r = run(["-p", project("exports-usage.ts")]);
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});

test("a wrongly typed call of a generated declaration does not compile", { skip }, () => {
  const r = run(["-p", project("exports-wrong.ts")]);
  assert.notEqual(r.status, 0, "tsc accepted a string for an i32 parameter");
  assert.match(r.stdout, /usage\.ts\(7,\d+\): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'/);
});

// Compiled by test/types.test.js with `tsc --strict` (skipLibCheck false): what an application
// writes against index.d.ts must type-check.
import { load, MemoryView, Runtime, SlotwireError, T } from "../../index.js";

async function main(): Promise<void> {
  const rt = await load("./pkg/app.js");
  // Untyped exports are callable, and namespaces nest.
  const s: unknown = rt.exports.summarize({ answer: 42 });
  const n: unknown = rt.exports.math.add(2, 3);
  void s;
  void n;
  // Typed exports.
  const typed = await load<{ add(a: number, b: number): number }>("./pkg/app.js");
  const sum: number = typed.exports.add(2, 3);
  void sum;
  const r: Runtime = rt;
  void r;
  const v: MemoryView<"f64"> = rt.allocSegment("f64", 4);
  for (const x of v) {
    const y: number = x;
    void y;
  }
  const first: number = v.get(0);
  void first;
  const big: MemoryView<"i64"> = rt.allocSegment("i64", 1);
  const b: bigint = big.get(0);
  void b;
  v.dispose();
  try {
    rt.exports.fail();
  } catch (e) {
    if (e instanceof SlotwireError) console.log(e.message);
  }
  const code: number = T.i32;
  void code;
}
void main;

// Compiled with the declarations exportsDts made for test/types.test.js's descriptors: typed
// calls of every kind of export type-check.
import type { Exports } from "./generated-exports";
import { load } from "slotwire";

async function main(): Promise<void> {
  const rt = await load<Exports>("./pkg/app.js");
  const x = rt.exports;
  const sum: number = x.add(2, 3);
  const big: bigint = x.echo_u64(5n);
  const big2: bigint = x.echo_u64(5);
  const s: string = x.greet("you");
  const maybe: string | null = x.maybe_name(null);
  const maybe2: string | null = x.maybe_name();
  const f: Float64Array = x.samples(3);
  const names: Array<string> = x.names();
  const later: Promise<number> = x.add_later(1);
  const ok: boolean = x.is_ok(true);
  const d: Date = x.today();
  x.math.mul(2, 3).toFixed();
  const obj = x.make_counter();
  obj.dispose();
  const n: number = x.Counter.get(obj);
  x.sum_view(new Float64Array(3));
  x.sum_view([1, 2, 3]);
  const u: unknown = x.anything();
  void [sum, big, big2, s, maybe, maybe2, f, names, later, ok, d, n, u];
}
void main;

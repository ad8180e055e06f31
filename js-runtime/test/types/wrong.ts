// Must NOT type-check (test/types.test.js expects tsc's error TS2345 here): a typed export
// called with a string where a number is declared.
import { load } from "../../index.js";

async function main(): Promise<void> {
  const rt = await load<{ add(a: number, b: number): number }>("./pkg/app.js");
  rt.exports.add("2", 3);
}
void main;

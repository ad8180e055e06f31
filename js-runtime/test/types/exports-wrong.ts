// Must NOT type-check: a string for an i32 parameter of a generated declaration (TS2345).
import type { Exports } from "./generated-exports";
import { load } from "slotwire";

async function main(): Promise<void> {
  const rt = await load<Exports>("./pkg/app.js");
  rt.exports.add("2", 3);
}
void main;

// The hello example as an app bundled by Vite: the slotwire package from npm, the glue of
// `wasm-bindgen --target web` (Vite turns its `new URL("hello_bg.wasm", import.meta.url)` into an
// asset of the build).
import { MemoryView, Runtime, SlotwireError, load } from "slotwire";
import * as glue from "./pkg/hello.js";

const out = document.getElementById("output");
const rt = await load(glue);
const shown = [];
await rt.importModule("shim", { showAlert: (text) => shown.push(text) });
out.textContent += `add(2, 3) = ${rt.exports.add(2, 3)}\n`;
out.textContent += `say_hello: ${rt.exports.say_hello("Vite")} characters, alert: ${shown[0]}\n`;
// The hello app passes no span or Segment: its glue does not load the view runtime, so there is
// no MemoryView, and allocSegment says why (with the runtime's own SlotwireError).
let noViews = null;
try {
  rt.allocSegment("u8", 4);
} catch (e) {
  noViews = e;
}
let bad = null;
try {
  rt.exports.greet(42);
} catch (e) {
  bad = e;
}
const missing = await rt.importModule("missing", "./no-such-module.js").catch((e) => e);
out.textContent += `one runtime: ${rt instanceof Runtime && noViews instanceof SlotwireError && MemoryView === undefined && missing instanceof SlotwireError}\n`;
out.textContent += `checked: ${bad instanceof TypeError}\n`;

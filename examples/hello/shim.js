// An alert-style shim: in a page it writes into #output (and would call alert()); in Node it
// prints. Loaded at run time with rt.importModule("shim", "./examples/hello/shim.js").
export const shown = [];

export function showAlert(text) {
  shown.push(text);
  if (typeof document !== "undefined") {
    const out = document.getElementById("output");
    if (out) out.textContent += `alert: ${text}\n`;
  } else {
    console.log(`[alert] ${text}`);
  }
}

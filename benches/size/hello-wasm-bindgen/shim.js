// The alert-style shim of examples/hello/shim.js, imported statically (wasm-bindgen's way).
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

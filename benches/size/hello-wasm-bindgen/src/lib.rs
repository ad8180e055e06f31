//! `examples/hello` written with plain wasm-bindgen, function for function: `console.log` from
//! Rust, an alert-style shim from an ES module, and the same three exports. `cargo xtask bench`
//! compares the bytes an app ships (wasm + JS, gzip) against the slotwire version.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = log)]
    fn console_log(text: &str);
}

#[wasm_bindgen(module = "/shim.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = showAlert)]
    fn show_alert(text: &str) -> Result<(), JsValue>;
}

/// `greet("you")` → `"Hello, you, from Rust!"`.
#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    format!("Hello, {name}, from Rust!")
}

/// `add(2, 3)` → `5`.
#[wasm_bindgen]
pub fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// Logs through `console.log` and shows an alert through the shim; returns how many characters
/// it said.
#[wasm_bindgen]
pub fn say_hello(name: &str) -> Result<u32, JsValue> {
    let text = greet(name);
    console_log(&text);
    show_alert(&text)?;
    Ok(text.chars().count() as u32)
}

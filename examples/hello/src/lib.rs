//! The first sample: `console.log` from Rust, an alert-style shim from an ES module loaded at run
//! time, and Rust exports called from the page.

use slotwire::prelude::*;

#[js_import("globalThis.console.log")]
fn console_log(text: &str);

/// `showAlert` lives in `shim.js`, loaded by the page with `rt.importModule("shim", url)`.
#[js_import("showAlert", module = "shim")]
fn show_alert(text: &str) -> Result<(), JsError>;

/// `rt.exports.greet("you")` → `"Hello, you, from Rust!"`.
#[js_export]
pub fn greet(name: &str) -> String {
    format!("Hello, {name}, from Rust!")
}

/// `rt.exports.add(2, 3)` → `5`.
#[js_export]
pub fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// Logs through `console.log` and shows an alert through the shim; returns how many characters
/// it said, or throws if the shim module was not loaded.
#[js_export]
pub fn say_hello(name: &str) -> Result<u32, JsError> {
    let text = greet(name);
    console_log(&text);
    show_alert(&text)?;
    Ok(text.chars().count() as u32)
}

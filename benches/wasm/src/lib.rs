//! Every benchmark path except the raw floor, in one wasm module (run through
//! `wasm-bindgen --target web` by `cargo xtask bench`):
//!
//! - `wasm_bindgen`: plain `#[wasm_bindgen]` imports and exports of the same signatures;
//! - `slotwire`: `#[js_import]` / `#[js_export]`;
//! - `slotwire_lowlevel`: [`slotwire::Binding`], bound once, `args()` once per batch, `set` +
//!   `invoke` per call;
//! - `json_baseline`: the JSON interop baseline (`slotwire_json`, Blazor's `IJSRuntime`);
//! - `serde_wasm_bindgen`: `serde_wasm_bindgen::to_value` + a plain import (bulk-data scenarios only);
//! - the DOM scenarios' `web_sys`, `sledgehammer` and `slotwire` paths ([`dom`]).
//!
//! Rust → JS scenarios loop here: JS calls `run_<scenario>_<impl>(n)`, which makes `n` calls and
//! returns a checksum that JS checks. JS → Rust scenarios loop in JS (`benches/page/bench.js`)
//! over the exports. The JS functions called are `globalThis.benchFns.*` (`benches/page/fns.js`).
//!
//! The loop bodies are the same in every path and in `benches/raw-floor`.

pub mod common;
pub mod dom;
mod json_baseline;
mod lowlevel;
mod serde_wasm_bindgen_path;
mod slotwire_path;
mod wasm_bindgen_path;

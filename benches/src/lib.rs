//! slotwire's benchmarks.
//!
//! - `benches/native.rs` (criterion, `cargo bench -p slotwire-benches`): the native cost of what
//!   the Rust half does per call, slot encode/decode, next to serde_json serialize/deserialize of
//!   the same payloads (what the JSON baseline does instead).
//! - `page/` + `run.mjs`: the benchmark page, every scenario through every path (raw floor,
//!   wasm-bindgen, slotwire, slotwire low-level, JSON baseline) in headless Chromium or Node;
//!   `cargo xtask bench [--quick] [--node]` builds `raw-floor/` and `wasm/` and runs it.

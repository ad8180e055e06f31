//! End-to-end tests live in tests/*.rs and run on wasm32 only.

//! A typed import that does not return `Result` and cannot be bound (its function does not exist)
//! panics at its first call, naming the import and why, and poisons the instance. Own test
//! binary: the instance is unusable afterwards.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire_e2e::{check, register_test_module};
use wasm_bindgen_test::*;

#[js_import("noSuchFunction", module = "t")]
fn missing(x: i32) -> i32;

#[js_export]
fn call_missing_import() -> i32 {
    missing(1)
}

#[wasm_bindgen_test]
fn unbindable_import_without_result_panics_naming_it_and_poisons() {
    register_test_module();
    check("poisonByBind");
}

//! A JS throw inside an import that does not return `Result` panics, naming the import, and
//! poisons the instance. Own test binary: the instance is unusable afterwards.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire_e2e::{check, register_test_module};
use wasm_bindgen_test::*;

#[js_import("throwError", module = "t")]
fn throw_error(msg: &str);

#[js_export]
fn call_throwing_import() {
    throw_error("thrown from JS");
}

#[wasm_bindgen_test]
fn throwing_import_without_result_poisons() {
    register_test_module();
    check("poisonByImport");
}

//! A panic poisons the instance: its message is printed (console_error_panic_hook) and every
//! later call from JS throws "instance poisoned by panic: <message>". Own test binary: the
//! instance is unusable afterwards.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire_e2e::check;
use wasm_bindgen_test::*;

#[js_export]
fn fine() -> i32 {
    1
}

#[js_export]
fn explode(msg: &str) -> i32 {
    panic!("kaboom: {msg}")
}

#[wasm_bindgen_test]
fn panic_poisons_the_instance() {
    check("poison");
}

//! `#[js_export] impl` blocks: methods of Rust objects JS holds, in Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::{RustObject, RustRef};
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/methods.js")]
extern "C" {
    #[wasm_bindgen(js_name = runMethodsCheck, catch)]
    fn run_methods_check(rt: &JsValue) -> Result<(), JsValue>;
}

pub struct Tally {
    n: i32,
}

#[js_export]
impl Tally {
    fn create(start: i32) -> RustObject<Tally> {
        RustObject::new("Tally", Tally { n: start })
    }
    fn add(&mut self, by: i32) -> i32 {
        self.n += by;
        self.n
    }
    fn total(&self) -> i32 {
        self.n
    }
    fn label(&self, prefix: &str) -> String {
        format!("{prefix}={}", self.n)
    }
    fn merged(&self, other: RustRef<Self>) -> RustObject<Self> {
        let n = self.n + other.borrow().n;
        RustObject::new("Tally", Tally { n })
    }
    fn sum(a: RustRef<Tally>, b: RustRef<Tally>) -> i32 {
        a.borrow().n + b.borrow().n
    }
}

pub struct Counter<T> {
    v: T,
}

#[js_export(js_name = "CounterI32")]
impl Counter<i32> {
    fn create(v: i32) -> RustObject<Counter<i32>> {
        RustObject::new("CounterI32", Counter { v })
    }
    fn get(&self) -> i32 {
        self.v
    }
}

#[wasm_bindgen_test]
fn impl_blocks_export_methods() {
    if let Err(e) = run_methods_check(&rt()) {
        let msg = slotwire_e2e::js_message(&e);
        panic!("{msg}");
    }
    // Still usable from Rust, and the impl block is an ordinary one.
    let mut t = Tally { n: 1 };
    assert_eq!(t.add(1), 2);
}

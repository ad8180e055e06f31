//! Rust objects held by JS (`RustObject` / `RustRef`): proxies with typed methods and `invoke`,
//! identity, dispose, wrong types, generics, a million create/dispose cycles — Node and Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::{census, RustObject, RustRef};
use slotwire_e2e::check;
use wasm_bindgen_test::*;

/// A generic type, exported once per instantiation (seed 003's generics sample).
pub struct Counter<T> {
    value: T,
    calls: u32,
}

#[js_export]
fn make_counter(start: i32) -> RustObject<Counter<i32>> {
    RustObject::new(
        "CounterI32",
        Counter {
            value: start,
            calls: 0,
        },
    )
}

#[js_export(js_name = "CounterI32.increment")]
fn counter_i32_increment(this: RustRef<Counter<i32>>, by: i32) -> i32 {
    let mut c = this.borrow_mut();
    c.value += by;
    c.calls += 1;
    c.value
}

#[js_export(js_name = "CounterI32.get")]
fn counter_i32_get(this: RustRef<Counter<i32>>) -> i32 {
    this.borrow().value
}

#[js_export(js_name = "CounterI32.calls")]
fn counter_i32_calls(this: RustRef<Counter<i32>>) -> u32 {
    this.borrow().calls
}

#[js_export]
fn make_string_counter(start: String) -> RustObject<Counter<String>> {
    RustObject::new(
        "CounterString",
        Counter {
            value: start,
            calls: 0,
        },
    )
}

#[js_export(js_name = "CounterString.append")]
fn counter_string_append(this: RustRef<Counter<String>>, s: String) -> String {
    let mut c = this.borrow_mut();
    c.value.push_str(&s);
    c.value.clone()
}

#[js_export]
fn same_counter(a: RustRef<Counter<i32>>, b: RustRef<Counter<i32>>) -> bool {
    a.handle() == b.handle()
}

#[js_export]
fn rust_object_count() -> u32 {
    census().rust_objects as u32
}

#[wasm_bindgen_test]
fn proxies_methods_identity_dispose_and_leaks() {
    check("rustObjects");
    assert_eq!(census().rust_objects, 0);
}

#[wasm_bindgen_test]
fn rust_side_ownership() {
    let before = census().rust_objects;
    let o = RustObject::new("CounterI32", Counter { value: 1, calls: 0 });
    o.get().unwrap().borrow_mut().value = 5;
    assert_eq!(o.get().unwrap().borrow().value, 5);
    assert_eq!(census().rust_objects, before + 1);
    drop(o);
    assert_eq!(
        census().rust_objects,
        before,
        "never handed to JS: freed on drop"
    );
}

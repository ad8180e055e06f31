#![cfg(target_arch = "wasm32")]
use slotwire::prelude::*;
use wasm_bindgen_test::*;

#[js_import("globalThis.Math.hypot")]
fn hypot(a: f64, b: f64) -> f64;

#[js_export]
fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[wasm_bindgen_test]
fn smoke() {
    assert_eq!(hypot(3.0, 4.0), 5.0);
    let rt = slotwire::runtime().unwrap();
    let exports = js_sys::Reflect::get(&rt, &"exports".into()).unwrap();
    let add = js_sys::Reflect::get(&exports, &"add".into()).unwrap();
    let add: js_sys::Function = add.into();
    let r = add
        .call2(&wasm_bindgen::JsValue::NULL, &2.into(), &3.into())
        .unwrap();
    assert_eq!(r.as_f64(), Some(5.0));
}

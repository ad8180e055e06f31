//! Arrays by copy (`Vec<T>`): numbers as typed arrays, everything else as `Array`, nested types,
//! `Option`, both directions, in Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/arrays.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerArrayModule)]
    fn register_array_module(rt: &JsValue);
    #[wasm_bindgen(js_name = runArrayCheck, catch)]
    fn run_array_check(rt: &JsValue, name: &str) -> Result<(), JsValue>;
}

fn setup() {
    register_array_module(&rt());
}

fn check(name: &str) {
    if let Err(e) = run_array_check(&rt(), name) {
        let msg = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| format!("{e:?}"));
        panic!("JS check `{name}` failed: {msg}");
    }
}

#[js_import("echo", module = "arr")]
fn echo_f64(v: &Vec<f64>) -> Result<Vec<f64>, JsError>;
#[js_import("echo", module = "arr")]
fn echo_strings(v: Vec<String>) -> Result<Vec<String>, JsError>;
#[js_import("kind", module = "arr")]
fn kind_u16(v: Vec<u16>) -> String;
#[js_import("kind", module = "arr")]
fn kind_strings(v: Vec<&str>) -> String;
#[js_import("strings", module = "arr")]
fn js_strings(n: u32) -> Result<Vec<String>, JsError>;
#[js_import("badInt", module = "arr")]
fn bad_int() -> Result<Vec<i32>, JsError>;

#[js_export]
fn arr_sum(v: Vec<f64>) -> f64 {
    v.iter().sum()
}
#[js_export]
fn arr_double(v: Vec<f64>) -> Vec<f64> {
    v.iter().map(|x| x * 2.0).collect()
}
#[js_export]
fn arr_rev_strings(mut v: Vec<String>) -> Vec<String> {
    v.reverse();
    v
}
#[js_export]
fn arr_opt_strings(v: Vec<Option<String>>) -> Vec<Option<String>> {
    v.into_iter().map(|s| s.map(|s| s.to_uppercase())).collect()
}
#[js_export]
fn arr_nested(mut v: Vec<Vec<i32>>) -> Vec<Vec<i32>> {
    v.reverse();
    v
}
#[js_export]
fn arr_bytes(mut v: Vec<u8>) -> Vec<u8> {
    v.reverse();
    v
}
#[js_export]
fn arr_objects(mut v: Vec<JsObject>) -> Vec<JsObject> {
    v.reverse();
    v
}
#[js_export]
fn arr_maybe(v: Option<Vec<f64>>) -> i32 {
    v.map_or(-1, |v| v.len() as i32)
}
#[js_export]
fn arr_i64(v: Vec<i64>) -> Vec<i64> {
    v.iter().map(|x| x * 2).collect()
}

#[wasm_bindgen_test]
fn imports_pass_and_return_arrays() {
    setup();
    let v = vec![1.5, -0.0, f64::INFINITY];
    assert_eq!(echo_f64(&v).unwrap(), v);
    let s = vec!["a".to_owned(), "grüß 𝄞".to_owned(), String::new()];
    assert_eq!(echo_strings(s.clone()).unwrap(), s);
    assert_eq!(kind_u16(vec![1, 2, 3]), "Uint16Array:3");
    assert_eq!(kind_strings(vec!["x", "y"]), "Array:2");
    // A result larger than the frame area (64 KiB): several blocks outside it.
    let many = js_strings(20_000).unwrap();
    assert_eq!(many.len(), 20_000);
    assert_eq!(many[19_998], "s19998-é-xxxxxx");
    let e = bad_int().unwrap_err();
    assert!(e.message.contains("[2]"), "{e}");
}

#[wasm_bindgen_test]
fn exports_take_and_return_arrays() {
    check("exports");
}

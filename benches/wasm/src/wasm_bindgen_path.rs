//! `wasm_bindgen`: plain `#[wasm_bindgen]` glue for the same signatures: imports of
//! `globalThis.benchFns.*`, exports called directly from JS.
//!
//! JS objects: an imported type ([`Answer`], a `JsValue` underneath, held in wasm-bindgen's
//! externref table) with a typed getter, which is what a wasm-bindgen user writes for speed: one
//! crossing per read, where `js_sys::Reflect::get` + `as_f64` takes three (get, number check,
//! drop of the result) and a key `JsValue`.

use wasm_bindgen::prelude::*;

use crate::common::{consume, str16, text64k};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = benchFns, js_name = callVoid)]
    fn call_void();
    #[wasm_bindgen(js_namespace = benchFns, js_name = addI32x3)]
    fn add_i32x3(a: i32, b: i32, c: i32) -> i32;
    #[wasm_bindgen(js_namespace = benchFns, js_name = mulF64x2)]
    fn mul_f64x2(a: f64, b: f64) -> f64;
    #[wasm_bindgen(js_namespace = benchFns, js_name = strArg16)]
    fn str_arg_16(s: &str) -> i32;
    #[wasm_bindgen(js_namespace = benchFns, js_name = strArg64k)]
    fn str_arg_64k(s: &str) -> i32;
    #[wasm_bindgen(js_namespace = benchFns, js_name = stringRet16)]
    fn string_ret_16() -> String;

    /// `{question, answer}`, as made by `benchFns.newAnswer()` / `heldAnswer()`.
    type Answer;
    #[wasm_bindgen(js_namespace = benchFns, js_name = newAnswer)]
    fn new_answer() -> Answer;
    #[wasm_bindgen(js_namespace = benchFns, js_name = heldAnswer)]
    fn held_answer() -> Answer;
    #[wasm_bindgen(js_namespace = benchFns, js_name = incrementAnswer)]
    fn increment_answer(o: &Answer);
    #[wasm_bindgen(method, getter)]
    fn answer(this: &Answer) -> f64;
}

#[wasm_bindgen]
pub fn run_call_void_wasm_bindgen(n: u32) -> f64 {
    for _ in 0..n {
        call_void();
    }
    n as f64
}

#[wasm_bindgen]
pub fn run_call_i32x3_wasm_bindgen(n: u32) -> f64 {
    let mut acc = 0i64;
    for i in 0..n as i32 {
        acc += add_i32x3(i, 1, 2) as i64;
    }
    acc as f64
}

#[wasm_bindgen]
pub fn run_call_f64x2_wasm_bindgen(n: u32) -> f64 {
    let mut acc = 0f64;
    for i in 0..n {
        acc += mul_f64x2(i as f64, 0.5);
    }
    acc
}

#[wasm_bindgen]
pub fn run_string_arg_16_wasm_bindgen(n: u32) -> f64 {
    let mut acc = 0i64;
    for i in 0..n {
        acc += str_arg_16(str16(i)) as i64;
    }
    acc as f64
}

#[wasm_bindgen]
pub fn run_string_arg_64k_wasm_bindgen(n: u32) -> f64 {
    let text = text64k();
    let mut acc = 0i64;
    for _ in 0..n {
        acc += str_arg_64k(text) as i64;
    }
    acc as f64
}

#[wasm_bindgen]
pub fn run_string_ret_16_wasm_bindgen(n: u32) -> f64 {
    let mut acc = 0i64;
    for _ in 0..n {
        acc += consume(&string_ret_16()) as i64;
    }
    acc as f64
}

#[wasm_bindgen]
pub fn run_object_increment_wasm_bindgen(n: u32) -> f64 {
    let o = new_answer();
    for _ in 0..n {
        increment_answer(&o);
    }
    n as f64
}

#[wasm_bindgen]
pub fn run_object_create_wasm_bindgen(n: u32) -> f64 {
    for _ in 0..n {
        let o = new_answer();
        increment_answer(&o);
        drop(o);
    }
    n as f64
}

#[wasm_bindgen]
pub fn run_object_prop_get_wasm_bindgen(n: u32) -> f64 {
    let o = held_answer();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += o.answer();
    }
    acc
}

#[wasm_bindgen]
pub fn export_i32_wasm_bindgen(x: i32) -> i32 {
    x.wrapping_add(1)
}

#[wasm_bindgen]
pub fn export_string_16_wasm_bindgen(s: &str) -> i32 {
    consume(s)
}

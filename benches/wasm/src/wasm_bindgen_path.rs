//! `wasm_bindgen`: plain `#[wasm_bindgen]` glue for the same signatures: imports of
//! `globalThis.benchFns.*`, exports called directly from JS.
//!
//! JS objects: an imported type ([`Answer`], a `JsValue` underneath, held in wasm-bindgen's
//! externref table) with a typed getter, which is what a wasm-bindgen user writes for speed: one
//! crossing per read, where `js_sys::Reflect::get` + `as_f64` takes three (get, number check,
//! drop of the result) and a key `JsValue`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::common::{bytes_1k, bytes_1m, consume, f64_1m, records, str16, text64k};

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

    #[wasm_bindgen(js_namespace = benchFns, js_name = storeCallback)]
    fn store_callback(f: &js_sys::Function);
    #[wasm_bindgen(js_namespace = benchFns, js_name = resolvedI32)]
    fn resolved_i32(x: i32) -> js_sys::Promise;
}

/// `callback_i32`'s closure type.
type Callback = Closure<dyn FnMut(i32) -> i32>;

thread_local! {
    /// The closure of the current `callback_i32` batch (JS holds its function meanwhile).
    static CALLBACK: RefCell<Option<Callback>> = const { RefCell::new(None) };
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

/// `object_prop_get_dynamic`: `js_sys::Reflect::get` with the key made once (a `JsValue`
/// string), as wasm-bindgen code does for names known at run time.
#[wasm_bindgen]
pub fn run_object_prop_get_dynamic_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    let o: JsValue = held_answer().into();
    let key = JsValue::from_str("answer");
    let mut acc = 0f64;
    for _ in 0..n {
        acc += js_sys::Reflect::get(&o, &key)?
            .as_f64()
            .ok_or_else(|| JsValue::from_str("answer is not a number"))?;
    }
    Ok(acc)
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

/// `callback_i32`, before a batch: a `Closure` x → x + 1, handed to JS once.
#[wasm_bindgen]
pub fn callback_i32_begin_wasm_bindgen() {
    let f = Closure::wrap(Box::new(|x: i32| x.wrapping_add(1)) as Box<dyn FnMut(i32) -> i32>);
    store_callback(f.as_ref().unchecked_ref());
    CALLBACK.with(|c| *c.borrow_mut() = Some(f));
}

/// `callback_i32`, after a batch: drops the `Closure` (JS's function for it then throws).
#[wasm_bindgen]
pub fn callback_i32_end_wasm_bindgen() {
    CALLBACK.with(|c| c.borrow_mut().take());
}

/// `promise_roundtrip`: awaits `benchFns.resolvedI32(i)` as a `JsFuture` n times in a row.
#[wasm_bindgen]
pub async fn run_promise_roundtrip_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    let mut acc = 0i64;
    for i in 0..n as i32 {
        let v = JsFuture::from(resolved_i32(i)).await?;
        acc += v.as_f64().ok_or("resolvedI32: not a number")? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn export_i32_wasm_bindgen(x: i32) -> i32 {
    x.wrapping_add(1)
}

#[wasm_bindgen]
pub fn export_string_16_wasm_bindgen(s: &str) -> i32 {
    consume(s)
}

// ---- Issue 5: bulk data Rust → JS. `&[u8]` / `&[f64]` import arguments: wasm-bindgen's glue
// hands JS a typed array over them. Records: a JSON string (`serde_json`) per operation, parsed
// by `JSON.parse` in JS, the JSON way the wasm-bindgen guide gives next to serde-wasm-bindgen
// (which is its own path, `serde_wasm_bindgen`). ----

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = benchFns, js_name = bytesArray)]
    fn bytes_array(v: &[u8]) -> f64;
    #[wasm_bindgen(js_namespace = benchFns, js_name = sumF64Array)]
    fn sum_f64_array(v: &[f64]) -> f64;
    #[wasm_bindgen(js_namespace = benchFns, js_name = recordsFullJson)]
    fn records_full_json(s: &str) -> f64;
    #[wasm_bindgen(js_namespace = benchFns, js_name = recordsOneFieldJson)]
    fn records_one_field_json(s: &str) -> f64;
}

#[wasm_bindgen]
pub fn run_bytes_1k_to_js_wasm_bindgen(n: u32) -> f64 {
    let b = bytes_1k();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += bytes_array(b);
    }
    acc
}

#[wasm_bindgen]
pub fn run_bytes_1m_to_js_wasm_bindgen(n: u32) -> f64 {
    let b = bytes_1m();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += bytes_array(b);
    }
    acc
}

#[wasm_bindgen]
pub fn run_f64_1m_to_js_wasm_bindgen(n: u32) -> f64 {
    let v = f64_1m();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += sum_f64_array(v);
    }
    acc
}

#[wasm_bindgen]
pub fn run_records_10k_full_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    let r = records();
    let mut acc = 0f64;
    for _ in 0..n {
        let s = serde_json::to_string(r).map_err(|e| JsValue::from_str(&e.to_string()))?;
        acc += records_full_json(&s);
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_records_10k_one_field_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    let r = records();
    let mut acc = 0f64;
    for _ in 0..n {
        let s = serde_json::to_string(r).map_err(|e| JsValue::from_str(&e.to_string()))?;
        acc += records_one_field_json(&s);
    }
    Ok(acc)
}

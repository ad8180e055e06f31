//! `serde_wasm_bindgen`: the data made a JS value with `serde_wasm_bindgen::to_value` per
//! operation, then passed to a plain `#[wasm_bindgen]` import taking a `JsValue`. Bytes go through
//! `serialize_bytes` (what the `serde_bytes` crate does; [`SerdeBytes`]), which serde-wasm-bindgen
//! makes a `Uint8Array`; a `Vec<f64>` becomes a JS `Array` of numbers, records an `Array` of
//! plain objects. Only the bulk-data scenarios (issue 5).

use wasm_bindgen::prelude::*;

use crate::common::{bytes_1k, bytes_1m, f64_1m, records, SerdeBytes};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = benchFns, js_name = bytesArraySwb)]
    fn bytes_array(v: &JsValue) -> f64;
    #[wasm_bindgen(js_namespace = benchFns, js_name = sumF64ArraySwb)]
    fn sum_f64_array(v: &JsValue) -> f64;
    #[wasm_bindgen(js_namespace = benchFns, js_name = recordsFullSwb)]
    fn records_full(v: &JsValue) -> f64;
    #[wasm_bindgen(js_namespace = benchFns, js_name = recordsOneFieldSwb)]
    fn records_one_field(v: &JsValue) -> f64;
}

fn to_value<T: serde::Serialize + ?Sized>(v: &T) -> Result<JsValue, JsValue> {
    serde_wasm_bindgen::to_value(v).map_err(JsValue::from)
}

fn bytes(b: &[u8], n: u32) -> Result<f64, JsValue> {
    let mut acc = 0f64;
    for _ in 0..n {
        acc += bytes_array(&to_value(&SerdeBytes(b))?);
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_bytes_1k_to_js_serde_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    bytes(bytes_1k(), n)
}

#[wasm_bindgen]
pub fn run_bytes_1m_to_js_serde_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    bytes(bytes_1m(), n)
}

#[wasm_bindgen]
pub fn run_f64_1m_to_js_serde_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    let v = f64_1m();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += sum_f64_array(&to_value(v)?);
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_records_10k_full_serde_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    let r = records();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += records_full(&to_value(r)?);
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_records_10k_one_field_serde_wasm_bindgen(n: u32) -> Result<f64, JsValue> {
    let r = records();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += records_one_field(&to_value(r)?);
    }
    Ok(acc)
}

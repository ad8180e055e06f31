//! `slotwire`: the macro API, `#[js_import]` and `#[js_export]`; JS objects as [`JsObject`]
//! (read with [`JsObject::get`]).

use slotwire::prelude::*;
use slotwire::JsError;
use wasm_bindgen::prelude::*;

use crate::common::{
    bytes_1k, bytes_1m, consume, f64_1m, records, records_archive, str16, text64k, Rec,
};
use slotwire::record::Archive;

#[js_import("globalThis.benchFns.callVoid")]
fn call_void();

#[js_import("globalThis.benchFns.addI32x3")]
fn add_i32x3(a: i32, b: i32, c: i32) -> i32;

#[js_import("globalThis.benchFns.mulF64x2")]
fn mul_f64x2(a: f64, b: f64) -> f64;

#[js_import("globalThis.benchFns.strArg16")]
fn str_arg_16(s: &str) -> i32;

#[js_import("globalThis.benchFns.strArg64k")]
fn str_arg_64k(s: &str) -> i32;

#[js_import("globalThis.benchFns.stringRet16")]
fn string_ret_16() -> String;

#[js_import("globalThis.benchFns.newAnswer")]
fn new_answer() -> JsObject;

#[js_import("globalThis.benchFns.heldAnswer")]
fn held_answer() -> JsObject;

#[js_import("globalThis.benchFns.incrementAnswer")]
fn increment_answer(o: &JsObject);

#[js_import("globalThis.benchFns.storeCallback")]
fn store_callback(f: &JsClosure);

#[js_import("globalThis.benchFns.resolvedI32")]
async fn resolved_i32(x: i32) -> Result<i32, JsError>;

thread_local! {
    /// The closure of the current `callback_i32` batch (JS holds its function meanwhile).
    static CALLBACK: std::cell::RefCell<Option<JsClosure>> = const { std::cell::RefCell::new(None) };
}

#[wasm_bindgen]
pub fn run_call_void_slotwire(n: u32) -> f64 {
    for _ in 0..n {
        call_void();
    }
    n as f64
}

#[wasm_bindgen]
pub fn run_call_i32x3_slotwire(n: u32) -> f64 {
    let mut acc = 0i64;
    for i in 0..n as i32 {
        acc += add_i32x3(i, 1, 2) as i64;
    }
    acc as f64
}

#[js_import("globalThis.benchFns.sinkI32x3", batch)]
fn sink_i32x3(a: i32, b: i32, c: i32);

#[js_import("globalThis.benchFns.takeBatchSum")]
fn take_batch_sum() -> f64;

/// `batch_call_i32x3`: n calls queued, flushed every 1,000 (one crossing each); JS sums them.
#[wasm_bindgen]
pub fn run_batch_call_i32x3_slotwire_batched(n: u32) -> Result<f64, JsValue> {
    let n = n as i32;
    let mut start = 0;
    while start < n {
        let end = n.min(start + 1000);
        for i in start..end {
            sink_i32x3_queued(i, 1, 2);
        }
        slotwire::batch::flush().map_err(|e| JsValue::from_str(&e.to_string()))?;
        start = end;
    }
    Ok(take_batch_sum())
}

#[wasm_bindgen]
pub fn run_call_f64x2_slotwire(n: u32) -> f64 {
    let mut acc = 0f64;
    for i in 0..n {
        acc += mul_f64x2(i as f64, 0.5);
    }
    acc
}

#[wasm_bindgen]
pub fn run_string_arg_16_slotwire(n: u32) -> f64 {
    let mut acc = 0i64;
    for i in 0..n {
        acc += str_arg_16(str16(i)) as i64;
    }
    acc as f64
}

#[wasm_bindgen]
pub fn run_string_arg_64k_slotwire(n: u32) -> f64 {
    let text = text64k();
    let mut acc = 0i64;
    for _ in 0..n {
        acc += str_arg_64k(text) as i64;
    }
    acc as f64
}

#[wasm_bindgen]
pub fn run_string_ret_16_slotwire(n: u32) -> f64 {
    let mut acc = 0i64;
    for _ in 0..n {
        acc += consume(&string_ret_16()) as i64;
    }
    acc as f64
}

#[wasm_bindgen]
pub fn run_object_increment_slotwire(n: u32) -> f64 {
    let o = new_answer();
    for _ in 0..n {
        increment_answer(&o);
    }
    n as f64
}

#[wasm_bindgen]
pub fn run_object_create_slotwire(n: u32) -> f64 {
    for _ in 0..n {
        let o = new_answer();
        increment_answer(&o);
        drop(o);
    }
    n as f64
}

/// `object.answer`, declared once (as wasm-bindgen's `#[wasm_bindgen(method, getter)]`).
#[js_import(getter = "answer")]
fn answer(o: &JsObject) -> f64;

/// `object_prop_get_dynamic`: `JsObject::get` with a `PropertyKey` made once (a name known at
/// run time, interned in JS on first use).
#[wasm_bindgen]
pub fn run_object_prop_get_dynamic_slotwire(n: u32) -> Result<f64, JsValue> {
    static ANSWER: slotwire::PropertyKey = slotwire::PropertyKey::new("answer");
    let o = held_answer();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += o
            .get::<f64>(&ANSWER)
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
    }
    Ok(acc)
}

/// `object_prop_get`: the declared getter [`answer`] (a typed import whose JS is `o["answer"]`).
#[wasm_bindgen]
pub fn run_object_prop_get_slotwire(n: u32) -> Result<f64, JsValue> {
    let o = held_answer();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += answer(&o);
    }
    Ok(acc)
}

/// `callback_i32`, before a batch: a closure x → x + 1, handed to JS once
/// (`benchFns.storeCallback`), which then calls it n times in its loop (`page/bench.js`).
#[wasm_bindgen]
pub fn callback_i32_begin_slotwire() {
    let f = JsClosure::new(|x: i32| x.wrapping_add(1));
    store_callback(&f);
    CALLBACK.with(|c| *c.borrow_mut() = Some(f));
}

/// `callback_i32`, after a batch: drops the closure (JS's function for it is forgotten).
#[wasm_bindgen]
pub fn callback_i32_end_slotwire() {
    CALLBACK.with(|c| c.borrow_mut().take());
}

/// `promise_roundtrip`: awaits `benchFns.resolvedI32(i)` (`Promise.resolve(i)`) n times, one
/// after the other; JS awaits the promise of this export (`rt.exports`).
#[js_export]
pub async fn run_promise_roundtrip_slotwire(n: u32) -> Result<f64, JsError> {
    let mut acc = 0i64;
    for i in 0..n as i32 {
        acc += resolved_i32(i).await? as i64;
    }
    Ok(acc as f64)
}

/// `slotwire::census().js_objects`, for the page's leak check after every batch.
#[wasm_bindgen]
pub fn slotwire_census_js_objects() -> u32 {
    slotwire::census().js_objects as u32
}

/// The rest of `slotwire::census()` for the leak check: `[closures, promises, async_exports]`.
#[wasm_bindgen]
pub fn slotwire_census_async() -> Vec<u32> {
    let c = slotwire::census();
    vec![c.closures as u32, c.promises as u32, c.async_exports as u32]
}

/// `rt.exports.export_i32(x)`.
#[js_export]
pub fn export_i32(x: i32) -> i32 {
    x.wrapping_add(1)
}

/// `rt.exports.export_string_16(s)`.
#[js_export]
pub fn export_string_16(s: &str) -> i32 {
    consume(s)
}

// ---- Issue 5: bulk data Rust → JS as memory views (no copy). ----

#[js_import("globalThis.benchFns.bytesView")]
fn bytes_view(v: &[u8]) -> f64;

#[js_import("globalThis.benchFns.sumF64View")]
fn sum_f64_view(v: &mut [f64]) -> f64;

#[js_import("globalThis.benchFns.recordsFullView")]
fn records_full_view(v: &Archive<Vec<Rec>>) -> f64;

#[js_import("globalThis.benchFns.recordsOneFieldView")]
fn records_one_field_view(v: &Archive<Vec<Rec>>) -> f64;

/// `bytes_1k_to_js`: a `&[u8]` span (a call-scoped `MemoryView`), no copy.
#[wasm_bindgen]
pub fn run_bytes_1k_to_js_slotwire(n: u32) -> f64 {
    let b = bytes_1k();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += bytes_view(b);
    }
    acc
}

/// `bytes_1m_to_js`: the same over 1 MiB.
#[wasm_bindgen]
pub fn run_bytes_1m_to_js_slotwire(n: u32) -> f64 {
    let b = bytes_1m();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += bytes_view(b);
    }
    acc
}

/// `f64_1m_to_js`: a `&mut [f64]` span; JS sums it through one zero-copy `typedArray()`.
///
/// Zero-copy needs exclusive access: JS has no read-only typed array, so the `typedArray()` of
/// a `&[f64]` span is a copy (issue 9, F8: JS must not write a slice Rust lent shared) and
/// `get(i)` reads one element per call. A `&mut [f64]` lends the buffer exclusively for the call,
/// and the typed array JS gets is the buffer itself (detached when the call returns). So the
/// data lives in a buffer of the path's own, copied once from [`f64_1m`].
#[wasm_bindgen]
pub fn run_f64_1m_to_js_slotwire(n: u32) -> f64 {
    thread_local! {
        static V: std::cell::RefCell<Vec<f64>> = std::cell::RefCell::new(f64_1m().to_vec());
    }
    V.with(|v| {
        let mut v = v.borrow_mut();
        let mut acc = 0f64;
        for _ in 0..n {
            acc += sum_f64_view(&mut v);
        }
        acc
    })
}

/// `records_10k_full`: the records archived with rkyv per operation (as the JSON baseline
/// serializes per operation), handed over as an archive view; JS reads every field.
#[wasm_bindgen]
pub fn run_records_10k_full_slotwire(n: u32) -> Result<f64, JsValue> {
    let r = records();
    let err = |e: slotwire::Error| JsValue::from_str(&e.to_string());
    let mut a = Archive::new(r).map_err(err)?;
    let mut acc = 0f64;
    for _ in 0..n {
        // Archived again every operation (as JSON serializes every operation), into one buffer.
        a.update(r).map_err(err)?;
        acc += records_full_view(&a);
    }
    Ok(acc)
}

/// `records_10k_one_field`: archived per operation like `records_10k_full`; JS reads `mass`.
#[wasm_bindgen]
pub fn run_records_10k_one_field_slotwire(n: u32) -> Result<f64, JsValue> {
    let r = records();
    let err = |e: slotwire::Error| JsValue::from_str(&e.to_string());
    let mut a = Archive::new(r).map_err(err)?;
    let mut acc = 0f64;
    for _ in 0..n {
        a.update(r).map_err(err)?;
        acc += records_one_field_view(&a);
    }
    Ok(acc)
}

/// `records_10k_full`, archived once (`common::records_archive`): the view alone (for
/// comparison with the per-operation archive; not a table cell).
#[wasm_bindgen]
pub fn run_records_10k_full_slotwire_archived(n: u32) -> f64 {
    let a = records_archive();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += records_full_view(a);
    }
    acc
}

/// `records_10k_one_field`, archived once (not a table cell; see above).
#[wasm_bindgen]
pub fn run_records_10k_one_field_slotwire_archived(n: u32) -> f64 {
    let a = records_archive();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += records_one_field_view(a);
    }
    acc
}

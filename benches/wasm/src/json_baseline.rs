//! `json_baseline`: the JSON interop baseline, Blazor's `IJSRuntime` remade (`slotwire_json`):
//! every call serializes its arguments to a JSON array, JS parses them, calls the function found
//! by its dotted path from `globalThis` and returns its result as JSON.
//!
//! JS → Rust: `register_method("bench", name, f)` ([JSInvokable]) and, in JS,
//! `json.invokeMethod("bench", name, ...args)` (`DotNet.invokeMethod`).
//!
//! JS objects: [`JsObjectReference`] (Blazor's `IJSObjectReference`), made by
//! `json::invoke::<JsObjectReference>`, passed as an argument (`{"__jsObjectId": n}`, revived into
//! the object in JS), released on drop. A reference can only call the object's functions, so
//! `object_prop_get` calls its `getAnswer()`.

use wasm_bindgen::prelude::*;

use crate::common::{bytes_1k, bytes_1m, consume, f64_1m, records, str16, text64k};
use slotwire_json::{self as json, JsObjectReference, JsonBytes, RustObjectReference};
use std::cell::RefCell;

/// What JS calls back in `callback_i32`: a Rust object whose `[JSInvokable]` instance method
/// `callback_i32` is x → x + 1 (Blazor's `DotNetObjectReference` + `invokeMethod`).
struct Callback;

thread_local! {
    /// The reference of the current `callback_i32` batch (JS holds it meanwhile).
    static CALLBACK: RefCell<Option<RustObjectReference<Callback>>> = const { RefCell::new(None) };
}

fn js_err(e: json::JsonInteropError) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// Registers the `[JSInvokable]` methods the JS → Rust scenarios call: `bench.export_i32` and
/// `bench.export_string_16`. Called once by bench.js before measuring.
#[wasm_bindgen]
pub fn setup_json_baseline() {
    json::register_method("bench", "export_i32", |(x,): (i32,)| x.wrapping_add(1));
    json::register_method("bench", "export_string_16", |(s,): (String,)| consume(&s));
    json::register_instance_method("callback_i32", |_: &Callback, (x,): (i32,)| {
        x.wrapping_add(1)
    });
}

/// `callback_i32`, before a batch: a `RustObjectReference` handed to JS once
/// (`benchFns.storeCallback(ref)`); JS calls `ref.invokeMethod("callback_i32", i)`.
#[wasm_bindgen]
pub fn callback_i32_begin_json_baseline() -> Result<(), JsValue> {
    let r = RustObjectReference::new(Callback);
    json::invoke_void("benchFns.storeCallback", (&r,)).map_err(js_err)?;
    CALLBACK.with(|c| *c.borrow_mut() = Some(r));
    Ok(())
}

/// `callback_i32`, after a batch: disposes the reference (Blazor's `DotNetObjectReference.Dispose`).
#[wasm_bindgen]
pub fn callback_i32_end_json_baseline() {
    if let Some(r) = CALLBACK.with(|c| c.borrow_mut().take()) {
        r.dispose();
    }
}

/// `promise_roundtrip`: `json::invoke_async("benchFns.resolvedI32", (i,))` n times in a row.
#[wasm_bindgen]
pub async fn run_promise_roundtrip_json_baseline(n: u32) -> Result<f64, JsValue> {
    let mut acc = 0i64;
    for i in 0..n as i32 {
        acc += json::invoke_async::<i32>("benchFns.resolvedI32", (i,))
            .await
            .map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_call_void_json_baseline(n: u32) -> Result<f64, JsValue> {
    for _ in 0..n {
        json::invoke_void("benchFns.callVoid", ()).map_err(js_err)?;
    }
    Ok(n as f64)
}

#[wasm_bindgen]
pub fn run_call_i32x3_json_baseline(n: u32) -> Result<f64, JsValue> {
    let mut acc = 0i64;
    for i in 0..n as i32 {
        acc += json::invoke::<i32>("benchFns.addI32x3", (i, 1, 2)).map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_call_f64x2_json_baseline(n: u32) -> Result<f64, JsValue> {
    let mut acc = 0f64;
    for i in 0..n {
        acc += json::invoke::<f64>("benchFns.mulF64x2", (i as f64, 0.5)).map_err(js_err)?;
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_string_arg_16_json_baseline(n: u32) -> Result<f64, JsValue> {
    let mut acc = 0i64;
    for i in 0..n {
        acc += json::invoke::<i32>("benchFns.strArg16", (str16(i),)).map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_string_arg_64k_json_baseline(n: u32) -> Result<f64, JsValue> {
    let text = text64k();
    let mut acc = 0i64;
    for _ in 0..n {
        acc += json::invoke::<i32>("benchFns.strArg64k", (text,)).map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_string_ret_16_json_baseline(n: u32) -> Result<f64, JsValue> {
    let mut acc = 0i64;
    for _ in 0..n {
        let s = json::invoke::<String>("benchFns.stringRet16", ()).map_err(js_err)?;
        acc += consume(&s) as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_object_increment_json_baseline(n: u32) -> Result<f64, JsValue> {
    let o: JsObjectReference = json::invoke("benchFns.newAnswer", ()).map_err(js_err)?;
    for _ in 0..n {
        json::invoke_void("benchFns.incrementAnswer", (&o,)).map_err(js_err)?;
    }
    Ok(n as f64)
}

#[wasm_bindgen]
pub fn run_object_create_json_baseline(n: u32) -> Result<f64, JsValue> {
    for _ in 0..n {
        let o: JsObjectReference = json::invoke("benchFns.newAnswer", ()).map_err(js_err)?;
        json::invoke_void("benchFns.incrementAnswer", (&o,)).map_err(js_err)?;
        drop(o);
    }
    Ok(n as f64)
}

#[wasm_bindgen]
pub fn run_object_prop_get_json_baseline(n: u32) -> Result<f64, JsValue> {
    let o: JsObjectReference = json::invoke("benchFns.heldAnswer", ()).map_err(js_err)?;
    let mut acc = 0f64;
    for _ in 0..n {
        acc += o.invoke::<f64>("getAnswer", ()).map_err(js_err)?;
    }
    Ok(acc)
}

// ---- Issue 5: bulk data Rust → JS, serialized per operation. Bytes as `JsonBytes` (made once;
// each call copies them out of band into a `Uint8Array`, as Blazor's `byte[]`), f64s and records
// as JSON. ----

#[wasm_bindgen]
pub fn run_bytes_1k_to_js_json_baseline(n: u32) -> Result<f64, JsValue> {
    let b = JsonBytes(bytes_1k().to_vec());
    let mut acc = 0f64;
    for _ in 0..n {
        acc += json::invoke::<f64>("benchFns.bytesArrayJson", (&b,)).map_err(js_err)?;
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_bytes_1m_to_js_json_baseline(n: u32) -> Result<f64, JsValue> {
    let b = JsonBytes(bytes_1m().to_vec());
    let mut acc = 0f64;
    for _ in 0..n {
        acc += json::invoke::<f64>("benchFns.bytesArrayJson", (&b,)).map_err(js_err)?;
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_f64_1m_to_js_json_baseline(n: u32) -> Result<f64, JsValue> {
    let v = f64_1m();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += json::invoke::<f64>("benchFns.sumF64ArrayJson", (v,)).map_err(js_err)?;
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_records_10k_full_json_baseline(n: u32) -> Result<f64, JsValue> {
    let r = records();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += json::invoke::<f64>("benchFns.recordsFull", (r,)).map_err(js_err)?;
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_records_10k_one_field_json_baseline(n: u32) -> Result<f64, JsValue> {
    let r = records();
    let mut acc = 0f64;
    for _ in 0..n {
        acc += json::invoke::<f64>("benchFns.recordsOneField", (r,)).map_err(js_err)?;
    }
    Ok(acc)
}

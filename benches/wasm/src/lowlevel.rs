//! `slotwire_lowlevel`: the bind-once API with the signature as Rust types,
//! [`slotwire::TypedBinding`]. Each JS function is bound once at run time (cached in a static, as
//! a hot path would keep it) and each call is `call((args,))`: no macros, no per-call type checks.
//!
//! `callback_i32`: a `JsClosure::from_fn` (a function: no closure state to look up) handed over
//! with a typed binding.
//! `promise_roundtrip`: a task started with `slotwire::spawn` awaits a typed binding's
//! `JsPromise<i32>` n times and resolves a `js_sys::Promise` made for the batch.
//! `export_i32`, `export_string_16`: functions registered at run time with
//! `slotwire::register_export_fn` (`rt.exports.lowlevel.*`).

use std::sync::OnceLock;

use slotwire::{JsClosure, JsObject, JsPromise, TypedBinding};
use wasm_bindgen::prelude::*;

use crate::common::{consume, str16, text64k};

/// `export_i32` and `export_string_16` of this path: `rt.exports.lowlevel.export_i32(x)` and
/// `rt.exports.lowlevel.export_string_16(s)`, registered at run time (the page calls this once).
#[wasm_bindgen]
pub fn register_exports_slotwire_lowlevel() -> Result<(), JsValue> {
    slotwire::register_export_fn("lowlevel.export_i32", |x: i32| x.wrapping_add(1))
        .map_err(js_err)?;
    slotwire::register_export_fn("lowlevel.export_string_16", |s: &str| consume(s))
        .map_err(js_err)?;
    Ok(())
}

fn js_err(e: slotwire::Error) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// The binding in `cell`, made on first use by `make`.
fn bound<A, R>(
    cell: &'static OnceLock<TypedBinding<A, R>>,
    make: impl FnOnce() -> slotwire::Result<TypedBinding<A, R>>,
) -> Result<&'static TypedBinding<A, R>, JsValue> {
    if let Some(b) = cell.get() {
        return Ok(b);
    }
    let b = make().map_err(js_err)?;
    Ok(cell.get_or_init(|| b))
}

/// `globalThis.benchFns.<name>` bound for `A -> R`, once.
macro_rules! bench_fn {
    ($name:literal, $a:ty, $r:ty) => {{
        static CELL: OnceLock<TypedBinding<$a, $r>> = OnceLock::new();
        bound(&CELL, || {
            TypedBinding::bind(concat!("globalThis.benchFns.", $name), None)
        })?
    }};
}

#[wasm_bindgen]
pub fn run_call_void_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let f = bench_fn!("callVoid", (), ());
    for _ in 0..n {
        f.call(()).map_err(js_err)?;
    }
    Ok(n as f64)
}

#[wasm_bindgen]
pub fn run_call_i32x3_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let f = bench_fn!("addI32x3", (i32, i32, i32), i32);
    let mut acc = 0i64;
    for i in 0..n as i32 {
        acc += f.call((i, 1, 2)).map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_call_f64x2_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let f = bench_fn!("mulF64x2", (f64, f64), f64);
    let mut acc = 0f64;
    for i in 0..n {
        acc += f.call((i as f64, 0.5)).map_err(js_err)?;
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_string_arg_16_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let f = bench_fn!("strArg16", (&'static str,), i32);
    let mut acc = 0i64;
    for i in 0..n {
        acc += f.call((str16(i),)).map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_string_arg_64k_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let f = bench_fn!("strArg64k", (&'static str,), i32);
    let text = text64k();
    let mut acc = 0i64;
    for _ in 0..n {
        acc += f.call((text,)).map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_string_ret_16_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let f = bench_fn!("stringRet16", (), String);
    let mut acc = 0i64;
    // The low-level API's hot-path form: one buffer for every result (no allocation per call).
    let mut buf = String::new();
    for _ in 0..n {
        f.call_into((), &mut buf).map_err(js_err)?;
        acc += consume(&buf) as i64;
    }
    Ok(acc as f64)
}

fn new_answer() -> Result<&'static TypedBinding<(), JsObject>, JsValue> {
    Ok(bench_fn!("newAnswer", (), JsObject))
}

fn increment_answer() -> Result<&'static TypedBinding<(&'static JsObject,), ()>, JsValue> {
    Ok(bench_fn!("incrementAnswer", (&'static JsObject,), ()))
}

#[wasm_bindgen]
pub fn run_object_increment_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let inc = increment_answer()?;
    let o = new_answer()?.call(()).map_err(js_err)?;
    for _ in 0..n {
        inc.call((&o,)).map_err(js_err)?;
    }
    Ok(n as f64)
}

/// Per operation: `newAnswer()` → a `JsObject`, `incrementAnswer(o)`, drop.
#[wasm_bindgen]
pub fn run_object_create_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let make = new_answer()?;
    let inc = increment_answer()?;
    for _ in 0..n {
        let o = make.call(()).map_err(js_err)?;
        inc.call((&o,)).map_err(js_err)?;
    }
    Ok(n as f64)
}

/// `o.answer` through a getter declared at run time ([`TypedBinding::getter`]).
#[wasm_bindgen]
pub fn run_object_prop_get_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    static ANSWER: OnceLock<TypedBinding<(&'static JsObject,), f64>> = OnceLock::new();
    let answer = bound(&ANSWER, || TypedBinding::getter("answer"))?;
    let o = bench_fn!("heldAnswer", (), JsObject)
        .call(())
        .map_err(js_err)?;
    let mut acc = 0f64;
    for _ in 0..n {
        acc += answer.call((&o,)).map_err(js_err)?;
    }
    Ok(acc)
}

thread_local! {
    /// The closure of the current `callback_i32` batch (JS holds its function meanwhile).
    static CALLBACK: std::cell::RefCell<Option<JsClosure>> = const { std::cell::RefCell::new(None) };
}

/// `callback_i32`, before a batch: a function x → x + 1 (`JsClosure::from_fn`: it captures
/// nothing), handed to JS once (`benchFns.storeCallback`, through a typed binding).
#[wasm_bindgen]
pub fn callback_i32_begin_slotwire_lowlevel() -> Result<(), JsValue> {
    let store = bench_fn!("storeCallback", (&'static JsClosure,), ());
    let f = JsClosure::from_fn(|x: i32| x.wrapping_add(1));
    store.call((&f,)).map_err(js_err)?;
    CALLBACK.with(|c| *c.borrow_mut() = Some(f));
    Ok(())
}

/// `callback_i32`, after a batch: drops the closure.
#[wasm_bindgen]
pub fn callback_i32_end_slotwire_lowlevel() {
    CALLBACK.with(|c| c.borrow_mut().take());
}

/// `promise_roundtrip`: a task on slotwire's executor awaits `benchFns.resolvedI32(i)` n times;
/// the returned promise resolves with the sum.
#[wasm_bindgen]
pub fn run_promise_roundtrip_slotwire_lowlevel(n: u32) -> Result<js_sys::Promise, JsValue> {
    static RESOLVED: OnceLock<TypedBinding<(i32,), JsPromise<i32>>> = OnceLock::new();
    let resolved = bound(&RESOLVED, || {
        TypedBinding::bind_async("globalThis.benchFns.resolvedI32", None)
    })?;
    let mut settle = None;
    let done = js_sys::Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) = settle.expect("the executor ran synchronously");
    slotwire::spawn(async move {
        let mut acc = 0i64;
        for i in 0..n as i32 {
            match resolved.call((i,)) {
                Ok(p) => match p.await {
                    Ok(v) => acc += v as i64,
                    Err(e) => {
                        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&e.to_string()));
                        return;
                    }
                },
                Err(e) => {
                    let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&e.to_string()));
                    return;
                }
            }
        }
        let _ = resolve.call1(&JsValue::NULL, &JsValue::from_f64(acc as f64));
    });
    Ok(done)
}

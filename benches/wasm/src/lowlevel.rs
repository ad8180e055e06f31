//! `slotwire_lowlevel`: the bind-once API. Each JS function is bound once (cached in a static),
//! each batch takes one `args()` buffer, and each call is `set` + `invoke` + `get`.
//!
//! slotwire has no low-level *export* API yet (nothing like a bound, reusable JS-side frame for
//! one export), so `export_i32` and `export_string_16` of this path call `rt.exports` like the
//! `slotwire` path does (see benches/page/bench.js). Nor a low-level closure or async API:
//! `callback_i32` and `promise_roundtrip` of this path use the `slotwire` path's exports.

use std::sync::OnceLock;

use slotwire::{Binding, JsObject, JsType};
use wasm_bindgen::prelude::*;

use crate::common::{consume, str16, text64k};

fn js_err(e: slotwire::Error) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// The binding in `cell`, made on first use.
fn bound(
    cell: &'static OnceLock<Binding>,
    target: &str,
    params: &[JsType],
    ret: JsType,
) -> Result<&'static Binding, JsValue> {
    if let Some(b) = cell.get() {
        return Ok(b);
    }
    let b = Binding::bind(target, None, params, ret).map_err(js_err)?;
    Ok(cell.get_or_init(|| b))
}

static CALL_VOID: OnceLock<Binding> = OnceLock::new();
static ADD_I32X3: OnceLock<Binding> = OnceLock::new();
static MUL_F64X2: OnceLock<Binding> = OnceLock::new();
static STR_ARG_16: OnceLock<Binding> = OnceLock::new();
static STR_ARG_64K: OnceLock<Binding> = OnceLock::new();
static STRING_RET_16: OnceLock<Binding> = OnceLock::new();
static NEW_ANSWER: OnceLock<Binding> = OnceLock::new();
static HELD_ANSWER: OnceLock<Binding> = OnceLock::new();
static INCREMENT_ANSWER: OnceLock<Binding> = OnceLock::new();
static GET_ANSWER: OnceLock<Binding> = OnceLock::new();

/// A `JsObject` from a binding of `() -> JsObject`.
fn make_object(b: &Binding, args: &mut slotwire::Args<'_>) -> Result<JsObject, JsValue> {
    b.invoke(args).map_err(js_err)?.get().map_err(js_err)
}

fn new_answer() -> Result<&'static Binding, JsValue> {
    bound(
        &NEW_ANSWER,
        "globalThis.benchFns.newAnswer",
        &[],
        JsType::JsObject,
    )
}

fn increment_answer() -> Result<&'static Binding, JsValue> {
    bound(
        &INCREMENT_ANSWER,
        "globalThis.benchFns.incrementAnswer",
        &[JsType::JsObject],
        JsType::Void,
    )
}

#[wasm_bindgen]
pub fn run_call_void_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let b = bound(
        &CALL_VOID,
        "globalThis.benchFns.callVoid",
        &[],
        JsType::Void,
    )?;
    let mut args = b.args();
    for _ in 0..n {
        b.invoke(&mut args).map_err(js_err)?;
    }
    Ok(n as f64)
}

#[wasm_bindgen]
pub fn run_call_i32x3_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let b = bound(
        &ADD_I32X3,
        "globalThis.benchFns.addI32x3",
        &[JsType::I32, JsType::I32, JsType::I32],
        JsType::I32,
    )?;
    let mut args = b.args();
    let mut acc = 0i64;
    for i in 0..n as i32 {
        args.set(0, i).map_err(js_err)?;
        args.set(1, 1i32).map_err(js_err)?;
        args.set(2, 2i32).map_err(js_err)?;
        acc += b
            .invoke(&mut args)
            .map_err(js_err)?
            .get::<i32>()
            .map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_call_f64x2_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let b = bound(
        &MUL_F64X2,
        "globalThis.benchFns.mulF64x2",
        &[JsType::F64, JsType::F64],
        JsType::F64,
    )?;
    let mut args = b.args();
    let mut acc = 0f64;
    for i in 0..n {
        args.set(0, i as f64).map_err(js_err)?;
        args.set(1, 0.5f64).map_err(js_err)?;
        acc += b
            .invoke(&mut args)
            .map_err(js_err)?
            .get::<f64>()
            .map_err(js_err)?;
    }
    Ok(acc)
}

#[wasm_bindgen]
pub fn run_string_arg_16_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let b = bound(
        &STR_ARG_16,
        "globalThis.benchFns.strArg16",
        &[JsType::String],
        JsType::I32,
    )?;
    let mut args = b.args();
    let mut acc = 0i64;
    for i in 0..n {
        args.set(0, str16(i)).map_err(js_err)?;
        acc += b
            .invoke(&mut args)
            .map_err(js_err)?
            .get::<i32>()
            .map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_string_arg_64k_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let b = bound(
        &STR_ARG_64K,
        "globalThis.benchFns.strArg64k",
        &[JsType::String],
        JsType::I32,
    )?;
    let text = text64k();
    let mut args = b.args();
    let mut acc = 0i64;
    for _ in 0..n {
        args.set(0, text).map_err(js_err)?;
        acc += b
            .invoke(&mut args)
            .map_err(js_err)?
            .get::<i32>()
            .map_err(js_err)? as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_string_ret_16_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let b = bound(
        &STRING_RET_16,
        "globalThis.benchFns.stringRet16",
        &[],
        JsType::String,
    )?;
    let mut args = b.args();
    let mut acc = 0i64;
    for _ in 0..n {
        let s: String = b.invoke(&mut args).map_err(js_err)?.get().map_err(js_err)?;
        acc += consume(&s) as i64;
    }
    Ok(acc as f64)
}

#[wasm_bindgen]
pub fn run_object_increment_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let make = new_answer()?;
    let inc = increment_answer()?;
    let o = make_object(make, &mut make.args())?;
    let mut args = inc.args();
    for _ in 0..n {
        args.set(0, &o).map_err(js_err)?;
        inc.invoke(&mut args).map_err(js_err)?;
    }
    Ok(n as f64)
}

/// Per operation: `newAnswer()` → a `JsObject`, `incrementAnswer(o)`, drop. The increment's
/// `Args` are made per object: `Args<'a>` borrows its `&JsObject` arguments for as long as it
/// lives, so one buffer for the batch cannot take a new borrowed object each time (and a
/// `JsObject` set by value is dropped inside `set`, releasing its reference before the call).
#[wasm_bindgen]
pub fn run_object_create_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let make = new_answer()?;
    let inc = increment_answer()?;
    let mut make_args = make.args();
    for _ in 0..n {
        let o = make_object(make, &mut make_args)?;
        let mut args = inc.args();
        args.set(0, &o).map_err(js_err)?;
        inc.invoke(&mut args).map_err(js_err)?;
    }
    Ok(n as f64)
}

#[wasm_bindgen]
pub fn run_object_prop_get_slotwire_lowlevel(n: u32) -> Result<f64, JsValue> {
    let held = bound(
        &HELD_ANSWER,
        "globalThis.benchFns.heldAnswer",
        &[],
        JsType::JsObject,
    )?;
    let get = bound(
        &GET_ANSWER,
        "globalThis.benchFns.getAnswer",
        &[JsType::JsObject],
        JsType::F64,
    )?;
    let o = make_object(held, &mut held.args())?;
    let mut args = get.args();
    let mut acc = 0f64;
    for _ in 0..n {
        args.set(0, &o).map_err(js_err)?;
        acc += get
            .invoke(&mut args)
            .map_err(js_err)?
            .get::<f64>()
            .map_err(js_err)?;
    }
    Ok(acc)
}

//! Closures and argument marshalling found by the adversarial suite (tests/ADVERSARIAL-FINDINGS.md
//! N1 N2 N3 N5 N6), in Node and headless Chromium: a call to a dropped `JsClosure` gives back the
//! handles JS wrote for its arguments and throws a SlotwireError naming the closure; a live
//! closure's argument growing memory still gives the right value; running out of memory on an
//! argument names the function and the argument; an invalid sparse Array does not grow wasm
//! memory by the length it claims.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use slotwire::prelude::*;
use slotwire::{census, JsAny, JsClosure, JsObject};
use slotwire_e2e::{js_census, js_message, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/sound_closures.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerSoundClosures)]
    fn register_js(rt: &JsValue);
    #[wasm_bindgen(js_name = runSoundClosuresCheck, catch)]
    fn run_check_js(rt: &JsValue, name: &str) -> Result<(), JsValue>;
}

thread_local! {
    static KEPT: RefCell<Vec<JsClosure>> = const { RefCell::new(Vec::new()) };
}

#[js_import("keepFn", module = "sc")]
fn keep_fn(f: &JsClosure);

/// Hands JS the function of a `|v: Vec<JsObject>| v.len() + 100` closure; keeps the closure
/// (until `sc_drop_closures`) or drops it at once (JS keeps a stale function).
#[js_export]
fn sc_closure(keep: bool) {
    let c = JsClosure::new(|v: Vec<JsObject>| v.len() as i32 + 100);
    keep_fn(&c);
    if keep {
        KEPT.with(|k| k.borrow_mut().push(c));
    }
}

#[js_export]
fn sc_drop_closures() {
    let kept = KEPT.with(|k| std::mem::take(&mut *k.borrow_mut()));
    drop(kept);
}

#[js_export]
fn sc_sum_f64(v: Vec<f64>) -> f64 {
    v.iter().sum()
}

#[js_export]
fn sc_len_i32(v: Vec<i32>) -> u32 {
    v.len() as u32
}

#[js_export]
fn sc_len_strings(v: Vec<String>) -> u32 {
    v.len() as u32
}

#[js_export]
fn sc_any_len(v: JsAny) -> u32 {
    match v {
        JsAny::Array(a) => a.len() as u32,
        _ => 0,
    }
}

fn check(name: &str) {
    register_js(&rt());
    let rust = census();
    let js = js_census("jsObjects");
    if let Err(e) = run_check_js(&rt(), name) {
        panic!("JS check `{name}` failed: {}", js_message(&e));
    }
    let after = census();
    assert_eq!(
        after.js_objects, rust.js_objects,
        "slotwire::census() js_objects"
    );
    assert_eq!(after.closures, rust.closures, "slotwire::census() closures");
    assert_eq!(js_census("jsObjects"), js, "rt.census().jsObjects");
}

#[wasm_bindgen_test]
fn a_dropped_closure_gives_back_its_js_object_arguments_and_throws_a_named_slotwire_error() {
    check("droppedClosure");
}

#[wasm_bindgen_test]
fn a_closure_dropped_by_its_own_arguments_getter_gives_the_handles_back() {
    check("droppedByOwnGetter");
}

#[wasm_bindgen_test]
fn a_live_closures_vec_jsobject_argument_that_grows_memory_gives_the_right_value_and_no_leak() {
    check("liveClosureArgumentGrows");
}

#[wasm_bindgen_test]
fn out_of_memory_on_an_argument_is_a_range_error_naming_the_function_and_argument() {
    check("outOfMemoryNamesArgument");
}

#[wasm_bindgen_test]
fn an_invalid_sparse_array_does_not_grow_wasm_memory_by_the_length_it_claims() {
    check("sparseArrayDoesNotGrowMemory");
}

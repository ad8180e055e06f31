//! Handles never alias (issue 9, section 2 and F4–F7), in Node and headless Chromium: a handle
//! names the live value it was made for or nothing, however often its slot is reused; a Rust
//! object passed to JS lives as long as JS holds it; proxies cannot be forged; a re-entered
//! `&mut self` method is an error, not a poisoning panic.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use slotwire::prelude::*;
use slotwire::{census, JsClosure, RustObject, Segment};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/sound_handles.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerSoundHandles)]
    fn register_js(rt: &JsValue);
    #[wasm_bindgen(js_name = runSoundHandlesCheck, catch)]
    fn run_check_js(rt: &JsValue, name: &str) -> Result<(), JsValue>;
}

fn register() {
    register_js(&rt());
}

fn check(name: &str) {
    register();
    if let Err(e) = run_check_js(&rt(), name) {
        panic!("JS check `{name}` failed: {}", slotwire_e2e::js_message(&e));
    }
}

/// Create/drop cycles through one slot of the handle table: 2^16 + 1.
const CHURN: u32 = (1 << 16) + 1;

#[js_import("keepFn", module = "sh")]
fn keep_fn(f: &JsClosure);
/// Calls every kept function with `arg`: "<ran> <dropped-errors> <first other error>".
#[js_import("callEveryKeptFn", module = "sh")]
fn call_every_kept_fn(arg: i32) -> String;
#[js_import("callEveryKeptFnWithString", module = "sh")]
fn call_every_kept_fn_with_string(arg: &str) -> String;

#[wasm_bindgen_test]
fn a_dropped_closures_js_function_is_an_error_after_2_pow_16_plus_1_reuses_of_its_slot() {
    register();
    let closures = census().closures;
    let js_closures = js_census("closures");
    let stale_calls = Rc::new(Cell::new(0u32));
    for _ in 0..CHURN {
        let n = stale_calls.clone();
        let c = JsClosure::new(move |x: i32| {
            n.set(n.get() + 1);
            x
        });
        keep_fn(&c);
    }
    // The slot's next occupant, with the same signature: no old function may reach it.
    let live_calls = Rc::new(Cell::new(0u32));
    let n = live_calls.clone();
    let live = JsClosure::new(move |x: i32| {
        n.set(n.get() + 1);
        x + 1
    });
    let r = call_every_kept_fn(7);
    assert_eq!(
        r,
        format!("0 {CHURN} "),
        "every kept function throws 'dropped'"
    );
    assert_eq!(live_calls.get(), 0, "the live closure never ran");
    assert_eq!(stale_calls.get(), 0);
    drop(live);
    assert_eq!(census().closures, closures);
    assert_eq!(js_census("closures"), js_closures);
}

#[wasm_bindgen_test]
fn a_stale_closure_function_of_another_signature_is_an_error_never_a_read() {
    register();
    for _ in 0..(1 << 12) + 1 {
        let c = JsClosure::new(|s: String| s.len() as u32);
        keep_fn(&c);
    }
    // Another signature in the same slot: the old functions write a string where this one
    // reads a JS object handle and a number.
    let ran = Rc::new(Cell::new(0u32));
    let n = ran.clone();
    let live = JsClosure::new(move |o: JsObject, x: f64| {
        n.set(n.get() + 1);
        drop(o);
        x
    });
    let r = call_every_kept_fn_with_string("a string");
    assert_eq!(r, format!("0 {} ", (1 << 12) + 1));
    assert_eq!(ran.get(), 0);
    drop(live);
}

pub struct Counter {
    n: i32,
}

#[js_export]
impl Counter {
    fn create(n: i32) -> RustObject<Counter> {
        RustObject::new("Counter", Counter { n })
    }
    fn value(&self) -> i32 {
        self.n
    }
    fn bump(&mut self) -> i32 {
        self.n += 1;
        self.n
    }
    /// Calls back into JS while `self` is mutably borrowed.
    fn reenter(&mut self, f: JsFunction<(), i32>) -> Result<i32, String> {
        self.n += 10;
        f.call(()).map_err(|e| e.to_string())
    }
    /// Calls back into JS while `self` is borrowed.
    fn peek_then(&self, f: JsFunction<(), i32>) -> Result<i32, String> {
        f.call(()).map_err(|e| e.to_string())
    }
}

#[js_export]
fn rust_object_census() -> u32 {
    census().rust_objects as u32
}

#[js_import("keepProxy", module = "sh")]
fn keep_proxy(o: RustObject<Counter>);
#[js_import("keepProxyRef", module = "sh")]
fn keep_proxy_ref(o: &RustObject<Counter>);
/// Bumps the kept proxy: its new value, or the error's message.
#[js_import("bumpKept", module = "sh")]
fn bump_kept() -> Result<i32, JsError>;
#[js_import("keptIsDisposed", module = "sh")]
fn kept_is_disposed() -> bool;
#[js_import("disposeKept", module = "sh")]
fn dispose_kept();

#[wasm_bindgen_test]
fn a_rust_object_passed_to_an_import_lives_until_js_disposes_it_and_the_censuses_agree() {
    register();
    let before = census().rust_objects;
    let js_before = js_census("rustObjects");

    // By value: Rust's value is gone after the call, JS's proxy keeps the object.
    keep_proxy(RustObject::new("Counter", Counter { n: 5 }));
    assert!(!kept_is_disposed());
    assert_eq!(bump_kept().map_err(|e| e.to_string()), Ok(6));
    assert_eq!(census().rust_objects, before + 1);
    assert_eq!(js_census("rustObjects"), js_before + 1.0);
    dispose_kept();
    assert_eq!(census().rust_objects, before, "dispose frees it");
    assert_eq!(js_census("rustObjects"), js_before);

    // By reference, Rust dropping its value first.
    let o = RustObject::new("Counter", Counter { n: 1 });
    keep_proxy_ref(&o);
    assert_eq!(bump_kept().map_err(|e| e.to_string()), Ok(2));
    drop(o);
    assert_eq!(
        bump_kept().map_err(|e| e.to_string()),
        Ok(3),
        "JS still holds it"
    );
    assert_eq!(census().rust_objects, before + 1);
    assert_eq!(js_census("rustObjects"), js_before + 1.0);
    dispose_kept();
    assert_eq!(census().rust_objects, before);
    assert_eq!(js_census("rustObjects"), js_before);

    // By reference, JS disposing first: Rust's value still works, and is freed on drop.
    let o = RustObject::new("Counter", Counter { n: 1 });
    keep_proxy_ref(&o);
    dispose_kept();
    assert_eq!(o.get().unwrap().borrow().n, 1);
    keep_proxy_ref(&o);
    assert_eq!(
        bump_kept().map_err(|e| e.to_string()),
        Ok(2),
        "passed again: a new proxy"
    );
    dispose_kept();
    drop(o);
    assert_eq!(census().rust_objects, before);
    assert_eq!(js_census("rustObjects"), js_before);
}

#[wasm_bindgen_test]
fn a_dead_proxys_finalizer_never_frees_another_object() {
    check("staleFinalizer");
}

#[js_export]
fn segment_census() -> u32 {
    census().segments as u32
}

#[js_export]
fn sum_segment(s: Segment<u8>) -> u32 {
    s.with(|x| x.iter().map(|&b| u32::from(b)).sum())
}

#[wasm_bindgen_test]
fn a_stale_segment_handle_never_releases_a_later_segment() {
    check("staleSegments");
}

#[wasm_bindgen_test]
fn proxy_state_is_private_and_forged_or_stale_proxies_are_errors() {
    check("forgedProxies");
}

#[wasm_bindgen_test]
fn reentering_a_mut_self_method_is_a_clear_error_and_the_instance_stays_usable() {
    check("reenter");
    assert_eq!(census().rust_objects, 0);
}

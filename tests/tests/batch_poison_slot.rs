//! A panic in a Rust export that a queued call runs, during the flush Rust makes before a crossing
//! of its own (here `JsObject::set` of an `Option`, a slot-path call bound before; its own binary: it poisons the
//! instance). The crossing does not run: Rust panics there (the instance is poisoned already), and
//! the trap goes up through the code that was crossing.
#![cfg(target_arch = "wasm32")]

use slotwire::batch;
use slotwire::prelude::*;
use slotwire_e2e::rt;
use slotwire_e2e::typed_paths::{install_js, tp_call_export, tp_log, tp_poisoned};
use wasm_bindgen_test::*;

#[js_import("tpTest.record", batch)]
fn record(x: i32);
#[js_import("tpTest.callExport", batch)]
fn call_export(name: &'static str, x: i32);

thread_local! {
    static TARGET: std::cell::RefCell<Option<JsObject>> = const { std::cell::RefCell::new(None) };
}

#[js_export]
fn tps_panic(x: i32) -> i32 {
    panic!("boom in tps_panic {x}")
}

/// Queues three calls (the second panics when it runs), then sets a property: a crossing that
/// flushes them first.
#[js_export]
fn tps_queue_then_set(x: i32) -> i32 {
    let o = TARGET
        .with(|t| t.borrow().clone())
        .expect("made by the test");
    record_queued(x);
    call_export_queued("tps_panic", x + 1);
    record_queued(x + 2);
    // An `Option`: the slot path (Rust flushes before it, not JS).
    o.set("reached", Some(x)).map_or(-1, |()| 1)
}

#[wasm_bindgen_test]
fn a_panic_in_rusts_own_flush_poisons_and_the_crossing_does_not_run() {
    install_js(&rt());
    let _ = batch::flush();
    let o = slotwire::JsObject::from_js_value(&js_sys::Object::new().into()).unwrap();
    // Bound before the poisoning (a binding made after it is refused anyway).
    o.set("reached", Some(0)).unwrap();
    TARGET.with(|t| *t.borrow_mut() = Some(o.clone()));
    let out = tp_call_export("tps_queue_then_set", 1.0);
    assert!(tp_poisoned(), "the panic poisoned the instance");
    assert!(out.starts_with("err:"), "the export did not return: {out}");
    assert!(out.contains("poisoned"), "the poison error came out: {out}");
    assert_eq!(tp_log(), "[1]", "the calls after the panic did not run");
    let v = js_sys::Reflect::get(&o.to_js_value(), &"reached".into()).unwrap();
    assert_eq!(v.as_f64(), Some(0.0), "the set did not run");
}

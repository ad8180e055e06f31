//! A panic in a Rust export that a queued call runs, during the flush a typed import's JS function
//! makes before its own call (its own binary: it poisons the instance). The import does not run:
//! the poison error comes out of it, up through the Rust code that called it.
#![cfg(target_arch = "wasm32")]

use slotwire::batch;
use slotwire::prelude::*;
use slotwire::JsError;
use slotwire_e2e::rt;
use slotwire_e2e::typed_paths::{install_js, tp_call_export, tp_log, tp_poisoned};
use wasm_bindgen_test::*;

#[js_import("tpTest.record", batch)]
fn record(x: i32);
#[js_import("tpTest.echo")]
fn echo_r(x: i32) -> Result<i32, JsError>;
#[js_import("tpTest.callExport", batch)]
fn call_export(name: &'static str, x: i32);

#[js_export]
fn tpp_panic(x: i32) -> i32 {
    panic!("boom in tpp_panic {x}")
}

/// What the test's JS calls: queues three calls (the second panics when it runs), then calls a
/// typed import, whose JS flushes them first.
#[js_export]
fn tpp_queue_then_import(x: i32) -> i32 {
    record_queued(x);
    call_export_queued("tpp_panic", x + 1);
    record_queued(x + 2);
    echo_r(x + 3).unwrap_or(-1)
}

#[wasm_bindgen_test]
fn a_panic_in_a_js_side_flush_poisons_and_the_import_does_not_run() {
    install_js(&rt());
    let _ = batch::flush();
    // Called from JS, so that the poison error the import throws ends in JS (it unwinds the
    // export), where the test can see it.
    let out = tp_call_export("tpp_queue_then_import", 1.0);
    assert!(tp_poisoned(), "the panic poisoned the instance");
    assert!(out.starts_with("err:"), "the export did not return: {out}");
    assert!(out.contains("poisoned"), "the poison error came out: {out}");
    let log = tp_log();
    assert_eq!(
        log, "[1]",
        "the calls after the panic and the import did not run: {log}"
    );
}

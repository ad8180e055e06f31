//! A panic in a Rust export called by a batched call during a flush (its own binary: it poisons
//! the instance). The batch stops at that call with an error naming it and the panic; the calls
//! before it ran, their placeholders are objects; the ones after it did not run.
#![cfg(target_arch = "wasm32")]

use slotwire::batch;
use slotwire::prelude::*;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/batch_adversarial.js")]
extern "C" {
    #[wasm_bindgen(js_name = installBatchAdv)]
    fn install(rt: &JsValue);
    #[wasm_bindgen(js_name = advLog)]
    fn adv_log() -> String;
    #[wasm_bindgen(js_name = advClear)]
    fn adv_clear();
}

#[js_import("batchAdv.record", batch)]
fn record(x: i32);
#[js_import("batchAdv.makeNode", batch)]
fn make_node(tag: &'static str) -> JsObject;
#[js_import("batchAdv.callExport", batch)]
fn call_export(name: &'static str);
#[js_import("batchAdv.swallowExport", batch)]
fn swallow_export(name: &'static str);

#[js_export]
fn adv_panic() -> i32 {
    panic!("boom in a batched call")
}

#[wasm_bindgen_test]
fn a_panic_during_the_flush_stops_the_batch_with_a_named_error() {
    install(&rt());
    // Every import bound first: a first call binds, and a bind flushes what was queued before it
    // (it is a crossing); the calls below are queued in one batch.
    drop(make_node_queued("warm-up"));
    record_queued(0);
    call_export_queued("no such export");
    swallow_export_queued("no such export");
    let _ = batch::flush();
    adv_clear();
    let before = make_node_queued("before");
    record_queued(1);
    call_export_queued("adv_panic");
    record_queued(2);
    let after = make_node_queued("after");
    let e = batch::flush().unwrap_err();
    assert_eq!(
        (e.index, e.binding.as_str()),
        (2, "batchAdv.callExport"),
        "{e}"
    );
    assert!(
        e.error.message.contains("boom in a batched call"),
        "names the panic: {e}"
    );
    assert_eq!(adv_log(), "[1]", "the calls after it did not run");
    assert!(before.object().is_ok(), "the call before it ran");
    assert!(after.object().is_err(), "the call after it did not");
    assert_eq!(batch::queued(), 0);
    // A batched call that swallows the poisoned export's error: the export refuses (named).
    swallow_export_queued("adv_panic");
    batch::flush().unwrap();
    let log = adv_log();
    assert!(
        log.contains("caught: ") && log.contains("poisoned"),
        "{log}"
    );
}

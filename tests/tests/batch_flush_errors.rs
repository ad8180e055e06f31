//! A `flush` that returns a kept error (of a flush slotwire made on its own) and whose own batch
//! failed too reports both: its own error, the kept one in `BatchError::earlier`
//! (ADVERSARIAL-FINDINGS.md, tenth session (fixes): B12; its own error was once lost).
#![cfg(target_arch = "wasm32")]

use slotwire::batch;
use slotwire::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function p3eInstall() {
  globalThis.p3e = {
    log: [],
    thrower(x) { throw new RangeError(`thrown for ${x}`); },
    record(x) { globalThis.p3e.log.push(x); },
    makeNode(tag) { return { tag }; },
  };
}
export function p3eLog() { return JSON.stringify(globalThis.p3e.log); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = p3eInstall)]
    fn install();
    #[wasm_bindgen(js_name = p3eLog)]
    fn log() -> String;
}

#[js_import("p3e.thrower", batch)]
fn thrower(x: i32);
#[js_import("p3e.record", batch)]
fn record(x: i32);
#[js_import("p3e.makeNode", batch)]
fn make_node(tag: &'static str) -> JsObject;

#[wasm_bindgen_test]
fn the_failure_of_a_flush_that_returns_a_kept_error_is_reported_too() {
    install();
    thrower_queued(0);
    record_queued(0);
    drop(make_node_queued("warm-up"));
    let _ = batch::flush();
    thrower_queued(1);
    let ph = make_node_queued("x");
    assert!(ph.object().is_err()); // kept: "thrown for 1"
    drop(ph);
    record_queued(5);
    thrower_queued(2); // this batch's call 1 throws
    record_queued(6); // does not run
    let second = batch::flush().map_err(|e| format!("{e}"));
    let third = batch::flush().map_err(|e| format!("{e}"));
    let ran = log();
    let reported = format!("{second:?} {third:?}");
    assert!(
        reported.contains("thrown for 2"),
        "the second batch failed at its call 1 (record(6) did not run: log {ran}); no flush said so: \
         second flush {second:?}, third flush {third:?}"
    );
}

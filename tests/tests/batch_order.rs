//! Batched calls and program order: a bind (a crossing: it resolves the target in JS) flushes
//! first, as every other crossing does; the error of a flush nobody asked for is returned by the
//! next `flush` even when that one fails too (ADVERSARIAL-FINDINGS.md, tenth session (batch): B9,
//! B10).
#![cfg(target_arch = "wasm32")]

use slotwire::batch;
use slotwire::prelude::*;
use slotwire::TypedBinding;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function probeOrderInstall() {
  globalThis.probeOrder = {
    defineLate() { globalThis.probeLate = { f() { return 7; } }; },
    replaceApi() { globalThis.probeApi.g = () => 2; },
    thrower(x) { throw new RangeError(`thrown for ${x}`); },
    record(x) {},
    makeNode(tag) { return { tag }; },
  };
  globalThis.probeApi = { g: () => 1 };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = probeOrderInstall)]
    fn install();
}

#[js_import("probeOrder.defineLate", batch)]
fn define_late();
#[js_import("probeOrder.replaceApi", batch)]
fn replace_api();
#[js_import("probeApi.g")]
fn api_g() -> u32;
#[js_import("probeOrder.thrower", batch)]
fn thrower(x: i32);
#[js_import("probeOrder.record", batch)]
fn record(x: i32);
#[js_import("probeOrder.makeNode", batch)]
fn make_node(tag: &'static str) -> JsObject;

/// A queued call defines `globalThis.probeLate`; then `TypedBinding::bind("probeLate.f")`: in
/// program order the target exists. (The bind once ran before the queued call: "cannot read
/// \"f\" of undefined".)
#[wasm_bindgen_test]
fn a_typed_binding_bind_sees_the_calls_queued_before_it() {
    install();
    let _ = batch::flush();
    define_late_queued();
    let b = TypedBinding::<(), u32>::bind("probeLate.f", None);
    let _ = batch::flush();
    let b = b.expect("the queued call that defines the target ran before the bind");
    assert_eq!(b.call(()).unwrap(), 7);
    assert_eq!(batch::queued(), 0);
}

/// A `#[js_import]`'s first call binds: after a queued call that replaced its target, it binds
/// (and calls) the new function. (It once bound the old one: 1, not 2.)
#[wasm_bindgen_test]
fn a_direct_imports_first_call_sees_the_calls_queued_before_it() {
    install();
    let _ = batch::flush();
    replace_api_queued();
    assert_eq!(
        api_g(),
        2,
        "the first call bound (and called) the function the queued call replaced"
    );
    assert_eq!(batch::queued(), 0);
}

/// Installs the JS, binds the batched imports (a first call binds, which flushes what is
/// queued), then makes a flush nobody asked for (`BatchObject::object`) fail: its error ("thrown
/// for 1") is kept for the next `flush`. Returns the placeholder whose `object()` flushed.
fn with_a_kept_error() -> slotwire::batch::BatchObject {
    install();
    thrower_queued(0);
    record_queued(0);
    drop(make_node_queued("warm-up"));
    let _ = batch::flush();
    thrower_queued(1);
    let ph = make_node_queued("x");
    assert!(ph.object().is_err(), "its batch threw before it");
    ph
}

/// 1: a flush nobody asked for (`BatchObject::object`) fails: its error is kept; 2: the next
/// `flush` fails on its own: it returns its own error with the kept one as `earlier`, and leaves
/// nothing behind; 3: a batch whose calls all ran flushes with `Ok`. (The kept error once stayed
/// behind step 2's own and was returned by step 3; then step 2 returned only the kept one.)
#[wasm_bindgen_test]
fn a_kept_error_is_returned_by_the_next_flush_even_when_it_fails_too() {
    let ph = with_a_kept_error();
    thrower_queued(2);
    let second = batch::flush().expect_err("its own call threw");
    assert_eq!(second.error.message, "thrown for 2", "its own error");
    let earlier = second
        .earlier
        .as_ref()
        .expect("the kept error comes with it");
    assert_eq!(earlier.error.message, "thrown for 1");
    assert!(earlier.earlier.is_none());
    assert!(second.to_string().contains("thrown for 1"), "{second}");
    record_queued(5);
    let third = batch::flush();
    drop(ph);
    assert!(
        third.is_ok(),
        "the third flush (every call ran, nothing failed since the second flush) returned {:?}",
        third.map_err(|e| e.error.message)
    );
    assert_eq!(batch::queued(), 0);
}

/// A flush whose own batch fails while a kept error waits reports both: its own error, the kept one
/// in `BatchError::earlier` (ADVERSARIAL-FINDINGS.md, tenth session (fixes): B12; its own error
/// was once lost).
#[wasm_bindgen_test]
fn the_failure_of_a_flush_that_returns_a_kept_error_is_reported_too() {
    drop(with_a_kept_error());
    record_queued(5);
    thrower_queued(2); // this batch's call 1 throws
    record_queued(6); // does not run
    let second = batch::flush().map_err(|e| format!("{e}"));
    let third = batch::flush().map_err(|e| format!("{e}"));
    let reported = format!("{second:?} {third:?}");
    assert!(
        reported.contains("thrown for 2"),
        "the second batch failed at its call 1 (record(6) did not run); no flush said so: \
         second flush {second:?}, third flush {third:?}"
    );
}

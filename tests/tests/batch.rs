//! Batched calls (`slotwire::batch`): queued imports run in one crossing, in program order with
//! every other crossing; placeholders; errors stop the batch; memory growth and re-entry during a
//! flush; typed bindings queued. In Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::batch::{self, BatchObject};
use slotwire::prelude::*;
use slotwire::{census, TypedBinding};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/batch.js")]
extern "C" {
    #[wasm_bindgen(js_name = installBatchTest)]
    fn install_batch_test(rt: &JsValue);
    /// The log as JSON, read through wasm-bindgen (not slotwire: no flush).
    #[wasm_bindgen(js_name = batchLog)]
    fn batch_log() -> String;
    #[wasm_bindgen(js_name = clearBatchLog)]
    fn clear_batch_log();
    #[wasm_bindgen(js_name = lastViewUsable)]
    fn last_view_usable() -> bool;
    #[wasm_bindgen(js_name = callThenLog)]
    fn call_then_log(f: &JsValue, x: i32) -> String;
    #[wasm_bindgen(js_name = exportFn)]
    fn export_fn(rt: &JsValue, name: &str) -> JsValue;
}

#[js_import("batchTest.record", batch)]
fn record(x: i32);

#[js_import("batchTest.callThenLog")]
fn closure_then_log(f: &slotwire::JsClosure, x: i32) -> String;

#[js_import("batchTest.callThenLog")]
fn closure_then_log_f64(f: &slotwire::JsClosure, x: f64) -> String;

#[js_import("batchTest.recordAll", batch)]
fn record_all(i: i32, u: u32, f: f64, b: bool, c: char, s: &str);

#[js_import("batchTest.record", batch)]
fn record_static(s: &'static str);

#[js_import("batchTest.record")]
fn record_str(s: &str);

#[js_import("batchTest.recordView", batch)]
fn record_view(v: &[f32]);

#[js_import("batchTest.makeNode", batch)]
fn make_node(tag: &'static str) -> JsObject;

#[js_import("batchTest.append", batch)]
fn append(parent: &JsObject, child: &JsObject);

#[js_import("batchTest.childCount")]
fn child_count(o: &JsObject) -> u32;

#[js_import("batchTest.notAnObject", batch)]
fn not_an_object() -> JsObject;

#[js_import("batchTest.thrower", batch)]
fn thrower(x: i32);

#[js_import("batchTest.reenter", batch)]
fn reenter(x: i32);

/// Called by `batchTest.reenter` during a flush: allocates 32 MiB (memory grows under the
/// running batch), queues a call and flushes its own batch, returns what it saw.
#[js_export]
fn batch_reenter(x: i32) -> i32 {
    if x == 0 {
        return 0; // `bind_all`'s call
    }
    let v = vec![7u8; 32 << 20];
    record_queued(x * 10);
    batch::flush().expect("the nested batch runs");
    x + i32::from(v[v.len() - 1])
}

fn setup() {
    install_batch_test(&rt());
    bind_all();
    let _ = batch::flush();
    clear_batch_log();
}

/// Binds every batched import of this file: a first call binds, and a bind flushes what was
/// queued before it (it is a crossing); the tests queue their calls after this, in one batch.
fn bind_all() {
    record_queued(0);
    record_all_queued(0, 0, 0.0, false, 'a', "");
    record_static_queued("");
    record_view_queued(&[]);
    let n = make_node_queued("warm-up");
    append_queued(&n, &n);
    reenter_queued(0);
    thrower_queued(0);
    drop(not_an_object_queued());
    let _ = batch::flush();
}

#[wasm_bindgen_test]
fn queued_calls_wait_for_the_flush_and_run_in_order_with_every_type() {
    setup();
    record_queued(1);
    record_all_queued(-5, 4_000_000_000, 1.5, true, 'é', "dynamic ünïcode");
    let s = String::from("dropped before the flush");
    record_all_queued(0, 0, -0.25, false, '😀', &s);
    drop(s); // the batch copied it
    record_static_queued("static");
    record_static_queued("static"); // cached by address in JS
    record_view_queued(&[1.0f32, 2.5, -3.0]);
    assert_eq!(batch::queued(), 6);
    assert_eq!(batch_log(), "[]", "nothing ran before the flush");
    batch::flush().unwrap();
    assert_eq!(batch::queued(), 0);
    assert_eq!(
        batch_log(),
        r#"[1,[-5,4000000000,1.5,true,"é","dynamic ünïcode"],[0,0,-0.25,false,"😀","dropped before the flush"],"static","static",["view",[1,2.5,-3],true]]"#
    );
    assert!(!last_view_usable(), "the span's view ends with its call");
}

#[wasm_bindgen_test]
fn every_other_crossing_flushes_first() {
    setup();
    record_queued(1);
    // A direct (typed) import of a queued function: the queued call runs first.
    record(2);
    assert_eq!(batch_log(), "[1,2]");
    record_queued(3);
    let o = slotwire::JsObject::from_js_value(&js_sys::Object::new().into()).unwrap();
    // A slot path (JsObject::set) flushes too.
    o.set("x", 1).unwrap();
    assert_eq!(batch_log(), "[1,2,3]");
    record_queued(4);
    let typed = TypedBinding::<(i32,), ()>::bind("batchTest.record", None).unwrap();
    typed.call((5,)).unwrap();
    assert_eq!(batch_log(), "[1,2,3,4,5]");
    assert_eq!(batch::queued(), 0);
}

#[wasm_bindgen_test]
fn placeholders_are_arguments_in_their_batch_and_objects_after_it() {
    setup();
    let base_rust = census().js_objects;
    let base_js = js_census("jsObjects");
    let list = make_node_queued("ul");
    for _ in 0..3 {
        let li = make_node_queued("li");
        append_queued(&list, &li);
        // `li` is dropped here, before the flush: its object is released after it.
    }
    assert_eq!(batch_log(), "[]");
    batch::flush().unwrap();
    let ul = list.object().unwrap();
    assert_eq!(ul.get::<String>("tag").unwrap(), "ul");
    assert_eq!(child_count(&ul), 3);
    // A placeholder of an earlier batch is its object: a later batch takes it.
    let li = make_node_queued("li");
    append_queued(&list, &li);
    append_queued(&ul, &li);
    batch::flush().unwrap();
    assert_eq!(child_count(&ul), 5);
    // Passed to a direct call, a queued placeholder flushes its batch first.
    let late = make_node_queued("ol");
    assert_eq!(child_count(&late.object().unwrap()), 0);
    drop((ul, list, li, late));
    assert_eq!(census().js_objects, base_rust, "Rust census back");
    assert_eq!(js_census("jsObjects"), base_js, "JS census back");
}

#[wasm_bindgen_test]
fn a_throw_stops_the_batch_names_the_call_and_releases_the_placeholders_after_it() {
    setup();
    let base_rust = census().js_objects;
    let base_js = js_census("jsObjects");
    let before = make_node_queued("before");
    record_queued(1);
    thrower_queued(7);
    record_queued(2);
    let after = make_node_queued("after");
    let e = batch::flush().unwrap_err();
    assert_eq!(e.index, 2, "{e}");
    assert_eq!(e.binding, "batchTest.thrower");
    assert_eq!(e.error.name, "RangeError");
    assert!(e.error.message.contains("thrown for 7"), "{e}");
    assert_eq!(batch_log(), "[1]", "the calls after it did not run");
    assert!(before.object().is_ok(), "a call before it ran");
    let err = after.object().unwrap_err();
    assert!(err.message().contains("did not run"), "{err}");
    // A result that is not an object stops the batch with a TypeError naming the binding.
    let bad = not_an_object_queued();
    let e = batch::flush().unwrap_err();
    assert_eq!((e.index, e.error.name.as_str()), (0, "TypeError"), "{e}");
    assert!(bad.object().is_err());
    drop((before, after, bad));
    assert_eq!(census().js_objects, base_rust);
    assert_eq!(js_census("jsObjects"), base_js);
    // The instance is fine: the next batch runs.
    record_queued(3);
    batch::flush().unwrap();
    assert_eq!(batch_log(), "[1,3]");
}

#[wasm_bindgen_test]
fn an_implicit_flushs_error_is_kept_for_the_next_flush() {
    setup();
    thrower_queued(1);
    record(9); // flushes the batch (which fails), then runs
    assert_eq!(batch_log(), "[9]");
    let e = batch::flush().unwrap_err();
    assert_eq!((e.index, e.binding.as_str()), (0, "batchTest.thrower"));
    assert!(batch::flush().is_ok(), "reported once");
}

#[wasm_bindgen_test]
fn memory_growth_and_reentry_during_a_flush() {
    setup();
    let pages = core::arch::wasm32::memory_size(0);
    record_queued(1);
    reenter_queued(4);
    record_static_queued("after the growth");
    record_view_queued(&[4.0f32, 5.0]);
    batch::flush().unwrap();
    assert!(
        core::arch::wasm32::memory_size(0) > pages,
        "memory grew during the flush"
    );
    assert_eq!(
        batch_log(),
        r#"[1,40,11,"after the growth",["view",[4,5],true]]"#,
        "the nested batch ran inside the call, the rest after it"
    );
}

/// A `#[js_import]`'s typed function flushes the queue from JS, inside its own call: its
/// arguments (a string, a span: addresses in memory) are made before the flush, and a queued call
/// that grows memory and re-enters runs in between. They still arrive whole, after the queued
/// calls.
#[wasm_bindgen_test]
fn a_typed_import_flushes_after_its_arguments_are_made() {
    setup();
    let text = String::from("made before the flush");
    let floats = vec![1.5f32, 2.5];
    record_queued(1);
    // Allocates 32 MiB inside the call (memory grows unless an earlier test left that much free).
    reenter_queued(2);
    record_str(&text);
    record_queued(3);
    reenter_queued(5);
    record_view(&floats);
    assert_eq!(
        batch_log(),
        r#"[1,20,9,"made before the flush",3,50,12,["view",[1.5,2.5],true]]"#
    );
    assert_eq!(batch::queued(), 0);
    // Nothing pending now: the next call flushes nothing.
    record(4);
    assert!(batch_log().ends_with(",4]"));
}

#[wasm_bindgen_test]
fn a_full_buffer_flushes_on_its_own() {
    setup();
    let n = batch::BATCH_WORDS; // two words per call: the buffer fills halfway through
    for i in 0..n {
        record_queued(i as i32);
    }
    assert!(batch::queued() < n, "some ran before the explicit flush");
    batch::flush().unwrap();
    let log = batch_log();
    assert!(log.starts_with("[0,1,2,") && log.ends_with(&format!(",{}]", n - 1)));
}

#[wasm_bindgen_test]
fn typed_bindings_queue_too() {
    setup();
    let make = TypedBinding::<(&str,), JsObject>::bind("batchTest.makeNode", None).unwrap();
    let add =
        TypedBinding::<(&BatchObject, &BatchObject), ()>::bind("batchTest.append", None).unwrap();
    let rec = TypedBinding::<(i32,), ()>::bind("batchTest.record", None).unwrap();
    let root: BatchObject = make.queue(("root",)).unwrap();
    let kid: BatchObject = make.queue(("kid",)).unwrap();
    add.queue((&root, &kid)).unwrap();
    rec.queue((42,)).unwrap();
    assert_eq!(batch_log(), "[]");
    batch::flush().unwrap();
    assert_eq!(batch_log(), "[42]");
    assert_eq!(child_count(&root.object().unwrap()), 1);
    // Direct calls of the same binding take the placeholders as objects.
    add.call((&root, &kid)).unwrap();
    assert_eq!(child_count(&root.object().unwrap()), 2);
    // A signature a batch cannot carry is an error at the first queue.
    let sum = TypedBinding::<(i32,), i32>::bind("Math.abs", None).unwrap();
    let _ = sum; // (R = i32 has no queue: a compile-time error, not tested here)
}

/// A `JsObject` dropped after a queued call took it: its handle is released (the releases go to
/// JS in batches of `RELEASE_BATCH`) only after the queued call ran, so the call never sees a
/// released handle, nor one reused for another object.
#[wasm_bindgen_test]
fn an_object_dropped_after_a_queued_call_took_it_is_released_after_the_call() {
    setup();
    let parent = make_node_queued("parent").object().unwrap();
    let child = make_node_queued("child").object().unwrap();
    // Objects with handles, made before anything is queued (making them crosses, and flushes).
    let many: Vec<JsObject> = (0..2 * slotwire::RELEASE_BATCH)
        .map(|_| make_node_queued("x").object().unwrap())
        .collect();
    append_queued(&parent, &child); // takes child's handle
    drop(child);
    // Enough drops to send a batch of releases to JS while the call is still queued.
    drop(many);
    batch::flush().unwrap();
    assert_eq!(child_count(&parent), 1);
    let kids: JsObject = parent.get("children").unwrap();
    let first: JsObject = kids.get("0").unwrap();
    assert_eq!(
        first.get::<String>("tag").unwrap(),
        "child",
        "the object the call took"
    );
}

/// Queues a call and returns: its JS caller must see the call done when this returns.
#[js_export]
fn batch_queue_and_return(x: i32) -> i32 {
    record_queued(x);
    x
}

/// A typed export and a typed closure (plain values: their JS functions flush what they queued
/// after the call, Rust checks nothing on the way out) that queue a call and return: the call has
/// run when JS gets the result back.
#[wasm_bindgen_test]
fn what_a_typed_export_or_closure_queued_has_run_when_it_returns() {
    setup();
    let f = export_fn(&rt(), "batch_queue_and_return");
    assert_eq!(call_then_log(&f, 5), "[5]");
    let c = slotwire::JsClosure::new(|x: i32| {
        record_queued(x * 2);
        x
    });
    assert_eq!(closure_then_log(&c, 6), "[5,12]");
    let g = slotwire::JsClosure::new(|x: f64| {
        record_queued(x as i32 * 3);
        x
    });
    assert_eq!(closure_then_log_f64(&g, 7.0), "[5,12,21]");
    assert_eq!(batch::queued(), 0);
}

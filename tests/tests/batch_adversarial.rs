//! Adversarial tests of batched calls (`slotwire::batch`): JsObject arguments released while
//! their call is queued, re-entry on the outer batch's placeholders, placeholders returned from
//! exports, Proxy results, strings and spans of every shape, memory growth inside a run, failed
//! batches' placeholders, bad typed-binding signatures, the full-buffer flush's kept error; the
//! censuses back after each. In Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use slotwire::batch::{self, BatchObject};
use slotwire::prelude::*;
use slotwire::{census, TypedBinding};
use slotwire_e2e::{js_census, rt};
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
    #[wasm_bindgen(js_name = advTraps)]
    fn adv_traps() -> String;
    #[wasm_bindgen(js_name = advPlain)]
    fn plain(tag: &str) -> JsValue;
    #[wasm_bindgen(js_name = advChildTags)]
    fn child_tags(o: &JsValue) -> String;
    #[wasm_bindgen(js_name = advCallExportTag)]
    fn call_export_tag(rt: &JsValue, name: &str) -> String;
    #[wasm_bindgen(js_name = advSleep)]
    fn sleep(ms: u32) -> js_sys::Promise;
}

#[js_import("batchAdv.tick")]
async fn tick() -> Result<(), JsError>;

#[js_import("batchAdv.record", batch)]
fn record(x: i32);
#[js_import("batchAdv.record", batch)]
fn record_str(s: &str);
#[js_import("batchAdv.record", batch)]
fn record_static(s: &'static str);
#[js_import("batchAdv.recordView", batch)]
fn view_u8(v: &[u8]);
#[js_import("batchAdv.recordView", batch)]
fn view_i8(v: &[i8]);
#[js_import("batchAdv.recordView", batch)]
fn view_u16(v: &[u16]);
#[js_import("batchAdv.recordView", batch)]
fn view_i16(v: &[i16]);
#[js_import("batchAdv.recordView", batch)]
fn view_u32(v: &[u32]);
#[js_import("batchAdv.recordView", batch)]
fn view_i32(v: &[i32]);
#[js_import("batchAdv.recordView", batch)]
fn view_f32(v: &[f32]);
#[js_import("batchAdv.recordView", batch)]
fn view_f64(v: &[f64]);
#[js_import("batchAdv.makeNode", batch)]
fn make_node(tag: &'static str) -> JsObject;
#[js_import("batchAdv.append", batch)]
fn append(parent: &JsObject, child: &JsObject);
#[js_import("batchAdv.thrower", batch)]
fn thrower(x: i32);
#[js_import("batchAdv.callExport", batch)]
fn call_export(name: &'static str);
#[js_import("batchAdv.growThen", batch)]
fn grow_then(grow: bool, s: &str, v: &[u16], o: &JsObject);
#[js_import("batchAdv.makeProxy", batch)]
fn make_proxy(kind: &'static str) -> JsObject;
#[js_import("batchAdv.wrap", batch)]
fn wrap(grow: bool, o: &JsObject) -> JsObject;
#[js_import("batchAdv.throwWeird", batch)]
fn throw_weird(kind: &'static str);
#[js_import("batchAdv.setHandler")]
fn set_handler(f: &slotwire::JsClosure);
#[js_import("batchAdv.fire", batch)]
fn fire(x: i32);
#[js_import("batchAdv.takeAny", batch)]
fn take_any(o: &JsObject);

fn setup() -> (usize, f64) {
    install(&rt());
    bind_all();
    adv_clear();
    (census().js_objects, js_census("jsObjects"))
}

/// Binds every batched import of this file: a first call binds, and a bind flushes what was
/// queued before it (it is a crossing); the tests queue their calls after this, in one batch.
fn bind_all() {
    record_queued(0);
    record_str_queued("");
    record_static_queued("");
    view_u8_queued(&[]);
    view_i8_queued(&[]);
    view_u16_queued(&[]);
    view_i16_queued(&[]);
    view_u32_queued(&[]);
    view_i32_queued(&[]);
    view_f32_queued(&[]);
    view_f64_queued(&[]);
    let n = make_node_queued("warm-up");
    append_queued(&n, &n);
    grow_then_queued(false, "", &[], &n);
    drop(wrap_queued(false, &n));
    take_any_queued(&n);
    drop(make_proxy_queued("revoked"));
    thrower_queued(0);
    call_export_queued("no such export");
    throw_weird_queued("null");
    fire_queued(0);
    let _ = batch::flush();
}

fn census_back((rust, js): (usize, f64), what: &str) {
    assert_eq!(batch::queued(), 0, "{what}: nothing left queued");
    assert_eq!(census().js_objects, rust, "{what}: Rust census back");
    assert_eq!(js_census("jsObjects"), js, "{what}: JS census back");
}

fn object(tag: &str) -> (JsValue, JsObject) {
    let v = plain(tag);
    let o = JsObject::from_js_value(&v).unwrap();
    (v, o)
}

// --- JsObject arguments released while their call is queued ------------------------------------

/// A queued call holds only the handle of a `JsObject` argument: the borrow ends when `_queued`
/// returns, so dropping the `JsObject` is allowed; then `census()` (or 64 more drops) sends its
/// release to JS before the batch runs, and the handle is freed (and reused by the next object
/// that crosses) while the queued call still names it.
#[wasm_bindgen_test]
fn a_jsobject_argument_dropped_then_released_before_the_flush_is_still_its_calls_object() {
    let base = setup();
    let (pv, parent) = object("parent");
    let (_cv, child) = object("child");
    append_queued(&parent, &child);
    drop(child); // allowed: the call took `&child` and returned
    let _ = census(); // sends the pending releases to JS
    let (_iv, impostor) = object("impostor");
    let _ = impostor.handle(); // takes the freed handle, if it was freed
    let r = batch::flush();
    assert!(
        r.is_ok(),
        "the queued call's object was released under it: {r:?}"
    );
    assert_eq!(
        child_tags(&pv),
        r#"["child"]"#,
        "the call got another object"
    );
    drop((parent, impostor));
    census_back(base, "dropped argument");
}

/// The same through the release batching alone (no census): 64 drops send the releases.
#[wasm_bindgen_test]
fn a_jsobject_argument_dropped_then_64_more_drops_before_the_flush() {
    let base = setup();
    let (pv, parent) = object("parent");
    let (_cv, child) = object("child");
    let _ = child.handle();
    append_queued(&parent, &child);
    drop(child);
    for i in 0..slotwire::RELEASE_BATCH {
        let (_v, o) = object("churn");
        let _ = (o.handle(), i);
    }
    let (_iv, impostor) = object("impostor");
    let _ = impostor.handle();
    let r = batch::flush();
    assert!(
        r.is_ok(),
        "the queued call's object was released under it: {r:?}"
    );
    assert_eq!(child_tags(&pv), r#"["child"]"#);
    drop((parent, impostor));
    census_back(base, "64 drops");
}

thread_local! {
    static HELD: RefCell<Option<JsObject>> = const { RefCell::new(None) };
    static IMPOSTOR: RefCell<Option<JsObject>> = const { RefCell::new(None) };
    static OUTER: RefCell<Option<BatchObject>> = const { RefCell::new(None) };
}

/// Called by a batched call during the flush: drops `HELD` (which a later call of the same batch
/// names), sends the releases (`census()`), and makes another object cross (kept in `IMPOSTOR`).
#[js_export]
fn adv_drop_held() -> i32 {
    HELD.with(|h| drop(h.borrow_mut().take()));
    let _ = census();
    let (_v, o) = object("impostor");
    let _ = o.handle();
    IMPOSTOR.with(|i| *i.borrow_mut() = Some(o));
    1
}

/// The B1/B2/B8 check: `HELD`'s object is named by a call queued after `before`'s calls, which
/// during the flush let go of it in some way and make another object cross (`IMPOSTOR`, which
/// takes the first free handle). In program order the object was alive when that call was
/// queued: the call must get it, and nothing leaks.
fn held_object_stays_the_later_calls(what: &str, before: impl FnOnce()) {
    let base = setup();
    let (pv, parent) = object("parent");
    let (_cv, child) = object("child");
    let _ = child.handle();
    HELD.with(|h| *h.borrow_mut() = Some(child));
    before();
    HELD.with(|h| append_queued(&parent, h.borrow().as_ref().unwrap()));
    let r = batch::flush();
    IMPOSTOR.with(|i| drop(i.borrow_mut().take()));
    assert!(
        r.is_ok(),
        "{what}: the later call's object was released under it: {r:?}"
    );
    assert_eq!(
        child_tags(&pv),
        r#"["child"]"#,
        "{what}: the later call got another object"
    );
    drop(parent);
    census_back(base, what);
}

/// Re-entry: a call of the batch releases (drops) the object a later call of the same batch
/// takes (B2).
#[wasm_bindgen_test]
fn a_call_in_the_flush_releasing_a_later_calls_jsobject_does_not_change_that_calls_object() {
    held_object_stays_the_later_calls("re-entrant release", || {
        call_export_queued("adv_drop_held");
    });
}

/// Gives `HELD` to JS by value (an owned export result: JS releases its handle once read).
#[js_export]
fn adv_give_back() -> JsObject {
    HELD.with(|h| h.borrow_mut().take()).expect("held")
}

/// Makes another object cross (it takes the first free handle), kept in `IMPOSTOR`.
#[js_export]
fn adv_impostor() -> i32 {
    let (_v, o) = object("impostor");
    let _ = o.handle();
    IMPOSTOR.with(|i| *i.borrow_mut() = Some(o));
    1
}

/// An export called by a batched call gives the object back to JS by value (an owned result:
/// JS releases its handle itself, and holds that release until the batch ran: B8).
#[wasm_bindgen_test]
fn an_object_returned_by_value_from_an_export_during_the_flush_is_still_the_later_calls_object() {
    held_object_stays_the_later_calls("returned by value", || {
        call_export_queued("adv_give_back");
        call_export_queued("adv_impostor");
    });
}

/// The same through a closure's result (JS calls the closure from a batched call).
#[wasm_bindgen_test]
fn an_object_returned_by_value_from_a_closure_during_the_flush_is_still_the_later_calls_object() {
    let closures = census().closures;
    let c = slotwire::JsClosure::new(|_x: i32| -> JsObject {
        HELD.with(|h| h.borrow_mut().take()).expect("held")
    });
    set_handler(&c);
    held_object_stays_the_later_calls("closure result", || {
        fire_queued(0);
        call_export_queued("adv_impostor");
    });
    drop(c);
    assert_eq!(census().closures, closures);
}

// --- Re-entry on the outer batch's placeholders ------------------------------------------------

/// During the flush of `OUTER`'s batch: `object()` on it, a nested batch taking it, a direct call
/// taking it; returns how many of them were the expected named errors.
#[js_export]
fn adv_ask_outer() -> i32 {
    let ph = OUTER.with(|o| o.borrow().clone()).unwrap();
    let mut ok = 0;
    match ph.object() {
        Err(e) if e.message().contains("being flushed right now") => ok += 1,
        other => panic!("object() of a placeholder being flushed: {other:?}"),
    }
    // A nested batch taking it: no object, the nested batch fails naming the call.
    let (_v, parent) = object("p");
    append_queued(&parent, &ph);
    match batch::flush() {
        Err(e) if e.binding == "batchAdv.append" && e.index == 0 => ok += 1,
        other => panic!("nested batch with the outer placeholder: {other:?}"),
    }
    // A direct call taking it.
    let direct =
        TypedBinding::<(&BatchObject, &BatchObject), ()>::bind("batchAdv.append", None).unwrap();
    if direct.call((&ph, &ph)).is_err() {
        ok += 1;
    }
    ok
}

#[wasm_bindgen_test]
fn reentry_on_a_placeholder_of_the_batch_being_flushed_is_an_error_then_the_object() {
    let base = setup();
    let ph = make_node_queued("outer");
    OUTER.with(|o| *o.borrow_mut() = Some(ph.clone()));
    call_export_queued("adv_ask_outer");
    record_queued(5);
    batch::flush().unwrap();
    OUTER.with(|o| drop(o.borrow_mut().take()));
    assert_eq!(
        adv_log(),
        "[3,5]",
        "three named errors, then the rest of the batch"
    );
    let o = ph.object().unwrap();
    assert_eq!(o.get::<String>("tag").unwrap(), "outer");
    drop((o, ph));
    census_back(base, "re-entry");
}

// --- Placeholders returned from exports ---------------------------------------------------------

#[js_export]
fn adv_export_placeholder() -> BatchObject {
    make_node_queued("exported")
}

#[js_export]
fn adv_export_failed_placeholder() -> BatchObject {
    thrower_queued(1);
    let ph = make_node_queued("never");
    let _ = batch::flush();
    ph
}

#[wasm_bindgen_test]
fn a_placeholder_returned_from_an_export() {
    let base = setup();
    assert_eq!(call_export_tag(&rt(), "adv_export_placeholder"), "exported");
    let failed = call_export_tag(&rt(), "adv_export_failed_placeholder");
    assert!(
        failed.starts_with("error:") && failed.contains("adv_export_failed_placeholder"),
        "a placeholder whose call did not run is an error naming the export: {failed}"
    );
    census_back(base, "exported placeholders");
}

// --- Results that are Proxies -------------------------------------------------------------------

#[wasm_bindgen_test]
fn proxy_and_revoked_proxy_results_are_objects_and_no_trap_runs() {
    let base = setup();
    let p = make_proxy_queued("traps");
    let r = make_proxy_queued("revoked");
    take_any_queued(&p);
    take_any_queued(&r);
    batch::flush().unwrap();
    assert_eq!(adv_log(), r#"["function","object"]"#);
    assert_eq!(adv_traps(), "[]", "no trap ran");
    let (po, ro) = (p.object().unwrap(), r.object().unwrap());
    // Taken as arguments later: still no trap; a revoked Proxy's property is an error, no panic.
    take_any_queued(&po);
    take_any_queued(&ro);
    batch::flush().unwrap();
    assert_eq!(adv_log(), r#"["function","object","function","object"]"#);
    let e = ro.get::<f64>("x").unwrap_err();
    assert!(e.message().contains('x'), "names the property: {e}");
    drop((p, r, po, ro));
    assert_eq!(adv_traps(), "[]");
    census_back(base, "proxies");
}

// --- Strings ------------------------------------------------------------------------------------

static ABCDEF: &str = "abcdef\u{e9}";

#[wasm_bindgen_test]
fn strings_empty_non_ascii_long_and_statics_sharing_an_address() {
    let base = setup();
    let long: String = "ü😀x".repeat(40_000); // 280,000 bytes: past 64 KiB
    record_str_queued("");
    record_str_queued("naïve 日本 😀 \u{0}");
    record_str_queued(&long);
    record_static_queued("");
    // Same address, other lengths: the cache is by address, the bytes differ.
    record_static_queued(ABCDEF);
    record_static_queued(&ABCDEF[..3]);
    record_static_queued(ABCDEF);
    record_static_queued(&ABCDEF[..0]);
    record_static_queued(&ABCDEF[..3]);
    batch::flush().unwrap();
    let expected = serde_json::to_string(&[
        "",
        "naïve 日本 😀 \u{0}",
        &long,
        "",
        ABCDEF,
        "abc",
        ABCDEF,
        "",
        "abc",
    ])
    .unwrap();
    assert!(adv_log() == expected, "strings differ");
    census_back(base, "strings");
}

// --- Spans ----------------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn spans_of_every_number_type_and_empty_ones() {
    let base = setup();
    view_u8_queued(&[0, 255]);
    view_i8_queued(&[-128, 127]);
    view_u16_queued(&[65535]);
    view_i16_queued(&[-32768]);
    view_u32_queued(&[u32::MAX]);
    view_i32_queued(&[i32::MIN]);
    view_f32_queued(&[0.5, f32::INFINITY]);
    view_f64_queued(&[1e300, -0.0]);
    view_f64_queued(&[]);
    view_u8_queued(&[]);
    record_str_queued("x"); // misaligns the arena: the next span is still aligned
    view_f64_queued(&[2.5]);
    batch::flush().unwrap();
    assert_eq!(
        adv_log(),
        "[[0,255],[-128,127],[65535],[-32768],[4294967295],[-2147483648],[0.5,null],[1e+300,0],[],[],\"x\",[2.5]]"
    );
    census_back(base, "spans");
}

#[wasm_bindgen_test]
fn a_typed_binding_queue_on_a_signature_a_batch_cannot_carry_is_a_named_error() {
    let base = setup();
    // A span of i64/u64: a typed binding takes it, a batch does not: refused at the first queue
    // with a named error, no panic, nothing queued.
    let i64s = TypedBinding::<(&[i64],), ()>::bind("batchAdv.recordView", None)
        .expect("a typed binding taking a span of i64 binds");
    let e = i64s.queue((&[1i64][..],)).unwrap_err();
    assert_eq!(e.kind(), slotwire::ErrorKind::Type, "{e}");
    assert!(
        e.message()
            .contains("batchAdv.recordView: a batched call takes"),
        "{e}"
    );
    let u64s = TypedBinding::<(&[u64],), ()>::bind("batchAdv.recordView", None).unwrap();
    assert!(u64s.queue((&[1u64][..],)).is_err());
    // A span TypedBinding can carry: queued like the macro's.
    let f32s = TypedBinding::<(&[f32],), ()>::bind("batchAdv.recordView", None)
        .expect("a typed binding taking a span of f32 binds");
    f32s.queue((&[1.5f32][..],)).unwrap();
    batch::flush().unwrap();
    assert_eq!(adv_log(), "[[1.5]]");
    f32s.call((&[2.5f32][..],)).unwrap();
    assert_eq!(adv_log(), "[[1.5],[2.5]]");
    // A target that is not a function: an error at the first queue, not a panic.
    let missing = TypedBinding::<(i32,), ()>::bind("batchAdv.nothingHere", None);
    if let Ok(missing) = missing {
        assert!(missing.queue((1,)).is_err(), "queued a call of nothing");
    }
    assert_eq!(batch::queued(), 0, "nothing was queued");
    census_back(base, "bad signatures");
}

// --- Memory growth inside a run of one binding ------------------------------------------------------

/// Allocates 48 MiB (kept until the test ends: memory grows under the running batch).
#[js_export]
fn adv_grow() -> i32 {
    thread_local!(static KEEP: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) });
    KEEP.with(|k| k.borrow_mut().push(vec![1u8; 48 << 20]));
    48
}

#[wasm_bindgen_test]
fn memory_growth_in_a_run_then_strings_spans_and_placeholders_of_that_run() {
    let base = setup();
    let pages = core::arch::wasm32::memory_size(0);
    let (_v, o) = object("obj");
    let ph = make_node_queued("ph");
    grow_then_queued(true, "first", &[1, 2], &o);
    // The same binding: the decoder's run goes on after the growth.
    grow_then_queued(false, "sécond", &[3, 65535], &o);
    let later = make_node_queued("later");
    append_queued(&ph, &later);
    grow_then_queued(false, "third", &[], &o);
    batch::flush().unwrap();
    assert!(core::arch::wasm32::memory_size(0) > pages, "memory grew");
    assert_eq!(
        adv_log(),
        r#"[48,["first",[1,2],"obj"],["sécond",[3,65535],"obj"],["third",[],"obj"]]"#
    );
    let p = ph.object().unwrap();
    let kids: JsObject = p.get("children").unwrap();
    assert_eq!(
        kids.get::<f64>("length").unwrap(),
        1.0,
        "the placeholder got its child"
    );
    drop(kids);
    drop((o, ph, later, p));
    census_back(base, "growth");
}

// --- Failed batches ---------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn a_failed_batchs_placeholder_in_later_calls_is_a_named_error_and_nothing_leaks() {
    let base = setup();
    thrower_queued(1);
    let dead = make_node_queued("dead");
    let e = batch::flush().unwrap_err();
    assert_eq!((e.index, e.binding.as_str()), (0, "batchAdv.thrower"));
    // In a later batch: that call fails naming itself and its argument.
    let (_v, parent) = object("parent");
    record_queued(1);
    append_queued(&parent, &dead);
    record_queued(2);
    let e = batch::flush().unwrap_err();
    assert_eq!((e.index, e.binding.as_str()), (1, "batchAdv.append"), "{e}");
    assert!(
        e.error.message.contains("argument 2") && e.error.message.contains("did not run"),
        "names the argument and why: {e}"
    );
    assert_eq!(adv_log(), "[1]");
    // In a direct call: an error, not a panic.
    let direct =
        TypedBinding::<(&JsObject, &BatchObject), ()>::bind("batchAdv.append", None).unwrap();
    let err = direct.call((&parent, &dead)).unwrap_err();
    assert!(
        err.message().contains("batchAdv.append: argument 2")
            && err.message().contains("did not run"),
        "names the call, the argument and why: {err}"
    );
    drop((parent, dead));
    census_back(base, "failed placeholders");
}

#[wasm_bindgen_test]
fn a_full_buffers_failed_implicit_flush_is_reported_by_the_next_flush() {
    let base = setup();
    let before = make_node_queued("before");
    thrower_queued(9);
    let lost = make_node_queued("lost");
    let mut i = 0;
    while batch::queued() != 0 {
        record_queued(i);
        i += 1;
    }
    // The implicit flush failed at call 1; the calls queued after it are a new batch.
    record_queued(-1);
    let e = batch::flush().unwrap_err();
    assert_eq!(
        (e.index, e.binding.as_str()),
        (1, "batchAdv.thrower"),
        "{e}"
    );
    assert_eq!(
        adv_log(),
        "[-1]",
        "the failed batch's later calls did not run"
    );
    assert!(before.object().is_ok());
    assert!(lost.object().is_err());
    assert!(batch::flush().is_ok(), "reported once");
    drop((before, lost));
    census_back(base, "full buffer");
}

// --- Async tasks ------------------------------------------------------------------------------------

/// A task queues, awaits an async import (a crossing: the queued call runs first), queues again
/// and ends (what it queued runs before it yields to JS), without any flush of its own.
#[wasm_bindgen_test]
async fn an_async_task_that_queues_then_awaits_runs_its_calls_in_order() {
    let base = setup();
    slotwire::spawn(async {
        record_queued(1);
        tick().await.unwrap();
        record_queued(2);
        let ph = make_node_queued("task");
        append_queued(&ph, &ph);
    });
    wasm_bindgen_futures::JsFuture::from(sleep(50))
        .await
        .unwrap();
    assert_eq!(
        adv_log(),
        r#"[1,"tick",2]"#,
        "in order, and nothing left queued by the task"
    );
    census_back(base, "async task");
}

// --- Errors of flushes made by BatchObject::object ------------------------------------------------

/// `object()` flushes a failing batch: its "did not run" error points at `batch::flush`'s error,
/// so that flush must still report the throw (as for every flush Rust did not ask for).
#[wasm_bindgen_test]
fn a_failed_flush_made_by_object_is_reported_by_the_next_flush() {
    let base = setup();
    thrower_queued(3);
    let ph = make_node_queued("never");
    let err = ph.object().unwrap_err();
    assert!(err.message().contains("see batch::flush's error"), "{err}");
    let e = batch::flush().expect_err("the throw that made object() fail is reported");
    assert_eq!(
        (e.index, e.binding.as_str()),
        (0, "batchAdv.thrower"),
        "{e}"
    );
    assert!(e.error.message.contains("thrown for 3"), "{e}");
    assert!(batch::flush().is_ok(), "reported once");
    drop(ph);
    census_back(base, "object() flush");
}

/// A run of one binding whose calls take the previous call's placeholder, the first growing the
/// memory: each reads the handle the one before wrote, after the growth.
#[wasm_bindgen_test]
fn a_chain_of_placeholders_in_one_run_across_a_memory_growth() {
    let base = setup();
    let root = make_node_queued("r");
    let mut last = wrap_queued(true, &root);
    for _ in 0..4 {
        last = wrap_queued(false, &last);
    }
    batch::flush().unwrap();
    assert_eq!(
        last.object().unwrap().get::<String>("tag").unwrap(),
        "w(w(w(w(w(r)))))"
    );
    drop((root, last));
    census_back(base, "chain");
}

/// Throws of values that are not Errors (and of a Proxy, and of an Error whose `message` is a
/// throwing getter): the batch error names the call, the batch stops there, nothing leaks.
#[wasm_bindgen_test]
fn throws_of_odd_values_are_named_without_running_user_code() {
    let base = setup();
    for kind in ["null", "symbol", "number", "proxy", "getter"] {
        let kind: &'static str = kind;
        record_queued(1);
        let ph = make_node_queued("x");
        throw_weird_queued(kind);
        let after = make_node_queued("y");
        let e = batch::flush().unwrap_err();
        assert_eq!(
            (e.index, e.binding.as_str()),
            (2, "batchAdv.throwWeird"),
            "{kind}: {e}"
        );
        assert!(ph.object().is_ok() && after.object().is_err(), "{kind}");
    }
    // (A thrown object's name/message/stack are read through its getters, guarded, as for every
    // import's throw: js-runtime/src/marshal/error.js.)
    census_back(base, "odd throws");
}

// --- Closures dropped while a call that calls them is queued ----------------------------------------

thread_local! {
    static FIRED: RefCell<Vec<i32>> = const { RefCell::new(Vec::new()) };
}

/// A queued call that calls a `JsClosure` JS keeps, then the closure dropped: in program order
/// the call ran before the drop, so it reaches the closure.
#[wasm_bindgen_test]
fn a_closure_dropped_after_a_queued_call_that_calls_it_is_still_called() {
    let base = setup();
    let closures = census().closures;
    let c = slotwire::JsClosure::new(|x: i32| FIRED.with(|f| f.borrow_mut().push(x)));
    set_handler(&c);
    fire_queued(7);
    drop(c);
    let r = batch::flush();
    assert!(
        r.is_ok(),
        "the queued call found its closure dropped: {r:?}"
    );
    assert_eq!(FIRED.with(|f| f.borrow().clone()), [7]);
    assert_eq!(census().closures, closures);
    census_back(base, "closure");
}

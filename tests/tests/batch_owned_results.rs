//! A `JsObject` a later call of the running batch names, handed to JS by value during the flush
//! (an export's or a closure's result, whose reference JS takes over and gives back at once):
//! its handle must not be freed, and taken by another object, before that call ran
//! (ADVERSARIAL-FINDINGS.md, tenth session (batch): B8; js-runtime/src/handles.js `hold`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use slotwire::batch;
use slotwire::census;
use slotwire::prelude::*;
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/batch_adversarial.js")]
extern "C" {
    #[wasm_bindgen(js_name = installBatchAdv)]
    fn install(rt: &JsValue);
    #[wasm_bindgen(js_name = advClear)]
    fn adv_clear();
    #[wasm_bindgen(js_name = advPlain)]
    fn plain(tag: &str) -> JsValue;
    #[wasm_bindgen(js_name = advChildTags)]
    fn child_tags(o: &JsValue) -> String;
}

#[js_import("batchAdv.append", batch)]
fn append(parent: &JsObject, child: &JsObject);
#[js_import("batchAdv.callExport", batch)]
fn call_export(name: &'static str);
#[js_import("batchAdv.setHandler")]
fn set_handler(f: &slotwire::JsClosure);
#[js_import("batchAdv.fire", batch)]
fn fire(x: i32);

thread_local! {
    static HELD: RefCell<Option<JsObject>> = const { RefCell::new(None) };
    static IMPOSTOR: RefCell<Option<JsObject>> = const { RefCell::new(None) };
}

fn setup() -> (usize, f64) {
    install(&rt());
    let _ = batch::flush();
    // Every batched import bound first (a first call binds, which flushes what is queued: the
    // tests below queue their calls in one batch).
    {
        let (_a, a) = object("warm-up a");
        let (_b, b) = object("warm-up b");
        append_queued(&a, &b);
        call_export_queued("probe_batch_noop");
        fire_queued(0);
        let _ = batch::flush();
    }
    adv_clear();
    (census().js_objects, js_census("jsObjects"))
}

/// Does nothing (binds `callExport` in `setup`).
#[js_export]
fn probe_batch_noop() -> i32 {
    0
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

/// Gives `HELD` to JS by value (an owned export result: JS releases its handle once read).
#[js_export]
fn probe_batch_give_back() -> JsObject {
    HELD.with(|h| h.borrow_mut().take()).expect("held")
}

/// Makes another object cross (it takes the first free handle), kept in `IMPOSTOR`.
#[js_export]
fn probe_batch_impostor() -> i32 {
    let (_v, o) = object("impostor");
    let _ = o.handle();
    IMPOSTOR.with(|i| *i.borrow_mut() = Some(o));
    1
}

/// Queued: give the object back to JS (export result), make an impostor cross, then the call
/// queued before the flush that names the object. In program order the object was alive when
/// that call was queued: the call must get it (as for a drop, B1/B2).
#[wasm_bindgen_test]
fn an_object_returned_by_value_from_an_export_during_the_flush_is_still_the_later_calls_object() {
    let base = setup();
    let (pv, parent) = object("parent");
    let (_cv, child) = object("child");
    let _ = child.handle();
    HELD.with(|h| *h.borrow_mut() = Some(child));
    call_export_queued("probe_batch_give_back");
    call_export_queued("probe_batch_impostor");
    HELD.with(|h| append_queued(&parent, h.borrow().as_ref().unwrap()));
    let r = batch::flush();
    IMPOSTOR.with(|i| drop(i.borrow_mut().take()));
    assert!(
        r.is_ok(),
        "the later call's object was released under it: {r:?}"
    );
    assert_eq!(
        child_tags(&pv),
        r#"["child"]"#,
        "the later call got another object"
    );
    drop(parent);
    census_back(base, "returned by value");
}

/// The same through a closure's result (JS calls the closure from a batched call).
#[wasm_bindgen_test]
fn an_object_returned_by_value_from_a_closure_during_the_flush_is_still_the_later_calls_object() {
    let base = setup();
    let closures = census().closures;
    let c = slotwire::JsClosure::new(|_x: i32| -> JsObject {
        HELD.with(|h| h.borrow_mut().take()).expect("held")
    });
    set_handler(&c);
    let (pv, parent) = object("parent");
    let (_cv, child) = object("child");
    let _ = child.handle();
    HELD.with(|h| *h.borrow_mut() = Some(child));
    fire_queued(0);
    call_export_queued("probe_batch_impostor");
    HELD.with(|h| append_queued(&parent, h.borrow().as_ref().unwrap()));
    let r = batch::flush();
    IMPOSTOR.with(|i| drop(i.borrow_mut().take()));
    drop(c);
    assert!(
        r.is_ok(),
        "the later call's object was released under it: {r:?}"
    );
    assert_eq!(
        child_tags(&pv),
        r#"["child"]"#,
        "the later call got another object"
    );
    drop(parent);
    assert_eq!(census().closures, closures);
    census_back(base, "closure result");
}

//! Adversarial tests of "entries on first use" and the runtime's feature snippets, in Node and
//! headless Chromium: the function-table entries Rust hands JS once per runtime for closures
//! (`swClosureEntries`), Rust objects (`swObjectEntries`) and futures (`swFutureEntries`) —
//! handed over at most once even when closures, objects and promises are made re-entrantly
//! (inside a closure JS is calling, inside an export JS calls from a closure); hostile JS calling
//! the Runtime's `useClosureEntries` / `useObjectEntries` / `useFutureEntries` with bad indices
//! (a SlotwireError, entries left working); promises settling after Rust dropped their future,
//! many at once, in reverse order, through thenables that re-enter Rust; `rt.settlePromise` with
//! unknown ids; Rust object proxies disposed twice and stale handles freed; the records snippet's
//! `features.records` and its `RecordView`. The JS half is tests/js/sound_entries.js.
//!
//! Every test calls `setup()` first, before it makes anything: the first one to run (whichever)
//! installs JS's spy on the Runtime's hand-over methods before Rust's first hand-over, so the
//! spy's "at most once" holds whatever the order.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use slotwire::prelude::*;
use slotwire::{census, JsClosure, JsError, JsPromise, RustObject, RustRef};
use slotwire::{JsRecord, TypedBinding};
use slotwire_e2e::{js_census, js_message, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/sound_entries.js")]
extern "C" {
    /// Installs the spy (once) and registers module "se".
    #[wasm_bindgen(js_name = seInstall)]
    fn install_js(rt: &JsValue);
    #[wasm_bindgen(js_name = runSoundEntriesCheck, catch)]
    fn run_check_js(rt: &JsValue, name: &str) -> Result<(), JsValue>;
    /// How many hand-overs the spy saw of `kind` ("closures", "objects", "futures", "table").
    #[wasm_bindgen(js_name = seHandOvers)]
    fn hand_overs(kind: &str) -> u32;
    /// Resolves every promise `se.later` made (in reverse order), each with its number.
    #[wasm_bindgen(js_name = seResolveAll)]
    fn resolve_all() -> u32;
    /// A promise resolved after one macrotask (lets promise reactions run).
    #[wasm_bindgen(js_name = seTick)]
    fn tick() -> js_sys::Promise;
    /// `rt.poisoned` as text, or "".
    #[wasm_bindgen(js_name = sePoisoned)]
    fn poisoned(rt: &JsValue) -> String;
}

fn setup() -> JsValue {
    let rt = rt();
    install_js(&rt);
    rt
}

fn check(name: &str) {
    let rt = setup();
    if let Err(e) = run_check_js(&rt, name) {
        panic!("JS check `{name}` failed: {}", js_message(&e));
    }
}

thread_local! {
    static KEPT: RefCell<Vec<JsClosure>> = const { RefCell::new(Vec::new()) };
}

#[js_import("keep", module = "se")]
fn se_keep(f: &JsClosure) -> u32;

#[js_import("callNow", module = "se")]
fn se_call_now(f: &JsClosure, x: i32) -> Result<i32, JsError>;

#[js_import("records", module = "se")]
fn se_records(v: &[Dot]) -> Result<String, JsError>;

#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord)]
#[repr(C)]
struct Dot {
    x: f32,
    y: f32,
    id: u32,
}

/// A Rust object for JS.
pub struct Ctr {
    value: i32,
}

#[js_export]
fn se_make_counter(start: i32) -> RustObject<Ctr> {
    RustObject::new("SeCtr", Ctr { value: start })
}

#[js_export(js_name = "SeCtr.add")]
fn se_ctr_add(this: RustRef<Ctr>, by: i32) -> i32 {
    let mut c = this.borrow_mut();
    c.value += by;
    c.value
}

/// Called from JS while something else is on the stack (a closure's call, a thenable's `then`):
/// makes a closure, hands it to JS, which calls it at once, and a Rust object it gives back
/// disposed; `n * 3 + 1` if all went well.
#[js_export]
fn se_make_inside(n: i32) -> i32 {
    let inner = JsClosure::new(move |x: i32| x * 3);
    let got = se_call_now(&inner, n).unwrap_or(-1000);
    let obj = se_make_counter(1);
    drop(obj);
    got + 1
}

/// Keeps `f` alive in Rust and hands it to JS's kept list; the index JS gave it.
fn keep(f: JsClosure) -> u32 {
    let i = se_keep(&f);
    KEPT.with(|k| k.borrow_mut().push(f));
    i
}

fn drop_kept() {
    KEPT.with(|k| k.borrow_mut().clear());
}

fn assert_at_most_once(what: &str) {
    for kind in ["closures", "objects", "futures", "table"] {
        let n = hand_overs(kind);
        assert!(
            n <= 1,
            "{what}: {kind} entries handed over {n} times since the spy was installed"
        );
    }
}

fn assert_settled(rt: &JsValue, what: &str) {
    assert_eq!(poisoned(rt), "", "{what}: the instance is poisoned");
    assert_eq!(census().closures, 0, "{what}: Rust closures");
    assert_eq!(census().promises, 0, "{what}: Rust promises");
    assert_eq!(census().rust_objects, 0, "{what}: Rust objects");
    assert_eq!(js_census("closures"), 0.0, "{what}: JS closures");
    assert_eq!(js_census("promises"), 0.0, "{what}: JS promises");
    assert_eq!(js_census("rustObjects"), 0.0, "{what}: JS Rust objects");
}

#[wasm_bindgen_test]
fn entries_are_handed_over_once_when_closures_objects_and_promises_are_made_reentrantly() {
    setup();
    // A closure JS calls, which makes closures, objects and promises while it runs, and calls
    // an export that makes more.
    let later = TypedBinding::<(u32,), JsPromise<u32>>::bind_async("later", Some("se")).unwrap();
    let outer = JsClosure::new(move |n: i32| {
        let inner = JsClosure::from_fn(|x: i32| x + 7);
        let a = se_call_now(&inner, n).unwrap_or(-1000);
        let obj = se_make_counter(n);
        drop(obj);
        let p = later.call((n as u32,)).expect("se.later");
        drop(p);
        a
    });
    let i = keep(outer);
    check("reentrantMaking");
    assert_at_most_once("after the re-entrant making");
    // The same through a closure made inside a closure made inside a closure.
    let depth = JsClosure::new(|n: i32| {
        let d2 = JsClosure::new(|m: i32| {
            let d3 = JsClosure::from_fn(|k: i32| k - 1);
            se_call_now(&d3, m).unwrap_or(-1000) * 2
        });
        se_call_now(&d2, n).unwrap_or(-1000) + 1
    });
    assert_eq!(se_call_now(&depth, 10).unwrap(), 19);
    drop(depth);
    assert_at_most_once("after three closures deep");
    let _ = i;
    drop_kept();
    resolve_all();
    assert_eq!(js_census("closures"), 0.0);
    assert_eq!(census().closures, 0);
}

#[wasm_bindgen_test]
fn hostile_entry_indices_are_slotwire_errors_and_leave_the_entries_working() {
    setup();
    let f = JsClosure::new(|x: i32| x * 2);
    keep(f);
    let g = JsClosure::new(|s: String| s.len() as u32);
    keep(g);
    check("hostileIndices");
    assert_at_most_once("after hostile indices");
    drop_kept();
    assert_eq!(js_census("closures"), 0.0);
}

/// Finding A13 (fixed): indices that are negative (-1, -2**31, -Infinity), a Symbol or a BigInt
/// were refused with the engine's TypeError from `WebAssembly.Table.get`, not a SlotwireError
/// naming the feature, and an object with `valueOf` ran user code in the check. An index is now
/// a non-negative integer number, nothing converted.
#[wasm_bindgen_test]
fn exotic_entry_indices_are_slotwire_errors_without_user_code() {
    setup();
    keep(JsClosure::new(|x: i32| x * 2));
    keep(JsClosure::new(|s: String| s.len() as u32));
    check("hostileIndicesExotic");
    drop_kept();
}

/// Finding A11 (fixed): the Runtime accepted a second hand-over from any JS after Rust's, with
/// any function of the wasm table (`rt.useClosureEntries(info, info)`; `useObjectEntries(adopt,
/// adopt)` would make `rt.rustObjects.free(h)` call `object_adopt(h, 0, 0)`, which writes at
/// address 0), and `rt.useFunctionTable(x)` any object with `length` and `get`. Every hand-over
/// is now accepted once per runtime (Rust makes exactly one); later ones are refused.
#[wasm_bindgen_test]
fn a_second_hand_over_from_js_is_refused() {
    setup();
    let f = JsClosure::new(|x: i32| x * 2);
    keep(f);
    let _obj = se_make_counter(0);
    check("secondHandOver");
    drop_kept();
}

/// Finding A12 (fixed): a refused hand-over was half done: `rt.useClosureEntries(i, NaN)` threw,
/// but `closure_info` had already been replaced by table function `i` (`useFutureEntries` the
/// same). Both entries are now looked up before either is installed (js-runtime's
/// `sound-errors.test.js` checks that on a fresh runtime); here, after Rust's hand-over, the
/// call is refused and closures keep working.
#[wasm_bindgen_test]
fn a_refused_hand_over_changes_nothing() {
    setup();
    let f = JsClosure::new(|x: i32| x * 2);
    keep(f);
    check("partialHandOver");
    drop_kept();
}

#[wasm_bindgen_test]
async fn promises_settled_after_their_future_was_dropped_or_in_reverse_order() {
    let rt = setup();
    let later = TypedBinding::<(u32,), JsPromise<u32>>::bind_async("later", Some("se")).unwrap();
    let mut kept = Vec::new();
    for i in 0..300u32 {
        let p = later.call((i,)).unwrap();
        if i % 3 == 0 {
            drop(p); // settles later, ignored
        } else {
            kept.push((i, p));
        }
    }
    assert_eq!(
        js_census("promises"),
        200.0,
        "dropped futures forgotten in JS"
    );
    assert_eq!(census().promises, 200);
    assert_eq!(resolve_all(), 300, "JS resolves every promise it made");
    for (i, p) in kept {
        assert_eq!(p.await.unwrap(), i * 10 + 1, "promise {i}");
    }
    // Promises settled with nobody awaiting them any more: dropped after JS resolved them,
    // before the reaction ran.
    let ps: Vec<_> = (0..50u32).map(|i| later.call((i,)).unwrap()).collect();
    resolve_all();
    drop(ps);
    wasm_bindgen_futures::JsFuture::from(tick()).await.unwrap();
    assert_settled(&rt, "after 350 promises");
    assert_at_most_once("after 350 promises");
}

#[wasm_bindgen_test]
async fn a_thenable_reentering_rust_while_its_promise_settles() {
    let rt = setup();
    let thenable =
        TypedBinding::<(i32,), JsPromise<i32>>::bind_async("reentrantThenable", Some("se"))
            .unwrap();
    for n in 0..20 {
        let p = thenable.call((n,)).unwrap();
        resolve_all();
        // The thenable's `then` calls se_make_inside(n) (a closure, a call, an object) and
        // resolves with what it returned.
        assert_eq!(p.await.unwrap(), n * 3 + 1, "thenable {n}");
    }
    // And settled while a closure JS is calling awaits nothing (a promise made and settled
    // inside a closure call, awaited afterwards).
    let made = std::rc::Rc::new(RefCell::new(Vec::new()));
    let m = made.clone();
    let th = std::rc::Rc::new(thenable);
    let th2 = th.clone();
    let f = JsClosure::new(move |n: i32| {
        m.borrow_mut().push(th2.call((n,)).unwrap());
        n
    });
    for n in 0..5 {
        assert_eq!(se_call_now(&f, n).unwrap(), n);
    }
    drop(f);
    resolve_all();
    let ps: Vec<_> = made.borrow_mut().drain(..).collect();
    for (n, p) in ps.into_iter().enumerate() {
        assert_eq!(p.await.unwrap(), n as i32 * 3 + 1);
    }
    wasm_bindgen_futures::JsFuture::from(tick()).await.unwrap();
    assert_settled(&rt, "after the thenables");
    assert_at_most_once("after the thenables");
}

#[wasm_bindgen_test]
async fn hostile_settle_calls_with_unknown_ids_are_ignored() {
    let rt = setup();
    // Futures' entries handed over: a promise made and awaited.
    let later = TypedBinding::<(u32,), JsPromise<u32>>::bind_async("later", Some("se")).unwrap();
    let p = later.call((4,)).unwrap();
    resolve_all();
    assert_eq!(p.await.unwrap(), 41);
    // One pending while JS settles made-up ids (with a real frame).
    let pending = later.call((5,)).unwrap();
    check("settleUnknownIds");
    resolve_all();
    assert_eq!(pending.await.unwrap(), 51);
    wasm_bindgen_futures::JsFuture::from(tick()).await.unwrap();
    assert_settled(&rt, "after the made-up settles");
}

#[wasm_bindgen_test]
fn rust_objects_disposed_twice_and_stale_handles_freed() {
    let rt = setup();
    // A closure whose handle JS tries to free as a Rust object (one handle table).
    keep(JsClosure::new(|x: i32| x * 2));
    check("objects");
    drop_kept();
    assert_eq!(poisoned(&rt), "");
    assert_eq!(census().rust_objects, 0);
    assert_eq!(js_census("rustObjects"), 0.0);
    assert_at_most_once("after the objects");
}

#[wasm_bindgen_test]
fn the_records_snippet_is_installed_and_made_the_views() {
    setup();
    let dots = [
        Dot {
            x: 1.5,
            y: -2.0,
            id: 7,
        },
        Dot {
            x: 0.25,
            y: 4.0,
            id: 9,
        },
    ];
    assert_eq!(se_records(&dots).unwrap(), "2:3.75:7:9");
    assert_eq!(se_records(&[]).unwrap(), "0:0");
    let text = Dot::layout().to_json();
    assert!(text.contains("Dot"), "{text}");
    check("recordsFeature");
}

//! A typed closure entry that asks for the slot path (the status word FAST_USE_SLOTS: the closure
//! is running, re-entered) while a batch is pending. The closure wrapper (fast.js
//! `makeFastClosure`) flushed the batch before it read the status word, so a typed import made
//! during that flush took the status word for a throw: its success came out as an `Err` carrying
//! an older call's exception (an async import's promise left registered in JS with nobody
//! awaiting it), and the refused call returned the sentinel (`i32::MIN`, NaN) to JS as its value.
//! Now the wrapper reads and clears the request first. In Node and Chromium
//! (tests/ADVERSARIAL-FINDINGS.md, K7).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use slotwire::prelude::*;
use slotwire::{batch, census, JsPromise, TypedBinding};
use slotwire_e2e::typed_paths::{install_js, tp_call, tp_clear};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function p14sInstall() {
  globalThis.p14s = {
    never: (x) => new Promise(() => {}),
    echo: (x) => x,
    thrower: (x) => { throw new RangeError("an older error, of another call " + x); },
  };
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = p14sInstall)]
    fn install_p14s();
}

#[js_import("tpTest.keep")]
fn keep(i: u32, f: &JsClosure);
#[js_import("tpTest.callExport", batch)]
fn call_export(name: &'static str, x: i32);
#[js_import("globalThis.p14s.never")]
async fn never(x: u32) -> Result<u32, JsError>;
#[js_import("globalThis.p14s.echo")]
fn echo_r(x: i32) -> Result<i32, JsError>;
#[js_import("globalThis.p14s.thrower")]
fn thrower(x: i32) -> Result<i32, JsError>;

type Held = Pin<Box<dyn Future<Output = Result<u32, JsError>>>>;

thread_local! {
    static SEEN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    static HELD_TB: RefCell<Vec<JsPromise<u32>>> = const { RefCell::new(Vec::new()) };
    static HELD_MACRO: RefCell<Vec<Held>> = const { RefCell::new(Vec::new()) };
    static TB: RefCell<Option<TypedBinding<(u32,), JsPromise<u32>>>> = const { RefCell::new(None) };
}

fn seen(s: String) {
    SEEN.with(|v| v.borrow_mut().push(s));
}

/// Called by the queued call, during the flush the closure wrapper runs: one typed import, by `x`.
#[js_export]
fn p14s_x(x: i32) -> i32 {
    match x {
        1 => match TB.with(|t| t.borrow().as_ref().unwrap().call((1,))) {
            Ok(p) => {
                seen("TypedBinding::bind_async call: Ok".into());
                HELD_TB.with(|h| h.borrow_mut().push(p));
            }
            Err(e) => seen(format!("TypedBinding::bind_async call: Err({e})")),
        },
        2 => {
            let mut f: Held = Box::pin(never(2));
            match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
                Poll::Ready(r) => seen(format!(
                    "async #[js_import]: {:?}",
                    r.map_err(|e| e.to_string())
                )),
                Poll::Pending => {
                    seen("async #[js_import]: Pending".into());
                    HELD_MACRO.with(|h| h.borrow_mut().push(f));
                }
            }
        }
        3 => seen(format!(
            "sync typed import echo_r(3): {:?}",
            echo_r(3).map_err(|e| e.to_string())
        )),
        _ => {}
    }
    x
}

/// Runs the scenario with victim `victim`: the closure's re-entrant call (refused, slot path
/// asked for) happens while the closure's queued call of `p14s_x(victim)` is pending.
fn scenario(slot: u32, victim: i32) -> (String, Vec<String>) {
    let inner: Rc<RefCell<Vec<String>>> = Rc::default();
    let i2 = inner.clone();
    let c = JsClosure::new(move |x: i32| -> i32 {
        if x > 0 {
            call_export_queued("p14s_x", victim);
            // Re-entered through wasm-bindgen (no slotwire crossing before it): the typed entry
            // refuses (the closure is running) and asks for the slot path.
            i2.borrow_mut().push(tp_call(slot, f64::from(x - 1)));
        }
        x * 2
    });
    keep(slot, &c);
    // A real throw just before: the fast area's exception slot then names its message.
    assert!(thrower(slot as i32).is_err());
    let outer = tp_call(slot, 1.0);
    drop(c);
    let r = (outer, inner.borrow().clone());
    r
}

#[wasm_bindgen_test]
async fn slot_path_request_then_flush_then_typed_import() {
    install_js(&rt());
    install_p14s();
    TB.with(|t| {
        *t.borrow_mut() = Some(TypedBinding::bind_async("globalThis.p14s.never", None).unwrap())
    });
    // Bind everything first (a bind is a crossing).
    let _ = echo_r(0);
    let mut f: Held = Box::pin(never(0));
    let _ = f.as_mut().poll(&mut Context::from_waker(Waker::noop()));
    drop(f);
    drop(
        TB.with(|t| t.borrow().as_ref().unwrap().call((0,)))
            .unwrap(),
    );
    call_export_queued("p14s_x", 0);
    batch::flush().unwrap();
    tp_clear();
    assert_eq!((census().promises, js_census("promises")), (0, 0.0));

    let already = "this Rust closure is already running";
    let expected_in_flush = [
        "TypedBinding::bind_async call: Ok",
        "async #[js_import]: Pending",
        "sync typed import echo_r(3): Ok(3)",
    ];
    for (victim, expected) in [1, 2, 3].into_iter().zip(expected_in_flush) {
        SEEN.with(|s| s.borrow_mut().clear());
        let (outer, inner) = scenario(10 + victim as u32, victim);
        let seen = SEEN.with(|s| s.borrow().clone());
        assert_eq!(outer, "ok:2", "victim {victim}: the outer call's value");
        assert_eq!(inner.len(), 1);
        assert!(
            inner[0].contains(already),
            "victim {victim}: the re-entrant call: {inner:?}"
        );
        assert_eq!(
            seen,
            [expected],
            "victim {victim}: the import made during the flush"
        );
        // A held future is on both sides; dropped, on neither.
        assert_eq!(
            census().promises as f64,
            js_census("promises"),
            "victim {victim}"
        );
        HELD_TB.with(|h| h.borrow_mut().clear());
        HELD_MACRO.with(|h| h.borrow_mut().clear());
        assert_eq!(
            (census().promises, js_census("promises")),
            (0, 0.0),
            "victim {victim}"
        );
    }
}

/// The same with an `f64` closure (its typed entry's sentinel is NaN): victim the async
/// TypedBinding.
#[wasm_bindgen_test]
async fn f64_closure_variant() {
    install_js(&rt());
    install_p14s();
    TB.with(|t| {
        if t.borrow().is_none() {
            *t.borrow_mut() =
                Some(TypedBinding::bind_async("globalThis.p14s.never", None).unwrap());
        }
    });
    drop(
        TB.with(|t| t.borrow().as_ref().unwrap().call((0,)))
            .unwrap(),
    );
    call_export_queued("p14s_x", 0);
    batch::flush().unwrap();
    let js_before = js_census("promises");
    SEEN.with(|s| s.borrow_mut().clear());
    let inner: Rc<RefCell<Vec<String>>> = Rc::default();
    let i2 = inner.clone();
    let c = JsClosure::new(move |x: f64| -> f64 {
        if x > 0.0 {
            call_export_queued("p14s_x", 1);
            i2.borrow_mut().push(tp_call(20, x - 1.0));
        }
        x * 2.0
    });
    keep(20, &c);
    let outer = tp_call(20, 1.0);
    drop(c);
    let seen = SEEN.with(|s| s.borrow().clone());
    HELD_TB.with(|h| h.borrow_mut().clear());
    assert_eq!(outer, "ok:2");
    let inner = inner.borrow().clone();
    assert_eq!(inner.len(), 1);
    assert!(
        inner[0].contains("this Rust closure is already running"),
        "{inner:?}"
    );
    assert_eq!(seen, ["TypedBinding::bind_async call: Ok"]);
    assert_eq!(js_census("promises"), js_before);
}

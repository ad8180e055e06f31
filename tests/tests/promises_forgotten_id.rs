//! A promise id JS forgot (Rust dropped its future before the promise settled) handed out again
//! (after 2^32 promises, simulated by setting the counter) while the forgotten promise's `wait`
//! still runs: when that promise settles, it must not settle the new registration of the id
//! (ADVERSARIAL-FINDINGS.md, tenth session (fixes): T4; it once did, with its value written as
//! the old type). Its own binary: it sets the JS runtime's promise id counter.
#![cfg(target_arch = "wasm32")]

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Wake, Waker};

use slotwire::census;
use slotwire::prelude::*;
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
const res = new Map();
export function installProbe3(rt) {
  rt.importModule("p3p", {
    hold: (k) => new Promise((resolve, reject) => res.set(k, { resolve, reject })),
    holdStr: (k) => new Promise((resolve, reject) => res.set(k, { resolve: (v) => resolve("s" + v), reject })),
  });
}
export function resolveKey3(k) { const r = res.get(k); if (!r) throw new Error("no key " + k); res.delete(k); r.resolve(k * 2); }
export function setNext3(rt, n) { rt.heap.promises.next = n; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = installProbe3)]
    fn install_probe(rt: &JsValue);
    #[wasm_bindgen(js_name = resolveKey3)]
    fn resolve_key(k: u32);
    #[wasm_bindgen(js_name = setNext3)]
    fn set_next(rt: &JsValue, n: f64);
}

#[js_import("hold", module = "p3p")]
async fn hold(k: u32) -> Result<i32, JsError>;
#[js_import("holdStr", module = "p3p")]
async fn hold_str(k: u32) -> Result<String, JsError>;
#[js_import("delay", module = "t")]
async fn delay(ms: u32, v: i32) -> Result<i32, JsError>;

struct Count(AtomicUsize);
impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

async fn tick() {
    delay(0, 0).await.unwrap();
}

/// Future 1 (an `i32`, id 1) polled once and dropped: JS forgets id 1, its promise still
/// pending. 2^32 promises later (simulated) future 2 (a `String`) gets id 1. Promise 1 settles:
/// future 2 must not be settled by it (it was: with promise 1's value, decoded as a String).
#[wasm_bindgen_test]
async fn a_forgotten_id_handed_out_again_is_not_settled_by_the_forgotten_promise() {
    slotwire_e2e::register_test_module();
    install_probe(&rt());
    tick().await;
    let base = (census().promises, js_census("promises"));
    let r = rt();
    set_next(&r, 0.0);
    let c1 = Arc::new(Count(AtomicUsize::new(0)));
    let w1 = Waker::from(c1.clone());
    let mut first = Box::pin(hold(900_001)); // id 1
    assert!(first
        .as_mut()
        .poll(&mut Context::from_waker(&w1))
        .is_pending());
    drop(first); // JS forgets id 1; promise 1 still pending
    set_next(&r, 0.0);
    let c2 = Arc::new(Count(AtomicUsize::new(0)));
    let w2 = Waker::from(c2.clone());
    let mut second = Box::pin(hold_str(900_002)); // id 1 again
    assert!(second
        .as_mut()
        .poll(&mut Context::from_waker(&w2))
        .is_pending());
    resolve_key(900_001); // the forgotten promise settles
    tick().await;
    let early = format!("{:?}", second.as_mut().poll(&mut Context::from_waker(&w2)));
    let woke_early = c2.0.load(Ordering::SeqCst);
    resolve_key(900_002);
    tick().await;
    tick().await;
    let late = if early == "Pending" {
        format!("{:?}", second.as_mut().poll(&mut Context::from_waker(&w2)))
    } else {
        "(done already)".to_string()
    };
    drop(second);
    tick().await;
    assert_eq!(
        (early.as_str(), woke_early, late.as_str()),
        ("Pending", 0, r#"Ready(Ok("s1800004"))"#),
        "(second's poll after promise 1 settled, its wakes then, its poll after promise 2 settled)"
    );
    assert_eq!(
        (census().promises, js_census("promises")),
        base,
        "census back"
    );
}

//! A promise's value is written by JS (`PromiseTable.settle`) with user code running (an array
//! element's getter), and that code may register promises: none may take the settling promise's
//! id before Rust has its outcome (eleventh session, P1: JS freed the id before writing, so with
//! the id counter come round — set here, as promises_ids.rs does — a new future took the id in
//! Rust, the first future got a made-up error and the new one got the first one's value, read as
//! its own type). Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
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
let RT = null;
let hook = null;
export function installProbe(rt) {
  RT = rt;
  rt.importModule("settle_window", {
    holdVec: (k) => new Promise((resolve, reject) => res.set(k, { resolve, reject })),
    holdStr: (k) => new Promise((resolve, reject) => res.set(k, { resolve: (v) => resolve("s" + v), reject })),
  });
}
export function resolveKey(k) { const r = res.get(k); if (!r) throw new Error("no key " + k); res.delete(k); r.resolve(k * 2); }
// Resolves key k with [65], whose element getter runs `exportName` after setting the id counter
// so that the next id JS hands out is `id`.
export function resolveHostile(k, id, exportNames) {
  const r = res.get(k); res.delete(k);
  const arr = [0];
  let ran = false;
  Object.defineProperty(arr, 0, { enumerable: true, get() {
    if (!ran) {
      ran = true;
      RT.heap.promises.next = id - 1;
      for (const name of exportNames.split(",")) RT.exports[name]();
    }
    return 65;
  } });
  r.resolve(arr);
}
export function setNext(rt, n) { rt.heap.promises.next = n; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = installProbe)]
    fn install_probe(rt: &JsValue);
    #[wasm_bindgen(js_name = resolveKey)]
    fn resolve_key(k: u32);
    #[wasm_bindgen(js_name = resolveHostile)]
    fn resolve_hostile(k: u32, id: u32, export_names: &str);
    #[wasm_bindgen(js_name = setNext)]
    fn set_next(rt: &JsValue, n: f64);
}

#[js_import("holdVec", module = "settle_window")]
async fn hold_vec(k: u32) -> Result<Vec<i32>, JsError>;
#[js_import("holdStr", module = "settle_window")]
async fn hold_str(k: u32) -> Result<String, JsError>;
#[js_import("delay", module = "t")]
async fn delay(ms: u32, v: i32) -> Result<i32, JsError>;

type Boxed<T> = Pin<Box<dyn Future<Output = Result<T, JsError>>>>;

thread_local! {
    static A: RefCell<Option<Boxed<Vec<i32>>>> = const { RefCell::new(None) };
    static B: RefCell<Option<Boxed<String>>> = const { RefCell::new(None) };
    static B_WAKES: Arc<Count> = Arc::new(Count(AtomicUsize::new(0)));
    static B_KEY: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

struct Count(AtomicUsize);
impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn b_waker() -> Waker {
    Waker::from(B_WAKES.with(Arc::clone))
}

/// Called by JS from inside the writer of A's value: starts B (a String import) and polls it
/// once, so that it registers (and takes the id JS hands out next).
#[js_export]
fn sw_window_register_b() {
    let mut b: Boxed<String> = Box::pin(hold_str(B_KEY.with(|k| k.get())));
    assert!(b
        .as_mut()
        .poll(&mut Context::from_waker(&b_waker()))
        .is_pending());
    B.with(|s| *s.borrow_mut() = Some(b));
}

/// Called by JS from inside the writer of A's value: drops A (its future still registered in
/// Rust, its id already free in JS).
#[js_export]
fn sw_window_drop_a() {
    A.with(|a| a.borrow_mut().take());
}

fn poll_b() -> String {
    B.with(|b| {
        let mut b = b.borrow_mut();
        match b.as_mut() {
            None => "(no B)".to_string(),
            Some(f) => format!(
                "{:?}",
                f.as_mut().poll(&mut Context::from_waker(&b_waker()))
            ),
        }
    })
}

fn setup() {
    slotwire_e2e::register_test_module();
    install_probe(&rt());
}

async fn tick() {
    delay(0, 0).await.unwrap();
}

/// A (a `Vec<i32>` import, id 7) is pending; its promise resolves with `[65]` whose element getter
/// registers B (a `String` import) with the id counter set to hand out 7 next. A must
/// get `[65]`, B its own value later. (Before the fix: A got "handed out again" and B got A's
/// value read as a String.)
#[wasm_bindgen_test]
async fn an_id_handed_out_while_js_writes_the_value_keeps_each_future_its_own_value() {
    setup();
    tick().await;
    let base = (census().promises, js_census("promises"));
    B_KEY.with(|k| k.set(12_002));
    set_next(&rt(), 6.0);
    let a_wakes = Arc::new(Count(AtomicUsize::new(0)));
    let wa = Waker::from(a_wakes.clone());
    let mut a: Boxed<Vec<i32>> = Box::pin(hold_vec(12_001)); // id 7
    assert!(a.as_mut().poll(&mut Context::from_waker(&wa)).is_pending());
    resolve_hostile(12_001, 7, "sw_window_register_b");
    tick().await;
    let got_a = format!("{:?}", a.as_mut().poll(&mut Context::from_waker(&wa)));
    let (got_b, b_wakes, late_b) = b_then_its_own_promise(12_002).await;
    assert_eq!(
        (got_a.as_str(), got_b.as_str(), b_wakes, late_b.as_str()),
        ("Ready(Ok([65]))", "Pending", 0, r#"Ready(Ok("s24004"))"#),
        "(A's poll, B's poll after A settled, B's wakes then, B's poll after its own promise settled)"
    );
    assert_eq!(
        (census().promises, js_census("promises")),
        base,
        "census back"
    );
}

/// B's poll now and its wakes so far; then, its own promise (`key`) settled, its poll again (or
/// "(done already)"); B dropped.
async fn b_then_its_own_promise(key: u32) -> (String, usize, String) {
    let got_b = poll_b();
    let b_wakes = B_WAKES.with(|c| c.0.load(Ordering::SeqCst));
    resolve_key(key);
    tick().await;
    let late_b = if got_b == "Pending" {
        poll_b()
    } else {
        "(done already)".into()
    };
    B.with(|b| b.borrow_mut().take());
    tick().await;
    (got_b, b_wakes, late_b)
}

/// The same window, with A dropped first (from an export the getter calls), then B registered:
/// B must not get A's value.
#[wasm_bindgen_test]
async fn a_future_dropped_while_js_writes_its_value_does_not_settle_the_next_holder_of_its_id() {
    setup();
    tick().await;
    B_WAKES.with(|c| c.0.store(0, Ordering::SeqCst));
    let base = (census().promises, js_census("promises"));
    B_KEY.with(|k| k.set(12_012));
    set_next(&rt(), 16.0);
    let mut a: Boxed<Vec<i32>> = Box::pin(hold_vec(12_011)); // id 17
    assert!(a
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
        .is_pending());
    A.with(|s| *s.borrow_mut() = Some(a));
    resolve_hostile(12_011, 17, "sw_window_drop_a,sw_window_register_b");
    tick().await;
    let (got_b, b_wakes, late_b) = b_then_its_own_promise(12_012).await;
    assert_eq!(
        (got_b.as_str(), b_wakes, late_b.as_str()),
        ("Pending", 0, r#"Ready(Ok("s24024"))"#),
        "(B's poll after A's promise settled, B's wakes then, B's poll after its own settled)"
    );
    assert_eq!(
        (census().promises, js_census("promises")),
        base,
        "census back"
    );
}

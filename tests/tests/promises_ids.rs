//! Promise ids that come round again (of promises awaited, settled and unpolled, or forgotten),
//! and wakers dropped by the table of pending promises (ADVERSARIAL-FINDINGS.md, tenth session:
//! T1, T2, T4). Its own binary: it sets the JS runtime's promise id counter.
#![cfg(target_arch = "wasm32")]

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use slotwire::prelude::*;
use slotwire::{census, JsPromise};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
const res = new Map();
export function installProbe(rt) {
  rt.importModule("p", {
    hold: (k) => new Promise((resolve, reject) => res.set(k, { resolve, reject })),
    holdStr: (k) => new Promise((resolve, reject) => res.set(k, { resolve: (v) => resolve("s" + v), reject })),
  });
}
export function resolveKey(k) { const r = res.get(k); if (!r) throw new Error("no key " + k); res.delete(k); r.resolve(k * 2); }
export function setNext(rt, n) { rt.heap.promises.next = n; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = installProbe)]
    fn install_probe(rt: &JsValue);
    #[wasm_bindgen(js_name = resolveKey)]
    fn resolve_key(k: u32);
    #[wasm_bindgen(js_name = setNext)]
    fn set_next(rt: &JsValue, n: f64);
}

#[js_import("hold", module = "p")]
async fn hold(k: u32) -> Result<i32, JsError>;
#[js_import("holdStr", module = "p")]
async fn hold_str(k: u32) -> Result<String, JsError>;
#[js_import("delay", module = "t")]
async fn delay(ms: u32, v: i32) -> Result<i32, JsError>;

fn setup() {
    slotwire_e2e::register_test_module();
    install_probe(&rt());
}

struct Count(AtomicUsize);
impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}
fn counter() -> (Arc<Count>, Waker) {
    let c = Arc::new(Count(AtomicUsize::new(0)));
    (c.clone(), Waker::from(c))
}

async fn tick() {
    delay(0, 0).await.unwrap();
}

/// The id counter (`PromiseTable.next`, js-runtime/src/promise.js) wraps to 1 (`|| 1`) after
/// 2^32 - 1 promises (simulated here by setting it) while the promise registered under id 1 is
/// still awaited: the new promise must get another id. (It got id 1 again: JS and Rust kept one
/// entry for two futures, the first to settle was decoded as the other's type and delivered to
/// it, and the other future was never woken.)
#[wasm_bindgen_test]
async fn wrapped_promise_id_reuses_an_id_still_awaited() {
    setup();
    let r = rt();
    set_next(&r, 0.0);
    let (c1, w1) = counter();
    let mut first = Box::pin(hold(800_001)); // id 1, awaits an i32
    assert!(first
        .as_mut()
        .poll(&mut Context::from_waker(&w1))
        .is_pending());
    // 2^32 - 1 promises later (simulated): next = 0xffffffff + 1 -> 0 -> `|| 1` -> 1.
    set_next(&r, 4294967295.0);
    let (c2, w2) = counter();
    let mut second = Box::pin(hold_str(800_002)); // id 1 again, awaits a String
    assert!(second
        .as_mut()
        .poll(&mut Context::from_waker(&w2))
        .is_pending());
    // The first promise settles (with 1_600_002) while the second is still pending.
    resolve_key(800_001);
    tick().await;
    let woke = (c1.0.load(Ordering::SeqCst), c2.0.load(Ordering::SeqCst));
    let got_second = second.as_mut().poll(&mut Context::from_waker(&w2));
    let got_first = first.as_mut().poll(&mut Context::from_waker(&w1));
    assert_eq!(
        (woke, format!("{got_first:?}"), format!("{got_second:?}")),
        (
            (1, 0),
            "Ready(Ok(1600002))".to_string(),
            "Pending".to_string()
        ),
        "(wakes of first, second), first's poll, second's poll"
    );
    assert_eq!(
        census().promises,
        1,
        "the second future still awaits (Rust)"
    );
    assert_eq!(
        js_census("promises"),
        1.0,
        "the second promise still pending (JS)"
    );
    resolve_key(800_002);
    tick().await;
    assert_eq!(
        second.as_mut().poll(&mut Context::from_waker(&w2)),
        Poll::Ready(Ok("s1600004".to_string()))
    );
}

/// The id counter wraps onto the id of a promise that settled but whose future has not taken its
/// value yet (JS forgets an id once settled; Rust keeps the outcome until the future is polled):
/// the new promise may take the id, and each future still gets its own value.
#[wasm_bindgen_test]
async fn wrapped_promise_id_of_a_settled_unpolled_promise() {
    setup();
    let r = rt();
    set_next(&r, 0.0);
    let (c1, w1) = counter();
    let mut first = Box::pin(hold(900_001)); // id 1, an i32
    assert!(first
        .as_mut()
        .poll(&mut Context::from_waker(&w1))
        .is_pending());
    resolve_key(900_001);
    tick().await; // settled in Rust's table, not polled
    assert_eq!(c1.0.load(Ordering::SeqCst), 1);
    set_next(&r, 4294967295.0);
    let (c2, w2) = counter();
    let mut second = Box::pin(hold_str(900_002)); // id 1 again: the first's id is free in JS
    assert!(second
        .as_mut()
        .poll(&mut Context::from_waker(&w2))
        .is_pending());
    assert_eq!(census().promises, 2);
    assert_eq!(
        first.as_mut().poll(&mut Context::from_waker(&w1)),
        Poll::Ready(Ok(1_800_002)),
        "the first future's own value, not the second's"
    );
    assert!(second
        .as_mut()
        .poll(&mut Context::from_waker(&w2))
        .is_pending());
    resolve_key(900_002);
    tick().await;
    assert_eq!(c2.0.load(Ordering::SeqCst), 1);
    assert_eq!(
        second.as_mut().poll(&mut Context::from_waker(&w2)),
        Poll::Ready(Ok("s1800004".to_string()))
    );
    assert_eq!(census().promises, 0);
    assert_eq!(js_census("promises"), 0.0);
}

/// The same, with the first future dropped instead of polled: its kept outcome goes with it.
#[wasm_bindgen_test]
async fn wrapped_promise_id_then_the_settled_future_dropped() {
    setup();
    let r = rt();
    set_next(&r, 0.0);
    let first = hold(900_011);
    let mut first = Box::pin(first);
    assert!(first
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
        .is_pending());
    resolve_key(900_011);
    tick().await;
    set_next(&r, 4294967295.0);
    let mut second = Box::pin(hold_str(900_012));
    assert!(second
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
        .is_pending());
    drop(first);
    assert_eq!(census().promises, 1, "the second still awaits");
    resolve_key(900_012);
    tick().await;
    assert_eq!(
        second
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop())),
        Poll::Ready(Ok("s1800024".to_string()))
    );
    assert_eq!(census().promises, 0);
}

/// A waker that owns another promise's future (e.g. a task's waker keeping the task alive),
/// made by hand: a `JsPromise` is not `Send`, and `Waker::from` wants an `Arc<W: Send + Sync>`.
fn owning_waker(p: JsPromise<i32>) -> Waker {
    use std::rc::Rc;
    use std::task::{RawWaker, RawWakerVTable};
    unsafe fn clone(d: *const ()) -> RawWaker {
        // SAFETY: `d` is a live `Rc<JsPromise<i32>>` of this vtable (one more count for the clone).
        unsafe { Rc::increment_strong_count(d.cast::<JsPromise<i32>>()) };
        RawWaker::new(d, &VTABLE)
    }
    unsafe fn release(d: *const ()) {
        // SAFETY: gives back the count this waker held.
        drop(unsafe { Rc::from_raw(d.cast::<JsPromise<i32>>()) });
    }
    fn wake_by_ref(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, release, wake_by_ref, release);
    let data = Rc::into_raw(Rc::new(p)).cast::<()>();
    // SAFETY: the vtable keeps the `Rc`'s count right; these wasm32 tests run on one thread, so
    // the `Rc` is never touched from two.
    unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) }
}

/// Poll P1 with a waker that owns P2 (and is its last owner), then poll P1 with another waker:
/// the old waker — and with it P2 — is dropped, and P2's Drop uses the table of pending promises.
/// (It was dropped while `JsPromise::poll` borrowed that table: "already borrowed", a trap.)
#[wasm_bindgen_test]
fn replacing_a_waker_that_owns_another_promise() {
    slotwire_e2e::register_test_module();
    let never = TypedBinding::<(), JsPromise<i32>>::bind_async("never", Some("t")).unwrap();
    let p2 = never.call(()).unwrap();
    let mut p1 = Box::pin(never.call(()).unwrap());
    let w1 = owning_waker(p2);
    assert!(p1.as_mut().poll(&mut Context::from_waker(&w1)).is_pending());
    drop(w1); // the table's clone is the last owner of P2
    assert_eq!(census().promises, 2);
    let w2 = Waker::noop();
    assert!(p1.as_mut().poll(&mut Context::from_waker(w2)).is_pending());
    assert_eq!(
        census().promises,
        1,
        "P2 forgotten with the waker that owned it"
    );
    drop(p1);
    assert_eq!(census().promises, 0);
}

/// Future 1 (an `i32`, id 1) polled once and dropped: JS forgets id 1, its promise still
/// pending. 2^32 promises later (simulated) future 2 (a `String`) gets id 1. Promise 1 settles:
/// future 2 must not be settled by it (it was: with promise 1's value, decoded as a String;
/// ADVERSARIAL-FINDINGS.md, tenth session (fixes): T4).
#[wasm_bindgen_test]
async fn a_forgotten_id_handed_out_again_is_not_settled_by_the_forgotten_promise() {
    setup();
    tick().await;
    let base = (census().promises, js_census("promises"));
    let r = rt();
    set_next(&r, 0.0);
    let c1 = Arc::new(Count(AtomicUsize::new(0)));
    let w1 = Waker::from(c1.clone());
    let mut first = Box::pin(hold(950_001)); // id 1
    assert!(first
        .as_mut()
        .poll(&mut Context::from_waker(&w1))
        .is_pending());
    drop(first); // JS forgets id 1; promise 1 still pending
    set_next(&r, 0.0);
    let c2 = Arc::new(Count(AtomicUsize::new(0)));
    let w2 = Waker::from(c2.clone());
    let mut second = Box::pin(hold_str(950_002)); // id 1 again
    assert!(second
        .as_mut()
        .poll(&mut Context::from_waker(&w2))
        .is_pending());
    resolve_key(950_001); // the forgotten promise settles
    tick().await;
    let early = format!("{:?}", second.as_mut().poll(&mut Context::from_waker(&w2)));
    let woke_early = c2.0.load(Ordering::SeqCst);
    resolve_key(950_002);
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
        ("Pending", 0, r#"Ready(Ok("s1900004"))"#),
        "(second's poll after promise 1 settled, its wakes then, its poll after promise 2 settled)"
    );
    assert_eq!(
        (census().promises, js_census("promises")),
        base,
        "census back"
    );
}

//! Probe 15: slotwire's executor (spawn, run_ready, TaskWaker) and JsPromise under adversarial use.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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
globalThis.p15 = {
  hold: (k) => new Promise((resolve, reject) => res.set(k, { resolve, reject })),
  resolveKey: (k, v) => { const r = res.get(k); if (!r) throw new Error("no key " + k); res.delete(k); r.resolve(v); },
  log: [],
};
export function resolveKey(k, v) { globalThis.p15.resolveKey(k, v); }
export function hasKey(k) { return res.has(k); }
export function callExport(rt, name, arg) { return rt.exports[name](arg); }
export function poisoned(rt) { return rt.poisoned; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = resolveKey)]
    fn resolve_key(k: u32, v: i32);
    #[wasm_bindgen(js_name = hasKey)]
    fn has_key(k: u32) -> bool;
    #[wasm_bindgen(js_name = callExport)]
    fn call_export(rt: &JsValue, name: &str, arg: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = poisoned)]
    fn poisoned(rt: &JsValue) -> JsValue;
}

thread_local! {
    static HOLD: slotwire::TypedBinding<(u32,), JsPromise<i32>> =
        slotwire::TypedBinding::bind_async("globalThis.p15.hold", None).unwrap();
}
fn hold(k: u32) -> JsPromise<i32> {
    HOLD.with(|h| h.call((k,)).unwrap())
}
#[js_import("delay", module = "t")]
async fn delay(ms: u32, v: i32) -> Result<i32, JsError>;

fn setup() {
    slotwire_e2e::register_test_module();
}

async fn tick() {
    delay(0, 0).await.unwrap();
}

async fn wait_until(what: &str, f: impl Fn() -> bool) {
    for _ in 0..2000 {
        if f() {
            return;
        }
        delay(1, 0).await.unwrap();
    }
    panic!("timed out waiting for {what}");
}

fn baseline() -> (usize, usize) {
    let c = census();
    (c.promises, c.async_exports)
}

// ---------------------------------------------------------------------------------------------
// 1. A task that spawns many tasks (and chains) while it is being polled.

#[wasm_bindgen_test]
async fn spawn_storm_inside_a_poll() {
    setup();
    let base = baseline();
    let done = Rc::new(Cell::new(0u32));
    let sum = Rc::new(Cell::new(0i64));
    const N: u32 = 1500;
    let (d, s) = (done.clone(), sum.clone());
    slotwire::spawn(async move {
        for i in 0..N {
            let (d, s) = (d.clone(), s.clone());
            slotwire::spawn(async move {
                // A chain: each child spawns a grandchild that spawns another.
                let (d2, s2) = (d.clone(), s.clone());
                slotwire::spawn(async move {
                    let v = delay(0, i as i32).await.unwrap();
                    s2.set(s2.get() + v as i64);
                    let d3 = d2.clone();
                    slotwire::spawn(async move { d3.set(d3.get() + 1) });
                    d2.set(d2.get() + 1);
                });
                let v = delay(0, i as i32).await.unwrap();
                s.set(s.get() + v as i64);
                d.set(d.get() + 1);
            });
        }
    });
    wait_until("all tasks", || done.get() == 3 * N).await;
    tick().await;
    let expect: i64 = 2 * (0..N as i64).sum::<i64>();
    assert_eq!(sum.get(), expect);
    assert_eq!(done.get(), 3 * N, "no task ran twice to completion");
    assert_eq!(baseline(), base, "census back (promises, async_exports)");
    assert_eq!(js_census("promises"), 0.0);
}

// ---------------------------------------------------------------------------------------------
// 2. A task that wakes itself while it is being polled (wake_by_ref, wake of a clone, a clone
//    woken from another task's poll) must be polled again.

struct SelfWake {
    polls: Rc<Cell<u32>>,
    mode: u8,
    stash: Rc<RefCell<Option<Waker>>>,
}

impl Future for SelfWake {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let n = self.polls.get() + 1;
        self.polls.set(n);
        if n >= 6 {
            return Poll::Ready(());
        }
        match self.mode {
            0 => cx.waker().wake_by_ref(),
            1 => cx.waker().clone().wake(),
            2 => {
                // The same task's waker woken twice in one poll.
                cx.waker().wake_by_ref();
                cx.waker().clone().wake();
            }
            _ => {
                // Stashed: another task wakes it.
                *self.stash.borrow_mut() = Some(cx.waker().clone());
            }
        }
        Poll::Pending
    }
}

#[wasm_bindgen_test]
async fn a_task_woken_during_its_own_poll_is_polled_again() {
    setup();
    let base = baseline();
    let mut counters = vec![];
    for mode in 0..3u8 {
        let polls = Rc::new(Cell::new(0));
        counters.push(polls.clone());
        slotwire::spawn(SelfWake {
            polls,
            mode,
            stash: Rc::new(RefCell::new(None)),
        });
    }
    // Mode 3: a second task wakes the first from inside its own poll, repeatedly.
    let stash = Rc::new(RefCell::new(None::<Waker>));
    let polls = Rc::new(Cell::new(0));
    counters.push(polls.clone());
    slotwire::spawn(SelfWake {
        polls: polls.clone(),
        mode: 3,
        stash: stash.clone(),
    });
    let st = stash.clone();
    let p2 = polls.clone();
    slotwire::spawn(async move {
        while p2.get() < 6 {
            if let Some(w) = st.borrow_mut().take() {
                w.wake();
            }
            delay(0, 0).await.unwrap();
        }
    });
    tick().await;
    tick().await;
    wait_until("self-wakers", || counters.iter().all(|c| c.get() == 6)).await;
    let got: Vec<u32> = counters.iter().map(|c| c.get()).collect();
    assert_eq!(got, vec![6, 6, 6, 6], "polls per mode (6: not polled after Ready)");
    tick().await;
    assert_eq!(baseline(), base);
}

// ---------------------------------------------------------------------------------------------
// 3. Wakers kept after their task completed, woken much later, from everywhere.

thread_local! {
    static KEPT: RefCell<Vec<Waker>> = const { RefCell::new(Vec::new()) };
}

struct KeepWaker(bool);
impl Future for KeepWaker {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        KEPT.with(|k| k.borrow_mut().push(cx.waker().clone()));
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

struct WakeAllOnDrop;
impl Drop for WakeAllOnDrop {
    fn drop(&mut self) {
        let ws = KEPT.with(|k| k.borrow().clone());
        for w in ws {
            w.wake_by_ref();
            w.wake();
        }
    }
}

#[wasm_bindgen_test]
async fn stale_wakers_of_finished_tasks_woken_later() {
    setup();
    let base = baseline();
    for _ in 0..50 {
        slotwire::spawn(KeepWaker(false));
    }
    tick().await;
    assert_eq!(baseline(), base, "all finished");
    // A live task counting its polls: a stale wake must not complete or break it.
    let polls = Rc::new(Cell::new(0));
    let p = polls.clone();
    let live_done = Rc::new(Cell::new(false));
    let ld = live_done.clone();
    slotwire::spawn(async move {
        p.set(p.get() + 1);
        let v = hold(150_001).await.unwrap();
        p.set(p.get() + 1);
        assert_eq!(v, 77);
        ld.set(true);
    });
    tick().await;
    // Woken from the test's own executor (outside any slotwire run).
    let ws = KEPT.with(|k| k.borrow().clone());
    for w in &ws {
        w.wake_by_ref();
    }
    for w in ws.clone() {
        w.wake();
    }
    tick().await;
    // Woken from inside another slotwire task's poll and from a Drop inside a poll.
    slotwire::spawn(async move {
        let _guard = WakeAllOnDrop;
        let ws = KEPT.with(|k| k.borrow().clone());
        for w in ws {
            w.wake();
        }
        delay(0, 0).await.unwrap();
    });
    tick().await;
    tick().await;
    assert!(!live_done.get());
    assert_eq!(polls.get(), 1);
    resolve_key(150_001, 77);
    wait_until("live task", || live_done.get()).await;
    // Woken from inside a JsPromise settle (the waker of a task awaiting it wakes stale ones).
    slotwire::spawn(async move {
        let _g = WakeAllOnDrop;
        hold(150_002).await.unwrap();
    });
    tick().await;
    resolve_key(150_002, 1);
    tick().await;
    tick().await;
    KEPT.with(|k| k.borrow_mut().clear());
    assert_eq!(baseline(), base);
    assert_eq!(js_census("promises"), 0.0);
}

// ---------------------------------------------------------------------------------------------
// 4. A task's Drop (inside its poll) spawns tasks, wakes others, and drops another task's
//    JsPromise.

type Slot = Rc<RefCell<Option<JsPromise<i32>>>>;

/// Polls the promise in `slot`; Ready(None) once the slot is emptied by someone else.
struct FromSlot(Slot, Rc<RefCell<Option<Waker>>>);
impl Future for FromSlot {
    type Output = Option<Result<i32, JsError>>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        *self.1.borrow_mut() = Some(cx.waker().clone());
        let mut p = match self.0.borrow_mut().take() {
            None => return Poll::Ready(None),
            Some(p) => p,
        };
        let r = Pin::new(&mut p).poll(cx);
        match r {
            Poll::Ready(v) => Poll::Ready(Some(v)),
            Poll::Pending => {
                *self.0.borrow_mut() = Some(p);
                Poll::Pending
            }
        }
    }
}

struct Chaos {
    victim: Slot,
    victim_waker: Rc<RefCell<Option<Waker>>>,
    spawned: Rc<Cell<u32>>,
}
impl Drop for Chaos {
    fn drop(&mut self) {
        let p = self.victim.borrow_mut().take();
        drop(p); // another task's JsPromise, unsettled
        for _ in 0..10 {
            let s = self.spawned.clone();
            slotwire::spawn(async move {
                delay(0, 0).await.unwrap();
                s.set(s.get() + 1);
            });
        }
        if let Some(w) = self.victim_waker.borrow_mut().take() {
            w.wake_by_ref();
            w.wake();
        }
    }
}

#[wasm_bindgen_test]
async fn a_drop_inside_a_poll_spawns_wakes_and_drops_promises() {
    setup();
    let base = baseline();
    let slot: Slot = Rc::new(RefCell::new(None));
    let vw = Rc::new(RefCell::new(None));
    let victim_out = Rc::new(RefCell::new(None::<String>));
    let (s2, vw2, vo) = (slot.clone(), vw.clone(), victim_out.clone());
    slotwire::spawn(async move {
        *s2.borrow_mut() = Some(hold(150_010));
        let r = FromSlot(s2, vw2).await;
        *vo.borrow_mut() = Some(format!("{r:?}"));
    });
    tick().await;
    assert!(has_key(150_010));
    assert_eq!(census().promises, base.0 + 1);
    let spawned = Rc::new(Cell::new(0));
    let chaos = Chaos {
        victim: slot.clone(),
        victim_waker: vw.clone(),
        spawned: spawned.clone(),
    };
    slotwire::spawn(async move {
        delay(0, 0).await.unwrap();
        drop(chaos);
        delay(0, 0).await.unwrap();
    });
    wait_until("chaos", || spawned.get() == 10 && victim_out.borrow().is_some()).await;
    assert_eq!(victim_out.borrow().as_deref(), Some("None"));
    tick().await;
    assert_eq!(baseline(), base, "census");
    assert_eq!(js_census("promises"), 0.0, "the dropped promise forgotten in JS");
    // Resolving the forgotten promise later changes nothing.
    resolve_key(150_010, 5);
    tick().await;
    assert_eq!(baseline(), base);
}

// ---------------------------------------------------------------------------------------------
// 5. A JsPromise polled from two tasks alternately, moved between them, polled after Ready.

#[wasm_bindgen_test]
async fn a_promise_polled_by_two_tasks_alternately_wakes_the_last() {
    setup();
    let base = baseline();
    let slot: Slot = Rc::new(RefCell::new(Some(hold(150_020))));
    let turn = Rc::new(Cell::new(0u32));
    let outs = Rc::new(RefCell::new(Vec::<String>::new()));
    // Task A polls the promise on its turns 0, 2, 4; B on 1, 3, 5; then A finishes without it
    // and B waits for it.
    let mk = |me: u32| {
        let (slot, turn, outs) = (slot.clone(), turn.clone(), outs.clone());
        async move {
            let wk = Rc::new(RefCell::new(None));
            loop {
                let t = turn.get();
                if t >= 6 {
                    break;
                }
                if t % 2 == me {
                    // One poll of the promise with this task's waker.
                    let mut once = Some(FromSlot(slot.clone(), wk.clone()));
                    let r = std::future::poll_fn(|cx| {
                        Poll::Ready(Pin::new(once.as_mut().unwrap()).poll(cx))
                    })
                    .await;
                    assert!(r.is_pending(), "turn {t}");
                    turn.set(t + 1);
                }
                delay(0, 0).await.unwrap();
            }
            if me == 1 {
                let r = FromSlot(slot.clone(), wk.clone()).await;
                outs.borrow_mut().push(format!("B:{r:?}"));
            } else {
                outs.borrow_mut().push("A:done".into());
            }
        }
    };
    slotwire::spawn(mk(0));
    slotwire::spawn(mk(1));
    wait_until("turns", || turn.get() == 6 && outs.borrow().len() == 1).await;
    resolve_key(150_020, 99);
    wait_until("B", || outs.borrow().len() == 2).await;
    assert_eq!(
        *outs.borrow(),
        vec!["A:done".to_string(), "B:Some(Ok(99))".to_string()]
    );
    // Polled after Ready: an error, no double count.
    let mut p = hold(150_021);
    let w = Waker::noop();
    assert!(Pin::new(&mut p).poll(&mut Context::from_waker(w)).is_pending());
    resolve_key(150_021, 3);
    tick().await;
    let a = Pin::new(&mut p).poll(&mut Context::from_waker(w));
    let b = Pin::new(&mut p).poll(&mut Context::from_waker(w));
    assert_eq!(format!("{a:?}"), "Ready(Ok(3))");
    assert!(matches!(b, Poll::Ready(Err(_))), "{b:?}");
    drop(p);
    assert_eq!(baseline(), base);
    assert_eq!(js_census("promises"), 0.0);
}

// ---------------------------------------------------------------------------------------------
// 6. A JsPromise dropped inside its own waker's wake (during the settle), and a waker whose wake
//    makes new promises, spawns, and calls JS.

thread_local! {
    static OWN: RefCell<Option<JsPromise<i32>>> = const { RefCell::new(None) };
    static MADE: RefCell<Vec<JsPromise<i32>>> = const { RefCell::new(Vec::new()) };
    static WAKES: Cell<u32> = const { Cell::new(0) };
}

struct DropOwnOnWake;
impl Wake for DropOwnOnWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        WAKES.with(|w| w.set(w.get() + 1));
        let p = OWN.with(|o| o.borrow_mut().take());
        drop(p);
        // New promises and JS calls from inside the settle.
        let q = hold(150_031);
        MADE.with(|m| m.borrow_mut().push(q));
        slotwire::spawn(async {
            let _ = delay(0, 0).await;
        });
    }
}

#[wasm_bindgen_test]
async fn a_promise_dropped_by_its_own_wake() {
    setup();
    let base = baseline();
    let waker = Waker::from(Arc::new(DropOwnOnWake));
    OWN.with(|o| *o.borrow_mut() = Some(hold(150_030)));
    OWN.with(|o| {
        let mut o = o.borrow_mut();
        let p = o.as_mut().unwrap();
        assert!(Pin::new(p).poll(&mut Context::from_waker(&waker)).is_pending());
    });
    drop(waker);
    assert_eq!(census().promises, base.0 + 1);
    resolve_key(150_030, 1);
    wait_until("wake", || WAKES.with(Cell::get) == 1).await;
    tick().await;
    assert_eq!(census().promises, base.0 + 1, "only the one made in the wake");
    assert!(has_key(150_031));
    // The promise made in the wake is awaited properly.
    let mut q = MADE.with(|m| m.borrow_mut().pop()).unwrap();
    let (c, w) = counter();
    assert!(Pin::new(&mut q).poll(&mut Context::from_waker(&w)).is_pending());
    resolve_key(150_031, 8);
    tick().await;
    assert_eq!(c.0.load(Ordering::SeqCst), 1);
    assert_eq!(
        format!("{:?}", Pin::new(&mut q).poll(&mut Context::from_waker(&w))),
        "Ready(Ok(8))"
    );
    drop(q);
    tick().await;
    assert_eq!(baseline(), base);
    assert_eq!(js_census("promises"), 0.0);
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

// ---------------------------------------------------------------------------------------------
// 7. A huge number of pending tasks and promises; the census while they are pending and after.

#[wasm_bindgen_test]
async fn many_pending_tasks_census() {
    setup();
    let base = baseline();
    const N: u32 = 20_000;
    let done = Rc::new(Cell::new(0u32));
    for i in 0..N {
        let d = done.clone();
        slotwire::spawn(async move {
            let v = hold(200_000 + i).await.unwrap();
            assert_eq!(v, i as i32);
            d.set(d.get() + 1);
        });
    }
    assert_eq!(census().async_exports, base.1 + N as usize);
    tick().await;
    assert_eq!(census().promises, base.0 + N as usize);
    assert_eq!(js_census("promises"), N as f64);
    for i in 0..N {
        resolve_key(200_000 + i, i as i32);
    }
    wait_until("all", || done.get() == N).await;
    assert_eq!(baseline(), base);
    assert_eq!(js_census("promises"), 0.0);
}

// ---------------------------------------------------------------------------------------------
// 8. Async exports nested in each other's first polls, and in the settle of an export's promise
//    (a `then` getter on the resolved value runs inside the task's poll).

#[wasm_bindgen(inline_js = r#"
export function startInner(rt, n) {
  const p = rt.exports.p15_inner(n);
  (globalThis.p15.inner ??= []).push(p);
  return n;
}
export function innerCount() { return (globalThis.p15.inner ?? []).length; }
export function innerResults() { return Promise.all(globalThis.p15.inner ?? []); }
export function thenGetterObject(rt) {
  const o = {};
  Object.defineProperty(o, "then", { get() {
    // Runs inside Rust's task poll (the export's settle): start async exports and spawn.
    (globalThis.p15.inner ??= []).push(rt.exports.p15_inner(1000));
    rt.exports.p15_spawn_some(3);
    return undefined;
  }});
  return o;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = startInner)]
    fn start_inner_js(rt: &JsValue, n: u32) -> u32;
    #[wasm_bindgen(js_name = innerCount)]
    fn inner_count() -> u32;
    #[wasm_bindgen(js_name = innerResults)]
    fn inner_results() -> js_sys::Promise;
    #[wasm_bindgen(js_name = thenGetterObject)]
    fn then_getter_object(rt: &JsValue) -> JsValue;
}

#[js_import("globalThis.p15.startInnerR")]
fn start_inner(n: u32) -> u32;

thread_local! {
    static SPAWNED: Cell<u32> = const { Cell::new(0) };
}

#[js_export]
async fn p15_inner(n: u32) -> u32 {
    // Wakes itself in its first poll.
    let mut first = true;
    std::future::poll_fn(|cx| {
        if first {
            first = false;
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    if n > 0 && n < 1000 {
        start_inner(n - 1);
    }
    delay(0, 0).await.unwrap();
    n
}

#[js_export]
fn p15_spawn_some(k: u32) {
    for _ in 0..k {
        slotwire::spawn(async {
            delay(0, 0).await.unwrap();
            SPAWNED.with(|s| s.set(s.get() + 1));
        });
    }
}

#[js_export]
async fn p15_outer(o: JsObject) -> Result<JsObject, JsError> {
    delay(0, 0).await?;
    Ok(o)
}

#[wasm_bindgen_test]
async fn nested_async_exports_and_then_getters() {
    setup();
    js_sys::eval(
        "globalThis.p15.startInnerR = (n) => globalThis.__p15start(n)",
    )
    .unwrap();
    let r = rt();
    let r2 = r.clone();
    let f = wasm_bindgen::closure::Closure::<dyn Fn(u32) -> u32>::new(move |n| start_inner_js(&r2, n));
    js_sys::Reflect::set(&js_sys::global(), &"__p15start".into(), f.as_ref()).unwrap();
    f.forget();
    let base = baseline();
    start_inner_js(&r, 20);
    wait_until("inner chain", || inner_count() == 21).await;
    let all = wasm_bindgen_futures::JsFuture::from(inner_results()).await.unwrap();
    let got: Vec<f64> = js_sys::Array::from(&all).iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(got, (0..=20).rev().map(|v| v as f64).collect::<Vec<_>>());
    // The then getter.
    let o = then_getter_object(&r);
    let p: js_sys::Promise = call_export(&r, "p15_outer", o).into();
    let v = wasm_bindgen_futures::JsFuture::from(p).await;
    assert!(v.is_ok(), "{v:?}");
    wait_until("spawned", || SPAWNED.with(Cell::get) == 3 && inner_count() == 22).await;
    let all = wasm_bindgen_futures::JsFuture::from(inner_results()).await.unwrap();
    assert_eq!(js_sys::Array::from(&all).length(), 22);
    tick().await;
    assert_eq!(baseline(), base);
    assert_eq!(js_census("promises"), 0.0);
    assert_eq!(js_census("asyncExports"), 0.0);
    assert!(poisoned(&r).is_null());
}

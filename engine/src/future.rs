//! Future ↔ Promise.
//!
//! - An import whose JS function returns a Promise (or any value) is an `async fn` in Rust
//!   (`#[js_import] async fn f() -> Result<T, JsError>`): JS keeps the promise under an id and,
//!   when it settles, writes the value (or the rejection) into a frame and calls
//!   `settle`, which wakes the Rust future. Dropping the future forgets the promise on
//!   both sides.
//! - An `async fn` export returns a Promise to JS. It is polled once right away: a future that
//!   is already complete resolves with no further crossing; otherwise it is a task of this
//!   module's executor (polled from `run_exports`, which JS calls in a microtask) and
//!   settles the promise through `swSettleExport`.

use core::sync::atomic::Ordering;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::call::frame::exception_from_slot;
use crate::call::frame::{fail, ErrorKindCode};
use crate::marshal::finish;
use crate::marshal::{FromJs, ToJs};
use crate::slot::{Slot, EXCEPTION, RESULT, STATUS_OK};
use crate::JsError;

/// The tables below are keyed by small sequential ids, hashed on every await: FxHash, not SipHash
/// (no untrusted keys to defend against; JS only ever names ids it was given).
type IdMap<V> = rustc_hash::FxHashMap<u32, V>;

pub(crate) use crate::slot::FLAG_PENDING;

/// What a [`JsPromise`] shares with [`PENDING`] while its promise is unsettled: the waker to
/// wake, then the outcome, typed (no box per outcome, no downcast).
struct Shared<T> {
    waker: Option<Waker>,
    outcome: Option<Result<T, JsError>>,
}

/// A registered promise's state as [`PENDING`] sees it, whatever its value type.
trait Settle {
    /// Decodes the outcome from the slots JS wrote; returns the waker to wake.
    ///
    /// # Safety
    ///
    /// `slots` are the 2 slots JS wrote for this promise: its value, of the code it was
    /// registered with, or its rejection.
    unsafe fn settle(&self, status: u32, slots: &[Slot]) -> Option<Waker>;
    /// Settles with `error` (a broken runtime handed the id out again); returns the waker.
    fn fail(&self, error: JsError) -> Option<Waker>;
}

impl<T: FromJs + 'static> Settle for RefCell<Shared<T>> {
    unsafe fn settle(&self, status: u32, slots: &[Slot]) -> Option<Waker> {
        // Decoded with no borrow held: a decoder may call JS.
        let outcome = if status == STATUS_OK {
            // SAFETY: the caller's contract: the value slot holds a `T::CODE` value (the code
            // `JsPromise::<T>::from_id` was promised).
            unsafe { T::read(&slots[RESULT]) }.map_err(JsError::from)
        } else {
            Err(exception_from_slot(&slots[EXCEPTION]))
        };
        keep_outcome(self, outcome)
    }

    fn fail(&self, error: JsError) -> Option<Waker> {
        keep_outcome(self, Err(error))
    }
}

/// Keeps `outcome` in `state` (the first one: a state leaves [`PENDING`] when it settles, so
/// there is no second) and takes the waker to wake. What is not kept is dropped after the borrow.
fn keep_outcome<T>(state: &RefCell<Shared<T>>, outcome: Result<T, JsError>) -> Option<Waker> {
    let mut s = state.borrow_mut();
    if s.outcome.is_some() {
        drop(s);
        drop(outcome);
        return None;
    }
    s.outcome = Some(outcome);
    s.waker.take()
}

thread_local! {
    /// The futures awaiting JS promises not settled yet, by the promise's id (JS's). A promise
    /// leaves when it settles (JS forgets its id then too, and may hand it out again) or when
    /// its future is dropped.
    static PENDING: RefCell<IdMap<Rc<dyn Settle>>> = RefCell::new(IdMap::default());
    /// [`JsPromise`]s made and neither done nor dropped (part of the census).
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static RUNNING: Cell<usize> = const { Cell::new(0) };
    static NEXT_EXPORT: Cell<u32> = const { Cell::new(0) };
}

/// Futures awaiting JS promises, and async exports still running (part of the census).
pub(crate) fn live() -> (usize, usize) {
    (LIVE.with(Cell::get), RUNNING.with(Cell::get))
}

/// A JS promise awaited from Rust: what an `async` `#[js_import]` awaits, and what a
/// [`TypedBinding`](crate::TypedBinding) bound with `bind_async` returns. Dropping it before it
/// settles forgets the promise on both sides. It is not `Send`: it stays with the instance (and
/// thread) that made it, as the JS values it resolves to do.
///
/// ```no_run
/// use slotwire::{JsPromise, TypedBinding};
/// # async fn f() -> Result<(), slotwire::Error> {
/// let sleep = TypedBinding::<(u32,), JsPromise<()>>::bind_async("app.sleep", None)?;
/// let p: JsPromise<()> = sleep.call((100,))?;
/// p.await?; // Err(JsError) if the promise rejected
/// # Ok(()) }
/// ```
#[must_use = "a JsPromise does nothing unless awaited"]
pub struct JsPromise<T> {
    id: u32,
    /// Shared with [`PENDING`] until the promise settles (JS's ids come round again: the
    /// table's entry for `id` is this future's only while it is this very state).
    state: Rc<RefCell<Shared<T>>>,
    done: bool,
}

impl<T> core::fmt::Debug for JsPromise<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("JsPromise").field("id", &self.id).finish()
    }
}

impl<T: FromJs + 'static> JsPromise<T> {
    /// The future for the promise JS registered under `id`.
    ///
    /// # Safety
    ///
    /// `id` must be the promise the JS runtime registered for an import call whose promised
    /// value has code `T::CODE`: the value JS settles it with is read as a `T`.
    #[doc(hidden)]
    pub unsafe fn from_id(id: u32) -> JsPromise<T> {
        // JS settles the promise in a reaction (a microtask from now), through `settle`.
        share_entries();
        let state = Rc::new(RefCell::new(Shared {
            waker: None,
            outcome: None,
        }));
        let entry: Rc<dyn Settle> = state.clone();
        let displaced = PENDING.with(|p| p.borrow_mut().insert(id, entry));
        LIVE.with(|l| l.set(l.get() + 1));
        if let Some(before) = displaced {
            displaced_entry(before);
        }
        JsPromise {
            id,
            state,
            done: false,
        }
    }
}

/// The entry a new promise's id displaced ([`JsPromise::from_id`]). JS hands out no id it still
/// awaits, so only a broken runtime gets here: that future gets an error rather than another
/// promise's value. Its waker runs with no table borrowed.
#[cold]
fn displaced_entry(before: Rc<dyn Settle>) {
    let waker = before.fail(JsError::new(
        "Error",
        "the JS runtime handed out the id of this promise again while it was awaited",
    ));
    drop(before);
    if let Some(w) = waker {
        w.wake();
    }
}

impl<T: 'static> Future for JsPromise<T> {
    type Output = Result<T, JsError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.done {
            return Poll::Ready(Err(JsError::new("Error", "polled after completion")));
        }
        // No code but ours runs under the state's borrow: a waker's clone and drop are the
        // caller's code, and run outside it.
        let fresh = {
            let mut s = self.state.borrow_mut();
            if let Some(outcome) = s.outcome.take() {
                let waker = s.waker.take();
                drop(s);
                drop(waker);
                self.done = true;
                LIVE.with(|l| l.set(l.get() - 1));
                return Poll::Ready(outcome);
            }
            !matches!(&s.waker, Some(w) if w.will_wake(cx.waker()))
        };
        if fresh {
            let waker = cx.waker().clone();
            let replaced = self.state.borrow_mut().waker.replace(waker);
            drop(replaced);
        }
        Poll::Pending
    }
}

impl<T> Drop for JsPromise<T> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        LIVE.with(|l| l.set(l.get() - 1));
        let (id, ours) = (self.id, Rc::as_ptr(&self.state) as *const u8);
        let entry = PENDING.with(|p| {
            let mut p = p.borrow_mut();
            match p.get(&id) {
                Some(e) if Rc::as_ptr(e) as *const u8 == ours => p.remove(&id),
                _ => None,
            }
        });
        // Still registered: JS forgets the promise. (Settled: JS forgot it when it settled, and
        // the id may be another promise's now.)
        if entry.is_some() {
            drop(entry);
            forget_in_js(id);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn forget_in_js(id: u32) {
    if let Ok(rt) = crate::runtime::runtime_id() {
        crate::transport::forget_promise(rt, id);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn forget_in_js(_id: u32) {}

/// Settles promise `id` from the slots JS wrote (`status` 0: the value in the result slot;
/// otherwise the rejection in the exception slot). Unknown ids (a dropped future) are ignored.
///
/// # Safety
///
/// `slots` must be the 2 slots JS wrote for promise `id`: its value, of the code the promise was
/// registered with ([`JsPromise::from_id`]), or its rejection.
///
/// The entry leaves the table before the value is decoded: a decoder may call JS (or trap on bad
/// slots), and no borrow is held meanwhile.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) unsafe fn settle(id: u32, status: u32, slots: &[Slot]) {
    let Some(entry) = PENDING.with(|p| p.borrow_mut().remove(&id)) else {
        return;
    };
    // SAFETY: the caller's contract, for the promise registered under `id`.
    let waker = unsafe { entry.settle(status, slots) };
    // The last reference if the future went meanwhile: its outcome is dropped here.
    drop(entry);
    if let Some(w) = waker {
        w.wake();
    }
}

/// The id of a new task (async export or [`spawn`]ed). Ids come round again after 2^32 tasks:
/// never one of a task still running (in [`TASKS`], or out of it while polled), whose JS
/// promise (`ExportPromises`) the id names.
fn next_task_id() -> u32 {
    loop {
        let id = NEXT_EXPORT.with(|n| {
            let id = n.get().wrapping_add(1).max(1);
            n.set(id);
            id
        });
        // (No code runs while `TASKS` is borrowed: its borrows only insert and remove.)
        let running = POLLED_TASKS.with(|p| p.borrow().contains(&id))
            || TASKS.with(|t| t.borrow().contains_key(&id));
        if !running {
            return id;
        }
    }
}

/// Starts an async export: polls `fut` once; if it is done, writes its result into `head` like a
/// synchronous export. Otherwise marks the result [`FLAG_PENDING`] with an id and keeps the future
/// as a task of this module's executor, settling JS's promise when it completes.
///
/// The executor is slotwire's own, not `wasm_bindgen_futures::spawn_local`: a woken task is
/// polled from `run_exports`, which the JS runtime calls in a microtask inside a
/// `try`, so a panic (a trap) inside a task poisons the instance and rejects every pending
/// promise instead of escaping as an uncaught exception (issue 9, F10).
#[doc(hidden)]
pub fn start_export<F, T, E>(fut: F, head: &mut [Slot]) -> u32
where
    F: Future<Output = Result<T, E>> + 'static,
    T: ToJs + 'static,
    E: core::fmt::Display + 'static,
{
    let id = next_task_id();
    let mut fut = Box::pin(fut);
    // The first poll already with the task's waker: a wake-up registered now reaches the task.
    let tw = TaskWaker::new(id);
    let waker = Waker::from(tw.clone());
    let mut cx = Context::from_waker(&waker);
    let first = polled_task(id, || fut.as_mut().poll(&mut cx));
    match first {
        Poll::Ready(Ok(v)) => finish(v, head),
        Poll::Ready(Err(e)) => fail(head, ErrorKindCode::of_any(&e), &e.to_string()),
        Poll::Pending => {
            let s = &mut head[RESULT];
            s.flags = FLAG_PENDING;
            s.len = id;
            RUNNING.with(|r| r.set(r.get() + 1));
            let task = async move {
                let r = fut.await;
                RUNNING.with(|r| r.set(r.get() - 1));
                let mut slots = [Slot::ZERO; 2];
                let status = match r {
                    Ok(v) => finish(v, &mut slots),
                    Err(e) => fail(&mut slots, ErrorKindCode::of_any(&e), &e.to_string()),
                };
                settle_in_js(id, status, &mut slots);
            };
            TASKS.with(|t| t.borrow_mut().insert(id, Some((Box::pin(task), waker, tw))));
            // Tasks woken while it was polled, which a run inside the poll left (`run_ready`):
            // a run for them, now that the task is in the table.
            if READY.with(|r| !r.borrow().is_empty()) && !SCHEDULED.with(|s| s.replace(true)) {
                schedule_run();
            }
            STATUS_OK
        }
    }
}

/// Runs `fut` to completion on slotwire's executor, the one `async` `#[js_export]`s run on: first
/// polled in a microtask after this returns, then whenever it is woken. A
/// [`JsPromise`] it awaits polls it again in the microtask the promise settles in (one hop, not
/// two as through another executor). What the low-level API uses where the macros would write an
/// `async` export.
///
/// A panic inside the task poisons the instance, as a panic in an async export does. Until it
/// completes, the task counts in [`census`](crate::census)`().async_exports`.
///
/// ```no_run
/// use slotwire::{JsPromise, TypedBinding};
/// slotwire::spawn(async {
///     let sleep = TypedBinding::<(u32,), JsPromise<()>>::bind_async("app.sleep", None).unwrap();
///     for _ in 0..3 {
///         let _ = sleep.call((100,)).unwrap().await;
///     }
/// });
/// ```
pub fn spawn<F: Future<Output = ()> + 'static>(fut: F) {
    let id = next_task_id();
    RUNNING.with(|r| r.set(r.get() + 1));
    let task = async move {
        fut.await;
        RUNNING.with(|r| r.set(r.get() - 1));
    };
    let tw = TaskWaker::new(id);
    let waker = Waker::from(tw.clone());
    TASKS.with(|t| {
        t.borrow_mut()
            .insert(id, Some((Box::pin(task), waker.clone(), tw)))
    });
    waker.wake();
}

/// A task's future, its waker and what the waker wakes.
type Task = (
    Pin<Box<dyn Future<Output = ()>>>,
    Waker,
    std::sync::Arc<TaskWaker>,
);

thread_local! {
    /// Async exports still running, by id: the future and its waker (`None` while it is being
    /// polled).
    static TASKS: RefCell<IdMap<Option<Task>>> = RefCell::new(IdMap::default());
    /// Tasks woken since the last run, in order.
    static READY: RefCell<std::collections::VecDeque<u32>> =
        const { RefCell::new(std::collections::VecDeque::new()) };
    /// Whether JS was asked to call `run_exports` and has not yet.
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    /// Whether a promise is being settled (`settle`): the tasks it wakes are polled
    /// right after, in the same microtask, so they need no run scheduled.
    static SETTLING: Cell<bool> = const { Cell::new(false) };
    /// The tasks being polled (out of [`TASKS`] meanwhile), innermost last: `run_ready`'s, and
    /// an async export's first poll, which may run inside another task's poll. While one is,
    /// [`run_ready`] polls nothing (a re-entrant settle, a synchronous JS scheduler): the task
    /// being polled is out of the table, and its own wake-up would be lost.
    static POLLED_TASKS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f`, the poll of task `id`, with `id` in [`POLLED_TASKS`] (no new task takes its id).
/// A poll that traps leaves it there: the instance is poisoned then, and polls nothing more.
fn polled_task<R>(id: u32, f: impl FnOnce() -> R) -> R {
    POLLED_TASKS.with(|p| p.borrow_mut().push(id));
    let r = f();
    POLLED_TASKS.with(|p| p.borrow_mut().pop());
    r
}

/// The waker of a task (an async export or a spawned future): queues the task, once until its
/// next poll, and asks JS for a run (once per batch).
struct TaskWaker {
    id: u32,
    /// In [`READY`] and not yet polled since: a wake then queues nothing (N wakes before a run
    /// are one poll, not N).
    queued: core::sync::atomic::AtomicBool,
}

impl TaskWaker {
    fn new(id: u32) -> std::sync::Arc<TaskWaker> {
        std::sync::Arc::new(TaskWaker {
            id,
            queued: core::sync::atomic::AtomicBool::new(false),
        })
    }
}

impl std::task::Wake for TaskWaker {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        if self.queued.swap(true, Ordering::Relaxed) {
            return;
        }
        READY.with(|r| r.borrow_mut().push_back(self.id));
        if !SETTLING.with(Cell::get) && !SCHEDULED.with(|s| s.replace(true)) {
            schedule_run();
        }
    }
}

/// Polls every woken task once (a task woken while this runs is polled in this run too). No
/// borrow of the tables is held while a task runs: a task may wake others, or start exports.
///
/// A run asked for inside a task's poll (a re-entrant settle, or a JS scheduler that runs
/// `run_exports` at once) polls nothing: the task being polled is out of the table, and its own
/// wake-up would be lost. The woken tasks wait for the run the poll returns to: this function's
/// loop, or [`start_export`], which asks for a run once its task is in the table.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn run_ready() {
    SCHEDULED.with(|s| s.set(false));
    if POLLED_TASKS.with(|p| !p.borrow().is_empty()) {
        return;
    }
    while let Some(id) = READY.with(|r| r.borrow_mut().pop_front()) {
        // Taken out of its entry while it runs (the entry stays: one lookup to take, one to put
        // back or remove, no re-insertion).
        let taken = TASKS.with(|t| t.borrow_mut().get_mut(&id).and_then(Option::take));
        let Some((mut task, waker, tw)) = taken else {
            continue; // done already
        };
        // A wake from now on (during the poll too) queues it again.
        tw.queued.store(false, Ordering::Relaxed);
        let mut cx = Context::from_waker(&waker);
        let poll = polled_task(id, || task.as_mut().poll(&mut cx));
        let leftover = TASKS.with(|t| {
            let mut t = t.borrow_mut();
            match (poll.is_pending(), t.get_mut(&id)) {
                (true, Some(entry)) => {
                    *entry = Some((task, waker, tw));
                    None
                }
                // (No entry: nothing removes a task's entry while it runs.)
                (true, None) => Some((task, waker, tw)),
                (false, _) => {
                    t.remove(&id);
                    Some((task, waker, tw))
                }
            }
        });
        // A finished task dropped with no table borrowed (its drop may start or wake tasks).
        drop(leftover);
    }
}

#[cfg(target_arch = "wasm32")]
fn schedule_run() {
    share_entries();
    if let Ok(rt) = crate::runtime::runtime_id() {
        crate::transport::schedule_exports(rt);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn schedule_run() {
    // Natively no JS drives the tasks; tests call `run_ready` themselves.
}

// Hands JS the entry points it drives futures through, once per runtime, before it first needs
// them: `run_exports` (polls the woken async exports) and `settle` (a promise Rust awaits
// settled), as indices into the function table (`swFutureEntries`). They are not wasm exports,
// so an app without futures links none of this module's machinery.
crate::runtime::share_entries_once!(
    crate::transport::future_entries,
    wasm::run_exports,
    wasm::settle
);

#[cfg(target_arch = "wasm32")]
fn settle_in_js(id: u32, status: u32, slots: &mut [Slot]) {
    if let Ok(rt) = crate::runtime::runtime_id() {
        crate::transport::settle_export(rt, id, status, slots.as_mut_ptr() as usize as u32);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn settle_in_js(_id: u32, _status: u32, _slots: &mut [Slot]) {}

/// The entries JS calls (through the function table, [`share_entries`]) to drive futures.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::*;

    /// `run_exports()`: polls the async exports woken since the last run. The JS runtime calls
    /// it in a microtask, inside a `try` (a trap poisons the instance).
    pub(super) extern "C" fn run_exports() {
        run_ready();
        // What the tasks queued runs before they yield to JS.
        crate::batch::before_crossing();
    }

    /// `settle(id, status, frame)`: settles promise `id` (an unknown id, a dropped future's, is
    /// ignored), then polls the async exports that woke, at once. The JS runtime calls it from
    /// the promise's reaction with the frame it wrote.
    pub(super) extern "C" fn settle(id: u32, status: u32, frame: *const Slot) {
        // SAFETY: the runtime passes a frame of 2 slots it wrote, alive until this returns.
        let slots = unsafe { core::slice::from_raw_parts(frame, 2) };
        // SAFETY: JS wrote them for promise `id` (its value, of the registered code, or its
        // rejection).
        unsafe { settle_and_run(id, status, slots) };
        crate::batch::before_crossing();
    }
}

/// [`settle`], then polls the tasks it woke right away (the waker polled in the same microtask,
/// not one more microtask later).
///
/// JS calls this from a promise reaction, so no Rust code is on the stack below it: polling
/// here is what `run_exports` would do a microtask later, from the same state. A panic
/// in a task traps out of `settle`, which JS's settle catches and turns into the
/// poison, as it does for `run_exports`.
///
/// # Safety
///
/// As [`settle`].
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) unsafe fn settle_and_run(id: u32, status: u32, slots: &[Slot]) {
    let was = SETTLING.with(|s| s.replace(true));
    // SAFETY: the caller's contract.
    unsafe { settle(id, status, slots) };
    SETTLING.with(|s| s.set(was));
    if was {
        return;
    }
    // (Inside a task's poll — a re-entrant settle — this polls nothing: see `run_ready`.)
    run_ready();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::task::Wake;

    struct Flag(std::sync::atomic::AtomicBool);
    impl Wake for Flag {
        fn wake(self: Arc<Self>) {
            self.0.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }

    #[test]
    fn a_promise_future_wakes_when_settled_and_decodes_its_type() {
        let flag = Arc::new(Flag(false.into()));
        let waker = Waker::from(flag.clone());
        let mut cx = Context::from_waker(&waker);
        // SAFETY: promise 77 is settled below with an i32.
        let mut f = Box::pin(unsafe { JsPromise::<i32>::from_id(77) });
        assert!(f.as_mut().poll(&mut cx).is_pending());
        let mut slots = [Slot::ZERO; 2];
        42i32.write(&mut slots[RESULT]);
        // SAFETY: an i32 result, as registered.
        unsafe { settle(77, STATUS_OK, &slots) };
        assert!(flag.0.load(std::sync::atomic::Ordering::SeqCst));
        assert_eq!(f.as_mut().poll(&mut cx), Poll::Ready(Ok(42)));
        assert_eq!(live().0, 0);
    }

    #[test]
    fn a_task_woken_many_times_before_a_run_is_polled_once() {
        let polls = std::rc::Rc::new(Cell::new(0u32));
        let kept: std::rc::Rc<RefCell<Option<Waker>>> = std::rc::Rc::default();
        let (p, k) = (polls.clone(), kept.clone());
        spawn(core::future::poll_fn(move |cx| {
            p.set(p.get() + 1);
            *k.borrow_mut() = Some(cx.waker().clone());
            if p.get() < 3 {
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }));
        run_ready();
        assert_eq!(polls.get(), 1);
        let waker = kept.borrow_mut().take().unwrap();
        for _ in 0..1000 {
            waker.wake_by_ref();
        }
        run_ready();
        assert_eq!(polls.get(), 2, "1000 wakes before a run: one poll");
        // Woken again after that poll: polled again (to completion).
        waker.wake();
        run_ready();
        assert_eq!(polls.get(), 3);
        assert!(READY.with(|r| r.borrow().is_empty()));
    }

    #[test]
    fn a_run_inside_a_poll_keeps_the_wake_up_of_the_task_being_polled() {
        // A run made inside a task's poll (a JS scheduler that runs `run_exports` at once, not
        // in a later microtask): the task is out of the table meanwhile, so that run cannot poll
        // it; its wake-up must reach the run the poll returns to.
        let polls = std::rc::Rc::new(Cell::new(0u32));
        let p = polls.clone();
        spawn(core::future::poll_fn(move |cx| {
            p.set(p.get() + 1);
            if p.get() == 1 {
                cx.waker().wake_by_ref();
                run_ready(); // what a synchronous scheduler does
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }));
        run_ready();
        assert_eq!(polls.get(), 2, "polled again by the outer run");
        assert!(READY.with(|r| r.borrow().is_empty()));

        // The same inside an async export's first poll (the task not in the table yet).
        let polls = std::rc::Rc::new(Cell::new(0u32));
        let p = polls.clone();
        let mut head = [Slot::ZERO; 3];
        start_export(
            core::future::poll_fn(move |cx| {
                p.set(p.get() + 1);
                if p.get() == 1 {
                    cx.waker().wake_by_ref();
                    run_ready();
                    Poll::Pending
                } else {
                    Poll::Ready(Ok::<i32, String>(7))
                }
            }),
            &mut head,
        );
        assert_ne!(head[RESULT].flags & FLAG_PENDING, 0);
        assert!(SCHEDULED.with(Cell::get), "a run asked for the woken task");
        run_ready();
        assert_eq!(polls.get(), 2);
        assert!(TASKS.with(|t| !t.borrow().contains_key(&head[RESULT].len)));
    }

    #[test]
    fn task_ids_that_come_round_again_skip_running_tasks() {
        // 2^32 tasks later (the counter set to its last value): the next id would be 1 again.
        NEXT_EXPORT.with(|n| n.set(u32::MAX));
        let mut head = [Slot::ZERO; 3];
        start_export(core::future::pending::<Result<i32, String>>(), &mut head);
        assert_ne!(head[RESULT].flags & FLAG_PENDING, 0);
        let first = head[RESULT].len;
        assert_eq!(first, 1);
        NEXT_EXPORT.with(|n| n.set(u32::MAX));
        let mut head2 = [Slot::ZERO; 3];
        start_export(core::future::pending::<Result<i32, String>>(), &mut head2);
        assert_eq!(head2[RESULT].len, 2, "id 1 is a task still running");
        assert!(TASKS.with(|t| t.borrow().contains_key(&1) && t.borrow().contains_key(&2)));
        TASKS.with(|t| {
            t.borrow_mut().remove(&1);
            t.borrow_mut().remove(&2);
        });
        RUNNING.with(|r| r.set(r.get() - 2));
    }

    #[test]
    fn a_task_started_inside_another_tasks_poll_never_takes_its_id() {
        // Task A, polled by run_ready (out of TASKS meanwhile), starts an async export whose
        // first poll starts another: with the counter come round to A's id, neither may take it.
        let inner_ids = std::rc::Rc::new(RefCell::new(Vec::new()));
        let ids = inner_ids.clone();
        let a_id = std::rc::Rc::new(Cell::new(0u32));
        let a = a_id.clone();
        spawn(async move {
            let mut head = [Slot::ZERO; 3];
            let ids2 = ids.clone();
            let a2 = a.clone();
            // An export whose first poll starts another export.
            start_export(
                async move {
                    NEXT_EXPORT.with(|n| n.set(a2.get().wrapping_sub(1)));
                    let mut h = [Slot::ZERO; 3];
                    start_export(core::future::pending::<Result<i32, String>>(), &mut h);
                    ids2.borrow_mut().push(h[RESULT].len);
                    core::future::pending::<Result<i32, String>>().await
                },
                &mut head,
            );
            ids.borrow_mut().push(head[RESULT].len);
        });
        a_id.set(NEXT_EXPORT.with(Cell::get));
        // The spawned task's id is the counter's value now; make the first start_export's id
        // come round to it too.
        NEXT_EXPORT.with(|n| n.set(a_id.get().wrapping_sub(1)));
        run_ready();
        let got = inner_ids.borrow().clone();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            !got.contains(&a_id.get()),
            "{got:?} took the polled task's id {}",
            a_id.get()
        );
        assert_ne!(got[0], got[1]);
        TASKS.with(|t| {
            for id in &got {
                t.borrow_mut().remove(id);
            }
        });
        RUNNING.with(|r| r.set(r.get() - 2));
    }

    #[test]
    fn dropping_an_unsettled_future_forgets_it() {
        let before = live().0;
        // SAFETY: promise 78 is never settled with a value while registered.
        let f = unsafe { JsPromise::<String>::from_id(78) };
        assert_eq!(live().0, before + 1);
        drop(f);
        assert_eq!(live().0, before);
        // SAFETY: 78 is no longer registered: nothing is read.
        unsafe { settle(78, STATUS_OK, &[Slot::ZERO; 2]) }; // ignored
    }

    #[test]
    fn a_pending_export_is_a_task_polled_when_woken() {
        let before = live().1;
        let mut head = [Slot::ZERO; 2];
        // SAFETY: settled below with an `i32` slot.
        let p = unsafe { JsPromise::<i32>::from_id(79) };
        assert_eq!(
            start_export(async move { p.await.map(|v| v + 1) }, &mut head),
            STATUS_OK
        );
        assert_ne!(head[RESULT].flags & FLAG_PENDING, 0);
        assert_eq!(live().1, before + 1);
        run_ready(); // not woken: still pending
        assert_eq!(live().1, before + 1);
        let mut slots = [Slot::ZERO; 2];
        41i32.write(&mut slots[RESULT]);
        // SAFETY: the slots hold an `i32`, the type promise 79 was registered with.
        unsafe { settle(79, STATUS_OK, &slots) };
        run_ready();
        assert_eq!(live().1, before, "the task completed");
        assert!(TASKS.with(|t| t.borrow().is_empty()));
    }

    #[test]
    fn a_settle_polls_the_tasks_it_woke_with_no_run_scheduled() {
        let before = live().1;
        let mut head = [Slot::ZERO; 2];
        // SAFETY: settled below with an `i32` slot.
        let p = unsafe { JsPromise::<i32>::from_id(80) };
        // SAFETY: settled below with an `i32` slot.
        let q = unsafe { JsPromise::<i32>::from_id(81) };
        let task = async move { Ok::<_, JsError>(p.await? + q.await?) };
        assert_eq!(start_export(task, &mut head), STATUS_OK);
        assert_eq!(live().1, before + 1);
        let mut slots = [Slot::ZERO; 2];
        1i32.write(&mut slots[RESULT]);
        // SAFETY: an `i32`, as registered.
        unsafe { settle_and_run(80, STATUS_OK, &slots) };
        assert!(
            !SCHEDULED.with(Cell::get),
            "polled in the settle, no run asked for"
        );
        assert_eq!(live().1, before + 1, "now awaiting the second promise");
        assert_eq!(live().0, 1);
        // SAFETY: an `i32`, as registered.
        unsafe { settle_and_run(81, STATUS_OK, &slots) };
        assert_eq!(live().1, before, "done within the second settle");
        assert!(!SETTLING.with(Cell::get));
    }

    /// A task that settles, during its own poll, the promise it awaits (what only a re-entrant
    /// `settle` from JS could do): its wake-up must not be lost.
    struct SelfSettling {
        promise: Pin<Box<JsPromise<i32>>>,
        id: u32,
        settled: bool,
    }

    impl Future for SelfSettling {
        type Output = Result<i32, JsError>;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            let r = self.promise.as_mut().poll(cx);
            if r.is_pending() && !self.settled {
                self.settled = true;
                let mut slots = [Slot::ZERO; 2];
                7i32.write(&mut slots[RESULT]);
                // SAFETY: an `i32`, as registered.
                unsafe { settle_and_run(self.id, STATUS_OK, &slots) };
            }
            r
        }
    }

    fn self_settling(id: u32) -> SelfSettling {
        SelfSettling {
            // SAFETY: settled with an `i32` slot by the future itself.
            promise: Box::pin(unsafe { JsPromise::<i32>::from_id(id) }),
            id,
            settled: false,
        }
    }

    #[test]
    fn a_settle_inside_a_poll_does_not_lose_the_wake_up() {
        let before = live().1;
        // An async export's first poll.
        let mut head = [Slot::ZERO; 2];
        assert_eq!(start_export(self_settling(83), &mut head), STATUS_OK);
        assert_eq!(live().1, before + 1, "pending after its first poll");
        assert!(SCHEDULED.with(Cell::get), "a run was asked for");
        run_ready();
        assert_eq!(live().1, before, "the woken task ran");
        // A spawned task, polled by run_ready.
        let done = std::rc::Rc::new(Cell::new(0));
        let d = done.clone();
        spawn(async move { d.set(self_settling(84).await.unwrap()) });
        run_ready();
        assert_eq!(done.get(), 7, "polled again in the same run");
        assert_eq!(live().1, before);
    }

    #[test]
    fn a_spawned_task_runs_when_the_executor_runs_and_wakes_on_a_settle() {
        let before = live().1;
        let out = std::rc::Rc::new(Cell::new(0));
        let seen = out.clone();
        // SAFETY: settled below with an `i32` slot.
        let p = unsafe { JsPromise::<i32>::from_id(82) };
        spawn(async move {
            seen.set(1);
            seen.set(p.await.unwrap() + 1);
        });
        assert_eq!(out.get(), 0, "not polled inside spawn");
        assert_eq!(live().1, before + 1);
        run_ready();
        assert_eq!(out.get(), 1, "polled by the executor, now awaiting");
        let mut slots = [Slot::ZERO; 2];
        41i32.write(&mut slots[RESULT]);
        // SAFETY: an `i32`, as registered.
        unsafe { settle_and_run(82, STATUS_OK, &slots) };
        assert_eq!(out.get(), 42);
        assert_eq!(live().1, before, "done, no longer counted");
    }

    #[test]
    fn a_ready_export_future_is_finished_at_once() {
        let mut head = [Slot::ZERO; 2];
        assert_eq!(
            start_export(async { Ok::<_, String>(5u8) }, &mut head),
            STATUS_OK
        );
        assert_eq!(head[RESULT].flags & FLAG_PENDING, 0);
        assert_eq!(head[RESULT].value as u8, 5);
        let mut head = [Slot::ZERO; 2];
        assert_eq!(start_export(async { Err::<u8, _>("nope") }, &mut head), 1);
    }
}

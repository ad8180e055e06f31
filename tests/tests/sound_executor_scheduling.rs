//! The executor's runs are asked for through `queueMicrotask`, captured when the runtime loads
//! (js-runtime/src/runtime.js `scheduleExports`), as promise.js captures its intrinsics. It was
//! looked up live: an app (or a polyfill) that replaced it afterwards with one that runs the
//! callback synchronously made `run_exports` re-entrant — `run_ready` ran inside a task's poll
//! (or inside an async export's first poll) and dropped that task's wake-up, so the task hung
//! (counted in the census for ever) and the export's promise never settled; one that threw
//! crossed Rust frames as a raw JS exception and left the executor's "run asked for" flag set,
//! so no task ran again until some promise settled. Also: a task woken many times before a run
//! is polled once (engine/src/future.rs unit test). tests/ADVERSARIAL-FINDINGS.md, E1–E3. One
//! binary of its own: its tests patch a global (each restores it before it awaits).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;
use std::task::Poll;

use slotwire::census;
use slotwire::prelude::*;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
const orig = globalThis.queueMicrotask;
export function patchSync() { globalThis.queueMicrotask = (f) => f(); }
export function patchThrowing() { globalThis.queueMicrotask = () => { throw new Error("qm refused"); }; }
export function restore() { globalThis.queueMicrotask = orig; }
export function callSelfWaking(rt) {
  globalThis.__sesState = "pending";
  rt.exports.ses_self_waking(5).then((v) => { globalThis.__sesState = "ok:" + v; }, (e) => { globalThis.__sesState = "err:" + e; });
}
export function selfWakingState() { return globalThis.__sesState; }
export function callSpawnExport(rt) {
  try { rt.exports.ses_spawn(); return "no throw"; } catch (e) { return "threw: " + e.message; }
}
export function poisoned(rt) { return rt.poisoned; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = patchSync)]
    fn patch_sync();
    #[wasm_bindgen(js_name = patchThrowing)]
    fn patch_throwing();
    fn restore();
    #[wasm_bindgen(js_name = callSelfWaking)]
    fn call_self_waking(rt: &JsValue);
    #[wasm_bindgen(js_name = selfWakingState)]
    fn self_waking_state() -> String;
    #[wasm_bindgen(js_name = callSpawnExport)]
    fn call_spawn_export(rt: &JsValue) -> String;
    fn poisoned(rt: &JsValue) -> JsValue;
}

#[js_import("delay", module = "t")]
async fn delay(ms: u32, v: i32) -> Result<i32, JsError>;

/// Returns Pending once, waking itself first.
async fn yield_now() {
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
    .await
}

#[js_export]
async fn ses_self_waking(n: u32) -> u32 {
    yield_now().await;
    n + 1
}

thread_local! {
    static RAN: Cell<u32> = const { Cell::new(0) };
}

#[js_export]
fn ses_spawn() {
    slotwire::spawn(async { RAN.with(|r| r.set(r.get() | 1)) });
}

/// Real time passes (timers): a task had every chance to run.
async fn settle_time() {
    delay(20, 0).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_self_waking_spawned_task_with_a_synchronous_queue_microtask() {
    slotwire_e2e::register_test_module();
    let base = census().async_exports;
    let done = Rc::new(Cell::new(0));
    let d = done.clone();
    patch_sync();
    slotwire::spawn(async move {
        d.set(1);
        yield_now().await;
        d.set(2);
    });
    let inside_spawn = done.get();
    restore();
    settle_time().await;
    assert_eq!(
        (inside_spawn, done.get(), census().async_exports - base),
        (0, 2, 0),
        "(progress when spawn returned, progress later, tasks still counted running)"
    );
}

#[wasm_bindgen_test]
async fn a_self_waking_async_export_with_a_synchronous_queue_microtask() {
    slotwire_e2e::register_test_module();
    let r = rt();
    patch_sync();
    call_self_waking(&r);
    restore();
    settle_time().await;
    assert!(poisoned(&r).is_null());
    assert_eq!(self_waking_state(), "ok:6");
}

#[wasm_bindgen_test]
async fn a_throwing_queue_microtask_stops_nothing() {
    slotwire_e2e::register_test_module();
    let r = rt();
    let base = census().async_exports;
    patch_throwing();
    let how = call_spawn_export(&r);
    restore();
    slotwire::spawn(async { RAN.with(|r| r.set(r.get() | 2)) });
    settle_time().await;
    assert_eq!(
        (how.as_str(), poisoned(&r).as_string(), RAN.with(Cell::get)),
        ("no throw", None, 3),
        "(the export call, poison, tasks run (bits))"
    );
    assert_eq!(census().async_exports, base);
}

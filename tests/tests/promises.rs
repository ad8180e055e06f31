//! Future ↔ Promise: async imports (JS promises awaited from Rust) and async exports (Rust
//! futures as JS promises), the seed's promises sample, rejections, drops, in Node and Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::census;
use slotwire::prelude::*;
use slotwire_e2e::{register_test_module, rt};
use std::future::Future;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/harness.js")]
extern "C" {
    #[wasm_bindgen(js_name = runAsyncCheck)]
    fn run_async_check(rt: &JsValue) -> js_sys::Promise;
}

#[js_import("delay", module = "t")]
async fn delay(ms: u32, v: i32) -> Result<i32, JsError>;
#[js_import("delayedString", module = "t")]
async fn delayed_string(ms: u32, s: &str) -> Result<String, JsError>;
#[js_import("rejectLater", module = "t")]
async fn reject_later(msg: &str) -> Result<(), JsError>;
#[js_import("resolvedNow", module = "t")]
async fn resolved_now(v: f64) -> Result<f64, JsError>;
#[js_import("plainValue", module = "t")]
async fn plain_value(v: u8) -> Result<u8, JsError>;
#[js_import("never", module = "t")]
async fn never() -> Result<i32, JsError>;
#[js_import("resolveWrong", module = "t")]
async fn resolve_wrong() -> Result<f64, JsError>;
#[js_import("makeObjectLater", module = "t")]
async fn make_object_later() -> Result<JsObject, JsError>;
#[js_import("resolvedNow", module = "t")]
async fn resolved_maybe(v: Option<&str>) -> Result<Option<String>, JsError>;
#[js_import("spanThenLater", module = "t")]
async fn span_then_later(o: &JsObject, bytes: &[u8], scale: f64) -> Result<f64, JsError>;
#[js_import("Date", module = "t")]
async fn missing() -> Result<i32, JsError>;

#[js_export]
async fn double_later(x: i32) -> Result<i32, JsError> {
    let v = delay(5, x).await?;
    Ok(v * 2)
}

#[js_export]
async fn ready_now(x: i32) -> i32 {
    x + 1
}

#[js_export]
async fn fail_later(why: String) -> Result<i32, String> {
    delay(1, 0).await.map_err(|e| e.to_string())?;
    Err(format!("failed: {why}"))
}

#[js_export]
async fn greet_later(name: String) -> String {
    delayed_string(2, &format!("hello {name}")).await.unwrap()
}

fn js_promises() -> f64 {
    slotwire_e2e::js_census("promises")
}

#[wasm_bindgen_test]
async fn js_promises_are_rust_futures() {
    register_test_module();
    assert_eq!(delay(20, 7).await.unwrap(), 7);
    assert_eq!(delayed_string(1, "a𝄞").await.unwrap(), "a𝄞");
    assert_eq!(resolved_now(2.5).await.unwrap(), 2.5);
    assert_eq!(
        plain_value(9).await.unwrap(),
        9,
        "a non-promise value resolves too"
    );
    assert_eq!(resolved_maybe(None).await.unwrap(), None);
    assert_eq!(
        resolved_maybe(Some("x")).await.unwrap().as_deref(),
        Some("x")
    );
    let o = make_object_later().await.unwrap();
    assert_eq!(o.get::<f64>("answer").unwrap(), 42.0);
    // Several at once.
    let (a, b) = futures_join(delay(10, 1), delay(5, 2)).await;
    assert_eq!((a.unwrap(), b.unwrap()), (1, 2));
}

#[wasm_bindgen_test]
async fn typed_async_imports_take_objects_and_spans() {
    register_test_module();
    let o = JsObject::from_js_value(&js_sys::eval("({ k: 2 })").unwrap()).unwrap();
    let bytes = vec![1u8, 2, 3];
    let pages = core::arch::wasm32::memory_size(0);
    // The span ends with the call (the thenable's `then` finds it disposed); the memory grown
    // while JS registered the returned thenable is fine.
    let v = span_then_later(&o, &bytes, 0.5).await.unwrap();
    assert_eq!(v, 2.0 * 6.0 * 0.5);
    assert!(core::arch::wasm32::memory_size(0) > pages);
    assert_eq!(bytes, [1, 2, 3]);
    drop(o);
    assert_eq!(js_promises(), 0.0);
}

async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    let b = std::pin::pin!(b);
    let a_out = a.await;
    (a_out, b.await)
}

#[wasm_bindgen_test]
async fn rejections_and_bad_values_are_errors() {
    register_test_module();
    let e = reject_later("nope").await.unwrap_err();
    assert_eq!((e.name.as_str(), e.message.as_str()), ("TypeError", "nope"));
    let e = resolve_wrong().await.unwrap_err();
    assert_eq!(e.name, "TypeError");
    assert!(e.message.contains("promise value"), "{e}");
    // Binding errors come back as Err too.
    assert!(missing().await.is_err());
    assert_eq!(delay(1, 3).await.unwrap(), 3, "still usable");
}

#[wasm_bindgen_test]
async fn a_dropped_future_forgets_its_promise() {
    register_test_module();
    let base = census().promises;
    let base_js = js_promises();
    let f = never();
    let mut f = Box::pin(f);
    // Poll once so it binds and registers.
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    assert!(f.as_mut().poll(&mut cx).is_pending());
    assert_eq!(census().promises, base + 1);
    assert_eq!(js_promises(), base_js + 1.0);
    drop(f);
    assert_eq!(census().promises, base);
    assert_eq!(js_promises(), base_js);
    for _ in 0..1000 {
        let mut f = Box::pin(delay(1, 1));
        let _ = f.as_mut().poll(&mut cx);
    }
    assert_eq!(census().promises, base);
    assert_eq!(js_promises(), base_js);
}

#[wasm_bindgen_test]
async fn rust_futures_are_js_promises() {
    register_test_module();
    wasm_bindgen_futures::JsFuture::from(run_async_check(&rt()))
        .await
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    assert_eq!(census().async_exports, 0);
}

/// A typed binding of an async import: promises of a number, a string, an object; a rejection;
/// a wrong value; a plain (non-promise) result; a throw before any promise.
#[wasm_bindgen_test]
async fn typed_bindings_await_promises() {
    register_test_module();
    let delay = TypedBinding::<(u32, i32), JsPromise<i32>>::bind_async("delay", Some("t")).unwrap();
    assert_eq!(delay.call((2, 7)).unwrap().await.unwrap(), 7);
    let later =
        TypedBinding::<(u32, &str), JsPromise<String>>::bind_async("delayedString", Some("t"))
            .unwrap();
    let text = String::from("typed");
    let p = later.call((1, text.as_str())).unwrap();
    drop(text); // the argument was read during the call
    assert_eq!(p.await.unwrap(), "typed");
    let before = census().js_objects;
    let obj =
        TypedBinding::<(), JsPromise<JsObject>>::bind_async("makeObjectLater", Some("t")).unwrap();
    let o = obj.call(()).unwrap().await.unwrap();
    assert_eq!(o.get::<f64>("answer").unwrap(), 42.0);
    drop(o);
    assert_eq!(census().js_objects, before);
    let reject =
        TypedBinding::<(&str,), JsPromise<()>>::bind_async("rejectLater", Some("t")).unwrap();
    let e = reject.call(("typed no",)).unwrap().await.unwrap_err();
    assert_eq!(
        (e.name.as_str(), e.message.as_str()),
        ("TypeError", "typed no")
    );
    let wrong = TypedBinding::<(), JsPromise<f64>>::bind_async("resolveWrong", Some("t")).unwrap();
    assert_eq!(wrong.call(()).unwrap().await.unwrap_err().name, "TypeError");
    let plain = TypedBinding::<(u8,), JsPromise<u8>>::bind_async("plainValue", Some("t")).unwrap();
    assert_eq!(plain.call((9,)).unwrap().await.unwrap(), 9);
    let throws =
        TypedBinding::<(&str,), JsPromise<()>>::bind_async("throwError", Some("t")).unwrap();
    let e = throws.call(("sync throw",)).unwrap_err();
    assert_eq!(e.js().unwrap().message, "sync throw");
    // A signature with no typed trampoline (an Option) goes through the slots.
    let maybe = TypedBinding::<(Option<&str>,), JsPromise<Option<String>>>::bind_async(
        "resolvedNow",
        Some("t"),
    )
    .unwrap();
    assert_eq!(
        maybe.call((Some("m"),)).unwrap().await.unwrap().as_deref(),
        Some("m")
    );
    assert_eq!(maybe.call((None,)).unwrap().await.unwrap(), None);
    // Dropped before it settles: forgotten on both sides.
    let never = TypedBinding::<(), JsPromise<i32>>::bind_async("never", Some("t")).unwrap();
    let p = never.call(()).unwrap();
    assert_eq!(census().promises, 1);
    drop(p);
    assert_eq!(census().promises, 0);
}

/// `slotwire::spawn`: a task on slotwire's executor awaits typed async imports; it runs after
/// `spawn` returns, completes, and leaves nothing behind.
#[wasm_bindgen_test]
async fn spawned_tasks_await_and_complete() {
    register_test_module();
    let before = census();
    let out = std::rc::Rc::new(std::cell::Cell::new(0));
    let seen = out.clone();
    slotwire::spawn(async move {
        let delay =
            TypedBinding::<(u32, i32), JsPromise<i32>>::bind_async("delay", Some("t")).unwrap();
        let mut acc = 0;
        for i in 0..5 {
            acc += delay.call((1, i)).unwrap().await.unwrap();
        }
        let now =
            TypedBinding::<(f64,), JsPromise<f64>>::bind_async("resolvedNow", Some("t")).unwrap();
        for _ in 0..100 {
            acc += now.call((1.0,)).unwrap().await.unwrap() as i32;
        }
        seen.set(acc);
    });
    assert_eq!(out.get(), 0, "not run inside spawn");
    assert_eq!(census().async_exports, before.async_exports + 1);
    for _ in 0..200 {
        if out.get() != 0 {
            break;
        }
        delay(1, 0).await.unwrap();
    }
    assert_eq!(out.get(), 110);
    assert_eq!(census(), before);
}

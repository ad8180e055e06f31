//! Finding A10 (2026-12-06, seventh session), in a binary of its own: here no Rust future is
//! ever made, so futures never hand JS their entries (engine/src/future.rs `share_entries`).
//! A low-level `Binding` with a `JsType::Promise` result has JS register the promise; its `Ret`
//! is dropped unread, and the promise settles later. JS must then call nothing (no Rust future
//! can await it) — it used to throw "futures: no settle entry", which promise.js turned into
//! poisoning the instance. In Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::{census, Binding, JsType};
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
const pending = [];
export function install() {
  globalThis.__unreadPromise = {
    later: (x) => new Promise((resolve) => pending.push(() => resolve(x))),
  };
}
export function resolveAll() {
  for (const r of pending.splice(0)) r();
}
/** A promise resolved after a macrotask: every reaction queued before has run. */
export function tick() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
export function poisoned(rt) {
  return rt.poisoned === null ? "" : String(rt.poisoned);
}
export function pendingInJs(rt) {
  return rt.census().promises;
}
"#)]
extern "C" {
    fn install();
    #[wasm_bindgen(js_name = resolveAll)]
    fn resolve_all();
    fn tick() -> js_sys::Promise;
    fn poisoned(rt: &JsValue) -> String;
    #[wasm_bindgen(js_name = pendingInJs)]
    fn pending_in_js(rt: &JsValue) -> f64;
}

#[wasm_bindgen_test]
async fn a_promise_result_never_read_settles_into_nothing() {
    install();
    let rt = rt();
    let b = Binding::bind(
        "globalThis.__unreadPromise.later",
        None,
        &[JsType::U32],
        JsType::Promise,
    )
    .unwrap();
    for i in 0..3u32 {
        let mut args = b.args();
        args.set(0, i).unwrap();
        drop(b.invoke(&mut args).unwrap()); // never read: no Rust future awaits it
    }
    resolve_all();
    wasm_bindgen_futures::JsFuture::from(tick()).await.unwrap();
    assert_eq!(poisoned(&rt), "", "the settles poisoned the instance");
    assert_eq!(census().promises, 0);
    // JS settled them (nothing left pending) without calling Rust.
    assert_eq!(pending_in_js(&rt), 0.0);
}

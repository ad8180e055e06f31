//! Issue 9, F10: a panic inside a spawned task (an async export resumed by a settled promise) is no
//! uncaught exception: it poisons the instance and every async export
//! still pending rejects with the poison error (none stays pending). Own test binary: the
//! instance is unusable afterwards. The JS half is tests/js/sound_poison.js.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/sound_poison.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerPoisonModule)]
    fn register_poison_module(rt: &JsValue);
    #[wasm_bindgen(js_name = runPoisonCheck)]
    fn run_poison_check(rt: &JsValue, name: &str) -> js_sys::Promise;
}

#[js_import("later", module = "poison")]
async fn later(x: i32) -> Result<i32, JsError>;

#[js_export]
async fn wait_then_add(x: i32) -> Result<i32, JsError> {
    Ok(later(x).await? + 1)
}

#[js_export]
async fn wait_then_explode(x: i32) -> Result<i32, JsError> {
    let v = later(x).await?;
    panic!("kaboom in a task after {v}")
}

#[js_export]
fn explode() -> i32 {
    panic!("kaboom")
}

#[wasm_bindgen_test]
async fn a_panic_inside_a_spawned_task_rejects_every_pending_async_export_and_is_not_uncaught() {
    register_poison_module(&rt());
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(run_poison_check(&rt(), "taskPanic")).await
    {
        panic!("JS check failed: {}", slotwire_e2e::js_message(&e));
    }
}

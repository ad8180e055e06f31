//! `register_export` / `unregister_export` are crossings into JS (they change `rt.exports`): the
//! calls queued before them run first, in program order (ADVERSARIAL-FINDINGS.md, tenth session
//! (fixes): B11).
#![cfg(target_arch = "wasm32")]

use slotwire::batch;
use slotwire::prelude::*;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function p3Install(rt) {
  globalThis.p3x = {
    log: [],
    callExport(name) {
      try { globalThis.p3x.log.push(String(rt.exports[name]())); }
      catch (e) { globalThis.p3x.log.push("error"); }
    },
  };
}
export function p3Log() { return JSON.stringify(globalThis.p3x.log); }
export function p3Clear() { globalThis.p3x.log = []; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = p3Install)]
    fn install(rt: &JsValue);
    #[wasm_bindgen(js_name = p3Log)]
    fn log() -> String;
    #[wasm_bindgen(js_name = p3Clear)]
    fn clear();
}

#[js_import("p3x.callExport", batch)]
fn call_export(name: &'static str);

/// Queued: a call of export `p3_tick` (registered); then `unregister_export("p3_tick")`. In
/// program order the call ran while the export existed (41). And: a call of `p3_late` queued
/// before `register_export("p3_late")`: in program order there was no such export ("error").
#[wasm_bindgen_test]
fn register_and_unregister_export_see_the_calls_queued_before_them() {
    install(&rt());
    slotwire::register_export("p3_warm", || 0u32).unwrap();
    call_export_queued("p3_warm"); // binds
    batch::flush().unwrap();
    clear();

    slotwire::register_export("p3_tick", || 41u32).unwrap();
    call_export_queued("p3_tick");
    assert!(slotwire::unregister_export("p3_tick"));
    let r1 = batch::flush();
    let unregister = log();
    clear();

    call_export_queued("p3_late");
    slotwire::register_export("p3_late", || 7u32).unwrap();
    let r2 = batch::flush();
    let register = log();
    assert!(slotwire::unregister_export("p3_late"));
    assert!(slotwire::unregister_export("p3_warm"));
    assert_eq!(
        (
            unregister.as_str(),
            register.as_str(),
            r1.is_ok(),
            r2.is_ok()
        ),
        (r#"["41"]"#, r#"["error"]"#, true, true),
        "(queued call then unregister_export, queued call then register_export)"
    );
}

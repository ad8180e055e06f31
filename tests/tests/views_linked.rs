//! The view runtime (`MemoryView`, the span and segment marshalers) is a snippet of its own
//! (`slotwire-views.js`) that the glue loads only when the wasm links a view. The marshalers of
//! spans and segments link it themselves; the typed paths that pass a span as wasm values (no
//! marshaler runs) link it where they bind: `#[js_import]`'s statics and `TypedBinding`. This
//! binary passes spans through those two paths only. Without the statics' link the first test
//! fails (the view runtime is missing: checked by setting `LazyBinding`'s `link` to `None`);
//! `TypedBinding::call` also carries its slot branch, whose span marshaler links the runtime
//! (debug and release), so the second test guards the whole TypedBinding path rather than its
//! `LINK` alone.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::TypedBinding;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
globalThis.__viewsLinked = {
  // The sum of a span's elements, and whether it arrived as the runtime's MemoryView.
  sum(v) {
    const views = globalThis.__viewsLinked.views;
    if (views === null || !(v instanceof views.MemoryView)) return -1;
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v.get(i);
    return s;
  },
  views: null,
};
export function viewsOf(rt) {
  const v = rt[Symbol.for("slotwire.runtime-module")].features.views;
  globalThis.__viewsLinked.views = v;
  return v;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = viewsOf)]
    fn views_of(rt: &JsValue) -> JsValue;
}

/// A typed (fast) import: the span travels as pointer and length, no marshaler.
#[js_import("globalThis.__viewsLinked.sum")]
fn sum_fast(v: &[f32]) -> f64;

fn views_loaded() {
    let views = views_of(&rt());
    assert!(
        !views.is_null() && !views.is_undefined(),
        "the view runtime (slotwire-views.js) is not loaded"
    );
}

#[wasm_bindgen_test]
fn a_fast_import_taking_a_span_brings_the_view_runtime() {
    views_loaded();
    assert_eq!(sum_fast(&[1.5, 2.5, 4.0]), 8.0);
}

#[wasm_bindgen_test]
fn a_typed_binding_taking_a_span_brings_the_view_runtime() {
    views_loaded();
    let sum =
        TypedBinding::<(&[f64],), f64>::bind("globalThis.__viewsLinked.sum", None).expect("binds");
    let data = [0.25f64, 0.75, 3.0];
    assert_eq!(sum.call((&data[..],)).expect("calls"), 4.0);
}

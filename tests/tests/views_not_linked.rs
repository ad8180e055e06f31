//! Pay for use, the other way round from `views_linked.rs`: a binary that calls JS through the
//! object operations (`JsObject::get`/`set`/`call_method`, slotwire's own untyped bindings) and an
//! untyped-looking `#[js_import]`, but passes no span or segment, links no view runtime
//! (`slotwire-views.js` is not loaded; `rt.allocSegment` says why). Its own binary: linking is
//! per binary.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
globalThis.__viewsNotLinked = { make() { return { name: "n", scale(x) { return x * 2; } }; } };
export function viewsOf(rt) {
  return rt[Symbol.for("slotwire.runtime-module")].features.views;
}
export function allocError(rt) {
  try {
    rt.allocSegment("u8", 4);
    return "allocated";
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = viewsOf)]
    fn views_of(rt: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = allocError)]
    fn alloc_error(rt: &JsValue) -> String;
}

#[js_import("globalThis.__viewsNotLinked.make")]
fn make() -> JsObject;

#[wasm_bindgen_test]
fn object_operations_without_views_load_no_view_runtime() {
    let o = make();
    let name: String = o.get("name").expect("get");
    assert_eq!(name, "n");
    o.set("name", "m").expect("set");
    let doubled: f64 = o.call_method("scale", (21.0,)).expect("call");
    assert_eq!(doubled, 42.0);
    assert!(
        views_of(&rt()).is_null(),
        "the view runtime was loaded by an app that passes no view"
    );
    let e = alloc_error(&rt());
    assert!(
        e.starts_with("SlotwireError: allocSegment: the app's wasm takes no Segment<T>"),
        "{e}"
    );
}

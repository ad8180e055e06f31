//! `TypedBinding::bind_async` with an rkyv [`Archive`] argument: `bind_async` does not call
//! `Shape::LINK` (`bind` does), and `Archive`'s `ToJs::write` does not call `link_views`, so this
//! binary has no view runtime: the bind fails ("globalThis.__viewsLinkedAsync.count: the
//! memory-view runtime (slotwire-views.js) is not loaded"). A `&[T]` argument is linked by its
//! marshaler. Its own binary: linking is per binary.
#![cfg(target_arch = "wasm32")]

use slotwire::record::Archive;
use slotwire::{JsPromise, TypedBinding};
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
globalThis.__viewsLinkedAsync = {
  count(a) {
    return Promise.resolve(a.n);
  },
};
export function viewsOf(rt) {
  return rt[Symbol.for("slotwire.runtime-module")].features.views;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = viewsOf)]
    fn views_of(rt: &JsValue) -> JsValue;
}

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
pub struct Note {
    text: String,
    n: u32,
}

#[wasm_bindgen_test]
async fn an_async_typed_binding_taking_an_archive_brings_the_view_runtime() {
    let views = views_of(&rt());
    assert!(
        !views.is_null() && !views.is_undefined(),
        "the view runtime (slotwire-views.js) is not loaded"
    );
    let count = TypedBinding::<(&Archive<Note>,), JsPromise<u32>>::bind_async(
        "globalThis.__viewsLinkedAsync.count",
        None,
    )
    .expect("binds");
    let a = Archive::new(&Note {
        text: "hi".into(),
        n: 7,
    })
    .unwrap();
    assert_eq!(
        count.call((&a,)).expect("calls").await.expect("resolves"),
        7
    );
}

//! An app `#[js_export]` in the `ByteStream` pull's namespace (`SlotwireByteStream`, slotwire's
//! own: the pull is published there at run time, engine/src/stream.rs) is refused when the runtime
//! attaches, by name (adversarial, ninth session: it linked and every stream read the app's
//! function; before the pull was published at run time it was a duplicate-symbol link error). Its
//! own binary: it cannot attach.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use wasm_bindgen_test::*;

/// The app's own export, in slotwire's namespace.
#[js_export(js_name = "SlotwireByteStream.pull")]
fn app_pull(x: u32) -> Option<Vec<u8>> {
    Some(vec![x as u8])
}

#[wasm_bindgen_test]
fn an_export_in_the_pulls_namespace_is_refused_at_attach() {
    let e = slotwire::runtime().expect_err("the runtime attached");
    let text = format!("{e}");
    assert!(
        text.contains("SlotwireByteStream.pull") && text.contains("is slotwire's own"),
        "{text}"
    );
    let _ = app_pull;
}

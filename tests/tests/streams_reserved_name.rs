//! The `ByteStream` pull is published at run time under `SlotwireByteStream.pull`
//! (engine/src/stream.rs), so that namespace is slotwire's: an app's `register_export` of it, or
//! of the namespace itself, is refused by name, and the streams keep reading their own bytes
//! (adversarial, ninth session: before the refusal, `register_export("SlotwireByteStream.pull",
//! || 7u32)` made every stream read 7, 7, 7, ...). `streams_export_name.rs` is the same for a
//! `#[js_export]` (its own binary: it cannot attach).
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::stream::ByteStream;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export async function readStream(rt) {
  try {
    const r = rt.exports.own_bytes().getReader();
    const got = [];
    for (;;) {
      const { value, done } = await r.read();
      if (done) break;
      got.push(Array.from(value).join(","));
    }
    return got.join(" | ");
  } catch (e) {
    return `threw ${e.name}: ${e.message}`;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = readStream)]
    fn read_stream(rt: &JsValue) -> js_sys::Promise;
}

#[js_export]
fn own_bytes() -> ByteStream {
    ByteStream::from_iter([vec![1u8, 2, 3]])
}

async fn read() -> String {
    wasm_bindgen_futures::JsFuture::from(read_stream(&rt()))
        .await
        .map(|v| v.as_string().unwrap_or_default())
        .unwrap_or_else(|e| slotwire_e2e::js_message(&e))
}

#[wasm_bindgen_test]
async fn the_pulls_namespace_is_refused_to_app_exports_before_and_after_the_first_stream() {
    let _ = rt();
    for name in [
        "SlotwireByteStream.pull",
        "SlotwireByteStream",
        "SlotwireByteStream.other",
    ] {
        let e = slotwire::register_export(name, || 7u32).expect_err(name);
        assert!(e.to_string().contains("is slotwire's own"), "{name}: {e}");
    }
    assert_eq!(read().await, "1,2,3", "the stream reads its own bytes");
    let e = slotwire::register_export("SlotwireByteStream.pull", || 7u32).expect_err("after");
    assert!(e.to_string().contains("is slotwire's own"), "{e}");
    assert_eq!(read().await, "1,2,3", "and again");
}

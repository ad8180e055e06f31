//! The `ByteStream` pull export is published at run time (engine/src/stream.rs): when an app's own
//! export already took its name (`SlotwireByteStream`), publishing it fails, and that failure must
//! not unwind through the marshalling that published it (a JS throw through Rust frames). The
//! export returning the stream still returns it; reading it fails by name. Its own binary: which
//! exports exist is per binary.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::stream::ByteStream;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export async function readNumbers(rt) {
  let s;
  try {
    s = rt.exports.numbers();
  } catch (e) {
    return `the export threw: ${e && e.message}`;
  }
  if (!(s instanceof ReadableStream)) return `not a stream: ${String(s)}`;
  try {
    await s.getReader().read();
    return "read";
  } catch (e) {
    return `read failed: ${e && e.message}`;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = readNumbers)]
    fn read_numbers(rt: &JsValue) -> js_sys::Promise;
}

/// An app export whose name is the pull's namespace.
#[js_export(js_name = "SlotwireByteStream")]
fn clash() -> u32 {
    1
}

#[js_export]
fn numbers() -> ByteStream {
    ByteStream::from_iter([vec![1u8, 2, 3]])
}

#[wasm_bindgen_test]
async fn a_taken_pull_name_fails_the_read_by_name_not_the_export() {
    let got = wasm_bindgen_futures::JsFuture::from(read_numbers(&rt()))
        .await
        .map(|v| v.as_string().unwrap_or_default())
        .map_err(|e| slotwire_e2e::js_message(&e));
    let got = got.expect("readNumbers settles");
    assert!(
        got.starts_with("read failed: ") && got.contains("no method pull"),
        "{got}"
    );
    assert_eq!(clash(), 1);
}

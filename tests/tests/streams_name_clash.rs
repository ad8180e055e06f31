//! The `ByteStream` pull export is published at run time (engine/src/stream.rs). App exports may
//! not take its name (`streams_reserved_name.rs`), but app JS can still put something at
//! `rt.exports.SlotwireByteStream` first: publishing then fails, and that failure must not unwind
//! through the marshalling that published it (a JS throw through Rust frames, as before
//! 5e4449d). The export returning the stream still returns it; reading it fails by name; once the
//! name is free again, the next stream publishes the pull and reads. Its own binary: the pull is
//! published once per runtime.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::stream::ByteStream;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export async function readNumbers(rt, sabotage) {
  if (sabotage) rt.exports.SlotwireByteStream = 5;
  else delete rt.exports.SlotwireByteStream;
  let s;
  try {
    s = rt.exports.numbers();
  } catch (e) {
    return `the export threw: ${e && e.message}`;
  }
  if (!(s instanceof ReadableStream)) return `not a stream: ${String(s)}`;
  try {
    const { value } = await s.getReader().read();
    return `read ${Array.from(value).join(",")}`;
  } catch (e) {
    return `read failed: ${e && e.message}`;
  }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = readNumbers)]
    fn read_numbers(rt: &JsValue, sabotage: bool) -> js_sys::Promise;
}

#[js_export]
fn numbers() -> ByteStream {
    ByteStream::from_iter([vec![1u8, 2, 3]])
}

async fn read(sabotage: bool) -> String {
    wasm_bindgen_futures::JsFuture::from(read_numbers(&rt(), sabotage))
        .await
        .map(|v| v.as_string().unwrap_or_default())
        .unwrap_or_else(|e| slotwire_e2e::js_message(&e))
}

#[wasm_bindgen_test]
async fn a_taken_pull_name_fails_the_read_by_name_not_the_export() {
    let got = read(true).await;
    assert!(
        got.starts_with("read failed: ") && got.contains("no method pull"),
        "{got}"
    );
    assert_eq!(
        read(false).await,
        "read 1,2,3",
        "published once the name is free"
    );
}

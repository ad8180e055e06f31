//! Byte streams both ways: Rust reads JS byte sources in chunks under a size limit (`JsStream`),
//! JS reads Rust byte sources as a `ReadableStream` (`ByteStream`), in Node and Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::stream::{ByteStream, JsStream};
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/streams.js")]
extern "C" {
    #[wasm_bindgen(js_name = runStreamChecks)]
    fn run_stream_checks(rt: &JsValue) -> js_sys::Promise;
}

/// `"<length>:<checksum>"` of everything the source holds, read in chunks.
#[js_export]
async fn stream_digest(source: JsObject, max: f64) -> Result<String, String> {
    let mut s = JsStream::open(&source, max as u64)
        .await
        .map_err(|e| e.to_string())?;
    let (mut n, mut sum) = (0u64, 0u64);
    while let Some(chunk) = s.next_chunk().await.map_err(|e| e.to_string())? {
        for b in chunk {
            n += 1;
            sum = (sum + b as u64 * n) % 1_000_000_007;
        }
    }
    assert_eq!(s.bytes_read(), n);
    Ok(format!("{n}:{sum}"))
}

#[js_export]
fn stream_numbers(chunks: u32, size: u32) -> ByteStream {
    ByteStream::from_iter((0..chunks).map(move |i| vec![i as u8; size as usize]))
}

#[js_export]
fn stream_bytes(n: u32, chunk: u32) -> ByteStream {
    ByteStream::from_bytes(vec![1; n as usize], chunk as usize)
}

#[js_export]
fn stream_live() -> u32 {
    slotwire::census().rust_objects as u32
}

#[wasm_bindgen_test]
async fn byte_streams_both_ways() {
    let p = run_stream_checks(&rt());
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(p).await {
        let msg = slotwire_e2e::js_message(&e);
        panic!("{msg}");
    }
}

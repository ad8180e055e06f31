//! As `views_export_only.rs`, for a closure: a binary whose only view is a `JsClosure`'s
//! `Segment<u8>` parameter, and JS allocates the segment before Rust has passed any view. Its own
//! binary: linking is per binary.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::Segment;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
globalThis.__closureOnly = { keep(f) { globalThis.__closureOnly.f = f; } };
export function sumThroughSegment(rt) {
  const f = globalThis.__closureOnly.f;
  const seg = rt.allocSegment("u8", 3);
  seg.set([5, 6, 7]);
  const total = f(seg);
  seg.dispose();
  return total;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = sumThroughSegment, catch)]
    fn sum_through_segment(rt: &JsValue) -> Result<u32, JsValue>;
}

#[js_import("globalThis.__closureOnly.keep")]
fn keep(f: &JsClosure);

#[wasm_bindgen_test]
fn js_allocates_a_segment_for_a_closure_before_rust_passed_any_view() {
    let f = JsClosure::new(|s: Segment<u8>| -> u32 {
        s.with(|b| b.iter().map(|&x| u32::from(x)).sum())
    });
    keep(&f);
    let total = sum_through_segment(&rt()).map_err(|e| slotwire_e2e::js_message(&e));
    assert_eq!(total, Ok(18));
}

//! Pay for use, JS first: a segment JS allocates for an export, in a binary whose only view is
//! that export's `Segment<u8>` parameter. No Rust code has passed a view before JS's
//! `rt.allocSegment` here; the export's marshaler is what links the view runtime
//! (`slotwire-views.js`) into this binary, so it is loaded and `allocSegment` works. Its own
//! binary: linking is per binary (`views_closure_only.rs` does the same for a closure).
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::Segment;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function sumThroughSegment(rt) {
  const seg = rt.allocSegment("u8", 4);
  seg.set([1, 2, 3, 4]);
  const total = rt.exports.segment_total(seg);
  seg.dispose();
  return total;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = sumThroughSegment, catch)]
    fn sum_through_segment(rt: &JsValue) -> Result<u32, JsValue>;
}

/// The sum of the bytes of a segment JS allocated.
#[js_export]
fn segment_total(s: Segment<u8>) -> u32 {
    s.with(|b| b.iter().map(|&x| u32::from(x)).sum())
}

#[wasm_bindgen_test]
fn js_allocates_a_segment_for_an_export_before_rust_passed_any_view() {
    let total = sum_through_segment(&rt()).map_err(|e| slotwire_e2e::js_message(&e));
    assert_eq!(total, Ok(10));
}

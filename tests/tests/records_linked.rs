//! The record readers are a snippet of their own (`slotwire-records.js`) that the glue loads
//! only when the wasm links records. A program whose records never cross, but which hands JS a
//! descriptor as text (`archive_descriptor`, `JsRecord::layout().to_json()`) for JS to read
//! memory with, gets the readers too: making a descriptor links the snippet. This binary does
//! nothing else with records, so without that link the readers would be missing here.
#![cfg(target_arch = "wasm32")]

use slotwire::record::archive_descriptor;
use slotwire::{JsArchive, JsRecord};
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(inline_js = r#"
export function recordsOf(rt) {
  const m = rt[Symbol.for("slotwire.runtime-module")];
  return m.features.records;
}
export function readerName(records, text) {
  return records.recordReader(JSON.parse(text)).name;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = recordsOf)]
    fn records_of(rt: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = readerName, catch)]
    fn reader_name(records: &JsValue, text: &str) -> Result<JsValue, JsValue>;
}

#[derive(rkyv::Archive, JsArchive)]
struct Point {
    x: i32,
    y: f64,
}

#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord)]
#[repr(C)]
struct Pixel {
    rgba: u32,
}

#[wasm_bindgen_test]
fn a_descriptor_made_for_js_brings_the_js_record_readers() {
    let rt = rt();
    let text = archive_descriptor::<Point>();
    let records = records_of(&rt);
    assert!(
        !records.is_null() && !records.is_undefined(),
        "the records snippet is not loaded"
    );
    let name = reader_name(&records, &text).expect("the reader reads the descriptor");
    assert_eq!(name.as_string().as_deref(), Some("Point"));
    let pixel = Pixel::layout().to_json();
    let name = reader_name(&records, pixel).expect("the reader reads the Pod layout");
    assert_eq!(name.as_string().as_deref(), Some("Pixel"));
}

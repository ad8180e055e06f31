//! MemoryView soundness (issue 9: N4, N7, N8), in Node and headless Chromium: a typed array
//! handed out by `typedArray()` never outlives the memory it aliases (a `&mut [T]` span's call, a
//! segment's `dispose()`), and `MemoryView.set` reads each source element exactly once and writes
//! into the memory as it is after the last user code ran.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::{census, JsError, Segment};
use slotwire_e2e::{js_message, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/sound_views.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerViewsModule)]
    fn register_views_module(rt: &JsValue);
    #[wasm_bindgen(js_name = runViewsCheck, catch)]
    fn run_views_check(rt: &JsValue, name: &str) -> Result<(), JsValue>;
}

fn check(name: &str) {
    register_views_module(&rt());
    let before = census().segments;
    if let Err(e) = run_views_check(&rt(), name) {
        panic!("JS check `{name}` failed: {}", js_message(&e));
    }
    assert_eq!(census().segments, before, "`{name}`: Rust segments leaked");
}

// ---- Exports ----

/// A fresh Rust segment of `0, 1, …, n - 1` (allocated where freed memory was, likely).
#[js_export]
fn views_seg_make(n: u32) -> Segment<f64> {
    Segment::from_vec((0..n).map(f64::from).collect())
}

#[js_export]
fn views_seg_sum(s: Segment<f64>) -> f64 {
    s.with(|v| v.iter().sum())
}

/// Lends a zeroed `Vec<u32>` of `n` to JS as `&mut [u32]`, frees it, returns the sum JS left.
#[js_export]
fn views_lend_rw(n: u32) -> Result<u32, String> {
    let mut v = vec![0u32; n as usize];
    views_span_rw_js(&mut v).map_err(|e| e.to_string())?;
    Ok(v.iter().copied().fold(0u32, u32::wrapping_add))
}

/// Allocates (and frees) `n` bytes: grows memory when `n` is large.
#[js_export]
fn views_alloc(n: u32) -> u32 {
    let v = std::hint::black_box(vec![0x5au8; n as usize]);
    v.len() as u32
}

// ---- Imports ----

#[js_import("spanRw", module = "views_sound")]
fn views_span_rw_js(v: &mut [u32]) -> Result<u32, JsError>;

// ---- Tests ----

#[wasm_bindgen_test]
fn a_typed_array_of_a_mut_span_is_detached_when_the_call_returns() {
    check("spanTypedArrayKept");
}

#[wasm_bindgen_test]
fn a_typed_array_of_a_segment_is_detached_by_dispose_before_rust_frees_it() {
    check("segmentTypedArrayKept");
}

#[wasm_bindgen_test]
fn segment_typed_arrays_stay_zero_copy_until_dispose() {
    check("segmentTypedArrayZeroCopy");
}

#[wasm_bindgen_test]
fn view_set_reads_each_array_element_exactly_once() {
    check("viewSetReadsOnce");
}

#[wasm_bindgen_test]
fn view_set_writes_every_element_when_a_getter_grows_memory() {
    check("viewSetGrow");
}

#[wasm_bindgen_test]
fn view_set_refuses_a_target_disposed_by_a_getter() {
    check("viewSetDisposedByGetter");
}

#[wasm_bindgen_test]
fn view_set_names_the_method_for_a_detached_or_lying_source() {
    check("viewSetBadSources");
}

// ---- Spans lent inside a Vec (eleventh session, K1) ----

#[wasm_bindgen(inline_js = r#"
let kept = null;
export function nestedInstall(rt) {
  rt.importModule("nested_spans", { keep: (v) => { kept = v; } });
}
export function nestedDisposed() {
  return kept.map((x) => (x.isDisposed === true ? "disposed" : "live")).join(",");
}
export function nestedWrite() {
  const v = kept[0];
  v.set(new Array(v.length).fill(0x7fffffff));
}
export function nestedRead() {
  try { return `read ${kept[0].n}`; } catch (e) { return `${e.name}: ${e.message}`; }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = nestedInstall)]
    fn nested_install(rt: &JsValue);
    #[wasm_bindgen(js_name = nestedDisposed)]
    fn nested_disposed() -> String;
    #[wasm_bindgen(js_name = nestedWrite, catch)]
    fn nested_write() -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = nestedRead)]
    fn nested_read() -> String;
}

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
pub struct Note {
    text: String,
    n: u32,
}

#[js_import("keep", module = "nested_spans")]
fn keep_spans(v: Vec<&[u32]>);
#[js_import("keep", module = "nested_spans")]
fn keep_spans_mut(v: Vec<&mut [u32]>);
#[js_import("keep", module = "nested_spans")]
fn keep_archives(v: Vec<&slotwire::record::Archive<Note>>);

/// Views an import received inside a `Vec` end with its call, as a `&[T]` argument's do: JS
/// keeping one cannot write memory Rust freed and reused, nor read an archive Rust dropped.
/// (Before the fix they stayed live: the invoker ended the views only of span parameters.)
#[wasm_bindgen_test]
fn spans_lent_inside_a_vec_end_with_the_call() {
    nested_install(&rt());
    let a = [1u32; 16];
    keep_spans(vec![&a[..], &a[..4]]);
    assert_eq!(nested_disposed(), "disposed,disposed");

    let note = slotwire::record::Archive::new(&Note {
        text: "a note long enough to be out of line".into(),
        n: 7,
    })
    .unwrap();
    keep_archives(vec![&note]);
    drop(note);
    let read = nested_read();
    assert!(read.contains("the view was disposed"), "{read}");

    let mut m = vec![1u32; 64];
    keep_spans_mut(vec![&mut m[..]]);
    assert_eq!(nested_disposed(), "disposed");
    drop(m);
    // Rust allocates again: where the Vec was, most likely.
    let live = vec![5u32; 64];
    assert!(
        nested_write().is_err(),
        "a kept &mut [u32] view wrote after its call"
    );
    assert_eq!(live.iter().sum::<u32>(), 320);
}

//! Issue 9, the error paths and the read-only promise (F8, F11, F14, F15, F16): a read-only span
//! cannot be written by any member, errors are built without running user code and name the
//! function and argument, exports are not constructors, rejected archives say what is wrong and
//! keep their error kind, `Vec` nests four levels (both ways). In Node and headless Chromium.
//!
//! The JS half is tests/js/sound_errors.js: functions the imports call (module "sound") and checks
//! run against `rt.exports` by name.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::{Error, ErrorKind, JsDate, RustObject, Segment};
use slotwire_e2e::slot_types::{F64, I32};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/sound_errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerSoundModule)]
    fn register_sound_module(rt: &JsValue);
    #[wasm_bindgen(js_name = runSoundCheck)]
    fn run_sound_check(rt: &JsValue, name: &str) -> js_sys::Promise;
}

fn setup() {
    register_sound_module(&rt());
}

async fn check(name: &str) {
    setup();
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(run_sound_check(&rt(), name)).await {
        panic!("JS check `{name}` failed: {}", slotwire_e2e::js_message(&e));
    }
}

/// Both censuses at their baseline (no handle of any kind left on either side).
fn censuses_clean() {
    let rust = slotwire::census();
    assert_eq!(
        rust.js_objects as f64,
        js_census("jsObjects"),
        "JsObject censuses agree"
    );
    assert_eq!(js_census("segments"), 0.0, "no segment view left");
}

// ---- F8: a read-only span cannot be written by any member ------------------------------------

/// Tries every member of the view to write 9999 into it; returns 0, or the 1-based index of the
/// first attempt that changed the view (the JS side checks the view after each attempt).
#[js_import("tryWriteReadOnly", module = "sound")]
fn see_span_ro(v: &[u32]) -> u32;
/// The same through the slot path (a `String` result).
#[js_import("tryWriteReadOnlySlot", module = "sound")]
fn see_span_ro_slot(v: &[u32]) -> String;
/// A `&mut [u32]` stays writable through `typedArray()` (zero copy).
#[js_import("writeThroughTypedArray", module = "sound")]
fn see_span_mut(v: &mut [u32]) -> u32;

#[wasm_bindgen_test]
fn read_only_span_cannot_be_written_by_any_member() {
    setup();
    let data = vec![1u32, 2, 3, 4];
    let first_write = see_span_ro(&data);
    assert_eq!(
        data,
        [1, 2, 3, 4],
        "Rust's shared slice changed during the call"
    );
    assert_eq!(
        first_write, 0,
        "attempt {first_write} (tests/js/sound_errors.js) wrote"
    );
    let report = see_span_ro_slot(&data);
    assert_eq!(
        data,
        [1, 2, 3, 4],
        "slot path: Rust's shared slice changed ({report})"
    );
    assert!(report.starts_with("ok"), "{report}");
}

#[wasm_bindgen_test]
fn mutable_span_stays_writable_through_its_typed_array() {
    setup();
    let mut data = vec![1u32, 2, 3, 4];
    assert_eq!(see_span_mut(&mut data), 0);
    assert_eq!(data, [9999, 2, 3, 4]);
}

// ---- F11: errors are built without user code and name function and argument -----------------

#[js_export]
fn half(x: f64) -> f64 {
    x / 2.0
}

#[js_export]
fn half_slot(x: F64) -> F64 {
    x / 2.0
}

#[js_export]
fn year_ms(d: JsDate) -> f64 {
    d.millis()
}

#[js_export]
fn sum_f64(v: Vec<f64>) -> f64 {
    v.iter().sum()
}

#[js_export]
fn sum_span(v: &[f64]) -> f64 {
    v.iter().sum()
}

#[js_export]
fn seg_len(s: Segment<u8>) -> u32 {
    s.len() as u32
}

#[js_export]
fn count_strings(v: Vec<String>) -> u32 {
    v.len() as u32
}

#[wasm_bindgen_test]
async fn bad_values_are_described_without_running_their_code() {
    check("describedWithoutUserCode").await;
    censuses_clean();
}

#[wasm_bindgen_test]
async fn revoked_proxies_fake_dates_and_detached_arrays_are_named_errors() {
    check("hostileValuesNamed").await;
    censuses_clean();
}

// ---- F14: exports are not constructors --------------------------------------------------------

#[js_export]
fn add_i32(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

#[js_export]
fn add_i32_slot(a: I32, b: I32) -> I32 {
    a.wrapping_add(b)
}

#[js_export]
async fn add_later(a: i32, b: i32) -> i32 {
    a + b
}

/// Hands JS two closures: one of plain values (typed path), one taking a `Vec<String>` (slots).
#[js_import("keepClosures", module = "sound")]
fn keep_closures(adder: &JsClosure, joiner: &JsClosure);

pub struct Tally {
    n: i32,
}

#[js_export]
impl Tally {
    fn create(n: i32) -> RustObject<Tally> {
        RustObject::new("Tally", Tally { n })
    }
    fn total(&self) -> i32 {
        self.n
    }
}

#[wasm_bindgen_test]
async fn exports_closures_and_methods_are_not_constructors() {
    setup();
    let adder = JsClosure::new(|x: i32| x + 10);
    let joiner = JsClosure::new(|v: Vec<String>| v.join("+"));
    keep_closures(&adder, &joiner);
    check("notConstructors").await;
    drop((adder, joiner));
}

// ---- F15: rejected archives say what is wrong and keep their kind ----------------------------

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
pub struct Note {
    text: String,
    n: u32,
}

#[js_export]
fn note_archive(text: String) -> Vec<u8> {
    slotwire::record::Archive::new(&Note { text, n: 7 })
        .unwrap()
        .bytes()
        .to_vec()
}

/// An `Err(slotwire::Error)` of an export: its kind decides the JS class.
#[js_export]
fn read_note(s: Segment<u8>) -> Result<String, Error> {
    s.with(|bytes| {
        let n = slotwire::record::access::<Note>(bytes)?;
        Ok(format!("{}/{}", n.text, n.n))
    })
}

#[js_export]
async fn read_note_later(s: Segment<u8>) -> Result<String, Error> {
    read_note(s)
}

#[js_export]
fn range_error(n: u32) -> Result<u32, Error> {
    Err(Error::new(ErrorKind::Range, format!("{n} is too big")))
}

#[wasm_bindgen_test]
async fn rejected_archives_say_what_is_wrong_and_keep_their_error_kind() {
    check("rejectedArchives").await;
    censuses_clean();
}

// ---- F16: Vec nests four levels, both ways ----------------------------------------------------

type Vec4 = Vec<Vec<Vec<Vec<f64>>>>;
type Vec4Opt = Vec<Option<Vec<Vec<Vec<Option<f64>>>>>>;

fn vec4() -> Vec4 {
    (0..2)
        .map(|a| {
            (0..3)
                .map(|b| {
                    (0..2)
                        .map(|c| {
                            (0..a + b + c)
                                .map(|d| (a * 1000 + b * 100 + c * 10 + d) as f64)
                                .collect()
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// JS returns what it got (an import taking and returning four levels).
#[js_import("echo4", module = "sound")]
fn echo4(v: Vec4) -> Vec4;

/// The same through `Option` levels (`Option` is not a level of its own).
#[js_import("echo4", module = "sound")]
fn echo4_opt(v: Vec4Opt) -> Vec4Opt;

#[js_export]
fn vec4_sum(v: Vec4) -> f64 {
    v.iter().flatten().flatten().flatten().sum()
}

#[js_export]
fn vec4_make() -> Vec4 {
    vec4()
}

#[wasm_bindgen_test]
async fn vec_nests_four_levels_both_ways() {
    setup();
    assert_eq!(echo4(vec4()), vec4());
    let opt = vec![None, Some(vec![vec![vec![Some(1.5), None]]])];
    assert_eq!(echo4_opt(opt.clone()), opt);
    check("fourLevels").await;
}

//! Memory views: spans (`&[T]`, `&mut [T]`), segments (`Segment<T>`), Pod records and rkyv
//! archives across calls, in Node and headless Chromium.
//!
//! The JS half is tests/js/views.js: the functions the imports call (module "views") and checks
//! run against `rt.exports` by name (`runViewCheck` / `runViewCheckAsync`).
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::record::{Archive, JsArchive, JsRecord};
use slotwire::Segment;
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/views.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerViewModule)]
    fn register_view_module(rt: &JsValue);
    #[wasm_bindgen(js_name = runViewCheck, catch)]
    fn run_view_check(rt: &JsValue, name: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = runViewCheckAsync)]
    fn run_view_check_async(rt: &JsValue, name: &str) -> js_sys::Promise;
}

/// JSON with every number as an f64 (JS writes `0`, serde_json `0.0`: the same value).
fn norm(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.into_iter().map(norm).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, norm(v))).collect()),
        v => v,
    }
}

fn setup() {
    register_view_module(&rt());
}

fn check(name: &str) {
    setup();
    if let Err(e) = run_view_check(&rt(), name) {
        panic!("JS check `{name}` failed: {}", slotwire_e2e::js_message(&e));
    }
}

async fn check_async(name: &str) {
    setup();
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(run_view_check_async(&rt(), name)).await {
        panic!("JS check `{name}` failed: {}", slotwire_e2e::js_message(&e));
    }
}

// ---- Spans: imports -------------------------------------------------------------------------

#[js_import("sumSpan", module = "views")]
fn sum_span(v: &[f64]) -> f64;
#[js_import("keptSpanDisposed", module = "views")]
fn kept_span_disposed() -> bool;
#[js_import("keptViewAllThrow", module = "views")]
fn kept_view_all_throw() -> String;
#[js_import("fillSpan", module = "views")]
fn fill_span(v: &mut [i32], x: i32);
#[js_import("trySet", module = "views")]
fn try_set(v: &[u8]) -> String;

// One import per element type, read-only and writable; the JS function is shared.
macro_rules! span_imports {
    ($($ro:ident, $rw:ident: $t:ty;)*) => {$(
        #[js_import("describeSpan", module = "views")]
        fn $ro(v: &[$t]) -> String;
        #[js_import("writeSpan", module = "views")]
        fn $rw(v: &mut [$t]) -> String;
    )*};
}

span_imports! {
    span_u8, span_mut_u8: u8;
    span_i8, span_mut_i8: i8;
    span_u16, span_mut_u16: u16;
    span_i16, span_mut_i16: i16;
    span_u32, span_mut_u32: u32;
    span_i32, span_mut_i32: i32;
    span_u64, span_mut_u64: u64;
    span_i64, span_mut_i64: i64;
    span_f32, span_mut_f32: f32;
    span_f64, span_mut_f64: f64;
}

/// What `describeSpan` returns for a read-only span of `name` holding `items`.
fn described(name: &str, items: &[String]) -> String {
    format!(
        "span:{name}:ro:{}:[{}]:TypeError",
        items.len(),
        items.join(",")
    )
}

fn strs<T: ToString>(v: &[T]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

#[wasm_bindgen_test]
fn read_only_spans_of_every_element_type() {
    setup();
    assert_eq!(span_u8(&[0, 1, 255]), described("u8", &strs(&[0, 1, 255])));
    assert_eq!(
        span_i8(&[-128, 0, 127]),
        described("i8", &strs(&[-128, 0, 127]))
    );
    assert_eq!(span_u16(&[0, 65535]), described("u16", &strs(&[0, 65535])));
    assert_eq!(
        span_i16(&[-32768, 32767]),
        described("i16", &strs(&[-32768, 32767]))
    );
    assert_eq!(
        span_u32(&[0, u32::MAX]),
        described("u32", &strs(&[0, u32::MAX]))
    );
    assert_eq!(
        span_i32(&[i32::MIN, -1, i32::MAX]),
        described("i32", &strs(&[i32::MIN, -1, i32::MAX]))
    );
    assert_eq!(
        span_u64(&[0, u64::MAX]),
        described("u64", &strs(&[0, u64::MAX]))
    );
    assert_eq!(
        span_i64(&[i64::MIN, i64::MAX]),
        described("i64", &strs(&[i64::MIN, i64::MAX]))
    );
    assert_eq!(
        span_f32(&[1.5, -0.25]),
        described("f32", &strs(&[1.5f32, -0.25]))
    );
    assert_eq!(
        span_f64(&[0.1, -2.5e300]),
        described("f64", &["0.1".into(), "-2.5e+300".into()])
    );
    // Empty slices: a view of length 0.
    assert_eq!(span_u8(&[]), described("u8", &[]));
    assert_eq!(span_i64(&[]), described("i64", &[]));
    assert_eq!(span_f64(&[]), described("f64", &[]));
    // The last span JS kept is disposed: every member throws a clear error.
    assert_eq!(kept_view_all_throw(), "ok");
    assert_eq!(sum_span(&[1.0, 2.5, 3.5]), 7.0);
    assert!(kept_span_disposed(), "a span ends with its call");
    assert_eq!(kept_view_all_throw(), "ok");
    assert_eq!(try_set(&[1, 2]), "TypeError", "a &[T] view is read-only");
}

#[wasm_bindgen_test]
fn writable_spans_of_every_element_type() {
    setup();
    // writeSpan writes, for element i: signed ints -(i + 1), unsigned (i + 1) * 3,
    // floats i + 0.5 (through set, typedArray and set-at-offset).
    macro_rules! writes {
        ($f:ident: $t:ty, $expect:expr) => {{
            let mut v: Vec<$t> = vec![Default::default(); 4];
            assert_eq!($f(&mut v), concat!("span:", stringify!($t), ":rw"));
            let e: Vec<$t> = (0..4).map($expect).collect();
            assert_eq!(v, e, "{}", stringify!($t));
            let mut empty: Vec<$t> = Vec::new();
            assert_eq!($f(&mut empty), concat!("span:", stringify!($t), ":rw"));
            assert_eq!(kept_view_all_throw(), "ok");
        }};
    }
    writes!(span_mut_u8: u8, |i| (i + 1) as u8 * 3);
    writes!(span_mut_i8: i8, |i| -(i as i8 + 1));
    writes!(span_mut_u16: u16, |i| (i + 1) as u16 * 3);
    writes!(span_mut_i16: i16, |i| -(i as i16 + 1));
    writes!(span_mut_u32: u32, |i| (i + 1) as u32 * 3);
    writes!(span_mut_i32: i32, |i| -(i + 1));
    writes!(span_mut_u64: u64, |i| (i + 1) as u64 * 3);
    writes!(span_mut_i64: i64, |i| -(i as i64 + 1));
    writes!(span_mut_f32: f32, |i| i as f32 + 0.5);
    writes!(span_mut_f64: f64, |i| f64::from(i) + 0.5);
    let mut v = vec![0i32; 4];
    fill_span(&mut v, 10);
    assert_eq!(v, [10, 11, 12, 13], "JS writes land in the slice");
}

// ---- Spans: export parameters (a copy in the frame) -------------------------------------------

macro_rules! span_sums {
    ($($f:ident: $t:ty;)*) => {$(
        #[js_export]
        fn $f(v: &[$t]) -> f64 {
            v.iter().map(|&x| x as f64).sum()
        }
    )*};
}

span_sums! {
    span_sum_u8: u8;
    span_sum_i8: i8;
    span_sum_u16: u16;
    span_sum_i16: i16;
    span_sum_u32: u32;
    span_sum_i32: i32;
    span_sum_u64: u64;
    span_sum_i64: i64;
    span_sum_f32: f32;
    span_sum_f64: f64;
}

#[js_export]
fn span_len(v: &[f64]) -> u32 {
    v.len() as u32
}

#[js_import("spanIntoExports", module = "views")]
fn span_into_exports(v: &[f64]) -> String;

#[wasm_bindgen_test]
fn span_export_parameters() {
    check("spanParams");
    // A span JS got from an import, passed on to an export (a copy) and to a segment parameter
    // (refused: a span is not a segment).
    assert_eq!(span_into_exports(&[1.0, 2.0, 4.0]), "7:3:TypeError");
}

// ---- Segments ---------------------------------------------------------------------------------

#[js_import("keepSegment", module = "views")]
fn keep_segment(v: &Segment<f32>) -> u32;
#[js_import("keptSegment", module = "views")]
fn kept_segment() -> Segment<f32>;
#[js_import("disposeKept", module = "views")]
fn dispose_kept();
#[js_import("segmentLater", module = "views")]
async fn segment_later(v: &Segment<f64>) -> Result<Segment<f64>, JsError>;
#[js_import("delay", module = "views")]
async fn delay(ms: u32) -> Result<(), JsError>;

#[js_export]
fn seg_sum(s: Segment<f64>) -> f64 {
    s.with(|v| v.iter().sum())
}

#[js_export]
fn seg_ptr(s: Segment<f64>) -> u32 {
    s.ptr() as usize as u32
}

#[js_export]
fn seg_scale(s: Segment<f64>, k: f64) {
    s.with_mut(|v| v.iter_mut().for_each(|x| *x *= k));
}

#[js_export]
fn seg_make(n: u32) -> Segment<u16> {
    Segment::from_vec((0..n as u16).collect())
}

#[js_export]
fn seg_make_f64(n: u32) -> Segment<f64> {
    Segment::from_vec((0..n).map(|i| f64::from(i) * 0.5).collect())
}

#[js_export]
async fn seg_async(n: u32) -> Segment<f64> {
    delay(1).await.unwrap();
    Segment::from_vec((0..n).map(|i| f64::from(i) + 0.25).collect())
}

#[js_export]
fn rust_segments() -> u32 {
    slotwire::census().segments as u32
}

#[wasm_bindgen_test]
fn segments_as_import_arguments_and_results() {
    setup();
    let base = slotwire::census().segments;
    let seg = Segment::from_vec(vec![1.0f32, 2.0]);
    assert_eq!(keep_segment(&seg), 2);
    let back = kept_segment();
    assert_eq!(back.handle(), seg.handle(), "the same segment comes back");
    dispose_kept();
    drop((seg, back));
    assert_eq!(
        slotwire::census().segments,
        base,
        "JS disposed, Rust dropped: freed"
    );
}

#[wasm_bindgen_test]
async fn segments_as_promise_values() {
    setup();
    let base = slotwire::census().segments;
    let seg = Segment::from_vec(vec![1.5f64, 2.5, 3.5]);
    let back = segment_later(&seg).await.unwrap();
    assert_eq!(back.handle(), seg.handle());
    assert_eq!(back.ptr(), seg.ptr(), "no copy");
    assert_eq!(back.to_vec(), [1.5, 2.5, 3.5]);
    dispose_kept();
    drop((seg, back));
    assert_eq!(slotwire::census().segments, base);
    check_async("segmentAsyncExport").await;
    assert_eq!(slotwire::census().segments, base);
}

#[wasm_bindgen_test]
fn js_allocated_segments_pass_without_copy() {
    check("allocSegment");
    check("segmentErrors");
}

#[wasm_bindgen_test]
fn segment_census_returns_to_baseline() {
    setup();
    let rust = slotwire::census().segments;
    let js = js_census("segments");
    check("segmentLoops");
    assert_eq!(slotwire::census().segments, rust);
    assert_eq!(js_census("segments"), js);
}

// ---- Never stale: memory growth with a segment view alive -------------------------------------

thread_local! {
    static HOARD: core::cell::RefCell<Vec<Vec<u8>>> = const { core::cell::RefCell::new(Vec::new()) };
}

/// Allocates `mib` MiB and keeps it: the memory grows under JS's views.
#[js_export]
fn grow_rust(mib: u32) -> u32 {
    let v = vec![1u8; (mib as usize) << 20];
    let p = v.as_ptr() as usize as u32;
    HOARD.with(|h| h.borrow_mut().push(v));
    p
}

#[js_export]
fn free_hoard() {
    HOARD.with(|h| h.borrow_mut().clear());
}

#[wasm_bindgen_test]
fn segment_views_never_go_stale() {
    check("neverStale");
}

// ---- Records ----------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
#[repr(C)]
struct Inner {
    a: u16,
    b: i16,
}

/// Every numeric field type, a nested record and an array, no padding (64 bytes).
#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
#[repr(C)]
struct Every {
    f_f64: f64,
    f_u64: u64,
    f_i64: i64,
    pos: [f32; 3],
    f_f32: f32,
    f_u32: u32,
    f_i32: i32,
    inner: Inner,
    f_u16: u16,
    f_i16: i16,
    f_u8: u8,
    f_i8: i8,
    pad: [u8; 6],
}

fn every(i: u8) -> Every {
    let k = i64::from(i);
    Every {
        f_f64: 0.5 + f64::from(i),
        f_u64: u64::MAX - u64::from(i),
        f_i64: i64::MIN + k,
        pos: [f32::from(i), -1.5, 2.25],
        f_f32: -0.75,
        f_u32: 4_000_000_000 + u32::from(i),
        f_i32: -2_000_000_000 - i32::from(i),
        inner: Inner {
            a: 65535 - u16::from(i),
            b: -300,
        },
        f_u16: 60000,
        f_i16: -30000,
        f_u8: 250 + i,
        f_i8: -128 + i as i8,
        pad: [0; 6],
    }
}

#[js_import("particles", module = "views")]
fn particles(v: &[Particle]) -> String;
#[js_import("everyRecords", module = "views")]
fn every_records(v: &[Every]) -> String;
#[js_import("keptRecordsDisposed", module = "views")]
fn kept_records_disposed() -> String;

#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
#[repr(C)]
struct Particle {
    x: f32,
    y: f32,
    id: u32,
}

#[wasm_bindgen_test]
fn pod_record_views() {
    setup();
    assert_eq!(core::mem::size_of::<Every>(), 64);
    let ps = [
        Particle {
            x: 1.0,
            y: 2.0,
            id: 7,
        },
        Particle {
            x: 3.0,
            y: 4.0,
            id: 8,
        },
    ];
    assert_eq!(particles(&ps), "2:10:7");
    let es = [every(0), every(1), every(2)];
    let got: serde_json::Value = serde_json::from_str(&every_records(&es)).unwrap();
    let one = |e: &Every| {
        serde_json::json!({
            "f_f64": e.f_f64,
            // Beyond 2^53: decimal strings in toJSON.
            "f_u64": e.f_u64.to_string(),
            "f_i64": e.f_i64.to_string(),
            "pos": e.pos,
            "f_f32": e.f_f32,
            "f_u32": e.f_u32,
            "f_i32": e.f_i32,
            "inner": { "a": e.inner.a, "b": e.inner.b },
            "f_u16": e.f_u16,
            "f_i16": e.f_i16,
            "f_u8": e.f_u8,
            "f_i8": e.f_i8,
            "pad": e.pad,
        })
    };
    let expect = serde_json::json!({
        "length": 3,
        "json": es.iter().map(one).collect::<Vec<_>>(),
        "iterated": [0.5, 1.5, 2.5],
        "exact": [u64::MAX.to_string(), (u64::MAX - 1).to_string(), (u64::MAX - 2).to_string()],
        "nested": [65535, 65534, 65533],
        "pos": [0.0, 1.0, 2.0],
    });
    assert_eq!(norm(got), norm(expect));
    assert_eq!(kept_records_disposed(), "ok");
    // Empty.
    let got: serde_json::Value = serde_json::from_str(&every_records(&[])).unwrap();
    assert_eq!(got["length"], 0);
    assert_eq!(kept_records_disposed(), "ok");
}

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
struct Address {
    city: String,
    zip: u32,
}

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
struct Person {
    name: String,
    age: u32,
    email: Option<String>,
    tags: Vec<String>,
    address: Address,
    scores: Vec<u16>,
    nick: Option<u8>,
    active: bool,
    initial: char,
}

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
struct Flags {
    on: bool,
    maybe: Option<u32>,
    label: String,
}

fn people() -> Vec<Person> {
    vec![
        Person {
            name: "Ada".into(),
            age: 36,
            email: None,
            tags: vec![],
            address: Address {
                city: "London".into(),
                zip: 1,
            },
            scores: vec![1, 2, 65535],
            nick: Some(7),
            active: true,
            initial: 'A',
        },
        Person {
            name: "Grace Brewster Murray Hopper".into(),
            age: 85,
            email: Some("g@navy.mil".into()),
            tags: vec!["navy".into(), "cobol".into(), "".into(), "abcdefgh".into()],
            address: Address {
                city: "New York City, New York".into(),
                zip: 10001,
            },
            scores: vec![],
            nick: None,
            active: false,
            initial: 'G',
        },
        Person {
            name: "Zoë Ødegård — 日本語 𝄞".into(),
            age: 0,
            email: Some("zoë@exämple.org".into()),
            tags: vec!["é".into(), "日本".into(), "𝄞𝄞𝄞𝄞𝄞".into()],
            address: Address {
                city: "Ålesund".into(),
                zip: u32::MAX,
            },
            scores: vec![0],
            nick: Some(0),
            active: true,
            initial: '𝄞',
        },
    ]
}

fn person_json(p: &Person) -> serde_json::Value {
    serde_json::json!({
        "name": p.name,
        "age": p.age,
        "email": p.email,
        "tags": p.tags,
        "address": { "city": p.address.city, "zip": p.address.zip },
        "scores": p.scores,
        "nick": p.nick,
        "active": p.active,
        "initial": p.initial.to_string(),
    })
}

#[js_import("people", module = "views")]
fn people_view(v: &Archive<Vec<Person>>) -> String;
#[js_import("keptArchiveDisposed", module = "views")]
fn kept_archive_disposed() -> String;

#[wasm_bindgen_test]
fn archive_views() {
    setup();
    let ps = people();
    let a = Archive::new(&ps).unwrap();
    let got: serde_json::Value = serde_json::from_str(&people_view(&a)).unwrap();
    let expect = serde_json::json!({
        "length": 3,
        "json": ps.iter().map(person_json).collect::<Vec<_>>(),
        "names": ps.iter().map(|p| p.name.clone()).collect::<Vec<_>>(),
        "cities": ps.iter().map(|p| p.address.city.clone()).collect::<Vec<_>>(),
        "tags1": ps[1].tags,
        "email": [null, "g@navy.mil", "zoë@exämple.org"],
    });
    assert_eq!(norm(got), norm(expect));
    assert_eq!(kept_archive_disposed(), "ok");
    let empty = Archive::new(&Vec::<Person>::new()).unwrap();
    let got: serde_json::Value = serde_json::from_str(&people_view(&empty)).unwrap();
    assert_eq!(got["length"], 0);
}

// ---- Archives and records JS writes: checked, never UB ----------------------------------------

/// A real archive, for JS to copy into a segment.
#[js_export]
fn people_archive() -> Vec<u8> {
    Archive::new(&people()).unwrap().bytes().to_vec()
}

#[js_export]
fn flags_archive(on: bool, maybe: Option<u32>, label: String) -> Vec<u8> {
    Archive::new(&Flags { on, maybe, label })
        .unwrap()
        .bytes()
        .to_vec()
}

#[js_export]
fn flags_layout() -> String {
    Flags::archived_layout().to_json().to_owned()
}

/// Reads JS's bytes as an archive of `Vec<Person>`: names and ages, or an Err (never a panic).
#[js_export]
fn read_people(s: Segment<u8>) -> Result<String, String> {
    s.with(|bytes| {
        let root = slotwire::record::access::<Vec<Person>>(bytes).map_err(|e| e.to_string())?;
        Ok(root
            .iter()
            .map(|p| {
                format!(
                    "{}/{}/{}/{}",
                    p.name,
                    p.age,
                    p.address.city,
                    p.email.as_ref().map_or("-", |e| e.as_str())
                )
            })
            .collect::<Vec<_>>()
            .join("|"))
    })
}

#[js_export]
fn read_flags(s: Segment<u8>) -> Result<String, String> {
    s.with(|bytes| {
        let f = slotwire::record::access::<Flags>(bytes).map_err(|e| e.to_string())?;
        Ok(format!(
            "{}:{:?}:{}",
            f.on,
            f.maybe.as_ref().map(|m| m.to_native()),
            f.label
        ))
    })
}

#[js_export]
fn every_layout() -> String {
    Every::layout().to_json().to_owned()
}

/// Reads JS's bytes as Pod records (no copy): one line per record.
#[js_export]
fn read_every(s: Segment<u8>) -> Result<String, String> {
    s.with(|bytes| {
        let es = slotwire::record::records::<Every>(bytes).map_err(|e| e.to_string())?;
        let expect: Vec<Every> = (0..es.len() as u8).map(every).collect();
        if es != expect.as_slice() {
            return Err(format!("got {es:?}"));
        }
        Ok(format!(
            "{} records at {:#x}",
            es.len(),
            bytes.as_ptr() as usize
        ))
    })
}

#[wasm_bindgen_test]
fn corrupt_archives_are_errors() {
    check("corruptArchives");
}

#[wasm_bindgen_test]
fn pod_records_round_trip_from_js() {
    check("podRoundTrip");
}

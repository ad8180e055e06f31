//! The adversarial suite (issue 9, section 5): a seeded, bounded attack from JS on exports and
//! imports of every row of the type table (guide/src/types.md) — random values of every JS type, memory growth
//! and re-entrant export calls injected wherever user code runs during marshalling, stale and
//! forged handles, oversize lengths. Every round checks: the right value or a clear named error,
//! the instance not poisoned, both censuses back to baseline, memory bounded, Rust's canary data
//! intact. The JS half (`js/adversarial.js`) collects every failure of a run and reports them all;
//! `tests/ADVERSARIAL-FINDINGS.md` lists what it found. Seed: `SLOTWIRE_ADV_SEED` (Node) or
//! `?seed=` (browser); it is printed.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use slotwire::prelude::*;
use slotwire::{census, RustObject, RustRef};
use slotwire_e2e::{js_message, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/adversarial.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerAdversarialModule)]
    fn register_adversarial_module(rt: &JsValue);
    /// Runs the named part of the suite; resolves to the report (`""` when nothing failed).
    #[wasm_bindgen(js_name = runAdversarial)]
    fn run_adversarial(rt: &JsValue, part: &str) -> js_sys::Promise;
}

// ---- Canaries: Rust data that no call may change --------------------------------------------------

const CANARY_LEN: usize = 4096;

fn canary_value(i: usize) -> f64 {
    (i as f64) * 1.25 + 7.0
}

thread_local! {
    static CANARY: RefCell<Vec<f64>> = RefCell::new((0..CANARY_LEN).map(canary_value).collect());
    static CANARY_SEG: RefCell<Option<Segment<f64>>> = const { RefCell::new(None) };
    static CLOSURES: RefCell<Vec<JsClosure>> = const { RefCell::new(Vec::new()) };
    static HOARD: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
}

/// "" if Rust's canaries (a heap `Vec<f64>` and a live `Segment<f64>`) are intact, else what changed.
#[js_export]
fn adv_canary() -> String {
    let mut bad = CANARY.with(|c| {
        let c = c.borrow();
        (0..CANARY_LEN)
            .find(|&i| c[i].to_bits() != canary_value(i).to_bits())
            .map(|i| {
                format!(
                    "heap canary [{i}] = {} (expected {})",
                    c[i],
                    canary_value(i)
                )
            })
            .unwrap_or_default()
    });
    CANARY_SEG.with(|s| {
        let mut s = s.borrow_mut();
        let seg = s.get_or_insert_with(|| Segment::from_vec((0..64).map(canary_value).collect()));
        seg.with(|v| {
            if let Some(i) = (0..64).find(|&i| v[i].to_bits() != canary_value(i).to_bits()) {
                bad.push_str(&format!(" segment canary [{i}] = {}", v[i]));
            }
        });
    });
    bad
}

/// Rust's census as `[jsObjects, closures, promises, asyncExports, rustObjects, segments]`.
#[js_export]
fn adv_census() -> Vec<u32> {
    let c = census();
    [
        c.js_objects,
        c.closures,
        c.promises,
        c.async_exports,
        c.rust_objects,
        c.segments,
    ]
    .iter()
    .map(|&n| n as u32)
    .collect()
}

/// Allocates (and frees) `n` bytes: may grow memory — the injection "an export that allocates".
#[js_export]
fn adv_alloc(n: u32) -> u32 {
    let v = std::hint::black_box(vec![0x5au8; n as usize]);
    v.len() as u32
}

/// Keeps `n` bytes allocated until `adv_free_hoard` (forces real growth each time).
#[js_export]
fn adv_hoard(n: u32) -> u32 {
    HOARD.with(|h| h.borrow_mut().push(vec![1u8; n as usize]));
    n
}

#[js_export]
fn adv_free_hoard() {
    HOARD.with(|h| h.borrow_mut().clear());
}

// ---- Every row of the type table, as exports -----------------------------------------------------

macro_rules! echo_numbers {
    ($($f:ident: $t:ty),*) => {$(
        #[js_export]
        fn $f(v: $t) -> $t {
            v
        }
    )*};
}
echo_numbers!(adv_u8: u8, adv_i8: i8, adv_u16: u16, adv_i16: i16, adv_u32: u32, adv_i32: i32,
    adv_usize: usize, adv_isize: isize, adv_f32: f32, adv_f64: f64, adv_u64: u64, adv_i64: i64,
    adv_bool: bool, adv_char: char, adv_string: String, adv_date: JsDate, adv_obj: JsObject,
    adv_any: JsAny, adv_opt_f64: Option<f64>, adv_opt_string: Option<String>,
    adv_opt_any: Option<JsAny>);

/// Slot-path number and string echoes (aliases hide the fast path from the macros).
mod slot_path {
    use slotwire::prelude::*;
    use slotwire_e2e::slot_types::{Str, F64, I32, U8};
    #[js_export]
    fn adv_slot_u8(v: U8) -> U8 {
        v
    }
    #[js_export]
    fn adv_slot_i32(v: I32) -> I32 {
        v
    }
    #[js_export]
    fn adv_slot_f64(v: F64) -> F64 {
        v
    }
    #[js_export]
    fn adv_slot_str(v: Str) -> String {
        v.to_owned()
    }
}

#[js_export]
fn adv_str(v: &str) -> String {
    v.to_owned()
}

macro_rules! echo_vecs {
    ($($f:ident: $t:ty),*) => {$(
        #[js_export]
        fn $f(v: Vec<$t>) -> Vec<$t> {
            v
        }
    )*};
}
echo_vecs!(adv_vec_u8: u8, adv_vec_i8: i8, adv_vec_u16: u16, adv_vec_i16: i16, adv_vec_u32: u32,
    adv_vec_i32: i32, adv_vec_f32: f32, adv_vec_f64: f64, adv_vec_u64: u64, adv_vec_i64: i64,
    adv_vec_bool: bool, adv_vec_char: char, adv_vec_string: String,
    adv_vec_opt_string: Option<String>, adv_vec_obj: JsObject, adv_vec_date: JsDate,
    adv_vec_any: JsAny, adv_vec_vec_f64: Vec<f64>, adv_vec_vec_string: Vec<String>,
    adv_vec3_u8: Vec<Vec<u8>>);

/// The sum of a `Vec<f64>` (a value Rust computes, not an echo).
#[js_export]
fn adv_sum_f64(v: Vec<f64>) -> f64 {
    v.iter().sum()
}

/// `Vec<String>` joined with `,`.
#[js_export]
fn adv_join(v: Vec<String>) -> String {
    v.join(",")
}

/// `&[f64]` export parameter: its sum.
#[js_export]
fn adv_span_sum(v: &[f64]) -> f64 {
    v.iter().sum()
}

#[js_export]
fn adv_seg_sum(s: Segment<f64>) -> f64 {
    s.with(|v| v.iter().sum())
}

#[js_export]
fn adv_seg_make(n: u32) -> Segment<f64> {
    Segment::from_vec((0..n).map(f64::from).collect())
}

/// A handle first, then an array: the array's getters run after the handle was written.
#[js_export]
fn adv_seg_then_vec(s: Segment<f64>, v: Vec<f64>) -> f64 {
    s.with(|x| x.iter().sum::<f64>()) + v.iter().sum::<f64>()
}

#[js_export]
fn adv_span_then_vec(s: &[f64], v: Vec<f64>) -> f64 {
    s.iter().sum::<f64>() + v.iter().sum::<f64>()
}

#[js_export]
fn adv_counter_then_vec(c: RustRef<AdvCounter>, v: Vec<i32>) -> i32 {
    c.borrow().n + v.iter().sum::<i32>()
}

#[js_export]
fn adv_call(f: JsFunction<(f64,), f64>, x: f64) -> Result<f64, String> {
    f.call((x,)).map_err(|e| e.to_string())
}

#[js_export]
async fn adv_async_sum(v: Vec<f64>) -> f64 {
    adv_tick().await.ok();
    v.iter().sum()
}

// ---- Imports: what JS returns to Rust, and what Rust lends to JS ----------------------------------

#[js_import("tick", module = "adv")]
async fn adv_tick() -> Result<(), JsError>;
#[js_import("list", module = "adv")]
fn adv_list_js(kind: u32) -> Result<Vec<String>, JsError>;
#[js_import("numbers", module = "adv")]
fn adv_numbers_js(kind: u32) -> Result<Vec<f64>, JsError>;
#[js_import("value", module = "adv")]
fn adv_value_js(kind: u32) -> Result<JsAny, JsError>;
#[js_import("later", module = "adv")]
async fn adv_later_js(kind: u32) -> Result<Vec<String>, JsError>;
#[js_import("spanRo", module = "adv")]
fn adv_span_ro_js(v: &[u32]) -> Result<u32, JsError>;
#[js_import("spanRw", module = "adv")]
fn adv_span_rw_js(v: &mut [u32]) -> Result<u32, JsError>;
#[js_import("records", module = "adv")]
fn adv_records_js(v: &[AdvRec]) -> Result<f64, JsError>;
#[js_import("keepClosure", module = "adv")]
fn adv_keep_closure_js(kind: u32, f: &JsClosure);
#[js_import("takeObject", module = "adv")]
fn adv_take_object_js(o: RustObject<AdvCounter>) -> Result<i32, JsError>;

/// An import returning `Vec<String>` (its JS may run user code while the result is written).
#[js_export]
fn adv_import_list(kind: u32) -> Result<Vec<String>, String> {
    adv_list_js(kind).map_err(|e| e.to_string())
}

#[js_export]
fn adv_import_numbers(kind: u32) -> Result<Vec<f64>, String> {
    adv_numbers_js(kind).map_err(|e| e.to_string())
}

#[js_export]
fn adv_import_value(kind: u32) -> Result<JsAny, String> {
    adv_value_js(kind).map_err(|e| e.to_string())
}

#[js_export]
async fn adv_import_later(kind: u32) -> Result<Vec<String>, String> {
    adv_later_js(kind).await.map_err(|e| e.to_string())
}

/// Lends `[0, 1, .., n)` read-only to JS; "" if it came back unchanged, else what changed.
#[js_export]
fn adv_lend_ro(n: u32) -> Result<String, String> {
    let v: Vec<u32> = (0..n).collect();
    let got = adv_span_ro_js(&v).map_err(|e| e.to_string())?;
    let changed = (0..n).find(|&i| v[i as usize] != i);
    Ok(match changed {
        Some(i) => format!(
            "&[u32] lent read-only was changed: [{i}] = {}",
            v[i as usize]
        ),
        None => format!("sum {got}"),
    })
}

/// Lends `[0; n]` writable to JS; returns the slice's sum after the call.
#[js_export]
fn adv_lend_rw(n: u32) -> Result<u32, String> {
    let mut v = vec![0u32; n as usize];
    adv_span_rw_js(&mut v).map_err(|e| e.to_string())?;
    Ok(v.iter().copied().fold(0u32, u32::wrapping_add))
}

#[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
#[repr(C)]
struct AdvRec {
    x: f64,
    id: u32,
    k: i16,
    b: u8,
    pad: u8,
}

/// Lends `n` records to JS; returns what JS computed (the sum of `x`), or that they changed.
#[js_export]
fn adv_lend_records(n: u32) -> Result<f64, String> {
    let recs: Vec<AdvRec> = (0..n)
        .map(|i| AdvRec {
            x: f64::from(i) + 0.5,
            id: i,
            k: -(i as i16),
            b: i as u8,
            pad: 0,
        })
        .collect();
    let before = recs.clone();
    let got = adv_records_js(&recs).map_err(|e| e.to_string())?;
    if recs != before {
        return Err("records lent read-only were changed".into());
    }
    Ok(got)
}

/// Makes a closure of signature `kind` and hands its JS function to JS; `keep` holds it in Rust
/// (until `adv_drop_closures`), otherwise it is dropped on return (JS keeps a stale function).
#[js_export]
fn adv_closure(kind: u32, tag: i32, keep: bool) {
    let f = match kind {
        0 => JsClosure::new(move |x: i32| x.wrapping_add(tag)),
        1 => JsClosure::new(move |s: String| format!("{tag}:{s}")),
        2 => JsClosure::new(move |a: f64, b: f64| a * b + f64::from(tag)),
        3 => JsClosure::new(move |v: Vec<JsObject>| v.len() as i32 + tag),
        _ => JsClosure::new(move || tag),
    };
    adv_keep_closure_js(kind, &f);
    if keep {
        CLOSURES.with(|c| c.borrow_mut().push(f));
    }
}

#[js_export]
fn adv_drop_closures() {
    CLOSURES.with(|c| c.borrow_mut().clear());
}

pub struct AdvCounter {
    n: i32,
}

#[js_export]
impl AdvCounter {
    fn create(n: i32) -> RustObject<AdvCounter> {
        RustObject::new("AdvCounter", AdvCounter { n })
    }
    fn value(&self) -> i32 {
        self.n
    }
    fn add(&mut self, by: i32) -> i32 {
        self.n = self.n.wrapping_add(by);
        self.n
    }
    fn reenter(&mut self, f: JsFunction<(), i32>) -> Result<i32, String> {
        f.call(()).map_err(|e| e.to_string())
    }
    fn add_all(&mut self, v: Vec<i32>) -> i32 {
        self.n = self.n.wrapping_add(v.iter().sum::<i32>());
        self.n
    }
    fn same(&self, other: RustRef<AdvCounter>) -> bool {
        self.n == other.borrow().n
    }
}

// ---- Archives and records from JS bytes: checked, never UB ----------------------------------------

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
struct AdvDoc {
    name: String,
    tags: Vec<String>,
    maybe: Option<u32>,
    scores: Vec<u16>,
    on: bool,
    initial: char,
}

/// A valid archive of a `Vec<AdvDoc>`, for JS to mutate.
#[js_export]
fn adv_archive() -> Vec<u8> {
    let docs: Vec<AdvDoc> = (0..3u8)
        .map(|i| AdvDoc {
            name: format!("doc {i} {}", "n".repeat(usize::from(i) * 20)),
            tags: (0..i).map(|k| format!("t{k}")).collect(),
            maybe: (i % 2 == 0).then_some(u32::from(i)),
            scores: (0..u16::from(i) * 3).collect(),
            on: i == 1,
            initial: char::from(b'a' + i),
        })
        .collect();
    slotwire::record::Archive::new(&docs)
        .unwrap()
        .bytes()
        .to_vec()
}

/// Reads JS's bytes as an archive of `Vec<AdvDoc>`: a summary, or an Err (never a panic or UB).
#[js_export]
fn adv_read_archive(s: Segment<u8>) -> Result<String, String> {
    s.with(|bytes| {
        let docs = slotwire::record::access::<Vec<AdvDoc>>(bytes).map_err(|e| e.to_string())?;
        Ok(docs
            .iter()
            .map(|d| {
                format!(
                    "{}|{}|{:?}|{}|{}|{}",
                    d.name,
                    d.tags.len(),
                    d.maybe.as_ref().map(|m| m.to_native()),
                    d.scores
                        .iter()
                        .map(|x| u32::from(x.to_native()))
                        .sum::<u32>(),
                    d.on,
                    d.initial
                )
            })
            .collect::<Vec<_>>()
            .join(";"))
    })
}

/// Reads JS's bytes as Pod records in place.
#[js_export]
fn adv_read_records(s: Segment<u8>) -> Result<f64, String> {
    s.with(|bytes| {
        let recs = slotwire::record::records::<AdvRec>(bytes).map_err(|e| e.to_string())?;
        Ok(recs.iter().map(|r| r.x).sum())
    })
}

/// A second Rust type, for type confusion: a method of one type called on the other's proxy.
pub struct AdvOther {
    text: String,
}

#[js_export]
impl AdvOther {
    fn create(text: String) -> RustObject<AdvOther> {
        RustObject::new("AdvOther", AdvOther { text })
    }
    fn text(&self) -> String {
        self.text.clone()
    }
}

/// Passes a new `RustObject` to JS (import argument); returns what JS saw.
#[js_export]
fn adv_give_object(n: i32) -> Result<i32, String> {
    adv_take_object_js(RustObject::new("AdvCounter", AdvCounter { n })).map_err(|e| e.to_string())
}

// ---- The tests ------------------------------------------------------------------------------------

/// Runs one part. A failure is returned as `Err` (the test fails), not panicked: a panic would
/// poison the instance (slotwire's hook) and every later part would only report that.
async fn part(name: &str) -> Result<(), JsValue> {
    register_adversarial_module(&rt());
    let report = JsFuture::from(run_adversarial(&rt(), name))
        .await
        .map_err(|e| format!("adversarial part `{name}` threw: {}", js_message(&e)))?;
    let report = report.as_string().unwrap_or_default();
    if report.is_empty() {
        Ok(())
    } else {
        // A JS Error (not a string) so that the runner prints the report's lines as lines.
        let msg = format!("adversarial part `{name}` found failures:\n{report}");
        Err(js_sys::Error::new(&msg).into())
    }
}

// The runner takes the tests in reverse order of declaration (and of name): values, inject,
// handles, oversize — the parts most likely to break the instance come last.

/// Oversize lengths (sparse arrays past 2^28, 2^29, 2^32 elements): RangeError, nothing written.
#[wasm_bindgen_test]
async fn adversarial_a_oversize_lengths() -> Result<(), JsValue> {
    part("oversize").await
}

/// Stale and forged handles: closures, Rust object proxies, segments, spans kept past their call.
#[wasm_bindgen_test]
async fn adversarial_b_stale_and_forged_handles() -> Result<(), JsValue> {
    part("handles").await
}

/// Memory growth and re-entrant export calls from every point where user code runs.
#[wasm_bindgen_test]
async fn adversarial_c_growth_and_reentrancy_at_every_user_code_point() -> Result<(), JsValue> {
    part("inject").await
}

/// Random values of every JS type into exports of every type family (and hostile values returned
/// from imports): the right value or a named TypeError/RangeError, nothing poisoned or leaked.
#[wasm_bindgen_test]
async fn adversarial_d_random_values_into_every_family() -> Result<(), JsValue> {
    part("values").await
}

//! JS-side marshalling soundness (issue 9: F1, F2, F3, F9, F13), in Node and headless Chromium:
//! sizes that do not fit wasm32 are RangeErrors before anything is allocated; every write lands
//! in the current memory when user code grows it mid-marshalling; nested calls during a result
//! write have a result area of their own; JsAny values are bounded in depth and size.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::future::Future;
use std::task::{Context, Waker};

use slotwire::prelude::*;
use slotwire::{census, JsAny, JsDate, JsObject};
use slotwire_e2e::{js_census, js_message, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/sound_memory.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerSoundModule)]
    fn register_sound_module(rt: &JsValue);
    #[wasm_bindgen(js_name = runSoundCheck, catch)]
    fn run_sound_check(rt: &JsValue, name: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = runSoundAsync)]
    fn run_sound_async(rt: &JsValue, name: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = settleForged)]
    fn settle_forged(rt: &JsValue, ptr: u32) -> String;
}

fn setup() {
    register_sound_module(&rt());
}

fn check(name: &str) {
    setup();
    if let Err(e) = run_sound_check(&rt(), name) {
        panic!("JS check `{name}` failed: {}", js_message(&e));
    }
}

async fn check_async(name: &str) {
    setup();
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(run_sound_async(&rt(), name)).await {
        panic!("JS check `{name}` failed: {}", js_message(&e));
    }
}

const HOW: [&str; 3] = ["memory.grow", "export", "alloc"];

thread_local! {
    /// Rust data that must never change: 50 × 8.0.
    static KEPT: Vec<f64> = vec![8.0; 50];
    /// What `alloc_fast` allocated (kept, so that each call grows memory).
    static HOARD: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    /// Frame for `settle_forged`.
    static FORGED: RefCell<[u64; 4]> = const { RefCell::new([0; 4]) };
}

// ---- Exports ----

#[js_export]
fn sum_f64(v: Vec<f64>) -> f64 {
    v.iter().sum()
}
#[js_export]
fn join_strings(v: Vec<String>) -> String {
    v.join(",")
}
/// What a segment JS allocated (`rt.allocSegment`) is for: an export taking it. (It also links
/// the view runtime into this binary: an app whose wasm takes no view has no `allocSegment`.)
#[js_export]
fn segment_len(s: slotwire::Segment<u8>) -> u32 {
    s.len() as u32
}
#[js_export]
fn kept_sum() -> f64 {
    KEPT.with(|k| k.iter().sum())
}
#[js_export]
fn mix(v: Vec<String>, x: f64, s: &str) -> String {
    format!("{}|{x}|{s}", v.join(","))
}
#[js_export]
fn date_ms(d: JsDate) -> f64 {
    d.millis()
}
#[js_export]
fn count_objects(v: Vec<JsObject>) -> u32 {
    v.len() as u32
}
#[js_export]
fn last_object_key(v: Vec<JsObject>) -> String {
    let Some(o) = v.last() else {
        return "none".into();
    };
    ["a", "b", "c"]
        .into_iter()
        .find(|k| o.has(k).unwrap_or(false))
        .unwrap_or("?")
        .into()
}
#[js_export]
fn any_echo(v: JsAny) -> JsAny {
    v
}
#[js_export]
fn any_depth(v: JsAny) -> u32 {
    depth(&v)
}
/// `depth` nested arrays, the innermost empty.
#[js_export]
fn deep_any(depth: u32) -> JsAny {
    chain(depth)
}
/// Grows the memory by `pages` (a plain-value export: the fast path).
#[js_export]
fn grow_memory(pages: u32) -> i32 {
    core::arch::wasm32::memory_grow(0, pages as usize) as i32
}
/// Allocates 1 MiB per byte of `s` and keeps it (a fast-path export taking a `&str`: JS's frame
/// holds the string while Rust grows the memory).
#[js_export]
fn alloc_str(s: &str) -> u32 {
    HOARD.with(|h| {
        let mut h = h.borrow_mut();
        h.push(vec![1u8; s.len() << 20]);
        h.len() as u32
    })
}
/// Allocates `n` bytes and keeps them (a plain-value export that allocates).
#[js_export]
fn alloc_fast(n: u32) -> u32 {
    HOARD.with(|h| {
        let mut h = h.borrow_mut();
        h.push(vec![1u8; n as usize]);
        h.len() as u32
    })
}
/// Calls an import returning a 70,000-character string (re-entered from a result's getter).
#[js_export]
fn inner_long() -> String {
    long_string()
}
/// Calls an import throwing an error with a 70,000-character message.
#[js_export]
fn inner_throws() -> Result<String, JsError> {
    throw_long()
}
#[js_export]
async fn join_later(how: String) -> Result<String, JsError> {
    Ok(growing_later(&how).await?.join(","))
}
#[js_export]
async fn then_later(how: String) -> Result<i32, JsError> {
    growing_then(&how).await
}

// ---- Imports (js/sound_memory.js, module "sound") ----

#[js_import("growingStrings", module = "sound")]
fn growing_strings(how: &str) -> Result<Vec<String>, JsError>;
#[js_import("growingNumbers", module = "sound")]
fn growing_numbers(how: &str) -> Result<Vec<f64>, JsError>;
#[js_import("growingAny", module = "sound")]
fn growing_any(how: &str) -> Result<JsAny, JsError>;
#[js_import("growingLater", module = "sound")]
async fn growing_later(how: &str) -> Result<Vec<String>, JsError>;
#[js_import("growingThen", module = "sound")]
async fn growing_then(how: &str) -> Result<i32, JsError>;
#[js_import("outerList", module = "sound")]
fn outer_list() -> Result<Vec<String>, JsError>;
#[js_import("outerListThrowing", module = "sound")]
fn outer_list_throwing() -> Result<Vec<String>, JsError>;
#[js_import("longString", module = "sound")]
fn long_string() -> String;
#[js_import("throwLong", module = "sound")]
fn throw_long() -> Result<String, JsError>;
#[js_import("depthOf", module = "sound")]
fn depth_of(v: &JsAny) -> Result<u32, JsError>;
#[js_import("hold", module = "sound")]
async fn hold() -> Result<String, JsError>;

fn chain(depth: u32) -> JsAny {
    let mut v = JsAny::Array(vec![]);
    for _ in 1..depth {
        v = JsAny::Array(vec![v]);
    }
    v
}

fn depth(mut v: &JsAny) -> u32 {
    let mut d = 0;
    while let JsAny::Array(items) = v {
        d += 1;
        match items.first() {
            Some(x) => v = x,
            None => break,
        }
    }
    d
}

/// Drops a deep value without recursing (a 20,000-deep drop would overflow a debug build's stack).
fn drop_flat(v: JsAny) {
    let mut stack = vec![v];
    while let Some(x) = stack.pop() {
        if let JsAny::Array(items) = x {
            stack.extend(items);
        }
    }
}

// ---- F1: length × element size checked before allocation ----

#[wasm_bindgen_test]
fn oversize_vec_f64_is_a_range_error_before_anything_is_allocated() {
    check("oversizeVecF64");
    assert_eq!(kept_sum(), 400.0);
}

#[wasm_bindgen_test]
fn oversize_vec_string_is_a_range_error_and_the_instance_stays_usable() {
    check("oversizeVecString");
}

#[wasm_bindgen_test]
fn oversize_jsany_array_is_a_range_error_and_the_instance_stays_usable() {
    check("oversizeAny");
}

#[wasm_bindgen_test]
fn array_lengths_come_from_the_array_itself_and_are_checked() {
    check("lyingLengths");
}

#[wasm_bindgen_test]
fn raw_alloc_exports_never_return_a_smaller_block_than_asked() {
    check("rawAllocRefusesTruncatedSizes");
}

// ---- F9: allocSegment ----

#[wasm_bindgen_test]
fn alloc_segment_beyond_wasm32_is_a_range_error() {
    let base = census().segments;
    check("oversizeSegment");
    assert_eq!(census().segments, base);
}

// ---- F2: memory growth while JS writes arguments and results ----

#[wasm_bindgen_test]
fn vec_string_argument_lands_in_current_memory_when_a_getter_grows_it() {
    check("growingVecString");
}

#[wasm_bindgen_test]
fn vec_f64_argument_lands_in_current_memory_when_a_getter_grows_it() {
    check("growingVecF64");
}

#[wasm_bindgen_test]
fn arguments_after_a_growing_one_land_in_current_memory() {
    check("growingMix");
}

#[wasm_bindgen_test]
fn vec_jsobject_argument_survives_memory_growth_without_leaking_handles() {
    let base = census().js_objects;
    let base_js = js_census("jsObjects");
    check("growingVecObject");
    assert_eq!(census().js_objects, base);
    assert_eq!(js_census("jsObjects"), base_js);
}

#[wasm_bindgen_test]
fn jsany_argument_lands_in_current_memory_when_a_getter_grows_it() {
    check("growingAny");
}

#[wasm_bindgen_test]
fn import_results_land_in_current_memory_when_a_getter_grows_it() {
    setup();
    for how in HOW {
        assert_eq!(
            growing_strings(how).unwrap(),
            ["one", "two", "three"],
            "{how}"
        );
        assert_eq!(growing_numbers(how).unwrap(), [1.5, 2.5, 3.5], "{how}");
        let v = growing_any(how).unwrap();
        let want = JsAny::Array(vec![
            1.0.into(),
            JsAny::Array(vec!["x".into(), vec![2.0, 3.0].into()]),
            "end".into(),
        ]);
        assert_eq!(v, want, "{how}");
    }
}

#[wasm_bindgen_test]
async fn async_import_resolving_with_a_growing_array_settles_the_export() {
    setup();
    let before = census().promises;
    for how in HOW {
        assert_eq!(growing_later(how).await.unwrap(), ["p", "q"], "{how}");
        assert_eq!(growing_then(how).await.unwrap(), 41, "{how}");
    }
    check_async("growingLater").await;
    assert_eq!(census().promises, before);
}

#[wasm_bindgen_test]
async fn a_trap_inside_settle_leaves_pending_futures_usable() {
    setup();
    let before = census().promises;
    // A future awaiting a promise, polled once so that it is registered.
    let mut f = Box::pin(hold());
    assert!(f
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
        .is_pending());
    // Settle it with a string slot pointing far past the memory's end: Rust traps decoding it.
    let ptr = FORGED.with(|b| b.borrow_mut().as_mut_ptr() as u32);
    let r = settle_forged(&rt(), ptr);
    assert!(r.starts_with("trapped"), "{r}");
    // Dropping the future, and every later await, must still work.
    drop(f);
    assert_eq!(census().promises, before);
    assert_eq!(growing_later("export").await.unwrap(), ["p", "q"]);
    assert_eq!(census().promises, before);
    assert!(js_sys::Reflect::get(&rt(), &"poisoned".into())
        .unwrap()
        .is_null());
}

// ---- F3: nested calls during an import's result write ----

#[wasm_bindgen_test]
fn nested_import_during_an_import_result_write_keeps_the_outer_result() {
    setup();
    let all = |s: &str, c: u8| s.len() == 70000 && s.bytes().all(|b| b == c);
    let v = outer_list().unwrap();
    assert_eq!(v.len(), 4);
    assert!(all(&v[0], b'A'), "[0] intact");
    assert!(all(&v[1], b'C'), "[1] intact");
    assert_eq!(v[2], "B70000");
    assert!(all(&v[3], b'D'), "[3] intact");
    // The nested call throwing (its exception written while the outer result is being written).
    let v = outer_list_throwing().unwrap();
    assert!(all(&v[0], b'A'), "[0] intact");
    assert!(all(&v[1], b'C'), "[1] intact");
    assert_eq!(v[2], "caught true");
    // And again, the second time reusing what the first left.
    assert_eq!(outer_list().unwrap()[2], "B70000");
}

// ---- F13: JsAny cycles, DAGs, depth ----

#[wasm_bindgen_test]
fn cyclic_jsany_is_a_short_type_error_built_in_linear_time() {
    check("cyclicAny");
}

#[wasm_bindgen_test]
fn jsany_deeper_than_64_arrays_is_a_range_error() {
    check("deepAny");
}

#[wasm_bindgen_test]
fn jsany_dag_beyond_the_element_bound_is_a_range_error() {
    let base = census().js_objects;
    check("dagAny");
    assert_eq!(census().js_objects, base);
}

#[wasm_bindgen_test]
fn deep_jsany_from_rust_is_an_error_not_a_stack_overflow() {
    setup();
    assert_eq!(depth_of(&chain(64)).unwrap(), 64);
    let deep = chain(20_000);
    let e = depth_of(&deep).unwrap_err();
    assert_eq!(e.name, "RangeError", "{e}");
    assert!(e.message.contains("64"), "{e}");
    drop_flat(deep);
    let e = depth_of(&chain(65)).unwrap_err();
    assert_eq!(e.name, "RangeError", "{e}");
    // Export results too.
    check("deepAnyResult");
    assert_eq!(depth_of(&chain(3)).unwrap(), 3);
}

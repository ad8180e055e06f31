//! Arrays by copy (`Vec<T>`): numbers as typed arrays, everything else as `Array`, nested types,
//! `Option`, both directions (import arguments and results, export arguments and results),
//! promises and callbacks of arrays, bad input, and leaks, in Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use slotwire::prelude::*;
use slotwire::{census, JsClosure, JsFunction};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

/// The system allocator, counting the bytes live: a block leaked per call shows up exactly.
struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every method forwards to `System` with the same arguments.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc_zeroed(layout);
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            LIVE_BYTES.fetch_add(
                new_size as isize - layout.size() as isize,
                Ordering::Relaxed,
            );
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn live_bytes() -> isize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

#[wasm_bindgen(module = "/js/arrays.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerArrayModule)]
    fn register_array_module(rt: &JsValue);
    #[wasm_bindgen(js_name = runArrayCheck, catch)]
    fn run_array_check(rt: &JsValue, name: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = runArrayAsyncCheck)]
    fn run_array_async_check(rt: &JsValue, name: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = memoryBytes)]
    fn memory_bytes(rt: &JsValue) -> f64;
}

fn setup() {
    register_array_module(&rt());
}

fn check(name: &str) {
    if let Err(e) = run_array_check(&rt(), name) {
        panic!("JS check `{name}` failed: {}", slotwire_e2e::js_message(&e));
    }
}

async fn check_async(name: &str) {
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(run_array_async_check(&rt(), name)).await {
        panic!("JS check `{name}` failed: {}", slotwire_e2e::js_message(&e));
    }
}

/// `Debug` of a float vector: compares NaN and -0.0 exactly as written.
fn dbg<T: core::fmt::Debug>(v: &T) -> String {
    format!("{v:?}")
}

// ---- Imports (Rust → JS arguments, JS → Rust results) ----

/// Per type: `echo` (argument by value, result back) and `describe` (argument by reference,
/// what JS received as a string, see `fmt` in js/arrays.js).
macro_rules! array_imports {
    ($($echo:ident, $desc:ident: $t:ty;)*) => {$(
        #[js_import("echo", module = "arr")]
        fn $echo(v: Vec<$t>) -> Result<Vec<$t>, JsError>;
        #[js_import("describe", module = "arr")]
        fn $desc(v: &Vec<$t>) -> String;
    )*};
}

array_imports! {
    echo_u8, desc_u8: u8;
    echo_i8, desc_i8: i8;
    echo_u16, desc_u16: u16;
    echo_i16, desc_i16: i16;
    echo_u32, desc_u32: u32;
    echo_i32, desc_i32: i32;
    echo_f32, desc_f32: f32;
    echo_f64, desc_f64: f64;
    echo_i64, desc_i64: i64;
    echo_u64, desc_u64: u64;
    echo_usize, desc_usize: usize;
    echo_isize, desc_isize: isize;
    echo_bool, desc_bool: bool;
    echo_char, desc_char: char;
    echo_strings, desc_strings: String;
    echo_opt_i32, desc_opt_i32: Option<i32>;
    echo_opt_f64, desc_opt_f64: Option<f64>;
    echo_opt_strings, desc_opt_strings: Option<String>;
    echo_opt_u64, desc_opt_u64: Option<u64>;
    echo_dates, desc_dates: JsDate;
    echo_nested_u8, desc_nested_u8: Vec<u8>;
    echo_nested_strings, desc_nested_strings: Vec<String>;
    echo_nested3, desc_nested3: Vec<Vec<i32>>;
    echo_vec_opt_vec, desc_vec_opt_vec: Option<Vec<f64>>;
    echo_objects, desc_objects: JsObject;
}

#[js_import("describe", module = "arr")]
fn desc_strs(v: Vec<&str>) -> String;
#[js_import("describe", module = "arr")]
fn desc_opt_strs(v: Vec<Option<&str>>) -> String;
#[js_import("describe", module = "arr")]
fn desc_opt_vec(v: Option<Vec<f64>>) -> String;
#[js_import("echo", module = "arr")]
fn echo_opt_vec(v: Option<Vec<f64>>) -> Result<Option<Vec<f64>>, JsError>;
#[js_import("echo", module = "arr", number_result)]
fn echo_i64n(#[js(number)] v: Vec<i64>) -> Result<Vec<i64>, JsError>;
#[js_import("echo", module = "arr", number_result)]
fn echo_u64n(#[js(number)] v: Vec<u64>) -> Result<Vec<u64>, JsError>;
#[js_import("describe", module = "arr")]
fn desc_i64n(#[js(number)] v: &Vec<i64>) -> Result<String, JsError>;
#[js_import("describe", module = "arr")]
fn desc_u64n(#[js(number)] v: Vec<u64>) -> Result<String, JsError>;
#[js_import("describe", module = "arr")]
fn desc_nested_i64n(#[js(number)] v: Vec<Vec<i64>>) -> Result<String, JsError>;
#[js_import("describe", module = "arr")]
fn desc_two(#[js(number)] a: i64, v: Vec<String>) -> Result<String, JsError>;
#[js_import("kind", module = "arr")]
fn kind_u16(v: Vec<u16>) -> String;
#[js_import("kind", module = "arr")]
fn kind_strs(v: Vec<&str>) -> String;
#[js_import("strings", module = "arr")]
fn js_strings(n: u32) -> Result<Vec<String>, JsError>;
#[js_import("numbers", module = "arr")]
fn js_numbers(n: u32) -> Result<Vec<f64>, JsError>;
#[js_import("numbersTyped", module = "arr")]
fn js_numbers_typed(n: u32) -> Result<Vec<f64>, JsError>;
#[js_import("bigStrings", module = "arr")]
fn js_big_strings() -> Result<Vec<String>, JsError>;
#[js_import("nestedBig", module = "arr")]
fn js_nested_big(n: u32, m: u32) -> Result<Vec<Vec<f64>>, JsError>;
#[js_import("totalLength", module = "arr")]
fn total_length(v: &Vec<String>) -> u32;
#[js_import("lone", module = "arr")]
fn js_lone() -> Result<Vec<String>, JsError>;
#[js_import("badInt", module = "arr")]
fn bad_int() -> Result<Vec<i32>, JsError>;
#[js_import("getObjs", module = "arr")]
fn get_objs() -> Vec<JsObject>;
#[js_import("sameObjs", module = "arr")]
fn same_objs(v: &Vec<JsObject>) -> bool;
#[js_import("throwing", module = "arr")]
fn throwing_strings(v: Vec<String>, o: Vec<JsObject>) -> Result<u32, JsError>;
#[js_import("noSuchFunction", module = "arr")]
fn missing_strings(v: Vec<String>) -> Result<u32, JsError>;

macro_rules! bad_imports {
    ($($name:ident: $t:ty;)*) => {$(
        #[js_import("bad", module = "arr")]
        fn $name(which: &str) -> Result<$t, JsError>;
    )*};
}

bad_imports! {
    bad_i32: Vec<i32>;
    bad_u8: Vec<u8>;
    bad_f64: Vec<f64>;
    bad_strings: Vec<String>;
    bad_objects: Vec<JsObject>;
    bad_nested: Vec<Vec<f64>>;
    bad_opt: Option<Vec<i32>>;
    bad_u64: Vec<u64>;
}

#[js_import("bad", module = "arr", number_result)]
fn bad_i64n_result(which: &str) -> Result<Vec<i64>, JsError>;

// Promises of arrays.
#[js_import("later", module = "arr")]
async fn later_f64(v: Vec<f64>) -> Result<Vec<f64>, JsError>;
#[js_import("later", module = "arr")]
async fn later_strings(v: Vec<String>) -> Result<Vec<String>, JsError>;
#[js_import("later", module = "arr")]
async fn later_opt_string(v: Option<&str>) -> Result<Option<String>, JsError>;
#[js_import("later", module = "arr")]
async fn later_objects(v: Vec<JsObject>) -> Result<Vec<JsObject>, JsError>;
#[js_import("laterObjs", module = "arr")]
async fn later_objs() -> Result<Vec<JsObject>, JsError>;
#[js_import("later", module = "arr")]
async fn later_nested(v: Vec<Vec<f64>>) -> Result<Vec<Vec<f64>>, JsError>;
#[js_import("numbers", module = "arr")]
async fn numbers_async(n: u32) -> Result<Vec<f64>, JsError>;
#[js_import("rejectLater", module = "arr")]
async fn reject_later(msg: &str) -> Result<Vec<f64>, JsError>;
#[js_import("laterBad", module = "arr")]
async fn later_bad_f64(which: &str) -> Result<Vec<f64>, JsError>;
#[js_import("laterBad", module = "arr")]
async fn later_bad_objects(which: &str) -> Result<Vec<JsObject>, JsError>;

// Callbacks with arrays.
#[js_import("callWithObjects", module = "arr")]
fn call_with_objects(f: &JsClosure) -> Result<String, JsError>;
#[js_import("callWithBadObjects", module = "arr")]
fn call_with_bad_objects(f: &JsClosure) -> Result<u32, JsError>;
#[js_import("callWithEmpty", module = "arr")]
fn call_with_empty(f: &JsClosure) -> Result<String, JsError>;
#[js_import("makeSummer", module = "arr")]
fn make_summer() -> JsFunction<(Vec<f64>,), f64>;
#[js_import("makeJoiner", module = "arr")]
fn make_joiner() -> JsFunction<(Vec<String>, String), String>;
#[js_import("makeSplitter", module = "arr")]
fn make_splitter() -> JsFunction<(String,), Vec<String>>;
#[js_import("makeArrayThrower", module = "arr")]
fn make_array_thrower() -> JsFunction<(Vec<JsObject>,), u32>;

// ---- Exports (JS → Rust arguments, Rust → JS results) ----

macro_rules! echo_exports {
    ($($name:ident: $t:ty),* $(,)?) => {$(
        #[js_export]
        fn $name(v: $t) -> $t { v }
    )*};
}

echo_exports! {
    ex_u8: Vec<u8>, ex_i8: Vec<i8>, ex_u16: Vec<u16>, ex_i16: Vec<i16>, ex_u32: Vec<u32>,
    ex_i32: Vec<i32>, ex_f32: Vec<f32>, ex_f64: Vec<f64>, ex_i64: Vec<i64>, ex_u64: Vec<u64>,
    ex_usize: Vec<usize>, ex_isize: Vec<isize>, ex_bool: Vec<bool>, ex_char: Vec<char>,
    ex_strings: Vec<String>, ex_opt_i32: Vec<Option<i32>>, ex_opt_f64: Vec<Option<f64>>,
    ex_opt_strings: Vec<Option<String>>, ex_opt_u64: Vec<Option<u64>>,
    ex_opt_bool: Vec<Option<bool>>, ex_dates: Vec<JsDate>, ex_nested_u8: Vec<Vec<u8>>,
    ex_nested_strings: Vec<Vec<String>>, ex_nested3: Vec<Vec<Vec<i32>>>,
    ex_nested_f64: Vec<Vec<f64>>, ex_vec_opt_vec: Vec<Option<Vec<f64>>>,
    ex_opt_vec: Option<Vec<f64>>, ex_objects: Vec<JsObject>,
    ex_nested_objects: Vec<Vec<JsObject>>,
}

#[js_export(number_result)]
fn ex_i64n(#[js(number)] v: Vec<i64>) -> Vec<i64> {
    v
}
#[js_export(number_result)]
fn ex_u64n(#[js(number)] v: Vec<u64>) -> Vec<u64> {
    v
}
#[js_export]
fn sum_i32(v: Vec<i32>) -> f64 {
    v.iter().map(|&x| x as f64).sum()
}
#[js_export]
fn string_bytes(v: Vec<String>) -> u32 {
    v.iter().map(|s| s.len() as u32).sum()
}
#[js_export]
fn make_strings(n: u32) -> Vec<String> {
    (0..n).map(|i| format!("{i:08}")).collect()
}
/// Results JS cannot read: 64-bit integers beyond the safe range as numbers.
#[js_export(number_result)]
fn bad_i64n() -> Vec<i64> {
    vec![1, i64::MAX, 3]
}
#[js_export(number_result)]
fn bad_nested_i64n() -> Vec<Vec<i64>> {
    vec![vec![1, 2], vec![i64::MIN], vec![3; 50], vec![]]
}
#[js_export(number_result)]
fn bad_opt_i64n() -> Vec<Option<i64>> {
    vec![Some(1), Some(i64::MAX), None, Some(4)]
}
#[js_export(number_result)]
fn bad_deep_i64n() -> Vec<Vec<Option<i64>>> {
    vec![
        vec![Some(1)],
        vec![None, Some(i64::MIN), Some(2)],
        vec![Some(3); 10],
    ]
}

// Async exports of arrays.
#[js_export]
async fn async_f64(v: Vec<f64>) -> Result<Vec<f64>, JsError> {
    let v = later_f64(v).await?;
    Ok(v.iter().map(|x| x * 2.0).collect())
}
#[js_export]
async fn async_f64_now(v: Vec<f64>) -> Vec<f64> {
    v
}
#[js_export]
async fn async_objects(v: Vec<JsObject>) -> Result<Vec<JsObject>, JsError> {
    let mut v = later_objects(v).await?;
    v.reverse();
    Ok(v)
}
#[js_export]
async fn async_strings(v: Vec<String>) -> Result<Vec<String>, JsError> {
    let mut twice = later_strings(v).await?;
    twice.extend(twice.clone());
    Ok(twice)
}
#[js_export]
async fn async_opt_string(v: Option<String>) -> Result<Option<String>, JsError> {
    let v = later_opt_string(v.as_deref()).await?;
    Ok(v.map(|s| s + "!"))
}
#[js_export]
async fn async_fail(v: Vec<f64>) -> Result<Vec<f64>, String> {
    let v = later_f64(v).await.map_err(|e| e.to_string())?;
    Err(format!("no {} please", v[0]))
}
#[js_export(number_result)]
async fn async_bad_i64n() -> Result<Vec<i64>, JsError> {
    later_f64(vec![1.0]).await?;
    Ok(vec![1, i64::MIN, 2])
}

// ---- Tests ----

#[wasm_bindgen_test]
fn numbers_both_ways_through_imports() {
    setup();
    let u8s = vec![0u8, 1, 255];
    assert_eq!(desc_u8(&u8s), "Uint8Array[0,1,255]");
    assert_eq!(echo_u8(u8s.clone()).unwrap(), u8s);
    let i8s = vec![i8::MIN, -1, 0, i8::MAX];
    assert_eq!(desc_i8(&i8s), "Int8Array[-128,-1,0,127]");
    assert_eq!(echo_i8(i8s.clone()).unwrap(), i8s);
    let u16s = vec![0u16, 1, u16::MAX];
    assert_eq!(desc_u16(&u16s), "Uint16Array[0,1,65535]");
    assert_eq!(echo_u16(u16s.clone()).unwrap(), u16s);
    let i16s = vec![i16::MIN, -1, i16::MAX];
    assert_eq!(desc_i16(&i16s), "Int16Array[-32768,-1,32767]");
    assert_eq!(echo_i16(i16s.clone()).unwrap(), i16s);
    let u32s = vec![0u32, u32::MAX];
    assert_eq!(desc_u32(&u32s), "Uint32Array[0,4294967295]");
    assert_eq!(echo_u32(u32s.clone()).unwrap(), u32s);
    let i32s = vec![i32::MIN, -1, i32::MAX];
    assert_eq!(desc_i32(&i32s), "Int32Array[-2147483648,-1,2147483647]");
    assert_eq!(echo_i32(i32s.clone()).unwrap(), i32s);
    let f32s = vec![
        -0.0f32,
        1.5,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NAN,
        f32::MAX,
        f32::MIN_POSITIVE,
    ];
    assert_eq!(
        desc_f32(&f32s),
        "Float32Array[-0,1.5,Infinity,-Infinity,NaN,3.4028234663852886e+38,1.1754943508222875e-38]"
    );
    assert_eq!(dbg(&echo_f32(f32s.clone()).unwrap()), dbg(&f32s));
    let f64s = vec![
        f64::NAN,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        5e-324,
        0.1,
    ];
    assert_eq!(
        desc_f64(&f64s),
        "Float64Array[NaN,-0,Infinity,-Infinity,1.7976931348623157e+308,\
         -1.7976931348623157e+308,5e-324,0.1]"
    );
    assert_eq!(dbg(&echo_f64(f64s.clone()).unwrap()), dbg(&f64s));
    let i64s = vec![i64::MIN, -1, 0, i64::MAX];
    assert_eq!(
        desc_i64(&i64s),
        "BigInt64Array[-9223372036854775808n,-1n,0n,9223372036854775807n]"
    );
    assert_eq!(echo_i64(i64s.clone()).unwrap(), i64s);
    let u64s = vec![0u64, 1, u64::MAX];
    assert_eq!(
        desc_u64(&u64s),
        "BigUint64Array[0n,1n,18446744073709551615n]"
    );
    assert_eq!(echo_u64(u64s.clone()).unwrap(), u64s);
    // #[js(number)] / number_result: an Array of numbers, each a safe integer.
    const SAFE: i64 = (1 << 53) - 1;
    let n = vec![-SAFE, -1, 0, SAFE];
    assert_eq!(
        desc_i64n(&n).unwrap(),
        "Array[-9007199254740991,-1,0,9007199254740991]"
    );
    assert_eq!(echo_i64n(n.clone()).unwrap(), n);
    assert_eq!(
        desc_u64n(vec![0, SAFE as u64]).unwrap(),
        "Array[0,9007199254740991]"
    );
    assert_eq!(echo_u64n(vec![SAFE as u64]).unwrap(), vec![SAFE as u64]);
    let e = desc_i64n(&vec![1, SAFE + 1]).unwrap_err();
    assert_eq!(e.name, "RangeError");
    assert!(
        e.message.contains("argument 1") && e.message.contains("[1]"),
        "{e}"
    );
    assert!(e.message.contains("safe integer"), "{e}");
    let e = desc_u64n(vec![u64::MAX]).unwrap_err();
    assert!(e.message.contains("[0]"), "{e}");
    let e = desc_nested_i64n(vec![vec![1], vec![2, i64::MIN]]).unwrap_err();
    assert!(e.message.contains("[1][1]"), "{e}");
    // Pointer-sized: an Array.
    let us = vec![0usize, u32::MAX as usize];
    assert_eq!(desc_usize(&us), "Array[0,4294967295]");
    assert_eq!(echo_usize(us.clone()).unwrap(), us);
    let is = vec![isize::MIN, -1, isize::MAX];
    assert_eq!(desc_isize(&is), "Array[-2147483648,-1,2147483647]");
    assert_eq!(echo_isize(is.clone()).unwrap(), is);
    // Which container JS gets.
    assert_eq!(kind_u16(vec![1, 2, 3]), "Uint16Array:3");
    assert_eq!(kind_strs(vec!["x", "y"]), "Array:2");
    // Empty arrays of every number type.
    assert_eq!(desc_u8(&vec![]), "Uint8Array[]");
    assert_eq!(desc_i8(&vec![]), "Int8Array[]");
    assert_eq!(desc_u16(&vec![]), "Uint16Array[]");
    assert_eq!(desc_i16(&vec![]), "Int16Array[]");
    assert_eq!(desc_u32(&vec![]), "Uint32Array[]");
    assert_eq!(desc_i32(&vec![]), "Int32Array[]");
    assert_eq!(desc_f32(&vec![]), "Float32Array[]");
    assert_eq!(desc_f64(&vec![]), "Float64Array[]");
    assert_eq!(desc_i64(&vec![]), "BigInt64Array[]");
    assert_eq!(desc_u64(&vec![]), "BigUint64Array[]");
    assert_eq!(desc_i64n(&vec![]).unwrap(), "Array[]");
    assert_eq!(desc_usize(&vec![]), "Array[]");
    assert!(echo_u8(vec![]).unwrap().is_empty());
    assert!(echo_f64(vec![]).unwrap().is_empty());
    assert!(echo_i64(vec![]).unwrap().is_empty());
    assert!(echo_i64n(vec![]).unwrap().is_empty());
    // A plain Array and a typed array both come back as Vec<f64>.
    assert_eq!(js_numbers(3).unwrap(), vec![0.0, 1.5, 3.0]);
    assert_eq!(js_numbers_typed(3).unwrap(), vec![0.0, 1.5, 3.0]);
}

#[wasm_bindgen_test]
fn other_elements_both_ways_through_imports() {
    setup();
    let b = vec![true, false, true];
    assert_eq!(desc_bool(&b), "Array[true,false,true]");
    assert_eq!(echo_bool(b.clone()).unwrap(), b);
    let c = vec!['a', 'é', '𝄞', '\0', char::MAX];
    assert_eq!(
        desc_char(&c),
        "Array[\"a\",\"é\",\"𝄞\",\"\\u0000\",\"\u{10FFFF}\"]"
    );
    assert_eq!(echo_char(c.clone()).unwrap(), c);
    let s = vec![
        String::new(),
        "a".to_owned(),
        "grüß 𝄞".to_owned(),
        "\0".to_owned(),
    ];
    assert_eq!(desc_strings(&s), r#"Array["","a","grüß 𝄞","\u0000"]"#);
    assert_eq!(echo_strings(s.clone()).unwrap(), s);
    assert_eq!(desc_strs(vec!["x", "", "ü"]), r#"Array["x","","ü"]"#);
    assert_eq!(desc_opt_strs(vec![Some("x"), None]), r#"Array["x",null]"#);
    // Option elements.
    let oi = vec![Some(1), None, Some(i32::MIN)];
    assert_eq!(desc_opt_i32(&oi), "Array[1,null,-2147483648]");
    assert_eq!(echo_opt_i32(oi.clone()).unwrap(), oi);
    let of = vec![Some(f64::NAN), None, Some(-0.0)];
    assert_eq!(desc_opt_f64(&of), "Array[NaN,null,-0]");
    assert_eq!(dbg(&echo_opt_f64(of.clone()).unwrap()), dbg(&of));
    let os = vec![Some("a".to_owned()), None, Some(String::new())];
    assert_eq!(desc_opt_strings(&os), r#"Array["a",null,""]"#);
    assert_eq!(echo_opt_strings(os.clone()).unwrap(), os);
    let ou = vec![Some(u64::MAX), None];
    assert_eq!(desc_opt_u64(&ou), "Array[18446744073709551615n,null]");
    assert_eq!(echo_opt_u64(ou.clone()).unwrap(), ou);
    // Dates.
    let d = vec![
        JsDate::from_millis(0.0).unwrap(),
        JsDate::from_millis(-1000.0).unwrap(),
        JsDate::from_millis(8.64e15).unwrap(),
    ];
    assert_eq!(
        desc_dates(&d),
        "Array[Date(0),Date(-1000),Date(8640000000000000)]"
    );
    assert_eq!(echo_dates(d.clone()).unwrap(), d);
    // Nested.
    let nu = vec![vec![1u8, 2], vec![], vec![255]];
    assert_eq!(
        desc_nested_u8(&nu),
        "Array[Uint8Array[1,2],Uint8Array[],Uint8Array[255]]"
    );
    assert_eq!(echo_nested_u8(nu.clone()).unwrap(), nu);
    let ns = vec![
        vec!["a".to_owned()],
        vec![],
        vec!["b".to_owned(), "c".to_owned()],
    ];
    assert_eq!(
        desc_nested_strings(&ns),
        r#"Array[Array["a"],Array[],Array["b","c"]]"#
    );
    assert_eq!(echo_nested_strings(ns.clone()).unwrap(), ns);
    let n3 = vec![vec![vec![1], vec![]], vec![], vec![vec![2, 3]]];
    assert_eq!(
        desc_nested3(&n3),
        "Array[Array[Int32Array[1],Int32Array[]],Array[],Array[Int32Array[2,3]]]"
    );
    assert_eq!(echo_nested3(n3.clone()).unwrap(), n3);
    let vov = vec![Some(vec![1.5]), None, Some(vec![])];
    assert_eq!(
        desc_vec_opt_vec(&vov),
        "Array[Float64Array[1.5],null,Float64Array[]]"
    );
    assert_eq!(echo_vec_opt_vec(vov.clone()).unwrap(), vov);
    // Option<Vec<T>>.
    assert_eq!(desc_opt_vec(None), "null");
    assert_eq!(desc_opt_vec(Some(vec![1.0, -0.0])), "Float64Array[1,-0]");
    assert_eq!(desc_opt_vec(Some(vec![])), "Float64Array[]");
    assert_eq!(echo_opt_vec(None).unwrap(), None);
    assert_eq!(echo_opt_vec(Some(vec![2.5])).unwrap(), Some(vec![2.5]));
    assert_eq!(echo_opt_vec(Some(vec![])).unwrap(), Some(vec![]));
    // Empty arrays of the slot layout.
    assert_eq!(desc_strings(&vec![]), "Array[]");
    assert_eq!(desc_bool(&vec![]), "Array[]");
    assert_eq!(desc_nested3(&vec![]), "Array[]");
    assert_eq!(desc_nested3(&vec![vec![]]), "Array[Array[]]");
    assert_eq!(desc_objects(&vec![]), "Array[]");
    assert!(echo_strings(vec![]).unwrap().is_empty());
    assert!(echo_objects(vec![]).unwrap().is_empty());
    assert_eq!(
        echo_nested3(vec![vec![]]).unwrap(),
        vec![Vec::<Vec<i32>>::new()]
    );
    // Lone surrogates become U+FFFD.
    assert_eq!(
        js_lone().unwrap(),
        vec!["a\u{FFFD}b", "\u{FFFD}", "ok", "𝄞"]
    );
}

#[wasm_bindgen_test]
fn js_objects_keep_their_identity() {
    setup();
    let base = census().js_objects;
    let base_js = js_census("jsObjects");
    let objs = get_objs();
    assert_eq!(objs.len(), 3);
    assert_eq!(objs[1].get::<f64>("id").unwrap(), 2.0);
    assert!(same_objs(&objs), "the same objects go back to JS");
    assert_eq!(desc_objects(&objs), "Array[obj1,obj2,obj3]");
    let again = echo_objects(objs.clone()).unwrap();
    for (a, b) in again.iter().zip(&objs) {
        assert!(a.same_as(b), "the same object back (JS ===)");
        assert_ne!(
            a.handle(),
            b.handle(),
            "a crossing of its own: a handle of its own"
        );
    }
    assert_eq!(again, objs, "Vec<JsObject> == compares with ===");
    let twice = get_objs();
    assert_eq!(twice[0], objs[0]);
    assert_ne!(twice[0], objs[1]);
    drop((objs, again, twice));
    assert_eq!(census().js_objects, base);
    assert_eq!(js_census("jsObjects"), base_js);
}

#[wasm_bindgen_test]
fn large_arrays_and_strings() {
    setup();
    // Results larger than the 64 KiB frame area: several blocks outside it.
    let many = js_strings(20_000).unwrap();
    assert_eq!(many.len(), 20_000);
    assert_eq!(many[19_998], "s19998-é-xxxxxx");
    let nums = js_numbers(100_000).unwrap();
    assert_eq!((nums.len(), nums[99_999]), (100_000, 99_999.0 * 1.5));
    let nums = js_numbers_typed(100_000).unwrap();
    assert_eq!(nums[12_345], 12_345.0 * 1.5);
    let nested = js_nested_big(500, 100).unwrap();
    assert_eq!((nested.len(), nested[499][99]), (500, 49_999.0));
    // 1 MiB of strings (1.5 MiB of UTF-8) from JS, and 1 MiB to JS.
    let big = js_big_strings().unwrap();
    assert_eq!(big.len(), 16);
    assert!(big
        .iter()
        .all(|s| s.chars().count() == 49_152 && s.len() == 65_536));
    assert_eq!(big[3].chars().next(), Some('d'));
    let mib: Vec<String> = (0..16)
        .map(|i| "é".repeat(32_768) + &i.to_string())
        .collect();
    let chars: u32 = mib.iter().map(|s| s.chars().count() as u32).sum();
    assert_eq!(total_length(&mib), chars);
    assert_eq!(echo_strings(mib.clone()).unwrap(), mib);
    // Arguments larger than the frame area (the direct layout is Rust's own buffer).
    let v: Vec<f64> = (0..100_000).map(|i| i as f64).collect();
    assert_eq!(echo_f64(v.clone()).unwrap(), v);
    let s: Vec<String> = (0..20_000).map(|i| format!("x{i}")).collect();
    assert_eq!(echo_strings(s.clone()).unwrap(), s);
}

#[wasm_bindgen_test]
fn bad_import_results_are_errors_naming_the_index() {
    setup();
    let base_js = js_census("jsObjects");
    let e = bad_int().unwrap_err();
    assert_eq!(e.name, "RangeError");
    assert!(e.message.contains("arr#badInt: result[2]"), "{e}");
    let cases: [(&str, Result<(), JsError>, &str, &str); 12] = [
        (
            "i32Frac",
            bad_i32("i32Frac").map(drop),
            "RangeError",
            "result[2]",
        ),
        (
            "u8Big",
            bad_u8("u8Big").map(drop),
            "RangeError",
            "result[1]",
        ),
        (
            "f64Str",
            bad_f64("f64Str").map(drop),
            "TypeError",
            "result[1]",
        ),
        (
            "i32NaN",
            bad_i32("i32NaN").map(drop),
            "RangeError",
            "result[0]",
        ),
        (
            "notArray",
            bad_i32("notArray").map(drop),
            "TypeError",
            "result: expected an array",
        ),
        (
            "number",
            bad_strings("number").map(drop),
            "TypeError",
            "result: expected an array",
        ),
        (
            "object",
            bad_f64("object").map(drop),
            "TypeError",
            "result: expected an array",
        ),
        ("nul", bad_strings("nul").map(drop), "TypeError", "null"),
        (
            "nested",
            bad_nested("nested").map(drop),
            "TypeError",
            "result[1][1]",
        ),
        (
            "strings",
            bad_strings("strings").map(drop),
            "TypeError",
            "result[1]",
        ),
        (
            "objects",
            bad_objects("objects").map(drop),
            "TypeError",
            "result[2]",
        ),
        (
            "bigints",
            bad_u64("bigints").map(drop),
            "TypeError",
            "result[1]",
        ),
    ];
    for (what, r, name, text) in cases {
        let e = r.expect_err(what);
        assert_eq!(e.name, name, "{what}: {e}");
        assert!(e.message.contains(text), "{what}: {e}");
        assert!(e.message.contains("arr#bad"), "{what}: {e}");
    }
    let e = bad_i64n_result("unsafe").unwrap_err();
    assert_eq!(e.name, "RangeError", "{e}");
    assert!(e.message.contains("result[1]"), "{e}");
    assert_eq!(
        bad_opt("nul").unwrap(),
        None,
        "null is fine for Option<Vec<i32>>"
    );
    let e = bad_opt("i32Frac").unwrap_err();
    assert!(e.message.contains("result[2]"), "{e}");
    assert_eq!(
        js_census("jsObjects"),
        base_js,
        "the handles of a rejected Vec<JsObject> result are released"
    );
    assert_eq!(echo_i32(vec![1]).unwrap(), vec![1], "still usable");
}

#[wasm_bindgen_test]
fn exports_every_element_type() {
    setup();
    check("numbers");
    check("others");
}

#[wasm_bindgen_test]
fn exports_large_arguments_and_results() {
    setup();
    check("big");
}

#[wasm_bindgen_test]
fn exports_reject_bad_input_naming_the_index() {
    setup();
    let base = census();
    check("bad");
    check("badResults");
    assert_eq!(census(), base);
}

#[wasm_bindgen_test]
async fn promises_of_arrays() {
    setup();
    let base = census();
    let base_js = js_census("jsObjects");
    assert_eq!(
        dbg(&later_f64(vec![1.5, -0.0, f64::NAN]).await.unwrap()),
        "[1.5, -0.0, NaN]"
    );
    let s = vec!["a".to_owned(), "𝄞".to_owned()];
    assert_eq!(later_strings(s.clone()).await.unwrap(), s);
    assert!(later_strings(vec![]).await.unwrap().is_empty());
    assert_eq!(later_opt_string(None).await.unwrap(), None);
    assert_eq!(
        later_opt_string(Some("x")).await.unwrap().as_deref(),
        Some("x")
    );
    let objs = later_objs().await.unwrap();
    assert!(same_objs(&objs));
    let back = later_objects(objs.clone()).await.unwrap();
    assert!(back.iter().zip(&objs).all(|(a, b)| a.same_as(b)));
    let nested = later_nested(vec![vec![1.0], vec![], vec![2.0, 3.0]]).await;
    assert_eq!(nested.unwrap(), vec![vec![1.0], vec![], vec![2.0, 3.0]]);
    // A promise value larger than the frame area.
    let big = numbers_async(50_000).await.unwrap();
    assert_eq!((big.len(), big[49_999]), (50_000, 49_999.0 * 1.5));
    // Rejections and bad values are Err.
    let e = reject_later("nope").await.unwrap_err();
    assert_eq!((e.name.as_str(), e.message.as_str()), ("TypeError", "nope"));
    let e = later_bad_f64("f64Str").await.unwrap_err();
    assert_eq!(e.name, "TypeError");
    assert!(
        e.message.contains("promise value") && e.message.contains("[1]"),
        "{e}"
    );
    let e = later_bad_objects("objects").await.unwrap_err();
    assert!(e.message.contains("[2]"), "{e}");
    drop((objs, back));
    assert_eq!(census(), base);
    assert_eq!(js_census("jsObjects"), base_js);
    // Async exports of arrays, from JS.
    check_async("promises").await;
    assert_eq!(census().async_exports, 0);
    assert_eq!(js_census("jsObjects"), base_js);
}

#[wasm_bindgen_test]
fn callbacks_with_arrays() {
    setup();
    let base = census();
    let base_js = js_census("jsObjects");
    // A Rust closure taking Vec<JsObject>, called from JS with an array of objects.
    let seen = std::rc::Rc::new(std::cell::Cell::new(0));
    let s2 = seen.clone();
    let rev = JsClosure::new(move |v: Vec<JsObject>| {
        s2.set(s2.get() + v.len());
        v.into_iter().rev().collect::<Vec<_>>()
    });
    assert_eq!(call_with_objects(&rev).unwrap(), "ok");
    assert_eq!(seen.get(), 3);
    assert_eq!(call_with_empty(&rev).unwrap(), "Array[]");
    let e = call_with_bad_objects(&rev).unwrap_err();
    assert_eq!(e.name, "TypeError");
    assert!(
        e.message.contains("argument 1") && e.message.contains("[1]"),
        "{e}"
    );
    assert_eq!(seen.get(), 3, "not called with a bad array");
    // JS functions called from Rust with arrays.
    let sum = make_summer();
    assert_eq!(sum.call((vec![1.0, 2.5, -0.5],)).unwrap(), 3.0);
    assert_eq!(sum.call((vec![],)).unwrap(), 0.0);
    let join = make_joiner();
    let words = vec!["a".to_owned(), "b".to_owned(), "𝄞".to_owned()];
    assert_eq!(join.call((words, "-".to_owned())).unwrap(), "a-b-𝄞");
    let split = make_splitter();
    assert_eq!(
        split.call(("x,y,".to_owned(),)).unwrap(),
        vec!["x", "y", ""]
    );
    let thrower = make_array_thrower();
    let e = thrower.call((get_objs(),)).unwrap_err();
    assert_eq!(
        (e.name.as_str(), e.message.as_str()),
        ("RangeError", "no thanks: 3")
    );
    for i in 0..1000 {
        assert_eq!(sum.call((vec![i as f64; 4],)).unwrap(), 4.0 * i as f64);
    }
    drop((rev, sum, join, split, thrower));
    assert_eq!(census(), base);
    assert_eq!(js_census("jsObjects"), base_js);
}

/// Lets JS run (a timer): a browser page must stay responsive during the long leak loops.
async fn yield_to_js() {
    later_f64(vec![]).await.unwrap();
}

/// Runs `step` (a chunk of calls) `chunks` times, yielding to JS between chunks.
async fn repeat(chunks: usize, step: &mut impl FnMut()) {
    for _ in 0..chunks {
        step();
        yield_to_js().await;
    }
}

/// Runs `step` `chunks / 10` times to warm up, then `chunks` times: neither Rust's live heap nor
/// the wasm memory may grow, and the Rust and JS censuses are back to their baselines.
async fn assert_no_growth(what: &str, chunks: usize, mut step: impl FnMut()) {
    let base = census();
    let base_js = js_census("jsObjects");
    repeat(chunks.div_ceil(10), &mut step).await; // buffers reach their working size
    let mem = memory_bytes(&rt());
    let heap = live_bytes();
    repeat(chunks, &mut step).await;
    let grown = memory_bytes(&rt()) - mem;
    let leaked = live_bytes() - heap;
    assert!(
        leaked.abs() <= 256,
        "{what}: {leaked} bytes still allocated after the calls"
    );
    assert!(
        grown <= 256.0 * 1024.0,
        "{what}: wasm memory grew by {grown} bytes"
    );
    assert_eq!(census(), base, "{what}: Rust census");
    assert_eq!(js_census("jsObjects"), base_js, "{what}: JS handles");
}

#[js_import("echo", module = "arr")]
fn echo_nested_f64(v: &Vec<Vec<f64>>) -> Result<Vec<Vec<f64>>, JsError>;

#[wasm_bindgen_test]
async fn round_trips_leak_nothing() {
    setup();
    // 100,000 round trips of each through imports, from Rust...
    let strings = vec!["alpha".to_owned(), "βeta".to_owned(), "𝄞".to_owned()];
    let objs = get_objs();
    let nested = vec![vec![1.5, 2.5], vec![], vec![3.0]];
    assert_no_growth("imports", 100, || {
        for _ in 0..1000 {
            assert_eq!(echo_strings(strings.clone()).unwrap().len(), 3);
            assert_eq!(echo_objects(objs.clone()).unwrap().len(), 3);
            assert_eq!(echo_nested_f64(&nested).unwrap().len(), 3);
            assert_eq!(echo_nested3(vec![vec![vec![1]]]).unwrap().len(), 1);
        }
    })
    .await;
    drop(objs);
    // ... and through exports, from JS (1,000 of each per check).
    assert_no_growth("exports", 100, || check("leakLoop")).await;
}

#[wasm_bindgen_test]
async fn unread_arrays_are_freed() {
    setup();
    let strings = vec!["a".to_owned(), "b".to_owned()];
    let objs = get_objs();
    assert_no_growth("imports that fail before JS reads the arrays", 10, || {
        for _ in 0..1000 {
            // The JS function throws (after the invoker read the arguments).
            let e = throwing_strings(strings.clone(), objs.clone()).unwrap_err();
            assert_eq!(e.name, "RangeError");
            // Binding fails: JS never sees the arguments.
            assert!(missing_strings(strings.clone()).is_err());
            // An earlier argument cannot be read: JS never reaches the array.
            let e = desc_two(i64::MAX, strings.clone()).unwrap_err();
            assert!(e.message.contains("argument 1"), "{e}");
            // A nested array whose reading fails half-way.
            let e = desc_nested_i64n(vec![vec![1], vec![i64::MAX], vec![3, 4]]).unwrap_err();
            assert!(e.message.contains("[1][0]"), "{e}");
        }
    })
    .await;
    drop(objs);
    // Export results JS fails to read, and export arguments JS fails to write (1,000 per check).
    assert_no_growth("exports whose array results JS cannot read", 10, || {
        check("badResultsLoop")
    })
    .await;
    assert_no_growth("exports whose array arguments are bad", 10, || {
        check("badArgsLoop")
    })
    .await;
}

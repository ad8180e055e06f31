//! JS → Rust: every type mapping through `#[js_export]`, edge values and bad input, checked from
//! JS (js/harness.js) in Node and in headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::time::SystemTime;

use slotwire::prelude::*;
use slotwire_e2e::{check, register_test_module};
use wasm_bindgen_test::*;

macro_rules! echo {
    ($($name:ident: $t:ty),* $(,)?) => {$(
        #[js_export]
        fn $name(v: $t) -> $t { v }
    )*};
}

echo! {
    echo_bool: bool, echo_u8: u8, echo_i8: i8, echo_u16: u16, echo_i16: i16, echo_u32: u32,
    echo_i32: i32, echo_f32: f32, echo_f64: f64, echo_char: char, echo_usize: usize,
    echo_isize: isize, echo_i64: i64, echo_u64: u64, echo_string: String, echo_date: JsDate,
    echo_time: SystemTime, echo_opt_i32: Option<i32>, echo_opt_string: Option<String>,
    echo_opt_f64: Option<f64>, echo_opt_bool: Option<bool>, echo_opt_char: Option<char>,
    echo_opt_i64: Option<i64>, echo_opt_date: Option<JsDate>,
}

#[js_export(number_result)]
fn echo_i64n(#[js(number)] v: i64) -> i64 {
    v
}

#[js_export(number_result)]
fn echo_u64n(#[js(number)] v: u64) -> u64 {
    v
}

#[js_export(number_result)]
fn echo_opt_i64n(#[js(number)] v: Option<i64>) -> Option<i64> {
    v
}

#[js_export(number_result)]
fn i64n_from_bits(v: i64) -> i64 {
    v
}

#[js_export]
fn describe_i32(v: i32) -> String {
    v.to_string()
}

#[js_export]
fn describe_u32(v: u32) -> String {
    v.to_string()
}

#[js_export]
fn describe_i8(v: i8) -> String {
    v.to_string()
}

#[js_export]
fn describe_i64(v: i64) -> String {
    v.to_string()
}

#[js_export]
fn describe_u64(v: u64) -> String {
    v.to_string()
}

#[js_export]
fn describe_i64n(#[js(number)] v: i64) -> String {
    v.to_string()
}

#[js_export]
fn not(v: bool) -> bool {
    !v
}

#[js_export]
fn f64_bits(v: f64) -> u64 {
    v.to_bits()
}

#[js_export]
fn char_code(c: char) -> u32 {
    c as u32
}

#[js_export]
fn echo_str(s: &str) -> String {
    s.to_owned()
}

#[js_export]
fn str_len(s: &str) -> usize {
    s.len()
}

#[js_export]
fn utf8_hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

#[js_export]
fn concat(a: &str, b: &str) -> String {
    format!("{a}{b}")
}

#[js_export]
fn make_string(n: u32) -> String {
    let mut s = "a".repeat(n as usize - 1);
    s.push('z');
    s
}

#[js_export]
fn date_millis(d: JsDate) -> f64 {
    d.millis()
}

#[js_export]
fn opt_str_len(s: Option<&str>) -> Option<u32> {
    s.map(|s| s.len() as u32)
}

#[js_export]
fn is_some(v: Option<i32>) -> bool {
    v.is_some()
}

#[js_export]
fn unit() {}

#[js_export]
fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

#[js_export]
fn optional_tail(a: i32, b: Option<i32>) -> i32 {
    a + b.unwrap_or(0)
}

#[js_export]
fn sum5(a: i32, b: i32, c: i32, d: i32, e: i32) -> i32 {
    a + b + c + d + e
}

#[js_export(js_name = "math.mul")]
fn mul(a: i32, b: i32) -> i32 {
    a * b
}

#[js_export]
fn checked_div(a: i32, b: i32) -> Result<i32, String> {
    a.checked_div(b)
        .ok_or_else(|| "division by zero".to_owned())
}

#[js_export]
fn upper(s: &str) -> String {
    s.to_uppercase()
}

#[js_import("callExport", module = "t")]
fn call_export(name: &str, arg: &str) -> String;

#[js_export]
fn call_back_in(s: &str) -> String {
    let inner = call_export("upper", "inner");
    format!("{s}|{inner}|{s}")
}

macro_rules! checks {
    ($($test:ident => $name:literal),* $(,)?) => {$(
        #[wasm_bindgen_test]
        fn $test() {
            register_test_module();
            check($name);
        }
    )*};
}

checks! {
    integers => "integers",
    integers_bad_input => "integersBad",
    bools => "bools",
    floats => "floats",
    bigints => "bigints",
    i64_as_number => "i64AsNumber",
    chars => "chars",
    strings => "strings",
    big_strings => "bigStrings",
    dates => "dates",
    options => "options",
    unit_and_arity => "unitAndArity",
    errors_leave_instance_usable => "errors",
    reentrant_calls => "reentrancy",
    frame_overflow => "frameOverflow",
}

//! Rust → JS: every type mapping through `#[js_import]` and the low-level `Binding` API, edge
//! values, targets (globalThis paths, methods, modules) and errors, in Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use slotwire::prelude::*;
use slotwire::{census, ErrorKind};
use slotwire_e2e::register_test_module;
use wasm_bindgen_test::*;

macro_rules! echo_imports {
    ($($name:ident: $t:ty),* $(,)?) => {$(
        #[js_import("echo", module = "t")]
        fn $name(v: $t) -> $t;
    )*};
}

echo_imports! {
    echo_bool: bool, echo_u8: u8, echo_i8: i8, echo_u16: u16, echo_i16: i16, echo_u32: u32,
    echo_i32: i32, echo_f32: f32, echo_f64: f64, echo_char: char, echo_usize: usize,
    echo_isize: isize, echo_i64: i64, echo_u64: u64, echo_date: JsDate, echo_time: SystemTime,
    echo_opt_i32: Option<i32>, echo_opt_f64: Option<f64>, echo_opt_string: Option<String>,
    echo_opt_char: Option<char>, echo_opt_date: Option<JsDate>, echo_opt_u64: Option<u64>,
}

#[js_import("echo", module = "t")]
fn echo_string(v: &str) -> String;

#[js_import("echo", module = "t")]
fn echo_owned(v: String) -> String;

#[js_import("echo", module = "t", number_result)]
fn echo_i64n(#[js(number)] v: i64) -> Result<i64, JsError>;

#[js_import("echo", module = "t", number_result)]
fn echo_u64n(#[js(number)] v: u64) -> Result<u64, JsError>;

macro_rules! describe_imports {
    ($($name:ident: $t:ty),* $(,)?) => {$(
        #[js_import("describe", module = "t")]
        fn $name(v: $t) -> String;
    )*};
}

describe_imports! {
    describe_bool: bool, describe_u8: u8, describe_i32: i32, describe_u32: u32, describe_f32: f32,
    describe_f64: f64, describe_i64: i64, describe_u64: u64, describe_char: char,
    describe_str: &str, describe_opt: Option<i32>, describe_date: JsDate, describe_unit_opt: Option<String>,
}

#[js_import("describe", module = "t")]
fn describe_i64n(#[js(number)] v: i64) -> Result<String, JsError>;

#[js_import("describe", module = "t")]
fn describe_u64n(#[js(number)] v: u64) -> Result<String, JsError>;

#[wasm_bindgen_test]
fn integers_both_ways() {
    register_test_module();
    for v in [0u8, 1, 255] {
        assert_eq!(echo_u8(v), v);
    }
    for v in [0i8, -1, i8::MIN, i8::MAX] {
        assert_eq!(echo_i8(v), v);
    }
    for v in [0u16, u16::MAX] {
        assert_eq!(echo_u16(v), v);
    }
    for v in [0i16, -1, i16::MIN, i16::MAX] {
        assert_eq!(echo_i16(v), v);
    }
    for v in [0u32, 1, u32::MAX] {
        assert_eq!(echo_u32(v), v);
    }
    for v in [0i32, -1, i32::MIN, i32::MAX] {
        assert_eq!(echo_i32(v), v);
    }
    for v in [0usize, usize::MAX] {
        assert_eq!(echo_usize(v), v);
    }
    for v in [0isize, -1, isize::MIN, isize::MAX] {
        assert_eq!(echo_isize(v), v);
    }
    assert_eq!(describe_u8(255), "number:255");
    assert_eq!(describe_i32(i32::MIN), "number:-2147483648");
    assert_eq!(describe_u32(u32::MAX), "number:4294967295");
}

#[wasm_bindgen_test]
fn bools_floats_chars() {
    register_test_module();
    assert!(echo_bool(true));
    assert!(!echo_bool(false));
    assert_eq!(describe_bool(true), "boolean:true");
    for v in [
        0.0f64,
        1.5,
        -1.0,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        assert_eq!(echo_f64(v), v);
    }
    assert_eq!(echo_f64(-0.0).to_bits(), (-0.0f64).to_bits());
    assert!(echo_f64(f64::NAN).is_nan());
    assert_eq!(describe_f64(-0.0), "number:-0");
    assert_eq!(describe_f64(f64::NAN), "number:NaN");
    assert_eq!(describe_f64(f64::NEG_INFINITY), "number:-Infinity");
    for v in [0.0f32, 0.1, f32::MAX, f32::MIN, f32::INFINITY] {
        assert_eq!(echo_f32(v), v);
    }
    assert!(echo_f32(f32::NAN).is_nan());
    assert_eq!(describe_f32(0.5), "number:0.5");
    for c in ['a', '\0', 'é', '𝄞', char::MAX] {
        assert_eq!(echo_char(c), c);
    }
    assert_eq!(describe_char('𝄞'), "string:\"𝄞\":2");
}

#[wasm_bindgen_test]
fn sixty_four_bit_integers() {
    register_test_module();
    for v in [0i64, -1, i64::MIN, i64::MAX] {
        assert_eq!(echo_i64(v), v);
    }
    for v in [0u64, u64::MAX] {
        assert_eq!(echo_u64(v), v);
    }
    assert_eq!(describe_i64(i64::MIN), "bigint:-9223372036854775808");
    assert_eq!(describe_u64(u64::MAX), "bigint:18446744073709551615");
    let max = (1i64 << 53) - 1;
    for v in [0, -1, max, -max, 1 << 32, -(1 << 32) - 1] {
        assert_eq!(echo_i64n(v).unwrap(), v);
    }
    assert_eq!(echo_u64n(max as u64).unwrap(), max as u64);
    assert_eq!(describe_i64n(-max).unwrap(), "number:-9007199254740991");
    // Beyond 2^53 cannot be a number: a RangeError from JS, in both directions.
    let e = describe_i64n(1 << 53).unwrap_err();
    assert_eq!(e.name, "RangeError");
    assert!(e.message.contains("safe integer"), "{e}");
    let e = describe_u64n(u64::MAX).unwrap_err();
    assert_eq!(e.name, "RangeError");
    let e = echo_i64n(i64::MIN).unwrap_err();
    assert_eq!(e.name, "RangeError");
}

#[wasm_bindgen_test]
fn strings_both_ways() {
    register_test_module();
    for s in [
        "",
        "a",
        "hello",
        "héllo wörld",
        "𝄞",
        "a𝄞b",
        "\u{FEFF}bom",
        "\0nul\0",
        "日本語",
        &"x".repeat(16),
        &"x".repeat(17),
        &"y".repeat(64),
        &"y".repeat(65),
        &"é".repeat(1000),
    ] {
        assert_eq!(echo_string(s), s);
        assert_eq!(echo_owned(s.to_owned()), s);
    }
    assert_eq!(describe_str("𝄞"), "string:\"𝄞\":2");
    assert_eq!(describe_str("\u{FEFF}"), "string:\"\u{FEFF}\":1");
    let mib = "abcdefgh".repeat(1 << 17);
    assert_eq!(echo_string(&mib), mib);
    let mixed = "aé𝄞".repeat((1 << 20) / 7);
    assert_eq!(echo_string(&mixed), mixed);
}

#[js_import("repeat", module = "t")]
fn repeat(s: &str, n: u32) -> String;

#[js_import("codeUnits", module = "t")]
fn code_units(s: &str) -> String;

#[js_import("value", module = "t")]
fn value_string(name: &str) -> Result<String, JsError>;

#[wasm_bindgen_test]
fn strings_from_js_results() {
    register_test_module();
    // Larger than the frame area: goes through Rust's result buffer.
    let s = repeat("é𝄞", 100_000);
    assert_eq!(s.len(), 600_000);
    assert_eq!(repeat("ab", 3), "ababab");
    assert_eq!(code_units("𝄞"), "1d11e");
    // A JS string with a lone surrogate arrives with U+FFFD (as TextEncoder does it).
    #[js_import("globalThis.String.fromCharCode")]
    fn from_char_code(a: u32, b: u32, c: u32) -> String;
    assert_eq!(from_char_code(0x61, 0xD800, 0x62), "a\u{FFFD}b");
    assert_eq!(value_string("str").unwrap(), "x");
    let e = value_string("int").unwrap_err();
    assert_eq!(e.name, "TypeError");
    assert!(
        e.message.contains("value: result") && e.message.contains("number 7"),
        "{e}"
    );
}

#[wasm_bindgen_test]
fn dates_both_ways() {
    register_test_module();
    for ms in [0.0, 1.0, -1.0, 1_700_000_000_123.0, 8.64e15, -8.64e15] {
        let d = JsDate::from_millis(ms).unwrap();
        assert_eq!(echo_date(d), d);
    }
    assert_eq!(
        describe_date(JsDate::from_millis(1234.0).unwrap()),
        "date:1234"
    );
    let t = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
    assert_eq!(echo_time(t), t);
    let truncated = UNIX_EPOCH + Duration::from_micros(5_999);
    assert_eq!(echo_time(truncated), UNIX_EPOCH + Duration::from_millis(5));
}

#[wasm_bindgen_test]
fn options_both_ways() {
    register_test_module();
    assert_eq!(echo_opt_i32(Some(-5)), Some(-5));
    assert_eq!(echo_opt_i32(None), None);
    assert_eq!(describe_opt(None), "null:null");
    assert_eq!(describe_opt(Some(0)), "number:0");
    assert_eq!(describe_unit_opt(Some(String::new())), "string:\"\":0");
    assert!(echo_opt_f64(Some(f64::NAN)).unwrap().is_nan());
    assert_eq!(echo_opt_f64(None), None);
    assert_eq!(echo_opt_string(Some("s".into())), Some("s".into()));
    assert_eq!(echo_opt_string(Some(String::new())), Some(String::new()));
    assert_eq!(echo_opt_string(None), None);
    assert_eq!(echo_opt_char(Some('𝄞')), Some('𝄞'));
    assert_eq!(echo_opt_date(None), None);
    assert_eq!(echo_opt_u64(Some(u64::MAX)), Some(u64::MAX));
    assert_eq!(echo_opt_u64(None), None);
}

#[js_import("value", module = "t")]
fn value_u8(name: &str) -> Result<u8, JsError>;
#[js_import("value", module = "t")]
fn value_i32(name: &str) -> Result<i32, JsError>;
#[js_import("value", module = "t")]
fn value_opt_i32(name: &str) -> Result<Option<i32>, JsError>;
#[js_import("value", module = "t")]
fn value_f32(name: &str) -> Result<f32, JsError>;
#[js_import("value", module = "t")]
fn value_bool(name: &str) -> Result<bool, JsError>;
#[js_import("value", module = "t")]
fn value_char(name: &str) -> Result<char, JsError>;
#[js_import("value", module = "t")]
fn value_date(name: &str) -> Result<JsDate, JsError>;
#[js_import("value", module = "t")]
fn value_u64(name: &str) -> Result<u64, JsError>;
#[js_import("value", module = "t", number_result)]
fn value_i64n(name: &str) -> Result<i64, JsError>;
#[js_import("value", module = "t")]
fn value_unit(name: &str) -> Result<(), JsError>;

#[wasm_bindgen_test]
fn bad_results_from_js_are_errors() {
    register_test_module();
    let range = |e: JsError, frag: &str| {
        assert_eq!(e.name, "RangeError", "{e}");
        assert!(e.message.contains(frag), "{e}");
    };
    let type_ = |e: JsError, frag: &str| {
        assert_eq!(e.name, "TypeError", "{e}");
        assert!(e.message.contains(frag), "{e}");
    };
    range(value_u8("u8_300").unwrap_err(), "300");
    range(value_u8("neg").unwrap_err(), "-1");
    range(value_i32("nan").unwrap_err(), "NaN");
    range(value_i32("half").unwrap_err(), "1.5");
    type_(value_i32("str").unwrap_err(), "string");
    type_(value_i32("undef").unwrap_err(), "undefined");
    type_(value_i32("big5").unwrap_err(), "bigint");
    assert_eq!(value_opt_i32("undef").unwrap(), None);
    assert_eq!(value_opt_i32("nul").unwrap(), None);
    assert_eq!(value_opt_i32("int").unwrap(), Some(7));
    range(value_f32("f32big").unwrap_err(), "f32");
    type_(value_bool("int").unwrap_err(), "bool");
    type_(value_char("twoChars").unwrap_err(), "one character");
    range(value_date("invalidDate").unwrap_err(), "Invalid Date");
    type_(value_date("int").unwrap_err(), "Date");
    range(value_u64("bigOut").unwrap_err(), "u64");
    assert_eq!(value_u64("big5").unwrap(), 5);
    range(value_i64n("p53").unwrap_err(), "safe integer");
    // A void import ignores whatever JS returns.
    value_unit("str").unwrap();
    // The error names the import.
    let e = value_u8("u8_300").unwrap_err();
    assert!(e.message.starts_with("t#value: result"), "{e}");
    // And the instance is still fine.
    assert_eq!(value_u8("int").unwrap(), 7);
}

#[js_import("throwError", module = "t")]
fn throw_error(msg: &str) -> Result<(), JsError>;
#[js_import("throwTypeError", module = "t")]
fn throw_type_error() -> Result<i32, JsError>;
#[js_import("throwString", module = "t")]
fn throw_string() -> Result<String, JsError>;
#[js_import("throwError", module = "t")]
fn throw_error_as_slotwire(msg: &str) -> Result<(), slotwire::Error>;

#[wasm_bindgen_test]
fn js_exceptions_become_js_errors() {
    register_test_module();
    let e = throw_error("boom 💥").unwrap_err();
    assert_eq!(e.name, "Error");
    assert_eq!(e.message, "boom 💥");
    assert!(
        e.stack.contains("throwError") || e.stack.contains("harness"),
        "stack: {}",
        e.stack
    );
    let e = throw_type_error().unwrap_err();
    assert_eq!(e.name, "TypeError");
    assert!(!e.message.is_empty());
    let e = throw_string().unwrap_err();
    assert_eq!(
        (e.name.as_str(), e.message.as_str(), e.stack.as_str()),
        ("Error", "plain string", "")
    );
    let e = throw_error_as_slotwire("via Error").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Js);
    assert_eq!(e.js().unwrap().message, "via Error");
    // Large messages go through the result buffer.
    let big = "m".repeat(200_000);
    assert_eq!(throw_error(&big).unwrap_err().message, big);
}

#[js_import("globalThis.Math.max")]
fn math_max(a: f64, b: f64, c: f64) -> f64;

#[js_import("Math.hypot")]
fn hypot(a: f64, b: f64) -> f64;

#[js_import("globalThis.console.log")]
fn console_log(text: &str);

#[js_import("counter.bump", module = "t")]
fn bump() -> u32;

#[js_import("nested.deeper.twice", module = "t")]
fn twice(x: i32) -> i32;

#[js_import("add3", module = "t")]
fn add3(a: i32, b: i32, c: i32) -> i32;

#[js_import("noop", module = "t")]
fn noop();

#[js_import("globalThis.Date.UTC")]
fn date_utc(y: i32, m: i32, d: i32) -> f64;

#[wasm_bindgen_test]
fn targets_globalthis_paths_methods_and_modules() {
    register_test_module();
    assert_eq!(math_max(1.0, 3.0, 2.0), 3.0);
    assert_eq!(hypot(3.0, 4.0), 5.0);
    console_log("console.log from Rust through slotwire (this line is expected)");
    // `this` is the object the method was read from.
    let a = bump();
    assert_eq!(bump(), a + 1);
    assert_eq!(twice(21), 42);
    assert_eq!(add3(1, 2, 3), 6);
    noop();
    assert_eq!(date_utc(2020, 0, 1), 1_577_836_800_000.0);
}

#[js_import("getMessage", module = "never_loaded")]
fn never_loaded() -> Result<String, JsError>;

#[js_import("globalThis.noSuchThing.fn")]
fn missing_path() -> Result<(), JsError>;

#[js_import("globalThis.Math.PI")]
fn not_a_function() -> Result<f64, JsError>;

#[wasm_bindgen_test]
fn binding_failures_are_clear_errors() {
    let e = never_loaded().unwrap_err();
    assert!(
        e.message
            .contains("module \"never_loaded\" was never loaded"),
        "{e}"
    );
    let e = missing_path().unwrap_err();
    assert!(e.message.contains("noSuchThing"), "{e}");
    let e = not_a_function().unwrap_err();
    assert!(e.message.contains("not a function"), "{e}");
    // Failure is not cached: the same import works once its module is there.
    assert!(never_loaded().is_err());
}

#[js_import("getMessage", module = "interop")]
fn get_message() -> Result<String, JsError>;

#[js_import("getMessage", module = "late")]
fn late_message() -> Result<String, JsError>;

#[wasm_bindgen_test]
async fn modules_load_at_run_time_once() {
    let url = "data:text/javascript,export function getMessage() { return 'from a module'; }";
    slotwire::import_module("interop", url).await.unwrap();
    assert_eq!(get_message().unwrap(), "from a module");
    // Loading the same name again is a no-op: the first module stays.
    let other = "data:text/javascript,export function getMessage() { return 'second'; }";
    slotwire::import_module("interop", other).await.unwrap();
    assert_eq!(get_message().unwrap(), "from a module");
    // A failed load is an error naming the module, and the name stays free.
    let e = slotwire::import_module("late", "data:text/javascript,syntax error(")
        .await
        .unwrap_err();
    assert!(e.message.contains("\"late\""), "{e}");
    assert!(late_message().unwrap_err().message.contains("never loaded"));
    slotwire::import_module(
        "late",
        "data:text/javascript,export const getMessage = () => 'late';",
    )
    .await
    .unwrap();
    assert_eq!(late_message().unwrap(), "late");
}

#[wasm_bindgen_test]
fn low_level_binding_api() -> Result<(), slotwire::Error> {
    let hypot = Binding::bind(
        "globalThis.Math.hypot",
        None,
        &[JsType::F64, JsType::F64],
        JsType::F64,
    )?;
    let mut args = hypot.args();
    args.set(0, 3.0)?;
    args.set(1, 4.0)?;
    let r: f64 = hypot.invoke(&mut args)?.get()?;
    assert_eq!(r, 5.0);
    // Reuse without setting again.
    assert_eq!(hypot.invoke(&mut args)?.get::<f64>()?, 5.0);
    // Type and index checks.
    assert_eq!(args.set(0, 1i32).unwrap_err().kind(), ErrorKind::Type);
    assert_eq!(args.set(2, 1.0).unwrap_err().kind(), ErrorKind::Range);
    assert_eq!(
        hypot.invoke(&mut args)?.get::<String>().unwrap_err().kind(),
        ErrorKind::Type
    );
    // Unset arguments are refused.
    let mut fresh = hypot.args();
    fresh.set(0, 1.0)?;
    assert!(hypot
        .invoke(&mut fresh)
        .unwrap_err()
        .message()
        .contains("argument 1 was never set"));
    // Args of another binding are refused.
    let max = Binding::bind("Math.max", None, &[JsType::F64, JsType::F64], JsType::F64)?;
    assert_eq!(max.invoke(&mut args).unwrap_err().kind(), ErrorKind::Type);
    // Strings and options by code.
    let rep = Binding::bind_codes(
        "String.prototype.concat.call",
        None,
        &[JsType::String.code(false), JsType::String.code(true)],
        JsType::String.code(false),
    )?;
    let mut a = rep.args();
    let s = String::from("ab");
    a.set(0, s.as_str())?;
    a.set(1, Some("cd"))?;
    assert_eq!(rep.invoke(&mut a)?.get::<String>()?, "abcd");
    a.set(1, None::<&str>)?;
    assert_eq!(rep.invoke(&mut a)?.get::<String>()?, "abnull");
    // A string result read after another invoke that wrote memory is refused, not misread; one
    // that wrote none (a number result) left it as it was.
    let first = rep.invoke(&mut a)?;
    hypot.invoke(&mut args)?;
    assert_eq!(first.get::<String>()?, "abnull");
    let first = rep.invoke(&mut a)?;
    rep.invoke(&mut a)?;
    assert!(first.get::<String>().is_err());
    // Bind errors.
    let e = Binding::bind("nope.nothing", None, &[], JsType::Void).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Bind);
    let e = Binding::bind("f", Some("not_loaded"), &[], JsType::Void).unwrap_err();
    assert!(e.message().contains("not_loaded"), "{e}");
    // JS exceptions.
    let parse = Binding::bind("JSON.parse", None, &[JsType::String], JsType::F64)?;
    let mut p = parse.args();
    p.set(0, "{bad")?;
    let e = parse.invoke(&mut p).unwrap_err();
    assert_eq!(e.js().unwrap().name, "SyntaxError");
    p.set(0, "2.5")?;
    assert_eq!(parse.invoke(&mut p)?.get::<f64>()?, 2.5);
    Ok(())
}

/// The same imports through the slot path: an alias hides the primitive type from the macro, which
/// then calls through slots instead of the typed trampolines.
mod slot_path {
    use slotwire::prelude::*;

    use slotwire_e2e::slot_types::*;

    macro_rules! echo_imports {
        ($($name:ident: $t:ty),* $(,)?) => {$(
            #[js_import("echo", module = "t")]
            pub fn $name(v: $t) -> $t;
        )*};
    }

    echo_imports! {
        echo_bool: Bool, echo_u8: U8, echo_i8: I8, echo_u16: U16, echo_i16: I16, echo_u32: U32,
        echo_i32: I32, echo_f32: F32, echo_f64: F64, echo_char: Char, echo_usize: USize,
        echo_isize: ISize,
    }

    #[js_import("stringLength", module = "t")]
    pub fn string_length(s: Str<'_>) -> U32;

    #[js_import("value", module = "t")]
    pub fn value_u8(name: Str<'_>) -> Result<U8, JsError>;

    #[js_import("value", module = "t")]
    pub fn value_bool(name: Str<'_>) -> Result<Bool, JsError>;

    #[js_import("throwError", module = "t")]
    pub fn throw_error(msg: Str<'_>) -> Result<(), JsError>;
}

#[wasm_bindgen_test]
fn slot_path_scalars_both_ways() {
    use slot_path::*;
    register_test_module();
    for v in [0i32, -1, i32::MIN, i32::MAX] {
        assert_eq!(echo_i32(v), v);
        assert_eq!(self::echo_i32(v), v, "fast path agrees");
    }
    for v in [0u32, u32::MAX] {
        assert_eq!(echo_u32(v), v);
    }
    for v in [i8::MIN, i8::MAX] {
        assert_eq!(echo_i8(v), v);
    }
    assert_eq!(echo_u8(255), 255);
    assert_eq!(echo_u16(u16::MAX), u16::MAX);
    assert_eq!(echo_i16(i16::MIN), i16::MIN);
    assert_eq!(echo_usize(usize::MAX), usize::MAX);
    assert_eq!(echo_isize(isize::MIN), isize::MIN);
    assert!(echo_bool(true) && !echo_bool(false));
    assert_eq!(echo_f32(f32::MAX), f32::MAX);
    assert!(echo_f64(f64::NAN).is_nan());
    assert_eq!(echo_f64(-0.0).to_bits(), (-0.0f64).to_bits());
    assert_eq!(echo_char('𝄞'), '𝄞');
    assert_eq!(string_length("a𝄞"), 3);
    assert_eq!(value_u8("u8_300").unwrap_err().name, "RangeError");
    assert_eq!(value_bool("int").unwrap_err().name, "TypeError");
    assert_eq!(throw_error("x").unwrap_err().message, "x");
}

#[wasm_bindgen_test]
fn low_level_fast_shapes() -> Result<(), slotwire::Error> {
    register_test_module();
    let c = |t: JsType| t.code(false);
    // Mixed i32 + f64 values travel as f64.
    let max = Binding::bind("Math.max", None, &[JsType::I32, JsType::F64], JsType::F64)?;
    let mut a = max.args();
    a.set(0, -7i32)?;
    a.set(1, -7.5)?;
    assert_eq!(max.invoke(&mut a)?.get::<f64>()?, -7.0);
    // f32 and bool results.
    let fround = Binding::bind("Math.fround", None, &[JsType::F64], JsType::F32)?;
    let mut a = fround.args();
    a.set(0, 0.1)?;
    assert_eq!(fround.invoke(&mut a)?.get::<f32>()?, 0.1f32);
    let is_int = Binding::bind("Number.isInteger", None, &[JsType::F64], JsType::Bool)?;
    let mut a = is_int.args();
    a.set(0, 2.0)?;
    assert!(is_int.invoke(&mut a)?.get::<bool>()?);
    a.set(0, 2.5)?;
    assert!(!is_int.invoke(&mut a)?.get::<bool>()?);
    // Echoes of every fast scalar, edge values, through module "t".
    macro_rules! echo {
        ($t:ident, $ty:ty, $($v:expr),*) => {{
            let b = Binding::bind("echo", Some("t"), &[JsType::$t], JsType::$t)?;
            let mut a = b.args();
            $(
                a.set(0, $v as $ty)?;
                assert_eq!(b.invoke(&mut a)?.get::<$ty>()?, $v as $ty);
            )*
        }};
    }
    echo!(U32, u32, u32::MAX, 0);
    echo!(I8, i8, i8::MIN, i8::MAX);
    echo!(U16, u16, u16::MAX);
    echo!(ISize, isize, isize::MIN);
    echo!(Bool, bool, true, false);
    echo!(Char, char, '𝄞', 'a');
    echo!(F32, f32, f32::MAX, -0.5);
    // Strings as arguments (pointer and length), a number back.
    let len = Binding::bind("stringLength", Some("t"), &[JsType::String], JsType::U32)?;
    let mut a = len.args();
    a.set(0, "a𝄞")?;
    assert_eq!(len.invoke(&mut a)?.get::<u32>()?, 3);
    // A bad result and a throw on the fast path are errors, and the binding stays usable.
    let value = Binding::bind_codes("value", Some("t"), &[c(JsType::String)], c(JsType::U8))?;
    let mut a = value.args();
    a.set(0, "u8_300")?;
    let e = value.invoke(&mut a).unwrap_err();
    assert_eq!(e.js().unwrap().name, "RangeError");
    a.set(0, "int")?;
    assert_eq!(value.invoke(&mut a)?.get::<u8>()?, 7);
    let thrower = Binding::bind("throwError", Some("t"), &[JsType::String], JsType::Void)?;
    let mut a = thrower.args();
    a.set(0, "fast boom")?;
    assert_eq!(
        thrower.invoke(&mut a).unwrap_err().js().unwrap().message,
        "fast boom"
    );
    Ok(())
}

#[wasm_bindgen_test]
fn typed_bindings_carry_every_type_both_ways() -> Result<(), slotwire::Error> {
    register_test_module();
    // Typed trampolines: every plain scalar, edge values, through module "t".
    macro_rules! echo {
        ($ty:ty, $($v:expr),*) => {{
            let b = TypedBinding::<($ty,), $ty>::bind("echo", Some("t"))?;
            $(assert_eq!(b.call(($v as $ty,))?, $v as $ty, stringify!($ty));)*
        }};
    }
    echo!(i32, i32::MIN, i32::MAX, 0);
    echo!(u32, u32::MAX, 0);
    echo!(i8, i8::MIN, i8::MAX);
    echo!(u8, u8::MAX);
    echo!(i16, i16::MIN);
    echo!(u16, u16::MAX);
    echo!(isize, isize::MIN);
    echo!(usize, usize::MAX);
    echo!(bool, true, false);
    echo!(char, '𝄞', 'a');
    echo!(f32, f32::MAX, -0.5);
    echo!(f64, f64::MAX, -0.0, 1e-310);
    // Mixed i32 and f64 values; no result.
    let max = TypedBinding::<(i32, f64), f64>::bind("Math.max", None)?;
    assert_eq!(max.call((-7, -7.5))?, -7.0);
    let noop = TypedBinding::<(), ()>::bind("noop", Some("t"))?;
    noop.call(())?;
    // Strings in (borrowed for one call only, though the signature says `&'static str`: the
    // binding is covariant in its parameters).
    let len = TypedBinding::<(&'static str,), u32>::bind("stringLength", Some("t"))?;
    let owned = String::from("a𝄞");
    assert_eq!(len.call((owned.as_str(),))?, 3);
    // Objects in and out: a JsObject result is adopted once, an argument is lent.
    let before = census().js_objects;
    let make = TypedBinding::<(), JsObject>::bind("makeObject", Some("t"))?;
    let summarize = TypedBinding::<(&JsObject,), String>::bind("summarize", Some("t"))?;
    let o = make.call(())?;
    assert_eq!(census().js_objects, before + 1);
    assert_eq!(summarize.call((&o,))?, "Arthur: six by nine = 42");
    let same = TypedBinding::<(&JsObject, &JsObject), bool>::bind("same", Some("t"))?;
    assert!(same.call((&o, &o.clone()))?);
    assert!(!same.call((&o, &make.call(())?))?);
    drop(o);
    slotwire::flush_releases();
    assert_eq!(census().js_objects, before);
    // Slot path signatures: string result, Option, bigint, more than six wasm values.
    let concat =
        TypedBinding::<(&str, Option<&str>), String>::bind("String.prototype.concat.call", None)?;
    assert_eq!(concat.call(("ab", Some("cd")))?, "abcd");
    assert_eq!(concat.call(("ab", None::<&str>))?, "abnull");
    let echo_i64 = TypedBinding::<(i64,), i64>::bind("echo", Some("t"))?;
    assert_eq!(echo_i64.call((i64::MIN,))?, i64::MIN);
    let add = TypedBinding::<(&str, &str, &str, &str), String>::bind(
        "String.prototype.concat.call",
        None,
    )?;
    assert_eq!(add.call(("a", "b", "c", "d"))?, "abcd");
    // Errors: a throw and a bad result, on both paths; the binding stays usable after either.
    let value = TypedBinding::<(&str,), u8>::bind("value", Some("t"))?;
    assert_eq!(
        value.call(("u8_300",)).unwrap_err().js().unwrap().name,
        "RangeError"
    );
    assert_eq!(value.call(("int",))?, 7);
    let value_s = TypedBinding::<(&str,), String>::bind("value", Some("t"))?;
    assert_eq!(value_s.call(("int",)).unwrap_err().kind(), ErrorKind::Js);
    assert_eq!(value_s.call(("str",))?, "x");
    let thrower = TypedBinding::<(&str,), ()>::bind("throwError", Some("t"))?;
    assert_eq!(
        thrower
            .call(("typed boom",))
            .unwrap_err()
            .js()
            .unwrap()
            .message,
        "typed boom"
    );
    let not_object = TypedBinding::<(&str,), JsObject>::bind("value", Some("t"))?;
    let before = census().js_objects;
    assert_eq!(
        not_object.call(("int",)).unwrap_err().js().unwrap().name,
        "TypeError"
    );
    assert_eq!(
        census().js_objects,
        before,
        "no handle taken for a refused result"
    );
    // Bind errors.
    let e = TypedBinding::<(), ()>::bind("nope.nothing", None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Bind);
    let e = TypedBinding::<(), ()>::bind("f", Some("not_loaded")).unwrap_err();
    assert!(e.message().contains("not_loaded"), "{e}");
    Ok(())
}

#[wasm_bindgen_test]
fn typed_bindings_beyond_their_shapes_pool_reach_their_own_functions() -> Result<(), slotwire::Error>
{
    register_test_module();
    // Ten bindings of one shape (i32 -> i32): the first ones take the shape's own call sites,
    // the rest share `swCall1`; each call must still reach the function it was bound to.
    let mut bound = Vec::new();
    for i in 0..10 {
        let target = if i % 2 == 0 {
            "echo"
        } else {
            "nested.deeper.twice"
        };
        bound.push((i, TypedBinding::<(i32,), i32>::bind(target, Some("t"))?));
    }
    for round in 0..3 {
        for (i, b) in &bound {
            let want = if i % 2 == 0 {
                21 + round
            } else {
                2 * (21 + round)
            };
            assert_eq!(b.call((21 + round,))?, want, "binding {i}");
        }
    }
    // A failed bind does not use up a call site, and a later bind still works.
    for _ in 0..8 {
        assert!(TypedBinding::<(i32, i32, i32, i32, i32), ()>::bind("nope", None).is_err());
    }
    let five = TypedBinding::<(i32, i32, i32, i32, i32), f64>::bind("Math.max", None)?;
    assert_eq!(five.call((1, 9, 3, -4, 5))?, 9.0);
    Ok(())
}

#[wasm_bindgen_test]
fn typed_accessors_read_write_and_call_by_name() -> Result<(), slotwire::Error> {
    register_test_module();
    let make = TypedBinding::<(), JsObject>::bind("makeObject", Some("t"))?;
    let o = make.call(())?;
    let answer = TypedBinding::<(&JsObject,), f64>::getter("answer")?;
    let set_answer = TypedBinding::<(&JsObject, f64), ()>::setter("answer")?;
    let name = TypedBinding::<(&JsObject,), String>::getter("name")?;
    let greet = TypedBinding::<(&JsObject, &str), String>::method("greet")?;
    let add = TypedBinding::<(&JsObject, i32, i32), i32>::method("add")?;
    assert_eq!(answer.call((&o,))?, 42.0);
    set_answer.call((&o, 6.5))?;
    assert_eq!(answer.call((&o,))?, 6.5);
    assert_eq!(name.call((&o,))?, "Arthur");
    assert_eq!(greet.call((&o, "Ford"))?, "Arthur greets Ford");
    assert_eq!(add.call((&o, 2, 40))?, 42);
    // A missing method is a TypeError from JS, not a crash; a non-number a RangeError/TypeError.
    let missing = TypedBinding::<(&JsObject,), ()>::method("nothing")?;
    assert_eq!(
        missing.call((&o,)).unwrap_err().js().unwrap().name,
        "TypeError"
    );
    let bad = TypedBinding::<(&JsObject,), f64>::getter("name")?;
    assert_eq!(bad.call((&o,)).unwrap_err().kind(), ErrorKind::Js);
    // Signatures that are not accessors are refused at bind time.
    let e = TypedBinding::<(f64,), f64>::getter("answer").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Type);
    assert!(e.message().contains("(&JsObject,)"), "{e}");
    let e = TypedBinding::<(&JsObject, f64), f64>::setter("answer").unwrap_err();
    assert!(e.message().contains("returns ()"), "{e}");
    let e = TypedBinding::<(&JsObject,), ()>::setter("answer").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Type);
    Ok(())
}

/// Re-entered by the hostile function below: a string through an export, back as a new string.
#[js_export]
fn typed_echo_bang(s: String) -> String {
    format!("{s}!")
}

/// A typed binding whose JS function runs user code that grows memory, calls an export and takes
/// and drops object handles before it returns: the arguments were read before it ran, the result
/// is right, nothing leaks and the instance is not poisoned.
#[wasm_bindgen_test]
fn typed_bindings_survive_growth_and_reentry_inside_the_call() -> Result<(), slotwire::Error> {
    let global = js_sys::global();
    js_sys::Reflect::set(&global, &"__swTypedRt".into(), &slotwire_e2e::rt()).unwrap();
    let hostile = js_sys::Function::new_with_args(
        "s, o",
        "const rt = globalThis.__swTypedRt;
         rt.memory.grow(2);
         const again = rt.exports.typed_echo_bang(s);
         const keep = rt.allocSegment('u8', 16); keep.dispose();
         return again.length + o.answer;",
    );
    js_sys::Reflect::set(&global, &"__swTypedHostile".into(), &hostile).unwrap();
    register_test_module();
    let make = TypedBinding::<(), JsObject>::bind("makeObject", Some("t"))?;
    let f = TypedBinding::<(&str, &JsObject), f64>::bind("__swTypedHostile", None)?;
    let base = census();
    let base_js = slotwire_e2e::js_census("jsObjects");
    let o = make.call(())?;
    let text = String::from("grown 𝄞");
    for _ in 0..3 {
        let n = f.call((text.as_str(), &o))?;
        // "grown 𝄞!" is 9 UTF-16 units; answer 42.
        assert_eq!(n, 9.0 + 42.0);
    }
    drop(o);
    assert_eq!(census(), base);
    assert_eq!(slotwire_e2e::js_census("jsObjects"), base_js);
    let rt = slotwire_e2e::rt();
    let poisoned = js_sys::Reflect::get(&rt, &"poisoned".into()).unwrap();
    assert!(poisoned.is_null(), "not poisoned: {poisoned:?}");
    Ok(())
}

// ---- A function is called as JS calls it, not through its own `call` (eleventh session, K3) ----

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function callPropInstall(rt) {
  const f = function (x) { return x + 1; };
  f.call = () => 999;
  f.apply = () => 999;
  // An RPC-style proxy: every property is a remote stub; calling it runs the function.
  const g = new Proxy(function (x) { return x + 1; }, { get: () => () => 999 });
  const seen = [];
  const rec = function (x) { seen.push(x); };
  rec.call = () => seen.push(999);
  rec.apply = () => seen.push(999);
  globalThis.callProp = { f, g, h: f, rec, seen };
  rt.importModule("call_prop", { methodObj: () => ({ m: f }), proxyMethodObj: () => ({ m: g }) });
}
export function callPropSeen() { return globalThis.callProp.seen.join(","); }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = callPropInstall)]
    fn call_prop_install(rt: &wasm_bindgen::JsValue);
    #[wasm_bindgen(js_name = callPropSeen)]
    fn call_prop_seen() -> String;
}

#[js_import("callProp.f")]
fn call_prop_f(x: i32) -> i32;
#[js_import("callProp.g")]
fn call_prop_g(x: i32) -> i32;
#[js_import("callProp.h")]
fn call_prop_h(x: i32) -> Option<i32>;
#[js_import("callProp.rec", batch)]
fn call_prop_rec(x: i32);
#[js_import("methodObj", module = "call_prop")]
fn call_prop_method_obj() -> JsObject;
#[js_import("proxyMethodObj", module = "call_prop")]
fn call_prop_proxy_method_obj() -> JsObject;

/// `#[js_import("api.f")]` (typed, slots, batched) and `call_method` call the function as
/// `api.f(x)` does: a function with its own `call`/`apply`, or a Proxy answering every property
/// name (an RPC stub), is called, not asked for its `call`. (Before: 999 from each.)
#[wasm_bindgen_test]
fn a_function_is_called_not_asked_for_its_call_property() {
    call_prop_install(&slotwire_e2e::rt());
    assert_eq!(call_prop_f(1), 2, "typed, own `call`");
    assert_eq!(call_prop_g(1), 2, "typed, RPC-style Proxy");
    assert_eq!(call_prop_h(1), Some(2), "slot path, own `call`");
    call_prop_rec(5);
    slotwire::batch::flush().unwrap();
    assert_eq!(call_prop_seen(), "5", "batched, own `call`");
    let m = call_prop_method_obj().call_method::<_, f64>("m", (1,));
    assert_eq!(m.unwrap(), 2.0, "call_method, own `apply`");
    let m = call_prop_proxy_method_obj().call_method::<_, f64>("m", (1,));
    assert_eq!(m.unwrap(), 2.0, "call_method, RPC-style Proxy");
}

// ---- Binding a method runs no code of the function's, and survives growth (P3, P4) ----

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
let RT = null;
export function boundTargetsInstall(rt) {
  RT = rt;
  // A strict mock / RPC stub: a callable Proxy whose `get` trap refuses names it does not serve.
  const target = function (x) { return [this === globalThis.boundStrict, x + 1]; };
  const strict = new Proxy(target, {
    get(t, k) { throw new Error("strict mock: no property " + String(k)); },
  });
  globalThis.boundStrict = { f: strict };
  // What JS itself does with it.
  const [self, v] = globalThis.boundStrict.f(1);
  globalThis.boundStrictJs = self && v === 2 ? "ok" : "bad";
  // A path whose getter grows memory and calls an export allocating (while the import binds).
  const obj = { g(s) { return s + ":" + (this === obj); } };
  Object.defineProperty(globalThis, "boundGrow", {
    configurable: true,
    get() { RT.memory.grow(2); RT.exports.bound_targets_alloc(); return obj; },
  });
}
export function boundTargetsJsResult() { return globalThis.boundStrictJs; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = boundTargetsInstall)]
    fn bound_targets_install(rt: &wasm_bindgen::JsValue);
    #[wasm_bindgen(js_name = boundTargetsJsResult)]
    fn bound_targets_js_result() -> String;
}

#[js_import("boundStrict.f")]
fn bound_strict_f(x: i32) -> Result<JsAny, JsError>;
#[js_import("boundGrow.g")]
fn bound_grow_g(s: &str) -> Result<String, JsError>;

#[js_export]
fn bound_targets_alloc() -> u32 {
    thread_local!(static KEEP: std::cell::RefCell<Vec<Vec<u8>>> = const { std::cell::RefCell::new(Vec::new()) });
    KEEP.with(|k| k.borrow_mut().push(vec![7u8; 8 << 20]));
    1
}

/// A method is called with nothing asked of it (eleventh session, P4: `bind` read a strict
/// mock's `length`, which threw) and its bind survives a getter on its path that grows memory
/// and calls an export (P3: the parameter codes, a view of memory, were read after the path's
/// user code ran: an engine TypeError on the detached view).
#[wasm_bindgen_test]
fn a_receivers_function_is_called_as_js_calls_it() {
    bound_targets_install(&slotwire_e2e::rt());
    assert_eq!(
        bound_targets_js_result(),
        "ok",
        "JS calls the strict mock fine"
    );
    let strict = bound_strict_f(1)
        .map(|v| format!("{v:?}"))
        .map_err(|e| e.message);
    let grown = bound_grow_g("hi").map_err(|e| e.message);
    assert_eq!(
        (strict.is_ok(), grown.clone()),
        (true, Ok("hi:true".to_string())),
        "(strict mock called, path getter growing memory): {strict:?}"
    );
}

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

/// The same exports through the slot path: an alias hides the primitive type from the macro,
/// which then does not generate the typed trampoline. `@slot` checks in js/harness.js use these.
mod slot_path {
    use slotwire::prelude::*;

    use slotwire_e2e::slot_types::*;

    macro_rules! echo {
        ($($name:ident: $t:ty),* $(,)?) => {$(
            #[js_export]
            fn $name(v: $t) -> $t { v }
        )*};
    }

    echo! {
        slot_echo_bool: Bool, slot_echo_u8: U8, slot_echo_i8: I8, slot_echo_u16: U16,
        slot_echo_i16: I16, slot_echo_u32: U32, slot_echo_i32: I32, slot_echo_f32: F32,
        slot_echo_f64: F64, slot_echo_char: Char, slot_echo_usize: USize, slot_echo_isize: ISize,
    }

    #[js_export]
    fn slot_not(v: Bool) -> Bool {
        !v
    }

    #[js_export]
    fn slot_char_code(c: Char) -> U32 {
        c as u32
    }

    #[js_export]
    fn slot_str_len(s: Str<'_>) -> USize {
        s.len()
    }

    #[js_export]
    fn slot_add(a: I32, b: I32) -> I32 {
        a.wrapping_add(b)
    }

    #[js_export]
    fn slot_sum5(a: I32, b: I32, c: I32, d: I32, e: I32) -> I32 {
        a + b + c + d + e
    }

    #[js_export]
    fn slot_unit() -> Unit {}
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
    slot_path_integers => "integers@slot",
    slot_path_integers_bad_input => "integersBad@slot",
    slot_path_bools => "bools@slot",
    slot_path_floats => "floats@slot",
    slot_path_chars => "chars@slot",
    slot_path_strings => "strings@slot",
    slot_path_unit_and_arity => "unitAndArity@slot",
    slot_path_errors => "errors@slot",
    slot_path_frame_overflow => "frameOverflow@slot",
}

#[wasm_bindgen_test]
fn fast_and_slot_exports_are_both_present() {
    // The typed trampoline exists for plain signatures and not for aliased ones.
    let wasm = wasm_bindgen::exports();
    let has = |k: &str| js_sys::Reflect::has(&wasm, &k.into()).unwrap();
    assert!(has("__slotwire_fast__echo_i32"));
    assert!(has("__slotwire_fast__str_len"));
    // A dotted name's dots are `$` in the symbol (an identifier in wasm-bindgen's .d.ts).
    assert!(has("__slotwire_fast__math$mul"));
    assert!(!has("__slotwire_fast__math.mul"));
    assert!(!has("__slotwire_fast__slot_echo_i32"));
    assert!(
        !has("__slotwire_fast__echo_string"),
        "String results take the slot path"
    );
    assert!(
        !has("__slotwire_fast__checked_div"),
        "Result takes the slot path"
    );
    assert!(has("__slotwire_export__slot_echo_i32"));
    assert!(has("__slotwire_export__echo_i32"));
}

/// `rt.exports.<path>` as a JS value (undefined if missing).
fn export_value(path: &str) -> wasm_bindgen::JsValue {
    let mut v = js_sys::Reflect::get(&slotwire_e2e::rt(), &"exports".into()).unwrap();
    for part in path.split('.') {
        if v.is_undefined() {
            return v;
        }
        v = js_sys::Reflect::get(&v, &part.into()).unwrap();
    }
    v
}

fn call_js_fn(
    f: &wasm_bindgen::JsValue,
    args: &[wasm_bindgen::JsValue],
) -> Result<wasm_bindgen::JsValue, String> {
    use wasm_bindgen::JsCast;
    let f: &js_sys::Function = f.dyn_ref().expect("a function");
    let a = js_sys::Array::new();
    for x in args {
        a.push(x);
    }
    f.apply(&wasm_bindgen::JsValue::UNDEFINED, &a)
        .map_err(|e| slotwire_e2e::js_message(&e))
}

/// The low-level export API: closures registered under names at run time, called from JS through
/// `rt.exports`, replaced, refused where a `#[js_export]` is, unregistered.
#[wasm_bindgen_test]
fn run_time_exports_are_called_replaced_and_removed() {
    use wasm_bindgen::JsValue;
    let closures = slotwire::census().closures;
    slotwire::register_export("lowlevel.add", |a: i32, b: i32| a.wrapping_add(b)).unwrap();
    slotwire::register_export("lowlevel.greet", |s: String| format!("hi {s}")).unwrap();
    let add = export_value("lowlevel.add");
    let r = call_js_fn(&add, &[JsValue::from(2), JsValue::from(40)]).unwrap();
    assert_eq!(r.as_f64(), Some(42.0));
    let r = call_js_fn(&add, &[JsValue::from(i32::MAX), JsValue::from(1)]).unwrap();
    assert_eq!(r.as_f64(), Some(i32::MIN as f64));
    let greet = export_value("lowlevel.greet");
    let r = call_js_fn(&greet, &[JsValue::from("Ford")]).unwrap();
    assert_eq!(r.as_string().as_deref(), Some("hi Ford"));
    // Arguments are checked and the error names the export.
    let e = call_js_fn(&add, &[JsValue::from("x"), JsValue::from(1)]).unwrap_err();
    assert!(e.contains("lowlevel.add: argument 1"), "{e}");
    let e = call_js_fn(&greet, &[JsValue::from(3)]).unwrap_err();
    assert!(e.contains("lowlevel.greet"), "{e}");
    // Replaced: the name calls the new closure; the old function throws, it does not misbehave.
    slotwire::register_export("lowlevel.add", |a: i32, b: i32| a * b).unwrap();
    let mul = export_value("lowlevel.add");
    let r = call_js_fn(&mul, &[JsValue::from(2), JsValue::from(40)]).unwrap();
    assert_eq!(r.as_f64(), Some(80.0));
    let e = call_js_fn(&add, &[JsValue::from(2), JsValue::from(40)]).unwrap_err();
    assert!(e.contains("dropped"), "{e}");
    assert_eq!(slotwire::census().closures, closures + 2);
    // Names a #[js_export] or a namespace holds are refused (and nothing is left behind).
    let e = slotwire::register_export("echo_i32", |x: i32| x).unwrap_err();
    assert_eq!(e.kind(), slotwire::ErrorKind::Type);
    let e = slotwire::register_export("lowlevel", |x: i32| x).unwrap_err();
    assert!(e.message().contains("lowlevel"), "{e}");
    assert_eq!(slotwire::census().closures, closures + 2);
    let r = call_js_fn(&export_value("echo_i32"), &[JsValue::from(7)]).unwrap();
    assert_eq!(r.as_f64(), Some(7.0), "the #[js_export] is untouched");
    // Unregistered: gone from rt.exports (the emptied namespace too), closures released.
    assert!(slotwire::unregister_export("lowlevel.add"));
    assert!(!slotwire::unregister_export("lowlevel.add"));
    assert!(export_value("lowlevel.add").is_undefined());
    assert!(!export_value("lowlevel.greet").is_undefined());
    assert!(slotwire::unregister_export("lowlevel.greet"));
    assert!(export_value("lowlevel").is_undefined());
    assert_eq!(slotwire::census().closures, closures);
    assert_eq!(slotwire_e2e::js_census("closures"), closures as f64);
}

thread_local! {
    static FN_EXPORT_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Calls `rt.exports.fnexp.countdown(n - 1)` from inside itself (a function export re-entered).
fn countdown(n: u32) -> u32 {
    FN_EXPORT_DEPTH.with(|d| d.set(d.get().max(n)));
    if n == 0 {
        return 0;
    }
    let f = export_value("fnexp.countdown");
    let r = call_js_fn(&f, &[wasm_bindgen::JsValue::from(n - 1)]).unwrap();
    1 + r.as_f64().unwrap() as u32
}

/// Run-time exports of functions (`register_export_fn`): each plain type both ways through the
/// typed entry, checked arguments naming the export, re-entered (a closure would refuse), the
/// slot path for a string, and a JS reference that throws once the export is replaced or
/// unregistered (the typed entry itself ignores the handle: JS stops calling it).
#[wasm_bindgen_test]
fn run_time_function_exports_are_typed_re_entrant_and_end_when_dropped() {
    use wasm_bindgen::JsValue;
    let closures = slotwire::census().closures;
    fn add(a: i32, b: i32) -> i32 {
        a.wrapping_add(b)
    }
    slotwire::register_export_fn("fnexp.add", add).unwrap();
    slotwire::register_export_fn("fnexp.u32", |x: u32| x.wrapping_add(1)).unwrap();
    slotwire::register_export_fn("fnexp.not", |b: bool| !b).unwrap();
    slotwire::register_export_fn("fnexp.next", |c: char| {
        char::from_u32(c as u32 + 1).unwrap_or('?')
    })
    .unwrap();
    slotwire::register_export_fn("fnexp.half", |x: f64| x / 2.0).unwrap();
    slotwire::register_export_fn("fnexp.f32", |x: f32, y: u8| x * f32::from(y)).unwrap();
    slotwire::register_export_fn("fnexp.void", || ()).unwrap();
    slotwire::register_export_fn("fnexp.countdown", countdown).unwrap();
    slotwire::register_export_fn("fnexp.len", |s: &str| s.chars().count() as u32).unwrap();
    fn weigh(a: i32, s: &str, b: f64) -> f64 {
        f64::from(a) * s.len() as f64 + b
    }
    slotwire::register_export_fn("fnexp.weigh", weigh).unwrap();
    slotwire::register_export_fn("fnexp.cat3", |a: &str, b: &str, c: &str| {
        (a.len() * 10000 + b.len() * 100 + c.len()) as u32
    })
    .unwrap();
    // A string result: no typed entry, the slot path (still borrowing its argument).
    slotwire::register_export_fn("fnexp.upper", |s: &str| s.to_uppercase()).unwrap();
    // A closure with a `&str` parameter (the slot path).
    let mut seen = 0u32;
    slotwire::register_export("fnexp.count", move |s: &str| {
        seen += s.len() as u32;
        seen
    })
    .unwrap();
    let call = |name: &str, args: &[JsValue]| call_js_fn(&export_value(name), args);
    let num = |name: &str, args: &[JsValue]| call(name, args).unwrap().as_f64();
    assert_eq!(num("fnexp.add", &[2.into(), 40.into()]), Some(42.0));
    assert_eq!(
        num("fnexp.add", &[i32::MAX.into(), 1.into()]),
        Some(f64::from(i32::MIN))
    );
    assert_eq!(
        num("fnexp.u32", &[JsValue::from(u32::MAX - 1)]),
        Some(f64::from(u32::MAX))
    );
    assert_eq!(num("fnexp.u32", &[JsValue::from(u32::MAX)]), Some(0.0));
    assert_eq!(
        call("fnexp.not", &[true.into()]).unwrap().as_bool(),
        Some(false)
    );
    assert_eq!(
        call("fnexp.next", &["a".into()])
            .unwrap()
            .as_string()
            .as_deref(),
        Some("b")
    );
    assert_eq!(num("fnexp.half", &[5.0.into()]), Some(2.5));
    assert_eq!(num("fnexp.f32", &[1.5.into(), 3.into()]), Some(4.5));
    assert!(call("fnexp.void", &[]).unwrap().is_undefined());
    assert_eq!(num("fnexp.len", &["héllo".into()]), Some(5.0));
    assert_eq!(num("fnexp.len", &["".into()]), Some(0.0));
    assert_eq!(num("fnexp.len", &["😀 ok".into()]), Some(4.0));
    // Bigger than the frame area: the string goes to an overflow block, given back after.
    let big = "é".repeat(300_000);
    assert_eq!(num("fnexp.len", &[big.as_str().into()]), Some(300_000.0));
    assert_eq!(
        num("fnexp.weigh", &[3.into(), "abcd".into(), 0.5.into()]),
        Some(12.5)
    );
    assert_eq!(
        num("fnexp.cat3", &["a".into(), "bb".into(), "ccc".into()]),
        Some(10203.0)
    );
    assert_eq!(
        call("fnexp.upper", &["straße".into()])
            .unwrap()
            .as_string()
            .as_deref(),
        Some("STRASSE")
    );
    assert_eq!(num("fnexp.count", &["abc".into()]), Some(3.0));
    assert_eq!(num("fnexp.count", &["de".into()]), Some(5.0));
    let e = call("fnexp.weigh", &[3.into(), 4.into(), 0.5.into()]).unwrap_err();
    assert!(e.contains("fnexp.weigh: argument 2"), "{e}");
    let e = call("fnexp.weigh", &["3".into(), "x".into(), 0.5.into()]).unwrap_err();
    assert!(e.contains("fnexp.weigh: argument 1"), "{e}");
    let e = call("fnexp.count", &[JsValue::NULL]).unwrap_err();
    assert!(e.contains("fnexp.count"), "{e}");
    // Checked arguments, named.
    let e = call("fnexp.add", &["x".into(), 1.into()]).unwrap_err();
    assert!(e.contains("fnexp.add: argument 1"), "{e}");
    let e = call("fnexp.u32", &[JsValue::from(-1)]).unwrap_err();
    assert!(e.contains("fnexp.u32"), "{e}");
    let e = call("fnexp.len", &[3.into()]).unwrap_err();
    assert!(e.contains("fnexp.len"), "{e}");
    let e = call("fnexp.add", &[1.into()]).unwrap_err();
    assert!(e.contains("fnexp.add"), "{e}");
    // Re-entered from inside itself, five deep: a function has no state to guard.
    assert_eq!(num("fnexp.countdown", &[5.into()]), Some(5.0));
    assert_eq!(FN_EXPORT_DEPTH.with(|d| d.get()), 5);
    // Replaced: the old JS function throws "dropped" (it would still reach `add` otherwise).
    let old = export_value("fnexp.add");
    slotwire::register_export_fn("fnexp.add", |a: i32, b: i32| a.wrapping_mul(b)).unwrap();
    assert_eq!(num("fnexp.add", &[6.into(), 7.into()]), Some(42.0));
    let e = call_js_fn(&old, &[2.into(), 40.into()]).unwrap_err();
    assert!(e.contains("dropped"), "{e}");
    // Unregistered: every JS reference throws, nothing is left.
    let held: Vec<(JsValue, Vec<JsValue>)> = vec![
        (export_value("fnexp.add"), vec![1.into(), 2.into()]),
        (export_value("fnexp.half"), vec![1.into()]),
        (export_value("fnexp.len"), vec!["abc".into()]),
        (
            export_value("fnexp.weigh"),
            vec![1.into(), "abc".into(), 2.into()],
        ),
    ];
    for name in [
        "fnexp.add",
        "fnexp.u32",
        "fnexp.not",
        "fnexp.next",
        "fnexp.half",
        "fnexp.f32",
        "fnexp.void",
        "fnexp.countdown",
        "fnexp.len",
        "fnexp.weigh",
        "fnexp.cat3",
        "fnexp.upper",
        "fnexp.count",
    ] {
        assert!(slotwire::unregister_export(name), "{name}");
    }
    for (f, args) in &held {
        let e = call_js_fn(f, args).unwrap_err();
        assert!(e.contains("dropped"), "{e}");
    }
    assert!(export_value("fnexp").is_undefined());
    assert_eq!(slotwire::census().closures, closures);
    assert_eq!(slotwire_e2e::js_census("closures"), closures as f64);
}

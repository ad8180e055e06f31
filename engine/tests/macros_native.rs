//! The Rust half of `#[js_export]` and `#[js_import]`, natively: wrappers read the slots JS would
//! write and write what JS would read. (The JS half is tested end to end in `tests/`.)

use slotwire::__private::ExportDescriptor;
use slotwire::prelude::*;
use slotwire::slot::{Slot, ARG0, EXCEPTION, RESULT, STATUS_EXCEPTION, STATUS_OK};
use slotwire::ToJs;

/// Runs an export's wrapper on `slots`, as `slotwire_call` does for JS.
fn call(d: &ExportDescriptor, slots: &mut [Slot]) -> u32 {
    assert!(slots.len() >= ARG0 + d.params.len());
    // SAFETY: every test writes each argument slot with the `ToJs` of the parameter's type,
    // which is what JS writes for its code; what they point at outlives the call.
    unsafe { (d.func)(slots) }
}

#[js_export]
fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

#[js_export(js_name = "text.shout")]
fn shout(s: &str) -> String {
    s.to_uppercase()
}

#[js_export]
fn parse_u8(s: &str) -> Result<u8, std::num::ParseIntError> {
    s.parse()
}

#[js_export]
fn maybe_len(s: Option<&str>) -> Option<u32> {
    s.map(|s| s.len() as u32)
}

#[js_export]
fn big(#[js(number)] a: i64, b: u64) -> i64 {
    a + b as i64
}

#[js_import("globalThis.Math.hypot")]
fn hypot(a: f64, b: f64) -> Result<f64, JsError>;

#[js_import("globalThis.console.log")]
#[allow(dead_code)]
fn console_log(text: &str);

fn str_slot(s: &str) -> Slot {
    let mut slot = Slot::ZERO;
    s.write(&mut slot);
    slot
}

fn read_str(slot: &Slot) -> String {
    // SAFETY: the tests read string results and exceptions (a message pointer and length into
    // memory the export keeps alive until its next call).
    unsafe { slotwire::FromJs::read(slot) }.unwrap()
}

#[test]
fn descriptors_carry_names_and_codes() {
    assert_eq!(__SLOTWIRE_EXPORT_add.name, "add");
    assert_eq!(__SLOTWIRE_EXPORT_add.param_names, "a,b");
    assert_eq!(
        __SLOTWIRE_EXPORT_add.params,
        &[JsType::I32 as u32, JsType::I32 as u32]
    );
    assert_eq!(__SLOTWIRE_EXPORT_shout.name, "text.shout");
    assert_eq!(__SLOTWIRE_EXPORT_shout.ret, JsType::String as u32);
    assert_eq!(
        __SLOTWIRE_EXPORT_maybe_len.params,
        &[JsType::String.code(true)]
    );
    assert_eq!(__SLOTWIRE_EXPORT_maybe_len.ret, JsType::U32.code(true));
    assert_eq!(
        __SLOTWIRE_EXPORT_big.params,
        &[JsType::I64Number as u32, JsType::U64 as u32]
    );
}

#[test]
fn wrappers_read_args_and_write_results() {
    let id = &__SLOTWIRE_EXPORT_add;
    let mut slots = [Slot::ZERO; ARG0 + 2];
    7i32.write(&mut slots[ARG0]);
    (-9i32).write(&mut slots[ARG0 + 1]);
    assert_eq!(call(id, &mut slots), STATUS_OK);
    assert_eq!(slots[RESULT].value() as u32 as i32, -2);

    let id = &__SLOTWIRE_EXPORT_shout;
    let input = "grüß 𝄞";
    let mut slots = [Slot::ZERO, Slot::ZERO, str_slot(input)];
    assert_eq!(call(id, &mut slots), STATUS_OK);
    assert_eq!(read_str(&slots[RESULT]), "GRÜSS 𝄞");
}

#[test]
fn err_becomes_an_exception_with_the_message() {
    let id = &__SLOTWIRE_EXPORT_parse_u8;
    let mut slots = [Slot::ZERO, Slot::ZERO, str_slot("300")];
    assert_eq!(call(id, &mut slots), STATUS_EXCEPTION);
    assert_eq!(
        read_str(&slots[EXCEPTION]),
        "number too large to fit in target type"
    );
    let mut slots = [Slot::ZERO, Slot::ZERO, str_slot("255")];
    assert_eq!(call(id, &mut slots), STATUS_OK);
    assert_eq!(slots[RESULT].value() as u8, 255);
}

#[test]
fn options_use_the_null_flag() {
    let id = &__SLOTWIRE_EXPORT_maybe_len;
    let mut null = Slot::ZERO;
    None::<&str>.write(&mut null);
    let mut slots = [Slot::ZERO, Slot::ZERO, null];
    assert_eq!(call(id, &mut slots), STATUS_OK);
    assert!(slots[RESULT].is_null());
    let mut slots = [Slot::ZERO, Slot::ZERO, str_slot("abc")];
    assert_eq!(call(id, &mut slots), STATUS_OK);
    assert!(!slots[RESULT].is_null());
    assert_eq!(slots[RESULT].value() as u32, 3);
}

#[test]
fn invalid_utf8_argument_names_export_and_argument() {
    let id = &__SLOTWIRE_EXPORT_shout;
    let bad = [0xC3u8];
    let mut s = Slot::ZERO;
    s.set_ptr_len(bad.as_ptr(), 1);
    let mut slots = [Slot::ZERO, Slot::ZERO, s];
    assert_eq!(call(id, &mut slots), STATUS_EXCEPTION);
    let msg = read_str(&slots[EXCEPTION]);
    assert!(
        msg.starts_with("text.shout: argument 1 (s): string is not valid UTF-8"),
        "{msg}"
    );
}

#[test]
fn imports_without_js_fail_cleanly_natively() {
    let e = hypot(3.0, 4.0).unwrap_err();
    assert!(e.message.contains("wasm32"), "{e}");
}

//! `String` results of typed imports (`#[js_import]`, `TypedBinding`, `Binding`): JS encodes the
//! string above its frame area's top and returns the address, the byte length in the fast area
//! (fast.js `stringResult`, engine/src/call/fast.rs `string_result`). Every shape of string, a
//! result that is not a string, results written while another result is being made (an import
//! whose JS calls an export that calls an import and grows memory), and strings larger than the
//! frame area. In Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::{census, Binding, JsError, JsType, TypedBinding};
use slotwire_e2e::rt;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

/// Installs `globalThis.srTest` (with `rt`, to call exports back from JS).
fn setup() {
    let install = js_sys::Function::new_with_args(
        "rt",
        r#"
        const big = "ab𝄞".repeat(100000); // 900,000 bytes of UTF-8: more than the frame area
        const values = ["", "hello", "héllo 𝄞 日本", "\ud800x", big, "é".repeat(70)];
        globalThis.srTest = {
          give: (i) => values[i],
          other: () => "world",
          nums: () => [1.5, 2.5, 3.5],
          // Calls export `sr_echo_len` with a string argument (written into the frame area).
          callExport: (s) => rt.exports.sr_echo_len(s),
          bad: (i) => [5, null, undefined, new String("boxed"), { toString() { throw new Error("ran toString"); } }][i],
          // An import whose JS makes another result first: it calls the export sr_inner, whose
          // Rust calls `nested` again (one level down) and grows memory, then returns a string
          // built around what came back.
          nested(depth) {
            if (depth === 0) return "leaf-" + "ab𝄞".repeat(7);
            const inner = rt.exports.sr_inner(depth - 1);
            return `<${depth}:${inner}>`;
          },
        };
        "#,
    );
    install.call1(&JsValue::NULL, &rt()).unwrap();
}

#[js_import("srTest.give")]
fn give(i: u32) -> String;
#[js_import("srTest.give")]
fn give_r(i: u32) -> Result<String, JsError>;
#[js_import("srTest.bad")]
fn bad(i: u32) -> Result<String, JsError>;
#[js_import("srTest.nested")]
fn nested(depth: u32) -> String;
#[js_import("srTest.other")]
fn other() -> String;
#[js_import("srTest.callExport")]
fn call_export(s: &str) -> u32;

#[js_export]
fn sr_echo_len(s: &str) -> u32 {
    s.len() as u32
}

/// What `srTest.give(i)` returns, as Rust receives it (a lone surrogate becomes U+FFFD).
fn expected(i: u32) -> String {
    match i {
        0 => String::new(),
        1 => "hello".into(),
        2 => "héllo 𝄞 日本".into(),
        3 => "\u{FFFD}x".into(),
        4 => "ab𝄞".repeat(100_000),
        5 => "é".repeat(70),
        _ => unreachable!(),
    }
}

/// Called from JS inside `srTest.nested`: grows memory (allocates at least its current size),
/// then asks JS for the next level's string, itself made while the outer one waits.
#[js_export]
fn sr_inner(depth: u32) -> String {
    let pages = core::arch::wasm32::memory_size(0);
    let grow = vec![7u8; pages * 65536];
    let s = nested(depth);
    assert_eq!(grow[grow.len() - 1], 7);
    s
}

#[wasm_bindgen_test]
fn typed_imports_return_every_shape_of_string() {
    setup();
    for i in 0..6 {
        assert_eq!(give(i), expected(i), "give({i})");
        assert_eq!(give_r(i).unwrap(), expected(i), "give_r({i})");
    }
    // Results one after another each arrive whole (the scratch bytes are reused).
    let a = give(2);
    let b = give(1);
    assert_eq!((a.as_str(), b.as_str()), ("héllo 𝄞 日本", "hello"));
}

#[wasm_bindgen_test]
fn typed_and_low_level_bindings_return_strings_too() {
    setup();
    let typed = TypedBinding::<(u32,), String>::bind("srTest.give", None).unwrap();
    let low = Binding::bind("srTest.give", None, &[JsType::U32], JsType::String).unwrap();
    let mut args = low.args();
    for i in 0..6 {
        assert_eq!(typed.call((i,)).unwrap(), expected(i), "typed({i})");
        args.set(0, i).unwrap();
        let got: String = low.invoke(&mut args).unwrap().get().unwrap();
        assert_eq!(got, expected(i), "low-level({i})");
    }
}

/// `TypedBinding::call_into`: the same strings as `call`, into a reused `String` (its buffer
/// kept once large enough), on the typed path and the slot path; an error leaves it empty.
#[wasm_bindgen_test]
fn call_into_reads_the_same_strings_into_a_reused_buffer() {
    setup();
    let typed = TypedBinding::<(u32,), String>::bind("srTest.give", None).unwrap();
    // `Option<u32>` is not a typed-path parameter: this one goes through the slots.
    let slots = TypedBinding::<(Option<u32>,), String>::bind("srTest.give", None).unwrap();
    let mut buf = String::new();
    for i in 0..6 {
        typed.call_into((i,), &mut buf).unwrap();
        assert_eq!(buf, expected(i), "typed call_into({i})");
        assert_eq!(buf, typed.call((i,)).unwrap());
        slots.call_into((Some(i),), &mut buf).unwrap();
        assert_eq!(buf, expected(i), "slot-path call_into({i})");
    }
    // Once large enough, the buffer is reused: no new allocation per call.
    typed.call_into((2,), &mut buf).unwrap();
    let at = buf.as_ptr();
    for _ in 0..100 {
        typed.call_into((1,), &mut buf).unwrap();
        assert_eq!(buf, "hello");
        typed.call_into((2,), &mut buf).unwrap();
    }
    assert_eq!(buf.as_ptr(), at, "the same buffer throughout");
    // A result that is not a string: the same error as `call`, and an empty buffer.
    let bad = TypedBinding::<(u32,), String>::bind("srTest.bad", None).unwrap();
    for i in 0..5 {
        let e = bad.call_into((i,), &mut buf).unwrap_err();
        assert_eq!(e.js().expect("a JS error").name, "TypeError", "bad({i})");
        assert!(buf.is_empty(), "bad({i}) left {buf:?}");
        buf.push_str("stale");
    }
    assert_eq!(census().closures, 0);
}

#[wasm_bindgen_test]
fn a_result_that_is_not_a_string_is_a_type_error_and_nothing_is_coerced() {
    setup();
    let typed = TypedBinding::<(u32,), String>::bind("srTest.bad", None).unwrap();
    for i in 0..5 {
        let e = bad(i).unwrap_err();
        assert_eq!(e.name, "TypeError", "bad({i}): {}", e.message);
        assert!(
            e.message.starts_with("globalThis.srTest.bad: result: "),
            "bad({i}): {}",
            e.message
        );
        assert!(!e.message.contains("ran toString"), "{}", e.message);
        let e = typed.call((i,)).unwrap_err();
        let js = e.js().expect("a JS error");
        assert_eq!(js.name, "TypeError", "typed bad({i}): {}", js.message);
    }
    // The instance is fine afterwards.
    assert_eq!(give(1), "hello");
}

#[wasm_bindgen_test]
fn a_string_result_made_while_another_is_being_made_and_memory_grows() {
    setup();
    let leaf = format!("leaf-{}", "ab𝄞".repeat(7));
    assert_eq!(nested(0), leaf);
    assert_eq!(nested(1), format!("<1:{leaf}>"));
    assert_eq!(nested(3), format!("<3:<2:<1:{leaf}>>>"));
    // A big result after the nesting: the frame area and result blocks are in order.
    assert_eq!(give(4), expected(4));
    assert_eq!(census().js_objects, 0);
}

#[wasm_bindgen_test]
fn a_low_level_result_read_after_another_crossing_is_an_error_not_a_wrong_value() {
    setup();
    let low = Binding::bind("srTest.give", None, &[JsType::U32], JsType::String).unwrap();
    let mut args = low.args();
    args.set(0, 1u32).unwrap(); // "hello"
                                // Another import's String result, written where this one's bytes are.
    let r = low.invoke(&mut args).unwrap();
    assert_eq!(other(), "world");
    let e = r.get::<String>().unwrap_err();
    assert!(e.to_string().contains("string result read after"), "{e}");
    // An export JS calls in between (its string argument is written into the frame area).
    let r = low.invoke(&mut args).unwrap();
    assert_eq!(call_export("WORLD"), 5);
    assert!(r.get::<String>().is_err());
    // Read at once, it is the value.
    let r = low.invoke(&mut args).unwrap();
    assert_eq!(r.get::<String>().unwrap(), "hello");
    // The slot path too (an Option<String> result takes the slots).
    let opt = Binding::bind_codes(
        "srTest.give",
        None,
        &[JsType::U32.code(false)],
        JsType::String.code(true),
    )
    .unwrap();
    let mut args = opt.args();
    args.set(0, 1u32).unwrap();
    let r = opt.invoke(&mut args).unwrap();
    assert_eq!(other(), "world");
    assert!(r.get::<Option<String>>().is_err());
    let r = opt.invoke(&mut args).unwrap();
    assert_eq!(r.get::<Option<String>>().unwrap().as_deref(), Some("hello"));
    // An array result lives in the frame area as well.
    let nums = Binding::bind_codes(
        "srTest.nums",
        None,
        &[],
        <Vec<f64> as slotwire::FromJs>::CODE,
    )
    .unwrap();
    let r = nums.invoke(&mut nums.args()).unwrap();
    assert_eq!(other(), "world");
    let e = r.get::<Vec<f64>>().unwrap_err();
    assert!(
        e.to_string().contains("result read after a later crossing"),
        "{e}"
    );
    let r = nums.invoke(&mut nums.args()).unwrap();
    assert_eq!(r.get::<Vec<f64>>().unwrap(), [1.5, 2.5, 3.5]);
    // A number result is in the slot itself: read late, still the value.
    let n = Binding::bind("srTest.callExport", None, &[JsType::String], JsType::U32).unwrap();
    let mut args = n.args();
    args.set(0, "abc").unwrap();
    let r = n.invoke(&mut args).unwrap();
    assert_eq!(other(), "world");
    assert_eq!(r.get::<u32>().unwrap(), 3);
}

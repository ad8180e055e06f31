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

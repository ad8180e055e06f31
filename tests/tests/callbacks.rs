//! Callbacks both ways: JS functions called from Rust (`JsFunction`) and Rust closures called from
//! JS (`JsClosure`), including the seed's event sample, in Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use slotwire::prelude::*;
use slotwire::{census, JsClosure, JsFunction};
use slotwire_e2e::{register_test_module, rt};
use wasm_bindgen_test::*;

#[js_import("makeAdder", module = "t")]
fn make_adder() -> JsFunction<(i32, i32), i32>;
#[js_import("makeThrower", module = "t")]
fn make_thrower() -> JsFunction<(), i32>;
#[js_import("callWith2", module = "t")]
fn call_with_2(f: &JsClosure, a: i32, b: i32) -> Result<i32, JsError>;
#[js_import("callWith0", module = "t")]
fn call_with_0(f: &JsClosure) -> Result<String, JsError>;
#[js_import("callMany", module = "t")]
fn call_many(f: &JsClosure, n: u32) -> Result<u32, JsError>;
#[js_import("callWith8", module = "t")]
fn call_with_8(f: &JsClosure) -> f64;
#[js_import("callWithString", module = "t")]
fn call_with_string(f: &JsClosure, s: &str) -> String;
#[js_import("applyTo", module = "t")]
fn apply_u32(f: &JsClosure, v: u32) -> u32;
#[js_import("closurePath", module = "t")]
fn closure_path(f: &JsClosure) -> String;
#[js_import("applyTo", module = "t")]
fn apply_i32(f: &JsClosure, v: i32) -> i32;
#[js_import("applyTo", module = "t")]
fn apply_u8(f: &JsClosure, v: u8) -> u8;
#[js_import("applyTo", module = "t")]
fn apply_i8(f: &JsClosure, v: i8) -> i8;
#[js_import("applyTo", module = "t")]
fn apply_u16(f: &JsClosure, v: u16) -> u16;
#[js_import("applyTo", module = "t")]
fn apply_i16(f: &JsClosure, v: i16) -> i16;
#[js_import("applyTo", module = "t")]
fn apply_usize(f: &JsClosure, v: usize) -> usize;
#[js_import("applyTo", module = "t")]
fn apply_isize(f: &JsClosure, v: isize) -> isize;
#[js_import("applyTo", module = "t")]
fn apply_bool(f: &JsClosure, v: bool) -> bool;
#[js_import("applyTo", module = "t")]
fn apply_char(f: &JsClosure, v: char) -> char;
#[js_import("applyTo", module = "t")]
fn apply_4(f: &JsClosure, a: u32, b: i8, c: char, d: bool) -> u32;
#[js_import("applyTo", module = "t")]
fn apply_void(f: &JsClosure, v: u32);
#[js_import("applyTo", module = "t")]
fn apply_u32_f64(f: &JsClosure, v: u32) -> f64;
#[js_import("sameFn", module = "t")]
fn same_fn(a: &JsClosure, b: &JsClosure) -> bool;
#[js_import("keepFn", module = "t")]
fn keep_fn(f: &JsClosure);
#[js_import("callKept", module = "t")]
fn call_kept() -> Result<u32, JsError>;
#[js_import("makeTarget", module = "t")]
fn make_target() -> JsObject;
#[js_import("listen", module = "t")]
fn listen(t: &JsObject, f: &JsClosure);
#[js_import("unlisten", module = "t")]
fn unlisten(t: &JsObject, f: &JsClosure);
#[js_import("ping", module = "t")]
fn ping(t: &JsObject) -> bool;
#[js_import("callBadly", module = "t")]
fn call_badly(f: &JsClosure) -> Result<f64, JsError>;

#[js_export]
fn apply_twice(f: JsFunction<(i32,), i32>, x: i32) -> Result<i32, String> {
    let once = f.call((x,)).map_err(|e| e.to_string())?;
    f.call((once,)).map_err(|e| e.to_string())
}

fn js_closures() -> f64 {
    slotwire_e2e::js_census("closures")
}

#[wasm_bindgen_test]
fn js_functions_are_typed_callables() {
    register_test_module();
    let add = make_adder();
    for i in 0..1000 {
        assert_eq!(add.call((i, 1)).unwrap(), i + 1);
    }
    let boom = make_thrower();
    let e = boom.call(()).unwrap_err();
    assert_eq!(
        (e.name.as_str(), e.message.as_str()),
        ("RangeError", "from a JS callback")
    );
    assert_eq!(
        add.clone().call((2, 2)).unwrap(),
        4,
        "still usable, clones too"
    );
}

#[wasm_bindgen_test]
fn rust_closures_are_js_functions() {
    register_test_module();
    let base = census().closures;
    let mul = JsClosure::new(|a: i32, b: i32| a * b);
    assert_eq!(call_with_2(&mul, 6, 7).unwrap(), 42);
    // FnMut with state, called many times from JS.
    let count = Rc::new(Cell::new(0u32));
    let c2 = count.clone();
    let counter = JsClosure::new(move |i: u32| {
        c2.set(c2.get() + 1);
        i * 2
    });
    assert_eq!(call_many(&counter, 1000).unwrap(), 1998);
    assert_eq!(count.get(), 1000);
    // Strings in and out, no arguments, eight arguments.
    let shout = JsClosure::new(|s: String| s.to_uppercase());
    assert_eq!(call_with_string(&shout, "grüß 𝄞"), "GRÜSS 𝄞");
    let hello = JsClosure::new(|| String::from("hi"));
    assert_eq!(call_with_0(&hello).unwrap(), "hi");
    let sum8 = JsClosure::new(
        |a: u8, b: i16, c: i32, d: u32, e: f32, f: f64, g: i8, h: u16| {
            a as f64 + b as f64 + c as f64 + d as f64 + e as f64 + f + g as f64 + h as f64
        },
    );
    assert_eq!(call_with_8(&sum8), 36.0);
    // Bad arguments from JS are a TypeError in JS; the closure stays usable.
    let f = JsClosure::new(|x: f64| x);
    let e = call_badly(&f).unwrap_err();
    assert_eq!(e.name, "TypeError");
    assert!(e.message.contains("argument 1"), "{e}");
    assert_eq!(census().closures, base + 6);
    drop((mul, counter, shout, hello, sum8, f));
    assert_eq!(census().closures, base);
}

#[wasm_bindgen_test]
fn the_same_closure_is_the_same_function_and_events_work() {
    register_test_module();
    let hits = Rc::new(Cell::new(0));
    let h2 = hits.clone();
    let on_ping = JsClosure::new(move || h2.set(h2.get() + 1));
    let other = JsClosure::new(|| ());
    assert!(
        same_fn(&on_ping, &on_ping),
        "the same closure passed twice: one JS function"
    );
    assert!(!same_fn(&on_ping, &other));
    // The seed's events sample: addEventListener, then removeEventListener with the same closure.
    let target = make_target();
    listen(&target, &on_ping);
    ping(&target);
    ping(&target);
    assert_eq!(hits.get(), 2);
    unlisten(&target, &on_ping);
    ping(&target);
    assert_eq!(hits.get(), 2, "removeEventListener found the listener");
}

#[wasm_bindgen_test]
fn a_dropped_closure_throws_instead_of_running() {
    register_test_module();
    let base_js = js_closures();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let s2 = seen.clone();
    let f = JsClosure::new(move || {
        s2.borrow_mut().push(1);
        7u32
    });
    keep_fn(&f);
    assert_eq!(call_kept().unwrap(), 7);
    assert_eq!(js_closures(), base_js + 1.0);
    drop(f);
    assert_eq!(js_closures(), base_js, "the JS table forgot it");
    let e = call_kept().unwrap_err();
    assert!(e.message.contains("dropped"), "{e}");
    // A new closure may take the slot; the old function still does not reach it.
    let g = JsClosure::new(|| 9u32);
    assert!(call_kept().is_err());
    assert_eq!(seen.borrow().len(), 1);
    drop(g);
}

#[wasm_bindgen_test]
fn a_closure_called_while_it_runs_is_an_error_not_a_second_borrow() {
    register_test_module();
    // No arguments and a u32: the typed path. JS calling it again from inside gets an error.
    let inner = Rc::new(RefCell::new(None));
    let i2 = inner.clone();
    let f = JsClosure::new(move || -> u32 {
        *i2.borrow_mut() = Some(call_kept().map_err(|e| e.message));
        5
    });
    keep_fn(&f);
    assert_eq!(call_kept().unwrap(), 5);
    let got = inner.borrow_mut().take().expect("the closure ran");
    let msg = got.unwrap_err();
    assert!(msg.contains("already running"), "{msg}");
    // And usable afterwards, on the typed path again.
    assert_eq!(call_kept().unwrap(), 5);
    drop(f);
}

#[wasm_bindgen_test]
fn exports_take_js_functions() {
    register_test_module();
    let f = js_sys::Function::new_with_args("x", "return x * 3;");
    let apply: js_sys::Function = js_sys::Reflect::get(
        &js_sys::Reflect::get(&rt(), &"exports".into()).unwrap(),
        &"apply_twice".into(),
    )
    .unwrap()
    .into();
    let r = apply
        .call2(&wasm_bindgen::JsValue::NULL, &f, &2.into())
        .unwrap();
    assert_eq!(r.as_f64(), Some(18.0));
    let err = apply
        .call2(&wasm_bindgen::JsValue::NULL, &5.into(), &2.into())
        .unwrap_err();
    let msg = js_sys::Reflect::get(&err, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        msg.contains("apply_twice: argument 1 (f)") && msg.contains("function"),
        "{msg}"
    );
}

#[wasm_bindgen_test]
fn many_closures_passed_and_dropped_leak_nothing() {
    register_test_module();
    let base = census();
    let base_js = js_closures();
    for i in 0..100_000u32 {
        let c = JsClosure::new(move |x: u32| x + i);
        if i % 10 == 0 {
            assert_eq!(call_many(&c, 1).unwrap(), i);
        }
    }
    for _ in 0..1_000_000 {
        drop(JsClosure::new(|| ()));
    }
    assert_eq!(census(), base);
    assert_eq!(js_closures(), base_js);
}

/// Closures of integers, bools and chars take the all-`i32` typed entry
/// (the closure's own i32 entry, `typed_i<n>`): every value of every such type must arrive and come back
/// exactly — a `u32` above 2^31 crosses wrapped to a negative `i32` both ways — including from a
/// closure whose handle's high half is not 0 (a slot reused 2^11 times), and mixed with an `f64`
/// result (the f64 entry).
#[wasm_bindgen_test]
fn closures_of_integers_carry_every_value_both_ways() {
    register_test_module();
    let base = census().closures;
    // Churn one slot so that the next closure's handle has a generation of at least 2^11: its
    // high 32 bits (the second i32 of the entry) are then not 0.
    for _ in 0..(1 << 11) + 1 {
        drop(JsClosure::new(|| ()));
    }
    let u32_ = JsClosure::new(|x: u32| x);
    assert!(
        u32_.handle().to_bits() >> 32 != 0,
        "{} has a high half",
        u32_.handle()
    );
    for v in [0, 1, 0x7fff_ffff, 0x8000_0000, 3_000_000_000, u32::MAX] {
        assert_eq!(apply_u32(&u32_, v), v);
    }
    let inc = JsClosure::new(|x: u32| x.wrapping_add(1));
    assert_eq!(apply_u32(&inc, u32::MAX - 1), u32::MAX);
    assert_eq!(apply_u32(&inc, u32::MAX), 0);
    let i32_ = JsClosure::new(|x: i32| x);
    for v in [0, -1, i32::MIN, i32::MAX, 12345] {
        assert_eq!(apply_i32(&i32_, v), v);
    }
    let u8_ = JsClosure::new(|x: u8| x);
    let i8_ = JsClosure::new(|x: i8| x);
    let u16_ = JsClosure::new(|x: u16| x);
    let i16_ = JsClosure::new(|x: i16| x);
    let usize_ = JsClosure::new(|x: usize| x);
    let isize_ = JsClosure::new(|x: isize| x);
    for v in [0, 1, 127, 128, 255] {
        assert_eq!(apply_u8(&u8_, v), v);
    }
    for v in [0, -1, -128, 127] {
        assert_eq!(apply_i8(&i8_, v), v);
    }
    for v in [0, 0x8000, u16::MAX] {
        assert_eq!(apply_u16(&u16_, v), v);
    }
    for v in [i16::MIN, -1, i16::MAX] {
        assert_eq!(apply_i16(&i16_, v), v);
    }
    for v in [0, 0x8000_0000, u32::MAX as usize] {
        assert_eq!(apply_usize(&usize_, v), v);
    }
    for v in [isize::MIN, -1, isize::MAX] {
        assert_eq!(apply_isize(&isize_, v), v);
    }
    let not = JsClosure::new(|b: bool| !b);
    assert!(apply_bool(&not, false));
    assert!(!apply_bool(&not, true));
    let next = JsClosure::new(|c: char| char::from_u32(c as u32 + 1).unwrap_or('?'));
    assert_eq!(apply_char(&next, 'a'), 'b');
    assert_eq!(apply_char(&next, '𝄞'), '𝄟');
    assert_eq!(apply_char(&next, '\u{10FFFF}'), '?');
    let four = JsClosure::new(|a: u32, b: i8, c: char, d: bool| {
        a.wrapping_add(b as u32)
            .wrapping_add(c as u32)
            .wrapping_add(d as u32)
    });
    // (MAX - 200) + (MAX: -1i8 as u32) + 100 + 1, wrapping.
    assert_eq!(
        apply_4(&four, u32::MAX - 200, -1, 'd', true),
        u32::MAX - 100
    );
    let seen = Rc::new(Cell::new(0u32));
    let s2 = seen.clone();
    let sink = JsClosure::new(move |x: u32| s2.set(x));
    apply_void(&sink, 4_000_000_000);
    assert_eq!(seen.get(), 4_000_000_000);
    let half = JsClosure::new(|x: u32| x as f64 / 2.0);
    assert_eq!(apply_u32_f64(&half, u32::MAX), u32::MAX as f64 / 2.0);
    assert_eq!(census().closures, base + 14);
    drop((
        u32_, inc, i32_, u8_, i8_, u16_, i16_, usize_, isize_, not, next, four, sink, half,
    ));
    assert_eq!(census().closures, base);
}

/// Closures of at most four plain values are called through their own typed wasm entry (from
/// the function table Rust hands JS); others through the slots. A typed path that silently fell
/// back to the slots (say, the table never reached JS) would pass every other test here.
#[wasm_bindgen_test]
fn closures_of_plain_values_take_their_typed_entry() {
    register_test_module();
    let ints = JsClosure::new(|a: u32, b: bool| a + u32::from(b));
    let floats = JsClosure::new(|x: f64| x * 2.0);
    let none = JsClosure::new(|| 7u8);
    let five = JsClosure::new(|a: i32, b: i32, c: i32, d: i32, e: i32| a + b + c + d + e);
    let text = JsClosure::new(|s: String| s.to_uppercase());
    assert_eq!(closure_path(&ints), "typed");
    assert_eq!(closure_path(&floats), "typed");
    assert_eq!(closure_path(&none), "typed");
    assert_eq!(closure_path(&five), "slots");
    assert_eq!(closure_path(&text), "slots");
    // And they run, each through its path.
    assert_eq!(apply_u32(&JsClosure::new(|x: u32| x ^ 1), 6), 7);
    assert_eq!(call_with_string(&text, "four"), "FOUR");
    drop((ints, floats, none, five, text));
}

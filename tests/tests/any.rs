//! `JsAny`: any JS value by its run-time type — every variant both ways (import arguments and
//! results, export arguments and results), nested arrays, identity of objects and functions,
//! `Vec<JsAny>`, `Option<JsAny>`, promises of JsAny, bad input and leaks, in Node and Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::{census, ErrorKind};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/any.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerAnyModule)]
    fn register_any_module(rt: &JsValue);
    #[wasm_bindgen(js_name = runAnyCheck, catch)]
    fn run_any_check(rt: &JsValue, name: &str) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = runAnyAsync)]
    fn run_any_async(rt: &JsValue) -> js_sys::Promise;
}

fn setup() {
    register_any_module(&rt());
}

fn check(name: &str) {
    setup();
    if let Err(e) = run_any_check(&rt(), name) {
        let msg = slotwire_e2e::js_message(&e);
        panic!("JS check `{name}` failed: {msg}");
    }
}

#[js_import("echo", module = "any")]
fn echo(v: &JsAny) -> Result<JsAny, JsError>;
#[js_import("echo", module = "any")]
fn echo_vec(v: Vec<JsAny>) -> Result<Vec<JsAny>, JsError>;
#[js_import("echo", module = "any")]
fn echo_opt(v: Option<JsAny>) -> Result<Option<JsAny>, JsError>;
#[js_import("kind", module = "any")]
fn js_kind(v: &JsAny) -> String;
#[js_import("make", module = "any")]
fn make(kind: &str) -> Result<JsAny, JsError>;
#[js_import("later", module = "any")]
async fn later(v: JsAny) -> Result<JsAny, JsError>;
#[js_import("laterBad", module = "any")]
async fn later_bad() -> Result<JsAny, JsError>;

/// What `kind` in js/any.js says of the same value.
fn kind(v: &JsAny) -> String {
    match v {
        JsAny::Undefined => "undefined".into(),
        JsAny::Null => "null".into(),
        JsAny::Bool(b) => format!("boolean:{b}"),
        JsAny::Number(n) if n.is_nan() => "number:NaN".into(),
        JsAny::Number(n) if n.is_infinite() => {
            format!("number:{}Infinity", if *n < 0.0 { "-" } else { "" })
        }
        JsAny::Number(n) if *n == 0.0 && n.is_sign_negative() => "number:-0".into(),
        JsAny::Number(n) => format!("number:{n}"),
        JsAny::BigInt(n) => format!("bigint:{n}"),
        JsAny::String(s) => format!("string:{s}"),
        JsAny::Date(d) => format!("Date:{}", d.millis()),
        JsAny::Array(v) => format!("[{}]", v.iter().map(kind).collect::<Vec<_>>().join(",")),
        JsAny::Object(o) | JsAny::Function(o) => {
            let name: Option<String> = o.get("name").ok().flatten();
            match (v, name.as_deref()) {
                (JsAny::Object(_), Some("the object")) => "theObject".into(),
                (JsAny::Object(_), _) if o.get::<f64>("length").ok() == Some(3.0) => {
                    "theTyped".into()
                }
                (JsAny::Function(_), Some("theFunction")) => "theFunction".into(),
                (JsAny::Function(_), _) => "function".into(),
                _ => "object".into(),
            }
        }
    }
}

#[js_export]
fn any_echo(v: JsAny) -> JsAny {
    v
}
#[js_export]
fn any_kind(v: JsAny) -> String {
    kind(&v)
}
#[js_export]
fn any_make(k: &str) -> Result<JsAny, JsError> {
    Ok(match k {
        "undefined" => JsAny::Undefined,
        "null" => JsAny::Null,
        "bool" => false.into(),
        "number" => 0.25.into(),
        "bigint" => i64::MIN.into(),
        "string" => "héllo".into(),
        "date" => JsDate::from_millis(86_400_000.0).unwrap().into(),
        "array" => JsAny::Array(vec![
            1.0.into(),
            JsAny::Array(vec!["two".into(), JsAny::Null]),
            JsAny::Undefined,
            make("object")?,
        ]),
        "object" | "function" => make(k)?,
        _ => return Err(JsError::new("Error", format!("no kind {k}"))),
    })
}
#[js_export]
fn any_vec(mut v: Vec<JsAny>) -> Vec<JsAny> {
    v.reverse();
    v
}
#[js_export]
fn any_opt(v: Option<JsAny>) -> Option<JsAny> {
    v
}
#[js_export]
fn any_call(f: JsAny, x: i32) -> Result<i32, JsError> {
    let o = f
        .into_object()
        .ok_or_else(|| JsError::new("TypeError", "not an object"))?;
    JsFunction::<(i32,), i32>::from(o).call((x,))
}
#[js_export]
async fn any_later(v: JsAny) -> Result<JsAny, JsError> {
    later(v).await
}

#[wasm_bindgen_test]
fn import_arguments_every_variant() {
    setup();
    let date = JsDate::from_millis(-1.0).unwrap();
    let cases: Vec<(JsAny, &str)> = vec![
        (JsAny::Undefined, "undefined"),
        (JsAny::Null, "null"),
        (true.into(), "boolean:true"),
        (1.5.into(), "number:1.5"),
        ((-0.0).into(), "number:-0"),
        (f64::NAN.into(), "number:NaN"),
        (f64::INFINITY.into(), "number:Infinity"),
        (i64::MAX.into(), "bigint:9223372036854775807"),
        ("grüß 𝄞".into(), "string:grüß 𝄞"),
        ("".into(), "string:"),
        (date.into(), "Date:-1"),
        (JsAny::Array(vec![]), "[]"),
        (
            vec![JsAny::from(1.0), vec![JsAny::Null, "x".into()].into()].into(),
            "[number:1,[null,string:x]]",
        ),
    ];
    for (v, want) in &cases {
        assert_eq!(js_kind(v), *want, "{v:?}");
        // Import result: the same value back.
        let back = echo(v).unwrap();
        assert_eq!(kind(&back), *want);
        if !matches!(v, JsAny::Number(n) if n.is_nan()) {
            assert_eq!(&back, v);
        }
    }
    // Objects and functions from JS, passed back, are the same JS values.
    let o = make("object").unwrap();
    assert!(matches!(o, JsAny::Object(_)));
    assert_eq!(js_kind(&o), "theObject");
    let f = make("function").unwrap();
    assert!(matches!(f, JsAny::Function(_)));
    assert_eq!(js_kind(&f), "theFunction");
    let nested = JsAny::Array(vec![o.clone(), JsAny::Array(vec![f.clone()])]);
    assert_eq!(js_kind(&nested), "[theObject,[theFunction]]");
    assert_eq!(
        echo(&nested).unwrap(),
        nested,
        "the same objects back (JS ===)"
    );
    let other = make("typed").unwrap();
    assert!(matches!(other, JsAny::Object(_)));
    assert_ne!(other, o, "another object is not equal");
    assert_eq!(
        make("object").unwrap(),
        o,
        "a second crossing of the object is equal"
    );
}

#[wasm_bindgen_test]
fn import_results_every_variant() {
    setup();
    let want = [
        ("undefined", "undefined"),
        ("null", "null"),
        ("bool", "boolean:true"),
        ("number", "number:-1.5"),
        ("nan", "number:NaN"),
        ("negzero", "number:-0"),
        ("infinity", "number:-Infinity"),
        ("bigint", "bigint:-9223372036854775808"),
        ("string", "string:grüß 𝄞"),
        ("date", "Date:1700000000123"),
        (
            "array",
            "[number:1,string:a,[null,undefined,[boolean:true]],theObject,theFunction,bigint:5,Date:0,[]]",
        ),
        ("object", "theObject"),
        ("function", "theFunction"),
        ("typed", "theTyped"),
    ];
    for (k, w) in want {
        assert_eq!(kind(&make(k).unwrap()), w, "{k}");
    }
    assert_eq!(make("null").unwrap(), JsAny::Null);
    assert_eq!(make("undefined").unwrap(), JsAny::Undefined);
    assert_eq!(make("number").unwrap().as_f64(), Some(-1.5));
    assert_eq!(make("string").unwrap().as_str(), Some("grüß 𝄞"));
    // A typed array is an object handle: it keeps its identity.
    let t = make("typed").unwrap();
    assert_eq!(js_kind(&t), "theTyped");
    // The function is callable.
    let f = make("function").unwrap().into_object().unwrap();
    assert_eq!(JsFunction::<(i32,), i32>::from(f).call((4,)).unwrap(), 9);
}

#[wasm_bindgen_test]
fn vec_and_option_of_jsany_through_imports() {
    setup();
    let v = vec![JsAny::from("a"), JsAny::Null, make("object").unwrap()];
    assert_eq!(echo_vec(v.clone()).unwrap(), v);
    assert!(echo_vec(vec![]).unwrap().is_empty());
    assert_eq!(echo_opt(None).unwrap(), None);
    assert_eq!(
        echo_opt(Some(2.0.into())).unwrap(),
        Some(JsAny::Number(2.0))
    );
    // null inside Option<JsAny> is None (null and undefined are not told apart there).
    assert_eq!(echo_opt(Some(JsAny::Null)).unwrap(), None);
}

#[wasm_bindgen_test]
fn bad_values_are_errors_and_the_instance_stays_usable() {
    setup();
    let base = census().js_objects;
    let base_js = js_census("jsObjects");
    let e = make("symbol").unwrap_err();
    assert_eq!(e.name, "TypeError", "{e}");
    let e = make("huge").unwrap_err();
    assert_eq!(e.name, "RangeError", "{e}");
    let e = make("badNested").unwrap_err();
    assert_eq!(e.name, "TypeError", "{e}");
    assert!(e.message.contains("[1][1]"), "{e}");
    assert_eq!(census().js_objects, base);
    assert_eq!(
        js_census("jsObjects"),
        base_js,
        "handles taken before the throw given back"
    );
    assert_eq!(make("number").unwrap(), JsAny::Number(-1.5));
    let _ = ErrorKind::Type;
}

#[wasm_bindgen_test]
fn exports_take_and_return_every_variant() {
    check("exports");
}

#[wasm_bindgen_test]
fn exports_reject_bad_values() {
    setup();
    let base = census().js_objects;
    let base_js = js_census("jsObjects");
    check("bad");
    assert_eq!(census().js_objects, base);
    assert_eq!(js_census("jsObjects"), base_js);
}

#[wasm_bindgen_test]
fn no_leaks_after_10000_round_trips_with_objects_inside_arrays() {
    setup();
    let base = census();
    let base_js = js_census("jsObjects");
    // Export side: JS → Rust → JS, 10,000 times.
    check("roundTrips");
    // Import side: Rust → JS → Rust, 10,000 times.
    let o = make("object").unwrap();
    let f = make("function").unwrap();
    for i in 0..10_000 {
        let v = JsAny::Array(vec![
            o.clone(),
            JsAny::Array(vec![f.clone(), "s".into(), f64::from(i).into()]),
        ]);
        let back = echo(&v).unwrap();
        assert_eq!(back, v);
    }
    drop((o, f));
    assert_eq!(census(), base);
    assert_eq!(js_census("jsObjects"), base_js);
}

#[wasm_bindgen_test]
async fn promises_of_jsany() {
    setup();
    let base_js = js_census("jsObjects");
    assert_eq!(later(JsAny::Null).await.unwrap(), JsAny::Null);
    assert_eq!(
        later("async 𝄞".into()).await.unwrap().as_str(),
        Some("async 𝄞")
    );
    let o = make("object").unwrap();
    let arr = JsAny::Array(vec![o.clone(), 5i64.into(), JsAny::Undefined]);
    assert_eq!(later(arr.clone()).await.unwrap(), arr);
    let e = later_bad().await.unwrap_err();
    assert_eq!(e.name, "TypeError", "{e}");
    // Async exports returning JsAny.
    wasm_bindgen_futures::JsFuture::from(run_any_async(&rt()))
        .await
        .map_err(|e| format!("{e:?}"))
        .unwrap();
    drop((o, arr));
    assert_eq!(js_census("jsObjects"), base_js);
}

//! The JSON interop baseline (`slotwire_json`, Blazor's `IJSRuntime` remade) end to end, in
//! Node and headless Chromium: Rust → JS calls (sync and async), errors, JS → Rust
//! `invokeMethod`/`invokeMethodAsync`, object references both ways, and byte arrays out of band.
//! The JS half of the tests is tests/js/json-harness.js.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use slotwire_json::{
    self as json, JsObjectReference, JsonBytes, JsonInteropError, RustObjectReference,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/json-harness.js")]
extern "C" {
    /// Installs `globalThis.jsonTest`, the functions the tests call.
    #[wasm_bindgen(js_name = installJsonTest)]
    fn install_json_test(api: &JsValue);
    /// Runs the named JS check of the JS-side API; returns undefined or a Promise.
    #[wasm_bindgen(js_name = runJsonCheck, catch)]
    fn run_json_check(api: &JsValue, name: &str) -> Result<JsValue, JsValue>;
    /// Starts logging every `JSON.parse` / `JSON.stringify` text.
    #[wasm_bindgen(js_name = jsonLogStart)]
    fn json_log_start();
    /// Stops logging; returns `{"parsed": [...], "stringified": [...]}`.
    #[wasm_bindgen(js_name = jsonLogStop)]
    fn json_log_stop() -> String;
}

#[derive(Serialize, Deserialize, Debug, PartialEq, Clone)]
struct Point {
    x: f64,
    y: f64,
    label: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Census {
    js_objects: usize,
    rust_objects: usize,
    pending_calls: usize,
}

#[derive(Debug)]
struct Counter(Cell<i32>);

#[derive(Serialize, Deserialize)]
struct ByteStruct {
    name: String,
    data: JsonBytes,
    more: JsonBytes,
}

fn api() -> JsValue {
    json::slotwire_json_api()
}

fn census() -> Census {
    json::invoke("jsonTest.census", ()).unwrap()
}

fn setup() {
    thread_local!(static DONE: Cell<bool> = const { Cell::new(false) });
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    install_json_test(&api());
    json::register_method("e2e", "add", |(a, b): (i32, i32)| a + b);
    json::register_method("e2e", "greet", |(s,): (String,)| format!("Hello, {s}!"));
    json::register_method("e2e", "swap", |(p,): (Point,)| Point {
        x: p.y,
        y: p.x,
        label: p.label.map(|l| l.to_uppercase()),
    });
    json::register_method("e2e", "sum", |(v,): (Vec<i64>,)| v.iter().sum::<i64>());
    json::register_method("e2e", "noArgs", |(): ()| "none");
    json::register_method("e2e", "unit", |(_x,): (i32,)| {});
    json::register_method("e2e", "maybe", |(x,): (i32,)| (x > 0).then_some(x));
    json::register_method("e2e", "echo", |(x,): (i32,)| x);
    json::register_method_fallible("e2e", "parse", |(s,): (String,)| s.parse::<i32>());
    json::register_method("e2e", "badResult", |(): ()| {
        HashMap::from([((1, 2), 3)]) // non-string keys: not JSON
    });
    json::register_method("e2e", "viaJs", |(x,): (i32,)| {
        json::invoke::<i32>("jsonTest.callRust", ("add", x, 22)).unwrap()
    });
    json::register_method_async("e2e", "later", |(x,): (i32,)| async move { x * 2 });
    json::register_method_async("e2e", "awaitsJs", |(x,): (i32,)| async move {
        json::invoke_async::<i32>("jsonTest.delay", (1, x))
            .await
            .unwrap()
            + 10
    });
    json::register_method_async_fallible("e2e", "checkLater", |(x,): (i32,)| async move {
        if x >= 0 {
            Ok(x)
        } else {
            Err(format!("{x} is negative"))
        }
    });
    json::register_method_async("e2e", "reverseLater", |(b,): (JsonBytes,)| async move {
        JsonBytes(b.0.into_iter().rev().collect())
    });
    json::register_method("e2e", "newCounter", |(start,): (i32,)| {
        RustObjectReference::new(Counter(Cell::new(start)))
    });
    json::register_method(
        "e2e",
        "counterValue",
        |(c,): (RustObjectReference<Counter>,)| c.value().0.get(),
    );
    json::register_method("e2e", "reverse", |(b,): (JsonBytes,)| {
        JsonBytes(b.0.into_iter().rev().collect())
    });
    json::register_method("e2e", "byteStats", |(s,): (ByteStruct,)| {
        let sum: u64 = s.data.iter().map(|&b| b as u64).sum();
        format!("{}:{}:{}:{}", s.name, s.data.len(), sum, s.more.len())
    });
    json::register_method("e2e", "byteLen", |(b,): (JsonBytes,)| b.len());
    json::register_instance_method("add", |c: &Counter, (n,): (i32,)| {
        c.0.set(c.0.get() + n);
        c.0.get()
    });
    json::register_instance_method_async(
        "addLater",
        |c: RustObjectReference<Counter>, (n,): (i32,)| async move {
            json::invoke_async::<()>("jsonTest.delay", (1,))
                .await
                .unwrap();
            c.value().0.set(c.value().0.get() + n);
            c.value().0.get()
        },
    );
}

/// Runs the JS check `name` of json-harness.js (awaiting it if it returns a Promise).
async fn check(name: &str) {
    let r = run_json_check(&api(), name)
        .unwrap_or_else(|e| panic!("JS check `{name}` failed: {}", slotwire_e2e::js_message(&e)));
    if let Some(p) = r.dyn_ref::<js_sys::Promise>() {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(p.clone()).await {
            panic!("JS check `{name}` failed: {}", slotwire_e2e::js_message(&e));
        }
    }
}

#[wasm_bindgen_test]
fn invoke_numbers_strings_structs_vecs_options() {
    setup();
    assert_eq!(json::invoke::<f64>("Math.hypot", (3.0, 4.0)).unwrap(), 5.0);
    assert_eq!(json::invoke::<i32>("jsonTest.add", (2, 3)).unwrap(), 5);
    assert_eq!(
        json::invoke::<f64>("jsonTest.add", (0.5, 0.25)).unwrap(),
        0.75
    );
    assert_eq!(
        json::invoke::<i64>("jsonTest.echo", ((1i64 << 53) - 1,)).unwrap(),
        (1i64 << 53) - 1
    );
    assert_eq!(
        json::invoke::<String>(
            "jsonTest.concat",
            ("a", "é", "𝄞", "\"q\"\n\\", "\u{0}\u{1}")
        )
        .unwrap(),
        "aé𝄞\"q\"\n\\\u{0}\u{1}"
    );
    let big = "日本語 and ASCII ".repeat(5000);
    assert_eq!(
        json::invoke::<String>("jsonTest.echo", (&big,)).unwrap(),
        big
    );
    // Arguments: a tuple is the argument list; () is none.
    assert_eq!(json::invoke::<u32>("jsonTest.argCount", ()).unwrap(), 0);
    assert_eq!(
        json::invoke::<u32>("jsonTest.argCount", (1, 2, 3, 4, 5)).unwrap(),
        5
    );
    let p = Point {
        x: 1.5,
        y: -2.0,
        label: Some("p".into()),
    };
    assert_eq!(
        json::invoke::<String>(
            "jsonTest.typeOfArgs",
            (1, "s", true, None::<i32>, vec![1], &p)
        )
        .unwrap(),
        "number,string,boolean,null,array,object"
    );
    // Structs, Vec, Option.
    assert_eq!(
        json::invoke::<Point>("jsonTest.swap", (&p,)).unwrap(),
        Point {
            x: -2.0,
            y: 1.5,
            label: Some("P".into())
        }
    );
    let q = Point {
        label: None,
        ..p.clone()
    };
    assert_eq!(
        json::invoke::<Point>("jsonTest.swap", (&q,)).unwrap().label,
        None
    );
    assert_eq!(
        json::invoke::<Vec<i32>>("jsonTest.range", (5,)).unwrap(),
        [0, 1, 4, 9, 16]
    );
    assert_eq!(
        json::invoke::<Vec<Point>>("jsonTest.echo", (vec![&p, &q],)).unwrap(),
        [p.clone(), q]
    );
    assert_eq!(
        json::invoke::<Option<i32>>("jsonTest.nothing", ()).unwrap(),
        None
    );
    assert_eq!(
        json::invoke::<Option<i32>>("jsonTest.nullValue", ()).unwrap(),
        None
    );
    assert_eq!(
        json::invoke::<Option<i32>>("jsonTest.maybe", (3,)).unwrap(),
        Some(3)
    );
    assert_eq!(
        json::invoke::<Option<i32>>("jsonTest.maybe", (-3,)).unwrap(),
        None
    );
    assert_eq!(json::invoke::<()>("jsonTest.nothing", ()).unwrap(), ());
    // As in JSON: NaN becomes null.
    assert_eq!(
        json::invoke::<Option<f64>>("jsonTest.nan", ()).unwrap(),
        None
    );
    assert!(matches!(
        json::invoke::<f64>("jsonTest.nan", ()),
        Err(JsonInteropError::Deserialize(_))
    ));
}

#[wasm_bindgen_test]
fn functions_are_resolved_once_per_identifier() {
    setup();
    for i in 0..5 {
        assert_eq!(
            json::invoke::<i32>("jsonTest.counted", (i,)).unwrap(),
            i + 1
        );
    }
    assert_eq!(json::invoke::<u32>("jsonTest.lookups", ()).unwrap(), 1);
}

#[wasm_bindgen_test]
fn invoke_void_ignores_the_result() {
    setup();
    json::invoke_void("jsonTest.record", ("first",)).unwrap();
    json::invoke_void("jsonTest.record", ("second", 2)).unwrap();
    assert_eq!(
        json::invoke::<Vec<String>>("jsonTest.recorded", ()).unwrap(),
        ["first", "second"]
    );
    // record returns a BigInt: void never serializes it, a typed call must.
    let e = json::invoke::<()>("jsonTest.record", ("third",)).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Serialize(m) if m.contains("BigInt")),
        "{e:?}"
    );
    json::invoke_void("console.debug", ("invoke_void reaches console.debug",)).unwrap();
}

#[wasm_bindgen_test]
async fn invoke_async_awaits_promises() {
    setup();
    assert_eq!(
        json::invoke_async::<String>("jsonTest.delay", (5, "later"))
            .await
            .unwrap(),
        "later"
    );
    assert_eq!(
        json::invoke_async::<Point>(
            "jsonTest.delay",
            (
                1,
                Point {
                    x: 1.0,
                    y: 2.0,
                    label: None
                }
            )
        )
        .await
        .unwrap(),
        Point {
            x: 1.0,
            y: 2.0,
            label: None
        }
    );
    // A function that returns a plain value works too.
    assert_eq!(
        json::invoke_async::<i32>("jsonTest.add", (1, 2))
            .await
            .unwrap(),
        3
    );
    json::invoke_void_async("jsonTest.delay", (1, 5))
        .await
        .unwrap();
    // Rejections: the JS error's name, message and stack.
    let e = json::invoke_async::<i32>("jsonTest.reject", ("no way",))
        .await
        .unwrap_err();
    match &e {
        JsonInteropError::Js {
            identifier,
            name,
            message,
            stack,
        } => {
            assert_eq!(
                (identifier.as_str(), name.as_str(), message.as_str()),
                ("jsonTest.reject", "RangeError", "no way")
            );
            assert!(stack.contains("no way"), "{stack}");
        }
        other => panic!("expected Js, got {other:?}"),
    }
    let e = json::invoke_void_async("jsonTest.rejectLater", ("nope",))
        .await
        .unwrap_err();
    assert_eq!(e.to_string(), "`jsonTest.rejectLater` threw Error: nope");
    // A synchronous throw, a missing function, an unserializable result: errors, asynchronously.
    let e = json::invoke_async::<i32>("jsonTest.throwTypeError", ("sync throw",))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Js { name, message, .. } if name == "TypeError" && message == "sync throw"),
        "{e:?}"
    );
    let e = json::invoke_async::<i32>("jsonTest.noSuchAsync", ())
        .await
        .unwrap_err();
    assert!(matches!(&e, JsonInteropError::NotFound { .. }), "{e:?}");
    let e = json::invoke_async::<i32>("jsonTest.promiseOfCycle", ())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Serialize(m) if m.contains("circular")),
        "{e:?}"
    );
    let e = json::invoke_async::<i32>("jsonTest.delay", (1, "x"))
        .await
        .unwrap_err();
    assert!(matches!(&e, JsonInteropError::Deserialize(_)), "{e:?}");
    // The synchronous invoke of a Promise-returning function says to use invoke_async.
    let e = json::invoke::<i32>("jsonTest.delay", (1, 2)).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Unsupported(m) if m.contains("invoke_async")),
        "{e:?}"
    );
    // Calls that overlap complete independently.
    let slow = json::invoke_async::<String>("jsonTest.delay", (20, "slow"));
    let fast = json::invoke_async::<String>("jsonTest.delay", (1, "fast"));
    assert_eq!(fast.await.unwrap(), "fast");
    assert_eq!(slow.await.unwrap(), "slow");
    // A dropped call is forgotten; its late reply is ignored.
    drop(json::invoke_async::<String>(
        "jsonTest.delay",
        (1, "dropped"),
    ));
    assert_eq!(
        json::invoke_async::<String>("jsonTest.delay", (5, "after"))
            .await
            .unwrap(),
        "after"
    );
    assert_eq!(census().pending_calls, 0);
}

#[wasm_bindgen_test]
fn js_exceptions_become_js_errors() {
    setup();
    let e = json::invoke::<i32>("jsonTest.throwTypeError", ("bad thing",)).unwrap_err();
    match &e {
        JsonInteropError::Js {
            identifier,
            name,
            message,
            stack,
        } => {
            assert_eq!(identifier, "jsonTest.throwTypeError");
            assert_eq!(name, "TypeError");
            assert_eq!(message, "bad thing");
            assert!(
                stack.contains("throwTypeError"),
                "the stack names the function: {stack}"
            );
        }
        other => panic!("expected Js, got {other:?}"),
    }
    assert_eq!(
        e.to_string(),
        "`jsonTest.throwTypeError` threw TypeError: bad thing"
    );
    let e = json::invoke_void("jsonTest.throwString", ()).unwrap_err();
    assert_eq!(
        e,
        JsonInteropError::Js {
            identifier: "jsonTest.throwString".into(),
            name: "Error".into(),
            message: "a plain string".into(),
            stack: String::new()
        }
    );
    let js: slotwire::JsError = e.into();
    assert_eq!(js.message, "a plain string");
    // The instance is fine afterwards.
    assert_eq!(json::invoke::<i32>("jsonTest.add", (1, 1)).unwrap(), 2);
}

#[wasm_bindgen_test]
fn missing_identifiers_are_not_found() {
    setup();
    let e = json::invoke::<i32>("nope.fn", ()).unwrap_err();
    match &e {
        JsonInteropError::NotFound {
            identifier,
            message,
        } => {
            assert_eq!(identifier, "nope.fn");
            assert!(message.contains("'nope' is undefined"), "{message}");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert!(e.to_string().starts_with("cannot call `nope.fn`: "), "{e}");
    let e = json::invoke_void("jsonTest.missing", ()).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::NotFound { message, .. } if message.contains("'missing' is undefined")),
        "{e:?}"
    );
    let e = json::invoke_void("jsonTest.notAFunction", ()).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::NotFound { message, .. } if message.contains("is not a function")),
        "{e:?}"
    );
    // Not cached: defined later, it is found.
    assert!(json::invoke::<String>("jsonTest.lateBound", ()).is_err());
    json::invoke_void("jsonTest.defineLate", ()).unwrap();
    assert_eq!(
        json::invoke::<String>("jsonTest.lateBound", ()).unwrap(),
        "late"
    );
}

#[wasm_bindgen_test]
fn results_that_do_not_deserialize() {
    setup();
    let e = json::invoke::<i32>("jsonTest.seven", ()).unwrap_err();
    match &e {
        JsonInteropError::Deserialize(m) => {
            assert!(
                m.starts_with("`jsonTest.seven`: cannot deserialize the result as i32"),
                "{m}"
            );
            assert!(m.contains("\"seven\""), "{m}");
        }
        other => panic!("expected Deserialize, got {other:?}"),
    }
    let e = json::invoke::<Point>("jsonTest.echo", (HashMap::from([("x", 1)]),)).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Deserialize(m) if m.contains("missing field")),
        "{e:?}"
    );
}

#[wasm_bindgen_test]
fn values_json_cannot_hold() {
    setup();
    let e = json::invoke::<i32>("jsonTest.cycle", ()).unwrap_err();
    match &e {
        JsonInteropError::Serialize(m) => {
            assert!(
                m.starts_with("`jsonTest.cycle`: cannot serialize the result to JSON"),
                "{m}"
            );
            assert!(m.contains("circular"), "{m}");
        }
        other => panic!("expected Serialize, got {other:?}"),
    }
    let e = json::invoke::<i64>("jsonTest.bigint", ()).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Serialize(m) if m.contains("BigInt")),
        "{e:?}"
    );
    let e = json::invoke::<i64>("jsonTest.bigintInside", ()).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Serialize(m) if m.contains("BigInt")),
        "{e:?}"
    );
    // Rust values serde_json refuses: the same variant, before anything crosses.
    let e = json::invoke_void("jsonTest.echo", (HashMap::from([((1, 2), 3)]),)).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Serialize(m) if m.starts_with("`jsonTest.echo`: cannot serialize the arguments") && m.contains("key must be a string")),
        "{e:?}"
    );
    assert_eq!(json::invoke::<i32>("jsonTest.add", (1, 1)).unwrap(), 2);
}

#[wasm_bindgen_test]
async fn js_calls_rust_methods() {
    setup();
    check("invokeMethod").await;
}

#[wasm_bindgen_test]
async fn js_calls_rust_methods_asynchronously() {
    setup();
    check("invokeMethodAsync").await;
}

#[wasm_bindgen_test]
async fn js_object_references_round_trip() {
    setup();
    let start = census().js_objects;
    let c: JsObjectReference = json::invoke("jsonTest.makeCounterRef", (5,)).unwrap();
    assert_eq!(census().js_objects, start + 1);
    assert_eq!(c.invoke::<i32>("increment", (2,)).unwrap(), 7);
    assert_eq!(c.invoke::<String>("nested.label", ()).unwrap(), "nested");
    assert_eq!(
        c.invoke_async::<i32>("incrementLater", (3,)).await.unwrap(),
        10
    );
    c.invoke_void("increment", (1,)).unwrap();
    c.invoke_void_async("incrementLater", (1,)).await.unwrap();
    // Passed back to JS, it is the object itself.
    assert_eq!(json::invoke::<i32>("jsonTest.countOf", (&c,)).unwrap(), 12);
    assert!(json::invoke::<bool>("jsonTest.isSame", (&c, &c)).unwrap());
    let e = c.invoke::<i32>("missing", ()).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::NotFound { identifier, message } if identifier.contains("JS object reference") && message.contains("'missing'")),
        "{e:?}"
    );
    // invoke::<JsObjectReference> makes a reference of a plain object (Blazor's result type).
    let plain: JsObjectReference = json::invoke("jsonTest.makeCounterPlain", (1,)).unwrap();
    assert_eq!(plain.invoke::<i32>("increment", (1,)).unwrap(), 2);
    // References inside a result.
    #[derive(Deserialize)]
    struct Two {
        a: JsObjectReference,
        b: JsObjectReference,
    }
    let two: Two = json::invoke("jsonTest.makeTwo", ()).unwrap();
    assert_eq!(two.a.invoke::<i32>("increment", (0,)).unwrap(), 1);
    assert_eq!(two.b.invoke::<i32>("increment", (0,)).unwrap(), 2);
    assert!(!json::invoke::<bool>("jsonTest.isSame", (&two.a, &two.b)).unwrap());
    assert_eq!(census().js_objects, start + 4);
    // dispose releases it in JS; later calls fail without crossing.
    c.dispose();
    assert_eq!(census().js_objects, start + 3);
    let e = c.invoke::<i32>("increment", (1,)).unwrap_err();
    assert!(matches!(&e, JsonInteropError::Disposed(_)), "{e:?}");
    assert!(matches!(
        json::invoke::<i32>("jsonTest.countOf", (&c,)),
        Err(JsonInteropError::Serialize(_))
    ));
    // Dropping releases it too.
    drop(plain);
    drop(two);
    assert_eq!(census().js_objects, start);
    // Disposed on the JS side: the next call says so.
    let d: JsObjectReference = json::invoke("jsonTest.makeCounterRef", (1,)).unwrap();
    json::invoke_void("jsonTest.disposeLastRef", ()).unwrap();
    let e = d.invoke::<i32>("increment", (1,)).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Disposed(m) if m.contains("does not exist")),
        "{e:?}"
    );
    let e = json::invoke::<i32>("jsonTest.countOf", (&d,)).unwrap_err();
    assert!(matches!(&e, JsonInteropError::Disposed(_)), "{e:?}");
    drop(d);
    assert_eq!(census().js_objects, start);
}

#[wasm_bindgen_test]
async fn rust_object_references_called_from_js() {
    setup();
    let before = json::rust_object_count();
    let counter = RustObjectReference::new(Counter(Cell::new(0)));
    let r: (i32, i32) = json::invoke("jsonTest.useRustCounter", (&counter, 5)).unwrap();
    assert_eq!(r, (5, 10));
    assert_eq!(counter.value().0.get(), 10);
    assert_eq!(json::rust_object_count(), before + 1);
    assert_eq!(census().rust_objects, before + 1, "the JS census agrees");
    // JS keeps it and calls it later; passed back, it is the same object.
    json::invoke_void("jsonTest.holdRustObject", (&counter,)).unwrap();
    assert_eq!(
        json::invoke::<i32>("jsonTest.useHeldRustObject", (1,)).unwrap(),
        11
    );
    let back: RustObjectReference<Counter> =
        json::invoke("jsonTest.passBack", (&counter,)).unwrap();
    back.value().0.set(100);
    assert_eq!(counter.value().0.get(), 100);
    assert_eq!(back.id(), counter.id());
    // Asynchronous instance methods (and a sync one called asynchronously).
    let r: (i32, i32) = json::invoke_async("jsonTest.rustObjectAsync", (&counter,))
        .await
        .unwrap();
    assert_eq!(r, (103, 107));
    // JS disposes it: gone from the table, later calls throw in JS.
    json::invoke_void("jsonTest.disposeHeldRustObject", ()).unwrap();
    assert!(counter.is_disposed());
    assert_eq!(json::rust_object_count(), before);
    let msg: String = json::invoke("jsonTest.useHeldAfterDispose", ()).unwrap();
    assert!(
        msg.contains("does not exist (has it been disposed?)"),
        "{msg}"
    );
    let e = json::invoke_void("jsonTest.holdRustObject", (&counter,)).unwrap_err();
    assert!(
        matches!(&e, JsonInteropError::Serialize(m) if m.contains("disposed")),
        "{e:?}"
    );
    assert_eq!(
        counter.value().0.get(),
        107,
        "the value lives as long as Rust holds it"
    );
    // Made by a Rust method, used and disposed from JS.
    check("rustObjects").await;
    assert_eq!(json::rust_object_count(), before);
}

#[wasm_bindgen_test]
async fn byte_arrays_travel_out_of_band() {
    setup();
    json_log_start();
    let described: String =
        json::invoke("jsonTest.describeBytes", (JsonBytes(vec![1, 2, 3, 250]),)).unwrap();
    assert_eq!(described, "4:256:1:250");
    assert_eq!(
        json::invoke::<String>("jsonTest.describeBytes", (JsonBytes(vec![]),)).unwrap(),
        "0:0:-1:-1"
    );
    let mib: Vec<u8> = (0..1 << 20).map(|i| i as u8).collect();
    let sum: u64 = mib.iter().map(|&b| b as u64).sum();
    assert_eq!(
        json::invoke::<String>("jsonTest.describeBytes", (JsonBytes(mib.clone()),)).unwrap(),
        format!("1048576:{sum}:0:255")
    );
    let s = ByteStruct {
        name: "x".into(),
        data: JsonBytes(vec![9; 3]),
        more: JsonBytes(vec![]),
    };
    assert_eq!(
        json::invoke::<String>("jsonTest.bytesInside", (&s,)).unwrap(),
        "x:true:3:0"
    );
    // JS → Rust: Uint8Arrays in a result.
    let b: JsonBytes = json::invoke("jsonTest.makeBytes", (300,)).unwrap();
    assert_eq!(b.0, (0..300).map(|i| i as u8).collect::<Vec<_>>());
    let big: JsonBytes = json::invoke("jsonTest.makeBytes", (1 << 20,)).unwrap();
    assert_eq!(big.0, mib);
    #[derive(Deserialize)]
    struct TwoBytes {
        first: JsonBytes,
        second: JsonBytes,
        label: String,
    }
    let two: TwoBytes = json::invoke("jsonTest.makeTwoBytes", ()).unwrap();
    assert_eq!(
        (two.first.0, two.second.0, two.label),
        (vec![1, 2, 3], vec![], "two".to_owned())
    );
    let (late, tail): (JsonBytes, String) = json::invoke_async("jsonTest.makeBytesLater", (1000,))
        .await
        .unwrap();
    assert_eq!(
        (late.len(), late[999], tail.as_str()),
        (1000, (999 % 256) as u8, "tail")
    );
    let log: serde_json::Value = serde_json::from_str(&json_log_stop()).unwrap();
    // No text carries the bytes (no base64, no number lists): only the references.
    for (dir, texts) in [
        ("Rust → JS", &log["parsed"]),
        ("JS → Rust", &log["stringified"]),
    ] {
        let texts: Vec<&str> = texts
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(
            texts.iter().any(|t| t.contains(r#"{"__byte[]":0}"#)),
            "{dir}: {texts:?}"
        );
        for t in &texts {
            assert!(
                t.len() < 120,
                "{dir}: a JSON text of {} bytes: {}…",
                t.len(),
                &t[..120]
            );
        }
    }
    // JS → Rust through invokeMethod, and back.
    check("bytes").await;
}

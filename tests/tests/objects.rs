//! JS objects held by Rust (`JsObject`): properties, methods, identity, ownership, census and
//! leaks, both directions, in Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::{census, ErrorKind};
use slotwire_e2e::{check, register_test_module};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

#[js_import("makeObject", module = "t")]
fn make_object() -> JsObject;
#[js_import("newObject", module = "t")]
fn new_object() -> JsObject;
#[js_import("summarize", module = "t")]
fn summarize(o: &JsObject) -> String;
#[js_import("same", module = "t")]
fn same(a: &JsObject, b: &JsObject) -> bool;
#[js_import("keep", module = "t")]
fn keep(o: &JsObject);
#[js_import("kept", module = "t")]
fn kept() -> Option<JsObject>;
#[js_import("increment", module = "t")]
fn increment(o: &JsObject);
#[js_import("echo", module = "t")]
fn echo_maybe(o: Option<&JsObject>) -> Option<JsObject>;
// Declared accessors: one property access or method call on the first argument.
#[js_import(getter = "answer")]
fn answer(o: &JsObject) -> f64;
#[js_import(getter = "name")]
fn name_of(o: &JsObject) -> String;
#[js_import(getter = "missing")]
fn missing(o: &JsObject) -> Result<f64, JsError>;
#[js_import(getter = "child")]
fn child(o: &JsObject) -> JsObject;
#[js_import(setter = "answer")]
fn set_answer(o: &JsObject, v: f64);
#[js_import(setter = "label")]
fn set_label(o: &JsObject, v: &str);
// Setters returning a Result: a throw in the (strict mode) assignment is an Err. Typed (f64,
// &str) and slot (Vec<f64>) signatures, JsError and slotwire::Error.
#[js_import(setter = "answer")]
fn try_set_answer(o: &JsObject, v: f64) -> Result<(), JsError>;
#[js_import(setter = "label")]
fn try_set_label(o: &JsObject, v: &str) -> Result<(), JsError>;
#[js_import(setter = "answer")]
fn try_set_answers(o: &JsObject, v: Vec<f64>) -> Result<(), slotwire::Error>;
#[js_import(method = "add")]
fn add_method(o: &JsObject, a: i32, b: i32) -> i32;
#[js_import(method = "greet")]
fn greet(o: JsObject, who: &str) -> String;
#[js_import(method = "answer")]
fn call_answer(o: &JsObject) -> Result<f64, JsError>;
// Typed (fast) imports with a JsObject result: JS returns the handle it made.
#[js_import("echo", module = "t")]
fn echo_fast(o: &JsObject) -> JsObject;
#[js_import("value", module = "t")]
fn value_as_object(name: &str) -> Result<JsObject, JsError>;

#[js_export]
fn bump_answer(o: JsObject) -> Result<f64, slotwire::Error> {
    let a: f64 = o.get("answer")?;
    o.set("answer", a + 1.0)?;
    o.get("answer")
}

#[js_export]
fn echo_object(o: JsObject) -> JsObject {
    o
}

#[js_export]
fn maybe_object(o: Option<JsObject>) -> Option<JsObject> {
    o
}

#[js_export]
fn same_object(a: JsObject, b: JsObject) -> bool {
    a.same_as(&b)
}

fn js_live() -> f64 {
    slotwire_e2e::js_census("jsObjects")
}

#[wasm_bindgen_test]
fn the_seed_sample_properties_and_methods() -> Result<(), slotwire::Error> {
    register_test_module();
    let o = make_object();
    assert_eq!(o.get::<f64>("answer")?, 42.0);
    assert_eq!(o.get::<String>("name")?, "Arthur");
    assert_eq!(o.get::<i32>("answer")?, 42);
    o.set("answer", 54.0)?;
    o.set("question", "what is six by nine")?;
    assert_eq!(summarize(&o), "Arthur: what is six by nine = 54");
    assert!(o.has("question")?);
    assert!(!o.has("missing")?);
    assert_eq!(o.type_of()?, "object");
    assert_eq!(o.get::<Option<f64>>("missing")?, None);
    let nested: JsObject = o.get("nested")?;
    assert_eq!(nested.get::<u8>("depth")?, 2);
    let sum: i32 = o.call_method("add", (2, 3))?;
    assert_eq!(sum, 5);
    let me: String = o.call_method("whoAmI", ())?;
    assert_eq!(me, "Arthur", "methods are called with this = the object");
    increment(&o);
    assert_eq!(o.get::<f64>("answer")?, 55.0);
    // Errors name the property and leave the object usable.
    let e = o.get::<f64>("name").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Js);
    assert!(e.message().contains("expected f64"), "{e}");
    let e = o.call_method::<(), i32>("name", ()).unwrap_err();
    assert!(e.message().contains("not a method"), "{e}");
    assert_eq!(o.get::<f64>("answer")?, 55.0);
    // Numbers, bools and chars take a typed path: each type checked as on the slot path.
    o.set("flag", true)?;
    assert!(o.get::<bool>("flag")?);
    o.set("letter", '𝄞')?;
    assert_eq!(o.get::<char>("letter")?, '𝄞');
    o.set("big", 4_000_000_000u32)?;
    assert_eq!(o.get::<u32>("big")?, 4_000_000_000);
    assert_eq!(o.get::<f32>("answer")?, 55.0);
    let e = o.get::<u8>("big").unwrap_err();
    assert!(e.message().contains("out of range"), "{e}");
    let e = o.get::<bool>("answer").unwrap_err();
    assert!(e.message().contains("property \"answer\""), "{e}");
    assert_eq!(
        o.get::<Option<f64>>("nothing")?,
        None,
        "Option keeps the slot path"
    );
    // Properties of compound types (codes above one byte) too.
    o.set("scores", vec![1.5, 2.5])?;
    assert_eq!(o.get::<Vec<f64>>("scores")?, [1.5, 2.5]);
    o.set("tags", vec!["a".to_owned(), "b".to_owned()])?;
    assert_eq!(
        o.get::<Option<Vec<String>>>("tags")?,
        Some(vec!["a".into(), "b".into()])
    );
    assert_eq!(
        o.get::<slotwire::JsAny>("answer")?,
        slotwire::JsAny::Number(55.0)
    );
    Ok(())
}

#[wasm_bindgen_test]
fn identity_and_ownership() {
    register_test_module();
    let base_js = js_live();
    let base_rust = census().js_objects;
    let a = make_object();
    keep(&a);
    let again = kept().unwrap();
    // Each crossing takes a handle of its own (no identity map); identity is JS's `===`.
    assert_ne!(
        again.handle(),
        a.handle(),
        "a second crossing: a second handle"
    );
    assert!(again.same_as(&a) && again == a, "the same JS object");
    assert!(same(&a, &again));
    let b = new_object();
    assert_ne!(b.handle(), a.handle());
    assert!(!same(&a, &b));
    assert!(!b.same_as(&a) && b != a);
    assert_eq!(census().js_objects, base_rust + 3);
    assert_eq!(js_live(), base_js + 3.0, "three handles");
    drop(again);
    assert_eq!(
        js_live(),
        base_js + 2.0,
        "again's handle is released, a's stays"
    );
    let c = a.clone();
    drop(a);
    assert_eq!(
        c.get::<f64>("answer").unwrap(),
        42.0,
        "a clone keeps the object alive"
    );
    c.dispose();
    b.dispose();
    assert_eq!(js_live(), base_js);
    assert_eq!(census().js_objects, base_rust);
    // Option<JsObject> both ways.
    assert!(echo_maybe(None).is_none());
    let d = new_object();
    let e = echo_maybe(Some(&d)).unwrap();
    assert!(e.same_as(&d));
    drop((d, e));
    assert_eq!(js_live(), base_js);
}

#[wasm_bindgen_test]
fn a_million_create_drop_cycles_leak_nothing() {
    register_test_module();
    let base_js = js_live();
    let base_rust = census().js_objects;
    for i in 0..1_000_000u32 {
        let o = new_object();
        if i % 100_000 == 0 {
            o.set("i", i).unwrap();
        }
    }
    assert_eq!(census().js_objects, base_rust);
    assert_eq!(js_live(), base_js);
}

#[wasm_bindgen_test]
fn js_value_conversions() {
    register_test_module();
    let o = make_object();
    let v: JsValue = o.to_js_value();
    let name = js_sys::Reflect::get(&v, &"name".into()).unwrap();
    assert_eq!(name.as_string().unwrap(), "Arthur");
    let back = JsObject::from_js_value(&v).unwrap();
    assert!(back.same_as(&o));
    assert!(JsObject::from_js_value(&JsValue::from_f64(1.0)).is_err());
    let arr = js_sys::Array::new();
    let h = JsObject::try_from(JsValue::from(arr)).unwrap();
    assert_eq!(h.type_of().unwrap(), "object");
    let v2: JsValue = h.into();
    assert!(v2.is_array());
}

#[wasm_bindgen_test]
fn exports_take_and_return_objects() {
    register_test_module();
    check("objects");
}

/// A typed import returning a `JsObject` (an externref, as wasm-bindgen's imports return
/// objects): the object arrives, a function too, and anything else — `null`, a number, a string,
/// `undefined` — is a TypeError naming the import. Objects of typed imports take no handle in the
/// JS table until a slot call needs one (then one, kept); both censuses end where they began.
#[wasm_bindgen_test]
fn typed_imports_return_objects_and_refuse_other_values() {
    register_test_module();
    let base_js = js_live();
    let base_rust = census().js_objects;
    let a = make_object();
    let b = echo_fast(&a);
    assert!(b.same_as(&a));
    assert_eq!(b.get::<f64>("answer").unwrap(), 42.0);
    assert_eq!(census().js_objects, base_rust + 2);
    assert_eq!(js_live(), base_js, "externrefs: nothing in the JS table");
    // A slot call (`set` goes through the slots) gives `b` a handle, once.
    b.set("answer", 43).unwrap();
    b.set("answer", 44).unwrap();
    assert_eq!(
        js_live(),
        base_js + 1.0,
        "one handle, made on first use and kept"
    );
    assert_eq!(a.get::<f64>("answer").unwrap(), 44.0, "the same object");
    for name in ["nul", "undef", "int", "str"] {
        let e = value_as_object(name).unwrap_err();
        assert_eq!(e.name, "TypeError", "{name}: {e}");
        assert!(
            e.message.contains("value") && e.message.contains("an object"),
            "{name}: {e}"
        );
    }
    let f = value_as_object("fn").unwrap();
    assert_eq!(f.type_of().unwrap(), "function");
    drop((a, b, f));
    assert_eq!(census().js_objects, base_rust);
    assert_eq!(js_live(), base_js, "no handle taken for a refused value");
}

/// `#[js_import(getter/setter/method = "..")]`: reads, writes and calls on the object passed first
/// (typed and slot signatures alike); a missing property or a non-function is a TypeError naming
/// the accessor; nothing leaks.
#[wasm_bindgen_test]
fn declared_getters_setters_and_methods() {
    register_test_module();
    let base_js = js_live();
    let base_rust = census().js_objects;
    let o = make_object();
    assert_eq!(answer(&o), 42.0);
    set_answer(&o, 41.5);
    assert_eq!(answer(&o), 41.5);
    assert_eq!(o.get::<f64>("answer").unwrap(), 41.5, "the same property");
    assert_eq!(name_of(&o), "Arthur");
    set_label(&o, "grüß 𝄞");
    assert_eq!(o.get::<String>("label").unwrap(), "grüß 𝄞");
    let e = missing(&o).unwrap_err();
    assert_eq!(e.name, "TypeError", "{e}");
    assert!(e.message.contains("getter \"missing\""), "{e}");
    let e = call_answer(&o).unwrap_err();
    assert_eq!(e.name, "TypeError", "answer is a number, not a method: {e}");
    let c = child(&o);
    assert_eq!(c.get::<f64>("depth").unwrap(), 1.0);
    assert_eq!(add_method(&o, 2, 40), 42);
    assert_eq!(greet(o.clone(), "Ford"), "Arthur greets Ford");
    drop((o, c));
    assert_eq!(census().js_objects, base_rust);
    assert_eq!(js_live(), base_js);
}

/// Declared accessors on an object whose getter, setter and method are JS code that grows memory
/// and re-enters an export that makes and drops a `JsObject`, during the call.
#[js_export]
fn hostile_accessors(o: JsObject, label: &str) -> f64 {
    let a = answer(&o);
    set_label(&o, label);
    a + add_method(&o, 2, 3) as f64
}

/// Makes a JsObject and drops it (a handle made and released inside another call).
#[js_export]
fn make_and_drop() -> f64 {
    let o = new_object();
    o.set("made", true).expect("set on a fresh object");
    drop(o);
    census().js_objects as f64
}

/// `census().js_objects` on the Rust side.
#[js_export]
fn rust_js_objects() -> f64 {
    census().js_objects as f64
}

/// User code inside a declared getter, setter and method (written out in the generated JS):
/// memory grown, an export re-entered that makes and drops a handle; the values arrive, both
/// censuses come back, the instance is not poisoned.
#[wasm_bindgen_test]
fn declared_accessors_survive_growth_and_reentry_inside_the_access() {
    register_test_module();
    check("hostileAccessors");
}

#[wasm_bindgen(inline_js = r#"
export function setterTarget(kind) {
  switch (kind) {
    case "getter-only": return { get answer() { return 1; }, get label() { return "x"; } };
    case "frozen": return Object.freeze({ answer: 1, label: "x" });
    case "refusing": return new Proxy({ answer: 1, label: "x" }, { set() { return false; } });
    case "throwing": return { get answer() { return 1; }, set answer(v) { throw new RangeError(`no ${v}`); },
                              get label() { return "x"; }, set label(v) { throw new RangeError(`no ${v}`); } };
    default: return { answer: 1, label: "x" };
  }
}
export function poisonedBy(rt) { return rt.poisoned; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = setterTarget)]
    fn setter_target(kind: &str) -> JsValue;
    #[wasm_bindgen(js_name = poisonedBy)]
    fn poisoned_by(rt: &JsValue) -> Option<String>;
}

/// A declared setter returning `Result` (eleventh session, K2): the assignment runs in strict
/// mode, so a getter-only property, a frozen object and a Proxy whose `set` trap returns false
/// throw a TypeError (and a JS setter may throw anything): each is an `Err` with the JS error's
/// name and message, typed and slot signatures alike, the value is unchanged, the instance is not
/// poisoned, nothing leaks; on a plain object the same setters set the value.
#[wasm_bindgen_test]
fn declared_setters_returning_result_report_a_throw() {
    let base_js = js_live();
    let base_rust = census().js_objects;
    for (kind, name, says) in [
        ("getter-only", "TypeError", "only a getter"),
        ("frozen", "TypeError", "read only"),
        ("refusing", "TypeError", "trap returned falsish"),
        ("throwing", "RangeError", "no "),
    ] {
        let o = JsObject::from_js_value(&setter_target(kind)).unwrap();
        let e = try_set_answer(&o, 2.0).unwrap_err();
        assert_eq!(e.name, name, "{kind}: {e}");
        assert!(e.message.contains(says), "{kind}: {e}");
        let e = try_set_label(&o, "grüß").unwrap_err();
        assert_eq!(e.name, name, "{kind}: {e}");
        assert!(e.message.contains(says), "{kind}: {e}");
        let e = try_set_answers(&o, vec![1.0, 2.0]).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Js, "{kind}: {e}");
        assert!(e.message().contains(says), "{kind}: {e}");
        assert_eq!(o.get::<f64>("answer").unwrap(), 1.0, "{kind}: unchanged");
        assert_eq!(o.get::<String>("label").unwrap(), "x", "{kind}: unchanged");
        assert_eq!(
            poisoned_by(&slotwire_e2e::rt()),
            None,
            "{kind}: not poisoned"
        );
    }
    let o = JsObject::from_js_value(&setter_target("plain")).unwrap();
    try_set_answer(&o, 2.5).unwrap();
    assert_eq!(o.get::<f64>("answer").unwrap(), 2.5);
    try_set_label(&o, "grüß 𝄞").unwrap();
    assert_eq!(o.get::<String>("label").unwrap(), "grüß 𝄞");
    try_set_answers(&o, vec![1.0, 2.0]).unwrap();
    assert_eq!(o.get::<Vec<f64>>("answer").unwrap(), [1.0, 2.0]);
    set_answer(&o, 3.5);
    assert_eq!(answer(&o), 3.5, "a setter without Result still sets");
    drop(o);
    assert_eq!(poisoned_by(&slotwire_e2e::rt()), None);
    assert_eq!(census().js_objects, base_rust);
    assert_eq!(js_live(), base_js);
}

static ANSWER: slotwire::PropertyKey = slotwire::PropertyKey::new("answer");
static NAME: slotwire::PropertyKey = slotwire::PropertyKey::new("name");
static GRUSS: slotwire::PropertyKey = slotwire::PropertyKey::new("grüß 𝄞");
static ADD: slotwire::PropertyKey = slotwire::PropertyKey::new("add");

/// `PropertyKey`: a name interned once, usable wherever a `&str` name is (`get` of a number
/// takes the key path: an id, no name bytes), with the same values and errors as the `&str` path.
#[wasm_bindgen_test]
fn property_keys_read_what_names_read() {
    register_test_module();
    let base_js = js_live();
    let o = make_object();
    for _ in 0..3 {
        assert_eq!(o.get::<f64>(&ANSWER).unwrap(), 42.0);
        assert_eq!(o.get::<i32>(&ANSWER).unwrap(), 42);
    }
    assert_eq!(ANSWER.name(), "answer");
    assert_eq!(
        o.get::<String>(&NAME).unwrap(),
        "Arthur",
        "a string through the slot path"
    );
    let e = o.get::<f64>(&NAME).unwrap_err();
    assert!(
        e.message().contains("\"name\""),
        "the error names the property: {e}"
    );
    assert!(!o.has(&GRUSS).unwrap());
    o.set(&GRUSS, 7.5).unwrap();
    assert!(o.has(&GRUSS).unwrap());
    assert_eq!(o.get::<f64>(&GRUSS).unwrap(), 7.5, "a non-ASCII key");
    assert_eq!(
        o.get::<f64>("grüß 𝄞").unwrap(),
        7.5,
        "the same property by &str"
    );
    let owned = String::from("answer");
    assert_eq!(o.get::<f64>(&owned).unwrap(), 42.0, "a &String name");
    assert_eq!(o.call_method::<_, i32>(&ADD, (40, 2)).unwrap(), 42);
    let other = new_object();
    assert!(
        other.get::<f64>(&ANSWER).is_err(),
        "undefined is not a number"
    );
    drop((o, other));
    assert_eq!(js_live(), base_js);
}

#[wasm_bindgen(inline_js = r#"
export function keyTableLength(rt) { return rt.keys.length; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = keyTableLength)]
    fn key_table_length(rt: &JsValue) -> u32;
}

/// A `PropertyKey` made per use (a `const`, or `PropertyKey::new` in a loop) interns its name
/// each time it is first used: the runtime's key table keeps one entry per name, not one per use
/// (before: 20,000 entries for one name, for the instance's life, in no census).
#[wasm_bindgen_test]
fn a_property_key_made_per_use_adds_no_key_table_entries() {
    register_test_module();
    let o = make_object();
    let before = key_table_length(&slotwire_e2e::rt());
    for _ in 0..20_000 {
        let k = slotwire::PropertyKey::new("answer");
        assert_eq!(o.get::<f64>(&k).unwrap(), 42.0);
    }
    let after = key_table_length(&slotwire_e2e::rt());
    assert!(
        after - before <= 1,
        "{before} -> {after} entries for one name"
    );
}

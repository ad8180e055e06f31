//! The runtime's fallbacks without code generation, attacked end to end. A Content-Security-Policy
//! without 'unsafe-eval' is simulated (tests/js/no_codegen.js): `globalThis.Function` throws an
//! EvalError from before the runtime attaches, so codegen.js `compile` turns code generation off
//! and every binding, export, closure and batch of this binary takes its closure fallback (fast.js
//! `makeFastImport` / `makeFastExport` / `makeFastClosure`, imports.js `makeInvoker` and the
//! accessors, exports.js `makeExport`, batch.js `interpretedDecoder`, transport.js `dispatcher`);
//! every test checks that they really do. Then: typed and slot-path imports of every result kind,
//! `TypedBinding`, `Binding`, exports and run-time exports called from JS, `JsClosure`s, batches
//! and declared accessors, attacked with user code that grows memory, re-enters, throws and
//! returns hostile values; censuses back to where they were and no leak. In Node and headless
//! Chromium. Tests return `Err` rather than panic (a panic would poison the instance for the
//! tests after it).
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;

use slotwire::batch;
use slotwire::prelude::*;
use slotwire::{census, register_export, Binding, JsAny, JsClosure, JsError, JsObject, JsType};
use slotwire::{register_export_fn, unregister_export, TypedBinding};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/no_codegen.js")]
extern "C" {
    #[wasm_bindgen(js_name = installTrap)]
    fn install_trap();
    #[wasm_bindgen(js_name = setRuntime)]
    fn set_runtime(rt: &JsValue);
    #[wasm_bindgen(js_name = ncLog)]
    fn nc_log() -> String;
    #[wasm_bindgen(js_name = ncCoerced)]
    fn nc_coerced() -> u32;
    #[wasm_bindgen(js_name = ncTrapped)]
    fn nc_trapped() -> u32;
    #[wasm_bindgen(js_name = ncAttempts)]
    fn nc_attempts() -> u32;
    #[wasm_bindgen(js_name = ncTrapInstalled)]
    fn nc_trap_installed() -> bool;
    #[wasm_bindgen(js_name = ncFunctionThrows)]
    fn nc_function_throws() -> bool;
    #[wasm_bindgen(js_name = ncGenerated)]
    fn nc_generated() -> String;
    #[wasm_bindgen(js_name = ncKeptIsFallback)]
    fn nc_kept_is_fallback(i: u32) -> bool;
    #[wasm_bindgen(js_name = ncCallKept)]
    fn nc_call_kept(i: u32, args: &js_sys::Array) -> String;
    #[wasm_bindgen(js_name = ncCallKeptWith)]
    fn nc_call_kept_with(i: u32, kind: u32, n: u32) -> String;
    #[wasm_bindgen(js_name = ncHeapState)]
    fn nc_heap_state() -> String;
    #[wasm_bindgen(js_name = ncChildren)]
    fn nc_children(o: &JsValue) -> String;
    #[wasm_bindgen(js_name = ncClassName)]
    fn nc_class_name(o: &JsValue) -> String;
    #[wasm_bindgen(js_name = ncExportAttacks)]
    fn nc_export_attacks() -> String;
    #[wasm_bindgen(js_name = ncExportLeak)]
    fn nc_export_leak(which: &str) -> String;
}

// ---- Typed imports (fast.js makeFastImport's fallback) ----

#[js_import("ncTest.add")]
fn nc_add(a: i32, b: u32, c: f64, d: f32) -> f64;
#[js_import("ncTest.small")]
fn nc_small(a: i8, b: u16) -> i32;
#[js_import("ncTest.not")]
fn nc_not(b: bool) -> bool;
#[js_import("ncTest.nextChar")]
fn nc_next_char(c: char) -> char;
#[js_import("ncTest.nextChar")]
fn nc_next_char_r(c: char) -> Result<char, JsError>;
#[js_import("ncTest.strLen")]
fn nc_str_len(s: &str) -> u32;
#[js_import("ncTest.echo")]
fn nc_echo(s: &str) -> String;
// The same target and signature: the two share one `__slotwire_k*` global (a dispatcher).
#[js_import("ncTest.echo")]
fn nc_echo_twin(s: &str) -> String;
#[js_import("ncTest.sum")]
fn nc_sum(v: &[f64]) -> f64;
#[js_import("ncTest.fill")]
fn nc_fill(v: &mut [u8], x: u8);
#[js_import("ncTest.spanAfter")]
fn nc_span_after() -> String;
#[js_import("ncTest.tag")]
fn nc_tag(o: &JsObject) -> Result<String, JsError>;
#[js_import("ncTest.give")]
fn nc_give(kind: u32, n: u32) -> Result<String, JsError>;
#[js_import("ncTest.give")]
fn nc_give_obj(kind: u32, n: u32) -> Result<JsObject, JsError>;
#[js_import("ncTest.give")]
fn nc_give_bool(kind: u32, n: u32) -> Result<bool, JsError>;
#[js_import("ncTest.give")]
fn nc_give_u32(kind: u32, n: u32) -> Result<u32, JsError>;
#[js_import("ncTest.give")]
fn nc_give_char(kind: u32, n: u32) -> Result<char, JsError>;
#[js_import("ncTest.give")]
fn nc_give_f64(kind: u32, n: u32) -> Result<f64, JsError>;
#[js_import("ncTest.callSelf")]
fn nc_call_self(x: u32) -> String;
#[js_import("ncTest.callGone")]
fn nc_call_gone(x: i32) -> String;

#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
#[repr(C)]
struct NcInner {
    v: i32,
}

#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
#[repr(C)]
struct NcRec {
    x: f64,
    id: u32,
    inner: NcInner,
    k: i16,
    pad: [u8; 6],
}

#[js_import("ncTest.records")]
fn nc_records(v: &[NcRec]) -> Result<String, JsError>;
#[js_import("ncTest.recordsAfter")]
fn nc_records_after() -> String;

// ---- Slot-path imports (imports.js makeInvoker's fallback) ----

#[js_import("ncTest.give")]
fn nc_give_opt(kind: u32, n: u32) -> Result<Option<String>, JsError>;
#[js_import("ncTest.give")]
fn nc_give_of(kind: u32, n: u32) -> Result<Option<f64>, JsError>;
#[js_import("ncTest.give")]
fn nc_give_vs(kind: u32, n: u32) -> Result<Vec<String>, JsError>;
#[js_import("ncTest.give")]
fn nc_give_vo(kind: u32, n: u32) -> Result<Vec<JsObject>, JsError>;
#[js_import("ncTest.give")]
fn nc_give_vf(kind: u32, n: u32) -> Result<Vec<f64>, JsError>;
#[js_import("ncTest.give")]
fn nc_give_any(kind: u32, n: u32) -> Result<JsAny, JsError>;
#[js_import("ncTest.keep")]
fn nc_keep(i: u32, f: &JsClosure);

// ---- Batched imports (batch.js interpretedDecoder) ----

#[js_import("ncTest.rec", batch)]
fn nc_rec(x: i32, s: &str);
#[js_import("ncTest.recAll", batch)]
fn nc_rec_all(i: i32, u: u32, f: f64, b: bool, c: char, s: &'static str);
#[js_import("ncTest.recView", batch)]
fn nc_rec_view(v: &[f32]);
#[js_import("ncTest.node", batch)]
fn nc_node(tag: &'static str) -> JsObject;
#[js_import("ncTest.append", batch)]
fn nc_append(p: &JsObject, c: &JsObject);
#[js_import("ncTest.batchThrow", batch)]
fn nc_batch_throw(x: i32);
#[js_import("ncTest.batchReenter", batch)]
fn nc_batch_reenter(x: i32);
#[js_import("ncTest.give", batch)]
fn nc_batch_give(kind: u32, n: u32) -> JsObject;
#[js_import(setter = "className", batch)]
fn nc_set_class(o: &JsObject, v: &str);

// ---- Declared accessors (imports.js accessorTarget's closures) ----

#[js_import(getter = "answer")]
fn nc_answer(o: &JsObject) -> Result<f64, JsError>;
#[js_import(getter = "answer")]
fn nc_answer_u32(o: &JsObject) -> Result<u32, JsError>;
#[js_import(setter = "answer")]
fn nc_set_answer(o: &JsObject, v: f64);
#[js_import(method = "greet")]
fn nc_greet(o: &JsObject, who: &str) -> Result<String, JsError>;
#[js_import(getter = "name")]
fn nc_name(o: &JsObject) -> Result<String, JsError>;
#[js_import(getter = "items")]
fn nc_items(o: &JsObject) -> Result<Vec<String>, JsError>;
#[js_import(method = "missing")]
fn nc_missing(o: &JsObject) -> Result<u32, JsError>;

// ---- Exports (exports.js makeExport / fast.js makeFastExport fallbacks) ----

/// Typed path: UTF-8 length * 1000 + n.
#[js_export]
fn nc_exp_echo(s: &str, n: u32) -> u32 {
    s.len() as u32 * 1000 + n
}

/// Slot path (a String result).
#[js_export]
fn nc_exp_big(n: u32) -> String {
    "b".repeat(n as usize)
}

#[js_export]
fn nc_exp_join(v: Vec<String>, sep: Option<String>) -> String {
    v.join(sep.as_deref().unwrap_or("+"))
}

#[js_export]
fn nc_exp_u32(x: u32) -> u32 {
    x.wrapping_mul(2)
}

#[js_export]
fn nc_exp_char(c: char) -> char {
    char::from_u32(c as u32 + 1).unwrap_or('?')
}

#[js_export]
fn nc_exp_bool(b: bool) -> bool {
    !b
}

#[js_export]
fn nc_exp_f32(x: f32) -> f32 {
    x * 2.0
}

#[js_export]
fn nc_exp_fail(x: u32) -> Result<u32, String> {
    Err(format!("failed with {x}"))
}

#[js_export]
fn nc_exp_obj(o: JsObject) -> JsObject {
    o
}

/// Re-enters a typed import.
#[js_export]
fn nc_exp_tag(o: JsObject) -> Result<String, JsError> {
    nc_tag(&o)
}

/// Queues a call and returns (its return flushes it).
#[js_export]
fn nc_exp_queue(x: i32) -> i32 {
    nc_rec_queued(x, "from export");
    x
}

thread_local! {
    static REGISTERED: Cell<bool> = const { Cell::new(false) };
}

/// Traps `Function` (again), attaches the runtime (first time: after the trap), installs
/// `ncTest`, registers the run-time exports once.
fn setup() -> Result<(), String> {
    install_trap();
    let r = rt();
    set_runtime(&r);
    let _ = batch::flush();
    if !REGISTERED.with(Cell::get) {
        REGISTERED.with(|c| c.set(true));
        let reg = |r: slotwire::Result<()>| r.map_err(|e| format!("register_export: {e}"));
        reg(register_export("nc.rt.add", |a: i32, b: i32| a + b))?;
        reg(register_export("nc.rt.u32", |x: u32| x))?;
        reg(register_export("nc.rt.char", |c: char| {
            char::from_u32(c as u32 + 1).unwrap_or('?')
        }))?;
        reg(register_export("nc.rt.bool", |b: bool| !b))?;
        reg(register_export("nc.rt.f64", |x: f64| x * 2.0))?;
        reg(register_export("nc.rt.greet", |s: String, n: u32| {
            s.repeat(n as usize)
        }))?;
        reg(register_export("nc.rt.tag", |o: JsObject| {
            nc_tag(&o).unwrap_or_else(|e| format!("err {}: {}", e.name, e.message))
        }))?;
        // Functions (`register_export_fn`): their entries take no handle.
        reg(register_export_fn("nc.fn.add", |a: i32, b: i32| {
            a.wrapping_add(b)
        }))?;
        reg(register_export_fn("nc.fn.u32", |x: u32| x))?;
        reg(register_export_fn("nc.fn.f64", |x: f64, y: f64| x * y))?;
        reg(register_export_fn("nc.fn.gone", |x: i32| x))?;
        reg(register_export("nc.rt.self", |x: u32| -> u32 {
            if x == 0 {
                return 0;
            }
            // Re-enters itself through JS: refused while it runs.
            let r = nc_call_self(x - 1);
            if r.starts_with("err:") && r.contains("already running") {
                100
            } else {
                999
            }
        }))?;
    }
    nc_log();
    Ok(())
}

/// What is wrong with the code-generation state: the trap must be in place, `new Function` must
/// throw, the runtime must have tried it (and given up), and every function JS can see must be
/// a fallback.
fn fallback_check(f: &mut Vec<String>) {
    if !nc_trap_installed() {
        f.push("the Function trap is not installed".into());
    }
    if !nc_function_throws() {
        f.push("new Function does not throw an EvalError".into());
    }
    if nc_attempts() == 0 {
        f.push("the runtime never tried new Function: the test proves nothing".into());
    }
    let g = nc_generated();
    if !g.contains("\"bad\":[]") {
        f.push(format!("generated functions in use: {g}"));
    }
    if g.contains("\"globals\":0,") {
        f.push(format!("no __slotwire_k global seen: {g}"));
    }
}

fn heap_check(f: &mut Vec<String>, label: &str) {
    let s = nc_heap_state();
    for want in [
        "\"atBase\":true",
        "\"depth\":0",
        "\"inResult\":false",
        "\"overflow\":0",
        "\"results\":0",
        "\"spans\":0",
    ] {
        if !s.contains(want) {
            f.push(format!("{label}: heap state {s} lacks {want}"));
        }
    }
}

type Base = (usize, usize, f64, f64);

fn census_base() -> Base {
    let c = census();
    (
        c.js_objects,
        c.closures,
        js_census("jsObjects"),
        js_census("closures"),
    )
}

fn census_check(f: &mut Vec<String>, label: &str, base: Base) {
    let now = census_base();
    if now != base {
        f.push(format!(
            "{label}: census (rust jsObjects, rust closures, js jsObjects, js closures) {now:?}, was {base:?}"
        ));
    }
}

fn poison_check(f: &mut Vec<String>, label: &str) {
    let p = js_sys::Reflect::get(&rt(), &"poisoned".into()).unwrap_or(JsValue::NULL);
    if !p.is_null() {
        f.push(format!("{label}: the instance is poisoned: {p:?}"));
    }
}

fn finish(mut f: Vec<String>, label: &str, coerced: u32) -> Result<(), String> {
    if nc_coerced() != coerced {
        f.push(format!(
            "{label}: {} coercion hook(s) of hostile values ran",
            nc_coerced() - coerced
        ));
    }
    poison_check(&mut f, label);
    fallback_check(&mut f);
    if f.is_empty() {
        Ok(())
    } else {
        Err(format!("{} failure(s):\n{}", f.len(), f.join("\n")))
    }
}

/// `r` is an Err whose name is one of `names` and whose message contains each of `parts`.
fn expect_err<T: std::fmt::Debug>(
    f: &mut Vec<String>,
    label: &str,
    r: Result<T, JsError>,
    names: &[&str],
    parts: &[&str],
) {
    match r {
        Ok(v) => f.push(format!("{label}: Ok({v:?}), want an error {names:?}")),
        Err(e) => {
            if !names.contains(&e.name.as_str()) || parts.iter().any(|p| !e.message.contains(p)) {
                f.push(format!(
                    "{label}: {}: {}, want {names:?} containing {parts:?}",
                    e.name, e.message
                ));
            }
        }
    }
}

fn expect_eq<T: PartialEq + std::fmt::Debug>(f: &mut Vec<String>, label: &str, got: T, want: T) {
    if got != want {
        f.push(format!("{label}: got {got:?}, want {want:?}"));
    }
}

fn expect_ok<T: PartialEq + std::fmt::Debug>(
    f: &mut Vec<String>,
    label: &str,
    got: Result<T, JsError>,
    want: T,
) {
    match got {
        Ok(v) if v == want => {}
        other => f.push(format!("{label}: got {other:?}, want Ok({want:?})")),
    }
}

/// Calls `call` 220 times: the memory may grow in the first 20, not in the 200 after.
fn no_growth(f: &mut Vec<String>, label: &str, mut call: impl FnMut() -> Result<(), String>) {
    let mut before = 0;
    for i in 0..220 {
        if let Err(e) = call() {
            f.push(format!("{label}: call {i}: {e}"));
            return;
        }
        if i == 19 {
            before = core::arch::wasm32::memory_size(0);
        }
    }
    let after = core::arch::wasm32::memory_size(0);
    if after != before {
        f.push(format!(
            "{label}: memory grew from {before} to {after} pages over 200 more calls (a leak)"
        ));
    }
}

#[wasm_bindgen_test]
fn nc_a_the_trap_is_in_place_before_the_runtime_attaches() -> Result<(), String> {
    setup()?;
    let mut f = Vec::new();
    // Bind one of each kind, so the check below sees them.
    expect_eq(&mut f, "echo", nc_echo("x"), "x".to_string());
    expect_eq(&mut f, "echo twin", nc_echo_twin("y"), "y".to_string());
    nc_rec_queued(1, "a");
    if let Err(e) = batch::flush() {
        f.push(format!("flush: {e}"));
    }
    expect_eq(&mut f, "log", nc_log(), r#"["1:a"]"#.to_string());
    let g = nc_generated();
    if !g.contains("\"exports\":") || g.contains("\"exports\":0") {
        f.push(format!("rt.exports is empty: {g}"));
    }
    finish(f, "trap", nc_coerced())
}

#[wasm_bindgen_test]
fn nc_b_typed_imports_values_hostile_results_throws_growth_reentry() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let t0 = nc_trapped();
    let base = census_base();
    let mut f = Vec::new();
    expect_eq(
        &mut f,
        "add",
        nc_add(-5, 4_000_000_000, 0.5, 1.25),
        3_999_999_996.75,
    );
    expect_eq(&mut f, "small", nc_small(-128, 65535), -128 * 1000 + 65535);
    expect_eq(&mut f, "not", nc_not(true), false);
    expect_eq(&mut f, "not f", nc_not(false), true);
    expect_eq(&mut f, "char", nc_next_char('😀'), '😁');
    expect_eq(&mut f, "char é", nc_next_char('é'), 'ê');
    expect_err(
        &mut f,
        "char past max",
        nc_next_char_r('\u{10FFFF}'),
        &["RangeError"],
        &[],
    );
    expect_eq(&mut f, "strLen", nc_str_len("héllo 😀"), 8);
    expect_eq(
        &mut f,
        "strLen log",
        nc_log(),
        r#"["héllo 😀"]"#.to_string(),
    );
    for s in [
        String::new(),
        "a".repeat(64),
        "a".repeat(65),
        "é".into(),
        "x😀é".repeat(40_000),
        "\0\u{FEFF}".into(),
    ] {
        let got = nc_echo(&s);
        if got != s {
            f.push(format!(
                "echo of {} bytes came back as {} bytes",
                s.len(),
                got.len()
            ));
        }
    }
    expect_ok(&mut f, "give a", nc_give(0, 10), "a".repeat(10));
    expect_ok(&mut f, "give é𝄞", nc_give(1, 3), "é𝄞".repeat(3));
    expect_ok(
        &mut f,
        "give lone surrogate",
        nc_give(7, 0),
        "héllo \u{FFFD} wörld".to_string(),
    );
    // Hostile String results: all refused by name, no hook run, no proxy trap run.
    for k in (10..=25u32).filter(|&k| k != 23) {
        expect_err(
            &mut f,
            &format!("String result kind {k}"),
            nc_give(k, 0),
            &["TypeError"],
            &["ncTest.give", "result"],
        );
    }
    for k in [0u32, 14, 15, 16, 17, 20, 21, 22, 23] {
        expect_err(
            &mut f,
            &format!("JsObject result kind {k}"),
            nc_give_obj(k, 0).map(|_| ()),
            &["TypeError"],
            &["ncTest.give", "result"],
        );
    }
    for k in [2u32, 10, 11, 12, 13, 18, 19, 24, 25] {
        if let Err(e) = nc_give_obj(k, 5) {
            f.push(format!(
                "JsObject result kind {k}: {}: {}",
                e.name, e.message
            ));
        }
    }
    match nc_give_obj(2, 5) {
        Ok(o) => expect_ok(&mut f, "tag of a result", nc_tag(&o), "obj5".to_string()),
        Err(e) => f.push(format!("obj: {e}")),
    }
    expect_ok(&mut f, "bool", nc_give_bool(3, 0), true);
    for k in [20u32, 16, 11, 23, 6] {
        expect_err(
            &mut f,
            &format!("bool result kind {k}"),
            nc_give_bool(k, 0),
            &["TypeError"],
            &["ncTest.give", "result"],
        );
    }
    expect_ok(&mut f, "u32", nc_give_u32(4, 0), 4_000_000_000);
    for (k, name) in [
        (20u32, "RangeError"),
        (21, "RangeError"),
        (22, "RangeError"),
        (23, "TypeError"),
        (15, "TypeError"),
        (11, "TypeError"),
        (12, "TypeError"),
    ] {
        expect_err(
            &mut f,
            &format!("u32 result kind {k}"),
            nc_give_u32(k, 0),
            &[name],
            &["ncTest.give", "result"],
        );
    }
    expect_ok(&mut f, "char result", nc_give_char(5, 0), '😀');
    for k in [0u32, 11, 16] {
        expect_err(
            &mut f,
            &format!("char result kind {k}"),
            nc_give_char(k, 2),
            &["TypeError", "RangeError"],
            &["ncTest.give", "result"],
        );
    }
    expect_ok(&mut f, "f64", nc_give_f64(6, 0), 2.5);
    match nc_give_f64(22, 0) {
        Ok(v) if v.is_nan() => {}
        other => f.push(format!("f64 NaN: {other:?}")),
    }
    expect_err(
        &mut f,
        "f64 of a bigint",
        nc_give_f64(15, 0),
        &["TypeError"],
        &["result"],
    );
    if nc_trapped() != t0 {
        f.push(format!(
            "{} proxy trap(s) ran while typed results were checked",
            nc_trapped() - t0
        ));
    }
    // Throws.
    expect_err(
        &mut f,
        "throw",
        nc_give(30, 9),
        &["RangeError"],
        &["boom 9"],
    );
    expect_err(
        &mut f,
        "throw obj",
        nc_give_obj(30, 8).map(|_| ()),
        &["RangeError"],
        &["boom 8"],
    );
    expect_err(
        &mut f,
        "throw u32",
        nc_give_u32(30, 7),
        &["RangeError"],
        &["boom 7"],
    );
    for k in [33u32, 34, 35, 36] {
        if nc_give(k, 0).is_ok() {
            f.push(format!("kind {k} threw but the import returned Ok"));
        }
    }
    // Growth and re-entry inside the call.
    expect_ok(&mut f, "grow", nc_give(31, 1000), "growné".repeat(1000));
    expect_ok(
        &mut f,
        "reenter",
        nc_give(32, 5),
        format!("re10005:{}", "z".repeat(5)),
    );
    // The instance still works.
    expect_eq(&mut f, "after", nc_echo("after"), "after".to_string());
    census_check(&mut f, "typed", base);
    heap_check(&mut f, "typed");
    finish(f, "typed", c0)
}

#[wasm_bindgen_test]
fn nc_c_spans_follow_growth_and_die_with_the_call() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let mut f = Vec::new();
    expect_eq(&mut f, "sum", nc_sum(&[1.0, 2.0, 3.5]), 13.0);
    expect_eq(&mut f, "sum empty", nc_sum(&[]), 0.0);
    let big: Vec<f64> = (0..1_000_000).map(|i| (i % 7) as f64).collect();
    let want: f64 = big.iter().sum::<f64>() * 2.0;
    expect_eq(&mut f, "sum big", nc_sum(&big), want);
    let mut buf = [0u8; 8];
    nc_fill(&mut buf[..5], 10);
    expect_eq(&mut f, "fill", buf, [10, 11, 12, 13, 14, 0, 0, 0]);
    let after = nc_span_after();
    let parts: Vec<&str> = after.split('|').collect();
    if parts.len() != 3 || !parts[0].starts_with("err:") || !parts[1].starts_with("err:") {
        f.push(format!(
            "spans kept past their call are still usable: {after}"
        ));
    }
    heap_check(&mut f, "spans");
    finish(f, "spans", c0)
}

#[wasm_bindgen_test]
fn nc_d_slot_path_imports_of_every_result_kind() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let base = census_base();
    let mut f = Vec::new();
    expect_ok(&mut f, "opt", nc_give_opt(0, 3), Some("aaa".to_string()));
    expect_ok(&mut f, "opt null", nc_give_opt(16, 0), None);
    expect_ok(&mut f, "opt undefined", nc_give_opt(17, 0), None);
    for k in [10u32, 11, 12, 13, 14, 15, 19] {
        expect_err(
            &mut f,
            &format!("Option<String> kind {k}"),
            nc_give_opt(k, 0),
            &["TypeError"],
            &["ncTest.give"],
        );
    }
    expect_ok(&mut f, "opt f64", nc_give_of(6, 0), Some(2.5));
    expect_ok(&mut f, "opt f64 null", nc_give_of(16, 0), None);
    expect_err(
        &mut f,
        "opt f64 '12'",
        nc_give_of(23, 0),
        &["TypeError"],
        &["ncTest.give"],
    );
    expect_ok(
        &mut f,
        "vec string",
        nc_give_vs(40, 0),
        vec!["one".to_string(), "twö".into(), "thr𝄞e".into()],
    );
    match nc_give_vs(41, 5) {
        Ok(v) if v.len() == 5 && v[4] == format!("{}4", "x".repeat(1000)) => {}
        other => f.push(format!("vec 41: {:?}", other.map(|v| v.len()))),
    }
    expect_err(
        &mut f,
        "vec hooks elem",
        nc_give_vs(44, 0),
        &["TypeError"],
        &["[1]"],
    );
    expect_err(
        &mut f,
        "vec proxy",
        nc_give_vs(45, 0),
        &["Error", "TypeError"],
        &[],
    );
    match nc_give_vs(46, 0) {
        Ok(v) if v == ["a", "b"] => {}
        Err(e) if e.name == "TypeError" => {}
        other => f.push(format!("array-like: {other:?}")),
    }
    expect_err(
        &mut f,
        "vec of a string",
        nc_give_vs(0, 3),
        &["TypeError"],
        &["ncTest.give"],
    );
    expect_err(
        &mut f,
        "vec throw",
        nc_give_vs(30, 4),
        &["RangeError"],
        &["boom 4"],
    );
    // Nested results: element getters that grow memory and make big String results.
    expect_ok(
        &mut f,
        "vec nested",
        nc_give_vs(43, 70_000),
        vec!["0:70000".to_string(), "1:70000".into(), "2:70000".into()],
    );
    match nc_give_vo(42, 4) {
        Ok(v) => {
            let tags: Vec<_> = v.iter().map(|o| nc_tag(o).unwrap_or_default()).collect();
            expect_eq(
                &mut f,
                "vec obj",
                tags,
                ["n0", "n1", "n2", "n3"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            );
        }
        Err(e) => f.push(format!("vec obj: {e}")),
    }
    match nc_give_vo(49, 10) {
        Ok(v) => {
            let tags: Vec<_> = v.iter().map(|o| nc_tag(o).unwrap_or_default()).collect();
            expect_eq(
                &mut f,
                "vec obj growing",
                tags,
                vec!["p".to_string(), "late".into()],
            );
        }
        Err(e) => f.push(format!("vec obj growing: {e}")),
    }
    expect_err(
        &mut f,
        "vec obj of strings",
        nc_give_vo(19, 0).map(|v| v.len()),
        &["TypeError"],
        &["[0]"],
    );
    expect_err(
        &mut f,
        "vec obj mixed",
        nc_give_vo(44, 0).map(|v| v.len()),
        &["TypeError"],
        &[],
    );
    match nc_give_vf(47, 0) {
        Ok(v)
            if v.len() == 4
                && v[0] == 1.5
                && v[1].to_bits() == (-0.0f64).to_bits()
                && v[2] == 1e300
                && v[3].is_nan() => {}
        other => f.push(format!("vec f64: {other:?}")),
    }
    expect_err(
        &mut f,
        "vec f64 of strings",
        nc_give_vf(40, 0),
        &["TypeError"],
        &["ncTest.give"],
    );
    // JsAny.
    match nc_give_any(48, 0) {
        Ok(a) if a.type_of() == "object" && a.as_object().is_some() => {}
        other => f.push(format!("any object: {:?}", other.map(|a| a.type_of()))),
    }
    match nc_give_any(40, 0) {
        Ok(a) => match a.as_array() {
            Some(v) if v.len() == 3 && v[2].as_str() == Some("thr𝄞e") => {}
            _ => f.push(format!("any array: {a:?}")),
        },
        Err(e) => f.push(format!("any array: {e}")),
    }
    match nc_give_any(7, 0) {
        Ok(a) if a.as_str() == Some("héllo \u{FFFD} wörld") => {}
        other => f.push(format!("any string: {other:?}")),
    }
    match nc_give_any(3, 0) {
        Ok(a) if a.as_bool() == Some(true) => {}
        other => f.push(format!("any bool: {other:?}")),
    }
    match nc_give_any(16, 0) {
        Ok(a) if a.is_null() => {}
        other => f.push(format!("any null: {other:?}")),
    }
    match nc_give_any(17, 0) {
        Ok(a) if a.is_undefined() => {}
        other => f.push(format!("any undefined: {other:?}")),
    }
    // Hostile JsAny values: a value or an error, never a poisoned instance.
    for k in [11u32, 12, 13, 14, 15, 18, 24, 45] {
        let _ = nc_give_any(k, 0);
        poison_check(&mut f, &format!("JsAny kind {k}"));
    }
    expect_err(
        &mut f,
        "any throw",
        nc_give_any(30, 2),
        &["RangeError"],
        &["boom 2"],
    );
    census_check(&mut f, "slot", base);
    heap_check(&mut f, "slot");
    finish(f, "slot", c0)
}

#[wasm_bindgen_test]
fn nc_e_typed_binding_and_binding() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let base = census_base();
    let mut f = Vec::new();
    let e = |r: slotwire::Error| JsError::new(r.js_name(), r.message());
    {
        let tb = TypedBinding::<(u32, u32), String>::bind("ncTest.give", None)
            .map_err(|x| x.to_string())?;
        expect_ok(&mut f, "tb", tb.call((1, 2)).map_err(e), "é𝄞é𝄞".to_string());
        expect_err(
            &mut f,
            "tb hooks",
            tb.call((11, 0)).map_err(e),
            &["TypeError"],
            &["result"],
        );
        expect_err(
            &mut f,
            "tb throw",
            tb.call((30, 1)).map_err(e),
            &["RangeError"],
            &["boom 1"],
        );
        expect_ok(
            &mut f,
            "tb grow",
            tb.call((31, 2)).map_err(e),
            "growné".repeat(2),
        );
        expect_ok(
            &mut f,
            "tb reenter",
            tb.call((32, 1)).map_err(e),
            "re2001:z".to_string(),
        );
        let tn = TypedBinding::<(i32, u32, f64, f32), f64>::bind("ncTest.add", None)
            .map_err(|x| x.to_string())?;
        expect_ok(
            &mut f,
            "tb add",
            tn.call((-1, 4_000_000_000, 0.5, 0.25)).map_err(e),
            3_999_999_999.75,
        );
        let tc = TypedBinding::<(char,), char>::bind("ncTest.nextChar", None)
            .map_err(|x| x.to_string())?;
        expect_ok(&mut f, "tb char", tc.call(('a',)).map_err(e), 'b');
        expect_err(
            &mut f,
            "tb char max",
            tc.call(('\u{10FFFF}',)).map_err(e),
            &["RangeError"],
            &[],
        );
        let ts =
            TypedBinding::<(&str,), u32>::bind("ncTest.strLen", None).map_err(|x| x.to_string())?;
        expect_ok(&mut f, "tb str", ts.call(("héllo",)).map_err(e), 5);
        nc_log();
        let tv = TypedBinding::<(u32, u32), Vec<String>>::bind("ncTest.give", None)
            .map_err(|x| x.to_string())?;
        expect_ok(
            &mut f,
            "tb vec",
            tv.call((40, 0)).map_err(e),
            vec!["one".to_string(), "twö".into(), "thr𝄞e".into()],
        );
        expect_err(
            &mut f,
            "tb vec hooks",
            tv.call((44, 0)).map_err(e),
            &["TypeError"],
            &["[1]"],
        );
        let to = TypedBinding::<(u32, u32), JsObject>::bind("ncTest.give", None)
            .map_err(|x| x.to_string())?;
        match to.call((2, 9)) {
            Ok(o) => expect_ok(&mut f, "tb obj", nc_tag(&o), "obj9".to_string()),
            Err(x) => f.push(format!("tb obj: {x}")),
        }
        expect_err(
            &mut f,
            "tb obj null",
            to.call((16, 0)).map(|_| ()).map_err(e),
            &["TypeError"],
            &["result"],
        );
        let tsp =
            TypedBinding::<(&[f64],), f64>::bind("ncTest.sum", None).map_err(|x| x.to_string())?;
        expect_ok(
            &mut f,
            "tb span",
            tsp.call((&[1.0, 2.0][..],)).map_err(e),
            6.0,
        );
        // Binding (low level).
        let b = Binding::bind(
            "ncTest.give",
            None,
            &[JsType::U32, JsType::U32],
            JsType::String,
        )
        .map_err(|x| x.to_string())?;
        let call_b = |k: u32, n: u32| -> Result<String, JsError> {
            let mut a = b.args();
            a.set(0, k).map_err(e)?;
            a.set(1, n).map_err(e)?;
            b.invoke(&mut a).map_err(e)?.get::<String>().map_err(e)
        };
        expect_ok(&mut f, "b", call_b(0, 4), "aaaa".to_string());
        expect_err(
            &mut f,
            "b hooks",
            call_b(25, 0),
            &["TypeError"],
            &["result"],
        );
        expect_err(
            &mut f,
            "b throw",
            call_b(30, 3),
            &["RangeError"],
            &["boom 3"],
        );
        expect_ok(&mut f, "b reenter", call_b(32, 2), "re4002:zz".to_string());
        let ba = Binding::bind(
            "ncTest.give",
            None,
            &[JsType::U32, JsType::U32],
            JsType::Any,
        )
        .map_err(|x| x.to_string())?;
        let mut a = ba.args();
        let _ = a.set(0, 40u32);
        let _ = a.set(1, 0u32);
        match ba.invoke(&mut a).and_then(|r| r.get::<JsAny>()) {
            Ok(v) if v.as_array().map(|x| x.len()) == Some(3) => {}
            other => f.push(format!("binding any: {other:?}")),
        }
        let bs = Binding::bind("ncTest.strLen", None, &[JsType::String], JsType::U32)
            .map_err(|x| x.to_string())?;
        let mut a = bs.args();
        let _ = a.set(0, "h😀");
        match bs.invoke(&mut a).and_then(|r| r.get::<u32>()) {
            Ok(3) => {}
            other => f.push(format!("binding str: {other:?}")),
        }
        nc_log();
    }
    census_check(&mut f, "bindings", base);
    heap_check(&mut f, "bindings");
    finish(f, "bindings", c0)
}

#[wasm_bindgen_test]
fn nc_f_exports_and_run_time_exports_called_from_js() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let base = census_base();
    let mut f = Vec::new();
    let r = nc_export_attacks();
    if r != "[]" {
        f.push(format!("export attacks: {r}"));
    }
    nc_log();
    census_check(&mut f, "exports", base);
    heap_check(&mut f, "exports");
    // A run-time function JS kept, unregistered (one closure less): the fallback stops calling
    // its entry.
    if !unregister_export("nc.fn.gone") {
        f.push("nc.fn.gone was not registered".into());
    }
    let r = nc_call_gone(7);
    if !(r.starts_with("err:") && r.contains("dropped")) {
        f.push(format!("nc.fn.gone after unregister_export: {r}"));
    }
    finish(f, "exports", c0)
}

#[wasm_bindgen_test]
fn nc_g_closures_called_from_js() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let base = census_base();
    let mut f = Vec::new();
    {
        let typed = JsClosure::new(|a: i32, b: f64| -> f64 { f64::from(a) + b });
        let slot = JsClosure::new(|s: String, v: Vec<u32>| -> String {
            format!("{s}:{}", v.iter().sum::<u32>())
        });
        let objs = JsClosure::new(|o: JsObject| -> String {
            nc_tag(&o).unwrap_or_else(|e| format!("err {}", e.name))
        });
        let u = JsClosure::new(|x: u32| -> u32 { x });
        nc_keep(0, &typed);
        nc_keep(1, &slot);
        nc_keep(2, &objs);
        nc_keep(3, &u);
        for i in 0..4 {
            if !nc_kept_is_fallback(i) {
                f.push(format!("closure {i}'s JS function is generated code"));
            }
        }
        let args = |v: &[JsValue]| v.iter().collect::<js_sys::Array>();
        expect_eq(
            &mut f,
            "typed",
            nc_call_kept(0, &args(&[1.into(), 2.5.into()])),
            "ok:3.5".into(),
        );
        let r = nc_call_kept(0, &args(&["x".into(), 1.into()]));
        if !r.starts_with("err:TypeError:") || !r.contains("argument 1") {
            f.push(format!("typed bad arg: {r}"));
        }
        let r = nc_call_kept(0, &args(&[1.into()]));
        if !r.starts_with("err:TypeError:") {
            f.push(format!("typed missing arg: {r}"));
        }
        expect_eq(
            &mut f,
            "u32",
            nc_call_kept(3, &args(&[4_000_000_000u32.into()])),
            "ok:4000000000".into(),
        );
        let arr: js_sys::Array = [1u32, 2, 3].iter().map(|&x| JsValue::from(x)).collect();
        expect_eq(
            &mut f,
            "slot",
            nc_call_kept(1, &args(&["é".into(), arr.into()])),
            "ok:é:6".into(),
        );
        let r = nc_call_kept(1, &args(&["é".into(), "no".into()]));
        if !r.starts_with("err:TypeError:") {
            f.push(format!("slot bad arg: {r}"));
        }
        expect_eq(&mut f, "obj", nc_call_kept_with(2, 2, 5), "ok:obj5".into());
        let r = nc_call_kept_with(2, 16, 0);
        if !r.starts_with("err:TypeError:") {
            f.push(format!("obj null: {r}"));
        }
        expect_eq(
            &mut f,
            "obj proxy",
            nc_call_kept_with(2, 12, 0),
            "ok:err Error".into(),
        );
        // Dropped: named errors, the object argument's handle given back.
        drop(objs);
        drop(slot);
        drop(typed);
        let r = nc_call_kept_with(2, 2, 5);
        if !r.starts_with("err:SlotwireError:") || !r.contains("dropped") {
            f.push(format!("dropped obj closure: {r}"));
        }
        let r = nc_call_kept(1, &args(&["a".into(), js_sys::Array::new().into()]));
        if !r.starts_with("err:SlotwireError:") || !r.contains("dropped") {
            f.push(format!("dropped slot closure: {r}"));
        }
        let r = nc_call_kept(0, &args(&[1.into(), 2.into()]));
        if !r.starts_with("err:") || !r.contains("dropped") {
            f.push(format!("dropped typed closure: {r}"));
        }
        drop(u);
    }
    census_check(&mut f, "closures", base);
    heap_check(&mut f, "closures");
    finish(f, "closures", c0)
}

#[wasm_bindgen_test]
fn nc_h_batches_run_interpreted() -> Result<(), String> {
    setup()?;
    // Every batched import bound first: a first call binds, and a bind flushes what was queued
    // before it (it is a crossing); the calls below are queued in whole batches.
    {
        nc_rec_queued(0, "");
        nc_rec_all_queued(0, 0, 0.0, false, 'a', "");
        nc_rec_view_queued(&[]);
        let n = nc_node_queued("warm-up");
        nc_append_queued(&n, &n);
        nc_set_class_queued(&n, "");
        nc_batch_reenter_queued(0);
        nc_batch_throw_queued(0);
        drop(nc_batch_give_queued(0, 0));
        let _ = batch::flush();
        nc_log();
    }
    let c0 = nc_coerced();
    let base = census_base();
    let mut f = Vec::new();
    {
        const TAGS: [&str; 3] = ["li0", "li1", "li2"];
        nc_rec_queued(1, "one");
        nc_rec_all_queued(-5, 4_000_000_000, 1.5, true, 'é', "static");
        nc_rec_view_queued(&[1.0f32, 2.5, -3.0]);
        let ul = nc_node_queued("ul");
        for t in TAGS {
            let li = nc_node_queued(t);
            nc_append_queued(&ul, &li);
        }
        nc_set_class_queued(&ul, "list");
        nc_batch_reenter_queued(3);
        nc_rec_queued(2, "two");
        if let Err(e) = batch::flush() {
            f.push(format!("flush: {e}"));
        }
        expect_eq(
            &mut f,
            "log",
            nc_log(),
            r#"["1:one","-5,4000000000,1.5,true,é,static","1,2.5,-3","ul<li0","ul<li1","ul<li2","re 3","echo 6003","3:from export","queued 3","big 3000","2:two"]"#.to_string(),
        );
        match ul.object() {
            Ok(o) => {
                expect_eq(
                    &mut f,
                    "children",
                    nc_children(&o.to_js_value()),
                    "li0,li1,li2".into(),
                );
                expect_eq(
                    &mut f,
                    "class",
                    nc_class_name(&o.to_js_value()),
                    "list".into(),
                );
            }
            Err(e) => f.push(format!("ul: {e}")),
        }
        let after = nc_span_after();
        if !after
            .split('|')
            .nth(2)
            .is_some_and(|s| s.starts_with("err:"))
        {
            f.push(format!(
                "the batch's span is usable after the batch: {after}"
            ));
        }
        // A throw mid-batch.
        let before = nc_node_queued("before");
        nc_rec_queued(10, "a");
        nc_batch_throw_queued(7);
        nc_rec_queued(11, "never");
        let late = nc_node_queued("late");
        match batch::flush() {
            Ok(()) => f.push("the throwing batch flushed Ok".into()),
            Err(e) => {
                expect_eq(&mut f, "throw index", e.index, 2);
                if !e.binding.contains("ncTest.batchThrow") {
                    f.push(format!("throw binding: {}", e.binding));
                }
                expect_eq(&mut f, "throw name", e.error.name.as_str(), "RangeError");
                if !e.error.message.contains("batched 7") {
                    f.push(format!("throw message: {}", e.error.message));
                }
            }
        }
        expect_eq(
            &mut f,
            "throw log",
            nc_log(),
            r#"["10:a","throw 7"]"#.to_string(),
        );
        if before.object().is_err() {
            f.push("the object made before the throw is lost".into());
        }
        if late.object().is_ok() {
            f.push("the object queued after the throw exists".into());
        }
        // A failed placeholder used later: refused by name.
        let ul_obj = ul.object().ok();
        if let Some(u) = &ul_obj {
            nc_append_queued(u, &late);
            match batch::flush() {
                Ok(()) => f.push("append of a failed placeholder flushed Ok".into()),
                Err(e) => {
                    if !e.error.message.contains("argument 2") {
                        f.push(format!(
                            "failed placeholder: {} {}",
                            e.error.name, e.error.message
                        ));
                    }
                }
            }
        }
        nc_log();
        // Hostile and non-object results of a batched JsObject call.
        for (k, name) in [(16u32, "TypeError"), (14, "TypeError"), (0, "TypeError")] {
            nc_rec_queued(20, "x");
            let b = nc_batch_give_queued(k, 0);
            nc_rec_queued(21, "y");
            match batch::flush() {
                Ok(()) => f.push(format!("batched result kind {k} flushed Ok")),
                Err(e) => {
                    if e.index != 1 || e.error.name != name || !e.error.message.contains("result") {
                        f.push(format!(
                            "batched result kind {k}: #{} {} {}",
                            e.index, e.error.name, e.error.message
                        ));
                    }
                }
            }
            if b.object().is_ok() {
                f.push(format!("batched result kind {k}: an object"));
            }
            expect_eq(&mut f, "hostile log", nc_log(), r#"["20:x"]"#.to_string());
        }
        // Objects (hostile ones too) as results, used later in the batch.
        let p = nc_batch_give_queued(12, 0);
        let n = nc_node_queued("n");
        let q = nc_batch_give_queued(11, 0);
        nc_append_queued(&n, &q);
        if let Err(e) = batch::flush() {
            f.push(format!("hostile objects batch: {e}"));
        }
        drop(p);
        drop(q);
        drop(n);
        nc_log();
        drop(ul_obj);
        drop(before);
        drop(late);
        drop(ul);
    }
    census_check(&mut f, "batch", base);
    heap_check(&mut f, "batch");
    finish(f, "batch", c0)
}

#[wasm_bindgen_test]
fn nc_i_declared_accessors() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let base = census_base();
    let mut f = Vec::new();
    let e = |r: slotwire::Error| JsError::new(r.js_name(), r.message());
    {
        let obj = nc_give_obj(50, 0).map_err(|x| x.to_string())?;
        expect_ok(&mut f, "get", nc_answer(&obj), 42.0);
        nc_set_answer(&obj, 7.5);
        expect_ok(&mut f, "get again", nc_answer(&obj), 7.5);
        expect_err(
            &mut f,
            "get as u32",
            nc_answer_u32(&obj),
            &["RangeError"],
            &["result"],
        );
        nc_set_answer(&obj, 42.0);
        expect_ok(
            &mut f,
            "method",
            nc_greet(&obj, "Ford"),
            "hi Ford from obj".to_string(),
        );
        expect_ok(
            &mut f,
            "growing getter",
            nc_name(&obj),
            "näme-3000".to_string(),
        );
        expect_ok(
            &mut f,
            "slot getter",
            nc_items(&obj),
            vec!["i0".to_string(), "i1é".into()],
        );
        expect_err(
            &mut f,
            "missing method",
            nc_missing(&obj),
            &["TypeError"],
            &[],
        );
        let re = nc_give_obj(51, 0).map_err(|x| x.to_string())?;
        expect_ok(&mut f, "reentrant getter", nc_answer_u32(&re), 10007);
        let proxy = nc_give_obj(12, 0).map_err(|x| x.to_string())?;
        expect_err(
            &mut f,
            "proxy getter",
            nc_answer(&proxy),
            &["Error"],
            &["trap get"],
        );
        let revoked = nc_give_obj(13, 0).map_err(|x| x.to_string())?;
        expect_err(
            &mut f,
            "revoked getter",
            nc_answer(&revoked),
            &["TypeError"],
            &[],
        );

        // The same at run time.
        let g = TypedBinding::<(&JsObject,), f64>::getter("answer").map_err(|x| x.to_string())?;
        expect_ok(&mut f, "tb getter", g.call((&obj,)).map_err(e), 42.0);
        let s =
            TypedBinding::<(&JsObject, f64), ()>::setter("answer").map_err(|x| x.to_string())?;
        expect_ok(&mut f, "tb setter", s.call((&obj, 1.5)).map_err(e), ());
        expect_ok(&mut f, "tb getter again", g.call((&obj,)).map_err(e), 1.5);
        let _ = s.call((&obj, 42.0));
        expect_err(
            &mut f,
            "tb revoked setter",
            s.call((&revoked, 1.0)).map_err(e),
            &["TypeError"],
            &[],
        );
        let m = TypedBinding::<(&JsObject, &str), String>::method("greet")
            .map_err(|x| x.to_string())?;
        expect_ok(
            &mut f,
            "tb method",
            m.call((&obj, "é")).map_err(e),
            "hi é from obj".to_string(),
        );
        let gs = TypedBinding::<(&JsObject,), Vec<String>>::getter("items")
            .map_err(|x| x.to_string())?;
        expect_ok(
            &mut f,
            "tb slot getter",
            gs.call((&obj,)).map_err(e),
            vec!["i0".to_string(), "i1é".into()],
        );
        expect_err(
            &mut f,
            "tb proxy getter",
            g.call((&proxy,)).map_err(e),
            &["Error"],
            &["trap get"],
        );
    }
    census_check(&mut f, "accessors", base);
    heap_check(&mut f, "accessors");
    finish(f, "accessors", c0)
}

#[wasm_bindgen_test]
fn nc_j_no_leak_through_any_fallback() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let base = census_base();
    let mut f = Vec::new();
    let big = "é😀x".repeat(50_000);
    let chk = |ok: bool, what: &str| if ok { Ok(()) } else { Err(what.to_string()) };
    no_growth(&mut f, "typed String result", || {
        chk(
            nc_give(1, 50_000).map(|s| s.len()) == Ok(300_000),
            "wrong result",
        )
    });
    no_growth(&mut f, "typed String echo", || {
        chk(nc_echo(&big) == big, "wrong echo")
    });
    no_growth(&mut f, "typed &str arg", || {
        chk(nc_str_len(&big) == 200_000, "wrong len")
    });
    nc_log();
    no_growth(&mut f, "typed throw", || {
        chk(nc_give(30, 1).is_err(), "no error")
    });
    no_growth(&mut f, "typed hostile result", || {
        chk(nc_give(11, 1).is_err(), "no error")
    });
    no_growth(&mut f, "typed object result", || {
        chk(nc_give_obj(2, 1).is_ok(), "no object")
    });
    no_growth(&mut f, "slot Option<String>", || {
        chk(
            nc_give_opt(1, 50_000).map(|s| s.map(|s| s.len())) == Ok(Some(300_000)),
            "wrong",
        )
    });
    no_growth(&mut f, "slot Vec<String>", || {
        chk(nc_give_vs(41, 300).map(|v| v.len()) == Ok(300), "wrong")
    });
    no_growth(&mut f, "slot nested results", || {
        chk(
            nc_give_vs(38, 100_000) == Ok(vec!["0:100000".into(), "1:100000".into()]),
            "wrong",
        )
    });
    no_growth(&mut f, "slot throw", || {
        chk(nc_give_vs(30, 1).is_err(), "no error")
    });
    no_growth(&mut f, "slot JsAny", || {
        chk(
            nc_give_any(41, 100).map(|a| a.as_array().map(|v| v.len())) == Ok(Some(100)),
            "wrong",
        )
    });
    no_growth(&mut f, "slot Vec<JsObject>", || {
        chk(nc_give_vo(42, 50).map(|v| v.len()) == Ok(50), "wrong")
    });
    if let Ok(tb) = TypedBinding::<(u32, u32), String>::bind("ncTest.give", None) {
        no_growth(&mut f, "TypedBinding String", || {
            chk(
                tb.call((1, 50_000)).map(|s| s.len()).ok() == Some(300_000),
                "wrong",
            )
        });
    }
    if let Ok(b) = Binding::bind(
        "ncTest.give",
        None,
        &[JsType::U32, JsType::U32],
        JsType::String,
    ) {
        no_growth(&mut f, "Binding String", || {
            let mut a = b.args();
            a.set(0, 1u32).map_err(|e| e.to_string())?;
            a.set(1, 50_000u32).map_err(|e| e.to_string())?;
            let s: String = b
                .invoke(&mut a)
                .and_then(|r| r.get())
                .map_err(|e| e.to_string())?;
            chk(s.len() == 300_000, "wrong")
        });
    }
    no_growth(&mut f, "batch", || {
        for i in 0..20 {
            nc_rec_queued(i, &big[..2996]);
        }
        nc_rec_view_queued(&[1.0; 1000]);
        batch::flush().map_err(|e| e.to_string())?;
        nc_log();
        Ok(())
    });
    for which in ["echo", "big", "join", "greet", "add"] {
        let r = nc_export_leak(which);
        let v: Vec<&str> = r
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .collect();
        if v.len() != 2 || v[0] != v[1] {
            f.push(format!(
                "export {which} from JS: memory bytes after 20 and 220 calls: {r}"
            ));
        }
    }
    nc_log();
    census_check(&mut f, "leaks", base);
    heap_check(&mut f, "leaks");
    // Unregistering a run-time export made without code generation.
    let _ = register_export("nc.tmp", |x: i32| x + 1);
    if !unregister_export("nc.tmp") {
        f.push("unregister_export(nc.tmp) found nothing".into());
    }
    finish(f, "leaks", c0)
}

#[wasm_bindgen_test]
fn nc_k_record_views_without_generated_accessors() -> Result<(), String> {
    setup()?;
    let c0 = nc_coerced();
    let mut f = Vec::new();
    let rec = |x: f64, id: u32, v: i32, k: i16| NcRec {
        x,
        id,
        inner: NcInner { v },
        k,
        pad: [0; 6],
    };
    let rs = [
        rec(0.5, 1, -1, 3),
        rec(2.5, 4_000_000_000, -2_000_000_000, -7),
    ];
    match nc_records(&rs) {
        Ok(s) => {
            let want = r#"{"a":[2.5,4000000000,-7,-2000000000],"b":[2.5,4000000000,-7,-2000000000,0.5,2],"n":2,"json":[{"x":0.5,"id":1,"inner":{"v":-1},"k":3,"pad":[0,0,0,0,0,0]},{"x":2.5,"id":4000000000,"inner":{"v":-2000000000},"k":-7,"pad":[0,0,0,0,0,0]}]}"#;
            expect_eq(&mut f, "records", s.as_str(), want);
        }
        Err(e) => f.push(format!("records: {}: {}", e.name, e.message)),
    }
    let after = nc_records_after();
    let parts: Vec<&str> = after.split('|').collect();
    if parts.len() != 2
        || parts
            .iter()
            .any(|p| !p.starts_with("err:") || !p.contains("disposed"))
    {
        f.push(format!("record views kept past their call: {after}"));
    }
    heap_check(&mut f, "records");
    finish(f, "records", c0)
}

//! Adversarial tests of functions (`register_export_fn`, `JsClosure::from_fn`) and their `&str`
//! parameters, in Node and headless Chromium: hostile JS arguments (objects whose
//! valueOf/toString/getters must not run, Symbols, BigInts, wrong arity), strings of every
//! shape (empty, lone surrogates, several larger than the frame area in one call), a function
//! that calls back into JS which grows memory, re-enters it with other strings, unregisters,
//! replaces or drops it, or throws (its own `&str` must still read its own bytes afterwards),
//! functions handed to JS through an import (identity, called after the drop), strings
//! encoded while an import's result is being written, and frame/memory/census leaks.
//! The JS half is tests/js/sound_functions.js.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};

use slotwire::prelude::*;
use slotwire::{census, JsClosure, JsError};
use slotwire_e2e::{js_census, js_message, rt};
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/sound_functions.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerSoundFunctions)]
    fn register_js(rt: &JsValue);
    #[wasm_bindgen(js_name = runSoundFunctionsCheck, catch)]
    fn run_check_js(rt: &JsValue, name: &str) -> Result<(), JsValue>;
    /// `rt.functions.size` (the live flags JS keeps per function).
    #[wasm_bindgen(js_name = sfLiveFunctions)]
    fn js_live_functions(rt: &JsValue) -> u32;
}

thread_local! {
    /// How many times a counting function ran (read by JS through `sf_runs`).
    static RUNS: Cell<u32> = const { Cell::new(0) };
    static KEPT: RefCell<Vec<JsClosure>> = const { RefCell::new(Vec::new()) };
}

#[js_import("hook", module = "sf")]
fn sf_hook(step: u32) -> Result<i32, JsError>;

#[js_import("keepFn", module = "sf")]
fn sf_keep_fn(f: &JsClosure);

#[js_import("strings", module = "sf")]
fn sf_strings(kind: u32) -> Result<Vec<String>, JsError>;

/// FNV-1a (32 bits) of the parts' UTF-8, a 0xff byte (never in UTF-8) between parts; as JS's
/// `fnv` in sound_functions.js computes it from TextEncoder's output.
fn fnv(parts: &[&str]) -> f64 {
    let mut h: u32 = 0x811c_9dc5;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0xff;
            h = h.wrapping_mul(0x0100_0193);
        }
        for &b in p.as_bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    f64::from(h)
}

fn bump() {
    RUNS.with(|r| r.set(r.get() + 1));
}

fn f_hash(s: &str) -> f64 {
    bump();
    fnv(&[s])
}

fn f_hash3(a: &str, b: &str, c: &str) -> f64 {
    bump();
    fnv(&[a, b, c])
}

fn f_weigh(a: i32, s: &str, b: f64) -> f64 {
    bump();
    f64::from(a) * s.len() as f64 + b
}

fn f_nsn(a: u32, s: &str, c: char) -> u32 {
    bump();
    a.wrapping_add(s.len() as u32).wrapping_add(c as u32)
}

fn f_ends(s: &str, last: bool) -> char {
    bump();
    let c = if last {
        s.chars().last()
    } else {
        s.chars().next()
    };
    c.unwrap_or('-')
}

fn f_lens(a: &str, b: &str, c: &str) -> u32 {
    bump();
    (a.len() + b.len() + c.len()) as u32
}

/// Hashes `s`, calls JS's hook `step` (unless 0), hashes `s` again: its hash if both agree and
/// the hook returned 1; -1 if `s` changed under it, -2 if the hook threw, -3 if it returned
/// another value.
fn f_probe(s: &str, step: u32) -> f64 {
    bump();
    let before = fnv(&[s]);
    if step != 0 {
        match sf_hook(step) {
            Ok(1) => {}
            Ok(_) => return -3.0,
            Err(_) => return -2.0,
        }
    }
    let after = fnv(&[s]);
    if before != after {
        return -1.0;
    }
    after
}

/// Two strings around a hook: both must read their own bytes afterwards.
fn f_probe2(a: &str, step: u32, b: &str) -> f64 {
    bump();
    let before = fnv(&[a, b]);
    if step != 0 {
        match sf_hook(step) {
            Ok(1) => {}
            Ok(_) => return -3.0,
            Err(_) => return -2.0,
        }
    }
    let after = fnv(&[a, b]);
    if before != after {
        return -1.0;
    }
    after
}

/// Results equal to the slot path's sentinels: a function's entry must not send JS to the slot
/// path (which would run it twice).
fn f_nan(s: &str) -> f64 {
    bump();
    if s.is_empty() {
        -0.0
    } else {
        f64::NAN
    }
}

fn f_min(x: i32) -> i32 {
    bump();
    x.wrapping_sub(x).wrapping_add(i32::MIN)
}

fn f_nan_plain(x: f64) -> f64 {
    bump();
    x * f64::NAN
}

/// A function with a String result (no typed entry: the closure's slot path) that calls the hook.
fn f_upper(s: &str, step: u32) -> String {
    bump();
    let before = s.to_uppercase();
    if step != 0 {
        match sf_hook(step) {
            Ok(1) => {}
            Ok(_) => return "bad hook result".into(),
            Err(_) => return "hook threw".into(),
        }
    }
    if s.to_uppercase() != before {
        return "changed".into();
    }
    before
}

const NAMES: [&str; 13] = [
    "sf.nan",
    "sf.min",
    "sf.nanPlain",
    "sf.upper",
    "sf.cprobe",
    "sf.hash",
    "sf.hash3",
    "sf.weigh",
    "sf.nsn",
    "sf.ends",
    "sf.lens",
    "sf.probe",
    "sf.probe2",
];

fn register_all() {
    slotwire::register_export_fn("sf.hash", f_hash).unwrap();
    slotwire::register_export_fn("sf.hash3", f_hash3).unwrap();
    slotwire::register_export_fn("sf.weigh", f_weigh).unwrap();
    slotwire::register_export_fn("sf.nsn", f_nsn).unwrap();
    slotwire::register_export_fn("sf.ends", f_ends).unwrap();
    slotwire::register_export_fn("sf.lens", f_lens).unwrap();
    slotwire::register_export_fn("sf.probe", f_probe).unwrap();
    slotwire::register_export_fn("sf.probe2", f_probe2).unwrap();
    slotwire::register_export_fn("sf.nan", f_nan).unwrap();
    slotwire::register_export_fn("sf.min", f_min).unwrap();
    slotwire::register_export_fn("sf.nanPlain", f_nan_plain).unwrap();
    slotwire::register_export_fn("sf.upper", f_upper).unwrap();
    // A closure (state: the slot path, not re-entrant) with a string, calling the hook.
    let mut calls = 0u32;
    slotwire::register_export("sf.cprobe", move |s: &str, step: u32| {
        calls += 1;
        let _ = calls;
        f_probe(s, step)
    })
    .unwrap();
}

#[js_export]
fn sf_runs() -> u32 {
    RUNS.with(|r| r.get())
}

/// Unregisters run-time export `name` (JS calls it from inside the function itself).
#[js_export]
fn sf_unregister(name: String) -> bool {
    slotwire::unregister_export(&name)
}

/// Registers `f_probe` again under `name` (replacing what was there).
#[js_export]
fn sf_reregister(name: String) {
    slotwire::register_export_fn(&name, f_probe).unwrap();
}

/// Registering under a name that clashes (a `#[js_export]`, a namespace, a path through a
/// function): an error, and nothing left behind (the closure made for it dropped, in JS too).
#[js_export]
fn sf_register_clashes() -> u32 {
    let mut refused = 0;
    for name in ["sf_runs", "sf", "sf.hash.deeper", "", "a..b", ".x", "x."] {
        if slotwire::register_export_fn(name, f_hash).is_err() {
            refused += 1;
        }
    }
    refused
}

/// Registers `f_hash` under names that are special to JS objects (`__proto__`, `constructor`).
#[js_export]
fn sf_register_odd() {
    for name in [
        "__proto__",
        "sfodd.__proto__",
        "sfodd.constructor",
        "sfodd.hasOwnProperty",
    ] {
        slotwire::register_export_fn(name, f_hash).unwrap();
    }
}

/// Hands JS `JsClosure::from_fn(f_probe)` twice (the same function both times, so
/// identity can be checked), keeping it (until `sf_drop_kept`) or dropping it at once.
#[js_export]
fn sf_make_fn(keep: bool) {
    let c = JsClosure::from_fn(f_probe);
    sf_keep_fn(&c);
    sf_keep_fn(&c);
    if keep {
        KEPT.with(|k| k.borrow_mut().push(c));
    }
}

/// A `from_fn` closure of three `&str`s through the import (the f64 entry with strings).
#[js_export]
fn sf_make_fn3() {
    let c = JsClosure::from_fn(f_hash3);
    sf_keep_fn(&c);
    KEPT.with(|k| k.borrow_mut().push(c));
}

#[js_export]
fn sf_drop_kept() {
    let kept = KEPT.with(|k| std::mem::take(&mut *k.borrow_mut()));
    drop(kept);
}

/// The hash of the strings import `kind` returned (-2 if it threw).
#[js_export]
fn sf_collect(kind: u32) -> f64 {
    match sf_strings(kind) {
        Ok(v) => {
            let parts: Vec<&str> = v.iter().map(String::as_str).collect();
            fnv(&parts)
        }
        Err(_) => -2.0,
    }
}

/// The hash of the strings JS passed (element getters may call the functions meanwhile).
#[js_export]
fn sf_hash_vec(v: Vec<String>) -> f64 {
    let parts: Vec<&str> = v.iter().map(String::as_str).collect();
    fnv(&parts)
}

/// Registers the functions, runs JS check `name`, unregisters them; every count (Rust's census,
/// JS's census, JS's live-function flags) must be back where it was.
fn check(name: &str) {
    register_js(&rt());
    let rust = census();
    let js_objects = js_census("jsObjects");
    let js_closures = js_census("closures");
    let live = js_live_functions(&rt());
    register_all();
    let r = run_check_js(&rt(), name);
    for n in NAMES {
        slotwire::unregister_export(n);
    }
    sf_drop_kept();
    if let Err(e) = r {
        panic!("JS check `{name}` failed: {}", js_message(&e));
    }
    let after = census();
    assert_eq!(
        after.js_objects, rust.js_objects,
        "slotwire::census() js_objects"
    );
    assert_eq!(after.closures, rust.closures, "slotwire::census() closures");
    assert_eq!(js_census("jsObjects"), js_objects, "rt.census().jsObjects");
    assert_eq!(js_census("closures"), js_closures, "rt.census().closures");
    assert_eq!(js_live_functions(&rt()), live, "rt.functions.size");
}

#[wasm_bindgen_test]
fn hostile_arguments_are_refused_without_running_user_code_or_the_function() {
    check("hostileArguments");
}

#[wasm_bindgen_test]
fn too_few_arguments_are_refused_and_extra_ones_ignored() {
    check("arity");
}

#[wasm_bindgen_test]
fn strings_of_every_shape_arrive_byte_exact_and_the_frame_comes_back() {
    check("stringShapes");
}

#[wasm_bindgen_test]
fn a_function_re_entered_from_js_that_grows_memory_still_reads_its_own_strings() {
    check("reenterAndGrow");
}

#[wasm_bindgen_test]
fn a_function_that_unregisters_or_replaces_its_own_export_while_running() {
    check("unregisterSelf");
}

#[wasm_bindgen_test]
fn a_hook_that_throws_leaves_the_function_and_the_frame_intact() {
    check("hookThrows");
}

#[wasm_bindgen_test]
fn a_from_fn_closure_through_an_import_keeps_its_identity_and_dies_with_its_drop() {
    check("fromFnThroughImport");
}

#[wasm_bindgen_test]
fn a_from_fn_closure_dropped_while_it_runs() {
    check("fromFnDroppedWhileRunning");
}

#[wasm_bindgen_test]
fn a_function_called_while_an_import_result_is_written_gets_its_strings() {
    check("calledDuringResult");
}

#[wasm_bindgen_test]
fn thousands_of_calls_with_big_strings_do_not_grow_memory_or_leave_frames() {
    check("noFrameLeak");
}

#[wasm_bindgen_test]
fn sentinel_results_run_once_and_clashing_names_leave_nothing() {
    check("sentinels");
}

#[wasm_bindgen_test]
fn slot_path_string_functions_and_closures_re_entered_with_growth() {
    check("slotPathStrings");
}

#[wasm_bindgen_test]
fn out_of_memory_on_a_string_argument_gives_the_earlier_blocks_back() {
    check("outOfMemory");
}

#[wasm_bindgen_test]
fn strings_ending_at_the_frame_areas_edge_and_called_inside_another_exports_arguments() {
    check("frameEdges");
}

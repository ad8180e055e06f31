//! Adversarial tests of closures' typed entries (callback.rs `typed_i<n>` / `typed_f<n>`,
//! fast.js `makeFastClosure`) and of the JS-side batch flush of typed imports (batch.rs
//! `tell_js_queued` / `slotwire_flush_queued`, fast.js `makeFastImport`): closures dropped or
//! replaced while they run, re-entry, generation churn, result values equal to the slot-path
//! sentinel, and program order of typed imports / `TypedBinding` / `Binding` after queued calls
//! that re-enter, grow memory, drop objects and throw. In Node and headless Chromium. (A panic
//! in such a flush poisons: `batch_poison_typed.rs`, its own binary.)
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use slotwire::batch;
use slotwire::prelude::*;
use slotwire::{census, Binding, JsClosure, JsError, JsObject, JsType, TypedBinding};
use slotwire_e2e::typed_paths::*;
use slotwire_e2e::{js_census, rt};
use wasm_bindgen_test::*;

#[js_import("tpTest.keep")]
fn keep(i: u32, f: &JsClosure);
#[js_import("tpTest.same")]
fn same(i: u32, j: u32) -> bool;
#[js_import("tpTest.call1")]
fn call1(i: u32, a: f64) -> String;
#[js_import("tpTest.record", batch)]
fn record(x: i32);
#[js_import("tpTest.echo")]
fn echo(x: i32) -> i32;
#[js_import("tpTest.echo")]
fn echo_r(x: i32) -> Result<i32, JsError>;
#[js_import("tpTest.recordStr")]
fn record_str(s: &str);
#[js_import("tpTest.recordView")]
fn record_view(v: &[f32]);
#[js_import("tpTest.recordTag")]
fn record_tag(o: &JsObject);
#[js_import("tpTest.makeNode")]
fn make_node(tag: &str) -> JsObject;
#[js_import("tpTest.thrower", batch)]
fn thrower(x: i32);
#[js_import("tpTest.callExport", batch)]
fn call_export(name: &'static str, x: i32);

fn setup() {
    install_js(&rt());
    // Every import bound first: a first call binds, and a bind flushes what was queued before it
    // (it is a crossing); the tests queue their calls after this.
    let _ = echo(0);
    let _ = echo_r(0);
    record_queued(0);
    thrower_queued(0);
    call_export_queued("no such export", 0);
    let _ = batch::flush();
    tp_clear();
}

/// Allocates at least the current memory size (so memory grows), makes and drops enough
/// JsObjects to send JS a batch of releases; returns `x`.
#[js_export]
fn tp_grow_and_drop(x: i32) -> i32 {
    let pages = core::arch::wasm32::memory_size(0);
    let v = vec![1u8; pages * 65536];
    let objs: Vec<JsObject> = (0..2 * slotwire::RELEASE_BATCH)
        .map(|_| make_node("tmp"))
        .collect();
    drop(objs);
    assert!(core::arch::wasm32::memory_size(0) > pages, "memory grew");
    x + i32::from(v[v.len() - 1]) - 1
}

/// During a flush: a typed import, a queued call, a typed import (which flushes it first).
#[js_export]
fn tp_nested(x: i32) -> i32 {
    record(x * 10);
    record_queued(x * 100);
    record(x * 1000);
    x
}

/// During a flush: queues a call and returns (the export's return flushes it).
#[js_export]
fn tp_queue_only(x: i32) -> i32 {
    record_queued(x * 100);
    x
}

/// During a flush: queues a call, then a typed import with a result.
#[js_export]
fn tp_queue_then_echo(x: i32) -> i32 {
    record_queued(x * 100);
    echo(x * 1000)
}

thread_local! {
    static SELF_HELD: RefCell<Option<JsClosure>> = const { RefCell::new(None) };
}

fn census_base() -> (usize, f64) {
    (census().closures, js_census("closures"))
}

fn assert_census(base: (usize, f64)) {
    assert_eq!(census().closures, base.0, "slotwire::census().closures");
    assert_eq!(js_census("closures"), base.1, "rt.census().closures");
}

#[wasm_bindgen_test]
fn a_closure_dropping_itself_on_the_typed_path_finishes_then_throws_dropped() {
    setup();
    let base = census_base();
    let data: Vec<u64> = (0..4096).collect();
    let expect: u64 = data.iter().sum();
    let ran = Rc::new(Cell::new(0u32));
    let r2 = ran.clone();
    let c = JsClosure::new(move |x: i32| -> i32 {
        let me = SELF_HELD.with(|s| s.borrow_mut().take());
        let was = me.is_some();
        drop(me);
        // Reuse freed memory: a closure freed under its own call would read this junk.
        let junk = vec![0xABAB_ABAB_ABAB_ABABu64; 8192];
        let sum: u64 = data.iter().sum();
        drop(junk);
        r2.set(r2.get() + 1);
        if was && sum == expect {
            x + 1
        } else {
            -1
        }
    });
    keep(0, &c);
    assert_eq!(tp_path(0), "typed");
    SELF_HELD.with(|s| *s.borrow_mut() = Some(c));
    assert_eq!(tp_call(0, 5.0), "ok:6");
    assert_eq!(ran.get(), 1);
    assert_eq!(
        Rc::strong_count(&ran),
        1,
        "the closure's captures were dropped"
    );
    assert_census(base);
    let again = tp_call(0, 5.0);
    assert!(
        again.starts_with("err:") && again.contains("dropped"),
        "{again}"
    );
    assert_eq!(ran.get(), 1);

    // The f64 entry.
    let ran = Rc::new(Cell::new(0u32));
    let r2 = ran.clone();
    let data: Vec<f64> = (0..4096).map(f64::from).collect();
    let c = JsClosure::new(move |x: f64| -> f64 {
        drop(SELF_HELD.with(|s| s.borrow_mut().take()));
        let junk = vec![-1.0f64; 8192];
        let sum: f64 = data.iter().sum();
        drop(junk);
        r2.set(r2.get() + 1);
        x + sum
    });
    keep(1, &c);
    assert_eq!(tp_path(1), "typed");
    SELF_HELD.with(|s| *s.borrow_mut() = Some(c));
    assert_eq!(
        tp_call(1, 0.5),
        format!("ok:{}", 0.5 + 4095.0 * 4096.0 / 2.0)
    );
    assert_eq!(Rc::strong_count(&ran), 1);
    assert_census(base);
    let again = tp_call(1, 0.5);
    assert!(again.contains("dropped"), "{again}");
    assert_eq!(ran.get(), 1);
}

#[wasm_bindgen_test]
fn a_typed_closure_reentered_from_js_is_refused_then_usable_again() {
    setup();
    let base = census_base();
    let inner: Rc<RefCell<Vec<String>>> = Rc::default();
    let i2 = inner.clone();
    let count = Rc::new(Cell::new(0));
    let c2 = count.clone();
    let c = JsClosure::new(move |x: i32| -> i32 {
        c2.set(c2.get() + 1);
        if x > 0 {
            // Through wasm-bindgen, and through a slotwire typed import.
            i2.borrow_mut().push(tp_call(2, f64::from(x - 1)));
            i2.borrow_mut().push(call1(2, f64::from(x - 1)));
        }
        x * 2
    });
    keep(2, &c);
    assert_eq!(tp_path(2), "typed");
    assert_eq!(tp_call(2, 3.0), "ok:6");
    assert_eq!(count.get(), 1, "the re-entrant calls did not run it");
    for r in inner.borrow().iter() {
        assert!(
            r.starts_with("err:") && r.contains("already running"),
            "{r}"
        );
    }
    assert_eq!(inner.borrow().len(), 2);
    assert_eq!(tp_call(2, 0.0), "ok:0");
    assert_eq!(call1(2, 4.0).split(',').next().unwrap(), "ok:8");
    assert_eq!(count.get(), 3, "each outer call once, no inner one");
    drop(c);
    assert_census(base);
}

fn churn(k: i32, ran: Rc<Cell<u32>>) -> JsClosure {
    JsClosure::new(move |x: i32| -> i32 {
        ran.set(ran.get() + 1);
        x + k
    })
}

#[wasm_bindgen_test]
fn an_old_function_never_runs_a_newer_closure_of_the_same_type_in_its_slot() {
    setup();
    let base = census_base();
    for i in 0..300 {
        let ran_a = Rc::new(Cell::new(0));
        let ran_b = Rc::new(Cell::new(0));
        let a = churn(i, ran_a.clone());
        keep(3, &a);
        assert_eq!(tp_path(3), "typed");
        assert_eq!(tp_call(3, 1.0), format!("ok:{}", 1 + i));
        let old = a.handle();
        drop(a);
        let b = churn(1000 + i, ran_b.clone());
        assert_ne!(b.handle(), old);
        keep(4, &b);
        assert!(!same(3, 4), "a new function for the new closure");
        let r = tp_call(3, 1.0);
        assert!(r.contains("dropped"), "round {i}: {r}");
        assert_eq!(
            ran_b.get(),
            0,
            "round {i}: the old function ran the new closure"
        );
        assert_eq!(tp_call(4, 1.0), format!("ok:{}", 1001 + i));
        assert_eq!((ran_a.get(), ran_b.get()), (1, 1));
    }
    assert_census(base);
}

fn self_replacing(generation: i32) -> impl FnMut(i32) -> i32 + 'static {
    let data = vec![generation; 1024];
    move |x: i32| {
        if x == 1 {
            // Replaces the running export by a closure of the very same type.
            slotwire::register_export("tp_same", self_replacing(generation + 1)).unwrap();
            let junk = vec![-7i32; 4096];
            drop(junk);
        }
        x + data.iter().sum::<i32>() / 1024
    }
}

#[wasm_bindgen_test]
fn an_export_replaced_from_inside_itself_finishes_and_its_old_function_throws() {
    setup();
    let base = census_base();
    let data = vec![3i32; 2048];
    slotwire::register_export("tp_self", move |x: i32| -> i32 {
        if x == 1 {
            slotwire::register_export("tp_self", |x: i32| -> i32 { x * 100 }).unwrap();
            let junk = vec![-7i32; 8192];
            drop(junk);
        }
        x + data.iter().sum::<i32>()
    })
    .unwrap();
    assert_eq!(tp_export_path("tp_self"), "typed");
    assert_eq!(tp_call_export("tp_self", 1.0), "ok:6145");
    let old = tp_call_old_export(2.0);
    assert!(old.contains("dropped"), "{old}");
    assert_eq!(tp_export_path("tp_self"), "typed");
    assert_eq!(tp_call_export("tp_self", 1.0), "ok:100");
    assert!(slotwire::unregister_export("tp_self"));

    // The same closure type, replaced from inside itself, generation after generation.
    slotwire::register_export("tp_same", self_replacing(0)).unwrap();
    for g in 0..50 {
        assert_eq!(tp_export_path("tp_same"), "typed");
        assert_eq!(tp_call_export("tp_same", 1.0), format!("ok:{}", 1 + g));
        let old = tp_call_old_export(2.0);
        assert!(old.contains("dropped"), "generation {g}: {old}");
    }
    assert!(slotwire::unregister_export("tp_same"));
    assert_eq!(tp_export_path("tp_same"), "none");
    assert_census(base);
}

#[wasm_bindgen_test]
fn results_equal_to_the_slot_path_sentinel_run_once_and_arrive_whole() {
    setup();
    let base = census_base();
    // A refusal first (status word 2, cleared by JS), then the sentinel as a real result.
    let d = JsClosure::new(|x: i32| -> i32 { x });
    keep(5, &d);
    drop(d);
    assert!(tp_call(5, 1.0).contains("dropped"));
    let n = Rc::new(Cell::new(0));
    let n2 = n.clone();
    let c = JsClosure::new(move |_x: i32| -> i32 {
        n2.set(n2.get() + 1);
        i32::MIN
    });
    keep(6, &c);
    assert_eq!(tp_path(6), "typed");
    assert_eq!(tp_call(6, 1.0), "ok:-2147483648");
    assert_eq!(n.get(), 1, "ran once");
    let n3 = n.clone();
    let f = JsClosure::new(move |_x: f64| -> f64 {
        n3.set(n3.get() + 1);
        f64::NAN
    });
    keep(7, &f);
    assert_eq!(tp_path(7), "typed");
    assert_eq!(tp_call(7, 1.0), "ok:NaN");
    assert_eq!(n.get(), 2, "ran once");
    // A re-entrant refusal inside the call leaves no status behind for the outer NaN.
    let n4 = n.clone();
    let g = JsClosure::new(move |x: f64| -> f64 {
        n4.set(n4.get() + 1);
        if x > 0.0 {
            let _ = tp_call(8, 0.0);
        }
        f64::NAN
    });
    keep(8, &g);
    assert_eq!(tp_call(8, 1.0), "ok:NaN");
    assert_eq!(n.get(), 3, "the outer call ran once, the inner not at all");
    let u = JsClosure::new(|x: u32| -> u32 { x.wrapping_add(0x8000_0000) });
    keep(9, &u);
    assert_eq!(tp_call(9, 0.0), "ok:2147483648");
    assert_eq!(tp_call(9, 4_000_000_000.0), "ok:1852516352");
    let v = JsClosure::new(|x: u32| -> u32 { x });
    keep(10, &v);
    assert_eq!(tp_call(10, 4_000_000_000.0), "ok:4000000000");
    let s = JsClosure::new(|x: f32| -> f32 { x });
    keep(11, &s);
    assert_eq!(tp_path(11), "typed");
    assert_eq!(tp_call(11, 0.1), format!("ok:{}", f64::from(0.1f32)));
    drop((c, f, g, u, v, s));
    assert_census(base);
}

#[wasm_bindgen_test]
fn a_queued_call_reentering_an_export_that_calls_typed_imports_keeps_program_order() {
    setup();
    record_queued(1);
    call_export_queued("tp_nested", 2);
    record_queued(3);
    record(4);
    assert_eq!(tp_log(), "[1,20,200,2000,2,3,4]");
    tp_clear();
    record_queued(1);
    call_export_queued("tp_queue_only", 2);
    record_queued(3);
    record(4);
    assert_eq!(tp_log(), "[1,200,2,3,4]");
    tp_clear();
    record_queued(1);
    call_export_queued("tp_queue_then_echo", 2);
    record_queued(3);
    assert_eq!(echo(4), 4);
    assert_eq!(tp_log(), r#"[1,200,"echo 2000",2000,3,"echo 4"]"#);
    assert_eq!(batch::queued(), 0);
    // Nothing queued: a typed import after the flushes runs alone.
    record(5);
    assert!(tp_log().ends_with(",5]"));
    batch::flush().unwrap();
}

#[wasm_bindgen_test]
fn a_throw_in_a_js_side_flush_is_kept_and_the_typed_import_still_runs() {
    setup();
    record_queued(1);
    thrower_queued(2);
    record_queued(3);
    assert_eq!(echo(7), 7);
    assert_eq!(tp_log(), r#"[1,"echo 7"]"#);
    thrower_queued(4);
    assert_eq!(
        echo_r(8).unwrap(),
        8,
        "the batch's error is not the import's"
    );
    let e = batch::flush().unwrap_err();
    assert_eq!((e.index, e.binding.as_str()), (1, "tpTest.thrower"), "{e}");
    assert!(e.error.message.contains("thrown for 2"), "{e}");
    assert!(
        batch::flush().is_ok(),
        "the first error only, reported once"
    );
    assert_eq!(tp_log(), r#"[1,"echo 7","echo 8"]"#);
    record_queued(9);
    record(10);
    assert_eq!(tp_log(), r#"[1,"echo 7","echo 8",9,10]"#);
}

#[wasm_bindgen_test]
fn typed_imports_with_str_span_and_object_after_calls_that_grow_memory_and_drop_objects() {
    setup();
    let base_rust = census().js_objects;
    let base_js = js_census("jsObjects");
    let text = String::from("typed after growth ünï");
    let floats = vec![0.5f32, -2.0, 1e-3];
    let obj = make_node("kept");
    call_export_queued("tp_grow_and_drop", 1);
    record_str(&text);
    call_export_queued("tp_grow_and_drop", 2);
    record_view(&floats);
    call_export_queued("tp_grow_and_drop", 3);
    record_tag(&obj);
    assert_eq!(
        tp_log(),
        format!(
            r#"[1,"typed after growth ünï",2,[0.5,-2,{}],3,"kept"]"#,
            f64::from(1e-3f32)
        )
    );
    drop(obj);
    assert_eq!(census().js_objects, base_rust);
    assert_eq!(js_census("jsObjects"), base_js);
}

#[wasm_bindgen_test]
fn typed_binding_and_binding_calls_after_queued_calls_keep_program_order() {
    setup();
    let rec = TypedBinding::<(i32,), ()>::bind("tpTest.record", None).unwrap();
    let ech = TypedBinding::<(i32,), i32>::bind("tpTest.echo", None).unwrap();
    let strs = TypedBinding::<(&str,), ()>::bind("tpTest.recordStr", None).unwrap();
    let b = Binding::bind("tpTest.record", None, &[JsType::I32], JsType::Void).unwrap();
    let bs = Binding::bind("tpTest.recordStr", None, &[JsType::String], JsType::Void).unwrap();
    record_queued(1);
    rec.call((2,)).unwrap();
    record_queued(3);
    assert_eq!(ech.call((4,)).unwrap(), 4);
    rec.queue((5,)).unwrap();
    let mut a = b.args();
    a.set(0, 6i32).unwrap();
    b.invoke(&mut a).unwrap();
    call_export_queued("tp_grow_and_drop", 7);
    let s = String::from("after growth");
    strs.call((&s,)).unwrap();
    call_export_queued("tp_grow_and_drop", 8);
    let mut a = bs.args();
    a.set(0, "binding after growth").unwrap();
    bs.invoke(&mut a).unwrap();
    call_export_queued("tp_nested", 9);
    b.invoke(&mut {
        let mut a = b.args();
        a.set(0, 10i32).unwrap();
        a
    })
    .unwrap();
    assert_eq!(
        tp_log(),
        r#"[1,2,3,"echo 4",5,6,7,"after growth",8,"binding after growth",90,900,9000,9,10]"#
    );
    assert_eq!(batch::queued(), 0);
}

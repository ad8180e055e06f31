//! No heap allocation per call on the primitive path, imports and exports: a counting global
//! allocator around 10,000 iterations (a `&str` argument, borrowed both ways, is included).
#![cfg(target_arch = "wasm32")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU32, Ordering};

use slotwire::prelude::*;
use slotwire_e2e::check;
use wasm_bindgen_test::*;

struct Counting;

static ALLOCATIONS: AtomicU32 = AtomicU32::new(0);

// SAFETY: forwards to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> u32 {
    ALLOCATIONS.load(Ordering::Relaxed)
}

#[js_export]
fn alloc_count() -> u32 {
    allocations()
}

#[js_export]
fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

#[js_export]
fn echo_f64(v: f64) -> f64 {
    v
}

#[js_export]
fn echo_u64(v: u64) -> u64 {
    v
}

#[js_export]
fn nothing() {}

#[js_export]
fn flag(v: bool) -> bool {
    !v
}

#[js_export]
fn str_len(s: &str) -> usize {
    s.len()
}

#[js_import("globalThis.Math.max")]
fn max3(a: i32, b: i32, c: i32) -> i32;

#[js_import("globalThis.Math.hypot")]
fn hypot(a: f64, b: f64) -> f64;

#[js_import("globalThis.Boolean")]
fn truthy(v: u8) -> bool;

#[js_import("globalThis.Number.isSafeInteger")]
fn is_safe(#[js(number)] v: i64) -> bool;

#[js_import("globalThis.String.prototype.codePointAt.call")]
fn code_point_at(s: &str, i: u32) -> Option<u32>;

#[js_import("globalThis.Math.abs")]
fn noop_push_void(v: Option<f64>);

#[wasm_bindgen_test]
fn imports_do_not_allocate_per_call() -> Result<(), slotwire::Error> {
    let low = Binding::bind(
        "globalThis.Math.min",
        None,
        &[JsType::F64, JsType::F64],
        JsType::F64,
    )?;
    let mut args = low.args();
    // Warm up: binding allocates once per import.
    let mut acc = max3(1, 2, 3) as f64 + hypot(3.0, 4.0);
    truthy(1);
    is_safe(1);
    code_point_at("a", 0);
    noop_push_void(Some(1.0));
    args.set(0, 1.0)?;
    args.set(1, 2.0)?;
    low.invoke(&mut args)?;
    let before = allocations();
    for i in 0..10_000 {
        acc += max3(i, 2, 3) as f64;
        acc += hypot(i as f64, 4.0);
        if truthy((i % 2) as u8) {
            acc += 1.0;
        }
        if is_safe(i as i64) {
            acc += 1.0;
        }
        acc += code_point_at("borrowed &str", 3).unwrap_or(0) as f64;
        noop_push_void(None);
        args.set(0, i as f64)?;
        acc += low.invoke(&mut args)?.get::<f64>()?;
    }
    let after = allocations();
    assert!(acc > 0.0);
    assert_eq!(after - before, 0, "allocations during 70,000 import calls");
    // The counter does count: a String result allocates.
    #[js_import("globalThis.String")]
    fn to_string(v: f64) -> String;
    let b = allocations();
    assert_eq!(to_string(1.5), "1.5");
    assert!(
        allocations() > b,
        "the counting allocator missed an allocation"
    );
    Ok(())
}

#[wasm_bindgen_test]
fn exports_do_not_allocate_per_call() {
    check("noAllocations");
}

#[js_import("globalThis.Math.max", batch)]
fn batched_max(a: i32);

/// Batched calls allocate nothing once the buffers have grown, even with a flush of nothing in
/// between (a defensive `flush()` at the end of a frame must not drop them).
#[wasm_bindgen_test]
fn batched_calls_do_not_allocate_per_batch() {
    for i in 0..1_000 {
        batched_max_queued(i);
    }
    slotwire::batch::flush().unwrap();
    let before = allocations();
    for _ in 0..100 {
        for i in 0..1_000 {
            batched_max_queued(i);
        }
        slotwire::batch::flush().unwrap();
        slotwire::batch::flush().unwrap(); // nothing queued
    }
    assert_eq!(
        allocations() - before,
        0,
        "allocations during 100 batches of 1,000 calls"
    );
}

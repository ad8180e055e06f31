//! Native costs of the Rust side of a call: writing arguments into slots and reading results out
//! of them, against serde_json serializing and deserializing the same payloads (the JSON
//! baseline's per-call work on the Rust side).
//!
//! `cargo bench -p slotwire-benches` (kept short: 0.3 s warm-up, 1 s per benchmark).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use slotwire::slot::Slot;
use slotwire::{FromJs, FromJsArg, ToJs};

const STR16: &str = "slotwire-bench-a";

fn slot_encode(c: &mut Criterion) {
    let mut g = c.benchmark_group("slot_encode");
    let mut slots = [Slot::ZERO; 5];
    g.bench_function("i32", |b| {
        b.iter(|| black_box(42i32).write(black_box(&mut slots[2])))
    });
    g.bench_function("f64", |b| {
        b.iter(|| black_box(1.5f64).write(black_box(&mut slots[2])))
    });
    g.bench_function("bool", |b| {
        b.iter(|| black_box(true).write(black_box(&mut slots[2])))
    });
    g.bench_function("i64", |b| {
        b.iter(|| black_box(-7i64).write(black_box(&mut slots[2])))
    });
    g.bench_function("i32x3", |b| {
        b.iter(|| {
            let s = black_box(&mut slots);
            black_box(1i32).write(&mut s[2]);
            black_box(2i32).write(&mut s[3]);
            black_box(3i32).write(&mut s[4]);
        })
    });
    g.bench_function("str16", |b| {
        b.iter(|| black_box(STR16).write(black_box(&mut slots[2])))
    });
    g.finish();
}

fn slot_decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("slot_decode");
    let mut int = Slot::ZERO;
    42i32.write(&mut int);
    let mut float = Slot::ZERO;
    float.set_f64(1.5);
    let mut big = Slot::ZERO;
    big.set_i64(-7);
    let mut flag = Slot::ZERO;
    true.write(&mut flag);
    let text = String::from(STR16);
    let mut string = Slot::ZERO;
    string.set_ptr_len(text.as_ptr(), text.len());
    // SAFETY (every read below): each slot was written above for the type it is read as, and
    // `text` outlives the string reads.
    g.bench_function("i32", |b| b.iter(|| unsafe { i32::read(black_box(&int)) }));
    g.bench_function("f64", |b| {
        b.iter(|| unsafe { f64::read(black_box(&float)) })
    });
    g.bench_function("bool", |b| {
        b.iter(|| unsafe { bool::read(black_box(&flag)) })
    });
    g.bench_function("i64", |b| b.iter(|| unsafe { i64::read(black_box(&big)) }));
    // An export's `&str` parameter: UTF-8 check, borrowed.
    g.bench_function("str16_borrowed", |b| {
        b.iter(|| unsafe { <&str>::read_arg(black_box(&string)) }.map(str::len))
    });
    // An import's `String` result: UTF-8 check and a copy.
    g.bench_function("string16_owned", |b| {
        b.iter(|| unsafe { String::read(black_box(&string)) })
    });
    g.finish();
}

fn json_serialize(c: &mut Criterion) {
    let mut g = c.benchmark_group("json_serialize");
    g.bench_function("i32", |b| {
        b.iter(|| serde_json::to_string(&(black_box(42i32),)))
    });
    g.bench_function("f64x2", |b| {
        b.iter(|| serde_json::to_string(&(black_box(12345.0f64), black_box(0.5f64))))
    });
    g.bench_function("i32x3", |b| {
        b.iter(|| serde_json::to_string(&(black_box(12345i32), black_box(1i32), black_box(2i32))))
    });
    g.bench_function("str16", |b| {
        b.iter(|| serde_json::to_string(&(black_box(STR16),)))
    });
    g.finish();
}

fn json_deserialize(c: &mut Criterion) {
    let mut g = c.benchmark_group("json_deserialize");
    g.bench_function("i32", |b| {
        b.iter(|| serde_json::from_str::<i32>(black_box("12348")))
    });
    g.bench_function("f64", |b| {
        b.iter(|| serde_json::from_str::<f64>(black_box("6172.5")))
    });
    g.bench_function("i32x3_args", |b| {
        b.iter(|| serde_json::from_str::<(i32, i32, i32)>(black_box("[12345,1,2]")))
    });
    g.bench_function("string16", |b| {
        b.iter(|| serde_json::from_str::<String>(black_box("\"slotwire-bench-a\"")))
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
}

criterion_group! {
    name = benches;
    config = config();
    targets = slot_encode, slot_decode, json_serialize, json_deserialize
}
criterion_main!(benches);

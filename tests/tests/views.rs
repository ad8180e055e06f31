//! Memory views: spans (`&[T]`, `&mut [T]`), segments (`Segment<T>`), Pod records and rkyv
//! archives across calls, in Node and headless Chromium.
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::record::Archive;
use slotwire::Segment;
use slotwire_e2e::rt;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/js/views.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerViewModule)]
    fn register_view_module(rt: &JsValue);
}

#[js_import("sumSpan", module = "views")]
fn sum_span(v: &[f64]) -> f64;
#[js_import("keptSpanDisposed", module = "views")]
fn kept_span_disposed() -> bool;
#[js_import("fillSpan", module = "views")]
fn fill_span(v: &mut [i32], x: i32);
#[js_import("trySet", module = "views")]
fn try_set(v: &[u8]) -> String;
#[js_import("keepSegment", module = "views")]
fn keep_segment(v: &Segment<f32>) -> u32;
#[js_import("keptSegment", module = "views")]
fn kept_segment() -> Segment<f32>;
#[js_import("particles", module = "views")]
fn particles(v: &[Particle]) -> String;
#[js_import("people", module = "views")]
fn people(v: &Archive<Vec<Person>>) -> String;

#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
#[repr(C)]
struct Particle {
    x: f32,
    y: f32,
    id: u32,
}

#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
struct Person {
    name: String,
    age: u32,
    email: Option<String>,
}

#[js_export]
fn seg_sum(s: Segment<f64>) -> f64 {
    s.with(|v| v.iter().sum())
}

#[js_export]
fn seg_make(n: u32) -> Segment<u16> {
    Segment::from_vec((0..n as u16).collect())
}

#[js_export]
fn span_len(v: &[f64]) -> u32 {
    v.len() as u32
}

#[wasm_bindgen_test]
fn spans_segments_and_records() {
    register_view_module(&rt());
    assert_eq!(sum_span(&[1.0, 2.5, 3.5]), 7.0);
    assert!(kept_span_disposed(), "a span ends with its call");
    let mut v = vec![0i32; 4];
    fill_span(&mut v, 10);
    assert_eq!(v, [10, 11, 12, 13], "JS writes land in the slice");
    assert_eq!(try_set(&[1, 2]), "TypeError", "a &[T] view is read-only");
    let seg = Segment::from_vec(vec![1.0f32, 2.0]);
    assert_eq!(keep_segment(&seg), 2);
    let back = kept_segment();
    assert_eq!(back.handle(), seg.handle());
    let ps = [
        Particle {
            x: 1.0,
            y: 2.0,
            id: 7,
        },
        Particle {
            x: 3.0,
            y: 4.0,
            id: 8,
        },
    ];
    assert_eq!(particles(&ps), "2:10:7");
    let a = Archive::new(&vec![
        Person {
            name: "Ada".into(),
            age: 36,
            email: None,
        },
        Person {
            name: "Grace Brewster Murray Hopper".into(),
            age: 85,
            email: Some("g@navy.mil".into()),
        },
    ])
    .unwrap();
    assert_eq!(people(&a), "2:Grace Brewster Murray Hopper:36:g@navy.mil");
}

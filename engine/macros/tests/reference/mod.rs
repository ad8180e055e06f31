//! Reference ("snapshot") tests of the macros' expansions, as wasm-bindgen's
//! `crates/cli/tests/reference/`: each case below is expanded, formatted with `prettyplease` and
//! compared with `tests/reference/<case>.expanded.rs`, so that a change in generated code is a
//! diff someone reviews.
//!
//! ```text
//! cargo test -p slotwire-macros                      compare
//! SLOTWIRE_BLESS=1 cargo test -p slotwire-macros     rewrite the files (then review the diff)
//! ```
//!
//! A unit-test module of the proc-macro crate (`#[path]` from `src/lib.rs`): a proc-macro crate
//! exports only its macros, so the expansion functions are reachable only from inside.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream as TokenStream2;

/// Which macro a case runs.
#[derive(Clone, Copy)]
enum Macro {
    Import,
    Export,
    Record,
    Archive,
}

/// `(file name, macro, attribute arguments, item)`.
const CASES: &[(&str, Macro, &str, &str)] = &[
    // ---- #[js_import] ----
    (
        "import_fast_numbers",
        Macro::Import,
        r#""globalThis.Math.hypot""#,
        "fn hypot(a: f64, b: f64) -> f64;",
    ),
    (
        "import_fast_str_bool_char",
        Macro::Import,
        r#""check", module = "m""#,
        "pub fn check(s: &str, flag: bool, c: char, n: u8) -> bool;",
    ),
    (
        "import_fast_js_object",
        Macro::Import,
        r#""describe", module = "m""#,
        "fn describe(o: &JsObject, k: u32) -> i32;",
    ),
    (
        "import_fast_object_result",
        Macro::Import,
        r#""create", module = "m""#,
        "fn create(tag: &str, parent: &JsObject) -> Result<JsObject, JsError>;",
    ),
    (
        "import_batch_object_result",
        Macro::Import,
        r#""document.createElement", batch"#,
        "fn create_element(tag: &'static str) -> JsObject;",
    ),
    (
        "import_batch_method",
        Macro::Import,
        r#"method = "appendChild", batch"#,
        "fn append_child(parent: &JsObject, child: &JsObject, at: f64, label: &str, data: &[f32]);",
    ),
    (
        "import_getter",
        Macro::Import,
        r#"getter = "answer""#,
        "fn answer(o: &JsObject) -> f64;",
    ),
    (
        "import_setter_result",
        Macro::Import,
        r#"setter = "answer""#,
        "fn try_set_answer(o: &JsObject, v: f64) -> Result<(), JsError>;",
    ),
    (
        "import_setter_result_slot",
        Macro::Import,
        r#"setter = "tags""#,
        "fn try_set_tags(o: &JsObject, v: Vec<String>) -> Result<(), slotwire::Error>;",
    ),
    (
        "import_setter_three_parameters_is_an_error",
        Macro::Import,
        r#"setter = "answer""#,
        "fn set_answer(o: &JsObject, v: f64, w: f64);",
    ),
    (
        "import_setter_returning_a_value_is_an_error",
        Macro::Import,
        r#"setter = "answer""#,
        "fn set_answer(o: &JsObject, v: f64) -> f64;",
    ),
    (
        "import_setter_result_with_a_value_is_an_error",
        Macro::Import,
        r#"setter = "answer""#,
        "fn set_answer(o: &JsObject, v: f64) -> Result<f64, JsError>;",
    ),
    (
        "import_method_slot",
        Macro::Import,
        r#"method = "describe""#,
        "fn describe(o: &JsObject, tags: Vec<String>) -> Result<String, JsError>;",
    ),
    (
        "import_fast_spans",
        Macro::Import,
        r#""fill", module = "m""#,
        "fn fill(src: &[f32], dst: &mut [u8]) -> u32;",
    ),
    (
        "import_void",
        Macro::Import,
        r#""globalThis.console.log""#,
        "fn console_log(text: &str);",
    ),
    (
        "import_result_string",
        Macro::Import,
        r#""getMessage", module = "interop""#,
        "fn get_message() -> Result<String, JsError>;",
    ),
    (
        "import_bigint_and_number",
        Macro::Import,
        r#""globalThis.BigInt.asIntN", number_result"#,
        "fn as_int_n(bits: i32, #[js(bigint)] v: i64, #[js(number)] w: u64) -> i64;",
    ),
    (
        "import_slot_vec_option",
        Macro::Import,
        r#""join", module = "m""#,
        "fn join(parts: Vec<String>, sep: Option<&str>, weights: Vec<f64>) -> Option<String>;",
    ),
    (
        "import_slot_objects_functions",
        Macro::Import,
        r#""call", module = "m""#,
        "fn call(target: JsObject, f: JsFunction<(i32,), i32>, any: JsAny) -> JsObject;",
    ),
    (
        "import_slot_segment_record_span",
        Macro::Import,
        r#""show", module = "m""#,
        "fn show(seg: &Segment<f64>, rows: &[Particle]) -> Vec<u8>;",
    ),
    (
        "import_slot_rust_object",
        Macro::Import,
        r#""keep", module = "m""#,
        "fn keep(o: RustObject<Counter>, r: &RustObject<Counter>);",
    ),
    (
        "import_async",
        Macro::Import,
        r#""delay", module = "t""#,
        "async fn delay(ms: u32, v: i32) -> Result<i32, JsError>;",
    ),
    (
        "import_async_string",
        Macro::Import,
        r#""delayedString", module = "t""#,
        "async fn delayed_string(ms: u32, s: &str) -> Result<String, JsError>;",
    ),
    (
        // Not plain (an Option): through the slots, the promise's id in the result slot.
        "import_async_slot",
        Macro::Import,
        r#""resolvedNow", module = "t""#,
        "async fn resolved_maybe(v: Option<&str>) -> Result<Option<String>, JsError>;",
    ),
    // ---- #[js_export] on functions ----
    (
        "export_fast_add",
        Macro::Export,
        "",
        "fn add(a: i32, b: i32) -> i32 { a + b }",
    ),
    (
        "export_fast_every_number",
        Macro::Export,
        "",
        "pub fn every(a: u8, b: i8, c: u16, d: i16, e: u32, f: i32, g: f32, h: f64, i: usize, j: isize, k: bool, l: char) -> f64 { h }",
    ),
    (
        "export_fast_str_js_name",
        Macro::Export,
        r#"js_name = "text.shout""#,
        "fn shout(s: &str) -> String { s.to_uppercase() }",
    ),
    (
        "export_result",
        Macro::Export,
        "",
        "fn parse(s: &str) -> Result<u32, std::num::ParseIntError> { s.parse() }",
    ),
    (
        "export_slot_vec_option",
        Macro::Export,
        "",
        "fn sum(v: Vec<f64>, names: Vec<String>, scale: Option<f64>) -> Vec<f64> { v }",
    ),
    (
        "export_slot_nested_vec",
        Macro::Export,
        "",
        "fn deep(v: Vec<Vec<Vec<Vec<f64>>>>) -> usize { v.len() }",
    ),
    (
        "export_slot_i64_repr",
        Macro::Export,
        "bigint_result",
        "fn wide(#[js(number)] a: i64, b: u64) -> u64 { b }",
    ),
    (
        "export_slot_objects",
        Macro::Export,
        "",
        "fn objects(o: JsObject, f: JsFunction<(f64,), f64>, a: JsAny) -> JsAny { a }",
    ),
    (
        "export_slot_spans_segment",
        Macro::Export,
        "",
        "fn views(s: &[u32], m: &mut [f32], seg: Segment<f64>) -> Segment<u8> { todo!() }",
    ),
    (
        "export_slot_rust_object",
        Macro::Export,
        "",
        "fn counter(start: i32, other: &RustObject<Counter>) -> RustObject<Counter> { todo!() }",
    ),
    (
        "export_async",
        Macro::Export,
        "",
        "async fn fetch_len(url: String) -> Result<u32, JsError> { Ok(url.len() as u32) }",
    ),
    (
        "export_async_vec",
        Macro::Export,
        "",
        "async fn later(n: u32) -> Vec<f64> { vec![0.0; n as usize] }",
    ),
    // ---- #[js_export] on impl blocks ----
    (
        "export_impl_methods",
        Macro::Export,
        "",
        r#"impl Counter {
            fn create(start: i32) -> RustObject<Counter> { RustObject::new("Counter", Counter { n: start }) }
            fn increment(&mut self, by: i32) -> i32 { self.n += by; self.n }
            fn value(&self) -> i32 { self.n }
            fn name(&self, prefix: &str) -> String { format!("{prefix}{}", self.n) }
            fn reenter(&mut self, f: JsFunction<(), i32>) -> i32 { 0 }
        }"#,
    ),
    (
        "export_impl_generic_js_name",
        Macro::Export,
        r#"js_name = "IntBox""#,
        r#"impl Boxed<i32> {
            fn make(v: i32) -> RustObject<Boxed<i32>> { todo!() }
            fn get(&self) -> i32 { self.0 }
        }"#,
    ),
    (
        "export_impl_async_method_is_an_error",
        Macro::Export,
        "",
        r#"impl Counter {
            async fn wait(&self, ms: u32) -> i32 { self.n }
        }"#,
    ),
    (
        "import_without_target_is_an_error",
        Macro::Import,
        "",
        "fn nothing(a: i32);",
    ),
    // ---- derives ----
    (
        "derive_js_record",
        Macro::Record,
        "",
        r#"#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
        #[repr(C)]
        struct Every {
            f_f64: f64,
            f_u64: u64,
            pos: [f32; 3],
            inner: Inner,
            #[js(rename = "type")]
            kind: u8,
            pad: [u8; 3],
        }"#,
    ),
    (
        "derive_js_archive",
        Macro::Archive,
        "",
        r#"#[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
        struct Person {
            name: String,
            age: u32,
            email: Option<String>,
            tags: Vec<String>,
            address: Address,
            #[js(rename = "type")]
            kind: Option<u8>,
        }"#,
    ),
];

/// The expansion of one case, as the macro's entry point makes it (errors as `compile_error!`).
fn expand(mac: Macro, attr: &str, item: &str) -> TokenStream2 {
    let attr: TokenStream2 = attr.parse().expect("attribute tokens");
    let item: TokenStream2 = item.parse().expect("item tokens");
    let result = match mac {
        Macro::Import => syn::parse2(attr)
            .and_then(|opts| Ok((opts, syn::parse2(item)?)))
            .and_then(|(opts, f)| super::import_impl(opts, f)),
        Macro::Export => syn::parse2(attr).and_then(|opts| match syn::parse2(item)? {
            syn::Item::Fn(f) => super::export_impl(opts, f),
            syn::Item::Impl(i) => super::export_methods(opts, i),
            other => Err(syn::Error::new_spanned(other, "not a fn or impl")),
        }),
        Macro::Record => syn::parse2(item).and_then(super::record::derive_record),
        Macro::Archive => syn::parse2(item).and_then(super::record::derive_archive),
    };
    result.unwrap_or_else(syn::Error::into_compile_error)
}

/// The file for one case: what was expanded, then the expansion formatted by prettyplease.
fn render(name: &str, mac: Macro, attr: &str, item: &str) -> String {
    let tokens = expand(mac, attr, item);
    let file: syn::File = syn::parse2(tokens.clone())
        .unwrap_or_else(|e| panic!("{name}: the expansion is not a Rust file ({e}):\n{tokens}"));
    let invocation = match mac {
        Macro::Import if attr.is_empty() => "#[js_import]".to_string(),
        Macro::Import => format!("#[js_import({attr})]"),
        Macro::Export if attr.is_empty() => "#[js_export]".to_string(),
        Macro::Export => format!("#[js_export({attr})]"),
        Macro::Record => "#[derive(JsRecord)]".to_string(),
        Macro::Archive => "#[derive(JsArchive)]".to_string(),
    };
    let mut out = format!("// {invocation}\n");
    for line in item.lines() {
        out.push_str(&format!("// {}\n", line.trim()));
    }
    out.push_str("// ---- expansion (prettyplease) ----\n");
    out.push_str(&prettyplease::unparse(&file));
    out
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference")
}

const SUFFIX: &str = ".expanded.rs";
const HOW: &str =
    "SLOTWIRE_BLESS=1 cargo test -p slotwire-macros rewrites the files; review the diff";

/// The first differing line of two texts, with a little context.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let i = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    format!(
        "first difference at line {}:\n  committed: {}\n  generated: {}",
        i + 1,
        e.get(i).copied().unwrap_or("<end of file>"),
        a.get(i).copied().unwrap_or("<end of file>"),
    )
}

#[test]
fn macro_expansions_match_the_committed_reference_files() {
    // fast_key hashes the crate name (CARGO_CRATE_NAME of the crate using the macro); pin it.
    let key_crate = std::env::var("CARGO_CRATE_NAME").ok();
    assert!(
        key_crate.is_none() || key_crate.as_deref() == Some("slotwire_macros"),
        "unexpected CARGO_CRATE_NAME {key_crate:?}"
    );
    let mut rendered = BTreeMap::new();
    for &(name, mac, attr, item) in CASES {
        assert!(
            rendered
                .insert(format!("{name}{SUFFIX}"), render(name, mac, attr, item))
                .is_none(),
            "case {name} is listed twice"
        );
    }
    let dir = dir();
    let committed: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(SUFFIX))
                .collect()
        })
        .unwrap_or_default();
    if std::env::var_os("SLOTWIRE_BLESS").is_some_and(|v| v == "1") {
        fs::create_dir_all(&dir).unwrap();
        for stale in committed.iter().filter(|n| !rendered.contains_key(*n)) {
            fs::remove_file(dir.join(stale)).unwrap();
        }
        for (file, text) in &rendered {
            fs::write(dir.join(file), text).unwrap();
        }
        return;
    }
    let stale: Vec<&String> = committed
        .iter()
        .filter(|n| !rendered.contains_key(*n))
        .collect();
    assert!(
        stale.is_empty(),
        "tests/reference/ has files no case makes: {stale:?} ({HOW})"
    );
    let mut failures = Vec::new();
    for (file, text) in &rendered {
        match fs::read_to_string(dir.join(file)) {
            Ok(expected) if &expected == text => {}
            Ok(expected) => failures.push(format!(
                "tests/reference/{file} differs from the expansion; {}",
                first_difference(&expected, text)
            )),
            Err(e) => failures.push(format!("tests/reference/{file}: {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} reference files differ ({HOW}):\n{}",
        failures.len(),
        rendered.len(),
        failures.join("\n")
    );
}

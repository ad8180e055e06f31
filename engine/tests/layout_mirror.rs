//! The JS runtime's copy of the slot layout (`js-runtime/src/slot.js`) must equal the Rust one
//! (`slotwire::slot`), and wasm-bindgen must be told about every file of the JS runtime.
//!
//! slot.js is parsed as text: its `export const NAME = <number>;` lines and the `name: code,`
//! entries of its `T` object. The parser is tested on its own below, so that a drift in either
//! half really fails here rather than being read past.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use slotwire::slot;
use slotwire::JsType;

fn js_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../js-runtime/src")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// What slot.js declares: its numeric constants and its type-code table, in file order.
#[derive(Debug, Default, PartialEq)]
struct JsLayout {
    constants: BTreeMap<String, u64>,
    types: Vec<(String, u64)>,
}

/// A JS numeric literal: decimal or `0x` hexadecimal (what slot.js uses).
fn parse_number(s: &str) -> Result<u64, String> {
    let s = s.trim();
    // A negative i32 constant (`CLOSURE_I32_USE_SLOTS`) is a layout word as its u32 bits, the
    // `>>> 0` layoutWords() applies (and Rust's `as u32`).
    if let Some(neg) = s.strip_prefix('-') {
        let v: i64 = neg
            .parse::<i64>()
            .map_err(|e| format!("not a number literal: {s:?} ({e})"))?;
        let v = i32::try_from(-v).map_err(|e| format!("not an i32: {s:?} ({e})"))?;
        return Ok(u64::from(v as u32));
    }
    let r = if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(hex, 16)
    } else {
        s.parse::<u64>()
    };
    r.map_err(|e| format!("not a number literal: {s:?} ({e})"))
}

/// Parses slot.js. Fails on anything in the `T` block it does not understand and on a constant
/// declared twice, so a reformatting of slot.js cannot make entries silently disappear.
fn parse_slot_js(src: &str) -> Result<JsLayout, String> {
    let mut out = JsLayout::default();
    let mut in_t = false;
    let mut saw_t = false;
    for (i, raw) in src.lines().enumerate() {
        let line = raw.trim();
        let at = |m: String| format!("slot.js line {}: {m}: {raw:?}", i + 1);
        if in_t {
            if line.starts_with("});") {
                in_t = false;
                continue;
            }
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let entry = line
                .strip_suffix(',')
                .ok_or_else(|| at("T entry without a trailing comma".into()))?;
            let (name, code) = entry
                .split_once(':')
                .ok_or_else(|| at("T entry is not `name: code,`".into()))?;
            let name = name.trim();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(at(format!("bad type name {name:?}")));
            }
            if out.types.iter().any(|(n, _)| n == name) {
                return Err(at(format!("type {name} listed twice")));
            }
            out.types
                .push((name.to_owned(), parse_number(code).map_err(at)?));
            continue;
        }
        if line.starts_with("export const T = Object.freeze({") {
            in_t = true;
            saw_t = true;
            continue;
        }
        let Some(rest) = line.strip_prefix("export const ") else {
            continue;
        };
        let Some((name, value)) = rest.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let Some(value) = value.trim().strip_suffix(';') else {
            continue;
        };
        // Only numeric constants: `T`, functions and the like are not layout.
        let Ok(v) = parse_number(value) else { continue };
        if out.constants.insert(name.to_owned(), v).is_some() {
            return Err(at(format!("constant {name} declared twice")));
        }
    }
    if in_t {
        return Err("slot.js: the T object is not closed by `});`".into());
    }
    if !saw_t {
        return Err("slot.js: no `export const T = Object.freeze({` block".into());
    }
    Ok(out)
}

/// slot.js's string constants: `export const NAME = "text";` lines.
fn js_strings(src: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in src.lines().map(str::trim) {
        let Some(rest) = line.strip_prefix("export const ") else {
            continue;
        };
        let Some((name, value)) = rest.split_once('=') else {
            continue;
        };
        let Some(value) = value.trim().strip_suffix(';') else {
            continue;
        };
        if let Some(text) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            out.insert(name.trim().to_owned(), text.to_owned());
        }
    }
    out
}

/// The wire's string constants (export name prefixes), which the macros crate also spells.
const RUST_STRINGS: [(&str, &str); 2] = [
    ("EXPORT_PREFIX", slot::EXPORT_PREFIX),
    ("FAST_EXPORT_PREFIX", slot::FAST_EXPORT_PREFIX),
];

#[test]
fn export_prefixes_agree_in_rust_slot_js_and_the_macros() {
    let js = js_strings(&read(&js_src().join("slot.js")));
    let macros = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("macros/src/lib.rs"));
    for (name, rust) in RUST_STRINGS {
        assert_eq!(
            js.get(name).map(String::as_str),
            Some(rust),
            "slot.js {name}"
        );
        let decl = format!("const {name}: &str = \"{rust}\";");
        assert!(
            macros.contains(&decl),
            "macros/src/lib.rs must declare `{decl}`"
        );
    }
}

/// The Rust side, in the same shape.
fn rust_constants() -> BTreeMap<String, u64> {
    [
        ("SLOT_SIZE", slot::SLOT_SIZE as u64),
        ("OFFSET_VALUE", slot::OFFSET_VALUE as u64),
        ("OFFSET_LEN", slot::OFFSET_LEN as u64),
        ("OFFSET_TYPE", slot::OFFSET_TYPE as u64),
        ("OFFSET_ELEM", slot::OFFSET_ELEM as u64),
        ("OFFSET_FLAGS", slot::OFFSET_FLAGS as u64),
        ("EXCEPTION", slot::EXCEPTION as u64),
        ("RESULT", slot::RESULT as u64),
        ("ARG0", slot::ARG0 as u64),
        ("FLAG_NULL", slot::FLAG_NULL as u64),
        ("FLAG_OWNED", slot::FLAG_OWNED as u64),
        ("ARRAY_DIRECT", slot::ARRAY_DIRECT as u64),
        ("NULLABLE", slot::NULLABLE as u64),
        ("CODE_SHIFT", slot::CODE_SHIFT as u64),
        ("MAX_ALLOC", slot::MAX_ALLOC as u64),
        ("ANY_MAX_DEPTH", slot::ANY_MAX_DEPTH as u64),
        ("STATUS_OK", slot::STATUS_OK as u64),
        ("STATUS_EXCEPTION", slot::STATUS_EXCEPTION as u64),
        ("HANDLE_KEY_BITS", slot::HANDLE_KEY_BITS as u64),
        ("FLAG_PENDING", slot::FLAG_PENDING as u64),
        ("FAST_STATUS", slot::FAST_STATUS as u64),
        ("FAST_EXCEPTION", slot::FAST_EXCEPTION as u64),
        ("FAST_CLEAR", slot::FAST_CLEAR as u64),
        ("FAST_THREW", slot::FAST_THREW as u64),
        ("FAST_USE_SLOTS", slot::FAST_USE_SLOTS as u64),
        ("FAST_RESULT_LEN", slot::FAST_RESULT_LEN as u64),
        ("FAST_FRAME_GEN", slot::FAST_FRAME_GEN as u64),
        ("BIND_SLOTS", slot::BIND_SLOTS as u64),
        ("BIND_FAST", slot::BIND_FAST as u64),
        ("BIND_FAST_REFS", slot::BIND_FAST_REFS as u64),
        ("EXPORT_INFO_WORDS", slot::EXPORT_INFO_WORDS as u64),
        ("EXPORT_INFO_NAME_PTR", slot::EXPORT_INFO_NAME_PTR as u64),
        ("EXPORT_INFO_NAME_LEN", slot::EXPORT_INFO_NAME_LEN as u64),
        (
            "EXPORT_INFO_PARAMS_PTR",
            slot::EXPORT_INFO_PARAMS_PTR as u64,
        ),
        (
            "EXPORT_INFO_PARAMS_LEN",
            slot::EXPORT_INFO_PARAMS_LEN as u64,
        ),
        ("EXPORT_INFO_NAMES_PTR", slot::EXPORT_INFO_NAMES_PTR as u64),
        ("EXPORT_INFO_NAMES_LEN", slot::EXPORT_INFO_NAMES_LEN as u64),
        ("EXPORT_INFO_RET", slot::EXPORT_INFO_RET as u64),
        ("EXPORT_INFO_FAST", slot::EXPORT_INFO_FAST as u64),
        ("CLOSURE_INFO_WORDS", slot::CLOSURE_INFO_WORDS as u64),
        (
            "CLOSURE_INFO_PARAMS_PTR",
            slot::CLOSURE_INFO_PARAMS_PTR as u64,
        ),
        (
            "CLOSURE_INFO_PARAMS_LEN",
            slot::CLOSURE_INFO_PARAMS_LEN as u64,
        ),
        ("CLOSURE_INFO_RET", slot::CLOSURE_INFO_RET as u64),
        ("CLOSURE_INFO_FAST", slot::CLOSURE_INFO_FAST as u64),
        ("CLOSURE_INFO_ENTRY", slot::CLOSURE_INFO_ENTRY as u64),
        ("CLOSURE_FAST_F64", slot::CLOSURE_FAST_F64 as u64),
        ("CLOSURE_FAST_I32", slot::CLOSURE_FAST_I32 as u64),
        (
            "CLOSURE_FAST_STATELESS",
            slot::CLOSURE_FAST_STATELESS as u64,
        ),
        ("SEGMENT_INFO_WORDS", slot::SEGMENT_INFO_WORDS as u64),
        ("SEGMENT_INFO_PTR", slot::SEGMENT_INFO_PTR as u64),
        ("SEGMENT_INFO_LEN", slot::SEGMENT_INFO_LEN as u64),
        ("SEGMENT_INFO_ELEM", slot::SEGMENT_INFO_ELEM as u64),
        ("OBJECT_TYPE_WORDS", slot::OBJECT_TYPE_WORDS as u64),
        ("OBJECT_TYPE_NAME_PTR", slot::OBJECT_TYPE_NAME_PTR as u64),
        ("OBJECT_TYPE_NAME_LEN", slot::OBJECT_TYPE_NAME_LEN as u64),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn rust_types() -> Vec<(String, u64)> {
    JsType::ALL
        .iter()
        .map(|t| (t.name().to_owned(), *t as u8 as u64))
        .collect()
}

/// Differences between the two halves, one line each; empty when they agree.
fn compare(js: &JsLayout) -> Vec<String> {
    let mut diffs = Vec::new();
    for (name, rust) in rust_constants() {
        match js.constants.get(&name) {
            None => diffs.push(format!("{name}: missing in slot.js (Rust: {rust})")),
            Some(&v) if v != rust => diffs.push(format!("{name}: slot.js {v}, Rust {rust}")),
            Some(_) => {}
        }
    }
    let rust = rust_types();
    if js.types.len() != rust.len() {
        diffs.push(format!(
            "T has {} entries in slot.js, JsType::ALL has {}",
            js.types.len(),
            rust.len()
        ));
    }
    for (name, code) in &rust {
        match js.types.iter().find(|(n, _)| n == name) {
            None => diffs.push(format!("T.{name}: missing in slot.js (Rust: {code})")),
            Some((_, v)) if v != code => diffs.push(format!("T.{name}: slot.js {v}, Rust {code}")),
            Some(_) => {}
        }
    }
    for (name, _) in &js.types {
        if !rust.iter().any(|(n, _)| n == name) {
            diffs.push(format!("T.{name}: in slot.js but not in JsType::ALL"));
        }
    }
    // layoutWords() sends `Object.values(T)` in file order; Rust sends JsType::ALL's order.
    if diffs.is_empty() {
        let js_order: Vec<_> = js.types.iter().map(|(n, _)| n.as_str()).collect();
        let rust_order: Vec<_> = rust.iter().map(|(n, _)| n.as_str()).collect();
        if js_order != rust_order {
            diffs.push(format!(
                "T order differs: slot.js {js_order:?}, Rust {rust_order:?}"
            ));
        }
    }
    diffs
}

#[test]
fn slot_js_mirrors_the_rust_layout() {
    let src = read(&js_src().join("slot.js"));
    let js = parse_slot_js(&src).unwrap();
    let diffs = compare(&js);
    assert!(
        diffs.is_empty(),
        "slot.js differs from slotwire::slot:\n  {}",
        diffs.join("\n  ")
    );
    // The comparison looked at real entries, not at an empty parse.
    assert_eq!(js.types.len(), JsType::ALL.len());
    assert!(js.constants.len() >= rust_constants().len());
}

/// The constants slot.js's `layoutWords()` sends, in order (then `Object.values(T)`).
const LAYOUT_WORD_NAMES: &[&str] = &[
    "SLOT_SIZE",
    "OFFSET_VALUE",
    "OFFSET_LEN",
    "OFFSET_TYPE",
    "OFFSET_ELEM",
    "OFFSET_FLAGS",
    "EXCEPTION",
    "RESULT",
    "ARG0",
    "FLAG_NULL",
    "FLAG_OWNED",
    "NULLABLE",
    "CODE_SHIFT",
    "FLAG_PENDING",
    "FAST_STATUS",
    "FAST_EXCEPTION",
    "FAST_CLEAR",
    "FAST_THREW",
    "FAST_USE_SLOTS",
    "FAST_RESULT_LEN",
    "FAST_FRAME_GEN",
    "BIND_SLOTS",
    "BIND_FAST",
    "BIND_FAST_REFS",
    "EXPORT_INFO_WORDS",
    "EXPORT_INFO_NAME_PTR",
    "EXPORT_INFO_NAME_LEN",
    "EXPORT_INFO_PARAMS_PTR",
    "EXPORT_INFO_PARAMS_LEN",
    "EXPORT_INFO_NAMES_PTR",
    "EXPORT_INFO_NAMES_LEN",
    "EXPORT_INFO_RET",
    "EXPORT_INFO_FAST",
    "CLOSURE_INFO_WORDS",
    "CLOSURE_INFO_PARAMS_PTR",
    "CLOSURE_INFO_PARAMS_LEN",
    "CLOSURE_INFO_RET",
    "CLOSURE_INFO_FAST",
    "CLOSURE_INFO_ENTRY",
    "CLOSURE_FAST_F64",
    "CLOSURE_FAST_I32",
    "CLOSURE_FAST_STATELESS",
    "CLOSURE_I32_USE_SLOTS",
    "SEGMENT_INFO_WORDS",
    "SEGMENT_INFO_PTR",
    "SEGMENT_INFO_LEN",
    "SEGMENT_INFO_ELEM",
    "OBJECT_TYPE_WORDS",
    "OBJECT_TYPE_NAME_PTR",
    "OBJECT_TYPE_NAME_LEN",
    "MAX_ALLOC",
    "ANY_MAX_DEPTH",
    "HANDLE_KEY_BITS",
];

#[test]
fn layout_words_match_what_slot_js_sends() {
    // slot.js's layoutWords(): the layout constants in this order, then Object.values(T).
    let src = read(&js_src().join("slot.js"));
    let js = parse_slot_js(&src).unwrap();
    let mut words: Vec<u64> = LAYOUT_WORD_NAMES.iter().map(|n| js.constants[*n]).collect();
    words.extend(js.types.iter().map(|(_, c)| *c));
    let rust: Vec<u64> = slot::layout_words().into_iter().map(u64::from).collect();
    assert_eq!(words, rust);
    // And slot.js's layoutWords() lists exactly those constants in that order.
    let body = src
        .split("export function layoutWords()")
        .nth(1)
        .expect("layoutWords() in slot.js");
    let body = &body[..body.find("];").expect("end of layoutWords()")];
    let listed: Vec<&str> = body
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .filter(|w| *w != "Object")
        .collect();
    let mut expected = LAYOUT_WORD_NAMES.to_vec();
    expected.push("T");
    assert_eq!(listed, expected);
}

const SAMPLE: &str = r#"
export function snippet() { return "slot.js"; }
export const SLOT_SIZE = 16;
export const OFFSET_VALUE = 0;
export const NULLABLE = 0x80;
export const NOT_A_NUMBER = "x";
export const T = Object.freeze({
  void: 0,
  // a comment
  i64_number: 15,
});
export function typeName(code) {}
"#;

#[test]
fn parser_reads_constants_and_type_codes() {
    let js = parse_slot_js(SAMPLE).unwrap();
    assert_eq!(js.constants.len(), 3, "{js:?}");
    assert_eq!(js.constants["SLOT_SIZE"], 16);
    assert_eq!(js.constants["OFFSET_VALUE"], 0);
    assert_eq!(js.constants["NULLABLE"], 0x80);
    assert_eq!(parse_number("-2147483648").unwrap(), 0x8000_0000);
    assert_eq!(parse_number("-1").unwrap(), 0xffff_ffff);
    assert!(parse_number("-2147483649").is_err());
    assert_eq!(
        js.types,
        vec![("void".to_owned(), 0), ("i64_number".to_owned(), 15)]
    );
}

#[test]
fn parser_rejects_what_it_cannot_read() {
    assert!(parse_slot_js("export const SLOT_SIZE = 16;")
        .unwrap_err()
        .contains("no `export const T"));
    let unclosed = "export const T = Object.freeze({\n  void: 0,\n";
    assert!(parse_slot_js(unclosed).unwrap_err().contains("not closed"));
    let bad = "export const T = Object.freeze({\n  void: zero,\n});";
    assert!(parse_slot_js(bad).unwrap_err().contains("not a number"));
    let twice = "export const T = Object.freeze({\n  void: 0,\n  void: 1,\n});";
    assert!(parse_slot_js(twice).unwrap_err().contains("listed twice"));
    let two_on_a_line = "export const T = Object.freeze({\n  void: 0, bool: 1,\n});";
    assert!(parse_slot_js(two_on_a_line).is_err());
}

/// slot.js with `from` replaced by `to` (exactly once), for drift tests.
fn drifted(from: &str, to: &str) -> JsLayout {
    let src = read(&js_src().join("slot.js"));
    assert_eq!(
        src.matches(from).count(),
        1,
        "{from:?} must occur once in slot.js"
    );
    parse_slot_js(&src.replace(from, to)).unwrap()
}

#[test]
fn a_drift_in_a_constant_is_caught() {
    let diffs = compare(&drifted(
        "export const OFFSET_FLAGS = 14;",
        "export const OFFSET_FLAGS = 15;",
    ));
    assert_eq!(diffs, ["OFFSET_FLAGS: slot.js 15, Rust 14"]);
    let diffs = compare(&drifted("export const STATUS_EXCEPTION = 1;", ""));
    assert_eq!(diffs, ["STATUS_EXCEPTION: missing in slot.js (Rust: 1)"]);
}

#[test]
fn a_drift_in_a_type_code_is_caught() {
    let diffs = compare(&drifted("  i64_number: 15,", "  i64_number: 16,"));
    assert_eq!(diffs, ["T.i64_number: slot.js 16, Rust 15"]);
    let diffs = compare(&drifted("  record: 39,\n", ""));
    assert_eq!(
        diffs,
        [
            format!(
                "T has {} entries in slot.js, JsType::ALL has {}",
                JsType::ALL.len() - 1,
                JsType::ALL.len()
            ),
            "T.record: missing in slot.js (Rust: 39)".to_owned(),
        ]
    );
    let diffs = compare(&drifted("  any: 40,", "  any: 40,\n  extra: 41,"));
    assert!(
        diffs.contains(&"T.extra: in slot.js but not in JsType::ALL".to_owned()),
        "{diffs:?}"
    );
    let diffs = compare(&drifted("  void: 0,\n  bool: 1,", "  bool: 1,\n  void: 0,"));
    assert_eq!(diffs.len(), 1, "{diffs:?}");
    assert!(diffs[0].starts_with("T order differs"), "{diffs:?}");
}

/// The `js_name`s of the extern blocks that import from `module` (`/js/<file>`) in `src`.
fn imported_js_names(src: &str, module: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in src
        .split(&format!("#[wasm_bindgen(module = \"{module}\")]"))
        .skip(1)
    {
        let body = &block[..block.find("\n    }").unwrap_or(block.len())];
        for part in body.split("js_name = ").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn imported_js_name_parser_reads_names() {
    let sample = "#[wasm_bindgen(module = \"/js/slotwire.js\")]\nextern \"C\" {\n #[wasm_bindgen(js_name = swBind)]\n fn bind();\n #[wasm_bindgen(js_name = swRun, catch)]\n fn run();\n    }\n#[wasm_bindgen(js_name = notThis)]\n#[wasm_bindgen(module = \"/js/other.js\")]\nextern \"C\" {\n #[wasm_bindgen(js_name = swOther)]\n fn other();\n    }";
    assert_eq!(
        imported_js_names(sample, "/js/slotwire.js"),
        ["swBind", "swRun"]
    );
    assert_eq!(imported_js_names(sample, "/js/other.js"), ["swOther"]);
    assert!(imported_js_names("nothing here", "/js/slotwire.js").is_empty());
}

/// The crate ships the runtime as bundles of js-runtime/src (`node js-runtime/build/bundle.mjs`
/// writes them; the `node` test step checks they are current): `js/slotwire.js`, the core, and
/// a snippet per pay-for-use feature (`js/slotwire-batch.js`, `-objects.js`, `-records.js`,
/// `-views.js`). Every JS function the Rust side
/// imports from one is exported there and by its entry in js-runtime/src.
#[test]
fn every_imported_js_function_is_exported_by_the_shipped_runtime() {
    let engine = Path::new(env!("CARGO_MANIFEST_DIR"));
    let snippets = [
        ("slotwire.js", "transport.js", 10),
        ("slotwire-batch.js", "transport-batch.js", 3),
        ("slotwire-objects.js", "transport-objects.js", 2),
        ("slotwire-records.js", "transport-records.js", 2),
        ("slotwire-views.js", "transport-views.js", 1),
    ];
    for (file, entry_file, at_least) in snippets {
        let module = format!("/js/{file}");
        let mut names = Vec::new();
        for f in ["src/transport.rs", "src/call/fast.rs"] {
            names.extend(imported_js_names(&read(&engine.join(f)), &module));
        }
        assert!(
            names.len() >= at_least,
            "too few imports from {module} found: {names:?}"
        );
        let entry = read(&js_src().join(entry_file));
        let bundle = read(&engine.join("js").join(file));
        let exports = bundle
            .rfind("export{")
            .map(|i| &bundle[i..])
            .unwrap_or_else(|| panic!("js/{file} has no export list"));
        for n in &names {
            assert!(
                entry.contains(&format!("export function {n}(")),
                "js-runtime/src/{entry_file} does not export {n}"
            );
            assert!(
                exports.contains(&format!("{n},")) || exports.contains(&format!("{n}}}")),
                "js/{file} does not export {n}: run `node js-runtime/build/bundle.mjs`"
            );
        }
    }
    let mut shipped: Vec<_> = std::fs::read_dir(engine.join("js"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    shipped.sort();
    let mut expected: Vec<_> = snippets.iter().map(|s| s.0).collect();
    expected.sort();
    assert_eq!(shipped, expected, "engine/js holds the bundles only");
}

//! Real rkyv and Pod bytes for the JS record reader's tests: builds sample data, archives it (or
//! casts it, for Pod records), and compares bytes, descriptors and expected values with the
//! committed `js-runtime/test/fixtures/records.json`, which `js-runtime/test/record.test.js`
//! loads into a `WebAssembly.Memory` and reads back through `record.js`.
//!
//! `SLOTWIRE_BLESS=1 cargo test -p slotwire --test record_fixtures` rewrites the fixture after a
//! deliberate change (review the diff).
//!
//! Expected values are what the JS `toJSON()` of a record returns: numbers, except 64-bit integers
//! beyond ±(2^53 - 1), which are decimal strings; `char` a one-code-point string; `Option` `null`
//! or the value. Floats are chosen exactly representable, so f32 and JSON agree.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use slotwire::record::{archive_descriptor, JsArchiveField};
use slotwire::{JsArchive, JsRecord};

/// 64-bit integers as the JS reader's `toJSON()` gives them.
mod js64 {
    const SAFE: u64 = (1 << 53) - 1;

    pub fn u64<S: serde::Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        if *v <= SAFE {
            s.serialize_u64(*v)
        } else {
            s.serialize_str(&v.to_string())
        }
    }

    pub fn i64<S: serde::Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
        if v.unsigned_abs() <= SAFE {
            s.serialize_i64(*v)
        } else {
            s.serialize_str(&v.to_string())
        }
    }
}

// ---- Pod ----

#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord, serde::Serialize)]
#[repr(C)]
struct Vec3 {
    x: f32,
    y: f32,
    z: f32,
}

/// Every Pod field type, no padding (Pod forbids it): 64 bytes, align 8.
#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord, serde::Serialize)]
#[repr(C)]
struct Particle {
    mass: f64,
    #[serde(serialize_with = "js64::u64")]
    id: u64,
    #[serde(serialize_with = "js64::i64")]
    big: i64,
    pos: Vec3,
    vel: [f32; 3],
    count: u32,
    delta: i32,
    level: u16,
    temp: i16,
    flags: u8,
    kind: i8,
    rgb: [u8; 2],
}

fn particles() -> Vec<Particle> {
    (0..5u8)
        .map(|i| {
            let f = f32::from(i);
            Particle {
                mass: 0.5 + f64::from(i) * 1024.25,
                id: match i {
                    0 => 0,
                    1 => (1 << 53) - 1,
                    2 => 1 << 53,
                    3 => u64::MAX,
                    _ => 42,
                },
                big: match i {
                    0 => i64::MIN,
                    1 => -((1 << 53) - 1),
                    2 => -(1 << 53),
                    3 => i64::MAX,
                    _ => -7,
                },
                pos: Vec3 {
                    x: f * 0.5,
                    y: -f * 0.25,
                    z: 0.125 * f,
                },
                vel: [f, -f, 65536.0 * f],
                count: u32::MAX - u32::from(i),
                delta: i32::MIN + i32::from(i),
                level: u16::MAX - u16::from(i),
                temp: i16::MIN + i16::from(i),
                flags: 0x80 | i,
                kind: -(i as i8) - 1,
                rgb: [i, 255 - i],
            }
        })
        .collect()
}

// ---- Archives ----

#[derive(rkyv::Archive, rkyv::Serialize, JsArchive, serde::Serialize, Clone)]
struct Address {
    street: String,
    city: String,
    zip: Option<u32>,
}

#[derive(rkyv::Archive, rkyv::Serialize, JsArchive, serde::Serialize, Clone)]
struct Person {
    name: String,
    age: u8,
    email: Option<String>,
    tags: Vec<String>,
    address: Address,
    previous: Vec<Address>,
    scores: Vec<f64>,
    active: bool,
    initial: char,
    #[serde(serialize_with = "js64::u64")]
    id: u64,
    #[serde(serialize_with = "js64::i64")]
    balance: i64,
    small: Vec<Option<i16>>,
    second: Option<Address>,
    #[js(rename = "type")]
    #[serde(rename = "type")]
    r#type: u16,
}

/// Ten fields, one string.
#[derive(rkyv::Archive, rkyv::Serialize, JsArchive, serde::Serialize, Clone)]
struct Row {
    id: u32,
    name: String,
    a: u8,
    b: i8,
    c: u16,
    d: i16,
    e: i32,
    f: f32,
    g: f64,
    ok: bool,
}

fn people() -> Vec<Person> {
    let home = Address {
        street: "1 Long Street Name Avenue".into(),
        city: "Zürich".into(),
        zip: Some(8001),
    };
    vec![
        Person {
            name: "Ada".into(),
            age: 36,
            email: Some("ada.lovelace@analytical-engine.example".into()),
            tags: vec![
                "".into(),
                "12345678".into(),
                "123456789".into(),
                "東京".into(),
                "naïve ☃ 𝄞 — a longer non-ASCII string".into(),
            ],
            address: home.clone(),
            previous: vec![
                Address {
                    street: "".into(),
                    city: "Ulm".into(),
                    zip: None,
                },
                home.clone(),
            ],
            scores: vec![1.5, -0.25, 1e300, 0.0],
            active: true,
            initial: '𝄞',
            id: u64::MAX,
            balance: -(1 << 53),
            small: vec![Some(-1), None, Some(i16::MAX)],
            second: Some(home),
            r#type: 7,
        },
        Person {
            name: "".into(),
            age: 0,
            email: None,
            tags: vec![],
            address: Address {
                street: "exactly8".into(),
                city: "é".into(),
                zip: Some(0),
            },
            previous: vec![],
            scores: vec![],
            active: false,
            initial: 'a',
            id: 0,
            balance: 12,
            small: vec![],
            second: None,
            r#type: 0,
        },
    ]
}

fn rows() -> Vec<Row> {
    (0..100u32)
        .map(|i| Row {
            id: i,
            name: if i % 3 == 0 {
                format!("row {i}")
            } else {
                format!("a longer row name number {i} ✓")
            },
            a: i as u8,
            b: -(i as i8),
            c: (i * 600) as u16,
            d: -((i * 300) as i16),
            e: i as i32 * -100_000,
            f: i as f32 * 0.5,
            g: f64::from(i) * 0.125 - 3.0,
            ok: i % 2 == 0,
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn archive<T>(name: &str, value: &T) -> Value
where
    T: JsArchiveField
        + serde::Serialize
        + for<'a> rkyv::Serialize<
            rkyv::api::high::HighSerializer<
                rkyv::util::AlignedVec,
                rkyv::ser::allocator::ArenaHandle<'a>,
                rkyv::rancor::Error,
            >,
        >,
    T::Archived: rkyv::Portable
        + for<'a> rkyv::bytecheck::CheckBytes<
            rkyv::api::high::HighValidator<'a, slotwire::record::ArchiveError>,
        >,
{
    let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(value).unwrap();
    slotwire::record::access::<T>(&bytes).expect("the archive validates");
    let descriptor: Value = serde_json::from_str(&archive_descriptor::<T>()).unwrap();
    json!({
        "name": name,
        "descriptor": descriptor,
        "hex": hex(&bytes),
        "expected": serde_json::to_value(value).unwrap(),
    })
}

fn fixture() -> Value {
    let ps = particles();
    let one = people().remove(0);
    json!({
        "about": "Generated by engine/tests/record_fixtures.rs (SLOTWIRE_BLESS=1 cargo test -p slotwire --test record_fixtures). Pod: `length` records of `descriptor` at the start of `hex`. Archives: rkyv 0.8 default format, root (of type `descriptor`) at the end of `hex`. `expected` is the reader's toJSON().",
        "pod": [{
            "name": "particles",
            "descriptor": Particle::layout().descriptor(),
            "length": ps.len(),
            "hex": hex(bytemuck::cast_slice(&ps)),
            "expected": serde_json::to_value(&ps).unwrap(),
        }],
        "archives": [
            archive("person", &one),
            archive("people", &people()),
            archive("rows", &rows()),
            archive("strings", &one.tags),
            archive("address", &one.address),
            archive("empty_vec", &Vec::<Row>::new()),
        ],
    })
}

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../js-runtime/test/fixtures/records.json")
}

#[test]
fn fixture_matches_rkyv_and_pod_bytes() {
    let now = fixture();
    let path = fixture_path();
    if std::env::var_os("SLOTWIRE_BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut text = serde_json::to_string_pretty(&now).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (SLOTWIRE_BLESS=1 cargo test -p slotwire --test record_fixtures writes it)",
            path.display()
        )
    });
    let committed: Value = serde_json::from_str(&text).unwrap();
    // Compare entry by entry, so that a failure names the sample that drifted.
    for group in ["pod", "archives"] {
        let (a, b) = (&now[group], &committed[group]);
        assert_eq!(
            a.as_array().map(Vec::len),
            b.as_array().map(Vec::len),
            "{group}: sample count (rerun with SLOTWIRE_BLESS=1 after a deliberate change)"
        );
        for (x, y) in a.as_array().unwrap().iter().zip(b.as_array().unwrap()) {
            assert!(
                x == y,
                "{group} sample {} differs from the committed fixture (rerun with SLOTWIRE_BLESS=1 \
                 after a deliberate change)",
                x["name"]
            );
        }
    }
    assert_eq!(now, committed);
}

#[test]
fn rows_are_ten_fields_with_one_string() {
    let l = Row::archived_layout();
    assert_eq!(l.fields().len(), 10);
    let strings = l
        .fields()
        .iter()
        .filter(|f| *f.ty() == slotwire::record::FieldType::String)
        .count();
    assert_eq!(strings, 1);
    assert_eq!(rows().len(), 100);
}

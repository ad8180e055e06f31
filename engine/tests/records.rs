//! Record layouts against what the compiler says (`offset_of!`, `size_of`), archived layouts
//! against rkyv's archived types and bytes, and validation of archives coming from JS: corrupt
//! bytes are an `Err`, and mutated archives never panic.

use core::mem::{align_of, offset_of, size_of};

use slotwire::record::{self, FieldType, JsArchiveField, RecordKind, RecordLayout, Scalar};
use slotwire::{ErrorKind, JsArchive, JsRecord};

#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord)]
#[repr(C)]
struct Inner {
    a: u16,
    b: [u8; 2],
    c: f32,
}

#[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord)]
#[repr(C, align(16))]
struct Outer {
    x: f64,
    inner: Inner,
    inners: [Inner; 2],
    m: [[f32; 2]; 2],
    n: i64,
    _pad: [u8; 8],
}

#[test]
fn pod_layout_is_the_compilers() {
    let l = Outer::layout();
    assert_eq!(l.kind(), RecordKind::Pod);
    assert_eq!(
        (l.size(), l.align()),
        (size_of::<Outer>(), align_of::<Outer>())
    );
    assert_eq!(l.align(), 16);
    let offsets: Vec<(&str, usize)> = l.fields().iter().map(|f| (f.name(), f.offset())).collect();
    assert_eq!(
        offsets,
        [
            ("x", offset_of!(Outer, x)),
            ("inner", offset_of!(Outer, inner)),
            ("inners", offset_of!(Outer, inners)),
            ("m", offset_of!(Outer, m)),
            ("n", offset_of!(Outer, n)),
            ("_pad", offset_of!(Outer, _pad)),
        ]
    );
    // The nested record is the same &'static layout as the inner type's own.
    let FieldType::Record(inner) = l.field("inner").unwrap().ty() else {
        panic!("inner is a record")
    };
    let inner: &RecordLayout = inner;
    assert!(std::ptr::eq(inner, Inner::layout()));
    assert_eq!(inner.field("c").unwrap().offset(), offset_of!(Inner, c));
    let FieldType::Array { elem, len: 2 } = l.field("inners").unwrap().ty() else {
        panic!("inners is [Inner; 2]")
    };
    assert_eq!(elem.size(), size_of::<Inner>());
    assert_eq!(l.field("m").unwrap().ty().rust_name(), "[[f32; 2]; 2]");
    for f in l.fields() {
        assert_eq!(f.offset() % f.ty().align(), 0, "{}", f.name());
    }
}

#[test]
fn pod_descriptor_json() {
    let d: serde_json::Value = serde_json::from_str(Inner::layout().to_json()).unwrap();
    assert_eq!(
        d,
        serde_json::json!({
            "type": "record", "kind": "pod", "name": "Inner", "size": 8, "align": 4,
            "fields": [
                {"name": "a", "offset": 0, "type": {"type": "u16", "size": 2, "align": 2}},
                {"name": "b", "offset": 2, "type": {"type": "array", "size": 2, "align": 1, "len": 2,
                    "of": {"type": "u8", "size": 1, "align": 1}}},
                {"name": "c", "offset": 4, "type": {"type": "f32", "size": 4, "align": 4}},
            ],
        })
    );
}

#[test]
fn layout_is_built_once() {
    assert!(std::ptr::eq(Outer::layout(), Outer::layout()));
    assert!(std::ptr::eq(
        Item::archived_layout(),
        Item::archived_layout()
    ));
}

#[derive(rkyv::Archive, rkyv::Serialize, JsArchive, Debug, PartialEq, Clone)]
struct Tag {
    label: String,
    weight: Option<u64>,
}

#[derive(rkyv::Archive, rkyv::Serialize, JsArchive, Debug, PartialEq, Clone)]
#[rkyv(archived = ArchivedThing)]
struct Item {
    id: u32,
    flag: bool,
    c: char,
    name: String,
    tags: Vec<Tag>,
    first: Option<Tag>,
    size: usize,
    nums: Vec<Option<i16>>,
    #[js(rename = "kind")]
    base: i8,
}

#[test]
fn archived_layout_is_rkyvs() {
    let l = Item::archived_layout();
    assert_eq!(l.kind(), RecordKind::Archive);
    assert_eq!(
        (l.size(), l.align()),
        (size_of::<ArchivedThing>(), align_of::<ArchivedThing>())
    );
    let expect = [
        (
            "id",
            offset_of!(ArchivedThing, id),
            size_of::<rkyv::Archived<u32>>(),
        ),
        ("flag", offset_of!(ArchivedThing, flag), 1),
        ("c", offset_of!(ArchivedThing, c), 4),
        (
            "name",
            offset_of!(ArchivedThing, name),
            size_of::<rkyv::string::ArchivedString>(),
        ),
        (
            "tags",
            offset_of!(ArchivedThing, tags),
            size_of::<rkyv::vec::ArchivedVec<ArchivedTag>>(),
        ),
        (
            "first",
            offset_of!(ArchivedThing, first),
            size_of::<rkyv::option::ArchivedOption<ArchivedTag>>(),
        ),
        ("size", offset_of!(ArchivedThing, size), 4),
        ("nums", offset_of!(ArchivedThing, nums), 8),
        ("kind", offset_of!(ArchivedThing, base), 1),
    ];
    let got: Vec<(&str, usize, usize)> = l
        .fields()
        .iter()
        .map(|f| (f.name(), f.offset(), f.ty().size()))
        .collect();
    assert_eq!(got, expect);
    assert_eq!(
        l.field("tags").unwrap().ty(),
        &FieldType::Vec(Box::new(FieldType::Record(Tag::archived_layout())))
    );
    assert_eq!(
        l.field("size").unwrap().ty(),
        &FieldType::Scalar(Scalar::U32)
    );
    let tag = Tag::archived_layout();
    assert_eq!(tag.size(), size_of::<ArchivedTag>());
    assert_eq!(tag.field("weight").unwrap().ty().size(), 16); // tag, 7 bytes padding, u64
}

/// Where rkyv puts an Option's value and a vec's elements, read from real archive bytes.
#[test]
fn option_and_vec_bytes_are_where_the_descriptor_says() {
    let t = <Option<u64>>::archived_type();
    assert_eq!(t.option_value_offset(), 8);
    let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&Some(0x0102_0304_0506_0708u64)).unwrap();
    let root = &bytes[bytes.len() - t.size()..];
    assert_eq!(root[0], 1);
    assert_eq!(&root[8..16], &0x0102_0304_0506_0708u64.to_le_bytes());
    let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&None::<u64>).unwrap();
    assert_eq!(bytes[bytes.len() - 16], 0);

    let v = vec![10u16, 20, 30];
    let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&v).unwrap();
    let at = bytes.len() - 8;
    let off = i32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let len = u32::from_le_bytes(bytes[at + 4..at + 8].try_into().unwrap());
    let start = (at as i64 + i64::from(off)) as usize;
    assert_eq!(len, 3);
    assert_eq!(
        &bytes[start..start + 6],
        bytemuck::cast_slice::<u16, u8>(&v)
    );
}

fn item(i: u32) -> Item {
    Item {
        id: i,
        flag: i % 2 == 0,
        c: 'é',
        name: format!("item number {i}"),
        tags: (0..i % 4)
            .map(|k| Tag {
                label: "t".repeat(k as usize * 5),
                weight: (k % 2 == 0).then_some(u64::from(k) << 40),
            })
            .collect(),
        first: (i % 3 == 0).then(|| Tag {
            label: "first".into(),
            weight: None,
        }),
        size: i as usize * 1000,
        nums: vec![Some(-1), None],
        base: -3,
    }
}

#[test]
fn vec_of_archived_structs_round_trips_through_access() {
    let items: Vec<Item> = (0..20).map(item).collect();
    let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&items).unwrap();
    let archived = record::access::<Vec<Item>>(&bytes).unwrap();
    assert_eq!(archived.len(), 20);
    for (a, b) in archived.iter().zip(&items) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.tags.len(), b.tags.len());
        assert_eq!(a.first.is_some(), b.first.is_some());
        assert_eq!(a.size.to_native() as usize, b.size);
    }
    let d: serde_json::Value =
        serde_json::from_str(&record::archive_descriptor::<Vec<Item>>()).unwrap();
    assert_eq!(d["of"]["size"], size_of::<ArchivedThing>());
    assert_eq!(d["of"]["fields"][8]["name"], "kind");
}

fn err<T>(r: slotwire::Result<T>) -> slotwire::Error {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

#[test]
fn corrupt_archives_are_type_errors() {
    let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&item(5)).unwrap();
    assert!(record::access::<Item>(&bytes).is_ok());

    // Truncated: too short for the root.
    let e = err(record::access::<Item>(&bytes[..4]));
    assert_eq!(e.kind(), ErrorKind::Type);
    assert!(
        e.message().starts_with("archive of Item: invalid bytes"),
        "{e}"
    );

    // A bool that is neither 0 nor 1.
    let root = bytes.len() - size_of::<ArchivedThing>();
    let mut bad = rkyv::util::AlignedVec::<16>::new();
    bad.extend_from_slice(&bytes);
    bad[root + offset_of!(ArchivedThing, flag)] = 2;
    assert_eq!(err(record::access::<Item>(&bad)).kind(), ErrorKind::Type);

    // An Option tag that is neither None nor Some.
    let mut bad = rkyv::util::AlignedVec::<16>::new();
    bad.extend_from_slice(&bytes);
    bad[root + offset_of!(ArchivedThing, first)] = 7;
    assert!(record::access::<Item>(&bad).is_err());

    // A vec pointing outside the buffer.
    let mut bad = rkyv::util::AlignedVec::<16>::new();
    bad.extend_from_slice(&bytes);
    let at = root + offset_of!(ArchivedThing, tags);
    bad[at..at + 4].copy_from_slice(&(1i32 << 20).to_le_bytes());
    assert!(record::access::<Item>(&bad).is_err());

    // Invalid UTF-8 in an out-of-line string.
    let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&"héllo wörld".to_string()).unwrap();
    let mut bad = rkyv::util::AlignedVec::<16>::new();
    bad.extend_from_slice(&bytes);
    let p = bad.iter().position(|&b| b == 0xc3).unwrap();
    bad[p] = 0xff;
    let e = err(record::access::<String>(&bad));
    assert!(e.message().starts_with("archive of String:"), "{e}");

    // A misaligned buffer is an error, not a misaligned reference.
    let mut shifted = rkyv::util::AlignedVec::<16>::new();
    shifted.push(0);
    shifted.extend_from_slice(&rkyv::to_bytes::<rkyv::rancor::Error>(&item(1)).unwrap());
    assert!(record::access::<Item>(&shifted[1..]).is_err());
}

/// A small deterministic generator (xorshift64*), so the fuzz loop is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Mutated archives: one to four bytes changed, truncated or extended, random bytes. `access`
/// must return (Ok or Err) without panicking, and whatever validates must be readable throughout.
#[test]
fn mutated_archives_never_panic() {
    let items: Vec<Item> = (0..6).map(item).collect();
    let good = rkyv::to_bytes::<rkyv::rancor::Error>(&items).unwrap();
    let mut rng = Rng(0x5107_3713_ab1e_0001);
    let (mut ok, mut err) = (0, 0);
    for round in 0..3000 {
        let mut buf = rkyv::util::AlignedVec::<16>::new();
        match round % 4 {
            0 | 1 => {
                buf.extend_from_slice(&good);
                for _ in 0..1 + rng.below(4) {
                    let i = rng.below(buf.len());
                    buf[i] = rng.next() as u8;
                }
            }
            2 => {
                let n = rng.below(good.len() + 1);
                buf.extend_from_slice(&good[good.len() - n..]);
            }
            _ => {
                for _ in 0..rng.below(256) {
                    buf.push(rng.next() as u8);
                }
            }
        }
        let r = std::panic::catch_unwind(|| match record::access::<Vec<Item>>(&buf) {
            Ok(v) => {
                // Touch everything: a validated archive must be fully readable.
                let mut n = 0usize;
                for it in v.iter() {
                    n += it.name.len() + it.tags.iter().map(|t| t.label.len()).sum::<usize>();
                    n += it.first.as_ref().map_or(0, |t| t.label.len());
                    n += it.nums.len() + it.c.to_native() as usize;
                }
                Ok(n)
            }
            Err(e) => {
                assert_eq!(e.kind(), ErrorKind::Type);
                Err(())
            }
        });
        match r.unwrap_or_else(|_| panic!("round {round} panicked")) {
            Ok(_) => ok += 1,
            Err(()) => err += 1,
        }
    }
    assert!(err > 1000, "most mutations are caught ({ok} ok, {err} err)");
}

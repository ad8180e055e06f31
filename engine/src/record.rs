//! Records: Rust structs that JS reads in place, field by field, from wasm linear memory.
//!
//! Two kinds, each with a derive that emits a **layout descriptor** (field names, offsets, types,
//! size, alignment) and a JS reader (`js-runtime/src/record.js`) that turns a descriptor into an
//! accessor class once per type:
//!
//! - **Pod records**: `#[derive(JsRecord)]` on a `#[repr(C)]` [`bytemuck::Pod`] struct. A
//!   `&[Particle]` is read where it lies; field offsets come from `core::mem::offset_of!`. Fields:
//!   `u8 i8 u16 i16 u32 i32 u64 i64 f32 f64`, arrays `[T; N]` of supported types, and other
//!   `#[derive(JsRecord)]` structs.
//! - **Archived records**: `#[derive(JsArchive)]` next to `#[derive(rkyv::Archive)]` describes the
//!   *archived* type (`ArchivedFoo`): JS follows rkyv's relative pointers and decodes lazily (a
//!   string is decoded when its field is read). Fields: the numbers above, `usize`/`isize`
//!   (archived as 32 bits), `bool`, `char`, `String`, `Vec<T>`, `Option<T>` and other
//!   `#[derive(JsArchive)]` structs. Bytes that come from JS are checked with bytecheck by
//!   [`access`] before Rust looks at them.
//!
//! The archive format is rkyv 0.8 with its **default features**: little endian, aligned
//! primitives, 32-bit relative pointers and lengths. Enabling `big_endian`, `unaligned` or
//! `pointer_width_*` on rkyv anywhere in the build changes the format; building an archive
//! layout then panics with a message saying so (the JS reader knows only the default format).
//!
//! ```
//! use slotwire::{JsArchive, JsRecord};
//!
//! #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord)]
//! #[repr(C)]
//! struct Particle {
//!     pos: [f32; 3],
//!     mass: f32,
//!     id: u64,
//! }
//!
//! #[derive(rkyv::Archive, rkyv::Serialize, JsArchive)]
//! struct Person {
//!     name: String,
//!     tags: Vec<String>,
//!     age: Option<u8>,
//! }
//!
//! let layout = Particle::layout();
//! assert_eq!((layout.size(), layout.field("id").unwrap().offset()), (24, 16));
//! let json = layout.to_json(); // what the JS reader takes: recordReader(JSON.parse(json))
//! assert!(json.contains(r#""name":"mass""#));
//!
//! let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&Person {
//!     name: "Ada".into(),
//!     tags: vec!["math".into()],
//!     age: Some(36),
//! })
//! .unwrap();
//! let person = slotwire::record::access::<Person>(&bytes).unwrap();
//! assert_eq!(person.name, "Ada");
//! assert_eq!(Person::archived_layout().field("age").unwrap().ty().size(), 2);
//! ```
//!
//! # The descriptor
//!
//! [`RecordLayout::to_json`] and [`FieldType::to_json`] produce a *type descriptor*, a JSON object
//! with `"type"`, `"size"` and `"align"` (bytes) and, by type:
//!
//! | `"type"` | more keys | bytes |
//! |---|---|---|
//! | `"u8"` `"i8"` `"u16"` `"i16"` `"u32"` `"i32"` `"u64"` `"i64"` `"f32"` `"f64"` | | little endian |
//! | `"bool"` | | one byte, 0 or 1 (archives only) |
//! | `"char"` | | a `u32` code point (archives only) |
//! | `"array"` | `"len"`, `"of"`: the element's descriptor | `len` elements, `of.size` apart |
//! | `"record"` | `"kind"` (`"pod"`/`"archive"`), `"name"`, `"fields"`: `[{"name", "offset", "type"}]` | the fields at their offsets |
//! | `"string"` | | rkyv's `ArchivedString` (8 bytes, see below) |
//! | `"vec"` | `"of"` | `i32` offset of the elements from the vec's own address, then `u32` length; elements `of.size` apart |
//! | `"option"` | `"of"`, `"valueOffset"` | tag byte (0 = None, 1 = Some), the value at `valueOffset` |
//!
//! An `ArchivedString` is inline when its first byte is not `0b10xx_xxxx`: up to 8 UTF-8 bytes,
//! ended by the first `0xff` byte or by the end of the 8 bytes. Otherwise it is out of line: a
//! `u32` length with bits `10` inserted at bits 6–7 (length = `(w & 0x3f) | ((w >> 8) << 6)`)
//! and an `i32` offset of the bytes from the string's own address. The root of an archive is at its
//! end: `byteLength - root.size`.

use core::any::TypeId;
use core::mem::{align_of, size_of};
use std::fmt;
use std::sync::OnceLock;

use serde_json::{json, Value};

use crate::error::{Error, ErrorKind, Result};

/// Whether a record is a plain `#[repr(C)]` Pod struct or an rkyv archived struct.
///
/// ```
/// use slotwire::record::RecordKind;
/// assert_eq!(RecordKind::Archive.as_str(), "archive");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// `#[derive(JsRecord)]`: the struct's own bytes.
    Pod,
    /// `#[derive(JsArchive)]`: the bytes of its rkyv archived type.
    Archive,
}

impl RecordKind {
    /// `"pod"` or `"archive"`, as in the descriptor.
    ///
    /// ```
    /// assert_eq!(slotwire::record::RecordKind::Pod.as_str(), "pod");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Pod => "pod",
            RecordKind::Archive => "archive",
        }
    }
}

/// A fixed-size scalar: a number, `bool` or `char`, stored little endian.
///
/// ```
/// use slotwire::record::Scalar;
/// assert_eq!((Scalar::U64.size(), Scalar::Char.as_str()), (8, "char"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// `u8`.
    U8,
    /// `i8`.
    I8,
    /// `u16`.
    U16,
    /// `i16`.
    I16,
    /// `u32` (and an archived `usize`).
    U32,
    /// `i32` (and an archived `isize`).
    I32,
    /// `u64`: a `bigint` in JS.
    U64,
    /// `i64`: a `bigint` in JS.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// One byte, 0 or 1 (archives only: `bool` is not Pod).
    Bool,
    /// A `u32` Unicode scalar value (archives only: `char` is not Pod).
    Char,
}

impl Scalar {
    /// Size in bytes (also its alignment).
    ///
    /// ```
    /// assert_eq!(slotwire::record::Scalar::I16.size(), 2);
    /// ```
    pub fn size(self) -> usize {
        match self {
            Scalar::U8 | Scalar::I8 | Scalar::Bool => 1,
            Scalar::U16 | Scalar::I16 => 2,
            Scalar::U32 | Scalar::I32 | Scalar::F32 | Scalar::Char => 4,
            Scalar::U64 | Scalar::I64 | Scalar::F64 => 8,
        }
    }

    /// The descriptor's name: the Rust type's name.
    ///
    /// ```
    /// assert_eq!(slotwire::record::Scalar::F32.as_str(), "f32");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Scalar::U8 => "u8",
            Scalar::I8 => "i8",
            Scalar::U16 => "u16",
            Scalar::I16 => "i16",
            Scalar::U32 => "u32",
            Scalar::I32 => "i32",
            Scalar::U64 => "u64",
            Scalar::I64 => "i64",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
            Scalar::Bool => "bool",
            Scalar::Char => "char",
        }
    }
}

/// The type of a record field, as the JS reader sees its bytes.
///
/// ```
/// use slotwire::record::{FieldType, JsArchiveField};
/// let t = <Vec<Option<u16>> as JsArchiveField>::archived_type();
/// assert_eq!(t.rust_name(), "Vec<Option<u16>>");
/// assert_eq!((t.size(), t.align()), (8, 4)); // offset + length
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// A number, `bool` or `char`.
    Scalar(Scalar),
    /// `[T; len]`.
    Array {
        /// The element type.
        elem: Box<FieldType>,
        /// The number of elements.
        len: usize,
    },
    /// A nested record (Pod or archived, as the enclosing record).
    Record(&'static RecordLayout),
    /// An `ArchivedString`.
    String,
    /// An `ArchivedVec<T>`.
    Vec(Box<FieldType>),
    /// An `ArchivedOption<T>`.
    Option(Box<FieldType>),
}

/// Size of an rkyv relative pointer or archived `usize` with the default features.
const REL: usize = 4;

fn round_up(n: usize, align: usize) -> usize {
    n.div_ceil(align) * align
}

impl FieldType {
    /// Size in bytes.
    ///
    /// ```
    /// use slotwire::record::{FieldType, Scalar};
    /// let t = FieldType::Array { elem: Box::new(FieldType::Scalar(Scalar::F32)), len: 3 };
    /// assert_eq!(t.size(), 12);
    /// ```
    pub fn size(&self) -> usize {
        match self {
            FieldType::Scalar(s) => s.size(),
            FieldType::Array { elem, len } => elem.size() * len,
            FieldType::Record(r) => r.size,
            FieldType::String | FieldType::Vec(_) => 2 * REL,
            FieldType::Option(t) => round_up(self.option_value_offset() + t.size(), self.align()),
        }
    }

    /// Alignment in bytes.
    ///
    /// ```
    /// use slotwire::record::{FieldType, Scalar};
    /// assert_eq!(FieldType::Option(Box::new(FieldType::Scalar(Scalar::U64))).align(), 8);
    /// ```
    pub fn align(&self) -> usize {
        match self {
            FieldType::Scalar(s) => s.size(),
            FieldType::Array { elem, .. } => elem.align(),
            FieldType::Record(r) => r.align,
            FieldType::String | FieldType::Vec(_) => REL,
            FieldType::Option(t) => t.align().max(1),
        }
    }

    /// For an `Option`, where the value starts: `ArchivedOption<T>` is a `#[repr(u8)]` enum, so
    /// the tag byte comes first and the value follows at `T`'s alignment. 0 for other types.
    ///
    /// ```
    /// use slotwire::record::JsArchiveField;
    /// assert_eq!(<Option<u32> as JsArchiveField>::archived_type().option_value_offset(), 4);
    /// ```
    pub fn option_value_offset(&self) -> usize {
        match self {
            FieldType::Option(t) => round_up(1, t.align()),
            _ => 0,
        }
    }

    /// The Rust spelling of the type, for messages: `u8`, `[f32; 3]`, `Vec<Person>`.
    ///
    /// ```
    /// use slotwire::record::JsRecordField;
    /// assert_eq!(<[[u8; 2]; 3]>::field_type().rust_name(), "[[u8; 2]; 3]");
    /// ```
    pub fn rust_name(&self) -> String {
        match self {
            FieldType::Scalar(s) => s.as_str().to_owned(),
            FieldType::Array { elem, len } => format!("[{}; {len}]", elem.rust_name()),
            FieldType::Record(r) => r.name.to_owned(),
            FieldType::String => "String".to_owned(),
            FieldType::Vec(t) => format!("Vec<{}>", t.rust_name()),
            FieldType::Option(t) => format!("Option<{}>", t.rust_name()),
        }
    }

    /// The type descriptor as a JSON value (see the [module docs](self) for the format).
    ///
    /// ```
    /// use slotwire::record::JsArchiveField;
    /// let d = <Option<u16>>::archived_type().descriptor();
    /// assert_eq!(d["type"], "option");
    /// assert_eq!(d["valueOffset"], 2);
    /// assert_eq!(d["of"]["type"], "u16");
    /// ```
    pub fn descriptor(&self) -> Value {
        let (size, align) = (self.size(), self.align());
        match self {
            FieldType::Scalar(s) => json!({ "type": s.as_str(), "size": size, "align": align }),
            FieldType::Array { elem, len } => json!({
                "type": "array", "size": size, "align": align, "len": len, "of": elem.descriptor(),
            }),
            FieldType::Record(r) => r.descriptor(),
            FieldType::String => json!({ "type": "string", "size": size, "align": align }),
            FieldType::Vec(t) => json!({
                "type": "vec", "size": size, "align": align, "of": t.descriptor(),
            }),
            FieldType::Option(t) => json!({
                "type": "option", "size": size, "align": align,
                "valueOffset": self.option_value_offset(), "of": t.descriptor(),
            }),
        }
    }

    /// The type descriptor as JSON text, for `archiveView(memory, ptr, len, JSON.parse(text))`.
    ///
    /// ```
    /// use slotwire::record::JsArchiveField;
    /// assert!(<Vec<String>>::archived_type().to_json().starts_with('{'));
    /// ```
    pub fn to_json(&self) -> String {
        // A descriptor for JS: its readers must be in the app (the records snippet).
        #[cfg(target_arch = "wasm32")]
        crate::transport::records_linked();
        self.descriptor().to_string()
    }
}

impl fmt::Display for FieldType {
    /// The Rust spelling, as [`FieldType::rust_name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rust_name())
    }
}

/// One field of a record: its JS name, byte offset in the record and type.
///
/// ```
/// use slotwire::record::{FieldLayout, JsRecordField};
/// let f = FieldLayout::pod::<f64>("x", 8);
/// assert_eq!((f.name(), f.offset(), f.ty().size()), ("x", 8, 8));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldLayout {
    name: &'static str,
    offset: usize,
    ty: FieldType,
}

impl FieldLayout {
    /// A field of a Pod record, of Rust type `T` (what `#[derive(JsRecord)]` emits).
    ///
    /// ```
    /// let f = slotwire::record::FieldLayout::pod::<[u16; 4]>("rgba", 0);
    /// assert_eq!(f.ty().size(), 8);
    /// ```
    pub fn pod<T: JsRecordField>(name: &'static str, offset: usize) -> FieldLayout {
        let ty = T::field_type();
        check_size(name, &ty, size_of::<T>(), align_of::<T>());
        FieldLayout { name, offset, ty }
    }

    /// A field of an archived record whose Rust type is `T` (so its bytes are a `T::Archived`;
    /// what `#[derive(JsArchive)]` emits).
    ///
    /// ```
    /// let f = slotwire::record::FieldLayout::archived::<String>("name", 0);
    /// assert_eq!(f.ty().rust_name(), "String");
    /// ```
    pub fn archived<T: JsArchiveField>(name: &'static str, offset: usize) -> FieldLayout {
        let ty = T::archived_type();
        check_size(
            name,
            &ty,
            size_of::<T::Archived>(),
            align_of::<T::Archived>(),
        );
        FieldLayout { name, offset, ty }
    }

    /// The field's name in JS (the Rust name, or its `#[js(rename = "..")]`).
    ///
    /// ```
    /// assert_eq!(slotwire::record::FieldLayout::pod::<u8>("a", 0).name(), "a");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Byte offset from the start of the record.
    ///
    /// ```
    /// assert_eq!(slotwire::record::FieldLayout::pod::<u8>("a", 3).offset(), 3);
    /// ```
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The field's type.
    ///
    /// ```
    /// use slotwire::record::{FieldLayout, FieldType, Scalar};
    /// assert_eq!(FieldLayout::pod::<i8>("a", 0).ty(), &FieldType::Scalar(Scalar::I8));
    /// ```
    pub fn ty(&self) -> &FieldType {
        &self.ty
    }
}

/// Slotwire's model of a type's bytes must be the compiler's (or rkyv's): a mismatch is a bug or
/// an rkyv format other than the default, and the JS reader would read garbage.
#[track_caller]
fn check_size(name: &str, ty: &FieldType, size: usize, align: usize) {
    assert!(
        ty.size() == size && ty.align() == align,
        "slotwire::record: field `{name}` of type {ty}: expected size {} align {}, the compiler says \
         size {size} align {align} (rkyv must use its default format: little endian, aligned, \
         32-bit pointers)",
        ty.size(),
        ty.align(),
    );
}

/// The layout of a record: its name, size, alignment and fields in declaration order.
///
/// Built once per type by the derives ([`JsRecord::layout`], [`JsArchive::archived_layout`]) and
/// turned into the JS reader's descriptor by [`RecordLayout::to_json`].
///
/// ```
/// #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
/// #[repr(C)]
/// struct Rgb { r: u8, g: u8, b: u8 }
///
/// use slotwire::JsRecord;
/// let l = Rgb::layout();
/// assert_eq!((l.name(), l.size(), l.align(), l.fields().len()), ("Rgb", 3, 1, 3));
/// ```
#[derive(Debug)]
pub struct RecordLayout {
    name: &'static str,
    kind: RecordKind,
    size: usize,
    align: usize,
    fields: Vec<FieldLayout>,
    json: OnceLock<String>,
}

impl RecordLayout {
    /// A Pod record layout (what `#[derive(JsRecord)]` emits). Panics when a field does not fit
    /// in `size` or is misaligned: the derive takes offsets from `offset_of!`, so that is a bug.
    ///
    /// ```
    /// use slotwire::record::{FieldLayout, RecordLayout};
    /// let l = RecordLayout::pod("P", 8, 4, vec![FieldLayout::pod::<f32>("x", 0), FieldLayout::pod::<f32>("y", 4)]);
    /// assert_eq!(l.field("y").unwrap().offset(), 4);
    /// ```
    pub fn pod(
        name: &'static str,
        size: usize,
        align: usize,
        fields: Vec<FieldLayout>,
    ) -> RecordLayout {
        RecordLayout::new(name, RecordKind::Pod, size, align, fields)
    }

    /// An archived record layout (what `#[derive(JsArchive)]` emits): `size` and `align` are
    /// those of the archived type. Panics when rkyv's format is not the default one.
    ///
    /// ```
    /// use slotwire::record::{FieldLayout, RecordLayout, RecordKind};
    /// let l = RecordLayout::archive("S", 8, 4, vec![FieldLayout::archived::<String>("s", 0)]);
    /// assert_eq!(l.kind(), RecordKind::Archive);
    /// ```
    pub fn archive(
        name: &'static str,
        size: usize,
        align: usize,
        fields: Vec<FieldLayout>,
    ) -> RecordLayout {
        assert_default_rkyv_format();
        RecordLayout::new(name, RecordKind::Archive, size, align, fields)
    }

    fn new(
        name: &'static str,
        kind: RecordKind,
        size: usize,
        align: usize,
        fields: Vec<FieldLayout>,
    ) -> RecordLayout {
        for f in &fields {
            assert!(
                f.offset + f.ty.size() <= size && f.offset % f.ty.align() == 0,
                "slotwire::record: {name}.{}: offset {} does not fit a {} in {size} bytes",
                f.name,
                f.offset,
                f.ty,
            );
        }
        RecordLayout {
            name,
            kind,
            size,
            align,
            fields,
            json: OnceLock::new(),
        }
    }

    /// The Rust type's name.
    ///
    /// ```
    /// # use slotwire::record::RecordLayout;
    /// assert_eq!(RecordLayout::pod("P", 0, 1, vec![]).name(), "P");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Pod or archive.
    ///
    /// ```
    /// # use slotwire::record::{RecordKind, RecordLayout};
    /// assert_eq!(RecordLayout::pod("P", 0, 1, vec![]).kind(), RecordKind::Pod);
    /// ```
    pub fn kind(&self) -> RecordKind {
        self.kind
    }

    /// Size in bytes (`size_of` the struct, or of its archived type): the stride in a slice.
    ///
    /// ```
    /// # use slotwire::record::RecordLayout;
    /// assert_eq!(RecordLayout::pod("P", 16, 8, vec![]).size(), 16);
    /// ```
    pub fn size(&self) -> usize {
        self.size
    }

    /// Alignment in bytes.
    ///
    /// ```
    /// # use slotwire::record::RecordLayout;
    /// assert_eq!(RecordLayout::pod("P", 16, 8, vec![]).align(), 8);
    /// ```
    pub fn align(&self) -> usize {
        self.align
    }

    /// The fields, in declaration order.
    ///
    /// ```
    /// # use slotwire::record::{FieldLayout, RecordLayout};
    /// let l = RecordLayout::pod("P", 1, 1, vec![FieldLayout::pod::<u8>("a", 0)]);
    /// assert_eq!(l.fields()[0].name(), "a");
    /// ```
    pub fn fields(&self) -> &[FieldLayout] {
        &self.fields
    }

    /// The field named `name` (its JS name).
    ///
    /// ```
    /// # use slotwire::record::{FieldLayout, RecordLayout};
    /// let l = RecordLayout::pod("P", 1, 1, vec![FieldLayout::pod::<u8>("a", 0)]);
    /// assert!(l.field("a").is_some() && l.field("b").is_none());
    /// ```
    pub fn field(&self, name: &str) -> Option<&FieldLayout> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The descriptor as a JSON value: `{"type": "record", "kind", "name", "size", "align",
    /// "fields": [{"name", "offset", "type"}]}` (see the [module docs](self)).
    ///
    /// ```
    /// # use slotwire::record::{FieldLayout, RecordLayout};
    /// let l = RecordLayout::pod("P", 4, 4, vec![FieldLayout::pod::<f32>("x", 0)]);
    /// let d = l.descriptor();
    /// assert_eq!(d["fields"][0]["type"]["type"], "f32");
    /// ```
    pub fn descriptor(&self) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| json!({ "name": f.name, "offset": f.offset, "type": f.ty.descriptor() }))
            .collect();
        json!({
            "type": "record",
            "kind": self.kind.as_str(),
            "name": self.name,
            "size": self.size,
            "align": self.align,
            "fields": fields,
        })
    }

    /// The descriptor as JSON text: what `recordReader(JSON.parse(text))` takes in JS. Built on
    /// first use and kept (a derived layout lives for the whole program, and so does its text).
    ///
    /// ```
    /// # use slotwire::record::{FieldLayout, RecordLayout};
    /// let l = RecordLayout::pod("P", 4, 4, vec![FieldLayout::pod::<f32>("x", 0)]);
    /// assert!(l.to_json().contains(r#""kind":"pod""#));
    /// assert!(std::ptr::eq(l.to_json(), l.to_json()));
    /// ```
    pub fn to_json(&self) -> &str {
        self.json.get_or_init(|| {
            // A descriptor for JS: its readers must be in the app (the records snippet).
            #[cfg(target_arch = "wasm32")]
            crate::transport::records_linked();
            self.descriptor().to_string()
        })
    }
}

impl PartialEq for RecordLayout {
    /// Equal names, kinds, sizes, alignments and fields (the cached JSON text aside).
    fn eq(&self, other: &RecordLayout) -> bool {
        (self.name, self.kind, self.size, self.align, &self.fields)
            == (
                other.name,
                other.kind,
                other.size,
                other.align,
                &other.fields,
            )
    }
}

impl Eq for RecordLayout {}

/// Panics unless rkyv archives in its default format, the only one the JS reader reads.
fn assert_default_rkyv_format() {
    let le_aligned = TypeId::of::<rkyv::Archived<u32>>() == TypeId::of::<rkyv::rend::u32_le>();
    assert!(
        le_aligned && size_of::<rkyv::primitive::ArchivedUsize>() == REL,
        "slotwire::record: rkyv is built with a non-default format (big_endian, unaligned or \
         pointer_width_* enabled); the JS reader reads little endian, aligned, 32-bit archives"
    );
}

/// A type that can be a field of a [`JsRecord`] (a Pod record): the numbers, arrays of them and
/// other records.
///
/// ```
/// use slotwire::record::{FieldType, JsRecordField, Scalar};
/// assert_eq!(u16::field_type(), FieldType::Scalar(Scalar::U16));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a #[derive(JsRecord)] struct",
    label = "unsupported field type",
    note = "supported: u8 i8 u16 i16 u32 i32 u64 i64 f32 f64, arrays [T; N] of them, and \
            #[derive(JsRecord)] structs (for strings, vectors and options use #[derive(JsArchive)])"
)]
pub trait JsRecordField: bytemuck::Pod {
    /// This type's layout.
    fn field_type() -> FieldType;
}

/// A `#[repr(C)]` Pod struct JS can read in place: derive it with `#[derive(JsRecord)]`.
///
/// The layout is built on first use and cached for the life of the program.
///
/// ```
/// use slotwire::JsRecord;
///
/// #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord)]
/// #[repr(C)]
/// struct Vec2 { x: f32, y: f32 }
///
/// #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, JsRecord)]
/// #[repr(C)]
/// struct Segment { a: Vec2, b: Vec2, #[js(rename = "colour")] color: [u8; 4] }
///
/// let l = Segment::layout();
/// assert_eq!(l.field("b").unwrap().offset(), core::mem::offset_of!(Segment, b));
/// assert_eq!(l.field("colour").unwrap().ty().rust_name(), "[u8; 4]");
/// assert!(std::ptr::eq(l, Segment::layout())); // built once
/// ```
///
/// A field type outside the supported set, or a struct without `#[repr(C)]`, does not compile:
///
/// ```compile_fail
/// #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
/// #[repr(C)]
/// struct P { x: f32, big: u128 }
/// ```
///
/// ```compile_fail
/// #[derive(Clone, Copy, bytemuck::Zeroable, slotwire::JsRecord)]
/// struct P { x: f32 }
/// ```
pub trait JsRecord: JsRecordField {
    /// The record's layout.
    fn layout() -> &'static RecordLayout;
}

/// A type that can be a field of a [`JsArchive`] record, described by its *archived* type.
///
/// ```
/// use slotwire::record::{FieldType, JsArchiveField};
/// assert_eq!(String::archived_type(), FieldType::String);
/// assert_eq!(<Option<bool>>::archived_type().size(), 2);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a field of a #[derive(JsArchive)] struct",
    label = "unsupported field type",
    note = "supported: the numbers, usize/isize, bool, char, String, Vec<T>, Option<T> and \
            #[derive(JsArchive)] structs"
)]
pub trait JsArchiveField: rkyv::Archive {
    /// The layout of `Self::Archived`.
    fn archived_type() -> FieldType;
}

/// A struct archived with rkyv whose archived form JS can read: derive it with
/// `#[derive(rkyv::Archive, JsArchive)]`.
///
/// The derive describes `<Self as rkyv::Archive>::Archived` (offsets from `offset_of!`), so
/// `#[rkyv(archived = ..)]` renames are fine; `#[rkyv(with = ..)]` on a field and
/// `#[rkyv(as = ..)]` are rejected, as they change the archived types behind the derive's back.
///
/// ```
/// use slotwire::JsArchive;
///
/// #[derive(rkyv::Archive, rkyv::Serialize, JsArchive)]
/// struct Tag { label: String }
///
/// #[derive(rkyv::Archive, rkyv::Serialize, JsArchive)]
/// struct Item { id: u32, tags: Vec<Tag>, note: Option<String> }
///
/// let l = Item::archived_layout();
/// assert_eq!(l.size(), core::mem::size_of::<ArchivedItem>());
/// assert_eq!(l.field("tags").unwrap().offset(), core::mem::offset_of!(ArchivedItem, tags));
/// assert_eq!(l.field("tags").unwrap().ty().rust_name(), "Vec<Tag>");
/// ```
///
/// ```compile_fail
/// #[derive(rkyv::Archive, slotwire::JsArchive)]
/// struct S { map: std::collections::HashMap<u8, u8> } // rkyv archives it; the JS reader does not
/// ```
pub trait JsArchive: JsArchiveField {
    /// The layout of the archived struct.
    fn archived_layout() -> &'static RecordLayout;
}

macro_rules! scalars {
    (pod: $($t:ty => $s:ident),*; archive: $($a:ty => $as:ident),*) => {
        $(impl JsRecordField for $t {
            fn field_type() -> FieldType {
                FieldType::Scalar(Scalar::$s)
            }
        })*
        $(impl JsArchiveField for $a {
            fn archived_type() -> FieldType {
                FieldType::Scalar(Scalar::$as)
            }
        })*
    };
}

scalars! {
    pod: u8 => U8, i8 => I8, u16 => U16, i16 => I16, u32 => U32, i32 => I32, u64 => U64,
        i64 => I64, f32 => F32, f64 => F64;
    archive: u8 => U8, i8 => I8, u16 => U16, i16 => I16, u32 => U32, i32 => I32, u64 => U64,
        i64 => I64, f32 => F32, f64 => F64, bool => Bool, char => Char, usize => U32,
        isize => I32
}

impl<T: JsRecordField, const N: usize> JsRecordField for [T; N]
where
    [T; N]: bytemuck::Pod,
{
    fn field_type() -> FieldType {
        FieldType::Array {
            elem: Box::new(T::field_type()),
            len: N,
        }
    }
}

impl JsArchiveField for String {
    fn archived_type() -> FieldType {
        FieldType::String
    }
}

impl<T: JsArchiveField> JsArchiveField for Vec<T> {
    fn archived_type() -> FieldType {
        FieldType::Vec(Box::new(T::archived_type()))
    }
}

impl<T: JsArchiveField> JsArchiveField for Option<T> {
    fn archived_type() -> FieldType {
        FieldType::Option(Box::new(T::archived_type()))
    }
}

/// The descriptor of the archived form of `T` (any supported type, `Vec<Person>` as well as
/// `Person`): what JS's `archiveView(memory, ptr, byteLength, JSON.parse(text))` takes to read an
/// archive whose root is a `T`.
///
/// ```
/// #[derive(rkyv::Archive, slotwire::JsArchive)]
/// struct Point { x: i32, y: i32 }
///
/// let d: serde_json::Value =
///     serde_json::from_str(&slotwire::record::archive_descriptor::<Vec<Point>>()).unwrap();
/// assert_eq!((d["type"].as_str(), d["of"]["name"].as_str()), (Some("vec"), Some("Point")));
/// ```
pub fn archive_descriptor<T: JsArchiveField>() -> String {
    T::archived_type().to_json()
}

/// The error type slotwire archives and checks archives with: rancor's `BoxedError`, which keeps
/// what went wrong (which check failed, at which offset, in which field) in every build —
/// `rancor::Error` says only "failed without error information" without `debug_assertions`.
///
/// ```
/// use slotwire::record::ArchiveError;
///
/// // Checking bytes that are no archive of a `u32` fails with the reason, in every build.
/// let r = rkyv::access::<rkyv::Archived<u32>, ArchiveError>(&[1, 2]);
/// assert!(r.is_err());
/// assert!(!r.unwrap_err().to_string().is_empty());
/// ```
pub type ArchiveError = rkyv::rancor::BoxedError;

/// Checks an archive (for example one written by JS into wasm memory) with bytecheck and returns
/// its root, a `T::Archived` at the end of `bytes`.
///
/// Corrupt or truncated bytes, out-of-range relative pointers, invalid UTF-8, a bad `bool` or
/// `Option` tag and a misaligned buffer are an [`Error`] of kind [`ErrorKind::Type`] naming `T`;
/// no input is undefined behaviour.
///
/// ```
/// use slotwire::ErrorKind;
///
/// #[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
/// struct Note { text: String }
///
/// let mut bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&Note { text: "a long enough note".into() }).unwrap();
/// assert_eq!(slotwire::record::access::<Note>(&bytes).unwrap().text, "a long enough note");
///
/// let n = bytes.len();
/// bytes[n - 4..].copy_from_slice(&1000i32.to_le_bytes()); // the string's offset, now past the end
/// let Err(e) = slotwire::record::access::<Note>(&bytes) else { panic!("corrupt bytes accepted") };
/// assert_eq!(e.kind(), ErrorKind::Type);
/// assert!(e.message().starts_with("archive of Note: "), "{e}");
/// ```
pub fn access<T>(bytes: &[u8]) -> Result<&T::Archived>
where
    T: JsArchiveField,
    T::Archived: rkyv::Portable
        + for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, ArchiveError>>,
{
    // The two checks rkyv's message is least clear about, first: the root must fit, aligned.
    let (size, align) = (size_of::<T::Archived>(), align_of::<T::Archived>());
    if bytes.len() < size {
        return Err(Error::new(
            ErrorKind::Type,
            format!(
                "archive of {}: invalid bytes: {} bytes are too few (the root alone takes {size})",
                T::archived_type(),
                bytes.len()
            ),
        ));
    }
    let root = bytes.as_ptr() as usize + (bytes.len() - size);
    if root % align != 0 {
        return Err(Error::new(
            ErrorKind::Type,
            format!(
                "archive of {}: invalid bytes: its root (the last {size} bytes, at {root:#x}) is \
                 not aligned to {align} bytes",
                T::archived_type()
            ),
        ));
    }
    rkyv::access::<T::Archived, ArchiveError>(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Type,
            format!("archive of {}: invalid bytes: {e}", T::archived_type()),
        )
    })
}

/// Reads `bytes` (for example from JS) as a slice of Pod records: the length must be a multiple
/// of the record's size and the address aligned, or an [`Error`] of kind [`ErrorKind::Type`].
///
/// ```
/// #[derive(Clone, Copy, Debug, PartialEq, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
/// #[repr(C)]
/// struct P { a: u16, b: u16 }
///
/// let words = [0x0002_0001u32, 0x0004_0003];
/// let ps = slotwire::record::records::<P>(bytemuck::cast_slice(&words)).unwrap();
/// assert_eq!(ps, &[P { a: 1, b: 2 }, P { a: 3, b: 4 }]);
/// assert!(slotwire::record::records::<P>(&[0u8; 3]).is_err());
/// // No bytes are no records, wherever they are (an empty buffer's address is dangling).
/// assert!(slotwire::record::records::<P>(&[0u8; 2][1..1]).unwrap().is_empty());
/// ```
pub fn records<T: JsRecord>(bytes: &[u8]) -> Result<&[T]> {
    if bytes.is_empty() {
        return Ok(&[]);
    }
    bytemuck::try_cast_slice(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Type,
            format!(
                "records of {}: {} bytes at {:p}: {e:?}",
                T::layout().name(),
                bytes.len(),
                bytes.as_ptr()
            ),
        )
    })
}

thread_local! {
    /// Layout descriptors registered with the JS runtime, by address: their type ids.
    static JS_TYPE_IDS: std::cell::RefCell<std::collections::HashMap<usize, u32>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The id the JS runtime knows a layout descriptor by (registered on first use, then cached):
/// what a record view's slot carries. 0 natively, where there is no JS runtime.
///
/// ```
/// # #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
/// # #[repr(C)]
/// # struct P { x: f32 }
/// use slotwire::record::{js_type_id, JsRecord};
/// assert_eq!(js_type_id(P::layout().to_json()), 0); // natively
/// ```
pub fn js_type_id(descriptor: &'static str) -> u32 {
    let key = descriptor.as_ptr() as usize;
    if let Some(id) = JS_TYPE_IDS.with(|m| m.borrow().get(&key).copied()) {
        return id;
    }
    let id = register_js_type(descriptor);
    if id != 0 {
        JS_TYPE_IDS.with(|m| m.borrow_mut().insert(key, id));
    }
    id
}

#[cfg(target_arch = "wasm32")]
fn register_js_type(descriptor: &str) -> u32 {
    match crate::runtime::runtime_id() {
        Ok(rt) => crate::transport::record_type(rt, descriptor),
        Err(_) => 0,
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn register_js_type(_descriptor: &str) -> u32 {
    0
}

/// An rkyv archive of a `T`, lent to JS as a lazy view: an import argument `&Archive<T>` arrives
/// as the archive's root (`archive.get(i).name` for a `Vec` root decodes only that string),
/// valid during the call. It is an argument only: an export, closure or future returning an
/// `Archive` does not compile (JS would read its bytes after they are freed; see `ToJs`).
///
/// ```
/// use slotwire::record::Archive;
///
/// #[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
/// struct Person { name: String, age: u32 }
///
/// let people = vec![Person { name: "Ada".into(), age: 36 }];
/// let a = Archive::new(&people).unwrap();
/// assert_eq!(a.access().unwrap()[0].name, "Ada");
/// ```
pub struct Archive<T> {
    bytes: rkyv::util::AlignedVec,
    descriptor: &'static str,
    _of: core::marker::PhantomData<fn() -> T>,
}

/// The rkyv serializer [`Archive`] archives with (rkyv's default, into an aligned buffer): a type
/// needs `for<'a> rkyv::Serialize<ArchiveSerializer<'a>>`, which `#[derive(rkyv::Serialize)]` gives.
///
/// ```
/// use slotwire::record::{Archive, ArchiveSerializer, JsArchiveField};
///
/// /// Archives any value slotwire can lend to JS.
/// fn lend<T>(value: &T) -> slotwire::Result<Archive<T>>
/// where
///     T: JsArchiveField + 'static + for<'a> rkyv::Serialize<ArchiveSerializer<'a>>,
/// {
///     Archive::new(value)
/// }
///
/// #[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
/// struct Point { x: f64, y: f64 }
/// assert_eq!(lend(&Point { x: 1.0, y: 2.0 }).unwrap().access().unwrap().y, 2.0);
/// ```
pub type ArchiveSerializer<'a> = rkyv::api::high::HighSerializer<
    rkyv::util::AlignedVec,
    rkyv::ser::allocator::ArenaHandle<'a>,
    ArchiveError,
>;

impl<T: JsArchiveField + 'static> Archive<T> {
    /// Archives `value` with rkyv (default format: little endian, aligned, 32-bit offsets).
    pub fn new(value: &T) -> Result<Archive<T>>
    where
        T: for<'a> rkyv::Serialize<ArchiveSerializer<'a>>,
    {
        let mut a = Archive {
            bytes: rkyv::util::AlignedVec::new(),
            descriptor: root_descriptor::<T>(),
            _of: core::marker::PhantomData,
        };
        a.update(value)?;
        Ok(a)
    }

    /// Archives `value` again into the same buffer (no allocation once it is large enough): for
    /// data handed to JS over and over.
    ///
    /// ```
    /// # #[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
    /// # struct Person { name: String, age: u32 }
    /// let mut a = slotwire::record::Archive::new(&vec![Person { name: "Ada".into(), age: 36 }]).unwrap();
    /// a.update(&vec![Person { name: "Grace".into(), age: 85 }]).unwrap();
    /// assert_eq!(a.access().unwrap()[0].name, "Grace");
    /// ```
    pub fn update(&mut self, value: &T) -> Result<()>
    where
        T: for<'a> rkyv::Serialize<ArchiveSerializer<'a>>,
    {
        let mut buf = core::mem::take(&mut self.bytes);
        buf.clear();
        self.bytes = rkyv::api::high::to_bytes_in::<_, ArchiveError>(value, buf).map_err(|e| {
            Error::new(
                ErrorKind::Type,
                format!("cannot archive {}: {e}", T::archived_type()),
            )
        })?;
        Ok(())
    }

    /// The archived bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The archived root, checked (see [`access`]).
    pub fn access(&self) -> Result<&T::Archived>
    where
        T::Archived: rkyv::Portable
            + for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, ArchiveError>>,
    {
        access::<T>(&self.bytes)
    }
}

/// The root descriptor of archives of `T`, made once per type and kept (leaked: one per type).
fn root_descriptor<T: JsArchiveField + 'static>() -> &'static str {
    thread_local! {
        static ROOTS: std::cell::RefCell<std::collections::HashMap<core::any::TypeId, &'static str>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    let id = core::any::TypeId::of::<fn() -> T>();
    ROOTS.with(|r| {
        *r.borrow_mut()
            .entry(id)
            .or_insert_with(|| Box::leak(archive_descriptor::<T>().into_boxed_str()))
    })
}

// SAFETY: points at the archive's own bytes (alive while `self` is borrowed for the call) with
// their length, and the id of the descriptor registered for `T`.
unsafe impl<T: JsArchiveField + 'static> crate::ToJs for Archive<T> {
    const TYPE: crate::JsType = crate::JsType::Span;
    const CODE: crate::slot::Code =
        crate::slot::compound(crate::JsType::Span, false, crate::JsType::Record as u32);
    /// Lent for one call only: its bytes are freed with it, so it cannot be a result.
    const LENDS: bool = true;
    fn write(&self, slot: &mut crate::slot::Slot) {
        // JS reads it with the view runtime (a record span).
        crate::marshal::view::link_views();
        slot.set_ptr_len(self.bytes.as_ptr(), self.bytes.len());
        slot.value = u64::from(slot.value as u32) | (u64::from(js_type_id(self.descriptor)) << 32);
        slot.ty = crate::JsType::Span as u8;
        slot.elem = crate::JsType::Record as u8;
    }
}

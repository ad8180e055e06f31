//! What every path shares: the strings passed, the Rust-side string consumer.

use std::sync::OnceLock;

/// 16-byte ASCII strings, one picked per call (`i & 7`). The same set as `benches/raw-floor` and
/// `benches/page/fns.js`.
pub static STRS16: [&str; 8] = [
    "slotwire-bench-a",
    "slotwire-bench-b",
    "slotwire-bench-c",
    "slotwire-bench-d",
    "slotwire-bench-e",
    "slotwire-bench-f",
    "slotwire-bench-g",
    "slotwire-bench-h",
];

/// The string for call `i`.
#[inline(always)]
pub fn str16(i: u32) -> &'static str {
    STRS16[(i & 7) as usize]
}

/// What Rust does with a string it received, in every path: length plus last byte.
#[inline(always)]
pub fn consume(s: &str) -> i32 {
    s.len() as i32 + s.as_bytes().last().copied().unwrap_or(0) as i32
}

/// 64 KiB: the text is repeated [`TEXT_UNIT`]s padded with `.` to exactly this length.
pub const TEXT_LEN: usize = 64 * 1024;

/// One unit of the 64 KiB text: ASCII, Latin-1, Greek, CJK and an astral character.
pub const TEXT_UNIT: &str = "Grüße aus Köln — καλημέρα 世界 𝄞 slotwire! ";

/// 64 KiB of mixed UTF-8, built once (the same text as raw-floor's and `fns.js`'s `text64k()`).
///
/// ```
/// let t = bench_wasm::common::text64k();
/// assert_eq!(t.len(), 64 * 1024);
/// assert!(t.starts_with(bench_wasm::common::TEXT_UNIT));
/// ```
pub fn text64k() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut s = String::with_capacity(TEXT_LEN);
        while s.len() + TEXT_UNIT.len() <= TEXT_LEN {
            s.push_str(TEXT_UNIT);
        }
        while s.len() < TEXT_LEN {
            s.push('.');
        }
        s
    })
}

// ---- Issue 5: bulk data handed from Rust to JS (made once, outside the timed loops). ----

/// Byte `i` of the `bytes_*_to_js` buffers (the same formula as `fns.js`'s `byteAt`).
#[inline(always)]
pub fn byte_at(i: usize) -> u8 {
    (i.wrapping_mul(31).wrapping_add(7) & 0xff) as u8
}

/// 1 KiB of bytes, made once.
pub fn bytes_1k() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| (0..1024).map(byte_at).collect())
}

/// 1 MiB of bytes, made once.
pub fn bytes_1m() -> &'static [u8] {
    static B: OnceLock<Vec<u8>> = OnceLock::new();
    B.get_or_init(|| (0..1024 * 1024).map(byte_at).collect())
}

/// 1,048,576 f64s, `(i % 1024) / 2` (exact sums in any order), made once.
pub fn f64_1m() -> &'static [f64] {
    static F: OnceLock<Vec<f64>> = OnceLock::new();
    F.get_or_init(|| (0..1024 * 1024).map(|i| (i % 1024) as f64 * 0.5).collect())
}

/// How many records the `records_10k_*` scenarios hand over.
pub const RECORDS: usize = 10_000;

/// A record of 10 fields, one a string: what every path hands JS in `records_10k_*`. Every
/// number is a small dyadic fraction, so the sum JS makes is exact in any order and the same in
/// every path (`fns.js`'s `recordsFullValue` mirrors [`record`]).
#[derive(Clone, Debug, serde::Serialize, rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
pub struct Rec {
    pub id: u32,
    pub x: f32,
    pub y: f32,
    pub z: f32,
    pub vx: f32,
    pub vy: f32,
    pub vz: f32,
    pub mass: f64,
    pub flags: u16,
    pub name: String,
}

/// Record `i` (8 to 13 ASCII bytes of name: `particle-<i>`).
pub fn record(i: u32) -> Rec {
    Rec {
        id: i,
        x: (i % 1000) as f32 * 0.25,
        y: (i % 500) as f32 * 0.5,
        z: (i % 250) as f32 * 0.125,
        vx: (i % 7) as f32,
        vy: (i % 11) as f32 * 0.5,
        vz: (i % 13) as f32 * 0.25,
        mass: i as f64 * 0.5 + 1.0,
        flags: (i.wrapping_mul(7) & 0xffff) as u16,
        name: format!("particle-{i}"),
    }
}

/// The 10,000 records, made once.
pub fn records() -> &'static Vec<Rec> {
    static R: OnceLock<Vec<Rec>> = OnceLock::new();
    R.get_or_init(|| (0..RECORDS as u32).map(record).collect())
}

/// The records archived once with rkyv (`slotwire::record::Archive`), for the slotwire path.
pub fn records_archive() -> &'static slotwire::record::Archive<Vec<Rec>> {
    static A: OnceLock<slotwire::record::Archive<Vec<Rec>>> = OnceLock::new();
    A.get_or_init(|| slotwire::record::Archive::new(records()).expect("archive the records"))
}

/// A byte slice that serializes with `serialize_bytes` (what the `serde_bytes` crate does):
/// `serde_wasm_bindgen` makes it a `Uint8Array` instead of an array of numbers.
pub struct SerdeBytes<'a>(pub &'a [u8]);

impl serde::Serialize for SerdeBytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

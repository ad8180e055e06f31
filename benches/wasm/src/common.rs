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

//! The physical floor of every benchmark scenario: what a call costs with no marshalling layer at
//! all. Plain wasm imports from the module `floor`, supplied by a hand-written JS import object
//! (`benches/page/floor.js`), and `#[no_mangle]` exports; strings cross as pointer + length and
//! are decoded on the JS side by the best code for that one signature; JS objects are integer
//! handles into a table in `floor.js` (`new_answer`/`held_answer` hold one, `release` frees it).
//!
//! Each `run_<scenario>_raw_floor(n)` makes `n` calls in a loop and returns a checksum the JS side
//! checks, so that no call can be skipped. The loop bodies are the same as in `benches/wasm`, the
//! module of every other path.
//!
//! Everything is wasm32-only: natively the crate is empty (the imports would not link).

#[cfg(target_arch = "wasm32")]
mod floor {
    use core::cell::UnsafeCell;
    use std::sync::OnceLock;

    /// 16-byte ASCII strings, one picked per call (`i & 7`) so that successive calls differ.
    /// The same set as `benches/wasm` and `benches/page/fns.js`.
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

    #[link(wasm_import_module = "floor")]
    extern "C" {
        fn call_void();
        fn add_i32x3(a: i32, b: i32, c: i32) -> i32;
        fn mul_f64x2(a: f64, b: f64) -> f64;
        /// Decodes `len` bytes of short ASCII at `ptr` and passes the string to `strArg16`.
        fn str_arg_16(ptr: *const u8, len: usize) -> i32;
        /// Decodes `len` bytes of UTF-8 at `ptr` (TextDecoder) and passes it to `strArg64k`.
        fn str_arg_64k(ptr: *const u8, len: usize) -> i32;
        /// Writes the string `stringRet16()` returns as UTF-8 into `buf` (`cap` bytes); returns
        /// its byte length, or -1 if it did not fit.
        fn string_ret_16(buf: *mut u8, cap: usize) -> i32;
        /// Holds `benchFns.newAnswer()` in the table; returns its handle.
        fn new_answer() -> u32;
        /// Holds `benchFns.heldAnswer()` in the table; returns its handle.
        fn held_answer() -> u32;
        /// `benchFns.incrementAnswer(objects[h])`.
        fn increment_answer(h: u32);
        /// `objects[h].answer`.
        fn get_answer(h: u32) -> f64;
        /// Frees handle `h`.
        fn release(h: u32);
        /// Hands JS the function of entry `index` of [`CALLBACKS`]: a JS function calling
        /// [`call_callback`]`(index, x)`, stored with `benchFns.storeCallback`.
        fn store_callback(index: u32);
        /// JS lets go of the function [`store_callback`] made.
        fn release_callback(index: u32);
        /// `benchFns.resolvedI32(x).then(v => settle_i32(v))`.
        fn resolved_i32(x: i32);
        /// Reads `count` hand-packed records at `recs` (see [`packed_records`]) with their names
        /// in the bytes at `names`, and returns the sum of every field plus each name's length.
        fn records_full(recs: *const u8, count: u32, names: *const u8) -> f64;
        /// The sum of the `mass` field of `count` hand-packed records at `recs`.
        fn records_one_field(recs: *const u8, count: u32) -> f64;
        /// Resolves the promise JS awaits for `run_promise_roundtrip_raw_floor` with `acc`.
        fn promise_done(acc: f64);
    }

    /// The consumer of a string on the Rust side, identical in every path: length plus last byte.
    #[inline(always)]
    fn consume(s: &str) -> i32 {
        s.len() as i32 + s.as_bytes().last().copied().unwrap_or(0) as i32
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_call_void_raw_floor(n: u32) -> f64 {
        for _ in 0..n {
            // SAFETY: a plain JS function without arguments.
            unsafe { call_void() };
        }
        n as f64
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_call_i32x3_raw_floor(n: u32) -> f64 {
        let mut acc = 0i64;
        for i in 0..n as i32 {
            // SAFETY: a plain JS function of numbers.
            acc += unsafe { add_i32x3(i, 1, 2) } as i64;
        }
        acc as f64
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_call_f64x2_raw_floor(n: u32) -> f64 {
        let mut acc = 0f64;
        for i in 0..n {
            // SAFETY: a plain JS function of numbers.
            acc += unsafe { mul_f64x2(i as f64, 0.5) };
        }
        acc
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_string_arg_16_raw_floor(n: u32) -> f64 {
        let mut acc = 0i64;
        for i in 0..n {
            let s = STRS16[(i & 7) as usize];
            // SAFETY: JS reads `len` bytes at `ptr` during the call; `s` is 'static.
            acc += unsafe { str_arg_16(s.as_ptr(), s.len()) } as i64;
        }
        acc as f64
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_string_arg_64k_raw_floor(n: u32) -> f64 {
        let text = text64k();
        let mut acc = 0i64;
        for _ in 0..n {
            // SAFETY: as above; `text` lives in the static buffer, never written again.
            acc += unsafe { str_arg_64k(text.as_ptr(), text.len()) } as i64;
        }
        acc as f64
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_string_ret_16_raw_floor(n: u32) -> f64 {
        let mut buf = [0u8; 64];
        let mut acc = 0i64;
        for _ in 0..n {
            // SAFETY: JS writes at most `buf.len()` bytes into `buf` during the call.
            let len = unsafe { string_ret_16(buf.as_mut_ptr(), buf.len()) };
            let Ok(len) = usize::try_from(len) else {
                return f64::NAN;
            };
            let Ok(s) = core::str::from_utf8(&buf[..len]) else {
                return f64::NAN;
            };
            acc += consume(s) as i64;
        }
        acc as f64
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_object_increment_raw_floor(n: u32) -> f64 {
        // SAFETY (every call of this module's object imports): plain JS functions of handles; a
        // handle is used only between the call that made it and its release.
        let h = unsafe { new_answer() };
        for _ in 0..n {
            unsafe { increment_answer(h) };
        }
        unsafe { release(h) };
        n as f64
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_object_create_raw_floor(n: u32) -> f64 {
        for _ in 0..n {
            // SAFETY: as above.
            unsafe {
                let h = new_answer();
                increment_answer(h);
                release(h);
            }
        }
        n as f64
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn run_object_prop_get_raw_floor(n: u32) -> f64 {
        // SAFETY: as above.
        let h = unsafe { held_answer() };
        let mut acc = 0f64;
        for _ in 0..n {
            acc += unsafe { get_answer(h) };
        }
        unsafe { release(h) };
        acc
    }

    #[unsafe(no_mangle)]
    pub extern "C" fn export_i32(x: i32) -> i32 {
        x.wrapping_add(1)
    }

    /// How many records the `records_10k_*` scenarios hand over (as `benches/wasm`).
    const RECORDS: u32 = 10_000;
    /// Bytes of one hand-packed record: `id` u32 @0, `x y z vx vy vz` f32 @4..28, `flags` u16
    /// @28, the name's offset u32 @32 and length u32 @36 in the name bytes, `mass` f64 @40.
    const RECORD_SIZE: usize = 48;

    /// The 10,000 records of `benches/wasm`'s `record(i)`, packed by hand once (what a user
    /// without slotwire would do: a fixed layout of little-endian fields, the strings apart), as
    /// the slotwire_archived path archives them once.
    fn packed_records() -> &'static (Vec<u64>, Vec<u8>) {
        static PACKED: OnceLock<(Vec<u64>, Vec<u8>)> = OnceLock::new();
        PACKED.get_or_init(|| {
            let mut bytes = vec![0u8; RECORDS as usize * RECORD_SIZE];
            let mut names = Vec::new();
            for i in 0..RECORDS {
                let r = &mut bytes[i as usize * RECORD_SIZE..][..RECORD_SIZE];
                let f32s = [
                    (i % 1000) as f32 * 0.25,
                    (i % 500) as f32 * 0.5,
                    (i % 250) as f32 * 0.125,
                    (i % 7) as f32,
                    (i % 11) as f32 * 0.5,
                    (i % 13) as f32 * 0.25,
                ];
                r[0..4].copy_from_slice(&i.to_le_bytes());
                for (k, v) in f32s.iter().enumerate() {
                    r[4 + 4 * k..8 + 4 * k].copy_from_slice(&v.to_le_bytes());
                }
                r[28..30].copy_from_slice(&((i.wrapping_mul(7) & 0xffff) as u16).to_le_bytes());
                let name = format!("particle-{i}");
                r[32..36].copy_from_slice(&(names.len() as u32).to_le_bytes());
                r[36..40].copy_from_slice(&(name.len() as u32).to_le_bytes());
                r[40..48].copy_from_slice(&(i as f64 * 0.5 + 1.0).to_le_bytes());
                names.extend_from_slice(name.as_bytes());
            }
            // 8-byte aligned storage, so JS can read the f64s through a Float64Array.
            let words = bytes
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect();
            (words, names)
        })
    }

    /// `records_10k_full`: JS reads every field of every hand-packed record.
    #[unsafe(no_mangle)]
    pub extern "C" fn run_records_10k_full_raw_floor(n: u32) -> f64 {
        let (recs, names) = packed_records();
        let mut acc = 0.0;
        for _ in 0..n {
            // SAFETY: JS reads the packed records and names during the call; both live forever.
            acc += unsafe { records_full(recs.as_ptr().cast(), RECORDS, names.as_ptr()) };
        }
        acc
    }

    /// `records_10k_one_field`: JS reads the `mass` of every hand-packed record.
    #[unsafe(no_mangle)]
    pub extern "C" fn run_records_10k_one_field_raw_floor(n: u32) -> f64 {
        let (recs, _) = packed_records();
        let mut acc = 0.0;
        for _ in 0..n {
            // SAFETY: as above.
            acc += unsafe { records_one_field(recs.as_ptr().cast(), RECORDS) };
        }
        acc
    }

    /// The hand-written function table JS's callbacks index into (`callback_i32`).
    static CALLBACKS: [fn(i32) -> i32; 1] = [|x| x.wrapping_add(1)];

    /// What JS's function for callback `index` calls: entry `index` of [`CALLBACKS`] on `x`.
    #[unsafe(no_mangle)]
    pub extern "C" fn call_callback(index: u32, x: i32) -> i32 {
        match CALLBACKS.get(index as usize) {
            Some(f) => f(x),
            None => i32::MIN,
        }
    }

    /// `callback_i32`, before a batch: hands JS the function of callback 0 (x → x + 1).
    #[unsafe(no_mangle)]
    pub extern "C" fn callback_i32_begin_raw_floor() {
        // SAFETY: a plain JS function of a number.
        unsafe { store_callback(0) };
    }

    /// `callback_i32`, after a batch: JS lets go of the function.
    #[unsafe(no_mangle)]
    pub extern "C" fn callback_i32_end_raw_floor() {
        // SAFETY: a plain JS function of a number.
        unsafe { release_callback(0) };
    }

    /// The state of the one `promise_roundtrip` loop: awaiting step `i` of `n`, sum so far.
    /// No `Future` and no executor: the loop is written by hand as a continuation, the least
    /// awaiting a promise can cost (one `then`, one microtask, one export call per promise).
    struct Roundtrip {
        i: i32,
        n: i32,
        acc: i64,
    }
    struct RoundtripCell(UnsafeCell<Roundtrip>);
    // SAFETY: wasm32-unknown-unknown without threads: one thread only.
    unsafe impl Sync for RoundtripCell {}
    static ROUNDTRIP: RoundtripCell =
        RoundtripCell(UnsafeCell::new(Roundtrip { i: 0, n: 0, acc: 0 }));

    /// Awaits `benchFns.resolvedI32(i)` for i < n, one after the other; the sum goes to
    /// `promise_done` when the last promise settled.
    #[unsafe(no_mangle)]
    pub extern "C" fn run_promise_roundtrip_raw_floor(n: u32) {
        // SAFETY: one thread; no reference to the state outlives this function.
        let r = unsafe { &mut *ROUNDTRIP.0.get() };
        *r = Roundtrip {
            i: 0,
            n: n as i32,
            acc: 0,
        };
        next_step(r);
    }

    /// The continuation of `run_promise_roundtrip_raw_floor`: promise `i` resolved with `v`.
    #[unsafe(no_mangle)]
    pub extern "C" fn settle_i32(v: i32) {
        // SAFETY: as above.
        let r = unsafe { &mut *ROUNDTRIP.0.get() };
        r.acc += v as i64;
        r.i += 1;
        next_step(r);
    }

    fn next_step(r: &Roundtrip) {
        // SAFETY: plain JS functions of numbers.
        unsafe {
            if r.i < r.n {
                resolved_i32(r.i);
            } else {
                promise_done(r.acc as f64);
            }
        }
    }

    /// Where JS writes an export's string argument: a fixed buffer whose address it asks once.
    #[repr(C, align(8))]
    struct Scratch(UnsafeCell<[u8; SCRATCH_SIZE]>);
    // SAFETY: wasm32-unknown-unknown without threads: one thread only.
    unsafe impl Sync for Scratch {}
    const SCRATCH_SIZE: usize = 4096;
    static SCRATCH: Scratch = Scratch(UnsafeCell::new([0; SCRATCH_SIZE]));

    /// The address of the scratch buffer (4096 bytes) JS encodes export string arguments into.
    #[unsafe(no_mangle)]
    pub extern "C" fn scratch() -> *mut u8 {
        SCRATCH.0.get().cast()
    }

    /// `len` bytes JS wrote at `ptr` (the scratch buffer), read as a `&str`; -1 if not UTF-8.
    #[unsafe(no_mangle)]
    pub extern "C" fn export_string_16(ptr: *const u8, len: usize) -> i32 {
        // SAFETY: JS wrote `len` bytes at `ptr` inside the scratch buffer just before the call.
        let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
        match core::str::from_utf8(bytes) {
            Ok(s) => consume(s),
            Err(_) => -1,
        }
    }

    /// 64 KiB of mixed UTF-8, built once: the same text `benches/wasm` and `fns.js` build.
    fn text64k() -> &'static str {
        static TEXT: OnceLock<String> = OnceLock::new();
        TEXT.get_or_init(|| {
            let mut buf = vec![0u8; TEXT_LEN];
            let unit = TEXT_UNIT.as_bytes();
            let mut at = 0;
            while at + unit.len() <= TEXT_LEN {
                buf[at..at + unit.len()].copy_from_slice(unit);
                at += unit.len();
            }
            buf[at..].fill(b'.');
            String::from_utf8(buf).expect("the 64 KiB text is UTF-8")
        })
    }

    /// 64 KiB: the text is repeated [`TEXT_UNIT`]s padded with `.` to exactly this length.
    const TEXT_LEN: usize = 64 * 1024;

    /// One unit of the 64 KiB text: ASCII, Latin-1, Greek, CJK and an astral character.
    const TEXT_UNIT: &str = "Grüße aus Köln — καλημέρα 世界 𝄞 slotwire! ";
}

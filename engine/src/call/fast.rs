//! Typed trampolines: the fast path for signatures made only of numbers, `bool`, `char` and
//! `&str` arguments.
//!
//! Slots cost memory traffic that plain wasm parameters do not. For such signatures the values go
//! as wasm parameters (`i32` or `f64`; a `&str` as pointer and length, a `JsObject` as its
//! handle; an import's `String` result as the address JS encoded it at, its length in
//! [`FastArea`]): `#[js_import]` declares a wasm import of its own (the JS global `__slotwire_k<hash>`,
//! defined when it binds, so each import has its own call site), a [`Binding`] calls one of the
//! shared `callN_*` imports below, and `#[js_export]` adds a typed wasm export
//! `__slotwire_fast__<name>` that JS calls directly. The JS half builds one specialised function
//! per binding at bind time. Everything else, and every error, still goes through slots: a JS
//! exception in a fast import is written into [`FastArea`]'s exception slot and flagged in its
//! status word, which Rust checks after each call.
//!
//! [`Binding`]: crate::Binding
//!
//! The shared imports' names say the shape: `call3_i_d` takes an id and 3 `i32`s and returns an `f64`;
//! `v` is no result. Signatures mixing `i32` and `f64` values pass them all as `f64` (exact for
//! every 32-bit integer).

use core::sync::atomic::{AtomicU32, Ordering};

#[cfg(target_arch = "wasm32")]
use crate::slot::FAST_USE_SLOTS;
use crate::slot::{code_type, Code, Slot, FAST_CLEAR, NULLABLE};
use crate::JsError;
use crate::JsType;

/// Where JS reports an exception thrown by a fast import: a status word, the byte length of a
/// `String` result (see [`string_result`]), a [`Slot`], then the frame generation (see
/// [`frame_generation`]).
#[repr(C, align(8))]
pub struct FastArea {
    status: AtomicU32,
    result_len: AtomicU32,
    exception: [AtomicU32; 4],
    /// Low and high words of a 64-bit count (JS carries into the high word): it never wraps.
    frame_gen: [AtomicU32; 2],
}

/// The one fast area of this instance; JS learns its address when the runtime attaches.
pub static FAST_AREA: FastArea = FastArea {
    status: AtomicU32::new(0),
    result_len: AtomicU32::new(0),
    exception: [const { AtomicU32::new(0) }; 4],
    frame_gen: [const { AtomicU32::new(0) }; 2],
};

/// The frame generation: JS advances it before it writes into its frame area or a result block.
/// A result read later than right after its call (a [`Ret`](crate::Ret)) is still what JS wrote
/// while this is the value it had when the call returned.
#[inline]
pub(crate) fn frame_generation() -> u64 {
    let lo = FAST_AREA.frame_gen[0].load(Ordering::Relaxed);
    let hi = FAST_AREA.frame_gen[1].load(Ordering::Relaxed);
    (u64::from(hi) << 32) | u64::from(lo)
}

/// Tells JS that a typed call it made into Rust (a closure's) could not run that way: status 2 in
/// the fast area; JS clears it and calls through the slots instead. (Natively, where tests call
/// the typed entries, there is no JS to tell, and tests in other threads read the word.)
pub(crate) fn request_slot_path() {
    #[cfg(target_arch = "wasm32")]
    FAST_AREA.status.store(FAST_USE_SLOTS, Ordering::Relaxed);
}

/// Panics naming `label` if the fast import just made threw (what a `#[js_import]` without
/// `Result` does); the panic path is out of line, so the caller's common path is a load and a
/// branch, with no stack frame for the error.
#[inline]
#[track_caller]
pub fn check_import(label: &'static str) {
    if FAST_AREA.status.load(Ordering::Relaxed) != FAST_CLEAR {
        import_threw(label);
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn import_threw(label: &'static str) -> ! {
    crate::__private::import_failed(label, take_exception_slow())
}

/// The exception a fast import reported, if any; clears it.
#[inline]
pub fn take_exception() -> Option<JsError> {
    if FAST_AREA.status.load(Ordering::Relaxed) == FAST_CLEAR {
        None
    } else {
        Some(take_exception_slow())
    }
}

#[cold]
fn take_exception_slow() -> JsError {
    let w = |i: usize| FAST_AREA.exception[i].load(Ordering::Relaxed);
    let slot = Slot {
        value: w(0) as u64 | (w(1) as u64) << 32,
        len: w(2),
        ty: 0,
        elem: 0,
        flags: 0,
        reserved: 0,
    };
    let e = super::frame::exception_from_slot(&slot);
    FAST_AREA.status.store(FAST_CLEAR, Ordering::Relaxed);
    e
}

/// A `&str` argument of a fast export: `len` bytes of UTF-8 that JS encoded at `ptr`.
///
/// # Safety
///
/// `ptr..ptr + len` must be readable and unchanged for `'a` (JS's frame for the call).
#[inline]
pub unsafe fn str_arg<'a>(ptr: u32, len: u32, export: &str) -> &'a str {
    if len == 0 {
        return "";
    }
    // SAFETY: guaranteed by the caller.
    let bytes = unsafe { core::slice::from_raw_parts(ptr as usize as *const u8, len as usize) };
    match core::str::from_utf8(bytes) {
        Ok(s) => s,
        // The JS runtime only writes TextEncoder output; anything else is a broken runtime.
        Err(e) => panic!("{export}: string argument is not UTF-8 ({e}); the JS runtime is broken"),
    }
}

/// The `String` a fast import returned: JS encoded its UTF-8 at `ptr` (the import's wasm result,
/// in JS's frame area or a block the frame area owns) and left the byte length in the fast
/// area's result-length word. Copied out at once: the bytes are JS's scratch space, reused by
/// the next crossing.
///
/// # Safety
///
/// Call it right after a fast import of a `String` result returned `ptr` and reported no
/// exception, with no other JS crossing in between: `ptr..ptr + len` then holds what JS wrote.
#[inline]
pub unsafe fn string_result(ptr: i32, import: &str) -> String {
    // SAFETY: the caller's guarantee (a wasm32 address is the i32's 32 bits).
    unsafe { string_at(ptr as u32 as usize as *const u8, import) }
}

/// The byte length JS left in the fast area for the `String` result of the typed call just made
/// (what [`string_result`] reads; `Binding` and `TypedBinding` put it in their result slot).
#[inline]
pub(crate) fn result_len() -> u32 {
    FAST_AREA.result_len.load(Ordering::Relaxed)
}

/// [`string_result`] at an address of any width.
///
/// # Safety
///
/// `ptr` must point at the fast area's result-length worth of readable bytes.
unsafe fn string_at(ptr: *const u8, import: &str) -> String {
    let len = result_len() as usize;
    if len == 0 {
        return String::new();
    }
    // SAFETY: guaranteed by the caller: JS wrote `len` bytes at `ptr` during the call just made,
    // and nothing ran since.
    let bytes = unsafe { core::slice::from_raw_parts(ptr, len) };
    match core::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        // The JS runtime only writes TextEncoder output; anything else is a broken runtime.
        Err(e) => panic!("{import}: string result is not UTF-8 ({e}); the JS runtime is broken"),
    }
}

/// A `char` from a fast call: JS checked it is a scalar value; anything else becomes U+FFFD.
#[inline]
pub fn char_from(v: u32) -> char {
    char::from_u32(v).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// How one parameter travels on the fast path (see [`crate::fast`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum FastKind {
    /// bool, 8/16/32-bit integers, usize/isize, char: one `i32`.
    Int,
    /// One `f64` holding the `f32`.
    F32,
    /// One `f64`.
    F64,
    /// Pointer and length: two `i32`s.
    Str,
    /// A `JsObject`'s handle (in the slot's `len`): one `i32`.
    Handle,
}

/// Writes the wasm value(s) of the argument in slot `s`, of fast kind `kind`, at index `k` of
/// `vi` (as `i32`s) and `vd` (as `f64`s: a signature mixing both passes every value as an `f64`);
/// returns the next index. What [`Binding`](crate::Binding) and
/// [`TypedBinding`](crate::TypedBinding) both call (inlined: a constant `kind` folds away).
#[inline(always)]
pub(crate) fn lower(
    kind: FastKind,
    s: &Slot,
    vi: &mut [i32; 6],
    vd: &mut [f64; 6],
    k: usize,
) -> usize {
    match kind {
        FastKind::Int | FastKind::Handle => {
            let v = if kind == FastKind::Int {
                s.value as u32 as i32
            } else {
                s.len as i32
            };
            vi[k] = v;
            vd[k] = v as f64;
            k + 1
        }
        FastKind::F32 => {
            vd[k] = f32::from_bits(s.value as u32) as f64;
            k + 1
        }
        FastKind::F64 => {
            vd[k] = f64::from_bits(s.value);
            k + 1
        }
        FastKind::Str => {
            // A string or a span: pointer and length.
            let (p, l) = (s.value as u32 as i32, s.len as i32);
            vi[k] = p;
            vd[k] = p as f64;
            vi[k + 1] = l;
            vd[k + 1] = l as f64;
            k + 2
        }
    }
}

/// A signature that can use the typed trampolines, decided once at bind time.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FastShape {
    pub(crate) kinds: Box<[FastKind]>,
    /// Number of wasm values.
    pub(crate) n: usize,
    /// Whether every value is an `i32` (else all travel as `f64`).
    pub(crate) ints: bool,
    /// 0 no result, 1 `i32`, 2 `f64`.
    pub(crate) ret: u8,
}

pub(crate) const fn fast_kind(code: Code) -> Option<FastKind> {
    use JsType as J;
    if code & NULLABLE != 0 {
        return None;
    }
    let inner = crate::slot::code_inner(code);
    let Some(t) = code_type(code) else {
        return None;
    };
    match t {
        // A span of numbers: pointer and length, as a string travels (JS makes the view).
        J::Span | J::SpanMut if is_view_element(inner) => Some(FastKind::Str),
        _ if inner != 0 => None,
        J::Bool
        | J::U8
        | J::I8
        | J::U16
        | J::I16
        | J::U32
        | J::I32
        | J::USize
        | J::ISize
        | J::Char => Some(FastKind::Int),
        J::F32 => Some(FastKind::F32),
        J::F64 => Some(FastKind::F64),
        J::String => Some(FastKind::Str),
        J::JsObject => Some(FastKind::Handle),
        _ => None,
    }
}

/// Whether `code` is a plain number type a MemoryView can be of.
const fn is_view_element(code: Code) -> bool {
    use JsType as J;
    if code > 0x7f {
        return false;
    }
    matches!(
        JsType::from_code(code as u8),
        Some(J::U8 | J::I8 | J::U16 | J::I16 | J::U32 | J::I32 | J::U64 | J::I64 | J::F32 | J::F64)
    )
}

/// The wasm result of a fast signature: 0 none, 1 `i32`, 2 `f64`; `None` if `ret` cannot be one.
const fn fast_ret(ret: Code) -> Option<u8> {
    if ret == JsType::Void as Code {
        return Some(0);
    }
    match fast_kind(ret) {
        Some(FastKind::Int) => Some(1),
        Some(FastKind::F32 | FastKind::F64) => Some(2),
        _ => None,
    }
}

/// Whether a signature's code is a span (`&[T]` / `&mut [T]`).
const fn is_span(code: Code) -> bool {
    matches!(code_type(code), Some(JsType::Span | JsType::SpanMut))
}

// Which signatures take the typed path: decided here, once, from the signature codes. `Binding`
// calls `fast_shape`; the code `#[js_import]` / `#[js_export]` generate evaluates the
// `*_eligible` functions in constants (the macros only see type names, so they generate a
// trampoline where one is possible, and these say whether it is used); JS reads the decision (the
// `fast` flag of the bind call and of the export and closure info records), it does not re-derive it.

/// Whether a `#[js_import]` of this signature can take the typed path: numbers, bool, char,
/// `&str`, spans of numbers and `JsObject` handles in; a number, bool, char, a `JsObject` (JS
/// returns the handle it made for the object, an `i32`), a `String` (JS returns where it encoded
/// it, the length in the fast area: [`string_result`]) or nothing out.
pub const fn import_eligible(params: &[Code], ret: Code) -> bool {
    async_import_eligible(params)
        && (fast_ret(ret).is_some()
            || matches!(fast_kind(ret), Some(FastKind::Handle))
            || (matches!(fast_kind(ret), Some(FastKind::Str)) && !is_span(ret)))
}

/// Whether an async import of these parameters takes the typed path (its wasm import returns the
/// id of the promise JS registered); its parameters are a synchronous typed import's.
pub const fn async_import_eligible(params: &[Code]) -> bool {
    let mut i = 0;
    while i < params.len() {
        if fast_kind(params[i]).is_none() {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether an export of this signature has a typed wasm export JS calls: as an import, without
/// handles or spans among the parameters.
pub const fn export_eligible(params: &[Code], ret: Code) -> bool {
    let mut i = 0;
    while i < params.len() {
        match fast_kind(params[i]) {
            Some(FastKind::Int | FastKind::F32 | FastKind::F64) => {}
            Some(FastKind::Str) if !is_span(params[i]) => {}
            _ => return false,
        }
        i += 1;
    }
    fast_ret(ret).is_some()
}

/// Whether a closure of this signature can be called from JS with typed values (at most
/// [`CLOSURE_FAST_MAX`] numbers, bools or chars in; one or nothing out).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const fn closure_eligible(params: &[Code], ret: Code) -> bool {
    if params.len() > CLOSURE_FAST_MAX {
        return false;
    }
    let mut i = 0;
    while i < params.len() {
        match fast_kind(params[i]) {
            Some(FastKind::Int | FastKind::F32 | FastKind::F64) => {}
            _ => return false,
        }
        i += 1;
    }
    fast_ret(ret).is_some()
}

/// How JS calls a closure of this signature: 0 through the slots only, [`CLOSURE_FAST_I32`] when
/// every parameter and the result are integers, bools or chars (or no result), else
/// [`CLOSURE_FAST_F64`] when [`closure_eligible`].
///
/// [`CLOSURE_FAST_I32`]: crate::slot::CLOSURE_FAST_I32
/// [`CLOSURE_FAST_F64`]: crate::slot::CLOSURE_FAST_F64
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const fn closure_abi(params: &[Code], ret: Code) -> u32 {
    if !closure_eligible(params, ret) {
        return 0;
    }
    let mut i = 0;
    while i < params.len() {
        if !matches!(fast_kind(params[i]), Some(FastKind::Int)) {
            return crate::slot::CLOSURE_FAST_F64;
        }
        i += 1;
    }
    match fast_ret(ret) {
        Some(0 | 1) => crate::slot::CLOSURE_FAST_I32,
        _ => crate::slot::CLOSURE_FAST_F64,
    }
}

/// Most parameters of a closure's typed path (its entry `typed_i<n>` / `typed_f<n>`, n ≤ 4).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const CLOSURE_FAST_MAX: usize = 4;

pub(crate) fn fast_shape(params: &[Code], ret: Code) -> Option<FastShape> {
    let kinds = params
        .iter()
        .map(|c| fast_kind(*c))
        .collect::<Option<Box<[_]>>>()?;
    let n = kinds
        .iter()
        .map(|k| if *k == FastKind::Str { 2 } else { 1 })
        .sum();
    let ret = if ret == JsType::Void as Code {
        0
    } else {
        match fast_kind(ret)? {
            // A `String` result: the address JS encoded it at (its length in the fast area).
            FastKind::Int => 1,
            FastKind::Str if ret == JsType::String as Code => 1,
            FastKind::F32 | FastKind::F64 => 2,
            FastKind::Str | FastKind::Handle => return None,
        }
    };
    let ints = kinds
        .iter()
        .all(|k| matches!(k, FastKind::Int | FastKind::Str));
    (n <= 6).then_some(FastShape {
        kinds,
        n,
        ints,
        ret,
    })
}

macro_rules! fast_imports {
    ($($name:ident = $js:ident($($a:ident: $t:ty),*) -> $r:ty;)*) => {
        #[cfg(target_arch = "wasm32")]
        #[allow(missing_docs)]
        mod imp {
            use wasm_bindgen::prelude::*;
            #[wasm_bindgen(module = "/js/slotwire.js")]
            extern "C" {
                $(
                    #[wasm_bindgen(js_name = $js)]
                    pub fn $name(id: u32, $($a: $t),*) -> $r;
                )*
            }
        }
        /// Natively there is no JS; binding fails first, so these are never reached.
        #[cfg(not(target_arch = "wasm32"))]
        mod imp {
            $(
                #[allow(unused_variables, missing_docs)]
                pub fn $name(id: u32, $($a: $t),*) -> $r {
                    unreachable!("{}", crate::transport::NO_JS)
                }
            )*
        }
        pub use imp::*;
    };
}

fast_imports! {
    call0_v = swCall0() -> ();
    call0_i = swCall0() -> i32;
    call0_d = swCall0() -> f64;
    call1_i_v = swCall1(a0: i32) -> ();
    call1_i_i = swCall1(a0: i32) -> i32;
    call1_i_d = swCall1(a0: i32) -> f64;
    call1_d_v = swCall1(a0: f64) -> ();
    call1_d_i = swCall1(a0: f64) -> i32;
    call1_d_d = swCall1(a0: f64) -> f64;
    call2_i_v = swCall2(a0: i32, a1: i32) -> ();
    call2_i_i = swCall2(a0: i32, a1: i32) -> i32;
    call2_i_d = swCall2(a0: i32, a1: i32) -> f64;
    call2_d_v = swCall2(a0: f64, a1: f64) -> ();
    call2_d_i = swCall2(a0: f64, a1: f64) -> i32;
    call2_d_d = swCall2(a0: f64, a1: f64) -> f64;
    call3_i_v = swCall3(a0: i32, a1: i32, a2: i32) -> ();
    call3_i_i = swCall3(a0: i32, a1: i32, a2: i32) -> i32;
    call3_i_d = swCall3(a0: i32, a1: i32, a2: i32) -> f64;
    call3_d_v = swCall3(a0: f64, a1: f64, a2: f64) -> ();
    call3_d_i = swCall3(a0: f64, a1: f64, a2: f64) -> i32;
    call3_d_d = swCall3(a0: f64, a1: f64, a2: f64) -> f64;
    call4_i_v = swCall4(a0: i32, a1: i32, a2: i32, a3: i32) -> ();
    call4_i_i = swCall4(a0: i32, a1: i32, a2: i32, a3: i32) -> i32;
    call4_i_d = swCall4(a0: i32, a1: i32, a2: i32, a3: i32) -> f64;
    call4_d_v = swCall4(a0: f64, a1: f64, a2: f64, a3: f64) -> ();
    call4_d_i = swCall4(a0: f64, a1: f64, a2: f64, a3: f64) -> i32;
    call4_d_d = swCall4(a0: f64, a1: f64, a2: f64, a3: f64) -> f64;
    call5_i_v = swCall5(a0: i32, a1: i32, a2: i32, a3: i32, a4: i32) -> ();
    call5_i_i = swCall5(a0: i32, a1: i32, a2: i32, a3: i32, a4: i32) -> i32;
    call5_i_d = swCall5(a0: i32, a1: i32, a2: i32, a3: i32, a4: i32) -> f64;
    call5_d_v = swCall5(a0: f64, a1: f64, a2: f64, a3: f64, a4: f64) -> ();
    call5_d_i = swCall5(a0: f64, a1: f64, a2: f64, a3: f64, a4: f64) -> i32;
    call5_d_d = swCall5(a0: f64, a1: f64, a2: f64, a3: f64, a4: f64) -> f64;
    call6_i_v = swCall6(a0: i32, a1: i32, a2: i32, a3: i32, a4: i32, a5: i32) -> ();
    call6_i_i = swCall6(a0: i32, a1: i32, a2: i32, a3: i32, a4: i32, a5: i32) -> i32;
    call6_i_d = swCall6(a0: i32, a1: i32, a2: i32, a3: i32, a4: i32, a5: i32) -> f64;
    call6_d_v = swCall6(a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64) -> ();
    call6_d_i = swCall6(a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64) -> i32;
    call6_d_d = swCall6(a0: f64, a1: f64, a2: f64, a3: f64, a4: f64, a5: f64) -> f64;
}

/// What a fast import returned, by wasm type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Ret {
    Void,
    I32(i32),
    F64(f64),
}

impl Ret {
    /// The result of a typed call of result code `code`, in the slot encoding `FromJs::read`
    /// reads: a number in `value` (an `f32` narrowed back), a JsObject's table handle in `len`,
    /// a `String`'s address and length (the length JS left in the fast area: read it before any
    /// other call). What `Binding` and `TypedBinding` both do after a typed call.
    #[inline]
    pub(crate) fn into_slot(self, code: Code) -> Slot {
        let mut out = Slot::ZERO;
        match self {
            Ret::Void => {}
            Ret::I32(v) if code == JsType::JsObject as Code => out.len = v as u32,
            Ret::I32(v) if code == JsType::String as Code => {
                out.value = v as u32 as u64;
                out.len = result_len();
            }
            Ret::I32(v) => out.value = v as u32 as u64,
            Ret::F64(v) if code == JsType::F32 as Code => out.value = (v as f32).to_bits() as u64,
            Ret::F64(v) => out.set_f64(v),
        }
        out
    }
}

/// Calls the fast import of shape (`n` wasm values, all `i32` when `ints`, result kind `ret`: 0
/// none, 1 `i32`, 2 `f64`) with the first `n` of `vi` (when `ints`) or `vd`. For [`Binding`]s,
/// whose signature is only known at run time.
///
/// [`Binding`]: crate::Binding
#[rustfmt::skip]
#[inline(always)]
pub(crate) fn call_shape(id: u32, n: usize, ints: bool, ret: u8, vi: &[i32; 6], vd: &[f64; 6]) -> Ret {
    match (n, ints, ret) {
        (0, _, 0) => { call0_v(id); Ret::Void },
        (0, _, 1) => Ret::I32(call0_i(id)),
        (0, _, 2) => Ret::F64(call0_d(id)),
        (1, true, 0) => { call1_i_v(id, vi[0]); Ret::Void },
        (1, true, 1) => Ret::I32(call1_i_i(id, vi[0])),
        (1, true, 2) => Ret::F64(call1_i_d(id, vi[0])),
        (1, false, 0) => { call1_d_v(id, vd[0]); Ret::Void },
        (1, false, 1) => Ret::I32(call1_d_i(id, vd[0])),
        (1, false, 2) => Ret::F64(call1_d_d(id, vd[0])),
        (2, true, 0) => { call2_i_v(id, vi[0], vi[1]); Ret::Void },
        (2, true, 1) => Ret::I32(call2_i_i(id, vi[0], vi[1])),
        (2, true, 2) => Ret::F64(call2_i_d(id, vi[0], vi[1])),
        (2, false, 0) => { call2_d_v(id, vd[0], vd[1]); Ret::Void },
        (2, false, 1) => Ret::I32(call2_d_i(id, vd[0], vd[1])),
        (2, false, 2) => Ret::F64(call2_d_d(id, vd[0], vd[1])),
        (3, true, 0) => { call3_i_v(id, vi[0], vi[1], vi[2]); Ret::Void },
        (3, true, 1) => Ret::I32(call3_i_i(id, vi[0], vi[1], vi[2])),
        (3, true, 2) => Ret::F64(call3_i_d(id, vi[0], vi[1], vi[2])),
        (3, false, 0) => { call3_d_v(id, vd[0], vd[1], vd[2]); Ret::Void },
        (3, false, 1) => Ret::I32(call3_d_i(id, vd[0], vd[1], vd[2])),
        (3, false, 2) => Ret::F64(call3_d_d(id, vd[0], vd[1], vd[2])),
        (4, true, 0) => { call4_i_v(id, vi[0], vi[1], vi[2], vi[3]); Ret::Void },
        (4, true, 1) => Ret::I32(call4_i_i(id, vi[0], vi[1], vi[2], vi[3])),
        (4, true, 2) => Ret::F64(call4_i_d(id, vi[0], vi[1], vi[2], vi[3])),
        (4, false, 0) => { call4_d_v(id, vd[0], vd[1], vd[2], vd[3]); Ret::Void },
        (4, false, 1) => Ret::I32(call4_d_i(id, vd[0], vd[1], vd[2], vd[3])),
        (4, false, 2) => Ret::F64(call4_d_d(id, vd[0], vd[1], vd[2], vd[3])),
        (5, true, 0) => { call5_i_v(id, vi[0], vi[1], vi[2], vi[3], vi[4]); Ret::Void },
        (5, true, 1) => Ret::I32(call5_i_i(id, vi[0], vi[1], vi[2], vi[3], vi[4])),
        (5, true, 2) => Ret::F64(call5_i_d(id, vi[0], vi[1], vi[2], vi[3], vi[4])),
        (5, false, 0) => { call5_d_v(id, vd[0], vd[1], vd[2], vd[3], vd[4]); Ret::Void },
        (5, false, 1) => Ret::I32(call5_d_i(id, vd[0], vd[1], vd[2], vd[3], vd[4])),
        (5, false, 2) => Ret::F64(call5_d_d(id, vd[0], vd[1], vd[2], vd[3], vd[4])),
        (6, true, 0) => { call6_i_v(id, vi[0], vi[1], vi[2], vi[3], vi[4], vi[5]); Ret::Void },
        (6, true, 1) => Ret::I32(call6_i_i(id, vi[0], vi[1], vi[2], vi[3], vi[4], vi[5])),
        (6, true, 2) => Ret::F64(call6_i_d(id, vi[0], vi[1], vi[2], vi[3], vi[4], vi[5])),
        (6, false, 0) => { call6_d_v(id, vd[0], vd[1], vd[2], vd[3], vd[4], vd[5]); Ret::Void },
        (6, false, 1) => Ret::I32(call6_d_i(id, vd[0], vd[1], vd[2], vd[3], vd[4], vd[5])),
        (6, false, 2) => Ret::F64(call6_d_d(id, vd[0], vd[1], vd[2], vd[3], vd[4], vd[5])),
        _ => unreachable!("no fast import of shape ({n}, {ints}, {ret})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_layout_is_what_js_writes() {
        assert_eq!(core::mem::size_of::<FastArea>(), 32);
        assert_eq!(
            core::mem::offset_of!(FastArea, result_len),
            crate::slot::FAST_RESULT_LEN
        );
        assert_eq!(
            core::mem::offset_of!(FastArea, frame_gen),
            crate::slot::FAST_FRAME_GEN
        );
        assert_eq!(
            core::mem::offset_of!(FastArea, status),
            crate::slot::FAST_STATUS
        );
        assert_eq!(
            core::mem::offset_of!(FastArea, exception),
            crate::slot::FAST_EXCEPTION
        );
    }

    #[test]
    fn a_string_result_is_copied_from_where_js_encoded_it() {
        // The only test touching the result-length word (tests run in parallel).
        let bytes = "héllo 𝄞".as_bytes().to_vec();
        FAST_AREA
            .result_len
            .store(bytes.len() as u32, Ordering::Relaxed);
        // SAFETY: `bytes` holds `result_len` bytes.
        assert_eq!(unsafe { string_at(bytes.as_ptr(), "m#f") }, "héllo 𝄞");
        let bad = [b'a', 0xff, b'b'];
        FAST_AREA.result_len.store(3, Ordering::Relaxed);
        // SAFETY: `bad` holds 3 bytes.
        let e = std::panic::catch_unwind(|| unsafe { string_at(bad.as_ptr(), "m#f") })
            .expect_err("not UTF-8");
        let msg = e.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(msg.starts_with("m#f: string result is not UTF-8"), "{msg}");
        FAST_AREA.result_len.store(0, Ordering::Relaxed);
        // SAFETY: a zero length reads nothing.
        assert_eq!(unsafe { string_result(0, "m#f") }, "");
    }

    #[test]
    fn no_exception_by_default_and_one_is_taken_once() {
        assert!(take_exception().is_none());
        let mut blob = Vec::new();
        blob.extend_from_slice(&5u32.to_le_bytes());
        blob.extend_from_slice(&2u32.to_le_bytes());
        blob.extend_from_slice(b"Errorhi");
        let ptr = blob.as_ptr() as usize as u64;
        FAST_AREA.exception[0].store(ptr as u32, Ordering::Relaxed);
        FAST_AREA.exception[1].store((ptr >> 32) as u32, Ordering::Relaxed);
        FAST_AREA.exception[2].store(blob.len() as u32, Ordering::Relaxed);
        FAST_AREA
            .status
            .store(crate::slot::FAST_THREW, Ordering::Relaxed);
        let e = take_exception().unwrap();
        assert_eq!((e.name.as_str(), e.message.as_str()), ("Error", "hi"));
        assert!(take_exception().is_none());
    }

    #[test]
    fn eligibility_is_decided_from_the_codes_once_per_direction() {
        use crate::slot::{compound, NULLABLE};
        let c = |t: JsType| t as Code;
        let span = compound(JsType::Span, false, c(JsType::F64));
        let (i32_, f64_, s, o) = (
            c(JsType::I32),
            c(JsType::F64),
            c(JsType::String),
            c(JsType::JsObject),
        );
        // Imports: numbers, &str, spans and handles in; a number or nothing out.
        assert!(import_eligible(&[i32_, f64_, s, span, o], c(JsType::Void)));
        assert!(import_eligible(
            &[c(JsType::Char), c(JsType::Bool)],
            c(JsType::U32)
        ));
        assert!(
            import_eligible(&[i32_], s),
            "a String result: where JS encoded it"
        );
        assert!(
            !import_eligible(&[i32_], s | NULLABLE),
            "Option<String> takes the slots"
        );
        assert!(!import_eligible(&[], span), "a span result takes the slots");
        assert!(
            !import_eligible(&[i32_ | NULLABLE], i32_),
            "Option takes the slots"
        );
        assert!(!import_eligible(&[c(JsType::I64)], i32_), "i64 is a bigint");
        assert!(import_eligible(&[o, s], o), "a JsObject result: its handle");
        assert!(
            !import_eligible(&[], o | NULLABLE),
            "Option<JsObject> takes the slots"
        );
        assert!(
            fast_shape(&[], o).is_none(),
            "a Binding's typed path has no object result"
        );
        // Exports: no handles, no spans.
        assert!(export_eligible(&[i32_, f64_, s], f64_));
        assert!(!export_eligible(&[o], i32_));
        assert!(!export_eligible(&[span], i32_));
        assert!(!export_eligible(
            &[i32_],
            compound(JsType::Promise, false, i32_)
        ));
        // Closures: at most four numbers.
        assert!(closure_eligible(&[i32_; 4], f64_));
        assert!(!closure_eligible(&[i32_; 5], f64_));
        assert!(!closure_eligible(&[s], i32_));
        // Integers in and out (or nothing out): the i32 entry; any float: the f64 one.
        use crate::slot::{CLOSURE_FAST_F64, CLOSURE_FAST_I32};
        let void = JsType::Void as Code;
        let bool_ = JsType::Bool as Code;
        let char_ = JsType::Char as Code;
        let u32_ = JsType::U32 as Code;
        assert_eq!(
            closure_abi(&[i32_, u32_, bool_, char_], i32_),
            CLOSURE_FAST_I32
        );
        assert_eq!(closure_abi(&[], void), CLOSURE_FAST_I32);
        assert_eq!(closure_abi(&[i32_], f64_), CLOSURE_FAST_F64);
        assert_eq!(closure_abi(&[f64_, i32_], void), CLOSURE_FAST_F64);
        assert_eq!(closure_abi(&[i32_; 5], i32_), 0);
        assert_eq!(closure_abi(&[s], void), 0);
        // Binding's shape agrees with the import decision (and adds the shared imports' limit).
        assert!(fast_shape(&[i32_, s], f64_).is_some());
        assert!(fast_shape(&[i32_], s).is_some());
        assert!(fast_shape(&[i32_], s | NULLABLE).is_none());
    }

    #[test]
    fn chars_out_of_range_become_replacement() {
        assert_eq!(char_from(0x1D11E), '𝄞');
        assert_eq!(char_from(0xD800), char::REPLACEMENT_CHARACTER);
    }
}

//! Marshalers: how each Rust type is written into and read from a [`Slot`].
//!
//! One file per type family, mirrored by `js-runtime/src/marshal/*.js`, which does the other half
//! of each conversion (and all validation of values coming from JS: JS knows the value's type,
//! Rust only sees bytes).
//!
//! - [`ToJs`]: Rust → JS — import arguments and export results.
//! - [`FromJs`]: JS → Rust, owned — import results and export arguments.
//! - [`FromJsArg`]: JS → Rust for export arguments, which may also borrow (`&str`).

use crate::call::frame::{fail, ErrorKindCode};
use crate::slot::{RESULT, STATUS_OK};
use crate::{
    slot::{Code, Slot},
    JsType, Result,
};

mod array;
mod date;
mod option;
mod primitive;
mod string;
pub(crate) mod view;
pub use view::SpanElement;

#[cfg(test)]
pub(crate) use array::direct_size;
pub(crate) use array::release_unread;
pub use date::JsDate;
#[allow(unused_imports)]
pub(crate) use string::decode_bytes;

/// A Rust value that can be written into a slot for JS to read.
///
/// ```
/// use slotwire::{slot::Slot, JsType, ToJs};
/// let mut s = Slot::ZERO;
/// 42i32.write(&mut s);
/// assert_eq!(s.value() as u32 as i32, 42);
/// assert_eq!(<i32 as ToJs>::TYPE, JsType::I32);
/// ```
///
/// # Safety
///
/// JS reads (and, for a writable span, writes) linear memory as the signature code says, so an
/// implementation must tell the truth (as with `bytemuck::Pod`, a lie here breaks memory):
///
/// - [`write`](Self::write) fills the slot exactly as JS reads a value of [`CODE`](Self::CODE):
///   a pointer and length describe memory that holds that many elements of the code's element
///   type, is valid (and, for a [`JsType::SpanMut`], writable and not otherwise borrowed) until JS
///   has read it, and stays so after an export returns for as long as [`retain`](Self::retain)
///   promises;
/// - [`owned_flags`](Self::owned_flags) / [`mark_owned`](Self::mark_owned) set
///   [`FLAG_OWNED`](crate::slot::FLAG_OWNED) only on what really passes to JS (a handle or a
///   block JS then releases or frees) — never on something Rust still frees itself;
/// - the hidden `ELEMENT_DIRECT` is `true` only for a plain number type whose size is its
///   [`JsType`]'s, and `FAST` only where `to_f64` is the whole value.
///
/// Every type slotwire supports implements it already; implementing it yourself is rarely
/// needed. Calling its methods is safe: a slot reaches JS only through slotwire's own call paths.
///
/// ```compile_fail,E0200
/// // Implementing ToJs is a promise about memory: it takes `unsafe impl`.
/// struct Lie;
/// impl slotwire::ToJs for Lie {
///     const TYPE: slotwire::JsType = slotwire::JsType::String;
///     fn write(&self, slot: &mut slotwire::slot::Slot) {
///         slot.set_ptr_len(0x10 as *const u8, 1 << 20);
///     }
/// }
/// ```
pub unsafe trait ToJs {
    /// The type code JS reads the slot with.
    const TYPE: JsType;
    /// Whether the value may be null (`Option<T>`).
    const NULLABLE: bool = false;
    /// The signature code: [`TYPE`](Self::TYPE) with the nullable bit.
    const CODE: Code = Self::TYPE.code(Self::NULLABLE);
    /// Whether JS gets a view of memory the value lends for one call (a span `&[T]`, an
    /// [`Archive`](crate::record::Archive): JS reads them lazily, and their views end when the
    /// call returns): such a value is an argument, never a result — returning one from an export,
    /// a closure or a future fails to build (a post-monomorphization error: `cargo build`, not
    /// `cargo check`, reports it):
    ///
    /// ```compile_fail
    /// let a = slotwire::record::Archive::new(&vec![1u32, 2]).unwrap();
    /// let mut head = [slotwire::__private::Slot::ZERO; 2];
    /// slotwire::__private::finish(a, &mut head); // error: an Archive cannot be a result
    /// ```
    ///
    /// ```compile_fail
    /// let data = [1.5f64, 2.5];
    /// let mut head = [slotwire::__private::Slot::ZERO; 2];
    /// slotwire::__private::finish(&data[..], &mut head); // error: a span cannot be a result
    /// ```
    ///
    /// ```
    /// let a = slotwire::record::Archive::new(&vec![1u32, 2]).unwrap(); // an argument, lent
    /// let mut head = [slotwire::__private::Slot::ZERO; 2];
    /// slotwire::__private::finish(a.bytes().len() as u32, &mut head); // a plain result
    /// ```
    #[doc(hidden)]
    const LENDS: bool = false;
    /// Writes the value into `slot`. Borrowed data (a `&str`) must outlive the JS read.
    fn write(&self, slot: &mut Slot);
    /// Keeps what `write` pointed at alive after the export that returned it has returned, until
    /// JS has read it (the next export's result replaces it). A no-op for plain values.
    fn retain(self)
    where
        Self: Sized,
    {
    }
    /// Flags an export result sets in its slot beyond `write`'s: [`FLAG_OWNED`] for a value whose
    /// ownership passes to JS with it (a [`JsObject`](crate::JsObject): JS releases the handle once
    /// it has read it).
    ///
    /// [`FLAG_OWNED`]: crate::slot::FLAG_OWNED
    fn owned_flags(&self) -> u8 {
        0
    }
    /// Marks what [`write`](Self::write) wrote into `slot` as passing to JS (an export result):
    /// sets [`owned_flags`](Self::owned_flags), and for an array, its elements' too.
    fn mark_owned(&self, slot: &mut Slot) {
        slot.flags |= self.owned_flags();
    }
    /// Whether a `Vec<Self>` may hand JS its buffer as is (the direct array layout): only the
    /// plain number types say yes. Leave it `false` in your own impls.
    #[doc(hidden)]
    const ELEMENT_DIRECT: bool = false;
    /// Whether the value can cross as one `f64` (numbers of 32 bits or less, `bool`, `char`,
    /// `()`): closures of such types get a typed path. Leave it `false` in your own impls.
    #[doc(hidden)]
    const FAST: bool = false;
    /// The value as that `f64` (only called when [`FAST`](Self::FAST)).
    #[doc(hidden)]
    fn to_f64(&self) -> f64 {
        unreachable!("ToJs::to_f64 of a type that is not FAST")
    }
    /// An integer, `bool`, `char` or `()` as the `i32` a closure's i32 entry returns (a `u32`
    /// wrapped): what `to_f64` gives, without going through an `f64`.
    #[doc(hidden)]
    #[inline]
    fn to_i32(&self) -> i32 {
        self.to_f64() as i64 as i32
    }
}

/// A Rust value that can be read, owned, from a slot JS wrote.
///
/// JS validated the value against [`FromJs::TYPE`] before writing it, so reads of plain numbers
/// cannot fail; strings and chars are checked again here.
///
/// Reading a slot follows the pointers and adopts the handles in it, so
/// [`read`](FromJs::read) is an `unsafe fn` (as wasm-bindgen's `FromWasmAbi::from_abi`): only a
/// slot JS wrote for this type's [`CODE`](FromJs::CODE) may be read.
///
/// ```
/// use slotwire::{slot::Slot, FromJs};
/// let mut s = Slot::ZERO;
/// s.set_f64(2.5);
/// // SAFETY: the slot holds an f64, as JS writes one for f64's code.
/// assert_eq!(unsafe { f64::read(&s) }.unwrap(), 2.5);
/// ```
///
/// Safe code cannot point a slot somewhere and have it read:
///
/// ```compile_fail,E0133
/// use slotwire::{slot::Slot, FromJs};
/// let mut s = Slot::ZERO;
/// s.set_ptr_len(0x10 as *const u8, 1 << 20);
/// let stolen = String::read(&s); // error: call to unsafe function
/// ```
pub trait FromJs: Sized {
    /// The type code JS writes the slot with.
    const TYPE: JsType;
    /// Whether the value may be null (`Option<T>`).
    const NULLABLE: bool = false;
    /// The signature code: [`TYPE`](Self::TYPE) with the nullable bit.
    const CODE: Code = Self::TYPE.code(Self::NULLABLE);
    /// Reads the value from `slot`.
    ///
    /// # Safety
    ///
    /// `slot` must hold a value of [`CODE`](Self::CODE) as the JS runtime writes it (or as
    /// [`ToJs::write`] of this type wrote it, from a value still alive): what its pointers
    /// describe is valid for the reads the type makes, and what it owns (an allocated block, a
    /// handle) passes to the returned value, so a slot is read at most once.
    unsafe fn read(slot: &Slot) -> Result<Self>;
    /// Whether the value can cross as one `f64` JS checked (see [`ToJs::FAST`]). Leave it
    /// `false` in your own impls.
    #[doc(hidden)]
    const FAST: bool = false;
    /// The value from that `f64` (only called when [`FAST`](Self::FAST)).
    #[doc(hidden)]
    fn from_f64(_v: f64) -> Self {
        unreachable!("FromJs::from_f64 of a type that is not FAST")
    }
    /// An integer, `bool` or `char` from the `i32` a closure's i32 entry receives (JS's ToInt32
    /// of the checked value): what `from_f64` gives, without going through an `f64`.
    #[doc(hidden)]
    #[inline]
    fn from_i32(v: i32) -> Self {
        Self::from_f64(f64::from(v))
    }
}

/// An export parameter: anything [`FromJs`], plus `&str` and `Option<&str>` borrowed from the
/// call's frame (JS encoded the string straight into wasm memory; no copy is made).
///
/// ```no_run
/// use slotwire::prelude::*;
///
/// // `text` borrows the string JS wrote for this call: no copy, no allocation.
/// #[js_export]
/// fn count_words(text: &str, scale: Option<f64>) -> f64 {
///     text.split_whitespace().count() as f64 * scale.unwrap_or(1.0)
/// }
///
/// // Every export parameter type is one:
/// fn parameter<'a, T: slotwire::FromJsArg<'a>>() {}
/// parameter::<&str>();
/// parameter::<Option<&str>>();
/// parameter::<Vec<f64>>();
/// ```
pub trait FromJsArg<'a>: Sized {
    /// The signature code of the parameter.
    const CODE: Code;
    /// Reads the argument; the result may borrow from the call's frame, alive during the call.
    ///
    /// # Safety
    ///
    /// As [`FromJs::read`], for [`CODE`](Self::CODE); and what the slot points at stays valid
    /// and unchanged for `'a`.
    unsafe fn read_arg(slot: &'a Slot) -> Result<Self>;
}

impl<'a, T: FromJs> FromJsArg<'a> for T {
    const CODE: Code = <T as FromJs>::CODE;
    #[inline]
    unsafe fn read_arg(slot: &'a Slot) -> Result<Self> {
        // SAFETY: the caller's contract for `CODE`, which is `T`'s.
        unsafe { T::read(slot) }
    }
}

/// A type usable as a result: [`FromJs`] plus `()` handled by it, or as an export result.
/// `()` is both [`ToJs`] and [`FromJs`] with type [`JsType::Void`].
// SAFETY: writes nothing; JS reads nothing for `void`.
unsafe impl ToJs for () {
    const TYPE: JsType = JsType::Void;
    #[inline]
    fn write(&self, _slot: &mut Slot) {}
    const FAST: bool = true;
    #[inline]
    fn to_f64(&self) -> f64 {
        0.0
    }
    #[inline]
    fn to_i32(&self) -> i32 {
        0
    }
}

impl FromJs for () {
    const TYPE: JsType = JsType::Void;
    #[inline]
    unsafe fn read(_slot: &Slot) -> Result<Self> {
        Ok(())
    }
}

// SAFETY: writes what `T` writes, with `T`'s code.
unsafe impl<T: ToJs + ?Sized> ToJs for &T {
    const TYPE: JsType = T::TYPE;
    const NULLABLE: bool = T::NULLABLE;
    const CODE: Code = T::CODE;
    const LENDS: bool = T::LENDS;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        (**self).write(slot)
    }
}

// SAFETY: writes what `T` writes; the code becomes a writable span only for a span, which then
// points at memory this `&mut` borrows exclusively.
unsafe impl<T: ToJs + ?Sized> ToJs for &mut T {
    const TYPE: JsType = T::TYPE;
    const NULLABLE: bool = T::NULLABLE;
    /// A `&mut [T]` is a writable span.
    const CODE: Code = crate::slot::mutable(T::CODE);
    const LENDS: bool = T::LENDS;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        (**self).write(slot)
    }
}

/// What the last export result pointed at, kept alive until JS has read it: JS reads a result
/// right after the export returns, before any other export can finish.
#[derive(Default)]
struct Retained {
    strings: Vec<String>,
    /// Buffers of `Vec`s of plain numbers: address and layout.
    buffers: Vec<(*mut u8, std::alloc::Layout)>,
}

thread_local! {
    static RETAINED: core::cell::RefCell<Retained> = core::cell::RefCell::new(Retained::default());
}

/// Keeps a returned string's bytes where they are until the next export result is written.
pub(crate) fn retain_string(s: String) {
    RETAINED.with(|r| r.borrow_mut().strings.push(s));
}

/// Keeps the buffer of a returned `Vec` until the next export result is written (its elements are
/// never dropped: `MaybeUninit`).
pub(crate) fn retain_buffer<T>(v: Vec<core::mem::MaybeUninit<T>>) {
    let v = core::mem::ManuallyDrop::new(v);
    if v.capacity() == 0 || core::mem::size_of::<T>() == 0 {
        return;
    }
    let layout = std::alloc::Layout::array::<core::mem::MaybeUninit<T>>(v.capacity())
        .expect("a Vec's own layout");
    let ptr = v.as_ptr() as *mut u8;
    RETAINED.with(|r| r.borrow_mut().buffers.push((ptr, layout)));
}

/// Drops what earlier export results kept alive; JS has read them all by now.
pub(crate) fn release_retained() {
    // `try_with`: during thread teardown there is nothing left to release.
    let _ = RETAINED.try_with(|r| {
        let mut r = r.borrow_mut();
        r.strings.clear();
        for (ptr, layout) in r.buffers.drain(..) {
            // SAFETY: `retain_buffer` took this allocation out of a Vec (global allocator,
            // `Layout::array::<MaybeUninit<T>>(capacity)`) and nothing else frees it.
            unsafe { std::alloc::dealloc(ptr, layout) };
        }
    });
}

#[cfg(test)]
/// The strings kept alive (tests check retention).
pub(crate) fn retained_strings() -> Vec<String> {
    RETAINED.with(|r| r.borrow().strings.clone())
}

/// `code` with its 64-bit integer type switched to the number (`to_number`) or bigint form,
/// keeping the nullable bit; `None` for a code that is not a 64-bit integer. In a compound code
/// (`Vec<i64>`, a promise of one) the innermost element is switched.
const fn switch_64(code: Code, to_number: bool) -> Option<Code> {
    let inner = crate::slot::code_inner(code);
    if inner != 0 {
        return match switch_64(inner, to_number) {
            Some(i) => Some(crate::slot::with_inner(code, i)),
            None => None,
        };
    }
    let nullable = code & crate::slot::NULLABLE;
    let base = code & !crate::slot::NULLABLE;
    let signed = if base == JsType::I64 as u32 || base == JsType::I64Number as u32 {
        true
    } else if base == JsType::U64 as u32 || base == JsType::U64Number as u32 {
        false
    } else {
        return None;
    };
    let t = match (signed, to_number) {
        (true, true) => JsType::I64Number,
        (true, false) => JsType::I64,
        (false, true) => JsType::U64Number,
        (false, false) => JsType::U64,
    };
    Some(t as u32 | nullable)
}

/// The signature code for a 64-bit integer parameter marshalled as a JS `number` instead of a
/// `bigint` (`#[js(number)]` in the macros): `I64` → `I64Number`, `U64` → `U64Number`, keeping
/// the nullable bit. Any other type is a compile-time error when used in a constant.
///
/// ```
/// use slotwire::{__private::as_number, JsType};
/// assert_eq!(as_number(JsType::I64.code(true)), JsType::I64Number.code(true));
/// ```
pub const fn as_number(code: Code) -> Code {
    match switch_64(code, true) {
        Some(c) => c,
        None => panic!("#[js(number)] applies to i64 and u64 (or Option of them) only"),
    }
}

/// The signature code for a 64-bit integer marshalled as a JS `bigint` (`#[js(bigint)]`, the
/// default): the inverse of [`as_number`].
///
/// ```
/// use slotwire::{__private::as_bigint, JsType};
/// assert_eq!(as_bigint(JsType::U64Number.code(false)), JsType::U64.code(false));
/// ```
pub const fn as_bigint(code: Code) -> Code {
    match switch_64(code, false) {
        Some(c) => c,
        None => panic!("#[js(bigint)] applies to i64 and u64 (or Option of them) only"),
    }
}

/// Whether a value whose Rust type has code `value` may fill a parameter declared `declared`:
/// equal codes, or the same 64-bit integer marshalled as number/bigint.
pub(crate) fn compatible(declared: Code, value: Code) -> bool {
    if declared == value {
        return true;
    }
    let widen = |c: Code| switch_64(c, false).unwrap_or(c);
    widen(declared) == widen(value)
}

/// The wrapper's last step for a plain result: writes it and keeps it alive for JS.
#[doc(hidden)]
#[inline]
pub fn finish<T: crate::ToJs>(value: T, head: &mut [Slot]) -> u32 {
    const {
        assert!(
            !T::LENDS,
            "slotwire: this type (a span `&[T]`, or an `Archive`) is lent to JS for one call and \
             cannot be a result: JS would read its memory after the call (return a Vec<T>, a \
             Segment<T> or the value itself)"
        )
    };
    // What earlier results kept alive has been read by JS by now.
    crate::marshal::release_retained();
    let s = &mut head[RESULT];
    s.flags = 0;
    value.write(s);
    value.mark_owned(s);
    value.retain();
    STATUS_OK
}

/// The wrapper's last step for a `Result`: `Ok` as [`finish`], `Err(e)` as a JS `Error` with
/// `e.to_string()` as its message.
#[doc(hidden)]
#[inline]
pub fn finish_result<T: crate::ToJs, E: core::fmt::Display>(
    value: Result<T, E>,
    head: &mut [Slot],
) -> u32 {
    match value {
        Ok(v) => finish(v, head),
        Err(e) => fail(head, ErrorKindCode::Error, &e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_and_bigint_are_compatible_only_for_the_same_width() {
        let i64n = JsType::I64Number.code(false);
        assert!(compatible(i64n, JsType::I64.code(false)));
        assert!(!compatible(i64n, JsType::U64.code(false)));
        assert!(!compatible(i64n, JsType::I64.code(true)));
        assert!(!compatible(
            JsType::I32.code(false),
            JsType::U32.code(false)
        ));
    }
}

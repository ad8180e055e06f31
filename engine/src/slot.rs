//! The slot: the fixed-size record every value crosses the boundary in.
//!
//! A call's arguments, its result and its exception live in an array of [`Slot`]s in wasm linear
//! memory: slot [`EXCEPTION`] holds a thrown error, slot [`RESULT`] the return value and slots
//! [`ARG0`]`..` the arguments, in order. JS reads and writes the same bytes through typed-array
//! views (`js-runtime/src/slot.js`); the constants here are the single source of truth and the JS
//! copy is checked against them (natively by a test that parses the JS file, and at run time when
//! the JS runtime attaches to an instance).
//!
//! ```text
//! byte  0..8   value   i64 / u64 / f64 / pointer (low 32 bits) — see each JsType
//! byte  8..12  len     byte length of a string, or a handle (later: views, objects)
//! byte 12      ty      JsType code of what the slot holds (set for results and exceptions)
//! byte 13      elem    element JsType code (views and arrays)
//! byte 14      flags   FLAG_NULL: the value is null/undefined (Option::None)
//! byte 15      reserved
//! ```
//!
//! ```
//! use slotwire::slot::{Slot, SLOT_SIZE};
//! assert_eq!(core::mem::size_of::<Slot>(), SLOT_SIZE);
//! let mut s = Slot::default();
//! s.set_f64(1.5);
//! assert_eq!(s.f64(), 1.5);
//! ```
//!
//! What a slot points at is only trusted because the JS runtime (or a [`ToJs`](crate::ToJs)
//! impl) wrote it. Anyone can fill a slot with numbers (the setters, or `bytemuck` since it is
//! `Pod`), so what follows a slot's pointers is `unsafe` ([`FromJs::read`](crate::FromJs::read))
//! or crate-private; the fields themselves are crate-private, read through accessors.
//!
//! ```compile_fail,E0451
//! // A slot with a JS-chosen pointer cannot be built from outside the crate.
//! let s = slotwire::slot::Slot { value: 0x1000, len: 64, ty: 17, elem: 0, flags: 0, reserved: 0 };
//! ```

use bytemuck::{Pod, Zeroable};

/// One value crossing the boundary. `#[repr(C)]`, 16 bytes, 8-byte aligned.
///
/// The fields are crate-private (see the [module docs](self)); read them with
/// [`value`](Slot::value), [`len`](Slot::len), [`ty`](Slot::ty), [`elem`](Slot::elem) and
/// [`flags`](Slot::flags).
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// let mut s = Slot::ZERO;
/// s.set_i64(-3);
/// assert_eq!(s.i64(), -3);
/// ```
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Pod, Zeroable)]
pub struct Slot {
    /// The 8-byte payload: an integer, the bits of an `f64`, or a pointer in the low 32 bits.
    pub(crate) value: u64,
    /// A byte length (strings) or a handle.
    pub(crate) len: u32,
    /// The [`JsType`] code of what the slot holds.
    pub(crate) ty: u8,
    /// The element [`JsType`] code, for views and arrays.
    pub(crate) elem: u8,
    /// Bit set of `FLAG_*`.
    pub(crate) flags: u8,
    /// Reserved; always 0.
    pub(crate) reserved: u8,
}

/// Size of a [`Slot`] in bytes.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// assert_eq!(core::mem::size_of::<Slot>(), SLOT_SIZE);
/// ```
pub const SLOT_SIZE: usize = 16;
/// Byte offset of [`Slot::value`].
#[doc(hidden)]
pub const OFFSET_VALUE: usize = 0;
/// Byte offset of [`Slot::len`].
#[doc(hidden)]
pub const OFFSET_LEN: usize = 8;
/// Byte offset of [`Slot::ty`].
#[doc(hidden)]
pub const OFFSET_TYPE: usize = 12;
/// Byte offset of [`Slot::elem`].
#[doc(hidden)]
pub const OFFSET_ELEM: usize = 13;
/// Byte offset of [`Slot::flags`].
#[doc(hidden)]
pub const OFFSET_FLAGS: usize = 14;

/// Index of the exception slot in a call's slot array.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// assert!(EXCEPTION < RESULT && RESULT < ARG0); // a frame: exception, result, arguments
/// ```
pub const EXCEPTION: usize = 0;
/// Index of the result slot in a call's slot array.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// let frame = [Slot::ZERO; ARG0 + 2]; // two arguments
/// assert_eq!(frame[RESULT], Slot::ZERO);
/// ```
pub const RESULT: usize = 1;
/// Index of the first argument slot in a call's slot array.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// let args = 3;
/// let frame = vec![Slot::ZERO; ARG0 + args];
/// assert_eq!(frame.len(), ARG0 + 3);
/// ```
pub const ARG0: usize = 2;

/// [`Slot::flags`] bit: the value is `null`/`undefined` (`Option::None`).
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// let mut s = Slot::ZERO;
/// None::<i32>.write(&mut s);
/// assert!(s.is_null() && s.flags() & FLAG_NULL != 0);
/// # use slotwire::ToJs;
/// ```
pub const FLAG_NULL: u8 = 1;

/// [`Slot::flags`] bit: the value's ownership passes to the reader (a handle JS must release once
/// it has read it).
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// assert_ne!(FLAG_OWNED, FLAG_NULL);
/// ```
pub const FLAG_OWNED: u8 = 2;

/// [`Slot::elem`] of an array slot whose elements sit side by side as plain numbers (a `Vec<f64>`'s
/// own buffer): JS copies them into a typed array in one go. Otherwise (0) `value` points at one
/// [`Slot`] per element.
#[doc(hidden)]
pub const ARRAY_DIRECT: u8 = 1;

/// Bit set on a type code in a signature when the parameter or result is an `Option<T>`.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// assert_eq!(JsType::I32.code(true), JsType::I32 as Code | NULLABLE);
/// ```
pub const NULLABLE: u32 = 0x80;

/// Bits of a signature code per level of nesting (see [`Code`]).
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// let vec_f64 = compound(JsType::Array, false, JsType::F64.code(false));
/// assert_eq!(vec_f64 >> CODE_SHIFT, JsType::F64 as Code);
/// ```
pub const CODE_SHIFT: u32 = 8;

/// The largest block, in bytes, the JS runtime may ask Rust for (`slotwire_alloc`,
/// `slotwire_result_buffer`, `slotwire_segment_alloc`): what a wasm32 `Layout` aligned to 8 can
/// hold (`isize::MAX` rounded down to 8). Both sides check every length × element size against it
/// before allocating; a size beyond it is a RangeError in JS and a null block in Rust, never a
/// smaller block.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// assert!(MAX_ALLOC < i32::MAX as usize); // what a wasm32 allocation can hold
/// ```
pub const MAX_ALLOC: usize = 0x7fff_fff8;

/// A size or count JS passed to a raw export as a number (an `f64` parameter, so that nothing
/// wraps on the way: a JS number given to an `i32` parameter is taken modulo 2^32): `Some` only
/// for an integer in `0..=MAX_ALLOC`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn size_from_js(v: f64) -> Option<usize> {
    // NaN fails both comparisons; `as` is exact for integers in range.
    if v >= 0.0 && v <= MAX_ALLOC as f64 && v.fract() == 0.0 {
        Some(v as usize)
    } else {
        None
    }
}

/// How deep arrays may nest inside one [`JsAny`](crate::JsAny) value, both ways: JS refuses a
/// deeper (or cyclic) array with a TypeError/RangeError, Rust writes the array beyond this depth
/// as an empty one that the JS reader refuses (a RangeError, not a stack overflow).
#[doc(hidden)]
pub const ANY_MAX_DEPTH: usize = 64;

/// A signature code: what a parameter or result is, as the JS runtime sees it.
///
/// The low byte is a [`JsType`] code, with [`NULLABLE`] set for an `Option`; for a type with an
/// element (`Vec<T>` is [`JsType::Array`] of `T`, an async result is [`JsType::Promise`] of `T`)
/// the element's own code follows in the next bytes. So `Promise<Vec<Option<String>>>` is
/// `Promise | (Array | ((String | NULLABLE) << 8)) << 8`, three levels in 24 bits. An array of
/// arrays that would not fit takes one byte for both ([`JsType::ArrayOfArray`]), so four levels
/// of `Vec` and their element fit: `Vec<Vec<Vec<Vec<f64>>>>`. Read codes with [`code_type`] and
/// [`code_inner`], which undo that.
///
/// ```
/// use slotwire::slot::{code_inner, code_type, compound, NULLABLE};
/// use slotwire::JsType;
/// let vec_of_opt_string = compound(JsType::Array, false, JsType::String.code(true));
/// assert_eq!(code_type(vec_of_opt_string), Some(JsType::Array));
/// assert_eq!(code_inner(vec_of_opt_string), JsType::String as u32 | NULLABLE);
///
/// let v3 = <Vec<Vec<Vec<f64>>> as slotwire::ToJs>::CODE;
/// let v4 = compound(JsType::Array, false, v3);
/// assert_eq!(code_type(v4), Some(JsType::Array));
/// assert_eq!(code_inner(v4), v3);
/// ```
pub type Code = u32;

/// The code of `outer` (nullable or not) with element code `inner`. Panics (at compile time, in
/// a constant) when `inner` is nested too deep to fit: more than four levels.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// let opt_vec = compound(JsType::Array, true, JsType::String.code(false));
/// assert!(code_nullable(opt_vec));
/// assert_eq!(code_inner(opt_vec), JsType::String.code(false));
/// ```
pub const fn compound(outer: JsType, nullable: bool, inner: Code) -> Code {
    if inner >> (32 - CODE_SHIFT) == 0 {
        return outer.code(nullable) | (inner << CODE_SHIFT);
    }
    // An array of a plain (unfolded) array: both levels in one byte.
    let inner_byte = inner & 0xff;
    if matches!(outer, JsType::Array) && inner_byte & 0x7f == JsType::Array as u32 {
        let folded = if inner_byte & NULLABLE != 0 {
            JsType::ArrayOfOptionArray
        } else {
            JsType::ArrayOfArray
        };
        return folded.code(nullable) | (inner & !0xff);
    }
    panic!("slotwire: types nest at most four levels deep");
}

/// The [`JsType`] of a signature code's outer level (`None` for an unknown type byte); an array
/// of arrays in one byte is an [`JsType::Array`] here.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// assert_eq!(code_type(JsType::F64.code(true)), Some(JsType::F64));
/// assert_eq!(code_type(0x7e), None);
/// ```
pub const fn code_type(code: Code) -> Option<JsType> {
    match JsType::from_code((code & 0x7f) as u8) {
        Some(JsType::ArrayOfArray | JsType::ArrayOfOptionArray) => Some(JsType::Array),
        t => t,
    }
}

/// The element code of a compound signature code (0, i.e. void, for a plain type).
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// assert_eq!(code_inner(JsType::I32.code(false)), 0);
/// ```
pub const fn code_inner(code: Code) -> Code {
    const FOLDED: u32 = JsType::ArrayOfArray as u32;
    const FOLDED_OPTION: u32 = JsType::ArrayOfOptionArray as u32;
    match code & 0x7f {
        // The element: the array folded into this byte, then the rest of the code.
        FOLDED => (code & !0xff) | JsType::Array as u32,
        FOLDED_OPTION => (code & !0xff) | JsType::Array as u32 | NULLABLE,
        _ => code >> CODE_SHIFT,
    }
}

/// `code` with its element code replaced by `inner` (its outer level, nullable or not, kept).
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// let v = compound(JsType::Array, false, JsType::U8.code(false));
/// let w = with_inner(v, JsType::F32.code(false));
/// assert_eq!(code_inner(w), JsType::F32.code(false));
/// ```
pub const fn with_inner(code: Code, inner: Code) -> Code {
    match code_type(code) {
        Some(t) => compound(t, code_nullable(code), inner),
        None => panic!("slotwire: not a signature code"),
    }
}

/// The code of a `&mut` reference to a value of code `code`: a span becomes a writable span;
/// anything else is unchanged.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// let span = compound(JsType::Span, false, JsType::F64.code(false));
/// assert_eq!(code_type(mutable(span)), Some(JsType::SpanMut));
/// assert_eq!(mutable(JsType::I32.code(false)), JsType::I32.code(false));
/// ```
pub const fn mutable(code: Code) -> Code {
    if code & 0x7f == JsType::Span as u32 {
        (code & !0x7f) | JsType::SpanMut as u32
    } else {
        code
    }
}

/// Whether the outer level of a signature code is an `Option`.
///
/// ```
/// use slotwire::slot::*;
/// use slotwire::JsType;
/// assert!(code_nullable(JsType::Bool.code(true)));
/// assert!(!code_nullable(JsType::Bool.code(false)));
/// ```
pub const fn code_nullable(code: Code) -> bool {
    code & NULLABLE != 0
}

/// Bits of a [`Handle`](crate::handles::Handle) (a closure, Rust object or segment JS holds)
/// that hold its slab key + 1; the 32 bits above them hold the slot's generation. A handle is an
/// integer below 2^53, so a JS number; in a slot it fills the 8 bytes of `value`.
#[doc(hidden)]
pub const HANDLE_KEY_BITS: u32 = 21;

/// Status returned by the `invoke` import and the `call` export: the call completed.
#[doc(hidden)]
pub const STATUS_OK: u32 = 0;
/// Status returned by the `invoke` import and the `call` export: slot [`EXCEPTION`] holds an error.
#[doc(hidden)]
pub const STATUS_EXCEPTION: u32 = 1;

/// [`Slot::flags`] bit of an async export's result: the promise is pending; `len` is its id.
#[doc(hidden)]
pub const FLAG_PENDING: u8 = 4;

// The fast area (`call::fast::FastArea`): a status word, a result-length word, then an exception
// slot. JS learns its address at attach time.

/// Byte offset of the fast area's status word.
#[doc(hidden)]
pub const FAST_STATUS: usize = 0;
/// Byte offset of the fast area's result-length word: the UTF-8 byte length of the `String` a
/// typed import returned (the import's wasm result is the address JS encoded it at).
#[doc(hidden)]
pub const FAST_RESULT_LEN: usize = 4;
/// Byte offset of the fast area's frame generation, a 64-bit count (low word, then high word):
/// JS advances it whenever it is about to write into its frame area or result blocks
/// (`Heap.alloc`, `beginResult`), so a result Rust reads after the call that wrote it
/// ([`Ret`](crate::Ret)) can tell whether it was overwritten.
#[doc(hidden)]
pub const FAST_FRAME_GEN: usize = 24;
/// Byte offset of the fast area's exception slot.
#[doc(hidden)]
pub const FAST_EXCEPTION: usize = 8;
/// Fast-area status: nothing to report.
#[doc(hidden)]
pub const FAST_CLEAR: u32 = 0;
/// Fast-area status: a fast import threw; the exception slot holds the error.
#[doc(hidden)]
pub const FAST_THREW: u32 = 1;
/// Fast-area status: Rust could not run a closure's typed call; JS calls it through the slots.
#[doc(hidden)]
pub const FAST_USE_SLOTS: u32 = 2;

/// How `swBind` binds a JS function: called through the slots.
#[doc(hidden)]
pub const BIND_SLOTS: u32 = 0;
/// Through the typed trampolines, a `JsObject` crossing as its JS table handle (typed bindings).
#[doc(hidden)]
pub const BIND_FAST: u32 = 1;
/// Through a `#[js_import]`'s own typed wasm import, a `JsObject` crossing as an externref.
#[doc(hidden)]
pub const BIND_FAST_REFS: u32 = 2;

// Info records: what `slotwire_export_info`, closures' `closure_info`, `slotwire_segment_info` and
// Rust objects' `object_adopt` write at `out`, as u32 words (the index of each word below).

/// Words of `slotwire_export_info`'s record.
#[doc(hidden)]
pub const EXPORT_INFO_WORDS: usize = 8;
/// Export info: address of the export's name (UTF-8).
#[doc(hidden)]
pub const EXPORT_INFO_NAME_PTR: usize = 0;
/// Export info: byte length of the name.
#[doc(hidden)]
pub const EXPORT_INFO_NAME_LEN: usize = 1;
/// Export info: address of the parameters' signature codes (u32 each).
#[doc(hidden)]
pub const EXPORT_INFO_PARAMS_PTR: usize = 2;
/// Export info: number of parameters.
#[doc(hidden)]
pub const EXPORT_INFO_PARAMS_LEN: usize = 3;
/// Export info: address of the comma-separated parameter names (UTF-8).
#[doc(hidden)]
pub const EXPORT_INFO_NAMES_PTR: usize = 4;
/// Export info: byte length of the parameter names.
#[doc(hidden)]
pub const EXPORT_INFO_NAMES_LEN: usize = 5;
/// Export info: the result's signature code (an async export's is a promise of its value).
#[doc(hidden)]
pub const EXPORT_INFO_RET: usize = 6;
/// Export info: 1 when the typed wasm export `FAST_EXPORT_PREFIX + name` exists.
#[doc(hidden)]
pub const EXPORT_INFO_FAST: usize = 7;

/// Words of closures' `closure_info` record.
#[doc(hidden)]
pub const CLOSURE_INFO_WORDS: usize = 5;
/// Closure info: address of the parameters' signature codes.
#[doc(hidden)]
pub const CLOSURE_INFO_PARAMS_PTR: usize = 0;
/// Closure info: number of parameters.
#[doc(hidden)]
pub const CLOSURE_INFO_PARAMS_LEN: usize = 1;
/// Closure info: the result's signature code.
#[doc(hidden)]
pub const CLOSURE_INFO_RET: usize = 2;
/// Closure info: how JS may call the closure with typed values: 0 not at all (slots only),
/// [`CLOSURE_FAST_F64`] or [`CLOSURE_FAST_I32`].
#[doc(hidden)]
pub const CLOSURE_INFO_FAST: usize = 3;
/// Closure info: the index of the closure's typed entry in the wasm function table (0 when
/// [`CLOSURE_INFO_FAST`] is). Before writing one, Rust hands JS the table (`swFunctionTable`).
#[doc(hidden)]
pub const CLOSURE_INFO_ENTRY: usize = 4;
/// A closure's typed path with every value as an `f64`: its entry takes `(handle, ..)`.
#[doc(hidden)]
pub const CLOSURE_FAST_F64: u32 = 1;
/// A closure's typed path with every value as an `i32` (integers, bool, char; the handle in two
/// halves): its entry takes `(lo, hi, ..)`. Engines call wasm functions of `i32`s
/// from JS without boxing (no `f64` crosses), so this is the cheaper of the two.
#[doc(hidden)]
pub const CLOSURE_FAST_I32: u32 = 2;
/// Closure info's typed-path bit (with [`CLOSURE_FAST_F64`] or [`CLOSURE_FAST_I32`]): the entry
/// is a function's (`JsClosure::from_fn`), which ignores the handle; JS itself stops calling it
/// once the closure is dropped.
#[doc(hidden)]
pub const CLOSURE_FAST_STATELESS: u32 = 4;
/// What a [`CLOSURE_FAST_I32`] entry returns (an `i32`) when JS must take the slot path: JS
/// then reads the fast area's status word ([`FAST_USE_SLOTS`]). A closure result of this value
/// makes JS read the status word too, and find it clear.
#[doc(hidden)]
pub const CLOSURE_I32_USE_SLOTS: i32 = i32::MIN;

/// Words of `slotwire_segment_info`'s record.
#[doc(hidden)]
pub const SEGMENT_INFO_WORDS: usize = 3;
/// Segment info: address of the first element.
#[doc(hidden)]
pub const SEGMENT_INFO_PTR: usize = 0;
/// Segment info: number of elements.
#[doc(hidden)]
pub const SEGMENT_INFO_LEN: usize = 1;
/// Segment info: the element's type code.
#[doc(hidden)]
pub const SEGMENT_INFO_ELEM: usize = 2;

/// Words of Rust objects' `object_adopt` record (the type name).
#[doc(hidden)]
pub const OBJECT_TYPE_WORDS: usize = 2;
/// Rust object type: address of the type's name (UTF-8).
#[doc(hidden)]
pub const OBJECT_TYPE_NAME_PTR: usize = 0;
/// Rust object type: byte length of the name.
#[doc(hidden)]
pub const OBJECT_TYPE_NAME_LEN: usize = 1;

/// Prefix of the wasm export `#[js_export]` adds per function to register its descriptor
/// (`__slotwire_export__<name>`); the JS runtime calls each such export once when it attaches.
#[doc(hidden)]
pub const EXPORT_PREFIX: &str = "__slotwire_export__";
/// Prefix of the typed wasm export of a fast-path `#[js_export]` (`__slotwire_fast__<name>`).
#[doc(hidden)]
pub const FAST_EXPORT_PREFIX: &str = "__slotwire_fast__";

macro_rules! js_types {
    ($( $(#[$doc:meta])* $name:ident = $code:literal, $js:literal; )*) => {
        /// The type code of a value in a slot: how JS converts it, and what Rust reads.
        ///
        /// One table for both halves; `js-runtime/src/slot.js` mirrors it (a test enforces that).
        /// Codes from 32 up are reserved for values that cross by handle or by view.
        ///
        /// ```
        /// use slotwire::slot::*;
        /// use slotwire::JsType;
        /// assert_eq!(JsType::F64.name(), "f64");
        /// assert_eq!(JsType::F64.code(false), JsType::F64 as Code);
        /// ```
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum JsType {
            $( $(#[$doc])* $name = $code, )*
        }

        impl JsType {
            /// Every type code, in code order.
            ///
            /// ```
            /// use slotwire::slot::*;
            /// use slotwire::JsType;
            /// assert!(JsType::ALL.contains(&JsType::String));
            /// ```
            pub const ALL: &'static [JsType] = &[$(JsType::$name,)*];

            /// The name the JS runtime uses for this type (`"i32"`, `"string"`, ...).
            ///
            /// ```
            /// assert_eq!(slotwire::JsType::I64Number.name(), "i64_number");
            /// ```
            pub const fn name(self) -> &'static str {
                match self { $( JsType::$name => $js, )* }
            }

            /// The type for a code, without the [`NULLABLE`] bit; `None` for an unknown code.
            ///
            /// ```
            /// use slotwire::JsType;
            /// assert_eq!(JsType::from_code(7), Some(JsType::I32));
            /// assert_eq!(JsType::from_code(200), None);
            /// ```
            pub const fn from_code(code: u8) -> Option<JsType> {
                match code { $( $code => Some(JsType::$name), )* _ => None }
            }
        }
    };
}

js_types! {
    /// No value: `()` / `undefined`.
    Void = 0, "void";
    /// `bool` ↔ `boolean`.
    Bool = 1, "bool";
    /// `u8` ↔ `number` (0..=255).
    U8 = 2, "u8";
    /// `i8` ↔ `number`.
    I8 = 3, "i8";
    /// `u16` ↔ `number`.
    U16 = 4, "u16";
    /// `i16` ↔ `number`.
    I16 = 5, "i16";
    /// `u32` ↔ `number`.
    U32 = 6, "u32";
    /// `i32` ↔ `number`.
    I32 = 7, "i32";
    /// `f32` ↔ `number` (rounded to f32; a finite value too large for f32 is a RangeError).
    F32 = 8, "f32";
    /// `f64` ↔ `number`.
    F64 = 9, "f64";
    /// `char` ↔ a one-character `string` (one code point: "𝄞" is one char).
    Char = 10, "char";
    /// `usize` ↔ `number` (32 bits on wasm32).
    USize = 11, "usize";
    /// `isize` ↔ `number` (32 bits on wasm32).
    ISize = 12, "isize";
    /// `i64` ↔ `bigint`.
    I64 = 13, "i64";
    /// `u64` ↔ `bigint`.
    U64 = 14, "u64";
    /// `i64` ↔ `number`; must be a safe integer (|x| ≤ 2^53 - 1), else RangeError.
    I64Number = 15, "i64_number";
    /// `u64` ↔ `number`; must be a safe integer (x ≤ 2^53 - 1), else RangeError.
    U64Number = 16, "u64_number";
    /// `String` / `&str` ↔ `string` (UTF-8 in linear memory; pointer in `value`, bytes in `len`).
    String = 17, "string";
    /// [`JsDate`](crate::JsDate) / `SystemTime` ↔ `Date` (milliseconds since the epoch as f64).
    Date = 18, "date";
    /// An exception: a thrown JS value or an `Err` from Rust.
    Error = 19, "error";
    /// Reserved: a JS object held by Rust through a handle.
    JsObject = 32, "object";
    /// Reserved: a Rust object held by JS through a handle.
    RustObject = 33, "rust_object";
    /// Reserved: a function / closure.
    Function = 34, "function";
    /// Reserved: a Promise / Future.
    Promise = 35, "promise";
    /// A call-scoped, read-only MemoryView over a `&[T]` import argument; as an export
    /// parameter, a copy JS makes into the call's frame. The element type is the inner code.
    Span = 36, "span";
    /// A MemoryView over a pinned [`Segment<T>`](crate::Segment): lives until disposed.
    Segment = 37, "segment";
    /// Reserved: an array copied element by element.
    Array = 38, "array";
    /// Reserved: a record view.
    Record = 39, "record";
    /// Any JS value, marshalled by its run-time type ([`JsAny`](crate::JsAny)).
    Any = 40, "any";
    /// A call-scoped MemoryView over a `&mut [T]` (JS may write; [`Span`](JsType::Span) is a
    /// read-only `&[T]`).
    SpanMut = 41, "span_mut";
    /// Never a slot's type, only a signature code's level: an array whose element is an array
    /// (`Vec<Vec<..>>`), two levels in one byte, so that four levels of arrays and their
    /// element fit a [`Code`] (see [`compound`]).
    ArrayOfArray = 42, "array_of_array";
    /// As [`ArrayOfArray`](JsType::ArrayOfArray), the element an `Option` (`Vec<Option<Vec<..>>>`).
    ArrayOfOptionArray = 43, "array_of_option_array";
}

impl JsType {
    /// This type's signature code with the [`NULLABLE`] bit set when `nullable`.
    ///
    /// ```
    /// use slotwire::JsType;
    /// assert_eq!(JsType::I32.code(false), 7);
    /// assert_eq!(JsType::I32.code(true), 7 | 0x80);
    /// ```
    pub const fn code(self, nullable: bool) -> Code {
        (self as u32) | if nullable { NULLABLE } else { 0 }
    }
}

impl Slot {
    /// A zeroed slot.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// assert_eq!(Slot::ZERO.value(), 0);
    /// ```
    pub const ZERO: Slot = Slot {
        value: 0,
        len: 0,
        ty: 0,
        elem: 0,
        flags: 0,
        reserved: 0,
    };

    /// The 8-byte payload: an integer, the bits of an `f64`, or a pointer in the low 32 bits.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// let mut s = Slot::ZERO;
    /// s.set_i64(5);
    /// assert_eq!(s.value(), 5);
    /// ```
    #[inline]
    pub fn value(&self) -> u64 {
        self.value
    }

    /// The 4-byte length field: a byte length (strings), an element count or a handle.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// let text = "hi";
    /// let mut s = Slot::ZERO;
    /// s.set_ptr_len(text.as_ptr(), text.len());
    /// assert_eq!(s.len(), 2);
    /// ```
    #[inline]
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> u32 {
        self.len
    }

    /// The [`JsType`] code of what the slot holds.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// assert_eq!(Slot::ZERO.ty(), 0);
    /// ```
    #[inline]
    pub fn ty(&self) -> u8 {
        self.ty
    }

    /// The element [`JsType`] code, for views and arrays.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// assert_eq!(Slot::ZERO.elem(), 0);
    /// ```
    #[inline]
    pub fn elem(&self) -> u8 {
        self.elem
    }

    /// The bit set of `FLAG_*`.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// assert_eq!(Slot::ZERO.flags(), 0);
    /// ```
    #[inline]
    pub fn flags(&self) -> u8 {
        self.flags
    }

    /// Reads the value as an `f64`.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// let mut s = Slot::ZERO;
    /// s.set_f64(0.5);
    /// assert_eq!(s.f64(), 0.5);
    /// ```
    #[inline]
    pub fn f64(&self) -> f64 {
        f64::from_bits(self.value)
    }

    /// Stores an `f64` in the value.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// let mut s = Slot::ZERO;
    /// s.set_f64(-0.0);
    /// assert_eq!(s.f64().to_bits(), (-0.0f64).to_bits());
    /// ```
    #[inline]
    pub fn set_f64(&mut self, v: f64) {
        self.value = v.to_bits();
    }

    /// Reads the value as an `i64`.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// let mut s = Slot::ZERO;
    /// s.set_i64(i64::MIN);
    /// assert_eq!(s.i64(), i64::MIN);
    /// ```
    #[inline]
    pub fn i64(&self) -> i64 {
        self.value as i64
    }

    /// Stores an `i64` in the value.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// let mut s = Slot::ZERO;
    /// s.set_i64(-1);
    /// assert_eq!(s.value(), u64::MAX);
    /// ```
    #[inline]
    pub fn set_i64(&mut self, v: i64) {
        self.value = v as u64;
    }

    /// Reads the low 32 bits of the value (pointers, 32-bit integers).
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// let mut s = Slot::ZERO;
    /// s.set_i64(7);
    /// assert_eq!(s.u32(), 7);
    /// ```
    #[inline]
    pub fn u32(&self) -> u32 {
        self.value as u32
    }

    /// Whether [`FLAG_NULL`] is set.
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// assert!(!Slot::ZERO.is_null());
    /// ```
    #[inline]
    pub fn is_null(&self) -> bool {
        self.flags & FLAG_NULL != 0
    }

    /// Stores a pointer and a byte length (strings).
    ///
    /// ```
    /// use slotwire::slot::*;
    /// use slotwire::JsType;
    /// let bytes = [1u8, 2, 3];
    /// let mut s = Slot::ZERO;
    /// s.set_ptr_len(bytes.as_ptr(), bytes.len());
    /// assert_eq!(s.len(), 3);
    /// ```
    #[inline]
    pub fn set_ptr_len(&mut self, ptr: *const u8, len: usize) {
        self.value = ptr as usize as u64;
        self.len = len as u32;
    }
}

/// The layout as a list of numbers, in the order the JS runtime checks it at attach time:
/// slot size, the five field offsets, the three slot indices, `FLAG_NULL`, `FLAG_OWNED`,
/// `NULLABLE`, `CODE_SHIFT`, `FLAG_PENDING`, the fast area's offsets and statuses (the result-length and frame-generation offsets last), the info
/// records' word counts and indices, then each type code (in [`JsType::ALL`] order).
#[doc(hidden)]
pub fn layout_words() -> Vec<u32> {
    let mut v = vec![
        SLOT_SIZE as u32,
        OFFSET_VALUE as u32,
        OFFSET_LEN as u32,
        OFFSET_TYPE as u32,
        OFFSET_ELEM as u32,
        OFFSET_FLAGS as u32,
        EXCEPTION as u32,
        RESULT as u32,
        ARG0 as u32,
        FLAG_NULL as u32,
        FLAG_OWNED as u32,
        NULLABLE,
        CODE_SHIFT,
        FLAG_PENDING as u32,
        FAST_STATUS as u32,
        FAST_EXCEPTION as u32,
        FAST_CLEAR,
        FAST_THREW,
        FAST_USE_SLOTS,
        FAST_RESULT_LEN as u32,
        FAST_FRAME_GEN as u32,
        BIND_SLOTS,
        BIND_FAST,
        BIND_FAST_REFS,
        EXPORT_INFO_WORDS as u32,
        EXPORT_INFO_NAME_PTR as u32,
        EXPORT_INFO_NAME_LEN as u32,
        EXPORT_INFO_PARAMS_PTR as u32,
        EXPORT_INFO_PARAMS_LEN as u32,
        EXPORT_INFO_NAMES_PTR as u32,
        EXPORT_INFO_NAMES_LEN as u32,
        EXPORT_INFO_RET as u32,
        EXPORT_INFO_FAST as u32,
        CLOSURE_INFO_WORDS as u32,
        CLOSURE_INFO_PARAMS_PTR as u32,
        CLOSURE_INFO_PARAMS_LEN as u32,
        CLOSURE_INFO_RET as u32,
        CLOSURE_INFO_FAST as u32,
        CLOSURE_INFO_ENTRY as u32,
        CLOSURE_FAST_F64,
        CLOSURE_FAST_I32,
        CLOSURE_FAST_STATELESS,
        CLOSURE_I32_USE_SLOTS as u32,
        SEGMENT_INFO_WORDS as u32,
        SEGMENT_INFO_PTR as u32,
        SEGMENT_INFO_LEN as u32,
        SEGMENT_INFO_ELEM as u32,
        OBJECT_TYPE_WORDS as u32,
        OBJECT_TYPE_NAME_PTR as u32,
        OBJECT_TYPE_NAME_LEN as u32,
        MAX_ALLOC as u32,
        ANY_MAX_DEPTH as u32,
        HANDLE_KEY_BITS,
    ];
    v.extend(JsType::ALL.iter().map(|t| *t as u32));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::mem::{align_of, offset_of, size_of};

    #[test]
    fn layout_matches_constants() {
        assert_eq!(size_of::<Slot>(), SLOT_SIZE);
        assert_eq!(align_of::<Slot>(), 8);
        assert_eq!(offset_of!(Slot, value), OFFSET_VALUE);
        assert_eq!(offset_of!(Slot, len), OFFSET_LEN);
        assert_eq!(offset_of!(Slot, ty), OFFSET_TYPE);
        assert_eq!(offset_of!(Slot, elem), OFFSET_ELEM);
        assert_eq!(offset_of!(Slot, flags), OFFSET_FLAGS);
    }

    #[test]
    fn sizes_from_js_are_integers_that_fit_a_wasm32_layout() {
        assert_eq!(size_from_js(0.0), Some(0));
        assert_eq!(size_from_js(16.0), Some(16));
        assert_eq!(size_from_js(MAX_ALLOC as f64), Some(MAX_ALLOC));
        for bad in [
            -1.0,
            1.5,
            f64::NAN,
            f64::INFINITY,
            MAX_ALLOC as f64 + 1.0,
            4294967296.0 + 16.0,
            4294967296.0,
        ] {
            assert_eq!(size_from_js(bad), None, "{bad}");
        }
        assert!(std::alloc::Layout::from_size_align(MAX_ALLOC, 8).is_ok() || usize::BITS > 32);
    }

    #[test]
    fn codes_round_trip_and_fit_below_nullable_bit() {
        for t in JsType::ALL {
            assert_eq!(JsType::from_code(*t as u8), Some(*t));
            assert_eq!((*t as u32) & NULLABLE, 0, "{t:?} collides with NULLABLE");
        }
        let mut names: Vec<_> = JsType::ALL.iter().map(|t| t.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), JsType::ALL.len(), "type names must be unique");
    }

    #[test]
    fn value_accessors() {
        let mut s = Slot::ZERO;
        s.set_i64(-1);
        assert_eq!(s.value, u64::MAX);
        assert_eq!(s.i64(), -1);
        s.set_f64(-0.0);
        assert!(s.f64().is_sign_negative());
        s.set_ptr_len(8 as *const u8, 3);
        assert_eq!((s.u32(), s.len), (8, 3));
    }
}

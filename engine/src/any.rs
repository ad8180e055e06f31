//! [`JsAny`]: whatever JS value arrives, marshalled by its run-time type (.NET's `Object` ↔
//! `Any`). Its JS half is `js-runtime/src/marshal/any.js`; it sits beside the typed references
//! rather than among the marshalers, since it holds them ([`JsObject`], `JsFunction`).
//!
//! The signature code is [`JsType::Any`]; each value's slot says what it holds in [`Slot::ty`]:
//!
//! | variant | `ty` | slot |
//! |---|---|---|
//! | [`JsAny::Undefined`] | [`JsType::Void`] | nothing |
//! | [`JsAny::Null`] | [`JsType::Void`] with [`FLAG_NULL`] | nothing |
//! | [`JsAny::Bool`] | [`JsType::Bool`] | 0 / 1 |
//! | [`JsAny::Number`] | [`JsType::F64`] | the `f64` |
//! | [`JsAny::BigInt`] | [`JsType::I64`] | the `i64` (a JS bigint outside i64 range is a RangeError) |
//! | [`JsAny::String`] | [`JsType::String`] | pointer and byte length, as `String` |
//! | [`JsAny::Date`] | [`JsType::Date`] | milliseconds, as [`JsDate`] |
//! | [`JsAny::Array`] | [`JsType::Array`] | a block of `Any` slots, as `Vec<JsAny>` (owned by JS, which frees it, Rust → JS; in the call's frame JS → Rust) |
//! | [`JsAny::Object`] | [`JsType::JsObject`] | a handle, as [`JsObject`] |
//! | [`JsAny::Function`] | [`JsType::Function`] (elem 0) | a handle, as [`JsFunction`](crate::JsFunction) |
//!
//! From JS: `undefined`, `null`, booleans, numbers, bigints, strings, `Date`s and arrays (`Array.
//! isArray`, recursively) by value; functions and every other object — typed arrays, `Map`s,
//! class instances — by handle, so they come back `===`. A symbol is a TypeError. As an
//! `Option<JsAny>`, both `null` and `undefined` are `None` (use `JsAny` itself to tell them apart),
//! and `None` goes to JS as `null`.
//!
//! ```
//! use slotwire::{slot::Slot, FromJs, JsAny, JsType, ToJs};
//! let v = JsAny::Array(vec![1.5.into(), "two".into(), JsAny::Null, true.into()]);
//! let mut s = Slot::ZERO;
//! v.write(&mut s);
//! assert_eq!(s.ty(), JsType::Array as u8);
//! // SAFETY: `write` just filled the slot for `JsAny`; the block it points at is alive.
//! assert_eq!(unsafe { JsAny::read(&s) }.unwrap(), v);
//! //! ```

use std::cell::Cell;

use crate::marshal::{FromJs, JsDate, ToJs};
use crate::slot::{Slot, ANY_MAX_DEPTH, FLAG_NULL, FLAG_OWNED};
use crate::{Error, ErrorKind, JsObject, JsType, Result};

thread_local! {
    /// Arrays of a JsAny being written (Rust → JS) or read (JS → Rust), outermost first.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` one array level deeper; `None` (without running it) beyond [`ANY_MAX_DEPTH`].
fn nested<R>(f: impl FnOnce() -> R) -> Option<R> {
    let d = DEPTH.with(Cell::get);
    if d >= ANY_MAX_DEPTH {
        return None;
    }
    DEPTH.with(|c| c.set(d + 1));
    let r = f();
    DEPTH.with(|c| c.set(d));
    Some(r)
}

/// Drops a value without recursing into its arrays (a deep `JsAny` would overflow the stack).
fn drop_flat(v: Vec<JsAny>) {
    let mut stack = v;
    while let Some(x) = stack.pop() {
        if let JsAny::Array(items) = x {
            stack.extend(items);
        }
    }
}

/// Any JS value, by its run-time type.
///
/// Usable wherever a marshalled type is: import and export parameters and results, `Vec<JsAny>`,
/// `Option<JsAny>`, promise values.
///
/// ```
/// use slotwire::JsAny;
/// let v: JsAny = "hi".into();
/// assert_eq!(v.as_str(), Some("hi"));
/// assert_eq!(JsAny::from(2.5).as_f64(), Some(2.5));
/// assert_eq!(JsAny::from(7i64), JsAny::BigInt(7));
/// assert_eq!(JsAny::from(None::<f64>), JsAny::Null);
/// assert!(JsAny::Undefined.is_undefined() && JsAny::Null.is_nullish());
/// let list: JsAny = vec![1.0, 2.0].into();
/// assert_eq!(list.as_array().map(|a| a.len()), Some(2));
/// assert_eq!(list.type_of(), "object");
/// ```
///
/// ```no_run
/// use slotwire::prelude::*;
/// use slotwire::JsAny;
///
/// #[js_import("JSON.parse")]
/// fn parse(s: &str) -> Result<JsAny, JsError>;
///
/// #[js_export]
/// fn describe(v: JsAny) -> String {
///     match v {
///         JsAny::Number(n) => format!("number {n}"),
///         JsAny::Array(items) => format!("{} items", items.len()),
///         other => other.type_of().to_owned(),
///     }
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub enum JsAny {
    /// `undefined`.
    #[default]
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A bigint within i64 range (a bigint beyond it is a RangeError when it comes from JS).
    BigInt(i64),
    /// A string (a lone surrogate from JS arrives as U+FFFD).
    String(String),
    /// A `Date`, by value.
    Date(JsDate),
    /// An `Array`, copied element by element.
    Array(Vec<JsAny>),
    /// Any other object (typed arrays and `Map`s included), by handle: it comes back `===`.
    Object(JsObject),
    /// A function, by handle; call it through [`JsFunction::from`](crate::JsFunction).
    Function(JsObject),
}

impl JsAny {
    /// JS `typeof` of the value (`"object"` for `null`, arrays and dates, as in JS).
    ///
    /// ```
    /// use slotwire::JsAny;
    /// assert_eq!(JsAny::Number(1.0).type_of(), "number");
    /// assert_eq!(JsAny::Null.type_of(), "object");
    /// ```
    pub fn type_of(&self) -> &'static str {
        match self {
            JsAny::Undefined => "undefined",
            JsAny::Bool(_) => "boolean",
            JsAny::Number(_) => "number",
            JsAny::BigInt(_) => "bigint",
            JsAny::String(_) => "string",
            JsAny::Function(_) => "function",
            JsAny::Null | JsAny::Date(_) | JsAny::Array(_) | JsAny::Object(_) => "object",
        }
    }
    /// Whether the value is `undefined`.
    ///
    /// ```
    /// assert!(slotwire::JsAny::Undefined.is_undefined());
    /// ```
    pub fn is_undefined(&self) -> bool {
        matches!(self, JsAny::Undefined)
    }
    /// Whether the value is `null`.
    ///
    /// ```
    /// assert!(slotwire::JsAny::Null.is_null());
    /// ```
    pub fn is_null(&self) -> bool {
        matches!(self, JsAny::Null)
    }
    /// Whether the value is `null` or `undefined`.
    ///
    /// ```
    /// use slotwire::JsAny;
    /// assert!(JsAny::Null.is_nullish() && JsAny::Undefined.is_nullish());
    /// assert!(!JsAny::Bool(false).is_nullish());
    /// ```
    pub fn is_nullish(&self) -> bool {
        matches!(self, JsAny::Null | JsAny::Undefined)
    }
    /// The boolean, if it is one.
    ///
    /// ```
    /// assert_eq!(slotwire::JsAny::Bool(true).as_bool(), Some(true));
    /// ```
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            JsAny::Bool(b) => Some(*b),
            _ => None,
        }
    }
    /// The number, if it is one.
    ///
    /// ```
    /// use slotwire::JsAny;
    /// assert_eq!(JsAny::Number(2.5).as_f64(), Some(2.5));
    /// assert_eq!(JsAny::String("2.5".into()).as_f64(), None);
    /// ```
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            JsAny::Number(n) => Some(*n),
            _ => None,
        }
    }
    /// The bigint, if it is one.
    ///
    /// ```
    /// assert_eq!(slotwire::JsAny::BigInt(-7).as_i64(), Some(-7));
    /// ```
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            JsAny::BigInt(n) => Some(*n),
            _ => None,
        }
    }
    /// The string, if it is one.
    ///
    /// ```
    /// assert_eq!(slotwire::JsAny::String("hi".into()).as_str(), Some("hi"));
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match self {
            JsAny::String(s) => Some(s),
            _ => None,
        }
    }
    /// The date, if it is one.
    ///
    /// ```
    /// use slotwire::{JsAny, JsDate};
    /// let d = JsDate::from_millis(0.0).unwrap();
    /// assert_eq!(JsAny::Date(d).as_date(), Some(d));
    /// ```
    pub fn as_date(&self) -> Option<JsDate> {
        match self {
            JsAny::Date(d) => Some(*d),
            _ => None,
        }
    }
    /// The elements, if it is an array.
    ///
    /// ```
    /// use slotwire::JsAny;
    /// let v = JsAny::Array(vec![JsAny::Number(1.0), JsAny::Null]);
    /// assert_eq!(v.as_array().map(<[JsAny]>::len), Some(2));
    /// ```
    pub fn as_array(&self) -> Option<&[JsAny]> {
        match self {
            JsAny::Array(v) => Some(v),
            _ => None,
        }
    }
    /// The elements, mutable, if it is an array.
    ///
    /// ```
    /// use slotwire::JsAny;
    /// let mut v = JsAny::Array(vec![]);
    /// v.as_array_mut().unwrap().push(JsAny::Bool(true));
    /// assert_eq!(v.as_array().unwrap().len(), 1);
    /// ```
    pub fn as_array_mut(&mut self) -> Option<&mut Vec<JsAny>> {
        match self {
            JsAny::Array(v) => Some(v),
            _ => None,
        }
    }
    /// The object (or function) handle, if it is one.
    ///
    /// ```
    /// assert!(slotwire::JsAny::Number(1.0).as_object().is_none());
    /// ```
    pub fn as_object(&self) -> Option<&JsObject> {
        match self {
            JsAny::Object(o) | JsAny::Function(o) => Some(o),
            _ => None,
        }
    }
    /// The object (or function) handle, if it is one, by value.
    ///
    /// ```no_run
    /// # fn f(v: slotwire::JsAny) {
    /// if let Some(o) = v.into_object() {
    ///     let _answer: slotwire::Result<f64> = o.get("answer");
    /// }
    /// # }
    /// ```
    pub fn into_object(self) -> Option<JsObject> {
        match self {
            JsAny::Object(o) | JsAny::Function(o) => Some(o),
            _ => None,
        }
    }
}

/// Structural equality for values, identity for objects and functions (JS `===`, see
/// [`JsObject::same_as`]). `Number(NaN) != Number(NaN)`, as `f64`.
impl PartialEq for JsAny {
    fn eq(&self, other: &JsAny) -> bool {
        match (self, other) {
            (JsAny::Undefined, JsAny::Undefined) | (JsAny::Null, JsAny::Null) => true,
            (JsAny::Bool(a), JsAny::Bool(b)) => a == b,
            (JsAny::Number(a), JsAny::Number(b)) => a == b,
            (JsAny::BigInt(a), JsAny::BigInt(b)) => a == b,
            (JsAny::String(a), JsAny::String(b)) => a == b,
            (JsAny::Date(a), JsAny::Date(b)) => a == b,
            (JsAny::Array(a), JsAny::Array(b)) => a == b,
            (JsAny::Object(a), JsAny::Object(b)) | (JsAny::Function(a), JsAny::Function(b)) => {
                a.same_as(b)
            }
            _ => false,
        }
    }
}

macro_rules! from_plain {
    ($($t:ty => |$v:ident| $e:expr;)*) => {$(
        impl From<$t> for JsAny {
            fn from($v: $t) -> JsAny {
                $e
            }
        }
    )*};
}

from_plain! {
    bool => |v| JsAny::Bool(v);
    f64 => |v| JsAny::Number(v);
    f32 => |v| JsAny::Number(v.into());
    i32 => |v| JsAny::Number(v.into());
    u32 => |v| JsAny::Number(v.into());
    i16 => |v| JsAny::Number(v.into());
    u16 => |v| JsAny::Number(v.into());
    i8 => |v| JsAny::Number(v.into());
    u8 => |v| JsAny::Number(v.into());
    i64 => |v| JsAny::BigInt(v);
    String => |v| JsAny::String(v);
    &str => |v| JsAny::String(v.to_owned());
    JsDate => |v| JsAny::Date(v);
    JsObject => |v| JsAny::Object(v);
    () => |_v| JsAny::Undefined;
}

impl<T: Into<JsAny>> From<Vec<T>> for JsAny {
    fn from(v: Vec<T>) -> JsAny {
        JsAny::Array(v.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<JsAny>> From<Option<T>> for JsAny {
    /// `None` is `null`.
    fn from(v: Option<T>) -> JsAny {
        v.map_or(JsAny::Null, Into::into)
    }
}

impl<A, R> From<crate::JsFunction<A, R>> for JsAny {
    fn from(f: crate::JsFunction<A, R>) -> JsAny {
        JsAny::Function(f.into_object())
    }
}

// SAFETY: each variant writes as the type it holds does (numbers, strings, handles, arrays of
// `Any` slots), with the code JS's `any` reader dispatches on.
unsafe impl ToJs for JsAny {
    const TYPE: JsType = JsType::Any;
    fn write(&self, slot: &mut Slot) {
        slot.flags = 0;
        slot.elem = 0;
        let ty = match self {
            JsAny::Undefined => JsType::Void,
            JsAny::Null => {
                slot.flags = FLAG_NULL;
                JsType::Void
            }
            JsAny::Bool(b) => {
                b.write(slot);
                JsType::Bool
            }
            JsAny::Number(n) => {
                n.write(slot);
                JsType::F64
            }
            JsAny::BigInt(n) => {
                n.write(slot);
                JsType::I64
            }
            JsAny::String(s) => {
                s.write(slot);
                JsType::String
            }
            JsAny::Date(d) => {
                d.write(slot);
                JsType::Date
            }
            JsAny::Array(v) => {
                // A block of Any slots with FLAG_OWNED (empty: none), freed by JS once read or by
                // `release_unread` if never read. Beyond ANY_MAX_DEPTH: an empty array (nothing
                // allocated, nothing owned), which JS refuses at that depth with a RangeError.
                if nested(|| v.write(slot)).is_none() {
                    slot.value = 0;
                    slot.len = 0;
                }
                JsType::Array
            }
            JsAny::Object(o) => {
                o.write(slot);
                JsType::JsObject
            }
            JsAny::Function(o) => {
                // elem 0: a JS function held by Rust (1 would be a Rust closure).
                o.write(slot);
                JsType::Function
            }
        };
        slot.ty = ty as u8;
    }
    fn retain(self) {
        match self {
            JsAny::String(s) => s.retain(),
            // Beyond ANY_MAX_DEPTH nothing was written: nothing for JS to read, nothing to keep.
            JsAny::Array(v) => {
                let mut v = Some(v);
                nested(|| v.take().map(ToJs::retain));
                if let Some(unwritten) = v {
                    drop_flat(unwritten);
                }
            }
            JsAny::Object(o) | JsAny::Function(o) => o.retain(),
            _ => {}
        }
    }
    fn owned_flags(&self) -> u8 {
        match self {
            JsAny::Object(_) | JsAny::Function(_) => FLAG_OWNED,
            _ => 0,
        }
    }
    fn mark_owned(&self, slot: &mut Slot) {
        match self {
            // Beyond ANY_MAX_DEPTH `write` left an empty slot: nothing to mark.
            JsAny::Array(v) => {
                nested(|| v.mark_owned(slot));
            }
            _ => slot.flags |= self.owned_flags(),
        }
    }
}

impl FromJs for JsAny {
    const TYPE: JsType = JsType::Any;
    unsafe fn read(slot: &Slot) -> Result<Self> {
        if slot.is_null() {
            return Ok(JsAny::Null);
        }
        // SAFETY (each arm): JS writes an `Any` slot as the type its `ty` names, so the slot
        // holds a value of the code each arm reads it as (the caller's contract for `Any`).
        Ok(match JsType::from_code(slot.ty) {
            Some(JsType::Void) => JsAny::Undefined,
            Some(JsType::Bool) => JsAny::Bool(unsafe { bool::read(slot) }?),
            Some(JsType::F64) => JsAny::Number(unsafe { f64::read(slot) }?),
            Some(JsType::I64) => JsAny::BigInt(unsafe { i64::read(slot) }?),
            Some(JsType::String) => JsAny::String(unsafe { String::read(slot) }?),
            Some(JsType::Date) => JsAny::Date(unsafe { JsDate::read(slot) }?),
            Some(JsType::Array) => JsAny::Array(
                nested(|| unsafe { Vec::<JsAny>::read(slot) }).ok_or_else(|| {
                    Error::new(
                        ErrorKind::Range,
                        format!("arrays nested deeper than {ANY_MAX_DEPTH} in one JsAny"),
                    )
                })??,
            ),
            Some(JsType::JsObject) => JsAny::Object(unsafe { JsObject::read(slot) }?),
            Some(JsType::Function) => JsAny::Function(unsafe { JsObject::read(slot) }?),
            _ => {
                return Err(Error::new(
                    ErrorKind::Type,
                    format!("type code {} is not a JsAny value", slot.ty),
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marshal::release_unread;
    use crate::slot::ARRAY_DIRECT;

    fn round_trip(v: &JsAny) -> (Slot, JsAny) {
        let mut s = Slot::ZERO;
        s.flags = FLAG_OWNED | FLAG_NULL; // stale
        v.write(&mut s);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let back = unsafe { JsAny::read(&s) }.unwrap();
        (s, back)
    }

    #[test]
    fn every_plain_variant_round_trips_with_its_runtime_type() {
        let cases = [
            (JsAny::Undefined, JsType::Void, 0),
            (JsAny::Null, JsType::Void, FLAG_NULL),
            (JsAny::Bool(true), JsType::Bool, 0),
            (JsAny::Number(-0.5), JsType::F64, 0),
            (JsAny::BigInt(i64::MIN), JsType::I64, 0),
            (JsAny::String("grüß 𝄞".into()), JsType::String, 0),
            (
                JsAny::Date(JsDate::from_millis(1e12).unwrap()),
                JsType::Date,
                0,
            ),
        ];
        for (v, ty, flags) in cases {
            let (mut s, back) = round_trip(&v);
            assert_eq!((s.ty, s.flags, s.elem), (ty as u8, flags, 0), "{v:?}");
            assert_eq!(back, v);
            release_unread(&mut s);
        }
    }

    #[test]
    fn arrays_are_blocks_of_any_slots_released_if_unread() {
        let v = JsAny::Array(vec![
            1.0.into(),
            JsAny::Array(vec!["x".into(), JsAny::Null, JsAny::Array(vec![])]),
            JsAny::Undefined,
        ]);
        let (mut s, back) = round_trip(&v);
        assert_eq!((s.ty, s.len, s.elem), (JsType::Array as u8, 3, 0));
        assert_ne!(s.elem, ARRAY_DIRECT);
        assert_ne!(s.flags & FLAG_OWNED, 0);
        assert_eq!(back, v);
        release_unread(&mut s);
        assert_eq!(s.flags & FLAG_OWNED, 0);
        let (s, back) = round_trip(&JsAny::Array(vec![]));
        assert_eq!((s.value, s.flags), (0, 0));
        assert_eq!(back, JsAny::Array(vec![]));
    }

    #[test]
    fn arrays_beyond_the_depth_bound_are_written_empty_and_refused_when_read() {
        // ANY_MAX_DEPTH + 1 arrays, each inside the next; a string at the bottom.
        let mut v = JsAny::Array(vec!["bottom".into()]);
        for _ in 0..ANY_MAX_DEPTH {
            v = JsAny::Array(vec![v]);
        }
        let mut s = Slot::ZERO;
        v.write(&mut s);
        v.mark_owned(&mut s);
        let mut cur = s;
        for _ in 0..ANY_MAX_DEPTH {
            assert_eq!((cur.ty, cur.len), (JsType::Array as u8, 1));
            // SAFETY: a block of one slot `write` made.
            cur = unsafe { *(cur.value as usize as *const Slot) };
        }
        assert_eq!((cur.ty, cur.len, cur.value), (JsType::Array as u8, 0, 0));
        assert_eq!(cur.flags & FLAG_OWNED, 0, "nothing owned beyond the bound");
        // SAFETY: `write` filled the slot for `JsAny`; its blocks are alive.
        let e = unsafe { JsAny::read(&s) }.unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Range);
        assert!(e.message().contains("64"), "{}", e.message());
        // One level less reads back.
        let JsAny::Array(mut outer) = v.clone() else {
            unreachable!()
        };
        let inner = outer.pop().unwrap();
        let mut t = Slot::ZERO;
        inner.write(&mut t);
        // SAFETY: as above.
        assert_eq!(unsafe { JsAny::read(&t) }.unwrap(), inner);
        release_unread(&mut t);
        // Retaining drops what was not written, without recursing; the depth counter is back at 0.
        v.retain();
        crate::marshal::release_retained();
        release_unread(&mut s);
        assert_eq!(DEPTH.with(Cell::get), 0);
    }

    #[test]
    fn codes() {
        assert_eq!(<JsAny as ToJs>::CODE, JsType::Any as u32);
        assert_eq!(<Option<JsAny> as FromJs>::CODE, JsType::Any.code(true));
        assert_eq!(
            <Vec<JsAny> as ToJs>::CODE,
            crate::slot::compound(JsType::Array, false, JsType::Any as u32)
        );
        assert_eq!(crate::marshal::direct_size(JsType::Any as u32), None);
    }

    #[test]
    fn objects_are_handles_and_export_results_pass_them() {
        let mut s = Slot::ZERO;
        s.ty = JsType::JsObject as u8;
        s.len = 11;
        let before = crate::census().js_objects;
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let o = unsafe { JsAny::read(&s) }.unwrap();
        assert_eq!(o.as_object().map(JsObject::handle), Some(11));
        s.ty = JsType::Function as u8;
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let f = unsafe { JsAny::read(&s) }.unwrap();
        assert_eq!(f.type_of(), "function");
        assert_ne!(
            o, f,
            "an object is not a function, even with the same handle"
        );
        assert_eq!(crate::census().js_objects, before + 2);
        // An export result: an array with the object inside passes its reference to JS.
        let arr = JsAny::Array(vec![o, JsAny::Number(1.0)]);
        let mut out = Slot::ZERO;
        arr.write(&mut out);
        arr.mark_owned(&mut out);
        // SAFETY: the block of two slots `write` made.
        let block = unsafe { core::slice::from_raw_parts(out.value as usize as *const Slot, 2) };
        assert_eq!(block[0].flags & FLAG_OWNED, FLAG_OWNED);
        assert_eq!(block[0].ty, JsType::JsObject as u8);
        assert_eq!(block[1].flags & FLAG_OWNED, 0);
        arr.retain();
        assert_eq!(crate::census().js_objects, before + 1);
        drop(f);
        assert_eq!(crate::census().js_objects, before);
        // Natively no JS frees the block: take it back (handles are not released natively).
        release_unread(&mut out);
    }

    #[test]
    fn strings_point_at_the_rust_string_and_are_retained() {
        let v = JsAny::String("kept".into());
        let mut s = Slot::ZERO;
        v.write(&mut s);
        assert_eq!(
            Some(s.value as usize),
            v.as_str().map(|x| x.as_ptr() as usize)
        );
        crate::marshal::release_retained();
        v.retain();
        assert_eq!(crate::marshal::retained_strings(), ["kept"]);
        crate::marshal::release_retained();
    }

    #[test]
    fn unknown_type_codes_are_type_errors() {
        let mut s = Slot::ZERO;
        s.ty = JsType::Segment as u8;
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(
            unsafe { JsAny::read(&s) }.unwrap_err().kind(),
            ErrorKind::Type
        );
        s.ty = 250;
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(
            unsafe { JsAny::read(&s) }.unwrap_err().kind(),
            ErrorKind::Type
        );
    }

    #[test]
    fn conversions_and_accessors() {
        assert_eq!(
            JsAny::from(vec!["a", "b"]).as_array().unwrap()[1].as_str(),
            Some("b")
        );
        assert_eq!(JsAny::from(Some(true)).as_bool(), Some(true));
        assert_eq!(JsAny::from(3u8).as_f64(), Some(3.0));
        assert_eq!(JsAny::from(-3i64).as_i64(), Some(-3));
        assert_eq!(JsAny::default(), JsAny::Undefined);
        assert_ne!(JsAny::Null, JsAny::Undefined);
        assert_ne!(JsAny::Number(f64::NAN), JsAny::Number(f64::NAN));
        assert_eq!(JsAny::Null.type_of(), "object");
        let mut a = JsAny::Array(vec![]);
        a.as_array_mut().unwrap().push(1.0.into());
        assert_eq!(a, JsAny::from(vec![1.0]));
    }
}

//! Memory views across calls: spans (`&[T]`, `&mut [T]`) and segments ([`Segment<T>`]); the JS
//! half is `js-runtime/src/marshal/view.js` (the `MemoryView` class is `memory-view.js`).
//!
//! | Rust | as an import argument (Rust → JS) | as an export parameter (JS → Rust) |
//! |---|---|---|
//! | `&[T]` | a read-only `MemoryView` span over the slice, disposed when the call returns | a copy, in the call's frame, of a typed array / Array / MemoryView JS passes |
//! | `&mut [T]` | a writable span: JS writes land in the slice, no copy back | — (take a `Segment<T>`) |
//! | `Segment<T>` | a segment `MemoryView`, alive until `dispose()` (results and promise values too) | the segment a JS segment view stands for, no copy |
//!
//! The slot of a span: `value` = address, `len` = element count, `elem` = the element's
//! [`JsType`]. The slot of a segment: `value` = its [handle](crate::handles::Handle) (8 bytes;
//! JS asks `slotwire_segment_info` for its address), `len` = element count, `elem`; a segment
//! passed to JS carries [`FLAG_OWNED`] for the JS reference it takes, which JS clears when it
//! makes the view.
//!
//! ```
//! use slotwire::{slot::{code_inner, code_type, Slot}, JsType, ToJs};
//! let data = [1.0f32, 2.0];
//! let mut s = Slot::ZERO;
//! data.as_slice().write(&mut s);
//! assert_eq!((s.ty(), s.len()), (JsType::Span as u8, 2));
//! assert_eq!(code_type(<&mut [f32] as ToJs>::CODE), Some(JsType::SpanMut));
//! assert_eq!(code_inner(<&[f32] as ToJs>::CODE), JsType::F32 as u32);
//! ```

use super::{FromJs, FromJsArg, ToJs};
use crate::slot::{compound, Code, Slot, FLAG_OWNED};
use crate::view::{Segment, ViewElement};
use crate::{Error, ErrorKind, JsType, Result};

/// Links the JS view runtime (`slotwire-views.js`: `MemoryView`, the span and segment
/// marshalers, segments' registry) into the app. wasm-bindgen's glue loads that snippet only if
/// the wasm calls one of its imports, so every path where a view crosses calls this: the span
/// and segment marshalers below, [`Segment::share_with_js`], a batched span, and the typed paths
/// that pass spans as wasm values (through [`view_link`], chosen at compile time). The first call
/// in an instance calls the snippet's `swViewsLinked` (which does nothing); later ones read a
/// flag. An app whose wasm passes no view references none of them and loads no view runtime.
#[inline]
pub(crate) fn link_views() {
    #[cfg(target_arch = "wasm32")]
    {
        use core::sync::atomic::{AtomicBool, Ordering};
        static LINKED: AtomicBool = AtomicBool::new(false);
        if !LINKED.load(Ordering::Relaxed) {
            LINKED.store(true, Ordering::Relaxed);
            crate::transport::views_linked();
        }
    }
}

/// Whether signature code `code` is, or holds, a view (a span or a segment).
pub(crate) const fn has_view(code: Code) -> bool {
    let mut c = code;
    while c != 0 {
        let t = c & 0x7f;
        if t == JsType::Span as u32 || t == JsType::SpanMut as u32 || t == JsType::Segment as u32 {
            return true;
        }
        c >>= crate::slot::CODE_SHIFT;
    }
    false
}

/// [`link_views`] for a signature that passes a view, else `None`: what a binding whose spans
/// travel as wasm values (no marshaler runs for them) calls when it binds. A constant where the
/// codes are (`#[js_import]`'s statics, [`TypedBinding`](crate::TypedBinding)), so an app
/// without views does not reference the view runtime.
///
/// ```
/// use slotwire::{ToJs, FromJs};
/// use slotwire::__private::view_link;
/// assert!(view_link(&[<&[f32] as ToJs>::CODE], <() as FromJs>::CODE).is_some());
/// assert!(view_link(&[<f64 as ToJs>::CODE, <&str as ToJs>::CODE], <u32 as FromJs>::CODE).is_none());
/// ```
#[doc(hidden)]
pub const fn view_link(params: &[Code], ret: Code) -> Option<fn()> {
    let mut view = has_view(ret);
    let mut i = 0;
    while i < params.len() {
        view |= has_view(params[i]);
        i += 1;
    }
    if view {
        Some(link_views)
    } else {
        None
    }
}

/// What a span can be a view of: the number types ([`ViewElement`]) and Pod records
/// (`#[derive(JsRecord)]` implements it, so a `&[Particle]` arrives as a record view).
///
/// # Safety
///
/// JS reads a `&[Self]` — and writes a `&mut [Self]` — as `len` elements of the type
/// [`SPAN_ELEM`](Self::SPAN_ELEM) names, so it must describe `Self` exactly: a number
/// [`JsType`] of the same size as `Self` (and alignment no greater), or [`JsType::Record`] with
/// [`span_type_id`](Self::span_type_id) the id of a record layout whose size is `Self`'s and
/// whose fields lie within it. `#[derive(JsRecord)]` upholds it (offsets from `offset_of!`);
/// implement it by hand only as carefully.
///
/// ```compile_fail,E0200
/// // A lie here would let JS write 8 bytes per 1-byte element: it takes `unsafe impl`.
/// #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
/// #[repr(C)]
/// struct Byte(u8);
/// impl slotwire::SpanElement for Byte {
///     const SPAN_ELEM: u32 = slotwire::JsType::F64 as u32;
/// }
/// ```
pub unsafe trait SpanElement: bytemuck::Pod {
    /// The element's code in a span signature: its [`JsType`], or [`JsType::Record`].
    const SPAN_ELEM: Code;
    /// The id under which the JS runtime knows the element's record layout (0 for numbers).
    fn span_type_id() -> u32 {
        0
    }
}

// SAFETY: `ViewElement` is sealed to the number types, each `ELEM` its own JsType.
unsafe impl<T: ViewElement> SpanElement for T {
    const SPAN_ELEM: Code = T::ELEM as u32;
}

/// A slice lent to JS for one call: a span (of numbers, or a record view for Pod records).
// SAFETY: points at the slice itself with its element count and `T`'s span element code,
// which `SpanElement`'s contract says describes `T`'s layout; the borrow outlives the call.
unsafe impl<T: SpanElement> ToJs for [T] {
    /// A span is lent for one call (JS's view of it ends when the call returns): an argument,
    /// not a result (return a `Vec<T>`, copied, or a `Segment<T>`, shared).
    const LENDS: bool = true;
    const TYPE: JsType = JsType::Span;
    const CODE: Code = compound(JsType::Span, false, T::SPAN_ELEM);
    #[inline]
    fn write(&self, slot: &mut Slot) {
        link_views();
        slot.set_ptr_len(self.as_ptr().cast(), self.len());
        if T::SPAN_ELEM == JsType::Record as u32 {
            // wasm32 addresses are 32 bits: the layout's id rides in the high half.
            slot.value = u64::from(slot.value as u32) | (u64::from(T::span_type_id()) << 32);
        }
        slot.ty = JsType::Span as u8;
        slot.elem = T::SPAN_ELEM as u8;
    }
}

/// A `&[T]` export parameter: the elements JS copied into the call's frame.
impl<'a, T: ViewElement> FromJsArg<'a> for &'a [T] {
    const CODE: Code = compound(JsType::Span, false, T::ELEM as u32);
    unsafe fn read_arg(slot: &'a Slot) -> Result<Self> {
        link_views();
        let n = slot.len as usize;
        if n == 0 {
            return Ok(&[]);
        }
        let at = slot.value as usize;
        if at % core::mem::align_of::<T>() != 0 {
            return Err(Error::new(
                ErrorKind::Type,
                format!("span at {at:#x} is not aligned for {}", T::ELEM.name()),
            ));
        }
        // SAFETY: the JS runtime wrote `n` elements of T at `at` (aligned, checked above) in the
        // call's frame, which stays untouched until the export returns; 'a is tied to the
        // borrow of the frame's slots. Every bit pattern is a valid T (Pod).
        Ok(unsafe { core::slice::from_raw_parts(at as *const T, n) })
    }
}

// SAFETY: a segment's live handle and its pinned buffer's address and length, with its element
// code (`ViewElement` is sealed: only the number types).
unsafe impl<T: ViewElement> ToJs for Segment<T> {
    const TYPE: JsType = JsType::Segment;
    const CODE: Code = compound(JsType::Segment, false, T::ELEM as u32);
    fn write(&self, slot: &mut Slot) {
        let handle = self.share_with_js();
        slot.value = handle.to_bits();
        slot.len = self.len() as u32;
        slot.ty = JsType::Segment as u8;
        slot.elem = T::ELEM as u8;
        slot.flags |= FLAG_OWNED;
    }
}

impl<T: ViewElement> FromJs for Segment<T> {
    const TYPE: JsType = JsType::Segment;
    const CODE: Code = compound(JsType::Segment, false, T::ELEM as u32);
    unsafe fn read(slot: &Slot) -> Result<Self> {
        link_views();
        let handle = crate::handles::Handle::from_bits(slot.value).ok_or_else(|| {
            Error::new(
                ErrorKind::Type,
                format!("segment {} was released (or never existed)", slot.value),
            )
        })?;
        Segment::from_handle(handle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_slot_takes_one_js_reference_and_round_trips() {
        let s = Segment::from_vec(vec![1u32, 2, 3]);
        let mut slot = Slot::ZERO;
        s.write(&mut slot);
        assert_eq!(slot.value, s.handle().to_bits());
        assert_eq!(slot.len, 3);
        assert_ne!(slot.flags & FLAG_OWNED, 0);
        // JS passes it back by handle.
        let mut back = Slot::ZERO;
        back.value = s.handle().to_bits();
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let again = unsafe { Segment::<u32>::read(&back) }.unwrap();
        assert_eq!(again.to_vec(), [1, 2, 3]);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert!(
            unsafe { Segment::<f32>::read(&back) }.is_err(),
            "wrong element type"
        );
        // JS never read it: Rust gives the JS reference back.
        super::super::release_unread(&mut slot);
        assert_eq!(slot.flags & FLAG_OWNED, 0);
        drop(again);
        assert!(s.dispose(), "no reference left");
    }

    #[test]
    fn span_parameters_borrow_and_check_alignment() {
        let data = [1.5f64, 2.5];
        let mut slot = Slot::ZERO;
        slot.set_ptr_len(data.as_ptr().cast(), 2);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let got: &[f64] = unsafe { FromJsArg::read_arg(&slot) }.unwrap();
        assert_eq!(got, &data);
        slot.value += 4;
        assert_eq!(
            // SAFETY: the test built this slot for the type read; what it points at is alive.
            unsafe { <&[f64] as FromJsArg>::read_arg(&slot) }
                .unwrap_err()
                .kind(),
            ErrorKind::Type
        );
    }
}

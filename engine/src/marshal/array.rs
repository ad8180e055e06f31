//! Arrays by copy: `Vec<T>` ↔ a JS typed array (numbers) or `Array` (everything else).
//!
//! The signature code is [`JsType::Array`] with the element's code in the bytes above (see
//! [`Code`]), so `Vec<Option<String>>`, `Vec<JsObject>` and `Vec<Vec<f64>>` all work, as
//! arguments, results, promise values and callback parameters.
//!
//! Two layouts, chosen by the element type:
//!
//! - **direct** — `u8 i8 u16 i16 u32 i32 f32 f64 i64 u64` (not `Option` of them): the elements
//!   side by side, exactly as in a `Vec<f64>`'s buffer. Rust → JS points at the `Vec`'s own
//!   buffer (no copy on the Rust side; JS copies once into a `Float64Array` & co., `BigInt64Array`
//!   for 64-bit integers, an `Array` of numbers for `#[js(number)]` ones). [`Slot::elem`] is
//!   [`ARRAY_DIRECT`].
//! - **slots** — anything else: one [`Slot`] per element, each written by the element's own
//!   marshaler. Rust → JS allocates that block and hands it to JS with [`FLAG_OWNED`]; JS frees
//!   it (`slotwire_free`) once it has read the elements.
//!
//! JS → Rust, the JS runtime writes the same layouts into the call's frame and Rust copies out.
//!
//! ```
//! use slotwire::{slot::{Slot, ARRAY_DIRECT}, FromJs, JsType, ToJs};
//! let v = vec![1.5f64, -2.0, 3.25];
//! let mut s = Slot::ZERO;
//! v.write(&mut s);
//! assert_eq!((s.ty(), s.elem(), s.len()), (JsType::Array as u8, ARRAY_DIRECT, 3));
//! // SAFETY: `write` just filled the slot for `Vec<f64>`, pointing at `v`, which is alive.
//! assert_eq!(unsafe { Vec::<f64>::read(&s) }.unwrap(), v);
//! ```

use super::{FromJs, ToJs};
use crate::slot::{code_type, compound, Code, Slot, ARRAY_DIRECT, FLAG_OWNED, NULLABLE};
use crate::{Error, JsType, Result};

/// Bytes per element of the direct layout for element code `code`; `None` when the elements
/// travel as slots. The JS runtime applies the same rule (`directSize` in `marshal/array.js`).
pub const fn direct_size(code: Code) -> Option<usize> {
    if code & NULLABLE != 0 || crate::slot::code_inner(code) != 0 {
        return None;
    }
    match code_type(code) {
        Some(JsType::U8 | JsType::I8) => Some(1),
        Some(JsType::U16 | JsType::I16) => Some(2),
        Some(JsType::U32 | JsType::I32 | JsType::F32) => Some(4),
        Some(JsType::F64 | JsType::I64 | JsType::U64 | JsType::I64Number | JsType::U64Number) => {
            Some(8)
        }
        _ => None,
    }
}

/// Whether `T`'s values can be handed to JS in the direct layout straight from a `[T]`.
const fn direct<T: ToJs>() -> bool {
    T::ELEMENT_DIRECT
        && match direct_size(T::CODE) {
            Some(n) => n == core::mem::size_of::<T>(),
            None => false,
        }
}

// SAFETY: the direct layout only for `ELEMENT_DIRECT` numbers (their buffer, `len` elements);
// otherwise a block of `len` slots each written by `T`, allocated here and owned by JS
// (FLAG_OWNED), which frees it.
unsafe impl<T: ToJs> ToJs for Vec<T> {
    const TYPE: JsType = JsType::Array;
    const CODE: Code = compound(JsType::Array, false, T::CODE);
    const LENDS: bool = T::LENDS;
    fn write(&self, slot: &mut Slot) {
        write_elements(self, slot)
    }
    fn mark_owned(&self, slot: &mut Slot) {
        // An empty slot for a non-empty value: a JsAny beyond its depth bound, written as `[]`.
        if slot.elem == ARRAY_DIRECT || self.is_empty() || slot.value == 0 {
            return;
        }
        // SAFETY: `write` just made `slot` point at a block of `self.len()` slots that only JS
        // will read, after the export returns.
        let block = unsafe {
            core::slice::from_raw_parts_mut(slot.value as usize as *mut Slot, self.len())
        };
        for (s, v) in block.iter_mut().zip(self) {
            v.mark_owned(s);
        }
    }
    fn retain(self) {
        if direct::<T>() {
            // JS reads the Vec's own buffer after the export returned: keep it until then. A
            // direct element is a plain number (ELEMENT_DIRECT): no Drop to run.
            let v = core::mem::ManuallyDrop::new(self);
            // SAFETY: the parts of a Vec we own (ManuallyDrop: it is not dropped twice);
            // MaybeUninit<T> has T's size and alignment, so the allocation's layout is the same.
            let raw = unsafe {
                Vec::from_raw_parts(
                    v.as_ptr() as *mut core::mem::MaybeUninit<T>,
                    v.len(),
                    v.capacity(),
                )
            };
            super::retain_buffer(raw);
        } else {
            // The element slots are JS's already; what they point at must stay (strings) or
            // pass to JS (handles), element by element.
            for v in self {
                v.retain();
            }
        }
    }
}

/// Writes `items` as an array (a `&[T]` itself is a MemoryView span, not a copy).
fn write_elements<T: ToJs>(items: &[T], slot: &mut Slot) {
    slot.ty = JsType::Array as u8;
    if direct::<T>() {
        slot.set_ptr_len(items.as_ptr().cast(), items.len());
        slot.elem = ARRAY_DIRECT;
        slot.flags &= !FLAG_OWNED;
        return;
    }
    slot.elem = 0;
    slot.len = items.len() as u32;
    if items.is_empty() {
        slot.value = 0;
        slot.flags &= !FLAG_OWNED;
        return;
    }
    let mut block = vec![Slot::ZERO; items.len()].into_boxed_slice();
    for (s, v) in block.iter_mut().zip(items) {
        v.write(s);
    }
    // JS frees the block with `slotwire_free(ptr, len * 16)` once read (or Rust does, through
    // `release_unread`, if it never was): the layout `slotwire_free` uses, 16 × n bytes aligned
    // to 8, is the one of a boxed [Slot] of n > 0 elements.
    slot.value = Box::into_raw(block) as *mut Slot as usize as u64;
    slot.flags |= FLAG_OWNED;
}

impl<T: FromJs> FromJs for Vec<T> {
    const TYPE: JsType = JsType::Array;
    const CODE: Code = compound(JsType::Array, false, T::CODE);
    unsafe fn read(slot: &Slot) -> Result<Self> {
        let n = slot.len as usize;
        if n == 0 {
            return Ok(Vec::new());
        }
        let at = slot.value as usize;
        let at_index = |i: usize, e: Error| Error::new(e.kind(), format!("[{i}]: {}", e.message()));
        match direct_size(T::CODE) {
            Some(size) => {
                // JS checked the byte size against MAX_ALLOC; a slot saying more is refused.
                let total = n
                    .checked_mul(size)
                    .filter(|&b| b <= crate::slot::MAX_ALLOC)
                    .ok_or_else(|| {
                        Error::new(
                            crate::ErrorKind::Range,
                            format!("{n} elements of {size} bytes do not fit wasm32 memory"),
                        )
                    })?;
                // SAFETY: for a direct element type the JS runtime wrote `n` elements of `size`
                // bytes at `at` (in the call's frame or the result buffer), untouched until the
                // call's slots have been read.
                let bytes = unsafe { core::slice::from_raw_parts(at as *const u8, total) };
                let mut out = Vec::with_capacity(n);
                for (i, raw) in bytes.chunks_exact(size).enumerate() {
                    let mut b = [0u8; 8];
                    b[..size].copy_from_slice(raw);
                    let s = Slot {
                        value: u64::from_le_bytes(b),
                        ..Slot::ZERO
                    };
                    // SAFETY: a direct element is a plain number of `T`'s code, whole in `s`.
                    out.push(unsafe { T::read(&s) }.map_err(|e| at_index(i, e))?);
                }
                Ok(out)
            }
            None => {
                if n > crate::slot::MAX_ALLOC / crate::slot::SLOT_SIZE {
                    return Err(Error::new(
                        crate::ErrorKind::Range,
                        format!("{n} elements do not fit wasm32 memory"),
                    ));
                }
                // SAFETY: otherwise the runtime wrote `n` slots at `at`, 8-byte aligned, with the
                // same lifetime as above.
                let slots = unsafe { core::slice::from_raw_parts(at as *const Slot, n) };
                slots
                    .iter()
                    .enumerate()
                    // SAFETY: JS wrote each element slot for `T::CODE`, the array's element code.
                    .map(|(i, s)| unsafe { T::read(s) }.map_err(|e| at_index(i, e)))
                    .collect()
            }
        }
    }
}

/// Frees the element blocks of an array slot Rust wrote but JS never read (and gives back the JS
/// reference of a segment slot JS never read) (a binding that failed
/// before the call, [`Args`](crate::Args) set twice or dropped unused), nested arrays included.
/// Clears [`FLAG_OWNED`]; a no-op for any other slot.
pub(crate) fn release_unread(slot: &mut Slot) {
    if slot.flags & FLAG_OWNED == 0 {
        return;
    }
    if slot.ty == JsType::Segment as u8 {
        // The JS reference a segment slot carries, for a view JS never made.
        slot.flags &= !FLAG_OWNED;
        if let Some(h) = crate::handles::Handle::from_bits(slot.value) {
            crate::view::release_js(h);
        }
        return;
    }
    if slot.ty != JsType::Array as u8 || slot.elem == ARRAY_DIRECT {
        return;
    }
    slot.flags &= !FLAG_OWNED;
    let n = slot.len as usize;
    if n == 0 || slot.value == 0 {
        return;
    }
    let ptr = core::ptr::slice_from_raw_parts_mut(slot.value as usize as *mut Slot, n);
    // SAFETY: an array slot with FLAG_OWNED points at the boxed block `write` leaked, which JS
    // has not freed (JS clears the flag when it frees a block, so it never read this one).
    let mut block = unsafe { Box::from_raw(ptr) };
    for s in block.iter_mut() {
        release_unread(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slot::code_inner;

    #[test]
    fn direct_size_is_the_plain_number_size_else_slots() {
        assert_eq!(direct_size(JsType::F64.code(false)), Some(8));
        assert_eq!(direct_size(JsType::U16.code(false)), Some(2));
        assert_eq!(direct_size(JsType::F64.code(true)), None); // Option<f64>: slots
        assert_eq!(direct_size(JsType::String.code(false)), None);
    }

    #[test]
    fn codes_nest() {
        let c = <Vec<Option<String>> as ToJs>::CODE;
        assert_eq!(code_type(c), Some(JsType::Array));
        assert_eq!(code_inner(c), JsType::String.code(true));
        assert_eq!(<Vec<Vec<f64>> as FromJs>::CODE >> 16, JsType::F64 as u32);
        assert_eq!(
            <Option<Vec<i32>> as ToJs>::CODE,
            compound(JsType::Array, true, JsType::I32 as u32)
        );
    }

    #[test]
    fn numbers_are_direct_and_point_at_the_vec() {
        let v = vec![1u16, 2, 65535];
        let mut s = Slot::ZERO;
        s.flags = FLAG_OWNED; // stale from an earlier use of the slot
        v.write(&mut s);
        assert_eq!(s.elem, ARRAY_DIRECT);
        assert_eq!(s.value as usize, v.as_ptr() as usize);
        assert_eq!(s.flags & FLAG_OWNED, 0);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Vec::<u16>::read(&s) }.unwrap(), v);
        let v = vec![i64::MIN, -1, i64::MAX];
        v.write(&mut s);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Vec::<i64>::read(&s) }.unwrap(), v);
        let v = vec![-1i8, 127, -128];
        v.write(&mut s);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Vec::<i8>::read(&s) }.unwrap(), v);
        let v = vec![f32::MIN, -0.0, 1.5];
        v.write(&mut s);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Vec::<f32>::read(&s) }.unwrap(), v);
    }

    #[test]
    fn other_elements_travel_as_owned_slots() {
        let v = vec![Some("a".to_owned()), None, Some("héllo".to_owned())];
        let mut s = Slot::ZERO;
        v.write(&mut s);
        assert_eq!(s.elem, 0);
        assert_ne!(s.flags & FLAG_OWNED, 0);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Vec::<Option<String>>::read(&s) }.unwrap(), v);
        release_unread(&mut s);
        assert_eq!(s.flags & FLAG_OWNED, 0);
        release_unread(&mut s); // twice: a no-op
    }

    #[test]
    fn nested_arrays_round_trip_and_release() {
        let v = vec![vec![true, false], vec![], vec![true]];
        let mut s = Slot::ZERO;
        v.write(&mut s);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Vec::<Vec<bool>>::read(&s) }.unwrap(), v);
        release_unread(&mut s);
        let v: Vec<Vec<f64>> = vec![vec![1.0], vec![2.0, 3.0]];
        v.write(&mut s);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(unsafe { Vec::<Vec<f64>>::read(&s) }.unwrap(), v);
        release_unread(&mut s);
    }

    #[test]
    fn empty_arrays_own_nothing() {
        let mut s = Slot::ZERO;
        Vec::<String>::new().write(&mut s);
        assert_eq!((s.len, s.value, s.flags & FLAG_OWNED), (0, 0, 0));
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert!(unsafe { Vec::<String>::read(&s) }.unwrap().is_empty());
    }

    #[test]
    fn a_bad_element_names_its_index() {
        let v = vec!['a', 'b'];
        let mut s = Slot::ZERO;
        v.write(&mut s);
        // SAFETY: the block of two slots `write` just made.
        unsafe { (*(s.value as usize as *mut Slot).add(1)).value = 0xD800 };
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let e = unsafe { Vec::<char>::read(&s) }.unwrap_err();
        assert!(e.message().starts_with("[1]: "), "{}", e.message());
        release_unread(&mut s);
    }
}

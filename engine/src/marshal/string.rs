//! Strings: UTF-8 in linear memory, pointer in the slot's value, byte length in `len`.
//!
//! Rust → JS: the slot points at the Rust string itself; JS decodes it (short ASCII by hand,
//! the rest with `TextDecoder`). No copy on the Rust side.
//!
//! JS → Rust: JS encodes with `TextEncoder.encodeInto` (or a hand loop for ASCII) straight into
//! the call's frame in wasm memory, so an exported `&str` parameter borrows those bytes. A lone
//! surrogate in a JS string arrives as U+FFFD, exactly as `TextEncoder` does it.

use super::{FromJs, FromJsArg, ToJs};
use crate::{slot::Slot, Error, ErrorKind, JsType, Result};

// SAFETY: points at the string's own UTF-8 bytes with their length; the borrow outlives the
// call.
unsafe impl ToJs for str {
    const TYPE: JsType = JsType::String;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.set_ptr_len(self.as_ptr(), self.len());
    }
}

// SAFETY: as `str`; an export result's bytes are kept alive by `retain` until JS read them.
unsafe impl ToJs for String {
    const TYPE: JsType = JsType::String;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        self.as_str().write(slot)
    }
    fn retain(self) {
        // The returned String's bytes must stay put until JS has decoded them, right after the
        // export returns. Moving the String keeps its heap buffer where it is.
        super::retain_string(self);
    }
}

/// The bytes a string slot points at, checked to be UTF-8.
///
/// # Safety
///
/// `slot` must hold a pointer and length written by the JS runtime (or by [`ToJs`]) that describe
/// `len` readable bytes which stay valid and unchanged for `'a`.
pub(crate) unsafe fn decode_bytes<'a>(slot: &Slot) -> Result<&'a str> {
    let len = slot.len as usize;
    if len == 0 {
        return Ok("");
    }
    // SAFETY: guaranteed by the caller: `value` points at `len` bytes valid for 'a.
    let bytes = unsafe { core::slice::from_raw_parts(slot.value as usize as *const u8, len) };
    core::str::from_utf8(bytes)
        .map_err(|e| Error::new(ErrorKind::Type, format!("string is not valid UTF-8: {e}")))
}

impl FromJs for String {
    const TYPE: JsType = JsType::String;
    unsafe fn read(slot: &Slot) -> Result<Self> {
        // SAFETY: a string slot from JS points into the call frame or the result buffer, which
        // nothing overwrites until Rust has read the call's slots.
        unsafe { decode_bytes(slot) }.map(str::to_owned)
    }
}

impl<'a> FromJsArg<'a> for &'a str {
    const CODE: crate::slot::Code = JsType::String.code(false);
    #[inline]
    unsafe fn read_arg(slot: &'a Slot) -> Result<Self> {
        // SAFETY: an export argument's bytes live in the call's frame, which the JS runtime keeps
        // untouched until the export returns; 'a is tied to the borrow of the frame's slots.
        unsafe { decode_bytes(slot) }
    }
}

impl<'a> FromJsArg<'a> for Option<&'a str> {
    const CODE: crate::slot::Code = JsType::String.code(true);
    #[inline]
    unsafe fn read_arg(slot: &'a Slot) -> Result<Self> {
        if slot.is_null() {
            Ok(None)
        } else {
            // SAFETY: not null, so a `&str` argument (the caller's contract).
            unsafe { <&str>::read_arg(slot) }.map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_slot_points_at_the_string_without_copy() {
        let s = String::from("héllo 𝄞");
        let mut slot = Slot::ZERO;
        s.write(&mut slot);
        assert_eq!(slot.value as usize, s.as_ptr() as usize);
        assert_eq!(slot.len as usize, s.len());
    }

    #[test]
    fn retain_keeps_the_returned_strings_until_the_next_result() {
        super::super::release_retained();
        String::from("kept").retain();
        String::from("too").retain();
        assert_eq!(super::super::retained_strings(), ["kept", "too"]);
        super::super::release_retained();
        assert!(super::super::retained_strings().is_empty());
    }

    #[test]
    fn invalid_utf8_is_a_type_error() {
        let bytes = [0xffu8, 0xfe];
        let mut slot = Slot::ZERO;
        slot.set_ptr_len(bytes.as_ptr(), 2);
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(
            unsafe { String::read(&slot) }.unwrap_err().kind(),
            ErrorKind::Type
        );
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(
            unsafe { <&str>::read_arg(&slot) }.unwrap_err().kind(),
            ErrorKind::Type
        );
    }
}

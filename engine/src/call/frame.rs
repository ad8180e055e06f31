//! A call's frame of slots: slot [`EXCEPTION`] holds a thrown error, slot [`RESULT`](crate::slot::RESULT)
//! the result, the arguments follow. What both directions need to report an error through the
//! exception slot: reading the one JS wrote ([`exception_from_slot`]) and writing one for JS
//! ([`fail`]).

use std::cell::RefCell;

use crate::slot::{Slot, EXCEPTION, STATUS_EXCEPTION};
use crate::{JsError, JsType};

thread_local! {
    static ERROR_MESSAGE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Reads the JS exception JS wrote into slot 0: `[name len u32][message len u32][name][message]
/// [stack]`, UTF-8, at `value`, `len` bytes in all.
pub(crate) fn exception_from_slot(slot: &Slot) -> JsError {
    let total = slot.len as usize;
    if total < 8 {
        return JsError::new("Error", "malformed exception slot");
    }
    // SAFETY: the JS runtime wrote `total` bytes at `value` (in its frame area or the result
    // buffer) just before returning, and nothing has run since.
    let bytes = unsafe { core::slice::from_raw_parts(slot.value as usize as *const u8, total) };
    let n = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let m = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
    let rest = &bytes[8..];
    if n + m > rest.len() {
        return JsError::new("Error", "malformed exception slot");
    }
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    JsError {
        name: text(&rest[..n]),
        message: text(&rest[n..n + m]),
        stack: text(&rest[n + m..]),
    }
}

/// The JS error class a Rust-side export failure is thrown as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ErrorKindCode {
    /// `Error`.
    Error = 0,
    /// `TypeError`.
    Type = 1,
    /// `RangeError`.
    Range = 2,
    /// `SlotwireError`, and the call never ran: Rust read none of its arguments, so JS gives
    /// back what it wrote for them (the handles of `JsObject`s).
    NotCalled = 3,
}

impl ErrorKindCode {
    /// The class an argument that could not be read is thrown as: RangeError for a value out of
    /// range, TypeError otherwise.
    pub fn of_arg(e: &crate::Error) -> ErrorKindCode {
        match e.kind() {
            crate::ErrorKind::Range => ErrorKindCode::Range,
            _ => ErrorKindCode::Type,
        }
    }

    /// The class an export's `Err(e)` is thrown as: a [`crate::Error`] keeps its kind
    /// (`Type` → TypeError, `Range` → RangeError; a JS exception its class when that is one of
    /// those), anything else is an `Error`.
    pub fn of_error(e: &crate::Error) -> ErrorKindCode {
        match e.kind() {
            crate::ErrorKind::Type => ErrorKindCode::Type,
            crate::ErrorKind::Range => ErrorKindCode::Range,
            crate::ErrorKind::Bind => ErrorKindCode::Error,
            crate::ErrorKind::Js => ErrorKindCode::of_js_name(e.js_name()),
        }
    }

    /// The class of a JS error name: TypeError and RangeError keep theirs, the rest is `Error`.
    pub fn of_js_name(name: &str) -> ErrorKindCode {
        match name {
            "TypeError" => ErrorKindCode::Type,
            "RangeError" => ErrorKindCode::Range,
            _ => ErrorKindCode::Error,
        }
    }

    /// The class of any error value: [`ErrorKindCode::of_error`] for a [`crate::Error`], the
    /// class of a [`crate::JsError`]'s name, `Error` for every other type.
    pub fn of_any(e: &dyn core::any::Any) -> ErrorKindCode {
        if let Some(e) = e.downcast_ref::<crate::Error>() {
            ErrorKindCode::of_error(e)
        } else if let Some(e) = e.downcast_ref::<crate::JsError>() {
            ErrorKindCode::of_js_name(&e.name)
        } else {
            ErrorKindCode::Error
        }
    }
}

/// Writes an exception (`message`, thrown by JS as `kind`) into `slots[EXCEPTION]` and returns
/// `STATUS_EXCEPTION`. The message stays alive until the next failing export.
pub fn fail(slots: &mut [Slot], kind: ErrorKindCode, message: &str) -> u32 {
    ERROR_MESSAGE.with(|m| {
        let mut m = m.borrow_mut();
        m.clear();
        m.push_str(message);
        let s = &mut slots[EXCEPTION];
        s.set_ptr_len(m.as_ptr(), m.len());
        s.ty = JsType::Error as u8;
        s.elem = kind as u8;
    });
    STATUS_EXCEPTION
}

/// The frame and result memory the JS runtime asks Rust for: raw wasm exports, called directly.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::RefCell;

    /// Allocates `size` bytes, 8-byte aligned, for the JS runtime (its frame area, and frames
    /// that do not fit it). Returns 0 when out of memory, and for a size that is not an integer
    /// in `0..=MAX_ALLOC` (the size crosses as an `f64`: never truncated to a smaller block).
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_alloc(size: f64) -> *mut u8 {
        let Some(size) = crate::slot::size_from_js(size) else {
            return core::ptr::null_mut();
        };
        let Ok(layout) = std::alloc::Layout::from_size_align(size.max(1), 8) else {
            return core::ptr::null_mut();
        };
        // SAFETY: the layout has a non-zero size.
        unsafe { std::alloc::alloc(layout) }
    }

    /// Frees what [`slotwire_alloc`] returned for the same `size`.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_free(ptr: *mut u8, size: usize) {
        if ptr.is_null() {
            return;
        }
        let layout = std::alloc::Layout::from_size_align(size.max(1), 8).expect("valid layout");
        // SAFETY: the runtime frees each block once, with the size it allocated it with.
        unsafe { std::alloc::dealloc(ptr, layout) }
    }

    thread_local! {
        /// In 8-byte words: the buffer is 8-byte aligned, as the runtime's other blocks.
        static RESULT_BUFFER: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    }

    /// A buffer of at least `size` bytes, 8-byte aligned, for an import result (or exception) too
    /// large for the runtime's frame area. Reused (its contents kept when it grows); Rust reads it
    /// right after the import returns. 0 for a size that is not an integer in `0..=MAX_ALLOC`, or
    /// when out of memory.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_result_buffer(size: f64) -> *mut u8 {
        let Some(size) = crate::slot::size_from_js(size) else {
            return core::ptr::null_mut();
        };
        let words = size.div_ceil(8);
        RESULT_BUFFER.with(|b| {
            let mut b = b.borrow_mut();
            if b.len() < words {
                let more = words - b.len();
                if b.try_reserve_exact(more).is_err() {
                    return core::ptr::null_mut();
                }
                b.resize(words, 0);
            }
            b.as_mut_ptr().cast()
        })
    }
}

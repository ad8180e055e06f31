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
    /// that do not fit it). Returns 0 when out of memory.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_alloc(size: usize) -> *mut u8 {
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
        static RESULT_BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }

    /// A buffer of at least `size` bytes for an import result (or exception) too large for the
    /// runtime's frame area. Reused; Rust reads it right after the import returns.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_result_buffer(size: usize) -> *mut u8 {
        RESULT_BUFFER.with(|b| {
            let mut b = b.borrow_mut();
            if b.len() < size {
                b.resize(size, 0);
            }
            b.as_mut_ptr()
        })
    }
}

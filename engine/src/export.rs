//! The registry of exported Rust functions and the one wasm entry JS calls them through.
//!
//! `#[js_export]` generates, for each function, a wrapper that reads its arguments from slots and
//! writes its result, an [`ExportDescriptor`] naming it, and a tiny wasm export
//! `__slotwire_export__<name>` that registers the descriptor. When the JS runtime attaches, it
//! calls each of those once, reads the descriptors with `slotwire_export_info`, and builds
//! `rt.exports.<name>`: a JS function that validates its arguments, writes them into a frame of
//! slots and calls `slotwire_call(id, frame)`.

use std::cell::RefCell;

pub use crate::call::frame::{fail, ErrorKindCode};
pub use crate::marshal::{finish, finish_result};
use crate::slot::Slot;
#[cfg(any(test, target_arch = "wasm32"))]
use crate::slot::ARG0;

/// What JS needs to know about one exported function.
#[derive(Debug)]
pub struct ExportDescriptor {
    /// The JS name; dots make namespaces (`"math.add"` → `rt.exports.math.add`).
    pub name: &'static str,
    /// Parameter signature codes.
    pub params: &'static [crate::slot::Code],
    /// Parameter names, comma-separated, for error messages.
    pub param_names: &'static str,
    /// Result signature code.
    pub ret: crate::slot::Code,
    /// The wrapper: reads `params.len()` argument slots, writes the result or the exception,
    /// returns a `STATUS_*`.
    ///
    /// Safety: call it only with `ARG0 + params.len()` slots whose arguments JS wrote for
    /// `params` (it reads them, following their pointers).
    pub func: unsafe fn(&mut [Slot]) -> u32,
    /// Whether a typed wasm export `__slotwire_fast__<name>` exists too (see `call/fast.rs`).
    pub fast: bool,
}

thread_local! {
    static REGISTRY: RefCell<Vec<&'static ExportDescriptor>> = const { RefCell::new(Vec::new()) };
}

/// Registers `desc` (once; registering it again returns the same id). Ids start at 1.
///
/// # Safety
///
/// JS will call `desc.func` with frames it writes for `desc.params`: the wrapper must read
/// exactly those codes (what `#[js_export]` generates for its own descriptor).
pub unsafe fn register(desc: &'static ExportDescriptor) -> u32 {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        if let Some(i) = r.iter().position(|d| core::ptr::eq(*d, desc)) {
            return i as u32 + 1;
        }
        r.push(desc);
        r.len() as u32
    })
}

/// Registers `desc` (as [`register`]) and publishes it to this instance's runtime as an export
/// (`swPublishExport`), once per runtime (`published_to` remembers which, once it succeeded):
/// for the engine's own exports that only some apps need (a `#[js_export]` is a wasm export,
/// which every app links). Nothing without a runtime.
#[cfg(target_arch = "wasm32")]
pub(crate) fn publish(
    published_to: &'static std::thread::LocalKey<core::cell::Cell<u32>>,
    desc: &'static ExportDescriptor,
) {
    let Ok(rt) = crate::runtime::runtime_id() else {
        return;
    };
    if published_to.with(core::cell::Cell::get) == rt {
        return;
    }
    // SAFETY: the engine's descriptors are written with wrappers that read exactly their `params`
    // (`stream.rs`'s `PULL`, the one caller).
    let id = unsafe { register(desc) };
    // A throw (the name is taken: app code put something at `rt.exports.<namespace>`; app exports
    // may not take it, exports.js `place`) must not unwind through the marshalling that called
    // this: the export is then missing, JS's call of it says so by name ("... has no method
    // ..."), and the next publish tries again.
    if crate::transport::publish_export(rt, id).is_ok() {
        published_to.with(|p| p.set(rt));
    }
}

/// The descriptor registered under `id`.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn descriptor(id: u32) -> Option<&'static ExportDescriptor> {
    REGISTRY.with(|r| r.borrow().get((id as usize).wrapping_sub(1)).copied())
}

/// Calls export `id` with `slots` (at least `ARG0 + params` long). An unknown id or a short slot
/// array is reported in the exception slot, like any other error.
///
/// # Safety
///
/// The argument slots must hold what JS writes for export `id`'s parameter codes (the wrapper
/// reads them, following their pointers).
#[cfg(test)]
pub(crate) unsafe fn call(id: u32, slots: &mut [Slot]) -> u32 {
    match descriptor(id) {
        // SAFETY: enough slots (checked), written for the export's codes (the caller's contract).
        Some(d) if slots.len() >= ARG0 + d.params.len() => unsafe { (d.func)(slots) },
        Some(d) => fail(
            slots,
            ErrorKindCode::Type,
            &format!("{}: too few slots", d.name),
        ),
        None => fail(
            slots,
            ErrorKindCode::Range,
            &format!("no export with id {id}"),
        ),
    }
}

/// Which JS class an export's error type is thrown as, chosen at compile time without
/// specialization (autoref: `(&ErrorProbe(&e)).error_kind()` finds [`KindOfKnownError`] for
/// [`crate::Error`] and [`crate::JsError`], else [`KindOfOtherError`], whose impl is on a
/// reference). What `#[js_export]` functions returning `Result` use.
#[doc(hidden)]
pub struct ErrorProbe<'a, E: ?Sized>(pub &'a E);

/// See [`ErrorProbe`]: the error types that carry a kind.
#[doc(hidden)]
pub trait KindOfKnownError {
    fn error_kind(&self) -> ErrorKindCode;
}

impl KindOfKnownError for ErrorProbe<'_, crate::Error> {
    fn error_kind(&self) -> ErrorKindCode {
        ErrorKindCode::of_error(self.0)
    }
}

impl KindOfKnownError for ErrorProbe<'_, crate::JsError> {
    fn error_kind(&self) -> ErrorKindCode {
        ErrorKindCode::of_js_name(&self.0.name)
    }
}

/// See [`ErrorProbe`]: every other error type is thrown as an `Error`.
#[doc(hidden)]
pub trait KindOfOtherError {
    fn error_kind(&self) -> ErrorKindCode;
}

impl<E: ?Sized> KindOfOtherError for &ErrorProbe<'_, E> {
    fn error_kind(&self) -> ErrorKindCode {
        ErrorKindCode::Error
    }
}

/// The wasm exports the JS runtime uses. Raw `extern "C"` functions: JS calls them directly, with
/// no wasm-bindgen glue in between.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::*;

    /// `slotwire_call(id, frame)`: runs export `id` on the slots JS wrote at `frame`.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_call(id: u32, frame: *mut Slot) -> u32 {
        let Some(d) = descriptor(id) else {
            let mut tmp = [Slot::ZERO; 1];
            let status = fail(
                &mut tmp,
                ErrorKindCode::Range,
                &format!("no export with id {id}"),
            );
            // SAFETY: the runtime always passes a frame of at least ARG0 slots.
            unsafe { *frame = tmp[0] };
            return status;
        };
        // SAFETY: the JS runtime passes a frame it reserved in linear memory for this call, 8-byte
        // aligned, with ARG0 + params slots, and does not touch it until this returns.
        let slots = unsafe { core::slice::from_raw_parts_mut(frame, ARG0 + d.params.len()) };
        // SAFETY: JS validated and wrote each argument for the descriptor's parameter codes.
        let status = unsafe { (d.func)(slots) };
        // What the export queued runs before JS sees it return.
        crate::batch::before_crossing();
        status
    }

    /// Writes export `id`'s descriptor as 8 u32s at `out`: name ptr, name len, params ptr,
    /// params count (u32 signature codes), param-names ptr, param-names len, result code (an
    /// async export's is a promise of its value), fast flag.
    /// Returns 0, or 1 for an unknown id.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_export_info(id: u32, out: *mut u32) -> u32 {
        let Some(d) = descriptor(id) else { return 1 };
        use crate::slot::*;
        let mut words = [0u32; EXPORT_INFO_WORDS];
        words[EXPORT_INFO_NAME_PTR] = d.name.as_ptr() as u32;
        words[EXPORT_INFO_NAME_LEN] = d.name.len() as u32;
        words[EXPORT_INFO_PARAMS_PTR] = d.params.as_ptr() as u32;
        words[EXPORT_INFO_PARAMS_LEN] = d.params.len() as u32;
        words[EXPORT_INFO_NAMES_PTR] = d.param_names.as_ptr() as u32;
        words[EXPORT_INFO_NAMES_LEN] = d.param_names.len() as u32;
        words[EXPORT_INFO_RET] = d.ret;
        words[EXPORT_INFO_FAST] = d.fast as u32;
        // SAFETY: the runtime passes 32 writable bytes, 4-byte aligned, in its frame area.
        unsafe { core::ptr::copy_nonoverlapping(words.as_ptr(), out, words.len()) };
        0
    }
}

/// [`finish_result`] with `Err(e)` thrown as the class `kind(&e)` says (what `#[js_export]`
/// generates: a [`crate::Error`] of kind `Type` is a TypeError, see [`ErrorProbe`]).
#[doc(hidden)]
#[inline]
pub fn finish_result_as<T: crate::ToJs, E: core::fmt::Display>(
    value: Result<T, E>,
    head: &mut [Slot],
    kind: impl FnOnce(&E) -> ErrorKindCode,
) -> u32 {
    match value {
        Ok(v) => finish(v, head),
        Err(e) => fail(head, kind(&e), &e.to_string()),
    }
}

/// An argument the wrapper could not read: a TypeError/RangeError naming export and argument.
#[doc(hidden)]
#[cold]
pub fn arg_error(head: &mut [Slot], desc: &ExportDescriptor, index: usize, e: crate::Error) -> u32 {
    let name = desc.param_names.split(',').nth(index).unwrap_or("?");
    fail(
        head,
        ErrorKindCode::of_arg(&e),
        &format!(
            "{}: argument {} ({name}): {}",
            desc.name,
            index + 1,
            e.message()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slot::{EXCEPTION, RESULT, STATUS_EXCEPTION, STATUS_OK};
    use crate::JsType;

    unsafe fn double(slots: &mut [Slot]) -> u32 {
        let (head, args) = slots.split_at_mut(ARG0);
        // SAFETY: the tests pass an i32 argument slot.
        let v = unsafe { <i32 as crate::FromJs>::read(&args[0]) }.unwrap();
        finish(v * 2, head)
    }

    static DOUBLE: ExportDescriptor = ExportDescriptor {
        name: "double",
        params: &[JsType::I32 as u32],
        param_names: "x",
        ret: JsType::I32 as u32,
        func: double,
        fast: false,
    };

    #[test]
    fn call_runs_the_registered_wrapper() {
        // SAFETY: `double` reads the one i32 its descriptor declares.
        let id = unsafe { register(&DOUBLE) };
        let mut slots = [Slot::ZERO; 3];
        (-21i32).write_to(&mut slots[ARG0]);
        // SAFETY: `double` reads one i32 slot, as written (or a short frame, refused).
        assert_eq!(unsafe { call(id, &mut slots) }, STATUS_OK);
        assert_eq!(slots[RESULT].value as u32 as i32, -42);
    }

    #[test]
    fn unknown_id_and_short_frames_are_exceptions_not_panics() {
        // SAFETY: `double` reads the one i32 its descriptor declares.
        let id = unsafe { register(&DOUBLE) };
        let mut slots = [Slot::ZERO; 2];
        // SAFETY: `double` reads one i32 slot, as written (or a short frame, refused).
        assert_eq!(unsafe { call(id, &mut slots) }, STATUS_EXCEPTION);
        // SAFETY: `double` reads one i32 slot, as written (or a short frame, refused).
        assert_eq!(unsafe { call(9999, &mut slots) }, STATUS_EXCEPTION);
        assert_eq!(slots[EXCEPTION].elem, ErrorKindCode::Range as u8);
        // SAFETY: `fail` pointed the slot at the thread's message buffer.
        let msg = unsafe { crate::marshal::decode_bytes(&slots[EXCEPTION]) }.unwrap();
        assert_eq!(msg, "no export with id 9999");
    }

    #[test]
    fn err_results_become_exceptions() {
        let mut head = [Slot::ZERO; 2];
        let r: Result<i32, String> = Err("nope".into());
        assert_eq!(finish_result(r, &mut head), STATUS_EXCEPTION);
        // SAFETY: as above.
        let msg = unsafe { crate::marshal::decode_bytes(&head[EXCEPTION]) }.unwrap();
        assert_eq!(msg, "nope");
        assert_eq!(head[EXCEPTION].elem, ErrorKindCode::Error as u8);
    }

    #[test]
    fn arg_errors_name_the_export_and_argument() {
        let mut head = [Slot::ZERO; 2];
        let e = crate::Error::new(crate::ErrorKind::Type, "string is not valid UTF-8");
        arg_error(&mut head, &DOUBLE, 0, e);
        // SAFETY: as above.
        let msg = unsafe { crate::marshal::decode_bytes(&head[EXCEPTION]) }.unwrap();
        assert_eq!(msg, "double: argument 1 (x): string is not valid UTF-8");
    }

    trait WriteTo {
        fn write_to(self, s: &mut Slot);
    }
    impl WriteTo for i32 {
        fn write_to(self, s: &mut Slot) {
            crate::ToJs::write(&self, s)
        }
    }
}

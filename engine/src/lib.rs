//! # slotwire
//!
//! Zero-copy, shared-memory marshalling between Rust compiled to `wasm32-unknown-unknown` and
//! JavaScript, in the design of .NET's `[JSImport]`/`[JSExport]`: arguments travel in fixed-size
//! [slots](slot) in wasm linear memory, read on the JS side by marshalers chosen once per
//! signature; strings are passed by pointer and length; one wasm call per crossing.
//!
//! ```no_run
//! use slotwire::prelude::*;
//!
//! // Rust → JS: a function on globalThis, and one from an ES module loaded at run time.
//! #[js_import("globalThis.console.log")]
//! fn console_log(text: &str);
//!
//! #[js_import("getMessage", module = "interop")]
//! fn get_message() -> Result<String, JsError>;
//!
//! // JS → Rust: `rt.exports.add(2, 3)` on the JS side.
//! #[js_export]
//! fn add(a: i32, b: i32) -> i32 {
//!     a + b
//! }
//!
//! async fn run() -> Result<(), Error> {
//!     console_log("hello from Rust");
//!     slotwire::import_module("interop", "./interop.js").await?;
//!     console_log(&get_message()?);
//!
//!     // The low-level API for hot paths: bind once, invoke many times, no allocation per call.
//!     let hypot = Binding::bind("globalThis.Math.hypot", None, &[JsType::F64, JsType::F64], JsType::F64)?;
//!     let mut args = hypot.args();
//!     args.set(0, 3.0)?;
//!     args.set(1, 4.0)?;
//!     let r: f64 = hypot.invoke(&mut args)?.get()?;
//!     assert_eq!(r, 5.0);
//!     Ok(())
//! }
//! ```
//!
//! ## Type mappings
//!
//! | Rust | JS | notes |
//! |---|---|---|
//! | `bool` | `boolean` | strict: only `true`/`false` are accepted from JS |
//! | `u8 i8 u16 i16 u32 i32 usize isize` | `number` | from JS: an integer in range, else RangeError |
//! | `f32`, `f64` | `number` | `f32` rounds; a finite value beyond `f32::MAX` is a RangeError |
//! | `i64`, `u64` | `bigint` | the default; in range, else RangeError |
//! | `i64`, `u64` with `#[js(number)]` | `number` | must be a safe integer, else RangeError |
//! | `char` | `string` of one code point | |
//! | `String`, `&str` | `string` | UTF-8; a lone surrogate from JS arrives as U+FFFD (as `TextEncoder`) |
//! | [`JsDate`], `SystemTime` | `Date` | by value, milliseconds; an invalid Date is a RangeError |
//! | `Option<T>` | `T`, `null` or `undefined` | `None` is passed to JS as `null` |
//! | [`JsObject`] | any object or function, by handle | the same object keeps its handle while held; `Drop` releases |
//! | `()` | `undefined` | |
//!
//! Exports may return `Result<T, E: Display>`: `Err(e)` throws a JS `Error` with `e`'s message.
//! Imports may return `Result<T, JsError>`: a JS throw becomes `Err`; without `Result`, a throw
//! panics. A panic poisons the instance: every later call from JS throws
//! `"instance poisoned by panic: <message>"`.
//!
//! ## The unsafe boundary
//!
//! Slots carry pointers and handles, so safe code cannot read a raw slot (as with
//! wasm-bindgen's `unsafe fn from_abi`): a [`slot::Slot`]'s fields are crate-private,
//! [`FromJs::read`] and [`FromJsArg::read_arg`] are `unsafe fn`, and so is everything in
//! `__private` (the macros' support) that hands slots to JS or reads what JS wrote. A trait whose
//! lie would make JS read or write the wrong memory is an `unsafe trait` with its contract
//! documented ([`ToJs`], [`SpanElement`], as `bytemuck::Pod`) or sealed ([`IntoClosure`],
//! [`JsArgs`], [`ViewElement`]). None of these compile:
//!
//! ```compile_fail,E0603
//! // Settling a promise reads the slots it is given: crate-private.
//! slotwire::future::settle(1, 0, &[slotwire::slot::Slot::ZERO; 2]);
//! ```
//!
//! ```compile_fail,E0133
//! // A promise id read as another type than the one JS settles it with: unsafe.
//! let p = slotwire::JsPromise::<String>::from_id(1);
//! ```
//!
//! ```compile_fail,E0133
//! // Handing JS a frame of slots: unsafe (JS reads, and may write, what they point at).
//! static B: slotwire::__private::LazyBinding =
//!     slotwire::__private::LazyBinding::new("f", None, &[], 0);
//! let mut slots = [slotwire::slot::Slot::ZERO; 2];
//! let _ = B.invoke(&mut slots);
//! ```
//!
//! ```compile_fail,E0133
//! // An export's wrapper reads its argument slots: an `unsafe fn` pointer.
//! fn run(d: &slotwire::__private::ExportDescriptor) -> u32 {
//!     (d.func)(&mut [slotwire::slot::Slot::ZERO; 4])
//! }
//! ```
//!
//! ```compile_fail,E0133
//! // Registering an export whose wrapper reads other codes than it declares: unsafe.
//! use slotwire::__private::{register, ExportDescriptor};
//! static D: ExportDescriptor = ExportDescriptor {
//!     name: "f", params: &[7], param_names: "x", ret: 0, func: wrapper, fast: false,
//! };
//! unsafe fn wrapper(_: &mut [slotwire::slot::Slot]) -> u32 { 0 }
//! register(&D);
//! ```
//!
//! ```compile_fail,E0277
//! // JsArgs is sealed: its codes say how JS reads the slots it fills.
//! struct Args;
//! impl slotwire::JsArgs for Args {
//!     const LEN: usize = 1;
//!     fn codes() -> Vec<u32> { vec![slotwire::JsType::String as u32] }
//!     fn write_all(&self, _: &mut [slotwire::slot::Slot]) {}
//! }
//! ```
//!
//! ```compile_fail,E0603
//! // Freeing a Rust object by handle is the runtime's business: crate-private.
//! slotwire::rust_object::free(1);
//! ```

#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]

// The macros name this crate `::slotwire`; so can its own modules (stream.rs uses them).
extern crate self as slotwire;

// The public API is the crate root (re-exports below), `prelude`, and the modules `record`,
// `stream`, `handles` (the [`handles::Handle`] type) and `slot` (the layout and codes
// `ToJs`/`FromJs` speak). The rest is crate-private; what the macros need is re-exported in
// `__private`. The JSON interop baseline is the crate slotwire-json (engine/json).
mod any;
pub mod batch;
mod binding;
mod call;
mod callback;
mod census;
mod error;
mod export;
mod future;
pub mod handles;
mod marshal;
mod object;
pub mod record;
mod runtime;
mod runtime_export;
mod rust_object;
pub mod slot;
pub mod stream;
mod transport;
mod typed_binding;
mod view;
// The fast path's old path, `crate::fast`, still names it.
use call::fast;

pub use any::JsAny;
pub use batch::BatchObject;
pub use binding::{Args, Binding, Ret};
pub use callback::{IntoClosure, IntoFn, JsClosure, JsFunction};
pub use census::{census, Census};
pub use error::{Error, ErrorKind, JsError, Result};
pub use future::{spawn, JsPromise};
pub use marshal::{FromJs, FromJsArg, JsDate, SpanElement, ToJs};
pub use object::{flush_releases, JsArgs, JsObject, PropertyKey, PropertyName, RELEASE_BATCH};
pub use record::{JsArchive, JsRecord};
/// The rkyv slotwire's archived records are built with (0.8, default features). Use it to derive
/// `Archive` with `#[rkyv(crate = slotwire::rkyv)]` when your crate does not depend on rkyv itself.
pub use rkyv;
pub use runtime::import_module;
#[cfg(target_arch = "wasm32")]
pub use runtime::runtime;
pub use runtime_export::{register_export, register_export_fn, unregister_export};
pub use rust_object::{RustObject, RustRef};
pub use slot::JsType;
pub use slotwire_macros::{js_export, js_import};
/// The derives of [`record::JsRecord`] and [`record::JsArchive`] (same names as the traits, as
/// `serde::Serialize`).
pub use slotwire_macros::{JsArchive, JsRecord};
pub use typed_binding::{QueuedResult, TypedBinding};
pub use view::{Segment, ViewElement};

/// `use slotwire::prelude::*;` brings the macros, [`Binding`], [`TypedBinding`], [`JsType`], [`JsDate`] and the
/// error types.
pub mod prelude {
    pub use crate::{
        js_export, js_import, Binding, Error, JsAny, JsClosure, JsDate, JsError, JsFunction,
        JsObject, JsPromise, JsType, Segment, TypedBinding,
    };
}

/// What the macros expand to: every path their output names is `::slotwire::__private::..`.
/// Not a public API (no semver promise); what reads raw slots here is `unsafe fn`.
#[doc(hidden)]
pub mod __private {
    pub use crate::batch::{queue as batch_queue, BatchArg, Encoder, Interned, LazyBatchBinding};
    pub use crate::binding::LazyBinding;
    pub use crate::export::{
        arg_error, finish, finish_result, finish_result_as, register, ErrorProbe, ExportDescriptor,
        KindOfKnownError, KindOfOtherError,
    };
    pub use crate::future::{start_export, JsPromise};
    pub use crate::marshal::view::view_link;
    pub use crate::marshal::{as_bigint, as_number, FromJs, FromJsArg, SpanElement, ToJs};
    pub use crate::object::{adopt_object, object_from_ref, object_ref};
    pub use crate::record::{
        js_type_id, FieldLayout, FieldType, JsArchive, JsArchiveField, JsRecord, JsRecordField,
        RecordLayout,
    };
    pub use crate::rust_object::RustMut;
    pub use crate::slot::{compound, Slot, ARG0, EXCEPTION, RESULT};
    pub use crate::{JsError, JsObject, JsType, RustRef};
    pub use rkyv;

    /// The typed trampolines' helpers the macros call.
    pub mod fast {
        pub use crate::fast::{
            async_import_eligible, char_from, check_import, export_eligible, import_eligible,
            str_arg, string_result, take_exception,
        };
    }
    pub use std::sync::OnceLock;
    #[cfg(target_arch = "wasm32")]
    pub use wasm_bindgen;
    /// A typed import's externref (a `JsObject` argument or result), on every target.
    pub use wasm_bindgen::JsValue;

    /// A JS exception from an import that does not return `Result`: there is no way to report it
    /// but to panic (which poisons the instance).
    #[cold]
    #[track_caller]
    pub fn import_failed(target: &str, e: JsError) -> ! {
        panic!("import `{target}` failed: {e}")
    }

    /// An import result JS wrote that Rust could not read.
    #[cold]
    pub fn result_error(target: &str, e: crate::Error) -> JsError {
        JsError::new(e.js_name(), format!("{target}: result: {}", e.message()))
    }
}

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

#![warn(missing_docs)]

// The macros name this crate `::slotwire`; so can its own modules (stream.rs uses them).
extern crate self as slotwire;

pub mod binding;
pub mod callback;
pub mod error;
pub mod export;
pub mod fast;
pub mod future;
pub mod json;
pub mod marshal;
pub mod object;
pub mod record;
mod runtime;
pub mod rust_object;
pub mod slot;
pub mod stream;
mod transport;
pub mod view;

pub use binding::{Args, Binding, Ret};
pub use callback::{IntoClosure, JsClosure, JsFunction};
pub use error::{Error, ErrorKind, JsError, Result};
pub use future::JsPromise;
pub use marshal::{FromJs, FromJsArg, JsAny, JsDate, ToJs};
pub use object::{census, flush_releases, Census, JsArgs, JsObject, RELEASE_BATCH};
pub use record::{JsArchive, JsRecord};
/// The rkyv slotwire's archived records are built with (0.8, default features). Use it to derive
/// `Archive` with `#[rkyv(crate = slotwire::rkyv)]` when your crate does not depend on rkyv itself.
pub use rkyv;
pub use runtime::import_module;
#[cfg(target_arch = "wasm32")]
pub use runtime::runtime;
pub use rust_object::{RustObject, RustRef};
pub use slot::JsType;
pub use slotwire_macros::{js_export, js_import};
/// The derives of [`record::JsRecord`] and [`record::JsArchive`] (same names as the traits, as
/// `serde::Serialize`).
pub use slotwire_macros::{JsArchive, JsRecord};
pub use view::{Segment, ViewElement};

/// `use slotwire::prelude::*;` brings the macros, [`Binding`], [`JsType`], [`JsDate`] and the
/// error types.
pub mod prelude {
    pub use crate::{
        js_export, js_import, Binding, Error, JsAny, JsClosure, JsDate, JsError, JsFunction,
        JsObject, JsType, Segment,
    };
}

/// What the macros expand to. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::binding::LazyBinding;
    pub use crate::export::{
        arg_error, finish, finish_result, finish_result_as, register, ErrorProbe, ExportDescriptor,
        KindOfKnownError, KindOfOtherError,
    };
    pub use crate::fast;
    pub use crate::future::{start_export, JsPromise};
    pub use crate::marshal::{as_bigint, as_number, FromJs, FromJsArg, ToJs};
    pub use crate::slot::{Slot, ARG0, EXCEPTION, RESULT};
    pub use crate::JsError;
    pub use rkyv;
    pub use std::sync::OnceLock;
    #[cfg(target_arch = "wasm32")]
    pub use wasm_bindgen;

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

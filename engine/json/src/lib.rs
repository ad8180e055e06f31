//! The JSON interop baseline: Blazor's `IJSRuntime` and `DotNet.invokeMethod`, remade in Rust
//! with serde_json. It is the yardstick slotwire is measured against, so it does what Blazor's
//! in-process (WebAssembly) runtime does, as fast as JSON allows:
//!
//! - **Rust → JS**: [`invoke`] serializes its arguments (a tuple) to one JSON array, crosses
//!   once with that string, JS parses it, calls the function found at the dotted `identifier`
//!   from `globalThis` (resolved once and cached, as Blazor caches functions per identifier), and
//!   returns the result as one JSON string, which Rust deserializes into `T`. [`invoke_async`]
//!   awaits a JS function that returns a Promise (Blazor's `beginInvokeJSFromDotNet` /
//!   `endInvokeJSFromDotNet`).
//! - **JS → Rust**: functions registered with [`register_method`] (the `[JSInvokable]` analog)
//!   are called from JS with `json.invokeMethod(assembly, method, ...args)` or
//!   `json.invokeMethodAsync(...)`, where `json` is the object the `__slotwire_json` export
//!   returns (the `DotNet` object of Blazor). JSON arguments in, JSON result out, one crossing.
//! - **References**: [`JsObjectReference`] (`{"__jsObjectId": n}`, made in JS by
//!   `json.createJSObjectReference(obj)`) and [`RustObjectReference`] (`{"__rustObject": n}`,
//!   callable from JS with `invokeMethod(name, ...args)` / `invokeMethodAsync` and `dispose()`).
//! - **Byte arrays** travel out of band, never as base64: [`JsonBytes`] serializes as
//!   `{"__byte[]": i}` and its bytes are copied once into a `Uint8Array` (Rust → JS), or from one
//!   (JS → Rust: a `Uint8Array` anywhere in the arguments or result).
//!
//! ```no_run
//! use serde::{Deserialize, Serialize};
//! use slotwire_json::{self as json, JsonInteropError};
//!
//! #[derive(Serialize, Deserialize)]
//! struct Point { x: f64, y: f64 }
//!
//! fn run() -> Result<(), JsonInteropError> {
//!     let d: f64 = json::invoke("Math.hypot", (3.0, 4.0))?;
//!     assert_eq!(d, 5.0);
//!     json::invoke_void("console.log", ("a point:", Point { x: 1.0, y: 2.0 }))?;
//!
//!     // JS: json.invokeMethod("app", "add", 2, 3) === 5
//!     json::register_method("app", "add", |(a, b): (i32, i32)| a + b);
//!     Ok(())
//! }
//! ```
//!
//! ## What travels how
//!
//! | Rust | JSON | JS |
//! |---|---|---|
//! | `args: impl Serialize`, a tuple `(a, b)` | `[a, b]` | the function's arguments; `()` is no arguments |
//! | `T: Deserialize` result | `JSON.stringify(result)` | `undefined`/`null` arrive as `null` |
//! | [`JsonBytes`] | `{"__byte[]": i}` | `Uint8Array` |
//! | [`JsObjectReference`] | `{"__jsObjectId": n}` | the JS object itself |
//! | [`RustObjectReference<T>`] | `{"__rustObject": n}` | an object with `invokeMethod`, `invokeMethodAsync`, `dispose` |
//!
//! As in JSON itself: `NaN` and `±Infinity` become `null` (serde_json and `JSON.stringify` agree),
//! so they do not round-trip into `f64`; `u64`/`i64` beyond 2^53 lose precision in JS.
//!
//! ## Errors
//!
//! Every failure is a [`JsonInteropError`] naming the identifier: a JS exception or rejection
//! ([`JsonInteropError::Js`], with the JS error's `name`, `message` and `stack`), an identifier
//! that does not resolve to a function, arguments or results that cannot be serialized (a JS
//! value with a cycle or a `BigInt`) or deserialized. JS → Rust failures (an unknown method,
//! arguments that do not deserialize) throw a JS `Error`. A Rust panic is not caught: it
//! propagates as it does in the rest of the crate.
//!
//! ## One crossing per call
//!
//! A synchronous [`invoke`] makes one wasm → JS call: the identifier goes as an integer (Rust
//! interns it on first use), the arguments as one string (decoded once by the wasm-bindgen glue,
//! parsed once by `JSON.parse`), and the result comes back as one string. `JSON.parse` gets a
//! reviver only when the JSON holds references or byte arrays (Rust knows: it serialized them),
//! and `JSON.stringify` gets a replacer only when a value is an object (it may hold a
//! `Uint8Array`). Byte arrays add one crossing per call that has any (Rust → JS), or per array
//! (JS → Rust), as Blazor's `receiveByteArray`/`sendByteArray` do. A JS → Rust
//! `invokeMethod` is one JS → wasm call: JS writes the JSON straight into a reusable buffer in wasm
//! memory and reads the result JSON from Rust's reply buffer.

#![warn(missing_docs)]
#![deny(unsafe_op_in_unsafe_fn)]
// Natively the JS-facing half (the raw exports, the dispatcher they call) has no caller but the
// unit tests.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::any::{Any, TypeId};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::hash::{BuildHasherDefault, Hasher};
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// The JSON key of a JS object reference: `{"__jsObjectId": n}` (as in Blazor).
pub const JS_OBJECT_ID_KEY: &str = "__jsObjectId";
/// The JSON key of a Rust object reference: `{"__rustObject": n}` (Blazor's `__dotNetObject`).
pub const RUST_OBJECT_KEY: &str = "__rustObject";
/// The JSON key of a byte array sent out of band: `{"__byte[]": i}` (as in Blazor).
pub const BYTE_ARRAY_KEY: &str = "__byte[]";

// `flags` of swJsonInvoke / swJsonBeginInvoke: the result kind in the low two bits (Blazor's
// JSCallResultType), and whether the argument JSON needs the reviver. Mirrored in
// js-runtime/src/json-baseline.js.
const RESULT_JSON: u32 = 0;
const RESULT_OBJECT_REFERENCE: u32 = 1;
const RESULT_VOID: u32 = 2;
const FLAG_REVIVE: u32 = 4;

// Status of a reply (the descriptor Rust returns to JS, and the status JS passes back when a
// Rust → JS async call ends). Mirrored in json-baseline.js.
const STATUS_READY: u32 = 0;
const STATUS_FAILED: u32 = 1;
const STATUS_PENDING: u32 = 2;

/// A synchronous reply from JS that starts with this character is an error: the rest is the
/// JSON array `[kind, name, message, stack]`. No JSON text starts with it.
const ERROR_MARK: char = '\u{1}';

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
const NO_JS: &str = "slotwire calls JavaScript only when compiled to wasm32";

// ---------------------------------------------------------------------------------------------
// Errors

/// Why a JSON interop call failed. Its message names the identifier (or the method) concerned.
///
/// ```
/// use slotwire_json::JsonInteropError;
/// let e = JsonInteropError::Js {
///     identifier: "app.save".into(),
///     name: "TypeError".into(),
///     message: "x is undefined".into(),
///     stack: String::new(),
/// };
/// assert_eq!(e.to_string(), "`app.save` threw TypeError: x is undefined");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonInteropError {
    /// The JS function threw, or the Promise it returned rejected.
    Js {
        /// The identifier called (with the JS object reference, for calls on one).
        identifier: String,
        /// The error's `name` (`"Error"`, `"TypeError"`, ...); `"Error"` for a thrown non-Error.
        name: String,
        /// The error's `message`; `String(value)` for a thrown non-Error.
        message: String,
        /// The error's `stack`, or empty.
        stack: String,
    },
    /// The identifier does not resolve to a function.
    NotFound {
        /// The identifier called.
        identifier: String,
        /// What is missing, e.g. `Could not find 'a.b' in globalThis ('a' is undefined)`.
        message: String,
    },
    /// A value could not be serialized to JSON: the Rust arguments (serde_json's error), or the
    /// JS result (a cycle, a `BigInt`: `JSON.stringify` threw).
    Serialize(String),
    /// The JSON could not be deserialized into the Rust type.
    Deserialize(String),
    /// A [`JsObjectReference`] was used after it was disposed (in Rust or in JS).
    Disposed(String),
    /// The call cannot be made: natively (there is no JavaScript), or a synchronous [`invoke`] of
    /// a function that returned a Promise (use [`invoke_async`]).
    Unsupported(String),
}

impl fmt::Display for JsonInteropError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonInteropError::Js {
                identifier,
                name,
                message,
                ..
            } => write!(f, "`{identifier}` threw {name}: {message}"),
            JsonInteropError::NotFound {
                identifier,
                message,
            } => write!(f, "cannot call `{identifier}`: {message}"),
            JsonInteropError::Serialize(m)
            | JsonInteropError::Deserialize(m)
            | JsonInteropError::Disposed(m)
            | JsonInteropError::Unsupported(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for JsonInteropError {}

impl From<JsonInteropError> for slotwire::JsError {
    /// A JS exception keeps its name, message and stack; other errors become an `Error` with the
    /// same message.
    fn from(e: JsonInteropError) -> slotwire::JsError {
        match e {
            JsonInteropError::Js {
                name,
                message,
                stack,
                ..
            } => slotwire::JsError {
                name,
                message,
                stack,
            },
            other => slotwire::JsError::new("Error", other.to_string()),
        }
    }
}

/// How a call is named in errors: the identifier, and the JS object reference it was called on.
fn call_label(identifier: &str, target: u32) -> String {
    if target == 0 {
        identifier.to_owned()
    } else {
        format!("{identifier}` on JS object reference `{target}")
    }
}

/// Maps an error reply from JS (`[kind, name, message, stack]`) to a [`JsonInteropError`].
fn js_failure(identifier: &str, target: u32, json: &str) -> JsonInteropError {
    let label = call_label(identifier, target);
    let (kind, name, message, stack) =
        match serde_json::from_str::<(String, String, String, String)>(json) {
            Ok(parts) => parts,
            Err(e) => {
                return JsonInteropError::Deserialize(format!(
                    "`{label}`: unreadable error reply from JS ({e}): {}",
                    excerpt(json)
                ))
            }
        };
    match kind.as_str() {
        "notFound" => JsonInteropError::NotFound {
            identifier: label,
            message,
        },
        "serialize" => JsonInteropError::Serialize(format!("`{label}`: {message}")),
        "disposed" => JsonInteropError::Disposed(format!("`{label}`: {message}")),
        "unsupported" => JsonInteropError::Unsupported(format!("`{label}`: {message}")),
        _ => JsonInteropError::Js {
            identifier: label,
            name,
            message,
            stack,
        },
    }
}

/// The first 200 characters of `json`, for error messages.
fn excerpt(json: &str) -> String {
    match json.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &json[..i]),
        None => json.to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// A small fast hasher for the interning tables (FxHash's mixing): the keys are short strings and
// small integers this module chose, not attacker-controlled input.

#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

// ---------------------------------------------------------------------------------------------
// Byte arrays out of band, and the "this JSON needs the reviver" flag.

/// What serialization put aside for JS: byte arrays (concatenated, with end offsets), and
/// whether the JSON holds any reference JS must revive.
#[derive(Default)]
struct Outgoing {
    data: Vec<u8>,
    ends: Vec<u32>,
    revive: bool,
}

thread_local! {
    static OUTGOING: RefCell<Outgoing> = RefCell::new(Outgoing::default());
    /// Byte arrays from JS taken ahead of time (the result of an async call), read instead of
    /// asking JS while set.
    static INCOMING: RefCell<Option<Vec<Option<Vec<u8>>>>> = const { RefCell::new(None) };
}

/// Starts a serialization whose byte arrays and references go to JS with the JSON.
fn begin_outgoing() {
    OUTGOING.with(|o| {
        let mut o = o.borrow_mut();
        o.data.clear();
        o.ends.clear();
        o.revive = false;
        // A one-off huge transfer should not pin its buffer forever.
        if o.data.capacity() > (4 << 20) {
            o.data = Vec::new();
        }
    });
}

fn mark_revive() {
    OUTGOING.with(|o| o.borrow_mut().revive = true);
}

/// Sends the byte arrays the last serialization put aside (one crossing, only if there are
/// any); returns whether the JSON needs the reviver.
fn flush_outgoing() -> bool {
    OUTGOING.with(|o| {
        let o = o.borrow();
        #[cfg(target_arch = "wasm32")]
        if !o.ends.is_empty() {
            js::receive_bytes(&o.data, &o.ends);
        }
        o.revive
    })
}

/// Takes the byte arrays the last serialization put aside (for a reply sent later).
fn take_outgoing() -> Outgoing {
    OUTGOING.with(|o| std::mem::take(&mut *o.borrow_mut()))
}

/// Byte array `index` of the JSON being deserialized.
fn take_incoming(index: u32) -> Result<Vec<u8>, String> {
    let ahead = INCOMING.with(|c| {
        c.borrow_mut()
            .as_mut()
            .map(|v| v.get_mut(index as usize).and_then(Option::take))
    });
    let found = match ahead {
        Some(b) => b,
        None => platform_take_bytes(index),
    };
    found.ok_or_else(|| format!("byte array {index} does not exist (or was already read)"))
}

#[cfg(target_arch = "wasm32")]
fn platform_take_bytes(index: u32) -> Option<Vec<u8>> {
    js::take_bytes(index)
}

#[cfg(not(target_arch = "wasm32"))]
fn platform_take_bytes(_index: u32) -> Option<Vec<u8>> {
    None
}

/// Runs `f` with `bytes` as the byte arrays of the JSON it deserializes.
fn with_incoming<R>(bytes: Vec<Option<Vec<u8>>>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Vec<Option<Vec<u8>>>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let prev = self.0.take();
            let _ = INCOMING.try_with(|c| *c.borrow_mut() = prev);
        }
    }
    let prev = INCOMING.with(|c| c.borrow_mut().replace(bytes));
    let _restore = Restore(prev);
    f()
}

/// A byte array that travels out of band: serialized as `{"__byte[]": i}`, its bytes copied once
/// into a `Uint8Array` on the JS side (Blazor's `byte[]` handling: no base64). From JS, a
/// `Uint8Array` anywhere in the arguments or result deserializes into it (so does a plain JSON
/// array of numbers).
///
/// ```
/// use slotwire_json::JsonBytes;
/// let json = serde_json::to_string(&(JsonBytes(vec![1, 2, 3]), "x")).unwrap();
/// assert_eq!(json, r#"[{"__byte[]":0},"x"]"#);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct JsonBytes(pub Vec<u8>);

impl From<Vec<u8>> for JsonBytes {
    fn from(v: Vec<u8>) -> JsonBytes {
        JsonBytes(v)
    }
}

impl From<JsonBytes> for Vec<u8> {
    fn from(b: JsonBytes) -> Vec<u8> {
        b.0
    }
}

impl AsRef<[u8]> for JsonBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl std::ops::Deref for JsonBytes {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl Serialize for JsonBytes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = OUTGOING.with(|o| {
            let mut o = o.borrow_mut();
            o.data.extend_from_slice(&self.0);
            let end = o.data.len() as u32;
            o.ends.push(end);
            o.revive = true;
            o.ends.len() as u32 - 1
        });
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(BYTE_ARRAY_KEY, &index)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for JsonBytes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<JsonBytes, D::Error> {
        struct BytesVisitor;
        impl<'de> Visitor<'de> for BytesVisitor {
            type Value = JsonBytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a byte array ({\"__byte[]\": i}, or an array of numbers)")
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<JsonBytes, M::Error> {
                let index = reference_id::<M>(map, BYTE_ARRAY_KEY)?;
                take_incoming(index)
                    .map(JsonBytes)
                    .map_err(de::Error::custom)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<JsonBytes, A::Error> {
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
                while let Some(b) = seq.next_element::<u8>()? {
                    v.push(b);
                }
                Ok(JsonBytes(v))
            }
        }
        deserializer.deserialize_any(BytesVisitor)
    }
}

/// Reads the one entry `{key: n}` of a reference object.
fn reference_id<'de, M: MapAccess<'de>>(mut map: M, key: &'static str) -> Result<u32, M::Error> {
    let Some(found) = map.next_key::<String>()? else {
        return Err(de::Error::custom(format_args!(
            "expected {{\"{key}\": n}}, found an empty object"
        )));
    };
    if found != key {
        return Err(de::Error::custom(format_args!(
            "expected {{\"{key}\": n}}, found an object with key \"{found}\""
        )));
    }
    let id: u32 = map.next_value()?;
    if let Some(extra) = map.next_key::<String>()? {
        return Err(de::Error::custom(format_args!(
            "expected {{\"{key}\": n}} alone, found an extra key \"{extra}\""
        )));
    }
    Ok(id)
}

// ---------------------------------------------------------------------------------------------
// JS object references

/// A JS object held by Rust, as Blazor's `IJSObjectReference`: serialized as
/// `{"__jsObjectId": n}` (JS revives it into the object itself), with `invoke` methods that call
/// the object's own functions. JS makes one with `json.createJSObjectReference(obj)` (and
/// [`invoke`]`::<JsObjectReference>` makes one of whatever the function returns). Dropping the
/// last clone, or [`dispose`](JsObjectReference::dispose), releases it on the JS side.
///
/// ```no_run
/// use slotwire_json::{self as json, JsObjectReference};
/// # fn f() -> Result<(), json::JsonInteropError> {
/// let map: JsObjectReference = json::invoke("app.makeMap", ())?;
/// map.invoke_void("set", ("k", 1))?;
/// let v: i32 = map.invoke("get", ("k",))?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct JsObjectReference {
    inner: Rc<JsObjectHandle>,
}

struct JsObjectHandle {
    id: u32,
    disposed: Cell<bool>,
}

impl Drop for JsObjectHandle {
    fn drop(&mut self) {
        if !self.disposed.get() {
            release_js_object(self.id);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn release_js_object(id: u32) {
    js::dispose_object(id);
}

#[cfg(not(target_arch = "wasm32"))]
fn release_js_object(_id: u32) {}

impl JsObjectReference {
    fn from_id(id: u32) -> JsObjectReference {
        JsObjectReference {
            inner: Rc::new(JsObjectHandle {
                id,
                disposed: Cell::new(false),
            }),
        }
    }

    /// The id JS knows the object by (the `n` of `{"__jsObjectId": n}`).
    pub fn id(&self) -> u32 {
        self.inner.id
    }

    /// Whether [`dispose`](JsObjectReference::dispose) was called (on this or a clone).
    pub fn is_disposed(&self) -> bool {
        self.inner.disposed.get()
    }

    /// Releases the object on the JS side now. Later calls fail with
    /// [`JsonInteropError::Disposed`]; disposing twice does nothing.
    pub fn dispose(&self) {
        if !self.inner.disposed.replace(true) {
            release_js_object(self.inner.id);
        }
    }

    fn target(&self, identifier: &str) -> Result<u32, JsonInteropError> {
        if self.is_disposed() {
            return Err(JsonInteropError::Disposed(format!(
                "`{}`: JS object reference {} was disposed",
                call_label(identifier, self.inner.id),
                self.inner.id
            )));
        }
        Ok(self.inner.id)
    }

    /// Calls the function at `identifier` (a dotted path) on this object, as [`invoke`] does on
    /// `globalThis`.
    pub fn invoke<T: DeserializeOwned>(
        &self,
        identifier: &str,
        args: impl Serialize,
    ) -> Result<T, JsonInteropError> {
        let target = self.target(identifier)?;
        let reply = call_sync(target, identifier, &args, result_kind::<T>())?;
        parse_result(identifier, target, reply.as_deref())
    }

    /// Calls the function at `identifier` on this object and ignores its result.
    pub fn invoke_void(
        &self,
        identifier: &str,
        args: impl Serialize,
    ) -> Result<(), JsonInteropError> {
        let target = self.target(identifier)?;
        call_sync(target, identifier, &args, RESULT_VOID).map(drop)
    }

    /// Calls the function at `identifier` on this object and awaits its result (a Promise or a
    /// value), as [`invoke_async`] does.
    pub async fn invoke_async<T: DeserializeOwned>(
        &self,
        identifier: &str,
        args: impl Serialize,
    ) -> Result<T, JsonInteropError> {
        let target = self.target(identifier)?;
        let done = begin_call(target, identifier, &args, result_kind::<T>())?.await;
        finish_call(identifier, target, done)
    }

    /// Calls the function at `identifier` on this object, awaits it, ignores its result.
    pub async fn invoke_void_async(
        &self,
        identifier: &str,
        args: impl Serialize,
    ) -> Result<(), JsonInteropError> {
        let target = self.target(identifier)?;
        let done = begin_call(target, identifier, &args, RESULT_VOID)?.await;
        finish_call::<serde::de::IgnoredAny>(identifier, target, done).map(drop)
    }
}

impl fmt::Debug for JsObjectReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsObjectReference")
            .field("id", &self.inner.id)
            .field("disposed", &self.inner.disposed.get())
            .finish()
    }
}

impl Serialize for JsObjectReference {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_disposed() {
            return Err(serde::ser::Error::custom(format_args!(
                "JS object reference {} was disposed",
                self.inner.id
            )));
        }
        mark_revive();
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(JS_OBJECT_ID_KEY, &self.inner.id)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for JsObjectReference {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<JsObjectReference, D::Error> {
        struct RefVisitor;
        impl<'de> Visitor<'de> for RefVisitor {
            type Value = JsObjectReference;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JS object reference {\"__jsObjectId\": n}")
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<JsObjectReference, M::Error> {
                let id = reference_id::<M>(map, JS_OBJECT_ID_KEY)?;
                if id == 0 {
                    return Err(de::Error::custom("JS object reference 0 is not an object"));
                }
                Ok(JsObjectReference::from_id(id))
            }
        }
        deserializer.deserialize_map(RefVisitor)
    }
}

/// The result kind of `invoke::<T>`: `T = JsObjectReference` asks JS to make a reference of
/// whatever the function returns (Blazor's `JSCallResultType.JSObjectReference`).
fn result_kind<T>() -> u32 {
    if std::any::type_name::<T>() == std::any::type_name::<JsObjectReference>() {
        RESULT_OBJECT_REFERENCE
    } else {
        RESULT_JSON
    }
}

// ---------------------------------------------------------------------------------------------
// Rust object references

/// A Rust value handed to JS by reference, as Blazor's `DotNetObjectReference<T>`: serialized as
/// `{"__rustObject": n}` (registered in a table the first time), it arrives in JS as an object
/// whose `invokeMethod(name, ...args)` / `invokeMethodAsync(name, ...args)` call the methods
/// registered for `T` with [`register_instance_method`], and whose `dispose()` releases it.
///
/// The table keeps the value alive until JS or Rust calls `dispose` (dropping the Rust handle
/// does not: JS may still hold the reference). [`rust_object_count`] is the table's census.
///
/// ```no_run
/// use std::cell::Cell;
/// use slotwire_json::{self as json, RustObjectReference};
///
/// struct Counter(Cell<i32>);
/// json::register_instance_method("add", |c: &Counter, (n,): (i32,)| {
///     c.0.set(c.0.get() + n);
///     c.0.get()
/// });
/// let counter = RustObjectReference::new(Counter(Cell::new(0)));
/// // JS: counter.invokeMethod("add", 5) === 5; counter.dispose();
/// json::invoke_void("app.useCounter", (&counter,)).unwrap();
/// ```
pub struct RustObjectReference<T: 'static> {
    inner: Rc<RustObject<T>>,
}

struct RustObject<T> {
    value: T,
    /// The id while tracked, 0 before the first serialization and after dispose.
    id: Cell<u32>,
    disposed: Cell<bool>,
}

/// A tracked object, its type erased.
trait Tracked {
    fn value(&self) -> &dyn Any;
    fn value_type(&self) -> TypeId;
    fn type_name(&self) -> &'static str;
    fn release(&self);
    fn into_any(self: Rc<Self>) -> Rc<dyn Any>;
}

impl<T: 'static> Tracked for RustObject<T> {
    fn value(&self) -> &dyn Any {
        &self.value
    }
    fn value_type(&self) -> TypeId {
        TypeId::of::<T>()
    }
    fn type_name(&self) -> &'static str {
        std::any::type_name::<T>()
    }
    fn release(&self) {
        self.id.set(0);
        self.disposed.set(true);
    }
    fn into_any(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
}

thread_local! {
    static OBJECTS: RefCell<FxMap<u32, Rc<dyn Tracked>>> = RefCell::new(FxMap::default());
    static NEXT_OBJECT_ID: Cell<u32> = const { Cell::new(1) };
}

fn tracked(id: u32) -> Option<Rc<dyn Tracked>> {
    OBJECTS.with(|o| o.borrow().get(&id).cloned())
}

/// Removes object `id` from the table; returns whether it was there.
fn untrack(id: u32) -> bool {
    let removed = OBJECTS.with(|o| o.borrow_mut().remove(&id));
    match removed {
        Some(t) => {
            t.release();
            true
        }
        None => false,
    }
}

/// How many [`RustObjectReference`]s JS can currently reach (serialized and not disposed).
///
/// ```
/// assert_eq!(slotwire_json::rust_object_count(), 0);
/// ```
pub fn rust_object_count() -> usize {
    OBJECTS.with(|o| o.borrow().len())
}

impl<T: 'static> RustObjectReference<T> {
    /// Wraps `value`. It gets its id (and its place in the table) when first serialized.
    pub fn new(value: T) -> RustObjectReference<T> {
        RustObjectReference {
            inner: Rc::new(RustObject {
                value,
                id: Cell::new(0),
                disposed: Cell::new(false),
            }),
        }
    }

    /// The wrapped value (Blazor's `.Value`).
    pub fn value(&self) -> &T {
        &self.inner.value
    }

    /// The id JS knows it by, while it is tracked.
    pub fn id(&self) -> Option<u32> {
        match self.inner.id.get() {
            0 => None,
            id => Some(id),
        }
    }

    /// Whether it was disposed, by Rust or by JS's `dispose()`.
    pub fn is_disposed(&self) -> bool {
        self.inner.disposed.get()
    }

    /// Removes it from the table: JS calls on it fail from now on, and serializing it again is
    /// an error. The value itself lives as long as Rust holds it.
    pub fn dispose(&self) {
        match self.id() {
            Some(id) => {
                untrack(id);
            }
            None => self.inner.release(),
        }
    }

    fn track(&self) -> Result<u32, String> {
        if self.is_disposed() {
            return Err(format!(
                "RustObjectReference<{}> was disposed",
                std::any::type_name::<T>()
            ));
        }
        if let Some(id) = self.id() {
            return Ok(id);
        }
        let id = NEXT_OBJECT_ID.with(|n| {
            let id = n.get();
            n.set(id.checked_add(1).expect("2^32 Rust object references"));
            id
        });
        self.inner.id.set(id);
        let entry: Rc<dyn Tracked> = self.inner.clone();
        OBJECTS.with(|o| o.borrow_mut().insert(id, entry));
        Ok(id)
    }

    fn from_tracked(id: u32, t: Rc<dyn Tracked>) -> Result<RustObjectReference<T>, String> {
        let type_name = t.type_name();
        match t.into_any().downcast::<RustObject<T>>() {
            Ok(inner) => Ok(RustObjectReference { inner }),
            Err(_) => Err(format!(
                "Rust object reference {id} is a RustObjectReference<{type_name}>, not a RustObjectReference<{}>",
                std::any::type_name::<T>()
            )),
        }
    }
}

impl<T: 'static> Clone for RustObjectReference<T> {
    fn clone(&self) -> Self {
        RustObjectReference {
            inner: self.inner.clone(),
        }
    }
}

impl<T: fmt::Debug + 'static> fmt::Debug for RustObjectReference<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RustObjectReference")
            .field("id", &self.id())
            .field("disposed", &self.is_disposed())
            .field("value", &self.inner.value)
            .finish()
    }
}

impl<T: 'static> Serialize for RustObjectReference<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let id = self.track().map_err(serde::ser::Error::custom)?;
        mark_revive();
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(RUST_OBJECT_KEY, &id)?;
        map.end()
    }
}

impl<'de, T: 'static> Deserialize<'de> for RustObjectReference<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RefVisitor<T>(PhantomData<T>);
        impl<'de, T: 'static> Visitor<'de> for RefVisitor<T> {
            type Value = RustObjectReference<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Rust object reference {\"__rustObject\": n}")
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
                let id = reference_id::<M>(map, RUST_OBJECT_KEY)?;
                let t = tracked(id).ok_or_else(|| {
                    de::Error::custom(format_args!(
                        "Rust object reference {id} does not exist (has it been disposed?)"
                    ))
                })?;
                RustObjectReference::from_tracked(id, t).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_map(RefVisitor(PhantomData))
    }
}

// ---------------------------------------------------------------------------------------------
// Rust → JS

thread_local! {
    /// Identifier → the index JS keeps it under.
    static NAMES: RefCell<FxMap<Box<str>, u32>> = RefCell::new(FxMap::default());
    /// The reusable buffer the arguments are serialized into (taken during a call, so a nested
    /// call gets a fresh one).
    static ARGS: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// The arguments serialized to JSON, in the reusable buffer (given back on drop).
struct ArgsJson {
    buf: Vec<u8>,
    revive: bool,
}

impl ArgsJson {
    fn encode<A: Serialize + ?Sized>(
        identifier: &str,
        target: u32,
        args: &A,
    ) -> Result<ArgsJson, JsonInteropError> {
        let mut buf = ARGS.with(Cell::take);
        buf.clear();
        begin_outgoing();
        if let Err(e) = serde_json::to_writer(&mut buf, args) {
            ARGS.with(|c| c.set(buf));
            return Err(JsonInteropError::Serialize(format!(
                "`{}`: cannot serialize the arguments to JSON: {e}",
                call_label(identifier, target)
            )));
        }
        let revive = OUTGOING.with(|o| o.borrow().revive);
        Ok(ArgsJson { buf, revive })
    }

    fn as_str(&self) -> &str {
        // SAFETY: serde_json writes only valid UTF-8 (its `to_string` relies on the same).
        unsafe { std::str::from_utf8_unchecked(&self.buf) }
    }
}

impl Drop for ArgsJson {
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        let _ = ARGS.try_with(|c| {
            let other = c.take();
            c.set(if other.capacity() > buf.capacity() {
                other
            } else {
                buf
            });
        });
    }
}

/// The index JS keeps `identifier` under, interning it (one crossing) on first use.
#[cfg(target_arch = "wasm32")]
fn intern(identifier: &str) -> u32 {
    if let Some(i) = NAMES.with(|n| n.borrow().get(identifier).copied()) {
        return i;
    }
    let i = js::intern(identifier);
    NAMES.with(|n| n.borrow_mut().insert(identifier.into(), i));
    i
}

thread_local! {
    static ATTACHED: Cell<bool> = const { Cell::new(false) };
}

/// Gives the JS half this instance's memory and raw exports (once); returns the JS API object.
#[cfg(target_arch = "wasm32")]
fn attach() -> wasm_bindgen::JsValue {
    let api = js::attach(wasm_bindgen::memory(), wasm_bindgen::exports());
    ATTACHED.with(|a| a.set(true));
    api
}

#[cfg(target_arch = "wasm32")]
#[inline]
fn ensure_attached() {
    if !ATTACHED.with(Cell::get) {
        attach();
    }
}

/// One synchronous call: JSON arguments out, `None` (undefined/null) or the result JSON back.
fn call_sync<A: Serialize + ?Sized>(
    target: u32,
    identifier: &str,
    args: &A,
    kind: u32,
) -> Result<Option<String>, JsonInteropError> {
    let json = ArgsJson::encode(identifier, target, args)?;
    sync_reply(identifier, target, &json, kind)
}

#[cfg(target_arch = "wasm32")]
fn sync_reply(
    identifier: &str,
    target: u32,
    json: &ArgsJson,
    kind: u32,
) -> Result<Option<String>, JsonInteropError> {
    ensure_attached();
    let name = intern(identifier);
    flush_outgoing();
    let flags = kind | if json.revive { FLAG_REVIVE } else { 0 };
    let reply = js::invoke(name, target, json.as_str(), flags);
    decode_reply(identifier, target, reply)
}

#[cfg(not(target_arch = "wasm32"))]
fn sync_reply(
    identifier: &str,
    target: u32,
    _json: &ArgsJson,
    _kind: u32,
) -> Result<Option<String>, JsonInteropError> {
    Err(JsonInteropError::Unsupported(format!(
        "`{}`: {NO_JS}",
        call_label(identifier, target)
    )))
}

/// A synchronous reply: `None`, a result's JSON, or an error (marked by [`ERROR_MARK`]).
fn decode_reply(
    identifier: &str,
    target: u32,
    reply: Option<String>,
) -> Result<Option<String>, JsonInteropError> {
    match reply {
        Some(s) if s.starts_with(ERROR_MARK) => {
            Err(js_failure(identifier, target, &s[ERROR_MARK.len_utf8()..]))
        }
        other => Ok(other),
    }
}

/// Deserializes a result (`None` is JSON `null`).
fn parse_result<T: DeserializeOwned>(
    identifier: &str,
    target: u32,
    json: Option<&str>,
) -> Result<T, JsonInteropError> {
    let text = json.unwrap_or("null");
    serde_json::from_str(text).map_err(|e| {
        JsonInteropError::Deserialize(format!(
            "`{}`: cannot deserialize the result as {}: {}; the JSON was: {}",
            call_label(identifier, target),
            std::any::type_name::<T>(),
            excerpt(&e.to_string()),
            excerpt(text)
        ))
    })
}

/// Calls the JS function at `identifier` — a dotted path from `globalThis`, such as
/// `"exampleJsFunctions.showPrompt"` — with `args`, a tuple serialized as the JSON array of
/// arguments, and deserializes its result into `T` (Blazor's `IJSInProcessRuntime.Invoke<T>`).
///
/// The function is resolved on first use and cached by identifier. `T = JsObjectReference` makes
/// a reference of the returned object. A function that returns a Promise needs
/// [`invoke_async`].
///
/// ```no_run
/// let r: f64 = slotwire_json::invoke("Math.hypot", (3.0, 4.0)).unwrap();
/// let s: String = slotwire_json::invoke("String.fromCharCode", (72, 105)).unwrap();
/// let found: Option<String> = slotwire_json::invoke("localStorage.getItem", ("key",)).unwrap();
/// ```
pub fn invoke<T: DeserializeOwned>(
    identifier: &str,
    args: impl Serialize,
) -> Result<T, JsonInteropError> {
    let reply = call_sync(0, identifier, &args, result_kind::<T>())?;
    parse_result(identifier, 0, reply.as_deref())
}

/// Calls the JS function at `identifier` with `args` and ignores its result (nothing is
/// serialized back): Blazor's `InvokeVoid`.
///
/// ```no_run
/// slotwire_json::invoke_void("console.log", ("hello", 42)).unwrap();
/// ```
pub fn invoke_void(identifier: &str, args: impl Serialize) -> Result<(), JsonInteropError> {
    call_sync(0, identifier, &args, RESULT_VOID).map(drop)
}

/// Calls the JS function at `identifier` with `args` and awaits its result: the value of the
/// Promise it returns, or its plain return value (Blazor's `InvokeAsync<T>`). A throw or a
/// rejection is [`JsonInteropError::Js`].
///
/// ```no_run
/// # async fn f() -> Result<(), slotwire_json::JsonInteropError> {
/// let text: String = slotwire_json::invoke_async("app.fetchText", ("/data.txt",)).await?;
/// # Ok(()) }
/// ```
pub async fn invoke_async<T: DeserializeOwned>(
    identifier: &str,
    args: impl Serialize,
) -> Result<T, JsonInteropError> {
    let done = begin_call(0, identifier, &args, result_kind::<T>())?.await;
    finish_call(identifier, 0, done)
}

/// [`invoke_async`] for a function whose result is ignored.
///
/// ```no_run
/// # async fn f() -> Result<(), slotwire_json::JsonInteropError> {
/// slotwire_json::invoke_void_async("app.sleep", (10,)).await?;
/// # Ok(()) }
/// ```
pub async fn invoke_void_async(
    identifier: &str,
    args: impl Serialize,
) -> Result<(), JsonInteropError> {
    let done = begin_call(0, identifier, &args, RESULT_VOID)?.await;
    finish_call::<de::IgnoredAny>(identifier, 0, done).map(drop)
}

/// How an async call ended: the status, the result JSON (or the error array), and the byte
/// arrays JS sent with it (taken when it ended, since JS keeps them only that long).
struct Completion {
    status: u32,
    json: String,
    bytes: Vec<Option<Vec<u8>>>,
}

#[derive(Default)]
struct PendingSlot {
    done: Option<Completion>,
    waker: Option<Waker>,
}

thread_local! {
    static PENDING: RefCell<FxMap<u32, Rc<RefCell<PendingSlot>>>> = RefCell::new(FxMap::default());
    static NEXT_HANDLE: Cell<u32> = const { Cell::new(1) };
}

/// The future of a Rust → JS async call; resolves when JS calls `slotwire_json_end_invoke`.
struct PendingCall {
    handle: u32,
    slot: Rc<RefCell<PendingSlot>>,
}

impl Future for PendingCall {
    type Output = Completion;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Completion> {
        let mut slot = self.slot.borrow_mut();
        match slot.done.take() {
            Some(done) => Poll::Ready(done),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Drop for PendingCall {
    fn drop(&mut self) {
        let handle = self.handle;
        let _ = PENDING.try_with(|p| p.borrow_mut().remove(&handle));
    }
}

/// Completes the async call `handle` (a call whose future was dropped is ignored).
fn complete(handle: u32, done: Completion) {
    let slot = PENDING.with(|p| p.borrow_mut().remove(&handle));
    if let Some(slot) = slot {
        let waker = {
            let mut s = slot.borrow_mut();
            s.done = Some(done);
            s.waker.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

/// Starts an async call (Blazor's `beginInvokeJSFromDotNet`).
fn begin_call<A: Serialize + ?Sized>(
    target: u32,
    identifier: &str,
    args: &A,
    kind: u32,
) -> Result<PendingCall, JsonInteropError> {
    let json = ArgsJson::encode(identifier, target, args)?;
    begin_platform(identifier, target, &json, kind)
}

#[cfg(target_arch = "wasm32")]
fn begin_platform(
    identifier: &str,
    target: u32,
    json: &ArgsJson,
    kind: u32,
) -> Result<PendingCall, JsonInteropError> {
    ensure_attached();
    let name = intern(identifier);
    let handle = NEXT_HANDLE.with(|n| {
        let h = n.get();
        n.set(h.wrapping_add(1).max(1));
        h
    });
    let slot = Rc::new(RefCell::new(PendingSlot::default()));
    PENDING.with(|p| p.borrow_mut().insert(handle, slot.clone()));
    let call = PendingCall { handle, slot };
    flush_outgoing();
    let flags = kind | if json.revive { FLAG_REVIVE } else { 0 };
    js::begin_invoke(handle, name, target, json.as_str(), flags);
    Ok(call)
}

#[cfg(not(target_arch = "wasm32"))]
fn begin_platform(
    identifier: &str,
    target: u32,
    _json: &ArgsJson,
    _kind: u32,
) -> Result<PendingCall, JsonInteropError> {
    Err(JsonInteropError::Unsupported(format!(
        "`{}`: {NO_JS}",
        call_label(identifier, target)
    )))
}

fn finish_call<T: DeserializeOwned>(
    identifier: &str,
    target: u32,
    done: Completion,
) -> Result<T, JsonInteropError> {
    if done.status != STATUS_READY {
        return Err(js_failure(identifier, target, &done.json));
    }
    let json = if done.json.is_empty() {
        None
    } else {
        Some(done.json.as_str())
    };
    with_incoming(done.bytes, || parse_result(identifier, target, json))
}

// ---------------------------------------------------------------------------------------------
// JS → Rust: registered methods

/// What a method's body produced.
type MethodResult = Result<bool, String>;
/// A future's serialized result: JSON, whether it needs the reviver, its byte arrays.
type Reply = Result<(String, Outgoing), String>;
type LocalFuture = Pin<Box<dyn Future<Output = Reply>>>;
/// A synchronous method: parses the arguments from the input buffer (`len` bytes), runs, writes
/// the result's JSON into the reply buffer; returns whether it needs the reviver.
type SyncBody = dyn Fn(Option<&Rc<dyn Tracked>>, usize) -> MethodResult;
/// An async method: parses its arguments now, returns the future of its serialized result.
type AsyncBody = dyn Fn(Option<&Rc<dyn Tracked>>, usize) -> Result<LocalFuture, String>;

enum Body {
    Sync(Rc<SyncBody>),
    Async(Rc<AsyncBody>),
}

struct Method {
    /// `assembly.method`, or `Type.method` for instance methods: for error messages.
    label: String,
    body: Body,
}

thread_local! {
    static METHODS: RefCell<Vec<Rc<Method>>> = const { RefCell::new(Vec::new()) };
    static METHOD_IDS: RefCell<HashMap<(String, String), u32>> = RefCell::new(HashMap::new());
    static INSTANCE_METHODS: RefCell<FxMap<(TypeId, u32), Rc<Method>>> = RefCell::new(FxMap::default());
    static METHOD_NAMES: RefCell<MethodNames> = RefCell::new(MethodNames::default());
    /// The input buffer JS writes JSON (and names) into.
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// The reply buffer JS reads a result's JSON (or an error message) from.
    static OUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn add_method(assembly: &str, method: &str, body: Body) {
    let m = Rc::new(Method {
        label: format!("{assembly}.{method}"),
        body,
    });
    let key = (assembly.to_owned(), method.to_owned());
    let existing = METHOD_IDS.with(|ids| ids.borrow().get(&key).copied());
    match existing {
        Some(id) => METHODS.with(|ms| ms.borrow_mut()[id as usize] = m),
        None => {
            let id = METHODS.with(|ms| {
                let mut ms = ms.borrow_mut();
                ms.push(m);
                ms.len() as u32 - 1
            });
            METHOD_IDS.with(|ids| ids.borrow_mut().insert(key, id));
        }
    }
}

fn add_instance_method<T: 'static>(method: &str, body: Body) {
    let name = intern_method_name(method);
    let type_name = std::any::type_name::<T>();
    let short = type_name.rsplit("::").next().unwrap_or(type_name);
    let m = Rc::new(Method {
        label: format!("{short}.{method}"),
        body,
    });
    INSTANCE_METHODS.with(|t| t.borrow_mut().insert((TypeId::of::<T>(), name), m));
}

/// Instance method names, interned.
#[derive(Default)]
struct MethodNames {
    ids: FxMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

fn intern_method_name(name: &str) -> u32 {
    METHOD_NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if let Some(&id) = n.ids.get(name) {
            return id;
        }
        let id = n.names.len() as u32;
        n.names.push(name.into());
        n.ids.insert(name.into(), id);
        id
    })
}

fn method_name(id: u32) -> String {
    METHOD_NAMES.with(|n| {
        n.borrow()
            .names
            .get(id as usize)
            .map_or_else(|| format!("#{id}"), |s| s.to_string())
    })
}

/// Parses the `len` bytes JS wrote into the input buffer as the arguments `A`. An empty JSON
/// array also reads as `()`, so that a method without arguments can take `()`.
fn parse_args<A: DeserializeOwned>(len: usize) -> Result<A, String> {
    INPUT.with(|b| {
        let b = b.borrow();
        let json = b
            .get(..len)
            .ok_or_else(|| format!("argument JSON of {len} bytes is beyond the input buffer"))?;
        serde_json::from_slice(json).or_else(|e| {
            if json == b"[]" {
                if let Ok(a) = serde_json::from_slice(b"null") {
                    return Ok(a);
                }
            }
            Err(format!(
                "cannot deserialize the arguments as {}: {}; the JSON was: {}",
                std::any::type_name::<A>(),
                excerpt(&e.to_string()),
                excerpt(&String::from_utf8_lossy(json))
            ))
        })
    })
}

/// Serializes a method's result into the reply buffer; returns whether it needs the reviver.
fn write_result<R: Serialize + ?Sized>(r: &R) -> MethodResult {
    begin_outgoing();
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.clear();
        serde_json::to_writer(&mut *o, r)
    })
    .map_err(|e| format!("cannot serialize the result to JSON: {e}"))?;
    Ok(flush_outgoing())
}

/// Serializes an async method's result, with its byte arrays, for sending later.
fn serialize_reply<R: Serialize>(r: &R) -> Reply {
    begin_outgoing();
    let json = serde_json::to_string(r)
        .map_err(|e| format!("cannot serialize the result to JSON: {e}"))?;
    Ok((json, take_outgoing()))
}

fn sync_body<A, R>(f: impl Fn(A) -> Result<R, String> + 'static) -> Body
where
    A: DeserializeOwned,
    R: Serialize,
{
    Body::Sync(Rc::new(move |_, len| {
        let args = parse_args::<A>(len)?;
        write_result(&f(args)?)
    }))
}

fn async_body<A, R, Fut>(f: impl Fn(A) -> Fut + 'static) -> Body
where
    A: DeserializeOwned,
    R: Serialize,
    Fut: Future<Output = Result<R, String>> + 'static,
{
    Body::Async(Rc::new(move |_, len| {
        let args = parse_args::<A>(len)?;
        let fut = f(args);
        Ok(Box::pin(async move { serialize_reply(&fut.await?) }) as LocalFuture)
    }))
}

/// Registers `f` as `method` of `assembly`, for JS's `json.invokeMethod(assembly, method,
/// ...args)` and `json.invokeMethodAsync(...)`: the `[JSInvokable]` static method of Blazor. `A`
/// is the tuple of the JSON arguments (`()` for none); the result is serialized to JSON.
/// Registering the same name again replaces the method.
///
/// ```
/// slotwire_json::register_method("app", "add", |(a, b): (i32, i32)| a + b);
/// slotwire_json::register_method("app", "version", |(): ()| "1.0");
/// ```
pub fn register_method<A, R>(assembly: &str, method: &str, f: impl Fn(A) -> R + 'static)
where
    A: DeserializeOwned,
    R: Serialize,
{
    add_method(assembly, method, sync_body(move |a| Ok(f(a))));
}

/// [`register_method`] for a method that can fail: `Err(e)` throws a JS `Error` whose message
/// names the method and ends with `e`'s.
///
/// ```
/// slotwire_json::register_method_fallible("app", "parse", |(s,): (String,)| s.parse::<i32>());
/// ```
pub fn register_method_fallible<A, R, E>(
    assembly: &str,
    method: &str,
    f: impl Fn(A) -> Result<R, E> + 'static,
) where
    A: DeserializeOwned,
    R: Serialize,
    E: fmt::Display,
{
    add_method(
        assembly,
        method,
        sync_body(move |a| f(a).map_err(|e| e.to_string())),
    );
}

/// Registers an async method: `json.invokeMethodAsync(assembly, method, ...args)` returns a
/// Promise of its result (a synchronous `invokeMethod` of it throws). The future runs on
/// `wasm_bindgen_futures::spawn_local`.
///
/// ```
/// slotwire_json::register_method_async("app", "later", |(x,): (i32,)| async move { x * 2 });
/// ```
pub fn register_method_async<A, R, Fut>(
    assembly: &str,
    method: &str,
    f: impl Fn(A) -> Fut + 'static,
) where
    A: DeserializeOwned,
    R: Serialize,
    Fut: Future<Output = R> + 'static,
{
    add_method(
        assembly,
        method,
        async_body(move |a| {
            let fut = f(a);
            async move { Ok::<R, String>(fut.await) }
        }),
    );
}

/// [`register_method_async`] for a method that can fail: `Err(e)` rejects the Promise with an
/// `Error` naming the method.
///
/// ```
/// slotwire_json::register_method_async_fallible("app", "check", |(x,): (i32,)| async move {
///     if x >= 0 { Ok(x) } else { Err(format!("{x} is negative")) }
/// });
/// ```
pub fn register_method_async_fallible<A, R, E, Fut>(
    assembly: &str,
    method: &str,
    f: impl Fn(A) -> Fut + 'static,
) where
    A: DeserializeOwned,
    R: Serialize,
    E: fmt::Display,
    Fut: Future<Output = Result<R, E>> + 'static,
{
    add_method(
        assembly,
        method,
        async_body(move |a| {
            let fut = f(a);
            async move { fut.await.map_err(|e| e.to_string()) }
        }),
    );
}

/// Registers `f` as method `method` of every [`RustObjectReference<T>`]: JS calls it with
/// `ref.invokeMethod(method, ...args)` (or `invokeMethodAsync`), Blazor's `[JSInvokable]`
/// instance method. `A` is the tuple of the JSON arguments.
///
/// ```
/// use std::cell::Cell;
/// struct Counter(Cell<i32>);
/// slotwire_json::register_instance_method("increment", |c: &Counter, (): ()| {
///     c.0.set(c.0.get() + 1);
///     c.0.get()
/// });
/// ```
pub fn register_instance_method<T, A, R>(method: &str, f: impl Fn(&T, A) -> R + 'static)
where
    T: 'static,
    A: DeserializeOwned,
    R: Serialize,
{
    add_instance_method::<T>(
        method,
        Body::Sync(Rc::new(move |target, len| {
            let value = target
                .and_then(|t| t.value().downcast_ref::<T>())
                .ok_or_else(|| "not called on its object".to_owned())?;
            let args = parse_args::<A>(len)?;
            write_result(&f(value, args))
        })),
    );
}

/// Registers an async instance method of [`RustObjectReference<T>`], for JS's
/// `ref.invokeMethodAsync(method, ...args)`. The future gets its own handle on the object.
///
/// ```
/// struct Store(Vec<i32>);
/// slotwire_json::register_instance_method_async(
///     "len",
///     |s: slotwire_json::RustObjectReference<Store>, (): ()| async move { s.value().0.len() },
/// );
/// ```
pub fn register_instance_method_async<T, A, R, Fut>(
    method: &str,
    f: impl Fn(RustObjectReference<T>, A) -> Fut + 'static,
) where
    T: 'static,
    A: DeserializeOwned,
    R: Serialize,
    Fut: Future<Output = R> + 'static,
{
    add_instance_method::<T>(
        method,
        Body::Async(Rc::new(move |target, len| {
            let t = target.ok_or_else(|| "not called on its object".to_owned())?;
            let this = RustObjectReference::<T>::from_tracked(0, t.clone())?;
            let args = parse_args::<A>(len)?;
            let fut = f(this, args);
            Ok(Box::pin(async move { serialize_reply(&fut.await) }) as LocalFuture)
        })),
    );
}

/// A method found for a call, and the object it is called on.
type Found = (Rc<Method>, Option<Rc<dyn Tracked>>);

/// Finds what JS calls: static method `method` (when `object` is 0), or instance method named
/// `method` of Rust object `object`.
fn find_method(method: u32, object: u32) -> Result<Found, String> {
    if object == 0 {
        return METHODS
            .with(|ms| ms.borrow().get(method as usize).cloned())
            .map(|m| (m, None))
            .ok_or_else(|| format!("no Rust method with id {method}"));
    }
    let t = tracked(object).ok_or_else(|| {
        format!("Rust object reference {object} does not exist (has it been disposed?)")
    })?;
    let m = INSTANCE_METHODS
        .with(|ms| ms.borrow().get(&(t.value_type(), method)).cloned())
        .ok_or_else(|| {
            format!(
                "RustObjectReference<{}> has no method '{}' (see register_instance_method)",
                t.type_name(),
                method_name(method)
            )
        })?;
    Ok((m, Some(t)))
}

/// Where JS reads a reply: status, pointer and length of the JSON (or error message) in the
/// reply buffer, flags (bit 2: needs the reviver). Single-threaded wasm: relaxed atomics are
/// plain loads and stores.
static REPLY: [std::sync::atomic::AtomicU32; 4] =
    [const { std::sync::atomic::AtomicU32::new(0) }; 4];

fn set_reply(status: u32, revive: bool) -> *const u32 {
    use std::sync::atomic::Ordering::Relaxed;
    let (ptr, len) = OUT.with(|o| {
        let o = o.borrow();
        (o.as_ptr() as usize as u32, o.len() as u32)
    });
    REPLY[0].store(status, Relaxed);
    REPLY[1].store(ptr, Relaxed);
    REPLY[2].store(len, Relaxed);
    REPLY[3].store(if revive { FLAG_REVIVE } else { 0 }, Relaxed);
    REPLY.as_ptr().cast()
}

fn fail_reply(message: &str) -> *const u32 {
    OUT.with(|o| {
        let mut o = o.borrow_mut();
        o.clear();
        o.extend_from_slice(message.as_bytes());
    });
    set_reply(STATUS_FAILED, false)
}

/// Runs a synchronous JS → Rust call whose argument JSON is the first `len` input bytes.
fn dispatch(method: u32, object: u32, len: usize) -> *const u32 {
    let (m, target) = match find_method(method, object) {
        Ok(found) => found,
        Err(e) => return fail_reply(&e),
    };
    match &m.body {
        Body::Sync(f) => match f(target.as_ref(), len) {
            Ok(revive) => set_reply(STATUS_READY, revive),
            Err(e) => fail_reply(&format!("{}: {e}", m.label)),
        },
        Body::Async(_) => fail_reply(&format!(
            "{} is async: call it with invokeMethodAsync",
            m.label
        )),
    }
}

/// Starts a JS → Rust async call (`invokeMethodAsync`): a synchronous method replies at once,
/// an async one replies `PENDING` and later through `swJsonEndInvokeRust(call, ...)`.
fn dispatch_begin(call: u32, method: u32, object: u32, len: usize) -> *const u32 {
    let (m, target) = match find_method(method, object) {
        Ok(found) => found,
        Err(e) => return fail_reply(&e),
    };
    match &m.body {
        Body::Sync(_) => dispatch(method, object, len),
        Body::Async(f) => match f(target.as_ref(), len) {
            Ok(fut) => {
                spawn_reply(call, m.label.clone(), fut);
                set_reply(STATUS_PENDING, false)
            }
            Err(e) => fail_reply(&format!("{}: {e}", m.label)),
        },
    }
}

#[cfg(target_arch = "wasm32")]
fn spawn_reply(call: u32, label: String, fut: LocalFuture) {
    wasm_bindgen_futures::spawn_local(async move {
        match fut.await {
            Ok((json, outgoing)) => {
                if !outgoing.ends.is_empty() {
                    js::receive_bytes(&outgoing.data, &outgoing.ends);
                }
                js::end_invoke_rust(call, true, &json, outgoing.revive);
            }
            Err(e) => js::end_invoke_rust(call, false, &format!("{label}: {e}"), false),
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn spawn_reply(_call: u32, _label: String, _fut: LocalFuture) {
    unreachable!("{NO_JS}")
}

/// The input buffer, at least `capacity` bytes long; returns its address.
fn input_buffer(capacity: usize) -> *mut u8 {
    INPUT.with(|b| {
        let mut b = b.borrow_mut();
        if b.len() < capacity {
            b.resize(capacity, 0);
        }
        b.as_mut_ptr()
    })
}

fn input_str(start: usize, len: usize) -> String {
    INPUT.with(|b| {
        let b = b.borrow();
        String::from_utf8_lossy(b.get(start..start + len).unwrap_or_default()).into_owned()
    })
}

/// The id of static method `method` of `assembly` (both in the input buffer), or -1.
fn lookup_method(assembly_len: usize, method_len: usize) -> i32 {
    let assembly = input_str(0, assembly_len);
    let method = input_str(assembly_len, method_len);
    METHOD_IDS.with(|ids| {
        ids.borrow()
            .get(&(assembly, method))
            .map_or(-1, |&id| id as i32)
    })
}

/// Ends the Rust → JS async call `handle`: JS wrote the result JSON (or the error array) into
/// the input buffer and holds `byte_arrays` byte arrays for it.
fn end_invoke(handle: u32, status: u32, len: usize, byte_arrays: u32) {
    let json = input_str(0, len);
    let bytes = (0..byte_arrays).map(platform_take_bytes).collect();
    complete(
        handle,
        Completion {
            status,
            json,
            bytes,
        },
    );
}

/// The raw wasm exports the JS half calls (no wasm-bindgen glue in between: one crossing).
#[cfg(target_arch = "wasm32")]
mod exports {
    /// A buffer of at least `capacity` bytes JS writes JSON into; returns its address (stable
    /// until a larger capacity is asked for).
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_json_input(capacity: usize) -> *mut u8 {
        super::input_buffer(capacity)
    }

    /// The id of `assembly`'s method `method` (UTF-8, one after the other in the input buffer),
    /// or -1 if none is registered.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_json_lookup(assembly_len: usize, method_len: usize) -> i32 {
        super::lookup_method(assembly_len, method_len)
    }

    /// Interns the instance method name in the input buffer; returns its id.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_json_intern(len: usize) -> u32 {
        super::intern_method_name(&super::input_str(0, len))
    }

    /// `invokeMethod`: runs `method` (of Rust object `object`, or static when 0) on the JSON in
    /// the input buffer; returns the address of the reply descriptor.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_json_invoke(method: u32, object: u32, len: usize) -> *const u32 {
        super::dispatch(method, object, len)
    }

    /// `invokeMethodAsync`: as `slotwire_json_invoke`, but an async method replies later.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_json_begin_invoke(
        call: u32,
        method: u32,
        object: u32,
        len: usize,
    ) -> *const u32 {
        super::dispatch_begin(call, method, object, len)
    }

    /// Ends a Rust → JS async call (Blazor's `EndInvokeJS`).
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_json_end_invoke(handle: u32, status: u32, len: usize, bytes: u32) {
        super::end_invoke(handle, status, len, bytes)
    }

    /// JS's `dispose()` of a Rust object reference; returns 1 if it was tracked.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_json_dispose(object: u32) -> u32 {
        super::untrack(object) as u32
    }

    /// The census of Rust object references.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_json_rust_objects() -> u32 {
        super::rust_object_count() as u32
    }
}

/// The JS half (js-runtime/src/json-baseline.js), through wasm-bindgen.
#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/json-baseline.js")]
    extern "C" {
        /// Gives the JS half the instance's memory and raw exports; returns the API object.
        #[wasm_bindgen(js_name = swJsonAttach)]
        pub fn attach(memory: JsValue, exports: JsValue) -> JsValue;
        /// Interns an identifier; returns its index.
        #[wasm_bindgen(js_name = swJsonIntern)]
        pub fn intern(identifier: &str) -> u32;
        /// A synchronous call: `None` for undefined/null, the result JSON, or an error reply.
        #[wasm_bindgen(js_name = swJsonInvoke)]
        pub fn invoke(name: u32, target: u32, args_json: &str, flags: u32) -> Option<String>;
        /// Starts an async call; JS ends it with `slotwire_json_end_invoke(handle, ...)`.
        #[wasm_bindgen(js_name = swJsonBeginInvoke)]
        pub fn begin_invoke(handle: u32, name: u32, target: u32, args_json: &str, flags: u32);
        /// The byte arrays of the JSON JS parses next: `data` split at `ends`.
        #[wasm_bindgen(js_name = swJsonReceiveBytes)]
        pub fn receive_bytes(data: &[u8], ends: &[u32]);
        /// Byte array `index` of the JSON JS produced last (each can be taken once).
        #[wasm_bindgen(js_name = swJsonTakeBytes)]
        pub fn take_bytes(index: u32) -> Option<Vec<u8>>;
        /// Releases JS object reference `id`.
        #[wasm_bindgen(js_name = swJsonDisposeObject)]
        pub fn dispose_object(id: u32);
        /// Ends a JS → Rust async call: its result JSON, or an error message.
        #[wasm_bindgen(js_name = swJsonEndInvokeRust)]
        pub fn end_invoke_rust(call: u32, ok: bool, text: &str, revive: bool);
    }
}

/// The JS-side API of the JSON baseline, Blazor's `DotNet` object: `{ invokeMethod(assembly,
/// method, ...args), invokeMethodAsync(assembly, method, ...args), createJSObjectReference(obj),
/// disposeJSObjectReference(ref), census() }`. Exported to JS as `__slotwire_json`.
///
/// ```js
/// import init, { __slotwire_json } from "./pkg/app.js";
/// await init();
/// const json = __slotwire_json();
/// json.invokeMethod("app", "add", 2, 3);   // 5
/// ```
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = "__slotwire_json")]
pub fn slotwire_json_api() -> wasm_bindgen::JsValue {
    attach()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serializes `v` as the arguments of a call, as `invoke` does.
    fn args_json<A: Serialize>(v: &A) -> (String, bool) {
        let a = ArgsJson::encode("f", 0, v).unwrap();
        (a.as_str().to_owned(), a.revive)
    }

    fn staged() -> (Vec<u8>, Vec<u32>) {
        OUTGOING.with(|o| {
            let o = o.borrow();
            (o.data.clone(), o.ends.clone())
        })
    }

    /// Writes `s` into the input buffer, as JS does; returns its length.
    fn set_input(s: &str) -> usize {
        let p = input_buffer(s.len());
        // SAFETY: the input buffer has at least s.len() bytes.
        unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), p, s.len()) };
        s.len()
    }

    /// Reads the reply descriptor: (status, text, revive).
    fn reply(p: *const u32) -> (u32, String, bool) {
        // SAFETY: `p` is REPLY, four u32s.
        let w = unsafe { std::slice::from_raw_parts(p, 4) };
        let text = OUT.with(|o| {
            let o = o.borrow();
            assert_eq!(w[1], o.as_ptr() as usize as u32, "the reply points at OUT");
            String::from_utf8(o[..w[2] as usize].to_vec()).unwrap()
        });
        (w[0], text, w[3] & FLAG_REVIVE != 0)
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Point {
        x: f64,
        y: f64,
        label: Option<String>,
    }

    #[test]
    fn arguments_are_one_json_array() {
        assert_eq!(args_json(&(3.0, 4.0)), ("[3.0,4.0]".into(), false));
        assert_eq!(
            args_json(&(1, "two", true)),
            (r#"[1,"two",true]"#.into(), false)
        );
        assert_eq!(args_json(&()), ("null".into(), false), "no arguments");
        assert_eq!(args_json(&(vec![1u8, 2],)), ("[[1,2]]".into(), false));
        let p = Point {
            x: 1.5,
            y: -2.0,
            label: None,
        };
        assert_eq!(
            args_json(&(&p, Some(7), None::<i32>)).0,
            r#"[{"x":1.5,"y":-2.0,"label":null},7,null]"#
        );
        assert_eq!(args_json(&("é\"\n𝄞",)).0, r#"["é\"\n𝄞"]"#);
    }

    #[test]
    fn arguments_that_do_not_serialize_name_the_identifier() {
        let mut m = std::collections::BTreeMap::new();
        m.insert((1, 2), 3);
        let e = ArgsJson::encode("app.save", 0, &(m,)).err().unwrap();
        match &e {
            JsonInteropError::Serialize(msg) => {
                assert!(
                    msg.starts_with("`app.save`: cannot serialize the arguments"),
                    "{msg}"
                );
                assert!(msg.contains("key must be a string"), "{msg}");
            }
            other => panic!("expected Serialize, got {other:?}"),
        }
        // The buffer is reusable afterwards.
        assert_eq!(args_json(&(1,)).0, "[1]");
    }

    #[test]
    fn natively_calls_report_no_js_after_serializing() {
        let e = invoke::<f64>("Math.hypot", (3.0, 4.0)).unwrap_err();
        assert!(
            matches!(&e, JsonInteropError::Unsupported(m) if m.contains("`Math.hypot`") && m.contains("wasm32")),
            "{e}"
        );
        // A serialization error comes first: it is found before any JS is needed.
        let mut m = std::collections::HashMap::new();
        m.insert(vec![1], 1);
        assert!(matches!(
            invoke_void("f", (m,)).unwrap_err(),
            JsonInteropError::Serialize(_)
        ));
    }

    #[test]
    fn results_deserialize_or_name_the_type() {
        assert_eq!(parse_result::<f64>("f", 0, Some("5")).unwrap(), 5.0);
        assert_eq!(parse_result::<Option<i32>>("f", 0, None).unwrap(), None);
        assert_eq!(parse_result::<()>("f", 0, None).unwrap(), ());
        assert_eq!(
            parse_result::<Point>("f", 0, Some(r#"{"x":1,"y":2,"label":"p"}"#)).unwrap(),
            Point {
                x: 1.0,
                y: 2.0,
                label: Some("p".into())
            }
        );
        let e = parse_result::<i32>("app.count", 0, Some(r#""seven""#)).unwrap_err();
        let JsonInteropError::Deserialize(msg) = &e else {
            panic!("{e:?}")
        };
        assert!(
            msg.starts_with("`app.count`: cannot deserialize the result as i32"),
            "{msg}"
        );
        assert!(
            msg.contains("\"seven\""),
            "the message shows the JSON: {msg}"
        );
        // undefined/null into a non-Option type.
        let e = parse_result::<f64>("f", 0, None).unwrap_err();
        assert!(e.to_string().contains("null"), "{e}");
        // A long JSON text is cut in the message.
        let long = format!("\"{}\"", "x".repeat(1000));
        let e = parse_result::<i32>("f", 0, Some(&long)).unwrap_err();
        assert!(e.to_string().len() < 700, "{e}");
    }

    #[test]
    fn error_replies_map_to_variants() {
        let reply = |kind: &str| {
            format!(
                "{ERROR_MARK}{}",
                serde_json::to_string(&(kind, "TypeError", "boom", "at f (x.js:1:2)")).unwrap()
            )
        };
        let e = decode_reply("app.f", 0, Some(reply("js"))).unwrap_err();
        assert_eq!(
            e,
            JsonInteropError::Js {
                identifier: "app.f".into(),
                name: "TypeError".into(),
                message: "boom".into(),
                stack: "at f (x.js:1:2)".into()
            }
        );
        assert_eq!(e.to_string(), "`app.f` threw TypeError: boom");
        let e = decode_reply("nope.f", 0, Some(reply("notFound"))).unwrap_err();
        assert_eq!(
            e,
            JsonInteropError::NotFound {
                identifier: "nope.f".into(),
                message: "boom".into()
            }
        );
        assert_eq!(e.to_string(), "cannot call `nope.f`: boom");
        assert_eq!(
            decode_reply("f", 0, Some(reply("serialize"))).unwrap_err(),
            JsonInteropError::Serialize("`f`: boom".into())
        );
        assert_eq!(
            decode_reply("f", 0, Some(reply("unsupported"))).unwrap_err(),
            JsonInteropError::Unsupported("`f`: boom".into())
        );
        assert_eq!(
            decode_reply("get", 7, Some(reply("disposed"))).unwrap_err(),
            JsonInteropError::Disposed("`get` on JS object reference `7`: boom".into())
        );
        // Ordinary replies pass through, including strings that merely contain the mark.
        assert_eq!(decode_reply("f", 0, None).unwrap(), None);
        assert_eq!(
            decode_reply("f", 0, Some("\"a\\u0001\"".into()))
                .unwrap()
                .as_deref(),
            Some("\"a\\u0001\"")
        );
        // A garbled error reply is reported, not mistaken for a result.
        let e = decode_reply("f", 0, Some(format!("{ERROR_MARK}[1,2"))).unwrap_err();
        assert!(matches!(e, JsonInteropError::Deserialize(_)), "{e:?}");
        // JsError keeps what JS said.
        let j: slotwire::JsError = decode_reply("f", 0, Some(reply("js"))).unwrap_err().into();
        assert_eq!((j.name.as_str(), j.message.as_str()), ("TypeError", "boom"));
    }

    #[test]
    fn byte_arrays_go_out_of_band() {
        let (json, revive) = args_json(&(
            JsonBytes(vec![1, 2, 3]),
            JsonBytes(vec![]),
            JsonBytes(vec![0xff; 5]),
        ));
        assert_eq!(json, r#"[{"__byte[]":0},{"__byte[]":1},{"__byte[]":2}]"#);
        assert!(revive);
        let (data, ends) = staged();
        assert_eq!(data, [1, 2, 3, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(ends, [3, 3, 8]);
        // The next call starts afresh.
        let (json, revive) = args_json(&(1,));
        assert_eq!((json.as_str(), revive), ("[1]", false));
        assert_eq!(staged(), (vec![], vec![]));
        // A big array is not base64 or a number list in the JSON.
        let (json, _) = args_json(&(JsonBytes(vec![7; 100_000]),));
        assert_eq!(json, r#"[{"__byte[]":0}]"#);
    }

    #[test]
    fn byte_arrays_from_js() {
        let v: (JsonBytes, JsonBytes) = with_incoming(vec![Some(vec![9, 8]), Some(vec![])], || {
            serde_json::from_str(r#"[{"__byte[]":0},{"__byte[]":1}]"#).unwrap()
        });
        assert_eq!(v, (JsonBytes(vec![9, 8]), JsonBytes(vec![])));
        // Each array can be read once; a missing one is a clear error.
        let e = with_incoming(vec![Some(vec![1])], || {
            serde_json::from_str::<(JsonBytes, JsonBytes)>(r#"[{"__byte[]":0},{"__byte[]":0}]"#)
                .unwrap_err()
        });
        assert!(e.to_string().contains("byte array 0 does not exist"), "{e}");
        // A plain array of numbers is accepted too; other shapes are not.
        let b: JsonBytes = serde_json::from_str("[1,2,255]").unwrap();
        assert_eq!(b.0, [1, 2, 255]);
        assert!(serde_json::from_str::<JsonBytes>("[256]").is_err());
        let e = serde_json::from_str::<JsonBytes>(r#"{"__jsObjectId":1}"#).unwrap_err();
        assert!(e.to_string().contains("__byte[]"), "{e}");
        assert!(
            serde_json::from_str::<JsonBytes>(r#""AQID""#).is_err(),
            "no base64"
        );
    }

    #[test]
    fn js_object_references() {
        let r: JsObjectReference = serde_json::from_str(r#"{"__jsObjectId":42}"#).unwrap();
        assert_eq!(r.id(), 42);
        let (json, revive) = args_json(&(&r, 1));
        assert_eq!(json, r#"[{"__jsObjectId":42},1]"#);
        assert!(revive, "JS must revive the reference into its object");
        let r2 = r.clone();
        r.dispose();
        assert!(r2.is_disposed(), "clones share the disposal");
        let e = ArgsJson::encode("f", 0, &(&r2,)).err().unwrap();
        assert!(
            e.to_string()
                .contains("JS object reference 42 was disposed"),
            "{e}"
        );
        let e = r2.invoke::<i32>("get", ()).unwrap_err();
        assert_eq!(
            e,
            JsonInteropError::Disposed(
                "`get` on JS object reference `42`: JS object reference 42 was disposed".into()
            )
        );
        for bad in [
            r#"{"__jsObjectId":-1}"#,
            r#"{"__jsObjectId":0}"#,
            r#"{"id":1}"#,
            r#"{"__jsObjectId":1,"x":2}"#,
            "5",
            "null",
        ] {
            assert!(
                serde_json::from_str::<JsObjectReference>(bad).is_err(),
                "{bad}"
            );
        }
        assert_eq!(result_kind::<JsObjectReference>(), RESULT_OBJECT_REFERENCE);
        assert_eq!(result_kind::<Option<JsObjectReference>>(), RESULT_JSON);
        assert_eq!(result_kind::<i32>(), RESULT_JSON);
    }

    #[derive(Debug)]
    struct Counter(Cell<i32>);
    #[derive(Debug)]
    struct Other;

    #[test]
    fn rust_object_references() {
        let before = rust_object_count();
        let c = RustObjectReference::new(Counter(Cell::new(1)));
        assert_eq!(c.id(), None, "no id before it is serialized");
        let (json, revive) = args_json(&(&c, &c));
        let id = c.id().expect("tracked once serialized");
        assert_eq!(
            json,
            format!(r#"[{{"__rustObject":{id}}},{{"__rustObject":{id}}}]"#)
        );
        assert!(revive);
        assert_eq!(
            rust_object_count(),
            before + 1,
            "the same object is tracked once"
        );
        // Back from JS: the same object.
        let back: RustObjectReference<Counter> =
            serde_json::from_str(&format!(r#"{{"__rustObject":{id}}}"#)).unwrap();
        back.value().0.set(5);
        assert_eq!(c.value().0.get(), 5);
        let e = serde_json::from_str::<RustObjectReference<Other>>(&format!(
            r#"{{"__rustObject":{id}}}"#
        ))
        .unwrap_err();
        assert!(e.to_string().contains("not a RustObjectReference<"), "{e}");
        // Dropping the Rust handles does not untrack (JS may hold it); dispose does.
        drop(back);
        assert_eq!(rust_object_count(), before + 1);
        c.dispose();
        assert!(c.is_disposed());
        assert_eq!(rust_object_count(), before);
        let e = serde_json::from_str::<RustObjectReference<Counter>>(&format!(
            r#"{{"__rustObject":{id}}}"#
        ))
        .unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert!(
            ArgsJson::encode("f", 0, &(&c,)).is_err(),
            "a disposed reference does not serialize"
        );
        // Ids are never reused.
        let d = RustObjectReference::new(Counter(Cell::new(0)));
        args_json(&(&d,));
        assert!(d.id().unwrap() > id);
        d.dispose();
    }

    #[test]
    fn static_methods_dispatch() {
        register_method("t", "add", |(a, b): (i32, i32)| a + b);
        register_method("t", "none", |(): ()| "nothing");
        register_method("t", "point", |(p,): (Point,)| Point {
            x: p.y,
            y: p.x,
            label: p.label.map(|l| l.to_uppercase()),
        });
        register_method_fallible("t", "parse", |(s,): (String,)| s.parse::<i32>());
        register_method_async("t", "later", |(x,): (i32,)| async move { x });

        let lookup = |a: &str, m: &str| {
            let n = set_input(&format!("{a}{m}"));
            assert_eq!(n, a.len() + m.len());
            lookup_method(a.len(), m.len())
        };
        let add = lookup("t", "add");
        assert!(add >= 0);
        assert_eq!(lookup("t", "missing"), -1);
        assert_eq!(lookup("nope", "add"), -1);

        let call = |id: i32, json: &str| reply(dispatch(id as u32, 0, set_input(json)));
        assert_eq!(call(add, "[2,3]"), (STATUS_READY, "5".into(), false));
        assert_eq!(
            call(lookup("t", "none"), "[]"),
            (STATUS_READY, "\"nothing\"".into(), false)
        );
        assert_eq!(
            call(lookup("t", "point"), r#"[{"x":1,"y":2,"label":"a"}]"#),
            (
                STATUS_READY,
                r#"{"x":2.0,"y":1.0,"label":"A"}"#.into(),
                false
            )
        );
        let (status, msg, _) = call(add, r#"[2,"3"]"#);
        assert_eq!(status, STATUS_FAILED);
        assert!(
            msg.starts_with("t.add: cannot deserialize the arguments as (i32, i32)"),
            "{msg}"
        );
        let (status, msg, _) = call(add, "[2]");
        assert_eq!(status, STATUS_FAILED);
        assert!(msg.contains("t.add"), "{msg}");
        assert_eq!(
            call(lookup("t", "parse"), r#"["12"]"#),
            (STATUS_READY, "12".into(), false)
        );
        let (status, msg, _) = call(lookup("t", "parse"), r#"["x"]"#);
        assert_eq!(
            (status, msg.as_str()),
            (STATUS_FAILED, "t.parse: invalid digit found in string")
        );
        let (status, msg, _) = call(lookup("t", "later"), "[1]");
        assert_eq!(
            (status, msg.as_str()),
            (
                STATUS_FAILED,
                "t.later is async: call it with invokeMethodAsync"
            )
        );
        let (status, msg, _) = call(9999, "[]");
        assert_eq!(
            (status, msg.as_str()),
            (STATUS_FAILED, "no Rust method with id 9999")
        );
        // invokeMethodAsync of a synchronous method replies at once.
        assert_eq!(
            reply(dispatch_begin(1, add as u32, 0, set_input("[4,5]"))),
            (STATUS_READY, "9".into(), false)
        );
        // Registering again replaces, keeping the id.
        register_method("t", "add", |(a, b): (i32, i32)| a * b);
        assert_eq!(lookup("t", "add"), add);
        assert_eq!(call(add, "[2,3]"), (STATUS_READY, "6".into(), false));
    }

    #[test]
    fn results_with_references_need_the_reviver() {
        register_method("t2", "bytes", |(n,): (usize,)| JsonBytes(vec![7; n]));
        register_method("t2", "counter", |(): ()| {
            RustObjectReference::new(Counter(Cell::new(0)))
        });
        let id = {
            let n = set_input("t2bytes");
            lookup_method(2, n - 2)
        } as u32;
        let (status, text, revive) = reply(dispatch(id, 0, set_input("[3]")));
        assert_eq!(
            (status, text.as_str(), revive),
            (STATUS_READY, r#"{"__byte[]":0}"#, true)
        );
        assert_eq!(staged(), (vec![7, 7, 7], vec![3]));
        let id = {
            let n = set_input("t2counter");
            lookup_method(2, n - 2)
        } as u32;
        let before = rust_object_count();
        let (status, text, revive) = reply(dispatch(id, 0, set_input("[]")));
        assert_eq!(status, STATUS_READY);
        assert!(text.starts_with(r#"{"__rustObject":"#), "{text}");
        assert!(revive);
        assert_eq!(rust_object_count(), before + 1, "JS holds it now");
        let obj: u32 = text[r#"{"__rustObject":"#.len()..text.len() - 1]
            .parse()
            .unwrap();
        assert!(untrack(obj));
        assert!(!untrack(obj), "disposing twice is a no-op");
    }

    #[test]
    fn instance_methods_dispatch() {
        register_instance_method("add", |c: &Counter, (n,): (i32,)| {
            c.0.set(c.0.get() + n);
            c.0.get()
        });
        let c = RustObjectReference::new(Counter(Cell::new(10)));
        args_json(&(&c,));
        let id = c.id().unwrap();
        let add = intern_method_name("add");
        assert_eq!(intern_method_name("add"), add, "interned once");
        assert_eq!(
            reply(dispatch(add, id, set_input("[5]"))),
            (STATUS_READY, "15".into(), false)
        );
        assert_eq!(c.value().0.get(), 15);
        let nope = intern_method_name("nope");
        let (status, msg, _) = reply(dispatch(nope, id, set_input("[]")));
        assert_eq!(status, STATUS_FAILED);
        assert!(msg.contains("has no method 'nope'"), "{msg}");
        let (status, msg, _) = reply(dispatch(add, id, set_input("[\"x\"]")));
        assert_eq!(status, STATUS_FAILED);
        assert!(msg.starts_with("Counter.add: cannot deserialize"), "{msg}");
        c.dispose();
        let (status, msg, _) = reply(dispatch(add, id, set_input("[1]")));
        assert_eq!(status, STATUS_FAILED);
        assert_eq!(
            msg,
            format!("Rust object reference {id} does not exist (has it been disposed?)")
        );
    }

    #[test]
    fn async_completion_reads_its_own_byte_arrays() {
        let done = Completion {
            status: STATUS_READY,
            json: r#"[{"__byte[]":0},"x"]"#.into(),
            bytes: vec![Some(vec![4, 5])],
        };
        let v: (JsonBytes, String) = finish_call("f", 0, done).unwrap();
        assert_eq!(v, (JsonBytes(vec![4, 5]), "x".into()));
        let failed = Completion {
            status: STATUS_FAILED,
            json: serde_json::to_string(&("js", "Error", "rejected", "")).unwrap(),
            bytes: vec![],
        };
        let e = finish_call::<i32>("f", 0, failed).unwrap_err();
        assert_eq!(e.to_string(), "`f` threw Error: rejected");
        let empty = Completion {
            status: STATUS_READY,
            json: String::new(),
            bytes: vec![],
        };
        assert_eq!(finish_call::<Option<i32>>("f", 0, empty).unwrap(), None);
    }

    #[test]
    fn fx_hasher_spreads_keys() {
        let mut m: FxMap<Box<str>, u32> = FxMap::default();
        for i in 0..1000 {
            m.insert(format!("app.fn{i}").into(), i);
        }
        for i in 0..1000 {
            assert_eq!(m.get(format!("app.fn{i}").as_str()), Some(&i));
        }
    }
}

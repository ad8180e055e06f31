//! JS objects held by Rust: [`JsObject`].
//!
//! A `JsObject` has up to two representations, each made at most once:
//!
//! - an **externref** (a `wasm_bindgen::JsValue`, an index into wasm-bindgen's externref table in
//!   the module): what a typed `#[js_import]` passes and returns, as wasm-bindgen's own imports
//!   do — nothing to look up on the JS side, no JS table traffic;
//! - a **handle** into the JS runtime's table (`js-runtime/src/handles.js`): what the slots carry
//!   (slot imports, exports, closures, `get`/`set`/`call_method`, typed bindings).
//!
//! An object that crossed one way and is used the other gets the other representation on first
//! use (one crossing), kept until the `JsObject` is dropped. A `JsObject` passed back to JS is the
//! original object (`===`). Each crossing of an object into Rust makes a new `JsObject` (no
//! identity map, whose insert and delete per crossing cost more than the rest of it): ask
//! [`JsObject::same_as`] (or `==`) for identity, which JS answers with `===`. `Drop` releases what
//! the `JsObject` holds. [`census`](crate::census()) counts the `JsObject`s Rust holds,
//! `rt.census()` the handles in the JS table (objects that only crossed as externrefs are not in
//! it: wasm-bindgen's table holds them).

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;

use wasm_bindgen::JsValue;

use crate::binding::Binding;
use crate::marshal::{FromJs, ToJs};
#[cfg(target_arch = "wasm32")]
use crate::runtime;
use crate::slot::{Code, Slot, ARG0, FLAG_OWNED, RESULT};
use crate::{Error, ErrorKind, JsType, Result};

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
}

/// `JsObject` values alive in Rust (part of [`census`](crate::census())).
pub(crate) fn live() -> usize {
    LIVE.with(Cell::get)
}

/// A JS object (or function) held by Rust.
///
/// Returned by imports, passed to imports and exports, `Option<JsObject>` for `null`. Not `Send`:
/// it lives in this instance's JS runtime.
///
/// ```no_run
/// use slotwire::prelude::*;
///
/// #[js_import("makeConfig", module = "app")]
/// fn make_config() -> JsObject;
///
/// # fn f() -> Result<(), slotwire::Error> {
/// let cfg = make_config();
/// let answer: f64 = cfg.get("answer")?;
/// cfg.set("answer", answer + 1.0)?;
/// let sum: i32 = cfg.call_method("add", (2, 3))?;
/// # Ok(()) }
/// ```
pub struct JsObject {
    /// The externref (wasm-bindgen's table), once made. (`JsValue` is not `Send`: neither is
    /// `JsObject`; it lives in this instance's JS runtime.)
    value: OnceCell<JsValue>,
    /// The JS runtime table's handle with one reference this `JsObject` owns; 0 while none.
    /// At least one of `value` and `handle` is set.
    handle: Cell<u32>,
}

impl std::fmt::Debug for JsObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsObject")
            .field("handle", &self.handle.get())
            .field("externref", &self.value.get().is_some())
            .finish()
    }
}

/// The `JsObject` of the handle a typed binding returned (`TypedBinding` calls it).
///
/// # Safety
///
/// `handle` must be one JS's table made for this result, with the one reference it took for it
/// (the import reported no exception), adopted once: the `JsObject` releases that reference
/// when dropped, so adopting a handle twice would release another holder's reference.
#[doc(hidden)]
pub unsafe fn adopt_object(handle: u32) -> JsObject {
    JsObject::adopt(handle)
}

/// The `JsObject` of the externref a typed `#[js_import]` returned (the macros call it after the
/// import reported no exception: its JS checked that the value is an object or a function).
#[doc(hidden)]
pub fn object_from_ref(value: JsValue) -> JsObject {
    JsObject::from_ref(value)
}

/// The externref of `o`, for a typed `#[js_import]`'s argument (the macros call it).
#[doc(hidden)]
#[inline]
pub fn object_ref(o: &JsObject) -> &JsValue {
    o.js_ref()
}

impl JsObject {
    /// A `JsObject` for a handle JS gave with one reference for it.
    fn adopt(handle: u32) -> JsObject {
        LIVE.with(|l| l.set(l.get() + 1));
        JsObject {
            value: OnceCell::new(),
            handle: Cell::new(handle),
        }
    }

    /// A `JsObject` for a handle JS made with one reference for it (a batched call's result).
    pub(crate) fn adopt_handle(handle: u32) -> JsObject {
        JsObject::adopt(handle)
    }

    /// A `JsObject` for an externref known to be an object or a function.
    fn from_ref(value: JsValue) -> JsObject {
        LIVE.with(|l| l.set(l.get() + 1));
        JsObject {
            value: OnceCell::from(value),
            handle: Cell::new(0),
        }
    }

    /// The externref, made from the handle on first use (one crossing).
    #[inline]
    fn js_ref(&self) -> &JsValue {
        self.value.get_or_init(|| self.handle_to_ref())
    }

    #[cold]
    fn handle_to_ref(&self) -> JsValue {
        #[cfg(target_arch = "wasm32")]
        {
            let rt = runtime::runtime_id().expect("a JsObject exists, so the runtime is attached");
            crate::transport::object_to_js(rt, self.handle.get())
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            panic!("JsObject: {}", crate::transport::NO_JS)
        }
    }

    /// The JS table's handle, made from the externref on first use (one crossing).
    #[inline]
    fn table_handle(&self) -> u32 {
        match self.handle.get() {
            0 => self.ref_to_handle(),
            h => h,
        }
    }

    #[cold]
    fn ref_to_handle(&self) -> u32 {
        #[cfg(target_arch = "wasm32")]
        {
            let rt = runtime::runtime_id().expect("a JsObject exists, so the runtime is attached");
            let value = self
                .value
                .get()
                .expect("a JsObject has a handle or an externref");
            let h = crate::transport::object_from_js(rt, value);
            // The value is an object (checked when the JsObject was made), so JS made a handle.
            assert_ne!(h, 0, "JsObject: the JS runtime refused an object");
            self.handle.set(h);
            h
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            panic!("JsObject: {}", crate::transport::NO_JS)
        }
    }

    /// The object's handle in the JS runtime's table (what slots carry; `rt.heap.objects.get(h)`
    /// in JS). A `JsObject` that came from a typed `#[js_import]` gets one on first use. A clone
    /// shares its original's handle if the original had one when cloned; otherwise it gets one of
    /// its own, as other crossings of the same JS object do: compare objects with
    /// [`same_as`](Self::same_as), not by handle.
    ///
    /// ```no_run
    /// # fn f(a: &slotwire::JsObject) {
    /// let h = a.handle();
    /// assert_eq!(a.handle(), h, "made once, then kept");
    /// # }
    /// ```
    pub fn handle(&self) -> u32 {
        self.table_handle()
    }

    /// Whether `self` and `other` are the same JS object (JS `===`; what `==` on `JsObject`
    /// does). Objects sharing a handle (a clone of an object that had one) answer without asking
    /// JS.
    ///
    /// ```no_run
    /// use slotwire::prelude::*;
    ///
    /// #[js_import("config", module = "app")]
    /// fn config() -> JsObject; // the same JS object each time
    ///
    /// let a = config();
    /// let b = config();
    /// assert_ne!(a.handle(), b.handle(), "two crossings, two handles");
    /// assert!(a.same_as(&b) && a == b, "one object");
    /// assert!(a.clone().same_as(&a), "a clone is the same object");
    /// ```
    pub fn same_as(&self, other: &JsObject) -> bool {
        let h = self.handle.get();
        if std::ptr::eq(self, other) || (h != 0 && h == other.handle.get()) {
            return true;
        }
        // `JsValue`'s `==` is JS `===` (and cannot throw).
        self.js_ref() == other.js_ref()
    }

    /// Releases the JS object now; the same as dropping it.
    ///
    /// ```no_run
    /// # fn f(o: slotwire::JsObject) {
    /// o.dispose(); // JS may collect it once nothing else holds it
    /// # }
    /// ```
    pub fn dispose(self) {}

    /// `self[name]` as a `T` (a wrong type is an error naming the property). `name` is a `&str`
    /// or a [`PropertyKey`] (made once, for hot paths: no name is decoded or compared per call).
    ///
    /// ```no_run
    /// use slotwire::{JsObject, PropertyKey};
    /// static ANSWER: PropertyKey = PropertyKey::new("answer");
    /// # fn f(o: &JsObject) -> slotwire::Result<()> {
    /// let name: String = o.get("name")?;
    /// let answer: f64 = o.get(&ANSWER)?; // a hot path: the key is interned once
    /// let maybe: Option<String> = o.get("nickname")?; // undefined or null: None
    /// # let _ = (name, answer, maybe); Ok(()) }
    /// ```
    pub fn get<T: FromJs>(&self, name: impl PropertyName) -> Result<T> {
        let name = name.key();
        // Numbers, bool and char: one typed import, no slots.
        #[cfg(target_arch = "wasm32")]
        if T::FAST && T::CODE <= 0x7f && T::CODE != JsType::Void as Code {
            crate::batch::before_crossing();
            let rt = runtime::runtime_id()?;
            let r = match name {
                Name::Key(k) => {
                    crate::transport::get_number_key(rt, self.js_ref(), k.id(rt), T::CODE)
                }
                Name::Str(s) => crate::transport::get_number(
                    rt,
                    self.js_ref(),
                    s.as_ptr() as usize as u32,
                    s.len() as u32,
                    T::CODE,
                ),
            };
            let name = name.as_str();
            if let Some(e) = crate::fast::take_exception() {
                return Err(prop_error(name, e.into()));
            }
            return Ok(T::from_f64(r));
        }
        let name = name.as_str();
        let mut slots = [Slot::ZERO; ARG0 + 3];
        self.write(&mut slots[ARG0]);
        write_name(name, &mut slots[ARG0 + 1..]);
        op("get", &[NAME, NAME], T::CODE, &mut slots)?;
        // SAFETY: the operation was bound with result code `T::CODE`; JS wrote the result slot
        // for it.
        unsafe { T::read(&slots[RESULT]) }.map_err(|e| prop_error(name, e))
    }

    /// `self[name] = value`.
    ///
    /// ```no_run
    /// # fn f(o: &slotwire::JsObject) -> slotwire::Result<()> {
    /// o.set("answer", 42)?;
    /// o.set("name", "Arthur")?;
    /// # Ok(()) }
    /// ```
    pub fn set<T: ToJs>(&self, name: impl PropertyName, value: T) -> Result<()> {
        let name = name.key().as_str();
        let mut slots = [Slot::ZERO; ARG0 + 4];
        self.write(&mut slots[ARG0]);
        write_name(name, &mut slots[ARG0 + 1..]);
        value.write(&mut slots[ARG0 + 3]);
        op(
            "set",
            &[NAME, NAME, T::CODE],
            JsType::Void.code(false),
            &mut slots,
        )
    }

    /// `name in self`.
    ///
    /// ```no_run
    /// # fn f(o: &slotwire::JsObject) -> slotwire::Result<()> {
    /// if o.has("answer")? {
    ///     let _a: f64 = o.get("answer")?;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn has(&self, name: impl PropertyName) -> Result<bool> {
        let name = name.key().as_str();
        let mut slots = [Slot::ZERO; ARG0 + 3];
        self.write(&mut slots[ARG0]);
        write_name(name, &mut slots[ARG0 + 1..]);
        op("has", &[NAME, NAME], JsType::Bool.code(false), &mut slots)?;
        // SAFETY: bound with a `bool` result; JS wrote the result slot for it.
        unsafe { bool::read(&slots[RESULT]) }
    }

    /// JS `typeof self`: `"object"` or `"function"`.
    ///
    /// ```no_run
    /// # fn f(o: &slotwire::JsObject) -> slotwire::Result<()> {
    /// if o.type_of()? == "function" {
    ///     // call it through slotwire::JsFunction::from(o.clone())
    /// }
    /// # Ok(()) }
    /// ```
    pub fn type_of(&self) -> Result<String> {
        let mut slots = [Slot::ZERO; ARG0 + 1];
        self.write(&mut slots[ARG0]);
        op("typeOf", &[], JsType::String.code(false), &mut slots)?;
        // SAFETY: bound with a `String` result; JS wrote the result slot for it.
        unsafe { String::read(&slots[RESULT]) }
    }

    /// `self[name](...args)` with `this` = `self`; `args` is a tuple of up to 8 values.
    ///
    /// ```no_run
    /// # fn f(date: &slotwire::JsObject) -> slotwire::Result<()> {
    /// let year: f64 = date.call_method("getFullYear", ())?;
    /// let text: String = date.call_method("toLocaleString", ("en-GB",))?;
    /// # let _ = (year, text); Ok(()) }
    /// ```
    pub fn call_method<A: JsArgs, R: FromJs>(&self, name: impl PropertyName, args: A) -> Result<R> {
        let name = name.key().as_str();
        let mut slots = [Slot::ZERO; ARG0 + 3 + 8];
        self.write(&mut slots[ARG0]);
        write_name(name, &mut slots[ARG0 + 1..]);
        args.write_all(&mut slots[ARG0 + 3..]);
        let mut params = Vec::with_capacity(2 + A::LEN);
        params.extend_from_slice(&[NAME, NAME]);
        params.extend_from_slice(&A::codes());
        op("call", &params, R::CODE, &mut slots[..ARG0 + 3 + A::LEN])?;
        // SAFETY: bound with result code `R::CODE`; JS wrote the result slot for it.
        unsafe { R::read(&slots[RESULT]) }.map_err(|e| prop_error(name, e))
    }

    /// Calls the object as a function: `self(...args)` (what [`JsFunction`] does).
    ///
    /// [`JsFunction`]: crate::JsFunction
    pub(crate) fn apply<A: JsArgs, R: FromJs>(&self, args: A) -> Result<R> {
        let mut slots = [Slot::ZERO; ARG0 + 1 + 8];
        self.write(&mut slots[ARG0]);
        args.write_all(&mut slots[ARG0 + 1..]);
        op(
            "apply",
            &A::codes(),
            R::CODE,
            &mut slots[..ARG0 + 1 + A::LEN],
        )?;
        // SAFETY: bound with result code `R::CODE`; JS wrote the result slot for it.
        unsafe { R::read(&slots[RESULT]) }
    }

    /// The object as a `wasm_bindgen::JsValue`, for web-sys / js-sys APIs (the same JS object;
    /// `self` keeps its own reference).
    ///
    /// ```no_run
    /// # use slotwire::JsObject;
    /// # fn f(o: &JsObject) {
    /// let v = o.to_js_value();
    /// assert!(v.is_object()); // then e.g. `v.unchecked_into::<web_sys::Element>()`
    /// # }
    /// ```
    ///
    /// # Panics
    ///
    /// Natively (not wasm32), where there is no JS: it compiles there so that a crate using it
    /// builds and tests on the host, as every other call into JS does.
    pub fn to_js_value(&self) -> wasm_bindgen::JsValue {
        self.js_ref().clone()
    }

    /// A `JsObject` for a `wasm_bindgen::JsValue` that is an object or a function (a new
    /// reference; `value` keeps its own). A `TypeError`-kind error for anything else; natively
    /// (not wasm32) always an error, since there is no JS.
    ///
    /// ```no_run
    /// # fn f(v: wasm_bindgen::JsValue) -> Result<(), slotwire::Error> {
    /// let o = slotwire::JsObject::from_js_value(&v)?; // e.g. a web_sys::Element's JsValue
    /// # Ok(()) }
    /// ```
    pub fn from_js_value(value: &wasm_bindgen::JsValue) -> Result<JsObject> {
        let rt = crate::runtime::runtime_id()?;
        #[cfg(target_arch = "wasm32")]
        {
            let _ = rt;
            if value.is_object() || value.is_function() {
                Ok(JsObject::from_ref(value.clone()))
            } else {
                Err(Error::new(
                    ErrorKind::Type,
                    "JsObject::from_js_value: not an object",
                ))
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            // `runtime_id` fails natively; nothing gets here.
            let _ = (rt, value);
            Err(Error::new(
                ErrorKind::Js,
                crate::transport::NO_JS.to_owned(),
            ))
        }
    }
}

/// A property name made once and interned in JS on first use: [`JsObject::get`] of a number
/// through it passes a small id, not the name (the `&str` path decodes and compares the name's
/// bytes per call). Make it a `static`: a key made per use (a `const`, or `PropertyKey::new` in a
/// loop) works, but asks JS for the name's id at each first use (JS keeps one entry per name).
///
/// ```no_run
/// use slotwire::{JsObject, PropertyKey};
///
/// static ANSWER: PropertyKey = PropertyKey::new("answer");
///
/// fn total(objects: &[JsObject]) -> f64 {
///     objects.iter().map(|o| o.get::<f64>(&ANSWER).unwrap_or(0.0)).sum()
/// }
/// ```
#[derive(Debug)]
pub struct PropertyKey {
    name: &'static str,
    /// JS's id for the name (0: not interned yet). One instance has one runtime, so one id.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    id: std::sync::atomic::AtomicU32,
}

impl PropertyKey {
    /// A key for `name` (interned in JS when first used).
    ///
    /// ```
    /// use slotwire::PropertyKey;
    /// static ANSWER: PropertyKey = PropertyKey::new("answer");
    /// assert_eq!(ANSWER.name(), "answer");
    /// ```
    pub const fn new(name: &'static str) -> PropertyKey {
        PropertyKey {
            name,
            id: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// The property's name.
    ///
    /// ```
    /// assert_eq!(slotwire::PropertyKey::new("x").name(), "x");
    /// ```
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// JS's id of the name in runtime `rt`, interning it on first use.
    #[cfg(target_arch = "wasm32")]
    fn id(&self, rt: u32) -> u32 {
        use std::sync::atomic::Ordering;
        match self.id.load(Ordering::Relaxed) {
            0 => {
                let id = crate::transport::intern_key(
                    rt,
                    self.name.as_ptr() as usize as u32,
                    self.name.len() as u32,
                );
                self.id.store(id, Ordering::Relaxed);
                id
            }
            id => id,
        }
    }
}

/// A property name: a `&str` (or `&String`), or a [`PropertyKey`] made once (no name lookup per
/// call: for names used in hot loops).
///
/// ```no_run
/// use slotwire::prelude::*;
/// use slotwire::PropertyKey;
///
/// static ANSWER: PropertyKey = PropertyKey::new("answer");
///
/// # fn f(o: &JsObject) -> slotwire::Result<()> {
/// let a: f64 = o.get("answer")?; // a &str, looked up by name
/// let b: f64 = o.get(&ANSWER)?; // a key interned once
/// let name = String::from("answer");
/// o.set(&name, a + b)?; // a &String
/// # Ok(()) }
/// ```
pub trait PropertyName: name_sealed::Sealed {
    #[doc(hidden)]
    fn key(&self) -> Name<'_>;
}

/// Seals [`PropertyName`]: `&str`-likes and `&PropertyKey` only.
mod name_sealed {
    pub trait Sealed {}
}

/// What a [`PropertyName`] is (used by `JsObject`'s methods).
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum Name<'a> {
    Str(&'a str),
    Key(&'a PropertyKey),
}

impl<'a> Name<'a> {
    fn as_str(self) -> &'a str {
        match self {
            Name::Str(s) => s,
            Name::Key(k) => k.name,
        }
    }
}

impl<T: AsRef<str> + ?Sized> name_sealed::Sealed for &T {}
impl<T: AsRef<str> + ?Sized> PropertyName for &T {
    fn key(&self) -> Name<'_> {
        Name::Str((*self).as_ref())
    }
}
impl name_sealed::Sealed for &PropertyKey {}
impl PropertyName for &PropertyKey {
    fn key(&self) -> Name<'_> {
        Name::Key(self)
    }
}

/// A property name travels as its pointer and byte length (two `usize` slots): the JS side keeps
/// the decoded string per pointer (checking the bytes), so a name used again is the same JS string
/// — an interned property key — instead of a fresh one to hash on every access.
const NAME: Code = JsType::USize as Code;

fn write_name(name: &str, slots: &mut [Slot]) {
    slots[0].value = name.as_ptr() as usize as u64;
    slots[1].value = name.len() as u64;
}

fn prop_error(name: &str, e: Error) -> Error {
    Error::new(e.kind(), format!("property {name:?}: {}", e.message()))
}

impl From<JsObject> for wasm_bindgen::JsValue {
    fn from(o: JsObject) -> wasm_bindgen::JsValue {
        o.to_js_value()
    }
}

impl TryFrom<wasm_bindgen::JsValue> for JsObject {
    type Error = Error;
    fn try_from(v: wasm_bindgen::JsValue) -> Result<JsObject> {
        JsObject::from_js_value(&v)
    }
}

/// An object operation's signature: (operation, parameter codes after the object, result code).
type OpKey = (&'static str, Vec<Code>, Code);

thread_local! {
    /// Bindings of the object operations, by signature.
    static OPS: std::cell::RefCell<HashMap<OpKey, &'static Binding>> = std::cell::RefCell::new(HashMap::new());
}

/// Bindings of the operations whose signature varies by one code only (`get` by its result,
/// `set` by its value, `has`, `typeOf`): an array lookup, no hashing or allocation per call.
struct SimpleOps {
    bindings: [[Option<&'static Binding>; 256]; 4],
}

thread_local! {
    static SIMPLE: std::cell::RefCell<SimpleOps> =
        const { std::cell::RefCell::new(SimpleOps { bindings: [[None; 256]; 4] }) };
}

fn simple_index(name: &str) -> Option<usize> {
    match name {
        "get" => Some(0),
        "set" => Some(1),
        "has" => Some(2),
        "typeOf" => Some(3),
        _ => None,
    }
}

/// Runs one of the runtime's object operations (module `__slotwire`) on `slots`, whose first
/// argument is the object. Operations on numbers, booleans and object handles go through typed
/// trampolines (no slot traffic); the others through the slots.
fn op(name: &'static str, params: &[Code], ret: Code, slots: &mut [Slot]) -> Result<()> {
    // `set` varies by its value's code, the others by their result's. (Only plain codes: a
    // compound one, `Vec<f64>` say, takes the map below.)
    let simple = simple_index(name)
        .map(|i| (i, if i == 1 { params[2] } else { ret }))
        .filter(|(_, code)| *code < 256);
    if let Some((i, code)) = simple {
        let b = SIMPLE.with(|s| s.borrow().bindings[i][code as usize]);
        if let Some(b) = b {
            return b.call(slots);
        }
    }
    let b = OPS.with(|ops| -> Result<&'static Binding> {
        let key = (name, params.to_vec(), ret);
        if let Some(b) = ops.borrow().get(&key) {
            return Ok(*b);
        }
        let mut codes = vec![JsType::JsObject.code(false)];
        codes.extend_from_slice(params);
        // Bound once per signature and kept for the program's life.
        let b: &'static Binding = Box::leak(Box::new(Binding::bind_internal(
            name,
            Some("__slotwire"),
            &codes,
            ret,
        )?));
        ops.borrow_mut().insert(key, b);
        Ok(b)
    })?;
    if let Some((i, code)) = simple {
        SIMPLE.with(|s| s.borrow_mut().bindings[i][code as usize] = Some(b));
    }
    b.call(slots)
}

/// JS `===` (see [`JsObject::same_as`]).
impl PartialEq for JsObject {
    fn eq(&self, other: &JsObject) -> bool {
        self.same_as(other)
    }
}

impl Eq for JsObject {}

impl Clone for JsObject {
    /// Another `JsObject` for the same JS object, sharing the handle (one more reference to it)
    /// and the externref (a copy), whichever of them `self` has.
    fn clone(&self) -> JsObject {
        LIVE.with(|l| l.set(l.get() + 1));
        let handle = self.handle.get();
        if handle != 0 {
            retain_handle(handle);
        }
        let value = OnceCell::new();
        if let Some(v) = self.value.get() {
            let _ = value.set(v.clone());
        }
        JsObject {
            value,
            handle: Cell::new(handle),
        }
    }
}

impl Drop for JsObject {
    /// Releases the handle. Releases are batched: JS gets them [`RELEASE_BATCH`] at a time (or
    /// when [`census`](crate::census()) or [`flush_releases`] runs), one crossing for many drops.
    fn drop(&mut self) {
        LIVE.with(|l| l.set(l.get() - 1));
        // The externref (if any) is released by its own drop, inside the module.
        let handle = self.handle.get();
        if handle != 0 {
            release_handle(handle);
        }
    }
}

/// How many dropped [`JsObject`]s' releases are sent to JS together: dropping a `JsObject` costs
/// no crossing until this many are pending (or [`flush_releases`] sends them earlier).
///
/// ```no_run
/// use slotwire::prelude::*;
///
/// #[js_import("document.createElement")]
/// fn create_element(tag: &str) -> JsObject;
///
/// for _ in 0..slotwire::RELEASE_BATCH {
///     drop(create_element("div")); // the last drop sends all 64 releases in one crossing
/// }
/// ```
pub const RELEASE_BATCH: usize = 64;

thread_local! {
    /// Handles dropped and not yet released in JS.
    static PENDING_RELEASES: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

#[cfg(target_arch = "wasm32")]
fn release_handle(handle: u32) {
    let full = PENDING_RELEASES
        .try_with(|p| {
            let mut p = p.borrow_mut();
            p.push(handle);
            p.len() >= RELEASE_BATCH
        })
        // During thread teardown: release at once.
        .unwrap_or_else(|_| {
            if let Ok(rt) = runtime::runtime_id() {
                crate::batch::before_crossing();
                crate::transport::release(rt, handle);
            }
            false
        });
    if full {
        flush_releases();
    }
}

/// Sends JS the releases of dropped [`JsObject`]s it has not had yet (they are batched, see
/// [`RELEASE_BATCH`]); [`census`](crate::census()) calls it, so counts on both sides agree.
///
/// ```
/// slotwire::flush_releases(); // natively a no-op
/// ```
pub fn flush_releases() {
    flush()
}

/// `slotwire_flush_releases()`: what `rt.census()` calls first, so JS counts no handle Rust has
/// dropped already.
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
pub extern "C" fn slotwire_flush_releases() {
    flush()
}

fn flush() {
    // A queued batched call names its `JsObject` arguments by handle only (the borrow ended when
    // it was queued): their releases go to JS after the calls that name them ran. So, while a
    // flush runs (its later calls may name a handle dropped during an earlier one), releases wait;
    // otherwise the queued calls run first, as before any other crossing.
    if crate::batch::flushing() {
        return;
    }
    crate::batch::before_crossing();
    let batch = PENDING_RELEASES
        .try_with(|p| core::mem::take(&mut *p.borrow_mut()))
        .unwrap_or_default();
    if batch.is_empty() {
        return;
    }
    #[cfg(target_arch = "wasm32")]
    if let Ok(rt) = runtime::runtime_id() {
        crate::transport::release_many(rt, &batch);
    }
    // Keep the buffer's capacity for the next batch.
    let _ = PENDING_RELEASES.try_with(|p| {
        let mut p = p.borrow_mut();
        if p.is_empty() {
            let mut batch = batch;
            batch.clear();
            *p = batch;
        }
    });
}

#[cfg(target_arch = "wasm32")]
fn retain_handle(handle: u32) {
    if let Ok(rt) = runtime::runtime_id() {
        crate::transport::retain(rt, handle);
    }
}

// Natively no JsObject can exist (nothing hands out handles): nothing to release.
#[cfg(not(target_arch = "wasm32"))]
fn release_handle(_handle: u32) {}

#[cfg(not(target_arch = "wasm32"))]
fn retain_handle(_handle: u32) {}

// SAFETY: writes the object's live handle; FLAG_OWNED only as an export result, whose `retain`
// hands the reference to JS (no longer released here), so the handle is released once.
unsafe impl ToJs for JsObject {
    const TYPE: JsType = JsType::JsObject;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        slot.len = self.table_handle();
    }
    fn owned_flags(&self) -> u8 {
        FLAG_OWNED
    }
    /// An export returning a `JsObject` hands its reference to JS, which releases it once read.
    fn retain(self) {
        // `write` made the handle JS reads; its reference is JS's now.
        self.handle.set(0);
    }
}

impl FromJs for JsObject {
    const TYPE: JsType = JsType::JsObject;
    unsafe fn read(slot: &Slot) -> Result<Self> {
        if slot.len == 0 {
            return Err(Error::new(
                ErrorKind::Type,
                "no JS object handle in the slot",
            ));
        }
        Ok(JsObject::adopt(slot.len))
    }
}

/// Seals [`JsArgs`]: its codes say how JS reads the slots `write_all` fills.
mod sealed {
    pub trait Sealed {}
}

/// A tuple of arguments for [`JsObject::call_method`]: `()`, `(a,)`, `(a, b)`, ... up to 8.
///
/// Sealed: implemented for tuples of [`ToJs`] values only.
///
/// ```no_run
/// # use slotwire::prelude::*;
/// # fn f(list: &JsObject) -> slotwire::Result<()> {
/// let n: f64 = list.call_method("push", (1.5, "two", true))?; // three arguments
/// list.call_method::<_, ()>("reverse", ())?; // none
/// let first: String = list.call_method("at", (0,))?; // one: a 1-tuple
/// # let _ = (n, first); Ok(()) }
/// ```
pub trait JsArgs: sealed::Sealed {
    /// Number of arguments.
    const LEN: usize;
    /// Their signature codes.
    const CODES: &'static [Code];
    /// Their signature codes, as a `Vec`.
    fn codes() -> Vec<Code> {
        Self::CODES.to_vec()
    }
    /// Writes them into `slots[0..LEN]`.
    fn write_all(&self, slots: &mut [Slot]);
}

macro_rules! js_args {
    ($($n:literal: ($($t:ident $i:tt),*);)*) => {$(
        impl<$($t: ToJs),*> sealed::Sealed for ($($t,)*) {}
        impl<$($t: ToJs),*> JsArgs for ($($t,)*) {
            const LEN: usize = $n;
            const CODES: &'static [Code] = &[$($t::CODE),*];
            #[allow(unused_variables)]
            fn write_all(&self, slots: &mut [Slot]) {
                $(self.$i.write(&mut slots[$i]);)*
            }
        }
    )*};
}

js_args! {
    0: ();
    1: (A 0);
    2: (A 0, B 1);
    3: (A 0, B 1, C 2);
    4: (A 0, B 1, C 2, D 3);
    5: (A 0, B 1, C 2, D 3, E 4);
    6: (A 0, B 1, C 2, D 3, E 4, F 5);
    7: (A 0, B 1, C 2, D 3, E 4, F 5, G 6);
    8: (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::census;

    #[test]
    fn the_js_value_bridge_compiles_natively_and_reports_no_js() {
        let e = JsObject::from_js_value(&wasm_bindgen::JsValue::NULL).unwrap_err();
        assert!(e.message().contains("wasm32"), "{e}");
        let e = JsObject::try_from(wasm_bindgen::JsValue::UNDEFINED).unwrap_err();
        assert!(e.message().contains("wasm32"), "{e}");
    }

    #[test]
    fn tuples_give_codes_and_slots() {
        assert_eq!(<(i32, &str, f64)>::codes(), vec![7, 17, 9]);
        let mut slots = [Slot::ZERO; 3];
        (5i32, 2.5f64).write_all(&mut slots);
        assert_eq!(slots[0].value as u32, 5);
        assert_eq!(slots[1].f64(), 2.5);
        assert_eq!(<()>::LEN, 0);
    }

    #[test]
    fn read_of_an_empty_slot_is_an_error_and_a_handle_is_adopted_once() {
        assert_eq!(
            // SAFETY: the test built this slot for the type read; what it points at is alive.
            unsafe { JsObject::read(&Slot::ZERO) }.unwrap_err().kind(),
            ErrorKind::Type
        );
        let before = census().js_objects;
        let mut s = Slot::ZERO;
        s.len = 7;
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let o = unsafe { JsObject::read(&s) }.unwrap();
        assert_eq!(o.handle(), 7);
        assert_eq!(census().js_objects, before + 1);
        let c = o.clone();
        assert_eq!(census().js_objects, before + 2);
        drop(o);
        c.dispose();
        assert_eq!(census().js_objects, before);
    }

    #[test]
    fn an_export_result_passes_ownership() {
        let mut s = Slot::ZERO;
        s.len = 9;
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let o = unsafe { JsObject::read(&s) }.unwrap();
        let before = census().js_objects;
        let mut out = Slot::ZERO;
        o.write(&mut out);
        out.flags |= o.owned_flags();
        o.retain();
        assert_eq!(out.len, 9);
        assert_eq!(out.flags & FLAG_OWNED, FLAG_OWNED);
        assert_eq!(census().js_objects, before - 1);
    }
}

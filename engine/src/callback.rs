//! Callbacks both ways: JS functions called from Rust ([`JsFunction`]) and Rust closures called
//! from JS ([`JsClosure`]).
//!
//! A `JsClosure` lives in the [handle table](crate::handles) on the Rust side; JS gets one
//! function per closure, made the first time the closure crosses and reused after that — so the
//! same closure passed twice is the same JS function, and `removeEventListener` finds what
//! `addEventListener` got. Dropping the closure frees its entry; a JS function still holding it
//! then throws instead of calling freed memory. Its handle is never another closure's (the
//! table's generations do not wrap), so a JS function only ever calls the closure it was made
//! for, with the signature it was made with.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

use crate::call::frame::{fail, ErrorKindCode};
use crate::handles::{Handle, HandleTable};
use crate::marshal::finish;
use crate::marshal::{FromJs, ToJs};
use crate::object::{JsArgs, JsObject};
use crate::slot::{Code, Slot, ARG0};
use crate::{Error, JsError, JsType, Result};

/// A JS function Rust can call many times, typed: `JsFunction<(i32, String), bool>` takes an
/// `i32` and a string and returns a `bool`. Released on drop (it holds a [`JsObject`]).
///
/// ```no_run
/// use slotwire::prelude::*;
/// use slotwire::JsFunction;
///
/// #[js_import("makeAdder", module = "app")]
/// fn make_adder() -> JsFunction<(i32, i32), i32>;
///
/// # fn f() -> Result<(), JsError> {
/// let add = make_adder();
/// assert_eq!(add.call((2, 3))?, 5);
/// # Ok(()) }
/// ```
pub struct JsFunction<A, R> {
    object: JsObject,
    _sig: PhantomData<fn(A) -> R>,
}

impl<A, R> core::fmt::Debug for JsFunction<A, R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("JsFunction")
            .field("handle", &self.object.handle())
            .finish()
    }
}

impl<A, R> Clone for JsFunction<A, R> {
    fn clone(&self) -> Self {
        JsFunction {
            object: self.object.clone(),
            _sig: PhantomData,
        }
    }
}

impl<A: JsArgs, R: FromJs> JsFunction<A, R> {
    /// Calls the function with `args` (a tuple of up to 8 values); a throw is `Err`.
    ///
    /// ```no_run
    /// # fn f(add: &slotwire::JsFunction<(i32, i32), i32>) -> Result<(), slotwire::JsError> {
    /// assert_eq!(add.call((2, 3))?, 5);
    /// # Ok(()) }
    /// ```
    pub fn call(&self, args: A) -> core::result::Result<R, JsError> {
        self.object.apply(args).map_err(JsError::from)
    }

    /// The function as a [`JsObject`] (to read its properties, or pass it on untyped).
    ///
    /// ```no_run
    /// # fn f(g: &slotwire::JsFunction<(), ()>) -> slotwire::Result<()> {
    /// let name: String = g.as_object().get("name")?;
    /// # let _ = name; Ok(()) }
    /// ```
    pub fn as_object(&self) -> &JsObject {
        &self.object
    }
}

impl<A, R> JsFunction<A, R> {
    /// The function as a [`JsObject`], by value.
    ///
    /// ```no_run
    /// # fn f(g: slotwire::JsFunction<(), ()>) {
    /// let o: slotwire::JsObject = g.into_object();
    /// # let _ = o; }
    /// ```
    pub fn into_object(self) -> JsObject {
        self.object
    }
}

/// Types a JS object handle as a function, e.g. a [`JsAny::Function`](crate::JsAny::Function)'s.
/// Unchecked: calling an object that is not a function, or with other types than declared, is an
/// `Err` from JS (TypeError), never undefined behaviour.
///
/// ```no_run
/// # fn f(v: slotwire::JsAny) -> Result<(), slotwire::JsError> {
/// use slotwire::{JsAny, JsFunction};
/// if let JsAny::Function(o) = v {
///     let f = JsFunction::<(i32,), i32>::from(o);
///     let _n = f.call((1,))?;
/// }
/// # Ok(()) }
/// ```
impl<A, R> From<JsObject> for JsFunction<A, R> {
    fn from(object: JsObject) -> Self {
        JsFunction {
            object,
            _sig: PhantomData,
        }
    }
}

// SAFETY: what `JsObject` writes (a live handle), as a function.
unsafe impl<A, R> ToJs for JsFunction<A, R> {
    const TYPE: JsType = JsType::Function;
    fn write(&self, slot: &mut Slot) {
        self.object.write(slot);
        slot.elem = 0;
    }
    fn owned_flags(&self) -> u8 {
        self.object.owned_flags()
    }
    fn retain(self) {
        self.object.retain()
    }
}

impl<A, R> FromJs for JsFunction<A, R> {
    const TYPE: JsType = JsType::Function;
    unsafe fn read(slot: &Slot) -> Result<Self> {
        Ok(JsFunction {
            // SAFETY: a function slot holds a handle, as a `JsObject` one (the caller's contract).
            object: unsafe { JsObject::read(slot) }?,
            _sig: PhantomData,
        })
    }
}

/// A closure's slot path: reads its arguments from the slots, runs it (a closure refuses to run
/// while it runs, a function does not: see `into_thunks` and `fn_thunk`), writes the result.
type Thunk = Rc<dyn Fn(&mut [Slot]) -> u32>;

/// A closure's typed path, for signatures of plain values ([`FromJs::FAST`], at most
/// [`CLOSURE_FAST_MAX`](crate::fast::CLOSURE_FAST_MAX) parameters): a wasm function of the
/// closure's own type (`typed_i<n>::<F, ..>` or `typed_f<n>::<F, ..>`), which JS calls straight
/// from the function table with the closure's handle and the arguments as plain wasm values. It
/// calls the closure directly — no `dyn` call, which costs V8 as much as a whole JS → wasm call —
/// after checking that the handle names a live closure of that very type ([`Typed::cell`]).
#[derive(Clone, Copy)]
enum TypedEntry {
    I0(extern "C" fn(i32, i32) -> i32),
    I1(extern "C" fn(i32, i32, i32) -> i32),
    I2(extern "C" fn(i32, i32, i32, i32) -> i32),
    I3(extern "C" fn(i32, i32, i32, i32, i32) -> i32),
    I4(extern "C" fn(i32, i32, i32, i32, i32, i32) -> i32),
    F0(extern "C" fn(f64) -> f64),
    F1(extern "C" fn(f64, f64) -> f64),
    F2(extern "C" fn(f64, f64, f64) -> f64),
    F3(extern "C" fn(f64, f64, f64, f64) -> f64),
    F4(extern "C" fn(f64, f64, f64, f64, f64) -> f64),
    /// A function's entries ([`JsClosure::from_fn`]): the `I`/`F` forms without the handle.
    SI0(extern "C" fn() -> i32),
    SI1(extern "C" fn(i32) -> i32),
    SI2(extern "C" fn(i32, i32) -> i32),
    SI3(extern "C" fn(i32, i32, i32) -> i32),
    SI4(extern "C" fn(i32, i32, i32, i32) -> i32),
    SF0(extern "C" fn() -> f64),
    SF1(extern "C" fn(f64) -> f64),
    SF2(extern "C" fn(f64, f64) -> f64),
    SF3(extern "C" fn(f64, f64, f64) -> f64),
    SF4(extern "C" fn(f64, f64, f64, f64) -> f64),
    /// A function's entry with `&str` parameters (each as its address and byte length), every
    /// value an `f64`: its address (JS calls it; natively nothing does).
    Str(usize),
}

impl TypedEntry {
    /// The function's index in the wasm function table (what a function pointer is on wasm32).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn table_index(self) -> u32 {
        use TypedEntry::*;
        let p = match self {
            I0(f) => f as usize,
            I1(f) => f as usize,
            I2(f) => f as usize,
            I3(f) => f as usize,
            I4(f) => f as usize,
            F0(f) => f as usize,
            F1(f) => f as usize,
            F2(f) => f as usize,
            F3(f) => f as usize,
            F4(f) => f as usize,
            SI0(f) => f as usize,
            SI1(f) => f as usize,
            SI2(f) => f as usize,
            SI3(f) => f as usize,
            SI4(f) => f as usize,
            SF0(f) => f as usize,
            SF1(f) => f as usize,
            SF2(f) => f as usize,
            SF3(f) => f as usize,
            SF4(f) => f as usize,
            Str(p) => p,
        };
        p as u32
    }
}

/// A closure's typed path: its entry, and the closure itself with its type's id, which the entry
/// checks before it uses the closure as its own type.
struct Typed {
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    entry: TypedEntry,
    /// The `Rc<RefCell<F>>` the slot thunk shares, unsized.
    cell: Rc<dyn Any>,
    /// `TypeId::of::<RefCell<F>>()`.
    cell_type: TypeId,
}

/// What [`IntoClosure`] makes of a closure (opaque: only this crate reads it).
#[doc(hidden)]
pub struct ClosureParts {
    thunk: Thunk,
    typed: Option<Typed>,
}

struct Entry {
    thunk: Thunk,
    typed: Option<Typed>,
    params: Box<[Code]>,
    ret: Code,
    /// A function's typed entry ([`JsClosure::from_fn`]), which never looks the handle up (then
    /// `typed` is `None`).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    function: Option<FnTyped>,
}

thread_local! {
    static CLOSURES: RefCell<HandleTable<Entry>> = const { RefCell::new(HandleTable::new()) };
}

/// Runs `f` on the entry of closure `handle`, if it is live.
fn with_entry<R>(handle: Handle, f: impl FnOnce(&Entry) -> R) -> Option<R> {
    CLOSURES.with(|c| c.borrow().get(handle).map(f))
}

/// A Rust closure callable from JS as a function. Make it with [`JsClosure::new`], pass `&closure`
/// to an import (a parameter of type `&JsClosure`), keep it alive as long as JS may call it.
///
/// ```no_run
/// use slotwire::prelude::*;
/// use slotwire::JsClosure;
///
/// #[js_import("globalThis.setTimeout")]
/// fn set_timeout(f: &JsClosure, ms: u32) -> f64;
///
/// let tick = JsClosure::new(|| -> u32 { slotwire::census().closures as u32 });
/// set_timeout(&tick, 10);
/// # std::mem::forget(tick);
/// ```
pub struct JsClosure {
    handle: Handle,
    _not_send: PhantomData<*const ()>,
}

impl core::fmt::Debug for JsClosure {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("JsClosure")
            .field("handle", &self.handle)
            .finish()
    }
}

impl JsClosure {
    /// Wraps `f` (`Fn` or `FnMut`, up to 8 arguments, each [`FromJs`], returning a [`ToJs`];
    /// up to 3 arguments may be `&str`s, see [`IntoClosure`]). JS calling it while it runs
    /// (re-entrantly) gets an error rather than a second `&mut`.
    ///
    /// ```no_run
    /// use slotwire::JsClosure;
    /// let mut clicks = 0u32;
    /// let on_click = JsClosure::new(move |x: f64, y: f64| {
    ///     clicks += 1;
    ///     x + y
    /// });
    /// // pass &on_click to an import taking `&JsClosure`; keep it while JS may call it
    /// # drop(on_click);
    /// ```
    pub fn new<Args, F: IntoClosure<Args>>(f: F) -> JsClosure {
        Self::make(f)
    }

    /// Wraps function `f` (a function item, or a closure that captures nothing; up to 8
    /// arguments, each [`FromJs`], returning a [`ToJs`]; `&str`s as [`IntoFn`] says). Of plain
    /// values (at most four numbers, bools or chars, or up to three parameters with `&str`s among
    /// them, in; one number, bool or char out), JS calls it straight through its own wasm
    /// function, without looking the closure up or borrowing it: cheaper than
    /// [`new`](Self::new)'s closures. Other signatures take the slot path, as closures do. Either
    /// way it is re-entrant (it has no state to guard). Dropping it ends JS's calls as for any
    /// closure.
    ///
    /// A closure that captures something does not compile (`Copy` and zero-sized are checked):
    /// use [`new`](Self::new) for those.
    ///
    /// ```no_run
    /// use slotwire::JsClosure;
    /// fn double(x: i32) -> i32 {
    ///     x * 2
    /// }
    /// let f = JsClosure::from_fn(double);
    /// let g = JsClosure::from_fn(|a: f64, b: f64| a.hypot(b));
    /// let h = JsClosure::from_fn(|name: &str, n: u32| name.len() as u32 * n);
    /// // pass &f / &g to imports taking `&JsClosure`
    /// # drop((f, g, h));
    /// ```
    ///
    /// ```compile_fail
    /// let k = 3;
    /// // Captures `k`: not a function.
    /// let _ = slotwire::JsClosure::from_fn(move |x: i32| x * k);
    /// ```
    pub fn from_fn<Args, F: IntoFn<Args>>(f: F) -> JsClosure {
        const {
            assert!(
                core::mem::size_of::<F>() == 0,
                "JsClosure::from_fn / register_export_fn take a function or a closure that captures nothing"
            )
        };
        // `f` itself is not kept: zero-sized and `Copy`, its entries make it anew.
        let _ = f;
        let FnEntry(function) = F::fn_entry(sealed::Token(()));
        let FnThunk(thunk) = F::fn_thunk(sealed::Token(()));
        Self::insert(Entry {
            thunk,
            typed: None,
            params: F::params().into_boxed_slice(),
            ret: F::ret(),
            function,
        })
    }

    /// The closure of `f`.
    fn make<Args, F: IntoClosure<Args>>(f: F) -> JsClosure {
        let params = F::params().into_boxed_slice();
        let ret = F::ret();
        let ClosureParts { thunk, typed } = f.into_thunks(sealed::Token(()));
        Self::insert(Entry {
            thunk,
            typed,
            params,
            ret,
            function: None,
        })
    }

    /// Puts `entry` in the closure table.
    fn insert(entry: Entry) -> JsClosure {
        // JS describes and calls closures through entries Rust hands over with the first one.
        share_entries();
        let Ok(handle) = CLOSURES.with(|c| c.borrow_mut().insert(entry)) else {
            panic!("more than two million live JsClosures");
        };
        JsClosure {
            handle,
            _not_send: PhantomData,
        }
    }

    /// The handle JS knows this closure by (never another closure's, even after this one is
    /// dropped).
    ///
    /// ```
    /// let c = slotwire::JsClosure::new(|x: i32| x + 1);
    /// assert!(c.handle().to_bits() > 0);
    /// ```
    pub fn handle(&self) -> Handle {
        self.handle
    }
}

impl Drop for JsClosure {
    fn drop(&mut self) {
        // Queued batched calls come first in program order: one may call this closure from JS.
        crate::batch::before_crossing();
        let entry = CLOSURES.with(|c| c.borrow_mut().remove(self.handle));
        if entry.is_some() {
            forget_in_js(self.handle);
        }
        // The closure (and what it captured) is dropped here, outside the table's borrow.
        drop(entry);
    }
}

#[cfg(target_arch = "wasm32")]
fn forget_in_js(handle: Handle) {
    if let Ok(rt) = crate::runtime::runtime_id() {
        crate::transport::forget_closure(rt, handle.to_f64());
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn forget_in_js(_handle: Handle) {}

/// Number of live `JsClosure`s (part of [`crate::census`]).
pub(crate) fn live_closures() -> usize {
    CLOSURES.with(|c| c.borrow().len())
}

// SAFETY: writes the closure's handle and no pointer; nothing passes to JS with it.
unsafe impl ToJs for JsClosure {
    const TYPE: JsType = JsType::Function;
    /// The handle, in the slot's `value` (8 bytes); `elem` 1 tells JS it is a Rust closure.
    fn write(&self, slot: &mut Slot) {
        slot.value = self.handle.to_bits();
        slot.elem = 1;
    }
}

/// Closure `handle`'s thunk and parameter count, if it is live (no allocation: an `Rc` clone).
fn lookup(handle: Handle) -> Option<(Thunk, usize)> {
    with_entry(handle, |e| (e.thunk.clone(), e.params.len()))
}

/// The error of a call to a dropped closure: `NotCalled`, since no argument was read (JS gives
/// back the handles it wrote for them; it names the closure and its signature in the message).
fn dropped(slots: &mut [Slot]) -> u32 {
    fail(
        slots,
        ErrorKindCode::NotCalled,
        "this Rust closure was dropped; JS can no longer call it",
    )
}

const REENTERED: &str =
    "this Rust closure is already running (FnMut closures cannot be re-entered)";

fn run(thunk: Thunk, slots: &mut [Slot]) -> u32 {
    thunk(slots)
}

/// Closure `handle` as a closure of type `F` (what its typed entry calls): `None` when the
/// handle names no live closure, or one of another type (JS called an entry with a handle that is
/// not its closure's: forged, or another closure's).
#[inline]
fn cell_of<F: 'static>(handle: Handle) -> Option<Rc<RefCell<F>>> {
    with_entry(handle, |e| {
        let typed = e.typed.as_ref()?;
        if typed.cell_type != TypeId::of::<RefCell<F>>() {
            return None;
        }
        let raw = Rc::into_raw(typed.cell.clone()).cast::<RefCell<F>>();
        // SAFETY: `cell` is an `Rc<RefCell<F'>>` unsized to `Rc<dyn Any>` (into_thunks makes
        // both with the same F'), and `cell_type` is `TypeId::of::<RefCell<F'>>()`: equal to F's,
        // so F' is F and the pointer (the clone's, whose count `from_raw` takes over) is an
        // `Rc<RefCell<F>>`'s.
        Some(unsafe { Rc::from_raw(raw) })
    })?
}

/// Runs closure `handle` as a closure of type `F` with `call`; `None` (JS then takes the slot
/// path, which says why) when the handle is not a live `F` ([`cell_of`]) or the closure is
/// running already.
#[inline(always)]
fn run_typed<F: 'static, T>(handle: Option<Handle>, call: impl FnOnce(&mut F) -> T) -> Option<T> {
    let cell = cell_of::<F>(handle?)?;
    let mut f = cell.try_borrow_mut().ok()?;
    let r = call(&mut f);
    drop(f);
    Some(r)
}

/// Closure `handle`'s typed entry called the way JS calls it, with `args` (its arity's worth;
/// tests only): the result, or `None` when JS would take the slot path.
#[cfg(test)]
fn call_typed(entry: TypedEntry, handle: Handle, args: &[f64]) -> Option<f64> {
    use TypedEntry::*;
    let b = handle.to_bits();
    let (lo, hi) = (b as u32 as i32, (b >> 32) as i32);
    let i = |k: usize| args[k] as i32;
    let slots = |r: i32| (r != crate::slot::CLOSURE_I32_USE_SLOTS).then_some(f64::from(r));
    let h = handle.to_f64();
    let f = |r: f64| (!r.is_nan()).then_some(r);
    match (entry, args.len()) {
        (I0(e), 0) => slots(e(lo, hi)),
        (I1(e), 1) => slots(e(lo, hi, i(0))),
        (I2(e), 2) => slots(e(lo, hi, i(0), i(1))),
        (I3(e), 3) => slots(e(lo, hi, i(0), i(1), i(2))),
        (I4(e), 4) => slots(e(lo, hi, i(0), i(1), i(2), i(3))),
        (F0(e), 0) => f(e(h)),
        (F1(e), 1) => f(e(h, args[0])),
        (F2(e), 2) => f(e(h, args[0], args[1])),
        (F3(e), 3) => f(e(h, args[0], args[1], args[2])),
        (F4(e), 4) => f(e(h, args[0], args[1], args[2], args[3])),
        (SI0(e), 0) => slots(e()),
        (SI1(e), 1) => slots(e(i(0))),
        (SI2(e), 2) => slots(e(i(0), i(1))),
        (SI3(e), 3) => slots(e(i(0), i(1), i(2))),
        (SI4(e), 4) => slots(e(i(0), i(1), i(2), i(3))),
        (SF0(e), 0) => f(e()),
        (SF1(e), 1) => f(e(args[0])),
        (SF2(e), 2) => f(e(args[0], args[1])),
        (SF3(e), 3) => f(e(args[0], args[1], args[2])),
        (SF4(e), 4) => f(e(args[0], args[1], args[2], args[3])),
        (Str(_), _) => panic!("call_typed: an entry with string parameters is JS's to call"),
        _ => panic!(
            "call_typed: {} arguments for another arity's entry",
            args.len()
        ),
    }
}

/// The typed entry of closure `handle` (tests only).
#[cfg(test)]
fn typed_entry(handle: Handle) -> Option<TypedEntry> {
    with_entry(handle, |e| {
        e.function
            .map(|f| f.entry)
            .or(e.typed.as_ref().map(|t| t.entry))
    })?
}

/// Runs closure `handle` on `slots` (what JS's function for it calls).
// Only tests call it (JS goes through `call_closure`).
#[allow(dead_code)]
pub(crate) fn call_closure(handle: Handle, slots: &mut [Slot]) -> u32 {
    let Some((thunk, n)) = lookup(handle) else {
        return dropped(slots);
    };
    if slots.len() < ARG0 + n {
        return fail(
            slots,
            ErrorKindCode::Type,
            "closure called with too few slots",
        );
    }
    run(thunk, &mut slots[..ARG0 + n])
}

/// The signature of closure `handle`: (parameter codes, result code).
// Only tests call it (JS reads the signature through `closure_info`).
#[allow(dead_code)]
pub(crate) fn closure_signature(handle: Handle) -> Option<(Box<[Code]>, Code)> {
    with_entry(handle, |e| (e.params.clone(), e.ret))
}

/// Seals [`IntoClosure`]: its parameter codes drive how JS writes the slots its thunk reads, so
/// only this crate's impls (for closures) exist, and only this crate can call `into_thunks`
/// (whose slot thunk reads the slots it is given).
mod sealed {
    pub trait Sealed<Args> {}
    /// Only this crate can make one.
    pub struct Token(pub(super) ());
}

/// A Rust closure [`JsClosure::new`] accepts: `FnMut(A, B, ..) -> R` for up to 8 arguments,
/// each [`FromJs`], or up to 3 of which one or more are `&str` (borrowed from JS's frame for the
/// call: no `String` is made).
///
/// Sealed: implemented for closures only.
///
/// ```compile_fail,E0277
/// // Not implementable outside slotwire (the sealed supertrait is private).
/// struct Lie;
/// impl slotwire::IntoClosure<(String,)> for Lie {
///     fn params() -> Vec<u32> { vec![7] }
///     fn ret() -> u32 { 0 }
/// }
/// ```
pub trait IntoClosure<Args>: sealed::Sealed<Args> + 'static {
    /// Parameter signature codes.
    fn params() -> Vec<Code>;
    /// Result signature code.
    fn ret() -> Code;
    /// The closure as a thunk over slots, and as a typed thunk when every parameter and the
    /// result are plain values.
    #[doc(hidden)]
    fn into_thunks(self, token: sealed::Token) -> ClosureParts;
}

/// A Rust function [`JsClosure::from_fn`] and [`register_export_fn`](crate::register_export_fn)
/// accept: a function item or a closure that captures nothing, `Fn(A, B, ..) -> R` for up to 8
/// arguments, each [`FromJs`], returning a [`ToJs`] (or up to 3 with `&str`s among them, as
/// [`IntoClosure`] says). Of plain values — numbers, bools, chars, and `&str`s passed as their
/// bytes in JS's frame — in, and one out, it has a typed entry JS calls directly.
///
/// Sealed: implemented for such functions only (its `Copy` bound and a compile-time check that
/// it is zero-sized say "captures nothing").
///
/// ```no_run
/// fn area(w: f64, h: f64) -> f64 {
///     w * h
/// }
/// // A function item, and a closure that captures nothing: both are `IntoFn`.
/// slotwire::register_export_fn("geometry.area", area).unwrap();
/// slotwire::register_export_fn("text.shout", |s: &str| s.to_uppercase()).unwrap();
/// let _double = slotwire::JsClosure::from_fn(|x: i32| x * 2);
/// ```
pub trait IntoFn<Args>: IntoClosure<Args> + Copy {
    /// The function's typed entry (`None` unless its parameters and result are plain values).
    #[doc(hidden)]
    fn fn_entry(token: sealed::Token) -> FnEntry;
    /// The function's slot path: as a closure's, but re-entrant (nothing to borrow).
    #[doc(hidden)]
    fn fn_thunk(token: sealed::Token) -> FnThunk;
}

/// What [`IntoFn`] makes of a function (opaque: only this crate reads it).
#[doc(hidden)]
pub struct FnEntry(Option<FnTyped>);

/// A function's slot path (opaque: only this crate reads it).
#[doc(hidden)]
pub struct FnThunk(Thunk);

/// A function's typed entry, and how JS calls it (`CLOSURE_FAST_I32` or `CLOSURE_FAST_F64`).
#[derive(Clone, Copy)]
struct FnTyped {
    #[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
    entry: TypedEntry,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    abi: u32,
}

/// A `&str` parameter of a closure or function (what [`IntoClosure`]'s argument tuple says in its
/// place; never made).
#[doc(hidden)]
pub enum StrArg {}

fn arg_error(head: &mut [Slot], i: usize, e: Error) -> u32 {
    fail(
        head,
        ErrorKindCode::of_arg(&e),
        &format!("closure: argument {}: {}", i + 1, e.message()),
    )
}

/// The typed entries of closures of plain values, one pair per arity (see [`TypedEntry`]):
/// `$i` takes the handle as its low and high 32 bits and every value as an `i32` (for closures of
/// integers, bools and chars: `CLOSURE_FAST_I32`), `$f` takes and returns `f64`s.
macro_rules! typed_entries {
    ($($mk:ident $i:ident $f:ident $smk:ident $si:ident $sf:ident $vi:ident $vf:ident $svi:ident $svf:ident ($($t:ident $a:ident),*);)*) => {$(
        /// The typed path of closure `f` of this arity, if its parameters and result are plain
        /// values.
        fn $mk<F, R, $($t),*>(f: &Rc<RefCell<F>>) -> Option<Typed>
        where
            F: FnMut($($t),*) -> R + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
            if !(true $(&& <$t as FromJs>::FAST)* && R::FAST) {
                return None;
            }
            let abi = crate::fast::closure_abi(&[$(<$t as FromJs>::CODE),*], R::CODE);
            let entry = if abi == crate::slot::CLOSURE_FAST_I32 {
                TypedEntry::$vi($i::<F, R, $($t),*>)
            } else {
                TypedEntry::$vf($f::<F, R, $($t),*>)
            };
            Some(Typed {
                entry,
                cell: f.clone(),
                cell_type: TypeId::of::<RefCell<F>>(),
            })
        }

        /// A closure's typed entry, `CLOSURE_FAST_I32`: the handle as its low and high 32 bits,
        /// the arguments as JS's ToInt32 of them (each type's `from_f64` wraps a negative one
        /// back), the result as an `i32` too (a `u32` wrapped; JS unwraps it by the result type).
        /// When JS must take the slot path: `CLOSURE_I32_USE_SLOTS` and the status word 2 (JS
        /// reads the status word only after that value, which a closure may return too).
        extern "C" fn $i<F, R, $($t),*>(lo: i32, hi: i32, $($a: i32),*) -> i32
        where
            F: FnMut($($t),*) -> R + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
            let bits = (u64::from(hi as u32) << 32) | u64::from(lo as u32);
            let r = run_typed::<F, i32>(Handle::from_bits(bits), |f| {
                (f)($(<$t as FromJs>::from_i32($a)),*).to_i32()
            });
            // What the closure queued runs before JS goes on: JS flushes it (fast.js
            // `makeFastClosure`), nothing is checked here.
            match r {
                // An integer, bool or char result (closure_abi): its low 32 bits (a u32 above
                // i32::MAX wraps).
                Some(r) => r,
                None => {
                    crate::fast::request_slot_path();
                    crate::slot::CLOSURE_I32_USE_SLOTS
                }
            }
        }

        /// A closure's typed entry, `CLOSURE_FAST_F64`: every value an `f64`. When JS must take
        /// the slot path: NaN and the status word 2 (JS reads the status word only after a NaN,
        /// which an `f64` closure may return too).
        extern "C" fn $f<F, R, $($t),*>(handle: f64, $($a: f64),*) -> f64
        where
            F: FnMut($($t),*) -> R + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
            let r = run_typed::<F, f64>(Handle::from_f64(handle), |f| {
                (f)($(<$t as FromJs>::from_f64($a)),*).to_f64()
            });
            match r {
                Some(r) => r,
                None => {
                    crate::fast::request_slot_path();
                    f64::NAN
                }
            }
        }

        /// The typed entry of a function ([`JsClosure::from_fn`]: `F` captures nothing), if its
        /// parameters and result are plain values: `$si`/`$sf`, the closure entries' forms
        /// without the handle (a function has nothing to look up).
        fn $smk<F, R, $($t),*>() -> Option<FnTyped>
        where
            F: Fn($($t),*) -> R + Copy + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
            if !(true $(&& <$t as FromJs>::FAST)* && R::FAST) {
                return None;
            }
            let abi = crate::fast::closure_abi(&[$(<$t as FromJs>::CODE),*], R::CODE);
            let entry = if abi == crate::slot::CLOSURE_FAST_I32 {
                TypedEntry::$svi($si::<F, R, $($t),*>)
            } else {
                TypedEntry::$svf($sf::<F, R, $($t),*>)
            };
            Some(FnTyped { entry, abi })
        }

        /// A function's typed entry, `CLOSURE_FAST_I32` (as `$i`, without the handle: the
        /// function has no state to find, and may run re-entrantly).
        extern "C" fn $si<F, R, $($t),*>($($a: i32),*) -> i32
        where
            F: Fn($($t),*) -> R + Copy + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
            let f = conjure::<F>();
            f($(<$t as FromJs>::from_i32($a)),*).to_i32()
        }

        /// A function's typed entry, `CLOSURE_FAST_F64` (as `$f`, without the handle).
        extern "C" fn $sf<F, R, $($t),*>($($a: f64),*) -> f64
        where
            F: Fn($($t),*) -> R + Copy + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
            let f = conjure::<F>();
            f($(<$t as FromJs>::from_f64($a)),*).to_f64()
        }
    )*};
}

/// A value of `F`, a closure capturing nothing (or a function item): zero-sized and `Copy`.
///
/// Only the typed entries of [`JsClosure::from_fn`] call it, for the `F` it was given a value of.
#[inline(always)]
fn conjure<F: Copy + 'static>() -> F {
    const {
        assert!(
            core::mem::size_of::<F>() == 0,
            "JsClosure::from_fn / register_export_fn take a function or a closure that captures nothing"
        )
    };
    // SAFETY: `F` is zero-sized (checked above, at compile time), so reading it reads no memory
    // (a dangling, well-aligned pointer is valid for a zero-sized read), and `Copy`: making
    // another value of it is what copying the one `from_fn` was given would do.
    unsafe { core::ptr::NonNull::<F>::dangling().as_ptr().read() }
}

typed_entries! {
    typed0 typed_i0 typed_f0 stateless0 stateless_i0 stateless_f0 I0 F0 SI0 SF0 ();
    typed1 typed_i1 typed_f1 stateless1 stateless_i1 stateless_f1 I1 F1 SI1 SF1 (A a0);
    typed2 typed_i2 typed_f2 stateless2 stateless_i2 stateless_f2 I2 F2 SI2 SF2 (A a0, B a1);
    typed3 typed_i3 typed_f3 stateless3 stateless_i3 stateless_f3 I3 F3 SI3 SF3 (A a0, B a1, C a2);
    typed4 typed_i4 typed_f4 stateless4 stateless_i4 stateless_f4 I4 F4 SI4 SF4 (A a0, B a1, C a2, D a3);
}

/// Closures of more than CLOSURE_FAST_MAX parameters have no typed path.
macro_rules! untyped {
    ($($mk:ident $smk:ident($($t:ident),*);)*) => {$(
        // The same generics as typed<n> (into_closure! calls either the same way).
        #[allow(clippy::extra_unused_type_parameters)]
        fn $mk<F, R, $($t),*>(_: &Rc<RefCell<F>>) -> Option<Typed> {
            None
        }
        // The same generics as stateless<n>.
        #[allow(clippy::extra_unused_type_parameters)]
        fn $smk<F, R, $($t),*>() -> Option<FnTyped> {
            None
        }
    )*};
}

untyped! {
    untyped5 stateless5(A, B, C, D, E);
    untyped6 stateless6(A, B, C, D, E, G);
    untyped7 stateless7(A, B, C, D, E, G, H);
    untyped8 stateless8(A, B, C, D, E, G, H, I);
}

macro_rules! into_closure {
    // `$mk`: makes the typed path of a closure of this arity (typed<n>, or untyped<n>); `$smk`
    // that of a function (stateless<n>).
    ($mk:ident $smk:ident; $($t:ident $i:tt),*) => {
        impl<F, R, $($t,)*> IntoFn<($($t,)*)> for F
        where
            F: Fn($($t),*) -> R + Copy + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
            fn fn_entry(_: sealed::Token) -> FnEntry {
                FnEntry($smk::<F, R, $($t),*>())
            }
            #[allow(non_snake_case, unused_variables)]
            fn fn_thunk(_: sealed::Token) -> FnThunk {
                FnThunk(Rc::new(|slots: &mut [Slot]| -> u32 {
                    let (head, args) = slots.split_at_mut(ARG0);
                    $(
                        // SAFETY: as the closure's slot thunk (`into_thunks` below).
                        let $t = match unsafe { <$t as FromJs>::read(&args[$i]) } {
                            Ok(v) => v,
                            Err(e) => return arg_error(head, $i, e),
                        };
                    )*
                    let r = conjure::<F>()($($t),*);
                    finish(r, head)
                }))
            }
        }

        impl<F, R, $($t,)*> sealed::Sealed<($($t,)*)> for F
        where
            F: FnMut($($t),*) -> R + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
        }

        impl<F, R, $($t,)*> IntoClosure<($($t,)*)> for F
        where
            F: FnMut($($t),*) -> R + 'static,
            R: ToJs,
            $($t: FromJs,)*
        {
            fn params() -> Vec<Code> {
                vec![$(<$t as FromJs>::CODE),*]
            }
            fn ret() -> Code {
                R::CODE
            }
            #[allow(non_snake_case, unused_variables, unused_mut, unused_assignments)]
            fn into_thunks(self, _: sealed::Token) -> ClosureParts {
                // One closure behind both paths; a call while it runs is refused, not a second
                // `&mut`.
                let f = Rc::new(RefCell::new(self));
                let typed = $mk::<F, R, $($t),*>(&f);
                let slow: Thunk = Rc::new(move |slots: &mut [Slot]| -> u32 {
                    let (head, args) = slots.split_at_mut(ARG0);
                    $(
                        // SAFETY: JS calls a closure's function with arguments written for the
                        // closure's own parameter codes (`params()`), `n` of them (the frame is
                        // sized from them). That a handle never reaches another closure is the
                        // handle table's promise (issue 9 §2; F4 is where it broke).
                        let $t = match unsafe { <$t as FromJs>::read(&args[$i]) } {
                            Ok(v) => v,
                            Err(e) => return arg_error(head, $i, e),
                        };
                    )*
                    let Ok(mut f) = f.try_borrow_mut() else {
                        return fail(head, ErrorKindCode::Error, REENTERED);
                    };
                    let r = (f)($($t),*);
                    drop(f);
                    finish(r, head)
                });
                ClosureParts { thunk: slow, typed }
            }
        }
    };
}

into_closure!(typed0 stateless0;);
into_closure!(typed1 stateless1; A 0);
into_closure!(typed2 stateless2; A 0, B 1);
into_closure!(typed3 stateless3; A 0, B 1, C 2);
into_closure!(typed4 stateless4; A 0, B 1, C 2, D 3);
into_closure!(untyped5 stateless5; A 0, B 1, C 2, D 3, E 4);
into_closure!(untyped6 stateless6; A 0, B 1, C 2, D 3, E 4, G 5);
into_closure!(untyped7 stateless7; A 0, B 1, C 2, D 3, E 4, G 5, H 6);
into_closure!(untyped8 stateless8; A 0, B 1, C 2, D 3, E 4, G 5, H 6, I 7);

// ---- `&str` parameters: closures and functions taking `&str` (at most three parameters, one or
// more of them strings). Each pattern of string (`S`) and other (`N`) positions is an impl of its
// own: the argument tuple has `StrArg` in a string's place. A closure reads its strings from the
// slots JS wrote (borrowed for the call); a function of plain values besides its strings has a
// typed entry taking each string as its address and byte length in JS's frame.

/// A parameter's type in the closure's signature.
macro_rules! str_param_ty {
    (S $t:ty) => {
        &str
    };
    (N $t:ty) => {
        $t
    };
}

/// A parameter's signature code.
macro_rules! str_param_code {
    (S $t:ty) => {
        <&str as crate::marshal::FromJsArg<'static>>::CODE
    };
    (N $t:ty) => {
        <$t as FromJs>::CODE
    };
}

/// Whether a parameter can be passed as plain wasm values.
macro_rules! str_param_fast {
    (S $t:ty) => {
        true
    };
    (N $t:ty) => {
        <$t as FromJs>::FAST
    };
}

/// Reads a parameter from its slot (safety: the slot thunk's).
macro_rules! str_param_read {
    (S $t:ty, $slot:expr) => {
        <&str as crate::marshal::FromJsArg<'_>>::read_arg($slot)
    };
    (N $t:ty, $slot:expr) => {
        <$t as FromJs>::read($slot)
    };
}

/// A parameter from a function entry's wasm values.
macro_rules! str_param_value {
    (S $t:ty, $a:ident, $p:ident, $l:ident) => {
        // SAFETY: JS encoded the string's UTF-8 at `p..p + l` in its frame area, which stays
        // untouched until this call returns (fast.js `makeFastClosure`), as for a
        // `#[js_export]`'s `&str` (`fast::str_arg` checks the UTF-8).
        let $a: &str = unsafe { crate::fast::str_arg($p as u32, $l as u32, "a run-time function") };
    };
    (N $t:ty, $a:ident, $v:ident) => {
        let $a = <$t as FromJs>::from_f64($v);
    };
}

macro_rules! str_closures {
    ($($entry:ident [$($g:ident),*] ($($k:ident $t:ty => $a:ident [$($w:ident),+] $i:tt),+);)*) => {$(
        impl<F, R, $($g,)*> sealed::Sealed<($($t,)+)> for F
        where
            F: FnMut($(str_param_ty!($k $t)),+) -> R + 'static,
            R: ToJs,
            $($g: FromJs,)*
        {
        }

        impl<F, R, $($g,)*> IntoClosure<($($t,)+)> for F
        where
            F: FnMut($(str_param_ty!($k $t)),+) -> R + 'static,
            R: ToJs,
            $($g: FromJs,)*
        {
            fn params() -> Vec<Code> {
                vec![$(str_param_code!($k $t)),+]
            }
            fn ret() -> Code {
                R::CODE
            }
            fn into_thunks(self, _: sealed::Token) -> ClosureParts {
                let f = RefCell::new(self);
                let slow: Thunk = Rc::new(move |slots: &mut [Slot]| -> u32 {
                    let (head, args) = slots.split_at_mut(ARG0);
                    let args: &[Slot] = args;
                    $(
                        // SAFETY: JS calls a closure's function with arguments written for the
                        // closure's own parameter codes (`params()`), the strings' bytes in its
                        // frame, untouched until this returns (as in `into_closure!`).
                        let $a = match unsafe { str_param_read!($k $t, &args[$i]) } {
                            Ok(v) => v,
                            Err(e) => return arg_error(head, $i, e),
                        };
                    )+
                    let Ok(mut f) = f.try_borrow_mut() else {
                        return fail(head, ErrorKindCode::Error, REENTERED);
                    };
                    let r = (f)($($a),+);
                    drop(f);
                    finish(r, head)
                });
                ClosureParts { thunk: slow, typed: None }
            }
        }

        impl<F, R, $($g,)*> IntoFn<($($t,)+)> for F
        where
            F: Fn($(str_param_ty!($k $t)),+) -> R + Copy + 'static,
            R: ToJs,
            $($g: FromJs,)*
        {
            fn fn_entry(_: sealed::Token) -> FnEntry {
                if !(R::FAST $(&& str_param_fast!($k $t))+)
                    || !crate::fast::closure_eligible(&[], R::CODE)
                {
                    return FnEntry(None);
                }
                FnEntry(Some(FnTyped {
                    entry: TypedEntry::Str($entry::<F, R, $($g),*> as *const () as usize),
                    abi: crate::slot::CLOSURE_FAST_F64,
                }))
            }
            fn fn_thunk(_: sealed::Token) -> FnThunk {
                FnThunk(Rc::new(|slots: &mut [Slot]| -> u32 {
                    let (head, args) = slots.split_at_mut(ARG0);
                    let args: &[Slot] = args;
                    $(
                        // SAFETY: as the closure's slot thunk (`into_thunks` above).
                        let $a = match unsafe { str_param_read!($k $t, &args[$i]) } {
                            Ok(v) => v,
                            Err(e) => return arg_error(head, $i, e),
                        };
                    )+
                    let r = conjure::<F>()($($a),+);
                    finish(r, head)
                }))
            }
        }

        /// A function's typed entry with `&str` parameters: every value an `f64`, each string
        /// its address and byte length.
        extern "C" fn $entry<F, R, $($g),*>($($($w: f64,)+)+) -> f64
        where
            F: Fn($(str_param_ty!($k $t)),+) -> R + Copy + 'static,
            R: ToJs,
            $($g: FromJs,)*
        {
            $(str_param_value!($k $t, $a, $($w),+);)+
            let f = conjure::<F>();
            f($($a),+).to_f64()
        }
    )*};
}

str_closures! {
    str_s [] (S StrArg => a0 [p0, l0] 0);
    str_sn [B] (S StrArg => a0 [p0, l0] 0, N B => a1 [v1] 1);
    str_ns [A] (N A => a0 [v0] 0, S StrArg => a1 [p1, l1] 1);
    str_ss [] (S StrArg => a0 [p0, l0] 0, S StrArg => a1 [p1, l1] 1);
    str_snn [B, C] (S StrArg => a0 [p0, l0] 0, N B => a1 [v1] 1, N C => a2 [v2] 2);
    str_nsn [A, C] (N A => a0 [v0] 0, S StrArg => a1 [p1, l1] 1, N C => a2 [v2] 2);
    str_nns [A, B] (N A => a0 [v0] 0, N B => a1 [v1] 1, S StrArg => a2 [p2, l2] 2);
    str_ssn [C] (S StrArg => a0 [p0, l0] 0, S StrArg => a1 [p1, l1] 1, N C => a2 [v2] 2);
    str_sns [B] (S StrArg => a0 [p0, l0] 0, N B => a1 [v1] 1, S StrArg => a2 [p2, l2] 2);
    str_nss [A] (N A => a0 [v0] 0, S StrArg => a1 [p1, l1] 1, S StrArg => a2 [p2, l2] 2);
    str_sss [] (S StrArg => a0 [p0, l0] 0, S StrArg => a1 [p1, l1] 1, S StrArg => a2 [p2, l2] 2);
}

// Hands JS the entries its closure functions call (`closure_info`, `call_closure`, as indices
// into the function table: `swClosureEntries`), once per runtime, when the first closure is
// made. They are not wasm exports, so an app that makes no closure links neither.
crate::runtime::share_entries_once!(
    crate::transport::closure_entries,
    wasm::closure_info,
    wasm::call_closure
);

/// The entries JS's closure functions call (through the function table, [`share_entries`]).
#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::*;

    /// `call_closure(handle, frame)`: runs closure `handle` on the frame JS wrote. `handle` is
    /// the JS number the closure's JS function was made for: it names that closure or none (so
    /// the frame always has the live closure's parameter count and types).
    pub(super) extern "C" fn call_closure(handle: f64, frame: *mut Slot) -> u32 {
        let found = Handle::from_f64(handle).and_then(lookup);
        let n = found.as_ref().map_or(0, |(_, n)| *n);
        // SAFETY: the runtime passes a frame it reserved with ARG0 + (the closure's parameter
        // count, read from closure_info) slots, 8-byte aligned, untouched until this returns.
        let slots = unsafe { core::slice::from_raw_parts_mut(frame, ARG0 + n) };
        let status = match found {
            Some((thunk, _)) => run(thunk, slots),
            None => dropped(slots),
        };
        // What the closure queued runs before JS sees it return.
        crate::batch::before_crossing();
        status
    }

    /// Writes closure `handle`'s info (CLOSURE_INFO_WORDS u32s) at `out`: params ptr, params
    /// len, result code, typed path and its entry. Returns 0, or 1 if the closure was dropped.
    pub(super) extern "C" fn closure_info(handle: f64, out: *mut u32) -> u32 {
        let words = Handle::from_f64(handle).and_then(|h| {
            with_entry(h, |e| {
                use crate::slot::*;
                let mut words = [0u32; CLOSURE_INFO_WORDS];
                words[CLOSURE_INFO_PARAMS_PTR] = e.params.as_ptr() as u32;
                words[CLOSURE_INFO_PARAMS_LEN] = e.params.len() as u32;
                words[CLOSURE_INFO_RET] = e.ret;
                // The typed path's decision, from the signature codes (call::fast), for JS.
                if let Some(f) = &e.function {
                    words[CLOSURE_INFO_FAST] = f.abi | CLOSURE_FAST_STATELESS;
                    words[CLOSURE_INFO_ENTRY] = f.entry.table_index();
                } else if let Some(t) = &e.typed {
                    words[CLOSURE_INFO_FAST] = crate::fast::closure_abi(&e.params, e.ret);
                    words[CLOSURE_INFO_ENTRY] = t.entry.table_index();
                }
                words
            })
        });
        let Some(mut words) = words else { return 1 };
        // The table is handed over outside the closure table's borrow (it calls JS).
        if words[crate::slot::CLOSURE_INFO_FAST] != 0 && !crate::runtime::share_function_table() {
            words[crate::slot::CLOSURE_INFO_FAST] = 0;
            words[crate::slot::CLOSURE_INFO_ENTRY] = 0;
        }
        // SAFETY: the runtime passes CLOSURE_INFO_WORDS writable u32s, 4-byte aligned, in its
        // frame area.
        unsafe { core::ptr::copy_nonoverlapping(words.as_ptr(), out, words.len()) };
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn closures_run_on_slots_and_drop_frees_them() {
        let before = live_closures();
        let count = Rc::new(Cell::new(0));
        let c2 = count.clone();
        let c = JsClosure::new(move |a: i32, b: i32| {
            c2.set(c2.get() + 1);
            a * b
        });
        assert_eq!(live_closures(), before + 1);
        assert_eq!(
            closure_signature(c.handle()).unwrap(),
            (vec![7u32, 7].into(), 7)
        );
        let mut slots = [Slot::ZERO; 4];
        6i32.write(&mut slots[2]);
        7i32.write(&mut slots[3]);
        assert_eq!(call_closure(c.handle(), &mut slots), 0);
        assert_eq!(slots[crate::slot::RESULT].value as u32 as i32, 42);
        assert_eq!(count.get(), 1);
        let h = c.handle();
        drop(c);
        assert_eq!(live_closures(), before);
        assert_eq!(
            call_closure(h, &mut slots),
            1,
            "a dropped closure is an error"
        );
        assert_eq!(
            slots[crate::slot::EXCEPTION].elem,
            ErrorKindCode::NotCalled as u8,
            "and says that no argument was read"
        );
        // A new closure may reuse the slot, never the handle.
        let d = JsClosure::new(|| 1u8);
        assert_ne!(d.handle(), h);
        assert_eq!(call_closure(h, &mut slots), 1);
    }

    #[test]
    fn forged_handles_are_errors() {
        let live = JsClosure::new(|| 7u8);
        let entry = typed_entry(live.handle()).unwrap();
        let mut slots = [Slot::ZERO; 2];
        for bits in [1u64, 0xffff_ffff, (5 << 21) | 1, (1 << 53) - 1] {
            let h = Handle::from_bits(bits).unwrap();
            if h == live.handle() {
                continue;
            }
            assert_eq!(call_closure(h, &mut slots), 1);
            assert_eq!(call_typed(entry, h, &[]), None);
        }
        assert_eq!(call_typed(entry, live.handle(), &[]), Some(7.0));
    }

    #[test]
    fn a_closure_slot_reused_2_pow_16_plus_1_times_never_runs_for_an_old_handle() {
        let ran = Rc::new(Cell::new(0u32));
        let mut old = Vec::new();
        for _ in 0..(1u32 << 16) + 1 {
            let r = ran.clone();
            let c = JsClosure::new(move |x: i32| {
                r.set(r.get() + 1);
                x
            });
            old.push(c.handle());
        }
        let r = ran.clone();
        let live = JsClosure::new(move |x: i32| {
            r.set(r.get() + 1);
            x
        });
        let entry = typed_entry(live.handle()).unwrap();
        let mut slots = [Slot::ZERO; 3];
        for h in &old {
            assert_ne!(*h, live.handle());
            assert_eq!(call_closure(*h, &mut slots), 1, "{h}");
            assert_eq!(call_typed(entry, *h, &[1.0]), None, "{h}");
            assert!(closure_signature(*h).is_none());
        }
        assert_eq!(ran.get(), 0, "no old handle reached the live closure");
        assert_eq!(call_typed(entry, live.handle(), &[4.0]), Some(4.0));
        assert_eq!(ran.get(), 1);
    }

    /// A typed entry is a function of its closure's type: JS calling it with the handle of a
    /// live closure of another type (with the same signature) must not run that closure as this
    /// type (its captures have another layout): the entry refuses, and the slot path runs.
    #[test]
    fn a_typed_entry_refuses_a_closure_of_another_type() {
        let big = [3i32; 64];
        let a = JsClosure::new(move |x: i32| x + big[63]);
        let small = 5u8;
        let b = JsClosure::new(move |x: i32| x * i32::from(small));
        let (ea, eb) = (
            typed_entry(a.handle()).unwrap(),
            typed_entry(b.handle()).unwrap(),
        );
        assert_ne!(ea.table_index(), eb.table_index());
        assert_eq!(call_typed(ea, a.handle(), &[2.0]), Some(5.0));
        assert_eq!(call_typed(eb, b.handle(), &[2.0]), Some(10.0));
        assert_eq!(call_typed(ea, b.handle(), &[2.0]), None);
        assert_eq!(call_typed(eb, a.handle(), &[2.0]), None);
        // Two closures of one type share the entry, each its own captures.
        let make = |k: i32| JsClosure::new(move |x: i32| x - k);
        let (c1, c2) = (make(1), make(2));
        let e = typed_entry(c1.handle()).unwrap();
        assert_eq!(
            e.table_index(),
            typed_entry(c2.handle()).unwrap().table_index()
        );
        assert_eq!(call_typed(e, c1.handle(), &[10.0]), Some(9.0));
        assert_eq!(call_typed(e, c2.handle(), &[10.0]), Some(8.0));
    }

    /// The typed path: only closures of at most four plain values have one; the i32 form for
    /// integers, bools and chars, the f64 form otherwise; a closure running already is refused.
    #[test]
    fn typed_entries_by_signature() {
        use TypedEntry::*;
        let kind = |c: &JsClosure| {
            typed_entry(c.handle()).map(|e| match e {
                I0(_) | I1(_) | I2(_) | I3(_) | I4(_) => "i32",
                _ => "f64",
            })
        };
        assert_eq!(
            kind(&JsClosure::new(|a: u32, b: bool| a + u32::from(b))),
            Some("i32")
        );
        assert_eq!(kind(&JsClosure::new(|a: f64| a)), Some("f64"));
        assert_eq!(kind(&JsClosure::new(|a: i32| f64::from(a))), Some("f64"));
        assert_eq!(
            kind(&JsClosure::new(|a: i32, b: i32, c: i32, d: i32| a
                + b
                + c
                + d)),
            Some("i32")
        );
        assert_eq!(
            kind(&JsClosure::new(|a: i32, b: i32, c: i32, d: i32, e: i32| a
                + b
                + c
                + d
                + e)),
            None
        );
        assert_eq!(kind(&JsClosure::new(|s: String| s.len() as u32)), None);
        let c = JsClosure::new(|a: u32| a.wrapping_mul(2));
        let e = typed_entry(c.handle()).unwrap();
        assert_eq!(
            call_typed(e, c.handle(), &[-1294967296.0]),
            Some(f64::from(1705032704u32 as i32))
        );
        // Running already: the entry refuses (JS then takes the slot path, which reports it).
        let slot: Rc<Cell<Option<(TypedEntry, Handle)>>> = Rc::new(Cell::new(None));
        let seen = Rc::new(Cell::new(0.0));
        let (s2, seen2) = (slot.clone(), seen.clone());
        let r = JsClosure::new(move |x: f64| {
            if let Some((e, h)) = s2.get() {
                seen2.set(call_typed(e, h, &[x]).unwrap_or(-1.0));
            }
            x
        });
        slot.set(Some((typed_entry(r.handle()).unwrap(), r.handle())));
        assert_eq!(
            call_typed(typed_entry(r.handle()).unwrap(), r.handle(), &[2.5]),
            Some(2.5)
        );
        assert_eq!(seen.get(), -1.0, "the re-entrant call was refused");
    }

    /// A function's typed entry (`from_fn`) calls it without the handle: any handle gives the
    /// same result, it runs re-entrantly, and its slot path is the closure's. Its entry is not a
    /// closure's of the same signature (that one checks the handle).
    #[test]
    fn function_entries_need_no_handle_and_may_be_re_entered() {
        fn add(a: i32, b: u32) -> u32 {
            (a as u32).wrapping_add(b)
        }
        let f = JsClosure::from_fn(add);
        let e = typed_entry(f.handle()).unwrap();
        assert!(matches!(e, TypedEntry::SI2(_)));
        let forged = Handle::from_bits(12345).unwrap();
        assert_eq!(call_typed(e, f.handle(), &[2.0, 3.0]), Some(5.0));
        assert_eq!(call_typed(e, forged, &[-1.0, 3.0]), Some(2.0));
        let closure = JsClosure::new(add);
        let ce = typed_entry(closure.handle()).unwrap();
        assert_ne!(ce.table_index(), e.table_index());
        assert_eq!(call_typed(ce, forged, &[2.0, 3.0]), None);
        let h = JsClosure::from_fn(|x: f64| x.sqrt());
        let he = typed_entry(h.handle()).unwrap();
        assert!(matches!(he, TypedEntry::SF1(_)));
        assert_eq!(call_typed(he, forged, &[16.0]), Some(4.0));
        // Re-entered: a function of plain values calling its own entry from inside.
        thread_local!(static DEPTH: Cell<u32> = const { Cell::new(0) });
        thread_local!(static ENTRY: Cell<Option<TypedEntry>> = const { Cell::new(None) });
        fn recurse(n: u32) -> u32 {
            DEPTH.with(|d| d.set(d.get().max(n)));
            match (n, ENTRY.with(Cell::get)) {
                (0, _) | (_, None) => 0,
                (n, Some(e)) => {
                    let h = Handle::from_bits(1).unwrap();
                    1 + call_typed(e, h, &[f64::from(n - 1)]).unwrap() as u32
                }
            }
        }
        let r = JsClosure::from_fn(recurse);
        ENTRY.with(|c| c.set(typed_entry(r.handle())));
        assert_eq!(
            call_typed(typed_entry(r.handle()).unwrap(), r.handle(), &[5.0]),
            Some(5.0)
        );
        assert_eq!(DEPTH.with(Cell::get), 5);
        // The slot path (JS's way when the typed path cannot be taken) is the closure's.
        let mut slots = [Slot::ZERO; 4];
        6i32.write(&mut slots[2]);
        7u32.write(&mut slots[3]);
        assert_eq!(call_closure(f.handle(), &mut slots), 0);
        assert_eq!(slots[crate::slot::RESULT].value as u32, 13);
        // The slot path of a function runs re-entrantly too (a closure's refuses).
        thread_local!(static SELF: Cell<Option<Handle>> = const { Cell::new(None) });
        fn nest(n: u32) -> String {
            let Some(h) = SELF.with(Cell::get).filter(|_| n > 0) else {
                return String::from("0");
            };
            let mut slots = [Slot::ZERO; 3];
            (n - 1).write(&mut slots[ARG0]);
            assert_eq!(call_closure(h, &mut slots), 0, "re-entered at {n}");
            let inner = slots[crate::slot::RESULT].len;
            format!("{n}+{inner}")
        }
        let s = JsClosure::from_fn(nest);
        assert!(
            typed_entry(s.handle()).is_none(),
            "a String result: slot path"
        );
        SELF.with(|c| c.set(Some(s.handle())));
        let mut slots = [Slot::ZERO; 3];
        3u32.write(&mut slots[ARG0]);
        assert_eq!(call_closure(s.handle(), &mut slots), 0);
        assert!(slots[crate::slot::RESULT].len > 1);
        // The same as a closure: the inner call is refused.
        let c = JsClosure::new(nest);
        SELF.with(|cell| cell.set(Some(c.handle())));
        let mut slots = [Slot::ZERO; 3];
        1u32.write(&mut slots[ARG0]);
        let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            call_closure(c.handle(), &mut slots)
        }));
        assert!(
            refused.is_err(),
            "the closure's inner call was refused (status 1)"
        );
        SELF.with(|cell| cell.set(None));
        // Not plain values: no typed entry; five parameters: none either.
        assert!(typed_entry(JsClosure::from_fn(|s: String| s.len() as u32).handle()).is_none());
        let five = |a: i32, b: i32, c: i32, d: i32, e: i32| a + b + c + d + e;
        assert!(typed_entry(JsClosure::from_fn(five).handle()).is_none());
    }

    /// `&str` parameters: closures and functions read them from the slots (borrowed), in any
    /// position among up to three parameters; functions of plain values besides get a typed
    /// entry (JS's to call), closures take the slot path.
    #[test]
    fn str_parameters_in_every_position() {
        let mut slots = [Slot::ZERO; 5];
        let text = "héllo";
        let put = |slots: &mut [Slot; 5], i: usize, s: &str| {
            slots[ARG0 + i].value = s.as_ptr() as u64;
            slots[ARG0 + i].len = s.len() as u32;
            slots[ARG0 + i].ty = JsType::String as u8;
        };
        let c = JsClosure::new(|s: &str| s.chars().count() as u32);
        assert_eq!(
            closure_signature(c.handle()).unwrap().0[0],
            JsType::String as Code
        );
        assert!(typed_entry(c.handle()).is_none(), "a closure: slot path");
        put(&mut slots, 0, text);
        assert_eq!(call_closure(c.handle(), &mut slots), 0);
        assert_eq!(slots[crate::slot::RESULT].value as u32, 5);
        // A number, then a string, then a number: a function.
        fn mid(a: i32, s: &str, b: f64) -> f64 {
            f64::from(a) + s.len() as f64 + b
        }
        let f = JsClosure::from_fn(mid);
        assert!(matches!(typed_entry(f.handle()), Some(TypedEntry::Str(_))));
        7i32.write(&mut slots[ARG0]);
        put(&mut slots, 1, "abc");
        0.5f64.write(&mut slots[ARG0 + 2]);
        assert_eq!(call_closure(f.handle(), &mut slots), 0);
        assert_eq!(f64::from_bits(slots[crate::slot::RESULT].value), 10.5);
        // Three strings.
        let three =
            JsClosure::from_fn(|a: &str, b: &str, c: &str| format!("{a}{b}{c}").len() as u32);
        assert!(matches!(
            typed_entry(three.handle()),
            Some(TypedEntry::Str(_))
        ));
        put(&mut slots, 0, "a");
        put(&mut slots, 1, "bb");
        put(&mut slots, 2, "ccc");
        assert_eq!(call_closure(three.handle(), &mut slots), 0);
        assert_eq!(slots[crate::slot::RESULT].value as u32, 6);
        // A string result, or an object among the parameters: no typed entry.
        assert!(typed_entry(JsClosure::from_fn(|s: &str| s.to_uppercase()).handle()).is_none());
        let o = JsClosure::from_fn(|s: &str, o: JsObject| s.len() + usize::from(o.handle() > 0));
        assert!(typed_entry(o.handle()).is_none());
        // Bytes that are not UTF-8 are the argument's error.
        let bad = [b'a', 0xff];
        slots[ARG0].value = bad.as_ptr() as u64;
        slots[ARG0].len = 2;
        1u32.write(&mut slots[ARG0 + 1]);
        let c2 = JsClosure::new(|s: &str, n: u32| s.len() as u32 + n);
        assert_eq!(call_closure(c2.handle(), &mut slots), 1);
        put(&mut slots, 0, "ab");
        assert_eq!(call_closure(c2.handle(), &mut slots), 0);
        assert_eq!(slots[crate::slot::RESULT].value as u32, 3);
    }

    #[test]
    fn a_million_closures_created_and_dropped() {
        let before = live_closures();
        for i in 0..1_000_000u32 {
            let c = JsClosure::new(move |x: u32| x + i);
            assert!(c.handle().to_bits() != 0);
        }
        assert_eq!(live_closures(), before);
    }
}

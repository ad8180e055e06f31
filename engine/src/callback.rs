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

type Thunk = Rc<RefCell<dyn FnMut(&mut [Slot]) -> u32>>;

/// A closure's typed path, for signatures of plain values ([`FromJs::FAST`]): the arguments as
/// `f64`s JS checked (the first [`CLOSURE_FAST_MAX`](crate::fast::CLOSURE_FAST_MAX) of them, the
/// rest 0: plain wasm values, nothing goes through memory), the result as one. `None` when the
/// closure is running already (JS then takes the slot path, which reports it).
type FastThunk = Rc<dyn Fn(f64, f64, f64, f64) -> Option<f64>>;

struct Entry {
    thunk: Thunk,
    fast: Option<FastThunk>,
    params: Box<[Code]>,
    ret: Code,
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
    /// Wraps `f` (`Fn` or `FnMut`, up to 8 arguments, each [`FromJs`], returning a [`ToJs`]).
    /// JS calling it while it runs (re-entrantly) gets an error rather than a second `&mut`.
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
        let params = F::params().into_boxed_slice();
        let ret = F::ret();
        let (thunk, fast) = f.into_thunks(sealed::Token(()));
        let entry = Entry {
            thunk,
            fast,
            params,
            ret,
        };
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
    let Ok(mut f) = thunk.try_borrow_mut() else {
        return fail(slots, ErrorKindCode::Error, REENTERED);
    };
    f(slots)
}

/// Closure `handle`'s typed thunk, if it is live and has one taking `arity` arguments.
fn lookup_fast(handle: Handle, arity: usize) -> Option<FastThunk> {
    with_entry(handle, |e| {
        if e.params.len() == arity {
            e.fast.clone()
        } else {
            None
        }
    })?
}

/// Runs closure `handle`'s typed path with `args`; `None` (JS then takes the slot path, which
/// says why) when it was dropped, has no typed path of that arity, or is running already.
// Only tests call it (the wasm exports call `call_closure_fast4`).
#[cfg(test)]
fn call_closure_fast(handle: Handle, args: &[f64]) -> Option<f64> {
    let a = |i: usize| args.get(i).copied().unwrap_or(0.0);
    call_closure_fast4(handle, args.len(), a(0), a(1), a(2), a(3))
}

/// Runs closure `handle`'s typed path with `arity` arguments (the rest 0); `None` (JS then takes
/// the slot path, which says why) when it was dropped, has no typed path of that arity, or is
/// running already.
#[inline]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn call_closure_fast4(handle: Handle, arity: usize, a: f64, b: f64, c: f64, d: f64) -> Option<f64> {
    if arity > crate::fast::CLOSURE_FAST_MAX {
        return None;
    }
    let f = lookup_fast(handle, arity)?;
    f(a, b, c, d)
}

/// Runs closure `handle` on `slots` (what JS's function for it calls).
// Only tests call it (JS goes through `slotwire_call_closure`).
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
// Only tests call it (JS reads the signature through `slotwire_closure_info`).
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

/// A Rust closure [`JsClosure::new`] accepts: `FnMut(A, B, ..) -> R` for up to 8 arguments.
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
    fn into_thunks(self, token: sealed::Token) -> (Thunk, Option<FastThunk>);
}

fn arg_error(head: &mut [Slot], i: usize, e: Error) -> u32 {
    fail(
        head,
        ErrorKindCode::of_arg(&e),
        &format!("closure: argument {}: {}", i + 1, e.message()),
    )
}

macro_rules! into_closure {
    ($($t:ident $i:tt),*) => {
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
            fn into_thunks(self, _: sealed::Token) -> (Thunk, Option<FastThunk>) {
                // One closure behind both paths; a call while it runs is refused, not a second
                // `&mut`.
                let f = Rc::new(RefCell::new(self));
                let fast: Option<FastThunk> = if <[usize]>::len(&[$($i),*]) <= crate::fast::CLOSURE_FAST_MAX
                    $(&& <$t as FromJs>::FAST)* && R::FAST
                {
                    let f = f.clone();
                    Some(Rc::new(move |w0: f64, w1: f64, w2: f64, w3: f64| -> Option<f64> {
                        let mut f = f.try_borrow_mut().ok()?;
                        // Only closures of at most CLOSURE_FAST_MAX (4) parameters get a typed
                        // path (`closure_abi`); `lookup_fast` checked the arity.
                        let w = [w0, w1, w2, w3];
                        let mut k = 0;
                        $(
                            let $t = <$t as FromJs>::from_f64(w[k & 3]);
                            k += 1;
                        )*
                        let r = (f)($($t),*);
                        // No finish(): a plain value needs nothing kept alive.
                        Some(r.to_f64())
                    }))
                } else {
                    None
                };
                let slow: Thunk = Rc::new(RefCell::new(move |slots: &mut [Slot]| -> u32 {
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
                }));
                (slow, fast)
            }
        }
    };
}

into_closure!();
into_closure!(A 0);
into_closure!(A 0, B 1);
into_closure!(A 0, B 1, C 2);
into_closure!(A 0, B 1, C 2, D 3);
into_closure!(A 0, B 1, C 2, D 3, E 4);
into_closure!(A 0, B 1, C 2, D 3, E 4, G 5);
into_closure!(A 0, B 1, C 2, D 3, E 4, G 5, H 6);
into_closure!(A 0, B 1, C 2, D 3, E 4, G 5, H 6, I 7);

/// The raw exports JS's closure functions call.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::*;

    /// `slotwire_call_closure(handle, frame)`: runs closure `handle` on the frame JS wrote.
    /// `handle` is the JS number the closure's JS function was made for: it names that closure
    /// or none (so the frame always has the live closure's parameter count and types).
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_call_closure(handle: f64, frame: *mut Slot) -> u32 {
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

    /// `N` arguments padded with zeros to the typed thunk's four.
    #[inline(always)]
    fn pad<const N: usize>(args: [f64; N]) -> [f64; 4] {
        let mut w = [0.0; 4];
        w[..N].copy_from_slice(&args);
        w
    }

    macro_rules! fast_closure_exports {
        ($($name:ident($($a:ident),*);)*) => {$(
            /// The typed path of a closure of plain values (see `call_closure_fast4`): when JS
            /// must take the slot path, sets the fast area's status word to 2 and returns NaN
            /// (JS reads the status word only after a NaN, which an `f64` closure may return
            /// too).
            #[unsafe(no_mangle)]
            pub extern "C" fn $name(handle: f64, $($a: f64),*) -> f64 {
                let [a, b, c, d] = pad([$($a),*]);
                let r = Handle::from_f64(handle)
                    .and_then(|h| call_closure_fast4(h, <[f64]>::len(&[$($a),*]), a, b, c, d));
                crate::batch::before_crossing();
                match r {
                    Some(r) => r,
                    None => {
                        crate::fast::request_slot_path();
                        f64::NAN
                    }
                }
            }
        )*};
    }

    fast_closure_exports! {
        slotwire_closure_fast0();
        slotwire_closure_fast1(a0);
        slotwire_closure_fast2(a0, a1);
        slotwire_closure_fast3(a0, a1, a2);
        slotwire_closure_fast4(a0, a1, a2, a3);
    }

    macro_rules! fast_closure_i32_exports {
        ($($name:ident($($a:ident),*);)*) => {$(
            /// The typed path of a closure of integers, bools and chars (`CLOSURE_FAST_I32`):
            /// `slotwire_closure_fast<n>` with every value an `i32` — the handle as its low and
            /// high 32 bits, the arguments as JS's ToInt32 of them (each type's `from_f64`
            /// wraps a negative one back), the result as an `i32` too (a `u32` wrapped; JS
            /// unwraps it by the result type). When JS must take the slot path:
            /// `CLOSURE_I32_USE_SLOTS` and the status word 2 (JS reads the status word only after
            /// that value, which a closure may return too).
            #[unsafe(no_mangle)]
            pub extern "C" fn $name(lo: i32, hi: i32, $($a: i32),*) -> i32 {
                let bits = (u64::from(hi as u32) << 32) | u64::from(lo as u32);
                let [a, b, c, d] = pad([$(f64::from($a)),*]);
                let r = Handle::from_bits(bits)
                    .and_then(|h| call_closure_fast4(h, <[f64]>::len(&[$(f64::from($a)),*]), a, b, c, d));
                crate::batch::before_crossing();
                match r {
                    // An integer, bool or char result (closure_abi): exact in an f64, and its
                    // low 32 bits are the value (a u32 above i32::MAX wraps).
                    Some(r) => r as i64 as i32,
                    None => {
                        crate::fast::request_slot_path();
                        crate::slot::CLOSURE_I32_USE_SLOTS
                    }
                }
            }
        )*};
    }

    fast_closure_i32_exports! {
        slotwire_closure_fast_i0();
        slotwire_closure_fast_i1(a0);
        slotwire_closure_fast_i2(a0, a1);
        slotwire_closure_fast_i3(a0, a1, a2);
        slotwire_closure_fast_i4(a0, a1, a2, a3);
    }

    /// Writes closure `handle`'s signature as 3 u32s at `out`: params ptr, params len, result
    /// code. Returns 0, or 1 if the closure was dropped.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_closure_info(handle: f64, out: *mut u32) -> u32 {
        let words = Handle::from_f64(handle).and_then(|h| {
            with_entry(h, |e| {
                use crate::slot::*;
                let mut words = [0u32; CLOSURE_INFO_WORDS];
                words[CLOSURE_INFO_PARAMS_PTR] = e.params.as_ptr() as u32;
                words[CLOSURE_INFO_PARAMS_LEN] = e.params.len() as u32;
                words[CLOSURE_INFO_RET] = e.ret;
                // The typed path's decision, from the signature codes (call::fast), for JS.
                words[CLOSURE_INFO_FAST] = if e.fast.is_some() {
                    crate::fast::closure_abi(&e.params, e.ret)
                } else {
                    0
                };
                words
            })
        });
        let Some(words) = words else { return 1 };
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
        let mut slots = [Slot::ZERO; 2];
        for bits in [1u64, 0xffff_ffff, (5 << 21) | 1, (1 << 53) - 1] {
            let h = Handle::from_bits(bits).unwrap();
            assert_eq!(call_closure(h, &mut slots), 1);
            assert!(call_closure_fast(h, &[]).is_none());
        }
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
        let mut slots = [Slot::ZERO; 3];
        for h in &old {
            assert_ne!(*h, live.handle());
            assert_eq!(call_closure(*h, &mut slots), 1, "{h}");
            assert!(call_closure_fast(*h, &[1.0]).is_none(), "{h}");
            assert!(closure_signature(*h).is_none());
        }
        assert_eq!(ran.get(), 0, "no old handle reached the live closure");
        assert_eq!(call_closure_fast(live.handle(), &[4.0]), Some(4.0));
        assert_eq!(
            call_closure_fast(live.handle(), &[4.0, 5.0]),
            None,
            "another arity is refused"
        );
        assert_eq!(ran.get(), 1);
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

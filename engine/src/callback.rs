//! Callbacks both ways: JS functions called from Rust ([`JsFunction`]) and Rust closures called
//! from JS ([`JsClosure`]).
//!
//! A `JsClosure` lives in a slab on the Rust side; JS gets one function per closure, made the
//! first time the closure crosses and reused after that — so the same closure passed twice is
//! the same JS function, and `removeEventListener` finds what `addEventListener` got. Dropping the
//! closure frees its slot; a JS function still holding it then throws instead of calling freed
//! memory (the handle carries a generation count, so a reused slot is never mistaken for it).

use std::cell::RefCell;
use std::marker::PhantomData;
use std::rc::Rc;

use slab::Slab;

use crate::call::frame::{fail, ErrorKindCode};
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
    pub fn call(&self, args: A) -> core::result::Result<R, JsError> {
        self.object.apply(args).map_err(JsError::from)
    }

    /// The function as a [`JsObject`] (to read its properties, or pass it on untyped).
    pub fn as_object(&self) -> &JsObject {
        &self.object
    }
}

impl<A, R> JsFunction<A, R> {
    /// The function as a [`JsObject`], by value.
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
/// `f64`s JS checked, the result as one. `None` when the closure is running already (JS then
/// takes the slot path, which reports it).
type FastThunk = Rc<dyn Fn(&[f64]) -> Option<f64>>;

struct Entry {
    thunk: Thunk,
    fast: Option<FastThunk>,
    params: Box<[Code]>,
    ret: Code,
    generation: u32,
}

thread_local! {
    static CLOSURES: RefCell<Slab<Entry>> = const { RefCell::new(Slab::new()) };
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

const KEY_BITS: u32 = 20;
const KEY_MASK: u32 = (1 << KEY_BITS) - 1;

fn handle_of(key: usize, generation: u32) -> u32 {
    ((generation & 0xfff) << KEY_BITS) | (key as u32 + 1)
}

/// Looks a closure handle up: its slab key, if the handle is live.
fn key_of(handle: u32) -> Option<usize> {
    let key = (handle & KEY_MASK).checked_sub(1)? as usize;
    let generation = handle >> KEY_BITS;
    CLOSURES.with(|c| {
        let c = c.borrow();
        let e = c.get(key)?;
        (e.generation & 0xfff == generation).then_some(key)
    })
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
    handle: u32,
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
    pub fn new<Args, F: IntoClosure<Args>>(f: F) -> JsClosure {
        let params = F::params().into_boxed_slice();
        let ret = F::ret();
        let (thunk, fast) = f.into_thunks(sealed::Token(()));
        let generation = GENERATION.with(|g| {
            let n = g.get().wrapping_add(1);
            g.set(n);
            n
        });
        let key = CLOSURES.with(|c| {
            c.borrow_mut().insert(Entry {
                thunk,
                fast,
                params,
                ret,
                generation,
            })
        });
        assert!(
            key < KEY_MASK as usize - 1,
            "more than a million live JsClosures"
        );
        JsClosure {
            handle: handle_of(key, generation),
            _not_send: PhantomData,
        }
    }

    /// The handle JS knows this closure by.
    pub fn handle(&self) -> u32 {
        self.handle
    }
}

impl Drop for JsClosure {
    fn drop(&mut self) {
        if let Some(key) = key_of(self.handle) {
            let entry = CLOSURES.with(|c| c.borrow_mut().remove(key));
            forget_in_js(self.handle);
            drop(entry);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn forget_in_js(handle: u32) {
    if let Ok(rt) = crate::runtime::runtime_id() {
        crate::transport::forget_closure(rt, handle);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn forget_in_js(_handle: u32) {}

/// Number of live `JsClosure`s (part of [`crate::census`]).
pub(crate) fn live_closures() -> usize {
    CLOSURES.with(|c| c.borrow().len())
}

// SAFETY: writes the closure's handle and no pointer; nothing passes to JS with it.
unsafe impl ToJs for JsClosure {
    const TYPE: JsType = JsType::Function;
    fn write(&self, slot: &mut Slot) {
        slot.len = self.handle;
        slot.elem = 1;
    }
}

/// Closure `handle`'s thunk and parameter count, if it is live (no allocation: an `Rc` clone).
fn lookup(handle: u32) -> Option<(Thunk, usize)> {
    let key = key_of(handle)?;
    CLOSURES.with(|c| {
        let c = c.borrow();
        let e = &c[key];
        Some((e.thunk.clone(), e.params.len()))
    })
}

fn dropped(slots: &mut [Slot]) -> u32 {
    fail(
        slots,
        ErrorKindCode::Error,
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

/// Closure `handle`'s typed thunk, if it is live and has one.
fn lookup_fast(handle: u32) -> Option<FastThunk> {
    let key = key_of(handle)?;
    CLOSURES.with(|c| c.borrow()[key].fast.clone())
}

/// Runs closure `handle`'s typed path with `args`; `None` (JS then takes the slot path, which
/// says why) when it was dropped, has no typed path, or is running already.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn call_closure_fast(handle: u32, args: &[f64]) -> Option<f64> {
    let f = lookup_fast(handle)?;
    f(args)
}

/// Runs closure `handle` on `slots` (what JS's function for it calls).
// Only tests call it (JS goes through `slotwire_call_closure`).
#[allow(dead_code)]
pub(crate) fn call_closure(handle: u32, slots: &mut [Slot]) -> u32 {
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
pub(crate) fn closure_signature(handle: u32) -> Option<(Box<[Code]>, Code)> {
    let key = key_of(handle)?;
    CLOSURES.with(|c| {
        let c = c.borrow();
        let e = &c[key];
        Some((e.params.clone(), e.ret))
    })
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
                let fast: Option<FastThunk> = if true $(&& <$t as FromJs>::FAST)* && R::FAST {
                    let f = f.clone();
                    Some(Rc::new(move |w: &[f64]| -> Option<f64> {
                        let mut f = f.try_borrow_mut().ok()?;
                        let mut k = 0;
                        $(
                            let $t = <$t as FromJs>::from_f64(w[k]);
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
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_call_closure(handle: u32, frame: *mut Slot) -> u32 {
        let found = lookup(handle);
        let n = found.as_ref().map_or(0, |(_, n)| *n);
        // SAFETY: the runtime passes a frame it reserved with ARG0 + (the closure's parameter
        // count, read from closure_info) slots, 8-byte aligned, untouched until this returns.
        let slots = unsafe { core::slice::from_raw_parts_mut(frame, ARG0 + n) };
        match found {
            Some((thunk, _)) => run(thunk, slots),
            None => dropped(slots),
        }
    }

    macro_rules! fast_closure_exports {
        ($($name:ident($($a:ident),*);)*) => {$(
            /// The typed path of a closure of plain values (see `call_closure_fast`): sets the
            /// fast area's status word to 2 (and returns 0) when JS must take the slot path.
            #[unsafe(no_mangle)]
            pub extern "C" fn $name(handle: u32, $($a: f64),*) -> f64 {
                match call_closure_fast(handle, &[$($a),*]) {
                    Some(r) => r,
                    None => {
                        crate::fast::request_slot_path();
                        0.0
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

    /// Writes closure `handle`'s signature as 3 u32s at `out`: params ptr, params len, result
    /// code. Returns 0, or 1 if the closure was dropped.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_closure_info(handle: u32, out: *mut u32) -> u32 {
        let Some(key) = key_of(handle) else { return 1 };
        CLOSURES.with(|c| {
            let c = c.borrow();
            let e = &c[key];
            use crate::slot::*;
            let mut words = [0u32; CLOSURE_INFO_WORDS];
            words[CLOSURE_INFO_PARAMS_PTR] = e.params.as_ptr() as u32;
            words[CLOSURE_INFO_PARAMS_LEN] = e.params.len() as u32;
            words[CLOSURE_INFO_RET] = e.ret;
            // The typed path's decision, from the signature codes (call::fast), for JS to read.
            let fast = e.fast.is_some() && crate::fast::closure_eligible(&e.params, e.ret);
            words[CLOSURE_INFO_FAST] = fast as u32;
            // SAFETY: the runtime passes 12 writable bytes, 4-byte aligned, in its frame area.
            unsafe { core::ptr::copy_nonoverlapping(words.as_ptr(), out, words.len()) };
        });
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
        // A new closure may reuse the slot, never the handle.
        let d = JsClosure::new(|| 1u8);
        assert_ne!(d.handle(), h);
        assert_eq!(call_closure(h, &mut slots), 1);
    }

    #[test]
    fn forged_handles_are_errors() {
        let mut slots = [Slot::ZERO; 2];
        for h in [0u32, 1, 0xffff_ffff, 5 << KEY_BITS] {
            assert_eq!(call_closure(h, &mut slots), 1);
        }
    }

    #[test]
    fn a_million_closures_created_and_dropped() {
        let before = live_closures();
        for i in 0..1_000_000u32 {
            let c = JsClosure::new(move |x: u32| x + i);
            assert!(c.handle() != 0);
        }
        assert_eq!(live_closures(), before);
    }
}

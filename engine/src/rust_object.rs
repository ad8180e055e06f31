//! Rust objects held by JS (the `DotNetObjectReference` / GC-handle analog).
//!
//! [`RustObject::new`] pins a value in a slab; passed to JS (as an import argument or an export
//! result) it arrives as a proxy object with `invoke(method, ...args)`, one method per export
//! named `<Type>.<method>`, `dispose()` and `isDisposed`. Exports take it back as a
//! [`RustRef<T>`] parameter. A `FinalizationRegistry` frees the value when JS drops the proxy
//! without disposing it. Handles carry a generation count: a disposed or forged handle is an
//! error, never another object.
//!
//! ```no_run
//! use slotwire::prelude::*;
//! use slotwire::{RustObject, RustRef};
//!
//! pub struct Counter { n: i32 }
//!
//! // JS: const c = rt.exports.make_counter(); c.increment(2); c.invoke("increment", 3); c.dispose();
//! #[js_export]
//! fn make_counter() -> RustObject<Counter> {
//!     RustObject::new("Counter", Counter { n: 0 })
//! }
//!
//! #[js_export(js_name = "Counter.increment")]
//! fn counter_increment(this: RustRef<Counter>, by: i32) -> i32 {
//!     let mut c = this.borrow_mut();
//!     c.n += by;
//!     c.n
//! }
//! ```

use std::any::Any;
use std::cell::{Ref, RefCell, RefMut};
use std::marker::PhantomData;
use std::rc::Rc;

use crate::handles::{Handle, HandleTable};
use crate::marshal::{FromJs, ToJs};
use crate::slot::{Slot, FLAG_OWNED};
use crate::{Error, ErrorKind, JsType, Result};

type Value = Rc<dyn Any>;

/// A Rust object and who holds it. It lives while either side does: `rust` counts the
/// [`RustObject`] values in Rust (and the one an export result hands to JS until JS has read
/// it), `js` the proxies JS made for it (each freed by `dispose()` or its FinalizationRegistry).
struct Entry {
    value: Value,
    type_name: &'static str,
    rust: u32,
    js: u32,
}

thread_local! {
    static OBJECTS: RefCell<HandleTable<Entry>> = const { RefCell::new(HandleTable::new()) };
}

/// Rust objects alive for JS or Rust (part of [`crate::census`]).
pub(crate) fn live() -> usize {
    OBJECTS.with(|o| o.borrow().len())
}

/// Takes one reference away (a Rust one, or a JS one when `js`); frees the object when none is
/// left. Returns whether there was such a reference.
fn unref(handle: Handle, js: bool) -> bool {
    let freed = OBJECTS.with(|o| {
        let mut o = o.borrow_mut();
        let Some(e) = o.get_mut(handle) else {
            return Err(());
        };
        let count = if js { &mut e.js } else { &mut e.rust };
        if *count == 0 {
            return Err(());
        }
        *count -= 1;
        Ok((e.rust == 0 && e.js == 0).then(|| o.remove(handle)))
    });
    // The value (if this was its last reference) is dropped here, outside the table's borrow:
    // its Drop may call into JS or make other objects.
    freed.is_ok()
}

/// A Rust value handed to JS as a proxy. Create it with [`RustObject::new`]. Passing it to JS
/// (an import argument, by value or by reference, or an export result) gives JS a proxy that
/// keeps the value alive until JS `dispose()`s it or drops it (its FinalizationRegistry), even
/// after this value is dropped.
///
/// ```
/// let o = slotwire::RustObject::new("Counter", 1u32);
/// let r = o.get().unwrap();
/// *r.borrow_mut() += 1;
/// assert_eq!(*r.borrow(), 2);
/// ```
pub struct RustObject<T: 'static> {
    handle: Handle,
    _t: PhantomData<(*const (), T)>,
}

impl<T: 'static> core::fmt::Debug for RustObject<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RustObject")
            .field("handle", &self.handle)
            .finish()
    }
}

impl<T: 'static> RustObject<T> {
    /// Pins `value`; `type_name` is the namespace of its methods in `rt.exports`
    /// (exports named `<type_name>.<method>` become the proxy's methods).
    ///
    /// # Panics
    ///
    /// If two million Rust objects are alive already.
    ///
    /// ```
    /// use slotwire::RustObject;
    /// let counter = RustObject::new("Counter", 0u32);
    /// *counter.get().unwrap().borrow_mut() += 1;
    /// assert_eq!(*counter.get().unwrap().borrow(), 1);
    /// ```
    pub fn new(type_name: &'static str, value: T) -> RustObject<T> {
        // JS adopts and frees Rust objects through entries Rust hands over with the first one.
        share_entries();
        let entry = Entry {
            value: Rc::new(RefCell::new(value)),
            type_name,
            rust: 1,
            js: 0,
        };
        let Ok(handle) = OBJECTS.with(|o| o.borrow_mut().insert(entry)) else {
            panic!("more than two million live RustObjects");
        };
        RustObject {
            handle,
            _t: PhantomData,
        }
    }

    /// The handle JS knows the object by (never another object's, even after this one is freed).
    ///
    /// ```
    /// let o = slotwire::RustObject::new("Thing", ());
    /// assert!(o.handle().to_f64() > 0.0);
    /// ```
    pub fn handle(&self) -> Handle {
        self.handle
    }

    /// A reference to the value, as exports receive it.
    ///
    /// ```
    /// let o = slotwire::RustObject::new("Name", String::from("Ford"));
    /// assert_eq!(o.get().unwrap().borrow().as_str(), "Ford");
    /// ```
    pub fn get(&self) -> Result<RustRef<T>> {
        RustRef::from_handle(self.handle)
    }
}

impl<T: 'static> Drop for RustObject<T> {
    /// Gives back this value's reference: frees the object unless a JS proxy holds it.
    fn drop(&mut self) {
        unref(self.handle, false);
    }
}

/// JS `dispose()` of a proxy, or its FinalizationRegistry: gives back that proxy's reference
/// (the object is freed if Rust holds none). Returns whether the handle was live and held by a
/// proxy; a stale or forged handle is a no-op.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn free(handle: Handle) -> bool {
    unref(handle, true)
}

/// JS makes a proxy for `handle` (`new_proxy`: one more JS reference) and/or takes over the
/// reference an export result handed it (`owned`: one Rust reference fewer). Returns the type
/// name, or `None` for a stale or forged handle (nothing changes then).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn adopt(handle: Handle, new_proxy: bool, owned: bool) -> Option<&'static str> {
    OBJECTS.with(|o| {
        let mut o = o.borrow_mut();
        let e = o.get_mut(handle)?;
        if new_proxy {
            e.js += 1;
        }
        if owned && e.rust > 0 && e.js > 0 {
            e.rust -= 1;
        }
        Some(e.type_name)
    })
}

/// The type name of a live handle (the proxy's method namespace).
pub fn type_name(handle: Handle) -> Option<&'static str> {
    OBJECTS.with(|o| o.borrow().get(handle).map(|e| e.type_name))
}

// SAFETY: writes the object's live handle and no pointer; `retain` hands it over to JS, which
// frees it.
unsafe impl<T: 'static> ToJs for RustObject<T> {
    const TYPE: JsType = JsType::RustObject;
    /// The handle, in the slot's `value` (8 bytes).
    fn write(&self, slot: &mut Slot) {
        slot.value = self.handle.to_bits();
    }
    /// An export result: JS takes over this value's reference when it reads it.
    fn owned_flags(&self) -> u8 {
        FLAG_OWNED
    }
    /// An export result: the reference stays, for JS to take over ([`FLAG_OWNED`]).
    fn retain(self) {
        core::mem::forget(self);
    }
}

/// A Rust object JS passed back (an export parameter): borrow it for the call.
///
/// ```
/// let o = slotwire::RustObject::new("Label", String::from("a"));
/// let r: slotwire::RustRef<String> = o.get().unwrap();
/// r.borrow_mut().push('b');
/// assert_eq!(r.borrow().as_str(), "ab");
/// ```
pub struct RustRef<T: 'static> {
    value: Rc<RefCell<T>>,
    handle: Handle,
}

impl<T: 'static> core::fmt::Debug for RustRef<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RustRef")
            .field("handle", &self.handle)
            .finish()
    }
}

/// The error of a handle that names no live object.
fn stale(handle: impl core::fmt::Display) -> Error {
    Error::new(
        ErrorKind::Type,
        format!("Rust object {handle} was disposed (or never existed)"),
    )
}

/// The error of an object a method that is running holds.
fn in_use(type_name: &str) -> Error {
    Error::new(
        ErrorKind::Type,
        format!(
            "this {type_name} is in use by a method that is still running (a `&mut self` \
             method cannot be re-entered, nor called while another method runs)"
        ),
    )
}

impl<T: 'static> RustRef<T> {
    fn from_handle(handle: Handle) -> Result<RustRef<T>> {
        let (value, type_name) = OBJECTS
            .with(|o| {
                o.borrow()
                    .get(handle)
                    .map(|e| (e.value.clone(), e.type_name))
            })
            .ok_or_else(|| stale(handle))?;
        let value = value.downcast::<RefCell<T>>().map_err(|_| {
            Error::new(
                ErrorKind::Type,
                format!(
                    "Rust object {handle} is a {type_name}, not a {}",
                    core::any::type_name::<T>()
                ),
            )
        })?;
        Ok(RustRef { value, handle })
    }

    /// The reference of a slot JS wrote, checked to be borrowable as `mutable` says.
    fn read_slot(slot: &Slot, mutable: bool) -> Result<RustRef<T>> {
        let handle = Handle::from_bits(slot.value).ok_or_else(|| stale(slot.value))?;
        let r = RustRef::from_handle(handle)?;
        let free = if mutable {
            r.value.try_borrow_mut().is_ok()
        } else {
            r.value.try_borrow().is_ok()
        };
        if !free {
            return Err(in_use(type_name(handle).unwrap_or("Rust object")));
        }
        Ok(r)
    }

    /// Borrows the value (panics if it is mutably borrowed elsewhere).
    ///
    /// ```
    /// let o = slotwire::RustObject::new("N", 5i32);
    /// let r = o.get().unwrap();
    /// assert_eq!(*r.borrow(), 5);
    /// ```
    pub fn borrow(&self) -> Ref<'_, T> {
        self.value.borrow()
    }

    /// Borrows the value mutably (panics if it is borrowed elsewhere).
    ///
    /// ```
    /// let o = slotwire::RustObject::new("N", 5i32);
    /// *o.get().unwrap().borrow_mut() = 6;
    /// assert_eq!(*o.get().unwrap().borrow(), 6);
    /// ```
    pub fn borrow_mut(&self) -> RefMut<'_, T> {
        self.value.borrow_mut()
    }

    /// Borrows the value, or `Err` if it is mutably borrowed (by a method that is running).
    ///
    /// ```
    /// let o = slotwire::RustObject::new("N", 5i32);
    /// let r = o.get().unwrap();
    /// let _held = r.borrow_mut();
    /// assert!(r.try_borrow().is_err(), "mutably borrowed");
    /// ```
    pub fn try_borrow(&self) -> Result<Ref<'_, T>> {
        self.value
            .try_borrow()
            .map_err(|_| in_use(core::any::type_name::<T>()))
    }

    /// Borrows the value mutably, or `Err` if it is borrowed (by a method that is running).
    ///
    /// ```
    /// let o = slotwire::RustObject::new("N", 5i32);
    /// let r = o.get().unwrap();
    /// let _held = r.borrow();
    /// assert!(r.try_borrow_mut().is_err(), "borrowed");
    /// ```
    pub fn try_borrow_mut(&self) -> Result<RefMut<'_, T>> {
        self.value
            .try_borrow_mut()
            .map_err(|_| in_use(core::any::type_name::<T>()))
    }

    /// The handle: the same object has the same handle.
    ///
    /// ```
    /// let o = slotwire::RustObject::new("N", 0u8);
    /// assert_eq!(o.get().unwrap().handle(), o.handle());
    /// ```
    pub fn handle(&self) -> Handle {
        self.handle
    }
}

/// Read as an export parameter: a stale handle, another type, or an object mutably borrowed by a
/// method that is running (JS re-entered it) is an `Err` JS gets, never a panic.
impl<T: 'static> FromJs for RustRef<T> {
    const TYPE: JsType = JsType::RustObject;
    unsafe fn read(slot: &Slot) -> Result<Self> {
        RustRef::read_slot(slot, false)
    }
}

/// The receiver of an exported `&mut self` method (what `#[js_export] impl` blocks take): a
/// [`RustRef`] checked, when JS passes it, to be borrowable mutably — so a method re-entered from
/// JS (or called while another method of the object runs) is an error JS gets, not a
/// `RefCell` panic that poisons the instance.
#[doc(hidden)]
pub struct RustMut<T: 'static>(RustRef<T>);

impl<T: 'static> core::ops::Deref for RustMut<T> {
    type Target = RustRef<T>;
    fn deref(&self) -> &RustRef<T> {
        &self.0
    }
}

impl<T: 'static> FromJs for RustMut<T> {
    const TYPE: JsType = JsType::RustObject;
    unsafe fn read(slot: &Slot) -> Result<Self> {
        RustRef::read_slot(slot, true).map(RustMut)
    }
}

// Hands JS the entries its proxies call (`object_adopt`, `free_object`, as indices into the
// function table: `swObjectEntries`), once per runtime, when the first Rust object is made.
// They are not wasm exports, so an app that makes no Rust object links neither.
crate::runtime::share_entries_once!(
    crate::transport::object_entries,
    wasm::object_adopt,
    wasm::free_object
);

/// The entries the JS proxies call (through the function table, [`share_entries`]).
#[cfg(target_arch = "wasm32")]
mod wasm {
    use crate::handles::Handle;

    /// `free_object(handle)`: `dispose()` or the FinalizationRegistry give back one proxy's
    /// reference. 1 if there was one; a stale or forged handle is a no-op (0).
    pub(super) extern "C" fn free_object(handle: f64) -> u32 {
        Handle::from_f64(handle).is_some_and(super::free) as u32
    }

    /// `object_adopt(handle, how, out)`: JS reads a Rust object. `how` bit 0: JS makes a
    /// new proxy for it (one more JS reference); bit 1: the slot carried [`FLAG_OWNED`] (JS takes
    /// over the reference an export result handed it). Writes the type name (ptr, len) at `out`;
    /// returns 1 (and changes nothing) if the handle is not live.
    ///
    /// [`FLAG_OWNED`]: crate::slot::FLAG_OWNED
    pub(super) extern "C" fn object_adopt(handle: f64, how: u32, out: *mut u32) -> u32 {
        let found =
            Handle::from_f64(handle).and_then(|h| super::adopt(h, how & 1 != 0, how & 2 != 0));
        let Some(name) = found else {
            return 1;
        };
        use crate::slot::*;
        let mut words = [0u32; OBJECT_TYPE_WORDS];
        words[OBJECT_TYPE_NAME_PTR] = name.as_ptr() as u32;
        words[OBJECT_TYPE_NAME_LEN] = name.len() as u32;
        // SAFETY: the runtime passes 8 writable bytes, 4-byte aligned, in its frame area.
        unsafe { core::ptr::copy_nonoverlapping(words.as_ptr(), out, words.len()) };
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Counter(i32);

    fn slot_of(h: Handle) -> Slot {
        let mut s = Slot::ZERO;
        s.value = h.to_bits();
        s
    }

    #[test]
    fn objects_are_found_by_handle_typed_and_freed() {
        let before = live();
        let o = RustObject::new("Counter", Counter(1));
        let h = o.handle();
        assert_eq!(type_name(h), Some("Counter"));
        let r = o.get().unwrap();
        r.borrow_mut().0 += 1;
        assert_eq!(r.borrow().0, 2);
        let s = slot_of(h);
        assert_eq!(read_ref::<Counter>(&s).unwrap().borrow().0, 2);
        let e = read_ref::<String>(&s).unwrap_err();
        assert!(e.message().contains("not a"), "{e}");
        // An export result: JS reads it (a new proxy, taking over Rust's reference).
        let mut head = [Slot::ZERO; 2];
        crate::export::finish(o, &mut head);
        assert_ne!(head[crate::slot::RESULT].flags & FLAG_OWNED, 0);
        assert_eq!(adopt(h, true, true), Some("Counter"));
        assert_eq!(live(), before + 1);
        assert!(free(h));
        assert!(!free(h), "double dispose is a no-op");
        assert!(
            read_ref::<Counter>(&s).is_err(),
            "use after dispose is an error"
        );
        let o2 = RustObject::new("Counter", Counter(9));
        assert_ne!(o2.handle(), h, "a reused slot gets a new handle");
        drop(o2);
        assert_eq!(live(), before);
        drop(r);
    }

    #[test]
    fn an_object_passed_to_js_lives_until_both_sides_let_go() {
        let before = live();
        // An import argument: JS makes a proxy; Rust's value drops after the call.
        let o = RustObject::new("Counter", Counter(5));
        let h = o.handle();
        assert_eq!(adopt(h, true, false), Some("Counter"));
        drop(o);
        assert_eq!(live(), before + 1, "the proxy keeps it");
        assert_eq!(read_ref::<Counter>(&slot_of(h)).unwrap().borrow().0, 5);
        assert!(free(h), "dispose");
        assert_eq!(live(), before);
        // JS disposes first: Rust's value keeps it.
        let o = RustObject::new("Counter", Counter(6));
        adopt(o.handle(), true, false);
        assert!(free(o.handle()));
        assert!(!free(o.handle()), "no proxy reference left to give back");
        assert_eq!(o.get().unwrap().borrow().0, 6);
        drop(o);
        assert_eq!(live(), before);
    }

    #[test]
    fn forged_and_stale_handles_are_errors() {
        for bits in [0u64, 1, 0xffff_ffff, 7 << 21, (1 << 53) - 1, u64::MAX] {
            assert!(read_ref::<Counter>(&slot_of_bits(bits)).is_err());
            if let Some(h) = Handle::from_bits(bits) {
                assert!(!free(h));
                assert_eq!(adopt(h, true, true), None);
            }
        }
    }

    fn read_ref<T: 'static>(s: &Slot) -> Result<RustRef<T>> {
        // SAFETY: the tests build `RustObject` slots (a handle in `value`) for these reads.
        unsafe { RustRef::<T>::read(s) }
    }

    fn read_mut<T: 'static>(s: &Slot) -> Result<RustMut<T>> {
        // SAFETY: as `read_ref`.
        unsafe { RustMut::<T>::read(s) }
    }

    fn slot_of_bits(bits: u64) -> Slot {
        let mut s = Slot::ZERO;
        s.value = bits;
        s
    }

    #[test]
    fn a_freed_object_slot_reused_2_pow_16_plus_1_times_is_never_found_by_an_old_handle() {
        let mut old = Vec::new();
        for i in 0..(1 << 16) + 1 {
            let o = RustObject::new("Counter", Counter(i));
            old.push(o.handle());
        }
        let live_one = RustObject::new("Counter", Counter(-1));
        for h in &old {
            assert!(read_ref::<Counter>(&slot_of(*h)).is_err());
            assert!(!free(*h), "a stale finalizer frees nothing");
            assert_eq!(adopt(*h, true, true), None);
        }
        assert_eq!(live_one.get().unwrap().borrow().0, -1);
    }

    #[test]
    fn a_mutably_borrowed_object_is_an_error_not_a_panic() {
        let o = RustObject::new("Counter", Counter(1));
        let s = slot_of(o.handle());
        let running = read_mut::<Counter>(&s).unwrap();
        let guard = running.borrow_mut();
        let e = read_ref::<Counter>(&s).unwrap_err();
        assert!(e.message().contains("in use by a method"), "{e}");
        assert!(read_mut::<Counter>(&s).is_err());
        drop(guard);
        let shared = read_ref::<Counter>(&s).unwrap();
        let g = shared.borrow();
        assert!(read_ref::<Counter>(&s).is_ok(), "shared borrows nest");
        assert!(read_mut::<Counter>(&s).is_err(), "not under a &self method");
        drop(g);
        assert!(read_mut::<Counter>(&s).is_ok());
    }
}

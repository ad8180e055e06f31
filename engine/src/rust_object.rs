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

use slab::Slab;

use crate::marshal::{FromJs, ToJs};
use crate::slot::Slot;
use crate::{Error, ErrorKind, JsType, Result};

type Value = Rc<dyn Any>;

struct Entry {
    value: Value,
    type_name: &'static str,
    generation: u32,
}

thread_local! {
    static OBJECTS: RefCell<Slab<Entry>> = const { RefCell::new(Slab::new()) };
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

const KEY_BITS: u32 = 20;
const KEY_MASK: u32 = (1 << KEY_BITS) - 1;

fn key_of(handle: u32) -> Option<usize> {
    let key = (handle & KEY_MASK).checked_sub(1)? as usize;
    OBJECTS.with(|o| {
        let o = o.borrow();
        let e = o.get(key)?;
        (e.generation & 0xfff == handle >> KEY_BITS).then_some(key)
    })
}

/// Rust objects alive for JS (part of [`crate::census`]).
pub(crate) fn live() -> usize {
    OBJECTS.with(|o| o.borrow().len())
}

/// A Rust value handed to JS as a proxy. Create it with [`RustObject::new`]; passing it to JS
/// gives JS the ownership (JS `dispose()`s it, or its FinalizationRegistry does).
pub struct RustObject<T: 'static> {
    handle: u32,
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
    pub fn new(type_name: &'static str, value: T) -> RustObject<T> {
        let generation = GENERATION.with(|g| {
            let n = g.get().wrapping_add(1);
            g.set(n);
            n
        });
        let key = OBJECTS.with(|o| {
            o.borrow_mut().insert(Entry {
                value: Rc::new(RefCell::new(value)),
                type_name,
                generation,
            })
        });
        assert!(
            key < KEY_MASK as usize - 1,
            "more than a million live RustObjects"
        );
        RustObject {
            handle: ((generation & 0xfff) << KEY_BITS) | (key as u32 + 1),
            _t: PhantomData,
        }
    }

    /// The handle JS knows the object by.
    pub fn handle(&self) -> u32 {
        self.handle
    }

    /// A reference to the value, as exports receive it.
    pub fn get(&self) -> Result<RustRef<T>> {
        RustRef::from_handle(self.handle)
    }
}

impl<T: 'static> Drop for RustObject<T> {
    /// A `RustObject` never passed to JS frees its value when dropped.
    fn drop(&mut self) {
        free(self.handle);
    }
}

/// Frees the value of `handle` (JS `dispose()`, the FinalizationRegistry, or a Rust drop).
/// Returns whether it was live.
pub fn free(handle: u32) -> bool {
    match key_of(handle) {
        Some(key) => {
            let e = OBJECTS.with(|o| o.borrow_mut().remove(key));
            drop(e);
            true
        }
        None => false,
    }
}

/// The type name of a live handle (the proxy's method namespace).
pub fn type_name(handle: u32) -> Option<&'static str> {
    let key = key_of(handle)?;
    OBJECTS.with(|o| Some(o.borrow()[key].type_name))
}

// SAFETY: writes the object's live handle and no pointer; `retain` hands it over to JS, which
// frees it.
unsafe impl<T: 'static> ToJs for RustObject<T> {
    const TYPE: JsType = JsType::RustObject;
    fn write(&self, slot: &mut Slot) {
        slot.len = self.handle;
    }
    /// Passing it to JS hands the value over: JS frees it.
    fn retain(self) {
        core::mem::forget(self);
    }
}

/// A Rust object JS passed back (an export parameter): borrow it for the call.
pub struct RustRef<T: 'static> {
    value: Rc<RefCell<T>>,
    handle: u32,
}

impl<T: 'static> core::fmt::Debug for RustRef<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RustRef")
            .field("handle", &self.handle)
            .finish()
    }
}

impl<T: 'static> RustRef<T> {
    fn from_handle(handle: u32) -> Result<RustRef<T>> {
        let key = key_of(handle).ok_or_else(|| {
            Error::new(
                ErrorKind::Type,
                format!("Rust object {handle} was disposed (or never existed)"),
            )
        })?;
        let value = OBJECTS.with(|o| o.borrow()[key].value.clone());
        let value = value.downcast::<RefCell<T>>().map_err(|_| {
            Error::new(
                ErrorKind::Type,
                format!(
                    "Rust object {handle} is a {}, not a {}",
                    type_name(handle).unwrap_or("?"),
                    core::any::type_name::<T>()
                ),
            )
        })?;
        Ok(RustRef { value, handle })
    }

    /// Borrows the value (an error-free panic only if it is mutably borrowed elsewhere).
    pub fn borrow(&self) -> Ref<'_, T> {
        self.value.borrow()
    }

    /// Borrows the value mutably.
    pub fn borrow_mut(&self) -> RefMut<'_, T> {
        self.value.borrow_mut()
    }

    /// The handle: the same object has the same handle.
    pub fn handle(&self) -> u32 {
        self.handle
    }
}

impl<T: 'static> FromJs for RustRef<T> {
    const TYPE: JsType = JsType::RustObject;
    unsafe fn read(slot: &Slot) -> Result<Self> {
        RustRef::from_handle(slot.len)
    }
}

/// The raw exports the JS proxies call.
#[cfg(target_arch = "wasm32")]
mod wasm {
    /// `slotwire_free_object(handle)`: `dispose()` or the FinalizationRegistry. 1 if it was live.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_free_object(handle: u32) -> u32 {
        super::free(handle) as u32
    }

    /// Writes the type name of `handle` (ptr, len) at `out`; returns 1 if it is not live.
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_object_type(handle: u32, out: *mut u32) -> u32 {
        let Some(name) = super::type_name(handle) else {
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

    #[test]
    fn objects_are_found_by_handle_typed_and_freed() {
        let before = live();
        let o = RustObject::new("Counter", Counter(1));
        let h = o.handle();
        assert_eq!(type_name(h), Some("Counter"));
        let r = o.get().unwrap();
        r.borrow_mut().0 += 1;
        assert_eq!(r.borrow().0, 2);
        let mut s = Slot::ZERO;
        s.len = h;
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        assert_eq!(
            unsafe { RustRef::<Counter>::read(&s) }.unwrap().borrow().0,
            2
        );
        // SAFETY: the test built this slot for the type read; what it points at is alive.
        let e = unsafe { RustRef::<String>::read(&s) }.unwrap_err();
        assert!(e.message().contains("not a"), "{e}");
        o.retain(); // handed to JS
        assert_eq!(live(), before + 1);
        assert!(free(h));
        assert!(!free(h), "double dispose is a no-op");
        assert!(
            // SAFETY: the test built this slot for the type read; what it points at is alive.
            unsafe { RustRef::<Counter>::read(&s) }.is_err(),
            "use after dispose is an error"
        );
        let o2 = RustObject::new("Counter", Counter(9));
        assert_ne!(o2.handle(), h, "a reused slot gets a new handle");
        drop(o2);
        assert_eq!(live(), before);
        drop(r);
    }

    #[test]
    fn forged_handles_are_errors() {
        for h in [0u32, 1, 0xffff_ffff, 7 << KEY_BITS] {
            let mut s = Slot::ZERO;
            s.len = h;
            // SAFETY: the test built this slot for the type read; what it points at is alive.
            assert!(unsafe { RustRef::<Counter>::read(&s) }.is_err());
        }
    }
}

//! Memory views: Rust buffers JS reads and writes in place (.NET's `Span` / `ArraySegment`
//! behind `IMemoryView`). The JS half is `js-runtime/src/memory-view.js`.
//!
//! - A **span** is a `&[T]` / `&mut [T]` argument: JS gets a `MemoryView` valid only during the
//!   call (the marshalling of spans lives with the other marshalers, not here).
//! - A **segment** is a [`Segment<T>`]: an owned buffer pinned in a slab, which JS sees as a
//!   `MemoryView` that lives until it is disposed. This module is the segment's Rust half.
//!
//! # Ownership of a segment
//!
//! The buffer is shared by the two sides, so it is reference-counted, with the two kinds of
//! references counted apart:
//!
//! - every [`Segment<T>`] value in Rust holds one *Rust reference* (dropping it, or
//!   [`Segment::dispose`], gives it back);
//! - every JS `MemoryView` over it holds one *JS reference*, taken by [`Segment::share_with_js`]
//!   (or by `slotwire_segment_alloc`, for a buffer JS asks for) and given back by the raw export
//!   `slotwire_segment_release(handle)`, which the view's `dispose()` or its
//!   `FinalizationRegistry` calls.
//!
//! The buffer is freed when both counts are zero — never earlier, so a JS view cannot see freed
//! memory. Nor can a raw typed array JS took with `typedArray()`: `dispose()` detaches it (by
//! `memory.grow(0)`) before it releases, a view that handed one out over the current buffer is
//! not collected, and a `&mut [T]` span's typed arrays are detached when its call returns.
//! A release from JS only ever takes back a JS reference: a runtime bug that releases
//! twice cannot free a buffer Rust still holds. A pinned buffer never moves or resizes (there is
//! no `push`), so the address JS has stays right while the segment lives.
//!
//! Segments live in the [handle table](crate::handles): a released or forged handle is an error,
//! never another buffer. [`crate::census`]`().segments` counts the live segments.
//!
//! ```
//! use slotwire::Segment;
//!
//! let samples = Segment::from_vec(vec![0.5f32, 1.5, 2.5]);
//! let handle = samples.share_with_js();      // what JS gets (with ptr, len and element type)
//! // ... JS writes through its MemoryView; Rust reads what it wrote:
//! samples.with_mut(|s| s[0] = 9.0);
//! assert_eq!(samples.to_vec(), [9.0, 1.5, 2.5]);
//! // A segment JS passes back is found by its handle, element type checked:
//! let again = Segment::<f32>::from_handle(handle)?;
//! assert_eq!(again.len(), 3);
//! assert!(Segment::<i32>::from_handle(handle).is_err());
//! # Ok::<(), slotwire::Error>(())
//! ```
//!
//! The raw wasm exports the JS runtime calls (`wasm32` only):
//!
//! | export | does |
//! |---|---|
//! | `slotwire_segment_alloc(elem_code, len) -> handle` | a zeroed buffer owned by JS alone (one JS reference); 0 for an unknown element type, a size beyond 2 GiB or no memory |
//! | `slotwire_segment_info(handle, out) -> status` | writes `ptr, len, elem_code` (three `u32`) at `out`; 0, or 1 for a stale handle |
//! | `slotwire_segment_release(handle) -> u32` | gives back one JS reference; 1 if it did, 0 for a stale handle or none held |
//!
//! A handle crosses the wasm ABI as an `f64` (a JS number below 2^53, see [`Handle`]).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use crate::handles::{Handle, HandleTable};
use crate::{Error, ErrorKind, JsType, Result};

mod sealed {
    pub trait Sealed {}
}

/// An element type of a memory view: `u8 i8 u16 i16 u32 i32 u64 i64 f32 f64` (sealed).
///
/// Each has a typed array in JS (`Uint8Array` ... `Float64Array`, `BigInt64Array` for `i64`) and
/// is [`bytemuck::Pod`]: any bits JS writes are a valid value.
///
/// ```
/// use slotwire::{JsType, ViewElement};
/// assert_eq!(<f32 as ViewElement>::ELEM, JsType::F32);
/// assert_eq!(<u64 as ViewElement>::ELEM.name(), "u64");
/// ```
pub trait ViewElement: bytemuck::Pod + sealed::Sealed {
    /// The element's type code, as a slot's `elem` byte and `slotwire_segment_info` carry it.
    const ELEM: JsType;
}

macro_rules! view_elements {
    ($($t:ty => $e:ident),* $(,)?) => {$(
        impl sealed::Sealed for $t {}
        impl ViewElement for $t {
            const ELEM: JsType = JsType::$e;
        }
    )*};
}

view_elements! {
    u8 => U8, i8 => I8, u16 => U16, i16 => I16, u32 => U32, i32 => I32,
    u64 => U64, i64 => I64, f32 => F32, f64 => F64,
}

/// The largest buffer JS may ask for, in bytes: what a wasm32 `isize` (and a typed array's
/// offset into a 4 GiB memory) can address.
const MAX_BYTES: usize = i32::MAX as usize;

/// A pinned buffer: `Rc<RefCell<Box<[T]>>>` behind `dyn Any`, and what JS needs to know of it.
struct Entry {
    buf: Rc<dyn Any>,
    ptr: usize,
    len: usize,
    elem: JsType,
    /// `Segment<T>` values alive in Rust.
    rust: u32,
    /// JS `MemoryView`s not yet released.
    js: u32,
}

thread_local! {
    static SEGMENTS: RefCell<HandleTable<Entry>> = const { RefCell::new(HandleTable::new()) };
}

/// The shared buffer of a segment.
type Shared<T> = Rc<RefCell<Box<[T]>>>;

/// Pins `buf` with the given reference counts; returns its handle and the shared buffer, or
/// `None` when two million segments are live already.
fn insert<T: ViewElement>(buf: Box<[T]>, rust: u32, js: u32) -> Option<(Handle, Shared<T>)> {
    let ptr = buf.as_ptr();
    let len = buf.len();
    let buf = Rc::new(RefCell::new(buf));
    let handle = insert_entry(Entry {
        buf: buf.clone(),
        ptr: ptr as usize,
        len,
        elem: T::ELEM,
        rust,
        js,
    })?;
    Some((handle, buf))
}

/// The table insert of [`insert`], once for every element type (`slotwire_segment_alloc` links
/// all ten of them in every app).
#[inline(never)]
fn insert_entry(entry: Entry) -> Option<Handle> {
    SEGMENTS.with(|s| s.borrow_mut().insert(entry)).ok()
}

/// Gives back one reference (a JS one when `js`); frees the entry when none is left. Returns
/// whether there was such a reference to give back.
fn unref(handle: Handle, js: bool) -> bool {
    let freed = SEGMENTS.with(|s| {
        let mut s = s.borrow_mut();
        let Some(e) = s.get_mut(handle) else {
            return Err(());
        };
        let count = if js { &mut e.js } else { &mut e.rust };
        if *count == 0 {
            return Err(());
        }
        *count -= 1;
        Ok((e.rust == 0 && e.js == 0).then(|| s.remove(handle)))
    });
    // The buffer (if this was its last reference) is dropped here, outside the slab's borrow.
    freed.is_ok()
}

/// Segments alive (part of [`crate::census`]).
pub(crate) fn live() -> usize {
    SEGMENTS.with(|s| s.borrow().len())
}

fn alloc_zeroed<T: ViewElement>(len: usize) -> Option<Handle> {
    if len.checked_mul(core::mem::size_of::<T>())? > MAX_BYTES {
        return None;
    }
    // Zeroed by the allocator (one `alloc_zeroed`, no element loop per type: this is linked
    // for all ten element types of every app).
    let buf = bytemuck::allocation::try_zeroed_slice_box::<T>(len).ok()?;
    // JS holds the only reference: no `Segment` value is made, the slab's `Rc` is the only one.
    insert(buf, 0, 1).map(|(handle, _)| handle)
}

/// `slotwire_segment_alloc`: a zeroed segment of `len` elements of type `elem_code`, owned by JS
/// (one JS reference); `None` for an unknown type, a size beyond [`MAX_BYTES`] or no memory.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn alloc_for_js(elem_code: u32, len: u32) -> Option<Handle> {
    let Ok(code) = u8::try_from(elem_code) else {
        return None;
    };
    let len = len as usize;
    match JsType::from_code(code) {
        Some(JsType::U8) => alloc_zeroed::<u8>(len),
        Some(JsType::I8) => alloc_zeroed::<i8>(len),
        Some(JsType::U16) => alloc_zeroed::<u16>(len),
        Some(JsType::I16) => alloc_zeroed::<i16>(len),
        Some(JsType::U32) => alloc_zeroed::<u32>(len),
        Some(JsType::I32) => alloc_zeroed::<i32>(len),
        Some(JsType::U64) => alloc_zeroed::<u64>(len),
        Some(JsType::I64) => alloc_zeroed::<i64>(len),
        Some(JsType::F32) => alloc_zeroed::<f32>(len),
        Some(JsType::F64) => alloc_zeroed::<f64>(len),
        _ => None,
    }
}

/// `slotwire_segment_info`: (address, element count, element type) of a live handle.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn info(handle: Handle) -> Option<(usize, usize, JsType)> {
    SEGMENTS.with(|s| s.borrow().get(handle).map(|e| (e.ptr, e.len, e.elem)))
}

/// `slotwire_segment_release`: JS gives back one reference. False (and nothing happens) for a
/// stale handle or one JS holds no reference to.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn release_js(handle: Handle) -> bool {
    unref(handle, true)
}

/// An owned buffer of `T`s pinned for JS, which sees it as a `MemoryView` (a "segment") that
/// lives until it is disposed: .NET's `ArraySegment`.
///
/// The buffer is freed when this value (and every other `Segment` of the same handle) is dropped
/// **and** every JS view of it is released — see `engine/src/view.rs`. It never moves or
/// resizes while it lives. Not `Send`: it belongs to this instance's thread.
///
/// ```
/// use slotwire::Segment;
///
/// let pixels = Segment::<u8>::new_zeroed(4);
/// pixels.with_mut(|p| p.copy_from_slice(&[1, 2, 3, 4]));
/// assert_eq!(pixels.with(|p| p.iter().map(|&x| x as u32).sum::<u32>()), 10);
/// assert_eq!(pixels.len(), 4);
/// ```
pub struct Segment<T: ViewElement> {
    handle: Handle,
    ptr: *const T,
    len: usize,
    buf: Shared<T>,
}

impl<T: ViewElement> core::fmt::Debug for Segment<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Segment")
            .field("handle", &self.handle)
            .field("elem", &T::ELEM.name())
            .field("len", &self.len)
            .finish()
    }
}

impl<T: ViewElement> Segment<T> {
    /// Pins the elements of `v` (without copying them, unless `v` has spare capacity to shed).
    ///
    /// # Panics
    ///
    /// If two million segments are alive already.
    ///
    /// ```
    /// let s = slotwire::Segment::from_vec(vec![1i64, -2, 3]);
    /// assert_eq!(s.to_vec(), [1, -2, 3]);
    /// ```
    pub fn from_vec(v: Vec<T>) -> Segment<T> {
        let v = v.into_boxed_slice();
        // The elements stay where the box put them: moving a `Box` does not move its contents.
        let (ptr, len) = (v.as_ptr(), v.len());
        match insert(v, 1, 0) {
            Some((handle, buf)) => Segment {
                handle,
                ptr,
                len,
                buf,
            },
            None => panic!("more than two million live Segments"),
        }
    }

    /// A pinned buffer of `len` zeroed elements.
    ///
    /// # Panics
    ///
    /// As `vec![0; len]` when out of memory, and as [`Segment::from_vec`].
    ///
    /// ```
    /// let s = slotwire::Segment::<f64>::new_zeroed(3);
    /// assert_eq!(s.to_vec(), [0.0; 3]);
    /// ```
    pub fn new_zeroed(len: usize) -> Segment<T> {
        Segment::from_vec(vec![T::zeroed(); len])
    }

    /// The segment of a handle JS passed back (a `MemoryView` it got from Rust, or a buffer it
    /// allocated with `slotwire_segment_alloc`). The new value holds its own Rust reference.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Type`] when the handle is stale (every reference released) or forged, or when
    /// the segment holds another element type (the message names both).
    ///
    /// ```
    /// use slotwire::{ErrorKind, Segment};
    ///
    /// let s = Segment::from_vec(vec![1u16, 2]);
    /// let same = Segment::<u16>::from_handle(s.handle())?;
    /// same.with_mut(|x| x[1] = 7);
    /// assert_eq!(s.to_vec(), [1, 7]);
    ///
    /// let e = Segment::<i32>::from_handle(s.handle()).unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::Type);
    /// assert!(e.message().contains("holds u16 elements, not i32"));
    ///
    /// let h = s.handle();
    /// drop((s, same));
    /// assert!(Segment::<u16>::from_handle(h).is_err()); // freed: the handle is stale
    /// # Ok::<(), slotwire::Error>(())
    /// ```
    pub fn from_handle(handle: Handle) -> Result<Segment<T>> {
        SEGMENTS.with(|s| {
            let mut s = s.borrow_mut();
            let e = s.get_mut(handle).ok_or_else(|| {
                Error::new(
                    ErrorKind::Type,
                    format!("segment {handle} was released (or never existed)"),
                )
            })?;
            let buf = e.buf.clone().downcast::<RefCell<Box<[T]>>>().map_err(|_| {
                Error::new(
                    ErrorKind::Type,
                    format!(
                        "segment {handle} holds {} elements, not {}",
                        e.elem.name(),
                        T::ELEM.name()
                    ),
                )
            })?;
            e.rust += 1;
            Ok(Segment {
                handle,
                ptr: e.ptr as *const T,
                len: e.len,
                buf,
            })
        })
    }

    /// Number of elements.
    ///
    /// ```
    /// assert_eq!(slotwire::Segment::<u8>::new_zeroed(5).len(), 5);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it has no elements.
    ///
    /// ```
    /// assert!(slotwire::Segment::<u8>::from_vec(vec![]).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The handle JS knows the segment by (not zero).
    ///
    /// ```
    /// let a = slotwire::Segment::<u8>::new_zeroed(1);
    /// let b = slotwire::Segment::<u8>::new_zeroed(1);
    /// assert_ne!(a.handle(), b.handle());
    /// ```
    pub fn handle(&self) -> Handle {
        self.handle
    }

    /// The address of the first element: in wasm linear memory, where JS's view starts. It stays
    /// the same while the segment lives.
    ///
    /// ```
    /// let s = slotwire::Segment::from_vec(vec![1u32, 2]);
    /// assert_eq!(s.ptr(), s.with(|x| x.as_ptr()));
    /// assert_eq!(s.ptr() as usize % 4, 0); // aligned for the element type
    /// ```
    pub fn ptr(&self) -> *const T {
        self.ptr
    }

    /// Calls `f` with the elements, as they are now (JS may have written them).
    ///
    /// Do not call into JS from `f` if JS may write to this segment meanwhile: Rust assumes the
    /// slice does not change while it is borrowed.
    ///
    /// # Panics
    ///
    /// If the segment is borrowed by [`Segment::with_mut`] (through this value or another
    /// `Segment` of the same handle), as `RefCell::borrow`.
    ///
    /// ```
    /// let s = slotwire::Segment::from_vec(vec![1.0f64, 2.0]);
    /// assert_eq!(s.with(|x| x.iter().sum::<f64>()), 3.0);
    /// ```
    pub fn with<R>(&self, f: impl FnOnce(&[T]) -> R) -> R {
        f(&self.buf.borrow())
    }

    /// Calls `f` with the elements, mutably: what it writes, JS's view reads.
    ///
    /// The same caveat as [`Segment::with`] about calling into JS from `f`.
    ///
    /// # Panics
    ///
    /// If the segment is borrowed already, as `RefCell::borrow_mut`.
    ///
    /// ```
    /// let s = slotwire::Segment::<i8>::new_zeroed(2);
    /// s.with_mut(|x| x[1] = -1);
    /// assert_eq!(s.to_vec(), [0, -1]);
    /// ```
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut [T]) -> R) -> R {
        f(&mut self.buf.borrow_mut())
    }

    /// A copy of the elements.
    ///
    /// ```
    /// assert_eq!(slotwire::Segment::from_vec(vec![3u8, 4]).to_vec(), vec![3, 4]);
    /// ```
    pub fn to_vec(&self) -> Vec<T> {
        self.with(<[T]>::to_vec)
    }

    /// Takes a JS reference and returns the handle: what the runtime calls when it hands the
    /// segment to JS as a `MemoryView`. JS gives the reference back with
    /// `slotwire_segment_release` (from `dispose()` or its `FinalizationRegistry`); until then
    /// the buffer outlives every `Segment` in Rust.
    ///
    /// ```
    /// let s = slotwire::Segment::from_vec(vec![1i16, 2]);
    /// let h = s.share_with_js();
    /// assert_eq!(h, s.handle());
    /// assert!(!s.dispose(), "JS still holds it: not freed");
    /// assert_eq!(slotwire::Segment::<i16>::from_handle(h)?.to_vec(), [1, 2]);
    /// # Ok::<(), slotwire::Error>(())
    /// ```
    pub fn share_with_js(&self) -> Handle {
        // JS makes the view of it with the view runtime.
        crate::marshal::view::link_views();
        SEGMENTS.with(|s| {
            let mut s = s.borrow_mut();
            let e = s
                .get_mut(self.handle)
                .expect("a Segment's entry lives while it does");
            e.js += 1;
        });
        self.handle
    }

    /// Gives back this value's reference now (the same as dropping it). Returns whether that
    /// freed the buffer: `false` while JS (or another `Segment`) still holds it.
    ///
    /// ```
    /// let s = slotwire::Segment::<u8>::new_zeroed(8);
    /// let h = s.handle();
    /// assert!(s.dispose());
    /// assert!(slotwire::Segment::<u8>::from_handle(h).is_err());
    /// ```
    pub fn dispose(self) -> bool {
        let handle = self.handle;
        drop(self);
        SEGMENTS.with(|s| !s.borrow().contains(handle))
    }
}

impl<T: ViewElement> Drop for Segment<T> {
    /// Gives back this value's Rust reference; the buffer is freed if it was the last reference.
    fn drop(&mut self) {
        unref(self.handle, false);
    }
}

/// The raw exports the JS runtime calls.
#[cfg(target_arch = "wasm32")]
mod wasm {
    use super::Handle;

    /// `slotwire_segment_alloc(elem_code, len)`: a zeroed segment owned by JS, its handle as a
    /// JS number; 0 on failure. The length crosses as an `f64`, so that a JS number beyond `u32`
    /// (`2**32 + 5`) is refused here instead of arriving wrapped (as 5).
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_segment_alloc(elem_code: u32, len: f64) -> f64 {
        match crate::slot::size_from_js(len).and_then(|n| u32::try_from(n).ok()) {
            Some(n) => super::alloc_for_js(elem_code, n).map_or(0.0, Handle::to_f64),
            None => 0.0,
        }
    }

    /// Writes `ptr, len, elem_code` (three `u32`) at `out`; returns 1 for a stale handle.
    ///
    /// # Safety
    ///
    /// `out` must point to 12 writable bytes (the runtime passes its frame area).
    #[unsafe(no_mangle)]
    pub unsafe extern "C" fn slotwire_segment_info(handle: f64, out: *mut u32) -> u32 {
        let Some((ptr, len, elem)) = Handle::from_f64(handle).and_then(super::info) else {
            return 1;
        };
        use crate::slot::*;
        let mut words = [0u32; SEGMENT_INFO_WORDS];
        words[SEGMENT_INFO_PTR] = ptr as u32;
        words[SEGMENT_INFO_LEN] = len as u32;
        words[SEGMENT_INFO_ELEM] = elem as u32;
        // SAFETY: the caller passes 12 writable bytes at `out`; unaligned writes need no more.
        unsafe {
            for (i, w) in words.into_iter().enumerate() {
                out.add(i).write_unaligned(w);
            }
        }
        0
    }

    /// `slotwire_segment_release(handle)`: a JS view was disposed or collected. 1 if it held a
    /// reference; a stale handle is a no-op (0).
    #[unsafe(no_mangle)]
    pub extern "C" fn slotwire_segment_release(handle: f64) -> u32 {
        Handle::from_f64(handle).is_some_and(super::release_js) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Weak;

    /// The buffer's allocation, to see when it is freed.
    fn weak<T: ViewElement>(s: &Segment<T>) -> Weak<RefCell<Box<[T]>>> {
        Rc::downgrade(&s.buf)
    }

    fn refs(handle: Handle) -> Option<(u32, u32)> {
        SEGMENTS.with(|s| s.borrow().get(handle).map(|e| (e.rust, e.js)))
    }

    #[test]
    fn every_element_type_has_its_code() {
        fn check<T: ViewElement>(name: &str, size: usize) {
            assert_eq!(T::ELEM.name(), name);
            assert_eq!(core::mem::size_of::<T>(), size);
            let s = Segment::<T>::new_zeroed(3);
            assert_eq!(info(s.handle()), Some((s.ptr() as usize, 3, T::ELEM)));
            assert_eq!(s.ptr() as usize % size, 0, "{name} aligned");
        }
        check::<u8>("u8", 1);
        check::<i8>("i8", 1);
        check::<u16>("u16", 2);
        check::<i16>("i16", 2);
        check::<u32>("u32", 4);
        check::<i32>("i32", 4);
        check::<u64>("u64", 8);
        check::<i64>("i64", 8);
        check::<f32>("f32", 4);
        check::<f64>("f64", 8);
        assert_eq!(live(), 0);
    }

    #[test]
    fn rust_only_segment_is_freed_on_drop() {
        let s = Segment::from_vec(vec![1u32, 2, 3]);
        let w = weak(&s);
        assert_eq!(live(), 1);
        assert_eq!(crate::census().segments, 1);
        assert_eq!(refs(s.handle()), Some((1, 0)));
        drop(s);
        assert!(w.upgrade().is_none(), "buffer freed");
        assert_eq!(live(), 0);
        assert_eq!(crate::census().segments, 0);
    }

    #[test]
    fn buffer_lives_until_rust_and_js_both_let_go() {
        // Rust drops first, then JS releases.
        let s = Segment::from_vec(vec![1.5f64; 4]);
        let (h, w) = (s.share_with_js(), weak(&s));
        assert_eq!(refs(h), Some((1, 1)));
        assert!(!s.dispose(), "JS holds it");
        assert!(w.upgrade().is_some());
        assert_eq!(info(h).map(|(_, len, e)| (len, e)), Some((4, JsType::F64)));
        assert!(release_js(h));
        assert!(w.upgrade().is_none(), "freed at the last release");
        assert!(!release_js(h), "a second release is a no-op");
        assert_eq!(info(h), None);

        // JS releases first, then Rust drops.
        let s = Segment::from_vec(vec![7i8]);
        let (h, w) = (s.share_with_js(), weak(&s));
        assert!(release_js(h));
        assert_eq!(s.to_vec(), [7], "still Rust's");
        assert!(
            !release_js(h),
            "JS holds no more references: Rust's is not taken"
        );
        assert_eq!(refs(h), Some((1, 0)));
        drop(s);
        assert!(w.upgrade().is_none());

        // Two JS views and a second Rust value of the same handle.
        let s = Segment::from_vec(vec![0u16; 2]);
        let h = s.share_with_js();
        s.share_with_js();
        let again = Segment::<u16>::from_handle(h).unwrap();
        let w = weak(&s);
        assert_eq!(refs(h), Some((2, 2)));
        drop(s);
        assert!(release_js(h));
        again.with_mut(|x| x[0] = 5);
        assert!(release_js(h));
        assert_eq!(again.to_vec(), [5, 0]);
        assert!(again.dispose(), "the last reference");
        assert!(w.upgrade().is_none());
        assert_eq!(live(), 0, "no leaks");
    }

    #[test]
    fn js_allocated_segments() {
        let h = alloc_for_js(JsType::I32 as u32, 3).unwrap();
        let (ptr, len, elem) = info(h).unwrap();
        assert_eq!((len, elem), (3, JsType::I32));
        assert_eq!(ptr % 4, 0);
        assert_eq!(refs(h), Some((0, 1)));
        // "JS" writes through the address (as a typed array over wasm memory would).
        // SAFETY: `ptr` is the live, aligned buffer of 3 i32 this test just allocated; no
        // reference to it exists while this writes.
        unsafe { (ptr as *mut i32).add(1).write(-9) };
        let s = Segment::<i32>::from_handle(h).unwrap();
        assert_eq!(
            s.to_vec(),
            [0, -9, 0],
            "zeroed, and Rust reads what JS wrote"
        );
        assert_eq!(s.ptr() as usize, ptr);
        let w = weak(&s);
        assert!(release_js(h));
        assert!(w.upgrade().is_some(), "Rust took a reference");
        drop(s);
        assert!(w.upgrade().is_none());

        // JS alone: released, freed.
        let h = alloc_for_js(JsType::U8 as u32, 0).expect("an empty segment is fine");
        assert!(release_js(h));
        assert_eq!(info(h), None);
        assert_eq!(live(), 0);
    }

    #[test]
    fn js_alloc_refuses_unknown_types_and_overflowing_sizes() {
        for code in [
            0u32,
            1,
            10,
            11,
            12,
            15,
            16,
            17,
            36,
            37,
            200,
            255,
            256 + 2,
            u32::MAX,
        ] {
            assert_eq!(alloc_for_js(code, 4), None, "code {code}");
        }
        assert_eq!(
            alloc_for_js(JsType::U64 as u32, u32::MAX),
            None,
            "u32::MAX * 8 bytes"
        );
        assert_eq!(alloc_for_js(JsType::U16 as u32, u32::MAX), None, "8 GiB");
        assert_eq!(
            alloc_for_js(JsType::F64 as u32, (1 << 28) + 1),
            None,
            "just past 2 GiB"
        );
        assert_eq!(
            alloc_for_js(JsType::U8 as u32, u32::MAX),
            None,
            "4 GiB of u8"
        );
        assert_eq!(live(), 0);
    }

    #[test]
    fn stale_and_forged_handles_are_errors_never_another_buffer() {
        let s = Segment::from_vec(vec![1u8]);
        let h = s.handle();
        drop(s);
        let t = Segment::from_vec(vec![2u8]);
        assert_ne!(t.handle(), h, "a reused slot gets a new handle");
        assert_eq!(
            t.handle().to_bits() & ((1 << 21) - 1),
            h.to_bits() & ((1 << 21) - 1),
            "the same slot"
        );
        let e = Segment::<u8>::from_handle(h).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type);
        assert!(e.message().contains("was released"), "{e}");
        assert_eq!(info(h), None);
        assert!(!release_js(h));
        for bits in [
            1u64,
            2,
            (1 << 21) - 1,
            u64::from(u32::MAX),
            t.handle().to_bits() ^ (1 << 21),
        ] {
            let forged = Handle::from_bits(bits).unwrap();
            assert!(Segment::<u8>::from_handle(forged).is_err(), "{bits:#x}");
            assert_eq!(info(forged), None);
            assert!(!release_js(forged));
        }
        assert_eq!(t.to_vec(), [2], "untouched");
        assert_eq!(refs(t.handle()), Some((1, 0)));
    }

    #[test]
    fn a_segment_slot_reused_2_pow_16_plus_1_times_is_never_found_by_an_old_handle() {
        let mut old = Vec::new();
        for _ in 0..(1 << 16) + 1 {
            let h = alloc_for_js(JsType::U8 as u32, 1).unwrap();
            assert!(release_js(h));
            old.push(h);
        }
        let live_one = Segment::from_vec(vec![42u8]);
        for h in &old {
            assert!(Segment::<u8>::from_handle(*h).is_err());
            assert_eq!(info(*h), None);
            assert!(!release_js(*h), "a stale release takes nothing");
        }
        assert_eq!(refs(live_one.handle()), Some((1, 0)));
        assert_eq!(live_one.to_vec(), [42]);
    }

    #[test]
    fn wrong_element_type_names_both() {
        let s = Segment::from_vec(vec![1.0f32]);
        let e = Segment::<u32>::from_handle(s.handle()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type);
        assert!(e.message().contains("holds f32 elements, not u32"), "{e}");
        assert_eq!(refs(s.handle()), Some((1, 0)), "no reference taken");
        let e = Segment::<f64>::from_handle(s.handle()).unwrap_err();
        assert!(e.message().contains("not f64"), "{e}");
    }

    #[test]
    fn pinned_buffer_does_not_move() {
        let s = Segment::from_vec(vec![0u64; 16]);
        let p = s.ptr();
        let again = Segment::<u64>::from_handle(s.handle()).unwrap();
        s.with_mut(|x| x.fill(3));
        let others: Vec<_> = (0..64).map(|_| Segment::<u64>::new_zeroed(64)).collect();
        assert_eq!(again.ptr(), p);
        assert_eq!(again.with(|x| x.as_ptr()), p);
        assert_eq!(info(s.handle()).unwrap().0, p as usize);
        assert_eq!(again.to_vec(), [3; 16]);
        drop(others);
    }

    #[test]
    #[should_panic(expected = "already mutably borrowed")]
    fn aliasing_borrows_panic() {
        let s = Segment::from_vec(vec![1u8]);
        let again = Segment::<u8>::from_handle(s.handle()).unwrap();
        s.with_mut(|_| again.with(|_| ()));
    }

    #[test]
    fn empty_segments() {
        let s = Segment::<f64>::from_vec(Vec::new());
        assert!(s.is_empty());
        assert_eq!(s.ptr() as usize % 8, 0, "dangling but aligned");
        assert_eq!(info(s.handle()).unwrap().1, 0);
    }
}

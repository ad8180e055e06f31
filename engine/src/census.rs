//! What Rust holds across the boundary, read from every handle table: [`census`]. It sits above
//! the tables (objects, closures, futures, Rust objects, segments), so none of them imports
//! another to be counted.

/// Live handles by kind, as Rust sees them.
///
/// ```
/// let before = slotwire::census();
/// let closure = slotwire::JsClosure::new(|| 1u8);
/// assert_eq!(slotwire::census().closures, before.closures + 1);
/// drop(closure);
/// assert_eq!(slotwire::census(), before);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Census {
    /// `JsObject` values alive in Rust (each clone counts; `JsFunction`s included).
    pub js_objects: usize,
    /// `JsClosure`s alive (callable from JS).
    pub closures: usize,
    /// Futures awaiting a JS promise.
    pub promises: usize,
    /// Async exports still running (their JS promises pending), and tasks
    /// [`spawn`](crate::spawn)ed and not yet complete.
    pub async_exports: usize,
    /// Rust objects alive for JS (`RustObject`s not yet disposed or collected).
    pub rust_objects: usize,
    /// Pinned buffers ([`Segment`](crate::Segment)s) held by Rust or by a JS `MemoryView`.
    pub segments: usize,
}

/// What Rust holds across the boundary: leak tests compare it before and after.
///
/// ```
/// assert_eq!(slotwire::census().js_objects, 0);
/// let s = slotwire::Segment::from_vec(vec![1u8, 2]);
/// assert_eq!(slotwire::census().segments, 1);
/// drop(s);
/// assert_eq!(slotwire::census().segments, 0);
/// ```
pub fn census() -> Census {
    crate::object::flush_releases();
    Census {
        js_objects: crate::object::live(),
        closures: crate::callback::live_closures(),
        promises: crate::future::live().0,
        async_exports: crate::future::live().1,
        rust_objects: crate::rust_object::live(),
        segments: crate::view::live(),
    }
}

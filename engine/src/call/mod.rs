//! The call protocol, both directions, below the typed references: the frame of slots and its
//! exception slot ([`frame`]), the typed trampolines with their fast area ([`fast`]) and the
//! typed bindings' own call sites ([`pool`]). It
//! uses only the slot layout and the transport; binding, export, object, callback, future,
//! rust_object and view use it.

pub(crate) mod fast;
pub(crate) mod frame;
pub(crate) mod pool;

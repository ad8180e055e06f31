//! The low-level export API: a Rust closure registered under a name at run time becomes
//! `rt.exports.<name>`, as a `#[js_export]` function does at load.
//!
//! A registered export is a [`JsClosure`] the registry keeps alive: JS calls it through the
//! closure's entries (typed for plain values, slots otherwise), checks its arguments the same
//! way, and names the export in its errors. Registering the same name again replaces it (a JS
//! reference to the old function then throws "dropped"); [`unregister_export`] removes it.

use std::cell::RefCell;

use crate::callback::{IntoClosure, IntoFn, JsClosure};
use crate::{Error, ErrorKind, Result};

thread_local! {
    /// Run-time exports by name, each alive until replaced or unregistered.
    static REGISTERED: RefCell<Vec<(Box<str>, JsClosure)>> = const { RefCell::new(Vec::new()) };
}

/// Registers `f` as `rt.exports.<name>` (dots make namespaces: `"math.add"` is
/// `rt.exports.math.add`), callable from JS until replaced or [unregistered](unregister_export).
///
/// `f` is any closure [`JsClosure::new`] takes (up to 8 arguments of [`FromJs`](crate::FromJs)
/// types, or up to 3 with `&str`s among them; a [`ToJs`](crate::ToJs) result): one of at most
/// four numbers, bools or chars, with such a result, is called through the typed entry (no
/// slots). As a `JsClosure`, it is not re-entrant: JS calling it while it runs gets an error.
/// A function (nothing captured) is cheaper: [`register_export_fn`].
///
/// Fails (kind [`ErrorKind::Type`]) if `name` is empty or has an empty segment, names a
/// `#[js_export]` function or a namespace of them, or is in `SlotwireByteStream` (slotwire's own:
/// a [`ByteStream`](crate::stream::ByteStream)'s pull; a `#[js_export]` there fails the attach).
///
/// ```no_run
/// let scale = 2.5;
/// slotwire::register_export("geometry.scale", move |x: f64| x * scale).unwrap();
/// // JS: rt.exports.geometry.scale(4) === 10
/// assert!(slotwire::unregister_export("geometry.scale"));
/// ```
pub fn register_export<Args, F: IntoClosure<Args>>(name: &str, f: F) -> Result<()> {
    check_name(name)?;
    register(name, JsClosure::new(f))
}

/// Registers function `f` (a function item, or a closure that captures nothing) as
/// `rt.exports.<name>`, as [`register_export`] does a closure, but called the way
/// [`JsClosure::from_fn`] says: of at most four numbers, bools or chars (or up to three
/// parameters with `&str`s among them) in and one out, JS calls it straight through its own wasm
/// function (no lookup, no borrow, no `String`: as cheap as a `#[js_export]`); other signatures
/// take the slot path. Either way it may be re-entered. A JS reference to it throws once it is
/// replaced or unregistered, as with `register_export`.
///
/// Fails as [`register_export`] does; a closure that captures something does not compile.
///
/// ```no_run
/// fn add(a: i32, b: i32) -> i32 {
///     a.wrapping_add(b)
/// }
/// slotwire::register_export_fn("math.add", add).unwrap();
/// slotwire::register_export_fn("math.half", |x: f64| x / 2.0).unwrap();
/// slotwire::register_export_fn("text.count", |s: &str, c: char| s.matches(c).count() as u32)
///     .unwrap();
/// // JS: rt.exports.math.add(2, 3) === 5
/// assert!(slotwire::unregister_export("math.add"));
/// ```
pub fn register_export_fn<Args, F: IntoFn<Args>>(name: &str, f: F) -> Result<()> {
    check_name(name)?;
    register(name, JsClosure::from_fn(f))
}

fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || name.split('.').any(str::is_empty) {
        return Err(Error::new(
            ErrorKind::Type,
            format!("register_export: {name:?} is not an export name (empty segment)"),
        ));
    }
    Ok(())
}

/// Publishes `closure` as export `name` and keeps it (replacing one of that name).
fn register(name: &str, closure: JsClosure) -> Result<()> {
    publish(name, &closure)?;
    let old = REGISTERED.with(|r| {
        let mut r = r.borrow_mut();
        match r.iter_mut().find(|(n, _)| &**n == name) {
            Some((_, c)) => Some(core::mem::replace(c, closure)),
            None => {
                r.push((name.into(), closure));
                None
            }
        }
    });
    // The replaced closure is dropped outside the registry's borrow (its drop calls JS).
    drop(old);
    Ok(())
}

/// Removes run-time export `name` (registered with [`register_export`]) from `rt.exports` and
/// drops its closure. `false` if no such export was registered.
///
/// ```no_run
/// slotwire::register_export("tick", || 1u32).unwrap();
/// assert!(slotwire::unregister_export("tick"));
/// assert!(!slotwire::unregister_export("tick"), "gone already");
/// ```
pub fn unregister_export(name: &str) -> bool {
    let removed = REGISTERED.with(|r| {
        let mut r = r.borrow_mut();
        let i = r.iter().position(|(n, _)| &**n == name)?;
        Some(r.swap_remove(i))
    });
    match removed {
        Some((_, closure)) => {
            withdraw(name);
            drop(closure);
            true
        }
        None => false,
    }
}

#[cfg(target_arch = "wasm32")]
fn publish(name: &str, closure: &JsClosure) -> Result<()> {
    let rt = crate::runtime::runtime_id()?;
    // A crossing that changes `rt.exports`: the calls queued before it run first (program order).
    crate::batch::before_crossing();
    crate::transport::export_closure(rt, name, closure.handle().to_f64()).map_err(|e| {
        let e = crate::transport::js_value_to_error(e);
        Error::new(ErrorKind::Type, format!("register_export: {}", e.message))
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn publish(_name: &str, _closure: &JsClosure) -> Result<()> {
    crate::runtime::runtime_id()?;
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn withdraw(name: &str) {
    if let Ok(rt) = crate::runtime::runtime_id() {
        // The calls queued before it run first, with the export still there (program order).
        crate::batch::before_crossing();
        crate::transport::unexport(rt, name);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn withdraw(_name: &str) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_before_anything_is_made() {
        let before = crate::census().closures;
        for bad in ["", "a.", ".a", "a..b"] {
            let e = register_export(bad, |x: i32| x).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Type, "{bad:?}");
        }
        assert_eq!(crate::census().closures, before);
    }

    #[test]
    fn natively_there_is_no_runtime_to_register_with() {
        let before = crate::census().closures;
        assert!(register_export("f", |x: i32| x).is_err());
        assert_eq!(crate::census().closures, before, "the closure was dropped");
        assert!(!unregister_export("f"));
    }
}

//! The link between this wasm instance and its JS runtime: attaching on first use, the panic hook
//! that poisons the instance, and loading ES modules for imports.

use std::cell::Cell;

use crate::JsError;

thread_local! {
    static RUNTIME: Cell<u32> = const { Cell::new(0) };
    /// Set by the panic hook: a panic poisoned this instance.
    static POISONED: Cell<bool> = const { Cell::new(false) };
}

/// The id of this instance's JS runtime, attaching it on first use.
///
/// Attaching hands the runtime the instance's memory and exports, checks that the JS copy of the
/// slot layout matches [`crate::slot`], registers every `#[js_export]` function and installs the
/// panic hook.
pub(crate) fn runtime_id() -> Result<u32, JsError> {
    let id = RUNTIME.with(Cell::get);
    if id != 0 {
        return Ok(id);
    }
    attach()
}

#[cfg(target_arch = "wasm32")]
fn attach() -> Result<u32, JsError> {
    use crate::transport;
    let layout = crate::slot::layout_words();
    let fast_area = &crate::fast::FAST_AREA as *const crate::fast::FastArea as usize as u32;
    let id = transport::attach(
        wasm_bindgen::memory(),
        wasm_bindgen::exports(),
        &layout,
        fast_area,
    )
    .map_err(transport::js_value_to_error)?;
    RUNTIME.with(|r| r.set(id));
    install_panic_hook(id);
    Ok(id)
}

#[cfg(not(target_arch = "wasm32"))]
fn attach() -> Result<u32, JsError> {
    Err(JsError::new("Error", crate::transport::NO_JS))
}

#[cfg(target_arch = "wasm32")]
fn install_panic_hook(runtime: u32) {
    std::panic::set_hook(Box::new(move |info| {
        POISONED.with(|p| p.set(true));
        console_error_panic_hook::hook(info);
        crate::transport::poison(runtime, &panic_message(info));
    }));
}

/// Whether a panic poisoned this instance (Rust code still running then is code that called JS
/// which called back into Rust, where the panic was).
pub(crate) fn poisoned() -> bool {
    POISONED.try_with(Cell::get).unwrap_or(false)
}

/// "message (at file:line:col)" for a panic.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let msg = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("Box<dyn Any>");
    match info.location() {
        Some(l) => format!("{msg} (at {}:{}:{})", l.file(), l.line(), l.column()),
        None => msg.to_owned(),
    }
}

/// The JS runtime object of this instance (`rt` in the JS docs): `rt.exports`, `rt.importModule`,
/// `rt.poisoned`, ... Attaches the runtime if it is not yet.
///
/// ```no_run
/// let rt: wasm_bindgen::JsValue = slotwire::runtime().unwrap();
/// ```
#[cfg(target_arch = "wasm32")]
pub fn runtime() -> Result<wasm_bindgen::JsValue, JsError> {
    Ok(crate::transport::runtime(runtime_id()?))
}

/// Loads the ES module at `url` under `name`, for `#[js_import(.., module = "name")]`: the
/// `JSHost.ImportAsync` of slotwire. Loading a name twice is a no-op (the first module stays).
/// A relative `url` resolves against the page (browser) or the working directory (Node).
/// Natively (no JavaScript) it is always an error.
///
/// ```no_run
/// # async fn f() -> Result<(), slotwire::JsError> {
/// slotwire::import_module("interop", "./interop.js").await?;
/// # Ok(()) }
/// ```
pub async fn import_module(name: &str, url: &str) -> Result<(), JsError> {
    #[cfg(target_arch = "wasm32")]
    {
        let id = runtime_id()?;
        let promise = crate::transport::import_module(id, name, url);
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(drop)
            .map_err(crate::transport::js_value_to_error)
    }
    #[cfg(not(target_arch = "wasm32"))]
    Err(JsError::new(
        "Error",
        format!(
            "cannot import {name} from {url}: {}",
            crate::transport::NO_JS
        ),
    ))
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The runtime this instance's function table was handed to (`swFunctionTable`), or 0.
    static TABLE_SHARED_WITH: Cell<u32> = const { Cell::new(0) };
}

/// Hands JS the wasm function table, once per runtime: where the entry points JS calls but
/// which are not wasm exports are (closures' typed entries, futures' `settle` and
/// `run_exports`), so that only the instances that use them link them. Only instances with such
/// an entry link this (and make wasm-bindgen export the table). False without a runtime.
#[cfg(target_arch = "wasm32")]
pub(crate) fn share_function_table() -> bool {
    let Ok(rt) = runtime_id() else {
        return false;
    };
    if TABLE_SHARED_WITH.with(Cell::get) != rt {
        crate::transport::function_table(rt, &wasm_bindgen::function_table());
        TABLE_SHARED_WITH.with(|t| t.set(rt));
    }
    true
}

/// Defines `fn share_entries()` for a feature whose two entry points JS calls through the
/// function table: it hands them over with `$hand_over` (a transport import taking the runtime
/// and the two table indices) once per runtime; natively it does nothing. Futures, closures and
/// Rust objects each call theirs where JS will first need the entries.
macro_rules! share_entries_once {
    ($hand_over:path, $a:path, $b:path) => {
        #[cfg(target_arch = "wasm32")]
        #[inline]
        fn share_entries() {
            thread_local! {
                /// The runtime the entries were handed to, or 0.
                static SHARED_WITH: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
            }
            crate::runtime::share_entries(&SHARED_WITH, |rt| {
                $hand_over(
                    rt,
                    $a as *const () as usize as u32,
                    $b as *const () as usize as u32,
                )
            });
        }

        #[cfg(not(target_arch = "wasm32"))]
        fn share_entries() {}
    };
}
pub(crate) use share_entries_once;

/// Hands JS entry points it calls through the function table (`hand_over(rt)`), once per
/// runtime (`shared_with` remembers which), after the table itself: how features that are not
/// wasm exports (futures, closures, Rust objects) reach JS only in the apps that use them.
#[cfg(target_arch = "wasm32")]
#[inline]
pub(crate) fn share_entries(
    shared_with: &'static std::thread::LocalKey<Cell<u32>>,
    hand_over: impl FnOnce(u32),
) {
    // Handed over to this runtime already (every call but the first): two loads, inline.
    let rt = RUNTIME.with(Cell::get);
    if rt != 0 && shared_with.with(Cell::get) == rt {
        return;
    }
    share_entries_now(shared_with, hand_over);
}

#[cfg(target_arch = "wasm32")]
#[cold]
fn share_entries_now(
    shared_with: &'static std::thread::LocalKey<Cell<u32>>,
    hand_over: impl FnOnce(u32),
) {
    let Ok(rt) = runtime_id() else {
        return;
    };
    if shared_with.with(Cell::get) != rt && share_function_table() {
        hand_over(rt);
        shared_with.with(|s| s.set(rt));
    }
}

/// The export JS's `load()` calls to get the runtime of a freshly instantiated module.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = "__slotwire_runtime")]
pub fn __slotwire_runtime() -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
    runtime().map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

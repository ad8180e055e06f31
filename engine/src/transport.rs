//! The wasm-bindgen transport: the few JS functions slotwire's Rust half calls, from
//! `js/slotwire.js` (the core: js-runtime/src bundled into one module by
//! `js-runtime/build/bundle.mjs`; wasm-bindgen copies it next to its glue) and, for features an
//! app pays for only when it uses them, from a snippet of their own (`js/slotwire-batch.js`,
//! `js/slotwire-objects.js`, `js/slotwire-records.js`, `js/slotwire-views.js`, which import the
//! rest from the core). All
//! marshalling happens in slots, not here.
//!
//! Natively (for `cargo test` and doctests) the same functions exist as stubs that report that
//! JavaScript is not there.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/slotwire.js")]
    extern "C" {
        /// Creates the JS runtime for this instance; returns its id.
        #[wasm_bindgen(js_name = swAttach, catch)]
        pub fn attach(
            memory: JsValue,
            exports: JsValue,
            layout: &[u32],
            fast_area: u32,
        ) -> Result<u32, JsValue>;
        /// Resolves a JS function once and keeps an invoker for it; returns the binding id.
        #[allow(clippy::too_many_arguments)]
        #[wasm_bindgen(js_name = swBind, catch)]
        pub fn bind(
            runtime: u32,
            target: &str,
            module: Option<String>,
            params: &[u32],
            ret: u32,
            fast: u32,
            key: Option<String>,
        ) -> Result<u32, JsValue>;
        /// Calls binding `id` with the slots at `slots`; returns a `STATUS_*`.
        #[wasm_bindgen(js_name = swInvoke)]
        pub fn invoke(id: u32, slots: u32) -> u32;
        /// Marks the runtime as poisoned by a panic.
        #[wasm_bindgen(js_name = swPoison)]
        pub fn poison(runtime: u32, message: &str);
        /// The JS runtime object.
        #[wasm_bindgen(js_name = swRuntime)]
        pub fn runtime(runtime: u32) -> JsValue;
        /// Releases one reference to a JS object handle (`JsObject`'s Drop).
        #[wasm_bindgen(js_name = swRelease)]
        pub fn release(runtime: u32, handle: u32);
        /// `object[name]` checked as a number of type `code` (`JsObject::get`'s typed path); a
        /// throw goes to the fast area, as fast imports report theirs.
        #[wasm_bindgen(js_name = swGetNumber)]
        pub fn get_number(
            runtime: u32,
            object: &JsValue,
            name: u32,
            name_len: u32,
            code: u32,
        ) -> f64;
        /// `object[keys[key]]` checked as a number of type `code` (`JsObject::get` with a
        /// `PropertyKey`); a throw goes to the fast area.
        #[wasm_bindgen(js_name = swGetNumberKey)]
        pub fn get_number_key(runtime: u32, object: &JsValue, key: u32, code: u32) -> f64;
        /// Interns the property name of `len` UTF-8 bytes at `ptr`; its id (from 1).
        #[wasm_bindgen(js_name = swInternKey)]
        pub fn intern_key(runtime: u32, ptr: u32, len: u32) -> u32;
        /// Releases a batch of JS object handles (dropped `JsObject`s).
        #[wasm_bindgen(js_name = swReleaseMany)]
        pub fn release_many(runtime: u32, handles: &[u32]);
        /// Adds one reference to a JS object handle (`JsObject`'s Clone).
        #[wasm_bindgen(js_name = swRetain)]
        pub fn retain(runtime: u32, handle: u32);
        /// The object of a handle.
        #[wasm_bindgen(js_name = swObjectToJs)]
        pub fn object_to_js(runtime: u32, handle: u32) -> JsValue;
        /// A handle for a JS value; 0 if it is not an object.
        #[wasm_bindgen(js_name = swObjectFromJs)]
        pub fn object_from_js(runtime: u32, value: &JsValue) -> u32;
        /// Forgets a promise whose Rust future was dropped.
        #[wasm_bindgen(js_name = swForgetPromise)]
        pub fn forget_promise(runtime: u32, id: u32);
        /// Places export `id` (registered at run time: `export::publish`) in `rt.exports`, as
        /// the runtime does for every `#[js_export]` when it attaches. Throws if its name is
        /// taken (an export of the app's clashes with it).
        #[wasm_bindgen(js_name = swPublishExport, catch)]
        pub fn publish_export(runtime: u32, id: u32) -> Result<(), JsValue>;
        /// The entries JS's closure functions call (engine/src/callback.rs): function-table
        /// indices of `closure_info` and `call_closure` (the table handed over first).
        #[wasm_bindgen(js_name = swClosureEntries)]
        pub fn closure_entries(runtime: u32, info: u32, call: u32);
        /// The entries JS drives futures through (engine/src/future.rs): function-table indices
        /// of `run_exports` and `settle` (the table handed over with `function_table` first).
        #[wasm_bindgen(js_name = swFutureEntries)]
        pub fn future_entries(runtime: u32, run_exports: u32, settle: u32);
        /// Asks JS to call `run_exports` in a microtask (async exports were woken).
        #[wasm_bindgen(js_name = swScheduleExports)]
        pub fn schedule_exports(runtime: u32);
        /// Settles the promise of an async export (`slots`: exception and result).
        #[wasm_bindgen(js_name = swSettleExport)]
        pub fn settle_export(runtime: u32, id: u32, status: u32, slots: u32);
        /// Makes closure `handle`'s function `rt.exports.<name>` (a run-time export); throws if
        /// the name is taken by a `#[js_export]` or a namespace.
        #[wasm_bindgen(js_name = swExportClosure, catch)]
        pub fn export_closure(runtime: u32, name: &str, handle: f64) -> Result<(), JsValue>;
        /// Removes run-time export `name` from `rt.exports`.
        #[wasm_bindgen(js_name = swUnexport)]
        pub fn unexport(runtime: u32, name: &str);
        /// Forgets the JS function of a dropped `JsClosure`.
        #[wasm_bindgen(js_name = swForgetClosure)]
        pub fn forget_closure(runtime: u32, handle: f64);
        /// A batch has begun (its first call is queued): JS's typed imports flush it first.
        #[wasm_bindgen(js_name = swBatchQueued)]
        pub fn batch_queued(runtime: u32);
        /// Hands the runtime this instance's wasm function table (closures' typed entries).
        #[wasm_bindgen(js_name = swFunctionTable)]
        pub fn function_table(runtime: u32, table: &JsValue);
        /// `runtime.importModule(name, url)`.
        #[wasm_bindgen(js_name = swImportModule)]
        pub fn import_module(runtime: u32, name: &str, url: &str) -> js_sys::Promise;
    }

    /// Records (engine/src/record.rs): a snippet of their own (js-runtime/src/
    /// transport-records.js, with record.js, the JS readers), which wasm-bindgen's glue imports
    /// only when the wasm calls one of these, so an app that uses no record type loads none of
    /// it. Loading it installs the readers in the core.
    #[wasm_bindgen(module = "/js/slotwire-records.js")]
    extern "C" {
        /// Registers a record layout descriptor (JSON) with the JS runtime; returns its type id.
        #[wasm_bindgen(js_name = swRecordType)]
        pub fn record_type(runtime: u32, descriptor: &str) -> u32;
        /// Does nothing: called where a descriptor is made for JS, it links the records snippet
        /// (and so the JS readers) into an app that hands descriptors over as text.
        #[wasm_bindgen(js_name = swRecordsLinked)]
        pub fn records_linked();
    }

    /// Rust objects and byte streams (engine/src/rust_object.rs, stream.rs): a snippet of their
    /// own (js-runtime/src/transport-objects.js, with rust-object.js and stream.js), which
    /// wasm-bindgen's glue imports only when the wasm calls one of these, so an app that makes
    /// no Rust object and reads no JS stream loads none of it.
    #[wasm_bindgen(module = "/js/slotwire-objects.js")]
    extern "C" {
        /// The entries JS's Rust object proxies call (engine/src/rust_object.rs): function-table
        /// indices of `object_adopt` and `free_object` (the table handed over first).
        #[wasm_bindgen(js_name = swObjectEntries)]
        pub fn object_entries(runtime: u32, adopt: u32, free: u32);
        /// Does nothing: called before a `JsStream` binds the stream readers, it links the
        /// snippet (which puts them in module "__slotwire") into every app that reads JS streams.
        #[wasm_bindgen(js_name = swObjectsLinked)]
        pub fn objects_linked();
    }

    /// Memory views (spans, segments: engine/src/marshal/view.rs, view.rs): the JS view runtime
    /// is a snippet of its own (js-runtime/src/transport-views.js, with memory-view.js), which
    /// wasm-bindgen's glue imports only when the wasm calls this.
    #[wasm_bindgen(module = "/js/slotwire-views.js")]
    extern "C" {
        /// Does nothing: called once where a view first crosses (`link_views`), it links the
        /// view runtime into every app whose wasm passes a view.
        #[wasm_bindgen(js_name = swViewsLinked)]
        pub fn views_linked();
    }

    /// Batched calls (engine/src/batch.rs): a snippet of their own (js-runtime/src/
    /// transport-batch.js), which wasm-bindgen's glue imports only when the wasm calls one of
    /// these, so an app that queues no call loads none of the batch runtime.
    #[wasm_bindgen(module = "/js/slotwire-batch.js")]
    extern "C" {
        /// Binds `target` for batched calls; its batch decoder id.
        #[wasm_bindgen(js_name = swBindBatch, catch)]
        pub fn bind_batch(
            runtime: u32,
            target: &str,
            module: Option<String>,
            params: &[u32],
            ret: u32,
        ) -> Result<u32, JsValue>;
        /// Runs the batch of `len` words at `words` (strings and spans copied at `arena`): -1 if
        /// every call ran, else the index of the call that threw (its error in the fast area).
        #[wasm_bindgen(js_name = swRunBatch)]
        pub fn run_batch(runtime: u32, words: u32, len: u32, arena: u32) -> i32;
        /// After `run_batch`: makes a handle (one reference, for Rust) for the object result of
        /// each call whose result word (an index into the batch at `words`) is in `keep`, writes
        /// it into that word, and lets the run's other results go.
        #[wasm_bindgen(js_name = swKeepBatchResults)]
        pub fn keep_batch_results(runtime: u32, words: u32, keep: &[u32]);
    }
}

#[cfg(target_arch = "wasm32")]
pub(crate) use imp::*;

#[cfg(target_arch = "wasm32")]
pub(crate) fn js_value_to_error(v: wasm_bindgen::JsValue) -> crate::JsError {
    use wasm_bindgen::{JsCast, JsValue};
    let get = |k: &str| {
        js_sys::Reflect::get(&v, &JsValue::from_str(k))
            .ok()
            .and_then(|x| x.as_string())
    };
    if v.is_instance_of::<js_sys::Error>() {
        crate::JsError {
            name: get("name").unwrap_or_else(|| "Error".into()),
            message: get("message").unwrap_or_default(),
            stack: get("stack").unwrap_or_default(),
        }
    } else {
        crate::JsError::new("Error", v.as_string().unwrap_or_else(|| format!("{v:?}")))
    }
}

/// Native stand-ins: there is no JavaScript to call.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub const NO_JS: &str = "slotwire calls JavaScript only when compiled to wasm32";

    #[allow(clippy::too_many_arguments)]
    pub fn bind(
        _runtime: u32,
        _target: &str,
        _module: Option<String>,
        _params: &[u32],
        _ret: u32,
        _fast: u32,
        _key: Option<String>,
    ) -> Result<u32, crate::JsError> {
        Err(crate::JsError::new("Error", NO_JS))
    }

    pub fn invoke(_id: u32, _slots: u32) -> u32 {
        unreachable!("{NO_JS}")
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use imp::*;

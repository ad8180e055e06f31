//! Shared pieces of the end-to-end tests (`tests/*.rs`, wasm32 only): the JS harness that runs
//! checks against `rt.exports`, and the module of JS functions the imports call.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/harness.js")]
extern "C" {
    /// Runs the named JS check against the runtime; throws (→ Err) with what went wrong.
    #[wasm_bindgen(js_name = runCheck, catch)]
    fn run_check_js(rt: &JsValue, name: &str) -> Result<(), JsValue>;
    /// Registers the functions of js/harness.js as module "t" (synchronously, from an object).
    #[wasm_bindgen(js_name = registerTestModule)]
    fn register_test_module_js(rt: &JsValue);
}

/// This instance's runtime object.
pub fn rt() -> JsValue {
    slotwire::runtime().expect("runtime attaches")
}

/// The `message` of a thrown JS value (its debug form if it has none).
pub fn js_message(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Runs the JS check `name` (see js/harness.js); panics with its message if it fails.
pub fn check(name: &str) {
    if let Err(e) = run_check_js(&rt(), name) {
        panic!("JS check `{name}` failed: {}", js_message(&e));
    }
}

/// One count of `rt.census()` (`"jsObjects"`, `"closures"`, `"promises"`, ...).
pub fn js_census(kind: &str) -> f64 {
    // Releases of dropped JsObjects are batched: send JS the pending ones first.
    slotwire::flush_releases();
    let census: js_sys::Function = js_sys::Reflect::get(&rt(), &"census".into())
        .unwrap()
        .into();
    let counts = census.call0(&rt()).unwrap();
    js_sys::Reflect::get(&counts, &kind.into())
        .unwrap()
        .as_f64()
        .unwrap_or_else(|| panic!("rt.census() has no count {kind}"))
}

/// Makes the harness functions importable as `module = "t"`.
pub fn register_test_module() {
    register_test_module_js(&rt());
}

/// The JS of `tests/{sound_typed_paths,batch_poison_typed,batch_poison_slot}.rs`
/// (js/typed_paths.js): `globalThis.tpTest`'s functions and a log read without crossing through
/// slotwire (a plain wasm-bindgen import, so reading it does not flush a batch).
pub mod typed_paths {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/js/typed_paths.js")]
    extern "C" {
        /// Installs `globalThis.tpTest` (once) and clears the log.
        #[wasm_bindgen(js_name = installTypedPaths)]
        pub fn install_js(rt: &JsValue);
        /// The log as JSON.
        #[wasm_bindgen(js_name = tpLog)]
        pub fn tp_log() -> String;
        #[wasm_bindgen(js_name = tpClear)]
        pub fn tp_clear();
        /// Calls kept function `i` with `a` from JS: "ok:<result>" or "err:<name>:<message>".
        #[wasm_bindgen(js_name = tpCall)]
        pub fn tp_call(i: u32, a: f64) -> String;
        /// "typed" or "slots": the path JS calls kept function `i` by.
        #[wasm_bindgen(js_name = tpPath)]
        pub fn tp_path(i: u32) -> String;
        /// Calls export `name` with `x` from JS: "ok:<result>" or "err:<name>:<message>".
        #[wasm_bindgen(js_name = tpCallExport)]
        pub fn tp_call_export(name: &str, x: f64) -> String;
        #[wasm_bindgen(js_name = tpExportPath)]
        pub fn tp_export_path(name: &str) -> String;
        /// Calls the export function `tpCallExport` saw last (kept across a re-registration).
        #[wasm_bindgen(js_name = tpCallOldExport)]
        pub fn tp_call_old_export(x: f64) -> String;
        /// Whether the instance is poisoned (`rt.poisoned`).
        #[wasm_bindgen(js_name = tpPoisoned)]
        pub fn tp_poisoned() -> bool;
    }
}

/// Primitive types under other names: the macros recognise the plain-value fast path by type
/// name and do not see through an alias, so a signature written with these takes the slot path.
/// `tests/{imports,exports}.rs` use them to run every fast signature through slots too.
pub mod slot_types {
    pub type Bool = bool;
    pub type U8 = u8;
    pub type I8 = i8;
    pub type U16 = u16;
    pub type I16 = i16;
    pub type U32 = u32;
    pub type I32 = i32;
    pub type F32 = f32;
    pub type F64 = f64;
    pub type Char = char;
    pub type USize = usize;
    pub type ISize = isize;
    pub type Str<'a> = &'a str;
    pub type Unit = ();
}

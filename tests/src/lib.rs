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

//! A stand-in for `slotwire::json` (the JSON interop baseline, being written in
//! `engine/src/json.rs`) with the same API, so that the json_baseline path builds and runs until
//! it lands. Build with `--features slotwire-json` to use the real one; this file then goes away.
//!
//! It works as Blazor's `IJSRuntime.Invoke` does: arguments serialized to one JSON array, one
//! crossing with the identifier and the JSON text, JS resolves the identifier once (cached),
//! parses, calls, and returns `JSON.stringify(result)`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

/// Why a JSON interop call failed.
#[derive(Debug)]
pub enum JsonInteropError {
    /// Serializing the arguments or deserializing the result failed.
    Json(String),
    /// The JS function threw.
    Js {
        /// The JS error's message.
        message: String,
    },
}

impl fmt::Display for JsonInteropError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonInteropError::Json(m) => write!(f, "JSON: {m}"),
            JsonInteropError::Js { message } => write!(f, "JS: {message}"),
        }
    }
}

impl From<serde_json::Error> for JsonInteropError {
    fn from(e: serde_json::Error) -> Self {
        JsonInteropError::Json(e.to_string())
    }
}

#[wasm_bindgen(inline_js = r#"
const cache = new Map();
function find(identifier) {
  let self = globalThis;
  let fn = globalThis;
  for (const part of identifier.split(".")) {
    self = fn;
    fn = fn == null ? undefined : fn[part];
  }
  if (typeof fn !== "function") throw new Error(`The value '${identifier}' is not a function.`);
  const entry = { fn, self };
  cache.set(identifier, entry);
  return entry;
}
export function benchJsonInvoke(identifier, argsJson) {
  const e = cache.get(identifier) ?? find(identifier);
  const args = JSON.parse(argsJson);
  const r = e.fn.apply(e.self, args === null ? [] : args);
  return r === undefined ? "null" : JSON.stringify(r);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = benchJsonInvoke)]
    fn js_invoke(identifier: &str, args_json: &str) -> Result<String, JsValue>;
}

fn call(identifier: &str, args: impl Serialize) -> Result<String, JsonInteropError> {
    let json = serde_json::to_string(&args)?;
    js_invoke(identifier, &json).map_err(|e| JsonInteropError::Js {
        message: e
            .as_string()
            .unwrap_or_else(|| format!("{e:?}"))
            .to_string(),
    })
}

/// Calls the JS function at the dotted path `identifier` (from `globalThis`) with `args` (a
/// tuple, sent as a JSON array) and deserializes its result.
pub fn invoke<T: DeserializeOwned>(
    identifier: &str,
    args: impl Serialize,
) -> Result<T, JsonInteropError> {
    Ok(serde_json::from_str(&call(identifier, args)?)?)
}

/// [`invoke`] for a function whose result is ignored.
pub fn invoke_void(identifier: &str, args: impl Serialize) -> Result<(), JsonInteropError> {
    call(identifier, args).map(drop)
}

type Method = Rc<dyn Fn(&str) -> Result<String, JsonInteropError>>;

thread_local! {
    /// assembly → method → the registered method.
    static METHODS: RefCell<HashMap<String, HashMap<String, Method>>> = RefCell::new(HashMap::new());
}

/// Registers `f` as `assembly.method` for JS's `invokeMethod(assembly, method, ...args)`; `A` is
/// the tuple of its JSON arguments.
pub fn register_method<A: DeserializeOwned, R: Serialize>(
    assembly: &str,
    method: &str,
    f: impl Fn(A) -> R + 'static,
) {
    let m: Method = Rc::new(move |json: &str| {
        let args: A = serde_json::from_str(json)?;
        Ok(serde_json::to_string(&f(args))?)
    });
    METHODS.with(|t| {
        t.borrow_mut()
            .entry(assembly.to_owned())
            .or_default()
            .insert(method.to_owned(), m)
    });
}

/// The JS half's entry (`DotNet.invokeMethod` → `invokeDotNetFromJS`): runs a registered method
/// on JSON arguments, returns its JSON result.
#[wasm_bindgen(js_name = "__bench_json_invoke_method")]
pub fn invoke_method(assembly: &str, method: &str, args_json: &str) -> Result<String, JsValue> {
    let m = METHODS.with(|t| {
        t.borrow()
            .get(assembly)
            .and_then(|a| a.get(method))
            .cloned()
    });
    let m = m.ok_or_else(|| {
        JsValue::from_str(&format!(
            "The assembly '{assembly}' does not contain a method '{method}'"
        ))
    })?;
    m(args_json).map_err(|e| JsValue::from_str(&e.to_string()))
}

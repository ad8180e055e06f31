//! The seed's JSObject, events and promises samples, in Rust with slotwire.
//!
//! The page (or `run.mjs` in Node) loads `app.js` as module "app" and calls the three exports.

use slotwire::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

// ---- JSObject: create in JS, read and set properties from Rust, pass it back to JS. ----

#[js_import("createObject", module = "app")]
fn create_object() -> JsObject;

#[js_import("summarize", module = "app")]
fn summarize(obj: &JsObject) -> String;

/// Reads and sets properties of a JS object, then lets JS summarize it.
#[js_export]
pub fn object_sample() -> Result<String, Error> {
    let obj = create_object();
    let name: String = obj.get("name")?;
    let answer: f64 = obj.get("answer")?;
    obj.set("answer", answer + 1.0)?;
    obj.set("question", format!("What does {name} get?"))?;
    Ok(summarize(&obj))
}

// ---- Events: a Rust closure as listener, added and removed with the same closure. ----

#[js_import("createTarget", module = "app")]
fn create_target() -> JsObject;

#[js_import("fire", module = "app")]
fn fire(target: &JsObject);

/// Adds a Rust closure as "click" listener, fires twice, removes it, fires again: 2 clicks.
#[js_export]
pub fn event_sample() -> Result<u32, Error> {
    let target = create_target();
    let clicks = Rc::new(Cell::new(0u32));
    let counter = clicks.clone();
    let on_click = JsClosure::new(move || counter.set(counter.get() + 1));
    target.call_method::<(&str, &JsClosure), ()>("addEventListener", ("click", &on_click))?;
    fire(&target);
    fire(&target);
    target.call_method::<(&str, &JsClosure), ()>("removeEventListener", ("click", &on_click))?;
    fire(&target);
    Ok(clicks.get())
}

// ---- Promises: await JS promises from Rust, and be awaited from JS. ----

#[js_import("wait", module = "app")]
async fn wait(ms: u32) -> Result<(), JsError>;

#[js_import("waitGetString", module = "app")]
async fn wait_get_string(ms: u32) -> Result<String, JsError>;

#[js_import("waitGetDate", module = "app")]
async fn wait_get_date(ms: u32) -> Result<JsDate, JsError>;

#[js_import("fetchText", module = "app")]
async fn fetch_text(url: &str) -> Result<String, JsError>;

#[js_import("failLater", module = "app")]
async fn fail_later(message: &str) -> Result<i32, JsError>;

/// Waits, gets a string and a date, fetches, and catches a rejection as `Err`.
#[js_export]
pub async fn promise_sample(wait_ms: u32, url: String) -> Result<String, JsError> {
    wait(wait_ms).await?;
    let s = wait_get_string(wait_ms).await?;
    let d = wait_get_date(wait_ms).await?;
    let fetched = fetch_text(&url).await?;
    let rejected = match fail_later("expected rejection").await {
        Ok(_) => "no".to_owned(),
        Err(e) => format!("caught {}: {}", e.name, e.message),
    };
    Ok(format!(
        "{s}; date {}; fetched {fetched:?}; {rejected}",
        d.millis()
    ))
}

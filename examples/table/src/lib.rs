//! A table of rows built with batched calls (`slotwire::batch`): each row is a dozen DOM calls,
//! queued, and a thousand rows cross to JS once. `index.html` shows it on a page; `run.mjs` runs
//! the same exports in Node against a small stand-in for the DOM.

use std::cell::RefCell;

use slotwire::batch::{self, BatchObject};
use slotwire::prelude::*;

#[js_import("document.createElement", batch)]
fn create_element(tag: &'static str) -> JsObject;

#[js_import(method = "appendChild", batch)]
fn append_child(parent: &JsObject, child: &JsObject);

#[js_import(setter = "textContent", batch)]
fn set_text(node: &JsObject, text: &str);

#[js_import(setter = "className", batch)]
fn set_class(node: &JsObject, class: &'static str);

thread_local! {
    /// The label cell of every row, kept to update them later.
    static LABELS: RefCell<Vec<BatchObject>> = const { RefCell::new(Vec::new()) };
}

const ADJECTIVES: [&str; 6] = ["pretty", "large", "small", "shiny", "quick", "quiet"];
const NOUNS: [&str; 6] = ["table", "chair", "house", "mouse", "pony", "lamp"];

fn label(i: u32) -> String {
    format!(
        "{} {} {i}",
        ADJECTIVES[i as usize % 6],
        NOUNS[(i as usize / 6) % 6]
    )
}

fn flushed() -> Result<(), JsError> {
    batch::flush().map_err(|e| JsError::new("Error", e.to_string()))
}

/// Appends `n` rows (`<tr><td>i</td><td>label</td></tr>`) to `tbody`, queued, one flush.
/// Returns the number of DOM calls made.
#[js_export]
pub fn build_rows(tbody: JsObject, n: u32) -> Result<u32, JsError> {
    LABELS.with(|labels| {
        let mut labels = labels.borrow_mut();
        labels.clear();
        for i in 0..n {
            let tr = create_element_queued("tr");
            let id = create_element_queued("td");
            set_text_queued(&id, &i.to_string());
            set_class_queued(&id, "id");
            append_child_queued(&tr, &id);
            let text = create_element_queued("td");
            set_text_queued(&text, &label(i));
            append_child_queued(&tr, &text);
            append_child_queued(&tbody, &tr);
            labels.push(text);
        }
    });
    flushed()?;
    Ok(n * 8)
}

/// Appends " !!!" to every 10th row's label, queued, one flush. Returns the rows updated.
#[js_export]
pub fn update_every_10th() -> Result<u32, JsError> {
    let n = LABELS.with(|labels| {
        let labels = labels.borrow();
        let mut n = 0;
        for (i, cell) in labels.iter().enumerate().step_by(10) {
            set_text_queued(cell, &format!("{} !!!", label(i as u32)));
            n += 1;
        }
        n
    });
    flushed()?;
    Ok(n)
}

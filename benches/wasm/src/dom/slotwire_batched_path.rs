//! `slotwire_batched`: the same DOM operations as `slotwire` (the same imports, declared with
//! `batch`), queued with their `_queued` twins and run by one crossing per operation
//! (`slotwire::batch::flush`). Nodes are `BatchObject` placeholders while queued, then the real
//! objects; `createElement` / `createTextNode` take `&'static str` tags, sent by address and
//! decoded once. The swap's `nextSibling` read is a direct call (it needs its result now): it
//! flushes first, as every crossing does.

use std::cell::RefCell;

use slotwire::batch::{self, BatchObject};
use slotwire::prelude::*;
use wasm_bindgen::prelude::*;

use super::{next_rows, RowData, SWAP_A, SWAP_B, UPDATE_SUFFIX};

#[js_import("globalThis.benchFns.domDocument")]
fn document() -> JsObject;

#[js_import(method = "getElementById")]
fn get_element_by_id(document: &JsObject, id: &str) -> Option<JsObject>;

#[js_import(method = "createElement", batch)]
fn create_element(document: &JsObject, tag: &'static str) -> JsObject;

#[js_import(method = "createTextNode", batch)]
fn create_text_node(document: &JsObject, data: &str) -> JsObject;

#[js_import(setter = "className", batch)]
fn set_class_name(element: &JsObject, value: &'static str);

#[js_import(setter = "textContent", batch)]
fn set_text_content(node: &JsObject, value: &str);

#[js_import(setter = "data", batch)]
fn set_data(text: &JsObject, value: &str);

#[js_import(method = "appendChild", batch)]
fn append_child(parent: &JsObject, child: &JsObject);

#[js_import(method = "insertBefore", batch)]
fn insert_before(parent: &JsObject, node: &JsObject, before: &JsObject);

#[js_import(getter = "nextSibling")]
fn next_sibling(node: &JsObject) -> Option<JsObject>;

struct Row {
    data: RowData,
    tr: BatchObject,
    /// The label's text node (the update sets its `data`).
    text: BatchObject,
}

struct State {
    document: JsObject,
    tbody: JsObject,
    rows: Vec<Row>,
    next_id: u32,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

fn js_err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

fn with_state<T>(f: impl FnOnce(&mut State) -> Result<T, JsValue>) -> Result<T, JsValue> {
    STATE.with(|s| match s.borrow_mut().as_mut() {
        Some(st) => f(st),
        None => Err(JsValue::from_str(
            "slotwire_batched: dom_begin_slotwire_batched was not called",
        )),
    })
}

/// Before a batch: finds `<tbody id="dom-slotwire_batched">`.
#[wasm_bindgen]
pub fn dom_begin_slotwire_batched() -> Result<(), JsValue> {
    let document = document();
    let tbody = get_element_by_id(&document, "dom-slotwire_batched")
        .ok_or_else(|| JsValue::from_str("slotwire_batched: no #dom-slotwire_batched"))?;
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            document,
            tbody,
            rows: Vec::new(),
            next_id: 1,
        })
    });
    Ok(())
}

/// After a batch: drops the rows and the tbody (every handle released).
#[wasm_bindgen]
pub fn dom_end_slotwire_batched() {
    STATE.with(|s| s.borrow_mut().take());
}

/// Appends 1,000 rows: 20 queued calls a row, one flush.
#[wasm_bindgen]
pub fn dom_create_slotwire_batched() -> Result<(), JsValue> {
    with_state(|st| {
        let doc = &st.document;
        let mut id_text = String::new();
        for data in next_rows(&mut st.next_id) {
            let tr = create_element_queued(doc, "tr");
            let td1 = create_element_queued(doc, "td");
            set_class_name_queued(&td1, "col-md-1");
            id_text.clear();
            {
                use std::fmt::Write;
                let _ = write!(id_text, "{}", data.id);
            }
            set_text_content_queued(&td1, &id_text);
            append_child_queued(&tr, &td1);
            let td2 = create_element_queued(doc, "td");
            set_class_name_queued(&td2, "col-md-4");
            let a = create_element_queued(doc, "a");
            let text = create_text_node_queued(doc, &data.label);
            append_child_queued(&a, &text);
            append_child_queued(&td2, &a);
            append_child_queued(&tr, &td2);
            let td3 = create_element_queued(doc, "td");
            set_class_name_queued(&td3, "col-md-1");
            let button = create_element_queued(doc, "button");
            set_class_name_queued(&button, "remove");
            set_text_content_queued(&button, "x");
            append_child_queued(&td3, &button);
            append_child_queued(&tr, &td3);
            append_child_queued(&st.tbody, &tr);
            st.rows.push(Row { data, tr, text });
        }
        batch::flush().map_err(js_err)
    })
}

/// Appends `" !!!"` to every 10th row's label: 100 queued calls, one flush.
#[wasm_bindgen]
pub fn dom_update_slotwire_batched() -> Result<(), JsValue> {
    with_state(|st| {
        for row in st.rows.iter_mut().step_by(10) {
            row.data.label.push_str(UPDATE_SUFFIX);
            set_data_queued(&row.text, &row.data.label);
        }
        batch::flush().map_err(js_err)
    })
}

/// Swaps rows 1 and 998.
#[wasm_bindgen]
pub fn dom_swap_slotwire_batched() -> Result<(), JsValue> {
    with_state(|st| {
        if st.rows.len() > SWAP_B {
            let a = st.rows[SWAP_A].tr.object().map_err(js_err)?;
            let b = st.rows[SWAP_B].tr.object().map_err(js_err)?;
            let after_b = next_sibling(&b)
                .ok_or_else(|| JsValue::from_str("slotwire_batched: row 998 is the last row"))?;
            insert_before_queued(&st.tbody, &b, &a);
            insert_before_queued(&st.tbody, &a, &after_b);
            batch::flush().map_err(js_err)?;
            st.rows.swap(SWAP_A, SWAP_B);
        }
        Ok(())
    })
}

/// Removes every row.
#[wasm_bindgen]
pub fn dom_clear_slotwire_batched() -> Result<(), JsValue> {
    with_state(|st| {
        set_text_content_queued(&st.tbody, "");
        batch::flush().map_err(js_err)?;
        st.rows.clear();
        Ok(())
    })
}

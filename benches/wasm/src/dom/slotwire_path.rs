//! `slotwire`: the DOM operations through per-call `#[js_import]`s, declared as web-sys
//! declares them: methods, getters and setters on a [`JsObject`] (`method = "createElement"`,
//! `setter = "className"`, ...), one crossing each; nodes held as `JsObject`s. The imports that
//! can throw in web-sys (`createElement`, `appendChild`, `insertBefore`) return `Result` here
//! too; `appendChild` and `insertBefore` are declared void (their result, the node passed in,
//! is not needed), where web-sys hands it back as a new `Node`.

use std::cell::RefCell;

use slotwire::prelude::*;
use slotwire::JsError;
use wasm_bindgen::prelude::*;

use super::{next_rows, RowData, SWAP_A, SWAP_B, UPDATE_SUFFIX};

#[js_import("globalThis.benchFns.domDocument")]
fn document() -> JsObject;

#[js_import(method = "getElementById")]
fn get_element_by_id(document: &JsObject, id: &str) -> Option<JsObject>;

#[js_import(method = "createElement")]
fn create_element(document: &JsObject, tag: &str) -> Result<JsObject, JsError>;

#[js_import(method = "createTextNode")]
fn create_text_node(document: &JsObject, data: &str) -> JsObject;

#[js_import(setter = "className")]
fn set_class_name(element: &JsObject, value: &str);

#[js_import(setter = "textContent")]
fn set_text_content(node: &JsObject, value: &str);

#[js_import(setter = "data")]
fn set_data(text: &JsObject, value: &str);

#[js_import(method = "appendChild")]
fn append_child(parent: &JsObject, child: &JsObject) -> Result<(), JsError>;

#[js_import(method = "insertBefore")]
fn insert_before(
    parent: &JsObject,
    node: &JsObject,
    before: Option<&JsObject>,
) -> Result<(), JsError>;

#[js_import(getter = "nextSibling")]
fn next_sibling(node: &JsObject) -> Option<JsObject>;

struct Row {
    data: RowData,
    tr: JsObject,
    /// The label's text node (the update sets its `data`).
    text: JsObject,
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

fn js_err(e: JsError) -> JsValue {
    JsValue::from_str(&e.to_string())
}

fn with_state<T>(f: impl FnOnce(&mut State) -> Result<T, JsError>) -> Result<T, JsValue> {
    STATE.with(|s| match s.borrow_mut().as_mut() {
        Some(st) => f(st).map_err(js_err),
        None => Err(JsValue::from_str(
            "slotwire: dom_begin_slotwire was not called",
        )),
    })
}

/// Before a batch: finds `<tbody id="dom-slotwire">`.
#[wasm_bindgen]
pub fn dom_begin_slotwire() -> Result<(), JsValue> {
    let document = document();
    let tbody = get_element_by_id(&document, "dom-slotwire")
        .ok_or_else(|| JsValue::from_str("slotwire: no #dom-slotwire"))?;
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
pub fn dom_end_slotwire() {
    STATE.with(|s| s.borrow_mut().take());
}

/// Appends 1,000 rows.
#[wasm_bindgen]
pub fn dom_create_slotwire() -> Result<(), JsValue> {
    with_state(|st| {
        let doc = &st.document;
        let mut id_text = String::new();
        for data in next_rows(&mut st.next_id) {
            let tr = create_element(doc, "tr")?;
            let td1 = create_element(doc, "td")?;
            set_class_name(&td1, "col-md-1");
            id_text.clear();
            {
                use std::fmt::Write;
                let _ = write!(id_text, "{}", data.id);
            }
            set_text_content(&td1, &id_text);
            append_child(&tr, &td1)?;
            let td2 = create_element(doc, "td")?;
            set_class_name(&td2, "col-md-4");
            let a = create_element(doc, "a")?;
            let text = create_text_node(doc, &data.label);
            append_child(&a, &text)?;
            append_child(&td2, &a)?;
            append_child(&tr, &td2)?;
            let td3 = create_element(doc, "td")?;
            set_class_name(&td3, "col-md-1");
            let button = create_element(doc, "button")?;
            set_class_name(&button, "remove");
            set_text_content(&button, "x");
            append_child(&td3, &button)?;
            append_child(&tr, &td3)?;
            append_child(&st.tbody, &tr)?;
            st.rows.push(Row { data, tr, text });
        }
        Ok(())
    })
}

/// Appends `" !!!"` to every 10th row's label.
#[wasm_bindgen]
pub fn dom_update_slotwire() -> Result<(), JsValue> {
    with_state(|st| {
        for row in st.rows.iter_mut().step_by(10) {
            row.data.label.push_str(UPDATE_SUFFIX);
            set_data(&row.text, &row.data.label);
        }
        Ok(())
    })
}

/// Swaps rows 1 and 998.
#[wasm_bindgen]
pub fn dom_swap_slotwire() -> Result<(), JsValue> {
    with_state(|st| {
        if st.rows.len() > SWAP_B {
            let a = &st.rows[SWAP_A].tr;
            let b = &st.rows[SWAP_B].tr;
            let after_b = next_sibling(b);
            insert_before(&st.tbody, b, Some(a))?;
            insert_before(&st.tbody, a, after_b.as_ref())?;
            st.rows.swap(SWAP_A, SWAP_B);
        }
        Ok(())
    })
}

/// Removes every row.
#[wasm_bindgen]
pub fn dom_clear_slotwire() -> Result<(), JsValue> {
    with_state(|st| {
        set_text_content(&st.tbody, "");
        st.rows.clear();
        Ok(())
    })
}

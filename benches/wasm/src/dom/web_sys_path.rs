//! `web_sys`: the DOM operations through wasm-bindgen + web-sys, as a Rust web framework
//! writes them without a template: `Document::create_element`, `Node::append_child`,
//! `Element::set_class_name`, `CharacterData::set_data`, ... one import call (one crossing)
//! each; nodes held as externrefs (`Element`, `Text`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Text};

use super::{next_rows, RowData, SWAP_A, SWAP_B, UPDATE_SUFFIX};

struct Row {
    data: RowData,
    tr: Element,
    /// The label's text node (the update sets its `data`).
    text: Text,
}

struct State {
    document: Document,
    tbody: Element,
    rows: Vec<Row>,
    next_id: u32,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

fn with_state<T>(f: impl FnOnce(&mut State) -> Result<T, JsValue>) -> Result<T, JsValue> {
    STATE.with(|s| match s.borrow_mut().as_mut() {
        Some(st) => f(st),
        None => Err(JsValue::from_str(
            "web_sys: dom_begin_web_sys was not called",
        )),
    })
}

/// Before a batch: finds `<tbody id="dom-web_sys">`.
#[wasm_bindgen]
pub fn dom_begin_web_sys() -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("web_sys: no document"))?;
    let tbody = document
        .get_element_by_id("dom-web_sys")
        .ok_or_else(|| JsValue::from_str("web_sys: no #dom-web_sys"))?;
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

/// After a batch: drops the rows and the tbody.
#[wasm_bindgen]
pub fn dom_end_web_sys() {
    STATE.with(|s| s.borrow_mut().take());
}

/// Appends 1,000 rows.
#[wasm_bindgen]
pub fn dom_create_web_sys() -> Result<(), JsValue> {
    with_state(|st| {
        let doc = &st.document;
        let mut id_text = String::new();
        for data in next_rows(&mut st.next_id) {
            let tr = doc.create_element("tr")?;
            let td1 = doc.create_element("td")?;
            td1.set_class_name("col-md-1");
            id_text.clear();
            {
                use std::fmt::Write;
                let _ = write!(id_text, "{}", data.id);
            }
            td1.set_text_content(Some(&id_text));
            tr.append_child(&td1)?;
            let td2 = doc.create_element("td")?;
            td2.set_class_name("col-md-4");
            let a = doc.create_element("a")?;
            let text = doc.create_text_node(&data.label);
            a.append_child(&text)?;
            td2.append_child(&a)?;
            tr.append_child(&td2)?;
            let td3 = doc.create_element("td")?;
            td3.set_class_name("col-md-1");
            let button = doc.create_element("button")?;
            button.set_class_name("remove");
            button.set_text_content(Some("x"));
            td3.append_child(&button)?;
            tr.append_child(&td3)?;
            st.tbody.append_child(&tr)?;
            st.rows.push(Row { data, tr, text });
        }
        Ok(())
    })
}

/// Appends `" !!!"` to every 10th row's label.
#[wasm_bindgen]
pub fn dom_update_web_sys() -> Result<(), JsValue> {
    with_state(|st| {
        for row in st.rows.iter_mut().step_by(10) {
            row.data.label.push_str(UPDATE_SUFFIX);
            row.text.set_data(&row.data.label);
        }
        Ok(())
    })
}

/// Swaps rows 1 and 998.
#[wasm_bindgen]
pub fn dom_swap_web_sys() -> Result<(), JsValue> {
    with_state(|st| {
        if st.rows.len() > SWAP_B {
            let a = &st.rows[SWAP_A].tr;
            let b = &st.rows[SWAP_B].tr;
            let after_b = b.next_sibling();
            st.tbody.insert_before(b, Some(a))?;
            st.tbody.insert_before(a, after_b.as_ref())?;
            st.rows.swap(SWAP_A, SWAP_B);
        }
        Ok(())
    })
}

/// Removes every row.
#[wasm_bindgen]
pub fn dom_clear_web_sys() -> Result<(), JsValue> {
    with_state(|st| {
        st.tbody.set_text_content(Some(""));
        st.rows.clear();
        Ok(())
    })
}

//! `sledgehammer`: the DOM operations through sledgehammer_bindgen (the batched bindings Dioxus
//! uses), written as its docs and examples write them: one `#[bindgen]` module of small DOM
//! operations over a JS array of nodes named by `u16` ids (`this.nodes[$id$]`), tag and class
//! names as `&'static str` in caches (hashed by pointer, decoded once), other strings decoded
//! once per flush; the calls are byte-encoded into a buffer and run by one JS function per
//! [`Channel::flush`], once per operation. The channel's base class (`sledgehammer_base.js`,
//! `#[extends(DomBase)]`) holds the nodes; its `setRoot` (a plain wasm-bindgen method, as in
//! the crate's examples) hands it the `<tbody>` once per batch. One channel for the whole run,
//! as an app keeps one (its string caches stay warm across batches).

use std::cell::RefCell;

use sledgehammer_bindgen::bindgen;
use wasm_bindgen::prelude::*;

use super::{next_rows, RowData, SWAP_A, SWAP_B, UPDATE_SUFFIX};

#[wasm_bindgen]
extern "C" {
    /// The channel's JS base class (`sledgehammer_base.js`).
    pub type DomBase;

    #[wasm_bindgen(method, js_name = setRoot)]
    fn set_root(this: &DomBase, root: &web_sys::Element);
}

#[bindgen]
mod js {
    const BASE: &str = "src/dom/sledgehammer_base.js";

    #[extends(DomBase)]
    struct Channel;

    fn create_element(id: u16, tag: &'static str<u8, tag_cache>) {
        "this.nodes[$id$]=document.createElement($tag$);"
    }

    fn create_text_node(id: u16, data: &str<u16>) {
        "this.nodes[$id$]=document.createTextNode($data$);"
    }

    fn set_class_name(id: u16, class: &'static str<u8, class_cache>) {
        "this.nodes[$id$].className=$class$;"
    }

    fn set_text_content(id: u16, text: impl Writable<u16>) {
        "this.nodes[$id$].textContent=$text$;"
    }

    fn set_data(id: u16, data: &str<u16>) {
        "this.nodes[$id$].data=$data$;"
    }

    fn append_child(id: u16, id2: u16) {
        "this.nodes[$id$].appendChild(this.nodes[$id2$]);"
    }

    fn insert_before(parent: u16, id: u16, id2: u16) {
        "this.nodes[$parent$].insertBefore(this.nodes[$id$],this.nodes[$id2$]);"
    }

    fn next_sibling(dst: u16, id: u16) {
        "this.nodes[$dst$]=this.nodes[$id$].nextSibling;"
    }

    fn truncate(len: u16) {
        "this.nodes.length=$len$;"
    }
}

/// Node ids: the tbody, scratch ids for the nodes of the row being built, then two per row.
const ROOT: u16 = 0;
const TD: u16 = 1;
const A: u16 = 2;
const BUTTON: u16 = 3;
const SIBLING: u16 = 4;
const FIRST_ROW: u16 = 8;

struct Row {
    data: RowData,
    tr: u16,
    /// The label's text node (the update sets its `data`).
    text: u16,
}

struct State {
    rows: Vec<Row>,
    next_id: u32,
    /// The next free node id.
    next_node: u16,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
    /// The channel, made on the first `dom_begin_sledgehammer` and kept.
    static CHANNEL: RefCell<Option<Channel>> = const { RefCell::new(None) };
}

fn with_state<T>(f: impl FnOnce(&mut State, &mut Channel) -> T) -> Result<T, JsValue> {
    STATE.with(|s| {
        CHANNEL.with(
            |c| match (s.borrow_mut().as_mut(), c.borrow_mut().as_mut()) {
                (Some(st), Some(ch)) => Ok(f(st, ch)),
                _ => Err(JsValue::from_str(
                    "sledgehammer: dom_begin_sledgehammer was not called",
                )),
            },
        )
    })
}

/// Before a batch: a new channel, with `<tbody id="dom-sledgehammer">` as its node 0.
///
/// A new channel per batch (untimed): sledgehammer_bindgen re-derives its view of wasm memory
/// only when the memory's *size* changed since its last flush, but a buffer can also be
/// detached at the same size (`memory.grow(0)`, which slotwire's `MemoryView.dispose` does to
/// end zero-copy typed arrays, e.g. in `f64_1m_to_js` earlier in the run); a flush over a
/// detached `DataView` then throws. A new channel starts from the current buffer.
#[wasm_bindgen]
pub fn dom_begin_sledgehammer() -> Result<(), JsValue> {
    let tbody = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("dom-sledgehammer"))
        .ok_or_else(|| JsValue::from_str("sledgehammer: no #dom-sledgehammer"))?;
    CHANNEL.with(|c| {
        let mut c = c.borrow_mut();
        let channel = c.insert(Channel::default());
        let base: &DomBase = channel.js_channel().as_ref();
        base.set_root(&tbody);
    });
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            rows: Vec::new(),
            next_id: 1,
            next_node: FIRST_ROW,
        })
    });
    Ok(())
}

/// After a batch: forgets the rows (the JS nodes array keeps only the tbody after a clear).
#[wasm_bindgen]
pub fn dom_end_sledgehammer() {
    STATE.with(|s| s.borrow_mut().take());
}

/// Appends 1,000 rows: queues every operation, then one flush.
#[wasm_bindgen]
pub fn dom_create_sledgehammer() -> Result<(), JsValue> {
    with_state(|st, ch| {
        for data in next_rows(&mut st.next_id) {
            let tr = st.next_node;
            let text = tr + 1;
            st.next_node = text.checked_add(1).expect("sledgehammer: out of node ids");
            ch.create_element(tr, "tr");
            ch.create_element(TD, "td");
            ch.set_class_name(TD, "col-md-1");
            ch.set_text_content(TD, data.id);
            ch.append_child(tr, TD);
            ch.create_element(TD, "td");
            ch.set_class_name(TD, "col-md-4");
            ch.create_element(A, "a");
            ch.create_text_node(text, &data.label);
            ch.append_child(A, text);
            ch.append_child(TD, A);
            ch.append_child(tr, TD);
            ch.create_element(TD, "td");
            ch.set_class_name(TD, "col-md-1");
            ch.create_element(BUTTON, "button");
            ch.set_class_name(BUTTON, "remove");
            ch.set_text_content(BUTTON, "x");
            ch.append_child(TD, BUTTON);
            ch.append_child(tr, TD);
            ch.append_child(ROOT, tr);
            st.rows.push(Row { data, tr, text });
        }
        ch.flush();
    })
}

/// Appends `" !!!"` to every 10th row's label: queued, one flush.
#[wasm_bindgen]
pub fn dom_update_sledgehammer() -> Result<(), JsValue> {
    with_state(|st, ch| {
        for row in st.rows.iter_mut().step_by(10) {
            row.data.label.push_str(UPDATE_SUFFIX);
            ch.set_data(row.text, &row.data.label);
        }
        ch.flush();
    })
}

/// Swaps rows 1 and 998: queued, one flush.
#[wasm_bindgen]
pub fn dom_swap_sledgehammer() -> Result<(), JsValue> {
    with_state(|st, ch| {
        if st.rows.len() > SWAP_B {
            let (a, b) = (st.rows[SWAP_A].tr, st.rows[SWAP_B].tr);
            ch.next_sibling(SIBLING, b);
            ch.insert_before(ROOT, b, a);
            ch.insert_before(ROOT, a, SIBLING);
            ch.flush();
            st.rows.swap(SWAP_A, SWAP_B);
        }
    })
}

/// Removes every row and forgets their nodes: queued, one flush.
#[wasm_bindgen]
pub fn dom_clear_sledgehammer() -> Result<(), JsValue> {
    with_state(|st, ch| {
        ch.set_text_content(ROOT, "");
        ch.truncate(FIRST_ROW);
        ch.flush();
        st.rows.clear();
        st.next_node = FIRST_ROW;
    })
}

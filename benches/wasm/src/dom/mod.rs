//! The DOM scenarios (issue 12), modelled on js-framework-benchmark: a table body of rows
//! `<tr><td class="col-md-1">{id}</td><td class="col-md-4"><a>{label}</a></td>
//! <td class="col-md-1"><button class="remove">x</button></td></tr>`, and four operations:
//! create 1,000 rows, append `" !!!"` to every 10th row's label, swap rows 1 and 998, clear.
//!
//! Every path makes the same DOM calls in the same order (`benches/page/dom.js` has the
//! vanilla JS path and the checks): per row `createElement` × 6 (`tr`, `td`, `td`, `a`, `td`,
//! `button`), `createTextNode` × 1 (the label), `className` × 4, `textContent` × 2 (the id,
//! the button's `x`), `appendChild` × 7; update: `data` of every 10th label text node; swap:
//! `nextSibling` of row 998, then `insertBefore` × 2; clear: `tbody.textContent = ""`.
//! Each path keeps its rows as a framework would: the row's data (id, label) and the nodes it
//! changes later (the `<tr>` and the label's text node).
//!
//! JS calls `dom_<op>_<impl>()` for one operation, inside its timed region; `dom_begin_<impl>()`
//! / `dom_end_<impl>()` take and let go of the path's `<tbody id="dom-<impl>">` around a batch.
//! Row ids count up from 1 from `dom_begin`, 1,000 per create; the label of a row is
//! [`label`] of its id (`domLabel` in `dom.js`), so the checks know every label.

pub mod sledgehammer_path;
pub mod slotwire_batched_path;
pub mod slotwire_path;
pub mod web_sys_path;

/// Rows per create (js-framework-benchmark's "create 1,000 rows").
pub const ROWS: u32 = 1000;

/// The rows swapped (js-framework-benchmark's "swap rows": the 2nd and the 999th).
pub const SWAP_A: usize = 1;
/// See [`SWAP_A`].
pub const SWAP_B: usize = 998;

/// What the update appends to every 10th label.
pub const UPDATE_SUFFIX: &str = " !!!";

/// js-framework-benchmark's word lists (its labels pick one of each at random; here the row
/// id picks them, so that a check knows every label).
const ADJECTIVES: [&str; 25] = [
    "pretty",
    "large",
    "big",
    "small",
    "tall",
    "short",
    "long",
    "handsome",
    "plain",
    "quaint",
    "clean",
    "elegant",
    "easy",
    "angry",
    "crazy",
    "helpful",
    "mushy",
    "odd",
    "unsightly",
    "adorable",
    "important",
    "inexpensive",
    "cheap",
    "expensive",
    "fancy",
];
const COLOURS: [&str; 11] = [
    "red", "yellow", "blue", "green", "pink", "brown", "purple", "brown", "white", "black",
    "orange",
];
const NOUNS: [&str; 13] = [
    "table", "chair", "house", "bbq", "desk", "car", "pony", "cookie", "sandwich", "burger",
    "pizza", "mouse", "keyboard",
];

/// The label of row `id`: `"<adjective> <colour> <noun>"` (`domLabel(id)` in `dom.js`).
///
/// ```
/// assert_eq!(bench_wasm::dom::label(1), "large yellow chair");
/// assert_eq!(bench_wasm::dom::label(1000), "pretty orange keyboard");
/// ```
pub fn label(id: u32) -> String {
    let (a, c, n) = (
        ADJECTIVES[id as usize % ADJECTIVES.len()],
        COLOURS[id as usize % COLOURS.len()],
        NOUNS[id as usize % NOUNS.len()],
    );
    let mut s = String::with_capacity(a.len() + c.len() + n.len() + 2 + 4 * UPDATE_SUFFIX.len());
    s.push_str(a);
    s.push(' ');
    s.push_str(c);
    s.push(' ');
    s.push_str(n);
    s
}

/// One row's data, as a framework keeps it: the id and the label.
#[derive(Debug, Clone)]
pub struct RowData {
    pub id: u32,
    pub label: String,
}

/// The data of the next [`ROWS`] rows from `next_id` on (which moves past them).
pub fn next_rows(next_id: &mut u32) -> impl Iterator<Item = RowData> + '_ {
    (0..ROWS).map(move |_| {
        let id = *next_id;
        *next_id += 1;
        RowData {
            id,
            label: label(id),
        }
    })
}

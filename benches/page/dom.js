// The DOM scenarios (issue 12), modelled on js-framework-benchmark: one <tbody> per path, rows
//   <tr><td class="col-md-1">{id}</td><td class="col-md-4"><a>{label}</a></td>
//       <td class="col-md-1"><button class="remove">x</button></td></tr>
// and four operations: create 1,000 rows, append " !!!" to every 10th row's label, swap rows 1
// and 998, clear. Every path makes the same DOM calls in the same order (the list is in
// benches/wasm/src/dom/mod.rs); this file has the vanilla JS path (the floor), the harness of
// one operation and the check of the DOM after it.
//
// One operation of a batch: bring the path's table to the state the operation starts from
// (untimed: a clear before a create, 1,000 rows before an update, swap or clear), force a layout
// (untimed), then time the operation alone (performance.now() around one call of the path), then
// force a layout outside the timed region (reading tbody.offsetHeight), then check the DOM
// against a model of what the operations so far must have made (row count, structure and
// labels of sampled rows). A wrong DOM fails the run. A batch starts with the path's
// dom_begin (the path finds its tbody) and ends with a clear and dom_end (the path lets go of
// every node), so the handle census is back where it was.
//
// Only where there is a DOM: the Node host skips these scenarios (scenarios.js `needsDom`).

/** Rows per create. */
export const DOM_ROWS = 1000;
/** The rows swapped (js-framework-benchmark: the 2nd and the 999th). */
export const SWAP_A = 1;
export const SWAP_B = 998;
/** What an update appends to every 10th label. */
export const UPDATE_SUFFIX = " !!!";
/** An update batch re-creates the rows (untimed) after this many updates, so labels stay short. */
const UPDATES_PER_CREATE = 8;

// js-framework-benchmark's word lists; the row id picks one of each (benches/wasm/src/dom/mod.rs).
const ADJECTIVES = [
  "pretty", "large", "big", "small", "tall", "short", "long", "handsome", "plain", "quaint", "clean", "elegant",
  "easy", "angry", "crazy", "helpful", "mushy", "odd", "unsightly", "adorable", "important", "inexpensive", "cheap",
  "expensive", "fancy",
];
const COLOURS = ["red", "yellow", "blue", "green", "pink", "brown", "purple", "brown", "white", "black", "orange"];
const NOUNS = ["table", "chair", "house", "bbq", "desk", "car", "pony", "cookie", "sandwich", "burger", "pizza", "mouse", "keyboard"];

/** The label of row `id` (Rust: `bench_wasm::dom::label`). */
export function domLabel(id) {
  return `${ADJECTIVES[id % ADJECTIVES.length]} ${COLOURS[id % COLOURS.length]} ${NOUNS[id % NOUNS.length]}`;
}

/** `<tbody id="dom-<impl>">`, made on first use in a table at the end of the page. */
export function domTbody(impl) {
  const id = `dom-${impl}`;
  let tbody = document.getElementById(id);
  if (tbody === null) {
    let box = document.getElementById("dom-tables");
    if (box === null) {
      box = document.createElement("div");
      box.id = "dom-tables";
      document.body.appendChild(box);
    }
    const table = document.createElement("table");
    table.className = "dom-bench";
    tbody = document.createElement("tbody");
    tbody.id = id;
    table.appendChild(tbody);
    box.appendChild(table);
  }
  return tbody;
}

/**
 * `vanilla_js`: the operations written by hand, the same DOM calls as the other paths (the
 * floor: no boundary, no glue). Rows kept as {id, label, tr, text}.
 */
export function vanillaPath() {
  let tbody = null;
  let rows = [];
  let nextId = 1;
  return {
    begin() {
      tbody = document.getElementById("dom-vanilla_js");
      if (tbody === null) throw new Error("vanilla_js: no #dom-vanilla_js");
      rows = [];
      nextId = 1;
    },
    end() {
      tbody = null;
      rows = [];
    },
    create() {
      for (let i = 0; i < DOM_ROWS; i++) {
        const id = nextId++;
        const label = domLabel(id);
        const tr = document.createElement("tr");
        const td1 = document.createElement("td");
        td1.className = "col-md-1";
        td1.textContent = String(id);
        tr.appendChild(td1);
        const td2 = document.createElement("td");
        td2.className = "col-md-4";
        const a = document.createElement("a");
        const text = document.createTextNode(label);
        a.appendChild(text);
        td2.appendChild(a);
        tr.appendChild(td2);
        const td3 = document.createElement("td");
        td3.className = "col-md-1";
        const button = document.createElement("button");
        button.className = "remove";
        button.textContent = "x";
        td3.appendChild(button);
        tr.appendChild(td3);
        tbody.appendChild(tr);
        rows.push({ id, label, tr, text });
      }
    },
    update() {
      for (let i = 0; i < rows.length; i += 10) {
        const row = rows[i];
        row.label += UPDATE_SUFFIX;
        row.text.data = row.label;
      }
    },
    swap() {
      if (rows.length > SWAP_B) {
        const a = rows[SWAP_A].tr;
        const b = rows[SWAP_B].tr;
        const afterB = b.nextSibling;
        tbody.insertBefore(b, a);
        tbody.insertBefore(a, afterB);
        const t = rows[SWAP_A];
        rows[SWAP_A] = rows[SWAP_B];
        rows[SWAP_B] = t;
      }
    },
    clear() {
      tbody.textContent = "";
      rows = [];
    },
  };
}

/** A Rust path: its exports `dom_<op>_<impl>` of the wasm-bindgen glue. */
export function rustPath(glue, impl) {
  const path = {};
  for (const op of ["begin", "end", "create", "update", "swap", "clear"]) {
    const f = glue[`dom_${op}_${impl}`];
    if (typeof f !== "function") throw new Error(`bench_wasm.js has no export dom_${op}_${impl}`);
    path[op] = f;
  }
  return path;
}

/**
 * What the operations so far must have made: the rows in order, {id, label}; `nextId` as the
 * paths count (from 1 at begin, 1,000 per create).
 */
class DomModel {
  constructor() {
    this.rows = [];
    this.nextId = 1;
    this.updates = 0;
  }
  apply(op) {
    if (op === "create") {
      for (let i = 0; i < DOM_ROWS; i++) {
        const id = this.nextId++;
        this.rows.push({ id, label: domLabel(id) });
      }
      this.updates = 0;
    } else if (op === "update") {
      for (let i = 0; i < this.rows.length; i += 10) this.rows[i].label += UPDATE_SUFFIX;
      this.updates++;
    } else if (op === "swap") {
      if (this.rows.length > SWAP_B) {
        const t = this.rows[SWAP_A];
        this.rows[SWAP_A] = this.rows[SWAP_B];
        this.rows[SWAP_B] = t;
      }
    } else if (op === "clear") {
      this.rows = [];
    } else {
      throw new Error(`unknown DOM operation ${op}`);
    }
  }
}

/** The rows every check looks at, plus one that moves with `k`. */
const SAMPLE = [0, 1, 2, 9, 10, 11, 500, 990, 997, 998, 999];

/**
 * Throws unless `tbody` holds exactly the model's rows: count, and for sampled rows the
 * structure, the id cell and the label (the text node inside the link).
 */
export function checkDom(tbody, model, what, k) {
  const want = model.rows.length;
  if (tbody.childNodes.length !== want || tbody.childElementCount !== want) {
    throw new Error(`${what}: ${tbody.childNodes.length} nodes / ${tbody.childElementCount} rows in the tbody, expected ${want} rows`);
  }
  if (want === 0) return;
  const children = tbody.children;
  const sample = [...SAMPLE.filter((i) => i < want), (k * 7919) % want];
  for (const i of sample) {
    const { id, label } = model.rows[i];
    const tr = children[i];
    const bad = (msg) => new Error(`${what}: row ${i} (id ${id}): ${msg}`);
    if (tr.tagName !== "TR" || tr.childElementCount !== 3) throw bad(`<${tr.tagName.toLowerCase()}> with ${tr.childElementCount} children, expected a <tr> with 3 cells`);
    const [td1, td2, td3] = tr.children;
    if (td1.className !== "col-md-1" || td1.textContent !== String(id)) throw bad(`id cell "${td1.textContent}" (class "${td1.className}"), expected "${id}"`);
    const a = td2.firstChild;
    if (td2.className !== "col-md-4" || td2.childNodes.length !== 1 || a.nodeName !== "A") throw bad("the label cell is not one <a> (class col-md-4)");
    if (a.childNodes.length !== 1 || a.firstChild.nodeType !== 3) throw bad("the link does not hold one text node");
    if (a.firstChild.data !== label) throw bad(`label "${a.firstChild.data}", expected "${label}"`);
    const button = td3.firstChild;
    if (td3.childNodes.length !== 1 || button.nodeName !== "BUTTON" || button.className !== "remove" || button.textContent !== "x") {
      throw bad("the last cell is not one <button class=remove>x</button>");
    }
  }
}

/** Forces style and layout of the path's table (outside any timed region). */
let layoutSink = 0;
function forceLayout(tbody) {
  layoutSink = (layoutSink + tbody.offsetHeight) | 0;
}

/**
 * The runner of one DOM scenario × path: `(n) => ms`, n operations `op` (each from the state
 * it needs, see the top of the file), the milliseconds of the timed operations added up.
 */
export function domRunner(scenario, op, path, impl) {
  const what = `${scenario}/${impl}`;
  return (n) => {
    const tbody = domTbody(impl);
    if (tbody.childNodes.length !== 0) throw new Error(`${what}: the tbody is not empty before the batch`);
    const model = new DomModel();
    // Runs `o` through the path and the model, untimed, then checks.
    const untimed = (o, k) => {
      path[o]();
      model.apply(o);
      forceLayout(tbody);
      checkDom(tbody, model, `${what} (${o}, untimed)`, k);
    };
    let ms = 0;
    path.begin();
    try {
      for (let k = 0; k < n; k++) {
        const rows = model.rows.length;
        if (op === "create") {
          if (rows !== 0) untimed("clear", k);
        } else if (op === "update") {
          if (rows !== DOM_ROWS || model.updates >= UPDATES_PER_CREATE) {
            if (rows !== 0) untimed("clear", k);
            untimed("create", k);
          }
        } else if (rows !== DOM_ROWS) {
          untimed("create", k);
        }
        const f = path[op];
        const t0 = performance.now();
        f();
        ms += performance.now() - t0;
        forceLayout(tbody);
        model.apply(op);
        checkDom(tbody, model, what, k);
      }
      if (model.rows.length !== 0) untimed("clear", n);
    } finally {
      path.end();
    }
    return ms;
  };
}

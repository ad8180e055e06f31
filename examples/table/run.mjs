// Runs the table sample in Node: node examples/table/run.mjs <pkg dir> (`cargo xtask bench`
// builds the pkg). There is no DOM in Node: a small stand-in for `document.createElement`,
// `appendChild`, `textContent` and `className` takes the batched calls; the page (index.html)
// does the same against the real DOM.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { load } from "../../js-runtime/lib/app.js";

class Node {
  constructor(tag) {
    this.tagName = tag.toUpperCase();
    this.children = [];
    this.textContent = "";
    this.className = "";
  }
  appendChild(c) {
    this.children.push(c);
    return c;
  }
}
let created = 0;
globalThis.document = {
  createElement(tag) {
    created++;
    return new Node(tag);
  },
};

const pkg = resolve(process.argv[2] ?? "target/examples/table/pkg");
const rt = await load(pathToFileURL(`${pkg}/table.js`).href);
const tbody = new Node("tbody");
assert.equal(rt.exports.build_rows(tbody, 1000), 8000);
assert.equal(created, 3000);
assert.equal(tbody.children.length, 1000);
const row = tbody.children[42];
assert.equal(row.children[0].textContent, "42");
assert.equal(row.children[0].className, "id");
assert.equal(row.children[1].textContent, "pretty chair 42");
assert.equal(rt.exports.update_every_10th(), 100);
assert.equal(tbody.children[40].children[1].textContent, "quick table 40 !!!");
assert.equal(tbody.children[41].children[1].textContent, "quiet table 41", "only every 10th");
console.log("table sample: ok");

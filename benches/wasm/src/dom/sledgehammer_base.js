// The base class of the sledgehammer path's channel (`#[extends(DomBase)]`, read by
// sledgehammer_bindgen's `const BASE` into the channel's inline JS), as Dioxus's interpreter
// does it: the nodes the batched operations name by id. nodes[0] is the path's <tbody>.
class DomBase {
  constructor() {
    this.nodes = [];
  }
  setRoot(root) {
    this.nodes.length = 0;
    this.nodes[0] = root;
  }
}

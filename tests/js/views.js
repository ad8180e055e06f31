// The JS half of tests/tests/views.rs: memory views (spans, segments) and records.

let keptSpan = null;

const viewModule = {
  sumSpan: (v) => {
    keptSpan = v;
    let s = 0;
    for (const x of v) s += x;
    return s;
  },
  keptSpanDisposed: () => keptSpan.isDisposed,
  fillSpan: (v, x) => {
    for (let i = 0; i < v.length; i++) v.typedArray()[i] = x + i;
  },
  trySet: (v) => {
    try {
      v.set([1]);
      return "wrote";
    } catch (e) {
      return `${e.name}`;
    }
  },
  keepSegment: (v) => {
    keptSpan = v;
    return v.length;
  },
  keptSegment: () => keptSpan,
  particles: (view) => {
    let s = 0;
    for (let i = 0; i < view.length; i++) s += view.get(i).x + view.get(i).y;
    return `${view.length}:${s}:${view.get(0).id}`;
  },
  people: (root) => root.length + ":" + root.get(1).name + ":" + root.get(0).age + ":" + (root.get(1).email ?? "none"),
};

export function registerViewModule(rt) {
  rt.importModule("views", viewModule);
}

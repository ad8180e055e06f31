// #[js_export] export_fast_void() -> void
// 1 generated function

// ---- 1 ----
// rt = [object Runtime]
// h = [object Heap]
// f = [function]
// arity = [function arity]
// enc = [function checkAndEncode]
(function (rt, h, f, arity, enc) {
"use strict";
return { export_() {
    if (arguments.length !== 0) throw arity(arguments.length);
    if (rt.poisoned !== null) throw rt.poisonError();
    
    let r;
    try {
        r = f();
      } catch (e) {
        throw rt.trapped(e);
      }
    if (rt.batchPending) rt.flushQueued();
    return undefined;
  } }.export_;
})

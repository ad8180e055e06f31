// What the wasm instance imports for batched calls (engine/src/transport.rs, the block of
// `#[wasm_bindgen(module = "/js/slotwire-batch.js")]`): a snippet of its own, so an app that
// queues no call neither imports nor ships batch.js. Bundled by js-runtime/build/bundle.mjs
// into engine/js/slotwire-batch.js, which takes what it shares with the core (`runtimes`,
// `resolveTarget`, ...) from the core snippet, engine/js/slotwire.js: one module instance, the
// same Runtimes.

import { runtimes } from "./transport.js";
import { resolveTarget } from "./imports.js";
import { keepBatchResults, makeBatchDecoder, runBatch } from "./batch.js";

/** Binds `target` for batched calls (engine/src/batch.rs); returns its decoder id. */
export function swBindBatch(rtId, target, moduleName, params, ret) {
  const rt = runtimes[rtId];
  // Copied first: `params` is a view of wasm memory, and resolving runs user code (getters on
  // the path), which may grow the memory and detach it.
  const codes = Array.from(params);
  const { fn, self, where, access } = resolveTarget(rt, target, moduleName, codes.length);
  const id = rt.batchDecoders.length;
  rt.batchDecoders.push(makeBatchDecoder(rt, id, fn, self, where, codes, ret, access));
  rt.batchRunner = null; // made again, with this binding's case, at the next run
  return id;
}

/** Runs a batch of `n` words at `ptr` (arena at `arena`): -1, or the index of the call that threw. */
export function swRunBatch(rtId, ptr, n, arena) {
  return runBatch(runtimes[rtId], ptr, n, arena);
}

/** After swRunBatch: handles for the results Rust still holds placeholders of (`keep`: their words). */
export function swKeepBatchResults(rtId, ptr, keep) {
  keepBatchResults(runtimes[rtId], ptr, keep);
}

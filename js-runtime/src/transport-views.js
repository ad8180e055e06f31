// What the wasm instance imports for memory views (engine/src/transport.rs, the block of
// `#[wasm_bindgen(module = "/js/slotwire-views.js")]`): a snippet of its own, so an app whose
// wasm passes no span or segment neither imports nor ships memory-view.js. Bundled by
// js-runtime/build/bundle.mjs into engine/js/slotwire-views.js, which takes what it shares with
// the core from the core snippet, engine/js/slotwire.js.
//
// Loading it installs the view runtime in the core (`features.views`): the span and segment
// marshalers, the fast paths' spans, each Runtime's SegmentRegistry and `rt.allocSegment`, and
// the application's `MemoryView` (lib/app.js `load`).

import { features } from "./features.js";
import { MemoryView, SegmentRegistry, spanView } from "./memory-view.js";
import { segmentReader, segmentWriter, spanReader, spanWriter } from "./marshal/view.js";

features.views = Object.freeze({ MemoryView, SegmentRegistry, spanView, spanReader, spanWriter, segmentReader, segmentWriter });

/**
 * Called by Rust, once per instance, where a view first crosses (engine/src/marshal/view.rs
 * `link_views`): links this snippet into the app. Does nothing.
 */
export function swViewsLinked() {}

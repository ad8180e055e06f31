// Instances kept for the life of the runtime, one of each class whose instances are made per call
// (spans, record views and accessors, memory states, Rust object proxies).
//
// V8 keeps a map (hidden class) only while an object uses it, and optimized code holds the maps
// it checks weakly. Once every instance of such a class made by the calls so far has died, a full
// GC would free its maps and throw away all code that used them (the import, the user function it
// inlined, the getters), which would then run unoptimized until compiled again — at every major
// GC of an app that keeps none of them. An instance made through the class's own constructor
// takes the same maps as the real ones and keeps them. Tests: memory-view.test.js, record.test.js,
// rust-object.test.js ("a full GC keeps ... optimized").

const kept = [];

/** Keeps `o` alive for the life of the runtime (see above); returns it. */
export function keepAlive(o) {
  kept.push(o);
  return o;
}

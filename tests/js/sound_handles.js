// The JS half of tests/tests/sound_handles.rs: handles never alias (issue 9, F4–F7).

let keptFns = [];
let keptProxy = null;

const module = {
  keepFn(f) {
    keptFns.push(f);
  },
  // "<ran> <threw 'dropped'> <first other error>", then forgets the functions.
  callEveryKeptFn(arg) {
    return callEvery(arg);
  },
  callEveryKeptFnWithString(arg) {
    return callEvery(arg);
  },
  keepProxy(o) {
    keptProxy = o;
  },
  keepProxyRef(o) {
    keptProxy = o;
  },
  bumpKept() {
    return keptProxy.bump();
  },
  keptIsDisposed() {
    return keptProxy.isDisposed;
  },
  disposeKept() {
    keptProxy.dispose();
    keptProxy = null;
  },
};

function callEvery(arg) {
  let ran = 0;
  let dropped = 0;
  let other = "";
  for (const f of keptFns) {
    try {
      f(arg);
      ran++;
    } catch (e) {
      if (/dropped/.test(e.message)) dropped++;
      else if (other === "") other = `${e.name}: ${e.message}`;
    }
  }
  keptFns = [];
  return `${ran} ${dropped} ${other}`;
}

export function registerSoundHandles(rt) {
  rt.importModule("sh", module);
}

const fail = (m) => {
  throw new Error(m);
};
const eq = (a, b, what) => {
  if (!Object.is(a, b)) fail(`${what}: expected ${String(b)}, got ${String(a)}`);
};
const throws = (f, re, what) => {
  try {
    f();
  } catch (e) {
    if (!re.test(`${e.name}: ${e.message}`)) fail(`${what}: threw ${e.name}: ${e.message}, expected ${re}`);
    return e;
  }
  fail(`${what}: did not throw`);
};

/** The handles of the live proxies, from the runtime's table of them. */
const liveHandles = (rt) => new Set(rt.rustObjects.proxies.keys());

const checks = {
  // What a collected proxy's FinalizationRegistry callback does (Rust's free_object with its
  // handle), run for handles whose objects died, after their slot was reused 2^16 + 1 times:
  // nothing, never another object freed.
  staleFinalizer(rt) {
    const C = rt.exports.Counter;
    const before = liveHandles(rt);
    const first = C.create(1);
    const h = [...liveHandles(rt)].find((x) => !before.has(x));
    first.dispose();
    const old = [h];
    for (let i = 0; i < 2 ** 16 + 1; i++) {
      const known = liveHandles(rt);
      const c = C.create(i);
      old.push([...liveHandles(rt)].find((x) => !known.has(x)));
      c.dispose();
    }
    const live = C.create(42);
    for (const x of old) eq(rt.rustObjects.free(x), 0, `stale free of ${x}`);
    eq(live.value(), 42, "the live object is untouched");
    eq(rt.exports.rust_object_census(), 1, "Rust's census");
    eq(rt.census().rustObjects, 1, "JS's census");
    live.dispose();
    eq(rt.exports.rust_object_census(), 0, "freed");
    eq(rt.poisoned, null, "not poisoned");
  },

  // A segment slot reused 2^16 + 1 times: a release with any old handle (what a collected view's
  // FinalizationRegistry callback does) takes nothing from the live segment.
  staleSegments(rt) {
    const segments = rt.census().segments;
    const old = [];
    for (let i = 0; i < 2 ** 16 + 1; i++) {
      const v = rt.allocSegment("u8", 1);
      old.push(rt.segments.handleOf(v));
      v.dispose();
    }
    const live = rt.allocSegment("u8", 1);
    live.set([42], 0);
    for (const x of old) eq(rt.wasm.slotwire_segment_release(x), 0, `stale release of ${x}`);
    eq(rt.exports.segment_census(), segments + 1, "Rust's census: the live segment only");
    eq(rt.exports.sum_segment(live), 42, "the live segment is untouched");
    live.dispose();
    eq(rt.exports.segment_census(), segments, "freed");
    eq(rt.census().segments, segments, "JS's census");
    eq(rt.poisoned, null, "not poisoned");
  },

  forgedProxies(rt) {
    const C = rt.exports.Counter;
    const a = C.create(1);
    const b = C.create(2);
    // Writable look-alike state changes nothing.
    try {
      a.handle = 12345;
      a.disposed = true;
    } catch {
      // a frozen proxy is fine too
    }
    eq(a.value(), 1, "a proxy's own state cannot be rewritten");
    eq(a.isDisposed, false, "nor its disposed state");
    // A proxy made outside the runtime is not accepted, however it is made.
    let forged = null;
    try {
      forged = new a.constructor(rt, 1, "Counter");
    } catch (e) {
      if (!(e instanceof TypeError)) fail(`new proxy.constructor: ${e}`);
    }
    if (forged !== null) throws(() => C.value(forged), /TypeError/, "a forged proxy");
    throws(() => C.value(Object.create(Object.getPrototypeOf(a))), /TypeError: Counter\.value/, "a proxy-shaped object");
    throws(() => C.value({ handle: 1, typeName: "Counter", isDisposed: false }), /TypeError/, "a look-alike");
    // A stale proxy stays an error however often its slot is reused.
    a.dispose();
    for (let i = 0; i < 2 ** 12 + 1; i++) C.create(i).dispose();
    const c = C.create(3);
    throws(() => a.value(), /disposed/, "a disposed proxy");
    throws(() => C.value(a), /disposed/, "a disposed proxy as an argument");
    eq(b.value(), 2, "b untouched");
    eq(c.value(), 3, "c untouched");
    b.dispose();
    c.dispose();
    eq(rt.exports.rust_object_census(), 0, "no leak");
    eq(rt.poisoned, null, "not poisoned");
  },

  reenter(rt) {
    const C = rt.exports.Counter;
    const c = C.create(1);
    const e1 = throws(() => c.reenter(() => c.value()), /Counter\.value/, "&self inside &mut self");
    if (!/in use by a method/.test(e1.message)) fail(`unclear error: ${e1.message}`);
    throws(() => c.reenter(() => c.bump()), /in use by a method/, "&mut self inside &mut self");
    throws(() => c.peek_then(() => c.bump()), /in use by a method/, "&mut self inside &self");
    eq(c.peek_then(() => c.value()), 11 + 10, "&self inside &self is fine");
    eq(rt.poisoned, null, "not poisoned");
    eq(c.bump(), 22, "usable after");
    eq(c.value(), 22, "state kept");
    c.dispose();
  },
};

export function runSoundHandlesCheck(rt, name) {
  const c = checks[name];
  if (c === undefined) throw new Error(`no check ${name}`);
  c(rt);
}

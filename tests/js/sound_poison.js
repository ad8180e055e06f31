// The JS half of tests/tests/sound_poison.rs and sound_poison_task.rs (issue 9, F10): after a
// panic every pending async export promise rejects with the poison error, and a trap inside a
// spawned task is no uncaught exception.

/** Promises the import `later` returned, with their resolvers, in call order. */
const waiting = [];

const poisonModule = {
  later(x) {
    return new Promise((resolve) => waiting.push({ x, resolve }));
  },
};

export function registerPoisonModule(rt) {
  rt.importModule("poison", poisonModule);
}

function fail(msg) {
  throw new Error(msg);
}

/** How `p` settled within `ms`: { state: "fulfilled" | "rejected" | "pending", value }. */
function settledWithin(p, ms) {
  return Promise.race([
    p.then((value) => ({ state: "fulfilled", value }), (value) => ({ state: "rejected", value })),
    new Promise((resolve) => setTimeout(() => resolve({ state: "pending" }), ms)),
  ]);
}

/** Errors that reached the global handlers (an uncaught exception, an unhandled rejection). */
function watchUncaught() {
  const seen = [];
  const onError = (e) => seen.push(`uncaught: ${e && (e.message || (e.error && e.error.message) || e)}`);
  const onRejection = (e) => seen.push(`unhandled rejection: ${e && ((e.reason && e.reason.message) || e.message || e)}`);
  if (typeof process !== "undefined" && typeof process.on === "function") {
    process.on("uncaughtException", onError);
    process.on("unhandledRejection", onRejection);
    return { seen, stop: () => { process.off("uncaughtException", onError); process.off("unhandledRejection", onRejection); } };
  }
  const onWindowError = (e) => { e.preventDefault(); onError(e); };
  const onWindowRejection = (e) => { e.preventDefault(); onRejection(e); };
  globalThis.addEventListener("error", onWindowError);
  globalThis.addEventListener("unhandledrejection", onWindowRejection);
  return {
    seen,
    stop: () => {
      globalThis.removeEventListener("error", onWindowError);
      globalThis.removeEventListener("unhandledrejection", onWindowRejection);
    },
  };
}

async function expectPoisonRejections(pending, rt, what) {
  for (const [label, p] of pending) {
    const r = await settledWithin(p, 3000);
    if (r.state === "pending") fail(`${what}: ${label} is still pending after the panic`);
    if (r.state === "fulfilled") fail(`${what}: ${label} fulfilled with ${r.value}`);
    const e = r.value;
    if (!e || e.name !== "SlotwireError" || !/instance poisoned by panic: .*kaboom/.test(e.message)) {
      fail(`${what}: ${label} rejected with ${e && e.name}: ${e && e.message}`);
    }
  }
  if (rt.poisoned === null) fail(`${what}: rt.poisoned is null`);
  if (rt.census().asyncExports !== 0) fail(`${what}: ${rt.census().asyncExports} async exports left in rt.census()`);
}

const checks = {
  /** A panic in a synchronous export rejects the async exports still pending. */
  async syncPanic(x, rt) {
    const watch = watchUncaught();
    try {
      const p1 = x.wait_then_add(1);
      const p2 = x.wait_then_add(2);
      if (waiting.length !== 2) fail(`expected 2 waiting imports, got ${waiting.length}`);
      let thrown;
      try {
        x.explode();
      } catch (e) {
        thrown = e;
      }
      if (thrown === undefined) fail("explode did not throw");
      await expectPoisonRejections([["wait_then_add(1)", p1], ["wait_then_add(2)", p2]], rt, "sync panic");
      // Settling the awaited JS promises now reaches nothing (no throw, no crossing).
      for (const w of waiting) w.resolve(w.x);
      await new Promise((r) => setTimeout(r, 50));
      if (watch.seen.length !== 0) fail(watch.seen.join("; "));
    } finally {
      watch.stop();
    }
  },

  /** A panic inside a spawned task (an async export resumed later) rejects it and the others. */
  async taskPanic(x, rt) {
    const watch = watchUncaught();
    try {
      const p1 = x.wait_then_add(1);
      const p2 = x.wait_then_explode(2);
      if (waiting.length !== 2) fail(`expected 2 waiting imports, got ${waiting.length}`);
      waiting[1].resolve(2); // wait_then_explode resumes in its task and panics
      await expectPoisonRejections([["wait_then_explode(2)", p2], ["wait_then_add(1)", p1]], rt, "task panic");
      await new Promise((r) => setTimeout(r, 50));
      if (watch.seen.length !== 0) fail(watch.seen.join("; "));
    } finally {
      watch.stop();
    }
  },
};

export async function runPoisonCheck(rt, name) {
  const c = checks[name];
  if (c === undefined) throw new Error(`no JS check named ${name}`);
  await c(rt.exports, rt);
}

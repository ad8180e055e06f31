// The JS half of tests/tests/methods.rs: `#[js_export] impl` blocks seen from JS.

export function runMethodsCheck(rt) {
  const x = rt.exports;
  const fail = (m) => {
    throw new Error(m);
  };
  const eq = (a, b, what) => {
    if (!Object.is(a, b)) fail(`${what}: expected ${String(b)}, got ${String(a)}`);
  };
  const c = x.Tally.create(10);
  eq(c.add(5), 15, "a &mut self method through the proxy");
  eq(c.add(-3), 12, "state kept");
  eq(c.total(), 12, "a &self method");
  eq(c.invoke("total"), 12, "invoke by name");
  eq(c.label("n"), "n=12", "&str parameter");
  const d = x.Tally.create(1);
  eq(x.Tally.sum(c, d), 13, "an associated function taking two objects");
  eq(c.merged(d).total(), 13, "a method returning a new object (Self)");
  let threw = false;
  try {
    c.add("x");
  } catch (e) {
    threw = e instanceof TypeError && e.message.includes("Tally.add");
  }
  eq(threw, true, "bad argument: TypeError naming Type.method");
  c.dispose();
  threw = false;
  try {
    c.total();
  } catch (e) {
    threw = /disposed/.test(e.message);
  }
  eq(threw, true, "disposed proxy: clear error");
  eq(x.CounterI32.create(4).get(), 4, "generic type under its own JS name");
  d.dispose();
}

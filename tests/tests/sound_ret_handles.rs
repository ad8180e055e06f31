//! Adversarial tests of the JS-table handles a low-level `Ret` holds (engine/src/binding.rs
//! `collect_handles`, `Ret::drop`, `Ret::get`): results of `JsObject`, `Option<JsObject>`,
//! `Vec<JsObject>`, `Vec<Option<JsObject>>`, `JsAny`, `Vec<JsAny>`, `Option<Vec<JsObject>>`, a
//! function and `Vec<Vec<JsObject>>`, read in time, read as a wrong type, never read, read after
//! other crossings; the same object many times in one result, `JsAny` nested around the 64-level
//! limit, 100k-object arrays, arrays whose element getter throws halfway, nulls mixed with
//! objects. After each scenario both censuses are back where they were and objects Rust holds
//! (the same JS objects the results carried) still work: a double release would break them, a
//! missed one shows in the census. Failures are collected and reported at the end. In Node and
//! headless Chromium. (Panics poison: none on the way.)
#![cfg(target_arch = "wasm32")]

use slotwire::prelude::*;
use slotwire::slot::Code;
use slotwire::{census, Binding, FromJs, JsAny, JsFunction, JsObject, JsType, Ret};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

/// Installs `globalThis.srhTest` once.
fn setup() {
    let install = js_sys::Function::new_with_args(
        "rt",
        r#"
        if (globalThis.srhTest !== undefined) return;
        const mk = (id) => ({ id, hit() { return this.id; } });
        const pool = [0, 1, 2, 3, 4, 5].map(mk);
        const f = function () { return 42; };
        f.id = 0;
        // `d` arrays, each inside the previous one; a fresh object at every level and one more
        // at the bottom: d + 1 objects.
        const nest = (d) => {
          let a = [mk(100 + d), mk(999)];
          for (let i = d - 1; i >= 1; i--) a = [mk(100 + i), a];
          return a;
        };
        const fresh = (n) => Array.from({ length: n }, (_, k) => mk(1000 + k));
        const throwing = (n, k) => {
          const arr = fresh(n);
          Object.defineProperty(arr, k, { get() { throw new Error("getter " + k); } });
          return arr;
        };
        globalThis.srhTest = {
          pool,
          one: (i) => pool[i],
          maybe: (i) => (i === -1 ? null : i === -2 ? undefined : pool[i]),
          range: (a, b) => pool.slice(a, b),
          fresh,
          same: (n) => new Array(n).fill(pool[0]),
          mixed: () => [pool[0], null, mk(7), undefined, pool[0], pool[1], null],
          withNull: () => [mk(1), pool[0], null, mk(2)],
          withNum: () => [mk(1), pool[0], 5, mk(2)],
          throwing,
          anyOf(kind, d) {
            switch (kind) {
              case 0: return pool[0];
              case 1: return [pool[0], [pool[0], pool[1], [pool[0], mk(8)]], "s", 1, null,
                              undefined, mk(5), f, [f, pool[0]]];
              case 2: return nest(d);
              case 3: return [mk(1), pool[0], [mk(2), [pool[0], throwing(4, 2)]]];
              case 4: return [mk(1), [mk(2), { get bad() { return 1; } }], 7n, new Date(5)];
              case 5: return fresh(d);
              case 6: return null;
              case 7: return 12.5;
              default: throw new RangeError("kind " + kind);
            }
          },
          anys: (d, k) => (k === 0 ? [nest(d), pool[0], mk(3)] : [pool[0], nest(d), mk(3), nest(d)]),
          optVec: (a, b) => (a < 0 ? null : [...pool.slice(a, b), pool[0]]),
          func: (k) => (k === 0 ? f : pool[0]),
          vv: (n) => [[pool[0], mk(1)], [pool[0]], [], fresh(n)],
          text: () => "hello",
          callExport: () => rt.exports.srh_len("abc".repeat(1000)),
        };
        "#,
    );
    install.call1(&JsValue::NULL, &rt()).unwrap();
}

#[js_import("srhTest.text")]
fn text() -> String;
#[js_import("srhTest.callExport")]
fn call_export() -> u32;

#[js_export]
fn srh_len(s: String) -> u32 {
    s.len() as u32
}

fn bind<T: FromJs>(target: &str) -> Binding {
    let p: [Code; 2] = [JsType::F64.code(false), JsType::F64.code(false)];
    Binding::bind_codes(target, None, &p, <T as FromJs>::CODE)
        .unwrap_or_else(|e| panic!("bind {target}: {e}"))
}

fn call(b: &Binding, x: f64, y: f64) -> slotwire::Result<Ret> {
    let mut a = b.args();
    a.set(0, x)?;
    a.set(1, y)?;
    b.invoke(&mut a)
}

/// Objects Rust holds through the tests, the census to come back to, and the failures seen.
struct Ctx {
    one: Binding,
    held: JsObject,
    held_vec: Vec<JsObject>,
    held_fn: JsFunction<(), f64>,
    base: (usize, f64),
    errs: Vec<String>,
}

impl Ctx {
    fn new() -> Ctx {
        setup();
        let one = bind::<JsObject>("srhTest.one");
        let held: JsObject = call(&one, 0.0, 0.0).unwrap().get().unwrap();
        let range = bind::<Vec<JsObject>>("srhTest.range");
        let held_vec: Vec<JsObject> = call(&range, 1.0, 4.0).unwrap().get().unwrap();
        let func = bind::<JsFunction<(), f64>>("srhTest.func");
        let held_fn: JsFunction<(), f64> = call(&func, 0.0, 0.0).unwrap().get().unwrap();
        let base = (census().js_objects, js_census("jsObjects"));
        Ctx {
            one,
            held,
            held_vec,
            held_fn,
            base,
            errs: Vec::new(),
        }
    }

    fn err(&mut self, m: String) {
        self.errs.push(m);
    }

    /// The censuses are back at the base and held objects still work. A difference is reported
    /// once: the base moves to it.
    fn check(&mut self, step: &str) {
        match call(&self.one, 0.0, 0.0).and_then(|r| r.get::<JsObject>()) {
            Ok(o) => {
                if !o.same_as(&self.held) {
                    self.err(format!("{step}: pool[0] is no longer === the held object"));
                }
            }
            Err(e) => self.err(format!("{step}: fetching pool[0] again: {e}")),
        }
        match self.held.call_method::<_, f64>("hit", ()) {
            Ok(0.0) => {}
            r => self.err(format!("{step}: held pool[0].hit() gave {r:?}")),
        }
        let mut bad = Vec::new();
        for (i, o) in self.held_vec.iter().enumerate() {
            match o.get::<f64>("id") {
                Ok(v) if v == (i + 1) as f64 => {}
                r => bad.push(format!("held pool[{}].id gave {r:?}", i + 1)),
            }
        }
        for b in bad {
            self.err(format!("{step}: {b}"));
        }
        match self.held_fn.call(()) {
            Ok(42.0) => {}
            r => self.err(format!("{step}: the held function gave {r:?}")),
        }
        let now = (census().js_objects, js_census("jsObjects"));
        if now != self.base {
            self.err(format!(
                "{step}: census (rust js_objects, js jsObjects) = {now:?}, expected {:?}",
                self.base
            ));
            self.base = now;
        }
    }

    /// Every failure seen, as the test's `Err` (a panic would poison the instance for the
    /// tests after it).
    fn finish(self) -> Result<(), JsValue> {
        if self.errs.is_empty() {
            Ok(())
        } else {
            Err(JsValue::from_str(&format!(
                "{} failure(s):\n{}",
                self.errs.len(),
                self.errs.join("\n")
            )))
        }
    }
}

fn is_type_err<T: core::fmt::Debug>(r: slotwire::Result<T>) -> Result<(), String> {
    match r {
        Err(e) if e.kind() == slotwire::ErrorKind::Type => Ok(()),
        other => Err(format!("expected a Type error, got {other:?}")),
    }
}

fn is_late<T: core::fmt::Debug>(r: slotwire::Result<T>) -> Result<(), String> {
    match r {
        Err(e) if e.to_string().contains("read after a later crossing") => Ok(()),
        other => Err(format!("expected a late-read refusal, got {other:?}")),
    }
}

/// `(objects, arrays, max array depth)` in a `JsAny`.
fn any_stats(v: &JsAny, depth: usize) -> (usize, usize, usize) {
    match v {
        JsAny::Object(_) | JsAny::Function(_) => (1, 0, depth),
        JsAny::Array(items) => {
            let mut s = (0, 1, depth + 1);
            for x in items {
                let t = any_stats(x, depth + 1);
                s.0 += t.0;
                s.1 += t.1;
                s.2 = s.2.max(t.2);
            }
            s
        }
        _ => (0, 0, depth),
    }
}

macro_rules! expect {
    ($ctx:expr, $step:expr, $r:expr) => {
        if let Err(e) = $r {
            $ctx.err(format!("{}: {}", $step, e));
        }
    };
}

#[wasm_bindgen_test]
fn single_objects_and_functions_every_way() -> Result<(), JsValue> {
    let mut c = Ctx::new();
    let one = bind::<JsObject>("srhTest.one");
    let maybe = bind::<Option<JsObject>>("srhTest.maybe");
    let func = bind::<JsFunction<(), f64>>("srhTest.func");
    // Right type, the held object itself (same handle or a second reference to it).
    for i in 0..6 {
        match call(&one, i as f64, 0.0).and_then(|r| r.get::<JsObject>()) {
            Ok(o) => match o.call_method::<_, f64>("hit", ()) {
                Ok(v) if v == i as f64 => {}
                r => c.err(format!("one({i}).hit() gave {r:?}")),
            },
            Err(e) => c.err(format!("one({i}): {e}")),
        }
    }
    c.check("JsObject read");
    // Wrong types: the handle given back.
    expect!(
        c,
        "JsObject as f64",
        is_type_err(call(&one, 0.0, 0.0).unwrap().get::<f64>())
    );
    expect!(
        c,
        "JsObject as JsAny",
        is_type_err(call(&one, 0.0, 0.0).unwrap().get::<JsAny>())
    );
    expect!(
        c,
        "JsObject as Vec<JsObject>",
        is_type_err(call(&one, 1.0, 0.0).unwrap().get::<Vec<JsObject>>())
    );
    expect!(
        c,
        "JsObject as JsFunction",
        is_type_err(call(&one, 0.0, 0.0).unwrap().get::<JsFunction<(), f64>>())
    );
    c.check("JsObject read as wrong types");
    // As Option<JsObject>: allowed.
    match call(&one, 2.0, 0.0).and_then(|r| r.get::<Option<JsObject>>()) {
        Ok(Some(o)) if o.same_as(&c.held_vec[1]) => {}
        r => c.err(format!("JsObject as Option<JsObject>: {r:?}")),
    }
    c.check("JsObject read as Option<JsObject>");
    // Never read, many times over (each a reference to a held object).
    for i in 0..1000 {
        drop(call(&one, (i % 4) as f64, 0.0).unwrap());
    }
    c.check("1000 JsObject results never read");
    // Held across crossings, then read: a handle is in the slot itself, never stale.
    let r = call(&one, 1.0, 0.0).unwrap();
    let t = text();
    let n = call_export();
    match r.get::<JsObject>() {
        Ok(o) if o.same_as(&c.held_vec[0]) && t == "hello" && n == 3000 => {}
        other => c.err(format!(
            "JsObject read after crossings: {other:?} ({t:?}, {n})"
        )),
    }
    let r = call(&one, 0.0, 0.0).unwrap();
    let _ = text();
    let _ = call_export();
    drop(r);
    c.check("JsObject across crossings");
    // Option<JsObject>: null, undefined, objects.
    for (i, want) in [
        (-1.0, None),
        (-2.0, None),
        (0.0, Some(0.0)),
        (3.0, Some(3.0)),
    ] {
        match call(&maybe, i, 0.0).and_then(|r| r.get::<Option<JsObject>>()) {
            Ok(o) => {
                let id = o.map(|o| o.get::<f64>("id").unwrap_or(-99.0));
                if id != want {
                    c.err(format!("maybe({i}) gave id {id:?}, wanted {want:?}"));
                }
            }
            Err(e) => c.err(format!("maybe({i}): {e}")),
        }
        drop(call(&maybe, i, 0.0).unwrap());
        expect!(
            c,
            format!("maybe({i}) as JsObject (non-Option)"),
            match call(&maybe, i, 0.0).unwrap().get::<JsObject>() {
                // A non-nullable read of a nullable result: refused or an object, never a crash.
                Ok(o) if want.is_some() =>
                    o.get::<f64>("id").map(|_| ()).map_err(|e| e.to_string()),
                Ok(o) => Err(format!("an object {o:?} from null")),
                Err(_) => Ok(()),
            }
        );
        expect!(
            c,
            format!("maybe({i}) as f64"),
            is_type_err(call(&maybe, i, 0.0).unwrap().get::<f64>())
        );
    }
    c.check("Option<JsObject> every way");
    // A function result.
    match call(&func, 0.0, 0.0).and_then(|r| r.get::<JsFunction<(), f64>>()) {
        Ok(f) => {
            if !f.as_object().same_as(c.held_fn.as_object()) || f.call(()).ok() != Some(42.0) {
                c.err("func(0) is not the held function".into());
            }
        }
        Err(e) => c.err(format!("func(0): {e}")),
    }
    drop(call(&func, 0.0, 0.0).unwrap());
    expect!(
        c,
        "function as JsObject",
        is_type_err(call(&func, 0.0, 0.0).unwrap().get::<JsObject>())
    );
    expect!(
        c,
        "function as JsAny",
        is_type_err(call(&func, 0.0, 0.0).unwrap().get::<JsAny>())
    );
    // A function binding whose JS gives an object: refused by JS, nothing held.
    match call(&func, 1.0, 0.0) {
        Err(_) => {}
        Ok(r) => {
            if let Ok(f) = r.get::<JsFunction<(), f64>>() {
                c.err(format!("an object taken as a function: {f:?}"));
            }
        }
    }
    c.check("function results");
    c.finish()
}

#[wasm_bindgen_test]
fn arrays_of_objects_every_way() -> Result<(), JsValue> {
    let mut c = Ctx::new();
    let range = bind::<Vec<JsObject>>("srhTest.range");
    let same = bind::<Vec<JsObject>>("srhTest.same");
    let fresh = bind::<Vec<JsObject>>("srhTest.fresh");
    let mixed = bind::<Vec<Option<JsObject>>>("srhTest.mixed");
    let mixed_strict = bind::<Vec<JsObject>>("srhTest.mixed");
    let with_null = bind::<Vec<JsObject>>("srhTest.withNull");
    let with_num = bind::<Vec<JsObject>>("srhTest.withNum");
    let opt_vec = bind::<Option<Vec<JsObject>>>("srhTest.optVec");
    // Read in time.
    match call(&range, 0.0, 6.0).and_then(|r| r.get::<Vec<JsObject>>()) {
        Ok(v) => {
            let ids: Vec<f64> = v.iter().map(|o| o.get("id").unwrap_or(-1.0)).collect();
            if ids != [0.0, 1.0, 2.0, 3.0, 4.0, 5.0] || !v[0].same_as(&c.held) {
                c.err(format!("range(0, 6) ids {ids:?}"));
            }
        }
        Err(e) => c.err(format!("range(0, 6): {e}")),
    }
    c.check("Vec<JsObject> read");
    // Wrong types.
    expect!(
        c,
        "Vec<JsObject> as Vec<Option<JsObject>>",
        match call(&range, 0.0, 4.0)
            .unwrap()
            .get::<Vec<Option<JsObject>>>()
        {
            Err(e) if e.kind() == slotwire::ErrorKind::Type => Ok(()),
            Err(e) => Err(format!("refused with {e}")),
            // Compatible after all: then every element must be right.
            Ok(v) if v.len() == 4 && v.iter().all(|o| o.is_some()) => Ok(()),
            Ok(v) => Err(format!("read as {v:?}")),
        }
    );
    expect!(
        c,
        "Vec<JsObject> as JsAny",
        is_type_err(call(&range, 0.0, 4.0).unwrap().get::<JsAny>())
    );
    expect!(
        c,
        "Vec<JsObject> as Vec<JsAny>",
        is_type_err(call(&range, 0.0, 4.0).unwrap().get::<Vec<JsAny>>())
    );
    expect!(
        c,
        "Vec<JsObject> as JsObject",
        is_type_err(call(&range, 0.0, 4.0).unwrap().get::<JsObject>())
    );
    expect!(
        c,
        "Vec<JsObject> as Vec<f64>",
        is_type_err(call(&range, 0.0, 4.0).unwrap().get::<Vec<f64>>())
    );
    c.check("Vec<JsObject> read as wrong types");
    // Never read; read late.
    drop(call(&range, 0.0, 6.0).unwrap());
    c.check("Vec<JsObject> never read");
    let r = call(&range, 0.0, 6.0).unwrap();
    let _ = text();
    expect!(
        c,
        "Vec<JsObject> late (import)",
        is_late(r.get::<Vec<JsObject>>())
    );
    c.check("Vec<JsObject> read after an import");
    let r = call(&range, 0.0, 6.0).unwrap();
    let n = call_export();
    match r.get::<Vec<JsObject>>() {
        // Refused, or (if the export wrote nothing over it) the right objects.
        Err(e) if e.to_string().contains("read after a later crossing") => {}
        Ok(v) if v.len() == 6 && v[0].same_as(&c.held) && n == 3000 => {}
        other => c.err(format!("Vec<JsObject> after an export: {other:?}")),
    }
    c.check("Vec<JsObject> read after an export");
    // The same object many times in one array.
    for n in [2.0, 17.0, 1000.0] {
        match call(&same, n, 0.0).and_then(|r| r.get::<Vec<JsObject>>()) {
            Ok(v) if v.len() == n as usize && v.iter().all(|o| o.same_as(&c.held)) => {}
            other => c.err(format!("same({n}): {:?}", other.map(|v| v.len()))),
        }
        drop(call(&same, n, 0.0).unwrap());
        expect!(
            c,
            format!("same({n}) as f64"),
            is_type_err(call(&same, n, 0.0).unwrap().get::<f64>())
        );
        let r = call(&same, n, 0.0).unwrap();
        let _ = text();
        expect!(
            c,
            format!("same({n}) late"),
            is_late(r.get::<Vec<JsObject>>())
        );
        c.check(&format!("pool[0] {n} times in one array"));
    }
    // Nulls mixed with objects.
    match call(&mixed, 0.0, 0.0).and_then(|r| r.get::<Vec<Option<JsObject>>>()) {
        Ok(v) => {
            let shape: Vec<Option<f64>> = v
                .iter()
                .map(|o| o.as_ref().map(|o| o.get("id").unwrap_or(-1.0)))
                .collect();
            let want = [Some(0.0), None, Some(7.0), None, Some(0.0), Some(1.0), None];
            if shape != want {
                c.err(format!("mixed: {shape:?}"));
            }
        }
        Err(e) => c.err(format!("mixed: {e}")),
    }
    drop(call(&mixed, 0.0, 0.0).unwrap());
    expect!(
        c,
        "mixed as Vec<JsObject>",
        is_type_err(call(&mixed, 0.0, 0.0).unwrap().get::<Vec<JsObject>>())
    );
    let r = call(&mixed, 0.0, 0.0).unwrap();
    let _ = text();
    expect!(c, "mixed late", is_late(r.get::<Vec<Option<JsObject>>>()));
    c.check("Vec<Option<JsObject>> with nulls");
    // A null or a number among the elements of a Vec<JsObject>: an error, nothing kept.
    for (b, what) in [
        (&mixed_strict, "mixed"),
        (&with_null, "withNull"),
        (&with_num, "withNum"),
    ] {
        match call(b, 0.0, 0.0) {
            Err(_) => {}
            Ok(r) => {
                if let Ok(v) = r.get::<Vec<JsObject>>() {
                    c.err(format!("{what} as Vec<JsObject> gave {} objects", v.len()));
                }
            }
        }
        c.check(&format!("{what} as Vec<JsObject>"));
    }
    // Option<Vec<JsObject>>.
    match call(&opt_vec, -1.0, 0.0).and_then(|r| r.get::<Option<Vec<JsObject>>>()) {
        Ok(None) => {}
        other => c.err(format!("optVec(null): {other:?}")),
    }
    match call(&opt_vec, 0.0, 3.0).and_then(|r| r.get::<Option<Vec<JsObject>>>()) {
        Ok(Some(v)) if v.len() == 4 && v[0].same_as(&c.held) && v[3].same_as(&c.held) => {}
        other => c.err(format!("optVec(0, 3): {other:?}")),
    }
    drop(call(&opt_vec, -1.0, 0.0).unwrap());
    drop(call(&opt_vec, 0.0, 6.0).unwrap());
    expect!(
        c,
        "Option<Vec<JsObject>> as Vec<JsObject>",
        is_type_err(call(&opt_vec, 0.0, 6.0).unwrap().get::<Vec<JsObject>>())
    );
    expect!(
        c,
        "Option<Vec<JsObject>> as Option<JsObject>",
        is_type_err(call(&opt_vec, 0.0, 6.0).unwrap().get::<Option<JsObject>>())
    );
    let r = call(&opt_vec, 0.0, 6.0).unwrap();
    let _ = text();
    expect!(
        c,
        "Option<Vec<JsObject>> late",
        is_late(r.get::<Option<Vec<JsObject>>>())
    );
    c.check("Option<Vec<JsObject>>");
    // Vec<JsObject> read as Option<Vec<JsObject>>: allowed, must be right.
    match call(&range, 0.0, 2.0).and_then(|r| r.get::<Option<Vec<JsObject>>>()) {
        Ok(Some(v)) if v.len() == 2 && v[0].same_as(&c.held) => {}
        other => c.err(format!("Vec<JsObject> as Option<Vec<JsObject>>: {other:?}")),
    }
    c.check("Vec<JsObject> as Option<Vec<JsObject>>");
    // Empty arrays.
    drop(call(&fresh, 0.0, 0.0).unwrap());
    match call(&fresh, 0.0, 0.0).and_then(|r| r.get::<Vec<JsObject>>()) {
        Ok(v) if v.is_empty() => {}
        other => c.err(format!("fresh(0): {other:?}")),
    }
    c.check("empty arrays");
    c.finish()
}

#[wasm_bindgen_test]
fn big_arrays_and_throwing_getters() -> Result<(), JsValue> {
    let mut c = Ctx::new();
    let fresh = bind::<Vec<JsObject>>("srhTest.fresh");
    let same = bind::<Vec<JsObject>>("srhTest.same");
    let throwing = bind::<Vec<JsObject>>("srhTest.throwing");
    let throwing_opt = bind::<Vec<Option<JsObject>>>("srhTest.throwing");
    let throwing_any = bind::<Vec<JsAny>>("srhTest.throwing");
    let any = bind::<JsAny>("srhTest.anyOf");
    const N: f64 = 100_000.0;
    match call(&fresh, N, 0.0).and_then(|r| r.get::<Vec<JsObject>>()) {
        Ok(v) => {
            if v.len() != N as usize
                || v[0].get::<f64>("id").ok() != Some(1000.0)
                || v[99_999].get::<f64>("id").ok() != Some(100_999.0)
            {
                c.err(format!("fresh(100k): {} objects", v.len()));
            }
        }
        Err(e) => c.err(format!("fresh(100k): {e}")),
    }
    c.check("100k fresh objects read");
    drop(call(&fresh, N, 0.0).unwrap());
    c.check("100k fresh objects never read");
    expect!(
        c,
        "100k as Vec<f64>",
        is_type_err(call(&fresh, N, 0.0).unwrap().get::<Vec<f64>>())
    );
    c.check("100k fresh objects read as Vec<f64>");
    let r = call(&fresh, N, 0.0).unwrap();
    let _ = text();
    expect!(c, "100k late", is_late(r.get::<Vec<JsObject>>()));
    c.check("100k fresh objects read late");
    drop(call(&same, N, 0.0).unwrap());
    c.check("pool[0] 100k times never read");
    let r = call(&same, N, 0.0).unwrap();
    let _ = call_export();
    drop(r);
    c.check("pool[0] 100k times held across an export, never read");
    match call(&any, 5.0, N).and_then(|r| r.get::<JsAny>()) {
        Ok(v) if any_stats(&v, 0) == (N as usize, 1, 1) => {}
        Ok(v) => c.err(format!("anyOf(fresh 100k): stats {:?}", any_stats(&v, 0))),
        Err(e) => c.err(format!("anyOf(fresh 100k): {e}")),
    }
    drop(call(&any, 5.0, N).unwrap());
    c.check("JsAny of 100k objects");
    // A getter throwing at element k of n: an error, the elements made before given back.
    for (n, k) in [
        (3.0, 0.0),
        (3.0, 2.0),
        (10.0, 5.0),
        (N, 50_000.0),
        (N, N - 1.0),
    ] {
        for (b, what) in [
            (&throwing, "Vec<JsObject>"),
            (&throwing_opt, "Vec<Option<JsObject>>"),
            (&throwing_any, "Vec<JsAny>"),
        ] {
            match call(b, n, k) {
                Err(e) if e.to_string().contains("getter") => {}
                Err(e) => c.err(format!("throwing({n}, {k}) as {what}: other error {e}")),
                Ok(_) => c.err(format!("throwing({n}, {k}) as {what}: no error")),
            }
            c.check(&format!("throwing({n}, {k}) as {what}"));
        }
    }
    // A getter throwing deep inside a JsAny.
    match call(&any, 3.0, 0.0) {
        Err(e) if e.to_string().contains("getter") => {}
        other => c.err(format!("anyOf(3): {:?}", other.map(|_| ()))),
    }
    c.check("a getter throwing inside a JsAny");
    c.finish()
}

#[wasm_bindgen_test]
fn js_any_results_every_way() -> Result<(), JsValue> {
    let mut c = Ctx::new();
    let any = bind::<JsAny>("srhTest.anyOf");
    let anys = bind::<Vec<JsAny>>("srhTest.anys");
    // One object, then the mixed tree (pool[0] four times, pool[1], fresh ones, a function twice).
    match call(&any, 0.0, 0.0).and_then(|r| r.get::<JsAny>()) {
        Ok(JsAny::Object(o)) if o.same_as(&c.held) => {}
        other => c.err(format!("anyOf(0): {other:?}")),
    }
    match call(&any, 1.0, 0.0).and_then(|r| r.get::<JsAny>()) {
        Ok(v) => {
            if any_stats(&v, 0) != (9, 4, 3) {
                c.err(format!("anyOf(1): stats {:?}", any_stats(&v, 0)));
            }
            if let JsAny::Array(items) = &v {
                match (&items[0], &items[7]) {
                    (JsAny::Object(o), JsAny::Function(f))
                        if o.same_as(&c.held) && f.same_as(c.held_fn.as_object()) => {}
                    other => c.err(format!("anyOf(1): {other:?}")),
                }
            }
        }
        Err(e) => c.err(format!("anyOf(1): {e}")),
    }
    c.check("JsAny read");
    for kind in [0.0, 1.0, 4.0, 6.0, 7.0] {
        drop(call(&any, kind, 0.0).unwrap());
        c.check(&format!("anyOf({kind}) never read"));
        expect!(
            c,
            format!("anyOf({kind}) as JsObject"),
            is_type_err(call(&any, kind, 0.0).unwrap().get::<JsObject>())
        );
        expect!(
            c,
            format!("anyOf({kind}) as Vec<JsAny>"),
            is_type_err(call(&any, kind, 0.0).unwrap().get::<Vec<JsAny>>())
        );
        c.check(&format!("anyOf({kind}) read as wrong types"));
        let r = call(&any, kind, 0.0).unwrap();
        let _ = text();
        expect!(c, format!("anyOf({kind}) late"), is_late(r.get::<JsAny>()));
        c.check(&format!("anyOf({kind}) read late"));
        let r = call(&any, kind, 0.0).unwrap();
        let _ = call_export();
        match r.get::<JsAny>() {
            Err(e) if e.to_string().contains("read after a later crossing") => {}
            Ok(_) => {}
            Err(e) => c.err(format!("anyOf({kind}) after an export: {e}")),
        }
        c.check(&format!("anyOf({kind}) read after an export"));
    }
    // Nested around the limit: d arrays deep, d + 1 objects.
    for d in [1usize, 2, 60, 62, 63, 64, 65, 66, 70] {
        match call(&any, 2.0, d as f64) {
            Ok(r) => {
                if d > 64 {
                    c.err(format!("nest({d}): more than 64 arrays accepted from JS"));
                }
                match r.get::<JsAny>() {
                    Ok(v) => {
                        let s = any_stats(&v, 0);
                        if s != (d + 1, d, d) {
                            c.err(format!("nest({d}): stats {s:?}"));
                        }
                    }
                    Err(e) => c.err(format!("nest({d}) read: {e}")),
                }
            }
            Err(e) => {
                if d <= 64 {
                    c.err(format!("nest({d}): {e}"));
                }
            }
        }
        c.check(&format!("nest({d}) as JsAny read"));
        if let Ok(r) = call(&any, 2.0, d as f64) {
            drop(r);
        }
        c.check(&format!("nest({d}) as JsAny never read"));
        if let Ok(r) = call(&any, 2.0, d as f64) {
            let _ = is_type_err(r.get::<JsObject>());
        }
        c.check(&format!("nest({d}) as JsAny read as JsObject"));
        if let Ok(r) = call(&any, 2.0, d as f64) {
            let _ = text();
            expect!(c, format!("nest({d}) late"), is_late(r.get::<JsAny>()));
        }
        c.check(&format!("nest({d}) as JsAny read late"));
    }
    // Vec<JsAny>: the outer array is one more level above each element's 64.
    for d in [1usize, 60, 63, 64, 65] {
        for k in [0.0, 1.0] {
            let objs = if k == 0.0 { d + 3 } else { 2 * (d + 1) + 2 };
            match call(&anys, d as f64, k) {
                Ok(r) => match r.get::<Vec<JsAny>>() {
                    Ok(v) => {
                        let n: usize = v.iter().map(|x| any_stats(x, 0).0).sum();
                        if n != objs {
                            c.err(format!("anys({d}, {k}): {n} objects, wanted {objs}"));
                        }
                    }
                    Err(e) => c.err(format!("anys({d}, {k}) read: {e}")),
                },
                Err(e) => {
                    if d <= 64 {
                        c.err(format!("anys({d}, {k}): {e}"));
                    }
                }
            }
            c.check(&format!("anys({d}, {k}) read"));
            if let Ok(r) = call(&anys, d as f64, k) {
                drop(r);
            }
            c.check(&format!("anys({d}, {k}) never read"));
            if let Ok(r) = call(&anys, d as f64, k) {
                expect!(
                    c,
                    format!("anys({d}, {k}) as JsAny"),
                    is_type_err(r.get::<JsAny>())
                );
            }
            c.check(&format!("anys({d}, {k}) read as JsAny"));
            if let Ok(r) = call(&anys, d as f64, k) {
                let _ = text();
                expect!(
                    c,
                    format!("anys({d}, {k}) late"),
                    is_late(r.get::<Vec<JsAny>>())
                );
            }
            c.check(&format!("anys({d}, {k}) read late"));
        }
    }
    c.finish()
}

/// Not in the brief's list, but the same rule: an array of arrays of objects holds handles too.
#[wasm_bindgen_test]
fn arrays_of_arrays_of_objects_never_read_give_them_back() -> Result<(), JsValue> {
    let mut c = Ctx::new();
    let vv = bind::<Vec<Vec<JsObject>>>("srhTest.vv");
    match call(&vv, 3.0, 0.0).and_then(|r| r.get::<Vec<Vec<JsObject>>>()) {
        Ok(v)
            if v.iter().map(Vec::len).collect::<Vec<_>>() == [2, 1, 0, 3]
                && v[0][0].same_as(&c.held) => {}
        other => c.err(format!("vv(3): {other:?}")),
    }
    c.check("Vec<Vec<JsObject>> read");
    drop(call(&vv, 3.0, 0.0).unwrap());
    c.check("Vec<Vec<JsObject>> never read");
    expect!(
        c,
        "Vec<Vec<JsObject>> as f64",
        is_type_err(call(&vv, 3.0, 0.0).unwrap().get::<f64>())
    );
    c.check("Vec<Vec<JsObject>> read as f64");
    let r = call(&vv, 3.0, 0.0).unwrap();
    let _ = text();
    expect!(
        c,
        "Vec<Vec<JsObject>> late",
        is_late(r.get::<Vec<Vec<JsObject>>>())
    );
    c.check("Vec<Vec<JsObject>> read late");
    c.finish()
}

//! Adversarial tests of `String` results on the typed path (fast.js `stringResult`,
//! engine/src/call/fast.rs `string_result`) and of the frame generation that makes a late
//! `Ret::get` an error (slot.js `Heap.written`, binding.rs `reads_memory`): results exactly at the
//! frame area's end and at the inline copy's 64-character limit, every shape of string, results
//! that only look like strings (no user code may run), re-entry through every String path with
//! memory growth at each level, throws inside nested calls, batched calls flushed before the
//! import, `Ret`s held across every kind of crossing (and an await), censuses, and no leak of
//! frame-area blocks. In Node and headless Chromium. (Panics poison: none here.)
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};

use slotwire::batch;
use slotwire::prelude::*;
use slotwire::{census, FromJs, JsError, Ret};
use slotwire_e2e::{js_census, rt};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// Installs `globalThis.ssrTest` once (bindings keep the functions they bound).
fn setup() {
    let install = js_sys::Function::new_with_args(
        "rt",
        r##"
        if (globalThis.ssrTest !== undefined) {
          globalThis.ssrTest.ran = 0;
          globalThis.ssrTest.log = [];
          return;
        }
        const align = (x) => x + ((8 - (x & 7)) & 7);
        // The strings of `shape` in the Rust half (lone surrogates arrive as U+FFFD).
        const shape = (n, mode) => {
          switch (mode) {
            case 0: return "a".repeat(n);
            case 1: return n === 0 ? "" : "a".repeat(n - 1) + "\u00e9";
            case 2: return "\u{1D11E}".repeat(n >> 1) + (n & 1 ? "z" : "");
            case 3: return n === 0 ? "" : "a".repeat(n - 1) + "\ud800";
            case 4: return "\0".repeat(n);
            case 5: return n === 0 ? "" : "\ufeff" + "b".repeat(n - 1);
            case 6: return n === 0 ? "" : "\udc00" + "c".repeat(n - 1);
            default: throw new RangeError("mode " + mode);
          }
        };
        const S = {
          ran: 0,
          log: [],
          space: -1,
          shape,
          // What must never run: a coercion hook of a bad result.
          trap() { S.ran++; return "ran"; },
          ranCount: () => S.ran,
          // The free bytes above the frame area's top when it is called, then the string.
          make(n, mode) {
            S.space = rt.heap.end - align(rt.heap.top);
            return shape(n, mode);
          },
          // Calls export ssr_at_edge with a pad sized so that `make` runs with exactly `k` free
          // bytes above the top (k a multiple of 8); returns what it returned.
          edge(k, n, mode) {
            rt.exports.ssr_at_edge("x".repeat(8), 0, 0);
            const space8 = S.space;
            const len = 8 + space8 - k;
            if (len < 0) throw new RangeError(`edge: only ${space8} bytes free`);
            const r = rt.exports.ssr_at_edge("p".repeat(len), n, mode);
            if (S.space !== k) throw new Error(`edge: ${S.space} bytes free, wanted ${k}`);
            return r;
          },
          give: (i) => S.values[i],
          values: ["hello", "ab\u{1D11E}".repeat(100000), "WORLD", "", "h\u00e9llo",
                   "q".repeat(300000)],
          same: (i) => S.values[i],
          // Results that are not primitive strings; none may be coerced.
          bad(i) {
            const hooks = { toString: S.trap, valueOf: S.trap, [Symbol.toPrimitive]: S.trap };
            const traps = {};
            for (const k of ["get", "has", "ownKeys", "getOwnPropertyDescriptor", "getPrototypeOf",
                             "defineProperty", "set", "apply", "construct", "isExtensible"]) {
              traps[k] = () => { S.ran++; throw new Error("trap " + k); };
            }
            const all = [
              () => new String("boxed"),
              () => Object.assign(new String("x"), hooks),
              () => Object.assign({}, hooks),
              () => new Proxy({}, traps),
              () => new Proxy(new String("p"), traps),
              () => new Proxy(function () {}, traps),
              () => new Proxy(["a"], traps),
              () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; },
              () => Symbol("s"),
              () => 10n,
              () => Object.assign(() => "f", hooks),
              () => Object.create(String.prototype, { toString: { get: S.trap } }),
              () => ["array"],
              () => ({ length: 3, 0: "a", get 1() { S.ran++; return "b"; } }),
              () => null,
              () => undefined,
              () => 0,
              () => true,
            ];
            return all[i]();
          },
          badCount: 18,
          // A String-returning import whose JS calls export ssr_chain (which calls this import
          // again through each String path, one level down).
          chain(depth, mode) {
            if (depth === 0) return shape(70, mode) + "|leaf";
            const inner = rt.exports.ssr_chain(S.chainArg(depth), depth - 1, mode);
            return `[${depth}|${inner}]`;
          },
          chainArg: (d) => `arg${d}-\u00e9\u{1D11E}-` + "q".repeat(d * 13),
          // Throws inside nested calls; see the Rust half.
          fails(i) { throw new RangeError("inner " + i); },
          throwIn(mode) {
            if (mode === 0) {
              try {
                rt.exports.ssr_inner_fail(0);
              } catch (e) {
                return "caught:" + e.message;
              }
              return "not thrown";
            }
            if (mode === 1) return rt.exports.ssr_inner_fail(1);
            // A nested big result first, then a throw of our own.
            const s = rt.exports.ssr_nested_give(1);
            throw new TypeError("outer after " + s.length);
          },
          // Batched: logs, may write into the frame area (a string argument), call an export
          // that makes String results, throw.
          queued(x) {
            S.log.push("q" + x);
            if (x & 1) S.log.push(rt.exports.ssr_echo_len("W".repeat(x)));
            if (x & 2) S.log.push(rt.exports.ssr_nested_give(0));
            if (x & 4) throw new RangeError("queued " + x);
          },
          takeLog() { const l = JSON.stringify(S.log); S.log = []; return l; },
          echoExport: (s) => rt.exports.ssr_echo_len(s),
          node: (tag) => ({ tag }),
          nodes: (n) => Array.from({ length: n }, (_, i) => ({ tag: "n" + i })),
          num: () => 2.5,
          flag: () => true,
          letter: () => "\u{1D11E}",
          list: () => ["one", "tw\u00f6", "thr\u{1D11E}e"],
          later: (i) => new Promise((r) => setTimeout(() => r(S.values[i]), 0)),
          tick: () => new Promise((r) => setTimeout(r, 0)),
          // Memory grows inside the import (an export that calls memory.grow), then the result.
          growThen(n, mode) {
            rt.exports.ssr_grow();
            return shape(n, mode);
          },
          // A slot-path result (Vec<f64>) whose element 0 is a getter calling an export that makes
          // big String results: nested inside a result being written.
          getterArray(i) {
            const a = [0, 2];
            Object.defineProperty(a, 0, { get() { return rt.exports.ssr_nested_give(i).length; }, enumerable: true });
            return a;
          },
          // The target of imports bound to a Rust function (closure or export), set from Rust.
          target: null,
          setTarget(f) { S.target = f; },
          callTarget(n) { return S.target(n); },
          // An object whose property getter grows memory and re-enters before it returns.
          obj: {
            get name() { rt.exports.ssr_grow(); return "n\u00e4me-" + rt.exports.ssr_nested_give(4); },
            greet(who) { return "hi " + who + " " + rt.exports.ssr_nested_give(0); },
            notString() { return new String("boxed"); },
          },
          getObj: () => S.obj,
          // The heap's bookkeeping, read without crossing.
          heapState() {
            const h = rt.heap;
            return JSON.stringify({ top: h.top, depth: h.resultDepth, inResult: h.inResult,
                                    overflow: h.overflow.length, results: h.results.length });
          },
        };
        globalThis.ssrTest = S;
        "##,
    );
    install.call1(&JsValue::NULL, &rt()).unwrap();
}

/// The strings `ssrTest.make(n, mode)` returns, as Rust receives them.
fn shape(n: u32, mode: u32) -> String {
    let n = n as usize;
    if n == 0 {
        return String::new();
    }
    let rest = |c: &str| c.repeat(n - 1);
    match mode {
        0 => "a".repeat(n),
        1 => rest("a") + "é",
        2 => "𝄞".repeat(n / 2) + if n % 2 == 1 { "z" } else { "" },
        3 => rest("a") + "\u{FFFD}",
        4 => "\0".repeat(n),
        5 => "\u{FEFF}".to_string() + &rest("b"),
        6 => "\u{FFFD}".to_string() + &rest("c"),
        _ => unreachable!(),
    }
}

/// `ssrTest.values[i]` as Rust receives it.
fn value(i: u32) -> String {
    match i {
        0 => "hello".into(),
        1 => "ab𝄞".repeat(100_000),
        2 => "WORLD".into(),
        3 => String::new(),
        4 => "héllo".into(),
        5 => "q".repeat(300_000),
        _ => unreachable!(),
    }
}

fn heap_state() -> String {
    let s = js_sys::Reflect::get(&js_sys::global(), &"ssrTest".into()).unwrap();
    let f: js_sys::Function = js_sys::Reflect::get(&s, &"heapState".into())
        .unwrap()
        .unchecked_into();
    f.call0(&s).unwrap().as_string().unwrap()
}

#[js_import("ssrTest.make")]
fn make(n: u32, mode: u32) -> String;
#[js_import("ssrTest.make")]
fn make_r(n: u32, mode: u32) -> Result<String, JsError>;
#[js_import("ssrTest.edge")]
fn edge(k: u32, n: u32, mode: u32) -> Result<String, JsError>;
#[js_import("ssrTest.give")]
fn give(i: u32) -> String;
#[js_import("ssrTest.same")]
fn same(i: u32) -> String;
#[js_import("ssrTest.bad")]
fn bad(i: u32) -> Result<String, JsError>;
#[js_import("ssrTest.ranCount")]
fn ran_count() -> u32;
#[js_import("ssrTest.chain")]
fn chain(depth: u32, mode: u32) -> Result<String, JsError>;
#[js_import("ssrTest.fails")]
fn fails(i: u32) -> Result<String, JsError>;
#[js_import("ssrTest.throwIn")]
fn throw_in(mode: u32) -> Result<String, JsError>;
#[js_import("ssrTest.queued", batch)]
fn queued(x: i32);
#[js_import("ssrTest.takeLog")]
fn take_log() -> String;
#[js_import("ssrTest.echoExport")]
fn echo_export(s: &str) -> u32;
#[js_import("ssrTest.growThen")]
fn grow_then(n: u32, mode: u32) -> Result<String, JsError>;
#[js_import("ssrTest.getterArray")]
fn getter_array(i: u32) -> Result<Vec<f64>, JsError>;
#[js_import("ssrTest.callTarget")]
fn call_target(n: u32) -> Result<String, JsError>;
#[js_import("ssrTest.setTarget")]
fn set_target(f: &JsClosure);
#[js_import("ssrTest.getObj")]
fn get_obj() -> JsObject;
#[js_import(getter = "name")]
fn name_of(o: &JsObject) -> Result<String, JsError>;
#[js_import(method = "greet")]
fn greet(o: &JsObject, who: &str) -> Result<String, JsError>;
#[js_import(method = "notString")]
fn not_string(o: &JsObject) -> Result<String, JsError>;
#[js_import("ssrTest.tick")]
async fn tick() -> Result<(), JsError>;

fn typed_make() -> TypedBinding<(u32, u32), String> {
    TypedBinding::bind("ssrTest.make", None).unwrap()
}

fn low_make() -> Binding {
    Binding::bind(
        "ssrTest.make",
        None,
        &[JsType::U32, JsType::U32],
        JsType::String,
    )
    .unwrap()
}

fn low_give() -> Binding {
    Binding::bind("ssrTest.give", None, &[JsType::U32], JsType::String).unwrap()
}

thread_local! {
    static TYPED_MAKE: TypedBinding<(u32, u32), String> = typed_make();
    static LOW_MAKE: Binding = low_make();
    static TYPED_GIVE: TypedBinding<(u32,), String> = TypedBinding::bind("ssrTest.give", None).unwrap();
    static STASH: RefCell<Option<Ret>> = const { RefCell::new(None) };
    static GROWS: Cell<u32> = const { Cell::new(0) };
}

/// A String through the low-level API, read at once.
fn low_call(b: &Binding, n: u32, mode: u32) -> slotwire::Result<String> {
    let mut args = b.args();
    args.set(0, n)?;
    args.set(1, mode)?;
    b.invoke(&mut args)?.get()
}

#[js_export]
fn ssr_echo_len(s: &str) -> u32 {
    s.len() as u32
}

/// Grows the memory by a page (every view over it is detached).
#[js_export]
fn ssr_grow() -> u32 {
    GROWS.with(|g| g.set(g.get() + 1));
    core::arch::wasm32::memory_grow(0, 1) as u32
}

/// Called with a pad of `p`/`x` that fills the frame area up to where `make` runs: the String
/// result through each typed path, and the pad (which lies right below the top) intact after each.
#[js_export]
fn ssr_at_edge(pad: &str, n: u32, mode: u32) -> Result<String, String> {
    let pad_ok = |p: &str| p.bytes().all(|b| b == b'p' || b == b'x');
    let want = shape(n, mode);
    let a = make(n, mode);
    if !pad_ok(pad) {
        return Err(format!("#[js_import] make({n},{mode}) clobbered the pad"));
    }
    let b = TYPED_MAKE
        .with(|t| t.call((n, mode)))
        .map_err(|e| e.to_string())?;
    if !pad_ok(pad) {
        return Err(format!("TypedBinding make({n},{mode}) clobbered the pad"));
    }
    let c = LOW_MAKE
        .with(|l| low_call(l, n, mode))
        .map_err(|e| e.to_string())?;
    if !pad_ok(pad) {
        return Err(format!("Binding make({n},{mode}) clobbered the pad"));
    }
    for (path, got) in [("js_import", &a), ("typed", &b), ("low", &c)] {
        if *got != want {
            return Err(format!("{path} make({n},{mode}) = {got:?}, not {want:?}"));
        }
    }
    Ok(a)
}

/// One level of `ssrTest.chain`: grows the memory, then the next level through #[js_import],
/// TypedBinding and Binding; checks its own `&str` argument (in the frame area) after each.
#[js_export]
fn ssr_chain(arg: &str, depth: u32, mode: u32) -> Result<String, String> {
    let want_arg = format!(
        "arg{}-é𝄞-{}",
        depth + 1,
        "q".repeat((depth as usize + 1) * 13)
    );
    if arg != want_arg {
        return Err(format!("argument {arg:?} on arrival"));
    }
    core::arch::wasm32::memory_grow(0, 1);
    let a = chain(depth, mode).map_err(|e| e.to_string())?;
    if arg != want_arg {
        return Err(format!("argument {arg:?} after the #[js_import]"));
    }
    core::arch::wasm32::memory_grow(0, 1);
    let typed = TypedBinding::<(u32, u32), String>::bind("ssrTest.chain", None)
        .map_err(|e| e.to_string())?;
    let b = typed.call((depth, mode)).map_err(|e| e.to_string())?;
    if arg != want_arg {
        return Err(format!("argument {arg:?} after the TypedBinding"));
    }
    let low = Binding::bind(
        "ssrTest.chain",
        None,
        &[JsType::U32, JsType::U32],
        JsType::String,
    )
    .map_err(|e| e.to_string())?;
    let c = low_call(&low, depth, mode).map_err(|e| e.to_string())?;
    if arg != want_arg {
        return Err(format!("argument {arg:?} after the Binding"));
    }
    if a != b || a != c {
        return Err(format!("three paths differ: {a:?} / {b:?} / {c:?}"));
    }
    Ok(a)
}

/// Calls a String import that throws; reports what it saw as this export's error.
#[js_export]
fn ssr_inner_fail(i: u32) -> Result<String, String> {
    match fails(i) {
        Ok(s) => Ok(s),
        Err(e) => Err(format!("export saw {}: {}", e.name, e.message)),
    }
}

/// `ssrTest.give(i)` through the #[js_import] and the TypedBinding, from inside an export.
#[js_export]
fn ssr_nested_give(i: u32) -> Result<String, String> {
    let a = give(i);
    let b = TYPED_GIVE
        .with(|t| t.call((i,)))
        .map_err(|e| e.to_string())?;
    if a != b || a != value(i) {
        return Err(format!("nested give({i}) differs"));
    }
    Ok(a)
}

/// Makes a low-level String result and keeps its `Ret` (read later by the test).
#[js_export]
fn ssr_stash(i: u32) -> u32 {
    let low = low_give();
    let mut args = low.args();
    args.set(0, i).unwrap();
    let r = low.invoke(&mut args).unwrap();
    STASH.with(|s| *s.borrow_mut() = Some(r));
    i
}

/// `expected` or a refusal naming a late read; never another value.
fn value_or_refused<T: PartialEq + core::fmt::Debug>(got: slotwire::Result<T>, expected: T) {
    match got {
        Ok(v) => assert_eq!(v, expected, "a late read gave a wrong value"),
        Err(e) => assert!(e.to_string().contains("read after a later crossing"), "{e}"),
    }
}

fn assert_refused<T: core::fmt::Debug>(got: slotwire::Result<T>, what: &str) {
    match got {
        Ok(v) => panic!("{what}: a late read gave {v:?}, not an error"),
        Err(e) => assert!(
            e.to_string().contains("read after a later crossing"),
            "{what}: {e}"
        ),
    }
}

#[wasm_bindgen_test]
fn results_at_the_frame_area_end_and_at_the_inline_limit_leave_the_frame_intact() {
    setup();
    let base = (census().js_objects, js_census("jsObjects"));
    let state = heap_state();
    // Free bytes above the top when the import runs x the result's UTF-16 length x its shape.
    for k in [0u32, 8, 56, 64, 72] {
        for n in [0u32, 1, 7, 8, 55, 56, 57, 63, 64, 65, 72, 73] {
            for mode in 0..7 {
                let got = edge(k, n, mode)
                    .unwrap_or_else(|e| panic!("edge({k}, {n}, {mode}): {}", e.message));
                assert_eq!(got, shape(n, mode), "edge({k}, {n}, {mode})");
            }
        }
    }
    assert_eq!(heap_state(), state, "the heap's bookkeeping is back");
    assert_eq!((census().js_objects, js_census("jsObjects")), base);
}

#[wasm_bindgen_test]
fn every_shape_of_string_through_every_typed_path() {
    setup();
    let typed = typed_make();
    let low = low_make();
    let lens = (0..=130u32).chain([4095, 65_535, 65_536, 65_537, 200_001]);
    for n in lens {
        for mode in 0..7 {
            let want = shape(n, mode);
            assert_eq!(make(n, mode), want, "make({n}, {mode})");
            assert_eq!(make_r(n, mode).unwrap(), want, "make_r({n}, {mode})");
            assert_eq!(typed.call((n, mode)).unwrap(), want, "typed({n}, {mode})");
            assert_eq!(low_call(&low, n, mode).unwrap(), want, "low({n}, {mode})");
        }
    }
    // Results one after another each arrive whole: a long one after a short one and back.
    let long = make(100_000, 2);
    let short = make(3, 0);
    let long2 = make(100_001, 1);
    assert_eq!(long, shape(100_000, 2));
    assert_eq!(short, "aaa");
    assert_eq!(long2, shape(100_001, 1));
}

#[wasm_bindgen_test]
fn results_that_only_look_like_strings_are_type_errors_and_run_no_user_code() {
    setup();
    let typed = TypedBinding::<(u32,), String>::bind("ssrTest.bad", None).unwrap();
    let low = Binding::bind("ssrTest.bad", None, &[JsType::U32], JsType::String).unwrap();
    for i in 0..18u32 {
        let e = bad(i).unwrap_err();
        assert_eq!(e.name, "TypeError", "bad({i}): {}", e.message);
        assert!(
            e.message
                .starts_with("globalThis.ssrTest.bad: result: expected string, got "),
            "bad({i}): {}",
            e.message
        );
        let e = typed.call((i,)).unwrap_err();
        assert_eq!(e.js().expect("a JS error").name, "TypeError", "typed({i})");
        let mut args = low.args();
        args.set(0, i).unwrap();
        let e = low.invoke(&mut args).unwrap_err();
        assert_eq!(e.js().expect("a JS error").name, "TypeError", "low({i})");
        assert_eq!(
            ran_count(),
            0,
            "bad({i}) ran a coercion hook or a Proxy trap"
        );
    }
    // Nothing stayed behind in the fast area: the next results are right.
    assert_eq!(give(0), "hello");
    assert_eq!(typed_make().call((2, 1)).unwrap(), "aé");
}

#[wasm_bindgen_test]
fn string_results_nest_through_every_path_with_memory_growth_at_each_level() {
    setup();
    let state = heap_state();
    let base = census().js_objects;
    let pages = core::arch::wasm32::memory_size(0);
    for mode in [0u32, 2, 3] {
        let leaf = format!("{}|leaf", shape(70, mode));
        let mut want = leaf.clone();
        for d in 1..=3u32 {
            want = format!("[{d}|{want}]");
            assert_eq!(chain(d, mode).unwrap(), want, "chain({d}, {mode})");
        }
    }
    assert!(core::arch::wasm32::memory_size(0) > pages, "memory grew");
    // Memory grows inside the import right before each kind of result.
    for (n, mode) in [
        (0, 0),
        (5, 0),
        (64, 0),
        (65, 0),
        (5, 1),
        (64, 2),
        (70_000, 3),
    ] {
        assert_eq!(
            grow_then(n, mode).unwrap(),
            shape(n, mode),
            "grow_then({n}, {mode})"
        );
    }
    assert_eq!(heap_state(), state);
    assert_eq!(census().js_objects, base);
}

#[wasm_bindgen_test]
fn throws_inside_nested_calls_reach_the_caller_they_belong_to() {
    setup();
    let state = heap_state();
    // The export's error, caught by the outer import's JS: its string is the outer result.
    assert_eq!(
        throw_in(0).unwrap(),
        "caught:export saw RangeError: inner 0"
    );
    // Not caught: the outer import's error is the export's.
    let e = throw_in(1).unwrap_err();
    assert!(
        e.message.contains("export saw RangeError: inner 1"),
        "{}",
        e.message
    );
    // A big nested result first, then the outer JS throws: its own error, not a result.
    let e = throw_in(2).unwrap_err();
    assert_eq!(e.name, "TypeError");
    assert_eq!(
        e.message,
        format!("outer after {}", value(1).encode_utf16().count())
    );
    // The fast area's status and the result length are clean afterwards, on every path.
    assert_eq!(make(4, 0), "aaaa");
    assert_eq!(typed_make().call((4, 1)).unwrap(), "aaaé");
    assert_eq!(low_call(&low_make(), 66, 2).unwrap(), shape(66, 2));
    let e = fails(9).unwrap_err();
    assert_eq!(
        (e.name.as_str(), e.message.as_str()),
        ("RangeError", "inner 9")
    );
    assert_eq!(give(3), "");
    assert_eq!(heap_state(), state);
}

#[wasm_bindgen_test]
fn queued_calls_flushed_before_a_string_import_may_write_reenter_and_throw() {
    setup();
    let _ = batch::flush();
    take_log();
    // A queued call that writes a string argument into the frame area and makes nested String
    // results, flushed by the typed import's JS before its own call.
    queued_queued(3);
    assert_eq!(make(6, 0), "aaaaaa");
    assert_eq!(
        take_log(),
        r#"["q3",3,"hello"]"#,
        "the queued call ran first, whole"
    );
    queued_queued(1);
    queued_queued(2);
    assert_eq!(typed_make().call((64, 0)).unwrap(), "a".repeat(64));
    queued_queued(2);
    assert_eq!(low_call(&low_make(), 65, 1).unwrap(), shape(65, 1));
    assert_eq!(take_log(), r#"["q1",1,"q2","hello","q2","hello"]"#);
    // A queued call that throws: the import still returns its own value; the next flush says.
    queued_queued(4);
    queued_queued(1);
    assert_eq!(make(3, 2), "𝄞z");
    let e = batch::flush().unwrap_err();
    assert!(e.error.message.contains("queued 4"), "{e}");
    assert_eq!(
        take_log(),
        r#"["q4"]"#,
        "the call after the throw did not run"
    );
    assert_eq!(census().js_objects, 0);
}

#[wasm_bindgen_test]
fn a_low_level_string_result_held_across_any_crossing_is_refused_never_wrong() {
    setup();
    let _ = batch::flush();
    let low = low_give();
    let mut args = low.args();
    let fresh = |args: &mut slotwire::Args<'_>, i: u32| -> Ret {
        args.set(0, i).unwrap();
        low.invoke(args).unwrap()
    };
    let num = Binding::bind("ssrTest.num", None, &[], JsType::F64).unwrap();
    let flag = Binding::bind("ssrTest.flag", None, &[], JsType::Bool).unwrap();
    let letter = Binding::bind("ssrTest.letter", None, &[], JsType::Char).unwrap();
    let o = get_obj();
    o.set("label", "WORLD").unwrap();

    // The numbers, held across everything below, stay right.
    let n = num.invoke(&mut num.args()).unwrap();
    let b = flag.invoke(&mut flag.args()).unwrap();
    let c = letter.invoke(&mut letter.args()).unwrap();

    // "hello", then a #[js_import] String of the same length in its place.
    let r = fresh(&mut args, 0);
    assert_eq!(same(2), "WORLD");
    assert_refused(r.get::<String>(), "after a #[js_import] String");
    // A TypedBinding String.
    let r = fresh(&mut args, 0);
    assert_eq!(TYPED_GIVE.with(|t| t.call((2,))).unwrap(), "WORLD");
    assert_refused(r.get::<String>(), "after a TypedBinding String");
    // An export JS calls with a string argument (written into the frame area).
    let r = fresh(&mut args, 0);
    assert_eq!(echo_export("WORLD"), 5);
    assert_refused(r.get::<String>(), "after an export called from JS");
    // A batch flush whose queued call calls an export with a string argument.
    let r = fresh(&mut args, 0);
    queued_queued(5);
    assert!(batch::flush().is_err(), "5 throws after writing");
    assert_refused(r.get::<String>(), "after a batch flush");
    take_log();
    // JsObject::get::<String>.
    let r = fresh(&mut args, 0);
    assert_eq!(o.get::<String>("label").unwrap(), "WORLD");
    assert_refused(r.get::<String>(), "after JsObject::get::<String>");
    // An import that throws (its error is written into the frame area).
    let r = fresh(&mut args, 0);
    assert!(fails(1).is_err());
    assert_refused(r.get::<String>(), "after an import threw");
    // The same binding again.
    let r = fresh(&mut args, 0);
    let r2 = fresh(&mut args, 2);
    assert_refused(r.get::<String>(), "after the same binding");
    assert_eq!(r2.get::<String>().unwrap(), "WORLD");
    // A big result (in the result buffer), then another big one of the same length there.
    let r = fresh(&mut args, 1);
    let other = make(300_000, 0);
    assert_eq!(other.len(), 300_000);
    assert_refused(r.get::<String>(), "a big result after another");
    // A big one, then a short inline one elsewhere: refused or right.
    let r = fresh(&mut args, 1);
    assert_eq!(make(2, 0), "aa");
    value_or_refused(r.get::<String>(), value(1));
    // Across a crossing that writes nothing (a number import): refused or right.
    let r = fresh(&mut args, 4);
    assert_eq!(ran_count(), 0);
    value_or_refused(r.get::<String>(), "héllo".to_string());
    // Kept by an export JS called inside another String import, read after that import wrote
    // its own result.
    STASH.with(|s| s.borrow_mut().take());
    let outer = chain_stash();
    assert_eq!(outer, "outer");
    let r = STASH.with(|s| s.borrow_mut().take()).expect("stashed");
    assert_refused(r.get::<String>(), "a Ret kept by a nested export");
    // The slot path too: Option<String> and Vec<String> read late.
    let opt = Binding::bind_codes(
        "ssrTest.give",
        None,
        &[JsType::U32.code(false)],
        JsType::String.code(true),
    )
    .unwrap();
    let mut oargs = opt.args();
    oargs.set(0, 0u32).unwrap();
    let r = opt.invoke(&mut oargs).unwrap();
    assert_eq!(same(2), "WORLD");
    assert_refused(
        r.get::<Option<String>>(),
        "Option<String> after a String import",
    );
    let list =
        Binding::bind_codes("ssrTest.list", None, &[], <Vec<String> as FromJs>::CODE).unwrap();
    let r = list.invoke(&mut list.args()).unwrap();
    assert_eq!(make(40, 3), shape(40, 3));
    assert_refused(r.get::<Vec<String>>(), "Vec<String> after a String import");
    let r = list.invoke(&mut list.args()).unwrap();
    assert_eq!(r.get::<Vec<String>>().unwrap(), ["one", "twö", "thr𝄞e"]);

    assert_eq!(n.get::<f64>().unwrap(), 2.5);
    assert!(b.get::<bool>().unwrap());
    assert_eq!(c.get::<char>().unwrap(), '𝄞');
    drop(o);
    assert_eq!(census().js_objects, 0);
}

#[js_import("ssrTest.stashThen")]
fn stash_then() -> Result<String, JsError>;

/// `ssrTest.stashThen`: calls export ssr_stash(0) (which keeps a Ret of "hello"), then returns
/// "outer" (written where "hello" was).
fn chain_stash() -> String {
    let f = js_sys::Function::new_with_args(
        "rt",
        r#"globalThis.ssrTest.stashThen = () => { rt.exports.ssr_stash(0); return "outer"; };"#,
    );
    f.call1(&JsValue::NULL, &rt()).unwrap();
    stash_then().unwrap()
}

#[wasm_bindgen_test]
async fn a_low_level_result_held_across_an_await_is_refused_never_wrong() {
    setup();
    let low = low_give();
    let mut args = low.args();
    args.set(0, 0u32).unwrap();
    let num = Binding::bind("ssrTest.num", None, &[], JsType::F64).unwrap();
    let n = num.invoke(&mut num.args()).unwrap();
    let r = low.invoke(&mut args).unwrap();
    // Another task makes a String result while this one waits.
    let done = std::rc::Rc::new(Cell::new(false));
    let d2 = done.clone();
    slotwire::spawn(async move {
        assert_eq!(same(2), "WORLD");
        d2.set(true);
    });
    tick().await.unwrap();
    assert!(done.get(), "the other task ran during the await");
    assert_refused(r.get::<String>(), "across an await");
    assert_eq!(n.get::<f64>().unwrap(), 2.5);
    // A promise's String value (written into a frame when it settles) during the await.
    let later =
        TypedBinding::<(u32,), JsPromise<String>>::bind_async("ssrTest.later", None).unwrap();
    let r = low.invoke(&mut args).unwrap();
    let v = later.call((2,)).unwrap().await.unwrap();
    assert_eq!(v, "WORLD");
    assert_refused(r.get::<String>(), "across a promise settling with a string");
    let v = later.call((1,)).unwrap().await.unwrap();
    assert_eq!(v, value(1));
}

#[wasm_bindgen_test]
fn low_level_results_never_read_or_refused_give_their_objects_back() -> Result<(), JsValue> {
    setup();
    let base = (census().js_objects, js_census("jsObjects"));
    let node = Binding::bind("ssrTest.node", None, &[JsType::String], JsType::JsObject).unwrap();
    let nodes = Binding::bind_codes(
        "ssrTest.nodes",
        None,
        &[JsType::U32.code(false)],
        <Vec<JsObject> as FromJs>::CODE,
    )
    .unwrap();
    // Read in time: given back when dropped.
    let mut a = node.args();
    a.set(0, "x").unwrap();
    let o: JsObject = node.invoke(&mut a).unwrap().get().unwrap();
    drop(o);
    let mut a = nodes.args();
    a.set(0, 3u32).unwrap();
    let v: Vec<JsObject> = nodes.invoke(&mut a).unwrap().get().unwrap();
    assert_eq!(v.len(), 3);
    drop(v);
    assert_eq!(
        (census().js_objects, js_census("jsObjects")),
        base,
        "results read in time"
    );
    let any = Binding::bind_codes(
        "ssrTest.node",
        None,
        &[JsType::String.code(false)],
        <JsAny as FromJs>::CODE,
    )
    .unwrap();
    let given_back = |step: &str| {
        assert_eq!(
            (census().js_objects, js_census("jsObjects")),
            base,
            "{step}: the result's JS objects were given back"
        );
    };
    // A Vec<JsObject> (3 objects) never read.
    drop(nodes.invoke(&mut a).unwrap());
    given_back("a Vec<JsObject> of 3 never read");
    // ... or read as the wrong type.
    assert!(nodes.invoke(&mut a).unwrap().get::<Vec<f64>>().is_err());
    given_back("a Vec<JsObject> read as Vec<f64>");
    // A JsAny holding an object, never read.
    let mut c = any.args();
    c.set(0, "z").unwrap();
    drop(any.invoke(&mut c).unwrap());
    given_back("a JsAny object never read");
    // A JsObject read as the wrong type.
    let mut b = node.args();
    b.set(0, "y").unwrap();
    assert!(node.invoke(&mut b).unwrap().get::<f64>().is_err());
    given_back("a JsObject read as f64");
    // A JsObject never read, held across crossings first (its handle is in the Ret itself).
    {
        let unread: Ret = node.invoke(&mut b).unwrap();
        assert_eq!(make(5, 0), "aaaaa");
        drop(unread);
    }
    given_back("a JsObject never read");
    // Read after a later crossing, a result of objects in memory is refused, and its objects
    // (found when the call returned) are given back all the same.
    let r = nodes.invoke(&mut a).unwrap();
    assert_eq!(make(5, 0), "aaaaa");
    assert_refused(r.get::<Vec<JsObject>>(), "Vec<JsObject>");
    given_back("a Vec<JsObject> of 3 refused as read late");
    let r = any.invoke(&mut c).unwrap();
    assert_eq!(make(5, 0), "aaaaa");
    assert_refused(r.get::<JsAny>(), "JsAny");
    given_back("a JsAny object refused as read late");
    Ok(())
}

#[wasm_bindgen_test]
fn many_big_string_results_leak_no_frame_area_blocks() {
    setup();
    let typed = typed_make();
    let low = low_make();
    let low_g = low_give();
    let state = heap_state();
    let round = |i: u32| {
        let n = 150_000 + i % 7;
        let want = shape(n, 2);
        assert_eq!(make(n, 2), want);
        assert_eq!(typed.call((n, 2)).unwrap(), want);
        assert_eq!(low_call(&low, n, 2).unwrap(), want);
        // Read late (refused) and never read.
        let mut args = low_g.args();
        args.set(0, 1u32).unwrap();
        let r = low_g.invoke(&mut args).unwrap();
        assert_eq!(make(3, 0), "aaa");
        assert!(r.get::<String>().is_err());
        let _unread = low_g.invoke(&mut args).unwrap();
        // Inside an export (depth 1) and inside a result being written (depth 2).
        assert_eq!(ssr_via_js_nested(), value(1).encode_utf16().count() as u32);
        assert_eq!(
            getter_array(1).unwrap(),
            [value(1).encode_utf16().count() as f64, 2.0]
        );
        assert_eq!(getter_array(5).unwrap(), [300_000.0, 2.0]);
    };
    for i in 0..10 {
        round(i);
    }
    let pages = core::arch::wasm32::memory_size(0);
    for i in 0..120 {
        round(i);
    }
    let grown = core::arch::wasm32::memory_size(0) - pages;
    assert!(
        grown <= 32,
        "memory grew by {grown} pages over 120 rounds of ~3 MB of results"
    );
    assert_eq!(heap_state(), state);
}

#[js_import("ssrTest.nestedLen")]
fn nested_len() -> u32;

/// A number import whose JS calls export ssr_nested_give(1) (two big String results at depth 1).
fn ssr_via_js_nested() -> u32 {
    let f = js_sys::Function::new_with_args(
        "rt",
        r#"globalThis.ssrTest.nestedLen = () => rt.exports.ssr_nested_give(1).length;"#,
    );
    f.call1(&JsValue::NULL, &rt()).unwrap();
    nested_len()
}

#[wasm_bindgen_test]
fn a_rust_closure_or_export_as_the_import_function_returns_its_string() {
    setup();
    let base = (
        census().js_objects,
        census().closures,
        js_census("closures"),
    );
    let calls = std::rc::Rc::new(Cell::new(0u32));
    let c2 = calls.clone();
    let closure = JsClosure::new(move |n: u32| -> String {
        c2.set(c2.get() + 1);
        // Re-enters another String import (this closure cannot be re-entered itself).
        let inner = make(n, 1);
        format!("<{inner}>")
    });
    set_target(&closure);
    for n in [0u32, 1, 64, 65, 70_000] {
        assert_eq!(
            call_target(n).unwrap(),
            format!("<{}>", shape(n, 1)),
            "n = {n}"
        );
    }
    assert_eq!(calls.get(), 5);
    // The import's function is an export (its String result decoded by JS, encoded back).
    let set = js_sys::Function::new_with_args(
        "rt",
        "globalThis.ssrTest.target = (n) => rt.exports.ssr_nested_give(n);",
    );
    set.call1(&JsValue::NULL, &rt()).unwrap();
    for i in 0..6 {
        assert_eq!(call_target(i).unwrap(), value(i));
    }
    let set = js_sys::Function::new_with_args("", "globalThis.ssrTest.target = null;");
    set.call0(&JsValue::NULL).unwrap();
    drop(closure);
    assert_eq!(
        (
            census().js_objects,
            census().closures,
            js_census("closures")
        ),
        base
    );
}

#[wasm_bindgen_test]
fn declared_getters_and_methods_return_strings_made_while_memory_grows() {
    setup();
    let o = get_obj();
    let grows = GROWS.with(|g| g.get());
    let want = format!("näme-{}", value(4));
    assert_eq!(name_of(&o).unwrap(), want);
    assert!(
        GROWS.with(|g| g.get()) > grows,
        "the getter grew the memory"
    );
    assert_eq!(greet(&o, "bob").unwrap(), "hi bob hello");
    let e = not_string(&o).unwrap_err();
    assert_eq!(e.name, "TypeError", "{}", e.message);
    let typed = TypedBinding::<(&JsObject, &str), String>::method("greet").unwrap();
    assert_eq!(typed.call((&o, "ann")).unwrap(), "hi ann hello");
    assert_eq!(o.get::<String>("name").unwrap(), want);
    drop(o);
    assert_eq!(census().js_objects, 0);
}

//! The typed low-level import API: a JS function bound once at run time with its signature given
//! as Rust types, then called with no per-call type checks.
//!
//! [`Binding`](crate::Binding) takes its signature as run-time [`JsType`] values, so every
//! [`Args::set`](crate::Args::set) and [`Ret::get`](crate::Ret::get) checks a type; a
//! [`TypedBinding`] knows its signature at compile time (as `#[js_import]` does): binding checks
//! it once against JS, and [`call`](TypedBinding::call) writes the arguments straight into the
//! wasm values of the typed trampolines (or the slots, for signatures that have none), as the
//! macros' generated code does.
//!
//! ```no_run
//! use slotwire::TypedBinding;
//! # fn main() -> Result<(), slotwire::Error> {
//! // Bind once (keep it: a static `OnceLock`, a struct field), call many times.
//! let hypot = TypedBinding::<(f64, f64), f64>::bind("Math.hypot", None)?;
//! assert_eq!(hypot.call((3.0, 4.0))?, 5.0);
//!
//! // Borrowed arguments: the signature names the types, a call may borrow for any lifetime.
//! let parse_int = TypedBinding::<(&str, i32), f64>::bind("parseInt", None)?;
//! let text = String::from("ff");
//! assert_eq!(parse_int.call((text.as_str(), 16))?, 255.0);
//! # Ok(()) }
//! ```

use core::marker::PhantomData;

use crate::batch::{BatchArgs, BatchObject};
use crate::binding::{bind_for, invoke_raw};
use crate::call::fast::{self, fast_kind, FastKind};
use crate::call::pool;
use crate::marshal::FromJs;
use crate::object::JsArgs;
use crate::slot::{compound, Code, Slot, ARG0, BIND_FAST, BIND_SLOTS, RESULT};
use crate::JsPromise;
use crate::{Error, ErrorKind, JsType, Result};
use core::sync::atomic::AtomicU32;

/// A JS function bound once with the signature `A -> R`: `A` a tuple of [`ToJs`](crate::ToJs) types (`()`,
/// `(i32,)`, `(&str, &JsObject)`, up to 8), `R` a [`FromJs`] type (`()` for none).
///
/// Made by [`bind`](Self::bind) (the target path is resolved once, as for
/// [`Binding::bind`](crate::Binding::bind)). [`call`](Self::call) takes exactly the signature's
/// types, checked at compile time:
///
/// ```compile_fail
/// # fn main() -> Result<(), slotwire::Error> {
/// let abs = slotwire::TypedBinding::<(f64,), f64>::bind("Math.abs", None)?;
/// abs.call(("not a number",))?; // error: expected `(f64,)`
/// # Ok(()) }
/// ```
///
/// Signatures of at most six wasm values of numbers, `bool`, `char`, `&str`, `JsObject`
/// handles and spans of numbers (a `&str` or span counts two), returning a number, `bool`,
/// `char`, `JsObject` or nothing, take the typed trampolines; the others go through the slots.
/// Either way a JS exception (or a result of the wrong type) is an `Err` of kind
/// [`ErrorKind::Js`](crate::ErrorKind::Js).
pub struct TypedBinding<A, R> {
    id: u32,
    /// Its call site in the pool (`u8::MAX`: the shared one).
    site: u8,
    target: Box<str>,
    module: Option<Box<str>>,
    /// Its batch decoder id, bound on the first [`queue`](Self::queue) (`u32::MAX`: not yet).
    batch: AtomicU32,
    // Covariant in `A`: a binding declared with `&'static str` parameters takes a `&str` of any
    // lifetime (it holds no `A`, only its codes).
    _signature: PhantomData<fn() -> (A, R)>,
}

/// What a batched call of a typed binding returns when queued: nothing for `()`, a
/// [`BatchObject`] for a `JsObject` (sealed).
///
/// ```
/// fn queued<R: slotwire::QueuedResult>() {}
/// queued::<()>();
/// queued::<slotwire::JsObject>(); // TypedBinding::queue returns a BatchObject for it
/// ```
pub trait QueuedResult: FromJs + queued_sealed::Sealed {
    /// What [`TypedBinding::queue`] returns.
    type Queued;
    #[doc(hidden)]
    fn queued(placeholder: Option<BatchObject>) -> Self::Queued;
}

mod queued_sealed {
    pub trait Sealed {}
}

impl queued_sealed::Sealed for () {}
impl QueuedResult for () {
    type Queued = ();
    fn queued(_: Option<BatchObject>) {}
}

impl queued_sealed::Sealed for crate::JsObject {}
impl QueuedResult for crate::JsObject {
    type Queued = BatchObject;
    fn queued(placeholder: Option<BatchObject>) -> BatchObject {
        placeholder.expect("a JsObject result has a placeholder")
    }
}

impl<A: JsArgs + BatchArgs, R: QueuedResult> TypedBinding<A, R> {
    /// Queues a call in the batch instead of making it (see [`batch`](crate::batch)): it runs at
    /// the next flush, in program order with every other crossing. A `JsObject` result is a
    /// [`BatchObject`], which later queued calls take as an argument (through a binding whose
    /// parameter is `&BatchObject`). The first queue binds the function for batches (an error
    /// here for a signature a batch cannot carry).
    ///
    /// ```no_run
    /// use slotwire::{BatchObject, JsObject, TypedBinding};
    /// # fn f(tbody: &JsObject) -> slotwire::Result<()> {
    /// let create = TypedBinding::<(&str,), JsObject>::bind("document.createElement", None)?;
    /// let append = TypedBinding::<(&JsObject, &BatchObject), ()>::method("appendChild")?;
    /// for _ in 0..100 {
    ///     let tr: BatchObject = create.queue(("tr",))?;
    ///     append.queue((tbody, &tr))?;
    /// }
    /// slotwire::batch::flush()?; // one crossing
    /// # Ok(()) }
    /// ```
    pub fn queue(&self, args: A) -> Result<R::Queued> {
        let id = crate::batch::bound_id(&self.batch, || {
            crate::batch::bind(&self.target, self.module.as_deref(), A::CODES, R::CODE)
        })?;
        // At most 8 arguments (JsArgs).
        const WORDS: usize = crate::batch::call_words(8);
        let ph = crate::batch::queue::<WORDS>(id, R::CODE == JsType::JsObject as Code, |e| {
            args.encode_all(e)
        });
        Ok(R::queued(ph))
    }
}

impl<A, R> core::fmt::Debug for TypedBinding<A, R> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("TypedBinding")
            .field("id", &self.id)
            .field("site", &self.site)
            .field("target", &self.target)
            .finish()
    }
}

/// The wasm shape of a signature, as constants (folded away in each monomorphised call).
struct Shape<A, R>(PhantomData<fn(A) -> R>);

impl<A: JsArgs, R: FromJs> Shape<A, R> {
    /// Each parameter's fast kind (`None`: slots only).
    const KINDS: [Option<FastKind>; 8] = {
        let mut k = [None; 8];
        let mut i = 0;
        while i < A::LEN {
            k[i] = fast_kind(A::CODES[i]);
            i += 1;
        }
        k
    };
    /// Number of wasm values.
    const N: usize = {
        let mut n = 0;
        let mut i = 0;
        while i < A::LEN {
            n += if matches!(Self::KINDS[i], Some(FastKind::Str)) {
                2
            } else {
                1
            };
            i += 1;
        }
        n
    };
    /// Whether every value is an `i32` (else all travel as `f64`).
    const INTS: bool = {
        let mut i = 0;
        let mut ints = true;
        while i < A::LEN {
            if matches!(Self::KINDS[i], Some(FastKind::F32 | FastKind::F64)) {
                ints = false;
            }
            i += 1;
        }
        ints
    };
    /// The wasm result: 0 none, 1 `i32` (an integer, a handle or where JS encoded a `String`),
    /// 2 `f64`.
    const RET: u8 = match fast_kind(R::CODE) {
        _ if R::CODE == JsType::Void as Code => 0,
        Some(FastKind::Int | FastKind::Handle) => 1,
        Some(FastKind::Str) if R::CODE == JsType::String as Code => 1,
        Some(FastKind::F32 | FastKind::F64) => 2,
        _ => u8::MAX,
    };
    /// [`link_views`](crate::marshal::view::link_views) if the signature passes a view (its
    /// spans travel as wasm values: no marshaler links the view runtime for them).
    const LINK: Option<fn()> = crate::marshal::view::view_link(A::CODES, R::CODE);
    /// Whether calls take the typed trampolines (what JS is told at bind time).
    const FAST: bool = {
        let mut i = 0;
        let mut all = true;
        while i < A::LEN {
            if Self::KINDS[i].is_none() {
                all = false;
            }
            i += 1;
        }
        all && Self::N <= 6 && Self::RET != u8::MAX
    };
}

impl<A: JsArgs, R: FromJs> TypedBinding<A, R> {
    /// Resolves `target` (a path from `globalThis`, or inside `module`: see
    /// [`Binding::bind`](crate::Binding::bind)) for the signature `A -> R`. Fails (kind
    /// [`ErrorKind::Bind`](crate::ErrorKind::Bind)) if the target is not a function or `module`
    /// was never loaded.
    ///
    /// The first few typed bindings of each wasm shape in an instance get a JS call site of their
    /// own (see the module docs), later ones share one per shape.
    ///
    /// ```no_run
    /// use slotwire::TypedBinding;
    /// # fn f() -> slotwire::Result<()> {
    /// let now = TypedBinding::<(), f64>::bind("Date.now", None)?;
    /// let draw = TypedBinding::<(f64, f64), ()>::bind("draw", Some("app"))?; // rt.importModule("app", ..)
    /// draw.call((now.call(())?, 1.0))?;
    /// # Ok(()) }
    /// ```
    pub fn bind(target: &str, module: Option<&str>) -> Result<Self> {
        Self::bind_shaped::<R>(target, module, R::CODE, Shape::<A, R>::LINK)
    }

    /// A declared getter: `o[name]` for the `JsObject` `o` of a signature `(&JsObject,) -> R`, one
    /// named property read per call (what `#[js_import(getter = "name")]` makes, at run time).
    ///
    /// ```no_run
    /// # use slotwire::{JsObject, TypedBinding};
    /// # fn f(o: &JsObject) -> Result<(), slotwire::Error> {
    /// let answer = TypedBinding::<(&JsObject,), f64>::getter("answer")?;
    /// let v = answer.call((o,))?;
    /// # Ok(()) }
    /// ```
    pub fn getter(name: &str) -> Result<Self> {
        Self::accessor("getter", "@get:", name, Some(1))
    }

    /// A declared setter: `o[name] = v` for a signature `(&JsObject, V) -> ()`.
    ///
    /// ```no_run
    /// # use slotwire::{JsObject, TypedBinding};
    /// # fn f(o: &JsObject) -> slotwire::Result<()> {
    /// let set_answer = TypedBinding::<(&JsObject, f64), ()>::setter("answer")?;
    /// set_answer.call((o, 42.0))?; // o.answer = 42
    /// # Ok(()) }
    /// ```
    pub fn setter(name: &str) -> Result<Self> {
        if R::CODE != JsType::Void as Code {
            return Err(Error::new(
                ErrorKind::Type,
                format!("setter {name:?}: a setter returns ()"),
            ));
        }
        Self::accessor("setter", "@set:", name, Some(2))
    }

    /// A declared method: `o[name](..args)` for a signature `(&JsObject, ..args) -> R`.
    ///
    /// ```no_run
    /// # use slotwire::{JsObject, TypedBinding};
    /// # fn f(o: &JsObject) -> slotwire::Result<()> {
    /// let greet = TypedBinding::<(&JsObject, &str), String>::method("greet")?;
    /// let text = greet.call((o, "Ford"))?; // o.greet("Ford")
    /// # let _ = text; Ok(()) }
    /// ```
    pub fn method(name: &str) -> Result<Self> {
        Self::accessor("method", "@method:", name, None)
    }

    fn accessor(what: &str, prefix: &str, name: &str, arity: Option<usize>) -> Result<Self> {
        let object = A::CODES.first() == Some(&(JsType::JsObject as Code));
        if !object || arity.is_some_and(|n| n != A::LEN) {
            let want = match arity {
                Some(1) => "(&JsObject,)",
                Some(_) => "(&JsObject, value)",
                None => "(&JsObject, ..)",
            };
            return Err(Error::new(
                ErrorKind::Type,
                format!("{what} {name:?}: the parameters must be {want}"),
            ));
        }
        Self::bind(&format!("{prefix}{name}"), None)
    }

    /// The target this binding was made for.
    ///
    /// ```no_run
    /// let b = slotwire::TypedBinding::<(f64,), f64>::bind("Math.abs", None).unwrap();
    /// assert_eq!(b.target(), "Math.abs");
    /// ```
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Calls the JS function with `args`, a tuple of the signature's types. Borrowed arguments
    /// may borrow for shorter than the signature says (a binding declared with `&'static str`,
    /// kept in a `static`, takes any `&str`): JS reads them during the call only.
    ///
    /// ```no_run
    /// # fn f() -> slotwire::Result<()> {
    /// let max = slotwire::TypedBinding::<(i32, i32, i32), i32>::bind("Math.max", None)?;
    /// assert_eq!(max.call((1, 7, 3))?, 7);
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn call(&self, args: A) -> Result<R> {
        if Shape::<A, R>::FAST {
            self.call_fast(&args)
        } else {
            self.call_slots(&args)
        }
    }

    #[inline(always)]
    fn call_fast(&self, args: &A) -> Result<R> {
        let out = self.call_fast_slot(args)?;
        // SAFETY: JS returned the value for the result code `R::CODE` (it checked it), in the
        // slot encoding `R::read` reads: a number in `value`, a JsObject's handle (with the one
        // reference JS took for it, adopted here once) in `len`, a String's address and length
        // (bytes JS encoded during the call, read before any other call).
        unsafe { R::read(&out) }
    }

    /// The typed call itself: its result in a slot, in the encoding `R::read` reads.
    #[inline(always)]
    fn call_fast_slot(&self, args: &A) -> Result<Slot> {
        Ok(self.call_fast_as::<R>(args)?.into_slot(R::CODE))
    }
}

impl<A: JsArgs, R> TypedBinding<A, R> {
    /// A typed call of the wasm shape of `A -> S` (`S` = `R`, or `u32` for an async binding:
    /// JS returns the promise's id), its result as the wasm value.
    #[inline(always)]
    fn call_fast_as<S: FromJs>(&self, args: &A) -> Result<fast::Ret> {
        let mut slots = [Slot::ZERO; 8];
        args.write_all(&mut slots);
        let mut vi = [0i32; 6];
        let mut vd = [0f64; 6];
        let mut k = 0;
        let mut i = 0;
        while i < A::LEN {
            // FAST: every parameter has a kind.
            if let Some(kind) = Shape::<A, S>::KINDS[i] {
                k = fast::lower(kind, &slots[i], &mut vi, &mut vd, k);
            }
            i += 1;
        }
        // Calls queued in the batch run first (program order): the JS function flushes them
        // before its own call (fast.js `makeFastImport`).
        let r = pool::call_site(
            self.site,
            self.id,
            Shape::<A, S>::N,
            Shape::<A, S>::INTS,
            Shape::<A, S>::RET,
            &vi,
            &vd,
        );
        if let Some(e) = fast::take_exception() {
            return Err(e.into());
        }
        Ok(r)
    }
}

impl<A: JsArgs, R: FromJs> TypedBinding<A, R> {
    #[inline(always)]
    fn call_slots(&self, args: &A) -> Result<R> {
        let result = invoke_slots(self.id, args)?;
        // SAFETY: bound with result code `R::CODE`; JS wrote the result slot for it, and what it
        // points at (a string or array JS allocated for it) is read before any other call.
        unsafe { R::read(&result) }
    }
}

impl<A: JsArgs> TypedBinding<A, String> {
    /// As [`call`](Self::call), but the string goes into `out` (cleared first) instead of a new
    /// `String`: in a loop that reads a string each time, no allocation once `out` is large
    /// enough. `out` is left empty when the call fails.
    ///
    /// ```no_run
    /// # fn f() -> slotwire::Result<()> {
    /// let name = slotwire::TypedBinding::<(u32,), String>::bind("app.nameOf", None)?;
    /// let mut buf = String::new();
    /// for id in 0..1000 {
    ///     name.call_into((id,), &mut buf)?; // reuses buf's capacity
    ///     let _ = buf.len();
    /// }
    /// # Ok(()) }
    /// ```
    pub fn call_into(&self, args: A, out: &mut String) -> Result<()> {
        out.clear();
        let slot = if Shape::<A, String>::FAST {
            self.call_fast_slot(&args)?
        } else {
            invoke_slots(self.id, &args)?
        };
        // SAFETY: a `String` result slot: JS encoded the bytes at its address and length during
        // the call just made (the fast path's frame area or the slot path's result area), and
        // nothing has crossed since; they are copied out before anything else runs.
        let s = unsafe { crate::marshal::decode_bytes(&slot) }?;
        out.push_str(s);
        Ok(())
    }
}

impl<A: JsArgs, R> TypedBinding<A, R> {
    /// Binds `target` with result code `ret`, for calls of the wasm shape of `A -> S`: a call
    /// site of its own from the pool when the shape has typed trampolines (and one is free),
    /// else the slots. `link`: the view runtime's link if the signature passes a view.
    fn bind_shaped<S: FromJs>(
        target: &str,
        module: Option<&str>,
        ret: Code,
        link: Option<fn()>,
    ) -> Result<Self> {
        if let Some(link) = link {
            link();
        }
        let (n, ints, wret) = (Shape::<A, S>::N, Shape::<A, S>::INTS, Shape::<A, S>::RET);
        let site = if Shape::<A, S>::FAST {
            pool::free_site(n, ints, wret)
        } else {
            None
        };
        let key = site.map(|s| pool::site_key(n, ints, wret, s));
        let fast = if Shape::<A, S>::FAST {
            BIND_FAST
        } else {
            BIND_SLOTS
        };
        let id = bind_for(target, module, A::CODES, ret, fast, key.as_deref())?;
        if let Some(s) = site {
            pool::commit_site(n, ints, wret, s);
        }
        Ok(TypedBinding {
            id,
            site: site.unwrap_or(u8::MAX),
            target: target.into(),
            module: module.map(Into::into),
            batch: AtomicU32::new(u32::MAX),
            _signature: PhantomData,
        })
    }
}

/// Calls binding `id` with `args` through the slots; the result slot JS wrote.
#[inline(always)]
fn invoke_slots<A: JsArgs>(id: u32, args: &A) -> Result<Slot> {
    let mut slots = [Slot::ZERO; ARG0 + 8];
    args.write_all(&mut slots[ARG0..]);
    invoke_raw(id, &mut slots[..ARG0 + A::LEN]).map_err(Error::from)?;
    Ok(slots[RESULT])
}

/// Async imports: a JS function whose result (a promise, a thenable or a plain value) Rust awaits
/// as a [`JsPromise<T>`](crate::JsPromise), `T` the promised value's type.
///
/// ```no_run
/// use slotwire::{JsPromise, TypedBinding};
/// # async fn f() -> Result<(), slotwire::Error> {
/// let fetch_text = TypedBinding::<(&str,), JsPromise<String>>::bind_async("app.fetchText", None)?;
/// let text: String = fetch_text.call(("/hello.txt",))?.await?;
/// # Ok(()) }
/// ```
///
/// Awaited inside a task of slotwire's executor (an `async` `#[js_export]`, or
/// [`spawn`](crate::spawn)), a promise that settles polls the task in the same microtask.
impl<A: JsArgs, T: FromJs + 'static> TypedBinding<A, JsPromise<T>> {
    /// Resolves `target` (as [`TypedBinding::bind`]) for a function whose result is awaited as
    /// a `T`.
    ///
    /// ```no_run
    /// # use slotwire::{JsPromise, TypedBinding};
    /// # async fn f() -> slotwire::Result<()> {
    /// let later = TypedBinding::<(u32,), JsPromise<u32>>::bind_async("app.later", None)?;
    /// let v: u32 = later.call((5,))?.await?;
    /// # let _ = v; Ok(()) }
    /// ```
    pub fn bind_async(target: &str, module: Option<&str>) -> Result<Self> {
        // The wasm shape of `A -> u32`: with plain parameters, a typed call whose result is the
        // id JS registered the promise under.
        // The link of `A -> T`: a promised view links the view runtime too.
        let ret = compound(JsType::Promise, false, T::CODE);
        Self::bind_shaped::<u32>(target, module, ret, Shape::<A, T>::LINK)
    }

    /// Calls the JS function; its result settles the returned future (a throw is an `Err` now,
    /// a rejection an `Err` of the future).
    ///
    /// ```no_run
    /// # use slotwire::{JsPromise, TypedBinding};
    /// # async fn f() -> slotwire::Result<()> {
    /// let fetch_text = TypedBinding::<(&str,), JsPromise<String>>::bind_async("app.fetchText", None)?;
    /// let pending = fetch_text.call(("/a.txt",))?; // a throw now is Err here
    /// let text = pending.await?;                   // a rejection is Err here
    /// # let _ = text; Ok(()) }
    /// ```
    pub fn call(&self, args: A) -> Result<JsPromise<T>> {
        let id = if Shape::<A, u32>::FAST {
            match self.call_fast_as::<u32>(&args)? {
                fast::Ret::I32(id) => id as u32,
                _ => unreachable!("the shape of A -> u32 returns an i32"),
            }
        } else {
            invoke_slots(self.id, &args)?.len
        };
        // SAFETY: bound with result code `Promise<T::CODE>`: JS registered the promise under the
        // id it returned (the typed call's result, or written into the result slot), for a value
        // of `T::CODE`.
        Ok(unsafe { JsPromise::from_id(id) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::JsObject;

    /// A constant as a run-time value (so the asserts below test it, not the compiler).
    fn flag(b: bool) -> bool {
        std::hint::black_box(b)
    }

    #[test]
    fn shapes_follow_the_signature() {
        assert!(flag(Shape::<(i32, i32, i32), i32>::FAST));
        assert_eq!(Shape::<(i32, i32, i32), i32>::N, 3);
        assert!(flag(Shape::<(i32, i32, i32), i32>::INTS));
        assert_eq!(Shape::<(i32, i32, i32), i32>::RET, 1);
        assert!(!flag(Shape::<(f64, i32), ()>::INTS));
        assert_eq!(Shape::<(f64, i32), ()>::RET, 0);
        assert_eq!(Shape::<(&str, &JsObject), JsObject>::N, 3);
        assert!(flag(Shape::<(&str, &JsObject), JsObject>::INTS));
        assert_eq!(Shape::<(&str, &JsObject), JsObject>::RET, 1);
        assert_eq!(Shape::<(), f32>::RET, 2);
        // A String result: where JS encoded it, an i32.
        assert!(flag(Shape::<(), String>::FAST));
        assert_eq!(Shape::<(), String>::RET, 1);
        // Not typed: an optional string result, an Option, a bigint, more than six wasm values.
        assert!(!flag(Shape::<(), Option<String>>::FAST));
        assert!(!flag(Shape::<(Option<i32>,), ()>::FAST));
        assert!(!flag(Shape::<(i64,), ()>::FAST));
        assert!(!flag(Shape::<(&str, &str, &str, i32), ()>::FAST));
        assert!(flag(Shape::<(&str, &str, &str), ()>::FAST));
    }

    #[test]
    fn natively_binding_reports_missing_js() {
        let e = TypedBinding::<(f64,), f64>::bind("Math.abs", None).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::Bind);
    }
}

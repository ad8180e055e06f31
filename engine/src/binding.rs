//! The low-level import API: bind a JS function once, invoke it many times with no allocation.
//!
//! ```no_run
//! use slotwire::{Binding, JsType};
//! # fn main() -> Result<(), slotwire::Error> {
//! let hypot = Binding::bind("globalThis.Math.hypot", None, &[JsType::F64, JsType::F64], JsType::F64)?;
//! let mut args = hypot.args(); // reusable slot buffer: allocate once, outside the loop
//! for i in 0..1000 {
//!     args.set(0, 3.0 * i as f64)?;
//!     args.set(1, 4.0)?;
//!     let r: f64 = hypot.invoke(&mut args)?.get()?;
//!     assert!(r >= 4.0);
//! }
//! # Ok(()) }
//! ```

use std::marker::PhantomData;
use std::sync::atomic::{AtomicU32, Ordering};

#[cfg(test)]
use crate::call::fast::FastKind;
use crate::call::fast::{fast_shape, FastShape};
use crate::call::frame::exception_from_slot;
use crate::marshal::{compatible, release_unread, FromJs, ToJs};
use crate::slot::{
    code_type, Code, Slot, ARG0, BIND_FAST, BIND_FAST_REFS, BIND_SLOTS, EXCEPTION, NULLABLE,
    RESULT, STATUS_OK,
};
use crate::{runtime, transport, Error, ErrorKind, JsError, JsType, Result};

/// Whether a result of code `ret` is read from memory JS wrote (a string, an array, a record,
/// `JsAny`, an error...), which a later crossing may overwrite: every code but the ones whose
/// value is in the slot itself (numbers, `bool`, `char`, a date, a handle or id, nothing).
fn reads_memory(ret: Code) -> bool {
    use JsType as J;
    !matches!(
        code_type(ret & !NULLABLE),
        Some(
            J::Void
                | J::Bool
                | J::U8
                | J::I8
                | J::U16
                | J::I16
                | J::U32
                | J::I32
                | J::F32
                | J::F64
                | J::Char
                | J::USize
                | J::ISize
                | J::I64
                | J::U64
                | J::I64Number
                | J::U64Number
                | J::Date
                | J::JsObject
                | J::RustObject
                | J::Function
                | J::Promise
                | J::Segment
        )
    )
}

/// Calls binding `id` with `slots`; a JS exception comes back as `Err`.
#[inline]
pub(crate) fn invoke_raw(id: u32, slots: &mut [Slot]) -> core::result::Result<(), JsError> {
    crate::batch::before_crossing();
    let status = transport::invoke(id, slots.as_mut_ptr() as usize as u32);
    // JS clears FLAG_OWNED on each array it read (and freed); one it never reached (a call that
    // failed first) is Rust's to free.
    release_unread_args(slots);
    if status == STATUS_OK {
        Ok(())
    } else {
        Err(exception_from_slot(&slots[EXCEPTION]))
    }
}

/// Frees the arrays among `slots[ARG0..]` that JS did not read (see [`release_unread`]).
#[inline]
pub(crate) fn release_unread_args(slots: &mut [Slot]) {
    for s in slots.iter_mut().skip(ARG0) {
        if s.ty == JsType::Array as u8 || s.ty == JsType::Segment as u8 {
            release_unread(s);
        }
    }
}

fn check_codes(target: &str, params: &[Code], ret: Code) -> Result<()> {
    for (i, c) in params.iter().chain(core::iter::once(&ret)).enumerate() {
        check_code(*c).map_err(|why| {
            Error::new(
                ErrorKind::Type,
                format!("{target}: type code {c:#x} at position {i}: {why}"),
            )
        })?;
        if i < params.len() && *c == JsType::Void as Code {
            return Err(Error::new(
                ErrorKind::Type,
                format!("{target}: parameter {i} cannot be void"),
            ));
        }
    }
    Ok(())
}

/// Checks every level of a signature code: known types, and an element exactly where one is
/// needed (arrays and promises).
fn check_code(code: Code) -> core::result::Result<(), &'static str> {
    let t = code_type(code).ok_or("unknown type")?;
    let inner = crate::slot::code_inner(code);
    match t {
        JsType::Array => {
            if inner == JsType::Void as Code {
                return Err("an array needs an element type");
            }
            check_code(inner)
        }
        JsType::Promise => check_code(inner),
        // A span's element is a number type or a record layout (`SpanElement`), which the JS
        // side checks when it binds.
        JsType::Span | JsType::SpanMut if inner == 0 => Err("a span needs an element type"),
        JsType::Span | JsType::SpanMut => Ok(()),
        // A segment's element is a view element type (`ViewElement`).
        JsType::Segment if inner == 0 => Err("a segment needs an element type"),
        JsType::Segment => check_code(inner),
        _ if inner != 0 => Err("only arrays, promises, spans and segments have an element type"),
        _ => Ok(()),
    }
}

fn bind_id(
    target: &str,
    module: Option<&str>,
    params: &[Code],
    ret: Code,
    fast: u32,
    key: Option<&str>,
) -> Result<u32, JsError> {
    let rt = runtime::runtime_id()?;
    // A bind is a crossing (it resolves the target, running its getters): the calls queued
    // before it run first, as before any other crossing (a queued call may define the target).
    crate::batch::before_crossing();
    let module = module.map(str::to_owned);
    let key = key.map(str::to_owned);
    transport::bind(rt, target, module, params, ret, fast, key).map_err(to_js_error)
}

#[cfg(target_arch = "wasm32")]
fn to_js_error(v: wasm_bindgen::JsValue) -> JsError {
    transport::js_value_to_error(v)
}

#[cfg(not(target_arch = "wasm32"))]
fn to_js_error(e: JsError) -> JsError {
    e
}

/// Checks a signature and binds `target` for it (through the typed trampolines unless `fast` is
/// `BIND_SLOTS`, called through the JS global `key` when given): the one way [`Binding`] and
/// [`TypedBinding`](crate::TypedBinding) bind.
pub(crate) fn bind_for(
    target: &str,
    module: Option<&str>,
    params: &[Code],
    ret: Code,
    fast: u32,
    key: Option<&str>,
) -> Result<u32> {
    check_codes(target, params, ret)?;
    if params.len() > 64 {
        return Err(Error::new(
            ErrorKind::Range,
            format!("{target}: at most 64 parameters, got {}", params.len()),
        ));
    }
    bind_id(target, module, params, ret, fast, key).map_err(|e| {
        let mut err: Error = e.into();
        if err.kind() == ErrorKind::Js {
            err = Error::new(ErrorKind::Bind, err.message().to_owned());
        }
        err
    })
}

/// A JS function resolved once, with its signature: call it through [`Binding::invoke`].
///
/// The target is a path from `globalThis` (`"globalThis.console.log"` or `"console.log"`; a
/// method is called on the object it was read from) or, with `module`, a path inside an ES module
/// loaded with [`import_module`](crate::import_module) / `rt.importModule(name, url)`.
///
/// ```no_run
/// use slotwire::{Binding, JsType};
/// # fn f() -> slotwire::Result<()> {
/// let log = Binding::bind("console.log", None, &[JsType::String], JsType::Void)?;
/// let mut args = log.args();
/// args.set(0, "hello")?;
/// log.invoke(&mut args)?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Binding {
    id: u32,
    params: Box<[Code]>,
    ret: Code,
    target: Box<str>,
    fast: Option<FastShape>,
}

impl Binding {
    /// Resolves `target` and prepares an invoker for a function taking `params` and returning
    /// `ret`. Fails if the target is not a function, or `module` was never loaded.
    ///
    /// ```no_run
    /// use slotwire::{Binding, ErrorKind, JsType};
    /// let e = Binding::bind("no.such.function", None, &[], JsType::Void).unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::Bind);
    /// ```
    pub fn bind(
        target: &str,
        module: Option<&str>,
        params: &[JsType],
        ret: JsType,
    ) -> Result<Binding> {
        let codes: Vec<Code> = params.iter().map(|t| t.code(false)).collect();
        Binding::bind_codes(target, module, &codes, ret.code(false))
    }

    /// Like [`bind`](Binding::bind), with signature codes: [`JsType::code`]`(nullable)` marks an
    /// `Option` parameter or result.
    ///
    /// ```no_run
    /// use slotwire::{Binding, JsType};
    /// // parseInt(string, radix?) -> number
    /// let f = Binding::bind_codes("parseInt", None,
    ///     &[JsType::String.code(false), JsType::I32.code(true)], JsType::F64.code(false)).unwrap();
    /// ```
    pub fn bind_codes(
        target: &str,
        module: Option<&str>,
        params: &[Code],
        ret: Code,
    ) -> Result<Binding> {
        // The user's codes, known only at run time: an app with a `Binding` links the view
        // runtime. (Not in `bind_with`: slotwire's own bindings, the object operations, pass a
        // view only through its marshaler, which links it; an app using them without views
        // loads none.)
        if crate::marshal::view::view_link(params, ret).is_some() {
            crate::marshal::view::link_views();
        }
        Binding::bind_with(target, module, params, ret, true)
    }

    /// A binding for slotwire's own uses, called with [`call`](Binding::call) on a slot array:
    /// through its typed trampoline when the signature has one, else through the slots.
    pub(crate) fn bind_internal(
        target: &str,
        module: Option<&str>,
        params: &[Code],
        ret: Code,
    ) -> Result<Binding> {
        Binding::bind_with(target, module, params, ret, true)
    }

    /// Calls with `slots` (`ARG0 + params` long, arguments written); the result lands in
    /// `slots[RESULT]` either way.
    #[inline]
    pub(crate) fn call(&self, slots: &mut [Slot]) -> Result<()> {
        match &self.fast {
            Some(shape) => self.invoke_fast(shape, slots),
            None => invoke_raw(self.id, slots).map_err(Error::from),
        }
    }

    fn bind_with(
        target: &str,
        module: Option<&str>,
        params: &[Code],
        ret: Code,
        allow_fast: bool,
    ) -> Result<Binding> {
        let fast = if allow_fast {
            fast_shape(params, ret)
        } else {
            None
        };
        let id = bind_for(
            target,
            module,
            params,
            ret,
            if fast.is_some() {
                BIND_FAST
            } else {
                BIND_SLOTS
            },
            None,
        )?;
        Ok(Binding {
            id,
            params: params.into(),
            ret,
            target: target.into(),
            fast,
        })
    }

    /// The target this binding was made for.
    ///
    /// ```no_run
    /// # use slotwire::{Binding, JsType};
    /// let b = Binding::bind("Math.abs", None, &[JsType::F64], JsType::F64).unwrap();
    /// assert_eq!(b.target(), "Math.abs");
    /// ```
    pub fn target(&self) -> &str {
        &self.target
    }

    /// A slot buffer for this binding's arguments. Allocate it once and reuse it: [`set`]
    /// overwrites, [`invoke`](Binding::invoke) does not allocate.
    ///
    /// [`set`]: Args::set
    ///
    /// ```no_run
    /// # use slotwire::{Binding, JsType};
    /// # fn f() -> slotwire::Result<()> {
    /// let abs = Binding::bind("Math.abs", None, &[JsType::F64], JsType::F64)?;
    /// let mut args = abs.args(); // once; then set + invoke per call
    /// for x in [-1.0, -2.0] {
    ///     args.set(0, x)?;
    ///     let _r: f64 = abs.invoke(&mut args)?.get()?;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn args<'a>(&self) -> Args<'a> {
        Args {
            slots: ArgSlots(vec![Slot::ZERO; ARG0 + self.params.len()]),
            binding: self.id,
            params: self.params.clone(),
            unset: if self.params.len() == 64 {
                u64::MAX
            } else {
                (1u64 << self.params.len()) - 1
            },
            target: self.target.clone(),
            _borrows: PhantomData,
        }
    }

    /// Calls the JS function with `args`. A JS exception (or a JS result of the wrong type) is an
    /// `Err` of kind [`ErrorKind::Js`]; every argument must have been [`set`](Args::set).
    ///
    /// ```no_run
    /// # use slotwire::{Binding, ErrorKind, JsType};
    /// # fn f() -> slotwire::Result<()> {
    /// let parse = Binding::bind("JSON.parse", None, &[JsType::String], JsType::F64)?;
    /// let mut args = parse.args();
    /// args.set(0, "{bad")?;
    /// let e = parse.invoke(&mut args).unwrap_err();
    /// assert_eq!(e.js().unwrap().name, "SyntaxError");
    /// # let _ = ErrorKind::Js; Ok(()) }
    /// ```
    pub fn invoke(&self, args: &mut Args<'_>) -> Result<Ret> {
        if args.binding != self.id {
            return Err(Error::new(
                ErrorKind::Type,
                format!("{}: these Args were made by another Binding", self.target),
            ));
        }
        if args.unset != 0 {
            let i = args.unset.trailing_zeros();
            return Err(Error::new(
                ErrorKind::Type,
                format!("{}: argument {i} was never set", self.target),
            ));
        }
        match &self.fast {
            Some(shape) => self.invoke_fast(shape, &mut args.slots)?,
            None => {
                let r = invoke_raw(self.id, &mut args.slots);
                args.consume_arrays();
                r?
            }
        }
        let slot = args.slots[RESULT];
        let mut handles = Vec::new();
        // SAFETY: JS just wrote the result slot for `self.ret`; nothing ran since.
        unsafe { collect_handles(&slot, self.ret, &mut handles, 0) };
        Ok(Ret {
            slot,
            ret: self.ret,
            // JS wrote the result (if it writes memory) before the call returned: what a later
            // write into its frame area or result blocks changes.
            generation: crate::fast::frame_generation(),
            handles,
            target: PhantomData,
        })
    }
}

impl Binding {
    /// The typed-trampoline call: the slots' values go as wasm parameters, the result comes back
    /// into the result slot in the slot encoding.
    #[inline]
    fn invoke_fast(&self, shape: &FastShape, slots: &mut [Slot]) -> Result<()> {
        let mut vi = [0i32; 6];
        let mut vd = [0f64; 6];
        let mut k = 0;
        for (i, kind) in shape.kinds.iter().enumerate() {
            k = crate::fast::lower(*kind, &slots[ARG0 + i], &mut vi, &mut vd, k);
        }
        // Calls queued in the batch run first: the JS function flushes them (fast.js).
        let r = crate::fast::call_shape(self.id, shape.n, shape.ints, shape.ret, &vi, &vd);
        self.finish_fast(r, slots)
    }

    /// A fast call's result (or the exception it reported) into `slots[RESULT]`.
    #[inline]
    fn finish_fast(&self, r: crate::fast::Ret, slots: &mut [Slot]) -> Result<()> {
        if let Some(e) = crate::fast::take_exception() {
            return Err(e.into());
        }
        slots[RESULT] = r.into_slot(self.ret);
        Ok(())
    }
}

/// The argument slots of one [`Binding`], reused from call to call.
///
/// `'a` is the lifetime of borrowed arguments (a `&str` is passed by pointer, not copied).
///
/// ```no_run
/// # use slotwire::{Binding, JsType};
/// # fn f() -> slotwire::Result<()> {
/// let b = Binding::bind("Math.max", None, &[JsType::F64, JsType::F64], JsType::F64)?;
/// let mut args = b.args();
/// assert_eq!(args.len(), 2);
/// args.set(0, 1.0)?;
/// args.set(1, 2.0)?;
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Args<'a> {
    slots: ArgSlots,
    binding: u32,
    params: Box<[Code]>,
    unset: u64,
    target: Box<str>,
    _borrows: PhantomData<&'a str>,
}

/// The slots of an [`Args`]: frees arrays set and never passed when dropped. (A type of its own,
/// without `Args`'s lifetime, so that `Args` itself needs no `Drop`: borrowed arguments may then
/// be dropped before it.)
#[derive(Debug)]
struct ArgSlots(Vec<Slot>);

impl Drop for ArgSlots {
    fn drop(&mut self) {
        release_unread_args(&mut self.0);
    }
}

impl core::ops::Deref for ArgSlots {
    type Target = Vec<Slot>;
    fn deref(&self) -> &Vec<Slot> {
        &self.0
    }
}

impl core::ops::DerefMut for ArgSlots {
    fn deref_mut(&mut self) -> &mut Vec<Slot> {
        &mut self.0
    }
}

impl<'a> Args<'a> {
    /// Array arguments given to JS as a block of slots are gone after a call (JS freed them):
    /// each must be set again before the next one.
    fn consume_arrays(&mut self) {
        for (i, s) in self.slots[ARG0..].iter().enumerate() {
            let consumed = (s.ty == JsType::Array as u8 && s.elem != crate::slot::ARRAY_DIRECT)
                || s.ty == JsType::Segment as u8;
            if consumed {
                self.unset |= 1 << i;
            }
        }
    }

    /// Sets argument `index` to `value`. Its Rust type must match the parameter's declared type
    /// (`i64`/`u64` fit both the bigint and the number form; a plain value fits an `Option`
    /// parameter).
    ///
    /// ```no_run
    /// # use slotwire::{Binding, ErrorKind, JsType};
    /// # fn f() -> slotwire::Result<()> {
    /// let max = Binding::bind("Math.max", None, &[JsType::F64, JsType::F64], JsType::F64)?;
    /// let mut args = max.args();
    /// args.set(0, 1.5)?;
    /// assert_eq!(args.set(1, "two").unwrap_err().kind(), ErrorKind::Type); // declared f64
    /// assert_eq!(args.set(2, 1.0).unwrap_err().kind(), ErrorKind::Range); // two parameters
    /// # Ok(()) }
    /// ```
    pub fn set<T: ToJs + 'a>(&mut self, index: usize, value: T) -> Result<()> {
        let Some(&declared) = self.params.get(index) else {
            return Err(Error::new(
                ErrorKind::Range,
                format!(
                    "{}: argument index {index} out of range ({} parameters)",
                    self.target,
                    self.params.len()
                ),
            ));
        };
        let ok = compatible(declared, T::CODE)
            || (declared & NULLABLE != 0 && compatible(declared & !NULLABLE, T::CODE));
        if !ok {
            return Err(Error::new(
                ErrorKind::Type,
                format!(
                    "{}: argument {index} is declared {}, got a {} value",
                    self.target,
                    code_name(declared),
                    code_name(T::CODE)
                ),
            ));
        }
        let slot = &mut self.slots[ARG0 + index];
        release_unread(slot); // an array set earlier and never passed
        slot.flags = 0;
        value.write(slot);
        self.unset &= !(1u64 << index);
        Ok(())
    }

    /// The number of parameters.
    ///
    /// ```no_run
    /// # use slotwire::{Binding, JsType};
    /// let b = Binding::bind("Math.abs", None, &[JsType::F64], JsType::F64).unwrap();
    /// assert_eq!(b.args().len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.params.len()
    }

    /// Whether the function takes no parameters.
    ///
    /// ```no_run
    /// # use slotwire::{Binding, JsType};
    /// let b = Binding::bind("Date.now", None, &[], JsType::F64).unwrap();
    /// assert!(b.args().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.params.is_empty()
    }
}

/// A signature code as a type name: `i32`, `Option<string>`, `array<f64>`.
pub(crate) fn code_name(code: Code) -> String {
    let mut name = code_type(code).map_or("?", JsType::name).to_owned();
    let inner = crate::slot::code_inner(code);
    if inner != 0 || matches!(code_type(code), Some(JsType::Array | JsType::Promise)) {
        name = format!("{name}<{}>", code_name(inner));
    }
    if code & NULLABLE != 0 {
        format!("Option<{name}>")
    } else {
        name
    }
}

/// The result of one [`Binding::invoke`]; read it with [`get`](Ret::get) before the next call.
///
/// Dropped unread, or refused by `get` (for its type, or read after a later crossing reused its
/// memory), it gives back the JS objects its result holds.
///
/// ```no_run
/// # use slotwire::{Binding, JsType};
/// # fn f() -> slotwire::Result<()> {
/// let b = Binding::bind("String", None, &[JsType::F64], JsType::String)?;
/// let mut args = b.args();
/// args.set(0, 42.0)?;
/// let text: String = b.invoke(&mut args)?.get()?; // read before the next invoke
/// assert_eq!(text, "42");
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Ret {
    slot: Slot,
    ret: Code,
    generation: u64,
    /// The JS table handles the result holds (each with the one reference Rust owns), found when
    /// the call returned: given back if nothing reads them (see `Drop`); emptied when `get`
    /// hands the result to `T::read`, which then owns them.
    handles: Vec<u32>,
    target: PhantomData<*const ()>,
}

impl Ret {
    /// The result as a `T`, which must match the binding's declared result type. A result JS
    /// wrote into memory (a string, an array, a record, `JsAny`...) must be read before the next
    /// crossing (an import called, or an export called from JS: its memory is reused); reading
    /// it later is an error, never a wrong value.
    ///
    /// ```no_run
    /// # use slotwire::{Binding, JsType};
    /// # fn f() -> slotwire::Result<()> {
    /// let now = Binding::bind("Date.now", None, &[], JsType::F64)?;
    /// let ms: f64 = now.invoke(&mut now.args())?.get()?;
    /// # let _ = ms; Ok(()) }
    /// ```
    pub fn get<T: FromJs>(self) -> Result<T> {
        let ok = compatible(self.ret, T::CODE)
            || (T::CODE & NULLABLE != 0 && compatible(self.ret | NULLABLE, T::CODE));
        if !ok {
            return Err(Error::new(
                ErrorKind::Type,
                format!(
                    "result is declared {}, read as {}",
                    code_name(self.ret),
                    code_name(T::CODE)
                ),
            ));
        }
        if reads_memory(self.ret) && crate::fast::frame_generation() != self.generation {
            return Err(Error::new(
                ErrorKind::Type,
                format!(
                    "{} result read after a later crossing reused its memory",
                    code_name(self.ret)
                ),
            ));
        }
        let mut slot = self.slot;
        if self.ret & NULLABLE == 0 {
            slot.flags = 0;
        }
        // From here the result is `T`'s: whatever `read` adopts, it owns (and drops on an error
        // part way), so `Ret`'s own release must not run as well.
        let mut this = self;
        this.handles.clear();
        drop(this);
        // SAFETY: JS wrote the result slot for the binding's result code, which `T::CODE` was
        // checked above to be compatible with (same slot bytes); what it points at is read before
        // JS wrote into its frame area or result blocks again (the frame-generation check).
        unsafe { T::read(&slot) }
    }
}

/// A `Ret` dropped without [`get`](Ret::get) reading it (never read, refused for its type, or
/// refused as read after a later crossing) gives back the JS objects its result holds: the
/// handles found when its call returned (a `JsObject` or function result, the objects of an array
/// of them or of a `JsAny`).
impl Drop for Ret {
    fn drop(&mut self) {
        for &h in &self.handles {
            drop(crate::JsObject::adopt_handle(h));
        }
    }
}

/// Whether a result of code `code` can hold JS table handles: a `JsObject`, a function, a
/// `JsAny`, or arrays (nested, optional) of them.
fn holds_handles(code: Code) -> bool {
    use JsType as J;
    match code_type(code & !NULLABLE) {
        Some(J::JsObject | J::Function | J::Any) => true,
        Some(J::Array) => holds_handles(crate::slot::code_inner(code & !NULLABLE)),
        _ => false,
    }
}

/// Appends to `out` the JS table handles in a result slot of code `ret` (each with the one
/// reference JS took for Rust): a `JsObject` or function, arrays (nested, optional) of them or of
/// `JsAny`, a `JsAny` (its objects and arrays, walked by their type bytes). `any_depth`: the
/// arrays inside `JsAny` values above this one (JS writes at most `ANY_MAX_DEPTH` in one value;
/// the declared array levels do not count, as in `JsAny::read`).
///
/// # Safety
///
/// `slot` must be a result JS wrote for `ret`, with what it points at unchanged since.
unsafe fn collect_handles(slot: &Slot, ret: Code, out: &mut Vec<u32>, any_depth: usize) {
    use JsType as J;
    if (ret & NULLABLE != 0 && slot.is_null()) || !holds_handles(ret) {
        return;
    }
    let any = code_type(ret & !NULLABLE) == Some(J::Any);
    // A `JsAny` slot says its own type.
    let ty = if any {
        JsType::from_code(slot.ty)
    } else {
        code_type(ret & !NULLABLE)
    };
    match ty {
        Some(J::JsObject | J::Function) if slot.len != 0 => out.push(slot.len),
        Some(J::Array) if slot.elem != crate::slot::ARRAY_DIRECT && slot.len != 0 => {
            // The elements' code: `JsAny` inside a `JsAny`, else the array code's inner one.
            let (inner, depth) = if any {
                if any_depth >= crate::slot::ANY_MAX_DEPTH {
                    return;
                }
                (J::Any.code(false), any_depth + 1)
            } else {
                (crate::slot::code_inner(ret & !NULLABLE), any_depth)
            };
            let n = slot.len as usize;
            if n > crate::slot::MAX_ALLOC / crate::slot::SLOT_SIZE {
                return;
            }
            // SAFETY: an array result of slots: JS wrote `n` element slots at `value`, unchanged
            // (the caller's contract).
            let elems =
                unsafe { core::slice::from_raw_parts(slot.value as usize as *const Slot, n) };
            for e in elems {
                // SAFETY: each element slot is a result of the inner code (the caller's contract).
                unsafe { collect_handles(e, inner, out, depth) };
            }
        }
        _ => {}
    }
}

/// A binding made on first use and cached: what `#[js_import]` generates. Not for direct use.
#[doc(hidden)]
pub struct LazyBinding {
    target: &'static str,
    module: Option<&'static str>,
    params: &'static [Code],
    ret: Code,
    /// `BIND_SLOTS` or `BIND_FAST_REFS`.
    fast: u32,
    key: Option<&'static str>,
    id: AtomicU32,
    /// Links the view runtime when the signature passes a view (`view_link`: a constant, so
    /// only bindings with views reference it).
    link: Option<fn()>,
}

impl LazyBinding {
    #[doc(hidden)]
    pub const fn new(
        target: &'static str,
        module: Option<&'static str>,
        params: &'static [Code],
        ret: Code,
    ) -> LazyBinding {
        LazyBinding::make(target, module, params, ret, BIND_SLOTS, None)
    }

    /// A binding called through a typed trampoline of its own: the import `key` of the JS
    /// global `__slotwire_k<hash>` (`key`), which binding defines (see [`crate::fast`]).
    #[doc(hidden)]
    pub const fn new_fast(
        target: &'static str,
        module: Option<&'static str>,
        params: &'static [Code],
        ret: Code,
        key: &'static str,
    ) -> LazyBinding {
        LazyBinding::make(target, module, params, ret, BIND_FAST_REFS, Some(key))
    }

    /// An async import: the JS result is awaited as a promise of `inner`.
    #[doc(hidden)]
    pub const fn new_async(
        target: &'static str,
        module: Option<&'static str>,
        params: &'static [Code],
        inner: Code,
    ) -> LazyBinding {
        let ret = crate::slot::compound(JsType::Promise, false, inner);
        LazyBinding::make(target, module, params, ret, BIND_SLOTS, None)
    }

    /// An async import whose parameters take the typed path (see [`new_fast`](Self::new_fast)):
    /// the wasm import returns the id JS registered the promise of `inner` under.
    pub const fn new_fast_async(
        target: &'static str,
        module: Option<&'static str>,
        params: &'static [Code],
        inner: Code,
        key: &'static str,
    ) -> LazyBinding {
        let ret = crate::slot::compound(JsType::Promise, false, inner);
        LazyBinding::make(target, module, params, ret, BIND_FAST_REFS, Some(key))
    }

    const fn make(
        target: &'static str,
        module: Option<&'static str>,
        params: &'static [Code],
        ret: Code,
        fast: u32,
        key: Option<&'static str>,
    ) -> LazyBinding {
        LazyBinding {
            target,
            module,
            params,
            ret,
            fast,
            key,
            id: AtomicU32::new(0),
            link: crate::marshal::view::view_link(params, ret),
        }
    }

    /// The binding id, binding on first use.
    #[inline]
    pub fn id(&self) -> core::result::Result<u32, JsError> {
        let id = self.id.load(Ordering::Relaxed);
        if id != 0 {
            Ok(id)
        } else {
            self.bind()
        }
    }

    /// Binds if needed, then calls with `slots` (`ARG0 + params.len()` long).
    ///
    /// # Safety
    ///
    /// `slots` must be `ARG0 + params.len()` long, each argument written by [`ToJs::write`] (alone:
    /// no [`mark_owned`](ToJs::mark_owned)) of a type whose code is the parameter's, from a value
    /// alive until this returns (JS reads, and for a writable span writes, what they point at).
    #[inline]
    pub unsafe fn invoke(&self, slots: &mut [Slot]) -> core::result::Result<(), JsError> {
        let mut id = self.id.load(Ordering::Relaxed);
        if id == 0 {
            id = self.bind().inspect_err(|_| release_unread_args(slots))?;
        }
        invoke_raw(id, slots)
    }

    /// The binding id, binding on first use; a failed bind panics naming `label` (what a
    /// `#[js_import]` without `Result` does). The slow path is out of line, so the caller's
    /// common path is a load and a branch.
    #[inline]
    #[track_caller]
    pub fn id_or_fail(&self, label: &'static str) -> u32 {
        let id = self.id.load(Ordering::Relaxed);
        if id != 0 {
            id
        } else {
            self.bind_or_fail(label)
        }
    }

    #[cold]
    #[inline(never)]
    #[track_caller]
    fn bind_or_fail(&self, label: &'static str) -> u32 {
        match self.bind() {
            Ok(id) => id,
            Err(e) => crate::__private::import_failed(label, e),
        }
    }

    #[cold]
    fn bind(&self) -> core::result::Result<u32, JsError> {
        if let Some(link) = self.link {
            link();
        }
        let id = bind_id(
            self.target,
            self.module,
            self.params,
            self.ret,
            self.fast,
            self.key,
        )?;
        self.id.store(id, Ordering::Relaxed);
        Ok(id)
    }

    /// The import's target, for messages.
    pub fn target(&self) -> &'static str {
        self.target
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_signatures_check_like_spans() {
        use crate::{FromJs, Segment, ToJs};
        // A segment parameter or result has an element type (found by the adversarial pass:
        // every TypedBinding / Binding taking or returning a Segment<T> used to be refused).
        let seg = <Segment<f64> as ToJs>::CODE;
        assert!(check_codes("t", &[seg], <u32 as FromJs>::CODE).is_ok());
        assert!(check_codes("t", &[], <Segment<u8> as FromJs>::CODE).is_ok());
        let promise = crate::slot::compound(JsType::Promise, false, seg);
        assert!(check_codes("t", &[], promise).is_ok());
        // Without one, or with a bad one, it is a TypeError naming the position.
        let bare = JsType::Segment.code(false);
        let e = check_codes("t", &[bare], JsType::Void.code(false)).unwrap_err();
        assert!(
            e.message().contains("a segment needs an element type"),
            "{e}"
        );
        let bad = crate::slot::compound(JsType::Segment, false, 0x7e);
        assert!(check_codes("t", &[bad], JsType::Void.code(false)).is_err());
    }

    #[test]
    fn exception_slot_is_parsed() {
        let mut buf = Vec::new();
        buf.extend_from_slice(&9u32.to_le_bytes());
        buf.extend_from_slice(&4u32.to_le_bytes());
        buf.extend_from_slice(b"TypeErrorboomat f (x.js:1)");
        let mut s = Slot::ZERO;
        s.set_ptr_len(buf.as_ptr(), buf.len());
        let e = exception_from_slot(&s);
        assert_eq!(e.name, "TypeError");
        assert_eq!(e.message, "boom");
        assert_eq!(e.stack, "at f (x.js:1)");
    }

    #[test]
    fn malformed_exception_slot_does_not_panic() {
        let buf = [200u8, 0, 0, 0, 0, 0, 0, 0, b'x'];
        let mut s = Slot::ZERO;
        s.set_ptr_len(buf.as_ptr(), buf.len());
        assert_eq!(exception_from_slot(&s).message, "malformed exception slot");
        s.len = 3;
        assert_eq!(exception_from_slot(&s).message, "malformed exception slot");
    }

    #[test]
    fn bind_rejects_bad_codes_before_reaching_js() {
        let e = Binding::bind_codes("f", None, &[99], 0).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type);
        let e = Binding::bind("f", None, &[JsType::Void], JsType::Void).unwrap_err();
        assert!(e.message().contains("cannot be void"), "{e}");
    }

    #[test]
    fn natively_binding_reports_missing_js() {
        let e = Binding::bind("Math.hypot", None, &[JsType::F64], JsType::F64).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Bind);
        assert!(e.message().contains("wasm32"));
    }

    #[test]
    fn args_check_index_and_type() {
        let b = Binding {
            id: 1,
            params: vec![JsType::F64.code(false), JsType::I64Number.code(true)].into(),
            ret: JsType::String.code(false),
            target: "t".into(),
            fast: None,
        };
        let mut a = b.args();
        assert_eq!(a.set(2, 1.0).unwrap_err().kind(), ErrorKind::Range);
        assert_eq!(a.set(0, 1i32).unwrap_err().kind(), ErrorKind::Type);
        a.set(0, 1.0).unwrap();
        a.set(1, 5i64).unwrap();
        a.set(1, None::<i64>).unwrap();
        assert!(a.slots[ARG0 + 1].is_null());
        a.set(1, 6i64).unwrap();
        assert!(!a.slots[ARG0 + 1].is_null());
        assert_eq!(a.unset, 0);
        let other = b.args();
        assert_eq!(other.unset, 0b11);
    }

    #[test]
    fn fast_shapes_are_decided_from_the_signature() {
        let c = |t: JsType| t.code(false);
        let s = fast_shape(
            &[c(JsType::I32), c(JsType::I32), c(JsType::I32)],
            c(JsType::I32),
        )
        .unwrap();
        assert_eq!((s.n, s.ints, s.ret), (3, true, 1));
        let s = fast_shape(&[c(JsType::String), c(JsType::F32)], c(JsType::Void)).unwrap();
        assert_eq!((s.n, s.ints, s.ret), (3, false, 0));
        assert_eq!(s.kinds.as_ref(), &[FastKind::Str, FastKind::F32]);
        assert!(
            fast_shape(&[JsType::I32.code(true)], c(JsType::Void)).is_none(),
            "Option"
        );
        assert!(
            fast_shape(&[c(JsType::I64)], c(JsType::Void)).is_none(),
            "bigint"
        );
        assert!(
            fast_shape(&[], JsType::String.code(true)).is_none(),
            "an Option<String> result takes the slots"
        );
        assert_eq!(
            fast_shape(&[], c(JsType::String)).map(|s| s.ret),
            Some(1),
            "a String result: where JS encoded it, an i32"
        );
        assert!(
            fast_shape(&[c(JsType::String); 4], c(JsType::Void)).is_none(),
            "8 values"
        );
        assert!(fast_shape(&[c(JsType::F64); 6], c(JsType::F64)).is_some());
    }

    #[test]
    fn ret_checks_type_and_staleness() {
        let text = "hi";
        let mut slot = Slot::ZERO;
        slot.set_ptr_len(text.as_ptr(), 2);
        let g = crate::fast::frame_generation();
        let r = Ret {
            slot,
            ret: JsType::String.code(false),
            generation: g,
            handles: Vec::new(),
            target: PhantomData,
        };
        assert_eq!(r.get::<String>().unwrap(), "hi");
        let r = Ret {
            slot,
            ret: JsType::String.code(false),
            generation: g,
            handles: Vec::new(),
            target: PhantomData,
        };
        assert_eq!(r.get::<f64>().unwrap_err().kind(), ErrorKind::Type);
        let r = Ret {
            slot,
            ret: JsType::String.code(false),
            generation: g.wrapping_sub(1),
            handles: Vec::new(),
            target: PhantomData,
        };
        assert!(r
            .get::<String>()
            .unwrap_err()
            .message()
            .contains("string result read after a later crossing"));
        // A number is in the slot itself: never stale.
        let mut n = Slot::ZERO;
        n.set_f64(2.5);
        let r = Ret {
            slot: n,
            ret: JsType::F64.code(false),
            generation: g.wrapping_sub(1),
            handles: Vec::new(),
            target: PhantomData,
        };
        assert_eq!(r.get::<f64>().unwrap(), 2.5);
        assert!(reads_memory(JsType::String.code(true)));
        assert!(reads_memory(crate::slot::compound(
            JsType::Array,
            false,
            JsType::F64 as Code
        )));
        assert!(!reads_memory(JsType::JsObject.code(true)));
        let objs = crate::slot::compound(JsType::Array, false, JsType::JsObject as Code);
        assert!(holds_handles(crate::slot::compound(
            JsType::Array,
            true,
            objs
        )));
        assert!(holds_handles(JsType::Any.code(true)));
        assert!(!holds_handles(crate::slot::compound(
            JsType::Array,
            false,
            crate::slot::compound(JsType::Array, false, JsType::String as Code)
        )));
        assert!(!reads_memory(crate::slot::compound(
            JsType::Segment,
            false,
            JsType::F64 as Code
        )));
        assert!(reads_memory(JsType::Error.code(false)));
        let r = Ret {
            slot,
            ret: JsType::String.code(false),
            generation: g,
            handles: Vec::new(),
            target: PhantomData,
        };
        assert_eq!(r.get::<Option<String>>().unwrap().as_deref(), Some("hi"));
    }
}

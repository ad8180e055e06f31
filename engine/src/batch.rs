//! Batched calls: many imports, one crossing (`js-runtime/src/batch.js`).
//!
//! A batched import's call is not made when Rust calls it: its binding id and arguments are
//! written into this instance's command buffer, and [`flush`] hands the whole buffer to JS in one
//! crossing, where one JS function generated for the bindings in use (each binding's call
//! written out inline, a declared accessor as its property access) reads them and makes the
//! calls. As sledgehammer_bindgen does for the DOM, and more:
//!
//! - arguments of every plain type: numbers, `bool`, `char`, strings (a `&'static str` is sent
//!   as its address and decoded once per instance, cached by address; other strings are copied
//!   into the batch and decoded at the flush), `JsObject`s, and spans `&[T]` of numbers (copied
//!   into the batch; a read-only `MemoryView` during the call); a `JsObject` dropped after its
//!   call was queued is still that call's object (releases reach JS after the batch ran);
//! - a batched call returning a `JsObject` returns a [`BatchObject`]: a placeholder other calls
//!   of the same batch take as an argument (`createElement` then `appendChild(parent, it)`), and
//!   the real [`JsObject`] after the flush ([`BatchObject::object`]);
//! - order: every other crossing into JS (a typed or slot import, a typed binding, `JsObject`'s
//!   methods, an export returning to JS, an async task yielding, and binding an import — which
//!   an import's first call does, a batched one's too: it resolves the target in JS) flushes
//!   first, so JS sees the calls in program order; a full buffer ([`BATCH_WORDS`]) flushes too;
//!   JS holds the releases of object handles while a batch runs (a later call of it may name
//!   one an earlier call's export handed back to JS);
//! - errors: a throw stops the batch: the calls after it do not run, their placeholders are
//!   released, and [`flush`] returns a [`BatchError`] naming the call's index and binding with
//!   the [`JsError`](crate::JsError). An error of a flush Rust did not ask for (before another crossing) is kept
//!   and returned by the next [`flush`].
//!
//! Calls made through wasm-bindgen directly (web-sys, js-sys) do not go through slotwire: call
//! [`flush`] before them when they depend on queued calls.
//!
//! ```no_run
//! use slotwire::prelude::*;
//! use slotwire::batch::{self, BatchObject};
//!
//! #[js_import("document.createElement", batch)]
//! fn create_element(tag: &'static str) -> JsObject;
//! #[js_import(method = "appendChild", batch)]
//! fn append_child(parent: &JsObject, child: &JsObject);
//! #[js_import(setter = "textContent", batch)]
//! fn set_text(o: &JsObject, text: &str);
//!
//! fn rows(tbody: &JsObject) -> Result<(), batch::BatchError> {
//!     for i in 0..1000 {
//!         // `<name>_queued`: the same import, queued.
//!         let tr: BatchObject = create_element_queued("tr");
//!         set_text_queued(&tr, &format!("row {i}"));
//!         append_child_queued(tbody, &tr);
//!     }
//!     batch::flush() // one crossing for 3,000 calls
//! }
//! ```

use core::sync::atomic::{AtomicU32, Ordering};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::marshal::ToJs;
use crate::object::JsObject;
use crate::slot::{Code, Slot};
use crate::view::ViewElement;
#[cfg(target_arch = "wasm32")]
use crate::JsError;
use crate::{Error, ErrorKind, JsType, Result};

/// Words (4 bytes each) a batch holds before it is flushed on its own (256 KiB). A call takes
/// one word for its binding, one for a `JsObject` result, and one or two per argument.
///
/// ```
/// // At least 10,000 calls of three i32 arguments fit in one batch.
/// assert!(slotwire::batch::BATCH_WORDS / 4 >= 10_000);
/// ```
pub const BATCH_WORDS: usize = 1 << 16;

/// A placeholder word: bit 31 set, the result word's index in the batch below.
const PLACEHOLDER: u32 = 1 << 31;
/// A string word pair's length word: bit 31 set for a `&'static str` (the pointer is its address).
const INTERNED: u32 = 1 << 31;

/// Commands queued and not yet flushed: what the check before every crossing reads.
static QUEUED: AtomicU32 = AtomicU32::new(0);

thread_local! {
    static QUEUE: RefCell<Queue> = const { RefCell::new(Queue::new(0)) };
    /// The generation of the batch being queued (placeholders name it).
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// The error of a flush nobody asked for, kept for the next [`flush`].
    static FAILED: RefCell<Option<BatchError>> = const { RefCell::new(None) };
    /// Flushes running (nested ones count): releases of dropped `JsObject`s wait until none is.
    static FLUSHING: Cell<u32> = const { Cell::new(0) };
    /// What [`before_crossing`] calls while calls are queued: `implicit_flush`, set by [`queue`]
    /// (a function pointer, so that the flush is linked in only where calls are queued).
    static FLUSH_HOOK: Cell<Option<fn()>> = const { Cell::new(None) };
    /// The batched bindings, by id: target name (errors name it) and words per call.
    static NAMES: RefCell<Vec<(String, usize)>> = const { RefCell::new(Vec::new()) };
}

/// One batch: commands (`[binding id][result word, for a JsObject result][arguments...]`, u32
/// words; an `f64` is two words, its bits), the arena strings and spans are copied into (u64s:
/// 8-byte aligned, so a span's view is aligned), and the placeholders to fill.
struct Queue {
    words: Vec<u32>,
    arena: Vec<u64>,
    arena_len: usize,
    /// Calls queued.
    commands: usize,
    placeholders: Vec<(usize, usize, Rc<RefCell<State>>)>,
    generation: u32,
}

impl Queue {
    const fn new(generation: u32) -> Queue {
        Queue {
            words: Vec::new(),
            arena: Vec::new(),
            arena_len: 0,
            commands: 0,
            placeholders: Vec::new(),
            generation,
        }
    }

    /// Copies `bytes` into the arena, 8-byte aligned; returns the offset.
    fn copy(&mut self, bytes: &[u8]) -> usize {
        let at = self.arena_len.next_multiple_of(8);
        let end = at + bytes.len();
        if end > self.arena.len() * 8 {
            self.arena
                .resize(end.div_ceil(8).max(self.arena.len() * 2), 0);
        }
        bytemuck::cast_slice_mut::<u64, u8>(&mut self.arena)[at..end].copy_from_slice(bytes);
        self.arena_len = end;
        at
    }
}

/// What a placeholder is.
enum State {
    /// Queued in batch `generation`; JS writes the object's handle at word `word`.
    Queued { generation: u32, word: usize },
    /// Its call ran: the object.
    Ready(JsObject),
    /// Its call did not run (or threw).
    Failed,
}

/// The `JsObject` a batched call will return: an argument for later calls of the same batch, the
/// object itself after the flush. Passed to a call that is not batched, it flushes the batch
/// first.
///
/// ```no_run
/// use slotwire::prelude::*;
/// #[js_import("document.createElement", batch)]
/// fn create_element(tag: &'static str) -> JsObject;
///
/// # fn f() -> Result<(), slotwire::Error> {
/// let div = create_element_queued("div"); // nothing crossed yet
/// let element: JsObject = div.object()?; // flushes, then the real object
/// # let _ = element; Ok(()) }
/// ```
#[derive(Clone)]
pub struct BatchObject(Rc<RefCell<State>>);

impl std::fmt::Debug for BatchObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = match &*self.0.borrow() {
            State::Queued { .. } => "queued",
            State::Ready(_) => "ready",
            State::Failed => "failed",
        };
        f.debug_tuple("BatchObject").field(&s).finish()
    }
}

impl BatchObject {
    /// The object, flushing the batch first if its call is still queued. An error if the call
    /// did not run (it or an earlier call of its batch threw; that error is [`flush`]'s), or if
    /// its batch is being flushed right now (a call inside that flush asking for it).
    ///
    /// ```no_run
    /// # use slotwire::prelude::*;
    /// # #[js_import("document.createElement", batch)]
    /// # fn create_element(tag: &'static str) -> JsObject;
    /// # fn f() -> Result<(), slotwire::Error> {
    /// let p = create_element_queued("p");
    /// let _ = slotwire::batch::flush();
    /// let o = p.object()?; // the <p>
    /// # let _ = o; Ok(()) }
    /// ```
    pub fn object(&self) -> Result<JsObject> {
        if matches!(&*self.0.borrow(), State::Queued { .. }) {
            // A flush Rust did not ask for: its error is kept for the next `flush` (which the
            // "did not run" error below points to).
            implicit_flush();
        }
        match &*self.0.borrow() {
            State::Ready(o) => Ok(o.clone()),
            State::Failed => Err(Error::new(
                ErrorKind::Js,
                "the batched call that makes this object did not run (see batch::flush's error)",
            )),
            State::Queued { .. } => Err(Error::new(
                ErrorKind::Js,
                "the batched call that makes this object is in a batch being flushed right now",
            )),
        }
    }

    /// The word a command of batch `current` carries for this object: its handle, or a
    /// placeholder.
    fn word(&self, current: u32) -> u32 {
        match &*self.0.borrow() {
            State::Queued { generation, word } if *generation == current => {
                PLACEHOLDER | *word as u32
            }
            State::Ready(o) => o.handle(),
            // Failed, or queued in a batch being flushed: no object; JS reports handle 0.
            _ => 0,
        }
    }
}

// SAFETY: writes the handle of the `JsObject` the placeholder holds (its batch flushed first if
// it was still queued), or 0 for none, which JS refuses by name. FLAG_OWNED only as an export
// result, whose `retain` hands that reference to JS, as `JsObject`'s does.
unsafe impl ToJs for BatchObject {
    const TYPE: JsType = JsType::JsObject;
    fn write(&self, slot: &mut Slot) {
        if matches!(&*self.0.borrow(), State::Queued { .. }) {
            implicit_flush();
        }
        slot.len = match &*self.0.borrow() {
            State::Ready(o) => o.handle(),
            _ => 0,
        };
    }
    fn owned_flags(&self) -> u8 {
        match &*self.0.borrow() {
            State::Ready(o) => o.owned_flags(),
            _ => 0,
        }
    }
    fn retain(self) {
        // One more reference to the same handle (clones share it), handed to JS.
        if let State::Ready(o) = &*self.0.borrow() {
            o.clone().retain();
        }
    }
}

/// A batched call failed: the index of the call in its batch (from 0), its binding and the JS
/// error. The calls after it did not run. Converts into a [`slotwire::Error`](crate::Error) (with
/// `?`) whose message names all three.
///
/// ```no_run
/// # fn f() -> slotwire::Result<()> {
/// if let Err(e) = slotwire::batch::flush() {
///     eprintln!("call #{} of the batch ({}) threw {}: {}", e.index, e.binding, e.error.name, e.error.message);
///     return Err(e.into());
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct BatchError {
    /// The call's index in its batch.
    pub index: usize,
    /// The binding's target (`"document.createElement"`, `"method \"appendChild\""`...).
    pub binding: String,
    /// What JS threw.
    pub error: crate::JsError,
    /// An earlier failure this error comes with: of a flush slotwire made on its own (before
    /// another crossing) since the last [`flush`], which kept it for the next one — this one,
    /// whose own batch failed too.
    pub earlier: Option<Box<BatchError>>,
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "batched call {} ({}) failed: {}",
            self.index, self.binding, self.error
        )?;
        match &self.earlier {
            Some(e) => write!(f, " (and earlier: {e})"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for BatchError {}

impl From<BatchError> for Error {
    fn from(e: BatchError) -> Error {
        Error::new(ErrorKind::Js, e.to_string())
    }
}

/// Runs the queued calls now, in one crossing. `Err` if a call threw (the calls after it did not
/// run), or if a flush nobody asked for (before another crossing) failed since the last `flush`;
/// when both, this flush's error with the earlier one in [`BatchError::earlier`].
///
/// ```no_run
/// # use slotwire::prelude::*;
/// # #[js_import("console.log", batch)]
/// # fn log(s: &str);
/// log_queued("one");
/// log_queued("two");
/// if let Err(e) = slotwire::batch::flush() {
///     eprintln!("call {} ({}) threw: {}", e.index, e.binding, e.error);
/// }
/// ```
pub fn flush() -> core::result::Result<(), BatchError> {
    let now = flush_now();
    // A kept failure (of a flush nobody asked for) is reported now, whatever this flush did, and
    // is not left behind for a later one: alone, or with this flush's own failure.
    match (now, FAILED.with(|f| f.borrow_mut().take())) {
        (Err(mut e), Some(kept)) => {
            e.earlier = Some(Box::new(kept));
            Err(e)
        }
        (Ok(()), Some(kept)) => Err(kept),
        (now, None) => now,
    }
}

/// Calls queued and not yet flushed.
///
/// ```no_run
/// assert_eq!(slotwire::batch::queued(), 0);
/// ```
pub fn queued() -> usize {
    QUEUED.load(Ordering::Relaxed) as usize
}

/// Whether a batch is being run (its calls may name, by handle, `JsObject`s dropped since they
/// were queued: releases wait until it ends).
pub(crate) fn flushing() -> bool {
    FLUSHING.try_with(Cell::get).unwrap_or(0) != 0
}

/// Counts a running flush while it lives.
struct Flushing;

impl Flushing {
    fn start() -> Flushing {
        let _ = FLUSHING.try_with(|f| f.set(f.get() + 1));
        Flushing
    }
}

impl Drop for Flushing {
    fn drop(&mut self) {
        let _ = FLUSHING.try_with(|f| f.set(f.get() - 1));
    }
}

/// Flushes if anything is queued: what every other crossing into JS calls first.
#[doc(hidden)]
#[inline]
pub fn before_crossing() {
    if QUEUED.load(Ordering::Relaxed) != 0 {
        flush_through_hook();
    }
}

/// The flush of a crossing, reached through [`FLUSH_HOOK`] (set by the first [`queue`]): an app
/// that never queues a call links no batch code and imports none of its JS.
#[cold]
fn flush_through_hook() {
    if let Some(flush) = FLUSH_HOOK.with(Cell::get) {
        flush();
    }
}

/// The flush before a crossing. A queued call that poisoned the instance (a panic in an export it
/// called) stops the program here, before the crossing that depended on it: a panic (the
/// instance is poisoned already), whose trap goes up through the Rust code that was crossing.
#[cold]
fn implicit_flush() {
    let was_poisoned = crate::runtime::poisoned();
    let result = flush_now();
    if !was_poisoned && crate::runtime::poisoned() {
        panic!(
            "slotwire: a batched call poisoned the instance; the crossing after it does not run"
        );
    }
    if let Err(e) = result {
        FAILED.with(|f| {
            let mut f = f.borrow_mut();
            if f.is_none() {
                *f = Some(e);
            }
        });
    }
}

/// Runs the current batch (if any); its error, if a call threw.
fn flush_now() -> core::result::Result<(), BatchError> {
    // Nothing queued: keep the buffers (and the generation: only batches that ran take one, so
    // it cannot come round to a placeholder still queued in a batch being flushed).
    if QUEUE.try_with(|q| q.borrow().commands == 0).unwrap_or(true) {
        return Ok(());
    }
    let generation = GENERATION.with(|g| {
        g.set(g.get().wrapping_add(1));
        g.get()
    });
    let Ok(mut q) =
        QUEUE.try_with(|q| std::mem::replace(&mut *q.borrow_mut(), Queue::new(generation)))
    else {
        return Ok(());
    };
    QUEUED.store(0, Ordering::Relaxed);
    let running = Flushing::start();
    let (ran, error) = run(&mut q);
    drop(running);
    let words = &q.words;
    for (word, command, ph) in q.placeholders.drain(..) {
        if Rc::strong_count(&ph) == 1 {
            // Nobody holds it (`run` made no handle for it).
            continue;
        }
        let state = if command < ran {
            // `run` had JS make a handle with one reference for the result; adopted once, here.
            State::Ready(JsObject::adopt_handle(words[word]))
        } else {
            State::Failed
        };
        *ph.borrow_mut() = state;
    }
    let result = match error {
        None => Ok(()),
        Some(error) => {
            let binding = command_binding(&q.words, ran);
            Err(BatchError {
                index: ran,
                binding,
                error,
                earlier: None,
            })
        }
    };
    // Keep the buffers' capacity for the next batch, unless a call inside the flush queued
    // another (then that one keeps its own).
    let _ = QUEUE.try_with(|cur| {
        let mut cur = cur.borrow_mut();
        if cur.commands == 0 && cur.generation == generation {
            q.words.clear();
            q.arena_len = 0;
            q.commands = 0;
            q.generation = generation;
            *cur = q;
        }
    });
    result
}

/// A batch has begun: JS's typed imports (`#[js_import]`'s, which check no flag in Rust) now
/// flush it before they call (`Runtime.flushQueued`), until JS runs it. One crossing per batch.
#[cfg(target_arch = "wasm32")]
#[cold]
fn tell_js_queued() {
    if let Ok(rt) = crate::runtime::runtime_id() {
        crate::transport::batch_queued(rt);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn tell_js_queued() {}

/// `slotwire_flush_queued()`: what a `#[js_import]`'s typed JS function calls before its own
/// call when JS was told a batch began ([`tell_js_queued`]): runs the queued calls (as any other
/// crossing does, [`before_crossing`]; a throw is kept for the next flush). Returns 1 if calls are
/// still queued after it (JS then keeps checking; 0: it stops).
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
pub extern "C" fn slotwire_flush_queued() -> u32 {
    before_crossing();
    u32::from(QUEUED.load(Ordering::Relaxed) != 0)
}

/// Hands the batch to JS: how many calls ran, and the error of the one that threw.
#[cfg(target_arch = "wasm32")]
fn run(q: &mut Queue) -> (usize, Option<JsError>) {
    let rt = match crate::runtime::runtime_id() {
        Ok(rt) => rt,
        Err(e) => return (0, Some(e)),
    };
    let words = q.words.as_mut_ptr() as usize as u32;
    let arena = q.arena.as_ptr() as usize as u32;
    let failed = crate::transport::run_batch(rt, words, q.words.len() as u32, arena);
    let (ran, error) = if failed < 0 {
        (q.commands, None)
    } else {
        let e = crate::fast::take_exception()
            .unwrap_or_else(|| JsError::new("Error", "a batched call failed"));
        (failed as usize, Some(e))
    };
    // JS kept the calls' object results in a list of this run (their result words hold the
    // index): the placeholders Rust still holds get handles (written into their words); the
    // other objects are let go with the list, no handle made or released for them.
    let keep: Vec<u32> = q
        .placeholders
        .iter()
        .filter(|(_, command, ph)| *command < ran && Rc::strong_count(ph) > 1)
        .map(|(word, _, _)| *word as u32)
        .collect();
    crate::transport::keep_batch_results(rt, words, &keep);
    (ran, error)
}

#[cfg(not(target_arch = "wasm32"))]
fn run(q: &mut Queue) -> (usize, Option<crate::JsError>) {
    let _ = q;
    (
        0,
        Some(crate::JsError::new("Error", crate::transport::NO_JS)),
    )
}

/// A batched import, bound on first use: what `#[js_import(.., batch)]` generates.
#[doc(hidden)]
pub struct LazyBatchBinding {
    target: &'static str,
    module: Option<&'static str>,
    params: &'static [Code],
    ret: Code,
    id: AtomicU32,
}

impl LazyBatchBinding {
    #[doc(hidden)]
    pub const fn new(
        target: &'static str,
        module: Option<&'static str>,
        params: &'static [Code],
        ret: Code,
    ) -> LazyBatchBinding {
        LazyBatchBinding {
            target,
            module,
            params,
            ret,
            id: AtomicU32::new(u32::MAX),
        }
    }

    /// The batch binding id, binding on first use.
    #[inline]
    pub fn id(&self) -> core::result::Result<u32, crate::JsError> {
        bound_id(&self.id, || {
            bind(self.target, self.module, self.params, self.ret)
        })
        .map_err(|e| crate::JsError::new(e.js_name(), e.message()))
    }
}

/// The batch binding id kept in `cell` (`u32::MAX` until bound), binding with `bind` on first
/// use: `LazyBatchBinding`'s and `TypedBinding::queue`'s.
#[inline]
pub(crate) fn bound_id(cell: &AtomicU32, bind: impl FnOnce() -> Result<u32>) -> Result<u32> {
    match cell.load(Ordering::Relaxed) {
        u32::MAX => {
            let id = bind()?;
            cell.store(id, Ordering::Relaxed);
            Ok(id)
        }
        id => Ok(id),
    }
}

/// Binds `target` for batched calls: its id in the JS runtime's batch decoders.
pub(crate) fn bind(target: &str, module: Option<&str>, params: &[Code], ret: Code) -> Result<u32> {
    for &c in params {
        if !batch_param(c) {
            return Err(Error::new(
                ErrorKind::Type,
                format!(
                    "{target}: a batched call takes numbers, bool, char, strings, JsObjects and \
                     spans of numbers, not {}",
                    crate::binding::code_name(c)
                ),
            ));
        }
    }
    if ret != crate::JsType::Void as Code && ret != crate::JsType::JsObject as Code {
        return Err(Error::new(
            ErrorKind::Type,
            format!("{target}: a batched call returns nothing or a JsObject"),
        ));
    }
    let id = bind_js(target, module, params, ret)?;
    // A call's words after its id: the result word, then one per integer, bool, char or object,
    // two per f64, string or span.
    let width = usize::from(ret == crate::JsType::JsObject as Code)
        + params
            .iter()
            .map(|&c| {
                let two = c & 0x7f == crate::JsType::Span as Code
                    || matches!(
                        crate::slot::code_type(c),
                        Some(crate::JsType::F32 | crate::JsType::F64 | crate::JsType::String)
                    );
                if two {
                    2
                } else {
                    1
                }
            })
            .sum::<usize>();
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if n.len() <= id as usize {
            n.resize(id as usize + 1, (String::new(), 0));
        }
        n[id as usize] = (target.to_owned(), width);
    });
    Ok(id)
}

/// The target of call `index` of a batch (found by walking the commands before it).
fn command_binding(words: &[u32], index: usize) -> String {
    NAMES.with(|n| {
        let n = n.borrow();
        let mut p = 0;
        for _ in 0..index {
            let Some(&id) = words.get(p) else {
                return String::new();
            };
            p += 1 + n.get(id as usize).map_or(0, |b| b.1);
        }
        words
            .get(p)
            .and_then(|&id| n.get(id as usize))
            .map(|b| b.0.clone())
            .unwrap_or_default()
    })
}

#[cfg(target_arch = "wasm32")]
fn bind_js(target: &str, module: Option<&str>, params: &[Code], ret: Code) -> Result<u32> {
    let rt = crate::runtime::runtime_id()?;
    // Binding resolves the target in JS: the calls queued before it run first (one may define
    // it), as before any other crossing.
    before_crossing();
    crate::transport::bind_batch(rt, target, module.map(str::to_owned), params, ret).map_err(|v| {
        Error::new(
            ErrorKind::Bind,
            crate::transport::js_value_to_error(v).to_string(),
        )
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn bind_js(target: &str, module: Option<&str>, params: &[Code], ret: Code) -> Result<u32> {
    let _ = (target, module, params, ret);
    Err(crate::runtime::runtime_id().unwrap_err().into())
}

/// Whether a parameter code can be queued.
fn batch_param(c: Code) -> bool {
    use crate::JsType as J;
    let base = c & 0x7f;
    if c & crate::slot::NULLABLE != 0 {
        return false;
    }
    if base == J::Span as Code {
        return matches!(
            crate::slot::code_type(c >> crate::slot::CODE_SHIFT),
            Some(J::U8 | J::I8 | J::U16 | J::I16 | J::U32 | J::I32 | J::F32 | J::F64)
        ) && c >> crate::slot::CODE_SHIFT < 0x80;
    }
    c < 0x80
        && matches!(
            crate::slot::code_type(c),
            Some(
                J::I8
                    | J::U8
                    | J::I16
                    | J::U16
                    | J::I32
                    | J::U32
                    | J::ISize
                    | J::USize
                    | J::F32
                    | J::F64
                    | J::Bool
                    | J::Char
                    | J::String
                    | J::JsObject
            )
        )
}

/// Writes one call's arguments (what `#[js_import(.., batch)]`'s `_queued` function and
/// [`TypedBinding::queue`](crate::TypedBinding::queue) use).
#[doc(hidden)]
pub struct Encoder<'q> {
    q: &'q mut Queue,
    /// The call's words, appended to the batch in one go (a local array: no capacity check and
    /// no reload of the batch's length per word).
    buf: &'q mut [u32],
    n: usize,
}

/// The most words a call of `params` parameters takes: its id, a result word, 2 per argument
/// (what `#[js_import(.., batch)]` passes as [`queue`]'s `N`).
#[doc(hidden)]
pub const fn call_words(params: usize) -> usize {
    2 + 2 * params
}

impl<'q> Encoder<'q> {
    #[inline]
    fn push(&mut self, w: u32) {
        self.buf[self.n] = w;
        self.n += 1;
    }

    /// Appends the call's words to the batch.
    #[inline]
    fn finish(self) -> &'q mut Queue {
        self.q.words.extend_from_slice(&self.buf[..self.n]);
        self.q
    }

    /// An integer, `bool` or `char` (as its u32 bits).
    #[inline]
    pub fn word(&mut self, w: u32) {
        self.push(w);
    }

    /// An `f32` or `f64`: its bits, low word first.
    #[inline]
    pub fn f64(&mut self, v: f64) {
        let b = v.to_bits();
        self.push(b as u32);
        self.push((b >> 32) as u32);
    }

    /// A string, copied into the batch.
    pub fn str(&mut self, s: &str) {
        let at = self.q.copy(s.as_bytes());
        self.push(at as u32);
        self.push(s.len() as u32);
    }

    /// A `&'static str`: its address; JS decodes it once and caches it by address.
    pub fn interned(&mut self, s: &'static str) {
        self.push(s.as_ptr() as usize as u32);
        self.push(s.len() as u32 | INTERNED);
    }

    /// A `JsObject` (its handle) or a placeholder.
    pub fn object(&mut self, o: &(impl ObjectArg + ?Sized)) {
        let w = o.batch_word(self.q.generation);
        self.push(w);
    }

    /// A span of numbers, copied into the batch (a read-only view during the call).
    pub fn span<T: ViewElement>(&mut self, s: &[T]) {
        crate::marshal::view::link_views();
        let at = self.q.copy(bytemuck::cast_slice(s));
        self.push(at as u32);
        self.push(s.len() as u32);
    }
}

/// Queues one call of batch binding `id`: `args` writes the arguments. With `object_result`, the
/// call's result is a [`BatchObject`].
///
/// `N`: at least [`call_words`] of the parameter count (the words are gathered in a local array
/// of `N`, then appended at once: no capacity check or length reload per word).
#[doc(hidden)]
#[inline]
pub fn queue<const N: usize>(
    id: u32,
    object_result: bool,
    args: impl FnOnce(&mut Encoder),
) -> Option<BatchObject> {
    let mut buf = [0u32; N];
    let (first, full, ph) = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        let q = &mut *q;
        let command = q.commands;
        q.commands += 1;
        if command == 0 {
            FLUSH_HOOK.with(|h| h.set(Some(implicit_flush)));
        }
        let ph = if object_result {
            // The result word follows the id.
            let word = q.words.len() + 1;
            let ph = Rc::new(RefCell::new(State::Queued {
                generation: q.generation,
                word,
            }));
            q.placeholders.push((word, command, ph.clone()));
            Some(BatchObject(ph))
        } else {
            None
        };
        let mut e = Encoder {
            q,
            buf: &mut buf,
            n: 0,
        };
        e.push(id);
        if object_result {
            e.push(0);
        }
        args(&mut e);
        let q = e.finish();
        (command == 0, q.words.len() >= BATCH_WORDS, ph)
    });
    QUEUED.fetch_add(1, Ordering::Relaxed);
    if first {
        tell_js_queued();
    }
    if full {
        implicit_flush();
    }
    ph
}

mod sealed {
    pub trait Sealed {}
}

/// What a batched call takes for a `JsObject` parameter: a [`JsObject`] or a [`BatchObject`]
/// (sealed).
///
/// ```no_run
/// use slotwire::prelude::*;
/// #[js_import(method = "appendChild", batch)]
/// fn append_child(parent: &JsObject, child: &JsObject);
/// #[js_import("document.createElement", batch)]
/// fn create_element(tag: &'static str) -> JsObject;
///
/// # fn f(body: &JsObject) {
/// let p = create_element_queued("p"); // a BatchObject
/// append_child_queued(body, &p); // a JsObject and a BatchObject
/// # }
/// ```
pub trait ObjectArg: sealed::Sealed {
    #[doc(hidden)]
    fn batch_word(&self, generation: u32) -> u32;
}

impl sealed::Sealed for JsObject {}
impl ObjectArg for JsObject {
    fn batch_word(&self, _generation: u32) -> u32 {
        self.handle()
    }
}

impl sealed::Sealed for BatchObject {}
impl ObjectArg for BatchObject {
    fn batch_word(&self, generation: u32) -> u32 {
        self.word(generation)
    }
}

/// A `&'static str` sent as its address, decoded in JS once per instance (a batched call's
/// interned string; `#[js_import(.., batch)]` uses it for `&'static str` parameters). For a
/// typed binding, a parameter of this type:
///
/// ```no_run
/// use slotwire::batch::Interned;
/// use slotwire::{JsObject, TypedBinding};
/// # fn f() -> slotwire::Result<()> {
/// let create = TypedBinding::<(Interned,), JsObject>::bind("document.createElement", None)?;
/// let div = create.queue((Interned("div"),))?;
/// # let _ = div; Ok(()) }
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Interned(pub &'static str);

/// One argument of a batched call (sealed): numbers, `bool`, `char`, `&str`, [`Interned`],
/// `&JsObject`, `&BatchObject`, spans `&[T]` of numbers.
///
/// ```
/// fn takes<T: slotwire::batch::BatchArg>(_: T) {}
/// takes(1.5f64);
/// takes("a string");
/// takes(&[1u8, 2, 3][..]);
/// ```
pub trait BatchArg: sealed::Sealed {
    #[doc(hidden)]
    fn encode(&self, e: &mut Encoder);
}

macro_rules! word_args {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl BatchArg for $t {
            #[inline]
            fn encode(&self, e: &mut Encoder) {
                e.word(*self as u32);
            }
        }
    )*};
}
word_args!(i8, u8, i16, u16, i32, u32, isize, usize, char);

impl sealed::Sealed for bool {}
impl BatchArg for bool {
    fn encode(&self, e: &mut Encoder) {
        e.word(u32::from(*self));
    }
}
impl sealed::Sealed for f32 {}
impl BatchArg for f32 {
    fn encode(&self, e: &mut Encoder) {
        e.f64(f64::from(*self));
    }
}
impl sealed::Sealed for f64 {}
impl BatchArg for f64 {
    fn encode(&self, e: &mut Encoder) {
        e.f64(*self);
    }
}
impl sealed::Sealed for &str {}
impl BatchArg for &str {
    fn encode(&self, e: &mut Encoder) {
        e.str(self);
    }
}
// SAFETY: as `str`: a `&'static str` outlives any read.
unsafe impl ToJs for Interned {
    const TYPE: JsType = JsType::String;
    #[inline]
    fn write(&self, slot: &mut Slot) {
        self.0.write(slot)
    }
}

impl sealed::Sealed for Interned {}
impl BatchArg for Interned {
    fn encode(&self, e: &mut Encoder) {
        e.interned(self.0);
    }
}
impl sealed::Sealed for &JsObject {}
impl BatchArg for &JsObject {
    fn encode(&self, e: &mut Encoder) {
        e.object(*self);
    }
}
impl sealed::Sealed for &BatchObject {}
impl BatchArg for &BatchObject {
    fn encode(&self, e: &mut Encoder) {
        e.object(*self);
    }
}
impl<T: ViewElement> sealed::Sealed for &[T] {}
impl<T: ViewElement> BatchArg for &[T] {
    fn encode(&self, e: &mut Encoder) {
        e.span(self);
    }
}

/// The arguments of a batched typed binding call: a tuple of [`BatchArg`]s (sealed).
///
/// ```
/// fn takes<A: slotwire::batch::BatchArgs>(_: A) {}
/// takes((1i32, 2u32, "three"));
/// takes(());
/// ```
pub trait BatchArgs: sealed::Sealed {
    #[doc(hidden)]
    fn encode_all(&self, e: &mut Encoder);
}

macro_rules! batch_args {
    ($(($($t:ident $i:tt),*);)*) => {$(
        impl<$($t: BatchArg),*> sealed::Sealed for ($($t,)*) {}
        impl<$($t: BatchArg),*> BatchArgs for ($($t,)*) {
            #[allow(unused_variables)]
            fn encode_all(&self, e: &mut Encoder) {
                $(self.$i.encode(e);)*
            }
        }
    )*};
}
batch_args! {
    ();
    (A 0);
    (A 0, B 1);
    (A 0, B 1, C 2);
    (A 0, B 1, C 2, D 3);
    (A 0, B 1, C 2, D 3, E 4);
    (A 0, B 1, C 2, D 3, E 4, F 5);
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6);
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_strings_f64_and_span_alignment() {
        let mut q = Queue::new(1);
        {
            let mut buf = [0u32; 16];
            let mut e = Encoder {
                q: &mut q,
                buf: &mut buf,
                n: 0,
            };
            e.word(7);
            e.f64(1.5);
            e.str("héllo");
            e.interned("static");
            e.span(&[1.0f32, 2.0][..]);
            e.finish();
        }
        let w = &q.words;
        assert_eq!(w[0], 7);
        assert_eq!(f64::from_bits(u64::from(w[1]) | u64::from(w[2]) << 32), 1.5);
        let (at, len) = (w[3] as usize, w[4] as usize);
        let arena = bytemuck::cast_slice::<u64, u8>(&q.arena);
        assert_eq!(&arena[at..at + len], "héllo".as_bytes());
        assert_eq!(w[6], 6 | INTERNED);
        let (at, len) = (w[7] as usize, w[8] as usize);
        assert_eq!(at % 8, 0, "spans are aligned in the arena");
        assert_eq!(len, 2);
        assert_eq!(
            bytemuck::cast_slice::<u8, f32>(&arena[at..at + 8]),
            &[1.0, 2.0]
        );
        assert_eq!(q.words.len(), 9);
    }

    #[test]
    fn queued_placeholders_are_words_of_their_batch_only() {
        let ph = BatchObject(Rc::new(RefCell::new(State::Queued {
            generation: 5,
            word: 3,
        })));
        assert_eq!(ph.word(5), PLACEHOLDER | 3);
        assert_eq!(ph.word(6), 0, "another batch's placeholder is no object");
        *ph.0.borrow_mut() = State::Failed;
        assert_eq!(ph.word(5), 0);
        assert!(ph.object().is_err());
    }

    #[test]
    fn binding_refuses_types_a_batch_cannot_carry() {
        use crate::JsType as J;
        let e = bind("f", None, &[J::Any as Code], J::Void as Code).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Type);
        assert!(e.message().contains("f: a batched call takes"), "{e}");
        let e = bind("g", None, &[J::I32 as Code], J::F64 as Code).unwrap_err();
        assert!(e.message().contains("returns nothing or a JsObject"), "{e}");
        assert!(batch_param(J::F64 as Code) && batch_param(J::JsObject as Code));
        assert!(!batch_param(J::String.code(true)), "no Option");
    }

    #[test]
    fn natively_a_flush_of_queued_calls_reports_that_there_is_no_js() {
        let ph = queue::<{ call_words(1) }>(0, true, |e| e.word(1)).unwrap();
        assert_eq!(queued(), 1);
        let e = flush().unwrap_err();
        assert_eq!(e.index, 0);
        assert_eq!(queued(), 0);
        assert!(ph.object().is_err(), "its call did not run");
        assert!(flush().is_ok(), "nothing queued, nothing kept");
    }
}

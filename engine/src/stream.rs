//! Byte streams, both ways (Blazor's `IJSStreamReference` / `DotNetStreamReference`); the JS half
//! is `js-runtime/src/stream.js`.
//!
//! - [`JsStream`]: Rust reads a JS byte source — `Uint8Array` (or any typed array, `DataView`),
//!   `ArrayBuffer`, `Blob`/`File`, `ReadableStream` of `Uint8Array`s, `Response` — in chunks, with
//!   a `max_allowed_size`: a source whose size is known and larger is refused when it is opened,
//!   and a `ReadableStream` that goes past it is refused before the chunk that crosses the limit
//!   reaches Rust. No base64 anywhere: chunks cross as bytes.
//! - [`ByteStream`]: JS reads a Rust byte source as a `ReadableStream`; each `pull` asks Rust for
//!   the next chunk, the end or `cancel()` frees the source.
//!
//! ```no_run
//! use slotwire::prelude::*;
//! use slotwire::stream::{ByteStream, JsStream};
//!
//! // JS: await rt.exports.upload_size(file)   (a File from an <input type=file>)
//! #[js_export]
//! async fn upload_size(file: JsObject) -> Result<u32, slotwire::Error> {
//!     let mut s = JsStream::open(&file, 10 << 20).await?; // at most 10 MiB
//!     let mut n = 0;
//!     while let Some(chunk) = s.next_chunk().await? {
//!         n += chunk.len() as u32;
//!     }
//!     Ok(n)
//! }
//!
//! // JS: const stream = rt.exports.numbers(); for await (const chunk of stream) ...
//! #[js_export]
//! fn numbers() -> ByteStream {
//!     ByteStream::from_iter((0u8..4).map(|i| vec![i; 1024]))
//! }
//! ```

use crate::prelude::*;
use crate::{Error, ErrorKind, Result, RustObject, RustRef};

/// Bytes per chunk [`JsStream`] asks for, unless told otherwise
/// ([`JsStream::open_chunked`] takes another size).
///
/// ```no_run
/// use slotwire::prelude::*;
/// use slotwire::stream::{JsStream, DEFAULT_CHUNK};
///
/// # async fn f(file: &JsObject) -> slotwire::Result<()> {
/// // Twice the default chunk: fewer crossings for a large file.
/// let mut s = JsStream::open_chunked(file, 64 << 20, 2 * DEFAULT_CHUNK).await?;
/// while let Some(chunk) = s.next_chunk().await? {
///     assert!(chunk.len() <= 2 * DEFAULT_CHUNK as usize);
/// }
/// # Ok(()) }
/// ```
pub const DEFAULT_CHUNK: u32 = 64 * 1024;

#[js_import("streamOpen", module = "__slotwire")]
fn stream_open(source: &JsObject, max: f64, chunk: u32) -> core::result::Result<JsObject, JsError>;
#[js_import("streamSize", module = "__slotwire")]
fn stream_size(reader: &JsObject) -> f64;
#[js_import("streamNext", module = "__slotwire")]
async fn stream_next(reader: &JsObject) -> core::result::Result<Option<Vec<u8>>, JsError>;

/// A JS byte source read from Rust in chunks.
///
/// ```no_run
/// # async fn f(o: slotwire::JsObject) -> slotwire::Result<()> {
/// // `o` a Blob, a ReadableStream, a Uint8Array, ... (from an import or an export argument)
/// let mut s = slotwire::stream::JsStream::open(&o, 1 << 20).await?;
/// while let Some(chunk) = s.next_chunk().await? {
///     let _ = chunk.len();
/// }
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct JsStream {
    reader: JsObject,
    size: Option<u64>,
    read: u64,
    max: u64,
}

impl JsStream {
    /// Opens `source` for reading at most `max_allowed_size` bytes, in chunks of 64 KiB.
    /// A source of known size beyond the limit is an error of kind [`ErrorKind::Range`] here,
    /// before anything is read; something that is not a byte source is an [`ErrorKind::Type`].
    pub async fn open(source: &JsObject, max_allowed_size: u64) -> Result<JsStream> {
        JsStream::open_chunked(source, max_allowed_size, DEFAULT_CHUNK).await
    }

    /// [`open`](JsStream::open) with chunks of at most `chunk` bytes.
    pub async fn open_chunked(
        source: &JsObject,
        max_allowed_size: u64,
        chunk: u32,
    ) -> Result<JsStream> {
        // The stream readers are Rust objects' snippet's (js/slotwire-objects.js): linked here.
        #[cfg(target_arch = "wasm32")]
        crate::transport::objects_linked();
        let reader = stream_open(source, max_allowed_size as f64, chunk).map_err(js_to_error)?;
        let size = stream_size(&reader);
        Ok(JsStream {
            reader,
            size: (size >= 0.0).then_some(size as u64),
            read: 0,
            max: max_allowed_size,
        })
    }

    /// The source's size in bytes, when it is known (not for a `ReadableStream`).
    ///
    /// ```no_run
    /// # async fn f(s: slotwire::stream::JsStream) {
    /// if let Some(n) = s.size() {
    ///     println!("{n} bytes to come");
    /// }
    /// # }
    /// ```
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    /// Bytes read so far.
    ///
    /// ```no_run
    /// # async fn f(mut s: slotwire::stream::JsStream) -> slotwire::Result<()> {
    /// while let Some(chunk) = s.next_chunk().await? {
    ///     let _ = chunk;
    /// }
    /// println!("read {} bytes", s.bytes_read());
    /// # Ok(()) }
    /// ```
    pub fn bytes_read(&self) -> u64 {
        self.read
    }

    /// The next chunk, or `None` at the end. Going past `max_allowed_size` is an error of kind
    /// [`ErrorKind::Range`] (the chunk that would cross it is not returned).
    pub async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>> {
        let chunk = stream_next(&self.reader).await.map_err(js_to_error)?;
        if let Some(c) = &chunk {
            let total = self.read + c.len() as u64;
            if total > self.max {
                return Err(Error::new(
                    ErrorKind::Range,
                    format!(
                        "stream exceeds max_allowed_size ({} bytes) after {} bytes",
                        self.max, self.read
                    ),
                ));
            }
            self.read = total;
        }
        Ok(chunk)
    }

    /// Reads everything that is left.
    pub async fn read_all(mut self) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(self.size.unwrap_or(0).min(self.max) as usize);
        while let Some(c) = self.next_chunk().await? {
            out.extend_from_slice(&c);
        }
        Ok(out)
    }
}

/// A JS exception from the stream functions as an [`Error`]: RangeError → [`ErrorKind::Range`],
/// TypeError → [`ErrorKind::Type`], anything else → [`ErrorKind::Js`].
fn js_to_error(e: JsError) -> Error {
    let kind = match e.name.as_str() {
        "RangeError" => ErrorKind::Range,
        "TypeError" => ErrorKind::Type,
        _ => ErrorKind::Js,
    };
    Error::new(kind, e.message)
}

/// The Rust object behind a [`ByteStream`]: the source of chunks. JS never sees it by name; it
/// is what [`ByteStream::from_iter`] wraps, and what `pull()` on the JS side asks for a chunk.
///
/// ```
/// use slotwire::stream::ByteStream;
///
/// // Two chunks, then the end: a ByteSource behind the stream.
/// let s = ByteStream::from_iter([b"ab".to_vec(), b"c".to_vec()]);
/// # let _ = s;
/// ```
pub struct ByteSource(
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] Box<dyn FnMut() -> Option<Vec<u8>>>,
);

/// A Rust byte source JS reads as a `ReadableStream` (returned from an export, passed to an
/// import, or as a promise value). Each `pull` takes the next chunk; empty chunks are skipped.
///
/// ```no_run
/// use slotwire::prelude::*;
/// use slotwire::stream::ByteStream;
///
/// #[js_export] // JS: a ReadableStream of three chunks
/// fn numbers() -> ByteStream {
///     ByteStream::from_iter((0u8..3).map(|i| vec![i; 4]))
/// }
/// ```
pub struct ByteStream(RustObject<ByteSource>);

/// The type name JS recognises ByteStream objects by (js-runtime/src/stream.js).
const TYPE_NAME: &str = "SlotwireByteStream";

impl ByteStream {
    /// A stream of the chunks `chunks` yields.
    ///
    /// ```
    /// let s = slotwire::stream::ByteStream::from_iter(vec![vec![1u8, 2], vec![3]]);
    /// # drop(s);
    /// ```
    #[allow(clippy::should_implement_trait)]
    pub fn from_iter<I>(chunks: I) -> ByteStream
    where
        I: IntoIterator<Item = Vec<u8>>,
        I::IntoIter: 'static,
    {
        let mut it = chunks.into_iter();
        ByteStream(RustObject::new(
            TYPE_NAME,
            ByteSource(Box::new(move || it.by_ref().find(|c| !c.is_empty()))),
        ))
    }

    /// A stream of `bytes`, in chunks of `chunk` bytes (64 KiB if 0).
    ///
    /// ```
    /// let s = slotwire::stream::ByteStream::from_bytes(vec![7u8; 100_000], 0);
    /// # drop(s);
    /// ```
    pub fn from_bytes(bytes: Vec<u8>, chunk: usize) -> ByteStream {
        let chunk = if chunk == 0 {
            DEFAULT_CHUNK as usize
        } else {
            chunk
        };
        let mut at = 0;
        ByteStream(RustObject::new(
            TYPE_NAME,
            ByteSource(Box::new(move || {
                if at >= bytes.len() {
                    return None;
                }
                let end = (at + chunk).min(bytes.len());
                let c = bytes[at..end].to_vec();
                at = end;
                Some(c)
            })),
        ))
    }
}

// SAFETY: what `RustObject` writes.
unsafe impl crate::ToJs for ByteStream {
    const TYPE: crate::JsType = crate::JsType::RustObject;
    fn write(&self, slot: &mut crate::slot::Slot) {
        // JS pulls from the stream it makes of this proxy: its `pull` is there before JS reads
        // the slot.
        publish_pull();
        self.0.write(slot)
    }
    fn owned_flags(&self) -> u8 {
        self.0.owned_flags()
    }
    fn retain(self) {
        self.0.retain()
    }
}

/// The next chunk of a [`ByteStream`] (what the JS `ReadableStream` pulls): the export
/// `SlotwireByteStream.pull` (`rt.exports.SlotwireByteStream.pull(proxy)`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn byte_stream_pull(this: RustRef<ByteSource>) -> Option<Vec<u8>> {
    let mut source = this.borrow_mut();
    (source.0)()
}

/// `byte_stream_pull` as an export: not a wasm export (`#[js_export]` makes one, which every app
/// would link), but published to each runtime with the first [`ByteStream`] that crosses
/// ([`publish_pull`]), so an app that streams nothing to JS links none of it. What `#[js_export]`
/// generates for `fn pull(this: RustRef<ByteSource>) -> Option<Vec<u8>>`, written out.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static PULL: crate::export::ExportDescriptor = crate::export::ExportDescriptor {
    name: "SlotwireByteStream.pull",
    params: &[<RustRef<ByteSource> as crate::FromJsArg<'_>>::CODE],
    param_names: "this",
    ret: <Option<Vec<u8>> as crate::ToJs>::CODE,
    func: pull_wrapper,
    fast: false,
};

/// [`PULL`]'s wrapper.
///
/// # Safety
///
/// `slots` holds the argument JS wrote for `PULL.params` (a Rust object's handle) after
/// [`crate::slot::ARG0`].
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn pull_wrapper(slots: &mut [crate::slot::Slot]) -> u32 {
    let (head, args) = slots.split_at_mut(crate::slot::ARG0);
    // SAFETY: the caller's guarantee: JS wrote this parameter's code into the slot.
    let this = match unsafe { <RustRef<ByteSource> as crate::FromJsArg<'_>>::read_arg(&args[0]) } {
        Ok(v) => v,
        Err(e) => return crate::export::arg_error(head, &PULL, 0, e),
    };
    crate::marshal::finish(byte_stream_pull(this), head)
}

/// Publishes [`PULL`] to the runtime, once per runtime.
fn publish_pull() {
    #[cfg(target_arch = "wasm32")]
    {
        thread_local! {
            /// The runtime `pull` was published to, or 0.
            static PUBLISHED_TO: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
        }
        crate::export::publish(&PUBLISHED_TO, &PULL);
    }
}

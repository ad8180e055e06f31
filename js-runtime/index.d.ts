// TypeScript declarations of slotwire's JS runtime, for both entry points of the package:
// "slotwire" (lib/app.js, what applications import: after `load()` its classes are the loaded
// glue's runtime's) and "slotwire/runtime" (src/index.js, the runtime module itself). The runtime
// is plain JavaScript; these describe what applications use: `load`, `Runtime`, `SlotwireError`,
// `MemoryView`, `T`, the record readers. The `sw*` functions (src/transport.js) are called by the
// Rust half only and are not declared.

/** The package's version; `load()` refuses a glue whose runtime (the crate's) is another. */
export declare const VERSION: string;

/**
 * A JS value as it crosses to or from Rust, by the Rust type:
 *
 * | Rust                                   | JS                                         |
 * | -------------------------------------- | ------------------------------------------ |
 * | `bool`                                 | `boolean`                                  |
 * | `u8` `i8` `u16` `i16` `u32` `i32` `usize` `isize` | `number` (an integer in range, else RangeError) |
 * | `f32` `f64`                            | `number` (f32: rounded; too large is a RangeError) |
 * | `i64` `u64`                            | `bigint` (a safe-integer `number` is accepted too) |
 * | `i64` `u64` with `#[js(number)]`       | `number`, a safe integer (\|x\| ≤ 2^53 − 1)  |
 * | `char`                                 | a `string` of one code point               |
 * | `String` / `&str`                      | `string`                                   |
 * | `JsDate` / `SystemTime`                | `Date`                                     |
 * | `Option<T>`                            | `T`, or `null` (`undefined` accepted)      |
 * | `()`                                   | `undefined`                                |
 */
export type SlotwireValue = boolean | number | bigint | string | Date | null | undefined;

/**
 * A `#[js_export]` Rust function as JS sees it. It checks its arguments (count, type, range)
 * before calling Rust and throws a `TypeError` or `RangeError` naming the function and the
 * argument (`"add: argument 2 (b): expected i32 (a number), got string \"x\""`). An `Err`
 * returned by Rust is thrown as an `Error` with its message. Trailing `Option` parameters may be
 * left out.
 */
export type ExportFunction = (...args: any[]) => any;

/**
 * One entry of untyped {@link Exports}: callable (an export function) and indexable (a namespace
 * of them), since TypeScript cannot know which a name is. Pass your own shape to {@link load} for
 * checked calls.
 */
export interface ExportEntry {
  (...args: any[]): any;
  readonly [name: string]: ExportEntry;
}

/**
 * `rt.exports`: every `#[js_export]` function of the instance (and every run-time export). A
 * dotted export name makes namespaces: `"math.add"` is `rt.exports.math.add`.
 */
export interface Exports {
  readonly [name: string]: ExportEntry;
}

/**
 * The JS runtime of one wasm instance that uses slotwire: its exports, the ES modules its
 * `#[js_import(.., module = "name")]` functions are bound to, and whether a panic poisoned it.
 *
 * Applications get it from {@link load}; from Rust, `slotwire::runtime()` returns the same object.
 *
 * @typeParam E the shape of {@link Runtime.exports}, for typed calls:
 * `load<{ add(a: number, b: number): number }>("./pkg/app.js")`.
 */
export declare class Runtime<E extends object = Exports> {
  /**
   * Made by slotwire when the Rust half attaches (on its first crossing); applications do not
   * construct runtimes themselves.
   *
   * @param id the runtime's id among the runtimes of this JS realm
   * @param memory the instance's memory
   * @param wasm the instance's raw exports (`slotwire_call`, `slotwire_alloc`, ...)
   */
  constructor(id: number, memory: WebAssembly.Memory, wasm: WebAssembly.Exports);

  /** The runtime's id (what Rust's transport refers to it by). */
  readonly id: number;

  /** The wasm instance's linear memory, which every value crosses through. */
  readonly memory: WebAssembly.Memory;

  /**
   * Every `#[js_export]` function, dotted names as namespaces.
   *
   * @example
   * const rt = await load("./pkg/app.js");
   * rt.exports.add(2, 3);          // 5
   * rt.exports.math.mul(2, 3);     // #[js_export(name = "math.mul")]
   */
  readonly exports: E;

  /**
   * The message of the panic that poisoned the instance (`"msg (at src/lib.rs:3:5)"`), or
   * `null`. Once set, every export call throws a {@link SlotwireError}
   * `"instance poisoned by panic: <message>"`: after a panic the instance's state cannot be
   * trusted, so the page should reload it.
   */
  poisoned: string | null;

  /**
   * Loads an ES module under `name`, for `#[js_import(.., module = "name")]` functions (the
   * counterpart of .NET's `JSHost.ImportAsync`). Load it before the first call of such an import.
   *
   * Loading a name again returns the first promise and keeps the first module. If loading fails
   * the promise rejects with a {@link SlotwireError} (the loader's error as its `cause`) and the
   * name may be loaded again.
   *
   * @param name the module name the Rust imports use
   * @param spec a URL (a relative one resolves against the page, or the working directory in
   *   Node), or an object to use as the module itself
   * @returns the module namespace (or the object)
   *
   * @example
   * await rt.importModule("interop", "./interop.js");
   * await rt.importModule("shims", { alert: (s) => console.log(s) });
   */
  importModule(name: string, spec: string | URL | object): Promise<any>;

  /** The error every call throws once the instance is poisoned. */
  poisonError(): SlotwireError;

  /**
   * A fresh zeroed buffer of `length` elements in wasm memory, as a segment {@link MemoryView}:
   * fill it and pass it to an export taking a `Segment<T>` — no copy. `dispose()` it when done.
   *
   * @example
   * const v = rt.allocSegment("f64", 3);
   * v.set([1, 2, 3]);
   * rt.exports.sum_segment(v); // #[js_export] fn sum_segment(s: Segment<f64>) -> f64
   * v.dispose();
   */
  allocSegment<K extends ViewElementType>(elemType: K, length: number): MemoryView<K>;

  /** Live handles by kind, to compare with Rust's `slotwire::census()` in leak tests. */
  census(): {
    jsObjects: number;
    closures: number;
    promises: number;
    asyncExports: number;
    rustObjects: number;
    segments: number;
  };
}

/**
 * An error raised by slotwire itself rather than by the called code: a poisoned instance, a
 * binding that cannot be made (`module "x" was never loaded`, a type not supported yet), a slot
 * layout mismatch between the Rust and JS halves, a module that failed to load.
 *
 * Argument errors are plain `TypeError`/`RangeError`s; errors from Rust code are `Error`s (or
 * `TypeError`/`RangeError` when Rust says so).
 */
export declare class SlotwireError extends Error {
  constructor(message?: string, options?: { cause?: unknown });
  /** Always `"SlotwireError"`. */
  name: string;
}

/**
 * The type codes of values in slots, by the names Rust's `JsType::name` gives them (frozen). Used
 * by low-level bindings; a code with the `0x80` bit set is the `Option` of that type. Codes from
 * 32 up are reserved for values that cross by handle or by view.
 *
 * @example
 * T.i32;          // 7
 * T.string | 0x80 // Option<String>
 */
export declare const T: Readonly<{
  readonly void: 0;
  readonly bool: 1;
  readonly u8: 2;
  readonly i8: 3;
  readonly u16: 4;
  readonly i16: 5;
  readonly u32: 6;
  readonly i32: 7;
  readonly f32: 8;
  readonly f64: 9;
  readonly char: 10;
  readonly usize: 11;
  readonly isize: 12;
  readonly i64: 13;
  readonly u64: 14;
  readonly i64_number: 15;
  readonly u64_number: 16;
  readonly string: 17;
  readonly date: 18;
  readonly error: 19;
  readonly object: 32;
  readonly rust_object: 33;
  readonly function: 34;
  readonly promise: 35;
  readonly span: 36;
  readonly segment: 37;
  readonly array: 38;
  readonly record: 39;
  readonly any: 40;
  readonly span_mut: 41;
  readonly array_of_array: 42;
  readonly array_of_option_array: 43;
}>;

/** The element type of a {@link MemoryView}: the Rust element type's name. */
export type ViewElementType = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "u64" | "i64" | "f32" | "f64";

/** The typed array of each {@link ViewElementType}. */
export interface ViewTypedArrays {
  u8: Uint8Array;
  i8: Int8Array;
  u16: Uint16Array;
  i16: Int16Array;
  u32: Uint32Array;
  i32: Int32Array;
  u64: BigUint64Array;
  i64: BigInt64Array;
  f32: Float32Array;
  f64: Float64Array;
}

/** The JS value of one element: `bigint` for `u64`/`i64`, `number` otherwise. */
export type ViewElementValue<K extends ViewElementType> = K extends "u64" | "i64" ? bigint : number;

/** The element types of MemoryViews: typed array constructor, bytes per element, type code. */
export declare const VIEW_TYPES: Readonly<Record<ViewElementType, { name: ViewElementType; ctor: Function; size: number; code: number; big: boolean }>>;

/**
 * A window on a Rust slice or buffer in wasm linear memory, without copying
 * (`js-runtime/src/memory-view.js`; .NET's `IMemoryView`). The runtime makes them:
 *
 * - a **span** (`kind: "span"`) for a `&[T]` / `&mut [T]` argument is valid only during the call
 *   that passed it: after the call returns, every member throws;
 * - a **segment** (`kind: "segment"`) for a `slotwire::Segment<T>` lives until {@link dispose}
 *   (or until it is garbage-collected), which lets Rust free the buffer.
 *
 * The class is the view runtime's, a snippet of its own (`slotwire-views.js`) that the glue
 * loads when the app's wasm passes a span or a `Segment`: from "slotwire", after `load()`, it is
 * that snippet's, and `undefined` for an app whose wasm passes none (which can then make no view:
 * `rt.allocSegment` throws saying so). "slotwire/runtime" always has it.
 *
 * The view keeps no typed array: each member makes a fresh one, so `memory.grow` never makes it
 * stale. After {@link dispose} every member but `isDisposed`, `dispose` and `toString` throws a
 * {@link SlotwireError} (`"MemoryView.get: the MemoryView (segment of 4 i32) was disposed"`).
 *
 * @example
 * const v = rt.exports.make_samples();   // -> Segment<f32>
 * v.set(new Float32Array([1, 2, 3]), 1); // writes Rust's buffer
 * v.slice(0, 2);                         // Float32Array copy
 * v.dispose();
 */
export declare class MemoryView<K extends ViewElementType = ViewElementType> implements Iterable<ViewElementValue<K>> {
  /** Number of elements. */
  readonly length: number;
  /** Number of bytes: `length` × the element size. */
  readonly byteLength: number;
  /** The element type. */
  readonly elementType: K;
  /** `"span"`: valid during one call; `"segment"`: valid until `dispose()`. */
  readonly kind: "span" | "segment";
  /** Whether the view was disposed (never throws). */
  readonly isDisposed: boolean;
  /** Whether `set` is refused: a span of a Rust `&[T]` (Rust lent it shared). */
  readonly readOnly: boolean;
  /** Ends the view (a segment: Rust may free the buffer). Calling it again does nothing. */
  dispose(): void;
  /**
   * Writes all of `source` from element `targetOffset` (default 0). `source`: a typed array of
   * this element type, an Array (integers in range; bigints or safe integers for 64-bit types),
   * or a MemoryView of the same type.
   * @throws TypeError another element type; RangeError an offset outside [0, length], or a
   *   source that does not fit (nothing is written then)
   */
  set(source: ViewTypedArrays[K] | ArrayLike<number | bigint> | MemoryView<K>, targetOffset?: number): void;
  /**
   * Copies elements [sourceOffset, length) into `target` from index 0 (.NET's `copyTo`).
   * @throws TypeError another element type; RangeError `target` too short or a bad offset
   */
  copyTo(target: ViewTypedArrays[K], sourceOffset?: number): void;
  /** A copy of elements [start, end), indices as `TypedArray.prototype.slice`. */
  slice(start?: number, end?: number): ViewTypedArrays[K];
  /** Element `i` in [0, length); RangeError otherwise. */
  get(i: number): ViewElementValue<K>;
  /** Element `i`, negative from the end; RangeError out of range. */
  at(i: number): ViewElementValue<K>;
  /**
   * A fresh zero-copy typed array over the elements. It goes stale (detached: length 0) when the
   * memory grows — any call into Rust may grow it — and when the view ends (a span's call
   * returns; a segment's `dispose()`, which detaches every typed array over the memory), so it
   * never writes freed memory: use it right away and take a fresh one after calling Rust.
   * On a read-only view (a Rust `&[T]`) it is a copy: JS cannot write Rust's shared slice (read
   * in place with `get`, `at` or iteration).
   */
  typedArray(): ViewTypedArrays[K];
  /** `"MemoryView(segment of 4 i32)"`. */
  toString(): string;
  readonly [Symbol.toStringTag]: "MemoryView";
  /** The elements in order (`for (const x of view)`), each read when the iteration reaches it. */
  [Symbol.iterator](): IterableIterator<ViewElementValue<K>>;
}

/**
 * Instantiates a wasm-bindgen module whose crate uses slotwire, and returns its {@link Runtime}.
 * Works in browsers and in Node (where a `file:` wasm is read from disk, as Node's `fetch`
 * cannot), with `--target web` glue (a URL or the module; instantiated here) or `--target
 * bundler` glue (the imported module, which the bundler instantiated: no `wasm` argument).
 *
 * @param glue the glue module's URL (a relative one resolves against the page, or the working
 *   directory in Node), or the imported glue module itself
 * @param wasm the `.wasm` as a URL, bytes, a `WebAssembly.Module` or a `Response`; by default the
 *   `_bg.wasm` file next to the glue
 * @throws TypeError (rejected) when `glue` is not a wasm-bindgen module
 * @throws SlotwireError (rejected) when the module does not use slotwire, or its slot layout
 *   differs from this runtime's
 *
 * @example
 * import { load } from "slotwire";
 * const rt = await load("./pkg/app.js");   // app_bg.wasm next to it
 * rt.exports.add(2, 3);
 */
export declare function load<E extends object = Exports>(
  glue: string | URL | { default: (init?: unknown) => unknown } | { __slotwire_runtime: () => unknown },
  wasm?: string | URL | BufferSource | WebAssembly.Module | Response,
): Promise<Runtime<E>>;

// ---- Records (src/record.js) ----------------------------------------------------------------
//
// The readers of Rust records in wasm memory: Pod records (`#[derive(JsRecord)]`) and rkyv 0.8
// archives (`#[derive(JsArchive)]`, default format: little endian, aligned, 32-bit relative
// pointers). The descriptors are the parsed JSON of Rust's `RecordLayout::to_json()` /
// `slotwire::record::archive_descriptor::<T>()`. These are the exports of `src/record.js`; the
// runtime passes `&[T]` records to JS as `RecordView`s. They are a snippet of their own
// (`slotwire-records.js`), which the glue loads when the app's wasm uses records (a record type
// crossing, or a descriptor made for JS): from "slotwire", after `load()`, they are that
// snippet's, and `undefined` for an app whose wasm uses none ("slotwire/runtime" always has them).

/** A ReadableStream over a Rust `ByteStream` proxy (the runtime does this for ByteStream values). */
export declare function toReadableStream(proxy: object): ReadableStream<Uint8Array>;

/** A scalar's descriptor. `bool` and `char` occur only in archives. */
export interface ScalarDescriptor {
  type: "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "u64" | "i64" | "f32" | "f64" | "bool" | "char";
  size: number;
  align: number;
}

/** A record's descriptor: fields at fixed byte offsets. */
export interface RecordDescriptor {
  type: "record";
  kind: "pod" | "archive";
  /** The Rust type's name. */
  name: string;
  size: number;
  align: number;
  fields: { name: string; offset: number; type: TypeDescriptor }[];
}

/** The descriptor of any supported type (see engine/src/record.rs for the byte layouts). */
export type TypeDescriptor =
  | ScalarDescriptor
  | RecordDescriptor
  | { type: "array"; size: number; align: number; len: number; of: TypeDescriptor }
  | { type: "string"; size: 8; align: number }
  | { type: "vec"; size: 8; align: number; of: TypeDescriptor }
  | { type: "option"; size: number; align: number; valueOffset: number; of: TypeDescriptor };

/**
 * A record read in place: one getter per field (u64/i64 as `bigint`, `[T; N]` as a fresh Array,
 * `Vec<T>` as an {@link ArchiveVec}, `Option<T>` as the value or `null`, nested records as
 * accessors). Fresh at every `get(i)`; reads memory at each access; throws a
 * {@link SlotwireError} once its view is disposed.
 */
export interface RecordAccessor {
  /** The record's address in wasm memory. */
  readonly base: number;
  /** A plain object; 64-bit integers as numbers when safe integers, decimal strings otherwise. */
  toJSON(): Record<string, unknown>;
  readonly [field: string]: any;
}

/** The reader of one record layout, built once per descriptor by {@link recordReader}. */
export declare class RecordReader {
  private constructor();
  readonly descriptor: RecordDescriptor;
  /** The cache key (the descriptor's JSON). */
  readonly key: string;
  readonly name: string;
  readonly kind: "pod" | "archive";
  readonly size: number;
  readonly align: number;
  /** The accessor class: one getter per field on its prototype. */
  readonly Accessor: new (...args: any[]) => RecordAccessor;
}

/**
 * The reader of a record descriptor, built once (generated code, or closures where a CSP forbids
 * `new Function`): the same or an equal descriptor returns the same reader.
 * @throws SlotwireError for a malformed descriptor (unknown type, field outside the record, a
 *   reserved field name: `base`, `toJSON`, `constructor`, `__proto__`)
 */
export declare function recordReader(descriptor: RecordDescriptor | RecordReader): RecordReader;

/** Field names a record may not use in JS (the accessor's own members). */
export declare const RESERVED_FIELD_NAMES: readonly string[];

/**
 * `&[T]` of a Pod record in wasm memory.
 *
 * @example
 * const view = new RecordView(memory, ptr, len, recordReader(JSON.parse(descriptorJson)));
 * view.get(0).x; view.length; [...view]; JSON.stringify(view);
 */
export declare class RecordView<A = RecordAccessor> implements Iterable<A> {
  /**
   * @throws RangeError when `ptr` is misaligned or the records are outside the memory
   * @throws TypeError for an archive descriptor
   */
  constructor(memory: WebAssembly.Memory, ptr: number, length: number, reader: RecordReader | RecordDescriptor);
  readonly reader: RecordReader;
  readonly ptr: number;
  readonly length: number;
  readonly byteLength: number;
  readonly isDisposed: boolean;
  /** A fresh accessor for record `i`. @throws RangeError outside `[0, length)` */
  get(i: number): A;
  [Symbol.iterator](): Iterator<A>;
  /** Plain objects with exact values (`bigint` for 64-bit integers), copied out of memory. */
  toArray(): Record<string, unknown>[];
  /** Plain objects for JSON (64-bit integers: numbers when safe, decimal strings otherwise). */
  toJSON(): Record<string, unknown>[];
  /** Ends the view: it and its accessors throw a SlotwireError afterwards. */
  dispose(): void;
}

/** An archived `Vec<T>`: its elements, read lazily. */
export declare class ArchiveVec<T = any> implements Iterable<T> {
  private constructor();
  readonly length: number;
  readonly isDisposed: boolean;
  /** @throws RangeError outside `[0, length)` */
  get(i: number): T;
  [Symbol.iterator](): Iterator<T>;
  /** Plain values, exact (`bigint` for 64-bit integers). */
  toArray(): unknown[];
  /** Plain values for JSON. */
  toJSON(): unknown[];
  /** Ends the whole archive this vec belongs to. */
  dispose(): void;
}

/**
 * The root of an rkyv archive of `byteLength` bytes at `ptr` (the root is at its end): an
 * {@link ArchiveVec} for a `Vec<T>`, an accessor for a struct, the value for a string or scalar.
 * Relative pointers are checked to stay inside the archive.
 * @throws RangeError for a region outside memory, a misaligned root, or (when reading) a pointer
 *   leaving the archive; TypeError for an invalid Option tag
 */
export declare function archiveView(
  memory: WebAssembly.Memory,
  ptr: number,
  byteLength: number,
  descriptor: TypeDescriptor,
): any;

/** Disposes the view behind a RecordView, ArchiveVec or accessor (all of its archive). */
export declare function disposeView(view: object): void;

/** Whether the view behind a RecordView, ArchiveVec or accessor is disposed. */
export declare function isDisposedView(view: object): boolean;

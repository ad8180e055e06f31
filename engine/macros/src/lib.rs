//! `#[js_import]`, `#[js_export]`, `#[derive(JsRecord)]` and `#[derive(JsArchive)]` for slotwire.
//! See the `slotwire` crate for documentation.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
mod record;
// The reference tests of the expansions (tests/reference/): they call this crate's expansion functions.
#[cfg(test)]
#[path = "../tests/reference/mod.rs"]
mod reference_tests;

use syn::{
    Attribute, FnArg, ForeignItemFn, GenericArgument, Ident, ItemFn, LitStr, Pat, PathArguments,
    ReturnType, Token, Type,
};

/// Options: `"target"`, `module = "name"`, `js_name = "name"`, `number_result`/`bigint_result`,
/// and for imports `getter = "prop"` / `setter = "prop"` / `method = "name"`.
#[derive(Default)]
struct Opts {
    target: Option<LitStr>,
    module: Option<LitStr>,
    js_name: Option<LitStr>,
    result_repr: Option<Repr>,
    accessor: Option<(Accessor, LitStr)>,
    /// `batch`: an import also queued (`<name>_queued`, see `slotwire::batch`).
    batch: bool,
}

/// An import that is a property access or method call on its first argument (a `JsObject`).
#[derive(Clone, Copy, PartialEq)]
enum Accessor {
    Getter,
    Setter,
    Method,
}

impl Accessor {
    /// The option's name, and the prefix of the target the JS runtime resolves
    /// (`js-runtime/src/imports.js` `accessorTarget`).
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Accessor::Getter => ("getter", "@get:"),
            Accessor::Setter => ("setter", "@set:"),
            Accessor::Method => ("method", "@method:"),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Repr {
    Number,
    BigInt,
}

impl Parse for Opts {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut o = Opts::default();
        if input.peek(LitStr) {
            o.target = Some(input.parse()?);
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            match key.to_string().as_str() {
                "module" => {
                    input.parse::<Token![=]>()?;
                    o.module = Some(input.parse()?);
                }
                "js_name" | "name" => {
                    input.parse::<Token![=]>()?;
                    o.js_name = Some(input.parse()?);
                }
                "number_result" => o.result_repr = Some(Repr::Number),
                "batch" => o.batch = true,
                "bigint_result" => o.result_repr = Some(Repr::BigInt),
                k @ ("getter" | "setter" | "method") => {
                    input.parse::<Token![=]>()?;
                    let name: LitStr = input.parse()?;
                    if o.accessor.is_some() {
                        return Err(syn::Error::new(
                            key.span(),
                            "one of getter, setter or method, once",
                        ));
                    }
                    let a = match k {
                        "getter" => Accessor::Getter,
                        "setter" => Accessor::Setter,
                        _ => Accessor::Method,
                    };
                    o.accessor = Some((a, name));
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{other}` (expected module = \"..\", js_name = \"..\", \
                             getter/setter/method = \"..\", number_result, bigint_result or batch)"
                        ),
                    ))
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(o)
    }
}

/// Takes `#[js(number)]` / `#[js(bigint)]` off a parameter.
fn take_repr(attrs: &mut Vec<Attribute>) -> syn::Result<Option<Repr>> {
    let mut repr = None;
    let mut err = None;
    attrs.retain(|a| {
        if !a.path().is_ident("js") {
            return true;
        }
        let r = a.parse_nested_meta(|m| {
            if m.path.is_ident("number") {
                repr = Some(Repr::Number);
                Ok(())
            } else if m.path.is_ident("bigint") {
                repr = Some(Repr::BigInt);
                Ok(())
            } else {
                Err(m.error("expected #[js(number)] or #[js(bigint)]"))
            }
        });
        if let Err(e) = r {
            err = Some(e);
        }
        false
    });
    match err {
        Some(e) => Err(e),
        None => Ok(repr),
    }
}

fn with_repr(code: TokenStream2, repr: Option<Repr>) -> TokenStream2 {
    match repr {
        None => code,
        Some(Repr::Number) => quote!(::slotwire::__private::as_number(#code)),
        Some(Repr::BigInt) => quote!(::slotwire::__private::as_bigint(#code)),
    }
}

/// `Result<T, ..>` → `Some(T)`.
fn result_ok_type(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

struct Param {
    ident: Ident,
    ty: Type,
    repr: Option<Repr>,
}

/// What a parameter or result is on the fast path (typed trampolines, see `slotwire::fast`).
#[derive(Clone, Copy, PartialEq)]
enum Fast {
    /// i8 u8 i16 u16 i32 u32 isize usize: a wasm i32.
    Int,
    Bool,
    Char,
    F32,
    F64,
    /// `&str`: pointer and length, two wasm i32s.
    Str,
    /// `JsObject` / `&JsObject` (import arguments and results): an externref (a
    /// `wasm_bindgen::JsValue`), as wasm-bindgen's imports pass objects.
    Obj,
    /// `&[T]` / `&mut [T]` of a number type (import arguments only): pointer and length, two
    /// wasm i32s; JS makes the call-scoped MemoryView.
    Span,
    /// `String` (import results only): JS encodes it into its frame area and returns the
    /// address, the length in the fast area; Rust copies it out (`fast::string_result`).
    String,
}

/// Whether a path names `String` (`String`, `std::string::String`, `alloc::string::String`).
fn is_string(p: &syn::TypePath) -> bool {
    if p.qself.is_some() {
        return false;
    }
    let segs: Vec<String> = p
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    let plain = p
        .path
        .segments
        .iter()
        .all(|s| matches!(s.arguments, PathArguments::None));
    plain
        && matches!(
            segs.iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
            ["String"] | ["std" | "alloc", "string", "String"]
        )
}

/// Whether a path names `JsObject` (`JsObject`, `slotwire::JsObject`, ...).
fn is_js_object(p: &syn::TypePath) -> bool {
    p.qself.is_none()
        && p.path
            .segments
            .last()
            .is_some_and(|s| s.ident == "JsObject" && matches!(s.arguments, PathArguments::None))
}

/// The fast-path kind of a type, recognised by name; `None` takes the slot path.
fn fast_kind(ty: &Type) -> Option<Fast> {
    match ty {
        Type::Path(p) if is_js_object(p) => Some(Fast::Obj),
        Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            let seg = &p.path.segments[0];
            if !matches!(seg.arguments, PathArguments::None) {
                return None;
            }
            match seg.ident.to_string().as_str() {
                "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "isize" | "usize" => Some(Fast::Int),
                "bool" => Some(Fast::Bool),
                "char" => Some(Fast::Char),
                "f32" => Some(Fast::F32),
                "f64" => Some(Fast::F64),
                _ => None,
            }
        }
        Type::Reference(r) if r.mutability.is_none() => match &*r.elem {
            Type::Path(p) if p.path.is_ident("str") => Some(Fast::Str),
            Type::Path(p) if is_js_object(p) => Some(Fast::Obj),
            Type::Slice(sl) if is_view_element(&sl.elem) => Some(Fast::Span),
            _ => None,
        },
        Type::Reference(r) => match &*r.elem {
            Type::Slice(sl) if is_view_element(&sl.elem) => Some(Fast::Span),
            _ => None,
        },
        Type::Paren(p) => fast_kind(&p.elem),
        Type::Group(g) => fast_kind(&g.elem),
        _ => None,
    }
}

/// Whether a slice's element type is one a MemoryView can be of (by name).
fn is_view_element(ty: &Type) -> bool {
    match ty {
        Type::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => matches!(
            p.path.segments[0].ident.to_string().as_str(),
            "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "u64" | "i64" | "f32" | "f64"
        ),
        _ => false,
    }
}

/// The fast-path kinds of all parameters, or `None` if one of them has no fast path.
fn fast_params(ps: &[Param]) -> Option<Vec<Fast>> {
    ps.iter()
        .map(|p| {
            if p.repr.is_some() {
                None
            } else {
                fast_kind(&p.ty)
            }
        })
        .collect()
}

/// The fast-path kind of a result type: `Some(None)` for `()`. `objects` (an import's result): a
/// `JsObject` (by value, whose handle JS makes) or a `String` (which JS encodes) too.
fn fast_ret(ty: Option<&Type>, objects: bool) -> Option<Option<Fast>> {
    match ty {
        None => Some(None),
        Some(Type::Tuple(t)) if t.elems.is_empty() => Some(None),
        Some(Type::Path(p)) if objects && is_js_object(p) => Some(Some(Fast::Obj)),
        Some(Type::Path(p)) if objects && is_string(p) => Some(Some(Fast::String)),
        Some(t) => match fast_kind(t) {
            Some(Fast::Str | Fast::Obj | Fast::Span) | None => None,
            Some(k) => Some(Some(k)),
        },
    }
}

/// A typed import's wasm kinds of value: an i32, an f64 or an externref.
#[derive(PartialEq)]
enum W {
    I32,
    F64,
    Ref,
}

/// A typed import's wasm parameters and the arguments passed to them, for parameters of fast
/// kinds `kinds`: numbers all i32 or all f64 (one JS shape per arity), objects as externrefs, a
/// string or a span as its address and length.
fn fast_wasm_args(ps: &[Param], kinds: &[Fast]) -> (Vec<TokenStream2>, Vec<TokenStream2>) {
    let mut values: Vec<(TokenStream2, W)> = Vec::new();
    for (p, k) in ps.iter().zip(kinds) {
        let id = &p.ident;
        match k {
            Fast::Int | Fast::Bool | Fast::Char => values.push((quote!((#id as i32)), W::I32)),
            Fast::F32 => values.push((quote!((#id as f64)), W::F64)),
            Fast::F64 => values.push((quote!(#id), W::F64)),
            Fast::Str | Fast::Span => {
                values.push((quote!((#id.as_ptr() as usize as i32)), W::I32));
                values.push((quote!((#id.len() as i32)), W::I32));
            }
            Fast::Obj => values.push((quote!(::slotwire::__private::object_ref(&#id)), W::Ref)),
            Fast::String => unreachable!("a String is a result kind only"),
        }
    }
    let all_int = values.iter().all(|(_, w)| *w != W::F64);
    values
        .iter()
        .enumerate()
        .map(|(i, (e, w))| {
            let a = format_ident!("a{}", i);
            if *w == W::Ref {
                (quote!(#a: &::slotwire::__private::JsValue), quote!(#e))
            } else if all_int {
                (quote!(#a: i32), quote!(#e))
            } else {
                (quote!(#a: f64), quote!((#e as f64)))
            }
        })
        .unzip()
}

/// A typed import's wasm import `__slotwire_fast_import(__id, wparams..) -> wret`, named `key`
/// in JS (on wasm32; elsewhere a function that is never called).
fn fast_import_decl(key: &str, wparams: &[TokenStream2], wret: &TokenStream2) -> TokenStream2 {
    quote! {
        #[cfg(target_arch = "wasm32")]
        #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
            wasm_bindgen = ::slotwire::__private::wasm_bindgen
        )]
        extern "C" {
            #[wasm_bindgen(js_name = #key)]
            fn __slotwire_fast_import(__id: u32, #(#wparams),*) -> #wret;
        }
        #[cfg(not(target_arch = "wasm32"))]
        #[allow(unused_variables)]
        fn __slotwire_fast_import(__id: u32, #(#wparams),*) -> #wret {
            ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
        }
    }
}

/// `slotwire::slot::EXPORT_PREFIX` (this crate cannot depend on slotwire; engine/tests/layout_mirror.rs
/// checks that the two agree).
const EXPORT_PREFIX: &str = "__slotwire_export__";
/// `slotwire::slot::FAST_EXPORT_PREFIX` (checked like [`EXPORT_PREFIX`]).
const FAST_EXPORT_PREFIX: &str = "__slotwire_fast__";

/// A JS name as (part of) a wasm export name: dots (namespaces, `Type.method`) become `$`, so the
/// export is an identifier — wasm-bindgen writes every raw export into its `.d.ts`, where
/// `__slotwire_export__math.add` is invalid TypeScript. js-runtime/src/runtime.js `exportSymbol`
/// is the same mapping.
fn symbol_name(js_name: &str) -> String {
    js_name.replace('.', "$")
}

/// The name of an import's own trampoline in JS (a global, `__slotwire_k<hash>`): a hash of the crate,
/// the target and the signature as written, so identical imports share one and others do not
/// collide.
fn fast_key(label: &str, sig: &syn::Signature) -> String {
    let krate = std::env::var("CARGO_CRATE_NAME").unwrap_or_default();
    let inputs = sig
        .inputs
        .iter()
        .map(|a| quote!(#a).to_string())
        .collect::<Vec<_>>();
    let text = format!("{krate}\0{label}\0{}\0{}", inputs.join(","), {
        let o = &sig.output;
        quote!(#o)
    });
    // FNV-1a, 64 bits.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("__slotwire_k{h:016x}")
}

fn params(inputs: &mut Punctuated<FnArg, Token![,]>) -> syn::Result<Vec<Param>> {
    let mut out = Vec::new();
    for arg in inputs.iter_mut() {
        match arg {
            FnArg::Receiver(r) => {
                return Err(syn::Error::new_spanned(
                    r,
                    "slotwire: methods are not supported yet; use a free function",
                ))
            }
            FnArg::Typed(pt) => {
                let repr = take_repr(&mut pt.attrs)?;
                let Pat::Ident(pi) = &*pt.pat else {
                    return Err(syn::Error::new_spanned(
                        &pt.pat,
                        "slotwire: parameters must be plain identifiers",
                    ));
                };
                out.push(Param {
                    ident: pi.ident.clone(),
                    ty: (*pt.ty).clone(),
                    repr,
                });
            }
        }
    }
    Ok(out)
}

/// A setter's return type: none, `()`, or a `Result` whose `Ok` is `()` (any error type other
/// imports take: `E: From<JsError>`, checked where the expansion converts the error).
fn returns_unit_or_result_unit(output: &ReturnType) -> bool {
    let is_unit = |t: &Type| matches!(t, Type::Tuple(t) if t.elems.is_empty());
    match output {
        ReturnType::Default => true,
        ReturnType::Type(_, t) => is_unit(t) || result_ok_type(t).is_some_and(is_unit),
    }
}

/// Checks a getter/setter/method import: no target or module of its own, a property name, the
/// object first (`&JsObject` or `JsObject`), and the arity of the access.
fn check_accessor(a: Accessor, name: &LitStr, opts: &Opts, f: &ForeignItemFn) -> syn::Result<()> {
    let (opt, _) = a.names();
    if opts.target.is_some() || opts.module.is_some() {
        return Err(syn::Error::new(
            name.span(),
            format!("#[js_import({opt} = ..)] takes no target or module: the object is its first argument"),
        ));
    }
    if name.value().is_empty() {
        return Err(syn::Error::new(
            name.span(),
            format!("{opt}: the property name is empty"),
        ));
    }
    let inputs: Vec<&FnArg> = f.sig.inputs.iter().collect();
    let first_is_object = match inputs.first() {
        Some(FnArg::Typed(t)) => match &*t.ty {
            Type::Path(p) => is_js_object(p),
            Type::Reference(r) if r.mutability.is_none() => {
                matches!(&*r.elem, Type::Path(p) if is_js_object(p))
            }
            _ => false,
        },
        _ => false,
    };
    if !first_is_object {
        return Err(syn::Error::new_spanned(
            &f.sig,
            format!("#[js_import({opt} = ..)]: the first parameter is the object (`o: &JsObject`)"),
        ));
    }
    let bad_arity = match a {
        Accessor::Getter => (inputs.len() != 1).then_some("a getter takes the object only"),
        Accessor::Setter => (inputs.len() != 2 || !returns_unit_or_result_unit(&f.sig.output))
            .then_some(
                "a setter takes the object and the value, and returns nothing or \
                 Result<(), JsError> (a JS throw in the assignment is then an Err)",
            ),
        Accessor::Method => None,
    };
    if let Some(msg) = bad_arity {
        return Err(syn::Error::new_spanned(
            &f.sig,
            format!("#[js_import({opt} = ..)]: {msg}"),
        ));
    }
    if f.sig.asyncness.is_some() && a != Accessor::Method {
        return Err(syn::Error::new_spanned(
            &f.sig,
            format!("#[js_import({opt} = ..)] cannot be async"),
        ));
    }
    Ok(())
}

/// Declares a JavaScript function callable from Rust.
///
/// ```ignore
/// #[js_import("globalThis.console.log")]
/// fn console_log(text: &str);
///
/// #[js_import("getMessage", module = "interop")]
/// fn get_message() -> Result<String, JsError>;
///
/// #[js_import("globalThis.BigInt.asIntN")]
/// fn as_int_n(bits: i32, #[js(bigint)] v: i64) -> i64;
///
/// // Declared accessors on a JS object (its first argument), as wasm-bindgen's
/// // `method`/`getter`/`setter`: each is one plain property access or method call in JS.
/// #[js_import(getter = "answer")]
/// fn answer(o: &JsObject) -> f64;
/// #[js_import(setter = "answer")]
/// fn set_answer(o: &JsObject, v: f64);
/// #[js_import(method = "add")]
/// fn add(o: &JsObject, a: i32, b: i32) -> i32;
///
/// // A setter returns nothing or `Result<(), E>`. The assignment runs in strict mode, so it
/// // throws a TypeError on a getter-only property, a frozen object or a Proxy whose `set` trap
/// // returns false (and a JS setter may throw anything): with `Result` that is an `Err`.
/// #[js_import(setter = "answer")]
/// fn try_set_answer(o: &JsObject, v: f64) -> Result<(), JsError>;
/// ```
///
/// The target is a path from `globalThis`, or inside the module loaded under `module`. It is bound
/// on first call and cached. With a `Result<T, E>` return type (`E: From<JsError>`), a JS throw
/// is an `Err`; otherwise it panics (and the panic poisons the instance). That holds for getters,
/// setters and methods alike: `set_answer` above panics on a throw, `try_set_answer` returns
/// `Err`. 64-bit integers are `bigint` unless marked `#[js(number)]`
/// (`number_result` for the result).
#[proc_macro_attribute]
pub fn js_import(attr: TokenStream, item: TokenStream) -> TokenStream {
    let opts = syn::parse_macro_input!(attr as Opts);
    let f = syn::parse_macro_input!(item as ForeignItemFn);
    match import_impl(opts, f) {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

fn import_impl(opts: Opts, f: ForeignItemFn) -> syn::Result<TokenStream2> {
    let queued = if opts.batch {
        Some(queued_impl(&opts, f.clone())?)
    } else {
        None
    };
    let direct = direct_import(opts, f)?;
    Ok(quote!(#direct #queued))
}

/// The target JS resolves (an accessor's `@get:name`...), the label errors name, the module.
fn import_target(opts: &Opts) -> syn::Result<(LitStr, String, TokenStream2)> {
    let target = match &opts.accessor {
        Some((a, name)) => Some(LitStr::new(
            &format!("{}{}", a.names().1, name.value()),
            name.span(),
        )),
        None => opts.target.clone(),
    };
    let target = target.ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            "#[js_import] needs a target: #[js_import(\"globalThis.console.log\")], \
             or getter/setter/method = \"name\"",
        )
    })?;
    let label = match (&opts.accessor, &opts.module) {
        (Some((a, name)), _) => format!("{} {:?}", a.names().0, name.value()),
        (None, Some(m)) => format!("{}#{}", m.value(), target.value()),
        (None, None) => target.value(),
    };
    let module = match &opts.module {
        Some(m) => quote!(::core::option::Option::Some(#m)),
        None => quote!(::core::option::Option::None),
    };
    Ok((target, label, module))
}

/// `#[js_import(.., batch)]`'s second function, `<name>_queued`: the same call, queued in the
/// batch (`slotwire::batch`). Object parameters take a `JsObject` or a `BatchObject`; a
/// `&'static str` is sent by address (decoded once in JS); a `JsObject` result is a
/// `BatchObject`.
fn queued_impl(opts: &Opts, mut f: ForeignItemFn) -> syn::Result<TokenStream2> {
    if let Some(a) = &f.sig.asyncness {
        return Err(syn::Error::new_spanned(
            a,
            "a batched #[js_import] is not async",
        ));
    }
    if opts.result_repr.is_some() {
        return Err(syn::Error::new(
            Span::call_site(),
            "a batched #[js_import] returns nothing or a JsObject (no number_result/bigint_result)",
        ));
    }
    let (target, label, module) = import_target(opts)?;
    let ps = params(&mut f.sig.inputs)?;
    let object_result = match &f.sig.output {
        ReturnType::Default => false,
        ReturnType::Type(_, t) if matches!(&**t, Type::Path(p) if is_js_object(p)) => true,
        ReturnType::Type(_, t) => return Err(syn::Error::new_spanned(
            t,
            "a batched #[js_import] returns nothing or a JsObject (its result is a BatchObject)",
        )),
    };
    let mut decls = Vec::new();
    let mut encodes = Vec::new();
    let mut codes = Vec::new();
    for p in &ps {
        let id = &p.ident;
        let ty = &p.ty;
        if p.repr.is_some() {
            return Err(syn::Error::new_spanned(
                ty,
                "a batched #[js_import] takes no #[js(number)]/#[js(bigint)] parameters",
            ));
        }
        codes.push(quote!(<#ty as ::slotwire::__private::ToJs>::CODE));
        let object = match ty {
            Type::Path(tp) => is_js_object(tp),
            Type::Reference(r) => matches!(&*r.elem, Type::Path(tp) if is_js_object(tp)),
            _ => false,
        };
        let static_str = matches!(ty, Type::Reference(r)
            if r.lifetime.as_ref().is_some_and(|l| l.ident == "static")
                && matches!(&*r.elem, Type::Path(tp) if tp.path.is_ident("str")));
        if object {
            decls.push(quote!(#id: &impl ::slotwire::batch::ObjectArg));
            encodes.push(quote!(__e.object(#id);));
        } else if static_str {
            decls.push(quote!(#id: #ty));
            encodes.push(quote!(__e.interned(#id);));
        } else {
            decls.push(quote!(#id: #ty));
            encodes.push(quote!(::slotwire::__private::BatchArg::encode(&#id, __e);));
        }
    }
    let vis = &f.vis;
    let nparams = ps.len();
    let name = format_ident!("{}_queued", f.sig.ident);
    let doc = format!(
        "Queues a call of [`{}`] in the batch (see `slotwire::batch`): it runs at the next flush.",
        f.sig.ident
    );
    let (ret, ret_code, finish) = if object_result {
        (
            quote!(-> ::slotwire::BatchObject),
            quote!(<::slotwire::JsObject as ::slotwire::__private::FromJs>::CODE),
            quote!(match __r {
                ::core::option::Option::Some(o) => o,
                ::core::option::Option::None =>
                    ::core::unreachable!("a JsObject result has a placeholder"),
            }),
        )
    } else {
        (
            quote!(),
            quote!(<() as ::slotwire::__private::FromJs>::CODE),
            quote!(let _ = __r;),
        )
    };
    Ok(quote! {
        #[doc = #doc]
        #[allow(clippy::unused_unit)]
        #vis fn #name(#(#decls),*) #ret {
            const __PARAMS: &[u32] = &[#(#codes),*];
            static __BATCH: ::slotwire::__private::LazyBatchBinding =
                ::slotwire::__private::LazyBatchBinding::new(#target, #module, __PARAMS, #ret_code);
            let __id = match __BATCH.id() {
                ::core::result::Result::Ok(id) => id,
                ::core::result::Result::Err(e) => ::slotwire::__private::import_failed(#label, e),
            };
            let __r = ::slotwire::__private::batch_queue::<{ ::slotwire::batch::call_words(#nparams) }>(__id, #object_result, |__e| {
                #(#encodes)*
            });
            #finish
        }
    })
}

fn direct_import(opts: Opts, mut f: ForeignItemFn) -> syn::Result<TokenStream2> {
    if let Some((a, name)) = &opts.accessor {
        check_accessor(*a, name, &opts, &f)?;
    }
    // A getter, setter or method is bound as a target the JS runtime makes the accessor for:
    // `@get:answer` is `(o) => o.answer`, one monomorphic property access per call site.
    let (target, label, module) = import_target(&opts)?;
    if opts.js_name.is_some() {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[js_import] takes the JS name as its first argument, not js_name",
        ));
    }
    let ps = params(&mut f.sig.inputs)?;
    let attrs = &f.attrs;
    let vis = &f.vis;
    let sig = &f.sig;
    let n = ps.len();
    let codes = ps.iter().map(|p| {
        let ty = &p.ty;
        with_repr(quote!(<#ty as ::slotwire::__private::ToJs>::CODE), p.repr)
    });
    let writes = ps.iter().enumerate().map(|(i, p)| {
        let id = &p.ident;
        quote!(::slotwire::__private::ToJs::write(&#id, &mut __slots[::slotwire::__private::ARG0 + #i]);)
    });
    let (ret_ty, ok_ty, is_result) = match &f.sig.output {
        ReturnType::Default => (quote!(()), quote!(()), false),
        ReturnType::Type(_, t) => match result_ok_type(t) {
            Some(ok) => (quote!(#t), quote!(#ok), true),
            None => (quote!(#t), quote!(#t), false),
        },
    };
    let ret_code = with_repr(
        quote!(<#ok_ty as ::slotwire::__private::FromJs>::CODE),
        opts.result_repr,
    );
    if let Some(a) = &f.sig.asyncness {
        // A promise: the import returns an id at once, the value comes when JS settles it.
        if !is_result {
            return Err(syn::Error::new_spanned(
                a,
                "an async #[js_import] returns Result<T, JsError> (a promise can reject)",
            ));
        }
        // The promise JS registered for this call, `__p`, awaited.
        let await_it = quote! {
            // SAFETY: `__p` is the promise JS registered for this call, bound with the inner
            // result code `<#ok_ty as FromJs>::CODE` (or its number form: same bytes).
            match unsafe { ::slotwire::__private::JsPromise::<#ok_ty>::from_id(__p) }.await {
                ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
                ::core::result::Result::Err(e) => ::core::result::Result::Err(::core::convert::From::from(e)),
            }
        };
        if let Some(kinds) = fast_params(&ps) {
            // Plain parameters: a typed import of its own, as a synchronous one's, returning the
            // id JS registered the promise under.
            let key = fast_key(&format!("async {label}"), &f.sig);
            let (wparams, wargs) = fast_wasm_args(&ps, &kinds);
            let decl = fast_import_decl(&key, &wparams, &quote!(u32));
            return Ok(quote! {
                #(#attrs)*
                #[allow(clippy::unused_unit, clippy::needless_return, unused_parens, clippy::unnecessary_cast)]
                #vis #sig {
                    #decl
                    const __PARAMS: &[u32] = &[#(#codes),*];
                    // The typed path is decided from the signature codes; the macro, which sees
                    // only type names, must agree.
                    const _: () = ::core::assert!(
                        ::slotwire::__private::fast::async_import_eligible(__PARAMS),
                        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
                    );
                    static __BINDING: ::slotwire::__private::LazyBinding =
                        ::slotwire::__private::LazyBinding::new_fast_async(#target, #module, __PARAMS, #ret_code, #key);
                    let __id = match __BINDING.id() {
                        ::core::result::Result::Ok(id) => id,
                        ::core::result::Result::Err(e) => {
                            return ::core::result::Result::Err(::core::convert::From::from(e))
                        }
                    };
                    // Calls queued in the batch run first (program order): the JS function
                    // flushes them before its own call.
                    let __p = __slotwire_fast_import(__id, #(#wargs),*);
                    if let ::core::option::Option::Some(e) = ::slotwire::__private::fast::take_exception() {
                        return ::core::result::Result::Err(::core::convert::From::from(e));
                    }
                    // `__p`: the promise JS registered for this call (the typed import returns its
                    // id; no exception reported).
                    #await_it
                }
            });
        }
        return Ok(quote! {
            #(#attrs)*
            #[allow(clippy::unused_unit)]
            #vis #sig {
                const __PARAMS: &[u32] = &[#(#codes),*];
                static __BINDING: ::slotwire::__private::LazyBinding =
                    ::slotwire::__private::LazyBinding::new_async(#target, #module, __PARAMS, #ret_code);
                // The id JS registered the promise under, in the result slot.
                let __p = {
                    let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0 + #n];
                    #(#writes)*
                    // SAFETY: `__slots` is ARG0 + one slot per parameter, each written by its
                    // type's `ToJs`, whose codes are the binding's `__PARAMS`.
                    match unsafe { __BINDING.invoke(&mut __slots) } {
                        ::core::result::Result::Ok(()) => __slots[::slotwire::__private::RESULT].len(),
                        ::core::result::Result::Err(e) => {
                            return ::core::result::Result::Err(::core::convert::From::from(e))
                        }
                    }
                };
                #await_it
            }
        });
    }
    let call = if is_result {
        quote! {
            // SAFETY: `__slots` is ARG0 + one slot per parameter, each written by its type's
            // `ToJs`, whose codes are the binding's `__PARAMS`.
            match unsafe { __BINDING.invoke(&mut __slots) } {
                ::core::result::Result::Ok(()) => {
                    // SAFETY: JS wrote the result slot for the binding's result code,
                    // `<#ok_ty as FromJs>::CODE` (or its number form: the same bytes).
                    match unsafe { <#ok_ty as ::slotwire::__private::FromJs>::read(&__slots[::slotwire::__private::RESULT]) } {
                        ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
                        ::core::result::Result::Err(e) => ::core::result::Result::Err(
                            ::core::convert::From::from(::slotwire::__private::result_error(#label, e))),
                    }
                }
                ::core::result::Result::Err(e) => ::core::result::Result::Err(::core::convert::From::from(e)),
            }
        }
    } else {
        quote! {
            // SAFETY: `__slots` is ARG0 + one slot per parameter, each written by its type's
            // `ToJs`, whose codes are the binding's `__PARAMS`.
            if let ::core::result::Result::Err(e) = unsafe { __BINDING.invoke(&mut __slots) } {
                ::slotwire::__private::import_failed(#label, e)
            }
            // SAFETY: JS wrote the result slot for the binding's result code,
            // `<#ok_ty as FromJs>::CODE` (or its number form: the same bytes).
            match unsafe { <#ok_ty as ::slotwire::__private::FromJs>::read(&__slots[::slotwire::__private::RESULT]) } {
                ::core::result::Result::Ok(v) => v,
                ::core::result::Result::Err(e) => ::slotwire::__private::import_failed(
                    #label, ::slotwire::__private::result_error(#label, e)),
            }
        }
    };
    let _ = ret_ty;
    let ok_type: Option<&Type> = match &f.sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, t) => Some(result_ok_type(t).unwrap_or(t)),
    };
    let fast_params = fast_params(&ps);
    let fast_result = if opts.result_repr.is_some() {
        None
    } else {
        fast_ret(ok_type, true)
    };
    if let (Some(kinds), Some(ret_kind)) = (fast_params, fast_result) {
        {
            // Each import gets a wasm import of its own (the global `__slotwire_k<hash>` in JS,
            // defined when it binds), so the JS function behind it is called from a call site of
            // its own, through a global property cell V8 treats as a constant: it inlines it.
            let key = fast_key(&label, &f.sig);
            let (wparams, wargs) = fast_wasm_args(&ps, &kinds);
            let wret = match ret_kind {
                None => quote!(()),
                Some(Fast::F32 | Fast::F64) => quote!(f64),
                Some(Fast::Obj) => quote!(::slotwire::__private::JsValue),
                Some(_) => quote!(i32),
            };
            let decl = fast_import_decl(&key, &wparams, &wret);
            let conv = match ret_kind {
                None => quote!(()),
                Some(Fast::Int) => quote!(__r as #ok_ty),
                Some(Fast::Bool) => quote!(__r != 0),
                Some(Fast::Char) => quote!(::slotwire::__private::fast::char_from(__r as u32)),
                Some(Fast::F32) => quote!(__r as f32),
                // JS checked that the result is an object (or a function) and reported no
                // exception (checked just before).
                Some(Fast::Obj) => quote!(::slotwire::__private::object_from_ref(__r)),
                // SAFETY: the import just returned `__r` for this `String` result (its JS
                // function encodes it and returns the address) and reported no exception
                // (checked just before); nothing ran since.
                Some(Fast::String) => {
                    quote!(unsafe { ::slotwire::__private::fast::string_result(__r, #label) })
                }
                Some(Fast::F64 | Fast::Str | Fast::Span) => quote!(__r),
            };
            let (fail, ok) = if is_result {
                (
                    quote!(return ::core::result::Result::Err(::core::convert::From::from(e))),
                    quote!(::core::result::Result::Ok(#conv)),
                )
            } else {
                (
                    quote!(::slotwire::__private::import_failed(#label, e)),
                    quote!(#conv),
                )
            };
            // Without `Result`, a failed bind or a throw panics: both out of line (the common
            // path is two loads and branches around the call, no stack frame for an error).
            let call = if is_result {
                quote! {
                    let __id = match __BINDING.id() {
                        ::core::result::Result::Ok(id) => id,
                        ::core::result::Result::Err(e) => { #fail }
                    };
                    // Calls queued in the batch run first (program order): the JS function
                    // flushes them before its own call (no check here: one load per call less).
                    let __r = __slotwire_fast_import(__id, #(#wargs),*);
                    if let ::core::option::Option::Some(e) = ::slotwire::__private::fast::take_exception() {
                        #fail
                    }
                }
            } else {
                quote! {
                    let __id = __BINDING.id_or_fail(#label);
                    // Calls queued in the batch run first (program order): the JS function
                    // flushes them before its own call (no check here: one load per call less).
                    let __r = __slotwire_fast_import(__id, #(#wargs),*);
                    ::slotwire::__private::fast::check_import(#label);
                }
            };
            return Ok(quote! {
                #(#attrs)*
                #[allow(clippy::unused_unit, clippy::needless_return, unused_parens, clippy::unnecessary_cast)]
                #vis #sig {
                    #decl
                    const __PARAMS: &[u32] = &[#(#codes),*];
                    const __RET: u32 = #ret_code;
                    // The typed path is decided from the signature codes (slotwire's `call::fast`);
                    // the macro, which sees only type names, must agree.
                    const _: () = ::core::assert!(
                        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
                        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
                    );
                    static __BINDING: ::slotwire::__private::LazyBinding =
                        ::slotwire::__private::LazyBinding::new_fast(#target, #module, __PARAMS, __RET, #key);
                    // The binding id goes first: the global passes the call on to this instance's
                    // invoker (another instance may bind the same import).
                    #call
                    #ok
                }
            });
        }
    }
    let _ = &writes;
    Ok(quote! {
        #(#attrs)*
        #[allow(clippy::unused_unit)]
        #vis #sig {
            const __PARAMS: &[u32] = &[#(#codes),*];
            const __RET: u32 = #ret_code;
            static __BINDING: ::slotwire::__private::LazyBinding =
                ::slotwire::__private::LazyBinding::new(#target, #module, __PARAMS, __RET);
            let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0 + #n];
            #(#writes)*
            #call
        }
    })
}

/// Exports a Rust function to JavaScript as `rt.exports.<name>`.
///
/// ```ignore
/// #[js_export]
/// fn add(a: i32, b: i32) -> i32 { a + b }
///
/// #[js_export(js_name = "text.shout")]          // rt.exports.text.shout
/// fn shout(s: &str) -> String { s.to_uppercase() }
///
/// #[js_export]
/// fn parse(s: &str) -> Result<u32, std::num::ParseIntError> { s.parse() }
/// ```
///
/// JS checks every argument (type, range, count) and throws a `TypeError`/`RangeError` naming the
/// function and the argument. `&str` parameters borrow the bytes JS wrote into wasm memory.
/// `Err(e)` throws a JS `Error` with `e.to_string()` as its message. The JS name must be unique
/// in the final module (two exports with one name fail to link).
///
/// On an `impl` block, every method becomes an export named `Type.method` (`js_name` on the block
/// sets `Type`, required for a generic type such as `Counter<i32>`): methods taking `&self` /
/// `&mut self` are called on a `RustObject` proxy JS holds (`proxy.increment(2)`), associated
/// functions are plain exports (`rt.exports.Counter.new()`).
///
/// ```ignore
/// struct Counter { n: i32 }
///
/// #[js_export]
/// impl Counter {
///     fn create(start: i32) -> RustObject<Counter> { RustObject::new("Counter", Counter { n: start }) }
///     fn increment(&mut self, by: i32) -> i32 { self.n += by; self.n }
///     fn value(&self) -> i32 { self.n }
/// }
/// // JS: const c = rt.exports.Counter.create(1); c.increment(2); c.value() === 3
/// ```
#[proc_macro_attribute]
pub fn js_export(attr: TokenStream, item: TokenStream) -> TokenStream {
    let opts = syn::parse_macro_input!(attr as Opts);
    let item = syn::parse_macro_input!(item as syn::Item);
    let r = match item {
        syn::Item::Fn(f) => export_impl(opts, f),
        syn::Item::Impl(i) => export_methods(opts, i),
        other => Err(syn::Error::new_spanned(
            other,
            "#[js_export] goes on a function or an impl block",
        )),
    };
    match r {
        Ok(t) => t.into(),
        Err(e) => e.to_compile_error().into(),
    }
}

/// `#[js_export]` on an `impl` block: the block as written, plus one export per method, named
/// `Type.method`, whose first parameter is a `RustRef<Type>` for methods taking `self` by reference.
fn export_methods(opts: Opts, mut block: syn::ItemImpl) -> syn::Result<TokenStream2> {
    if opts.target.is_some() || opts.module.is_some() || opts.result_repr.is_some() {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[js_export] on an impl block takes js_name = \"Type\" only",
        ));
    }
    if block.trait_.is_some() {
        return Err(syn::Error::new_spanned(
            &block.self_ty,
            "#[js_export] goes on an inherent impl block, not a trait impl",
        ));
    }
    if !block.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &block.generics,
            "#[js_export] impl blocks cannot be generic; export `impl Counter<i32>` with js_name = \"CounterI32\"",
        ));
    }
    let self_ty = (*block.self_ty).clone();
    let type_name = match &opts.js_name {
        Some(n) => n.value(),
        None => match &self_ty {
            Type::Path(tp) if tp.qself.is_none() => {
                let last = tp.path.segments.last().expect("a path has a segment");
                if !last.arguments.is_empty() {
                    return Err(syn::Error::new_spanned(
                        &self_ty,
                        "a generic type needs a JS name: #[js_export(js_name = \"CounterI32\")]",
                    ));
                }
                last.ident.to_string()
            }
            _ => {
                return Err(syn::Error::new_spanned(
                    &self_ty,
                    "#[js_export] impl blocks need a named type",
                ))
            }
        },
    };
    let ty_ident = type_name.replace('.', "_");
    let mut exports = Vec::new();
    for item in &mut block.items {
        let syn::ImplItem::Fn(m) = item else { continue };
        if m.sig.asyncness.is_some() {
            return Err(syn::Error::new_spanned(
                &m.sig,
                "async methods cannot be exported (a borrow of self would span the await); \
                 export an async free function taking RustRef<T>",
            ));
        }
        let method = &m.sig.ident;
        let js_name = LitStr::new(&format!("{type_name}.{method}"), method.span());
        let fn_name = format_ident!("__slotwire_method_{}_{}", ty_ident, method);
        // The exported function's parameters: the method's, attributes kept for the export and
        // taken off the method itself.
        let mut inputs: Punctuated<FnArg, Token![,]> = Punctuated::new();
        let mut args = Vec::new();
        let mut receiver = None;
        for arg in m.sig.inputs.iter_mut() {
            match arg {
                FnArg::Receiver(r) => {
                    if r.reference.is_none() {
                        return Err(syn::Error::new_spanned(
                            r,
                            "exported methods take &self or &mut self (JS keeps the object)",
                        ));
                    }
                    receiver = Some(r.mutability.is_some());
                    // `&mut self`: a receiver checked mutably borrowable when JS passes it, so a
                    // re-entered method is an error for JS, not a RefCell panic.
                    if r.mutability.is_some() {
                        inputs.push(
                            syn::parse_quote!(this: ::slotwire::__private::RustMut<#self_ty>),
                        );
                    } else {
                        inputs.push(
                            syn::parse_quote!(this: ::slotwire::__private::RustRef<#self_ty>),
                        );
                    }
                }
                FnArg::Typed(pt) => {
                    let exported = pt.clone();
                    pt.attrs.retain(|a| !a.path().is_ident("js"));
                    let Pat::Ident(pi) = &*pt.pat else {
                        return Err(syn::Error::new_spanned(
                            &pt.pat,
                            "slotwire: parameters must be plain identifiers",
                        ));
                    };
                    args.push(pi.ident.clone());
                    inputs.push(FnArg::Typed(exported));
                }
            }
        }
        let output = match &m.sig.output {
            ReturnType::Default => ReturnType::Default,
            ReturnType::Type(arrow, t) => {
                ReturnType::Type(*arrow, Box::new(replace_self(t, &self_ty)))
            }
        };
        let inputs: Vec<FnArg> = inputs
            .into_iter()
            .map(|a| match a {
                FnArg::Typed(mut pt) => {
                    pt.ty = Box::new(replace_self(&pt.ty, &self_ty));
                    FnArg::Typed(pt)
                }
                other => other,
            })
            .collect();
        let generics = &m.sig.generics;
        let call = match receiver {
            Some(true) => quote!(this.borrow_mut().#method(#(#args),*)),
            Some(false) => quote!(this.borrow().#method(#(#args),*)),
            None => quote!(<#self_ty>::#method(#(#args),*)),
        };
        let f: ItemFn = syn::parse_quote! {
            #[allow(non_snake_case)]
            fn #fn_name #generics (#(#inputs),*) #output {
                #call
            }
        };
        let o = Opts {
            js_name: Some(js_name),
            ..Opts::default()
        };
        exports.push(export_impl(o, f)?);
    }
    Ok(quote! {
        #block
        #(#exports)*
    })
}

/// `t` with `Self` replaced by `self_ty` (an exported method's signature leaves its impl block).
fn replace_self(t: &Type, self_ty: &Type) -> Type {
    let text = quote!(#t).to_string();
    if !text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|w| w == "Self")
    {
        return t.clone();
    }
    let tokens: TokenStream2 = quote!(#t)
        .into_iter()
        .map(|tt| replace_self_tt(tt, self_ty))
        .collect();
    syn::parse2(tokens).unwrap_or_else(|_| t.clone())
}

fn replace_self_tt(tt: proc_macro2::TokenTree, self_ty: &Type) -> TokenStream2 {
    match tt {
        proc_macro2::TokenTree::Ident(i) if i == "Self" => quote!(#self_ty),
        proc_macro2::TokenTree::Group(g) => {
            let inner: TokenStream2 = g
                .stream()
                .into_iter()
                .map(|t| replace_self_tt(t, self_ty))
                .collect();
            let mut ng = proc_macro2::Group::new(g.delimiter(), inner);
            ng.set_span(g.span());
            quote!(#ng)
        }
        other => quote!(#other),
    }
}

fn export_impl(opts: Opts, mut f: ItemFn) -> syn::Result<TokenStream2> {
    if opts.target.is_some() || opts.module.is_some() {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[js_export] takes js_name = \"..\" and number_result/bigint_result only",
        ));
    }
    let is_async = f.sig.asyncness.is_some();
    if !f
        .sig
        .generics
        .params
        .iter()
        .all(|g| matches!(g, syn::GenericParam::Lifetime(_)))
    {
        return Err(syn::Error::new_spanned(
            &f.sig.generics,
            "#[js_export] functions cannot be generic over types",
        ));
    }
    let ps = params(&mut f.sig.inputs)?;
    let name = &f.sig.ident;
    let js_name = opts
        .js_name
        .as_ref()
        .map(LitStr::value)
        .unwrap_or_else(|| name.to_string());
    if js_name.is_empty() || js_name.split('.').any(|p| p.is_empty()) {
        return Err(syn::Error::new(
            Span::call_site(),
            "js_name must be a dotted name",
        ));
    }
    let desc = format_ident!("__SLOTWIRE_EXPORT_{}", name);
    let wrap = format_ident!("__slotwire_wrap_{}", name);
    let symbol = format!("{EXPORT_PREFIX}{}", symbol_name(&js_name));
    let vis = &f.vis;
    let codes = ps
        .iter()
        .map(|p| {
            let ty = &p.ty;
            with_repr(
                quote!(<#ty as ::slotwire::__private::FromJsArg<'_>>::CODE),
                p.repr,
            )
        })
        .collect::<Vec<_>>();
    let names = ps
        .iter()
        .map(|p| p.ident.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let reads = ps.iter().enumerate().map(|(i, p)| {
        let id = &p.ident;
        let ty = &p.ty;
        quote! {
            // SAFETY: JS wrote argument #i for the export's registered parameter codes, this
            // one `<#ty as FromJsArg>::CODE` (or its number form); the frame stays untouched
            // until the export returns.
            let #id: #ty = match unsafe { <#ty as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[#i]) } {
                ::core::result::Result::Ok(v) => v,
                ::core::result::Result::Err(e) => return ::slotwire::__private::arg_error(__head, &#desc, #i, e),
            };
        }
    });
    let idents = ps.iter().map(|p| &p.ident);
    let (ok_ty, is_result) = match &f.sig.output {
        ReturnType::Default => (quote!(()), false),
        ReturnType::Type(_, t) => match result_ok_type(t) {
            Some(ok) => (quote!(#ok), true),
            None => (quote!(#t), false),
        },
    };
    let mut ret_code = with_repr(
        quote!(<#ok_ty as ::slotwire::__private::ToJs>::CODE),
        opts.result_repr,
    );
    let mut finish = if is_result {
        // The error's JS class: a slotwire::Error keeps its kind (autoref picks it at compile time).
        quote!(::slotwire::__private::finish_result_as(__r, __head, |e| {
            #[allow(unused_imports)]
            use ::slotwire::__private::{KindOfKnownError as _, KindOfOtherError as _};
            (&::slotwire::__private::ErrorProbe(e)).error_kind()
        }))
    } else {
        quote!(::slotwire::__private::finish(__r, __head))
    };
    if is_async {
        if let Some(p) = ps.iter().find(|p| matches!(p.ty, Type::Reference(_))) {
            return Err(syn::Error::new_spanned(
                &p.ty,
                "an async #[js_export] takes owned arguments (String, not &str): \
                 the call's frame is gone before the future completes",
            ));
        }
        ret_code = quote!(::slotwire::__private::compound(::slotwire::__private::JsType::Promise, false, #ret_code));
        finish = if is_result {
            quote!(::slotwire::__private::start_export(__r, __head))
        } else {
            quote! {
                ::slotwire::__private::start_export(
                    async move { ::core::result::Result::Ok::<_, ::core::convert::Infallible>(__r.await) },
                    __head,
                )
            }
        };
    }
    // The fast path: a typed wasm export, when every parameter and the result are plain.
    // JsObject arguments of exports take the slot path (JS must make their handles).
    // So do span (`&[T]`) parameters: JS copies into the frame.
    let fast_params =
        fast_params(&ps).filter(|k| !k.contains(&Fast::Obj) && !k.contains(&Fast::Span));
    let fast_result = match (&f.sig.output, is_result || is_async, opts.result_repr) {
        (_, true, _) | (_, _, Some(_)) => None,
        (ReturnType::Default, ..) => Some(None),
        (ReturnType::Type(_, t), ..) => fast_ret(Some(t), false),
    };
    let fast_export = match (fast_params, fast_result) {
        (Some(kinds), Some(ret_kind)) => {
            let fast_symbol = format!("{FAST_EXPORT_PREFIX}{}", symbol_name(&js_name));
            let mut wparams = Vec::new();
            let mut convs = Vec::new();
            for (p, k) in ps.iter().zip(&kinds) {
                let id = &p.ident;
                let ty = &p.ty;
                match k {
                    Fast::Int => {
                        wparams.push(quote!(#id: i32));
                        convs.push(quote!(let #id = #id as #ty;));
                    }
                    Fast::Bool => {
                        wparams.push(quote!(#id: i32));
                        convs.push(quote!(let #id = #id != 0;));
                    }
                    Fast::Char => {
                        wparams.push(quote!(#id: u32));
                        convs.push(quote!(let #id = ::slotwire::__private::fast::char_from(#id);));
                    }
                    Fast::F32 => wparams.push(quote!(#id: f32)),
                    Fast::F64 => wparams.push(quote!(#id: f64)),
                    Fast::Str => {
                        let ptr = format_ident!("{}_ptr", id);
                        let len = format_ident!("{}_len", id);
                        wparams.push(quote!(#ptr: u32, #len: u32));
                        convs.push(quote! {
                            // SAFETY: the JS runtime encoded the argument at ptr..ptr+len in its
                            // frame area, which stays untouched until this call returns.
                            let #id: &str = unsafe { ::slotwire::__private::fast::str_arg(#ptr, #len, #js_name) };
                        });
                    }
                    Fast::Obj | Fast::Span | Fast::String => unreachable!("filtered out above"),
                }
            }
            let (wret, rconv) = match ret_kind {
                None => (quote!(()), quote!(__r)),
                Some(Fast::Int | Fast::Bool | Fast::Char) => (quote!(i32), quote!(__r as i32)),
                Some(Fast::F32) => (quote!(f32), quote!(__r)),
                Some(Fast::F64 | Fast::Str | Fast::Obj | Fast::Span | Fast::String) => {
                    (quote!(f64), quote!(__r))
                }
            };
            let idents2 = ps.iter().map(|p| &p.ident);
            Some(quote! {
                #[cfg(target_arch = "wasm32")]
                const _: () = {
                    #[unsafe(export_name = #fast_symbol)]
                    #[allow(clippy::unused_unit, clippy::unnecessary_cast, unused_parens)]
                    extern "C" fn __slotwire_fast(#(#wparams),*) -> #wret {
                        #(#convs)*
                        let __r = #name(#(#idents2),*);
                        // What the export queued runs before its caller goes on: JS flushes it
                        // (fast.js `makeFastExport`), nothing is checked here.
                        #rconv
                    }
                };
            })
        }
        _ => None,
    };
    let is_fast = fast_export.is_some();
    // Natively nothing calls an export (JS does, on wasm32): no dead-code warnings for it there.
    f.attrs
        .push(syn::parse_quote!(#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]));
    Ok(quote! {
        #f

        #[doc(hidden)]
        #[allow(non_upper_case_globals)]
        #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
        #vis static #desc: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
            name: #js_name,
            params: &[#(#codes),*],
            param_names: #names,
            ret: #ret_code,
            func: #wrap,
            // The macro generates a typed export where the type names allow one; whether it is
            // used is decided from the signature codes (slotwire's `call::fast`).
            fast: #is_fast && ::slotwire::__private::fast::export_eligible(&[#(#codes),*], #ret_code),
        };

        #[doc(hidden)]
        #[allow(non_snake_case, clippy::unused_unit)]
        #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
        // Safety: `__slots` holds the arguments JS wrote for `#desc.params`.
        unsafe fn #wrap(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
            let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
            let __args: &[::slotwire::__private::Slot] = __args;
            #(#reads)*
            let __r = #name(#(#idents),*);
            #finish
        }

        #[cfg(target_arch = "wasm32")]
        const _: () = {
            #[unsafe(export_name = #symbol)]
            extern "C" fn __slotwire_register() -> u32 {
                // SAFETY: the descriptor's wrapper reads exactly its `params` (both generated
                // here from the same parameter types).
                unsafe { ::slotwire::__private::register(&#desc) }
            }
        };

        #fast_export
    })
}

/// `#[derive(JsRecord)]` on a `#[repr(C)]` `bytemuck::Pod` struct with named fields: implements
/// `slotwire::record::JsRecord` (its layout descriptor, offsets from `offset_of!`). Field types
/// must implement `slotwire::record::JsRecordField`; `#[js(rename = "name")]` sets a field's JS
/// name. See `slotwire::record`.
///
/// ```ignore
/// #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
/// #[repr(C)]
/// struct Particle { pos: [f32; 3], mass: f32 }
///
/// let json = <Particle as slotwire::JsRecord>::layout().to_json();
/// ```
#[proc_macro_derive(JsRecord, attributes(js))]
pub fn derive_js_record(item: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(item as syn::DeriveInput);
    record::derive_record(input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// `#[derive(JsArchive)]` next to `#[derive(rkyv::Archive)]` on a struct with named fields:
/// implements `slotwire::record::JsArchive` (the layout of its archived type). Field types must
/// implement `slotwire::record::JsArchiveField`; `#[js(rename = "name")]` sets a field's JS name.
/// See `slotwire::record`.
///
/// ```ignore
/// #[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
/// struct Person { name: String, tags: Vec<String>, #[js(rename = "type")] kind: Option<u8> }
///
/// let json = slotwire::record::archive_descriptor::<Vec<Person>>();
/// ```
#[proc_macro_derive(JsArchive, attributes(js))]
pub fn derive_js_archive(item: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(item as syn::DeriveInput);
    record::derive_archive(input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

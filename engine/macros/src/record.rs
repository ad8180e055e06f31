//! `#[derive(JsRecord)]` and `#[derive(JsArchive)]`: layout descriptors for the JS record reader.
//! The traits and types they implement are in `slotwire::record`.

use proc_macro2::{TokenStream as TokenStream2, TokenTree};
use quote::quote;
use syn::ext::IdentExt;
use syn::{Attribute, Data, DeriveInput, Fields, LitStr, Type};

/// Names the JS accessor class uses itself: `base` (the record's address), `toJSON`, and what
/// every object has.
const RESERVED: &[&str] = &["base", "toJSON", "constructor", "__proto__"];

struct Field {
    js_name: String,
    ident: syn::Ident,
    ty: Type,
}

/// `#[derive(JsRecord)]`: a Pod record's layout.
pub fn derive_record(input: DeriveInput) -> syn::Result<TokenStream2> {
    check_repr_c(&input)?;
    let fields = named_fields(&input, "JsRecord")?;
    let name = &input.ident;
    let name_str = name.unraw().to_string();
    let entries = fields.iter().map(|f| {
        let (js, ident, ty) = (&f.js_name, &f.ident, &f.ty);
        quote! {
            ::slotwire::__private::FieldLayout::pod::<#ty>(#js, ::core::mem::offset_of!(#name, #ident))
        }
    });
    Ok(quote! {
        impl ::slotwire::__private::JsRecord for #name {
            fn layout() -> &'static ::slotwire::__private::RecordLayout {
                static LAYOUT: ::slotwire::__private::OnceLock<::slotwire::__private::RecordLayout> =
                    ::slotwire::__private::OnceLock::new();
                LAYOUT.get_or_init(|| {
                    ::slotwire::__private::RecordLayout::pod(
                        #name_str,
                        ::core::mem::size_of::<#name>(),
                        ::core::mem::align_of::<#name>(),
                        ::std::vec![#(#entries),*],
                    )
                })
            }
        }
        impl ::slotwire::__private::JsRecordField for #name {
            fn field_type() -> ::slotwire::__private::FieldType {
                ::slotwire::__private::FieldType::Record(
                    <#name as ::slotwire::__private::JsRecord>::layout(),
                )
            }
        }
        // SAFETY: a record of this struct's own layout: size, align and `offset_of!` offsets.
        unsafe impl ::slotwire::__private::SpanElement for #name {
            const SPAN_ELEM: u32 = ::slotwire::__private::JsType::Record as u32;
            fn span_type_id() -> u32 {
                ::slotwire::__private::js_type_id(<#name as ::slotwire::__private::JsRecord>::layout().to_json())
            }
        }
    })
}

/// `#[derive(JsArchive)]`: the layout of a struct's rkyv archived type.
pub fn derive_archive(input: DeriveInput) -> syn::Result<TokenStream2> {
    check_rkyv_attrs(&input.attrs, "as", "#[rkyv(as = ..)]")?;
    let fields = named_fields(&input, "JsArchive")?;
    let name = &input.ident;
    let name_str = name.unraw().to_string();
    let entries = fields.iter().map(|f| {
        let (js, ident, ty) = (&f.js_name, &f.ident, &f.ty);
        quote! {
            ::slotwire::__private::FieldLayout::archived::<#ty>(
                #js,
                ::core::mem::offset_of!(__SlotwireArchived, #ident),
            )
        }
    });
    Ok(quote! {
        impl ::slotwire::__private::JsArchive for #name {
            fn archived_layout() -> &'static ::slotwire::__private::RecordLayout {
                type __SlotwireArchived = <#name as ::slotwire::__private::rkyv::Archive>::Archived;
                static LAYOUT: ::slotwire::__private::OnceLock<::slotwire::__private::RecordLayout> =
                    ::slotwire::__private::OnceLock::new();
                LAYOUT.get_or_init(|| {
                    ::slotwire::__private::RecordLayout::archive(
                        #name_str,
                        ::core::mem::size_of::<__SlotwireArchived>(),
                        ::core::mem::align_of::<__SlotwireArchived>(),
                        ::std::vec![#(#entries),*],
                    )
                })
            }
        }
        impl ::slotwire::__private::JsArchiveField for #name {
            fn archived_type() -> ::slotwire::__private::FieldType {
                ::slotwire::__private::FieldType::Record(
                    <#name as ::slotwire::__private::JsArchive>::archived_layout(),
                )
            }
        }
    })
}

/// The named fields of a non-generic struct, with their JS names.
fn named_fields(input: &DeriveInput, derive: &str) -> syn::Result<Vec<Field>> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            format!("#[derive({derive})] does not support generic structs (the layout is cached once per type)"),
        ));
    }
    let data = match &input.data {
        Data::Struct(s) => s,
        _ => {
            return Err(syn::Error::new(
                input.ident.span(),
                format!("#[derive({derive})] supports only structs with named fields"),
            ))
        }
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(
            &data.fields,
            format!("#[derive({derive})] needs named fields (JS reads them by name)"),
        ));
    };
    let mut out: Vec<Field> = Vec::new();
    for f in &named.named {
        let ident = f.ident.clone().expect("named field");
        if derive == "JsArchive" {
            check_rkyv_attrs(&f.attrs, "with", "#[rkyv(with = ..)]")?;
        }
        let js_name = rename(&f.attrs)?.unwrap_or_else(|| ident.unraw().to_string());
        if RESERVED.contains(&js_name.as_str()) {
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "field name `{js_name}` is taken by the JS record accessor; \
                     give it another JS name with #[js(rename = \"...\")]"
                ),
            ));
        }
        if out.iter().any(|o| o.js_name == js_name) {
            return Err(syn::Error::new(
                ident.span(),
                format!("two fields are named `{js_name}` in JS"),
            ));
        }
        out.push(Field {
            js_name,
            ident,
            ty: f.ty.clone(),
        });
    }
    Ok(out)
}

/// `#[js(rename = "name")]` on a field.
fn rename(attrs: &[Attribute]) -> syn::Result<Option<String>> {
    let mut name = None;
    for a in attrs.iter().filter(|a| a.path().is_ident("js")) {
        a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") {
                let s: LitStr = m.value()?.parse()?;
                if s.value().is_empty() {
                    return Err(syn::Error::new(s.span(), "empty JS name"));
                }
                name = Some(s.value());
                Ok(())
            } else {
                Err(m.error("expected #[js(rename = \"...\")]"))
            }
        })?;
    }
    Ok(name)
}

/// A Pod record needs `#[repr(C)]` (a stable, declared layout) and must not be packed (the JS
/// reader reads each field with a typed array at its natural alignment).
fn check_repr_c(input: &DeriveInput) -> syn::Result<()> {
    let mut c = false;
    for a in input.attrs.iter().filter(|a| a.path().is_ident("repr")) {
        a.parse_nested_meta(|m| {
            if m.path.is_ident("C") {
                c = true;
            } else if m.path.is_ident("packed") {
                return Err(m.error(
                    "#[derive(JsRecord)] does not support #[repr(packed)]: JS reads fields at \
                     their natural alignment",
                ));
            } else if m.input.peek(syn::token::Paren) {
                m.input.parse::<TokenTree>()?; // align(N)
            }
            Ok(())
        })?;
    }
    if c {
        Ok(())
    } else {
        Err(syn::Error::new(
            input.ident.span(),
            format!(
                "#[derive(JsRecord)] needs #[repr(C)] on `{}`: JS reads fields at fixed offsets, \
                 and only #[repr(C)] fixes them",
                input.ident
            ),
        ))
    }
}

/// Rejects `#[rkyv(<key> = ..)]`: it changes the archived type of what the derive describes.
fn check_rkyv_attrs(attrs: &[Attribute], key: &str, what: &str) -> syn::Result<()> {
    for a in attrs.iter().filter(|a| a.path().is_ident("rkyv")) {
        let syn::Meta::List(list) = &a.meta else {
            continue;
        };
        let tokens: Vec<TokenTree> = list.tokens.clone().into_iter().collect();
        for w in tokens.windows(2) {
            if let (TokenTree::Ident(i), TokenTree::Punct(p)) = (&w[0], &w[1]) {
                if i == key && p.as_char() == '=' {
                    return Err(syn::Error::new(
                        i.span(),
                        format!(
                            "#[derive(JsArchive)] does not support {what}: it describes the \
                             default archived type of each field"
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

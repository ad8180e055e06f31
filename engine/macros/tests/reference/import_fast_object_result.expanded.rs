// #[js_import("create", module = "m")]
// fn create(tag: &str, parent: &JsObject) -> Result<JsObject, JsError>;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn create(tag: &str, parent: &JsObject) -> Result<JsObject, JsError> {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_kb825df0469797369")]
        fn __slotwire_fast_import(
            __id: u32,
            a0: i32,
            a1: i32,
            a2: &::slotwire::__private::JsValue,
        ) -> ::slotwire::__private::JsValue;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(
        __id: u32,
        a0: i32,
        a1: i32,
        a2: &::slotwire::__private::JsValue,
    ) -> ::slotwire::__private::JsValue {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <&str as ::slotwire::__private::ToJs>::CODE,
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <JsObject as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "create",
        ::core::option::Option::Some("m"),
        __PARAMS,
        __RET,
        "__slotwire_kb825df0469797369",
    );
    let __id = match __BINDING.id() {
        ::core::result::Result::Ok(id) => id,
        ::core::result::Result::Err(e) => {
            return ::core::result::Result::Err(::core::convert::From::from(e));
        }
    };
    let __r = __slotwire_fast_import(
        __id,
        (tag.as_ptr() as usize as i32),
        (tag.len() as i32),
        ::slotwire::__private::object_ref(&parent),
    );
    if let ::core::option::Option::Some(e) = ::slotwire::__private::fast::take_exception() {
        return ::core::result::Result::Err(::core::convert::From::from(e));
    }
    ::core::result::Result::Ok(::slotwire::__private::object_from_ref(__r))
}

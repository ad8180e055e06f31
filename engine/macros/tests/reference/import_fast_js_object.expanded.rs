// #[js_import("describe", module = "m")]
// fn describe(o: &JsObject, k: u32) -> i32;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn describe(o: &JsObject, k: u32) -> i32 {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_k73f18f27be665b5d")]
        fn __slotwire_fast_import(
            __id: u32,
            a0: &::slotwire::__private::JsValue,
            a1: i32,
        ) -> i32;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(
        __id: u32,
        a0: &::slotwire::__private::JsValue,
        a1: i32,
    ) -> i32 {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
        <u32 as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <i32 as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "describe",
        ::core::option::Option::Some("m"),
        __PARAMS,
        __RET,
        "__slotwire_k73f18f27be665b5d",
    );
    let __id = __BINDING.id_or_fail("m#describe");
    let __r = __slotwire_fast_import(
        __id,
        ::slotwire::__private::object_ref(&o),
        (k as i32),
    );
    ::slotwire::__private::fast::check_import("m#describe");
    __r as i32
}

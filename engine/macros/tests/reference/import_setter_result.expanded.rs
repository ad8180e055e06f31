// #[js_import(setter = "answer")]
// fn try_set_answer(o: &JsObject, v: f64) -> Result<(), JsError>;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn try_set_answer(o: &JsObject, v: f64) -> Result<(), JsError> {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_kdc179f5e0337c63d")]
        fn __slotwire_fast_import(
            __id: u32,
            a0: &::slotwire::__private::JsValue,
            a1: f64,
        ) -> ();
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(
        __id: u32,
        a0: &::slotwire::__private::JsValue,
        a1: f64,
    ) -> () {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
        <f64 as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <() as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "@set:answer",
        ::core::option::Option::None,
        __PARAMS,
        __RET,
        "__slotwire_kdc179f5e0337c63d",
    );
    let __id = match __BINDING.id() {
        ::core::result::Result::Ok(id) => id,
        ::core::result::Result::Err(e) => {
            return ::core::result::Result::Err(::core::convert::From::from(e));
        }
    };
    let __r = __slotwire_fast_import(
        __id,
        ::slotwire::__private::object_ref(&o),
        (v as f64),
    );
    if let ::core::option::Option::Some(e) = ::slotwire::__private::fast::take_exception() {
        return ::core::result::Result::Err(::core::convert::From::from(e));
    }
    ::core::result::Result::Ok(())
}

// #[js_import("getMessage", module = "interop")]
// fn get_message() -> Result<String, JsError>;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn get_message() -> Result<String, JsError> {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_k5848cec9826cb6be")]
        fn __slotwire_fast_import(__id: u32) -> i32;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(__id: u32) -> i32 {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[];
    const __RET: u32 = <String as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "getMessage",
        ::core::option::Option::Some("interop"),
        __PARAMS,
        __RET,
        "__slotwire_k5848cec9826cb6be",
    );
    let __id = match __BINDING.id() {
        ::core::result::Result::Ok(id) => id,
        ::core::result::Result::Err(e) => {
            return ::core::result::Result::Err(::core::convert::From::from(e));
        }
    };
    let __r = __slotwire_fast_import(__id);
    if let ::core::option::Option::Some(e) = ::slotwire::__private::fast::take_exception() {
        return ::core::result::Result::Err(::core::convert::From::from(e));
    }
    ::core::result::Result::Ok(unsafe {
        ::slotwire::__private::fast::string_result(__r, "interop#getMessage")
    })
}

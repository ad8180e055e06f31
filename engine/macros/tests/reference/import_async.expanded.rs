// #[js_import("delay", module = "t")]
// async fn delay(ms: u32, v: i32) -> Result<i32, JsError>;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
async fn delay(ms: u32, v: i32) -> Result<i32, JsError> {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_kefe63b3d108d66ee")]
        fn __slotwire_fast_import(__id: u32, a0: i32, a1: i32) -> u32;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(__id: u32, a0: i32, a1: i32) -> u32 {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <u32 as ::slotwire::__private::ToJs>::CODE,
        <i32 as ::slotwire::__private::ToJs>::CODE,
    ];
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::async_import_eligible(__PARAMS),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast_async(
        "delay",
        ::core::option::Option::Some("t"),
        __PARAMS,
        <i32 as ::slotwire::__private::FromJs>::CODE,
        "__slotwire_kefe63b3d108d66ee",
    );
    let __id = match __BINDING.id() {
        ::core::result::Result::Ok(id) => id,
        ::core::result::Result::Err(e) => {
            return ::core::result::Result::Err(::core::convert::From::from(e));
        }
    };
    let __p = __slotwire_fast_import(__id, (ms as i32), (v as i32));
    if let ::core::option::Option::Some(e) = ::slotwire::__private::fast::take_exception() {
        return ::core::result::Result::Err(::core::convert::From::from(e));
    }
    match unsafe { ::slotwire::__private::JsPromise::<i32>::from_id(__p) }.await {
        ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
        ::core::result::Result::Err(e) => {
            ::core::result::Result::Err(::core::convert::From::from(e))
        }
    }
}

// #[js_import("delayedString", module = "t")]
// async fn delayed_string(ms: u32, s: &str) -> Result<String, JsError>;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
async fn delayed_string(ms: u32, s: &str) -> Result<String, JsError> {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_kc2cb529884b0058f")]
        fn __slotwire_fast_import(__id: u32, a0: i32, a1: i32, a2: i32) -> u32;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(__id: u32, a0: i32, a1: i32, a2: i32) -> u32 {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <u32 as ::slotwire::__private::ToJs>::CODE,
        <&str as ::slotwire::__private::ToJs>::CODE,
    ];
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::async_import_eligible(__PARAMS),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast_async(
        "delayedString",
        ::core::option::Option::Some("t"),
        __PARAMS,
        <String as ::slotwire::__private::FromJs>::CODE,
        "__slotwire_kc2cb529884b0058f",
    );
    let __id = match __BINDING.id() {
        ::core::result::Result::Ok(id) => id,
        ::core::result::Result::Err(e) => {
            return ::core::result::Result::Err(::core::convert::From::from(e));
        }
    };
    let __p = __slotwire_fast_import(
        __id,
        (ms as i32),
        (s.as_ptr() as usize as i32),
        (s.len() as i32),
    );
    if let ::core::option::Option::Some(e) = ::slotwire::__private::fast::take_exception() {
        return ::core::result::Result::Err(::core::convert::From::from(e));
    }
    match unsafe { ::slotwire::__private::JsPromise::<String>::from_id(__p) }.await {
        ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
        ::core::result::Result::Err(e) => {
            ::core::result::Result::Err(::core::convert::From::from(e))
        }
    }
}

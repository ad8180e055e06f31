// #[js_import("globalThis.Math.hypot")]
// fn hypot(a: f64, b: f64) -> f64;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn hypot(a: f64, b: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_k8a2e8495365c9fe4")]
        fn __slotwire_fast_import(__id: u32, a0: f64, a1: f64) -> f64;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(__id: u32, a0: f64, a1: f64) -> f64 {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <f64 as ::slotwire::__private::ToJs>::CODE,
        <f64 as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <f64 as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "globalThis.Math.hypot",
        ::core::option::Option::None,
        __PARAMS,
        __RET,
        "__slotwire_k8a2e8495365c9fe4",
    );
    let __id = __BINDING.id_or_fail("globalThis.Math.hypot");
    let __r = __slotwire_fast_import(__id, (a as f64), (b as f64));
    ::slotwire::__private::fast::check_import("globalThis.Math.hypot");
    __r
}

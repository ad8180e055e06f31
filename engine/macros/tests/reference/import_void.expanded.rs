// #[js_import("globalThis.console.log")]
// fn console_log(text: &str);
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn console_log(text: &str) {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_k24e3cb6717d699bb")]
        fn __slotwire_fast_import(__id: u32, a0: i32, a1: i32) -> ();
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(__id: u32, a0: i32, a1: i32) -> () {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[<&str as ::slotwire::__private::ToJs>::CODE];
    const __RET: u32 = <() as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "globalThis.console.log",
        ::core::option::Option::None,
        __PARAMS,
        __RET,
        "__slotwire_k24e3cb6717d699bb",
    );
    let __id = __BINDING.id_or_fail("globalThis.console.log");
    let __r = __slotwire_fast_import(
        __id,
        (text.as_ptr() as usize as i32),
        (text.len() as i32),
    );
    ::slotwire::__private::fast::check_import("globalThis.console.log");
    ()
}

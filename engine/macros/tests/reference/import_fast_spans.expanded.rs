// #[js_import("fill", module = "m")]
// fn fill(src: &[f32], dst: &mut [u8]) -> u32;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn fill(src: &[f32], dst: &mut [u8]) -> u32 {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_kfdf46acb532e8c3e")]
        fn __slotwire_fast_import(__id: u32, a0: i32, a1: i32, a2: i32, a3: i32) -> i32;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(__id: u32, a0: i32, a1: i32, a2: i32, a3: i32) -> i32 {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <&[f32] as ::slotwire::__private::ToJs>::CODE,
        <&mut [u8] as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <u32 as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "fill",
        ::core::option::Option::Some("m"),
        __PARAMS,
        __RET,
        "__slotwire_kfdf46acb532e8c3e",
    );
    let __id = __BINDING.id_or_fail("m#fill");
    let __r = __slotwire_fast_import(
        __id,
        (src.as_ptr() as usize as i32),
        (src.len() as i32),
        (dst.as_ptr() as usize as i32),
        (dst.len() as i32),
    );
    ::slotwire::__private::fast::check_import("m#fill");
    __r as u32
}

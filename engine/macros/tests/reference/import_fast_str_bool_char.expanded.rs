// #[js_import("check", module = "m")]
// pub fn check(s: &str, flag: bool, c: char, n: u8) -> bool;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
pub fn check(s: &str, flag: bool, c: char, n: u8) -> bool {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_k597f742c2a1a6298")]
        fn __slotwire_fast_import(
            __id: u32,
            a0: i32,
            a1: i32,
            a2: i32,
            a3: i32,
            a4: i32,
        ) -> i32;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(
        __id: u32,
        a0: i32,
        a1: i32,
        a2: i32,
        a3: i32,
        a4: i32,
    ) -> i32 {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <&str as ::slotwire::__private::ToJs>::CODE,
        <bool as ::slotwire::__private::ToJs>::CODE,
        <char as ::slotwire::__private::ToJs>::CODE,
        <u8 as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <bool as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "check",
        ::core::option::Option::Some("m"),
        __PARAMS,
        __RET,
        "__slotwire_k597f742c2a1a6298",
    );
    let __id = __BINDING.id_or_fail("m#check");
    let __r = __slotwire_fast_import(
        __id,
        (s.as_ptr() as usize as i32),
        (s.len() as i32),
        (flag as i32),
        (c as i32),
        (n as i32),
    );
    ::slotwire::__private::fast::check_import("m#check");
    __r != 0
}

// #[js_export]
// fn add(a: i32, b: i32) -> i32 { a + b }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn add(a: i32, b: i32) -> i32 {
    a + b
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_add: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "add",
    params: &[
        <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "a,b",
    ret: <i32 as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap_add,
    fast: true
        && ::slotwire::__private::fast::export_eligible(
            &[
                <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <i32 as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_add(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let a: i32 = match unsafe {
        <i32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_add,
                0usize,
                e,
            );
        }
    };
    let b: i32 = match unsafe {
        <i32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_add,
                1usize,
                e,
            );
        }
    };
    let __r = add(a, b);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__add")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_add) }
    }
};
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_fast__add")]
    #[allow(clippy::unused_unit, clippy::unnecessary_cast, unused_parens)]
    extern "C" fn __slotwire_fast(a: i32, b: i32) -> i32 {
        let a = a as i32;
        let b = b as i32;
        let __r = add(a, b);
        __r as i32
    }
};

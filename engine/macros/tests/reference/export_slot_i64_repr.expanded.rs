// #[js_export(bigint_result)]
// fn wide(#[js(number)] a: i64, b: u64) -> u64 { b }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn wide(a: i64, b: u64) -> u64 {
    b
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_wide: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "wide",
    params: &[
        ::slotwire::__private::as_number(
            <i64 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        ),
        <u64 as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "a,b",
    ret: ::slotwire::__private::as_bigint(<u64 as ::slotwire::__private::ToJs>::CODE),
    func: __slotwire_wrap_wide,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                ::slotwire::__private::as_number(
                    <i64 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                ),
                <u64 as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            ::slotwire::__private::as_bigint(<u64 as ::slotwire::__private::ToJs>::CODE),
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_wide(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let a: i64 = match unsafe {
        <i64 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_wide,
                0usize,
                e,
            );
        }
    };
    let b: u64 = match unsafe {
        <u64 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_wide,
                1usize,
                e,
            );
        }
    };
    let __r = wide(a, b);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__wide")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_wide) }
    }
};

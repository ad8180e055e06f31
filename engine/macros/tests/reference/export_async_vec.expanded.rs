// #[js_export]
// async fn later(n: u32) -> Vec<f64> { vec![0.0; n as usize] }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
async fn later(n: u32) -> Vec<f64> {
    vec![0.0; n as usize]
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_later: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "later",
    params: &[<u32 as ::slotwire::__private::FromJsArg<'_>>::CODE],
    param_names: "n",
    ret: ::slotwire::__private::compound(
        ::slotwire::__private::JsType::Promise,
        false,
        <Vec<f64> as ::slotwire::__private::ToJs>::CODE,
    ),
    func: __slotwire_wrap_later,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[<u32 as ::slotwire::__private::FromJsArg<'_>>::CODE],
            ::slotwire::__private::compound(
                ::slotwire::__private::JsType::Promise,
                false,
                <Vec<f64> as ::slotwire::__private::ToJs>::CODE,
            ),
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_later(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let n: u32 = match unsafe {
        <u32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_later,
                0usize,
                e,
            );
        }
    };
    let __r = later(n);
    ::slotwire::__private::start_export(
        async move {
            ::core::result::Result::Ok::<_, ::core::convert::Infallible>(__r.await)
        },
        __head,
    )
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__later")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_later) }
    }
};

// #[js_export]
// fn deep(v: Vec<Vec<Vec<Vec<f64>>>>) -> usize { v.len() }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn deep(v: Vec<Vec<Vec<Vec<f64>>>>) -> usize {
    v.len()
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_deep: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "deep",
    params: &[<Vec<Vec<Vec<Vec<f64>>>> as ::slotwire::__private::FromJsArg<'_>>::CODE],
    param_names: "v",
    ret: <usize as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap_deep,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[<Vec<Vec<Vec<Vec<f64>>>> as ::slotwire::__private::FromJsArg<'_>>::CODE],
            <usize as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_deep(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let v: Vec<Vec<Vec<Vec<f64>>>> = match unsafe {
        <Vec<
            Vec<Vec<Vec<f64>>>,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_deep,
                0usize,
                e,
            );
        }
    };
    let __r = deep(v);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__deep")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_deep) }
    }
};

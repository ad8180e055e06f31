// #[js_export]
// fn sum(v: Vec<f64>, names: Vec<String>, scale: Option<f64>) -> Vec<f64> { v }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn sum(v: Vec<f64>, names: Vec<String>, scale: Option<f64>) -> Vec<f64> {
    v
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_sum: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "sum",
    params: &[
        <Vec<f64> as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <Vec<String> as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <Option<f64> as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "v,names,scale",
    ret: <Vec<f64> as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap_sum,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <Vec<f64> as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <Vec<String> as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <Option<f64> as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <Vec<f64> as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_sum(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let v: Vec<f64> = match unsafe {
        <Vec<f64> as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_sum,
                0usize,
                e,
            );
        }
    };
    let names: Vec<String> = match unsafe {
        <Vec<String> as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_sum,
                1usize,
                e,
            );
        }
    };
    let scale: Option<f64> = match unsafe {
        <Option<f64> as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[2usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_sum,
                2usize,
                e,
            );
        }
    };
    let __r = sum(v, names, scale);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__sum")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_sum) }
    }
};

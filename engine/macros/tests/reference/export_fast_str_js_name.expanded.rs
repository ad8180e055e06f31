// #[js_export(js_name = "text.shout")]
// fn shout(s: &str) -> String { s.to_uppercase() }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn shout(s: &str) -> String {
    s.to_uppercase()
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_shout: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "text.shout",
    params: &[<&str as ::slotwire::__private::FromJsArg<'_>>::CODE],
    param_names: "s",
    ret: <String as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap_shout,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[<&str as ::slotwire::__private::FromJsArg<'_>>::CODE],
            <String as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_shout(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let s: &str = match unsafe {
        <&str as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_shout,
                0usize,
                e,
            );
        }
    };
    let __r = shout(s);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__text$shout")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_shout) }
    }
};

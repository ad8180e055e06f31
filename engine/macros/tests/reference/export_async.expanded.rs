// #[js_export]
// async fn fetch_len(url: String) -> Result<u32, JsError> { Ok(url.len() as u32) }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
async fn fetch_len(url: String) -> Result<u32, JsError> {
    Ok(url.len() as u32)
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_fetch_len: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "fetch_len",
    params: &[<String as ::slotwire::__private::FromJsArg<'_>>::CODE],
    param_names: "url",
    ret: ::slotwire::__private::compound(
        ::slotwire::__private::JsType::Promise,
        false,
        <u32 as ::slotwire::__private::ToJs>::CODE,
    ),
    func: __slotwire_wrap_fetch_len,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[<String as ::slotwire::__private::FromJsArg<'_>>::CODE],
            ::slotwire::__private::compound(
                ::slotwire::__private::JsType::Promise,
                false,
                <u32 as ::slotwire::__private::ToJs>::CODE,
            ),
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_fetch_len(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let url: String = match unsafe {
        <String as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_fetch_len,
                0usize,
                e,
            );
        }
    };
    let __r = fetch_len(url);
    ::slotwire::__private::start_export(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__fetch_len")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_fetch_len) }
    }
};

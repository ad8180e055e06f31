// #[js_export]
// fn views(s: &[u32], m: &mut [f32], seg: Segment<f64>) -> Segment<u8> { todo!() }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn views(s: &[u32], m: &mut [f32], seg: Segment<f64>) -> Segment<u8> {
    todo!()
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_views: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "views",
    params: &[
        <&[u32] as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <&mut [f32] as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <Segment<f64> as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "s,m,seg",
    ret: <Segment<u8> as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap_views,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <&[u32] as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <&mut [f32] as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <Segment<f64> as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <Segment<u8> as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_views(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let s: &[u32] = match unsafe {
        <&[u32] as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_views,
                0usize,
                e,
            );
        }
    };
    let m: &mut [f32] = match unsafe {
        <&mut [f32] as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_views,
                1usize,
                e,
            );
        }
    };
    let seg: Segment<f64> = match unsafe {
        <Segment<f64> as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[2usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_views,
                2usize,
                e,
            );
        }
    };
    let __r = views(s, m, seg);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__views")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_views) }
    }
};

// #[js_export]
// fn objects(o: JsObject, f: JsFunction<(f64,), f64>, a: JsAny) -> JsAny { a }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn objects(o: JsObject, f: JsFunction<(f64,), f64>, a: JsAny) -> JsAny {
    a
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_objects: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "objects",
    params: &[
        <JsObject as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <JsFunction<(f64,), f64> as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <JsAny as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "o,f,a",
    ret: <JsAny as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap_objects,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <JsObject as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <JsFunction<(f64,), f64> as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <JsAny as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <JsAny as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_objects(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let o: JsObject = match unsafe {
        <JsObject as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_objects,
                0usize,
                e,
            );
        }
    };
    let f: JsFunction<(f64,), f64> = match unsafe {
        <JsFunction<
            (f64,),
            f64,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_objects,
                1usize,
                e,
            );
        }
    };
    let a: JsAny = match unsafe {
        <JsAny as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[2usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_objects,
                2usize,
                e,
            );
        }
    };
    let __r = objects(o, f, a);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__objects")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_objects) }
    }
};

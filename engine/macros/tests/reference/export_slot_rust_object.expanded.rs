// #[js_export]
// fn counter(start: i32, other: &RustObject<Counter>) -> RustObject<Counter> { todo!() }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn counter(start: i32, other: &RustObject<Counter>) -> RustObject<Counter> {
    todo!()
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT_counter: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "counter",
    params: &[
        <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <&RustObject<Counter> as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "start,other",
    ret: <RustObject<Counter> as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap_counter,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <&RustObject<Counter> as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <RustObject<Counter> as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_counter(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let start: i32 = match unsafe {
        <i32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_counter,
                0usize,
                e,
            );
        }
    };
    let other: &RustObject<Counter> = match unsafe {
        <&RustObject<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_counter,
                1usize,
                e,
            );
        }
    };
    let __r = counter(start, other);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__counter")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_counter) }
    }
};

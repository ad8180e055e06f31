// #[js_import("call", module = "m")]
// fn call(target: JsObject, f: JsFunction<(i32,), i32>, any: JsAny) -> JsObject;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
fn call(target: JsObject, f: JsFunction<(i32,), i32>, any: JsAny) -> JsObject {
    const __PARAMS: &[u32] = &[
        <JsObject as ::slotwire::__private::ToJs>::CODE,
        <JsFunction<(i32,), i32> as ::slotwire::__private::ToJs>::CODE,
        <JsAny as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <JsObject as ::slotwire::__private::FromJs>::CODE;
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new(
        "call",
        ::core::option::Option::Some("m"),
        __PARAMS,
        __RET,
    );
    let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0
        + 3usize];
    ::slotwire::__private::ToJs::write(
        &target,
        &mut __slots[::slotwire::__private::ARG0 + 0usize],
    );
    ::slotwire::__private::ToJs::write(
        &f,
        &mut __slots[::slotwire::__private::ARG0 + 1usize],
    );
    ::slotwire::__private::ToJs::write(
        &any,
        &mut __slots[::slotwire::__private::ARG0 + 2usize],
    );
    if let ::core::result::Result::Err(e) = unsafe { __BINDING.invoke(&mut __slots) } {
        ::slotwire::__private::import_failed("m#call", e)
    }
    match unsafe {
        <JsObject as ::slotwire::__private::FromJs>::read(
            &__slots[::slotwire::__private::RESULT],
        )
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            ::slotwire::__private::import_failed(
                "m#call",
                ::slotwire::__private::result_error("m#call", e),
            )
        }
    }
}

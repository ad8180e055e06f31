// #[js_import(method = "describe")]
// fn describe(o: &JsObject, tags: Vec<String>) -> Result<String, JsError>;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
fn describe(o: &JsObject, tags: Vec<String>) -> Result<String, JsError> {
    const __PARAMS: &[u32] = &[
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
        <Vec<String> as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <String as ::slotwire::__private::FromJs>::CODE;
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new(
        "@method:describe",
        ::core::option::Option::None,
        __PARAMS,
        __RET,
    );
    let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0
        + 2usize];
    ::slotwire::__private::ToJs::write(
        &o,
        &mut __slots[::slotwire::__private::ARG0 + 0usize],
    );
    ::slotwire::__private::ToJs::write(
        &tags,
        &mut __slots[::slotwire::__private::ARG0 + 1usize],
    );
    match unsafe { __BINDING.invoke(&mut __slots) } {
        ::core::result::Result::Ok(()) => {
            match unsafe {
                <String as ::slotwire::__private::FromJs>::read(
                    &__slots[::slotwire::__private::RESULT],
                )
            } {
                ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
                ::core::result::Result::Err(e) => {
                    ::core::result::Result::Err(
                        ::core::convert::From::from(
                            ::slotwire::__private::result_error("method \"describe\"", e),
                        ),
                    )
                }
            }
        }
        ::core::result::Result::Err(e) => {
            ::core::result::Result::Err(::core::convert::From::from(e))
        }
    }
}

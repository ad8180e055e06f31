// #[js_import(setter = "tags")]
// fn try_set_tags(o: &JsObject, v: Vec<String>) -> Result<(), slotwire::Error>;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
fn try_set_tags(o: &JsObject, v: Vec<String>) -> Result<(), slotwire::Error> {
    const __PARAMS: &[u32] = &[
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
        <Vec<String> as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <() as ::slotwire::__private::FromJs>::CODE;
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new(
        "@set:tags",
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
        &v,
        &mut __slots[::slotwire::__private::ARG0 + 1usize],
    );
    match unsafe { __BINDING.invoke(&mut __slots) } {
        ::core::result::Result::Ok(()) => {
            match unsafe {
                <() as ::slotwire::__private::FromJs>::read(
                    &__slots[::slotwire::__private::RESULT],
                )
            } {
                ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
                ::core::result::Result::Err(e) => {
                    ::core::result::Result::Err(
                        ::core::convert::From::from(
                            ::slotwire::__private::result_error("setter \"tags\"", e),
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

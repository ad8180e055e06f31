// #[js_import("getMessage", module = "interop")]
// fn get_message() -> Result<String, JsError>;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
fn get_message() -> Result<String, JsError> {
    const __PARAMS: &[u32] = &[];
    const __RET: u32 = <String as ::slotwire::__private::FromJs>::CODE;
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new(
        "getMessage",
        ::core::option::Option::Some("interop"),
        __PARAMS,
        __RET,
    );
    let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0
        + 0usize];
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
                            ::slotwire::__private::result_error("interop#getMessage", e),
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

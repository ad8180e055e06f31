// #[js_import("delayedString", module = "t")]
// async fn delayed_string(ms: u32, s: &str) -> Result<String, JsError>;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
async fn delayed_string(ms: u32, s: &str) -> Result<String, JsError> {
    const __PARAMS: &[u32] = &[
        <u32 as ::slotwire::__private::ToJs>::CODE,
        <&str as ::slotwire::__private::ToJs>::CODE,
    ];
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_async(
        "delayedString",
        ::core::option::Option::Some("t"),
        __PARAMS,
        <String as ::slotwire::__private::FromJs>::CODE,
    );
    let __id = {
        let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0
            + 2usize];
        ::slotwire::__private::ToJs::write(
            &ms,
            &mut __slots[::slotwire::__private::ARG0 + 0usize],
        );
        ::slotwire::__private::ToJs::write(
            &s,
            &mut __slots[::slotwire::__private::ARG0 + 1usize],
        );
        match unsafe { __BINDING.invoke(&mut __slots) } {
            ::core::result::Result::Ok(()) => {
                __slots[::slotwire::__private::RESULT].len()
            }
            ::core::result::Result::Err(e) => {
                return ::core::result::Result::Err(::core::convert::From::from(e));
            }
        }
    };
    match unsafe { ::slotwire::__private::JsPromise::<String>::from_id(__id) }.await {
        ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
        ::core::result::Result::Err(e) => {
            ::core::result::Result::Err(::core::convert::From::from(e))
        }
    }
}

// #[js_import("resolvedNow", module = "t")]
// async fn resolved_maybe(v: Option<&str>) -> Result<Option<String>, JsError>;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
async fn resolved_maybe(v: Option<&str>) -> Result<Option<String>, JsError> {
    const __PARAMS: &[u32] = &[<Option<&str> as ::slotwire::__private::ToJs>::CODE];
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_async(
        "resolvedNow",
        ::core::option::Option::Some("t"),
        __PARAMS,
        <Option<String> as ::slotwire::__private::FromJs>::CODE,
    );
    let __p = {
        let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0
            + 1usize];
        ::slotwire::__private::ToJs::write(
            &v,
            &mut __slots[::slotwire::__private::ARG0 + 0usize],
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
    match unsafe { ::slotwire::__private::JsPromise::<Option<String>>::from_id(__p) }
        .await
    {
        ::core::result::Result::Ok(v) => ::core::result::Result::Ok(v),
        ::core::result::Result::Err(e) => {
            ::core::result::Result::Err(::core::convert::From::from(e))
        }
    }
}

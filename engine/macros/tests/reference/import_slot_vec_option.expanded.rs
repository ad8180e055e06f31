// #[js_import("join", module = "m")]
// fn join(parts: Vec<String>, sep: Option<&str>, weights: Vec<f64>) -> Option<String>;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
fn join(parts: Vec<String>, sep: Option<&str>, weights: Vec<f64>) -> Option<String> {
    const __PARAMS: &[u32] = &[
        <Vec<String> as ::slotwire::__private::ToJs>::CODE,
        <Option<&str> as ::slotwire::__private::ToJs>::CODE,
        <Vec<f64> as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <Option<String> as ::slotwire::__private::FromJs>::CODE;
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new(
        "join",
        ::core::option::Option::Some("m"),
        __PARAMS,
        __RET,
    );
    let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0
        + 3usize];
    ::slotwire::__private::ToJs::write(
        &parts,
        &mut __slots[::slotwire::__private::ARG0 + 0usize],
    );
    ::slotwire::__private::ToJs::write(
        &sep,
        &mut __slots[::slotwire::__private::ARG0 + 1usize],
    );
    ::slotwire::__private::ToJs::write(
        &weights,
        &mut __slots[::slotwire::__private::ARG0 + 2usize],
    );
    if let ::core::result::Result::Err(e) = unsafe { __BINDING.invoke(&mut __slots) } {
        ::slotwire::__private::import_failed("m#join", e)
    }
    match unsafe {
        <Option<
            String,
        > as ::slotwire::__private::FromJs>::read(
            &__slots[::slotwire::__private::RESULT],
        )
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            ::slotwire::__private::import_failed(
                "m#join",
                ::slotwire::__private::result_error("m#join", e),
            )
        }
    }
}

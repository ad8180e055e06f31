// #[js_import("keep", module = "m")]
// fn keep(o: RustObject<Counter>, r: &RustObject<Counter>);
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
fn keep(o: RustObject<Counter>, r: &RustObject<Counter>) {
    const __PARAMS: &[u32] = &[
        <RustObject<Counter> as ::slotwire::__private::ToJs>::CODE,
        <&RustObject<Counter> as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <() as ::slotwire::__private::FromJs>::CODE;
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new(
        "keep",
        ::core::option::Option::Some("m"),
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
        &r,
        &mut __slots[::slotwire::__private::ARG0 + 1usize],
    );
    if let ::core::result::Result::Err(e) = unsafe { __BINDING.invoke(&mut __slots) } {
        ::slotwire::__private::import_failed("m#keep", e)
    }
    match unsafe {
        <() as ::slotwire::__private::FromJs>::read(
            &__slots[::slotwire::__private::RESULT],
        )
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            ::slotwire::__private::import_failed(
                "m#keep",
                ::slotwire::__private::result_error("m#keep", e),
            )
        }
    }
}

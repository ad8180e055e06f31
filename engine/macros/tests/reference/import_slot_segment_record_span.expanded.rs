// #[js_import("show", module = "m")]
// fn show(seg: &Segment<f64>, rows: &[Particle]) -> Vec<u8>;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
fn show(seg: &Segment<f64>, rows: &[Particle]) -> Vec<u8> {
    const __PARAMS: &[u32] = &[
        <&Segment<f64> as ::slotwire::__private::ToJs>::CODE,
        <&[Particle] as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <Vec<u8> as ::slotwire::__private::FromJs>::CODE;
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new(
        "show",
        ::core::option::Option::Some("m"),
        __PARAMS,
        __RET,
    );
    let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0
        + 2usize];
    ::slotwire::__private::ToJs::write(
        &seg,
        &mut __slots[::slotwire::__private::ARG0 + 0usize],
    );
    ::slotwire::__private::ToJs::write(
        &rows,
        &mut __slots[::slotwire::__private::ARG0 + 1usize],
    );
    if let ::core::result::Result::Err(e) = unsafe { __BINDING.invoke(&mut __slots) } {
        ::slotwire::__private::import_failed("m#show", e)
    }
    match unsafe {
        <Vec<
            u8,
        > as ::slotwire::__private::FromJs>::read(
            &__slots[::slotwire::__private::RESULT],
        )
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            ::slotwire::__private::import_failed(
                "m#show",
                ::slotwire::__private::result_error("m#show", e),
            )
        }
    }
}

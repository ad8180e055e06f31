// #[js_import("globalThis.BigInt.asIntN", number_result)]
// fn as_int_n(bits: i32, #[js(bigint)] v: i64, #[js(number)] w: u64) -> i64;
// ---- expansion (prettyplease) ----
#[allow(clippy::unused_unit)]
fn as_int_n(bits: i32, v: i64, w: u64) -> i64 {
    const __PARAMS: &[u32] = &[
        <i32 as ::slotwire::__private::ToJs>::CODE,
        ::slotwire::__private::as_bigint(<i64 as ::slotwire::__private::ToJs>::CODE),
        ::slotwire::__private::as_number(<u64 as ::slotwire::__private::ToJs>::CODE),
    ];
    const __RET: u32 = ::slotwire::__private::as_number(
        <i64 as ::slotwire::__private::FromJs>::CODE,
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new(
        "globalThis.BigInt.asIntN",
        ::core::option::Option::None,
        __PARAMS,
        __RET,
    );
    let mut __slots = [::slotwire::__private::Slot::ZERO; ::slotwire::__private::ARG0
        + 3usize];
    ::slotwire::__private::ToJs::write(
        &bits,
        &mut __slots[::slotwire::__private::ARG0 + 0usize],
    );
    ::slotwire::__private::ToJs::write(
        &v,
        &mut __slots[::slotwire::__private::ARG0 + 1usize],
    );
    ::slotwire::__private::ToJs::write(
        &w,
        &mut __slots[::slotwire::__private::ARG0 + 2usize],
    );
    if let ::core::result::Result::Err(e) = unsafe { __BINDING.invoke(&mut __slots) } {
        ::slotwire::__private::import_failed("globalThis.BigInt.asIntN", e)
    }
    match unsafe {
        <i64 as ::slotwire::__private::FromJs>::read(
            &__slots[::slotwire::__private::RESULT],
        )
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            ::slotwire::__private::import_failed(
                "globalThis.BigInt.asIntN",
                ::slotwire::__private::result_error("globalThis.BigInt.asIntN", e),
            )
        }
    }
}

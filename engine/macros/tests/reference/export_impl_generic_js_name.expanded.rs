// #[js_export(js_name = "IntBox")]
// impl Boxed<i32> {
// fn make(v: i32) -> RustObject<Boxed<i32>> { todo!() }
// fn get(&self) -> i32 { self.0 }
// }
// ---- expansion (prettyplease) ----
impl Boxed<i32> {
    fn make(v: i32) -> RustObject<Boxed<i32>> {
        todo!()
    }
    fn get(&self) -> i32 {
        self.0
    }
}
#[allow(non_snake_case)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn __slotwire_method_IntBox_make(v: i32) -> RustObject<Boxed<i32>> {
    <Boxed<i32>>::make(v)
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT___slotwire_method_IntBox_make: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "IntBox.make",
    params: &[<i32 as ::slotwire::__private::FromJsArg<'_>>::CODE],
    param_names: "v",
    ret: <RustObject<Boxed<i32>> as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap___slotwire_method_IntBox_make,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[<i32 as ::slotwire::__private::FromJsArg<'_>>::CODE],
            <RustObject<Boxed<i32>> as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap___slotwire_method_IntBox_make(
    __slots: &mut [::slotwire::__private::Slot],
) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let v: i32 = match unsafe {
        <i32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_IntBox_make,
                0usize,
                e,
            );
        }
    };
    let __r = __slotwire_method_IntBox_make(v);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__IntBox$make")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe {
            ::slotwire::__private::register(
                &__SLOTWIRE_EXPORT___slotwire_method_IntBox_make,
            )
        }
    }
};
#[allow(non_snake_case)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn __slotwire_method_IntBox_get(
    this: ::slotwire::__private::RustRef<Boxed<i32>>,
) -> i32 {
    this.borrow().get()
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT___slotwire_method_IntBox_get: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "IntBox.get",
    params: &[
        <::slotwire::__private::RustRef<
            Boxed<i32>,
        > as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "this",
    ret: <i32 as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap___slotwire_method_IntBox_get,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <::slotwire::__private::RustRef<
                    Boxed<i32>,
                > as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <i32 as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap___slotwire_method_IntBox_get(
    __slots: &mut [::slotwire::__private::Slot],
) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let this: ::slotwire::__private::RustRef<Boxed<i32>> = match unsafe {
        <::slotwire::__private::RustRef<
            Boxed<i32>,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_IntBox_get,
                0usize,
                e,
            );
        }
    };
    let __r = __slotwire_method_IntBox_get(this);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__IntBox$get")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe {
            ::slotwire::__private::register(
                &__SLOTWIRE_EXPORT___slotwire_method_IntBox_get,
            )
        }
    }
};

// #[js_export]
// impl Counter {
// fn create(start: i32) -> RustObject<Counter> { RustObject::new("Counter", Counter { n: start }) }
// fn increment(&mut self, by: i32) -> i32 { self.n += by; self.n }
// fn value(&self) -> i32 { self.n }
// fn name(&self, prefix: &str) -> String { format!("{prefix}{}", self.n) }
// fn reenter(&mut self, f: JsFunction<(), i32>) -> i32 { 0 }
// }
// ---- expansion (prettyplease) ----
impl Counter {
    fn create(start: i32) -> RustObject<Counter> {
        RustObject::new("Counter", Counter { n: start })
    }
    fn increment(&mut self, by: i32) -> i32 {
        self.n += by;
        self.n
    }
    fn value(&self) -> i32 {
        self.n
    }
    fn name(&self, prefix: &str) -> String {
        format!("{prefix}{}", self.n)
    }
    fn reenter(&mut self, f: JsFunction<(), i32>) -> i32 {
        0
    }
}
#[allow(non_snake_case)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn __slotwire_method_Counter_create(start: i32) -> RustObject<Counter> {
    <Counter>::create(start)
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT___slotwire_method_Counter_create: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "Counter.create",
    params: &[<i32 as ::slotwire::__private::FromJsArg<'_>>::CODE],
    param_names: "start",
    ret: <RustObject<Counter> as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap___slotwire_method_Counter_create,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[<i32 as ::slotwire::__private::FromJsArg<'_>>::CODE],
            <RustObject<Counter> as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap___slotwire_method_Counter_create(
    __slots: &mut [::slotwire::__private::Slot],
) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let start: i32 = match unsafe {
        <i32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_create,
                0usize,
                e,
            );
        }
    };
    let __r = __slotwire_method_Counter_create(start);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__Counter$create")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe {
            ::slotwire::__private::register(
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_create,
            )
        }
    }
};
#[allow(non_snake_case)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn __slotwire_method_Counter_increment(
    this: ::slotwire::__private::RustMut<Counter>,
    by: i32,
) -> i32 {
    this.borrow_mut().increment(by)
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT___slotwire_method_Counter_increment: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "Counter.increment",
    params: &[
        <::slotwire::__private::RustMut<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "this,by",
    ret: <i32 as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap___slotwire_method_Counter_increment,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <::slotwire::__private::RustMut<
                    Counter,
                > as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <i32 as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap___slotwire_method_Counter_increment(
    __slots: &mut [::slotwire::__private::Slot],
) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let this: ::slotwire::__private::RustMut<Counter> = match unsafe {
        <::slotwire::__private::RustMut<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_increment,
                0usize,
                e,
            );
        }
    };
    let by: i32 = match unsafe {
        <i32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_increment,
                1usize,
                e,
            );
        }
    };
    let __r = __slotwire_method_Counter_increment(this, by);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__Counter$increment")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe {
            ::slotwire::__private::register(
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_increment,
            )
        }
    }
};
#[allow(non_snake_case)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn __slotwire_method_Counter_value(
    this: ::slotwire::__private::RustRef<Counter>,
) -> i32 {
    this.borrow().value()
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT___slotwire_method_Counter_value: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "Counter.value",
    params: &[
        <::slotwire::__private::RustRef<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "this",
    ret: <i32 as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap___slotwire_method_Counter_value,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <::slotwire::__private::RustRef<
                    Counter,
                > as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <i32 as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap___slotwire_method_Counter_value(
    __slots: &mut [::slotwire::__private::Slot],
) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let this: ::slotwire::__private::RustRef<Counter> = match unsafe {
        <::slotwire::__private::RustRef<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_value,
                0usize,
                e,
            );
        }
    };
    let __r = __slotwire_method_Counter_value(this);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__Counter$value")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe {
            ::slotwire::__private::register(
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_value,
            )
        }
    }
};
#[allow(non_snake_case)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn __slotwire_method_Counter_name(
    this: ::slotwire::__private::RustRef<Counter>,
    prefix: &str,
) -> String {
    this.borrow().name(prefix)
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT___slotwire_method_Counter_name: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "Counter.name",
    params: &[
        <::slotwire::__private::RustRef<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <&str as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "this,prefix",
    ret: <String as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap___slotwire_method_Counter_name,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <::slotwire::__private::RustRef<
                    Counter,
                > as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <&str as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <String as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap___slotwire_method_Counter_name(
    __slots: &mut [::slotwire::__private::Slot],
) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let this: ::slotwire::__private::RustRef<Counter> = match unsafe {
        <::slotwire::__private::RustRef<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_name,
                0usize,
                e,
            );
        }
    };
    let prefix: &str = match unsafe {
        <&str as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_name,
                1usize,
                e,
            );
        }
    };
    let __r = __slotwire_method_Counter_name(this, prefix);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__Counter$name")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe {
            ::slotwire::__private::register(
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_name,
            )
        }
    }
};
#[allow(non_snake_case)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn __slotwire_method_Counter_reenter(
    this: ::slotwire::__private::RustMut<Counter>,
    f: JsFunction<(), i32>,
) -> i32 {
    this.borrow_mut().reenter(f)
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
static __SLOTWIRE_EXPORT___slotwire_method_Counter_reenter: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "Counter.reenter",
    params: &[
        <::slotwire::__private::RustMut<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <JsFunction<(), i32> as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "this,f",
    ret: <i32 as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap___slotwire_method_Counter_reenter,
    fast: false
        && ::slotwire::__private::fast::export_eligible(
            &[
                <::slotwire::__private::RustMut<
                    Counter,
                > as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <JsFunction<(), i32> as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <i32 as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap___slotwire_method_Counter_reenter(
    __slots: &mut [::slotwire::__private::Slot],
) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let this: ::slotwire::__private::RustMut<Counter> = match unsafe {
        <::slotwire::__private::RustMut<
            Counter,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_reenter,
                0usize,
                e,
            );
        }
    };
    let f: JsFunction<(), i32> = match unsafe {
        <JsFunction<
            (),
            i32,
        > as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_reenter,
                1usize,
                e,
            );
        }
    };
    let __r = __slotwire_method_Counter_reenter(this, f);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__Counter$reenter")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe {
            ::slotwire::__private::register(
                &__SLOTWIRE_EXPORT___slotwire_method_Counter_reenter,
            )
        }
    }
};

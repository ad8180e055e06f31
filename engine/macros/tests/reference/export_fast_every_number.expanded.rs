// #[js_export]
// pub fn every(a: u8, b: i8, c: u16, d: i16, e: u32, f: i32, g: f32, h: f64, i: usize, j: isize, k: bool, l: char) -> f64 { h }
// ---- expansion (prettyplease) ----
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn every(
    a: u8,
    b: i8,
    c: u16,
    d: i16,
    e: u32,
    f: i32,
    g: f32,
    h: f64,
    i: usize,
    j: isize,
    k: bool,
    l: char,
) -> f64 {
    h
}
#[doc(hidden)]
#[allow(non_upper_case_globals)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub static __SLOTWIRE_EXPORT_every: ::slotwire::__private::ExportDescriptor = ::slotwire::__private::ExportDescriptor {
    name: "every",
    params: &[
        <u8 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <i8 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <u16 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <i16 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <u32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <f32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <f64 as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <usize as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <isize as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <bool as ::slotwire::__private::FromJsArg<'_>>::CODE,
        <char as ::slotwire::__private::FromJsArg<'_>>::CODE,
    ],
    param_names: "a,b,c,d,e,f,g,h,i,j,k,l",
    ret: <f64 as ::slotwire::__private::ToJs>::CODE,
    func: __slotwire_wrap_every,
    fast: true
        && ::slotwire::__private::fast::export_eligible(
            &[
                <u8 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <i8 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <u16 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <i16 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <u32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <i32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <f32 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <f64 as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <usize as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <isize as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <bool as ::slotwire::__private::FromJsArg<'_>>::CODE,
                <char as ::slotwire::__private::FromJsArg<'_>>::CODE,
            ],
            <f64 as ::slotwire::__private::ToJs>::CODE,
        ),
};
#[doc(hidden)]
#[allow(non_snake_case, clippy::unused_unit)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
unsafe fn __slotwire_wrap_every(__slots: &mut [::slotwire::__private::Slot]) -> u32 {
    let (__head, __args) = __slots.split_at_mut(::slotwire::__private::ARG0);
    let __args: &[::slotwire::__private::Slot] = __args;
    let a: u8 = match unsafe {
        <u8 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[0usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                0usize,
                e,
            );
        }
    };
    let b: i8 = match unsafe {
        <i8 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[1usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                1usize,
                e,
            );
        }
    };
    let c: u16 = match unsafe {
        <u16 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[2usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                2usize,
                e,
            );
        }
    };
    let d: i16 = match unsafe {
        <i16 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[3usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                3usize,
                e,
            );
        }
    };
    let e: u32 = match unsafe {
        <u32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[4usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                4usize,
                e,
            );
        }
    };
    let f: i32 = match unsafe {
        <i32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[5usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                5usize,
                e,
            );
        }
    };
    let g: f32 = match unsafe {
        <f32 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[6usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                6usize,
                e,
            );
        }
    };
    let h: f64 = match unsafe {
        <f64 as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[7usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                7usize,
                e,
            );
        }
    };
    let i: usize = match unsafe {
        <usize as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[8usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                8usize,
                e,
            );
        }
    };
    let j: isize = match unsafe {
        <isize as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[9usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                9usize,
                e,
            );
        }
    };
    let k: bool = match unsafe {
        <bool as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[10usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                10usize,
                e,
            );
        }
    };
    let l: char = match unsafe {
        <char as ::slotwire::__private::FromJsArg<'_>>::read_arg(&__args[11usize])
    } {
        ::core::result::Result::Ok(v) => v,
        ::core::result::Result::Err(e) => {
            return ::slotwire::__private::arg_error(
                __head,
                &__SLOTWIRE_EXPORT_every,
                11usize,
                e,
            );
        }
    };
    let __r = every(a, b, c, d, e, f, g, h, i, j, k, l);
    ::slotwire::__private::finish(__r, __head)
}
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_export__every")]
    extern "C" fn __slotwire_register() -> u32 {
        unsafe { ::slotwire::__private::register(&__SLOTWIRE_EXPORT_every) }
    }
};
#[cfg(target_arch = "wasm32")]
const _: () = {
    #[unsafe(export_name = "__slotwire_fast__every")]
    #[allow(clippy::unused_unit, clippy::unnecessary_cast, unused_parens)]
    extern "C" fn __slotwire_fast(
        a: i32,
        b: i32,
        c: i32,
        d: i32,
        e: i32,
        f: i32,
        g: f32,
        h: f64,
        i: i32,
        j: i32,
        k: i32,
        l: u32,
    ) -> f64 {
        let a = a as u8;
        let b = b as i8;
        let c = c as u16;
        let d = d as i16;
        let e = e as u32;
        let f = f as i32;
        let i = i as usize;
        let j = j as isize;
        let k = k != 0;
        let l = ::slotwire::__private::fast::char_from(l);
        let __r = every(a, b, c, d, e, f, g, h, i, j, k, l);
        __r
    }
};

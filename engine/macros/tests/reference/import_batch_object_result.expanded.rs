// #[js_import("document.createElement", batch)]
// fn create_element(tag: &'static str) -> JsObject;
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn create_element(tag: &'static str) -> JsObject {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_ka188b7badcd502d5")]
        fn __slotwire_fast_import(
            __id: u32,
            a0: i32,
            a1: i32,
        ) -> ::slotwire::__private::JsValue;
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(
        __id: u32,
        a0: i32,
        a1: i32,
    ) -> ::slotwire::__private::JsValue {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[<&'static str as ::slotwire::__private::ToJs>::CODE];
    const __RET: u32 = <JsObject as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "document.createElement",
        ::core::option::Option::None,
        __PARAMS,
        __RET,
        "__slotwire_ka188b7badcd502d5",
    );
    let __id = __BINDING.id_or_fail("document.createElement");
    let __r = __slotwire_fast_import(
        __id,
        (tag.as_ptr() as usize as i32),
        (tag.len() as i32),
    );
    ::slotwire::__private::fast::check_import("document.createElement");
    ::slotwire::__private::object_from_ref(__r)
}
///Queues a call of [`create_element`] in the batch (see `slotwire::batch`): it runs at the next flush.
#[allow(clippy::unused_unit)]
fn create_element_queued(tag: &'static str) -> ::slotwire::BatchObject {
    const __PARAMS: &[u32] = &[<&'static str as ::slotwire::__private::ToJs>::CODE];
    static __BATCH: ::slotwire::__private::LazyBatchBinding = ::slotwire::__private::LazyBatchBinding::new(
        "document.createElement",
        ::core::option::Option::None,
        __PARAMS,
        <::slotwire::JsObject as ::slotwire::__private::FromJs>::CODE,
    );
    let __id = match __BATCH.id() {
        ::core::result::Result::Ok(id) => id,
        ::core::result::Result::Err(e) => {
            ::slotwire::__private::import_failed("document.createElement", e)
        }
    };
    let __r = ::slotwire::__private::batch_queue::<
        { ::slotwire::batch::call_words(1usize) },
    >(
        __id,
        true,
        |__e| {
            __e.interned(tag);
        },
    );
    match __r {
        ::core::option::Option::Some(o) => o,
        ::core::option::Option::None => {
            ::core::unreachable!("a JsObject result has a placeholder")
        }
    }
}

// #[js_import(method = "appendChild", batch)]
// fn append_child(parent: &JsObject, child: &JsObject, at: f64, label: &str, data: &[f32]);
// ---- expansion (prettyplease) ----
#[allow(
    clippy::unused_unit,
    clippy::needless_return,
    unused_parens,
    clippy::unnecessary_cast
)]
fn append_child(
    parent: &JsObject,
    child: &JsObject,
    at: f64,
    label: &str,
    data: &[f32],
) {
    #[cfg(target_arch = "wasm32")]
    #[::slotwire::__private::wasm_bindgen::prelude::wasm_bindgen(
        wasm_bindgen = ::slotwire::__private::wasm_bindgen
    )]
    extern "C" {
        #[wasm_bindgen(js_name = "__slotwire_k5b1e597e5e243679")]
        fn __slotwire_fast_import(
            __id: u32,
            a0: &::slotwire::__private::JsValue,
            a1: &::slotwire::__private::JsValue,
            a2: f64,
            a3: f64,
            a4: f64,
            a5: f64,
            a6: f64,
        ) -> ();
    }
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(unused_variables)]
    fn __slotwire_fast_import(
        __id: u32,
        a0: &::slotwire::__private::JsValue,
        a1: &::slotwire::__private::JsValue,
        a2: f64,
        a3: f64,
        a4: f64,
        a5: f64,
        a6: f64,
    ) -> () {
        ::core::unreachable!("slotwire calls JavaScript only when compiled to wasm32")
    }
    const __PARAMS: &[u32] = &[
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
        <f64 as ::slotwire::__private::ToJs>::CODE,
        <&str as ::slotwire::__private::ToJs>::CODE,
        <&[f32] as ::slotwire::__private::ToJs>::CODE,
    ];
    const __RET: u32 = <() as ::slotwire::__private::FromJs>::CODE;
    const _: () = ::core::assert!(
        ::slotwire::__private::fast::import_eligible(__PARAMS, __RET),
        "slotwire: this import's types look plain by name but their codes are not (a type named like a primitive?)"
    );
    static __BINDING: ::slotwire::__private::LazyBinding = ::slotwire::__private::LazyBinding::new_fast(
        "@method:appendChild",
        ::core::option::Option::None,
        __PARAMS,
        __RET,
        "__slotwire_k5b1e597e5e243679",
    );
    let __id = __BINDING.id_or_fail("method \"appendChild\"");
    let __r = __slotwire_fast_import(
        __id,
        ::slotwire::__private::object_ref(&parent),
        ::slotwire::__private::object_ref(&child),
        (at as f64),
        ((label.as_ptr() as usize as i32) as f64),
        ((label.len() as i32) as f64),
        ((data.as_ptr() as usize as i32) as f64),
        ((data.len() as i32) as f64),
    );
    ::slotwire::__private::fast::check_import("method \"appendChild\"");
    ()
}
///Queues a call of [`append_child`] in the batch (see `slotwire::batch`): it runs at the next flush.
#[allow(clippy::unused_unit)]
fn append_child_queued(
    parent: &impl ::slotwire::batch::ObjectArg,
    child: &impl ::slotwire::batch::ObjectArg,
    at: f64,
    label: &str,
    data: &[f32],
) {
    const __PARAMS: &[u32] = &[
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
        <&JsObject as ::slotwire::__private::ToJs>::CODE,
        <f64 as ::slotwire::__private::ToJs>::CODE,
        <&str as ::slotwire::__private::ToJs>::CODE,
        <&[f32] as ::slotwire::__private::ToJs>::CODE,
    ];
    static __BATCH: ::slotwire::__private::LazyBatchBinding = ::slotwire::__private::LazyBatchBinding::new(
        "@method:appendChild",
        ::core::option::Option::None,
        __PARAMS,
        <() as ::slotwire::__private::FromJs>::CODE,
    );
    let __id = match __BATCH.id() {
        ::core::result::Result::Ok(id) => id,
        ::core::result::Result::Err(e) => {
            ::slotwire::__private::import_failed("method \"appendChild\"", e)
        }
    };
    let __r = ::slotwire::__private::batch_queue::<
        { ::slotwire::batch::call_words(5usize) },
    >(
        __id,
        false,
        |__e| {
            __e.object(parent);
            __e.object(child);
            ::slotwire::__private::BatchArg::encode(&at, __e);
            ::slotwire::__private::BatchArg::encode(&label, __e);
            ::slotwire::__private::BatchArg::encode(&data, __e);
        },
    );
    let _ = __r;
}

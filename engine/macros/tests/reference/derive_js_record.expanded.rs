// #[derive(JsRecord)]
// #[derive(Clone, Copy, bytemuck::Pod, bytemuck::Zeroable, slotwire::JsRecord)]
// #[repr(C)]
// struct Every {
// f_f64: f64,
// f_u64: u64,
// pos: [f32; 3],
// inner: Inner,
// #[js(rename = "type")]
// kind: u8,
// pad: [u8; 3],
// }
// ---- expansion (prettyplease) ----
impl ::slotwire::__private::JsRecord for Every {
    fn layout() -> &'static ::slotwire::__private::RecordLayout {
        static LAYOUT: ::slotwire::__private::OnceLock<
            ::slotwire::__private::RecordLayout,
        > = ::slotwire::__private::OnceLock::new();
        LAYOUT
            .get_or_init(|| {
                ::slotwire::__private::RecordLayout::pod(
                    "Every",
                    ::core::mem::size_of::<Every>(),
                    ::core::mem::align_of::<Every>(),
                    ::std::vec![
                        ::slotwire::__private::FieldLayout::pod:: < f64 > ("f_f64",
                        ::core::mem::offset_of!(Every, f_f64)),
                        ::slotwire::__private::FieldLayout::pod:: < u64 > ("f_u64",
                        ::core::mem::offset_of!(Every, f_u64)),
                        ::slotwire::__private::FieldLayout::pod:: < [f32; 3] > ("pos",
                        ::core::mem::offset_of!(Every, pos)),
                        ::slotwire::__private::FieldLayout::pod:: < Inner > ("inner",
                        ::core::mem::offset_of!(Every, inner)),
                        ::slotwire::__private::FieldLayout::pod:: < u8 > ("type",
                        ::core::mem::offset_of!(Every, kind)),
                        ::slotwire::__private::FieldLayout::pod:: < [u8; 3] > ("pad",
                        ::core::mem::offset_of!(Every, pad))
                    ],
                )
            })
    }
}
impl ::slotwire::__private::JsRecordField for Every {
    fn field_type() -> ::slotwire::__private::FieldType {
        ::slotwire::__private::FieldType::Record(
            <Every as ::slotwire::__private::JsRecord>::layout(),
        )
    }
}
unsafe impl ::slotwire::__private::SpanElement for Every {
    const SPAN_ELEM: u32 = ::slotwire::__private::JsType::Record as u32;
    fn span_type_id() -> u32 {
        ::slotwire::__private::js_type_id(
            <Every as ::slotwire::__private::JsRecord>::layout().to_json(),
        )
    }
}

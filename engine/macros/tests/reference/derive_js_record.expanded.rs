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
impl ::slotwire::record::JsRecord for Every {
    fn layout() -> &'static ::slotwire::record::RecordLayout {
        static LAYOUT: ::slotwire::__private::OnceLock<
            ::slotwire::record::RecordLayout,
        > = ::slotwire::__private::OnceLock::new();
        LAYOUT
            .get_or_init(|| {
                ::slotwire::record::RecordLayout::pod(
                    "Every",
                    ::core::mem::size_of::<Every>(),
                    ::core::mem::align_of::<Every>(),
                    ::std::vec![
                        ::slotwire::record::FieldLayout::pod:: < f64 > ("f_f64",
                        ::core::mem::offset_of!(Every, f_f64)),
                        ::slotwire::record::FieldLayout::pod:: < u64 > ("f_u64",
                        ::core::mem::offset_of!(Every, f_u64)),
                        ::slotwire::record::FieldLayout::pod:: < [f32; 3] > ("pos",
                        ::core::mem::offset_of!(Every, pos)),
                        ::slotwire::record::FieldLayout::pod:: < Inner > ("inner",
                        ::core::mem::offset_of!(Every, inner)),
                        ::slotwire::record::FieldLayout::pod:: < u8 > ("type",
                        ::core::mem::offset_of!(Every, kind)),
                        ::slotwire::record::FieldLayout::pod:: < [u8; 3] > ("pad",
                        ::core::mem::offset_of!(Every, pad))
                    ],
                )
            })
    }
}
impl ::slotwire::record::JsRecordField for Every {
    fn field_type() -> ::slotwire::record::FieldType {
        ::slotwire::record::FieldType::Record(
            <Every as ::slotwire::record::JsRecord>::layout(),
        )
    }
}
impl ::slotwire::marshal::SpanElement for Every {
    const SPAN_ELEM: u32 = ::slotwire::JsType::Record as u32;
    fn span_type_id() -> u32 {
        ::slotwire::record::js_type_id(
            <Every as ::slotwire::record::JsRecord>::layout().to_json(),
        )
    }
}

// #[derive(JsArchive)]
// #[derive(rkyv::Archive, rkyv::Serialize, slotwire::JsArchive)]
// struct Person {
// name: String,
// age: u32,
// email: Option<String>,
// tags: Vec<String>,
// address: Address,
// #[js(rename = "type")]
// kind: Option<u8>,
// }
// ---- expansion (prettyplease) ----
impl ::slotwire::__private::JsArchive for Person {
    fn archived_layout() -> &'static ::slotwire::__private::RecordLayout {
        type __SlotwireArchived = <Person as ::slotwire::__private::rkyv::Archive>::Archived;
        static LAYOUT: ::slotwire::__private::OnceLock<
            ::slotwire::__private::RecordLayout,
        > = ::slotwire::__private::OnceLock::new();
        LAYOUT
            .get_or_init(|| {
                ::slotwire::__private::RecordLayout::archive(
                    "Person",
                    ::core::mem::size_of::<__SlotwireArchived>(),
                    ::core::mem::align_of::<__SlotwireArchived>(),
                    ::std::vec![
                        ::slotwire::__private::FieldLayout::archived:: < String >
                        ("name", ::core::mem::offset_of!(__SlotwireArchived, name),),
                        ::slotwire::__private::FieldLayout::archived:: < u32 > ("age",
                        ::core::mem::offset_of!(__SlotwireArchived, age),),
                        ::slotwire::__private::FieldLayout::archived:: < Option < String
                        > > ("email", ::core::mem::offset_of!(__SlotwireArchived,
                        email),), ::slotwire::__private::FieldLayout::archived:: < Vec <
                        String > > ("tags", ::core::mem::offset_of!(__SlotwireArchived,
                        tags),), ::slotwire::__private::FieldLayout::archived:: < Address
                        > ("address", ::core::mem::offset_of!(__SlotwireArchived,
                        address),), ::slotwire::__private::FieldLayout::archived:: <
                        Option < u8 > > ("type",
                        ::core::mem::offset_of!(__SlotwireArchived, kind),)
                    ],
                )
            })
    }
}
impl ::slotwire::__private::JsArchiveField for Person {
    fn archived_type() -> ::slotwire::__private::FieldType {
        ::slotwire::__private::FieldType::Record(
            <Person as ::slotwire::__private::JsArchive>::archived_layout(),
        )
    }
}

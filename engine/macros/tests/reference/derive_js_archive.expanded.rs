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
impl ::slotwire::record::JsArchive for Person {
    fn archived_layout() -> &'static ::slotwire::record::RecordLayout {
        type __SlotwireArchived = <Person as ::slotwire::__private::rkyv::Archive>::Archived;
        static LAYOUT: ::slotwire::__private::OnceLock<
            ::slotwire::record::RecordLayout,
        > = ::slotwire::__private::OnceLock::new();
        LAYOUT
            .get_or_init(|| {
                ::slotwire::record::RecordLayout::archive(
                    "Person",
                    ::core::mem::size_of::<__SlotwireArchived>(),
                    ::core::mem::align_of::<__SlotwireArchived>(),
                    ::std::vec![
                        ::slotwire::record::FieldLayout::archived:: < String > ("name",
                        ::core::mem::offset_of!(__SlotwireArchived, name),),
                        ::slotwire::record::FieldLayout::archived:: < u32 > ("age",
                        ::core::mem::offset_of!(__SlotwireArchived, age),),
                        ::slotwire::record::FieldLayout::archived:: < Option < String > >
                        ("email", ::core::mem::offset_of!(__SlotwireArchived, email),),
                        ::slotwire::record::FieldLayout::archived:: < Vec < String > >
                        ("tags", ::core::mem::offset_of!(__SlotwireArchived, tags),),
                        ::slotwire::record::FieldLayout::archived:: < Address >
                        ("address", ::core::mem::offset_of!(__SlotwireArchived,
                        address),), ::slotwire::record::FieldLayout::archived:: < Option
                        < u8 > > ("type", ::core::mem::offset_of!(__SlotwireArchived,
                        kind),)
                    ],
                )
            })
    }
}
impl ::slotwire::record::JsArchiveField for Person {
    fn archived_type() -> ::slotwire::record::FieldType {
        ::slotwire::record::FieldType::Record(
            <Person as ::slotwire::record::JsArchive>::archived_layout(),
        )
    }
}

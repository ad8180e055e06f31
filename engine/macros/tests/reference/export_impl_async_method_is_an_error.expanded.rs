// #[js_export]
// impl Counter {
// async fn wait(&self, ms: u32) -> i32 { self.n }
// }
// ---- expansion (prettyplease) ----
::core::compile_error! {
    "async methods cannot be exported (a borrow of self would span the await); export an async free function taking RustRef<T>"
}

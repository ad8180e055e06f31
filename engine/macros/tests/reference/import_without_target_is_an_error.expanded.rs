// #[js_import]
// fn nothing(a: i32);
// ---- expansion (prettyplease) ----
::core::compile_error! {
    "#[js_import] needs a target: #[js_import(\"globalThis.console.log\")], or getter/setter/method = \"name\""
}

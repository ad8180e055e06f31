// #[js_import(setter = "answer")]
// fn set_answer(o: &JsObject, v: f64) -> f64;
// ---- expansion (prettyplease) ----
::core::compile_error! {
    "#[js_import(setter = ..)]: a setter takes the object and the value, and returns nothing or Result<(), JsError> (a JS throw in the assignment is then an Err)"
}

//! Errors: [`JsError`] for what JS threw, [`Error`] for everything slotwire reports.

use core::fmt;

/// An exception thrown by JavaScript, as it arrived in Rust.
///
/// Imports declared to return `Result<T, JsError>` get one when the JS function throws (or when
/// the import cannot be bound, or its result has the wrong type).
///
/// ```
/// let e = slotwire::JsError::new("TypeError", "x is not a function");
/// assert_eq!(e.to_string(), "TypeError: x is not a function");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct JsError {
    /// The error's `name` (`"Error"`, `"TypeError"`, ...); for a thrown non-Error value, `"Error"`.
    pub name: String,
    /// The error's `message`; for a thrown non-Error value, `String(value)`.
    pub message: String,
    /// The error's `stack`, or empty when it has none.
    pub stack: String,
}

impl JsError {
    /// A `JsError` with the given name and message and no stack.
    ///
    /// ```
    /// let e = slotwire::JsError::new("RangeError", "too big");
    /// assert_eq!((e.name.as_str(), e.stack.as_str()), ("RangeError", ""));
    /// ```
    pub fn new(name: impl Into<String>, message: impl Into<String>) -> JsError {
        JsError {
            name: name.into(),
            message: message.into(),
            stack: String::new(),
        }
    }
}

impl fmt::Display for JsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl std::error::Error for JsError {}

/// What kind of failure an [`Error`] reports. An export returning `Err` of a kind throws the
/// matching JS class (`Type` a `TypeError`, `Range` a `RangeError`, the others an `Error`).
///
/// ```
/// use slotwire::{Error, ErrorKind};
/// let e = Error::new(ErrorKind::Type, "expected a number");
/// assert!(matches!(e.kind(), ErrorKind::Type | ErrorKind::Range));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A value of the wrong type (JS `TypeError`).
    Type,
    /// A value out of range for its type (JS `RangeError`).
    Range,
    /// A JS function could not be found or bound.
    Bind,
    /// JavaScript threw; see [`Error::js`].
    Js,
}

/// The error type of slotwire's Rust API: binding, argument and result checks, JS exceptions.
///
/// ```
/// use slotwire::{Error, ErrorKind};
/// let e = Error::new(ErrorKind::Range, "argument 0: 300 is out of range for u8");
/// assert_eq!(e.kind(), ErrorKind::Range);
/// assert!(e.to_string().contains("out of range"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    js: Option<Box<JsError>>,
}

impl Error {
    /// An error of `kind` with `message`.
    ///
    /// ```
    /// let e = slotwire::Error::new(slotwire::ErrorKind::Bind, "no function at app.draw");
    /// assert_eq!(e.message(), "no function at app.draw");
    /// ```
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            js: None,
        }
    }

    /// The kind of failure.
    ///
    /// ```
    /// use slotwire::{Error, ErrorKind};
    /// assert_eq!(Error::new(ErrorKind::Range, "too big").kind(), ErrorKind::Range);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, naming the function and argument concerned.
    ///
    /// ```
    /// use slotwire::{Error, ErrorKind};
    /// assert_eq!(Error::new(ErrorKind::Type, "add: argument 2").message(), "add: argument 2");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JS exception, when JavaScript threw.
    ///
    /// ```
    /// let e: slotwire::Error = slotwire::JsError::new("Error", "boom").into();
    /// assert_eq!(e.js().unwrap().message, "boom");
    /// ```
    pub fn js(&self) -> Option<&JsError> {
        self.js.as_deref()
    }

    /// The name of the JS error class this error maps to (`TypeError`, `RangeError`, `Error`).
    ///
    /// ```
    /// use slotwire::{Error, ErrorKind};
    /// assert_eq!(Error::new(ErrorKind::Range, "x").js_name(), "RangeError");
    /// ```
    pub fn js_name(&self) -> &str {
        match self.kind {
            ErrorKind::Type => "TypeError",
            ErrorKind::Range => "RangeError",
            ErrorKind::Bind => "Error",
            ErrorKind::Js => self.js.as_ref().map_or("Error", |j| j.name.as_str()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.js.as_deref().map(|e| e as _)
    }
}

impl From<JsError> for Error {
    fn from(e: JsError) -> Error {
        Error {
            kind: ErrorKind::Js,
            message: e.to_string(),
            js: Some(Box::new(e)),
        }
    }
}

impl From<Error> for JsError {
    /// A JS exception keeps its name, message and stack; other errors become a `TypeError`,
    /// `RangeError` or `Error` with the same message.
    fn from(e: Error) -> JsError {
        match e.js {
            Some(js) => *js,
            None => JsError::new(e.js_name().to_owned(), e.message),
        }
    }
}

/// The result of slotwire's fallible operations.
///
/// ```
/// fn half(x: i32) -> slotwire::Result<i32> {
///     if x % 2 == 0 {
///         Ok(x / 2)
///     } else {
///         Err(slotwire::Error::new(slotwire::ErrorKind::Range, "odd"))
///     }
/// }
/// assert!(half(3).is_err());
/// ```
pub type Result<T, E = Error> = core::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_error_round_trips_through_error() {
        let mut js = JsError::new("TypeError", "bad");
        js.stack = "at f".into();
        let e: Error = js.clone().into();
        assert_eq!(e.kind(), ErrorKind::Js);
        assert_eq!(e.js_name(), "TypeError");
        assert_eq!(JsError::from(e), js);
    }

    #[test]
    fn kinds_map_to_js_names() {
        assert_eq!(Error::new(ErrorKind::Type, "t").js_name(), "TypeError");
        assert_eq!(Error::new(ErrorKind::Range, "r").js_name(), "RangeError");
        let j: JsError = Error::new(ErrorKind::Range, "r").into();
        assert_eq!((j.name.as_str(), j.message.as_str()), ("RangeError", "r"));
    }
}

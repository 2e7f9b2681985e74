//! `KodeError`: the one shape every Rust-side failure takes before it reaches
//! JavaScript, and `to_js`, the one place where it becomes a JS `Error`.

use std::io;
use std::path::Path;

pub use kode_pack::fs::io_code;

// Re-exported for code written against their old home here.
pub use crate::v8_util::{set_property, v8_str, MAX_STRING_BYTES};

/// Error codes Kode defines itself (OS codes come from `io::Error`).
pub mod codes {
    pub const EMODULE_NOT_FOUND: &str = "EMODULE_NOT_FOUND";
    pub const EINVALID_ENCODING: &str = "EINVALID_ENCODING";
    pub const EINVALID_ARG: &str = "EINVALID_ARG";
    pub const EDATA_CLONE: &str = "EDATA_CLONE";
    pub const EUNSUPPORTED_ALGORITHM: &str = "EUNSUPPORTED_ALGORITHM";
    /// A text (file contents, a module source) longer than a V8 string can be.
    pub const ESTRING_TOO_LONG: &str = "ESTRING_TOO_LONG";
    /// The OS refused a thread or runtime Kode needs (`ulimit -u`, memory).
    pub const ERESOURCE: &str = "ERESOURCE";
    /// A self-contained executable cannot read its own file (CLI only).
    pub const EEXE_UNREADABLE: &str = "EEXE_UNREADABLE";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    Error,
    TypeError,
    RangeError,
}

#[derive(Debug, Clone)]
pub struct KodeError {
    pub class: ErrorClass,
    pub code: String,
    pub message: String,
    pub operation: Option<String>,
    pub path: Option<String>,
    /// Further string fields, e.g. `specifier` and `from` for module errors.
    pub fields: Vec<(&'static str, String)>,
}

impl KodeError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        KodeError {
            class: ErrorClass::Error,
            code: code.to_string(),
            message: message.into(),
            operation: None,
            path: None,
            fields: Vec::new(),
        }
    }

    pub fn type_error(code: &str, message: impl Into<String>) -> Self {
        KodeError {
            class: ErrorClass::TypeError,
            ..Self::new(code, message)
        }
    }

    pub fn range_error(code: &str, message: impl Into<String>) -> Self {
        KodeError {
            class: ErrorClass::RangeError,
            ..Self::new(code, message)
        }
    }

    pub fn operation(mut self, operation: &str) -> Self {
        self.operation = Some(operation.to_string());
        self
    }

    pub fn path(mut self, path: &Path) -> Self {
        self.path = Some(path.to_string_lossy().into_owned());
        self
    }

    pub fn field(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.fields.push((name, value.into()));
        self
    }

    /// An OS error with its POSIX code, like `ENOENT: no such file or directory, read '/x'`.
    pub fn from_io(err: &io::Error, operation: &str, path: &Path) -> Self {
        let code = io_code(err);
        let detail = kode_pack::fs::io_detail(err);
        let message = format!("{code}: {detail}, {operation} '{}'", path.display());
        Self::new(code, message).operation(operation).path(path)
    }

    /// Builds the JS `Error` object. The single Rust-to-JS error conversion point.
    pub fn to_js<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
        let message = v8_str(scope, &self.message);
        let error = match self.class {
            ErrorClass::Error => v8::Exception::error(scope, message),
            ErrorClass::TypeError => v8::Exception::type_error(scope, message),
            ErrorClass::RangeError => v8::Exception::range_error(scope, message),
        };
        let object = error.to_object(scope).expect("an Error is an object");
        set_str(scope, object, "code", &self.code);
        if let Some(operation) = &self.operation {
            set_str(scope, object, "operation", operation);
        }
        if let Some(path) = &self.path {
            set_str(scope, object, "path", path);
        }
        for (name, value) in &self.fields {
            set_str(scope, object, name, value);
        }
        error
    }

    pub fn throw(&self, scope: &mut v8::PinScope<'_, '_>) {
        let error = self.to_js(scope);
        scope.throw_exception(error);
    }
}

impl std::fmt::Display for KodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for KodeError {}

fn set_str(
    scope: &mut v8::PinScope<'_, '_>,
    object: v8::Local<v8::Object>,
    key: &str,
    value: &str,
) {
    let value = v8_str(scope, value);
    set_property(scope, object, key, value.into());
}

/// `ESTRING_TOO_LONG`. The message ends like an OS error's (`, OPERATION
/// 'PATH'`) once the caller adds both with [`KodeError::at`].
pub fn string_too_long() -> KodeError {
    KodeError::new(
        codes::ESTRING_TOO_LONG,
        format!(
            "{}: text longer than V8's string limit of {MAX_STRING_BYTES} bytes",
            codes::ESTRING_TOO_LONG
        ),
    )
}

impl KodeError {
    /// Sets the operation and path and appends both to the message, as
    /// [`KodeError::from_io`] words them.
    pub fn at(mut self, operation: &str, path: &Path) -> Self {
        self.message = format!("{}, {operation} '{}'", self.message, path.display());
        self.operation(operation).path(path)
    }
}

/// [`v8_str`] for text a user controls (file contents, module sources): a
/// text too long for V8 is `ESTRING_TOO_LONG`, never a silent `""`.
pub fn try_v8_str<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    text: &str,
) -> Result<v8::Local<'s, v8::String>, KodeError> {
    v8::String::new(scope, text).ok_or_else(string_too_long)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_map_to_posix_codes() {
        let err = io::Error::from_raw_os_error(2);
        let e = KodeError::from_io(&err, "kode:fs.read", Path::new("/x"));
        assert_eq!(e.code, "ENOENT");
        assert_eq!(
            e.message,
            "ENOENT: no such file or directory, kode:fs.read '/x'"
        );
        assert_eq!(e.operation.as_deref(), Some("kode:fs.read"));
        assert_eq!(e.path.as_deref(), Some("/x"));
        assert_eq!(io_code(&io::Error::from_raw_os_error(39)), "ENOTEMPTY");
        assert_eq!(
            io_code(&io::Error::from(io::ErrorKind::PermissionDenied)),
            "EACCES"
        );
    }
}

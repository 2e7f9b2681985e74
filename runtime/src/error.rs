//! `KodeError`: the one shape every Rust-side failure takes before it reaches
//! JavaScript, and `to_js`, the one place where it becomes a JS `Error`: it
//! calls the builder the bootstrap registers (`internal.buildError` in
//! `js/00_core.js`), the same function every error made in JS comes from.

use std::io;
use std::path::Path;

pub use kode_pack::fs::io_code;

// Re-exported for code written against their old home here.
pub use crate::v8_util::{set_property, v8_str, MAX_STRING_BYTES};

/// The one table of error codes, shared with `kode-pack` (which has no V8).
pub use kode_pack::codes;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    Error,
    TypeError,
    RangeError,
    SyntaxError,
    /// A Web API's standard exception: a `DOMException` whose name is the
    /// error's `code` (`OperationError`, ...). It carries no Kode code and no
    /// fields: programs see exactly what the standard defines.
    DomException,
}

/// Where a syntax error sits, for its stack line and code frame.
#[derive(Debug, Clone)]
pub struct Frame {
    pub file: String,
    pub location: kode_pack::parse::Location,
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
    /// A syntax error's place: the error's stack is that one line, and an
    /// uncaught report shows the code frame.
    pub frame: Option<Box<Frame>>,
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
            frame: None,
        }
    }

    pub fn syntax_error(code: &str, message: impl Into<String>) -> Self {
        KodeError {
            class: ErrorClass::SyntaxError,
            ..Self::new(code, message)
        }
    }

    pub fn frame(mut self, file: &Path, location: kode_pack::parse::Location) -> Self {
        self.frame = Some(Box::new(Frame {
            file: file.to_string_lossy().into_owned(),
            location,
        }));
        self
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

    /// A `DOMException` named `name` (one of WebIDL's error names).
    pub fn dom_exception(name: &str, message: impl Into<String>) -> Self {
        KodeError {
            class: ErrorClass::DomException,
            ..Self::new(name, message)
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

    /// Builds the JS `Error` object. The single Rust-to-JS error conversion
    /// point: it calls the registered builder with
    /// `(className, code, message, { operation, path, ...fields })`.
    pub fn to_js<'s>(&self, scope: &mut v8::PinScope<'s, '_>) -> v8::Local<'s, v8::Value> {
        let class = match self.class {
            ErrorClass::Error => "Error",
            ErrorClass::TypeError => "TypeError",
            ErrorClass::RangeError => "RangeError",
            ErrorClass::SyntaxError => "SyntaxError",
            ErrorClass::DomException => "DOMException",
        };
        let message = v8_str(scope, &self.message);
        let fields = v8::Object::new(scope);
        if let Some(operation) = &self.operation {
            set_str(scope, fields, "operation", operation);
        }
        if let Some(path) = &self.path {
            set_str(scope, fields, "path", path);
        }
        for (name, value) in &self.fields {
            set_str(scope, fields, name, value);
        }
        let frame = match &self.frame {
            None => v8::undefined(scope).into(),
            Some(frame) => {
                let object = v8::Object::new(scope);
                set_str(scope, object, "file", &frame.file);
                set_str(scope, object, "sourceLine", &frame.location.source_line);
                for (key, value) in [
                    ("line", frame.location.line),
                    ("column", frame.location.column),
                ] {
                    let value = v8::Number::new(scope, value as f64).into();
                    set_property(scope, object, key, value);
                }
                object.into()
            }
        };
        let args = [
            v8_str(scope, class).into(),
            v8_str(scope, &self.code).into(),
            message.into(),
            fields.into(),
            frame,
        ];
        let builder = scope
            .get_slot::<ErrorBuilder>()
            .map(|builder| builder.0.clone());
        let built = builder.and_then(|builder| {
            let builder = v8::Local::new(scope, builder);
            let undefined = v8::undefined(scope).into();
            builder.call(scope, undefined, &args)
        });
        // No value only when JavaScript cannot run (the isolate is being
        // terminated) or the bootstrap has not registered the builder yet:
        // then the message is all a JS error can carry.
        built.unwrap_or_else(|| v8::Exception::error(scope, message))
    }

    pub fn throw(&self, scope: &mut v8::PinScope<'_, '_>) {
        let error = self.to_js(scope);
        scope.throw_exception(error);
    }
}

/// The error builder JS registered, kept in an isolate slot for [`KodeError::to_js`].
struct ErrorBuilder(v8::Global<v8::Function>);

/// Takes `internal.buildError` from the bootstrap's `internal` object (called
/// after each bootstrap script, so errors use it as soon as `00_core.js` has
/// defined it); returns whether it is a function.
pub fn register_error_builder(
    scope: &mut v8::PinScope<'_, '_>,
    internal: v8::Local<v8::Object>,
) -> bool {
    let key = v8_str(scope, "buildError");
    let builder = internal
        .get(scope, key.into())
        .and_then(|value| v8::Local::<v8::Function>::try_from(value).ok());
    match builder {
        Some(builder) => {
            let builder = v8::Global::new(scope, builder);
            scope.set_slot(ErrorBuilder(builder));
            true
        }
        None => false,
    }
}

/// Drops the registered builder (a snapshot may hold no global handles).
pub fn unregister_error_builder(isolate: &mut v8::Isolate) {
    isolate.remove_slot::<ErrorBuilder>();
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

    use std::collections::BTreeSet;
    use std::path::PathBuf;

    /// Every string literal in `quotes` shaped like a code (`E` + capitals, digits, `_`).
    fn code_literals(text: &str, quotes: &[u8]) -> Vec<String> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        for (i, &quote) in bytes.iter().enumerate() {
            if !quotes.contains(&quote) || bytes.get(i + 1) != Some(&b'E') {
                continue;
            }
            let body = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || **b == b'_')
                .count();
            if body > 1 && bytes.get(i + 1 + body) == Some(&quote) {
                found.push(text[i + 1..i + 1 + body].to_string());
            }
        }
        found
    }

    fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }

    fn workspace() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf()
    }

    const JS_QUOTES: &[u8] = b"\"'`";

    /// Strings the JavaScript uses that look like codes but are standard
    /// names: a JWK key type and the Web Cryptography API's EC algorithms.
    const NOT_CODES: &[&str] = &["EC", "ECDH", "ECDSA"];

    fn in_table(code: &str) -> bool {
        codes::lookup(code).is_some()
    }

    #[test]
    fn js_sources_raise_only_table_codes() {
        // Wherever the builtin scripts live under runtime/, they are scanned.
        let mut scripts = Vec::new();
        files(Path::new(env!("CARGO_MANIFEST_DIR")), "js", &mut scripts);
        assert!(scripts.len() >= 4, "{scripts:?}");
        let mut used = BTreeSet::new();
        for script in &scripts {
            let text = std::fs::read_to_string(script).unwrap();
            // The Node layer speaks Node's registry (errno names, ERR_*,
            // dns codes), not Kode's; its one Kode code is checked below.
            if script.parent().is_some_and(|d| d.ends_with("js/node")) {
                if text.contains("\"ENODE_UNSUPPORTED\"") {
                    used.insert("ENODE_UNSUPPORTED".to_string());
                }
                continue;
            }
            for code in code_literals(&text, JS_QUOTES) {
                if NOT_CODES.contains(&code.as_str()) {
                    continue;
                }
                assert!(
                    in_table(&code),
                    "{} uses {code}, not in codes::ALL",
                    script.display()
                );
                used.insert(code);
            }
        }
        for code in [
            "EINVALID_ARG",
            "ECANCELED",
            "ESCOPE_CLOSED",
            "ETIMEDOUT",
            "ENODE_UNSUPPORTED",
        ] {
            assert!(used.contains(code), "the scan missed {code}");
        }
    }

    #[test]
    fn kode_d_ts_declares_exactly_the_table() {
        let text = std::fs::read_to_string(workspace().join("kode.d.ts")).unwrap();
        let start = text
            .find("type KodeErrorCode =")
            .expect("KodeErrorCode union");
        let end = start + text[start..].find(';').unwrap();
        let declared: BTreeSet<String> = code_literals(&text[start..end], JS_QUOTES)
            .into_iter()
            .collect();
        let table: BTreeSet<String> = codes::ALL.iter().map(|c| c.code.to_string()).collect();
        let missing: Vec<_> = table.difference(&declared).collect();
        let extra: Vec<_> = declared.difference(&table).collect();
        assert!(missing.is_empty(), "kode.d.ts lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "kode.d.ts declares {extra:?}, not in codes::ALL"
        );
    }

    /// Rust names codes only through the table's constants: outside the table
    /// and the tests, no source spells one as a string literal.
    #[test]
    fn rust_sources_use_table_constants() {
        let mut sources = Vec::new();
        for krate in ["runtime", "kode-pack", "kode-run"] {
            files(&workspace().join(krate).join("src"), "rs", &mut sources);
        }
        assert!(sources.len() > 20);
        let mut bare = Vec::new();
        for source in &sources {
            let name = source.file_name().unwrap().to_string_lossy();
            // errno.rs: the OS's errno names for node:os, not Kode's codes.
            if name == "codes.rs"
                || name == "errno.rs"
                || name == "tests.rs"
                || name.ends_with("_tests.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(source).unwrap();
            // Code before the tests, without `//` comments (docs name codes in backticks).
            let code = text.split("#[cfg(test)]").next().unwrap();
            let code: String = code
                .lines()
                .map(|line| line.split("//").next().unwrap())
                .collect::<Vec<_>>()
                .join("\n");
            for literal in code_literals(&code, b"\"") {
                bare.push(format!("{}: \"{literal}\"", source.display()));
            }
        }
        assert!(
            bare.is_empty(),
            "bare code literals (use codes::*): {bare:#?}"
        );
    }

    #[test]
    fn the_scanner_finds_code_literals() {
        let text = r#"a("EINVALID_ARG", 'ENOENT', `ECANCELED`, "Error", "E", "EX-1", "ENOENT')"#;
        assert_eq!(
            code_literals(text, JS_QUOTES),
            ["EINVALID_ARG", "ENOENT", "ECANCELED"]
        );
        assert_eq!(code_literals(text, b"\""), ["EINVALID_ARG"]);
    }

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

//! Pack diagnostics, printed the way rustc and esbuild do: severity and code,
//! `file:line:col`, the source line and a caret under the span.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::parse::Location;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: PathBuf,
    pub location: Option<Location>,
    pub help: Option<String>,
}

/// Diagnostic codes are entries of the one table, [`crate::codes`].
pub use crate::codes;

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, file: &Path) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: file.to_path_buf(),
            location: None,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>, file: &Path) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, message, file)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col` (or just the file), with `file` shown relative to `base` when inside it.
    pub fn position(&self, base: &Path) -> String {
        let file = display_path(&self.file, base);
        match &self.location {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file,
        }
    }

    pub fn render(&self, base: &Path) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{severity}[{}]: {}\n", self.code, self.message);
        let position = self.position(base);
        match &self.location {
            Some(location) => {
                let number = location.line.to_string();
                let gutter = " ".repeat(number.len());
                let _ = writeln!(out, "{gutter}--> {position}");
                let _ = writeln!(out, "{gutter} |");
                let _ = writeln!(out, "{number} | {}", location.source_line);
                // Tabs stay tabs so the caret lines up under them.
                let pad: String = location
                    .source_line
                    .chars()
                    .take(location.column as usize - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(
                    out,
                    "{gutter} | {pad}{}",
                    "^".repeat(location.width as usize)
                );
                if let Some(help) = &self.help {
                    let _ = writeln!(out, "{gutter} = help: {help}");
                }
            }
            None => {
                let _ = writeln!(out, " --> {position}");
                if let Some(help) = &self.help {
                    let _ = writeln!(out, "  = help: {help}");
                }
            }
        }
        out
    }
}

pub fn display_path(path: &Path, base: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let location = Location {
            line: 12,
            column: 11,
            width: 11,
            source_line: "const x = require('./missing');".into(),
        };
        let d = Diagnostic::error(
            codes::EMODULE_NOT_FOUND,
            "cannot resolve './missing'",
            Path::new("/p/src/a.js"),
        )
        .at(location)
        .help("check the path");
        assert_eq!(
            d.render(Path::new("/p")),
            "error[EMODULE_NOT_FOUND]: cannot resolve './missing'\n  --> src/a.js:12:11\n   |\n12 | const x = require('./missing');\n   |           ^^^^^^^^^^^\n   = help: check the path\n"
        );
    }
}

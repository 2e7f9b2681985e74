//! `kode run FILE` and `kode -e CODE`: check the entry, then hand over to the runtime.

use std::path::{Path, PathBuf};

use kode_runtime::{Main, RunOptions};

/// Why an entry cannot run at all: one line on stderr, exit code 1.
pub struct EntryError {
    pub code: &'static str,
    pub message: String,
}

pub fn run_file(file: &Path, args: Vec<String>) -> i32 {
    match check_entry(file) {
        Ok(path) => kode_runtime::run(RunOptions {
            script: path.to_string_lossy().into_owned(),
            main: Main::File(path),
            args,
            executable: executable(),
        }),
        Err(err) => {
            eprintln!("error: {} ({})", err.message, err.code);
            1
        }
    }
}

pub fn run_eval(code: String, args: Vec<String>) -> i32 {
    kode_runtime::run(RunOptions {
        main: Main::Eval(code),
        args,
        executable: executable(),
        script: "[eval]".to_string(),
    })
}

fn executable() -> String {
    std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "kode".to_string())
}

/// The entry as a normalised absolute path, if it is a readable text file.
fn check_entry(file: &Path) -> Result<PathBuf, EntryError> {
    let shown = file.display();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let path = kode_pack::resolve::normalize(&cwd.join(file));
    let bytes = std::fs::read(&path).map_err(|err| {
        let code = kode_runtime::io_code(&err);
        let message = match code {
            "ENOENT" => format!("cannot run '{shown}': no such file"),
            "EISDIR" => format!("cannot run '{shown}': it is a directory"),
            "EACCES" => format!("cannot run '{shown}': permission denied"),
            _ => format!("cannot run '{shown}': {err}"),
        };
        EntryError { code, message }
    })?;
    if looks_binary(&bytes) {
        return Err(EntryError {
            code: "EINVALID_ENTRY",
            message: format!("cannot run '{shown}': not a JavaScript file (binary content)"),
        });
    }
    Ok(path)
}

/// A NUL byte or invalid UTF-8 means this is not JavaScript source text.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.contains(&0) || std::str::from_utf8(bytes).is_err()
}

#[cfg(test)]
mod tests {
    use super::looks_binary;

    #[test]
    fn binary_detection() {
        assert!(!looks_binary(b"console.log('h\xc3\xa9')"));
        assert!(looks_binary(b"\x7fELF\x00\x01"));
        assert!(looks_binary(b"abc\xff"));
    }
}

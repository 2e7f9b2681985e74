//! `kode run FILE` and `kode -e CODE`: check the entry, then hand over to the runtime.

use std::path::{Path, PathBuf};

use kode_pack::codes;
use kode_pack::kpk::{self, Bundle, Header};
use kode_runtime::{BundleModules, CacheTrust, Limits, Main, RunOptions, TextsCheck};

use crate::standalone::{self, dir_of};

/// Why an entry cannot run at all: one line on stderr, exit code 1.
pub struct EntryError {
    pub code: &'static str,
    pub message: String,
}

pub fn run_file(file: &Path, args: Vec<String>, limits: Limits, trust_cache: bool) -> i32 {
    let (path, bytes) = match check_entry(file) {
        Ok(entry) => entry,
        Err(err) => {
            eprintln!("error: {} ({})", err.message, err.code);
            return 1;
        }
    };
    let mut limits = limits;
    let main = if let Some(span) = standalone::bundle_span(&bytes) {
        // A bundle is kept for the life of the process, so that its heap
        // snapshot goes to V8 without a copy (a read file cannot change
        // under the run, unlike a mapped one). A script's bytes are not:
        // the loader reads its source itself.
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        match span.and_then(|span| kpk::read_static_deferred(&bytes[span])) {
            Ok((header, bundle, texts)) => {
                kode_runtime::trace::phase("bundle read and verified");
                limits.max_heap_mb = limits.max_heap_mb.or(bundle.max_heap_mb);
                // A bundle file (or another executable's payload) is not
                // self-authenticating: its caches need the local seal.
                let trust = crate::trust::cache_trust(&header, trust_cache);
                kode_runtime::trace::phase("seal checked");
                let modules = BundleModules::new(bundle, &dir_of(&path), trust);
                Main::Bundle(Box::new(check_texts(modules, texts, file)))
            }
            Err(err) => {
                eprintln!("{}", bundle_error(file, &err));
                return 1;
            }
        }
    } else if path.extension().is_some_and(|e| e == "kpk") {
        eprintln!(
            "error: cannot load bundle '{}': not a Kode bundle (wrong magic) (EBUNDLE_CORRUPT)",
            file.display()
        );
        return 1;
    } else if looks_binary(&bytes) {
        let shown = file.display();
        eprintln!("error: cannot run '{shown}': not a JavaScript file or a Kode bundle (binary content) (EINVALID_ENTRY)");
        return 1;
    } else {
        Main::File(path.clone())
    };
    kode_runtime::run(RunOptions {
        script: path.to_string_lossy().into_owned(),
        main,
        args,
        executable: executable(),
        limits,
    })
}

/// A self-contained executable: every argument goes to the program.
pub fn run_embedded(exe: &Path, bundle: Result<&'static [u8], kpk::KpkError>) -> i32 {
    let read = bundle.and_then(kpk::read_static_deferred);
    let (bundle, texts) = match read {
        Ok((_, bundle, texts)) => {
            kode_runtime::trace::phase("bundle read and verified");
            (bundle, texts)
        }
        Err(err) => {
            eprintln!("{}", bundle_error(exe, &err));
            return 1;
        }
    };
    let exe_text = exe.to_string_lossy().into_owned();
    let limits = Limits {
        max_heap_mb: bundle.max_heap_mb,
        max_cpu_ms: None,
    };
    kode_runtime::run(RunOptions {
        limits,
        // The payload shares a file with the runtime running it: what could
        // alter one could alter the other, so its caches are trusted.
        main: Main::Bundle(Box::new(check_texts(
            BundleModules::new(bundle, &dir_of(exe), CacheTrust::Trusted),
            texts,
            exe,
        ))),
        args: std::env::args_os()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect(),
        executable: exe_text.clone(),
        script: exe_text,
    })
}

/// Starts the check of a snapshot's module texts, which the reader left for
/// another core (the run waits for it before any JavaScript).
fn check_texts(
    modules: BundleModules,
    texts: Option<kpk::PendingTexts>,
    file: &Path,
) -> BundleModules {
    let Some(texts) = texts else {
        return modules;
    };
    let verify = |texts: kpk::PendingTexts, file: PathBuf| {
        move || texts.verify().map_err(|err| bundle_error(&file, &err))
    };
    let on_thread = std::thread::Builder::new()
        .name("kode-verify".into())
        .spawn(verify(texts.clone(), file.to_path_buf()));
    let check: TextsCheck = match on_thread {
        Ok(thread) => Box::new(move || {
            thread
                .join()
                .unwrap_or_else(|_| Err("error: the bundle check failed".into()))
        }),
        // No thread to be had: the run checks them itself.
        Err(_) => Box::new(verify(texts, file.to_path_buf())),
    };
    modules.check_texts_on(check)
}

/// One line: what is wrong with the bundle, and its stable code.
pub fn bundle_error(file: &Path, err: &kpk::KpkError) -> String {
    format!(
        "error: cannot load bundle '{}': {err} ({})",
        file.display(),
        err.code()
    )
}

/// Reads a bundle, or the bundle of an executable: `Ok(None)` when there is none.
pub fn read_bundle(file: &Path) -> Result<Option<(Header, Bundle)>, String> {
    let bytes = std::fs::read(file).map_err(|err| {
        format!(
            "error: cannot read '{}': {err} ({})",
            file.display(),
            kode_runtime::io_code(&err)
        )
    })?;
    match standalone::bundle_bytes(&bytes) {
        None => Ok(None),
        Some(found) => found
            .and_then(kpk::read)
            .map(Some)
            .map_err(|err| bundle_error(file, &err)),
    }
}

pub fn run_eval(code: String, args: Vec<String>, limits: Limits) -> i32 {
    kode_runtime::run(RunOptions {
        main: Main::Eval(code),
        args,
        executable: executable(),
        script: "[eval]".to_string(),
        limits,
    })
}

fn executable() -> String {
    std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| "kode".to_string())
}

/// The entry as a normalised absolute path, with its bytes.
fn check_entry(file: &Path) -> Result<(PathBuf, Vec<u8>), EntryError> {
    let shown = file.display();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let path = kode_pack::resolve::normalize(&cwd.join(file));
    let bytes = std::fs::read(&path).map_err(|err| {
        let code = kode_runtime::io_code(&err);
        let message = match code {
            codes::ENOENT => format!("cannot run '{shown}': no such file"),
            codes::EISDIR => format!("cannot run '{shown}': it is a directory"),
            codes::EACCES => format!("cannot run '{shown}': permission denied"),
            _ => format!("cannot run '{shown}': {err}"),
        };
        EntryError { code, message }
    })?;
    Ok((path, bytes))
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

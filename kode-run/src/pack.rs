//! `kode pack ENTRY -o OUT`: walk the graph, make code caches, write the bundle
//! atomically (a failed pack leaves nothing behind).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use kode_pack::codes;
use kode_pack::diagnostics::{display_path, Diagnostic, Severity};
use kode_pack::fs::RealFs;
use kode_pack::graph::{self, Edge, Graph, WalkOptions};
use kode_pack::kpk;
use kode_pack::resolve::normalize;

pub struct PackOptions {
    pub entry: PathBuf,
    pub out: PathBuf,
    pub root: Option<PathBuf>,
    /// Write a self-contained executable instead of a `.kpk`.
    pub exe: bool,
    /// Heap limit recorded in the bundle.
    pub max_heap_mb: Option<u32>,
    /// Take the code caches after evaluating the program once.
    pub warm: bool,
    /// Store a heap snapshot of the entry's dependencies (or whole entry).
    pub snapshot: Option<kode_runtime::SnapshotHow>,
}

pub fn pack(options: &PackOptions) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let entry = normalize(&cwd.join(&options.entry));
    if !entry.is_file() {
        let (what, code) = if entry.is_dir() {
            ("it is a directory", codes::EISDIR)
        } else {
            ("no such file", codes::ENOENT)
        };
        eprintln!(
            "error: cannot pack '{}': {what} ({code})",
            options.entry.display()
        );
        return 1;
    }
    let walk_options = WalkOptions {
        entry,
        root: options.root.as_ref().map(|r| normalize(&cwd.join(r))),
        builtins: kode_runtime::builtin_names(),
    };
    let progress = Progress::new();
    let walked = graph::walk(&RealFs, &walk_options, &mut |n| {
        progress.update(n, "reading modules")
    });
    let graph = match walked {
        Ok(graph) => graph,
        Err(diagnostics) => {
            progress.finish();
            report(&diagnostics, &cwd);
            let errors = diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            eprintln!(
                "error: could not pack '{}': {}",
                options.entry.display(),
                count(errors, "error")
            );
            return 1;
        }
    };
    report(&graph.warnings, &cwd);
    let out = normalize(&cwd.join(&options.out));
    if let Err(code) = check_output(&out, &graph, options, &cwd) {
        return code;
    }
    progress.update(graph.modules.len(), "compiling code caches");
    let mut bundle = make_bundle(&graph, &out);
    bundle.max_heap_mb = options.max_heap_mb;
    if options.warm {
        progress.update(graph.modules.len(), "warming the code caches");
        let base = out.parent().unwrap_or(Path::new("/"));
        let mut warm = kode_runtime::warm_code_caches(bundle.clone(), base);
        for module in &mut bundle.modules {
            if let Some(cache) = warm.remove(&module.path) {
                module.code_cache = Some(cache);
            }
        }
    }
    if let Some(how) = options.snapshot {
        progress.update(graph.modules.len(), "snapshotting the dependencies");
        let base = out.parent().unwrap_or(Path::new("/"));
        let made = snapshot(&bundle, base, how);
        if let Ok((_, warnings)) = &made {
            let entry = options.entry.display();
            for warning in warnings.lines().filter(|l| !l.is_empty()) {
                eprintln!("warning: '{entry}': {warning} (--freeze-facts)");
            }
        }
        match made.map(|(made, _)| made) {
            Ok(made) if made.heap.is_empty() => {
                let entry = options.entry.display();
                eprintln!(
                    "note: '{entry}' does not start with requires: no snapshot stored (--snapshot)"
                );
            }
            Ok(made) => {
                bundle.snapshot = Some(kpk::Snapshot {
                    base: base.to_string_lossy().into_owned(),
                    whole_entry: how.entry,
                    blob: made.heap.into(),
                    texts: made.texts,
                })
            }
            Err(message) => {
                progress.finish();
                let entry = options.entry.display();
                eprintln!(
                    "error: cannot snapshot '{entry}': {message} ({})",
                    codes::ESNAPSHOT
                );
                return 1;
            }
        }
    }
    progress.finish();
    if let Err(err) = kpk::check_size(&bundle) {
        let entry = options.entry.display();
        eprintln!(
            "error: cannot pack '{entry}': {err} ({})",
            kpk::TooLarge::CODE
        );
        return 1;
    }
    let mut bundle_bytes = kpk::write(&bundle);
    if !options.exe {
        // An executable needs no seal: its payload shares a file with its runtime.
        crate::trust::seal(&mut bundle_bytes);
    }
    let (bytes, mode) = if options.exe {
        let runtime = match std::env::current_exe().and_then(std::fs::read) {
            Ok(image) => image,
            Err(err) => {
                eprintln!("error: cannot read the kode binary to build an executable: {err}");
                return 1;
            }
        };
        (
            crate::standalone::append(crate::standalone::runtime_part(&runtime), &bundle_bytes),
            0o755,
        )
    } else {
        (bundle_bytes, 0o644)
    };
    // Compiling took a while: look again just before replacing anything.
    if let Err(code) = check_output(&out, &graph, options, &cwd) {
        return code;
    }
    if let Err(err) = write_atomically(&out, &bytes, mode) {
        eprintln!("error: cannot write '{}': {err}", options.out.display());
        return 1;
    }
    eprintln!(
        "packed {} into {} ({}){}",
        count(graph.modules.len(), "module"),
        options.out.display(),
        human_size(bytes.len()),
        match graph.warnings.len() {
            0 => String::new(),
            n => format!(", {}", count(n, "warning")),
        }
    );
    0
}

/// Runs `kode __snapshot` on `bundle` in a child process and returns the
/// blob with the child's warnings, or the one-line reason it gave (or how it
/// died). The child gets an empty environment: the pack's variables never
/// reach a heap that is shipped.
fn snapshot(
    bundle: &kpk::Bundle,
    base: &Path,
    how: kode_runtime::SnapshotHow,
) -> Result<(kode_runtime::AppSnapshot, String), String> {
    let dir = tempfile::tempdir().map_err(|e| format!("cannot make a temporary directory: {e}"))?;
    let input = dir.path().join("bundle.kpk");
    let output = dir.path().join("snapshot");
    std::fs::write(&input, kpk::write(bundle))
        .map_err(|e| format!("cannot write {}: {e}", input.display()))?;
    let exe = std::env::current_exe().map_err(|e| format!("cannot find the kode binary: {e}"))?;
    let child = std::process::Command::new(exe)
        .arg("__snapshot")
        .args([&input, base, &output])
        .args(how.freeze_facts.then_some("--freeze-facts"))
        .args(how.entry.then_some("--entry"))
        .env_clear()
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot start the snapshot process: {e}"))?;
    if child.status.success() {
        let warnings = String::from_utf8_lossy(&child.stderr).into_owned();
        return std::fs::read(&output)
            .map_err(|e| format!("cannot read the snapshot: {e}"))
            .and_then(|bytes| {
                decode_made(bytes).ok_or("the snapshot process wrote a damaged file".into())
            })
            .map(|made| (made, warnings));
    }
    let said = String::from_utf8_lossy(&child.stderr);
    let said = said.trim();
    Err(match child.status.code() {
        Some(_) if !said.is_empty() => said.to_string(),
        // V8 aborted: its report is many lines; its reason is one of them.
        _ => format!(
            "V8 cannot snapshot what the modules left in the heap ({}: {}): look for native objects they keep",
            child.status,
            v8_fatal_reason(said).unwrap_or("no reason given")
        ),
    })
}

/// The reason line of V8's fatal error report (`# Fatal error ...` then
/// `# <reason>`), if `said` holds one.
fn v8_fatal_reason(said: &str) -> Option<&str> {
    said.lines()
        .filter_map(|line| line.strip_prefix("# "))
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with("Fatal error"))
}

/// `kode __snapshot BUNDLE BASE OUT [--freeze-facts] [--entry]`: the child side of
/// [`snapshot`]. Its stderr is one line, the reason, when it fails, and one
/// line per frozen fact's reader when it succeeds.
pub fn make_snapshot(
    bundle: &Path,
    base: &Path,
    out: &Path,
    how: kode_runtime::SnapshotHow,
) -> i32 {
    let bundle = match std::fs::read(bundle)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            kpk::read(&bytes)
                .map(|(_, bundle)| bundle)
                .map_err(|e| e.to_string())
        }) {
        Ok(bundle) => bundle,
        Err(message) => {
            eprintln!("{message}");
            return 1;
        }
    };
    match kode_runtime::make_app_snapshot(bundle, base, how).and_then(|made| {
        std::fs::write(out, encode_made(&made))
            .map_err(|e| format!("cannot write {}: {e}", out.display()))
    }) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("{message}");
            1
        }
    }
}

/// The snapshot child's output file: `u32 slots`, `u32 n`, `n × u64`
/// text length, the texts, then the heap.
fn encode_made(made: &kode_runtime::AppSnapshot) -> Vec<u8> {
    let texts = &made.texts.texts;
    let mut out = Vec::with_capacity(8 + 8 * texts.len() + made.texts.len() + made.heap.len());
    out.extend_from_slice(&made.texts.slots.to_le_bytes());
    out.extend_from_slice(&(texts.len() as u32).to_le_bytes());
    for text in texts {
        out.extend_from_slice(&(text.len() as u64).to_le_bytes());
    }
    for text in texts {
        out.extend_from_slice(text);
    }
    out.extend_from_slice(&made.heap);
    out
}

/// [`encode_made`]'s file back; `None` if it does not add up.
fn decode_made(bytes: Vec<u8>) -> Option<kode_runtime::AppSnapshot> {
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let slots = u32_at(0)?;
    let n = u32_at(4)? as usize;
    let mut at = 8usize.checked_add(n.checked_mul(8)?)?;
    let mut texts = Vec::with_capacity(n.min(slots as usize));
    for i in 0..n {
        let len_at = 8 + 8 * i;
        let len = u64::from_le_bytes(bytes.get(len_at..len_at + 8)?.try_into().ok()?);
        let end = at.checked_add(usize::try_from(len).ok()?)?;
        texts.push(std::borrow::Cow::Owned(bytes.get(at..end)?.to_vec()));
        at = end;
    }
    Some(kode_runtime::AppSnapshot {
        heap: bytes.get(at..)?.to_vec(),
        texts: kpk::SnapshotTexts { slots, texts },
    })
}

fn report(diagnostics: &[Diagnostic], cwd: &Path) {
    for diagnostic in diagnostics {
        eprintln!("{}", diagnostic.render(cwd));
    }
}

use codes::EPACK_OUTPUT;

/// Reports (and fails with exit code 1) an output path pack must not replace.
fn check_output(out: &Path, graph: &Graph, options: &PackOptions, cwd: &Path) -> Result<(), i32> {
    let modules = graph
        .modules
        .iter()
        .map(|m| (m.path.as_path(), m.rel.as_str()));
    let Some(diagnostic) = refuse_output(out, &options.out, modules) else {
        return Ok(());
    };
    report(&[diagnostic], cwd);
    eprintln!(
        "error: could not pack '{}': 1 error",
        options.entry.display()
    );
    Err(1)
}

/// Why `out` (shown as `shown`, the way the user wrote it) must not be
/// replaced, if it must not: it is one of `modules` (`(path, name)`; the same
/// file, also through a symlink or a hard link: device and inode are
/// compared), or it exists and is not a regular file (a directory, a device,
/// a FIFO, a socket, or a symlink to one of those or to nothing). A path that
/// does not exist yet is fine.
fn refuse_output<'a>(
    out: &Path,
    shown: &Path,
    modules: impl Iterator<Item = (&'a Path, &'a str)>,
) -> Option<Diagnostic> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let shown = shown.display();
    let refuse = |message: String, help: &str| {
        Some(Diagnostic::error(EPACK_OUTPUT, message, out).help(help))
    };
    let own = std::fs::symlink_metadata(out).ok()?;
    let link = if own.file_type().is_symlink() {
        "a symbolic link to "
    } else {
        ""
    };
    let target = match std::fs::metadata(out) {
        Ok(target) => target,
        Err(err) => {
            let detail = kode_pack::fs::io_detail(&err);
            return refuse(
                format!("refusing to replace '{shown}': it is a symbolic link that leads to no file ({detail})"),
                "-o must name a regular file or a path that does not exist yet",
            );
        }
    };
    let kind = target.file_type();
    if !kind.is_file() {
        let what = if kind.is_dir() {
            "a directory"
        } else if kind.is_char_device() {
            "a character device"
        } else if kind.is_block_device() {
            "a block device"
        } else if kind.is_fifo() {
            "a FIFO"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        return refuse(
            format!("refusing to replace '{shown}': it is {link}{what}, not a regular file"),
            "-o must name a regular file or a path that does not exist yet",
        );
    }
    for (path, name) in modules {
        let Ok(module) = std::fs::metadata(path) else {
            continue;
        };
        if (module.dev(), module.ino()) == (target.dev(), target.ino()) {
            let how = if path == out {
                ""
            } else {
                " (through a hard or symbolic link)"
            };
            return refuse(
                format!("refusing to overwrite '{shown}': it is module '{name}' of this pack{how}"),
                "write the bundle to a path that is not one of its modules",
            );
        }
    }
    None
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

pub fn human_size(bytes: usize) -> String {
    match bytes {
        0..1024 => format!("{bytes} B"),
        1024..1_048_576 => format!("{:.1} KiB", bytes as f64 / 1024.0),
        _ => format!("{:.1} MiB", bytes as f64 / 1_048_576.0),
    }
}

/// The bundle for `graph`, with a V8 code cache made for each JS module under
/// the name it will run with (its path beside the bundle).
fn make_bundle(graph: &Graph, out: &Path) -> kpk::Bundle {
    let base = out.parent().unwrap_or(Path::new("/"));
    let names: Vec<String> = graph
        .modules
        .iter()
        .map(|m| base.join(&m.rel).to_string_lossy().into_owned())
        .collect();
    // CommonJS and ES modules get a cache, each compiled as run compiles it.
    let js: Vec<kode_runtime::CacheInput> = graph
        .modules
        .iter()
        .zip(&names)
        .map(|(m, name)| kode_runtime::CacheInput {
            kind: m.kind,
            filename: name,
            source: &m.source,
            node_globals: m.node_globals,
        })
        .collect();
    let caches = kode_runtime::create_code_caches(&js);
    let modules = graph
        .modules
        .iter()
        .zip(caches)
        .map(|(m, cache)| {
            kpk::Module::new(m.rel.clone(), m.kind, m.source.clone(), cache)
                .with_cjs_exports(m.cjs_exports.clone())
                .with_source_map(m.source_map.clone())
                .with_node_globals(m.node_globals)
        })
        .collect();
    let resolutions = graph
        .edges
        .iter()
        .map(|(from, specifier, kind, edge)| kpk::Resolution {
            from: *from as u32,
            specifier: specifier.clone(),
            kind: *kind,
            target: match edge {
                Edge::Module(i) => kpk::Target::Module(*i as u32),
                Edge::Builtin(name) => kpk::Target::Builtin(name.clone()),
                Edge::Missing => kpk::Target::Missing,
            },
        })
        .collect();
    let warnings = graph
        .warnings
        .iter()
        .map(|d| kpk::Warning {
            code: d.code.to_string(),
            message: d.message.clone(),
            file: display_path(&d.file, &graph.root),
            line: d.location.as_ref().map_or(0, |l| l.line),
            column: d.location.as_ref().map_or(0, |l| l.column),
        })
        .collect();
    kpk::Bundle {
        v8_version: kode_runtime::v8_version().to_string(),
        flags_hash: kode_runtime::flags_hash(),
        flags: 0,
        modules,
        entry: graph.entry as u32,
        resolutions,
        warnings,
        max_heap_mb: None,
        snapshot: None,
        pending_bodies: None,
    }
}

/// Writes `bytes` to `out` so that `out` is either untouched or complete: the
/// data goes to an unnamed file (`O_TMPFILE`) in the target's directory, which
/// gets a name only once it is complete and synced, and is then renamed over
/// the target. A pack killed while writing leaves nothing behind.
pub fn write_atomically(out: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = out.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.set_permissions(std::fs::Permissions::from_mode(mode))?;
    file.sync_all()?;
    let name = tempfile::Builder::new()
        .prefix(".kode-pack-")
        .make_in(dir, |path| kode_runtime::unnamed::link(&file, path))?;
    let (_, path) = name.keep().map_err(|e| e.error)?;
    std::fs::rename(&path, out).inspect_err(|_| {
        let _ = std::fs::remove_file(&path);
    })
}

/// A progress bar on a terminal, shown only once a pack has taken a moment.
struct Progress {
    bar: indicatif::ProgressBar,
    started: Instant,
    interactive: bool,
}

impl Progress {
    fn new() -> Self {
        Progress {
            bar: indicatif::ProgressBar::hidden(),
            started: Instant::now(),
            interactive: std::io::stderr().is_terminal(),
        }
    }

    fn update(&self, modules: usize, stage: &str) {
        if !self.interactive {
            return;
        }
        if self.bar.is_hidden() && self.started.elapsed() > Duration::from_millis(300) {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {msg}").expect("template"),
            );
            self.bar.enable_steady_tick(Duration::from_millis(100));
        }
        self.bar
            .set_message(format!("{stage}: {}", count(modules, "module")));
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first line of the refusal for `out`, if refused.
    fn refusal(out: &Path, modules: &[(&Path, &str)]) -> Option<String> {
        refuse_output(out, out, modules.iter().copied()).map(|d| {
            assert_eq!(d.code, EPACK_OUTPUT);
            d.message
        })
    }

    #[test]
    fn output_is_never_a_module_or_a_special_file() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let main = dir.join("main.js");
        std::fs::write(&main, "1").unwrap();
        std::fs::write(dir.join("other.kpk"), "old").unwrap();
        std::fs::hard_link(&main, dir.join("hard.kpk")).unwrap();
        std::os::unix::fs::symlink(&main, dir.join("soft.kpk")).unwrap();
        std::os::unix::fs::symlink(dir.join("other.kpk"), dir.join("to_other.kpk")).unwrap();
        std::os::unix::fs::symlink("/dev/null", dir.join("null.kpk")).unwrap();
        std::os::unix::fs::symlink(dir.join("gone"), dir.join("dangling.kpk")).unwrap();
        std::fs::create_dir(dir.join("sub")).unwrap();
        let fifo = std::ffi::CString::new(dir.join("fifo").to_str().unwrap()).unwrap();
        // SAFETY: a valid C string.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        let modules: &[(&Path, &str)] = &[(&main, "main.js")];

        let shown = |name: &str| dir.join(name).display().to_string();
        assert_eq!(
            refusal(&main, modules).unwrap(),
            format!(
                "refusing to overwrite '{}': it is module 'main.js' of this pack",
                shown("main.js")
            )
        );
        for link in ["hard.kpk", "soft.kpk"] {
            let message = refusal(&dir.join(link), modules).unwrap();
            assert!(
                message.ends_with(
                    "it is module 'main.js' of this pack (through a hard or symbolic link)"
                ),
                "{message}"
            );
        }
        let expect = [
            ("sub", "it is a directory, not a regular file"),
            ("fifo", "it is a FIFO, not a regular file"),
            (
                "null.kpk",
                "it is a symbolic link to a character device, not a regular file",
            ),
            (
                "dangling.kpk",
                "it is a symbolic link that leads to no file (no such file or directory)",
            ),
        ];
        for (name, why) in expect {
            assert_eq!(
                refusal(&dir.join(name), modules).unwrap(),
                format!("refusing to replace '{}': {why}", shown(name))
            );
        }
        assert_eq!(
            refusal(Path::new("/dev/null"), modules).unwrap(),
            "refusing to replace '/dev/null': it is a character device, not a regular file"
        );
        // A new path, an unrelated regular file and a symlink to one may be replaced.
        for name in ["new.kpk", "other.kpk", "to_other.kpk"] {
            assert_eq!(refusal(&dir.join(name), modules), None, "{name}");
        }
    }
}

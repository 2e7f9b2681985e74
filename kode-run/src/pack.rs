//! `kode pack ENTRY -o OUT`: walk the graph, make code caches, write the bundle
//! atomically (a failed pack leaves nothing behind).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
}

pub fn pack(options: &PackOptions) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let entry = normalize(&cwd.join(&options.entry));
    if !entry.is_file() {
        let what = if entry.is_dir() {
            "it is a directory"
        } else {
            "no such file"
        };
        eprintln!(
            "error: cannot pack '{}': {what} (ENOENT)",
            options.entry.display()
        );
        return 1;
    }
    let walk_options = WalkOptions {
        entry,
        root: options.root.as_ref().map(|r| normalize(&cwd.join(r))),
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
    progress.update(graph.modules.len(), "compiling code caches");
    let out = normalize(&cwd.join(&options.out));
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
    progress.finish();
    let bundle_bytes = kpk::write(&bundle);
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

fn report(diagnostics: &[Diagnostic], cwd: &Path) {
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        let _ = writeln!(stderr, "{}", diagnostic.render(cwd));
    }
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
    let js: Vec<(&str, &str)> = graph
        .modules
        .iter()
        .zip(&names)
        .filter(|(m, _)| m.kind == kpk::ModuleKind::Js)
        .map(|(m, name)| (name.as_str(), m.source.as_str()))
        .collect();
    let mut caches = kode_runtime::create_code_caches(&js).into_iter();
    let modules = graph
        .modules
        .iter()
        .map(|m| {
            let (kind, cache) = match m.kind {
                kpk::ModuleKind::Js => (m.kind, caches.next().flatten()),
                kpk::ModuleKind::Json => (m.kind, None),
            };
            kpk::Module::new(m.rel.clone(), kind, m.source.clone(), cache)
        })
        .collect();
    let resolutions = graph
        .edges
        .iter()
        .map(|(from, specifier, edge)| kpk::Resolution {
            from: *from as u32,
            specifier: specifier.clone(),
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
        .make_in(dir, |path| link(&file, path))?;
    let (_, path) = name.keep().map_err(|e| e.error)?;
    std::fs::rename(&path, out).inspect_err(|_| {
        let _ = std::fs::remove_file(&path);
    })
}

/// Gives the unnamed file `file` the name `path` (fails if `path` exists).
fn link(file: &std::fs::File, path: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let from = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).expect("no NUL");
    let to =
        CString::new(path.as_os_str().as_bytes()).map_err(|_| std::io::ErrorKind::InvalidInput)?;
    // SAFETY: two valid C strings; AT_FDCWD with absolute or cwd-relative paths.
    let done = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
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

//! Kode's runtime: one V8 isolate per run, CommonJS modules, a Tokio-backed
//! event loop and the `kode:*` builtins.

/// Every `eprintln!` in this crate goes through [`output`]: a failed write is
/// recorded and reported instead of panicking (SPEC §1).
macro_rules! eprintln {
    ($($arg:tt)*) => {
        $crate::output::eprint_line(format_args!($($arg)*))
    };
}

mod app_snapshot;
mod bundle;
mod compile;
mod error;
mod esm;
mod event_loop;
mod ext;
mod file_io;
mod isolate;
#[cfg(test)]
mod layout_tests;
mod limits;
mod modules;
mod options;
pub mod output;
mod platform;
mod references;
mod resources;
mod snapshot;
mod snapshot_texts;
mod source_maps;
mod state;
mod structured;
mod tasks;
mod timers;
mod tls;
pub mod trace;
pub mod unnamed;
mod utf8;
mod v8_util;
mod value;
mod warm;

pub use app_snapshot::How as SnapshotHow;
pub use app_snapshot::Made as AppSnapshot;
pub use bundle::{cache_check, BundleModules, CacheTrust, TextsCheck};
pub use compile::{flags_hash, v8_version};
pub use error::{codes, io_code, KodeError};
pub use ext::builtin_names;
pub use isolate::{make_bootstrap_snapshot, make_builtin_caches};
pub use limits::Limits;
pub use options::{Main, RunOptions};
pub use snapshot::{fingerprint as snapshot_fingerprint, Bootstrap};
pub use warm::{create_code_caches, warm_code_caches, CacheInput};

/// Makes every later isolate of this process start from `bootstrap` (see
/// `snapshot.rs`), unless it was made against other external references.
pub fn use_bootstrap(bootstrap: Bootstrap) {
    snapshot::use_bootstrap(bootstrap, references::names());
}

/// The names of the external-reference table a bootstrap snapshot is made
/// against, in order.
pub fn reference_names() -> impl Iterator<Item = &'static str> {
    references::names()
}

/// `kode pack --snapshot`'s child: the heap snapshot of `bundle`'s
/// dependencies (or whole entry), loaded as they run from `base`.
pub fn make_app_snapshot(
    bundle: kode_pack::kpk::Bundle,
    base: &std::path::Path,
    how: SnapshotHow,
) -> Result<AppSnapshot, String> {
    // The modules run on a thread with a run's stack.
    let base = base.to_path_buf();
    let spawned = std::thread::Builder::new()
        .stack_size(platform::THREAD_STACK)
        .spawn(move || app_snapshot::make(bundle, &base, how));
    match spawned {
        Ok(handle) => handle
            .join()
            .unwrap_or_else(|_| Err("the snapshot thread panicked".into())),
        Err(err) => Err(resource_error("start the JavaScript thread", &err)),
    }
}

/// Runs the program to completion and returns the process exit code. Meant to
/// be called once, just before the process exits: the isolate is not torn down.
pub fn run(options: RunOptions) -> i32 {
    // The run gets its own thread for its big stack (see `platform::THREAD_STACK`).
    let spawned = std::thread::Builder::new()
        .name("kode-main".into())
        .stack_size(platform::THREAD_STACK)
        .spawn(move || event_loop::run(options));
    match spawned {
        Ok(handle) => handle.join().unwrap_or(1),
        Err(err) => {
            eprintln!("{}", resource_error("start the JavaScript thread", &err));
            1
        }
    }
}

/// One line for a thread or runtime the OS refused to create (`ulimit -u`,
/// memory): `error: cannot start the JavaScript thread: resource temporarily
/// unavailable (EAGAIN) (ERESOURCE)`.
fn resource_error(what: &str, err: &std::io::Error) -> String {
    format!(
        "error: cannot {what}: {} ({}) ({})",
        kode_pack::fs::io_detail(err),
        io_code(err),
        error::codes::ERESOURCE
    )
}

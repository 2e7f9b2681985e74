//! The `kode` binary.

/// Every `eprintln!` in this crate goes through `kode_runtime::output` (as
/// does stdout, written only by `inspect`): a failed write is recorded and
/// reported on the other stream instead of panicking, and [`exit`] folds it
/// into the exit code.
macro_rules! eprintln {
    ($($arg:tt)*) => {
        kode_runtime::output::eprint_line(format_args!($($arg)*))
    };
}

mod bootstrap;
mod cli;
mod inspect;
mod pack;
mod run;
mod standalone;
mod trust;

use std::process::ExitCode;

use standalone::Embedded;

/// mimalloc for Rust's allocations (V8 keeps its own): a served request
/// allocates and frees in batches, which overflows glibc's per-thread
/// caches into its slower bins.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    kode_runtime::trace::begin();
    bootstrap::install();
    // A self-contained executable runs its bundle and has no CLI of its own.
    match standalone::embedded_bundle() {
        Embedded::None => {}
        Embedded::Bundle(exe, bundle) => return exit(run::run_embedded(&exe, bundle)),
        Embedded::Unreadable(message) => {
            eprintln!("{message}");
            return exit(1);
        }
    }
    let code = match cli::parse() {
        cli::Command::Run {
            file,
            args,
            limits,
            trust_cache,
        } => run::run_file(&file, args, limits, trust_cache),
        cli::Command::Eval { code, args, limits } => run::run_eval(code, args, limits),
        cli::Command::Pack(options) => pack::pack(&options),
        cli::Command::MakeSnapshot {
            bundle,
            base,
            out,
            how,
        } => pack::make_snapshot(&bundle, &base, &out, how),
        cli::Command::Inspect { file, json } => inspect::inspect(&file, json),
    };
    exit(code)
}

/// Exit codes are a byte, as the OS keeps them (`Kode.exit(256)` is 0). A
/// failed write to stdout or stderr (other than a closed pipe) makes a
/// successful run exit with 1.
fn exit(code: i32) -> ExitCode {
    kode_runtime::trace::phase("exiting");
    let code = kode_runtime::output::exit_code(code & 0xff);
    ExitCode::from(code as u8)
}

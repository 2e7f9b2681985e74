//! The `kode` binary.

mod cli;
mod inspect;
mod pack;
mod run;
mod standalone;

use std::process::ExitCode;

fn main() -> ExitCode {
    kode_runtime::trace::begin();
    // A self-contained executable runs its bundle and has no CLI of its own.
    if let Some((exe, bundle)) = standalone::embedded_bundle() {
        return exit(run::run_embedded(&exe, bundle));
    }
    let code = match cli::parse() {
        cli::Command::Run { file, args, limits } => run::run_file(&file, args, limits),
        cli::Command::Eval { code, args, limits } => run::run_eval(code, args, limits),
        cli::Command::Pack(options) => pack::pack(&options),
        cli::Command::Inspect { file, json } => inspect::inspect(&file, json),
    };
    exit(code)
}

/// Exit codes are a byte, as the OS keeps them (`Kode.exit(256)` is 0).
fn exit(code: i32) -> ExitCode {
    kode_runtime::trace::phase("exiting");
    ExitCode::from((code & 0xff) as u8)
}

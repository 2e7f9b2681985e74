//! The `kode` binary.

mod cli;
mod inspect;
mod pack;
mod run;

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = match cli::parse() {
        cli::Command::Run { file, args } => run::run_file(&file, args),
        cli::Command::Eval { code, args } => run::run_eval(code, args),
        cli::Command::Pack(options) => pack::pack(&options),
        cli::Command::Inspect { file, json } => inspect::inspect(&file, json),
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

//! Command-line parsing. clap types stay in this file: the rest of the binary
//! sees only `Command`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "kode",
    version,
    about = "Kode: an ahead-of-time JavaScript bundler and runner on V8",
    args_conflicts_with_subcommands = true,
    override_usage = "kode run FILE [ARGS]...\n       kode FILE [ARGS]...\n       kode -e CODE [ARGS]...\n       kode pack ENTRY -o OUT [--exe]\n       kode inspect FILE"
)]
struct Cli {
    /// Run CODE; `require` resolves from the working directory
    #[arg(short = 'e', long = "eval", value_name = "CODE")]
    eval: Option<String>,

    /// FILE to run, then the arguments passed to the program
    #[arg(trailing_var_arg = true, value_name = "FILE [ARGS]")]
    rest: Vec<String>,

    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(Subcommand)]
enum Sub {
    /// Run a .js file or a .kpk bundle
    Run {
        file: PathBuf,
        /// Arguments passed to the program (Kode.args.values)
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Bundle ENTRY and everything it requires into one .kpk file
    Pack {
        entry: PathBuf,
        /// Output file
        #[arg(short = 'o', long = "out", value_name = "OUT")]
        out: PathBuf,
        /// Pack root: module paths in the bundle are relative to it (default:
        /// the nearest ancestor of ENTRY's directory holding a package.json)
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Write a self-contained executable (the kode runtime with the bundle appended)
        #[arg(long)]
        exe: bool,
    },
    /// Show what a bundle holds
    Inspect {
        file: PathBuf,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub enum Command {
    Run { file: PathBuf, args: Vec<String> },
    Eval { code: String, args: Vec<String> },
    Pack(crate::pack::PackOptions),
    Inspect { file: PathBuf, json: bool },
}

/// Parses `std::env::args`; on a usage error clap prints it and exits with 2.
pub fn parse() -> Command {
    let cli = Cli::parse();
    match (cli.command, cli.eval) {
        (Some(Sub::Run { file, args }), _) => Command::Run { file, args },
        (
            Some(Sub::Pack {
                entry,
                out,
                root,
                exe,
            }),
            _,
        ) => Command::Pack(crate::pack::PackOptions {
            entry,
            out,
            root,
            exe,
        }),
        (Some(Sub::Inspect { file, json }), _) => Command::Inspect { file, json },
        (None, Some(code)) => Command::Eval {
            code,
            args: cli.rest,
        },
        (None, None) => {
            let mut rest = cli.rest.into_iter();
            match rest.next() {
                Some(file) => Command::Run {
                    file: PathBuf::from(file),
                    args: rest.collect(),
                },
                None => {
                    use clap::CommandFactory;
                    let mut cmd = Cli::command();
                    let _ = cmd.print_help();
                    std::process::exit(2);
                }
            }
        }
    }
}

//! Command-line parsing. clap types stay in this file: the rest of the binary
//! sees only `Command`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use kode_runtime::output::Stream;
use kode_runtime::Limits;

#[derive(Parser)]
#[command(
    name = "kode",
    version,
    about = "Kode: an ahead-of-time JavaScript bundler and runner on V8",
    args_conflicts_with_subcommands = true,
    override_usage = "kode run [LIMITS] [--trust-cache] FILE [ARGS]...\n       kode [LIMITS] FILE [ARGS]...\n       kode [LIMITS] -e CODE [ARGS]...\n       kode pack ENTRY -o OUT [--exe] [--warm] [--snapshot[=entry] [--freeze-facts]] [--root DIR] [--max-heap-mb N]\n       kode inspect FILE [--json]"
)]
struct Cli {
    /// Run CODE; `require` resolves from the working directory
    #[arg(short = 'e', long = "eval", value_name = "CODE")]
    eval: Option<String>,

    #[command(flatten)]
    limits: LimitArgs,

    #[command(flatten)]
    trust: TrustArgs,

    /// FILE to run, then the arguments passed to the program
    #[arg(trailing_var_arg = true, value_name = "FILE [ARGS]")]
    rest: Vec<String>,

    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(Args, Clone, Copy)]
struct LimitArgs {
    /// Limit the JavaScript heap to N MB; exceeding it is an uncaught EHEAP_LIMIT error
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_heap_mb: Option<u32>,
    /// Stop the program with an uncaught ETIMEOUT error after N ms of CPU time
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    max_cpu_ms: Option<u64>,
}

#[derive(Args, Clone, Copy)]
struct TrustArgs {
    /// Use the code caches of a bundle that was not packed by this user (a code
    /// cache is executable input: only for bundles you trust like a program)
    #[arg(long)]
    trust_cache: bool,
}

impl From<LimitArgs> for Limits {
    fn from(args: LimitArgs) -> Self {
        Limits {
            max_heap_mb: args.max_heap_mb,
            max_cpu_ms: args.max_cpu_ms,
        }
    }
}

#[derive(Subcommand)]
enum Sub {
    /// Run a .js file, a .kpk bundle or an executable's bundle
    Run {
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        trust: TrustArgs,
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
        /// Evaluate the program once while packing (host I/O refused, output dropped)
        /// so the code cache also holds the functions start-up compiles lazily
        #[arg(long)]
        warm: bool,
        /// Load the entry's leading requires once while packing (or, with
        /// =entry, run the entry, which calls Kode.snapshot.setMain) and store
        /// the V8 heap left, so runs start from it (CommonJS; see the README)
        #[arg(long, value_name = "WHAT", num_args = 0..=1, require_equals = true, default_missing_value = "deps", value_enum)]
        snapshot: Option<SnapshotWhat>,
        /// With --snapshot: let dependencies read the process's facts while they
        /// load (they see an empty environment and no arguments, kept at run time)
        #[arg(long, requires = "snapshot")]
        freeze_facts: bool,
        /// Record a heap limit of N MB in the bundle (a run's own --max-heap-mb wins)
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        max_heap_mb: Option<u32>,
    },
    /// `kode pack --snapshot`'s child process: reads a bundle, writes its
    /// heap snapshot (V8 aborts on what it cannot serialize, so not in the
    /// process that writes the bundle)
    #[command(name = "__snapshot", hide = true)]
    MakeSnapshot {
        bundle: PathBuf,
        /// The directory the bundle will run from
        base: PathBuf,
        out: PathBuf,
        #[arg(long)]
        freeze_facts: bool,
        #[arg(long)]
        entry: bool,
    },
    /// Show what a bundle (or an executable's bundle) holds
    Inspect {
        file: PathBuf,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

pub enum Command {
    Run {
        file: PathBuf,
        args: Vec<String>,
        limits: Limits,
        /// `--trust-cache`: honour the code caches of an unsealed or foreign bundle.
        trust_cache: bool,
    },
    Eval {
        code: String,
        args: Vec<String>,
        limits: Limits,
    },
    Pack(crate::pack::PackOptions),
    MakeSnapshot {
        bundle: PathBuf,
        base: PathBuf,
        out: PathBuf,
        how: kode_runtime::SnapshotHow,
    },
    Inspect {
        file: PathBuf,
        json: bool,
    },
}

/// Writes `text` and exits with `code` (or the output error's code).
fn exit_after(stream: Stream, text: &str, code: i32) -> ! {
    let code = match kode_runtime::output::write(stream, text.as_bytes()) {
        Ok(()) => code,
        Err(failure) if code == 0 => failure.exit_code(),
        Err(_) => code,
    };
    std::process::exit(kode_runtime::output::exit_code(code))
}

/// Parses `std::env::args`; on a usage error clap prints it and exits with 2.
pub fn parse() -> Command {
    let cli = Cli::try_parse().unwrap_or_else(|err| {
        // Help and version go to stdout, usage errors to stderr; both through
        // Kode's checked output, so `kode --version > /dev/full` fails.
        let stream = if err.use_stderr() {
            Stream::Stderr
        } else {
            Stream::Stdout
        };
        exit_after(stream, &err.render().to_string(), err.exit_code())
    });
    match (cli.command, cli.eval) {
        (
            Some(Sub::Run {
                limits,
                trust,
                file,
                args,
            }),
            _,
        ) => Command::Run {
            file,
            args,
            limits: limits.into(),
            trust_cache: trust.trust_cache,
        },
        (
            Some(Sub::Pack {
                entry,
                out,
                root,
                exe,
                warm,
                snapshot,
                freeze_facts,
                max_heap_mb,
            }),
            _,
        ) => Command::Pack(crate::pack::PackOptions {
            entry,
            out,
            root,
            exe,
            warm,
            snapshot: snapshot.map(|what| kode_runtime::SnapshotHow {
                entry: what == SnapshotWhat::Entry,
                freeze_facts,
            }),
            max_heap_mb,
        }),
        (
            Some(Sub::MakeSnapshot {
                bundle,
                base,
                out,
                freeze_facts,
                entry,
            }),
            _,
        ) => Command::MakeSnapshot {
            bundle,
            base,
            out,
            how: kode_runtime::SnapshotHow {
                entry,
                freeze_facts,
            },
        },
        (Some(Sub::Inspect { file, json }), _) => Command::Inspect { file, json },
        (None, Some(code)) => Command::Eval {
            code,
            args: cli.rest,
            limits: cli.limits.into(),
        },
        (None, None) => {
            let mut rest = cli.rest.into_iter();
            match rest.next() {
                Some(file) => Command::Run {
                    file: PathBuf::from(file),
                    args: rest.collect(),
                    limits: cli.limits.into(),
                    trust_cache: cli.trust.trust_cache,
                },
                None => {
                    use clap::CommandFactory;
                    let help = Cli::command().render_help().to_string();
                    exit_after(Stream::Stdout, &help, 2)
                }
            }
        }
    }
}

/// What `kode pack --snapshot` loads at pack time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SnapshotWhat {
    /// The entry's leading requires.
    Deps,
    /// The whole entry (it calls `Kode.snapshot.setMain`).
    Entry,
}

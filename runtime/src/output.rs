//! Every write to stdout and stderr, checked (SPEC §1). The rules:
//!
//! - A closed pipe (`EPIPE`, as in `kode app.js | head -1`) ends the output
//!   quietly: nothing is reported, and a run stops with exit code 0 (what a
//!   shell pipeline expects; Rust ignores `SIGPIPE` before `main`, so the
//!   write returns `EPIPE` instead of killing the process).
//! - Any other error (`ENOSPC`, `EIO`, ...) is reported once, in one line on
//!   the other stream (if that one still works), and the process exits with
//!   [`EXIT_OUTPUT_ERROR`] unless it was already failing with another code.
//!
//! A stream that failed is not written again. The state is process-wide:
//! [`exit_code`] folds it into the code the process would otherwise exit with.

use std::io::{self, Write};
use std::sync::atomic::{AtomicU8, Ordering};

/// The exit code of a process whose output failed (other than a closed pipe).
pub const EXIT_OUTPUT_ERROR: i32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Why a write did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The reader went away (`EPIPE`): stop quietly, exit code 0.
    Closed,
    /// Any other error; already reported on the other stream.
    Failed,
}

impl Failure {
    /// The exit code of a run that this failure stops.
    pub fn exit_code(self) -> i32 {
        match self {
            Failure::Closed => 0,
            Failure::Failed => EXIT_OUTPUT_ERROR,
        }
    }
}

const OK: u8 = 0;
const CLOSED: u8 = 1;
const FAILED: u8 = 2;

static STDOUT: AtomicU8 = AtomicU8::new(OK);
static STDERR: AtomicU8 = AtomicU8::new(OK);

impl Stream {
    fn state(self) -> &'static AtomicU8 {
        match self {
            Stream::Stdout => &STDOUT,
            Stream::Stderr => &STDERR,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }

    fn other(self) -> Stream {
        match self {
            Stream::Stdout => Stream::Stderr,
            Stream::Stderr => Stream::Stdout,
        }
    }

    /// Writes and flushes (stdout is line-buffered: an error must show up now,
    /// not in the unchecked flush at exit).
    fn write_all(self, bytes: &[u8]) -> io::Result<()> {
        match self {
            Stream::Stdout => {
                let mut out = io::stdout().lock();
                out.write_all(bytes)?;
                out.flush()
            }
            Stream::Stderr => {
                let mut err = io::stderr().lock();
                err.write_all(bytes)?;
                err.flush()
            }
        }
    }
}

/// Writes all of `bytes` to `stream`. On failure the stream is marked broken
/// and an error other than `EPIPE` is reported on the other stream.
pub fn write(stream: Stream, bytes: &[u8]) -> Result<(), Failure> {
    match stream.state().load(Ordering::Relaxed) {
        CLOSED => return Err(Failure::Closed),
        FAILED => return Err(Failure::Failed),
        _ => {}
    }
    let result = stream.write_all(bytes);
    record(stream, result)
}

/// Writes `text` and a newline to `stream` (see [`write`]).
pub fn write_line(stream: Stream, text: &str) -> Result<(), Failure> {
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    write(stream, line.as_bytes())
}

/// Marks `stream` by the outcome of a write to it; the one place the rules live.
pub fn record(stream: Stream, result: io::Result<()>) -> Result<(), Failure> {
    let Err(err) = result else { return Ok(()) };
    if err.kind() == io::ErrorKind::BrokenPipe {
        stream.state().store(CLOSED, Ordering::Relaxed);
        return Err(Failure::Closed);
    }
    if stream.state().swap(FAILED, Ordering::Relaxed) == OK {
        let other = stream.other();
        if other.state().load(Ordering::Relaxed) == OK {
            let line = failure_line(stream, &err);
            // If this fails too, there is nowhere left to say so.
            let _ = record(other, other.write_all(line.as_bytes()));
        }
    }
    Err(Failure::Failed)
}

/// `kode: cannot write to stdout: no space left on device (ENOSPC)`.
fn failure_line(stream: Stream, err: &io::Error) -> String {
    format!(
        "kode: cannot write to {}: {} ({})\n",
        stream.name(),
        kode_pack::fs::io_detail(err),
        crate::error::io_code(err)
    )
}

/// The exit code of a process that would exit with `code`: an output error
/// (other than a closed pipe) turns success into [`EXIT_OUTPUT_ERROR`]; a
/// failing code stays as it is.
pub fn exit_code(code: i32) -> i32 {
    let failed = [Stream::Stdout, Stream::Stderr]
        .iter()
        .any(|s| s.state().load(Ordering::Relaxed) == FAILED);
    if failed && code == 0 {
        EXIT_OUTPUT_ERROR
    } else {
        code
    }
}

/// `eprintln!` for the whole crate (see `lib.rs`): checked, never a panic.
#[doc(hidden)]
pub fn eprint_line(args: std::fmt::Arguments) {
    let _ = write_line(Stream::Stderr, &args.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_lines_name_the_stream_and_code() {
        let err = io::Error::from_raw_os_error(libc::ENOSPC);
        assert_eq!(
            failure_line(Stream::Stdout, &err),
            "kode: cannot write to stdout: no space left on device (ENOSPC)\n"
        );
        let err = io::Error::from_raw_os_error(libc::EIO);
        assert_eq!(
            failure_line(Stream::Stderr, &err),
            "kode: cannot write to stderr: input/output error (EIO)\n"
        );
    }

    #[test]
    fn exit_codes() {
        assert_eq!(Failure::Closed.exit_code(), 0);
        assert_eq!(Failure::Failed.exit_code(), EXIT_OUTPUT_ERROR);
    }
}

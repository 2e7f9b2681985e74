//! The ops behind `Kode.stdin` and `isTerminal()`.

use std::fs::File;
use std::io::IsTerminal;
use std::os::fd::AsFd;
use std::sync::Arc;

use crate::error::{codes, io_code, KodeError};
use crate::ext::args::op;
use crate::file_io::{chunk_reader, OnError};
use crate::resources::{ChunkStream, NewResource, StreamResource};
use crate::state::state;
use crate::value::OpValue;

/// Stdin is read in chunks of at most this many bytes...
const CHUNK: usize = 64 * 1024;

/// ...and at most this many chunks ahead of the program.
const READ_AHEAD: usize = 4;

const READ: &str = "Kode.stdin.read";

/// An error of stdin, worded like a file's (`EIO: input/output error,
/// Kode.stdin.read`), without a path.
fn stdin_error(err: &std::io::Error) -> KodeError {
    let code = io_code(err);
    let detail = kode_pack::fs::io_detail(err);
    KodeError::new(code, format!("{code}: {detail}, {READ}")).operation(READ)
}

async fn open_stdin() -> Result<OpValue, KodeError> {
    let fd = std::io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|err| stdin_error(&err))?;
    let file = Arc::new(File::from(fd));
    let on_err: OnError = Arc::new(|err| stdin_error(&err));
    // The descriptor's own offset: a file given as stdin is read from where
    // the shell left it, and the parent sees how far we read.
    let produce = chunk_reader(file, CHUNK, None, on_err);
    let closed = KodeError::new(codes::ECLOSED, "ECLOSED: Kode.stdin is closed").operation(READ);
    let stream = ChunkStream::start(READ_AHEAD, produce, closed);
    // Descriptor 0, duplicated (closing the stream leaves fd 0 itself open).
    let stdin = StreamResource {
        stream,
        name: "Kode.stdin",
        detail: "fd 0".to_string(),
    };
    Ok(OpValue::Resource(NewResource(Box::new(stdin))))
}

op! {
    /// `stdio_stdin_open(opId)`: op `opId` resolves with the id of a
    /// resource that streams stdin (through `resource_read`); its first read
    /// of fd 0 happens now, so fs.js calls it on the program's first pull.
    fn op_stdio_stdin_open<'s>(scope, id: u64) -> Result<(), KodeError> {
        state(scope).borrow_mut().tasks.spawn(id, open_stdin());
        Ok(())
    }
}

op! {
    /// `stdio_is_terminal(fd)`: whether descriptor 0, 1 or 2 is a terminal.
    fn op_stdio_is_terminal<'s>(scope, fd: i32) -> Result<v8::Local<'s, v8::Boolean>, KodeError> {
        let terminal = match fd {
            0 => std::io::stdin().is_terminal(),
            1 => std::io::stdout().is_terminal(),
            _ => std::io::stderr().is_terminal(),
        };
        Ok(v8::Boolean::new(scope, terminal))
    }
}

//! A child's piped stdin, stdout and stderr, each a resource of its own: an
//! output streams its chunks through a [`ChunkStream`] (read a few chunks
//! ahead, no further until the program takes them, so a child writing
//! faster than the program reads blocks on its full pipe); stdin takes
//! writes through a [`ChunkSink`], in call order. Closing stdin lets the
//! writes already made finish, then closes the pipe: the child reads its end.

use std::any::Any;
use std::io;
use std::sync::Arc;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::sync::Mutex;

use crate::error::{codes, io_code, KodeError};
use crate::resources::{ChunkFuture, ChunkSink, ChunkStream, Resource};
use crate::value::OpValue;

/// An output is read in chunks of at most this many bytes...
const CHUNK: usize = 64 * 1024;

/// ...and at most this many chunks ahead of the program.
const READ_AHEAD: usize = 4;

/// A pipe's OS error, worded like the others: `EPIPE: broken pipe, kode:subprocess.stdin.write`.
fn pipe_error(err: &io::Error, operation: &str) -> KodeError {
    let code = io_code(err);
    let detail = kode_pack::fs::io_detail(err);
    KodeError::new(code, format!("{code}: {detail}, {operation}")).operation(operation)
}

fn closed(operation: &str, what: &str) -> KodeError {
    KodeError::new(
        codes::ECLOSED,
        format!("ECLOSED: the child's {what} is closed"),
    )
    .operation(operation)
}

/// The child's stdout or stderr.
pub struct Output {
    name: &'static str,
    pid: u32,
    stream: ChunkStream,
}

impl Output {
    /// Streams `pipe`; must run inside the Tokio runtime. `what` is
    /// `"stdout"` or `"stderr"`.
    pub fn start<P>(pipe: P, what: &'static str, pid: u32) -> Output
    where
        P: AsyncRead + Unpin + Send + 'static,
    {
        let (name, operation) = match what {
            "stdout" => ("kode:subprocess.stdout", "kode:subprocess.stdout.read"),
            _ => ("kode:subprocess.stderr", "kode:subprocess.stderr.read"),
        };
        let pipe = Arc::new(Mutex::new((pipe, vec![0; CHUNK])));
        let produce = move || {
            let pipe = pipe.clone();
            async move {
                let mut guard = pipe.lock().await;
                let (pipe, buffer) = &mut *guard;
                let n = pipe
                    .read(buffer)
                    .await
                    .map_err(|err| pipe_error(&err, operation))?;
                Ok((n > 0).then(|| OpValue::Bytes(buffer[..n].to_vec())))
            }
        };
        let stream = ChunkStream::start(READ_AHEAD, produce, closed(operation, what));
        Output { name, pid, stream }
    }
}

impl Resource for Output {
    fn name(&self) -> &'static str {
        self.name
    }

    fn detail(&self) -> String {
        format!("pid {}", self.pid)
    }

    fn close(&mut self) {
        self.stream.close();
    }

    fn read(&self) -> Option<ChunkFuture> {
        Some(self.stream.read())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The child's stdin.
pub struct Input {
    pid: u32,
    sink: ChunkSink,
}

const WRITE: &str = "kode:subprocess.stdin.write";

impl Input {
    /// Writes go to `pipe`; must run inside the Tokio runtime.
    pub fn start(pipe: tokio::process::ChildStdin, pid: u32) -> Input {
        let pipe = Arc::new(Mutex::new(pipe));
        let consume = move |bytes: Vec<u8>| {
            let pipe = pipe.clone();
            async move {
                let mut pipe = pipe.lock().await;
                pipe.write_all(&bytes)
                    .await
                    .map_err(|err| pipe_error(&err, WRITE))
            }
        };
        let sink = ChunkSink::start(consume, closed(WRITE, "stdin"));
        Input { pid, sink }
    }
}

impl Resource for Input {
    fn name(&self) -> &'static str {
        "kode:subprocess.stdin"
    }

    fn detail(&self) -> String {
        format!("pid {}", self.pid)
    }

    fn close(&mut self) {
        self.sink.close();
    }

    fn write(&self, bytes: Vec<u8>) -> Option<ChunkFuture> {
        Some(self.sink.write(bytes))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

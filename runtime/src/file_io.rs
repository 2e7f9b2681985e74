//! Blocking reads and writes of an open descriptor in chunks, for resources
//! that stream a file (`kode:fs` handles, `Kode.stdin`). Each call runs as
//! one job on Tokio's blocking pool.
//!
//! A regular file is read and written at a [`Cursor`] of its own, so a
//! handle open for reading and writing keeps one position for each (its
//! reads run ahead of the program, so a shared offset would put writes at a
//! place the program cannot know). Anything else (pipes, terminals,
//! devices, and files opened to append) goes through the descriptor's own
//! offset. A descriptor left non-blocking by whoever gave it to us (a shell
//! can do that to stdin) is waited on with `poll` instead of failing with
//! `EAGAIN`.

use std::fs::File;
use std::future::Future;
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::FileExt;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use crate::error::{codes, KodeError};
use crate::value::OpValue;

/// Where the next read or write of a regular file happens.
pub type Cursor = Arc<AtomicU64>;

/// Turns an OS error into the operation's `KodeError` (with its path).
pub type OnError = Arc<dyn Fn(io::Error) -> KodeError + Send + Sync>;

type Produced = Pin<Box<dyn Future<Output = Result<Option<OpValue>, KodeError>> + Send>>;

type Consumed = Pin<Box<dyn Future<Output = Result<(), KodeError>> + Send>>;

fn panicked() -> KodeError {
    KodeError::new(codes::EIO, "a host operation panicked")
}

/// A `ChunkStream` producer: each call reads the next chunk of up to `size`
/// bytes of `file` (all a pipe or terminal has now, a full chunk of a
/// regular file until its end), `None` at the end.
pub fn chunk_reader(
    file: Arc<File>,
    size: usize,
    cursor: Option<Cursor>,
    on_err: OnError,
) -> impl FnMut() -> Produced + Send + 'static {
    move || {
        let (file, cursor, on_err) = (file.clone(), cursor.clone(), on_err.clone());
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                read_chunk(&file, size, cursor.as_deref()).map_err(|err| on_err(err))
            })
            .await
            .unwrap_or_else(|_| Err(panicked()))
        })
    }
}

/// A `ChunkSink` writer: each call writes all of one chunk to `file`.
pub fn chunk_writer(
    file: Arc<File>,
    cursor: Option<Cursor>,
    on_err: OnError,
) -> impl FnMut(Vec<u8>) -> Consumed + Send + 'static {
    move |bytes| {
        let (file, cursor, on_err) = (file.clone(), cursor.clone(), on_err.clone());
        Box::pin(async move {
            tokio::task::spawn_blocking(move || {
                write_all(&file, &bytes, cursor.as_deref()).map_err(|err| on_err(err))
            })
            .await
            .unwrap_or_else(|_| Err(panicked()))
        })
    }
}

/// One read of up to `size` bytes; `None` at the end.
pub fn read_chunk(
    file: &File,
    size: usize,
    cursor: Option<&AtomicU64>,
) -> io::Result<Option<OpValue>> {
    let mut buffer = vec![0; size];
    loop {
        let read = match cursor {
            Some(at) => file.read_at(&mut buffer, at.load(Ordering::Acquire)),
            None => (&*file).read(&mut buffer),
        };
        match read {
            Ok(0) => return Ok(None),
            Ok(n) => {
                if let Some(at) = cursor {
                    at.fetch_add(n as u64, Ordering::AcqRel);
                }
                buffer.truncate(n);
                return Ok(Some(OpValue::Bytes(buffer)));
            }
            Err(err) => retry_or_fail(file, err, libc::POLLIN)?,
        }
    }
}

/// Writes all of `bytes`.
pub fn write_all(file: &File, mut bytes: &[u8], cursor: Option<&AtomicU64>) -> io::Result<()> {
    while !bytes.is_empty() {
        let wrote = match cursor {
            Some(at) => file.write_at(bytes, at.load(Ordering::Acquire)),
            None => (&*file).write(bytes),
        };
        match wrote {
            Ok(0) => return Err(io::Error::from(io::ErrorKind::WriteZero)),
            Ok(n) => {
                if let Some(at) = cursor {
                    at.fetch_add(n as u64, Ordering::AcqRel);
                }
                bytes = &bytes[n..];
            }
            Err(err) => retry_or_fail(file, err, libc::POLLOUT)?,
        }
    }
    Ok(())
}

/// `Ok` when the call should be made again: it was interrupted, or the
/// descriptor is non-blocking and is now ready for `events`.
fn retry_or_fail(file: &File, err: io::Error, events: libc::c_short) -> io::Result<()> {
    match err.kind() {
        io::ErrorKind::Interrupted => Ok(()),
        io::ErrorKind::WouldBlock => {
            let mut poll = libc::pollfd {
                fd: file.as_raw_fd(),
                events,
                revents: 0,
            };
            // SAFETY: one valid pollfd for the duration of the call. Its
            // result does not matter: the retried call reports what is wrong.
            unsafe { libc::poll(&mut poll, 1, -1) };
            Ok(())
        }
        _ => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_keeps_reads_and_writes_apart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"abcdef").unwrap();
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let (read_at, write_at) = (AtomicU64::new(0), AtomicU64::new(0));
        let first = read_chunk(&file, 4, Some(&read_at)).unwrap();
        assert!(matches!(first, Some(OpValue::Bytes(b)) if b == b"abcd"));
        write_all(&file, b"XY", Some(&write_at)).unwrap();
        write_all(&file, b"Z", Some(&write_at)).unwrap();
        let rest = read_chunk(&file, 4, Some(&read_at)).unwrap();
        assert!(matches!(rest, Some(OpValue::Bytes(b)) if b == b"ef"));
        assert!(read_chunk(&file, 4, Some(&read_at)).unwrap().is_none());
        assert_eq!(std::fs::read(&path).unwrap(), b"XYZdef");
    }

    #[test]
    fn a_non_blocking_pipe_is_waited_on() {
        let mut fds = [0; 2];
        // SAFETY: fds has room for the two descriptors pipe2 returns.
        assert_eq!(
            unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK) },
            0
        );
        use std::os::fd::FromRawFd;
        // SAFETY: both descriptors are new and owned here from now on.
        let (reader, writer) = unsafe { (File::from_raw_fd(fds[0]), File::from_raw_fd(fds[1])) };
        let feeder = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            write_all(&writer, b"late", None).unwrap();
        });
        let chunk = read_chunk(&reader, 16, None).unwrap();
        assert!(matches!(chunk, Some(OpValue::Bytes(b)) if b == b"late"));
        feeder.join().unwrap();
        assert!(read_chunk(&reader, 16, None).unwrap().is_none());
    }
}

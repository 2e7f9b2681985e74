//! `kode:fs.open`: an open file, held as a resource ([`FileHandle`]).
//! Opened for reading, its chunks stream through a [`ChunkStream`]: the host
//! reads ahead at most [`READ_AHEAD`] chunks, and reads no further until the
//! program takes one (`handle.read()`), so an endless file such as
//! `/dev/zero` costs a few chunks of memory, not all of it. Opened for
//! writing, its writes go through a [`ChunkSink`], one at a time in call
//! order. Opened for both, a regular file keeps one position for reads and
//! one for writes (`file_io`'s cursors), and nothing is read before the
//! program asks, so a read sees the writes that settled before it was made.

use std::any::Any;
use std::fs::File;
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::files::info_value;
use crate::error::{codes, KodeError};
use crate::ext::args::{op, FsPath};
use crate::file_io::{chunk_reader, chunk_writer, Cursor, OnError};
use crate::resources::{table, ChunkFuture, ChunkSink, ChunkStream, NewResource, Resource};
use crate::state::state;
use crate::value::OpValue;

/// The chunk size when `open` is given none.
pub const DEFAULT_CHUNK: usize = 64 * 1024;

/// The largest chunk size `open` takes (`chunkSize`).
pub const MAX_CHUNK: usize = 16 << 20;

/// How many chunks the host reads before the program asks for them.
pub const READ_AHEAD: usize = 4;

const OPEN: &str = "kode:fs.open";
const READ: &str = "kode:fs.FileHandle.read";
const WRITE: &str = "kode:fs.FileHandle.write";
const INFO: &str = "kode:fs.FileHandle.info";

/// How `open` opens a file: the bits of its `mode` argument (fs.js sets them
/// from the options).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode(u32);

impl Mode {
    pub const READ: u32 = 1;
    pub const WRITE: u32 = 2;
    pub const APPEND: u32 = 4;
    /// Create a missing file; an existing one is truncated unless appending.
    pub const CREATE: u32 = 8;
    /// Create the file; `EEXIST` if it exists (`create: "new"`).
    pub const CREATE_NEW: u32 = 16;

    fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }

    fn reads(self) -> bool {
        self.has(Mode::READ)
    }

    fn writes(self) -> bool {
        self.has(Mode::WRITE) || self.has(Mode::APPEND)
    }

    fn options(self) -> std::fs::OpenOptions {
        let mut options = std::fs::OpenOptions::new();
        let append = self.has(Mode::APPEND);
        options
            .read(self.reads())
            .write(self.writes())
            .append(append)
            .create(self.has(Mode::CREATE))
            .create_new(self.has(Mode::CREATE_NEW))
            .truncate(self.has(Mode::CREATE) && !append)
            .mode(0o666);
        options
    }
}

/// An open file: the stream of its chunks when opened for reading, the sink
/// of its writes when opened for writing, and the file itself for `info`.
pub struct FileHandle {
    path: PathBuf,
    file: Arc<File>,
    stream: Option<ChunkStream>,
    sink: Option<ChunkSink>,
}

impl Resource for FileHandle {
    fn name(&self) -> &'static str {
        "kode:fs.FileHandle"
    }

    fn detail(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    /// Stops the reading (pending reads reject with `ECLOSED`) and takes no
    /// more writes (those already made complete). The descriptor closes once
    /// the reader and the writer have let go of it.
    fn close(&mut self) {
        if let Some(stream) = &mut self.stream {
            stream.close();
        }
        if let Some(sink) = &mut self.sink {
            sink.close();
        }
    }

    fn read(&self) -> Option<ChunkFuture> {
        self.stream.as_ref().map(ChunkStream::read)
    }

    fn write(&self, bytes: Vec<u8>) -> Option<ChunkFuture> {
        self.sink.as_ref().map(|sink| sink.write(bytes))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `ECLOSED` for a use of the handle of `path` after it was closed (the JS
/// side words its own the same way).
fn closed(operation: &str, path: &Path) -> KodeError {
    KodeError::new(codes::ECLOSED, "ECLOSED: file handle is closed").at(operation, path)
}

fn on_error(operation: &'static str, path: &Path) -> OnError {
    let path = path.to_path_buf();
    Arc::new(move |err| KodeError::from_io(&err, operation, &path))
}

/// Opens `path` as `mode` says (a directory is `EISDIR`) and starts the
/// reading (chunks of `chunk` bytes) and the writing; resolves with the
/// handle's resource id.
pub async fn open(path: PathBuf, chunk: usize, mode: Mode) -> Result<OpValue, KodeError> {
    let opened = tokio::task::spawn_blocking(move || {
        let on_err = |err: io::Error| KodeError::from_io(&err, OPEN, &path);
        let file = mode.options().open(&path).map_err(on_err)?;
        let meta = file.metadata().map_err(on_err)?;
        if meta.is_dir() {
            return Err(on_err(io::Error::from_raw_os_error(libc::EISDIR)));
        }
        Ok((path, file, meta.is_file()))
    })
    .await
    .unwrap_or_else(|_| Err(KodeError::new(codes::EIO, "a host operation panicked")));
    let (path, file, regular) = opened?;
    let file = Arc::new(file);
    let cursor = || regular.then(Cursor::default);
    let stream = mode.reads().then(|| {
        let produce = chunk_reader(file.clone(), chunk, cursor(), on_error(READ, &path));
        // Reading ahead of writes made through the same handle would miss them.
        let read_ahead = if mode.writes() { 0 } else { READ_AHEAD };
        ChunkStream::start(read_ahead, produce, closed(READ, &path))
    });
    let sink = mode.writes().then(|| {
        // O_APPEND puts every write at the end: no cursor of our own.
        let at = if mode.has(Mode::APPEND) {
            None
        } else {
            cursor()
        };
        let consume = chunk_writer(file.clone(), at, on_error(WRITE, &path));
        ChunkSink::start(consume, closed(WRITE, &path))
    });
    let handle = FileHandle {
        path,
        file,
        stream,
        sink,
    };
    Ok(OpValue::Resource(NewResource(Box::new(handle))))
}

op! {
    /// `fs_open(opId, path, chunkSize, mode)`: op `opId` resolves with the
    /// resource id; `mode` is [`Mode`]'s bits.
    fn op_fs_open<'s>(scope, id: u64, path: FsPath, chunk_size: f64, mode: u32) as "kode:fs.open"
        -> Result<(), KodeError>
    {
        let chunk = if chunk_size >= 1.0 {
            (chunk_size as usize).min(MAX_CHUNK)
        } else {
            DEFAULT_CHUNK
        };
        state(scope).borrow_mut().tasks.spawn(id, open(path.0, chunk, Mode(mode)));
        Ok(())
    }
}

op! {
    /// `fs_handle_info(opId, rid)`: op `opId` resolves with the open file's
    /// current info (`fstat`); throws `ECLOSED` when `rid` is not an open file.
    fn op_fs_handle_info<'s>(scope, id: u64, rid: u64) as "kode:fs.FileHandle.info"
        -> Result<(), KodeError>
    {
        let (file, path) = {
            let table = table(scope);
            let table = table.borrow();
            let handle = table.get::<FileHandle>(rid).ok_or_else(|| {
                KodeError::new(codes::ECLOSED, format!("resource {rid} is not an open file"))
                    .operation(INFO)
            })?;
            (handle.file.clone(), handle.path.clone())
        };
        let job = move |_: &std::sync::atomic::AtomicBool| {
            let meta = file
                .metadata()
                .map_err(|err| KodeError::from_io(&err, INFO, &path))?;
            Ok(info_value(&path, &meta))
        };
        state(scope).borrow_mut().tasks.spawn_blocking(id, job);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_open_as_documented() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let open = |bits: u32| Mode(bits).options().open(&path);
        let write = |bits: u32, bytes: &[u8]| {
            use std::io::Write;
            open(bits)?.write_all(bytes)
        };
        // Without create a missing file is ENOENT.
        assert_eq!(
            write(Mode::WRITE, b"x").unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        write(Mode::WRITE | Mode::CREATE, b"hello").unwrap();
        // write alone neither creates nor truncates.
        write(Mode::WRITE, b"J").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"Jello");
        write(Mode::APPEND | Mode::CREATE, b"!").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"Jello!");
        // create truncates unless appending.
        write(Mode::WRITE | Mode::CREATE, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(
            open(Mode::WRITE | Mode::CREATE_NEW).unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        std::fs::remove_file(&path).unwrap();
        write(Mode::WRITE | Mode::CREATE_NEW, b"fresh").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"fresh");
    }
}

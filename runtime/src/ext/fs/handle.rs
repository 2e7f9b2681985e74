//! `kode:fs.open`: a file opened for reading, held as a resource
//! ([`FileHandle`]) whose chunks stream through a [`ChunkStream`]: the host
//! reads ahead at most [`READ_AHEAD`] chunks, and reads no further until the
//! program takes one (`handle.read()`), so an endless file such as
//! `/dev/zero` costs a few chunks of memory, not all of it.

use std::any::Any;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::files::info_value;
use crate::error::{codes, KodeError};
use crate::ext::args::{op, FsPath};
use crate::resources::{table, ChunkFuture, ChunkStream, NewResource, Resource};
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
const INFO: &str = "kode:fs.FileHandle.info";

/// An open file: the stream of its chunks, and the file itself for `info`.
pub struct FileHandle {
    path: PathBuf,
    file: Arc<File>,
    stream: ChunkStream,
}

impl Resource for FileHandle {
    fn name(&self) -> &'static str {
        "kode:fs.FileHandle"
    }

    fn detail(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    /// Stops the reading; the descriptor closes once the read in progress,
    /// if any, has returned (it holds the file too).
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

/// `ECLOSED` for a use of the handle of `path` after it was closed (the JS
/// side words its own the same way).
fn closed(operation: &str, path: &Path) -> KodeError {
    KodeError::new(codes::ECLOSED, "ECLOSED: file handle is closed").at(operation, path)
}

fn panicked() -> KodeError {
    KodeError::new(codes::EIO, "a host operation panicked")
}

/// Opens `path` for reading (a directory is `EISDIR`) and starts reading it
/// in chunks of `chunk` bytes; resolves with the handle's resource id.
pub async fn open(path: PathBuf, chunk: usize) -> Result<OpValue, KodeError> {
    let opened = tokio::task::spawn_blocking(move || {
        let on_err = |err: io::Error| KodeError::from_io(&err, OPEN, &path);
        let file = File::open(&path).map_err(on_err)?;
        let meta = file.metadata().map_err(on_err)?;
        if meta.is_dir() {
            return Err(on_err(io::Error::from_raw_os_error(libc::EISDIR)));
        }
        Ok((path, file))
    })
    .await
    .unwrap_or_else(|_| Err(panicked()));
    let (path, file) = opened?;
    let file = Arc::new(file);
    let (reader, reader_path) = (file.clone(), path.clone());
    let produce = move || {
        let (file, path) = (reader.clone(), reader_path.clone());
        async move {
            tokio::task::spawn_blocking(move || read_chunk(&file, chunk, &path))
                .await
                .unwrap_or_else(|_| Err(panicked()))
        }
    };
    let stream = ChunkStream::start(READ_AHEAD, produce, closed(READ, &path));
    let handle = FileHandle { path, file, stream };
    Ok(OpValue::Resource(NewResource(Box::new(handle))))
}

/// One `read(2)` of up to `size` bytes: what a pipe or a terminal has now,
/// a full chunk from a regular file until its end; `None` at the end.
fn read_chunk(file: &File, size: usize, path: &Path) -> Result<Option<OpValue>, KodeError> {
    use std::io::Read;
    let mut buffer = vec![0; size];
    loop {
        match (&*file).read(&mut buffer) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                buffer.truncate(n);
                return Ok(Some(OpValue::Bytes(buffer)));
            }
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(KodeError::from_io(&err, READ, path)),
        }
    }
}

op! {
    /// `fs_open(opId, path, chunkSize)`: op `opId` resolves with the resource id.
    fn op_fs_open<'s>(scope, id: u64, path: FsPath, chunk_size: f64) as "kode:fs.open"
        -> Result<(), KodeError>
    {
        let chunk = if chunk_size >= 1.0 {
            (chunk_size as usize).min(MAX_CHUNK)
        } else {
            DEFAULT_CHUNK
        };
        state(scope).borrow_mut().tasks.spawn(id, open(path.0, chunk));
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

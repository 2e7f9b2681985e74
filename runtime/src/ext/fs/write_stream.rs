//! `kode:fs.write` of a `ReadableStream`: the same atomic write as for bytes
//! ([`StagedWrite`]), held as a resource while fs.js reads the stream. Its
//! chunks arrive through the generic `resource_write`, one at a time; then
//! `fs_write_commit` puts the file in place, or closing the resource (a
//! cancel, a stream error, a chunk that is not a `Uint8Array`) discards it
//! and leaves the target untouched.

use std::any::Any;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::files::StagedWrite;
use super::ops::write_stop;
use crate::error::{codes, KodeError};
use crate::ext::args::{op, FsPath};
use crate::resources::{closed_error, table, ChunkFuture, ChunkSink, NewResource, Resource};
use crate::state::state;
use crate::tasks::OpId;
use crate::value::OpValue;

const WRITE: &str = "kode:fs.write";

/// The staged write, shared by the resource and its writer task (the last
/// of the two to let go drops a write still staged: discards it).
struct Staged {
    /// `None` once committed or discarded.
    write: Mutex<Option<StagedWrite>>,
    /// Set by a close that found a chunk being written: the writer discards
    /// the file when that chunk is done, so the close never waits for it.
    discarded: AtomicBool,
}

type Shared = Arc<Staged>;

fn lock(staged: &Staged) -> std::sync::MutexGuard<'_, Option<StagedWrite>> {
    staged
        .write
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A streamed write in progress, listed as `kode:fs.write` with its path.
pub struct WriteInProgress {
    path: PathBuf,
    staged: Shared,
    sink: ChunkSink,
}

impl Resource for WriteInProgress {
    fn name(&self) -> &'static str {
        WRITE
    }

    fn detail(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }

    /// Discards the data unless it was committed: dropping the staged file
    /// removes it (now, or when the chunk being written is done).
    fn close(&mut self) {
        self.sink.close();
        self.staged.discarded.store(true, Ordering::Release);
        if let Ok(mut write) = self.staged.write.try_lock() {
            write.take();
        }
    }

    fn write(&self, bytes: Vec<u8>) -> Option<ChunkFuture> {
        Some(self.sink.write(bytes))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Stages a write to `path`; resolves with its resource id.
async fn begin(path: PathBuf, parents: bool) -> Result<OpValue, KodeError> {
    let begun = path.clone();
    let staged = tokio::task::spawn_blocking(move || StagedWrite::begin(begun, parents))
        .await
        .unwrap_or_else(|_| Err(KodeError::new(codes::EIO, "a host operation panicked")))?;
    let staged: Shared = Arc::new(Staged {
        write: Mutex::new(Some(staged)),
        discarded: AtomicBool::new(false),
    });
    let writer = staged.clone();
    let discarded = closed_error(WRITE, "the staged write");
    let gone = discarded.clone();
    let consume = move |bytes: Vec<u8>| {
        let (staged, gone) = (writer.clone(), gone.clone());
        async move {
            tokio::task::spawn_blocking(move || {
                let mut write = lock(&staged);
                let written = match &mut *write {
                    Some(write) => write.write(&bytes),
                    None => return Err(gone),
                };
                if staged.discarded.load(Ordering::Acquire) {
                    write.take();
                }
                written
            })
            .await
            .unwrap_or_else(|_| Err(KodeError::new(codes::EIO, "a host operation panicked")))
        }
    };
    let sink = ChunkSink::start(consume, discarded);
    let write = WriteInProgress { path, staged, sink };
    Ok(OpValue::Resource(NewResource(Box::new(write))))
}

op! {
    /// `fs_write_begin(opId, path, parents)`: op `opId` resolves with the id
    /// of a staged write to `path`, which takes `resource_write`s.
    fn op_fs_write_begin<'s>(scope, id: OpId, path: FsPath, parents: bool) as "kode:fs.write"
        -> Result<(), KodeError>
    {
        state(scope).borrow_mut().tasks.spawn(id, begin(path.0, parents));
        Ok(())
    }
}

op! {
    /// `fs_write_commit(opId, rid)`: closes staged write `rid` and puts it in
    /// place (after every write to it has settled); op `opId` resolves with
    /// `{ bytesWritten, info }`. `cancel(opId, true)` stops it before the
    /// rename as it stops a write of bytes.
    fn op_fs_write_commit<'s>(scope, id: OpId, rid: u64) as "kode:fs.write"
        -> Result<(), KodeError>
    {
        let staged = {
            let taken = table(scope).borrow_mut().take(rid);
            let write = taken
                .as_deref()
                .and_then(|resource| resource.as_any().downcast_ref::<WriteInProgress>());
            let Some(write) = write else {
                return Err(closed_error(WRITE, &format!("resource {rid}")));
            };
            let staged = lock(&write.staged).take();
            staged.ok_or_else(|| closed_error(WRITE, &format!("resource {rid}")))?
        };
        let stop = write_stop(scope, id);
        let job = move |dropped: &std::sync::atomic::AtomicBool| {
            let canceled = || stop.load(Ordering::Relaxed) || dropped.load(Ordering::Relaxed);
            staged.commit(&canceled)
        };
        state(scope).borrow_mut().tasks.spawn_blocking(id, job);
        Ok(())
    }
}

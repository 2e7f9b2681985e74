//! Ops behind `kode:fs`: each takes an op id first, starts a Tokio task and
//! returns at once; the result settles the JS promise through the event loop.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::files;
use crate::error::KodeError;
use crate::ext::args::{op, FsPath, TextOrBytes};
use crate::state::state;
use crate::tasks::OpId;
use crate::value::OpValue;

/// The stop flag of each write in flight, by op id: the `fs` area's
/// per-isolate state. Unlike `cancel(id)`, which drops an op and its result,
/// setting it lets the write decide and report whether it stopped before its
/// commit point (see `files::write`).
#[derive(Default)]
struct WriteStops(RefCell<HashMap<OpId, Arc<AtomicBool>>>);

pub fn install_write_stops(isolate: &mut v8::Isolate) {
    isolate.set_slot(WriteStops::default());
}

fn write_stops(isolate: &v8::Isolate) -> &RefCell<HashMap<OpId, Arc<AtomicBool>>> {
    &isolate
        .get_slot::<WriteStops>()
        .expect("the fs area installs its state with the isolate")
        .0
}

/// The stop flag of write op `id`, which `cancel(id, true)` sets.
pub(super) fn write_stop(scope: &mut v8::PinScope, id: OpId) -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut stops = write_stops(scope).borrow_mut();
    // Writes that finished have dropped their job's reference.
    stops.retain(|_, flag| Arc::strong_count(flag) > 1);
    stops.insert(id, stop.clone());
    stop
}

fn spawn<F>(scope: &mut v8::PinScope, id: OpId, future: F) -> Result<(), KodeError>
where
    F: Future<Output = Result<OpValue, KodeError>> + Send + 'static,
{
    state(scope).borrow_mut().tasks.spawn(id, future);
    Ok(())
}

op! {
    /// `fs_read(id, path, asBytes)`.
    fn op_fs_read<'s>(scope, id: OpId, path: FsPath, as_bytes: bool) -> Result<(), KodeError> {
        spawn(scope, id, files::read(path.0, as_bytes))
    }
}

op! {
    /// `fs_read_text(id, path, legacy)`: `legacy` for `readFile`'s operation name.
    fn op_fs_read_text<'s>(scope, id: OpId, path: FsPath, legacy: bool) -> Result<(), KodeError> {
        let operation = if legacy { "readFile" } else { "readText" };
        spawn(scope, id, files::read_text(path.0, operation))
    }
}

op! {
    /// `fs_write(id, path, data, parents)`.
    fn op_fs_write<'s>(scope, id: OpId, path: FsPath, data: TextOrBytes, parents: bool)
        -> Result<(), KodeError>
    {
        let stop = write_stop(scope, id);
        let (FsPath(path), TextOrBytes(data)) = (path, data);
        let job = move |dropped: &AtomicBool| {
            let canceled = || stop.load(Ordering::Relaxed) || dropped.load(Ordering::Relaxed);
            files::write(path, data, parents, &canceled)
        };
        state(scope).borrow_mut().tasks.spawn_blocking(id, job);
        Ok(())
    }
}

op! {
    /// `fs_info(id, path)`.
    fn op_fs_info<'s>(scope, id: OpId, path: FsPath) -> Result<(), KodeError> {
        spawn(scope, id, files::info(path.0))
    }
}

op! {
    /// `fs_list(id, path)`.
    fn op_fs_list<'s>(scope, id: OpId, path: FsPath) -> Result<(), KodeError> {
        spawn(scope, id, files::list(path.0))
    }
}

op! {
    /// `fs_remove(id, path, recursive)`.
    fn op_fs_remove<'s>(scope, id: OpId, path: FsPath, recursive: bool) -> Result<(), KodeError> {
        spawn(scope, id, files::remove(path.0, recursive))
    }
}

op! {
    /// `fs_mkdir(id, path, parents)`.
    fn op_fs_mkdir<'s>(scope, id: OpId, path: FsPath, parents: bool) -> Result<(), KodeError> {
        spawn(scope, id, files::mkdir(path.0, parents))
    }
}

op! {
    /// `fs_rename(id, from, to)`.
    fn op_fs_rename<'s>(scope, id: OpId, from: FsPath, to: FsPath) -> Result<(), KodeError> {
        spawn(scope, id, files::rename(from.0, to.0))
    }
}

op! {
    /// `cancel(id)`: abandons an in-flight op; JS has already rejected its promise.
    /// `cancel(id, true)`, for writes: asks the write to stop and lets it settle
    /// its promise itself, with `ECANCELED` if it stopped before replacing the
    /// target and with its result if the target was already replaced.
    fn op_cancel<'s>(scope, id: OpId, write: bool) -> Result<(), KodeError> {
        if write {
            let stop = write_stops(scope).borrow_mut().remove(&id);
            if let Some(stop) = stop {
                stop.store(true, Ordering::Relaxed);
            }
            return Ok(());
        }
        state(scope).borrow_mut().tasks.cancel(id);
        Ok(())
    }
}

//! Ops behind `kode:fs`: each takes an op id first, starts a Tokio task and
//! returns at once; the result settles the JS promise through the event loop.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::{arg_bytes, arg_string};
use crate::error::KodeError;
use crate::fs;
use crate::state::state;
use crate::value::OpValue;

fn start<F>(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
    make: impl FnOnce(&mut v8::PinScope) -> Result<F, KodeError>,
) where
    F: Future<Output = Result<OpValue, KodeError>> + Send + 'static,
{
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    match make(scope) {
        Ok(future) => state(scope).borrow_mut().tasks.spawn(id, future),
        Err(err) => err.throw(scope),
    }
}

/// A path argument: a string, or a `Uint8Array` of the raw bytes (for names
/// that are not UTF-8, as `list` gives them in `rawName`).
fn path_arg(
    scope: &mut v8::PinScope,
    args: &v8::FunctionCallbackArguments,
    index: i32,
) -> Result<PathBuf, KodeError> {
    use std::os::unix::ffi::OsStringExt;
    if args.get(index).is_uint8_array() {
        let bytes = arg_bytes(args, index)?;
        return Ok(PathBuf::from(std::ffi::OsString::from_vec(bytes)));
    }
    arg_string(scope, args, index).map(PathBuf::from)
}

/// The stop flag of each write in flight, by op id: the `fs` area's
/// per-isolate state. Unlike `cancel(id)`, which drops an op and its result,
/// setting it lets the write decide and report whether it stopped before its
/// commit point (see `fs::write`).
#[derive(Default)]
struct WriteStops(RefCell<HashMap<u32, Arc<AtomicBool>>>);

pub fn install_write_stops(isolate: &mut v8::Isolate) {
    isolate.set_slot(WriteStops::default());
}

fn write_stops(isolate: &v8::Isolate) -> &RefCell<HashMap<u32, Arc<AtomicBool>>> {
    &isolate
        .get_slot::<WriteStops>()
        .expect("the fs area installs its state with the isolate")
        .0
}

pub fn op_fs_read(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    start(scope, &args, |scope| {
        let path = path_arg(scope, &args, 1)?;
        Ok(fs::read(path, args.get(2).is_true()))
    });
}

pub fn op_fs_read_text(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    start(scope, &args, |scope| {
        let operation = if args.get(2).is_true() {
            "readFile"
        } else {
            "readText"
        };
        Ok(fs::read_text(path_arg(scope, &args, 1)?, operation))
    });
}

/// `fs_write(id, path, data, parents)`: `data` is a string or a Uint8Array.
pub fn op_fs_write(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    let prepared = path_arg(scope, &args, 1).and_then(|path| {
        let data = if args.get(2).is_string() {
            args.get(2).to_rust_string_lossy(scope).into_bytes()
        } else {
            arg_bytes(&args, 2)?
        };
        Ok((path, data))
    });
    match prepared {
        Ok((path, data)) => {
            let parents = args.get(3).is_true();
            let stop = Arc::new(AtomicBool::new(false));
            {
                let mut stops = write_stops(scope).borrow_mut();
                // Writes that finished have dropped their job's reference.
                stops.retain(|_, flag| Arc::strong_count(flag) > 1);
                stops.insert(id, stop.clone());
            }
            let job = move |dropped: &AtomicBool| {
                let canceled = || stop.load(Ordering::Relaxed) || dropped.load(Ordering::Relaxed);
                fs::write(path, data, parents, &canceled)
            };
            state(scope).borrow_mut().tasks.spawn_blocking(id, job);
        }
        Err(err) => err.throw(scope),
    }
}

pub fn op_fs_info(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    start(scope, &args, |scope| {
        Ok(fs::info(path_arg(scope, &args, 1)?))
    });
}

pub fn op_fs_list(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    start(scope, &args, |scope| {
        Ok(fs::list(path_arg(scope, &args, 1)?))
    });
}

pub fn op_fs_remove(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    start(scope, &args, |scope| {
        Ok(fs::remove(
            path_arg(scope, &args, 1)?,
            args.get(2).is_true(),
        ))
    });
}

pub fn op_fs_mkdir(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    start(scope, &args, |scope| {
        Ok(fs::mkdir(path_arg(scope, &args, 1)?, args.get(2).is_true()))
    });
}

pub fn op_fs_rename(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    start(scope, &args, |scope| {
        Ok(fs::rename(
            path_arg(scope, &args, 1)?,
            path_arg(scope, &args, 2)?,
        ))
    });
}

/// `cancel(id)`: abandons an in-flight op; JS has already rejected its promise.
/// `cancel(id, true)`, for writes: asks the write to stop and lets it settle
/// its promise itself, with `ECANCELED` if it stopped before replacing the
/// target and with its result if the target was already replaced.
pub fn op_cancel(
    scope: &mut v8::PinScope,
    args: v8::FunctionCallbackArguments,
    _rv: v8::ReturnValue<v8::Value>,
) {
    let id = args.get(0).uint32_value(scope).unwrap_or(0);
    if args.get(1).is_true() {
        let stop = write_stops(scope).borrow_mut().remove(&id);
        if let Some(stop) = stop {
            stop.store(true, Ordering::Relaxed);
        }
        return;
    }
    state(scope).borrow_mut().tasks.cancel(id);
}

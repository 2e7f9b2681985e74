//! The system calls behind `node:fs`: Node programs use integer file
//! descriptors, so these ops work on real OS descriptors (`open` returns one,
//! 0/1/2 are stdio) and plain paths, one call each, as libuv makes them.
//!
//! Every op takes an op id first: `null` runs the call at once and returns
//! its result (the `*Sync` forms), a number runs it on the blocking pool and
//! settles that op (callbacks and promises). An OS failure is an error whose
//! `code` is the POSIX name and whose `errno` field is the number; `fs.js`
//! words it as Node does (`ENOENT: no such file or directory, open '/x'`).

use std::ffi::CString;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use crate::error::{io_code, KodeError};
use crate::ext::args::{op, Bytes, FsPath};
use crate::resources::insert_js;
use crate::state::state;
use crate::tasks::OpId;
use crate::value::OpValue;

/// An OS error as fs.js expects it: `code` and `errno`.
pub(super) fn os_error(err: &io::Error) -> KodeError {
    let detail = kode_pack::fs::io_detail(err);
    let errno = err.raw_os_error().unwrap_or(libc::EIO);
    KodeError::new(io_code(err), detail).field("errno", errno.to_string())
}

type Job = Box<dyn FnOnce() -> io::Result<OpValue> + Send>;

/// Runs `job` now (no id) or on the blocking pool (an op id).
fn run<'s>(
    scope: &mut v8::PinScope<'s, '_>,
    id: Option<OpId>,
    job: Job,
) -> Result<v8::Local<'s, v8::Value>, KodeError> {
    match id {
        None => {
            let value = job().map_err(|err| os_error(&err))?;
            Ok(value.into_js(scope, insert_js))
        }
        Some(id) => {
            let work = move |_: &std::sync::atomic::AtomicBool| job().map_err(|err| os_error(&err));
            state(scope).borrow_mut().tasks.spawn_blocking(id, work);
            Ok(v8::undefined(scope).into())
        }
    }
}

fn c_path(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::from_raw_os_error(libc::EINVAL))
}

/// `-1` from a libc call is the thread's errno.
fn check(result: libc::c_int) -> io::Result<libc::c_int> {
    if result < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(result)
    }
}

fn text(value: impl AsRef<std::ffi::OsStr>) -> OpValue {
    OpValue::text(value.as_ref().to_string_lossy()).unwrap_or(OpValue::Null)
}

fn number(value: impl Into<f64>) -> OpValue {
    OpValue::Number(value.into())
}

/// Whole milliseconds plus the fraction Node keeps (`mtimeMs` is a float).
fn millis(seconds: i64, nanos: i64) -> OpValue {
    OpValue::Number(seconds as f64 * 1000.0 + nanos as f64 / 1e6)
}

/// Node's Stats fields, in this order: dev, mode, nlink, uid, gid, rdev,
/// blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs.
fn stats(meta: &std::fs::Metadata) -> OpValue {
    let birth = meta
        .created()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| OpValue::Number(d.as_secs_f64() * 1000.0))
        .unwrap_or_else(|| millis(meta.ctime(), meta.ctime_nsec()));
    OpValue::Array(vec![
        number(meta.dev() as f64),
        number(meta.mode()),
        number(meta.nlink() as f64),
        number(meta.uid()),
        number(meta.gid()),
        number(meta.rdev() as f64),
        number(meta.blksize() as f64),
        number(meta.ino() as f64),
        number(meta.size() as f64),
        number(meta.blocks() as f64),
        millis(meta.atime(), meta.atime_nsec()),
        millis(meta.mtime(), meta.mtime_nsec()),
        millis(meta.ctime(), meta.ctime_nsec()),
        birth,
    ])
}

/// A borrowed descriptor as a `File` that does not close it.
fn borrowed(fd: i32) -> std::mem::ManuallyDrop<std::fs::File> {
    use std::os::fd::FromRawFd;
    // SAFETY: the File is never dropped, so the caller's descriptor stays
    // open and owned by the program; a bad fd fails in the call with EBADF.
    std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) })
}

/// libuv's dirent types (`UV_DIRENT_*`), as `fs.Dirent` keeps them.
fn dirent_type(file_type: std::fs::FileType) -> f64 {
    if file_type.is_file() {
        1.0
    } else if file_type.is_dir() {
        2.0
    } else if file_type.is_symlink() {
        3.0
    } else if file_type.is_fifo() {
        4.0
    } else if file_type.is_socket() {
        5.0
    } else if file_type.is_char_device() {
        6.0
    } else if file_type.is_block_device() {
        7.0
    } else {
        0.0
    }
}

op! {
    /// `node_fs_open(id, path, flags, mode)`: the new descriptor.
    fn op_node_fs_open<'s>(scope, id: Option<OpId>, path: FsPath, flags: i32, mode: i32)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let path = c_path(&path.0)?;
            // SAFETY: a NUL-terminated path; the descriptor is the program's.
            let fd = check(unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) })?;
            Ok(number(fd))
        }))
    }
}

op! {
    /// `node_fs_close(id, fd)`.
    fn op_node_fs_close<'s>(scope, id: Option<OpId>, fd: i32) -> Result<v8::Local<'s, v8::Value>, KodeError> {
        run(scope, id, Box::new(move || {
            // SAFETY: closing a descriptor the program names, as close(2) does.
            check(unsafe { libc::close(fd) })?;
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_read(id, fd, length, position)`: the bytes read (fewer at
    /// the end); a negative position reads from the current offset.
    fn op_node_fs_read<'s>(scope, id: Option<OpId>, fd: i32, length: f64, position: f64)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let mut buffer = vec![0u8; length.max(0.0) as usize];
            let ptr = buffer.as_mut_ptr().cast();
            // SAFETY: the buffer is `length` bytes long and ours.
            let count = unsafe {
                if position < 0.0 {
                    libc::read(fd, ptr, buffer.len())
                } else {
                    libc::pread(fd, ptr, buffer.len(), position as libc::off_t)
                }
            };
            if count < 0 {
                return Err(io::Error::last_os_error());
            }
            buffer.truncate(count as usize);
            Ok(OpValue::Bytes(buffer))
        }))
    }
}

op! {
    /// `node_fs_write(id, fd, bytes, position)`: how many bytes one write(2)
    /// took; a negative position writes at the current offset.
    fn op_node_fs_write<'s>(scope, id: Option<OpId>, fd: i32, data: Bytes, position: f64)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let ptr = data.0.as_ptr().cast();
            // SAFETY: the bytes are ours for the call.
            let count = unsafe {
                if position < 0.0 {
                    libc::write(fd, ptr, data.0.len())
                } else {
                    libc::pwrite(fd, ptr, data.0.len(), position as libc::off_t)
                }
            };
            if count < 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(number(count as f64))
        }))
    }
}

op! {
    /// `node_fs_stat(id, path, follow)`: Node's Stats numbers (see [`stats`]).
    fn op_node_fs_stat<'s>(scope, id: Option<OpId>, path: FsPath, follow: bool)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let meta = if follow { std::fs::metadata(&path.0) } else { std::fs::symlink_metadata(&path.0) }?;
            Ok(stats(&meta))
        }))
    }
}

op! {
    /// `node_fs_fstat(id, fd)`.
    fn op_node_fs_fstat<'s>(scope, id: Option<OpId>, fd: i32) -> Result<v8::Local<'s, v8::Value>, KodeError> {
        run(scope, id, Box::new(move || Ok(stats(&borrowed(fd).metadata()?))))
    }
}

op! {
    /// `node_fs_readdir(id, path)`: `[name, type, name, type, ...]` sorted by
    /// the names' bytes, as libuv's scandir sorts them.
    fn op_node_fs_readdir<'s>(scope, id: Option<OpId>, path: FsPath)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let mut entries = Vec::new();
            for entry in std::fs::read_dir(&path.0)? {
                let entry = entry?;
                let kind = entry.file_type().map(dirent_type).unwrap_or(0.0);
                entries.push((entry.file_name(), kind));
            }
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            let mut items = Vec::with_capacity(entries.len() * 2);
            for (name, kind) in entries {
                items.push(text(name));
                items.push(OpValue::Number(kind));
            }
            Ok(OpValue::Array(items))
        }))
    }
}

/// mkdir -p: the first directory it made, if any.
fn mkdir_recursive(path: &Path, mode: u32) -> io::Result<Option<PathBuf>> {
    use std::os::unix::fs::DirBuilderExt;
    let mut missing = Vec::new();
    let mut at = path.to_path_buf();
    loop {
        match std::fs::metadata(&at) {
            Ok(meta) if meta.is_dir() => break,
            Ok(_) => {
                let code = if at == path {
                    libc::EEXIST
                } else {
                    libc::ENOTDIR
                };
                return Err(io::Error::from_raw_os_error(code));
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                missing.push(at.clone());
                match at.parent() {
                    Some(parent) if !parent.as_os_str().is_empty() => at = parent.to_path_buf(),
                    _ => break,
                }
            }
            Err(err) => return Err(err),
        }
    }
    let first = missing.last().cloned();
    for dir in missing.iter().rev() {
        match std::fs::DirBuilder::new().mode(mode).create(dir) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(err) => return Err(err),
        }
    }
    Ok(first)
}

op! {
    /// `node_fs_mkdir(id, path, mode, recursive)`: recursive gives the first
    /// directory made (or undefined when it existed).
    fn op_node_fs_mkdir<'s>(scope, id: Option<OpId>, path: FsPath, mode: u32, recursive: bool)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            if recursive {
                return Ok(mkdir_recursive(&path.0, mode)?.map_or(OpValue::Undefined, text));
            }
            let cpath = c_path(&path.0)?;
            // SAFETY: a NUL-terminated path.
            check(unsafe { libc::mkdir(cpath.as_ptr(), mode as libc::mode_t) })?;
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_remove(id, path, how)`: how 0 unlink, 1 rmdir, 2 the whole tree.
    fn op_node_fs_remove<'s>(scope, id: Option<OpId>, path: FsPath, how: u32)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            match how {
                0 => std::fs::remove_file(&path.0)?,
                1 => std::fs::remove_dir(&path.0)?,
                _ => std::fs::remove_dir_all(&path.0)?,
            }
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_link(id, from, to, how)`: how 0 rename, 1 hard link, 2
    /// symlink (`from` is the target), 3 copy, 4 copy unless `to` exists.
    fn op_node_fs_link<'s>(scope, id: Option<OpId>, from: FsPath, to: FsPath, how: u32)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let (from, to) = (from.0, to.0);
            match how {
                0 => std::fs::rename(&from, &to)?,
                1 => std::fs::hard_link(&from, &to)?,
                2 => std::os::unix::fs::symlink(&from, &to)?,
                3 => {
                    std::fs::copy(&from, &to)?;
                }
                _ => {
                    let meta = std::fs::metadata(&from)?;
                    if meta.is_dir() {
                        return Err(io::Error::from_raw_os_error(libc::EISDIR));
                    }
                    let mut source = std::fs::File::open(&from)?;
                    let mut target = std::fs::OpenOptions::new().write(true).create_new(true).open(&to)?;
                    io::copy(&mut source, &mut target)?;
                    target.set_permissions(meta.permissions())?;
                }
            }
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_path(id, path, how)`: how 0 readlink, 1 realpath.
    fn op_node_fs_path<'s>(scope, id: Option<OpId>, path: FsPath, how: u32)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let found = if how == 0 { std::fs::read_link(&path.0)? } else { std::fs::canonicalize(&path.0)? };
            Ok(text(found))
        }))
    }
}

op! {
    /// `node_fs_access(id, path, mode)`: access(2) with F_OK/R_OK/W_OK/X_OK bits.
    fn op_node_fs_access<'s>(scope, id: Option<OpId>, path: FsPath, mode: i32)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let cpath = c_path(&path.0)?;
            // SAFETY: a NUL-terminated path.
            check(unsafe { libc::access(cpath.as_ptr(), mode) })?;
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_chmod(id, path, fd, mode)`: chmod of `path`, or fchmod of
    /// `fd` when `path` is null.
    fn op_node_fs_chmod<'s>(scope, id: Option<OpId>, path: Option<FsPath>, fd: i32, mode: u32)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            // SAFETY: a NUL-terminated path, or the program's descriptor.
            check(match path {
                Some(path) => {
                    let cpath = c_path(&path.0)?;
                    unsafe { libc::chmod(cpath.as_ptr(), mode as libc::mode_t) }
                }
                None => unsafe { libc::fchmod(fd, mode as libc::mode_t) },
            })?;
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_chown(id, path, fd, uid, gid, follow)`: chown/lchown of
    /// `path`, or fchown of `fd` when `path` is null.
    fn op_node_fs_chown<'s>(scope, id: Option<OpId>, path: Option<FsPath>, fd: i32, uid: u32, gid: u32, follow: bool)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            // SAFETY: a NUL-terminated path, or the program's descriptor.
            check(match path {
                Some(path) => {
                    let cpath = c_path(&path.0)?;
                    if follow {
                        unsafe { libc::chown(cpath.as_ptr(), uid, gid) }
                    } else {
                        unsafe { libc::lchown(cpath.as_ptr(), uid, gid) }
                    }
                }
                None => unsafe { libc::fchown(fd, uid, gid) },
            })?;
            Ok(OpValue::Undefined)
        }))
    }
}

fn timespec(seconds: f64) -> libc::timespec {
    let whole = seconds.floor();
    libc::timespec {
        tv_sec: whole as libc::time_t,
        tv_nsec: ((seconds - whole) * 1e9).round().min(999_999_999.0) as _,
    }
}

op! {
    /// `node_fs_utimes(id, path, fd, atime, mtime, follow)`: times in
    /// seconds; `fd` when `path` is null.
    fn op_node_fs_utimes<'s>(scope, id: Option<OpId>, path: Option<FsPath>, fd: i32, atime: f64, mtime: f64, follow: bool)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let times = [timespec(atime), timespec(mtime)];
            // SAFETY: two timespecs, a NUL-terminated path or the program's descriptor.
            check(match path {
                Some(path) => {
                    let cpath = c_path(&path.0)?;
                    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
                    unsafe { libc::utimensat(libc::AT_FDCWD, cpath.as_ptr(), times.as_ptr(), flags) }
                }
                None => unsafe { libc::futimens(fd, times.as_ptr()) },
            })?;
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_truncate(id, path, fd, length)`: `fd` when `path` is null.
    fn op_node_fs_truncate<'s>(scope, id: Option<OpId>, path: Option<FsPath>, fd: i32, length: f64)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let length = length.max(0.0) as libc::off_t;
            // SAFETY: a NUL-terminated path, or the program's descriptor.
            check(match path {
                Some(path) => {
                    let cpath = c_path(&path.0)?;
                    unsafe { libc::truncate(cpath.as_ptr(), length) }
                }
                None => unsafe { libc::ftruncate(fd, length) },
            })?;
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_fsync(id, fd, dataOnly)`.
    fn op_node_fs_fsync<'s>(scope, id: Option<OpId>, fd: i32, data_only: bool)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            // SAFETY: the program's descriptor.
            check(unsafe { if data_only { libc::fdatasync(fd) } else { libc::fsync(fd) } })?;
            Ok(OpValue::Undefined)
        }))
    }
}

op! {
    /// `node_fs_mkdtemp(id, prefix)`: the directory mkdtemp(3) made from
    /// `prefix` and six random characters.
    fn op_node_fs_mkdtemp<'s>(scope, id: Option<OpId>, prefix: FsPath)
        -> Result<v8::Local<'s, v8::Value>, KodeError>
    {
        run(scope, id, Box::new(move || {
            let mut template = prefix.0.as_os_str().as_bytes().to_vec();
            template.extend_from_slice(b"XXXXXX\0");
            if template[..template.len() - 1].contains(&0) {
                return Err(io::Error::from_raw_os_error(libc::EINVAL));
            }
            // SAFETY: a NUL-terminated, writable template mkdtemp fills in.
            let made = unsafe { libc::mkdtemp(template.as_mut_ptr().cast()) };
            if made.is_null() {
                return Err(io::Error::last_os_error());
            }
            template.pop();
            Ok(text(std::ffi::OsStr::from_bytes(&template)))
        }))
    }
}

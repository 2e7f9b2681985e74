//! `kode:fs` on Tokio. Each function is one operation; errors carry the
//! operation name (`kode:fs.read`) and the path as the program gave it.
//!
//! Reads are bounded: a text read stops at V8's string limit
//! ([`MAX_STRING_BYTES`], `ESTRING_TOO_LONG`) and a bytes read at
//! [`MAX_READ_BYTES`] (`EFBIG`), also for endless files such as `/dev/zero`.
//! Writes are all-or-nothing: see [`write`].

use std::ffi::OsStr;
use std::fs::{File, Metadata};
use std::io;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::UNIX_EPOCH;

use crate::error::{codes, string_too_long, KodeError, MAX_STRING_BYTES};
use crate::value::OpValue;

/// Writes happen in slices this big so a cancellation takes effect between them.
const WRITE_CHUNK: usize = 1 << 20;

/// Reads check for a cancellation between slices this big.
const READ_SLICE: usize = 16 << 20;

/// The largest `{ as: "bytes" }` read: 2 GiB - 1 bytes, the limit of Node's
/// `fs.readFile` (and well within V8's largest `Uint8Array`). Beyond it a read
/// fails with `EFBIG` instead of exhausting memory.
pub const MAX_READ_BYTES: usize = if ((1usize << 31) - 1) < v8::Uint8Array::MAX_LENGTH {
    (1 << 31) - 1
} else {
    v8::Uint8Array::MAX_LENGTH
};

fn fail<'a>(operation: &str, path: &'a Path) -> impl Fn(io::Error) -> KodeError + 'a {
    let operation = format!("kode:fs.{operation}");
    move |err| KodeError::from_io(&err, &operation, path)
}

pub fn kind_name(meta: &Metadata) -> &'static str {
    let file_type = meta.file_type();
    if file_type.is_symlink() {
        "symlink"
    } else if file_type.is_dir() {
        "directory"
    } else if file_type.is_file() {
        "file"
    } else {
        "other"
    }
}

/// A path as JS sees it in results and errors: its text, lossily when the
/// bytes are not UTF-8. Paths are far shorter than V8's string limit.
fn path_text(path: &Path) -> OpValue {
    OpValue::text(path.to_string_lossy()).unwrap_or(OpValue::Null)
}

/// `{ path, kind, size, modifiedMs, mimeType }` from `lstat` data.
pub fn info_value(path: &Path, meta: &Metadata) -> OpValue {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_millis() as f64);
    let kind = kind_name(meta);
    let mime = match kind {
        "file" => mime_guess::from_path(path).first_raw(),
        _ => None,
    };
    OpValue::Object(vec![
        ("path", path_text(path)),
        ("kind", OpValue::word(kind)),
        ("size", OpValue::Number(meta.len() as f64)),
        (
            "modifiedMs",
            modified.map_or(OpValue::Null, OpValue::Number),
        ),
        ("mimeType", mime.map_or(OpValue::Null, OpValue::word)),
    ])
}

/// What a read returns, and so how much of a file it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReadAs {
    Text,
    Bytes,
}

impl ReadAs {
    fn limit(self) -> usize {
        match self {
            ReadAs::Text => MAX_STRING_BYTES,
            ReadAs::Bytes => MAX_READ_BYTES,
        }
    }

    fn too_big(self, operation: &str, path: &Path) -> KodeError {
        let operation = format!("kode:fs.{operation}");
        match self {
            ReadAs::Text => string_too_long().at(&operation, path),
            ReadAs::Bytes => {
                let mut err = KodeError::from_io(
                    &io::Error::from_raw_os_error(libc::EFBIG),
                    &operation,
                    path,
                );
                err.message = format!(
                    "EFBIG: file too large, more than the {MAX_READ_BYTES} bytes a read returns, {operation} '{}'",
                    path.display()
                );
                err
            }
        }
    }
}

/// Reads all of `path`, but never more than `read_as` allows: a regular file
/// that says it is bigger fails before reading, and anything else (devices,
/// pipes, `/proc` files that say 0) is read up to one byte past the limit.
/// The reading runs as one blocking job, which stops between slices once the
/// op is dropped (its promise was cancelled).
async fn read_bounded(
    path: &Path,
    read_as: ReadAs,
    operation: &'static str,
) -> Result<(Vec<u8>, Metadata), KodeError> {
    /// Tells the blocking job when the op's future is dropped.
    struct Dropped(Arc<AtomicBool>);
    impl Drop for Dropped {
        fn drop(&mut self) {
            self.0.store(true, Ordering::Relaxed);
        }
    }
    let dropped = Dropped(Arc::default());
    let stop = dropped.0.clone();
    let path_buf = path.to_path_buf();
    let job = move || read_bounded_blocking(&path_buf, read_as, operation, &stop);
    tokio::task::spawn_blocking(job)
        .await
        .unwrap_or_else(|_| Err(KodeError::new(codes::EIO, "a host operation panicked")))
}

fn read_bounded_blocking(
    path: &Path,
    read_as: ReadAs,
    operation: &str,
    stop: &AtomicBool,
) -> Result<(Vec<u8>, Metadata), KodeError> {
    use std::io::Read;
    let on_err = fail(operation, path);
    let mut file = File::open(path).map_err(&on_err)?;
    // The info describes the file that was read (through any symlink), from the open handle.
    let meta = file.metadata().map_err(&on_err)?;
    let limit = read_as.limit();
    if meta.len() > limit as u64 {
        return Err(read_as.too_big(operation, path));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    loop {
        if stop.load(Ordering::Relaxed) {
            // Nobody waits for the result any more.
            return Err(KodeError::new(codes::ECANCELED, "the read was canceled")
                .operation(&format!("kode:fs.{operation}"))
                .path(path));
        }
        let room = (limit + 1 - bytes.len()).min(READ_SLICE) as u64;
        let read = (&mut file)
            .take(room)
            .read_to_end(&mut bytes)
            .map_err(&on_err)?;
        if bytes.len() > limit {
            return Err(read_as.too_big(operation, path));
        }
        if read < room as usize {
            return Ok((bytes, meta));
        }
    }
}

pub async fn read(path: PathBuf, as_bytes: bool) -> Result<OpValue, KodeError> {
    let read_as = if as_bytes {
        ReadAs::Bytes
    } else {
        ReadAs::Text
    };
    let (bytes, meta) = read_bounded(&path, read_as, "read").await?;
    let content = if as_bytes {
        ("bytes", OpValue::Bytes(bytes))
    } else {
        ("text", decode_text(bytes, "read", &path)?)
    };
    Ok(OpValue::Object(vec![
        content,
        ("info", info_value(&path, &meta)),
    ]))
}

/// `readText` (or the legacy `readFile`, whose errors name it): the text alone.
pub async fn read_text(path: PathBuf, operation: &'static str) -> Result<OpValue, KodeError> {
    let (bytes, _) = read_bounded(&path, ReadAs::Text, operation).await?;
    decode_text(bytes, operation, &path)
}

/// Text reads are strict: a file that is not UTF-8 is an error, not mojibake.
/// A leading BOM is dropped, as `TextDecoder` does.
fn decode_text(bytes: Vec<u8>, operation: &str, path: &Path) -> Result<OpValue, KodeError> {
    let operation = format!("kode:fs.{operation}");
    let text = crate::utf8::decode_utf8(&bytes, true, false).map_err(|mut err| {
        err.class = crate::error::ErrorClass::Error;
        err.message = format!(
            "{} is not valid UTF-8; read it with {{ as: \"bytes\" }}",
            path.display()
        );
        err.operation(&operation).path(path)
    })?;
    drop(bytes);
    OpValue::text(text).map_err(|err| err.at(&operation, path))
}

/// Where a write lands: through a symlink (even a dangling one) to its target.
fn write_target(path: &Path) -> PathBuf {
    let mut target = path.to_path_buf();
    // Bounded, so a link loop falls through to the OS's own ELOOP.
    for _ in 0..40 {
        match std::fs::read_link(&target) {
            Ok(link) => {
                let base = target.parent().map(Path::to_path_buf).unwrap_or_default();
                target = base.join(link);
            }
            Err(_) => break,
        }
    }
    target
}

/// Atomic write, run on a blocking thread as one job: [`StagedWrite`]'s
/// begin, the data in slices, commit. `canceled()` is checked between slices
/// and once more just before the commit point (see [`StagedWrite::commit`]).
pub fn write(
    path: PathBuf,
    data: Vec<u8>,
    parents: bool,
    canceled: &dyn Fn() -> bool,
) -> Result<OpValue, KodeError> {
    let mut staged = StagedWrite::begin(path, parents)?;
    for chunk in data.chunks(WRITE_CHUNK) {
        if canceled() {
            return Err(staged.canceled_error());
        }
        staged.write(chunk)?;
    }
    staged.commit(canceled)
}

/// Where a write's bytes go until it commits.
enum Destination {
    /// A FIFO or a device: written in place, as the bytes come.
    InPlace(File),
    /// The unnamed (`O_TMPFILE`) or temporarily named file the target is
    /// replaced with at the commit; `existing` is the target's metadata.
    Staged {
        file: File,
        named: Option<NamedTemp>,
        existing: Option<Metadata>,
    },
}

/// An atomic write in progress, for `kode:fs.write` of bytes (one blocking
/// job) and of a `ReadableStream` (a resource its chunks are written to).
/// The data goes to an unnamed file (`O_TMPFILE`) in the target's directory;
/// only when it is complete and synced does it get a temporary name, and the
/// rename of that name over the target is the commit point. Dropping it
/// before then discards the data and leaves the target untouched:
/// - an unnamed file vanishes with its descriptor, and a named one (a
///   temporary name, or a whole temporary file where `O_TMPFILE` is
///   unsupported) is removed on failure, on cancellation, on drop and by an
///   exit handler ([`NamedTemp`]);
/// - so a process that ends mid-write leaves nothing either.
///
/// Targets that are not regular files (a FIFO, a device) are written in place.
pub struct StagedWrite {
    path: PathBuf,
    target: PathBuf,
    dir: PathBuf,
    destination: Destination,
    written: u64,
}

impl StagedWrite {
    /// Opens the write's destination: `path`'s directory (made first with
    /// `parents`) must exist, and `path` must not be a directory.
    pub fn begin(path: PathBuf, parents: bool) -> Result<StagedWrite, KodeError> {
        let on_err = fail("write", &path);
        let target = write_target(&path);
        let name = target
            .file_name()
            .ok_or_else(|| on_err(io::Error::from_raw_os_error(libc::EISDIR)))?;
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if parents {
            std::fs::create_dir_all(&dir).map_err(&on_err)?;
        }
        let existing = std::fs::metadata(&target).ok();
        let destination = match &existing {
            Some(meta) if meta.is_dir() => {
                return Err(on_err(io::Error::from_raw_os_error(libc::EISDIR)));
            }
            Some(meta) if !meta.is_file() => Destination::InPlace(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(&on_err)?,
            ),
            _ => {
                let (file, named) = stage(&dir, name).map_err(&on_err)?;
                Destination::Staged {
                    file,
                    named,
                    existing,
                }
            }
        };
        drop(on_err);
        Ok(StagedWrite {
            path,
            target,
            dir,
            destination,
            written: 0,
        })
    }

    /// Appends `bytes` to what the commit will put in place.
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), KodeError> {
        use std::io::Write;
        let file = match &mut self.destination {
            Destination::InPlace(file) | Destination::Staged { file, .. } => file,
        };
        file.write_all(bytes).map_err(fail("write", &self.path))?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// `ECANCELED` for this write, the target untouched.
    pub fn canceled_error(&self) -> KodeError {
        canceled_write(&self.path)
    }

    /// Puts the data in place: syncs it, names it, and renames it over the
    /// target. `canceled()` is asked once more just before the rename; if it
    /// is true there, the data is discarded and the write fails with
    /// `ECANCELED`. Once past that check the rename happens and the write
    /// reports success, whatever arrives meanwhile. Gives
    /// `{ bytesWritten, info }`.
    pub fn commit(self, canceled: &dyn Fn() -> bool) -> Result<OpValue, KodeError> {
        let StagedWrite {
            path,
            target,
            dir,
            destination,
            written,
        } = self;
        let on_err = fail("write", &path);
        let (file, named, existing) = match destination {
            Destination::InPlace(_) => return Ok(written_value(&path, written, &target)),
            Destination::Staged {
                file,
                named,
                existing,
            } => (file, named, existing),
        };
        if let Some(meta) = &existing {
            // Replacing a file keeps its permission bits.
            let _ = file.set_permissions(meta.permissions());
        }
        file.sync_all().map_err(&on_err)?;
        let temp = match named {
            Some(temp) => temp,
            None => {
                let name = target.file_name().expect("begin checked the name");
                NamedTemp::link(&file, &dir, name).map_err(&on_err)?
            }
        };
        drop(file);
        // The commit point. Dropping `temp` on any early return removes its name.
        if canceled() {
            return Err(canceled_write(&path));
        }
        std::fs::rename(&temp.path, &target).map_err(&on_err)?;
        temp.renamed();
        Ok(written_value(&path, written, &target))
    }
}

fn canceled_write(path: &Path) -> KodeError {
    KodeError::new(codes::ECANCELED, "kode:fs.write was canceled")
        .operation("kode:fs.write")
        .path(path)
}

fn written_value(path: &Path, len: u64, target: &Path) -> OpValue {
    let info = match std::fs::metadata(target) {
        Ok(meta) => info_value(path, &meta),
        Err(_) => OpValue::Null,
    };
    OpValue::Object(vec![
        ("bytesWritten", OpValue::Number(len as f64)),
        ("info", info),
    ])
}

/// Opens the file a write's data goes to: unnamed (`O_TMPFILE`) where the
/// file system supports it and `/proc/self/fd` can name it later, else a
/// named temporary file.
fn stage(dir: &Path, name: &OsStr) -> io::Result<(File, Option<NamedTemp>)> {
    if Path::new("/proc/self/fd").is_dir() {
        let unnamed = std::fs::OpenOptions::new()
            .write(true)
            .mode(0o666)
            .custom_flags(libc::O_TMPFILE)
            .open(dir);
        match unnamed {
            Ok(file) => return Ok((file, None)),
            // Kernels or file systems without O_TMPFILE.
            Err(err)
                if matches!(
                    err.raw_os_error(),
                    Some(libc::EOPNOTSUPP | libc::EISDIR | libc::EINVAL)
                ) => {}
            Err(err) => return Err(err),
        }
    }
    NamedTemp::create(dir, name).map(|(file, temp)| (file, Some(temp)))
}

/// Temporary names that exist right now. Named and listed under the same
/// lock, so the exit handler, which takes the lock for good, removes every
/// name that was ever given and no new one appears after it ran.
static LIVE_TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live_temps() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    static EXIT_HANDLER: std::sync::Once = std::sync::Once::new();
    EXIT_HANDLER.call_once(|| {
        // SAFETY: registers a function with no preconditions. Failure (the
        // table is full) leaves only the unnamed-file protection.
        unsafe { libc::atexit(remove_temps_at_exit) };
    });
    LIVE_TEMPS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs in `exit()` (`Kode.exit`, an uncaught error, the end of the
/// program) while blocking writes may still be running on other threads.
extern "C" fn remove_temps_at_exit() {
    let names = LIVE_TEMPS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for path in names.iter() {
        let _ = std::fs::remove_file(path);
    }
    // Held until the process is gone: no write names a file from now on.
    std::mem::forget(names);
}

/// `.NAME.kode-PID-RANDOM.tmp` in `dir`.
fn temp_name(dir: &Path, name: &OsStr) -> PathBuf {
    let mut file_name = std::ffi::OsString::from(".");
    file_name.push(name);
    file_name.push(format!(
        ".kode-{}-{:08x}.tmp",
        std::process::id(),
        rand_u32()
    ));
    dir.join(file_name)
}

/// A temporary name in the target's directory: removed when dropped (a
/// failed or cancelled write) and at process exit, unless renamed.
struct NamedTemp {
    path: PathBuf,
}

impl NamedTemp {
    /// A new, empty named file (for file systems without `O_TMPFILE`).
    fn create(dir: &Path, name: &OsStr) -> io::Result<(File, NamedTemp)> {
        let mut live = live_temps();
        loop {
            let path = temp_name(dir, name);
            let created = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o666)
                .open(&path);
            match created {
                Ok(file) => {
                    live.push(path.clone());
                    return Ok((file, NamedTemp { path }));
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            }
        }
    }

    /// Gives the unnamed file `file` a temporary name in `dir`.
    fn link(file: &File, dir: &Path, name: &OsStr) -> io::Result<NamedTemp> {
        let mut live = live_temps();
        loop {
            let path = temp_name(dir, name);
            match crate::unnamed::link(file, &path) {
                Ok(()) => {
                    live.push(path.clone());
                    return Ok(NamedTemp { path });
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            }
        }
    }

    /// The name now belongs to the target: forget it.
    fn renamed(self) {
        forget_temp(&self.path);
        std::mem::forget(self);
    }
}

fn forget_temp(path: &Path) {
    let mut live = live_temps();
    if let Some(index) = live.iter().position(|p| p == path) {
        live.swap_remove(index);
    }
}

impl Drop for NamedTemp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        forget_temp(&self.path);
    }
}

fn rand_u32() -> u32 {
    let mut bytes = [0u8; 4];
    let _ = getrandom::fill(&mut bytes);
    u32::from_le_bytes(bytes)
}

pub async fn info(path: PathBuf) -> Result<OpValue, KodeError> {
    match tokio::fs::symlink_metadata(&path).await {
        Ok(meta) => Ok(info_value(&path, &meta)),
        Err(err)
            if matches!(
                err.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(OpValue::Null)
        }
        Err(err) => Err(fail("info", &path)(err)),
    }
}

/// `[{ name, kind }]` sorted by name (by bytes). A name that is not UTF-8
/// also has `rawName`, its bytes as a `Uint8Array`: `name` shows it with
/// U+FFFD replacements, and `rawName` is what reaches the file again (every
/// `kode:fs` function takes a `Uint8Array` path).
pub async fn list(path: PathBuf) -> Result<OpValue, KodeError> {
    let on_err = fail("list", &path);
    let mut dir = tokio::fs::read_dir(&path).await.map_err(&on_err)?;
    let mut entries = Vec::new();
    while let Some(entry) = dir.next_entry().await.map_err(&on_err)? {
        let meta = tokio::fs::symlink_metadata(entry.path())
            .await
            .map_err(&on_err)?;
        entries.push((entry.file_name(), kind_name(&meta)));
    }
    entries.sort();
    let items = entries
        .into_iter()
        .map(|(name, kind)| {
            let mut fields = vec![
                ("name", path_text(Path::new(&name))),
                ("kind", OpValue::word(kind)),
            ];
            if name.to_str().is_none() {
                fields.push(("rawName", OpValue::Bytes(name.into_vec())));
            }
            OpValue::Object(fields)
        })
        .collect();
    Ok(OpValue::Array(items))
}

pub async fn remove(path: PathBuf, recursive: bool) -> Result<OpValue, KodeError> {
    let on_err = fail("remove", &path);
    let meta = tokio::fs::symlink_metadata(&path).await.map_err(&on_err)?;
    let result = if !meta.is_dir() {
        tokio::fs::remove_file(&path).await
    } else if recursive {
        tokio::fs::remove_dir_all(&path).await
    } else {
        tokio::fs::remove_dir(&path).await
    };
    result.map_err(&on_err)?;
    Ok(OpValue::Undefined)
}

pub async fn mkdir(path: PathBuf, parents: bool) -> Result<OpValue, KodeError> {
    let on_err = fail("mkdir", &path);
    if parents {
        // `create_dir_all` accepts an existing directory but must not accept a file.
        if let Ok(meta) = tokio::fs::metadata(&path).await {
            if !meta.is_dir() {
                return Err(on_err(io::Error::from_raw_os_error(17)));
            }
        }
        tokio::fs::create_dir_all(&path).await.map_err(&on_err)?;
    } else {
        tokio::fs::create_dir(&path).await.map_err(&on_err)?;
    }
    Ok(OpValue::Undefined)
}

pub async fn rename(from: PathBuf, to: PathBuf) -> Result<OpValue, KodeError> {
    tokio::fs::rename(&from, &to)
        .await
        .map_err(|err| fail("rename", &from)(err).field("dest", to.to_string_lossy()))?;
    Ok(OpValue::Undefined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn write_replaces_atomically_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        std::fs::write(&target, "old").unwrap();
        write(target.clone(), b"new".to_vec(), false, &|| false).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn cancelled_write_keeps_old_content() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        std::fs::write(&target, "old").unwrap();
        let err = write(target.clone(), vec![b'x'; 3 << 20], false, &|| true).unwrap_err();
        assert_eq!(err.code, "ECANCELED");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn cancel_at_the_commit_point_discards_and_after_it_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        // The last check, just before the rename: `canceled` is asked once per
        // 1 MiB slice and then once more.
        for (slices, cancel_at, wanted) in [(2, 3, "old"), (2, 4, "new")] {
            std::fs::write(&target, "old").unwrap();
            let asked = std::cell::Cell::new(0);
            let canceled = || {
                asked.set(asked.get() + 1);
                asked.get() >= cancel_at
            };
            let mut data = vec![b'n'; slices << 20];
            data[..3].copy_from_slice(b"new");
            let result = write(target.clone(), data, false, &canceled);
            let now = std::fs::read(&target).unwrap();
            assert_eq!(&now[..3], wanted.as_bytes());
            assert_eq!(result.is_err(), wanted == "old");
            assert_eq!(names_in(dir.path()), ["a.txt"]);
        }
    }

    #[test]
    fn a_staged_write_commits_its_chunks_or_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        std::fs::write(&target, "old").unwrap();
        // Dropped before the commit (a cancel, a stream error): nothing changes.
        let mut staged = StagedWrite::begin(target.clone(), false).unwrap();
        staged.write(b"half").unwrap();
        drop(staged);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(names_in(dir.path()), ["a.txt"]);
        let mut staged = StagedWrite::begin(target.clone(), false).unwrap();
        for chunk in [&b"one "[..], b"two ", b"three"] {
            staged.write(chunk).unwrap();
        }
        match staged.commit(&|| false).unwrap() {
            OpValue::Object(fields) => {
                assert!(matches!(fields[0], ("bytesWritten", OpValue::Number(n)) if n == 13.0));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "one two three");
        assert_eq!(names_in(dir.path()), ["a.txt"]);
    }

    #[test]
    fn named_temp_files_are_listed_for_the_exit_handler_until_gone() {
        let dir = tempfile::tempdir().unwrap();
        let (_file, temp) = NamedTemp::create(dir.path(), OsStr::new("a.txt")).unwrap();
        let name = temp
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with(".a.txt.kode-") && name.ends_with(".tmp"));
        let path = temp.path.clone();
        assert!(live_temps().contains(&path));
        drop(temp);
        assert!(names_in(dir.path()).is_empty());
        assert!(!live_temps().contains(&path));
        let (_file, temp) = NamedTemp::create(dir.path(), OsStr::new("b.txt")).unwrap();
        let path = temp.path.clone();
        std::fs::rename(&path, dir.path().join("b.txt")).unwrap();
        temp.renamed();
        assert!(!live_temps().contains(&path));
        assert_eq!(names_in(dir.path()), ["b.txt"]);
    }

    #[test]
    fn bounded_reads_of_endless_files() {
        // A regular file that says it is too big fails before any reading.
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("sparse.bin");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_READ_BYTES as u64 + 1).unwrap();
        let err = block(read(big.clone(), true)).unwrap_err();
        assert_eq!(err.code, "EFBIG");
        assert_eq!(err.path.as_deref(), big.to_str());
        let err = block(read_text(big, "readText")).unwrap_err();
        assert_eq!(err.code, "ESTRING_TOO_LONG");
        assert_eq!(err.operation.as_deref(), Some("kode:fs.readText"));
        // Files that say 0 are read, up to the limit.
        match block(read_text("/proc/self/status".into(), "readText")).unwrap() {
            OpValue::Text(text) => assert!(text.as_str().contains("Name:")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn writes_go_through_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.txt"), "old").unwrap();
        std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
        write(dir.path().join("link.txt"), b"new".to_vec(), false, &|| {
            false
        })
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("real.txt")).unwrap(),
            "new"
        );
        assert!(std::fs::symlink_metadata(dir.path().join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn errors_name_operation_and_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope/x.txt");
        let err = write(missing.clone(), b"x".to_vec(), false, &|| false).unwrap_err();
        assert_eq!(err.code, "ENOENT");
        assert_eq!(err.operation.as_deref(), Some("kode:fs.write"));
        assert_eq!(err.path.as_deref(), Some(missing.to_str().unwrap()));
        write(missing.clone(), b"x".to_vec(), true, &|| false).unwrap();
        let err = block(remove(dir.path().join("nope"), false)).unwrap_err();
        assert_eq!(err.code, "ENOTEMPTY");
        assert!(matches!(
            block(info(dir.path().join("absent"))).unwrap(),
            OpValue::Null
        ));
    }
}

//! `kode:fs` on Tokio. Each function is one operation; errors carry the
//! operation name (`kode:fs.read`) and the path as the program gave it.

use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::KodeError;
use crate::value::OpValue;

/// Writes happen in slices this big so a cancellation takes effect between them.
const WRITE_CHUNK: usize = 1 << 20;

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
        ("path", OpValue::Text(path.to_string_lossy().into_owned())),
        ("kind", OpValue::Text(kind.to_string())),
        ("size", OpValue::Number(meta.len() as f64)),
        (
            "modifiedMs",
            modified.map_or(OpValue::Null, OpValue::Number),
        ),
        (
            "mimeType",
            mime.map_or(OpValue::Null, |m| OpValue::Text(m.to_string())),
        ),
    ])
}

pub async fn read(path: PathBuf, as_bytes: bool) -> Result<OpValue, KodeError> {
    use tokio::io::AsyncReadExt;
    let on_err = fail("read", &path);
    let mut file = tokio::fs::File::open(&path).await.map_err(&on_err)?;
    // The info describes the file that was read (through any symlink), from the open handle.
    let meta = file.metadata().await.map_err(&on_err)?;
    let mut bytes = Vec::with_capacity(meta.len().min(1 << 30) as usize);
    file.read_to_end(&mut bytes).await.map_err(&on_err)?;
    let content = if as_bytes {
        ("bytes", OpValue::Bytes(bytes))
    } else {
        ("text", OpValue::Text(decode_text(&bytes, "read", &path)?))
    };
    Ok(OpValue::Object(vec![
        content,
        ("info", info_value(&path, &meta)),
    ]))
}

/// `readText` (or the legacy `readFile`, whose errors name it): the text alone.
pub async fn read_text(path: PathBuf, operation: &'static str) -> Result<OpValue, KodeError> {
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(fail(operation, &path))?;
    Ok(OpValue::Text(decode_text(&bytes, operation, &path)?))
}

/// Text reads are strict: a file that is not UTF-8 is an error, not mojibake.
fn decode_text(bytes: &[u8], operation: &str, path: &Path) -> Result<String, KodeError> {
    crate::ops::decode_utf8(bytes, true, false).map_err(|mut err| {
        err.class = crate::error::ErrorClass::Error;
        err.message = format!(
            "{} is not valid UTF-8; read it with {{ as: \"bytes\" }}",
            path.display()
        );
        err.operation(&format!("kode:fs.{operation}")).path(path)
    })
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

/// Atomic write, run on a blocking thread as one job: the data goes to a
/// temporary file beside the target, which is renamed over it only when
/// complete and synced. A failure or a cancellation (`cancel`, checked between
/// slices) removes the temporary file and leaves the target untouched.
/// Targets that are not regular files (a FIFO, a device) are written in place.
pub fn write(
    path: PathBuf,
    data: Vec<u8>,
    parents: bool,
    cancel: &AtomicBool,
) -> Result<OpValue, KodeError> {
    use std::io::Write;
    let on_err = fail("write", &path);
    let target = write_target(&path);
    let name = target
        .file_name()
        .ok_or_else(|| on_err(io::Error::from_raw_os_error(21)))?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if parents {
        std::fs::create_dir_all(&dir).map_err(&on_err)?;
    }
    let canceled = || {
        KodeError::new("ECANCELED", "kode:fs.write was canceled")
            .operation("kode:fs.write")
            .path(&path)
    };
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(on_err(io::Error::from_raw_os_error(21)));
        }
        if !meta.is_file() {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(&on_err)?;
            for chunk in data.chunks(WRITE_CHUNK) {
                if cancel.load(Ordering::Relaxed) {
                    return Err(canceled());
                }
                file.write_all(chunk).map_err(&on_err)?;
            }
            return Ok(written(&path, data.len(), &target));
        }
    }
    let temp = TempFile(dir.join(format!(
        ".{}.kode-{}-{:08x}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        rand_u32()
    )));
    let mut file = std::fs::File::create(&temp.0).map_err(&on_err)?;
    for chunk in data.chunks(WRITE_CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            return Err(canceled());
        }
        file.write_all(chunk).map_err(&on_err)?;
    }
    file.sync_all().map_err(&on_err)?;
    drop(file);
    if let Some(meta) = &existing {
        // Replacing a file keeps its permission bits.
        let _ = std::fs::set_permissions(&temp.0, meta.permissions());
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(canceled());
    }
    std::fs::rename(&temp.0, &target).map_err(&on_err)?;
    temp.keep();
    Ok(written(&path, data.len(), &target))
}

fn written(path: &Path, len: usize, target: &Path) -> OpValue {
    let info = match std::fs::metadata(target) {
        Ok(meta) => info_value(path, &meta),
        Err(_) => OpValue::Null,
    };
    OpValue::Object(vec![
        ("bytesWritten", OpValue::Number(len as f64)),
        ("info", info),
    ])
}

/// Removes the temporary file when dropped, unless it was renamed into place.
struct TempFile(PathBuf);

impl TempFile {
    fn keep(self) {
        std::mem::forget(self);
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
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

pub async fn list(path: PathBuf) -> Result<OpValue, KodeError> {
    let on_err = fail("list", &path);
    let mut dir = tokio::fs::read_dir(&path).await.map_err(&on_err)?;
    let mut entries = Vec::new();
    while let Some(entry) = dir.next_entry().await.map_err(&on_err)? {
        let meta = tokio::fs::symlink_metadata(entry.path())
            .await
            .map_err(&on_err)?;
        entries.push((
            entry.file_name().to_string_lossy().into_owned(),
            kind_name(&meta),
        ));
    }
    entries.sort();
    let items = entries
        .into_iter()
        .map(|(name, kind)| {
            OpValue::Object(vec![
                ("name", OpValue::Text(name)),
                ("kind", OpValue::Text(kind.into())),
            ])
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
        write(
            target.clone(),
            b"new".to_vec(),
            false,
            &AtomicBool::new(false),
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn cancelled_write_keeps_old_content() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        std::fs::write(&target, "old").unwrap();
        let err = write(
            target.clone(),
            vec![b'x'; 3 << 20],
            false,
            &AtomicBool::new(true),
        )
        .unwrap_err();
        assert_eq!(err.code, "ECANCELED");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_go_through_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("real.txt"), "old").unwrap();
        std::os::unix::fs::symlink("real.txt", dir.path().join("link.txt")).unwrap();
        write(
            dir.path().join("link.txt"),
            b"new".to_vec(),
            false,
            &AtomicBool::new(false),
        )
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
        let err = write(
            missing.clone(),
            b"x".to_vec(),
            false,
            &AtomicBool::new(false),
        )
        .unwrap_err();
        assert_eq!(err.code, "ENOENT");
        assert_eq!(err.operation.as_deref(), Some("kode:fs.write"));
        assert_eq!(err.path.as_deref(), Some(missing.to_str().unwrap()));
        write(
            missing.clone(),
            b"x".to_vec(),
            true,
            &AtomicBool::new(false),
        )
        .unwrap();
        let err = block(remove(dir.path().join("nope"), false)).unwrap_err();
        assert_eq!(err.code, "ENOTEMPTY");
        assert!(matches!(
            block(info(dir.path().join("absent"))).unwrap(),
            OpValue::Null
        ));
    }
}

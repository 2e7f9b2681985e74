//! `kode:fs` on Tokio. Each function is one operation; errors carry the
//! operation name (`kode:fs.read`) and the path as the program gave it.

use std::fs::Metadata;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use tokio::io::AsyncWriteExt;

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
    let bytes = tokio::fs::read(&path).await.map_err(fail("read", &path))?;
    let meta = tokio::fs::symlink_metadata(&path)
        .await
        .map_err(fail("read", &path))?;
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

pub async fn read_text(path: PathBuf) -> Result<OpValue, KodeError> {
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(fail("readText", &path))?;
    Ok(OpValue::Text(decode_text(&bytes, "readText", &path)?))
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

/// Atomic write: the data goes to a temporary file beside the target, which is
/// renamed over it only when complete. A failure or cancellation (the future
/// is dropped) removes the temporary file and leaves the target untouched.
pub async fn write(path: PathBuf, data: Vec<u8>, parents: bool) -> Result<OpValue, KodeError> {
    let on_err = fail("write", &path);
    let name = path
        .file_name()
        .ok_or_else(|| on_err(io::Error::from_raw_os_error(21)))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if parents {
        tokio::fs::create_dir_all(&dir).await.map_err(&on_err)?;
    }
    let existing = tokio::fs::metadata(&path).await.ok();
    if existing.as_ref().is_some_and(Metadata::is_dir) {
        return Err(on_err(io::Error::from_raw_os_error(21)));
    }
    let temp = TempFile(dir.join(format!(
        ".{}.kode-{}-{:08x}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        rand_u32()
    )));
    let mut file = tokio::fs::File::create(&temp.0).await.map_err(&on_err)?;
    for chunk in data.chunks(WRITE_CHUNK) {
        file.write_all(chunk).await.map_err(&on_err)?;
    }
    file.sync_all().await.map_err(&on_err)?;
    drop(file);
    if let Some(meta) = &existing {
        // Replacing a file keeps its permission bits.
        let _ = tokio::fs::set_permissions(&temp.0, meta.permissions()).await;
    }
    tokio::fs::rename(&temp.0, &path).await.map_err(&on_err)?;
    temp.keep();
    let meta = tokio::fs::symlink_metadata(&path).await.map_err(&on_err)?;
    Ok(OpValue::Object(vec![
        ("bytesWritten", OpValue::Number(data.len() as f64)),
        ("info", info_value(&path, &meta)),
    ]))
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
        block(write(target.clone(), b"new".to_vec(), false)).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn dropped_write_keeps_old_content() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.txt");
        std::fs::write(&target, "old").unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        runtime.block_on(async {
            let big = vec![b'x'; 64 << 20];
            // Cancelled long before 64 MiB can be written and synced.
            let _ = tokio::time::timeout(
                std::time::Duration::from_millis(1),
                write(target.clone(), big, false),
            )
            .await;
        });
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn errors_name_operation_and_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope/x.txt");
        let err = block(write(missing.clone(), b"x".to_vec(), false)).unwrap_err();
        assert_eq!(err.code, "ENOENT");
        assert_eq!(err.operation.as_deref(), Some("kode:fs.write"));
        assert_eq!(err.path.as_deref(), Some(missing.to_str().unwrap()));
        block(write(missing.clone(), b"x".to_vec(), true)).unwrap();
        let err = block(remove(dir.path().join("nope"), false)).unwrap_err();
        assert_eq!(err.code, "ENOTEMPTY");
        assert!(matches!(
            block(info(dir.path().join("absent"))).unwrap(),
            OpValue::Null
        ));
    }
}

//! The file-system view the resolver and the graph walk need: "what is at this
//! path" and "read this file". `RealFs` is backed by `std::fs`; `MemFs` is an
//! in-memory tree for tests (esbuild's `fs_real`/`fs_mock` split).

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::codes;

/// What a path points at, after following symlinks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Dir,
}

pub trait Fs {
    /// Kind of the entry at `path` following symlinks, None if absent.
    fn kind(&self, path: &Path) -> Option<EntryKind>;
    fn read_to_string(&self, path: &Path) -> io::Result<String>;
}

/// The real file system, through `std::fs`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl Fs for RealFs {
    fn kind(&self, path: &Path) -> Option<EntryKind> {
        // `std::fs::metadata` follows symlinks; anything that is neither a
        // file nor a directory (sockets, fifos) cannot be a module.
        let meta = std::fs::metadata(path).ok()?;
        if meta.is_file() {
            Some(EntryKind::File)
        } else if meta.is_dir() {
            Some(EntryKind::Dir)
        } else {
            None
        }
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }
}

/// An in-memory file system for tests. Paths are absolute and taken
/// literally (no normalisation), which is what the resolver hands over.
#[derive(Debug, Clone)]
pub struct MemFs {
    entries: HashMap<PathBuf, MemEntry>,
}

#[derive(Debug, Clone)]
enum MemEntry {
    File(String),
    Dir,
}

impl MemFs {
    /// An empty tree holding only `/`.
    pub fn new() -> Self {
        let mut entries = HashMap::new();
        entries.insert(PathBuf::from("/"), MemEntry::Dir);
        MemFs { entries }
    }

    /// Adds a file, creating its parent directories.
    pub fn file(mut self, path: impl AsRef<Path>, contents: impl Into<String>) -> Self {
        let path = path.as_ref();
        assert!(path.is_absolute(), "MemFs paths must be absolute: {path:?}");
        for dir in path.ancestors().skip(1) {
            self.entries.insert(dir.to_path_buf(), MemEntry::Dir);
        }
        self.entries
            .insert(path.to_path_buf(), MemEntry::File(contents.into()));
        self
    }
}

impl Default for MemFs {
    fn default() -> Self {
        Self::new()
    }
}

impl Fs for MemFs {
    fn kind(&self, path: &Path) -> Option<EntryKind> {
        match self.entries.get(path)? {
            MemEntry::File(_) => Some(EntryKind::File),
            MemEntry::Dir => Some(EntryKind::Dir),
        }
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        match self.entries.get(path) {
            Some(MemEntry::File(text)) => Ok(text.clone()),
            Some(MemEntry::Dir) => Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                format!("{} is a directory", path.display()),
            )),
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{} not found", path.display()),
            )),
        }
    }
}

/// POSIX name of an OS error, the way Node and Deno report it.
pub fn io_code(err: &io::Error) -> &'static str {
    if let Some(errno) = err.raw_os_error() {
        if let Some(code) = errno_code(errno) {
            return code;
        }
    }
    use io::ErrorKind::*;
    match err.kind() {
        NotFound => codes::ENOENT,
        PermissionDenied => codes::EACCES,
        AlreadyExists => codes::EEXIST,
        IsADirectory => codes::EISDIR,
        NotADirectory => codes::ENOTDIR,
        DirectoryNotEmpty => codes::ENOTEMPTY,
        InvalidInput | InvalidData => codes::EINVAL,
        Interrupted => codes::EINTR,
        ConnectionRefused => codes::ECONNREFUSED,
        ConnectionReset => codes::ECONNRESET,
        ConnectionAborted => codes::ECONNABORTED,
        NotConnected => codes::ENOTCONN,
        AddrInUse => codes::EADDRINUSE,
        AddrNotAvailable => codes::EADDRNOTAVAIL,
        TimedOut => codes::ETIMEDOUT,
        BrokenPipe => codes::EPIPE,
        _ => codes::EIO,
    }
}

fn errno_code(errno: i32) -> Option<&'static str> {
    Some(match errno {
        1 => codes::EPERM,
        3 => codes::ESRCH,
        2 => codes::ENOENT,
        5 => codes::EIO,
        9 => codes::EBADF,
        11 => codes::EAGAIN,
        12 => codes::ENOMEM,
        13 => codes::EACCES,
        16 => codes::EBUSY,
        17 => codes::EEXIST,
        18 => codes::EXDEV,
        20 => codes::ENOTDIR,
        21 => codes::EISDIR,
        22 => codes::EINVAL,
        23 => codes::ENFILE,
        24 => codes::EMFILE,
        26 => codes::ETXTBSY,
        27 => codes::EFBIG,
        28 => codes::ENOSPC,
        30 => codes::EROFS,
        31 => codes::EMLINK,
        32 => codes::EPIPE,
        36 => codes::ENAMETOOLONG,
        39 => codes::ENOTEMPTY,
        40 => codes::ELOOP,
        98 => codes::EADDRINUSE,
        99 => codes::EADDRNOTAVAIL,
        101 => codes::ENETUNREACH,
        103 => codes::ECONNABORTED,
        104 => codes::ECONNRESET,
        107 => codes::ENOTCONN,
        110 => codes::ETIMEDOUT,
        111 => codes::ECONNREFUSED,
        113 => codes::EHOSTUNREACH,
        _ => return None,
    })
}

/// The OS description of an error without Rust's " (os error N)" suffix,
/// lower-cased like Node's: "no such file or directory".
pub fn io_detail(err: &io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_lowercase(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mem_fs_creates_parents() {
        let fs = MemFs::new().file("/a/b/c.js", "x");
        assert_eq!(fs.kind(Path::new("/")), Some(EntryKind::Dir));
        assert_eq!(fs.kind(Path::new("/a")), Some(EntryKind::Dir));
        assert_eq!(fs.kind(Path::new("/a/b")), Some(EntryKind::Dir));
        assert_eq!(fs.kind(Path::new("/a/b/c.js")), Some(EntryKind::File));
        assert_eq!(fs.kind(Path::new("/a/b/d.js")), None);
        assert_eq!(fs.read_to_string(Path::new("/a/b/c.js")).unwrap(), "x");
        assert_eq!(
            fs.read_to_string(Path::new("/a")).unwrap_err().kind(),
            io::ErrorKind::IsADirectory
        );
        assert_eq!(
            fs.read_to_string(Path::new("/nope")).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }

    #[test]
    fn real_fs_kinds() {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        assert_eq!(RealFs.kind(&file), Some(EntryKind::File));
        assert_eq!(
            RealFs.kind(Path::new(env!("CARGO_MANIFEST_DIR"))),
            Some(EntryKind::Dir)
        );
        assert_eq!(RealFs.kind(&file.join("nope")), None);
    }
}

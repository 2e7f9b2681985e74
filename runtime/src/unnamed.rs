//! Naming an unnamed file (`O_TMPFILE`): how `kode:fs.write` and `kode pack`
//! make a file appear only once it is complete.

use std::ffi::CString;
use std::fs::File;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::io::AsRawFd;
use std::path::Path;

/// Gives the unnamed file `file` the name `path`; fails with `AlreadyExists`
/// if `path` exists (it never replaces anything).
pub fn link(file: &File, path: &Path) -> io::Result<()> {
    let from = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))
        .map_err(|_| io::ErrorKind::InvalidInput)?;
    let to = CString::new(path.as_os_str().as_bytes()).map_err(|_| io::ErrorKind::InvalidInput)?;
    // SAFETY: two valid C strings; AT_FDCWD with absolute or cwd-relative
    // paths; `/proc/self/fd/N` names the open file.
    let done = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_an_unnamed_file_once() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let mut file = tempfile::tempfile_in(dir.path()).unwrap();
        file.write_all(b"done").unwrap();
        let path = dir.path().join("out");
        super::link(&file, &path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"done");
        let again = super::link(&file, &path).unwrap_err();
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
    }
}

//! Self-contained executables: `[kode binary][bundle][trailer]`
//! (see `kode_pack::kpk::trailer`). The same `kode` binary is both the CLI
//! and, with a payload appended, the program itself.
//!
//! A trailer at the end of the file works for Linux ELF binaries; signed
//! macOS/Windows binaries would need the payload in a section instead (what
//! Deno moved to), which only `append`/`embedded_bundle` would have to change.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use kode_pack::kpk::trailer::{self, Trailer, TRAILER_LEN};
use kode_pack::kpk::{self, KpkError};

/// What the running binary is.
pub enum Embedded {
    /// The plain `kode` binary: its file was read and has no trailer at all.
    None,
    /// An executable: its path, and its bundle (mapped for the life of the
    /// process) or why the payload is damaged.
    Bundle(PathBuf, Result<&'static [u8], KpkError>),
    /// The binary cannot read its own file (execute-only permission, another
    /// user's file): one line with `EEXE_UNREADABLE`. It must not act as the
    /// CLI, since it cannot tell whether it carries a program.
    Unreadable(String),
}

/// The bundle embedded in the running executable, if there is one. Reads only
/// the last `TRAILER_LEN` bytes unless a trailer is present.
pub fn embedded_bundle() -> Embedded {
    let exe = std::env::current_exe();
    // `/proc/self/exe` is the file that is running, even if its path was
    // replaced or removed since; without /proc, the path is all there is.
    let file = File::open("/proc/self/exe")
        .map(|file| (file, Source::Running))
        .or_else(|err| match &exe {
            Ok(path) if err.kind() == std::io::ErrorKind::NotFound => {
                File::open(path).map(|file| (file, Source::Path))
            }
            _ => Err(err),
        });
    let found = exe.and_then(|exe| Ok((exe, examine(file)?)));
    match found {
        Ok((_, None)) => Embedded::None,
        Ok((exe, Some(bundle))) => Embedded::Bundle(exe, bundle),
        Err(err) => Embedded::Unreadable(unreadable_message(
            std::env::current_exe().ok().as_deref(),
            &err,
        )),
    }
}

/// `error: cannot read the executable 'PATH' to load its program: permission
/// denied (EACCES) (EEXE_UNREADABLE)`.
fn unreadable_message(exe: Option<&Path>, err: &std::io::Error) -> String {
    let what = exe.map_or("the running executable".to_string(), |path| {
        format!("the executable '{}'", path.display())
    });
    format!(
        "error: cannot read {what} to load its program: {} ({}) ({})",
        kode_pack::fs::io_detail(err),
        kode_runtime::io_code(err),
        kode_runtime::codes::EEXE_UNREADABLE
    )
}

/// How the binary's own file was opened.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Through `/proc/self/exe`: the running image, which the kernel keeps
    /// from being written while it runs (`ETXTBSY`).
    Running,
    /// By its path, which may name another file by now.
    Path,
}

/// The payload of the opened binary: `None` when it has no trailer and nothing
/// appended, an error when any read fails.
fn examine(
    opened: std::io::Result<(File, Source)>,
) -> std::io::Result<Option<Result<&'static [u8], KpkError>>> {
    let (mut file, source) = opened?;
    let len = file.metadata()?.len();
    if len < TRAILER_LEN as u64 {
        return Ok(None);
    }
    let mut tail = [0u8; TRAILER_LEN];
    file.seek(SeekFrom::Start(len - TRAILER_LEN as u64))?;
    file.read_exact(&mut tail)?;
    match trailer::decode(&tail, len) {
        Some(Ok(t)) if source == Source::Running => map_range(&file, t).map(|b| Some(Ok(b))),
        Some(Ok(t)) => read_range(&mut file, t).map(Some),
        Some(Err(err)) => Ok(Some(Err(err))),
        None => {
            // No trailer. Bytes past the end of the ELF image mean a payload
            // whose trailer was cut off or damaged: refuse to act as the CLI.
            let mut header = [0u8; 64];
            file.seek(SeekFrom::Start(0))?;
            file.read_exact(&mut header)?;
            Ok(match elf_end(&header) {
                Some(end) if end < len => Some(Err(KpkError::Corrupt("the executable has data appended but no valid bundle trailer (truncated or damaged)".into()))),
                _ => None,
            })
        }
    }
}

/// Where a 64-bit little-endian ELF file ends: its section header table is last.
pub fn elf_end(header: &[u8; 64]) -> Option<u64> {
    if &header[..4] != b"\x7fELF" || header[4] != 2 || header[5] != 1 {
        return None;
    }
    let shoff = u64::from_le_bytes(header[0x28..0x30].try_into().ok()?);
    let entsize = u16::from_le_bytes([header[0x3a], header[0x3b]]) as u64;
    let count = u16::from_le_bytes([header[0x3c], header[0x3d]]) as u64;
    shoff.checked_add(entsize * count)
}

/// The payload the trailer points at in the running image, mapped and
/// faulted in at once, for the life of the process. Mapping saves the copy
/// of a read (tens of milliseconds for a heap snapshot on a VM, where each
/// fresh page costs a fault) and lets V8 take the heap in place. Safe from
/// change: the kernel refuses writes to a running executable, so the bytes
/// the reader verifies are the bytes V8 reads.
fn map_range(file: &File, t: Trailer) -> std::io::Result<&'static [u8]> {
    if t.len == 0 {
        return Ok(&[]);
    }
    let len = usize::try_from(t.len).map_err(|_| std::io::ErrorKind::OutOfMemory)?;
    // SAFETY: the file is this process's own image (see above).
    let map = unsafe {
        memmap2::MmapOptions::new()
            .offset(t.offset)
            .len(len)
            .populate()
            .map(file)?
    };
    Ok(&Box::leak(Box::new(map))[..])
}

/// The payload the trailer points at, read (the file may change): an I/O
/// error is an unreadable file, a short read a truncated (corrupt) one.
fn read_range(file: &mut File, t: Trailer) -> std::io::Result<Result<&'static [u8], KpkError>> {
    file.seek(SeekFrom::Start(t.offset))?;
    let mut bytes = Vec::new();
    file.take(t.len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != t.len {
        return Ok(Err(KpkError::Corrupt(
            "the embedded bundle is truncated".into(),
        )));
    }
    Ok(Ok(Box::leak(bytes.into_boxed_slice())))
}

/// The runtime part of an executable image: all of it, or everything before
/// an embedded bundle (so packing from a packed binary does not nest payloads).
pub fn runtime_part(image: &[u8]) -> &[u8] {
    match trailer::find(image) {
        Some(Ok(t)) => &image[..t.offset as usize],
        _ => image,
    }
}

/// `runtime + padding + bundle + trailer`: zeros up to a page boundary, so
/// that the bundle's page-aligned heap snapshot is page-aligned in the file.
pub fn append(runtime: &[u8], bundle: &[u8]) -> Vec<u8> {
    let offset = runtime.len().next_multiple_of(kpk::SNAPSHOT_ALIGN);
    let mut out = Vec::with_capacity(offset + bundle.len() + TRAILER_LEN);
    out.extend_from_slice(runtime);
    out.resize(offset, 0);
    out.extend_from_slice(bundle);
    let t = Trailer {
        offset: offset as u64,
        len: bundle.len() as u64,
    };
    out.extend_from_slice(&trailer::encode(t));
    out
}

/// The bundle bytes of a file that is a `.kpk` or an executable with a payload.
pub fn bundle_bytes(file: &[u8]) -> Option<Result<&[u8], KpkError>> {
    bundle_span(file).map(|found| found.map(|span| &file[span]))
}

/// Where the bundle lies in `file` (all of it for a plain bundle).
pub fn bundle_span(file: &[u8]) -> Option<Result<std::ops::Range<usize>, KpkError>> {
    if kpk::looks_like_kpk(file) {
        return Some(Ok(0..file.len()));
    }
    trailer::find(file).map(|found| found.map(|t| t.offset as usize..(t.offset + t.len) as usize))
}

pub fn dir_of(path: &Path) -> PathBuf {
    path.parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(path: &Path, source: Source) -> std::io::Result<(File, Source)> {
        File::open(path).map(|file| (file, source))
    }

    #[test]
    fn elf_end_of_the_test_binary_is_its_length() {
        let exe = std::env::current_exe().unwrap();
        let bytes = std::fs::read(&exe).unwrap();
        let header: [u8; 64] = bytes[..64].try_into().unwrap();
        assert_eq!(elf_end(&header), Some(bytes.len() as u64));
        assert_eq!(elf_end(&[0u8; 64]), None);
    }

    #[test]
    fn unreadable_own_file_is_an_error_never_the_cli() {
        let denied = std::io::Error::from_raw_os_error(libc::EACCES);
        let err = examine(Err(denied)).unwrap_err();
        assert_eq!(
            unreadable_message(Some(Path::new("/x/app")), &err),
            "error: cannot read the executable '/x/app' to load its program: permission denied (EACCES) (EEXE_UNREADABLE)"
        );
        // Opened, but every read fails (a write-only descriptor gives EBADF).
        let temp = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(temp.path(), vec![7u8; 4096]).unwrap();
        let write_only = std::fs::OpenOptions::new().write(true).open(temp.path());
        let err = examine(write_only.map(|f| (f, Source::Path))).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::EBADF));
        // The same bytes, readable: no trailer, not ELF, so the plain CLI.
        assert!(examine(open(temp.path(), Source::Path)).unwrap().is_none());
    }

    #[test]
    fn examine_finds_a_payload_and_refuses_a_cut_trailer() {
        // A 64-byte ELF image: its section header table (of no entries) at 64.
        let mut exe = vec![0u8; 64];
        exe[..6].copy_from_slice(b"\x7fELF\x02\x01");
        exe[0x28] = 64;
        let temp = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(temp.path(), append(&exe, b"payload")).unwrap();
        for source in [Source::Running, Source::Path] {
            let found = examine(open(temp.path(), source)).unwrap();
            assert_eq!(found.unwrap().unwrap(), b"payload");
        }
        let mut cut = append(&exe, b"payload");
        cut.pop();
        std::fs::write(temp.path(), cut).unwrap();
        let found = examine(open(temp.path(), Source::Running)).unwrap();
        assert_eq!(found.unwrap().unwrap_err().code(), "EBUNDLE_CORRUPT");
        std::fs::write(temp.path(), &exe).unwrap();
        assert!(examine(open(temp.path(), Source::Path)).unwrap().is_none());
    }

    #[test]
    fn append_then_find() {
        let image = append(b"ELF runtime", b"\x89KPK bundle");
        // The runtime, then zeros: the bundle starts on a page boundary.
        let runtime = runtime_part(&image);
        assert_eq!(runtime.len(), kpk::SNAPSHOT_ALIGN);
        assert!(runtime.starts_with(b"ELF runtime"));
        assert!(runtime[11..].iter().all(|&b| b == 0));
        assert_eq!(bundle_bytes(&image).unwrap().unwrap(), b"\x89KPK bundle");
        // Packing from a packed binary neither nests payloads nor pads again.
        let again = append(runtime_part(&image), b"other");
        assert_eq!(runtime_part(&again), runtime);
        assert!(bundle_bytes(b"plain binary with no trailer at all....").is_none());
    }
}

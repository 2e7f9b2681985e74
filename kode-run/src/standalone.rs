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

/// The bundle embedded in the running executable, if there is one. Reads only
/// the last `TRAILER_LEN` bytes unless a trailer is present.
pub fn embedded_bundle() -> Option<(PathBuf, Result<Vec<u8>, KpkError>)> {
    let exe = std::env::current_exe().ok()?;
    let mut file = File::open(&exe).ok()?;
    let len = file.metadata().ok()?.len();
    if len < TRAILER_LEN as u64 {
        return None;
    }
    let mut tail = [0u8; TRAILER_LEN];
    file.seek(SeekFrom::Start(len - TRAILER_LEN as u64)).ok()?;
    file.read_exact(&mut tail).ok()?;
    let found = match trailer::decode(&tail, len) {
        Some(found) => found,
        None => {
            // No trailer. Bytes past the end of the ELF image mean a payload
            // whose trailer was cut off or damaged: refuse to act as the CLI.
            let mut header = [0u8; 64];
            file.seek(SeekFrom::Start(0)).ok()?;
            file.read_exact(&mut header).ok()?;
            let end = elf_end(&header)?;
            if end >= len {
                return None;
            }
            Err(KpkError::Corrupt("the executable has data appended but no valid bundle trailer (truncated or damaged)".into()))
        }
    };
    let bundle = found.and_then(|t| read_range(&mut file, t));
    Some((exe, bundle))
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

fn read_range(file: &mut File, t: Trailer) -> Result<Vec<u8>, KpkError> {
    let corrupt =
        |e: std::io::Error| KpkError::Corrupt(format!("cannot read the embedded bundle: {e}"));
    file.seek(SeekFrom::Start(t.offset)).map_err(corrupt)?;
    let mut bytes = Vec::new();
    file.take(t.len).read_to_end(&mut bytes).map_err(corrupt)?;
    if bytes.len() as u64 != t.len {
        return Err(KpkError::Corrupt("the embedded bundle is truncated".into()));
    }
    Ok(bytes)
}

/// The runtime part of an executable image: all of it, or everything before
/// an embedded bundle (so packing from a packed binary does not nest payloads).
pub fn runtime_part(image: &[u8]) -> &[u8] {
    match trailer::find(image) {
        Some(Ok(t)) => &image[..t.offset as usize],
        _ => image,
    }
}

/// `runtime + bundle + trailer`.
pub fn append(runtime: &[u8], bundle: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(runtime.len() + bundle.len() + TRAILER_LEN);
    out.extend_from_slice(runtime);
    out.extend_from_slice(bundle);
    let t = Trailer {
        offset: runtime.len() as u64,
        len: bundle.len() as u64,
    };
    out.extend_from_slice(&trailer::encode(t));
    out
}

/// The bundle bytes of a file that is a `.kpk` or an executable with a payload.
pub fn bundle_bytes(file: &[u8]) -> Option<Result<&[u8], KpkError>> {
    if kpk::looks_like_kpk(file) {
        return Some(Ok(file));
    }
    trailer::find(file)
        .map(|found| found.map(|t| &file[t.offset as usize..(t.offset + t.len) as usize]))
}

pub fn dir_of(path: &Path) -> PathBuf {
    path.parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elf_end_of_the_test_binary_is_its_length() {
        let exe = std::env::current_exe().unwrap();
        let bytes = std::fs::read(&exe).unwrap();
        let header: [u8; 64] = bytes[..64].try_into().unwrap();
        assert_eq!(elf_end(&header), Some(bytes.len() as u64));
        assert_eq!(elf_end(&[0u8; 64]), None);
    }

    #[test]
    fn append_then_find() {
        let image = append(b"ELF runtime", b"\x89KPK bundle");
        assert_eq!(runtime_part(&image), b"ELF runtime");
        assert_eq!(bundle_bytes(&image).unwrap().unwrap(), b"\x89KPK bundle");
        let again = append(runtime_part(&image), b"other");
        assert_eq!(runtime_part(&again), b"ELF runtime");
        assert!(bundle_bytes(b"plain binary with no trailer at all....").is_none());
    }
}

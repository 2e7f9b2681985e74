//! Helpers shared by the fuzz targets (`fuzz_targets/`) and the seed
//! generator (`examples/make_seeds.rs`). See `README.md`.
//!
//! The reader checks the SHA-256 before anything else looks at the payload, so
//! random bytes never get past the hash. Besides feeding the input as it is,
//! the targets therefore also *reseal* it (fix the header's lengths and hash)
//! or *seal* it as a decompressed payload, so that decompression, payload
//! decoding and the bundle invariants are fuzzed too.

use std::collections::HashSet;

use kode_pack::kpk::{self, trailer, KpkError, HEADER_LEN, MAX_PAYLOAD};
use sha2::{Digest, Sha256};

/// Largest `uncompressed_len` a resealed input declares, to keep executions
/// fast and memory flat (the reader's logic does not depend on the size; the
/// 4 GiB bound itself is checked by `read_header` on the raw input).
pub const FUZZ_MAX_UNCOMPRESSED: u64 = 1 << 20;

// Header field offsets, from docs/kpk-format.md.
const OFF_VERSION: usize = 8;
const OFF_PAYLOAD_LEN: usize = 52;
const OFF_UNCOMPRESSED_LEN: usize = 60;
const OFF_SHA256: usize = 68;

/// The header's `sha256` for `file` (header bytes before the field, then the
/// payload and, from version 3, the seal: everything after the header).
fn header_hash(file: &[u8]) -> [u8; 32] {
    hash_with_heap(file, None, 0)
}

/// The header's SHA-256 as `kpk` computes it: from version 9 a heap
/// snapshot (`(offset, length)` in the file, non-empty) counts as its
/// `heap_digest`, not as its bytes.
fn hash_with_heap(file: &[u8], heap: Option<(usize, usize)>, texts: usize) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(&file[..OFF_SHA256]);
    match heap {
        // Version 10's module texts follow the heap, under their own digest.
        Some((at, len)) => {
            hasher.update(&file[HEADER_LEN..at]);
            hasher.update(kpk::heap_digest(&file[at..at + len]));
            hasher.update(&file[at + len + texts..]);
        }
        None => hasher.update(&file[HEADER_LEN..]),
    }
    hasher.finalize().into()
}

/// Makes the header of `file` agree with the rest of it: the magic, a
/// `payload_len` of what follows the header, `uncompressed_len` brought under
/// [`FUZZ_MAX_UNCOMPRESSED`], and the right SHA-256. The version, flags,
/// `v8_version` and the payload stay as they are.
pub fn reseal(file: &mut [u8]) {
    if file.len() < HEADER_LEN {
        return;
    }
    file[..kpk::MAGIC.len()].copy_from_slice(&kpk::MAGIC);
    let version = version_of(file);
    let seal_len = version.map_or(0, kpk::seal_len);
    // Version 9: module bodies of nothing; version 8: an empty snapshot
    // section (its zero length) before the seal.
    let bodies = match version.is_some_and(|v| v >= kpk::BODIES_VERSION) {
        true => empty_bodies(),
        false => Vec::new(),
    };
    let section = match version.is_some_and(|v| v >= kpk::SNAPSHOT_SECTION_VERSION) {
        true => bodies.len() + 8,
        false => 0,
    };
    let payload_len = file.len().saturating_sub(HEADER_LEN + seal_len + section);
    if section != 0 && file.len() >= HEADER_LEN + seal_len + section {
        let at = HEADER_LEN + payload_len;
        file[at..at + bodies.len()].copy_from_slice(&bodies);
        file[at + bodies.len()..at + section].fill(0);
    }
    let payload_len = payload_len as u64;
    file[OFF_PAYLOAD_LEN..OFF_PAYLOAD_LEN + 8].copy_from_slice(&payload_len.to_le_bytes());
    let declared = u64::from_le_bytes(file[OFF_UNCOMPRESSED_LEN..OFF_SHA256].try_into().unwrap());
    let clamped = declared % (FUZZ_MAX_UNCOMPRESSED + 1);
    file[OFF_UNCOMPRESSED_LEN..OFF_SHA256].copy_from_slice(&clamped.to_le_bytes());
    let hash = header_hash(file);
    file[OFF_SHA256..HEADER_LEN].copy_from_slice(&hash);
}

/// A well-formed bundle file of format `version` whose payload is the zstd
/// compression of `raw`: every check up to payload decoding passes.
pub fn seal_payload(version: u16, raw: &[u8]) -> Vec<u8> {
    let compressed = zstd::bulk::compress(raw, 1).expect("zstd compression");
    let mut file = Vec::with_capacity(HEADER_LEN + compressed.len());
    file.extend_from_slice(&kpk::MAGIC);
    file.extend_from_slice(&version.to_le_bytes());
    file.extend_from_slice(&0u16.to_le_bytes()); // flags
    file.extend_from_slice(&[0u8; 32]); // v8_version: empty
    file.extend_from_slice(&0u64.to_le_bytes()); // flags_hash
    file.extend_from_slice(&(compressed.len() as u64).to_le_bytes());
    file.extend_from_slice(&(raw.len() as u64).to_le_bytes());
    file.extend_from_slice(&[0u8; 32]); // sha256, below
    file.extend_from_slice(&compressed);
    if version >= kpk::BODIES_VERSION {
        // The same bytes, read as the module bodies too.
        file.extend_from_slice(&bodies_section(raw));
    }
    if version >= kpk::SNAPSHOT_SECTION_VERSION {
        file.extend_from_slice(&0u64.to_le_bytes()); // no snapshot section
    }
    file.resize(file.len() + kpk::seal_len(version), 0); // unsealed
    let hash = header_hash(&file);
    file[OFF_SHA256..HEADER_LEN].copy_from_slice(&hash);
    file
}

/// A version-9 bodies section holding `raw`: its two lengths, its frame.
fn bodies_section(raw: &[u8]) -> Vec<u8> {
    let frame = zstd::bulk::compress(raw, 1).expect("zstd compression");
    let mut section = (frame.len() as u64).to_le_bytes().to_vec();
    section.extend_from_slice(&(raw.len() as u64).to_le_bytes());
    section.extend_from_slice(&frame);
    section
}

/// The bodies section of a bundle of no modules.
fn empty_bodies() -> Vec<u8> {
    bodies_section(&[])
}

/// Versions worth sealing payloads with: every one up to the current.
pub fn versions() -> std::ops::RangeInclusive<u16> {
    1..=kpk::VERSION
}

/// The version field of a bundle file, if it has one.
pub fn version_of(file: &[u8]) -> Option<u16> {
    file.get(OFF_VERSION..OFF_VERSION + 2)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
}

/// The module path rules of docs/kpk-format.md, restated independently of the reader.
fn path_is_safe(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// An error as the format promises it: one of the two codes, one line.
pub fn check_error(err: &KpkError) {
    assert!(matches!(err.code(), "EBUNDLE_CORRUPT" | "EBUNDLE_VERSION"));
    let message = err.to_string();
    assert!(!message.contains('\n'), "multi-line error: {message:?}");
}

/// Reads `file` with `kpk::read` (which must not panic) and, when it is
/// accepted, checks what the reader promises about an accepted bundle.
pub fn read_and_check(file: &[u8]) {
    let header_only = kpk::read_header(file);
    match kpk::read(file) {
        Err(err) => {
            check_error(&err);
            // `read` starts with `read_header`: the same verdict when the header is bad.
            if let Err(header_err) = header_only {
                assert_eq!(header_err, err);
            }
        }
        Ok((header, bundle)) => {
            // `read` also records the content hash it computed; `read_header` cannot.
            assert_eq!(header.content_hash.map(|_| ()), Some(()));
            let without_hash = kpk::Header {
                content_hash: None,
                ..header.clone()
            };
            assert_eq!(header_only.as_ref().ok(), Some(&without_hash));
            assert!(header.uncompressed_len <= MAX_PAYLOAD);
            let bodies_end = match header.bodies_section {
                Some((at, len, _)) => (at + len) as u64,
                None => HEADER_LEN as u64 + header.payload_len,
            };
            let texts = header.texts_section.map_or(0, |(_, len, _)| len);
            let body_end = match header.snapshot_section {
                Some((at, len)) => (at + len + texts) as u64,
                None if header.version >= kpk::SNAPSHOT_SECTION_VERSION => bodies_end + 8,
                None => bodies_end,
            };
            assert_eq!(file.len() as u64, body_end + header.seal_len() as u64);
            let heap = header
                .snapshot_section
                .filter(|&(_, len)| header.version >= kpk::BODIES_VERSION && len > 0);
            assert_eq!(hash_with_heap(file, heap, texts), header.sha256);
            if let Some((at, len, digest)) = header.texts_section {
                assert_eq!(kpk::heap_digest(&file[at..at + len]), digest);
            }
            // Rehashing is not sealing: no input the fuzzer can make passes
            // the seal of a key it does not know, so its caches never run.
            let key = kpk::SealKey::new([0x42; 32]);
            assert!(!kpk::seal::check(&header, Some(&key)).is_valid());
            let count = bundle.modules.len();
            assert!((bundle.entry as usize) < count);
            let mut seen = HashSet::new();
            for module in &bundle.modules {
                assert!(path_is_safe(&module.path), "unsafe path {:?}", module.path);
                assert!(
                    seen.insert(module.path.as_str()),
                    "duplicate {:?}",
                    module.path
                );
                let hash: [u8; 32] = Sha256::digest(module.source.as_bytes()).into();
                assert_eq!(hash, module.hash);
                // Export names belong to CommonJS modules; ES modules only from version 4.
                assert!(module.kind == kpk::ModuleKind::CommonJs || module.cjs_exports.is_empty());
                if header.version < kpk::ESM_VERSION {
                    assert_ne!(module.kind, kpk::ModuleKind::Esm);
                    assert!(module.cjs_exports.is_empty());
                }
                // Source maps only from version 5.
                if header.version < kpk::SOURCE_MAP_VERSION {
                    assert_eq!(module.source_map, None);
                }
            }
            for resolution in &bundle.resolutions {
                assert!((resolution.from as usize) < count);
                if header.version < kpk::ESM_VERSION {
                    assert_eq!(resolution.kind, kpk::EdgeKind::Require);
                }
                if let kpk::Target::Module(index) = resolution.target {
                    assert!((index as usize) < count);
                }
            }
            // What the reader accepts, the writer writes back to the same bundle.
            let again = kpk::read(&kpk::write(&bundle)).expect("a rewritten bundle reads");
            assert_eq!(again.1, bundle);
        }
    }
}

/// The bundle range of an executable image, as `kode run` and a packed
/// executable compute it (`kode-run/src/standalone.rs`: `bundle_bytes`,
/// `runtime_part`, `embedded_bundle`), with the trailer's promises checked.
/// `None` when the image has no trailer.
pub fn exe_bundle(image: &[u8]) -> Option<Result<&[u8], KpkError>> {
    let found = trailer::find(image)?;
    // `find` is `decode` of the last TRAILER_LEN bytes with the image length.
    let tail = &image[image.len() - trailer::TRAILER_LEN..];
    assert_eq!(
        trailer::decode(tail, image.len() as u64),
        Some(found.clone())
    );
    let t = match found {
        Ok(t) => t,
        Err(err) => {
            check_error(&err);
            return Some(Err(err));
        }
    };
    // An accepted trailer describes exactly the bytes before it, and is the
    // one encoding of itself (reserved bytes zero, version 1, the magic).
    let end = t.offset.checked_add(t.len).expect("offset + len overflows");
    assert_eq!(end + trailer::TRAILER_LEN as u64, image.len() as u64);
    assert_eq!(&trailer::encode(t)[..], tail);
    // The slicing `bundle_bytes` and `runtime_part` do.
    let runtime = &image[..t.offset as usize];
    let bundle = &image[t.offset as usize..(t.offset + t.len) as usize];
    assert_eq!(
        runtime.len() + bundle.len() + trailer::TRAILER_LEN,
        image.len()
    );
    Some(Ok(bundle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kpk::Snapshot;

    /// A bundle with a heap snapshot is hashed with the heap's digest from
    /// version 9: the oracle must agree with the reader, or every valid
    /// bundle with a heap would be reported as a failure.
    #[test]
    fn a_bundle_with_a_heap_passes_the_oracle() {
        let seed = include_bytes!("../seeds/kpk_read/cycle_three.kpk");
        let (_, mut bundle) = kpk::read(seed).unwrap();
        bundle.snapshot = Some(Snapshot {
            base: "/srv/app".into(),
            whole_entry: true,
            blob: vec![7; 3 * kpk::HEAP_CHUNK / 2].into(),
            texts: Default::default(),
        });
        let file = kpk::write(&bundle);
        assert_ne!(header_hash(&file), kpk::read(&file).unwrap().0.sha256);
        read_and_check(&file);
    }
}

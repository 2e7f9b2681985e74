//! Bytes → bundle, for untrusted bytes. Order of checks (docs/kpk-format.md,
//! "Verification order"): magic, version, header lengths, SHA-256, bounded
//! decompression, payload decoding, bundle invariants. No input panics, and no
//! allocation is sized by an unchecked length.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Read;

use crate::node_globals::NodeGlobals;
use sha2::{Digest, Sha256};

use super::{
    bundle_hashes, corrupt, hashed_body_end, heap_in_body, seal_len, valid_v8_version, Bundle,
    EdgeKind, Header, KpkError, Module, ModuleKind, PendingBodies, PendingTexts, Resolution, Seal,
    Snapshot, SnapshotTexts, Target, Warning, BODIES_VERSION, EDGE_IMPORT, EDGE_REQUIRE,
    ESM_VERSION, HEADER_LEN, KIND_ESM, KIND_JS, KIND_JSON, MAGIC, MAX_PAYLOAD,
    NODE_GLOBALS_VERSION, OFF_FLAGS, OFF_FLAGS_HASH, OFF_PAYLOAD_LEN, OFF_SHA256,
    OFF_UNCOMPRESSED_LEN, OFF_V8_VERSION, OFF_VERSION, OLDEST_VERSION, SEAL_LEN, SNAPSHOT_ALIGN,
    SNAPSHOT_SECTION_VERSION, SNAPSHOT_TEXTS_VERSION, SNAPSHOT_VERSION, SOURCE_MAP_VERSION,
    TARGET_BUILTIN, TARGET_MISSING, TARGET_MODULE, V8_VERSION_FIELD, VERSION,
};

/// Most the decompressor reserves up front; beyond it the buffer grows only as
/// output is actually produced.
const INITIAL_OUTPUT_CAPACITY: u64 = 16 << 20;

/// Whether `bytes` starts with [`MAGIC`] (says nothing about the rest).
pub fn looks_like_kpk(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// Parses the header of the bundle `bytes` (the whole file) and checks the
/// magic, the version and the lengths; does not check the hash or decompress.
pub fn read_header(bytes: &[u8]) -> Result<Header, KpkError> {
    if !looks_like_kpk(bytes) {
        return Err(if bytes.len() < MAGIC.len() && MAGIC.starts_with(bytes) {
            truncated_header(bytes.len())
        } else {
            corrupt("bad magic (not a .kpk bundle)")
        });
    }
    if bytes.len() < OFF_FLAGS {
        return Err(truncated_header(bytes.len()));
    }
    let version = u16::from_le_bytes(array(bytes, OFF_VERSION));
    if !(OLDEST_VERSION..=VERSION).contains(&version) {
        return Err(KpkError::Version {
            found: version,
            supported: VERSION,
        });
    }
    if bytes.len() < HEADER_LEN {
        return Err(truncated_header(bytes.len()));
    }
    let v8_field = &bytes[OFF_V8_VERSION..OFF_V8_VERSION + V8_VERSION_FIELD];
    let text_len = v8_field
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(V8_VERSION_FIELD);
    let (text, padding) = v8_field.split_at(text_len);
    if !valid_v8_version(text) || padding.iter().any(|&b| b != 0) {
        return Err(corrupt(
            "header field v8_version is not NUL-padded printable ASCII",
        ));
    }
    let header = Header {
        version,
        flags: u16::from_le_bytes(array(bytes, OFF_FLAGS)),
        v8_version: text.iter().map(|&b| char::from(b)).collect(),
        flags_hash: u64::from_le_bytes(array(bytes, OFF_FLAGS_HASH)),
        payload_len: u64::from_le_bytes(array(bytes, OFF_PAYLOAD_LEN)),
        uncompressed_len: u64::from_le_bytes(array(bytes, OFF_UNCOMPRESSED_LEN)),
        sha256: array(bytes, OFF_SHA256),
        seal: None,
        content_hash: None,
        snapshot_section: None,
        texts_section: None,
        bodies_section: None,
    };
    if header.uncompressed_len > MAX_PAYLOAD {
        return Err(corrupt(format!(
            "declared payload size {} exceeds the limit of {MAX_PAYLOAD} bytes",
            header.uncompressed_len
        )));
    }
    // From version 3 the seal follows the payload (version 8: and the
    // snapshot section; version 9: the bodies before it).
    let mut header = header;
    let payload_end = usize::try_from(header.payload_len)
        .ok()
        .and_then(|len| len.checked_add(HEADER_LEN))
        .unwrap_or(usize::MAX);
    let bodies = match version >= BODIES_VERSION {
        true => bodies_section(bytes, payload_end, &mut header)?,
        false => 0,
    };
    let section = bodies
        + match version >= SNAPSHOT_SECTION_VERSION {
            true => snapshot_section(bytes, payload_end + bodies as usize, &mut header)?,
            false => 0,
        };
    let trailing = seal_len(version) as u64 + section;
    let after_header = (bytes.len() - HEADER_LEN) as u64;
    let needed = header.payload_len.saturating_add(trailing);
    if needed > after_header {
        let what = match (section, trailing) {
            (0, 0) => "",
            (0, _) => " and its seal",
            _ => ", its snapshot and its seal",
        };
        return Err(corrupt(format!(
            "truncated: header declares a {}-byte payload{what}, {after_header} bytes follow the header",
            header.payload_len
        )));
    }
    if needed < after_header {
        return Err(corrupt(format!(
            "unexpected data after the payload ({} bytes)",
            after_header - needed
        )));
    }
    if seal_len(version) != 0 {
        header.seal = Seal::from_bytes(&array::<SEAL_LEN>(bytes, bytes.len() - SEAL_LEN));
    }
    Ok(header)
}

/// The version-9 bodies section at `at`, after the payload: records where
/// the frame lies in `header` and returns the section's size (two length
/// fields and the frame). Checks the fields are there, the declared size is
/// within [`MAX_PAYLOAD`] and the frame fits.
fn bodies_section(bytes: &[u8], at: usize, header: &mut Header) -> Result<u64, KpkError> {
    if at.saturating_add(16) > bytes.len() {
        return Err(corrupt(format!(
            "truncated: header declares a {}-byte payload, then the bodies' lengths: {} bytes follow the header",
            header.payload_len,
            bytes.len() - HEADER_LEN
        )));
    }
    let len = u64::from_le_bytes(array(bytes, at));
    let raw_len = u64::from_le_bytes(array(bytes, at + 8));
    if raw_len > MAX_PAYLOAD {
        return Err(corrupt(format!(
            "declared module bodies size {raw_len} exceeds the limit of {MAX_PAYLOAD} bytes"
        )));
    }
    let start = at + 16;
    let end = usize::try_from(len)
        .ok()
        .and_then(|len| len.checked_add(start))
        .filter(|&end| end <= bytes.len())
        .ok_or_else(|| {
            corrupt(format!(
                "truncated: the bodies section declares {len} bytes, {} follow",
                bytes.len() - start
            ))
        })?;
    header.bodies_section = Some((start, end - start, raw_len));
    Ok((end - at) as u64)
}

/// The version-8 snapshot section at `at`: records where the heap (and,
/// version 10, the module texts after it) lie in `header` and returns the
/// section's size (its fields, padding, heap and texts). Checks the fields
/// are there, the padding is zero, the heap is not empty and everything
/// fits; the caller checks the file's total length.
fn snapshot_section(bytes: &[u8], at: usize, header: &mut Header) -> Result<u64, KpkError> {
    if at.saturating_add(8) > bytes.len() {
        return Err(corrupt(format!(
            "truncated: header declares a {}-byte payload, then a snapshot length: {} bytes follow the header",
            header.payload_len,
            bytes.len().saturating_sub(HEADER_LEN)
        )));
    }
    let len = u64::from_le_bytes(array(bytes, at));
    let mut start = at + 8;
    if len == 0 {
        return Ok(8);
    }
    // Version 10: `u64 texts_len`, then the texts' digest.
    let texts = match header.version >= SNAPSHOT_TEXTS_VERSION {
        true => {
            if start.saturating_add(40) > bytes.len() {
                return Err(corrupt(
                    "truncated: the snapshot section ends in its texts' length and digest",
                ));
            }
            let texts_len = u64::from_le_bytes(array(bytes, start));
            let digest: [u8; 32] = array(bytes, start + 8);
            start += 40;
            Some((texts_len, digest))
        }
        false => None,
    };
    let blob_at = start.next_multiple_of(SNAPSHOT_ALIGN);
    let end = usize::try_from(len)
        .ok()
        .and_then(|len| len.checked_add(blob_at))
        .filter(|&end| end <= bytes.len())
        .ok_or_else(|| {
            corrupt(format!(
                "truncated: the snapshot section declares {len} bytes, {} follow",
                bytes.len().saturating_sub(blob_at)
            ))
        })?;
    if bytes[start..blob_at].iter().any(|&b| b != 0) {
        return Err(corrupt("the snapshot section's padding is not zero"));
    }
    let texts_len = match texts {
        Some((texts_len, digest)) => {
            // The heap is never empty: at least one byte is not text.
            let texts_len = usize::try_from(texts_len)
                .ok()
                .filter(|&t| t < end - blob_at)
                .ok_or_else(|| {
                    corrupt(format!(
                        "the snapshot section's texts ({texts_len} bytes) leave no heap in its {len} bytes"
                    ))
                })?;
            header.texts_section = Some((end - texts_len, texts_len, digest));
            texts_len
        }
        None => 0,
    };
    header.snapshot_section = Some((blob_at, end - blob_at - texts_len));
    Ok((end - at) as u64)
}

/// Reads and fully verifies the bundle `bytes` (the whole file).
pub fn read(bytes: &[u8]) -> Result<(Header, Bundle), KpkError> {
    let (header, mut bundle) = read_with(bytes, |section| Cow::Owned(section.to_vec()))?;
    if let Some((at, len, digest)) = header.texts_section {
        super::verify_texts(&bytes[at..at + len], &digest)?;
    }
    load_bodies(bytes, &header, &mut bundle)?;
    Ok((header, bundle))
}

/// [`read`] for bytes that live as long as the process (a mapped
/// executable, a file read for a run): the heap snapshot is borrowed, not
/// copied, and when the heap holds the whole entry the module bodies are
/// left compressed in [`Bundle::pending_bodies`] (the whole file is
/// verified all the same).
pub fn read_static(bytes: &'static [u8]) -> Result<(Header, Bundle), KpkError> {
    let (header, bundle, texts) = read_static_deferred(bytes)?;
    if let Some(texts) = texts {
        texts.verify()?;
    }
    Ok((header, bundle))
}

/// [`read_static`] that leaves a version-10 snapshot's module texts
/// unhashed: the caller verifies them (see [`PendingTexts`]) before any
/// JavaScript runs.
pub fn read_static_deferred(
    bytes: &'static [u8],
) -> Result<(Header, Bundle, Option<PendingTexts>), KpkError> {
    let (header, mut bundle) = read_with(bytes, Cow::Borrowed)?;
    let texts = header.texts_section.map(|(at, len, digest)| PendingTexts {
        bytes: &bytes[at..at + len],
        digest,
    });
    match (&bundle.snapshot, header.bodies_section) {
        (Some(snapshot), Some((at, len, raw_len))) if snapshot.whole_entry => {
            bundle.pending_bodies = Some(PendingBodies {
                frame: &bytes[at..at + len],
                raw_len,
            });
        }
        _ => load_bodies(bytes, &header, &mut bundle)?,
    }
    Ok((header, bundle, texts))
}

fn load_bodies(bytes: &[u8], header: &Header, bundle: &mut Bundle) -> Result<(), KpkError> {
    let frame = header
        .bodies_section
        .map(|(at, len, raw_len)| (&bytes[at..at + len], raw_len));
    fill_bodies(frame, &mut bundle.modules)
}

/// Decodes a version-9 bodies frame (`frame`, its decompressed length)
/// into `modules`, then checks every source against its recorded hash
/// (older versions have no frame: their bodies are in the payload).
pub(super) fn fill_bodies(
    frame: Option<(&[u8], u64)>,
    modules: &mut [Module],
) -> Result<(), KpkError> {
    if let Some((frame, raw_len)) = frame {
        let raw = decompress(frame, raw_len, "module bodies")?;
        decode_bodies(&raw, modules)?;
    }
    check_hashes(modules)
}

fn read_with<'a>(
    bytes: &'a [u8],
    keep: impl Fn(&'a [u8]) -> Cow<'static, [u8]>,
) -> Result<(Header, Bundle), KpkError> {
    let mut header = read_header(bytes)?;
    let payload_end = HEADER_LEN + header.payload_len as usize;
    let payload = &bytes[HEADER_LEN..payload_end];
    let seal_at = bytes.len() - header.seal_len();
    let (content, whole) = bundle_hashes(
        &bytes[..OFF_SHA256],
        &bytes[HEADER_LEN..hashed_body_end(&header, bytes.len())],
        heap_in_body(header.version, header.snapshot_section),
        &bytes[seal_at..],
    );
    header.content_hash = Some(content);
    if whole != header.sha256 {
        return Err(corrupt(
            "SHA-256 mismatch (the file is damaged or was modified)",
        ));
    }
    let raw = decompress(payload, header.uncompressed_len, "payload")?;
    let section = header
        .snapshot_section
        .map(|(at, len)| keep(&bytes[at..at + len]));
    let texts = header
        .texts_section
        .map_or(&[][..], |(at, len, _)| &bytes[at..at + len]);
    let bundle = decode_payload(&raw, &header, section, (texts, &keep))?;
    validate(&bundle)?;
    Ok((header, bundle))
}

fn truncated_header(len: usize) -> KpkError {
    corrupt(format!("truncated header ({len} of {HEADER_LEN} bytes)"))
}

/// `N` bytes of `bytes` at `offset`; the caller has checked the length.
fn array<const N: usize>(bytes: &[u8], offset: usize) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&bytes[offset..offset + N]);
    out
}

/// Decompresses exactly one zstd frame that must produce exactly `declared`
/// bytes; never produces more than `declared + 1` bytes. `what` names the
/// frame in errors.
fn decompress(payload: &[u8], declared: u64, what: &str) -> Result<Vec<u8>, KpkError> {
    let failed = |err: std::io::Error| corrupt(format!("{what} decompression failed: {err}"));
    let decoder = zstd::stream::read::Decoder::with_buffer(payload)
        .map_err(failed)?
        .single_frame();
    // One byte more than declared, to detect (not buffer) a longer output.
    let mut limited = decoder.take(declared + 1);
    let mut raw = Vec::with_capacity(declared.min(INITIAL_OUTPUT_CAPACITY) as usize);
    limited.read_to_end(&mut raw).map_err(failed)?;
    let produced = raw.len() as u64;
    if produced > declared {
        return Err(corrupt(format!(
            "{what} decompresses to more than the declared {declared} bytes"
        )));
    }
    if produced < declared {
        return Err(corrupt(format!(
            "{what} decompresses to {produced} bytes, the header declares {declared}"
        )));
    }
    if !limited.into_inner().finish().is_empty() {
        return Err(corrupt(format!(
            "unexpected data after the {what} zstd frame"
        )));
    }
    Ok(raw)
}

/// A bounds-checked reader over the decompressed payload.
struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, len: usize, what: &str) -> Result<&'a [u8], KpkError> {
        let left = self.buf.len() - self.pos;
        if len > left {
            return Err(corrupt(format!(
                "payload ends early: {what} at offset {} needs {len} bytes, {left} left",
                self.pos
            )));
        }
        let bytes = &self.buf[self.pos..self.pos + len];
        self.pos += len;
        Ok(bytes)
    }

    fn u8(&mut self, what: &str) -> Result<u8, KpkError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, KpkError> {
        Ok(u16::from_le_bytes(array(self.take(2, what)?, 0)))
    }

    fn u32(&mut self, what: &str) -> Result<u32, KpkError> {
        Ok(u32::from_le_bytes(array(self.take(4, what)?, 0)))
    }

    fn u64(&mut self, what: &str) -> Result<u64, KpkError> {
        Ok(u64::from_le_bytes(array(self.take(8, what)?, 0)))
    }

    fn hash(&mut self, what: &str) -> Result<[u8; 32], KpkError> {
        Ok(array(self.take(32, what)?, 0))
    }

    /// `bytes`: u32 length (checked against what is left), then the bytes.
    fn bytes(&mut self, what: &str) -> Result<&'a [u8], KpkError> {
        let len = self.u32(what)?;
        // A u32 always fits in usize on the 32- and 64-bit targets Kode builds for;
        // on a narrower one the length is simply too long.
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        self.take(len, what)
    }

    /// `u8 has_cache, [bytes cache]`.
    fn code_cache(&mut self) -> Result<Option<Vec<u8>>, KpkError> {
        match self.u8("module has_cache")? {
            0 => Ok(None),
            1 => Ok(Some(self.bytes("module code cache")?.to_vec())),
            other => Err(corrupt(format!("payload: invalid has_cache byte {other}"))),
        }
    }

    /// `u8 has_map, [bytes source map]`.
    fn source_map(&mut self) -> Result<Option<Vec<u8>>, KpkError> {
        match self.u8("module has_map")? {
            0 => Ok(None),
            1 => Ok(Some(self.bytes("module source map")?.to_vec())),
            other => Err(corrupt(format!("payload: invalid has_map byte {other}"))),
        }
    }

    fn str(&mut self, what: &str) -> Result<String, KpkError> {
        let at = self.pos;
        let bytes = self.bytes(what)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text.to_owned()),
            Err(_) => Err(corrupt(format!(
                "payload: {what} at offset {at} is not valid UTF-8"
            ))),
        }
    }
}

/// Decodes the payload layout; structural checks only (see [`validate`]).
/// How [`read_with`]'s caller keeps a part of the file: borrowed or copied.
type Keep<'a, 'k> = &'k dyn Fn(&'a [u8]) -> Cow<'static, [u8]>;

/// `texts` is version 10's module-text region and how to keep a piece of it.
fn decode_payload<'a>(
    raw: &[u8],
    header: &Header,
    mut section: Option<Cow<'static, [u8]>>,
    texts: (&'a [u8], Keep<'a, '_>),
) -> Result<Bundle, KpkError> {
    let mut cur = Cursor { buf: raw, pos: 0 };
    let esm = header.version >= ESM_VERSION;
    // Tables grow by push: every entry consumes payload bytes, so a huge
    // declared count fails at the end of the payload instead of allocating.
    let mut modules = Vec::new();
    for _ in 0..cur.u32("module count")? {
        let path = cur.str("module path")?;
        let kind = match cur.u8("module kind")? {
            KIND_JS => ModuleKind::CommonJs,
            KIND_JSON => ModuleKind::Json,
            KIND_ESM if esm => ModuleKind::Esm,
            other => return Err(corrupt(format!("payload: unknown module kind {other}"))),
        };
        // Version 9 keeps the bodies in their own frame ([`decode_bodies`]).
        let inline = header.version < BODIES_VERSION;
        let (source, code_cache) = match inline {
            true => (cur.str("module source")?, cur.code_cache()?),
            false => (String::new(), None),
        };
        let hash = cur.hash("module hash")?;
        let mut cjs_exports = Vec::new();
        if esm && kind == ModuleKind::CommonJs {
            for _ in 0..cur.u32("module export count")? {
                cjs_exports.push(cur.str("module export name")?);
            }
        }
        let source_map = match inline && header.version >= SOURCE_MAP_VERSION {
            false => None,
            true => cur.source_map()?,
        };
        let node_globals = match header.version >= NODE_GLOBALS_VERSION {
            false => NodeGlobals::NONE,
            true => {
                let bits = cur.u16("module node_globals")?;
                NodeGlobals::from_bits(bits)
                    .ok_or_else(|| corrupt(format!("payload: invalid node_globals {bits:#06x}")))?
            }
        };
        modules.push(Module {
            path,
            kind,
            source,
            code_cache,
            hash,
            cjs_exports,
            source_map,
            node_globals,
        });
    }
    let entry = cur.u32("entry")?;
    let mut resolutions = Vec::new();
    for _ in 0..cur.u32("resolution count")? {
        let from = cur.u32("resolution from")?;
        let specifier = cur.str("resolution specifier")?;
        let kind = match esm {
            false => EdgeKind::Require,
            true => match cur.u8("resolution edge kind")? {
                EDGE_REQUIRE => EdgeKind::Require,
                EDGE_IMPORT => EdgeKind::Import,
                other => return Err(corrupt(format!("payload: unknown edge kind {other}"))),
            },
        };
        let target = match cur.u8("resolution target tag")? {
            TARGET_MODULE => Target::Module(cur.u32("resolution target module")?),
            TARGET_BUILTIN => Target::Builtin(cur.str("resolution target builtin")?),
            TARGET_MISSING => Target::Missing,
            other => return Err(corrupt(format!("payload: unknown target tag {other}"))),
        };
        resolutions.push(Resolution {
            from,
            specifier,
            kind,
            target,
        });
    }
    let mut warnings = Vec::new();
    for _ in 0..cur.u32("warning count")? {
        warnings.push(Warning {
            code: cur.str("warning code")?,
            message: cur.str("warning message")?,
            file: cur.str("warning file")?,
            line: cur.u32("warning line")?,
            column: cur.u32("warning column")?,
        });
    }
    let max_heap_mb = match header.version {
        1 => None,
        _ => Some(cur.u32("max_heap_mb")?).filter(|&mb| mb != 0),
    };
    let snapshot = match header.version {
        ..SNAPSHOT_VERSION => None,
        _ => match cur.u8("has_snapshot")? {
            0 => None,
            1 if header.version < SNAPSHOT_SECTION_VERSION => Some(Snapshot {
                base: cur.str("snapshot base")?,
                whole_entry: false,
                blob: Cow::Owned(cur.bytes("snapshot")?.to_vec()),
                texts: SnapshotTexts::default(),
            }),
            1 => {
                let base = cur.str("snapshot base")?;
                let whole_entry = match cur.u8("snapshot whole_entry")? {
                    0 => false,
                    1 => true,
                    other => {
                        return Err(corrupt(format!(
                            "payload: whole_entry is {other}, not 0 or 1"
                        )))
                    }
                };
                let section = section.take().ok_or_else(|| {
                    corrupt("payload: has_snapshot is 1, the snapshot section is empty")
                })?;
                let texts = match header.version {
                    ..SNAPSHOT_TEXTS_VERSION => SnapshotTexts::default(),
                    _ => split_texts(texts, text_lengths(&mut cur, modules.len())?)?,
                };
                Some(Snapshot {
                    base,
                    whole_entry,
                    blob: section,
                    texts,
                })
            }
            other => {
                return Err(corrupt(format!(
                    "payload: has_snapshot is {other}, not 0 or 1"
                )))
            }
        },
    };
    if snapshot.is_none() && section.is_some() {
        return Err(corrupt(
            "payload: has_snapshot is 0, the snapshot section is not empty",
        ));
    }
    let left = raw.len() - cur.pos;
    if left != 0 {
        return Err(corrupt(format!(
            "payload: unexpected data after the run options ({left} bytes)"
        )));
    }
    Ok(Bundle {
        v8_version: header.v8_version.clone(),
        flags_hash: header.flags_hash,
        flags: header.flags,
        modules,
        entry,
        resolutions,
        warnings,
        max_heap_mb,
        snapshot,
        pending_bodies: None,
    })
}

/// A version-10 snapshot record's text table: `u32 slots`, `u32 n`, `n ×
/// u64 length`. A snapshot maker adds at most one slot per module.
fn text_lengths(cur: &mut Cursor<'_>, modules: usize) -> Result<(u32, Vec<u64>), KpkError> {
    let slots = cur.u32("snapshot text slots")?;
    if slots as usize > modules {
        return Err(corrupt(format!(
            "payload: the snapshot has {slots} text slots for {modules} modules"
        )));
    }
    let n = cur.u32("snapshot text count")?;
    if n > slots {
        return Err(corrupt(format!(
            "payload: the snapshot has {n} texts for {slots} slots"
        )));
    }
    let mut lens = Vec::new();
    for _ in 0..n {
        lens.push(cur.u64("snapshot text length")?);
    }
    Ok((slots, lens))
}

/// The module texts that end the snapshot section (`region`), split by
/// their `lens`, which must add up to it exactly; `keep` keeps each.
fn split_texts<'a>(
    (region, keep): (&'a [u8], Keep<'a, '_>),
    (slots, lens): (u32, Vec<u64>),
) -> Result<SnapshotTexts, KpkError> {
    let adds_up = lens
        .iter()
        .try_fold(0u64, |sum, &len| sum.checked_add(len))
        .is_some_and(|sum| sum == region.len() as u64);
    if !adds_up {
        return Err(corrupt(format!(
            "payload: the snapshot's text lengths do not add up to its {} bytes of text",
            region.len()
        )));
    }
    let mut at = 0;
    let texts = lens
        .into_iter()
        .map(|len| {
            let text = &region[at..at + len as usize];
            at += len as usize;
            keep(text)
        })
        .collect();
    Ok(SnapshotTexts { slots, texts })
}

/// Decodes the version-9 bodies frame into `modules` (in their order).
fn decode_bodies(raw: &[u8], modules: &mut [Module]) -> Result<(), KpkError> {
    let mut cur = Cursor { buf: raw, pos: 0 };
    for module in modules.iter_mut() {
        module.source = cur.str("module source")?;
        module.code_cache = cur.code_cache()?;
        module.source_map = cur.source_map()?;
    }
    let left = raw.len() - cur.pos;
    if left != 0 {
        return Err(corrupt(format!(
            "module bodies: unexpected data after the last module ({left} bytes)"
        )));
    }
    Ok(())
}

/// Each module's source must match its recorded hash.
fn check_hashes(modules: &[Module]) -> Result<(), KpkError> {
    for module in modules {
        let hash: [u8; 32] = Sha256::digest(module.source.as_bytes()).into();
        if hash != module.hash {
            return Err(corrupt(format!(
                "module {:?}: SHA-256 of the source does not match its recorded hash",
                module.path
            )));
        }
    }
    Ok(())
}

/// The invariants a decoded bundle must hold: safe paths, no duplicates,
/// indices in range (the source hashes: [`check_hashes`], once the bodies
/// are decoded).
fn validate(bundle: &Bundle) -> Result<(), KpkError> {
    let count = bundle.modules.len();
    let mut seen = HashSet::with_capacity(count);
    for module in &bundle.modules {
        if module_path_problem(&module.path).is_some() {
            return Err(corrupt(format!(
                "module path escapes the bundle root: {:?}",
                module.path
            )));
        }
        if !seen.insert(module.path.as_str()) {
            return Err(corrupt(format!("duplicate module path {:?}", module.path)));
        }
    }
    let in_range = |index: u32| (index as usize) < count;
    if !in_range(bundle.entry) {
        return Err(corrupt(format!(
            "entry module index {} out of range ({count} modules)",
            bundle.entry
        )));
    }
    for (i, resolution) in bundle.resolutions.iter().enumerate() {
        if !in_range(resolution.from) {
            return Err(corrupt(format!(
                "resolution {i}: requiring module index {} out of range ({count} modules)",
                resolution.from
            )));
        }
        if let Target::Module(index) = resolution.target {
            if !in_range(index) {
                return Err(corrupt(format!(
                    "resolution {i}: target module index {index} out of range ({count} modules)"
                )));
            }
        }
    }
    Ok(())
}

/// Why `path` cannot name a module in a bundle, or `None` when it can. The
/// one rule for both sides: the reader refuses a bundle holding such a path
/// and `kode pack` refuses to write one. A valid path is relative,
/// `/`-separated, with segments that are non-empty and not `.` or `..`, and
/// no NUL: joined onto a directory it always names something inside it.
/// Paths are POSIX (Kode runs on POSIX systems), so `\` is an ordinary
/// file-name character, as are non-ASCII ones.
pub fn module_path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        Some("the path is empty")
    } else if path.starts_with('/') {
        Some("the path is absolute")
    } else if path.contains('\0') {
        Some("the path contains a NUL character")
    } else if path.split('/').any(|segment| segment.is_empty()) {
        Some("the path has an empty segment")
    } else if path.split('/').any(|s| s == "." || s == "..") {
        Some("the path has a `.` or `..` segment")
    } else {
        None
    }
}

//! Bundle → bytes. Deterministic: the output depends only on the [`Bundle`]
//! (and the zstd library version), never on time, the environment or hashing
//! order.

use super::{
    bundle_hashes, hashed_body_end, heap_digest, heap_in_body, seal_len, valid_v8_version, Bundle,
    EdgeKind, ModuleKind, SealKey, Snapshot, Target, BODIES_VERSION, EDGE_IMPORT, EDGE_REQUIRE,
    HEADER_LEN, KIND_ESM, KIND_JS, KIND_JSON, MAGIC, MAX_PAYLOAD, OFF_SHA256, SEAL_LEN,
    SNAPSHOT_ALIGN, SNAPSHOT_SECTION_VERSION, SNAPSHOT_TEXTS_VERSION, TARGET_BUILTIN,
    TARGET_MISSING, TARGET_MODULE, V8_VERSION_FIELD, VERSION, ZSTD_LEVEL,
};

/// Encodes `bundle` as a `.kpk` file. Stores the data in the order given and
/// does not validate it (the packer produces valid bundles; [`super::read`]
/// checks everything).
///
/// # Panics
///
/// If the bundle cannot be represented: `v8_version` longer than 31 bytes or
/// not printable ASCII, a string or code cache of 4 GiB or more, more than
/// `u32::MAX` entries in a table, or an encoded payload over
/// [`MAX_PAYLOAD`](super::MAX_PAYLOAD).
pub fn write(bundle: &Bundle) -> Vec<u8> {
    assert!(
        bundle.pending_bodies.is_none(),
        "kpk write of a bundle whose module bodies were not loaded"
    );
    let raw = encode_payload(bundle, VERSION);
    let bodies = encode_bodies(bundle);
    assert!(
        (raw.len() + bodies.len()) as u64 <= MAX_PAYLOAD,
        "kpk payload of {} bytes exceeds MAX_PAYLOAD",
        raw.len() + bodies.len()
    );
    let compressed = compress(&raw);
    let heap = bundle.snapshot.as_ref().map_or(&[][..], |s| &s.blob[..]);
    let texts = bundle.snapshot.as_ref().map_or(Vec::new(), texts_bytes);
    assemble_with_snapshot(
        VERSION,
        bundle.flags,
        &bundle.v8_version,
        bundle.flags_hash,
        raw.len() as u64,
        &compressed,
        &bodies_section(&bodies),
        (heap, &texts),
    )
}

/// The module texts that end a version-10 snapshot section, in order.
fn texts_bytes(snapshot: &Snapshot) -> Vec<u8> {
    let mut out = Vec::with_capacity(snapshot.texts.len());
    for text in &snapshot.texts.texts {
        out.extend_from_slice(text);
    }
    out
}

/// The version-9 bodies section: `u64 len`, `u64 raw_len`, then `raw`
/// compressed as one zstd frame of `len` bytes.
pub(super) fn bodies_section(raw: &[u8]) -> Vec<u8> {
    let frame = compress(raw);
    let mut section = (frame.len() as u64).to_le_bytes().to_vec();
    section.extend_from_slice(&(raw.len() as u64).to_le_bytes());
    section.extend_from_slice(&frame);
    section
}

/// The version-8 snapshot section after `before` bytes of the file:
/// `u64 len`, (version 10) `u64 texts_len` and the texts' digest, zeros up
/// to the [`SNAPSHOT_ALIGN`] boundary, the heap, (version 10) the texts.
pub(super) fn snapshot_section(before: usize, version: u16, heap: &[u8], texts: &[u8]) -> Vec<u8> {
    let mut section = ((heap.len() + texts.len()) as u64).to_le_bytes().to_vec();
    if !heap.is_empty() {
        if version >= SNAPSHOT_TEXTS_VERSION {
            section.extend_from_slice(&(texts.len() as u64).to_le_bytes());
            section.extend_from_slice(&heap_digest(texts));
        }
        let at = before + section.len();
        section.resize(section.len() + at.next_multiple_of(SNAPSHOT_ALIGN) - at, 0);
        section.extend_from_slice(heap);
        section.extend_from_slice(texts);
    }
    section
}

/// The little-endian, length-prefixed payload encoding.
#[derive(Default)]
pub(super) struct Encoder {
    pub(super) buf: Vec<u8>,
}

impl Encoder {
    pub(super) fn u8(&mut self, value: u8) -> &mut Self {
        self.buf.push(value);
        self
    }

    pub(super) fn u32(&mut self, value: u32) -> &mut Self {
        self.buf.extend_from_slice(&value.to_le_bytes());
        self
    }

    pub(super) fn u64(&mut self, value: u64) -> &mut Self {
        self.buf.extend_from_slice(&value.to_le_bytes());
        self
    }

    /// A table length or string length.
    pub(super) fn count(&mut self, len: usize) -> &mut Self {
        let len = u32::try_from(len).expect("kpk length does not fit in u32");
        self.u32(len)
    }

    /// Raw bytes, no length prefix.
    pub(super) fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.buf.extend_from_slice(bytes);
        self
    }

    /// `bytes`: u32 length, then the bytes.
    pub(super) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.count(bytes.len()).raw(bytes)
    }

    /// `str`: u32 length, then the UTF-8 bytes.
    pub(super) fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }
}

impl Encoder {
    /// `u8 has_cache, [bytes cache]`.
    fn code_cache(&mut self, cache: &Option<Vec<u8>>) -> &mut Self {
        match cache {
            None => self.u8(0),
            Some(cache) => self.u8(1).bytes(cache),
        }
    }

    /// `u8 has_map, [bytes source map]`.
    fn source_map(&mut self, map: &Option<Vec<u8>>) -> &mut Self {
        match map {
            None => self.u8(0),
            Some(map) => self.u8(1).bytes(map),
        }
    }
}

/// The uncompressed payload of `bundle` in the layout of `version` (8: the
/// bodies inline, the layout tests build older files with; 9: without them).
pub(super) fn encode_payload(bundle: &Bundle, version: u16) -> Vec<u8> {
    let inline = version < BODIES_VERSION;
    let mut enc = Encoder::default();
    enc.count(bundle.modules.len());
    for module in &bundle.modules {
        enc.str(&module.path).u8(match module.kind {
            ModuleKind::CommonJs => KIND_JS,
            ModuleKind::Json => KIND_JSON,
            ModuleKind::Esm => KIND_ESM,
        });
        if inline {
            enc.str(&module.source).code_cache(&module.code_cache);
        }
        enc.raw(&module.hash);
        if module.kind == ModuleKind::CommonJs {
            enc.count(module.cjs_exports.len());
            for name in &module.cjs_exports {
                enc.str(name);
            }
        }
        if inline {
            enc.source_map(&module.source_map);
        }
        enc.raw(&module.node_globals.bits().to_le_bytes());
    }
    enc.u32(bundle.entry);
    enc.count(bundle.resolutions.len());
    for resolution in &bundle.resolutions {
        enc.u32(resolution.from)
            .str(&resolution.specifier)
            .u8(match resolution.kind {
                EdgeKind::Require => EDGE_REQUIRE,
                EdgeKind::Import => EDGE_IMPORT,
            });
        match &resolution.target {
            Target::Module(index) => enc.u8(TARGET_MODULE).u32(*index),
            Target::Builtin(name) => enc.u8(TARGET_BUILTIN).str(name),
            Target::Missing => enc.u8(TARGET_MISSING),
        };
    }
    enc.count(bundle.warnings.len());
    for warning in &bundle.warnings {
        enc.str(&warning.code)
            .str(&warning.message)
            .str(&warning.file)
            .u32(warning.line)
            .u32(warning.column);
    }
    enc.u32(bundle.max_heap_mb.unwrap_or(0));
    match &bundle.snapshot {
        Some(snapshot) => {
            enc.u8(1)
                .str(&snapshot.base)
                .u8(snapshot.whole_entry.into());
            if version >= SNAPSHOT_TEXTS_VERSION {
                enc.u32(snapshot.texts.slots)
                    .count(snapshot.texts.texts.len());
                for text in &snapshot.texts.texts {
                    enc.u64(text.len() as u64);
                }
            }
        }
        None => {
            enc.u8(0);
        }
    };
    enc.buf
}

/// The uncompressed bodies frame of `bundle` (version 9).
pub(super) fn encode_bodies(bundle: &Bundle) -> Vec<u8> {
    let mut enc = Encoder::default();
    for module in &bundle.modules {
        enc.str(&module.source)
            .code_cache(&module.code_cache)
            .source_map(&module.source_map);
    }
    enc.buf
}

/// One zstd frame: level 3 (fast packs; higher levels cost 10x the time for
/// ~30% smaller files), content size recorded, no checksum (the header's
/// SHA-256 covers the frame), single-threaded.
pub(super) fn compress(raw: &[u8]) -> Vec<u8> {
    use zstd::zstd_safe::CParameter;
    let mut compressor = zstd::bulk::Compressor::new(ZSTD_LEVEL).expect("zstd context");
    compressor
        .set_parameter(CParameter::ContentSizeFlag(true))
        .expect("zstd content size flag");
    compressor
        .set_parameter(CParameter::ChecksumFlag(false))
        .expect("zstd checksum flag");
    compressor
        .compress(raw)
        .expect("zstd compression of a buffer")
}

/// Header + `compressed`, with the header's hash computed. Takes the version
/// and `uncompressed_len` as given so that tests can build any file.
#[cfg(test)]
pub(super) fn assemble(
    version: u16,
    flags: u16,
    v8_version: &str,
    flags_hash: u64,
    uncompressed_len: u64,
    compressed: &[u8],
) -> Vec<u8> {
    let bodies = match version >= BODIES_VERSION {
        true => bodies_section(&[]),
        false => Vec::new(),
    };
    assemble_with_snapshot(
        version,
        flags,
        v8_version,
        flags_hash,
        uncompressed_len,
        compressed,
        &bodies,
        (&[], &[]),
    )
}

/// [`assemble`] with `bodies` (a whole bodies section, version 9 on) after
/// the payload and, in the snapshot section (version 8 on), the heap `blob`
/// and (version 10) the module `texts` after it.
#[allow(clippy::too_many_arguments)]
pub(super) fn assemble_with_snapshot(
    version: u16,
    flags: u16,
    v8_version: &str,
    flags_hash: u64,
    uncompressed_len: u64,
    compressed: &[u8],
    bodies: &[u8],
    (blob, texts): (&[u8], &[u8]),
) -> Vec<u8> {
    assert!(
        valid_v8_version(v8_version.as_bytes()),
        "kpk v8_version must be at most 31 bytes of printable ASCII, got {v8_version:?}"
    );
    let mut out = Vec::with_capacity(HEADER_LEN + compressed.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&flags.to_le_bytes());
    let mut v8_field = [0u8; V8_VERSION_FIELD];
    v8_field[..v8_version.len()].copy_from_slice(v8_version.as_bytes());
    out.extend_from_slice(&v8_field);
    out.extend_from_slice(&flags_hash.to_le_bytes());
    out.extend_from_slice(&(compressed.len() as u64).to_le_bytes());
    out.extend_from_slice(&uncompressed_len.to_le_bytes());
    debug_assert_eq!(out.len(), OFF_SHA256);
    // An unsealed file: the seal (version 3 on) is all zero; [`sign`] fills it.
    let unsealed = vec![0u8; seal_len(version)];
    let mut body = compressed.to_vec();
    body.extend_from_slice(bodies);
    let mut section = None;
    if version >= SNAPSHOT_SECTION_VERSION {
        body.extend_from_slice(&snapshot_section(
            HEADER_LEN + body.len(),
            version,
            blob,
            texts,
        ));
        section = Some((
            HEADER_LEN + body.len() - texts.len() - blob.len(),
            blob.len(),
        ));
    }
    let heap_at = heap_in_body(version, section);
    // The texts have their own digest, in the section's fields.
    let hashed = &body[..body.len() - texts.len()];
    let (_, hash) = bundle_hashes(&out, hashed, heap_at, &unsealed);
    out.extend_from_slice(&hash);
    debug_assert_eq!(out.len(), HEADER_LEN);
    out.extend_from_slice(&body);
    out.extend_from_slice(&unsealed);
    out
}

/// Seals `file`, a bundle of the current version as [`write`] returns it,
/// with `key` (see [`super::seal`]), and updates its `sha256` to match.
///
/// # Panics
///
/// If `file` is shorter than a header and a seal.
pub fn sign(file: &mut [u8], key: &SealKey) {
    let seal_at = file.len() - SEAL_LEN;
    let header = super::read_header(file).ok();
    let heap_at = header
        .as_ref()
        .and_then(|header| heap_in_body(header.version, header.snapshot_section));
    let end = header.map_or(seal_at, |header| hashed_body_end(&header, file.len()));
    let (content, _) = bundle_hashes(&file[..OFF_SHA256], &file[HEADER_LEN..end], heap_at, &[]);
    file[seal_at..].copy_from_slice(&key.seal(&content).to_bytes());
    let (_, whole) = bundle_hashes(
        &file[..OFF_SHA256],
        &file[HEADER_LEN..end],
        heap_at,
        &file[seal_at..],
    );
    file[OFF_SHA256..HEADER_LEN].copy_from_slice(&whole);
}

/// A bundle the format cannot hold (`EBUNDLE_TOO_LARGE`): a string, code
/// cache or table of 2^32 or more, or a payload over [`MAX_PAYLOAD`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TooLarge(pub String);

impl TooLarge {
    /// The stable code of this error on the CLI.
    pub const CODE: &'static str = crate::codes::EBUNDLE_TOO_LARGE;
}

/// The size of `bundle`'s encoded payload and bodies together (what
/// [`encode_payload`] and [`encode_bodies`] would make; the same as a
/// version-8 payload), or why the format cannot hold it. Computed from the lengths alone,
/// so the packer calls it before [`write`], whose asserts then never fire.
pub fn check_size(bundle: &Bundle) -> Result<u64, TooLarge> {
    let mut size = PayloadSize::default();
    size.count(bundle.modules.len(), || "the module table".into())?;
    for module in &bundle.modules {
        let name = || format!("module '{}'", module.path);
        size.field(module.path.len(), || format!("the path of {}", name()))?;
        size.fixed(1);
        size.field(module.source.len(), || format!("the source of {}", name()))?;
        size.fixed(1);
        if let Some(cache) = &module.code_cache {
            size.field(cache.len(), || format!("the code cache of {}", name()))?;
        }
        size.fixed(32);
        if module.kind == ModuleKind::CommonJs {
            size.count(module.cjs_exports.len(), || {
                format!("the export names of {}", name())
            })?;
            for export in &module.cjs_exports {
                size.field(export.len(), || format!("an export name of {}", name()))?;
            }
        }
        size.fixed(1);
        if let Some(map) = &module.source_map {
            size.field(map.len(), || format!("the source map of {}", name()))?;
        }
        size.fixed(2);
    }
    size.fixed(4);
    size.count(bundle.resolutions.len(), || "the resolution table".into())?;
    for resolution in &bundle.resolutions {
        size.fixed(4);
        size.field(resolution.specifier.len(), || {
            "a require() specifier".into()
        })?;
        size.fixed(2);
        match &resolution.target {
            Target::Module(_) => size.fixed(4),
            Target::Builtin(name) => size.field(name.len(), || "a builtin name".into())?,
            Target::Missing => {}
        }
    }
    size.count(bundle.warnings.len(), || "the warning table".into())?;
    for warning in &bundle.warnings {
        for text in [&warning.code, &warning.message, &warning.file] {
            size.field(text.len(), || "a warning".into())?;
        }
        size.fixed(8);
    }
    size.fixed(4);
    size.fixed(1);
    if let Some(snapshot) = &bundle.snapshot {
        size.field(snapshot.base.len(), || "the snapshot's directory".into())?;
        size.fixed(1 + 4);
        size.count(snapshot.texts.texts.len(), || "the snapshot's texts".into())?;
        size.fixed(8 * snapshot.texts.texts.len() as u64);
    }
    size.finish()
}

/// Adds up an encoded payload's size, checking each length against the format.
#[derive(Default)]
pub(super) struct PayloadSize {
    total: u64,
}

impl PayloadSize {
    pub(super) fn fixed(&mut self, bytes: u64) {
        self.total = self.total.saturating_add(bytes);
    }

    /// A table count (u32).
    pub(super) fn count(
        &mut self,
        n: usize,
        what: impl FnOnce() -> String,
    ) -> Result<(), TooLarge> {
        if u32::try_from(n).is_err() {
            return Err(TooLarge(format!(
                "{} has {n} entries; a bundle holds at most {}",
                what(),
                u32::MAX
            )));
        }
        self.fixed(4);
        Ok(())
    }

    /// A `str` or `bytes` field: u32 length, then the bytes.
    pub(super) fn field(
        &mut self,
        len: usize,
        what: impl FnOnce() -> String,
    ) -> Result<(), TooLarge> {
        if u32::try_from(len).is_err() {
            return Err(TooLarge(format!(
                "{} is {len} bytes; a bundle holds at most {} bytes per item",
                what(),
                u32::MAX
            )));
        }
        self.fixed(4 + len as u64);
        Ok(())
    }

    pub(super) fn finish(self) -> Result<u64, TooLarge> {
        if self.total > MAX_PAYLOAD {
            return Err(TooLarge(format!(
                "the bundle's contents are {} bytes; a bundle holds at most {MAX_PAYLOAD} bytes",
                self.total
            )));
        }
        Ok(self.total)
    }
}

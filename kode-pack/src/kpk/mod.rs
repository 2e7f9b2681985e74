//! The `.kpk` bundle format (SPEC §3), specified byte by byte in
//! `docs/kpk-format.md`; keep that page and this module in step.
//!
//! ```text
//! offset  size  field
//!      0     8  magic            89 'K' 'P' 'K' 0D 0A 1A 0A
//!      8     2  version          u16 LE, = VERSION
//!     10     2  flags            u16 LE (no bits defined in version 1)
//!     12    32  v8_version       printable ASCII, NUL-padded (≤ 31 bytes of text)
//!     44     8  flags_hash       u64 LE
//!     52     8  payload_len      u64 LE, compressed payload size
//!     60     8  uncompressed_len u64 LE, ≤ MAX_PAYLOAD
//!     68    32  sha256           SHA-256(bytes 0..68 ‖ compressed payload)
//!    100     …  payload          one zstd frame, exactly payload_len bytes
//!      …     8  bodies_len       (version 9) u64 LE, compressed size of the module bodies
//!      …     8  bodies_raw_len   (version 9) u64 LE, their decompressed size, ≤ MAX_PAYLOAD
//!      …     …  bodies           (version 9) one zstd frame, exactly bodies_len bytes
//!      …     8  snapshot_len     (version 8) u64 LE, 0 when there is no heap snapshot
//!      …     …  padding          (version 8, snapshot_len > 0) zeros up to a multiple of 4096 from byte 0
//!      …     …  snapshot         (version 8) the V8 heap snapshot, uncompressed, snapshot_len bytes
//!                                 (version 10: the heap, then the module texts it refers to)
//!      …    40  seal             (version 3) key_id [u8; 8] ‖ tag [u8; 32], then EOF
//! ```
//!
//! In version 3 `sha256` covers the seal too (`bytes 0..68 ‖ payload ‖ seal`),
//! and the seal authenticates everything else (see [`seal`]); from version 8
//! both cover every byte between the header and the seal
//! (`payload ‖ snapshot_len ‖ padding ‖ snapshot`).
//!
//! The decompressed payload is a hand-written little-endian encoding (`str` and
//! `bytes` are a `u32` length followed by that many bytes):
//!
//! ```text
//! u32 module_count, module_count × { str path, u8 kind, (to v8) str source,
//!                                    (to v8) u8 has_cache, [bytes cache], [u8; 32] sha256(source),
//!                                    (v4, kind 0) u32 n, n × str export name,
//!                                    (v5 to v8) u8 has_map, [bytes source map],
//!                                    (v6) u16 node_globals }
//! u32 entry
//! u32 resolution_count, resolution_count × { u32 from, str specifier, (v4) u8 edge kind,
//!                                            u8 tag, (u32 index | str builtin | nothing) }
//! u32 warning_count, warning_count × { str code, str message, str file, u32 line, u32 column }
//! u32 max_heap_mb (v2 on)
//! (v7) u8 has_snapshot, [str base, bytes V8 heap snapshot]
//! (v8 instead) u8 has_snapshot, [str base, u8 whole_entry] (the heap follows the payload)
//! (v10, after whole_entry) u32 text_slots, u32 n, n × u64 text length
//! ```
//!
//! From version 9 each module's source, code cache and source map (its
//! body) are a second zstd frame after the payload, in module order:
//! `module_count × { str source, u8 has_cache, [bytes cache], u8 has_map,
//! [bytes source map] }`. A run that starts from a heap holding the whole
//! entry usually compiles no module, so [`read_static`] leaves that frame
//! compressed until [`Bundle::load_bodies`].
//!
//! A bundle is untrusted input: [`read`] verifies the hash before it
//! decompresses, bounds the decompressed size by the declared one, checks
//! every length before it allocates, and never panics.

mod read;
pub mod seal;
pub mod trailer;
mod write;

#[cfg(test)]
mod tests;

pub use read::{
    looks_like_kpk, module_path_problem, read, read_header, read_static, read_static_deferred,
};
pub use seal::{Seal, SealCheck, SealKey};
pub use write::{check_size, sign, write, TooLarge};

use std::borrow::Cow;

use sha2::{Digest, Sha256};

use crate::node_globals::NodeGlobals;

/// First eight bytes of every bundle (PNG-style: a non-ASCII byte, the name,
/// then CR LF, ^Z, LF so that text-mode transfers are detected).
pub const MAGIC: [u8; 8] = *b"\x89KPK\r\n\x1a\n";

/// The one format version this code writes (it reads every version from [`OLDEST_VERSION`]).
pub const VERSION: u16 = 10;
/// The first version with ES modules: module kind 2, CommonJS export names,
/// and the edge kind (require or import) of each resolution.
pub const ESM_VERSION: u16 = 4;
/// The first version with transpiled modules: a source map per module.
pub const SOURCE_MAP_VERSION: u16 = 5;
/// The first version with the Node globals of each module (a bit set,
/// [`crate::node_globals::NodeGlobals`]).
pub const NODE_GLOBALS_VERSION: u16 = 6;
/// The first version that may hold an application heap snapshot.
pub const SNAPSHOT_VERSION: u16 = 7;
/// The first version that stores the heap snapshot uncompressed after the
/// payload, aligned to [`SNAPSHOT_ALIGN`] bytes, so that start-up does not
/// decompress it.
pub const SNAPSHOT_SECTION_VERSION: u16 = 8;
/// The first version that stores the modules' bodies (source, code cache,
/// source map) in their own zstd frame after the payload.
pub const BODIES_VERSION: u16 = 9;
/// The first version whose heap snapshot may refer to module texts stored
/// after it in the snapshot section instead of holding them ([`SnapshotTexts`]).
pub const SNAPSHOT_TEXTS_VERSION: u16 = 10;
/// Alignment of the heap snapshot section from the bundle's first byte.
pub const SNAPSHOT_ALIGN: usize = 4096;
/// The first version whose files end with a [`SEAL_LEN`]-byte seal.
pub const SEALED_VERSION: u16 = 3;
/// Size of the seal that follows the payload from version 3 on.
pub const SEAL_LEN: usize = 40;
/// The oldest format version this reader still reads (version 1 has no run options).
pub const OLDEST_VERSION: u16 = 1;

/// Upper bound on the declared decompressed payload size (a bundle is untrusted input).
pub const MAX_PAYLOAD: u64 = 1 << 32; // 4 GiB

/// Size of the fixed header of a version-1 bundle; the payload starts here.
pub const HEADER_LEN: usize = 100;

// Header field offsets (see the table above).
const OFF_VERSION: usize = 8;
const OFF_FLAGS: usize = 10;
const OFF_V8_VERSION: usize = 12;
const V8_VERSION_FIELD: usize = 32;
const OFF_FLAGS_HASH: usize = 44;
const OFF_PAYLOAD_LEN: usize = 52;
const OFF_UNCOMPRESSED_LEN: usize = 60;
const OFF_SHA256: usize = 68;
const _: () = assert!(OFF_FLAGS == OFF_VERSION + 2);
const _: () = assert!(OFF_V8_VERSION == OFF_FLAGS + 2);
const _: () = assert!(OFF_FLAGS_HASH == OFF_V8_VERSION + V8_VERSION_FIELD);
const _: () = assert!(OFF_PAYLOAD_LEN == OFF_FLAGS_HASH + 8);
const _: () = assert!(OFF_UNCOMPRESSED_LEN == OFF_PAYLOAD_LEN + 8);
const _: () = assert!(OFF_SHA256 == OFF_UNCOMPRESSED_LEN + 8);
const _: () = assert!(HEADER_LEN == OFF_SHA256 + 32);

/// zstd level of the payload (deterministic: single-threaded, no checksum).
const ZSTD_LEVEL: i32 = 3;

// Payload tags.
const KIND_JS: u8 = 0;
const KIND_JSON: u8 = 1;
const KIND_ESM: u8 = 2;
const EDGE_REQUIRE: u8 = 0;
const EDGE_IMPORT: u8 = 1;
const TARGET_MODULE: u8 = 0;
const TARGET_BUILTIN: u8 = 1;
const TARGET_MISSING: u8 = 2;

/// The fixed-size header, as read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub version: u16,
    pub flags: u16,
    /// V8 version the code caches were made with (≤ 31 bytes of printable ASCII).
    pub v8_version: String,
    /// Hash of the V8 flags the code caches were made with.
    pub flags_hash: u64,
    /// Size of the compressed payload that follows the header.
    pub payload_len: u64,
    /// Size of the payload once decompressed (≤ [`MAX_PAYLOAD`]).
    pub uncompressed_len: u64,
    /// SHA-256 of the header bytes before this field followed by the compressed
    /// payload (and, from version 3, the seal).
    pub sha256: [u8; 32],
    /// The seal after the payload (version 3 on); `None` when absent or all zero.
    pub seal: Option<Seal>,
    /// SHA-256 of the header bytes before `sha256` followed by the compressed
    /// payload: what a seal authenticates. Set by [`read`] (which computes it
    /// while checking `sha256`); `None` from [`read_header`].
    pub content_hash: Option<[u8; 32]>,
    /// Where the uncompressed heap snapshot lies in the file (version 8):
    /// `(offset, length)`; `None` when there is none.
    pub snapshot_section: Option<(usize, usize)>,
    /// Where the module texts after the heap lie (version 10, when there is
    /// a heap): `(offset, length, digest)`. The file's hashes leave them
    /// out; `digest` (their [`heap_digest`]) is covered instead.
    pub texts_section: Option<(usize, usize, [u8; 32])>,
    /// Where the module bodies' zstd frame lies in the file (version 9):
    /// `(offset, length, decompressed length)`.
    pub bodies_section: Option<(usize, usize, u64)>,
}

impl Header {
    /// Bytes that follow the payload in a file of this version.
    pub fn seal_len(&self) -> usize {
        seal_len(self.version)
    }
}

/// Bytes that follow the payload in a file of `version`.
pub fn seal_len(version: u16) -> usize {
    if version >= SEALED_VERSION {
        SEAL_LEN
    } else {
        0
    }
}

/// Everything a bundle holds. [`write`] stores it as given (the packer sorts);
/// [`read`] returns only bundles that pass every check in `docs/kpk-format.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    /// At most 31 bytes of printable ASCII (may be empty).
    pub v8_version: String,
    pub flags_hash: u64,
    /// Header flag bits; version 1 defines none and readers keep them as they are.
    pub flags: u16,
    pub modules: Vec<Module>,
    /// Index into `modules` of the module `run` starts with.
    pub entry: u32,
    /// How each `require("literal")` and `import` of each module was resolved at pack time.
    pub resolutions: Vec<Resolution>,
    /// Pack-time warnings, in the order the packer reported them.
    pub warnings: Vec<Warning>,
    /// Run option recorded at pack time (`kode pack --max-heap-mb`); version 2 on.
    pub max_heap_mb: Option<u32>,
    /// `kode pack --snapshot`; version 7 on.
    pub snapshot: Option<Snapshot>,
    /// The module bodies, still compressed, when [`read_static`] left them
    /// so: every module's `source`, `code_cache` and `source_map` are empty
    /// until [`Bundle::load_bodies`]. `None` from [`read`] and for bundles
    /// built in memory.
    pub pending_bodies: Option<PendingBodies>,
}

/// A verified bundle's module bodies, not yet decompressed (see
/// [`Bundle::pending_bodies`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingBodies {
    frame: &'static [u8],
    raw_len: u64,
}

impl Bundle {
    /// Decompresses and decodes the pending module bodies into the modules
    /// and checks each source against its hash; does nothing when there are
    /// none pending. On error the bodies stay pending (every later call
    /// fails the same way): no module ever runs with an empty source.
    pub fn load_bodies(&mut self) -> Result<(), KpkError> {
        let Some(pending) = &self.pending_bodies else {
            return Ok(());
        };
        let mut modules = self.modules.clone();
        read::fill_bodies(Some((pending.frame, pending.raw_len)), &mut modules)?;
        self.modules = modules;
        self.pending_bodies = None;
        Ok(())
    }
}

/// Module texts of a version-10 snapshot that [`read_static_deferred`]
/// did not hash: the caller checks them before anything may read them
/// (V8 reads them only to compile, so before any JavaScript runs), on
/// another core while V8 deserializes the heap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingTexts {
    bytes: &'static [u8],
    digest: [u8; 32],
}

impl PendingTexts {
    pub fn verify(&self) -> Result<(), KpkError> {
        verify_texts(self.bytes, &self.digest)
    }
}

fn verify_texts(bytes: &[u8], digest: &[u8; 32]) -> Result<(), KpkError> {
    match heap_digest(bytes) == *digest {
        true => Ok(()),
        false => Err(corrupt(
            "SHA-256 mismatch (the file is damaged or was modified)",
        )),
    }
}

/// A V8 heap snapshot of the application's dependencies (SPEC §6), valid
/// only for the Kode build the header's `v8_version` and `flags_hash` name
/// and for modules placed under `base`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The directory the bundle ran from when the heap was made (module
    /// paths are in the heap).
    pub base: String,
    /// Made from the whole entry (`--snapshot=entry`), not its dependencies.
    /// Not stored before version 8 (`false`).
    pub whole_entry: bool,
    /// The heap; borrowed from the file by [`read_static`], which does not
    /// copy what V8 will read once.
    pub blob: Cow<'static, [u8]>,
    /// The module texts the heap refers to (version 10; none before).
    pub texts: SnapshotTexts,
}

/// Module texts a heap snapshot refers to instead of holding them: V8
/// serializes an external string whose resource is in the
/// external-reference table as that entry's index, so a 9 MB source is
/// neither copied into the heap at start-up nor kept twice. The snapshot
/// maker added `slots` entries to the table (one per module it might
/// compile) and filled the first `texts.len()`, in order; a run rebuilds
/// the same table, the texts pointing into the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SnapshotTexts {
    pub slots: u32,
    pub texts: Vec<Cow<'static, [u8]>>,
}

impl SnapshotTexts {
    /// Bytes of text in all.
    pub fn len(&self) -> usize {
        self.texts.iter().map(|t| t.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// A module's format: how `run` loads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    /// CommonJS: the source runs inside the module wrapper function.
    CommonJs,
    /// JSON, `JSON.parse`d.
    Json,
    /// An ECMAScript module (`v8::Module`), format version 4 on.
    Esm,
}

#[allow(non_upper_case_globals)]
impl ModuleKind {
    /// The former name of [`ModuleKind::CommonJs`].
    pub const Js: ModuleKind = ModuleKind::CommonJs;

    /// By extension alone: `.json` as JSON, everything else as CommonJS.
    /// The real format of a JavaScript file also depends on its package.json
    /// and its syntax: use [`crate::format::module_format`].
    pub fn of_path(path: &std::path::Path) -> Self {
        match path.extension() {
            Some(ext) if ext == "json" => ModuleKind::Json,
            _ => ModuleKind::CommonJs,
        }
    }

    /// The name `kode inspect` shows: `cjs`, `json` or `esm`.
    pub fn name(self) -> &'static str {
        match self {
            ModuleKind::CommonJs => "cjs",
            ModuleKind::Json => "json",
            ModuleKind::Esm => "esm",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    /// Relative to the pack root, '/'-separated, e.g. `lib/util.js`.
    pub path: String,
    pub kind: ModuleKind,
    pub source: String,
    /// V8 code cache for the wrapper source `run` compiles, if one was made.
    pub code_cache: Option<Vec<u8>>,
    /// SHA-256 of `source` (UTF-8 bytes).
    pub hash: [u8; 32],
    /// CommonJS only: the export names found statically in `source`
    /// ([`crate::cjs_exports::cjs_export_names`]), sorted; empty otherwise
    /// and in bundles before version 4.
    pub cjs_exports: Vec<String>,
    /// A transpiled module (TypeScript, JSX): the source map of `source`
    /// back to the original file (JSON); version 5 on.
    pub source_map: Option<Vec<u8>>,
    /// The Node globals a module under `node_modules` names (SPEC §5);
    /// version 6 on, none before.
    pub node_globals: NodeGlobals,
}

impl Module {
    /// A module whose `hash` is computed from `source`.
    pub fn new(
        path: impl Into<String>,
        kind: ModuleKind,
        source: impl Into<String>,
        code_cache: Option<Vec<u8>>,
    ) -> Self {
        let source = source.into();
        let hash = Sha256::digest(source.as_bytes()).into();
        Module {
            path: path.into(),
            kind,
            source,
            code_cache,
            hash,
            cjs_exports: Vec::new(),
            source_map: None,
            node_globals: NodeGlobals::NONE,
        }
    }

    /// This module with `globals` as the Node globals it names.
    pub fn with_node_globals(mut self, globals: NodeGlobals) -> Self {
        self.node_globals = globals;
        self
    }

    /// This module with `map` as the source map of its (transpiled) source.
    pub fn with_source_map(mut self, map: Option<Vec<u8>>) -> Self {
        self.source_map = map;
        self
    }

    /// This module with `names` as its CommonJS export names.
    pub fn with_cjs_exports(mut self, names: Vec<String>) -> Self {
        self.cjs_exports = names;
        self
    }
}

/// How a module asked for another: the resolver mode of the edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EdgeKind {
    /// `require()` and `require.resolve()`: CommonJS resolution.
    Require,
    /// A static `import`, `export … from` or `import()`: ESM resolution.
    Import,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// Index of the requiring module.
    pub from: u32,
    /// The literal passed to `require` or `import`.
    pub specifier: String,
    /// `require` or `import` (bundles before version 4 hold require edges only).
    pub kind: EdgeKind,
    pub target: Target,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Index of a module of the bundle.
    Module(u32),
    /// A builtin by its full specifier, e.g. `"kode:fs"`.
    Builtin(String),
    /// Did not resolve at pack time: requiring it fails with `EMODULE_NOT_FOUND`.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: String,
    pub message: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KpkError {
    #[error("corrupt bundle: {0}")]
    Corrupt(String),
    #[error(
        "unsupported bundle format version {found} (this kode reads versions 1 to {supported})"
    )]
    Version { found: u16, supported: u16 },
}

impl KpkError {
    /// The stable `code` this error carries in JavaScript and on the CLI.
    pub fn code(&self) -> &'static str {
        match self {
            KpkError::Corrupt(_) => crate::codes::EBUNDLE_CORRUPT,
            KpkError::Version { .. } => crate::codes::EBUNDLE_VERSION,
        }
    }
}

fn corrupt(message: impl Into<String>) -> KpkError {
    KpkError::Corrupt(message.into())
}

/// The file's two hashes: `(content, sha256)`. `content` is over `prefix`
/// (header bytes `0..68`) then `body`, every byte between the header and the
/// seal (the compressed payload; from version 8 also the snapshot section;
/// from version 9 the bodies section), except that from version 9 a heap
/// snapshot, which starts at `heap_at` in `body` and ends it, is hashed as
/// its [`heap_digest`]; the header's `sha256` continues over `seal` (empty
/// before version 3), so it equals `content` when there is no seal. One pass
/// gives both.
fn bundle_hashes(
    prefix: &[u8],
    body: &[u8],
    heap_at: Option<usize>,
    seal: &[u8],
) -> ([u8; 32], [u8; 32]) {
    let mut hasher = Sha256::new();
    hasher.update(prefix);
    match heap_at {
        Some(at) => {
            hasher.update(&body[..at]);
            hasher.update(heap_digest(&body[at..]));
        }
        None => hasher.update(body),
    }
    let content = hasher.clone().finalize().into();
    if seal.is_empty() {
        return (content, content);
    }
    hasher.update(seal);
    (content, hasher.finalize().into())
}

/// Size of the pieces a heap snapshot is hashed in (version 9).
pub const HEAP_CHUNK: usize = 1 << 20;

/// The digest that stands for a heap snapshot in the file's hashes from
/// version 9: SHA-256 over the SHA-256 of each [`HEAP_CHUNK`]-byte piece
/// (the last may be shorter), in order. The pieces are hashed on up to four
/// threads: a flat SHA-256 of a 15 MiB heap is ~12 ms of a start on one
/// core, and nothing can use the heap before it is verified.
pub fn heap_digest(heap: &[u8]) -> [u8; 32] {
    let chunks: Vec<&[u8]> = heap.chunks(HEAP_CHUNK).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4)
        .min(chunks.len().max(1));
    let digest_all = |part: &[&[u8]]| -> Vec<[u8; 32]> {
        part.iter().map(|c| Sha256::digest(c).into()).collect()
    };
    let digests: Vec<[u8; 32]> = if threads <= 1 {
        digest_all(&chunks)
    } else {
        let per = chunks.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let workers: Vec<_> = chunks[per..]
                .chunks(per)
                .map(|part| scope.spawn(move || digest_all(part)))
                .collect();
            let mut digests = digest_all(&chunks[..per]);
            for worker in workers {
                digests.extend(worker.join().expect("a hashing thread does not panic"));
            }
            digests
        })
    };
    let mut hasher = Sha256::new();
    for digest in &digests {
        hasher.update(digest);
    }
    hasher.finalize().into()
}

/// The bytes of a file the hashes cover between the header and the seal
/// (`body` in [`bundle_hashes`]): all of them but version 10's module texts,
/// which end the snapshot section and have their own digest.
fn hashed_body_end(header: &Header, file_len: usize) -> usize {
    let texts = header.texts_section.map_or(0, |(_, len, _)| len);
    file_len - header.seal_len() - texts
}

/// Where `bundle_hashes` must hash a heap by its digest: the heap's offset
/// in the body (the bytes after the header), from version 9.
fn heap_in_body(version: u16, section: Option<(usize, usize)>) -> Option<usize> {
    match section {
        Some((at, len)) if version >= BODIES_VERSION && len > 0 => Some(at - HEADER_LEN),
        _ => None,
    }
}

/// Whether `text` fits the header's `v8_version` field.
fn valid_v8_version(text: &[u8]) -> bool {
    text.len() < V8_VERSION_FIELD && text.iter().all(|b| (0x20..=0x7e).contains(b))
}

//! The bootstrap snapshot (SPEC §6). Kode's bootstrap scripts run once, at
//! build time: kode-run's `build.rs` calls
//! [`crate::isolate::make_bootstrap_snapshot`] and embeds the blob, and
//! `main` hands it to [`use_bootstrap`] before any isolate exists. From then
//! on every isolate of the process (run, warm-up, pack's code caches) is
//! made by [`crate::references::create_params`] and its first context is
//! the bootstrapped one, so start-up executes no bootstrap JavaScript.
//!
//! V8 trusts a snapshot completely, so nothing here reads one from outside
//! the binary. What V8 cannot carry is kept out of the bootstrap's top
//! level: process facts and Rust-side registrations happen in
//! `internal.start(info)` (isolate.rs), after deserialization.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Where the bootstrap's `ops` and `internal` objects are in the context's
/// snapshot data, in the order the maker adds them.
const OPS_INDEX: usize = 0;
const INTERNAL_INDEX: usize = 1;

/// A bootstrap snapshot and what it was made against (all from the build).
pub struct Bootstrap {
    pub blob: &'static [u8],
    /// The external-reference names of the build that made the blob
    /// ([`crate::references::names`]), one per line.
    pub references: &'static str,
    /// [`fingerprint`] of the blob, part of every code cache's key.
    pub fingerprint: u64,
    /// Code caches of the lazily loaded builtin modules, made under this
    /// snapshot at build time ([`encode_caches`]).
    pub builtin_caches: &'static [u8],
}

static BOOTSTRAP: OnceLock<Bootstrap> = OnceLock::new();

/// Makes every later isolate of this process start from `bootstrap`.
/// Refused, and isolates bootstrap from the scripts, when the snapshot's
/// external references are not `names` (this binary's, in order): V8 would
/// call the wrong functions. A build bug, so the reason is only traced.
pub fn use_bootstrap<'a>(bootstrap: Bootstrap, names: impl Iterator<Item = &'a str>) {
    if !bootstrap.references.lines().eq(names) {
        crate::trace::phase(
            "bootstrap snapshot refused: its external references are not this build's",
        );
        return;
    }
    let _ = BOOTSTRAP.set(bootstrap);
}

/// The blob in use, if any.
pub fn in_use() -> Option<&'static [u8]> {
    BOOTSTRAP.get().map(|b| b.blob)
}

/// The build-time code cache of builtin module `specifier` (`node:fs`,
/// `kode:internal/inspect`), if the bootstrap in use has one. It is only
/// valid for the embedded source (V8 checks little more than its length).
pub fn builtin_cache(specifier: &str) -> Option<&'static [u8]> {
    static TABLE: OnceLock<HashMap<&'static str, &'static [u8]>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let bytes = BOOTSTRAP.get().map_or(&[][..], |b| b.builtin_caches);
        decode_caches(bytes)
            .unwrap_or_default()
            .into_iter()
            .collect()
    });
    table.get(specifier).copied()
}

/// The builtin cache table: per entry a `u32` LE name length, the name, a
/// `u32` LE cache length, zero padding to a multiple of 8 from the table's
/// start, then the cache (so a table loaded 8-aligned has aligned caches).
pub fn encode_caches(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, cache) in entries {
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(cache.len() as u32).to_le_bytes());
        out.resize(out.len().next_multiple_of(8), 0);
        out.extend_from_slice(cache);
    }
    out
}

/// Reads [`encode_caches`]' table; `None` if it is malformed.
pub fn decode_caches(mut bytes: &[u8]) -> Option<Vec<(&str, &[u8])>> {
    fn length(bytes: &mut &[u8]) -> Option<usize> {
        let (len, rest) = bytes.split_first_chunk::<4>()?;
        *bytes = rest;
        Some(u32::from_le_bytes(*len) as usize)
    }
    let start = bytes.as_ptr() as usize;
    let mut entries = Vec::new();
    while !bytes.is_empty() {
        let len = length(&mut bytes)?;
        let (name, rest) = bytes.split_at_checked(len)?;
        let name = std::str::from_utf8(name).ok()?;
        bytes = rest;
        let len = length(&mut bytes)?;
        let offset = bytes.as_ptr() as usize - start;
        let padding = offset.next_multiple_of(8) - offset;
        let (cache, rest) = bytes.get(padding..)?.split_at_checked(len)?;
        entries.push((name, cache));
        bytes = rest;
    }
    Some(entries)
}

/// The fingerprint of the bootstrap in use: V8 accepts a code cache only
/// from an isolate with the same snapshot, so bundles record it.
pub fn bootstrap_fingerprint() -> Option<u64> {
    BOOTSTRAP.get().map(|b| b.fingerprint)
}

/// A short stable hash of a snapshot blob (its SHA-256's first 8 bytes).
pub fn fingerprint(blob: &[u8]) -> u64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(blob);
    u64::from_le_bytes(digest[..8].try_into().expect("8 bytes"))
}

/// Keeps `ops` and `internal` in the snapshot being made, in `context`'s
/// data (where [`bootstrapped_objects`] finds them), and makes `context`
/// the snapshot's default one.
pub fn keep_objects(
    scope: &mut v8::PinScope,
    context: v8::Local<v8::Context>,
    ops: v8::Local<v8::Object>,
    internal: v8::Local<v8::Object>,
) -> Result<(), String> {
    if scope.add_context_data(context, ops) != OPS_INDEX
        || scope.add_context_data(context, internal) != INTERNAL_INDEX
    {
        return Err("unexpected snapshot data indices".to_string());
    }
    scope.set_default_context(context);
    Ok(())
}

/// The bootstrap's `ops` and `internal` objects when the current context
/// came from a bootstrap snapshot (each can be taken once per context).
pub fn bootstrapped_objects<'s>(
    scope: &v8::PinScope<'s, '_>,
) -> Option<(v8::Local<'s, v8::Object>, v8::Local<'s, v8::Object>)> {
    let ops = scope.get_context_data_from_snapshot_once::<v8::Object>(OPS_INDEX);
    let internal = scope.get_context_data_from_snapshot_once::<v8::Object>(INTERNAL_INDEX);
    Some((ops.ok()?, internal.ok()?))
}

#[cfg(test)]
mod tests;

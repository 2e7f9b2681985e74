//! The seal: what lets `kode run` trust a bundle's code caches.
//!
//! A code cache is executable input that V8 barely checks, and the header's
//! SHA-256 only detects damage (anyone can recompute it). From version 3 a
//! bundle ends with a 40-byte seal, `key_id ‖ tag`, where
//!
//! ```text
//! tag    = HMAC-SHA256(key, "kode-kpk-seal-v1" ‖ content_hash)
//! key_id = SHA-256("kode-kpk-key-id-v1" ‖ key)[..8]
//! ```
//!
//! and `content_hash` is SHA-256 over the header bytes `0..68` and the
//! compressed payload: every module's source, code cache and hash, the V8
//! version and flag hash the caches were made for, and the run options. The
//! key is the local user's (created on first pack, readable only by them), so
//! a bundle whose seal verifies was packed by this user and its caches are
//! ones Kode made. An all-zero seal means "not sealed".

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::Header;

const TAG_DOMAIN: &[u8] = b"kode-kpk-seal-v1";
const KEY_ID_DOMAIN: &[u8] = b"kode-kpk-key-id-v1";

/// A local sealing key: 32 secret bytes.
#[derive(Clone)]
pub struct SealKey([u8; 32]);

impl SealKey {
    pub fn new(bytes: [u8; 32]) -> Self {
        SealKey(bytes)
    }

    /// A public fingerprint of the key: which key sealed a bundle, without
    /// revealing the key.
    pub fn id(&self) -> [u8; 8] {
        let digest = Sha256::new()
            .chain_update(KEY_ID_DOMAIN)
            .chain_update(self.0)
            .finalize();
        digest[..8].try_into().expect("8 of 32 bytes")
    }

    /// The seal of a file whose content hash is `content_hash`.
    pub fn seal(&self, content_hash: &[u8; 32]) -> Seal {
        Seal {
            key_id: self.id(),
            tag: self.tag(content_hash),
        }
    }

    fn tag(&self, content_hash: &[u8; 32]) -> [u8; 32] {
        let mut mac = self.mac();
        mac.update(TAG_DOMAIN);
        mac.update(content_hash);
        mac.finalize().into_bytes().into()
    }

    fn mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("HMAC takes any key length")
    }
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealKey(id {:02x?})", self.id())
    }
}

/// The 40 bytes after a version-3 payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seal {
    pub key_id: [u8; 8],
    pub tag: [u8; 32],
}

impl Seal {
    pub fn to_bytes(self) -> [u8; super::SEAL_LEN] {
        let mut out = [0u8; super::SEAL_LEN];
        out[..8].copy_from_slice(&self.key_id);
        out[8..].copy_from_slice(&self.tag);
        out
    }

    /// `None` for the all-zero "not sealed" value.
    pub fn from_bytes(bytes: &[u8; super::SEAL_LEN]) -> Option<Self> {
        if bytes.iter().all(|&b| b == 0) {
            return None;
        }
        Some(Seal {
            key_id: bytes[..8].try_into().expect("8 bytes"),
            tag: bytes[8..].try_into().expect("32 bytes"),
        })
    }
}

/// Whether a bundle's code caches may be handed to V8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealCheck {
    /// Sealed with the local key and intact.
    Valid,
    /// Why not, as a short phrase for `inspect` and `KODE_TRACE=cache`.
    Untrusted(String),
}

impl SealCheck {
    pub fn is_valid(&self) -> bool {
        matches!(self, SealCheck::Valid)
    }
}

/// Checks the seal of a bundle that [`super::read`] accepted, against the
/// local key (`None` when there is none).
pub fn check(header: &Header, key: Option<&SealKey>) -> SealCheck {
    let untrusted = |why: &str| SealCheck::Untrusted(why.to_string());
    let Some(seal) = header.seal else {
        return untrusted("not sealed: packed elsewhere or by an older kode");
    };
    let Some(key) = key else {
        return untrusted("no local sealing key: not packed here");
    };
    if seal.key_id != key.id() {
        return untrusted("sealed with another key: not packed here");
    }
    let Some(content_hash) = header.content_hash else {
        return untrusted("the bundle was not fully read");
    };
    // Constant-time comparison through the MAC crate.
    let mut mac = key.mac();
    mac.update(TAG_DOMAIN);
    mac.update(&content_hash);
    match mac.verify_slice(&seal.tag) {
        Ok(()) => SealCheck::Valid,
        Err(_) => untrusted("the seal does not match: modified after packing"),
    }
}

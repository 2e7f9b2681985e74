//! `crypto.subtle` (W3C Web Cryptography API Level 2): `SubtleCrypto`,
//! `CryptoKey` and the one `subtle` instance, in `runtime/js/subtle.js`
//! (the internal module `kode:internal/subtle`, loaded on the first touch of
//! `crypto.subtle`, `SubtleCrypto` or `CryptoKey`). The JavaScript does what
//! the standard says before any cryptography: WebIDL conversion, algorithm
//! normalization, usage and key-type checks, JWK members. These ops do the
//! cryptography, with RustCrypto crates, each on Tokio's blocking pool.
//!
//! - `keys.rs`: the key table (where key material lives, and why), the
//!   DOMExceptions, what every family shares
//! - `key_ops.rs`: generating, importing and exporting keys of any family
//! - `digest.rs`: SHA-1/SHA-2, HMAC
//! - `aes.rs`: AES-GCM, AES-CBC, AES-CTR, AES-KW
//! - `ec.rs`: ECDSA and ECDH on P-256 and P-384
//! - `okp.rs`: Ed25519 and X25519
//! - `rsa.rs`: RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP
//! - `kdf.rs`: PBKDF2, HKDF

mod aes;
mod digest;
mod ec;
mod kdf;
mod key_ops;
mod keys;
mod okp;
mod rsa;

use super::extension::{ops, Extension, Script};
use aes::{op_subtle_aes_cbc, op_subtle_aes_ctr, op_subtle_aes_gcm, op_subtle_aes_kw};
use digest::{op_subtle_digest, op_subtle_hmac};
use ec::{op_subtle_ecdh, op_subtle_ecdsa};
use kdf::{op_subtle_hkdf, op_subtle_pbkdf2};
use key_ops::{op_subtle_export, op_subtle_generate_pair, op_subtle_import, op_subtle_import_jwk};
use keys::{op_subtle_generate_secret, op_subtle_key_free};
use okp::op_subtle_ed25519;
use rsa::{op_subtle_rsa_oaep, op_subtle_rsa_sign};

pub const EXTENSION: Extension = Extension {
    name: "subtle",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:internal/subtle",
        source: include_str!("../../../js/subtle.js"),
    }],
    ops: ops![
        op_subtle_key_free,
        op_subtle_generate_secret,
        op_subtle_generate_pair,
        op_subtle_import,
        op_subtle_import_jwk,
        op_subtle_export,
        op_subtle_digest,
        op_subtle_hmac,
        op_subtle_aes_gcm,
        op_subtle_aes_cbc,
        op_subtle_aes_ctr,
        op_subtle_aes_kw,
        op_subtle_ecdsa,
        op_subtle_ecdh,
        op_subtle_ed25519,
        op_subtle_rsa_sign,
        op_subtle_rsa_oaep,
        op_subtle_pbkdf2,
        op_subtle_hkdf,
    ],
    state: Some(keys::install),
};

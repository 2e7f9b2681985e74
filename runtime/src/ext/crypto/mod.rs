//! `kode:crypto`: SHA-2 digests, random bytes and UUIDs.

mod ops;

use super::extension::{ops, Extension, Script};
use ops::{op_crypto_hash, op_crypto_random_bytes, op_crypto_random_uuid};

pub const EXTENSION: Extension = Extension {
    name: "crypto",
    bootstrap: &[],
    modules: &[Script {
        specifier: "kode:crypto",
        source: include_str!("../../../js/crypto.js"),
    }],
    ops: ops![
        op_crypto_hash,
        op_crypto_random_bytes,
        op_crypto_random_uuid
    ],
    state: None,
};

//! SHA-1 and SHA-2 (`digest`) and HMAC (`sign`, `verify`): the `sha1` and
//! `sha2` crates, `hmac` over them. [`Hash`] also names the hash of every
//! other family (RSA, ECDSA, HKDF, PBKDF2), which dispatch on it with
//! [`with_hash!`].

use hmac::{Hmac, Mac};
use sha2::Digest;

use super::keys::{self, not_supported, run, Secret};
use crate::error::KodeError;
use crate::ext::args::{op, Bytes};
use crate::tasks::OpId;
use crate::value::OpValue;

/// A WebCrypto hash, by its normalized name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// The hash `name` (already normalized by `subtle.js`) stands for.
    pub fn from_name(name: &str) -> Result<Hash, KodeError> {
        match name {
            "SHA-1" => Ok(Hash::Sha1),
            "SHA-256" => Ok(Hash::Sha256),
            "SHA-384" => Ok(Hash::Sha384),
            "SHA-512" => Ok(Hash::Sha512),
            _ => Err(not_supported(format!(
                "Unrecognized hash algorithm \"{name}\""
            ))),
        }
    }

    /// The WebCrypto name.
    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha1 => "SHA-1",
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        with_hash!(self, H => H::digest(data).to_vec())
    }

    /// The digest length in bytes.
    pub fn len(self) -> usize {
        with_hash!(self, H => <H as Digest>::output_size())
    }
}

/// Runs `$body` with `$h` the `digest` type of `$hash`.
macro_rules! with_hash {
    ($hash:expr, $h:ident => $body:expr) => {
        match $hash {
            $crate::ext::subtle::digest::Hash::Sha1 => {
                type $h = ::sha1::Sha1;
                $body
            }
            $crate::ext::subtle::digest::Hash::Sha256 => {
                type $h = ::sha2::Sha256;
                $body
            }
            $crate::ext::subtle::digest::Hash::Sha384 => {
                type $h = ::sha2::Sha384;
                $body
            }
            $crate::ext::subtle::digest::Hash::Sha512 => {
                type $h = ::sha2::Sha512;
                $body
            }
        }
    };
}
pub(crate) use with_hash;

/// HMAC of `data` under `key`.
fn hmac(hash: Hash, key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC takes a key of any length, so `new_from_slice` cannot fail.
    with_hash!(hash, H => {
        let mut mac = <Hmac<H> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
        mac.update(data);
        mac.finalize().into_bytes().to_vec()
    })
}

/// Whether `signature` is the HMAC of `data`, compared in constant time.
fn hmac_verify(hash: Hash, key: &[u8], data: &[u8], signature: &[u8]) -> bool {
    with_hash!(hash, H => {
        let mut mac = <Hmac<H> as Mac>::new_from_slice(key).expect("HMAC accepts any key length");
        mac.update(data);
        mac.verify_slice(signature).is_ok()
    })
}

op! {
    /// `subtle_digest(id, hash, data)` → the digest's bytes.
    fn op_subtle_digest<'s>(scope, id: OpId, hash: String, data: Bytes) -> Result<(), KodeError> {
        let hash = Hash::from_name(&hash)?;
        run(scope, id, move || Ok(OpValue::Bytes(hash.digest(&data.0))))
    }
}

op! {
    /// `subtle_hmac(id, key, hash, data, signature)`: without `signature`,
    /// the MAC; with one, whether it is the MAC.
    fn op_subtle_hmac<'s>(scope, id: OpId, key: u64, hash: String, data: Bytes, signature: Option<Bytes>)
        -> Result<(), KodeError>
    {
        let hash = Hash::from_name(&hash)?;
        let key = keys::key(scope, key)?;
        run(scope, id, move || {
            let Secret(secret) = keys::get::<Secret>(&key)?;
            Ok(match signature {
                None => OpValue::Bytes(hmac(hash, secret, &data.0)),
                Some(signature) => OpValue::Bool(hmac_verify(hash, secret, &data.0, &signature.0)),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha1_matches_fips_180_examples() {
        assert_eq!(
            hex::encode(Hash::Sha1.digest(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(Hash::Sha1.len(), 20);
        assert_eq!(Hash::Sha384.len(), 48);
    }

    #[test]
    fn hmac_verify_refuses_other_lengths() {
        let mac = hmac(Hash::Sha256, b"key", b"data");
        assert!(hmac_verify(Hash::Sha256, b"key", b"data", &mac));
        assert!(!hmac_verify(Hash::Sha256, b"key", b"data", &mac[..16]));
        assert!(!hmac_verify(Hash::Sha256, b"key", b"datA", &mac));
        assert_eq!(
            Hash::from_name("sha-256").unwrap_err().code,
            "NotSupportedError"
        );
    }
}

//! The key table: the material behind every `CryptoKey`, by id, and what
//! every family shares (the DOMExceptions, running a job, randomness,
//! base64url).
//!
//! A `CryptoKey` holds only an id from the run's id space; the parsed key
//! (an `RsaPrivateKey` with its CRT values, a curve point, secret bytes)
//! lives here, so it is parsed once and secret material never sits in the
//! JavaScript heap. Each family owns its key type (`Secret` here,
//! `rsa::RsaKey`, `ec::EcKey`, `okp::OkpKey`); the table holds them as
//! `Any` and an op takes the type it works on with [`get`], so this module
//! names no family. Jobs on the blocking pool take an `Arc` of the key when
//! their op is called, and generation and import jobs put their key in the
//! table themselves, so the table is shared with those threads behind a
//! mutex. An entry is removed by `subtle_key_free`: called by the
//! `FinalizationRegistry` in `runtime/js/subtle.js` once its `CryptoKey` is
//! collected, or at once when an operation that made the key fails after
//! all. Dropping a key zeroes its secret bytes (the RustCrypto types do it
//! on drop; [`Secret`] is `Zeroizing`).

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use zeroize::Zeroizing;

use crate::error::KodeError;
use crate::ext::args::op;
use crate::state::state;
use crate::tasks::OpId;
use crate::value::OpValue;

/// A key in the table: one family's key type.
pub type KeyRef = Arc<dyn Any + Send + Sync>;

/// The bytes of an AES, HMAC, HKDF or PBKDF2 key.
pub struct Secret(pub Zeroizing<Vec<u8>>);

/// The isolate's table, shared with the jobs that add to it.
#[derive(Clone, Default)]
pub struct Keys(Arc<Mutex<HashMap<u64, KeyRef>>>);

impl Keys {
    pub fn insert<K: Any + Send + Sync>(&self, id: u64, key: K) {
        self.insert_ref(id, Arc::new(key));
    }

    pub fn insert_ref(&self, id: u64, key: KeyRef) {
        self.table().insert(id, key);
    }

    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<u64, KeyRef>> {
        // A job that panicked aborts the process (panic = "abort"), so the
        // lock is never poisoned in a release build; a test build recovers.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub fn install(isolate: &mut v8::Isolate) {
    isolate.set_slot(Keys::default());
}

pub fn keys(isolate: &v8::Isolate) -> Keys {
    isolate
        .get_slot::<Keys>()
        .expect("the subtle area installs its state with the isolate")
        .clone()
}

/// The key behind `id`. Every `CryptoKey` JavaScript can pass keeps its
/// entry alive, so a missing one is the spec's "key material cannot be
/// accessed": `OperationError`.
pub fn key(isolate: &v8::Isolate, id: u64) -> Result<KeyRef, KodeError> {
    keys(isolate)
        .table()
        .get(&id)
        .cloned()
        .ok_or_else(|| operation_error("The key's material is no longer available"))
}

/// `key` as a key of type `K`. `subtle.js` passes each op keys of its
/// algorithm, so another type is an `InvalidAccessError` that cannot happen.
pub fn get<K: Any>(key: &KeyRef) -> Result<&K, KodeError> {
    key.downcast_ref::<K>()
        .ok_or_else(|| invalid_access("The key is not of the kind this operation needs"))
}

// --- errors -------------------------------------------------------------------
// The DOMExceptions the Web Cryptography API names.

pub fn operation_error(message: impl Into<String>) -> KodeError {
    KodeError::dom_exception("OperationError", message)
}

pub fn data_error(message: impl Into<String>) -> KodeError {
    KodeError::dom_exception("DataError", message)
}

pub fn not_supported(message: impl Into<String>) -> KodeError {
    KodeError::dom_exception("NotSupportedError", message)
}

pub fn invalid_access(message: impl Into<String>) -> KodeError {
    KodeError::dom_exception("InvalidAccessError", message)
}

// --- running ----------------------------------------------------------------

/// Starts op `id`'s `job` on Tokio's blocking pool: every SubtleCrypto
/// method settles on a later turn, and RSA key generation or a PBKDF2 with
/// a million iterations never holds up the event loop.
pub fn run<F>(scope: &mut v8::PinScope, id: OpId, job: F) -> Result<(), KodeError>
where
    F: FnOnce() -> Result<OpValue, KodeError> + Send + 'static,
{
    state(scope)
        .borrow_mut()
        .tasks
        .spawn_blocking(id, move |_| job());
    Ok(())
}

/// Bytes from the operating system's CSPRNG.
pub fn random_bytes(len: usize) -> Result<Zeroizing<Vec<u8>>, KodeError> {
    let mut bytes = Zeroizing::new(vec![0; len]);
    getrandom::fill(&mut bytes).map_err(|err| {
        operation_error(format!("The system random number generator failed: {err}"))
    })?;
    Ok(bytes)
}

/// JWK's base64url (RFC 7515: no padding, no line breaks).
pub fn base64url(bytes: &[u8]) -> Result<OpValue, KodeError> {
    OpValue::text(URL_SAFE_NO_PAD.encode(bytes))
}

/// Decodes JWK member `name`; anything but strict base64url is a `DataError`.
pub fn from_base64url(value: &str, name: &str) -> Result<Zeroizing<Vec<u8>>, KodeError> {
    URL_SAFE_NO_PAD
        .decode(value)
        .map(Zeroizing::new)
        .map_err(|_| data_error(format!("The JWK member \"{name}\" is not valid base64url")))
}

/// The first `bits` bits of `bytes`, as a byte sequence (unused low bits of
/// the last byte cleared): how WebCrypto shortens derived bits and keys.
pub fn truncate_bits(mut bytes: Zeroizing<Vec<u8>>, bits: u32) -> Zeroizing<Vec<u8>> {
    let len = (bits as usize).div_ceil(8);
    bytes.truncate(len);
    if !bits.is_multiple_of(8) {
        if let Some(last) = bytes.last_mut() {
            *last &= 0xff << (8 - bits % 8);
        }
    }
    bytes
}

// --- ops ----------------------------------------------------------------------

op! {
    /// `subtle_key_free(key)`: drops the key's material (a second call does nothing).
    fn op_subtle_key_free<'s>(scope, key: u64) -> Result<(), KodeError> {
        keys(scope).table().remove(&key);
        Ok(())
    }
}

op! {
    /// `subtle_generate_secret(id, key, bits)`: a random secret key of
    /// `bits` bits (AES, HMAC).
    fn op_subtle_generate_secret<'s>(scope, id: OpId, key: u64, bits: u32) -> Result<(), KodeError> {
        let table = keys(scope);
        run(scope, id, move || {
            let bytes = truncate_bits(random_bytes((bits as usize).div_ceil(8))?, bits);
            table.insert(key, Secret(bytes));
            Ok(OpValue::Undefined)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_the_leading_bits() {
        let bytes = Zeroizing::new(vec![0xff, 0xff, 0xff]);
        assert_eq!(*truncate_bits(bytes.clone(), 24), vec![0xff, 0xff, 0xff]);
        assert_eq!(*truncate_bits(bytes.clone(), 12), vec![0xff, 0xf0]);
        assert_eq!(*truncate_bits(bytes.clone(), 1), vec![0x80]);
        assert!(truncate_bits(bytes, 0).is_empty());
    }

    #[test]
    fn base64url_is_strict() {
        assert_eq!(*from_base64url("AQID", "k").unwrap(), vec![1, 2, 3]);
        assert_eq!(*from_base64url("_-8", "k").unwrap(), vec![0xff, 0xef]);
        for bad in ["AQID=", "AQ==", "+/8", "A", "AR"] {
            let err = from_base64url(bad, "k").unwrap_err();
            assert_eq!(err.code, "DataError", "{bad}");
        }
    }
}

//! PBKDF2 (`pbkdf2`, RFC 8018 with HMAC) and HKDF (`hkdf`, RFC 5869): the
//! `deriveBits` of secret keys. A PBKDF2 with many iterations runs on the
//! blocking pool like every other op, so it never holds up the event loop.

use hkdf::Hkdf;

use super::digest::{with_hash, Hash};
use super::keys::{self, operation_error, run, KeyRef, Secret};
use crate::error::KodeError;
use crate::ext::args::{op, Bytes};
use crate::tasks::OpId;
use crate::value::OpValue;

/// The bytes of a secret key.
fn secret(key: &KeyRef) -> Result<&[u8], KodeError> {
    keys::get::<Secret>(key).map(|Secret(bytes)| bytes.as_slice())
}

/// The output length in bytes: `length` must be given and whole bytes.
fn byte_length(length: Option<u32>) -> Result<usize, KodeError> {
    match length {
        Some(bits) if bits.is_multiple_of(8) => Ok(bits as usize / 8),
        Some(bits) => Err(operation_error(format!(
            "The length must be a multiple of 8, not {bits}"
        ))),
        None => Err(operation_error("The length must be given")),
    }
}

fn pbkdf2(
    hash: Hash,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Result<Vec<u8>, KodeError> {
    if iterations == 0 {
        return Err(operation_error("PBKDF2 needs at least one iteration"));
    }
    let mut out = vec![0; len];
    if len > 0 {
        with_hash!(hash, H => pbkdf2::pbkdf2_hmac::<H>(password, salt, iterations, &mut out));
    }
    Ok(out)
}

fn hkdf(
    hash: Hash,
    ikm: &[u8],
    salt: &[u8],
    info: &[u8],
    len: usize,
) -> Result<Vec<u8>, KodeError> {
    let mut out = vec![0; len];
    with_hash!(hash, H => Hkdf::<H>::new(Some(salt), ikm).expand(info, &mut out)).map_err(
        |_| {
            operation_error(format!(
                "HKDF with {} derives at most {} bits",
                hash.name(),
                255 * hash.len() * 8
            ))
        },
    )?;
    Ok(out)
}

op! {
    /// `subtle_pbkdf2(id, key, hash, salt, iterations, length)`.
    fn op_subtle_pbkdf2<'s>(scope, id: OpId, key: u64, hash: String, salt: Bytes, iterations: u32,
        length: Option<u32>) -> Result<(), KodeError>
    {
        let hash = Hash::from_name(&hash)?;
        let key = keys::key(scope, key)?;
        run(scope, id, move || {
            let len = byte_length(length)?;
            pbkdf2(hash, secret(&key)?, &salt.0, iterations, len).map(OpValue::Bytes)
        })
    }
}

op! {
    /// `subtle_hkdf(id, key, hash, salt, info, length)`.
    fn op_subtle_hkdf<'s>(scope, id: OpId, key: u64, hash: String, salt: Bytes, info: Bytes,
        length: Option<u32>) -> Result<(), KodeError>
    {
        let hash = Hash::from_name(&hash)?;
        let key = keys::key(scope, key)?;
        run(scope, id, move || {
            let len = byte_length(length)?;
            hkdf(hash, secret(&key)?, &salt.0, &info.0, len).map(OpValue::Bytes)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_iterations_are_checked() {
        assert_eq!(byte_length(Some(256)).unwrap(), 32);
        assert_eq!(byte_length(Some(7)).unwrap_err().code, "OperationError");
        assert_eq!(byte_length(None).unwrap_err().code, "OperationError");
        assert_eq!(
            pbkdf2(Hash::Sha1, b"p", b"s", 0, 20).unwrap_err().code,
            "OperationError"
        );
        assert!(pbkdf2(Hash::Sha1, b"p", b"s", 1, 0).unwrap().is_empty());
        assert_eq!(
            hkdf(Hash::Sha256, b"k", b"", b"", 255 * 32).unwrap().len(),
            255 * 32
        );
        assert_eq!(
            hkdf(Hash::Sha256, b"k", b"", b"", 255 * 32 + 1)
                .unwrap_err()
                .code,
            "OperationError"
        );
    }

    #[test]
    fn pbkdf2_matches_rfc_6070_case_1() {
        let out = pbkdf2(Hash::Sha1, b"password", b"salt", 1, 20).unwrap();
        assert_eq!(hex::encode(out), "0c60c80f961f0e71f3a9b524af6012062fe037a6");
    }
}

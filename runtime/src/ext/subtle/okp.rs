//! Ed25519 (`ed25519-dalek`) and X25519 (`x25519-dalek`), the "OKP" keys of
//! JWK (RFC 8037): generation, import and export (raw, SPKI and PKCS#8 with
//! the RFC 8410 OIDs, JWK), signatures and the X25519 function.
//!
//! A public key is kept as its 32 bytes: WebCrypto imports any 32 bytes
//! and leaves it to `verify` (false) or `deriveBits` to find that they are
//! not a usable point.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use pkcs8::der::asn1::{BitStringRef, OctetStringRef};
use pkcs8::der::{Decode, Encode};
use pkcs8::{AlgorithmIdentifierRef, ObjectIdentifier, PrivateKeyInfo};
use spki::SubjectPublicKeyInfoRef;
use x25519_dalek::StaticSecret;
use zeroize::Zeroizing;

use super::keys::{self, data_error, invalid_access, not_supported, operation_error, run};
use crate::error::KodeError;
use crate::ext::args::{op, Bytes};
use crate::tasks::OpId;
use crate::value::OpValue;

const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");

pub enum OkpKey {
    Ed25519Private(SigningKey),
    Ed25519Public([u8; 32]),
    X25519Private(StaticSecret),
    X25519Public([u8; 32]),
}

/// Names the kind of key, never its material.
impl std::fmt::Debug for OkpKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OkpKey::Ed25519Private(_) => "Ed25519 private key",
            OkpKey::Ed25519Public(_) => "Ed25519 public key",
            OkpKey::X25519Private(_) => "X25519 private key",
            OkpKey::X25519Public(_) => "X25519 public key",
        })
    }
}

impl OkpKey {
    /// The 32 bytes of the public key (derived for a private key).
    fn public_bytes(&self) -> [u8; 32] {
        match self {
            OkpKey::Ed25519Private(key) => key.verifying_key().to_bytes(),
            OkpKey::X25519Private(key) => x25519_dalek::PublicKey::from(key).to_bytes(),
            OkpKey::Ed25519Public(bytes) | OkpKey::X25519Public(bytes) => *bytes,
        }
    }

    /// The private key's 32 bytes (the Ed25519 seed, the X25519 scalar as given).
    fn private_bytes(&self) -> Option<Zeroizing<Vec<u8>>> {
        match self {
            OkpKey::Ed25519Private(key) => Some(Zeroizing::new(key.to_bytes().to_vec())),
            OkpKey::X25519Private(key) => Some(Zeroizing::new(key.to_bytes().to_vec())),
            _ => None,
        }
    }

    fn oid(&self) -> ObjectIdentifier {
        match self {
            OkpKey::Ed25519Private(_) | OkpKey::Ed25519Public(_) => ED25519,
            OkpKey::X25519Private(_) | OkpKey::X25519Public(_) => X25519,
        }
    }
}

fn bytes32(bytes: &[u8], what: &str) -> Result<[u8; 32], KodeError> {
    bytes
        .try_into()
        .map_err(|_| data_error(format!("{what} must be 32 bytes, not {}", bytes.len())))
}

fn private(kind: &str, seed: [u8; 32]) -> OkpKey {
    if kind == "Ed25519" {
        OkpKey::Ed25519Private(SigningKey::from_bytes(&seed))
    } else {
        OkpKey::X25519Private(StaticSecret::from(seed))
    }
}

fn public(kind: &str, bytes: [u8; 32]) -> OkpKey {
    if kind == "Ed25519" {
        OkpKey::Ed25519Public(bytes)
    } else {
        OkpKey::X25519Public(bytes)
    }
}

fn oid_of(kind: &str) -> ObjectIdentifier {
    if kind == "Ed25519" {
        ED25519
    } else {
        X25519
    }
}

pub fn generate(kind: &str) -> Result<(OkpKey, OkpKey), KodeError> {
    let seed = keys::random_bytes(32)?;
    let private = private(kind, bytes32(&seed, "a seed")?);
    let public = public(kind, private.public_bytes());
    Ok((public, private))
}

/// The algorithm must be `kind`'s OID, without parameters (RFC 8410).
fn check_algorithm(algorithm: &AlgorithmIdentifierRef, kind: &str) -> Result<(), KodeError> {
    if algorithm.oid != oid_of(kind) {
        return Err(data_error(format!("The key is not an {kind} key")));
    }
    if algorithm.parameters.is_some() {
        return Err(data_error(format!(
            "An {kind} key's algorithm has no parameters"
        )));
    }
    Ok(())
}

pub fn import(kind: &str, format: &str, data: &[u8]) -> Result<OkpKey, KodeError> {
    let key = match format {
        "raw" => public(kind, bytes32(data, "The raw public key")?),
        "spki" => {
            let spki = SubjectPublicKeyInfoRef::try_from(data)
                .map_err(|_| data_error("The data is not a DER SubjectPublicKeyInfo"))?;
            check_algorithm(&spki.algorithm, kind)?;
            let bytes = spki.subject_public_key.as_bytes().unwrap_or_default();
            public(kind, bytes32(bytes, "The subjectPublicKey")?)
        }
        "pkcs8" => {
            let info = PrivateKeyInfo::try_from(data)
                .map_err(|_| data_error("The data is not a DER PrivateKeyInfo"))?;
            check_algorithm(&info.algorithm, kind)?;
            // CurvePrivateKey ::= OCTET STRING (RFC 8410 section 7).
            let inner = OctetStringRef::from_der(info.private_key)
                .map_err(|_| data_error("The privateKey is not a DER CurvePrivateKey"))?;
            let key = private(kind, bytes32(inner.as_bytes(), "The CurvePrivateKey")?);
            if let Some(public) = info.public_key {
                if public != key.public_bytes() {
                    return Err(data_error(
                        "The PKCS#8 public key does not match its private key",
                    ));
                }
            }
            key
        }
        _ => {
            return Err(not_supported(format!(
                "Cannot import an {kind} key in {format} format"
            )))
        }
    };
    Ok(key)
}

/// A key from its JWK `x` and (for a private key) `d`; `x` must be `d`'s.
pub fn import_jwk(kind: &str, parts: Vec<Option<Zeroizing<Vec<u8>>>>) -> Result<OkpKey, KodeError> {
    let mut parts = parts.into_iter();
    let (Some(Some(x)), Some(d)) = (parts.next(), parts.next()) else {
        return Err(data_error("An OKP JWK needs the member \"x\""));
    };
    let x = bytes32(&x, "The JWK member \"x\"")?;
    let Some(d) = d else {
        return Ok(public(kind, x));
    };
    let key = private(kind, bytes32(&d, "The JWK member \"d\"")?);
    if key.public_bytes() != x {
        return Err(data_error(
            "The JWK member \"x\" is not the public key of \"d\"",
        ));
    }
    Ok(key)
}

pub fn export(key: &OkpKey, format: &str) -> Result<Vec<u8>, KodeError> {
    let failed = |_| operation_error("Cannot encode the key");
    let public_key = matches!(key, OkpKey::Ed25519Public(_) | OkpKey::X25519Public(_));
    let algorithm = AlgorithmIdentifierRef {
        oid: key.oid(),
        parameters: None,
    };
    match format {
        "raw" | "spki" if !public_key => Err(invalid_access(format!(
            "Cannot export a private key in {format} format"
        ))),
        "pkcs8" if public_key => Err(invalid_access("Cannot export a public key in pkcs8 format")),
        "raw" => Ok(key.public_bytes().to_vec()),
        "spki" => {
            let bytes = key.public_bytes();
            let subject_public_key = BitStringRef::from_bytes(&bytes).map_err(failed)?;
            SubjectPublicKeyInfoRef {
                algorithm,
                subject_public_key,
            }
            .to_der()
            .map_err(failed)
        }
        "pkcs8" => {
            let seed = key.private_bytes().unwrap_or_default();
            let inner = Zeroizing::new(
                OctetStringRef::new(&seed)
                    .and_then(|octets| octets.to_der())
                    .map_err(failed)?,
            );
            PrivateKeyInfo::new(algorithm, &inner)
                .to_der()
                .map_err(failed)
        }
        _ => Err(not_supported(format!(
            "Cannot export an OKP key in {format} format"
        ))),
    }
}

/// JWK `x` and, for a private key, `d`.
pub fn jwk_parts(key: &OkpKey) -> Vec<Option<Zeroizing<Vec<u8>>>> {
    vec![
        Some(Zeroizing::new(key.public_bytes().to_vec())),
        key.private_bytes(),
    ]
}

/// X25519 (RFC 7748 section 5); an all-zero result (a small-order public
/// key) is an `OperationError`, found in constant time by the crate.
pub fn x25519(private: &OkpKey, public: &OkpKey) -> Result<Zeroizing<Vec<u8>>, KodeError> {
    let (OkpKey::X25519Private(secret), OkpKey::X25519Public(bytes)) = (private, public) else {
        return Err(invalid_access(
            "The keys are not an X25519 private and public key",
        ));
    };
    let shared = secret.diffie_hellman(&x25519_dalek::PublicKey::from(*bytes));
    if !shared.was_contributory() {
        return Err(operation_error("The X25519 shared secret is all zeros"));
    }
    Ok(Zeroizing::new(shared.as_bytes().to_vec()))
}

/// RFC 8032 verification with the cofactorless equation; a public key or R
/// that is not a point, or is of small order, and a non-canonical S, make
/// the signature invalid.
fn verify(public: &[u8; 32], data: &[u8], signature: &[u8]) -> bool {
    let (Ok(key), Ok(signature)) = (
        VerifyingKey::from_bytes(public),
        ed25519_dalek::Signature::from_slice(signature),
    ) else {
        return false;
    };
    key.verify_strict(data, &signature).is_ok()
}

op! {
    /// `subtle_ed25519(id, key, data, signature)`: without `signature`, the
    /// (deterministic) signature; with one, whether it is valid.
    fn op_subtle_ed25519<'s>(scope, id: OpId, key: u64, data: Bytes, signature: Option<Bytes>)
        -> Result<(), KodeError>
    {
        let key = keys::key(scope, key)?;
        run(scope, id, move || match (keys::get::<OkpKey>(&key)?, signature) {
            (OkpKey::Ed25519Private(key), None) => {
                Ok(OpValue::Bytes(key.sign(&data.0).to_bytes().to_vec()))
            }
            (OkpKey::Ed25519Public(public), Some(signature)) => {
                Ok(OpValue::Bool(verify(public, &data.0, &signature.0)))
            }
            _ => Err(invalid_access("The key is not of the type this operation needs")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_formats_are_checked() {
        for kind in ["Ed25519", "X25519"] {
            let (public_key, private_key) = generate(kind).unwrap();
            let pkcs8 = export(&private_key, "pkcs8").unwrap();
            let spki = export(&public_key, "spki").unwrap();
            let again = import(kind, "pkcs8", &pkcs8).unwrap();
            assert_eq!(again.public_bytes(), public_key.public_bytes());
            let again = import(kind, "spki", &spki).unwrap();
            assert_eq!(export(&again, "raw").unwrap(), public_key.public_bytes());
            let other = if kind == "Ed25519" {
                "X25519"
            } else {
                "Ed25519"
            };
            assert_eq!(import(other, "spki", &spki).unwrap_err().code, "DataError");
            assert_eq!(
                export(&private_key, "raw").unwrap_err().code,
                "InvalidAccessError"
            );
            assert_eq!(import(kind, "raw", &[0; 31]).unwrap_err().code, "DataError");
            let mut parts = jwk_parts(&private_key);
            assert!(import_jwk(kind, parts.clone()).is_ok());
            parts[0] = Some(Zeroizing::new(vec![9; 32]));
            assert_eq!(import_jwk(kind, parts).unwrap_err().code, "DataError");
        }
    }

    #[test]
    fn x25519_refuses_a_small_order_point() {
        let private = private("X25519", [5; 32]);
        let zero = public("X25519", [0; 32]);
        assert_eq!(x25519(&private, &zero).unwrap_err().code, "OperationError");
    }
}

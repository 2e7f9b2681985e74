//! ECDSA and ECDH on the NIST curves P-256 (`p256`) and P-384 (`p384`):
//! key generation, import and export (raw SEC1 points, SPKI, PKCS#8, JWK),
//! signatures and shared secrets. X25519 shares the `subtle_ecdh` op.
//!
//! The two curves' crates have the same API, so [`curve!`] writes one
//! module per curve and the functions here dispatch on [`Curve`].

use pkcs8::der::{Decode, Encode};
use pkcs8::{AlgorithmIdentifierRef, ObjectIdentifier, PrivateKeyInfo};
use sec1::{EcParameters, EcPrivateKey};
use spki::SubjectPublicKeyInfoRef;
use zeroize::Zeroizing;

use super::digest::Hash;
use super::keys::{
    self, data_error, invalid_access, not_supported, operation_error, run, truncate_bits, KeyRef,
};
use super::okp::{self, OkpKey};
use crate::error::KodeError;
use crate::ext::args::{op, Bytes};
use crate::tasks::OpId;
use crate::value::OpValue;

/// id-ecPublicKey (RFC 5480).
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");

/// The named curves of RFC 5480 by OID; P-521 is recognized (so its keys
/// are refused as unsupported, not as malformed) but not implemented.
const CURVES: [(&str, ObjectIdentifier); 3] = [
    ("P-256", ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7")),
    ("P-384", ObjectIdentifier::new_unwrap("1.3.132.0.34")),
    ("P-521", ObjectIdentifier::new_unwrap("1.3.132.0.35")),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Curve {
    P256,
    P384,
}

impl Curve {
    fn from_name(name: &str) -> Result<Curve, KodeError> {
        match name {
            "P-256" => Ok(Curve::P256),
            "P-384" => Ok(Curve::P384),
            "P-521" => Err(not_supported("The P-521 curve is not supported")),
            _ => Err(data_error(format!("\"{name}\" is not a named curve"))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
        }
    }

    fn oid(self) -> ObjectIdentifier {
        let name = self.name();
        CURVES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, oid)| *oid)
            .expect("listed")
    }
}

pub enum Secret {
    P256(p256::SecretKey),
    P384(p384::SecretKey),
}

pub enum Public {
    P256(p256::PublicKey),
    P384(p384::PublicKey),
}

/// An EC key in the key table.
pub enum EcKey {
    Private(Secret),
    Public(Public),
}

/// Names the kind of key, never its material.
impl std::fmt::Debug for EcKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EcKey::Private(_) => "EC private key",
            EcKey::Public(_) => "EC public key",
        })
    }
}

/// ECDSA's message representative: the hash, left-padded with zero bytes
/// when it is shorter than the field (SHA-1 on P-384), which leaves its
/// value as an integer unchanged (SEC1 4.1.3 step 5 takes the hash as is
/// when it is shorter than the order); the crates want at least half a
/// field of bytes.
fn prehash(hash: Hash, data: &[u8], field_len: usize) -> Vec<u8> {
    let digest = hash.digest(data);
    if digest.len() >= field_len {
        return digest;
    }
    let mut padded = vec![0; field_len - digest.len()];
    padded.extend_from_slice(&digest);
    padded
}

/// One module of curve operations per curve crate.
macro_rules! curve {
    ($module:ident, $krate:ident, $variant:ident, $curve:ident) => {
        mod $module {
            use pkcs8::EncodePublicKey;
            use rand_core::OsRng;
            use zeroize::Zeroizing;
            use $krate::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
            use $krate::ecdsa::{Signature, SigningKey, VerifyingKey};
            use $krate::elliptic_curve::generic_array::typenum::Unsigned;
            use $krate::elliptic_curve::sec1::{FromEncodedPoint, ToEncodedPoint};
            use $krate::{EncodedPoint, FieldBytes, PublicKey, SecretKey};

            use super::{data_error, operation_error, EcKey, Public, Secret};
            use crate::error::KodeError;

            /// Bytes of a field element (a coordinate, a private scalar).
            pub const FIELD_LEN: usize =
                <$krate::$curve as $krate::elliptic_curve::Curve>::FieldBytesSize::USIZE;

            pub fn generate() -> (EcKey, EcKey) {
                let secret = SecretKey::random(&mut OsRng);
                let public = secret.public_key();
                (
                    EcKey::Public(Public::$variant(public)),
                    EcKey::Private(Secret::$variant(secret)),
                )
            }

            /// A SEC1 point, compressed or not; the identity is refused.
            pub fn public_from_sec1(bytes: &[u8]) -> Result<Public, KodeError> {
                PublicKey::from_sec1_bytes(bytes)
                    .map(Public::$variant)
                    .map_err(|_| data_error("The data is not a valid point on the curve"))
            }

            /// A SEC1 ECPrivateKey; a public key it carries must match.
            pub fn secret_from_sec1(key: sec1::EcPrivateKey) -> Result<Secret, KodeError> {
                SecretKey::try_from(key)
                    .map(Secret::$variant)
                    .map_err(|_| data_error("The ECPrivateKey is not a valid key on the curve"))
            }

            pub fn from_jwk(x: &[u8], y: &[u8], d: Option<&[u8]>) -> Result<EcKey, KodeError> {
                if x.len() != FIELD_LEN || y.len() != FIELD_LEN {
                    return Err(data_error("The JWK coordinates are not the curve's size"));
                }
                let point = EncodedPoint::from_affine_coordinates(
                    FieldBytes::from_slice(x),
                    FieldBytes::from_slice(y),
                    false,
                );
                let public = Option::<PublicKey>::from(PublicKey::from_encoded_point(&point))
                    .ok_or_else(|| data_error("The JWK's x and y are not a point on the curve"))?;
                let Some(d) = d else {
                    return Ok(EcKey::Public(Public::$variant(public)));
                };
                if d.len() != FIELD_LEN {
                    return Err(data_error("The JWK member \"d\" is not the curve's size"));
                }
                let secret = SecretKey::from_bytes(FieldBytes::from_slice(d))
                    .map_err(|_| data_error("The JWK member \"d\" is not a valid private key"))?;
                if secret.public_key() != public {
                    return Err(data_error(
                        "The JWK's x and y are not the public key of its d",
                    ));
                }
                Ok(EcKey::Private(Secret::$variant(secret)))
            }

            pub fn sign(secret: &SecretKey, prehash: &[u8]) -> Result<Vec<u8>, KodeError> {
                let signature: Signature = SigningKey::from(secret)
                    .sign_prehash(prehash)
                    .map_err(|_| operation_error("ECDSA signing failed"))?;
                Ok(signature.to_bytes().to_vec())
            }

            /// r || s of the curve's size, verified against `public`; any
            /// other signature is simply not valid.
            pub fn verify(public: &PublicKey, prehash: &[u8], signature: &[u8]) -> bool {
                if signature.len() != 2 * FIELD_LEN {
                    return false;
                }
                let Ok(signature) = Signature::from_slice(signature) else {
                    return false;
                };
                VerifyingKey::from(public)
                    .verify_prehash(prehash, &signature)
                    .is_ok()
            }

            /// The x-coordinate of the shared point (RFC 6090 section 4).
            pub fn ecdh(secret: &SecretKey, public: &PublicKey) -> Zeroizing<Vec<u8>> {
                let shared =
                    $krate::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
                Zeroizing::new(shared.raw_secret_bytes().to_vec())
            }

            pub fn public_of(secret: &SecretKey) -> PublicKey {
                secret.public_key()
            }

            /// The uncompressed SEC1 point.
            pub fn point(public: &PublicKey) -> Vec<u8> {
                public.to_encoded_point(false).as_bytes().to_vec()
            }

            pub fn spki(public: &PublicKey) -> Result<Vec<u8>, KodeError> {
                public
                    .to_public_key_der()
                    .map(|der| der.into_vec())
                    .map_err(|_| operation_error("Cannot encode the public key"))
            }

            pub fn scalar(secret: &SecretKey) -> Zeroizing<Vec<u8>> {
                Zeroizing::new(secret.to_bytes().to_vec())
            }
        }
    };
}

curve!(nist_p256, p256, P256, NistP256);
curve!(nist_p384, p384, P384, NistP384);

/// Runs `$body` on the curve module of the matching `Secret` or `Public`.
macro_rules! on_curve {
    ($key:expr, $enum:ident, $k:ident, $m:ident => $body:expr) => {
        match $key {
            $enum::P256($k) => {
                use nist_p256 as $m;
                $body
            }
            $enum::P384($k) => {
                use nist_p384 as $m;
                $body
            }
        }
    };
}

fn curve_of(public: &Public) -> Curve {
    match public {
        Public::P256(_) => Curve::P256,
        Public::P384(_) => Curve::P384,
    }
}

fn public_of(secret: &Secret) -> Public {
    match secret {
        Secret::P256(key) => Public::P256(nist_p256::public_of(key)),
        Secret::P384(key) => Public::P384(nist_p384::public_of(key)),
    }
}

pub fn generate(curve: &str) -> Result<(EcKey, EcKey), KodeError> {
    Ok(
        match Curve::from_name(curve)
            .map_err(|_| not_supported(format!("The curve \"{curve}\" is not supported")))?
        {
            Curve::P256 => nist_p256::generate(),
            Curve::P384 => nist_p384::generate(),
        },
    )
}

/// The curve an AlgorithmIdentifier's parameters name; it must be `expected`.
fn named_curve(algorithm: &AlgorithmIdentifierRef, expected: Curve) -> Result<(), KodeError> {
    if algorithm.oid != EC_PUBLIC_KEY {
        return Err(data_error(
            "The key is not an elliptic curve key (id-ecPublicKey)",
        ));
    }
    let oid = algorithm
        .parameters
        .and_then(|params| params.decode_as::<ObjectIdentifier>().ok())
        .ok_or_else(|| data_error("The key's parameters do not name a curve"))?;
    match CURVES.iter().find(|(_, curve)| *curve == oid) {
        Some((name, _)) if *name == expected.name() => Ok(()),
        Some((name, _)) => Err(data_error(format!(
            "The key is on {name}, not {}",
            expected.name()
        ))),
        None => Err(data_error(format!(
            "The key's curve {oid} is not supported"
        ))),
    }
}

pub fn import(kind: &str, format: &str, data: &[u8]) -> Result<EcKey, KodeError> {
    let curve = Curve::from_name(kind)?;
    let public_from_sec1 = |bytes: &[u8]| match curve {
        Curve::P256 => nist_p256::public_from_sec1(bytes),
        Curve::P384 => nist_p384::public_from_sec1(bytes),
    };
    match format {
        "raw" => public_from_sec1(data).map(EcKey::Public),
        "spki" => {
            let spki = SubjectPublicKeyInfoRef::try_from(data)
                .map_err(|_| data_error("The data is not a DER SubjectPublicKeyInfo"))?;
            named_curve(&spki.algorithm, curve)?;
            let point = spki
                .subject_public_key
                .as_bytes()
                .ok_or_else(|| data_error("The subjectPublicKey is not whole bytes"))?;
            public_from_sec1(point).map(EcKey::Public)
        }
        "pkcs8" => {
            let info = PrivateKeyInfo::try_from(data)
                .map_err(|_| data_error("The data is not a DER PrivateKeyInfo"))?;
            named_curve(&info.algorithm, curve)?;
            let key = EcPrivateKey::from_der(info.private_key)
                .map_err(|_| data_error("The privateKey is not a DER ECPrivateKey"))?;
            match key.parameters {
                None => {}
                Some(EcParameters::NamedCurve(oid)) if oid == curve.oid() => {}
                Some(_) => return Err(data_error("The ECPrivateKey names another curve")),
            }
            let secret = match curve {
                Curve::P256 => nist_p256::secret_from_sec1(key),
                Curve::P384 => nist_p384::secret_from_sec1(key),
            };
            secret.map(EcKey::Private)
        }
        _ => Err(not_supported(format!(
            "Cannot import an EC key in {format} format"
        ))),
    }
}

/// A key from its JWK `x`, `y` and (for a private key) `d`.
pub fn import_jwk(kind: &str, parts: Vec<Option<Zeroizing<Vec<u8>>>>) -> Result<EcKey, KodeError> {
    let curve = Curve::from_name(kind)?;
    let mut parts = parts.into_iter();
    let (Some(Some(x)), Some(Some(y)), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(data_error("An EC JWK needs the members \"x\" and \"y\""));
    };
    let d = d.as_deref().map(Vec::as_slice);
    match curve {
        Curve::P256 => nist_p256::from_jwk(&x, &y, d),
        Curve::P384 => nist_p384::from_jwk(&x, &y, d),
    }
}

pub fn export(key: &EcKey, format: &str) -> Result<Vec<u8>, KodeError> {
    match (key, format) {
        (EcKey::Public(public), "raw") => Ok(on_curve!(public, Public, k, m => m::point(k))),
        (EcKey::Public(public), "spki") => on_curve!(public, Public, k, m => m::spki(k)),
        (EcKey::Private(secret), "pkcs8") => pkcs8(secret),
        (EcKey::Public(_), "pkcs8") | (EcKey::Private(_), "raw" | "spki") => Err(invalid_access(
            format!("Cannot export this key in {format} format"),
        )),
        _ => Err(not_supported(format!(
            "Cannot export an EC key in {format} format"
        ))),
    }
}

/// PKCS#8 as the spec asks: the ECPrivateKey carries the curve and the public key.
fn pkcs8(secret: &Secret) -> Result<Vec<u8>, KodeError> {
    let public = public_of(secret);
    let curve = curve_of(&public);
    let scalar = on_curve!(secret, Secret, k, m => m::scalar(k));
    let point = on_curve!(&public, Public, k, m => m::point(k));
    let failed = |_| operation_error("Cannot encode the private key");
    let inner = Zeroizing::new(
        EcPrivateKey {
            private_key: &scalar,
            parameters: Some(EcParameters::NamedCurve(curve.oid())),
            public_key: Some(&point),
        }
        .to_der()
        .map_err(failed)?,
    );
    let oid = curve.oid();
    let algorithm = AlgorithmIdentifierRef {
        oid: EC_PUBLIC_KEY,
        parameters: Some((&oid).into()),
    };
    PrivateKeyInfo::new(algorithm, &inner)
        .to_der()
        .map_err(failed)
}

/// JWK `x`, `y` and, for a private key, `d`.
pub fn jwk_parts(key: &EcKey) -> Vec<Option<Zeroizing<Vec<u8>>>> {
    let (public, d) = match key {
        EcKey::Private(secret) => (
            public_of(secret),
            Some(on_curve!(secret, Secret, k, m => m::scalar(k))),
        ),
        EcKey::Public(Public::P256(k)) => (Public::P256(*k), None),
        EcKey::Public(Public::P384(k)) => (Public::P384(*k), None),
    };
    let point = on_curve!(&public, Public, k, m => m::point(k));
    // Uncompressed: 0x04 || x || y.
    let half = (point.len() - 1) / 2;
    let x = Zeroizing::new(point[1..1 + half].to_vec());
    let y = Zeroizing::new(point[1 + half..].to_vec());
    vec![Some(x), Some(y), d]
}

/// ECDH between two NIST-curve keys, or X25519 between two OKP keys.
fn shared_secret(key: &KeyRef, public: &KeyRef) -> Result<Zeroizing<Vec<u8>>, KodeError> {
    if let (Some(d), Some(q)) = (
        key.downcast_ref::<OkpKey>(),
        public.downcast_ref::<OkpKey>(),
    ) {
        return okp::x25519(d, q);
    }
    match (keys::get::<EcKey>(key)?, keys::get::<EcKey>(public)?) {
        (EcKey::Private(Secret::P256(d)), EcKey::Public(Public::P256(q))) => {
            Ok(nist_p256::ecdh(d, q))
        }
        (EcKey::Private(Secret::P384(d)), EcKey::Public(Public::P384(q))) => {
            Ok(nist_p384::ecdh(d, q))
        }
        _ => Err(invalid_access(
            "The keys are not a private and a public key of one curve",
        )),
    }
}

op! {
    /// `subtle_ecdsa(id, key, hash, data, signature)`: without `signature`,
    /// r || s; with one, whether it is valid. Signing is deterministic
    /// (RFC 6979), which ECDSA allows.
    fn op_subtle_ecdsa<'s>(scope, id: OpId, key: u64, hash: String, data: Bytes, signature: Option<Bytes>)
        -> Result<(), KodeError>
    {
        let hash = Hash::from_name(&hash)?;
        let key = keys::key(scope, key)?;
        run(scope, id, move || match (keys::get::<EcKey>(&key)?, signature) {
            (EcKey::Private(secret), None) => {
                on_curve!(secret, Secret, k, m => m::sign(k, &prehash(hash, &data.0, m::FIELD_LEN))).map(OpValue::Bytes)
            }
            (EcKey::Public(public), Some(signature)) => Ok(OpValue::Bool(on_curve!(public, Public, k, m => {
                m::verify(k, &prehash(hash, &data.0, m::FIELD_LEN), &signature.0)
            }))),
            _ => Err(invalid_access("The key is not of the type this operation needs")),
        })
    }
}

op! {
    /// `subtle_ecdh(id, key, public, length)`: ECDH (P-256, P-384) or X25519
    /// between a private and a public key of the same curve; `length` bits
    /// of the shared secret, all of it when `null`.
    fn op_subtle_ecdh<'s>(scope, id: OpId, key: u64, public: u64, length: Option<u32>) -> Result<(), KodeError> {
        let key = keys::key(scope, key)?;
        let public = keys::key(scope, public)?;
        run(scope, id, move || {
            let secret = shared_secret(&key, &public)?;
            let Some(length) = length else {
                return Ok(OpValue::Bytes(secret.to_vec()));
            };
            if secret.len() * 8 < length as usize {
                return Err(operation_error(format!(
                    "The shared secret has {} bits, fewer than the {length} asked for",
                    secret.len() * 8
                )));
            }
            Ok(OpValue::Bytes(truncate_bits(secret, length).to_vec()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prehash_pads_short_digests_only() {
        assert_eq!(prehash(Hash::Sha1, b"abc", 48).len(), 48);
        assert_eq!(prehash(Hash::Sha1, b"abc", 48)[..28], [0; 28]);
        assert_eq!(prehash(Hash::Sha512, b"abc", 32).len(), 64);
    }

    #[test]
    fn keys_round_trip_through_every_format() {
        let (public, private) = generate("P-384").unwrap();
        let pkcs8 = export(&private, "pkcs8").unwrap();
        let EcKey::Private(again) = import("P-384", "pkcs8", &pkcs8).unwrap() else {
            panic!()
        };
        assert_eq!(export(&EcKey::Private(again), "pkcs8").unwrap(), pkcs8);
        let spki = export(&public, "spki").unwrap();
        let raw = export(&public, "raw").unwrap();
        assert_eq!(raw.len(), 97);
        assert!(matches!(
            import("P-384", "spki", &spki).unwrap(),
            EcKey::Public(Public::P384(_))
        ));
        assert_eq!(
            import("P-256", "spki", &spki).unwrap_err().code,
            "DataError"
        );
        assert_eq!(
            import("P-256", "pkcs8", &pkcs8).unwrap_err().code,
            "DataError"
        );
        assert_eq!(
            import("P-521", "raw", &raw).unwrap_err().code,
            "NotSupportedError"
        );
        assert_eq!(
            import("P-384", "raw", &raw[..96]).unwrap_err().code,
            "DataError"
        );
        let parts = jwk_parts(&private);
        assert!(matches!(
            import_jwk("P-384", parts).unwrap(),
            EcKey::Private(_)
        ));
        let mut parts = jwk_parts(&private);
        parts[0] = jwk_parts(&generate("P-384").unwrap().0)[0].take();
        assert_eq!(import_jwk("P-384", parts).unwrap_err().code, "DataError");
    }
}

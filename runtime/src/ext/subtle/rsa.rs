//! RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP on the `rsa` crate: key
//! generation, import and export (SPKI, PKCS#8, JWK), signatures and
//! encryption. Private-key operations are blinded with the OS RNG.
//!
//! The `rsa` crate's private-key operations are not constant time
//! (RUSTSEC-2023-0071, the "Marvin" timing side channel): `docs/web-apis.md`
//! says so. Its OAEP label is a `String`, so a label that is not UTF-8 is
//! refused as unsupported.

use pkcs8::der::Decode;
use pkcs8::{DecodePrivateKey, EncodePrivateKey, EncodePublicKey};
use rand_core::OsRng;
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BigUint, Oaep, Pkcs1v15Sign, Pss, RsaPrivateKey, RsaPublicKey};
use spki::SubjectPublicKeyInfoRef;
use zeroize::Zeroizing;

use super::digest::{with_hash, Hash};
use super::keys::{self, data_error, invalid_access, not_supported, operation_error, run};
use crate::error::KodeError;
use crate::ext::args::{op, Bytes};
use crate::tasks::OpId;
use crate::value::OpValue;

/// An RSA key in the key table.
pub enum RsaKey {
    Private(Box<RsaPrivateKey>),
    Public(RsaPublicKey),
}

/// Names the kind of key, never its material.
impl std::fmt::Debug for RsaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RsaKey::Private(_) => "RSA private key",
            RsaKey::Public(_) => "RSA public key",
        })
    }
}

/// The largest modulus Kode generates or imports, in bits (as browsers).
const MAX_MODULUS_BITS: usize = 16384;

/// rsaEncryption (RFC 3447).
const RSA_ENCRYPTION: pkcs8::ObjectIdentifier =
    pkcs8::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

pub fn generate(modulus_length: u32, exponent: &[u8]) -> Result<(RsaKey, RsaKey), KodeError> {
    if !(256..=MAX_MODULUS_BITS as u32).contains(&modulus_length)
        || !modulus_length.is_multiple_of(8)
    {
        return Err(operation_error(format!(
            "The RSA modulus length must be a multiple of 8 from 256 to {MAX_MODULUS_BITS}, not {modulus_length}"
        )));
    }
    let e = BigUint::from_bytes_be(exponent);
    let odd = e.to_bytes_be().last().is_some_and(|byte| byte & 1 == 1);
    let valid = e.bits() <= 33 && e >= BigUint::from(3u8) && odd;
    if !valid {
        return Err(operation_error(
            "The RSA public exponent must be odd, at least 3 and less than 2^33",
        ));
    }
    let private = RsaPrivateKey::new_with_exp(&mut OsRng, modulus_length as usize, &e)
        .map_err(|err| operation_error(format!("RSA key generation failed: {err}")))?;
    let public = private.to_public_key();
    Ok((RsaKey::Public(public), RsaKey::Private(Box::new(private))))
}

fn check_size(n: &BigUint) -> Result<(), KodeError> {
    if n.bits() > MAX_MODULUS_BITS {
        return Err(not_supported(format!(
            "RSA keys over {MAX_MODULUS_BITS} bits are not supported"
        )));
    }
    Ok(())
}

fn public_key(n: BigUint, e: BigUint) -> Result<RsaPublicKey, KodeError> {
    check_size(&n)?;
    RsaPublicKey::new_with_max_size(n, e, MAX_MODULUS_BITS)
        .map_err(|err| data_error(format!("The RSA public key is not valid: {err}")))
}

pub fn import(format: &str, data: &[u8]) -> Result<RsaKey, KodeError> {
    match format {
        "spki" => {
            let spki = SubjectPublicKeyInfoRef::try_from(data)
                .map_err(|_| data_error("The data is not a DER SubjectPublicKeyInfo"))?;
            if spki.algorithm.oid != RSA_ENCRYPTION {
                return Err(data_error("The key is not an RSA key (rsaEncryption)"));
            }
            let bytes = spki
                .subject_public_key
                .as_bytes()
                .ok_or_else(|| data_error("The subjectPublicKey is not whole bytes"))?;
            let key = rsa::pkcs1::RsaPublicKey::from_der(bytes)
                .map_err(|_| data_error("The subjectPublicKey is not a DER RSAPublicKey"))?;
            let n = BigUint::from_bytes_be(key.modulus.as_bytes());
            let e = BigUint::from_bytes_be(key.public_exponent.as_bytes());
            Ok(RsaKey::Public(public_key(n, e)?))
        }
        "pkcs8" => {
            let info = pkcs8::PrivateKeyInfo::try_from(data)
                .map_err(|_| data_error("The data is not a DER PrivateKeyInfo"))?;
            if info.algorithm.oid != RSA_ENCRYPTION {
                return Err(data_error("The key is not an RSA key (rsaEncryption)"));
            }
            let key = rsa::pkcs1::RsaPrivateKey::from_der(info.private_key)
                .map_err(|_| data_error("The privateKey is not a DER RSAPrivateKey"))?;
            check_size(&BigUint::from_bytes_be(key.modulus.as_bytes()))?;
            // The crate's own decoder checks the algorithm's parameters and
            // validates the key (its primes multiply to n, d fits e).
            RsaPrivateKey::from_pkcs8_der(data)
                .map(|key| RsaKey::Private(Box::new(key)))
                .map_err(|_| data_error("The RSA private key is not valid"))
        }
        _ => Err(not_supported(format!(
            "Cannot import an RSA key in {format} format"
        ))),
    }
}

/// A key from its JWK members `n`, `e`, `d`, `p`, `q`, `dp`, `dq`, `qi`:
/// `n` and `e` for a public key; with `d`, either none of the others or
/// all of them (JWA 6.3.2), and they must be the key's.
pub fn import_jwk(parts: Vec<Option<Zeroizing<Vec<u8>>>>) -> Result<RsaKey, KodeError> {
    let int = |part: &Option<Zeroizing<Vec<u8>>>| {
        part.as_ref().map(|bytes| BigUint::from_bytes_be(bytes))
    };
    let [n, e, d, p, q, dp, dq, qi] =
        <[Option<BigUint>; 8]>::try_from(parts.iter().map(int).collect::<Vec<_>>())
            .map_err(|_| data_error("An RSA JWK has eight key members"))?;
    let (Some(n), Some(e)) = (n, e) else {
        return Err(data_error("An RSA JWK needs the members \"n\" and \"e\""));
    };
    let Some(d) = d else {
        return Ok(RsaKey::Public(public_key(n, e)?));
    };
    check_size(&n)?;
    let invalid = |_| data_error("The JWK is not a valid RSA private key");
    let key = match (p, q, dp, dq, qi) {
        (None, None, None, None, None) => {
            RsaPrivateKey::from_components(n, e, d, Vec::new()).map_err(invalid)?
        }
        (Some(p), Some(q), Some(dp), Some(dq), Some(qi)) => {
            let key = RsaPrivateKey::from_components(n, e, d, vec![p, q]).map_err(invalid)?;
            let [expected_dp, expected_dq, expected_qi] = crt_values(&key);
            if Some(dp) != expected_dp || Some(dq) != expected_dq || Some(qi) != expected_qi {
                return Err(data_error(
                    "The JWK's dp, dq or qi do not belong to its key",
                ));
            }
            key
        }
        _ => {
            return Err(data_error(
                "An RSA JWK with \"p\", \"q\", \"dp\", \"dq\" or \"qi\" needs all five",
            ))
        }
    };
    Ok(RsaKey::Private(Box::new(key)))
}

/// d mod (p - 1), d mod (q - 1) and q^-1 mod p of a two-prime key.
fn crt_values(key: &RsaPrivateKey) -> [Option<BigUint>; 3] {
    let primes = key.primes();
    let one = BigUint::from(1u8);
    let dp = primes.first().map(|p| key.d() % (p - &one));
    let dq = primes.get(1).map(|q| key.d() % (q - &one));
    [dp, dq, key.crt_coefficient()]
}

pub fn export(key: &RsaKey, format: &str) -> Result<Vec<u8>, KodeError> {
    let failed = |_| operation_error("Cannot encode the key");
    match (key, format) {
        (RsaKey::Public(public), "spki") => public
            .to_public_key_der()
            .map(|der| der.into_vec())
            .map_err(failed),
        (RsaKey::Private(private), "pkcs8") => private
            .to_pkcs8_der()
            .map(|der| der.as_bytes().to_vec())
            .map_err(|_| operation_error("Cannot encode the key")),
        (RsaKey::Public(_), "pkcs8") | (RsaKey::Private(_), "spki") => Err(invalid_access(
            format!("Cannot export this key in {format} format"),
        )),
        _ => Err(not_supported(format!(
            "Cannot export an RSA key in {format} format"
        ))),
    }
}

/// JWK `n`, `e` and, for a private key, `d`, `p`, `q`, `dp`, `dq`, `qi`.
pub fn jwk_parts(key: &RsaKey) -> Result<Vec<Option<Zeroizing<Vec<u8>>>>, KodeError> {
    let bytes = |int: &BigUint| Some(Zeroizing::new(int.to_bytes_be()));
    Ok(match key {
        RsaKey::Public(public) => vec![
            bytes(public.n()),
            bytes(public.e()),
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        RsaKey::Private(private) => {
            let [dp, dq, qi] = crt_values(private);
            let primes = private.primes();
            let (Some(p), Some(q), Some(dp), Some(dq), Some(qi)) =
                (primes.first(), primes.get(1), dp, dq, qi)
            else {
                return Err(operation_error("The RSA key has no CRT values"));
            };
            vec![
                bytes(private.n()),
                bytes(private.e()),
                bytes(private.d()),
                bytes(p),
                bytes(q),
                bytes(&dp),
                bytes(&dq),
                bytes(&qi),
            ]
        }
    })
}

/// `modulusLength` and `publicExponent` of the key's algorithm.
pub fn describe(key: &RsaKey) -> OpValue {
    let (n, e) = match key {
        RsaKey::Public(public) => (public.n(), public.e()),
        RsaKey::Private(private) => (private.n(), private.e()),
    };
    OpValue::Object(vec![
        ("modulusLength", OpValue::Number(n.bits() as f64)),
        ("publicExponent", OpValue::Bytes(e.to_bytes_be())),
    ])
}

/// Whether a PSS salt of `salt_len` bytes fits a key of `bits` (RFC 8017
/// 9.1.1 step 3), checked before the crate allocates the salt.
fn salt_fits(bits: usize, hash: Hash, salt_len: usize) -> bool {
    let em_len = (bits - 1).div_ceil(8);
    em_len >= hash.len() + salt_len + 2
}

fn sign(
    private: &RsaPrivateKey,
    pss: bool,
    hash: Hash,
    salt_len: usize,
    data: &[u8],
) -> Result<Vec<u8>, KodeError> {
    let hashed = hash.digest(data);
    let failed = |err: rsa::Error| operation_error(format!("RSA signing failed: {err}"));
    if !pss {
        return with_hash!(hash, H => private.sign_with_rng(&mut OsRng, Pkcs1v15Sign::new::<H>(), &hashed)).map_err(failed);
    }
    if !salt_fits(private.n().bits(), hash, salt_len) {
        return Err(operation_error(format!(
            "A salt of {salt_len} bytes does not fit this key and hash"
        )));
    }
    with_hash!(hash, H => private.sign_with_rng(&mut OsRng, Pss::new_with_salt::<H>(salt_len), &hashed)).map_err(failed)
}

fn verify(
    public: &RsaPublicKey,
    pss: bool,
    hash: Hash,
    salt_len: usize,
    data: &[u8],
    signature: &[u8],
) -> bool {
    let hashed = hash.digest(data);
    if !pss {
        return with_hash!(hash, H => public.verify(Pkcs1v15Sign::new::<H>(), &hashed, signature))
            .is_ok();
    }
    salt_fits(public.n().bits(), hash, salt_len)
        && with_hash!(hash, H => public.verify(Pss::new_with_salt::<H>(salt_len), &hashed, signature)).is_ok()
}

fn oaep(hash: Hash, label: Option<&[u8]>) -> Result<Oaep, KodeError> {
    let label = match label.filter(|label| !label.is_empty()) {
        None => None,
        Some(bytes) => Some(
            std::str::from_utf8(bytes)
                .map_err(|_| not_supported("Kode's RSA-OAEP takes only a UTF-8 label"))?
                .to_string(),
        ),
    };
    let mut padding = with_hash!(hash, H => Oaep::new::<H>());
    padding.label = label;
    Ok(padding)
}

op! {
    /// `subtle_rsa_sign(id, key, pss, hash, saltLength, data, signature)`:
    /// RSASSA-PKCS1-v1_5 or (`pss`) RSA-PSS; without `signature` the
    /// signature, with one whether it is valid.
    fn op_subtle_rsa_sign<'s>(scope, id: OpId, key: u64, pss: bool, hash: String, salt_length: u32,
        data: Bytes, signature: Option<Bytes>) -> Result<(), KodeError>
    {
        let hash = Hash::from_name(&hash)?;
        let key = keys::key(scope, key)?;
        let salt_len = salt_length as usize;
        run(scope, id, move || match (keys::get::<RsaKey>(&key)?, signature) {
            (RsaKey::Private(private), None) => sign(private, pss, hash, salt_len, &data.0).map(OpValue::Bytes),
            (RsaKey::Public(public), Some(signature)) => {
                Ok(OpValue::Bool(verify(public, pss, hash, salt_len, &data.0, &signature.0)))
            }
            _ => Err(invalid_access("The key is not of the type this operation needs")),
        })
    }
}

op! {
    /// `subtle_rsa_oaep(id, key, decrypt, hash, data, label)`.
    fn op_subtle_rsa_oaep<'s>(scope, id: OpId, key: u64, decrypt: bool, hash: String, data: Bytes,
        label: Option<Bytes>) -> Result<(), KodeError>
    {
        let hash = Hash::from_name(&hash)?;
        let key = keys::key(scope, key)?;
        run(scope, id, move || {
            let padding = oaep(hash, label.as_ref().map(|label| label.0.as_slice()))?;
            let result = match (keys::get::<RsaKey>(&key)?, decrypt) {
                (RsaKey::Public(public), false) => public.encrypt(&mut OsRng, padding, &data.0),
                (RsaKey::Private(private), true) => private.decrypt_blinded(&mut OsRng, padding, &data.0),
                _ => return Err(invalid_access("The key is not of the type this operation needs")),
            };
            result
                .map(OpValue::Bytes)
                .map_err(|_| operation_error(if decrypt { "RSA-OAEP decryption failed" } else { "RSA-OAEP encryption failed: the data is too long for the key" }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_round_trips_through_jwk_and_pkcs8() {
        let (public, private) = generate(512, &[1, 0, 1]).unwrap();
        let parts = jwk_parts(&private).unwrap();
        let RsaKey::Private(again) = import_jwk(parts.clone()).unwrap() else {
            panic!()
        };
        let pkcs8 = export(&private, "pkcs8").unwrap();
        assert_eq!(export(&RsaKey::Private(again), "pkcs8").unwrap(), pkcs8);
        assert!(matches!(
            import("pkcs8", &pkcs8).unwrap(),
            RsaKey::Private(_)
        ));
        let spki = export(&public, "spki").unwrap();
        assert!(matches!(import("spki", &spki).unwrap(), RsaKey::Public(_)));
        assert_eq!(import("spki", &pkcs8).unwrap_err().code, "DataError");
        // A wrong CRT value, and a partial set, are refused.
        let mut wrong = parts.clone();
        wrong[7] = wrong[5].clone();
        assert_eq!(import_jwk(wrong).unwrap_err().code, "DataError");
        let mut partial = parts.clone();
        partial[4] = None;
        assert_eq!(import_jwk(partial).unwrap_err().code, "DataError");
        // n, e and d alone: the primes are recovered.
        let mut bare = parts;
        for part in &mut bare[3..] {
            *part = None;
        }
        assert!(matches!(import_jwk(bare).unwrap(), RsaKey::Private(_)));
    }

    #[test]
    fn generation_parameters_are_checked() {
        assert_eq!(
            generate(1001, &[1, 0, 1]).unwrap_err().code,
            "OperationError"
        );
        assert_eq!(
            generate(128, &[1, 0, 1]).unwrap_err().code,
            "OperationError"
        );
        assert_eq!(generate(512, &[2]).unwrap_err().code, "OperationError");
        assert_eq!(generate(512, &[1]).unwrap_err().code, "OperationError");
    }

    #[test]
    fn pss_salt_must_fit() {
        // emLen 128 = 32 (SHA-256) + 94 + 2.
        assert!(salt_fits(1024, Hash::Sha256, 94));
        assert!(!salt_fits(1024, Hash::Sha256, 95));
        assert!(!salt_fits(1024, Hash::Sha512, u32::MAX as usize));
    }
}

//! Ops behind `kode:crypto`: SHA-2 digests (sha2) and the system's secure
//! random number generator (getrandom, uuid). The ops check and convert their
//! arguments and raise every error themselves (with `operation`), so the
//! rules live in one place; `js/crypto.js` only shapes the results.

use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::error::{codes, io_code, v8_str, KodeError};
use crate::ext::args::{decode, describe, op, Data};

/// The largest `randomBytes(n)`: 64 MiB.
const MAX_RANDOM_BYTES: usize = 65536 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Algorithm {
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    /// Accepts Node's names (`sha256`) and the WebCrypto spellings (`SHA-256`),
    /// in any ASCII case.
    fn from_name(name: &str) -> Option<Algorithm> {
        const NAMES: [(&str, &str, Algorithm); 3] = [
            ("sha256", "sha-256", Algorithm::Sha256),
            ("sha384", "sha-384", Algorithm::Sha384),
            ("sha512", "sha-512", Algorithm::Sha512),
        ];
        NAMES
            .iter()
            .find(|(plain, dashed, _)| {
                name.eq_ignore_ascii_case(plain) || name.eq_ignore_ascii_case(dashed)
            })
            .map(|(_, _, algorithm)| *algorithm)
    }

    /// The canonical (Node) name that `hash` reports back.
    fn name(self) -> &'static str {
        match self {
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }

    fn digest_hex(self, data: &[u8]) -> String {
        match self {
            Algorithm::Sha256 => hex::encode(Sha256::digest(data)),
            Algorithm::Sha384 => hex::encode(Sha384::digest(data)),
            Algorithm::Sha512 => hex::encode(Sha512::digest(data)),
        }
    }
}

/// The algorithm `name` stands for, or `EUNSUPPORTED_ALGORITHM`.
fn algorithm(name: &str) -> Result<Algorithm, KodeError> {
    Algorithm::from_name(name).ok_or_else(|| {
        let message =
            format!("Unsupported hash algorithm \"{name}\" (supported: sha256, sha384, sha512)");
        KodeError::new(codes::EUNSUPPORTED_ALGORITHM, message)
            .operation("kode:crypto.hash")
            .field("algorithm", name)
    })
}

/// Fills `buf` from the operating system's CSPRNG.
fn fill_random(buf: &mut [u8], operation: &str) -> Result<(), KodeError> {
    getrandom::fill(buf).map_err(|err| {
        let code = err
            .raw_os_error()
            .map(|errno| io_code(&std::io::Error::from_raw_os_error(errno)))
            .unwrap_or(codes::EIO);
        KodeError::new(
            code,
            format!("The system random number generator failed: {err}"),
        )
        .operation(operation)
    })
}

fn random_bytes(n: usize) -> Result<Vec<u8>, KodeError> {
    let mut bytes = vec![0; n];
    fill_random(&mut bytes, "kode:crypto.randomBytes")?;
    Ok(bytes)
}

/// An RFC 4122 version 4 UUID: lowercase, hyphenated.
fn random_uuid() -> Result<String, KodeError> {
    let mut bytes = [0; 16];
    fill_random(&mut bytes, "kode:crypto.randomUUID")?;
    // The builder sets the version (4) and variant (RFC 4122) bits.
    let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
    Ok(uuid.hyphenated().to_string())
}

op! {
    /// `crypto_hash(algorithm, data)` → `[canonical algorithm, hex]`; `data` is a
    /// string (hashed as UTF-8), an `ArrayBufferView` or an `ArrayBuffer`.
    fn op_crypto_hash<'s>(scope, algorithm: String, data: v8::Local<'s, v8::Value>)
        as "kode:crypto.hash" -> Result<v8::Local<'s, v8::Array>, KodeError>
    {
        // The algorithm is checked before the data.
        let algorithm = self::algorithm(&algorithm)?;
        let Data(data) = decode(scope, data, "data", Some("kode:crypto.hash"))?;
        let hex = algorithm.digest_hex(&data);
        let name = v8_str(scope, algorithm.name()).into();
        let hex = v8_str(scope, &hex).into();
        Ok(v8::Array::new_with_elements(scope, &[name, hex]))
    }
}

op! {
    /// `crypto_random_bytes(size)` → `Uint8Array` of `size` random bytes.
    fn op_crypto_random_bytes<'s>(scope, value: v8::Local<'s, v8::Value>)
        as "kode:crypto.randomBytes" -> Result<Vec<u8>, KodeError>
    {
        let n = if value.is_number() {
            value.number_value(scope).unwrap_or(f64::NAN)
        } else {
            f64::NAN
        };
        if !(n.fract() == 0.0 && (0.0..=MAX_RANDOM_BYTES as f64).contains(&n)) {
            // For a number, `to_string` is JS's own formatting and runs no user code.
            let received = if value.is_number() {
                value.to_rust_string_lossy(scope)
            } else {
                describe(scope, value)
            };
            let message = format!(
                "The \"size\" argument must be an integer from 0 to {MAX_RANDOM_BYTES} (received {received})"
            );
            return Err(KodeError::range_error(codes::EINVALID_ARG, message)
                .operation("kode:crypto.randomBytes"));
        }
        random_bytes(n as usize)
    }
}

op! {
    /// `crypto_random_uuid()` → `"xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx"`.
    fn op_crypto_random_uuid<'s>(scope) -> Result<v8::Local<'s, v8::String>, KodeError> {
        random_uuid().map(|uuid| v8_str(scope, &uuid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_names_ignore_ascii_case_and_accept_webcrypto_spelling() {
        for name in ["sha256", "SHA256", "Sha256", "sha-256", "SHA-256"] {
            assert_eq!(
                Algorithm::from_name(name),
                Some(Algorithm::Sha256),
                "{name}"
            );
        }
        assert_eq!(Algorithm::from_name("SHA-384"), Some(Algorithm::Sha384));
        assert_eq!(Algorithm::from_name("sha512"), Some(Algorithm::Sha512));
        for name in [
            "",
            "md5",
            "sha1",
            "sha-1",
            "sha 256",
            "sha256 ",
            "sha2-256",
            "sha512/256",
        ] {
            assert_eq!(Algorithm::from_name(name), None, "{name:?}");
        }
    }

    #[test]
    fn digests_match_fips_180_4_examples() {
        let sha256 = algorithm("SHA256").unwrap();
        assert_eq!(sha256.name(), "sha256");
        assert_eq!(
            sha256.digest_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let sha384 = algorithm("sha-384").unwrap();
        assert_eq!(sha384.name(), "sha384");
        assert_eq!(
            sha384.digest_hex(b"abc"),
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
             8086072ba1e7cc2358baeca134c825a7"
        );
        assert_eq!(
            algorithm("SHA512").unwrap().digest_hex(b""),
            "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce\
             47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"
        );
    }

    #[test]
    fn unknown_algorithm_error_shape() {
        let err = algorithm("md5").unwrap_err();
        assert_eq!(err.class, crate::error::ErrorClass::Error);
        assert_eq!(err.code, "EUNSUPPORTED_ALGORITHM");
        assert_eq!(err.operation.as_deref(), Some("kode:crypto.hash"));
        assert_eq!(err.fields, vec![("algorithm", "md5".to_string())]);
    }

    #[test]
    fn random_bytes_have_the_requested_length_and_vary() {
        assert!(random_bytes(0).unwrap().is_empty());
        let a = random_bytes(32).unwrap();
        let b = random_bytes(32).unwrap();
        assert_eq!(a.len(), 32);
        assert_ne!(a, b, "two 256-bit draws collided");
    }

    #[test]
    fn uuids_are_version_4_rfc_4122() {
        let uuid = random_uuid().unwrap();
        let bytes = uuid.as_bytes();
        assert_eq!(uuid.len(), 36);
        assert_eq!([bytes[8], bytes[13], bytes[18], bytes[23]], [b'-'; 4]);
        assert_eq!(bytes[14], b'4');
        assert!(matches!(bytes[19], b'8' | b'9' | b'a' | b'b'), "{uuid}");
        assert!(uuid
            .bytes()
            .all(|b| b == b'-' || b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        assert_ne!(uuid, random_uuid().unwrap());
    }
}

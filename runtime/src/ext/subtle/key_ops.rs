//! The ops that make, import and export keys of every family: they pick the
//! family by the `kind` JavaScript names ("secret", "RSA", "P-256",
//! "P-384", "Ed25519", "X25519") or, for an existing key, by its type in
//! the table.

use zeroize::Zeroizing;

use super::ec::{self, EcKey};
use super::keys::{
    self, base64url, data_error, from_base64url, not_supported, run, truncate_bits, KeyRef, Secret,
};
use super::okp::{self, OkpKey};
use super::rsa::{self, RsaKey};
use crate::error::KodeError;
use crate::ext::args::{op, Bytes};
use crate::tasks::OpId;
use crate::value::OpValue;

/// A JWK's key members, decoded (`None`: absent), in [`jwk_parts`] order.
pub type JwkParts = Vec<Option<Zeroizing<Vec<u8>>>>;

op! {
    /// `subtle_generate_pair(id, publicKey, privateKey, kind, modulusLength,
    /// publicExponent)`: a key pair of `kind` ("RSA", "P-256", "P-384",
    /// "Ed25519", "X25519"; the last two arguments are RSA's).
    fn op_subtle_generate_pair<'s>(scope, id: OpId, public: u64, private: u64, kind: String,
        modulus_length: u32, exponent: Bytes) -> Result<(), KodeError>
    {
        let table = keys::keys(scope);
        run(scope, id, move || {
            match kind.as_str() {
                "RSA" => {
                    let (public_key, private_key) = rsa::generate(modulus_length, &exponent.0)?;
                    table.insert(public, public_key);
                    table.insert(private, private_key);
                }
                "Ed25519" | "X25519" => {
                    let (public_key, private_key) = okp::generate(&kind)?;
                    table.insert(public, public_key);
                    table.insert(private, private_key);
                }
                curve => {
                    let (public_key, private_key) = ec::generate(curve)?;
                    table.insert(public, public_key);
                    table.insert(private, private_key);
                }
            }
            Ok(OpValue::Undefined)
        })
    }
}

op! {
    /// `subtle_import(id, key, kind, format, data, length)`: parses `data`
    /// in `format` ("raw", "spki" or "pkcs8") as a key of `kind` and puts
    /// it at `key`; `length` is an HMAC key's length in bits ([`secret`]).
    /// Settles with what the `CryptoKey`'s algorithm needs to know: `length`
    /// (bits) of a secret key, `modulusLength` and `publicExponent` of an RSA key.
    fn op_subtle_import<'s>(scope, id: OpId, key: u64, kind: String, format: String, data: Bytes,
        length: Option<u32>) -> Result<(), KodeError>
    {
        let table = keys::keys(scope);
        run(scope, id, move || {
            let data = Zeroizing::new(data.0);
            let (imported, info): (KeyRef, OpValue) = match kind.as_str() {
                "secret" if format == "raw" => secret(data, length)?,
                "RSA" => rsa_key(rsa::import(&format, &data)?),
                "Ed25519" | "X25519" => (std::sync::Arc::new(okp::import(&kind, &format, &data)?), no_info()),
                "P-256" | "P-384" => (std::sync::Arc::new(ec::import(&kind, &format, &data)?), no_info()),
                _ => return Err(not_supported(format!("Cannot import a {kind} key in {format} format"))),
            };
            table.insert_ref(key, imported);
            Ok(info)
        })
    }
}

op! {
    /// `subtle_import_jwk(id, key, kind, parts, length)`: a key of `kind`
    /// from its JWK members, base64url strings or `undefined`, in the order
    /// [`jwk_parts`] gives for `kind`. Settles like `subtle_import`.
    fn op_subtle_import_jwk<'s>(scope, id: OpId, key: u64, kind: String, parts: v8::Local<'s, v8::Value>,
        length: Option<u32>) -> Result<(), KodeError>
    {
        let parts = string_list(scope, parts);
        let table = keys::keys(scope);
        run(scope, id, move || {
            let parts = decode_parts(&kind, &parts)?;
            let (imported, info): (KeyRef, OpValue) = match kind.as_str() {
                "secret" => {
                    let k = parts.into_iter().next().flatten();
                    secret(k.ok_or_else(|| data_error("The JWK member \"k\" is missing"))?, length)?
                }
                "RSA" => rsa_key(rsa::import_jwk(parts)?),
                "Ed25519" | "X25519" => (std::sync::Arc::new(okp::import_jwk(&kind, parts)?), no_info()),
                "P-256" | "P-384" => (std::sync::Arc::new(ec::import_jwk(&kind, parts)?), no_info()),
                _ => return Err(not_supported(format!("Cannot import a {kind} key in jwk format"))),
            };
            table.insert_ref(key, imported);
            Ok(info)
        })
    }
}

op! {
    /// `subtle_export(id, key, format)`: the key as "raw", "spki" or "pkcs8"
    /// bytes, or for "jwk" its members as base64url strings (`null` where a
    /// public key has none) in [`jwk_parts`] order.
    fn op_subtle_export<'s>(scope, id: OpId, key: u64, format: String) -> Result<(), KodeError> {
        let key = keys::key(scope, key)?;
        run(scope, id, move || {
            if format == "jwk" {
                return jwk_values(export_jwk(&key)?);
            }
            let bytes = if let Some(Secret(bytes)) = key.downcast_ref::<Secret>() {
                if format != "raw" {
                    return Err(not_supported(format!("Cannot export a secret key in {format} format")));
                }
                bytes.to_vec()
            } else if let Some(rsa) = key.downcast_ref::<RsaKey>() {
                rsa::export(rsa, &format)?
            } else if let Some(ec) = key.downcast_ref::<EcKey>() {
                ec::export(ec, &format)?
            } else {
                okp::export(keys::get::<OkpKey>(&key)?, &format)?
            };
            Ok(OpValue::Bytes(bytes))
        })
    }
}

/// The JWK members that carry a key of `kind`, in the order the jwk ops use.
pub fn jwk_parts(kind: &str) -> &'static [&'static str] {
    match kind {
        "secret" => &["k"],
        "RSA" => &["n", "e", "d", "p", "q", "dp", "dq", "qi"],
        "P-256" | "P-384" => &["x", "y", "d"],
        _ => &["x", "d"],
    }
}

fn export_jwk(key: &KeyRef) -> Result<JwkParts, KodeError> {
    if let Some(Secret(bytes)) = key.downcast_ref::<Secret>() {
        return Ok(vec![Some(Zeroizing::new(bytes.to_vec()))]);
    }
    if let Some(rsa) = key.downcast_ref::<RsaKey>() {
        return rsa::jwk_parts(rsa);
    }
    if let Some(ec) = key.downcast_ref::<EcKey>() {
        return Ok(ec::jwk_parts(ec));
    }
    Ok(okp::jwk_parts(keys::get::<OkpKey>(key)?))
}

fn jwk_values(parts: JwkParts) -> Result<OpValue, KodeError> {
    parts
        .into_iter()
        .map(|part| part.map_or(Ok(OpValue::Null), |bytes| base64url(&bytes)))
        .collect::<Result<_, _>>()
        .map(OpValue::Array)
}

fn no_info() -> OpValue {
    OpValue::Object(Vec::new())
}

fn rsa_key(key: RsaKey) -> (KeyRef, OpValue) {
    let info = rsa::describe(&key);
    (std::sync::Arc::new(key), info)
}

/// A secret key of `bytes`; with `length` (HMAC's), its first `length`
/// bits, which must leave no whole byte of `bytes` unused. The info is its
/// length in bits.
fn secret(bytes: Zeroizing<Vec<u8>>, length: Option<u32>) -> Result<(KeyRef, OpValue), KodeError> {
    let available = bytes.len() * 8;
    let bits = match length {
        None => available,
        Some(bits) if bits as usize > available => {
            return Err(data_error(format!(
                "The length {bits} is longer than the key data ({available} bits)"
            )))
        }
        Some(bits) if bits as usize + 8 <= available => {
            return Err(data_error(format!(
                "The length {bits} leaves whole bytes of the key data ({available} bits) unused"
            )))
        }
        Some(bits) => bits as usize,
    };
    let key = Secret(truncate_bits(bytes, bits as u32));
    let info = OpValue::Object(vec![("length", OpValue::Number(bits as f64))]);
    Ok((std::sync::Arc::new(key), info))
}

/// The strings of a JS array (`None` for anything else, and for a non-array).
fn string_list(scope: &mut v8::PinScope, value: v8::Local<v8::Value>) -> Vec<Option<String>> {
    let Ok(array) = v8::Local::<v8::Array>::try_from(value) else {
        return Vec::new();
    };
    (0..array.length())
        .map(|i| {
            array
                .get_index(scope, i)
                .filter(|item| item.is_string())
                .map(|item| item.to_rust_string_lossy(scope))
        })
        .collect()
}

/// Decodes the base64url members of a JWK of `kind`.
fn decode_parts(kind: &str, parts: &[Option<String>]) -> Result<JwkParts, KodeError> {
    let names = jwk_parts(kind);
    if parts.len() != names.len() {
        return Err(data_error(format!(
            "A {kind} JWK has {} key members, not {}",
            names.len(),
            parts.len()
        )));
    }
    names
        .iter()
        .zip(parts)
        .map(|(name, part)| {
            part.as_deref()
                .map(|value| from_base64url(value, name))
                .transpose()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error<T>(result: Result<T, KodeError>) -> KodeError {
        match result {
            Ok(_) => panic!("expected an error"),
            Err(err) => err,
        }
    }

    #[test]
    fn an_hmac_length_keeps_the_leading_bits_of_the_last_byte_only() {
        let bytes = || Zeroizing::new(vec![0xff; 4]);
        let (key, _) = secret(bytes(), Some(30)).unwrap();
        assert_eq!(
            *keys::get::<Secret>(&key).unwrap().0,
            [0xff, 0xff, 0xff, 0xfc]
        );
        assert!(secret(bytes(), Some(25)).is_ok());
        assert_eq!(error(secret(bytes(), Some(24))).code, "DataError");
        assert_eq!(error(secret(bytes(), Some(33))).code, "DataError");
        assert!(secret(bytes(), None).is_ok());
    }

    #[test]
    fn jwk_parts_must_be_base64url_and_complete() {
        let parts = [Some("AQID".to_string())];
        assert_eq!(
            *decode_parts("secret", &parts).unwrap()[0]
                .as_ref()
                .unwrap()
                .as_slice(),
            [1, 2, 3]
        );
        assert_eq!(
            error(decode_parts("secret", &[Some("AQID=".into())])).code,
            "DataError"
        );
        assert_eq!(error(decode_parts("RSA", &parts)).code, "DataError");
    }
}

//! AES-GCM (`aes-gcm`), AES-CBC with PKCS#7 padding (`cbc`), AES-CTR
//! (`ctr`) and AES-KW (`aes-kw`), all over the `aes` block cipher. The key
//! length (128, 192 or 256 bits) picks the cipher type with [`with_aes!`].

use aes_gcm::aead::consts::{U12, U13, U14, U15, U16};
use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::{AeadInPlace, KeyInit};
use aes_gcm::AesGcm;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, KeyIvInit, StreamCipher};
use subtle::ConstantTimeEq;

use super::keys::{self, not_supported, operation_error, run, KeyRef, Secret};
use crate::error::KodeError;
use crate::ext::args::{op, Bytes};
use crate::tasks::OpId;
use crate::value::OpValue;

/// Runs `$body` with `$c` the `aes` cipher type for a key of `$key`'s length.
macro_rules! with_aes {
    ($key:expr, $c:ident => $body:expr) => {
        match $key.len() {
            16 => {
                type $c = aes::Aes128;
                $body
            }
            24 => {
                type $c = aes::Aes192;
                $body
            }
            32 => {
                type $c = aes::Aes256;
                $body
            }
            n => Err(operation_error(format!(
                "An AES key must be 128, 192 or 256 bits, not {}",
                n * 8
            ))),
        }
    };
}

/// The bytes of a secret key.
fn secret(key: &KeyRef) -> Result<&[u8], KodeError> {
    keys::get::<Secret>(key).map(|Secret(bytes)| bytes.as_slice())
}

// --- AES-GCM -------------------------------------------------------------------

/// AES-GCM encryption (`decrypt` false: ciphertext || tag) or decryption
/// (`OperationError` when the tag does not match). The crate's GCM takes
/// 96..128-bit tags and IVs of a size fixed at compile time: IVs of 12 or 16
/// bytes are supported. A 32- or 64-bit tag is the leading bits of the
/// 128-bit one (NIST SP 800-38D 7.1), so it is checked against a full tag
/// the crate computes over the same ciphertext.
fn gcm(
    key: &[u8],
    decrypt: bool,
    data: &[u8],
    iv: &[u8],
    aad: &[u8],
    tag_bits: u32,
) -> Result<Vec<u8>, KodeError> {
    if ![32, 64, 96, 104, 112, 120, 128].contains(&tag_bits) {
        return Err(operation_error(format!(
            "{tag_bits} is not a valid AES-GCM tag length"
        )));
    }
    let tag_len = tag_bits as usize / 8;
    match iv.len() {
        12 => with_aes!(key, C => gcm_with::<C, U12>(key, decrypt, data, iv, aad, tag_len)),
        16 => with_aes!(key, C => gcm_with::<C, U16>(key, decrypt, data, iv, aad, tag_len)),
        n => Err(not_supported(format!(
            "Kode's AES-GCM takes a 12- or 16-byte IV, not {n} bytes"
        ))),
    }
}

fn gcm_with<C, N>(
    key: &[u8],
    decrypt: bool,
    data: &[u8],
    iv: &[u8],
    aad: &[u8],
    tag_len: usize,
) -> Result<Vec<u8>, KodeError>
where
    C: aes::cipher::BlockCipher
        + aes::cipher::BlockSizeUser<BlockSize = U16>
        + aes::cipher::BlockEncrypt
        + KeyInit,
    N: aes_gcm::aead::generic_array::ArrayLength<u8>,
{
    let nonce = GenericArray::<u8, N>::from_slice(iv);
    let failed = || operation_error("The AES-GCM operation failed");
    if !decrypt {
        let cipher = AesGcm::<C, N>::new_from_slice(key).map_err(|_| failed())?;
        let mut out = data.to_vec();
        let tag = cipher
            .encrypt_in_place_detached(nonce, aad, &mut out)
            .map_err(|_| failed())?;
        out.extend_from_slice(&tag[..tag_len]);
        return Ok(out);
    }
    if data.len() < tag_len {
        return Err(operation_error(
            "The AES-GCM ciphertext is shorter than its tag",
        ));
    }
    let (ciphertext, tag) = data.split_at(data.len() - tag_len);
    let mut out = ciphertext.to_vec();
    macro_rules! detached {
        ($t:ty) => {{
            let cipher = AesGcm::<C, N, $t>::new_from_slice(key).map_err(|_| failed())?;
            cipher
                .decrypt_in_place_detached(nonce, aad, &mut out, GenericArray::from_slice(tag))
                .map_err(|_| failed())?;
        }};
    }
    match tag_len {
        12 => detached!(U12),
        13 => detached!(U13),
        14 => detached!(U14),
        15 => detached!(U15),
        16 => detached!(U16),
        _ => {
            // Encryption is the keystream XOR, so "encrypting" the
            // ciphertext gives the plaintext; encrypting that gives the full
            // tag of the ciphertext. The plaintext is released only if the
            // tag's leading bytes match.
            let cipher = AesGcm::<C, N>::new_from_slice(key).map_err(|_| failed())?;
            cipher
                .encrypt_in_place_detached(nonce, aad, &mut out)
                .map_err(|_| failed())?;
            let mut again = out.clone();
            let full = cipher
                .encrypt_in_place_detached(nonce, aad, &mut again)
                .map_err(|_| failed())?;
            if !bool::from(full[..tag_len].ct_eq(tag)) {
                return Err(failed());
            }
        }
    }
    Ok(out)
}

// --- AES-CBC ---------------------------------------------------------------------

fn cbc(key: &[u8], decrypt: bool, data: &[u8], iv: &[u8]) -> Result<Vec<u8>, KodeError> {
    if iv.len() != 16 {
        return Err(operation_error(format!(
            "The AES-CBC IV must be 16 bytes, not {}",
            iv.len()
        )));
    }
    if decrypt && (data.is_empty() || !data.len().is_multiple_of(16)) {
        return Err(operation_error(
            "The AES-CBC ciphertext is not a whole number of blocks",
        ));
    }
    with_aes!(key, C => {
        let key = GenericArray::from_slice(key);
        let iv = GenericArray::from_slice(iv);
        if decrypt {
            cbc::Decryptor::<C>::new(key, iv)
                .decrypt_padded_vec_mut::<Pkcs7>(data)
                .map_err(|_| operation_error("The AES-CBC padding is not valid"))
        } else {
            Ok(cbc::Encryptor::<C>::new(key, iv).encrypt_padded_vec_mut::<Pkcs7>(data))
        }
    })
}

// --- AES-CTR ---------------------------------------------------------------------

/// AES-CTR where only the rightmost `length` bits of the counter block count
/// (NIST SP 800-38A B.1): they wrap to zero without carrying into the rest.
/// `ctr`'s 128-bit counter does exactly that when `length` is 128; for a
/// shorter counter the data is cut where the counter wraps, and the second
/// part starts again from a zero counter. A message that would reuse a
/// counter value is an `OperationError`.
fn ctr(key: &[u8], data: &[u8], counter: &[u8], length: u32) -> Result<Vec<u8>, KodeError> {
    let Ok(counter) = <[u8; 16]>::try_from(counter) else {
        return Err(operation_error(format!(
            "The AES-CTR counter must be 16 bytes, not {}",
            counter.len()
        )));
    };
    if length == 0 || length > 128 {
        return Err(operation_error(format!(
            "{length} is not a valid AES-CTR counter length (1 to 128)"
        )));
    }
    let blocks = data.len().div_ceil(16) as u128;
    let start = u128::from_be_bytes(counter);
    let mask = if length == 128 {
        u128::MAX
    } else {
        (1u128 << length) - 1
    };
    if length < 128 && blocks > 1u128 << length {
        return Err(operation_error(
            "The data is too long for the AES-CTR counter length: a counter value would repeat",
        ));
    }
    // Blocks before the counter bits wrap (saturates at 2^128 - 1 for a full-width counter).
    let before_wrap = (mask - (start & mask)).saturating_add(1);
    let split = if blocks > before_wrap {
        before_wrap as usize * 16
    } else {
        data.len()
    };
    let mut out = data.to_vec();
    let (first, rest) = out.split_at_mut(split);
    with_aes!(key, C => {
        let key = GenericArray::from_slice(key);
        let failed = |_| operation_error("The AES-CTR operation failed");
        ctr::Ctr128BE::<C>::new(key, &start.to_be_bytes().into()).try_apply_keystream(first).map_err(failed)?;
        let wrapped = (start & !mask).to_be_bytes();
        ctr::Ctr128BE::<C>::new(key, &wrapped.into()).try_apply_keystream(rest).map_err(failed)
    })?;
    Ok(out)
}

// --- AES-KW ------------------------------------------------------------------------

fn kw(key: &[u8], unwrap: bool, data: &[u8]) -> Result<Vec<u8>, KodeError> {
    if !unwrap && !data.len().is_multiple_of(8) {
        return Err(operation_error(
            "AES-KW wraps only a whole number of 64-bit blocks",
        ));
    }
    with_aes!(key, C => {
        let kek = aes_kw::Kek::<C>::new(GenericArray::from_slice(key));
        if unwrap {
            kek.unwrap_vec(data).map_err(|_| operation_error("The AES-KW unwrap failed: the data is not wrapped with this key"))
        } else {
            kek.wrap_vec(data).map_err(|_| operation_error("The AES-KW wrap failed"))
        }
    })
}

// --- ops -----------------------------------------------------------------------------

op! {
    /// `subtle_aes_gcm(id, key, decrypt, data, iv, additionalData, tagLength)`.
    fn op_subtle_aes_gcm<'s>(scope, id: OpId, key: u64, decrypt: bool, data: Bytes, iv: Bytes,
        aad: Option<Bytes>, tag_bits: u32) -> Result<(), KodeError>
    {
        let key = keys::key(scope, key)?;
        run(scope, id, move || {
            let aad = aad.map(|aad| aad.0).unwrap_or_default();
            gcm(secret(&key)?, decrypt, &data.0, &iv.0, &aad, tag_bits).map(OpValue::Bytes)
        })
    }
}

op! {
    /// `subtle_aes_cbc(id, key, decrypt, data, iv)`.
    fn op_subtle_aes_cbc<'s>(scope, id: OpId, key: u64, decrypt: bool, data: Bytes, iv: Bytes)
        -> Result<(), KodeError>
    {
        let key = keys::key(scope, key)?;
        run(scope, id, move || cbc(secret(&key)?, decrypt, &data.0, &iv.0).map(OpValue::Bytes))
    }
}

op! {
    /// `subtle_aes_ctr(id, key, data, counter, length)`: encryption and
    /// decryption are the same keystream XOR.
    fn op_subtle_aes_ctr<'s>(scope, id: OpId, key: u64, data: Bytes, counter: Bytes, length: u32)
        -> Result<(), KodeError>
    {
        let key = keys::key(scope, key)?;
        run(scope, id, move || ctr(secret(&key)?, &data.0, &counter.0, length).map(OpValue::Bytes))
    }
}

op! {
    /// `subtle_aes_kw(id, key, unwrap, data)`: RFC 3394 with the default IV.
    fn op_subtle_aes_kw<'s>(scope, id: OpId, key: u64, unwrap: bool, data: Bytes) -> Result<(), KodeError> {
        let key = keys::key(scope, key)?;
        run(scope, id, move || kw(secret(&key)?, unwrap, &data.0).map(OpValue::Bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unhex(text: &str) -> Vec<u8> {
        hex::decode(text).unwrap()
    }

    #[test]
    fn gcm_short_tags_are_the_leading_bytes_of_the_full_tag() {
        let key = [7u8; 16];
        let iv = [9u8; 12];
        let full = gcm(&key, false, b"attack at dawn", &iv, b"hdr", 128).unwrap();
        for bits in [32, 64, 96, 104, 112, 120] {
            let short = gcm(&key, false, b"attack at dawn", &iv, b"hdr", bits).unwrap();
            assert_eq!(short[..], full[..14 + bits as usize / 8], "{bits}");
            assert_eq!(
                gcm(&key, true, &short, &iv, b"hdr", bits).unwrap(),
                b"attack at dawn"
            );
            let mut bad = short.clone();
            *bad.last_mut().unwrap() ^= 1;
            assert_eq!(
                gcm(&key, true, &bad, &iv, b"hdr", bits).unwrap_err().code,
                "OperationError"
            );
        }
        assert_eq!(
            gcm(&key, false, b"", &iv, b"", 100).unwrap_err().code,
            "OperationError"
        );
        assert_eq!(
            gcm(&key, false, b"", &[0; 8], b"", 128).unwrap_err().code,
            "NotSupportedError"
        );
        assert_eq!(
            gcm(&key, true, &[0; 3], &iv, b"", 32).unwrap_err().code,
            "OperationError"
        );
    }

    #[test]
    fn ctr_counter_bits_wrap_without_carrying() {
        let key = [1u8; 16];
        // A 4-bit counter starting at 0xf: block 2 uses counter ...0, not ...10.
        let mut counter = [0xaau8; 16];
        counter[15] = 0xaf;
        let data = [0u8; 48];
        let out = ctr(&key, &data, &counter, 4).unwrap();
        let mut zeroed = counter;
        zeroed[15] = 0xa0;
        let second = ctr(&key, &data[..16], &zeroed, 4).unwrap();
        assert_eq!(out[16..32], second[..]);
        // 2^4 blocks fit a 4-bit counter, 17 would reuse one.
        assert!(ctr(&key, &[0; 256], &counter, 4).is_ok());
        assert_eq!(
            ctr(&key, &[0; 257], &counter, 4).unwrap_err().code,
            "OperationError"
        );
        // A full-width counter wraps to zero.
        let out = ctr(&key, &[0; 32], &[0xff; 16], 128).unwrap();
        assert_eq!(out[16..], ctr(&key, &[0; 16], &[0; 16], 128).unwrap()[..]);
        assert_eq!(
            ctr(&key, &[], &counter, 0).unwrap_err().code,
            "OperationError"
        );
        assert_eq!(
            ctr(&key, &[], &[0; 15], 64).unwrap_err().code,
            "OperationError"
        );
    }

    #[test]
    fn kw_matches_rfc_3394_4_1() {
        let kek = unhex("000102030405060708090A0B0C0D0E0F");
        let data = unhex("00112233445566778899AABBCCDDEEFF");
        let wrapped = kw(&kek, false, &data).unwrap();
        assert_eq!(
            hex::encode_upper(&wrapped),
            "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"
        );
        assert_eq!(kw(&kek, true, &wrapped).unwrap(), data);
        assert_eq!(
            kw(&kek, false, &data[..12]).unwrap_err().code,
            "OperationError"
        );
    }

    #[test]
    fn cbc_refuses_bad_padding_and_lengths() {
        let key = [3u8; 24];
        let iv = [4u8; 16];
        let ct = cbc(&key, false, b"sixteen byte msg", &iv).unwrap();
        assert_eq!(ct.len(), 32);
        assert_eq!(cbc(&key, true, &ct, &iv).unwrap(), b"sixteen byte msg");
        assert_eq!(
            cbc(&key, true, &ct[..16], &iv).unwrap_err().code,
            "OperationError"
        );
        assert_eq!(
            cbc(&key, true, &[], &iv).unwrap_err().code,
            "OperationError"
        );
        assert_eq!(
            cbc(&key, false, b"", &iv[..8]).unwrap_err().code,
            "OperationError"
        );
    }
}

//! Synchronous ops behind `node:crypto` (Node's API is synchronous where
//! Kode's WebCrypto is not), over the RustCrypto crates the runtime already
//! has: incremental hashes and HMACs (sha1, sha2), PBKDF2, HKDF, and AES in
//! CBC, CTR and GCM modes. Nothing here implements a primitive itself.
//!
//! A hash, HMAC or cipher in progress lives under an id from the run's id
//! space in this isolate's slot (made on first use) until its digest/final
//! or `node_crypto_free`; `crypto.js` frees abandoned ones through a
//! `FinalizationRegistry`.
//!
//! Failures carry a `reason` field ("bad_decrypt", "invalid_keylen"...)
//! that `crypto.js` turns into Node's error code and wording.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecryptMut, BlockEncryptMut, KeyInit, KeyIvInit, StreamCipher};
use aes_gcm::aead::consts::{U12, U13, U14, U15, U16};
use aes_gcm::aead::AeadInPlace;
use aes_gcm::AesGcm;
use cbc::cipher::block_padding::Pkcs7;
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::digest::DynDigest;
use sha2::{Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256};

use crate::error::{codes, KodeError};
use crate::ext::args::{op, Binary};

const OPERATION: &str = "node:crypto";

fn invalid(message: impl Into<String>) -> KodeError {
    KodeError::type_error(codes::EINVALID_ARG, message).operation(OPERATION)
}

/// Node's digest names that the crates provide.
#[derive(Clone, Copy)]
enum Algorithm {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
}

impl Algorithm {
    fn parse(name: &str) -> Option<Algorithm> {
        Some(match name.to_ascii_lowercase().as_str() {
            "sha1" | "sha-1" | "rsa-sha1" => Algorithm::Sha1,
            "sha224" | "sha-224" | "rsa-sha224" => Algorithm::Sha224,
            "sha256" | "sha-256" | "rsa-sha256" => Algorithm::Sha256,
            "sha384" | "sha-384" | "rsa-sha384" => Algorithm::Sha384,
            "sha512" | "sha-512" | "rsa-sha512" => Algorithm::Sha512,
            "sha512-224" | "sha-512/224" | "rsa-sha512/224" => Algorithm::Sha512_224,
            "sha512-256" | "sha-512/256" | "rsa-sha512/256" => Algorithm::Sha512_256,
            _ => return None,
        })
    }

    fn hasher(self) -> Box<dyn DynDigest> {
        match self {
            Algorithm::Sha1 => Box::new(Sha1::default()),
            Algorithm::Sha224 => Box::new(Sha224::default()),
            Algorithm::Sha256 => Box::new(Sha256::default()),
            Algorithm::Sha384 => Box::new(Sha384::default()),
            Algorithm::Sha512 => Box::new(Sha512::default()),
            Algorithm::Sha512_224 => Box::new(Sha512_224::default()),
            Algorithm::Sha512_256 => Box::new(Sha512_256::default()),
        }
    }
}

fn algorithm(name: &str) -> Result<Algorithm, KodeError> {
    Algorithm::parse(name).ok_or_else(|| invalid(format!("Digest method not supported: {name}")))
}

/// Runs `$body` with `$D` bound to the digest type of `$alg`.
macro_rules! with_digest {
    ($alg:expr, $D:ident => $body:expr) => {
        match $alg {
            Algorithm::Sha1 => {
                type $D = Sha1;
                $body
            }
            Algorithm::Sha224 => {
                type $D = Sha224;
                $body
            }
            Algorithm::Sha256 => {
                type $D = Sha256;
                $body
            }
            Algorithm::Sha384 => {
                type $D = Sha384;
                $body
            }
            Algorithm::Sha512 => {
                type $D = Sha512;
                $body
            }
            Algorithm::Sha512_224 => {
                type $D = Sha512_224;
                $body
            }
            Algorithm::Sha512_256 => {
                type $D = Sha512_256;
                $body
            }
        }
    };
}

enum HmacState {
    Sha1(Hmac<Sha1>),
    Sha224(Hmac<Sha224>),
    Sha256(Hmac<Sha256>),
    Sha384(Hmac<Sha384>),
    Sha512(Hmac<Sha512>),
    Sha512_224(Hmac<Sha512_224>),
    Sha512_256(Hmac<Sha512_256>),
}

macro_rules! each_hmac {
    ($state:expr, $m:ident => $body:expr) => {
        match $state {
            HmacState::Sha1($m) => $body,
            HmacState::Sha224($m) => $body,
            HmacState::Sha256($m) => $body,
            HmacState::Sha384($m) => $body,
            HmacState::Sha512($m) => $body,
            HmacState::Sha512_224($m) => $body,
            HmacState::Sha512_256($m) => $body,
        }
    };
}

impl HmacState {
    fn new(alg: Algorithm, key: &[u8]) -> HmacState {
        // HMAC takes keys of any length, so this never fails.
        macro_rules! hmac {
            ($variant:ident, $D:ty) => {
                HmacState::$variant(
                    <Hmac<$D> as Mac>::new_from_slice(key).expect("HMAC accepts any key length"),
                )
            };
        }
        match alg {
            Algorithm::Sha1 => hmac!(Sha1, Sha1),
            Algorithm::Sha224 => hmac!(Sha224, Sha224),
            Algorithm::Sha256 => hmac!(Sha256, Sha256),
            Algorithm::Sha384 => hmac!(Sha384, Sha384),
            Algorithm::Sha512 => hmac!(Sha512, Sha512),
            Algorithm::Sha512_224 => hmac!(Sha512_224, Sha512_224),
            Algorithm::Sha512_256 => hmac!(Sha512_256, Sha512_256),
        }
    }
}

/// AES key sizes.
#[derive(Clone, Copy)]
enum Aes {
    A128,
    A192,
    A256,
}

macro_rules! with_aes {
    ($aes:expr, $C:ident => $body:expr) => {
        match $aes {
            Aes::A128 => {
                type $C = aes::Aes128;
                $body
            }
            Aes::A192 => {
                type $C = aes::Aes192;
                $body
            }
            Aes::A256 => {
                type $C = aes::Aes256;
                $body
            }
        }
    };
}

enum Mode {
    Cbc,
    Ctr,
    Gcm,
}

/// A cipher in progress. CBC keeps the bytes of an unfinished block (and,
/// decrypting, the last whole block, which may hold the padding); CTR
/// streams; GCM gathers its input and runs once at final (the crate's AEAD
/// is one-shot), so its output all comes from final().
struct CipherState {
    aes: Aes,
    mode: Mode,
    decrypt: bool,
    key: Vec<u8>,
    iv: Vec<u8>,
    pending: Vec<u8>,
    /// The CBC chaining value (the previous ciphertext block).
    chain: Vec<u8>,
    ctr: Option<Box<dyn StreamCipher>>,
    padding: bool,
    aad: Vec<u8>,
    tag: Option<Vec<u8>>,
    tag_len: usize,
}

fn cbc_blocks(state: &mut CipherState, blocks: &[u8]) -> Vec<u8> {
    let mut out = blocks.to_vec();
    with_aes!(state.aes, C => {
        let key = GenericArray::from_slice(&state.key);
        let iv = GenericArray::from_slice(&state.chain);
        if state.decrypt {
            let mut cipher = cbc::Decryptor::<C>::new(key, iv);
            for block in out.chunks_mut(16) {
                cipher.decrypt_block_mut(GenericArray::from_mut_slice(block));
            }
        } else {
            let mut cipher = cbc::Encryptor::<C>::new(key, iv);
            for block in out.chunks_mut(16) {
                cipher.encrypt_block_mut(GenericArray::from_mut_slice(block));
            }
        }
    });
    // The next chaining value is the last ciphertext block.
    let last = if state.decrypt { blocks } else { &out[..] };
    if last.len() >= 16 {
        state.chain = last[last.len() - 16..].to_vec();
    }
    out
}

impl CipherState {
    fn update(&mut self, data: &[u8]) -> Vec<u8> {
        match self.mode {
            Mode::Ctr => {
                let mut out = data.to_vec();
                self.ctr
                    .as_mut()
                    .expect("CTR has its keystream")
                    .apply_keystream(&mut out);
                out
            }
            Mode::Gcm => {
                self.pending.extend_from_slice(data);
                Vec::new()
            }
            Mode::Cbc => {
                self.pending.extend_from_slice(data);
                let mut whole = self.pending.len() / 16 * 16;
                // Decrypting with padding: keep the last block for final().
                if self.decrypt && self.padding && whole == self.pending.len() && whole > 0 {
                    whole -= 16;
                }
                let blocks: Vec<u8> = self.pending.drain(..whole).collect();
                if blocks.is_empty() {
                    return Vec::new();
                }
                cbc_blocks(self, &blocks)
            }
        }
    }

    fn finish(&mut self) -> Result<Vec<u8>, KodeError> {
        match self.mode {
            Mode::Ctr => Ok(Vec::new()),
            Mode::Cbc => {
                let rest = std::mem::take(&mut self.pending);
                if !self.padding {
                    if !rest.is_empty() {
                        return Err(invalid("wrong final block length")
                            .field("reason", "wrong_final_block_length"));
                    }
                    return Ok(Vec::new());
                }
                with_aes!(self.aes, C => {
                    let key = GenericArray::from_slice(&self.key);
                    let iv = GenericArray::from_slice(&self.chain);
                    if self.decrypt {
                        if rest.len() != 16 {
                            return Err(invalid("wrong final block length").field("reason", "wrong_final_block_length"));
                        }
                        cbc::Decryptor::<C>::new(key, iv)
                            .decrypt_padded_vec_mut::<Pkcs7>(&rest)
                            .map_err(|_| invalid("bad decrypt").field("reason", "bad_decrypt"))
                    } else {
                        Ok(cbc::Encryptor::<C>::new(key, iv).encrypt_padded_vec_mut::<Pkcs7>(&rest))
                    }
                })
            }
            Mode::Gcm => self.gcm(),
        }
    }

    fn gcm(&mut self) -> Result<Vec<u8>, KodeError> {
        let data = std::mem::take(&mut self.pending);
        let failed = || {
            invalid("Unsupported state or unable to authenticate data").field("reason", "gcm_auth")
        };
        let mut out = data;
        macro_rules! run {
            ($N:ty) => {{
                let nonce = GenericArray::<u8, $N>::from_slice(&self.iv);
                with_aes!(self.aes, C => {
                    if !self.decrypt {
                        let cipher = AesGcm::<C, $N>::new_from_slice(&self.key).map_err(|_| failed())?;
                        let tag = cipher
                            .encrypt_in_place_detached(nonce, &self.aad, &mut out)
                            .map_err(|_| failed())?;
                        self.tag = Some(tag[..self.tag_len].to_vec());
                    } else {
                        let Some(tag) = self.tag.clone() else {
                            return Err(failed());
                        };
                        macro_rules! detached {
                            ($T:ty) => {{
                                let cipher = AesGcm::<C, $N, $T>::new_from_slice(&self.key).map_err(|_| failed())?;
                                cipher
                                    .decrypt_in_place_detached(nonce, &self.aad, &mut out, GenericArray::from_slice(&tag))
                                    .map_err(|_| failed())?;
                            }};
                        }
                        match tag.len() {
                            12 => detached!(U12),
                            13 => detached!(U13),
                            14 => detached!(U14),
                            15 => detached!(U15),
                            16 => detached!(U16),
                            _ => return Err(failed()),
                        }
                    }
                })
            }};
        }
        match self.iv.len() {
            12 => run!(U12),
            16 => run!(U16),
            _ => {
                return Err(
                    invalid("GCM takes a 12 or 16 byte IV here").field("reason", "invalid_iv")
                )
            }
        }
        Ok(out)
    }
}

enum State {
    Hash(Box<dyn DynDigest>),
    Hmac(Box<HmacState>),
    Cipher(Box<CipherState>),
}

#[derive(Default)]
struct States(Rc<RefCell<HashMap<u64, State>>>);

fn states(scope: &mut v8::PinScope) -> Rc<RefCell<HashMap<u64, State>>> {
    if scope.get_slot::<States>().is_none() {
        scope.set_slot(States::default());
    }
    scope.get_slot::<States>().expect("just set").0.clone()
}

fn insert<'s>(scope: &mut v8::PinScope<'s, '_>, state: State) -> v8::Local<'s, v8::Number> {
    let id = crate::resources::table(scope).borrow_mut().next_id();
    states(scope).borrow_mut().insert(id, state);
    v8::Number::new(scope, id as f64)
}

fn closed() -> KodeError {
    invalid("The crypto object has finished").field("reason", "hash_finalized")
}

op! {
    /// `node_crypto_hash_new(algorithm)` → an id; `hmacKey` makes an HMAC.
    fn op_node_crypto_hash_new<'s>(scope, name: String, hmac_key: Option<Binary>) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        let alg = algorithm(&name)?;
        let state = match hmac_key {
            Some(key) => State::Hmac(Box::new(HmacState::new(alg, &key.0))),
            None => State::Hash(alg.hasher()),
        };
        Ok(insert(scope, state))
    }
}

op! {
    /// `node_crypto_hash_update(id, data)`.
    fn op_node_crypto_hash_update<'s>(scope, id: u64, data: Binary) -> Result<(), KodeError> {
        let states = states(scope);
        let mut states = states.borrow_mut();
        match states.get_mut(&id) {
            Some(State::Hash(h)) => h.update(&data.0),
            Some(State::Hmac(m)) => each_hmac!(&mut **m, mac => Mac::update(mac, &data.0)),
            _ => return Err(closed()),
        }
        Ok(())
    }
}

op! {
    /// `node_crypto_hash_digest(id)` → the digest; the state is gone after.
    fn op_node_crypto_hash_digest<'s>(scope, id: u64) -> Result<Vec<u8>, KodeError> {
        let state = states(scope).borrow_mut().remove(&id);
        match state {
            Some(State::Hash(h)) => Ok(h.finalize().to_vec()),
            Some(State::Hmac(m)) => Ok(each_hmac!(*m, mac => mac.finalize().into_bytes().to_vec())),
            _ => Err(closed()),
        }
    }
}

op! {
    /// `node_crypto_hash_copy(id)` → a new id with the same hash state.
    fn op_node_crypto_hash_copy<'s>(scope, id: u64) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        let copy = match states(scope).borrow().get(&id) {
            Some(State::Hash(h)) => State::Hash(h.box_clone()),
            _ => return Err(closed()),
        };
        Ok(insert(scope, copy))
    }
}

op! {
    /// `node_crypto_pbkdf2(digest, password, salt, iterations, keylen)`.
    fn op_node_crypto_pbkdf2<'s>(scope, name: String, password: Binary, salt: Binary, iterations: u32, keylen: u32) -> Result<Vec<u8>, KodeError> {
        let _ = &scope;
        let alg = algorithm(&name)?;
        let mut out = vec![0u8; keylen as usize];
        with_digest!(alg, D => pbkdf2::pbkdf2_hmac::<D>(&password.0, &salt.0, iterations, &mut out));
        Ok(out)
    }
}

op! {
    /// `node_crypto_hkdf(digest, ikm, salt, info, keylen)`.
    fn op_node_crypto_hkdf<'s>(scope, name: String, ikm: Binary, salt: Binary, info: Binary, keylen: u32) -> Result<Vec<u8>, KodeError> {
        let _ = &scope;
        let alg = algorithm(&name)?;
        let mut out = vec![0u8; keylen as usize];
        let too_long = || {
            KodeError::range_error(codes::EINVALID_ARG, "Invalid key length").field("reason", "invalid_keylen").operation(OPERATION)
        };
        with_digest!(alg, D => hkdf::Hkdf::<D>::new(Some(&salt.0), &ikm.0).expand(&info.0, &mut out).map_err(|_| too_long())?);
        Ok(out)
    }
}

op! {
    /// `node_crypto_cipher_new(name, key, iv, decrypt, authTagLength)` → an
    /// id, for aes-{128,192,256}-{cbc,ctr,gcm}.
    fn op_node_crypto_cipher_new<'s>(scope, name: String, key: Binary, iv: Binary, decrypt: bool, tag_len: u32) -> Result<v8::Local<'s, v8::Number>, KodeError> {
        let lower = name.to_ascii_lowercase();
        let (aes, mode) = match lower.as_str() {
            "aes-128-cbc" | "aes128" => (Aes::A128, Mode::Cbc),
            "aes-192-cbc" | "aes192" => (Aes::A192, Mode::Cbc),
            "aes-256-cbc" | "aes256" => (Aes::A256, Mode::Cbc),
            "aes-128-ctr" => (Aes::A128, Mode::Ctr),
            "aes-192-ctr" => (Aes::A192, Mode::Ctr),
            "aes-256-ctr" => (Aes::A256, Mode::Ctr),
            "aes-128-gcm" | "id-aes128-gcm" => (Aes::A128, Mode::Gcm),
            "aes-192-gcm" | "id-aes192-gcm" => (Aes::A192, Mode::Gcm),
            "aes-256-gcm" | "id-aes256-gcm" => (Aes::A256, Mode::Gcm),
            _ => return Err(invalid("Unknown cipher").field("reason", "unknown_cipher")),
        };
        let key_len = match aes {
            Aes::A128 => 16,
            Aes::A192 => 24,
            Aes::A256 => 32,
        };
        if key.0.len() != key_len {
            return Err(KodeError::range_error(codes::EINVALID_ARG, "Invalid key length").field("reason", "invalid_keylen").operation(OPERATION));
        }
        let iv_ok = match mode {
            Mode::Cbc | Mode::Ctr => iv.0.len() == 16,
            Mode::Gcm => !iv.0.is_empty(),
        };
        if !iv_ok {
            return Err(invalid("Invalid initialization vector").field("reason", "invalid_iv"));
        }
        let ctr: Option<Box<dyn StreamCipher>> = match mode {
            Mode::Ctr => Some(with_aes!(aes, C => Box::new(ctr::Ctr128BE::<C>::new(GenericArray::from_slice(&key.0), GenericArray::from_slice(&iv.0))) as Box<dyn StreamCipher>)),
            _ => None,
        };
        let state = CipherState {
            aes,
            mode,
            decrypt,
            chain: iv.0.clone(),
            key: key.0,
            iv: iv.0,
            pending: Vec::new(),
            ctr,
            padding: true,
            aad: Vec::new(),
            tag: None,
            tag_len: if tag_len == 0 { 16 } else { tag_len as usize },
        };
        Ok(insert(scope, State::Cipher(Box::new(state))))
    }
}

fn with_cipher<R>(
    scope: &mut v8::PinScope,
    id: u64,
    f: impl FnOnce(&mut CipherState) -> Result<R, KodeError>,
) -> Result<R, KodeError> {
    let states = states(scope);
    let mut states = states.borrow_mut();
    match states.get_mut(&id) {
        Some(State::Cipher(c)) => f(c),
        _ => Err(invalid("The cipher has finished").field("reason", "invalid_state")),
    }
}

op! {
    /// `node_crypto_cipher_update(id, data)` → output so far.
    fn op_node_crypto_cipher_update<'s>(scope, id: u64, data: Binary) -> Result<Vec<u8>, KodeError> {
        with_cipher(scope, id, |c| Ok(c.update(&data.0)))
    }
}

op! {
    /// `node_crypto_cipher_final(id)` → the last output. The state stays
    /// (for getAuthTag) until `node_crypto_free`.
    fn op_node_crypto_cipher_final<'s>(scope, id: u64) -> Result<Vec<u8>, KodeError> {
        with_cipher(scope, id, |c| c.finish())
    }
}

op! {
    /// `node_crypto_cipher_set(id, what, value)`: "aad", "tag" (bytes) or
    /// "padding" (a one-byte flag).
    fn op_node_crypto_cipher_set<'s>(scope, id: u64, what: String, value: Binary) -> Result<(), KodeError> {
        with_cipher(scope, id, |c| {
            match what.as_str() {
                "aad" => c.aad.extend_from_slice(&value.0),
                "tag" => c.tag = Some(value.0),
                "padding" => c.padding = value.0.first().copied().unwrap_or(1) != 0,
                _ => return Err(invalid(format!("unknown cipher setting {what}"))),
            }
            Ok(())
        })
    }
}

op! {
    /// `node_crypto_cipher_tag(id)` → GCM's tag after final, else undefined.
    fn op_node_crypto_cipher_tag<'s>(scope, id: u64) -> Result<Option<Vec<u8>>, KodeError> {
        with_cipher(scope, id, |c| Ok(if c.decrypt { None } else { c.tag.clone() }))
    }
}

op! {
    /// `node_crypto_free(id)`: drops a hash, HMAC or cipher, if there is one.
    fn op_node_crypto_free<'s>(scope, id: u64) -> Result<(), KodeError> {
        states(scope).borrow_mut().remove(&id);
        Ok(())
    }
}

// crypto.js: node:crypto over the RustCrypto crates Kode already carries
// (synchronous ops/node_crypto_*, as Node's API is synchronous) and Kode's
// WebCrypto (webcrypto, subtle, getRandomValues). Hashes: sha1 and the
// sha2 family; HMAC over them; PBKDF2; HKDF; AES-CBC/CTR/GCM ciphers.
// What needs primitives Kode does not carry (md5, sha3, scrypt, RSA/EC keys
// and signatures, Diffie-Hellman, X.509) throws ENODE_UNSUPPORTED.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, nextTick, unsupported, unsupportedFunction, outOfRange } = support;
  const { Buffer } = support.builtin("node:buffer");
  const { Transform } = support.builtin("node:stream");

  const webcrypto = globalThis.crypto;

  // Hashes, HMACs and ciphers the runtime has; the names Node lists for them.
  const HASHES = ["RSA-SHA1", "RSA-SHA224", "RSA-SHA256", "RSA-SHA384", "RSA-SHA512", "RSA-SHA512/224", "RSA-SHA512/256",
    "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256"];
  const CIPHERS = ["aes-128-cbc", "aes-128-ctr", "aes-128-gcm", "aes-192-cbc", "aes-192-ctr", "aes-192-gcm",
    "aes-256-cbc", "aes-256-ctr", "aes-256-gcm", "aes128", "aes192", "aes256", "id-aes128-GCM", "id-aes192-GCM",
    "id-aes256-GCM"];
  // Digests Node has that need a crate Kode does not carry.
  const MISSING_DIGESTS = /^(rsa-)?(md5|md4|md5-sha1|ripemd|ripemd160|rmd160|sha3-\d+|shake\d+|blake2[bs]\d+|sm3|ssl3-(md5|sha1))$/i;

  const registry = new FinalizationRegistry((id) => ops.node_crypto_free(id));
  const kHandle = Symbol("kHandle");
  const kState = Symbol("kState");

  // A class Node has that Kode does not: `new` throws ENODE_UNSUPPORTED
  // (a method would throw "not a constructor" instead).
  function unsupportedClass(name) {
    const short = name.slice(name.lastIndexOf(".") + 1);
    return {
      [short]: function () {
        throw unsupported(name);
      },
    }[short];
  }

  const finalized = () => nodeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");

  // An error from the ops: Node's code and wording for its `reason`.
  function cryptoError(err) {
    switch (err?.reason) {
      case "bad_decrypt":
      case "wrong_final_block_length": {
        const reason = err.reason.replaceAll("_", " ");
        const id = err.reason === "bad_decrypt" ? "1C800064" : "1C80006B";
        const error = new Error(`error:${id}:Provider routines::${reason}`);
        const code = err.reason === "bad_decrypt" ? "ERR_OSSL_BAD_DECRYPT" : "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH";
        Object.assign(error, { library: "Provider routines", reason, code });
        return error;
      }
      case "gcm_auth":
        return new Error("Unsupported state or unable to authenticate data");
      case "invalid_keylen":
        return nodeError(RangeError, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
      case "invalid_iv":
        return nodeError(TypeError, "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
      case "unknown_cipher":
        return nodeError(Error, "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher");
      case "hash_finalized":
        return finalized();
      case "invalid_state":
        return nodeError(Error, "ERR_CRYPTO_INVALID_STATE", err.message);
      default:
        return err;
    }
  }

  function call(fn) {
    try {
      return fn();
    } catch (err) {
      throw cryptoError(err);
    }
  }

  // Data for update()/digest inputs: a string in `encoding`, or bytes.
  function toBytes(data, encoding, name = "data") {
    if (typeof data === "string") return Buffer.from(data, encoding || "utf8");
    if (ArrayBuffer.isView(data)) return data;
    throw invalidArgType(name, "of type string or an instance of Buffer, TypedArray, or DataView", data);
  }

  // Keys, passwords and salts: strings, ArrayBuffers or views.
  function toKeyBytes(value, name) {
    if (typeof value === "string") return Buffer.from(value);
    if (ArrayBuffer.isView(value)) return value;
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)) {
      return new Uint8Array(value);
    }
    if (value instanceof KeyObject) return value[kHandle];
    throw invalidArgType(name, "of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView", value);
  }

  function encode(bytes, encoding) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return encoding && encoding !== "buffer" ? buf.toString(encoding) : buf;
  }

  function checkDigestName(name) {
    if (MISSING_DIGESTS.test(name)) throw unsupported(`crypto digest '${name}'`);
  }

  // --- Hash and Hmac: Transform streams as in Node ------------------------------

  function Hash(algorithm, options) {
    if (!(this instanceof Hash)) return new Hash(algorithm, options);
    if (!(algorithm instanceof Hash)) {
      if (typeof algorithm !== "string") throw invalidArgType("algorithm", "of type string", algorithm);
      checkDigestName(algorithm);
      if (options?.outputLength !== undefined) throw unsupported("crypto.createHash (outputLength)");
      try {
        this[kHandle] = ops.node_crypto_hash_new(algorithm);
      } catch {
        throw new Error("Digest method not supported");
      }
    } else {
      this[kHandle] = call(() => ops.node_crypto_hash_copy(algorithm[kHandle]));
    }
    registry.register(this, this[kHandle], this);
    this[kState] = { finalized: false };
    Reflect.apply(Transform, this, [options]);
  }
  Object.setPrototypeOf(Hash.prototype, Transform.prototype);
  Object.setPrototypeOf(Hash, Transform);

  Hash.prototype.copy = function copy(options) {
    if (this[kState].finalized) throw finalized();
    return new Hash(this, options);
  };

  Hash.prototype._transform = function _transform(chunk, encoding, callback) {
    this.update(chunk, encoding);
    callback();
  };

  Hash.prototype._flush = function _flush(callback) {
    this.push(this.digest());
    callback();
  };

  Hash.prototype.update = function update(data, encoding) {
    if (this[kState].finalized) throw finalized();
    const bytes = toBytes(data, encoding);
    ops.node_crypto_hash_update(this[kHandle], bytes);
    return this;
  };

  Hash.prototype.digest = function digest(outputEncoding) {
    if (this[kState].finalized) throw finalized();
    this[kState].finalized = true;
    registry.unregister(this);
    return encode(ops.node_crypto_hash_digest(this[kHandle]), outputEncoding);
  };

  function Hmac(hmac, key, options) {
    if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
    if (typeof hmac !== "string") throw invalidArgType("hmac", "of type string", hmac);
    checkDigestName(hmac);
    const keyBytes = toKeyBytes(key, "key");
    try {
      this[kHandle] = ops.node_crypto_hash_new(hmac, keyBytes);
    } catch {
      throw nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${hmac}`);
    }
    registry.register(this, this[kHandle], this);
    this[kState] = { finalized: false };
    Reflect.apply(Transform, this, [options]);
  }
  Object.setPrototypeOf(Hmac.prototype, Transform.prototype);
  Object.setPrototypeOf(Hmac, Transform);

  Hmac.prototype.update = Hash.prototype.update;
  // A second digest() gives an empty result, as Node's Hmac does.
  Hmac.prototype.digest = function digest(outputEncoding) {
    if (this[kState].finalized) {
      const empty = Buffer.alloc(0);
      return outputEncoding && outputEncoding !== "buffer" ? empty.toString(outputEncoding) : empty;
    }
    this[kState].finalized = true;
    registry.unregister(this);
    return encode(ops.node_crypto_hash_digest(this[kHandle]), outputEncoding);
  };
  Hmac.prototype._flush = Hash.prototype._flush;
  Hmac.prototype._transform = Hash.prototype._transform;

  function createHash(algorithm, options) {
    return new Hash(algorithm, options);
  }

  function createHmac(hmac, key, options) {
    return new Hmac(hmac, key, options);
  }

  // crypto.hash(algorithm, data, outputEncoding = 'hex') (Node 21.7, 20.12).
  function hash(algorithm, input, outputEncoding = "hex") {
    if (typeof algorithm !== "string") throw invalidArgType("algorithm", "of type string", algorithm);
    if (typeof input !== "string" && !ArrayBuffer.isView(input)) {
      throw invalidArgType("input", "of type string or an instance of Buffer, TypedArray, or DataView", input);
    }
    return new Hash(algorithm).update(input).digest(outputEncoding);
  }

  // --- ciphers -------------------------------------------------------------------

  function toIv(iv) {
    if (iv === null) return new Uint8Array(0);
    return toKeyBytes(iv, "iv");
  }

  function CipherBase(decrypt, cipher, key, iv, options) {
    if (typeof cipher !== "string") throw invalidArgType("cipher", "of type string", cipher);
    const keyBytes = toKeyBytes(key, "key");
    const ivBytes = toIv(iv);
    const authTagLength = options?.authTagLength;
    if (authTagLength !== undefined && (!Number.isInteger(authTagLength) || authTagLength < 4 || authTagLength > 16)) {
      throw nodeError(TypeError, "ERR_CRYPTO_INVALID_AUTH_TAG", `Invalid authentication tag length: ${authTagLength}`);
    }
    this[kHandle] = call(() => ops.node_crypto_cipher_new(cipher, keyBytes, ivBytes, decrypt, authTagLength ?? 0));
    registry.register(this, this[kHandle], this);
    this[kState] = { decrypt, finalized: false, decoder: null, authTagLength: authTagLength ?? 16 };
    Reflect.apply(Transform, this, [options]);
  }
  Object.setPrototypeOf(CipherBase.prototype, Transform.prototype);
  Object.setPrototypeOf(CipherBase, Transform);

  function output(self, bytes, outputEncoding) {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!outputEncoding || outputEncoding === "buffer") return buf;
    // Text out: multi-byte characters may straddle update() calls.
    const state = self[kState];
    if (state.decoder === null || state.decoder.encoding !== outputEncoding) {
      const { StringDecoder } = support.builtin("node:string_decoder");
      state.decoder = new StringDecoder(outputEncoding);
      state.decoder.encoding = outputEncoding;
    }
    return state.decoder.write(buf);
  }

  CipherBase.prototype.update = function update(data, inputEncoding, outputEncoding) {
    if (this[kState].finalized) throw nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation update");
    const bytes = toBytes(data, inputEncoding);
    return output(this, call(() => ops.node_crypto_cipher_update(this[kHandle], bytes)), outputEncoding);
  };

  CipherBase.prototype.final = function final(outputEncoding) {
    if (this[kState].finalized) throw new Error("Unsupported state");
    this[kState].finalized = true;
    const bytes = call(() => ops.node_crypto_cipher_final(this[kHandle]));
    let result = output(this, bytes, outputEncoding);
    if (typeof result === "string" && this[kState].decoder) result += this[kState].decoder.end();
    return result;
  };

  CipherBase.prototype.setAutoPadding = function setAutoPadding(autoPadding = true) {
    if (this[kState].finalized) throw nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation setAutoPadding");
    ops.node_crypto_cipher_set(this[kHandle], "padding", new Uint8Array([autoPadding ? 1 : 0]));
    return this;
  };

  CipherBase.prototype.setAAD = function setAAD(buffer, options) {
    if (this[kState].finalized) throw nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation setAAD");
    ops.node_crypto_cipher_set(this[kHandle], "aad", toBytes(buffer, undefined, "buffer"));
    return this;
  };

  CipherBase.prototype._transform = function _transform(chunk, encoding, callback) {
    this.push(this.update(chunk, encoding));
    callback();
  };

  CipherBase.prototype._flush = function _flush(callback) {
    try {
      this.push(this.final());
    } catch (err) {
      callback(err);
      return;
    }
    callback();
  };

  function Cipheriv(cipher, key, iv, options) {
    if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
    Reflect.apply(CipherBase, this, [false, cipher, key, iv, options]);
  }
  Object.setPrototypeOf(Cipheriv.prototype, CipherBase.prototype);
  Object.setPrototypeOf(Cipheriv, CipherBase);

  Cipheriv.prototype.getAuthTag = function getAuthTag() {
    const tag = this[kState].finalized ? ops.node_crypto_cipher_tag(this[kHandle]) : undefined;
    if (tag === undefined) throw nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation getAuthTag");
    return Buffer.from(tag.buffer, tag.byteOffset, tag.byteLength);
  };

  function Decipheriv(cipher, key, iv, options) {
    if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
    Reflect.apply(CipherBase, this, [true, cipher, key, iv, options]);
  }
  Object.setPrototypeOf(Decipheriv.prototype, CipherBase.prototype);
  Object.setPrototypeOf(Decipheriv, CipherBase);

  Decipheriv.prototype.setAuthTag = function setAuthTag(tagbuf, encoding) {
    if (this[kState].finalized) throw nodeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation setAuthTag");
    const tag = toBytes(tagbuf, encoding, "buffer");
    if (tag.byteLength < 12 || tag.byteLength > 16) {
      throw nodeError(TypeError, "ERR_CRYPTO_INVALID_AUTH_TAG", `Invalid authentication tag length: ${tag.byteLength}`);
    }
    ops.node_crypto_cipher_set(this[kHandle], "tag", tag);
    return this;
  };

  function createCipheriv(cipher, key, iv, options) {
    return new Cipheriv(cipher, key, iv, options);
  }

  function createDecipheriv(cipher, key, iv, options) {
    return new Decipheriv(cipher, key, iv, options);
  }

  // --- key derivation ------------------------------------------------------------

  function checkInt(value, name, min, max) {
    if (typeof value !== "number") throw invalidArgType(name, "of type number", value);
    if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }

  function checkDigest(digest) {
    if (typeof digest !== "string") throw invalidArgType("digest", "of type string", digest);
    checkDigestName(digest);
  }

  function invalidDigest(digest) {
    return nodeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${digest}`);
  }

  function pbkdf2Sync(password, salt, iterations, keylen, digest) {
    const pw = toKeyBytes(password, "password");
    const s = toKeyBytes(salt, "salt");
    checkInt(iterations, "iterations", 1, 2147483647);
    checkInt(keylen, "keylen", 0, 2147483647);
    checkDigest(digest);
    let out;
    try {
      out = ops.node_crypto_pbkdf2(digest, pw, s, iterations, keylen);
    } catch {
      throw invalidDigest(digest);
    }
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  }

  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    if (typeof digest === "function") {
      callback = digest;
      digest = undefined;
    }
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    const key = pbkdf2Sync(password, salt, iterations, keylen, digest);
    setTimeout(() => callback(null, key), 0);
  }

  const HASH_SIZES = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64, "sha512-224": 28, "sha512-256": 32 };

  function hkdfSync(digest, ikm, salt, info, keylen) {
    checkDigest(digest);
    const key = toKeyBytes(ikm, "ikm");
    const s = toKeyBytes(salt, "salt");
    const i = toKeyBytes(info, "info");
    checkInt(keylen, "length", 0, 2147483647);
    if (i.byteLength > 1024) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE", "The value of \"info\" is out of range. It must not contain more than 1024 bytes. Received " + i.byteLength);
    }
    const size = HASH_SIZES[digest.toLowerCase()];
    if (size === undefined) throw invalidDigest(digest);
    if (keylen > 255 * size) throw nodeError(RangeError, "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
    const out = call(() => ops.node_crypto_hkdf(digest, key, s, i, keylen));
    // Node's hkdf gives an ArrayBuffer.
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
  }

  function hkdf(digest, ikm, salt, info, keylen, callback) {
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    const key = hkdfSync(digest, ikm, salt, info, keylen);
    setTimeout(() => callback(null, key), 0);
  }

  // --- randomness ------------------------------------------------------------------

  // getRandomValues fills at most 65536 bytes a call.
  function fillRandom(bytes) {
    for (let offset = 0; offset < bytes.length; offset += 65536) {
      webcrypto.getRandomValues(bytes.subarray(offset, Math.min(offset + 65536, bytes.length)));
    }
    return bytes;
  }

  function checkSize(size, name = "size", max = 2147483647) {
    if (typeof size !== "number") throw invalidArgType(name, "of type number", size);
    if (!(size >= 0 && size <= max) || Number.isNaN(size)) throw outOfRange(name, `>= 0 && <= ${max}`, size);
  }

  function randomBytes(size, callback) {
    checkSize(size);
    if (callback !== undefined && typeof callback !== "function") {
      throw invalidArgType("callback", "of type function", callback);
    }
    const buf = Buffer.alloc(Math.floor(size));
    fillRandom(buf);
    if (callback === undefined) return buf;
    setTimeout(() => callback(null, buf), 0);
  }

  function viewBytes(buf, name) {
    if (ArrayBuffer.isView(buf)) return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    if (buf instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && buf instanceof SharedArrayBuffer)) {
      return new Uint8Array(buf);
    }
    throw invalidArgType(name, "an instance of ArrayBuffer or ArrayBufferView", buf);
  }

  function fillRange(buf, offset, size) {
    const bytes = viewBytes(buf, "buf");
    const elementSize = buf.BYTES_PER_ELEMENT || 1;
    offset = offset === undefined ? 0 : offset;
    checkSize(offset, "offset", bytes.length / elementSize);
    offset *= elementSize;
    if (size === undefined) size = bytes.length - offset;
    else {
      checkSize(size, "size", (bytes.length - offset) / elementSize);
      size *= elementSize;
    }
    fillRandom(bytes.subarray(offset, offset + size));
  }

  function randomFillSync(buf, offset = 0, size) {
    fillRange(buf, offset, size);
    return buf;
  }

  function randomFill(buf, offset, size, callback) {
    if (typeof offset === "function") {
      callback = offset;
      offset = 0;
      size = undefined;
    } else if (typeof size === "function") {
      callback = size;
      size = undefined;
    }
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    fillRange(buf, offset, size);
    setTimeout(() => callback(null, buf), 0);
  }

  // Node's algorithm: 48-bit draws, rejection sampling for a uniform range.
  const RAND_MAX = 0xffff_ffff_ffff;
  function randomInt(min, max, callback) {
    const minNotSpecified = typeof max === "undefined" || typeof max === "function";
    if (minNotSpecified) {
      callback = max;
      max = min;
      min = 0;
    }
    if (callback !== undefined && typeof callback !== "function") {
      throw invalidArgType("callback", "of type function", callback);
    }
    if (!Number.isSafeInteger(min)) throw invalidArgType("min", "a safe integer", min);
    if (!Number.isSafeInteger(max)) throw invalidArgType("max", "a safe integer", max);
    if (max <= min) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    }
    const range = max - min;
    if (!(range <= RAND_MAX)) throw outOfRange(`max${minNotSpecified ? "" : " - min"}`, `<= ${RAND_MAX}`, range);
    const randLimit = RAND_MAX - (RAND_MAX % range);
    const six = new Uint8Array(6);
    for (;;) {
      fillRandom(six);
      const x = six[0] * 2 ** 40 + six[1] * 2 ** 32 + six[2] * 2 ** 24 + six[3] * 2 ** 16 + six[4] * 2 ** 8 + six[5];
      if (x < randLimit) {
        const n = (x % range) + min;
        if (callback === undefined) return n;
        nextTick(callback, undefined, n);
        return;
      }
    }
  }

  function randomUUID(options) {
    if (options !== undefined && (options === null || typeof options !== "object")) {
      throw invalidArgType("options", "of type object", options);
    }
    return webcrypto.randomUUID();
  }

  function getRandomValues(data) {
    return webcrypto.getRandomValues(data);
  }

  // Compares every byte whatever it finds, so the time says nothing of where
  // the inputs differ.
  function timingSafeEqual(buf1, buf2) {
    const a = viewBytes(buf1, "buf1");
    const b = viewBytes(buf2, "buf2");
    if (a.byteLength !== b.byteLength) {
      throw nodeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length");
    }
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  // --- keys ----------------------------------------------------------------------

  // Only what a secret key needs; asymmetric keys need ASN.1 and RSA/EC
  // support node:crypto does not have.
  class KeyObject {
    constructor(type, handle) {
      if (type !== "secret") throw unsupported(`crypto.KeyObject (${type} keys)`);
      this[kHandle] = handle;
    }
    get type() {
      return "secret";
    }
    get symmetricKeySize() {
      return this[kHandle].byteLength;
    }
    export(options) {
      if (options?.format === "jwk") {
        return { kty: "oct", k: Buffer.from(this[kHandle]).toString("base64url") };
      }
      return Buffer.from(this[kHandle]);
    }
    equals(otherKeyObject) {
      if (!(otherKeyObject instanceof KeyObject)) throw invalidArgType("otherKeyObject", "an instance of KeyObject", otherKeyObject);
      return this[kHandle].byteLength === otherKeyObject[kHandle].byteLength && timingSafeEqual(this[kHandle], otherKeyObject[kHandle]);
    }
    static from(key) {
      throw unsupported("crypto.KeyObject.from");
    }
  }

  function createSecretKey(key, encoding) {
    const bytes = typeof key === "string" ? Buffer.from(key, encoding) : toKeyBytes(key, "key");
    return new KeyObject("secret", Buffer.from(bytes));
  }

  // OpenSSL's constants as Node 20 reports them (RSA padding and friends).
  const constants = Object.freeze({
    OPENSSL_VERSION_NUMBER: 805306608, SSL_OP_ALL: 2147485776, SSL_OP_ALLOW_NO_DHE_KEX: 1024,
    SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION: 262144, SSL_OP_CIPHER_SERVER_PREFERENCE: 4194304,
    SSL_OP_CISCO_ANYCONNECT: 32768, SSL_OP_COOKIE_EXCHANGE: 8192, SSL_OP_CRYPTOPRO_TLSEXT_BUG: 2147483648,
    SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS: 2048, SSL_OP_LEGACY_SERVER_CONNECT: 4, SSL_OP_NO_COMPRESSION: 131072,
    SSL_OP_NO_ENCRYPT_THEN_MAC: 524288, SSL_OP_NO_QUERY_MTU: 4096, SSL_OP_NO_RENEGOTIATION: 1073741824,
    SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION: 65536, SSL_OP_NO_SSLv2: 0, SSL_OP_NO_SSLv3: 33554432,
    SSL_OP_NO_TICKET: 16384, SSL_OP_NO_TLSv1: 67108864, SSL_OP_NO_TLSv1_1: 268435456,
    SSL_OP_NO_TLSv1_2: 134217728, SSL_OP_NO_TLSv1_3: 536870912, SSL_OP_PRIORITIZE_CHACHA: 2097152,
    SSL_OP_TLS_ROLLBACK_BUG: 8388608, ENGINE_METHOD_RSA: 1, ENGINE_METHOD_DSA: 2, ENGINE_METHOD_DH: 4,
    ENGINE_METHOD_RAND: 8, ENGINE_METHOD_EC: 2048, ENGINE_METHOD_CIPHERS: 64, ENGINE_METHOD_DIGESTS: 128,
    ENGINE_METHOD_PKEY_METHS: 512, ENGINE_METHOD_PKEY_ASN1_METHS: 1024, ENGINE_METHOD_ALL: 65535,
    ENGINE_METHOD_NONE: 0, DH_CHECK_P_NOT_SAFE_PRIME: 2, DH_CHECK_P_NOT_PRIME: 1, DH_UNABLE_TO_CHECK_GENERATOR: 4,
    DH_NOT_SUITABLE_GENERATOR: 8, RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4,
    RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6, RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2,
    RSA_PSS_SALTLEN_AUTO: -2,
    defaultCoreCipherList: "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA",
    TLS1_VERSION: 769, TLS1_1_VERSION: 770, TLS1_2_VERSION: 771, TLS1_3_VERSION: 772,
    POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
  });

  const crypto = {
    checkPrime: unsupportedFunction("crypto.checkPrime"),
    checkPrimeSync: unsupportedFunction("crypto.checkPrimeSync"),
    createCipheriv,
    createDecipheriv,
    createDiffieHellman: unsupportedFunction("crypto.createDiffieHellman"),
    createDiffieHellmanGroup: unsupportedFunction("crypto.createDiffieHellmanGroup"),
    createECDH: unsupportedFunction("crypto.createECDH"),
    createHash,
    createHmac,
    createPrivateKey: unsupportedFunction("crypto.createPrivateKey"),
    createPublicKey: unsupportedFunction("crypto.createPublicKey"),
    createSecretKey,
    createSign: unsupportedFunction("crypto.createSign"),
    createVerify: unsupportedFunction("crypto.createVerify"),
    diffieHellman: unsupportedFunction("crypto.diffieHellman"),
    generatePrime: unsupportedFunction("crypto.generatePrime"),
    generatePrimeSync: unsupportedFunction("crypto.generatePrimeSync"),
    getCiphers: () => CIPHERS.slice(),
    getCipherInfo: unsupportedFunction("crypto.getCipherInfo"),
    // No curves: ECDH and EC keys are not provided here.
    getCurves: () => [],
    getDiffieHellman: unsupportedFunction("crypto.getDiffieHellman"),
    getHashes: () => HASHES.slice(),
    hkdf,
    hkdfSync,
    pbkdf2,
    pbkdf2Sync,
    generateKeyPair: unsupportedFunction("crypto.generateKeyPair"),
    generateKeyPairSync: unsupportedFunction("crypto.generateKeyPairSync"),
    generateKey: unsupportedFunction("crypto.generateKey"),
    generateKeySync: unsupportedFunction("crypto.generateKeySync"),
    privateDecrypt: unsupportedFunction("crypto.privateDecrypt"),
    privateEncrypt: unsupportedFunction("crypto.privateEncrypt"),
    publicDecrypt: unsupportedFunction("crypto.publicDecrypt"),
    publicEncrypt: unsupportedFunction("crypto.publicEncrypt"),
    randomBytes,
    randomFill,
    randomFillSync,
    randomInt,
    randomUUID,
    scrypt: unsupportedFunction("crypto.scrypt"),
    scryptSync: unsupportedFunction("crypto.scryptSync"),
    sign: unsupportedFunction("crypto.sign"),
    setEngine: unsupportedFunction("crypto.setEngine"),
    timingSafeEqual,
    // Kode's crypto is not a FIPS module.
    getFips: () => 0,
    setFips: unsupportedFunction("crypto.setFips"),
    verify: unsupportedFunction("crypto.verify"),
    hash,
    Certificate: unsupportedClass("crypto.Certificate"),
    Cipher: unsupportedClass("crypto.Cipher"),
    Cipheriv,
    Decipher: unsupportedClass("crypto.Decipher"),
    Decipheriv,
    DiffieHellman: unsupportedClass("crypto.DiffieHellman"),
    DiffieHellmanGroup: unsupportedClass("crypto.DiffieHellmanGroup"),
    ECDH: unsupportedClass("crypto.ECDH"),
    Hash,
    Hmac,
    KeyObject,
    Sign: unsupportedClass("crypto.Sign"),
    Verify: unsupportedClass("crypto.Verify"),
    X509Certificate: unsupportedClass("crypto.X509Certificate"),
    secureHeapUsed: unsupportedFunction("crypto.secureHeapUsed"),
    constants,
    webcrypto,
    subtle: webcrypto.subtle,
    getRandomValues,
  };
  // pseudoRandomBytes and friends: Node's deprecated aliases (non-enumerable).
  for (const [alias, target] of [["prng", randomBytes], ["pseudoRandomBytes", randomBytes], ["rng", randomBytes]]) {
    Object.defineProperty(crypto, alias, { enumerable: false, configurable: true, writable: true, value: target });
  }
  return crypto;
})

// subtle.js: kode:internal/subtle - the Web Cryptography API's SubtleCrypto
// (the one instance `crypto.subtle`) and CryptoKey. Loaded on the first touch
// of `crypto.subtle`, `SubtleCrypto` or `CryptoKey`.
//
// The code follows the standard's algorithms by name, so a failing
// web-platform-test points at a step: https://w3c.github.io/webcrypto/
// This file does everything the standard asks before any cryptography:
// WebIDL conversion (TypeErrors), algorithm normalization (NotSupportedError),
// key usage, type and extractability checks (SyntaxError, InvalidAccessError),
// JWK members (DataError). The cryptography is Rust's (runtime/src/ext/subtle/,
// RustCrypto crates), each operation on the blocking pool through `hostOp`, so
// every method's promise settles on a later turn of the event loop; the ops
// reject with the standard's DOMExceptions themselves (DataError,
// OperationError, ...).
//
// A CryptoKey holds an id into the isolate's key table in Rust, where the key
// material lives (see keys.rs); a FinalizationRegistry frees the entry once
// the CryptoKey is collected.
(function (ops, internal) {
  "use strict";

  const { finishInterface, requireArguments, toDOMString } = internal.webidl;
  const internalConstruct = Symbol("internal construct");
  const inspectCustom = Symbol.for("nodejs.util.inspect.custom");

  // --- errors ----------------------------------------------------------------
  let DOMExceptionClass;
  function domException(message, name) {
    DOMExceptionClass ??= internal.loadInternal("kode:internal/events").DOMException;
    return new DOMExceptionClass(message, name);
  }
  const notSupported = (message) => domException(message, "NotSupportedError");
  const syntaxError = (message) => domException(message, "SyntaxError");
  const invalidAccess = (message) => domException(message, "InvalidAccessError");
  const dataError = (message) => domException(message, "DataError");
  const operationError = (message) => domException(message, "OperationError");

  // --- WebIDL conversions ----------------------------------------------------
  const isObject = (value) => value !== null && (typeof value === "object" || typeof value === "function");

  const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const arrayBufferDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached")?.get;
  const arrayBufferSlice = ArrayBuffer.prototype.slice;
  function isArrayBuffer(value) {
    try {
      arrayBufferByteLength.call(value);
      return true;
    } catch {
      return false;
    }
  }
  const isDetached = (buffer) => (arrayBufferDetached ? arrayBufferDetached.call(buffer) : false);

  // BufferSource: an ArrayBuffer or a view of one (not shared). The result is
  // "a copy of the bytes held by" it (empty for a detached buffer).
  function bufferSource(value, context) {
    if (ArrayBuffer.isView(value)) {
      const buffer = value.buffer;
      if (!isArrayBuffer(buffer)) throw new TypeError(`${context} is backed by a SharedArrayBuffer.`);
      if (isDetached(buffer)) return new Uint8Array(0);
      return new Uint8Array(buffer, value.byteOffset, value.byteLength).slice();
    }
    if (isArrayBuffer(value)) {
      if (isDetached(value)) return new Uint8Array(0);
      return new Uint8Array(arrayBufferSlice.call(value));
    }
    throw new TypeError(`${context} is not of type '(ArrayBuffer or ArrayBufferView)'.`);
  }
  const isBufferSource = (value) => ArrayBuffer.isView(value) || isArrayBuffer(value);

  // Integer types: `[EnforceRange]` refuses NaN, infinities and values out of range.
  function enforceRange(value, max, type, context) {
    const number = +value; // ToNumber: a TypeError for a Symbol or a BigInt
    if (!Number.isFinite(number)) throw new TypeError(`${context}: Value is not a finite number.`);
    const integer = Math.trunc(number);
    if (integer < 0 || integer > max) {
      throw new TypeError(`${context}: Value is outside the '${type}' value range (0 to ${max}).`);
    }
    return integer + 0; // -0 is 0
  }
  const octet = (value, context) => enforceRange(value, 0xff, "octet", context);
  const unsignedShort = (value, context) => enforceRange(value, 0xffff, "unsigned short", context);
  const unsignedLong = (value, context) => enforceRange(value, 0xffffffff, "unsigned long", context);

  function enumValue(value, values, type, context) {
    const text = toDOMString(value);
    if (!values.includes(text)) {
      throw new TypeError(`${context}: The provided value '${text}' is not a valid enum value of type ${type}.`);
    }
    return text;
  }

  const keyFormats = ["raw", "spki", "pkcs8", "jwk"];
  // The recognized key usage values, in the standard's order (which is the
  // order of a key's normalized usages).
  const keyUsageValues = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];

  function sequence(value, context, convert) {
    if (!isObject(value) || typeof value[Symbol.iterator] !== "function") {
      throw new TypeError(`${context} cannot be converted to a sequence.`);
    }
    const items = [];
    for (const item of value) items.push(convert(item));
    return items;
  }
  const keyUsages = (value, context) =>
    sequence(value, context, (item) => enumValue(item, keyUsageValues, "KeyUsage", context));

  // AlgorithmIdentifier = (object or DOMString).
  const algorithmIdentifier = (value) => (isObject(value) ? value : toDOMString(value));

  // --- CryptoKey -----------------------------------------------------------
  // A key's slots as the subtle methods read them: { type, extractable,
  // algorithm (the internal KeyAlgorithm dictionary), usages, handle }.
  let slotsOf;

  // Frees a key's material in Rust once its CryptoKey is collected.
  const keyRegistry = new FinalizationRegistry((handle) => ops.subtle_key_free(handle));

  // The KeyAlgorithm dictionary converted to a JavaScript object: members of
  // the base dictionary first, nested dictionaries and BigIntegers copied.
  function algorithmObject(algorithm) {
    const object = {};
    for (const [member, value] of Object.entries(algorithm)) {
      if (value instanceof Uint8Array) object[member] = value.slice();
      else if (isObject(value)) object[member] = { ...value };
      else object[member] = value;
    }
    return object;
  }

  class CryptoKey {
    #type;
    #extractable;
    #algorithm;
    #usages;
    #handle;
    #algorithmObject;
    #usagesObject;

    constructor(token, type, extractable, algorithm, usages, handle) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      this.#type = type;
      this.#extractable = extractable;
      this.#algorithm = algorithm;
      this.#usages = usages;
      this.#handle = handle;
      keyRegistry.register(this, handle);
      // Serializable by the standard, but not cloned by Kode yet: a
      // DataCloneError, not an empty copy.
      ops.structured_clone_refuse(this);
    }

    static #of(self, member) {
      if (!isObject(self) || !(#type in self)) {
        throw new TypeError(`CryptoKey.prototype.${member}: Illegal invocation`);
      }
      return self;
    }

    get type() {
      return CryptoKey.#of(this, "type").#type;
    }
    get extractable() {
      return CryptoKey.#of(this, "extractable").#extractable;
    }
    // The cached ECMAScript objects of [[algorithm]] and [[usages]]: the same
    // object each time; changing it does not change the key.
    get algorithm() {
      const key = CryptoKey.#of(this, "algorithm");
      return (key.#algorithmObject ??= algorithmObject(key.#algorithm));
    }
    get usages() {
      const key = CryptoKey.#of(this, "usages");
      return (key.#usagesObject ??= key.#usages.slice());
    }

    static {
      slotsOf = (key) => ({
        type: key.#type,
        extractable: key.#extractable,
        algorithm: key.#algorithm,
        usages: key.#usages,
        handle: key.#handle,
      });
    }
  }
  finishInterface(CryptoKey, "CryptoKey");
  Object.defineProperty(CryptoKey.prototype, inspectCustom, {
    value(depth, options, inspect) {
      if (depth < 0) return "[CryptoKey]";
      const shown = { type: this.type, extractable: this.extractable, algorithm: this.algorithm, usages: this.usages };
      return `CryptoKey ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
    },
    writable: true,
    configurable: true,
  });

  // A CryptoKey argument: its slots (a TypeError for anything else).
  function cryptoKey(value, context) {
    try {
      return slotsOf(value);
    } catch {
      throw new TypeError(`${context} is not of type 'CryptoKey'.`);
    }
  }

  const newKey = (type, algorithm, extractable, usages, handle) =>
    new CryptoKey(internalConstruct, type, extractable, algorithm, usages, handle);

  // --- usages ----------------------------------------------------------------
  // The usage intersection of `usages` and `allowed`, in the standard's order
  // (also the normalized value of `usages` when `allowed` is every usage).
  const intersect = (usages, allowed = keyUsageValues) =>
    keyUsageValues.filter((usage) => usages.includes(usage) && allowed.includes(usage));

  function checkUsages(usages, allowed) {
    const bad = usages.find((usage) => !allowed.includes(usage));
    if (bad !== undefined) {
      throw syntaxError(`Cannot create a key with the usage '${bad}' (allowed: ${allowed.join(", ") || "none"})`);
    }
  }
  // A secret or private key must have a usage (checked, as the standard
  // says, once the key is made: a generation error comes first).
  function requireUsages(usages) {
    if (usages.length === 0) throw syntaxError("Usages cannot be empty when creating a key");
  }

  // --- running host operations ------------------------------------------------
  // Runs op `start(id)` on the blocking pool: a promise of its result.
  const run = (operation, algorithm, start) => internal.hostOp(`crypto.subtle.${operation}`, algorithm, undefined, start);
  const bufferOf = (bytes) => bytes.buffer;

  // An id for new key material; freed when what makes the key fails after the
  // op has stored it.
  async function withHandles(count, make) {
    const handles = Array.from({ length: count }, () => internal.nextId());
    try {
      return await make(...handles);
    } catch (error) {
      for (const handle of handles) ops.subtle_key_free(handle);
      throw error;
    }
  }

  // --- algorithm dictionaries ----------------------------------------------------
  // Each dictionary type: its levels, least derived first (Algorithm's `name`
  // is read before), each level's members in lexicographic order (WebIDL's
  // order): [member, type, required]. BufferSource members are copied and
  // HashAlgorithmIdentifier members normalized for "digest" after the
  // conversion, as normalization's last steps say.
  const dictionaries = {
    AesCbcParams: [[["iv", "BufferSource", true]]],
    AesCtrParams: [[["counter", "BufferSource", true], ["length", "octet", true]]],
    AesGcmParams: [[["additionalData", "BufferSource"], ["iv", "BufferSource", true], ["tagLength", "octet"]]],
    AesKeyGenParams: [[["length", "unsigned short", true]]],
    AesDerivedKeyParams: [[["length", "unsigned short", true]]],
    HmacImportParams: [[["hash", "HashAlgorithmIdentifier", true], ["length", "unsigned long"]]],
    HmacKeyGenParams: [[["hash", "HashAlgorithmIdentifier", true], ["length", "unsigned long"]]],
    EcKeyGenParams: [[["namedCurve", "DOMString", true]]],
    EcKeyImportParams: [[["namedCurve", "DOMString", true]]],
    EcdsaParams: [[["hash", "HashAlgorithmIdentifier", true]]],
    EcdhKeyDeriveParams: [[["public", "CryptoKey", true]]],
    RsaHashedKeyGenParams: [
      [["modulusLength", "unsigned long", true], ["publicExponent", "BigInteger", true]],
      [["hash", "HashAlgorithmIdentifier", true]],
    ],
    RsaHashedImportParams: [[["hash", "HashAlgorithmIdentifier", true]]],
    RsaPssParams: [[["saltLength", "unsigned long", true]]],
    RsaOaepParams: [[["label", "BufferSource"]]],
    HkdfParams: [[["hash", "HashAlgorithmIdentifier", true], ["info", "BufferSource", true], ["salt", "BufferSource", true]]],
    Pbkdf2Params: [[["hash", "HashAlgorithmIdentifier", true], ["iterations", "unsigned long", true], ["salt", "BufferSource", true]]],
  };

  function convertMember(value, type, context) {
    const provided = `${context}: The provided value`;
    switch (type) {
      case "DOMString":
        return toDOMString(value);
      case "octet":
        return octet(value, context);
      case "unsigned short":
        return unsignedShort(value, context);
      case "unsigned long":
        return unsignedLong(value, context);
      case "BufferSource":
        if (!isBufferSource(value)) throw new TypeError(`${provided} is not of type '(ArrayBuffer or ArrayBufferView)'.`);
        return value;
      case "BigInteger":
        if (!(value instanceof Uint8Array)) throw new TypeError(`${provided} is not of type 'Uint8Array'.`);
        return value;
      case "HashAlgorithmIdentifier":
        return algorithmIdentifier(value);
      case "CryptoKey":
        cryptoKey(value, provided);
        return value;
    }
    throw new TypeError(`unknown dictionary member type ${type}`);
  }

  // The registered algorithms of each operation, and the dictionary type
  // each one's parameters are normalized to (null: just `name`).
  const rsaGen = "RsaHashedKeyGenParams";
  const rsaImport = "RsaHashedImportParams";
  const supportedAlgorithms = {
    digest: { "SHA-1": null, "SHA-256": null, "SHA-384": null, "SHA-512": null },
    encrypt: { "RSA-OAEP": "RsaOaepParams", "AES-CTR": "AesCtrParams", "AES-CBC": "AesCbcParams", "AES-GCM": "AesGcmParams" },
    decrypt: { "RSA-OAEP": "RsaOaepParams", "AES-CTR": "AesCtrParams", "AES-CBC": "AesCbcParams", "AES-GCM": "AesGcmParams" },
    sign: { "RSASSA-PKCS1-v1_5": null, "RSA-PSS": "RsaPssParams", ECDSA: "EcdsaParams", Ed25519: null, HMAC: null },
    verify: { "RSASSA-PKCS1-v1_5": null, "RSA-PSS": "RsaPssParams", ECDSA: "EcdsaParams", Ed25519: null, HMAC: null },
    generateKey: {
      "RSASSA-PKCS1-v1_5": rsaGen,
      "RSA-PSS": rsaGen,
      "RSA-OAEP": rsaGen,
      ECDSA: "EcKeyGenParams",
      ECDH: "EcKeyGenParams",
      Ed25519: null,
      X25519: null,
      "AES-CTR": "AesKeyGenParams",
      "AES-CBC": "AesKeyGenParams",
      "AES-GCM": "AesKeyGenParams",
      "AES-KW": "AesKeyGenParams",
      HMAC: "HmacKeyGenParams",
    },
    deriveBits: { ECDH: "EcdhKeyDeriveParams", X25519: "EcdhKeyDeriveParams", HKDF: "HkdfParams", PBKDF2: "Pbkdf2Params" },
    importKey: {
      "RSASSA-PKCS1-v1_5": rsaImport,
      "RSA-PSS": rsaImport,
      "RSA-OAEP": rsaImport,
      ECDSA: "EcKeyImportParams",
      ECDH: "EcKeyImportParams",
      Ed25519: null,
      X25519: null,
      "AES-CTR": null,
      "AES-CBC": null,
      "AES-GCM": null,
      "AES-KW": null,
      HMAC: "HmacImportParams",
      HKDF: null,
      PBKDF2: null,
    },
    wrapKey: { "AES-KW": null },
    unwrapKey: { "AES-KW": null },
    "get key length": {
      "AES-CTR": "AesDerivedKeyParams",
      "AES-CBC": "AesDerivedKeyParams",
      "AES-GCM": "AesDerivedKeyParams",
      "AES-KW": "AesDerivedKeyParams",
      HMAC: "HmacImportParams",
      HKDF: null,
      PBKDF2: null,
    },
  };

  const asciiLowercase = (text) => text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());

  // https://w3c.github.io/webcrypto/#algorithm-normalization-normalize-an-algorithm
  function normalize(op, alg) {
    // A DOMString stands for { name: alg }.
    if (!isObject(alg)) return normalize(op, { name: alg });
    const registered = supportedAlgorithms[op];
    // Convert to Algorithm: `name` is required.
    const initialName = alg.name;
    if (initialName === undefined) {
      throw new TypeError("Failed to normalize algorithm: required member name is undefined.");
    }
    const wanted = asciiLowercase(toDOMString(initialName));
    const algName = Object.keys(registered).find((name) => asciiLowercase(name) === wanted);
    if (algName === undefined) throw notSupported(`Unrecognized algorithm name '${toDOMString(initialName)}' for ${op}`);
    const desiredType = registered[algName];
    if (desiredType === null) return { name: algName };
    // Convert to the desired dictionary type: `name` again, then each level.
    const name = alg.name;
    if (name === undefined) throw new TypeError(`Failed to read the 'name' property from '${desiredType}'.`);
    toDOMString(name);
    const normalized = { name: algName };
    const members = dictionaries[desiredType].flat();
    for (const [member, type, required] of members) {
      const value = alg[member];
      const context = `Failed to read the '${member}' property from '${desiredType}'`;
      if (value === undefined) {
        if (required) throw new TypeError(`${context}: Required member is undefined.`);
        continue;
      }
      normalized[member] = convertMember(value, type, context);
    }
    for (const [member, type] of members) {
      if (!(member in normalized)) continue;
      if (type === "BufferSource") {
        const context = `Failed to read the '${member}' property from '${desiredType}': The provided value`;
        normalized[member] = bufferSource(normalized[member], context);
      }
      else if (type === "HashAlgorithmIdentifier") normalized[member] = normalize("digest", normalized[member]);
      else if (type === "BigInteger") normalized[member] = normalized[member].slice();
    }
    return normalized;
  }

  // --- JsonWebKey ----------------------------------------------------------------
  // The JsonWebKey dictionary's members in WebIDL order, with their types.
  const jwkMembers = [
    ["alg", "DOMString"],
    ["crv", "DOMString"],
    ["d", "DOMString"],
    ["dp", "DOMString"],
    ["dq", "DOMString"],
    ["e", "DOMString"],
    ["ext", "boolean"],
    ["k", "DOMString"],
    ["key_ops", "sequence"],
    ["kty", "DOMString"],
    ["n", "DOMString"],
    ["oth", "RsaOtherPrimesInfo"],
    ["p", "DOMString"],
    ["q", "DOMString"],
    ["qi", "DOMString"],
    ["use", "DOMString"],
    ["x", "DOMString"],
    ["y", "DOMString"],
  ];

  function jsonWebKey(value, context) {
    if (value !== undefined && value !== null && !isObject(value)) {
      throw new TypeError(`${context} is not of type 'JsonWebKey'.`);
    }
    const jwk = {};
    if (value === undefined || value === null) return jwk;
    for (const [member, type] of jwkMembers) {
      const item = value[member];
      if (item === undefined) continue;
      if (type === "boolean") jwk[member] = Boolean(item);
      else if (type === "sequence") jwk[member] = sequence(item, `${context}.${member}`, toDOMString);
      else if (type === "RsaOtherPrimesInfo") {
        jwk[member] = sequence(item, `${context}.${member}`, (info) => {
          if (info !== undefined && info !== null && !isObject(info)) throw new TypeError(`${context}.oth is not of type 'RsaOtherPrimesInfo'.`);
          const out = {};
          for (const key of ["d", "r", "t"]) if (info?.[key] !== undefined) out[key] = toDOMString(info[key]);
          return out;
        });
      } else jwk[member] = toDOMString(item);
    }
    return jwk;
  }

  // The checks every JWK import makes (kty, use, key_ops, ext).
  function checkJwk(jwk, kty, use, usages, extractable) {
    if (jwk.kty !== kty) throw dataError(`The JWK "kty" member is not "${kty}"`);
    if (usages.length > 0 && jwk.use !== undefined && jwk.use !== use) {
      throw dataError(`The JWK "use" member is not "${use}"`);
    }
    if (jwk.key_ops !== undefined) {
      if (new Set(jwk.key_ops).size !== jwk.key_ops.length) throw dataError('The JWK "key_ops" member has duplicates');
      const missing = usages.find((usage) => !jwk.key_ops.includes(usage));
      if (missing !== undefined) throw dataError(`The JWK "key_ops" member does not include '${missing}'`);
    }
    if (jwk.ext === false && extractable) throw dataError("The JWK is not extractable (\"ext\": false) but the key would be");
  }

  // "Parse a JWK" from unwrapped bytes: UTF-8 JSON with a "kty".
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  function parseJwk(bytes) {
    let jwk;
    try {
      jwk = jsonWebKey(jsonParse(ops.utf8_decode(bytes, false, false)), "The unwrapped key");
    } catch {
      throw dataError("The unwrapped key is not a JSON Web Key");
    }
    if (jwk.kty === undefined) throw dataError('The unwrapped JWK has no "kty" member');
    return jwk;
  }

  // An exported JWK as the dictionary converts to an object: members in
  // WebIDL order, absent ones left out.
  function jwkObject(fields) {
    const jwk = {};
    for (const [member] of jwkMembers) if (fields[member] !== undefined && fields[member] !== null) jwk[member] = fields[member];
    return jwk;
  }

  // The JWK members of a key kind, in the order the Rust ops take them.
  const jwkParts = {
    secret: ["k"],
    RSA: ["n", "e", "d", "p", "q", "dp", "dq", "qi"],
    EC: ["x", "y", "d"],
    OKP: ["x", "d"],
  };
  const partsOf = (jwk, kind) => jwkParts[kind].map((member) => jwk[member]);
  const fieldsOf = (parts, kind) => Object.fromEntries(jwkParts[kind].map((member, i) => [member, parts[i]]));

  // --- the algorithms ------------------------------------------------------------
  // Each registered algorithm's operations; `key` arguments are slots.
  const hashBlockBits = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };

  // Secret-key import: raw bytes or a JWK "oct" key; the op settles with
  // { length } in bits. `length` is HMAC's length member.
  async function importSecret(format, keyData, handle, length) {
    if (format === "raw") return run("importKey", "raw", (id) => ops.subtle_import(id, handle, "secret", "raw", keyData, length));
    return run("importKey", "jwk", (id) => ops.subtle_import_jwk(id, handle, "secret", partsOf(keyData, "secret"), length));
  }

  async function exportSecretJwk(key, alg) {
    const [k] = await run("exportKey", "jwk", (id) => ops.subtle_export(id, key.handle, "jwk"));
    return jwkObject({ kty: "oct", k, alg, key_ops: key.usages.slice(), ext: key.extractable });
  }

  function aes(name, suffix, usagesAllowed, operations) {
    return {
      ...operations,
      async generateKey(alg, extractable, usages) {
        checkUsages(usages, usagesAllowed);
        if (![128, 192, 256].includes(alg.length)) throw operationError("AES key length must be 128, 192 or 256 bits");
        return withHandles(1, async (handle) => {
          await run("generateKey", name, (id) => ops.subtle_generate_secret(id, handle, alg.length));
          requireUsages(usages);
          return newKey("secret", { name, length: alg.length }, extractable, intersect(usages), handle);
        });
      },
      async importKey(format, keyData, alg, extractable, usages, handle) {
        checkUsages(usages, usagesAllowed);
        if (format === "raw") {
          if (![16, 24, 32].includes(keyData.length)) throw dataError("AES key data must be 128, 192 or 256 bits");
        } else if (format === "jwk") {
          if (keyData.kty !== "oct") throw dataError('The JWK "kty" member is not "oct"');
          if (keyData.k === undefined) throw dataError('The JWK has no "k" member');
        } else {
          throw notSupported(`Cannot import an ${name} key in ${format} format`);
        }
        const { length } = await importSecret(format, keyData, handle);
        if (format === "jwk") {
          if (![128, 192, 256].includes(length)) throw dataError("AES key data must be 128, 192 or 256 bits");
          if (keyData.alg !== undefined && keyData.alg !== `A${length}${suffix}`) {
            throw dataError(`The JWK "alg" member is not "A${length}${suffix}"`);
          }
          checkJwk(keyData, "oct", "enc", usages, extractable);
        }
        return { type: "secret", algorithm: { name, length } };
      },
      async exportKey(format, key) {
        if (format === "raw") return bufferOf(await run("exportKey", "raw", (id) => ops.subtle_export(id, key.handle, "raw")));
        if (format === "jwk") return exportSecretJwk(key, `A${key.algorithm.length}${suffix}`);
        throw notSupported(`Cannot export an ${name} key in ${format} format`);
      },
      keyLength(alg) {
        if (![128, 192, 256].includes(alg.length)) throw operationError("AES key length must be 128, 192 or 256 bits");
        return alg.length;
      },
    };
  }

  const aesUsages = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
  const gcm = (decrypt) => (alg, key, data) =>
    run(decrypt ? "decrypt" : "encrypt", "AES-GCM", (id) =>
      ops.subtle_aes_gcm(id, key.handle, decrypt, data, alg.iv, alg.additionalData, alg.tagLength ?? 128),
    );
  const cbc = (decrypt) => (alg, key, data) =>
    run(decrypt ? "decrypt" : "encrypt", "AES-CBC", (id) => ops.subtle_aes_cbc(id, key.handle, decrypt, data, alg.iv));
  const ctr = (operation) => (alg, key, data) =>
    run(operation, "AES-CTR", (id) => ops.subtle_aes_ctr(id, key.handle, data, alg.counter, alg.length));
  const kw = (unwrap) => (alg, key, data) =>
    run(unwrap ? "unwrapKey" : "wrapKey", "AES-KW", (id) => ops.subtle_aes_kw(id, key.handle, unwrap, data));

  // HMAC.
  const hmac = {
    async sign(alg, key, data) {
      return run("sign", "HMAC", (id) => ops.subtle_hmac(id, key.handle, key.algorithm.hash.name, data));
    },
    async verify(alg, key, signature, data) {
      return run("verify", "HMAC", (id) => ops.subtle_hmac(id, key.handle, key.algorithm.hash.name, data, signature));
    },
    async generateKey(alg, extractable, usages) {
      checkUsages(usages, ["sign", "verify"]);
      const length = alg.length === undefined ? hashBlockBits[alg.hash.name] : alg.length;
      if (length === 0) throw operationError("An HMAC key cannot be 0 bits long");
      return withHandles(1, async (handle) => {
        await run("generateKey", "HMAC", (id) => ops.subtle_generate_secret(id, handle, length));
        requireUsages(usages);
        const algorithm = { name: "HMAC", hash: { name: alg.hash.name }, length };
        return newKey("secret", algorithm, extractable, intersect(usages), handle);
      });
    },
    async importKey(format, keyData, alg, extractable, usages, handle) {
      checkUsages(usages, ["sign", "verify"]);
      const hash = alg.hash.name;
      if (format === "jwk") {
        if (keyData.kty !== "oct") throw dataError('The JWK "kty" member is not "oct"');
        if (keyData.k === undefined) throw dataError('The JWK has no "k" member');
        const expected = `HS${hash.slice(4)}`;
        if (keyData.alg !== undefined && keyData.alg !== expected) throw dataError(`The JWK "alg" member is not "${expected}"`);
        checkJwk(keyData, "oct", "sig", usages, extractable);
      } else if (format !== "raw") {
        throw notSupported(`Cannot import an HMAC key in ${format} format`);
      }
      // The op checks `length` against the data (DataError) and keeps its first `length` bits.
      const { length } = await importSecret(format, keyData, handle, alg.length);
      if (length === 0) throw dataError("An HMAC key cannot be empty");
      return { type: "secret", algorithm: { name: "HMAC", hash: { name: hash }, length } };
    },
    async exportKey(format, key) {
      if (format === "raw") return bufferOf(await run("exportKey", "raw", (id) => ops.subtle_export(id, key.handle, "raw")));
      if (format === "jwk") return exportSecretJwk(key, `HS${key.algorithm.hash.name.slice(4)}`);
      throw notSupported(`Cannot export an HMAC key in ${format} format`);
    },
    keyLength(alg) {
      if (alg.length === undefined) return hashBlockBits[alg.hash.name];
      if (alg.length === 0) throw new TypeError("An HMAC key cannot be 0 bits long.");
      return alg.length;
    },
  };

  // HKDF and PBKDF2: raw secrets for deriveBits, never extractable.
  function kdf(name, derive) {
    return {
      deriveBits: derive,
      async importKey(format, keyData, alg, extractable, usages, handle) {
        if (format !== "raw") throw notSupported(`Cannot import a ${name} key in ${format} format`);
        checkUsages(usages, ["deriveKey", "deriveBits"]);
        if (extractable !== false) throw syntaxError(`A ${name} key cannot be extractable`);
        await importSecret("raw", keyData, handle);
        return { type: "secret", algorithm: { name } };
      },
      keyLength: () => null,
    };
  }

  // Ed25519, X25519, ECDSA and ECDH keys share import and export shapes.
  const asymmetricUsages = {
    ECDSA: { public: ["verify"], private: ["sign"], use: "sig" },
    ECDH: { public: [], private: ["deriveKey", "deriveBits"], use: "enc" },
    Ed25519: { public: ["verify"], private: ["sign"], use: "sig" },
    X25519: { public: [], private: ["deriveKey", "deriveBits"], use: "enc" },
    "RSASSA-PKCS1-v1_5": { public: ["verify"], private: ["sign"], use: "sig" },
    "RSA-PSS": { public: ["verify"], private: ["sign"], use: "sig" },
    "RSA-OAEP": { public: ["encrypt", "wrapKey"], private: ["decrypt", "unwrapKey"], use: "enc" },
  };

  // A key pair from op `subtle_generate_pair`.
  async function generatePair(name, algorithm, extractable, usages, kind, modulusLength = 0, exponent = new Uint8Array(0)) {
    const allowed = asymmetricUsages[name];
    checkUsages(usages, [...allowed.public, ...allowed.private]);
    const privateUsages = intersect(usages, allowed.private);
    return withHandles(2, async (publicHandle, privateHandle) => {
      await run("generateKey", name, (id) => ops.subtle_generate_pair(id, publicHandle, privateHandle, kind, modulusLength, exponent));
      requireUsages(privateUsages);
      return {
        publicKey: newKey("public", algorithm, true, intersect(usages, allowed.public), publicHandle),
        privateKey: newKey("private", { ...algorithm }, extractable, privateUsages, privateHandle),
      };
    });
  }

  // Usages an asymmetric import may have: the public or private set, by the
  // key's type (spki and raw: public; pkcs8: private; jwk: "d" decides).
  function importType(format, keyData) {
    if (format === "jwk") return keyData.d === undefined ? "public" : "private";
    return format === "pkcs8" ? "private" : "public";
  }

  async function importAsymmetric(name, format, keyData, kind, handle) {
    if (format === "jwk") {
      const jwkKind = kind === "RSA" ? "RSA" : kind.startsWith("P-") ? "EC" : "OKP";
      return run("importKey", "jwk", (id) => ops.subtle_import_jwk(id, handle, kind, partsOf(keyData, jwkKind)));
    }
    return run("importKey", format, (id) => ops.subtle_import(id, handle, kind, format, keyData));
  }

  async function exportAsymmetric(format, key, kind, jwkFields) {
    if (format !== "jwk") {
      return bufferOf(await run("exportKey", format, (id) => ops.subtle_export(id, key.handle, format)));
    }
    const parts = await run("exportKey", "jwk", (id) => ops.subtle_export(id, key.handle, "jwk"));
    return jwkObject({ ...fieldsOf(parts, kind), ...jwkFields, key_ops: key.usages.slice(), ext: key.extractable });
  }

  function requireType(key, type) {
    if (key.type !== type) throw invalidAccess(`The key is not a ${type} key`);
  }

  // ECDSA and ECDH on P-256 and P-384.
  const curves = ["P-256", "P-384"];
  function ec(name, operations) {
    return {
      ...operations,
      async generateKey(alg, extractable, usages) {
        const allowed = asymmetricUsages[name];
        checkUsages(usages, [...allowed.public, ...allowed.private]);
        if (!curves.includes(alg.namedCurve)) throw notSupported(`The named curve '${alg.namedCurve}' is not supported`);
        return generatePair(name, { name, namedCurve: alg.namedCurve }, extractable, usages, alg.namedCurve);
      },
      async importKey(format, keyData, alg, extractable, usages, handle) {
        const allowed = asymmetricUsages[name];
        const type = importType(format, keyData);
        if (format === "raw") {
          if (alg.namedCurve === "P-521") throw notSupported("The P-521 curve is not supported");
          if (!curves.includes(alg.namedCurve)) throw dataError(`'${alg.namedCurve}' is not a named curve`);
        } else if (!["spki", "pkcs8", "jwk"].includes(format)) {
          throw notSupported(`Cannot import an ${name} key in ${format} format`);
        }
        checkUsages(usages, allowed[type]);
        if (format === "jwk") {
          checkJwk(keyData, "EC", allowed.use, usages, extractable);
          if (keyData.crv !== alg.namedCurve) throw dataError(`The JWK "crv" member is not "${alg.namedCurve}"`);
          if (name === "ECDSA" && keyData.alg !== undefined) {
            const algCurve = { ES256: "P-256", ES384: "P-384", ES512: "P-521" }[keyData.alg];
            if (algCurve !== alg.namedCurve) throw dataError(`The JWK "alg" member "${keyData.alg}" does not fit ${alg.namedCurve}`);
          }
        }
        await importAsymmetric(name, format, keyData, alg.namedCurve, handle);
        return { type, algorithm: { name, namedCurve: alg.namedCurve } };
      },
      exportKey: (format, key) => exportAsymmetric(format, key, "EC", { kty: "EC", crv: key.algorithm.namedCurve }),
    };
  }

  // ECDH and X25519's deriveBits: a private key and the peer's public key.
  async function agree(alg, key, length) {
    requireType(key, "private");
    const peer = slotsOf(alg.public);
    requireType(peer, "public");
    if (peer.algorithm.name !== key.algorithm.name) throw invalidAccess("The public key is not a key of the same algorithm");
    if (peer.algorithm.namedCurve !== key.algorithm.namedCurve) throw invalidAccess("The public key is on another curve");
    return run("deriveBits", key.algorithm.name, (id) => ops.subtle_ecdh(id, key.handle, peer.handle, length));
  }

  // Ed25519 and X25519.
  function okp(name, operations) {
    return {
      ...operations,
      generateKey: (alg, extractable, usages) => generatePair(name, { name }, extractable, usages, name),
      async importKey(format, keyData, alg, extractable, usages, handle) {
        const allowed = asymmetricUsages[name];
        if (!keyFormats.includes(format)) throw notSupported(`Cannot import an ${name} key in ${format} format`);
        const type = importType(format, keyData);
        checkUsages(usages, allowed[type]);
        if (format === "jwk") {
          if (keyData.kty !== "OKP") throw dataError('The JWK "kty" member is not "OKP"');
          if (keyData.crv !== name) throw dataError(`The JWK "crv" member is not "${name}"`);
          if (name === "Ed25519" && keyData.alg !== undefined && keyData.alg !== "Ed25519" && keyData.alg !== "EdDSA") {
            throw dataError('The JWK "alg" member is not "Ed25519" or "EdDSA"');
          }
          checkJwk(keyData, "OKP", allowed.use, usages, extractable);
        }
        await importAsymmetric(name, format, keyData, name, handle);
        return { type, algorithm: { name } };
      },
      exportKey: (format, key) =>
        exportAsymmetric(format, key, "OKP", { kty: "OKP", crv: name, alg: name === "Ed25519" ? "Ed25519" : undefined }),
    };
  }

  // RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP: the JWK "alg" of each hash.
  const rsaJwkAlg = {
    "RSASSA-PKCS1-v1_5": { "SHA-1": "RS1", "SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512" },
    "RSA-PSS": { "SHA-1": "PS1", "SHA-256": "PS256", "SHA-384": "PS384", "SHA-512": "PS512" },
    "RSA-OAEP": { "SHA-1": "RSA-OAEP", "SHA-256": "RSA-OAEP-256", "SHA-384": "RSA-OAEP-384", "SHA-512": "RSA-OAEP-512" },
  };

  function rsa(name, operations) {
    return {
      ...operations,
      async generateKey(alg, extractable, usages) {
        const algorithm = {
          name,
          modulusLength: alg.modulusLength,
          publicExponent: alg.publicExponent,
          hash: { name: alg.hash.name },
        };
        return generatePair(name, algorithm, extractable, usages, "RSA", alg.modulusLength, alg.publicExponent);
      },
      async importKey(format, keyData, alg, extractable, usages, handle) {
        const allowed = asymmetricUsages[name];
        if (!["spki", "pkcs8", "jwk"].includes(format)) throw notSupported(`Cannot import an ${name} key in ${format} format`);
        const type = importType(format, keyData);
        checkUsages(usages, allowed[type]);
        if (format === "jwk") {
          checkJwk(keyData, "RSA", allowed.use, usages, extractable);
          if (keyData.alg !== undefined) {
            const hash = Object.keys(rsaJwkAlg[name]).find((hash) => rsaJwkAlg[name][hash] === keyData.alg);
            if (hash === undefined) throw dataError(`The JWK "alg" member "${keyData.alg}" is not one of ${name}`);
            if (hash !== alg.hash.name) throw dataError(`The JWK "alg" member "${keyData.alg}" does not use ${alg.hash.name}`);
          }
          if (keyData.oth !== undefined) throw notSupported("RSA keys of more than two primes (\"oth\") are not supported");
        }
        const { modulusLength, publicExponent } = await importAsymmetric(name, format, keyData, "RSA", handle);
        return { type, algorithm: { name, modulusLength, publicExponent, hash: { name: alg.hash.name } } };
      },
      exportKey: (format, key) =>
        exportAsymmetric(format, key, "RSA", { kty: "RSA", alg: rsaJwkAlg[name][key.algorithm.hash.name] }),
    };
  }

  function rsaSign(pss) {
    const name = pss ? "RSA-PSS" : "RSASSA-PKCS1-v1_5";
    return {
      async sign(alg, key, data) {
        requireType(key, "private");
        const salt = pss ? alg.saltLength : 0;
        return run("sign", name, (id) => ops.subtle_rsa_sign(id, key.handle, pss, key.algorithm.hash.name, salt, data));
      },
      async verify(alg, key, signature, data) {
        requireType(key, "public");
        const salt = pss ? alg.saltLength : 0;
        return run("verify", name, (id) => ops.subtle_rsa_sign(id, key.handle, pss, key.algorithm.hash.name, salt, data, signature));
      },
    };
  }

  const oaep = (decrypt) =>
    async function (alg, key, data) {
      requireType(key, decrypt ? "private" : "public");
      return run(decrypt ? "decrypt" : "encrypt", "RSA-OAEP", (id) =>
        ops.subtle_rsa_oaep(id, key.handle, decrypt, key.algorithm.hash.name, data, alg.label),
      );
    };

  const sha = {
    digest: (alg, data) => run("digest", alg.name, (id) => ops.subtle_digest(id, alg.name, data)),
  };

  const algorithms = {
    "SHA-1": sha,
    "SHA-256": sha,
    "SHA-384": sha,
    "SHA-512": sha,
    "AES-GCM": aes("AES-GCM", "GCM", aesUsages, { encrypt: gcm(false), decrypt: gcm(true) }),
    "AES-CBC": aes("AES-CBC", "CBC", aesUsages, { encrypt: cbc(false), decrypt: cbc(true) }),
    "AES-CTR": aes("AES-CTR", "CTR", aesUsages, { encrypt: ctr("encrypt"), decrypt: ctr("decrypt") }),
    "AES-KW": aes("AES-KW", "KW", ["wrapKey", "unwrapKey"], { wrapKey: kw(false), unwrapKey: kw(true) }),
    HMAC: hmac,
    HKDF: kdf("HKDF", (alg, key, length) =>
      run("deriveBits", "HKDF", (id) => ops.subtle_hkdf(id, key.handle, alg.hash.name, alg.salt, alg.info, length)),
    ),
    PBKDF2: kdf("PBKDF2", (alg, key, length) =>
      run("deriveBits", "PBKDF2", (id) =>
        ops.subtle_pbkdf2(id, key.handle, alg.hash.name, alg.salt, alg.iterations, length),
      ),
    ),
    ECDSA: ec("ECDSA", {
      async sign(alg, key, data) {
        requireType(key, "private");
        return run("sign", "ECDSA", (id) => ops.subtle_ecdsa(id, key.handle, alg.hash.name, data));
      },
      async verify(alg, key, signature, data) {
        requireType(key, "public");
        return run("verify", "ECDSA", (id) => ops.subtle_ecdsa(id, key.handle, alg.hash.name, data, signature));
      },
    }),
    ECDH: ec("ECDH", { deriveBits: agree }),
    Ed25519: okp("Ed25519", {
      async sign(alg, key, data) {
        requireType(key, "private");
        return run("sign", "Ed25519", (id) => ops.subtle_ed25519(id, key.handle, data));
      },
      async verify(alg, key, signature, data) {
        requireType(key, "public");
        return run("verify", "Ed25519", (id) => ops.subtle_ed25519(id, key.handle, data, signature));
      },
    }),
    X25519: okp("X25519", { deriveBits: agree }),
    "RSASSA-PKCS1-v1_5": rsa("RSASSA-PKCS1-v1_5", rsaSign(false)),
    "RSA-PSS": rsa("RSA-PSS", rsaSign(true)),
    "RSA-OAEP": rsa("RSA-OAEP", { encrypt: oaep(false), decrypt: oaep(true) }),
  };

  // The operations the methods share: import and export (also the steps of
  // wrapKey and unwrapKey, and deriveKey's import).
  async function importKeyAs(format, keyData, alg, extractable, usages) {
    return withHandles(1, async (handle) => {
      const { type, algorithm } = await algorithms[alg.name].importKey(format, keyData, alg, extractable, usages, handle);
      if ((type === "secret" || type === "private") && usages.length === 0) {
        throw syntaxError("Usages cannot be empty when creating a key");
      }
      return newKey(type, algorithm, extractable, intersect(usages), handle);
    });
  }

  // exportKey's steps after the promise is returned.
  async function exportKeyAs(format, key) {
    const exporter = algorithms[key.algorithm.name].exportKey;
    if (exporter === undefined) throw notSupported(`${key.algorithm.name} keys cannot be exported`);
    if (!key.extractable) throw invalidAccess("The key is not extractable");
    return exporter(format, key);
  }

  // The checks every operation with a key makes: the algorithm is the key's
  // and the key may be used for it.
  function checkKey(normalized, key, usage) {
    if (normalized.name !== key.algorithm.name) {
      throw invalidAccess(`The key's algorithm is ${key.algorithm.name}, not ${normalized.name}`);
    }
    if (!key.usages.includes(usage)) throw invalidAccess(`The key's usages do not include '${usage}'`);
  }

  // --- SubtleCrypto --------------------------------------------------------------
  const failed = (method) => `Failed to execute '${method}' on 'SubtleCrypto'`;
  const argument = (method, n) => `${failed(method)}: parameter ${n}`;

  class SubtleCrypto {
    #brand;

    constructor(token) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      this.#brand = true;
    }

    static #check(self, method, count, required) {
      if (!isObject(self) || !(#brand in self)) throw new TypeError(`${failed(method)}: Illegal invocation`);
      requireArguments(count, required, failed(method));
    }

    // https://w3c.github.io/webcrypto/#SubtleCrypto-method-encrypt
    async encrypt(algorithm, key, data) {
      SubtleCrypto.#check(this, "encrypt", arguments.length, 3);
      algorithm = algorithmIdentifier(algorithm);
      key = cryptoKey(key, argument("encrypt", 2));
      data = bufferSource(data, argument("encrypt", 3));
      const normalized = normalize("encrypt", algorithm);
      checkKey(normalized, key, "encrypt");
      return bufferOf(await algorithms[normalized.name].encrypt(normalized, key, data));
    }

    async decrypt(algorithm, key, data) {
      SubtleCrypto.#check(this, "decrypt", arguments.length, 3);
      algorithm = algorithmIdentifier(algorithm);
      key = cryptoKey(key, argument("decrypt", 2));
      data = bufferSource(data, argument("decrypt", 3));
      const normalized = normalize("decrypt", algorithm);
      checkKey(normalized, key, "decrypt");
      return bufferOf(await algorithms[normalized.name].decrypt(normalized, key, data));
    }

    async sign(algorithm, key, data) {
      SubtleCrypto.#check(this, "sign", arguments.length, 3);
      algorithm = algorithmIdentifier(algorithm);
      key = cryptoKey(key, argument("sign", 2));
      data = bufferSource(data, argument("sign", 3));
      const normalized = normalize("sign", algorithm);
      checkKey(normalized, key, "sign");
      return bufferOf(await algorithms[normalized.name].sign(normalized, key, data));
    }

    async verify(algorithm, key, signature, data) {
      SubtleCrypto.#check(this, "verify", arguments.length, 4);
      algorithm = algorithmIdentifier(algorithm);
      key = cryptoKey(key, argument("verify", 2));
      signature = bufferSource(signature, argument("verify", 3));
      data = bufferSource(data, argument("verify", 4));
      const normalized = normalize("verify", algorithm);
      checkKey(normalized, key, "verify");
      return algorithms[normalized.name].verify(normalized, key, signature, data);
    }

    async digest(algorithm, data) {
      SubtleCrypto.#check(this, "digest", arguments.length, 2);
      algorithm = algorithmIdentifier(algorithm);
      data = bufferSource(data, argument("digest", 2));
      const normalized = normalize("digest", algorithm);
      return bufferOf(await algorithms[normalized.name].digest(normalized, data));
    }

    async generateKey(algorithm, extractable, keyUsages_) {
      SubtleCrypto.#check(this, "generateKey", arguments.length, 3);
      algorithm = algorithmIdentifier(algorithm);
      extractable = Boolean(extractable);
      const usages = keyUsages(keyUsages_, argument("generateKey", 3));
      const normalized = normalize("generateKey", algorithm);
      return algorithms[normalized.name].generateKey(normalized, extractable, usages);
    }

    async deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages_) {
      SubtleCrypto.#check(this, "deriveKey", arguments.length, 5);
      algorithm = algorithmIdentifier(algorithm);
      baseKey = cryptoKey(baseKey, argument("deriveKey", 2));
      derivedKeyType = algorithmIdentifier(derivedKeyType);
      extractable = Boolean(extractable);
      const usages = keyUsages(keyUsages_, argument("deriveKey", 5));
      const normalized = normalize("deriveBits", algorithm);
      const importAlgorithm = normalize("importKey", derivedKeyType);
      const lengthAlgorithm = normalize("get key length", derivedKeyType);
      checkKey(normalized, baseKey, "deriveKey");
      const length = algorithms[lengthAlgorithm.name].keyLength(lengthAlgorithm);
      const secret = await algorithms[normalized.name].deriveBits(normalized, baseKey, length);
      return importKeyAs("raw", secret, importAlgorithm, extractable, usages);
    }

    async deriveBits(algorithm, baseKey, length = null) {
      SubtleCrypto.#check(this, "deriveBits", arguments.length, 2);
      algorithm = algorithmIdentifier(algorithm);
      baseKey = cryptoKey(baseKey, argument("deriveBits", 2));
      // `optional unsigned long? length = null`: ToUint32 of anything else.
      length = length === null || length === undefined ? null : +length >>> 0;
      const normalized = normalize("deriveBits", algorithm);
      checkKey(normalized, baseKey, "deriveBits");
      return bufferOf(await algorithms[normalized.name].deriveBits(normalized, baseKey, length));
    }

    async importKey(format, keyData, algorithm, extractable, keyUsages_) {
      SubtleCrypto.#check(this, "importKey", arguments.length, 5);
      format = enumValue(format, keyFormats, "KeyFormat", argument("importKey", 1));
      // (BufferSource or JsonWebKey): buffers are BufferSource, anything else the dictionary.
      const isBuffer = isObject(keyData) && isBufferSource(keyData);
      if (!isBuffer) keyData = jsonWebKey(keyData, argument("importKey", 2));
      algorithm = algorithmIdentifier(algorithm);
      extractable = Boolean(extractable);
      const usages = keyUsages(keyUsages_, argument("importKey", 5));
      const normalized = normalize("importKey", algorithm);
      if (format === "jwk") {
        if (isBuffer) throw new TypeError(`${argument("importKey", 2)} is not a JsonWebKey: a "jwk" key is an object.`);
      } else {
        if (!isBuffer) throw new TypeError(`${argument("importKey", 2)} is not a BufferSource: a "${format}" key is bytes.`);
        keyData = bufferSource(keyData, argument("importKey", 2));
      }
      return importKeyAs(format, keyData, normalized, extractable, usages);
    }

    async exportKey(format, key) {
      SubtleCrypto.#check(this, "exportKey", arguments.length, 2);
      format = enumValue(format, keyFormats, "KeyFormat", argument("exportKey", 1));
      key = cryptoKey(key, argument("exportKey", 2));
      return exportKeyAs(format, key);
    }

    async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      SubtleCrypto.#check(this, "wrapKey", arguments.length, 4);
      format = enumValue(format, keyFormats, "KeyFormat", argument("wrapKey", 1));
      key = cryptoKey(key, argument("wrapKey", 2));
      wrappingKey = cryptoKey(wrappingKey, argument("wrapKey", 3));
      wrapAlgorithm = algorithmIdentifier(wrapAlgorithm);
      let normalized;
      try {
        normalized = normalize("wrapKey", wrapAlgorithm);
      } catch {
        normalized = normalize("encrypt", wrapAlgorithm);
      }
      checkKey(normalized, wrappingKey, "wrapKey");
      const exported = await exportKeyAs(format, key);
      const bytes = format === "jwk" ? ops.utf8_encode(jsonStringify(exported)) : new Uint8Array(exported);
      const implementation = algorithms[normalized.name];
      const wrap = implementation.wrapKey ?? implementation.encrypt;
      return bufferOf(await wrap(normalized, wrappingKey, bytes));
    }

    async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages_) {
      SubtleCrypto.#check(this, "unwrapKey", arguments.length, 7);
      format = enumValue(format, keyFormats, "KeyFormat", argument("unwrapKey", 1));
      wrappedKey = bufferSource(wrappedKey, argument("unwrapKey", 2));
      unwrappingKey = cryptoKey(unwrappingKey, argument("unwrapKey", 3));
      unwrapAlgorithm = algorithmIdentifier(unwrapAlgorithm);
      unwrappedKeyAlgorithm = algorithmIdentifier(unwrappedKeyAlgorithm);
      extractable = Boolean(extractable);
      const usages = keyUsages(keyUsages_, argument("unwrapKey", 7));
      let normalized;
      try {
        normalized = normalize("unwrapKey", unwrapAlgorithm);
      } catch {
        normalized = normalize("decrypt", unwrapAlgorithm);
      }
      const keyAlgorithm = normalize("importKey", unwrappedKeyAlgorithm);
      checkKey(normalized, unwrappingKey, "unwrapKey");
      const implementation = algorithms[normalized.name];
      const unwrap = implementation.unwrapKey ?? implementation.decrypt;
      const bytes = await unwrap(normalized, unwrappingKey, wrappedKey);
      const keyData = format === "jwk" ? parseJwk(bytes) : bytes;
      return importKeyAs(format, keyData, keyAlgorithm, extractable, usages);
    }
  }
  finishInterface(SubtleCrypto, "SubtleCrypto");
  const subtle = new SubtleCrypto(internalConstruct);

  return { SubtleCrypto, CryptoKey, subtle };
})

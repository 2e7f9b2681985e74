// web.js: kode:internal/web — the Web platform's `crypto` (Web Cryptography
// API: getRandomValues, randomUUID). Loaded on the first touch of one of its
// globals (`defineLazy` in runtime/js/00_core.js installs the getters).
//
// The code follows the standards' algorithms by name, so a failing
// web-platform-test points at a step:
//   https://w3c.github.io/webcrypto/#crypto-interface
// `crypto.subtle` is not built yet: it is absent (not a stub), so
// `if (crypto.subtle)` feature detection sees the truth.
(function (ops, internal) {
  "use strict";

  // --- WebIDL plumbing ---------------------------------------------------------
  // Interfaces that scripts may not construct: the constructor needs this token.
  const internalConstruct = Symbol("internal construct");

  function requireArguments(count, required, context) {
    if (count < required) {
      throw new TypeError(`${context}: ${required} argument${required === 1 ? "" : "s"} required, but only ${count} present.`);
    }
  }

  // WebIDL makes interface members enumerable (class syntax does not) and
  // gives each prototype a toStringTag.
  function finishInterface(Class, name) {
    const proto = Class.prototype;
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor") continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      descriptor.enumerable = true;
      Object.defineProperty(proto, key, descriptor);
    }
    Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
  }

  // DOMException is the events area's global, looked up when thrown.
  const domException = (message, name) => new globalThis.DOMException(message, name);

  // --- Crypto ------------------------------------------------------------------
  // Randomness is kode:crypto's (the OS CSPRNG through the getrandom crate),
  // loaded on the first call.
  let kodeCrypto;
  const randomSource = () => (kodeCrypto ??= internal.cjs.loadBuiltin("kode:crypto"));

  // %TypedArray%.prototype[@@toStringTag] is the element type of a real typed
  // array (not spoofable) and undefined for anything else.
  const typedArrayName = Function.prototype.call.bind(
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get,
  );
  const integerTypes = new Set([
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "BigInt64Array",
    "BigUint64Array",
  ]);
  // The most bytes one getRandomValues call fills.
  const maxRandomBytes = 65536;

  class Crypto {
    #brand;

    constructor(token) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      this.#brand = true;
    }

    static #check(self, member) {
      if (self === null || (typeof self !== "object" && typeof self !== "function") || !(#brand in self)) {
        throw new TypeError(`Crypto.prototype.${member}: Illegal invocation`);
      }
    }

    // https://w3c.github.io/webcrypto/#Crypto-method-getRandomValues
    getRandomValues(array) {
      Crypto.#check(this, "getRandomValues");
      requireArguments(arguments.length, 1, "Failed to execute 'getRandomValues' on 'Crypto'");
      // WebIDL: the argument is an ArrayBufferView.
      if (!ArrayBuffer.isView(array)) {
        throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'.");
      }
      // 1. Not an integer typed array: TypeMismatchError.
      const type = typedArrayName(array) ?? "DataView";
      if (!integerTypes.has(type)) {
        throw domException(
          `Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is of type '${type}', which is not an integer array type.`,
          "TypeMismatchError",
        );
      }
      // 2. More than 65536 bytes: QuotaExceededError.
      const byteLength = array.byteLength;
      if (byteLength > maxRandomBytes) {
        throw domException(
          `Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${byteLength}) exceeds the number of bytes of entropy available via this API (${maxRandomBytes}).`,
          "QuotaExceededError",
        );
      }
      // 3. Overwrite every byte with cryptographically strong random values.
      new Uint8Array(array.buffer, array.byteOffset, byteLength).set(randomSource().randomBytes(byteLength));
      // 4. Return the same array.
      return array;
    }

    // https://w3c.github.io/webcrypto/#Crypto-method-randomUUID: a version 4
    // UUID, lowercase hex.
    randomUUID() {
      Crypto.#check(this, "randomUUID");
      return randomSource().randomUUID();
    }
  }
  finishInterface(Crypto, "Crypto");
  const crypto = new Crypto(internalConstruct);

  return { Crypto, crypto };
})

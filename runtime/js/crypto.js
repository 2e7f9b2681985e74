// crypto.js: kode:crypto - SHA-2 digests and secure randomness (SPEC section 4).
// The ops check and convert arguments and throw the errors (with `operation`);
// this file shapes the results.
(function (ops, internal) {
  "use strict";

  const { buildError } = internal;

  // hash(algorithm, data) -> { algorithm, hex }. `algorithm` is sha256, sha384 or
  // sha512 in any case (also SHA-256 etc.) and comes back in its lowercase Node
  // name; `data` is a string (hashed as UTF-8), an ArrayBufferView or an ArrayBuffer.
  function hash(algorithm, data) {
    const [name, hex] = ops.crypto_hash(algorithm, data);
    return { algorithm: name, hex };
  }

  // randomBytes(n) -> Uint8Array of n bytes from the OS CSPRNG, n an integer,
  // 0 <= n <= 64 MiB. A non-number is a TypeError here; a number that is not an
  // integer in range is a RangeError from the op (Node draws the same line).
  function randomBytes(n) {
    if (typeof n !== "number") {
      throw buildError(TypeError, "EINVALID_ARG", `The "size" argument must be a number (received ${describe(n)})`, {
        operation: "kode:crypto.randomBytes",
      });
    }
    return ops.crypto_random_bytes(n);
  }

  // randomUUID() -> RFC 4122 version 4 UUID, lowercase.
  function randomUUID() {
    return ops.crypto_random_uuid();
  }

  function describe(value) {
    return value === null ? "null" : typeof value;
  }

  return { hash, randomBytes, randomUUID };
})

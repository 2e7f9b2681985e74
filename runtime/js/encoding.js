// encoding.js: kode:encoding - UTF-8, base64 and hex (SPEC section 4).
// Invalid encoded input throws a TypeError with code "EINVALID_ENCODING"; a
// wrong argument type throws a TypeError with code "EINVALID_ARG". Both carry
// `operation: "kode:encoding.<function>"`.
(function (ops, internal) {
  "use strict";

  const { buildError } = internal;

  function invalidArg(fn, message) {
    return buildError(TypeError, "EINVALID_ARG", message, { operation: `kode:encoding.${fn}` });
  }

  function describe(value) {
    return value === null ? "null" : typeof value;
  }

  // encodeUtf8(text) -> Uint8Array. Lone surrogates become U+FFFD (WHATWG).
  function encodeUtf8(text) {
    if (typeof text !== "string") {
      throw invalidArg("encodeUtf8", `The "text" argument must be a string (received ${describe(text)})`);
    }
    return ops.utf8_encode(text);
  }

  // decodeUtf8(bytes, { fatal = true, ignoreBOM = false }) -> string.
  // Strict by default: invalid UTF-8 (bad bytes, overlong forms, surrogates,
  // truncated sequences) throws EINVALID_ENCODING; with `fatal: false` each
  // maximal invalid subpart becomes U+FFFD. One leading BOM is stripped unless
  // `ignoreBOM` is true, as in TextDecoder.
  function decodeUtf8(bytes, options) {
    if (options === undefined || options === null) options = {};
    else if (typeof options !== "object") {
      throw invalidArg("decodeUtf8", `The "options" argument must be an object (received ${describe(options)})`);
    }
    const fatal = options.fatal === undefined ? true : Boolean(options.fatal);
    const ignoreBOM = Boolean(options.ignoreBOM);
    return ops.encoding_decode_utf8(bytes, fatal, ignoreBOM);
  }

  // encodeBase64(data) -> standard alphabet with "=" padding; a string is
  // encoded as UTF-8 first.
  function encodeBase64(data) {
    return ops.encoding_encode_base64(data);
  }

  // decodeBase64(text) -> Uint8Array. Strict RFC 4648: padding required, no
  // whitespace, canonical last symbol; exactly what encodeBase64 produces.
  function decodeBase64(text) {
    return ops.encoding_decode_base64(text);
  }

  // encodeHex(data) -> lowercase hex; a string is encoded as UTF-8 first.
  function encodeHex(data) {
    return ops.encoding_encode_hex(data);
  }

  // decodeHex(text) -> Uint8Array; digits in either case, even length, nothing else.
  function decodeHex(text) {
    return ops.encoding_decode_hex(text);
  }

  return { encodeUtf8, decodeUtf8, encodeBase64, decodeBase64, encodeHex, decodeHex };
})

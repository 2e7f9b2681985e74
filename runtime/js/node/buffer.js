// buffer.js: node:buffer. Buffer is a Uint8Array subclass as in Node (the
// function `Buffer` shares its prototype with the class FastBuffer, which
// makes the instances); the encodings run on Kode's ops and V8's own
// base64/hex methods, with Node's lenient decoding rules in front of them.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, argTypeError, outOfRange, invalidArgValue } = support;

  // Node 22 on 64-bit: typed arrays up to 2^53 - 1 bytes; V8's string limit.
  const kMaxLength = Number.MAX_SAFE_INTEGER;
  const kStringMaxLength = 536870888;
  let INSPECT_MAX_BYTES = 50;

  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
  const isTypedArray = (value) => typedArrayTag.call(value) !== undefined;
  const isUint8Array = (value) => typedArrayTag.call(value) === "Uint8Array";
  const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const sharedByteLength = Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get;
  function isAnyArrayBuffer(value) {
    for (const getter of [arrayBufferByteLength, sharedByteLength]) {
      try {
        getter.call(value);
        return true;
      } catch {}
    }
    return false;
  }
  const toBase64 = Uint8Array.prototype.toBase64;
  const toHex = Uint8Array.prototype.toHex;

  // --- errors ------------------------------------------------------------------
  const bufferOutOfBounds = (name) =>
    nodeError(RangeError, "ERR_BUFFER_OUT_OF_BOUNDS",
      name ? `"${name}" is outside of buffer bounds` : "Attempt to access memory outside buffer bounds");
  // Node's native write methods word this one differently.
  const notAString = () => nodeError(TypeError, "ERR_INVALID_ARG_TYPE", "argument must be a string");
  const unknownEncoding = (encoding) => nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);

  function validateNumber(value, name) {
    if (typeof value !== "number") throw argTypeError(name, "number", value);
  }
  // Node's validateOffset / validateInteger ("&&" in their ranges).
  function validateOffset(value, name, min = 0, max = kMaxLength) {
    if (typeof value !== "number") throw argTypeError(name, "number", value);
    if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }
  // A read or write at `value` that does not fit; `last` is the last valid offset.
  function boundsError(value, last, type) {
    if (Math.floor(value) !== value) {
      validateNumber(value, type || "offset");
      throw outOfRange(type || "offset", "an integer", value);
    }
    if (last < 0) throw bufferOutOfBounds();
    throw outOfRange(type || "offset", `>= ${type ? 1 : 0} and <= ${last}`, value);
  }

  // --- the classes -------------------------------------------------------------
  class FastBuffer extends Uint8Array {
    // One signature for every construction path: (length) or (buffer, offset, length).
    constructor(bufferOrLength, byteOffset, length) {
      super(bufferOrLength, byteOffset, length);
    }
  }

  // Legacy `Buffer(arg)` / `new Buffer(arg)`: deprecated (DEP0005), as Node warns.
  let deprecationShown = false;
  function Buffer(arg, encodingOrOffset, length) {
    showDeprecation();
    if (typeof arg === "number") {
      if (typeof encodingOrOffset === "string") throw argTypeError("string", "string", arg);
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  function showDeprecation() {
    if (deprecationShown) return;
    // Node stays quiet for code inside node_modules.
    const stack = new Error().stack.split("\n").slice(3).find((line) => !line.includes("kode:internal/") && !line.includes("node:"));
    if (stack !== undefined && stack.includes("/node_modules/")) return;
    deprecationShown = true;
    support.emitWarning(
      "Buffer() is deprecated due to security and usability issues. Please use the Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.",
      "DeprecationWarning", "DEP0005");
  }
  Object.defineProperty(Buffer, "prototype", { value: FastBuffer.prototype, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(FastBuffer.prototype, "constructor", { value: Buffer, writable: true, enumerable: false, configurable: true });
  Object.setPrototypeOf(Buffer, Uint8Array);
  // map(), filter()... make FastBuffers directly (no deprecation warning).
  Object.defineProperty(Buffer, Symbol.species, { get: () => FastBuffer, enumerable: false, configurable: true });

  Buffer.poolSize = 8 * 1024;

  // Small unsafe allocations share 8 KiB pools, as in Node.
  let poolSize;
  let poolOffset;
  let allocPool;
  function createPool() {
    poolSize = Buffer.poolSize;
    allocPool = new ArrayBuffer(poolSize);
    poolOffset = 0;
  }
  createPool();
  function allocate(size) {
    if (size <= 0) return new FastBuffer();
    if (size < Buffer.poolSize >>> 1) {
      if (size > poolSize - poolOffset) createPool();
      const buffer = new FastBuffer(allocPool, poolOffset, size);
      poolOffset += size;
      if (poolOffset & 7) poolOffset = (poolOffset | 7) + 1;
      return buffer;
    }
    return new FastBuffer(size);
  }

  // --- encodings ---------------------------------------------------------------
  // Each encoding: byteLength(string), write(buf, string, offset, length) ->
  // bytes written, slice(buf, start, end) -> string, and bytes(string) -> a
  // fresh Uint8Array (what Buffer.from and indexOf need).
  const view = (buf, start, end) => new Uint8Array(buf.buffer, buf.byteOffset + start, end - start);

  function utf8Length(string) {
    let length = string.length;
    for (let i = 0; i < string.length; i++) {
      const code = string.charCodeAt(i);
      if (code < 0x80) continue;
      if (code < 0x800) length += 1;
      else if (code >= 0xd800 && code <= 0xdbff && i + 1 < string.length &&
          (string.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        length += 2; // a pair: 4 bytes for 2 units
        i++;
      } else length += 2;
    }
    return length;
  }

  // A run of String.fromCharCode over at most 4096 codes at a time.
  function fromCodes(codes) {
    if (codes.length <= 4096) return String.fromCharCode.apply(null, codes);
    let text = "";
    for (let i = 0; i < codes.length; i += 4096) text += String.fromCharCode.apply(null, codes.subarray(i, i + 4096));
    return text;
  }

  function latin1Bytes(string) {
    const bytes = new Uint8Array(string.length);
    for (let i = 0; i < string.length; i++) bytes[i] = string.charCodeAt(i);
    return bytes;
  }

  function ucs2Bytes(string) {
    const bytes = new Uint8Array(string.length * 2);
    for (let i = 0, j = 0; i < string.length; i++, j += 2) {
      const code = string.charCodeAt(i);
      bytes[j] = code;
      bytes[j + 1] = code >>> 8;
    }
    return bytes;
  }
  function ucs2Slice(buf, start, end) {
    const count = (end - start) >>> 1;
    const offset = buf.byteOffset + start;
    // Aligned views read the code units directly (hosts are little-endian).
    if ((offset & 1) === 0) return fromCodes(new Uint16Array(buf.buffer, offset, count));
    const codes = new Uint16Array(count);
    for (let i = 0, j = start; i < count; i++, j += 2) codes[i] = buf[j] | (buf[j + 1] << 8);
    return fromCodes(codes);
  }

  // Node's base64 reader accepts both alphabets, skips whitespace and any
  // other stray character, and stops at the first "=".
  function base64Bytes(string) {
    const pad = string.indexOf("=");
    if (pad !== -1) string = string.slice(0, pad);
    if (/[^A-Za-z0-9+/]/.test(string)) {
      string = string.replace(/[^A-Za-z0-9+/\-_]/g, "");
      string = string.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
    }
    // A lone symbol after the last full group carries no byte.
    if (string.length % 4 === 1) string = string.slice(0, -1);
    return Uint8Array.fromBase64(string, { lastChunkHandling: "loose" });
  }
  function base64Length(string) {
    let length = string.length;
    if (string.charCodeAt(length - 1) === 0x3d) length--;
    if (length > 1 && string.charCodeAt(length - 1) === 0x3d) length--;
    return (length * 3) >>> 2;
  }

  // Node's hex reader stops at the first pair that is not two hex digits.
  function hexBytes(string) {
    let end = 0;
    const length = string.length - (string.length & 1);
    while (end < length && isHexDigit(string.charCodeAt(end)) && isHexDigit(string.charCodeAt(end + 1))) end += 2;
    return Uint8Array.fromHex(end === string.length ? string : string.slice(0, end));
  }
  function isHexDigit(c) {
    return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
  }

  function writeBytes(buf, bytes, offset, length) {
    const count = Math.min(bytes.length, length);
    if (count > 0) buf.set(count === bytes.length ? bytes : bytes.subarray(0, count), offset);
    return count;
  }

  const encodingOps = {
    utf8: {
      name: "utf8",
      byteLength: utf8Length,
      bytes: (string) => ops.utf8_encode(string),
      write(buf, string, offset, length) {
        if (length <= 0) return 0;
        return ops.utf8_encode_into(string, view(buf, offset, offset + length))[1];
      },
      slice: (buf, start, end) => ops.utf8_decode(view(buf, start, end), false, true),
    },
    utf16le: {
      name: "utf16le",
      byteLength: (string) => string.length * 2,
      bytes: ucs2Bytes,
      write(buf, string, offset, length) {
        const count = Math.min(string.length, length >>> 1);
        return writeBytes(buf, ucs2Bytes(count === string.length ? string : string.slice(0, count)), offset, length);
      },
      slice: ucs2Slice,
    },
    latin1: {
      name: "latin1",
      byteLength: (string) => string.length,
      bytes: latin1Bytes,
      write(buf, string, offset, length) {
        const count = Math.min(string.length, length);
        for (let i = 0; i < count; i++) buf[offset + i] = string.charCodeAt(i);
        return count;
      },
      slice: (buf, start, end) => fromCodes(view(buf, start, end)),
    },
    ascii: {
      name: "ascii",
      byteLength: (string) => string.length,
      bytes: latin1Bytes,
      write: (buf, string, offset, length) => encodingOps.latin1.write(buf, string, offset, length),
      slice(buf, start, end) {
        const bytes = view(buf, start, end);
        for (let i = 0; i < bytes.length; i++) {
          if (bytes[i] > 0x7f) return fromCodes(bytes.map((b) => b & 0x7f));
        }
        return fromCodes(bytes);
      },
    },
    base64: {
      name: "base64",
      byteLength: base64Length,
      bytes: base64Bytes,
      write: (buf, string, offset, length) => writeBytes(buf, base64Bytes(string), offset, length),
      slice: (buf, start, end) => toBase64.call(view(buf, start, end)),
    },
    base64url: {
      name: "base64url",
      byteLength: base64Length,
      bytes: base64Bytes,
      write: (buf, string, offset, length) => writeBytes(buf, base64Bytes(string), offset, length),
      slice: (buf, start, end) => toBase64.call(view(buf, start, end), { alphabet: "base64url", omitPadding: true }),
    },
    hex: {
      name: "hex",
      byteLength: (string) => string.length >>> 1,
      bytes: hexBytes,
      write: (buf, string, offset, length) => writeBytes(buf, hexBytes(string), offset, length),
      slice: (buf, start, end) => toHex.call(view(buf, start, end)),
    },
  };

  // Node's getEncodingOps: any case, with or without the dash.
  const encodingNames = new Map([
    ["utf8", "utf8"], ["utf-8", "utf8"], ["ucs2", "utf16le"], ["ucs-2", "utf16le"], ["utf16le", "utf16le"],
    ["utf-16le", "utf16le"], ["latin1", "latin1"], ["binary", "latin1"], ["base64", "base64"],
    ["base64url", "base64url"], ["hex", "hex"], ["ascii", "ascii"],
  ]);
  function getEncodingOps(encoding) {
    encoding += "";
    const name = encodingNames.get(encoding) ?? encodingNames.get(encoding.toLowerCase());
    return name === undefined ? undefined : encodingOps[name];
  }
  // Node's normalizeEncoding: undefined, null and "" mean utf8; a non-string is no encoding.
  function normalizeEncoding(encoding) {
    if (encoding === undefined || encoding === null || encoding === "") return "utf8";
    if (typeof encoding !== "string") return undefined;
    return getEncodingOps(encoding)?.name;
  }

  // --- static members ----------------------------------------------------------
  function fromString(string, encoding) {
    let encoder;
    if (typeof encoding !== "string" || encoding.length === 0) {
      if (string.length === 0) return new FastBuffer();
      encoder = encodingOps.utf8;
    } else {
      encoder = getEncodingOps(encoding);
      if (encoder === undefined) throw unknownEncoding(encoding);
      if (string.length === 0) return new FastBuffer();
    }
    if (encoder === encodingOps.utf8 && string.length < 64) {
      const small = asciiFromPool(string);
      if (small !== undefined) return small;
    }
    const bytes = encoder.bytes(string);
    return new FastBuffer(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  // Short ASCII strings (keys, numbers, ids) skip the op and land in the pool.
  function asciiFromPool(string) {
    for (let i = 0; i < string.length; i++) {
      if (string.charCodeAt(i) > 0x7f) return undefined;
    }
    const buffer = allocate(string.length);
    for (let i = 0; i < string.length; i++) buffer[i] = string.charCodeAt(i);
    return buffer;
  }

  function fromArrayLike(source) {
    const length = source.length;
    if (!(length > 0)) return new FastBuffer();
    const buffer = allocate(length);
    if (isTypedArray(source) || Array.isArray(source)) buffer.set(source);
    else for (let i = 0; i < length; i++) buffer[i] = source[i];
    return buffer;
  }

  function fromArrayBuffer(arrayBuffer, byteOffset, length) {
    if (byteOffset === undefined) byteOffset = 0;
    else {
      byteOffset = +byteOffset;
      if (Number.isNaN(byteOffset)) byteOffset = 0;
    }
    const maxLength = arrayBuffer.byteLength - byteOffset;
    if (maxLength < 0) throw bufferOutOfBounds("offset");
    if (length === undefined) length = maxLength;
    else {
      length = +length;
      if (length > 0) {
        if (length > maxLength) throw bufferOutOfBounds("length");
      } else length = 0;
    }
    return new FastBuffer(arrayBuffer, byteOffset, length);
  }

  function fromObject(object) {
    if (object.length !== undefined || isAnyArrayBuffer(object.buffer)) {
      if (typeof object.length !== "number") return new FastBuffer();
      return fromArrayLike(object);
    }
    if (object.type === "Buffer" && Array.isArray(object.data)) return fromArrayLike(object.data);
    return undefined;
  }

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === "string") return fromString(value, encodingOrOffset);
    if (typeof value === "object" && value !== null) {
      if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
      const valueOf = value.valueOf && value.valueOf();
      if (valueOf != null && valueOf !== value && (typeof valueOf === "string" || typeof valueOf === "object")) {
        return from(valueOf, encodingOrOffset, length);
      }
      const buffer = fromObject(value);
      if (buffer !== undefined) return buffer;
      if (typeof value[Symbol.toPrimitive] === "function") {
        const primitive = value[Symbol.toPrimitive]("string");
        if (typeof primitive === "string") return fromString(primitive, encodingOrOffset);
      }
    }
    throw argTypeError("first argument", ["string", "Buffer", "ArrayBuffer", "Array", "Array-like Object"], value);
  };

  Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
    if (!isTypedArray(view)) throw argTypeError("view", ["TypedArray"], view);
    const viewLength = view.length;
    if (viewLength === 0) return Buffer.alloc(0);
    if (offset !== undefined || length !== undefined) {
      if (offset !== undefined) {
        validateOffset(offset, "offset", 0, Number.MAX_SAFE_INTEGER);
        if (offset >= viewLength) return Buffer.alloc(0);
      } else offset = 0;
      let end = viewLength;
      if (length !== undefined) {
        validateOffset(length, "length", 0, Number.MAX_SAFE_INTEGER);
        end = offset + length;
      }
      view = view.slice(offset, end);
    }
    return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  };

  Buffer.of = function of(...items) {
    const buffer = new FastBuffer(items.length);
    for (let i = 0; i < items.length; i++) buffer[i] = items[i];
    return buffer;
  };

  // Node's validateNumber with a range: fractions pass (the length truncates).
  function validateSize(size) {
    if (typeof size !== "number") throw argTypeError("size", "number", size);
    if (!(size >= 0 && size <= kMaxLength)) throw outOfRange("size", `>= 0 && <= ${kMaxLength}`, size);
  }

  Buffer.alloc = function alloc(size, fill, encoding) {
    validateSize(size);
    const buffer = new FastBuffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) return fillImpl(buffer, fill, 0, buffer.length, encoding);
    return buffer;
  };
  Buffer.allocUnsafe = function allocUnsafe(size) {
    validateSize(size);
    return allocate(size);
  };
  Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
    validateSize(size);
    return new FastBuffer(size);
  };

  Buffer.isBuffer = function isBuffer(value) {
    return value instanceof Buffer;
  };

  Buffer.compare = function compare(buf1, buf2) {
    if (!isUint8Array(buf1)) throw argTypeError("buf1", ["Buffer", "Uint8Array"], buf1);
    if (!isUint8Array(buf2)) throw argTypeError("buf2", ["Buffer", "Uint8Array"], buf2);
    if (buf1 === buf2) return 0;
    return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
  };

  Buffer.isEncoding = function isEncoding(encoding) {
    return typeof encoding === "string" && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
  };

  Buffer.concat = function concat(list, length) {
    if (!Array.isArray(list)) throw argTypeError("list", "Array", list);
    if (list.length === 0) return new FastBuffer();
    if (length === undefined) {
      length = 0;
      for (let i = 0; i < list.length; i++) {
        if (list[i].length) length += list[i].length;
      }
    } else validateOffset(length, "length");
    const buffer = Buffer.allocUnsafe(length);
    let pos = 0;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (!isUint8Array(item)) throw argTypeError(`list[${i}]`, ["Buffer", "Uint8Array"], item);
      pos += copyActual(item, buffer, pos, 0, item.length);
    }
    if (pos < length) buffer.fill(0, pos, length);
    return buffer;
  };

  Buffer.byteLength = function byteLength(string, encoding) {
    if (typeof string !== "string") {
      if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
      throw argTypeError("string", ["string", "Buffer", "ArrayBuffer"], string);
    }
    const mustMatch = arguments.length > 2 && arguments[2] === true;
    if (!mustMatch && string.length === 0) return 0;
    if (!encoding) return mustMatch ? -1 : utf8Length(string);
    const encoder = getEncodingOps(encoding);
    if (encoder === undefined) return mustMatch ? -1 : utf8Length(string);
    return encoder.byteLength(string);
  };

  // --- comparing and copying -----------------------------------------------------
  function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    const length = Math.min(aEnd - aStart, bEnd - bStart);
    for (let i = 0; i < length; i++) {
      const x = a[aStart + i];
      const y = b[bStart + i];
      if (x !== y) return x < y ? -1 : 1;
    }
    const aLength = aEnd - aStart;
    const bLength = bEnd - bStart;
    return aLength < bLength ? -1 : aLength > bLength ? 1 : 0;
  }

  // A plain Uint8Array over the same bytes, whose methods are the typed
  // array's own (a Buffer's indexOf or subarray are not).
  const bytesOf = (value) => (Object.getPrototypeOf(value) === Uint8Array.prototype
    ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength));

  function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
    if (sourceEnd - sourceStart > target.byteLength - targetStart) sourceEnd = sourceStart + target.byteLength - targetStart;
    let count = sourceEnd - sourceStart;
    const sourceLength = source.byteLength - sourceStart;
    if (count > sourceLength) count = sourceLength;
    if (count <= 0) return 0;
    const from = bytesOf(source);
    const to = bytesOf(target);
    to.set(from.subarray(sourceStart, sourceStart + count), targetStart);
    return count;
  }

  // Node's toInteger for copy(): NaN and huge values fall back to the default.
  function toInteger(n, fallback) {
    n = +n;
    if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
      return n % 1 === 0 ? n : Math.floor(n);
    }
    return fallback;
  }

  function copyImpl(source, target, targetStart, sourceStart, sourceEnd) {
    if (!ArrayBuffer.isView(source)) throw argTypeError("source", ["Buffer", "Uint8Array"], source);
    if (!isUint8Array(target)) throw argTypeError("target", ["Buffer", "Uint8Array"], target);
    if (targetStart === undefined) targetStart = 0;
    else {
      targetStart = toInteger(targetStart, 0);
      if (targetStart < 0) throw outOfRange("targetStart", ">= 0", targetStart);
    }
    if (sourceStart === undefined) sourceStart = 0;
    else {
      sourceStart = toInteger(sourceStart, 0);
      if (sourceStart < 0 || sourceStart > source.byteLength) {
        throw outOfRange("sourceStart", `>= 0 && <= ${source.byteLength}`, sourceStart);
      }
    }
    if (sourceEnd === undefined) sourceEnd = source.byteLength;
    else {
      sourceEnd = toInteger(sourceEnd, 0);
      if (sourceEnd < 0) throw outOfRange("sourceEnd", ">= 0", sourceEnd);
    }
    if (targetStart >= target.byteLength || sourceStart >= sourceEnd) return 0;
    return copyActual(source, target, targetStart, sourceStart, sourceEnd);
  }

  // --- fill ------------------------------------------------------------------
  function fillImpl(buf, value, offset, end, encoding) {
    if (typeof value === "string") {
      if (offset === undefined || typeof offset === "string") {
        encoding = offset;
        offset = 0;
        end = buf.length;
      } else if (typeof end === "string") {
        encoding = end;
        end = buf.length;
      }
      const normalized = normalizeEncoding(encoding);
      if (normalized === undefined) {
        if (typeof encoding !== "string") throw argTypeError("encoding", "string", encoding);
        throw unknownEncoding(encoding);
      }
      if (value.length === 0) value = 0;
      else if (value.length === 1) {
        if (normalized === "utf8") {
          const code = value.charCodeAt(0);
          if (code < 128) value = code;
        } else if (normalized === "latin1") value = value.charCodeAt(0);
      }
      encoding = normalized;
    } else encoding = undefined;

    if (offset === undefined) {
      offset = 0;
      end = buf.length;
    } else {
      validateOffset(offset, "offset");
      if (end === undefined) end = buf.length;
      else validateOffset(end, "end", 0, buf.length);
      if (offset >= end) return buf;
    }

    let pattern;
    if (typeof value === "string") pattern = encodingOps[encoding].bytes(value);
    else if (ArrayBuffer.isView(value)) pattern = bytesOf(value);
    else {
      if (offset > end || end > buf.byteLength) throw bufferOutOfBounds();
      // Node: a number is stored as a byte; other values as ToUint32 & 255.
      Uint8Array.prototype.fill.call(buf, typeof value === "number" ? value : Number(value) >>> 0 & 255, offset, end);
      return buf;
    }
    if (pattern.length === 0) throw invalidArgValue("value", value);
    const target = bytesOf(buf);
    const length = end - offset;
    if (pattern.length >= length) {
      target.set(pattern.subarray(0, length), offset);
      return buf;
    }
    target.set(pattern, offset);
    // Doubling copies: the pattern repeats across [offset, end).
    let filled = pattern.length;
    while (filled < length) {
      const chunk = Math.min(filled, length - filled);
      target.copyWithin(offset + filled, offset, offset + chunk);
      filled += chunk;
    }
    return buf;
  }

  // --- indexOf -----------------------------------------------------------------
  // Node's IndexOfOffset: where a search starts, or -1 when it cannot match.
  function searchStart(length, offset, needleLength, forward) {
    if (offset < 0) {
      if (offset + length >= 0) return length + offset;
      if (forward || needleLength === 0) return 0;
      return -1;
    }
    if (offset + needleLength <= length) return offset;
    if (needleLength === 0) return length;
    if (forward) return -1;
    return length - 1;
  }

  // First (last, backwards) position >= (<=) `start` where `needle` begins;
  // `step` 2 keeps UTF-16 matches on code unit boundaries.
  function searchBytes(haystack, needle, start, forward, step) {
    const first = needle[0];
    const last = haystack.length - needle.length;
    if (forward) {
      for (let i = haystack.indexOf(first, start); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
        if (i % step === 0 && matchesAt(haystack, needle, i)) return i;
      }
    } else {
      for (let i = haystack.lastIndexOf(first, Math.min(start, last)); i !== -1; i = i === 0 ? -1 : haystack.lastIndexOf(first, i - 1)) {
        if (i % step === 0 && matchesAt(haystack, needle, i)) return i;
      }
    }
    return -1;
  }
  function matchesAt(haystack, needle, at) {
    for (let j = 1; j < needle.length; j++) {
      if (haystack[at + j] !== needle[j]) return false;
    }
    return true;
  }

  function indexOfBytes(buf, needle, byteOffset, encoding, forward) {
    const haystack = bytesOf(buf);
    const length = haystack.length;
    const start = searchStart(length, Math.trunc(byteOffset), needle.length, forward);
    if (needle.length === 0) return start;
    if (length === 0 || start <= -1) return -1;
    if ((forward && needle.length + start > length) || needle.length > length) return -1;
    if (encoding === "utf16le") {
      if (length < 2 || needle.length < 2) return -1;
      return searchBytes(haystack, needle.subarray(0, needle.length & ~1), start - (start & 1), forward, 2);
    }
    return searchBytes(haystack, needle, start, forward, 1);
  }

  function bidirectionalIndexOf(buffer, value, byteOffset, encoding, forward) {
    if (!isTypedArray(buffer)) throw argTypeError("buffer", ["Buffer", "TypedArray", "DataView"], buffer);
    if (typeof byteOffset === "string") {
      encoding = byteOffset;
      byteOffset = undefined;
    } else if (byteOffset > 0x7fffffff) byteOffset = 0x7fffffff;
    else if (byteOffset < -0x80000000) byteOffset = -0x80000000;
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : buffer.length || buffer.byteLength;
    if (typeof value === "number") {
      const haystack = bytesOf(buffer);
      const start = searchStart(haystack.length, Math.trunc(byteOffset), 1, forward);
      if (start <= -1 || haystack.length === 0) return -1;
      const byte = (value >>> 0) & 0xff;
      return forward ? haystack.indexOf(byte, start) : haystack.lastIndexOf(byte, start);
    }
    const encoder = encoding === undefined ? encodingOps.utf8 : getEncodingOps(encoding);
    if (typeof value === "string") {
      if (encoder === undefined) throw unknownEncoding(encoding);
      return indexOfBytes(buffer, encoder.bytes(value), byteOffset, encoder.name, forward);
    }
    if (isUint8Array(value)) {
      return indexOfBytes(buffer, value, byteOffset, encoder === undefined ? "utf8" : encoder.name, forward);
    }
    throw argTypeError("value", ["number", "string", "Buffer", "Uint8Array"], value);
  }

  // --- numbers -----------------------------------------------------------------
  const float32 = new Float32Array(1);
  const float32Bytes = new Uint8Array(float32.buffer);
  const float64 = new Float64Array(1);
  const float64Bytes = new Uint8Array(float64.buffer);
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

  // Checks a read or write of `size` bytes at `offset`.
  function checkBounds(buf, offset, size) {
    validateNumber(offset, "offset");
    if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
  }

  // Node's checkInt: the range phrase switches to powers of two above 32 bits.
  function checkInt(value, min, max, buf, offset, size) {
    if (value > max || value < min) {
      const n = typeof min === "bigint" ? "n" : "";
      let range;
      if (size > 4) {
        if (min === 0 || min === 0n) range = `>= 0${n} and < 2${n} ** ${size * 8}${n}`;
        else range = `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2${n} ** ${size * 8 - 1}${n}`;
      } else range = `>= ${min}${n} and <= ${max}${n}`;
      throw outOfRange("value", range, value);
    }
    checkBounds(buf, offset, size);
  }

  function readUnsigned(buf, offset, size, little) {
    let value = 0;
    for (let i = 0; i < size; i++) value += buf[offset + (little ? i : size - 1 - i)] * 2 ** (8 * i);
    return value;
  }
  function readSigned(buf, offset, size, little) {
    const value = readUnsigned(buf, offset, size, little);
    return value >= 2 ** (8 * size - 1) ? value - 2 ** (8 * size) : value;
  }
  function writeInteger(buf, value, offset, size, little) {
    const high = Math.floor(value / 2 ** 32);
    for (let i = 0; i < size; i++) {
      const byte = i < 4 ? value >>> (8 * i) : high >>> (8 * (i - 4));
      buf[offset + (little ? i : size - 1 - i)] = byte;
    }
    return offset + size;
  }

  function validateByteLength(byteLength) {
    if (typeof byteLength !== "number") throw argTypeError("byteLength", "number", byteLength);
    if (!(byteLength >= 1 && byteLength <= 6) || byteLength % 1 !== 0) boundsError(byteLength, 6, "byteLength");
  }

  const proto = FastBuffer.prototype;
  const methods = {};

  for (const [size, bits] of [[1, 8], [2, 16], [4, 32]]) {
    for (const little of size === 1 ? [true] : [true, false]) {
      const suffix = size === 1 ? "" : little ? "LE" : "BE";
      methods[`readUInt${bits}${suffix}`] = {
        [`readUInt${bits}${suffix}`](offset = 0) {
          checkBounds(this, offset, size);
          return readUnsigned(this, offset, size, little);
        },
      }[`readUInt${bits}${suffix}`];
      methods[`readInt${bits}${suffix}`] = {
        [`readInt${bits}${suffix}`](offset = 0) {
          checkBounds(this, offset, size);
          return readSigned(this, offset, size, little);
        },
      }[`readInt${bits}${suffix}`];
      const max = 2 ** bits - 1;
      const smax = 2 ** (bits - 1) - 1;
      methods[`writeUInt${bits}${suffix}`] = {
        [`writeUInt${bits}${suffix}`](value, offset = 0) {
          value = +value;
          if (size === 1) {
            validateNumber(offset, "offset");
            if (value > max || value < 0) throw outOfRange("value", `>= 0 and <= ${max}`, value);
            checkBounds(this, offset, 1);
          } else checkInt(value, 0, max, this, offset, size);
          return writeInteger(this, value, offset, size, little);
        },
      }[`writeUInt${bits}${suffix}`];
      methods[`writeInt${bits}${suffix}`] = {
        [`writeInt${bits}${suffix}`](value, offset = 0) {
          value = +value;
          if (size === 1) {
            validateNumber(offset, "offset");
            if (value > smax || value < -smax - 1) throw outOfRange("value", `>= ${-smax - 1} and <= ${smax}`, value);
            checkBounds(this, offset, 1);
          } else checkInt(value, -smax - 1, smax, this, offset, size);
          return writeInteger(this, value, offset, size, little);
        },
      }[`writeInt${bits}${suffix}`];
    }
  }

  for (const little of [true, false]) {
    const suffix = little ? "LE" : "BE";
    methods[`readUInt${suffix}`] = {
      [`readUInt${suffix}`](offset, byteLength) {
        if (offset === undefined) throw argTypeError("offset", "number", offset);
        validateByteLength(byteLength);
        checkBounds(this, offset, byteLength);
        return readUnsigned(this, offset, byteLength, little);
      },
    }[`readUInt${suffix}`];
    methods[`readInt${suffix}`] = {
      [`readInt${suffix}`](offset, byteLength) {
        if (offset === undefined) throw argTypeError("offset", "number", offset);
        validateByteLength(byteLength);
        checkBounds(this, offset, byteLength);
        return readSigned(this, offset, byteLength, little);
      },
    }[`readInt${suffix}`];
    methods[`writeUInt${suffix}`] = {
      [`writeUInt${suffix}`](value, offset, byteLength) {
        validateByteLength(byteLength);
        value = +value;
        const max = 2 ** (8 * byteLength) - 1;
        if (byteLength === 1) {
          validateNumber(offset, "offset");
          if (value > max || value < 0) throw outOfRange("value", `>= 0 and <= ${max}`, value);
          checkBounds(this, offset, 1);
        } else checkInt(value, 0, max, this, offset, byteLength);
        return writeInteger(this, value, offset, byteLength, little);
      },
    }[`writeUInt${suffix}`];
    methods[`writeInt${suffix}`] = {
      [`writeInt${suffix}`](value, offset, byteLength) {
        validateByteLength(byteLength);
        value = +value;
        const smax = 2 ** (8 * byteLength - 1) - 1;
        if (byteLength === 1) {
          validateNumber(offset, "offset");
          if (value > smax || value < -smax - 1) throw outOfRange("value", `>= ${-smax - 1} and <= ${smax}`, value);
          checkBounds(this, offset, 1);
        } else checkInt(value, -smax - 1, smax, this, offset, byteLength);
        return writeInteger(this, value, offset, byteLength, little);
      },
    }[`writeInt${suffix}`];

    // Floats go through a scratch array; bytes are reversed for the other order.
    const same = little === littleEndian;
    for (const [name, scratch, bytes, size] of [["Float", float32, float32Bytes, 4], ["Double", float64, float64Bytes, 8]]) {
      methods[`read${name}${suffix}`] = {
        [`read${name}${suffix}`](offset = 0) {
          checkBounds(this, offset, size);
          for (let i = 0; i < size; i++) bytes[same ? i : size - 1 - i] = this[offset + i];
          return scratch[0];
        },
      }[`read${name}${suffix}`];
      methods[`write${name}${suffix}`] = {
        [`write${name}${suffix}`](value, offset = 0) {
          value = +value;
          checkBounds(this, offset, size);
          scratch[0] = value;
          for (let i = 0; i < size; i++) this[offset + i] = bytes[same ? i : size - 1 - i];
          return offset + size;
        },
      }[`write${name}${suffix}`];
    }

    methods[`readBigUInt64${suffix}`] = {
      [`readBigUInt64${suffix}`](offset = 0) {
        checkBounds(this, offset, 8);
        const lo = readUnsigned(this, little ? offset : offset + 4, 4, little);
        const hi = readUnsigned(this, little ? offset + 4 : offset, 4, little);
        return (BigInt(hi) << 32n) | BigInt(lo);
      },
    }[`readBigUInt64${suffix}`];
    methods[`readBigInt64${suffix}`] = {
      [`readBigInt64${suffix}`](offset = 0) {
        return BigInt.asIntN(64, methods[`readBigUInt64${suffix}`].call(this, offset));
      },
    }[`readBigInt64${suffix}`];
    for (const [name, min, max] of [["BigUInt64", 0n, 2n ** 64n - 1n], ["BigInt64", -(2n ** 63n), 2n ** 63n - 1n]]) {
      methods[`write${name}${suffix}`] = {
        [`write${name}${suffix}`](value, offset = 0) {
          checkInt(value, min, max, this, offset, 8);
          // Node gets this far with a number and fails on the BigInt math.
          if (typeof value !== "bigint") throw new TypeError("Cannot mix BigInt and other types, use explicit conversions");
          const unsigned = BigInt.asUintN(64, value);
          const lo = Number(unsigned & 0xffffffffn);
          const hi = Number(unsigned >> 32n);
          writeInteger(this, lo, little ? offset : offset + 4, 4, little);
          writeInteger(this, hi, little ? offset + 4 : offset, 4, little);
          return offset + 8;
        },
      }[`write${name}${suffix}`];
    }
  }

  // Node's lowercase-int aliases (readUint8, writeBigUint64LE, ...).
  for (const name of Object.keys(methods)) {
    if (name.includes("UInt")) methods[name.replace("UInt", "Uint")] = methods[name];
  }

  // --- instance methods ------------------------------------------------------------
  // What Node's index offsets do with strange input: truncate, count from
  // the end when negative, clamp to the length.
  function adjustOffset(offset, length) {
    offset = Math.trunc(offset);
    if (offset === 0 || Number.isNaN(offset)) return 0;
    if (offset < 0) {
      offset += length;
      return offset > 0 ? offset : 0;
    }
    return offset < length ? offset : length;
  }

  function slice(start, end) {
    const length = this.length;
    start = adjustOffset(start, length);
    end = end !== undefined ? adjustOffset(end, length) : length;
    return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
  }

  function toString(encoding, start, end) {
    if (arguments.length === 0) return encodingOps.utf8.slice(this, 0, this.length);
    const length = this.length;
    if (start <= 0) start = 0;
    else if (start >= length) return "";
    else start = Math.trunc(start) || 0;
    if (end === undefined || end > length) end = length;
    else end = Math.trunc(end) || 0;
    if (end <= start) return "";
    if (encoding === undefined) return encodingOps.utf8.slice(this, start, end);
    const encoder = getEncodingOps(encoding);
    if (encoder === undefined) throw unknownEncoding(encoding);
    return encoder.slice(this, start, end);
  }

  function write(string, offset, length, encoding) {
    if (typeof string !== "string") throw notAString();
    if (offset === undefined) return encodingOps.utf8.write(this, string, 0, this.length);
    if (length === undefined && typeof offset === "string") {
      encoding = offset;
      length = this.length;
      offset = 0;
    } else {
      validateOffset(offset, "offset", 0, this.length);
      const remaining = this.length - offset;
      if (length === undefined) length = remaining;
      else if (typeof length === "string") {
        encoding = length;
        length = remaining;
      } else {
        validateOffset(length, "length", 0, this.length);
        if (length > remaining) length = remaining;
      }
    }
    if (!encoding) return encodingOps.utf8.write(this, string, offset, length);
    const encoder = getEncodingOps(encoding);
    if (encoder === undefined) throw unknownEncoding(encoding);
    return encoder.write(this, string, offset, length);
  }

  function swap(buf, size) {
    if (buf.length % size !== 0) {
      throw nodeError(RangeError, "ERR_INVALID_BUFFER_SIZE", `Buffer size must be a multiple of ${size * 8}-bits`);
    }
    for (let i = 0; i < buf.length; i += size) {
      for (let a = i, b = i + size - 1; a < b; a++, b--) {
        const t = buf[a];
        buf[a] = buf[b];
        buf[b] = t;
      }
    }
    return buf;
  }

  Object.assign(methods, {
    toString,
    toLocaleString: toString,
    write,
    slice,
    subarray: slice,
    toJSON() {
      return { type: "Buffer", data: Array.from(this) };
    },
    equals(otherBuffer) {
      if (!isUint8Array(otherBuffer)) throw argTypeError("otherBuffer", ["Buffer", "Uint8Array"], otherBuffer);
      if (this === otherBuffer) return true;
      if (this.byteLength !== otherBuffer.byteLength) return false;
      return compareBytes(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
    },
    compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
      if (!isUint8Array(target)) throw argTypeError("target", ["Buffer", "Uint8Array"], target);
      if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);
      if (targetStart === undefined) targetStart = 0;
      else validateOffset(targetStart, "targetStart");
      if (targetEnd === undefined) targetEnd = target.length;
      else validateOffset(targetEnd, "targetEnd", 0, target.length);
      if (sourceStart === undefined) sourceStart = 0;
      else validateOffset(sourceStart, "sourceStart");
      if (sourceEnd === undefined) sourceEnd = this.length;
      else validateOffset(sourceEnd, "sourceEnd", 0, this.length);
      if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
      if (targetStart >= targetEnd) return 1;
      if (sourceStart > this.length) throw outOfRange("sourceStart", `>= 0 && <= ${this.length}`, sourceStart);
      if (targetStart > target.length) throw outOfRange("targetStart", `>= 0 && <= ${target.length}`, targetStart);
      return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
    },
    copy(target, targetStart, sourceStart, sourceEnd) {
      return copyImpl(this, target, targetStart, sourceStart, sourceEnd);
    },
    fill(value, offset, end, encoding) {
      return fillImpl(this, value, offset, end, encoding);
    },
    indexOf(value, byteOffset, encoding) {
      return bidirectionalIndexOf(this, value, byteOffset, encoding, true);
    },
    lastIndexOf(value, byteOffset, encoding) {
      return bidirectionalIndexOf(this, value, byteOffset, encoding, false);
    },
    includes(value, byteOffset, encoding) {
      return this.indexOf(value, byteOffset, encoding) !== -1;
    },
    swap16() {
      return swap(this, 2);
    },
    swap32() {
      return swap(this, 4);
    },
    swap64() {
      return swap(this, 8);
    },
  });

  // The per-encoding methods Node's prototype has (buf.hexSlice, buf.utf8Write...).
  for (const [prefix, name] of [["ascii", "ascii"], ["base64", "base64"], ["base64url", "base64url"], ["hex", "hex"],
    ["latin1", "latin1"], ["ucs2", "utf16le"], ["utf8", "utf8"]]) {
    const encoder = encodingOps[name];
    methods[`${prefix}Slice`] = {
      [`${prefix}Slice`](start = 0, end = this.length) {
        if (end > this.length || start > end || start < 0) throw bufferOutOfBounds("offset");
        return encoder.slice(this, start, end);
      },
    }[`${prefix}Slice`];
    methods[`${prefix}Write`] = {
      [`${prefix}Write`](string, offset = 0, length = this.length - offset) {
        if (typeof string !== "string") throw notAString();
        if (offset > this.length) throw bufferOutOfBounds("offset");
        return encoder.write(this, string, offset, Math.min(length, this.length - offset));
      },
    }[`${prefix}Write`];
  }

  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(proto, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }
  for (const name of ["parent", "offset"]) {
    Object.defineProperty(proto, name, {
      get: name === "parent"
        ? function () {
          return this instanceof Buffer ? this.buffer : undefined;
        }
        : function () {
          return this instanceof Buffer ? this.byteOffset : undefined;
        },
      enumerable: true,
      configurable: true,
    });
  }

  // util.inspect / console.log: `<Buffer 68 69>`, as Node prints it.
  const customInspect = Symbol.for("nodejs.util.inspect.custom");
  function inspectBuffer(recurseTimes, ctx, inspect = support.inspect) {
    const max = INSPECT_MAX_BYTES;
    const actualMax = Math.min(max, this.length);
    const remaining = this.length - max;
    let str = toHex.call(view(this, 0, actualMax)).replace(/(.{2})/g, "$1 ").trim();
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? "s" : ""}`;
    if (ctx) {
      const extras = { __proto__: null };
      let any = false;
      const keys = ctx.showHidden ? Reflect.ownKeys(this) : [...Object.keys(this), ...Object.getOwnPropertySymbols(this).filter((k) => Object.prototype.propertyIsEnumerable.call(this, k))];
      for (const key of keys) {
        if (typeof key === "string" && /^(0|[1-9][0-9]*)$/.test(key)) continue;
        any = true;
        extras[key] = this[key];
      }
      if (any) {
        if (this.length !== 0) str += ", ";
        str += inspect(extras, { ...ctx, breakLength: Infinity, compact: 3 }).slice(27, -2);
      }
    }
    return `<${this.constructor.name} ${str}>`;
  }
  Object.defineProperty(proto, customInspect, { value: inspectBuffer, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(proto, "inspect", { value: inspectBuffer, writable: true, enumerable: true, configurable: true });

  // --- the module's other members ------------------------------------------------------
  function SlowBuffer(size) {
    validateSize(size);
    return new FastBuffer(size);
  }
  Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
  Object.setPrototypeOf(SlowBuffer, Uint8Array);

  function checkBinary(input, name) {
    if (isTypedArray(input) || ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (isAnyArrayBuffer(input)) return new Uint8Array(input);
    throw argTypeError(name, ["ArrayBuffer", "Buffer", "TypedArray"], input);
  }

  function isUtf8(input) {
    const bytes = checkBinary(input, "input");
    try {
      ops.utf8_decode(bytes, true, true);
      return true;
    } catch {
      return false;
    }
  }

  function isAscii(input) {
    const bytes = checkBinary(input, "input");
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] > 0x7f) return false;
    }
    return true;
  }

  // ICU's conversions between the encodings Node's transcode knows; a
  // character the target cannot hold becomes "?".
  const transcodable = { ascii: "ascii", latin1: "latin1", binary: "latin1", ucs2: "utf16le", "ucs-2": "utf16le", utf16le: "utf16le", "utf-16le": "utf16le", utf8: "utf8", "utf-8": "utf8" };
  function transcode(source, fromEncoding, toEncoding) {
    if (!isUint8Array(source)) throw argTypeError("source", ["Buffer", "Uint8Array"], source);
    if (source.length === 0) return Buffer.alloc(0);
    const from = transcodable[String(fromEncoding).toLowerCase()];
    const to = transcodable[String(toEncoding).toLowerCase()];
    if (from === undefined || to === undefined) {
      const error = new Error("Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]");
      error.code = "U_ILLEGAL_ARGUMENT_ERROR";
      error.errno = 1;
      throw error;
    }
    let text = encodingOps[from].slice(source, 0, source.length);
    if (to === "ascii") text = text.replace(/[^\x00-\x7f]/gu, "?");
    else if (to === "latin1") text = text.replace(/[^\x00-\xff]/gu, "?");
    return fromString(text, to);
  }

  // The Blob behind a URL.createObjectURL() URL, or undefined.
  function resolveObjectURL(url) {
    url = `${url}`;
    return internal.loadInternal("kode:internal/url").internals.blobUrls.get(url);
  }

  const constants = {};
  Object.defineProperties(constants, {
    MAX_LENGTH: { value: kMaxLength, writable: false, enumerable: true },
    MAX_STRING_LENGTH: { value: kStringMaxLength, writable: false, enumerable: true },
  });

  const exports = {
    Buffer,
    SlowBuffer,
    transcode,
    isUtf8,
    isAscii,
    kMaxLength,
    kStringMaxLength,
    constants,
    resolveObjectURL,
  };
  Object.defineProperty(exports, "INSPECT_MAX_BYTES", {
    get: () => INSPECT_MAX_BYTES,
    set(value) {
      validateNumber(value, "INSPECT_MAX_BYTES");
      if (value < 0) throw outOfRange("INSPECT_MAX_BYTES", ">= 0", value);
      INSPECT_MAX_BYTES = value;
    },
    enumerable: true,
    configurable: true,
  });
  // Blob and File are Kode's Web classes (loaded on first touch);
  // atob and btoa are the globals, as in Node.
  for (const name of ["Blob", "File", "atob", "btoa"]) {
    Object.defineProperty(exports, name, {
      get() {
        const value = globalThis[name];
        Object.defineProperty(exports, name, { value, writable: true, enumerable: true, configurable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(exports, name, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
  }
  // For the rest of the Node layer (string_decoder, util).
  internal.nodeBuffer = { FastBuffer, encodingOps, getEncodingOps, normalizeEncoding, isUint8Array, isAnyArrayBuffer };
  return exports;
})

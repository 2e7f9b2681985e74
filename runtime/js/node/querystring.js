// querystring.js: node:querystring. Node's parser and serializer: pairs split
// on `sep`/`eq` (multi-character allowed), "+" is a space, a key or value is
// only decoded when it holds a valid %XX, a value that fails to decode falls
// back to Node's byte-wise unescape. `escape`/`unescape` may be replaced by
// the program, as in Node.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");

  const hexTable = Array.from({ length: 256 }, (_, i) => `%${i < 16 ? "0" : ""}${i.toString(16).toUpperCase()}`);
  // What escape leaves alone: A-Z a-z 0-9 - . _ ~ ! ' ( ) *
  const noEscape = new Int8Array(128);
  for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!'()*") noEscape[c.charCodeAt(0)] = 1;
  const isHex = (code) => (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
  const hexValue = (code) => (code <= 57 ? code - 48 : (code | 0x20) - 87);

  // UTF-8 percent-encoding of everything outside `noEscape`. A surrogate
  // takes the next code unit as its pair, whatever it is (Node's rule).
  function encodeStr(str) {
    if (str.length === 0) return "";
    if (str.isWellFormed()) return encodeURIComponent(str);
    let out = "";
    for (let i = 0; i < str.length; i++) {
      let c = str.charCodeAt(i);
      if (c < 0x80) {
        out += noEscape[c] === 1 ? str[i] : hexTable[c];
      } else if (c < 0x800) {
        out += hexTable[0xc0 | (c >> 6)] + hexTable[0x80 | (c & 0x3f)];
      } else if (c < 0xd800 || c >= 0xe000) {
        out += hexTable[0xe0 | (c >> 12)] + hexTable[0x80 | ((c >> 6) & 0x3f)] + hexTable[0x80 | (c & 0x3f)];
      } else {
        if (++i >= str.length) throw support.nodeError(URIError, "ERR_INVALID_URI", "URI malformed");
        c = 0x10000 + (((c & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
        out += hexTable[0xf0 | (c >> 18)] + hexTable[0x80 | ((c >> 12) & 0x3f)] +
          hexTable[0x80 | ((c >> 6) & 0x3f)] + hexTable[0x80 | (c & 0x3f)];
      }
    }
    return out;
  }

  function qsEscape(str) {
    if (typeof str !== "string") str = typeof str === "object" ? String(str) : `${str}`;
    return encodeStr(str);
  }

  // Byte-wise decoding of %XX (and "+" when asked); other characters keep
  // their low byte, as Node's Buffer-based fallback does.
  function unescapeBuffer(s, decodeSpaces) {
    const { Buffer } = support.builtin("node:buffer");
    const out = Buffer.allocUnsafe(s.length);
    let outIndex = 0;
    let hasHex = false;
    for (let index = 0; index < s.length; index++) {
      let c = s.charCodeAt(index);
      if (c === 43 && decodeSpaces) {
        out[outIndex++] = 32;
        continue;
      }
      if (c === 37 && index < s.length - 2) {
        const high = s.charCodeAt(index + 1);
        const low = s.charCodeAt(index + 2);
        if (isHex(high) && isHex(low)) {
          hasHex = true;
          c = hexValue(high) * 16 + hexValue(low);
          index += 2;
        }
      }
      out[outIndex++] = c;
    }
    return hasHex ? out.slice(0, outIndex) : out;
  }

  function qsUnescape(s, decodeSpaces) {
    try {
      return decodeURIComponent(s);
    } catch {
      return querystring.unescapeBuffer(s, decodeSpaces).toString();
    }
  }

  function stringifyPrimitive(v) {
    if (typeof v === "string") return v;
    if (typeof v === "number" && Number.isFinite(v)) return `${v}`;
    if (typeof v === "bigint") return `${v}`;
    if (typeof v === "boolean") return v ? "true" : "false";
    return "";
  }

  function encodeStringified(v, encode) {
    if (typeof v === "string") return v.length ? encode(v) : "";
    // 1e21 and up print with a "+", which needs escaping.
    if (typeof v === "number" && Number.isFinite(v)) return Math.abs(v) < 1e21 ? `${v}` : encode(`${v}`);
    if (typeof v === "bigint") return `${v}`;
    if (typeof v === "boolean") return v ? "true" : "false";
    return "";
  }

  function stringify(obj, sep, eq, options) {
    sep = sep || "&";
    eq = eq || "=";
    let encode = querystring.escape;
    if (options && typeof options.encodeURIComponent === "function") encode = options.encodeURIComponent;
    const convert = encode === qsEscape ? encodeStringified : (v, fn) => fn(stringifyPrimitive(v));
    if (obj === null || typeof obj !== "object") return "";
    let fields = "";
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      const prefix = convert(key, encode) + eq;
      if (Array.isArray(value)) {
        if (value.length === 0) continue;
        if (fields) fields += sep;
        for (let j = 0; j < value.length; j++) {
          if (j) fields += sep;
          fields += prefix + convert(value[j], encode);
        }
      } else {
        if (fields) fields += sep;
        fields += prefix + convert(value, encode);
      }
    }
    return fields;
  }

  const charCodes = (str) => Array.from(str, (_, i) => str.charCodeAt(i));

  function decodeStr(s, decoder) {
    try {
      return decoder(s);
    } catch {
      return querystring.unescape(s, true);
    }
  }

  function addKeyVal(obj, key, value, keyEncoded, valEncoded, decode) {
    if (key.length > 0 && keyEncoded) key = decodeStr(key, decode);
    if (value.length > 0 && valEncoded) value = decodeStr(value, decode);
    const current = obj[key];
    if (current === undefined) obj[key] = value;
    else if (Array.isArray(current)) current.push(value);
    else obj[key] = [current, value];
  }

  // Node's single-pass parser: `sepIdx`/`eqIdx` count matched separator
  // characters; a key or value is marked for decoding once a valid %XX
  // (or, with a custom decoder, always) appears in it.
  function parse(qs, sep, eq, options) {
    const obj = { __proto__: null };
    if (typeof qs !== "string" || qs.length === 0) return obj;
    const sepCodes = !sep ? [38] : charCodes(String(sep));
    const eqCodes = !eq ? [61] : charCodes(String(eq));
    const sepLen = sepCodes.length;
    const eqLen = eqCodes.length;
    let pairs = 1000;
    if (options && typeof options.maxKeys === "number") pairs = options.maxKeys > 0 ? options.maxKeys : -1;
    let decode = querystring.unescape;
    if (options && typeof options.decodeURIComponent === "function") decode = options.decodeURIComponent;
    const customDecode = decode !== qsUnescape;

    let lastPos = 0;
    let sepIdx = 0;
    let eqIdx = 0;
    let key = "";
    let value = "";
    let keyEncoded = customDecode;
    let valEncoded = customDecode;
    const plusChar = customDecode ? "%20" : " ";
    let encodeCheck = 0;
    for (let i = 0; i < qs.length; ++i) {
      const code = qs.charCodeAt(i);
      if (code === sepCodes[sepIdx]) {
        if (++sepIdx !== sepLen) continue;
        const end = i - sepIdx + 1;
        if (eqIdx < eqLen) {
          // No key/value separator: the text is the key.
          if (lastPos < end) {
            key += qs.slice(lastPos, end);
          } else if (key.length === 0) {
            if (--pairs === 0) return obj;
            lastPos = i + 1;
            sepIdx = eqIdx = 0;
            continue;
          }
        } else if (lastPos < end) {
          value += qs.slice(lastPos, end);
        }
        addKeyVal(obj, key, value, keyEncoded, valEncoded, decode);
        if (--pairs === 0) return obj;
        keyEncoded = valEncoded = customDecode;
        key = value = "";
        encodeCheck = 0;
        lastPos = i + 1;
        sepIdx = eqIdx = 0;
        continue;
      }
      sepIdx = 0;
      if (eqIdx < eqLen) {
        if (code === eqCodes[eqIdx]) {
          if (++eqIdx === eqLen) {
            const end = i - eqIdx + 1;
            if (lastPos < end) key += qs.slice(lastPos, end);
            encodeCheck = 0;
            lastPos = i + 1;
          }
          continue;
        }
        eqIdx = 0;
        if (!keyEncoded) {
          if (code === 37) {
            encodeCheck = 1;
            continue;
          } else if (encodeCheck > 0) {
            if (isHex(code)) {
              if (++encodeCheck === 3) keyEncoded = true;
              continue;
            }
            encodeCheck = 0;
          }
        }
        if (code === 43) {
          if (lastPos < i) key += qs.slice(lastPos, i);
          key += plusChar;
          lastPos = i + 1;
          continue;
        }
      }
      if (code === 43) {
        if (lastPos < i) value += qs.slice(lastPos, i);
        value += plusChar;
        lastPos = i + 1;
      } else if (!valEncoded) {
        if (code === 37) {
          encodeCheck = 1;
        } else if (encodeCheck > 0) {
          if (isHex(code)) {
            if (++encodeCheck === 3) valEncoded = true;
          } else {
            encodeCheck = 0;
          }
        }
      }
    }
    if (lastPos < qs.length) {
      if (eqIdx < eqLen) key += qs.slice(lastPos);
      else if (sepIdx < sepLen) value += qs.slice(lastPos);
    } else if (eqIdx === 0 && key.length === 0) {
      return obj;
    }
    addKeyVal(obj, key, value, keyEncoded, valEncoded, decode);
    return obj;
  }

  const querystring = {
    unescapeBuffer,
    unescape: qsUnescape,
    escape: qsEscape,
    stringify,
    encode: stringify,
    parse,
    decode: parse,
  };
  return querystring;
})

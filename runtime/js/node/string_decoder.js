// string_decoder.js: node:string_decoder. A character split across writes
// is held back (at most 4 bytes) until its remaining bytes arrive, by Node's
// rules: UTF-8 and UTF-16 characters, base64 groups of 3 bytes; end()
// flushes what is left (an incomplete UTF-8 character is one U+FFFD).
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { Buffer } = support.builtin("node:buffer");
  const { encodingOps, normalizeEncoding } = internal.nodeBuffer;

  const kState = Symbol("kNativeDecoder");

  const bytesOf = (view) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const decodeAll = (encoding, bytes) => encodingOps[encoding].slice(bytes, 0, bytes.length);

  class StringDecoder {
    constructor(encoding) {
      const normalized = normalizeEncoding(encoding);
      if (normalized === undefined) {
        throw support.nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${encoding}`);
      }
      this.encoding = normalized;
      // The incomplete character, how many of its bytes are here and how many are missing.
      this[kState] = { pending: Buffer.alloc(4), buffered: 0, missing: 0 };
    }

    write(buf) {
      if (typeof buf === "string") return buf;
      if (!ArrayBuffer.isView(buf)) throw support.argTypeError("buf", ["Buffer", "TypedArray", "DataView"], buf);
      const state = this[kState];
      if (state === undefined) {
        throw support.nodeError(TypeError, "ERR_INVALID_THIS", 'Value of "this" must be of type StringDecoder');
      }
      return decode(this.encoding, state, bytesOf(buf));
    }

    end(buf) {
      let result = "";
      if (buf !== undefined) result = this.write(buf);
      const state = this[kState];
      if (state.buffered > 0) result += flush(this.encoding, state);
      return result;
    }

    // Legacy: decodes `buf` from `offset` on, forgetting any held-back bytes.
    text(buf, offset) {
      this[kState].missing = 0;
      this[kState].buffered = 0;
      return this.write(buf.slice(offset));
    }

    get lastChar() {
      return this[kState].pending;
    }

    get lastNeed() {
      return this[kState].missing;
    }

    get lastTotal() {
      return this[kState].buffered + this[kState].missing;
    }
  }

  function decode(encoding, state, data) {
    let prepend = "";
    let start = 0;
    let length = data.length;
    if (state.missing > 0) {
      if (encoding === "utf8") {
        // A byte that cannot continue the character ends it; that byte starts a new one.
        for (let i = 0; i < length && i < state.missing; i++) {
          if ((data[i] & 0xc0) !== 0x80) {
            state.missing = 0;
            state.pending.set(data.subarray(0, i), state.buffered);
            state.buffered += i;
            start += i;
            length -= i;
            break;
          }
        }
      }
      const found = Math.min(length, state.missing);
      state.pending.set(data.subarray(start, start + found), state.buffered);
      start += found;
      length -= found;
      state.missing -= found;
      state.buffered += found;
      if (state.missing === 0) {
        prepend = decodeAll(encoding, state.pending.subarray(0, state.buffered));
        state.buffered = 0;
      }
    }
    if (length === 0) return prepend;

    let rest = data.subarray(start, start + length);
    if (encoding === "utf8" && rest[length - 1] & 0x80) {
      heldBackUtf8(state, rest);
    } else if (encoding === "utf16le") {
      if (length % 2 === 1) {
        state.buffered = 1;
        state.missing = 1;
      } else if ((rest[length - 1] & 0xfc) === 0xd8) {
        // The first half of a surrogate pair.
        state.buffered = 2;
        state.missing = 2;
      }
    } else if (encoding === "base64" || encoding === "base64url") {
      state.buffered = length % 3;
      if (state.buffered > 0) state.missing = 3 - state.buffered;
    }
    if (state.buffered > 0) {
      length -= state.buffered;
      state.pending.set(rest.subarray(length, length + state.buffered), 0);
      rest = rest.subarray(0, length);
    }
    return length > 0 ? prepend + decodeAll(encoding, rest) : prepend;
  }

  // Where the UTF-8 character the last bytes belong to begins, and how many
  // of its bytes are still to come (Node's scan: at most 4 bytes back).
  function heldBackUtf8(state, data) {
    state.buffered = 0;
    for (let i = data.length - 1; ; i--) {
      state.buffered++;
      const byte = data[i];
      if ((byte & 0xc0) === 0x80) {
        if (state.buffered >= 4 || i === 0) {
          state.buffered = 0;
          return;
        }
        continue;
      }
      if ((byte & 0xe0) === 0xc0) state.missing = 2;
      else if ((byte & 0xf0) === 0xe0) state.missing = 3;
      else if ((byte & 0xf8) === 0xf0) state.missing = 4;
      else {
        state.buffered = 0;
        return;
      }
      if (state.buffered >= state.missing) {
        state.missing = 0;
        state.buffered = 0;
      }
      state.missing -= state.buffered;
      return;
    }
  }

  function flush(encoding, state) {
    if (encoding === "utf16le" && state.buffered % 2 === 1) {
      // A lone trailing byte is dropped.
      state.missing--;
      state.buffered--;
    }
    if (state.buffered === 0) return "";
    const result = decodeAll(encoding, state.pending.subarray(0, state.buffered));
    state.missing = 0;
    state.buffered = 0;
    return result;
  }

  return { StringDecoder };
})

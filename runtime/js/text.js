// text.js: kode:internal/text - TextEncoder and TextDecoder (WHATWG
// Encoding), loaded on the first touch of either global or of Kode.text.
(function (ops, internal) {
  "use strict";

  const { buildError } = internal;

  // TextEncoder is UTF-8. TextDecoder knows every WHATWG encoding: a UTF-8
  // label is recognised here and a decode without `stream` takes the direct
  // UTF-8 op (as Kode.text does); any other label, and every streamed decode,
  // goes to encoding_rs (runtime/src/ext/text/decoder.rs).
  // The WHATWG Encoding labels of UTF-8; labels are trimmed of ASCII whitespace only.
  const utf8Labels = new Set(["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"]);
  function encodingOf(label) {
    label = String(label);
    if (utf8Labels.has(label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase())) return "utf-8";
    const name = ops.text_encoding(label);
    if (name === undefined) {
      throw buildError(RangeError, "EINVALID_ENCODING", `The "${label}" encoding is not supported`, {
        operation: "TextDecoder",
      });
    }
    return name;
  }

  // A WebIDL dictionary argument: undefined, null or an object.
  function optionsOf(options, operation) {
    if (options === undefined || options === null) return {};
    if (typeof options !== "object" && typeof options !== "function") {
      throw buildError(TypeError, "EINVALID_ARG", `${operation}: the options must be an object`, { operation });
    }
    return options;
  }

  function toBytes(input, operation) {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof Uint8Array) return input;
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (input instanceof ArrayBuffer || input instanceof SharedArrayBuffer) return new Uint8Array(input);
    throw buildError(TypeError, "EINVALID_ARG", "The input must be an ArrayBuffer or an ArrayBufferView", { operation });
  }

  class TextEncoder {
    get encoding() {
      return "utf-8";
    }
    encode(input = "") {
      return ops.utf8_encode(String(input));
    }
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) {
        throw buildError(TypeError, "EINVALID_ARG", "TextEncoder.encodeInto: the destination must be a Uint8Array", {
          operation: "TextEncoder.encodeInto",
        });
      }
      const [read, written] = ops.utf8_encode_into(String(source), destination);
      return { read, written };
    }
  }

  // A TextDecoder in the middle of a streamed decode holds the id of its
  // decoder state in Rust; the final decode (without `stream`) frees it, and
  // this registry frees it if the TextDecoder is collected before that.
  let decoderStreams;
  function streamsRegistry() {
    return (decoderStreams ??= new FinalizationRegistry((id) => ops.text_decoder_free(id)));
  }

  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #stream = 0;
    constructor(label = "utf-8", options) {
      this.#encoding = encodingOf(label);
      options = optionsOf(options, "TextDecoder");
      this.#fatal = Boolean(options.fatal);
      this.#ignoreBOM = Boolean(options.ignoreBOM);
    }
    get encoding() {
      return this.#encoding;
    }
    get fatal() {
      return this.#fatal;
    }
    get ignoreBOM() {
      return this.#ignoreBOM;
    }
    decode(input, options) {
      const bytes = toBytes(input, "TextDecoder.decode");
      const stream = Boolean(optionsOf(options, "TextDecoder.decode").stream);
      let id = this.#stream;
      if (!stream && id === 0 && this.#encoding === "utf-8") {
        return ops.utf8_decode(bytes, this.#fatal, this.#ignoreBOM);
      }
      if (stream && id === 0) {
        id = this.#stream = internal.nextId();
        streamsRegistry().register(this, id, this);
      } else if (!stream && id !== 0) {
        // This call ends the stream: Rust drops the state whether it returns or throws.
        this.#stream = 0;
        decoderStreams.unregister(this);
      }
      return ops.text_decode(id, this.#encoding, bytes, this.#fatal, this.#ignoreBOM, stream);
    }
  }
  // Kode.text's pair (00_core.js), and TextDecoderStream decodes with the
  // class itself, whatever the globals are by then.
  return { TextEncoder, TextDecoder, encoder: new TextEncoder(), decoder: new TextDecoder() };
})

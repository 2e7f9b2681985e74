// stream_web.js: node:stream/web, Kode's own Web streams (the same classes
// as the globals).
(function (ops, internal) {
  "use strict";
  const names = [
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
    "ReadableByteStreamController", "ReadableStreamDefaultController", "TransformStream",
    "TransformStreamDefaultController", "WritableStream", "WritableStreamDefaultWriter",
    "WritableStreamDefaultController", "ByteLengthQueuingStrategy", "CountQueuingStrategy", "TextEncoderStream",
    "TextDecoderStream", "CompressionStream", "DecompressionStream",
  ];
  const exports = {};
  for (const name of names) exports[name] = globalThis[name];
  return exports;
})

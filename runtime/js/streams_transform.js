// streams_transform.js: kode:internal/streams-transform - TransformStream and
// TransformStreamDefaultController (https://streams.spec.whatwg.org/#ts), and
// the transform streams of other standards built on them: the Encoding
// Standard's TextEncoderStream and TextDecoderStream
// (https://encoding.spec.whatwg.org/#interface-mixin-generictransformstream)
// and the Compression Standard's CompressionStream and DecompressionStream
// (https://compression.spec.whatwg.org/). Loaded on the first touch of one of
// these globals; it works on the records of streams.js and
// streams_writable.js.
//
// Compression runs in Rust (flate2, runtime/src/ext/streams/flate.rs): each
// stream's compressor lives there under an id, chunk by chunk, and is dropped
// when the stream flushes, errors or is canceled or aborted, or else by a
// FinalizationRegistry once the stream's algorithms are unreachable.
(function (ops, internal) {
  "use strict";

  const { finishInterface } = internal.webidl;
  const core = internal.loadInternal("kode:internal/streams").spec;
  const writables = internal.loadInternal("kode:internal/streams-writable").spec;
  const {
    kCreate,
    isObject,
    resolvedWith,
    rejectedWith,
    upon,
    react,
    promiseCall,
    Deferred,
    illegal,
    requireArgs,
    toDictionary,
    callbackMember,
    toQueuingStrategy,
    ExtractHighWaterMark,
    ExtractSizeAlgorithm,
    Uint8ArrayCtor,
    viewBuffer,
    viewByteOffset,
    viewByteLength,
    isArrayBuffer,
    isDetached,
    CreateReadableStream,
    ReadableStreamDefaultControllerClose,
    ReadableStreamDefaultControllerEnqueue,
    ReadableStreamDefaultControllerError,
    ReadableStreamDefaultControllerGetDesiredSize,
    ReadableStreamDefaultControllerHasBackpressure,
    ReadableStreamDefaultControllerCanCloseOrEnqueue,
  } = core;
  const { CreateWritableStream, WritableStreamDefaultControllerErrorIfNeeded } = writables;
  const { apply } = Reflect;
  const isView = ArrayBuffer.isView;

  let transformRecord, controllerRecord;

  // --- TransformStream (https://streams.spec.whatwg.org/#ts-class) -----------------------
  class TransformStream {
    #t;
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      const stream = (this.#t = {
        object: this,
        readable: undefined,
        writable: undefined,
        backpressure: undefined,
        backpressureChangePromise: undefined,
        controller: undefined,
      });
      if (transformer === kCreate) return;
      const context = "Failed to construct 'TransformStream'";
      if (transformer !== undefined && !isObject(transformer)) {
        throw new TypeError(`${context}: the transformer is not an object.`);
      }
      const writableStrategyDict = toQueuingStrategy(writableStrategy, context);
      const readableStrategyDict = toQueuingStrategy(readableStrategy, context);
      const source = transformer === undefined ? null : transformer;
      const dict = toTransformer(source, context);
      if (dict.readableType !== undefined) throw new RangeError(`${context}: 'readableType' must be undefined.`);
      if (dict.writableType !== undefined) throw new RangeError(`${context}: 'writableType' must be undefined.`);
      const readableHighWaterMark = ExtractHighWaterMark(readableStrategyDict, 0);
      const readableSizeAlgorithm = ExtractSizeAlgorithm(readableStrategyDict);
      const writableHighWaterMark = ExtractHighWaterMark(writableStrategyDict, 1);
      const writableSizeAlgorithm = ExtractSizeAlgorithm(writableStrategyDict);
      const startPromise = new Deferred();
      InitializeTransformStream(stream, startPromise.promise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm);
      SetUpTransformStreamDefaultControllerFromTransformer(stream, source, dict);
      if (dict.start !== undefined) startPromise.resolve(apply(dict.start, source, [stream.controller.object]));
      else startPromise.resolve(undefined);
    }
    static {
      transformRecord = (value) => (isObject(value) && #t in value ? value.#t : undefined);
    }
    get readable() {
      const stream = transformRecord(this);
      if (stream === undefined) throw illegal("TransformStream", "readable");
      return stream.readable.object;
    }
    get writable() {
      const stream = transformRecord(this);
      if (stream === undefined) throw illegal("TransformStream", "writable");
      return stream.writable.object;
    }
  }
  finishInterface(TransformStream, "TransformStream");

  // dictionary Transformer, members in lexicographic order.
  function toTransformer(transformer, context) {
    if (transformer === null) return {};
    const cancel = callbackMember(transformer, "cancel", context);
    const flush = callbackMember(transformer, "flush", context);
    const readableType = transformer.readableType;
    const start = callbackMember(transformer, "start", context);
    const transform = callbackMember(transformer, "transform", context);
    const writableType = transformer.writableType;
    return { cancel, flush, readableType, start, transform, writableType };
  }

  // --- TransformStreamDefaultController (https://streams.spec.whatwg.org/#ts-default-controller-class) ---
  class TransformStreamDefaultController {
    #c;
    constructor(key = undefined, record = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#c = record;
      record.object = this;
    }
    static {
      controllerRecord = (value) => (isObject(value) && #c in value ? value.#c : undefined);
    }
    get desiredSize() {
      const controller = controllerRecord(this);
      if (controller === undefined) throw illegal("TransformStreamDefaultController", "desiredSize");
      return ReadableStreamDefaultControllerGetDesiredSize(controller.stream.readable.controller);
    }
    enqueue(chunk = undefined) {
      const controller = controllerRecord(this);
      if (controller === undefined) throw illegal("TransformStreamDefaultController", "enqueue");
      TransformStreamDefaultControllerEnqueue(controller, chunk);
    }
    error(reason = undefined) {
      const controller = controllerRecord(this);
      if (controller === undefined) throw illegal("TransformStreamDefaultController", "error");
      TransformStreamDefaultControllerError(controller, reason);
    }
    terminate() {
      const controller = controllerRecord(this);
      if (controller === undefined) throw illegal("TransformStreamDefaultController", "terminate");
      TransformStreamDefaultControllerTerminate(controller);
    }
  }
  finishInterface(TransformStreamDefaultController, "TransformStreamDefaultController");

  // --- working with transform streams (https://streams.spec.whatwg.org/#ts-abstract-ops) ---
  function InitializeTransformStream(stream, startPromise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm) {
    const startAlgorithm = () => startPromise;
    const writeAlgorithm = (chunk) => TransformStreamDefaultSinkWriteAlgorithm(stream, chunk);
    const abortAlgorithm = (reason) => TransformStreamDefaultSinkAbortAlgorithm(stream, reason);
    const closeAlgorithm = () => TransformStreamDefaultSinkCloseAlgorithm(stream);
    stream.writable = CreateWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, writableHighWaterMark, writableSizeAlgorithm);
    const pullAlgorithm = () => TransformStreamDefaultSourcePullAlgorithm(stream);
    const cancelAlgorithm = (reason) => TransformStreamDefaultSourceCancelAlgorithm(stream, reason);
    stream.readable = CreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, readableHighWaterMark, readableSizeAlgorithm);
    stream.backpressure = undefined;
    stream.backpressureChangePromise = undefined;
    TransformStreamSetBackpressure(stream, true);
    stream.controller = undefined;
  }

  function TransformStreamError(stream, e) {
    ReadableStreamDefaultControllerError(stream.readable.controller, e);
    TransformStreamErrorWritableAndUnblockWrite(stream, e);
  }

  function TransformStreamErrorWritableAndUnblockWrite(stream, e) {
    TransformStreamDefaultControllerClearAlgorithms(stream.controller);
    WritableStreamDefaultControllerErrorIfNeeded(stream.writable.controller, e);
    TransformStreamUnblockWrite(stream);
  }

  function TransformStreamSetBackpressure(stream, backpressure) {
    if (stream.backpressureChangePromise !== undefined) stream.backpressureChangePromise.resolve(undefined);
    stream.backpressureChangePromise = new Deferred();
    stream.backpressure = backpressure;
  }

  function TransformStreamUnblockWrite(stream) {
    if (stream.backpressure) TransformStreamSetBackpressure(stream, false);
  }

  // --- default controllers (https://streams.spec.whatwg.org/#ts-default-controller-abstract-ops) ---
  function SetUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    controller.transformAlgorithm = transformAlgorithm;
    controller.flushAlgorithm = flushAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
  }

  function newControllerRecord() {
    const controller = {
      object: undefined,
      stream: undefined,
      transformAlgorithm: undefined,
      flushAlgorithm: undefined,
      cancelAlgorithm: undefined,
      finishPromise: undefined,
    };
    new TransformStreamDefaultController(kCreate, controller);
    return controller;
  }

  const resolvedUndefined = () => resolvedWith(undefined);

  function SetUpTransformStreamDefaultControllerFromTransformer(stream, transformer, dict) {
    const controller = newControllerRecord();
    let transformAlgorithm = (chunk) => {
      try {
        TransformStreamDefaultControllerEnqueue(controller, chunk);
      } catch (error) {
        return rejectedWith(error);
      }
      return resolvedWith(undefined);
    };
    let flushAlgorithm = resolvedUndefined;
    let cancelAlgorithm = resolvedUndefined;
    const { transform, flush, cancel } = dict;
    if (transform !== undefined) transformAlgorithm = (chunk) => promiseCall(transform, transformer, [chunk, controller.object]);
    if (flush !== undefined) flushAlgorithm = () => promiseCall(flush, transformer, [controller.object]);
    if (cancel !== undefined) cancelAlgorithm = (reason) => promiseCall(cancel, transformer, [reason]);
    SetUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
  }

  function TransformStreamDefaultControllerClearAlgorithms(controller) {
    controller.transformAlgorithm = undefined;
    controller.flushAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }

  function TransformStreamDefaultControllerEnqueue(controller, chunk) {
    const stream = controller.stream;
    const readableController = stream.readable.controller;
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(readableController)) {
      throw new TypeError("TransformStreamDefaultController.enqueue: the readable side is closed or errored.");
    }
    try {
      ReadableStreamDefaultControllerEnqueue(readableController, chunk);
    } catch (error) {
      TransformStreamErrorWritableAndUnblockWrite(stream, error);
      throw stream.readable.storedError;
    }
    const backpressure = ReadableStreamDefaultControllerHasBackpressure(readableController);
    if (backpressure !== stream.backpressure) TransformStreamSetBackpressure(stream, true);
  }

  function TransformStreamDefaultControllerError(controller, e) {
    TransformStreamError(controller.stream, e);
  }

  function TransformStreamDefaultControllerPerformTransform(controller, chunk) {
    const transformPromise = controller.transformAlgorithm(chunk);
    return react(transformPromise, undefined, (r) => {
      TransformStreamError(controller.stream, r);
      throw r;
    });
  }

  function TransformStreamDefaultControllerTerminate(controller) {
    const stream = controller.stream;
    ReadableStreamDefaultControllerClose(stream.readable.controller);
    const error = new TypeError("The transform stream has been terminated.");
    TransformStreamErrorWritableAndUnblockWrite(stream, error);
  }

  // --- default sinks (https://streams.spec.whatwg.org/#ts-default-sink-abstract-ops) ---------
  function TransformStreamDefaultSinkWriteAlgorithm(stream, chunk) {
    const controller = stream.controller;
    if (stream.backpressure) {
      return react(stream.backpressureChangePromise.promise, () => {
        const writable = stream.writable;
        if (writable.state === "erroring") throw writable.storedError;
        return TransformStreamDefaultControllerPerformTransform(controller, chunk);
      });
    }
    return TransformStreamDefaultControllerPerformTransform(controller, chunk);
  }

  function TransformStreamDefaultSinkAbortAlgorithm(stream, reason) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    const readable = stream.readable;
    controller.finishPromise = new Deferred();
    const cancelPromise = controller.cancelAlgorithm(reason);
    TransformStreamDefaultControllerClearAlgorithms(controller);
    upon(
      cancelPromise,
      () => {
        if (readable.state === "errored") {
          controller.finishPromise.reject(readable.storedError);
        } else {
          ReadableStreamDefaultControllerError(readable.controller, reason);
          controller.finishPromise.resolve(undefined);
        }
      },
      (r) => {
        ReadableStreamDefaultControllerError(readable.controller, r);
        controller.finishPromise.reject(r);
      },
    );
    return controller.finishPromise.promise;
  }

  function TransformStreamDefaultSinkCloseAlgorithm(stream) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    const readable = stream.readable;
    controller.finishPromise = new Deferred();
    const flushPromise = controller.flushAlgorithm();
    TransformStreamDefaultControllerClearAlgorithms(controller);
    upon(
      flushPromise,
      () => {
        if (readable.state === "errored") {
          controller.finishPromise.reject(readable.storedError);
        } else {
          ReadableStreamDefaultControllerClose(readable.controller);
          controller.finishPromise.resolve(undefined);
        }
      },
      (r) => {
        ReadableStreamDefaultControllerError(readable.controller, r);
        controller.finishPromise.reject(r);
      },
    );
    return controller.finishPromise.promise;
  }

  // --- default sources (https://streams.spec.whatwg.org/#ts-default-source-abstract-ops) ------
  function TransformStreamDefaultSourceCancelAlgorithm(stream, reason) {
    const controller = stream.controller;
    if (controller.finishPromise !== undefined) return controller.finishPromise.promise;
    const writable = stream.writable;
    controller.finishPromise = new Deferred();
    const cancelPromise = controller.cancelAlgorithm(reason);
    TransformStreamDefaultControllerClearAlgorithms(controller);
    upon(
      cancelPromise,
      () => {
        if (writable.state === "errored") {
          controller.finishPromise.reject(writable.storedError);
        } else {
          WritableStreamDefaultControllerErrorIfNeeded(writable.controller, reason);
          TransformStreamUnblockWrite(stream);
          controller.finishPromise.resolve(undefined);
        }
      },
      (r) => {
        WritableStreamDefaultControllerErrorIfNeeded(writable.controller, r);
        TransformStreamUnblockWrite(stream);
        controller.finishPromise.reject(r);
      },
    );
    return controller.finishPromise.promise;
  }

  function TransformStreamDefaultSourcePullAlgorithm(stream) {
    TransformStreamSetBackpressure(stream, false);
    return stream.backpressureChangePromise.promise;
  }

  // --- transform streams of other standards ----------------------------------------------
  // https://streams.spec.whatwg.org/#transformstream-set-up: the algorithms
  // may throw or return a promise; strategies are { 1, count } and { 0, count }.
  function setUpTransformStream(transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    const stream = transformRecord(new TransformStream(kCreate));
    const wrap = (algorithm) => (arg) => {
      let result;
      try {
        result = algorithm(arg);
      } catch (error) {
        return rejectedWith(error);
      }
      return result instanceof Promise ? result : resolvedWith(undefined);
    };
    const count = () => 1;
    InitializeTransformStream(stream, resolvedWith(undefined), 1, count, 0, count);
    const controller = newControllerRecord();
    SetUpTransformStreamDefaultController(stream, controller, wrap(transformAlgorithm), wrap(flushAlgorithm), wrap(cancelAlgorithm));
    return stream;
  }
  // https://streams.spec.whatwg.org/#transformstream-enqueue
  const enqueue = (stream, chunk) => TransformStreamDefaultControllerEnqueue(stream.controller, chunk);

  // The GenericTransformStream mixin's getters.
  function genericTransform(Class, name, recordOf) {
    Object.defineProperties(Class.prototype, {
      readable: {
        get() {
          const record = recordOf(this);
          if (record === undefined) throw illegal(name, "readable");
          return record.transform.readable.object;
        },
        configurable: true,
      },
      writable: {
        get() {
          const record = recordOf(this);
          if (record === undefined) throw illegal(name, "writable");
          return record.transform.writable.object;
        },
        configurable: true,
      },
    });
    finishInterface(Class, name);
  }

  // --- TextEncoderStream (https://encoding.spec.whatwg.org/#interface-textencoderstream) ----
  const encodeUtf8 = internal.Kode.text.encode;
  const isLeadSurrogate = (unit) => unit >= 0xd800 && unit <= 0xdbff;
  const REPLACEMENT = [0xef, 0xbf, 0xbd];

  let encoderRecord;
  class TextEncoderStream {
    #e;
    constructor() {
      const record = (this.#e = { transform: undefined, leadingSurrogate: "" });
      // Encode and enqueue a chunk: a lead surrogate at the end of a chunk
      // waits for the next one, which may start with its trail.
      const transformAlgorithm = (chunk) => {
        let input = record.leadingSurrogate + `${chunk}`;
        record.leadingSurrogate = "";
        if (input.length > 0 && isLeadSurrogate(input.charCodeAt(input.length - 1))) {
          record.leadingSurrogate = input[input.length - 1];
          input = input.slice(0, -1);
        }
        if (input.length > 0) enqueue(record.transform, encodeUtf8(input));
      };
      // Encode and flush: a lead surrogate left over is U+FFFD.
      const flushAlgorithm = () => {
        if (record.leadingSurrogate !== "") enqueue(record.transform, new Uint8ArrayCtor(REPLACEMENT));
      };
      record.transform = setUpTransformStream(transformAlgorithm, flushAlgorithm, () => {});
    }
    static {
      encoderRecord = (value) => (isObject(value) && #e in value ? value.#e : undefined);
    }
    get encoding() {
      if (encoderRecord(this) === undefined) throw illegal("TextEncoderStream", "encoding");
      return "utf-8";
    }
  }
  genericTransform(TextEncoderStream, "TextEncoderStream", encoderRecord);

  // --- TextDecoderStream (https://encoding.spec.whatwg.org/#interface-textdecoderstream) ----
  const TextDecoderCtor = internal.loadInternal("kode:internal/text").TextDecoder;
  const decode = Function.prototype.call.bind(TextDecoderCtor.prototype.decode);
  const decoderGetter = (name) => Function.prototype.call.bind(Object.getOwnPropertyDescriptor(TextDecoderCtor.prototype, name).get);
  const decoderEncoding = decoderGetter("encoding");
  const decoderFatal = decoderGetter("fatal");
  const decoderIgnoreBOM = decoderGetter("ignoreBOM");
  const streamOption = Object.freeze({ stream: true });

  let decoderRecord;
  class TextDecoderStream {
    #d;
    constructor(label = "utf-8", options = undefined) {
      // The label and the options are converted as TextDecoder converts them.
      const decoder = new TextDecoderCtor(`${label}`, toDictionary(options, "Failed to construct 'TextDecoderStream'"));
      const record = (this.#d = { transform: undefined, decoder });
      // Decode and enqueue a chunk: the decoder keeps a cut sequence for the next chunk.
      const transformAlgorithm = (chunk) => {
        const output = decode(decoder, toBufferSource(chunk, "TextDecoderStream"), streamOption);
        if (output !== "") enqueue(record.transform, output);
      };
      const flushAlgorithm = () => {
        const output = decode(decoder);
        if (output !== "") enqueue(record.transform, output);
      };
      // A cancelled or aborted stream ends the decoder's stream, which frees its state in Rust.
      const cancelAlgorithm = () => {
        try {
          decode(decoder);
        } catch {
          // A fatal decoder with a cut sequence left: the state is freed all the same.
        }
      };
      record.transform = setUpTransformStream(transformAlgorithm, flushAlgorithm, cancelAlgorithm);
    }
    static {
      decoderRecord = (value) => (isObject(value) && #d in value ? value.#d : undefined);
    }
    get encoding() {
      const record = decoderRecord(this);
      if (record === undefined) throw illegal("TextDecoderStream", "encoding");
      return decoderEncoding(record.decoder);
    }
    get fatal() {
      const record = decoderRecord(this);
      if (record === undefined) throw illegal("TextDecoderStream", "fatal");
      return decoderFatal(record.decoder);
    }
    get ignoreBOM() {
      const record = decoderRecord(this);
      if (record === undefined) throw illegal("TextDecoderStream", "ignoreBOM");
      return decoderIgnoreBOM(record.decoder);
    }
  }
  genericTransform(TextDecoderStream, "TextDecoderStream", decoderRecord);

  // An [AllowShared] BufferSource chunk (an ArrayBuffer, a SharedArrayBuffer
  // or a view of one) as a Uint8Array over its bytes; a detached buffer has none.
  const sharedByteLength = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get);
  function toBufferSource(chunk, context) {
    if (isView(chunk)) {
      const buffer = viewBuffer(chunk);
      if (isArrayBuffer(buffer) && isDetached(buffer)) return new Uint8ArrayCtor(0);
      return new Uint8ArrayCtor(buffer, viewByteOffset(chunk), viewByteLength(chunk));
    }
    if (isArrayBuffer(chunk)) return isDetached(chunk) ? new Uint8ArrayCtor(0) : new Uint8ArrayCtor(chunk);
    try {
      sharedByteLength(chunk);
      return new Uint8ArrayCtor(chunk);
    } catch {
      throw new TypeError(`${context}: the chunk is not an ArrayBuffer or an ArrayBufferView.`);
    }
  }

  // --- CompressionStream and DecompressionStream (https://compression.spec.whatwg.org/) ----
  const formats = ["deflate", "deflate-raw", "gzip"];
  // Frees a stream's compressor in Rust once nothing can reach its algorithms.
  let flateRegistry;

  function toFormat(args, context) {
    requireArgs(args.length, 1, context);
    const format = `${args[0]}`;
    if (!formats.includes(format)) throw new TypeError(`${context}: '${format}' is not a supported format.`);
    return format;
  }

  // The transform of either class: each chunk through the Rust compressor `id`.
  function flateTransform(format, decompress, operation) {
    const id = internal.nextId();
    ops.streams_flate_open(id, format, decompress);
    const record = { transform: undefined };
    // Held only by the algorithms below, so it is collected with them.
    const token = {};
    (flateRegistry ??= new FinalizationRegistry((held) => ops.streams_flate_free(held))).register(token, id);
    const transformAlgorithm = (chunk) => {
      void token;
      const output = ops.streams_flate_write(id, toBufferSource(chunk, operation));
      if (output.length > 0) enqueue(record.transform, output);
    };
    const flushAlgorithm = () => {
      void token;
      const output = ops.streams_flate_finish(id);
      if (output.length > 0) enqueue(record.transform, output);
    };
    const cancelAlgorithm = () => ops.streams_flate_free(id);
    record.transform = setUpTransformStream(transformAlgorithm, flushAlgorithm, cancelAlgorithm);
    return record;
  }

  let compressionRecord;
  class CompressionStream {
    #z;
    constructor(format) {
      const context = "Failed to construct 'CompressionStream'";
      this.#z = flateTransform(toFormat(arguments, context), false, "CompressionStream");
    }
    static {
      compressionRecord = (value) => (isObject(value) && #z in value ? value.#z : undefined);
    }
  }
  genericTransform(CompressionStream, "CompressionStream", compressionRecord);

  let decompressionRecord;
  class DecompressionStream {
    #z;
    constructor(format) {
      const context = "Failed to construct 'DecompressionStream'";
      this.#z = flateTransform(toFormat(arguments, context), true, "DecompressionStream");
    }
    static {
      decompressionRecord = (value) => (isObject(value) && #z in value ? value.#z : undefined);
    }
  }
  genericTransform(DecompressionStream, "DecompressionStream", decompressionRecord);

  return {
    TransformStream,
    TransformStreamDefaultController,
    TextEncoderStream,
    TextDecoderStream,
    CompressionStream,
    DecompressionStream,
  };
});

// streams_writable.js: kode:internal/streams-writable - writable streams of
// the WHATWG Streams Standard (https://streams.spec.whatwg.org/#ws): the
// WritableStream, WritableStreamDefaultWriter and
// WritableStreamDefaultController classes, their abstract operations, and
// ReadableStreamPipeTo (pipeTo and pipeThrough), which needs both halves.
// Loaded on the first touch of one of these globals or the first pipe; it
// works on the records of streams.js (see its header).
(function (ops, internal) {
  "use strict";

  const { finishInterface } = internal.webidl;
  const core = internal.loadInternal("kode:internal/streams").spec;
  const {
    kCreate,
    isObject,
    noop,
    resolvedWith,
    rejectedWith,
    upon,
    react,
    markHandled,
    promiseCall,
    Deferred,
    Queue,
    illegal,
    requireArgs,
    toDictionary,
    callbackMember,
    toQueuingStrategy,
    ExtractHighWaterMark,
    ExtractSizeAlgorithm,
    DequeueValue,
    EnqueueValueWithSize,
    PeekQueueValue,
    ResetQueue,
    resolvedUndefined,
    AcquireReadableStreamDefaultReader,
    ReadableStreamCancel,
    ReadableStreamDefaultReaderRead,
    ReadableStreamDefaultReaderRelease,
  } = core;
  const abort = internal.loadInternal("kode:internal/abort");
  const { follow, newSignal, abort: signalAbort } = abort.internals;
  const signalAborted = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(abort.AbortSignal.prototype, "aborted").get);
  const signalReason = Function.prototype.call.bind(Object.getOwnPropertyDescriptor(abort.AbortSignal.prototype, "reason").get);
  const { apply } = Reflect;

  // The value a close request puts in the controller's queue.
  const closeSentinel = Object.freeze({ closeSentinel: true });

  let writableRecord, writerRecord, controllerRecord;

  // --- WritableStream (https://streams.spec.whatwg.org/#ws-class) -----------------------
  function newWritableRecord(object) {
    return {
      object,
      state: "writable",
      storedError: undefined,
      writer: undefined,
      controller: undefined,
      inFlightWriteRequest: undefined,
      closeRequest: undefined,
      inFlightCloseRequest: undefined,
      pendingAbortRequest: undefined,
      writeRequests: new Queue(),
      backpressure: false,
    };
  }

  class WritableStream {
    #w;
    constructor(underlyingSink = undefined, strategy = undefined) {
      const stream = (this.#w = newWritableRecord(this));
      if (underlyingSink === kCreate) return;
      const context = "Failed to construct 'WritableStream'";
      if (underlyingSink !== undefined && !isObject(underlyingSink)) {
        throw new TypeError(`${context}: the underlying sink is not an object.`);
      }
      const strategyDict = toQueuingStrategy(strategy, context);
      const sink = underlyingSink === undefined ? null : underlyingSink;
      const sinkDict = toUnderlyingSink(sink, context);
      if (sinkDict.type !== undefined) throw new RangeError(`${context}: 'type' must be undefined.`);
      const sizeAlgorithm = ExtractSizeAlgorithm(strategyDict);
      const highWaterMark = ExtractHighWaterMark(strategyDict, 1);
      SetUpWritableStreamDefaultControllerFromUnderlyingSink(stream, sink, sinkDict, highWaterMark, sizeAlgorithm);
    }
    static {
      writableRecord = (value) => (isObject(value) && #w in value ? value.#w : undefined);
    }
    get locked() {
      const stream = writableRecord(this);
      if (stream === undefined) throw illegal("WritableStream", "locked");
      return IsWritableStreamLocked(stream);
    }
    abort(reason = undefined) {
      const stream = writableRecord(this);
      if (stream === undefined) return rejectedWith(illegal("WritableStream", "abort"));
      if (IsWritableStreamLocked(stream)) {
        return rejectedWith(new TypeError("WritableStream.abort: the stream is locked to a writer."));
      }
      return WritableStreamAbort(stream, reason);
    }
    close() {
      const stream = writableRecord(this);
      if (stream === undefined) return rejectedWith(illegal("WritableStream", "close"));
      if (IsWritableStreamLocked(stream)) {
        return rejectedWith(new TypeError("WritableStream.close: the stream is locked to a writer."));
      }
      if (WritableStreamCloseQueuedOrInFlight(stream)) {
        return rejectedWith(new TypeError("WritableStream.close: the stream is already closing."));
      }
      return WritableStreamClose(stream);
    }
    getWriter() {
      const stream = writableRecord(this);
      if (stream === undefined) throw illegal("WritableStream", "getWriter");
      return AcquireWritableStreamDefaultWriter(stream).object;
    }
  }
  finishInterface(WritableStream, "WritableStream");

  // dictionary UnderlyingSink, members in lexicographic order.
  function toUnderlyingSink(sink, context) {
    if (sink === null) return {};
    const abort = callbackMember(sink, "abort", context);
    const close = callbackMember(sink, "close", context);
    const start = callbackMember(sink, "start", context);
    const type = sink.type;
    const write = callbackMember(sink, "write", context);
    return { abort, close, start, type, write };
  }

  // --- WritableStreamDefaultWriter (https://streams.spec.whatwg.org/#default-writer-class) ---
  class WritableStreamDefaultWriter {
    #r;
    constructor(stream) {
      requireArgs(arguments.length, 1, "Failed to construct 'WritableStreamDefaultWriter'");
      const writer = (this.#r = { object: this, stream: undefined, closed: undefined, ready: undefined });
      if (stream === kCreate) return;
      const record = writableRecord(stream);
      if (record === undefined) {
        throw new TypeError("Failed to construct 'WritableStreamDefaultWriter': the argument is not a WritableStream.");
      }
      SetUpWritableStreamDefaultWriter(writer, record);
    }
    static {
      writerRecord = (value) => (isObject(value) && #r in value ? value.#r : undefined);
    }
    get closed() {
      const writer = writerRecord(this);
      if (writer === undefined) return rejectedWith(illegal("WritableStreamDefaultWriter", "closed"));
      return writer.closed.promise;
    }
    get desiredSize() {
      const writer = writerRecord(this);
      if (writer === undefined) throw illegal("WritableStreamDefaultWriter", "desiredSize");
      if (writer.stream === undefined) {
        throw new TypeError("WritableStreamDefaultWriter.desiredSize: the writer has been released.");
      }
      return WritableStreamDefaultWriterGetDesiredSize(writer);
    }
    get ready() {
      const writer = writerRecord(this);
      if (writer === undefined) return rejectedWith(illegal("WritableStreamDefaultWriter", "ready"));
      return writer.ready.promise;
    }
    abort(reason = undefined) {
      const writer = writerRecord(this);
      if (writer === undefined) return rejectedWith(illegal("WritableStreamDefaultWriter", "abort"));
      if (writer.stream === undefined) {
        return rejectedWith(new TypeError("WritableStreamDefaultWriter.abort: the writer has been released."));
      }
      return WritableStreamDefaultWriterAbort(writer, reason);
    }
    close() {
      const writer = writerRecord(this);
      if (writer === undefined) return rejectedWith(illegal("WritableStreamDefaultWriter", "close"));
      const stream = writer.stream;
      if (stream === undefined) {
        return rejectedWith(new TypeError("WritableStreamDefaultWriter.close: the writer has been released."));
      }
      if (WritableStreamCloseQueuedOrInFlight(stream)) {
        return rejectedWith(new TypeError("WritableStreamDefaultWriter.close: the stream is already closing."));
      }
      return WritableStreamDefaultWriterClose(writer);
    }
    releaseLock() {
      const writer = writerRecord(this);
      if (writer === undefined) throw illegal("WritableStreamDefaultWriter", "releaseLock");
      if (writer.stream === undefined) return;
      WritableStreamDefaultWriterRelease(writer);
    }
    write(chunk = undefined) {
      const writer = writerRecord(this);
      if (writer === undefined) return rejectedWith(illegal("WritableStreamDefaultWriter", "write"));
      if (writer.stream === undefined) {
        return rejectedWith(new TypeError("WritableStreamDefaultWriter.write: the writer has been released."));
      }
      return WritableStreamDefaultWriterWrite(writer, chunk);
    }
  }
  finishInterface(WritableStreamDefaultWriter, "WritableStreamDefaultWriter");

  // --- WritableStreamDefaultController (https://streams.spec.whatwg.org/#ws-default-controller-class) ---
  class WritableStreamDefaultController {
    #c;
    constructor(key = undefined, record = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#c = record;
      record.object = this;
    }
    static {
      controllerRecord = (value) => (isObject(value) && #c in value ? value.#c : undefined);
    }
    get signal() {
      const controller = controllerRecord(this);
      if (controller === undefined) throw illegal("WritableStreamDefaultController", "signal");
      return abortSignalOf(controller);
    }
    error(e = undefined) {
      const controller = controllerRecord(this);
      if (controller === undefined) throw illegal("WritableStreamDefaultController", "error");
      if (controller.stream.state !== "writable") return;
      WritableStreamDefaultControllerError(controller, e);
    }
  }
  finishInterface(WritableStreamDefaultController, "WritableStreamDefaultController");

  // The signal of the controller's [[abortController]], made when first asked
  // for (until then nobody can listen to it, so an abort before that is only
  // remembered and applied when it is made).
  function abortSignalOf(controller) {
    if (controller.signal === undefined) {
      controller.signal = newSignal();
      if (controller.aborted) signalAbort(controller.signal, controller.abortReason);
    }
    return controller.signal;
  }
  function signalAbortOf(controller, reason) {
    if (controller.aborted) return;
    controller.aborted = true;
    controller.abortReason = reason;
    if (controller.signal !== undefined) signalAbort(controller.signal, reason);
  }

  // A controller's slots, with its internal methods
  // (https://streams.spec.whatwg.org/#ws-default-controller-internal-methods).
  class ControllerSlots {
    constructor() {
      this.object = undefined;
      this.stream = undefined;
      this.queue = undefined;
      this.queueTotalSize = 0;
      this.signal = undefined;
      this.aborted = false;
      this.abortReason = undefined;
      this.started = false;
      this.strategySizeAlgorithm = undefined;
      this.strategyHWM = 1;
      this.writeAlgorithm = undefined;
      this.closeAlgorithm = undefined;
      this.abortAlgorithm = undefined;
      new WritableStreamDefaultController(kCreate, this);
    }
    abortSteps(reason) {
      const result = this.abortAlgorithm(reason);
      WritableStreamDefaultControllerClearAlgorithms(this);
      return result;
    }
    errorSteps() {
      ResetQueue(this);
    }
  }

  // --- working with writable streams (https://streams.spec.whatwg.org/#ws-abstract-ops) ---
  function AcquireWritableStreamDefaultWriter(stream) {
    const writer = writerRecord(new WritableStreamDefaultWriter(kCreate));
    SetUpWritableStreamDefaultWriter(writer, stream);
    return writer;
  }

  // Returns the new stream's record.
  function CreateWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    const stream = writableRecord(new WritableStream(kCreate));
    const controller = new ControllerSlots();
    SetUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }

  const IsWritableStreamLocked = (stream) => stream.writer !== undefined;

  function SetUpWritableStreamDefaultWriter(writer, stream) {
    if (IsWritableStreamLocked(stream)) throw new TypeError("WritableStream.getWriter: the stream is locked to a writer.");
    writer.stream = stream;
    stream.writer = writer;
    const state = stream.state;
    if (state === "writable") {
      writer.ready = !WritableStreamCloseQueuedOrInFlight(stream) && stream.backpressure ? new Deferred() : Deferred.resolved();
      writer.closed = new Deferred();
    } else if (state === "erroring") {
      writer.ready = Deferred.rejected(stream.storedError);
      writer.closed = new Deferred();
    } else if (state === "closed") {
      writer.ready = Deferred.resolved();
      writer.closed = Deferred.resolved();
    } else {
      writer.ready = Deferred.rejected(stream.storedError);
      writer.closed = Deferred.rejected(stream.storedError);
    }
  }

  function WritableStreamAbort(stream, reason) {
    if (stream.state === "closed" || stream.state === "errored") return resolvedWith(undefined);
    signalAbortOf(stream.controller, reason);
    // Signalling abort ran author code, which may have changed the state.
    const state = stream.state;
    if (state === "closed" || state === "errored") return resolvedWith(undefined);
    if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.promise.promise;
    let wasAlreadyErroring = false;
    if (state === "erroring") {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const promise = new Deferred();
    stream.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) WritableStreamStartErroring(stream, reason);
    return promise.promise;
  }

  function WritableStreamClose(stream) {
    const state = stream.state;
    if (state === "closed" || state === "errored") {
      return rejectedWith(new TypeError("The stream is closed or errored."));
    }
    const promise = new Deferred();
    stream.closeRequest = promise;
    const writer = stream.writer;
    if (writer !== undefined && stream.backpressure && state === "writable") writer.ready.resolve(undefined);
    WritableStreamDefaultControllerClose(stream.controller);
    return promise.promise;
  }

  // --- interfacing with controllers (https://streams.spec.whatwg.org/#ws-abstract-ops-used-by-controllers) ---
  function WritableStreamAddWriteRequest(stream) {
    const promise = new Deferred();
    stream.writeRequests.push(promise);
    return promise.promise;
  }

  const WritableStreamCloseQueuedOrInFlight = (stream) =>
    stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;

  function WritableStreamDealWithRejection(stream, error) {
    if (stream.state === "writable") {
      WritableStreamStartErroring(stream, error);
      return;
    }
    WritableStreamFinishErroring(stream);
  }

  function WritableStreamFinishErroring(stream) {
    stream.state = "errored";
    stream.controller.errorSteps();
    const storedError = stream.storedError;
    const writeRequests = stream.writeRequests;
    stream.writeRequests = new Queue();
    while (writeRequests.length > 0) writeRequests.shift().reject(storedError);
    if (stream.pendingAbortRequest === undefined) {
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const abortRequest = stream.pendingAbortRequest;
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.promise.reject(storedError);
      WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const promise = stream.controller.abortSteps(abortRequest.reason);
    upon(
      promise,
      () => {
        abortRequest.promise.resolve(undefined);
        WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      },
      (reason) => {
        abortRequest.promise.reject(reason);
        WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      },
    );
  }

  function WritableStreamFinishInFlightClose(stream) {
    stream.inFlightCloseRequest.resolve(undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === "erroring") {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        stream.pendingAbortRequest.promise.resolve(undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = "closed";
    const writer = stream.writer;
    if (writer !== undefined) writer.closed.resolve(undefined);
  }

  function WritableStreamFinishInFlightCloseWithError(stream, error) {
    stream.inFlightCloseRequest.reject(error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.promise.reject(error);
      stream.pendingAbortRequest = undefined;
    }
    WritableStreamDealWithRejection(stream, error);
  }

  function WritableStreamFinishInFlightWrite(stream) {
    stream.inFlightWriteRequest.resolve(undefined);
    stream.inFlightWriteRequest = undefined;
  }

  function WritableStreamFinishInFlightWriteWithError(stream, error) {
    stream.inFlightWriteRequest.reject(error);
    stream.inFlightWriteRequest = undefined;
    WritableStreamDealWithRejection(stream, error);
  }

  const WritableStreamHasOperationMarkedInFlight = (stream) =>
    stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;

  function WritableStreamMarkCloseRequestInFlight(stream) {
    stream.inFlightCloseRequest = stream.closeRequest;
    stream.closeRequest = undefined;
  }

  function WritableStreamMarkFirstWriteRequestInFlight(stream) {
    stream.inFlightWriteRequest = stream.writeRequests.shift();
  }

  function WritableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
    if (stream.closeRequest !== undefined) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = undefined;
    }
    const writer = stream.writer;
    if (writer !== undefined) {
      writer.closed.reject(stream.storedError);
      markHandled(writer.closed.promise);
    }
  }

  function WritableStreamStartErroring(stream, reason) {
    const controller = stream.controller;
    stream.state = "erroring";
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== undefined) WritableStreamDefaultWriterEnsureReadyPromiseRejected(writer, reason);
    if (!WritableStreamHasOperationMarkedInFlight(stream) && controller.started) WritableStreamFinishErroring(stream);
  }

  function WritableStreamUpdateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = new Deferred();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }

  // --- writers (https://streams.spec.whatwg.org/#ws-writer-abstract-ops) ---------------
  const WritableStreamDefaultWriterAbort = (writer, reason) => WritableStreamAbort(writer.stream, reason);
  const WritableStreamDefaultWriterClose = (writer) => WritableStreamClose(writer.stream);

  function WritableStreamDefaultWriterCloseWithErrorPropagation(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (WritableStreamCloseQueuedOrInFlight(stream) || state === "closed") return resolvedWith(undefined);
    if (state === "errored") return rejectedWith(stream.storedError);
    return WritableStreamDefaultWriterClose(writer);
  }

  function WritableStreamDefaultWriterEnsureClosedPromiseRejected(writer, error) {
    if (writer.closed.pending) writer.closed.reject(error);
    else writer.closed = Deferred.rejected(error);
    markHandled(writer.closed.promise);
  }

  function WritableStreamDefaultWriterEnsureReadyPromiseRejected(writer, error) {
    if (writer.ready.pending) writer.ready.reject(error);
    else writer.ready = Deferred.rejected(error);
    markHandled(writer.ready.promise);
  }

  function WritableStreamDefaultWriterGetDesiredSize(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (state === "errored" || state === "erroring") return null;
    if (state === "closed") return 0;
    return WritableStreamDefaultControllerGetDesiredSize(stream.controller);
  }

  function WritableStreamDefaultWriterRelease(writer) {
    const stream = writer.stream;
    const releasedError = new TypeError("The writer's lock on the stream has been released.");
    WritableStreamDefaultWriterEnsureReadyPromiseRejected(writer, releasedError);
    WritableStreamDefaultWriterEnsureClosedPromiseRejected(writer, releasedError);
    stream.writer = undefined;
    writer.stream = undefined;
  }

  function WritableStreamDefaultWriterWrite(writer, chunk) {
    const stream = writer.stream;
    const controller = stream.controller;
    const chunkSize = WritableStreamDefaultControllerGetChunkSize(controller, chunk);
    if (stream !== writer.stream) {
      return rejectedWith(new TypeError("WritableStreamDefaultWriter.write: the writer was released while sizing the chunk."));
    }
    const state = stream.state;
    if (state === "errored") return rejectedWith(stream.storedError);
    if (WritableStreamCloseQueuedOrInFlight(stream) || state === "closed") {
      return rejectedWith(new TypeError("WritableStreamDefaultWriter.write: the stream is closing or closed."));
    }
    if (state === "erroring") return rejectedWith(stream.storedError);
    const promise = WritableStreamAddWriteRequest(stream);
    WritableStreamDefaultControllerWrite(controller, chunk, chunkSize);
    return promise;
  }

  // --- default controllers (https://streams.spec.whatwg.org/#ws-default-controller-abstract-ops) ---
  function SetUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    ResetQueue(controller);
    controller.started = false;
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.writeAlgorithm = writeAlgorithm;
    controller.closeAlgorithm = closeAlgorithm;
    controller.abortAlgorithm = abortAlgorithm;
    WritableStreamUpdateBackpressure(stream, WritableStreamDefaultControllerGetBackpressure(controller));
    const startResult = startAlgorithm();
    upon(
      resolvedWith(startResult),
      () => {
        controller.started = true;
        WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
      },
      (r) => {
        controller.started = true;
        WritableStreamDealWithRejection(stream, r);
      },
    );
  }

  function SetUpWritableStreamDefaultControllerFromUnderlyingSink(stream, sink, dict, highWaterMark, sizeAlgorithm) {
    const controller = new ControllerSlots();
    const { start, write, close, abort } = dict;
    const startAlgorithm = start === undefined ? noop : () => apply(start, sink, [controller.object]);
    const writeAlgorithm = write === undefined ? resolvedUndefined : (chunk) => promiseCall(write, sink, [chunk, controller.object]);
    const closeAlgorithm = close === undefined ? resolvedUndefined : () => promiseCall(close, sink, []);
    const abortAlgorithm = abort === undefined ? resolvedUndefined : (reason) => promiseCall(abort, sink, [reason]);
    SetUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
  }

  function WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller) {
    const stream = controller.stream;
    if (!controller.started) return;
    if (stream.inFlightWriteRequest !== undefined) return;
    if (stream.state === "erroring") {
      WritableStreamFinishErroring(stream);
      return;
    }
    if (controller.queue.length === 0) return;
    const value = PeekQueueValue(controller);
    if (value === closeSentinel) WritableStreamDefaultControllerProcessClose(controller);
    else WritableStreamDefaultControllerProcessWrite(controller, value);
  }

  function WritableStreamDefaultControllerClearAlgorithms(controller) {
    controller.writeAlgorithm = undefined;
    controller.closeAlgorithm = undefined;
    controller.abortAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }

  function WritableStreamDefaultControllerClose(controller) {
    EnqueueValueWithSize(controller, closeSentinel, 0);
    WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }

  function WritableStreamDefaultControllerError(controller, error) {
    WritableStreamDefaultControllerClearAlgorithms(controller);
    WritableStreamStartErroring(controller.stream, error);
  }

  function WritableStreamDefaultControllerErrorIfNeeded(controller, error) {
    if (controller.stream.state === "writable") WritableStreamDefaultControllerError(controller, error);
  }

  const WritableStreamDefaultControllerGetBackpressure = (controller) =>
    WritableStreamDefaultControllerGetDesiredSize(controller) <= 0;

  function WritableStreamDefaultControllerGetChunkSize(controller, chunk) {
    if (controller.strategySizeAlgorithm === undefined) return 1;
    try {
      return controller.strategySizeAlgorithm(chunk);
    } catch (error) {
      WritableStreamDefaultControllerErrorIfNeeded(controller, error);
      return 1;
    }
  }

  const WritableStreamDefaultControllerGetDesiredSize = (controller) => controller.strategyHWM - controller.queueTotalSize;

  function WritableStreamDefaultControllerProcessClose(controller) {
    const stream = controller.stream;
    WritableStreamMarkCloseRequestInFlight(stream);
    DequeueValue(controller);
    const sinkClosePromise = controller.closeAlgorithm();
    WritableStreamDefaultControllerClearAlgorithms(controller);
    upon(
      sinkClosePromise,
      () => WritableStreamFinishInFlightClose(stream),
      (reason) => WritableStreamFinishInFlightCloseWithError(stream, reason),
    );
  }

  function WritableStreamDefaultControllerProcessWrite(controller, chunk) {
    const stream = controller.stream;
    WritableStreamMarkFirstWriteRequestInFlight(stream);
    const sinkWritePromise = controller.writeAlgorithm(chunk);
    upon(
      sinkWritePromise,
      () => {
        WritableStreamFinishInFlightWrite(stream);
        const state = stream.state;
        DequeueValue(controller);
        if (!WritableStreamCloseQueuedOrInFlight(stream) && state === "writable") {
          WritableStreamUpdateBackpressure(stream, WritableStreamDefaultControllerGetBackpressure(controller));
        }
        WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
      },
      (reason) => {
        if (stream.state === "writable") WritableStreamDefaultControllerClearAlgorithms(controller);
        WritableStreamFinishInFlightWriteWithError(stream, reason);
      },
    );
  }

  function WritableStreamDefaultControllerWrite(controller, chunk, chunkSize) {
    try {
      EnqueueValueWithSize(controller, chunk, chunkSize);
    } catch (error) {
      WritableStreamDefaultControllerErrorIfNeeded(controller, error);
      return;
    }
    const stream = controller.stream;
    if (!WritableStreamCloseQueuedOrInFlight(stream) && stream.state === "writable") {
      WritableStreamUpdateBackpressure(stream, WritableStreamDefaultControllerGetBackpressure(controller));
    }
    WritableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }

  // --- piping (https://streams.spec.whatwg.org/#readable-stream-pipe-to) ------------------
  // Reads wait for the writer's ready promise (backpressure), each write is
  // started as soon as its chunk is read, and shutdown waits for the writes
  // already started. Everything goes through records and captured promise
  // functions: nothing a program can patch is used.
  function ReadableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal = undefined) {
    const reader = AcquireReadableStreamDefaultReader(source);
    const writer = AcquireWritableStreamDefaultWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    // The last write started; shutdown waits until it (and any started after it) settled.
    let currentWrite = resolvedWith(undefined);
    const promise = new Deferred();
    // Removes the abort algorithm from the signal.
    let unfollow;

    function finalize(isError, error) {
      WritableStreamDefaultWriterRelease(writer);
      ReadableStreamDefaultReaderRelease(reader);
      if (unfollow !== undefined) unfollow();
      if (isError) promise.reject(error);
      else promise.resolve(undefined);
    }

    function waitForWritesToFinish() {
      const oldCurrentWrite = currentWrite;
      return react(currentWrite, () => (oldCurrentWrite !== currentWrite ? waitForWritesToFinish() : undefined));
    }

    const destWritable = () => dest.state === "writable" && !WritableStreamCloseQueuedOrInFlight(dest);

    function shutdownWithAction(action, originalIsError, originalError) {
      if (shuttingDown) return;
      shuttingDown = true;
      const doTheRest = () => {
        upon(
          action(),
          () => finalize(originalIsError, originalError),
          (newError) => finalize(true, newError),
        );
      };
      if (destWritable()) upon(waitForWritesToFinish(), doTheRest);
      else doTheRest();
    }

    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (destWritable()) upon(waitForWritesToFinish(), () => finalize(isError, error));
      else finalize(isError, error);
    }

    if (signal !== undefined) {
      // An abort algorithm, not an event listener: it runs before the
      // `abort` event, and no listener can stop it.
      const abortAlgorithm = () => {
        const error = signalReason(signal);
        const actions = [];
        if (!preventAbort) {
          actions.push(() => (dest.state === "writable" ? WritableStreamAbort(dest, error) : resolvedWith(undefined)));
        }
        if (!preventCancel) {
          actions.push(() => (source.state === "readable" ? ReadableStreamCancel(source, error) : resolvedWith(undefined)));
        }
        shutdownWithAction(() => waitForAll(actions.map((action) => action())), true, error);
      };
      if (signalAborted(signal)) {
        abortAlgorithm();
        return promise.promise;
      }
      unfollow = follow(signal, abortAlgorithm);
    }

    // One step: wait for room in dest, read a chunk, start writing it. Resolves with whether the loop is done.
    function pipeStep() {
      if (shuttingDown) return resolvedWith(true);
      return react(writer.ready.promise, () => {
        const step = new Deferred();
        ReadableStreamDefaultReaderRead(reader, {
          chunk(chunk) {
            // The write starts a microtask later, never inside the enqueue()
            // that delivered the chunk (whatwg/streams#1243); a pipe that
            // finalized meanwhile has released the writer and skips it.
            currentWrite = react(resolvedWith(undefined), () => {
              if (writer.stream !== undefined) return react(WritableStreamDefaultWriterWrite(writer, chunk), undefined, noop);
            });
            step.resolve(false);
          },
          close: () => step.resolve(true),
          error: (e) => step.reject(e),
        });
        return step.promise;
      });
    }
    function pipeLoop(done) {
      if (!done) upon(pipeStep(), pipeLoop, noop);
    }

    // Errors must be propagated forward.
    isOrBecomesErrored(source, reader.closed.promise, (storedError) => {
      if (!preventAbort) shutdownWithAction(() => WritableStreamAbort(dest, storedError), true, storedError);
      else shutdown(true, storedError);
    });
    // Errors must be propagated backward.
    isOrBecomesErrored(dest, writer.closed.promise, (storedError) => {
      if (!preventCancel) shutdownWithAction(() => ReadableStreamCancel(source, storedError), true, storedError);
      else shutdown(true, storedError);
    });
    // Closing must be propagated forward.
    if (source.state === "closed") {
      closeForward();
    } else {
      upon(reader.closed.promise, closeForward);
    }
    function closeForward() {
      if (!preventClose) shutdownWithAction(() => WritableStreamDefaultWriterCloseWithErrorPropagation(writer));
      else shutdown();
    }
    // Closing must be propagated backward.
    if (WritableStreamCloseQueuedOrInFlight(dest) || dest.state === "closed") {
      const destClosed = new TypeError("The destination stream closed before all data could be piped to it.");
      if (!preventCancel) shutdownWithAction(() => ReadableStreamCancel(source, destClosed), true, destClosed);
      else shutdown(true, destClosed);
    }

    pipeLoop(false);
    return promise.promise;
  }

  function isOrBecomesErrored(stream, promise, action) {
    if (stream.state === "errored") action(stream.storedError);
    else upon(promise, undefined, action);
  }

  // WebIDL's "waiting for all": a promise of every promise's fulfilment, or the first rejection.
  function waitForAll(promises) {
    const all = new Deferred();
    let remaining = promises.length;
    if (remaining === 0) {
      upon(resolvedWith(undefined), () => all.resolve([]));
      return all.promise;
    }
    const results = new Array(remaining);
    let rejected = false;
    promises.forEach((p, index) => {
      upon(
        p,
        (value) => {
          results[index] = value;
          if (--remaining === 0) all.resolve(results);
        },
        (reason) => {
          if (!rejected) {
            rejected = true;
            all.reject(reason);
          }
        },
      );
    });
    return all.promise;
  }

  // --- for other Kode modules (streams.js's internals.createWritable) ------------------
  function createWritable(write, close, abort, { highWaterMark = 1, size = undefined } = {}) {
    const writeAlgorithm = (chunk) => promiseCall(write, undefined, [chunk]);
    const closeAlgorithm = close === undefined ? resolvedUndefined : () => promiseCall(close, undefined, []);
    const abortAlgorithm = abort === undefined ? resolvedUndefined : (reason) => promiseCall(abort, undefined, [reason]);
    const sizeAlgorithm = size === undefined ? () => 1 : size;
    return CreateWritableStream(noop, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm).object;
  }

  return {
    WritableStream,
    WritableStreamDefaultWriter,
    WritableStreamDefaultController,
    spec: {
      writableRecord,
      IsWritableStreamLocked,
      ReadableStreamPipeTo,
      CreateWritableStream,
      WritableStreamDefaultControllerErrorIfNeeded,
      createWritable,
    },
  };
});

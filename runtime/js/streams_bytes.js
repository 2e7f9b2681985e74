// streams_bytes.js: kode:internal/streams-bytes - readable byte streams of
// the WHATWG Streams Standard (https://streams.spec.whatwg.org/#rbs-controller-class):
// ReadableByteStreamController, ReadableStreamBYOBRequest, their abstract
// operations and the byte-stream tee. Loaded by streams.js with the first
// byte stream (or on the first touch of these two globals); it works on the
// records streams.js defines, and gives the controller records the internal
// methods ([[CancelSteps]], [[PullSteps]], [[ReleaseSteps]]) the readable
// stream algorithms call.
(function (ops, internal) {
  "use strict";

  const { finishInterface } = internal.webidl;
  const core = internal.loadInternal("kode:internal/streams").spec;
  const {
    kCreate,
    isObject,
    noop,
    resolvedWith,
    upon,
    promiseCall,
    Deferred,
    illegal,
    requireArgs,
    toEnforcedULL,
    toArrayBufferView,
    queueMicrotask,
    ArrayBufferCtor,
    Uint8ArrayCtor,
    DataViewCtor,
    typedArrays,
    typedArrayName,
    typedArrayBuffer,
    typedArrayByteLength,
    typedArraySet,
    viewBuffer,
    viewByteOffset,
    viewByteLength,
    bufferByteLength,
    isDetached,
    TransferArrayBuffer,
    CloneArrayBuffer,
    CopyDataBlockBytes,
    CloneAsUint8Array,
    ResetQueue,
    newStream,
    resolvedUndefined,
    AcquireReadableStreamDefaultReader,
    AcquireReadableStreamBYOBReader,
    ReadableStreamAddReadRequest,
    ReadableStreamAddReadIntoRequest,
    ReadableStreamCancel,
    ReadableStreamClose,
    ReadableStreamError,
    ReadableStreamFulfillReadRequest,
    ReadableStreamFulfillReadIntoRequest,
    ReadableStreamGetNumReadRequests,
    ReadableStreamGetNumReadIntoRequests,
    ReadableStreamHasDefaultReader,
    ReadableStreamHasBYOBReader,
    ReadableStreamDefaultReaderRead,
    ReadableStreamDefaultReaderRelease,
    ReadableStreamBYOBReaderRead,
    ReadableStreamBYOBReaderRelease,
  } = core;

  const { apply } = Reflect;
  let byteControllerRecord, byobRequestRecord;

  // --- the classes --------------------------------------------------------------------
  class ReadableByteStreamController {
    #c;
    constructor(key = undefined, record = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#c = record;
      record.object = this;
    }
    static {
      byteControllerRecord = (value) => (isObject(value) && #c in value ? value.#c : undefined);
    }
    get byobRequest() {
      const controller = byteControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableByteStreamController", "byobRequest");
      const request = ReadableByteStreamControllerGetBYOBRequest(controller);
      return request === null ? null : request.object;
    }
    get desiredSize() {
      const controller = byteControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableByteStreamController", "desiredSize");
      return ReadableByteStreamControllerGetDesiredSize(controller);
    }
    close() {
      const controller = byteControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableByteStreamController", "close");
      if (controller.closeRequested) throw new TypeError("ReadableByteStreamController.close: the stream is closing.");
      if (controller.stream.state !== "readable") {
        throw new TypeError("ReadableByteStreamController.close: the stream is not readable.");
      }
      ReadableByteStreamControllerClose(controller);
    }
    enqueue(chunk) {
      const context = "ReadableByteStreamController.enqueue";
      const controller = byteControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableByteStreamController", "enqueue");
      requireArgs(arguments.length, 1, context);
      toArrayBufferView(chunk, context);
      if (viewByteLength(chunk) === 0) throw new TypeError(`${context}: the chunk is empty.`);
      if (bufferByteLength(viewBuffer(chunk)) === 0) throw new TypeError(`${context}: the chunk's buffer is empty.`);
      if (controller.closeRequested) throw new TypeError(`${context}: the stream is closing.`);
      if (controller.stream.state !== "readable") throw new TypeError(`${context}: the stream is not readable.`);
      ReadableByteStreamControllerEnqueue(controller, chunk);
    }
    error(e = undefined) {
      const controller = byteControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableByteStreamController", "error");
      ReadableByteStreamControllerError(controller, e);
    }
  }
  finishInterface(ReadableByteStreamController, "ReadableByteStreamController");

  class ReadableStreamBYOBRequest {
    #b;
    constructor(key = undefined, record = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#b = record;
      record.object = this;
    }
    static {
      byobRequestRecord = (value) => (isObject(value) && #b in value ? value.#b : undefined);
    }
    get view() {
      const request = byobRequestRecord(this);
      if (request === undefined) throw illegal("ReadableStreamBYOBRequest", "view");
      return request.view;
    }
    respond(bytesWritten) {
      const context = "ReadableStreamBYOBRequest.respond";
      const request = byobRequestRecord(this);
      if (request === undefined) throw illegal("ReadableStreamBYOBRequest", "respond");
      requireArgs(arguments.length, 1, context);
      bytesWritten = toEnforcedULL(bytesWritten, context, "bytesWritten");
      if (request.controller === undefined) throw new TypeError(`${context}: the request has been answered.`);
      if (isDetached(typedArrayBuffer(request.view))) throw new TypeError(`${context}: the view's buffer is detached.`);
      ReadableByteStreamControllerRespond(request.controller, bytesWritten);
    }
    respondWithNewView(view) {
      const context = "ReadableStreamBYOBRequest.respondWithNewView";
      const request = byobRequestRecord(this);
      if (request === undefined) throw illegal("ReadableStreamBYOBRequest", "respondWithNewView");
      requireArgs(arguments.length, 1, context);
      toArrayBufferView(view, context);
      if (request.controller === undefined) throw new TypeError(`${context}: the request has been answered.`);
      if (isDetached(viewBuffer(view))) throw new TypeError(`${context}: the view's buffer is detached.`);
      ReadableByteStreamControllerRespondWithNewView(request.controller, view);
    }
  }
  finishInterface(ReadableStreamBYOBRequest, "ReadableStreamBYOBRequest");


  function CreateReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 0) {
    const stream = newStream();
    const controller = new ByteControllerSlots();
    SetUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, undefined);
    return stream;
  }


  // --- byte stream controllers (https://streams.spec.whatwg.org/#rbs-controller-abstract-ops) ---
  // A byte controller's slots, with its internal methods
  // (https://streams.spec.whatwg.org/#rbs-controller-internal-methods).
  class ByteControllerSlots {
    constructor() {
      this.object = undefined;
      this.byte = true;
      this.stream = undefined;
      this.queue = undefined;
      this.queueTotalSize = 0;
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.strategyHWM = 0;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.autoAllocateChunkSize = undefined;
      this.byobRequest = null;
      this.pendingPullIntos = [];
      new ReadableByteStreamController(kCreate, this);
    }
    cancelSteps(reason) {
      ReadableByteStreamControllerClearPendingPullIntos(this);
      ResetQueue(this);
      const result = this.cancelAlgorithm(reason);
      ReadableByteStreamControllerClearAlgorithms(this);
      return result;
    }
    pullSteps(readRequest) {
      const stream = this.stream;
      if (this.queueTotalSize > 0) {
        ReadableByteStreamControllerFillReadRequestFromQueue(this, readRequest);
        return;
      }
      const autoAllocateChunkSize = this.autoAllocateChunkSize;
      if (autoAllocateChunkSize !== undefined) {
        let buffer;
        try {
          buffer = new ArrayBufferCtor(autoAllocateChunkSize);
        } catch (error) {
          readRequest.error(error);
          return;
        }
        this.pendingPullIntos.push({
          buffer,
          bufferByteLength: autoAllocateChunkSize,
          byteOffset: 0,
          byteLength: autoAllocateChunkSize,
          bytesFilled: 0,
          minimumFill: 1,
          elementSize: 1,
          viewConstructor: Uint8ArrayCtor,
          readerType: "default",
        });
      }
      ReadableStreamAddReadRequest(stream, readRequest);
      ReadableByteStreamControllerCallPullIfNeeded(this);
    }
    releaseSteps() {
      if (this.pendingPullIntos.length > 0) {
        const firstPendingPullInto = this.pendingPullIntos[0];
        firstPendingPullInto.readerType = "none";
        this.pendingPullIntos = [firstPendingPullInto];
      }
    }
  }

  function ReadableByteStreamControllerCallPullIfNeeded(controller) {
    if (!ReadableByteStreamControllerShouldCallPull(controller)) return;
    if (controller.pulling) {
      controller.pullAgain = true;
      return;
    }
    controller.pulling = true;
    const pullPromise = controller.pullAlgorithm();
    upon(
      pullPromise,
      () => {
        controller.pulling = false;
        if (controller.pullAgain) {
          controller.pullAgain = false;
          ReadableByteStreamControllerCallPullIfNeeded(controller);
        }
      },
      (e) => ReadableByteStreamControllerError(controller, e),
    );
  }

  function ReadableByteStreamControllerClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }

  function ReadableByteStreamControllerClearPendingPullIntos(controller) {
    ReadableByteStreamControllerInvalidateBYOBRequest(controller);
    controller.pendingPullIntos = [];
  }

  function ReadableByteStreamControllerClose(controller) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== "readable") return;
    if (controller.queueTotalSize > 0) {
      controller.closeRequested = true;
      return;
    }
    if (controller.pendingPullIntos.length > 0) {
      const firstPendingPullInto = controller.pendingPullIntos[0];
      if (firstPendingPullInto.bytesFilled % firstPendingPullInto.elementSize !== 0) {
        const e = new TypeError("ReadableByteStreamController.close: the stream was closed in the middle of an element of a BYOB read.");
        ReadableByteStreamControllerError(controller, e);
        throw e;
      }
    }
    ReadableByteStreamControllerClearAlgorithms(controller);
    ReadableStreamClose(stream);
  }

  function ReadableByteStreamControllerCommitPullIntoDescriptor(stream, pullIntoDescriptor) {
    let done = false;
    if (stream.state === "closed") done = true;
    const filledView = ReadableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
    if (pullIntoDescriptor.readerType === "default") ReadableStreamFulfillReadRequest(stream, filledView, done);
    else ReadableStreamFulfillReadIntoRequest(stream, filledView, done);
  }

  function ReadableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor) {
    const { bytesFilled, elementSize } = pullIntoDescriptor;
    const buffer = TransferArrayBuffer(pullIntoDescriptor.buffer);
    return new pullIntoDescriptor.viewConstructor(buffer, pullIntoDescriptor.byteOffset, bytesFilled / elementSize);
  }

  function ReadableByteStreamControllerEnqueue(controller, chunk) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== "readable") return;
    const buffer = viewBuffer(chunk);
    const byteOffset = viewByteOffset(chunk);
    const byteLength = viewByteLength(chunk);
    if (isDetached(buffer)) throw new TypeError("ReadableByteStreamController.enqueue: the chunk's buffer is detached.");
    const transferredBuffer = TransferArrayBuffer(buffer);
    if (controller.pendingPullIntos.length > 0) {
      const firstPendingPullInto = controller.pendingPullIntos[0];
      if (isDetached(firstPendingPullInto.buffer)) {
        throw new TypeError("ReadableByteStreamController.enqueue: the BYOB request's buffer is detached.");
      }
      ReadableByteStreamControllerInvalidateBYOBRequest(controller);
      firstPendingPullInto.buffer = TransferArrayBuffer(firstPendingPullInto.buffer);
      if (firstPendingPullInto.readerType === "none") {
        ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, firstPendingPullInto);
      }
    }
    if (ReadableStreamHasDefaultReader(stream)) {
      ReadableByteStreamControllerProcessReadRequestsUsingQueue(controller);
      if (ReadableStreamGetNumReadRequests(stream) === 0) {
        ReadableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
      } else {
        if (controller.pendingPullIntos.length > 0) ReadableByteStreamControllerShiftPendingPullInto(controller);
        const transferredView = new Uint8ArrayCtor(transferredBuffer, byteOffset, byteLength);
        ReadableStreamFulfillReadRequest(stream, transferredView, false);
      }
    } else if (ReadableStreamHasBYOBReader(stream)) {
      ReadableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
      const filledPullIntos = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
      for (const filledPullInto of filledPullIntos) ReadableByteStreamControllerCommitPullIntoDescriptor(stream, filledPullInto);
    } else {
      ReadableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    }
    ReadableByteStreamControllerCallPullIfNeeded(controller);
  }

  function ReadableByteStreamControllerEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
    controller.queue.push({ buffer, byteOffset, byteLength });
    controller.queueTotalSize += byteLength;
  }

  function ReadableByteStreamControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
    let cloneResult;
    try {
      cloneResult = CloneArrayBuffer(buffer, byteOffset, byteLength);
    } catch (error) {
      ReadableByteStreamControllerError(controller, error);
      throw error;
    }
    ReadableByteStreamControllerEnqueueChunkToQueue(controller, cloneResult, 0, byteLength);
  }

  function ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pullIntoDescriptor) {
    if (pullIntoDescriptor.bytesFilled > 0) {
      ReadableByteStreamControllerEnqueueClonedChunkToQueue(controller, pullIntoDescriptor.buffer, pullIntoDescriptor.byteOffset, pullIntoDescriptor.bytesFilled);
    }
    ReadableByteStreamControllerShiftPendingPullInto(controller);
  }

  function ReadableByteStreamControllerError(controller, e) {
    const stream = controller.stream;
    if (stream.state !== "readable") return;
    ReadableByteStreamControllerClearPendingPullIntos(controller);
    ResetQueue(controller);
    ReadableByteStreamControllerClearAlgorithms(controller);
    ReadableStreamError(stream, e);
  }

  function ReadableByteStreamControllerFillHeadPullIntoDescriptor(controller, size, pullIntoDescriptor) {
    pullIntoDescriptor.bytesFilled += size;
  }

  function ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor) {
    const maxBytesToCopy = Math.min(controller.queueTotalSize, pullIntoDescriptor.byteLength - pullIntoDescriptor.bytesFilled);
    const maxBytesFilled = pullIntoDescriptor.bytesFilled + maxBytesToCopy;
    let totalBytesToCopyRemaining = maxBytesToCopy;
    let ready = false;
    const remainderBytes = maxBytesFilled % pullIntoDescriptor.elementSize;
    const maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= pullIntoDescriptor.minimumFill) {
      totalBytesToCopyRemaining = maxAlignedBytes - pullIntoDescriptor.bytesFilled;
      ready = true;
    }
    const queue = controller.queue;
    while (totalBytesToCopyRemaining > 0) {
      const headOfQueue = queue.peek();
      const bytesToCopy = Math.min(totalBytesToCopyRemaining, headOfQueue.byteLength);
      const destStart = pullIntoDescriptor.byteOffset + pullIntoDescriptor.bytesFilled;
      const descriptorBuffer = pullIntoDescriptor.buffer;
      const queueBuffer = headOfQueue.buffer;
      // CanCopyDataBlockBytes: a failure here is a bug; the copy itself checks bounds.
      CopyDataBlockBytes(descriptorBuffer, destStart, queueBuffer, headOfQueue.byteOffset, bytesToCopy);
      if (headOfQueue.byteLength === bytesToCopy) {
        queue.shift();
      } else {
        headOfQueue.byteOffset += bytesToCopy;
        headOfQueue.byteLength -= bytesToCopy;
      }
      controller.queueTotalSize -= bytesToCopy;
      ReadableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesToCopy, pullIntoDescriptor);
      totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
  }

  function ReadableByteStreamControllerFillReadRequestFromQueue(controller, readRequest) {
    const entry = controller.queue.shift();
    controller.queueTotalSize -= entry.byteLength;
    ReadableByteStreamControllerHandleQueueDrain(controller);
    const view = new Uint8ArrayCtor(entry.buffer, entry.byteOffset, entry.byteLength);
    readRequest.chunk(view);
  }

  function ReadableByteStreamControllerGetBYOBRequest(controller) {
    if (controller.byobRequest === null && controller.pendingPullIntos.length > 0) {
      const firstDescriptor = controller.pendingPullIntos[0];
      const view = new Uint8ArrayCtor(
        firstDescriptor.buffer,
        firstDescriptor.byteOffset + firstDescriptor.bytesFilled,
        firstDescriptor.byteLength - firstDescriptor.bytesFilled,
      );
      const request = { object: undefined, controller, view };
      new ReadableStreamBYOBRequest(kCreate, request);
      controller.byobRequest = request;
    }
    return controller.byobRequest;
  }

  function ReadableByteStreamControllerGetDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return controller.strategyHWM - controller.queueTotalSize;
  }

  function ReadableByteStreamControllerHandleQueueDrain(controller) {
    if (controller.queueTotalSize === 0 && controller.closeRequested) {
      ReadableByteStreamControllerClearAlgorithms(controller);
      ReadableStreamClose(controller.stream);
    } else {
      ReadableByteStreamControllerCallPullIfNeeded(controller);
    }
  }

  function ReadableByteStreamControllerInvalidateBYOBRequest(controller) {
    const request = controller.byobRequest;
    if (request === null) return;
    request.controller = undefined;
    request.view = null;
    controller.byobRequest = null;
  }

  function ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller) {
    const filledPullIntos = [];
    while (controller.pendingPullIntos.length > 0) {
      if (controller.queueTotalSize === 0) break;
      const pullIntoDescriptor = controller.pendingPullIntos[0];
      if (ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor)) {
        ReadableByteStreamControllerShiftPendingPullInto(controller);
        filledPullIntos[filledPullIntos.length] = pullIntoDescriptor;
      }
    }
    return filledPullIntos;
  }

  function ReadableByteStreamControllerProcessReadRequestsUsingQueue(controller) {
    const reader = controller.stream.reader;
    while (reader.requests.length > 0) {
      if (controller.queueTotalSize === 0) return;
      const readRequest = reader.requests.shift();
      ReadableByteStreamControllerFillReadRequestFromQueue(controller, readRequest);
    }
  }

  function ReadableByteStreamControllerPullInto(controller, view, min, readIntoRequest) {
    const stream = controller.stream;
    let elementSize = 1;
    let ctor = DataViewCtor;
    const name = typedArrayName(view);
    if (name !== undefined) {
      ({ size: elementSize, Ctor: ctor } = typedArrays[name]);
    }
    const minimumFill = min * elementSize;
    const byteOffset = viewByteOffset(view);
    const byteLength = viewByteLength(view);
    let buffer;
    try {
      buffer = TransferArrayBuffer(viewBuffer(view));
    } catch (error) {
      readIntoRequest.error(error);
      return;
    }
    const pullIntoDescriptor = {
      buffer,
      bufferByteLength: bufferByteLength(buffer),
      byteOffset,
      byteLength,
      bytesFilled: 0,
      minimumFill,
      elementSize,
      viewConstructor: ctor,
      readerType: "byob",
    };
    if (controller.pendingPullIntos.length > 0) {
      controller.pendingPullIntos.push(pullIntoDescriptor);
      ReadableStreamAddReadIntoRequest(stream, readIntoRequest);
      return;
    }
    if (stream.state === "closed") {
      const emptyView = new ctor(pullIntoDescriptor.buffer, pullIntoDescriptor.byteOffset, 0);
      readIntoRequest.close(emptyView);
      return;
    }
    if (controller.queueTotalSize > 0) {
      if (ReadableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, pullIntoDescriptor)) {
        const filledView = ReadableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
        ReadableByteStreamControllerHandleQueueDrain(controller);
        readIntoRequest.chunk(filledView);
        return;
      }
      if (controller.closeRequested) {
        const e = new TypeError("ReadableStreamBYOBReader.read: the stream closed before the read could be filled.");
        ReadableByteStreamControllerError(controller, e);
        readIntoRequest.error(e);
        return;
      }
    }
    controller.pendingPullIntos.push(pullIntoDescriptor);
    ReadableStreamAddReadIntoRequest(stream, readIntoRequest);
    ReadableByteStreamControllerCallPullIfNeeded(controller);
  }

  function ReadableByteStreamControllerRespond(controller, bytesWritten) {
    const context = "ReadableStreamBYOBRequest.respond";
    const firstDescriptor = controller.pendingPullIntos[0];
    const state = controller.stream.state;
    if (state === "closed") {
      if (bytesWritten !== 0) throw new TypeError(`${context}: bytesWritten must be 0 once the stream is closed.`);
    } else {
      if (bytesWritten === 0) throw new TypeError(`${context}: bytesWritten must be more than 0.`);
      if (firstDescriptor.bytesFilled + bytesWritten > firstDescriptor.byteLength) {
        throw new RangeError(`${context}: bytesWritten is more than the view's length.`);
      }
    }
    firstDescriptor.buffer = TransferArrayBuffer(firstDescriptor.buffer);
    ReadableByteStreamControllerRespondInternal(controller, bytesWritten);
  }

  function ReadableByteStreamControllerRespondInClosedState(controller, firstDescriptor) {
    if (firstDescriptor.readerType === "none") ReadableByteStreamControllerShiftPendingPullInto(controller);
    const stream = controller.stream;
    if (ReadableStreamHasBYOBReader(stream)) {
      const filledPullIntos = [];
      while (filledPullIntos.length < ReadableStreamGetNumReadIntoRequests(stream)) {
        filledPullIntos[filledPullIntos.length] = ReadableByteStreamControllerShiftPendingPullInto(controller);
      }
      for (const filledPullInto of filledPullIntos) ReadableByteStreamControllerCommitPullIntoDescriptor(stream, filledPullInto);
    }
  }

  function ReadableByteStreamControllerRespondInReadableState(controller, bytesWritten, pullIntoDescriptor) {
    ReadableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesWritten, pullIntoDescriptor);
    if (pullIntoDescriptor.readerType === "none") {
      ReadableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, pullIntoDescriptor);
      const filledPullIntos = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
      for (const filledPullInto of filledPullIntos) {
        ReadableByteStreamControllerCommitPullIntoDescriptor(controller.stream, filledPullInto);
      }
      return;
    }
    if (pullIntoDescriptor.bytesFilled < pullIntoDescriptor.minimumFill) return;
    ReadableByteStreamControllerShiftPendingPullInto(controller);
    const remainderSize = pullIntoDescriptor.bytesFilled % pullIntoDescriptor.elementSize;
    if (remainderSize > 0) {
      const end = pullIntoDescriptor.byteOffset + pullIntoDescriptor.bytesFilled;
      ReadableByteStreamControllerEnqueueClonedChunkToQueue(controller, pullIntoDescriptor.buffer, end - remainderSize, remainderSize);
    }
    pullIntoDescriptor.bytesFilled -= remainderSize;
    const filledPullIntos = ReadableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
    ReadableByteStreamControllerCommitPullIntoDescriptor(controller.stream, pullIntoDescriptor);
    for (const filledPullInto of filledPullIntos) {
      ReadableByteStreamControllerCommitPullIntoDescriptor(controller.stream, filledPullInto);
    }
  }

  function ReadableByteStreamControllerRespondInternal(controller, bytesWritten) {
    const firstDescriptor = controller.pendingPullIntos[0];
    ReadableByteStreamControllerInvalidateBYOBRequest(controller);
    const state = controller.stream.state;
    if (state === "closed") {
      ReadableByteStreamControllerRespondInClosedState(controller, firstDescriptor);
    } else {
      ReadableByteStreamControllerRespondInReadableState(controller, bytesWritten, firstDescriptor);
    }
    ReadableByteStreamControllerCallPullIfNeeded(controller);
  }

  function ReadableByteStreamControllerRespondWithNewView(controller, view) {
    const context = "ReadableStreamBYOBRequest.respondWithNewView";
    const firstDescriptor = controller.pendingPullIntos[0];
    const state = controller.stream.state;
    const viewLength = viewByteLength(view);
    if (state === "closed") {
      if (viewLength !== 0) throw new TypeError(`${context}: the view must be empty once the stream is closed.`);
    } else if (viewLength === 0) {
      throw new TypeError(`${context}: the view must not be empty.`);
    }
    if (firstDescriptor.byteOffset + firstDescriptor.bytesFilled !== viewByteOffset(view)) {
      throw new RangeError(`${context}: the view's byteOffset does not match the request's.`);
    }
    if (firstDescriptor.bufferByteLength !== bufferByteLength(viewBuffer(view))) {
      throw new RangeError(`${context}: the view's buffer is not the request's.`);
    }
    if (firstDescriptor.bytesFilled + viewLength > firstDescriptor.byteLength) {
      throw new RangeError(`${context}: the view is longer than the request's.`);
    }
    firstDescriptor.buffer = TransferArrayBuffer(viewBuffer(view));
    ReadableByteStreamControllerRespondInternal(controller, viewLength);
  }

  function ReadableByteStreamControllerShiftPendingPullInto(controller) {
    return controller.pendingPullIntos.shift();
  }

  function ReadableByteStreamControllerShouldCallPull(controller) {
    const stream = controller.stream;
    if (stream.state !== "readable") return false;
    if (controller.closeRequested) return false;
    if (!controller.started) return false;
    if (ReadableStreamHasDefaultReader(stream) && ReadableStreamGetNumReadRequests(stream) > 0) return true;
    if (ReadableStreamHasBYOBReader(stream) && ReadableStreamGetNumReadIntoRequests(stream) > 0) return true;
    return ReadableByteStreamControllerGetDesiredSize(controller) > 0;
  }

  function SetUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize) {
    controller.stream = stream;
    controller.pullAgain = controller.pulling = false;
    controller.byobRequest = null;
    ResetQueue(controller);
    controller.closeRequested = controller.started = false;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    controller.autoAllocateChunkSize = autoAllocateChunkSize;
    controller.pendingPullIntos = [];
    stream.controller = controller;
    const startResult = startAlgorithm();
    upon(
      resolvedWith(startResult),
      () => {
        controller.started = true;
        ReadableByteStreamControllerCallPullIfNeeded(controller);
      },
      (r) => ReadableByteStreamControllerError(controller, r),
    );
  }

  function SetUpReadableByteStreamControllerFromUnderlyingSource(stream, source, dict, highWaterMark) {
    const controller = new ByteControllerSlots();
    const { start, pull, cancel } = dict;
    const startAlgorithm = start === undefined ? noop : () => apply(start, source, [controller.object]);
    const pullAlgorithm = pull === undefined ? resolvedUndefined : () => promiseCall(pull, source, [controller.object]);
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]);
    const autoAllocateChunkSize = dict.autoAllocateChunkSize;
    if (autoAllocateChunkSize === 0) {
      throw new TypeError("Failed to construct 'ReadableStream': autoAllocateChunkSize must be greater than 0.");
    }
    SetUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize);
  }

  function ReadableByteStreamTee(stream) {
    let reader = AcquireReadableStreamDefaultReader(stream);
    let reading = false;
    let readAgainForBranch1 = false;
    let readAgainForBranch2 = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1, reason2, branch1, branch2;
    const cancelPromise = new Deferred();
    function forwardReaderError(thisReader) {
      upon(thisReader.closed.promise, undefined, (r) => {
        if (thisReader !== reader) return;
        ReadableByteStreamControllerError(branch1.controller, r);
        ReadableByteStreamControllerError(branch2.controller, r);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      });
    }
    function pullWithDefaultReader() {
      if (reader.byob) {
        ReadableStreamBYOBReaderRelease(reader);
        reader = AcquireReadableStreamDefaultReader(stream);
        forwardReaderError(reader);
      }
      const readRequest = {
        chunk(chunk) {
          queueMicrotask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const chunk1 = chunk;
            let chunk2 = chunk;
            if (!canceled1 && !canceled2) {
              try {
                chunk2 = CloneAsUint8Array(chunk);
              } catch (error) {
                ReadableByteStreamControllerError(branch1.controller, error);
                ReadableByteStreamControllerError(branch2.controller, error);
                cancelPromise.resolve(ReadableStreamCancel(stream, error));
                return;
              }
            }
            if (!canceled1) ReadableByteStreamControllerEnqueue(branch1.controller, chunk1);
            if (!canceled2) ReadableByteStreamControllerEnqueue(branch2.controller, chunk2);
            reading = false;
            if (readAgainForBranch1) pull1Algorithm();
            else if (readAgainForBranch2) pull2Algorithm();
          });
        },
        close() {
          reading = false;
          if (!canceled1) ReadableByteStreamControllerClose(branch1.controller);
          if (!canceled2) ReadableByteStreamControllerClose(branch2.controller);
          if (branch1.controller.pendingPullIntos.length > 0) ReadableByteStreamControllerRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.length > 0) ReadableByteStreamControllerRespond(branch2.controller, 0);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        error() {
          reading = false;
        },
      };
      ReadableStreamDefaultReaderRead(reader, readRequest);
    }
    function pullWithBYOBReader(view, forBranch2) {
      if (!reader.byob) {
        ReadableStreamDefaultReaderRelease(reader);
        reader = AcquireReadableStreamBYOBReader(stream);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      const readIntoRequest = {
        chunk(chunk) {
          queueMicrotask(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const byobCanceled = forBranch2 ? canceled2 : canceled1;
            const otherCanceled = forBranch2 ? canceled1 : canceled2;
            if (!otherCanceled) {
              let clonedChunk;
              try {
                clonedChunk = CloneAsUint8Array(chunk);
              } catch (error) {
                ReadableByteStreamControllerError(byobBranch.controller, error);
                ReadableByteStreamControllerError(otherBranch.controller, error);
                cancelPromise.resolve(ReadableStreamCancel(stream, error));
                return;
              }
              if (!byobCanceled) ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
              ReadableByteStreamControllerEnqueue(otherBranch.controller, clonedChunk);
            } else if (!byobCanceled) {
              ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
            }
            reading = false;
            if (readAgainForBranch1) pull1Algorithm();
            else if (readAgainForBranch2) pull2Algorithm();
          });
        },
        close(chunk) {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) ReadableByteStreamControllerClose(byobBranch.controller);
          if (!otherCanceled) ReadableByteStreamControllerClose(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) ReadableByteStreamControllerRespondWithNewView(byobBranch.controller, chunk);
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) {
              ReadableByteStreamControllerRespond(otherBranch.controller, 0);
            }
          }
          if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
        },
        error() {
          reading = false;
        },
      };
      ReadableStreamBYOBReaderRead(reader, view, 1, readIntoRequest);
    }
    function pull1Algorithm() {
      if (reading) {
        readAgainForBranch1 = true;
        return resolvedWith(undefined);
      }
      reading = true;
      const byobRequest = ReadableByteStreamControllerGetBYOBRequest(branch1.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, false);
      return resolvedWith(undefined);
    }
    function pull2Algorithm() {
      if (reading) {
        readAgainForBranch2 = true;
        return resolvedWith(undefined);
      }
      reading = true;
      const byobRequest = ReadableByteStreamControllerGetBYOBRequest(branch2.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, true);
      return resolvedWith(undefined);
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(ReadableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(ReadableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = CreateReadableByteStream(noop, pull1Algorithm, cancel1Algorithm);
    branch2 = CreateReadableByteStream(noop, pull2Algorithm, cancel2Algorithm);
    forwardReaderError(reader);
    return [branch1, branch2];
  }


  // --- for other Kode modules (through streams.js's internals) -----------------------
  const MAX_CHUNK = 64 * 1024;

  function readableFromBytes(bytes) {
    let offset = 0;
    const pullAlgorithm = () => {
      const controller = stream.controller;
      const remaining = bytes.length - offset;
      if (remaining === 0) {
        ReadableByteStreamControllerClose(controller);
        if (controller.pendingPullIntos.length > 0) ReadableByteStreamControllerRespond(controller, 0);
        return resolvedWith(undefined);
      }
      const request = ReadableByteStreamControllerGetBYOBRequest(controller);
      if (request !== null) {
        // A BYOB read: copy straight into the reader's view.
        const view = request.view;
        const count = Math.min(remaining, typedArrayByteLength(view), MAX_CHUNK);
        typedArraySet(view, bytes.subarray(offset, offset + count));
        offset += count;
        ReadableByteStreamControllerRespond(controller, count);
      } else {
        const count = Math.min(remaining, MAX_CHUNK);
        ReadableByteStreamControllerEnqueue(controller, bytes.slice(offset, offset + count));
        offset += count;
      }
      return resolvedWith(undefined);
    };
    const stream = CreateReadableByteStream(noop, pullAlgorithm, resolvedUndefined, 0);
    return stream;
  }


  // createReadable's "bytes" case: pull() gives Uint8Arrays, or null/undefined at the end.
  function createReadableBytes(pull, cancelAlgorithm, highWaterMark) {
    const pullAlgorithm = () =>
      core.react(promiseCall(pull, undefined, []), (chunk) => {
        const controller = stream.controller;
        if (chunk === null || chunk === undefined) {
          ReadableByteStreamControllerClose(controller);
          if (controller.pendingPullIntos.length > 0) ReadableByteStreamControllerRespond(controller, 0);
          return;
        }
        if (typedArrayName(chunk) !== "Uint8Array") throw new TypeError("A byte stream's chunk must be a Uint8Array.");
        if (typedArrayByteLength(chunk) > 0) ReadableByteStreamControllerEnqueue(controller, chunk);
      });
    const stream = CreateReadableByteStream(noop, pullAlgorithm, cancelAlgorithm, highWaterMark);
    return stream;
  }

  return {
    ReadableByteStreamController,
    ReadableStreamBYOBRequest,
    spec: {
      SetUpReadableByteStreamControllerFromUnderlyingSource,
      ReadableByteStreamControllerPullInto,
      ReadableByteStreamTee,
      readableFromBytes,
      createReadableBytes,
    },
  };
});

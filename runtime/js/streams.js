// streams.js: kode:internal/streams - the readable half of the WHATWG Streams
// Standard (https://streams.spec.whatwg.org/): ReadableStream with its default
// and byte controllers, default and BYOB readers, BYOB requests, tee, from,
// async iteration, and the two queuing strategies. Loaded on the first touch
// of one of these globals (`defineLazy` in runtime/js/00_core.js).
// WritableStream, TransformStream and pipeTo are in streams_writable.js
// (kode:internal/streams-writable), loaded when first needed; the encoding
// and compression streams in streams_codecs.js.
//
// The code follows the standard's abstract operations under their own names
// (ReadableStreamCancel, ...), so a failing web-platform-test points at a
// step. Each public object holds one private field, its internal record: the
// standard's internal slots as plain properties, plus `object`, the public
// object. The algorithms work on records only, so user code that patches
// prototypes, Object.prototype or Promise.prototype.then does not reach them.
//
// Other Kode modules get `internal.loadInternal("kode:internal/streams").internals`:
//   readableFromBytes(u8)   a byte stream of u8's bytes in chunks of at most
//                           64 KiB; u8 is read as the stream is pulled (not
//                           copied up front), so it must not change meanwhile
//   readAllBytes(stream)    Promise<Uint8Array>: reads a stream of Uint8Array
//                           chunks to its end; a TypeError for a locked stream
//                           or a chunk that is not a Uint8Array
//   isReadableStream(value), isDisturbed(stream), isErrored(stream)
//   createReadable(pull, cancel, { type, highWaterMark })
//                           a stream whose pull() returns (a promise of) the
//                           next chunk, or null/undefined at the end; a throw
//                           or rejection errors the stream; cancel(reason) (may
//                           be undefined) hears of a cancel. With type "bytes"
//                           chunks must be Uint8Arrays; their buffers are
//                           transferred (detached). highWaterMark defaults to
//                           1 (0 for "bytes").
//   createWritable(write, close, abort, { highWaterMark, size })
//                           a WritableStream over write(chunk), close() and
//                           abort(reason) (each may return a promise; close and
//                           abort may be undefined); highWaterMark defaults to 1
(function (ops, internal) {
  "use strict";

  const { finishInterface } = internal.webidl;

  // --- primordials ---------------------------------------------------------------
  const uncurry = (fn) => Function.prototype.call.bind(fn);
  const PromiseCtor = Promise;
  const promiseThen = uncurry(Promise.prototype.then);
  const promiseReject = Promise.reject.bind(Promise);
  // PromiseResolve(%Promise%, x): x itself when it is a native promise.
  const promiseResolve = Promise.resolve.bind(Promise);
  const { apply } = Reflect;
  const { defineProperty, getPrototypeOf, setPrototypeOf } = Object;
  const ArrayBufferCtor = ArrayBuffer;
  const Uint8ArrayCtor = Uint8Array;
  const DataViewCtor = DataView;
  const isView = ArrayBuffer.isView;
  const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype);
  const getter = (proto, name) => uncurry(Object.getOwnPropertyDescriptor(proto, name).get);
  const typedArrayName = getter(TypedArrayPrototype, Symbol.toStringTag);
  const typedArrayBuffer = getter(TypedArrayPrototype, "buffer");
  const typedArrayByteOffset = getter(TypedArrayPrototype, "byteOffset");
  const typedArrayByteLength = getter(TypedArrayPrototype, "byteLength");
  const typedArrayLength = getter(TypedArrayPrototype, "length");
  const dataViewBuffer = getter(DataView.prototype, "buffer");
  const dataViewByteOffset = getter(DataView.prototype, "byteOffset");
  const dataViewByteLength = getter(DataView.prototype, "byteLength");
  const bufferByteLength = getter(ArrayBuffer.prototype, "byteLength");
  const bufferDetached = getter(ArrayBuffer.prototype, "detached");
  const bufferResizable = getter(ArrayBuffer.prototype, "resizable");
  const bufferTransfer = uncurry(ArrayBuffer.prototype.transfer);
  const typedArraySet = uncurry(TypedArrayPrototype.set);
  const AsyncIteratorPrototype = getPrototypeOf(getPrototypeOf(async function* () {}).prototype);

  const noop = () => {};
  // HTML's queueMicrotask, on the captured `then` (the global one can be replaced).
  const resolvedPromise = promiseResolve(undefined);
  const queueMicrotask = (callback) => void promiseThen(resolvedPromise, callback);
  const isObject = (value) => value !== null && (typeof value === "object" || typeof value === "function");
  const kCreate = Symbol("kode.streams.create");

  // --- promises (WebIDL's, made with V8's own) ---------------------------------------
  // "A promise resolved with x": always a new promise (Promise.resolve would
  // hand back x itself when it is a promise).
  const resolvedWith = (value) => new PromiseCtor((resolve) => resolve(value));
  const rejectedWith = (reason) => promiseReject(reason);
  // "Upon fulfillment/rejection": a rejection nobody reacts to is handled.
  function upon(promise, onFulfilled, onRejected = noop) {
    promiseThen(promise, onFulfilled, onRejected);
  }
  // "The result of reacting to": a new promise.
  const react = (promise, onFulfilled, onRejected) => promiseThen(promise, onFulfilled, onRejected);
  const markHandled = (promise) => void promiseThen(promise, undefined, noop);

  // A promise with its resolving functions and whether it is still pending
  // (the standard asks for [[PromiseState]] of a writer's promises).
  class Deferred {
    constructor() {
      this.pending = true;
      this.promise = new PromiseCtor((resolve, reject) => {
        this.settle = resolve;
        this.fail = reject;
      });
    }
    resolve(value) {
      this.pending = false;
      this.settle(value);
    }
    reject(reason) {
      this.pending = false;
      this.fail(reason);
    }
    static resolved() {
      const deferred = new Deferred();
      deferred.resolve(undefined);
      return deferred;
    }
    static rejected(reason) {
      const deferred = new Deferred();
      deferred.reject(reason);
      markHandled(deferred.promise);
      return deferred;
    }
  }

  // Invokes a callback whose IDL return type is a promise: a throw becomes a
  // rejection, and the result is converted as WebIDL converts to Promise<T>.
  function promiseCall(fn, thisArg, args) {
    try {
      return resolvedWith(apply(fn, thisArg, args));
    } catch (error) {
      return rejectedWith(error);
    }
  }

  // A FIFO list: an array with a moving head, so a long queue does not pay
  // for Array.prototype.shift.
  class Queue {
    constructor() {
      this.items = [];
      this.head = 0;
    }
    get length() {
      return this.items.length - this.head;
    }
    push(value) {
      this.items[this.items.length] = value;
    }
    peek() {
      return this.items[this.head];
    }
    shift() {
      const { items } = this;
      const value = items[this.head];
      items[this.head++] = undefined;
      if (this.head === items.length) {
        items.length = 0;
        this.head = 0;
      } else if (this.head > 1024 && this.head * 2 > items.length) {
        this.items = items.slice(this.head);
        this.head = 0;
      }
      return value;
    }
  }

  // --- WebIDL conversions --------------------------------------------------------
  // WebIDL's argument count check and dictionary conversion (undefined and
  // null are the empty dictionary), shared with the other Web API modules.
  const { requireArguments: requireArgs, dictionary: toDictionary } = internal.webidl;
  // A callback function member: absent when undefined.
  function callbackMember(dict, name, context) {
    const value = dict[name];
    if (value !== undefined && typeof value !== "function") {
      throw new TypeError(`${context}: '${name}' is not a function.`);
    }
    return value;
  }
  // unrestricted double: ToNumber (a BigInt or Symbol throws).
  const toDouble = (value) => +value;
  // [EnforceRange] unsigned long long.
  function toEnforcedULL(value, context, name) {
    let number = +value;
    if (!Number.isFinite(number)) throw new TypeError(`${context}: ${name} is not a finite number.`);
    number = Math.trunc(number);
    if (number < 0 || number > Number.MAX_SAFE_INTEGER) {
      throw new TypeError(`${context}: ${name} is outside the range of an unsigned long long.`);
    }
    return number === 0 ? 0 : number;
  }
  // An enumeration value.
  function toEnum(value, allowed, context, name) {
    const string = `${value}`;
    if (!allowed.includes(string)) {
      throw new TypeError(`${context}: '${string}' is not a valid value for ${name}.`);
    }
    return string;
  }

  // The standard's table of typed array constructors: element size and constructor by name.
  const typedArrays = { __proto__: null };
  for (const Ctor of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    globalThis.Float16Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array]) {
    if (Ctor !== undefined) typedArrays[Ctor.name] = { Ctor, size: Ctor.BYTES_PER_ELEMENT };
  }

  // An ArrayBufferView's [[ViewedArrayBuffer]], [[ByteOffset]] and [[ByteLength]].
  const viewBuffer = (view) => (typedArrayName(view) !== undefined ? typedArrayBuffer(view) : dataViewBuffer(view));
  const viewByteOffset = (view) => (typedArrayName(view) !== undefined ? typedArrayByteOffset(view) : dataViewByteOffset(view));
  const viewByteLength = (view) => (typedArrayName(view) !== undefined ? typedArrayByteLength(view) : dataViewByteLength(view));
  function isArrayBuffer(value) {
    try {
      bufferByteLength(value);
      return true;
    } catch {
      return false;
    }
  }
  const isDetached = (buffer) => bufferDetached(buffer);

  // WebIDL ArrayBufferView (neither [AllowShared] nor [AllowResizable]).
  function toArrayBufferView(value, context) {
    if (!isView(value)) throw new TypeError(`${context}: the argument is not an ArrayBufferView.`);
    const buffer = viewBuffer(value);
    if (!isArrayBuffer(buffer)) throw new TypeError(`${context}: the view's buffer is a SharedArrayBuffer.`);
    if (bufferResizable(buffer)) throw new TypeError(`${context}: the view's buffer is resizable.`);
    return value;
  }

  // https://streams.spec.whatwg.org/#transfer-array-buffer (throws for a
  // buffer that cannot be detached, such as a WebAssembly.Memory's).
  const TransferArrayBuffer = (buffer) => bufferTransfer(buffer);
  // https://tc39.es/ecma262/#sec-clonearraybuffer (no species lookup).
  function CloneArrayBuffer(buffer, byteOffset, byteLength) {
    const copy = new ArrayBufferCtor(byteLength);
    typedArraySet(new Uint8ArrayCtor(copy), new Uint8ArrayCtor(buffer, byteOffset, byteLength));
    return copy;
  }
  function CopyDataBlockBytes(to, toIndex, from, fromIndex, count) {
    typedArraySet(new Uint8ArrayCtor(to, toIndex, count), new Uint8ArrayCtor(from, fromIndex, count));
  }
  // https://streams.spec.whatwg.org/#abstract-opdef-cloneasuint8array
  function CloneAsUint8Array(view) {
    return new Uint8ArrayCtor(CloneArrayBuffer(viewBuffer(view), viewByteOffset(view), viewByteLength(view)));
  }

  // --- queuing strategies ----------------------------------------------------------
  // dictionary QueuingStrategy { unrestricted double highWaterMark; QueuingStrategySize size; }
  function toQueuingStrategy(value, context) {
    const dict = toDictionary(value, context);
    const highWaterMark = dict.highWaterMark;
    return {
      highWaterMark: highWaterMark === undefined ? undefined : toDouble(highWaterMark),
      size: callbackMember(dict, "size", context),
    };
  }
  // https://streams.spec.whatwg.org/#validate-and-normalize-high-water-mark
  function ExtractHighWaterMark(strategy, defaultHWM) {
    if (strategy.highWaterMark === undefined) return defaultHWM;
    const highWaterMark = strategy.highWaterMark;
    if (Number.isNaN(highWaterMark) || highWaterMark < 0) {
      throw new RangeError("The highWaterMark must be a non-negative number.");
    }
    return highWaterMark;
  }
  const countSize = () => 1;
  function ExtractSizeAlgorithm(strategy) {
    const { size } = strategy;
    if (size === undefined) return countSize;
    return (chunk) => toDouble(apply(size, undefined, [chunk]));
  }

  // The size functions every global has (https://streams.spec.whatwg.org/#blqs-class):
  // plain functions, not methods, so they do not look at `this`.
  const byteLengthSize = {
    size(chunk) {
      return chunk.byteLength;
    },
  }.size;
  const countQueuingSize = {
    size() {
      return 1;
    },
  }.size;
  // Their `prototype`-less, constructor-less shape is that of a built-in function.
  for (const fn of [byteLengthSize, countQueuingSize]) defineProperty(fn, "name", { value: "size" });

  function toQueuingStrategyInit(args, context) {
    requireArgs(args.length, 1, context);
    const dict = toDictionary(args[0], context);
    const highWaterMark = dict.highWaterMark;
    if (highWaterMark === undefined) {
      throw new TypeError(`${context}: the required member 'highWaterMark' is missing.`);
    }
    return toDouble(highWaterMark);
  }

  class ByteLengthQueuingStrategy {
    #highWaterMark;
    constructor(init) {
      this.#highWaterMark = toQueuingStrategyInit(arguments, "Failed to construct 'ByteLengthQueuingStrategy'");
    }
    get highWaterMark() {
      if (!isObject(this) || !(#highWaterMark in this)) {
        throw new TypeError("ByteLengthQueuingStrategy.highWaterMark: Illegal invocation");
      }
      return this.#highWaterMark;
    }
    get size() {
      if (!isObject(this) || !(#highWaterMark in this)) throw new TypeError("ByteLengthQueuingStrategy.size: Illegal invocation");
      return byteLengthSize;
    }
  }
  finishInterface(ByteLengthQueuingStrategy, "ByteLengthQueuingStrategy");

  class CountQueuingStrategy {
    #highWaterMark;
    constructor(init) {
      this.#highWaterMark = toQueuingStrategyInit(arguments, "Failed to construct 'CountQueuingStrategy'");
    }
    get highWaterMark() {
      if (!isObject(this) || !(#highWaterMark in this)) throw new TypeError("CountQueuingStrategy.highWaterMark: Illegal invocation");
      return this.#highWaterMark;
    }
    get size() {
      if (!isObject(this) || !(#highWaterMark in this)) throw new TypeError("CountQueuingStrategy.size: Illegal invocation");
      return countQueuingSize;
    }
  }
  finishInterface(CountQueuingStrategy, "CountQueuingStrategy");

  // --- queue-with-sizes (https://streams.spec.whatwg.org/#queue-with-sizes) ----------
  function DequeueValue(container) {
    const entry = container.queue.shift();
    container.queueTotalSize -= entry.size;
    if (container.queueTotalSize < 0) container.queueTotalSize = 0;
    return entry.value;
  }
  function EnqueueValueWithSize(container, value, size) {
    if (typeof size !== "number" || Number.isNaN(size) || size < 0 || size === Infinity) {
      throw new RangeError("The size of a chunk must be a finite, non-negative number.");
    }
    container.queue.push({ value, size });
    container.queueTotalSize += size;
  }
  const PeekQueueValue = (container) => container.queue.peek().value;
  function ResetQueue(container) {
    container.queue = new Queue();
    container.queueTotalSize = 0;
  }

  // --- records ---------------------------------------------------------------------
  function newStreamRecord(object) {
    return { object, state: "readable", reader: undefined, storedError: undefined, disturbed: false, controller: undefined };
  }

  // Brand checks: each gives the record behind a public object, or undefined.
  let streamRecord, defaultReaderRecord, byobReaderRecord, defaultControllerRecord;

  // The byte-stream half (ReadableByteStreamController, BYOB requests, byte
  // tee), loaded with the first byte stream: it shares this module's records.
  let byteExports;
  const bytes = () => (byteExports ??= internal.loadInternal("kode:internal/streams-bytes").spec);

  const illegal = (interfaceName, member) => new TypeError(`${interfaceName}.${member}: Illegal invocation`);

  // --- ReadableStream (https://streams.spec.whatwg.org/#rs-class) ---------------------
  class ReadableStream {
    #s;
    constructor(underlyingSource = undefined, strategy = undefined) {
      const stream = (this.#s = newStreamRecord(this));
      if (underlyingSource === kCreate) return;
      const context = "Failed to construct 'ReadableStream'";
      if (underlyingSource !== undefined && !isObject(underlyingSource)) {
        throw new TypeError(`${context}: the underlying source is not an object.`);
      }
      // The strategy is converted at the IDL layer, before the source.
      const strategyDict = toQueuingStrategy(strategy, context);
      const source = underlyingSource === undefined ? null : underlyingSource;
      const sourceDict = toUnderlyingSource(source, context);
      if (sourceDict.type === "bytes") {
        if (strategyDict.size !== undefined) {
          throw new RangeError(`${context}: a byte stream's queuing strategy cannot have a size function.`);
        }
        const highWaterMark = ExtractHighWaterMark(strategyDict, 0);
        bytes().SetUpReadableByteStreamControllerFromUnderlyingSource(stream, source, sourceDict, highWaterMark);
      } else {
        const sizeAlgorithm = ExtractSizeAlgorithm(strategyDict);
        const highWaterMark = ExtractHighWaterMark(strategyDict, 1);
        SetUpReadableStreamDefaultControllerFromUnderlyingSource(stream, source, sourceDict, highWaterMark, sizeAlgorithm);
      }
    }

    static {
      streamRecord = (value) => (isObject(value) && #s in value ? value.#s : undefined);
    }

    static from(asyncIterable) {
      requireArgs(arguments.length, 1, "ReadableStream.from");
      return ReadableStreamFromIterable(asyncIterable).object;
    }

    get locked() {
      const stream = streamRecord(this);
      if (stream === undefined) throw illegal("ReadableStream", "locked");
      return IsReadableStreamLocked(stream);
    }

    cancel(reason = undefined) {
      const stream = streamRecord(this);
      if (stream === undefined) return rejectedWith(illegal("ReadableStream", "cancel"));
      if (IsReadableStreamLocked(stream)) {
        return rejectedWith(new TypeError("ReadableStream.cancel: the stream is locked to a reader."));
      }
      return ReadableStreamCancel(stream, reason);
    }

    getReader(options = undefined) {
      const stream = streamRecord(this);
      if (stream === undefined) throw illegal("ReadableStream", "getReader");
      const dict = toDictionary(options, "ReadableStream.getReader");
      const mode = dict.mode === undefined ? undefined : toEnum(dict.mode, ["byob"], "ReadableStream.getReader", "mode");
      if (mode === undefined) return AcquireReadableStreamDefaultReader(stream).object;
      return AcquireReadableStreamBYOBReader(stream).object;
    }

    pipeThrough(transform, options = undefined) {
      const stream = streamRecord(this);
      const context = "ReadableStream.pipeThrough";
      if (stream === undefined) throw illegal("ReadableStream", "pipeThrough");
      requireArgs(arguments.length, 1, context);
      // dictionary ReadableWritablePair { required ReadableStream readable; required WritableStream writable; }
      const pair = toDictionary(transform, context);
      const readableValue = pair.readable;
      if (readableValue === undefined) throw new TypeError(`${context}: the required member 'readable' is missing.`);
      const readable = streamRecord(readableValue);
      if (readable === undefined) throw new TypeError(`${context}: 'readable' is not a ReadableStream.`);
      const writableValue = pair.writable;
      if (writableValue === undefined) throw new TypeError(`${context}: the required member 'writable' is missing.`);
      const writables = writableModule();
      const writable = writables.writableRecord(writableValue);
      if (writable === undefined) throw new TypeError(`${context}: 'writable' is not a WritableStream.`);
      const pipe = toStreamPipeOptions(options, context);
      if (IsReadableStreamLocked(stream)) throw new TypeError(`${context}: the stream is locked to a reader.`);
      if (writables.IsWritableStreamLocked(writable)) {
        throw new TypeError(`${context}: the transform's writable side is locked to a writer.`);
      }
      const promise = writables.ReadableStreamPipeTo(stream, writable, pipe.preventClose, pipe.preventAbort, pipe.preventCancel, pipe.signal);
      markHandled(promise);
      return readableValue;
    }

    pipeTo(destination, options = undefined) {
      const stream = streamRecord(this);
      const context = "ReadableStream.pipeTo";
      if (stream === undefined) return rejectedWith(illegal("ReadableStream", "pipeTo"));
      try {
        requireArgs(arguments.length, 1, context);
        const writables = writableModule();
        const dest = writables.writableRecord(destination);
        if (dest === undefined) throw new TypeError(`${context}: the destination is not a WritableStream.`);
        const pipe = toStreamPipeOptions(options, context);
        if (IsReadableStreamLocked(stream)) throw new TypeError(`${context}: the stream is locked to a reader.`);
        if (writables.IsWritableStreamLocked(dest)) throw new TypeError(`${context}: the destination is locked to a writer.`);
        return writables.ReadableStreamPipeTo(stream, dest, pipe.preventClose, pipe.preventAbort, pipe.preventCancel, pipe.signal);
      } catch (error) {
        return rejectedWith(error);
      }
    }

    tee() {
      const stream = streamRecord(this);
      if (stream === undefined) throw illegal("ReadableStream", "tee");
      const [branch1, branch2] = ReadableStreamTee(stream, false);
      return [branch1.object, branch2.object];
    }

    values(options = undefined) {
      const stream = streamRecord(this);
      if (stream === undefined) throw illegal("ReadableStream", "values");
      const dict = toDictionary(options, "ReadableStream.values");
      const preventCancel = Boolean(dict.preventCancel);
      return createAsyncIterator(stream, preventCancel);
    }
  }
  finishInterface(ReadableStream, "ReadableStream");
  defineProperty(ReadableStream, "from", { enumerable: true });
  // WebIDL: @@asyncIterator is the same function as `values`, not enumerable.
  defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
    value: ReadableStream.prototype.values,
    writable: true,
    enumerable: false,
    configurable: true,
  });

  // dictionary UnderlyingSource, members in lexicographic order.
  function toUnderlyingSource(source, context) {
    if (source === null) return {};
    const autoAllocate = source.autoAllocateChunkSize;
    const autoAllocateChunkSize =
      autoAllocate === undefined ? undefined : toEnforcedULL(autoAllocate, context, "autoAllocateChunkSize");
    const cancel = callbackMember(source, "cancel", context);
    const pull = callbackMember(source, "pull", context);
    const start = callbackMember(source, "start", context);
    const typeValue = source.type;
    const type = typeValue === undefined ? undefined : toEnum(typeValue, ["bytes"], context, "type");
    return { autoAllocateChunkSize, cancel, pull, start, type };
  }

  // dictionary StreamPipeOptions, members in lexicographic order.
  function toStreamPipeOptions(options, context) {
    const dict = toDictionary(options, context);
    const preventAbort = Boolean(dict.preventAbort);
    const preventCancel = Boolean(dict.preventCancel);
    const preventClose = Boolean(dict.preventClose);
    const signal = dict.signal;
    if (signal !== undefined && !internal.loadInternal("kode:internal/abort").internals.isSignal(signal)) {
      throw new TypeError(`${context}: 'signal' is not an AbortSignal.`);
    }
    return { preventAbort, preventCancel, preventClose, signal };
  }

  // The writable half, loaded on first need: it loads this module for the records it shares.
  let writableExports;
  function writableModule() {
    return (writableExports ??= internal.loadInternal("kode:internal/streams-writable").spec);
  }

  // --- readers -----------------------------------------------------------------------
  function checkGenericReader(reader, interfaceName, member) {
    if (reader === undefined) throw illegal(interfaceName, member);
  }

  class ReadableStreamDefaultReader {
    #r;
    constructor(stream) {
      requireArgs(arguments.length, 1, "Failed to construct 'ReadableStreamDefaultReader'");
      const reader = (this.#r = { object: this, byob: false, stream: undefined, closed: undefined, requests: new Queue() });
      if (stream === kCreate) return;
      const record = streamRecord(stream);
      if (record === undefined) {
        throw new TypeError("Failed to construct 'ReadableStreamDefaultReader': the argument is not a ReadableStream.");
      }
      SetUpReadableStreamDefaultReader(reader, record);
    }
    static {
      defaultReaderRecord = (value) => (isObject(value) && #r in value ? value.#r : undefined);
    }
    get closed() {
      const reader = defaultReaderRecord(this);
      if (reader === undefined) return rejectedWith(illegal("ReadableStreamDefaultReader", "closed"));
      return reader.closed.promise;
    }
    cancel(reason = undefined) {
      const reader = defaultReaderRecord(this);
      if (reader === undefined) return rejectedWith(illegal("ReadableStreamDefaultReader", "cancel"));
      if (reader.stream === undefined) {
        return rejectedWith(new TypeError("ReadableStreamDefaultReader.cancel: the reader has been released."));
      }
      return ReadableStreamReaderGenericCancel(reader, reason);
    }
    read() {
      const reader = defaultReaderRecord(this);
      if (reader === undefined) return rejectedWith(illegal("ReadableStreamDefaultReader", "read"));
      if (reader.stream === undefined) {
        return rejectedWith(new TypeError("ReadableStreamDefaultReader.read: the reader has been released."));
      }
      const request = new PromiseReadRequest();
      ReadableStreamDefaultReaderRead(reader, request);
      return request.promise;
    }
    releaseLock() {
      const reader = defaultReaderRecord(this);
      if (reader === undefined) throw illegal("ReadableStreamDefaultReader", "releaseLock");
      if (reader.stream === undefined) return;
      ReadableStreamDefaultReaderRelease(reader);
    }
  }
  finishInterface(ReadableStreamDefaultReader, "ReadableStreamDefaultReader");

  // The read request of read(): a promise of { value, done }.
  class PromiseReadRequest {
    constructor() {
      this.promise = new PromiseCtor((resolve, reject) => {
        this.resolve = resolve;
        this.reject = reject;
      });
    }
    chunk(chunk) {
      this.resolve({ value: chunk, done: false });
    }
    close() {
      this.resolve({ value: undefined, done: true });
    }
    error(e) {
      this.reject(e);
    }
  }

  // The read-into request of a BYOB read(): closing hands back the view.
  class PromiseReadIntoRequest extends PromiseReadRequest {
    close(chunk) {
      this.resolve({ value: chunk, done: true });
    }
  }

  class ReadableStreamBYOBReader {
    #r;
    constructor(stream) {
      requireArgs(arguments.length, 1, "Failed to construct 'ReadableStreamBYOBReader'");
      const reader = (this.#r = { object: this, byob: true, stream: undefined, closed: undefined, requests: new Queue() });
      if (stream === kCreate) return;
      const record = streamRecord(stream);
      if (record === undefined) {
        throw new TypeError("Failed to construct 'ReadableStreamBYOBReader': the argument is not a ReadableStream.");
      }
      SetUpReadableStreamBYOBReader(reader, record);
    }
    static {
      byobReaderRecord = (value) => (isObject(value) && #r in value ? value.#r : undefined);
    }
    get closed() {
      const reader = byobReaderRecord(this);
      if (reader === undefined) return rejectedWith(illegal("ReadableStreamBYOBReader", "closed"));
      return reader.closed.promise;
    }
    cancel(reason = undefined) {
      const reader = byobReaderRecord(this);
      if (reader === undefined) return rejectedWith(illegal("ReadableStreamBYOBReader", "cancel"));
      if (reader.stream === undefined) {
        return rejectedWith(new TypeError("ReadableStreamBYOBReader.cancel: the reader has been released."));
      }
      return ReadableStreamReaderGenericCancel(reader, reason);
    }
    read(view, options = undefined) {
      const context = "ReadableStreamBYOBReader.read";
      const reader = byobReaderRecord(this);
      if (reader === undefined) return rejectedWith(illegal("ReadableStreamBYOBReader", "read"));
      let min;
      try {
        requireArgs(arguments.length, 1, context);
        toArrayBufferView(view, context);
        const dict = toDictionary(options, context);
        min = dict.min === undefined ? 1 : toEnforcedULL(dict.min, context, "min");
      } catch (error) {
        return rejectedWith(error);
      }
      const buffer = viewBuffer(view);
      if (viewByteLength(view) === 0) return rejectedWith(new TypeError(`${context}: the view is empty.`));
      if (bufferByteLength(buffer) === 0) return rejectedWith(new TypeError(`${context}: the view's buffer is empty.`));
      if (isDetached(buffer)) return rejectedWith(new TypeError(`${context}: the view's buffer is detached.`));
      if (min === 0) return rejectedWith(new TypeError(`${context}: min must be greater than 0.`));
      if (typedArrayName(view) !== undefined) {
        if (min > typedArrayLength(view)) return rejectedWith(new RangeError(`${context}: min is more than the view's length.`));
      } else if (min > dataViewByteLength(view)) {
        return rejectedWith(new RangeError(`${context}: min is more than the view's byteLength.`));
      }
      if (reader.stream === undefined) return rejectedWith(new TypeError(`${context}: the reader has been released.`));
      const request = new PromiseReadIntoRequest();
      ReadableStreamBYOBReaderRead(reader, view, min, request);
      return request.promise;
    }
    releaseLock() {
      const reader = byobReaderRecord(this);
      if (reader === undefined) throw illegal("ReadableStreamBYOBReader", "releaseLock");
      if (reader.stream === undefined) return;
      ReadableStreamBYOBReaderRelease(reader);
    }
  }
  finishInterface(ReadableStreamBYOBReader, "ReadableStreamBYOBReader");

  // --- controllers ------------------------------------------------------------------
  class ReadableStreamDefaultController {
    #c;
    constructor(key = undefined, record = undefined) {
      if (key !== kCreate) throw new TypeError("Illegal constructor");
      this.#c = record;
      record.object = this;
    }
    static {
      defaultControllerRecord = (value) => (isObject(value) && #c in value ? value.#c : undefined);
    }
    get desiredSize() {
      const controller = defaultControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableStreamDefaultController", "desiredSize");
      return ReadableStreamDefaultControllerGetDesiredSize(controller);
    }
    close() {
      const controller = defaultControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableStreamDefaultController", "close");
      if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
        throw new TypeError("ReadableStreamDefaultController.close: the stream is closed or closing.");
      }
      ReadableStreamDefaultControllerClose(controller);
    }
    enqueue(chunk = undefined) {
      const controller = defaultControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableStreamDefaultController", "enqueue");
      if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) {
        throw new TypeError("ReadableStreamDefaultController.enqueue: the stream is closed or closing.");
      }
      ReadableStreamDefaultControllerEnqueue(controller, chunk);
    }
    error(e = undefined) {
      const controller = defaultControllerRecord(this);
      if (controller === undefined) throw illegal("ReadableStreamDefaultController", "error");
      ReadableStreamDefaultControllerError(controller, e);
    }
  }
  finishInterface(ReadableStreamDefaultController, "ReadableStreamDefaultController");

  // --- working with readable streams (https://streams.spec.whatwg.org/#rs-abstract-ops) ---
  function AcquireReadableStreamBYOBReader(stream) {
    const reader = byobReaderRecord(new ReadableStreamBYOBReader(kCreate));
    SetUpReadableStreamBYOBReader(reader, stream);
    return reader;
  }

  function AcquireReadableStreamDefaultReader(stream) {
    const reader = defaultReaderRecord(new ReadableStreamDefaultReader(kCreate));
    SetUpReadableStreamDefaultReader(reader, stream);
    return reader;
  }

  // Returns the new stream's record.
  function CreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = countSize) {
    const stream = newStream();
    const controller = new DefaultControllerSlots();
    SetUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }

  const IsReadableStreamLocked = (stream) => stream.reader !== undefined;

  // https://streams.spec.whatwg.org/#readable-stream-from-iterable (the
  // iterable is opened as WebIDL opens an async_sequence).
  function ReadableStreamFromIterable(asyncIterable) {
    const iterator = openAsyncSequence(asyncIterable);
    let stream;
    const startAlgorithm = noop;
    const pullAlgorithm = () => {
      const nextPromise = asyncIteratorNext(iterator);
      return react(
        nextPromise,
        (result) => {
          if (result.done) ReadableStreamDefaultControllerClose(stream.controller);
          else ReadableStreamDefaultControllerEnqueue(stream.controller, result.value);
        },
        (reason) => {
          ReadableStreamDefaultControllerError(stream.controller, reason);
        },
      );
    };
    const cancelAlgorithm = (reason) => asyncIteratorClose(iterator, reason);
    stream = CreateReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, 0);
    return stream;
  }

  // https://webidl.spec.whatwg.org/#js-async-sequence: an iterator record
  // from @@asyncIterator, or else from @@iterator, then used as
  // CreateAsyncFromSyncIterator uses it. (Strings are iterable too.)
  function openAsyncSequence(value) {
    const context = "ReadableStream.from";
    if (value === undefined || value === null) throw new TypeError(`${context}: the argument is not iterable.`);
    const asyncMethod = value[Symbol.asyncIterator];
    const sync = asyncMethod === undefined || asyncMethod === null;
    const method = sync ? value[Symbol.iterator] : asyncMethod;
    if (method === undefined || method === null) {
      throw new TypeError(`${context}: the argument is neither async iterable nor iterable.`);
    }
    if (typeof method !== "function") throw new TypeError(`${context}: the argument's iterator method is not a function.`);
    const iterator = apply(method, value, []);
    if (!isObject(iterator)) throw new TypeError(`${context}: the iterator is not an object.`);
    return { iterator, next: iterator.next, sync };
  }

  const notAnObject = (what) => new TypeError(`ReadableStream.from: ${what} is not an object.`);

  // WebIDL's "get an async iterator next value": a promise of { done, value }.
  function asyncIteratorNext(record) {
    let result;
    try {
      result = record.sync ? syncIteratorNext(record) : apply(record.next, record.iterator, []);
      if (!isObject(result)) throw notAnObject("the iterator's next() result");
    } catch (error) {
      return rejectedWith(error);
    }
    return react(resolvedWith(result), (iterResult) => {
      if (!isObject(iterResult)) throw notAnObject("the iterator result");
      const done = Boolean(iterResult.done);
      return { done, value: done ? undefined : iterResult.value };
    });
  }

  // %AsyncFromSyncIteratorPrototype%.next: the value is awaited, and a
  // rejected value closes the sync iterator (closeOnRejection).
  function syncIteratorNext(record) {
    let done, valueWrapper;
    try {
      const result = apply(record.next, record.iterator, []);
      if (!isObject(result)) throw notAnObject("the iterator result");
      done = Boolean(result.done);
      const value = result.value;
      try {
        valueWrapper = promiseResolve(value);
      } catch (error) {
        if (!done) closeSyncIteratorQuietly(record.iterator);
        throw error;
      }
    } catch (error) {
      return rejectedWith(error);
    }
    const onRejected = done
      ? undefined
      : (reason) => {
          closeSyncIteratorQuietly(record.iterator);
          throw reason;
        };
    return react(valueWrapper, (value) => ({ value, done }), onRejected);
  }

  // IteratorClose with a throw completion: the original error wins.
  function closeSyncIteratorQuietly(iterator) {
    try {
      const method = iterator.return;
      if (method !== undefined && method !== null) apply(method, iterator, []);
    } catch {
      // Ignored, as IteratorClose ignores it.
    }
  }

  // %AsyncFromSyncIteratorPrototype%.return.
  function syncIteratorReturn(record, value) {
    try {
      const method = record.iterator.return;
      if (method === undefined || method === null) return resolvedWith({ value, done: true });
      if (typeof method !== "function") throw new TypeError("ReadableStream.from: the iterator's return is not a function.");
      const result = apply(method, record.iterator, [value]);
      if (!isObject(result)) throw notAnObject("the iterator's return() result");
      const done = Boolean(result.done);
      return react(promiseResolve(result.value), (v) => ({ value: v, done }));
    } catch (error) {
      return rejectedWith(error);
    }
  }

  // https://webidl.spec.whatwg.org/#async-iterator-close
  function asyncIteratorClose(record, reason) {
    let returnResult;
    try {
      if (record.sync) {
        returnResult = syncIteratorReturn(record, reason);
      } else {
        const method = record.iterator.return;
        if (method === undefined || method === null) return resolvedWith(undefined);
        if (typeof method !== "function") throw new TypeError("ReadableStream.from: the iterator's return is not a function.");
        returnResult = apply(method, record.iterator, [reason]);
      }
    } catch (error) {
      return rejectedWith(error);
    }
    return react(resolvedWith(returnResult), (result) => {
      if (!isObject(result)) throw notAnObject("the iterator's return() result");
    });
  }

  // https://streams.spec.whatwg.org/#readable-stream-cancel
  function ReadableStreamCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === "closed") return resolvedWith(undefined);
    if (stream.state === "errored") return rejectedWith(stream.storedError);
    ReadableStreamClose(stream);
    const reader = stream.reader;
    if (reader !== undefined && reader.byob) {
      const requests = reader.requests;
      reader.requests = new Queue();
      while (requests.length > 0) requests.shift().close(undefined);
    }
    const sourceCancelPromise = stream.controller.cancelSteps(reason);
    return react(sourceCancelPromise, noop);
  }

  function ReadableStreamClose(stream) {
    stream.state = "closed";
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.resolve(undefined);
    if (!reader.byob) {
      const requests = reader.requests;
      reader.requests = new Queue();
      while (requests.length > 0) requests.shift().close();
    }
  }

  function ReadableStreamError(stream, e) {
    stream.state = "errored";
    stream.storedError = e;
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.reject(e);
    markHandled(reader.closed.promise);
    if (!reader.byob) ReadableStreamDefaultReaderErrorReadRequests(reader, e);
    else ReadableStreamBYOBReaderErrorReadIntoRequests(reader, e);
  }

  function ReadableStreamAddReadRequest(stream, readRequest) {
    stream.reader.requests.push(readRequest);
  }
  const ReadableStreamAddReadIntoRequest = ReadableStreamAddReadRequest;

  function ReadableStreamFulfillReadIntoRequest(stream, chunk, done) {
    const readIntoRequest = stream.reader.requests.shift();
    if (done) readIntoRequest.close(chunk);
    else readIntoRequest.chunk(chunk);
  }

  function ReadableStreamFulfillReadRequest(stream, chunk, done) {
    const readRequest = stream.reader.requests.shift();
    if (done) readRequest.close();
    else readRequest.chunk(chunk);
  }

  const ReadableStreamGetNumReadIntoRequests = (stream) => stream.reader.requests.length;
  const ReadableStreamGetNumReadRequests = (stream) => stream.reader.requests.length;
  const ReadableStreamHasBYOBReader = (stream) => stream.reader !== undefined && stream.reader.byob;
  const ReadableStreamHasDefaultReader = (stream) => stream.reader !== undefined && !stream.reader.byob;

  // --- readers (https://streams.spec.whatwg.org/#rs-reader-abstract-ops) --------------
  function ReadableStreamReaderGenericCancel(reader, reason) {
    return ReadableStreamCancel(reader.stream, reason);
  }

  function ReadableStreamReaderGenericInitialize(reader, stream) {
    reader.stream = stream;
    stream.reader = reader;
    if (stream.state === "readable") reader.closed = new Deferred();
    else if (stream.state === "closed") reader.closed = Deferred.resolved();
    else reader.closed = Deferred.rejected(stream.storedError);
  }

  function ReadableStreamReaderGenericRelease(reader) {
    const stream = reader.stream;
    const error = new TypeError("The reader's lock on the stream has been released.");
    if (stream.state === "readable") {
      reader.closed.reject(error);
      markHandled(reader.closed.promise);
    } else {
      reader.closed = Deferred.rejected(error);
    }
    stream.controller.releaseSteps();
    stream.reader = undefined;
    reader.stream = undefined;
  }

  function ReadableStreamBYOBReaderErrorReadIntoRequests(reader, e) {
    const requests = reader.requests;
    reader.requests = new Queue();
    while (requests.length > 0) requests.shift().error(e);
  }

  function ReadableStreamBYOBReaderRead(reader, view, min, readIntoRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "errored") readIntoRequest.error(stream.storedError);
    else bytes().ReadableByteStreamControllerPullInto(stream.controller, view, min, readIntoRequest);
  }

  function ReadableStreamBYOBReaderRelease(reader) {
    ReadableStreamReaderGenericRelease(reader);
    ReadableStreamBYOBReaderErrorReadIntoRequests(reader, new TypeError("The reader's lock on the stream has been released."));
  }

  const ReadableStreamDefaultReaderErrorReadRequests = ReadableStreamBYOBReaderErrorReadIntoRequests;

  function ReadableStreamDefaultReaderRead(reader, readRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === "closed") readRequest.close();
    else if (stream.state === "errored") readRequest.error(stream.storedError);
    else stream.controller.pullSteps(readRequest);
  }

  function ReadableStreamDefaultReaderRelease(reader) {
    ReadableStreamReaderGenericRelease(reader);
    ReadableStreamDefaultReaderErrorReadRequests(reader, new TypeError("The reader's lock on the stream has been released."));
  }

  function SetUpReadableStreamBYOBReader(reader, stream) {
    if (IsReadableStreamLocked(stream)) {
      throw new TypeError("ReadableStream.getReader: the stream is locked to a reader.");
    }
    if (!stream.controller.byte) {
      throw new TypeError("ReadableStream.getReader: a BYOB reader needs a byte stream (type: \"bytes\").");
    }
    ReadableStreamReaderGenericInitialize(reader, stream);
    reader.requests = new Queue();
  }

  function SetUpReadableStreamDefaultReader(reader, stream) {
    if (IsReadableStreamLocked(stream)) {
      throw new TypeError("ReadableStream.getReader: the stream is locked to a reader.");
    }
    ReadableStreamReaderGenericInitialize(reader, stream);
    reader.requests = new Queue();
  }

  // --- default controllers (https://streams.spec.whatwg.org/#rs-default-controller-abstract-ops) ---
  // A default controller's slots, with its internal methods
  // (https://streams.spec.whatwg.org/#rs-default-controller-internal-methods).
  class DefaultControllerSlots {
    constructor() {
      this.object = undefined;
      this.byte = false;
      this.stream = undefined;
      this.queue = undefined;
      this.queueTotalSize = 0;
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.strategySizeAlgorithm = undefined;
      this.strategyHWM = 0;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      new ReadableStreamDefaultController(kCreate, this);
    }
    cancelSteps(reason) {
      ResetQueue(this);
      const result = this.cancelAlgorithm(reason);
      ReadableStreamDefaultControllerClearAlgorithms(this);
      return result;
    }
    pullSteps(readRequest) {
      const stream = this.stream;
      if (this.queue.length > 0) {
        const chunk = DequeueValue(this);
        if (this.closeRequested && this.queue.length === 0) {
          ReadableStreamDefaultControllerClearAlgorithms(this);
          ReadableStreamClose(stream);
        } else {
          ReadableStreamDefaultControllerCallPullIfNeeded(this);
        }
        readRequest.chunk(chunk);
      } else {
        ReadableStreamAddReadRequest(stream, readRequest);
        ReadableStreamDefaultControllerCallPullIfNeeded(this);
      }
    }
    releaseSteps() {}
  }

  function ReadableStreamDefaultControllerCallPullIfNeeded(controller) {
    if (!ReadableStreamDefaultControllerShouldCallPull(controller)) return;
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
          ReadableStreamDefaultControllerCallPullIfNeeded(controller);
        }
      },
      (e) => ReadableStreamDefaultControllerError(controller, e),
    );
  }

  function ReadableStreamDefaultControllerShouldCallPull(controller) {
    const stream = controller.stream;
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) return false;
    if (!controller.started) return false;
    if (IsReadableStreamLocked(stream) && ReadableStreamGetNumReadRequests(stream) > 0) return true;
    return ReadableStreamDefaultControllerGetDesiredSize(controller) > 0;
  }

  function ReadableStreamDefaultControllerClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }

  function ReadableStreamDefaultControllerClose(controller) {
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
    controller.closeRequested = true;
    if (controller.queue.length === 0) {
      ReadableStreamDefaultControllerClearAlgorithms(controller);
      ReadableStreamClose(controller.stream);
    }
  }

  function ReadableStreamDefaultControllerEnqueue(controller, chunk) {
    if (!ReadableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
    const stream = controller.stream;
    if (IsReadableStreamLocked(stream) && ReadableStreamGetNumReadRequests(stream) > 0) {
      ReadableStreamFulfillReadRequest(stream, chunk, false);
    } else {
      let chunkSize;
      try {
        chunkSize = controller.strategySizeAlgorithm(chunk);
      } catch (error) {
        ReadableStreamDefaultControllerError(controller, error);
        throw error;
      }
      try {
        EnqueueValueWithSize(controller, chunk, chunkSize);
      } catch (error) {
        ReadableStreamDefaultControllerError(controller, error);
        throw error;
      }
    }
    ReadableStreamDefaultControllerCallPullIfNeeded(controller);
  }

  function ReadableStreamDefaultControllerError(controller, e) {
    const stream = controller.stream;
    if (stream.state !== "readable") return;
    ResetQueue(controller);
    ReadableStreamDefaultControllerClearAlgorithms(controller);
    ReadableStreamError(stream, e);
  }

  function ReadableStreamDefaultControllerGetDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === "errored") return null;
    if (state === "closed") return 0;
    return controller.strategyHWM - controller.queueTotalSize;
  }

  const ReadableStreamDefaultControllerHasBackpressure = (controller) =>
    !ReadableStreamDefaultControllerShouldCallPull(controller);

  const ReadableStreamDefaultControllerCanCloseOrEnqueue = (controller) =>
    !controller.closeRequested && controller.stream.state === "readable";

  function SetUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    ResetQueue(controller);
    controller.started = controller.closeRequested = controller.pullAgain = controller.pulling = false;
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    stream.controller = controller;
    const startResult = startAlgorithm();
    upon(
      resolvedWith(startResult),
      () => {
        controller.started = true;
        ReadableStreamDefaultControllerCallPullIfNeeded(controller);
      },
      (r) => ReadableStreamDefaultControllerError(controller, r),
    );
  }

  const resolvedUndefined = () => resolvedWith(undefined);

  function SetUpReadableStreamDefaultControllerFromUnderlyingSource(stream, source, dict, highWaterMark, sizeAlgorithm) {
    const controller = new DefaultControllerSlots();
    const { start, pull, cancel } = dict;
    const startAlgorithm = start === undefined ? noop : () => apply(start, source, [controller.object]);
    const pullAlgorithm = pull === undefined ? resolvedUndefined : () => promiseCall(pull, source, [controller.object]);
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, source, [reason]);
    SetUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
  }

  // --- tee (https://streams.spec.whatwg.org/#readable-stream-tee) -----------------------
  function ReadableStreamTee(stream, cloneForBranch2) {
    if (stream.controller.byte) return bytes().ReadableByteStreamTee(stream);
    return ReadableStreamDefaultTee(stream, cloneForBranch2);
  }

  function ReadableStreamDefaultTee(stream, cloneForBranch2) {
    const reader = AcquireReadableStreamDefaultReader(stream);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1, reason2, branch1, branch2;
    const cancelPromise = new Deferred();
    const readRequest = {
      chunk(chunk) {
        queueMicrotask(() => {
          readAgain = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled2 && cloneForBranch2) {
            try {
              chunk2 = structuredClone(chunk2);
            } catch (error) {
              ReadableStreamDefaultControllerError(branch1.controller, error);
              ReadableStreamDefaultControllerError(branch2.controller, error);
              cancelPromise.resolve(ReadableStreamCancel(stream, error));
              return;
            }
          }
          if (!canceled1) ReadableStreamDefaultControllerEnqueue(branch1.controller, chunk1);
          if (!canceled2) ReadableStreamDefaultControllerEnqueue(branch2.controller, chunk2);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      close() {
        reading = false;
        if (!canceled1) ReadableStreamDefaultControllerClose(branch1.controller);
        if (!canceled2) ReadableStreamDefaultControllerClose(branch2.controller);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      error() {
        reading = false;
      },
    };
    function pullAlgorithm() {
      if (reading) {
        readAgain = true;
        return resolvedWith(undefined);
      }
      reading = true;
      ReadableStreamDefaultReaderRead(reader, readRequest);
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
    branch1 = CreateReadableStream(noop, pullAlgorithm, cancel1Algorithm);
    branch2 = CreateReadableStream(noop, pullAlgorithm, cancel2Algorithm);
    upon(reader.closed.promise, undefined, (r) => {
      ReadableStreamDefaultControllerError(branch1.controller, r);
      ReadableStreamDefaultControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
    return [branch1, branch2];
  }

  // --- async iteration (https://streams.spec.whatwg.org/#rs-asynciterator) ----------------
  // WebIDL's async iterator object: `next` and `return` queue behind the
  // ongoing promise, so results come back in call order.
  let iteratorRecord;
  class ReadableStreamAsyncIterator {
    #it;
    constructor(record) {
      this.#it = record;
    }
    static {
      iteratorRecord = (value) => (isObject(value) && #it in value ? value.#it : undefined);
    }
    next() {
      const it = iteratorRecord(this);
      if (it === undefined) return rejectedWith(new TypeError("ReadableStream AsyncIterator.next: Illegal invocation"));
      const nextSteps = () => {
        if (it.isFinished) return resolvedWith({ value: undefined, done: true });
        const nextPromise = iteratorGetNext(it);
        return react(
          nextPromise,
          (next) => {
            it.ongoingPromise = null;
            if (next === endOfIteration) {
              it.isFinished = true;
              return { value: undefined, done: true };
            }
            return { value: next, done: false };
          },
          (reason) => {
            it.ongoingPromise = null;
            it.isFinished = true;
            throw reason;
          },
        );
      };
      it.ongoingPromise = it.ongoingPromise === null ? nextSteps() : react(it.ongoingPromise, nextSteps, nextSteps);
      return it.ongoingPromise;
    }
    return(value) {
      const it = iteratorRecord(this);
      if (it === undefined) return rejectedWith(new TypeError("ReadableStream AsyncIterator.return: Illegal invocation"));
      const returnSteps = () => {
        if (it.isFinished) return resolvedWith({ value, done: true });
        it.isFinished = true;
        return iteratorReturn(it, value);
      };
      it.ongoingPromise = it.ongoingPromise === null ? returnSteps() : react(it.ongoingPromise, returnSteps, returnSteps);
      return react(it.ongoingPromise, () => ({ value, done: true }));
    }
  }
  const AsyncIteratorProto = ReadableStreamAsyncIterator.prototype;
  delete AsyncIteratorProto.constructor;
  setPrototypeOf(AsyncIteratorProto, AsyncIteratorPrototype);
  for (const key of ["next", "return"]) defineProperty(AsyncIteratorProto, key, { enumerable: true });
  defineProperty(AsyncIteratorProto, Symbol.toStringTag, { value: "ReadableStream AsyncIterator", configurable: true });

  const endOfIteration = Symbol("end of iteration");

  function createAsyncIterator(stream, preventCancel) {
    const reader = AcquireReadableStreamDefaultReader(stream);
    return new ReadableStreamAsyncIterator({ reader, preventCancel, ongoingPromise: null, isFinished: false });
  }

  // The get-the-next-iteration-result steps.
  function iteratorGetNext(it) {
    const reader = it.reader;
    const deferred = new Deferred();
    ReadableStreamDefaultReaderRead(reader, {
      chunk: (chunk) => deferred.resolve(chunk),
      close() {
        ReadableStreamDefaultReaderRelease(reader);
        deferred.resolve(endOfIteration);
      },
      error(e) {
        ReadableStreamDefaultReaderRelease(reader);
        deferred.reject(e);
      },
    });
    return deferred.promise;
  }

  // The asynchronous iterator return steps.
  function iteratorReturn(it, arg) {
    const reader = it.reader;
    if (reader.stream === undefined) return resolvedWith(undefined);
    if (!it.preventCancel) {
      const result = ReadableStreamReaderGenericCancel(reader, arg);
      ReadableStreamDefaultReaderRelease(reader);
      return result;
    }
    ReadableStreamDefaultReaderRelease(reader);
    return resolvedWith(undefined);
  }

  // --- for other Kode modules ---------------------------------------------------------
  function readAllBytes(streamObject) {
    const stream = streamRecord(streamObject);
    if (stream === undefined) return rejectedWith(new TypeError("readAllBytes: not a ReadableStream."));
    if (IsReadableStreamLocked(stream)) return rejectedWith(new TypeError("The stream is locked to a reader."));
    const reader = AcquireReadableStreamDefaultReader(stream);
    const chunks = [];
    let total = 0;
    const deferred = new Deferred();
    const readRequest = {
      chunk(chunk) {
        if (!(chunk instanceof Uint8ArrayCtor) || typedArrayName(chunk) !== "Uint8Array") {
          deferred.reject(new TypeError("The stream gave a chunk that is not a Uint8Array."));
          return;
        }
        chunks[chunks.length] = chunk;
        total += typedArrayByteLength(chunk);
        // A stream with queued chunks answers at once: loop, do not recurse.
        queueMicrotask(() => ReadableStreamDefaultReaderRead(reader, readRequest));
      },
      close() {
        const bytes = new Uint8ArrayCtor(total);
        let at = 0;
        for (const chunk of chunks) {
          typedArraySet(bytes, chunk, at);
          at += typedArrayByteLength(chunk);
        }
        deferred.resolve(bytes);
      },
      error(e) {
        deferred.reject(e);
      },
    };
    ReadableStreamDefaultReaderRead(reader, readRequest);
    return deferred.promise;
  }

  function createReadable(pull, cancel, { type = undefined, highWaterMark = undefined } = {}) {
    const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => promiseCall(cancel, undefined, [reason]);
    if (type === "bytes") return bytes().createReadableBytes(pull, cancelAlgorithm, highWaterMark ?? 0).object;
    const pullAlgorithm = () =>
      react(promiseCall(pull, undefined, []), (chunk) => {
        if (chunk === null || chunk === undefined) ReadableStreamDefaultControllerClose(stream.controller);
        else ReadableStreamDefaultControllerEnqueue(stream.controller, chunk);
      });
    const stream = CreateReadableStream(noop, pullAlgorithm, cancelAlgorithm, highWaterMark ?? 1);
    return stream.object;
  }

  const internals = Object.freeze({
    readableFromBytes: (u8) => bytes().readableFromBytes(u8).object,
    readAllBytes,
    isReadableStream: (value) => streamRecord(value) !== undefined,
    isDisturbed: (stream) => streamRecord(stream).disturbed,
    isErrored: (stream) => streamRecord(stream).state === "errored",
    createReadable,
    createWritable: (write, close, abort, options) => writableModule().createWritable(write, close, abort, options),
  });

  // What the other streams modules share with this one.
  const newStream = () => streamRecord(new ReadableStream(kCreate));
  const spec = {
    kCreate,
    isObject,
    noop,
    queueMicrotask,
    resolvedWith,
    resolvedUndefined,
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
    toEnforcedULL,
    toArrayBufferView,
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
    isArrayBuffer,
    isDetached,
    TransferArrayBuffer,
    CloneArrayBuffer,
    CopyDataBlockBytes,
    CloneAsUint8Array,
    toQueuingStrategy,
    ExtractHighWaterMark,
    ExtractSizeAlgorithm,
    DequeueValue,
    EnqueueValueWithSize,
    PeekQueueValue,
    ResetQueue,
    streamRecord,
    newStream,
    AcquireReadableStreamDefaultReader,
    AcquireReadableStreamBYOBReader,
    CreateReadableStream,
    IsReadableStreamLocked,
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
    ReadableStreamDefaultControllerClose,
    ReadableStreamDefaultControllerEnqueue,
    ReadableStreamDefaultControllerError,
    ReadableStreamDefaultControllerGetDesiredSize,
    ReadableStreamDefaultControllerHasBackpressure,
    ReadableStreamDefaultControllerCanCloseOrEnqueue,
  };

  return {
    ReadableStream,
    ReadableStreamDefaultReader,
    ReadableStreamBYOBReader,
    ReadableStreamDefaultController,
    ByteLengthQueuingStrategy,
    CountQueuingStrategy,
    internals,
    spec,
  };
});

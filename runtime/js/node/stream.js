// stream.js: node:stream, Node's stream classes. Node's event order is the
// contract packages rely on ('data' before 'end' before 'close', which
// callbacks run on the next tick), so the state machine follows Node's:
// the same state fields (packages read `_readableState.flowing`,
// `.ended`, `.length`...), the same deferrals through support.nextTick.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, AbortError, nextTick } = support;
  const EE = support.builtin("node:events");

  // --- helpers ---------------------------------------------------------------

  let BufferClass;
  const Buffer = () => (BufferClass ??= support.builtin("node:buffer").Buffer);
  let StringDecoderClass;
  const newDecoder = (encoding) => {
    StringDecoderClass ??= support.builtin("node:string_decoder").StringDecoder;
    return new StringDecoderClass(encoding);
  };
  const isBuffer = (value) => value instanceof Uint8Array && value instanceof Buffer();
  const toBuffer = (u8) => Buffer().from(u8.buffer, u8.byteOffset, u8.byteLength);

  let inspectModule;
  function inspect(value) {
    inspectModule ??= internal.loadInternal("kode:internal/inspect");
    return inspectModule.inspect(value);
  }

  const nop = () => {};
  const kDestroy = Symbol("kDestroy");
  const kConstruct = Symbol("kConstruct");
  const kPaused = Symbol("kPaused");
  const kDataListening = Symbol("kDataListening");
  const kCallback = Symbol("kCallback");
  const kOnFinished = Symbol("kOnFinished");
  const kIsDisturbed = Symbol.for("nodejs.stream.disturbed");

  // Node's encoding names (Buffer.isEncoding), without loading node:buffer.
  const ENCODINGS = new Set(["utf8", "utf-8", "hex", "base64", "base64url", "ascii", "latin1", "binary", "ucs2", "ucs-2", "utf16le", "utf-16le"]);
  const isEncoding = (enc) => typeof enc === "string" && enc !== "" && ENCODINGS.has(enc.toLowerCase());

  // Node's error codes for streams.
  const E = {
    pushAfterEof: () => nodeError(Error, "ERR_STREAM_PUSH_AFTER_EOF", "stream.push() after EOF"),
    unshiftAfterEnd: () => nodeError(Error, "ERR_STREAM_UNSHIFT_AFTER_END_EVENT", "stream.unshift() after end event"),
    notImplemented: (m) => nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", `The ${m} method is not implemented`),
    writeAfterEnd: () => nodeError(Error, "ERR_STREAM_WRITE_AFTER_END", "write after end"),
    destroyed: (m) => nodeError(Error, "ERR_STREAM_DESTROYED", `Cannot call ${m} after a stream was destroyed`),
    nullValues: () => nodeError(TypeError, "ERR_STREAM_NULL_VALUES", "May not write null values to stream"),
    alreadyFinished: (m) => nodeError(Error, "ERR_STREAM_ALREADY_FINISHED", `Cannot call ${m} after a stream was finished`),
    cannotPipe: () => nodeError(Error, "ERR_STREAM_CANNOT_PIPE", "Cannot pipe, not readable"),
    multipleCallback: () => nodeError(Error, "ERR_MULTIPLE_CALLBACK", "Callback called multiple times"),
    prematureClose: () => nodeError(Error, "ERR_STREAM_PREMATURE_CLOSE", "Premature close"),
    unknownEncoding: (enc) => nodeError(TypeError, "ERR_UNKNOWN_ENCODING", `Unknown encoding: ${enc}`),
    missingArgs: (name) => nodeError(TypeError, "ERR_MISSING_ARGS", `The "${name}" argument must be specified`),
    invalidArgValue: (name, value, reason = "is invalid") =>
      nodeError(TypeError, "ERR_INVALID_ARG_VALUE",
        `The ${name.includes(".") ? "property" : "argument"} '${name}' ${reason}. Received ${inspect(value)}`),
    invalidReturn: (expected, name, value) =>
      nodeError(TypeError, "ERR_INVALID_RETURN_VALUE",
        `Expected ${expected} to be returned from the "${name}" function but got ${support.received(value)}.`),
  };

  function aggregateTwoErrors(inner, outer) {
    if (inner && outer && inner !== outer) {
      if (Array.isArray(outer.errors)) {
        outer.errors.push(inner);
        return outer;
      }
      const error = new AggregateError([outer, inner], outer.message);
      error.code = outer.code;
      return error;
    }
    return inner || outer;
  }

  function once(fn) {
    let called = false;
    return function (...args) {
      if (called) return;
      called = true;
      return Reflect.apply(fn, this, args);
    };
  }

  function checkFunction(value, name) {
    if (typeof value !== "function") throw invalidArgType(name, "of type function", value);
  }

  function checkAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
      throw invalidArgType(name, "an instance of AbortSignal", signal);
    }
  }

  function checkObject(value, name) {
    if (value === null || typeof value !== "object") throw invalidArgType(name, "of type object", value);
  }

  // --- high water marks ------------------------------------------------------

  // Node 22's defaults: 64 KiB for bytes, 16 objects.
  let defaultHighWaterMarkBytes = 64 * 1024;
  let defaultHighWaterMarkObjects = 16;

  function getDefaultHighWaterMark(objectMode) {
    return objectMode ? defaultHighWaterMarkObjects : defaultHighWaterMarkBytes;
  }

  function setDefaultHighWaterMark(objectMode, value) {
    if (typeof value !== "number") throw invalidArgType("value", "of type number", value);
    if (!Number.isInteger(value) || value < 0) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "value" is out of range. It must be >= 0 && <= 9007199254740991. Received ${inspect(value)}`);
    }
    if (objectMode) defaultHighWaterMarkObjects = value;
    else defaultHighWaterMarkBytes = value;
  }

  function getHighWaterMark(state, options, duplexKey, isDuplex) {
    const hwm = options.highWaterMark ?? (isDuplex ? options[duplexKey] : null);
    if (hwm != null) {
      if (!Number.isInteger(hwm) || hwm < 0) {
        throw E.invalidArgValue(isDuplex ? `options.${duplexKey}` : "options.highWaterMark", hwm);
      }
      return Math.floor(hwm);
    }
    return getDefaultHighWaterMark(state.objectMode);
  }

  // --- Stream: the legacy base ----------------------------------------------

  function Stream(opts) {
    EE.call(this, opts);
  }
  Object.setPrototypeOf(Stream.prototype, EE.prototype);
  Object.setPrototypeOf(Stream, EE);

  // The old pipe of `Stream` (readable-stream 1.x era objects use it).
  Stream.prototype.pipe = function (dest, options) {
    const source = this;
    function ondata(chunk) {
      if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
    }
    source.on("data", ondata);
    function ondrain() {
      if (source.readable && source.resume) source.resume();
    }
    dest.on("drain", ondrain);
    if (!dest._isStdio && (!options || options.end !== false)) {
      source.on("end", onend);
      source.on("close", onclose);
    }
    let didOnEnd = false;
    function onend() {
      if (didOnEnd) return;
      didOnEnd = true;
      dest.end();
    }
    function onclose() {
      if (didOnEnd) return;
      didOnEnd = true;
      if (typeof dest.destroy === "function") dest.destroy();
    }
    function onerror(er) {
      cleanup();
      if (EE.listenerCount(this, "error") === 0) this.emit("error", er);
    }
    prependListener(source, "error", onerror);
    prependListener(dest, "error", onerror);
    function cleanup() {
      source.removeListener("data", ondata);
      dest.removeListener("drain", ondrain);
      source.removeListener("end", onend);
      source.removeListener("close", onclose);
      source.removeListener("error", onerror);
      dest.removeListener("error", onerror);
      source.removeListener("end", cleanup);
      source.removeListener("close", cleanup);
      dest.removeListener("close", cleanup);
    }
    source.on("end", cleanup);
    source.on("close", cleanup);
    dest.on("close", cleanup);
    dest.emit("pipe", source);
    return dest;
  };

  // Streams pre-declare their common events as undefined slots (Node does,
  // for speed): only real listeners count as names.
  Stream.prototype.eventNames = function eventNames() {
    const names = [];
    for (const key of Reflect.ownKeys(this._events)) {
      const value = this._events[key];
      if (typeof value === "function" || (Array.isArray(value) && value.length > 0)) names.push(key);
    }
    return names;
  };

  function prependListener(emitter, event, fn) {
    if (typeof emitter.prependListener === "function") return emitter.prependListener(event, fn);
    if (!emitter._events || !emitter._events[event]) emitter.on(event, fn);
    else if (Array.isArray(emitter._events[event])) emitter._events[event].unshift(fn);
    else emitter._events[event] = [fn, emitter._events[event]];
  }

  // --- stream predicates (Node's internal/streams/utils) ---------------------

  function isReadableNodeStream(obj, strict = false) {
    return !!(
      obj &&
      typeof obj.pipe === "function" &&
      typeof obj.on === "function" &&
      (!strict || (typeof obj.pause === "function" && typeof obj.resume === "function")) &&
      (!obj._writableState || obj._readableState?.readable !== false) &&
      (!obj._writableState || obj._readableState)
    );
  }

  function isWritableNodeStream(obj) {
    return !!(
      obj &&
      typeof obj.write === "function" &&
      typeof obj.on === "function" &&
      (!obj._readableState || obj._writableState?.writable !== false)
    );
  }

  function isDuplexNodeStream(obj) {
    return !!(obj && typeof obj.pipe === "function" && obj._readableState &&
      typeof obj.on === "function" && typeof obj.write === "function");
  }

  function isNodeStream(obj) {
    return (
      obj &&
      (obj._readableState || obj._writableState ||
        (typeof obj.write === "function" && typeof obj.on === "function") ||
        (typeof obj.pipe === "function" && typeof obj.on === "function"))
    );
  }

  const isReadableStream = (obj) =>
    !!(obj && !isNodeStream(obj) && typeof obj.pipeThrough === "function" &&
      typeof obj.getReader === "function" && typeof obj.cancel === "function");
  const isWritableStream = (obj) =>
    !!(obj && !isNodeStream(obj) && typeof obj.getWriter === "function" && typeof obj.abort === "function");
  const isTransformStream = (obj) =>
    !!(obj && !isNodeStream(obj) && typeof obj.readable === "object" && typeof obj.writable === "object");
  const isWebStream = (obj) => isReadableStream(obj) || isWritableStream(obj) || isTransformStream(obj);

  function isIterable(obj, isAsync) {
    if (obj == null) return false;
    if (isAsync === true) return typeof obj[Symbol.asyncIterator] === "function";
    if (isAsync === false) return typeof obj[Symbol.iterator] === "function";
    return typeof obj[Symbol.asyncIterator] === "function" || typeof obj[Symbol.iterator] === "function";
  }

  function isDestroyed(stream) {
    if (!isNodeStream(stream)) return null;
    const state = stream._writableState || stream._readableState;
    return !!(stream.destroyed || state?.destroyed);
  }

  function isWritableEnded(stream) {
    if (!isWritableNodeStream(stream)) return null;
    if (stream.writableEnded === true) return true;
    const wState = stream._writableState;
    if (wState?.errored) return false;
    if (typeof wState?.ended !== "boolean") return null;
    return wState.ended;
  }

  function isWritableFinished(stream, strict) {
    if (!isWritableNodeStream(stream)) return null;
    if (stream.writableFinished === true) return true;
    const wState = stream._writableState;
    if (wState?.errored) return false;
    if (typeof wState?.finished !== "boolean") return null;
    return !!(wState.finished || (strict === false && wState.ended === true && wState.length === 0));
  }

  function isReadableFinished(stream, strict) {
    if (!isReadableNodeStream(stream)) return null;
    const rState = stream._readableState;
    if (rState?.errored) return false;
    if (typeof rState?.endEmitted !== "boolean") return null;
    return !!(rState.endEmitted || (strict === false && rState.ended === true && rState.length === 0));
  }

  function isReadable(stream) {
    if (stream && stream[Symbol.for("nodejs.stream.readable")] != null) return stream[Symbol.for("nodejs.stream.readable")];
    if (typeof stream?.readable !== "boolean") return null;
    if (isDestroyed(stream)) return false;
    return isReadableNodeStream(stream) && stream.readable && !isReadableFinished(stream);
  }

  function isWritable(stream) {
    if (typeof stream?.writable !== "boolean") return null;
    if (isDestroyed(stream)) return false;
    return isWritableNodeStream(stream) && stream.writable && !isWritableEnded(stream);
  }

  function isClosed(stream) {
    if (!isNodeStream(stream)) return null;
    const wState = stream._writableState;
    const rState = stream._readableState;
    if (typeof wState?.closed === "boolean" || typeof rState?.closed === "boolean") {
      return wState?.closed || rState?.closed;
    }
    return null;
  }

  function willEmitClose(stream) {
    if (!isNodeStream(stream)) return null;
    const state = stream._writableState || stream._readableState;
    return !!(state && state.autoDestroy && state.emitClose && state.closed === false);
  }

  function isDisturbed(stream) {
    return !!(stream && (stream[kIsDisturbed] ?? (stream.readableDidRead || stream.readableAborted)));
  }

  function isErrored(stream) {
    return !!(
      stream &&
      (stream.readableErrored ??
        stream.writableErrored ??
        stream._readableState?.errorEmitted ??
        stream._writableState?.errorEmitted ??
        stream._readableState?.errored ??
        stream._writableState?.errored)
    );
  }

  // --- destroy (Node's internal/streams/destroy) ------------------------------

  function checkError(err, w, r) {
    if (err) {
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
    }
  }

  function destroy(err, cb) {
    const r = this._readableState;
    const w = this._writableState;
    const s = w || r;
    if ((w && w.destroyed) || (r && r.destroyed)) {
      if (typeof cb === "function") cb();
      return this;
    }
    // destroyed is set before any callback runs, so destroy() is re-entrant.
    checkError(err, w, r);
    if (w) w.destroyed = true;
    if (r) r.destroyed = true;
    if (!s.constructed) {
      this.once(kDestroy, function (er) {
        destroyNow(this, aggregateTwoErrors(er, err), cb);
      });
    } else {
      destroyNow(this, err, cb);
    }
    return this;
  }

  function destroyNow(self, err, cb) {
    let called = false;
    function onDestroy(err) {
      if (called) return;
      called = true;
      const r = self._readableState;
      const w = self._writableState;
      checkError(err, w, r);
      if (w) w.closed = true;
      if (r) r.closed = true;
      if (typeof cb === "function") cb(err);
      if (err) nextTick(emitErrorCloseNT, self, err);
      else nextTick(emitCloseNT, self);
    }
    try {
      const result = self._destroy(err || null, onDestroy);
      if (result != null && typeof result.then === "function") {
        result.then(() => nextTick(onDestroy, null), (e) => nextTick(onDestroy, e));
      }
    } catch (e) {
      onDestroy(e);
    }
  }

  function emitErrorCloseNT(self, err) {
    emitErrorNT(self, err);
    emitCloseNT(self);
  }

  function emitCloseNT(self) {
    const r = self._readableState;
    const w = self._writableState;
    if (w) w.closeEmitted = true;
    if (r) r.closeEmitted = true;
    if ((w && w.emitClose) || (r && r.emitClose)) self.emit("close");
  }

  function emitErrorNT(self, err) {
    const r = self._readableState;
    const w = self._writableState;
    if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
    if (w) w.errorEmitted = true;
    if (r) r.errorEmitted = true;
    self.emit("error", err);
  }

  function undestroy() {
    const r = this._readableState;
    const w = this._writableState;
    if (r) {
      Object.assign(r, { constructed: true, closed: false, closeEmitted: false, destroyed: false, errored: null,
        errorEmitted: false, reading: false, ended: r.readable === false, endEmitted: r.readable === false });
    }
    if (w) {
      Object.assign(w, { constructed: true, destroyed: false, closed: false, closeEmitted: false, errored: null,
        errorEmitted: false, finalCalled: false, prefinished: false, ended: w.writable === false,
        ending: w.writable === false, finished: w.writable === false });
    }
  }

  function errorOrDestroy(stream, err, sync) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) return;
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
      stream.destroy(err);
    } else if (err) {
      if (w && !w.errored) w.errored = err;
      if (r && !r.errored) r.errored = err;
      if (sync) nextTick(emitErrorNT, stream, err);
      else emitErrorNT(stream, err);
    }
  }

  function construct(stream, cb) {
    if (typeof stream._construct !== "function") return;
    const r = stream._readableState;
    const w = stream._writableState;
    if (r) r.constructed = false;
    if (w) w.constructed = false;
    stream.once(kConstruct, cb);
    // A Duplex registers both sides' callbacks; construct runs once.
    if (stream.listenerCount(kConstruct) > 1) return;
    nextTick(constructNT, stream);
  }

  function constructNT(stream) {
    let called = false;
    function onConstruct(err) {
      if (called) {
        errorOrDestroy(stream, err ?? E.multipleCallback());
        return;
      }
      called = true;
      const r = stream._readableState;
      const w = stream._writableState;
      const s = w || r;
      if (r) r.constructed = true;
      if (w) w.constructed = true;
      if (s.destroyed) stream.emit(kDestroy, err);
      else if (err) errorOrDestroy(stream, err, true);
      else nextTick(() => stream.emit(kConstruct));
    }
    try {
      const result = stream._construct((err) => nextTick(onConstruct, err));
      if (result != null && typeof result.then === "function") {
        result.then(() => {
          if (!called) nextTick(onConstruct, null);
        }, (err) => {
          if (!called) nextTick(onConstruct, err);
        });
      }
    } catch (err) {
      nextTick(onConstruct, err);
    }
  }

  function isRequest(stream) {
    return stream?.setHeader && typeof stream.abort === "function";
  }

  // Destroys whatever kind of stream-like object it gets (Node's destroyer).
  function destroyer(stream, err) {
    if (!stream || isDestroyed(stream)) return;
    if (!err && !isFinished(stream)) err = new AbortError();
    if (isRequest(stream)) return stream.abort();
    if (isRequest(stream.req)) return stream.req.abort();
    if (typeof stream.destroy === "function") return stream.destroy(err);
    if (typeof stream.close === "function") return stream.close();
    if (err) nextTick((s, e) => s.emit("error", e), stream, err);
    else nextTick((s) => s.emit("close"), stream);
  }

  function isFinished(stream, opts) {
    if (!isNodeStream(stream)) return null;
    if (isDestroyed(stream)) return true;
    if (opts?.readable !== false && isReadable(stream)) return false;
    if (opts?.writable !== false && isWritable(stream)) return false;
    return true;
  }

  // --- finished / end-of-stream --------------------------------------------

  function eos(stream, options, callback) {
    if (arguments.length === 2) {
      callback = options;
      options = {};
    } else if (options == null) {
      options = {};
    } else {
      checkObject(options, "options");
    }
    checkFunction(callback, "callback");
    checkAbortSignal(options.signal, "options.signal");
    callback = once(callback);

    if (isReadableStream(stream) || isWritableStream(stream)) return eosWeb(stream, options, callback);
    if (!isNodeStream(stream)) {
      throw invalidArgType("stream", "an instance of ReadableStream, WritableStream, or Stream", stream);
    }

    const readable = options.readable ?? isReadableNodeStream(stream);
    const writable = options.writable ?? isWritableNodeStream(stream);
    const wState = stream._writableState;
    const rState = stream._readableState;

    const onlegacyfinish = () => {
      if (!stream.writable) onfinish();
    };

    let shouldWaitClose = willEmitClose(stream) &&
      isReadableNodeStream(stream) === readable && isWritableNodeStream(stream) === writable;

    let writableFinished = isWritableFinished(stream, false);
    const onfinish = () => {
      writableFinished = true;
      // Destroyed already: user code drives it; do not trust 'close' to come.
      if (stream.destroyed) shouldWaitClose = false;
      if (shouldWaitClose && (!stream.readable || readable)) return;
      if (!readable || readableFinished) callback.call(stream);
    };

    let readableFinished = isReadableFinished(stream, false);
    const onend = () => {
      readableFinished = true;
      if (stream.destroyed) shouldWaitClose = false;
      if (shouldWaitClose && (!stream.writable || writable)) return;
      if (!writable || writableFinished) callback.call(stream);
    };

    const onerror = (err) => callback.call(stream, err);

    let closed = isClosed(stream);

    const onclose = () => {
      closed = true;
      const errored = wState?.errored || rState?.errored;
      if (errored && typeof errored !== "boolean") return callback.call(stream, errored);
      if (readable && !readableFinished && isReadableNodeStream(stream, true)) {
        if (!isReadableFinished(stream, false)) return callback.call(stream, E.prematureClose());
      }
      if (writable && !writableFinished) {
        if (!isWritableFinished(stream, false)) return callback.call(stream, E.prematureClose());
      }
      callback.call(stream);
    };

    const onclosed = () => {
      closed = true;
      const errored = wState?.errored || rState?.errored;
      if (errored && typeof errored !== "boolean") return callback.call(stream, errored);
      callback.call(stream);
    };

    const onrequest = () => stream.req.on("finish", onfinish);

    if (isRequest(stream)) {
      stream.on("complete", onfinish);
      if (!shouldWaitClose) stream.on("abort", onclose);
      if (stream.req) onrequest();
      else stream.on("request", onrequest);
    } else if (writable && !wState) {
      // Legacy streams.
      stream.on("end", onlegacyfinish);
      stream.on("close", onlegacyfinish);
    }

    if (!shouldWaitClose && typeof stream.aborted === "boolean") stream.on("aborted", onclose);

    stream.on("end", onend);
    stream.on("finish", onfinish);
    if (options.error !== false) stream.on("error", onerror);
    stream.on("close", onclose);

    if (closed) {
      nextTick(onclose);
    } else if (wState?.errorEmitted || rState?.errorEmitted) {
      if (!shouldWaitClose) nextTick(onclosed);
    } else if (!readable && (!shouldWaitClose || isReadable(stream)) && (writableFinished || isWritable(stream) === false)) {
      nextTick(onclosed);
    } else if (!writable && (!shouldWaitClose || isWritable(stream)) && (readableFinished || isReadable(stream) === false)) {
      nextTick(onclosed);
    } else if (rState && stream.req && stream.aborted) {
      nextTick(onclosed);
    }

    const cleanup = () => {
      callback = nop;
      stream.removeListener("aborted", onclose);
      stream.removeListener("complete", onfinish);
      stream.removeListener("abort", onclose);
      stream.removeListener("request", onrequest);
      if (stream.req) stream.req.removeListener("finish", onfinish);
      stream.removeListener("end", onlegacyfinish);
      stream.removeListener("close", onlegacyfinish);
      stream.removeListener("finish", onfinish);
      stream.removeListener("end", onend);
      stream.removeListener("error", onerror);
      stream.removeListener("close", onclose);
    };

    if (options.signal && !closed) {
      const abort = () => {
        const endCallback = callback;
        cleanup();
        endCallback.call(stream, new AbortError(undefined, { cause: options.signal.reason }));
      };
      if (options.signal.aborted) {
        nextTick(abort);
      } else {
        const original = callback;
        const onAbort = () => abort();
        options.signal.addEventListener("abort", onAbort, { once: true });
        callback = once((...args) => {
          options.signal.removeEventListener("abort", onAbort);
          Reflect.apply(original, stream, args);
        });
      }
    }
    return cleanup;
  }

  // finished() on a Web stream: Kode's streams expose no state, so this
  // observes them through a tee-free path: a WritableStream's writer closes,
  // a ReadableStream is watched by its `closed` of a reader we do not hold.
  function eosWeb(stream, options, callback) {
    throw support.unsupported("stream.finished (on a Web stream)");
  }

  function finished(stream, options, callback) {
    return Reflect.apply(eos, undefined, arguments);
  }

  function finishedPromise(stream, opts) {
    let autoCleanup = false;
    if (opts === null) opts = {};
    if (opts?.cleanup) {
      if (typeof opts.cleanup !== "boolean") throw invalidArgType("cleanup", "of type boolean", opts.cleanup);
      autoCleanup = opts.cleanup;
    }
    return new Promise((resolve, reject) => {
      const cleanup = eos(stream, opts, (err) => {
        if (autoCleanup) cleanup();
        if (err) reject(err);
        else resolve();
      });
    });
  }
  finished.finished = finishedPromise;

  // --- Readable ------------------------------------------------------------

  function ReadableState(options, stream, isDuplex) {
    this.objectMode = !!(options && (options.objectMode || (isDuplex && options.readableObjectMode)));
    this.highWaterMark = options
      ? getHighWaterMark(this, options, "readableHighWaterMark", isDuplex)
      : getDefaultHighWaterMark(false);
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    // Async construction is opt-in: a stream starts constructed.
    this.constructed = true;
    // 'readable'/'data' are deferred until after the first read() call.
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this[kPaused] = null;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.errorEmitted = false;
    const defaultEncoding = options?.defaultEncoding;
    if (defaultEncoding == null || defaultEncoding === "utf8" || defaultEncoding === "utf-8") {
      this.defaultEncoding = "utf8";
    } else if (isEncoding(defaultEncoding)) {
      this.defaultEncoding = defaultEncoding;
    } else {
      throw E.unknownEncoding(defaultEncoding);
    }
    this.awaitDrainWriters = null;
    this.multiAwaitDrain = false;
    this.readingMore = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    this[kDataListening] = false;
    if (options && options.encoding) {
      this.decoder = newDecoder(options.encoding);
      this.encoding = options.encoding;
    }
  }

  Object.defineProperties(ReadableState.prototype, {
    pipesCount: {
      get() {
        return this.pipes.length;
      },
    },
    paused: {
      get() {
        return this[kPaused] !== false;
      },
      set(value) {
        this[kPaused] = !!value;
      },
    },
  });

  function Readable(options) {
    if (!(this instanceof Readable)) return new Readable(options);
    this._events ??= { close: undefined, error: undefined, data: undefined, end: undefined, readable: undefined };
    this._readableState = new ReadableState(options, this, false);
    if (options) {
      if (typeof options.read === "function") this._read = options.read;
      if (typeof options.destroy === "function") this._destroy = options.destroy;
      if (typeof options.construct === "function") this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    construct(this, () => {
      if (this._readableState.needReadable) maybeReadMore(this, this._readableState);
    });
  }
  Object.setPrototypeOf(Readable.prototype, Stream.prototype);
  Object.setPrototypeOf(Readable, Stream);
  Readable.ReadableState = ReadableState;

  Readable.prototype.destroy = destroy;
  Readable.prototype._undestroy = undestroy;
  Readable.prototype._destroy = function (err, cb) {
    cb(err);
  };
  Readable.prototype[EE.captureRejectionSymbol] = function (err) {
    this.destroy(err);
  };
  Readable.prototype[Symbol.asyncDispose] = function () {
    let error;
    if (!this.destroyed) {
      error = this.readableEnded ? null : new AbortError();
      this.destroy(error);
    }
    return new Promise((resolve, reject) => eos(this, (err) => (err && err !== error ? reject(err) : resolve(null))));
  };

  Readable.prototype.push = function (chunk, encoding) {
    return readableAddChunk(this, chunk, encoding, false);
  };

  Readable.prototype.unshift = function (chunk, encoding) {
    return readableAddChunk(this, chunk, encoding, true);
  };

  function readableAddChunk(stream, chunk, encoding, addToFront) {
    const state = stream._readableState;
    let err;
    if (!state.objectMode) {
      if (typeof chunk === "string") {
        encoding = encoding || state.defaultEncoding;
        if (state.encoding !== encoding) {
          if (addToFront && state.encoding) {
            // Unshifted text joins a buffer of strings in the stream's encoding.
            chunk = Buffer().from(chunk, encoding).toString(state.encoding);
          } else {
            chunk = Buffer().from(chunk, encoding);
            encoding = "";
          }
        }
      } else if (chunk instanceof Uint8Array && isBuffer(chunk)) {
        encoding = "";
      } else if (ArrayBuffer.isView(chunk)) {
        chunk = toBuffer(chunk);
        encoding = "";
      } else if (chunk != null) {
        err = invalidArgType("chunk", "of type string or an instance of Buffer, TypedArray, or DataView", chunk);
      }
    }

    if (err) {
      errorOrDestroy(stream, err);
      return false;
    } else if (chunk === null) {
      state.reading = false;
      onEofChunk(stream, state);
    } else if (state.objectMode || (chunk && chunk.length > 0)) {
      if (addToFront) {
        if (state.endEmitted) errorOrDestroy(stream, E.unshiftAfterEnd());
        else if (state.destroyed || state.errored) return false;
        else addChunk(stream, state, chunk, true);
      } else if (state.ended) {
        errorOrDestroy(stream, E.pushAfterEof());
      } else if (state.destroyed || state.errored) {
        return false;
      } else {
        state.reading = false;
        if (state.decoder && !encoding) {
          chunk = state.decoder.write(chunk);
          if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
          else maybeReadMore(stream, state);
        } else {
          addChunk(stream, state, chunk, false);
        }
      }
    } else if (!addToFront) {
      state.reading = false;
      maybeReadMore(stream, state);
    }
    // More is welcome below the high water mark, or while nothing is buffered
    // (for highWaterMark 0).
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
  }

  function addChunk(stream, state, chunk, addToFront) {
    if (state.flowing && state.length === 0 && !state.sync && state[kDataListening]) {
      // Straight through: nothing buffered and someone listens.
      if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
      else state.awaitDrainWriters = null;
      state.dataEmitted = true;
      stream.emit("data", chunk);
    } else {
      state.length += state.objectMode ? 1 : chunk.length;
      if (addToFront) state.buffer.unshift(chunk);
      else state.buffer.push(chunk);
      if (state.needReadable) emitReadable(stream);
    }
    maybeReadMore(stream, state);
  }

  Readable.prototype.isPaused = function () {
    const state = this._readableState;
    return state[kPaused] === true || state.flowing === false;
  };

  Readable.prototype.setEncoding = function (enc) {
    const state = this._readableState;
    const decoder = newDecoder(enc);
    state.decoder = decoder;
    // setEncoding(null) means utf8: the decoder knows.
    state.encoding = decoder.encoding;
    let content = "";
    for (const data of state.buffer) content += decoder.write(data);
    state.buffer.length = 0;
    if (content !== "") state.buffer.push(content);
    state.length = content.length;
    return this;
  };

  const MAX_HWM = 0x40000000;
  function computeNewHighWaterMark(n) {
    if (n > MAX_HWM) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "size" is out of range. It must be <= 1GiB. Received ${n}`);
    }
    // The next power of 2, so the mark does not creep up in tiny steps.
    n--;
    n |= n >>> 1;
    n |= n >>> 2;
    n |= n >>> 4;
    n |= n >>> 8;
    n |= n >>> 16;
    return n + 1;
  }

  function howMuchToRead(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) return 0;
    if (state.objectMode) return 1;
    if (Number.isNaN(n)) {
      // Flowing: one chunk at a time.
      if (state.flowing && state.length) return state.buffer[0].length;
      return state.length;
    }
    if (n <= state.length) return n;
    return state.ended ? state.length : 0;
  }

  Readable.prototype.read = function (n) {
    if (n === undefined) n = NaN;
    else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
    const state = this._readableState;
    const nOrig = n;

    if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
    if (n !== 0) state.emittedReadable = false;

    // read(0) with enough buffered (or at the end): just signal 'readable'.
    if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
      if (state.length === 0 && state.ended) endReadable(this);
      else emitReadable(this);
      return null;
    }

    n = howMuchToRead(n, state);

    if (n === 0 && state.ended) {
      if (state.length === 0) endReadable(this);
      return null;
    }

    // Call _read first when the buffer would fall below the mark: a
    // synchronous _read (a PassThrough) may fill it before we take from it.
    let doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
      doRead = false;
    } else if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length === 0) state.needReadable = true;
      try {
        this._read(state.highWaterMark);
      } catch (err) {
        errorOrDestroy(this, err);
      }
      state.sync = false;
      // Pushed synchronously: recompute what can be returned.
      if (!state.reading) n = howMuchToRead(nOrig, state);
    }

    let ret;
    if (n > 0) ret = fromList(n, state);
    else ret = null;

    if (ret === null) {
      state.needReadable = state.length <= state.highWaterMark;
      n = 0;
    } else {
      state.length -= n;
      if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
      else state.awaitDrainWriters = null;
    }

    if (state.length === 0) {
      // Empty: the next chunk must be announced.
      if (!state.ended) state.needReadable = true;
      // Read past EOF: 'end' on the next tick.
      if (nOrig !== n && state.ended) endReadable(this);
    }

    if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
      state.dataEmitted = true;
      this.emit("data", ret);
    }
    return ret;
  };

  function onEofChunk(stream, state) {
    if (state.ended) return;
    if (state.decoder) {
      const chunk = state.decoder.end();
      if (chunk && chunk.length) {
        state.buffer.push(chunk);
        state.length += state.objectMode ? 1 : chunk.length;
      }
    }
    state.ended = true;
    if (state.sync) {
      // Inside read(): 'readable' waits for the next tick.
      emitReadable(stream);
    } else {
      // Packages (dicer...) rely on this 'readable' being synchronous.
      state.needReadable = false;
      state.emittedReadable = true;
      emitReadableNow(stream);
    }
  }

  function emitReadable(stream) {
    const state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      nextTick(emitReadableNow, stream);
    }
  }

  function emitReadableNow(stream) {
    const state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
      stream.emit("readable");
      state.emittedReadable = false;
    }
    // Another 'readable' is due unless flowing, ended, or over the mark.
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
  }

  function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
      state.readingMore = true;
      nextTick(maybeReadMoreNow, stream, state);
    }
  }

  function maybeReadMoreNow(stream, state) {
    // Fill up to the mark (or keep a flowing stream fed), until _read stops
    // answering synchronously.
    while (!state.reading && !state.ended &&
      (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
      const len = state.length;
      stream.read(0);
      if (len === state.length) break;
    }
    state.readingMore = false;
  }

  Readable.prototype._read = function (n) {
    throw E.notImplemented("_read()");
  };

  Readable.prototype.pipe = function (dest, pipeOpts) {
    const src = this;
    const state = this._readableState;

    if (state.pipes.length === 1 && !state.multiAwaitDrain) {
      state.multiAwaitDrain = true;
      state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
    }
    state.pipes.push(dest);

    const doEnd = (!pipeOpts || pipeOpts.end !== false) && !isStdio(dest);
    const endFn = doEnd ? onend : unpipe;
    if (state.endEmitted) nextTick(endFn);
    else src.once("end", endFn);

    dest.on("unpipe", onunpipe);
    function onunpipe(readable, unpipeInfo) {
      if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
        unpipeInfo.hasUnpiped = true;
        cleanup();
      }
    }

    function onend() {
      dest.end();
    }

    let ondrain;
    let cleanedUp = false;
    function cleanup() {
      dest.removeListener("close", onclose);
      dest.removeListener("finish", onfinish);
      if (ondrain) dest.removeListener("drain", ondrain);
      dest.removeListener("error", onerror);
      dest.removeListener("unpipe", onunpipe);
      src.removeListener("end", onend);
      src.removeListener("end", unpipe);
      src.removeListener("data", ondata);
      cleanedUp = true;
      // Waiting on this writer's 'drain' would stall the source forever.
      if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain();
    }

    function pause() {
      // Unpiped during dest.write() (which returned false): do not stay paused.
      if (!cleanedUp) {
        if (state.pipes.length === 1 && state.pipes[0] === dest) {
          state.awaitDrainWriters = dest;
          state.multiAwaitDrain = false;
        } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
          state.awaitDrainWriters.add(dest);
        }
        src.pause();
      }
      if (!ondrain) {
        ondrain = pipeOnDrain(src, dest);
        dest.on("drain", ondrain);
      }
    }

    src.on("data", ondata);
    function ondata(chunk) {
      const ret = dest.write(chunk);
      if (ret === false) pause();
    }

    // A dest error stops the piping, and still throws when nobody listens.
    function onerror(er) {
      unpipe();
      dest.removeListener("error", onerror);
      if (dest.listenerCount("error") === 0) {
        const s = dest._writableState || dest._readableState;
        if (s && !s.errorEmitted) errorOrDestroy(dest, er);
        else dest.emit("error", er);
      }
    }
    prependListener(dest, "error", onerror);

    function onclose() {
      dest.removeListener("finish", onfinish);
      unpipe();
    }
    dest.once("close", onclose);
    function onfinish() {
      dest.removeListener("close", onclose);
      unpipe();
    }
    dest.once("finish", onfinish);

    function unpipe() {
      src.unpipe(dest);
    }

    dest.emit("pipe", src);

    if (dest.writableNeedDrain === true) pause();
    else if (!state.flowing) src.resume();
    return dest;
  };

  function isStdio(dest) {
    return dest != null && dest._isStdio === true;
  }

  function pipeOnDrain(src, dest) {
    return function pipeOnDrainFunctionResult() {
      const state = src._readableState;
      if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
      else if (state.multiAwaitDrain) state.awaitDrainWriters.delete(dest);
      if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount("data")) {
        src.resume();
      }
    };
  }

  Readable.prototype.unpipe = function (dest) {
    const state = this._readableState;
    const unpipeInfo = { hasUnpiped: false };
    if (state.pipes.length === 0) return this;
    if (!dest) {
      const dests = state.pipes;
      state.pipes = [];
      this.pause();
      for (let i = 0; i < dests.length; i++) dests[i].emit("unpipe", this, { hasUnpiped: false });
      return this;
    }
    const index = state.pipes.indexOf(dest);
    if (index === -1) return this;
    state.pipes.splice(index, 1);
    if (state.pipes.length === 0) this.pause();
    dest.emit("unpipe", this, unpipeInfo);
    return this;
  };

  Readable.prototype.on = function (ev, fn) {
    const res = Reflect.apply(Stream.prototype.on, this, [ev, fn]);
    const state = this._readableState;
    if (ev === "data") {
      state[kDataListening] = true;
      // So that resume() below is a no-op under once('readable').
      state.readableListening = this.listenerCount("readable") > 0;
      // Start flowing on the next tick unless explicitly paused.
      if (state.flowing !== false) this.resume();
    } else if (ev === "readable") {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) emitReadable(this);
        else if (!state.reading) nextTick(nReadingNextTick, this);
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;

  Readable.prototype.removeListener = function (ev, fn) {
    const state = this._readableState;
    const res = Reflect.apply(Stream.prototype.removeListener, this, [ev, fn]);
    if (ev === "readable") {
      // After 'readable' was emitted but before I/O, for once('readable') cycles.
      nextTick(updateReadableListening, this);
    } else if (ev === "data" && this.listenerCount("data") === 0) {
      state[kDataListening] = false;
    }
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;

  Readable.prototype.removeAllListeners = function (ev) {
    const res = Reflect.apply(Stream.prototype.removeAllListeners, this, arguments);
    if (ev === "readable" || ev === undefined) nextTick(updateReadableListening, this);
    return res;
  };

  function updateReadableListening(self) {
    const state = self._readableState;
    state.readableListening = self.listenerCount("readable") > 0;
    if (state.resumeScheduled && state[kPaused] === false) {
      // The coming resume must flow.
      state.flowing = true;
    } else if (self.listenerCount("data") > 0) {
      self.resume();
    } else if (!state.readableListening) {
      state.flowing = null;
    }
  }

  function nReadingNextTick(self) {
    self.read(0);
  }

  Readable.prototype.resume = function () {
    const state = this._readableState;
    if (!state.flowing) {
      // Flow only when nobody listens for 'readable'; resume() still counts.
      state.flowing = !state.readableListening;
      resume(this, state);
    }
    state[kPaused] = false;
    return this;
  };

  function resume(stream, state) {
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      nextTick(resumeNow, stream, state);
    }
  }

  function resumeNow(stream, state) {
    if (!state.reading) stream.read(0);
    state.resumeScheduled = false;
    stream.emit("resume");
    flow(stream);
    if (state.flowing && !state.reading) stream.read(0);
  }

  Readable.prototype.pause = function () {
    const state = this._readableState;
    if (state.flowing !== false) {
      state.flowing = false;
      this.emit("pause");
    }
    state[kPaused] = true;
    return this;
  };

  function flow(stream) {
    const state = stream._readableState;
    while (state.flowing && stream.read() !== null);
  }

  // Wraps an old-style stream (data/end events) as this Readable's source.
  Readable.prototype.wrap = function (stream) {
    let paused = false;
    stream.on("data", (chunk) => {
      if (!this.push(chunk) && stream.pause) {
        paused = true;
        stream.pause();
      }
    });
    stream.on("end", () => this.push(null));
    stream.on("error", (err) => errorOrDestroy(this, err));
    stream.on("close", () => this.destroy());
    stream.on("destroy", () => this.destroy());
    this._read = () => {
      if (paused && stream.resume) {
        paused = false;
        stream.resume();
      }
    };
    const keys = Object.keys(stream);
    for (let j = 1; j < keys.length; j++) {
      const i = keys[j];
      if (this[i] === undefined && typeof stream[i] === "function") this[i] = stream[i].bind(stream);
    }
    return this;
  };

  Readable.prototype[Symbol.asyncIterator] = function () {
    return streamToAsyncIterator(this);
  };

  Readable.prototype.iterator = function (options) {
    if (options !== undefined) checkObject(options, "options");
    return streamToAsyncIterator(this, options);
  };

  function streamToAsyncIterator(stream, options) {
    if (typeof stream.read !== "function") stream = Readable.wrap(stream, { objectMode: true });
    const iter = createAsyncIterator(stream, options);
    iter.stream = stream;
    return iter;
  }

  async function* createAsyncIterator(stream, options) {
    let callback = nop;
    function next(resolve) {
      if (this === stream) {
        callback();
        callback = nop;
      } else {
        callback = resolve;
      }
    }
    stream.on("readable", next);
    let error;
    const cleanup = eos(stream, { writable: false }, (err) => {
      error = err ? aggregateTwoErrors(error, err) : null;
      callback();
      callback = nop;
    });
    try {
      while (true) {
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) yield chunk;
        else if (error) throw error;
        else if (error === null) return;
        else await new Promise(next);
      }
    } catch (err) {
      error = aggregateTwoErrors(error, err);
      throw error;
    } finally {
      if ((error || options?.destroyOnReturn !== false) && (error === undefined || stream._readableState.autoDestroy)) {
        destroyer(stream, null);
      } else {
        stream.off("readable", next);
        cleanup();
      }
    }
  }

  const readableAccessors = {
    readable: {
      get() {
        const r = this._readableState;
        // readable === false: a Duplex created with { readable: false }.
        return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
      },
      set(val) {
        if (this._readableState) this._readableState.readable = !!val;
      },
    },
    readableDidRead: {
      enumerable: false,
      get() {
        return this._readableState.dataEmitted;
      },
    },
    readableAborted: {
      enumerable: false,
      get() {
        return !!(this._readableState.readable !== false &&
          (this._readableState.destroyed || this._readableState.errored) && !this._readableState.endEmitted);
      },
    },
    readableHighWaterMark: {
      enumerable: false,
      get() {
        return this._readableState.highWaterMark;
      },
    },
    readableBuffer: {
      enumerable: false,
      get() {
        return this._readableState && this._readableState.buffer;
      },
    },
    readableFlowing: {
      enumerable: false,
      get() {
        return this._readableState.flowing;
      },
      set(state) {
        if (this._readableState) this._readableState.flowing = state;
      },
    },
    readableLength: {
      enumerable: false,
      get() {
        return this._readableState.length;
      },
    },
    readableObjectMode: {
      enumerable: false,
      get() {
        return this._readableState ? this._readableState.objectMode : false;
      },
    },
    readableEncoding: {
      enumerable: false,
      get() {
        return this._readableState ? this._readableState.encoding : null;
      },
    },
    errored: {
      enumerable: false,
      get() {
        return this._readableState ? this._readableState.errored : null;
      },
    },
    closed: {
      get() {
        return this._readableState ? this._readableState.closed : false;
      },
    },
    destroyed: {
      enumerable: false,
      get() {
        return this._readableState ? this._readableState.destroyed : false;
      },
      set(value) {
        if (!this._readableState) return;
        this._readableState.destroyed = value;
      },
    },
    readableEnded: {
      enumerable: false,
      get() {
        return this._readableState ? this._readableState.endEmitted : false;
      },
    },
  };
  Object.defineProperties(Readable.prototype, readableAccessors);

  // Takes n bytes (or one object) from the buffer list.
  function fromList(n, state) {
    if (state.length === 0) return null;
    const buf = state.buffer;
    let ret;
    if (state.objectMode) {
      ret = buf.shift();
    } else if (!n || n >= state.length) {
      // All of it.
      if (state.decoder) ret = buf.join("");
      else if (buf.length === 1) ret = buf[0];
      else ret = Buffer().concat(buf, state.length);
      buf.length = 0;
    } else if (n < buf[0].length) {
      // `slice` is the same for buffers and strings.
      ret = buf[0].slice(0, n);
      buf[0] = buf[0].slice(n);
    } else if (n === buf[0].length) {
      ret = buf.shift();
    } else if (state.decoder) {
      ret = "";
      while (buf.length > 0) {
        const str = buf[0];
        if (n > str.length) {
          ret += str;
          n -= str.length;
          buf.shift();
        } else {
          if (n === str.length) {
            ret += str;
            buf.shift();
          } else {
            ret += str.slice(0, n);
            buf[0] = str.slice(n);
          }
          break;
        }
      }
    } else {
      ret = Buffer().allocUnsafe(n);
      const total = n;
      while (buf.length > 0) {
        const data = buf[0];
        if (n > data.length) {
          ret.set(data, total - n);
          n -= data.length;
          buf.shift();
        } else {
          if (n === data.length) {
            ret.set(data, total - n);
            buf.shift();
          } else {
            ret.set(data.subarray(0, n), total - n);
            buf[0] = data.subarray(n);
          }
          break;
        }
      }
    }
    return ret;
  }
  Readable._fromList = fromList;

  function endReadable(stream) {
    const state = stream._readableState;
    if (!state.endEmitted) {
      state.ended = true;
      nextTick(endReadableNT, state, stream);
    }
  }

  function endReadableNT(state, stream) {
    // Not after a last-moment unshift, an error or a close.
    if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
      state.endEmitted = true;
      stream.emit("end");
      if (stream.writable && stream.allowHalfOpen === false) {
        nextTick(endWritableNT, stream);
      } else if (state.autoDestroy) {
        // A Duplex destroys itself once its writable side has finished too.
        const wState = stream._writableState;
        const autoDestroy = !wState || (wState.autoDestroy && (wState.finished || wState.writable === false));
        if (autoDestroy) stream.destroy();
      }
    }
  }

  function endWritableNT(stream) {
    const writable = stream.writable && !stream.writableEnded && !stream.destroyed;
    if (writable) stream.end();
  }

  Readable.from = function (iterable, opts) {
    return from(Readable, iterable, opts);
  };

  Readable.wrap = function (src, options) {
    return new Readable({
      objectMode: src.readableObjectMode ?? src.objectMode ?? true,
      ...options,
      destroy(err, callback) {
        destroyer(src, err);
        callback(err);
      },
    }).wrap(src);
  };

  function from(ReadableClass, iterable, opts) {
    if (typeof iterable === "string" || isBuffer(iterable)) {
      return new ReadableClass({
        objectMode: true,
        ...opts,
        read() {
          this.push(iterable);
          this.push(null);
        },
      });
    }
    let isAsync;
    let iterator;
    if (iterable && iterable[Symbol.asyncIterator]) {
      isAsync = true;
      iterator = iterable[Symbol.asyncIterator]();
    } else if (iterable && iterable[Symbol.iterator]) {
      isAsync = false;
      iterator = iterable[Symbol.iterator]();
    } else {
      throw invalidArgType("iterable", "an instance of Iterable", iterable);
    }

    const readable = new ReadableClass({ objectMode: true, highWaterMark: 1, ...opts });
    let reading = false;
    readable._read = function () {
      if (!reading) {
        reading = true;
        next();
      }
    };
    readable._destroy = function (error, cb) {
      close(error).then(() => nextTick(cb, error), (e) => nextTick(cb, e || error));
    };

    async function close(error) {
      const hadError = error !== undefined && error !== null;
      const hasThrow = typeof iterator.throw === "function";
      if (hadError && hasThrow) {
        const { value, done } = await iterator.throw(error);
        await value;
        if (done) return;
      }
      if (typeof iterator.return === "function") {
        const { value } = await iterator.return();
        await value;
      }
    }

    async function next() {
      for (;;) {
        try {
          const { value, done } = isAsync ? await iterator.next() : iterator.next();
          if (done) {
            readable.push(null);
          } else {
            const res = value && typeof value.then === "function" ? await value : value;
            if (res === null) {
              reading = false;
              throw E.nullValues();
            } else if (readable.push(res)) {
              continue;
            } else {
              reading = false;
            }
          }
        } catch (err) {
          readable.destroy(err);
        }
        break;
      }
    }
    return readable;
  }

  // --- Writable --------------------------------------------------------------

  function WritableState(options, stream, isDuplex) {
    this.objectMode = !!(options && (options.objectMode || (isDuplex && options.writableObjectMode)));
    this.highWaterMark = options
      ? getHighWaterMark(this, options, "writableHighWaterMark", isDuplex)
      : getDefaultHighWaterMark(false);
    this.finalCalled = false;
    this.needDrain = false;
    // end() called / returned / 'finish' emitted.
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    this.decodeStrings = !(options && options.decodeStrings === false);
    const defaultEncoding = options ? options.defaultEncoding : null;
    if (defaultEncoding == null || defaultEncoding === "utf8" || defaultEncoding === "utf-8") {
      this.defaultEncoding = "utf8";
    } else if (isEncoding(defaultEncoding)) {
      this.defaultEncoding = defaultEncoding;
    } else {
      throw E.unknownEncoding(defaultEncoding);
    }
    // Bytes (or objects) handed to write() and not yet written out.
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.sync = true;
    this.bufferProcessing = false;
    this.onwrite = onwrite.bind(undefined, stream);
    this.writecb = null;
    this.writelen = 0;
    this.afterWriteTickInfo = null;
    this.afterWritePending = false;
    resetBuffer(this);
    // User write callbacks still pending: 'finish' waits for 0.
    this.pendingcb = 0;
    this.constructed = true;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this[kOnFinished] = [];
  }

  function resetBuffer(state) {
    state.buffered = [];
    state.bufferedIndex = 0;
    state.allBuffers = true;
    state.allNoop = true;
  }

  WritableState.prototype.getBuffer = function getBuffer() {
    return this.buffered.slice(this.bufferedIndex);
  };

  Object.defineProperty(WritableState.prototype, "bufferedRequestCount", {
    get() {
      return this.buffered.length - this.bufferedIndex;
    },
  });

  function Writable(options) {
    // Duplex inherits from Readable, yet instanceof Writable must hold.
    const isDuplex = this instanceof Duplex;
    if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) return new Writable(options);
    this._events ??= { close: undefined, error: undefined, prefinish: undefined, finish: undefined, drain: undefined };
    this._writableState = new WritableState(options, this, isDuplex);
    if (options) {
      if (typeof options.write === "function") this._write = options.write;
      if (typeof options.writev === "function") this._writev = options.writev;
      if (typeof options.destroy === "function") this._destroy = options.destroy;
      if (typeof options.final === "function") this._final = options.final;
      if (typeof options.construct === "function") this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    construct(this, () => {
      const state = this._writableState;
      if (!state.writing) clearBuffer(this, state);
      finishMaybe(this, state);
    });
  }
  Object.setPrototypeOf(Writable.prototype, Stream.prototype);
  Object.setPrototypeOf(Writable, Stream);
  Writable.WritableState = WritableState;

  Object.defineProperty(Writable, Symbol.hasInstance, {
    value: function (object) {
      if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
      if (this !== Writable) return false;
      return !!(object && object._writableState instanceof WritableState);
    },
  });

  // Piping from a Writable is a mistake.
  Writable.prototype.pipe = function () {
    errorOrDestroy(this, E.cannotPipe());
  };

  function writeImpl(stream, chunk, encoding, cb) {
    const state = stream._writableState;
    if (typeof encoding === "function") {
      cb = encoding;
      encoding = state.defaultEncoding;
    } else {
      if (!encoding) encoding = state.defaultEncoding;
      else if (encoding !== "buffer" && !isEncoding(encoding)) throw E.unknownEncoding(encoding);
      if (typeof cb !== "function") cb = nop;
    }

    if (chunk === null) throw E.nullValues();
    if (!state.objectMode) {
      if (typeof chunk === "string") {
        if (state.decodeStrings !== false) {
          chunk = Buffer().from(chunk, encoding);
          encoding = "buffer";
        }
      } else if (chunk instanceof Uint8Array && isBuffer(chunk)) {
        encoding = "buffer";
      } else if (ArrayBuffer.isView(chunk)) {
        chunk = toBuffer(chunk);
        encoding = "buffer";
      } else {
        throw invalidArgType("chunk", "of type string or an instance of Buffer, TypedArray, or DataView", chunk);
      }
    }

    let err;
    if (state.ending) err = E.writeAfterEnd();
    else if (state.destroyed) err = E.destroyed("write");

    if (err) {
      nextTick(cb, err);
      errorOrDestroy(stream, err, true);
      return err;
    }
    state.pendingcb++;
    return writeOrBuffer(stream, state, chunk, encoding, cb);
  }

  Writable.prototype.write = function (chunk, encoding, cb) {
    return writeImpl(this, chunk, encoding, cb) === true;
  };

  Writable.prototype.cork = function () {
    this._writableState.corked++;
  };

  Writable.prototype.uncork = function () {
    const state = this._writableState;
    if (state.corked) {
      state.corked--;
      if (!state.writing) clearBuffer(this, state);
    }
  };

  Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
    if (typeof encoding === "string") encoding = encoding.toLowerCase();
    if (!isEncoding(encoding)) throw E.unknownEncoding(encoding);
    this._writableState.defaultEncoding = encoding;
    return this;
  };

  // Writes now, or queues behind the write in progress; false asks for 'drain'.
  function writeOrBuffer(stream, state, chunk, encoding, callback) {
    const len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    const ret = state.length < state.highWaterMark;
    if (!ret) state.needDrain = true;

    if (state.writing || state.corked || state.errored || !state.constructed) {
      state.buffered.push({ chunk, encoding, callback });
      if (state.allBuffers && encoding !== "buffer") state.allBuffers = false;
      if (state.allNoop && callback !== nop) state.allNoop = false;
    } else {
      state.writelen = len;
      state.writecb = callback;
      state.writing = true;
      state.sync = true;
      stream._write(chunk, encoding, state.onwrite);
      state.sync = false;
    }
    // false when errored or destroyed, to stop `while (w.write(x))` loops.
    return ret && !state.errored && !state.destroyed;
  }

  function doWrite(stream, state, writev, len, chunk, encoding, cb) {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) state.onwrite(E.destroyed("write"));
    else if (writev) stream._writev(chunk, state.onwrite);
    else stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }

  function onwriteError(stream, state, er, cb) {
    --state.pendingcb;
    cb(er);
    // Callbacks of buffered writes run even without autoDestroy.
    errorBuffer(state);
    // The error event follows the callback.
    errorOrDestroy(stream, er);
  }

  function onwrite(stream, er) {
    const state = stream._writableState;
    const sync = state.sync;
    const cb = state.writecb;
    if (typeof cb !== "function") {
      errorOrDestroy(stream, E.multipleCallback());
      return;
    }
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;

    if (er) {
      if (!state.errored) state.errored = er;
      // A Duplex's readable side learns of it too.
      if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
      if (sync) nextTick(onwriteError, stream, state, er, cb);
      else onwriteError(stream, state, er, cb);
    } else {
      if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
      if (sync) {
        // Callbacks of synchronous writes run on the next tick, batched
        // when the same callback repeats; with no callback and no 'drain'
        // due, there is nothing to defer.
        const needDrain = state.needDrain && state.length === 0;
        const needTick = needDrain || state.destroyed || cb !== nop;
        if (cb === nop) {
          if (!state.afterWritePending && needTick) {
            nextTick(afterWrite, stream, state, 1, cb);
            state.afterWritePending = true;
          } else {
            state.pendingcb--;
            if (state.ending) finishMaybe(stream, state, true);
          }
        } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
          state.afterWriteTickInfo.count++;
        } else {
          state.afterWriteTickInfo = { count: 1, cb, stream, state };
          nextTick(afterWriteTick, state.afterWriteTickInfo);
          state.afterWritePending = true;
        }
      } else {
        afterWrite(stream, state, 1, cb);
      }
    }
  }

  function afterWriteTick({ stream, state, count, cb }) {
    state.afterWriteTickInfo = null;
    return afterWrite(stream, state, count, cb);
  }

  function afterWrite(stream, state, count, cb) {
    state.afterWritePending = false;
    const needDrain = !state.ending && !state.destroyed && state.length === 0 && state.needDrain;
    if (needDrain) {
      state.needDrain = false;
      stream.emit("drain");
    }
    while (count-- > 0) {
      state.pendingcb--;
      cb(null);
    }
    if (state.destroyed) errorBuffer(state);
    if (state.ending) finishMaybe(stream, state, true);
  }

  // A destroyed or errored stream fails the writes still queued.
  function errorBuffer(state) {
    if (state.writing) return;
    for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
      const { chunk, callback } = state.buffered[n];
      const len = state.objectMode ? 1 : chunk.length;
      state.length -= len;
      callback(state.errored ?? E.destroyed("write"));
    }
    const onfinishCallbacks = state[kOnFinished].splice(0);
    for (let i = 0; i < onfinishCallbacks.length; i++) {
      onfinishCallbacks[i](state.errored ?? E.destroyed("end"));
    }
    resetBuffer(state);
  }

  function clearBuffer(stream, state) {
    if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
    const { buffered, bufferedIndex, objectMode } = state;
    const bufferedLength = buffered.length - bufferedIndex;
    if (!bufferedLength) return;
    let i = bufferedIndex;
    state.bufferProcessing = true;
    if (bufferedLength > 1 && stream._writev) {
      state.pendingcb -= bufferedLength - 1;
      const callback = state.allNoop ? nop : (err) => {
        for (let n = i; n < buffered.length; ++n) buffered[n].callback(err);
      };
      const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
      chunks.allBuffers = state.allBuffers;
      doWrite(stream, state, true, state.length, chunks, "", callback);
      resetBuffer(state);
    } else {
      do {
        const { chunk, encoding, callback } = buffered[i];
        buffered[i++] = null;
        const len = objectMode ? 1 : chunk.length;
        doWrite(stream, state, false, len, chunk, encoding, callback);
      } while (i < buffered.length && !state.writing);
      if (i === buffered.length) {
        resetBuffer(state);
      } else if (i > 256) {
        buffered.splice(0, i);
        state.bufferedIndex = 0;
      } else {
        state.bufferedIndex = i;
      }
    }
    state.bufferProcessing = false;
  }

  Writable.prototype._write = function (chunk, encoding, cb) {
    if (this._writev) this._writev([{ chunk, encoding }], cb);
    else throw E.notImplemented("_write()");
  };

  Writable.prototype._writev = null;

  Writable.prototype.end = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === "function") {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === "function") {
      cb = encoding;
      encoding = null;
    }

    let err;
    if (chunk !== null && chunk !== undefined) {
      const ret = writeImpl(this, chunk, encoding);
      if (ret instanceof Error) err = ret;
    }

    // end() uncorks fully.
    if (state.corked) {
      state.corked = 1;
      this.uncork();
    }

    if (err) {
      // Reported by the write.
    } else if (!state.errored && !state.ending) {
      // Forgiving: a second end() is no error unless finished or destroyed.
      state.ending = true;
      finishMaybe(this, state, true);
      state.ended = true;
    } else if (state.finished) {
      err = E.alreadyFinished("end");
    } else if (state.destroyed) {
      err = E.destroyed("end");
    }

    if (typeof cb === "function") {
      if (err) nextTick(cb, err);
      else if (state.errored) nextTick(cb, state.errored);
      else if (state.finished) nextTick(cb, null);
      else state[kOnFinished].push(cb);
    }
    return this;
  };

  function needFinish(state) {
    return (
      state.ending &&
      !state.destroyed &&
      state.constructed &&
      state.length === 0 &&
      !state.errored &&
      state.buffered.length === 0 &&
      !state.finished &&
      !state.writing &&
      !state.errorEmitted &&
      !state.closeEmitted
    );
  }

  function callFinal(stream, state) {
    let called = false;
    function onFinish(err) {
      if (called) {
        errorOrDestroy(stream, err ?? E.multipleCallback());
        return;
      }
      called = true;
      state.pendingcb--;
      if (err) {
        const onfinishCallbacks = state[kOnFinished].splice(0);
        for (let i = 0; i < onfinishCallbacks.length; i++) onfinishCallbacks[i](err);
        errorOrDestroy(stream, err, state.sync);
      } else if (needFinish(state)) {
        state.prefinished = true;
        stream.emit("prefinish");
        // Some streams expect 'finish' after _final's callback, never in it.
        state.pendingcb++;
        nextTick(finish, stream, state);
      }
    }
    state.sync = true;
    state.pendingcb++;
    try {
      stream._final(onFinish);
    } catch (err) {
      onFinish(err);
    }
    state.sync = false;
  }

  function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
      if (typeof stream._final === "function" && !state.destroyed) {
        state.finalCalled = true;
        callFinal(stream, state);
      } else {
        state.prefinished = true;
        stream.emit("prefinish");
      }
    }
  }

  function finishMaybe(stream, state, sync) {
    if (needFinish(state)) {
      prefinish(stream, state);
      if (state.pendingcb === 0) {
        if (sync) {
          state.pendingcb++;
          nextTick((stream, state) => {
            if (needFinish(state)) finish(stream, state);
            else state.pendingcb--;
          }, stream, state);
        } else if (needFinish(state)) {
          state.pendingcb++;
          finish(stream, state);
        }
      }
    }
  }

  function finish(stream, state) {
    state.pendingcb--;
    state.finished = true;
    const onfinishCallbacks = state[kOnFinished].splice(0);
    for (let i = 0; i < onfinishCallbacks.length; i++) onfinishCallbacks[i](null);
    stream.emit("finish");
    if (state.autoDestroy) {
      // A Duplex destroys itself once its readable side has ended too.
      const rState = stream._readableState;
      const autoDestroy = !rState || (rState.autoDestroy && (rState.endEmitted || rState.readable === false));
      if (autoDestroy) stream.destroy();
    }
  }

  const writableAccessors = {
    closed: {
      get() {
        return this._writableState ? this._writableState.closed : false;
      },
    },
    destroyed: {
      get() {
        return this._writableState ? this._writableState.destroyed : false;
      },
      set(value) {
        if (this._writableState) this._writableState.destroyed = value;
      },
    },
    writable: {
      get() {
        const w = this._writableState;
        // writable === false: a Duplex created with { writable: false }.
        return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
      },
      set(val) {
        if (this._writableState) this._writableState.writable = !!val;
      },
    },
    writableFinished: {
      get() {
        return this._writableState ? this._writableState.finished : false;
      },
    },
    writableObjectMode: {
      get() {
        return this._writableState ? this._writableState.objectMode : false;
      },
    },
    writableBuffer: {
      get() {
        return this._writableState && this._writableState.getBuffer();
      },
    },
    writableEnded: {
      get() {
        return this._writableState ? this._writableState.ending : false;
      },
    },
    writableNeedDrain: {
      get() {
        const wState = this._writableState;
        if (!wState) return false;
        return !wState.destroyed && !wState.ending && wState.needDrain;
      },
    },
    writableHighWaterMark: {
      get() {
        return this._writableState && this._writableState.highWaterMark;
      },
    },
    writableCorked: {
      get() {
        return this._writableState ? this._writableState.corked : 0;
      },
    },
    writableLength: {
      get() {
        return this._writableState && this._writableState.length;
      },
    },
    errored: {
      enumerable: false,
      get() {
        return this._writableState ? this._writableState.errored : null;
      },
    },
    writableAborted: {
      enumerable: false,
      get() {
        return !!(this._writableState.writable !== false &&
          (this._writableState.destroyed || this._writableState.errored) && !this._writableState.finished);
      },
    },
  };
  Object.defineProperties(Writable.prototype, writableAccessors);

  Writable.prototype.destroy = function (err, cb) {
    const state = this._writableState;
    // Fail the pending callbacks.
    if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) {
      nextTick(errorBuffer, state);
    }
    Reflect.apply(destroy, this, [err, cb]);
    return this;
  };
  Writable.prototype._undestroy = undestroy;
  Writable.prototype._destroy = function (err, cb) {
    cb(err);
  };
  Writable.prototype[EE.captureRejectionSymbol] = function (err) {
    this.destroy(err);
  };

  // --- Duplex, Transform, PassThrough -------------------------------------------

  function Duplex(options) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    this._events ??= {
      close: undefined, error: undefined, prefinish: undefined, finish: undefined, drain: undefined,
      data: undefined, end: undefined, readable: undefined,
    };
    this._readableState = new ReadableState(options, this, true);
    this._writableState = new WritableState(options, this, true);
    if (options) {
      this.allowHalfOpen = options.allowHalfOpen !== false;
      if (options.readable === false) {
        this._readableState.readable = false;
        this._readableState.ended = true;
        this._readableState.endEmitted = true;
      }
      if (options.writable === false) {
        this._writableState.writable = false;
        this._writableState.ending = true;
        this._writableState.ended = true;
        this._writableState.finished = true;
      }
      if (typeof options.read === "function") this._read = options.read;
      if (typeof options.write === "function") this._write = options.write;
      if (typeof options.writev === "function") this._writev = options.writev;
      if (typeof options.destroy === "function") this._destroy = options.destroy;
      if (typeof options.final === "function") this._final = options.final;
      if (typeof options.construct === "function") this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    } else {
      this.allowHalfOpen = true;
    }
    Stream.call(this, options);
    construct(this, () => {
      const r = this._readableState;
      if (r.needReadable) maybeReadMore(this, r);
      const w = this._writableState;
      if (!w.writing) clearBuffer(this, w);
      finishMaybe(this, w);
    });
  }
  Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
  Object.setPrototypeOf(Duplex, Readable);

  for (const method of Object.keys(Writable.prototype)) {
    if (!Duplex.prototype[method]) Duplex.prototype[method] = Writable.prototype[method];
  }
  for (const name of ["write", "cork", "uncork", "setDefaultEncoding", "end", "_write"]) {
    Duplex.prototype[name] = Writable.prototype[name];
  }
  Duplex.prototype._writev = null;
  {
    const { writable, writableHighWaterMark, writableObjectMode, writableBuffer, writableLength, writableFinished,
      writableCorked, writableEnded, writableNeedDrain } = writableAccessors;
    Object.defineProperties(Duplex.prototype, {
      writable, writableHighWaterMark, writableObjectMode, writableBuffer, writableLength, writableFinished,
      writableCorked, writableEnded, writableNeedDrain,
      destroyed: {
        get() {
          if (this._readableState === undefined || this._writableState === undefined) return false;
          return this._readableState.destroyed && this._writableState.destroyed;
        },
        set(value) {
          if (this._readableState && this._writableState) {
            this._readableState.destroyed = value;
            this._writableState.destroyed = value;
          }
        },
      },
    });
  }
  Duplex.prototype.destroy = Writable.prototype.destroy;

  function Transform(options) {
    if (!(this instanceof Transform)) return new Transform(options);
    // A readable mark of 0 must not buffer twice (writable side too).
    const readableHighWaterMark = options ? getHighWaterMark(this, options, "readableHighWaterMark", true) : null;
    if (readableHighWaterMark === 0) {
      options = {
        ...options,
        highWaterMark: null,
        readableHighWaterMark,
        writableHighWaterMark: options.writableHighWaterMark || 0,
      };
    }
    Reflect.apply(Duplex, this, [options]);
    // _read is ours and ready: no need to defer the first 'readable'.
    this._readableState.sync = false;
    this[kCallback] = null;
    if (options) {
      if (typeof options.transform === "function") this._transform = options.transform;
      if (typeof options.flush === "function") this._flush = options.flush;
    }
    // Flushing on 'prefinish' (not _final) keeps subclasses that define
    // their own _final working, as Node does.
    this.on("prefinish", transformPrefinish);
  }
  Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
  Object.setPrototypeOf(Transform, Duplex);

  function transformFinal(cb) {
    if (typeof this._flush === "function" && !this.destroyed) {
      this._flush((er, data) => {
        if (er) {
          if (cb) cb(er);
          else this.destroy(er);
          return;
        }
        if (data != null) this.push(data);
        this.push(null);
        if (cb) cb();
      });
    } else {
      this.push(null);
      if (cb) cb();
    }
  }

  function transformPrefinish() {
    if (this._final !== transformFinal) transformFinal.call(this);
  }

  Transform.prototype._final = transformFinal;

  Transform.prototype._transform = function (chunk, encoding, callback) {
    throw E.notImplemented("_transform()");
  };

  Transform.prototype._write = function (chunk, encoding, callback) {
    const rState = this._readableState;
    const wState = this._writableState;
    const length = rState.length;
    this._transform(chunk, encoding, (err, val) => {
      if (err) {
        callback(err);
        return;
      }
      if (val != null) this.push(val);
      if (rState.ended) {
        // After push(null) the new state must settle first.
        nextTick(callback);
      } else if (wState.ended || length === rState.length || rState.length < rState.highWaterMark) {
        callback();
      } else {
        this[kCallback] = callback;
      }
    });
  };

  Transform.prototype._read = function () {
    if (this[kCallback]) {
      const callback = this[kCallback];
      this[kCallback] = null;
      callback();
    }
  };

  function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    Reflect.apply(Transform, this, [options]);
  }
  Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
  Object.setPrototypeOf(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, encoding, cb) {
    cb(null, chunk);
  };

  // --- addAbortSignal ----------------------------------------------------------

  function addAbortSignal(signal, stream) {
    if (signal === null || typeof signal !== "object" || !("aborted" in signal)) {
      throw invalidArgType("signal", "an instance of AbortSignal", signal);
    }
    if (!isNodeStream(stream) && !isWebStream(stream)) {
      throw invalidArgType("stream", "an instance of ReadableStream, WritableStream, or Stream", stream);
    }
    const onAbort = () => {
      const err = new AbortError(undefined, { cause: signal.reason });
      if (isNodeStream(stream)) stream.destroy(err);
      else if (isReadableStream(stream)) stream.cancel(err).catch(nop);
      else stream.abort(err).catch(nop);
    };
    if (signal.aborted) {
      onAbort();
    } else {
      signal.addEventListener("abort", onAbort, { once: true });
      if (isNodeStream(stream)) eos(stream, () => signal.removeEventListener("abort", onAbort));
    }
    return stream;
  }

  // --- pipeline ---------------------------------------------------------------

  function popCallback(streams) {
    checkFunction(streams[streams.length - 1], "streams[stream.length - 1]");
    return streams.pop();
  }

  function pipeline(...streams) {
    return pipelineImpl(streams, once(popCallback(streams)));
  }

  function pipelineDestroyer(stream, reading, writing) {
    let finished = false;
    stream.on("close", () => {
      finished = true;
    });
    const cleanup = eos(stream, { readable: reading, writable: writing }, (err) => {
      finished = !err;
    });
    return {
      destroy: (err) => {
        if (finished) return;
        finished = true;
        destroyer(stream, err || E.destroyed("pipe"));
      },
      cleanup,
    };
  }

  function makeAsyncIterable(val) {
    if (isIterable(val)) return val;
    if (isReadableNodeStream(val)) return fromReadable(val);
    throw invalidArgType("val", "an instance of Readable, Iterable, or AsyncIterable", val);
  }

  async function* fromReadable(val) {
    yield* Readable.prototype[Symbol.asyncIterator].call(val);
  }

  // Writes what an (async) iterable yields into a Node writable.
  async function pumpToNode(iterable, writable, finish, { end }) {
    let error;
    let onresolve = null;
    const resume = (err) => {
      if (err) error = err;
      if (onresolve) {
        const callback = onresolve;
        onresolve = null;
        callback();
      }
    };
    const wait = () => new Promise((resolve, reject) => {
      if (error) {
        reject(error);
      } else {
        onresolve = () => {
          if (error) reject(error);
          else resolve();
        };
      }
    });
    writable.on("drain", resume);
    const cleanup = eos(writable, { readable: false }, resume);
    try {
      if (writable.writableNeedDrain) await wait();
      for await (const chunk of iterable) {
        if (!writable.write(chunk)) await wait();
      }
      if (end) {
        writable.end();
        await wait();
      }
      finish();
    } catch (err) {
      finish(error !== err ? aggregateTwoErrors(error, err) : err);
    } finally {
      cleanup();
      writable.off("drain", resume);
    }
  }

  async function pumpToWeb(readable, writable, finish, { end }) {
    if (isTransformStream(writable)) writable = writable.writable;
    const writer = writable.getWriter();
    try {
      for await (const chunk of readable) {
        await writer.ready;
        writer.write(chunk).catch(nop);
      }
      await writer.ready;
      if (end) await writer.close();
      finish();
    } catch (err) {
      try {
        await writer.abort(err);
        finish(err);
      } catch (err2) {
        finish(err2);
      }
    }
  }

  function pipelineImpl(streams, callback, opts) {
    if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
    if (streams.length < 2) throw E.missingArgs("streams");

    const ac = new AbortController();
    const signal = ac.signal;
    const outerSignal = opts?.signal;
    const lastStreamCleanup = [];
    checkAbortSignal(outerSignal, "options.signal");

    function abort() {
      finishImpl(new AbortError(undefined, { cause: outerSignal?.reason }));
    }
    outerSignal?.addEventListener("abort", abort);

    let error;
    let value;
    const destroys = [];
    let finishCount = 0;

    function finish(err) {
      finishImpl(err, --finishCount === 0);
    }

    function finishOnlyHandleError(err) {
      finishImpl(err, false);
    }

    function finishImpl(err, final) {
      if (err && (!error || error.code === "ERR_STREAM_PREMATURE_CLOSE")) error = err;
      if (!error && !final) return;
      while (destroys.length) destroys.shift()(error);
      outerSignal?.removeEventListener("abort", abort);
      ac.abort();
      if (final) {
        if (!error) lastStreamCleanup.forEach((fn) => fn());
        nextTick(callback, error, value);
      }
    }

    let ret;
    for (let i = 0; i < streams.length; i++) {
      const stream = streams[i];
      const reading = i < streams.length - 1;
      const writing = i > 0;
      const end = reading || opts?.end !== false;
      const isLastStream = i === streams.length - 1;

      if (isNodeStream(stream)) {
        if (end) {
          const { destroy, cleanup } = pipelineDestroyer(stream, reading, writing);
          destroys.push(destroy);
          if (isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup);
        }
        // Errors after the piping is done.
        function onError(err) {
          if (err && err.name !== "AbortError" && err.code !== "ERR_STREAM_PREMATURE_CLOSE") finish(err);
        }
        stream.on("error", onError);
        if (isReadable(stream) && isLastStream) lastStreamCleanup.push(() => stream.removeListener("error", onError));
      }

      if (i === 0) {
        if (typeof stream === "function") {
          ret = stream({ signal });
          if (!isIterable(ret)) throw E.invalidReturn("Iterable, AsyncIterable or Stream", "source", ret);
        } else if (isIterable(stream) || isReadableNodeStream(stream) || isTransformStream(stream)) {
          ret = stream;
        } else {
          ret = Duplex.from(stream);
        }
      } else if (typeof stream === "function") {
        if (isTransformStream(ret)) ret = makeAsyncIterable(ret?.readable);
        else ret = makeAsyncIterable(ret);
        ret = stream(ret, { signal });
        if (reading) {
          if (!isIterable(ret, true)) throw E.invalidReturn("AsyncIterable", `transform[${i - 1}]`, ret);
        } else {
          // The last stage is a function: a PassThrough stands for its result
          // so the pipeline still returns a stream.
          const pt = new PassThrough({ objectMode: true });
          const then = ret?.then;
          if (typeof then === "function") {
            finishCount++;
            then.call(ret, (val) => {
              value = val;
              if (val != null) pt.write(val);
              if (end) pt.end();
              nextTick(finish);
            }, (err) => {
              pt.destroy(err);
              nextTick(finish, err);
            });
          } else if (isIterable(ret, true)) {
            finishCount++;
            pumpToNode(ret, pt, finish, { end });
          } else if (isReadableStream(ret) || isTransformStream(ret)) {
            const toRead = ret.readable || ret;
            finishCount++;
            pumpToNode(toRead, pt, finish, { end });
          } else {
            throw E.invalidReturn("AsyncIterable or Promise", "destination", ret);
          }
          ret = pt;
          const { destroy, cleanup } = pipelineDestroyer(ret, false, true);
          destroys.push(destroy);
          if (isLastStream) lastStreamCleanup.push(cleanup);
        }
      } else if (isNodeStream(stream)) {
        if (isReadableNodeStream(ret)) {
          finishCount += 2;
          const cleanup = pipe(ret, stream, finish, finishOnlyHandleError, { end });
          if (isReadable(stream) && isLastStream) lastStreamCleanup.push(cleanup);
        } else if (isTransformStream(ret) || isReadableStream(ret)) {
          const toRead = ret.readable || ret;
          finishCount++;
          pumpToNode(toRead, stream, finish, { end });
        } else if (isIterable(ret)) {
          finishCount++;
          pumpToNode(ret, stream, finish, { end });
        } else {
          throw invalidArgType("val", "an instance of Readable, Iterable, AsyncIterable, ReadableStream, or TransformStream", ret);
        }
        ret = stream;
      } else if (isWebStream(stream)) {
        if (isReadableNodeStream(ret)) {
          finishCount++;
          pumpToWeb(makeAsyncIterable(ret), stream, finish, { end });
        } else if (isReadableStream(ret) || isIterable(ret)) {
          finishCount++;
          pumpToWeb(ret, stream, finish, { end });
        } else if (isTransformStream(ret)) {
          finishCount++;
          pumpToWeb(ret.readable, stream, finish, { end });
        } else {
          throw invalidArgType("val", "an instance of Readable, Iterable, AsyncIterable, ReadableStream, or TransformStream", ret);
        }
        ret = stream;
      } else {
        ret = Duplex.from(stream);
      }
    }

    if (signal?.aborted || outerSignal?.aborted) nextTick(abort);
    return ret;
  }

  function pipe(src, dst, finish, finishOnlyHandleError, { end }) {
    let ended = false;
    dst.on("close", () => {
      // The destination closed before the source was done.
      if (!ended) finishOnlyHandleError(E.prematureClose());
    });
    // The pipeline ends dst itself (below), so it can keep it open on request.
    src.pipe(dst, { end: false });
    if (end) {
      function endFn() {
        ended = true;
        dst.end();
      }
      if (isReadableFinished(src)) nextTick(endFn);
      else src.once("end", endFn);
    } else {
      finish();
    }
    eos(src, { readable: true, writable: false }, (err) => {
      const rState = src._readableState;
      if (err && err.code === "ERR_STREAM_PREMATURE_CLOSE" && rState && rState.ended && !rState.errored && !rState.errorEmitted) {
        // Some readables emit 'close' before 'end': still fine once ended.
        src.once("end", finish).once("error", finish);
      } else {
        finish(err);
      }
    });
    return eos(dst, { readable: false, writable: true }, finish);
  }

  function pipelinePromise(...streams) {
    return new Promise((resolve, reject) => {
      let signal;
      let end;
      const lastArg = streams[streams.length - 1];
      if (lastArg && typeof lastArg === "object" && !isNodeStream(lastArg) && !isIterable(lastArg) && !isWebStream(lastArg)) {
        const options = streams.pop();
        signal = options.signal;
        end = options.end;
      }
      pipelineImpl(streams, (err, value) => {
        if (err) reject(err);
        else resolve(value);
      }, { signal, end });
    });
  }

  // --- Duplex.from --------------------------------------------------------------

  function isBlob(value) {
    return typeof Blob === "function" && value instanceof Blob;
  }

  Duplex.from = function (body) {
    return duplexify(body, "body");
  };

  function duplexify(body, name) {
    if (isDuplexNodeStream(body)) return body;
    if (isReadableNodeStream(body)) return duplexPairOf({ readable: body });
    if (isWritableNodeStream(body)) return duplexPairOf({ writable: body });
    if (isNodeStream(body)) return duplexPairOf({ writable: false, readable: false });
    if (isReadableStream(body)) return duplexPairOf({ readable: Readable.fromWeb(body) });
    if (isWritableStream(body)) return duplexPairOf({ writable: Writable.fromWeb(body) });
    if (typeof body === "function") {
      const { value, write, final, destroy } = fromAsyncGen(body);
      if (isIterable(value)) {
        return from(Duplexify, value, { objectMode: true, write, final, destroy });
      }
      const then = value?.then;
      if (typeof then === "function") {
        let d;
        const promise = then.call(value, (val) => {
          if (val != null) throw E.invalidReturn("null", name, val);
        }, (err) => destroyer(d, err));
        return (d = new Duplexify({
          objectMode: true,
          readable: false,
          write,
          final(cb) {
            final(async () => {
              try {
                await promise;
                nextTick(cb, null);
              } catch (err) {
                nextTick(cb, err);
              }
            });
          },
          destroy,
        }));
      }
      throw E.invalidReturn("Iterable, AsyncIterable or AsyncFunction", name, value);
    }
    if (isBlob(body)) return duplexify(body.arrayBuffer(), name);
    if (isIterable(body)) return from(Duplexify, body, { objectMode: true, writable: false });
    if (isReadableStream(body?.readable) && isWritableStream(body?.writable)) {
      return Duplexify.fromWeb(body);
    }
    if (typeof body?.writable === "object" || typeof body?.readable === "object") {
      const readable = body?.readable
        ? isReadableNodeStream(body?.readable) ? body?.readable : duplexify(body.readable)
        : undefined;
      const writable = body?.writable
        ? isWritableNodeStream(body?.writable) ? body?.writable : duplexify(body.writable)
        : undefined;
      return duplexPairOf({ readable, writable });
    }
    const then = body?.then;
    if (typeof then === "function") {
      let d;
      then.call(body, (val) => {
        if (val != null) d.push(val);
        d.push(null);
      }, (err) => destroyer(d, err));
      return (d = new Duplexify({ objectMode: true, writable: false, read() {} }));
    }
    throw invalidArgType(name, "an instance of Blob, ReadableStream, WritableStream, Stream, Iterable, AsyncIterable, Function, { readable, writable } pair, or Promise", body);
  }

  class Duplexify extends Duplex {
    constructor(options) {
      super(options);
      // Duplex sets these from `readable`/`writable` options; a side that
      // is off must not hold the other open.
      if (options?.readable === false) {
        this._readableState.readable = false;
        this._readableState.ended = true;
        this._readableState.endEmitted = true;
      }
      if (options?.writable === false) {
        this._writableState.writable = false;
        this._writableState.ending = true;
        this._writableState.ended = true;
        this._writableState.finished = true;
      }
    }
  }

  function fromAsyncGen(fn) {
    let { promise, resolve } = Promise.withResolvers();
    const ac = new AbortController();
    const signal = ac.signal;
    const value = fn((async function* () {
      while (true) {
        const _promise = promise;
        promise = null;
        const { chunk, done, cb } = await _promise;
        nextTick(cb);
        if (done) return;
        if (signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
        ({ promise, resolve } = Promise.withResolvers());
        yield chunk;
      }
    })(), { signal });
    return {
      value,
      write(chunk, encoding, cb) {
        const _resolve = resolve;
        resolve = null;
        _resolve({ chunk, done: false, cb });
      },
      final(cb) {
        const _resolve = resolve;
        resolve = null;
        _resolve({ done: true, cb });
      },
      destroy(err, cb) {
        ac.abort();
        cb(err);
      },
    };
  }

  // A Duplex over a separate readable and writable.
  function duplexPairOf(pair) {
    const r = pair.readable && typeof pair.readable.read !== "function" ? Readable.wrap(pair.readable) : pair.readable;
    const w = pair.writable;
    let readable = !!isReadable(r);
    let writable = !!isWritable(w);
    let ondrain;
    let onfinish;
    let onreadable;
    let onclose;
    let d;

    function onfinished(err) {
      const cb = onclose;
      onclose = null;
      if (cb) cb(err);
      else if (err) d.destroy(err);
    }

    d = new Duplexify({
      readableObjectMode: !!r?.readableObjectMode,
      writableObjectMode: !!w?.writableObjectMode,
      readable,
      writable,
    });

    if (writable) {
      eos(w, (err) => {
        writable = false;
        if (err) destroyer(r, err);
        onfinished(err);
      });
      d._write = function (chunk, encoding, callback) {
        if (w.write(chunk, encoding)) callback();
        else ondrain = callback;
      };
      d._final = function (callback) {
        w.end();
        onfinish = callback;
      };
      w.on("drain", () => {
        if (ondrain) {
          const cb = ondrain;
          ondrain = null;
          cb();
        }
      });
      w.on("finish", () => {
        if (onfinish) {
          const cb = onfinish;
          onfinish = null;
          cb();
        }
      });
    }

    if (readable) {
      eos(r, (err) => {
        readable = false;
        if (err) destroyer(r, err);
        onfinished(err);
      });
      r.on("readable", () => {
        if (onreadable) {
          const cb = onreadable;
          onreadable = null;
          cb();
        }
      });
      r.on("end", () => d.push(null));
      d._read = function () {
        while (true) {
          const buf = r.read();
          if (buf === null) {
            onreadable = d._read;
            return;
          }
          if (!d.push(buf)) return;
        }
      };
    }

    d._destroy = function (err, callback) {
      if (!err && onclose !== null) err = new AbortError();
      onreadable = null;
      ondrain = null;
      onfinish = null;
      if (onclose === null) {
        callback(err);
      } else {
        onclose = callback;
        destroyer(w, err);
        destroyer(r, err);
      }
    };
    return d;
  }

  // --- Web stream adapters --------------------------------------------------

  function toUint8(chunk) {
    if (chunk instanceof Uint8Array) return chunk;
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    return chunk;
  }

  Readable.fromWeb = function (readableStream, options = {}) {
    if (!isReadableStream(readableStream)) {
      throw invalidArgType("readableStream", "an instance of ReadableStream", readableStream);
    }
    checkObject(options, "options");
    const { highWaterMark, encoding, objectMode = false, signal } = options;
    if (encoding !== undefined && !isEncoding(encoding)) throw E.invalidArgValue("options.encoding", encoding);
    const reader = readableStream.getReader();
    let closed = false;
    const readable = new Readable({
      objectMode,
      highWaterMark,
      encoding,
      signal,
      read() {
        reader.read().then((chunk) => {
          if (chunk.done) {
            readable.push(null);
          } else {
            readable.push(objectMode ? chunk.value : toUint8(chunk.value));
          }
        }, (error) => destroy.call(readable, error));
      },
      destroy(error, callback) {
        function done() {
          try {
            callback(error);
          } catch (err) {
            // A throwing callback must not leave an unhandled rejection.
            nextTick(() => {
              throw err;
            });
          }
        }
        if (!closed) {
          reader.cancel(error).then(done, done);
          return;
        }
        done();
      },
    });
    reader.closed.then(() => {
      closed = true;
    }, (error) => {
      closed = true;
      destroy.call(readable, error);
    });
    return readable;
  };

  Readable.toWeb = function (streamReadable, options) {
    if (!isReadableNodeStream(streamReadable)) {
      throw invalidArgType("streamReadable", "an stream.Readable", streamReadable);
    }
    if (isDestroyed(streamReadable) || !isReadable(streamReadable)) {
      const readable = new ReadableStream();
      readable.cancel();
      return readable;
    }
    const objectMode = streamReadable.readableObjectMode;
    const highWaterMark = streamReadable.readableHighWaterMark;
    const strategy = options?.strategy ?? (objectMode
      ? new CountQueuingStrategy({ highWaterMark })
      : { highWaterMark, size: (chunk) => chunk.byteLength ?? 1 });
    let controller;
    function onData(chunk) {
      // Copy Buffers: a pooled Buffer's memory is not ours to hand out.
      if (isBuffer(chunk) && !objectMode) chunk = new Uint8Array(chunk);
      controller.enqueue(chunk);
      if (controller.desiredSize <= 0) streamReadable.pause();
    }
    function onFinished(error) {
      cleanup();
      if (error?.code === "ERR_STREAM_PREMATURE_CLOSE") {
        const err = new AbortError(undefined, { cause: error });
        error = err;
      }
      if (error != null) return controller.error(error);
      controller.close();
    }
    streamReadable.pause();
    const cleanup = eos(streamReadable, onFinished);
    streamReadable.on("data", onData);
    return new ReadableStream({
      start(c) {
        controller = c;
      },
      pull() {
        streamReadable.resume();
      },
      cancel(reason) {
        destroy.call(streamReadable, reason);
      },
    }, strategy);
  };

  Writable.fromWeb = function (writableStream, options = {}) {
    if (!isWritableStream(writableStream)) {
      throw invalidArgType("writableStream", "an instance of WritableStream", writableStream);
    }
    checkObject(options, "options");
    const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
    const writer = writableStream.getWriter();
    let closed = false;
    const writable = new Writable({
      highWaterMark,
      objectMode,
      decodeStrings,
      signal,
      writev(chunks, callback) {
        function done(error) {
          error = error.filter((e) => e);
          try {
            callback(error.length === 0 ? undefined : error);
          } catch (err) {
            nextTick(() => destroy.call(writable, err));
          }
        }
        writer.ready.then(() => Promise.all(chunks.map((data) => writer.write(data.chunk))).then(done, done), done);
      },
      write(chunk, encoding, callback) {
        if (typeof chunk === "string" && decodeStrings && !objectMode) {
          chunk = Buffer().from(chunk, encoding);
        }
        function done(error) {
          try {
            callback(error);
          } catch (err) {
            destroy.call(writable, err);
          }
        }
        writer.ready.then(() => writer.write(chunk).then(done, done), done);
      },
      destroy(error, callback) {
        function done() {
          try {
            callback(error);
          } catch (err) {
            nextTick(() => {
              throw err;
            });
          }
        }
        if (!closed) {
          if (error != null) writer.abort(error).then(done, done);
          else writer.close().then(done, done);
          return;
        }
        done();
      },
      final(callback) {
        function done(error) {
          try {
            callback(error);
          } catch (err) {
            nextTick(() => destroy.call(writable, err));
          }
        }
        if (!closed) writer.close().then(done, done);
      },
    });
    writer.closed.then(() => {
      closed = true;
      if (!isWritableEnded(writable)) destroy.call(writable, E.prematureClose());
    }, (error) => {
      closed = true;
      destroy.call(writable, error);
    });
    return writable;
  };

  Writable.toWeb = function (streamWritable) {
    if (!isWritableNodeStream(streamWritable)) {
      throw invalidArgType("streamWritable", "an stream.Writable", streamWritable);
    }
    if (isDestroyed(streamWritable) || !isWritable(streamWritable)) {
      const writable = new WritableStream();
      writable.close();
      return writable;
    }
    const highWaterMark = streamWritable.writableHighWaterMark;
    const strategy = streamWritable.writableObjectMode
      ? new CountQueuingStrategy({ highWaterMark })
      : { highWaterMark, size: (chunk) => chunk.byteLength ?? 1 };
    let controller;
    let backpressure;
    let closed;
    function onDrain() {
      if (backpressure !== undefined) backpressure.resolve();
    }
    const cleanup = eos(streamWritable, (error) => {
      if (error?.code === "ERR_STREAM_PREMATURE_CLOSE") error = new AbortError(undefined, { cause: error });
      cleanup();
      streamWritable.on("error", () => {});
      if (error != null) {
        if (backpressure !== undefined) backpressure.reject(error);
        if (closed !== undefined) {
          closed.reject(error);
          closed = undefined;
        }
        controller.error(error);
        controller = undefined;
        return;
      }
      if (closed !== undefined) {
        closed.resolve();
        closed = undefined;
        return;
      }
      controller.error(new AbortError());
      controller = undefined;
    });
    streamWritable.on("drain", onDrain);
    return new WritableStream({
      start(c) {
        controller = c;
      },
      write(chunk) {
        if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
          backpressure = Promise.withResolvers();
          return backpressure.promise.finally(() => {
            backpressure = undefined;
          });
        }
      },
      abort(reason) {
        destroy.call(streamWritable, reason);
      },
      close() {
        if (closed === undefined && !isWritableEnded(streamWritable)) {
          closed = Promise.withResolvers();
          streamWritable.end();
          return closed.promise;
        }
        controller = undefined;
        return Promise.resolve();
      },
    }, strategy);
  };

  Duplex.fromWeb = function (pair, options = {}) {
    checkObject(pair, "pair");
    const { readable: readableStream, writable: writableStream } = pair;
    if (!isReadableStream(readableStream)) {
      throw invalidArgType("pair.readable", "an instance of ReadableStream", readableStream);
    }
    if (!isWritableStream(writableStream)) {
      throw invalidArgType("pair.writable", "an instance of WritableStream", writableStream);
    }
    const { encoding, objectMode = false, decodeStrings = true, signal } = options;
    const readable = Readable.fromWeb(readableStream, { encoding, objectMode, signal });
    const writable = Writable.fromWeb(writableStream, { objectMode, decodeStrings, signal });
    return duplexPairOf({ readable, writable });
  };

  Duplex.toWeb = function (duplex) {
    return { readable: Readable.toWeb(duplex), writable: Writable.toWeb(duplex) };
  };

  Duplexify.fromWeb = Duplex.fromWeb;

  // --- Readable operators -------------------------------------------------------

  const kEmpty = Symbol("kEmpty");
  const kEof = Symbol("kEof");

  function checkOperatorFunction(fn, name) {
    if (typeof fn !== "function") throw invalidArgType(name, "of type function or an instance of AsyncFunction", fn);
  }

  function checkOperatorOptions(options) {
    if (options != null) checkObject(options, "options");
    if (options?.signal != null) checkAbortSignal(options.signal, "options.signal");
  }

  function checkConcurrency(options) {
    let concurrency = 1;
    if (options?.concurrency != null) {
      concurrency = Math.floor(options.concurrency);
      if (!(concurrency >= 1)) {
        throw nodeError(RangeError, "ERR_OUT_OF_RANGE",
          `The value of "options.concurrency" is out of range. It must be >= 1 && <= 9007199254740991. Received ${concurrency}`);
      }
    }
    let highWaterMark = concurrency - 1;
    if (options?.highWaterMark != null) highWaterMark = Math.floor(options.highWaterMark);
    return { concurrency, highWaterMark: highWaterMark + concurrency };
  }

  function map(fn, options) {
    checkOperatorFunction(fn, "fn");
    checkOperatorOptions(options);
    const { concurrency, highWaterMark } = checkConcurrency(options);
    if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    const stream = this;
    return async function* mapped() {
      const signal = AbortSignal.any([options?.signal].filter(Boolean));
      const queue = [];
      let cnt = 0;
      let next;
      let resume;
      let done = false;
      const signalOpt = { signal };
      function onCatch() {
        done = true;
        afterItemProcessed();
      }
      function afterItemProcessed() {
        cnt -= 1;
        maybeResume();
      }
      function maybeResume() {
        if (resume && !done && cnt < concurrency && queue.length < highWaterMark) {
          resume();
          resume = null;
        }
      }
      async function pump() {
        try {
          for await (let val of stream) {
            if (done) return;
            if (signal.aborted) throw new AbortError();
            try {
              val = fn(val, signalOpt);
              if (val === kEmpty) continue;
              val = Promise.resolve(val);
            } catch (err) {
              val = Promise.reject(err);
            }
            cnt += 1;
            val.then(afterItemProcessed, onCatch);
            queue.push(val);
            if (next) {
              next();
              next = null;
            }
            if (!done && (queue.length >= highWaterMark || cnt >= concurrency)) {
              await new Promise((resolve) => {
                resume = resolve;
              });
            }
          }
          queue.push(kEof);
        } catch (err) {
          const val = Promise.reject(err);
          val.then(afterItemProcessed, onCatch);
          queue.push(val);
        } finally {
          done = true;
          if (next) {
            next();
            next = null;
          }
        }
      }
      pump();
      try {
        while (true) {
          while (queue.length > 0) {
            const val = await queue[0];
            if (val === kEof) return;
            if (signal.aborted) throw new AbortError();
            if (val !== kEmpty) yield val;
            queue.shift();
            maybeResume();
          }
          await new Promise((resolve) => {
            next = resolve;
          });
        }
      } finally {
        done = true;
        if (resume) {
          resume();
          resume = null;
        }
      }
    }.call(this);
  }

  async function some(fn, options = undefined) {
    for await (const unused of filter.call(this, fn, options)) return true;
    return false;
  }

  async function every(fn, options = undefined) {
    checkOperatorFunction(fn, "fn");
    return !(await some.call(this, async (...args) => !(await fn(...args)), options));
  }

  async function find(fn, options) {
    for await (const result of filter.call(this, fn, options)) return result;
    return undefined;
  }

  async function forEach(fn, options) {
    checkOperatorFunction(fn, "fn");
    async function forEachFn(value, opts) {
      await fn(value, opts);
      return kEmpty;
    }
    for await (const unused of map.call(this, forEachFn, options));
  }

  function filter(fn, options) {
    checkOperatorFunction(fn, "fn");
    async function filterFn(value, opts) {
      if (await fn(value, opts)) return value;
      return kEmpty;
    }
    return map.call(this, filterFn, options);
  }

  class ReduceAwareErrMissingArgs extends TypeError {
    constructor() {
      super("The \"reduce\" argument must be specified");
      this.code = "ERR_MISSING_ARGS";
      this.message = "Reduce of an empty stream requires an initial value";
    }
  }

  async function reduce(reducer, initialValue, options) {
    checkOperatorFunction(reducer, "reducer");
    checkOperatorOptions(options);
    let hasInitialValue = arguments.length > 1;
    if (options?.signal?.aborted) {
      const err = new AbortError(undefined, { cause: options.signal.reason });
      this.once("error", nop);
      await finishedPromise(this.destroy(err));
      throw err;
    }
    const ac = new AbortController();
    const signal = ac.signal;
    let gotAnyItemFromStream = false;
    const onAbort = () => ac.abort();
    options?.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      for await (const value of this) {
        gotAnyItemFromStream = true;
        if (options?.signal?.aborted) throw new AbortError();
        if (!hasInitialValue) {
          initialValue = value;
          hasInitialValue = true;
        } else {
          initialValue = await reducer(initialValue, value, { signal });
        }
      }
      if (!gotAnyItemFromStream && !hasInitialValue) throw new ReduceAwareErrMissingArgs();
    } finally {
      ac.abort();
      options?.signal?.removeEventListener("abort", onAbort);
    }
    return initialValue;
  }

  async function toArray(options) {
    checkOperatorOptions(options);
    const result = [];
    for await (const val of this) {
      if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
      result.push(val);
    }
    return result;
  }

  function flatMap(fn, options) {
    const values = map.call(this, fn, options);
    return async function* flatMapped() {
      for await (const val of values) yield* val;
    }.call(this);
  }

  function toIntegerOrInfinity(number) {
    number = Number(number);
    if (Number.isNaN(number)) return 0;
    if (number < 0) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "number" is out of range. It must be >= 0. Received ${number}`);
    }
    return number;
  }

  function drop(number, options = undefined) {
    checkOperatorOptions(options);
    number = toIntegerOrInfinity(number);
    return async function* dropped() {
      if (options?.signal?.aborted) throw new AbortError();
      for await (const val of this) {
        if (options?.signal?.aborted) throw new AbortError();
        if (number-- <= 0) yield val;
      }
    }.call(this);
  }

  function take(number, options = undefined) {
    checkOperatorOptions(options);
    number = toIntegerOrInfinity(number);
    return async function* taken() {
      if (options?.signal?.aborted) throw new AbortError();
      for await (const val of this) {
        if (options?.signal?.aborted) throw new AbortError();
        if (number-- > 0) yield val;
        // Stop at once, without waiting for the next value.
        if (number <= 0) return;
      }
    }.call(this);
  }

  let warnedIndexedPairs = false;
  function asIndexedPairs(options = undefined) {
    if (!warnedIndexedPairs) {
      warnedIndexedPairs = true;
      support.emitWarning("readable.asIndexedPairs will be removed in a future version.", "DeprecationWarning");
    }
    checkOperatorOptions(options);
    return async function* pairs() {
      let index = 0;
      for await (const val of this) {
        if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
        yield [index++, val];
      }
    }.call(this);
  }

  // Operators returning streams wrap their async generator in a Readable.
  const streamReturning = { asIndexedPairs, drop, filter, flatMap, map, take };
  const promiseReturning = { every, forEach, reduce, toArray, some, find };
  for (const [name, op] of Object.entries(streamReturning)) {
    Object.defineProperty(Readable.prototype, name, {
      value: {
        [name](...args) {
          return Readable.from(Reflect.apply(op, this, args));
        },
      }[name],
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  for (const [name, op] of Object.entries(promiseReturning)) {
    Object.defineProperty(Readable.prototype, name, {
      value: {
        [name](...args) {
          return Reflect.apply(op, this, args);
        },
      }[name],
      enumerable: false,
      configurable: true,
      writable: true,
    });
  }
  Readable.prototype.compose = support.unsupportedFunction("stream.Readable.prototype.compose");

  // --- duplexPair (Node 22.6) -------------------------------------------------

  const kOther = Symbol("kOther");
  class DuplexSide extends Duplex {
    constructor(options) {
      super(options);
      this[kCallback] = null;
      this[kOther] = null;
    }
    _read() {
      const callback = this[kCallback];
      if (callback) {
        this[kCallback] = null;
        callback();
      }
    }
    _write(chunk, encoding, callback) {
      if (chunk.length === 0) {
        nextTick(callback);
      } else {
        this[kOther].push(chunk);
        this[kOther][kCallback] = callback;
      }
    }
    _final(callback) {
      this[kOther].on("end", callback);
      this[kOther].push(null);
    }
  }

  function duplexPair(options) {
    const side0 = new DuplexSide(options);
    const side1 = new DuplexSide(options);
    side0[kOther] = side1;
    side1[kOther] = side0;
    return [side0, side1];
  }

  // --- the module ------------------------------------------------------------

  function uint8ArrayToBuffer(chunk) {
    return toBuffer(chunk);
  }

  const promises = { finished: finishedPromise, pipeline: pipelinePromise };

  Stream.isDestroyed = isDestroyed;
  Stream.isDisturbed = isDisturbed;
  Stream.isErrored = isErrored;
  Stream.isReadable = isReadable;
  Stream.isWritable = isWritable;
  Stream.Readable = Readable;
  Stream.Writable = Writable;
  Stream.Duplex = Duplex;
  Stream.Transform = Transform;
  Stream.PassThrough = PassThrough;
  Stream.duplexPair = duplexPair;
  Stream.pipeline = pipeline;
  Stream.addAbortSignal = addAbortSignal;
  Stream.finished = finished;
  Stream.destroy = destroyer;
  Stream.compose = support.unsupportedFunction("stream.compose");
  Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
  Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;
  Object.defineProperty(Stream, "promises", { configurable: true, enumerable: true, get: () => promises });
  Object.defineProperty(pipeline, Symbol.for("nodejs.util.promisify.custom"), { enumerable: true, get: () => promises.pipeline });
  Object.defineProperty(finished, Symbol.for("nodejs.util.promisify.custom"), { enumerable: true, get: () => promises.finished });
  Stream.Stream = Stream;
  Stream._isArrayBufferView = ArrayBuffer.isView;
  Stream._isUint8Array = (value) => value instanceof Uint8Array;
  Stream._uint8ArrayToBuffer = uint8ArrayToBuffer;
  return Stream;
})

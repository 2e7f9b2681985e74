// zlib.js: node:zlib, Node's compression streams and one-shot functions
// over Kode's codecs (flate2 for deflate/zlib/gzip, brotli), which run one
// chunk at a time in ops/node_zlib_*. Compressed bytes are valid for each
// format but not byte-for-byte zlib's (another deflate implementation);
// `level` is honoured, windowBits/memLevel/strategy are checked as Node
// checks them and otherwise left to the codec's defaults.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, nextTick, unsupported, outOfRange } = support;
  const { Buffer } = support.builtin("node:buffer");
  const stream = support.builtin("node:stream");
  const { Transform, finished } = stream;

  // Node 20's zlib.constants (the values zlib and brotli define).
  const constants = {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
    Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1,
    Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4,
    Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5,
    INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15,
    Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1,
    Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
    BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
    BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1,
    BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0,
    BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10,
    BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30, BROTLI_DEFAULT_WINDOW: 22,
    BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24,
    BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6,
    BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0,
    BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2,
    BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0,
    BROTLI_DECODER_PARAM_LARGE_WINDOW: 1, BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1,
    BROTLI_DECODER_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
    BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
    BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
    BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
    BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
    BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
    BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
    BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
    BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
    BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
    BROTLI_DECODER_ERROR_UNREACHABLE: -31,
  };
  Object.freeze(constants);
  const {
    Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_MIN_CHUNK, Z_DEFAULT_CHUNK,
    Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS, Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION,
    Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL, Z_DEFAULT_STRATEGY, Z_FIXED, DEFLATE, INFLATE, GZIP,
    GUNZIP, DEFLATERAW, INFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE, BROTLI_OPERATION_PROCESS,
    BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH, BROTLI_OPERATION_EMIT_METADATA,
  } = constants;

  const codes = {
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
    Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  };
  for (const key of Object.keys(codes)) codes[codes[key]] = key;
  Object.freeze(codes);

  // The largest Buffer Node makes (kMaxLength).
  const kMaxLength = 2 ** 32;
  const kFlushFlag = Symbol("kFlushFlag");
  const kError = Symbol("kError");

  // A codec's id is freed when its stream is done; a stream dropped half
  // way frees it when collected.
  const registry = new FinalizationRegistry((id) => ops.node_zlib_free(id));

  // Node's validateFiniteNumber: undefined and NaN mean "use the default".
  function finiteNumber(number, name) {
    if (number === undefined) return false;
    if (Number.isFinite(number)) return true;
    if (Number.isNaN(number)) return false;
    if (typeof number !== "number") throw invalidArgType(name, "of type number", number);
    throw outOfRange(name, "a finite number", number);
  }

  function checkRangesOrGetDefault(number, name, lower, upper, def) {
    if (!finiteNumber(number, name)) return def;
    if (number < lower || number > upper) throw outOfRange(name, `>= ${lower} and <= ${upper}`, number);
    return number;
  }

  // zlib's failures, as Node shows them: an Error with errno and code.
  function zlibError(err) {
    if (err?.zlibCode === undefined) return err;
    if (err.zlibCode === "brotli_invalid_param") {
      return nodeError(RangeError, "ERR_BROTLI_INVALID_PARAM", err.message);
    }
    const error = new Error(err.message);
    error.errno = Number(err.zlibErrno);
    // Node names brotli's decoder errors after BROTLI_DECODER_ERROR_*.
    error.code = err.zlibCode === "brotli_decode_failed" ? "ERR__ERROR_FORMAT_PADDING_1" : err.zlibCode;
    return error;
  }

  function bufferTooLarge(max) {
    return nodeError(RangeError, "ERR_BUFFER_TOO_LARGE", `Cannot create a Buffer larger than ${max} bytes`);
  }

  // --- the stream classes ---------------------------------------------------------

  function ZlibBase(opts, mode, handleArgs, { flush, finishFlush, fullFlush }) {
    let chunkSize = Z_DEFAULT_CHUNK;
    let maxOutputLength = kMaxLength;
    const brotli = mode === BROTLI_ENCODE || mode === BROTLI_DECODE;
    const flushBounds = brotli ? [BROTLI_OPERATION_PROCESS, BROTLI_OPERATION_EMIT_METADATA] : [Z_NO_FLUSH, Z_BLOCK];
    if (opts) {
      chunkSize = opts.chunkSize;
      if (!finiteNumber(chunkSize, "options.chunkSize")) {
        chunkSize = Z_DEFAULT_CHUNK;
      } else if (chunkSize < Z_MIN_CHUNK) {
        throw outOfRange("options.chunkSize", `>= ${Z_MIN_CHUNK}`, chunkSize);
      }
      flush = checkRangesOrGetDefault(opts.flush, "options.flush", flushBounds[0], flushBounds[1], flush);
      finishFlush = checkRangesOrGetDefault(opts.finishFlush, "options.finishFlush", flushBounds[0], flushBounds[1], finishFlush);
      maxOutputLength = checkRangesOrGetDefault(opts.maxOutputLength, "options.maxOutputLength", 1, kMaxLength, kMaxLength);
      if (opts.encoding || opts.objectMode || opts.writableObjectMode) {
        opts = { ...opts, encoding: null, objectMode: false, writableObjectMode: false };
      }
    }
    Reflect.apply(Transform, this, [{ autoDestroy: true, ...opts }]);
    this[kError] = null;
    this.bytesWritten = 0;
    this._mode = mode;
    this._handleArgs = handleArgs;
    this._handle = ops.node_zlib_new(mode, handleArgs.level, handleArgs.brotli);
    registry.register(this, this._handle, this);
    this._chunkSize = chunkSize;
    this._defaultFlushFlag = flush;
    this._finishFlushFlag = finishFlush;
    this._defaultFullFlushFlag = fullFlush;
    this._info = opts && opts.info;
    this._maxOutputLength = maxOutputLength;
  }
  Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
  Object.setPrototypeOf(ZlibBase, Transform);

  Object.defineProperty(ZlibBase.prototype, "_closed", {
    configurable: true,
    enumerable: true,
    get() {
      return !this._handle;
    },
  });

  // Node's deprecated alias of bytesWritten.
  Object.defineProperty(ZlibBase.prototype, "bytesRead", {
    configurable: true,
    enumerable: true,
    get() {
      return this.bytesWritten;
    },
    set(value) {
      this.bytesWritten = value;
    },
  });

  ZlibBase.prototype.reset = function () {
    if (!this._handle) throw new Error("zlib binding closed");
    const { level, brotli } = this._handleArgs;
    ops.node_zlib_free(this._handle);
    this._handle = ops.node_zlib_new(this._mode, level, brotli);
  };

  // The last chunk carries finishFlush.
  ZlibBase.prototype._flush = function (callback) {
    this._transform(Buffer.alloc(0), "", callback);
  };

  ZlibBase.prototype._final = function (callback) {
    callback();
  };

  // The stronger of two flush kinds (Z_FINISH is handled as the strongest).
  function maxFlush(a, b) {
    const order = [Z_NO_FLUSH, Z_BLOCK, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH];
    return order.indexOf(a) > order.indexOf(b) ? a : b;
  }

  const kFlushBuffers = [];
  for (const flushFlag of [Z_NO_FLUSH, Z_PARTIAL_FLUSH, Z_SYNC_FLUSH, Z_FULL_FLUSH, Z_FINISH, Z_BLOCK]) {
    kFlushBuffers[flushFlag] = Buffer.alloc(0);
    kFlushBuffers[flushFlag][kFlushFlag] = flushFlag;
  }

  ZlibBase.prototype.flush = function (kind, callback) {
    if (typeof kind === "function" || (kind === undefined && !callback)) {
      callback = kind;
      kind = this._defaultFullFlushFlag;
    }
    if (this.writableFinished) {
      if (callback) nextTick(callback);
    } else if (this.writableEnded) {
      if (callback) this.once("end", callback);
    } else {
      this.write(kFlushBuffers[kind], "", callback);
    }
  };

  ZlibBase.prototype.close = function (callback) {
    if (callback) finished(this, callback);
    this.destroy();
  };

  ZlibBase.prototype._destroy = function (err, callback) {
    closeHandle(this);
    callback(err);
  };

  function closeHandle(engine) {
    if (!engine._handle) return;
    ops.node_zlib_free(engine._handle);
    registry.unregister(engine);
    engine._handle = null;
  }

  ZlibBase.prototype._transform = function (chunk, encoding, cb) {
    let flushFlag = this._defaultFlushFlag;
    // Zero-length chunks from flush() carry their flush kind.
    if (typeof chunk[kFlushFlag] === "number") flushFlag = chunk[kFlushFlag];
    if (this.writableEnded && this.writableLength === chunk.byteLength) {
      flushFlag = maxFlush(flushFlag, this._finishFlushFlag);
    }
    processChunk(this, chunk, flushFlag, cb);
  };

  ZlibBase.prototype._processChunk = function (chunk, flushFlag, cb) {
    if (typeof cb === "function") processChunk(this, chunk, flushFlag, cb);
    else return processChunkSync(this, chunk, flushFlag);
  };

  function run(engine, chunk, flushFlag) {
    if (!engine._handle) throw new Error("zlib binding closed");
    try {
      return ops.node_zlib_write(engine._handle, chunk, flushFlag);
    } catch (err) {
      throw zlibError(err);
    }
  }

  function processChunk(self, chunk, flushFlag, cb) {
    if (!self._handle) {
      nextTick(cb);
      return;
    }
    let out;
    try {
      out = run(self, chunk, flushFlag);
    } catch (error) {
      // Node's zlib destroys the stream with the error (no callback).
      self[kError] = error;
      self.destroy(error);
      return;
    }
    self.bytesWritten += chunk.byteLength;
    // Output comes in pieces of at most chunkSize, as zlib's buffer gives them.
    for (let offset = 0; offset < out.length; offset += self._chunkSize) {
      const piece = out.subarray(offset, Math.min(offset + self._chunkSize, out.length));
      self.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    }
    cb();
  }

  function processChunkSync(self, chunk, flushFlag) {
    let out;
    try {
      out = run(self, chunk, flushFlag);
    } catch (error) {
      closeHandle(self);
      throw error;
    }
    self.bytesWritten = chunk.byteLength;
    closeHandle(self);
    if (out.length > self._maxOutputLength) throw bufferTooLarge(self._maxOutputLength);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  }

  // Zlib's constructor checks: the options zlib would reject.
  function Zlib(opts, mode) {
    let windowBits = Z_DEFAULT_WINDOWBITS;
    let level = Z_DEFAULT_COMPRESSION;
    let memLevel = Z_DEFAULT_MEMLEVEL;
    let strategy = Z_DEFAULT_STRATEGY;
    let dictionary;
    if (opts) {
      if ((mode === INFLATE || mode === GUNZIP || mode === UNZIP) && opts.windowBits === 0) {
        // Inflate takes the window size from the header.
        windowBits = 0;
      } else {
        windowBits = checkRangesOrGetDefault(opts.windowBits, "options.windowBits", Z_MIN_WINDOWBITS, Z_MAX_WINDOWBITS, Z_DEFAULT_WINDOWBITS);
      }
      level = checkRangesOrGetDefault(opts.level, "options.level", Z_MIN_LEVEL, Z_MAX_LEVEL, Z_DEFAULT_COMPRESSION);
      memLevel = checkRangesOrGetDefault(opts.memLevel, "options.memLevel", Z_MIN_MEMLEVEL, Z_MAX_MEMLEVEL, Z_DEFAULT_MEMLEVEL);
      strategy = checkRangesOrGetDefault(opts.strategy, "options.strategy", Z_DEFAULT_STRATEGY, Z_FIXED, Z_DEFAULT_STRATEGY);
      dictionary = opts.dictionary;
      if (dictionary !== undefined && !ArrayBuffer.isView(dictionary)) {
        if (!(dictionary instanceof ArrayBuffer)) {
          throw invalidArgType("options.dictionary", "an instance of Buffer, TypedArray, DataView, or ArrayBuffer", dictionary);
        }
      }
      // A preset dictionary needs zlib's inflateSetDictionary, which the codec lacks.
      if (dictionary !== undefined) throw unsupported("zlib options.dictionary");
    }
    Reflect.apply(ZlibBase, this, [opts, mode, { level, brotli: null }, { flush: Z_NO_FLUSH, finishFlush: Z_FINISH, fullFlush: Z_FULL_FLUSH }]);
    this._level = level;
    this._strategy = strategy;
    this._windowBits = windowBits;
    this._memLevel = memLevel;
  }
  Object.setPrototypeOf(Zlib.prototype, ZlibBase.prototype);
  Object.setPrototypeOf(Zlib, ZlibBase);

  // Changing level or strategy mid-stream needs zlib's deflateParams.
  Zlib.prototype.params = function params(level, strategy, callback) {
    checkRangesOrGetDefault(level, "level", Z_MIN_LEVEL, Z_MAX_LEVEL);
    checkRangesOrGetDefault(strategy, "strategy", Z_DEFAULT_STRATEGY, Z_FIXED);
    if (this._level !== level || this._strategy !== strategy) throw unsupported("zlib.params (a new level or strategy)");
    if (callback) nextTick(callback);
  };

  function modeClass(name, mode) {
    // A function expression (not a method) so that it constructs.
    const fn = {
      [name]: function (opts) {
        if (!(this instanceof fn)) return new fn(opts);
        Reflect.apply(Zlib, this, [opts, mode]);
      },
    }[name];
    Object.setPrototypeOf(fn.prototype, Zlib.prototype);
    Object.setPrototypeOf(fn, Zlib);
    return fn;
  }

  const Deflate = modeClass("Deflate", DEFLATE);
  const Inflate = modeClass("Inflate", INFLATE);
  const Gzip = modeClass("Gzip", GZIP);
  const Gunzip = modeClass("Gunzip", GUNZIP);
  const DeflateRaw = modeClass("DeflateRaw", DEFLATERAW);
  const InflateRaw = modeClass("InflateRaw", INFLATERAW);
  const Unzip = modeClass("Unzip", UNZIP);

  // Brotli parameters Node knows (BROTLI_PARAM_* and the decoder's).
  const kMaxBrotliParam = 8;

  function Brotli(opts, mode) {
    const params = [];
    if (opts?.params) {
      for (const origKey of Object.keys(opts.params)) {
        const key = +origKey;
        if (Number.isNaN(key) || key < 0 || key > kMaxBrotliParam) {
          throw nodeError(RangeError, "ERR_BROTLI_INVALID_PARAM", `${origKey} is not a valid Brotli parameter`);
        }
        const value = opts.params[origKey];
        if (typeof value !== "number" && typeof value !== "boolean") {
          throw invalidArgType("options.params[key]", "of type number", value);
        }
        // The decoder's parameters (0, 1) tune memory use only.
        if (mode === BROTLI_ENCODE) params.push(key, Number(value));
      }
    }
    Reflect.apply(ZlibBase, this, [opts, mode, { level: -1, brotli: params }, {
      flush: BROTLI_OPERATION_PROCESS, finishFlush: BROTLI_OPERATION_FINISH, fullFlush: BROTLI_OPERATION_FLUSH,
    }]);
  }
  Object.setPrototypeOf(Brotli.prototype, ZlibBase.prototype);
  Object.setPrototypeOf(Brotli, ZlibBase);

  function BrotliCompress(opts) {
    if (!(this instanceof BrotliCompress)) return new BrotliCompress(opts);
    Reflect.apply(Brotli, this, [opts, BROTLI_ENCODE]);
  }
  Object.setPrototypeOf(BrotliCompress.prototype, Brotli.prototype);
  Object.setPrototypeOf(BrotliCompress, Brotli);

  function BrotliDecompress(opts) {
    if (!(this instanceof BrotliDecompress)) return new BrotliDecompress(opts);
    Reflect.apply(Brotli, this, [opts, BROTLI_DECODE]);
  }
  Object.setPrototypeOf(BrotliDecompress.prototype, Brotli.prototype);
  Object.setPrototypeOf(BrotliDecompress, Brotli);

  // Brotli's stream flushes through the same zero-length chunks.
  for (const flushFlag of [BROTLI_OPERATION_FLUSH, BROTLI_OPERATION_FINISH, BROTLI_OPERATION_EMIT_METADATA]) {
    if (kFlushBuffers[flushFlag] === undefined) {
      kFlushBuffers[flushFlag] = Buffer.alloc(0);
      kFlushBuffers[flushFlag][kFlushFlag] = flushFlag;
    }
  }

  // --- one-shot functions -------------------------------------------------------

  function toBuffer(buffer) {
    if (typeof buffer === "string") return Buffer.from(buffer);
    if (buffer instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && buffer instanceof SharedArrayBuffer)) {
      return Buffer.from(buffer);
    }
    if (!ArrayBuffer.isView(buffer)) {
      throw invalidArgType("buffer", "of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer", buffer);
    }
    return buffer;
  }

  function zlibBuffer(engine, buffer, callback) {
    if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    buffer = toBuffer(buffer);
    const buffers = [];
    let nread = 0;
    engine.on("data", function onData(chunk) {
      buffers.push(chunk);
      nread += chunk.length;
      if (nread > engine._maxOutputLength) {
        engine.close();
        engine.removeAllListeners("end");
        callback(bufferTooLarge(engine._maxOutputLength));
      }
    });
    engine.on("error", function onError(err) {
      engine.removeAllListeners("end");
      callback(err);
    });
    engine.on("end", function onEnd() {
      const buf = Buffer.concat(buffers, nread);
      engine.close();
      if (engine._info) callback(null, { buffer: buf, engine });
      else callback(null, buf);
    });
    engine.end(buffer);
  }

  function zlibBufferSync(engine, buffer) {
    buffer = toBuffer(buffer);
    const out = processChunkSync(engine, buffer, engine._finishFlushFlag);
    if (engine._info) return { buffer: out, engine };
    return out;
  }

  function asyncWrapper(Class) {
    return function (buffer, opts, callback) {
      if (typeof opts === "function") {
        callback = opts;
        opts = {};
      }
      return zlibBuffer(new Class(opts), buffer, callback);
    };
  }

  function syncWrapper(Class) {
    return function (buffer, opts) {
      return zlibBufferSync(new Class(opts), buffer);
    };
  }

  // --- crc32 (Node 22) -----------------------------------------------------------

  let crcTable;
  function crc32(data, value = 0) {
    if (typeof data !== "string" && !ArrayBuffer.isView(data)) {
      throw invalidArgType("data", "of type string or an instance of Buffer, TypedArray, or DataView", data);
    }
    if (typeof value !== "number") throw invalidArgType("value", "of type number", value);
    if (!Number.isInteger(value) || value < 0 || value > 4294967295) {
      throw outOfRange("value", ">= 0 && <= 4294967295", value);
    }
    if (crcTable === undefined) {
      crcTable = new Int32Array(256);
      for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        crcTable[n] = c;
      }
    }
    const bytes = typeof data === "string" ? Buffer.from(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let crc = ~value;
    for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
    return ~crc >>> 0;
  }

  const zlib = {
    crc32,
    Deflate,
    Inflate,
    Gzip,
    Gunzip,
    DeflateRaw,
    InflateRaw,
    Unzip,
    BrotliCompress,
    BrotliDecompress,
    deflate: asyncWrapper(Deflate),
    deflateSync: syncWrapper(Deflate),
    gzip: asyncWrapper(Gzip),
    gzipSync: syncWrapper(Gzip),
    deflateRaw: asyncWrapper(DeflateRaw),
    deflateRawSync: syncWrapper(DeflateRaw),
    unzip: asyncWrapper(Unzip),
    unzipSync: syncWrapper(Unzip),
    inflate: asyncWrapper(Inflate),
    inflateSync: syncWrapper(Inflate),
    gunzip: asyncWrapper(Gunzip),
    gunzipSync: syncWrapper(Gunzip),
    inflateRaw: asyncWrapper(InflateRaw),
    inflateRawSync: syncWrapper(InflateRaw),
    brotliCompress: asyncWrapper(BrotliCompress),
    brotliCompressSync: syncWrapper(BrotliCompress),
    brotliDecompress: asyncWrapper(BrotliDecompress),
    brotliDecompressSync: syncWrapper(BrotliDecompress),
  };
  for (const name of ["deflate", "gzip", "deflateRaw", "unzip", "inflate", "gunzip", "inflateRaw", "brotliCompress", "brotliDecompress"]) {
    Object.defineProperty(zlib[name], "name", { value: "asyncBufferWrapper" });
    Object.defineProperty(zlib[`${name}Sync`], "name", { value: "syncBufferWrapper" });
  }
  for (const [name, Class] of Object.entries({ Deflate, Inflate, DeflateRaw, InflateRaw, Gzip, Gunzip, Unzip, BrotliCompress, BrotliDecompress })) {
    zlib[`create${name}`] = { [`create${name}`]: (options) => new Class(options) }[`create${name}`];
  }
  zlib.constants = constants;
  zlib.codes = codes;
  // The old flat constants (Z_*, and the modes), hidden as Node hides them.
  for (const key of Object.keys(constants)) {
    if (key.startsWith("BROTLI")) continue;
    Object.defineProperty(zlib, key, { enumerable: false, value: constants[key], writable: false });
  }
  return zlib;
})

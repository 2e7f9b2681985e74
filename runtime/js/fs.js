// fs.js: kode:fs. Promise-first file operations on Tokio; every error carries
// `code`, `operation` ("kode:fs.read") and `path`.
(function (ops, internal) {
  "use strict";

  const { hostOp, checkSignal, buildError, ownedBy } = internal;

  function invalid(operation, message) {
    return buildError(TypeError, "EINVALID_ARG", `${operation}: ${message}`, { operation });
  }

  // A path is a string or, for names that are not UTF-8 (`list` gives them
  // as `rawName`), a Uint8Array of the raw bytes. Returns the path's text,
  // lossy for raw bytes, as results and errors show it.
  const lossy = new TextDecoder();
  function checkPath(path, operation, name = "path") {
    if (path instanceof Uint8Array) {
      if (path.length === 0) throw invalid(operation, `${name} must not be empty`);
      if (path.includes(0)) throw invalid(operation, `${name} must not contain NUL bytes`);
      return lossy.decode(path);
    }
    if (typeof path !== "string" || path === "") {
      throw invalid(operation, `${name} must be a non-empty string or a Uint8Array`);
    }
    if (path.includes("\0")) throw invalid(operation, `${name} must not contain NUL bytes`);
    return path;
  }

  function checkOptions(options, operation) {
    if (options === undefined || options === null) return {};
    if (typeof options !== "object") throw invalid(operation, "options must be an object");
    return options;
  }

  // Each function validates its arguments, then starts the op; an invalid
  // argument rejects the returned promise (promise-first: it never throws).
  // A cancellation names the path, like every other kode:fs error.
  function op(name, prepare) {
    const operation = `kode:fs.${name}`;
    return function (...args) {
      try {
        const { detail, signal, start, run } = prepare(operation, ...args);
        return run ? run() : hostOp(operation, detail, signal, start, { path: detail });
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  const read = op("read", (operation, path, options) => {
    const detail = checkPath(path, operation);
    options = checkOptions(options, operation);
    const as = options.as ?? "text";
    if (as !== "text" && as !== "bytes") throw invalid(operation, 'options.as must be "text" or "bytes"');
    const signal = checkSignal(options.signal, operation);
    return { detail, signal, start: (id) => ops.fs_read(id, path, as === "bytes") };
  });

  // The rename of the complete temporary file over the target is the commit
  // point. An abort asks the write to stop, and the write settles the promise
  // itself: ECANCELED when it stopped before the rename (the target keeps its
  // old content), its result when the target had already been replaced.
  function committedWrite(operation, detail, signal, start) {
    if (signal.aborted) return hostOp(operation, detail, signal, start, { path: detail });
    let opId;
    const onAbort = () => ops.cancel(opId, true);
    const pending = hostOp(operation, detail, undefined, (id) => {
      opId = id;
      start(id);
    });
    signal.addEventListener("abort", onAbort, { once: true });
    const done = () => signal.removeEventListener("abort", onAbort);
    return pending.then(
      (result) => {
        done();
        return result;
      },
      (error) => {
        done();
        if (error?.code === "ECANCELED" && signal.aborted) {
          throw buildError(Error, "ECANCELED", `${operation} was canceled`, { operation, path: detail, cause: signal.reason });
        }
        throw error;
      },
    );
  }

  const write = op("write", (operation, path, data, options) => {
    const detail = checkPath(path, operation);
    options = checkOptions(options, operation);
    if (typeof data !== "string" && !(data instanceof Uint8Array)) {
      throw invalid(operation, "data must be a string or a Uint8Array");
    }
    const create = options.create ?? "none";
    if (create !== "none" && create !== "parents") throw invalid(operation, 'options.create must be "none" or "parents"');
    const signal = checkSignal(options.signal, operation);
    const start = (id) => ops.fs_write(id, path, data, create === "parents");
    if (!signal) return { detail, start };
    return { detail, signal, run: () => committedWrite(operation, detail, signal, start) };
  });

  const info = op("info", (operation, path) => {
    const detail = checkPath(path, operation);
    return { detail, start: (id) => ops.fs_info(id, path) };
  });

  const list = op("list", (operation, path) => {
    const detail = checkPath(path, operation);
    return { detail, start: (id) => ops.fs_list(id, path) };
  });

  const remove = op("remove", (operation, path, options) => {
    const detail = checkPath(path, operation);
    const recursive = Boolean(checkOptions(options, operation).recursive);
    return { detail, start: (id) => ops.fs_remove(id, path, recursive) };
  });

  const mkdir = op("mkdir", (operation, path, options) => {
    const detail = checkPath(path, operation);
    const parents = Boolean(checkOptions(options, operation).parents);
    return { detail, start: (id) => ops.fs_mkdir(id, path, parents) };
  });

  const rename = op("rename", (operation, from, to) => {
    const fromText = checkPath(from, operation, "from");
    const toText = checkPath(to, operation, "to");
    return { detail: `${fromText} -> ${toText}`, start: (id) => ops.fs_rename(id, from, to) };
  });

  const readTextOp = (operation, path, options) => {
    const detail = checkPath(path, operation);
    const signal = checkSignal(checkOptions(options, operation).signal, operation);
    const legacy = operation === "kode:fs.readFile";
    return { detail, signal, start: (id) => ops.fs_read_text(id, path, legacy) };
  };
  const readText = op("readText", readTextOp);
  const readFileText = op("readFile", readTextOp);

  // Legacy Node-style callback: callback(err, text), called on a later turn.
  function readFile(path, callback) {
    if (typeof callback !== "function") throw invalid("kode:fs.readFile", "callback must be a function");
    readFileText(path).then(
      (text) => callback(null, text),
      (error) => callback(error),
    );
  }

  // --- open: a file read chunk by chunk ----------------------------------------
  // The handle is a resource (Rust's resource table): the host reads a few
  // chunks ahead and no further until `read()` takes one. It closes on
  // `close()`, when the async iteration ends, when `options.signal` aborts
  // (pass `scope.signal` to tie it to a `Kode.scope`), and at exit.
  const DEFAULT_CHUNK = 65536;
  const MAX_CHUNK = 16 * 1024 * 1024;
  const handleToken = Symbol("kode.fs.FileHandle");

  function unsupported(operation, message, path) {
    return buildError(Error, "EUNSUPPORTED", `EUNSUPPORTED: ${message}`, path === undefined ? { operation } : { operation, path });
  }

  function closedError(operation, path) {
    return buildError(Error, "ECLOSED", `ECLOSED: file handle is closed, ${operation} '${path}'`, { operation, path });
  }

  class FileHandle {
    #rid;
    #path;
    #closed = false;
    #release;
    constructor(key, rid, path, signal) {
      if (key !== handleToken) throw invalid("kode:fs.FileHandle", "Illegal constructor: use open()");
      this.#rid = rid;
      this.#path = path;
      this.#release = ownedBy(signal, () => this.close());
    }
    get path() {
      return this.#path;
    }
    get closed() {
      return this.#closed;
    }
    // SPEC section 4.3's Web streams of a handle: declared, not built yet. A clear
    // error beats `undefined`, which code would take for a missing feature.
    get readable() {
      throw unsupported("kode:fs.FileHandle.readable", "FileHandle.readable needs Web streams, which Kode does not provide yet: use read() or for await");
    }
    get writable() {
      throw unsupported("kode:fs.FileHandle.writable", "FileHandle.writable needs Web streams, which Kode does not provide yet");
    }
    // The next chunk (a Uint8Array), or null at the end of the file.
    read() {
      const operation = "kode:fs.FileHandle.read";
      if (this.#closed) return Promise.reject(closedError(operation, this.#path));
      return hostOp(operation, this.#path, undefined, (id) => ops.resource_read(id, this.#rid), { path: this.#path });
    }
    // The file's info now (fstat of the open file).
    info() {
      const operation = "kode:fs.FileHandle.info";
      if (this.#closed) return Promise.reject(closedError(operation, this.#path));
      return hostOp(operation, this.#path, undefined, (id) => ops.fs_handle_info(id, this.#rid), { path: this.#path });
    }
    // Closes the file; reads still pending reject with ECLOSED. Closing again does nothing.
    close() {
      if (this.#closed) return;
      this.#closed = true;
      this.#release();
      ops.resource_close(this.#rid);
    }
    // Yields every chunk to the end, then closes the handle (also on `break`).
    async *[Symbol.asyncIterator]() {
      try {
        for (let chunk = await this.read(); chunk !== null; chunk = await this.read()) yield chunk;
      } finally {
        this.close();
      }
    }
    get [Symbol.toStringTag]() {
      return "FileHandle";
    }
  }

  const open = op("open", (operation, path, options) => {
    const detail = checkPath(path, operation);
    options = checkOptions(options, operation);
    if (options.write !== undefined && options.write !== false) {
      throw unsupported(operation, "options.write is not supported yet (writable handles come with Web streams)", detail);
    }
    if (options.read !== true) throw invalid(operation, "options.read must be true");
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK) {
      throw invalid(operation, `options.chunkSize must be an integer from 1 to ${MAX_CHUNK}`);
    }
    const signal = checkSignal(options.signal, operation);
    const run = () =>
      hostOp(operation, detail, signal, (id) => ops.fs_open(id, path, chunkSize), { path: detail }).then((rid) => {
        if (signal?.aborted) {
          // The owner went away while the file was opening.
          ops.resource_close(rid);
          throw buildError(Error, "ECANCELED", `${operation} was canceled`, { operation, path: detail, cause: signal.reason });
        }
        return new FileHandle(handleToken, rid, detail, signal);
      });
    return { detail, signal, run };
  });

  return { read, write, info, list, remove, mkdir, rename, readText, readFile, open };
})

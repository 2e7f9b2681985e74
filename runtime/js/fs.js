// fs.js: kode:fs. Promise-first file operations on Tokio; every error carries
// `code`, `operation` ("kode:fs.read") and `path`.
(function (ops, internal) {
  "use strict";

  const { hostOp, checkSignal, buildError, ownedBy, describeValue } = internal;

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

  // kode:internal/streams, loaded by the first use of a stream here (a
  // program that passes one has loaded it already).
  const streams = () => internal.loadInternal("kode:internal/streams").internals;

  const isStream = (value) => typeof value === "object" && value !== null && streams().isReadableStream(value);


  const write = op("write", (operation, path, data, options) => {
    const detail = checkPath(path, operation);
    options = checkOptions(options, operation);
    const streamed = typeof data !== "string" && !(data instanceof Uint8Array) && isStream(data);
    if (typeof data !== "string" && !(data instanceof Uint8Array) && !streamed) {
      throw invalid(operation, "data must be a string, a Uint8Array or a ReadableStream");
    }
    const create = options.create ?? "none";
    if (create !== "none" && create !== "parents") throw invalid(operation, 'options.create must be "none" or "parents"');
    const signal = checkSignal(options.signal, operation);
    if (streamed) return { detail, signal, run: () => writeStream(operation, path, detail, data, create === "parents", signal) };
    const start = (id) => ops.fs_write(id, path, data, create === "parents");
    if (!signal) return { detail, start };
    return { detail, signal, run: () => committedWrite(operation, detail, signal, start) };
  });

  // A ReadableStream of Uint8Arrays, written to the same staged file as
  // bytes are (a resource, fs_write_begin) one chunk at a time: the next
  // chunk is read only once the last one is written. The rename at the end
  // (fs_write_commit) is the commit point, as for bytes. Anything that stops
  // the write first (an abort, the stream's error, a chunk that is not a
  // Uint8Array, a failed write) discards the staged file, cancels the stream
  // (with the error, or the abort's reason) and rejects.
  async function writeStream(operation, path, detail, stream, parents, signal) {
    const fields = { path: detail };
    const reader = stream.getReader();
    const canceled = () => buildError(Error, "ECANCELED", `${operation} was canceled`, { operation, path: detail, cause: signal.reason });
    let rid;
    try {
      rid = await hostOp(operation, detail, signal, (id) => ops.fs_write_begin(id, path, parents), fields);
      // An abort while a chunk is awaited cancels the stream: that read ends
      // the loop and the check after it rejects.
      const unfollow = ownedBy(signal, () => reader.cancel(signal.reason).catch(() => {}));
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (signal?.aborted) throw canceled();
          if (done) break;
          if (!(value instanceof Uint8Array)) {
            throw invalid(operation, `each chunk of the stream must be a Uint8Array (got ${describeValue(value)})`);
          }
          await hostOp(operation, detail, signal, (id) => ops.resource_write(id, rid, value), fields);
        }
      } finally {
        unfollow();
      }
      const start = (id) => ops.fs_write_commit(id, rid);
      return await (signal ? committedWrite(operation, detail, signal, start) : hostOp(operation, detail, undefined, start, fields));
    } catch (error) {
      reader.cancel(error?.code === "ECANCELED" && signal?.aborted ? signal.reason : error).catch(() => {});
      throw error;
    } finally {
      // Discards the staged file; after the commit the id is already gone.
      if (rid !== undefined) ops.resource_close(rid);
      reader.releaseLock();
    }
  }

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

  // --- open: a file handle ------------------------------------------------------
  // The handle is a resource (Rust's resource table). Opened for reading,
  // the host reads a few chunks ahead and no further until `read()` (or the
  // handle's `readable`) takes one; opened for writing, `write()` (or
  // `writable`) writes in call order, each promise settling once its bytes
  // are written. It closes on `close()`, when every direction it was opened
  // for is done (its reading has ended: to the end, cancelled or broken off;
  // its writable has closed), when `options.signal` aborts (pass
  // `scope.signal` to tie it to a `Kode.scope`), and at exit.
  const DEFAULT_CHUNK = 65536;
  const MAX_CHUNK = 16 * 1024 * 1024;
  // fs_open's mode bits (Mode in runtime/src/ext/fs/handle.rs).
  const READ = 1;
  const WRITE = 2;
  const APPEND = 4;
  const CREATE = 8;
  const CREATE_NEW = 16;
  const handleToken = Symbol("kode.fs.FileHandle");

  function closedError(operation, path) {
    return buildError(Error, "ECLOSED", `ECLOSED: file handle is closed, ${operation} '${path}'`, { operation, path });
  }

  function notOpenedFor(member, direction, path) {
    const operation = `kode:fs.FileHandle.${member}`;
    return buildError(TypeError, "EINVALID_ARG", `${operation}: the handle of '${path}' was not opened for ${direction} (open it with { ${direction === "reading" ? "read" : "write"}: true })`, { operation, path });
  }

  class FileHandle {
    #rid;
    #path;
    #closed = false;
    #release;
    #reads;
    #writes;
    #readDone = false;
    #writeDone = false;
    #readable;
    #writable;
    constructor(key, rid, path, signal, mode) {
      if (key !== handleToken) throw invalid("kode:fs.FileHandle", "Illegal constructor: use open()");
      this.#rid = rid;
      this.#path = path;
      this.#reads = (mode & READ) !== 0;
      this.#writes = (mode & (WRITE | APPEND)) !== 0;
      this.#release = ownedBy(signal, () => this.close());
    }
    get path() {
      return this.#path;
    }
    get closed() {
      return this.#closed;
    }
    // A byte ReadableStream of the file's chunks (the same one each time).
    // Reading it to the end, cancelling it, or its failing ends the handle's
    // reading, as the async iteration does.
    get readable() {
      if (!this.#reads) throw notOpenedFor("readable", "reading", this.#path);
      this.#readable ??= streams().createReadable(
        async () => {
          try {
            const chunk = await this.read();
            if (chunk === null) this.#done(READ);
            return chunk;
          } catch (error) {
            this.#done(READ);
            throw error;
          }
        },
        () => this.#done(READ),
        { type: "bytes" },
      );
      return this.#readable;
    }
    // A WritableStream of Uint8Arrays whose sink is write() (the same one
    // each time). Closing it, or its failing, ends the handle's writing;
    // aborting it closes the handle.
    get writable() {
      if (!this.#writes) throw notOpenedFor("writable", "writing", this.#path);
      const operation = "kode:fs.FileHandle.writable";
      this.#writable ??= streams().createWritable(
        async (chunk) => {
          try {
            if (!(chunk instanceof Uint8Array)) throw invalid(operation, `each chunk must be a Uint8Array (got ${describeValue(chunk)})`);
            await this.write(chunk);
          } catch (error) {
            this.#done(WRITE);
            throw error;
          }
        },
        () => this.#done(WRITE),
        () => this.close(),
      );
      return this.#writable;
    }
    // The next chunk (a Uint8Array), or null at the end of the file.
    read() {
      const operation = "kode:fs.FileHandle.read";
      if (!this.#reads) return Promise.reject(notOpenedFor("read", "reading", this.#path));
      if (this.#closed) return Promise.reject(closedError(operation, this.#path));
      return hostOp(operation, this.#path, undefined, (id) => ops.resource_read(id, this.#rid), { path: this.#path });
    }
    // Writes all of `data` (a Uint8Array, or a string as UTF-8); resolves with
    // the number of bytes once they are written. Writes happen in call order.
    write(data) {
      const operation = "kode:fs.FileHandle.write";
      if (!this.#writes) return Promise.reject(notOpenedFor("write", "writing", this.#path));
      if (typeof data !== "string" && !(data instanceof Uint8Array)) {
        return Promise.reject(invalid(operation, `data must be a string or a Uint8Array (got ${describeValue(data)})`));
      }
      if (this.#closed) return Promise.reject(closedError(operation, this.#path));
      return hostOp(operation, this.#path, undefined, (id) => ops.resource_write(id, this.#rid, data), { path: this.#path });
    }
    // The file's info now (fstat of the open file).
    info() {
      const operation = "kode:fs.FileHandle.info";
      if (this.#closed) return Promise.reject(closedError(operation, this.#path));
      return hostOp(operation, this.#path, undefined, (id) => ops.fs_handle_info(id, this.#rid), { path: this.#path });
    }
    // Closes the file: reads still pending reject with ECLOSED, writes
    // already made complete. Closing again does nothing.
    close() {
      if (this.#closed) return;
      this.#closed = true;
      this.#release();
      ops.resource_close(this.#rid);
    }
    // One direction is done: the handle closes once every direction it was
    // opened for is.
    #done(direction) {
      if (direction === READ) this.#readDone = true;
      else this.#writeDone = true;
      if ((!this.#reads || this.#readDone) && (!this.#writes || this.#writeDone)) this.close();
    }
    // Yields every chunk to the end, then ends the reading (also on `break`).
    async *[Symbol.asyncIterator]() {
      try {
        for (let chunk = await this.read(); chunk !== null; chunk = await this.read()) yield chunk;
      } finally {
        this.#done(READ);
      }
    }
    get [Symbol.toStringTag]() {
      return "FileHandle";
    }
  }

  const open = op("open", (operation, path, options) => {
    const detail = checkPath(path, operation);
    options = checkOptions(options, operation);
    const flag = (name) => {
      const value = options[name] ?? false;
      if (typeof value !== "boolean") throw invalid(operation, `options.${name} must be a boolean`);
      return value;
    };
    const [read, write, append] = [flag("read"), flag("write"), flag("append")];
    if (!read && !write && !append) throw invalid(operation, "options must ask for read, write or append");
    const create = options.create ?? false;
    if (create !== false && create !== true && create !== "new") throw invalid(operation, 'options.create must be true, false or "new"');
    if (create !== false && !write && !append) throw invalid(operation, "options.create needs write or append");
    const mode = (read ? READ : 0) | (write ? WRITE : 0) | (append ? APPEND : 0) | (create === true ? CREATE : 0) | (create === "new" ? CREATE_NEW : 0);
    const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK) {
      throw invalid(operation, `options.chunkSize must be an integer from 1 to ${MAX_CHUNK}`);
    }
    const signal = checkSignal(options.signal, operation);
    const run = () =>
      hostOp(operation, detail, signal, (id) => ops.fs_open(id, path, chunkSize, mode), { path: detail }).then((rid) => {
        if (signal?.aborted) {
          // The owner went away while the file was opening.
          ops.resource_close(rid);
          throw buildError(Error, "ECANCELED", `${operation} was canceled`, { operation, path: detail, cause: signal.reason });
        }
        return new FileHandle(handleToken, rid, detail, signal, mode);
      });
    return { detail, signal, run };
  });

  return { read, write, info, list, remove, mkdir, rename, readText, readFile, open };
})

// fs.js: node:fs over the node area's system-call ops (runtime/src/ext/node/fs.rs).
//
// File descriptors are the OS's own (open gives a real fd, 0/1/2 are stdio),
// so Node programs that pass numbers around, fork them to children or mix
// them with process.stdout see what they would under Node. Each operation is
// written once, as a generator that yields the system calls it makes: the
// Sync form runs them at once, the callback and promise forms on the
// blocking pool (one op per call), so all three fail with the same errors.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, invalidArgValue, outOfRange, uvException, invokeCallback, unsupportedFunction } = support;
  const pathModule = support.builtin("node:path");
  const B = () => support.builtin("node:buffer").Buffer;
  const lossy = new TextDecoder();

  const constants = {
    UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
    UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
    UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
    EXTENSIONLESS_FORMAT_JAVASCRIPT: 0, EXTENSIONLESS_FORMAT_WASM: 1,
    S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096,
    S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256,
    O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072,
    O_SYNC: 1052672, O_DSYNC: 4096, O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256,
    S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7,
    S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1,
    COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4,
    COPYFILE_FICLONE_FORCE: 4,
  };
  const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_SYNC, S_IFMT } = constants;
  const kMaxLength = 2 ** 31 - 1;
  const kReadChunk = 64 * 1024;

  // --- argument checks (Node's messages) -----------------------------------------

  function isURL(value) {
    return value != null && typeof value === "object" && value.href != null && value.protocol != null && value.auth === undefined && value.path === undefined;
  }

  function fileURLToPath(url) {
    if (typeof url === "string") url = new URL(url);
    if (url.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
    if (url.hostname !== "" && url.hostname !== "localhost") {
      throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", 'File URL host must be "localhost" or empty on linux');
    }
    const { pathname } = url;
    if (/%2f/i.test(pathname)) {
      throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
    }
    return decodeURIComponent(pathname);
  }

  // A path argument as the text the ops take (Buffer paths are decoded as
  // UTF-8: names that are not UTF-8 are not reachable through Buffers).
  function getPath(value, name = "path") {
    let path = value;
    if (isURL(value)) path = fileURLToPath(value);
    else if (value instanceof Uint8Array) path = lossy.decode(value);
    else if (typeof value !== "string") throw invalidArgType(name, "of type string or an instance of Buffer or URL", value);
    if (path.includes("\u0000")) throw invalidArgValue(name, value, "must be a string, Uint8Array, or URL without null bytes");
    return path;
  }

  function checkFd(fd, name = "fd") {
    if (typeof fd !== "number") throw invalidArgType(name, "of type number", fd);
    if (!Number.isInteger(fd)) throw outOfRange(name, "an integer", fd);
    if (fd < 0 || fd > 2147483647) throw outOfRange(name, ">= 0 && <= 2147483647", fd);
    return fd;
  }

  function checkFunction(value, name) {
    if (typeof value !== "function") throw invalidArgType(name, "of type function", value);
    return value;
  }

  function checkBoolean(value, name) {
    if (typeof value !== "boolean") throw invalidArgType(name, "of type boolean", value);
    return value;
  }

  function checkInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== "number") throw invalidArgType(name, "of type number", value);
    if (!Number.isInteger(value)) throw outOfRange(name, "an integer", value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
    return value;
  }

  const flagTable = {
    r: O_RDONLY, rs: O_RDONLY | O_SYNC, sr: O_RDONLY | O_SYNC, "r+": O_RDWR, "rs+": O_RDWR | O_SYNC, "sr+": O_RDWR | O_SYNC,
    w: O_TRUNC | O_CREAT | O_WRONLY, wx: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL, xw: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
    "w+": O_TRUNC | O_CREAT | O_RDWR, "wx+": O_TRUNC | O_CREAT | O_RDWR | O_EXCL, "xw+": O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
    a: O_APPEND | O_CREAT | O_WRONLY, ax: O_APPEND | O_CREAT | O_WRONLY | O_EXCL, xa: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
    as: O_APPEND | O_CREAT | O_WRONLY | O_SYNC, sa: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
    "a+": O_APPEND | O_CREAT | O_RDWR, "ax+": O_APPEND | O_CREAT | O_RDWR | O_EXCL, "xa+": O_APPEND | O_CREAT | O_RDWR | O_EXCL,
    "as+": O_APPEND | O_CREAT | O_RDWR | O_SYNC, "sa+": O_APPEND | O_CREAT | O_RDWR | O_SYNC,
  };

  function stringToFlags(flags, name = "flags") {
    if (typeof flags === "number") return flags;
    if (flags == null) return O_RDONLY;
    if (Object.hasOwn(flagTable, flags)) return flagTable[flags];
    throw invalidArgValue(name, flags);
  }

  function parseMode(value, name, fallback) {
    if (value == null) return fallback;
    if (typeof value === "string") {
      if (!/^[0-7]+$/.test(value)) throw invalidArgValue(name, value, "must be a 32-bit unsigned integer or an octal string");
      value = parseInt(value, 8);
    }
    return checkInteger(value, name, 0, 4294967295);
  }

  function checkEncoding(encoding) {
    if (encoding == null || encoding === "buffer") return encoding ?? null;
    if (!B().isEncoding(encoding)) throw invalidArgValue("encoding", encoding, "is invalid encoding");
    return encoding;
  }

  // Node's getOptions: a string is the encoding; an object is copied over
  // the defaults.
  function getOptions(options, defaults) {
    if (options == null || typeof options === "function") return { ...defaults };
    if (typeof options === "string") {
      checkEncoding(options);
      return { ...defaults, encoding: options };
    }
    if (typeof options !== "object") throw invalidArgType("options", "one of type string or an instance of Object", options);
    const result = { ...defaults, ...options };
    if (options.encoding !== undefined) checkEncoding(options.encoding);
    return result;
  }

  // Bytes of data to write: a string in `encoding`, a Buffer, any
  // TypedArray or DataView (its bytes).
  function toBytes(data, encoding, name = "data") {
    if (typeof data === "string") return B().from(data, encoding ?? "utf8");
    if (ArrayBuffer.isView(data)) return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw invalidArgType(name, "of type string or an instance of Buffer, TypedArray, or DataView", data);
  }

  function asBuffer(bytes) {
    return B().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  // Seconds since the epoch from a Date, a number or a numeric string.
  function toUnixTimestamp(time, name = "time") {
    if (typeof time === "string" && +time == time) return +time;
    if (typeof time === "number" && Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
    if (time instanceof Date) return time.getTime() / 1000;
    throw invalidArgType(name, "of type number or an instance of Date", time);
  }

  function position(value) {
    if (value == null || value === -1) return -1;
    if (typeof value === "bigint") return Number(value);
    return checkInteger(value, "position", -1, Number.MAX_SAFE_INTEGER);
  }

  // --- the engine -------------------------------------------------------------------
  // A flow yields `call(...)` records; the drivers run them.

  function call(syscall, path, dest, start) {
    return { syscall, path, dest, start };
  }

  function runSyncCall({ syscall, path, dest, start }) {
    try {
      return start(null);
    } catch (error) {
      throw uvException(error, syscall, path, dest);
    }
  }

  function runAsyncCall({ syscall, path, dest, start }) {
    return internal.hostOp(`node:fs.${syscall}`, path ?? "", undefined, start).catch((error) => {
      throw uvException(error, syscall, path, dest);
    });
  }

  function runSync(gen) {
    let step = gen.next();
    while (!step.done) {
      let value;
      try {
        value = runSyncCall(step.value);
      } catch (error) {
        step = gen.throw(error);
        continue;
      }
      step = gen.next(value);
    }
    return step.value;
  }

  async function runAsync(gen, step = gen.next()) {
    while (!step.done) {
      let value;
      try {
        value = await runAsyncCall(step.value);
      } catch (error) {
        step = gen.throw(error);
        continue;
      }
      step = gen.next(value);
    }
    return step.value;
  }

  // The callback form: the last argument is the callback; argument errors
  // throw at once (the flow's first step runs now), the rest reach it.
  function withCallback(flow, args, deliver = (cb, value) => invokeCallback(cb, null, value)) {
    const cb = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
    if (cb === undefined) throw invalidArgType("cb", "of type function", undefined);
    const gen = flow(...args);
    const first = gen.next();
    runAsync(gen, first).then(
      (value) => deliver(cb, value),
      (error) => invokeCallback(cb, error),
    );
  }

  function promiseForm(flow) {
    return function (...args) {
      try {
        return runAsync(flow(...args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  }

  const fs = {};
  const promises = {};

  // Defines name, nameSync and promises.name from one flow.
  function define(name, flow, { promise = true } = {}) {
    fs[name] = { [name](...args) { withCallback(flow, args); } }[name];
    fs[`${name}Sync`] = { [`${name}Sync`](...args) { return runSync(flow(...args)); } }[`${name}Sync`];
    if (promise) promises[name] = { [name]: promiseForm(flow) }[name];
  }

  // --- Stats and Dirent ---------------------------------------------------------------

  function dateFromMs(ms) {
    return new Date(Math.round(ms));
  }

  function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
    this.dev = dev;
    this.mode = mode;
    this.nlink = nlink;
    this.uid = uid;
    this.gid = gid;
    this.rdev = rdev;
    this.blksize = blksize;
    this.ino = ino;
    this.size = size;
    this.blocks = blocks;
  }
  const modeIs = (type) =>
    function () {
      return (this.mode & S_IFMT) === type;
    };
  Object.assign(StatsBase.prototype, {
    isDirectory: modeIs(constants.S_IFDIR),
    isFile: modeIs(constants.S_IFREG),
    isBlockDevice: modeIs(constants.S_IFBLK),
    isCharacterDevice: modeIs(constants.S_IFCHR),
    isSymbolicLink: modeIs(constants.S_IFLNK),
    isFIFO: modeIs(constants.S_IFIFO),
    isSocket: modeIs(constants.S_IFSOCK),
  });

  function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
    StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
    this.atimeMs = atimeMs;
    this.mtimeMs = mtimeMs;
    this.ctimeMs = ctimeMs;
    this.birthtimeMs = birthtimeMs;
    this.atime = dateFromMs(atimeMs);
    this.mtime = dateFromMs(mtimeMs);
    this.ctime = dateFromMs(ctimeMs);
    this.birthtime = dateFromMs(birthtimeMs);
  }
  Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
  Object.setPrototypeOf(Stats, StatsBase);
  Stats.prototype.isFile = StatsBase.prototype.isFile;
  Stats.prototype._checkModeProperty = function (property) {
    return (this.mode & S_IFMT) === property;
  };

  const makeStats = (numbers) => new Stats(...numbers);

  const kType = Symbol("type");

  class Dirent {
    constructor(name, type, path) {
      this.name = name;
      this.parentPath = path;
      this.path = path;
      this[kType] = type;
    }
    isDirectory() {
      return this[kType] === constants.UV_DIRENT_DIR;
    }
    isFile() {
      return this[kType] === constants.UV_DIRENT_FILE;
    }
    isBlockDevice() {
      return this[kType] === constants.UV_DIRENT_BLOCK;
    }
    isCharacterDevice() {
      return this[kType] === constants.UV_DIRENT_CHAR;
    }
    isSymbolicLink() {
      return this[kType] === constants.UV_DIRENT_LINK;
    }
    isFIFO() {
      return this[kType] === constants.UV_DIRENT_FIFO;
    }
    isSocket() {
      return this[kType] === constants.UV_DIRENT_SOCKET;
    }
  }

  // --- system calls ---------------------------------------------------------------------

  const sys = {
    open: (path, flags, mode) => call("open", path, undefined, (id) => ops.node_fs_open(id, path, flags, mode)),
    close: (fd) => call("close", undefined, undefined, (id) => ops.node_fs_close(id, fd)),
    read: (fd, length, pos) => call("read", undefined, undefined, (id) => ops.node_fs_read(id, fd, length, pos)),
    write: (fd, bytes, pos) => call("write", undefined, undefined, (id) => ops.node_fs_write(id, fd, bytes, pos)),
    stat: (path, syscall = "stat") => call(syscall, path, undefined, (id) => ops.node_fs_stat(id, path, syscall !== "lstat")),
    fstat: (fd) => call("fstat", undefined, undefined, (id) => ops.node_fs_fstat(id, fd)),
    readdir: (path, syscall = "scandir") => call(syscall, syscall === "scandir" ? path : undefined, undefined, (id) => ops.node_fs_readdir(id, path)),
    mkdir: (path, mode, recursive) => call("mkdir", path, undefined, (id) => ops.node_fs_mkdir(id, path, mode, recursive)),
    unlink: (path) => call("unlink", path, undefined, (id) => ops.node_fs_remove(id, path, 0)),
    rmdir: (path) => call("rmdir", path, undefined, (id) => ops.node_fs_remove(id, path, 1)),
    rmtree: (path) => call("rm", path, undefined, (id) => ops.node_fs_remove(id, path, 2)),
    rename: (from, to) => call("rename", from, to, (id) => ops.node_fs_link(id, from, to, 0)),
    link: (from, to) => call("link", from, to, (id) => ops.node_fs_link(id, from, to, 1)),
    symlink: (target, path) => call("symlink", target, path, (id) => ops.node_fs_link(id, target, path, 2)),
    copyfile: (from, to, exclusive) => call("copyfile", from, to, (id) => ops.node_fs_link(id, from, to, exclusive ? 4 : 3)),
    readlink: (path) => call("readlink", path, undefined, (id) => ops.node_fs_path(id, path, 0)),
    realpath: (path) => call("realpath", path, undefined, (id) => ops.node_fs_path(id, path, 1)),
    access: (path, mode) => call("access", path, undefined, (id) => ops.node_fs_access(id, path, mode)),
    chmod: (path, mode) => call("chmod", path, undefined, (id) => ops.node_fs_chmod(id, path, 0, mode)),
    fchmod: (fd, mode) => call("fchmod", undefined, undefined, (id) => ops.node_fs_chmod(id, null, fd, mode)),
    chown: (path, uid, gid, follow) => call(follow ? "chown" : "lchown", path, undefined, (id) => ops.node_fs_chown(id, path, 0, uid, gid, follow)),
    fchown: (fd, uid, gid) => call("fchown", undefined, undefined, (id) => ops.node_fs_chown(id, null, fd, uid, gid, true)),
    utimes: (path, atime, mtime, follow) => call(follow ? "utime" : "lutime", path, undefined, (id) => ops.node_fs_utimes(id, path, 0, atime, mtime, follow)),
    futimes: (fd, atime, mtime) => call("futime", undefined, undefined, (id) => ops.node_fs_utimes(id, null, fd, atime, mtime, true)),
    ftruncate: (fd, len) => call("ftruncate", undefined, undefined, (id) => ops.node_fs_truncate(id, null, fd, len)),
    fsync: (fd, dataOnly) => call(dataOnly ? "fdatasync" : "fsync", undefined, undefined, (id) => ops.node_fs_fsync(id, fd, dataOnly)),
    mkdtemp: (prefix) => call("mkdtemp", `${prefix}XXXXXX`, undefined, (id) => ops.node_fs_mkdtemp(id, prefix)),
  };

  // --- simple operations ---------------------------------------------------------------

  define("access", function* (path, mode) {
    path = getPath(path);
    mode = mode == null ? constants.F_OK : checkInteger(mode, "mode", 0, 7);
    yield sys.access(path, mode);
  });

  define("stat", function* (path, options) {
    path = getPath(path);
    const throwIfNoEntry = options?.throwIfNoEntry ?? true;
    if (options?.bigint) throw support.unsupported("fs.stat({ bigint: true })");
    try {
      return makeStats(yield sys.stat(path));
    } catch (error) {
      if (!throwIfNoEntry && error.code === "ENOENT") return undefined;
      throw error;
    }
  });

  define("lstat", function* (path, options) {
    path = getPath(path);
    const throwIfNoEntry = options?.throwIfNoEntry ?? true;
    if (options?.bigint) throw support.unsupported("fs.lstat({ bigint: true })");
    try {
      return makeStats(yield sys.stat(path, "lstat"));
    } catch (error) {
      if (!throwIfNoEntry && error.code === "ENOENT") return undefined;
      throw error;
    }
  });

  define("fstat", function* (fd, options) {
    checkFd(fd);
    if (options?.bigint) throw support.unsupported("fs.fstat({ bigint: true })");
    return makeStats(yield sys.fstat(fd));
  }, { promise: false });

  function* openFlow(path, flags, mode) {
    path = getPath(path);
    return yield sys.open(path, stringToFlags(flags), parseMode(mode, "mode", 0o666));
  }
  define("open", openFlow, { promise: false });
  // fs.open(path[, flags[, mode]], callback).
  fs.open = function open(path, flags, mode, callback) {
    if (arguments.length < 3) {
      callback = flags;
      flags = "r";
      mode = 0o666;
    } else if (typeof mode === "function") {
      callback = mode;
      mode = 0o666;
    }
    withCallback(openFlow, [path, flags, mode, callback]);
  };

  define("close", function* (fd) {
    checkFd(fd);
    yield sys.close(fd);
  }, { promise: false });
  fs.close = function close(fd, cb = () => {}) {
    withCallback(function* (f) {
      checkFd(f);
      yield sys.close(f);
    }, [fd, checkFunction(cb, "cb")]);
  };

  define("readlink", function* (path, options) {
    path = getPath(path);
    const { encoding } = getOptions(options, { encoding: "utf8" });
    const target = yield sys.readlink(path);
    return encoding === "buffer" ? B().from(target) : target;
  });

  define("unlink", function* (path) {
    path = getPath(path);
    yield sys.unlink(path);
  });

  define("rmdir", function* (path, options) {
    path = getPath(path);
    if (options?.recursive) {
      // Deprecated in Node: behaves as rm with recursive, missing paths fail.
      yield sys.stat(path, "lstat");
      return void (yield sys.rmtree(path));
    }
    yield sys.rmdir(path);
  });

  define("rename", function* (from, to) {
    from = getPath(from, "oldPath");
    to = getPath(to, "newPath");
    yield sys.rename(from, to);
  });

  define("link", function* (existing, newPath) {
    existing = getPath(existing, "existingPath");
    newPath = getPath(newPath, "newPath");
    yield sys.link(existing, newPath);
  });

  define("symlink", function* (target, path, type) {
    target = getPath(target, "target");
    path = getPath(path);
    if (type != null && typeof type !== "string") throw invalidArgType("type", "of type string", type);
    yield sys.symlink(target, path);
  });

  define("copyFile", function* (src, dest, mode) {
    src = getPath(src, "src");
    dest = getPath(dest, "dest");
    mode = mode == null ? 0 : checkInteger(mode, "mode", 0, 7);
    yield sys.copyfile(src, dest, (mode & constants.COPYFILE_EXCL) !== 0);
  });

  define("chmod", function* (path, mode) {
    path = getPath(path);
    yield sys.chmod(path, parseMode(mode, "mode"));
  });

  define("fchmod", function* (fd, mode) {
    checkFd(fd);
    yield sys.fchmod(fd, parseMode(mode, "mode"));
  }, { promise: false });

  const idRange = (value, name) => checkInteger(value, name, -1, 4294967295);

  define("chown", function* (path, uid, gid) {
    path = getPath(path);
    yield sys.chown(path, idRange(uid, "uid"), idRange(gid, "gid"), true);
  });

  define("lchown", function* (path, uid, gid) {
    path = getPath(path);
    yield sys.chown(path, idRange(uid, "uid"), idRange(gid, "gid"), false);
  });

  define("fchown", function* (fd, uid, gid) {
    checkFd(fd);
    yield sys.fchown(fd, idRange(uid, "uid"), idRange(gid, "gid"));
  }, { promise: false });

  define("utimes", function* (path, atime, mtime) {
    path = getPath(path);
    yield sys.utimes(path, toUnixTimestamp(atime, "atime"), toUnixTimestamp(mtime, "mtime"), true);
  });

  define("lutimes", function* (path, atime, mtime) {
    path = getPath(path);
    yield sys.utimes(path, toUnixTimestamp(atime, "atime"), toUnixTimestamp(mtime, "mtime"), false);
  });

  define("futimes", function* (fd, atime, mtime) {
    checkFd(fd);
    yield sys.futimes(fd, toUnixTimestamp(atime, "atime"), toUnixTimestamp(mtime, "mtime"));
  }, { promise: false });

  define("fsync", function* (fd) {
    checkFd(fd);
    yield sys.fsync(fd, false);
  }, { promise: false });

  define("fdatasync", function* (fd) {
    checkFd(fd);
    yield sys.fsync(fd, true);
  }, { promise: false });

  define("ftruncate", function* (fd, len = 0) {
    checkFd(fd);
    len = checkInteger(len, "len");
    yield sys.ftruncate(fd, Math.max(0, len));
  }, { promise: false });

  define("truncate", function* (path, len = 0) {
    if (typeof path === "number") return void (yield sys.ftruncate(checkFd(path), Math.max(0, checkInteger(len, "len"))));
    path = getPath(path);
    len = Math.max(0, checkInteger(len, "len"));
    const fd = yield sys.open(path, O_RDWR, 0o666);
    try {
      yield sys.ftruncate(fd, len);
    } finally {
      yield sys.close(fd);
    }
  });

  define("mkdtemp", function* (prefix, options) {
    const { encoding } = getOptions(options, { encoding: "utf8" });
    prefix = getPath(prefix, "prefix");
    const made = yield sys.mkdtemp(prefix);
    return encoding === "buffer" ? B().from(made) : made;
  });

  define("mkdir", function* (path, options) {
    path = getPath(path);
    let mode = 0o777;
    let recursive = false;
    if (typeof options === "number" || typeof options === "string") mode = parseMode(options, "mode");
    else if (options != null) {
      if (options.recursive !== undefined) recursive = checkBoolean(options.recursive, "options.recursive");
      mode = parseMode(options.mode, "options.mode", 0o777);
    }
    const made = yield sys.mkdir(path, mode, recursive);
    return recursive ? made : undefined;
  });

  // --- realpath ---------------------------------------------------------------------------
  // Node's JavaScript realpath reports a missing component as an lstat
  // error on that component; realpath.native as the realpath call.

  function* realpathFlow(path, options) {
    const { encoding } = getOptions(options, { encoding: "utf8" });
    path = getPath(path);
    let resolved;
    try {
      resolved = yield sys.realpath(path);
    } catch (error) {
      const absolute = pathModule.resolve(path);
      let at = "/";
      for (const part of absolute.split("/").filter(Boolean)) {
        at = pathModule.join(at, part);
        yield sys.stat(at, "lstat");
      }
      throw error;
    }
    return encoding === "buffer" ? B().from(resolved) : resolved;
  }

  function* realpathNativeFlow(path, options) {
    const { encoding } = getOptions(options, { encoding: "utf8" });
    path = getPath(path);
    const resolved = yield sys.realpath(path);
    return encoding === "buffer" ? B().from(resolved) : resolved;
  }

  fs.realpath = function realpath(...args) {
    withCallback(realpathFlow, args);
  };
  fs.realpath.native = function realpath(...args) {
    withCallback(realpathNativeFlow, args);
  };
  fs.realpathSync = function realpathSync(path, options) {
    return runSync(realpathFlow(path, options));
  };
  fs.realpathSync.native = function realpathSync(path, options) {
    return runSync(realpathNativeFlow(path, options));
  };
  promises.realpath = promiseForm(realpathNativeFlow);

  // --- exists --------------------------------------------------------------------------------

  fs.exists = function exists(path, callback) {
    checkFunction(callback, "cb");
    let checked;
    try {
      checked = getPath(path);
    } catch {
      support.nextTick(callback, false);
      return;
    }
    runAsync(function* () {
      yield sys.access(checked, constants.F_OK);
    }()).then(
      () => invokeCallback(callback, true),
      () => invokeCallback(callback, false),
    );
  };

  // util.promisify(fs.exists) resolves the boolean (the callback has no error).
  Object.defineProperty(fs.exists, Symbol.for("nodejs.util.promisify.custom"), {
    value: (path) => new Promise((resolve) => fs.exists(path, resolve)),
    configurable: true,
  });

  fs.existsSync = function existsSync(path) {
    try {
      runSync(function* () {
        yield sys.access(getPath(path), constants.F_OK);
      }());
      return true;
    } catch {
      return false;
    }
  };

  // --- readdir ----------------------------------------------------------------------------

  function* readdirFlow(path, options) {
    path = getPath(path);
    options = getOptions(options, { encoding: "utf8", withFileTypes: false, recursive: false });
    const { encoding } = options;
    const withFileTypes = Boolean(options.withFileTypes);
    const name = (text) => (encoding === "buffer" ? B().from(text) : text);
    const results = [];
    const queue = [path];
    // Breadth first, as Node lists a recursive readdir.
    for (let i = 0; i < queue.length; i++) {
      const dir = queue[i];
      const list = yield sys.readdir(dir);
      for (let j = 0; j < list.length; j += 2) {
        const entry = list[j];
        const type = list[j + 1];
        const full = pathModule.join(dir, entry);
        if (withFileTypes) {
          results.push(new Dirent(name(entry), type, dir));
          if (options.recursive && type === constants.UV_DIRENT_DIR) queue.push(full);
        } else {
          results.push(name(i === 0 ? entry : pathModule.relative(path, full)));
          if (options.recursive) {
            // Node follows links here (its stat of each entry).
            let isDir = type === constants.UV_DIRENT_DIR;
            if (type === constants.UV_DIRENT_LINK) {
              try {
                isDir = makeStats(yield sys.stat(full)).isDirectory();
              } catch {
                isDir = false;
              }
            }
            if (isDir) queue.push(full);
          }
        }
      }
    }
    return results;
  }
  define("readdir", readdirFlow);

  // --- rm ------------------------------------------------------------------------------------

  function systemError(key, info) {
    const message = `Path is a directory: ${info.syscall} returned ${info.code} (${info.message}) ${info.path}`;
    const error = new Error(message);
    Object.defineProperty(error, "name", { value: `SystemError [${key}]`, configurable: true, writable: true });
    void error.stack;
    delete error.name;
    Object.setPrototypeOf(error, SystemError.prototype);
    error.code = key;
    error.info = info;
    for (const field of ["errno", "syscall", "path"]) {
      Object.defineProperty(error, field, {
        get: () => info[field],
        set: (value) => {
          info[field] = value;
        },
        enumerable: true,
        configurable: true,
      });
    }
    return error;
  }
  class SystemError extends Error {}
  Object.defineProperty(SystemError.prototype, "name", { value: "SystemError", writable: true, configurable: true });
  SystemError.prototype.toString = function () {
    return `${this.name} [${this.code}]: ${this.message}`;
  };

  define("rm", function* (path, options) {
    path = getPath(path);
    if (options != null && typeof options !== "object") throw invalidArgType("options", "of type object", options);
    const recursive = options?.recursive === undefined ? false : checkBoolean(options.recursive, "options.recursive");
    const force = options?.force === undefined ? false : checkBoolean(options.force, "options.force");
    let stats;
    try {
      stats = makeStats(yield sys.stat(path, "lstat"));
    } catch (error) {
      if (force && error.code === "ENOENT") return;
      throw error;
    }
    if (stats.isDirectory()) {
      if (!recursive) throw systemError("ERR_FS_EISDIR", { code: "EISDIR", message: "is a directory", path, syscall: "rm", errno: 21 });
      try {
        yield sys.rmtree(path);
      } catch (error) {
        if (!(force && error.code === "ENOENT")) throw error;
      }
      return;
    }
    try {
      yield sys.unlink(path);
    } catch (error) {
      if (!(force && error.code === "ENOENT")) throw error;
    }
  });

  // --- read / write with descriptors ----------------------------------------------------

  function checkBuffer(buffer, name = "buffer") {
    if (!ArrayBuffer.isView(buffer)) throw invalidArgType(name, "an instance of Buffer, TypedArray, or DataView", buffer);
    return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }

  // The (buffer, offset, length, position) of a read, from any of Node's forms.
  function readArgs(buffer, offsetOrOptions, length, pos) {
    let offset = offsetOrOptions;
    if (buffer !== undefined && !ArrayBuffer.isView(buffer) && typeof buffer === "object" && buffer !== null) {
      ({ buffer = B().alloc(16384), offset = 0, length, position: pos = null } = buffer);
    } else if (offsetOrOptions !== null && typeof offsetOrOptions === "object") {
      ({ offset = 0, length, position: pos = null } = offsetOrOptions);
    } else if (buffer === undefined) {
      buffer = B().alloc(16384);
    }
    const bytes = checkBuffer(buffer);
    offset = offset == null ? 0 : checkInteger(offset, "offset", 0);
    if (length === undefined) length = bytes.byteLength - offset;
    checkInteger(length, "length", 0);
    if (offset > bytes.byteLength) throw outOfRange("offset", `<= ${bytes.byteLength}`, offset);
    if (length > bytes.byteLength - offset) throw outOfRange("length", `<= ${bytes.byteLength - offset}`, length);
    return { buffer, bytes, offset, length, position: position(pos) };
  }

  function* readFlow(fd, buffer, offset, length, pos) {
    checkFd(fd);
    const args = readArgs(buffer, offset, length, pos);
    if (args.length === 0) return { bytesRead: 0, buffer: args.buffer };
    const got = yield sys.read(fd, args.length, args.position);
    args.bytes.set(got, args.offset);
    return { bytesRead: got.length, buffer: args.buffer };
  }

  fs.read = function read(fd, ...rest) {
    const cb = rest[rest.length - 1];
    checkFunction(cb, "cb");
    withCallback(readFlow, [fd, ...rest], (callback, { bytesRead, buffer }) => invokeCallback(callback, null, bytesRead, buffer));
  };
  fs.readSync = function readSync(fd, buffer, offset, length, pos) {
    return runSync(readFlow(fd, buffer, offset, length, pos)).bytesRead;
  };

  // (fd, buffer, offset, length, position) or (fd, string, position, encoding).
  function* writeFlow(fd, data, offsetOrOptions, length, pos) {
    checkFd(fd);
    let bytes;
    let pos2;
    if (ArrayBuffer.isView(data)) {
      let offset = offsetOrOptions;
      if (offsetOrOptions !== null && typeof offsetOrOptions === "object") ({ offset = 0, length, position: pos = null } = offsetOrOptions);
      const view = checkBuffer(data);
      offset = offset == null ? 0 : checkInteger(offset, "offset", 0);
      if (offset > view.byteLength) throw outOfRange("offset", `<= ${view.byteLength}`, offset);
      if (length == null) length = view.byteLength - offset;
      checkInteger(length, "length", 0);
      if (length > view.byteLength - offset) throw outOfRange("length", `<= ${view.byteLength - offset}`, length);
      bytes = view.subarray(offset, offset + length);
      pos2 = position(pos);
    } else {
      if (typeof data !== "string") throw invalidArgType("buffer", "of type string or an instance of Buffer, TypedArray, or DataView", data);
      const encoding = typeof length === "string" ? length : "utf8";
      bytes = B().from(data, checkEncoding(encoding) ?? "utf8");
      pos2 = position(typeof offsetOrOptions === "number" ? offsetOrOptions : null);
    }
    const written = yield sys.write(fd, bytes, pos2);
    return { bytesWritten: written, buffer: data };
  }

  fs.write = function write(fd, data, ...rest) {
    const cb = rest[rest.length - 1];
    checkFunction(cb, "cb");
    withCallback(writeFlow, [fd, data, ...rest], (callback, { bytesWritten, buffer }) => invokeCallback(callback, null, bytesWritten, buffer));
  };
  fs.writeSync = function writeSync(fd, data, offset, length, pos) {
    return runSync(writeFlow(fd, data, offset, length, pos)).bytesWritten;
  };

  function* readvFlow(fd, buffers, pos) {
    checkFd(fd);
    if (!Array.isArray(buffers)) throw invalidArgType("buffers", "an instance of ArrayBufferView[]", buffers);
    let at = position(pos);
    let total = 0;
    for (const buffer of buffers) {
      const bytes = checkBuffer(buffer);
      const got = yield sys.read(fd, bytes.byteLength, at);
      bytes.set(got);
      total += got.length;
      if (at >= 0) at += got.length;
      if (got.length < bytes.byteLength) break;
    }
    return { bytesRead: total, buffers };
  }

  function* writevFlow(fd, buffers, pos) {
    checkFd(fd);
    if (!Array.isArray(buffers)) throw invalidArgType("buffers", "an instance of ArrayBufferView[]", buffers);
    let at = position(pos);
    let total = 0;
    for (const buffer of buffers) {
      let bytes = checkBuffer(buffer);
      while (bytes.length > 0) {
        const written = yield sys.write(fd, bytes, at);
        total += written;
        if (at >= 0) at += written;
        bytes = bytes.subarray(written);
      }
    }
    return { bytesWritten: total, buffers };
  }

  fs.readv = function readv(fd, buffers, ...rest) {
    withCallback(readvFlow, [fd, buffers, ...rest], (cb, r) => invokeCallback(cb, null, r.bytesRead, r.buffers));
  };
  fs.readvSync = (fd, buffers, pos) => runSync(readvFlow(fd, buffers, pos)).bytesRead;
  fs.writev = function writev(fd, buffers, ...rest) {
    withCallback(writevFlow, [fd, buffers, ...rest], (cb, r) => invokeCallback(cb, null, r.bytesWritten, r.buffers));
  };
  fs.writevSync = (fd, buffers, pos) => runSync(writevFlow(fd, buffers, pos)).bytesWritten;

  // util.promisify(fs.read) and friends resolve { bytesRead, buffer }.
  fs.read[support.customPromisifyArgs] = ["bytesRead", "buffer"];
  fs.write[support.customPromisifyArgs] = ["bytesWritten", "buffer"];
  fs.readv[support.customPromisifyArgs] = ["bytesRead", "buffers"];
  fs.writev[support.customPromisifyArgs] = ["bytesWritten", "buffers"];

  // --- whole files ---------------------------------------------------------------------------

  function* readAll(fd, syscallPath) {
    const chunks = [];
    let total = 0;
    for (;;) {
      const got = yield sys.read(fd, kReadChunk, -1);
      if (got.length === 0) break;
      chunks.push(got);
      total += got.length;
      if (total > kMaxLength) {
        throw nodeError(RangeError, "ERR_FS_FILE_TOO_LARGE", `File size (${total}) is greater than 2 GiB`);
      }
    }
    void syscallPath;
    return B().concat(chunks.map(asBuffer), total);
  }

  // `file` is a path, a descriptor (read from its position, left open) or,
  // for fs/promises, a FileHandle.
  function* readFileFlow(file, options) {
    options = getOptions(options, { flag: "r" });
    const encoding = options.encoding ?? null;
    let fd;
    let own = false;
    if (file instanceof FileHandle) fd = file.fd;
    else if (typeof file === "number") fd = checkFd(file, "fd");
    else {
      const path = getPath(file);
      fd = yield sys.open(path, stringToFlags(options.flag), 0o666);
      own = true;
    }
    let data;
    try {
      data = yield* readAll(fd);
    } finally {
      if (own) yield sys.close(fd);
    }
    return encoding && encoding !== "buffer" ? data.toString(encoding) : data;
  }
  define("readFile", readFileFlow);

  function* writeAll(fd, bytes, pos = -1) {
    let offset = 0;
    while (offset < bytes.length) {
      const written = yield sys.write(fd, bytes.subarray(offset), pos < 0 ? -1 : pos + offset);
      offset += written;
    }
  }

  function* writeFileFlow(file, data, options, defaultFlag = "w") {
    options = getOptions(options, { encoding: "utf8", mode: 0o666, flag: defaultFlag });
    let bytes;
    if (typeof data === "string" || ArrayBuffer.isView(data)) bytes = toBytes(data, options.encoding);
    else if (data != null && typeof data === "object" && (typeof data[Symbol.iterator] === "function" || typeof data[Symbol.asyncIterator] === "function") && file instanceof FileHandle) {
      bytes = undefined;
    } else throw invalidArgType("data", "of type string or an instance of Buffer, TypedArray, or DataView", data);
    let fd;
    let own = false;
    if (file instanceof FileHandle) fd = file.fd;
    else if (typeof file === "number") fd = checkFd(file, "fd");
    else {
      const path = getPath(file);
      fd = yield sys.open(path, stringToFlags(options.flag), parseMode(options.mode, "mode", 0o666));
      own = true;
    }
    try {
      yield* writeAll(fd, bytes);
    } finally {
      if (own) yield sys.close(fd);
    }
  }
  define("writeFile", writeFileFlow);

  function* appendFileFlow(file, data, options) {
    options = getOptions(options, { encoding: "utf8", mode: 0o666, flag: "a" });
    return yield* writeFileFlow(file, data, { ...options, flag: options.flag ?? "a" }, "a");
  }
  define("appendFile", appendFileFlow);

  // --- opendir / Dir ------------------------------------------------------------------------

  class Dir {
    #path;
    #entries;
    #closed = false;
    constructor(path, entries) {
      this.#path = path;
      this.#entries = entries;
    }
    get path() {
      return this.#path;
    }
    #check() {
      if (this.#closed) throw nodeError(Error, "ERR_DIR_CLOSED", "Directory handle was closed");
    }
    readSync() {
      this.#check();
      return this.#entries.shift() ?? null;
    }
    read(cb) {
      if (cb !== undefined) {
        checkFunction(cb, "callback");
        let entry;
        try {
          entry = this.readSync();
        } catch (error) {
          support.nextTick(cb, error);
          return;
        }
        support.nextTick(cb, null, entry);
        return;
      }
      try {
        return Promise.resolve(this.readSync());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    closeSync() {
      this.#check();
      this.#closed = true;
    }
    close(cb) {
      if (cb !== undefined) {
        checkFunction(cb, "callback");
        try {
          this.closeSync();
          support.nextTick(cb, null);
        } catch (error) {
          support.nextTick(cb, error);
        }
        return;
      }
      try {
        this.closeSync();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    async *entries() {
      try {
        for (;;) {
          const entry = this.readSync();
          if (entry === null) break;
          yield entry;
        }
      } finally {
        if (!this.#closed) this.closeSync();
      }
    }
    [Symbol.asyncIterator]() {
      return this.entries();
    }
  }

  // The listing is read whole when the directory opens.
  define("opendir", function* (path, options) {
    path = getPath(path);
    getOptions(options, { encoding: "utf8" });
    const list = yield sys.readdir(path, "opendir");
    const entries = [];
    for (let i = 0; i < list.length; i += 2) entries.push(new Dirent(list[i], list[i + 1], path));
    return new Dir(path, entries);
  });

  // --- streams (node:stream, loaded on first use) ---------------------------------------

  let streamClasses;
  function streamsOf() {
    return (streamClasses ??= makeStreams(support.builtin("node:stream")));
  }

  function makeStreams({ Readable, Writable, finished }) {
    const kIsPerformingIO = Symbol("kIsPerformingIO");

    function streamOptions(options) {
      if (typeof options === "string") return { encoding: options };
      if (options == null) return {};
      if (typeof options !== "object") throw invalidArgType("options", "one of type string or an instance of Object", options);
      return { ...options };
    }

    function ReadStream(path, options) {
      if (!(this instanceof ReadStream)) return new ReadStream(path, options);
      options = streamOptions(options);
      if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
      if (options.autoDestroy === undefined) options.autoDestroy = true;
      Readable.call(this, options);
      this[kFileHandle] = options.fd instanceof FileHandle ? options.fd : undefined;
      this.fd = options.fd == null || this[kFileHandle] !== undefined ? null : checkFd(options.fd);
      this.path = path instanceof Uint8Array ? path : isURL(path) ? fileURLToPath(path) : path;
      this.flags = options.flags === undefined ? "r" : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;
      this.start = options.start;
      this.end = options.end === undefined ? Infinity : options.end;
      this.pos = undefined;
      this.bytesRead = 0;
      this[kIsPerformingIO] = false;
      if (this.start !== undefined) {
        checkInteger(this.start, "start", 0);
        this.pos = this.start;
      }
      if (this.end !== Infinity) {
        checkInteger(this.end, "end", 0);
        if (this.start !== undefined && this.start > this.end) {
          throw outOfRange("start", `<= "end" (here: ${this.end})`, this.start);
        }
      }
      if (this.fd === null && this[kFileHandle] === undefined) getPath(this.path);
    }
    Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
    Object.setPrototypeOf(ReadStream, Readable);
    Object.defineProperty(ReadStream.prototype, "pending", {
      get() {
        return this.fd === null;
      },
      configurable: true,
    });
    ReadStream.prototype._construct = function (callback) {
      if (this[kFileHandle] !== undefined) this.fd = this[kFileHandle].fd;
      if (this.fd !== null) {
        callback();
        return;
      }
      fs.open(this.path, this.flags, this.mode, (error, fd) => {
        if (error) return callback(error);
        this.fd = fd;
        callback();
        this.emit("open", fd);
        this.emit("ready");
      });
    };
    ReadStream.prototype._read = function (n) {
      n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
      if (n <= 0) {
        this.push(null);
        return;
      }
      const buffer = B().allocUnsafe(n);
      this[kIsPerformingIO] = true;
      fs.read(this.fd, buffer, 0, n, this.pos ?? null, (error, bytesRead) => {
        this[kIsPerformingIO] = false;
        if (this.destroyed) {
          this.emit(kIoDone, error);
          return;
        }
        if (error) {
          this.destroy(error);
          return;
        }
        if (bytesRead > 0) {
          if (this.pos !== undefined) this.pos += bytesRead;
          this.bytesRead += bytesRead;
          this.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
        } else {
          this.push(null);
        }
      });
    };
    ReadStream.prototype._destroy = function (error, callback) {
      const close = () => closeStream(this, error, callback);
      if (this[kIsPerformingIO]) this.once(kIoDone, close);
      else close();
    };
    ReadStream.prototype.close = function (cb) {
      if (typeof cb === "function") finished(this, cb);
      this.destroy();
    };

    function closeStream(stream, error, callback) {
      if (stream.fd === null || stream.fd === undefined || stream.autoClose === false) {
        callback(error);
        return;
      }
      if (stream[kFileHandle] !== undefined) {
        stream[kFileHandle].close().then(() => callback(error), (e) => callback(error ?? e));
        stream.fd = null;
        return;
      }
      const fd = stream.fd;
      stream.fd = null;
      fs.close(fd, (e) => callback(error ?? e));
    }

    function WriteStream(path, options) {
      if (!(this instanceof WriteStream)) return new WriteStream(path, options);
      options = streamOptions(options);
      options.decodeStrings = true;
      if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
      Writable.call(this, options);
      this[kFileHandle] = options.fd instanceof FileHandle ? options.fd : undefined;
      this.fd = options.fd == null || this[kFileHandle] !== undefined ? null : checkFd(options.fd);
      this.path = path instanceof Uint8Array ? path : isURL(path) ? fileURLToPath(path) : path;
      this.flags = options.flags === undefined ? "w" : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;
      this.start = options.start;
      this.autoClose = options.autoClose === undefined ? true : options.autoClose;
      this.pos = undefined;
      this.bytesWritten = 0;
      this[kIsPerformingIO] = false;
      if (this.start !== undefined) {
        checkInteger(this.start, "start", 0);
        this.pos = this.start;
      }
      if (options.encoding) this.setDefaultEncoding(options.encoding);
      if (this.fd === null && this[kFileHandle] === undefined) getPath(this.path);
    }
    Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
    Object.setPrototypeOf(WriteStream, Writable);
    Object.defineProperty(WriteStream.prototype, "pending", {
      get() {
        return this.fd === null;
      },
      configurable: true,
    });
    WriteStream.prototype._construct = function (callback) {
      if (this[kFileHandle] !== undefined) {
        this.fd = this[kFileHandle].fd;
        callback();
        return;
      }
      if (this.fd !== null) {
        callback();
        return;
      }
      fs.open(this.path, this.flags, this.mode, (error, fd) => {
        if (error) return callback(error);
        this.fd = fd;
        callback();
        this.emit("open", fd);
        this.emit("ready");
      });
    };
    WriteStream.prototype._write = function (data, encoding, cb) {
      const bytes = typeof data === "string" ? B().from(data, encoding) : data;
      this[kIsPerformingIO] = true;
      const flow = writeAll(this.fd, bytes, this.pos ?? -1);
      runAsync(flow).then(
        () => {
          this[kIsPerformingIO] = false;
          if (this.destroyed) {
            cb(new Error("destroyed"));
            this.emit(kIoDone);
            return;
          }
          this.bytesWritten += bytes.length;
          if (this.pos !== undefined) this.pos += bytes.length;
          cb();
        },
        (error) => {
          this[kIsPerformingIO] = false;
          if (this.destroyed) {
            cb(error);
            this.emit(kIoDone, error);
            return;
          }
          cb(error);
        },
      );
    };
    WriteStream.prototype._destroy = function (error, callback) {
      const close = () => closeStream(this, error, callback);
      if (this[kIsPerformingIO]) this.once(kIoDone, close);
      else close();
    };
    WriteStream.prototype.close = function (cb) {
      if (cb) {
        if (this.closed) {
          support.nextTick(cb);
          return;
        }
        this.on("close", cb);
      }
      if (!this.autoClose) this.on("finish", this.destroy);
      this.end();
    };
    WriteStream.prototype.destroySoon = WriteStream.prototype.end;

    return { ReadStream, WriteStream };
  }
  const kIoDone = Symbol("kIoDone");
  const kFileHandle = Symbol("kHandle");

  fs.createReadStream = function createReadStream(path, options) {
    return new (streamsOf().ReadStream)(path, options);
  };
  fs.createWriteStream = function createWriteStream(path, options) {
    return new (streamsOf().WriteStream)(path, options);
  };

  // --- fs/promises FileHandle ---------------------------------------------------------------

  let FileHandleClass;
  // FileHandle is an EventEmitter (node:events, loaded with the first one).
  function FileHandle(fd) {
    const EventEmitter = support.builtin("node:events");
    EventEmitter.call(this);
    this[kFd] = fd;
    this[kClosing] = undefined;
  }
  const kFd = Symbol("kFd");
  const kClosing = Symbol("kClosing");
  function fileHandleClass() {
    if (FileHandleClass === undefined) {
      const EventEmitter = support.builtin("node:events");
      Object.setPrototypeOf(FileHandle.prototype, EventEmitter.prototype);
      FileHandleClass = FileHandle;
    }
    return FileHandleClass;
  }

  function handleFd(handle) {
    if (handle[kFd] === -1) {
      const error = new Error("file closed");
      error.code = "EBADF";
      error.syscall = "read";
      throw error;
    }
    return handle[kFd];
  }

  Object.assign(FileHandle.prototype, {
    getAsyncId() {
      return -1;
    },
    async stat(options) {
      return runAsync(function* (fd) {
        if (options?.bigint) throw support.unsupported("FileHandle.stat({ bigint: true })");
        return makeStats(yield sys.fstat(fd));
      }(handleFd(this)));
    },
    // Results are null-prototype objects, as Node's.
    async read(buffer, offset, length, pos) {
      return { __proto__: null, ...(await runAsync(readFlow(handleFd(this), buffer, offset, length, pos))) };
    },
    async readv(buffers, pos) {
      return { __proto__: null, ...(await runAsync(readvFlow(handleFd(this), buffers, pos))) };
    },
    async write(data, offset, length, pos) {
      return { __proto__: null, ...(await runAsync(writeFlow(handleFd(this), data, offset, length, pos))) };
    },
    async writev(buffers, pos) {
      return { __proto__: null, ...(await runAsync(writevFlow(handleFd(this), buffers, pos))) };
    },
    async readFile(options) {
      handleFd(this);
      return runAsync(readFileFlow(this, options));
    },
    async writeFile(data, options) {
      handleFd(this);
      return runAsync(writeFileFlow(this, data, options));
    },
    async appendFile(data, options) {
      handleFd(this);
      return runAsync(appendFileFlow(this, data, options));
    },
    async truncate(len = 0) {
      return runAsync(function* (fd) {
        yield sys.ftruncate(fd, Math.max(0, checkInteger(len, "len")));
      }(handleFd(this)));
    },
    async sync() {
      return runAsync(function* (fd) {
        yield sys.fsync(fd, false);
      }(handleFd(this)));
    },
    async datasync() {
      return runAsync(function* (fd) {
        yield sys.fsync(fd, true);
      }(handleFd(this)));
    },
    async chmod(mode) {
      return runAsync(function* (fd) {
        yield sys.fchmod(fd, parseMode(mode, "mode"));
      }(handleFd(this)));
    },
    async chown(uid, gid) {
      return runAsync(function* (fd) {
        yield sys.fchown(fd, idRange(uid, "uid"), idRange(gid, "gid"));
      }(handleFd(this)));
    },
    async utimes(atime, mtime) {
      return runAsync(function* (fd) {
        yield sys.futimes(fd, toUnixTimestamp(atime, "atime"), toUnixTimestamp(mtime, "mtime"));
      }(handleFd(this)));
    },
    close() {
      if (this[kFd] === -1) return Promise.resolve();
      if (this[kClosing] !== undefined) return this[kClosing];
      const fd = this[kFd];
      this[kClosing] = runAsync(function* () {
        yield sys.close(fd);
      }()).then(() => {
        this[kFd] = -1;
        this.emit("close");
      });
      return this[kClosing];
    },
    createReadStream(options) {
      return new (streamsOf().ReadStream)(undefined, { ...options, fd: this });
    },
    createWriteStream(options) {
      return new (streamsOf().WriteStream)(undefined, { ...options, fd: this });
    },
    readLines: unsupportedFunction("FileHandle.readLines"),
    readableWebStream: unsupportedFunction("FileHandle.readableWebStream"),
    [Symbol.asyncDispose]() {
      return this.close();
    },
  });
  Object.defineProperty(FileHandle.prototype, "fd", {
    get() {
      return this[kFd];
    },
    configurable: true,
    enumerable: true,
  });

  promises.open = async function open(path, flags, mode) {
    path = getPath(path);
    const fd = await runAsync(function* () {
      return yield sys.open(path, stringToFlags(flags), parseMode(mode, "mode", 0o666));
    }());
    return new (fileHandleClass())(fd);
  };

  // --- unsupported and remaining members ---------------------------------------------------

  for (const name of ["cp", "statfs", "openAsBlob", "watch", "watchFile", "unwatchFile", "glob"]) {
    fs[name] = unsupportedFunction(`fs.${name}`);
  }
  fs.cpSync = unsupportedFunction("fs.cpSync");
  fs.statfsSync = unsupportedFunction("fs.statfsSync");
  fs.globSync = unsupportedFunction("fs.globSync");
  for (const name of ["cp", "statfs", "watch", "glob"]) promises[name] = unsupportedFunction(`fs/promises.${name}`);
  // Linux has no lchmod: Node leaves fs.lchmod undefined there, and its
  // promise form rejects.
  fs.lchmod = undefined;
  fs.lchmodSync = undefined;
  promises.lchmod = async function lchmod() {
    throw nodeError(Error, "ERR_METHOD_NOT_IMPLEMENTED", "The lchmod() method is not implemented");
  };

  promises.constants = constants;
  fs.constants = constants;
  fs.F_OK = constants.F_OK;
  fs.R_OK = constants.R_OK;
  fs.W_OK = constants.W_OK;
  fs.X_OK = constants.X_OK;
  fs.Stats = Stats;
  fs.Dirent = Dirent;
  fs.Dir = Dir;
  fs._toUnixTimestamp = toUnixTimestamp;

  for (const [name, get] of [
    ["ReadStream", () => streamsOf().ReadStream],
    ["WriteStream", () => streamsOf().WriteStream],
    ["FileReadStream", () => streamsOf().ReadStream],
    ["FileWriteStream", () => streamsOf().WriteStream],
  ]) {
    let override;
    Object.defineProperty(fs, name, {
      get: () => override ?? get(),
      set: (value) => {
        override = value;
      },
      enumerable: true,
      configurable: true,
    });
  }
  Object.defineProperty(fs, "promises", {
    get: () => support.builtin("node:fs/promises"),
    enumerable: true,
    configurable: true,
  });

  // node:fs/promises takes its exports from here (the same functions).
  Object.defineProperty(fs, support.kFsPromises, { value: { promises, FileHandle: fileHandleClass } });

  return fs;
})

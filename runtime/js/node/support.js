// support.js: what every node:* module shares. Loaded with
// internal.loadInternal("kode:internal/node/support").
(function (ops, internal) {
  "use strict";

  const { buildError } = internal;

  // The error for a Node member Kode does not provide (SPEC section 5):
  // programs match on code ENODE_UNSUPPORTED; `name` is "fs.watch" style.
  function unsupported(name) {
    return buildError(Error, "ENODE_UNSUPPORTED", `${name} is not supported by Kode's Node layer`, {
      operation: name,
    });
  }

  // A function that throws `unsupported(name)` when called, so feature
  // checks (`typeof fs.watch === "function"`) see what Node has and a call
  // fails loudly instead of returning a wrong answer.
  function unsupportedFunction(name) {
    const short = name.slice(name.lastIndexOf(".") + 1);
    const fn = {
      [short]() {
        throw unsupported(name);
      },
    }[short];
    return fn;
  }

  // Node's own argument errors: `code` is Node's (ERR_INVALID_ARG_TYPE...),
  // as packages written for Node test it.
  function nodeError(Class, code, message) {
    const error = new Class(message);
    Object.defineProperty(error, "code", { value: code, writable: true, configurable: true, enumerable: true });
    return error;
  }

  function received(value) {
    if (value === null) return "null";
    if (value === undefined) return "undefined";
    if (typeof value === "function") return `function ${value.name}`;
    if (typeof value === "object") return internal.describeValue(value).replace(/^an? /, "an instance of ");
    let shown = String(value);
    if (typeof value === "string") shown = `'${shown.length > 25 ? `${shown.slice(0, 25)}...` : shown}'`;
    return `type ${typeof value} (${shown})`;
  }

  function invalidArgType(name, expected, value) {
    return nodeError(
      TypeError,
      "ERR_INVALID_ARG_TYPE",
      `The "${name}" argument must be ${expected}. Received ${received(value)}`,
    );
  }

  // process.nextTick's queue (node:process owns the real one); modules
  // that defer work the way Node does (streams, events) call this.
  function nextTick(fn, ...args) {
    if (internal.nodeNextTick !== undefined) return internal.nodeNextTick(fn, ...args);
    queueMicrotask(() => fn(...args));
  }


  // --- system errors (node-io) --------------------------------------------------
  // libuv's codes as Node reports them on Linux: [errno, message]. The Kode
  // errors of ops carry `code` (and `errno` from the node area's ops).
  const uvErrors = {
    EPERM: [1, "operation not permitted"],
    ENOENT: [2, "no such file or directory"],
    ESRCH: [3, "no such process"],
    EINTR: [4, "interrupted system call"],
    EIO: [5, "i/o error"],
    EBADF: [9, "bad file descriptor"],
    EAGAIN: [11, "resource temporarily unavailable"],
    ENOMEM: [12, "not enough memory"],
    EACCES: [13, "permission denied"],
    EBUSY: [16, "resource busy or locked"],
    EEXIST: [17, "file already exists"],
    EXDEV: [18, "cross-device link not permitted"],
    ENOTDIR: [20, "not a directory"],
    EISDIR: [21, "illegal operation on a directory"],
    EINVAL: [22, "invalid argument"],
    ENFILE: [23, "file table overflow"],
    EMFILE: [24, "too many open files"],
    ETXTBSY: [26, "text file is busy"],
    EFBIG: [27, "file too large"],
    ENOSPC: [28, "no space left on device"],
    EROFS: [30, "read-only file system"],
    EMLINK: [31, "too many links"],
    EPIPE: [32, "broken pipe"],
    ENAMETOOLONG: [36, "name too long"],
    ENOTEMPTY: [39, "directory not empty"],
    ELOOP: [40, "too many symbolic links encountered"],
    EADDRINUSE: [98, "address already in use"],
    EADDRNOTAVAIL: [99, "address not available"],
    ENETUNREACH: [101, "network is unreachable"],
    ECONNABORTED: [103, "software caused connection abort"],
    ECONNRESET: [104, "connection reset by peer"],
    ENOTCONN: [107, "socket is not connected"],
    ETIMEDOUT: [110, "connection timed out"],
    ECONNREFUSED: [111, "connection refused"],
    EHOSTUNREACH: [113, "host is unreachable"],
    ECANCELED: [125, "operation canceled"],
  };

  // [code, errno, message] of a Kode error (or a code string).
  function systemCode(error) {
    const code = typeof error === "string" ? error : error?.code;
    const known = uvErrors[code];
    if (known !== undefined) return [code, -known[0], known[1]];
    const errno = Number(error?.errno);
    return [code ?? "EIO", Number.isFinite(errno) && errno > 0 ? -errno : -5, String(error?.message ?? "unknown error").toLowerCase()];
  }

  // Node's error for a failed system call on a path (fs):
  // `ENOENT: no such file or directory, open '/x'` with errno (negative),
  // code, syscall, path and dest, in that order.
  function uvException(error, syscall, path, dest) {
    const [code, errno, text] = systemCode(error);
    let message = `${code}: ${text}, ${syscall}`;
    if (path !== undefined) message += ` '${path}'`;
    if (dest !== undefined) message += ` -> '${dest}'`;
    const result = new Error(message);
    result.errno = errno;
    result.code = code;
    result.syscall = syscall;
    if (path !== undefined) result.path = path;
    if (dest !== undefined) result.dest = dest;
    return result;
  }

  // Node's error for a failed network call: `connect ECONNREFUSED 127.0.0.1:80`.
  function hostPortException(error, syscall, address, port) {
    const [code, errno] = systemCode(error);
    const where = port === undefined ? address : `${address}:${port}`;
    const result = new Error(`${syscall} ${code}${where === undefined ? "" : ` ${where}`}`);
    result.errno = errno;
    result.code = code;
    result.syscall = syscall;
    if (address !== undefined) result.address = address;
    if (port !== undefined) result.port = port;
    return result;
  }

  // Calls a Node-style callback on its own; what it throws is an uncaught
  // exception (as in Node), not a rejected promise.
  function invokeCallback(callback, ...args) {
    try {
      callback(...args);
    } catch (error) {
      internal.reportException(error);
    }
  }

  // ERR_INVALID_ARG_VALUE: `The argument 'flags' is invalid. Received 'zz'`.
  function invalidArgValue(name, value, reason = "is invalid") {
    const shown = internal.loadInternal("kode:internal/inspect").inspect(value);
    const kind = name.includes(".") ? "property" : "argument";
    return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${kind} '${name}' ${reason}. Received ${shown}`);
  }

  // ERR_OUT_OF_RANGE: `The value of "offset" is out of range. It must be >= 0. Received -1`.
  function outOfRange(name, range, value) {
    return nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${addSeparators(value)}`);
  }

  function addSeparators(value) {
    // Node groups digits only past 2 ** 32.
    if (!Number.isInteger(value) || Math.abs(value) <= 2 ** 32) return String(value);
    const sign = value < 0 ? "-" : "";
    const digits = String(Math.abs(value));
    let out = "";
    for (let i = digits.length; i > 0; i -= 3) out = `${digits.slice(Math.max(0, i - 3), i)}${out === "" ? "" : "_"}${out}`;
    return sign + out;
  }

  return {
    // node:fs hands node:fs/promises its functions under this key.
    kFsPromises: Symbol("kode.node.fs.promises"),
    // node:http hands node:https its classes under this key.
    kHttpInternals: Symbol("kode.node.http.internals"),
    uvException,
    hostPortException,
    systemCode,
    invokeCallback,
    invalidArgValue,
    outOfRange,
    unsupported,
    nextTick,
    unsupportedFunction,
    nodeError,
    invalidArgType,
    // The exports of another public builtin (`node:events`), shared with
    // what `require` returns, so `instanceof` holds across modules.
    builtin: (id) => internal.builtin(id),
  };
})

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
  // Also as a class: `new dns.Resolver()` throws the same error.
  function unsupportedFunction(name) {
    const fn = function () {
      throw unsupported(name);
    };
    Object.defineProperty(fn, "name", { value: name.slice(name.lastIndexOf(".") + 1) });
    return fn;
  }

  // A Node module Kode does not implement (dns, vm, ...): it loads, so a
  // package that only names it works; each function throws ENODE_UNSUPPORTED
  // when called. `values` are its constants, as Node has them.
  function unsupportedModule(name, functions, values = {}) {
    const exports = { ...values };
    for (const member of functions) exports[member] = unsupportedFunction(`${name}.${member}`);
    return exports;
  }

  // Node's own argument errors: `code` is Node's (ERR_INVALID_ARG_TYPE...),
  // as packages written for Node test it.
  function nodeError(Class, code, message) {
    const error = new Class(message);
    Object.defineProperty(error, "code", { value: code, writable: true, configurable: true, enumerable: true });
    // Node's stack names the code: "TypeError [ERR_X]: message".
    const stack = error.stack;
    const head = `${error.name}: `;
    if (typeof stack === "string" && stack.startsWith(head)) {
      error.stack = `${error.name} [${code}]: ${stack.slice(head.length)}`;
    }
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
      `The "${name}" ${name.includes(".") ? "property" : "argument"} must be ${expected}. Received ${received(value)}`,
    );
  }

  // process.nextTick's queue (node:process owns the real one); modules
  // that defer work the way Node does (streams, events) call this.
  function nextTick(fn, ...args) {
    if (internal.nodeNextTick !== undefined) return internal.nodeNextTick(fn, ...args);
    queueMicrotask(() => fn(...args));
  }

  // Node's AbortError (events.once, streams, timers/promises): code ABORT_ERR.
  class AbortError extends Error {
    constructor(message = "The operation was aborted", options = undefined) {
      super(message, options);
      this.code = "ABORT_ERR";
      this.name = "AbortError";
    }
  }

  // --- Node's error shapes and warnings (node-core) ---------------------------
  // Kode's console formatter (00_core.js loads it once for everyone).
  const inspectModuleOf = internal.loadInspect;
  const inspect = (value, options) => inspectModuleOf().inspect(value, options);

  // How Node's messages name a wrong value ("Received ...").
  function specificType(value) {
    if (value === null || value === undefined) return `${value}`;
    if (typeof value === "function" && value.name) return `function ${value.name}`;
    if (typeof value === "object") {
      let name;
      try {
        name = value.constructor?.name;
      } catch {}
      return name ? `an instance of ${name}` : inspect(value, { depth: -1 });
    }
    let shown = inspect(value);
    if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
    return `type ${typeof value} (${shown})`;
  }

  // ERR_INVALID_ARG_TYPE with Node's wording for a list of expected types:
  // lowercase primitive names, Capitalized classes, anything else as written.
  const primitiveTypes = ["string", "function", "number", "object", "Function", "Object", "boolean", "bigint", "symbol"];
  function argTypeError(name, expected, value) {
    if (!Array.isArray(expected)) expected = [expected];
    let msg = name.endsWith(" argument") ? `The ${name} ` : `The "${name}" ${name.includes(".") ? "property" : "argument"} `;
    msg += "must be ";
    const types = [];
    const instances = [];
    const other = [];
    for (const item of expected) {
      if (primitiveTypes.includes(item)) types.push(item.toLowerCase());
      else if (/^([A-Z][a-z0-9]*)+$/.test(item)) instances.push(item);
      else other.push(item);
    }
    if (instances.length > 0 && types.includes("object")) {
      types.splice(types.indexOf("object"), 1);
      instances.push("Object");
    }
    const list = (items) => (items.length > 2 ? `${items.slice(0, -1).join(", ")}, or ${items.at(-1)}` : items.join(" or "));
    if (types.length > 0) {
      msg += types.length > 1 ? `one of type ${list(types)}` : `of type ${types[0]}`;
      if (instances.length > 0 || other.length > 0) msg += " or ";
    }
    if (instances.length > 0) {
      msg += `an instance of ${list(instances)}`;
      if (other.length > 0) msg += " or ";
    }
    if (other.length > 0) {
      if (other.length > 1) msg += `one of ${list(other)}`;
      else msg += `${other[0].toLowerCase() !== other[0] ? "an " : ""}${other[0]}`;
    }
    return nodeError(TypeError, "ERR_INVALID_ARG_TYPE", `${msg}. Received ${specificType(value)}`);
  }

  // 1234567 -> "1_234_567", as Node prints big numbers in range errors.
  function numericalSeparator(text) {
    let result = "";
    let i = text.length;
    const start = text[0] === "-" ? 1 : 0;
    for (; i >= start + 4; i -= 3) result = `_${text.slice(i - 3, i)}${result}`;
    return `${text.slice(0, i)}${result}`;
  }

  // ERR_OUT_OF_RANGE: `range` is Node's phrase (">= 0 and <= 7", "an integer").
  function outOfRange(name, range, value) {
    let shown;
    if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) shown = numericalSeparator(String(value));
    else if (typeof value === "bigint") {
      shown = String(value);
      if (value > 2n ** 32n || value < -(2n ** 32n)) shown = numericalSeparator(shown);
      shown += "n";
    } else shown = inspect(value);
    return nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
  }

  // ERR_INVALID_ARG_VALUE: "The argument 'x' is invalid. Received ...".
  function invalidArgValue(name, value, reason = "is invalid") {
    let shown = inspect(value);
    if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
    const kind = name.includes(".") ? "property" : "argument";
    return nodeError(TypeError, "ERR_INVALID_ARG_VALUE", `The ${kind} '${name}' ${reason}. Received ${shown}`);
  }

  // process.emitWarning's default output, "(node:PID) [CODE] Type: message"
  // on stderr after the current operation. node:process takes over through
  // internal.nodeEmitWarning(error) once it exists; NODE_NO_WARNINGS=1
  // silences warnings, as in Node.
  function emitWarning(warning, type = "Warning", code = undefined) {
    if (typeof warning === "string") {
      const made = new Error(warning);
      made.name = type;
      if (code !== undefined) made.code = code;
      warning = made;
    }
    if (internal.nodeEmitWarning !== undefined) return internal.nodeEmitWarning(warning);
    if (internal.Kode.env.get("NODE_NO_WARNINGS") === "1") return;
    nextTick(() => {
      const prefix = warning.code !== undefined ? `[${warning.code}] ` : "";
      ops.print(`(node:${pid()}) ${prefix}${warning.name}: ${warning.message}\n`, 2);
    });
  }

  // Node's SystemError for a failed libuv call: "<prefix>: <syscall> returned
  // <CODE> (<message>)" with `info`, `errno` (negative) and `syscall`.
  function systemError(code, prefix, syscall, errno) {
    const [name, message] = internal.builtin("node:util").getSystemErrorMap().get(errno) ?? ["UNKNOWN", "unknown error"];
    const error = new Error(`${prefix}: ${syscall} returned ${name} (${message})`);
    Object.defineProperty(error, "name", { value: `SystemError [${code}]`, enumerable: false, writable: true, configurable: true });
    void error.stack;
    error.name = "SystemError";
    error.code = code;
    error.info = { errno, code: name, message, syscall };
    error.errno = errno;
    error.syscall = syscall;
    return error;
  }

  // The process id (runtime/src/ext/node/os.rs), read once.
  let processId;
  const pid = () => (processId ??= internal.nodePid ?? ops.node_os_info()[5]);

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

  // The write of a Writable over standard output or error (fd 1 or 2):
  // through console's own checked output, in order with console.log.
  function stdioWrite(fd) {
    return function write(chunk, encoding, callback) {
      if (typeof chunk === "string" && encoding !== "utf8" && encoding !== "utf-8") {
        chunk = internal.builtin("node:buffer").Buffer.from(chunk, encoding);
      }
      ops.print(chunk, fd);
      callback();
    };
  }

  return {
    stdioWrite,
    // node:fs hands node:fs/promises its functions under this key.
    kFsPromises: Symbol("kode.node.fs.promises"),
    // node:http hands node:https its classes under this key.
    kHttpInternals: Symbol("kode.node.http.internals"),
    uvException,
    hostPortException,
    systemCode,
    invokeCallback,
    AbortError,
    unsupported,
    nextTick,
    unsupportedFunction,
    unsupportedModule,
    nodeError,
    invalidArgType,
    // "type number (1)", "an instance of Foo": how Node's messages show a value.
    received,
    // The exports of another public builtin (`node:events`), shared with
    // what `require` returns, so `instanceof` holds across modules.
    builtin: (id) => internal.builtin(id),
    inspect,
    format: (...args) => inspectModuleOf().format(...args),
    specificType,
    argTypeError,
    outOfRange,
    invalidArgValue,
    emitWarning,
    systemError,
    pid,
    // Set on a callback API whose results util.promisify should name
    // (child_process.exec: ["stdout", "stderr"]).
    customPromisifyArgs: Symbol("customPromisifyArgs"),
  };
})

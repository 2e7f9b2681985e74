// net.js: node:net over kode:net's ops (runtime/src/ext/net/): a Socket is
// a stream.Duplex on a connection resource (net_connect, or net_accept for
// a Server's connections); reads and writes are resource_read/_write ops.
// TCP only: IPC paths (Unix sockets), BlockList and SocketAddress are
// ENODE_UNSUPPORTED. Kode sets TCP_NODELAY on every connection and has no
// keep-alive control, and a pending read keeps the run alive: setNoDelay,
// setKeepAlive, ref and unref answer without changing anything.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, invalidArgValue, unsupported, unsupportedFunction } = support;
  const EventEmitter = support.builtin("node:events");
  const { Duplex } = support.builtin("node:stream");
  const B = () => support.builtin("node:buffer").Buffer;
  const { hostOp } = internal;

  // --- addresses ---------------------------------------------------------------------

  const v4Part = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)";
  const v4Re = new RegExp(`^${v4Part}(?:\\.${v4Part}){3}$`);

  function isIPv4(input) {
    return typeof input === "string" && v4Re.test(input);
  }

  function isIPv6(input) {
    if (typeof input !== "string") return false;
    let text = input;
    const zone = text.indexOf("%");
    if (zone !== -1) {
      if (zone === text.length - 1) return false;
      text = text.slice(0, zone);
    }
    let groups = 8;
    const lastColon = text.lastIndexOf(":");
    if (lastColon !== -1 && text.slice(lastColon + 1).includes(".")) {
      if (!isIPv4(text.slice(lastColon + 1))) return false;
      // The dotted quad stands for the last two groups: count it as one.
      text = `${text.slice(0, lastColon + 1)}0`;
      groups = 7;
    }
    const hex = /^[0-9a-fA-F]{1,4}$/;
    const halves = text.split("::");
    if (halves.length > 2) return false;
    const parts = (half) => (half === "" ? [] : half.split(":"));
    if (halves.length === 1) {
      const all = parts(text);
      return all.length === groups && all.every((p) => hex.test(p));
    }
    const [head, tail] = halves.map(parts);
    return head.length + tail.length < groups && [...head, ...tail].every((p) => hex.test(p));
  }

  function isIP(input) {
    if (isIPv4(input)) return 4;
    if (isIPv6(input)) return 6;
    return 0;
  }

  // "127.0.0.1:80" / "[::1]:80" as the ops give them.
  function splitAddress(text) {
    const at = text.lastIndexOf(":");
    let host = text.slice(0, at);
    if (host.startsWith("[")) host = host.slice(1, -1);
    return { address: host, port: Number(text.slice(at + 1)), family: host.includes(":") ? "IPv6" : "IPv4" };
  }

  // --- errors --------------------------------------------------------------------------

  // `connect ECONNREFUSED 127.0.0.1:1` (errno, code, syscall, address, port),
  // or `getaddrinfo ENOTFOUND host` for a name that does not resolve.
  function connectError(error, host, port) {
    if (error?.code === "ENOTFOUND") {
      const result = new Error(`getaddrinfo ENOTFOUND ${host}`);
      result.errno = -3008;
      result.code = "ENOTFOUND";
      result.syscall = "getaddrinfo";
      result.hostname = host;
      return result;
    }
    if (typeof error?.code !== "string" || !support.systemCode(error.code)[0].startsWith("E") || error.code === "EINVALID_ARG") return error;
    return support.hostPortException(error, "connect", host, port);
  }

  // `listen EADDRINUSE: address already in use 127.0.0.1:80`.
  function listenError(error, address, port) {
    const [code, errno, text] = support.systemCode(error);
    const result = new Error(`listen ${code}: ${text} ${address}:${port}`);
    result.code = code;
    result.errno = errno;
    result.syscall = "listen";
    result.address = address;
    result.port = port;
    return result;
  }

  function ioError(error, syscall) {
    if (typeof error?.code === "string" && ["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "ENOTCONN"].includes(error.code)) {
      const [code, errno, text] = support.systemCode(error);
      const result = new Error(`${syscall} ${code}`);
      void text;
      result.errno = errno;
      result.code = code;
      result.syscall = syscall;
      return result;
    }
    return error;
  }

  // --- argument normalization (Node's _normalizeArgs) ---------------------------------

  const normalizedArgsSymbol = Symbol("normalizedArgs");

  function normalizeArgs(args) {
    let result;
    if (args.length === 0) {
      result = [{}, null];
      result[normalizedArgsSymbol] = true;
      return result;
    }
    const first = args[0];
    let options = {};
    if (typeof first === "object" && first !== null) options = first;
    else if (typeof first === "string" && Number.isNaN(Number(first))) options.path = first;
    else {
      options.port = first;
      if (args.length > 1 && typeof args[1] === "string") options.host = args[1];
    }
    const cb = args[args.length - 1];
    result = typeof cb === "function" ? [options, cb] : [options, null];
    result[normalizedArgsSymbol] = true;
    return result;
  }

  function checkPort(port, name = "Port") {
    if ((typeof port !== "number" && typeof port !== "string") || (typeof port === "string" && port.trim() === "") || +port !== +port >>> 0 || port > 0xffff) {
      throw nodeError(RangeError, "ERR_SOCKET_BAD_PORT", `${name} should be >= 0 and < 65536. Received ${describe(port)}.`);
    }
    return +port;
  }

  function describe(value) {
    if (typeof value === "string") return `type string ('${value}')`;
    if (typeof value === "number") return `type number (${value})`;
    return String(value);
  }

  // --- Socket --------------------------------------------------------------------------

  const kRid = Symbol("kRid");
  const kTimer = Symbol("kTimer");
  const kTimeout = Symbol("kTimeout");
  const kReading = Symbol("kReading");

  function Socket(options) {
    if (!(this instanceof Socket)) return new Socket(options);
    if (typeof options === "number") options = { fd: options };
    options = { ...options };
    if (options.fd !== undefined) throw unsupported("net.Socket({ fd })");
    const allowHalfOpen = Boolean(options.allowHalfOpen);
    Duplex.call(this, { ...options, allowHalfOpen, emitClose: false, autoDestroy: true, decodeStrings: false });
    this.connecting = false;
    this[kRid] = undefined;
    this[kTimer] = undefined;
    this[kTimeout] = 0;
    this[kReading] = false;
    this._host = null;
    this.bytesRead = 0;
    this._bytesWritten = 0;
    this.remoteAddress = undefined;
    this.remotePort = undefined;
    this.remoteFamily = undefined;
    this._local = undefined;
    this.server = null;
    this._server = null;
  }
  Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
  Object.setPrototypeOf(Socket, Duplex);

  function attach(socket, rid, remote, local) {
    socket[kRid] = rid;
    socket.connecting = false;
    const peer = splitAddress(remote);
    socket.remoteAddress = peer.address;
    socket.remotePort = peer.port;
    socket.remoteFamily = peer.family;
    socket._local = splitAddress(local);
    refreshTimer(socket);
  }

  Object.defineProperties(Socket.prototype, {
    localAddress: {
      get() {
        return this._local?.address;
      },
      configurable: true,
    },
    localPort: {
      get() {
        return this._local?.port;
      },
      configurable: true,
    },
    localFamily: {
      get() {
        return this._local?.family;
      },
      configurable: true,
    },
    pending: {
      get() {
        return this[kRid] === undefined || this.connecting;
      },
      configurable: true,
    },
    readyState: {
      get() {
        if (this.connecting) return "opening";
        if (this.readable && this.writable) return "open";
        if (this.readable && !this.writable) return "readOnly";
        if (!this.readable && this.writable) return "writeOnly";
        return "closed";
      },
      configurable: true,
    },
    bytesWritten: {
      get() {
        return this._bytesWritten;
      },
      configurable: true,
    },
    timeout: {
      get() {
        return this[kTimeout] || undefined;
      },
      configurable: true,
    },
    bufferSize: {
      get() {
        return this.writableLength;
      },
      configurable: true,
    },
  });

  Socket.prototype.address = function address() {
    return this._local === undefined ? {} : { ...this._local };
  };

  Socket.prototype.connect = function connect(...args) {
    const [options, cb] = args[normalizedArgsSymbol] ? args : normalizeArgs(args);
    if (options.path !== undefined) throw unsupported("net.Socket.connect({ path })");
    if (this.destroyed) {
      this._readableState.destroyed = false;
      this._writableState.destroyed = false;
    }
    const host = options.host ?? "localhost";
    if (typeof host !== "string") throw invalidArgType("options.host", "of type string", host);
    const port = checkPort(options.port);
    if (cb !== null) this.once("connect", cb);
    if (options.timeout) this.setTimeout(options.timeout);
    this.connecting = true;
    this._host = host;
    hostOp("node:net.connect", `${host}:${port}`, undefined, (id) => ops.net_connect(id, host, port, false, undefined, undefined, undefined)).then(
      ([rid, remote, local]) => {
        if (this.destroyed) {
          ops.resource_close(rid);
          return;
        }
        attach(this, rid, remote, local);
        this.emit("connect");
        this.emit("ready");
        if (this[kReading]) this._read();
      },
      (error) => {
        this.connecting = false;
        this.destroy(connectError(error, host, port));
      },
    );
    return this;
  };

  Socket.prototype._read = function _read() {
    this[kReading] = true;
    const rid = this[kRid];
    if (rid === undefined || this._pendingRead) return;
    this._pendingRead = true;
    hostOp("node:net.Socket.read", this.remoteAddress ?? "", undefined, (id) => ops.resource_read(id, rid)).then(
      (chunk) => {
        this._pendingRead = false;
        if (this.destroyed) return;
        refreshTimer(this);
        if (chunk === null) {
          this.push(null);
          return;
        }
        this.bytesRead += chunk.length;
        this[kReading] = this.push(B().from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if (this[kReading]) this._read();
      },
      (error) => {
        this._pendingRead = false;
        if (!this.destroyed) this.destroy(ioError(error, "read"));
      },
    );
  };

  function whenConnected(socket, fn) {
    if (socket[kRid] !== undefined) return fn();
    const onConnect = () => {
      socket.off("close", onClose);
      fn();
    };
    const onClose = () => socket.off("connect", onConnect);
    socket.once("connect", onConnect);
    socket.once("close", onClose);
  }

  Socket.prototype._write = function _write(chunk, encoding, callback) {
    const bytes = typeof chunk === "string" ? B().from(chunk, encoding) : chunk;
    whenConnected(this, () => {
      const rid = this[kRid];
      hostOp("node:net.Socket.write", this.remoteAddress ?? "", undefined, (id) => ops.resource_write(id, rid, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))).then(
        () => {
          this._bytesWritten += bytes.length;
          refreshTimer(this);
          callback();
        },
        (error) => callback(ioError(error, "write")),
      );
    });
  };

  Socket.prototype._writev = undefined;

  Socket.prototype._final = function _final(callback) {
    whenConnected(this, () => {
      const rid = this[kRid];
      hostOp("node:net.Socket.end", this.remoteAddress ?? "", undefined, (id) => ops.net_shutdown(id, rid)).then(
        () => callback(),
        (error) => callback(ioError(error, "shutdown")),
      );
    });
  };

  // The stream's 'error' comes now; 'close' once the descriptor is closed
  // (a later turn of the loop, as libuv's close callback).
  Socket.prototype._destroy = function _destroy(error, callback) {
    clearTimer(this);
    this.connecting = false;
    if (this._server) this._server._connectionClosed(this);
    const rid = this[kRid];
    const emitClose = () => this.emit("close", error != null);
    callback(error);
    if (rid === undefined) internal.queueTask(emitClose);
    else hostOp("node:net.Socket.close", this.remoteAddress ?? "", undefined, (id) => ops.net_close(id, rid)).then(emitClose, emitClose);
  };

  Socket.prototype.destroySoon = function destroySoon() {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once("finish", this.destroy);
  };

  Socket.prototype.resetAndDestroy = function resetAndDestroy() {
    return this.destroy();
  };

  function clearTimer(socket) {
    if (socket[kTimer] !== undefined) {
      clearTimeout(socket[kTimer]);
      socket[kTimer] = undefined;
    }
  }

  // Idle timeout: 'timeout' after `ms` without reads or writes.
  function refreshTimer(socket) {
    clearTimer(socket);
    if (socket[kTimeout] > 0 && !socket.destroyed) {
      socket[kTimer] = setTimeout(() => {
        socket[kTimer] = undefined;
        socket.emit("timeout");
      }, socket[kTimeout]);
    }
  }

  Socket.prototype.setTimeout = function setTimeout_(ms, callback) {
    if (typeof ms !== "number" || !(ms >= 0)) throw outOfRangeMsecs(ms);
    this[kTimeout] = ms;
    if (callback !== undefined) {
      if (typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
      if (ms === 0) this.removeListener("timeout", callback);
      else this.once("timeout", callback);
    }
    refreshTimer(this);
    return this;
  };

  function outOfRangeMsecs(ms) {
    if (typeof ms !== "number") return invalidArgType("msecs", "of type number", ms);
    return support.outOfRange("msecs", "a non-negative finite number", ms);
  }

  Socket.prototype.setNoDelay = function setNoDelay() {
    return this;
  };
  Socket.prototype.setKeepAlive = function setKeepAlive() {
    return this;
  };
  Socket.prototype.ref = function ref() {
    return this;
  };
  Socket.prototype.unref = function unref() {
    return this;
  };

  function connect(...args) {
    const normalized = normalizeArgs(args);
    const [options] = normalized;
    const socket = new Socket(options);
    if (options.timeout) socket.setTimeout(options.timeout);
    return socket.connect(...normalized);
  }

  // --- Server ----------------------------------------------------------------------------

  function Server(options, connectionListener) {
    if (!(this instanceof Server)) return new Server(options, connectionListener);
    EventEmitter.call(this);
    if (typeof options === "function") {
      connectionListener = options;
      options = {};
    } else if (options == null || typeof options === "object") {
      options = { ...options };
    } else {
      throw invalidArgType("options", "of type object", options);
    }
    if (typeof connectionListener === "function") this.on("connection", connectionListener);
    this._connections = 0;
    this._sockets = new Set();
    this._rid = undefined;
    this._address = undefined;
    this.allowHalfOpen = Boolean(options.allowHalfOpen);
    this.pauseOnConnect = Boolean(options.pauseOnConnect);
    this.noDelay = Boolean(options.noDelay);
    this.keepAlive = Boolean(options.keepAlive);
    this.maxConnections = undefined;
  }
  Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Server, EventEmitter);

  Object.defineProperty(Server.prototype, "listening", {
    get() {
      return this._rid !== undefined;
    },
    configurable: true,
    enumerable: true,
  });

  Server.prototype.listen = function listen(...args) {
    const [options, cb] = normalizeArgs(args);
    if (cb !== null) this.once("listening", cb);
    if (this._rid !== undefined) throw nodeError(Error, "ERR_SERVER_ALREADY_LISTEN", "Listen method has been called more than once without closing.");
    if (options.path !== undefined) throw unsupported("net.Server.listen({ path })");
    if (options.handle !== undefined || options.fd !== undefined) throw unsupported("net.Server.listen({ handle })");
    const port = options.port === undefined || options.port === null ? 0 : checkPort(options.port, "options.port");
    let host = options.host;
    if (host !== undefined && host !== null && typeof host !== "string") throw invalidArgType("options.host", "of type string", host);
    if (host === "localhost") host = "127.0.0.1";
    let bound;
    const hostnames = host ? [host] : ["::", "0.0.0.0"];
    let failure;
    for (const hostname of hostnames) {
      try {
        bound = ops.net_listen(hostname, port, undefined, undefined, undefined);
        break;
      } catch (error) {
        failure ??= listenError(error, hostname, port);
      }
    }
    if (bound === undefined) {
      support.nextTick(() => this.emit("error", failure));
      return this;
    }
    const [rid, address, boundPort] = bound;
    this._rid = rid;
    this._address = { address, family: address.includes(":") ? "IPv6" : "IPv4", port: boundPort };
    support.nextTick(() => {
      this.emit("listening");
      acceptLoop(this, rid);
    });
    return this;
  };

  function acceptLoop(server, rid) {
    if (server._rid !== rid) return;
    hostOp("node:net.Server.accept", "", undefined, (id) => ops.net_accept(id, rid)).then(
      ([connRid, remote, local]) => {
        if (server._rid !== rid) {
          ops.resource_close(connRid);
          return;
        }
        if (server.maxConnections !== undefined && server._connections >= server.maxConnections) {
          ops.resource_close(connRid);
          server.emit("drop", { remoteAddress: splitAddress(remote).address, remotePort: splitAddress(remote).port });
        } else {
          const socket = new Socket({ allowHalfOpen: server.allowHalfOpen });
          attach(socket, connRid, remote, local);
          socket.server = server;
          socket._server = server;
          server._connections++;
          server._sockets.add(socket);
          if (server.pauseOnConnect) socket.pause();
          server.emit("connection", socket);
        }
        acceptLoop(server, rid);
      },
      (error) => {
        if (server._rid === rid) server.emit("error", error);
      },
    );
  }

  Server.prototype._connectionClosed = function (socket) {
    if (!this._sockets.delete(socket)) return;
    this._connections--;
    emitCloseIfDrained(this);
  };

  // 'close' once the server neither listens nor holds connections; each
  // close() call asks again, as in Node.
  function emitCloseIfDrained(server) {
    if (server._rid !== undefined || server._connections > 0) return;
    support.nextTick(() => server.emit("close"));
  }

  Server.prototype.close = function close(cb) {
    if (typeof cb === "function") {
      if (this._rid === undefined) {
        this.once("close", () => cb(nodeError(Error, "ERR_SERVER_NOT_RUNNING", "Server is not running.")));
      } else {
        this.once("close", cb);
      }
    }
    if (this._rid !== undefined) {
      const rid = this._rid;
      this._rid = undefined;
      this._address = undefined;
      hostOp("node:net.Server.close", "", undefined, (id) => ops.net_close(id, rid)).catch(() => {});
    }
    emitCloseIfDrained(this);
    return this;
  };

  Server.prototype.address = function address() {
    return this._address === undefined ? null : { ...this._address };
  };

  Server.prototype.getConnections = function getConnections(cb) {
    support.nextTick(cb, null, this._connections);
    return this;
  };

  Server.prototype.ref = function ref() {
    return this;
  };
  Server.prototype.unref = function unref() {
    return this;
  };
  Server.prototype[Symbol.asyncDispose] = function () {
    return new Promise((resolve) => this.close(() => resolve()));
  };

  function createServer(options, connectionListener) {
    return new Server(options, connectionListener);
  }

  // --- the rest of Node's surface ------------------------------------------------------

  let autoSelectFamily = true;
  let autoSelectFamilyAttemptTimeout = 250;

  function unsupportedClass(name) {
    const Class = function () {
      throw unsupported(`net.${name}`);
    };
    Object.defineProperty(Class, "name", { value: name });
    return Class;
  }

  return {
    BlockList: unsupportedClass("BlockList"),
    Server,
    Socket,
    SocketAddress: unsupportedClass("SocketAddress"),
    Stream: Socket,
    _createServerHandle: unsupportedFunction("net._createServerHandle"),
    _normalizeArgs: normalizeArgs,
    _setSimultaneousAccepts() {},
    connect,
    createConnection: connect,
    createServer,
    getDefaultAutoSelectFamily: () => autoSelectFamily,
    getDefaultAutoSelectFamilyAttemptTimeout: () => autoSelectFamilyAttemptTimeout,
    isIP,
    isIPv4,
    isIPv6,
    setDefaultAutoSelectFamily(value) {
      if (typeof value !== "boolean") throw invalidArgType("value", "of type boolean", value);
      autoSelectFamily = value;
    },
    setDefaultAutoSelectFamilyAttemptTimeout(value) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw invalidArgValue("value", value);
      autoSelectFamilyAttemptTimeout = Math.max(value, 10);
    },
  };
})

// http.js: node:http. The server is Kode.serve (runtime/js/serve.js): each
// request becomes an IncomingMessage (a stream.Readable over the request
// body) and a ServerResponse whose head and body become the Response the
// serve handler returns (streamed once the program writes before ending).
// The client sends one request through the http_fetch op (no redirects
// followed, no headers added beyond Host): the request body is collected
// and sent with end(). node:https builds on this with TLS.
//
// Known differences: header names arrive lower-cased (rawHeaders too);
// custom status messages are not sent (the status line has the standard
// reason); a response's gzip/deflate/br body reaches the client decoded,
// without its content-encoding and content-length headers; there is no
// socket-level API (the 'connection' event, upgrades, CONNECT).
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, unsupported, unsupportedFunction } = support;
  const EventEmitter = support.builtin("node:events");
  const { Readable, Writable } = support.builtin("node:stream");
  const B = () => support.builtin("node:buffer").Buffer;
  const { hostOp } = internal;

  const METHODS = ["ACL", "BIND", "CHECKOUT", "CONNECT", "COPY", "DELETE", "GET", "HEAD", "LINK", "LOCK", "M-SEARCH", "MERGE", "MKACTIVITY", "MKCALENDAR", "MKCOL", "MOVE", "NOTIFY", "OPTIONS", "PATCH", "POST", "PROPFIND", "PROPPATCH", "PURGE", "PUT", "QUERY", "REBIND", "REPORT", "SEARCH", "SOURCE", "SUBSCRIBE", "TRACE", "UNBIND", "UNLINK", "UNLOCK", "UNSUBSCRIBE"];

  const STATUS_CODES = {
    100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints", 200: "OK", 201: "Created",
    202: "Accepted", 203: "Non-Authoritative Information", 204: "No Content", 205: "Reset Content", 206: "Partial Content",
    207: "Multi-Status", 208: "Already Reported", 226: "IM Used", 300: "Multiple Choices", 301: "Moved Permanently",
    302: "Found", 303: "See Other", 304: "Not Modified", 305: "Use Proxy", 307: "Temporary Redirect",
    308: "Permanent Redirect", 400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable", 407: "Proxy Authentication Required",
    408: "Request Timeout", 409: "Conflict", 410: "Gone", 411: "Length Required", 412: "Precondition Failed",
    413: "Payload Too Large", 414: "URI Too Long", 415: "Unsupported Media Type", 416: "Range Not Satisfiable",
    417: "Expectation Failed", 418: "I'm a Teapot", 421: "Misdirected Request", 422: "Unprocessable Entity",
    423: "Locked", 424: "Failed Dependency", 425: "Too Early", 426: "Upgrade Required", 428: "Precondition Required",
    429: "Too Many Requests", 431: "Request Header Fields Too Large", 451: "Unavailable For Legal Reasons",
    500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
    504: "Gateway Timeout", 505: "HTTP Version Not Supported", 506: "Variant Also Negotiates",
    507: "Insufficient Storage", 508: "Loop Detected", 509: "Bandwidth Limit Exceeded", 510: "Not Extended",
    511: "Network Authentication Required",
  };

  // --- headers -----------------------------------------------------------------------

  const tokenRe = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
  const invalidCharRe = /[^\t\x20-\x7e\x80-\xff]/;

  function validateHeaderName(name, label = "Header name") {
    if (typeof name !== "string" || !name || !tokenRe.test(name)) {
      throw nodeError(TypeError, "ERR_INVALID_HTTP_TOKEN", `${label} must be a valid HTTP token ["${name}"]`);
    }
  }

  function validateHeaderValue(name, value) {
    if (value === undefined) {
      throw nodeError(TypeError, "ERR_HTTP_INVALID_HEADER_VALUE", `Invalid value "${value}" for header "${name}"`);
    }
    if (invalidCharRe.test(String(value))) {
      throw nodeError(TypeError, "ERR_INVALID_CHAR", `Invalid character in header content ["${name}"]`);
    }
  }

  // Node's IncomingMessage.headers: lower-case names; duplicates joined
  // with ", " (cookie with "; "), set-cookie always an array.
  function headersFromList(list) {
    const headers = {};
    const rawHeaders = [];
    for (let i = 0; i < list.length; i += 2) {
      const name = list[i].toLowerCase();
      const value = list[i + 1];
      rawHeaders.push(list[i], value);
      if (name === "set-cookie") (headers[name] ??= []).push(value);
      else if (headers[name] === undefined) headers[name] = value;
      else headers[name] += `${name === "cookie" ? "; " : ", "}${value}`;
    }
    return { headers, rawHeaders };
  }

  const kHeaders = Symbol("kOutHeaders");

  // --- OutgoingMessage: the header store and the Writable both sides share --------

  function OutgoingMessage(options) {
    // Not destroyed at 'finish': a request waits for its response; each
    // side emits 'close' itself.
    Writable.call(this, { ...options, decodeStrings: false, autoDestroy: false, emitClose: false });
    this[kHeaders] = new Map();
    this._headerSent = false;
    this.sendDate = false;
    this.finished = false;
    this.chunkedEncoding = false;
    this.useChunkedEncodingByDefault = true;
    this.shouldKeepAlive = true;
    this.socket = null;
  }
  Object.setPrototypeOf(OutgoingMessage.prototype, Writable.prototype);
  Object.setPrototypeOf(OutgoingMessage, Writable);

  Object.defineProperty(OutgoingMessage.prototype, "headersSent", {
    get() {
      return this._headerSent;
    },
    configurable: true,
  });
  Object.defineProperty(OutgoingMessage.prototype, "connection", {
    get() {
      return this.socket;
    },
    configurable: true,
  });

  function checkNotSent(message, action) {
    if (message._headerSent) throw nodeError(Error, "ERR_HTTP_HEADERS_SENT", `Cannot ${action} headers after they are sent to the client`);
  }

  Object.assign(OutgoingMessage.prototype, {
    setHeader(name, value) {
      checkNotSent(this, "set");
      validateHeaderName(name);
      validateHeaderValue(name, value);
      this[kHeaders].set(name.toLowerCase(), [name, value]);
      return this;
    },
    appendHeader(name, value) {
      checkNotSent(this, "append");
      validateHeaderName(name);
      validateHeaderValue(name, value);
      const key = name.toLowerCase();
      const existing = this[kHeaders].get(key);
      if (existing === undefined) this[kHeaders].set(key, [name, value]);
      else existing[1] = [].concat(existing[1], value);
      return this;
    },
    getHeader(name) {
      if (typeof name !== "string") throw invalidArgType("name", "of type string", name);
      return this[kHeaders].get(name.toLowerCase())?.[1];
    },
    getHeaders() {
      const result = { __proto__: null };
      for (const [key, [, value]] of this[kHeaders]) result[key] = value;
      return result;
    },
    getHeaderNames() {
      return [...this[kHeaders].keys()];
    },
    getRawHeaderNames() {
      return [...this[kHeaders].values()].map(([name]) => name);
    },
    hasHeader(name) {
      if (typeof name !== "string") throw invalidArgType("name", "of type string", name);
      return this[kHeaders].has(name.toLowerCase());
    },
    removeHeader(name) {
      if (typeof name !== "string") throw invalidArgType("name", "of type string", name);
      checkNotSent(this, "remove");
      this[kHeaders].delete(name.toLowerCase());
    },
    setTimeout(msecs, callback) {
      if (callback) this.once("timeout", callback);
      return this;
    },
    addTrailers: unsupportedFunction("OutgoingMessage.addTrailers"),
    flushHeaders() {
      this._commitHead?.();
    },
  });

  // The header list to send: [name, value, ...], arrays as repeated fields.
  function headerList(message) {
    const list = [];
    for (const [, [name, value]] of message[kHeaders]) {
      if (Array.isArray(value)) for (const item of value) list.push(name.toLowerCase(), String(item));
      else list.push(name.toLowerCase(), String(value));
    }
    return list;
  }

  function toBytes(chunk, encoding) {
    if (typeof chunk === "string") return B().from(chunk, encoding ?? "utf8");
    if (chunk instanceof Uint8Array) return chunk;
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw invalidArgType("chunk", "of type string or an instance of Buffer or Uint8Array", chunk);
  }

  function copy(bytes) {
    return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }

  // --- IncomingMessage ------------------------------------------------------------------

  function IncomingMessage(socket) {
    Readable.call(this);
    this.socket = socket ?? null;
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.httpVersion = "1.1";
    this.complete = false;
    this.rawHeaders = [];
    this.rawTrailers = [];
    this.aborted = false;
    this.upgrade = false;
    this.url = "";
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
    this.headers = {};
    this.trailers = {};
    this._source = null;
  }
  Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
  Object.setPrototypeOf(IncomingMessage, Readable);
  Object.defineProperty(IncomingMessage.prototype, "connection", {
    get() {
      return this.socket;
    },
    configurable: true,
  });

  // `_source.read()` gives the next Uint8Array or null; `_source.cancel()` stops.
  IncomingMessage.prototype._read = function _read() {
    const source = this._source;
    if (source === null) {
      this.complete = true;
      this.push(null);
      return;
    }
    source.read().then(
      (chunk) => {
        if (chunk === null) {
          this.complete = true;
          this.push(null);
        } else {
          this.emit(kActivity);
          this.push(B().from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        }
      },
      (error) => {
        this.aborted = true;
        this.destroy(error);
      },
    );
  };
  IncomingMessage.prototype._destroy = function _destroy(error, callback) {
    if (!this.complete && this._source !== null) this._source.cancel();
    callback(error);
  };
  IncomingMessage.prototype.setTimeout = function setTimeout_(msecs, callback) {
    if (callback) this.once("timeout", callback);
    return this;
  };
  const kActivity = Symbol("kActivity");

  // --- the server ---------------------------------------------------------------------------

  // What req.socket / res.socket can tell without a real socket.
  function peerSocket(info, local, encrypted) {
    const socket = new EventEmitter();
    Object.assign(socket, {
      remoteAddress: info.remoteAddr.hostname,
      remotePort: info.remoteAddr.port,
      remoteFamily: info.remoteAddr.hostname.includes(":") ? "IPv6" : "IPv4",
      localAddress: local?.address,
      localPort: local?.port,
      encrypted: encrypted || undefined,
      readable: true,
      writable: true,
      setTimeout() {
        return this;
      },
      setNoDelay() {
        return this;
      },
      setKeepAlive() {
        return this;
      },
      ref() {
        return this;
      },
      unref() {
        return this;
      },
      address() {
        return local === undefined ? {} : { ...local };
      },
      destroy() {},
      end() {},
    });
    return socket;
  }

  function webSource(stream) {
    if (stream === null) return null;
    const reader = stream.getReader();
    return {
      read: () => reader.read().then(({ value, done }) => (done ? null : value)),
      cancel: () => reader.cancel().catch(() => {}),
    };
  }

  // The Response the serve handler waits for.
  const kResponse = Symbol("kResponse");

  function ServerResponse(req, options) {
    OutgoingMessage.call(this, options);
    this.req = req;
    this.statusCode = 200;
    this.statusMessage = undefined;
    this.sendDate = true;
    this.socket = req.socket;
    this._bodyless = req.method === "HEAD";
    this._controller = null;
    this._resolve = null;
    this[kResponse] = new Promise((resolve) => {
      this._resolve = resolve;
    });
  }
  Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
  Object.setPrototypeOf(ServerResponse, OutgoingMessage);

  ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, headers) {
    if (this._headerSent) throw nodeError(Error, "ERR_HTTP_HEADERS_SENT", "Cannot write headers after they are sent to the client");
    if (typeof reason !== "string") {
      headers = reason;
      reason = undefined;
    }
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) {
      throw nodeError(RangeError, "ERR_HTTP_INVALID_STATUS_CODE", `Invalid status code: ${statusCode}`);
    }
    this.statusCode = statusCode;
    if (reason !== undefined) this.statusMessage = reason;
    if (Array.isArray(headers)) {
      if (headers.length > 0 && Array.isArray(headers[0])) {
        for (const [name, value] of headers) this.appendHeader(name, value);
      } else {
        for (let i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
      }
    } else if (headers) {
      for (const name of Object.keys(headers)) if (headers[name] !== undefined) this.setHeader(name, headers[name]);
    }
    this._headerSent = true;
    return this;
  };
  ServerResponse.prototype.writeContinue = unsupportedFunction("ServerResponse.writeContinue");
  ServerResponse.prototype.writeProcessing = unsupportedFunction("ServerResponse.writeProcessing");
  ServerResponse.prototype.writeEarlyHints = unsupportedFunction("ServerResponse.writeEarlyHints");
  ServerResponse.prototype.assignSocket = unsupportedFunction("ServerResponse.assignSocket");
  ServerResponse.prototype.detachSocket = unsupportedFunction("ServerResponse.detachSocket");

  function responseInit(res) {
    res._headerSent = true;
    res.statusMessage ??= STATUS_CODES[res.statusCode] ?? "unknown";
    const headers = new Headers();
    const list = headerList(res);
    for (let i = 0; i < list.length; i += 2) headers.append(list[i], list[i + 1]);
    return { status: res.statusCode, statusText: res.statusMessage, headers };
  }

  const noBody = (status) => status === 204 || status === 304 || (status >= 100 && status < 200);

  // The head goes out with the first write: the body streams from there.
  ServerResponse.prototype._commitHead = function () {
    if (this._resolve === null) return;
    const init = responseInit(this);
    const resolve = this._resolve;
    this._resolve = null;
    if (this._bodyless || noBody(init.status)) {
      resolve(new Response(null, init));
      return;
    }
    const body = new ReadableStream({
      start: (controller) => {
        this._controller = controller;
      },
      cancel: () => {
        this._controller = null;
        this.destroy();
      },
    });
    resolve(new Response(body, init));
  };

  ServerResponse.prototype._write = function _write(chunk, encoding, callback) {
    const bytes = toBytes(chunk, encoding);
    if (this._resolve !== null) this._commitHead();
    if (this._controller !== null && bytes.length > 0) this._controller.enqueue(copy(bytes));
    callback();
  };

  // end() before any write answers with the whole body at once (so it has
  // a Content-Length, as in Node).
  ServerResponse.prototype._final = function _final(callback) {
    if (this._resolve !== null) {
      const init = responseInit(this);
      const resolve = this._resolve;
      this._resolve = null;
      const bytes = this._pendingBody;
      resolve(new Response(this._bodyless || noBody(init.status) ? null : bytes ?? new Uint8Array(0), init));
    } else if (this._controller !== null) {
      this._controller.close();
      this._controller = null;
    }
    this.finished = true;
    callback();
  };

  ServerResponse.prototype.end = function end(chunk, encoding, callback) {
    if (typeof chunk === "function") {
      callback = chunk;
      chunk = undefined;
    } else if (typeof encoding === "function") {
      callback = encoding;
      encoding = undefined;
    }
    if (chunk != null && this._resolve !== null && this.writableLength === 0 && !this.writableEnded) {
      this._pendingBody = copy(toBytes(chunk, encoding));
      chunk = undefined;
    }
    return Writable.prototype.end.call(this, chunk, encoding, callback);
  };

  ServerResponse.prototype._destroy = function _destroy(error, callback) {
    if (this._controller !== null) {
      try {
        this._controller.error(error ?? new Error("aborted"));
      } catch {
        // Already closed.
      }
      this._controller = null;
    }
    if (this._resolve !== null) {
      const resolve = this._resolve;
      this._resolve = null;
      resolve(new Response(null, { status: 500 }));
    }
    callback(error);
  };

  function Server(options, requestListener) {
    if (!(this instanceof Server)) return new Server(options, requestListener);
    initServer(this, options, requestListener);
  }

  // Shared with node:https, whose Server is not an http.Server.
  function initServer(server, options, requestListener) {
    EventEmitter.call(server);
    if (typeof options === "function") {
      requestListener = options;
      options = {};
    } else if (options == null) {
      options = {};
    } else if (typeof options !== "object") {
      throw invalidArgType("options", "of type object", options);
    }
    server._options = { ...options };
    if (requestListener) server.on("request", requestListener);
    server._kode = null;
    server._address = null;
    server.timeout = 0;
    server.keepAliveTimeout = 5000;
    server.headersTimeout = 60000;
    server.requestTimeout = 300000;
    server.maxHeadersCount = null;
    server.maxRequestsPerSocket = 0;
  }
  Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Server, EventEmitter);

  Object.defineProperty(Server.prototype, "listening", {
    get() {
      return this._kode !== null;
    },
    configurable: true,
    enumerable: true,
  });

  Server.prototype._tls = function () {
    return undefined;
  };

  Server.prototype.listen = function listen(...args) {
    const net = support.builtin("node:net");
    const [options, cb] = net._normalizeArgs(args);
    if (cb !== null) this.once("listening", cb);
    if (this._kode !== null) throw nodeError(Error, "ERR_SERVER_ALREADY_LISTEN", "Listen method has been called more than once without closing.");
    if (options.path !== undefined) throw unsupported("http.Server.listen({ path })");
    const port = options.port == null ? 0 : Number(options.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw nodeError(RangeError, "ERR_SOCKET_BAD_PORT", `options.port should be >= 0 and < 65536. Received type ${typeof options.port} (${options.port}).`);
    }
    let host = options.host ?? undefined;
    if (host === "localhost") host = "127.0.0.1";
    const encrypted = this._tls() !== undefined;
    const serve = internal.loadInternal("kode:internal/serve").serve;
    const handler = (request, info) => this._dispatch(request, info, encrypted);
    let failure;
    for (const hostname of host ? [host] : ["::", "0.0.0.0"]) {
      try {
        this._kode = serve({ hostname, port, tls: this._tls() }, handler);
        break;
      } catch (error) {
        const [code, errno, text] = support.systemCode(error);
        failure ??= Object.assign(new Error(`listen ${code}: ${text} ${hostname}:${port}`), { code, errno, syscall: "listen", address: hostname, port });
      }
    }
    if (this._kode === null) {
      support.nextTick(() => this.emit("error", failure));
      return this;
    }
    const { hostname, port: bound } = this._kode.addr;
    this._address = { address: hostname, family: hostname.includes(":") ? "IPv6" : "IPv4", port: bound };
    support.nextTick(() => this.emit("listening"));
    return this;
  };

  Server.prototype._dispatch = function (request, info, encrypted) {
    const url = new URL(request.url);
    const socket = peerSocket(info, this._address ?? undefined, encrypted);
    const req = new IncomingMessage(socket);
    req.method = request.method;
    req.url = `${url.pathname}${url.search}`;
    const list = [];
    for (const [name, value] of request.headers) {
      if (name === "set-cookie") for (const cookie of request.headers.getSetCookie()) list.push(name, cookie);
      else list.push(name, value);
    }
    if (!request.headers.has("host")) list.unshift("host", url.host);
    const { headers, rawHeaders } = headersFromList(list);
    req.headers = headers;
    req.rawHeaders = rawHeaders;
    req._source = webSource(request.body);
    const res = new ServerResponse(req);
    res.on("finish", () =>
      support.nextTick(() => {
        req.emit("close");
        res.emit("close");
      }),
    );
    try {
      this.emit("request", req, res);
    } catch (error) {
      // A listener that throws is an uncaught exception, as in Node.
      internal.reportException(error);
    }
    return res[kResponse];
  };

  Server.prototype.address = function address() {
    return this._address === null ? null : { ...this._address };
  };

  Server.prototype.close = function close(cb) {
    if (typeof cb === "function") {
      if (this._kode === null) this.once("close", () => cb(nodeError(Error, "ERR_SERVER_NOT_RUNNING", "Server is not running.")));
      else this.once("close", cb);
    }
    const kode = this._kode;
    this._kode = null;
    this._address = null;
    if (kode === null) {
      support.nextTick(() => this.emit("close"));
      return this;
    }
    kode.shutdown().then(() => this.emit("close"));
    return this;
  };

  Server.prototype.setTimeout = function setTimeout_(msecs, callback) {
    this.timeout = msecs;
    if (callback) this.on("timeout", callback);
    return this;
  };
  // Kode.serve closes idle keep-alive connections when it shuts down.
  Server.prototype.closeIdleConnections = function closeIdleConnections() {};
  Server.prototype.closeAllConnections = unsupportedFunction("http.Server.closeAllConnections");
  Server.prototype.ref = function ref() {
    return this;
  };
  Server.prototype.unref = function unref() {
    return this;
  };
  Server.prototype.getConnections = function getConnections(cb) {
    support.nextTick(cb, null, 0);
    return this;
  };
  Server.prototype[Symbol.asyncDispose] = function () {
    return new Promise((resolve) => this.close(() => resolve()));
  };

  function createServer(options, requestListener) {
    return new Server(options, requestListener);
  }

  // --- the client ---------------------------------------------------------------------------

  function Agent(options) {
    if (!(this instanceof Agent)) return new Agent(options);
    EventEmitter.call(this);
    this.defaultPort = 80;
    this.protocol = "http:";
    this.options = { __proto__: null, ...options };
    this.options.path ??= null;
    this.requests = { __proto__: null };
    this.sockets = { __proto__: null };
    this.freeSockets = { __proto__: null };
    this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
    this.keepAlive = this.options.keepAlive || false;
    this.maxSockets = this.options.maxSockets || Infinity;
    this.maxFreeSockets = this.options.maxFreeSockets || 256;
    this.scheduling = this.options.scheduling || "lifo";
    this.maxTotalSockets = this.options.maxTotalSockets || Infinity;
    this.totalSocketCount = 0;
  }
  Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Agent, EventEmitter);
  Agent.defaultMaxSockets = Infinity;
  Agent.prototype.getName = function getName(options = {}) {
    return `${options.host || "localhost"}:${options.port || ""}:${options.localAddress || ""}${options.family ? `:${options.family}` : ""}`;
  };
  // Connections are pooled by Kode's client, not per agent.
  Agent.prototype.destroy = function destroy() {};
  Agent.prototype.createConnection = unsupportedFunction("http.Agent.createConnection");
  // Node's socket pooling hooks (agent-base subclasses override them): Kode's
  // client pools its own connections and never calls them.
  Agent.prototype.addRequest = unsupportedFunction("http.Agent.addRequest");
  Agent.prototype.createSocket = unsupportedFunction("http.Agent.createSocket");
  Agent.prototype.removeSocket = unsupportedFunction("http.Agent.removeSocket");
  Agent.prototype.keepSocketAlive = function keepSocketAlive() {
    return true;
  };
  Agent.prototype.reuseSocket = function reuseSocket() {};

  const globalAgent = new Agent({ keepAlive: true, scheduling: "lifo", timeout: 5000 });

  function urlToOptions(url) {
    const options = {
      protocol: url.protocol,
      hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: `${url.pathname || ""}${url.search || ""}`,
      href: url.href,
    };
    if (url.port !== "") options.port = Number(url.port);
    if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    return options;
  }

  function ClientRequest(input, options, cb, defaults = { protocol: "http:", defaultPort: 80, agent: globalAgent }) {
    OutgoingMessage.call(this);
    if (typeof input === "string") input = urlToOptions(new URL(input));
    else if (input instanceof URL) input = urlToOptions(input);
    else {
      cb = options;
      options = input;
      input = null;
    }
    if (typeof options === "function") {
      cb = options;
      options = input ?? {};
    } else {
      options = { ...input, ...options };
    }
    const agent = options.agent === undefined ? defaults.agent : options.agent;
    const protocol = options.protocol ?? agent?.protocol ?? defaults.protocol;
    if (protocol !== defaults.protocol) {
      throw nodeError(TypeError, "ERR_INVALID_PROTOCOL", `Protocol "${protocol}" not supported. Expected "${defaults.protocol}"`);
    }
    if (options.socketPath !== undefined) throw unsupported("http.request({ socketPath })");
    if (options.createConnection !== undefined) throw unsupported("http.request({ createConnection })");
    if (options.rejectUnauthorized === false) throw unsupported("https.request({ rejectUnauthorized: false })");
    if (options.ca !== undefined || options.cert !== undefined || options.pfx !== undefined) throw unsupported("https.request({ ca, cert, key, pfx })");
    const defaultPort = options.defaultPort || agent?.defaultPort || defaults.defaultPort;
    const port = Number(options.port || defaultPort);
    const host = options.hostname || options.host || "localhost";
    const method = (options.method ?? "GET").toUpperCase();
    if (!tokenRe.test(method)) throw nodeError(TypeError, "ERR_INVALID_HTTP_TOKEN", `Method must be a valid HTTP token ["${options.method}"]`);
    const path = options.path ?? "/";
    if (/[\u0000-\u0020]/.test(path)) throw nodeError(TypeError, "ERR_UNESCAPED_CHARACTERS", "Request path contains unescaped characters");
    this.agent = agent;
    this.method = method;
    this.path = path;
    this.host = host;
    this.protocol = protocol;
    this.reusedSocket = false;
    this.maxHeadersCount = null;
    this.aborted = false;
    this.timeoutCb = null;
    this.res = null;
    this._sink = undefined;
    this._pendingBody = undefined;
    this._ended = false;
    this._controller = new AbortController();
    this._timeout = 0;
    this._timer = undefined;
    const hostHeader = host.includes(":") ? `[${host}]` : host;
    this._url = `${protocol}//${hostHeader}${port === defaultPort ? "" : `:${port}`}${path}`;
    this._port = port;
    if (cb) this.once("response", cb);
    const headers = options.headers;
    if (Array.isArray(headers)) {
      for (let i = 0; i < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1]);
    } else if (headers) {
      for (const name of Object.keys(headers)) if (headers[name] !== undefined) this.setHeader(name, headers[name]);
    }
    if (options.setHost !== false && !this.hasHeader("host")) this.setHeader("Host", `${hostHeader}${port === defaultPort ? "" : `:${port}`}`);
    if (options.auth && !this.hasHeader("authorization")) this.setHeader("Authorization", `Basic ${B().from(options.auth).toString("base64")}`);
    if (options.timeout !== undefined) this.setTimeout(options.timeout);
    if (options.signal) {
      const { signal } = options;
      const onAbort = () => this.destroy(abortError(signal.reason));
      if (signal.aborted) support.nextTick(onAbort);
      else signal.addEventListener("abort", onAbort, { once: true });
    }
    const socket = new EventEmitter();
    Object.assign(socket, { setTimeout: () => socket, setNoDelay: () => socket, setKeepAlive: () => socket, ref: () => socket, unref: () => socket, destroy: () => this.destroy(), remoteAddress: undefined });
    this.socket = socket;
    support.nextTick(() => {
      if (!this.destroyed) this.emit("socket", socket);
    });
  }
  Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
  Object.setPrototypeOf(ClientRequest, OutgoingMessage);

  function abortError(cause) {
    const error = new Error("The operation was aborted", cause === undefined ? undefined : { cause });
    error.name = "AbortError";
    error.code = "ABORT_ERR";
    return error;
  }

  // The first write starts the request with a streamed (chunked) body;
  // end(data) with nothing written before sends one body with its length.
  ClientRequest.prototype._write = function _write(chunk, encoding, callback) {
    const bytes = copy(toBytes(chunk, encoding));
    if (this._sink === undefined) send(this, null, true);
    const sink = this._sink;
    hostOp("node:http.ClientRequest.write", this._url, undefined, (id) => ops.resource_write(id, sink, bytes)).then(
      () => callback(),
      (error) => callback(clientError(error, this)),
    );
  };

  ClientRequest.prototype._final = function _final(callback) {
    if (this._sink === undefined) send(this, this._pendingBody ?? null, false);
    else if (this._sink !== null) {
      ops.resource_close(this._sink);
      this._sink = null;
    }
    callback();
  };

  ClientRequest.prototype.end = function end(chunk, encoding, callback) {
    if (typeof chunk === "function") {
      callback = chunk;
      chunk = undefined;
    } else if (typeof encoding === "function") {
      callback = encoding;
      encoding = undefined;
    }
    if (chunk != null && this._sink === undefined && this.writableLength === 0 && !this.writableEnded) {
      this._pendingBody = copy(toBytes(chunk, encoding));
      chunk = undefined;
    }
    return Writable.prototype.end.call(this, chunk, encoding, callback);
  };

  function clearTimer(req) {
    if (req._timer !== undefined) {
      clearTimeout(req._timer);
      req._timer = undefined;
    }
  }

  function armTimer(req) {
    clearTimer(req);
    if (req._timeout > 0 && !req.destroyed) {
      req._timer = setTimeout(() => {
        req._timer = undefined;
        req.emit("timeout");
        req.socket?.emit("timeout");
      }, req._timeout);
    }
  }

  ClientRequest.prototype.setTimeout = function setTimeout_(msecs, callback) {
    if (callback) this.once("timeout", callback);
    this._timeout = msecs;
    armTimer(this);
    return this;
  };
  ClientRequest.prototype.setNoDelay = function setNoDelay() {};
  ClientRequest.prototype.setSocketKeepAlive = function setSocketKeepAlive() {};
  ClientRequest.prototype.abort = function abort() {
    if (this.aborted) return;
    this.aborted = true;
    support.nextTick(() => this.emit("abort"));
    this.destroy();
  };

  ClientRequest.prototype._destroy = function _destroy(error, callback) {
    clearTimer(this);
    this._controller.abort();
    if (this._sink) {
      ops.http_body_fail(this._sink);
      this._sink = null;
    }
    if (this.res !== null && !this.res.complete) {
      this.res.aborted = true;
      this.res.destroy(error ?? connResetError());
    } else if (this.res === null && error == null && this._ended) {
      error = connResetError();
    }
    callback(error);
    support.nextTick(() => emitCloseOnce(this));
  };

  function emitCloseOnce(req) {
    if (req._closeEmitted) return;
    req._closeEmitted = true;
    req.emit("close");
  }

  function connResetError() {
    const error = new Error("socket hang up");
    error.code = "ECONNRESET";
    return error;
  }

  function clientError(error, req) {
    const code = error?.code;
    if (code === "ENOTFOUND") {
      return Object.assign(new Error(`getaddrinfo ENOTFOUND ${req.host}`), { errno: -3008, code, syscall: "getaddrinfo", hostname: req.host });
    }
    if (code === "ECONNREFUSED" || code === "ETIMEDOUT" || code === "EHOSTUNREACH" || code === "ENETUNREACH") {
      return support.hostPortException(error, "connect", req.host, req._port);
    }
    if (code === "ECONNRESET" || code === "EHTTP") return Object.assign(connResetError(), { cause: error });
    return error;
  }

  function send(req, bytes, streamed) {
    req._ended = true;
    req._headerSent = true;
    if (bytes === null && !streamed && ["POST", "PUT", "PATCH"].includes(req.method)) bytes = new Uint8Array(0);
    armTimer(req);
    const list = headerList(req);
    hostOp("node:http.request", req._url, req._controller.signal, (id) => {
      req._sink = ops.http_fetch(id, req.method, req._url, list, bytes, streamed) ?? null;
    }).then(
      ([status, statusText, headerPairs, bodyRid]) => {
        if (req.destroyed) {
          if (bodyRid !== null) ops.resource_close(bodyRid);
          return;
        }
        armTimer(req);
        const res = new IncomingMessage(req.socket);
        res.req = req;
        res.statusCode = status;
        res.statusMessage = statusText || STATUS_CODES[status] || "";
        const { headers, rawHeaders } = headersFromList(decodedHeaders(headerPairs));
        res.headers = headers;
        res.rawHeaders = rawHeaders;
        res._source = bodyRid === null ? null : resourceSource(bodyRid, req._url);
        res.on(kActivity, () => armTimer(req));
        res.on("end", () => {
          clearTimer(req);
          support.nextTick(() => emitCloseOnce(req));
        });
        req.res = res;
        if (!req.emit("response", res)) res.resume();
      },
      (error) => {
        if (req.destroyed) return;
        req.destroy(clientError(error, req));
      },
    );
  }

  // Kode's client decodes gzip/deflate/br bodies: the headers that
  // described the encoded body go.
  function decodedHeaders(list) {
    let encoding = null;
    for (let i = 0; i < list.length; i += 2) if (list[i].toLowerCase() === "content-encoding") encoding = list[i + 1].trim().toLowerCase();
    if (!["gzip", "x-gzip", "deflate", "br"].includes(encoding)) return list;
    const kept = [];
    for (let i = 0; i < list.length; i += 2) {
      const name = list[i].toLowerCase();
      if (name !== "content-encoding" && name !== "content-length") kept.push(list[i], list[i + 1]);
    }
    return kept;
  }

  function resourceSource(rid, url) {
    let closed = false;
    const close = () => {
      if (!closed) {
        closed = true;
        ops.resource_close(rid);
      }
    };
    return {
      read: () =>
        hostOp("node:http.IncomingMessage.read", url, undefined, (id) => ops.resource_read(id, rid)).then(
          (chunk) => {
            if (chunk === null) close();
            return chunk;
          },
          (error) => {
            close();
            throw connResetError(error);
          },
        ),
      cancel: close,
    };
  }

  function request(url, options, cb) {
    return new ClientRequest(url, options, cb);
  }

  function get(url, options, cb) {
    const req = request(url, options, cb);
    req.end();
    return req;
  }

  function requestFor(defaults) {
    return {
      request: (url, options, cb) => new ClientRequest(url, options, cb, defaults),
      get(url, options, cb) {
        const req = new ClientRequest(url, options, cb, defaults);
        req.end();
        return req;
      },
    };
  }

  const http = {
    Agent,
    ClientRequest,
    IncomingMessage,
    METHODS,
    OutgoingMessage,
    STATUS_CODES,
    Server,
    ServerResponse,
    _connectionListener: unsupportedFunction("http._connectionListener"),
    createServer,
    get,
    globalAgent,
    maxHeaderSize: 16384,
    request,
    setMaxIdleHTTPParsers(max) {
      if (!Number.isInteger(max) || max < 1) throw support.outOfRange("max", ">= 1", max);
    },
    validateHeaderName,
    validateHeaderValue,
  };
  // node:https takes what it shares with node:http from here.
  Object.defineProperty(http, support.kHttpInternals, { value: { Server, initServer, Agent, ClientRequest, requestFor } });
  return http;
})

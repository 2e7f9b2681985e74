// net.js: kode:net (SPEC 4.5) - TCP and TLS sockets in the shape of the
// WinterTC Sockets API (https://sockets-api.proposal.wintertc.org/), and
// listeners. Loaded on the first import or require of "kode:net".
//
// connect() returns a Socket at once; the host connects (and shakes hands
// over TLS) meanwhile, and `opened` settles when that is done. A socket is a
// resource (listed by Kode.activeOperations() as "kode:net.connect", or
// "kode:net.accept" for an accepted one): its `readable` is a byte stream
// the host reads at most 4 chunks of 64 KiB ahead of, its `writable` takes
// Uint8Arrays (any ArrayBuffer or view; a string is a TypeError, as in
// workerd) and each write settles once the bytes are out. Closing the
// writable sends FIN (half-close) and the reading goes on; when the peer
// ends its side and allowHalfOpen is false (the default), the writing side
// is ended too. Once both sides are done (read to the end or cancelled;
// closed or aborted) the socket closes by itself and `closed` resolves;
// close() closes it at once. `closed` settles only when the descriptor is
// really closed. An error of either side (ECONNRESET, EPIPE) or of the
// opening (ECONNREFUSED, ENOTFOUND, ECERT, ETIMEDOUT, ECANCELED) rejects
// `closed` (and `opened`, while opening). Errors carry `code`, `operation`
// and `address` ("host:port").
(function (ops, internal) {
  "use strict";

  const { hostOp, buildError, ownedBy, checkSignal, describeValue } = internal;
  const streams = () => internal.loadInternal("kode:internal/streams").internals;
  const abortApi = () => internal.loadInternal("kode:internal/abort").internals;

  const CONNECT = "kode:net.connect";
  const LISTEN = "kode:net.listen";
  const READ = "kode:net.Socket.read";
  const WRITE = "kode:net.Socket.write";
  const SHUTDOWN = "kode:net.Socket.shutdown";
  const CLOSE = "kode:net.Socket.close";
  const START_TLS = "kode:net.Socket.startTls";
  const ACCEPT = "kode:net.Listener.accept";
  const LISTENER_CLOSE = "kode:net.Listener.close";

  function invalid(operation, message) {
    return buildError(TypeError, "EINVALID_ARG", `${operation}: ${message}`, { operation });
  }

  function closedError(operation, address, why = "the socket is closed") {
    return buildError(Error, "ECLOSED", `ECLOSED: ${why}, ${operation} ${address}`, { operation, address });
  }

  function canceled(operation, address, reason) {
    return buildError(Error, "ECANCELED", `${operation} was canceled`, { operation, address, cause: reason });
  }

  function optionsOf(value, operation, name = "options") {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object") throw invalid(operation, `${name} must be an object`);
    return value;
  }

  function flag(value, operation, name) {
    if (value === undefined) return false;
    if (typeof value !== "boolean") throw invalid(operation, `${name} must be a boolean`);
    return value;
  }

  function checkPort(port, operation, lowest) {
    if (!Number.isInteger(port) || port < lowest || port > 65535) {
      throw invalid(operation, `port must be an integer from ${lowest} to 65535 (got ${typeof port === "number" ? port : describeValue(port)})`);
    }
    return port;
  }

  // A host name or IP address; an IPv6 literal may come in brackets.
  function checkHostname(hostname, operation) {
    if (typeof hostname !== "string" || hostname === "") throw invalid(operation, "hostname must be a non-empty string");
    if (hostname.startsWith("[") && hostname.endsWith("]")) hostname = hostname.slice(1, -1);
    if (hostname === "" || /[\0\s/]/.test(hostname)) throw invalid(operation, `${JSON.stringify(hostname)} is not a host name`);
    return hostname;
  }

  const formatAddress = (hostname, port) => (hostname.includes(":") ? `[${hostname}]:${port}` : `${hostname}:${port}`);

  // WinterTC's AnySocketAddress: "host:port" ("[::1]:80" for IPv6) or { hostname, port }.
  function parseAddress(address, operation) {
    let hostname;
    let port;
    if (typeof address === "string") {
      const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(address);
      if (match === null) throw invalid(operation, `the address must be "host:port" (got ${JSON.stringify(address)})`);
      hostname = match[1] ?? match[2];
      port = Number(match[3]);
    } else if (typeof address === "object" && address !== null) {
      ({ hostname, port } = address);
    } else {
      throw invalid(operation, `the address must be a "host:port" string or { hostname, port } (got ${describeValue(address)})`);
    }
    hostname = checkHostname(hostname, operation);
    checkPort(port, operation, 1);
    return { hostname, port, address: formatAddress(hostname, port) };
  }

  function stringList(value, operation, name) {
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item !== "")) {
      throw invalid(operation, `${name} must be an array of non-empty strings`);
    }
    return value;
  }

  // PEM certificates to trust besides the system's, as one PEM text.
  const pemText = (value, operation, name) => (value === undefined ? undefined : stringList(value, operation, name).join("\n"));

  function serverName(value, operation, name) {
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") throw invalid(operation, `${name} must be a non-empty string`);
    return value;
  }

  // SPEC's `tls: true | { caCerts, serverName }` and WinterTC's
  // `secureTransport`, `sni` and `alpn`: `tls` alone means "on"; with
  // "starttls" it configures the later startTls().
  function clientTls(options, operation) {
    const { secureTransport, tls } = options;
    if (secureTransport !== undefined && secureTransport !== "off" && secureTransport !== "on" && secureTransport !== "starttls") {
      throw invalid(operation, 'options.secureTransport must be "off", "on" or "starttls"');
    }
    if (tls !== undefined && typeof tls !== "boolean" && (typeof tls !== "object" || tls === null)) {
      throw invalid(operation, "options.tls must be a boolean or an object");
    }
    const wanted = tls !== undefined && tls !== false;
    const mode = secureTransport ?? (wanted ? "on" : "off");
    if (mode === "off" && wanted) throw invalid(operation, 'options.tls contradicts secureTransport: "off"');
    const settings = typeof tls === "object" ? tls : {};
    const sni = serverName(options.sni, operation, "options.sni");
    const name = serverName(settings.serverName, operation, "options.tls.serverName");
    if (sni !== undefined && name !== undefined && sni !== name) throw invalid(operation, "options.sni and options.tls.serverName differ");
    const alpn = options.alpn === undefined ? undefined : stringList(options.alpn, operation, "options.alpn");
    if (mode === "off" && (sni !== undefined || alpn !== undefined)) throw invalid(operation, 'options.sni and options.alpn need secureTransport "on" or "starttls"');
    return { mode, serverName: name ?? sni, caCerts: pemText(settings.caCerts, operation, "options.tls.caCerts"), alpn };
  }

  // A chunk for the writable: bytes of any ArrayBuffer or view.
  function bytesOf(chunk, address) {
    if (ArrayBuffer.isView(chunk)) return chunk;
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    const hint = typeof chunk === "string" ? ": encode text first, e.g. with TextEncoder" : "";
    return buildError(TypeError, "EINVALID_ARG", `${WRITE}: each chunk must be a Uint8Array (got ${describeValue(chunk)})${hint}`, { operation: WRITE, address });
  }

  // --- Socket -------------------------------------------------------------------
  const token = Symbol("kode:net.Socket");

  class Socket {
    #address;
    #hostname;
    #secureTransport;
    #tls;
    #allowHalfOpen;
    #signal;
    #rid;
    #ready; // Promise<rid>
    #opened;
    #closed;
    #settleClosed;
    #cancelOpen;
    #readable;
    #writable;
    #readDone = false;
    #writeDone = false;
    #ending; // the write side's shutdown, once started
    #closing = false; // no more I/O: closed, failed, both sides done, or upgraded
    #finished = false; // `closed` is settling
    #error; // what broke the socket
    #upgraded = false;
    #release = () => {};

    // `init.start(signal)` opens the connection (a promise of [rid,
    // remoteAddress, localAddress, alpn]); `init.accepted` is one already open.
    constructor(key, init) {
      if (key !== token) throw invalid("kode:net.Socket", "Illegal constructor: use connect() or a listener");
      this.#address = init.address;
      this.#hostname = init.hostname;
      this.#secureTransport = init.secureTransport;
      this.#tls = init.tls;
      this.#allowHalfOpen = init.allowHalfOpen;
      this.#signal = init.signal;
      let settle;
      this.#closed = new Promise((resolve, reject) => {
        settle = (error) => (error === undefined ? resolve() : reject(error));
      });
      this.#settleClosed = settle;
      // Both promises are marked as handled, as the Sockets API says.
      this.#closed.catch(() => {});
      let opening;
      if (init.accepted !== undefined) {
        this.#rid = init.accepted[0];
        this.#cancelOpen = () => {};
        opening = Promise.resolve(init.accepted);
      } else {
        const { newSignal, abort } = abortApi();
        const own = newSignal();
        this.#cancelOpen = (reason) => abort(own, reason);
        if (init.signal?.aborted) abort(own, init.signal.reason);
        opening = init.start(own);
      }
      this.#opened = opening.then(([, remoteAddress, localAddress, alpn]) => ({ remoteAddress, localAddress, alpn }));
      this.#opened.catch(() => {});
      this.#ready = opening.then(
        ([rid]) => {
          this.#rid = rid;
          // Closed while the opening completed: nobody will use it (after
          // startTls the new socket takes it over).
          if (this.#finished && !this.#upgraded) ops.resource_close(rid);
          return rid;
        },
        (error) => {
          this.#fail(error);
          throw error;
        },
      );
      this.#ready.catch(() => {});
      if (init.signal) this.#release = ownedBy(init.signal, () => this.#abort(init.signal.reason));
    }

    get readable() {
      this.#readable ??= streams().createReadable(
        () => this.#pull(),
        () => this.#readEnded(false),
        { type: "bytes" },
      );
      return this.#readable;
    }

    get writable() {
      this.#writable ??= streams().createWritable(
        (chunk) => this.#write(chunk),
        () => this.#endWriting(),
        () => this.#endWriting(),
      );
      return this.#writable;
    }

    get opened() {
      return this.#opened;
    }

    get closed() {
      return this.#closed;
    }

    get upgraded() {
      return this.#upgraded;
    }

    get secureTransport() {
      return this.#secureTransport;
    }

    // Closes the socket at once: reads end, writes not yet out are dropped,
    // an opening still under way is canceled (`opened` rejects with
    // ECANCELED). Returns `closed`.
    close(reason = undefined) {
      if (!this.#closing) {
        this.#closing = true;
        if (this.#rid === undefined) this.#cancelOpen(reason);
        this.#finish(undefined);
      }
      return this.#closed;
    }

    // STARTTLS: a new socket over this connection, after a TLS handshake
    // for `hostname` (default: the server name or host of connect()),
    // trusting the system roots plus `caCerts`. This socket is done: its
    // streams end, and `closed` resolves once the connection has moved.
    startTls(options = undefined) {
      const operation = START_TLS;
      if (this.#secureTransport !== "starttls") {
        throw invalid(operation, `startTls() needs a socket opened with secureTransport: "starttls" (this one is "${this.#secureTransport}")`);
      }
      if (this.#upgraded) throw invalid(operation, "startTls() was already called on this socket");
      if (this.#closing) throw closedError(operation, this.#address);
      options = optionsOf(options, operation);
      const name = serverName(options.hostname, operation, "options.hostname") ?? this.#tls.serverName ?? this.#hostname;
      const caCerts = options.caCerts === undefined ? this.#tls.caCerts : pemText(options.caCerts, operation, "options.caCerts");
      const alpn = options.alpn === undefined ? this.#tls.alpn : stringList(options.alpn, operation, "options.alpn");
      this.#upgraded = true;
      this.#closing = true;
      this.#finished = true;
      this.#release();
      const ready = this.#ready;
      const address = this.#address;
      const next = new Socket(token, {
        address,
        hostname: this.#hostname,
        secureTransport: "on",
        tls: { serverName: name, caCerts, alpn },
        allowHalfOpen: this.#allowHalfOpen,
        signal: this.#signal,
        start: (own) =>
          ready.then((rid) => {
            // The new socket was closed before this one opened.
            if (own.aborted) ops.resource_close(rid);
            return hostOp(operation, address, own, (id) => ops.net_start_tls(id, rid, name, caCerts, alpn), { address });
          }),
      });
      next.#ready.then(
        () => this.#settleClosed(undefined),
        () => this.#settleClosed(undefined),
      );
      return next;
    }

    // --- reading ---
    async #pull() {
      let rid;
      try {
        rid = await this.#ready;
      } catch {
        return this.#stopped();
      }
      if (this.#closing || this.#readDone) return this.#stopped();
      let chunk;
      try {
        chunk = await hostOp(READ, this.#address, undefined, (id) => ops.resource_read(id, rid), { address: this.#address });
      } catch (error) {
        if (this.#closing) return this.#stopped();
        this.#fail(error);
        throw error;
      }
      if (chunk === null) this.#readEnded(true);
      return chunk;
    }

    // What a read gets once the socket is closed: the end, or its error.
    #stopped() {
      if (this.#error !== undefined) throw this.#error;
      return null;
    }

    #readEnded(atEnd) {
      if (this.#readDone) return;
      this.#readDone = true;
      // The peer ended its side: without allowHalfOpen, so does ours.
      if (atEnd && !this.#allowHalfOpen) this.#endWriting();
      this.#checkDone();
    }

    // --- writing ---
    async #write(chunk) {
      const bytes = bytesOf(chunk, this.#address);
      if (bytes instanceof Error) {
        // The writable errors with it: its side is done.
        this.#endWriting();
        throw bytes;
      }
      let rid;
      try {
        rid = await this.#ready;
      } catch (error) {
        throw this.#error ?? error;
      }
      if (this.#error !== undefined) throw this.#error;
      if (this.#closing) throw closedError(WRITE, this.#address);
      if (this.#ending !== undefined) {
        const why = this.#allowHalfOpen || !this.#readDone ? "the socket's writing side is closed" : "the peer ended the connection (allowHalfOpen is false)";
        throw closedError(WRITE, this.#address, why);
      }
      try {
        await hostOp(WRITE, this.#address, undefined, (id) => ops.resource_write(id, rid, bytes), { address: this.#address });
      } catch (error) {
        if (this.#error !== undefined) throw this.#error;
        if (this.#closing) throw closedError(WRITE, this.#address);
        this.#fail(error);
        throw error;
      }
    }

    // Ends the writing side once the writes made are out (FIN); the same
    // promise for every caller.
    #endWriting() {
      if (this.#ending === undefined) {
        this.#ending = this.#shutdown().finally(() => {
          this.#writeDone = true;
          this.#checkDone();
        });
        this.#ending.catch(() => {});
      }
      return this.#ending;
    }

    async #shutdown() {
      let rid;
      try {
        rid = await this.#ready;
      } catch {
        return this.#stoppedWriting();
      }
      if (this.#closing) return this.#stoppedWriting();
      try {
        await hostOp(SHUTDOWN, this.#address, undefined, (id) => ops.net_shutdown(id, rid), { address: this.#address });
      } catch (error) {
        if (this.#closing) return this.#stoppedWriting();
        this.#fail(error);
        throw error;
      }
    }

    #stoppedWriting() {
      if (this.#error !== undefined) throw this.#error;
    }

    // --- closing ---
    #checkDone() {
      if (this.#readDone && this.#writeDone) this.#finish(undefined);
    }

    #fail(error) {
      if (this.#finished) return;
      this.#error = error;
      this.#finish(error);
    }

    // The one way out: releases the resource, then settles `closed` (with
    // `error`, if any) once its descriptor is closed.
    #finish(error) {
      if (this.#finished) return;
      this.#finished = true;
      this.#closing = true;
      this.#release();
      const settle = () => this.#settleClosed(error);
      if (this.#rid === undefined) {
        settle();
        return;
      }
      hostOp(CLOSE, this.#address, undefined, (id) => ops.net_close(id, this.#rid), { address: this.#address }).then(settle, settle);
    }

    // The owning signal aborted: an opening fails with ECANCELED (through
    // the canceled op), an open socket closes.
    #abort(reason) {
      if (this.#closing) return;
      if (this.#rid !== undefined) {
        this.close();
        return;
      }
      this.#cancelOpen(reason);
      // Opened already, its result not yet seen: close it once it is.
      this.#ready.then(
        () => this.close(),
        () => {},
      );
    }

    get [Symbol.toStringTag]() {
      return "Socket";
    }
  }

  // connect(address, { secureTransport, tls, sni, alpn, allowHalfOpen, signal }):
  // a Socket at once; bad arguments throw a TypeError (EINVALID_ARG).
  function connect(address, options = undefined) {
    const target = parseAddress(address, CONNECT);
    options = optionsOf(options, CONNECT);
    const tls = clientTls(options, CONNECT);
    const allowHalfOpen = flag(options.allowHalfOpen, CONNECT, "options.allowHalfOpen");
    const signal = checkSignal(options.signal, CONNECT);
    const start = (own) =>
      hostOp(CONNECT, target.address, own, (id) => ops.net_connect(id, target.hostname, target.port, tls.mode === "on", tls.serverName, tls.caCerts, tls.alpn), {
        address: target.address,
      });
    return new Socket(token, { ...target, secureTransport: tls.mode, tls, allowHalfOpen, signal, start });
  }

  // --- Listener -----------------------------------------------------------------
  const listenerToken = Symbol("kode:net.Listener");

  class Listener {
    #rid;
    #addr;
    #address;
    #secure;
    #allowHalfOpen;
    #signal;
    #closing = false;
    #closed;
    #release;

    constructor(key, rid, hostname, port, { secure, allowHalfOpen, signal }) {
      if (key !== listenerToken) throw invalid("kode:net.Listener", "Illegal constructor: use listen()");
      this.#rid = rid;
      this.#addr = Object.freeze({ hostname, port });
      this.#address = formatAddress(hostname, port);
      this.#secure = secure;
      this.#allowHalfOpen = allowHalfOpen;
      this.#signal = signal;
      this.#release = ownedBy(signal, () => this.close());
    }

    // { hostname, port } it listens on (the port the OS chose for port 0).
    get addr() {
      return this.#addr;
    }

    // The next connection, as an open Socket (after its TLS handshake, on a
    // TLS listener); rejects with ECLOSED once the listener is closed.
    accept() {
      if (this.#closing) return Promise.reject(closedError(ACCEPT, this.#address, "the listener is closed"));
      const fields = { address: this.#address };
      return hostOp(ACCEPT, this.#address, undefined, (id) => ops.net_accept(id, this.#rid), fields).then(
        (accepted) =>
          new Socket(token, {
            accepted,
            address: accepted[1],
            hostname: undefined,
            secureTransport: this.#secure ? "on" : "off",
            tls: {},
            allowHalfOpen: this.#allowHalfOpen,
            signal: this.#signal,
          }),
        (error) => {
          throw this.#closing ? closedError(ACCEPT, this.#address, "the listener is closed") : error;
        },
      );
    }

    // Stops listening; accepts pending reject with ECLOSED. Sockets already
    // accepted stay open. Resolves once the listening socket is closed.
    close() {
      if (!this.#closing) {
        this.#closing = true;
        this.#release();
        this.#closed = hostOp(LISTENER_CLOSE, this.#address, undefined, (id) => ops.net_close(id, this.#rid), { address: this.#address }).then(() => {});
      }
      return this.#closed;
    }

    // Yields each accepted socket until the listener closes; leaving the
    // loop early (break, an error) closes the listener.
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          let socket;
          try {
            socket = await this.accept();
          } catch (error) {
            if (this.#closing) return;
            throw error;
          }
          yield socket;
        }
      } finally {
        this.close();
      }
    }

    get [Symbol.toStringTag]() {
      return "Listener";
    }
  }

  // listen({ hostname = "0.0.0.0", port = 0, tls: { cert, key, alpn }, allowHalfOpen, signal }):
  // binds at once and returns the Listener; EADDRINUSE and the like throw.
  function listen(options = undefined) {
    options = optionsOf(options, LISTEN);
    const hostname = options.hostname === undefined ? "0.0.0.0" : checkHostname(options.hostname, LISTEN);
    const port = checkPort(options.port ?? 0, LISTEN, 0);
    let tls;
    if (options.tls !== undefined) {
      tls = optionsOf(options.tls, LISTEN, "options.tls");
      for (const name of ["cert", "key"]) {
        if (typeof tls[name] !== "string" || tls[name] === "") throw invalid(LISTEN, `options.tls.${name} must be a PEM string`);
      }
      if (tls.alpn !== undefined) stringList(tls.alpn, LISTEN, "options.tls.alpn");
    }
    const allowHalfOpen = flag(options.allowHalfOpen, LISTEN, "options.allowHalfOpen");
    const signal = checkSignal(options.signal, LISTEN);
    if (signal?.aborted) throw canceled(LISTEN, formatAddress(hostname, port), signal.reason);
    const [rid, host, bound] = ops.net_listen(hostname, port, tls?.cert, tls?.key, tls?.alpn);
    return new Listener(listenerToken, rid, host, bound, { secure: tls !== undefined, allowHalfOpen, signal });
  }

  return { connect, listen, Socket, Listener };
})

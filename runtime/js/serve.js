// serve.js: kode:internal/serve - Kode.serve (SPEC 4.7), loaded on the first
// touch of Kode.serve. Rust (runtime/src/ext/http/server.rs) accepts
// connections and speaks HTTP/1.1 and HTTP/2; this side turns each request
// into a Request, calls the handler and sends back its Response.
//
// Requests arrive in batches: one pending op takes every request queued at
// that moment. A handler that throws or rejects (or returns something that
// is not a Response) gets a 500, and its error is reported like an uncaught
// one (the global `error` event first) without ending the run.
(function (ops, internal) {
  "use strict";

  const { buildError, describeValue } = internal;
  const OP = "Kode.serve";
  const FIELDS = 7;
  const fetchModule = internal.loadInternal("kode:internal/fetch");
  const { Response } = fetchModule;
  const { requestFromServer, responseParts, pumpBody } = fetchModule.internals;
  const abortApi = () => internal.loadInternal("kode:internal/abort").internals;

  const invalid = (message) => buildError(TypeError, "EINVALID_ARG", `${OP}: ${message}`, { operation: OP });

  function pemOption(tls, name) {
    const value = tls[name];
    if (typeof value !== "string") throw invalid(`tls.${name} must be a PEM string (got ${describeValue(value)})`);
    return value;
  }

  function parseOptions(options, handler) {
    if (typeof options === "function" && handler === undefined) {
      handler = options;
      options = {};
    } else if (options === undefined || options === null) {
      options = {};
    } else if (typeof options !== "object") {
      throw invalid(`options must be an object (got ${describeValue(options)})`);
    }
    handler ??= options.handler;
    if (typeof handler !== "function") throw invalid(`the handler must be a function (got ${describeValue(handler)})`);
    const hostname = options.hostname ?? "0.0.0.0";
    if (typeof hostname !== "string" || hostname === "") throw invalid(`options.hostname must be a non-empty string`);
    const port = options.port ?? 8000;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalid(`options.port must be an integer from 0 to 65535 (got ${describeValue(port)})`);
    let cert = null;
    let key = null;
    if (options.tls !== undefined && options.tls !== null) {
      if (typeof options.tls !== "object") throw invalid("options.tls must be { cert, key }");
      cert = pemOption(options.tls, "cert");
      key = pemOption(options.tls, "key");
    }
    const signal = internal.checkSignal(options.signal, OP);
    const { onListen } = options;
    if (onListen !== undefined && typeof onListen !== "function") throw invalid("options.onListen must be a function");
    return { handler, hostname, port, cert, key, signal, onListen };
  }

  // Kode's own content types, numbered as headers.rs's KODE_VALUES: a
  // response whose one header is one of them (`new Response(text)`,
  // `Response.json`) sends the number, and the host reads no list.
  const KODE_TYPES = ["text/plain;charset=UTF-8", "application/json", "application/x-www-form-urlencoded;charset=UTF-8"];
  const kodeType = (list) => (list.length === 2 && list[0] === "content-type" ? KODE_TYPES.indexOf(list[1]) + 1 : 0);

  // A handler's error is reported as an uncaught one would be, but the
  // server (and the run) go on.
  const report = internal.reportUncaught;

  // One request in flight: its resource closes once the response is handed
  // over and the request body (if the handler opened it) has ended.
  class Exchange {
    constructor(rid) {
      this.rid = rid;
      this.answered = false;
      this.bodyOpen = false;
      this.closed = false;
      this.stream = null;
      // Read from (the host no longer has the whole body to send back).
      this.pulled = false;
    }

    finish() {
      if (!this.answered || this.closed) return;
      // Being read whole (`readAll`): its end comes back here.
      if (this.bodyOpen && this.stream === null) return;
      if (this.bodyOpen && !this.stream.locked) {
        // Answered, and nobody reads the request body: drop it (its end
        // comes back here and closes the request).
        this.stream.cancel().catch(() => {});
        return;
      }
      if (!this.bodyOpen) {
        this.closed = true;
        ops.resource_close(this.rid);
      }
    }

    fail(error) {
      report(error);
      if (this.answered) return;
      this.answered = true;
      try {
        ops.http_respond(this.rid, 500, null, false, false, 0);
      } catch {
        // The request is gone already.
      }
      this.finish();
    }

    respond(response) {
      if (!(response instanceof Response)) {
        this.fail(new TypeError(`${OP}: the handler must return a Response (got ${describeValue(response)})`));
        return;
      }
      let parts;
      try {
        parts = responseParts(response);
      } catch (error) {
        this.fail(error);
        return;
      }
      if (parts.type === "error") {
        this.fail(new TypeError(`${OP}: the handler returned Response.error()`));
        return;
      }
      this.answered = true;
      try {
        if (parts.stream !== null && parts.stream === this.stream && !this.pulled && !this.stream.locked) {
          // `new Response(request.body)`, unread: the host sends the body
          // straight back. The stream stays locked: its bytes are gone.
          this.stream.getReader();
          this.bodyOpen = false;
          ops.http_respond_echo(this.rid, parts.status, parts.list);
          this.closed = true;
        } else if (parts.stream === null) {
          // The request resource closes with the answer unless its body is being read.
          const close = !this.bodyOpen;
          const type = kodeType(parts.list);
          if (type === 0) ops.http_respond(this.rid, parts.status, parts.bytes, false, close, 0, ...parts.list);
          else ops.http_respond(this.rid, parts.status, parts.bytes, false, close, type);
          this.closed = close;
        } else {
          const sink = ops.http_respond(this.rid, parts.status, null, true, false, 0, ...parts.list);
          pumpBody(parts.stream, sink, OP);
        }
      } catch (error) {
        // ECLOSED: the client went away while the handler ran, nothing to
        // send to. Anything else (a header value hyper will not send) is
        // the response's fault: reported, and the client gets a 500.
        if (error?.code !== "ECLOSED") this.refused(error);
      }
      this.finish();
    }

    refused(error) {
      report(error);
      try {
        ops.http_respond(this.rid, 500, null, false, false, 0);
      } catch {
        // Gone meanwhile.
      }
    }

    // The body as a byte stream (the resource's chunks), made when asked
    // for (fetch.js's settle): a body the handler never touches costs none.
    openStream() {
      this.bodyOpen = true;
      const end = () => {
        this.bodyOpen = false;
        this.finish();
      };
      const pulled = () => {
        this.pulled = true;
      };
      this.stream = internal.resourceStream(this.rid, `${OP} request body`, "", undefined, end, pulled);
      return this.stream;
    }

    // The whole body as one Uint8Array, in one op.
    readAll() {
      this.bodyOpen = true;
      const end = () => {
        this.bodyOpen = false;
        this.finish();
      };
      return internal.resourceBytes(this.rid, `${OP} request body`, "", undefined, end);
    }

    // request.signal: aborts when the client goes away before the response.
    signal() {
      const signal = abortApi().newSignal();
      const rid = this.rid;
      internal
        .hostOp(null, "", undefined, (id) => ops.http_request_gone(id, rid))
        .then((gone) => {
          if (gone) abortApi().abort(signal, new DOMException("The client closed the connection.", "AbortError"));
        })
        .catch(() => {});
      return signal;
    }
  }

  function dispatch(handler, batch, i) {
    const exchange = new Exchange(batch[i]);
    const request = requestFromServer(batch[i + 1], batch[i + 2], batch[i + 3], batch[i + 4] ? exchange : null, () => exchange.signal());
    const info = { remoteAddr: { hostname: batch[i + 5], port: batch[i + 6], transport: "tcp" } };
    let result;
    try {
      result = handler(request, info);
    } catch (error) {
      exchange.fail(error);
      return;
    }
    if (result !== null && typeof result === "object" && typeof result.then === "function") {
      Promise.resolve(result).then(
        (response) => exchange.respond(response),
        (error) => exchange.fail(error),
      );
    } else {
      exchange.respond(result);
    }
  }

  function serve(options, handler) {
    const { handler: handle, hostname, port, cert, key, signal, onListen } = parseOptions(options, handler);
    if (signal?.aborted) {
      throw buildError(Error, "ECANCELED", `${OP} was canceled`, { operation: OP, cause: signal.reason });
    }
    const [rid, address, boundPort] = ops.http_serve(hostname, port, cert, key);
    const addr = Object.freeze({ hostname: address, port: boundPort, transport: "tcp" });
    let resolveFinished;
    const finished = new Promise((resolve) => {
      resolveFinished = resolve;
    });
    let stopping = false;
    const shutdown = () => {
      if (!stopping) {
        stopping = true;
        ops.http_serve_shutdown(rid);
      }
      return finished;
    };
    const unfollow = internal.ownedBy(signal, shutdown);
    const server = Object.freeze({
      addr,
      finished,
      shutdown,
      [Symbol.asyncDispose]: shutdown,
    });

    (async () => {
      for (;;) {
        // Not listed by Kode.activeOperations(): the server resource is.
        const batch = await internal.hostOp(null, "", undefined, (id) => ops.http_serve_next(id, rid));
        if (batch === null) break;
        for (let i = 0; i < batch.length; i += FIELDS) dispatch(handle, batch, i);
      }
      unfollow();
      ops.resource_close(rid);
      resolveFinished();
    })();

    if (onListen !== undefined) {
      try {
        onListen(addr);
      } catch (error) {
        report(error);
      }
    }
    return server;
  }

  return { serve };
})

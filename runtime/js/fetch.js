// fetch.js: kode:internal/fetch - the Fetch standard's Request, Response,
// their body mixin, and fetch() of data: and blob: URLs
// (https://fetch.spec.whatwg.org/). Network schemes (http:, https:) reject
// with a TypeError whose cause has code "EUNSUPPORTED" until Kode's HTTP
// client exists. Loaded on the first touch of one of these globals.
//
// A body is bytes (a Uint8Array nothing writes to: clones share it) until
// its `body` stream is asked for; from then on the ReadableStream
// (runtime/js/streams.js) is the truth, and reading it is what uses the body.
(function (ops, internal) {
  "use strict";

  const { finishInterface, requireArguments, dictionary, toDOMString, toUSVString } = internal.webidl;
  const { buildError } = internal;
  const fetchTypes = internal.loadInternal("kode:internal/fetch-types");
  const { Headers } = fetchTypes;
  const { headers: headersApi, isBlob, blobBytes, blobFromBytes, toByteString } = fetchTypes.internals;
  const mime = internal.loadInternal("kode:internal/mime");
  const formDataModule = () => internal.loadInternal("kode:internal/form-data");
  const streamsApi = () => internal.loadInternal("kode:internal/streams").internals;
  const { AbortSignal } = internal.loadInternal("kode:internal/abort");
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  const isObject = (value) => value !== null && (typeof value === "object" || typeof value === "function");

  // --- bodies -------------------------------------------------------------------
  // { bytes: Uint8Array | null, text: string | null, stream: ReadableStream |
  // null, used: boolean } or null for no body; `text` stands for the bytes
  // of a body given as a string until they are needed (see bodyBytes).

  // https://fetch.spec.whatwg.org/#concept-bodyinit-extract: the body and
  // the Content-Type it implies (null when none).
  function extractBody(object) {
    if (typeof object === "string") return { body: { bytes: null, text: object, stream: null, used: false }, type: "text/plain;charset=UTF-8" };
    if (isBlob(object)) return { body: { bytes: blobBytes(object), text: null, stream: null, used: false }, type: object.type === "" ? null : object.type };
    if (object instanceof ArrayBuffer || (typeof SharedArrayBuffer === "function" && object instanceof SharedArrayBuffer)) {
      return { body: { bytes: new Uint8Array(object.slice(0)), text: null, stream: null, used: false }, type: null };
    }
    if (ArrayBuffer.isView(object)) {
      const bytes = new Uint8Array(object.buffer, object.byteOffset, object.byteLength).slice();
      return { body: { bytes, text: null, stream: null, used: false }, type: null };
    }
    if (object instanceof URLSearchParams) {
      return { body: { bytes: null, text: object.toString(), stream: null, used: false }, type: "application/x-www-form-urlencoded;charset=UTF-8" };
    }
    if (isObject(object) && globalThis.FormData !== undefined && object instanceof formDataModule().FormData) {
      const { bytes, contentType } = formDataModule().internals.encodeMultipart(object);
      return { body: { bytes, text: null, stream: null, used: false }, type: contentType };
    }
    if (isObject(object) && isReadableStream(object)) {
      if (object.locked || streamsApi().isDisturbed(object)) throw new TypeError("The body's ReadableStream is locked or has been read.");
      return { body: { bytes: null, text: null, stream: object, used: false }, type: null, stream: true };
    }
    return extractBody(toUSVString(object));
  }

  // Without streams loaded there is no ReadableStream to recognise.
  function isReadableStream(value) {
    if (!("ReadableStream" in globalThis)) return false;
    return streamsApi().isReadableStream(value);
  }

  // A body given as a string keeps it (`text`) until its bytes are needed:
  // Kode.serve and fetch hand the string itself to the host (which encodes
  // it as TextEncoder does), so a response costs no ArrayBuffer.
  function bodyBytes(body) {
    if (body.text !== null) {
      body.bytes = encoder.encode(body.text);
      body.text = null;
    }
    return body.bytes;
  }

  // A body from the host (a served request's, a fetched response's) stays
  // there until it is asked for: `host.openStream()` makes its
  // ReadableStream (`.body`, a clone, a forward), and `host.readAll()` reads
  // it whole in one op with no stream at all (`.json()` and the other
  // consumers).
  function settle(body) {
    if (body?.host) {
      body.stream = body.host.openStream();
      body.host = null;
    }
    return body;
  }

  function bodyUsed(body) {
    if (body === null) return false;
    return body.stream === null ? body.used : streamsApi().isDisturbed(body.stream);
  }

  function bodyStream(body) {
    if (body === null) return null;
    settle(body);
    if (body.stream === null) {
      body.stream = streamsApi().readableFromBytes(body.used ? new Uint8Array(0) : bodyBytes(body));
      body.bytes = null;
      body.text = null;
    }
    return body.stream;
  }

  // https://fetch.spec.whatwg.org/#concept-body-consume-body: the bytes, or
  // a TypeError when the body was used or its stream is locked.
  async function consumeBytes(body, member) {
    if (body === null) return new Uint8Array(0);
    if (bodyUsed(body)) throw new TypeError(`${member}: the body has already been used.`);
    if (body.host) {
      const host = body.host;
      body.host = null;
      body.used = true;
      return host.readAll();
    }
    if (body.stream === null) {
      body.used = true;
      return bodyBytes(body);
    }
    if (body.stream.locked) throw new TypeError(`${member}: the body's stream is locked.`);
    return streamsApi().readAllBytes(body.stream);
  }

  function cloneBody(body, member) {
    if (body === null) return null;
    settle(body);
    if (bodyUsed(body) || body.stream?.locked) throw new TypeError(`${member}: the body has already been used.`);
    if (body.stream === null) return { bytes: body.bytes, text: body.text, stream: null, used: false };
    const [one, two] = body.stream.tee();
    body.stream = one;
    return { bytes: null, text: null, stream: two, used: false };
  }

  // The body mixin, on Request.prototype and Response.prototype. `state`
  // gives { body, headers } of a Request or Response, brand-checked.
  function bodyMixin(Class, state) {
    const methods = {
      get body() {
        return bodyStream(state(this, "body").body);
      },
      get bodyUsed() {
        return bodyUsed(state(this, "bodyUsed").body);
      },
      arrayBuffer() {
        return consume(this, "arrayBuffer", (bytes) => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !shared(bytes) ? bytes.buffer : bytes.slice().buffer));
      },
      bytes() {
        return consume(this, "bytes", (bytes) => (shared(bytes) ? bytes.slice() : bytes));
      },
      blob() {
        return consume(this, "blob", (bytes, self) => blobFromBytes(bytes.slice(), mimeTypeOf(headersOf(state(self, "blob")))));
      },
      text() {
        return consume(this, "text", (bytes) => decoder.decode(bytes));
      },
      json() {
        return consume(this, "json", (bytes) => JSON.parse(decoder.decode(bytes)));
      },
      formData() {
        return consume(this, "formData", (bytes, self) => {
          const type = mime.parse(headersOf(state(self, "formData")).get("content-type") ?? "");
          const essence = type === null ? "" : `${type.type}/${type.subtype}`;
          if (essence === "multipart/form-data") {
            const boundary = type.parameters.get("boundary");
            if (boundary === undefined) throw new TypeError("Failed to parse the body as multipart/form-data: no boundary.");
            return formDataModule().internals.parseMultipart(bytes, boundary);
          }
          if (essence === "application/x-www-form-urlencoded") return formDataModule().internals.parseUrlencoded(bytes);
          throw new TypeError(`formData: the body's Content-Type ${JSON.stringify(essence)} is neither multipart/form-data nor application/x-www-form-urlencoded.`);
        });
      },
    };
    // Bytes that came from a body of bytes may be shared with clones and blobs.
    const sharedBytes = new WeakSet();
    const shared = (bytes) => sharedBytes.has(bytes);
    function consume(self, member, convert) {
      let record;
      try {
        record = state(self, member);
      } catch (error) {
        return Promise.reject(error);
      }
      const fromBytes = record.body !== null && record.body.stream === null && !record.body.host;
      return consumeBytes(record.body, `${Class.name}.${member}`).then((bytes) => {
        if (fromBytes) sharedBytes.add(bytes);
        return convert(bytes, self);
      });
    }
    for (const key of Reflect.ownKeys(methods)) {
      Object.defineProperty(Class.prototype, key, { ...Object.getOwnPropertyDescriptor(methods, key), enumerable: true });
    }
  }

  // https://fetch.spec.whatwg.org/#concept-header-extract-mime-type, serialized ("" when none).
  function mimeTypeOf(headers) {
    const value = headers.get("content-type");
    if (value === null) return "";
    const parsed = mime.parse(value);
    return parsed === null ? "" : mime.serialize(parsed);
  }

  // --- headers of requests and responses ------------------------------------------
  // https://fetch.spec.whatwg.org/#dom-request (step 32) and #initialize-a-response:
  // a Headers init is copied list for list (names and order as they are);
  // anything else is filled as `new Headers(init)` would be.
  function fillHeaders(headers, init, context) {
    if (isObject(init) && init instanceof Headers) {
      const list = headersApi.list(init);
      for (let i = 0; i < list.length; i += 2) headersApi.appendTrusted(headers, list[i], list[i + 1]);
    } else {
      headersApi.fill(headers, init, context);
    }
  }

  // A copy of `headers` with the same list and guard (clone()).
  function cloneHeaders(headers) {
    const copy = new Headers();
    fillHeaders(copy, headers, "clone");
    headersApi.setGuard(copy, headersApi.guard(headers));
    return copy;
  }

  // --- Request --------------------------------------------------------------------
  const methods = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
  const forbiddenMethods = new Set(["CONNECT", "TRACE", "TRACK"]);
  const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const enums = {
    mode: ["navigate", "same-origin", "no-cors", "cors"],
    credentials: ["omit", "same-origin", "include"],
    cache: ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"],
    redirect: ["follow", "error", "manual"],
    referrerPolicy: ["", "no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin", "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url"],
    duplex: ["half"],
    priority: ["high", "low", "auto"],
  };
  function enumValue(value, name, context) {
    const string = toDOMString(value);
    if (!enums[name].includes(string)) throw new TypeError(`${context}: '${string}' is not a valid value for '${name}'.`);
    return string;
  }

  function parseUrl(input, context) {
    let url;
    try {
      url = new URL(input);
    } catch {
      throw new TypeError(`${context}: Failed to parse URL from ${input}`);
    }
    if (url.username !== "" || url.password !== "") throw new TypeError(`${context}: the URL ${input} includes credentials.`);
    return url;
  }

  let requestState;
  const construct = Symbol("internal construct");

  // A request's state with the standard's defaults; `makeSignal` makes the
  // signal on first use (null: a plain one). A served request's `headers`
  // stay null until asked for (`headersOf`): `headerList` has them as the host sent them.
  const requestDefaults = (url, method, headers, headerList, body, makeSignal) => ({
    url,
    method,
    headers,
    headerList,
    body,
    signal: null,
    makeSignal,
    mode: "cors",
    credentials: "same-origin",
    cache: "default",
    redirect: "follow",
    referrer: "about:client",
    referrerPolicy: "",
    integrity: "",
    keepalive: false,
    duplex: "half",
  });

  class Request {
    #state;

    // https://fetch.spec.whatwg.org/#dom-request
    constructor(input, init = undefined) {
      if (input === construct) return;
      const context = "Failed to construct 'Request'";
      requireArguments(arguments.length, 1, context);
      init = dictionary(init, context);
      let inputState = null;
      const state = requestDefaults(null, "GET", null, null, null, null);
      let parentSignal = null;
      if (isObject(input) && #state in input) {
        inputState = input.#state;
        Object.assign(state, { ...inputState, headers: null, headerList: null, body: null, signal: null, makeSignal: null });
        parentSignal = signalOf(inputState);
      } else {
        state.url = parseUrl(toUSVString(input), context).href;
      }
      if ("window" in init && init.window !== undefined && init.window !== null) throw new TypeError(`${context}: 'window' must be null.`);
      for (const name of ["mode", "credentials", "cache", "redirect", "referrerPolicy"]) {
        if (init[name] !== undefined) state[name] = enumValue(init[name], name, context);
      }
      if (state.mode === "navigate") {
        if (init.mode !== undefined) throw new TypeError(`${context}: mode 'navigate' cannot be requested.`);
        state.mode = "same-origin";
      }
      if (state.cache === "only-if-cached" && state.mode !== "same-origin") {
        throw new TypeError(`${context}: cache 'only-if-cached' needs mode 'same-origin'.`);
      }
      if (init.referrer !== undefined) {
        const referrer = toUSVString(init.referrer);
        if (referrer === "") state.referrer = "no-referrer";
        else state.referrer = parseUrl(referrer, context).href;
      }
      if (init.integrity !== undefined) state.integrity = toDOMString(init.integrity);
      if (init.keepalive !== undefined) state.keepalive = Boolean(init.keepalive);
      if (init.method !== undefined) {
        const method = toByteString(init.method, context);
        if (!tokenPattern.test(method)) throw new TypeError(`${context}: '${method}' is not a valid HTTP method.`);
        const upper = method.toUpperCase();
        if (forbiddenMethods.has(upper)) throw new TypeError(`${context}: '${method}' HTTP method is unsupported.`);
        state.method = methods.has(upper) ? upper : method;
      }
      if (init.signal !== undefined && init.signal !== null) {
        if (!internal.loadInternal("kode:internal/abort").internals.isSignal(init.signal)) {
          throw new TypeError(`${context}: member signal is not of type AbortSignal.`);
        }
        parentSignal = init.signal;
      } else if (init.signal === null) {
        parentSignal = null;
      }
      // The request's signal follows its parent (the input's, or init's).
      state.signal = parentSignal === null ? new AbortController().signal : AbortSignal.any([parentSignal]);

      state.headers = new Headers();
      headersApi.setGuard(state.headers, "request");
      const headersInit = init.headers !== undefined ? init.headers : inputState !== null ? headersOf(inputState) : undefined;
      if (headersInit !== undefined) fillHeaders(state.headers, headersInit, context);

      const inputBody = inputState?.body ?? null;
      if ((init.body !== undefined && init.body !== null) || inputBody !== null) {
        if (state.method === "GET" || state.method === "HEAD") throw new TypeError(`${context}: a ${state.method} request cannot have a body.`);
      }
      if (init.body !== undefined && init.body !== null) {
        const extracted = extractBody(init.body);
        if (extracted.stream && init.duplex === undefined) {
          throw new TypeError(`${context}: a ReadableStream body needs duplex: 'half'.`);
        }
        state.body = extracted.body;
        if (extracted.type !== null && !state.headers.has("content-type")) headersApi.appendTrusted(state.headers, "content-type", extracted.type);
      } else if (inputBody !== null) {
        if (bodyUsed(inputBody) || inputBody.stream?.locked) throw new TypeError(`${context}: the input request's body has already been used.`);
        // The new request takes the body; the input's is used from now on.
        state.body = { ...inputBody };
        inputState.body = { bytes: null, text: null, stream: null, used: true };
      }
      if (init.duplex !== undefined) state.duplex = enumValue(init.duplex, "duplex", context);
      if (init.priority !== undefined) enumValue(init.priority, "priority", context);
      this.#state = state;
    }

    static {
      requestState = (self, member) => {
        if (!isObject(self) || !(#state in self)) throw new TypeError(`Request.prototype.${member}: Illegal invocation`);
        return self.#state;
      };
    }

    get method() {
      return requestState(this, "method").method;
    }
    get url() {
      return requestState(this, "url").url;
    }
    get headers() {
      return headersOf(requestState(this, "headers"));
    }
    get destination() {
      requestState(this, "destination");
      return "";
    }
    get referrer() {
      const { referrer } = requestState(this, "referrer");
      return referrer === "no-referrer" ? "" : referrer;
    }
    get referrerPolicy() {
      return requestState(this, "referrerPolicy").referrerPolicy;
    }
    get mode() {
      return requestState(this, "mode").mode;
    }
    get credentials() {
      return requestState(this, "credentials").credentials;
    }
    get cache() {
      return requestState(this, "cache").cache;
    }
    get redirect() {
      return requestState(this, "redirect").redirect;
    }
    get integrity() {
      return requestState(this, "integrity").integrity;
    }
    get keepalive() {
      return requestState(this, "keepalive").keepalive;
    }
    get isReloadNavigation() {
      requestState(this, "isReloadNavigation");
      return false;
    }
    get isHistoryNavigation() {
      requestState(this, "isHistoryNavigation");
      return false;
    }
    get signal() {
      return signalOf(requestState(this, "signal"));
    }
    get duplex() {
      return requestState(this, "duplex").duplex;
    }

    clone() {
      const state = requestState(this, "clone");
      const copy = new Request(construct);
      const body = cloneBody(state.body, "Request.clone");
      const headers = cloneHeaders(headersOf(state));
      return Request.#adopt(copy, { ...state, headers, body, signal: AbortSignal.any([signalOf(state)]), makeSignal: null });
    }

    // A request Kode.serve received: its header list as given (names
    // lower-case, values byte strings), its body with `host` (see settle)
    // or null, and its Headers and signal made only if the handler asks
    // for them.
    static fromServer(method, url, list, host, makeSignal) {
      const body = host === null ? null : { bytes: null, text: null, stream: null, used: false, host };
      const state = requestDefaults(url, method, null, list, body, makeSignal);
      return Request.#adopt(new Request(construct), state);
    }

    static #adopt(target, state) {
      target.#state = state;
      return target;
    }
  }
  const requestFromServer = Request.fromServer;
  delete Request.fromServer;
  bodyMixin(Request, (self, member) => requestState(self, member));
  finishInterface(Request, "Request");

  // A request's Headers, made on first use for requests Kode.serve received.
  function headersOf(state) {
    if (state.headers === null) {
      const headers = new Headers();
      // The host sends them as one "name\nvalue\n..." string (no header
      // holds a line feed).
      const block = state.headerList;
      headersApi.adoptTrusted(headers, block === "" ? [] : block.split("\n"));
      headersApi.setGuard(headers, "request");
      state.headers = headers;
      state.headerList = null;
    }
    return state.headers;
  }

  // A request's signal, made on first use for requests Kode.serve received.
  function signalOf(state) {
    if (state.signal === null) {
      state.signal = state.makeSignal === null || state.makeSignal === undefined ? new AbortController().signal : state.makeSignal();
      state.makeSignal = null;
    }
    return state.signal;
  }

  // --- Response -------------------------------------------------------------------
  const nullBodyStatus = new Set([101, 103, 204, 205, 304]);
  const redirectStatus = new Set([301, 302, 303, 307, 308]);
  // https://fetch.spec.whatwg.org/#reason-phrase-token-production
  const reasonPhrasePattern = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

  let responseState;
  class Response {
    #state;

    // https://fetch.spec.whatwg.org/#dom-response
    constructor(body = null, init = undefined) {
      if (body === construct) return;
      const context = "Failed to construct 'Response'";
      init = dictionary(init, context);
      const headers = new Headers();
      headersApi.setGuard(headers, "response");
      this.#state = { type: "default", url: "", urlList: [], status: 200, statusText: "", headers, body: null };
      initialize(this.#state, init, body === null || body === undefined ? null : extractBody(body), context);
    }

    static {
      responseState = (self, member) => {
        if (!isObject(self) || !(#state in self)) throw new TypeError(`Response.prototype.${member}: Illegal invocation`);
        return self.#state;
      };
    }

    static make(state) {
      const response = new Response(construct);
      response.#state = state;
      return response;
    }

    // https://fetch.spec.whatwg.org/#dom-response-error
    static error() {
      const headers = new Headers();
      headersApi.setGuard(headers, "immutable");
      return makeResponse({ type: "error", url: "", urlList: [], status: 0, statusText: "", headers, body: null });
    }

    // https://fetch.spec.whatwg.org/#dom-response-redirect
    static redirect(url, status = 302) {
      const context = "Failed to execute 'redirect' on 'Response'";
      requireArguments(arguments.length, 1, context);
      let parsed;
      try {
        parsed = new URL(toUSVString(url));
      } catch {
        throw new TypeError(`${context}: Failed to parse URL from ${url}`);
      }
      status = toUnsignedShort(status);
      if (!redirectStatus.has(status)) throw new RangeError(`${context}: Invalid status code ${status}`);
      const headers = new Headers();
      headersApi.appendTrusted(headers, "location", parsed.href);
      headersApi.setGuard(headers, "immutable");
      return makeResponse({ type: "default", url: "", urlList: [], status, statusText: "", headers, body: null });
    }

    // https://fetch.spec.whatwg.org/#dom-response-json
    static json(data, init = undefined) {
      const context = "Failed to execute 'json' on 'Response'";
      requireArguments(arguments.length, 1, context);
      init = dictionary(init, context);
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError(`${context}: the data is not JSON serializable.`);
      const headers = new Headers();
      headersApi.setGuard(headers, "response");
      const state = { type: "default", url: "", urlList: [], status: 200, statusText: "", headers, body: null };
      initialize(state, init, { body: { bytes: null, text, stream: null, used: false }, type: "application/json" }, context);
      return makeResponse(state);
    }

    get type() {
      return responseState(this, "type").type;
    }
    get url() {
      const { url } = responseState(this, "url");
      return url;
    }
    get redirected() {
      return responseState(this, "redirected").urlList.length > 1;
    }
    get status() {
      return responseState(this, "status").status;
    }
    get ok() {
      const { status } = responseState(this, "ok");
      return status >= 200 && status <= 299;
    }
    get statusText() {
      return responseState(this, "statusText").statusText;
    }
    get headers() {
      return responseState(this, "headers").headers;
    }

    clone() {
      const state = responseState(this, "clone");
      const body = cloneBody(state.body, "Response.clone");
      return makeResponse({ ...state, headers: cloneHeaders(state.headers), body });
    }
  }
  const makeResponse = Response.make;
  delete Response.make;
  bodyMixin(Response, (self, member) => responseState(self, member));
  finishInterface(Response, "Response");

  // WebIDL unsigned short.
  const toUnsignedShort = (value) => Number(value) & 0xffff;

  // https://fetch.spec.whatwg.org/#initialize-a-response
  function initialize(state, init, extracted, context) {
    const status = init.status === undefined ? 200 : toUnsignedShort(init.status);
    if (status < 200 || status > 599) throw new RangeError(`${context}: The status provided (${status}) is outside the range [200, 599].`);
    // Most responses give no statusText: skip the pattern for them.
    const statusText = init.statusText === undefined ? "" : toByteString(init.statusText, context);
    if (statusText !== "" && !reasonPhrasePattern.test(statusText)) throw new TypeError(`${context}: Invalid statusText.`);
    state.status = status;
    state.statusText = statusText;
    if (init.headers !== undefined) fillHeaders(state.headers, init.headers, context);
    if (extracted !== null) {
      if (nullBodyStatus.has(status)) throw new TypeError(`${context}: Response with null body status ${status} cannot have a body.`);
      state.body = extracted.body;
      // Without init.headers the list is still empty: no need to look.
      const typed = init.headers !== undefined && state.headers.has("content-type");
      if (extracted.type !== null && !typed) headersApi.appendTrusted(state.headers, "content-type", extracted.type);
    }
  }

  // --- fetch ------------------------------------------------------------------------
  // A network error: a TypeError (as the standard says) whose cause carries
  // Kode's code.
  function networkError(message, code, url) {
    return new TypeError(`fetch failed: ${message}`, { cause: buildError(Error, code, message, { operation: "fetch", url }) });
  }

  // The blob URL store (URL.createObjectURL, runtime/js/url.js).
  const blobUrls = () => internal.loadInternal("kode:internal/url").internals.blobUrls;

  function fetchedResponse(url, headerList, bytes) {
    const headers = new Headers();
    for (const [name, value] of headerList) headersApi.appendTrusted(headers, name, value);
    headersApi.setGuard(headers, "immutable");
    return makeResponse({ type: "basic", url, urlList: [url], status: 200, statusText: "OK", headers, body: { bytes, text: null, stream: null, used: false } });
  }

  // https://fetch.spec.whatwg.org/#scheme-fetch
  function schemeFetch(request) {
    const state = requestState(request, "fetch");
    const url = new URL(state.url);
    url.hash = "";
    const href = url.href;
    switch (url.protocol) {
      case "data:": {
        const data = mime.processDataUrl(href);
        if (data === null) throw networkError(`the data: URL ${href} does not parse`, "ENETWORK", href);
        return fetchedResponse(href, [["content-type", data.mimeType]], data.body);
      }
      case "blob:": {
        const blob = blobUrls().get(href);
        if (blob === undefined) throw networkError(`no blob behind ${href} (never created, or revoked)`, "ENETWORK", href);
        if (state.method !== "GET") throw networkError(`a blob: URL can only be fetched with GET, not ${state.method}`, "ENETWORK", href);
        const headers = [["content-length", String(blob.size)]];
        if (blob.type !== "") headers.push(["content-type", blob.type]);
        return fetchedResponse(href, headers, blobBytes(blob));
      }
      case "about:":
        throw networkError(`${href} cannot be fetched`, "ENETWORK", href);
      case "http:":
      case "https:":
        return httpFetch(state, href);
      case "file:":
        throw networkError(`Kode does not fetch ${url.protocol} URLs (read files with kode:fs)`, "EUNSUPPORTED", href);
      default:
        throw networkError(`the scheme ${url.protocol} cannot be fetched`, "ENETWORK", href);
    }
  }

  // --- network fetch ----------------------------------------------------------------
  // https://fetch.spec.whatwg.org/#http-fetch and #http-redirect-fetch: Rust
  // (runtime/src/ext/http/client.rs) sends one request and streams back one
  // response; redirects, their modes and the Response are decided here.
  const MAX_REDIRECTS = 20;
  const userAgent = () => internal.loadInternal("kode:internal/web").navigator.userAgent;
  const bodyHeaders = ["content-encoding", "content-language", "content-location", "content-type", "content-length"];

  // The header list to send: the request's, with the defaults a user agent adds.
  function outgoingHeaders(headers) {
    const list = [];
    let accept = false;
    let acceptEncoding = false;
    let agent = false;
    const own = headersApi.list(headers);
    for (let i = 0; i < own.length; i += 2) {
      const lower = own[i].toLowerCase();
      const value = own[i + 1];
      if (lower === "accept") accept = true;
      else if (lower === "accept-encoding") acceptEncoding = true;
      else if (lower === "user-agent") agent = true;
      list.push(lower, value);
    }
    if (!accept) list.push("accept", "*/*");
    if (!acceptEncoding) list.push("accept-encoding", "gzip, deflate, br");
    if (!agent) list.push("user-agent", userAgent());
    return list;
  }

  // A resource's chunks as a byte ReadableStream (a fetched body, a served
  // request's body); `onEnd` runs once when it ends, errors or is cancelled,
  // `onPull` (if given) at each read from the resource: until the first, the
  // resource may still hand its body to the host whole (Kode.serve's echo).
  // A callback, not a WeakSet of untouched streams: an entry per served
  // request kept the scavenger walking ephemerons.
  function resourceStream(rid, operation, detail, signal, onEnd, onPull) {
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      onEnd();
    };
    const pull = async () => {
      onPull?.();
      let chunk;
      try {
        chunk = await internal.hostOp(operation, detail, undefined, (id) => ops.resource_read(id, rid));
      } catch (error) {
        end();
        if (signal?.aborted) throw signal.reason;
        throw error;
      }
      if (chunk === null) end();
      return chunk;
    };
    return streamsApi().createReadable(pull, end, { type: "bytes" });
  }
  internal.resourceStream = resourceStream;

  // The rest of a resource's chunks as one Uint8Array, in one op (a body
  // read whole); `onEnd` runs once it settles, errors as resourceStream's.
  function resourceBytes(rid, operation, detail, signal, onEnd) {
    return internal.hostOp(operation, detail, undefined, (id) => ops.resource_read_all(id, rid)).then(
      (bytes) => {
        onEnd();
        return bytes;
      },
      (error) => {
        onEnd();
        throw signal?.aborted ? signal.reason : error;
      },
    );
  }
  internal.resourceBytes = resourceBytes;

  // Writes a body stream to a sink resource, then ends it (or breaks it
  // when the stream errors).
  async function pumpBody(stream, sink, operation) {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!(value instanceof Uint8Array)) throw new TypeError(`${operation}: a body stream's chunks must be Uint8Arrays.`);
        await internal.hostOp(operation, "", undefined, (id) => ops.resource_write(id, sink, value));
      }
      ops.resource_close(sink);
    } catch (error) {
      ops.http_body_fail(sink);
      reader.cancel(error).catch(() => {});
    }
  }
  internal.pumpBody = pumpBody;

  async function httpFetch(state, href) {
    const signal = signalOf(state);
    let url = href;
    let method = state.method;
    let body = settle(state.body);
    const headers = cloneHeaders(headersOf(state));
    const urlList = [url];
    for (let redirects = 0; ; redirects++) {
      let bytes = null;
      let stream = null;
      if (body !== null) {
        if (body.stream === null) bytes = body.text ?? body.bytes;
        else stream = body.stream;
      }
      let result;
      try {
        result = await internal.hostOp("fetch", url, signal, (id) => {
          const sink = ops.http_fetch(id, method, url, outgoingHeaders(headers), bytes, stream !== null);
          // The upload runs while the request waits for its response.
          if (stream !== null) pumpBody(stream, sink, "fetch");
        });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        throw new TypeError(`fetch failed: ${error.code}, ${url}`, { cause: error });
      }
      const [status, statusText, list, bodyRid] = result;
      let location = null;
      if (redirectStatus.has(status)) {
        for (let i = 0; i < list.length; i += 2) if (list[i] === "location") location = list[i + 1];
      }
      if (location !== null && state.redirect !== "follow") {
        if (bodyRid !== null) ops.resource_close(bodyRid);
        if (state.redirect === "error") throw networkError(`${url} redirects, and the request's redirect mode is "error"`, "EHTTP", url);
        // "manual": an opaque-redirect filtered response.
        const empty = new Headers();
        headersApi.setGuard(empty, "immutable");
        return makeResponse({ type: "opaqueredirect", url, urlList: [...urlList], status: 0, statusText: "", headers: empty, body: null });
      }
      if (location !== null) {
        if (bodyRid !== null) ops.resource_close(bodyRid);
        let next;
        try {
          next = new URL(location, url);
        } catch {
          throw networkError(`${url} redirects to ${JSON.stringify(location)}, which is not a URL`, "EHTTP", url);
        }
        if (next.protocol !== "http:" && next.protocol !== "https:") throw networkError(`${url} redirects to the ${next.protocol} scheme`, "EHTTP", url);
        if (redirects + 1 > MAX_REDIRECTS) throw networkError(`more than ${MAX_REDIRECTS} redirects, from ${urlList[0]}`, "EHTTP", url);
        if (stream !== null && status !== 303) throw networkError(`${url} redirects, and a streamed request body cannot be sent again`, "EHTTP", url);
        if ((status === 303 && method !== "GET" && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
          method = "GET";
          body = null;
          for (const name of bodyHeaders) headers.delete(name);
        }
        // https://fetch.spec.whatwg.org/#http-redirect-fetch step 13: no credentials across origins.
        if (new URL(url).origin !== next.origin) headers.delete("authorization");
        next.hash = "";
        url = next.href;
        urlList.push(url);
        continue;
      }
      const responseHeaders = new Headers();
      for (let i = 0; i < list.length; i += 2) headersApi.appendTrusted(responseHeaders, list[i], list[i + 1]);
      headersApi.setGuard(responseHeaders, "immutable");
      let responseBody = null;
      if (bodyRid !== null) {
        const unfollow = internal.ownedBy(signal, () => ops.resource_close(bodyRid));
        const onEnd = () => {
          unfollow();
          ops.resource_close(bodyRid);
        };
        // Made when asked for (see settle): read whole, the body is one op.
        const host = {
          openStream: () => resourceStream(bodyRid, "fetch", url, signal, onEnd),
          readAll: () => resourceBytes(bodyRid, "fetch", url, signal, onEnd),
        };
        responseBody = { bytes: null, text: null, stream: null, used: false, host };
      }
      return makeResponse({ type: "basic", url, urlList, status, statusText, headers: responseHeaders, body: responseBody });
    }
  }

  // https://fetch.spec.whatwg.org/#fetch-method
  function fetch(input, init = undefined) {
    return new Promise((resolve) => {
      requireArguments(arguments.length, 1, "Failed to execute 'fetch'");
      const request = new Request(input, init);
      const { signal } = requestState(request, "fetch");
      signal.throwIfAborted();
      resolve(schemeFetch(request));
    });
  }

  // --- WebAssembly streaming ---------------------------------------------------
  // https://webassembly.github.io/spec/web-api/#streaming-modules: called by
  // the wasm area's streaming callback (through 00_core.js) with the source and
  // a compilation id; checks the Response, then feeds its body to V8's
  // compiler in chunks, so V8 starts compiling before it has the last byte.
  async function wasmStreaming(source, id) {
    try {
      const response = await source;
      if (!(response instanceof Response)) throw new TypeError("WebAssembly: the argument is not a Response or a promise of one.");
      const contentType = response.headers.get("content-type");
      const type = contentType === null ? null : mime.parse(contentType);
      if (type === null || `${type.type}/${type.subtype}` !== "application/wasm") {
        throw new TypeError(`WebAssembly: the response's MIME type is ${JSON.stringify(contentType)}, not "application/wasm".`);
      }
      if (!response.ok) throw new TypeError(`WebAssembly: the response's status is ${response.status}, not ok.`);
      if (response.bodyUsed) throw new TypeError("WebAssembly: the response body has already been used.");
      const bytes = await response.bytes();
      for (let offset = 0; offset < bytes.length; offset += 65536) ops.wasm_streaming_feed(id, bytes.subarray(offset, offset + 65536));
      ops.wasm_streaming_finish(id);
    } catch (error) {
      ops.wasm_streaming_abort(id, error);
    }
  }

  // What Kode.serve sends for a Response: status, header list (flat), and
  // the body as bytes or a stream (null, null for none).
  function responseParts(response) {
    const state = responseState(response, "serve");
    // The list itself: the host reads it before anything can change it.
    const list = headersApi.list(state.headers);
    let bytes = null;
    let stream = null;
    const body = settle(state.body);
    if (body !== null) {
      if (bodyUsed(body) || body.stream?.locked) throw new TypeError("Kode.serve: the response's body has already been used.");
      if (body.stream === null) {
        // A string goes as is: the host encodes it.
        bytes = body.text ?? body.bytes;
        body.used = true;
      } else stream = body.stream;
    }
    return { type: state.type, status: state.status, list, bytes, stream };
  }

  return { Request, Response, fetch, wasmStreaming, internals: { requestFromServer, responseParts, pumpBody } };
})

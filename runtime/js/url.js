// url.js: `URL` and `URLSearchParams` (WHATWG URL Standard), the module
// behind the two globals (`00_core.js` loads it on the first touch of
// either). The parser, the setters and the urlencoded parser are Rust's
// (`ext/url/ops.rs`: ada for URLs, `form_urlencoded` for queries); this file keeps each URL's components
// and each query's list, and keeps a URL and its `searchParams` in step.
(function (ops, internal) {
  "use strict";

  // blob: URL -> Blob (URL.createObjectURL), read by fetch (runtime/js/fetch.js).
  const blobUrls = new Map();

  const { buildError } = internal;

  // The components `ops.url_parse` and `ops.url_set` return, in this order.
  const HREF = 0;
  const ORIGIN = 1;
  const PROTOCOL = 2;
  const USERNAME = 3;
  const PASSWORD = 4;
  const HOST = 5;
  const HOSTNAME = 6;
  const PORT = 7;
  const PATHNAME = 8;
  const SEARCH = 9;
  const HASH = 10;
  // The setters of `ops.url_set` (`Setter` in ops.rs), by number.
  const SET = { protocol: 0, username: 1, password: 2, host: 3, hostname: 4, port: 5, pathname: 6, search: 7, hash: 8 };
  const SET_QUERY = 9;

  // WebIDL `USVString`: ToString (a symbol throws), lone surrogates become U+FFFD.
  function usv(value) {
    return `${value}`.toWellFormed();
  }

  function required(count, given, operation) {
    if (given < count) {
      const what = count === 1 ? "1 argument" : `${count} arguments`;
      throw buildError(TypeError, "EINVALID_ARG", `${operation} needs ${what}, but only ${given} given`, { operation });
    }
  }

  function invalidURL(input, base, operation) {
    const against = base === undefined ? "" : ` against base ${JSON.stringify(base)}`;
    const fields = { operation, input };
    if (base !== undefined) fields.base = base;
    return buildError(TypeError, "EINVALID_URL", `Invalid URL: ${JSON.stringify(input)}${against}`, fields);
  }

  // WebIDL makes attributes and operations enumerable; classes make them not.
  function webIDLClass(Class, tag) {
    for (const key of Reflect.ownKeys(Class.prototype)) {
      if (key === "constructor") continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(Class.prototype, key);
      Object.defineProperty(Class.prototype, key, { ...descriptor, enumerable: typeof key === "string" });
    }
    Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: tag, configurable: true });
  }

  const inspectCustom = Symbol.for("nodejs.util.inspect.custom");
  // `new URL(fromParts, parts)` makes a URL of components already parsed (`URL.parse`).
  const fromParts = Symbol("fromParts");
  // Set by the classes' static blocks: the private links between the two.
  let setQueryFromParams;
  let newParamsOf;
  let resetParams;
  let listOf;

  class URL {
    #parts;
    #params = null;

    constructor(url, base = undefined) {
      if (url === fromParts) {
        this.#parts = base;
        return;
      }
      required(1, arguments.length, "new URL");
      url = usv(url);
      if (base !== undefined) base = usv(base);
      const parts = ops.url_parse(url, base);
      if (parts === undefined) throw invalidURL(url, base, "new URL");
      this.#parts = parts;
    }

    static parse(url, base = undefined) {
      required(1, arguments.length, "URL.parse");
      const parts = ops.url_parse(usv(url), base === undefined ? undefined : usv(base));
      return parts === undefined ? null : new URL(fromParts, parts);
    }

    // https://w3c.github.io/FileAPI/#dfn-createObjectURL: a blob: URL that
    // fetch() resolves to the blob until it is revoked (the store lives as
    // long as the run: Kode has no document to unload).
    static createObjectURL(obj) {
      required(1, arguments.length, "URL.createObjectURL");
      const fetchTypes = internal.loadInternal("kode:internal/fetch-types").internals;
      if (!fetchTypes.isBlob(obj)) throw new TypeError("URL.createObjectURL: the argument is not a Blob.");
      const url = `blob:null/${globalThis.crypto.randomUUID()}`;
      blobUrls.set(url, obj);
      return url;
    }

    static revokeObjectURL(url) {
      required(1, arguments.length, "URL.revokeObjectURL");
      blobUrls.delete(usv(url));
    }

    static canParse(url, base = undefined) {
      required(1, arguments.length, "URL.canParse");
      return ops.url_parse(usv(url), base === undefined ? undefined : usv(base)) !== undefined;
    }

    // After the href and search setters the query list is the URL's query
    // parsed again; after a change that `searchParams` made, it stays.
    #update(parts, resync) {
      this.#parts = parts;
      if (resync && this.#params !== null) resetParams(this.#params, parts[SEARCH].slice(1));
    }

    #set(setter, value) {
      this.#update(ops.url_set(this.#parts[HREF], setter, usv(value)), setter === SET.search);
    }

    static {
      setQueryFromParams = (url, query) => url.#update(ops.url_set(url.#parts[HREF], SET_QUERY, query), false);
    }

    get href() {
      return this.#parts[HREF];
    }
    set href(value) {
      value = usv(value);
      const parts = ops.url_parse(value);
      if (parts === undefined) throw invalidURL(value, undefined, "URL.href");
      this.#update(parts, true);
    }
    get origin() {
      return this.#parts[ORIGIN];
    }
    get protocol() {
      return this.#parts[PROTOCOL];
    }
    set protocol(value) {
      this.#set(SET.protocol, value);
    }
    get username() {
      return this.#parts[USERNAME];
    }
    set username(value) {
      this.#set(SET.username, value);
    }
    get password() {
      return this.#parts[PASSWORD];
    }
    set password(value) {
      this.#set(SET.password, value);
    }
    get host() {
      return this.#parts[HOST];
    }
    set host(value) {
      this.#set(SET.host, value);
    }
    get hostname() {
      return this.#parts[HOSTNAME];
    }
    set hostname(value) {
      this.#set(SET.hostname, value);
    }
    get port() {
      return this.#parts[PORT];
    }
    set port(value) {
      this.#set(SET.port, value);
    }
    get pathname() {
      return this.#parts[PATHNAME];
    }
    set pathname(value) {
      this.#set(SET.pathname, value);
    }
    get search() {
      return this.#parts[SEARCH];
    }
    set search(value) {
      this.#set(SET.search, value);
    }
    get searchParams() {
      return (this.#params ??= newParamsOf(this, this.#parts[SEARCH].slice(1)));
    }
    get hash() {
      return this.#parts[HASH];
    }
    set hash(value) {
      this.#set(SET.hash, value);
    }

    toString() {
      return this.#parts[HREF];
    }
    toJSON() {
      return this.#parts[HREF];
    }

    // As Node shows a URL: its attributes, in the standard's order.
    [inspectCustom](depth, options, inspect) {
      if (depth < 0) return "[URL]";
      const shown = {};
      for (const key of ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "searchParams", "hash"]) {
        shown[key] = this[key];
      }
      return `URL ${inspect(shown, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
    }
  }
  webIDLClass(URL, "URL");

  // The application/x-www-form-urlencoded parser (Rust) and serializer.
  function parseQuery(text) {
    const flat = ops.url_form_parse(text);
    const list = [];
    for (let i = 0; i < flat.length; i += 2) list.push([flat[i], flat[i + 1]]);
    return list;
  }

  // encodeURIComponent leaves `!'()~` alone, which the urlencoded set escapes.
  const escapeMore = (match) => (match === "%20" ? "+" : `%${match.charCodeAt(0).toString(16).toUpperCase()}`);
  function encodeQueryText(text) {
    return encodeURIComponent(text).replace(/%20|[!'()~]/g, escapeMore);
  }

  function serializeQuery(list) {
    return list.map(([name, value]) => `${encodeQueryText(name)}=${encodeQueryText(value)}`).join("&");
  }

  function notAPair(operation) {
    return buildError(TypeError, "EINVALID_ARG", "Each item of a URLSearchParams init sequence must be a [name, value] pair", { operation });
  }

  class URLSearchParams {
    #list = [];
    #url = null;

    constructor(init = "") {
      const operation = "new URLSearchParams";
      if (init !== null && (typeof init === "object" || typeof init === "function")) {
        const iteratorMethod = init[Symbol.iterator];
        if (iteratorMethod !== undefined && iteratorMethod !== null) {
          if (typeof iteratorMethod !== "function") {
            throw buildError(TypeError, "EINVALID_ARG", "The init's Symbol.iterator is not a function", { operation });
          }
          for (const pair of { [Symbol.iterator]: () => iteratorMethod.call(init) }) {
            if (pair === null || (typeof pair !== "object" && typeof pair !== "function")) throw notAPair(operation);
            const items = Array.from(pair, usv);
            if (items.length !== 2) throw notAPair(operation);
            this.#list.push(items);
          }
        } else {
          // A record<USVString, USVString>: own enumerable string keys, in order.
          const record = new Map();
          for (const key of Reflect.ownKeys(init)) {
            const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
            if (descriptor === undefined || !descriptor.enumerable) continue;
            const name = usv(key);
            record.set(name, usv(init[key]));
          }
          for (const pair of record) this.#list.push(pair);
        }
      } else {
        const text = usv(init);
        this.#list = parseQuery(text.startsWith("?") ? text.slice(1) : text);
      }
    }

    static {
      newParamsOf = (url, query) => {
        const params = new URLSearchParams();
        params.#list = parseQuery(query);
        params.#url = url;
        return params;
      };
      resetParams = (params, query) => {
        params.#list = parseQuery(query);
      };
      listOf = (params) => params.#list;
    }

    #update() {
      if (this.#url !== null) setQueryFromParams(this.#url, serializeQuery(this.#list));
    }

    get size() {
      return this.#list.length;
    }

    append(name, value) {
      required(2, arguments.length, "URLSearchParams.append");
      this.#list.push([usv(name), usv(value)]);
      this.#update();
    }

    delete(name, value = undefined) {
      required(1, arguments.length, "URLSearchParams.delete");
      name = usv(name);
      if (value === undefined) {
        this.#list = this.#list.filter((pair) => pair[0] !== name);
      } else {
        value = usv(value);
        this.#list = this.#list.filter((pair) => pair[0] !== name || pair[1] !== value);
      }
      this.#update();
    }

    get(name) {
      required(1, arguments.length, "URLSearchParams.get");
      name = usv(name);
      const pair = this.#list.find((pair) => pair[0] === name);
      return pair === undefined ? null : pair[1];
    }

    getAll(name) {
      required(1, arguments.length, "URLSearchParams.getAll");
      name = usv(name);
      return this.#list.filter((pair) => pair[0] === name).map((pair) => pair[1]);
    }

    has(name, value = undefined) {
      required(1, arguments.length, "URLSearchParams.has");
      name = usv(name);
      if (value === undefined) return this.#list.some((pair) => pair[0] === name);
      value = usv(value);
      return this.#list.some((pair) => pair[0] === name && pair[1] === value);
    }

    set(name, value) {
      required(2, arguments.length, "URLSearchParams.set");
      name = usv(name);
      value = usv(value);
      const first = this.#list.findIndex((pair) => pair[0] === name);
      if (first === -1) {
        this.#list.push([name, value]);
      } else {
        this.#list[first] = [name, value];
        this.#list = this.#list.filter((pair, index) => index <= first || pair[0] !== name);
      }
      this.#update();
    }

    // Stable, by the names' UTF-16 code units (what `<` compares).
    sort() {
      this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      this.#update();
    }

    forEach(callback, thisArg = undefined) {
      required(1, arguments.length, "URLSearchParams.forEach");
      if (typeof callback !== "function") {
        throw buildError(TypeError, "EINVALID_ARG", 'The "callback" argument must be of type function', {
          operation: "URLSearchParams.forEach",
        });
      }
      // Live: entries added or removed by the callback count.
      for (let i = 0; i < this.#list.length; i++) {
        const [name, value] = this.#list[i];
        callback.call(thisArg, value, name, this);
      }
    }

    entries() {
      return new ParamsIterator(this, "entries");
    }
    keys() {
      return new ParamsIterator(this, "keys");
    }
    values() {
      return new ParamsIterator(this, "values");
    }

    toString() {
      return serializeQuery(this.#list);
    }

    // As Node shows one: URLSearchParams { 'a' => '1', 'b' => '2' }.
    [inspectCustom](depth, options, inspect) {
      if (depth < 0) return "[URLSearchParams]";
      if (this.#list.length === 0) return "URLSearchParams {}";
      const items = this.#list.map(([name, value]) => `${inspect(name, options)} => ${inspect(value, options)}`);
      const oneLine = `URLSearchParams { ${items.join(", ")} }`;
      return oneLine.length <= 80 ? oneLine : `URLSearchParams {\n  ${items.join(",\n  ")} }`;
    }
  }
  webIDLClass(URLSearchParams, "URLSearchParams");
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries,
    writable: true,
    configurable: true,
  });

  // The WebIDL pair iterator: live over the list, like `forEach`.
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  class ParamsIterator {
    #params;
    #kind;
    #index = 0;
    constructor(params, kind) {
      this.#params = params;
      this.#kind = kind;
    }
    next() {
      const list = listOf(this.#params);
      if (this.#index >= list.length) return { value: undefined, done: true };
      const [name, value] = list[this.#index++];
      const kind = this.#kind;
      return { value: kind === "keys" ? name : kind === "values" ? value : [name, value], done: false };
    }
  }
  Object.setPrototypeOf(ParamsIterator.prototype, IteratorPrototype);
  webIDLClass(ParamsIterator, "URLSearchParams Iterator");

  return { URL, URLSearchParams, internals: { blobUrls } };
})

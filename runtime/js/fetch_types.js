// fetch_types.js: kode:internal/fetch-types - the Fetch standard's `Headers`
// (with guard "none": Kode has no Request/Response yet to guard) and the File
// API's `Blob` and `File`. Loaded on the first touch of one of these globals
// (`defineLazy` in runtime/js/00_core.js installs the getters).
//
// The code follows the standards' algorithms by name, so a failing
// web-platform-test points at a step:
//   https://fetch.spec.whatwg.org/#headers-class
//   https://w3c.github.io/FileAPI/#blob-section
//   https://w3c.github.io/FileAPI/#file-section
// A blob's bytes are one Uint8Array that nothing writes after construction,
// so `slice` shares them (a subarray) and reads copy them out.
(function (ops, internal) {
  "use strict";

  const { finishInterface, requireArguments, dictionary, toDOMString, toUSVString } = internal.webidl;

  // --- WebIDL conversions ------------------------------------------------------
  // WebIDL ByteString: every code unit must fit in a byte.
  function toByteString(value, context) {
    const string = toDOMString(value);
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u00ff]/.test(string)) {
      throw new TypeError(`${context}: ${JSON.stringify(string)} is not a valid ByteString.`);
    }
    return string;
  }

  // WebIDL `long long` without [EnforceRange]: ToNumber, NaN and +/-0 -> 0, truncate.
  function toLongLong(value) {
    const number = Number(value);
    if (!Number.isFinite(number)) return Number.isNaN(number) ? 0 : number > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
    return Math.trunc(number) || 0;
  }


  const isObject = (value) => value !== null && (typeof value === "object" || typeof value === "function");

  // --- Headers -----------------------------------------------------------------
  // https://fetch.spec.whatwg.org/#header-name: a token (RFC 9110).
  const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  // https://fetch.spec.whatwg.org/#concept-header-value-normalize: strip
  // leading and trailing HTTP whitespace (tab, LF, CR, space).
  const normalizeValue = (value) => value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");
  // A header value (after normalizing) has no NUL, CR or LF.
  // eslint-disable-next-line no-control-regex
  const invalidValuePattern = /[\0\r\n]/;

  function checkName(name, context) {
    if (!tokenPattern.test(name)) {
      throw new TypeError(`${context}: ${JSON.stringify(name)} is an invalid header name.`);
    }
  }

  function checkValue(name, value, context) {
    if (invalidValuePattern.test(value)) {
      throw new TypeError(`${context}: ${JSON.stringify(value)} is an invalid header value for ${JSON.stringify(name)}.`);
    }
  }

  function checkMutable(headers, context) {
    if (headerGuard(headers) === "immutable") throw new TypeError(`${context}: Headers are immutable.`);
  }

  class Headers {
    // The header list, flat: [name, value, name, value, ...], names
    // lower-case, in insertion order (the API never shows a name's original
    // case). Flat, so a served request's list from the host is adopted as
    // it is, and a response's goes to the host as it is.
    #list = [];
    // https://fetch.spec.whatwg.org/#concept-headers-guard: "immutable"
    // (Response.error/redirect, fetched responses) refuses every change. Kode
    // does not enforce the browser-only forbidden request/response header
    // names (as Deno and Node do not): the other guards act as "none".
    #guard = "none";

    // https://fetch.spec.whatwg.org/#dom-headers
    constructor(init = undefined) {
      if (init !== undefined) this.#fill(init, "Failed to construct 'Headers'");
    }

    static #check(self, member) {
      if (!isObject(self) || !(#list in self)) {
        throw new TypeError(`Headers.prototype.${member}: Illegal invocation`);
      }
    }

    // https://fetch.spec.whatwg.org/#concept-headers-fill
    #fill(init, context) {
      // WebIDL (sequence<sequence<ByteString>> or record<ByteString, ByteString>).
      if (!isObject(init)) {
        throw new TypeError(`${context}: The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.`);
      }
      const iteratorMethod = init[Symbol.iterator];
      if (iteratorMethod !== undefined && iteratorMethod !== null) {
        if (typeof iteratorMethod !== "function") throw new TypeError(`${context}: the init's @@iterator is not a function.`);
        const pairs = [];
        for (const item of { [Symbol.iterator]: () => iteratorMethod.call(init) }) {
          if (!isObject(item)) throw new TypeError(`${context}: each header must be a sequence of a name and a value.`);
          const pair = Array.from(item, (part) => toByteString(part, context));
          if (pair.length !== 2) {
            throw new TypeError(`${context}: each header must be a name and a value (2 items), but one has ${pair.length}.`);
          }
          pairs.push(pair);
        }
        for (const [name, value] of pairs) this.#append(name, value, context);
        return;
      }
      // A record: own enumerable string-keyed properties, in order.
      const pairs = [];
      for (const key of Reflect.ownKeys(init)) {
        if (typeof key === "symbol") continue;
        const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
        if (descriptor === undefined || !descriptor.enumerable) continue;
        pairs.push([toByteString(key, context), toByteString(init[key], context)]);
      }
      for (const [name, value] of pairs) this.#append(name, value, context);
    }

    // https://fetch.spec.whatwg.org/#concept-headers-append
    #append(name, value, context) {
      value = normalizeValue(value);
      checkName(name, context);
      checkValue(name, value, context);
      this.#list.push(name.toLowerCase(), value);
    }

    // The list without the headers named `name`.
    #without(name) {
      const list = this.#list;
      const kept = [];
      for (let i = 0; i < list.length; i += 2) if (list[i] !== name) kept.push(list[i], list[i + 1]);
      return kept;
    }

    #indexOf(name) {
      const list = this.#list;
      for (let i = 0; i < list.length; i += 2) if (list[i] === name) return i;
      return -1;
    }

    // https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine
    #sortAndCombine() {
      const list = this.#list;
      const unique = new Set();
      for (let i = 0; i < list.length; i += 2) unique.add(list[i]);
      const names = [...unique].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const result = [];
      for (const name of names) {
        if (name === "set-cookie") {
          for (const value of this.#values(name)) result.push([name, value]);
        } else {
          result.push([name, this.#combined(name)]);
        }
      }
      return result;
    }

    // The values of the headers named `name`, in order.
    #values(name) {
      const list = this.#list;
      const values = [];
      for (let i = 0; i < list.length; i += 2) if (list[i] === name) values.push(list[i + 1]);
      return values;
    }

    #combined(name) {
      const values = this.#values(name);
      return values.length === 0 ? null : values.join(", ");
    }

    append(name, value) {
      Headers.#check(this, "append");
      const context = "Failed to execute 'append' on 'Headers'";
      requireArguments(arguments.length, 2, context);
      checkMutable(this, context);
      this.#append(toByteString(name, context), toByteString(value, context), context);
    }

    delete(name) {
      Headers.#check(this, "delete");
      const context = "Failed to execute 'delete' on 'Headers'";
      requireArguments(arguments.length, 1, context);
      name = toByteString(name, context);
      checkName(name, context);
      checkMutable(this, context);
      const lower = name.toLowerCase();
      this.#list = this.#without(lower);
    }

    get(name) {
      Headers.#check(this, "get");
      const context = "Failed to execute 'get' on 'Headers'";
      requireArguments(arguments.length, 1, context);
      name = toByteString(name, context);
      checkName(name, context);
      return this.#combined(name.toLowerCase());
    }

    getSetCookie() {
      Headers.#check(this, "getSetCookie");
      return this.#values("set-cookie");
    }

    has(name) {
      Headers.#check(this, "has");
      const context = "Failed to execute 'has' on 'Headers'";
      requireArguments(arguments.length, 1, context);
      name = toByteString(name, context);
      checkName(name, context);
      const lower = name.toLowerCase();
      return this.#indexOf(lower) !== -1;
    }

    // https://fetch.spec.whatwg.org/#concept-header-list-set: the first
    // header of that name takes the value, the others go.
    set(name, value) {
      Headers.#check(this, "set");
      const context = "Failed to execute 'set' on 'Headers'";
      requireArguments(arguments.length, 2, context);
      name = toByteString(name, context);
      value = normalizeValue(toByteString(value, context));
      checkName(name, context);
      checkValue(name, value, context);
      checkMutable(this, context);
      const lower = name.toLowerCase();
      const index = this.#indexOf(lower);
      if (index === -1) {
        this.#list.push(lower, value);
      } else {
        const list = this.#without(lower);
        list.splice(index, 0, lower, value);
        this.#list = list;
      }
    }

    forEach(callback, thisArg = undefined) {
      Headers.#check(this, "forEach");
      const context = "Failed to execute 'forEach' on 'Headers'";
      requireArguments(arguments.length, 1, context);
      if (typeof callback !== "function") throw new TypeError(`${context}: parameter 1 is not of type 'Function'.`);
      // WebIDL pair iteration: the pairs are taken afresh at each step.
      for (let i = 0; ; i++) {
        const pairs = this.#sortAndCombine();
        if (i >= pairs.length) break;
        const [name, value] = pairs[i];
        callback.call(thisArg, value, name, this);
      }
    }

    entries() {
      Headers.#check(this, "entries");
      return new HeadersIterator(this, "key+value");
    }

    keys() {
      Headers.#check(this, "keys");
      return new HeadersIterator(this, "key");
    }

    values() {
      Headers.#check(this, "values");
      return new HeadersIterator(this, "value");
    }

    static pairs(headers) {
      return headers.#sortAndCombine();
    }
    static internals = {
      guard: (headers) => headers.#guard,
      setGuard: (headers, guard) => {
        headers.#guard = guard;
      },
      // The flat list itself (not a copy): [name, value, ...].
      list: (headers) => headers.#list,
      fill: (headers, init, context) => headers.#fill(init, context),
      // Appends without checks: for header lists Kode builds itself.
      appendTrusted: (headers, name, value) => headers.#list.push(name, value),
      // Takes a flat list Kode built (a served request's) as the headers' own.
      adoptTrusted: (headers, list) => {
        headers.#list = list;
      },
    };
  }
  const headerPairs = Headers.pairs;
  delete Headers.pairs;
  const headersInternals = Headers.internals;
  delete Headers.internals;
  const headerGuard = headersInternals.guard;

  // https://webidl.spec.whatwg.org/#es-default-iterator-object: the pairs are
  // sorted and combined afresh at each `next()`, so changes show up.
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  class HeadersIterator {
    #target;
    #kind;
    #index = 0;

    constructor(target, kind) {
      this.#target = target;
      this.#kind = kind;
    }

    next() {
      if (!isObject(this) || !(#target in this)) {
        throw new TypeError("next method called on an object that is not a Headers Iterator");
      }
      const pairs = headerPairs(this.#target);
      if (this.#index >= pairs.length) return { value: undefined, done: true };
      const [name, value] = pairs[this.#index++];
      const result = this.#kind === "key" ? name : this.#kind === "value" ? value : [name, value];
      return { value: result, done: false };
    }
  }
  Object.setPrototypeOf(HeadersIterator.prototype, iteratorPrototype);
  Object.defineProperty(HeadersIterator.prototype, "next", { enumerable: true });
  Object.defineProperty(HeadersIterator.prototype, Symbol.toStringTag, { value: "Headers Iterator", configurable: true });
  // Only `next` and the tag: no constructor visible through the prototype.
  delete HeadersIterator.prototype.constructor;

  finishInterface(Headers, "Headers");
  // @@iterator is `entries`, and not enumerable (WebIDL).
  Object.defineProperty(Headers.prototype, Symbol.iterator, {
    value: Headers.prototype.entries,
    writable: true,
    enumerable: false,
    configurable: true,
  });

  // --- Blob --------------------------------------------------------------------
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // "native" line endings on this platform.
  const nativeLineEnding = "\n";

  // https://w3c.github.io/FileAPI/#convert-line-endings-to-native
  const convertLineEndings = (string) => string.replace(/\r\n|\r|\n/g, nativeLineEnding);

  // The `type` of a Blob or File: "" unless every code unit is printable
  // ASCII (U+0020 to U+007E), then lowercased.
  const normalizeType = (type) => (/^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : "");

  function viewBytes(view) {
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  }

  class Blob {
    #bytes;
    #type;

    // https://w3c.github.io/FileAPI/#constructorBlob
    constructor(blobParts = undefined, options = undefined) {
      const context = `Failed to construct '${new.target === File ? "File" : "Blob"}'`;
      const parts = Blob.#parts(blobParts, context);
      const { type, endings } = Blob.#options(options, context);
      this.#bytes = Blob.#process(parts, endings);
      this.#type = type;
    }

    // WebIDL sequence<BlobPart>: converted before the options.
    static #parts(blobParts, context) {
      if (blobParts === undefined) return [];
      if (!isObject(blobParts) || typeof blobParts[Symbol.iterator] !== "function") {
        throw new TypeError(`${context}: The provided value cannot be converted to a sequence.`);
      }
      const parts = [];
      for (const part of blobParts) {
        if (part instanceof ArrayBuffer || ArrayBuffer.isView(part) || (isObject(part) && #bytes in part)) {
          parts.push(part);
        } else if (typeof SharedArrayBuffer === "function" && part instanceof SharedArrayBuffer) {
          parts.push(part);
        } else {
          parts.push(toUSVString(part));
        }
      }
      return parts;
    }

    static #options(options, context) {
      options = dictionary(options, context);
      // Dictionary members in lexicographic order: endings, then type.
      let endings = options.endings;
      if (endings === undefined) {
        endings = "transparent";
      } else {
        endings = toDOMString(endings);
        if (endings !== "transparent" && endings !== "native") {
          throw new TypeError(`${context}: Failed to read the 'endings' property from 'BlobPropertyBag': The provided value '${endings}' is not a valid enum value of type EndingType.`);
        }
      }
      const type = options.type === undefined ? "" : normalizeType(toDOMString(options.type));
      return { endings, type };
    }

    // https://w3c.github.io/FileAPI/#process-blob-parts
    static #process(parts, endings) {
      const chunks = [];
      let length = 0;
      for (const part of parts) {
        let chunk;
        if (typeof part === "string") {
          chunk = encoder.encode(endings === "native" ? convertLineEndings(part) : part);
        } else if (ArrayBuffer.isView(part)) {
          chunk = viewBytes(part);
        } else if (isObject(part) && #bytes in part) {
          chunk = part.#bytes;
        } else {
          chunk = new Uint8Array(part);
        }
        chunks.push(chunk);
        length += chunk.byteLength;
      }
      // Always a copy: later writes to a part's buffer do not show.
      const bytes = new Uint8Array(length);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return bytes;
    }

    static #check(self, member) {
      if (!isObject(self) || !(#bytes in self)) {
        throw new TypeError(`Blob.prototype.${member}: Illegal invocation`);
      }
    }

    // A promise-returning operation rejects (not throws) on a wrong `this`.
    static #read(self, member, convert) {
      try {
        Blob.#check(self, member);
      } catch (error) {
        return Promise.reject(error);
      }
      return Promise.resolve(convert(self.#bytes));
    }

    static internals = {
      // The bytes, shared: callers must not write to them.
      bytes: (blob) => blob.#bytes,
      isBlob: (value) => isObject(value) && #bytes in value,
      // A Blob (or File, made by `make`) over `bytes`, which it takes.
      adopt: (blob, bytes, type) => {
        blob.#bytes = bytes;
        blob.#type = type;
        return blob;
      },
    };

    get size() {
      Blob.#check(this, "size");
      return this.#bytes.byteLength;
    }

    get type() {
      Blob.#check(this, "type");
      return this.#type;
    }

    // https://w3c.github.io/FileAPI/#dfn-slice
    slice(start = undefined, end = undefined, contentType = undefined) {
      Blob.#check(this, "slice");
      const size = this.#bytes.byteLength;
      const clamp = (value, fallback) => {
        if (value === undefined) return fallback;
        const relative = toLongLong(value);
        return relative < 0 ? Math.max(size + relative, 0) : Math.min(relative, size);
      };
      const relativeStart = clamp(start, 0);
      const relativeEnd = clamp(end, size);
      const type = contentType === undefined ? "" : normalizeType(toDOMString(contentType));
      const blob = new Blob();
      blob.#bytes = this.#bytes.subarray(relativeStart, Math.max(relativeEnd, relativeStart));
      blob.#type = type;
      return blob;
    }

    // https://w3c.github.io/FileAPI/#dom-blob-stream: a byte stream of the
    // blob's bytes (which nothing writes after construction).
    stream() {
      Blob.#check(this, "stream");
      return internal.loadInternal("kode:internal/streams").internals.readableFromBytes(this.#bytes);
    }

    text() {
      // UTF-8 decode: a leading BOM is dropped, invalid bytes become U+FFFD.
      return Blob.#read(this, "text", (bytes) => decoder.decode(bytes));
    }

    arrayBuffer() {
      return Blob.#read(this, "arrayBuffer", (bytes) => bytes.slice().buffer);
    }

    bytes() {
      return Blob.#read(this, "bytes", (bytes) => bytes.slice());
    }
  }
  const blobInternals = Blob.internals;
  delete Blob.internals;
  finishInterface(Blob, "Blob");

  // --- File --------------------------------------------------------------------
  class File extends Blob {
    #name;
    #lastModified;

    // https://w3c.github.io/FileAPI/#file-constructor. Blob's constructor
    // converts the bits and reads `endings` and `type` first; then the name
    // and `lastModified` are converted (WebIDL converts the name before the
    // options: only the order of conversion side effects differs).
    constructor(fileBits, fileName, options = undefined) {
      requireArguments(arguments.length, 2, "Failed to construct 'File'");
      super(fileBits, options);
      this.#name = toUSVString(fileName);
      const lastModified = options === undefined || options === null ? undefined : options.lastModified;
      this.#lastModified = lastModified === undefined ? Date.now() : toLongLong(lastModified);
    }

    static #check(self, member) {
      if (!isObject(self) || !(#name in self)) {
        throw new TypeError(`File.prototype.${member}: Illegal invocation`);
      }
    }

    get name() {
      File.#check(this, "name");
      return this.#name;
    }

    get lastModified() {
      File.#check(this, "lastModified");
      return this.#lastModified;
    }
  }
  finishInterface(File, "File");

  return {
    Headers,
    Blob,
    File,
    // For the fetch and form-data modules (through internal.loadInternal).
    internals: {
      headers: headersInternals,
      blobBytes: blobInternals.bytes,
      isBlob: blobInternals.isBlob,
      isFile: (value) => blobInternals.isBlob(value) && value instanceof File,
      blobFromBytes: (bytes, type) => blobInternals.adopt(new Blob(), bytes, type),
      fileFromBytes: (bytes, name, type, lastModified) => blobInternals.adopt(new File([], name, { lastModified }), bytes, type),
      toByteString,
    },
  };
});

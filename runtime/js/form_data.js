// form_data.js: kode:internal/form-data - XMLHttpRequest's FormData
// (https://xhr.spec.whatwg.org/#interface-formdata), its multipart/form-data
// encoding (HTML's algorithm, RFC 7578) and the parsing a body's
// `formData()` does (multipart and application/x-www-form-urlencoded).
// Loaded on the first touch of the global, or by fetch.js.
(function (ops, internal) {
  "use strict";

  const { finishInterface, requireArguments, toUSVString } = internal.webidl;
  const fetchTypes = internal.loadInternal("kode:internal/fetch-types");
  const { File } = fetchTypes;
  const { isBlob, isFile, blobBytes, fileFromBytes } = fetchTypes.internals;
  const mime = internal.loadInternal("kode:internal/mime");
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  // https://xhr.spec.whatwg.org/#create-an-entry
  function createEntry(name, value, filename) {
    name = toUSVString(name);
    if (!isBlob(value)) return [name, toUSVString(value)];
    if (!isFile(value) || filename !== undefined) {
      const options = { type: value.type };
      if (isFile(value)) options.lastModified = value.lastModified;
      value = fileFromBytes(blobBytes(value), filename === undefined ? "blob" : toUSVString(filename), options.type, options.lastModified);
    }
    return [name, value];
  }

  let entriesOf;
  class FormData {
    // [name, string | File] in order.
    #entries = [];

    constructor(form = undefined, submitter = undefined) {
      void submitter;
      if (form !== undefined) {
        throw new TypeError("Failed to construct 'FormData': Kode has no HTMLFormElement; call new FormData() without arguments.");
      }
    }

    static {
      entriesOf = (self, member) => {
        if (self === null || typeof self !== "object" || !(#entries in self)) {
          throw new TypeError(`FormData.prototype.${member}: Illegal invocation`);
        }
        return self.#entries;
      };
    }

    append(name, value, filename = undefined) {
      const entries = entriesOf(this, "append");
      const context = "Failed to execute 'append' on 'FormData'";
      requireArguments(arguments.length, 2, context);
      if (arguments.length > 2 && !isBlob(value)) throw new TypeError(`${context}: parameter 2 is not of type 'Blob'.`);
      entries.push(createEntry(name, value, filename));
    }

    delete(name) {
      const entries = entriesOf(this, "delete");
      requireArguments(arguments.length, 1, "Failed to execute 'delete' on 'FormData'");
      name = toUSVString(name);
      for (let i = entries.length - 1; i >= 0; i--) if (entries[i][0] === name) entries.splice(i, 1);
    }

    get(name) {
      const entries = entriesOf(this, "get");
      requireArguments(arguments.length, 1, "Failed to execute 'get' on 'FormData'");
      name = toUSVString(name);
      return entries.find((entry) => entry[0] === name)?.[1] ?? null;
    }

    getAll(name) {
      const entries = entriesOf(this, "getAll");
      requireArguments(arguments.length, 1, "Failed to execute 'getAll' on 'FormData'");
      name = toUSVString(name);
      return entries.filter((entry) => entry[0] === name).map((entry) => entry[1]);
    }

    has(name) {
      const entries = entriesOf(this, "has");
      requireArguments(arguments.length, 1, "Failed to execute 'has' on 'FormData'");
      name = toUSVString(name);
      return entries.some((entry) => entry[0] === name);
    }

    // The first entry of that name takes the new value; the others go.
    set(name, value, filename = undefined) {
      const entries = entriesOf(this, "set");
      const context = "Failed to execute 'set' on 'FormData'";
      requireArguments(arguments.length, 2, context);
      if (arguments.length > 2 && !isBlob(value)) throw new TypeError(`${context}: parameter 2 is not of type 'Blob'.`);
      const entry = createEntry(name, value, filename);
      const index = entries.findIndex((e) => e[0] === entry[0]);
      if (index === -1) {
        entries.push(entry);
        return;
      }
      entries[index] = entry;
      for (let i = entries.length - 1; i > index; i--) if (entries[i][0] === entry[0]) entries.splice(i, 1);
    }

    forEach(callback, thisArg = undefined) {
      const entries = entriesOf(this, "forEach");
      requireArguments(arguments.length, 1, "Failed to execute 'forEach' on 'FormData'");
      if (typeof callback !== "function") throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
      for (let i = 0; i < entries.length; i++) callback.call(thisArg, entries[i][1], entries[i][0], this);
    }

    entries() {
      return new FormDataIterator(entriesOf(this, "entries"), "key+value");
    }
    keys() {
      return new FormDataIterator(entriesOf(this, "keys"), "key");
    }
    values() {
      return new FormDataIterator(entriesOf(this, "values"), "value");
    }
  }
  finishInterface(FormData, "FormData");
  Object.defineProperty(FormData.prototype, Symbol.iterator, {
    value: FormData.prototype.entries,
    writable: true,
    enumerable: false,
    configurable: true,
  });

  // A WebIDL pair iterator: it sees entries added or removed while iterating.
  const iteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  class FormDataIterator {
    #entries;
    #kind;
    #index = 0;
    constructor(entries, kind) {
      this.#entries = entries;
      this.#kind = kind;
    }
    next() {
      if (this === null || typeof this !== "object" || !(#entries in this)) {
        throw new TypeError("next method called on an object that is not a FormData Iterator");
      }
      if (this.#index >= this.#entries.length) return { value: undefined, done: true };
      const [name, value] = this.#entries[this.#index++];
      return { value: this.#kind === "key" ? name : this.#kind === "value" ? value : [name, value], done: false };
    }
  }
  Object.setPrototypeOf(FormDataIterator.prototype, iteratorPrototype);
  Object.defineProperty(FormDataIterator.prototype, "next", { enumerable: true });
  Object.defineProperty(FormDataIterator.prototype, Symbol.toStringTag, { value: "FormData Iterator", configurable: true });
  delete FormDataIterator.prototype.constructor;

  // --- multipart/form-data ------------------------------------------------------
  // https://html.spec.whatwg.org/#multipart-form-data: line breaks in names
  // and string values become CRLF; then `"`, CR and LF in names and file
  // names are percent-escaped.
  const normalizeLineBreaks = (text) => text.replace(/\r\n|\r|\n/g, "\r\n");
  const escapeName = (text) => text.replace(/\n/g, "%0A").replace(/\r/g, "%0D").replace(/"/g, "%22");

  // Returns { bytes, contentType }.
  function encodeMultipart(formData) {
    const entries = entriesOf(formData, "encode");
    const random = new Uint8Array(12);
    globalThis.crypto.getRandomValues(random);
    const boundary = `----formdata-kode-${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}`;
    const chunks = [];
    for (const [name, value] of entries) {
      let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normalizeLineBreaks(name))}"`;
      if (typeof value === "string") {
        chunks.push(encoder.encode(`${head}\r\n\r\n${normalizeLineBreaks(value)}\r\n`));
      } else {
        head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || "application/octet-stream"}\r\n\r\n`;
        chunks.push(encoder.encode(head), blobBytes(value), encoder.encode("\r\n"));
      }
    }
    chunks.push(encoder.encode(`--${boundary}--\r\n`));
    let length = 0;
    for (const chunk of chunks) length += chunk.byteLength;
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return { bytes, contentType: `multipart/form-data; boundary=${boundary}` };
  }

  const unescapeName = (text) => text.replace(/%0A/gi, "\n").replace(/%0D/gi, "\r").replace(/%22/g, '"');

  function indexOf(bytes, pattern, from) {
    const first = pattern[0];
    for (let i = bytes.indexOf(first, from); i !== -1 && i + pattern.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
      let match = true;
      for (let j = 1; j < pattern.length; j++) {
        if (bytes[i + j] !== pattern[j]) {
          match = false;
          break;
        }
      }
      if (match) return i;
    }
    return -1;
  }

  // A Content-Disposition parameter: name="value" (quoted) or name=value.
  function dispositionParameter(header, name) {
    const pattern = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i");
    const match = pattern.exec(header);
    if (match === null) return undefined;
    return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : match[2];
  }

  // RFC 7578 multipart/form-data body -> FormData; a TypeError when it does not parse.
  function parseMultipart(bytes, boundary) {
    const failure = (why) => new TypeError(`Failed to parse the body as multipart/form-data: ${why}.`);
    const delimiter = encoder.encode(`--${boundary}`);
    const formData = new FormData();
    const entries = entriesOf(formData, "parse");
    let position = indexOf(bytes, delimiter, 0);
    if (position === -1) throw failure("no boundary delimiter");
    for (;;) {
      position += delimiter.length;
      if (bytes[position] === 0x2d && bytes[position + 1] === 0x2d) return formData; // the closing "--"
      // Transport padding, then CRLF.
      while (bytes[position] === 0x20 || bytes[position] === 0x09) position++;
      if (bytes[position] !== 0x0d || bytes[position + 1] !== 0x0a) throw failure("a boundary is not followed by CRLF");
      position += 2;
      const headerEnd = indexOf(bytes, encoder.encode("\r\n\r\n"), position);
      if (headerEnd === -1) throw failure("a part has no end of headers");
      const headers = decoder.decode(bytes.subarray(position, headerEnd)).split("\r\n");
      const next = indexOf(bytes, encoder.encode(`\r\n--${boundary}`), headerEnd + 4);
      if (next === -1) throw failure("a part is not closed by a boundary");
      const body = bytes.subarray(headerEnd + 4, next);
      let disposition;
      let type = "";
      for (const line of headers) {
        const colon = line.indexOf(":");
        if (colon === -1) continue;
        const headerName = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (headerName === "content-disposition") disposition = value;
        else if (headerName === "content-type") type = value;
      }
      if (disposition === undefined || !/^form-data\b/i.test(disposition)) throw failure("a part has no Content-Disposition: form-data");
      const name = dispositionParameter(disposition, "name");
      if (name === undefined) throw failure("a part has no name");
      const filename = dispositionParameter(disposition, "filename");
      if (filename === undefined) {
        entries.push([unescapeName(name), decoder.decode(body)]);
      } else {
        const parsedType = mime.parse(type);
        const file = fileFromBytes(body.slice(), unescapeName(filename), parsedType === null ? "" : mime.serialize(parsedType), undefined);
        entries.push([unescapeName(name), file]);
      }
      position = next + 2;
    }
  }

  // application/x-www-form-urlencoded -> FormData.
  function parseUrlencoded(bytes) {
    const formData = new FormData();
    const entries = entriesOf(formData, "parse");
    for (const [name, value] of new URLSearchParams(decoder.decode(bytes))) entries.push([name, value]);
    return formData;
  }

  return { FormData, internals: { encodeMultipart, parseMultipart, parseUrlencoded, File } };
})

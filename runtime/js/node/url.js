// url.js: node:url. URL and URLSearchParams are Kode's globals (the WHATWG
// classes); the file-URL helpers and the legacy API (url.parse/format/
// resolve and the Url object) follow Node's rules, including its lenient
// host splitting, backslash handling and auto-escaping.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, argTypeError, invalidArgValue } = support;
  const querystring = support.builtin("node:querystring");
  const path = support.builtin("node:path");

  const invalidUrl = (input) => {
    const error = nodeError(TypeError, "ERR_INVALID_URL", "Invalid URL");
    error.input = input;
    return error;
  };
  const validateString = (value, name) => {
    if (typeof value !== "string") throw argTypeError(name, "string", value);
  };

  // --- domains ---------------------------------------------------------------
  // RFC 3492 punycode decoding of one label (without its "xn--").
  function punycodeDecode(input) {
    const base = 36;
    const output = [];
    let basic = input.lastIndexOf("-");
    if (basic < 0) basic = 0;
    for (let j = 0; j < basic; j++) output.push(input.charCodeAt(j));
    let n = 128;
    let bias = 72;
    let i = 0;
    for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
      const oldi = i;
      for (let w = 1, k = base; ; k += base) {
        if (index >= input.length) return null;
        const c = input.charCodeAt(index++);
        const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base;
        if (digit >= base) return null;
        i += digit * w;
        const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
        if (digit < t) break;
        w *= base - t;
      }
      const length = output.length + 1;
      // Bias adaptation (RFC 3492 section 6.1).
      let delta = oldi === 0 ? Math.floor((i - oldi) / 700) : (i - oldi) >> 1;
      delta += Math.floor(delta / length);
      let k = 0;
      for (; delta > 455; k += base) delta = Math.floor(delta / 35);
      bias = Math.floor(k + (36 * delta) / (delta + 38));
      n += Math.floor(i / length);
      i %= length;
      output.splice(i++, 0, n);
    }
    return String.fromCodePoint(...output);
  }

  // WHATWG host parsing through Kode's URL: "" when the domain is no valid host.
  function domainToASCII(domain) {
    if (arguments.length < 1) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "domain" argument must be specified');
    domain = `${domain}`;
    if (domain === "") return "";
    const sentinel = "kode-sentinel.invalid";
    const url = new URL(`ws://${sentinel}`);
    url.hostname = domain;
    if (url.hostname === sentinel && domain.toLowerCase() !== sentinel) return "";
    return url.hostname;
  }

  function domainToUnicode(domain) {
    if (arguments.length < 1) throw nodeError(TypeError, "ERR_MISSING_ARGS", 'The "domain" argument must be specified');
    const ascii = domainToASCII(domain);
    if (ascii === "") return "";
    return ascii.split(".").map((label) => {
      if (!label.startsWith("xn--")) return label;
      return punycodeDecode(label.slice(4)) ?? label;
    }).join(".");
  }

  // What url.parse does with a hostname: lowercase ASCII stays; anything
  // else goes through IDNA, "" when that fails.
  function toASCII(hostname) {
    if (/^[\x00-\x7f]*$/.test(hostname)) return hostname;
    try {
      return new URL(`http://${hostname}/`).hostname;
    } catch {
      return "";
    }
  }

  // --- file URLs ---------------------------------------------------------------
  // Node's duck-typed URL check (its own URL, or a look-alike without legacy fields).
  const isURL = (value) => Boolean(value?.href && value.protocol && value.auth === undefined && value.path === undefined);

  function fileURLToPath(input, options = {}) {
    const windows = options?.windows;
    let url = input;
    if (typeof url === "string") url = new URL(url);
    else if (!isURL(url)) throw argTypeError("path", ["string", "URL"], url);
    if (url.protocol !== "file:") throw nodeError(TypeError, "ERR_INVALID_URL_SCHEME", "The URL must be of scheme file");
    return windows ? windowsPathFromURL(url) : posixPathFromURL(url);
  }

  const encodedSlash = (pathname, n) => pathname[n + 1] === "2" && (pathname.codePointAt(n + 2) | 0x20) === 102;
  const encodedBackslash = (pathname, n) => pathname[n + 1] === "5" && (pathname.codePointAt(n + 2) | 0x20) === 99;

  function posixPathFromURL(url) {
    if (url.hostname !== "") {
      throw nodeError(TypeError, "ERR_INVALID_FILE_URL_HOST", `File URL host must be "localhost" or empty on ${platform()}`);
    }
    const pathname = url.pathname;
    for (let n = 0; n < pathname.length; n++) {
      if (pathname[n] === "%" && encodedSlash(pathname, n)) {
        throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded / characters");
      }
    }
    return decodeURIComponent(pathname);
  }

  function windowsPathFromURL(url) {
    let pathname = url.pathname;
    for (let n = 0; n < pathname.length; n++) {
      if (pathname[n] === "%" && (encodedSlash(pathname, n) || encodedBackslash(pathname, n))) {
        throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must not include encoded \\ or / characters");
      }
    }
    pathname = decodeURIComponent(pathname.replaceAll("/", "\\"));
    if (url.hostname !== "") return `\\\\${domainToUnicode(url.hostname)}${pathname}`;
    const letter = pathname.codePointAt(1) | 0x20;
    if (letter < 97 || letter > 122 || pathname[2] !== ":") {
      throw nodeError(TypeError, "ERR_INVALID_FILE_URL_PATH", "File URL path must be absolute");
    }
    return pathname.slice(1);
  }

  const platform = () => {
    const name = ops.node_os_info()[0].toLowerCase();
    return name === "sunos" ? "sunos" : name;
  };

  // Characters a path keeps literally but a URL would read otherwise.
  function encodePathChars(filepath, windows) {
    const replacements = [["%", "%25"], ["\t", "%09"], ["\n", "%0A"], ["\r", "%0D"], [" ", "%20"], ['"', "%22"],
      ["#", "%23"], ["?", "%3F"], ["[", "%5B"], ["\\", "%5C"], ["]", "%5D"], ["^", "%5E"], ["|", "%7C"], ["~", "%7E"]];
    for (const [char, escape] of replacements) {
      if (char === "\\" && windows) continue;
      if (filepath.includes(char)) filepath = filepath.replaceAll(char, escape);
    }
    return filepath;
  }

  function pathToFileURL(filepath, options = {}) {
    validateString(filepath, "path");
    const windows = options?.windows ?? false;
    if (windows && filepath.startsWith("\\\\")) {
      const url = new URL("file://");
      const prefix = filepath.startsWith("\\\\?\\UNC\\") ? 8 : 2;
      const hostEnd = filepath.indexOf("\\", prefix);
      if (hostEnd === -1) throw invalidArgValue("path", filepath, "Missing UNC resource path");
      if (hostEnd === 2) throw invalidArgValue("path", filepath, "Empty UNC servername");
      url.hostname = domainToASCII(filepath.slice(prefix, hostEnd));
      url.pathname = encodePathChars(filepath.slice(hostEnd).replaceAll("\\", "/"), true);
      return url;
    }
    let resolved = windows ? path.win32.resolve(filepath) : path.posix.resolve(filepath);
    // resolve drops a trailing slash; a directory URL keeps it.
    const last = filepath.charCodeAt(filepath.length - 1);
    if ((last === 47 || (windows && last === 92)) && resolved[resolved.length - 1] !== path.sep) resolved += "/";
    return new URL(`file://${encodePathChars(resolved, windows)}`);
  }

  function urlToHttpOptions(url) {
    const { hostname, pathname, port, username, password, search } = url;
    const options = {
      __proto__: null,
      ...url,
      protocol: url.protocol,
      hostname: hostname && hostname[0] === "[" ? hostname.slice(1, -1) : hostname,
      hash: url.hash,
      search,
      pathname,
      path: `${pathname || ""}${search || ""}`,
      href: url.href,
    };
    if (port !== "") options.port = Number(port);
    if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
    return options;
  }

  // --- the legacy API --------------------------------------------------------------
  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }

  const protocolPattern = /^[a-z0-9.+-]+:/i;
  const portPattern = /:[0-9]*$/;
  const hostPattern = /^\/\/[^@/]+@[^@/]+/;
  // A plain path (with an optional query): no scheme, host or fragment.
  const simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
  const hostnameMaxLen = 255;
  const hostlessProtocol = new Set(["javascript", "javascript:"]);
  const unsafeProtocol = new Set(["javascript", "javascript:"]);
  const slashedProtocol = new Set(["http", "http:", "https", "https:", "ftp", "ftp:", "gopher", "gopher:",
    "file", "file:", "ws", "ws:", "wss", "wss:"]);
  // Host characters that could make the result mean another host.
  const forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
  const forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;
  const isIpv6Hostname = (hostname) => hostname.charCodeAt(0) === 91 && hostname.charCodeAt(hostname.length - 1) === 93;

  function urlParse(url, parseQueryString, slashesDenoteHost) {
    if (url instanceof Url) return url;
    const result = new Url();
    result.parse(url, parseQueryString, slashesDenoteHost);
    return result;
  }

  // Trims whitespace (code points below 33, U+00A0, U+FEFF) and turns
  // backslashes before the first "?" or "#" into slashes.
  function prepare(url) {
    let hasHash = false;
    let hasAt = false;
    let start = -1;
    let end = -1;
    let rest = "";
    let lastPos = 0;
    for (let i = 0, inWs = false, split = false; i < url.length; ++i) {
      const code = url.charCodeAt(i);
      const isWs = code < 33 || code === 0xa0 || code === 0xfeff;
      if (start === -1) {
        if (isWs) continue;
        lastPos = start = i;
      } else if (inWs) {
        if (!isWs) {
          end = -1;
          inWs = false;
        }
      } else if (isWs) {
        end = i;
        inWs = true;
      }
      if (!split) {
        if (code === 64) hasAt = true;
        else if (code === 35 || code === 63) {
          if (code === 35) hasHash = true;
          split = true;
        } else if (code === 92) {
          if (i - lastPos > 0) rest += url.slice(lastPos, i);
          rest += "/";
          lastPos = i + 1;
        }
      } else if (!hasHash && code === 35) {
        hasHash = true;
      }
    }
    if (start !== -1) {
      if (lastPos === start) rest = end === -1 ? url.slice(start) : url.slice(start, end);
      else if (end === -1 && lastPos < url.length) rest += url.slice(lastPos);
      else if (end !== -1 && lastPos < end) rest += url.slice(lastPos, end);
    }
    return { rest, hasHash, hasAt };
  }

  Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
    validateString(url, "url");
    let { rest, hasHash, hasAt } = prepare(url);

    if (!slashesDenoteHost && !hasHash && !hasAt) {
      const simple = simplePathPattern.exec(rest);
      if (simple) {
        this.path = rest;
        this.href = rest;
        this.pathname = simple[1];
        if (simple[2]) {
          this.search = simple[2];
          this.query = parseQueryString ? querystring.parse(this.search.slice(1)) : this.search.slice(1);
        } else if (parseQueryString) {
          this.search = null;
          this.query = { __proto__: null };
        }
        return this;
      }
    }

    let proto = protocolPattern.exec(rest);
    let lowerProto;
    if (proto) {
      proto = proto[0];
      lowerProto = proto.toLowerCase();
      this.protocol = lowerProto;
      rest = rest.slice(proto.length);
    }

    // "//host" and "user@host" mean a host; so does any scheme's "//".
    let slashes;
    if (slashesDenoteHost || proto || hostPattern.test(rest)) {
      slashes = rest.charCodeAt(0) === 47 && rest.charCodeAt(1) === 47;
      if (slashes && !(proto && hostlessProtocol.has(lowerProto))) {
        rest = rest.slice(2);
        this.slashes = true;
      }
    }

    if (!hostlessProtocol.has(lowerProto) && (slashes || (proto && !slashedProtocol.has(proto)))) {
      rest = this.parseAuthority(rest, url);
    }

    if (!unsafeProtocol.has(lowerProto)) rest = autoEscapeStr(rest);

    let questionIdx = -1;
    let hashIdx = -1;
    for (let i = 0; i < rest.length; ++i) {
      const code = rest.charCodeAt(i);
      if (code === 35) {
        this.hash = rest.slice(i);
        hashIdx = i;
        break;
      } else if (code === 63 && questionIdx === -1) {
        questionIdx = i;
      }
    }
    if (questionIdx !== -1) {
      const end = hashIdx === -1 ? rest.length : hashIdx;
      this.search = rest.slice(questionIdx, end);
      this.query = rest.slice(questionIdx + 1, end);
      if (parseQueryString) this.query = querystring.parse(this.query);
    } else if (parseQueryString) {
      this.search = null;
      this.query = { __proto__: null };
    }

    const firstIdx = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx) ? questionIdx : hashIdx;
    if (firstIdx === -1) {
      if (rest.length > 0) this.pathname = rest;
    } else if (firstIdx > 0) {
      this.pathname = rest.slice(0, firstIdx);
    }
    if (slashedProtocol.has(lowerProto) && this.hostname && !this.pathname) this.pathname = "/";
    if (this.pathname || this.search) this.path = (this.pathname || "") + (this.search || "");
    this.href = this.format();
    return this;
  };

  // Splits "auth@host:port" off `rest` into this Url; returns what follows.
  // The last "@" before a host-ending character ends the auth part; RFC
  // 2396's never-in-a-host characters end the host.
  Object.defineProperty(Url.prototype, "parseAuthority", {
    value(rest, url) {
      let hostEnd = -1;
      let atSign = -1;
      let nonHost = -1;
      for (let i = 0; i < rest.length; ++i) {
        const code = rest.charCodeAt(i);
        if (code === 9 || code === 10 || code === 13) {
          // Tabs and newlines are dropped, as WHATWG URL does.
          rest = rest.slice(0, i) + rest.slice(i + 1);
          i -= 1;
        } else if (' "%\';<>\\^`{|}'.includes(rest[i])) {
          if (nonHost === -1) nonHost = i;
        } else if (code === 35 || code === 47 || code === 63) {
          if (nonHost === -1) nonHost = i;
          hostEnd = i;
        } else if (code === 64) {
          atSign = i;
          nonHost = -1;
        }
        if (hostEnd !== -1) break;
      }
      let start = 0;
      if (atSign !== -1) {
        this.auth = decodeURIComponent(rest.slice(0, atSign));
        start = atSign + 1;
      }
      if (nonHost === -1) {
        this.host = rest.slice(start);
        rest = "";
      } else {
        this.host = rest.slice(start, nonHost);
        rest = rest.slice(nonHost);
      }
      this.parseHost();
      if (typeof this.hostname !== "string") this.hostname = "";
      const hostname = this.hostname;
      const ipv6 = isIpv6Hostname(hostname);
      if (!ipv6) rest = splitHostname(this, rest, hostname, url);
      this.hostname = this.hostname.length > hostnameMaxLen ? "" : this.hostname.toLowerCase();
      if (this.hostname !== "") {
        if (ipv6) {
          if (forbiddenHostCharsIpv6.test(this.hostname)) throw invalidUrl(url);
        } else {
          this.hostname = toASCII(this.hostname);
          // IDNA that empties the name or brings in a delimiter is refused.
          if (this.hostname === "" || forbiddenHostChars.test(this.hostname)) throw invalidUrl(url);
        }
      }
      this.host = (this.hostname || "") + (this.port ? `:${this.port}` : "");
      if (ipv6) {
        this.hostname = this.hostname.slice(1, -1);
        if (rest[0] !== "/") rest = `/${rest}`;
      }
      return rest;
    },
    writable: true,
    configurable: true,
  });

  // A "/", "\", "#", "?" or ":" inside the hostname moves the rest of it into the path.
  let warnInvalidPort = true;
  function splitHostname(self, rest, hostname, url) {
    for (let i = 0; i < hostname.length; ++i) {
      const code = hostname.charCodeAt(i);
      if (code === 47 || code === 92 || code === 35 || code === 63 || code === 58) {
        if (warnInvalidPort && code === 58) {
          support.emitWarning(`The URL ${url} is invalid. Future versions of Node.js will throw an error.`,
            "DeprecationWarning", "DEP0170");
          warnInvalidPort = false;
        }
        self.hostname = hostname.slice(0, i);
        return `/${hostname.slice(i)}${rest}`;
      }
    }
    return rest;
  }

  // RFC 2396 delimiters and unwise characters, and the single quote.
  const autoEscapes = { "\t": "%09", "\n": "%0A", "\r": "%0D", " ": "%20", '"': "%22", "'": "%27", "<": "%3C",
    ">": "%3E", "\\": "%5C", "^": "%5E", "`": "%60", "{": "%7B", "|": "%7C", "}": "%7D" };
  function autoEscapeStr(rest) {
    return /[\t\n\r "'<>\\^`{|}]/.test(rest) ? rest.replace(/[\t\n\r "'<>\\^`{|}]/g, (c) => autoEscapes[c]) : rest;
  }

  Url.prototype.parseHost = function parseHost() {
    let host = this.host;
    let port = portPattern.exec(host);
    if (port) {
      port = port[0];
      if (port !== ":") this.port = port.slice(1);
      host = host.slice(0, host.length - port.length);
    }
    if (host) this.hostname = host;
  };

  // Auth is escaped as querystring.escape does, but keeps ":".
  const escape = querystring.escape;
  const encodeAuth = (auth) => escape(auth).replace(/%3A/g, ":");

  Url.prototype.format = function format() {
    let auth = this.auth || "";
    if (auth) auth = `${encodeAuth(auth)}@`;
    let protocol = this.protocol || "";
    let pathname = this.pathname || "";
    let hash = this.hash || "";
    let host = "";
    let query = "";
    if (this.host) {
      host = auth + this.host;
    } else if (this.hostname) {
      host = auth + (this.hostname.includes(":") && !isIpv6Hostname(this.hostname) ? `[${this.hostname}]` : this.hostname);
      if (this.port) host += `:${this.port}`;
    }
    if (this.query !== null && typeof this.query === "object") query = querystring.stringify(this.query);
    let search = this.search || (query && `?${query}`) || "";
    if (protocol && protocol.charCodeAt(protocol.length - 1) !== 58) protocol += ":";
    if (pathname.includes("#") || pathname.includes("?")) pathname = pathname.replace(/[#?]/g, (c) => (c === "#" ? "%23" : "%3F"));
    // Only the slashed protocols get "//" (mailto: does not), unless the URL had it.
    if (this.slashes || slashedProtocol.has(protocol)) {
      if (this.slashes || host) {
        if (pathname && pathname.charCodeAt(0) !== 47) pathname = `/${pathname}`;
        host = `//${host}`;
      } else if (protocol.length >= 4 && protocol.startsWith("file")) {
        host = "//";
      }
    }
    search = search.replace(/#/g, "%23");
    if (hash && hash.charCodeAt(0) !== 35) hash = `#${hash}`;
    if (search && search.charCodeAt(0) !== 63) search = `?${search}`;
    return protocol + host + pathname + search + hash;
  };

  function urlFormat(urlObject, options) {
    if (typeof urlObject === "string") {
      urlObject = urlParse(urlObject);
    } else if (typeof urlObject !== "object" || urlObject === null) {
      throw argTypeError("urlObject", ["Object", "string"], urlObject);
    } else if (urlObject instanceof URL) {
      return formatWhatwg(urlObject, options);
    }
    return Url.prototype.format.call(urlObject);
  }

  // url.format(URL, { auth, fragment, search, unicode }).
  function formatWhatwg(source, options) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
      if (options === null || typeof options !== "object" || Array.isArray(options)) throw argTypeError("options", "Object", options);
      if (options.fragment != null) fragment = Boolean(options.fragment);
      if (options.unicode != null) unicode = Boolean(options.unicode);
      if (options.search != null) search = Boolean(options.search);
      if (options.auth != null) auth = Boolean(options.auth);
    }
    const url = new URL(source.href);
    if (!fragment) url.hash = "";
    if (!search) url.search = "";
    if (!auth) {
      url.username = "";
      url.password = "";
    }
    let href = url.href;
    if (unicode && url.host !== "") {
      const hostStart = href.indexOf("//") + 2;
      const at = href.lastIndexOf("@", href.indexOf(url.host, hostStart) - 1);
      const from = at >= hostStart ? at + 1 : hostStart;
      href = href.slice(0, from) + domainToUnicode(url.hostname) + href.slice(from + url.hostname.length);
    }
    return href;
  }

  function urlResolve(source, relative) {
    return urlParse(source, false, true).resolve(relative);
  }

  Url.prototype.resolve = function resolve(relative) {
    return this.resolveObject(urlParse(relative, false, true)).format();
  };

  function urlResolveObject(source, relative) {
    if (!source) return relative;
    return urlParse(source, false, true).resolveObject(relative);
  }

  const setPath = (result) => {
    if (result.pathname || result.search) result.path = (result.pathname || "") + (result.search || "");
  };

  // Node's RFC 1808-style resolution, quirks included (a non-slashed
  // scheme's first path segment stands for its host).
  Url.prototype.resolveObject = function resolveObject(relative) {
    if (typeof relative === "string") {
      const parsed = new Url();
      parsed.parse(relative, false, true);
      relative = parsed;
    }
    const result = new Url();
    Object.assign(result, this);
    result.hash = relative.hash;
    if (relative.href === "") {
      result.href = result.format();
      return result;
    }
    // "//host/path" keeps only the protocol.
    if (relative.slashes && !relative.protocol) {
      for (const key of Object.keys(relative)) {
        if (key !== "protocol") result[key] = relative[key];
      }
      if (slashedProtocol.has(result.protocol) && result.hostname && !result.pathname) result.path = result.pathname = "/";
      result.href = result.format();
      return result;
    }
    if (relative.protocol && relative.protocol !== result.protocol) {
      if (!slashedProtocol.has(relative.protocol)) {
        Object.assign(result, relative);
        result.href = result.format();
        return result;
      }
      result.protocol = relative.protocol;
      if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocol.has(relative.protocol)) {
        const relPath = (relative.pathname || "").split("/");
        while (relPath.length && !(relative.host = relPath.shift()));
        if (!relative.host) relative.host = "";
        if (!relative.hostname) relative.hostname = "";
        if (relPath[0] !== "") relPath.unshift("");
        if (relPath.length < 2) relPath.unshift("");
        result.pathname = relPath.join("/");
      } else {
        result.pathname = relative.pathname;
      }
      result.search = relative.search;
      result.query = relative.query;
      result.host = relative.host || "";
      result.auth = relative.auth;
      result.hostname = relative.hostname || relative.host;
      result.port = relative.port;
      setPath(result);
      result.slashes = result.slashes || relative.slashes;
      result.href = result.format();
      return result;
    }

    const isSourceAbs = result.pathname && result.pathname.charAt(0) === "/";
    const isRelAbs = relative.host || (relative.pathname && relative.pathname.charAt(0) === "/");
    let mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
    const removeAllDots = mustEndAbs;
    let srcPath = (result.pathname && result.pathname.split("/")) || [];
    const relPath = (relative.pathname && relative.pathname.split("/")) || [];
    const noLeadingSlashes = result.protocol && !slashedProtocol.has(result.protocol);

    if (noLeadingSlashes) {
      result.hostname = "";
      result.port = null;
      if (result.host) {
        if (srcPath[0] === "") srcPath[0] = result.host;
        else srcPath.unshift(result.host);
      }
      result.host = "";
      if (relative.protocol) {
        relative.hostname = null;
        relative.port = null;
        result.auth = null;
        if (relative.host) {
          if (relPath[0] === "") relPath[0] = relative.host;
          else relPath.unshift(relative.host);
        }
        relative.host = null;
      }
      mustEndAbs = mustEndAbs && (relPath[0] === "" || srcPath[0] === "");
    }

    const splitAuth = () => {
      const parts = result.host && result.host.indexOf("@") > 0 ? result.host.split("@") : false;
      if (parts) {
        result.auth = parts.shift();
        result.host = result.hostname = parts.shift();
      }
    };

    if (isRelAbs) {
      if (relative.host || relative.host === "") {
        if (result.host !== relative.host) result.auth = null;
        result.host = relative.host;
        result.port = relative.port;
      }
      if (relative.hostname || relative.hostname === "") {
        if (result.hostname !== relative.hostname) result.auth = null;
        result.hostname = relative.hostname;
      }
      result.search = relative.search;
      result.query = relative.query;
      srcPath = relPath;
    } else if (relPath.length) {
      srcPath.pop();
      srcPath = srcPath.concat(relPath);
      result.search = relative.search;
      result.query = relative.query;
    } else if (relative.search !== null && relative.search !== undefined) {
      // Only a new query ("?foo").
      if (noLeadingSlashes) {
        result.hostname = result.host = srcPath.shift();
        splitAuth();
      }
      result.search = relative.search;
      result.query = relative.query;
      if (result.pathname !== null || result.search !== null) {
        result.path = (result.pathname ? result.pathname : "") + (result.search ? result.search : "");
      }
      result.href = result.format();
      return result;
    }

    if (!srcPath.length) {
      result.pathname = null;
      result.path = result.search ? `/${result.search}` : null;
      result.href = result.format();
      return result;
    }

    // A path ending in "." or ".." (or nothing) keeps a trailing slash.
    let last = srcPath.slice(-1)[0];
    const hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) && (last === "." || last === "..")) ||
      last === "";
    let up = 0;
    for (let i = srcPath.length - 1; i >= 0; i--) {
      last = srcPath[i];
      if (last === ".") {
        srcPath.splice(i, 1);
      } else if (last === "..") {
        srcPath.splice(i, 1);
        up++;
      } else if (up) {
        srcPath.splice(i, 1);
        up--;
      }
    }
    if (!mustEndAbs && !removeAllDots) {
      while (up--) srcPath.unshift("..");
    }
    if (mustEndAbs && srcPath[0] !== "" && (!srcPath[0] || srcPath[0].charAt(0) !== "/")) srcPath.unshift("");
    if (hasTrailingSlash && srcPath.join("/").slice(-1) !== "/") srcPath.push("");
    const isAbsolute = srcPath[0] === "" || (srcPath[0] && srcPath[0].charAt(0) === "/");
    if (noLeadingSlashes) {
      result.hostname = result.host = isAbsolute ? "" : srcPath.length ? srcPath.shift() : "";
      splitAuth();
    }
    mustEndAbs = mustEndAbs || (result.host && srcPath.length);
    if (mustEndAbs && !isAbsolute) srcPath.unshift("");
    if (!srcPath.length) {
      result.pathname = null;
      result.path = null;
    } else {
      result.pathname = srcPath.join("/");
    }
    if (result.pathname !== null || result.search !== null) {
      result.path = (result.pathname ? result.pathname : "") + (result.search ? result.search : "");
    }
    result.auth = relative.auth || result.auth;
    result.slashes = result.slashes || relative.slashes;
    result.href = result.format();
    return result;
  };

  const exports = {
    Url,
    parse: urlParse,
    resolve: urlResolve,
    resolveObject: urlResolveObject,
    format: urlFormat,
    domainToASCII,
    domainToUnicode,
    pathToFileURL,
    fileURLToPath,
    urlToHttpOptions,
  };
  // The WHATWG classes are Kode's globals (loaded on first touch).
  for (const name of ["URL", "URLSearchParams"]) {
    Object.defineProperty(exports, name, { value: globalThis[name], writable: true, enumerable: true, configurable: true });
  }
  return exports;
})

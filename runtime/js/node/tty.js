// tty.js: node:tty. isatty for any descriptor; WriteStream over
// descriptors 1 and 2 (a node:stream Writable, where Node's is a
// net.Socket), ReadStream over descriptor 0, with Node's terminal
// queries (size, color depth from the environment) and cursor helpers.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { argTypeError, outOfRange, nodeError } = support;

  function isatty(fd) {
    return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && ops.node_tty_info(fd) !== undefined;
  }

  // process.env when node:process is there (a program may change it), else Kode's.
  function defaultEnv() {
    try {
      return support.builtin("node:process").env;
    } catch {
      return internal.Kode.env.toObject();
    }
  }

  const COLORS_2 = 1;
  const COLORS_16 = 4;
  const COLORS_256 = 8;
  const COLORS_16m = 24;
  const termColors = {
    eterm: COLORS_16, cons25: COLORS_16, console: COLORS_16, cygwin: COLORS_16, dtterm: COLORS_16, gnome: COLORS_16,
    hurd: COLORS_16, jfbterm: COLORS_16, konsole: COLORS_16, kterm: COLORS_16, mlterm: COLORS_16, mosh: COLORS_16m,
    putty: COLORS_16, st: COLORS_16, "rxvt-unicode-24bit": COLORS_16m, terminator: COLORS_16m,
  };
  const sixteenColorTerms = [/ansi/, /color/, /linux/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/];

  let forceWarned = false;
  // Node's rules: FORCE_COLOR, then the switches that turn colors off, then
  // what CI systems and terminal programs are known to support.
  function getColorDepth(env = defaultEnv()) {
    if (env.FORCE_COLOR !== undefined) {
      const depth = { "": COLORS_16, 1: COLORS_16, true: COLORS_16, 2: COLORS_256, 3: COLORS_16m }[env.FORCE_COLOR];
      if (depth === undefined) return COLORS_2;
      const ignored = [env.NODE_DISABLE_COLORS !== undefined && "NODE_DISABLE_COLORS", env.NO_COLOR !== undefined && "NO_COLOR"].filter(Boolean);
      if (ignored.length > 0 && !forceWarned) {
        forceWarned = true;
        support.emitWarning(`The '${ignored.join("' and '")}' env is ignored due to the 'FORCE_COLOR' env being set.`, "Warning");
      }
      return depth;
    }
    if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === "dumb") return COLORS_2;
    if (env.TMUX) return COLORS_256;
    if (env.CI) {
      const known = ["APPVEYOR", "BUILDKITE", "CIRCLECI", "DRONE", "GITHUB_ACTIONS", "GITLAB_CI", "TRAVIS"].some((sign) => sign in env);
      return known || env.CI_NAME === "codeship" ? COLORS_256 : COLORS_2;
    }
    if ("TEAMCITY_VERSION" in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
    switch (env.TERM_PROGRAM) {
      case "iTerm.app":
        return !env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION) ? COLORS_256 : COLORS_16m;
      case "HyperTerm":
      case "MacTerm":
        return COLORS_16m;
      case "Apple_Terminal":
        return COLORS_256;
    }
    if (env.COLORTERM === "truecolor" || env.COLORTERM === "24bit") return COLORS_16m;
    if (env.TERM) {
      if (/^xterm-256/.test(env.TERM)) return COLORS_256;
      const term = env.TERM.toLowerCase();
      if (termColors[term]) return termColors[term];
      if (sixteenColorTerms.some((pattern) => pattern.test(term))) return COLORS_16;
    }
    if (env.COLORTERM) return COLORS_16;
    return COLORS_2;
  }

  function hasColors(count, env) {
    if (env === undefined && (count === undefined || (typeof count === "object" && count !== null))) {
      env = count;
      count = 16;
    } else {
      if (typeof count !== "number") throw argTypeError("count", "number", count);
      if (!Number.isInteger(count)) throw outOfRange("count", "an integer", count);
      if (count < 2 || count > Number.MAX_SAFE_INTEGER) throw outOfRange("count", `>= 2 && <= ${Number.MAX_SAFE_INTEGER}`, count);
    }
    return count <= 2 ** getColorDepth(env);
  }

  const ttyInitFailed = () => support.systemError("ERR_TTY_INIT_FAILED", "TTY initialization failed", "uv_tty_init", -22);

  function checkFd(fd) {
    if (fd >> 0 !== fd || fd < 0) throw nodeError(RangeError, "ERR_INVALID_FD", `"fd" must be a positive integer: ${fd}`);
  }

  let WriteStreamClass;
  function writeStreamClass() {
    if (WriteStreamClass !== undefined) return WriteStreamClass;
    const { Writable } = support.builtin("node:stream");
    const readline = () => support.builtin("node:readline");
    class WriteStream extends Writable {
      constructor(fd) {
        checkFd(fd);
        if (!isatty(fd)) throw ttyInitFailed();
        // Kode writes only its own standard output and error.
        if (fd !== 1 && fd !== 2) throw support.unsupported(`tty.WriteStream(${fd})`);
        super({ decodeStrings: false, write: support.stdioWrite(fd) });
        this.fd = fd;
        this._type = "tty";
        this.isTTY = true;
        const size = ops.node_tty_info(fd);
        this.columns = size?.[0] || undefined;
        this.rows = size?.[1] || undefined;
      }
      // Node refreshes the size on SIGWINCH; Kode reads it when asked.
      _refreshSize() {
        const [columns, rows] = this.getWindowSize();
        if (this.columns !== columns || this.rows !== rows) {
          this.columns = columns;
          this.rows = rows;
          this.emit("resize");
        }
      }
      getWindowSize() {
        const size = ops.node_tty_info(this.fd);
        return size ? [size[0], size[1]] : [this.columns, this.rows];
      }
      getColorDepth(env) {
        return getColorDepth(env);
      }
      hasColors(count, env) {
        return hasColors(count, env);
      }
      cursorTo(x, y, callback) {
        return readline().cursorTo(this, x, y, callback);
      }
      moveCursor(dx, dy, callback) {
        return readline().moveCursor(this, dx, dy, callback);
      }
      clearLine(dir, callback) {
        return readline().clearLine(this, dir, callback);
      }
      clearScreenDown(callback) {
        return readline().clearScreenDown(this, callback);
      }
    }
    WriteStream.prototype.isTTY = true;
    return (WriteStreamClass = WriteStream);
  }

  let ReadStreamClass;
  function readStreamClass() {
    if (ReadStreamClass !== undefined) return ReadStreamClass;
    const { Readable } = support.builtin("node:stream");
    class ReadStream extends Readable {
      constructor(fd, options) {
        checkFd(fd);
        if (!isatty(fd)) throw ttyInitFailed();
        if (fd !== 0) throw support.unsupported(`tty.ReadStream(${fd})`);
        super({ ...options, highWaterMark: 0 });
        this.fd = fd;
        this.isRaw = false;
        this.isTTY = true;
        this._reader = undefined;
      }
      _read() {
        this._reader ??= internal.Kode.stdin.getReader();
        this._reader.read().then(({ done, value }) => {
          this.push(done ? null : support.builtin("node:buffer").Buffer.from(value.buffer, value.byteOffset, value.byteLength));
        }, (error) => this.destroy(error));
      }
      _destroy(error, callback) {
        this._reader?.releaseLock();
        callback(error);
      }
    }
    ReadStream.prototype.setRawMode = support.unsupportedFunction("tty.ReadStream.setRawMode");
    ReadStream.prototype.isTTY = true;
    return (ReadStreamClass = ReadStream);
  }

  // The classes are made on first use: node:stream loads only then.
  const tty = { isatty };
  for (const [name, make] of [["ReadStream", readStreamClass], ["WriteStream", writeStreamClass]]) {
    let value;
    Object.defineProperty(tty, name, {
      get: () => (value ??= make()),
      set(v) {
        value = v;
      },
      enumerable: true,
      configurable: true,
    });
  }
  return tty;
})

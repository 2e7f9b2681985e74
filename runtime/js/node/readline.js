// readline.js: node:readline, Node's line reader over a readable stream.
// Kode has no raw terminal mode, so the terminal's own line discipline
// edits and echoes what is typed: an interface with `terminal: true` reads
// whole lines as a non-terminal one does, writes its prompt, and keeps a
// history; key-by-key line editing (_ttyWrite and friends) is not there.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, nextTick, AbortError, unsupportedFunction } = support;
  const EventEmitter = support.builtin("node:events");
  const { StringDecoder } = support.builtin("node:string_decoder");

  const kHistorySize = 30;
  const kMincrlfDelay = 100;
  const ESCAPE_CODE_TIMEOUT = 500;
  // \r\n, \n, or a lone \r: each ends a line.
  const lineEnding = /\r?\n|\r(?!\n)/g;

  const kDecoder = Symbol("_decoder");
  const kLine_buffer = Symbol("_line_buffer");
  const kOldPrompt = Symbol("_oldPrompt");
  const kPrompt = Symbol("_prompt");
  const kQuestionCallback = Symbol("_questionCallback");
  const kSawReturnAt = Symbol("_sawReturnAt");
  const kSawKeyPress = Symbol("_sawKeyPress");
  const kPreviousKey = Symbol("_previousKey");
  const kPaused = Symbol("kPaused");
  const kQuestion = Symbol("kQuestion");
  const kQuestionCancel = Symbol("kQuestionCancel");
  const kOnLine = Symbol("_onLine");
  const kNormalWrite = Symbol("_normalWrite");
  const kWriteToOutput = Symbol("_writeToOutput");
  const kAddHistory = Symbol("_addHistory");
  const kLineIterator = Symbol("kLineIterator");

  const useAfterClose = () => nodeError(Error, "ERR_USE_AFTER_CLOSE", "readline was closed");

  function invalidArgValue(name, value, RangeClass = TypeError) {
    return nodeError(RangeClass, "ERR_INVALID_ARG_VALUE",
      `The ${name.includes(".") ? "property" : "argument"} '${name}' is invalid. Received ${support.inspect(value)}`);
  }

  function checkAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
      throw invalidArgType(name, "an instance of AbortSignal", signal);
    }
  }

  // The shared constructor of readline.Interface and
  // readline/promises.Interface (Node's InterfaceConstructor).
  function InterfaceConstructor(input, output, completer, terminal) {
    this[kSawReturnAt] = 0;
    this.isCompletionEnabled = true;
    this[kSawKeyPress] = false;
    this[kPreviousKey] = null;
    this.escapeCodeTimeout = ESCAPE_CODE_TIMEOUT;
    this.tabSize = 8;
    Reflect.apply(EventEmitter, this, []);

    let history;
    let historySize;
    let removeHistoryDuplicates = false;
    let crlfDelay;
    let prompt = "> ";
    let signal;
    if (input?.input) {
      // An options object.
      output = input.output;
      completer = input.completer;
      terminal = input.terminal;
      history = input.history;
      historySize = input.historySize;
      signal = input.signal;
      if (input.tabSize !== undefined) {
        if (!Number.isInteger(input.tabSize) || input.tabSize < 1 || input.tabSize > 4294967295) {
          throw nodeError(RangeError, "ERR_OUT_OF_RANGE",
            `The value of "tabSize" is out of range. It must be >= 1 && <= 4294967295. Received ${support.inspect(input.tabSize)}`);
        }
        this.tabSize = input.tabSize;
      }
      removeHistoryDuplicates = input.removeHistoryDuplicates;
      if (input.prompt !== undefined) prompt = input.prompt;
      if (input.escapeCodeTimeout !== undefined) {
        if (Number.isFinite(input.escapeCodeTimeout)) this.escapeCodeTimeout = input.escapeCodeTimeout;
        else throw invalidArgValue("input.escapeCodeTimeout", this.escapeCodeTimeout);
      }
      if (signal) checkAbortSignal(signal, "options.signal");
      crlfDelay = input.crlfDelay;
      input = input.input;
    }
    if (input === undefined || input === null || typeof input.on !== "function") {
      throw invalidArgType("input", "an instance of Readable", input);
    }
    if (completer !== undefined && typeof completer !== "function") throw invalidArgValue("completer", completer);
    if (history === undefined) history = [];
    else if (!Array.isArray(history)) throw invalidArgType("history", "an instance of Array", history);
    if (historySize === undefined) historySize = kHistorySize;
    if (typeof historySize !== "number" || Number.isNaN(historySize) || historySize < 0) {
      throw invalidArgValue("historySize", historySize, RangeError);
    }
    // Backwards compatibility: a TTY output means a terminal.
    if (terminal === undefined && !(output === null || output === undefined)) terminal = !!output.isTTY;

    const self = this;
    this.line = "";
    this.output = output;
    this.input = input;
    this.history = history;
    this.historySize = historySize;
    this.removeHistoryDuplicates = !!removeHistoryDuplicates;
    this.crlfDelay = crlfDelay ? Math.max(kMincrlfDelay, crlfDelay) : kMincrlfDelay;
    this.completer = completer;
    this.setPrompt(prompt);
    this.terminal = !!terminal;
    this[kPaused] = false;
    this[kLineIterator] = undefined;
    this[kDecoder] = new StringDecoder("utf8");
    this[kLine_buffer] = null;
    this[kQuestionCallback] = null;
    this[kOldPrompt] = undefined;
    if (this.terminal) {
      this.cursor = 0;
      this.historyIndex = -1;
    }

    function onerror(err) {
      self.emit("error", err);
    }
    function ondata(data) {
      self[kNormalWrite](data);
    }
    function onend() {
      if (typeof self[kLine_buffer] === "string" && self[kLine_buffer].length > 0) {
        self.emit("line", self[kLine_buffer]);
      }
      self.close();
    }
    input.on("error", onerror);
    input.on("data", ondata);
    input.on("end", onend);
    self.once("close", () => {
      input.removeListener("data", ondata);
      input.removeListener("error", onerror);
      input.removeListener("end", onend);
    });

    if (signal) {
      const onAborted = () => self.close();
      if (signal.aborted) {
        nextTick(onAborted);
      } else {
        signal.addEventListener("abort", onAborted, { once: true });
        self.once("close", () => signal.removeEventListener("abort", onAborted));
      }
    }
    input.resume();
  }
  Object.setPrototypeOf(InterfaceConstructor.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(InterfaceConstructor, EventEmitter);

  const proto = InterfaceConstructor.prototype;

  Object.defineProperty(proto, "columns", {
    configurable: true,
    enumerable: true,
    get() {
      if (this.output && this.output.columns) return this.output.columns;
      return Infinity;
    },
  });

  proto.setPrompt = function (prompt) {
    this[kPrompt] = prompt;
  };

  proto.getPrompt = function () {
    return this[kPrompt];
  };

  proto[kWriteToOutput] = function (stringToWrite) {
    if (typeof stringToWrite !== "string") throw invalidArgType("stringToWrite", "of type string", stringToWrite);
    if (this.output !== null && this.output !== undefined) this.output.write(stringToWrite);
  };

  // The prompt only: the terminal's own echo shows what is typed.
  proto.prompt = function (preserveCursor) {
    if (this.closed) throw useAfterClose();
    if (this[kPaused]) this.resume();
    if (this.terminal && !preserveCursor) this.cursor = 0;
    this[kWriteToOutput](this[kPrompt]);
  };

  proto[kQuestion] = function (query, cb) {
    if (this.closed) throw useAfterClose();
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  };

  proto[kQuestionCancel] = function () {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  };

  proto[kOnLine] = function (line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit("line", line);
    }
  };

  proto[kAddHistory] = function () {
    if (this.line.length === 0) return "";
    if (this.historySize === 0) return this.line;
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dupIndex = this.history.indexOf(this.line);
        if (dupIndex !== -1) this.history.splice(dupIndex, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    const line = this.history[0];
    this.emit("history", this.history);
    return line;
  };

  proto[kNormalWrite] = function (b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    // A \n right after a \r that already ended a line belongs to it.
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    lineEnding.lastIndex = 0;
    let match = lineEnding.exec(string);
    if (match !== null) {
      if (this[kLine_buffer]) {
        string = this[kLine_buffer] + string;
        this[kLine_buffer] = null;
        lineEnding.lastIndex = 0;
        match = lineEnding.exec(string);
      }
      this[kSawReturnAt] = string.endsWith("\r") ? Date.now() : 0;
      const indexes = [0, match.index, lineEnding.lastIndex];
      let next;
      while ((next = lineEnding.exec(string)) !== null) indexes.push(next.index, lineEnding.lastIndex);
      const last = indexes.length - 1;
      // '' or the unfinished start of the next line.
      this[kLine_buffer] = string.slice(indexes[last]);
      for (let i = 1; i < last; i += 2) {
        const line = string.slice(indexes[i - 1], indexes[i]);
        if (this.terminal) {
          this.line = line;
          this[kAddHistory]();
          this.line = "";
        }
        this[kOnLine](line);
      }
    } else if (string) {
      if (this[kLine_buffer]) this[kLine_buffer] += string;
      else this[kLine_buffer] = string;
    }
  };

  proto.close = function () {
    if (this.closed) return;
    this.pause();
    this.closed = true;
    this.emit("close");
  };
  proto[Symbol.dispose] = function () {
    this.close();
  };

  proto.pause = function () {
    if (this[kPaused]) return;
    this.input.pause();
    this[kPaused] = true;
    this.emit("pause");
    return this;
  };

  proto.resume = function () {
    if (!this[kPaused]) return;
    this.input.resume();
    this[kPaused] = false;
    this.emit("resume");
    return this;
  };

  // Text goes through as if typed; key descriptions (terminal editing
  // commands) edit nothing here, as Kode reads whole lines.
  proto.write = function (d, key) {
    if (this[kPaused]) this.resume();
    if (d !== undefined && d !== null) this[kNormalWrite](d);
  };

  proto.clearLine = function () {
    this[kWriteToOutput]("\r\n");
    this.line = "";
    this.cursor = 0;
    this.prevRows = 0;
  };

  proto.getCursorPos = function () {
    const text = this[kPrompt] + this.line.slice(0, this.cursor ?? 0);
    const columns = this.columns;
    if (columns === Infinity) return { rows: 0, cols: text.length };
    return { rows: Math.floor(text.length / columns), cols: text.length % columns };
  };

  // Lines as an async iterator: buffered while the loop is busy (the input
  // pauses past 1024 waiting lines), ended by 'close'; leaving the loop
  // early closes the interface.
  proto[Symbol.asyncIterator] = function () {
    if (this[kLineIterator] !== undefined) return this[kLineIterator];
    const rl = this;
    const lines = [];
    const waiting = [];
    let done = false;
    let pausedByUs = false;
    const onLine = (line) => {
      if (waiting.length > 0) {
        waiting.shift().resolve({ value: line, done: false });
        return;
      }
      lines.push(line);
      if (lines.length > 1024 && !pausedByUs) {
        pausedByUs = true;
        rl.pause();
      }
    };
    const onError = (err) => {
      finish();
      if (waiting.length > 0) waiting.shift().reject(err);
      else error = err;
    };
    let error = null;
    const finish = () => {
      if (done) return;
      done = true;
      rl.removeListener("line", onLine);
      rl.removeListener("close", finish);
      rl.removeListener("error", onError);
      while (waiting.length > 0 && error === null) waiting.shift().resolve({ value: undefined, done: true });
    };
    rl.on("line", onLine);
    rl.on("close", finish);
    rl.on("error", onError);
    const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
    const iterator = Object.setPrototypeOf({
      next() {
        if (lines.length > 0) {
          const value = lines.shift();
          if (pausedByUs && lines.length < 1) {
            pausedByUs = false;
            rl.resume();
          }
          return Promise.resolve({ value, done: false });
        }
        if (error !== null) {
          const p = Promise.reject(error);
          error = null;
          return p;
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        finish();
        rl.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(err) {
        finish();
        rl.close();
        return Promise.reject(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    }, AsyncIteratorPrototype);
    this[kLineIterator] = iterator;
    return iterator;
  };

  // --- readline.Interface (the legacy constructor) --------------------------

  function Interface(input, output, completer, terminal) {
    if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
    if (input?.input && typeof input.completer === "function" && input.completer.length !== 2) {
      const { completer } = input;
      input.completer = (v, cb) => cb(null, completer(v));
    } else if (typeof completer === "function" && completer.length !== 2) {
      const realCompleter = completer;
      completer = (v, cb) => cb(null, realCompleter(v));
    }
    Reflect.apply(InterfaceConstructor, this, [input, output, completer, terminal]);
  }
  Object.setPrototypeOf(Interface.prototype, InterfaceConstructor.prototype);
  Object.setPrototypeOf(Interface, InterfaceConstructor);

  Interface.prototype.question = function question(query, options, cb) {
    cb = typeof options === "function" ? options : cb;
    if (options !== null && typeof options === "object") {
      const { signal } = options;
      if (signal) {
        checkAbortSignal(signal, "options.signal");
        if (signal.aborted) return;
        const onAbort = () => this[kQuestionCancel]();
        signal.addEventListener("abort", onAbort, { once: true });
        const cleanup = () => signal.removeEventListener("abort", onAbort);
        const originalCb = cb;
        cb = typeof cb === "function"
          ? (answer) => {
              cleanup();
              return originalCb(answer);
            }
          : cleanup;
      }
    }
    if (typeof cb === "function") this[kQuestion](query, cb);
  };
  Object.defineProperty(Interface.prototype.question, Symbol.for("nodejs.util.promisify.custom"), {
    value(query, options) {
      return new Promise((resolve, reject) => {
        let cb = resolve;
        if (options?.signal) {
          if (options.signal.aborted) return reject(new AbortError(undefined, { cause: options.signal.reason }));
          const onAbort = () => reject(new AbortError(undefined, { cause: options.signal.reason }));
          options.signal.addEventListener("abort", onAbort, { once: true });
          cb = (answer) => {
            options.signal.removeEventListener("abort", onAbort);
            resolve(answer);
          };
        }
        this.question(query, options, cb);
      });
    },
  });

  // Node's underscore names, which packages still call or read.
  const legacy = {
    _decoder: kDecoder,
    _line_buffer: kLine_buffer,
    _oldPrompt: kOldPrompt,
    _previousKey: kPreviousKey,
    _prompt: kPrompt,
    _questionCallback: kQuestionCallback,
    _sawKeyPress: kSawKeyPress,
    _sawReturnAt: kSawReturnAt,
  };
  for (const [name, symbol] of Object.entries(legacy)) {
    Object.defineProperty(Interface.prototype, name, {
      configurable: true,
      get() {
        return this[symbol];
      },
      set(value) {
        this[symbol] = value;
      },
    });
  }
  Interface.prototype._setRawMode = function _setRawMode(mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === "function") this.input.setRawMode(mode);
    return wasInRawMode;
  };
  Interface.prototype._onLine = function _onLine(line) {
    return this[kOnLine](line);
  };
  Interface.prototype._writeToOutput = function _writeToOutput(s) {
    return this[kWriteToOutput](s);
  };
  Interface.prototype._addHistory = function _addHistory() {
    return this[kAddHistory]();
  };
  Interface.prototype._refreshLine = function _refreshLine() {
    this[kWriteToOutput](this[kPrompt] + this.line);
  };
  Interface.prototype._normalWrite = function _normalWrite(b) {
    return this[kNormalWrite](b);
  };
  Interface.prototype._line = function _line() {
    const line = this[kAddHistory]();
    this.line = "";
    this[kOnLine](line);
  };
  Interface.prototype._getCursorPos = function _getCursorPos() {
    return this.getCursorPos();
  };
  // Key-by-key editing needs a raw terminal, which Kode does not provide.
  for (const name of ["_insertString", "_tabComplete", "_wordLeft", "_wordRight", "_deleteLeft", "_deleteRight",
    "_deleteWordLeft", "_deleteWordRight", "_deleteLineLeft", "_deleteLineRight", "_historyNext", "_historyPrev",
    "_getDisplayPos", "_moveCursor", "_ttyWrite"]) {
    Interface.prototype[name] = unsupportedFunction(`readline.Interface.prototype.${name}`);
  }

  function createInterface(input, output, completer, terminal) {
    return new Interface(input, output, completer, terminal);
  }

  // --- cursor helpers: ANSI sequences ---------------------------------------

  const CSI = "\x1b[";
  const kClearToLineBeginning = `${CSI}1K`;
  const kClearToLineEnd = `${CSI}0K`;
  const kClearLine = `${CSI}2K`;
  const kClearScreenDown = `${CSI}0J`;

  function checkCallback(callback) {
    if (callback !== undefined && typeof callback !== "function") {
      throw invalidArgType("callback", "of type function", callback);
    }
  }

  function cursorTo(stream, x, y, callback) {
    if (callback !== undefined) checkCallback(callback);
    if (typeof y === "function") {
      callback = y;
      y = undefined;
    }
    if (Number.isNaN(x)) throw invalidArgValue("x", x);
    if (Number.isNaN(y)) throw invalidArgValue("y", y);
    if (stream == null || (typeof x !== "number" && typeof y !== "number")) {
      if (typeof callback === "function") nextTick(callback, null);
      return true;
    }
    if (typeof x !== "number") throw nodeError(TypeError, "ERR_INVALID_CURSOR_POS", "Cannot set cursor row without setting its column");
    const data = typeof y !== "number" ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
    return stream.write(data, callback);
  }

  function moveCursor(stream, dx, dy, callback) {
    checkCallback(callback);
    if (stream == null || !(dx || dy)) {
      if (typeof callback === "function") nextTick(callback, null);
      return true;
    }
    let data = "";
    if (dx < 0) data += `${CSI}${-dx}D`;
    else if (dx > 0) data += `${CSI}${dx}C`;
    if (dy < 0) data += `${CSI}${-dy}A`;
    else if (dy > 0) data += `${CSI}${dy}B`;
    return stream.write(data, callback);
  }

  function clearLine(stream, dir, callback) {
    checkCallback(callback);
    if (stream === null || stream === undefined) {
      if (typeof callback === "function") nextTick(callback, null);
      return true;
    }
    const type = dir < 0 ? kClearToLineBeginning : dir > 0 ? kClearToLineEnd : kClearLine;
    return stream.write(type, callback);
  }

  function clearScreenDown(stream, callback) {
    checkCallback(callback);
    if (stream === null || stream === undefined) {
      if (typeof callback === "function") nextTick(callback, null);
      return true;
    }
    return stream.write(kClearScreenDown, callback);
  }

  // --- emitKeypressEvents -------------------------------------------------------

  const kKeypressDecoder = Symbol("keypress-decoder");
  const kEscapeDecoder = Symbol("escape-decoder");

  // Escape sequences of the common terminals, as Node names their keys.
  const csiKeys = {
    "[A": "up", "[B": "down", "[C": "right", "[D": "left", "[E": "clear", "[F": "end", "[H": "home",
    "OA": "up", "OB": "down", "OC": "right", "OD": "left", "OE": "clear", "OF": "end", "OH": "home",
    "OP": "f1", "OQ": "f2", "OR": "f3", "OS": "f4",
    "[11~": "f1", "[12~": "f2", "[13~": "f3", "[14~": "f4", "[15~": "f5", "[17~": "f6", "[18~": "f7",
    "[19~": "f8", "[20~": "f9", "[21~": "f10", "[23~": "f11", "[24~": "f12",
    "[1~": "home", "[2~": "insert", "[3~": "delete", "[4~": "end", "[5~": "pageup", "[6~": "pagedown",
    "[7~": "home", "[8~": "end", "[Z": "tab",
  };

  // Feeds characters one at a time; emits 'keypress' for each key.
  function keyDecoder(stream) {
    let pending = "";
    function emitKey(sequence, key, escaped) {
      if (sequence.length !== 0 && (key.name !== undefined || escaped)) {
        stream.emit("keypress", escaped ? undefined : sequence, key);
      } else if (sequence.length !== 0) {
        stream.emit("keypress", sequence, key);
      }
    }
    function plain(ch, escaped) {
      const key = { sequence: escaped ? `\x1b${ch}` : ch, name: undefined, ctrl: false, meta: escaped, shift: false };
      if (ch === "\r") key.name = "return";
      else if (ch === "\n") key.name = "enter";
      else if (ch === "\t") key.name = "tab";
      else if (ch === "\b" || ch === "\x7f") key.name = "backspace";
      else if (ch === "\x1b") key.name = "escape";
      else if (ch === " ") key.name = "space";
      else if (ch <= "\x1a") {
        key.name = String.fromCharCode(ch.charCodeAt(0) + "a".charCodeAt(0) - 1);
        key.ctrl = true;
      } else if (/^[0-9A-Za-z]$/.test(ch)) {
        key.name = ch.toLowerCase();
        key.shift = /^[A-Z]$/.test(ch);
      }
      emitKey(key.sequence, key, false);
    }
    return {
      next(ch) {
        if (pending === "") {
          if (ch === "\x1b") pending = ch;
          else plain(ch, false);
          return;
        }
        if (ch === "") {
          // The escape timeout: a lone ESC.
          pending = "";
          plain("\x1b", false);
          return;
        }
        pending += ch;
        const body = pending.slice(1);
        if (body === "[" || body === "O" || /^\[[0-9;]*$/.test(body)) return;
        if (body.length === 1 && body !== "\x1b") {
          // ESC followed by a character: meta.
          pending = "";
          const key = { sequence: `\x1b${ch}`, name: undefined, ctrl: false, meta: true, shift: false };
          if (/^[0-9A-Za-z]$/.test(ch)) {
            key.name = ch.toLowerCase();
            key.shift = /^[A-Z]$/.test(ch);
          } else if (ch === "\r") key.name = "return";
          else if (ch === "\x7f" || ch === "\b") key.name = "backspace";
          emitKey(key.sequence, key, true);
          return;
        }
        const sequence = pending;
        pending = "";
        let code = body;
        let modifier = 0;
        const withModifier = /^\[(\d+);(\d+)([~A-Za-z])$/.exec(body) || /^\[1;(\d+)([A-Za-z])$/.exec(body);
        if (withModifier) {
          if (withModifier.length === 4) {
            modifier = Number(withModifier[2]) - 1;
            code = withModifier[3] === "~" ? `[${withModifier[1]}~` : `[${withModifier[3]}`;
          } else {
            modifier = Number(withModifier[1]) - 1;
            code = `[${withModifier[2]}`;
          }
        }
        const key = {
          sequence,
          name: csiKeys[code],
          ctrl: !!(modifier & 4),
          meta: !!(modifier & 10),
          shift: !!(modifier & 1) || code === "[Z",
          code,
        };
        if (key.name === undefined) key.name = "undefined";
        emitKey(sequence, key, true);
      },
    };
  }

  function emitKeypressEvents(stream, iface = {}) {
    if (stream[kKeypressDecoder]) return;
    stream[kKeypressDecoder] = new StringDecoder("utf8");
    stream[kEscapeDecoder] = keyDecoder(stream);
    const { escapeCodeTimeout = ESCAPE_CODE_TIMEOUT } = iface;
    let timeoutId;
    function onData(input) {
      if (stream.listenerCount("keypress") > 0) {
        const string = stream[kKeypressDecoder].write(input);
        if (string) {
          clearTimeout(timeoutId);
          iface[kSawKeyPress] = [...string].length === 1;
          iface.isCompletionEnabled = false;
          let length = 0;
          for (const character of string) {
            length += character.length;
            if (length === string.length) iface.isCompletionEnabled = true;
            try {
              stream[kEscapeDecoder].next(character);
              if (length === string.length && character === "\x1b") {
                timeoutId = setTimeout(() => stream[kEscapeDecoder].next(""), escapeCodeTimeout);
              }
            } catch (err) {
              stream[kEscapeDecoder] = keyDecoder(stream);
              throw err;
            }
          }
        }
      } else {
        // Nobody listens any more: wait for a new 'keypress' listener.
        stream.removeListener("data", onData);
        stream.on("newListener", onNewListener);
      }
    }
    function onNewListener(event) {
      if (event === "keypress") {
        stream.on("data", onData);
        stream.removeListener("newListener", onNewListener);
      }
    }
    if (stream.listenerCount("keypress") > 0) stream.on("data", onData);
    else stream.on("newListener", onNewListener);
  }

  const exports = {
    Interface,
    clearLine,
    clearScreenDown,
    createInterface,
    cursorTo,
    emitKeypressEvents,
    moveCursor,
  };
  // For readline/promises, which shares the constructor and these symbols.
  Object.defineProperty(exports, "promises", {
    configurable: true,
    enumerable: true,
    get: () => support.builtin("node:readline/promises"),
  });
  Object.defineProperty(exports, Symbol.for("kode.readline.internals"), {
    value: { InterfaceConstructor, kQuestion, kQuestionCancel, CSI, kClearToLineBeginning, kClearToLineEnd, kClearLine, kClearScreenDown },
  });
  return exports;
})

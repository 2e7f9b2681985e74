// readline_promises.js: node:readline/promises, the readline Interface with
// a promise-returning question(), and Readline, which batches cursor moves.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, nextTick, AbortError } = support;
  const readline = support.builtin("node:readline");
  const {
    InterfaceConstructor, kQuestion, kQuestionCancel, CSI, kClearToLineBeginning, kClearToLineEnd, kClearLine,
    kClearScreenDown,
  } = readline[Symbol.for("kode.readline.internals")];

  class Interface extends InterfaceConstructor {
    constructor(input, output, completer, terminal) {
      super(input, output, completer, terminal);
    }

    question(query, options = {}) {
      return new Promise((resolve, reject) => {
        let cb = resolve;
        if (options?.signal) {
          const { signal } = options;
          if (signal === null || typeof signal !== "object" || !("aborted" in signal)) {
            throw invalidArgType("options.signal", "an instance of AbortSignal", signal);
          }
          if (signal.aborted) return reject(new AbortError(undefined, { cause: signal.reason }));
          const onAbort = () => {
            this[kQuestionCancel]();
            reject(new AbortError(undefined, { cause: signal.reason }));
          };
          signal.addEventListener("abort", onAbort, { once: true });
          cb = (answer) => {
            signal.removeEventListener("abort", onAbort);
            resolve(answer);
          };
        }
        this[kQuestion](query, cb);
      });
    }
  }

  function checkInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== "number") throw invalidArgType(name, "of type number", value);
    if (!Number.isInteger(value)) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be an integer. Received ${support.inspect(value)}`);
    }
    if (value < min || value > max) {
      throw nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "${name}" is out of range. It must be >= ${min} && <= ${max}. Received ${support.inspect(value)}`);
    }
  }

  // Cursor commands for a TTY stream, written together by commit().
  class Readline {
    #autoCommit = false;
    #stream;
    #todo = [];

    constructor(stream, options = undefined) {
      if (!stream || typeof stream.write !== "function" || typeof stream.on !== "function") {
        throw invalidArgType("stream", "an instance of Writable", stream);
      }
      this.#stream = stream;
      if (options?.autoCommit != null) {
        if (typeof options.autoCommit !== "boolean") {
          throw invalidArgType("options.autoCommit", "of type boolean", options.autoCommit);
        }
        this.#autoCommit = options.autoCommit;
      }
    }

    #add(data) {
      if (this.#autoCommit) nextTick(() => this.#stream.write(data));
      else this.#todo.push(data);
    }

    cursorTo(x, y = undefined) {
      checkInteger(x, "x");
      if (y != null) checkInteger(y, "y");
      this.#add(y == null ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`);
      return this;
    }

    moveCursor(dx, dy) {
      if (dx || dy) {
        checkInteger(dx, "dx");
        checkInteger(dy, "dy");
        let data = "";
        if (dx < 0) data += `${CSI}${-dx}D`;
        else if (dx > 0) data += `${CSI}${dx}C`;
        if (dy < 0) data += `${CSI}${-dy}A`;
        else if (dy > 0) data += `${CSI}${dy}B`;
        this.#add(data);
      }
      return this;
    }

    clearLine(dir) {
      checkInteger(dir, "dir", -1, 1);
      this.#add(dir < 0 ? kClearToLineBeginning : dir > 0 ? kClearToLineEnd : kClearLine);
      return this;
    }

    clearScreenDown() {
      this.#add(kClearScreenDown);
      return this;
    }

    commit() {
      return new Promise((resolve) => {
        this.#stream.write(this.#todo.join(""), resolve);
        this.#todo = [];
      });
    }

    rollback() {
      this.#todo = [];
      return this;
    }
  }

  function createInterface(input, output, completer, terminal) {
    return new Interface(input, output, completer, terminal);
  }

  return { Interface, Readline, createInterface };
})

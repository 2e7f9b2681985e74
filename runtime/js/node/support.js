// support.js: what every node:* module shares. Loaded with
// internal.loadInternal("kode:internal/node/support").
(function (ops, internal) {
  "use strict";

  const { buildError } = internal;

  // The error for a Node member Kode does not provide (SPEC section 5):
  // programs match on code ENODE_UNSUPPORTED; `name` is "fs.watch" style.
  function unsupported(name) {
    return buildError(Error, "ENODE_UNSUPPORTED", `${name} is not supported by Kode's Node layer`, {
      operation: name,
    });
  }

  // A function that throws `unsupported(name)` when called, so feature
  // checks (`typeof fs.watch === "function"`) see what Node has and a call
  // fails loudly instead of returning a wrong answer.
  function unsupportedFunction(name) {
    const short = name.slice(name.lastIndexOf(".") + 1);
    const fn = {
      [short]() {
        throw unsupported(name);
      },
    }[short];
    return fn;
  }

  // Node's own argument errors: `code` is Node's (ERR_INVALID_ARG_TYPE...),
  // as packages written for Node test it.
  function nodeError(Class, code, message) {
    const error = new Class(message);
    Object.defineProperty(error, "code", { value: code, writable: true, configurable: true, enumerable: true });
    // Node's stack names the code: "TypeError [ERR_X]: message".
    const stack = error.stack;
    const head = `${error.name}: `;
    if (typeof stack === "string" && stack.startsWith(head)) {
      error.stack = `${error.name} [${code}]: ${stack.slice(head.length)}`;
    }
    return error;
  }

  function received(value) {
    if (value === null) return "null";
    if (value === undefined) return "undefined";
    if (typeof value === "function") return `function ${value.name}`;
    if (typeof value === "object") return internal.describeValue(value).replace(/^an? /, "an instance of ");
    let shown = String(value);
    if (typeof value === "string") shown = `'${shown.length > 25 ? `${shown.slice(0, 25)}...` : shown}'`;
    return `type ${typeof value} (${shown})`;
  }

  function invalidArgType(name, expected, value) {
    return nodeError(
      TypeError,
      "ERR_INVALID_ARG_TYPE",
      `The "${name}" ${name.includes(".") ? "property" : "argument"} must be ${expected}. Received ${received(value)}`,
    );
  }

  // process.nextTick's queue (node:process owns the real one); modules
  // that defer work the way Node does (streams, events) call this.
  function nextTick(fn, ...args) {
    if (internal.nodeNextTick !== undefined) return internal.nodeNextTick(fn, ...args);
    queueMicrotask(() => fn(...args));
  }

  // Node's AbortError (events.once, streams, timers/promises): code ABORT_ERR.
  class AbortError extends Error {
    constructor(message = "The operation was aborted", options = undefined) {
      super(message, options);
      this.code = "ABORT_ERR";
      this.name = "AbortError";
    }
  }

  // process.emitWarning's printing: node:process installs
  // `internal.nodeEmitWarning` (its 'warning' event, --no-warnings); until
  // then a warning is printed to stderr on the next tick as Node prints it
  // (without Node's "--trace-warnings" hint, a flag Kode does not have).
  function emitWarning(warning, type = "Warning", code = undefined) {
    if (typeof warning === "string") {
      const made = new Error(warning);
      made.name = type;
      if (code !== undefined) made.code = code;
      warning = made;
    }
    if (internal.nodeEmitWarning !== undefined) return internal.nodeEmitWarning(warning);
    nextTick(() => {
      const pid = internal.nodePid ?? 0;
      const prefix = warning.code !== undefined ? `[${warning.code}] ` : "";
      ops.print(`(node:${pid}) ${prefix}${warning.name}: ${warning.message}\n`, 2);
    });
  }

  return {
    AbortError,
    emitWarning,
    unsupported,
    nextTick,
    unsupportedFunction,
    nodeError,
    invalidArgType,
    // "type number (1)", "an instance of Foo": how Node's messages show a value.
    received,
    // The exports of another public builtin (`node:events`), shared with
    // what `require` returns, so `instanceof` holds across modules.
    builtin: (id) => internal.builtin(id),
  };
})

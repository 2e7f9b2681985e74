// core.js: the globals of SPEC section 4 (console, timers, structuredClone,
// Kode, the lazy Web API globals) and the hooks Rust calls (fireTimer, runTask,
// formatUncaught).
(function (ops, internal) {
  "use strict";

  // inspect.js is big and most output is plain strings: compile it on first need.
  let inspectModule;
  function loadInspect() {
    if (inspectModule === undefined) {
      inspectModule = ops.builtin("kode:internal/inspect")();
      inspectModule.inspect.promiseState = (promise) => {
        const [state, value] = ops.promise_state(promise);
        return { state: ["pending", "fulfilled", "rejected"][state], value };
      };
      inspectModule.inspect.proxyDetails = ops.proxy_details;
    }
    return inspectModule;
  }
  internal.loadInspect = loadInspect;
  const inspect = (value, options) => loadInspect().inspect(value, options);
  // util.format; strings without a `%` need no formatting at all.
  // (Parenthesized function expressions here and below are compiled with
  // the bootstrap, so the snapshot carries their bytecode: every run calls them.)
  const format = (function format(...args) {
    for (const arg of args) if (typeof arg !== "string") return loadInspect().format(...args);
    if (args.length > 0 && args[0].includes("%")) return loadInspect().format(...args);
    return args.join(" ");
  });

  // The one error builder (SPEC section 7). Rust's `KodeError::to_js` calls it (the
  // bootstrap hands it over as `internal.buildError`) and every error the JS
  // side raises is made by it, so all Kode errors have one shape: an instance
  // of `Class` (a constructor, or its name when Rust calls) with `code`, then
  // `operation`, `path` when a file is involved, and the other `fields` in order.
  const errorClasses = { Error, TypeError, RangeError, SyntaxError };
  // `frame` ({ file, line, column, sourceLine }) places a syntax error Kode
  // found (in TypeScript) as V8 places its own: one stack line, a code frame.
  // A DOMException (Rust's `ErrorClass::DomException`) is the standard's
  // object: `code` is its name, and it gets no Kode fields.
  function buildError(Class, code, message, fields, frame) {
    if (Class === "DOMException") return new (loadInternal("kode:internal/events").DOMException)(message, code);
    const error = new (typeof Class === "string" ? errorClasses[Class] : Class)(message);
    error.code = code;
    Object.assign(error, fields);
    if (frame !== undefined) {
      const { file, line, column, sourceLine } = frame;
      error.stack = `${error.name}: ${error.message}\n    at ${file}:${line}:${column}`;
      Object.defineProperty(error, internal.sourceFrame, { value: { line, column, sourceLine } });
    }
    return error;
  }
  internal.buildError = buildError;
  // What a wrong value is, for an error message: "null", "string", "a Uint16Array".
  internal.describeValue = function (value) {
    if (value === null) return "null";
    if (typeof value !== "object") return typeof value;
    const name = typeof value.constructor === "function" ? value.constructor.name : "";
    return name ? `${/^[AEIO]/.test(name) ? "an" : "a"} ${name}` : "an object";
  };
  // `kode pack --snapshot` sets a Set here while dependencies load: reading a
  // fact of the process then would freeze the pack's value (01_modules.js).
  internal.factsRead = null;
  function factRead(what) {
    if (internal.factsRead !== null) internal.factsRead.add(what);
  }
  internal.factRead = factRead;
  // A lazily loaded module that keeps a fact of the process (web.js's time
  // origin, node:process's pid) reads it in a function given here: run now,
  // and again at start-up when the module comes from a snapshot. `forget`
  // drops the facts before a snapshot is made, so the heap holds none.
  const starts = [];
  internal.onStart = (read, forget) => {
    starts.push([read, forget]);
    read();
  };
  internal.forgetFacts = () => {
    for (const [, forget] of starts) forget();
  };
  internal.cwd = () => {
    factRead("the working directory");
    return ops.cwd();
  };

  function define(target, name, value) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  }

  // --- console -------------------------------------------------------------
  let groupIndent = "";
  function writer(fd) {
    return (function (...args) {
      let text = format(...args);
      if (groupIndent) text = groupIndent + text.replaceAll("\n", "\n" + groupIndent);
      ops.print(text + "\n", fd);
    });
  }
  const counts = new Map();
  const timers = new Map();
  const console = {
    log: writer(1),
    info: writer(1),
    debug: writer(1),
    warn: writer(2),
    error: writer(2),
    trace(...args) {
      const stack = new Error().stack.split("\n").slice(2).join("\n");
      console.error("Trace" + (args.length ? ": " + format(...args) : "") + "\n" + stack);
    },
    dir(value, options) {
      ops.print(inspect(value, options) + "\n", 1);
    },
    // Node's console.table: a non-object is logged as console.log would.
    table(data, properties) {
      if (data === null || typeof data !== "object") return console.log(data);
      console.log(loadInspect().table(data, properties));
    },
    assert(condition, ...args) {
      if (!condition) console.error(args.length ? "Assertion failed: " + format(...args) : "Assertion failed");
    },
    count(label = "default") {
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      console.log(`${label}: ${n}`);
    },
    countReset(label = "default") {
      counts.delete(label);
    },
    group(...args) {
      if (args.length) console.log(...args);
      groupIndent += "  ";
    },
    groupEnd() {
      groupIndent = groupIndent.slice(2);
    },
    time(label = "default") {
      timers.set(label, Date.now());
    },
    timeEnd(label = "default") {
      console.timeLog(label);
      timers.delete(label);
    },
    timeLog(label = "default", ...args) {
      const start = timers.get(label);
      if (start === undefined) return console.warn(`Timer '${label}' does not exist`);
      console.log(`${label}: ${Date.now() - start}ms`, ...args);
    },
  };
  console.groupCollapsed = console.group;
  define(globalThis, "console", console);

  // --- timers --------------------------------------------------------------
  // Rust keeps the deadlines; JS keeps the callbacks. Timers, host ops and
  // resources (open file handles) share one id space, counted in Rust (ids
  // are 64-bit there, exact JS numbers up to 2^53), so `Kode.activeOperations()`
  // ids are unique.
  internal.nextId = () => ops.next_id();
  const timerRecords = new Map();

  function timerDelay(delay) {
    // Node's rule: anything that is not a number in [1, 2^31-1] becomes 1 ms.
    delay = Number(delay);
    return delay >= 1 && delay <= 2147483647 ? Math.trunc(delay) : 1;
  }

  function checkCallback(callback, operation) {
    if (typeof callback !== "function") {
      throw buildError(TypeError, "EINVALID_ARG", "The \"callback\" argument must be of type function", { operation });
    }
  }

  // `operation` names the timer in `Kode.activeOperations()`; an `unref` timer
  // does not keep the process alive (`Kode.timeout`); an `exact` delay skips
  // setTimeout's coercion (the caller has validated it).
  function startTimer(callback, delay, args, { repeat = false, unref = false, operation = "setTimeout", exact = false } = {}) {
    checkCallback(callback, operation);
    const id = internal.nextId();
    if (!exact) delay = timerDelay(delay);
    // `context`: the AsyncLocalStorage state, once node:async_hooks is in use.
    const context = internal.asyncContext?.capture();
    timerRecords.set(id, { callback, args, delay, repeat, unref, operation, startedMs: Date.now(), context });
    ops.timer_start(id, delay, unref);
    return id;
  }
  internal.startTimer = startTimer;

  function clearTimer(id) {
    if (typeof id === "number" && timerRecords.delete(id)) ops.timer_cancel(id);
  }
  internal.clearTimer = clearTimer;

  internal.activeTimers = function* () {
    for (const [id, timer] of timerRecords) {
      yield { id, operation: timer.operation, detail: `${timer.delay}ms`, startedMs: timer.startedMs };
    }
  };

  internal.fireTimer = function (id) {
    const timer = timerRecords.get(id);
    if (timer === undefined) return;
    if (timer.repeat) ops.timer_start(id, timer.delay, timer.unref);
    else timerRecords.delete(id);
    if (timer.context !== undefined) return internal.asyncContext.within(timer.context, timer.callback, timer.args);
    Reflect.apply(timer.callback, globalThis, timer.args);
  };

  define(globalThis, "setTimeout", function setTimeout(callback, delay, ...args) {
    return startTimer(callback, delay, args);
  });
  define(globalThis, "setInterval", function setInterval(callback, delay, ...args) {
    return startTimer(callback, delay, args, { repeat: true, operation: "setInterval" });
  });
  define(globalThis, "clearTimeout", function clearTimeout(id) {
    clearTimer(id);
  });
  define(globalThis, "clearInterval", function clearInterval(id) {
    clearTimer(id);
  });
  define(globalThis, "queueMicrotask", function queueMicrotask(callback) {
    checkCallback(callback, "queueMicrotask");
    // What the callback throws is reported (HTML's "report the exception"):
    // an `error` event at the global, then, unless canceled, an uncaught error.
    Promise.resolve().then(() => {
      try {
        callback();
      } catch (error) {
        reportException(error);
      }
    });
  });

  // --- queued tasks ------------------------------------------------------------
  // HTML's "queue a task" (message delivery): the callback runs on a later
  // turn of the event loop, after the current microtasks, never at once.
  // Rust counts the tasks (one waiting keeps the process alive) and calls
  // `runTask` once for each, oldest first, each followed by its microtasks.
  const tasks = [];
  let nextTask = 0;
  internal.queueTask = function (callback) {
    tasks.push(callback);
    ops.task_queue();
  };
  internal.runTask = function () {
    const callback = tasks[nextTask];
    tasks[nextTask++] = undefined;
    // Drop the run part of the list now and then, not on every task.
    if (nextTask === tasks.length || nextTask > 1024) {
      tasks.splice(0, nextTask);
      nextTask = 0;
    }
    callback();
  };

  // --- structuredClone -------------------------------------------------------
  // A value that cannot be cloned throws the standard's "DataCloneError"
  // DOMException (events.js's class, loaded on the first one).
  const dataCloneError = (message) => new (loadInternal("kode:internal/events").DOMException)(message, "DataCloneError");
  internal.dataCloneError = dataCloneError;

  // https://html.spec.whatwg.org/#dom-structuredclone. A transfer list is
  // the messaging module's business (it knows MessagePorts); a clone
  // without one is a single op.
  define(globalThis, "structuredClone", function structuredClone(value, options = undefined) {
    if (arguments.length === 0) {
      throw buildError(TypeError, "EINVALID_ARG", "structuredClone: 1 argument required, but only 0 present", {
        operation: "structuredClone",
      });
    }
    // StructuredSerializeOptions { sequence<object> transfer = []; }
    const transfer = dictionary(options, "Failed to execute 'structuredClone'").transfer;
    if (transfer !== undefined) {
      const list = objectSequence(transfer, "Failed to execute 'structuredClone': the transfer option");
      if (list.length > 0) return loadInternal("kode:internal/messaging").cloneWithTransfer(value, list);
    }
    return ops.structured_clone(value, dataCloneError);
  });

  // An internal module's exports, evaluated once: the Web API modules reach
  // each other's classes and hooks through this, never a second copy.
  const internalModules = new Map();
  function loadInternal(specifier) {
    let exports = internalModules.get(specifier);
    if (exports === undefined) {
      exports = ops.builtin(specifier)(ops, internal);
      internalModules.set(specifier, exports);
    }
    return exports;
  }
  internal.loadInternal = loadInternal;

  // Web API globals whose module loads on first touch, so start-up does not
  // pay for them: lazy data properties (writable, configurable, not
  // enumerable) that become the export's value on first read.
  function defineLazy(specifier, names) {
    ops.define_lazy(globalThis, specifier, names);
  }

  // WebIDL makes interface members enumerable (class syntax does not) and
  // gives each prototype a toStringTag; constants are read-only on both the
  // interface object and its prototype.
  function finishInterface(Class, name, constants = {}) {
    const proto = Class.prototype;
    for (const key of Reflect.ownKeys(proto)) {
      if (key === "constructor") continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      descriptor.enumerable = true;
      Object.defineProperty(proto, key, descriptor);
    }
    for (const [key, value] of Object.entries(constants)) {
      const descriptor = { value, writable: false, enumerable: true, configurable: false };
      Object.defineProperty(Class, key, descriptor);
      Object.defineProperty(proto, key, descriptor);
    }
    Object.defineProperty(proto, Symbol.toStringTag, { value: name, configurable: true });
  }

  // WebIDL plumbing shared by the Web API modules (events.js, web.js,
  // fetch_types.js). Template literals throw a TypeError for a Symbol, as
  // WebIDL's ToString must.
  function requireArguments(count, required, context) {
    if (count < required) {
      throw new TypeError(`${context}: ${required} argument${required === 1 ? "" : "s"} required, but only ${count} present.`);
    }
  }
  // A dictionary argument: undefined and null are the empty dictionary.
  function dictionary(value, context) {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" && typeof value !== "function") {
      throw new TypeError(`${context}: the options argument is not an object.`);
    }
    return value;
  }
  // https://webidl.spec.whatwg.org/#es-sequence, for sequence<object>:
  // any iterable, through its @@iterator method, read once (by the caller,
  // when overload resolution has read it already).
  function objectSequence(value, context, method = undefined) {
    if (method === undefined && value !== null && (typeof value === "object" || typeof value === "function")) {
      method = value[Symbol.iterator];
    }
    if (typeof method !== "function") throw new TypeError(`${context} is not an iterable object.`);
    const iterator = Reflect.apply(method, value, []);
    if (iterator === null || (typeof iterator !== "object" && typeof iterator !== "function")) {
      throw new TypeError(`${context}: the iterator is not an object.`);
    }
    const next = iterator.next;
    const items = [];
    for (;;) {
      const step = Reflect.apply(next, iterator, []);
      if (step === null || (typeof step !== "object" && typeof step !== "function")) {
        throw new TypeError(`${context}: the iterator result is not an object.`);
      }
      if (step.done) return items;
      const item = step.value;
      if (item === null || (typeof item !== "object" && typeof item !== "function")) {
        throw new TypeError(`${context} contains a value that is not an object.`);
      }
      items.push(item);
    }
  }
  internal.webidl = {
    finishInterface,
    requireArguments,
    dictionary,
    objectSequence,
    toDOMString: (value) => `${value}`,
    toUSVString: (value) => `${value}`.toWellFormed(),
  };
  defineLazy("kode:internal/text", ["TextEncoder", "TextDecoder"]);
  defineLazy("kode:internal/url", ["URL", "URLSearchParams"]);
  defineLazy("kode:internal/url-pattern", ["URLPattern"]);
  defineLazy("kode:internal/events", ["DOMException", "Event", "EventTarget", "CustomEvent", "ErrorEvent", "PromiseRejectionEvent", "atob", "btoa", "reportError"]);
  defineLazy("kode:internal/abort", ["AbortSignal", "AbortController"]);
  define(globalThis, "self", globalThis);
  // The global is an EventTarget (events.js makes EventTarget.prototype its
  // prototype when it loads): until then, these three load it and step aside.
  for (const name of ["addEventListener", "removeEventListener", "dispatchEvent"]) {
    Object.defineProperty(globalThis, name, {
      get() {
        loadInternal("kode:internal/events");
        for (const own of ["addEventListener", "removeEventListener", "dispatchEvent"]) delete globalThis[own];
        return globalThis[name];
      },
      set(value) {
        define(globalThis, name, value);
      },
      enumerable: false,
      configurable: true,
    });
  }

  // Uncaught errors and unhandled rejections (the Rust hooks `uncaught` and
  // `unhandledRejection`, and reportException for errors JS catches itself)
  // go to the global's `error` and `unhandledrejection` listeners first; with
  // no listener, nothing loads. true = a listener canceled it.
  internal.globalEvents = null;
  internal.uncaught = (error) => internal.globalEvents?.dispatchGlobalError(error) ?? false;
  internal.unhandledRejection = (promise, reason) => internal.globalEvents?.dispatchUnhandledRejection(promise, reason) ?? false;
  // The global `error` event first; unless a listener canceled it, the
  // report on stderr. True when it was reported (not canceled).
  function reportUncaught(error) {
    if (internal.uncaught(error)) return false;
    ops.print(internal.formatUncaught(error) + "\n", 2);
    return true;
  }
  internal.reportUncaught = reportUncaught;
  // HTML's "report the exception": an uncaught error ends the run.
  function reportException(error) {
    if (reportUncaught(error)) ops.exit(1);
  }
  internal.reportException = reportException;
  defineLazy("kode:internal/web", ["crypto", "Crypto", "performance", "Performance", "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "navigator", "Navigator"]);
  defineLazy("kode:internal/fetch-types", ["Headers", "Blob", "File"]);
  defineLazy("kode:internal/form-data", ["FormData"]);
  defineLazy("kode:internal/fetch", ["Request", "Response", "fetch"]);
  defineLazy("kode:internal/messaging", ["MessageChannel", "MessagePort", "MessageEvent"]);
  defineLazy("kode:internal/streams", ["ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamDefaultController", "ByteLengthQueuingStrategy", "CountQueuingStrategy"]);
  defineLazy("kode:internal/streams-bytes", ["ReadableByteStreamController", "ReadableStreamBYOBRequest"]);
  defineLazy("kode:internal/streams-writable", ["WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController"]);
  defineLazy("kode:internal/streams-transform", ["TransformStream", "TransformStreamDefaultController", "TextEncoderStream", "TextDecoderStream", "CompressionStream", "DecompressionStream"]);
  defineLazy("kode:internal/subtle", ["SubtleCrypto", "CryptoKey"]);

  // --- WebAssembly streaming ---------------------------------------------------
  // https://webassembly.github.io/spec/web-api/#streaming-modules: V8's own
  // compileStreaming/instantiateStreaming (the wasm area installs its
  // streaming callback) call the handler with the source and a compilation
  // id; it checks the Response, then feeds its body to V8's compiler.
  // The handler's body is fetch.js's (compiled with the first compileStreaming).
  const wasmStreaming = (source, id) => loadInternal("kode:internal/fetch").wasmStreaming(source, id);

  // --- Kode ----------------------------------------------------------------
  let env = Object.create(null);
  const textModule = () => loadInternal("kode:internal/text");
  const Kode = {
    args: undefined, // set by internal.start
    env: Object.freeze({
      get(name) {
        factRead("Kode.env");
        const value = env[String(name)];
        return value;
      },
      has(name) {
        factRead("Kode.env");
        return String(name) in env;
      },
      toObject() {
        factRead("Kode.env");
        return Object.assign({}, env);
      },
    }),
    text: Object.freeze({
      encode: (text) => textModule().encoder.encode(text),
      decode: (bytes) => textModule().decoder.decode(bytes),
    }),
    // Byte streams over descriptors 0, 1 and 2 (runtime/js/stdio.js), made
    // on the first touch of any of them: start-up reads and loads nothing.
    get stdin() {
      return loadInternal("kode:internal/stdio").stdin;
    },
    get stdout() {
      return loadInternal("kode:internal/stdio").stdout;
    },
    get stderr() {
      return loadInternal("kode:internal/stdio").stderr;
    },
    // The HTTP server (runtime/js/serve.js), loaded on first touch.
    get serve() {
      return loadInternal("kode:internal/serve").serve;
    },
    // An AbortSignal that aborts on the first SIGINT or SIGTERM
    // (runtime/src/ext/interrupt/interrupt.js). The handlers are installed
    // on the first touch: a program that never looks keeps the default.
    get interrupt() {
      return loadInternal("kode:internal/interrupt").signal;
    },
    // `kode pack --snapshot=entry` (SPEC section 6): the entry's top level
    // runs at pack time and hands over the function start-up runs instead.
    snapshot: Object.freeze({
      get building() {
        return internal.snapshotBuilding === true;
      },
      setMain(main) {
        if (internal.snapshotBuilding !== true) {
          throw buildError(Error, "ESNAPSHOT", "Kode.snapshot.setMain: no snapshot is being built (check Kode.snapshot.building)", { operation: "Kode.snapshot.setMain" });
        }
        if (typeof main !== "function") {
          throw buildError(TypeError, "EINVALID_ARG", `Kode.snapshot.setMain: main must be a function, got ${internal.describeValue(main)}`, { operation: "Kode.snapshot.setMain" });
        }
        internal.snapshotMain = main;
      },
    }),
    // sleep, timeout, scope, activeOperations: added by async.js.
    exit(code = 0) {
      code = Number(code);
      if (!Number.isInteger(code)) {
        throw buildError(TypeError, "EINVALID_ARG", "Kode.exit: the code must be an integer", { operation: "Kode.exit" });
      }
      ops.exit(code);
    },
  };
  // Builtin scripts that run later add their members before `internal.freezeKode()`.
  internal.Kode = Kode;

  // What depends on the process (arguments, environment, the main module) is
  // set here, after the bootstrap: the bootstrap itself may come from a
  // snapshot made at build time. `info` is `{ args, executable, script, env,
  // cwd, main: [kind, value] }`; the wasm streaming handler is Rust state,
  // which no snapshot carries.
  internal.start = (function start(info) {
    internal.info = info;
    // A fresh object without a prototype (isolate.rs), this run's own.
    env = Object.freeze(info.env);
    Kode.args = Object.freeze({
      executable: info.executable,
      script: info.script,
      values: Object.freeze(info.args.slice()),
    });
    ops.wasm_streaming_handler(wasmStreaming);
    for (const [read] of starts) read();
  });
  internal.freezeKode = (function freezeKode() {
    Object.freeze(Kode);
    Object.defineProperty(globalThis, "Kode", { value: Kode, writable: false, configurable: false, enumerable: false });
  });

  // --- uncaught errors -------------------------------------------------------
  const sourceFrame = Symbol("kode.sourceFrame");
  internal.sourceFrame = sourceFrame;

  // The report of an uncaught value must never fail, whatever the value's
  // getters or proxy traps do: a proxy stands for its target (no trap runs),
  // and inspect() falls back where Node's inspector would call a getter that
  // throws (an error's name, message or stack). The value is not modified.
  internal.formatUncaught = function (error) {
    let text = "Uncaught " + inspectSafely(error);
    let target = error;
    for (let details = ops.proxy_details(target); details !== undefined; details = ops.proxy_details(target)) {
      target = details[0];
    }
    const frame = target !== null && typeof target === "object" ? attempt(() => target[sourceFrame]) : undefined;
    if (frame) text += "\n" + codeFrame(frame);
    return text;
  };

  function attempt(fn) {
    try {
      return fn();
    } catch {
      return undefined;
    }
  }

  // Frames of Kode's own bootstrap code are noise to the user: they are left
  // out. User code that formatting still runs (a custom inspect function, a
  // Map subclass's iterator) may throw: then the value is shown without it,
  // or at least by its type.
  function inspectSafely(value) {
    const hideFrame = (line) => line.includes("kode:internal/");
    const { inspect } = loadInspect();
    try {
      return inspect(value, { [inspect.hideFrame]: hideFrame });
    } catch {
      try {
        return inspect(value, { [inspect.hideFrame]: hideFrame, customInspect: false });
      } catch {
        return `[${typeof value} that could not be formatted]`;
      }
    }
  }

  function codeFrame({ line, column, sourceLine }) {
    const number = String(line);
    const gutter = " ".repeat(number.length);
    const pad = sourceLine.slice(0, column - 1).replace(/[^\t]/g, " ");
    return `\n ${number} | ${sourceLine}\n ${gutter} | ${pad}^`;
  }
})

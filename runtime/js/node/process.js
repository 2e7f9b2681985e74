// process.js: node:process, the `process` object packages under node_modules
// see (SPEC section 5). An EventEmitter, as Node's: 'exit' and 'beforeExit'
// come from the event loop (op node_hooks), 'uncaughtException' and
// 'unhandledRejection' from Kode's global error events, signals from op
// node_signal. The application's own code reaches it only by importing
// node:process: it is never a global.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const EventEmitter = support.builtin("node:events");
  const { Kode } = internal;
  // The facts of this process: read now, and again at start-up when this
  // module comes from a snapshot (runTicks, onExit and envObject are
  // function declarations, below).
  let info, facts, quiet;
  internal.onStart(() => {
    info = ops.node_process_info();
    const start = internal.info;
    facts = {
      pid: info.pid,
      ppid: info.ppid,
      execPath: info.execPath,
      argv0: start.executable,
      // Node's argv: the runtime, the main script, then the program's arguments.
      argv: [info.execPath, start.script, ...start.args],
      env: envObject(start.env),
    };
    quiet = start.env.NODE_NO_WARNINGS === "1";
    internal.nodePid = info.pid;
    ops.node_hooks(runTicks, onExit);
  }, () => {
    info = facts = quiet = internal.nodePid = undefined;
  });

  // The Node line Kode's Node layer follows (SPEC section 5).
  const NODE_VERSION = "22.12.0";

  const process = new EventEmitter();
  Object.defineProperty(process, Symbol.toStringTag, { value: "process", configurable: true });

  // Accessors, not Node's data properties, so that `kode pack --snapshot`
  // can tell a dependency that reads one while it loads (the pack's value
  // would be frozen into the heap). Assigning replaces the value, as in Node.
  function fact(name) {
    Object.defineProperty(process, name, {
      get() {
        internal.factRead(`process.${name}`);
        return facts[name];
      },
      set(v) {
        facts[name] = v;
      },
      enumerable: true,
      configurable: true,
    });
  }

  function value(name, v) {
    Object.defineProperty(process, name, { value: v, writable: true, enumerable: true, configurable: true });
  }

  // Enumerable, so that ES modules can import them by name (node:process's facade).
  function method(name, fn) {
    Object.defineProperty(process, name, { value: fn, writable: true, enumerable: true, configurable: true });
  }

  // --- facts -------------------------------------------------------------------
  value("title", "kode");
  value("version", `v${NODE_VERSION}`);
  value("versions", Object.freeze({ node: NODE_VERSION, v8: info.v8, kode: info.kode, modules: "127" }));
  value("release", Object.freeze({ name: "node", lts: "Jod" }));
  value("arch", info.arch);
  value("platform", info.platform);
  fact("pid");
  fact("ppid");
  fact("execPath");
  fact("argv0");
  value("execArgv", []);
  fact("argv");
  fact("env");
  value("features", Object.freeze({ inspector: false, debug: false, uv: false, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: false, tls: true, cached_builtins: true, typescript: false }));
  value("config", Object.freeze({ target_defaults: {}, variables: {} }));
  value("allowedNodeEnvironmentFlags", new Set());
  value("noDeprecation", false);
  value("throwDeprecation", false);
  value("traceDeprecation", false);
  value("sourceMapsEnabled", false);
  value("moduleLoadList", []);

  // Assignments store strings and deleting works, as Node's process.env does;
  // changes stay inside this object (Kode.env and the OS environment keep
  // theirs; node:child_process passes this object on to children).
  function envObject(initial) {
    const target = Object.assign(Object.create(null), initial);
    const read = () => internal.factRead("process.env");
    return new Proxy(target, {
      get(t, key) {
        read();
        return t[key];
      },
      has(t, key) {
        read();
        return key in t;
      },
      ownKeys(t) {
        read();
        return Reflect.ownKeys(t);
      },
      set(t, key, v) {
        if (typeof key === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
        t[key] = `${v}`;
        return true;
      },
      defineProperty(t, key, descriptor) {
        if (!("value" in descriptor)) {
          throw support.nodeError(TypeError, "ERR_INVALID_OBJECT_DEFINE_PROPERTY", "'process.env' does not accept an accessor(getter/setter) descriptor");
        }
        t[key] = `${descriptor.value}`;
        return true;
      },
    });
  }

  // --- working directory, ids, umask ----------------------------------------------
  method("cwd", function cwd() {
    return internal.cwd();
  });
  method("chdir", function chdir(directory) {
    if (typeof directory !== "string") throw support.invalidArgType("directory", "of type string", directory);
    try {
      ops.node_chdir(directory);
    } catch (error) {
      throw support.nodeError(Error, error.code, `${error.code}: ${messageOf(error)}, chdir ${internal.cwd()} -> '${directory}'`);
    }
  });
  method("getuid", () => info.uid);
  method("geteuid", () => info.euid);
  method("getgid", () => info.gid);
  method("getegid", () => info.egid);
  method("umask", function umask(mask) {
    if (mask === undefined) return ops.node_umask(-1);
    const parsed = typeof mask === "string" ? Number.parseInt(mask, 8) : mask;
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 0o777) {
      throw support.invalidArgType("mask", "of type number or string", mask);
    }
    return ops.node_umask(parsed);
  });
  method("getgroups", function getgroups() {
    return ops.node_getgroups();
  });
  for (const name of ["setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups"]) {
    method(name, support.unsupportedFunction(`process.${name}`));
  }

  function messageOf(error) {
    const text = String(error.message);
    const colon = text.indexOf(": ");
    return colon >= 0 && text.startsWith(error.code) ? text.slice(colon + 2).replace(/, process\.chdir$/, "") : text;
  }

  // --- clocks and resources --------------------------------------------------------
  function hrtime(previous) {
    const now = ops.node_hrtime();
    let seconds = Math.floor(now / 1e9);
    let nanos = now - seconds * 1e9;
    if (previous !== undefined) {
      if (!Array.isArray(previous)) throw support.invalidArgType("time", "an instance of Array", previous);
      if (previous.length !== 2) {
        throw support.nodeError(RangeError, "ERR_OUT_OF_RANGE", `The value of "time" is out of range. It must be 2. Received ${previous.length}`);
      }
      seconds -= previous[0];
      nanos -= previous[1];
      if (nanos < 0) {
        seconds -= 1;
        nanos += 1e9;
      }
    }
    return [seconds, nanos];
  }
  hrtime.bigint = function bigint() {
    return BigInt(ops.node_hrtime());
  };
  method("hrtime", hrtime);
  method("uptime", function uptime() {
    return ops.node_hrtime() / 1e9;
  });
  function memoryUsage() {
    const [rss, heapTotal, heapUsed, external] = ops.node_memory();
    return { rss, heapTotal, heapUsed, external, arrayBuffers: external };
  }
  memoryUsage.rss = () => ops.node_memory()[0];
  method("memoryUsage", memoryUsage);
  method("cpuUsage", function cpuUsage(previous) {
    const [user, system] = ops.node_cpu_usage();
    if (previous === undefined) return { user, system };
    return { user: user - previous.user, system: system - previous.system };
  });
  for (const name of ["resourceUsage", "constrainedMemory", "availableMemory", "binding", "_linkedBinding", "dlopen", "setSourceMapsEnabled", "setUncaughtExceptionCaptureCallback", "abort", "loadEnvFile", "getActiveResourcesInfo"]) {
    method(name, support.unsupportedFunction(`process.${name}`));
  }
  method("hasUncaughtExceptionCaptureCallback", () => false);
  method("getBuiltinModule", function getBuiltinModule(id) {
    if (typeof id !== "string") throw support.invalidArgType("id", "of type string", id);
    const name = id.startsWith("node:") ? id : `node:${id}`;
    try {
      return support.builtin(name);
    } catch (error) {
      if (error?.code === "EMODULE_NOT_FOUND") return undefined;
      throw error;
    }
  });

  // --- signals and kill ------------------------------------------------------------
  // Signal numbers by name: node:os's table (this platform's), on first need.
  let signalTable;
  const signalNumber = (name) => {
    signalTable ??= support.builtin("node:os").constants.signals;
    return typeof name === "string" && Object.hasOwn(signalTable, name) ? signalTable[name] : undefined;
  };

  method("kill", function kill(pid, signal = "SIGTERM") {
    if (typeof pid !== "number" || !Number.isInteger(pid)) throw support.invalidArgType("pid", "of type number", pid);
    let signo = signal;
    if (typeof signal === "string") {
      signo = signalNumber(signal);
      if (signo === undefined) throw support.nodeError(TypeError, "ERR_UNKNOWN_SIGNAL", `Unknown signal: ${signal}`);
    } else if (!Number.isInteger(signal)) {
      throw support.invalidArgType("signal", "of type string or number", signal);
    }
    try {
      ops.node_kill(pid, signo);
    } catch (error) {
      const made = support.nodeError(Error, error.code, `kill ${error.code}`);
      made.syscall = "kill";
      made.errno = error.code === "ESRCH" ? -3 : error.code === "EPERM" ? -1 : undefined;
      throw made;
    }
    return true;
  });

  // Listening to a signal replaces its default action (op node_signal); with
  // no listener left, the default is what Kode does itself: end the process.
  const listening = new Set();
  function listenSignal(name) {
    if (listening.has(name)) return;
    listening.add(name);
    const signo = signalNumber(name);
    const again = () => {
      internal.hostOp(null, "", undefined, (id) => ops.node_signal(id, signo)).then(
        () => {
          if (process.listenerCount(name) === 0) {
            // The default action, as a signal would end Node: no 'exit' event.
            exiting = true;
            return Kode.exit(128 + signo);
          }
          process.emit(name, name, signo);
          again();
        },
        // The OS refused the handler (a signal that cannot be caught): the
        // listener stays, as Node's does, and never fires.
        () => listening.delete(name),
      );
    };
    again();
  }

  // --- errors as events ------------------------------------------------------------
  // 'uncaughtException' and 'unhandledRejection' listeners take Kode's global
  // error events: a listener present means the event is handled.
  let watchingErrors = false;
  function watchErrors() {
    if (watchingErrors) return;
    watchingErrors = true;
    globalThis.addEventListener("error", (event) => {
      if (process.listenerCount("uncaughtException") === 0) return;
      event.preventDefault();
      process.emit("uncaughtExceptionMonitor", event.error, "uncaughtException");
      process.emit("uncaughtException", event.error, "uncaughtException");
    });
    globalThis.addEventListener("unhandledrejection", (event) => {
      if (process.listenerCount("unhandledRejection") === 0) return;
      event.preventDefault();
      process.emit("unhandledRejection", event.reason, event.promise);
    });
  }

  process.on("newListener", (name) => {
    if (name === "uncaughtException" || name === "unhandledRejection") watchErrors();
    else if (typeof name === "string" && name.startsWith("SIG") && name !== "SIGKILL" && name !== "SIGSTOP" && signalNumber(name) !== undefined) {
      listenSignal(name);
    }
  });

  // --- nextTick ------------------------------------------------------------------
  // Node's order: every queued tick runs before the promise reactions of the
  // same turn; ticks queued by microtasks run once those are done. The event
  // loop calls runTicks before each microtask checkpoint (op node_tick says
  // the queue is no longer empty).
  let ticks = [];
  let tickIndex = 0;
  function nextTick(callback, ...args) {
    if (typeof callback !== "function") throw support.invalidArgType("callback", "of type function", callback);
    if (tickIndex === ticks.length) {
      ticks = [];
      tickIndex = 0;
      ops.node_tick();
    }
    const context = internal.asyncContext?.capture();
    if (context !== undefined) ticks.push(() => internal.asyncContext.within(context, callback, args));
    else ticks.push(args.length === 0 ? callback : () => Reflect.apply(callback, undefined, args));
  }
  function runTicks() {
    // A tick that throws is an uncaught exception; the rest run after it is
    // reported (or handled), on the next call.
    while (tickIndex < ticks.length) {
      const tick = ticks[tickIndex];
      ticks[tickIndex++] = undefined;
      if (tickIndex < ticks.length) {
        try {
          tick();
        } catch (error) {
          ops.node_tick();
          throw error;
        }
      } else {
        tick();
      }
    }
  }
  method("nextTick", nextTick);
  internal.nodeNextTick = nextTick;

  // --- exit ------------------------------------------------------------------------
  let exitCode;
  let exiting = false;
  Object.defineProperty(process, "exitCode", {
    get: () => exitCode,
    set(code) {
      if (code !== undefined && code !== null && !Number.isInteger(typeof code === "string" ? Number(code) : code)) {
        throw support.invalidArgType("code", "of type number", code);
      }
      exitCode = code === null ? undefined : code === undefined ? undefined : Number(code);
    },
    enumerable: true,
    configurable: true,
  });
  method("exit", function exit(code) {
    if (code !== undefined) process.exitCode = code;
    Kode.exit(exitCode ?? 0);
  });
  method("reallyExit", function reallyExit(code) {
    Kode.exit(code ?? 0);
  });
  Object.defineProperty(process, "_exiting", { get: () => exiting, enumerable: false, configurable: true });

  // Called by the event loop: `beforeExit` when it runs dry, `exit` at the end.
  function onExit(kind, code) {
    if (kind === "beforeExit") {
      process.emit("beforeExit", exitCode ?? code);
      return code;
    }
    if (exiting) return exitCode ?? code;
    exiting = true;
    if (exitCode === undefined || code !== 0) exitCode = code;
    process.emit("exit", exitCode);
    return exitCode;
  }

  // --- warnings --------------------------------------------------------------------
  method("emitWarning", function emitWarning(warning, type, code, ctor) {
    let detail;
    if (type !== null && typeof type === "object") {
      ({ type, code, detail } = type);
    } else if (typeof type === "function") {
      type = undefined;
    }
    if (typeof warning === "string") {
      const made = new Error(warning);
      made.name = typeof type === "string" ? type : "Warning";
      if (code !== undefined) made.code = code;
      if (detail !== undefined) made.detail = detail;
      warning = made;
    } else if (!(warning instanceof Error)) {
      throw support.invalidArgType("warning", "of type string or an instance of Error", warning);
    }
    if (warning.name === "DeprecationWarning" && process.noDeprecation) return;
    if (warning.name === "DeprecationWarning" && process.throwDeprecation) throw warning;
    support.nextTick(() => process.emit("warning", warning));
  });
  internal.nodeEmitWarning = (warning, type, code) => process.emitWarning(warning, type, code);
  process.on("warning", (warning) => {
    if (quiet) return;
    const prefix = warning.code !== undefined ? `[${warning.code}] ` : "";
    const detail = warning.detail !== undefined ? `\n${warning.detail}` : "";
    ops.print(`(node:${info.pid}) ${prefix}${warning.name}: ${warning.message}${detail}\n`, 2);
  });

  // --- standard streams (node:stream, made on first touch) -------------------------
  // On a terminal a tty.WriteStream, as in Node; else a plain Writable whose
  // colour depth is 1 unless FORCE_COLOR says otherwise (by tty's rules).
  function writeStream(fd) {
    const tty = support.builtin("node:tty");
    let stream;
    if (ops.stdio_is_terminal(fd)) {
      stream = new tty.WriteStream(fd);
    } else {
      const { Writable } = support.builtin("node:stream");
      stream = new Writable({ decodeStrings: false, write: support.stdioWrite(fd) });
      stream.fd = fd;
      stream._type = "pipe";
      const forced = (env) => tty.WriteStream.prototype.getColorDepth(env);
      stream.getColorDepth = () => (process.env.FORCE_COLOR === undefined ? 1 : forced(process.env));
      stream.hasColors = (count = 16) => 2 ** stream.getColorDepth() >= (typeof count === "object" ? 16 : count);
    }
    stream._isStdio = true;
    // Closing stdout or stderr leaves the descriptor open, as in Node.
    stream.destroySoon = stream.destroy;
    stream._destroy = (error, callback) => callback(error);
    return stream;
  }

  function readStream() {
    const { Readable } = support.builtin("node:stream");
    const stream = Readable.fromWeb(Kode.stdin);
    stream.fd = 0;
    if (ops.stdio_is_terminal(0)) {
      stream.isTTY = true;
      stream.isRaw = false;
      stream.setRawMode = support.unsupportedFunction("process.stdin.setRawMode");
    }
    return stream;
  }

  // Not enumerable: an ES module's `import process from "node:process"`
  // reads every enumerable member, and these are made only when touched.
  function lazy(name, make) {
    let made;
    Object.defineProperty(process, name, {
      get: () => (made ??= make()),
      set(v) {
        made = v;
      },
      enumerable: false,
      configurable: true,
    });
  }
  lazy("stdout", () => writeStream(1));
  lazy("stderr", () => writeStream(2));
  lazy("stdin", readStream);

  // Not a child of a Node parent: no IPC channel.
  value("connected", false);
  for (const name of ["send", "disconnect"]) value(name, undefined);
  value("report", {
    getReport: support.unsupportedFunction("process.report.getReport"),
    writeReport: support.unsupportedFunction("process.report.writeReport"),
  });

  return process;
})

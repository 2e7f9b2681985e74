// child_process.js: node:child_process over kode:subprocess (spawn, exec,
// execFile: a ChildProcess EventEmitter with Node streams for its pipes)
// and the node area's node_spawn_sync op (spawnSync, execSync,
// execFileSync). No IPC channel: fork and stdio "ipc" are ENODE_UNSUPPORTED.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, invalidArgValue, invokeCallback, unsupported, unsupportedFunction } = support;
  const EventEmitter = support.builtin("node:events");
  const B = () => support.builtin("node:buffer").Buffer;
  const streamModule = () => support.builtin("node:stream");
  const subprocess = () => internal.builtin("kode:subprocess");

  // Linux signal numbers, for kill(number) and os-style names.
  const signalNumbers = {
    SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8,
    SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17,
    SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23,
    SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29,
    SIGPWR: 30, SIGSYS: 31,
  };

  function signalName(signal, name = "signal") {
    if (typeof signal === "number") {
      const found = Object.keys(signalNumbers).find((key) => signalNumbers[key] === signal);
      if (found === undefined) throw nodeError(TypeError, "ERR_UNKNOWN_SIGNAL", `Unknown signal: ${signal}`);
      return found;
    }
    if (typeof signal !== "string") throw invalidArgType(name, "of type string or number", signal);
    if (!Object.hasOwn(signalNumbers, signal)) throw nodeError(TypeError, "ERR_UNKNOWN_SIGNAL", `Unknown signal: ${signal}`);
    return signal;
  }

  // The environment children get by default: process.env once node:process
  // exists, Kode's start-up environment before that.
  function defaultEnv() {
    try {
      return support.builtin("node:process").env;
    } catch {
      return internal.Kode.env.toObject();
    }
  }

  function toBuffer(bytes) {
    return bytes === null ? null : B().from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  // --- arguments, as Node normalizes them -----------------------------------------

  function checkString(value, name) {
    if (typeof value !== "string") throw invalidArgType(name, "of type string", value);
    return value;
  }

  function normalizeSpawnArguments(file, args, options) {
    checkString(file, "file");
    if (file.length === 0) throw invalidArgValue("file", file, "cannot be empty");
    if (Array.isArray(args)) args = [...args];
    else if (args == null) args = [];
    else if (typeof args !== "object") throw invalidArgType("args", "an instance of Array", args);
    else {
      options = args;
      args = [];
    }
    if (options === undefined) options = {};
    else if (options === null || typeof options !== "object") throw invalidArgType("options", "of type object", options);
    options = { ...options };
    if (options.cwd != null) {
      if (isURL(options.cwd)) options.cwd = decodeURIComponent(new URL(options.cwd).pathname);
      checkString(options.cwd, "options.cwd");
    }
    if (options.shell != null && typeof options.shell !== "boolean" && typeof options.shell !== "string") {
      throw invalidArgType("options.shell", "of type boolean or string", options.shell);
    }
    if (options.argv0 != null && checkString(options.argv0, "options.argv0") !== file) {
      throw unsupported("child_process options.argv0");
    }
    for (const id of ["uid", "gid"]) {
      if (options[id] != null) throw unsupported(`child_process options.${id}`);
    }
    for (const [index, arg] of args.entries()) {
      checkString(arg, `args[${index}]`);
      if (arg.includes("\u0000")) throw invalidArgValue(`args[${index}]`, arg, "must be a string without null bytes");
    }
    if (options.shell) {
      const command = [file, ...args].join(" ");
      file = typeof options.shell === "string" ? options.shell : "/bin/sh";
      args = ["-c", command];
    }
    const env = [];
    for (const [key, value] of Object.entries(options.env ?? defaultEnv())) {
      if (value !== undefined) env.push([key, `${value}`]);
    }
    return { file, args, options, env };
  }

  function isURL(value) {
    return value != null && typeof value === "object" && value.href != null && value.protocol != null;
  }

  // Each stdio entry as kode:subprocess takes it: "pipe", "inherit" or "null".
  function stdioModes(stdio, fallback = "pipe") {
    if (stdio === undefined || stdio === null) stdio = fallback;
    if (typeof stdio === "string") {
      if (stdio === "overlapped") stdio = "pipe";
      if (!["pipe", "ignore", "inherit"].includes(stdio)) throw invalidArgValue("stdio", stdio);
      stdio = [stdio, stdio, stdio];
    } else if (!Array.isArray(stdio)) {
      throw invalidArgValue("stdio", stdio);
    }
    const modes = [];
    for (let i = 0; i < 3; i++) {
      let entry = stdio[i];
      if (entry === undefined || entry === null) entry = i < 3 ? "pipe" : "ignore";
      if (entry === "overlapped") entry = "pipe";
      if (entry === "pipe") modes.push("pipe");
      else if (entry === "ignore") modes.push("null");
      else if (entry === "inherit" || entry === i || (typeof entry === "object" && entry.fd === i)) modes.push("inherit");
      else if (entry === "ipc") throw unsupported("child_process stdio 'ipc'");
      else throw unsupported(`child_process stdio[${i}] ${typeof entry === "object" ? "stream" : String(entry)}`);
    }
    for (let i = 3; i < stdio.length; i++) {
      if (stdio[i] === "ipc") throw unsupported("child_process stdio 'ipc'");
      if (stdio[i] != null && stdio[i] !== "ignore") throw unsupported(`child_process stdio[${i}]`);
    }
    return modes;
  }

  // `spawn nope ENOENT` with errno, code, syscall, path and spawnargs.
  function spawnError(error, syscall, file, args) {
    const [code, errno] = support.systemCode(error);
    const result = new Error(`${syscall} ${file} ${code}`);
    result.errno = errno;
    result.code = code;
    result.syscall = `${syscall} ${file}`;
    result.path = file;
    result.spawnargs = args;
    return result;
  }

  function abortError(cause) {
    const error = new Error("The operation was aborted", cause === undefined ? undefined : { cause });
    error.name = "AbortError";
    error.code = "ABORT_ERR";
    return error;
  }

  // --- Node streams over the child's Web streams ----------------------------------------

  function readableOf(web) {
    const { Readable } = streamModule();
    const reader = web.getReader();
    return new Readable({
      read() {
        reader.read().then(
          ({ value, done }) => this.push(done ? null : toBuffer(value)),
          (error) => this.destroy(error),
        );
      },
      destroy(error, callback) {
        reader.cancel().catch(() => {});
        callback(error);
      },
    });
  }

  function writableOf(web) {
    const { Writable } = streamModule();
    const writer = web.getWriter();
    return new Writable({
      write(chunk, encoding, callback) {
        const bytes = typeof chunk === "string" ? B().from(chunk, encoding) : chunk;
        writer.write(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).then(() => callback(), (error) => callback(nodeShape(error)));
      },
      final(callback) {
        writer.close().then(() => callback(), (error) => callback(nodeShape(error)));
      },
      destroy(error, callback) {
        writer.abort(error).catch(() => {});
        callback(error);
      },
    });
  }

  function nodeShape(error) {
    if (error && support.systemCode(error)[0] === error.code && error.code?.startsWith("E")) {
      return support.uvException(error, "write");
    }
    return error;
  }

  // --- ChildProcess ---------------------------------------------------------------------------

  const kChild = Symbol("kChild");

  function ChildProcess() {
    EventEmitter.call(this);
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._handle = null;
    this.spawnargs = [];
    this.pid = undefined;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this[kChild] = undefined;
  }
  Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(ChildProcess, EventEmitter);

  function maybeClose(child) {
    child._closesGot++;
    if (child._closesGot === child._closesNeeded) child.emit("close", child.exitCode, child.signalCode);
  }

  // A stream nobody reads is drained once the child has exited, so
  // 'close' still comes (as Node's flushStdio does).
  function flushStdio(child) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream && !stream.destroyed && stream.listenerCount("data") === 0 && stream.listenerCount("readable") === 0) stream.resume();
    }
  }

  ChildProcess.prototype.spawn = function (options) {
    const { file, args, options: checked, env } = normalizeSpawnArguments(options.file, options.args?.slice(1), options);
    return startChild(this, file, args, checked, env);
  };

  function startChild(child, file, args, options, env) {
    const modes = stdioModes(options.stdio);
    child.spawnfile = file;
    child.spawnargs = [file, ...args];
    let proc;
    try {
      proc = subprocess().spawn(file, args, {
        cwd: options.cwd ?? undefined,
        env: Object.fromEntries(env),
        clearEnv: true,
        stdin: modes[0],
        stdout: modes[1],
        stderr: modes[2],
        detached: Boolean(options.detached),
      });
    } catch (error) {
      // Node reports a failed start asynchronously: 'error', then 'close'
      // with the negative errno.
      const failure = spawnError(error, "spawn", file, args);
      child.stdio = [null, null, null];
      support.nextTick(() => {
        child.exitCode = failure.errno;
        child.emit("error", failure);
        child.emit("close", failure.errno, null);
      });
      return failure;
    }
    child[kChild] = proc;
    child.pid = proc.pid;
    if (modes[0] === "pipe") child.stdin = writableOf(proc.stdin);
    for (const [index, name] of [[1, "stdout"], [2, "stderr"]]) {
      if (modes[index] !== "pipe") continue;
      const stream = readableOf(proc[name]);
      child[name] = stream;
      child._closesNeeded++;
      stream.on("close", () => maybeClose(child));
    }
    child.stdio = [child.stdin, child.stdout, child.stderr];
    let timer;
    if (options.timeout > 0) {
      const killSignal = options.killSignal ?? "SIGTERM";
      timer = setTimeout(() => child.kill(killSignal), options.timeout);
    }
    if (options.signal !== undefined) {
      const { signal } = options;
      const onAbort = () => {
        child.kill(options.killSignal ?? "SIGTERM");
        child.emit("error", abortError(signal.reason));
      };
      if (signal.aborted) support.nextTick(onAbort);
      else {
        signal.addEventListener("abort", onAbort, { once: true });
        child.once("exit", () => signal.removeEventListener("abort", onAbort));
      }
    }
    proc.status.then(({ code, signal }) => {
      if (timer !== undefined) clearTimeout(timer);
      child.exitCode = code;
      child.signalCode = signal;
      if (child.stdin) child.stdin.destroy();
      child.emit("exit", code, signal);
      support.nextTick(flushStdio, child);
      maybeClose(child);
    });
    support.nextTick(() => child.emit("spawn"));
    return undefined;
  }

  ChildProcess.prototype.kill = function kill(sig = "SIGTERM") {
    const name = sig === 0 ? 0 : signalName(sig === undefined ? "SIGTERM" : sig);
    const proc = this[kChild];
    if (proc === undefined || this.exitCode !== null || this.signalCode !== null) return false;
    if (name !== 0) {
      proc.kill(name);
      this.killed = true;
    }
    return true;
  };

  // A child that is not detached keeps the run alive until it ends (Kode
  // reaps every child); ref/unref only answer.
  ChildProcess.prototype.ref = function ref() {};
  ChildProcess.prototype.unref = function unref() {};
  ChildProcess.prototype.send = unsupportedFunction("ChildProcess.send");
  ChildProcess.prototype.disconnect = unsupportedFunction("ChildProcess.disconnect");
  ChildProcess.prototype[Symbol.dispose] = function () {
    if (!this.killed) this.kill();
  };

  function spawn(file, args, options) {
    const normalized = normalizeSpawnArguments(file, args, options);
    const child = new ChildProcess();
    startChild(child, normalized.file, normalized.args, normalized.options, normalized.env);
    return child;
  }

  // --- exec / execFile ------------------------------------------------------------------------

  const promisifyCustom = Symbol.for("nodejs.util.promisify.custom");

  function execFile(file, args, options, callback) {
    if (typeof args === "function") {
      callback = args;
      args = [];
      options = undefined;
    } else if (args != null && !Array.isArray(args) && typeof args === "object") {
      callback = options;
      options = args;
      args = [];
    } else if (typeof options === "function") {
      callback = options;
      options = undefined;
    }
    if (callback !== undefined && callback !== null && typeof callback !== "function") throw invalidArgType("callback", "of type function", callback);
    options = { encoding: "utf8", timeout: 0, maxBuffer: 1024 * 1024, killSignal: "SIGTERM", shell: false, ...options };
    const cmd = [file, ...(args ?? [])].join(" ");
    const child = spawn(file, args ?? [], { ...options, stdio: "pipe", timeout: 0 });
    const encoding = options.encoding && options.encoding !== "buffer" && B().isEncoding(options.encoding) ? options.encoding : null;
    const collected = { stdout: [], stderr: [] };
    const sizes = { stdout: 0, stderr: 0 };
    let error;
    let killed = false;
    let finished = false;
    let timer;
    // Destroying the pipes first lets 'close' come even when a grandchild
    // still holds them (a shell's command), as in Node.
    const kill = () => {
      child.stdout?.destroy();
      child.stderr?.destroy();
      killed = true;
      try {
        child.kill(options.killSignal);
      } catch (e) {
        error ??= e;
      }
    };
    const text = (name) => {
      const all = B().concat(collected[name]);
      return encoding ? all.toString(encoding) : all;
    };
    const done = (code, signal) => {
      if (finished) return;
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      if (!callback) return;
      const stdout = text("stdout");
      const stderr = text("stderr");
      if (error === undefined && code === 0 && signal === null) {
        invokeCallback(callback, null, stdout, stderr);
        return;
      }
      let failure = error;
      if (failure === undefined) {
        failure = new Error(`Command failed: ${cmd}\n${stderr}`);
        failure.code = code;
        failure.killed = child.killed || killed;
        failure.signal = signal;
      }
      failure.cmd = cmd;
      invokeCallback(callback, failure, stdout, stderr);
    };
    for (const name of ["stdout", "stderr"]) {
      const stream = child[name];
      if (!stream) continue;
      stream.on("data", (chunk) => {
        sizes[name] += chunk.length;
        if (sizes[name] > options.maxBuffer) {
          const keep = chunk.length - (sizes[name] - options.maxBuffer);
          if (keep > 0) collected[name].push(chunk.subarray(0, keep));
          error ??= nodeError(RangeError, "ERR_CHILD_PROCESS_STDIO_MAXBUFFER", `${name} maxBuffer length exceeded`);
          kill();
        } else {
          collected[name].push(chunk);
        }
      });
    }
    child.on("error", (e) => {
      error = e;
      if (child.pid === undefined) done(null, null);
      else kill();
    });
    child.on("close", done);
    if (options.timeout > 0) timer = setTimeout(kill, options.timeout);
    return child;
  }

  function normalizeExecArgs(command, options, callback) {
    checkString(command, "command");
    if (typeof options === "function") {
      callback = options;
      options = undefined;
    }
    options = { ...options };
    options.shell = typeof options.shell === "string" ? options.shell : "/bin/sh";
    return { file: command, options, callback };
  }

  function exec(command, options, callback) {
    const normalized = normalizeExecArgs(command, options, callback);
    return execFile(normalized.file, normalized.options, normalized.callback);
  }

  // util.promisify(exec) resolves { stdout, stderr } and gives the child.
  function promisified(original) {
    return function (...args) {
      let child;
      const promise = new Promise((resolve, reject) => {
        child = original(...args, (err, stdout, stderr) => {
          if (err !== null) {
            err.stdout = stdout;
            err.stderr = stderr;
            reject(err);
          } else {
            resolve({ stdout, stderr });
          }
        });
      });
      promise.child = child;
      return promise;
    };
  }
  Object.defineProperty(exec, promisifyCustom, { value: promisified(exec), enumerable: false });
  Object.defineProperty(execFile, promisifyCustom, { value: promisified(execFile), enumerable: false });

  // --- the Sync forms ---------------------------------------------------------------------------

  function spawnSync(file, args, options) {
    const normalized = normalizeSpawnArguments(file, args, options);
    options = { maxBuffer: 1024 * 1024, ...normalized.options };
    return runSync(normalized.file, normalized.args, options, normalized.env);
  }

  function runSync(file, args, options, env) {
    const modes = stdioModes(options.stdio);
    let input = null;
    if (options.input != null) {
      if (typeof options.input === "string") input = B().from(options.input, options.encoding && options.encoding !== "buffer" ? options.encoding : "utf8");
      else if (ArrayBuffer.isView(options.input)) input = new Uint8Array(options.input.buffer, options.input.byteOffset, options.input.byteLength);
      else {
        // Node names the input by where it goes.
        const error = invalidArgType("options.stdio[0]", "of type string or an instance of Buffer, TypedArray, or DataView", options.input);
        error.message = error.message.replace('" argument', '" property');
        throw error;
      }
    }
    const bits = { inherit: 0, null: 1, pipe: 2 };
    const stdio = bits[modes[0]] | (bits[modes[1]] << 2) | (bits[modes[2]] << 4);
    const timeout = options.timeout ?? 0;
    if (typeof timeout !== "number" || timeout < 0) throw invalidArgType("options.timeout", "of type number", timeout);
    const killSignal = signalName(options.killSignal ?? "SIGTERM", "options.killSignal");
    const maxBuffer = options.maxBuffer ?? Infinity;
    const raw = ops.node_spawn_sync([file, ...args], options.cwd ?? null, env.flat(), stdio, input, timeout, killSignal, maxBuffer, Boolean(options.detached));
    if (raw.code !== undefined) {
      return {
        error: spawnError(raw, "spawnSync", file, args),
        status: null,
        signal: null,
        output: null,
        pid: 0,
        stdout: null,
        stderr: null,
      };
    }
    const encoding = options.encoding && options.encoding !== "buffer" ? options.encoding : null;
    const decode = (bytes) => {
      const buffer = toBuffer(bytes);
      return buffer !== null && encoding ? buffer.toString(encoding) : buffer;
    };
    const stdout = decode(raw.stdout);
    const stderr = decode(raw.stderr);
    const result = { status: raw.status, signal: raw.signal, output: [null, stdout, stderr], pid: raw.pid, stdout, stderr };
    if (raw.timedOut || raw.overflowed) {
      const code = raw.timedOut ? "ETIMEDOUT" : "ENOBUFS";
      const error = spawnError({ code, errno: raw.timedOut ? 110 : 105 }, "spawnSync", file, args);
      return { error, ...result };
    }
    return result;
  }

  // execSync/execFileSync: the output, or a thrown error with the result's fields.
  function checkExecSyncError(result, command) {
    let error;
    if (result.error) {
      error = result.error;
      Object.assign(error, result);
    } else if (result.status !== 0) {
      let message = `Command failed: ${command}`;
      if (result.stderr && result.stderr.length > 0) message += `\n${result.stderr.toString()}`;
      error = new Error(message);
      Object.assign(error, result);
    }
    return error;
  }

  function writeStderr(data) {
    if (data === null || data.length === 0) return;
    const bytes = typeof data === "string" ? B().from(data) : data;
    try {
      ops.node_fs_write(null, 2, bytes, -1);
    } catch {
      // stderr is gone: nothing to report to.
    }
  }

  function execFileSync(file, args, options) {
    const normalized = normalizeSpawnArguments(file, args, options);
    const inheritStderr = !normalized.options.stdio;
    const result = runSync(normalized.file, normalized.args, { maxBuffer: 1024 * 1024, ...normalized.options }, normalized.env);
    if (inheritStderr && result.stderr) writeStderr(result.stderr);
    const error = checkExecSyncError(result, [file, ...normalized.args].join(" "));
    if (error) throw error;
    return result.stdout;
  }

  function execSync(command, options) {
    checkString(command, "command");
    options = { ...options, shell: typeof options?.shell === "string" ? options.shell : "/bin/sh" };
    const normalized = normalizeSpawnArguments(command, [], options);
    const inheritStderr = !normalized.options.stdio;
    const result = runSync(normalized.file, normalized.args, { maxBuffer: 1024 * 1024, ...normalized.options }, normalized.env);
    if (inheritStderr && result.stderr) writeStderr(result.stderr);
    const error = checkExecSyncError(result, command);
    if (error) throw error;
    return result.stdout;
  }

  return {
    ChildProcess,
    _forkChild: unsupportedFunction("child_process._forkChild"),
    exec,
    execFile,
    execFileSync,
    execSync,
    fork: unsupportedFunction("child_process.fork"),
    spawn,
    spawnSync,
  };
})

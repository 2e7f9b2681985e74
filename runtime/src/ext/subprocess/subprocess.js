// subprocess.js: kode:subprocess (SPEC 4.6) - child processes.
//
// spawn(command, args, options) starts the child at once and returns a
// Subprocess: pid, stdin (a WritableStream of Uint8Arrays), stdout and stderr
// (byte ReadableStreams), each null unless that stream is "pipe"; status, a
// promise of { code, signal }; kill(signal). By default the child inherits
// all three streams (as Deno's spawn does). The child is a resource listed
// by Kode.activeOperations() ("kode:subprocess.spawn", its command line and
// pid); it keeps the run alive until it has ended, and so does a pending
// read of its output. When options.signal aborts (pass scope.signal to tie
// it to a Kode.scope) the child gets SIGTERM, then SIGKILL after killGrace
// ms, and its stdin is closed. At exit every child still running is killed
// and reaped, unless it was started with detached: true.
//
// run(command, args, options) collects the output: a promise of
// { code, signal, stdout, stderr } with the piped outputs as Uint8Arrays
// (null for one that is not piped; both are piped by default). Its stdin may
// be the input itself (a string or a Uint8Array), written and then closed.
(function (ops, internal) {
  "use strict";

  const { buildError, hostOp, checkSignal, ownedBy, describeValue } = internal;
  const SPAWN = "kode:subprocess.spawn";
  const RUN = "kode:subprocess.run";
  const WRITE = "kode:subprocess.stdin.write";
  const DEFAULT_GRACE = 2000;
  const MAX_GRACE = 1e12;
  // Two bits per stream, as subprocess_spawn takes them.
  const STDIO = new Map([
    ["inherit", 0],
    ["null", 1],
    ["pipe", 2],
  ]);

  const streams = () => internal.loadInternal("kode:internal/streams").internals;

  function invalid(operation, message, Class = TypeError) {
    return buildError(Class, "EINVALID_ARG", `${operation}: ${message}`, { operation });
  }

  function checkText(value, what, operation) {
    if (typeof value !== "string") throw invalid(operation, `${what} must be a string (got ${describeValue(value)})`);
    if (value.includes("\0")) throw invalid(operation, `${what} must not contain NUL characters`);
    return value;
  }

  function checkFlag(options, name, operation) {
    const value = options[name] ?? false;
    if (typeof value !== "boolean") throw invalid(operation, `options.${name} must be a boolean`);
    return value;
  }

  function checkStdio(options, name, fallback, operation) {
    const value = options[name] ?? fallback;
    if (!STDIO.has(value)) throw invalid(operation, `options.${name} must be "pipe", "inherit" or "null"`);
    return value;
  }

  function checkEnv(env, operation) {
    if (env === undefined || env === null) return [];
    if (typeof env !== "object") throw invalid(operation, "options.env must be an object of strings");
    const pairs = [];
    for (const [name, value] of Object.entries(env)) {
      if (name === "" || name.includes("=") || name.includes("\0")) throw invalid(operation, `options.env: ${JSON.stringify(name)} is not a variable name`);
      pairs.push(name, checkText(value, `options.env.${name}`, operation));
    }
    return pairs;
  }

  // What spawn and run share: the checked call. `args` may be left out:
  // spawn("ls", { cwd }).
  function prepare(operation, command, args, options, defaults) {
    if (options === undefined && args !== null && typeof args === "object" && !Array.isArray(args)) {
      options = args;
      args = undefined;
    }
    checkText(command, "the command", operation);
    if (command === "") throw invalid(operation, "the command must not be empty");
    if (args === undefined || args === null) args = [];
    else if (!Array.isArray(args)) throw invalid(operation, `args must be an array of strings (got ${describeValue(args)})`);
    const argv = [command, ...args.map((arg, i) => checkText(arg, `args[${i}]`, operation))];
    if (options === undefined || options === null) options = {};
    else if (typeof options !== "object") throw invalid(operation, "options must be an object");
    let cwd = options.cwd ?? null;
    if (cwd !== null && checkText(cwd, "options.cwd", operation) === "") throw invalid(operation, "options.cwd must not be empty");
    const env = checkEnv(options.env, operation);
    const clearEnv = checkFlag(options, "clearEnv", operation);
    const detached = checkFlag(options, "detached", operation);
    const killGrace = options.killGrace ?? DEFAULT_GRACE;
    if (typeof killGrace !== "number" || !(killGrace >= 0 && killGrace <= MAX_GRACE)) {
      throw invalid(operation, `options.killGrace must be a number of ms from 0 to ${MAX_GRACE}`, RangeError);
    }
    // run's stdin may be the input itself: any string but the names of
    // the modes (send the text "null" as bytes), or a Uint8Array.
    let input;
    let stdin = options.stdin ?? defaults.stdin;
    if (defaults.input && (stdin instanceof Uint8Array || (typeof stdin === "string" && !STDIO.has(stdin)))) {
      input = stdin;
      stdin = "pipe";
    } else if (defaults.input && (stdin === "pipe" || !STDIO.has(stdin))) {
      throw invalid(operation, 'options.stdin must be "inherit", "null", the input as a string or a Uint8Array');
    } else {
      stdin = checkStdio({ stdin }, "stdin", undefined, operation);
    }
    const stdout = checkStdio(options, "stdout", defaults.output, operation);
    const stderr = checkStdio(options, "stderr", defaults.output, operation);
    const signal = checkSignal(options.signal, operation);
    const stdio = STDIO.get(stdin) | (STDIO.get(stdout) << 2) | (STDIO.get(stderr) << 4);
    return { operation, argv, cwd, env, clearEnv, detached, killGrace, signal, stdio, input };
  }

  // Starts the child: its resource ids, its status (settled once it has
  // ended, when its resource closes), and its termination on abort.
  function launch(spec) {
    const { operation, argv, signal } = spec;
    if (signal?.aborted) {
      throw buildError(Error, "ECANCELED", `${operation} was canceled`, { operation, path: argv[0], cause: signal.reason });
    }
    const [rid, pid, inRid, outRid, errRid] = ops.subprocess_spawn(argv, spec.cwd, spec.env, spec.clearEnv, spec.stdio, spec.detached);
    const child = { rid, pid, inRid, outRid, errRid, inputClosed: false, status: undefined };
    child.closeInput = () => {
      if (inRid === null || child.inputClosed) return;
      child.inputClosed = true;
      ops.resource_close(inRid);
    };
    const unfollow = ownedBy(signal, () => {
      ops.subprocess_terminate(rid, spec.killGrace);
      child.closeInput();
    });
    // Not listed: the child itself is (a resource) until its status is known.
    child.status = hostOp(null, "", undefined, (id) => ops.subprocess_wait(id, rid)).then((status) => {
      unfollow();
      ops.resource_close(rid);
      return status;
    });
    return child;
  }

  function readOutput(child, name) {
    const rid = name === "stdout" ? child.outRid : child.errRid;
    return hostOp(`kode:subprocess.${name}.read`, `pid ${child.pid}`, undefined, (id) => ops.resource_read(id, rid));
  }

  function closedInput(pid) {
    return buildError(Error, "ECLOSED", `ECLOSED: the stdin of pid ${pid} is closed, ${WRITE}`, { operation: WRITE });
  }

  function writeInput(child, data) {
    if (child.inputClosed) return Promise.reject(closedInput(child.pid));
    return hostOp(WRITE, `pid ${child.pid}`, undefined, (id) => ops.resource_write(id, child.inRid, data));
  }

  // A byte ReadableStream of one output: reading it to the end, cancelling
  // it or its failing closes the pipe.
  function outputStream(child, name) {
    const rid = name === "stdout" ? child.outRid : child.errRid;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      ops.resource_close(rid);
    };
    const pull = async () => {
      try {
        const chunk = await readOutput(child, name);
        if (chunk === null) close();
        return chunk;
      } catch (error) {
        close();
        throw error;
      }
    };
    return streams().createReadable(pull, close, { type: "bytes" });
  }

  // A WritableStream of Uint8Arrays into the child's stdin; closing it,
  // aborting it or its failing closes the pipe (after the writes already made).
  function inputStream(child) {
    const write = async (chunk) => {
      try {
        if (!(chunk instanceof Uint8Array)) throw invalid(WRITE, `each chunk must be a Uint8Array (got ${describeValue(chunk)})`);
        await writeInput(child, chunk);
      } catch (error) {
        child.closeInput();
        throw error;
      }
    };
    return streams().createWritable(write, child.closeInput, child.closeInput);
  }

  const token = Symbol("kode.subprocess.Subprocess");

  class Subprocess {
    #child;
    #stdin;
    #stdout;
    #stderr;
    constructor(key, child) {
      if (key !== token) throw invalid("kode:subprocess.Subprocess", "Illegal constructor: use spawn()");
      this.#child = child;
    }
    get pid() {
      return this.#child.pid;
    }
    // Each stream is made on first touch (the same object after), null
    // unless it was piped.
    get stdin() {
      if (this.#child.inRid === null) return null;
      return (this.#stdin ??= inputStream(this.#child));
    }
    get stdout() {
      if (this.#child.outRid === null) return null;
      return (this.#stdout ??= outputStream(this.#child, "stdout"));
    }
    get stderr() {
      if (this.#child.errRid === null) return null;
      return (this.#stderr ??= outputStream(this.#child, "stderr"));
    }
    // Resolves with { code, signal } once the child has ended: code is its
    // exit code (null when a signal ended it), signal that signal's name.
    get status() {
      return this.#child.status;
    }
    // Sends `signal` (a name such as "SIGTERM", or its number); nothing once
    // the child has ended. An unknown signal is a TypeError EINVALID_ARG.
    kill(signal = "SIGTERM") {
      ops.subprocess_kill(this.#child.rid, signal);
    }
    get [Symbol.toStringTag]() {
      return "Subprocess";
    }
  }

  const SPAWN_DEFAULTS = { stdin: "inherit", output: "inherit", input: false };
  const RUN_DEFAULTS = { stdin: "inherit", output: "pipe", input: true };

  function spawn(command, args, options) {
    const spec = prepare(SPAWN, command, args, options, SPAWN_DEFAULTS);
    return new Subprocess(token, launch(spec));
  }

  // All of one output; the pipe is closed at the end (or on failure).
  async function readAll(child, name) {
    const rid = name === "stdout" ? child.outRid : child.errRid;
    if (rid === null) return null;
    const chunks = [];
    let size = 0;
    try {
      for (let chunk = await readOutput(child, name); chunk !== null; chunk = await readOutput(child, name)) {
        chunks.push(chunk);
        size += chunk.length;
      }
    } finally {
      ops.resource_close(rid);
    }
    if (chunks.length === 1) return chunks[0];
    const all = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return all;
  }

  // Writes the input, then closes stdin. A child that exits without reading
  // all of it is not an error (EPIPE is ignored), as it is not in a shell.
  async function feed(child, input) {
    try {
      if (input.length > 0) await writeInput(child, input);
    } catch (error) {
      if (error?.code !== "EPIPE") throw error;
    } finally {
      child.closeInput();
    }
  }

  async function collect(spec) {
    const child = launch(spec);
    const done = Promise.all([child.status, readAll(child, "stdout"), readAll(child, "stderr"), spec.input === undefined ? undefined : feed(child, spec.input)]);
    const { signal } = spec;
    const finished = (([status, stdout, stderr]) => ({ code: status.code, signal: status.signal, stdout, stderr }));
    if (!signal) return done.then(finished);
    // An abort rejects at once (the child is being terminated), and drops the output.
    return new Promise((resolve, reject) => {
      const unfollow = ownedBy(signal, () => {
        if (child.outRid !== null) ops.resource_close(child.outRid);
        if (child.errRid !== null) ops.resource_close(child.errRid);
        reject(buildError(Error, "ECANCELED", `${RUN} was canceled`, { operation: RUN, path: spec.argv[0], cause: signal.reason }));
      });
      done.then(
        (results) => {
          unfollow();
          resolve(finished(results));
        },
        (error) => {
          unfollow();
          reject(error);
        },
      );
    });
  }

  function run(command, args, options) {
    try {
      return collect(prepare(RUN, command, args, options, RUN_DEFAULTS));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return { spawn, run };
})

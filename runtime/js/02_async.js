// async.js: cancellation signals, host operations and structured scopes
// (Kode.sleep, Kode.timeout, Kode.scope, Kode.activeOperations).
(function (ops, internal, info) {
  "use strict";

  const { buildError, Kode } = internal;

  function define(target, name, value) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  }

  // --- AbortSignal / AbortController -----------------------------------------
  const signalState = new WeakMap();
  const token = Symbol("kode.internal");

  // `fields` name what was being worked on (`path` for a file operation).
  function canceledError(operation, reason, message = `${operation} was canceled`, fields = undefined) {
    return buildError(Error, "ECANCELED", message, { operation, ...fields, cause: reason });
  }

  class AbortSignal {
    constructor(key) {
      if (key !== token) {
        throw buildError(TypeError, "EINVALID_ARG", "Illegal constructor: use new AbortController()", { operation: "AbortSignal" });
      }
      signalState.set(this, { aborted: false, reason: undefined, listeners: [], onabort: null });
    }
    get aborted() {
      return state(this).aborted;
    }
    get reason() {
      return state(this).reason;
    }
    get onabort() {
      return state(this).onabort;
    }
    set onabort(fn) {
      state(this).onabort = typeof fn === "function" ? fn : null;
    }
    throwIfAborted() {
      if (state(this).aborted) throw state(this).reason;
    }
    addEventListener(type, listener, options) {
      if (type !== "abort" || (typeof listener !== "function" && typeof listener?.handleEvent !== "function")) return;
      const s = state(this);
      if (s.listeners.some((l) => l.listener === listener)) return;
      const once = typeof options === "object" && options !== null && Boolean(options.once);
      s.listeners.push({ listener, once });
    }
    removeEventListener(type, listener) {
      if (type !== "abort") return;
      const s = state(this);
      s.listeners = s.listeners.filter((l) => l.listener !== listener);
    }
    static abort(reason) {
      const signal = new AbortSignal(token);
      abortSignal(signal, reason);
      return signal;
    }
    static timeout(ms) {
      return Kode.timeout(ms).signal;
    }
    get [Symbol.toStringTag]() {
      return "AbortSignal";
    }
  }

  function state(signal) {
    const s = signalState.get(signal);
    if (s === undefined) {
      throw buildError(TypeError, "EINVALID_ARG", "Illegal invocation: not an AbortSignal", { operation: "AbortSignal" });
    }
    return s;
  }

  function newSignal() {
    return new AbortSignal(token);
  }

  // Aborts once; listeners run in registration order, then `onabort`
  // (EventTarget runs the handler in its attribute-setting slot; close enough).
  // A listener that throws does not stop the others; its error is reported.
  function abortSignal(signal, reason) {
    const s = state(signal);
    if (s.aborted) return;
    s.aborted = true;
    s.reason = reason === undefined ? buildError(Error, "ECANCELED", "The operation was aborted", { operation: "AbortController.abort", name: "AbortError" }) : reason;
    const event = { type: "abort", target: signal, currentTarget: signal };
    // A listener removed by an earlier one during this dispatch does not run (as in the DOM).
    for (const entry of s.listeners.slice()) {
      if (!s.listeners.includes(entry)) continue;
      s.listeners = s.listeners.filter((l) => l !== entry);
      dispatch(signal, entry.listener, event);
    }
    if (s.onabort) dispatch(signal, s.onabort, event);
  }

  function dispatch(signal, listener, event) {
    try {
      if (typeof listener === "function") Reflect.apply(listener, signal, [event]);
      else listener.handleEvent(event);
    } catch (error) {
      Promise.reject(error);
    }
  }

  class AbortController {
    #signal = newSignal();
    get signal() {
      return this.#signal;
    }
    abort(reason) {
      abortSignal(this.#signal, reason);
    }
  }

  define(globalThis, "AbortSignal", AbortSignal);
  define(globalThis, "AbortController", AbortController);

  function checkSignal(signal, operation) {
    if (signal === undefined || signal === null) return undefined;
    if (!signalState.has(signal)) {
      throw buildError(TypeError, "EINVALID_ARG", `${operation}: options.signal must be an AbortSignal`, { operation });
    }
    return signal;
  }
  internal.checkSignal = checkSignal;

  // --- host operations ---------------------------------------------------------
  const pendingOps = new Map();

  // Runs `start(id)` (which calls an async op) and returns a promise for its
  // result. `id` is a number from the run's 64-bit id space (exact up to 2^53). An abort rejects at once with ECANCELED (carrying `fields`, such as
  // the op's `path`) and tells Rust to drop the op.
  function hostOp(operation, detail, signal, start, fields = undefined) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(canceledError(operation, signal.reason, undefined, fields));
        return;
      }
      const id = internal.nextId();
      start(id);
      const record = { operation, detail, startedMs: Date.now(), resolve, reject, cleanup: undefined };
      pendingOps.set(id, record);
      if (signal) {
        const onAbort = () => {
          pendingOps.delete(id);
          ops.cancel(id);
          reject(canceledError(operation, signal.reason, undefined, fields));
        };
        signal.addEventListener("abort", onAbort, { once: true });
        record.cleanup = () => signal.removeEventListener("abort", onAbort);
      }
    });
  }
  internal.hostOp = hostOp;

  // Every op that finished in one event-loop turn arrives in one call, as
  // a flat [id, ok, value, id, ok, value, ...] array; the loop runs the
  // microtasks once afterwards (continuations still run in completion order).
  internal.completeOps = function (batch) {
    for (let i = 0; i < batch.length; i += 3) {
      const record = pendingOps.get(batch[i]);
      if (record === undefined) continue;
      pendingOps.delete(batch[i]);
      record.cleanup?.();
      if (batch[i + 1]) record.resolve(batch[i + 2]);
      else record.reject(batch[i + 2]);
    }
  };

  // A resource (an open file handle) belongs to the signal it was opened
  // with, if any: when that signal aborts (a scope's signal aborts when the
  // scope ends), `close` runs, at once if it has already aborted. Returns the
  // function that drops the link, for a close that happens first.
  function ownedBy(signal, close) {
    if (!signal) return () => {};
    if (signal.aborted) {
      close();
      return () => {};
    }
    signal.addEventListener("abort", close, { once: true });
    return () => signal.removeEventListener("abort", close);
  }
  internal.ownedBy = ownedBy;

  // Unlike setTimeout's delay, a sleep or timeout is taken as given: a 30-day
  // timeout must not fire at once. Past what a timer can hold it is an error.
  const MAX_DELAY = 1e12;
  function checkDelay(ms, operation) {
    const delay = Number(ms);
    if (typeof ms !== "number" || !(delay >= 0 && delay <= MAX_DELAY)) {
      throw buildError(RangeError, "EINVALID_ARG", `${operation}: ms must be a number from 0 to ${MAX_DELAY}`, { operation });
    }
    return delay;
  }

  // Sleeps are timers with a promise; they are listed as their own operation.
  function sleep(ms, options = {}) {
    return new Promise((resolve, reject) => {
      const delay = checkDelay(ms, "Kode.sleep");
      const signal = checkSignal(options?.signal, "Kode.sleep");
      if (signal?.aborted) {
        reject(canceledError("Kode.sleep", signal.reason));
        return;
      }
      let onAbort;
      const id = internal.startTimer(
        () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        delay,
        [],
        { operation: "Kode.sleep", exact: true },
      );
      if (signal) {
        onAbort = () => {
          internal.clearTimer(id);
          reject(canceledError("Kode.sleep", signal.reason));
        };
        signal.addEventListener("abort", onAbort, { once: true });
      }
    });
  }

  function timeout(ms) {
    const delay = checkDelay(ms, "Kode.timeout");
    const signal = newSignal();
    internal.startTimer(
      () => abortSignal(signal, buildError(Error, "ETIMEDOUT", `Timed out after ${delay}ms`, { operation: "Kode.timeout", name: "TimeoutError" })),
      delay,
      [],
      { unref: true, operation: "Kode.timeout", exact: true },
    );
    return { signal };
  }

  function activeOperations() {
    const list = [...internal.activeTimers()];
    for (const [id, op] of pendingOps) {
      list.push({ id, operation: op.operation, detail: op.detail, startedMs: op.startedMs });
    }
    // Open resources (file handles), listed as `kode:fs.FileHandle` with their path.
    const resources = ops.resource_list();
    for (let i = 0; i < resources.length; i += 4) {
      list.push({ id: resources[i], operation: resources[i + 1], detail: resources[i + 2], startedMs: resources[i + 3] });
    }
    return list.sort((a, b) => a.id - b.id);
  }

  // --- structured scopes -------------------------------------------------------
  // `Kode.scope(fn, { signal })`: fn(scope) runs; scope.async(task) starts owned
  // tasks. The scope settles only when fn and every task have settled. The first
  // failure aborts `scope.signal` (cancelling the rest) and becomes the scope's
  // rejection. The signal also aborts when the scope ends, and when the optional
  // parent `signal` aborts (how nested scopes inherit cancellation).
  async function scope(fn, options = {}) {
    if (typeof fn !== "function") {
      throw buildError(TypeError, "EINVALID_ARG", "Kode.scope: the argument must be a function", { operation: "Kode.scope" });
    }
    const parent = checkSignal(options?.signal, "Kode.scope");
    const signal = newSignal();
    const tasks = new Set();
    let closed = false;
    let failure = null;

    const fail = (error) => {
      if (failure !== null) return;
      failure = { error };
      abortSignal(signal, canceledError("Kode.scope", error, "The scope was canceled because a task failed"));
    };
    const onParentAbort = () => abortSignal(signal, parent.reason);
    if (parent) {
      if (parent.aborted) onParentAbort();
      else parent.addEventListener("abort", onParentAbort, { once: true });
    }

    const handle = Object.freeze({
      signal,
      async(task) {
        if (closed) {
          throw buildError(Error, "ESCOPE_CLOSED", "scope.async was called after the scope closed", { operation: "scope.async" });
        }
        if (typeof task !== "function") {
          throw buildError(TypeError, "EINVALID_ARG", "scope.async: the argument must be a function", { operation: "scope.async" });
        }
        const promise = (async () => task(signal))();
        // The scope observes every task, so an ignored failing task is not an
        // unhandled rejection: it fails the scope instead.
        const settled = promise.then(() => {}, fail);
        tasks.add(settled);
        settled.then(() => tasks.delete(settled));
        return promise;
      },
    });

    let result;
    try {
      result = await fn(handle);
    } catch (error) {
      fail(error);
    }
    while (tasks.size > 0) await Promise.all(tasks);
    closed = true;
    parent?.removeEventListener("abort", onParentAbort);
    if (failure === null) abortSignal(signal, canceledError("Kode.scope", undefined, "The scope has ended"));
    if (failure !== null) throw failure.error;
    return result;
  }

  Object.assign(Kode, { sleep, timeout, scope, activeOperations });
})

// async.js: cancellation signals, host operations and structured scopes
// (Kode.sleep, Kode.timeout, Kode.scope, Kode.activeOperations).
(function (ops, internal) {
  "use strict";

  const { buildError, Kode } = internal;

  // --- signals ----------------------------------------------------------------
  // AbortSignal and AbortController are runtime/js/abort.js (loaded lazily):
  // Kode's own code makes, aborts and follows signals through its internals.
  const abortApi = () => internal.loadInternal("kode:internal/abort").internals;
  const newSignal = () => abortApi().newSignal();
  const abortSignal = (signal, reason) => abortApi().abort(signal, reason);
  // Runs `algorithm` when `signal` aborts (before its `abort` event); returns
  // the function that stops following it.
  const follow = (signal, algorithm) => abortApi().follow(signal, algorithm);

  // `fields` name what was being worked on (`path` for a file operation).
  function canceledError(operation, reason, message = `${operation} was canceled`, fields = undefined) {
    return buildError(Error, "ECANCELED", message, { operation, ...fields, cause: reason });
  }

  function checkSignal(signal, operation) {
    if (signal === undefined || signal === null) return undefined;
    if (!abortApi().isSignal(signal)) {
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
        record.cleanup = follow(signal, onAbort);
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
    return follow(signal, close);
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
      let unfollow;
      const id = internal.startTimer(
        () => {
          unfollow?.();
          resolve();
        },
        delay,
        [],
        { operation: "Kode.sleep", exact: true },
      );
      if (signal) {
        unfollow = follow(signal, () => {
          internal.clearTimer(id);
          reject(canceledError("Kode.sleep", signal.reason));
        });
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
      // Waits a resource stands for (a server's next requests) are not listed twice.
      if (op.operation === null) continue;
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
    let unfollowParent;
    if (parent) {
      if (parent.aborted) abortSignal(signal, parent.reason);
      else unfollowParent = follow(parent, () => abortSignal(signal, parent.reason));
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
    unfollowParent?.();
    if (failure === null) abortSignal(signal, canceledError("Kode.scope", undefined, "The scope has ended"));
    if (failure !== null) throw failure.error;
    return result;
  }

  Object.assign(Kode, { sleep, timeout, scope, activeOperations });
})

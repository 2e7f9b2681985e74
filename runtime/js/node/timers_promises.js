// timers_promises.js: node:timers/promises over node:timers: setTimeout,
// setImmediate, setInterval (an async iterator) and scheduler, each
// cancelled by an AbortSignal with Node's AbortError (code ABORT_ERR).
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const timers = support.builtin("node:timers");
  const { argTypeError } = support;

  class AbortError extends Error {
    constructor(message = "The operation was aborted", options = undefined) {
      super(message, options);
      this.code = "ABORT_ERR";
      this.name = "AbortError";
    }
  }
  const abortError = (signal) => new AbortError(undefined, { cause: signal.reason });

  // Validates { signal, ref } as Node does.
  function checkOptions(options) {
    if (options === null || typeof options !== "object") throw argTypeError("options", "Object", options);
    const { signal, ref = true } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) throw argTypeError("options.signal", "AbortSignal", signal);
    if (typeof ref !== "boolean") throw argTypeError("options.ref", "boolean", ref);
    return { signal, ref };
  }

  // A timer-backed promise: `arm(resolve)` starts the timer and returns it.
  function cancellable(options, arm, clear) {
    let checked;
    try {
      checked = checkOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    const { signal, ref } = checked;
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      let onAbort;
      const timer = arm((value) => {
        if (onAbort) signal.removeEventListener("abort", onAbort);
        resolve(value);
      });
      if (!ref) timer.unref();
      if (signal) {
        onAbort = () => {
          clear(timer);
          reject(abortError(signal));
        };
        signal.addEventListener("abort", onAbort, { once: true });
      }
    });
  }

  function setTimeout(after, value, options = {}) {
    return cancellable(options, (resolve) => timers.setTimeout(() => resolve(value), after), timers.clearTimeout);
  }

  function setImmediate(value, options = {}) {
    return cancellable(options, (resolve) => timers.setImmediate(() => resolve(value)), timers.clearImmediate);
  }

  async function* setInterval(after, value, options = {}) {
    const { signal, ref } = checkOptions(options);
    if (signal?.aborted) throw abortError(signal);
    let pending = 0;
    let wake;
    let aborted = false;
    const interval = timers.setInterval(() => {
      pending++;
      wake?.();
      wake = undefined;
    }, after);
    if (!ref) interval.unref();
    const onAbort = () => {
      aborted = true;
      wake?.();
      wake = undefined;
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      while (!aborted) {
        if (pending === 0) await new Promise((resolve) => (wake = resolve));
        if (aborted) break;
        for (; pending > 0; pending--) yield value;
      }
      throw abortError(signal);
    } finally {
      timers.clearInterval(interval);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  const scheduler = {
    wait(delay, options) {
      return setTimeout(delay, undefined, options);
    },
    yield() {
      return setImmediate();
    },
  };

  return { setTimeout, setImmediate, setInterval, scheduler };
})

// abort.js: kode:internal/abort - the DOM's AbortController and AbortSignal
// (https://dom.spec.whatwg.org/#aborting-ongoing-activities): a signal is an
// EventTarget, with `any`, `timeout` and `abort`, abort algorithms and
// dependent signals. Loaded on the first touch of either global, and by
// Kode's own code the first time it makes or checks a signal
// (runtime/js/02_async.js: Kode.scope, Kode.timeout, options.signal).
//
// Kode's host operations do not listen with addEventListener (a program's
// listener could stop the event before them): they add an abort algorithm
// (`internals.follow`), which runs before the `abort` event is fired.
(function (ops, internal) {
  "use strict";

  const { finishInterface, requireArguments } = internal.webidl;
  const events = internal.loadInternal("kode:internal/events");
  const { EventTarget, Event, DOMException } = events;
  const { fireEvent, defineEventHandler } = events.internals;

  const construct = Symbol("internal construct");

  let stateOf;
  class AbortSignal extends EventTarget {
    // { aborted, reason, algorithms: Set, sources: Set | null (dependent
    // signals: the non-dependent signals they follow), dependents: Set,
    // dependent }. A source holds its dependents strongly (the DOM keeps a
    // dependent with listeners alive while a source may still abort); an
    // aborted dependent is dropped from every source.
    #state;
    constructor(key) {
      if (key !== construct) throw new TypeError("Illegal constructor");
      super();
      this.#state = { aborted: false, reason: undefined, algorithms: new Set(), sources: null, dependents: new Set(), dependent: false };
    }
    static {
      stateOf = (signal, member) => {
        if (signal === null || typeof signal !== "object" || !(#state in signal)) {
          throw new TypeError(`AbortSignal.prototype.${member}: 'this' is not an AbortSignal`);
        }
        return signal.#state;
      };
    }

    // https://dom.spec.whatwg.org/#dom-abortsignal-abort
    static abort(reason = undefined) {
      const signal = new AbortSignal(construct);
      const state = signal.#state;
      state.aborted = true;
      state.reason = reason === undefined ? abortError() : reason;
      return signal;
    }

    // https://dom.spec.whatwg.org/#dom-abortsignal-timeout: the timer does
    // not keep the run alive.
    static timeout(milliseconds) {
      requireArguments(arguments.length, 1, "Failed to execute 'timeout' on 'AbortSignal'");
      const ms = enforceRangeUnsignedLongLong(milliseconds, "AbortSignal.timeout");
      const signal = new AbortSignal(construct);
      internal.startTimer(
        () => signalAbort(signal, new DOMException("The operation timed out.", "TimeoutError")),
        ms,
        [],
        { unref: true, operation: "AbortSignal.timeout", exact: true },
      );
      return signal;
    }

    // https://dom.spec.whatwg.org/#dom-abortsignal-any
    static any(signals) {
      requireArguments(arguments.length, 1, "Failed to execute 'any' on 'AbortSignal'");
      const list = sequenceOfSignals(signals);
      const result = new AbortSignal(construct);
      const state = result.#state;
      for (const signal of list) {
        if (signal.#state.aborted) {
          state.aborted = true;
          state.reason = signal.#state.reason;
          return result;
        }
      }
      state.dependent = true;
      state.sources = new Set();
      for (const signal of list) {
        const sources = signal.#state.dependent ? signal.#state.sources : [signal];
        for (const source of sources) {
          if (state.sources.has(source)) continue;
          state.sources.add(source);
          source.#state.dependents.add(result);
        }
      }
      return result;
    }

    get aborted() {
      return stateOf(this, "aborted").aborted;
    }
    get reason() {
      return stateOf(this, "reason").reason;
    }
    throwIfAborted() {
      const state = stateOf(this, "throwIfAborted");
      if (state.aborted) throw state.reason;
    }
  }
  defineEventHandler(AbortSignal.prototype, "abort");
  finishInterface(AbortSignal, "AbortSignal");

  // WebIDL `sequence<AbortSignal>`: any iterable of signals.
  function sequenceOfSignals(value) {
    if (value === null || (typeof value !== "object" && typeof value !== "function") || typeof value[Symbol.iterator] !== "function") {
      throw new TypeError("AbortSignal.any: the argument is not a sequence of AbortSignal.");
    }
    const list = [];
    for (const item of value) {
      if (!isSignal(item)) throw new TypeError("AbortSignal.any: an element of the sequence is not an AbortSignal.");
      list.push(item);
    }
    return list;
  }

  // WebIDL [EnforceRange] unsigned long long.
  function enforceRangeUnsignedLongLong(value, context) {
    const number = Number(value);
    if (!Number.isFinite(number)) throw new TypeError(`${context}: the value is not a finite number.`);
    const integer = Math.trunc(number);
    if (integer < 0 || integer > Number.MAX_SAFE_INTEGER) throw new TypeError(`${context}: the value is outside the range of unsigned long long.`);
    return integer;
  }

  const abortError = () => new DOMException("This operation was aborted", "AbortError");

  function isSignal(value) {
    try {
      stateOf(value, "");
      return true;
    } catch {
      return false;
    }
  }

  // https://dom.spec.whatwg.org/#abortsignal-signal-abort
  function signalAbort(signal, reason) {
    const state = stateOf(signal, "abort");
    if (state.aborted) return;
    state.aborted = true;
    state.reason = reason === undefined ? abortError() : reason;
    const dependentsToAbort = [];
    for (const dependent of state.dependents) {
      const dependentState = stateOf(dependent, "abort");
      if (dependentState.aborted) continue;
      dependentState.aborted = true;
      dependentState.reason = state.reason;
      dependentsToAbort.push(dependent);
    }
    state.dependents.clear();
    for (const dependent of dependentsToAbort) {
      for (const source of stateOf(dependent, "abort").sources) stateOf(source, "abort").dependents.delete(dependent);
    }
    runAbortSteps(signal);
    for (const dependent of dependentsToAbort) runAbortSteps(dependent);
  }

  // https://dom.spec.whatwg.org/#run-the-abort-steps
  function runAbortSteps(signal) {
    const state = stateOf(signal, "abort");
    const algorithms = [...state.algorithms];
    state.algorithms.clear();
    for (const algorithm of algorithms) algorithm();
    fireEvent(signal, new Event("abort"));
  }

  class AbortController {
    #signal = new AbortSignal(construct);
    get signal() {
      if (!(#signal in this)) throw new TypeError("AbortController.prototype.signal: 'this' is not an AbortController");
      return this.#signal;
    }
    abort(reason = undefined) {
      if (!(#signal in this)) throw new TypeError("AbortController.prototype.abort: 'this' is not an AbortController");
      signalAbort(this.#signal, reason);
    }
  }
  finishInterface(AbortController, "AbortController");

  // Adds an abort algorithm; returns the function that removes it. A signal
  // that has already aborted never runs it (callers check `aborted` first).
  function follow(signal, algorithm) {
    const state = stateOf(signal, "follow");
    if (state.aborted) return () => {};
    state.algorithms.add(algorithm);
    return () => state.algorithms.delete(algorithm);
  }

  return {
    AbortSignal,
    AbortController,
    internals: {
      isSignal,
      follow,
      newSignal: () => new AbortSignal(construct),
      abort: signalAbort,
    },
  };
})

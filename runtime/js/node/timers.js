// timers.js: node:timers. Node's Timeout and Immediate objects over Kode's
// timers (whose ids are numbers) and its task queue: ref/unref/hasRef/
// refresh/close, a primitive id for clearTimeout, `this` bound to the
// timer in its callback. An immediate runs as a task, after the current
// I/O turn's microtasks.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const TIMEOUT_MAX = 2 ** 31 - 1;
  const kRefed = Symbol("refed");
  const kId = Symbol("kodeTimerId");
  const kStarted = Symbol("startedMs");
  // Timeouts whose primitive id was asked for: clearTimeout(id) finds them.
  const knownTimersById = new Map();

  function validateCallback(callback) {
    if (typeof callback !== "function") throw support.argTypeError("callback", "Function", callback);
  }

  // Node's delay rule, with its warning for delays that do not fit 32 bits.
  function delayOf(after) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        support.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, "TimeoutOverflowWarning");
      }
      after = 1;
    }
    return after;
  }

  class Timeout {
    constructor(callback, after, args, isRepeat, isRefed) {
      after = delayOf(after);
      this._idleTimeout = after;
      this._idlePrev = this;
      this._idleNext = this;
      this._idleStart = null;
      this._onTimeout = callback;
      this._timerArgs = args;
      this._repeat = isRepeat ? after : null;
      this._destroyed = false;
      this[kRefed] = isRefed;
      this[kId] = undefined;
      this[kStarted] = 0;
      start(this, after);
    }

    // Restarts the full delay from now, also after the timeout has fired.
    refresh() {
      if (this._idleTimeout >= 0 && this._onTimeout) start(this, this._idleTimeout);
      return this;
    }

    unref() {
      if (this[kRefed]) {
        this[kRefed] = false;
        restartRemaining(this);
      }
      return this;
    }

    ref() {
      if (!this[kRefed]) {
        this[kRefed] = true;
        restartRemaining(this);
      }
      return this;
    }

    hasRef() {
      return this[kRefed];
    }

    close() {
      clearTimeout(this);
      return this;
    }

    [Symbol.toPrimitive]() {
      const id = this[kPrimitive] ??= nextPrimitiveId++;
      knownTimersById.set(id, this);
      return id;
    }

    [Symbol.dispose]() {
      clearTimeout(this);
    }
  }
  const kPrimitive = Symbol("kHasPrimitive");
  let nextPrimitiveId = 1;
  for (const key of Reflect.ownKeys(Timeout.prototype)) {
    if (key === "constructor" || typeof key === "symbol") continue;
    Object.defineProperty(Timeout.prototype, key, { enumerable: false });
  }

  function fire(timer) {
    timer[kId] = undefined;
    const callback = timer._onTimeout;
    try {
      if (typeof callback === "function") Reflect.apply(callback, timer, timer._timerArgs ?? []);
    } finally {
      // A timeout is destroyed once its callback has run (unless it refreshed itself).
      if (timer._repeat === null && timer[kId] === undefined) {
        timer._destroyed = true;
        if (timer[kPrimitive] !== undefined) knownTimersById.delete(timer[kPrimitive]);
      }
      // An interval re-arms after its callback unless that cleared or refreshed it.
      if (timer._repeat !== null && timer[kId] === undefined && timer._idleTimeout >= 0 && timer._onTimeout) {
        start(timer, timer._repeat);
      }
    }
  }

  // (Re)arms the Kode timer behind `timer` for `delay` ms.
  function start(timer, delay) {
    if (timer[kId] !== undefined) internal.clearTimer(timer[kId]);
    timer._destroyed = false;
    timer[kStarted] = Date.now();
    timer._idleStart = timer[kStarted];
    const operation = timer._repeat === null ? "setTimeout" : "setInterval";
    timer[kId] = internal.startTimer(() => fire(timer), delay, [], { unref: !timer[kRefed], operation, exact: true });
  }

  // ref/unref keep the time already waited.
  function restartRemaining(timer) {
    if (timer[kId] === undefined) return;
    const elapsed = Date.now() - timer[kStarted];
    const remaining = Math.max(1, timer._idleTimeout - elapsed);
    const started = timer[kStarted];
    start(timer, remaining);
    timer[kStarted] = started;
    timer._idleStart = started;
  }

  function unenrollTimer(timer) {
    if (timer[kId] !== undefined) internal.clearTimer(timer[kId]);
    timer[kId] = undefined;
    timer._destroyed = true;
    timer._idleTimeout = -1;
    if (timer[kPrimitive] !== undefined) knownTimersById.delete(timer[kPrimitive]);
  }

  function setTimeout(callback, after, arg1, arg2, arg3) {
    validateCallback(callback);
    let args;
    if (arguments.length > 2) args = Array.prototype.slice.call(arguments, 2);
    return new Timeout(callback, after, args, false, true);
  }

  function setInterval(callback, repeat, arg1, arg2, arg3) {
    validateCallback(callback);
    let args;
    if (arguments.length > 2) args = Array.prototype.slice.call(arguments, 2);
    return new Timeout(callback, repeat, args, true, true);
  }

  function clearTimeout(timer) {
    if (timer && timer._onTimeout) {
      timer._onTimeout = null;
      unenrollTimer(timer);
      return;
    }
    if (typeof timer === "number" || typeof timer === "string") {
      const known = knownTimersById.get(Number(timer));
      if (known !== undefined) {
        known._onTimeout = null;
        unenrollTimer(known);
      } else if (typeof timer === "number") {
        // An id of Kode's own setTimeout.
        internal.clearTimer(timer);
      }
    }
  }

  const clearInterval = (timer) => clearTimeout(timer);

  // --- immediates -------------------------------------------------------------
  class Immediate {
    constructor(callback, args) {
      this._idleNext = null;
      this._idlePrev = null;
      this._onImmediate = callback;
      this._argv = args;
      this._destroyed = false;
      this[kRefed] = true;
      internal.queueTask(() => {
        if (this._destroyed) return;
        this._destroyed = true;
        const run = this._onImmediate;
        if (typeof run === "function") Reflect.apply(run, this, this._argv ?? []);
      });
    }

    // An immediate always runs on the next turn; unref only reports the flag.
    ref() {
      this[kRefed] = true;
      return this;
    }

    unref() {
      this[kRefed] = false;
      return this;
    }

    hasRef() {
      return this[kRefed];
    }

    [Symbol.dispose]() {
      clearImmediate(this);
    }
  }
  for (const key of ["ref", "unref", "hasRef"]) Object.defineProperty(Immediate.prototype, key, { enumerable: false });

  function setImmediate(callback, arg1, arg2, arg3) {
    validateCallback(callback);
    let args;
    if (arguments.length > 1) args = Array.prototype.slice.call(arguments, 1);
    return new Immediate(callback, args);
  }

  function clearImmediate(immediate) {
    if (!immediate || immediate._destroyed) return;
    immediate._destroyed = true;
    immediate._onImmediate = null;
  }

  // --- the legacy enroll API (deprecated in Node, still used by old code) ----------
  const enrolled = new WeakMap();
  function enroll(item, msecs) {
    if (typeof msecs !== "number") throw support.argTypeError("msecs", "number", msecs);
    if (msecs < 0 || !Number.isFinite(msecs)) throw support.outOfRange("msecs", `>= 0 && <= ${TIMEOUT_MAX}`, msecs);
    unenroll(item);
    item._idleTimeout = msecs > TIMEOUT_MAX ? TIMEOUT_MAX : msecs;
  }
  function unenroll(item) {
    const id = enrolled.get(item);
    if (id !== undefined) internal.clearTimer(id);
    enrolled.delete(item);
  }
  function active(item) {
    const msecs = item._idleTimeout;
    if (!(msecs >= 0)) return;
    unenroll(item);
    enrolled.set(item, internal.startTimer(() => {
      enrolled.delete(item);
      if (typeof item._onTimeout === "function") item._onTimeout();
    }, Math.max(1, msecs), [], { operation: "setTimeout", exact: true }));
  }

  const deprecated = (fn, name, code) => {
    let warned = false;
    return {
      [name](...args) {
        if (!warned) {
          warned = true;
          support.emitWarning(`timers.${name}() is deprecated. Please use timeout.refresh() instead.`, "DeprecationWarning", code);
        }
        return fn(...args);
      },
    }[name];
  };

  const timers = {
    setTimeout,
    clearTimeout,
    setImmediate,
    clearImmediate,
    setInterval,
    clearInterval,
    _unrefActive: deprecated(active, "_unrefActive", "DEP0127"),
    active: deprecated(active, "active", "DEP0126"),
    unenroll: deprecated(unenroll, "unenroll", "DEP0096"),
    enroll: deprecated(enroll, "enroll", "DEP0095"),
  };
  Object.defineProperty(timers, "promises", {
    get: () => support.builtin("node:timers/promises"),
    enumerable: true,
    configurable: true,
  });
  // For node:timers/promises and the free setImmediate of packages.
  internal.nodeTimers = { Timeout, Immediate, kRefed };
  return timers;
})

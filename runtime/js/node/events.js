// events.js: node:events, Node's EventEmitter. Packages read the fields
// `_events` (a null-prototype object: one listener is stored as the function
// itself, more as an array), `_eventsCount` and `_maxListeners`, and build
// emitters with `EventEmitter.call(this)`, so the layout is Node's.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { nodeError, invalidArgType, unsupported, AbortError } = support;

  const kCapture = Symbol("kCapture");
  const kRejection = Symbol.for("nodejs.rejection");
  const errorMonitor = Symbol("events.errorMonitor");
  const kMaxEventTargetListeners = Symbol("events.maxEventTargetListeners");
  const kMaxEventTargetListenersWarned = Symbol("events.maxEventTargetListenersWarned");

  let defaultMaxListeners = 10;

  let inspectModule;
  function inspect(value, options) {
    inspectModule ??= internal.loadInternal("kode:internal/inspect");
    return inspectModule.inspect(value, options);
  }

  function checkListener(listener) {
    if (typeof listener !== "function") throw invalidArgType("listener", "of type function", listener);
  }

  function outOfRange(name, value) {
    return nodeError(RangeError, "ERR_OUT_OF_RANGE",
      `The value of "${name}" is out of range. It must be >= 0. Received ${inspect(value)}`);
  }

  function checkCount(n, name) {
    if (typeof n !== "number") throw invalidArgType(name, "of type number", n);
    if (n < 0 || Number.isNaN(n)) throw outOfRange(name, n);
  }

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }

  function init(opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = { __proto__: null };
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts?.captureRejections) {
      if (typeof opts.captureRejections !== "boolean") {
        throw invalidArgType("options.captureRejections", "of type boolean", opts.captureRejections);
      }
      this[kCapture] = true;
    } else {
      // An own value only when it differs: the prototype holds the default.
      if (this[kCapture] !== EventEmitter.prototype[kCapture]) this[kCapture] = EventEmitter.prototype[kCapture];
    }
  }

  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });

  function describe(value) {
    // invalidArgType's "Received ..." tail.
    return invalidArgType("x", "y", value).message.replace(/^.*? Received /, "");
  }

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    checkCount(n, "setMaxListeners");
    this._maxListeners = n;
    return this;
  };

  function maxListenersOf(emitter) {
    return emitter._maxListeners === undefined ? defaultMaxListeners : emitter._maxListeners;
  }

  EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
    return maxListenersOf(this);
  };

  // A listener that returned a promise, on an emitter that captures
  // rejections: the rejection goes to Symbol.for('nodejs.rejection') or
  // becomes an 'error' event (on the next tick, as Node).
  function captureRejection(emitter, promise, type, args) {
    if (!emitter[kCapture]) return;
    try {
      const then = promise.then;
      if (typeof then !== "function") return;
      Reflect.apply(then, promise, [undefined, (error) => support.nextTick(rejected, emitter, error, type, args)]);
    } catch (error) {
      emitter.emit("error", error);
    }
  }

  function rejected(emitter, error, type, args) {
    if (typeof emitter[kRejection] === "function") {
      emitter[kRejection](error, type, ...args);
      return;
    }
    const previous = emitter[kCapture];
    try {
      // An 'error' listener that itself rejects must not loop forever.
      emitter[kCapture] = false;
      emitter.emit("error", error);
    } finally {
      emitter[kCapture] = previous;
    }
  }

  EventEmitter.prototype.emit = function emit(type, ...args) {
    let doError = type === "error";
    const events = this._events;
    if (events !== undefined) {
      if (doError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
      doError = doError && events.error === undefined;
    } else if (!doError) {
      return false;
    }
    if (doError) {
      const error = args.length > 0 ? args[0] : undefined;
      if (error instanceof Error) throw error; // Unhandled 'error' event
      let shown;
      try {
        shown = inspect(error);
      } catch {
        shown = String(error);
      }
      const wrapped = nodeError(Error, "ERR_UNHANDLED_ERROR", `Unhandled error. (${shown})`);
      wrapped.context = error;
      throw wrapped;
    }
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === "function") {
      const result = Reflect.apply(handler, this, args);
      if (result !== undefined && result !== null) captureRejection(this, result, type, args);
    } else {
      // A copy: listeners added or removed while emitting wait for the next emit.
      const listeners = handler.slice();
      for (let i = 0; i < listeners.length; i++) {
        const result = Reflect.apply(listeners[i], this, args);
        if (result !== undefined && result !== null) captureRejection(this, result, type, args);
      }
    }
    return true;
  };

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    if (events === undefined) {
      events = target._events = { __proto__: null };
      target._eventsCount = 0;
    } else {
      if (events.newListener !== undefined) {
        target.emit("newListener", type, listener.listener ?? listener);
        // A 'newListener' listener may have replaced the table.
        events = target._events;
      }
    }
    const existing = events[type];
    if (existing === undefined) {
      events[type] = listener;
      ++target._eventsCount;
      return target;
    }
    let list = existing;
    if (typeof existing === "function") {
      list = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    const max = maxListenersOf(target);
    if (max > 0 && list.length > max && !list.warned) {
      list.warned = true;
      warnTooMany(target, type, list.length, max);
    }
    return target;
  }

  function warnTooMany(target, type, count, max) {
    let name;
    try {
      name = inspect(target, { depth: -1 });
    } catch {
      name = "[EventEmitter]";
    }
    const warning = new Error(
      `Possible EventEmitter memory leak detected. ${count} ${String(type)} listeners added to ${name}. ` +
        `MaxListeners is ${max}. Use emitter.setMaxListeners() to increase limit`,
    );
    warning.name = "MaxListenersExceededWarning";
    warning.emitter = target;
    warning.type = type;
    warning.count = count;
    support.emitWarning(warning);
  }

  EventEmitter.prototype.addListener = function addListener_(type, listener) {
    return addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;
  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return addListener(this, type, listener, true);
  };

  function onceWrapper(...args) {
    if (!this.fired) {
      this.target.removeListener(this.type, this.wrapFn);
      this.fired = true;
      return Reflect.apply(this.listener, this.target, args);
    }
  }

  function onceWrap(target, type, listener) {
    const state = { fired: false, wrapFn: undefined, target, type, listener };
    const wrapped = onceWrapper.bind(state);
    wrapped.listener = listener;
    state.wrapFn = wrapped;
    return wrapped;
  }

  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    this.on(type, onceWrap(this, type, listener));
    return this;
  };
  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    this.prependListener(type, onceWrap(this, type, listener));
    return this;
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount -= 1;
      if (this._eventsCount === 0) {
        this._events = { __proto__: null };
      } else {
        delete events[type];
        if (events.removeListener) this.emit("removeListener", type, list.listener || listener);
      }
    } else if (typeof list !== "function") {
      // The most recently added match goes first.
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      if (events.removeListener !== undefined) this.emit("removeListener", type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      if (arguments.length === 0) {
        this._events = { __proto__: null };
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = { __proto__: null };
        else delete events[type];
      }
      return this;
    }
    // Someone listens for 'removeListener': remove one by one so each is told.
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key === "removeListener") continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners("removeListener");
      this._events = { __proto__: null };
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === "function") {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };

  function listenersOf(target, type, unwrap) {
    const events = target._events;
    if (events === undefined) return [];
    const listener = events[type];
    if (listener === undefined) return [];
    if (typeof listener === "function") return unwrap ? [listener.listener || listener] : [listener];
    return unwrap ? listener.map((l) => l.listener || l) : listener.slice();
  }

  EventEmitter.prototype.listeners = function listeners(type) {
    return listenersOf(this, type, true);
  };
  EventEmitter.prototype.rawListeners = function rawListeners(type) {
    return listenersOf(this, type, false);
  };

  function listenerCount(type, listener) {
    const events = this._events;
    if (events === undefined) return 0;
    const found = events[type];
    if (typeof found === "function") {
      if (listener != null) return listener === found || listener === found.listener ? 1 : 0;
      return 1;
    }
    if (found === undefined) return 0;
    if (listener == null) return found.length;
    let matching = 0;
    for (const l of found) if (l === listener || l.listener === listener) matching++;
    return matching;
  }
  EventEmitter.prototype.listenerCount = listenerCount;

  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  // --- static helpers -----------------------------------------------------


  function isEventTarget(value) {
    return typeof EventTarget === "function" && value instanceof EventTarget;
  }

  function checkAbortSignal(signal, name) {
    if (signal !== undefined && (signal === null || typeof signal !== "object" || !("aborted" in signal))) {
      throw invalidArgType(name, "an instance of AbortSignal", signal);
    }
  }

  function checkObject(value, name) {
    if (value === null || typeof value !== "object") throw invalidArgType(name, "of type object", value);
  }

  // Works on both EventEmitters and EventTargets (`once`, `on`).
  function addAgnostic(emitter, name, listener, once) {
    if (typeof emitter.on === "function") {
      if (once) emitter.once(name, listener);
      else emitter.on(name, listener);
    } else if (typeof emitter.addEventListener === "function") {
      emitter.addEventListener(name, listener, { once });
    } else {
      throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", emitter);
    }
  }

  function removeAgnostic(emitter, name, listener) {
    if (typeof emitter.removeListener === "function") {
      emitter.removeListener(name, listener);
    } else if (typeof emitter.removeEventListener === "function") {
      emitter.removeEventListener(name, listener);
    } else {
      throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", emitter);
    }
  }

  function abortError(signal) {
    return new AbortError(undefined, { cause: signal?.reason });
  }

  async function once(emitter, name, options = {}) {
    const signal = options?.signal;
    checkAbortSignal(signal, "options.signal");
    if (signal?.aborted) throw abortError(signal);
    return new Promise((resolve, reject) => {
      const errorListener = (error) => {
        emitter.removeListener(name, resolver);
        if (signal != null) removeAgnostic(signal, "abort", onAbort);
        reject(error);
      };
      const resolver = (...args) => {
        if (typeof emitter.removeListener === "function") emitter.removeListener("error", errorListener);
        if (signal != null) removeAgnostic(signal, "abort", onAbort);
        resolve(args);
      };
      addAgnostic(emitter, name, resolver, true);
      // Only EventEmitters have 'error' semantics.
      if (name !== "error" && typeof emitter.once === "function") emitter.once("error", errorListener);
      function onAbort() {
        removeAgnostic(emitter, name, resolver);
        removeAgnostic(emitter, "error", errorListener);
        reject(abortError(signal));
      }
      if (signal != null) addAgnostic(signal, "abort", onAbort, true);
    });
  }

  function on(emitter, event, options = {}) {
    checkObject(options, "options");
    const signal = options.signal;
    checkAbortSignal(signal, "options.signal");
    if (signal?.aborted) throw abortError(signal);
    const high = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER;
    const low = options.lowWaterMark ?? options.lowWatermark ?? 1;
    const events = [];
    const waiting = [];
    const added = [];
    let paused = false;
    let error = null;
    let finished = false;

    const listen = (name, fn) => {
      addAgnostic(emitter, name, fn, false);
      added.push([name, fn]);
    };
    const onEvent = (...args) => {
      if (waiting.length > 0) {
        waiting.shift().resolve({ value: args, done: false });
        return;
      }
      events.push(args);
      if (!paused && events.length > high && typeof emitter.pause === "function") {
        paused = true;
        emitter.pause();
      }
    };
    const onError = (err) => {
      if (waiting.length > 0) waiting.shift().reject(err);
      else error = err;
      close();
    };
    const onAbort = () => onError(abortError(signal));
    const close = () => {
      if (signal) removeAgnostic(signal, "abort", onAbort);
      for (const [name, fn] of added) removeAgnostic(emitter, name, fn);
      added.length = 0;
      finished = true;
      const done = { value: undefined, done: true };
      while (waiting.length > 0) waiting.shift().resolve(done);
      return Promise.resolve(done);
    };

    listen(event, onEvent);
    if (event !== "error" && typeof emitter.on === "function") listen("error", onError);
    if (options.close?.length) for (const name of options.close) listen(name, close);
    if (signal) addAgnostic(signal, "abort", onAbort, true);

    const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
    return Object.setPrototypeOf({
      next() {
        if (events.length > 0) {
          const value = events.shift();
          if (paused && events.length < low) {
            paused = false;
            emitter.resume();
          }
          return Promise.resolve({ value, done: false });
        }
        if (error) {
          const p = Promise.reject(error);
          error = null;
          return p;
        }
        if (finished) return close();
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        return close();
      },
      throw(err) {
        if (!(err instanceof Error)) throw invalidArgType("EventEmitter.AsyncIterator", "an instance of Error", err);
        onError(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    }, AsyncIteratorPrototype);
  }

  function getEventListeners(emitterOrTarget, type) {
    if (typeof emitterOrTarget?.listeners === "function") return emitterOrTarget.listeners(type);
    if (isEventTarget(emitterOrTarget)) throw unsupported("events.getEventListeners (on an EventTarget)");
    throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", emitterOrTarget);
  }

  function getMaxListeners(emitterOrTarget) {
    if (typeof emitterOrTarget?.getMaxListeners === "function") return maxListenersOf(emitterOrTarget);
    if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners] ?? defaultMaxListeners;
    throw invalidArgType("emitter", "an instance of EventEmitter or EventTarget", emitterOrTarget);
  }

  function setMaxListeners(n = defaultMaxListeners, ...targets) {
    checkCount(n, "n");
    if (targets.length === 0) {
      defaultMaxListeners = n;
      return;
    }
    for (const target of targets) {
      if (isEventTarget(target)) {
        target[kMaxEventTargetListeners] = n;
        target[kMaxEventTargetListenersWarned] = false;
      } else if (typeof target?.setMaxListeners === "function") {
        target.setMaxListeners(n);
      } else {
        throw invalidArgType("eventTargets", "an instance of EventEmitter or EventTarget", target);
      }
    }
  }

  function addAbortListener(signal, listener) {
    if (signal === undefined) throw invalidArgType("signal", "of type AbortSignal", signal);
    checkAbortSignal(signal, "signal");
    if (typeof listener !== "function") throw invalidArgType("listener", "of type function", listener);
    let remove;
    if (signal.aborted) {
      queueMicrotask(() => listener());
    } else {
      signal.addEventListener("abort", listener, { once: true });
      remove = () => signal.removeEventListener("abort", listener);
    }
    return {
      __proto__: null,
      [Symbol.dispose]() {
        remove?.();
      },
    };
  }

  class EventEmitterAsyncResource extends EventEmitter {
    constructor() {
      throw unsupported("events.EventEmitterAsyncResource");
    }
  }

  // Node's order and attributes (packages enumerate these).
  Object.assign(EventEmitter, { addAbortListener, once, on, getEventListeners, getMaxListeners, EventEmitter });
  EventEmitter.usingDomains = false;
  EventEmitter.captureRejectionSymbol = kRejection;
  Object.defineProperty(EventEmitter, "captureRejections", {
    enumerable: true,
    get: () => EventEmitter.prototype[kCapture],
    set(value) {
      if (typeof value !== "boolean") {
        throw nodeError(TypeError, "ERR_INVALID_ARG_TYPE",
          `The "EventEmitter.captureRejections" property must be of type boolean. Received ${describe(value)}`);
      }
      EventEmitter.prototype[kCapture] = value;
    },
  });

  Object.defineProperty(EventEmitter, "EventEmitterAsyncResource", {
    enumerable: true,
    get: () => EventEmitterAsyncResource,
    set: undefined,
  });
  EventEmitter.errorMonitor = errorMonitor;
  Object.defineProperty(EventEmitter, "defaultMaxListeners", {
    enumerable: true,
    get: () => defaultMaxListeners,
    set(n) {
      checkCount(n, "defaultMaxListeners");
      defaultMaxListeners = n;
    },
  });

  const hidden = { value: undefined, enumerable: false, writable: false, configurable: false };
  Object.defineProperty(EventEmitter, "kMaxEventTargetListeners", { ...hidden, value: kMaxEventTargetListeners });
  Object.defineProperty(EventEmitter, "kMaxEventTargetListenersWarned", { ...hidden, value: kMaxEventTargetListenersWarned });
  EventEmitter.setMaxListeners = setMaxListeners;
  EventEmitter.init = init;
  EventEmitter.listenerCount = {
    listenerCount(emitter, type) {
      if (typeof emitter.listenerCount === "function") return emitter.listenerCount(type);
      return Reflect.apply(listenerCount, emitter, [type]);
    },
  }.listenerCount;
  return EventEmitter;
})

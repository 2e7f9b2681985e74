// events.js: kode:internal/events - WebIDL's DOMException, the DOM's Event,
// EventTarget and CustomEvent, HTML's ErrorEvent, PromiseRejectionEvent and
// atob/btoa (forgiving-base64). Loaded on the first touch of one of these
// globals (`defineLazy` in runtime/js/00_core.js installs the getters).
//
// The code follows the standards' algorithms by name, so a failing
// web-platform-test points at a step:
//   https://webidl.spec.whatwg.org/#idl-DOMException
//   https://dom.spec.whatwg.org/#events
//   https://html.spec.whatwg.org/#atob, https://infra.spec.whatwg.org/#forgiving-base64
// Kode has no node tree: an event's path is its one target, so `bubbles`
// and capture only decide the order of listeners at that target.
(function (ops, internal) {
  "use strict";

  // --- WebIDL conversions ----------------------------------------------------
  const { finishInterface, requireArguments, dictionary, toDOMString, toUSVString } = internal.webidl;
  // `unsigned long` without [EnforceRange]: ToNumber, then modulo 2^32 (NaN and +/-infinity are 0).
  const toUnsignedLong = (value) => Number(value) >>> 0;



  // --- DOMException -----------------------------------------------------------
  // https://webidl.spec.whatwg.org/#idl-DOMException-error-names: the names
  // with a legacy code; every other name has code 0.
  const legacyCodes = {
    IndexSizeError: 1,
    HierarchyRequestError: 3,
    WrongDocumentError: 4,
    InvalidCharacterError: 5,
    NoModificationAllowedError: 7,
    NotFoundError: 8,
    NotSupportedError: 9,
    InUseAttributeError: 10,
    InvalidStateError: 11,
    SyntaxError: 12,
    InvalidModificationError: 13,
    NamespaceError: 14,
    InvalidAccessError: 15,
    TypeMismatchError: 17,
    SecurityError: 18,
    NetworkError: 19,
    AbortError: 20,
    URLMismatchError: 21,
    QuotaExceededError: 22,
    TimeoutError: 23,
    InvalidNodeTypeError: 24,
    DataCloneError: 25,
  };
  const legacyConstants = {
    INDEX_SIZE_ERR: 1,
    DOMSTRING_SIZE_ERR: 2,
    HIERARCHY_REQUEST_ERR: 3,
    WRONG_DOCUMENT_ERR: 4,
    INVALID_CHARACTER_ERR: 5,
    NO_DATA_ALLOWED_ERR: 6,
    NO_MODIFICATION_ALLOWED_ERR: 7,
    NOT_FOUND_ERR: 8,
    NOT_SUPPORTED_ERR: 9,
    INUSE_ATTRIBUTE_ERR: 10,
    INVALID_STATE_ERR: 11,
    SYNTAX_ERR: 12,
    INVALID_MODIFICATION_ERR: 13,
    NAMESPACE_ERR: 14,
    INVALID_ACCESS_ERR: 15,
    VALIDATION_ERR: 16,
    TYPE_MISMATCH_ERR: 17,
    SECURITY_ERR: 18,
    NETWORK_ERR: 19,
    ABORT_ERR: 20,
    URL_MISMATCH_ERR: 21,
    QUOTA_EXCEEDED_ERR: 22,
    TIMEOUT_ERR: 23,
    INVALID_NODE_TYPE_ERR: 24,
    DATA_CLONE_ERR: 25,
  };

  // A DOMException is a real error object (V8 records its stack, and
  // `Error.isError` holds), made by Error with the caller's prototype; its
  // name, message and cause live here, read by brand-checking getters.
  const exceptions = new WeakMap();
  function exceptionOf(value, member) {
    const record = exceptions.get(value);
    if (record === undefined) throw new TypeError(`DOMException.prototype.${member}: 'this' is not a DOMException`);
    return record;
  }

  // A function, not a class: `class extends Error` would make Error the
  // prototype of the interface object, which WebIDL says is Function.prototype.
  function DOMException(message = "", options = "Error") {
    if (new.target === undefined) throw new TypeError("Class constructor DOMException cannot be invoked without 'new'");
    message = toDOMString(message);
    let name = "Error";
    let cause;
    if (options === null || typeof options === "object" || typeof options === "function") {
      // DOMExceptionOptions { any cause; DOMString name = "Error"; }, members in order.
      const dict = dictionary(options, "DOMException");
      cause = dict.cause;
      if (dict.name !== undefined) name = toDOMString(dict.name);
    } else {
      name = toDOMString(options);
    }
    // V8 writes the stack's first line from the message given here; the own
    // `message` property Error adds is removed (it is a prototype getter).
    const exception = Reflect.construct(Error, [message], new.target);
    delete exception.message;
    exceptions.set(exception, { name, message, cause });
    return exception;
  }
  Object.setPrototypeOf(DOMException.prototype, Error.prototype);
  Object.defineProperty(DOMException, "prototype", { writable: false });
  for (const [member, get] of [
    ["name", (record) => record.name],
    ["message", (record) => record.message],
    ["code", (record) => legacyCodes[record.name] ?? 0],
    ["cause", (record) => record.cause],
  ]) {
    const getter = {
      get [member]() {
        return get(exceptionOf(this, member));
      },
    };
    const descriptor = Object.getOwnPropertyDescriptor(getter, member);
    Object.defineProperty(DOMException.prototype, member, { get: descriptor.get, enumerable: true, configurable: true });
  }
  finishInterface(DOMException, "DOMException", legacyConstants);

  // --- Event ------------------------------------------------------------------
  const NONE = 0;
  const CAPTURING_PHASE = 1;
  const AT_TARGET = 2;
  const BUBBLING_PHASE = 3;

  // Every event's `isTrusted` is an own, non-configurable accessor
  // ([LegacyUnforgeable]); events made by script are never trusted.
  const isTrusted = Object.getOwnPropertyDescriptor(
    {
      get isTrusted() {
        return eventState(this, "isTrusted").isTrusted;
      },
    },
    "isTrusted",
  ).get;

  let eventState, isEvent;
  class Event {
    #state;
    constructor(type, eventInitDict = undefined) {
      requireArguments(arguments.length, 1, "Failed to construct 'Event'");
      type = toDOMString(type);
      // EventInit { boolean bubbles = false; boolean cancelable = false; boolean composed = false; }
      const init = dictionary(eventInitDict, "Failed to construct 'Event'");
      const bubbles = Boolean(init.bubbles);
      const cancelable = Boolean(init.cancelable);
      const composed = Boolean(init.composed);
      this.#state = {
        type,
        bubbles,
        cancelable,
        composed,
        target: null,
        currentTarget: null,
        eventPhase: NONE,
        // The flags of https://dom.spec.whatwg.org/#concept-event.
        stopPropagation: false,
        stopImmediatePropagation: false,
        canceled: false,
        inPassiveListener: false,
        dispatch: false,
        initialized: true,
        isTrusted: false,
        path: [],
        timeStamp: ops.events_now(),
      };
      Object.defineProperty(this, "isTrusted", { get: isTrusted, enumerable: true, configurable: false });
    }

    static {
      eventState = (event, member) => {
        if (event === null || typeof event !== "object" || !(#state in event)) {
          throw new TypeError(`Event.prototype.${member}: 'this' is not an Event`);
        }
        return event.#state;
      };
      isEvent = (value) => value !== null && typeof value === "object" && #state in value;
    }

    get type() {
      return eventState(this, "type").type;
    }
    get target() {
      return eventState(this, "target").target;
    }
    get srcElement() {
      return eventState(this, "srcElement").target;
    }
    get currentTarget() {
      return eventState(this, "currentTarget").currentTarget;
    }
    composedPath() {
      // With no tree, the path is the target alone while it is dispatched.
      return eventState(this, "composedPath").path.slice();
    }
    get eventPhase() {
      return eventState(this, "eventPhase").eventPhase;
    }
    stopPropagation() {
      eventState(this, "stopPropagation").stopPropagation = true;
    }
    get cancelBubble() {
      return eventState(this, "cancelBubble").stopPropagation;
    }
    set cancelBubble(value) {
      const state = eventState(this, "cancelBubble");
      if (value) state.stopPropagation = true;
    }
    stopImmediatePropagation() {
      const state = eventState(this, "stopImmediatePropagation");
      state.stopPropagation = true;
      state.stopImmediatePropagation = true;
    }
    get bubbles() {
      return eventState(this, "bubbles").bubbles;
    }
    get cancelable() {
      return eventState(this, "cancelable").cancelable;
    }
    get returnValue() {
      return !eventState(this, "returnValue").canceled;
    }
    set returnValue(value) {
      const state = eventState(this, "returnValue");
      if (!value) setCanceledFlag(state);
    }
    preventDefault() {
      setCanceledFlag(eventState(this, "preventDefault"));
    }
    get defaultPrevented() {
      return eventState(this, "defaultPrevented").canceled;
    }
    get composed() {
      return eventState(this, "composed").composed;
    }
    get timeStamp() {
      return eventState(this, "timeStamp").timeStamp;
    }
    initEvent(type, bubbles = false, cancelable = false) {
      const state = eventState(this, "initEvent");
      requireArguments(arguments.length, 1, "Failed to execute 'initEvent' on 'Event'");
      if (state.dispatch) return;
      initialize(state, toDOMString(type), Boolean(bubbles), Boolean(cancelable));
    }
  }
  finishInterface(Event, "Event", { NONE, CAPTURING_PHASE, AT_TARGET, BUBBLING_PHASE });

  // https://dom.spec.whatwg.org/#set-the-canceled-flag
  function setCanceledFlag(state) {
    if (state.cancelable && !state.inPassiveListener) state.canceled = true;
  }

  // https://dom.spec.whatwg.org/#concept-event-initialize
  function initialize(state, type, bubbles, cancelable) {
    state.initialized = true;
    state.stopPropagation = false;
    state.stopImmediatePropagation = false;
    state.canceled = false;
    state.isTrusted = false;
    state.target = null;
    state.type = type;
    state.bubbles = bubbles;
    state.cancelable = cancelable;
  }

  // --- CustomEvent, ErrorEvent, PromiseRejectionEvent -------------------------
  class CustomEvent extends Event {
    #detail;
    constructor(type, eventInitDict = undefined) {
      requireArguments(arguments.length, 1, "Failed to construct 'CustomEvent'");
      super(type, eventInitDict);
      // CustomEventInit : EventInit { any detail = null; }
      const init = dictionary(eventInitDict, "Failed to construct 'CustomEvent'");
      this.#detail = init.detail === undefined ? null : init.detail;
    }
    get detail() {
      return this.#detail;
    }
    initCustomEvent(type, bubbles = false, cancelable = false, detail = null) {
      const state = eventState(this, "initCustomEvent");
      requireArguments(arguments.length, 1, "Failed to execute 'initCustomEvent' on 'CustomEvent'");
      if (state.dispatch) return;
      initialize(state, toDOMString(type), Boolean(bubbles), Boolean(cancelable));
      this.#detail = detail;
    }
  }
  finishInterface(CustomEvent, "CustomEvent");

  class ErrorEvent extends Event {
    #message;
    #filename;
    #lineno;
    #colno;
    #error;
    constructor(type, eventInitDict = undefined) {
      requireArguments(arguments.length, 1, "Failed to construct 'ErrorEvent'");
      super(type, eventInitDict);
      // ErrorEventInit : EventInit, members in lexicographic order.
      const init = dictionary(eventInitDict, "Failed to construct 'ErrorEvent'");
      const colno = init.colno;
      const error = init.error;
      const filename = init.filename;
      const lineno = init.lineno;
      const message = init.message;
      this.#colno = colno === undefined ? 0 : toUnsignedLong(colno);
      this.#error = error === undefined ? null : error;
      this.#filename = filename === undefined ? "" : toUSVString(filename);
      this.#lineno = lineno === undefined ? 0 : toUnsignedLong(lineno);
      this.#message = message === undefined ? "" : toDOMString(message);
    }
    get message() {
      return this.#message;
    }
    get filename() {
      return this.#filename;
    }
    get lineno() {
      return this.#lineno;
    }
    get colno() {
      return this.#colno;
    }
    get error() {
      return this.#error;
    }
  }
  finishInterface(ErrorEvent, "ErrorEvent");

  class PromiseRejectionEvent extends Event {
    #promise;
    #reason;
    constructor(type, eventInitDict) {
      requireArguments(arguments.length, 2, "Failed to construct 'PromiseRejectionEvent'");
      super(type, eventInitDict);
      // PromiseRejectionEventInit : EventInit { required object promise; any reason; }
      const init = dictionary(eventInitDict, "Failed to construct 'PromiseRejectionEvent'");
      const promise = init.promise;
      if (promise === undefined) {
        throw new TypeError("Failed to construct 'PromiseRejectionEvent': required member promise is undefined.");
      }
      if (promise === null || (typeof promise !== "object" && typeof promise !== "function")) {
        throw new TypeError("Failed to construct 'PromiseRejectionEvent': member promise is not an object.");
      }
      this.#promise = promise;
      this.#reason = init.reason;
    }
    get promise() {
      return this.#promise;
    }
    get reason() {
      return this.#reason;
    }
  }
  finishInterface(PromiseRejectionEvent, "PromiseRejectionEvent");

  // --- EventTarget ------------------------------------------------------------
  // AbortSignal (runtime/js/abort.js) extends EventTarget, so it is loaded
  // after this module, when a listener first names a signal.
  const abortApi = () => internal.loadInternal("kode:internal/abort").internals;
  const signalAborted = function () {
    const abort = abortApi();
    if (!abort.isSignal(this)) throw new TypeError("not an AbortSignal");
    return this.aborted;
  };

  // https://dom.spec.whatwg.org/#concept-flatten-options
  function flattenCapture(options) {
    if (options === undefined || options === null || typeof options === "object" || typeof options === "function") {
      return Boolean(dictionary(options, "EventTarget").capture);
    }
    return Boolean(options);
  }

  // https://dom.spec.whatwg.org/#event-flatten-more; AddEventListenerOptions
  // members are read in WebIDL order: capture, then once, passive, signal.
  function flattenMore(options) {
    if (!(options === undefined || options === null || typeof options === "object" || typeof options === "function")) {
      return { capture: Boolean(options), once: false, passive: false, signal: null };
    }
    const dict = dictionary(options, "EventTarget.addEventListener");
    const capture = Boolean(dict.capture);
    const once = Boolean(dict.once);
    const passive = dict.passive;
    let signal = dict.signal;
    if (signal === undefined) {
      signal = null;
    } else {
      try {
        Reflect.apply(signalAborted, signal, []);
      } catch {
        throw new TypeError("EventTarget.addEventListener: the signal option is not an AbortSignal.");
      }
    }
    // The default passive value is false for every target Kode has.
    return { capture, once, passive: passive === undefined ? false : Boolean(passive), signal };
  }

  function checkCallback(callback, method) {
    if (callback !== null && typeof callback !== "object" && typeof callback !== "function") {
      throw new TypeError(`EventTarget.${method}: the listener is neither an object nor a function.`);
    }
  }

  let listenersOf;
  class EventTarget {
    // type -> [{ callback, capture, passive, once, removed }], in order of addition.
    #listeners = new Map();

    static {
      listenersOf = (target, member) => {
        // The global object cannot carry a private field: its listeners live
        // here. WebIDL calls an operation with an undefined or null `this`
        // (a bare `addEventListener(...)`) on the global.
        if (target === globalThis || target === undefined || target === null) return globalListeners;
        if (target === null || typeof target !== "object" || !(#listeners in target)) {
          throw new TypeError(`EventTarget.prototype.${member}: 'this' is not an EventTarget`);
        }
        return target.#listeners;
      };
    }

    // https://dom.spec.whatwg.org/#dom-eventtarget-addeventlistener
    addEventListener(type, callback, options = undefined) {
      const listeners = listenersOf(this, "addEventListener");
      requireArguments(arguments.length, 2, "Failed to execute 'addEventListener' on 'EventTarget'");
      type = toDOMString(type);
      checkCallback(callback, "addEventListener");
      const { capture, once, passive, signal } = flattenMore(options);
      // https://dom.spec.whatwg.org/#add-an-event-listener
      if (signal !== null && Reflect.apply(signalAborted, signal, [])) return;
      if (callback === null) return;
      let list = listeners.get(type);
      if (list === undefined) listeners.set(type, (list = []));
      if (!list.some((l) => l.callback === callback && l.capture === capture)) {
        list.push({ callback, capture, passive, once, removed: false });
      }
      if (signal !== null) {
        abortApi().follow(signal, () => removeListener(listeners, type, callback, capture));
      }
    }

    // https://dom.spec.whatwg.org/#dom-eventtarget-removeeventlistener
    removeEventListener(type, callback, options = undefined) {
      const listeners = listenersOf(this, "removeEventListener");
      requireArguments(arguments.length, 2, "Failed to execute 'removeEventListener' on 'EventTarget'");
      type = toDOMString(type);
      checkCallback(callback, "removeEventListener");
      const capture = flattenCapture(options);
      removeListener(listeners, type, callback, capture);
    }

    // https://dom.spec.whatwg.org/#dom-eventtarget-dispatchevent
    dispatchEvent(event) {
      listenersOf(this, "dispatchEvent");
      requireArguments(arguments.length, 1, "Failed to execute 'dispatchEvent' on 'EventTarget'");
      if (!isEvent(event)) {
        throw new TypeError("Failed to execute 'dispatchEvent' on 'EventTarget': parameter 1 is not of type 'Event'.");
      }
      const state = eventState(event, "dispatchEvent");
      if (state.dispatch || !state.initialized) {
        throw new DOMException("Failed to execute 'dispatchEvent' on 'EventTarget': The event is already being dispatched.", "InvalidStateError");
      }
      state.isTrusted = false;
      return dispatch(this ?? globalThis, event, state);
    }
  }
  finishInterface(EventTarget, "EventTarget");
  const globalListeners = new Map();

  // https://dom.spec.whatwg.org/#concept-event-fire: an event the platform
  // dispatches (abort, message, error, ...) is trusted.
  function fireEvent(target, event) {
    const state = eventState(event, "dispatchEvent");
    state.isTrusted = true;
    return dispatch(target, event, state);
  }

  // https://dom.spec.whatwg.org/#remove-an-event-listener
  function removeListener(listeners, type, callback, capture) {
    const list = listeners.get(type);
    if (list === undefined) return;
    const index = list.findIndex((l) => l.callback === callback && l.capture === capture);
    if (index === -1) return;
    list[index].removed = true;
    list.splice(index, 1);
    if (list.length === 0) listeners.delete(type);
  }

  // https://dom.spec.whatwg.org/#concept-event-dispatch, for a target with no
  // parent: the path is [target], the phase is AT_TARGET throughout, capture
  // listeners run first, then the others.
  function dispatch(target, event, state) {
    state.dispatch = true;
    state.target = target;
    state.path = [target];
    state.eventPhase = AT_TARGET;
    state.currentTarget = target;
    try {
      invoke(target, event, state, "capturing");
      invoke(target, event, state, "bubbling");
    } finally {
      state.eventPhase = NONE;
      state.currentTarget = null;
      state.path = [];
      state.dispatch = false;
      state.stopPropagation = false;
      state.stopImmediatePropagation = false;
    }
    return !state.canceled;
  }

  // https://dom.spec.whatwg.org/#concept-event-listener-invoke
  function invoke(target, event, state, phase) {
    if (state.stopPropagation) return;
    const listeners = listenersOf(target, "dispatchEvent");
    const list = listeners.get(state.type);
    if (list === undefined) return;
    // Listeners added from here on do not run in this phase; removed ones are skipped.
    for (const listener of list.slice()) {
      if (listener.removed) continue;
      if (phase === "capturing" ? !listener.capture : listener.capture) continue;
      if (listener.once) removeListener(listeners, state.type, listener.callback, listener.capture);
      if (listener.passive) state.inPassiveListener = true;
      callListener(target, event, listener.callback);
      state.inPassiveListener = false;
      if (state.stopImmediatePropagation) return;
    }
  }

  // https://webidl.spec.whatwg.org/#call-a-user-objects-operation: a function
  // is called with the target as `this`; an object's handleEvent is looked
  // up on each call. What a listener throws is reported and dispatch goes on.
  function callListener(target, event, callback) {
    try {
      if (typeof callback === "function") {
        Reflect.apply(callback, target, [event]);
      } else {
        const handleEvent = callback.handleEvent;
        if (typeof handleEvent !== "function") throw new TypeError("The listener's handleEvent is not a function.");
        Reflect.apply(handleEvent, callback, [event]);
      }
    } catch (error) {
      reportException(error);
    }
  }

  // https://html.spec.whatwg.org/#report-the-exception (00_core.js): an
  // `error` event at the global; unless a listener cancels it, the error is
  // uncaught and ends the run at once with exit code 1, as in Deno and Node
  // (a browser would only log it).
  const reportException = (error) => internal.reportException(error);

  // --- the global object as an EventTarget ------------------------------------
  // `globalThis` inherits from EventTarget.prototype once this module loads
  // (00_core.js's lazy addEventListener/removeEventListener/dispatchEvent
  // load it). An uncaught error, a reported one and an unhandled rejection
  // are dispatched at it; a listener that cancels the event keeps the run
  // alive and silent. An error thrown while the global `error` event is
  // being dispatched is not dispatched again (it would recurse): it is fatal.
  Object.setPrototypeOf(globalThis, EventTarget.prototype);
  let reporting = false;

  // Returns true when a listener canceled the event.
  function dispatchGlobalError(error) {
    if (reporting || !globalListeners.has("error")) return false;
    const isObject = error !== null && (typeof error === "object" || typeof error === "function");
    const place = isObject ? errorPlace(error) : { filename: "", lineno: 0, colno: 0 };
    let message;
    try {
      message = isObject && "message" in error ? `Uncaught ${error.name ?? "Error"}: ${error.message}` : `Uncaught ${String(error)}`;
    } catch {
      message = "Uncaught exception";
    }
    const event = new ErrorEvent("error", { cancelable: true, message, error, ...place });
    reporting = true;
    try {
      return !fireEvent(globalThis, event);
    } finally {
      reporting = false;
    }
  }

  // The file, line and column of an error's first stack frame, if it has one.
  function errorPlace(error) {
    let stack;
    try {
      stack = typeof error.stack === "string" ? error.stack : "";
    } catch {
      stack = "";
    }
    const match = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?\s*$/m.exec(stack.split("\n").find((line) => /^\s+at /.test(line)) ?? "");
    if (match === null) return { filename: "", lineno: 0, colno: 0 };
    return { filename: match[1], lineno: Number(match[2]), colno: Number(match[3]) };
  }

  // https://html.spec.whatwg.org/#unhandled-promise-rejections: true when a
  // listener canceled the `unhandledrejection` event.
  function dispatchUnhandledRejection(promise, reason) {
    if (!globalListeners.has("unhandledrejection")) return false;
    const event = new PromiseRejectionEvent("unhandledrejection", { cancelable: true, promise, reason });
    return !fireEvent(globalThis, event);
  }
  internal.globalEvents = { dispatchGlobalError, dispatchUnhandledRejection };

  // https://html.spec.whatwg.org/#dom-reporterror
  function reportError(e) {
    requireArguments(arguments.length, 1, "Failed to execute 'reportError'");
    reportException(e);
  }

  // https://html.spec.whatwg.org/#event-handler-attributes: `on<type>` on a
  // prototype. The first non-null value adds one listener (its place in the
  // order is fixed then); later values replace what it calls; null removes it.
  function defineEventHandler(proto, type) {
    const handlers = new WeakMap();
    Object.defineProperty(proto, `on${type}`, {
      get() {
        listenersOf(this, `on${type}`);
        return handlers.get(this)?.value ?? null;
      },
      set(value) {
        listenersOf(this, `on${type}`);
        const handler = typeof value === "function" || (typeof value === "object" && value !== null) ? value : null;
        let record = handlers.get(this);
        if (handler === null) {
          if (record !== undefined) {
            this.removeEventListener(type, record.listener);
            handlers.delete(this);
          }
          return;
        }
        if (record === undefined) {
          const target = this;
          record = {
            value: handler,
            // https://html.spec.whatwg.org/#the-event-handler-processing-algorithm:
            // a non-callable object is never called; returning false cancels.
            listener(event) {
              const current = handlers.get(target)?.value;
              if (typeof current !== "function") return;
              if (Reflect.apply(current, target, [event]) === false) event.preventDefault();
            },
          };
          handlers.set(this, record);
          this.addEventListener(type, record.listener);
        }
        record.value = handler;
      },
      enumerable: true,
      configurable: true,
    });
  }

  // --- atob / btoa ------------------------------------------------------------
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const sextets = new Map(Array.from(alphabet, (ch, i) => [ch.charCodeAt(0), i]));

  function invalidCharacter(message) {
    return new DOMException(message, "InvalidCharacterError");
  }

  // https://html.spec.whatwg.org/#dom-btoa
  function btoa(data) {
    requireArguments(arguments.length, 1, "Failed to execute 'btoa'");
    data = toDOMString(data);
    let out = "";
    let i = 0;
    const byte = (index) => {
      const code = data.charCodeAt(index);
      if (code > 0xff) {
        throw invalidCharacter("Failed to execute 'btoa': The string to be encoded contains characters outside of the Latin1 range.");
      }
      return code;
    };
    for (; i + 2 < data.length; i += 3) {
      const n = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
      out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
    }
    if (data.length - i === 1) {
      const n = byte(i) << 16;
      out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + "==";
    } else if (data.length - i === 2) {
      const n = (byte(i) << 16) | (byte(i + 1) << 8);
      out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + "=";
    }
    return out;
  }

  // https://html.spec.whatwg.org/#dom-atob and
  // https://infra.spec.whatwg.org/#forgiving-base64-decode, step by step.
  function atob(data) {
    requireArguments(arguments.length, 1, "Failed to execute 'atob'");
    data = toDOMString(data);
    const failure = () => invalidCharacter("Failed to execute 'atob': The string to be decoded is not correctly encoded.");
    // 1. Remove all ASCII whitespace (TAB, LF, FF, CR, SPACE).
    data = data.replace(/[\t\n\f\r ]+/g, "");
    // 2. A length divisible by 4 may end with one or two "=", which are removed.
    if (data.length % 4 === 0) {
      if (data.endsWith("==")) data = data.slice(0, -2);
      else if (data.endsWith("=")) data = data.slice(0, -1);
    }
    // 3. A remainder of 1 is failure.
    if (data.length % 4 === 1) throw failure();
    // 4. Only the base64 alphabet remains.
    if (!/^[A-Za-z0-9+/]*$/.test(data)) throw failure();
    // 5-7. Each sextet appended to a buffer; every 24 bits become 3 bytes;
    // a final 12 or 18 bits give 1 or 2 bytes, the rest discarded.
    let out = "";
    let buffer = 0;
    let bits = 0;
    for (let i = 0; i < data.length; i++) {
      buffer = (buffer << 6) | sextets.get(data.charCodeAt(i));
      bits += 6;
      if (bits === 24) {
        out += String.fromCharCode(buffer >> 16, (buffer >> 8) & 0xff, buffer & 0xff);
        buffer = 0;
        bits = 0;
      }
    }
    if (bits === 12) out += String.fromCharCode(buffer >> 4);
    else if (bits === 18) out += String.fromCharCode(buffer >> 10, (buffer >> 2) & 0xff);
    return out;
  }

  return {
    DOMException,
    Event,
    EventTarget,
    CustomEvent,
    ErrorEvent,
    PromiseRejectionEvent,
    atob,
    btoa,
    reportError,
    // For the other Web API modules (through internal.loadInternal).
    internals: { fireEvent, reportException, defineEventHandler, isEvent },
  };
})

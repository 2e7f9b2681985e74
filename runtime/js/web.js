// web.js: kode:internal/web - the Web platform's `crypto` (Web Cryptography
// API: getRandomValues, randomUUID, and `subtle`, whose module
// kode:internal/subtle loads on first touch), `performance` (High Resolution Time:
// now, timeOrigin; User Timing Level 3: mark, measure and their entries) and
// `navigator` (HTML's NavigatorID userAgent, NavigatorConcurrentHardware).
// Loaded on the first touch of one of its globals (`defineLazy` in
// runtime/js/00_core.js installs the getters).
//
// The code follows the standards' algorithms by name, so a failing
// web-platform-test points at a step:
//   https://w3c.github.io/webcrypto/#crypto-interface
//   https://w3c.github.io/hr-time/#sec-performance
//   https://w3c.github.io/user-timing/
//   https://w3c.github.io/performance-timeline/
//   https://html.spec.whatwg.org/multipage/system-state.html#the-navigator-object
(function (ops, internal) {
  "use strict";

  // --- WebIDL plumbing ---------------------------------------------------------
  // Interfaces that scripts may not construct: the constructor needs this token.
  const internalConstruct = Symbol("internal construct");

  const { finishInterface, requireArguments, dictionary, toDOMString } = internal.webidl;

  // WebIDL `double` (not `unrestricted`): a finite number.
  function toDouble(value, context) {
    const number = Number(value);
    if (!Number.isFinite(number)) throw new TypeError(`${context} is not a finite number.`);
    return number;
  }

  // DOMException is the events area's global, looked up when thrown.
  const domException = (message, name) => new globalThis.DOMException(message, name);

  // --- Crypto ------------------------------------------------------------------
  // Randomness is kode:crypto's (the OS CSPRNG through the getrandom crate),
  // loaded on the first call.
  let kodeCrypto;
  const randomSource = () => (kodeCrypto ??= internal.cjs.loadBuiltin("kode:crypto"));

  // %TypedArray%.prototype[@@toStringTag] is the element type of a real typed
  // array (not spoofable) and undefined for anything else.
  const typedArrayName = Function.prototype.call.bind(
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get,
  );
  const integerTypes = new Set([
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "BigInt64Array",
    "BigUint64Array",
  ]);
  // The most bytes one getRandomValues call fills.
  const maxRandomBytes = 65536;

  class Crypto {
    #brand;

    constructor(token) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      this.#brand = true;
    }

    static #check(self, member) {
      if (self === null || (typeof self !== "object" && typeof self !== "function") || !(#brand in self)) {
        throw new TypeError(`Crypto.prototype.${member}: Illegal invocation`);
      }
    }

    // https://w3c.github.io/webcrypto/#Crypto-attribute-subtle: [SameObject],
    // SubtleCrypto and CryptoKey are compiled on its first read.
    get subtle() {
      Crypto.#check(this, "subtle");
      return internal.loadInternal("kode:internal/subtle").subtle;
    }

    // https://w3c.github.io/webcrypto/#Crypto-method-getRandomValues
    getRandomValues(array) {
      Crypto.#check(this, "getRandomValues");
      requireArguments(arguments.length, 1, "Failed to execute 'getRandomValues' on 'Crypto'");
      // WebIDL: the argument is an ArrayBufferView.
      if (!ArrayBuffer.isView(array)) {
        throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'.");
      }
      // 1. Not an integer typed array: TypeMismatchError.
      const type = typedArrayName(array) ?? "DataView";
      if (!integerTypes.has(type)) {
        throw domException(
          `Failed to execute 'getRandomValues' on 'Crypto': The provided ArrayBufferView is of type '${type}', which is not an integer array type.`,
          "TypeMismatchError",
        );
      }
      // 2. More than 65536 bytes: QuotaExceededError.
      const byteLength = array.byteLength;
      if (byteLength > maxRandomBytes) {
        throw domException(
          `Failed to execute 'getRandomValues' on 'Crypto': The ArrayBufferView's byte length (${byteLength}) exceeds the number of bytes of entropy available via this API (${maxRandomBytes}).`,
          "QuotaExceededError",
        );
      }
      // 3. Overwrite every byte with cryptographically strong random values.
      new Uint8Array(array.buffer, array.byteOffset, byteLength).set(randomSource().randomBytes(byteLength));
      // 4. Return the same array.
      return array;
    }

    // https://w3c.github.io/webcrypto/#Crypto-method-randomUUID: a version 4
    // UUID, lowercase hex.
    randomUUID() {
      Crypto.#check(this, "randomUUID");
      return randomSource().randomUUID();
    }
  }
  finishInterface(Crypto, "Crypto");
  const crypto = new Crypto(internalConstruct);

  // --- Performance (High Resolution Time) ------------------------------------
  // The time origin is when the isolate was made; `events_now` (the events
  // area's clock, which Event.timeStamp also reads) counts from it on a
  // monotonic clock, and `web_time_origin` is that moment on the wall clock.
  const now = () => ops.events_now();
  let timeOrigin;
  internal.onStart(
    () => {
      timeOrigin = ops.web_time_origin();
    },
    () => {
      timeOrigin = undefined;
    },
  );

  // --- PerformanceEntry (Performance Timeline) --------------------------------
  class PerformanceEntry {
    #name;
    #entryType;
    #startTime;
    #duration;

    constructor(token, name, entryType, startTime, duration) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      this.#name = name;
      this.#entryType = entryType;
      this.#startTime = startTime;
      this.#duration = duration;
    }

    static #of(self, member) {
      if (self === null || (typeof self !== "object" && typeof self !== "function") || !(#name in self)) {
        throw new TypeError(`PerformanceEntry.prototype.${member}: Illegal invocation`);
      }
      return self;
    }

    get name() {
      return PerformanceEntry.#of(this, "name").#name;
    }
    get entryType() {
      return PerformanceEntry.#of(this, "entryType").#entryType;
    }
    get startTime() {
      return PerformanceEntry.#of(this, "startTime").#startTime;
    }
    get duration() {
      return PerformanceEntry.#of(this, "duration").#duration;
    }
    toJSON() {
      PerformanceEntry.#of(this, "toJSON");
      return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration };
    }
  }
  finishInterface(PerformanceEntry, "PerformanceEntry");

  // --- PerformanceMark, PerformanceMeasure (User Timing) ----------------------
  // https://w3c.github.io/user-timing/#the-performancemark-constructor
  class PerformanceMark extends PerformanceEntry {
    #detail;

    constructor(markName, markOptions = undefined) {
      requireArguments(arguments.length, 1, "Failed to construct 'PerformanceMark'");
      markName = toDOMString(markName);
      const options = dictionary(markOptions, "Failed to construct 'PerformanceMark'");
      const detail = options.detail;
      let startTime = options.startTime;
      // (The PerformanceTiming names are reserved only in a Window.)
      // 3. The given startTime, which may not be negative, or now.
      if (startTime !== undefined) {
        startTime = toDouble(startTime, "Failed to construct 'PerformanceMark': startTime");
        if (startTime < 0) {
          throw new TypeError(`Failed to construct 'PerformanceMark': '${markName}' cannot have a negative start time.`);
        }
      } else {
        startTime = now();
      }
      super(internalConstruct, markName, "mark", startTime, 0);
      // 5. detail: a structured clone of the option, null when absent.
      this.#detail = detail === undefined ? null : structuredClone(detail);
    }

    get detail() {
      if (this === null || typeof this !== "object" || !(#detail in this)) {
        throw new TypeError("PerformanceMark.prototype.detail: Illegal invocation");
      }
      return this.#detail;
    }
  }
  finishInterface(PerformanceMark, "PerformanceMark");

  class PerformanceMeasure extends PerformanceEntry {
    #detail;

    constructor(token, name, startTime, duration, detail) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      super(token, name, "measure", startTime, duration);
      this.#detail = detail;
    }

    get detail() {
      if (this === null || typeof this !== "object" || !(#detail in this)) {
        throw new TypeError("PerformanceMeasure.prototype.detail: Illegal invocation");
      }
      return this.#detail;
    }
  }
  finishInterface(PerformanceMeasure, "PerformanceMeasure");

  // --- Performance --------------------------------------------------------------
  // The performance entry buffer: marks and measures in the order they were
  // queued (both are unbounded, as User Timing says).
  let entryBuffer = [];

  // WebIDL `(DOMString or DOMHighResTimeStamp)`: a number stays a number.
  const toMarkOrTime = (value, context) => (typeof value === "number" ? toDouble(value, context) : toDOMString(value));

  // https://w3c.github.io/user-timing/#dfn-convert-a-mark-to-a-timestamp
  function markToTimestamp(mark) {
    if (typeof mark === "string") {
      // (The PerformanceTiming names are reserved only in a Window.) The
      // most recent mark of that name, or a SyntaxError.
      for (let i = entryBuffer.length - 1; i >= 0; i--) {
        const entry = entryBuffer[i];
        if (entry.entryType === "mark" && entry.name === mark) return entry.startTime;
      }
      throw domException(`Failed to execute 'measure' on 'Performance': The mark '${mark}' does not exist.`, "SyntaxError");
    }
    if (mark < 0) throw new TypeError(`Failed to execute 'measure' on 'Performance': '${mark}' cannot be negative.`);
    return mark;
  }

  // The entries, in chronological order of startTime (ties in queue order).
  const chronological = (entries) => entries.sort((a, b) => a.startTime - b.startTime);

  class Performance {
    #brand;

    constructor(token) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      this.#brand = true;
    }

    static #check(self, member) {
      if (self === null || (typeof self !== "object" && typeof self !== "function") || !(#brand in self)) {
        throw new TypeError(`Performance.prototype.${member}: Illegal invocation`);
      }
    }

    // https://w3c.github.io/hr-time/#dom-performance-now
    now() {
      Performance.#check(this, "now");
      return now();
    }

    get timeOrigin() {
      Performance.#check(this, "timeOrigin");
      return timeOrigin;
    }

    toJSON() {
      Performance.#check(this, "toJSON");
      return { timeOrigin };
    }

    // https://w3c.github.io/user-timing/#mark-method
    mark(markName, markOptions = undefined) {
      Performance.#check(this, "mark");
      requireArguments(arguments.length, 1, "Failed to execute 'mark' on 'Performance'");
      const entry = new PerformanceMark(markName, markOptions);
      entryBuffer.push(entry);
      return entry;
    }

    // https://w3c.github.io/user-timing/#measure-method
    measure(measureName, startOrMeasureOptions = undefined, endMark = undefined) {
      Performance.#check(this, "measure");
      requireArguments(arguments.length, 1, "Failed to execute 'measure' on 'Performance'");
      const context = "Failed to execute 'measure' on 'Performance'";
      measureName = toDOMString(measureName);
      // The union (DOMString or PerformanceMeasureOptions): undefined, null and
      // objects are the dictionary, anything else a string.
      let options = null;
      let startMark;
      if (startOrMeasureOptions === undefined || startOrMeasureOptions === null || typeof startOrMeasureOptions === "object" || typeof startOrMeasureOptions === "function") {
        // Members in lexicographic order, as WebIDL reads them.
        const dict = dictionary(startOrMeasureOptions, context);
        const detail = dict.detail;
        const duration = dict.duration === undefined ? undefined : toDouble(dict.duration, `${context}: duration`);
        const end = dict.end === undefined ? undefined : toMarkOrTime(dict.end, `${context}: end`);
        const start = dict.start === undefined ? undefined : toMarkOrTime(dict.start, `${context}: start`);
        options = { detail, duration, end, start };
      } else {
        startMark = toDOMString(startOrMeasureOptions);
      }
      if (endMark !== undefined) endMark = toMarkOrTime(endMark, `${context}: endMark`);
      // 1. A non-empty options dictionary.
      const has = (member) => options !== null && options[member] !== undefined;
      if (has("detail") || has("start") || has("end") || has("duration")) {
        if (endMark !== undefined) throw new TypeError(`${context}: an end mark cannot be given with a measure options object.`);
        if (!has("start") && !has("end")) throw new TypeError(`${context}: the options must give a start or an end.`);
        if (has("start") && has("duration") && has("end")) {
          throw new TypeError(`${context}: the options cannot give start, end and duration together.`);
        }
      }
      // 2. The end time.
      let endTime;
      if (endMark !== undefined) endTime = markToTimestamp(endMark);
      else if (has("end")) endTime = markToTimestamp(options.end);
      else if (has("start") && has("duration")) endTime = markToTimestamp(options.start) + markToTimestamp(options.duration);
      else endTime = now();
      // 3. The start time.
      let startTime;
      if (has("start")) startTime = markToTimestamp(options.start);
      else if (has("duration") && has("end")) startTime = endTime - markToTimestamp(options.duration);
      else if (startMark !== undefined) startTime = markToTimestamp(startMark);
      else startTime = 0;
      // 4-9. The entry; detail is a structured clone, null when absent.
      const detail = has("detail") ? structuredClone(options.detail) : null;
      const entry = new PerformanceMeasure(internalConstruct, measureName, startTime, endTime - startTime, detail);
      entryBuffer.push(entry);
      return entry;
    }

    // https://w3c.github.io/user-timing/#clearmarks-method
    clearMarks(markName = undefined) {
      Performance.#check(this, "clearMarks");
      const name = markName === undefined ? undefined : toDOMString(markName);
      entryBuffer = entryBuffer.filter((e) => e.entryType !== "mark" || (name !== undefined && e.name !== name));
    }

    clearMeasures(measureName = undefined) {
      Performance.#check(this, "clearMeasures");
      const name = measureName === undefined ? undefined : toDOMString(measureName);
      entryBuffer = entryBuffer.filter((e) => e.entryType !== "measure" || (name !== undefined && e.name !== name));
    }

    // https://w3c.github.io/performance-timeline/#extensions-to-the-performance-interface
    getEntries() {
      Performance.#check(this, "getEntries");
      return chronological(entryBuffer.slice());
    }

    getEntriesByType(type) {
      Performance.#check(this, "getEntriesByType");
      requireArguments(arguments.length, 1, "Failed to execute 'getEntriesByType' on 'Performance'");
      type = toDOMString(type);
      return chronological(entryBuffer.filter((e) => e.entryType === type));
    }

    getEntriesByName(name, type = undefined) {
      Performance.#check(this, "getEntriesByName");
      requireArguments(arguments.length, 1, "Failed to execute 'getEntriesByName' on 'Performance'");
      name = toDOMString(name);
      type = type === undefined ? undefined : toDOMString(type);
      return chronological(entryBuffer.filter((e) => e.name === name && (type === undefined || e.entryType === type)));
    }
  }
  finishInterface(Performance, "Performance");
  const performance = new Performance(internalConstruct);

  // --- Navigator ------------------------------------------------------------------
  // userAgent is "Kode/<version>"; hardwareConcurrency is the parallelism the
  // OS grants this process. Both are read when this module loads
  // (and again at start-up when it comes from a snapshot).
  let userAgent, hardwareConcurrency;
  internal.onStart(
    () => {
      [userAgent, hardwareConcurrency] = ops.web_navigator();
    },
    () => {
      userAgent = hardwareConcurrency = undefined;
    },
  );

  class Navigator {
    #brand;

    constructor(token) {
      if (token !== internalConstruct) throw new TypeError("Illegal constructor");
      this.#brand = true;
    }

    static #check(self, member) {
      if (self === null || (typeof self !== "object" && typeof self !== "function") || !(#brand in self)) {
        throw new TypeError(`Navigator.prototype.${member}: Illegal invocation`);
      }
    }

    get userAgent() {
      Navigator.#check(this, "userAgent");
      return userAgent;
    }

    get hardwareConcurrency() {
      Navigator.#check(this, "hardwareConcurrency");
      return hardwareConcurrency;
    }
  }
  finishInterface(Navigator, "Navigator");
  const navigator = new Navigator(internalConstruct);

  return { Crypto, crypto, Performance, performance, PerformanceEntry, PerformanceMark, PerformanceMeasure, Navigator, navigator };
})

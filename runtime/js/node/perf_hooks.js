// perf_hooks.js: node:perf_hooks. `performance` is Kode's (High Resolution
// Time and User Timing) seen through an object with Node's extra members:
// timerify works (no observer can see its entries), the event-loop and
// resource-timing members throw ENODE_UNSUPPORTED, as do
// PerformanceObserver, histograms and monitorEventLoopDelay.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { unsupported, unsupportedFunction } = support;

  const web = globalThis.performance;
  const performance = Object.create(Object.getPrototypeOf(web));
  for (const name of ["now", "mark", "measure", "getEntries", "getEntriesByName", "getEntriesByType", "clearMarks", "clearMeasures", "toJSON"]) {
    Object.defineProperty(performance, name, {
      value: { [name]: (...args) => web[name](...args) }[name],
      writable: true, enumerable: true, configurable: true,
    });
  }
  Object.defineProperty(performance, "timeOrigin", { get: () => web.timeOrigin, enumerable: true, configurable: true });

  function timerify(fn, options = {}) {
    if (typeof fn !== "function") throw support.argTypeError("fn", "Function", fn);
    if (options === null || typeof options !== "object") throw support.argTypeError("options", "Object", options);
    function timerified(...args) {
      return new.target ? Reflect.construct(fn, args, fn) : Reflect.apply(fn, this, args);
    }
    Object.defineProperties(timerified, {
      length: { value: fn.length, configurable: true },
      name: { value: `timerified ${fn.name}`, configurable: true },
    });
    return timerified;
  }
  Object.assign(performance, {
    timerify,
    eventLoopUtilization: unsupportedFunction("performance.eventLoopUtilization"),
    markResourceTiming: unsupportedFunction("performance.markResourceTiming"),
    // Kode records no resource timings: there is nothing to clear or bound.
    clearResourceTimings() {},
    setResourceTimingBufferSize() {},
  });
  Object.defineProperty(performance, "nodeTiming", {
    get() {
      throw unsupported("performance.nodeTiming");
    },
    enumerable: true,
    configurable: true,
  });

  const unsupportedClass = (name) => ({
    [name]: class {
      constructor() {
        throw unsupported(`perf_hooks.${name}`);
      }
    },
  })[name];

  const exports = {
    Performance: globalThis.Performance,
    PerformanceEntry: globalThis.PerformanceEntry,
    PerformanceMark: globalThis.PerformanceMark,
    PerformanceMeasure: globalThis.PerformanceMeasure,
    PerformanceObserver: unsupportedClass("PerformanceObserver"),
    PerformanceObserverEntryList: unsupportedClass("PerformanceObserverEntryList"),
    PerformanceResourceTiming: unsupportedClass("PerformanceResourceTiming"),
    monitorEventLoopDelay: unsupportedFunction("perf_hooks.monitorEventLoopDelay"),
    createHistogram: unsupportedFunction("perf_hooks.createHistogram"),
    performance,
    constants: {
      NODE_PERFORMANCE_GC_MAJOR: 4,
      NODE_PERFORMANCE_GC_MINOR: 1,
      NODE_PERFORMANCE_GC_INCREMENTAL: 8,
      NODE_PERFORMANCE_GC_WEAKCB: 16,
      NODE_PERFORMANCE_GC_FLAGS_NO: 0,
      NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
      NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
      NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
      NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
      NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
      NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
    },
  };
  return exports;
})

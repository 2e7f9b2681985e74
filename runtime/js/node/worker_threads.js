// worker_threads.js: node:worker_threads. Kode runs one thread: this is the
// main thread, with no parent port or worker data. Workers and the
// cross-context port functions throw ENODE_UNSUPPORTED; MessageChannel and
// MessagePort are Kode's Web classes; environment data is a plain map.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");
  const { unsupported, unsupportedFunction } = support;

  class Worker {
    constructor() {
      throw unsupported("worker_threads.Worker");
    }
  }
  class BroadcastChannel {
    constructor() {
      throw unsupported("worker_threads.BroadcastChannel");
    }
  }

  const environmentData = new Map();
  const exports = {
    isMainThread: true,
    isInternalThread: false,
    parentPort: null,
    workerData: null,
    threadId: 0,
    resourceLimits: {},
    SHARE_ENV: Symbol.for("nodejs.worker_threads.SHARE_ENV"),
    Worker,
    BroadcastChannel,
    getEnvironmentData: (key) => environmentData.get(key),
    setEnvironmentData(key, value) {
      if (value === undefined) environmentData.delete(key);
      else environmentData.set(key, value);
    },
    markAsUntransferable: unsupportedFunction("worker_threads.markAsUntransferable"),
    isMarkedAsUntransferable: unsupportedFunction("worker_threads.isMarkedAsUntransferable"),
    moveMessagePortToContext: unsupportedFunction("worker_threads.moveMessagePortToContext"),
    receiveMessageOnPort: unsupportedFunction("worker_threads.receiveMessageOnPort"),
    postMessageToThread: unsupportedFunction("worker_threads.postMessageToThread"),
  };
  for (const name of ["MessageChannel", "MessagePort"]) {
    Object.defineProperty(exports, name, {
      get: () => globalThis[name],
      set(value) {
        Object.defineProperty(exports, name, { value, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    });
  }
  return exports;
})

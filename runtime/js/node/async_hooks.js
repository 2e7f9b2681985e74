// async_hooks.js: node:async_hooks. AsyncLocalStorage over V8's
// continuation-preserved embedder data (ops async_context_get/set): the
// context is an immutable Map from storage to store, replaced (never
// changed) by run() and enterWith(), so every continuation keeps the one it
// was created under. Timers and process.nextTick capture it through
// internal.asyncContext, installed when this module first loads. The
// low-level hook API (createHook, executionAsyncId...) is not provided.
(function (ops, internal) {
  "use strict";

  const support = internal.loadInternal("kode:internal/node/support");

  const current = () => ops.async_context_get();

  function within(context, fn, args, thisArg = globalThis) {
    const previous = current();
    ops.async_context_set(context);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      ops.async_context_set(previous);
    }
  }

  internal.asyncContext ??= { capture: current, within };

  function withStore(storage, store) {
    const context = current();
    const next = new Map(context instanceof Map ? context : undefined);
    next.set(storage, store);
    return next;
  }

  class AsyncLocalStorage {
    #enabled = true;

    static bind(fn) {
      if (typeof fn !== "function") throw support.invalidArgType("fn", "of type function", fn);
      const context = current();
      return function bound(...args) {
        return within(context, fn, args, this);
      };
    }

    static snapshot() {
      const context = current();
      return (fn, ...args) => within(context, fn, args);
    }

    disable() {
      this.#enabled = false;
      const context = current();
      if (context instanceof Map && context.has(this)) {
        const next = new Map(context);
        next.delete(this);
        ops.async_context_set(next);
      }
    }

    getStore() {
      if (!this.#enabled) return undefined;
      const context = current();
      return context instanceof Map ? context.get(this) : undefined;
    }

    enterWith(store) {
      this.#enabled = true;
      ops.async_context_set(withStore(this, store));
    }

    run(store, callback, ...args) {
      this.#enabled = true;
      return within(withStore(this, store), callback, args);
    }

    exit(callback, ...args) {
      const context = current();
      if (!(context instanceof Map) || !context.has(this)) return Reflect.apply(callback, undefined, args);
      const next = new Map(context);
      next.delete(this);
      return within(next, callback, args);
    }
  }

  // A resource that runs callbacks in the context it was created in.
  class AsyncResource {
    #context = current();

    constructor(type) {
      if (typeof type !== "string") throw support.invalidArgType("type", "of type string", type);
      this.type = type;
    }

    runInAsyncScope(fn, thisArg, ...args) {
      return within(this.#context, fn, args, thisArg);
    }

    bind(fn, thisArg) {
      const resource = this;
      return function bound(...args) {
        return resource.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args);
      };
    }

    static bind(fn, type, thisArg) {
      return new AsyncResource(type ?? fn.name ?? "bound-anonymous-fn").bind(fn, thisArg);
    }

    emitDestroy() {
      return this;
    }

    asyncId() {
      return 0;
    }

    triggerAsyncId() {
      return 0;
    }
  }

  const unsupported = (name) => support.unsupportedFunction(`async_hooks.${name}`);
  return {
    AsyncLocalStorage,
    AsyncResource,
    createHook: unsupported("createHook"),
    executionAsyncId: unsupported("executionAsyncId"),
    triggerAsyncId: unsupported("triggerAsyncId"),
    executionAsyncResource: unsupported("executionAsyncResource"),
    asyncWrapProviders: Object.freeze({}),
  };
})

// global.js: Node's globals for files under node_modules: `value(name)` is
// what each CommonJS wrapper parameter gets, `global` also what ES modules
// import (the import compile.rs appends). `global` is
// globalThis seen through a proxy that also answers Node's globals the
// application does not have - `global.process`, `global.Buffer`,
// `global.setImmediate` (the npm "process" shim is `module.exports =
// global.process`) - with Node's timer functions in place of Kode's. Every
// other property, set and definition goes to globalThis itself.
(function (ops, internal) {
  "use strict";

  const timers = () => internal.builtin("node:timers");
  const extras = {
    process: () => internal.builtin("node:process"),
    Buffer: () => internal.builtin("node:buffer").Buffer,
    setImmediate: () => timers().setImmediate,
    clearImmediate: () => timers().clearImmediate,
    setTimeout: () => timers().setTimeout,
    clearTimeout: () => timers().clearTimeout,
    setInterval: () => timers().setInterval,
    clearInterval: () => timers().clearInterval,
  };
  const isExtra = (key) => typeof key === "string" && Object.hasOwn(extras, key);
  // A process or Buffer the program put on globalThis itself wins.
  const answers = (target, key) => isExtra(key) && ((key !== "process" && key !== "Buffer") || !(key in target));

  const global = new Proxy(globalThis, {
    get(target, key) {
      if (answers(target, key)) return extras[key]();
      return Reflect.get(target, key);
    },
    has(target, key) {
      return isExtra(key) || key in target;
    },
    getOwnPropertyDescriptor(target, key) {
      const own = Reflect.getOwnPropertyDescriptor(target, key);
      if (own !== undefined || !isExtra(key)) return own;
      return { value: extras[key](), writable: true, enumerable: false, configurable: true };
    },
  });
  // What a package module's wrapper parameter `name` is (01_modules.js).
  const value = (name) => (name === "global" ? global : extras[name]());
  return { global, value };
})

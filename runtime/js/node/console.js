// console.js: node:console, the global console's methods (as Node's module
// is the global console); the Console class, which writes to other streams,
// is not provided.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  const exports = {};
  for (const name of Object.getOwnPropertyNames(console)) {
    if (typeof console[name] === "function") exports[name] = console[name].bind(console);
  }
  exports.dirxml ??= exports.log;
  exports.groupCollapsed ??= exports.group;
  // Inspector-only in Node, and clear() does nothing off a terminal there too.
  for (const name of ["clear", "profile", "profileEnd", "timeStamp"]) exports[name] ??= () => {};
  exports.Console = support.unsupportedFunction("console.Console");
  return exports;
})

// global.js: what an ES module under node_modules that names `global` imports
// (runtime/src/compile.rs appends the import): Node's `global` is globalThis.
(function () {
  "use strict";
  return { global: globalThis };
})

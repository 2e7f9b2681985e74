// sys.js: node:sys, the old name of node:util.
(function (ops, internal) {
  "use strict";
  return internal.loadInternal("kode:internal/node/support").builtin("node:util");
})

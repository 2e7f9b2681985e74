// path_posix.js: node:path/posix, the same object as node:path (Kode's paths are POSIX).
(function (ops, internal) {
  "use strict";
  return internal.loadInternal("kode:internal/node/support").builtin("node:path");
})

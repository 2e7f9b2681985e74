// fs_promises.js: node:fs/promises, the promise forms node:fs builds (the
// same functions as require("node:fs").promises).
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  const fs = support.builtin("node:fs");
  return fs[support.kFsPromises].promises;
})

// path.js: kode:path (placeholder until the real implementation lands).
(function (ops, internal) {
  "use strict";
  return { sep: "/" };
})

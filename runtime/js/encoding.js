// encoding.js: kode:encoding (placeholder until the real implementation lands).
(function (ops, internal) {
  "use strict";
  return {};
})

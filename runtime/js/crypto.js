// crypto.js: kode:crypto (placeholder until the real implementation lands).
(function (ops, internal) {
  "use strict";
  return {};
})

// fs.js: kode:fs (placeholder until the real implementation lands).
(function (ops, internal) {
  "use strict";
  return {};
})

// assert_strict.js: node:assert/strict, not built yet: requiring it throws ENODE_UNSUPPORTED.
(function (ops, internal) {
  "use strict";
  throw internal.loadInternal("kode:internal/node/support").unsupported("node:assert/strict");
})

// util_types.js: node:util/types, not built yet: requiring it throws ENODE_UNSUPPORTED.
(function (ops, internal) {
  "use strict";
  throw internal.loadInternal("kode:internal/node/support").unsupported("node:util/types");
})

// querystring.js: node:querystring, not built yet: requiring it throws ENODE_UNSUPPORTED.
(function (ops, internal) {
  "use strict";
  throw internal.loadInternal("kode:internal/node/support").unsupported("node:querystring");
})

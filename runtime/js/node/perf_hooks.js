// perf_hooks.js: node:perf_hooks, not built yet: requiring it throws ENODE_UNSUPPORTED.
(function (ops, internal) {
  "use strict";
  throw internal.loadInternal("kode:internal/node/support").unsupported("node:perf_hooks");
})

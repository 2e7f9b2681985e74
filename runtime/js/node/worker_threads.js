// worker_threads.js: node:worker_threads, not built yet: requiring it throws ENODE_UNSUPPORTED.
(function (ops, internal) {
  "use strict";
  throw internal.loadInternal("kode:internal/node/support").unsupported("node:worker_threads");
})

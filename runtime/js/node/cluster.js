// cluster.js: node:cluster. Kode does not provide worker processes (Kode runs
// one process; isPrimary is true): the module loads (a package that only names
// it works) and each function throws ENODE_UNSUPPORTED when called. Member
// names and constants are Node 22's.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  return support.unsupportedModule("cluster", ["Worker", "setupPrimary", "setupMaster", "fork", "disconnect"], {
    isWorker: false,
    isMaster: true,
    isPrimary: true,
    SCHED_NONE: 1,
    SCHED_RR: 2,
    schedulingPolicy: 2,
  });
});

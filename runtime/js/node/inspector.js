// inspector.js: node:inspector. Kode does not provide the debugging protocol:
// the module loads (a package that only names it works) and each function
// throws ENODE_UNSUPPORTED when called. Member names and constants are Node
// 22's.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  return support.unsupportedModule("inspector", ["open", "close", "url", "waitForDebugger", "Session"], {});
});

// trace_events.js: node:trace_events. Kode does not provide trace events: the
// module loads (a package that only names it works) and each function throws
// ENODE_UNSUPPORTED when called. Member names and constants are Node 22's.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  return support.unsupportedModule("trace_events", ["createTracing", "getEnabledCategories"], {});
});

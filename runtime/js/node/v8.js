// v8.js: node:v8. Kode does not provide engine introspection: the module loads
// (a package that only names it works) and each function throws
// ENODE_UNSUPPORTED when called. Member names and constants are Node 22's.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  return support.unsupportedModule(
    "v8",
    [
      "cachedDataVersionTag",
      "getHeapSnapshot",
      "getHeapStatistics",
      "getHeapSpaceStatistics",
      "getHeapCodeStatistics",
      "setFlagsFromString",
      "Serializer",
      "Deserializer",
      "DefaultSerializer",
      "DefaultDeserializer",
      "deserialize",
      "takeCoverage",
      "stopCoverage",
      "serialize",
      "writeHeapSnapshot",
      "queryObjects",
      "setHeapSnapshotNearHeapLimit",
      "GCProfiler",
    ],
    {},
  );
});

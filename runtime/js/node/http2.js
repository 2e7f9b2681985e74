// http2.js: node:http2. Kode does not provide HTTP/2 sessions (fetch and
// Kode.serve speak HTTP/2 themselves): the module loads (a package that only
// names it works) and each function throws ENODE_UNSUPPORTED when called.
// Member names and constants are Node 22's.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  return support.unsupportedModule(
    "http2",
    [
      "connect",
      "createServer",
      "createSecureServer",
      "getDefaultSettings",
      "getPackedSettings",
      "getUnpackedSettings",
      "performServerHandshake",
      "Http2ServerRequest",
      "Http2ServerResponse",
    ],
    {},
  );
});

// tls.js: node:tls. Kode does not provide TLS sockets (kode:net's connect({ tls
// }) and Kode.serve's tls are Kode's): the module loads (a package that only
// names it works) and each function throws ENODE_UNSUPPORTED when called.
// Member names and constants are Node 22's.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  return support.unsupportedModule(
    "tls",
    [
      "getCiphers",
      "convertALPNProtocols",
      "checkServerIdentity",
      "createSecureContext",
      "SecureContext",
      "TLSSocket",
      "Server",
      "createServer",
      "connect",
      "createSecurePair",
    ],
    {
      CLIENT_RENEG_LIMIT: 3,
      CLIENT_RENEG_WINDOW: 600,
      DEFAULT_CIPHERS:
        "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256:DHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:DHE-RSA-AES256-SHA384:ECDHE-RSA-AES256-SHA256:DHE-RSA-AES256-SHA256:HIGH:!aNULL:!eNULL:!EXPORT:!DES:!RC4:!MD5:!PSK:!SRP:!CAMELLIA",
      DEFAULT_ECDH_CURVE: "auto",
      DEFAULT_MIN_VERSION: "TLSv1.2",
      DEFAULT_MAX_VERSION: "TLSv1.3",
    },
  );
});

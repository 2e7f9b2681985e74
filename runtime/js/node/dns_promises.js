// dns_promises.js: node:dns/promises. Kode does not provide name resolution:
// the module loads (a package that only names it works) and each function
// throws ENODE_UNSUPPORTED when called. Member names and constants are Node
// 22's.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  return support.unsupportedModule(
    "dns.promises",
    [
      "lookup",
      "lookupService",
      "Resolver",
      "getDefaultResultOrder",
      "setDefaultResultOrder",
      "setServers",
      "getServers",
      "resolve",
      "resolve4",
      "resolve6",
      "resolveAny",
      "resolveCaa",
      "resolveCname",
      "resolveMx",
      "resolveNaptr",
      "resolveNs",
      "resolvePtr",
      "resolveSoa",
      "resolveSrv",
      "resolveTxt",
      "reverse",
    ],
    {
      NODATA: "ENODATA",
      FORMERR: "EFORMERR",
      SERVFAIL: "ESERVFAIL",
      NOTFOUND: "ENOTFOUND",
      NOTIMP: "ENOTIMP",
      REFUSED: "EREFUSED",
      BADQUERY: "EBADQUERY",
      BADNAME: "EBADNAME",
      BADFAMILY: "EBADFAMILY",
      BADRESP: "EBADRESP",
      CONNREFUSED: "ECONNREFUSED",
      TIMEOUT: "ETIMEOUT",
      EOF: "EOF",
      FILE: "EFILE",
      NOMEM: "ENOMEM",
      DESTRUCTION: "EDESTRUCTION",
      BADSTR: "EBADSTR",
      BADFLAGS: "EBADFLAGS",
      NONAME: "ENONAME",
      BADHINTS: "EBADHINTS",
      NOTINITIALIZED: "ENOTINITIALIZED",
      LOADIPHLPAPI: "ELOADIPHLPAPI",
      ADDRGETNETWORKPARAMS: "EADDRGETNETWORKPARAMS",
      CANCELLED: "ECANCELLED",
    },
  );
});

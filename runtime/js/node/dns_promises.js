// dns_promises.js: node:dns/promises. Kode does not provide name resolution:
// the module loads (a package that only names it works) and each function
// throws ENODE_UNSUPPORTED when called. Its error-code constants are node:dns's.
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  const dns = support.builtin("node:dns");
  const codes = Object.fromEntries(Object.entries(dns).filter(([, value]) => typeof value === "string"));
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
    codes,
  );
});

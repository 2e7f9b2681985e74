// dns_promises.js: node:dns/promises. Kode does not provide name resolution:
// the module loads (a package that only names it works) and each function
// throws ENODE_UNSUPPORTED when called. Its functions and error-code
// constants are node:dns's (Node's two modules name the same ones).
(function (ops, internal) {
  "use strict";
  const support = internal.loadInternal("kode:internal/node/support");
  const dns = Object.entries(support.builtin("node:dns"));
  const functions = dns.filter(([, value]) => typeof value === "function").map(([name]) => name);
  const codes = Object.fromEntries(dns.filter(([, value]) => typeof value === "string"));
  return support.unsupportedModule("dns.promises", functions, codes);
})

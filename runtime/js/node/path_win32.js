// path_win32.js: node:path/win32, Node's Windows path rules, which Kode (POSIX
// only) does not implement: each function throws ENODE_UNSUPPORTED.
(function (ops, internal) {
  "use strict";
  return internal.loadInternal("kode:internal/node/support").builtin("node:path").win32;
})

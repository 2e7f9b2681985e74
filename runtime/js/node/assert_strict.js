// assert_strict.js: node:assert/strict, the same object as node:assert's `strict`.
(function (ops, internal) {
  "use strict";
  return internal.loadInternal("kode:internal/node/support").builtin("node:assert").strict;
})

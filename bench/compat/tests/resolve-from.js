// Smoke test of resolve-from: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const resolveFrom = require("resolve-from");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const file = resolveFrom(".", "ms");
check(file.endsWith("/node_modules/ms/index.js"), file);
check(resolveFrom.silent(".", "no-such-package-kode-compat") === undefined, "silent");
console.log("ok");

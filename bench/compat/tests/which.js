// Smoke test of which: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const which = require("which");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const sh = which.sync("sh");
check(typeof sh === "string" && sh.endsWith("/sh"), "sync " + sh);
check(which.sync("no-such-program-kode-compat", { nothrow: true }) === null, "nothrow");
console.log("ok");

// Smoke test of tr46: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const tr46 = require("tr46");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(tr46.toASCII("mañana.com") === "xn--maana-pta.com", "toASCII");
check(tr46.toUnicode("xn--maana-pta.com").domain === "mañana.com", "toUnicode");
console.log("ok");

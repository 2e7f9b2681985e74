// Smoke test of punycode: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
// "punycode/" (with the slash), as the package's README says: without it Node
// gives its own deprecated builtin of that name.
const punycode = require("punycode/");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(punycode.toASCII("mañana.com") === "xn--maana-pta.com", "toASCII");
check(punycode.toUnicode("xn--maana-pta.com") === "mañana.com", "toUnicode");
console.log("ok");

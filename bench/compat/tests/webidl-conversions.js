// Smoke test of webidl-conversions: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const conversions = require("webidl-conversions");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(conversions.long(3.7) === 3, "long");
check(conversions["unsigned short"](-1) === 65535, "unsigned short");
check(conversions.DOMString(5) === "5", "DOMString");
console.log("ok");

// Smoke test of ms: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const ms = require("ms");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(ms("2 days") === 172800000, "parse");
check(ms(60000) === "1m", "format");
check(ms(2 * 60000, { long: true }) === "2 minutes", "long");
console.log("ok");

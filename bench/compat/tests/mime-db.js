// Smoke test of mime-db: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const db = require("mime-db");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(db["application/json"].extensions.includes("json"), "json");
check(db["text/html"].compressible === true, "html");
console.log("ok");

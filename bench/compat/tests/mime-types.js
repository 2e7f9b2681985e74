// Smoke test of mime-types: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const mime = require("mime-types");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(mime.lookup("json") === "application/json", "lookup");
check(mime.contentType("text/html") === "text/html; charset=utf-8", "contentType");
check(mime.extension("application/octet-stream") === "bin", "extension");
console.log("ok");

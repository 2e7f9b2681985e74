// Smoke test of iconv-lite: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const iconv = require("iconv-lite");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const bytes = iconv.encode("Привет", "win1251");
check(bytes.length === 6 && bytes[0] === 0xcf, "encode");
check(iconv.decode(bytes, "win1251") === "Привет", "decode");
check(iconv.encodingExists("utf-16le") === true, "encodingExists");
console.log("ok");

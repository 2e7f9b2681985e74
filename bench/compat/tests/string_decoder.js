// Smoke test of string_decoder: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
// "string_decoder/" (with the slash), as the package's README says: without it
// Node gives its own builtin of that name.
const { StringDecoder } = require("string_decoder/");
const { Buffer } = require("safe-buffer");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const d = new StringDecoder("utf8");
check(d.write(Buffer.from([0xe2, 0x82])) === "", "partial");
check(d.end(Buffer.from([0xac])) === "€", "end");
console.log("ok");

// Smoke test of safe-buffer: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const Buffer = require("safe-buffer").Buffer;
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(Buffer.from("hi").toString("hex") === "6869", "hex");
check(Buffer.alloc(3).length === 3 && Buffer.from("aGk=", "base64").toString() === "hi", "alloc/base64");
console.log("ok");

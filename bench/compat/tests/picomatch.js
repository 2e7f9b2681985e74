// Smoke test of picomatch: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const picomatch = require("picomatch");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const isMatch = picomatch("*.js");
check(isMatch("abcd.js") === true, "match");
check(isMatch("a.md") === false, "no match");
check(picomatch.isMatch("src/a/b.ts", "src/**/*.ts") === true, "globstar");
console.log("ok");

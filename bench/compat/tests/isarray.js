// Smoke test of isarray: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const isArray = require("isarray");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(isArray([]) === true && isArray({}) === false, "isArray");
console.log("ok");

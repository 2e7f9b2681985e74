// Smoke test of get-intrinsic: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const GetIntrinsic = require("get-intrinsic");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(GetIntrinsic("%Math.pow%")(2, 3) === 8, "Math.pow");
check(GetIntrinsic("%Array.prototype.push%") === Array.prototype.push, "Array.prototype.push");
console.log("ok");

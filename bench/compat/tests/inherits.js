// Smoke test of inherits: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const inherits = require("inherits");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
function A() {}
A.prototype.x = function () { return 1; };
function B() { A.call(this); }
inherits(B, A);
check(new B().x() === 1 && new B() instanceof A && B.super_ === A, "inherits");
console.log("ok");

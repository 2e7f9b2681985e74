// Smoke test of tslib: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const tslib = require("tslib");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
check(same(tslib.__assign({ a: 1 }, { b: 2 }), { a: 1, b: 2 }), "__assign");
check(same(tslib.__spreadArray([1], [2, 3], false), [1, 2, 3]), "__spreadArray");
function A() { this.x = 1; }
function B() { return A.call(this) || this; }
tslib.__extends(B, A);
check(new B() instanceof A && new B().x === 1, "__extends");
console.log("ok");

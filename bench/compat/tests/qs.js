// Smoke test of qs: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const qs = require("qs");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
check(same(qs.parse("a[b]=c&d[]=1&d[]=2"), { a: { b: "c" }, d: ["1", "2"] }), "parse");
check(qs.stringify({ a: { b: "c" } }) === "a%5Bb%5D=c", "stringify");
console.log("ok");

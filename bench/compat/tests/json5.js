// Smoke test of json5: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const JSON5 = require("json5");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
check(same(JSON5.parse("{a: 1, b: 'x', /* c */ c: [1,2,],}"), { a: 1, b: "x", c: [1, 2] }), "parse");
check(JSON5.stringify({ a: 1, "b-c": "x" }) === "{a:1,'b-c':'x'}", JSON5.stringify({ a: 1, "b-c": "x" }));
console.log("ok");

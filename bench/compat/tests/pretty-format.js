// Smoke test of pretty-format: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const { format: prettyFormat } = require("pretty-format");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const out = prettyFormat({ a: [1, "x"], b: null });
check(out === 'Object {\n  "a": Array [\n    1,\n    "x",\n  ],\n  "b": null,\n}', JSON.stringify(out));
console.log("ok");

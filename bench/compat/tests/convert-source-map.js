// Smoke test of convert-source-map: loaded with require as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
"use strict";
const convert = require("convert-source-map");
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const map = { version: 3, file: "a.js", sources: ["a.ts"], names: [], mappings: "AAAA" };
const comment = convert.fromObject(map).toComment();
check(comment.startsWith("//# sourceMappingURL=data:application/json;charset=utf-8;base64,"), comment);
check(same(convert.fromComment(comment).toObject(), map), "round trip");
console.log("ok");

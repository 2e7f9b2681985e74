// Smoke test of strip-json-comments: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import stripJsonComments from "strip-json-comments";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const json = '{/*rainbows*/"unicorn": "cake", // x\n "n": 1}';
check(same(JSON.parse(stripJsonComments(json)), { unicorn: "cake", n: 1 }), "strip");
console.log("ok");

// Smoke test of js-yaml: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { load, dump } from "js-yaml";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
check(same(load("a: 1\nb: [x, y]\n"), { a: 1, b: ["x", "y"] }), "load");
check(dump({ a: 1 }) === "a: 1\n", "dump");
console.log("ok");

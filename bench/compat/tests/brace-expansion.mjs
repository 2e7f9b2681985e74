// Smoke test of brace-expansion: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { expand } from "brace-expansion";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
check(same(expand("file-{a,b,c}.jpg"), ["file-a.jpg", "file-b.jpg", "file-c.jpg"]), "list");
check(same(expand("x{1..3}"), ["x1", "x2", "x3"]), "range");
console.log("ok");

// Smoke test of ignore: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import ignore from "ignore";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const ig = ignore().add(["*.log", "!keep.log", "build/"]);
check(ig.ignores("a.log") === true && ig.ignores("keep.log") === false, "log");
check(ig.ignores("build/x.js") === true && ig.ignores("src/x.js") === false, "dir");
console.log("ok");

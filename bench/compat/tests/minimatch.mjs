// Smoke test of minimatch: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { minimatch } from "minimatch";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(minimatch("bar.foo", "*.foo") === true, "match");
check(minimatch("bar.foo", "*.bar") === false, "no match");
check(minimatch("a/b/c.js", "a/**/*.{js,ts}") === true, "globstar");
console.log("ok");

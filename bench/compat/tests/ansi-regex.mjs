// Smoke test of ansi-regex: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import ansiRegex from "ansi-regex";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(ansiRegex().test("\u001B[4mcake\u001B[0m") === true, "test");
check("\u001B[4mcake\u001B[0m".match(ansiRegex()).length === 2, "match");
console.log("ok");

// Smoke test of strip-ansi: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import stripAnsi from "strip-ansi";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(stripAnsi("\u001B[4mUnicorn\u001B[0m") === "Unicorn", "strip");
console.log("ok");

// Smoke test of string-width: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import stringWidth from "string-width";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(stringWidth("a") === 1, "a");
check(stringWidth("古") === 2, "wide");
check(stringWidth("\u001B[1m古\u001B[22m") === 2, "ansi");
console.log("ok");

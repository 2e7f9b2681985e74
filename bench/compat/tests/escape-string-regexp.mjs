// Smoke test of escape-string-regexp: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import escapeStringRegexp from "escape-string-regexp";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(escapeStringRegexp("How much $ for a unicorn?") === "How much \\$ for a unicorn\\?", "escape");
check(new RegExp(escapeStringRegexp("a.b*c")).test("xa.b*cx") === true, "regexp");
console.log("ok");

// Smoke test of is-fullwidth-code-point: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import isFullwidthCodePoint from "is-fullwidth-code-point";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(isFullwidthCodePoint("谢".codePointAt(0)) === true, "wide");
check(isFullwidthCodePoint("a".codePointAt(0)) === false, "narrow");
console.log("ok");

// Smoke test of wrap-ansi: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import wrapAnsi from "wrap-ansi";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const out = wrapAnsi("aaa bbb ccc", 7);
check(out === "aaa bbb\nccc", JSON.stringify(out));
console.log("ok");

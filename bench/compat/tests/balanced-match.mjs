// Smoke test of balanced-match: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { balanced } from "balanced-match";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const m = balanced("{", "}", "pre{in{nest}}post");
check(m.start === 3 && m.end === 12 && m.pre === "pre" && m.body === "in{nest}" && m.post === "post", JSON.stringify(m));
console.log("ok");

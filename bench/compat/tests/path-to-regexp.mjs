// Smoke test of path-to-regexp: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { match, compile } from "path-to-regexp";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const m = match("/user/:id")("/user/123");
check(m && m.params.id === "123" && m.path === "/user/123", JSON.stringify(m));
check(compile("/user/:id")({ id: "42" }) === "/user/42", "compile");
console.log("ok");

// Smoke test of isexe: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { isexe, sync } from "isexe";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(sync("/bin/sh") === true, "sync /bin/sh");
check((await isexe("isexe.mjs")) === false, "isexe test file");
console.log("ok");

// Smoke test of locate-path: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { locatePath } from "locate-path";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check((await locatePath(["no-such-file", "locate-path.mjs", "glob.mjs"])) === "locate-path.mjs", "locatePath");
console.log("ok");

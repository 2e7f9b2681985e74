// Smoke test of globals: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import globals from "globals";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check("window" in globals.browser && "document" in globals.browser, "browser");
check("process" in globals.node && !("window" in globals.node), "node");
console.log("ok");

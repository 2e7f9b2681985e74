// Smoke test of path-exists: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { pathExists, pathExistsSync } from "path-exists";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check((await pathExists("path-exists.mjs")) === true, "exists");
check(pathExistsSync("no-such-file-kode-compat") === false, "missing");
console.log("ok");

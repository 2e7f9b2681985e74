// Smoke test of path-key: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import pathKey from "path-key";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(pathKey() === "PATH", "pathKey " + pathKey());
check(pathKey({ env: { Path: "x" }, platform: "win32" }) === "Path", "win32");
console.log("ok");

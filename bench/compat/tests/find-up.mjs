// Smoke test of find-up: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { findUp } from "find-up";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
// from the tests folder, package.json is found one level up (the install's own)
const found = await findUp("package.json");
check(typeof found === "string" && found.endsWith("/package.json") && !found.endsWith("/tests/package.json"), "findUp " + found);
check((await findUp("no-such-file-kode-compat")) === undefined, "not found");
console.log("ok");

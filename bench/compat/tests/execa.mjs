// Smoke test of execa: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { execa } from "execa";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const { stdout, exitCode } = await execa("echo", ["hi"]);
check(stdout === "hi" && exitCode === 0, JSON.stringify(stdout));
console.log("ok");

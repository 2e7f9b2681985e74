// Smoke test of commander: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { Command } from "commander";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const program = new Command();
program.exitOverride().option("-p, --port <number>", "port").option("-v, --verbose").argument("[file]");
program.parse(["--port", "80", "-v", "a.txt"], { from: "user" });
check(program.opts().port === "80" && program.opts().verbose === true, "opts " + JSON.stringify(program.opts()));
check(same(program.args, ["a.txt"]), "args");
console.log("ok");

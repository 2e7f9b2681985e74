// Smoke test of chalk: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import chalk, { Chalk } from "chalk";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
check(typeof chalk.red("x") === "string", "chalk.red");
const c = new Chalk({ level: 1 });
check(c.red.bold("x") === "\u001B[31m\u001B[1mx\u001B[22m\u001B[39m", "level 1: " + JSON.stringify(c.red.bold("x")));
console.log("ok");

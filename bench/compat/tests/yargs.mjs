// Smoke test of yargs: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import yargs from "yargs";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const argv = yargs(["--n", "3", "--name=x", "file"]).option("n", { type: "number" }).parseSync();
check(argv.n === 3 && argv.name === "x" && same(argv._, ["file"]), JSON.stringify(argv));
console.log("ok");

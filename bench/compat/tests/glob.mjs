// Smoke test of glob: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { glob, globSync } from "glob";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
// run.sh runs every test with the tests folder as the working directory
const found = await glob("glob.*");
check(same(found, ["glob.mjs"]), "glob " + JSON.stringify(found));
check(globSync("*.mjs").includes("glob.mjs"), "globSync");
console.log("ok");

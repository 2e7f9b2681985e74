// Smoke test of minipass: loaded with import as its README shows; prints ok or throws.
// The application's own code: no process, Buffer or bare Node builtin here.
import { Minipass } from "minipass";
function check(ok, what) { if (!ok) throw new Error("check failed: " + what); }
const mp = new Minipass({ encoding: "utf8" });
mp.write("a");
mp.end("b");
check((await mp.concat()) === "ab", "concat");
console.log("ok");
